//! The non-interactive commands, one file each: `list` and `search` ([`catalog`]), `query`
//! ([`query`]), `decode` ([`decode`]), and the clipboard keeper ([`clipboard`]).

mod catalog;
mod clipboard;
mod decode;
mod query;

pub use catalog::{list, search};
pub use clipboard::serve_clipboard;
pub use decode::{decode, DecodeInput};
pub use query::{checked_filter, query};

use std::io::Write;

use serde::Serialize;

use super::CliError;
use crate::text::json_safe;

/// Pretty JSON with nothing in it that acts on a terminal (labels can come from an account).
pub(super) fn write_json(out: &mut impl Write, value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Io(e.into()))?;
    writeln!(out, "{}", json_safe(text))?;
    Ok(())
}
