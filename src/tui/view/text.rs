//! Text layout by display width (accents, CJK and emoji count as the columns they take).

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `text` takes on screen, counted per grapheme as the terminal (and ratatui) draws it:
/// `é` written as `e` + a combining accent is one column, `❤️` (with its emoji selector) two.
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Splits `text` into lines of at most `width` columns, breaking between words; a word longer
/// than a line is cut by display width.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = display_width(&line) + usize::from(!line.is_empty()) + display_width(word);
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if display_width(&line) + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits a query string before each `&` when it does not fit in `width`, so it wraps at
/// parameter boundaries instead of inside a name or a value.
pub fn query_lines(query: &str, width: usize) -> Vec<String> {
    if display_width(query) <= width {
        return vec![query.to_string()];
    }
    let mut lines: Vec<String> = Vec::new();
    for (index, part) in query.split('&').enumerate() {
        let part = if index == 0 { part.to_string() } else { format!("&{part}") };
        lines.extend(wrap_words(&part, width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(
            wrap_words("Recorded when an incoming call is added", 16),
            vec!["Recorded when an", "incoming call is", "added"]
        );
    }

    #[test]
    fn long_words_are_cut_by_display_width() {
        assert_eq!(wrap_words("日本語日本語", 4), vec!["日本", "語日", "本語"]);
    }

    #[test]
    fn queries_wrap_before_each_parameter() {
        let lines = query_lines("filter[type]=a,b&filter[entity]=lead&limit=100", 20);
        assert_eq!(lines, vec!["filter[type]=a,b", "&filter[entity]=lead", "&limit=100"]);
        assert_eq!(query_lines("limit=1", 20), vec!["limit=1"]);
    }
}
