//! Text layout by display width (accents, CJK and emoji count as the columns they take).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use crate::text::{display_width, wrap_words};

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

/// Splits `text` into spans, styling the graphemes holding a char at `indices` (char indices) as
/// matches, and cuts it to `room` columns by display width, never inside a grapheme, ending with
/// … when cut. The spans borrow `text`: no allocation per row per frame.
pub fn highlighted<'a>(
    text: &'a str,
    indices: &[usize],
    room: usize,
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    let total = display_width(text);
    let budget = if total > room { room.saturating_sub(1) } else { room };
    let style = |is_match: bool| if is_match { matched } else { base };
    let mut spans: Vec<Span<'a>> = Vec::new();
    // The current run of equally styled graphemes: where it starts (byte), and whether it matches.
    let (mut run_start, mut run_is_match, mut end, mut used, mut char_index) = (0, false, 0, 0, 0);
    for (byte, grapheme) in text.grapheme_indices(true) {
        let width = grapheme.width();
        if used + width > budget {
            break;
        }
        used += width;
        let chars = grapheme.chars().count();
        let is_match = (char_index..char_index + chars).any(|i| indices.binary_search(&i).is_ok());
        char_index += chars;
        if is_match != run_is_match && byte > run_start {
            spans.push(Span::styled(&text[run_start..byte], style(run_is_match)));
            run_start = byte;
        }
        run_is_match = is_match;
        end = byte + grapheme.len();
    }
    if end > run_start {
        spans.push(Span::styled(&text[run_start..end], style(run_is_match)));
    }
    if total > room && room > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_wrap_before_each_parameter() {
        let lines = query_lines("filter[type]=a,b&filter[entity]=lead&limit=100", 20);
        assert_eq!(lines, vec!["filter[type]=a,b", "&filter[entity]=lead", "&limit=100"]);
        assert_eq!(query_lines("limit=1", 20), vec!["limit=1"]);
        let url = query_lines("https://x.kommo.com/api/v4/events?filter[type]=a&limit=1", 30);
        assert_eq!(url, vec!["https://x.kommo.com/api/v4/eve", "nts", "?filter[type]=a", "&limit=1"]);
    }

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn highlights_split_spans_at_match_boundaries() {
        let spans =
            highlighted("Fusión realizada", &[0, 1, 2, 3, 4, 5], 40, Style::new(), Style::new().bold());
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].content, "Fusión");
        assert_eq!(spans[1].content, " realizada");
    }

    #[test]
    fn truncation_is_by_display_width_with_an_ellipsis() {
        let spans = highlighted("日本語のラベル", &[], 7, Style::new(), Style::new());
        assert_eq!(plain(&spans), "日本語…");
        let spans = highlighted("compañía", &[], 5, Style::new(), Style::new());
        assert_eq!(plain(&spans), "comp…");
    }

    #[test]
    fn graphemes_are_never_split_and_count_as_the_terminal_draws_them() {
        // "é" as e + combining acute: one column, kept whole.
        let decomposed = "Cafe\u{301} listo";
        assert_eq!(display_width(decomposed), 10);
        let spans = highlighted(decomposed, &[], 5, Style::new(), Style::new());
        assert_eq!(plain(&spans), "Cafe\u{301}…");
        // A heart with the emoji selector takes two columns; a family (ZWJ sequence) is one grapheme.
        assert_eq!(display_width("\u{2764}\u{fe0f}"), 2);
        let spans = highlighted("👨\u{200d}👩\u{200d}👧 ok", &[], 3, Style::new(), Style::new());
        assert_eq!(plain(&spans), "👨\u{200d}👩\u{200d}👧…");
    }

    #[test]
    fn a_match_on_a_combining_mark_highlights_its_whole_grapheme() {
        let spans = highlighted("e\u{301}x", &[1], 10, Style::new(), Style::new().bold());
        assert_eq!(spans[0].content, "e\u{301}");
        assert_eq!(spans[0].style, Style::new().bold());
        assert_eq!(spans[1].content, "x");
    }
}
