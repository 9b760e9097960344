//! Walking every page of a bulk export at the account's pace whatever the latency: pages are
//! offsets (`page=N`), so the next ones are asked for before the previous answers arrive. Up to
//! [`WORKERS`] requests wait for the shared [`Limiter`](super::Limiter) at once; it decides when
//! each starts (at most 7 in any second, as for every other request), so the walk runs at the
//! limiter's ceiling as long as the answers take less than `WORKERS / 7` seconds.
//!
//! The pages are handed on in order (newest events first, as the API lists them) as soon as they
//! are contiguous. A page that comes back without `_links.next`, or a 204, is the end: the
//! requests for later pages that have not started yet are called off, and any answers for them are
//! dropped.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use super::client::{Client, Notice};
use super::error::ApiError;
use super::limiter::Cancel;
use super::pages::{in_either_range_form, FetchSummary, FetchUpdate, Page, PAGE_GUARD};

/// Requests that may be waiting for the limiter or in flight at once: enough for answers that take
/// up to about a second at 7 requests a second.
pub const WORKERS: u32 = 8;

/// How often the walk looks at the caller's [`Cancel`] while it waits for answers.
const CANCEL_CHECK: Duration = Duration::from_millis(50);
/// How often a worker that is too far ahead of the caller looks again.
const AHEAD_CHECK: Duration = Duration::from_millis(5);

/// What one worker reports.
enum Report {
    Notice(Notice),
    Answer { page: u32, answer: Result<Option<Value>, ApiError> },
}

