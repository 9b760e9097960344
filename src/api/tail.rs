//! Following an account's new events: poll `GET /api/v4/events` for everything created since the
//! last event seen, and hand over each event exactly once.
//!
//! Kommo's `created_at` has one-second resolution and several events share a second, and events
//! of the newest second can still arrive after a poll. So the [`Cursor`] keeps the newest second
//! seen and the ids already handed over from that second (and the one before), each poll asks
//! from one second *before* it (`filter[created_at][from]`; the API may read it as "after"), and
//! whatever was handed over already is dropped. Nothing is printed twice, and nothing at a second
//! boundary is skipped.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::Value;

use super::client::{Client, Notice};
use super::error::ApiError;
use super::limiter::Cancel;
use super::pages::{events_path, fetch_events, FetchUpdate};
use crate::filter::{EncodeOptions, Filter};

/// The most pages one poll follows; a poll that finds more reports the rest on the next one.
pub const POLL_PAGE_GUARD: u32 = 100;

/// How far past this machine's clock an event's `created_at` may be and still move the cursor:
/// clocks differ by seconds, not by a day.
pub const MAX_CLOCK_SKEW: i64 = 24 * 3600;

/// What has been handed over so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Events before this second are never handed over (the start of the tail).
    floor: i64,
    /// The newest `created_at` handed over (or the floor).
    second: i64,
    /// Ids handed over, with their `created_at`, for the seconds a poll may return again.
    seen: HashMap<String, i64>,
}

impl Cursor {
    /// A cursor that hands over events created at or after `second` (Unix seconds).
    pub fn starting_at(second: i64) -> Cursor {
        Cursor { floor: second, second, seen: HashMap::new() }
    }

    /// The `filter[created_at][from]` of the next poll: one second before the newest seen.
    pub fn query_from(&self) -> i64 {
        self.second.saturating_sub(1).max(0)
    }

    /// The newest second handed over.
    pub fn second(&self) -> i64 {
        self.second
    }

    /// The events of a poll not handed over before, oldest first (then by id), and remembers
    /// them. Events without an id or `created_at` cannot be tracked and are handed over as they
    /// come, once per poll that returns them; Kommo always sends both.
    pub fn take_new(&mut self, events: Vec<Value>) -> Vec<Value> {
        self.take_new_at(events, unix_now())
    }

    /// [`Cursor::take_new`] with the clock read by the caller: an event stamped further in the
    /// future than [`MAX_CLOCK_SKEW`] past `now` is handed over once but does not move the cursor,
    /// so one event at the end of time cannot make the tail skip everything after it.
    pub fn take_new_at(&mut self, events: Vec<Value>, now: i64) -> Vec<Value> {
        let latest_believable = now.saturating_add(MAX_CLOCK_SKEW);
        // Older than the poll asked for: every id from `from` on is remembered, so only an answer
        // that ignored the filter returns these, and they were handed over (or were too old).
        let from = self.query_from().max(self.floor);
        let mut fresh: Vec<(i64, String, Value)> = events
            .into_iter()
            .filter_map(|event| {
                let at = event.get("created_at").and_then(Value::as_i64)?;
                let id =
                    event.get("id").map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_owned))?;
                Some((at, id, event))
            })
            .filter(|(at, id, _)| *at >= from && !self.seen.contains_key(id))
            .collect();
        fresh.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        fresh.dedup_by(|a, b| a.1 == b.1);
        for (at, id, _) in &fresh {
            if *at <= latest_believable {
                self.second = self.second.max(*at);
            }
            self.seen.insert(id.clone(), *at);
        }
        let keep_from = self.query_from();
        self.seen.retain(|_, at| *at >= keep_from);
        fresh.into_iter().map(|(_, _, event)| event).collect()
    }
}

/// How to follow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TailRequest {
    /// The filter; its `created_at` and `page` are replaced on each poll.
    pub filter: Filter,
    /// How the query is written.
    pub encode: EncodeOptions,
    /// Where to start: events created at or after this Unix second; `None`, from the moment the
    /// tail starts (the screen's F8 with no start date: the worker reads the clock, not `update`).
    pub since: Option<i64>,
    /// The pause between polls.
    pub interval: Duration,
    /// Stop after this many polls (tests); `None`: until cancelled.
    pub max_polls: Option<u32>,
    /// Read the notes behind note events and attach them (`--notes`).
    pub notes: bool,
}

