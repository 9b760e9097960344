//! The search input at the top, with the match and selection counts.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::{is_focused, pane};
use crate::tui::app::{App, Focus};

const PROMPT: &str = "> ";

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.lang.texts();
    let focused = is_focused(app, Focus::Search);
    let block = pane(app, texts.search_title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let total = app.explorer.catalog().events().len();
    let counts = if app.selection.is_empty() {
        format!(" {}/{} ", app.matched(), total)
    } else {
        format!(" {}/{} · ✔ {} ", app.matched(), total, app.selection.len())
    };
    let counts_width = counts.width() as u16;
    let input_width = inner.width.saturating_sub(counts_width + PROMPT.len() as u16);

    let (visible, cursor_column) =
        visible_window(app.search.text(), app.search.cursor(), usize::from(input_width));
    let mut spans = vec![Span::styled(PROMPT, app.theme.key)];
    if app.search.is_empty() {
        spans.push(Span::styled(texts.search_placeholder, app.theme.dim));
    } else {
        spans.push(Span::styled(visible, app.theme.text));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), inner);
    if counts_width < inner.width {
        let counts_area = Rect { x: inner.right() - counts_width, width: counts_width, ..inner };
        frame.render_widget(Paragraph::new(Span::styled(counts, app.theme.dim)), counts_area);
    }
    if focused {
        frame.set_cursor_position(Position::new(inner.x + PROMPT.len() as u16 + cursor_column, inner.y));
    }
}

/// The part of `text` that fits in `width` columns with the cursor in view, and the cursor's
/// column inside it. Widths are display widths, so CJK and emoji keep the cursor aligned.
pub(super) fn visible_window(text: &str, cursor: usize, width: usize) -> (String, u16) {
    let chars: Vec<char> = text.chars().collect();
    let width_of = |slice: &[char]| {
        slice.iter().map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0)).sum::<usize>()
    };
    let mut start = 0;
    while start < cursor && width_of(&chars[start..cursor]) >= width.max(1) {
        start += 1;
    }
    let mut end = start;
    while end < chars.len() && width_of(&chars[start..=end]) <= width {
        end += 1;
    }
    let visible: String = chars[start..end].iter().collect();
    (visible, width_of(&chars[start..cursor.min(chars.len())]) as u16)
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
