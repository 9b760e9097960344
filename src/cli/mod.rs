//! The command line: the screen by default, and the scriptable commands, which use the same
//! catalog, matcher, parsers, rules and encoder as the screen.

mod account_names;
mod account_profiles;
mod args;
mod commands;
mod connect;
mod error;
mod fetch;
mod query;
mod resume;
mod settings;
mod tail;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;

use crate::account::store::AccountDir;
use crate::account::Account;
use crate::api::{ApiError, Client};
use crate::filter::format::QueryFormat;
use crate::i18n::cli_messages::{self, state_warning, StateWarning};
use crate::i18n::Lang;
use crate::search::index::TypeIndex;
use crate::state::Store;
use crate::tui::action::Action;
use crate::tui::app::{App, Start};
use crate::tui::refresher::NamesSource;
use crate::tui::update::update;
use crate::tui::{self, clipboard::SystemClipboard};

pub use account_profiles::TokenState;
pub use args::{AccountCommand, Cli, Command, ConnectArgs, FilterArgs, GlobalArgs};
pub use error::{AccountSetup, CliError, Usage, EXIT_USAGE};
pub use resume::{LineProblem, ResumeError};
pub use settings::{resolve, ChosenAccount, ChosenBy, Resolved};

/// Exit code for a cancelled screen (Esc, Ctrl-C), as fzf.
const EXIT_INTERRUPTED: u8 = 130;

/// Parses the arguments and runs what they ask for.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // The flag or the locale until the config is read; then the settings' language.
    let mut lang = match cli.global.lang {
        Some(flag) => flag.into(),
        None => Lang::from_locale(|name| std::env::var(name).ok()),
    };
    match dispatch(cli, &mut lang) {
        Ok(code) => code,
        // `kommo-events list | head` closes the pipe early; that is the reader's choice, not an error.
        Err(CliError::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kommo-events: {}", cli_messages::error(&error, lang));
            ExitCode::from(error.exit_code())
        }
    }
}

