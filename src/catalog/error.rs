//! Why a catalog could not be loaded. Every error names the file, and the line and column where
//! one place in it is to blame, so a broken file is fixed without guessing; the whole load fails,
//! so a partial catalog is never presented as complete.

use std::fmt;

/// A 1-based line and column (in chars) inside a catalog file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in chars.
    pub column: usize,
}

impl Place {
    /// The place of byte `offset` in `text` (clamped to the text's end).
    pub fn of_offset(text: &str, offset: usize) -> Place {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Place { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }
}

/// Why a catalog file could not be used. Each variant names the file (`source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// The path could not be opened or read (missing, no permission, I/O error).
    Unreadable { source: String, reason: String },
    /// The path is a directory.
    Directory { source: String },
    /// The file is larger than [`super::MAX_FILE_BYTES`].
    TooLarge { source: String, limit: u64 },
    /// The file holds nothing but whitespace.
    Empty { source: String },
    /// The file is not UTF-8 text.
    NotUtf8 { source: String, place: Place },
    /// Not JSON, or JSON of the wrong shape or types.
    Syntax { source: String, place: Place, message: String },
    /// Valid JSON, but neither a kommo-events catalog nor Kommo's event-types answer.
    UnknownFormat { source: String },
    /// A schema version this program does not know.
    UnsupportedVersion { source: String, version: u32 },
    /// The file defines no event type at all.
    NoEvents { source: String },
    /// Two entries of the same file share a code.
    DuplicateCode { source: String, place: Place, code: String },
    /// Two groups of the same file share an id.
    DuplicateGroup { source: String, place: Place, id: String },
    /// An event names a group that neither the file nor the catalog defines.
    UnknownGroup { source: String, place: Place, code: String, group: String },
    /// A required text is empty.
    EmptyField { source: String, place: Place, code: String, field: &'static str },
    /// A code with characters Kommo never uses in one (spaces, quotes, control characters…).
    InvalidCode { source: String, place: Place, code: String },
}

impl CatalogError {
    /// The file or name the error is about.
    pub fn source_name(&self) -> &str {
        match self {
            Self::Unreadable { source, .. }
            | Self::Directory { source }
            | Self::TooLarge { source, .. }
            | Self::Empty { source }
            | Self::NotUtf8 { source, .. }
            | Self::Syntax { source, .. }
            | Self::UnknownFormat { source }
            | Self::UnsupportedVersion { source, .. }
            | Self::NoEvents { source }
            | Self::DuplicateCode { source, .. }
            | Self::DuplicateGroup { source, .. }
            | Self::UnknownGroup { source, .. }
            | Self::EmptyField { source, .. }
            | Self::InvalidCode { source, .. } => source,
        }
    }
}

/// A value from the file, quoted short and printable: a catalog is untrusted input.
fn short(text: &str) -> String {
    crate::text::snippet(text, 80)
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable { source, reason } => write!(f, "{source}: cannot read the catalog: {reason}"),
            Self::Directory { source } => {
                write!(f, "{source}: is a directory; pass a catalog file (JSON) to --catalog")
            }
            Self::TooLarge { source, limit } => write!(
                f,
                "{source}: the catalog is larger than {} MiB, far beyond any Kommo account; check the file",
                limit / (1024 * 1024)
            ),
            Self::Empty { source } => write!(
                f,
                "{source}: the file is empty; expected a kommo-events catalog or the saved answer of \
                 GET /api/v4/events/types"
            ),
            Self::NotUtf8 { source, place } => {
                write!(
                    f,
                    "{source}:{}:{}: the file is not UTF-8 text; save it as UTF-8",
                    place.line, place.column
                )
            }
            Self::Syntax { source, place, message } => {
                let message = crate::text::snippet(message, 300);
                write!(f, "{source}:{}:{}: {message}", place.line, place.column)
            }
            Self::UnknownFormat { source } => write!(
                f,
                "{source}: not a catalog: expected \"version\" and \"events\" (the assets/events.json \
                 schema) or \"_embedded\".\"events_types\" (Kommo's GET /api/v4/events/types answer)"
            ),
            Self::UnsupportedVersion { source, version } => {
                write!(f, "{source}: catalog version {version} is not supported; use \"version\": 1")
            }
            Self::NoEvents { source } => write!(f, "{source}: the catalog holds no event types"),
            Self::DuplicateCode { source, place, code } => {
                let code = short(code);
                write!(
                    f,
                    "{source}:{}:{}: event code {code:?} appears twice in this file; keep one entry per code",
                    place.line, place.column
                )
            }
            Self::DuplicateGroup { source, place, id } => {
                let id = short(id);
                write!(
                    f,
                    "{source}:{}:{}: group id {id:?} appears twice; keep one entry per group",
                    place.line, place.column
                )
            }
            Self::UnknownGroup { source, place, code, group } => {
                let code = short(code);
                let group = short(group);
                write!(
                    f,
                    "{source}:{}:{}: event {code:?} names group {group:?}, which is neither in \"groups\" \
                     nor built in; add it or fix the name",
                    place.line, place.column
                )
            }
            Self::EmptyField { source, place, code, field } => {
                let code = short(code);
                write!(
                    f,
                    "{source}:{}:{}: event {code:?} has an empty {field:?}; fill it in",
                    place.line, place.column
                )
            }
            Self::InvalidCode { source, place, code } => {
                let code = short(code);
                write!(
                    f,
                    "{source}:{}:{}: event code {code:?} is not a Kommo code (letters, digits and _ only, at most {} characters)",
                    place.line,
                    place.column,
                    super::MAX_CODE_CHARS
                )
            }
        }
    }
}

impl std::error::Error for CatalogError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_one_based_and_count_chars() {
        let text = "{\n  \"ñ\": 1,\n  x";
        assert_eq!(Place::of_offset(text, 0), Place { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(Place::of_offset(text, x), Place { line: 3, column: 3 });
        let one = text.find('1').unwrap();
        assert_eq!(Place::of_offset(text, one), Place { line: 2, column: 8 });
    }
}
