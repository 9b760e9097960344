//! The command-line interface as data (clap derive): global options, subcommands and the
//! filter flags shared by `query` (and later by the commands that run queries).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::ColorChoice;
use crate::events::EventFormat;
use crate::filter::{ListStyle, QueryFormat, RangeStyle};
use crate::i18n::Lang;

#[derive(Parser, Debug)]
#[command(
    name = "kommo-events",
    version,
    about = "Find Kommo CRM event types and compose GET /api/v4/events filters.",
    long_about = "Find Kommo CRM event types (in Spanish, English or by code) and compose \
GET /api/v4/events filters.\n\nWith no command, opens the interactive index: Enter prints the \
composed query on stdout (so q=$(kommo-events) works), Ctrl-Y copies it, Esc or Ctrl-C quits \
printing nothing (exit 130). F1 inside lists every key."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// How the explorer reaches the account for Ctrl-X (run the query), as for fetch.
    #[command(flatten)]
    pub connect: ConnectArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command accepts.
#[derive(Args, Debug, Default)]
pub struct GlobalArgs {
    /// Language of labels and messages: es, en or pt [default: from LC_ALL / LC_MESSAGES / LANG
    /// (es*, pt*), else en]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Read settings from this TOML file [default: the platform config dir, or $KOMMO_EVENTS_CONFIG]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Add the event types of FILE (our events.json schema, or a saved Kommo GET /api/v4/events/types answer); repeatable
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Vec<PathBuf>,
    /// Ignore the config file and start with the defaults
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
    /// When to use colours: auto (if NO_COLOR is unset or empty), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorArg,
    /// What Enter prints and Ctrl-Y copies (Ctrl-T cycles it) [default: query, or the config's]
    #[arg(short = 'f', long, value_name = "F", value_enum, ignore_case = true)]
    pub format: Option<QueryFormatArg>,
    /// Open the explorer with this search typed (fzf's --query)
    #[arg(short = 'q', long = "query", value_name = "TEXT")]
    pub search: Option<String>,
    /// How lists are written: comma (filter[type]=a,b) or brackets (filter[type][]=a&filter[type][]=b)
    #[arg(long, global = true, value_name = "STYLE", value_enum)]
    pub list_style: Option<ListStyleArg>,
    /// How created_at ranges are written: comma (filter[created_at]=A,B, the default) or from-to
    /// ([from]=A&[to]=B)
    #[arg(long, global = true, value_name = "STYLE", value_enum)]
    pub range_style: Option<RangeStyleArg>,
    /// Start the explorer with this events URL or query string loaded into the filter
    #[arg(long, value_name = "URL_OR_QUERY")]
    pub load: Option<String>,
    /// Start the explorer with the selection and fields of the last session (also Ctrl-R inside)
    #[arg(long)]
    pub resume: bool,
    /// Read the notes behind calls, SMS and notes (one batched request per entity type and page)
    /// and tell them in words: fetch, tail and the screen's results
    #[arg(long, global = true)]
    pub notes: bool,
    /// Account subdomain for URLs: https://SUBDOMAIN.kommo.com [default: $KOMMO_SUBDOMAIN]
    #[arg(long, global = true, value_name = "NAME")]
    pub subdomain: Option<String>,
    /// Use the named account of the config ([accounts.NAME]) [default: $KOMMO_ACCOUNT, else
    /// the config's default_account]; --subdomain, --base-url, --token-file and KOMMO_TOKEN
    /// still win over its values
    #[arg(long, global = true, value_name = "NAME", value_parser = account_name)]
    pub account: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
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
    /// Build a filter from flags, validate it like the explorer, and print it
    Query {
        #[command(flatten)]
        filter: Box<FilterArgs>,
        /// Print the query even when it breaks a rule (the rules still go to stderr)
        #[arg(long)]
        force: bool,
        /// The account's address for the url, curl and httpie formats, instead of
        /// https://SUBDOMAIN.kommo.com (an amoCRM domain, a proxy)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// How to print the filter [default: query, or the config's]
        #[arg(short = 'f', long, value_name = "F", value_enum, ignore_case = true)]
        format: Option<QueryFormatArg>,
    },
    /// Explain an events URL or query string: one line per filter, and every rule it breaks
    Decode {
        /// A URL (https://x.kommo.com/api/v4/events?…), a path, or a query string, encoded or
        /// not, in either list or range style; `-` reads it from stdin
        input: String,
        /// Print the decoded filter, the detected styles and the problems as JSON
        #[arg(long)]
        json: bool,
        /// Convert: print the decoded filter in this format instead of describing it
        #[arg(short = 'f', long, value_name = "F", value_enum, ignore_case = true)]
        format: Option<QueryFormatArg>,
    },
    /// Run a filter against your account and print the events: JSON lines (default), a JSON
    /// array or CSV (--format jsonl|json|csv), each with its change in words
    Fetch {
        #[command(flatten)]
        filter: Box<FilterArgs>,
        #[command(flatten)]
        connect: ConnectArgs,
        /// Follow _links.next for at most N pages; 0 follows them all
        #[arg(short = 'n', long, value_name = "N", default_value_t = 10)]
        max_pages: u32,
        /// Run the query even when it breaks a rule (the rules still go to stderr)
        #[arg(long)]
        force: bool,
        /// How to print the events
        #[arg(short = 'f', long, value_name = "F", value_enum, ignore_case = true, default_value = "jsonl")]
        format: EventFormatArg,
        /// Go on from where the export in FILE (jsonl or csv, written by fetch with this filter)
        /// stopped: the events older than its oldest, appended to it
        #[arg(long, value_name = "FILE")]
        resume: Option<PathBuf>,
        /// The live progress line on stderr: auto (when stderr is a terminal) or never
        #[arg(long, value_name = "WHEN", value_enum, ignore_case = true, default_value = "auto")]
        progress: super::fetch::ProgressChoice,
    },
    /// Follow new events as they happen: JSON lines when piped, a live pane on a terminal
    /// (newest at the top, a filter line, Enter for the JSON); Ctrl-C stops (exit 130, SIGTERM 143)
    Tail {
        #[command(flatten)]
        filter: Box<FilterArgs>,
        #[command(flatten)]
        connect: ConnectArgs,
        /// Seconds between polls
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
        interval: f64,
        /// Stop after N polls (for tests)
        #[arg(long, value_name = "N", hide = true)]
        max_polls: Option<u32>,
        /// On a terminal, print one readable line per event instead of the live pane
        #[arg(long)]
        plain: bool,
        /// Follow even when the filter breaks a rule (the rules still go to stderr)
        #[arg(long)]
        force: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish): every
    /// command, flag and the choices of typed flags. bash: source <(kommo-events completions bash)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): kommo-events man > kommo-events.1; man -l kommo-events.1
    Man,
    /// The account's own names: event types, users, pipelines, custom fields, catalogs
    Account {
        #[command(subcommand)]
        action: AccountCommand,
    },
    /// Keeps the X11 clipboard alive after the screen exits (started by the program itself)
    #[command(name = "__serve-clipboard", hide = true)]
    ServeClipboard,
}

