//! Overlays: the help (every key, from the binding table) and the prompt for a custom field id.

use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

use super::pane;
use crate::i18n::Texts;
use crate::tui::action::{HelpSection, BINDINGS};
use crate::tui::app::App;
use crate::tui::input::TextInput;

const KEYS_WIDTH: usize = 22;

/// The help's rows for a section: bindings with the same description share a row
/// (`PgUp / PgDn  page up / down`), so the help stays short enough for small terminals.
fn merged_rows(section: HelpSection, texts: &Texts) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.section == section && b.in_help) {
        let description = (binding.describe)(texts);
        match rows.iter_mut().find(|(_, d)| *d == description) {
            Some((keys, _)) => {
                keys.push_str(" / ");
                keys.push_str(binding.label);
            }
            None => rows.push((binding.label.to_string(), description)),
        }
    }
    rows
}

fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(height.min(screen.height))]).flex(Flex::Center).areas(screen);
    let [area] =
        Layout::horizontal([Constraint::Length(width.min(screen.width))]).flex(Flex::Center).areas(row);
    area
}

pub(super) fn render(app: &App, frame: &mut Frame, screen: Rect) {
    let texts = app.lang.texts();
    let theme = &app.theme;
    let mut lines = Vec::new();
    let sections = [
        (HelpSection::Search, texts.context_search),
        (HelpSection::Composer, texts.context_composer),
        (HelpSection::Everywhere, texts.context_everywhere),
    ];
    for (section, title) in sections {
        lines.push(Line::styled(title, theme.header));
        for (keys, description) in merged_rows(section, texts) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<KEYS_WIDTH$}  "), theme.key),
                Span::raw(description),
            ]));
        }
        lines.push(Line::default());
    }
    lines.push(Line::raw(texts.help_search_syntax));
    lines.push(Line::styled(texts.help_close, theme.dim));
    let height = lines.len() as u16 + 2;
    let area = centered(screen, screen.width.saturating_sub(4).min(100), height);
    frame.render_widget(Clear, area);
    let block = pane(app, texts.help_title, true);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), area);
}

pub(super) fn render_field_id(app: &App, frame: &mut Frame, screen: Rect, input: &TextInput, rejected: bool) {
    let texts = app.lang.texts();
    let theme = &app.theme;
    let area = centered(screen, screen.width.saturating_sub(4).min(72), 7);
    frame.render_widget(Clear, area);
    let block = pane(app, texts.field_id_title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![
        Line::raw(texts.field_id_prompt),
        Line::from(vec![Span::styled("> ", theme.key), Span::raw(input.text().to_string())]),
    ];
    if rejected {
        lines.push(Line::styled(format!("✗ {}", texts.field_id_error), theme.error));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    let column = input
        .text()
        .chars()
        .take(input.cursor())
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum::<usize>();
    // The prompt wraps onto a second line when it is wider than the box (display width, not bytes).
    let prompt_width = unicode_width::UnicodeWidthStr::width(texts.field_id_prompt);
    let prompt_row = inner.y + 1 + u16::from(prompt_width > usize::from(inner.width));
    frame.set_cursor_position(Position::new(inner.x + 2 + column as u16, prompt_row));
}
