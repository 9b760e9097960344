//! Any events URL, query string or command a user has → the [`Filter`] it asks for, the styles it
//! was written in, and what could not be read.
//!
//! Accepted: a whole URL (`https://x.kommo.com/api/v4/events?…`), a path (`/api/v4/events?…`),
//! `?…`, a bare query, each with or without a `#fragment`, percent-encoded or readable, in both
//! list styles (`a,b`, `[]=a&[]=b`, `[0]=a`) and both range styles; a `curl` or HTTPie command
//! as [`render`](super::format::render) writes them (or as the docs print them), a quoted URL,
//! and an HTTP request line (`GET /api/v4/events?… HTTP/1.1`). Whitespace around the input and
//! line breaks inside it (terminal wrapping) are ignored.
//!
//! Nothing here fails: every input gives a [`Decoded`], whatever could not be understood is kept
//! in [`Decoded::unknown`] or named in [`Decoded::errors`]. The Kommo rules are not checked here;
//! run [`validate`](super::rules::validate) on the filter for that.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

mod input;

use super::encode::{EncodeOptions, ListStyle, RangeStyle};
use super::format::QueryFormat;
use super::model::{CreatedAt, Entity, Filter, Parameter, Side, StagePair, ValueKey, WithName};
use super::parse::{
    dedup, parse_id_item, parse_positive, parse_unix_seconds, parse_user_item, parse_value, snippet_of,
    FieldError, StagePart, LONG_SNIPPET_CHARS,
};
use super::rules::Severity;
use input::locate;

/// How many characters of a parameter name a problem keeps: the longest real key,
/// `filter[value_before][leads_statuses][0][pipeline_id]`, has 52.
const KEY_CHARS: usize = 80;

/// What a query asks for, how it was written, and what could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Decoded {
    /// Everything that was understood. Lists keep their first order without duplicates, as the
    /// composer's parsers do.
    pub filter: Filter,
    /// How the query was written, to write it back the same way.
    pub styles: DetectedStyles,
    /// Parameters that are not part of the events filter, as `(key, value)` percent-decoded, in
    /// input order: kept so nothing the user pasted silently disappears.
    pub unknown: Vec<(String, String)>,
    /// Values that do not parse and mistakes in the query's shape, in query order.
    pub errors: Vec<DecodeProblem>,
    /// Each value that did not parse, as written, with its parameter: left out of the filter, but
    /// kept so the screen can put it back in its field for the user to fix.
    pub failed: Vec<(Parameter, String)>,
    /// The scheme and host when the input was a whole URL (`https://x.kommo.com`), with any path
    /// before `/api/v4/events` (a proxy's `https://proxy/kommo`), for
    /// [`FormatOptions::base_url`](super::format::FormatOptions::base_url).
    pub base_url: Option<String>,
}

/// The styles a query was written in. A style the query does not show (no list, no range) is
/// `None`; when a query mixes styles, the first one seen counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
pub struct DetectedStyles {
    /// The style of the `filter[…]` lists (`with` is a comma list in every doc, so it does not
    /// count).
    pub list: Option<ListStyle>,
    /// The style of `filter[created_at]`.
    pub range: Option<RangeStyle>,
    /// True when keys came percent-encoded (`filter%5Btype%5D`) or a list's separating commas
    /// did (`%2C`).
    pub encoded: bool,
}

impl DetectedStyles {
    /// The encode options that write the query back in these styles (the defaults where the
    /// query showed none).
    pub fn encode_options(&self) -> EncodeOptions {
        EncodeOptions {
            list_style: self.list.unwrap_or_default(),
            range_style: self.range.unwrap_or_default(),
        }
    }

    /// `encoded` or `query`, as the input was written.
    pub fn query_format(&self) -> QueryFormat {
        if self.encoded {
            QueryFormat::Encoded
        } else {
            QueryFormat::Query
        }
    }
}

/// Something in the query that could not be read as a filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeProblem {
    /// The parameter as written, percent-decoded (`filter[entity_id][]`), shortened and
    /// without control characters; for [`DecodeProblemKind::NotEventsPath`], the path.
    pub parameter: String,
    /// What is wrong.
    pub kind: DecodeProblemKind,
}

impl DecodeProblem {
    /// Errors lose part of the filter; warnings keep a filter that may not be what was meant.
    pub fn severity(&self) -> Severity {
        match self.kind {
            DecodeProblemKind::Value(_)
            | DecodeProblemKind::HalfStagePair { .. }
            | DecodeProblemKind::ResponseShapeKey { .. }
            | DecodeProblemKind::TooManyRangeValues { .. } => Severity::Error,
            DecodeProblemKind::Repeated { .. } | DecodeProblemKind::NotEventsPath => Severity::Warning,
        }
    }
}

/// What is wrong with a parameter of a decoded query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblemKind {
    /// A value that does not parse; it is left out of the filter.
    Value(FieldError),
    /// One id of a `leads_statuses[N]` pair without the other; the pair is left out.
    HalfStagePair {
        /// The id that is not there.
        missing: StagePart,
    },
    /// `lead_status` (the response's shape) where the filter key is `leads_statuses`; Kommo does
    /// not filter by it, so it is left out.
    ResponseShapeKey {
        /// The parameter and value as they should be written.
        fix: String,
    },
    /// A parameter that takes one value was given different values; the last is kept, as PHP
    /// reads a query.
    Repeated {
        /// The value kept, shortened.
        kept: String,
        /// The value dropped, shortened.
        dropped: String,
    },
    /// `filter[created_at]` with more than the two ends of a range; it is left out.
    TooManyRangeValues {
        /// How many values it has.
        count: usize,
    },
    /// The URL is not `…/api/v4/events`: the query may be meant for another route.
    NotEventsPath,
}

