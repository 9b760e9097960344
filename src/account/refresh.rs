//! `account refresh`: fetch every part of the account's names, following pages. A part the token
//! may not read (403: `/api/v4/users` needs an admin) or that the account does not have (404) is
//! skipped and reported, and the rest goes on; the event types are the one part that must come.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

use serde_json::Value;

use super::Part;
use crate::api::{fetch_collection, ApiError, Cancel, Client, Notice};
use crate::i18n::Lang;

/// What a refresh got.
#[derive(Debug, Default)]
pub struct Refreshed {
    /// The items of each part that came.
    pub items: BTreeMap<Part, Vec<Value>>,
    /// The parts left out, with why.
    pub skipped: Vec<(Part, ApiError)>,
}

/// The route with its query for `part`: the event types in `lang` (`language_code=en|es|pt`).
pub fn part_path(part: Part, lang: Lang) -> String {
    match part {
        Part::EventTypes => format!("{}?language_code={}", part.route(), language_code(lang)),
        _ => part.route().to_owned(),
    }
}

/// `en`, `es` or `pt`: the labels Kommo gives are in the interface's language.
pub fn language_code(lang: Lang) -> &'static str {
    lang.code()
}

/// Fetches every part through `client` (which keeps to the rate limit). `on_part` hears each part
/// before it is fetched; `notify` hears retries.
pub fn refresh(
    client: &Client,
    lang: Lang,
    cancel: &Cancel,
    on_part: &mut dyn FnMut(Part),
    notify: &mut dyn FnMut(Notice),
) -> Result<Refreshed, ApiError> {
    let mut refreshed = Refreshed::default();
    for part in Part::ALL {
        on_part(part);
        match fetch_collection(client, &part_path(part, lang), part.key(), cancel, notify) {
            Ok(items) => {
                refreshed.items.insert(part, items);
            }
            Err(error @ (ApiError::Forbidden { .. } | ApiError::NotFound { .. }))
                if part != Part::EventTypes =>
            {
                refreshed.skipped.push((part, error));
            }
            Err(error) => return Err(error),
        }
    }
    Ok(refreshed)
}

/// What a background refresh reports: each part as it starts, retries, then the end.
#[derive(Debug)]
pub enum RefreshUpdate {
    /// This part is being fetched.
    Part(Part),
    /// A request is being retried.
    Notice(Notice),
    /// Every part was asked; the skipped ones are in [`Refreshed::skipped`].
    Done(Refreshed),
    /// The refresh stopped (the event types could not be read, a cancel, …).
    Failed(ApiError),
}

/// [`refresh`] on a thread of its own, for a screen: updates arrive on the channel, ending with
/// `Done` or `Failed`. Share the screen's one `Arc<Client>` so the rate limit covers both this
/// and any fetch running at the same time.
pub fn spawn_refresh(
    client: Arc<Client>,
    lang: Lang,
    cancel: Cancel,
) -> (Receiver<RefreshUpdate>, JoinHandle<()>) {
    let (sender, receiver) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let notices = sender.clone();
        let result = crate::worker::guarded(|| {
            refresh(
                &client,
                lang,
                &cancel,
                &mut |part| {
                    let _ = sender.send(RefreshUpdate::Part(part));
                },
                &mut |notice| {
                    let _ = notices.send(RefreshUpdate::Notice(notice));
                },
            )
        });
        let _ = sender.send(match result {
            Ok(Ok(refreshed)) => RefreshUpdate::Done(refreshed),
            Ok(Err(error)) => RefreshUpdate::Failed(error),
            Err(reason) => RefreshUpdate::Failed(ApiError::Internal { reason }),
        });
    });
    (receiver, handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_types_are_asked_in_the_interface_language() {
        assert_eq!(part_path(Part::EventTypes, Lang::Es), "/api/v4/events/types?language_code=es");
        assert_eq!(part_path(Part::Users, Lang::Es), "/api/v4/users");
    }
}
