//! The detail pane: everything about the highlighted type, and which filters apply to it.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::pane;
use crate::catalog::{EventType, ValueKey};
use crate::tui::app::App;

const LABEL_WIDTH: usize = 9;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.lang.texts();
    let block = pane(app, texts.detail_title, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(hit) = app.highlighted() else { return };
    let catalog = app.explorer.catalog();
    let event = &catalog.events()[hit.event];
    let group = &catalog.groups()[event.group];
    let theme = &app.theme;
    let field = |label: &str, value: Span<'static>| {
        Line::from(vec![Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.dim), value])
    };
    let mut lines = vec![
        field(texts.detail_code, Span::styled(event.code.clone(), theme.code.patch(theme.title))),
        field(texts.detail_label_es, Span::raw(event.label_es.clone())),
        field(texts.detail_label_en, Span::raw(event.label_en.clone())),
        field(texts.detail_group, Span::raw(app.lang.group_label(group).to_string())),
        field(texts.detail_when, Span::raw(app.lang.event_description(event).to_string())),
        field(texts.detail_filters, Span::raw(value_filters_text(event, texts.detail_no_value_filters))),
    ];
    if event.is_per_field_template() {
        lines.push(Line::styled(texts.detail_template_hint, theme.warning));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// `filter[value_before|value_after][…]` for each value filter the type accepts.
fn value_filters_text(event: &EventType, none: &str) -> String {
    if event.value_filters.is_empty() {
        return none.to_string();
    }
    event
        .value_filters
        .iter()
        .map(|key| match key {
            ValueKey::LeadsStatuses => {
                "filter[value_before|value_after][leads_statuses][N][pipeline_id|status_id]".to_string()
            }
            other => format!("filter[value_before|value_after][{}]", other.code()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
