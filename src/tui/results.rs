//! Running the composed filter from the screen: the state of one run (the pages as they arrive,
//! the highlighted event, the next page to ask for). `update/results.rs` changes it as actions
//! arrive; the event loop carries out the fetches it asks for and brings their answers back.
//!
//! Pages are asked for one at a time: the next one only when the highlight comes near the end of
//! what has arrived, so browsing a large account costs a request per page actually looked at.
//!
//! A filter line at the top of the pane narrows the loaded events with the search's syntax
//! ([`FilteredList`]): cursor and scroll are positions among the events it lets through.
//!
//! `kommo-events tail` on a terminal opens the same pane *following* ([`EventRun::following`]):
//! no pages, but the events of each poll ([`followed`]). They are stored oldest first, so each
//! poll's events are appended (and filtered) as a page is, and shown reversed, newest at the top.

use std::time::{Duration, Instant};

use serde_json::Value;

pub use crate::events::{event_line, EventLine, LineField};
use crate::search::{FilteredList, Query};

use super::composer::Zone;
use super::input::TextInput;

/// How often F8 polls, as `kommo-events tail` does by default.
pub const FOLLOW_INTERVAL: Duration = Duration::from_secs(10);

/// Ask for the next page when the highlight is this many events from the last one.
pub(crate) const LOAD_AHEAD: usize = 5;

/// One run of the composed filter.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRun {
    /// Which run this is; answers for another are dropped.
    pub generation: u64,
    /// The events as the API sent them: newest first, or oldest first while following.
    pub events: Vec<Value>,
    /// The same events in words, one per event.
    pub lines: Vec<EventLine>,
    /// How wide the lines' texts are, over every loaded line: the columns are sized from them,
    /// so they stay put while the filter narrows the rows or the list scrolls.
    pub widths: ContentWidths,
    /// What is typed in the filter line.
    pub filter: TextInput,
    /// The lines' words folded for the filter, and which events it lets through.
    pub filtered: FilteredList<{ EventLine::FIELDS }>,
    /// The highlighted event, as a position among the filtered ones.
    pub cursor: usize,
    /// The first visible event, as a position among the filtered ones.
    pub scroll: usize,
    /// Pages received.
    pub pages: u32,
    /// The `/api/…` path of the page after the last one received, while there is one.
    pub next: Option<String>,
    /// The page being fetched, while one is.
    pub loading: Option<u32>,
    /// The last retry notice of the page being fetched.
    pub notice: Option<String>,
    /// Why the last fetch failed, in the user's language.
    pub error: Option<String>,
    /// The highlighted event's JSON is shown, scrolled by this many lines.
    pub json: Option<u16>,
    /// When the run started (drives the spinner).
    pub started: Instant,
    /// Set while the pane follows new events (`kommo-events tail`) instead of paging a run.
    pub following: Option<Following>,
}

/// The state of following new events, for the title and the status line.
#[derive(Clone, Debug, PartialEq)]
pub struct Following {
    /// The pause between polls.
    pub interval: Duration,
    /// A poll is under way.
    pub polling: bool,
    /// When the last poll ended (Unix seconds).
    pub last_poll: Option<i64>,
    /// Why the last poll failed (following goes on), in the user's language.
    pub warning: Option<String>,
    /// The poll under way has failed, so its end keeps the warning.
    pub(crate) failed_this_poll: bool,
    /// Following has ended without an error (`--max-polls`): what to say instead of the times.
    pub finished: Option<String>,
    /// True for `kommo-events tail`, where following is all the screen does and leaving the pane
    /// ends the program; false when F8 started it from the explorer, which Esc goes back to.
    pub ends_screen: bool,
}

/// The widest text of each column among the loaded lines, in display columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContentWidths {
    pub at: usize,
    pub kind: usize,
    pub entity: usize,
    /// The entity's type and id (`lead 2104501`), which are never cut.
    pub entity_ref: usize,
    pub by: usize,
    pub change: usize,
}

impl ContentWidths {
    fn add(&mut self, line: &EventLine) {
        let width = crate::text::display_width;
        self.at = self.at.max(width(&line.at));
        self.kind = self.kind.max(width(&line.kind));
        self.entity = self.entity.max(width(&line.entity));
        self.entity_ref = self.entity_ref.max(width(line.entity_ref()));
        self.by = self.by.max(width(&line.by));
        self.change = self.change.max(width(&line.change));
    }
}

