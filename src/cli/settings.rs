//! Where each setting comes from: a flag wins over the environment, which wins over the named
//! account in use (`--account`, `KOMMO_ACCOUNT`, the config's `default_account`), which wins over
//! the rest of the config file, which wins over the built-in default.

use std::path::PathBuf;

use crate::config::ColorChoice;
use crate::config::{self, AccountProfile, Address, Config, DateZone, ACCOUNT_ENV, CONFIG_ENV};
use crate::filter::format::{FormatOptions, QueryFormat};
use crate::filter::{EncodeOptions, ListStyle, RangeStyle};
use crate::i18n::Lang;
use crate::tui::composer::Zone;
use crate::tui::theme::Theme;

use super::args::GlobalArgs;
use super::{CliError, Usage};

/// The environment variable with the account subdomain.
pub const SUBDOMAIN_ENV: &str = "KOMMO_SUBDOMAIN";

/// Every setting, resolved.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub lang: Lang,
    pub encode: EncodeOptions,
    /// True when `--range-style` or the config chose the range form; otherwise the form an
    /// account was found to take (remembered in its cache) wins over the default.
    pub range_style_chosen: bool,
    pub zone: Zone,
    pub subdomain: Option<String>,
    /// The config's `base_url`, for output formats and for reaching the account when no
    /// `--base-url` is given.
    pub base_url: Option<String>,
    /// The screen's styles: the config's theme, without colour when `--color`/`NO_COLOR` say so.
    pub theme: Theme,
    /// How queries are written out.
    pub format: QueryFormat,
    /// Extra catalogs named in the config.
    pub catalogs: Vec<PathBuf>,
    /// `--notes`: read the notes behind note events (fetch, tail, the results pane).
    pub notes: bool,
    /// The account's or the config's `rps` (`--rps` wins over it).
    pub rps: Option<u32>,
    /// The named account in use, and what chose it.
    pub account: Option<ChosenAccount>,
    /// Every named account of the config, by name (`account list`).
    pub accounts: Vec<AccountProfile>,
    /// The config's `default_account`.
    pub default_account: Option<String>,
    /// The config file read, or the one that would be (`account use` writes to it); `None` under
    /// `--no-config`.
    pub config_path: Option<PathBuf>,
}

/// The named account in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenAccount {
    pub profile: AccountProfile,
    pub chosen_by: ChosenBy,
}

/// What picked the account in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChosenBy {
    /// `--account NAME`.
    Flag,
    /// `KOMMO_ACCOUNT`.
    Environment,
    /// The config's `default_account` (set by `account use`).
    Default,
}

