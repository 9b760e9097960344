//! The status line (toasts, validity) and the footer with the keys that work in the focused pane,
//! generated from the same binding table that resolves keys.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::action::bindings_for;
use crate::tui::app::App;

pub(super) fn render_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let run_status = app.run.as_ref().and_then(|run| super::results::status(app, run));
    let line = match (&app.toast, run_status) {
        (Some(toast), _) => {
            Line::styled(toast.text.clone(), if toast.is_error { theme.error } else { theme.ok })
        }
        (None, Some((text, is_error))) => Line::styled(text, if is_error { theme.error } else { theme.text }),
        (None, None) => Line::default(),
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub(super) fn render_keys(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.lang.texts();
    let mut spans = Vec::new();
    for binding in bindings_for(app.key_context()) {
        let Some(describe) = binding.footer else { continue };
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", app.theme.dim));
        }
        spans.push(Span::styled(binding.label, app.theme.key));
        spans.push(Span::raw(format!(" {}", describe(texts))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
