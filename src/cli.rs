//! The command line: the screen by default, and the scriptable commands `list` and `search`,
//! which use the same catalog and matcher as the screen.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::filter::EncodeOptions;
use crate::i18n::Lang;
use crate::search::Query;
use crate::tui::{self, app::App, app::Settings, clipboard::SystemClipboard, composer::Zone, theme::Theme};

/// Exit code for a cancelled screen (Esc, Ctrl-C), as fzf.
const EXIT_INTERRUPTED: u8 = 130;
/// Exit code for bad usage or input.
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "kommo-events",
    version,
    about = "Find Kommo CRM event types and compose GET /api/v4/events filters.",
    long_about = "Find Kommo CRM event types (in Spanish, English or by code) and compose \
GET /api/v4/events filters.\n\nWith no command, opens the interactive explorer: Enter prints the \
composed query on stdout (so q=$(kommo-events) works), Ctrl-Y copies it, Esc or Ctrl-C quits \
printing nothing (exit 130). F1 inside lists every key."
)]
pub struct Cli {
    /// Language of labels and messages [default: from LC_ALL / LC_MESSAGES / LANG, else en]
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Add the event types of FILE (our events.json schema, or a saved Kommo GET /api/v4/events/types answer); repeatable
    #[arg(long, global = true, value_name = "FILE")]
    catalog: Vec<std::path::PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the catalog of event types, by group
    List {
        /// Only this group (lead, contact, company, task, communication, ai, media, fields, notes, tags_links, marketing)
        #[arg(long)]
        group: Option<String>,
        /// Print a JSON array (code, group, label_es, label_en, descriptions, value_filters)
        #[arg(long)]
        json: bool,
    },
    /// Search event types with the explorer's matcher; prints codes best first, one per line
    Search {
        /// fzf-style query: words must all match, a | b, 'exact, ^prefix, suffix$, !not
        query: String,
        /// Print at most N results
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Print a JSON array with code, group, labels and score
        #[arg(long)]
        json: bool,
    },
    /// Keeps the X11 clipboard alive after the screen exits (started by the program itself)
    #[command(name = "__serve-clipboard", hide = true)]
    ServeClipboard,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Es,
    En,
}