/// Every key a query of the events route can have, with list indexes written `[0]`: what a
/// key that is not understood is compared with for "did you mean …?".
fn known_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "filter[type]",
        "filter[entity]",
        "filter[entity_id]",
        "filter[created_by]",
        "filter[created_at]",
        "filter[created_at][from]",
        "filter[created_at][to]",
        "filter[id]",
        "with",
        "page",
        "limit",
    ]
    .map(str::to_owned)
    .to_vec();
    for side in ["value_before", "value_after"] {
        for id in ["pipeline_id", "status_id"] {
            keys.push(format!("filter[{side}][leads_statuses][0][{id}]"));
        }
        keys.push(format!("filter[{side}][customers_statuses][0][status_id]"));
        for key in ["responsible_user_id", "custom_field_values", "value"] {
            keys.push(format!("filter[{side}][{key}]"));
        }
    }
    keys
}

/// The known key closest to one that is not understood (`filtre[entity]` → `filter[entity]`,
/// `filter[typ]` → `filter[type]`), if one is near.
pub fn closest_key(key: &str) -> Option<String> {
    // `[]` and list indexes say nothing about which key was meant.
    let mut shape = key.trim().trim_end_matches("[]").to_owned();
    for digit_run in shape.clone().split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()) {
        shape = shape.replace(&format!("[{digit_run}]"), "[0]");
    }
    let known = known_keys();
    super::suggest::closest(&shape, known.iter().map(String::as_str)).into_iter().next()
}

/// Reads `input`; never panics, whatever it is. The JSON format (the filter model) is read back
/// too: it has no styles of its own.
pub fn decode(input: &str) -> Decoded {
    if input.trim_start().starts_with('{') {
        if let Some((query, unknown)) = super::model_json::to_query(input) {
            let mut decoded = decode(&query);
            decoded.styles = DetectedStyles::default();
            decoded.unknown.extend(unknown);
            return decoded;
        }
    }
    let request = locate(input);
    let mut reader = Reader::default();
    if let Some(path) = request.wrong_path {
        reader.problem(None, &path, DecodeProblemKind::NotEventsPath);
    }
    for piece in request.query.split('&') {
        if piece.trim().is_empty() {
            continue;
        }
        let (raw_key, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
        // `&=&` is nothing; `=x` is kept as unknown so no pasted text silently disappears.
        if raw_key.trim().is_empty() && raw_value.trim().is_empty() {
            continue;
        }
        reader.read(raw_key, raw_value);
    }
    let mut decoded = reader.finish();
    decoded.base_url = request.base_url;
    decoded
}

/// `%XX` → the byte and `+` → space (form encoding, as PHP reads a query); a `%` that does not
/// start an escape is kept. Invalid UTF-8 becomes `�`. The flag tells whether an escape was seen.
fn percent_decode(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let escaped =
        bytes.windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
    // A raw `+` is a space; an encoded one (`%2B`) is a plus, so the swap comes before decoding.
    let spaced = text.replace('+', " ");
    (percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy().into_owned(), escaped)
}

/// `filter[value_after][leads_statuses][0]` → `("filter", ["value_after", "leads_statuses", "0"])`;
/// `None` when the brackets are not balanced pairs.
fn split_key(key: &str) -> Option<(&str, Vec<&str>)> {
    let base_end = key.find(['[', ']']).unwrap_or(key.len());
    let (base, mut rest) = key.split_at(base_end);
    let mut segments = Vec::new();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(['[', ']'])?;
        let (segment, after) = inner.split_at(close);
        rest = after.strip_prefix(']')?;
        segments.push(segment);
    }
    Some((base, segments))
}

/// Whether an understood key is a list, whose `%2C` separators tell an encoded query (a
/// readable query encodes a comma only inside a value).
fn is_list_key(key: &str) -> bool {
    !key.contains("[value]") && !key.contains("[created_at]") && !matches!(key, "limit" | "page")
}

/// `[]` or `[N]`: one item of a bracket-style list.
fn is_item_index(segment: &str) -> bool {
    segment.bytes().all(|b| b.is_ascii_digit())
}

/// The style a list key's suffix shows: none for `a,b`, `[]` or `[N]` for one item.
fn list_suffix(suffix: &[&str]) -> Option<ListStyle> {
    match suffix {
        [] => Some(ListStyle::Comma),
        [index] if is_item_index(index) => Some(ListStyle::Brackets),
        _ => None,
    }
}

/// A list parameter of the filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ListKey {
    Type,
    Entity,
    EntityId,
    CreatedBy,
    Id,
    Responsible(Side),
    CustomFieldValues(Side),
    /// `customers_statuses[N][status_id]`: indexed in every style, read as a list of ids.
    CustomerStages(Side),
    With,
}

impl ListKey {
    fn parameter(self) -> Parameter {
        match self {
            ListKey::Type => Parameter::Type,
            ListKey::Entity => Parameter::Entity,
            ListKey::EntityId => Parameter::EntityId,
            ListKey::CreatedBy => Parameter::CreatedBy,
            ListKey::Id => Parameter::Id,
            ListKey::Responsible(side) => Parameter::value(side, ValueKey::ResponsibleUserId),
            ListKey::CustomFieldValues(side) => Parameter::value(side, ValueKey::CustomFieldValues),
            ListKey::CustomerStages(side) => Parameter::value(side, ValueKey::CustomersStatuses),
            ListKey::With => Parameter::With,
        }
    }
}

/// A parameter that takes one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum SingleKey {
    From,
    To,
    Value(Side),
    Page,
    Limit,
}

impl SingleKey {
    fn parameter(self) -> Parameter {
        match self {
            SingleKey::From | SingleKey::To => Parameter::CreatedAt,
            SingleKey::Value(side) => Parameter::value(side, ValueKey::Value),
            SingleKey::Page => Parameter::Page,
            SingleKey::Limit => Parameter::Limit,
        }
    }
}

/// A value with the key it was written under, for messages.
#[derive(Clone, Debug)]
struct Written {
    key: String,
    value: String,
}

/// One `leads_statuses[N]` entry being collected.
struct StageGroup {
    side: Side,
    /// `filter[value_after][leads_statuses][N]` as written.
    key: String,
    pipeline: Option<Written>,
    status: Option<Written>,
}

