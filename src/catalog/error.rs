//! Why a catalog could not be loaded. Every error names the file, and the line and column where
//! one place in it is to blame, so a broken file is fixed without guessing; the whole load fails,
//! so a partial catalog is never presented as complete.

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

// The words of each error (English and Spanish) are in i18n/cli_messages.rs, with `Display`.
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
