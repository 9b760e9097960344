//! Where the account's names live: one directory per account in the platform cache
//! (`~/.cache/kommo-events/ACCOUNT/` on Linux; `KOMMO_EVENTS_CACHE_DIR` replaces
//! `~/.cache/kommo-events`), or any `--account-dir` holding the same files.
//!
//! Each file holds one route's answer in Kommo's own shape, `{"_embedded": {"users": [...]}}`,
//! with every page merged, so a file saved by hand from the API (`curl … > users.json`) works
//! too; a JSON array of such pages, or a bare array of items, is read as well. `account.json`
//! says when and from where the names were fetched. Files are written atomically (a temp file,
//! then a rename), like the session files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{Account, Part};
use crate::filter::RangeStyle;
use crate::i18n::Lang;
use crate::state::{read_json, write_json, StateError};

/// The largest saved answer read: an account with a million custom fields answers about
/// 100 MiB; a larger file (or a device) is refused with its path.
pub const ACCOUNT_FILE_LIMIT: u64 = 256 * 1024 * 1024;

/// The environment variable that replaces the cache root (`~/.cache/kommo-events`).
pub const CACHE_DIR_ENV: &str = "KOMMO_EVENTS_CACHE_DIR";
/// The file that says when and from where the names were fetched.
pub const META_FILE: &str = "account.json";

/// The root of every account's cache: `$KOMMO_EVENTS_CACHE_DIR`, else the platform cache
/// directory's `kommo-events`. `env` reads environment variables (injectable for tests).
pub fn cache_root(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(dir) = env(CACHE_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::cache_dir().map(|dir| dir.join("kommo-events"))
}

/// When and where the names came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Meta {
    /// The base URL they were fetched from (never with a token: tokens are not in URLs).
    pub base_url: String,
    /// Unix seconds.
    pub refreshed_at: i64,
    /// The language of the event-type labels: `en` or `es`.
    pub language: String,
    /// Files of parts that could not be fetched (e.g. `users.json` for a non-admin token).
    #[serde(default)]
    pub skipped: Vec<String>,
}

impl Meta {
    /// Names fetched just now from `base_url` with the event types in `lang`, without the
    /// `skipped` parts.
    pub fn now(base_url: String, lang: Lang, skipped: &[Part]) -> Meta {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        Meta {
            base_url,
            refreshed_at: now.map(|since| since.as_secs() as i64).unwrap_or(0),
            language: super::refresh::language_code(lang).to_owned(),
            skipped: skipped.iter().map(|part| part.file_name().to_owned()).collect(),
        }
    }
}

/// The file that remembers how the account wants its requests written.
pub const REQUESTS_FILE: &str = "requests.json";

/// What was learnt about the account's requests: the range form it answered, after it refused
/// the other one with 400.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
struct Requests {
    #[serde(default)]
    range_style: Option<RangeStyle>,
}

/// Why the names could not be read or saved.
#[derive(Debug)]
pub enum AccountError {
    /// A file could not be read, written, or parsed as JSON (with its place).
    File(StateError),
    /// A file parsed but is not the answer of its part's route.
    NotAnAnswer { path: PathBuf, part: Part },
    /// An item of a file does not have the fields its part needs (`reason` is the parser's).
    BadItem { path: PathBuf, reason: String },
}

// The words of each error (English and Spanish) are in i18n/cli_messages.rs, with `Display`.

impl std::error::Error for AccountError {}

impl From<StateError> for AccountError {
    fn from(error: StateError) -> Self {
        AccountError::File(error)
    }
}

/// What a directory holds.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub account: Account,
    /// Each part's items as the files hold them (for copying them into the cache).
    pub items: BTreeMap<Part, Vec<Value>>,
    /// `account.json`, when there is one.
    pub meta: Option<Meta>,
    /// Parts whose file is not there.
    pub missing: Vec<Part>,
}

/// A directory of one account's names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountDir {
    path: PathBuf,
}

impl AccountDir {
    /// The names in `path` (a cache directory or an `--account-dir`).
    pub fn new(path: impl Into<PathBuf>) -> AccountDir {
        AccountDir { path: path.into() }
    }

    /// The cache directory of the account at `base`, when there is a cache root.
    pub fn cache_of(base: &crate::api::BaseUrl, env: &dyn Fn(&str) -> Option<String>) -> Option<AccountDir> {
        Some(AccountDir::in_cache(&cache_root(env)?, &base.account_key()))
    }

