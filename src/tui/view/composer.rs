//! The filter composer: selected types as removable chips, one row per parameter, then the live
//! query and every broken rule. Invalid input stays visible as typed, marked ✗.

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::search::visible_window;
use super::text::highlighted;
use super::text::{display_width, query_lines, wrap_words};
use super::{is_focused, pane, pane_titled};
use crate::filter::format::QueryFormat;
use crate::filter::relative::Relative;
use crate::filter::{self, ProblemKind, Severity, Side, ValueKey};
use crate::i18n::{filter_messages, screen_messages, Texts};
use crate::tui::app::{App, Focus};
use crate::tui::composer::{moment, DraftField};
use crate::tui::layout::field_window;
use crate::tui::picker::{self, NameKind};

const LABEL_WIDTH: u16 = 17;

pub(super) fn render(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let focused = is_focused(app, Focus::Composer);
    let block = pane(app, texts.composer_title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = app.composer.fields.rows(&app.composer.selection);
    // The preview is built once a frame: its height decides how many field rows fit.
    let preview_lines = preview(app, usize::from(inner.width));
    let (first, visible) = window(app, &rows, area, preview_lines.len());
    let hidden_below = rows.len().saturating_sub(first + visible);
    let footer_line = u16::from(hidden_below > 0);
    let [fields_area, query_area] =
        Layout::vertical([Constraint::Length(visible as u16 + footer_line), Constraint::Min(0)]).areas(inner);
    for (line, field) in rows.iter().skip(first).take(visible).enumerate() {
        let row = Rect { y: fields_area.y + line as u16, height: 1, ..fields_area };
        render_field(app, frame, row, *field, focused);
    }
    if hidden_below > 0 {
        let row = Rect { y: fields_area.y + visible as u16, height: 1, ..fields_area };
        let more = screen_messages::more_rows(hidden_below, app.settings.lang);
        frame.render_widget(Paragraph::new(Span::styled(more, app.settings.theme.dim)), row);
    }
    let shown = super::fit_lines(app, preview_lines, usize::from(query_area.height));
    frame.render_widget(Paragraph::new(shown), query_area);
}

/// The compact screen's summary under the list: the selected types as chips and the live query
/// under a title with the format and the verdict, cut with a count of what did not fit.
pub(super) fn render_summary(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let (verdict, style) = verdict(app);
    // The border is drawn first to learn the room inside; the title, which counts the lines
    // that do not fit (every row here is worth its place), comes with it.
    let inner = pane(app, "", false).inner(area);
    let width = usize::from(inner.width);
    let mut lines = vec![chips_line(app, false, width)];
    // The preview less its header, which the title says.
    lines.extend(preview(app, width).into_iter().skip(1));
    let height = usize::from(inner.height);
    let mut title = vec![
        Span::styled(format!(" {} ", texts.composer_title), app.settings.theme.title),
        Span::styled(format!("[{}] ", app.settings.format.name()), app.settings.theme.key),
        Span::styled(format!("{verdict} "), style),
    ];
    if lines.len() > height {
        let more = screen_messages::more_rows(lines.len() - height, app.settings.lang);
        title.push(Span::styled(format!("· {more} "), app.settings.theme.dim));
        lines.truncate(height);
    }
    frame.render_widget(pane_titled(app, Line::from(title), false), area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The composed query's verdict (valid, with warnings, invalid) and its style.
fn verdict(app: &App) -> (String, Style) {
    let texts = app.settings.lang.texts();
    let theme = &app.settings.theme;
    let composed = &app.composer.composed;
    if !composed.is_valid() {
        (format!("✗ {}", texts.query_invalid), theme.error)
    } else if composed.problems.iter().any(|p| p.severity == Severity::Warning) {
        (format!("⚠ {} ({})", texts.query_valid, texts.query_warnings), theme.warning)
    } else {
        (format!("✔ {}", texts.query_valid), theme.ok)
    }
}

fn label(texts: &Texts, field: DraftField) -> String {
    let plain = match field {
        DraftField::Types => texts.field_types,
        DraftField::Entity => texts.field_entity,
        DraftField::EntityId => texts.field_entity_id,
        DraftField::CreatedBy => texts.field_created_by,
        DraftField::CreatedFrom => texts.field_created_from,
        DraftField::CreatedTo => texts.field_created_to,
        DraftField::EventIds => texts.field_event_ids,
        DraftField::With => texts.field_with,
        DraftField::Limit => texts.field_limit,
        DraftField::Page => texts.field_page,
        DraftField::Value(side, key) => {
            let key = match key {
                ValueKey::LeadsStatuses => texts.value_stage,
                ValueKey::CustomersStatuses => texts.value_customer_stage,
                ValueKey::ResponsibleUserId => texts.value_responsible,
                ValueKey::CustomFieldValues => texts.value_enums,
                ValueKey::Value => texts.value_value,
            };
            let side = match side {
                Side::Before => texts.side_before,
                Side::After => texts.side_after,
            };
            return format!("{key} {side}");
        }
    };
    plain.to_string()
}

fn hint(texts: &Texts, field: DraftField) -> &'static str {
    match field {
        DraftField::Types => texts.hint_types,
        DraftField::Entity => texts.hint_entity,
        DraftField::EntityId => texts.hint_ids,
        DraftField::CreatedBy => texts.hint_users,
        DraftField::CreatedFrom | DraftField::CreatedTo => texts.hint_date,
        DraftField::EventIds => texts.hint_event_ids,
        DraftField::With => texts.hint_with,
        DraftField::Limit | DraftField::Page => texts.hint_number,
        DraftField::Value(_, ValueKey::LeadsStatuses) => texts.hint_stages,
        DraftField::Value(_, ValueKey::CustomersStatuses) => texts.hint_customer_stages,
        DraftField::Value(_, ValueKey::ResponsibleUserId) => texts.hint_responsible,
        DraftField::Value(_, ValueKey::CustomFieldValues) => texts.hint_enums,
        DraftField::Value(_, ValueKey::Value) => texts.hint_value,
    }
}

fn render_field(app: &App, frame: &mut Frame, row: Rect, field: DraftField, pane_focused: bool) {
    let texts = app.settings.lang.texts();
    let theme = &app.settings.theme;
    let has_focus = pane_focused && app.composer.fields.focused == field;
    let marker = if has_focus { "▶" } else { " " };
    let label_text = format!("{marker}{:<width$}", label(texts, field), width = usize::from(LABEL_WIDTH) - 1);
    let label_style = if has_focus { theme.key } else { theme.dim };
    let [label_area, value_area] =
        Layout::horizontal([Constraint::Length(LABEL_WIDTH), Constraint::Min(0)]).areas(row);
    frame.render_widget(Paragraph::new(Span::styled(label_text, label_style)), label_area);
    if field == DraftField::Types {
        frame.render_widget(
            Paragraph::new(chips_line(app, has_focus, usize::from(value_area.width))),
            value_area,
        );
        return;
    }
    let Some(input) = app.composer.fields.input(field) else { return };
    let error = app.composer.composed.error_of(field).is_some();
    let suffix = field_suffix(app, field, error);
    let suffix_width = suffix.width() as u16;
    let room = value_area.width.saturating_sub(suffix_width);
    let (visible, cursor_column) = visible_window(input.text(), input.cursor(), usize::from(room));
    let mut spans = Vec::new();
    if input.is_empty() && !has_focus {
        spans.push(Span::styled(hint(texts, field), theme.dim));
    } else {
        // The names get what the text leaves: the text is what the user edits.
        let names_room = usize::from(room).saturating_sub(display_width(&visible));
        spans.push(Span::styled(visible, if error { theme.error } else { theme.text }));
        spans.extend(known_names(app, field, names_room));
        spans.push(suffix);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), value_area);
    if has_focus {
        frame.set_cursor_position(Position::new(value_area.x + cursor_column, value_area.y));
    }
}

/// After an id field's text, dimmed: the names of the ids the account knows (`  → Ana, Luis`), cut
/// to `room` columns; nothing when it knows none or there is no room for a name.
fn known_names(app: &App, field: DraftField, room: usize) -> Vec<Span<'static>> {
    const ARROW: &str = "  → ";
    let Some(kind) = NameKind::of_field(field) else { return Vec::new() };
    if room <= display_width(ARROW) + 1 {
        return Vec::new();
    }
    let robot = app.settings.lang.texts().name_robot;
    let Some(names) = picker::known_names(&app.account.names, kind, app.composer.fields.text(field), robot)
    else {
        return Vec::new();
    };
    let text = format!("{ARROW}{names}");
    let dim = app.settings.theme.dim;
    highlighted(&text, &[], room, dim, dim)
        .into_iter()
        .map(|span| Span::styled(span.content.into_owned(), dim))
        .collect()
}

