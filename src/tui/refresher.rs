//! F7's work, off the screen's thread: fetch the account's names again through the screen's one
//! client (so the rate limit covers this and a run's pages together) and keep them in the cache,
//! or read an `--account-dir` again. Its reports come back into the loop as actions.

use std::io;
use std::sync::Arc;
use std::thread;

use crate::account::refresh::refresh;
use crate::account::store::{AccountDir, Meta};
use crate::account::{Account, Part};
use crate::api::{ApiError, Cancel, Client};
use crate::i18n::{cli_messages, Lang};

use super::action::Action;
use super::names::{NamesFailure, RefreshedNames};

/// Where new names come from.
#[derive(Clone)]
pub enum NamesSource {
    /// Read `--account-dir` again (the user saved new answers there).
    Files(AccountDir),
    /// Ask the account, and keep the answers in its cache directory when there is one.
    Account { client: Arc<Client>, cache: Option<AccountDir>, base_url: String },
}

/// How a worker hands an action to the event loop (a closed loop drops it: the screen ended).
pub(super) type Report = Arc<dyn Fn(Action) + Send + Sync>;

/// Runs one refresh at a time.
pub(super) struct Refresher {
    pub(super) source: Option<NamesSource>,
    pub(super) lang: Lang,
    /// Hands an action to the event loop (the refresh's parts and its end).
    pub(super) report: Report,
    /// The refresh under way, to stop it when the screen ends.
    pub(super) cancel: Option<Cancel>,
}

impl Refresher {
    /// Starts a refresh; its parts and its end are reported as actions.
    pub(super) fn start(&mut self) -> io::Result<()> {
        self.stop();
        let Some(source) = self.source.clone() else {
            // `update` only asks for a refresh when the app was told there is a source.
            return Ok(());
        };
        let cancel = Cancel::new();
        self.cancel = Some(cancel.clone());
        let (report, lang) = (Arc::clone(&self.report), self.lang);
        thread::Builder::new().name("names-refresh".into()).spawn(move || {
            let result = crate::worker::guarded(|| match source {
                NamesSource::Files(dir) => read(&dir, lang),
                NamesSource::Account { client, cache, base_url } => {
                    let on_part = &mut |part| {
                        report(Action::NamesFetching(part));
                    };
                    fetch(&client, cache.as_ref(), base_url, lang, &cancel, on_part)
                }
            });
            let result =
                result.unwrap_or_else(|reason| Err(NamesFailure::Api(ApiError::Internal { reason })));
            report(Action::NamesRefreshed(result.map(Box::new)));
        })?;
        Ok(())
    }

    pub(super) fn stop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel.cancel();
        }
    }
}

fn read(dir: &AccountDir, lang: Lang) -> Result<RefreshedNames, NamesFailure> {
    let loaded = dir.load().map_err(|error| NamesFailure::File(cli_messages::account_error(&error, lang)))?;
    Ok(RefreshedNames {
        account: loaded.account,
        skipped: Vec::new(),
        missing: loaded.missing,
        not_saved: None,
    })
}

fn fetch(
    client: &Client,
    cache: Option<&AccountDir>,
    base_url: String,
    lang: Lang,
    cancel: &Cancel,
    on_part: &mut dyn FnMut(Part),
) -> Result<RefreshedNames, NamesFailure> {
    // Retries show in the status line as the part being fetched: the spinner keeps turning.
    let refreshed = refresh(client, lang, cancel, on_part, &mut |_| {}).map_err(NamesFailure::Api)?;
    let account = Account::from_items(&refreshed.items).map_err(|error| {
        NamesFailure::Api(ApiError::BadBody { path: error.part.route().to_owned(), reason: error.reason })
    })?;
    let skipped: Vec<Part> = refreshed.skipped.iter().map(|(part, _)| *part).collect();
    let not_saved = cache.and_then(|dir| {
        let meta = Meta::now(base_url, lang, &skipped);
        dir.save(&refreshed.items, &meta).err().map(|error| error.to_string())
    });
    Ok(RefreshedNames { account, skipped: refreshed.skipped, missing: Vec::new(), not_saved })
}
