//! Domain search for event types: accent/case folding, fzf's extended query
//! syntax and multi-field fuzzy matching with highlight positions.
//!
//! Kept free of any terminal code so it can be tested on its own and reused
//! by any front end.

mod exact;
mod fold;
mod fuzzy;
mod matcher;
mod query;

pub use fold::{fold, fold_append, fold_into};
pub use matcher::{rank, Match, Matcher};
pub use query::Query;
