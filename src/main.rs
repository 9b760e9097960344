//! `kommo-events`: see README.md.

use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic is a bug. The panic hook has already restored the terminal and printed the message;
    // exit 1 like any other error instead of Rust's 101, so the exit codes stay the documented ones.
    std::panic::catch_unwind(kommo_events::cli::run).unwrap_or(ExitCode::FAILURE)
}