/// After a field: ✗ when it does not parse, or the Unix seconds a typed date becomes.
fn field_suffix(app: &App, field: DraftField, error: bool) -> Span<'static> {
    if error {
        return Span::styled("  ✗", app.settings.theme.error);
    }
    if app.composer.composed.not_applied.contains(&field) {
        return Span::styled(
            format!("  ⚠ {}", app.settings.lang.texts().not_applied_short),
            app.settings.theme.warning,
        );
    }
    let bound = match field {
        DraftField::CreatedFrom => crate::filter::date::Bound::From,
        DraftField::CreatedTo => crate::filter::date::Bound::To,
        _ => return Span::raw(""),
    };
    let text = app.composer.fields.text(field);
    let Some(words) = Relative::parse(text) else {
        return match moment(text, bound, app.settings.zone) {
            Ok(Some(seconds)) => Span::styled(format!("  → {seconds}"), app.settings.theme.dim),
            _ => Span::raw(""),
        };
    };
    // A date in words, resolved now, in the zone: the moment it stands for (and, typed in From
    // with To empty, the span's end too, since that is what the query asks for).
    let filter = &app.composer.composed.filter;
    // A span of days shows its days (`2026-11-23 … 2026-11-29`, whole days), a moment its minute.
    let pattern = if words.is_span() { "%Y-%m-%d" } else { "%Y-%m-%d %H:%M" };
    let shown = |seconds: Option<i64>| seconds.map(|s| app.settings.zone.format(s, pattern));
    let at =
        if bound == crate::filter::date::Bound::From { filter.created_at.from } else { filter.created_at.to };
    let span_end = (bound == crate::filter::date::Bound::From
        && words.is_span()
        && app.composer.fields.text(DraftField::CreatedTo).trim().is_empty())
    .then_some(filter.created_at.to)
    .flatten();
    match (shown(at), shown(span_end)) {
        (Some(at), Some(end)) => Span::styled(format!("  → {at} … {end}"), app.settings.theme.dim),
        (Some(at), None) => Span::styled(format!("  → {at}"), app.settings.theme.dim),
        _ => Span::raw(""),
    }
}