/// Fetches the pages of `path` (from [`events_path`](super::events_path); a `page` parameter in it
/// is the first page) and the ones after it, up to `max_pages` pages (`None`: no limit but
/// [`PAGE_GUARD`]), asking for several at once. `on_update` hears each page in order and each
/// retry notice. With a page limit the first page is asked alone, and a 400 to the path's range
/// form is asked again in the other form as [`fetch_events`](super::fetch_events) does; with none
/// (`--max-pages 0`), see [`export_all`].
pub fn fetch_events_ahead(
    client: &Client,
    path: &str,
    max_pages: Option<u32>,
    cancel: &Cancel,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<FetchSummary, ApiError> {
    in_either_range_form(path, on_update, |path, on_update| {
        let mut summary = FetchSummary::default();
        let walked = match max_pages {
            None => export_all(client, path, cancel, &mut summary, on_update),
            Some(limit) => {
                walk_limited(client, path, limit.clamp(1, PAGE_GUARD), cancel, &mut summary, on_update)
            }
        };
        walked.map(|()| summary).map_err(|error| (error, summary.pages))
    })
}

/// Up to `limit` pages: the first asked alone, so a small fetch makes no request it does not
/// need up front, then the rest several at once.
fn walk_limited(
    client: &Client,
    path: &str,
    limit: u32,
    cancel: &Cancel,
    summary: &mut FetchSummary,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<(), ApiError> {
    let start = page_of(path);
    let first = client.get(path, cancel, &mut |notice| on_update(FetchUpdate::Notice(notice)))?;
    let Some(body) = first else { return Ok(()) };
    if !deliver(summary, body, path, on_update)? {
        return Ok(());
    }
    if limit == 1 {
        summary.more = true;
        return Ok(());
    }
    walk_pages(client, path, (start + 1, start.saturating_add(limit - 1)), cancel, summary, on_update)
}

/// Every page (`--max-pages 0`, a bulk export): the first pages are asked for at once, without
/// waiting for the first answer, since an export that asks for everything has many. (A 400 to
/// the range form then comes for all of them, and the walk is asked again in the other form.)
fn export_all(
    client: &Client,
    path: &str,
    cancel: &Cancel,
    summary: &mut FetchSummary,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<(), ApiError> {
    let first = page_of(path);
    walk_pages(client, path, (first, first.saturating_add(PAGE_GUARD - 1)), cancel, summary, on_update)
}

/// Pages `first` to `last_allowed`, several at once, handed on in order.
fn walk_pages(
    client: &Client,
    path: &str,
    (first, last_allowed): (u32, u32),
    cancel: &Cancel,
    summary: &mut FetchSummary,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<(), ApiError> {
    // The next page a worker takes, and the last page there is (lowered when the end is seen).
    let next_page = AtomicU32::new(first);
    let end = AtomicU32::new(last_allowed);
    // The page the caller is waiting for: a worker asks for no page past [`ahead_limit`], so
    // answers that come faster than the caller writes them do not pile up in memory.
    let expected_page = AtomicU32::new(first);
    // Each page's own flag, so a request the end makes useless is called off before it starts.
    let flags: Mutex<BTreeMap<u32, Cancel>> = Mutex::new(BTreeMap::new());
    let (sender, reports) = mpsc::channel::<Report>();
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            let sender = sender.clone();
            let (next_page, end, flags, expected_page) = (&next_page, &end, &flags, &expected_page);
            scope.spawn(move || loop {
                let page = next_page.fetch_add(1, Ordering::SeqCst);
                while page >= ahead_limit(expected_page.load(Ordering::SeqCst))
                    && page <= end.load(Ordering::SeqCst)
                    && !cancel.is_cancelled()
                {
                    std::thread::sleep(AHEAD_CHECK);
                }
                if page > end.load(Ordering::SeqCst) || cancel.is_cancelled() {
                    return;
                }
                let flag = Cancel::new();
                flags.lock().unwrap_or_else(|e| e.into_inner()).insert(page, flag.clone());
                let notices = sender.clone();
                let answer = client.get(&with_page(path, page), &flag, &mut |notice| {
                    let _ = notices.send(Report::Notice(notice));
                });
                if sender.send(Report::Answer { page, answer }).is_err() {
                    return;
                }
            });
        }
        drop(sender);
        let call_off_after = |last: u32| {
            end.fetch_min(last, Ordering::SeqCst);
            for (_, flag) in flags.lock().unwrap_or_else(|e| e.into_inner()).range(last + 1..) {
                flag.cancel();
            }
        };
        let mut waiting: BTreeMap<u32, Result<Option<Value>, ApiError>> = BTreeMap::new();
        let mut expected = first;
        let result = loop {
            if expected > end.load(Ordering::SeqCst) {
                break Ok(());
            }
            if let Some(answer) = waiting.remove(&expected) {
                match answer {
                    Err(error) => break Err(error),
                    // 204: the pages ended just before this one.
                    Ok(None) => {
                        call_off_after(expected - 1);
                        break Ok(());
                    }
                    Ok(Some(body)) => match deliver(summary, body, path, on_update) {
                        Err(error) => break Err(error),
                        Ok(false) => {
                            call_off_after(expected);
                            break Ok(());
                        }
                        Ok(true) if expected == last_allowed => {
                            summary.more = true;
                            break Ok(());
                        }
                        Ok(true) => {
                            expected += 1;
                            expected_page.store(expected, Ordering::SeqCst);
                        }
                    },
                }
                continue;
            }
            if cancel.is_cancelled() {
                break Err(ApiError::Cancelled);
            }
            match reports.recv_timeout(CANCEL_CHECK) {
                Ok(Report::Notice(notice)) => on_update(FetchUpdate::Notice(notice)),
                Ok(Report::Answer { page, answer }) => {
                    waiting.insert(page, answer);
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break Err(ApiError::Cancelled),
            }
        };
        // Whatever is still waiting or under way is of no use now: the workers end at their next
        // look at the flags.
        call_off_after(0);
        end.store(0, Ordering::SeqCst);
        result
    })
}

/// The first page not to ask for yet while `expected` is the page the caller waits for:
/// [`WORKERS`] pages ahead once the first page said there are more. A look-ahead that grew with
/// the pages (4, then 8) wasted fewer requests past the end of a 2-page export, but held the walk
/// under 0.9 of the ceiling at half a second of latency; the limiter, not the look-ahead, keeps
/// the account's budget.
fn ahead_limit(expected: u32) -> u32 {
    expected + WORKERS
}

/// Hands on one page's events; true when the answer links a next page.
fn deliver(
    summary: &mut FetchSummary,
    mut body: Value,
    path: &str,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<bool, ApiError> {
    let has_next = body.pointer("/_links/next/href").and_then(Value::as_str).is_some();
    // Taken out of the answer, not copied: a page is the largest thing the walk holds.
    let events = body.pointer_mut("/_embedded/events").and_then(Value::as_array_mut).map(std::mem::take);
    let events = events.ok_or_else(|| ApiError::BadBody {
        path: path.split('?').next().unwrap_or(path).to_owned(),
        reason: "no _embedded.events in the answer".into(),
    })?;
    summary.pages += 1;
    summary.events += events.len();
    on_update(FetchUpdate::Page(Page { number: summary.pages, events, next: None }));
    Ok(has_next)
}

/// The `page` a path asks for (1 when it names none).
fn page_of(path: &str) -> u32 {
    let query = path.split_once('?').map_or("", |(_, query)| query);
    query.split('&').find_map(|pair| pair.strip_prefix("page=")).and_then(|n| n.parse().ok()).unwrap_or(1)
}

/// `path` asking for `page`: any `page` it had replaced.
fn with_page(path: &str, page: u32) -> String {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<&str> =
        query.split('&').filter(|pair| !pair.is_empty() && !pair.starts_with("page=")).collect();
    if kept.is_empty() {
        format!("{route}?page={page}")
    } else {
        format!("{route}?{}&page={page}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_asked_for_by_their_number_whatever_the_path_had() {
        assert_eq!(with_page("/api/v4/events", 3), "/api/v4/events?page=3");
        assert_eq!(
            with_page("/api/v4/events?filter%5Btype%5D=a&page=1&limit=100", 2),
            "/api/v4/events?filter%5Btype%5D=a&limit=100&page=2"
        );
        assert_eq!(page_of("/api/v4/events?limit=100&page=4"), 4);
        assert_eq!(page_of("/api/v4/events?limit=100"), 1);
        assert_eq!(page_of("/api/v4/events?page=x"), 1);
    }

    #[test]
    fn the_look_ahead_stays_within_eight_pages_of_the_caller() {
        // Eight pages past the one the caller waits for, never more.
        assert_eq!(ahead_limit(2), 10);
        assert_eq!(ahead_limit(30), 38);
    }
}
