//! The account's request budget shared between programs: the screen, `fetch` and `tail` running
//! at once on one machine take their turns from one small record in the state directory, under a
//! file lock, so that together they never start more than the budget in any window.
//!
//! The record is a text file of at most [`MAX_LINES`] lines: `pause MS` when a 429 holds the
//! account until that moment, then the start times of the latest requests, in Unix milliseconds
//! (the wall clock is the one clock every process shares). Anything else in it is ignored, so a
//! damaged record costs at most one window of sharing, never a crash.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::limiter::{Cancel, Cancelled};

/// The most lines the record keeps (and reads): a budget is a handful of starts.
const MAX_LINES: usize = 64;
/// The most bytes read from the record: anything longer was not written by us.
const MAX_BYTES: u64 = 4096;

/// One account's budget, shared through `path`.
#[derive(Debug)]
pub struct SharedBudget {
    path: PathBuf,
    max: usize,
    window: Duration,
}

/// What the record holds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Record {
    pause_until: Option<u64>,
    starts: Vec<u64>,
}

impl SharedBudget {
    /// At most `max` starts in any `window` among every program that uses the record at `path`.
    pub fn new(path: impl Into<PathBuf>, max: usize, window: Duration) -> SharedBudget {
        SharedBudget { path: path.into(), max: max.clamp(1, MAX_LINES - 1), window }
    }

    /// The record of the account `account_key` (see
    /// [`BaseUrl::account_key`](super::BaseUrl::account_key)) in the state directory `dir`.
    pub fn in_state_dir(dir: &Path, account_key: &str, max: usize, window: Duration) -> SharedBudget {
        SharedBudget::new(dir.join("budget").join(format!("{account_key}.txt")), max, window)
    }

    /// Where the record is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits until a request may start by the shared record, and records its start. When the
    /// record cannot be used (a read-only disk), the request goes on under this program's own
    /// limiter alone: sharing is a courtesy to the other programs, never a reason to stop.
    pub fn take(&self, cancel: &Cancel) -> Result<(), Cancelled> {
        loop {
            let wait = match self.try_take(now_ms()) {
                Ok(None) | Err(_) => return Ok(()),
                Ok(Some(wait)) => wait,
            };
            if !cancel.sleep(wait) {
                return Err(Cancelled);
            }
        }
    }

    /// Holds every program back until `until` (a 429's Retry-After).
    pub fn pause_until(&self, until: SystemTime) {
        let until = until.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
        let _ = self.with_record(|record| {
            record.pause_until = Some(record.pause_until.map_or(until, |current| current.max(until)));
            None::<()>
        });
    }

    /// Records a start at `now` when one fits, else says how long to wait.
    fn try_take(&self, now: u64) -> std::io::Result<Option<Duration>> {
        let window = self.window.as_millis() as u64;
        let max = self.max;
        self.with_record(|record| {
            if let Some(until) = record.pause_until.filter(|until| *until > now) {
                return Some(Duration::from_millis(until - now));
            }
            record.pause_until = None;
            // A start in the future is a clock that jumped back: it counts until it is old.
            record.starts.retain(|start| now.saturating_sub(*start) < window);
            if record.starts.len() < max {
                record.starts.push(now);
                return None;
            }
            let oldest = record.starts.iter().min().copied().unwrap_or(now);
            Some(Duration::from_millis((oldest + window).saturating_sub(now).max(1)))
        })
    }

    /// Reads the record under the lock, lets `change` change it, writes it back, and returns what
    /// `change` returned.
    fn with_record<T>(&self, change: impl FnOnce(&mut Record) -> Option<T>) -> std::io::Result<Option<T>> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut file =
            OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&self.path)?;
        file.lock()?;
        let result = read_record(&mut file).and_then(|mut record| {
            let answer = change(&mut record);
            write_record(&mut file, &record)?;
            Ok(answer)
        });
        let _ = file.unlock();
        result
    }
}

fn read_record(file: &mut File) -> std::io::Result<Record> {
    let mut bytes = Vec::new();
    Read::by_ref(file).take(MAX_BYTES).read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut record = Record::default();
    for line in text.lines().take(MAX_LINES) {
        match line.split_once(' ') {
            Some(("pause", ms)) => record.pause_until = ms.trim().parse().ok(),
            _ => record.starts.extend(line.trim().parse::<u64>().ok()),
        }
    }
    Ok(record)
}

fn write_record(file: &mut File, record: &Record) -> std::io::Result<()> {
    let mut text = String::new();
    if let Some(until) = record.pause_until {
        text.push_str(&format!("pause {until}\n"));
    }
    for start in record.starts.iter().rev().take(MAX_LINES - 1).rev() {
        text.push_str(&format!("{start}\n"));
    }
    file.seek(SeekFrom::Start(0))?;
    file.set_len(0)?;
    file.write_all(text.as_bytes())
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(name: &str, max: usize) -> SharedBudget {
        let dir = std::env::temp_dir().join(format!("kommo-budget-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        SharedBudget::in_state_dir(&dir, "acme.kommo.com", max, Duration::from_millis(1000))
    }

    #[test]
    fn two_budgets_on_one_record_share_its_starts() {
        let first = budget("share", 3);
        let second = SharedBudget::new(first.path(), 3, Duration::from_millis(1000));
        let now = 1_000_000;
        assert_eq!(first.try_take(now).unwrap(), None);
        assert_eq!(second.try_take(now + 10).unwrap(), None);
        assert_eq!(first.try_take(now + 20).unwrap(), None);
        // The fourth start in the window waits until the first leaves it.
        assert_eq!(second.try_take(now + 30).unwrap(), Some(Duration::from_millis(970)));
        assert_eq!(second.try_take(now + 1000).unwrap(), None);
    }

    #[test]
    fn a_pause_holds_every_program_back_and_a_damaged_record_is_ignored() {
        let budget = budget("pause", 7);
        std::fs::create_dir_all(budget.path().parent().unwrap()).unwrap();
        std::fs::write(budget.path(), "garbage\n\u{0}\u{1}\npause x\n").unwrap();
        let now = now_ms();
        assert_eq!(budget.try_take(now).unwrap(), None, "nothing in the damaged record counts");
        budget.pause_until(UNIX_EPOCH + Duration::from_millis(now + 5000));
        let wait = budget.try_take(now + 1000).unwrap();
        assert_eq!(wait, Some(Duration::from_millis(4000)));
        let text = std::fs::read_to_string(budget.path()).unwrap();
        assert!(text.lines().count() <= MAX_LINES && text.starts_with("pause "), "{text}");
    }
}
