//! Text layout by display width (accents, CJK and emoji count as the columns they take).

use ratatui::style::Style;
use ratatui::text::Line;
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

/// Splits a query string (or a URL or command holding one) before its `?` and each `&` when it
/// does not fit in `width`, so it wraps at parameter boundaries instead of inside a name or value.
pub fn query_lines(query: &str, width: usize) -> Vec<String> {
    if display_width(query) <= width {
        return vec![query.to_string()];
    }
    let mut parts = Vec::new();
    let mut part = String::new();
    for c in query.chars() {
        if matches!(c, '&' | '?') && !part.is_empty() {
            parts.push(std::mem::take(&mut part));
        }
        part.push(c);
    }
    parts.push(part);
    parts.iter().flat_map(|part| wrap_words(part, width)).collect()
}

/// Gives every span of a line the line's highlight (the cursor row): spans' own styles would
/// otherwise win over the line's, leaving coloured blocks inside the bar.
pub fn highlight_line(mut line: Line<'_>, style: Style) -> Line<'_> {
    for span in &mut line.spans {
        span.style = span.style.patch(style);
    }
    line.patch_style(style)
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
        let url = query_lines("https://x.kommo.com/api/v4/events?filter[type]=a&limit=1", 30);
        assert_eq!(url, vec!["https://x.kommo.com/api/v4/eve", "nts", "?filter[type]=a", "&limit=1"]);
    }
}
