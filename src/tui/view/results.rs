//! The events a run found, one line each (when, what, on which entity, who, the change), under a
//! filter line that narrows them, and the highlighted event's raw JSON when asked for. The pane
//! takes the whole body of the screen.

use crate::i18n::screen_messages;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};
use ratatui::Frame;

use super::pane;
use super::search::{render_input_line, InputLine};
use super::text::{display_width, highlighted};
use crate::tui::app::App;
use crate::tui::layout::event_rows;
use crate::tui::results::{clock, EventLine, EventRun, Following, LineField};

/// The widest a name column gets, so the change keeps room.
const COLUMN_MAX: usize = 28;
/// Padding for a column (at most `COLUMN_MAX + 2` spaces), borrowed instead of allocated per cell.
const SPACES: &str = "                              ";
const _: () = assert!(SPACES.len() == COLUMN_MAX + 2);

pub(super) fn render(app: &App, run: &EventRun, frame: &mut Frame, area: Rect) {
    if run.json.is_some() {
        render_json(app, run, frame, area);
        return;
    }
    let texts = app.settings.lang.texts();
    let title = match &run.following {
        Some(following) => following_title(app, run, following),
        None => format!("{} · {}", texts.results_title, summary(app, run)),
    };
    let block = pane(app, &title, app.overlay.is_none());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let counts =
        screen_messages::results_filter_count(run.shown().len(), run.events.len(), app.settings.lang);
    let filter_line = InputLine {
        input: &run.filter,
        placeholder: texts.results_filter_placeholder,
        counts: format!(" {counts} "),
        focused: app.overlay.is_none(),
    };
    render_input_line(app, frame, inner, filter_line);
    let events_area = Rect { y: inner.y.saturating_add(1), height: inner.height.saturating_sub(1), ..inner };
    if let Some(message) = empty_view_message(app, run) {
        let message = Paragraph::new(Span::styled(message, app.settings.theme.dim)).wrap(Wrap { trim: true });
        frame.render_widget(message, events_area);
        return;
    }
    let visible: Vec<(usize, usize)> =
        run.shown_in_order().enumerate().skip(run.scroll).take(event_rows(area)).collect();
    let widths = Widths::fit(visible.iter().map(|&(_, event)| &run.lines[event]), events_area.width);
    let lines: Vec<Line> = visible
        .into_iter()
        .map(|(position, event)| event_line(app, run, event, position == run.cursor, &widths))
        .collect();
    frame.render_widget(Paragraph::new(lines), events_area);
}

/// What the pane says instead of events: the account answered 204, or the filter lets none of
/// the loaded events through (and whether scrolling will load more).
fn empty_view_message(app: &App, run: &EventRun) -> Option<String> {
    let texts = app.settings.lang.texts();
    if run.is_empty_answer() {
        return Some(texts.results_none.to_owned());
    }
    if run.following.is_some() && run.events.is_empty() {
        return Some(texts.follow_waiting.to_owned());
    }
    if !run.shown().is_empty() || run.events.is_empty() {
        return None;
    }
    let more_to_load = run.next.is_some();
    Some(screen_messages::results_filter_none(
        run.filter.text(),
        run.events.len(),
        more_to_load,
        app.settings.lang,
    ))
}

/// One event's line, the characters the filter matched highlighted. Highlights are found here,
/// for the rows on screen only: filtering itself never computes them.
fn event_line<'a>(app: &App, run: &'a EventRun, event: usize, is_cursor: bool, widths: &Widths) -> Line<'a> {
    let theme = &app.settings.theme;
    let line = &run.lines[event];
    let highlights = if run.filter.is_empty() { Vec::new() } else { run.filtered.highlights(event) };
    let marks = |field: LineField| highlights.get(field as usize).map_or(&[][..], Vec::as_slice);
    let mut spans = vec![Span::styled(if is_cursor { "▶" } else { " " }, theme.key)];
    let columns = [
        (&line.at, LineField::At, display_width(&line.at), theme.dim),
        (&line.kind, LineField::Kind, widths.kind, theme.code),
        (&line.entity, LineField::Entity, widths.entity, Style::default()),
        (&line.by, LineField::By, widths.by, theme.text),
    ];
    for (text, field, width, style) in columns {
        spans.extend(column(text, marks(field), width, style, theme.highlight));
    }
    spans.extend(highlighted(
        &line.change,
        marks(LineField::Change),
        usize::MAX,
        Style::default(),
        theme.highlight,
    ));
    let line = Line::from(spans);
    if is_cursor {
        line.style(theme.cursor_row)
    } else {
        line
    }
}

/// `12 events, 1 pages · more below`, or what is being loaded.
fn summary(app: &App, run: &EventRun) -> String {
    let texts = app.settings.lang.texts();
    let mut text = screen_messages::results_loaded(run.events.len(), run.pages as usize, app.settings.lang);
    if run.next.is_some() {
        text.push_str(&format!(" · {}", texts.results_more));
    }
    text
}

/// `Following · 37 events · every 10 s`, or `Stopped following · 37 events`.
fn following_title(app: &App, run: &EventRun, following: &Following) -> String {
    let texts = app.settings.lang.texts();
    let events = screen_messages::follow_events(run.events.len(), app.settings.lang);
    if run.error.is_some() || following.finished.is_some() {
        return format!("{} · {events}", texts.follow_title_stopped);
    }
    let every = screen_messages::follow_every(following.interval.as_secs_f64(), app.settings.lang);
    format!("{} · {events} · {every}", texts.follow_title)
}

