//! The events a query returns, for people: each change in words ([`describe`]) and the forms
//! `fetch` and `tail` print ([`output`]). Pure: no network, no terminal.

pub mod describe;
pub mod line;
pub mod links;
pub mod output;

pub use describe::{author, change, describe, Described, Names};
pub use line::{event_line, EventLine, LineField};
pub use output::{annotated, csv_header, csv_row, json_line, EventFormat, CSV_COLUMNS};
