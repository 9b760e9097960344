//! `kommo-events account list` and `account use NAME`: the config's named accounts, which one is
//! in use, whether its token is found, and which one is the default.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use crate::api::{BaseUrl, Token};
use crate::config::{self, AccountProfile, Address, TokenSource};
use crate::i18n::cli_messages;

use super::connect::{self, TOKEN_ENV};
use super::settings::{ChosenBy, Resolved};
use super::{CliError, Usage};

/// Whether an account's token can be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenState {
    Found,
    /// Found in a file the group or others can read.
    FoundOpen,
    /// The file or the variable holds no token (empty, or spaces inside).
    Empty,
    /// No such file.
    Missing,
    /// The file cannot be read (permissions, a directory, too large).
    Unreadable,
    /// The variable is not set.
    NotSet,
}

impl TokenState {
    pub fn is_found(self) -> bool {
        matches!(self, TokenState::Found | TokenState::FoundOpen)
    }
}

/// `account list`: one line per account, `*` before the one in use.
pub fn list(settings: &Resolved, json: bool) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    let current = settings.account.as_ref().map(|chosen| chosen.profile.name.as_str());
    let mut out = io::stdout().lock();
    if json {
        let accounts: Vec<serde_json::Value> = settings
            .accounts
            .iter()
            .map(|account| {
                let (kind, value) = match &account.token {
                    TokenSource::File(path) => ("token_file", path.display().to_string()),
                    TokenSource::Env(variable) => ("token_env", variable.clone()),
                    TokenSource::Default => ("token_env", TOKEN_ENV.to_string()),
                };
                let mut entry = json!({
                    "name": account.name,
                    "current": Some(account.name.as_str()) == current,
                    "default": settings.default_account.as_deref() == Some(account.name.as_str()),
                    "address": address(account),
                    "token_found": token_state(&account.token, &connect::env).is_found(),
                });
                entry[kind] = json!(value);
                entry
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&accounts).map_err(io::Error::other)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(first) = settings.accounts.first() else {
        let path = settings.config_path.as_deref().map(|path| path.display().to_string());
        writeln!(io::stderr(), "kommo-events: {}", cli_messages::no_accounts(path.as_deref(), lang))?;
        return Ok(ExitCode::SUCCESS);
    };
    let name_width =
        settings.accounts.iter().map(|account| account.name.len()).max().unwrap_or(first.name.len());
    let addresses: Vec<String> = settings.accounts.iter().map(address).collect();
    let address_width = addresses.iter().map(|address| address.chars().count()).max().unwrap_or(0);
    for (account, address) in settings.accounts.iter().zip(&addresses) {
        let mark = if Some(account.name.as_str()) == current { '*' } else { ' ' };
        let source = token_source(&account.token);
        let state = cli_messages::token_state(token_state(&account.token, &connect::env), lang);
        let source = crate::text::printable(&source);
        writeln!(out, "{mark} {:name_width$}  {address:address_width$}  {source}: {state}", account.name)?;
    }
    if let Some(chosen) = &settings.account {
        writeln!(out, "{}", cli_messages::account_in_use(&chosen.profile.name, chosen.chosen_by, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `account use NAME`: writes `default_account = "NAME"` into the config file, keeping the rest of
/// it as written.
pub fn use_account(settings: &Resolved, name: &str) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    let unknown = |config: Option<&Path>| {
        CliError::Usage(Usage::UnknownAccount {
            name: name.to_string(),
            chosen_by: ChosenBy::Flag,
            known: settings.accounts.iter().map(|account| account.name.clone()).collect(),
            config: config.map(Path::to_path_buf),
        })
    };
    let Some(path) = settings.config_path.as_deref() else { return Err(unknown(None)) };
    if !settings.accounts.iter().any(|account| account.name == name) {
        return Err(unknown(Some(path)));
    }
    // A config kept in a dotfiles folder is often a link: the file it points to is changed.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let text = std::fs::read_to_string(&target)?;
    let changed = config::accounts::with_default_account(&text, name).map_err(io::Error::other)?;
    let (dir, file) = match (target.parent(), target.file_name()) {
        (Some(dir), Some(file)) => (dir, file.to_string_lossy().into_owned()),
        _ => return Err(io::Error::other(format!("{}: not a file path", target.display())).into()),
    };
    crate::files::write_atomic(dir, &file, changed.as_bytes())?;
    writeln!(io::stdout(), "{}", cli_messages::default_account_set(name, &path.display().to_string(), lang))?;
    Ok(ExitCode::SUCCESS)
}

/// The account's address as a URL.
fn address(account: &AccountProfile) -> String {
    match &account.address {
        Address::Subdomain(subdomain) => {
            BaseUrl::for_subdomain(subdomain).map_or_else(|_| subdomain.clone(), |base| base.as_str())
        }
        Address::BaseUrl(url) => url.clone(),
    }
}

/// Where the token comes from, as the config says it: `token_file PATH`, `$VARIABLE`.
fn token_source(source: &TokenSource) -> String {
    match source {
        TokenSource::File(path) => format!("token_file {}", path.display()),
        TokenSource::Env(variable) => format!("${variable}"),
        TokenSource::Default => format!("${TOKEN_ENV}"),
    }
}

/// Whether the token can be read, without reading more than a token's worth or showing it.
fn token_state(source: &TokenSource, env: &dyn Fn(&str) -> Option<String>) -> TokenState {
    match source {
        TokenSource::File(path) => match connect::read_token_file(path) {
            Ok(text) if Token::new(&text).is_some() => {
                if connect::others_can_read(path) {
                    TokenState::FoundOpen
                } else {
                    TokenState::Found
                }
            }
            Ok(_) => TokenState::Empty,
            Err(crate::files::ReadError::Missing) => TokenState::Missing,
            Err(_) => TokenState::Unreadable,
        },
        TokenSource::Env(variable) => variable_state(env(variable)),
        TokenSource::Default => variable_state(env(TOKEN_ENV)),
    }
}

fn variable_state(value: Option<String>) -> TokenState {
    match value {
        Some(text) if Token::new(&text).is_some() => TokenState::Found,
        Some(_) => TokenState::Empty,
        None => TokenState::NotSet,
    }
}
