//! Overlays: the help (every key, from the binding table), the prompt for a custom field id, and
//! the Recent list (last session and recent queries).

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Padding, Paragraph, Wrap};
use ratatui::Frame;

use super::pane;
use super::search::visible_window;
use super::text::highlighted;
use super::text::{display_width, highlight_line, wrap_words};
use crate::i18n::screen_messages;
use crate::search::Match;
use crate::state::Used;
use crate::tui::app::{App, RecentRow};
use crate::tui::composer::format_in_zone;
use crate::tui::help::{help_lines, HelpLine, KEYS_WIDTH};
use crate::tui::input::TextInput;
use crate::tui::layout::{centered, help_area, help_width, max_scroll};
use crate::tui::picker::{self, Candidate, NameKind, PickTarget, Picker};

/// The help's lines, styled.
fn styled_help(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    let style = |line: HelpLine| match line {
        HelpLine::Heading(title) => Line::styled(title, theme.header),
        HelpLine::Keys { keys, description } => Line::from(vec![
            Span::styled(format!("  {keys:<KEYS_WIDTH$}  "), theme.key),
            Span::raw(description),
        ]),
        HelpLine::Blank => Line::default(),
        HelpLine::Text(text) => Line::raw(text),
        HelpLine::Close(text) => Line::styled(text, theme.dim),
    };
    help_lines(app.settings.lang, width).into_iter().map(style).collect()
}

pub(super) fn render_help(app: &App, frame: &mut Frame, screen: Rect) {
    let texts = app.settings.lang.texts();
    let lines = styled_help(app, help_width(screen));
    let area = help_area(screen, lines.len());
    let max = max_scroll(screen, lines.len());
    let scroll = app.help_scroll.min(max);
    let hidden_below = max - scroll;
    let title = if hidden_below > 0 || scroll > 0 {
        format!("{} ({})", texts.help_title, screen_messages::help_scroll(hidden_below, app.settings.lang))
    } else {
        texts.help_title.to_string()
    };
    frame.render_widget(Clear, area);
    let block = pane(app, &title, true).padding(Padding::horizontal(1));
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)).block(block), area);
}

pub(super) fn render_field_id(app: &App, frame: &mut Frame, screen: Rect, input: &TextInput, rejected: bool) {
    let texts = app.settings.lang.texts();
    let note = if rejected {
        Some(Line::styled(format!("✗ {}", texts.field_id_error), app.settings.theme.error))
    } else {
        picker::known_names(&app.account.names, NameKind::CustomFields, input.text(), texts.name_robot)
            .map(|name| Line::styled(format!("→ {name}"), app.settings.theme.dim))
    };
    render_prompt(app, frame, screen, (texts.field_id_title, texts.field_id_prompt), input, note, 72);
}

/// The picker: the filter typed, then the matching names with their ids, best first; the
/// highlighted one reversed, the ones the field already holds marked ✔.
pub(super) fn render_picker(app: &App, frame: &mut Frame, screen: Rect, open: &Picker) {
    let texts = app.settings.lang.texts();
    let theme = &app.settings.theme;
    let rows = open.matches.len().max(1) as u16;
    let height = rows.saturating_add(3).min(screen.height.saturating_sub(2)).max(4);
    let area = centered(screen, screen.width.saturating_sub(4).min(80), height);
    frame.render_widget(Clear, area);
    let title = format!("{} ({}/{})", open.kind.title(texts), open.matches.len(), open.candidates.len());
    let block = pane(app, &title, true).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 3 {
        return;
    }
    let (typed, cursor_column) =
        visible_window(open.filter.text(), open.filter.cursor(), usize::from(inner.width - 2));
    let filter_line = Line::from(vec![Span::styled("> ", theme.key), Span::raw(typed)]);
    frame.render_widget(Paragraph::new(filter_line), Rect { height: 1, ..inner });
    frame.set_cursor_position(Position::new(inner.x + 2 + cursor_column, inner.y));
    let list = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    if open.matches.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(texts.picker_no_match, theme.dim)), list);
        return;
    }
    let held = match &open.target {
        PickTarget::Field(field) => app.composer.fields.text(*field),
        PickTarget::FieldIdPrompt { typed } => typed.text(),
    };
    let shown = usize::from(list.height);
    let first = (open.cursor + 1).saturating_sub(shown);
    let lines: Vec<Line> = open
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(row, (index, found))| {
            let candidate = &open.candidates[*index];
            let is_cursor = row == open.cursor;
            let held = picker::holds_value(held, &candidate.value);
            let line = candidate_line(app, candidate, found, (is_cursor, held), usize::from(list.width));
            if is_cursor {
                highlight_line(line, theme.cursor_row)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// `▶ ✔ Ana García · 6410231`, with the matched characters highlighted, cut to `width`: the id
/// keeps its room first (it is what goes into the field), leaving the name at least a few columns.
fn candidate_line<'a>(
    app: &App,
    candidate: &'a Candidate,
    found: &Match,
    (is_cursor, held): (bool, bool),
    width: usize,
) -> Line<'a> {
    const SEPARATOR: &str = " · ";
    let theme = &app.settings.theme;
    let marks = format!("{}{}", if is_cursor { "▶" } else { " " }, if held { "✔ " } else { "  " });
    let rest = width.saturating_sub(display_width(&marks));
    const NAME_AT_LEAST: usize = 8;
    let separator = display_width(SEPARATOR);
    let value_room = display_width(&candidate.value).min(rest.saturating_sub(separator + NAME_AT_LEAST));
    let label_room = rest.saturating_sub(value_room + separator);
    let matched = |field: usize| found.highlights.get(field).map_or(&[][..], Vec::as_slice);
    let mut spans = vec![Span::styled(marks, theme.selected_mark)];
    spans.extend(highlighted(&candidate.label, matched(0), label_room, theme.text, theme.highlight));
    spans.push(Span::styled(SEPARATOR, theme.dim));
    spans.extend(highlighted(&candidate.value, matched(1), value_room, theme.code, theme.highlight));
    Line::from(spans)
}

