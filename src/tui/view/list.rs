//! The grouped list of event types, with matched characters highlighted and selected types
//! marked with ✔ (a mark, not only a colour).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::text::{display_width, highlight_line, highlighted};
use super::{is_focused, pane};
use crate::catalog::EventType;
use crate::i18n::Lang;
use crate::search::index::{FIELD_CODE, FIELD_LABEL_EN, FIELD_LABEL_ES, FIELD_LABEL_PT};
use crate::tui::app::{App, Focus, Row};
use crate::tui::layout::list_rows;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let block = pane(app, texts.list_title, is_focused(app, Focus::Search));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.list.rows.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(texts.no_matches, app.settings.theme.dim)), inner);
        return;
    }
    let width = usize::from(inner.width);
    let code_width = code_column_width(app, width);
    let lines: Vec<Line> = app
        .list
        .rows
        .iter()
        .enumerate()
        .skip(app.list.scroll)
        .take(list_rows(area))
        .map(|(index, row)| {
            let line = match *row {
                Row::Header { group } => header_line(app, group, index == app.list.cursor),
                Row::Event { group, hit } => {
                    event_line(app, group, hit, index == app.list.cursor, code_width, width)
                }
            };
            if index == app.list.cursor {
                highlight_line(line, app.settings.theme.cursor_row)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn code_column_width(app: &App, width: usize) -> usize {
    let longest = app.list.groups.iter().map(|group| group.longest_code).max();
    longest.unwrap_or(0).min(width * 2 / 5).max(8)
}

fn cursor_mark(is_cursor: bool) -> &'static str {
    if is_cursor {
        "▶"
    } else {
        " "
    }
}

fn header_line(app: &App, position: usize, is_cursor: bool) -> Line<'static> {
    let group_hits = &app.list.groups[position];
    let group = &app.list.index.catalog().groups()[group_hits.group];
    let folded = app.list.collapsed.contains(&group_hits.group);
    let arrow = if folded { "▸" } else { "▾" };
    Line::from(vec![
        Span::raw(cursor_mark(is_cursor)),
        Span::styled(format!("{arrow} {}", app.settings.lang.group_label(group)), app.settings.theme.header),
        Span::styled(format!("  {}/{}", group_hits.hits.len(), group_hits.total), app.settings.theme.dim),
    ])
}

/// The fewest columns a label keeps when the vocabulary word that matched is shown beside it.
const MIN_LABEL_WITH_VIA: usize = 12;

/// One event row. Its spans borrow the texts from the catalog, so drawing a row copies no string.
fn event_line(
    app: &App,
    group: usize,
    hit: usize,
    is_cursor: bool,
    code_width: usize,
    width: usize,
) -> Line<'_> {
    let hit = &app.list.groups[group].hits[hit];
    let event = &app.list.index.catalog().events()[hit.event];
    let selected = app.is_selected(event.code());
    let mark = if selected { "✔ " } else { "  " };
    let mut spans =
        vec![Span::raw(cursor_mark(is_cursor)), Span::styled(mark, app.settings.theme.selected_mark)];
    let code_room = code_width.min(width.saturating_sub(3));
    // Highlights are found for the rows on screen when the list changes (see update); a frame
    // drawn before that, e.g. right after a resize, shows the row without them.
    let highlights = |field: usize| hit.found.highlights.get(field).map_or(&[][..], Vec::as_slice);
    spans.extend(highlighted(
        event.code(),
        highlights(FIELD_CODE),
        code_room,
        app.settings.theme.code,
        app.settings.theme.highlight,
    ));
    spans.push(Span::raw(" ".repeat(code_room.saturating_sub(display_width(event.code())) + 1)));
    let room = width.saturating_sub(3 + code_room + 1);
    let (label, indices) = label_to_show(app, event, &hit.found.highlights, hit.via.is_some());
    // Found through a word of its vocabulary: the row says which, dimmed, after the label. It is
    // why the row is there, so the label's end gives way to it, down to a readable start.
    let via = hit.via.and_then(|phrase| app.list.index.phrase(phrase)).map(|phrase| format!("  · {phrase}"));
    let via_width = via.as_deref().map_or(0, display_width);
    let (label_room, via) = match via {
        Some(via) if room >= display_width(label) + via_width => (display_width(label), Some(via)),
        Some(via) if room >= MIN_LABEL_WITH_VIA + via_width => (room - via_width, Some(via)),
        _ => (room, None),
    };
    spans.extend(highlighted(
        label,
        indices,
        label_room,
        app.settings.theme.text,
        app.settings.theme.highlight,
    ));
    if let Some(via) = via {
        spans.push(Span::styled(via, app.settings.theme.dim));
    }
    Line::from(spans)
}

/// The label in the interface's language, unless only the other language's label matched the
/// search: then that one, so the user sees why the type is listed (`compania` in English mode).
/// The third language's label (Portuguese, or Spanish on a Portuguese screen) shows only when
/// nothing else explains the row: a type its vocabulary found keeps the interface's label, with
/// the word beside it (`via`).
fn label_to_show<'a>(
    app: &App,
    event: &'a EventType,
    highlights: &'a [Vec<usize>],
    via: bool,
) -> (&'a str, &'a [usize]) {
    let spanish = (event.label_es(), FIELD_LABEL_ES);
    let english = (event.label_en(), FIELD_LABEL_EN);
    let portuguese = (event.label_pt(), FIELD_LABEL_PT);
    // The interface's label, then the other index language's; Portuguese is searched as a third
    // language, except on a Portuguese screen, where it is the label and Spanish the third.
    let (own, other, third) = match app.settings.lang {
        Lang::Es => (spanish, english, portuguese),
        Lang::En => (english, spanish, portuguese),
        Lang::Pt => (portuguese, spanish, english),
    };
    let matched = |field: usize| highlights.get(field).is_some_and(|h| !h.is_empty());
    let (label, field) = if matched(own.1) {
        own
    } else if matched(other.1) {
        other
    } else if matched(third.1) && !via {
        third
    } else {
        own
    };
    (label, highlights.get(field).map_or(&[], Vec::as_slice))
}