/// Parses the arguments and runs what they ask for.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::Es) => Lang::Es,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_locale(|name| std::env::var(name).ok()),
    };
    let catalog = match crate::catalog::load(&cli.catalog) {
        Ok(catalog) => catalog,
        Err(error) => {
            eprintln!("kommo-events: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    // The process ends right after the command: freeing a million types one by one would cost
    // ~100 ms that the operating system does at once, so the catalog is never dropped.
    let explorer = std::mem::ManuallyDrop::new(Explorer::new(catalog));
    let result = match cli.command {
        None => run_screen(std::mem::ManuallyDrop::into_inner(explorer), lang),
        Some(Command::List { group, json }) => list(&explorer, lang, group.as_deref(), json),
        Some(Command::Search { query, limit, json }) => search(&explorer, &query, limit, json),
        Some(Command::ServeClipboard) => serve_clipboard(),
    };
    match result {
        Ok(code) => code,
        // `kommo-events list | head` closes the pipe early; that is the reader's choice, not an error.
        Err(CliError::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kommo-events: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

/// A failure reported on stderr, with the exit code it maps to.
#[derive(Debug)]
enum CliError {
    Usage(String),
    Io(io::Error),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Io(_) => 1,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(message) => f.write_str(message),
            CliError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        CliError::Io(error)
    }
}

fn run_screen(explorer: Explorer, lang: Lang) -> Result<ExitCode, CliError> {
    let settings =
        Settings { lang, theme: Theme::from_env(), zone: Zone::Local, encode: EncodeOptions::default() };
    if let Some(size) = tui::first_frame_size() {
        tui::draw_first_frame(App::new(explorer, settings, size))?;
        return Ok(ExitCode::SUCCESS);
    }
    if !tui::terminal_available() {
        return Err(CliError::Usage(
            lang.texts().no_terminal.trim_start_matches("kommo-events: ").to_string(),
        ));
    }
    let app = App::new(explorer, settings, (80, 24));
    let mut clipboard = SystemClipboard::from_env();
    match tui::run(app, &mut clipboard)? {
        tui::Outcome::Accepted { query, problems } => {
            for problem in problems {
                eprintln!("kommo-events: warning: {problem}");
            }
            let mut stdout = io::stdout().lock();
            writeln!(stdout, "{query}")?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        tui::Outcome::Cancelled => Ok(ExitCode::from(EXIT_INTERRUPTED)),
    }
}

#[derive(Serialize)]
struct EventRecord<'a> {
    code: &'a str,
    group: &'a str,
    label_es: &'a str,
    label_en: &'a str,
    description_en: &'a str,
    description_es: &'a str,
    value_filters: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
}

fn record<'a>(catalog: &'a Catalog, index: usize, score: Option<i64>) -> EventRecord<'a> {
    let event = &catalog.events()[index];
    EventRecord {
        code: &event.code,
        group: &catalog.groups()[event.group].id,
        label_es: &event.label_es,
        label_en: &event.label_en,
        description_en: &event.description_en,
        description_es: &event.description_es,
        value_filters: event.value_filters.iter().map(|key| key.code()).collect(),
        score,
    }
}

fn list(explorer: &Explorer, lang: Lang, group: Option<&str>, json: bool) -> Result<ExitCode, CliError> {
    let catalog = explorer.catalog();
    let only = match group {
        Some(id) => Some(catalog.group_index(id).ok_or_else(|| unknown_group(catalog, id))?),
        None => None,
    };
    let indices: Vec<usize> = (0..catalog.events().len())
        .filter(|&i| only.is_none_or(|g| catalog.events()[i].group == g))
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> = indices.iter().map(|&i| record(catalog, i, None)).collect();
        write_json(&mut out, &records)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = indices.iter().map(|&i| catalog.events()[i].code.len()).max().unwrap_or(0);
    let sizes = catalog.group_sizes();
    for (group_index, group) in catalog.groups().iter().enumerate() {
        if only.is_some_and(|g| g != group_index) {
            continue;
        }
        writeln!(out, "{} ({}) [{}]", lang.group_label(group), sizes[group_index], group.id)?;
        for event in catalog.events().iter().filter(|e| e.group == group_index) {
            writeln!(out, "  {:<width$}  {}", event.code, lang.event_label(event))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn unknown_group(catalog: &Catalog, id: &str) -> CliError {
    let known: Vec<&str> = catalog.groups().iter().map(|g| g.id.as_str()).collect();
    CliError::Usage(format!("unknown group {id:?} in --group; use one of: {}", known.join(", ")))
}

fn search(explorer: &Explorer, query: &str, limit: Option<usize>, json: bool) -> Result<ExitCode, CliError> {
    let hits = explorer.ranked(&Query::parse(query));
    let hits = &hits[..limit.unwrap_or(hits.len()).min(hits.len())];
    let catalog = explorer.catalog();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> =
            hits.iter().map(|h| record(catalog, h.event, Some(h.found.score))).collect();
        write_json(&mut out, &records)?;
    } else {
        for hit in hits {
            writeln!(out, "{}", catalog.events()[hit.event].code)?;
        }
    }
    out.flush()?;
    // Like grep and fzf --filter: no match is exit 1, so scripts can branch on it.
    Ok(if hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| CliError::Io(e.into()))?;
    writeln!(out)?;
    Ok(())
}

fn serve_clipboard() -> Result<ExitCode, CliError> {
    let mut text = String::new();
    io::Read::read_to_string(&mut io::stdin(), &mut text)?;
    tui::clipboard::serve_clipboard_until_replaced(&text).map_err(|e| CliError::Io(io::Error::other(e)))?;
    Ok(ExitCode::SUCCESS)
}