/// What `account` does.
#[derive(Subcommand, Debug)]
pub enum AccountCommand {
    /// Fetch the names from the account (or read them from --account-dir) and save them in the
    /// cache, where fetch, tail and account show find them
    Refresh {
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// Print the saved names
    Show {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        connect: ConnectArgs,
    },
    /// List the config's named accounts ([accounts.NAME]): the one in use marked with *, its
    /// address, and whether its token is found
    List {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Make NAME the default account (writes default_account into the config file)
    Use {
        /// An account of `account list`
        #[arg(value_parser = account_name)]
        name: String,
    },
}

/// How to reach the account. The subdomain is the global --subdomain (or $KOMMO_SUBDOMAIN); the
/// token is $KOMMO_TOKEN unless --token-file says otherwise.
#[derive(Args, Debug, Default, Clone)]
pub struct ConnectArgs {
    /// Read the token from this file instead of $KOMMO_TOKEN
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Use this address instead of https://SUBDOMAIN.kommo.com (amoCRM domains, a proxy, tests)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Allow plain http:// to a host other than this machine (the token travels readable)
    #[arg(long)]
    pub insecure: bool,
    /// Seconds one request may take, answer included [default: 30]
    #[arg(long, value_name = "SECONDS", value_parser = timeout_seconds)]
    pub timeout: Option<f64>,
    /// Retries after 429, 5xx, timeouts and dropped connections [default: 3]
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,
    /// Read the account's names from the saved answers in DIR instead of the cache
    #[arg(long, value_name = "DIR")]
    pub account_dir: Option<PathBuf>,
    /// Requests per second to take from the account's 7, shared by every kommo-events on this
    /// machine (leave room for the account's other integrations) [default: 7]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=7))]
    pub rps: Option<u32>,
}

/// The filter as flags; repeatable where the API takes lists, and each list flag also takes
/// a comma list.
#[derive(Args, Debug, Default, Clone)]
pub struct FilterArgs {
    /// filter[type]: an event type code (repeatable, or a comma list)
    #[arg(short = 't', long = "type", value_name = "CODE")]
    pub types: Vec<String>,
    /// filter[entity]: lead, contact, company, task, customer or catalog_ID
    #[arg(long, value_name = "E")]
    pub entity: Vec<String>,
    /// filter[entity_id]: up to 10 ids, with exactly one --entity
    #[arg(long, value_name = "N")]
    pub entity_id: Vec<String>,
    /// filter[created_by]: up to 10 user ids (0 = robot)
    #[arg(long, value_name = "N")]
    pub created_by: Vec<String>,
    /// filter[created_at][from]: YYYY-MM-DD[ HH:MM[:SS]], local time unless Z or ±HH:MM, Unix
    /// seconds, or words: today, yesterday, -7d, -24h, this/last week, this/last month (es: hoy,
    /// ayer, semana pasada, mes pasado…); a span alone (no --created-to) means all of it
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub created_from: Option<String>,
    /// filter[created_at][to]: like --created-from; a date alone means the end of that day
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub created_to: Option<String>,
    /// filter[id]: event ids
    #[arg(long = "id", value_name = "ID")]
    pub ids: Vec<String>,
    /// filter[value_before][leads_statuses]: PIPELINE:STAGE (with lead_status_changed)
    #[arg(long, value_name = "P:S")]
    pub status_before: Vec<String>,
    /// filter[value_after][leads_statuses]: PIPELINE:STAGE (with lead_status_changed)
    #[arg(long, value_name = "P:S")]
    pub status_after: Vec<String>,
    /// filter[value_before][customers_statuses]: customer stage ids (with customer_status_changed, amoCRM)
    #[arg(long, value_name = "N")]
    pub customer_status_before: Vec<String>,
    /// filter[value_after][customers_statuses]: customer stage ids (with customer_status_changed, amoCRM)
    #[arg(long, value_name = "N")]
    pub customer_status_after: Vec<String>,
    /// filter[value_before][responsible_user_id] (with entity_responsible_changed)
    #[arg(long, value_name = "N")]
    pub responsible_before: Vec<String>,
    /// filter[value_after][responsible_user_id] (with entity_responsible_changed)
    #[arg(long, value_name = "N")]
    pub responsible_after: Vec<String>,
    /// filter[value_before][custom_field_values]: enum ids (with one custom_field_ID_value_changed)
    #[arg(long, value_name = "N")]
    pub enum_before: Vec<String>,
    /// filter[value_after][custom_field_values]: enum ids (with one custom_field_ID_value_changed)
    #[arg(long, value_name = "N")]
    pub enum_after: Vec<String>,
    /// filter[value_before][value]: an exact value (NPS, sale, name, LTV, custom field changes)
    #[arg(long, value_name = "V")]
    pub value_before: Option<String>,
    /// filter[value_after][value]: an exact value (NPS, sale, name, LTV, custom field changes)
    #[arg(long, value_name = "V")]
    pub value_after: Option<String>,
    /// with: contact_name, lead_name, company_name, catalog_name, catalog_element_name, customer_name, note
    #[arg(long = "with", value_name = "NAME")]
    pub with: Vec<String>,
    /// limit: events per page (warned above 100)
    #[arg(long, value_name = "N")]
    pub limit: Option<String>,
    /// page: page number, from 1
    #[arg(long, value_name = "N")]
    pub page: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(arg: ColorArg) -> ColorChoice {
        match arg {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// A query format (`--format` of the explorer, `query` and `decode`): clap lists, completes and
/// rejects the choices itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormatArg {
    Query,
    Encoded,
    Url,
    Curl,
    /// HTTPie's command (also `http`, its name)
    #[value(alias = "http")]
    Httpie,
    Json,
    /// PHP on the official amocrm/amocrm-api-php SDK
    Php,
    /// A Python program (requests)
    #[value(alias = "py")]
    Python,
    /// A JavaScript program for Node 18+ (fetch)
    #[value(alias = "javascript", alias = "node")]
    Js,
}

impl From<QueryFormatArg> for QueryFormat {
    fn from(arg: QueryFormatArg) -> QueryFormat {
        match arg {
            QueryFormatArg::Query => QueryFormat::Query,
            QueryFormatArg::Encoded => QueryFormat::Encoded,
            QueryFormatArg::Url => QueryFormat::Url,
            QueryFormatArg::Curl => QueryFormat::Curl,
            QueryFormatArg::Httpie => QueryFormat::Httpie,
            QueryFormatArg::Json => QueryFormat::Json,
            QueryFormatArg::Php => QueryFormat::Php,
            QueryFormatArg::Python => QueryFormat::Python,
            QueryFormatArg::Js => QueryFormat::Js,
        }
    }
}

/// `fetch --format`: how the events are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EventFormatArg {
    Jsonl,
    Json,
    Csv,
}

impl From<EventFormatArg> for EventFormat {
    fn from(arg: EventFormatArg) -> EventFormat {
        match arg {
            EventFormatArg::Jsonl => EventFormat::Jsonl,
            EventFormatArg::Json => EventFormat::Json,
            EventFormatArg::Csv => EventFormat::Csv,
        }
    }
}

/// `--list-style`: clap lists, completes and rejects the choices itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListStyleArg {
    Comma,
    Brackets,
}

impl From<ListStyleArg> for ListStyle {
    fn from(arg: ListStyleArg) -> ListStyle {
        match arg {
            ListStyleArg::Comma => ListStyle::Comma,
            ListStyleArg::Brackets => ListStyle::Brackets,
        }
    }
}

/// `--range-style`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RangeStyleArg {
    Comma,
    FromTo,
}

impl From<RangeStyleArg> for RangeStyle {
    fn from(arg: RangeStyleArg) -> RangeStyle {
        match arg {
            RangeStyleArg::Comma => RangeStyle::Comma,
            RangeStyleArg::FromTo => RangeStyle::FromTo,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Es,
    En,
    /// Portuguese (Brazil)
    Pt,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Es => Lang::Es,
            LangArg::En => Lang::En,
            LangArg::Pt => Lang::Pt,
        }
    }
}

/// `--account`: a name an `[accounts.NAME]` section can have (so nothing odd reaches the terminal).
fn account_name(text: &str) -> Result<String, String> {
    if crate::config::accounts::is_account_name(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{}: an account name is letters, digits, '-', '_' or '.', at most 40 characters (kommo-events account list shows them)",
            crate::text::snippet(text, 40)
        ))
    }
}

/// `--timeout`: a finite number of seconds in the range one request can sensibly take (`nan`,
/// `inf` and `1e20` are refused here, before any arithmetic sees them).
fn timeout_seconds(text: &str) -> Result<f64, String> {
    const RANGE: std::ops::RangeInclusive<f64> = 0.05..=3600.0;
    match text.trim().parse::<f64>() {
        Ok(seconds) if RANGE.contains(&seconds) => Ok(seconds),
        _ => Err(format!(
            "{}: give the seconds one request may take, from {} to {}, e.g. 30",
            crate::text::snippet(text, 40),
            RANGE.start(),
            RANGE.end()
        )),
    }
}
