//! What survives between runs: the last session's composer (selection and typed fields), brought
//! back by `--resume` or Ctrl-R, and the last 50 queries accepted or copied. Files live in the
//! platform's state directory (`~/.local/state/kommo-events` on Linux; `KOMMO_EVENTS_STATE_DIR`
//! overrides it) and are written atomically (temp file, then rename), so a kill in the middle of
//! a write never leaves a corrupt file behind.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{self, Lock, ReadError};

/// The environment variable that moves the state directory (tests, portable installs).
pub const STATE_DIR_ENV: &str = "KOMMO_EVENTS_STATE_DIR";
/// How many recent queries are kept.
pub const HISTORY_LIMIT: usize = 50;

/// The largest session or history file read: 50 queries with their fields take a few KiB.
pub const STATE_FILE_LIMIT: u64 = 4 * 1024 * 1024;

const SESSION_FILE: &str = "session.json";
const HISTORY_FILE: &str = "history.json";
/// Taken while the history is read, changed and written.
const LOCK_FILE: &str = ".history.lock";

/// The composer as the user left it: selected type codes, and each field's text by a stable key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub selection: Vec<String>,
    pub fields: BTreeMap<String, String>,
}

impl Snapshot {
    /// True when there is nothing worth restoring.
    pub fn is_empty(&self) -> bool {
        self.selection.is_empty() && self.fields.values().all(|text| text.is_empty())
    }
}

/// How a query got into the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Used {
    Accepted,
    Copied,
}

/// One recent query, with the composer state that produced it so it can be edited again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub query: String,
    /// Unix seconds.
    pub at: i64,
    pub used: Used,
    pub snapshot: Snapshot,
}

/// A read or write of the state directory that failed.
#[derive(Debug)]
pub struct StateError {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for StateError {}

/// The state directory: `KOMMO_EVENTS_STATE_DIR`, else the platform's (`~/.local/state/kommo-events`
/// on Linux); `None` when the platform has none.
pub fn state_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(STATE_DIR_ENV).filter(|dir| !dir.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::state_dir().or_else(dirs::data_local_dir).map(|dir| dir.join("kommo-events"))
}

/// The state directory and the files in it.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `dir`.
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store the environment asks for; `None` when the platform has no such directory.
    pub fn from_env() -> Option<Store> {
        state_dir().map(Store::new)
    }

    /// The last session, if one was saved and is readable.
    pub fn load_session(&self) -> Result<Option<Snapshot>, StateError> {
        read_json(&self.dir.join(SESSION_FILE), STATE_FILE_LIMIT)
    }

    /// Saves the session, replacing the previous one.
    pub fn save_session(&self, snapshot: &Snapshot) -> Result<(), StateError> {
        write_json(&self.dir, SESSION_FILE, snapshot)
    }

    /// Recent queries, newest first.
    pub fn load_history(&self) -> Result<Vec<HistoryEntry>, StateError> {
        Ok(read_json(&self.dir.join(HISTORY_FILE), STATE_FILE_LIMIT)?.unwrap_or_default())
    }

    /// Adds a query to the front of the history; an identical query moves to the front instead
    /// of appearing twice, and only the newest [`HISTORY_LIMIT`] are kept.
    ///
    /// The read, the change and the write happen under a lock shared by every process using this
    /// directory, so windows saving at the same moment each add their query to what the other
    /// wrote. A history that cannot be read is renamed aside (the path comes back in
    /// [`Recorded::set_aside`]) and started afresh, rather than silently replaced or blocking every
    /// later save.
    pub fn record(&self, entry: HistoryEntry) -> Result<Recorded, StateError> {
        let failed = |error: std::io::Error| StateError { path: self.dir.clone(), reason: error.to_string() };
        let _turn = Lock::acquire(&self.dir, LOCK_FILE).map_err(failed)?;
        let (mut history, set_aside) = match self.load_history() {
            Ok(history) => (history, None),
            Err(_) => (Vec::new(), Some(self.set_aside(HISTORY_FILE)?)),
        };
        history.retain(|old| old.query != entry.query);
        history.insert(0, entry);
        history.truncate(HISTORY_LIMIT);
        write_json(&self.dir, HISTORY_FILE, &history)?;
        Ok(Recorded { history, set_aside })
    }

    /// Renames an unreadable `name` to `name.broken-UNIXTIME`, keeping it for the user to look at.
    fn set_aside(&self, name: &str) -> Result<PathBuf, StateError> {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        let aside = self.dir.join(format!("{name}.broken-{}", now.map_or(0, |d| d.as_secs())));
        let from = self.dir.join(name);
        fs::rename(&from, &aside).map_err(|error| StateError { path: from, reason: error.to_string() })?;
        Ok(aside)
    }
}

