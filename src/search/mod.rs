//! Domain search for event types: accent/case folding, fzf's extended query
//! syntax and multi-field fuzzy matching with highlight positions; and the same
//! syntax filtering a growing list without ranking it (the events a run loaded).
//!
//! Kept free of any terminal code so it can be tested on its own and reused
//! by any front end.

mod exact;
mod filtered;
mod fold;
mod fuzzy;
pub mod index;
mod matcher;
mod query;
pub mod words;

pub use filtered::FilteredList;
pub use fold::{fold, fold_append, fold_into};
pub use index::{GroupHits, Hit, LastSearch, TypeIndex};
pub use matcher::{rank, Match, Matcher};
pub use query::Query;
