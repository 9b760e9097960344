//! The configuration file: defaults for language, output format, encoding styles, subdomain,
//! theme, dates and extra catalogs, and the named accounts (accounts.rs). TOML, in the platform's config directory
//! (`~/.config/kommo-events/config.toml` on Linux), or the file named by `--config` or
//! `KOMMO_EVENTS_CONFIG`. A broken file is an error with its path, line and column; `--no-config`
//! starts with the defaults instead.

pub mod accounts;

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::files::ReadError;
use crate::filter::format::QueryFormat;
use crate::filter::{ListStyle, RangeStyle};
use crate::i18n::Lang;

pub use accounts::{AccountProfile, Address, TokenSource, ACCOUNT_ENV};

/// The environment variable naming a config file.
pub const CONFIG_ENV: &str = "KOMMO_EVENTS_CONFIG";

/// Largest config file read; anything bigger is not a hand-written config.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The file as written; every value keeps its place in the file for error messages.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    list_style: Option<Spanned<String>>,
    range_style: Option<Spanned<String>>,
    subdomain: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    dates: Option<Spanned<String>>,
    rps: Option<Spanned<i64>>,
    #[serde(default)]
    catalogs: Vec<Spanned<String>>,
    default_account: Option<Spanned<String>>,
    #[serde(default)]
    accounts: BTreeMap<String, Spanned<accounts::RawAccount>>,
}

/// What `lang` takes.
const LANG_CHOICES: &str = "\"es\", \"en\" or \"pt\"";
/// What `dates` and an account's `zone` take.
const ZONE_CHOICES: &str = "\"local\", \"utc\" or an offset from UTC such as \"-03:00\"";

fn parse_lang(value: &str) -> Option<Lang> {
    match value {
        "es" => Some(Lang::Es),
        "en" => Some(Lang::En),
        "pt" => Some(Lang::Pt),
        _ => None,
    }
}

/// The themes the screen knows (`theme` in the config); the screen's `Theme::named` draws them.
pub const THEME_NAMES: [&str; 3] = ["default", "mono", "high-contrast"];

/// When to draw in colour (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour when the screen is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Colour even under `NO_COLOR`.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to draw in colour; `no_color` is the value of `NO_COLOR`, if set.
    pub fn use_color(self, output_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => output_is_terminal && no_color.is_none_or(OsStr::is_empty),
        }
    }
}

/// How typed dates are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateZone {
    /// The machine's local time.
    #[default]
    Local,
    /// UTC.
    Utc,
    /// A fixed offset from UTC, in seconds east (`-03:00` is -10800): an account's own zone.
    Offset(i32),
}

impl DateZone {
    /// `local`, `utc`, or `±HH:MM` (`+05:30`, `-03:00`; hours up to 14).
    pub fn parse(text: &str) -> Option<DateZone> {
        match text {
            "local" => return Some(DateZone::Local),
            "utc" | "z" | "+00:00" | "-00:00" => return Some(DateZone::Utc),
            _ => {}
        }
        let (sign, rest) = match text.as_bytes().first()? {
            b'+' => (1, &text[1..]),
            b'-' => (-1, &text[1..]),
            _ => return None,
        };
        let (hours, minutes) = rest.split_once(':')?;
        if hours.len() != 2 || minutes.len() != 2 {
            return None;
        }
        let (hours, minutes): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
        (hours <= 14 && minutes < 60).then(|| DateZone::Offset(sign * (hours * 3600 + minutes * 60)))
    }
}

/// Settings from the config file; `None` where the file says nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// Where it was read from (`None`: no file).
    pub path: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub format: Option<QueryFormat>,
    pub list_style: Option<ListStyle>,
    pub range_style: Option<RangeStyle>,
    pub subdomain: Option<String>,
    /// The account's address when it is not `https://SUBDOMAIN.kommo.com` (an amoCRM domain, a
    /// proxy); `--base-url` wins over it.
    pub base_url: Option<String>,
    /// A name from [`THEME_NAMES`].
    pub theme: Option<String>,
    pub dates: Option<DateZone>,
    /// Extra catalogs, relative paths resolved against the config file's folder.
    pub catalogs: Vec<PathBuf>,
    /// Requests per second this machine's programs take from the account's 7 (`--rps` wins).
    pub rps: Option<u32>,
    /// The named accounts, by name.
    pub accounts: Vec<AccountProfile>,
    /// The account used when neither `--account` nor `KOMMO_ACCOUNT` names one; always one of
    /// [`Config::accounts`].
    pub default_account: Option<String>,
}

impl Config {
    /// The named account `name`, if the file has it.
    pub fn account(&self, name: &str) -> Option<&AccountProfile> {
        self.accounts.iter().find(|account| account.name == name)
    }
}

/// Why the config file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// The file named by `--config` or `KOMMO_EVENTS_CONFIG` cannot be read.
    Unreadable { path: PathBuf, reason: String },
    /// Not TOML, an unknown key, or a value of the wrong type.
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    /// A known key with a value we do not accept.
    Value { path: PathBuf, line: usize, column: usize, key: &'static str, value: String, expected: String },
}