    /// The cache directory of the account with this key ([`BaseUrl::account_key`](crate::api::BaseUrl::account_key)).
    pub fn in_cache(root: &Path, account_key: &str) -> AccountDir {
        AccountDir::new(root.join(account_key))
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the directory has no file of any part.
    pub fn is_empty(&self) -> bool {
        !Part::ALL.iter().any(|part| self.path.join(part.file_name()).exists())
    }

    /// Reads every part that is there. A missing file is not an error (its names fall back to
    /// ids); a broken one is, with its path and place.
    pub fn load(&self) -> Result<Loaded, AccountError> {
        let mut items = BTreeMap::new();
        let mut missing = Vec::new();
        for part in Part::ALL {
            let path = self.path.join(part.file_name());
            match read_json::<Value>(&path, ACCOUNT_FILE_LIMIT)? {
                Some(answer) => {
                    let list = items_of(&answer, part.key())
                        .ok_or_else(|| AccountError::NotAnAnswer { path: path.clone(), part })?;
                    items.insert(part, list);
                }
                None => missing.push(part),
            }
        }
        let account = Account::from_items(&items).map_err(|error| AccountError::BadItem {
            path: self.path.join(error.part.file_name()),
            reason: error.reason,
        })?;
        let meta = read_json::<Meta>(&self.path.join(META_FILE), crate::state::STATE_FILE_LIMIT)?;
        Ok(Loaded { account, items, meta, missing })
    }

    /// The range form remembered for this account, if one was ([`AccountDir::remember_range_style`]).
    /// An unreadable file remembers nothing.
    pub fn range_style(&self) -> Option<RangeStyle> {
        let requests = read_json::<Requests>(&self.path.join(REQUESTS_FILE), crate::state::STATE_FILE_LIMIT);
        requests.ok().flatten().and_then(|requests| requests.range_style)
    }

    /// Remembers that the account took `style` after refusing the other form.
    pub fn remember_range_style(&self, style: RangeStyle) -> Result<(), AccountError> {
        write_json(&self.path, REQUESTS_FILE, &Requests { range_style: Some(style) })?;
        Ok(())
    }

    /// Saves the fetched parts (each as `{"_embedded": {key: items}}`), removes the files of
    /// parts not fetched this time (so old names do not linger), and writes `account.json` last.
    pub fn save(&self, items: &BTreeMap<Part, Vec<Value>>, meta: &Meta) -> Result<(), AccountError> {
        for part in Part::ALL {
            match items.get(&part) {
                Some(list) => {
                    let answer = json!({ "_embedded": { part.key(): list } });
                    write_json(&self.path, part.file_name(), &answer)?;
                }
                None => {
                    let _ = std::fs::remove_file(self.path.join(part.file_name()));
                }
            }
        }
        write_json(&self.path, META_FILE, meta)?;
        Ok(())
    }
}

/// The items of an answer file: `{"_embedded": {key: [...]}}`, an array of such pages, or a
/// bare array of items.
fn items_of(answer: &Value, key: &str) -> Option<Vec<Value>> {
    let from_page = |page: &Value| page.get("_embedded")?.get(key)?.as_array().cloned();
    match answer {
        Value::Object(_) => from_page(answer),
        Value::Array(list) if list.iter().all(|v| v.get("_embedded").is_some()) && !list.is_empty() => {
            let pages: Option<Vec<Vec<Value>>> = list.iter().map(from_page).collect();
            pages.map(|pages| pages.into_iter().flatten().collect())
        }
        Value::Array(list) => Some(list.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> AccountDir {
        let dir = std::env::temp_dir().join(format!("kommo-account-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        AccountDir::new(dir)
    }

    #[test]
    fn saved_names_come_back() {
        let dir = temp_dir("roundtrip");
        let items = BTreeMap::from([
            (Part::Users, vec![json!({"id": 1, "name": "Ana"})]),
            (Part::Catalogs, vec![json!({"id": 5, "name": "Products"})]),
        ]);
        let meta = Meta {
            base_url: "https://acme.kommo.com".into(),
            refreshed_at: 1,
            language: "en".into(),
            skipped: vec![],
        };
        dir.save(&items, &meta).unwrap();
        let loaded = dir.load().unwrap();
        assert_eq!(loaded.account.user_name(1), Some("Ana"));
        assert_eq!(loaded.meta, Some(meta));
        assert!(loaded.missing.contains(&Part::Pipelines));
        assert!(!loaded.missing.contains(&Part::Users));
    }

    #[test]
    fn hand_saved_answers_pages_and_bare_lists_are_read() {
        let page = json!({"_embedded": {"users": [{"id": 1}]}});
        assert_eq!(items_of(&page, "users").map(|l| l.len()), Some(1));
        let pages = json!([page, {"_embedded": {"users": [{"id": 2}, {"id": 3}]}}]);
        assert_eq!(items_of(&pages, "users").map(|l| l.len()), Some(3));
        assert_eq!(items_of(&json!([{"id": 1}]), "users").map(|l| l.len()), Some(1));
        assert_eq!(items_of(&json!({"users": []}), "users"), None);
    }

    #[test]
    fn a_broken_file_names_its_path() {
        let dir = temp_dir("broken");
        std::fs::create_dir_all(dir.path()).unwrap();
        std::fs::write(dir.path().join("pipelines.json"), "{\"_embedded\": ").unwrap();
        let error = dir.load().unwrap_err().to_string();
        assert!(error.contains("pipelines.json: line 1"), "{error}");
        std::fs::write(dir.path().join("pipelines.json"), "{\"pipelines\": []}").unwrap();
        let error = dir.load().unwrap_err().to_string();
        assert!(error.contains("GET /api/v4/leads/pipelines"), "{error}");
    }

    #[test]
    fn the_environment_moves_the_cache_root() {
        let env = |name: &str| (name == CACHE_DIR_ENV).then(|| "/tmp/x".to_string());
        assert_eq!(cache_root(&env), Some(PathBuf::from("/tmp/x")));
    }
}
