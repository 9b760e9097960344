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
    // One line: what does not fit is cut after a word, marked.
    let cut = |text: &str| crate::text::cut_at_word(text, usize::from(area.width));
    let line = match (&app.toast, run_status) {
        (Some(toast), _) => {
            Line::styled(cut(&toast.text), if toast.is_error { theme.error } else { theme.ok })
        }
        (None, Some((text, is_error))) => {
            Line::styled(cut(&text), if is_error { theme.error } else { theme.text })
        }
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

/// The keys of the focused pane. The essential ones (compose, format, run, copy, print, help,
/// quit) are always there: when their texts do not fit they shorten to one word, then to the
/// key alone, before any of them is left out. Other keys join, in the table's order, where there
/// is room. Help (F1) keeps its place at the end.
pub(super) fn render_keys(app: &App, frame: &mut Frame, area: Rect) {
    let texts = app.settings.lang.texts();
    let entries: Vec<Entry> = bindings_for(app.key_context())
        .filter_map(|binding| {
            let footer = binding.footer?;
            Some(Entry {
                label: footer.label,
                full: (footer.describe)(texts),
                tiny: footer.essential.map(|tiny| tiny(texts)),
                last: binding.keeps_its_place,
            })
        })
        .collect();
    let spans = footer_spans(app, &entries, usize::from(area.width));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// One key of the footer, with its texts.
struct Entry {
    label: &'static str,
    full: &'static str,
    /// The one-word text; `None` for a key that may be left out.
    tiny: Option<&'static str>,
    /// Keeps its place at the end (F1).
    last: bool,
}

/// How much of an entry's text shows.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Length {
    KeyOnly,
    Tiny,
    Full,
}

const SEPARATOR: &str = " · ";

fn entry_text(entry: &Entry, length: Length) -> Option<&'static str> {
    match length {
        Length::KeyOnly => None,
        Length::Tiny => entry.tiny.or(Some(entry.full)),
        Length::Full => Some(entry.full),
    }
}

fn entry_width(entry: &Entry, length: Length) -> usize {
    display_width(entry.label) + entry_text(entry, length).map_or(0, |text| 1 + display_width(text))
}

/// The footer's spans in `width` columns: each entry at the length the rule above gives it, in
/// the table's order with F1 last.
fn footer_spans(app: &App, entries: &[Entry], width: usize) -> Vec<Span<'static>> {
    let (chosen, separator) = choose_lengths(entries, width);
    let mut order: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].last).collect();
    order.extend((0..entries.len()).filter(|&i| entries[i].last));
    let mut spans = Vec::new();
    for index in order {
        let Some(length) = chosen[index] else { continue };
        if !spans.is_empty() {
            spans.push(Span::styled(separator, app.settings.theme.dim));
        }
        let entry = &entries[index];
        spans.push(Span::styled(entry.label, app.settings.theme.key));
        if let Some(text) = entry_text(entry, length) {
            spans.push(Span::raw(format!(" {text}")));
        }
    }
    spans
}

/// The columns `chosen` takes with `separator` between the entries shown.
fn total_width(entries: &[Entry], chosen: &[Option<Length>], separator: &str) -> usize {
    let shown: Vec<usize> = chosen
        .iter()
        .zip(entries)
        .filter_map(|(length, entry)| length.map(|length| entry_width(entry, length)))
        .collect();
    shown.iter().sum::<usize>() + shown.len().saturating_sub(1) * display_width(separator)
}

/// For each entry, the length it shows at (or `None` when it is left out), and the separator.
/// The essential entries (and F1) get the longest length at which all of them fit, then entries
/// are lengthened in order while they fit, then the others join in order with their full text.
/// Where even the keys alone do not fit, they close up, and at last the essential keys before
/// F1 give way from the end.
fn choose_lengths(entries: &[Entry], width: usize) -> (Vec<Option<Length>>, &'static str) {
    let must = |entry: &Entry| entry.tiny.is_some() || entry.last;
    let at = |length: Length| entries.iter().map(|entry| must(entry).then_some(length)).collect::<Vec<_>>();
    let fits = |chosen: &[Option<Length>], separator: &str| total_width(entries, chosen, separator) <= width;
    let Some(mut chosen) = [Length::Full, Length::Tiny, Length::KeyOnly]
        .into_iter()
        .map(at)
        .find(|chosen| fits(chosen, SEPARATOR))
    else {
        let mut chosen = at(Length::KeyOnly);
        for index in (0..entries.len()).rev() {
            if fits(&chosen, " ") {
                break;
            }
            if !entries[index].last {
                chosen[index] = None;
            }
        }
        return (chosen, " ");
    };
    for longer in [Length::Tiny, Length::Full] {
        // Every essential key gets a word before any gets its whole text.
        if longer == Length::Full && chosen.contains(&Some(Length::KeyOnly)) {
            break;
        }
        for index in 0..entries.len() {
            if chosen[index].is_some_and(|length| length < longer) {
                let before = chosen[index];
                chosen[index] = Some(longer);
                if !fits(&chosen, SEPARATOR) {
                    chosen[index] = before;
                }
            }
        }
    }
    for index in 0..entries.len() {
        if chosen[index].is_none() {
            chosen[index] = Some(Length::Full);
            if !fits(&chosen, SEPARATOR) {
                chosen[index] = None;
            }
        }
    }
    (chosen, SEPARATOR)
}
