//! `kommo-events tail`: follow new events. The polling runs on a thread of its own
//! ([`spawn_tail`]). On a terminal its events go to the screen's results pane, following
//! ([`tui::follow`]); otherwise (piped, or `--plain`) this thread prints what it sends and watches
//! for Ctrl-C and SIGTERM, so a signal stops the command at once (exit 130 / 143) even while a
//! request is under way.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::account::Account;
use crate::api::{spawn_tail, ApiError, Cancel, Client, TailRequest, TailUpdate};
use crate::events::{describe, event_line, json_line, Names};
use crate::i18n::api_messages;
use crate::search::index::TypeIndex;
use crate::tui::action::Action;
use crate::tui::app::{App, Start};
use crate::tui::clipboard::SystemClipboard;
use crate::tui::{self, update::update};

use super::args::{ConnectArgs, FilterArgs};
use super::commands::checked_filter;
use super::connect::{self, report};
use super::settings::Resolved;
use super::{CliError, Usage, EXIT_INTERRUPTED, EXIT_USAGE};

/// Exit code after SIGTERM (128 + 15), as shells report it.
const EXIT_TERMINATED: u8 = 143;
/// How often the printing thread looks at the signal flags.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// What `tail` was asked for, besides the filter and the connection.
pub struct TailOptions {
    /// `--interval`, seconds.
    pub interval: f64,
    /// `--max-polls` (hidden, for tests).
    pub max_polls: Option<u32>,
    /// `--force`.
    pub force: bool,
    /// `--plain`: readable lines on a terminal instead of the pane.
    pub plain: bool,
}

/// Runs `tail` until Ctrl-C (130), SIGTERM (143), `--max-polls` (0), or an answer that polling
/// again cannot fix (1). In the pane, only the user ends it (Esc or Ctrl-C: 130; SIGTERM: 143):
/// the pane stays open after `--max-polls` or such an answer, saying why following stopped.
pub fn tail(
    args: &FilterArgs,
    connect: &ConnectArgs,
    options: TailOptions,
    settings: &Resolved,
    index: TypeIndex,
    account: Account,
) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    if !(options.interval.is_finite() && options.interval > 0.0 && options.interval <= 86_400.0) {
        return Err(Usage::Interval(options.interval).into());
    }
    let Some(mut filter) = checked_filter(args, options.force, settings, index.catalog())? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    // `--created-from today` alone names a span, whose end a tail does not have: it follows from
    // the span's start. Only an end given as such is refused.
    if args.created_to.is_none() {
        filter.created_at.to = None;
    }
    if filter.created_at.to.is_some() {
        eprintln!("kommo-events: error: {}", api_messages::tail_no_end(lang));
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let connection = match connect::connection(connect, settings, &connect::env) {
        Ok(connection) => connection,
        Err(error) => return Ok(report(&error, lang)),
    };
    let base = connection.base.clone();
    let since = filter.created_at.from.unwrap_or_else(now);
    let request = TailRequest {
        filter,
        encode: connect::encode_for(settings, &base),
        since: Some(since),
        interval: Duration::from_secs_f64(options.interval),
        max_polls: options.max_polls,
        notes: settings.notes,
    };
    let limiter = connect::limiter(connect, settings, &connection.base);
    let client = Arc::new(Client::new(connection, limiter));
    let readable = io::stdout().is_terminal();
    if readable && !options.plain && tui::terminal_available() {
        return follow_in_pane(client, request, account, settings, index);
    }
    let interrupted = Arc::new(AtomicBool::new(false));
    let terminated = Arc::new(AtomicBool::new(false));
    register_signals(&interrupted, &terminated)?;
    let cancel = Cancel::new();
    let (updates, _worker) = spawn_tail(client, request, cancel.clone());

    let chatty = io::stderr().is_terminal();
    if chatty {
        let start = settings.zone.format(since, "%H:%M:%S");
        eprintln!("kommo-events: {}", api_messages::tail_started(&start, lang));
    }
    let mut out = io::stdout().lock();
    loop {
        if interrupted.load(Ordering::SeqCst) || terminated.load(Ordering::SeqCst) {
            cancel.cancel();
            out.flush()?;
            let code = if terminated.load(Ordering::SeqCst) { EXIT_TERMINATED } else { EXIT_INTERRUPTED };
            return Ok(ExitCode::from(code));
        }
        let update = match updates.recv_timeout(SIGNAL_CHECK) {
            Ok(update) => update,
            Err(RecvTimeoutError::Timeout) => continue,
            // The worker always says how it ended; silence means it died, which is no success.
            Err(RecvTimeoutError::Disconnected) => {
                let reason = "the polling thread ended without saying why".to_owned();
                return Ok(report(&ApiError::Internal { reason }, lang));
            }
        };
        match update {
            TailUpdate::Events(events) => {
                for event in &events {
                    if readable {
                        let line = event_line(event, &account, index.catalog(), lang, settings.zone);
                        writeln!(out, "{}", line.readable())?;
                    } else {
                        let names = Names { account: &account, catalog: index.catalog() };
                        writeln!(out, "{}", json_line(event, &describe(event, &names, lang, settings.zone)))?;
                    }
                }
                out.flush()?;
            }
            TailUpdate::Notice(notice) if chatty => {
                eprintln!("kommo-events: {}", api_messages::notice(&notice, lang));
            }
            TailUpdate::RangeRetried(style) => connect::range_retried(&base, style, lang),
            TailUpdate::NotesFailed(error) => {
                eprintln!("kommo-events: warning: {}", api_messages::notes_failed(&error, lang));
            }
            TailUpdate::Notice(_) | TailUpdate::Polling | TailUpdate::Polled { .. } => {}
            TailUpdate::PollFailed(error) => {
                eprintln!("kommo-events: warning: {}", error.message(lang));
            }
            TailUpdate::Stopped(ApiError::Cancelled) => return Ok(ExitCode::from(EXIT_INTERRUPTED)),
            TailUpdate::Stopped(error) => return Ok(report(&error, lang)),
            TailUpdate::Finished { .. } => return Ok(ExitCode::SUCCESS),
        }
    }
}

/// The screen's results pane, following: the account's names describe the events, the screen's
/// settings (language, theme, time zone) apply, and nothing is saved as a session.
fn follow_in_pane(
    client: Arc<Client>,
    request: TailRequest,
    account: Account,
    settings: &Resolved,
    index: TypeIndex,
) -> Result<ExitCode, CliError> {
    let opening = Start { following: Some(request.interval), ..Start::default() };
    let screen = settings.screen_at(Some(&client.connection().base));
    let mut app = App::new(index, screen, opening, (80, 24), Instant::now());
    update(&mut app, Action::NamesLoaded(Box::new(account)));
    let cancel = Cancel::new();
    let (updates, _worker) = spawn_tail(client, request, cancel.clone());
    let mut clipboard = SystemClipboard::from_env();
    let outcome = tui::follow(app, &mut clipboard, updates);
    cancel.cancel();
    Ok(super::ending_code(&outcome?))
}

/// Ctrl-C and SIGTERM set flags instead of killing the process, so the output is flushed and the
/// exit code says which signal it was.
fn register_signals(interrupted: &Arc<AtomicBool>, terminated: &Arc<AtomicBool>) -> Result<(), CliError> {
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(interrupted))?;
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(terminated))?;
    Ok(())
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
