//! Reading a catalog file from a path: refuses directories and oversized files before reading,
//! and text that is not UTF-8, each with an error that names the path.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::error::{CatalogError, Place};

/// Catalog files larger than this are refused: the answer of a Kommo account with a million
/// custom fields is about 100 MiB, so this leaves room without letting a wrong file (a disk
/// image, a log) eat the memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The text of the file at `path`, named `source` in errors. Pipes (`--catalog <(curl …)`) work
/// too: they are read up to the same limit.
pub(super) fn read_text(path: &Path, source: &str) -> Result<String, CatalogError> {
    let unreadable = |error: std::io::Error| CatalogError::Unreadable {
        source: source.to_string(),
        reason: error.to_string(),
    };
    let metadata = std::fs::metadata(path).map_err(unreadable)?;
    if metadata.is_dir() {
        return Err(CatalogError::Directory { source: source.to_string() });
    }
    let too_large = || CatalogError::TooLarge { source: source.to_string(), limit: MAX_FILE_BYTES };
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let file = File::open(path).map_err(unreadable)?;
    let capacity = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        // The valid prefix is UTF-8 by definition; the place is counted in it.
        let prefix = std::str::from_utf8(&error.as_bytes()[..valid]).unwrap_or_default();
        CatalogError::NotUtf8 { source: source.to_string(), place: Place::of_offset(prefix, valid) }
    })
}