/// The selected types as chips, as many as fit in `width` around the highlighted one; the chips
/// left out are counted at either end (`‹2 … +3 more`), so nothing is cut without a mark and the
/// chip Delete removes is always on screen.
fn chips_line(app: &App, has_focus: bool, width: usize) -> Line<'static> {
    let theme = &app.settings.theme;
    let selection = &app.composer.selection;
    if selection.is_empty() {
        return Line::styled(app.settings.lang.texts().no_types_selected, theme.dim);
    }
    let chip = |index: usize| -> (String, Style) {
        let code = &selection[index];
        let focused = has_focus && index == app.composer.fields.chip;
        // A code no list knows (loaded from a pasted query) is marked "?", also without colour.
        match (is_unknown(app, code), focused) {
            (true, true) => (format!("[? {code} ×]"), theme.chip_focused.patch(theme.warning)),
            (true, false) => (format!("[? {code} ×]"), theme.warning),
            (false, true) => (format!("[{code} ×]"), theme.chip_focused),
            (false, false) => (format!("[{code} ×]"), theme.chip),
        }
    };
    let widths: Vec<usize> = (0..selection.len()).map(|index| display_width(&chip(index).0) + 1).collect();
    let lang = app.settings.lang;
    let before = |start: usize| if start > 0 { format!("‹{start} ") } else { String::new() };
    let after = |end: usize| {
        let left_out = selection.len() - end;
        if left_out > 0 {
            screen_messages::more_chips(left_out, lang)
        } else {
            String::new()
        }
    };
    let cursor = if has_focus { app.composer.fields.chip.min(selection.len() - 1) } else { 0 };
    let (start, end) = chip_window(&widths, cursor, width, |start, end| {
        display_width(&before(start)) + display_width(&after(end))
    });
    let mut spans = vec![Span::styled(before(start), theme.dim)];
    for index in start..end {
        let (text, style) = chip(index);
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    spans.push(Span::styled(after(end), theme.dim));
    Line::from(spans)
}

