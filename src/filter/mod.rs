//! The `GET /api/v4/events` filter: the model, parsing of what a user types, the Kommo rules,
//! and the query string. Pure domain code: no terminal here, so the screen and the scriptable
//! commands share it.

pub mod code;
pub mod date;
pub mod decode;
pub mod draft;
pub mod encode;
pub mod format;
pub mod model;
pub mod model_json;
pub mod parse;
pub mod relative;
pub mod rules;
pub mod suggest;

pub use date::{format_moment, parse_moment, Bound, DatePart};
pub use decode::{decode, DecodeProblem, DecodeProblemKind, Decoded, DetectedStyles};
pub use draft::{Built, Draft, DraftField};
pub use encode::{
    percent_encode, to_encoded_query, to_pairs, to_query, EncodeOptions, ListStyle, RangeStyle,
};
pub use format::{
    endpoint, events_url, render, shell_quote, FormatOptions, QueryFormat, EVENTS_PATH,
    SUBDOMAIN_PLACEHOLDER, TOKEN_VARIABLE,
};
pub use model::{
    looks_like_per_field_type, per_field_type_code, per_field_type_id, CreatedAt, Entity, Filter, Parameter,
    Side, StagePair, ValueFilter, ValueKey, WithName, PER_FIELD_TEMPLATE,
};
pub use parse::{FieldError, NumberProblem, StagePart, Token};
pub use rules::{
    types_needed, unknown_types, validate, validate_written, value_key_accepted_by, value_key_applies,
    Problem, ProblemKind, Severity,
};
