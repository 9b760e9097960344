//! Named accounts: `[accounts.NAME]` sections of the config, each an address (`subdomain` or
//! `base_url`), where its token comes from (`token_file` or `token_env`, never the token itself)
//! and its own defaults (`lang`, `zone`, `rps`), as `gh` hosts, kubectl contexts and AWS profiles.
//! `default_account` names the one used when neither `--account` nor `KOMMO_ACCOUNT` picks one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

use super::{resolve, Checker, ConfigError, DateZone};
use crate::i18n::Lang;

/// The environment variable naming the account to use.
pub const ACCOUNT_ENV: &str = "KOMMO_ACCOUNT";

/// The longest account name: a name is typed, and shown in the screen's title.
const MAX_NAME_CHARS: usize = 40;

/// One `[accounts.NAME]` section as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAccount {
    subdomain: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    token_file: Option<Spanned<String>>,
    token_env: Option<Spanned<String>>,
    /// Read only to refuse it with a reason: the config is not the place for the token.
    token: Option<Spanned<IgnoredAny>>,
    lang: Option<Spanned<String>>,
    zone: Option<Spanned<String>>,
    rps: Option<Spanned<i64>>,
}

/// Where an account is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    /// `mycompany` of `mycompany.kommo.com`, or a whole host (`mycompany.amocrm.ru`).
    Subdomain(String),
    /// An `https://` address (a proxy, an amoCRM domain), in its canonical form.
    BaseUrl(String),
}

/// Where an account's token is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenSource {
    /// A file holding the token alone.
    File(PathBuf),
    /// An environment variable holding it.
    Env(String),
    /// Nothing said: `KOMMO_TOKEN`, as without accounts.
    Default,
}

/// A named account, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountProfile {
    pub name: String,
    pub address: Address,
    pub token: TokenSource,
    pub lang: Option<Lang>,
    pub zone: Option<DateZone>,
    /// Requests per second taken from the account's 7.
    pub rps: Option<u32>,
}

/// Checks every section; `base` resolves relative token files (against the config's folder).
pub(super) fn check(
    checker: &Checker,
    raw: &BTreeMap<String, Spanned<RawAccount>>,
    base: &Path,
) -> Result<Vec<AccountProfile>, ConfigError> {
    raw.iter().map(|(name, section)| check_one(checker, name, section, base)).collect()
}

fn check_one(
    checker: &Checker,
    name: &str,
    section: &Spanned<RawAccount>,
    base: &Path,
) -> Result<AccountProfile, ConfigError> {
    let header = section.span().start;
    let value_error = |offset: usize, key: &'static str, value: &str, expected: &str| {
        checker.error_at(offset, key, value, expected)
    };
    if !is_account_name(name) {
        return Err(value_error(
            header,
            "accounts",
            name,
            "a name of letters, digits, '-', '_' or '.', at most 40 characters, e.g. [accounts.acme]",
        ));
    }
    let raw = section.get_ref();
    if let Some(token) = &raw.token {
        return Err(value_error(
            token.span().start,
            "token",
            "…",
            "token_file = \"PATH\" (a file holding the token, chmod 600) or token_env = \"VARIABLE\"; \
             the config never holds the token itself",
        ));
    }
    let subdomain = checker.check_subdomain(&raw.subdomain)?;
    let base_url = checker.check_base_url(&raw.base_url)?;
    let address =
        match (subdomain, base_url) {
            (Some(subdomain), None) => Address::Subdomain(subdomain),
            (None, Some(base_url)) => Address::BaseUrl(base_url),
            (Some(_), Some(_)) => {
                let offset = raw.base_url.as_ref().map_or(header, |value| value.span().start);
                return Err(value_error(offset, "base_url", name, "either subdomain or base_url, not both"));
            }
            (None, None) => return Err(value_error(
                header,
                "accounts",
                name,
                "a subdomain = \"NAME\" (for NAME.kommo.com) or a base_url = \"https://HOST\" in the section",
            )),
        };
    let token_env = checker.check_as_written(
        &raw.token_env,
        "token_env",
        "the name of an environment variable, e.g. \"ACME_KOMMO_TOKEN\"",
        |v| is_variable_name(v).then(|| v.to_string()),
    )?;
    let token = match (&raw.token_file, token_env) {
        (Some(file), None) => TokenSource::File(resolve(base, file.get_ref().trim())),
        (None, Some(variable)) => TokenSource::Env(variable),
        (None, None) => TokenSource::Default,
        (Some(_), Some(_)) => {
            let offset = raw.token_env.as_ref().map_or(header, |value| value.span().start);
            return Err(value_error(offset, "token_env", name, "either token_file or token_env, not both"));
        }
    };
    Ok(AccountProfile {
        name: name.to_string(),
        address,
        token,
        lang: checker.check(&raw.lang, "lang", super::LANG_CHOICES, super::parse_lang)?,
        zone: checker.check(&raw.zone, "zone", super::ZONE_CHOICES, DateZone::parse)?,
        rps: checker.check_rps(&raw.rps)?,
    })
}