/// The query's parameters, collected before any value is parsed, so repeated parameters merge.
#[derive(Default)]
struct Reader {
    lists: HashMap<ListKey, Vec<Written>>,
    singles: HashMap<SingleKey, Written>,
    /// `filter[created_at][]=A&filter[created_at][]=B`: the ends in order.
    range_items: Vec<Written>,
    stages: Vec<StageGroup>,
    stage_index: HashMap<(Side, String), usize>,
    styles: DetectedStyles,
    unknown: Vec<(String, String)>,
    /// Each problem with the parameter it sorts under (`None` first: the URL's path).
    problems: Vec<(Option<Parameter>, DecodeProblem)>,
    failed: Vec<(Parameter, String)>,
}

impl Reader {
    fn problem(&mut self, at: Option<Parameter>, parameter: &str, kind: DecodeProblemKind) {
        let parameter = snippet_of(parameter, KEY_CHARS);
        self.problems.push((at, DecodeProblem { parameter, kind }));
    }

    fn read(&mut self, raw_key: &str, raw_value: &str) {
        let (key, key_escaped) = percent_decode(raw_key.trim());
        let (value, _) = percent_decode(raw_value);
        let understood = match split_key(key.trim()) {
            Some((base, segments)) => self.read_known(base, &segments, key.trim(), &value),
            None => false,
        };
        if !understood {
            self.unknown.push((key, value));
            return;
        }
        let comma_escaped = raw_value.contains("%2C") || raw_value.contains("%2c");
        if key_escaped || (comma_escaped && is_list_key(key.trim())) {
            self.styles.encoded = true;
        }
    }

    /// Files one parameter; false when it is not part of the events filter.
    fn read_known(&mut self, base: &str, segments: &[&str], key: &str, value: &str) -> bool {
        match (base, segments) {
            ("filter", [name, rest @ ..]) => self.read_filter(name, rest, key, value),
            ("with", suffix) => list_suffix(suffix).is_some_and(|_| {
                self.push_items(ListKey::With, key, value);
                true
            }),
            ("limit", []) => self.set_single(SingleKey::Limit, key, value),
            ("page", []) => self.set_single(SingleKey::Page, key, value),
            _ => false,
        }
    }

    fn read_filter(&mut self, name: &str, rest: &[&str], key: &str, value: &str) -> bool {
        let list = match name {
            "type" => ListKey::Type,
            "entity" => ListKey::Entity,
            "entity_id" => ListKey::EntityId,
            "created_by" => ListKey::CreatedBy,
            "id" => ListKey::Id,
            "created_at" => return self.read_created_at(rest, key, value),
            "value_before" => return self.read_value(Side::Before, rest, key, value),
            "value_after" => return self.read_value(Side::After, rest, key, value),
            _ => return false,
        };
        self.read_list(list, rest, key, value)
    }

    fn read_list(&mut self, list: ListKey, suffix: &[&str], key: &str, value: &str) -> bool {
        let Some(style) = list_suffix(suffix) else {
            return false;
        };
        self.styles.list.get_or_insert(style);
        self.push_items(list, key, value);
        true
    }

