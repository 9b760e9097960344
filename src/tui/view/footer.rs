//! The status line (toasts, validity) and the footer with the keys that work in the focused pane,
//! generated from the same binding table that resolves keys.

use crate::i18n::screen_messages;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::display_width;
use crate::tui::action::bindings_for;
use crate::tui::app::App;

pub(super) fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.settings.theme;
    let run_status = app.results.run.as_ref().and_then(|run| super::results::status(app, run));
    let run_status = run_status.or_else(|| names_status(app).map(|text| (text, false)));
    let line = match (&app.toast, run_status) {
        (Some(toast), _) => {
            Line::styled(toast.text.clone(), if toast.is_error { theme.error } else { theme.ok })
        }
        (None, Some((text, is_error))) => Line::styled(text, if is_error { theme.error } else { theme.text }),
        (None, None) => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The status line while F7's refresh runs: a spinner and the route being fetched.
fn names_status(app: &App) -> Option<String> {
    let refresh = app.account.names_refresh.as_ref()?;
    let route = refresh.part.map_or("…", crate::account::Part::route);
    let text = screen_messages::names_refreshing(route, app.settings.lang);
    Some(format!("{} {text}", super::spinner_frame(app.now, refresh.started)))
}

/// The keys of the focused pane, as many whole entries as fit. Help (F1) always keeps its place at
/// the end, so the way to every other key is never cut off.
pub(super) fn render_keys(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    // (label, text, keeps its place at the end)
    let entries: Vec<(&str, String, bool)> = bindings_for(app.key_context())
        .filter_map(|binding| {
            let entry = binding.footer?;
            Some((entry.label, (entry.describe)(texts).to_string(), binding.keeps_its_place))
        })
        .collect();
    let width = |(label, text, _): &(&str, String, bool)| display_width(label) + 1 + display_width(text);
    let separator = 3;
    let reserved: usize = entries.iter().filter(|e| e.2).map(|e| width(e) + separator).sum();
    let mut room = usize::from(area.width).saturating_sub(reserved);
    let mut shown: Vec<&(&str, String, bool)> = Vec::new();
    for entry in entries.iter().filter(|e| !e.2) {
        let needed = width(entry) + if shown.is_empty() { 0 } else { separator };
        if needed > room {
            break;
        }
        room -= needed;
        shown.push(entry);
    }
    shown.extend(entries.iter().filter(|e| e.2));
    let mut spans = Vec::new();
    for (label, text, _) in shown {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", app.settings.theme.dim));
        }
        spans.push(Span::styled(*label, app.settings.theme.key));
        spans.push(Span::raw(format!(" {text}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
