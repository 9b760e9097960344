//! Reading and writing the program's own files safely. Reads are bounded whatever the path is (a
//! device such as `/dev/zero` or a FIFO reports no size, so the limit is enforced while reading,
//! not from `metadata`). Writes go through a temp file with a unique, unpredictable name created
//! with `O_EXCL` (a link planted at a guessable name is never followed), flushed to disk, then
//! renamed over the target, and the directory is synced, so a crash leaves the old file or the new
//! one, never half of either. [`Lock`] serialises read-modify-write cycles between processes.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at the path.
    Missing,
    /// A directory where a file was expected.
    Directory,
    /// More than `limit` bytes.
    TooLarge { limit: u64 },
    /// The bytes are not UTF-8 text.
    NotUtf8,
    /// Any other failure, as the system said it.
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing => write!(f, "No such file or directory"),
            ReadError::Directory => write!(f, "it is a directory; name a file"),
            ReadError::TooLarge { limit } => {
                write!(f, "it holds more than {}; is it the right file?", size(*limit))
            }
            ReadError::NotUtf8 => write!(f, "it is not UTF-8 text"),
            ReadError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// `1 MiB`, `64 KiB`, `300 bytes`.
pub fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    match bytes {
        b if b >= KIB * KIB && b % (KIB * KIB) == 0 => format!("{} MiB", b / (KIB * KIB)),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// The text of the file at `path`, at most `limit` bytes. Devices and FIFOs are read up to the
/// limit like any file.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let file = File::open(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(error),
    })?;
    if file.metadata().map_err(ReadError::Io)?.is_dir() {
        return Err(ReadError::Directory);
    }
    read_stream(file, limit)
}

/// Everything `reader` gives, at most `limit` bytes, as text.
pub fn read_stream(reader: impl Read, limit: u64) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|error| match error.kind() {
        // Reading a directory on some systems fails here rather than at open.
        io::ErrorKind::IsADirectory => ReadError::Directory,
        _ => ReadError::Io(error),
    })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)
}

/// Writes `bytes` to `dir/name` atomically (see the module's notes), creating `dir` if needed.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(dir.join(name)).map_err(|error| error.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Not every system can open a directory for this; the rename
/// has happened either way.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An exclusive lock on `dir/name` (a small file kept for the purpose), held until dropped. Every
/// process that changes the files it guards takes it first, so two windows saving at the same
/// moment take turns instead of one overwriting the other's change.
pub struct Lock {
    file: File,
}

impl Lock {
    /// Waits for the lock (another process holds it only for a read and a write).
    pub fn acquire(dir: &Path, name: &str) -> io::Result<Lock> {
        fs::create_dir_all(dir)?;
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(name))?;
        file.lock()?;
        Ok(Lock { file })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("kommo-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_device_is_read_only_up_to_the_limit() {
        let error = read_text(Path::new("/dev/zero"), 4096).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { limit: 4096 }), "{error}");
        assert_eq!(error.to_string(), "it holds more than 4 KiB; is it the right file?");
    }

    #[test]
    fn missing_files_directories_and_bad_text_are_told_apart() {
        let dir = temp_dir("kinds");
        assert!(matches!(read_text(&dir.join("none"), 10), Err(ReadError::Missing)));
        assert!(matches!(read_text(&dir, 10), Err(ReadError::Directory)));
        fs::write(dir.join("bin"), [0xff, 0xfe]).unwrap();
        assert!(matches!(read_text(&dir.join("bin"), 10), Err(ReadError::NotUtf8)));
        fs::write(dir.join("ok"), "hello").unwrap();
        assert_eq!(read_text(&dir.join("ok"), 5).unwrap(), "hello");
        assert!(matches!(read_text(&dir.join("ok"), 4), Err(ReadError::TooLarge { .. })));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temp_name_is_never_followed() {
        let dir = temp_dir("planted");
        let victim = dir.join("victim");
        fs::write(&victim, "keep me").unwrap();
        // The name the first version used: predictable from the process id.
        let planted = dir.join(format!(".session.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomic(&dir, "session.json", b"{}").unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(fs::read_to_string(dir.join("session.json")).unwrap(), "{}");
    }
}