/// What a tail reports, as it happens.
#[derive(Clone, Debug, PartialEq)]
pub enum TailUpdate {
    /// A poll has started.
    Polling,
    /// A poll has ended (with or without events, or failed), at this Unix second; the next one
    /// starts after the interval.
    Polled { at: i64 },
    /// New events, oldest first.
    Events(Vec<Value>),
    /// A request is being retried.
    Notice(Notice),
    /// The account answered 400 to the range form and took this one, which this poll and the
    /// next ones use.
    RangeRetried(crate::filter::RangeStyle),
    /// The notes of new events could not be read; the events come as they are.
    NotesFailed(ApiError),
    /// A poll failed after its retries (timeout, network, 5xx, 429); the next poll goes on.
    PollFailed(ApiError),
    /// The tail stopped for good: an answer that polling again cannot fix (401, 402, 403, 400,
    /// 404), or a cancel.
    Stopped(ApiError),
    /// `max_polls` polls were done.
    Finished { polls: u32 },
}

/// Polls until cancelled, `max_polls` is reached, or an answer stops it; `on_update` hears every
/// event batch, notice and failure on the caller's thread.
pub fn run_tail(
    client: &Client,
    request: &TailRequest,
    cancel: &Cancel,
    on_update: &mut dyn FnMut(TailUpdate),
) {
    let mut cursor = Cursor::starting_at(first_second(request, unix_now()));
    let mut polls = 0;
    // Switched for good when the account answers 400 to one range form and takes the other.
    let mut encode = request.encode;
    loop {
        on_update(TailUpdate::Polling);
        match poll(client, request, &mut encode, &mut cursor, cancel, on_update) {
            Ok(events) if !events.is_empty() => on_update(TailUpdate::Events(events)),
            Ok(_) => {}
            Err(error) if is_transient(&error) => on_update(TailUpdate::PollFailed(error)),
            Err(error) => return on_update(TailUpdate::Stopped(error)),
        }
        on_update(TailUpdate::Polled { at: unix_now() });
        polls += 1;
        if request.max_polls.is_some_and(|max| polls >= max) {
            return on_update(TailUpdate::Finished { polls });
        }
        if !cancel.sleep(request.interval) {
            return on_update(TailUpdate::Stopped(ApiError::Cancelled));
        }
    }
}

/// [`run_tail`] on a thread of its own; updates arrive on the channel. Cancel to stop it (it ends
/// with `Stopped(Cancelled)`); dropping the receiver stops it too.
pub fn spawn_tail(
    client: Arc<Client>,
    request: TailRequest,
    cancel: Cancel,
) -> (Receiver<TailUpdate>, JoinHandle<()>) {
    let (sender, receiver) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let stop = cancel.clone();
        let mut send = |update| {
            if sender.send(update).is_err() {
                stop.cancel();
            }
        };
        let followed = crate::worker::guarded(|| {
            crate::worker::test_fault_in_worker();
            run_tail(&client, &request, &cancel, &mut send)
        });
        if let Err(reason) = followed {
            send(TailUpdate::Stopped(ApiError::Internal { reason }));
        }
    });
    (receiver, handle)
}

fn poll(
    client: &Client,
    request: &TailRequest,
    encode: &mut EncodeOptions,
    cursor: &mut Cursor,
    cancel: &Cancel,
    on_update: &mut dyn FnMut(TailUpdate),
) -> Result<Vec<Value>, ApiError> {
    let mut filter = request.filter.clone();
    filter.created_at.from = Some(cursor.query_from());
    filter.created_at.to = None;
    filter.page = None;
    let mut events = Vec::new();
    let path = events_path(&filter, encode);
    let summary = fetch_events(client, &path, Some(POLL_PAGE_GUARD), cancel, &mut |update| match update {
        FetchUpdate::Page(page) => events.extend(page.events),
        FetchUpdate::Notice(notice) => on_update(TailUpdate::Notice(notice)),
        // Said once the other form has worked (below), not while it is tried.
        FetchUpdate::RangeRetried(_) => {}
        FetchUpdate::Finished(_) | FetchUpdate::Failed(_) | FetchUpdate::NotesFailed(_) => {}
    })?;
    if let Some(style) = summary.range_switched_to {
        encode.range_style = style;
        on_update(TailUpdate::RangeRetried(style));
    }
    let mut fresh = cursor.take_new(events);
    if request.notes && !fresh.is_empty() {
        let notify = &mut |notice| on_update(TailUpdate::Notice(notice));
        if let Err(error) = super::notes::attach_notes(client, &mut fresh, cancel, notify) {
            on_update(TailUpdate::NotesFailed(error));
        }
    }
    Ok(fresh)
}

