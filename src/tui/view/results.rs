//! The events a run found, one line each (when, what, on which entity, who, the change), and the
//! highlighted event's raw JSON when asked for. The pane takes the whole body of the screen.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Padding, Paragraph, Wrap};
use ratatui::Frame;

use super::layout::list_rows;
use super::pane;
use super::text::display_width;
use crate::tui::app::App;
use crate::tui::run::{EventLine, EventRun};

/// The widest a name column gets, so the change keeps room.
const COLUMN_MAX: usize = 28;

pub(super) fn render(app: &App, run: &EventRun, frame: &mut Frame, area: Rect) {
    if run.json.is_some() {
        render_json(app, run, frame, area);
        return;
    }
    let texts = app.lang.texts();
    let title = format!("{} · {}", texts.results_title, summary(app, run));
    let block = pane(app, &title, app.overlay.is_none());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if run.is_empty_answer() {
        frame.render_widget(Paragraph::new(Span::styled(texts.results_none, app.theme.dim)), inner);
        return;
    }
    let visible: Vec<(usize, &EventLine)> =
        run.lines.iter().enumerate().skip(run.scroll).take(list_rows(area)).collect();
    let widths = Widths::of(visible.iter().map(|(_, line)| *line));
    let theme = &app.theme;
    let lines: Vec<Line> = visible
        .into_iter()
        .map(|(index, event)| {
            let mark = if index == run.cursor { "▶" } else { " " };
            let line = Line::from(vec![
                Span::styled(mark, theme.key),
                Span::styled(format!("{}  ", event.at), theme.dim),
                Span::styled(pad(&event.kind, widths.kind), theme.code),
                Span::raw(pad(&event.entity, widths.entity)),
                Span::styled(pad(&event.by, widths.by), theme.text),
                Span::raw(event.change.clone()),
            ]);
            if index == run.cursor {
                line.style(theme.cursor_row)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `12 events, 1 pages · more below`, or what is being loaded.
fn summary(app: &App, run: &EventRun) -> String {
    let texts = app.lang.texts();
    let mut text = texts
        .results_loaded
        .replace("{events}", &run.events.len().to_string())
        .replace("{pages}", &run.pages.to_string());
    if run.next.is_some() {
        text.push_str(&format!(" · {}", texts.results_more));
    }
    text
}

/// The status line while a run is open: the spinner and the page being loaded (with a retry
/// notice), or why the last fetch failed; `None` when there is nothing to say.
pub(super) fn status(app: &App, run: &EventRun) -> Option<(String, bool)> {
    if let Some(error) = &run.error {
        return Some((error.clone(), true));
    }
    let page = run.loading?;
    let frame = super::spinner_frame(app.now, run.started);
    let mut text =
        format!("{frame} {}", app.lang.texts().results_loading.replace("{page}", &page.to_string()));
    if let Some(notice) = &run.notice {
        text.push_str(&format!(" {notice}"));
    }
    Some((text, false))
}

fn render_json(app: &App, run: &EventRun, frame: &mut Frame, area: Rect) {
    let texts = app.lang.texts();
    let block = pane(app, texts.event_json_title, app.overlay.is_none()).padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let json = run.highlighted_json().unwrap_or_default();
    let lines: Vec<Line> = json.lines().map(|line| Line::styled(line.to_owned(), app.theme.text)).collect();
    let scroll = run.json.unwrap_or(0);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)), inner);
}

/// Column widths for the visible lines, each capped at [`COLUMN_MAX`].
struct Widths {
    kind: usize,
    entity: usize,
    by: usize,
}

impl Widths {
    fn of<'a>(lines: impl Iterator<Item = &'a EventLine>) -> Widths {
        let mut widths = Widths { kind: 0, entity: 0, by: 0 };
        for line in lines {
            widths.kind = widths.kind.max(display_width(&line.kind));
            widths.entity = widths.entity.max(display_width(&line.entity));
            widths.by = widths.by.max(display_width(&line.by));
        }
        widths.kind = widths.kind.min(COLUMN_MAX);
        widths.entity = widths.entity.min(COLUMN_MAX);
        widths.by = widths.by.min(COLUMN_MAX);
        widths
    }
}

/// The text cut to `width` columns (with `…`) and padded to it, then two spaces.
fn pad(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let cut = display_width(text) > width;
    for c in text.chars() {
        let w = display_width(c.encode_utf8(&mut [0; 4]));
        if used + w > width.saturating_sub(usize::from(cut)) {
            break;
        }
        out.push(c);
        used += w;
    }
    if cut {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used) + 2));
    out
}
