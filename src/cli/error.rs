//! What can stop a command, as data: the kind decides the exit code, and the words are chosen
//! once, at the edge ([`crate::i18n::cli_messages::error`]), in the user's language.

use std::io;

use crate::api::ApiError;
use crate::catalog::CatalogError;
use crate::config::ConfigError;

/// A failure reported on stderr, with the exit code it maps to.
#[derive(Debug)]
pub enum CliError {
    /// A flag or argument that cannot be used as given.
    Usage(Usage),
    /// A `--catalog` file (or the config's `catalogs`) that cannot be loaded.
    Catalog(CatalogError),
    /// The config file cannot be used.
    Config(ConfigError),
    /// The account's names have nowhere to live.
    Account(AccountSetup),
    /// Reading or writing failed (stdout closed, a full disk).
    Io(io::Error),
}

/// A flag or argument that cannot be used as given.
#[derive(Debug)]
pub enum Usage {
    /// The screen was asked for, but there is no terminal to draw on.
    NoTerminal,
    /// `--resume`, but no session was saved yet.
    NoSavedSession,
    /// `list --group ID` names no group; `known` are the ids there are.
    UnknownGroup { id: String, known: Vec<String> },
    /// `query --base-url` is not an address the program can use.
    BaseUrl(ApiError),
    /// `tail --interval` outside (0, 86400] seconds.
    Interval(f64),
    /// `decode -` could not read standard input.
    Stdin(String),
    /// `fetch --resume FILE` cannot go on from that file.
    Resume(super::resume::ResumeError),
    /// `--account`, `KOMMO_ACCOUNT` or `account use` names an account the config does not have;
    /// `known` are the ones it has, `config` the file (`None`: no file was read, `--no-config`).
    UnknownAccount {
        name: String,
        chosen_by: super::settings::ChosenBy,
        known: Vec<String>,
        config: Option<std::path::PathBuf>,
    },
}

/// Where the account's names would be saved, when there is no such place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountSetup {
    /// `account refresh` has no cache directory to write to.
    NoCacheToWrite,
    /// `account show` has no cache directory to read.
    NoCacheToRead,
}

/// Exit code for bad usage or input.
pub const EXIT_USAGE: u8 = 2;

impl CliError {
    /// The exit code: 2 for what the user can fix in the command line or its files, 1 for I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::Catalog(_) | CliError::Config(_) | CliError::Account(_) => {
                EXIT_USAGE
            }
            CliError::Io(_) => 1,
        }
    }
}

impl From<io::Error> for CliError {
    fn from(error: io::Error) -> Self {
        CliError::Io(error)
    }
}

impl From<Usage> for CliError {
    fn from(usage: Usage) -> Self {
        CliError::Usage(usage)
    }
}
