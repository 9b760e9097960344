//! From flags and environment to a connection: which account (`--base-url`, else the subdomain
//! from `--subdomain`, `KOMMO_SUBDOMAIN`, the named account or the config), which token
//! (`--token-file`, else `KOMMO_TOKEN`, else the named account's `token_file` or `token_env`), and
//! where the account's names are (`--account-dir`, else the cache).

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use crate::account::store::{cache_root, AccountDir};
use crate::account::Account;
use crate::api::{
    ApiError, BaseUrl, Connection, Limiter, SharedBudget, Token, KOMMO_MAX_PER_WINDOW, KOMMO_WINDOW,
};
use crate::config::TokenSource;
use crate::filter::{EncodeOptions, RangeStyle};
use crate::i18n::{api_messages, cli_messages, Lang};

use super::args::ConnectArgs;
use super::settings::Resolved;
use super::EXIT_USAGE;

/// The environment variable with the token.
pub const TOKEN_ENV: &str = "KOMMO_TOKEN";

/// Reads an environment variable (the commands' one way to the environment).
/// The largest token file read.
const TOKEN_FILE_LIMIT: u64 = 64 * 1024;

pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The account's base URL: `--base-url`, else `https://{subdomain}.kommo.com`.
pub fn base_url(connect: &ConnectArgs, settings: &Resolved) -> Result<BaseUrl, ApiError> {
    if let Some(url) = connect.base_url.as_ref().or(settings.base_url.as_ref()) {
        return BaseUrl::parse(url, connect.insecure);
    }
    match settings.subdomain.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(subdomain) => BaseUrl::for_subdomain(subdomain),
        None => Err(ApiError::NoAccount),
    }
}

/// Where the token was read from, for the warnings about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenFrom {
    /// `--token-file`.
    FileFlag(std::path::PathBuf),
    /// `KOMMO_TOKEN`.
    KommoToken,
    /// The named account's `token_file`.
    AccountFile(std::path::PathBuf),
    /// The named account's `token_env`.
    AccountVariable,
}

/// The token: the file's content with `--token-file`, else `KOMMO_TOKEN`, else the named
/// account's `token_file` or `token_env` (an empty `KOMMO_TOKEN` then counts as unset).
pub fn token(
    connect: &ConnectArgs,
    settings: &Resolved,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Token, TokenFrom), ApiError> {
    if let Some(path) = &connect.token_file {
        let shown = path.display().to_string();
        let text = read_token_file(path)
            .map_err(|error| ApiError::TokenFile { path: shown.clone(), reason: error.to_string() })?;
        let token = Token::new(&text).ok_or(ApiError::TokenFile { path: shown, reason: String::new() })?;
        return Ok((token, TokenFrom::FileFlag(path.clone())));
    }
    let own = settings.account.as_ref().map(|chosen| (&chosen.profile.name, &chosen.profile.token));
    let own = own.filter(|(_, source)| **source != TokenSource::Default);
    match (env(TOKEN_ENV), own) {
        (Some(text), own) if own.is_none() || !text.trim().is_empty() => {
            Token::new(&text).map(|token| (token, TokenFrom::KommoToken)).ok_or(ApiError::BadToken)
        }
        (_, Some((account, TokenSource::File(path)))) => {
            let error = |reason: String| ApiError::AccountTokenFile {
                account: account.clone(),
                path: path.display().to_string(),
                reason,
            };
            let text = read_token_file(path).map_err(|failure| error(failure.to_string()))?;
            let token = Token::new(&text).ok_or_else(|| error(String::new()))?;
            Ok((token, TokenFrom::AccountFile(path.clone())))
        }
        (_, Some((account, TokenSource::Env(variable)))) => env(variable)
            .and_then(|text| Token::new(&text))
            .map(|token| (token, TokenFrom::AccountVariable))
            .ok_or_else(|| ApiError::AccountTokenEnv {
                account: account.clone(),
                variable: variable.clone(),
            }),
        _ => Err(ApiError::NoToken),
    }
}

/// A token file's text. A token is a few hundred bytes; the bound stops a wrong path (a device,
/// a log) at once.
pub fn read_token_file(path: &std::path::Path) -> Result<String, crate::files::ReadError> {
    crate::files::read_text(path, TOKEN_FILE_LIMIT)
}

