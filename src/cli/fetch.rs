//! `kommo-events fetch`: run a filter against the account and print the events as they arrive,
//! each with its change in words (the account's names from the cache or `--account-dir`).

use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use serde_json::Value;

use crate::account::Account;
use crate::api::{
    attach_notes, events_path, fetch_events_ahead, ApiError, Cancel, Client, FetchUpdate, Notice,
};
use crate::events::{csv_header, csv_row, describe, json_line, EventFormat, Names};
use crate::i18n::{api_messages, Lang};

use super::args::{ConnectArgs, FilterArgs};
use super::commands::checked_filter;
use super::connect::{self, report};
use super::resume;
use super::settings::Resolved;
use super::{CliError, Usage, EXIT_USAGE};

/// What `fetch` was asked for, besides the filter and the connection.
pub struct FetchOptions {
    /// `--max-pages`; 0 means no limit.
    pub max_pages: u32,
    /// `--force`.
    pub force: bool,
    /// `--format`.
    pub format: EventFormat,
    /// `--resume FILE`: go on from where the export in FILE stopped, appending to it.
    pub resume: Option<PathBuf>,
    /// `--progress`: the live line on stderr.
    pub progress: ProgressChoice,
}

/// When the live progress line is drawn on stderr.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ProgressChoice {
    /// When stderr is a terminal.
    #[default]
    Auto,
    /// Never.
    Never,
}

/// Exit code after Ctrl-C, as a shell reports a SIGINT.
const EXIT_INTERRUPTED: u8 = 130;
/// Exit code after SIGTERM.
const EXIT_TERMINATED: u8 = 143;

/// Runs `fetch`. Exit 0 when every page up to the limit came (also for no events), 1 when the
/// account or the network failed, 2 for a broken filter or setup, 130/143 after Ctrl-C/SIGTERM
/// (the events written so far are whole, and `--resume` goes on from them).
///
/// The walk's upper bound is pinned when it starts (`created_at` up to the second before it, unless
/// the filter ends earlier), so events that arrive while it runs never push the pages along: every
/// event that matched at the start comes out exactly once.
pub fn fetch(
    args: &FilterArgs,
    connect: &ConnectArgs,
    options: FetchOptions,
    settings: &Resolved,
    catalog: &crate::catalog::Catalog,
    account: Account,
) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    let format = options.format;
    let Some(mut filter) = checked_filter(args, options.force, settings, catalog)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let resume = match &options.resume {
        Some(path) => Some((path.clone(), resume::read(path, format).map_err(Usage::Resume)?)),
        None => None,
    };
    let connection = match connect::connection(connect, settings, &connect::env) {
        Ok(connection) => connection,
        Err(error) => return Ok(report(&error, lang)),
    };
    let base = connection.base.clone();
    let client = Client::new(connection, connect::limiter(connect, settings, &base));
    // The last whole second before the start: events created later in the start's own second
    // would push the pages along as they arrive.
    let started = unix_now() - 1;
    let resumed_at = resume.as_ref().and_then(|(_, point)| point.oldest);
    let bound = resumed_at.unwrap_or(started);
    filter.created_at.to = Some(filter.created_at.to.map_or(bound, |to| to.min(bound)));
    let path = events_path(&filter, &connect::encode_for(settings, &base));
    let max_pages = (options.max_pages > 0).then_some(options.max_pages);

    let (out, skip, needs_header): (Box<dyn Write>, HashSet<String>, bool) = match resume {
        Some((path, point)) => {
            let file = resume::append(&path)
                .map_err(|error| Usage::Resume(crate::cli::ResumeError::Io { path: path.clone(), error }))?;
            (Box::new(io::LineWriter::new(file)), point.boundary_ids, point.needs_header)
        }
        None => (Box::new(io::stdout().lock()), HashSet::new(), true),
    };
    let mut printer =
        Printer { out, format, account: &account, catalog, lang, zone: settings.zone, printed: 0, skip };
    let cancel = Cancel::new();
    let signals = Signals::register(&cancel)?;
    let progress = Progress::new(options.progress, lang);
    let mut write_error = None;
    printer.start(needs_header)?;
    let result = fetch_events_ahead(&client, &path, max_pages, &cancel, &mut |update| match update {
        FetchUpdate::Page(mut page) => {
            if settings.notes {
                // A failed read leaves the events as they came, and says why.
                if let Err(error) = attach_notes(&client, &mut page.events, &cancel, &mut |_| {}) {
                    progress.println(&format!(
                        "kommo-events: warning: {}",
                        api_messages::notes_failed(&error, lang)
                    ));
                }
            }
            if let Err(error) = printer.events(&page.events) {
                // The reader went away (`| head`): stop asking the account.
                write_error = Some(error);
                cancel.cancel();
            }
            progress.page(page.number, printer.printed);
        }
        FetchUpdate::Notice(notice) => progress.notice(&notice),
        _ => {}
    });
    progress.finish();
    if let Some(error) = write_error {
        return Err(CliError::Io(error));
    }
    // Close the JSON array even after a failure, so what arrived is still valid JSON.
    printer.finish()?;
    let upper = settings.zone.format(bound, "%Y-%m-%d %H:%M:%S");
    match result {
        Ok(summary) => {
            if let Some(style) = summary.range_switched_to {
                connect::range_retried(&base, style, lang);
            }
            if progress.shown() || summary.more {
                eprintln!(
                    "kommo-events: {}",
                    api_messages::fetch_summary(printer.printed, summary.pages, &upper, lang)
                );
            }
            if summary.more {
                eprintln!("kommo-events: {}", api_messages::more_pages(options.max_pages, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ApiError::Cancelled) if signals.any() => {
            eprintln!("kommo-events: {}", api_messages::fetch_stopped(printer.printed, lang));
            Ok(ExitCode::from(if signals.terminated() { EXIT_TERMINATED } else { EXIT_INTERRUPTED }))
        }
        Err(error) => {
            if printer.printed > 0 {
                eprintln!("kommo-events: {}", api_messages::fetch_stopped(printer.printed, lang));
            }
            Ok(report(&error, lang))
        }
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Ctrl-C and SIGTERM stop the walk between requests instead of killing the process, so every
/// event written is whole and the exit code says which signal it was.
struct Signals {
    interrupted: Arc<AtomicBool>,
    terminated: Arc<AtomicBool>,
}

impl Signals {
    fn register(cancel: &Cancel) -> io::Result<Signals> {
        let signals = Signals { interrupted: Arc::default(), terminated: Arc::default() };
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(signal, cancel.flag())?;
        }
        signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&signals.interrupted))?;
        signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&signals.terminated))?;
        Ok(signals)
    }

    fn any(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst) || self.terminated.load(Ordering::SeqCst)
    }

    fn terminated(&self) -> bool {
        self.terminated.load(Ordering::SeqCst)
    }
}

