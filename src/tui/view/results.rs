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
use crate::tui::results::{clock, ContentWidths, EventRun, Following, LineField};

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
    let mut block = pane(app, &title, app.overlay.is_none());
    if run.following.is_some() {
        block = super::with_account(app, block, super::text::display_width(&title) + 2, area.width);
    }
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
    let widths = Widths::fit(&run.widths, events_area.width);
    let lines: Vec<Line> = visible
        .into_iter()
        .map(|(position, event)| {
            event_line(app, run, event, position == run.cursor, &widths, events_area.width)
        })
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
fn event_line<'a>(
    app: &App,
    run: &'a EventRun,
    event: usize,
    is_cursor: bool,
    widths: &Widths,
    width: u16,
) -> Line<'a> {
    let theme = &app.settings.theme;
    let line = &run.lines[event];
    let highlights = if run.filter.is_empty() { Vec::new() } else { run.filtered.highlights(event) };
    let marks = |field: LineField| highlights.get(field as usize).map_or(&[][..], Vec::as_slice);
    let mut spans = vec![Span::styled(if is_cursor { "▶" } else { " " }, theme.key)];
    // The short time is the full one less its year and seconds (`2026-11-24 06:28:02`).
    let at = if widths.short_at { line.at.get(5..16).unwrap_or(&line.at) } else { &line.at };
    let columns = [
        (at, LineField::At, display_width(at), theme.dim),
        (&line.kind, LineField::Kind, widths.kind, theme.code),
        (&line.entity, LineField::Entity, widths.entity, Style::default()),
        (&line.by, LineField::By, widths.by, theme.text),
    ];
    let mut used = 1;
    for (text, field, column_width, style) in columns {
        // The time's marks count from its first character, which the short form drops.
        let shifted: Vec<usize>;
        let indices = if field == LineField::At && widths.short_at {
            shifted = marks(field).iter().filter(|&&i| (5..16).contains(&i)).map(|i| i - 5).collect();
            &shifted[..]
        } else {
            marks(field)
        };
        spans.extend(column(text, indices, column_width, style, theme.highlight));
        used += column_width + 2;
    }
    let room = usize::from(width).saturating_sub(used);
    spans.extend(change_spans(
        &line.change,
        marks(LineField::Change),
        room,
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

/// Column widths on this screen, from the widths of every loaded line.
#[derive(Debug, PartialEq, Eq)]
struct Widths {
    /// The time as `MM-DD HH:MM` instead of in full, on a narrow screen.
    short_at: bool,
    kind: usize,
    entity: usize,
    by: usize,
}

/// The time's width in its short form (`11-24 06:28`).
const SHORT_AT: usize = 11;

impl Widths {
    /// Every column whole when the screen has the room: names get all there is. Otherwise the
    /// change keeps its room and the others give columns in turns, the widest first, each down
    /// to a floor: names first (to 24 columns), then the time drops its year and seconds, then
    /// type and who to their floors. The entity's type and id are never cut.
    fn fit(content: &ContentWidths, width: u16) -> Widths {
        let mut widths =
            Widths { short_at: false, kind: content.kind, entity: content.entity, by: content.by };
        let needed = |w: &Widths| {
            let at = if w.short_at { SHORT_AT.min(content.at) } else { content.at };
            // The cursor mark, then each column and its two spaces, then the change.
            1 + at + 2 + w.kind + 2 + w.entity + 2 + w.by + 2 + content.change
        };
        let width = usize::from(width);
        let entity_floor = (content.entity_ref + 1).max(content.entity.min(24)).min(content.entity);
        widths.shrink_to(&needed, width, [content.kind.min(20), entity_floor, content.by.min(14)]);
        if needed(&widths) > width {
            widths.short_at = true;
        }
        // A name after the id needs one more column, for the `…` that says it was cut.
        let entity_ref = content.entity_ref + usize::from(content.entity > content.entity_ref);
        let floors = [content.kind.min(FLOOR), entity_ref, content.by.min(8)];
        widths.shrink_to(&needed, width, floors);
        widths
    }

    /// Narrows kind, entity and who, a column at a time from the one furthest above its floor,
    /// until `needed` fits in `width` or every one is at its floor.
    fn shrink_to(&mut self, needed: &impl Fn(&Widths) -> usize, width: usize, floors: [usize; 3]) {
        while needed(self) > width {
            let columns = [&mut self.kind, &mut self.entity, &mut self.by];
            let widest = columns
                .into_iter()
                .zip(floors)
                .filter(|(w, floor)| **w > *floor)
                .max_by_key(|(w, floor)| **w - floor);
            match widest {
                Some((column, _)) => *column -= 1,
                None => break,
            }
        }
    }
}

/// The narrowest a type column is made to let the change show.
const FLOOR: usize = 12;

/// The text cut to `width` columns (with `…`), matched characters highlighted, padded to the
/// width, then two spaces.
fn column<'a>(text: &'a str, indices: &[usize], width: usize, base: Style, matched: Style) -> Vec<Span<'a>> {
    let mut spans = highlighted(text, indices, width, base, matched);
    let used: usize = spans.iter().map(|span| display_width(&span.content)).sum();
    let padding = width.saturating_sub(used);
    spans.push(Span::raw(" ".repeat(padding + 2)));
    spans
}

