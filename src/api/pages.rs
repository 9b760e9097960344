//! Following `_links.next`: the pages of `GET /api/v4/events` as they arrive, and whole
//! collections (users, pipelines, …) for the account's names.
//!
//! [`fetch_events`] calls back for each page on the caller's thread (the command line);
//! [`spawn_events`] runs the same on a thread of its own and sends [`FetchUpdate`]s over a
//! channel, for a screen that must keep drawing while pages come in.

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

use serde_json::Value;

use super::client::{Client, Notice};
use super::error::ApiError;
use super::limiter::Cancel;
use crate::filter::{to_encoded_query, EncodeOptions, Filter, RangeStyle, EVENTS_PATH};

/// The most pages any walk follows, whatever the caller asked: a guard against an answer whose
/// `next` never ends.
pub const PAGE_GUARD: u32 = 10_000;

/// The most items a collection walk keeps (users, fields, …): the largest accounts have tens of
/// thousands; an answer whose pages never end must not take all the memory.
pub const COLLECTION_ITEM_LIMIT: usize = 500_000;

/// One page of events.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// 1 for the first page this fetch requested.
    pub number: u32,
    /// `_embedded.events`, as the API sent them.
    pub events: Vec<Value>,
    /// The `/api/…` path and query of the page after this one (from `_links.next`), for a caller
    /// that asks for one page at a time: pass it to [`spawn_events`] as the path. It is requested
    /// on the client's own base URL, whatever host the answer named.
    pub next: Option<String>,
}

/// How a fetch ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FetchSummary {
    /// Pages received (a 204 counts as none).
    pub pages: u32,
    /// Events received.
    pub events: usize,
    /// True when it stopped at the page limit while the API had a `next` page.
    pub more: bool,
    /// The range form the events were fetched in, when the account answered 400 to the one the
    /// path was written in and the other worked (remember it for the account).
    pub range_switched_to: Option<RangeStyle>,
}

/// What a background fetch reports, in order: pages and notices, then exactly one of
/// `Finished` or `Failed`.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchUpdate {
    /// A page arrived.
    Page(Page),
    /// A request is being retried (429, 5xx, timeout), with the wait.
    Notice(Notice),
    /// The account answered 400 to the range form of the path; it is asked again in this one.
    RangeRetried(RangeStyle),
    /// The notes of the page that follows could not be read; its events come as they are.
    NotesFailed(ApiError),
    /// Every page up to the limit arrived.
    Finished(FetchSummary),
    /// The fetch stopped; the pages sent before stay valid.
    Failed(ApiError),
}

/// `/api/v4/events?…` for a filter, percent-encoded in the given styles.
pub fn events_path(filter: &Filter, encode: &EncodeOptions) -> String {
    let query = to_encoded_query(filter, encode);
    if query.is_empty() {
        EVENTS_PATH.to_owned()
    } else {
        format!("{EVENTS_PATH}?{query}")
    }
}

