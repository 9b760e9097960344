//! Rendering: a pure function of the `App`. One file per pane.

mod composer;

pub(crate) use composer::first_field_row;
pub(crate) use overlays::help_max_scroll;
mod detail;
mod footer;
pub mod layout;
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
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, Overlay};
use layout::{areas, MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = frame.area();
    let Some(areas) = areas(screen, app.focus) else {
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
    let text =
        if wrapped_lines(&sentence, screen.width) <= usize::from(screen.height) { sentence } else { needed };
    let message = Paragraph::new(Line::from(text)).wrap(Wrap { trim: true }).alignment(Alignment::Center);
    frame.render_widget(message, screen);
}

/// How many lines `text` takes when wrapped at word boundaries to `width` columns (a word wider
/// than a line is broken); errs on the high side.
fn wrapped_lines(text: &str, width: u16) -> usize {
    let width = usize::from(width.max(1));
    let mut lines = 0;
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = UnicodeWidthStr::width(word);
        if used > 0 && used + 1 + w <= width {
            used += 1 + w;
            continue;
        }
        lines += w.div_ceil(width).max(1);
        used = match w % width {
            0 => width,
            rest => rest,
        };
    }
    lines
}

/// A bordered block whose border shows whether the pane has focus.
fn pane<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    let theme = &app.settings.theme;
    let border = if focused { theme.border_focused } else { theme.border };
    Block::default()
        .borders(Borders::ALL)
        .border_style(border)
        .title(Line::styled(format!(" {title} "), theme.title))
}

fn is_focused(app: &App, focus: Focus) -> bool {
    app.focus == focus && app.overlay.is_none()
}

/// Braille spinner frames, one per quarter second.
const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// The spinner's frame for work that started at `started`.
pub(crate) fn spinner_frame(now: std::time::Instant, started: std::time::Instant) -> &'static str {
    let quarters = now.saturating_duration_since(started).as_millis() / 250;
    SPINNER[usize::try_from(quarters).unwrap_or(0) % SPINNER.len()]
}
