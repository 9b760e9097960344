//! `__serve-clipboard`: keeps what the screen copied on X11 after the screen has ended.

use std::io;
use std::process::ExitCode;

use crate::cli::CliError;

pub fn serve_clipboard() -> Result<ExitCode, CliError> {
    // What the screen copied: a query, an event's JSON; the bound only stops a runaway writer.
    let text = crate::files::read_stream(io::stdin().lock(), 64 * 1024 * 1024)
        .map_err(|error| CliError::Io(io::Error::other(error.to_string())))?;
    crate::tui::clipboard::serve_clipboard_until_replaced(&text)
        .map_err(|e| CliError::Io(io::Error::other(e)))?;
    Ok(ExitCode::SUCCESS)
}