pub(super) fn render_recent(app: &App, frame: &mut Frame, screen: Rect, cursor: usize) {
    let texts = app.settings.lang.texts();
    let theme = &app.settings.theme;
    let rows = app.recent_rows();
    let height = (rows.len().max(1) as u16 + 2).min(screen.height.saturating_sub(2)).max(3);
    let area = centered(screen, screen.width.saturating_sub(4).min(110), height);
    frame.render_widget(Clear, area);
    let block = pane(app, texts.recent_title, true).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(texts.recent_empty, theme.dim)), inner);
        return;
    }
    let visible = usize::from(inner.height).max(1);
    let first = (cursor + 1).saturating_sub(visible);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(index, row)| {
            let mark = if index == cursor { "▶ " } else { "  " };
            let line = match *row {
                RecentRow::LastSession => {
                    let session = app.last_session.as_ref();
                    let types = session.map_or(0, |s| s.selection.len());
                    let fields = session.map_or(0, |s| s.fields.len());
                    let text = screen_messages::recent_last_session(types, fields, app.settings.lang);
                    Line::from(vec![Span::raw(mark), Span::styled(text, theme.header)])
                }
                RecentRow::Query(position) => {
                    let entry = &app.history[position];
                    let when = format_in_zone(entry.at, app.settings.zone);
                    let used = match entry.used {
                        Used::Accepted => texts.recent_accepted,
                        Used::Copied => texts.recent_copied,
                    };
                    Line::from(vec![
                        Span::raw(mark),
                        Span::styled(format!("{when}  {used:<8} "), theme.dim),
                        Span::styled(entry.query.clone(), theme.code),
                    ])
                }
            };
            if index == cursor {
                highlight_line(line, theme.cursor_row)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn render_load(app: &App, frame: &mut Frame, screen: Rect, input: &TextInput, note: Option<&str>) {
    let texts = app.settings.lang.texts();
    let note = note.map(|reason| {
        Line::styled(
            screen_messages::load_clipboard_failed(reason, app.settings.lang),
            app.settings.theme.dim,
        )
    });
    render_prompt(app, frame, screen, (texts.load_title, texts.load_prompt), input, note, 110);
}

/// A one-line text prompt in a box: what to type, the input with its cursor, and an optional
/// note under it (a rejection, or why the clipboard could not be read).
fn render_prompt(
    app: &App,
    frame: &mut Frame,
    screen: Rect,
    (title, prompt): (&str, &str),
    input: &TextInput,
    note: Option<Line>,
    max_width: u16,
) {
    let area = centered(screen, screen.width.saturating_sub(4).min(max_width), 7);
    frame.render_widget(Clear, area);
    let block = pane(app, title, true).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let prompt_rows = wrap_words(prompt, usize::from(inner.width)).len() as u16;
    let (visible, cursor_column) =
        visible_window(input.text(), input.cursor(), usize::from(inner.width.saturating_sub(2)));
    let mut lines = vec![
        Line::raw(prompt),
        Line::from(vec![Span::styled("> ", app.settings.theme.key), Span::raw(visible)]),
    ];
    lines.extend(note);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    frame.set_cursor_position(Position::new(inner.x + 2 + cursor_column, inner.y + prompt_rows));
}