/// The chips `[start, end)` to show in `room` columns: from the first when the highlighted one
/// fits that way, else scrolled so it is the last shown; `markers(start, end)` is the room the
/// counts of the chips left out take. At least the highlighted chip is shown.
fn chip_window(
    widths: &[usize],
    cursor: usize,
    room: usize,
    markers: impl Fn(usize, usize) -> usize,
) -> (usize, usize) {
    let fits =
        |start: usize, end: usize| widths[start..end].iter().sum::<usize>() + markers(start, end) <= room;
    let mut end = 0;
    while end < widths.len() && fits(0, end + 1) {
        end += 1;
    }
    if cursor < end {
        return (0, end);
    }
    let (mut start, mut end) = (cursor, cursor + 1);
    while start > 0 && fits(start - 1, end) {
        start -= 1;
    }
    while end < widths.len() && fits(start, end + 1) {
        end += 1;
    }
    (start, end)
}

/// True when the composed filter says `code` is a type no list knows.
fn is_unknown(app: &App, code: &str) -> bool {
    app.composer.composed.problems.iter().any(
        |problem| matches!(&problem.kind, ProblemKind::UnknownType { code: unknown, .. } if unknown == code),
    )
}

/// A message as screen lines of at most `width` columns, so the preview knows its height.
fn push_wrapped(lines: &mut Vec<Line<'static>>, text: &str, style: Style, width: usize) {
    lines.extend(wrap_words(text, width).into_iter().map(|part| Line::styled(part, style)));
}

/// The field rows shown in the composer `area`, as (first, count).
fn window(app: &App, rows: &[DraftField], area: Rect, preview_lines: usize) -> (usize, usize) {
    let focused = rows.iter().position(|field| *field == app.composer.fields.focused).unwrap_or(0);
    field_window(rows.len(), focused, area, preview_lines)
}

/// The field row under screen row `row` of the composer `area`, for a click.
pub(super) fn field_at(app: &App, area: Rect, row: u16) -> Option<DraftField> {
    if row <= area.y {
        return None;
    }
    let rows = app.composer.fields.rows(&app.composer.selection);
    let preview_lines = preview(app, usize::from(area.width.saturating_sub(2))).len();
    let (first, _) = window(app, &rows, area, preview_lines);
    rows.get(first + usize::from(row - area.y - 1)).copied()
}

/// The query preview: its header with the format and the verdict, the output wrapped at
/// parameter boundaries, then values kept but not applied, fields that do not parse, and rules.
fn preview(app: &App, width: usize) -> Vec<Line<'static>> {
    let texts = app.settings.lang.texts();
    let theme = &app.settings.theme;
    let composed = &app.composer.composed;
    let (verdict, style) = verdict(app);
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("── {} ", texts.query_title), theme.title),
        Span::styled(format!("[{}] ", app.settings.format.name()), theme.key),
        Span::styled(verdict, style),
    ])];
    if composed.query.is_empty() && app.settings.format != QueryFormat::Json {
        lines.push(Line::styled(texts.query_empty, theme.dim));
    }
    if !composed.output.is_empty() {
        let output = composed.output.lines().flat_map(|line| query_lines(line, width));
        lines.extend(output.map(|line| Line::styled(line, theme.code)));
    }
    for field in &composed.not_applied {
        let needs = match field {
            DraftField::Value(_, key) => filter::types_needed(*key).join(", "),
            _ => String::new(),
        };
        let note = screen_messages::not_applied(&needs, app.settings.lang);
        push_wrapped(&mut lines, &format!("⚠ {}: {note}", label(texts, *field)), theme.warning, width);
    }
    // What a loaded query had that no events filter has stays said until the next load.
    for (key, value) in &app.composer.loaded_unknown {
        let text = crate::i18n::decode_messages::not_understood(key, value, app.settings.lang);
        push_wrapped(&mut lines, &format!("⚠ {text}"), theme.warning, width);
    }
    // Each says which field it is about, as the field's row is named.
    for (field, error) in &composed.field_errors {
        let message = filter_messages::field_error(error, app.settings.lang);
        push_wrapped(&mut lines, &format!("✗ {}: {message}", label(texts, *field)), theme.error, width);
    }
    for problem in &composed.problems {
        let (mark, style) = match problem.severity {
            Severity::Error => ("✗", theme.error),
            Severity::Warning => ("⚠", theme.warning),
            Severity::Note => ("ℹ", theme.dim),
        };
        push_wrapped(
            &mut lines,
            &format!("{mark} {}", filter_messages::problem(problem, app.settings.lang)),
            style,
            width,
        );
    }
    lines
}