/// The change in `room` columns. Cut, it keeps its end (`→ Won (Sales)`): the value before the
/// arrow gives way first, since where a change went is what a user looks for.
fn change_spans<'a>(
    text: &'a str,
    indices: &[usize],
    room: usize,
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    const ARROW: &str = " → ";
    let whole = display_width(text) <= room;
    let Some(arrow) = text.find(ARROW).filter(|_| !whole) else {
        return highlighted(text, indices, room, base, matched);
    };
    let (before, after) = text.split_at(arrow);
    let after_width = display_width(after);
    // Room for the end, and for at least a few characters of what came before; with less, the
    // end alone (`→ Won (Sa…`).
    if after_width + 4 > room {
        let shift = text[..arrow + 1].chars().count();
        let after_indices: Vec<usize> = indices.iter().filter(|&&i| i >= shift).map(|i| i - shift).collect();
        return highlighted(&text[arrow + 1..], &after_indices, room, base, matched);
    }
    let shift = before.chars().count();
    let after_indices: Vec<usize> = indices.iter().filter(|&&i| i >= shift).map(|i| i - shift).collect();
    let mut spans = highlighted(before, indices, room - after_width, base, matched);
    spans.extend(highlighted(after, &after_indices, after_width, base, matched));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::results::EventLine;

    fn content(lines: &[(&str, &str, &str, &str)]) -> ContentWidths {
        let mut run = EventRun::new(1, std::time::Instant::now());
        run.add_lines(lines.iter().map(|&(kind, entity, by, change)| EventLine {
            at: "2026-11-24 06:28:02".to_owned(),
            code: "lead_status_changed".to_owned(),
            kind: kind.to_owned(),
            entity: entity.to_owned(),
            by: by.to_owned(),
            change: change.to_owned(),
        }));
        run.widths
    }

    const STAGE: (&str, &str, &str, &str) = (
        "Lead stage changed",
        "lead 2104501 \"Blue Harbor renewal for the north region\"",
        "Ana García",
        "Stage: Negotiation → Won (Sales)",
    );

    #[test]
    fn wide_screens_keep_every_column_whole_names_included() {
        let widths = Widths::fit(&content(&[STAGE]), 200);
        let entity = display_width(STAGE.1);
        assert_eq!(widths, Widths { short_at: false, kind: 18, entity, by: 10 });
    }

    #[test]
    fn ids_are_never_cut_and_the_change_keeps_its_room() {
        let content = content(&[STAGE, ("Lead added", "company 98765432", "robot", "")]);
        assert_eq!(content.entity_ref, "company 98765432".len());
        for width in [80u16, 100, 120] {
            let widths = Widths::fit(&content, width);
            assert!(widths.entity >= content.entity_ref, "{width}: {widths:?}");
            let at = if widths.short_at { SHORT_AT } else { content.at };
            let used = 1 + at + 2 + widths.kind + 2 + widths.entity + 2 + widths.by + 2;
            // Whole from 100 columns; at 80, room enough for where it went (see the next test).
            let needed = if width >= 100 { content.change } else { display_width(" → Won (Sales)") + 4 };
            assert!(used + needed <= usize::from(width), "{width}: {widths:?}");
        }
        assert!(Widths::fit(&content, 80).short_at, "at 80 columns the time gives up its year and seconds");
        assert!(!Widths::fit(&content, 120).short_at);
    }

    #[test]
    fn a_cut_change_keeps_where_it_went() {
        let text = "Stage: Negotiation → Won (Sales)";
        let spans = change_spans(text, &[], 24, Style::default(), Style::default());
        let shown: String = spans.iter().map(|span| span.content.as_ref()).collect();
        assert!(shown.ends_with(" → Won (Sales)"), "{shown}");
        assert!(shown.starts_with("Stage: N") && shown.contains('…'), "{shown}");
        assert!(display_width(&shown) <= 24, "{shown}");
    }
}