/// Fetches the events at `path` (from [`events_path`]) and every `_links.next` after it, up to
/// `max_pages` pages (`None`: no limit but [`PAGE_GUARD`]). `on_update` hears each page and each
/// notice as it happens; the summary or the error is the return value.
///
/// Kommo's sources disagree on how `filter[created_at]` is written, and a live account answered
/// one of the forms with 400: when the first request of a path with a `created_at` gets a 400, it
/// is asked once more in the other form (after a [`FetchUpdate::RangeRetried`]), and the summary
/// says which form worked.
pub fn fetch_events(
    client: &Client,
    path: &str,
    max_pages: Option<u32>,
    cancel: &Cancel,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<FetchSummary, ApiError> {
    in_either_range_form(path, on_update, |path, on_update| {
        walk_events(client, path, max_pages, cancel, on_update)
    })
}

/// Runs `walk` over `path`; when it fails with a 400 before any page came and the path has a
/// `created_at`, says so ([`FetchUpdate::RangeRetried`]) and runs it once more over the path in
/// the other range form, whose summary then names that form. `walk` returns an error with the
/// pages it handed on before it. Every walk of the events (one page at a time or several at once)
/// retries through here.
pub(super) fn in_either_range_form(
    path: &str,
    on_update: &mut dyn FnMut(FetchUpdate),
    mut walk: impl FnMut(&str, &mut dyn FnMut(FetchUpdate)) -> Result<FetchSummary, (ApiError, u32)>,
) -> Result<FetchSummary, ApiError> {
    match walk(path, on_update) {
        Err((error @ ApiError::BadRequest { .. }, 0)) => {
            let Some((other_path, style)) = in_other_range_form(path) else { return Err(error) };
            on_update(FetchUpdate::RangeRetried(style));
            let mut summary = walk(&other_path, on_update).map_err(|(error, _)| error)?;
            summary.range_switched_to = Some(style);
            Ok(summary)
        }
        result => result.map_err(|(error, _)| error),
    }
}

/// `path` with its `filter[created_at]` written in the other range form, and that form; `None`
/// when the path has no `created_at`.
pub fn in_other_range_form(path: &str) -> Option<(String, RangeStyle)> {
    let (_, query) = path.split_once('?')?;
    let decoded = crate::filter::decode::decode(query);
    let range = &decoded.filter.created_at;
    if range.from.is_none() && range.to.is_none() {
        return None;
    }
    let mut encode = decoded.styles.encode_options();
    encode.range_style = encode.range_style.other();
    Some((events_path(&decoded.filter, &encode), encode.range_style))
}

/// [`fetch_events`] without the retry; an error comes with the pages that arrived before it.
fn walk_events(
    client: &Client,
    path: &str,
    max_pages: Option<u32>,
    cancel: &Cancel,
    on_update: &mut dyn FnMut(FetchUpdate),
) -> Result<FetchSummary, (ApiError, u32)> {
    let mut summary = FetchSummary::default();
    let limit = max_pages.unwrap_or(PAGE_GUARD).min(PAGE_GUARD);
    let more = walk(client, path, limit, cancel, &mut |step| match step {
        Step::Notice(notice) => {
            on_update(FetchUpdate::Notice(notice));
            Ok(())
        }
        Step::Page(body) => {
            let events = embedded(&body, "events").ok_or_else(|| ApiError::BadBody {
                path: path_only(path),
                reason: "no _embedded.events in the answer".into(),
            })?;
            summary.pages += 1;
            summary.events += events.len();
            let next = next_href(&body).and_then(|href| api_path(&href));
            on_update(FetchUpdate::Page(Page { number: summary.pages, events, next }));
            Ok(())
        }
    })
    .map_err(|error| (error, summary.pages))?;
    summary.more = more;
    Ok(summary)
}

/// [`fetch_events`] on a new thread: updates arrive on the returned channel, ending with
/// `Finished` or `Failed`. Setting `cancel` stops it at the next wait or between pages (it then
/// ends with `Failed(Cancelled)`); dropping the receiver stops it after the current request.
pub fn spawn_events(
    client: Arc<Client>,
    path: String,
    max_pages: Option<u32>,
    cancel: Cancel,
) -> (Receiver<FetchUpdate>, JoinHandle<()>) {
    spawn_events_with(client, path, max_pages, cancel, false)
}

/// [`spawn_events`]; with `notes`, each page's events get the notes behind them attached
/// ([`attach_notes`](super::notes::attach_notes)) before the page is sent, and a failed read is a
/// [`FetchUpdate::NotesFailed`] before the page, which comes as it was.
pub fn spawn_events_with(
    client: Arc<Client>,
    path: String,
    max_pages: Option<u32>,
    cancel: Cancel,
    notes: bool,
) -> (Receiver<FetchUpdate>, JoinHandle<()>) {
    let (sender, receiver) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let stop = cancel.clone();
        let send = |update| {
            if sender.send(update).is_err() {
                // Nobody listens any more: stop asking the account.
                stop.cancel();
            }
        };
        let mut forward = |update| match update {
            FetchUpdate::Page(mut page) if notes => {
                if let Err(error) =
                    super::notes::attach_notes(&client, &mut page.events, &cancel, &mut |_| {})
                {
                    send(FetchUpdate::NotesFailed(error));
                }
                send(FetchUpdate::Page(page));
            }
            other => send(other),
        };
        let fetched = crate::worker::guarded(|| {
            crate::worker::test_fault_in_worker();
            fetch_events(&client, &path, max_pages, &cancel, &mut forward)
        });
        let last = match fetched {
            Ok(Ok(summary)) => FetchUpdate::Finished(summary),
            Ok(Err(error)) => FetchUpdate::Failed(error),
            Err(reason) => FetchUpdate::Failed(ApiError::Internal { reason }),
        };
        send(last);
    });
    (receiver, handle)
}