// The words of each error (English and Spanish) are in i18n/cli_messages.rs, with `Display`.
impl std::error::Error for ConfigError {}

/// Which file to read: `--config`, else `KOMMO_EVENTS_CONFIG`, else the platform default.
/// Returns the path and whether the user named it (a named file must exist; the default may not).
pub fn locate(flag: Option<&Path>, env: Option<String>) -> Option<(PathBuf, bool)> {
    if let Some(path) = flag {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = env.filter(|value| !value.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    dirs::config_dir().map(|dir| (dir.join("kommo-events").join("config.toml"), false))
}

/// The platform's default config file, for help texts.
pub fn default_path() -> Option<PathBuf> {
    locate(None, None).map(|(path, _)| path)
}

/// Reads the config file; a missing default file is an empty config.
pub fn load(path: &Path, named_by_user: bool) -> Result<Config, ConfigError> {
    let unreadable = |reason: String| ConfigError::Unreadable { path: path.to_path_buf(), reason };
    let text = match crate::files::read_text(path, MAX_CONFIG_BYTES) {
        Ok(text) => text,
        Err(ReadError::Missing) if !named_by_user => return Ok(Config::default()),
        Err(ReadError::Directory) => return Err(unreadable("it is a directory; name a .toml file".into())),
        Err(ReadError::TooLarge { .. }) => {
            return Err(unreadable("it holds more than 1 MiB; a config file is at most 1 MiB".into()))
        }
        Err(error) => return Err(unreadable(error.to_string())),
    };
    parse(&text, path)
}

/// Parses config text; `path` is used in errors and to resolve relative catalog paths.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|error| {
        let (line, column) = line_column(text, error.span().map_or(0, |span| span.start));
        ConfigError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: error.message().trim().to_string(),
        }
    })?;
    let checker = Checker { text, path };
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        path: Some(path.to_path_buf()),
        lang: checker.check(&raw.lang, "lang", LANG_CHOICES, parse_lang)?,
        format: checker.check(
            &raw.format,
            "format",
            "query, encoded, url, curl, httpie or json",
            QueryFormat::parse,
        )?,
        list_style: checker.check(
            &raw.list_style,
            "list_style",
            "\"comma\" or \"brackets\"",
            ListStyle::parse,
        )?,
        range_style: checker.check(
            &raw.range_style,
            "range_style",
            "\"from-to\" or \"comma\"",
            RangeStyle::parse,
        )?,
        subdomain: checker.check_subdomain(&raw.subdomain)?,
        base_url: checker.check_base_url(&raw.base_url)?,
        theme: checker.check(&raw.theme, "theme", "\"default\", \"mono\" or \"high-contrast\"", |v| {
            THEME_NAMES.contains(&v).then(|| v.to_string())
        })?,
        dates: checker.check(&raw.dates, "dates", ZONE_CHOICES, DateZone::parse)?,
        rps: checker.check_rps(&raw.rps)?,
        catalogs: raw.catalogs.iter().map(|entry| resolve(base, entry.get_ref())).collect(),
        default_account: checker.check_default_account(&raw)?,
        accounts: accounts::check(&checker, &raw.accounts, base)?,
    })
}

struct Checker<'a> {
    text: &'a str,
    path: &'a Path,
}

impl Checker<'_> {
    /// The error for `key = value` at byte `offset` of the file.
    fn error_at(&self, offset: usize, key: &'static str, value: &str, expected: &str) -> ConfigError {
        let (line, column) = line_column(self.text, offset);
        ConfigError::Value {
            path: self.path.to_path_buf(),
            line,
            column,
            key,
            value: value.to_string(),
            expected: expected.to_string(),
        }
    }

    /// `subdomain`: one DNS label, or a whole host.
    fn check_subdomain(&self, value: &Option<Spanned<String>>) -> Result<Option<String>, ConfigError> {
        self.check(
            value,
            "subdomain",
            "the part before .kommo.com, e.g. \"mycompany\", or a whole host, e.g. \"mycompany.amocrm.ru\" (an address with https:// goes in base_url)",
            |v| crate::api::is_account_host(&v.to_ascii_lowercase()).then(|| v.to_string()),
        )
    }

    /// `base_url`: an `https://` address (plain http only to this machine), kept canonical.
    fn check_base_url(&self, value: &Option<Spanned<String>>) -> Result<Option<String>, ConfigError> {
        self.check(value, "base_url", "an https:// address, e.g. \"https://mycompany.amocrm.ru\"", |v| {
            crate::api::BaseUrl::parse(v, false).ok().map(|base| base.as_str())
        })
    }

    /// `default_account`: the name of one of the file's `[accounts.NAME]`.
    fn check_default_account(&self, raw: &RawConfig) -> Result<Option<String>, ConfigError> {
        let names: Vec<&str> = raw.accounts.keys().map(String::as_str).collect();
        let expected = if names.is_empty() {
            "the name of an [accounts.NAME] section, and this file has none".to_string()
        } else {
            format!("one of the accounts in this file: {}", names.join(", "))
        };
        self.check_as_written(&raw.default_account, "default_account", &expected, |v| {
            names.contains(&v).then(|| v.to_string())
        })
    }

    /// `rps`: a whole number from 1 to 7 (Kommo's limit).
    fn check_rps(&self, value: &Option<Spanned<i64>>) -> Result<Option<u32>, ConfigError> {
        let Some(value) = value else { return Ok(None) };
        match u32::try_from(*value.get_ref()) {
            Ok(rps @ 1..=7) => Ok(Some(rps)),
            _ => Err(self.error_at(
                value.span().start,
                "rps",
                &value.get_ref().to_string(),
                "a whole number from 1 to 7 (Kommo allows 7 requests a second)",
            )),
        }
    }

    /// A value whose case does not matter (`lang = "ES"`): read in lower case first.
    fn check<T>(
        &self,
        value: &Option<Spanned<String>>,
        key: &'static str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        self.check_as_written(value, key, expected, |text| {
            parse(&text.to_ascii_lowercase()).or_else(|| parse(text))
        })
    }

    /// A value read as written (a name, an environment variable).
    fn check_as_written<T>(
        &self,
        value: &Option<Spanned<String>>,
        key: &'static str,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(value) = value else { return Ok(None) };
        let text = value.get_ref().trim();
        parse(text).map(Some).ok_or_else(|| self.error_at(value.span().start, key, text, expected))
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |tail| tail.chars().count()) + 1;
    (line, column)
}

