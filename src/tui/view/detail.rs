//! The detail pane: everything about the highlighted type, and which filters apply to it.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph};
use ratatui::Frame;

use super::pane;
use super::text::wrap_words;
use crate::catalog::{reference, Documented, EventType, ValueKey};
use crate::tui::app::App;

/// The narrowest label column: the labels, then at least one space.
const MIN_LABEL_WIDTH: usize = 9;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let block = pane(app, texts.detail_title, false).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(hit) = app.highlighted() else { return };
    let catalog = app.list.index.catalog();
    let event = &catalog.events()[hit.event];
    let group = &catalog.groups()[event.group()];
    let theme = &app.settings.theme;
    let portuguese = app.settings.lang == crate::i18n::Lang::Pt;
    let labels = [
        texts.detail_code,
        if portuguese { texts.detail_label_pt } else { "" },
        texts.detail_label_es,
        texts.detail_label_en,
        texts.detail_group,
        texts.detail_when,
        texts.detail_filters,
        texts.detail_source,
        texts.detail_value_shape,
        texts.detail_docs,
    ];
    let label_width =
        labels.iter().map(|label| label.chars().count() + 1).max().unwrap_or(0).max(MIN_LABEL_WIDTH);
    let value_width = usize::from(inner.width).saturating_sub(label_width);
    let mut lines = Vec::new();
    let mut field = |label: &str, value: &str, style: Style| {
        for (index, part) in wrap_words(value, value_width).into_iter().enumerate() {
            let label = if index == 0 { label } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<label_width$}"), theme.dim),
                Span::styled(part, style),
            ]));
        }
    };
    field(texts.detail_code, event.code(), theme.code.patch(theme.title));
    // A Portuguese screen shows the Portuguese label first, beside the two Kommo's docs print.
    if portuguese {
        field(texts.detail_label_pt, event.label_pt(), theme.text);
    }
    field(texts.detail_label_es, event.label_es(), theme.text);
    field(texts.detail_label_en, event.label_en(), theme.text);
    field(texts.detail_group, app.settings.lang.group_label(group), theme.text);
    field(texts.detail_when, app.settings.lang.event_description(event), theme.text);
    field(texts.detail_filters, &value_filters_text(event, texts.detail_no_value_filters), theme.text);
    // Kommo's own list is the rule; a type from elsewhere says where it comes from.
    if !event.documented().is_empty() && !event.documented().contains(&Documented::KommoDocs) {
        let sources: Vec<&str> = event
            .documented()
            .iter()
            .map(|source| match source {
                Documented::KommoDocs => texts.source_kommo_docs,
                Documented::AmocrmDocs => texts.source_amocrm_docs,
                Documented::SeenLive => texts.source_seen_live,
            })
            .collect();
        field(texts.detail_source, &sources.join(" · "), theme.warning);
    }
    match reference::value_shape(event.code()) {
        Some(shape) => field(texts.detail_value_shape, &shape, theme.code),
        None => field(texts.detail_value_shape, texts.detail_no_value_shape, theme.dim),
    }
    field(texts.detail_docs, reference::docs_page(event, app.settings.lang), theme.dim);
    if event.is_per_field_template() {
        for part in wrap_words(texts.detail_template_hint, usize::from(inner.width)) {
            lines.push(Line::styled(part, theme.warning));
        }
    }
    // In full (F9), the pane says what its keys do: there is room, and the footer has little.
    if app.details {
        lines.push(Line::default());
        for part in wrap_words(texts.detail_keys_hint, usize::from(inner.width)) {
            lines.push(Line::styled(part, theme.dim));
        }
    }
    let shown = super::fit_lines(app, lines, usize::from(inner.height));
    frame.render_widget(Paragraph::new(shown), inner);
}

/// `filter[value_before|value_after][…]` for each value filter the type accepts.
fn value_filters_text(event: &EventType, none: &str) -> String {
    if event.value_filters().is_empty() {
        return none.to_string();
    }
    event
        .value_filters()
        .iter()
        .map(|key| match key {
            ValueKey::LeadsStatuses => {
                "filter[value_before|value_after][leads_statuses][N][pipeline_id|status_id]".to_string()
            }
            ValueKey::CustomersStatuses => {
                "filter[value_before|value_after][customers_statuses][N][status_id]".to_string()
            }
            other => format!("filter[value_before|value_after][{}]", other.code()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
