//! The account's names on the screen as data: a refresh under way, and what a finished one
//! brought or why it failed. `update/names.rs` changes the state with them; the fetch itself runs
//! off the screen's thread (`tui::refresher`).

use std::time::Instant;

use crate::account::{Account, Part};
use crate::api::ApiError;

/// A refresh under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamesRefresh {
    /// The part being fetched, once the first one has started.
    pub part: Option<Part>,
    /// When it started (drives the spinner).
    pub started: Instant,
}

/// What a finished refresh brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefreshedNames {
    pub account: Account,
    /// Parts the account would not give (`/users` to a non-admin token), with why.
    pub skipped: Vec<(Part, ApiError)>,
    /// Parts an `--account-dir` does not have a file for.
    pub missing: Vec<Part>,
    /// Why the names could not be kept in the cache (they are used anyway).
    pub not_saved: Option<String>,
}

/// Why a refresh brought nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NamesFailure {
    /// The account answered with an error, or could not be reached.
    Api(ApiError),
    /// An `--account-dir` file could not be read (the reason names the file and place).
    File(String),
}