fn resolve(base: &Path, entry: &str) -> PathBuf {
    let expanded = match entry.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().map_or_else(|| PathBuf::from(entry), |home| home.join(rest)),
        None => PathBuf::from(entry),
    };
    if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, ConfigError> {
        parse(text, Path::new("/home/ana/.config/kommo-events/config.toml"))
    }

    #[test]
    fn every_key_is_read() {
        let config = parse_text(
            "lang = \"es\"\nformat = \"curl\"\nlist_style = \"brackets\"\nrange_style = \"comma\"\n\
             subdomain = \"acme\"\ntheme = \"mono\"\ndates = \"utc\"\ncatalogs = [\"types.json\", \"/tmp/x.json\"]\n",
        )
        .unwrap();
        assert_eq!(config.lang, Some(Lang::Es));
        assert_eq!(config.format, Some(QueryFormat::Curl));
        assert_eq!(config.list_style, Some(ListStyle::Brackets));
        assert_eq!(config.range_style, Some(RangeStyle::Comma));
        assert_eq!(config.subdomain.as_deref(), Some("acme"));
        assert_eq!(config.theme.as_deref(), Some("mono"));
        assert_eq!(config.dates, Some(DateZone::Utc));
        assert_eq!(
            config.catalogs,
            vec![PathBuf::from("/home/ana/.config/kommo-events/types.json"), PathBuf::from("/tmp/x.json")]
        );
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        let config = parse_text("").unwrap();
        assert_eq!(config.lang, None);
        assert!(config.catalogs.is_empty());
    }

    #[test]
    fn a_syntax_error_has_line_and_column() {
        let error = parse_text("lang = \"es\"\nformat = curl\n").unwrap_err();
        match error {
            ConfigError::Syntax { line, column, .. } => assert_eq!((line, column), (2, 10)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_place() {
        let error = parse_text("lang = \"es\"\nlanguage = \"en\"\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains(":2:1:") && text.contains("language"), "{text}");
    }

    #[test]
    fn a_wrong_value_names_the_key_the_place_and_the_choices() {
        let error = parse_text("\n\nrange_style = \"dash\"\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "/home/ana/.config/kommo-events/config.toml:3:15: range_style = \"dash\" is not valid; use \"from-to\" or \"comma\""
        );
    }

    #[test]
    fn a_wrong_type_is_an_error() {
        let error = parse_text("lang = 3\n").unwrap_err();
        assert!(matches!(error, ConfigError::Syntax { line: 1, .. }), "{error:?}");
    }

    #[test]
    fn a_subdomain_is_a_host_label_or_a_whole_host() {
        assert!(parse_text("subdomain = \"acme.amocrm.ru\"\n").is_ok());
        assert!(parse_text("subdomain = \"acme-2\"\n").is_ok());
        assert!(parse_text("subdomain = \"https://acme.kommo.com\"\n").is_err());
        assert!(parse_text("subdomain = \"acme kommo\"\n").is_err());
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_named_one_is_not() {
        let missing = Path::new("/nonexistent/kommo-events/config.toml");
        assert_eq!(load(missing, false), Ok(Config::default()));
        assert!(matches!(load(missing, true), Err(ConfigError::Unreadable { .. })));
    }

    #[test]
    fn a_directory_is_not_a_config_file() {
        let error = load(&std::env::temp_dir(), true).unwrap_err();
        assert!(error.to_string().contains("directory"), "{error}");
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let (path, named) = locate(Some(Path::new("a.toml")), Some("b.toml".into())).unwrap();
        assert_eq!((path, named), (PathBuf::from("a.toml"), true));
        let (path, named) = locate(None, Some("b.toml".into())).unwrap();
        assert_eq!((path, named), (PathBuf::from("b.toml"), true));
    }
}
