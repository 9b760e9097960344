//! `kommo-events fetch`: run a filter against the account and print the events as they arrive,
//! each with its change in words (the account's names from the cache or `--account-dir`).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use serde_json::Value;

use crate::account::Account;
use crate::api::{attach_notes, events_path, fetch_events, Cancel, Client, FetchUpdate, Limiter};
use crate::events::{csv_header, csv_row, describe, json_line, EventFormat, Names};
use crate::i18n::{api_messages, Lang};

use super::args::{ConnectArgs, FilterArgs};
use super::commands::checked_filter;
use super::connect::{self, report};
use super::settings::Resolved;
use super::{CliError, EXIT_USAGE};

/// What `fetch` was asked for, besides the filter and the connection.
pub struct FetchOptions {
    /// `--max-pages`; 0 means no limit.
    pub max_pages: u32,
    /// `--force`.
    pub force: bool,
    /// `--format`.
    pub format: EventFormat,
}

/// Runs `fetch`. Exit 0 when every page up to the limit came (also for no events), 1 when the
/// account or the network failed, 2 for a broken filter or setup.
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
    let Some(filter) = checked_filter(args, options.force, settings, catalog)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let connection = match connect::connection(connect, settings, &connect::env) {
        Ok(connection) => connection,
        Err(error) => return Ok(report(&error, lang)),
    };
    let base = connection.base.clone();
    let client = Client::new(connection, Arc::new(Limiter::kommo()));
    let path = events_path(&filter, &connect::encode_for(settings, &base));
    let max_pages = (options.max_pages > 0).then_some(options.max_pages);

    let mut printer = Printer {
        out: io::stdout().lock(),
        format,
        account: &account,
        catalog,
        lang,
        zone: settings.zone,
        printed: 0,
    };
    let progress = io::stderr().is_terminal();
    let cancel = Cancel::new();
    let mut write_error = None;
    printer.start()?;
    let result = fetch_events(&client, &path, max_pages, &cancel, &mut |update| match update {
        FetchUpdate::Page(mut page) => {
            if settings.notes {
                // A failed read leaves the events as they came, and says why.
                if let Err(error) = attach_notes(&client, &mut page.events, &cancel, &mut |_| {}) {
                    if progress {
                        eprint!("\r\x1b[K");
                    }
                    eprintln!("kommo-events: warning: {}", api_messages::notes_failed(&error, lang));
                }
            }
            if let Err(error) = printer.events(&page.events) {
                // The reader went away (`| head`): stop asking the account.
                write_error = Some(error);
                cancel.cancel();
            }
            if progress {
                eprint!("\r\x1b[K{}", api_messages::progress(page.number, printer.printed, lang));
            }
        }
        FetchUpdate::Notice(notice) if progress => {
            eprint!("\r\x1b[K{}", api_messages::notice(&notice, lang));
        }
        _ => {}
    });
    if progress {
        eprint!("\r\x1b[K");
    }
    if let Some(error) = write_error {
        return Err(CliError::Io(error));
    }
    // Close the JSON array even after a failure, so what arrived is still valid JSON.
    printer.finish()?;
    match result {
        Ok(summary) => {
            if let Some(style) = summary.range_switched_to {
                connect::range_retried(&base, style, lang);
            }
            if summary.more {
                eprintln!("kommo-events: {}", api_messages::more_pages(options.max_pages, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => Ok(report(&error, lang)),
    }
}

/// Writes events in one format; the JSON array's brackets and the CSV header come from
/// `start` and `finish`, so no events give `[]` or the header alone.
struct Printer<'a, W: Write> {
    out: W,
    format: EventFormat,
    account: &'a Account,
    catalog: &'a crate::catalog::Catalog,
    lang: Lang,
    zone: crate::filter::date::Zone,
    printed: usize,
}

impl<W: Write> Printer<'_, W> {
    fn start(&mut self) -> io::Result<()> {
        match self.format {
            EventFormat::Jsonl => Ok(()),
            EventFormat::Json => write!(self.out, "["),
            EventFormat::Csv => writeln!(self.out, "{}", csv_header()),
        }
    }

    fn events(&mut self, events: &[Value]) -> io::Result<()> {
        for event in events {
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