/// Every item of a collection route (`/api/v4/users` → `_embedded.users`), across its pages.
/// A 204 gives an empty list.
pub fn fetch_collection(
    client: &Client,
    path: &str,
    key: &str,
    cancel: &Cancel,
    notify: &mut dyn FnMut(Notice),
) -> Result<Vec<Value>, ApiError> {
    let mut items = Vec::new();
    walk(client, path, PAGE_GUARD, cancel, &mut |step| match step {
        Step::Notice(notice) => {
            notify(notice);
            Ok(())
        }
        Step::Page(body) => {
            let page = embedded(&body, key).ok_or_else(|| ApiError::BadBody {
                path: path_only(path),
                reason: format!("no _embedded.{key} in the answer"),
            })?;
            if items.len() + page.len() > COLLECTION_ITEM_LIMIT {
                return Err(ApiError::BadBody {
                    path: path_only(path),
                    reason: format!(
                        "the pages hold more than {COLLECTION_ITEM_LIMIT} {key}, far beyond any account; stopped there"
                    ),
                });
            }
            items.extend(page);
            Ok(())
        }
    })?;
    Ok(items)
}

/// What a walk hands its caller: a retry notice, or a page's JSON body.
enum Step {
    Notice(Notice),
    Page(Value),
}

/// Requests `path`, then each `_links.next`, handing notices and every JSON body to `on_step`, for at most
/// `limit` pages. True when it stopped at the limit with a `next` still there. A `next` already
/// visited ends the walk (a server that links a page to itself must not loop us).
fn walk(
    client: &Client,
    path: &str,
    limit: u32,
    cancel: &Cancel,
    on_step: &mut dyn FnMut(Step) -> Result<(), ApiError>,
) -> Result<bool, ApiError> {
    let base = &client.connection().base;
    let mut url = base.url(path);
    let mut visited = HashSet::new();
    for _ in 0..limit {
        if cancel.is_cancelled() {
            return Err(ApiError::Cancelled);
        }
        visited.insert(url.clone());
        // A notice cannot fail; only a page can (when it lacks the expected list).
        let answer = client.get_url(&url, cancel, &mut |notice| {
            let _ = on_step(Step::Notice(notice));
        })?;
        let Some(body) = answer else {
            return Ok(false);
        };
        let next = next_href(&body).and_then(|href| base.follow(&href));
        on_step(Step::Page(body))?;
        match next {
            Some(next) if !visited.contains(&next) => url = next,
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// `_links.next.href`, when the answer has one.
fn next_href(body: &Value) -> Option<String> {
    body.pointer("/_links/next/href").and_then(Value::as_str).map(str::to_owned)
}

/// The `/api/…` part of an href, as [`BaseUrl::follow`](super::BaseUrl::follow) reads it.
fn api_path(href: &str) -> Option<String> {
    href.find("/api/").map(|start| href[start..].to_owned())
}

/// `_embedded.{key}` as a list; `None` when the answer does not have it.
fn embedded(body: &Value, key: &str) -> Option<Vec<Value>> {
    body.get("_embedded")?.get(key)?.as_array().cloned()
}

fn path_only(path: &str) -> String {
    path.split('?').next().unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Entity, ListStyle, RangeStyle};

    #[test]
    fn the_events_path_is_percent_encoded() {
        let filter =
            Filter { types: vec!["lead_added".into()], entities: vec![Entity::Lead], ..Filter::default() };
        assert_eq!(
            events_path(&filter, &EncodeOptions::default()),
            "/api/v4/events?filter%5Btype%5D=lead_added&filter%5Bentity%5D=lead"
        );
        let brackets = EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::Comma };
        assert!(events_path(&filter, &brackets).contains("filter%5Btype%5D%5B%5D=lead_added"));
        assert_eq!(events_path(&Filter::default(), &EncodeOptions::default()), "/api/v4/events");
    }

    #[test]
    fn next_and_embedded_are_read_from_hal() {
        let body = serde_json::json!({
            "_links": {"next": {"href": "https://a.kommo.com/api/v4/events?page=2"}},
            "_embedded": {"events": [{"id": "x"}]}
        });
        assert_eq!(next_href(&body).as_deref(), Some("https://a.kommo.com/api/v4/events?page=2"));
        assert_eq!(embedded(&body, "events").map(|e| e.len()), Some(1));
        assert_eq!(embedded(&body, "users"), None);
        assert_eq!(
            api_path("https://a.kommo.com/api/v4/events?page=2").as_deref(),
            Some("/api/v4/events?page=2")
        );
        assert_eq!(api_path("https://a.kommo.com/elsewhere"), None);
    }
}