    /// Adds the comma-separated items of `value`, trimmed, empty ones dropped.
    fn push_items(&mut self, list: ListKey, key: &str, value: &str) {
        let items = value
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Written { key: key.to_owned(), value: item.to_owned() });
        self.lists.entry(list).or_default().extend(items);
    }

    /// Keeps the last of different values, as PHP does, and says so.
    fn set_single(&mut self, single: SingleKey, key: &str, value: &str) -> bool {
        let new = Written { key: key.to_owned(), value: value.to_owned() };
        if let Some(old) = self.singles.insert(single, new) {
            if old.value.trim() != value.trim() {
                let kind = DecodeProblemKind::Repeated {
                    kept: snippet_of(value, LONG_SNIPPET_CHARS),
                    dropped: snippet_of(&old.value, LONG_SNIPPET_CHARS),
                };
                self.problem(Some(single.parameter()), key, kind);
            }
        }
        true
    }

    fn read_created_at(&mut self, rest: &[&str], key: &str, value: &str) -> bool {
        match rest {
            ["from"] => self.set_range(RangeStyle::FromTo, SingleKey::From, key, value),
            ["to"] => self.set_range(RangeStyle::FromTo, SingleKey::To, key, value),
            [] => self.read_comma_range(key, value),
            [index] if is_item_index(index) => {
                self.styles.range.get_or_insert(RangeStyle::Comma);
                self.range_items.push(Written { key: key.to_owned(), value: value.to_owned() });
                true
            }
            _ => false,
        }
    }

    fn set_range(&mut self, style: RangeStyle, end: SingleKey, key: &str, value: &str) -> bool {
        self.styles.range.get_or_insert(style);
        self.set_single(end, key, value)
    }

    /// `A` (from A) or `A,B`; a start of `0` with an end is an open start, since the encoder
    /// writes an open start that way.
    fn read_comma_range(&mut self, key: &str, value: &str) -> bool {
        self.styles.range.get_or_insert(RangeStyle::Comma);
        let ends: Vec<&str> = value.split(',').map(str::trim).collect();
        match ends.as_slice() {
            [from] => self.set_single(SingleKey::From, key, from),
            [from, to] => {
                if !from.is_empty() && *from != "0" {
                    self.set_single(SingleKey::From, key, from);
                }
                self.set_single(SingleKey::To, key, to)
            }
            _ => {
                self.problem(
                    Some(Parameter::CreatedAt),
                    key,
                    DecodeProblemKind::TooManyRangeValues { count: ends.len() },
                );
                true
            }
        }
    }

    fn read_value(&mut self, side: Side, rest: &[&str], key: &str, value: &str) -> bool {
        match rest {
            ["leads_statuses", index, part] => self.read_stage(side, index, part, key, value),
            // Indexed in every list style, so it says nothing about the style.
            ["customers_statuses", _, "status_id"] => {
                self.push_items(ListKey::CustomerStages(side), key, value);
                true
            }
            ["lead_status", after @ ..] => {
                let shown = snippet_of(value.trim(), LONG_SNIPPET_CHARS);
                let fix = format!("{}={shown}", lead_status_fix(side, after));
                let at = Parameter::value(side, ValueKey::LeadsStatuses);
                self.problem(Some(at), key, DecodeProblemKind::ResponseShapeKey { fix });
                true
            }
            ["responsible_user_id", suffix @ ..] => {
                self.read_list(ListKey::Responsible(side), suffix, key, value)
            }
            ["custom_field_values", suffix @ ..] => {
                self.read_list(ListKey::CustomFieldValues(side), suffix, key, value)
            }
            ["value"] => self.set_single(SingleKey::Value(side), key, value),
            _ => false,
        }
    }

    fn read_stage(&mut self, side: Side, index: &str, part: &str, key: &str, value: &str) -> bool {
        let part = match part {
            "pipeline_id" => StagePart::Pipeline,
            "status_id" => StagePart::Status,
            _ => return false,
        };
        let prefix = key.rfind('[').map_or(key, |end| &key[..end]).to_owned();
        // `[]` starts a new entry each time, as PHP reads it, so `[][pipeline_id]` and
        // `[][status_id]` are two halves; any other index groups its two ids.
        let existing = (!index.is_empty()).then(|| self.stage_index.get(&(side, index.to_owned()))).flatten();
        let group_at = match existing {
            Some(at) => *at,
            None => {
                self.stages.push(StageGroup { side, key: prefix, pipeline: None, status: None });
                let at = self.stages.len() - 1;
                if !index.is_empty() {
                    self.stage_index.insert((side, index.to_owned()), at);
                }
                at
            }
        };
        let written = Written { key: key.to_owned(), value: value.to_owned() };
        let Some(group) = self.stages.get_mut(group_at) else {
            return true;
        };
        let slot = match part {
            StagePart::Pipeline => &mut group.pipeline,
            StagePart::Status => &mut group.status,
        };
        if let Some(old) = slot.replace(written) {
            if old.value.trim() != value.trim() {
                let kind = DecodeProblemKind::Repeated {
                    kept: snippet_of(value, LONG_SNIPPET_CHARS),
                    dropped: snippet_of(&old.value, LONG_SNIPPET_CHARS),
                };
                self.problem(Some(Parameter::value(side, ValueKey::LeadsStatuses)), key, kind);
            }
        }
        true
    }

    fn finish(mut self) -> Decoded {
        let mut filter = Filter {
            types: self.texts(ListKey::Type),
            entities: self.parsed(ListKey::Entity, Entity::parse_at),
            entity_ids: self.parsed(ListKey::EntityId, parse_id_item),
            created_by: self.parsed(ListKey::CreatedBy, parse_user_item),
            event_ids: self.texts(ListKey::Id),
            with: self.parsed(ListKey::With, WithName::parse_at),
            limit: self.positive(SingleKey::Limit),
            page: self.positive(SingleKey::Page),
            ..Filter::default()
        };
        filter.created_at = self.created_at();
        for side in Side::BOTH {
            let value = match side {
                Side::Before => &mut filter.value_before,
                Side::After => &mut filter.value_after,
            };
            value.responsible_user_ids = self.parsed(ListKey::Responsible(side), parse_id_item);
            value.custom_field_values = self.parsed(ListKey::CustomFieldValues(side), parse_id_item);
            value.customers_statuses = self.parsed(ListKey::CustomerStages(side), parse_id_item);
            value.value = self.singles.get(&SingleKey::Value(side)).and_then(|w| parse_value(&w.value));
        }
        self.stage_pairs(&mut filter);
        self.problems.sort_by_key(|(at, _)| *at);
        Decoded {
            filter,
            styles: self.styles,
            unknown: self.unknown,
            errors: self.problems.into_iter().map(|(_, problem)| problem).collect(),
            failed: self.failed,
            base_url: None,
        }
    }

    fn texts(&mut self, list: ListKey) -> Vec<String> {
        let items = self.lists.remove(&list).unwrap_or_default();
        dedup(items.into_iter().map(|item| item.value))
    }

    /// Parses each item alone, so one bad item does not lose the others.
    fn parsed<T: Eq + Hash + Clone>(
        &mut self,
        list: ListKey,
        parse: impl Fn(&str, usize) -> Result<T, FieldError>,
    ) -> Vec<T> {
        let items = self.lists.remove(&list).unwrap_or_default();
        let mut values = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match parse(&item.value, index + 1) {
                Ok(value) => values.push(value),
                Err(error) => {
                    self.problem(Some(list.parameter()), &item.key, DecodeProblemKind::Value(error));
                    self.failed.push((list.parameter(), item.value.clone()));
                }
            }
        }
        dedup(values)
    }

    fn positive(&mut self, single: SingleKey) -> Option<u32> {
        let written = self.singles.get(&single)?.clone();
        self.ok_or_report(single.parameter(), &written, parse_positive(&written.value)).flatten()
    }

    fn seconds(&mut self, written: Option<Written>) -> Option<i64> {
        let written = written?;
        let trimmed = written.value.trim();
        if trimmed.is_empty() {
            return None;
        }
        self.ok_or_report(Parameter::CreatedAt, &written, parse_unix_seconds(trimmed))
    }

    fn created_at(&mut self) -> CreatedAt {
        let mut from = self.singles.get(&SingleKey::From).cloned();
        let mut to = self.singles.get(&SingleKey::To).cloned();
        let items = std::mem::take(&mut self.range_items);
        match items.as_slice() {
            [] => {}
            [start] => from = Some(start.clone()),
            [start, end] => {
                if start.value.trim() != "0" {
                    from = Some(start.clone());
                }
                to = Some(end.clone());
            }
            [first, ..] => {
                let kind = DecodeProblemKind::TooManyRangeValues { count: items.len() };
                self.problem(Some(Parameter::CreatedAt), &first.key, kind);
            }
        }
        CreatedAt { from: self.seconds(from), to: self.seconds(to) }
    }

    fn stage_pairs(&mut self, filter: &mut Filter) {
        let groups = std::mem::take(&mut self.stages);
        let mut pairs: HashMap<Side, Vec<StagePair>> = HashMap::new();
        for group in groups {
            let at = Parameter::value(group.side, ValueKey::LeadsStatuses);
            let (pipeline, status) = match (group.pipeline, group.status) {
                (Some(pipeline), Some(status)) => (pipeline, status),
                (pipeline, _) => {
                    let missing = if pipeline.is_some() { StagePart::Status } else { StagePart::Pipeline };
                    self.problem(Some(at), &group.key, DecodeProblemKind::HalfStagePair { missing });
                    continue;
                }
            };
            let pipeline_id = self.ok_or_report(at, &pipeline, parse_id_item(&pipeline.value, 1));
            let status_id = self.ok_or_report(at, &status, parse_id_item(&status.value, 1));
            if let (Some(pipeline_id), Some(status_id)) = (pipeline_id, status_id) {
                pairs.entry(group.side).or_default().push(StagePair { pipeline_id, status_id });
            }
        }
        filter.value_before.leads_statuses = dedup(pairs.remove(&Side::Before).unwrap_or_default());
        filter.value_after.leads_statuses = dedup(pairs.remove(&Side::After).unwrap_or_default());
    }

    fn ok_or_report<T>(
        &mut self,
        at: Parameter,
        written: &Written,
        result: Result<T, FieldError>,
    ) -> Option<T> {
        result
            .map_err(|error| {
                self.problem(Some(at), &written.key, DecodeProblemKind::Value(error));
                self.failed.push((at, written.value.clone()));
            })
            .ok()
    }
}

