//! A single-line text field with readline editing (Ctrl-A, Ctrl-E, Ctrl-W, Ctrl-U…). The cursor
//! is a char index, so accents and CJK never split a character.

/// The text a user is typing, and where the cursor is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// An edit to a [`TextInput`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Pasted text; line breaks and tabs become spaces because every field is one line.
    Paste(String),
    DeleteBack,
    DeleteForward,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-W: delete the word before the cursor.
    DeleteWordBack,
    /// Ctrl-U: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Ctrl-K in readline; here only reachable from fields, where it does not move the list.
    DeleteToEnd,
}

impl TextInput {
    /// An empty field.
    pub const fn new() -> TextInput {
        TextInput { text: String::new(), cursor: 0 }
    }

    /// A field holding `text`, with the cursor at its end.
    pub fn with_text(text: &str) -> TextInput {
        TextInput { text: text.to_string(), cursor: text.chars().count() }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position, in chars.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True when nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Applies an edit; returns true when the text changed (not only the cursor).
    pub fn apply(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::Insert(c) => self.insert(&single_line(&c.to_string())),
            Edit::Paste(text) => self.insert(&single_line(&text)),
            Edit::DeleteBack => self.cursor > 0 && self.remove(self.cursor - 1, self.cursor),
            Edit::DeleteForward => self.cursor < self.len() && self.remove(self.cursor, self.cursor + 1),
            Edit::Left => self.move_to(self.cursor.saturating_sub(1)),
            Edit::Right => self.move_to((self.cursor + 1).min(self.len())),
            Edit::Home => self.move_to(0),
            Edit::End => self.move_to(self.len()),
            Edit::DeleteWordBack => self.remove(self.word_start(), self.cursor),
            Edit::DeleteToStart => self.remove(0, self.cursor),
            Edit::DeleteToEnd => self.remove(self.cursor, self.len()),
        }
    }

    /// Empties the field.
    pub fn clear(&mut self) -> bool {
        self.remove(0, self.len())
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(byte, _)| byte)
    }

    fn insert(&mut self, text: &str) -> bool {
        if text.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
        true
    }

    fn remove(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let (start, end) = (self.byte_at(from), self.byte_at(to));
        self.text.replace_range(start..end, "");
        self.cursor = from;
        true
    }

    fn move_to(&mut self, cursor: usize) -> bool {
        self.cursor = cursor;
        false
    }

    /// Where Ctrl-W stops: skip spaces left of the cursor, then the word (like bash's unix-word-rubout).
    fn word_start(&self) -> usize {
        let chars: Vec<char> = self.text.chars().take(self.cursor).collect();
        let mut index = chars.len();
        while index > 0 && chars[index - 1].is_whitespace() {
            index -= 1;
        }
        while index > 0 && !chars[index - 1].is_whitespace() {
            index -= 1;
        }
        index
    }
}

/// Pasted text as one printable line: line breaks and tabs become spaces, and escape sequences,
/// other controls and bidirectional overrides are left out ([`crate::text::printable`]).
fn single_line(text: &str) -> String {
    crate::text::printable(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextInput {
        TextInput::with_text(text)
    }

    #[test]
    fn ctrl_w_deletes_the_previous_word_and_trailing_spaces() {
        let mut input = typed("lead status  ");
        assert!(input.apply(Edit::DeleteWordBack));
        assert_eq!(input.text(), "lead ");
        assert_eq!(input.cursor(), 5);
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_only() {
        let mut input = typed("lead status");
        input.apply(Edit::Left);
        input.apply(Edit::Left);
        input.apply(Edit::DeleteToStart);
        assert_eq!(input.text(), "us");
        assert_eq!(input.cursor(), 0);
    }

    #[test]
    fn editing_respects_multibyte_characters() {
        let mut input = typed("compañía");
        input.apply(Edit::DeleteBack);
        input.apply(Edit::DeleteBack);
        assert_eq!(input.text(), "compañ");
        input.apply(Edit::Home);
        input.apply(Edit::Insert('¡'));
        assert_eq!(input.text(), "¡compañ");
        assert_eq!(input.cursor(), 1);
    }

    #[test]
    fn paste_turns_line_breaks_into_spaces() {
        let mut input = TextInput::default();
        input.apply(Edit::Paste("1,2\r\n3\t4".into()));
        assert_eq!(input.text(), "1,2 3 4");
    }

    #[test]
    fn moving_the_cursor_is_not_a_change() {
        let mut input = typed("ab");
        assert!(!input.apply(Edit::Home));
        assert!(!input.apply(Edit::DeleteBack));
        assert_eq!(input.text(), "ab");
    }
}