impl EventRun {
    /// Adds the lines of events just added to `events`: to the filter and the column widths too.
    pub(crate) fn add_lines(&mut self, lines: impl IntoIterator<Item = EventLine>) {
        let first_new = self.lines.len();
        self.lines.extend(lines);
        for line in &self.lines[first_new..] {
            self.widths.add(line);
        }
        self.filtered.extend(self.lines[first_new..].iter().map(EventLine::fields));
    }

    pub(crate) fn new(generation: u64, now: Instant) -> EventRun {
        EventRun {
            generation,
            events: Vec::new(),
            lines: Vec::new(),
            widths: ContentWidths::default(),
            filter: TextInput::default(),
            filtered: FilteredList::new(),
            cursor: 0,
            scroll: 0,
            pages: 0,
            next: None,
            loading: Some(1),
            notice: None,
            error: None,
            json: None,
            started: now,
            following: None,
        }
    }

    /// An empty pane that follows new events, polled every `interval`; the first poll is
    /// starting. For `kommo-events tail`: leaving the pane ends the program.
    pub fn following(interval: Duration, now: Instant) -> EventRun {
        EventRun::following_run(0, interval, now, true)
    }

    pub(crate) fn following_run(
        generation: u64,
        interval: Duration,
        now: Instant,
        ends_screen: bool,
    ) -> EventRun {
        let following = Following {
            interval,
            polling: true,
            last_poll: None,
            warning: None,
            failed_this_poll: false,
            finished: None,
            ends_screen,
        };
        EventRun { loading: None, following: Some(following), ..EventRun::new(generation, now) }
    }

    /// True when the account answered and nothing matched (204 on the first page).
    pub fn is_empty_answer(&self) -> bool {
        self.following.is_none() && self.events.is_empty() && self.loading.is_none() && self.error.is_none()
    }

    /// The events the filter lets through (all of them while it is empty), as indices into
    /// `events` and `lines`, in the order stored: newest first for a run, oldest first while
    /// following. [`EventRun::shown_at`] and [`EventRun::shown_in_order`] give the screen's order.
    pub fn shown(&self) -> &[u32] {
        self.filtered.matched()
    }

    /// The index into `events` and `lines` of the event shown at `position` (0 is the top, the
    /// newest), if the filter lets that many through.
    pub fn shown_at(&self, position: usize) -> Option<usize> {
        let shown = self.shown();
        let index = if self.following.is_some() { shown.len().checked_sub(position + 1)? } else { position };
        shown.get(index).map(|&event| event as usize)
    }

    /// The events the filter lets through as the screen shows them, newest first, as indices into
    /// `events` and `lines`.
    pub fn shown_in_order(&self) -> Box<dyn Iterator<Item = usize> + '_> {
        let shown = self.shown().iter().map(|&event| event as usize);
        if self.following.is_some() {
            Box::new(shown.rev())
        } else {
            Box::new(shown)
        }
    }

    /// The index into `events` and `lines` of the highlighted event, if any is shown.
    pub fn highlighted(&self) -> Option<usize> {
        self.shown_at(self.cursor)
    }

    /// The screen position of `event` if the filter lets it through, else of the next older
    /// event it lets through (past the end when there is none).
    pub(crate) fn position_at_or_older(&self, event: usize) -> usize {
        let shown = self.shown();
        if self.following.is_some() {
            // Stored oldest first: the newest shown event at or before `event`.
            shown.len() - shown.partition_point(|&e| (e as usize) <= event)
        } else {
            shown.partition_point(|&e| (e as usize) < event)
        }
    }

    /// The highlighted event's JSON, pretty-printed.
    pub fn highlighted_json(&self) -> Option<String> {
        let event = self.events.get(self.highlighted()?)?;
        serde_json::to_string_pretty(event).ok()
    }

    /// Filters by what is typed in the filter line. The highlighted event stays highlighted, on
    /// the same row of the screen, when it still matches; otherwise the next older match is.
    pub(crate) fn refilter(&mut self, page: usize) {
        let highlighted = self.highlighted();
        let row_on_screen = self.cursor.saturating_sub(self.scroll);
        self.filtered.set_query(Query::parse(self.filter.text()));
        let shown = self.shown().len();
        let position = highlighted.map_or(0, |event| self.position_at_or_older(event));
        self.cursor = position.min(shown.saturating_sub(1));
        self.scroll = self.cursor.saturating_sub(row_on_screen).min(shown.saturating_sub(page));
    }
}

/// `12:00:05`: the time of day of a Unix second in the screen's time zone.
pub fn clock(seconds: i64, zone: Zone) -> String {
    zoned(seconds, zone, "%H:%M:%S")
}

fn zoned(seconds: i64, zone: Zone, format: &str) -> String {
    zone.format(seconds, format)
}