/// The key the user meant for a `lead_status` parameter: `leads_statuses`, indexed, with the
/// response's `id` named `status_id`.
fn lead_status_fix(side: Side, after: &[&str]) -> String {
    let field = |name: &str| match name {
        "pipeline_id" | "pipeline" => "pipeline_id",
        _ => "status_id",
    };
    let (index, name) = match after {
        [index, name, ..] if is_item_index(index) => (*index, field(name)),
        [index] if is_item_index(index) => (*index, "status_id"),
        [name, ..] => ("0", field(name)),
        [] => ("0", "status_id"),
    };
    let index = if index.is_empty() { "0" } else { index };
    format!("{}[{index}][{name}]", Parameter::value(side, ValueKey::LeadsStatuses).name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::encode::tests::{BRACKETS, COMMA, COMMA_RANGE};
    use crate::filter::encode::{to_encoded_query, to_query};
    use crate::filter::model::ValueFilter;
    use crate::filter::parse::{NumberProblem, Token};

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    /// Decodes text that must have no problem and no unknown parameter.
    fn clean(input: &str) -> Decoded {
        let decoded = decode(input);
        assert!(decoded.errors.is_empty(), "{input}: {:?}", decoded.errors);
        assert!(decoded.unknown.is_empty(), "{input}: {:?}", decoded.unknown);
        decoded
    }

    /// One example of the facts sheet: the filter, how it is written readable and encoded in
    /// `options`, checked in both directions.
    fn golden(filter: &Filter, options: EncodeOptions, readable: &str, encoded: &str) {
        assert_eq!(to_query(filter, &options), readable);
        assert_eq!(to_encoded_query(filter, &options), encoded);
        for (text, was_encoded) in [(readable, false), (encoded, true)] {
            let decoded = clean(text);
            assert_eq!(&decoded.filter, filter, "{text}");
            assert_eq!(decoded.styles.encoded, was_encoded, "{text}");
            if decoded.styles.list.is_some() {
                assert_eq!(decoded.styles.list, Some(options.list_style), "{text}");
            }
            if decoded.styles.range.is_some() {
                assert_eq!(decoded.styles.range, Some(options.range_style), "{text}");
            }
        }
    }

    fn two_types() -> Filter {
        Filter { types: strings(&["lead_added", "lead_status_changed"]), ..Filter::default() }
    }

    #[test]
    fn facts_type_list_in_both_list_styles() {
        golden(
            &two_types(),
            COMMA,
            "filter[type]=lead_added,lead_status_changed",
            "filter%5Btype%5D=lead_added%2Clead_status_changed",
        );
        golden(
            &two_types(),
            BRACKETS,
            "filter[type][]=lead_added&filter[type][]=lead_status_changed",
            "filter%5Btype%5D%5B%5D=lead_added&filter%5Btype%5D%5B%5D=lead_status_changed",
        );
    }

    #[test]
    fn facts_created_at_range_in_both_range_styles() {
        let filter = Filter {
            created_at: CreatedAt { from: Some(1_767_225_600), to: Some(1_767_311_999) },
            ..Filter::default()
        };
        golden(
            &filter,
            COMMA,
            "filter[created_at][from]=1767225600&filter[created_at][to]=1767311999",
            "filter%5Bcreated_at%5D%5Bfrom%5D=1767225600&filter%5Bcreated_at%5D%5Bto%5D=1767311999",
        );
        golden(
            &filter,
            COMMA_RANGE,
            "filter[created_at]=1767225600,1767311999",
            "filter%5Bcreated_at%5D=1767225600%2C1767311999",
        );
    }

    #[test]
    fn facts_single_created_at_means_from() {
        let filter =
            Filter { created_at: CreatedAt { from: Some(1_767_225_600), to: None }, ..Filter::default() };
        golden(&filter, COMMA_RANGE, "filter[created_at]=1767225600", "filter%5Bcreated_at%5D=1767225600");
        assert_eq!(clean("filter[created_at]=1767225600").styles.range, Some(RangeStyle::Comma));
    }

    #[test]
    fn facts_leads_statuses_example() {
        let filter = Filter {
            types: strings(&["lead_status_changed"]),
            value_after: ValueFilter {
                leads_statuses: vec![StagePair { pipeline_id: 12345, status_id: 99_999_999 }],
                ..ValueFilter::default()
            },
            ..Filter::default()
        };
        for options in [COMMA, BRACKETS] {
            let list = if options == COMMA { "filter[type]=" } else { "filter[type][]=" };
            let encoded_list = if options == COMMA { "filter%5Btype%5D=" } else { "filter%5Btype%5D%5B%5D=" };
            golden(
                &filter,
                options,
                &format!(
                    "{list}lead_status_changed\
                     &filter[value_after][leads_statuses][0][pipeline_id]=12345\
                     &filter[value_after][leads_statuses][0][status_id]=99999999"
                ),
                &format!(
                    "{encoded_list}lead_status_changed\
                     &filter%5Bvalue_after%5D%5Bleads_statuses%5D%5B0%5D%5Bpipeline_id%5D=12345\
                     &filter%5Bvalue_after%5D%5Bleads_statuses%5D%5B0%5D%5Bstatus_id%5D=99999999"
                ),
            );
        }
    }

    #[test]
    fn facts_responsible_user_example_in_both_list_styles() {
        let filter = Filter {
            value_after: ValueFilter { responsible_user_ids: vec![3231, 412_314], ..ValueFilter::default() },
            ..Filter::default()
        };
        golden(
            &filter,
            COMMA,
            "filter[value_after][responsible_user_id]=3231,412314",
            "filter%5Bvalue_after%5D%5Bresponsible_user_id%5D=3231%2C412314",
        );
        golden(
            &filter,
            BRACKETS,
            "filter[value_after][responsible_user_id][]=3231&filter[value_after][responsible_user_id][]=412314",
            "filter%5Bvalue_after%5D%5Bresponsible_user_id%5D%5B%5D=3231\
             &filter%5Bvalue_after%5D%5Bresponsible_user_id%5D%5B%5D=412314",
        );
    }

    #[test]
    fn facts_custom_field_values_example_in_both_list_styles() {
        let filter = Filter {
            types: strings(&["custom_field_777777_value_changed"]),
            value_after: ValueFilter { custom_field_values: vec![145, 157], ..ValueFilter::default() },
            ..Filter::default()
        };
        golden(
            &filter,
            COMMA,
            "filter[type]=custom_field_777777_value_changed&filter[value_after][custom_field_values]=145,157",
            "filter%5Btype%5D=custom_field_777777_value_changed\
             &filter%5Bvalue_after%5D%5Bcustom_field_values%5D=145%2C157",
        );
        golden(
            &filter,
            BRACKETS,
            "filter[type][]=custom_field_777777_value_changed\
             &filter[value_after][custom_field_values][]=145&filter[value_after][custom_field_values][]=157",
            "filter%5Btype%5D%5B%5D=custom_field_777777_value_changed\
             &filter%5Bvalue_after%5D%5Bcustom_field_values%5D%5B%5D=145\
             &filter%5Bvalue_after%5D%5Bcustom_field_values%5D%5B%5D=157",
        );
    }

    #[test]
    fn facts_sale_value_example_in_both_list_styles() {
        let filter = Filter {
            types: strings(&["sale_field_changed"]),
            entities: vec![Entity::Lead],
            value_after: ValueFilter { value: Some("155".to_owned()), ..ValueFilter::default() },
            ..Filter::default()
        };
        golden(
            &filter,
            COMMA,
            "filter[type]=sale_field_changed&filter[entity]=lead&filter[value_after][value]=155",
            "filter%5Btype%5D=sale_field_changed&filter%5Bentity%5D=lead&filter%5Bvalue_after%5D%5Bvalue%5D=155",
        );
        golden(
            &filter,
            BRACKETS,
            "filter[type][]=sale_field_changed&filter[entity][]=lead&filter[value_after][value]=155",
            "filter%5Btype%5D%5B%5D=sale_field_changed&filter%5Bentity%5D%5B%5D=lead\
             &filter%5Bvalue_after%5D%5Bvalue%5D=155",
        );
    }

    #[test]
    fn facts_event_ids_users_with_limit_and_page() {
        let filter = Filter {
            created_by: vec![0, 42],
            event_ids: strings(&["01jabcdefghjkmnpqrstvwxyz0", "01jabcdefghjkmnpqrstvwxyz1"]),
            with: vec![WithName::LeadName, WithName::ContactName],
            limit: Some(100),
            page: Some(2),
            ..Filter::default()
        };
        golden(
            &filter,
            COMMA,
            "filter[created_by]=0,42&filter[id]=01jabcdefghjkmnpqrstvwxyz0,01jabcdefghjkmnpqrstvwxyz1\
             &with=lead_name,contact_name&page=2&limit=100",
            "filter%5Bcreated_by%5D=0%2C42\
             &filter%5Bid%5D=01jabcdefghjkmnpqrstvwxyz0%2C01jabcdefghjkmnpqrstvwxyz1\
             &with=lead_name%2Ccontact_name&page=2&limit=100",
        );
    }

    #[test]
    fn whole_urls_paths_and_bare_queries_give_the_same_filter() {
        for input in [
            "https://mycompany.kommo.com/api/v4/events?filter[type]=lead_added,lead_status_changed",
            "http://127.0.0.1:8080/api/v4/events/?filter[type]=lead_added,lead_status_changed#top",
            "/api/v4/events?filter[type]=lead_added,lead_status_changed",
            "?filter[type]=lead_added,lead_status_changed",
            "filter[type]=lead_added,lead_status_changed",
            "  \n filter[type]=lead_added,lead_status_changed \r\n",
            "filter[type]=lead_added,\nlead_status_changed",
            "filter[type]=lead_added&filter[type]=lead_status_changed",
            "filter[type][0]=lead_added&filter[type][1]=lead_status_changed",
            "filter[type]=lead_added,+lead_status_changed",
            "filter[type]=lead_added%2C%20lead_status_changed,lead_added",
            "'https://x.kommo.com/api/v4/events?filter[type]=lead_added,lead_status_changed'",
            "GET /api/v4/events?filter[type]=lead_added,lead_status_changed HTTP/1.1",
        ] {
            assert_eq!(clean(input).filter, two_types(), "{input}");
        }
    }

    #[test]
    fn base_url_is_kept_from_a_whole_url() {
        assert_eq!(
            decode("https://x.kommo.com/api/v4/events?limit=5").base_url.as_deref(),
            Some("https://x.kommo.com")
        );
        assert_eq!(decode("/api/v4/events?limit=5").base_url, None);
    }

    #[test]
    fn a_prefix_before_the_route_is_part_of_the_base() {
        let decoded = clean("https://proxy.example/kommo/api/v4/events/?limit=5");
        assert_eq!(decoded.base_url.as_deref(), Some("https://proxy.example/kommo"));
        for input in ["api/v4/events?limit=5", "x.kommo.com/api/v4/events?limit=5", "/api/v4/events/?limit=5"]
        {
            assert_eq!(clean(input).filter.limit, Some(5), "{input}");
        }
    }

    #[test]
    fn url_without_query_is_an_empty_filter() {
        let decoded = clean("https://x.kommo.com/api/v4/events");
        assert_eq!(decoded.filter, Filter::default());
        assert_eq!(clean("").filter, Filter::default());
    }

    #[test]
    fn another_route_is_a_warning() {
        let decoded = decode("https://x.kommo.com/api/v4/leads?limit=5");
        assert_eq!(decoded.filter.limit, Some(5));
        assert_eq!(
            decoded.errors,
            vec![DecodeProblem {
                parameter: "/api/v4/leads".to_owned(),
                kind: DecodeProblemKind::NotEventsPath
            }]
        );
        assert_eq!(decoded.errors[0].severity(), Severity::Warning);
    }

    #[test]
    fn question_mark_inside_a_readable_value_is_not_the_url_separator() {
        let decoded = clean("filter[type]=name_field_changed&filter[value_after][value]=why?");
        assert_eq!(decoded.filter.value_after.value.as_deref(), Some("why?"));
    }

    #[test]
    fn plus_is_a_space_and_escapes_are_decoded_in_values() {
        let decoded = clean("filter[value_after][value]=O'Brien+%26+co%2C+Ltd");
        assert_eq!(decoded.filter.value_after.value.as_deref(), Some("O'Brien & co, Ltd"));
        let broken = clean("filter[value_after][value]=100%25+%zz%");
        assert_eq!(broken.filter.value_after.value.as_deref(), Some("100% %zz%"));
    }

    #[test]
    fn curl_and_httpie_commands_are_read() {
        let filter = Filter { types: strings(&["lead_added"]), limit: Some(5), ..Filter::default() };
        for input in [
            "curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" \
             'https://x.kommo.com/api/v4/events?filter[type]=lead_added&limit=5'",
            "curl -X GET \\\n  -H 'Authorization: Bearer xyz' \\\n  \"https://x.kommo.com/api/v4/events?filter%5Btype%5D=lead_added&limit=5\"",
            "http GET 'https://x.kommo.com/api/v4/events' 'filter[type]==lead_added' 'limit==5' \
             \"Authorization:Bearer $KOMMO_TOKEN\"",
            "https --offline x.kommo.com/api/v4/events?limit=5 filter[type]==lead_added Accept:application/json",
            "http --print=H -a user:pass x.kommo.com/api/v4/events filter[type]==lead_added limit==5",
            "curl -H 'Accept: application/json' x.kommo.com/api/v4/events?filter[type]=lead_added\\&limit=5",
        ] {
            assert_eq!(clean(input).filter, filter, "{input}");
        }
    }

    #[test]
    fn unknown_parameters_are_kept_decoded() {
        let decoded =
            decode("filter[type]=lead_added&foo=bar%20baz&filter[colour]=red&Filter[type]=x&filter[type");
        assert_eq!(decoded.filter.types, strings(&["lead_added"]));
        assert_eq!(
            decoded.unknown,
            vec![
                ("foo".to_owned(), "bar baz".to_owned()),
                ("filter[colour]".to_owned(), "red".to_owned()),
                ("Filter[type]".to_owned(), "x".to_owned()),
                ("filter[type".to_owned(), String::new()),
            ]
        );
        assert!(decoded.errors.is_empty());
    }

    #[test]
    fn bad_items_are_reported_and_good_ones_kept() {
        let decoded = decode("filter[entity]=lead,leed&filter[entity_id][]=7&filter[entity_id][]=x7&limit=0");
        assert_eq!(decoded.filter.entities, vec![Entity::Lead]);
        assert_eq!(decoded.filter.entity_ids, vec![7]);
        assert_eq!(decoded.filter.limit, None);
        assert_eq!(
            decoded.errors,
            vec![
                DecodeProblem {
                    parameter: "filter[entity]".to_owned(),
                    kind: DecodeProblemKind::Value(FieldError::UnknownEntity {
                        token: Token::new("leed", 2)
                    }),
                },
                DecodeProblem {
                    parameter: "filter[entity_id][]".to_owned(),
                    kind: DecodeProblemKind::Value(FieldError::Number {
                        token: Token::new("x7", 2),
                        problem: NumberProblem::NotANumber
                    }),
                },
                DecodeProblem {
                    parameter: "limit".to_owned(),
                    kind: DecodeProblemKind::Value(FieldError::Number {
                        token: Token::new("0", 1),
                        problem: NumberProblem::Zero
                    }),
                },
            ]
        );
    }

    #[test]
    fn created_at_takes_unix_seconds_only() {
        let decoded = decode("filter[created_at][from]=2026-01-01&filter[created_at][to]=1767311999");
        assert_eq!(decoded.filter.created_at, CreatedAt { from: None, to: Some(1_767_311_999) });
        assert_eq!(decoded.errors.len(), 1);
        assert_eq!(decoded.errors[0].parameter, "filter[created_at][from]");
    }

    #[test]
    fn comma_range_with_zero_start_is_open() {
        assert_eq!(
            clean("filter[created_at]=0,200").filter.created_at,
            CreatedAt { from: None, to: Some(200) }
        );
        assert_eq!(
            clean("filter[created_at]=,200").filter.created_at,
            CreatedAt { from: None, to: Some(200) }
        );
        assert_eq!(
            clean("filter[created_at]=100,").filter.created_at,
            CreatedAt { from: Some(100), to: None }
        );
        assert_eq!(clean("filter[created_at]=0").filter.created_at, CreatedAt { from: Some(0), to: None });
    }

    #[test]
    fn created_at_as_an_array_is_the_comma_range() {
        let decoded = clean("filter[created_at][]=100&filter[created_at][]=200");
        assert_eq!(decoded.filter.created_at, CreatedAt { from: Some(100), to: Some(200) });
        assert_eq!(decoded.styles.range, Some(RangeStyle::Comma));
    }

    #[test]
    fn more_than_two_range_values_is_an_error() {
        for input in [
            "filter[created_at]=1,2,3",
            "filter[created_at][]=1&filter[created_at][]=2&filter[created_at][]=3",
        ] {
            let decoded = decode(input);
            assert_eq!(decoded.filter.created_at, CreatedAt::default(), "{input}");
            assert_eq!(decoded.errors[0].kind, DecodeProblemKind::TooManyRangeValues { count: 3 }, "{input}");
        }
    }

    #[test]
    fn stage_pairs_are_grouped_by_index_in_any_order() {
        let decoded = clean(
            "filter[value_before][leads_statuses][7][status_id]=143\
             &filter[value_before][leads_statuses][3][pipeline_id]=1\
             &filter[value_before][leads_statuses][7][pipeline_id]=1\
             &filter[value_before][leads_statuses][3][status_id]=142",
        );
        assert_eq!(
            decoded.filter.value_before.leads_statuses,
            vec![StagePair { pipeline_id: 1, status_id: 143 }, StagePair { pipeline_id: 1, status_id: 142 }]
        );
    }

    #[test]
    fn half_a_stage_pair_is_an_error() {
        let decoded = decode(
            "filter[value_after][leads_statuses][0][pipeline_id]=12345\
             &filter[value_after][leads_statuses][1][status_id]=142",
        );
        assert!(decoded.filter.value_after.leads_statuses.is_empty());
        assert_eq!(
            decoded.errors,
            vec![
                DecodeProblem {
                    parameter: "filter[value_after][leads_statuses][0]".to_owned(),
                    kind: DecodeProblemKind::HalfStagePair { missing: StagePart::Status },
                },
                DecodeProblem {
                    parameter: "filter[value_after][leads_statuses][1]".to_owned(),
                    kind: DecodeProblemKind::HalfStagePair { missing: StagePart::Pipeline },
                },
            ]
        );
    }

    #[test]
    fn empty_stage_index_starts_a_new_entry_each_time() {
        let decoded = decode(
            "filter[value_after][leads_statuses][][pipeline_id]=1&filter[value_after][leads_statuses][][status_id]=2",
        );
        assert!(decoded.filter.value_after.leads_statuses.is_empty());
        assert_eq!(decoded.errors.len(), 2);
    }

    #[test]
    fn response_shape_lead_status_is_reported_with_the_fix() {
        let decoded = decode(
            "filter[type]=lead_status_changed&filter[value_after][lead_status][id]=142\
             &filter[value_after][lead_status][pipeline_id]=12345&filter[value_before][lead_status][2][status_id]=143",
        );
        assert!(decoded.filter.value_after.leads_statuses.is_empty());
        let fixes: Vec<(&str, &DecodeProblemKind)> =
            decoded.errors.iter().map(|p| (p.parameter.as_str(), &p.kind)).collect();
        let fix = |text: &str| DecodeProblemKind::ResponseShapeKey { fix: text.to_owned() };
        assert_eq!(
            fixes,
            vec![
                (
                    "filter[value_before][lead_status][2][status_id]",
                    &fix("filter[value_before][leads_statuses][2][status_id]=143")
                ),
                (
                    "filter[value_after][lead_status][id]",
                    &fix("filter[value_after][leads_statuses][0][status_id]=142")
                ),
                (
                    "filter[value_after][lead_status][pipeline_id]",
                    &fix("filter[value_after][leads_statuses][0][pipeline_id]=12345")
                ),
            ]
        );
        assert!(decoded.errors.iter().all(|p| p.severity() == Severity::Error));
    }

    #[test]
    fn repeated_single_values_keep_the_last_and_warn() {
        let decoded = decode("limit=10&limit=20&page=2&page=2");
        assert_eq!(decoded.filter.limit, Some(20));
        assert_eq!(decoded.filter.page, Some(2));
        assert_eq!(
            decoded.errors,
            vec![DecodeProblem {
                parameter: "limit".to_owned(),
                kind: DecodeProblemKind::Repeated { kept: "20".to_owned(), dropped: "10".to_owned() },
            }]
        );
        assert_eq!(decoded.errors[0].severity(), Severity::Warning);
    }

    #[test]
    fn repeated_lists_merge_without_duplicates() {
        let decoded = clean("filter[created_by]=0,5&filter[created_by][]=5&filter[created_by][]=9&with=lead_name&with=lead_name");
        assert_eq!(decoded.filter.created_by, vec![0, 5, 9]);
        assert_eq!(decoded.filter.with, vec![WithName::LeadName]);
        assert_eq!(decoded.styles.list, Some(ListStyle::Comma), "the first style seen counts");
    }

    #[test]
    fn styles_are_detected() {
        let readable = clean("filter[type][]=a&filter[created_at]=1,2");
        assert_eq!(
            readable.styles,
            DetectedStyles {
                list: Some(ListStyle::Brackets),
                range: Some(RangeStyle::Comma),
                encoded: false
            }
        );
        assert_eq!(readable.styles.query_format(), QueryFormat::Query);
        let encoded = clean("with=lead_name%2Ccontact_name&limit=5");
        assert_eq!(encoded.styles, DetectedStyles { list: None, range: None, encoded: true });
        assert_eq!(encoded.styles.encode_options(), EncodeOptions::default());
        assert_eq!(encoded.styles.query_format(), QueryFormat::Encoded);
        assert!(
            !clean("filter[value_after][value]=a%2Cb").styles.encoded,
            "a comma inside a value is not a separator"
        );
    }

    #[test]
    fn empty_values_are_nothing() {
        let decoded =
            clean("filter[type]=&filter[entity]=,,&limit=&filter[value_after][value]=+&&=&filter[id]");
        assert_eq!(decoded.filter, Filter::default());
    }

    #[test]
    fn split_key_reads_balanced_brackets_only() {
        assert_eq!(split_key("filter[a][]"), Some(("filter", vec!["a", ""])));
        assert_eq!(split_key("limit"), Some(("limit", vec![])));
        for bad in ["filter[a", "filter]a[", "filter[a]x", "filter[[a]]", "a]"] {
            assert_eq!(split_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn percent_decode_reports_escapes_and_survives_bad_utf8() {
        assert_eq!(percent_decode("filter%5btype%5D"), ("filter[type]".to_owned(), true));
        assert_eq!(percent_decode("a+b"), ("a b".to_owned(), false));
        assert_eq!(percent_decode("%FF%"), ("\u{FFFD}%".to_owned(), true));
        assert_eq!(percent_decode("%é"), ("%é".to_owned(), false));
    }
}