/// Resolves the settings; `format` is the command's `--format` when it takes a query format;
/// `env` reads environment variables (injectable for tests).
pub fn resolve(
    global: &GlobalArgs,
    format: Option<QueryFormat>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Resolved, CliError> {
    let (config, config_path) =
        if global.no_config { (Config::default(), None) } else { read_config(global, env)? };
    let account = choose_account(global, &config, config_path.as_deref(), env)?;
    let profile = account.as_ref().map(|chosen| &chosen.profile);
    let lang = match global.lang {
        Some(flag) => Lang::from(flag),
        None => {
            profile.and_then(|profile| profile.lang).or(config.lang).unwrap_or_else(|| Lang::from_locale(env))
        }
    };
    let list_style = global.list_style.map(ListStyle::from).or(config.list_style).unwrap_or_default();
    let range_style = global.range_style.map(RangeStyle::from).or(config.range_style).unwrap_or_default();
    // One source gives the address, the most specific that says one: a subdomain from the flag
    // or the environment drops the account's and the config's base URL with it.
    let chosen_subdomain = global.subdomain.clone().or_else(|| env(SUBDOMAIN_ENV).filter(|s| !s.is_empty()));
    let (subdomain, base_url) = match (chosen_subdomain, profile) {
        (Some(subdomain), _) => (Some(subdomain), None),
        (None, Some(profile)) => match &profile.address {
            Address::Subdomain(subdomain) => (Some(subdomain.clone()), None),
            Address::BaseUrl(base_url) => (None, Some(base_url.clone())),
        },
        (None, None) => (config.subdomain.clone(), config.base_url.clone()),
    };
    let format = format.or(config.format).unwrap_or_default();
    let zone = match profile.and_then(|profile| profile.zone).or(config.dates).unwrap_or_default() {
        DateZone::Local => Zone::Local,
        DateZone::Utc => Zone::Fixed(0),
        DateZone::Offset(seconds) => Zone::Fixed(seconds),
    };
    Ok(Resolved {
        lang,
        encode: EncodeOptions { list_style, range_style },
        range_style_chosen: global.range_style.is_some() || config.range_style.is_some(),
        zone,
        subdomain,
        base_url,
        theme: theme_for(global, &config, env),
        format,
        notes: global.notes,
        rps: profile.and_then(|profile| profile.rps).or(config.rps),
        account,
        config_path,
        accounts: config.accounts,
        default_account: config.default_account,
        catalogs: config.catalogs,
    })
}

/// The named account: `--account`, else `KOMMO_ACCOUNT` (unless `--no-config`, which sets the
/// file aside), else the config's `default_account`; a name the config does not have is an error
/// that lists the ones it has.
fn choose_account(
    global: &GlobalArgs,
    config: &Config,
    config_path: Option<&std::path::Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<ChosenAccount>, CliError> {
    let from_env =
        || (!global.no_config).then(|| env(ACCOUNT_ENV)).flatten().filter(|name| !name.trim().is_empty());
    let (name, chosen_by) = if let Some(name) = &global.account {
        (name.clone(), ChosenBy::Flag)
    } else if let Some(name) = from_env() {
        (name.trim().to_string(), ChosenBy::Environment)
    } else if let Some(name) = &config.default_account {
        (name.clone(), ChosenBy::Default)
    } else {
        return Ok(None);
    };
    match config.account(&name) {
        Some(profile) => Ok(Some(ChosenAccount { profile: profile.clone(), chosen_by })),
        None => Err(CliError::Usage(Usage::UnknownAccount {
            name,
            chosen_by,
            known: config.accounts.iter().map(|account| account.name.clone()).collect(),
            config: config_path.map(std::path::Path::to_path_buf),
        })),
    }
}

/// The config's theme (default: "default"), with colour unless `--color never`, or `NO_COLOR`
/// under `--color auto`. The screen always draws on a terminal, so only those two decide.
fn theme_for(global: &GlobalArgs, config: &Config, env: &dyn Fn(&str) -> Option<String>) -> Theme {
    // The config checked the name, so only a missing theme falls back to the default.
    let theme = config.theme.as_deref().and_then(Theme::named).unwrap_or_else(Theme::color);
    let no_color = env("NO_COLOR").map(std::ffi::OsString::from);
    theme.for_terminal(ColorChoice::from(global.color).use_color(true, no_color.as_deref()))
}

impl Resolved {
    /// The options every output format needs.
    pub fn format_options(&self) -> FormatOptions {
        FormatOptions {
            encode: self.encode,
            subdomain: self.subdomain.clone(),
            base_url: self.base_url.clone(),
        }
    }

    /// What the screen starts with (the explorer, and `tail`'s pane), for the account at `base`:
    /// the title names the named account in use, else the account's host.
    pub fn screen_at(&self, base: Option<&crate::api::BaseUrl>) -> crate::tui::app::Settings {
        let mut screen = self.screen();
        if screen.account.is_none() {
            screen.account = base.map(|base| crate::text::snippet(base.host(), 40));
        }
        screen
    }

    /// What the screen starts with, without an account's address.
    pub fn screen(&self) -> crate::tui::app::Settings {
        crate::tui::app::Settings {
            lang: self.lang,
            theme: self.theme.clone(),
            zone: self.zone,
            format: self.format,
            output: self.format_options(),
            notes: self.notes,
            account: self.account.as_ref().map(|chosen| chosen.profile.name.clone()),
        }
    }
}

/// The config and the file it is (or would be) read from.
fn read_config(
    global: &GlobalArgs,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Config, Option<PathBuf>), CliError> {
    let Some((path, named)) = config::locate(global.config.as_deref(), env(CONFIG_ENV)) else {
        return Ok((Config::default(), None));
    };
    let config = config::load(&path, named).map_err(CliError::Config)?;
    Ok((config, Some(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_without_flags_config_or_environment() {
        let global = GlobalArgs { no_config: true, ..GlobalArgs::default() };
        let resolved = resolve(&global, None, &no_env).unwrap();
        assert_eq!(resolved.lang, Lang::En);
        assert_eq!(resolved.encode, EncodeOptions::default());
        assert_eq!(resolved.zone, Zone::Local);
        assert_eq!(resolved.subdomain, None);
    }

    #[test]
    fn the_flag_wins_over_the_environment_for_the_subdomain() {
        let env = |name: &str| (name == SUBDOMAIN_ENV).then(|| "from-env".to_string());
        let global =
            GlobalArgs { no_config: true, subdomain: Some("from-flag".into()), ..GlobalArgs::default() };
        assert_eq!(resolve(&global, None, &env).unwrap().subdomain.as_deref(), Some("from-flag"));
        let global = GlobalArgs { no_config: true, ..GlobalArgs::default() };
        assert_eq!(resolve(&global, None, &env).unwrap().subdomain.as_deref(), Some("from-env"));
    }

    #[test]
    fn an_unknown_style_names_the_choices() {
        // clap refuses it while parsing, with the choices it knows from the type.
        use clap::Parser;
        for (flag, choices) in
            [("--list-style", ["comma", "brackets"]), ("--range-style", ["comma", "from-to"])]
        {
            let error =
                super::super::Cli::try_parse_from(["kommo-events", flag, "pipes", "list"]).unwrap_err();
            let text = error.to_string();
            assert!(text.contains(flag) && choices.iter().all(|c| text.contains(c)), "{text}");
        }
    }
}
