//! Rendering: a pure function of the `App`. One file per pane.

mod composer;
mod detail;
mod footer;
mod list;
mod overlays;
mod results;
mod search;
mod text;

use crate::i18n::screen_messages;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::action::Action;
use super::app::{App, Focus, Overlay};
use super::layout::{list_rows, MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = frame.area();
    let Some(areas) = app.areas() else {
        render_too_small(app, frame, screen);
        return;
    };
    let following = app.results.run.as_ref().is_some_and(|run| run.following.is_some());
    if !following {
        search::render(app, frame, areas.search);
    }
    if let Some(run) = &app.results.run {
        results::render(app, run, frame, areas.results(following));
    } else {
        if let Some(area) = areas.list {
            list::render(app, frame, area);
        }
        if let Some(area) = areas.detail {
            detail::render(app, frame, area);
        }
        if let Some(area) = areas.composer {
            composer::render(app, frame, area);
        }
        if let Some(area) = areas.summary {
            composer::render_summary(app, frame, area);
        }
    }
    footer::render_status(app, frame, areas.status);
    footer::render_keys(app, frame, areas.footer);
    match &app.overlay {
        Some(Overlay::Help) => overlays::render_help(app, frame, screen),
        Some(Overlay::FieldId { input, rejected }) => {
            overlays::render_field_id(app, frame, screen, input, *rejected)
        }
        Some(Overlay::Recent { cursor }) => overlays::render_recent(app, frame, screen, *cursor),
        Some(Overlay::LoadQuery { input, note }) => {
            overlays::render_load(app, frame, screen, input, note.as_deref())
        }
        Some(Overlay::Picker(open)) => overlays::render_picker(app, frame, screen, open),
        None => {}
    }
}

/// Below the minimum size: the whole sentence where it fits, else just the size needed
/// (`30x8`), which is the one thing the user must learn.
fn render_too_small(app: &App, frame: &mut Frame, screen: Rect) {
    let needed = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
    let sentence =
        screen_messages::too_small((MIN_WIDTH, MIN_HEIGHT), (screen.width, screen.height), app.settings.lang);
    let text = if text::wrap_words(&sentence, usize::from(screen.width)).len() <= usize::from(screen.height) {
        sentence
    } else {
        needed
    };
    let message = Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }).alignment(Alignment::Center);
    frame.render_widget(message, screen);
}

/// A bordered block whose border shows whether the pane has focus.
fn pane<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    pane_titled(app, Line::styled(format!(" {title} "), app.settings.theme.title), focused)
}

/// A bordered pane under a title of several styles.
fn pane_titled<'a>(app: &App, title: Line<'a>, focused: bool) -> Block<'a> {
    let theme = &app.settings.theme;
    let border = if focused { theme.border_focused } else { theme.border };
    Block::default().borders(Borders::ALL).border_style(border).title(title)
}

/// `block`, the top pane of `width` columns under a title `title_width` wide, with the account in
/// use named at its right end, where it fits beside the title.
fn with_account<'a>(app: &App, block: Block<'a>, title_width: usize, width: u16) -> Block<'a> {
    let Some(account) = app.settings.account.as_deref() else { return block };
    let label = format!(" {account} ");
    // Two corners, the title and one column of border between the two.
    if title_width + text::display_width(&label) + 3 > usize::from(width) {
        return block;
    }
    block.title_top(Line::styled(label, app.settings.theme.dim).right_aligned())
}

fn is_focused(app: &App, focus: Focus) -> bool {
    app.focus == focus && app.overlay.is_none()
}

/// `lines` cut to `height`: when some do not fit, the last row says how many follow (`↓ 3 more`).
pub(super) fn fit_lines(app: &App, mut lines: Vec<Line<'static>>, height: usize) -> Vec<Line<'static>> {
    if lines.len() <= height {
        return lines;
    }
    let kept = height.saturating_sub(1);
    let hidden = lines.len() - kept;
    lines.truncate(kept);
    if height > 0 {
        let more = screen_messages::more_rows(hidden, app.settings.lang);
        lines.push(Line::styled(more, app.settings.theme.dim));
    }
    lines
}

/// Braille spinner frames, one per quarter second.
const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// The spinner's frame for work that started at `started`.
pub(crate) fn spinner_frame(now: std::time::Instant, started: std::time::Instant) -> &'static str {
    let quarters = now.saturating_duration_since(started).as_millis() / 250;
    SPINNER[usize::try_from(quarters).unwrap_or(0) % SPINNER.len()]
}

/// What a left click at (`column`, `row`) means on the screen as it is drawn: a line of the list
/// or a row of the composer, found with the same geometry the frame was drawn with.
pub fn click(app: &App, column: u16, row: u16) -> Option<Action> {
    let areas = app.areas()?;
    let position = ratatui::layout::Position::new(column, row);
    if areas.summary.is_some_and(|summary| summary.contains(position)) {
        return Some(Action::SwitchFocus);
    }
    if let Some(list) = areas.list.filter(|list| list.contains(position)) {
        let line = usize::from(row.saturating_sub(list.y + 1));
        return (row > list.y && line < list_rows(list)).then(|| Action::ClickRow(app.list.scroll + line));
    }
    let composer = areas.composer.filter(|area| area.contains(position))?;
    composer::field_at(app, composer, row).map(Action::ClickField)
}
