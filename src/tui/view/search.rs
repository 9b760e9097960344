//! The search input at the top, with the match and selection counts; the one-line field it draws
//! is also the results' filter line.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{is_focused, pane};
use crate::tui::app::{App, Focus};
use crate::tui::input::TextInput;

const PROMPT: &str = "> ";

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    // While a run's pane is open, its filter line has the keyboard.
    let focused = is_focused(app, Focus::Search) && app.results.run.is_none();
    let block = pane(app, texts.search_title, focused);
    let block = super::with_account(app, block, texts.search_title.chars().count() + 2, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let total = app.list.index.catalog().events().len();
    let counts = if app.composer.selection.is_empty() {
        format!(" {}/{} ", app.matched(), total)
    } else {
        format!(" {}/{} · ✔ {} ", app.matched(), total, app.composer.selection.len())
    };
    render_input_line(
        app,
        frame,
        inner,
        InputLine { input: &app.list.search, placeholder: texts.search_placeholder, counts, focused },
    );
}

/// A one-line text field as the search and the results' filter draw it.
pub(super) struct InputLine<'a> {
    pub input: &'a TextInput,
    /// Shown, dimmed, while nothing is typed.
    pub placeholder: &'a str,
    /// Right-aligned after the text (how many items match), when there is room.
    pub counts: String,
    /// Whether the terminal's cursor goes in this field.
    pub focused: bool,
}

/// Draws `line` in the first row of `area`: a prompt, the text (scrolled to keep the cursor in
/// view) or the placeholder, and the counts on the right.
pub(super) fn render_input_line(app: &App, frame: &mut Frame, area: Rect, line: InputLine) {
    let area = Rect { height: area.height.min(1), ..area };
    let counts_width = line.counts.width() as u16;
    let input_width = area.width.saturating_sub(counts_width + PROMPT.len() as u16);
    let input = line.input;
    let (visible, cursor_column) = visible_window(input.text(), input.cursor(), usize::from(input_width));
    let mut spans = vec![Span::styled(PROMPT, app.settings.theme.key)];
    if input.is_empty() {
        spans.push(Span::styled(line.placeholder, app.settings.theme.dim));
    } else {
        spans.push(Span::styled(visible, app.settings.theme.text));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if counts_width < area.width {
        let counts_area = Rect { x: area.right() - counts_width, width: counts_width, ..area };
        frame.render_widget(Paragraph::new(Span::styled(line.counts, app.settings.theme.dim)), counts_area);
    }
    if line.focused {
        frame.set_cursor_position(Position::new(area.x + PROMPT.len() as u16 + cursor_column, area.y));
    }
}

/// The part of `text` that fits in `width` columns with the cursor in view, and the cursor's
/// column inside it. Widths are display widths, so CJK and emoji keep the cursor aligned.
///
/// One pass back from the cursor and one forward, each stopping at the edge of the window: a
/// pasted megabyte costs one walk to the cursor, not one per column.
pub(super) fn visible_window(text: &str, cursor: usize, width: usize) -> (String, u16) {
    let width_of = |c: char| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    let cursor_byte = text.char_indices().nth(cursor).map_or(text.len(), |(byte, _)| byte);
    // The window starts as far back as the text before the cursor fits with room for the cursor.
    let (mut start, mut before) = (cursor_byte, 0);
    for (byte, c) in text[..cursor_byte].char_indices().rev() {
        if before + width_of(c) >= width.max(1) {
            break;
        }
        before += width_of(c);
        start = byte;
    }
    let (mut end, mut used) = (start, 0);
    for c in text[start..].chars() {
        if used + width_of(c) > width {
            break;
        }
        used += width_of(c);
        end += c.len_utf8();
    }
    (text[start..end].to_owned(), before.min(usize::from(u16::MAX)) as u16)
}

#[cfg(test)]
mod tests {
    use super::visible_window;

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_visible() {
        let (visible, column) = visible_window("abcdefghij", 10, 4);
        assert_eq!(visible, "hij");
        assert_eq!(column, 3);
    }

    #[test]
    fn wide_characters_count_by_display_width() {
        let (visible, column) = visible_window("日本語", 3, 10);
        assert_eq!(visible, "日本語");
        assert_eq!(column, 6);
    }
}