fn dispatch(cli: Cli, lang: &mut Lang) -> Result<ExitCode, CliError> {
    match cli.command {
        Some(Command::ServeClipboard) => return commands::serve_clipboard(),
        Some(Command::Completions { shell }) => {
            let mut out = io::stdout().lock();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "kommo-events",
                &mut out,
            );
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(Command::Man) => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    // The screen's and query's --format choose the query format; decode's converts, and only
    // when given (not from the config's default); fetch's is an event format.
    let query_format = match &cli.command {
        None => cli.global.format,
        Some(Command::Query { format, .. }) => *format,
        _ => None,
    };
    let settings =
        resolve(&cli.global, query_format.map(QueryFormat::from), &|name| std::env::var(name).ok())?;
    *lang = settings.lang;
    // The config's catalogs first, then --catalog, each adding to the built-in one.
    let paths: Vec<&std::path::Path> =
        settings.catalogs.iter().chain(&cli.global.catalog).map(|path| path.as_path()).collect();
    let mut catalog = crate::catalog::load(&paths).map_err(CliError::Catalog)?;
    // The account's own types join the catalog before it is prepared for searching, when its
    // names are saved: the screen, `list` and `search` show them alike, and the filter commands
    // know its types (no "unknown type" for an account's own).
    let no_connect = ConnectArgs::default();
    let names_from = match &cli.command {
        None => Some(&cli.connect),
        Some(
            Command::List { .. } | Command::Search { .. } | Command::Query { .. } | Command::Decode { .. },
        ) => Some(&no_connect),
        Some(Command::Fetch { connect, .. } | Command::Tail { connect, .. }) => Some(connect),
        _ => None,
    };
    let account = names_from.map(|connect| saved_names(connect, &settings)).unwrap_or_default();
    let account_codes = catalog.add_account_types(account.catalog_types());
    // The process ends right after the command: freeing a million types one by one would cost
    // ~100 ms that the operating system does at once, so the catalog is never dropped.
    let index = std::mem::ManuallyDrop::new(TypeIndex::new(catalog));
    match cli.command {
        None => {
            let index = std::mem::ManuallyDrop::into_inner(index);
            run_screen(ScreenStart { index, account, account_codes }, &settings, &cli.global, &cli.connect)
        }
        Some(Command::List { group, json }) => commands::list(&index, settings.lang, group.as_deref(), json),
        Some(Command::Search { query, limit, json }) => commands::search(&index, &query, limit, json),
        Some(Command::Query { filter, force, base_url, .. }) => {
            let mut settings = settings.clone();
            if let Some(url) = base_url {
                settings.base_url = Some(checked_base_url(&url)?);
            }
            commands::query(&filter, force, &settings, index.catalog())
        }
        Some(Command::Decode { input, json, format }) => {
            let format = format.map(QueryFormat::from);
            let list_style = cli.global.list_style.map(crate::filter::ListStyle::from);
            let input = commands::DecodeInput { text: &input, json, format, list_style };
            commands::decode(&input, &settings, index.catalog())
        }
        Some(Command::Fetch { filter, connect, max_pages, force, format, resume, progress }) => {
            let options = fetch::FetchOptions { max_pages, force, format: format.into(), resume, progress };
            fetch::fetch(&filter, &connect, options, &settings, index.catalog(), account)
        }
        Some(Command::Tail { filter, connect, interval, max_polls, plain, force }) => {
            let options = tail::TailOptions { interval, max_polls, force, plain };
            let index = std::mem::ManuallyDrop::into_inner(index);
            tail::tail(&filter, &connect, options, &settings, index, account)
        }
        Some(Command::Account { action }) => account_names::account(&action, &settings),
        Some(Command::ServeClipboard) => commands::serve_clipboard(),
        Some(Command::Completions { .. } | Command::Man) => Ok(ExitCode::SUCCESS),
    }
}

/// The account's names saved for the account these flags and settings name (the cache, or
/// `--account-dir`); none when there are none.
/// `--base-url` of `query`, checked as `fetch` checks it, written back in its canonical form.
fn checked_base_url(url: &str) -> Result<String, CliError> {
    crate::api::BaseUrl::parse(url, true)
        .map(|base| base.as_str())
        .map_err(|error| CliError::Usage(Usage::BaseUrl(error)))
}

fn saved_names(connect_args: &ConnectArgs, settings: &Resolved) -> Account {
    let base = connect::base_url(connect_args, settings).ok();
    connect::names(connect_args, base.as_ref(), settings.lang)
}

/// What the screen starts with: the catalog prepared for searching, with the account's types
/// (their codes, so new names can replace them) and the names themselves.
struct ScreenStart {
    index: TypeIndex,
    account: Account,
    account_codes: Vec<String>,
}

fn run_screen(
    start: ScreenStart,
    settings: &Resolved,
    global: &GlobalArgs,
    connect_args: &ConnectArgs,
) -> Result<ExitCode, CliError> {
    let (resume, load) = (global.resume, global.load.as_deref());
    let base = connect::base_url(connect_args, settings).ok();
    let mut screen = settings.screen_at(base.as_ref());
    if let Some(base) = base {
        screen.output.encode = connect::encode_for(settings, &base);
        if connect_args.base_url.is_some() || settings.base_url.is_some() {
            screen.output.base_url = Some(base.as_str());
        }
    }
    if let Some(size) = tui::first_frame_size() {
        tui::draw_first_frame(App::new(start.index, screen, Start::default(), size, Instant::now()))?;
        return Ok(ExitCode::SUCCESS);
    }
    if !tui::terminal_available() {
        return Err(Usage::NoTerminal.into());
    }
    let (client, names, blocked) = screen_client(connect_args, settings);
    let mut opening = Start {
        account: start.account,
        account_codes: start.account_codes,
        names_blocked: if names.is_some() { None } else { blocked.clone() },
        run_blocked: blocked,
        ..Start::default()
    };
    let store = Store::from_env();
    if let Some(store) = &store {
        load_saved_state(&mut opening, store, settings.lang);
    }
    let mut app = App::new(start.index, screen, opening, (80, 24), Instant::now());
    if resume {
        match app.last_session().cloned() {
            Some(snapshot) => {
                update(&mut app, Action::Restore(snapshot));
            }
            None => return Err(Usage::NoSavedSession.into()),
        }
    }
    if let Some(query) = load {
        update(&mut app, Action::Load(query.to_string()));
    }
    if let Some(text) = &global.search {
        update(&mut app, Action::Edit(crate::tui::input::Edit::Paste(text.clone())));
    }
    let mut clipboard = SystemClipboard::from_env();
    match tui::explore(app, &mut clipboard, store.as_ref(), client, names)? {
        tui::Outcome::Accepted { query, problems } => {
            for problem in problems {
                eprintln!("kommo-events: warning: {problem}");
            }
            let mut stdout = io::stdout().lock();
            writeln!(stdout, "{query}")?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        ending => Ok(ending_code(&ending)),
    }
}

/// The exit code of a screen that ended without accepting a query: 130 for Esc and Ctrl-C, and
/// for a signal what a shell reports for a killed program (143 SIGTERM, 129 SIGHUP).
fn ending_code(outcome: &tui::Outcome) -> ExitCode {
    match outcome {
        tui::Outcome::Signalled(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        tui::Outcome::Accepted { .. } | tui::Outcome::Cancelled => ExitCode::from(EXIT_INTERRUPTED),
    }
}

/// The client Ctrl-X runs queries with, from the same flags and environment as `fetch`, or the
/// reason there is none (the screen tells the user what to set). F7 gets the account's names again
/// from where they were read at start: `--account-dir`, else the account through the client.
fn screen_client(
    connect_args: &ConnectArgs,
    settings: &Resolved,
) -> (Option<Arc<Client>>, Option<NamesSource>, Option<ApiError>) {
    let base = connect::base_url(connect_args, settings);
    let (client, blocked) = match connect::connection(connect_args, settings, &connect::env) {
        Ok(connection) => {
            let limiter = connect::limiter(connect_args, settings, &connection.base);
            (Some(Arc::new(Client::new(connection, limiter))), None)
        }
        Err(error) => (None, Some(error)),
    };
    let names = match (&connect_args.account_dir, &client, &base) {
        (Some(dir), _, _) => Some(NamesSource::Files(AccountDir::new(dir))),
        (None, Some(client), Ok(base)) => Some(NamesSource::Account {
            client: Arc::clone(client),
            cache: connect::names_dir(connect_args, Some(base), &connect::env),
            base_url: base.as_str(),
        }),
        _ => None,
    };
    (client, names, blocked)
}

/// Gives the screen the recent queries and the last session. Unreadable state files are reported
/// and skipped: they must not keep the explorer from starting.
fn load_saved_state(opening: &mut Start, store: &Store, lang: Lang) {
    match store.load_history() {
        Ok(history) => opening.history = history,
        Err(error) => {
            eprintln!("kommo-events: {}", state_warning(StateWarning::HistoryNotLoaded, &error, lang))
        }
    }
    match store.load_session() {
        Ok(session) => opening.last_session = session,
        Err(error) => {
            eprintln!("kommo-events: {}", state_warning(StateWarning::SessionNotLoaded, &error, lang))
        }
    }
}