/// The status line while the pane follows: why following stopped, else the last poll's failure,
/// else the spinner while a poll is under way (with a retry notice), else when the last poll was
/// and when the next one is.
fn following_status(app: &App, run: &EventRun, following: &Following) -> Option<(String, bool)> {
    let texts = app.settings.lang.texts();
    if let Some(finished) = &following.finished {
        return Some((finished.clone(), false));
    }
    if let Some(warning) = &following.warning {
        return Some((warning.clone(), true));
    }
    if following.polling {
        let frame = super::spinner_frame(app.now, run.started);
        let mut text = format!("{frame} {}", texts.follow_polling);
        if let Some(notice) = &run.notice {
            text.push_str(&format!(" {notice}"));
        }
        return Some((text, false));
    }
    let last = following.last_poll?;
    let next = last + following.interval.as_secs_f64().ceil() as i64;
    let text = screen_messages::follow_times(
        &clock(last, app.settings.zone),
        &clock(next, app.settings.zone),
        app.settings.lang,
    );
    Some((text, false))
}

/// The status line while a run is open: the spinner and the page being loaded (with a retry
/// notice), or why the last fetch failed; `None` when there is nothing to say.
pub(super) fn status(app: &App, run: &EventRun) -> Option<(String, bool)> {
    if let Some(error) = &run.error {
        return Some((error.clone(), true));
    }
    if let Some(following) = &run.following {
        return following_status(app, run, following);
    }
    let page = run.loading?;
    let frame = super::spinner_frame(app.now, run.started);
    let mut text = format!("{frame} {}", screen_messages::results_loading(page, app.settings.lang));
    if let Some(notice) = &run.notice {
        text.push_str(&format!(" {notice}"));
    }
    Some((text, false))
}

fn render_json(app: &App, run: &EventRun, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let block = pane(app, texts.event_json_title, app.overlay.is_none()).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let json = run.highlighted_json().unwrap_or_default();
    let lines: Vec<Line> =
        json.lines().map(|line| Line::styled(line.to_owned(), app.settings.theme.text)).collect();
    let scroll = run.json.unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
}

/// Column widths for the visible lines, each capped at [`COLUMN_MAX`].
#[derive(Debug, PartialEq, Eq)]
struct Widths {
    kind: usize,
    entity: usize,
    by: usize,
}

impl Widths {
    /// The widths the visible lines need, narrowed when the change would not fit in `width`
    /// columns: the change is what the user came for, so the widest of entity and type gives a
    /// column at a time (down to a floor that still tells rows apart), then who.
    fn fit<'a>(lines: impl Iterator<Item = &'a EventLine>, width: u16) -> Widths {
        let (mut widths, mut at, mut change) = (Widths { kind: 0, entity: 0, by: 0 }, 0, 0);
        for line in lines {
            at = at.max(display_width(&line.at));
            widths.kind = widths.kind.max(display_width(&line.kind));
            widths.entity = widths.entity.max(display_width(&line.entity));
            widths.by = widths.by.max(display_width(&line.by));
            change = change.max(display_width(&line.change));
        }
        widths.kind = widths.kind.min(COLUMN_MAX);
        widths.entity = widths.entity.min(COLUMN_MAX);
        widths.by = widths.by.min(COLUMN_MAX);
        // The cursor mark, then each column and its two spaces, then the change.
        let needed = 1 + at + 2 + widths.kind + 2 + widths.entity + 2 + widths.by + 2 + change;
        let mut over = needed.saturating_sub(usize::from(width));
        while over > 0 {
            let shrinkable = if widths.entity >= widths.kind { &mut widths.entity } else { &mut widths.kind };
            if *shrinkable <= FLOOR {
                break;
            }
            *shrinkable -= 1;
            over -= 1;
        }
        let give = over.min(widths.by.saturating_sub(FLOOR));
        widths.by -= give;
        widths
    }
}

/// The narrowest a name column is made to let the change show.
const FLOOR: usize = 12;

/// The text cut to `width` columns (with `…`), matched characters highlighted, padded to the
/// width, then two spaces.
fn column<'a>(text: &'a str, indices: &[usize], width: usize, base: Style, matched: Style) -> Vec<Span<'a>> {
    let mut spans = highlighted(text, indices, width, base, matched);
    let used: usize = spans.iter().map(|span| display_width(&span.content)).sum();
    let padding = width.saturating_sub(used).min(COLUMN_MAX) + 2;
    spans.push(Span::raw(&SPACES[..padding]));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: &str, entity: &str, by: &str, change: &str) -> EventLine {
        let text = |s: &str| s.to_owned();
        EventLine {
            at: text("2026-11-24 06:28:02"),
            code: text("entity_responsible_changed"),
            kind: text(kind),
            entity: text(entity),
            by: text(by),
            change: text(change),
        }
    }

    #[test]
    fn wide_screens_keep_every_column_whole() {
        let lines =
            [line("Responsible user changed", "lead 2104501 \"Blue Harbor renewal\"", "Ana García", "x")];
        assert_eq!(Widths::fit(lines.iter(), 200), Widths { kind: 24, entity: 28, by: 10 });
    }

    #[test]
    fn the_change_keeps_its_room_and_entity_and_type_give_it_in_turn() {
        let change = "Responsible: Marta Ruiz → Ana García";
        let lines =
            [line("Responsible user changed", "lead 2104501 \"Blue Harbor renewal\"", "Ana García", change)];
        let widths = Widths::fit(lines.iter(), 118);
        assert_eq!(widths, Widths { kind: 22, entity: 22, by: 10 });
        let used = 1 + 21 + widths.kind + 2 + widths.entity + 2 + widths.by + 2 + display_width(change);
        assert_eq!(used, 118);
        let narrow = Widths::fit(lines.iter(), 60);
        assert_eq!(
            narrow,
            Widths { kind: FLOOR, entity: FLOOR, by: 10 },
            "floors hold; the change is cut instead"
        );
    }
}