/// What [`Store::record`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The history now, newest first.
    pub history: Vec<HistoryEntry>,
    /// Where an unreadable history was moved before a new one was started.
    pub set_aside: Option<PathBuf>,
}

/// The JSON file at `path`, read up to `limit` bytes; `None` when there is none.
pub(crate) fn read_json<T: for<'de> Deserialize<'de>>(
    path: &Path,
    limit: u64,
) -> Result<Option<T>, StateError> {
    let text = match files::read_text(path, limit) {
        Ok(text) => text,
        Err(ReadError::Missing) => return Ok(None),
        Err(error) => return Err(StateError { path: path.to_path_buf(), reason: error.to_string() }),
    };
    serde_json::from_str(&text).map(Some).map_err(|error| StateError {
        path: path.to_path_buf(),
        reason: format!("line {}, column {}: {error}", error.line(), error.column()),
    })
}

/// Writes `name` in `dir` atomically ([`files::write_atomic`]: a unique temp file, flushed to
/// disk, renamed over the old file).
pub(crate) fn write_json(dir: &Path, name: &str, value: &impl Serialize) -> Result<(), StateError> {
    let target = dir.join(name);
    let failed = |error: &dyn fmt::Display| StateError { path: target.clone(), reason: error.to_string() };
    let text = serde_json::to_vec_pretty(value).map_err(|e| failed(&e))?;
    files::write_atomic(dir, name, &text).map_err(|e| failed(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_store(name: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("kommo-state-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        Store::new(dir)
    }

    fn entry(query: &str, at: i64) -> HistoryEntry {
        HistoryEntry { query: query.into(), at, used: Used::Copied, snapshot: Snapshot::default() }
    }

    #[test]
    fn a_saved_session_comes_back() {
        let store = temp_store("session");
        assert_eq!(store.load_session().unwrap(), None);
        let snapshot = Snapshot {
            selection: vec!["lead_added".into()],
            fields: BTreeMap::from([("entity".to_string(), "lead".to_string())]),
        };
        store.save_session(&snapshot).unwrap();
        assert_eq!(store.load_session().unwrap(), Some(snapshot));
    }

    #[test]
    fn history_is_newest_first_without_duplicates_and_capped() {
        let store = temp_store("history");
        for i in 0..60 {
            store.record(entry(&format!("q{i}"), i)).unwrap();
        }
        store.record(entry("q55", 100)).unwrap();
        let history = store.load_history().unwrap();
        assert_eq!(history.len(), HISTORY_LIMIT);
        assert_eq!(history[0].query, "q55");
        assert_eq!(history[1].query, "q59");
        assert_eq!(history.iter().filter(|e| e.query == "q55").count(), 1);
    }

    #[test]
    fn writes_leave_no_temp_files_behind() {
        let store = temp_store("atomic");
        store.save_session(&Snapshot::default()).unwrap();
        let names: Vec<String> = fs::read_dir(&store.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec![SESSION_FILE.to_string()]);
    }

    #[test]
    fn a_corrupt_file_is_an_error_with_its_place_not_a_panic() {
        let store = temp_store("corrupt");
        fs::create_dir_all(&store.dir).unwrap();
        fs::write(store.dir.join(SESSION_FILE), "{\"selection\": [").unwrap();
        let error = store.load_session().unwrap_err();
        assert!(error.to_string().contains("session.json: line 1"), "{error}");
        fs::write(store.dir.join(HISTORY_FILE), "not json").unwrap();
        assert!(store.load_history().is_err());
        // Recording still works: a broken history is kept aside, not a reason to lose the new query.
        let recorded = store.record(entry("q", 1)).unwrap();
        assert_eq!(recorded.history.len(), 1);
        let aside = recorded.set_aside.expect("the broken file is kept");
        assert_eq!(fs::read_to_string(aside).unwrap(), "not json");
    }

    #[test]
    fn writers_in_parallel_lose_no_query() {
        let store = temp_store("parallel");
        let writers: Vec<_> = (0..4)
            .map(|writer| {
                let store = store.clone();
                std::thread::spawn(move || {
                    for i in 0..10 {
                        store.record(entry(&format!("w{writer}-{i}"), i)).unwrap();
                    }
                })
            })
            .collect();
        writers.into_iter().for_each(|w| w.join().unwrap());
        assert_eq!(store.load_history().unwrap().len(), 40);
    }
}