/// Says once on stderr that `--token-file` or `KOMMO_TOKEN` is used instead of the token the named
/// account names: the token of one account must not go, unnoticed, to another.
fn note_token_override(settings: &Resolved, from: &TokenFrom) {
    let Some(chosen) = &settings.account else { return };
    let winner = match from {
        TokenFrom::FileFlag(_) => "--token-file",
        TokenFrom::KommoToken => TOKEN_ENV,
        TokenFrom::AccountFile(_) | TokenFrom::AccountVariable => return,
    };
    let source = match &chosen.profile.token {
        TokenSource::Default => return,
        TokenSource::File(_) => "token_file",
        TokenSource::Env(_) => "token_env",
    };
    eprintln!(
        "kommo-events: note: {}",
        cli_messages::token_overrides_account(winner, &chosen.profile.name, source, settings.lang)
    );
}

/// The permission bits of a file the group or others can read (`None`: only its owner can, or
/// this system has no such bits).
fn open_mode(path: &std::path::Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether the group or others can read the token file at `path`.
pub fn others_can_read(path: &std::path::Path) -> bool {
    open_mode(path).is_some()
}

/// A token file that the group or others can read draws a warning on stderr, once, as ssh does
/// for a private key: the token is the account's password.
fn warn_if_others_can_read(path: &std::path::Path, lang: Lang) {
    static WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if let Some(mode) = open_mode(path) {
        if !WARNED.swap(true, std::sync::atomic::Ordering::SeqCst) {
            eprintln!(
                "kommo-events: warning: {}",
                cli_messages::token_file_open(&path.display().to_string(), mode, lang)
            );
        }
    }
}

/// Everything needed to make requests.
pub fn connection(
    connect: &ConnectArgs,
    settings: &Resolved,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Connection, ApiError> {
    let base = base_url(connect, settings)?;
    let (token, from) = token(connect, settings, env)?;
    let mut connection = Connection::new(base, token);
    note_token_override(settings, &from);
    if let TokenFrom::FileFlag(path) | TokenFrom::AccountFile(path) = &from {
        warn_if_others_can_read(path, settings.lang);
    }
    if let Some(seconds) = connect.timeout {
        connection.timeout = Duration::from_secs_f64(seconds.clamp(0.05, 3600.0));
    }
    if let Some(retries) = connect.retries {
        connection.retries = retries.min(10);
    }
    Ok(connection)
}

/// The request budget for the account at `base`: `--rps` (or the config's `rps`, else Kommo's 7)
/// in any window, shared through the state directory with every other kommo-events on this
/// machine that talks to the same account.
pub fn limiter(connect: &ConnectArgs, settings: &Resolved, base: &BaseUrl) -> std::sync::Arc<Limiter> {
    let rps = connect.rps.or(settings.rps).map_or(KOMMO_MAX_PER_WINDOW, |rps| rps as usize);
    let limiter = Limiter::new(rps, KOMMO_WINDOW);
    let limiter = match crate::state::state_dir() {
        Some(dir) => {
            limiter.sharing(SharedBudget::in_state_dir(&dir, &base.account_key(), rps, KOMMO_WINDOW))
        }
        None => limiter,
    };
    std::sync::Arc::new(limiter)
}

/// Where the names are read from: `--account-dir`, else the account's cache directory.
pub fn names_dir(
    connect: &ConnectArgs,
    base: Option<&BaseUrl>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<AccountDir> {
    if let Some(dir) = &connect.account_dir {
        return Some(AccountDir::new(dir));
    }
    Some(AccountDir::in_cache(&cache_root(env)?, &base?.account_key()))
}

/// The account's own cache directory (never an `--account-dir`, which is the user's folder).
fn account_cache(base: &BaseUrl) -> Option<AccountDir> {
    AccountDir::cache_of(base, &env)
}

/// How requests to the account at `base` are written: the settings, with the range form the
/// account was found to take unless `--range-style` or the config chose one.
pub fn encode_for(settings: &Resolved, base: &BaseUrl) -> EncodeOptions {
    let mut encode = settings.encode;
    if !settings.range_style_chosen {
        if let Some(style) = account_cache(base).and_then(|dir| dir.range_style()) {
            encode.range_style = style;
        }
    }
    encode
}

/// Says on stderr that the account refused one range form and took `style`, and remembers it for
/// the next run (a cache that cannot be written is a warning).
pub fn range_retried(base: &BaseUrl, style: RangeStyle, lang: Lang) {
    eprintln!("kommo-events: {}", api_messages::range_retried(style, lang));
    let saved = account_cache(base).map(|dir| dir.remember_range_style(style));
    if let Some(Err(error)) = saved {
        eprintln!(
            "kommo-events: warning: {}",
            api_messages::account_file(&cli_messages::account_error(&error, lang), lang)
        );
    }
}

/// The account's names for describing events and for the composer's pickers; an unreadable file is
/// a warning, and ids are then shown as ids. Without an address only `--account-dir` can give them.
pub fn names(connect: &ConnectArgs, base: Option<&BaseUrl>, lang: Lang) -> Account {
    let Some(dir) = names_dir(connect, base, &env) else {
        return Account::default();
    };
    match dir.load() {
        Ok(loaded) => loaded.account,
        Err(error) => {
            eprintln!("kommo-events: warning: {}", api_messages::account_file(&error.to_string(), lang));
            Account::default()
        }
    }
}

/// Prints an error on stderr and gives its exit code: 2 for how the program was started (flags,
/// environment), 1 for what the account or the network answered.
pub fn report(error: &ApiError, lang: Lang) -> ExitCode {
    let _ = writeln!(io::stderr().lock(), "kommo-events: error: {}", error.message(lang));
    if error.is_setup() {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::GlobalArgs;
    use crate::cli::settings::resolve;

    fn settings(subdomain: Option<&str>) -> Resolved {
        let global =
            GlobalArgs { no_config: true, subdomain: subdomain.map(str::to_owned), ..GlobalArgs::default() };
        resolve(&global, None, &|_| None).unwrap()
    }

    #[test]
    fn the_base_url_flag_wins_over_the_subdomain() {
        let connect = ConnectArgs { base_url: Some("http://127.0.0.1:9".into()), ..ConnectArgs::default() };
        assert_eq!(base_url(&connect, &settings(Some("acme"))).unwrap().as_str(), "http://127.0.0.1:9");
        let plain = ConnectArgs::default();
        assert_eq!(base_url(&plain, &settings(Some("acme"))).unwrap().as_str(), "https://acme.kommo.com");
        assert_eq!(base_url(&plain, &settings(None)), Err(ApiError::NoAccount));
    }

    #[test]
    fn the_token_comes_from_the_file_or_the_environment() {
        let env = |name: &str| (name == TOKEN_ENV).then(|| "from-env".to_string());
        let plain = settings(None);
        assert_eq!(
            token(&ConnectArgs::default(), &plain, &env).map(|(_, from)| from),
            Ok(TokenFrom::KommoToken)
        );
        assert_eq!(token(&ConnectArgs::default(), &plain, &|_| None), Err(ApiError::NoToken));
        assert_eq!(token(&ConnectArgs::default(), &plain, &|_| Some(" ".into())), Err(ApiError::BadToken));
        let missing = ConnectArgs { token_file: Some("/nonexistent/token".into()), ..ConnectArgs::default() };
        assert!(matches!(token(&missing, &plain, &env), Err(ApiError::TokenFile { .. })));
    }

    fn with_account(token: TokenSource) -> Resolved {
        let mut resolved = settings(None);
        resolved.account = Some(crate::cli::ChosenAccount {
            profile: crate::config::AccountProfile {
                name: "acme".into(),
                address: crate::config::Address::Subdomain("acme".into()),
                token,
                lang: None,
                zone: None,
                rps: None,
            },
            chosen_by: crate::cli::ChosenBy::Flag,
        });
        resolved
    }

    #[test]
    fn a_named_account_gives_its_token_unless_kommo_token_is_set() {
        let by_variable = with_account(TokenSource::Env("ACME_TOKEN".into()));
        let only_acme = |name: &str| (name == "ACME_TOKEN").then(|| "acme-token".to_string());
        assert!(token(&ConnectArgs::default(), &by_variable, &only_acme).is_ok());
        let unset = token(&ConnectArgs::default(), &by_variable, &|_| None).unwrap_err();
        assert_eq!(
            unset,
            ApiError::AccountTokenEnv { account: "acme".into(), variable: "ACME_TOKEN".into() }
        );
        // An empty KOMMO_TOKEN is no token: the account's own is used.
        let empty_kommo = |name: &str| match name {
            TOKEN_ENV => Some(String::new()),
            "ACME_TOKEN" => Some("acme-token".to_string()),
            _ => None,
        };
        assert!(token(&ConnectArgs::default(), &by_variable, &empty_kommo).is_ok());
        let by_file = with_account(TokenSource::File("/nonexistent/acme.token".into()));
        let error = token(&ConnectArgs::default(), &by_file, &|_| None).unwrap_err();
        assert!(
            matches!(error, ApiError::AccountTokenFile { ref account, .. } if account == "acme"),
            "{error:?}"
        );
        let kommo = |name: &str| (name == TOKEN_ENV).then(|| "kommo".to_string());
        assert_eq!(
            token(&ConnectArgs::default(), &by_file, &kommo).map(|(_, from)| from),
            Ok(TokenFrom::KommoToken)
        );
    }
}