/// The first second a tail asks for: its `since`, or the moment it starts.
fn first_second(request: &TailRequest, now: i64) -> i64 {
    request.since.unwrap_or(now)
}

fn unix_now() -> i64 {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since_epoch.map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// Failures that another poll may not meet.
fn is_transient(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Timeout { .. }
            | ApiError::Network { .. }
            | ApiError::Server { .. }
            | ApiError::RateLimited { .. }
            | ApiError::WaitTooLong { .. }
            | ApiError::Connect { .. }
            | ApiError::Dns { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(id: &str, at: i64) -> Value {
        json!({"id": id, "created_at": at, "type": "lead_added"})
    }

    fn ids(events: &[Value]) -> Vec<&str> {
        events.iter().map(|e| e["id"].as_str().unwrap()).collect()
    }

    #[test]
    fn a_tail_with_no_start_begins_when_it_starts() {
        let mut request = TailRequest {
            filter: Filter::default(),
            encode: EncodeOptions::default(),
            since: None,
            interval: Duration::from_secs(10),
            max_polls: None,
            notes: false,
        };
        assert_eq!(first_second(&request, 1_800_000_000), 1_800_000_000);
        request.since = Some(1_767_225_600);
        assert_eq!(first_second(&request, 1_800_000_000), 1_767_225_600);
    }

    #[test]
    fn each_event_is_handed_over_once_oldest_first() {
        let mut cursor = Cursor::starting_at(100);
        let first = cursor.take_new(vec![event("b", 101), event("a", 100), event("old", 99)]);
        assert_eq!(ids(&first), ["a", "b"]);
        assert_eq!(cursor.second(), 101);
        assert_eq!(cursor.query_from(), 100);
        // The next poll returns the same events again, and one more at the same second.
        let second = cursor.take_new(vec![event("c", 101), event("b", 101), event("a", 100)]);
        assert_eq!(ids(&second), ["c"]);
    }

    #[test]
    fn a_late_event_of_the_last_second_is_not_skipped() {
        let mut cursor = Cursor::starting_at(0);
        cursor.take_new(vec![event("x1", 200), event("x2", 200)]);
        let late = cursor.take_new(vec![event("x3", 200), event("y1", 201), event("x1", 200)]);
        assert_eq!(ids(&late), ["x3", "y1"]);
        let again = cursor.take_new(vec![event("x3", 200), event("y1", 201), event("y2", 201)]);
        assert_eq!(ids(&again), ["y2"]);
    }

    #[test]
    fn an_answer_that_ignores_the_filter_repeats_nothing() {
        let mut cursor = Cursor::starting_at(100);
        let everything = |extra: &[Value]| {
            let mut all = vec![event("a", 100), event("b", 102)];
            all.extend_from_slice(extra);
            all
        };
        assert_eq!(ids(&cursor.take_new(everything(&[]))), ["a", "b"]);
        assert_eq!(ids(&cursor.take_new(everything(&[event("c", 104)]))), ["c"]);
        assert!(cursor.take_new(everything(&[event("c", 104)])).is_empty());
    }

    #[test]
    fn an_event_at_the_end_of_time_does_not_move_the_cursor() {
        let now = 1_800_000_000;
        let mut cursor = Cursor::starting_at(now - 10);
        let first = cursor.take_new_at(vec![event("far", i64::MAX), event("a", now - 5)], now);
        assert_eq!(ids(&first), ["a", "far"]);
        assert_eq!(cursor.second(), now - 5);
        // The far one comes back on every poll: it is not handed over again, and later events are.
        let next = cursor.take_new_at(vec![event("far", i64::MAX), event("b", now + 1)], now + 2);
        assert_eq!(ids(&next), ["b"]);
        assert_eq!(cursor.second(), now + 1);
    }

    #[test]
    fn the_same_id_twice_in_one_poll_is_handed_over_once() {
        let mut cursor = Cursor::starting_at(0);
        assert_eq!(ids(&cursor.take_new(vec![event("a", 5), event("a", 5)])), ["a"]);
    }

    #[test]
    fn remembered_ids_are_pruned_to_the_last_two_seconds() {
        let mut cursor = Cursor::starting_at(0);
        cursor.take_new(vec![event("a", 1), event("b", 2)]);
        cursor.take_new(vec![event("c", 10)]);
        assert_eq!(cursor.seen.len(), 1);
    }
}