/// Letters, digits, `-`, `_` and `.`: a name that types in any shell and prints as itself.
pub fn is_account_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A POSIX environment variable name: a letter or `_`, then letters, digits or `_`.
fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Sets `default_account = "NAME"` in the config text, keeping everything else as written
/// (comments, order, spacing).
pub fn with_default_account(text: &str, name: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|error: toml_edit::TomlError| error.message().trim().to_string())?;
    // An existing key keeps its place; a new one goes after the other top-level keys, above
    // the tables, where a reader looks for the defaults.
    document["default_account"] = toml_edit::value(name);
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn parse_text(text: &str) -> Result<crate::config::Config, ConfigError> {
        parse(text, Path::new("/home/ana/.config/kommo-events/config.toml"))
    }

    #[test]
    fn a_section_gives_a_named_account_with_its_defaults() {
        let config = parse_text(
            "default_account = \"acme\"\n\n[accounts.acme]\nsubdomain = \"acme\"\ntoken_file = \"acme.token\"\n\
             lang = \"es\"\nzone = \"-03:00\"\nrps = 3\n\n[accounts.beta]\nbase_url = \"https://beta.amocrm.ru\"\n\
             token_env = \"BETA_TOKEN\"\n",
        )
        .unwrap();
        assert_eq!(config.default_account.as_deref(), Some("acme"));
        let acme = &config.accounts[0];
        assert_eq!(acme.name, "acme");
        assert_eq!(acme.address, Address::Subdomain("acme".into()));
        assert_eq!(acme.token, TokenSource::File("/home/ana/.config/kommo-events/acme.token".into()));
        assert_eq!(
            (acme.lang, acme.zone, acme.rps),
            (Some(Lang::Es), Some(DateZone::Offset(-3 * 3600)), Some(3))
        );
        let beta = &config.accounts[1];
        assert_eq!(beta.address, Address::BaseUrl("https://beta.amocrm.ru".into()));
        assert_eq!(beta.token, TokenSource::Env("BETA_TOKEN".into()));
    }

    #[test]
    fn the_token_itself_is_refused_at_its_place() {
        let error = parse_text("[accounts.acme]\nsubdomain = \"acme\"\ntoken = \"abc\"\n").unwrap_err();
        let text = error.to_string();
        assert!(text.contains(":3:9:") && text.contains("token_file") && !text.contains("abc"), "{text}");
    }

    #[test]
    fn a_section_needs_exactly_one_address_and_at_most_one_token_source() {
        let none = parse_text("[accounts.acme]\ntoken_env = \"X\"\n").unwrap_err().to_string();
        assert!(none.contains(":1:") && none.contains("subdomain"), "{none}");
        let both = parse_text("[accounts.acme]\nsubdomain = \"a\"\nbase_url = \"https://a.amocrm.ru\"\n")
            .unwrap_err()
            .to_string();
        assert!(both.contains(":3:12:") && both.contains("not both"), "{both}");
        let two_tokens =
            parse_text("[accounts.a]\nsubdomain = \"a\"\ntoken_file = \"t\"\ntoken_env = \"T\"\n")
                .unwrap_err()
                .to_string();
        assert!(two_tokens.contains(":4:") && two_tokens.contains("not both"), "{two_tokens}");
    }

    #[test]
    fn names_and_variables_are_checked() {
        assert!(parse_text("[accounts.\"a b\"]\nsubdomain = \"a\"\n").is_err());
        assert!(parse_text("[accounts.\"ac\u{1b}me\"]\nsubdomain = \"a\"\n").is_err());
        assert!(parse_text("[accounts.a]\nsubdomain = \"a\"\ntoken_env = \"1X\"\n").is_err());
        assert!(parse_text("[accounts.a]\nsubdomain = \"a\"\ntoken_env = \"X-Y\"\n").is_err());
        assert!(
            parse_text("[accounts.a-1_b.c]\nsubdomain = \"a\"\n").is_err(),
            "a dotted key is a sub-table"
        );
        assert!(parse_text("[accounts.\"a-1_b.c\"]\nsubdomain = \"a\"\n").is_ok());
    }

    #[test]
    fn the_default_account_must_be_one_of_them() {
        let error = parse_text("default_account = \"gamma\"\n[accounts.acme]\nsubdomain = \"acme\"\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains(":1:19:") && error.contains("acme"), "{error}");
    }

    #[test]
    fn setting_the_default_keeps_the_rest_of_the_file() {
        let text = "# my accounts\nlang = \"es\"\n\n[accounts.acme] # main\nsubdomain = \"acme\"\n";
        let changed = with_default_account(text, "acme").unwrap();
        assert_eq!(
            changed,
            "# my accounts\nlang = \"es\"\ndefault_account = \"acme\"\n\n[accounts.acme] # main\nsubdomain = \"acme\"\n"
        );
        let again = with_default_account(&changed, "beta").unwrap();
        assert!(
            again.contains("lang = \"es\"\ndefault_account = \"beta\"\n\n[accounts.acme] # main"),
            "{again}"
        );
        assert_eq!(again.matches("default_account").count(), 1);
    }
}