/// The live line on stderr while a long fetch runs: events, pages, events per second, the time
/// taken, and the retries and waits (indicatif, redrawn a few times a second, cleared at the end).
struct Progress {
    bar: Option<ProgressBar>,
    lang: Lang,
    started: Instant,
    counts: std::cell::Cell<(u32, usize, u32, Duration)>,
}

impl Progress {
    fn new(choice: ProgressChoice, lang: Lang) -> Progress {
        let shown = choice == ProgressChoice::Auto && io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Progress {
            bar,
            lang,
            started: Instant::now(),
            counts: std::cell::Cell::new((0, 0, 0, Duration::ZERO)),
        }
    }

    fn shown(&self) -> bool {
        self.bar.is_some()
    }

    fn page(&self, pages: u32, events: usize) {
        let (_, _, retries, waited) = self.counts.get();
        self.counts.set((pages, events, retries, waited));
        self.draw();
    }

    fn notice(&self, notice: &Notice) {
        let (pages, events, retries, waited) = self.counts.get();
        let Notice::Retrying { wait, .. } = notice;
        self.counts.set((pages, events, retries + 1, waited + *wait));
        if let Some(bar) = &self.bar {
            bar.println(format!("kommo-events: {}", api_messages::notice(notice, self.lang)));
        }
        self.draw();
    }

    fn draw(&self) {
        let Some(bar) = &self.bar else { return };
        let (pages, events, retries, waited) = self.counts.get();
        let elapsed = self.started.elapsed();
        let rate = events as f64 / elapsed.as_secs_f64().max(0.001);
        bar.set_message(api_messages::bulk_progress(
            events, pages, rate, elapsed, retries, waited, self.lang,
        ));
    }

    /// A line above the progress line (or on stderr when there is none).
    fn println(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.println(text),
            None => eprintln!("{text}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Writes events in one format; the JSON array's brackets and the CSV header come from
/// `start` and `finish`, so no events give `[]` or the header alone.
struct Printer<'a, W: Write> {
    out: W,
    /// Ids not to write again: the boundary second of the file being resumed.
    skip: HashSet<String>,
    format: EventFormat,
    account: &'a Account,
    catalog: &'a crate::catalog::Catalog,
    lang: Lang,
    zone: crate::filter::date::Zone,
    printed: usize,
}

impl<W: Write> Printer<'_, W> {
    /// The JSON array's `[`, or the CSV header when the output has none yet (`with_header`).
    fn start(&mut self, with_header: bool) -> io::Result<()> {
        match self.format {
            EventFormat::Jsonl => Ok(()),
            EventFormat::Json => write!(self.out, "["),
            EventFormat::Csv if with_header => writeln!(self.out, "{}", csv_header()),
            EventFormat::Csv => Ok(()),
        }
    }

    fn events(&mut self, events: &[Value]) -> io::Result<()> {
        for event in events {
            if !self.skip.is_empty()
                && event.get("id").is_some_and(|id| self.skip.contains(&crate::text::plain(id)))
            {
                continue;
            }
            let names = Names { account: self.account, catalog: self.catalog };
            let described = describe(event, &names, self.lang, self.zone);
            match self.format {
                EventFormat::Jsonl => writeln!(self.out, "{}", json_line(event, &described))?,
                EventFormat::Json => {
                    let separator = if self.printed == 0 { "\n" } else { ",\n" };
                    write!(self.out, "{separator}{}", json_line(event, &described))?;
                }
                EventFormat::Csv => writeln!(self.out, "{}", csv_row(event, &described))?,
            }
            self.printed += 1;
        }
        self.out.flush()
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.format == EventFormat::Json {
            writeln!(self.out, "{}]", if self.printed == 0 { "" } else { "\n" })?;
        }
        self.out.flush()
    }
}
