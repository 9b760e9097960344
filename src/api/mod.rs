//! Talking to a Kommo account: where requests go and with which token ([`connection`]), the
//! shared request budget ([`limiter`]), one request with its retries ([`client`]), following
//! pages ([`pages`]), following new events ([`tail`]), and what can go wrong ([`error`]).
//!
//! No terminal code here: the command line and the screen both call it. For a screen, share one
//! [`Client`] in an `Arc` and call [`spawn_events`]; the pages, retries, the end or the error
//! come over a channel, and a [`Cancel`] stops it.

pub mod ahead;
pub mod budget;
pub mod client;
pub mod connection;
pub mod error;
pub mod limiter;
pub mod notes;
pub mod pages;
pub mod tail;

pub use ahead::fetch_events_ahead;
pub use budget::SharedBudget;
pub use client::{parse_retry_after, Client, Notice, RetryReason};
pub use connection::{is_account_host, BaseUrl, Connection, Token};
pub use error::{ApiError, BaseUrlProblem, ValidationError};
pub use limiter::{Cancel, Cancelled, Limiter, KOMMO_MAX_PER_WINDOW, KOMMO_WINDOW};
pub use notes::{attach_notes, NOTE_KEY};
pub use pages::{
    events_path, fetch_collection, fetch_events, spawn_events, spawn_events_with, FetchSummary, FetchUpdate,
    Page, PAGE_GUARD,
};
pub use tail::{run_tail, spawn_tail, Cursor, TailRequest, TailUpdate};
