//! The Kommo rules a filter must follow before it is sent, from the facts sheet.
//!
//! `validate` never stops at the first problem: the composer shows them all at once. Errors are
//! requests a source says Kommo rejects (or that cannot be written as asked); warnings are requests
//! we expect to match nothing, or that work on some accounts or docs and not others; notes say how
//! Kommo reads a request that is fine (the docs' own examples among them).

use super::encode::{EncodeOptions, RangeStyle};
use super::model::{
    looks_like_per_field_type, per_field_type_id, Entity, Filter, Parameter, Side, ValueFilter, ValueKey,
    WithName, PER_FIELD_TEMPLATE,
};
use super::parse::{snippet, snippet_of, LONG_SNIPPET_CHARS};

/// At most this many `filter[entity_id]` values.
pub const MAX_ENTITY_IDS: usize = 10;
/// At most this many `filter[created_by]` users.
pub const MAX_CREATED_BY: usize = 10;
/// An old doc capped `filter[id]` at this many event ids.
pub const OLD_MAX_EVENT_IDS: usize = 100;
/// The length of a Kommo event id.
pub const EVENT_ID_LEN: usize = 26;
/// What the events route really answers with at most (amoCRM docs and field reports).
pub const EVENTS_LIMIT_CAP: u32 = 100;
/// The largest `limit` the Kommo docs allow.
pub const DOCUMENTED_MAX_LIMIT: u32 = 250;
/// The type `leads_statuses` needs.
pub const LEADS_STATUSES_TYPES: &[&str] = &["lead_status_changed"];
/// The type `customers_statuses` needs (amoCRM customers).
pub const CUSTOMERS_STATUSES_TYPES: &[&str] = &["customer_status_changed"];
/// The type `responsible_user_id` needs.
pub const RESPONSIBLE_TYPES: &[&str] = &["entity_responsible_changed"];
/// The types `value` works with (any one of them).
pub const VALUE_TYPES: &[&str] = &[
    "nps_rate_added",
    "sale_field_changed",
    "name_field_changed",
    "ltv_field_changed",
    "custom_field_value_changed",
];
/// The NPS type, whose value is a score from 0 to 10.
pub const NPS_TYPE: &str = "nps_rate_added";

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// A source says Kommo rejects the request, or it cannot be written as asked.
    Error,
    /// Expected to match nothing, or works on some accounts or by some docs only.
    Warning,
    /// Fine as it is; says how Kommo reads it.
    Note,
}

/// One broken rule, where it is broken, and how badly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The query parameter at fault.
    pub parameter: Parameter,
    /// Which rule, with the data a message needs.
    pub kind: ProblemKind,
}

impl Problem {
    /// True for errors, which should keep a query from being sent.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every rule of the facts sheet, each with the data for a precise message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A type code that is empty or has characters other than ASCII letters, digits and `_`
    /// (a comma in it would split it in two on the wire).
    TypeCodeMalformed {
        /// The code, shortened.
        code: String,
    },
    /// `custom_field_…_value_changed` without a usable field id: the template itself, the docs'
    /// `custom_field_field.ID_value_changed`, or an id too large.
    PerFieldTypeWithoutId {
        /// The code, shortened.
        code: String,
    },
    /// `custom_field_0_value_changed`: field ids start at 1.
    PerFieldIdZero,
    /// A per-field type must be the only type in the request.
    PerFieldTypeNotAlone {
        /// The first per-field type code (even one without a usable id), shortened.
        code: String,
        /// How many other types there are.
        other_types: usize,
    },
    /// `customer`: documented for amoCRM and older Kommo docs, rejected on some Kommo accounts.
    CustomerEntity,
    /// An id of 0 where ids start at 1 (`catalog_0`, entity ids, enum, pipeline and stage ids).
    ZeroId,
    /// More ids than the parameter takes.
    TooManyIds {
        /// How many there are.
        count: usize,
        /// How many are allowed.
        max: usize,
    },
    /// `filter[entity_id]` needs exactly one `filter[entity]`.
    EntityIdsNeedOneEntity {
        /// How many entities there are.
        entities: usize,
    },
    /// `to` is before `from`: nothing can match.
    RangeReversed {
        /// The start, Unix seconds.
        from: i64,
        /// The end, Unix seconds.
        to: i64,
    },
    /// More event ids than an old doc allowed.
    TooManyEventIds {
        /// How many there are.
        count: usize,
        /// The old doc's cap.
        old_cap: usize,
    },
    /// Event ids that do not have the 26 characters Kommo's ids have.
    EventIdLength {
        /// The first such id, shortened.
        id: String,
        /// Its length in characters.
        length: usize,
        /// How many ids have a wrong length.
        count: usize,
    },
    /// A value sub-key whose types the request's own `filter[type]` leaves out.
    MissingType {
        /// The types it works with; any one is enough.
        needs: &'static [&'static str],
    },
    /// A value sub-key with no `filter[type]` at all, as in the docs' own examples: fine, and it
    /// only ever matches events of its own types (a note).
    SubKeyMatchesOnlyItsTypes {
        /// The types it matches.
        types: &'static [&'static str],
    },
    /// `custom_field_values` needs exactly one type, and that a per-field type.
    CustomFieldValuesNeedOnePerFieldType {
        /// How many types there are.
        types: usize,
    },
    /// An NPS value that is not a whole number from 0 to 10.
    NpsValueOutOfRange {
        /// The value, shortened.
        value: String,
    },
    /// `customer_name` is documented for amoCRM only.
    CustomerNameAmoCrmOnly,
    /// 0 for `page` or `limit`, which start at 1.
    ZeroNotAllowed,
    /// A limit above what the events route answers (the Kommo docs allow more).
    LimitAboveEventsCap {
        /// The limit asked.
        limit: u32,
        /// What the route answers with at most.
        cap: u32,
        /// What the Kommo docs allow.
        documented_max: u32,
    },
    /// A limit above what any doc allows.
    LimitAboveDocumentedMax {
        /// The limit asked.
        limit: u32,
        /// The documented maximum.
        max: u32,
    },
    /// A type code no list known here has: a warning (accounts have types no list knows), with
    /// the closest known codes.
    UnknownType {
        /// The code, shortened.
        code: String,
        /// The closest known codes, nearest first (may be empty).
        closest: Vec<String>,
    },
    /// `filter[created_at][from]`/`[to]`: the current Kommo docs' form, which the events route
    /// of a live Kommo account answered with 400 "Invalid params" (the comma form worked there).
    RangeFromToForm,
}

/// Every problem of `filter`, ordered by the parameter's place in the query, then by rule.
pub fn validate(filter: &Filter) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_types(filter, &mut problems);
    check_entities(filter, &mut problems);
    check_entity_ids(filter, &mut problems);
    check_created_by(filter, &mut problems);
    check_created_at(filter, &mut problems);
    check_event_ids(filter, &mut problems);
    for side in Side::BOTH {
        check_value(filter, side, &mut problems);
    }
    check_with(filter, &mut problems);
    check_page_and_limit(filter, &mut problems);
    // The checks already run in query order; the stable sort keeps that true if one moves.
    problems.sort_by_key(|p| p.parameter);
    problems
}

/// [`validate`], plus the warnings that depend on how the filter is written: the `[from]`/`[to]`
/// range form is one of the points Kommo's own sources disagree on, and a live account rejected
/// it. (A single `filter[created_at]=A` is the current docs' own form: no warning.)
pub fn validate_written(filter: &Filter, options: &EncodeOptions) -> Vec<Problem> {
    let mut problems = validate(filter);
    let has_range = filter.created_at.from.is_some() || filter.created_at.to.is_some();
    if has_range && options.range_style == RangeStyle::FromTo {
        problems.push(warning(Parameter::CreatedAt, ProblemKind::RangeFromToForm));
        problems.sort_by_key(|p| p.parameter);
    }
    problems
}

/// A warning for each well-formed type code of `filter` that `is_known` does not know (per-field
/// types always count as known: every custom field has one), with the closest of `known`.
pub fn unknown_types<'a, Known: Iterator<Item = &'a str>>(
    filter: &Filter,
    is_known: impl Fn(&str) -> bool,
    known: impl Fn() -> Known,
) -> Vec<Problem> {
    filter
        .types
        .iter()
        .filter(|code| type_code_problem(code).is_none() && per_field_type_id(code).is_none())
        .filter(|code| !is_known(code))
        .map(|code| {
            let closest = super::suggest::closest(code, known());
            warning(
                Parameter::Type,
                ProblemKind::UnknownType { code: snippet_of(code, LONG_SNIPPET_CHARS), closest },
            )
        })
        .collect()
}

fn error(parameter: Parameter, kind: ProblemKind) -> Problem {
    Problem { severity: Severity::Error, parameter, kind }
}

fn warning(parameter: Parameter, kind: ProblemKind) -> Problem {
    Problem { severity: Severity::Warning, parameter, kind }
}

fn note(parameter: Parameter, kind: ProblemKind) -> Problem {
    Problem { severity: Severity::Note, parameter, kind }
}

fn check_types(filter: &Filter, problems: &mut Vec<Problem>) {
    for code in &filter.types {
        match type_code_problem(code) {
            // No source says Kommo rejects field 0: it only matches nothing (ids start at 1).
            Some(ProblemKind::PerFieldIdZero) => {
                problems.push(warning(Parameter::Type, ProblemKind::PerFieldIdZero))
            }
            Some(kind) => problems.push(error(Parameter::Type, kind)),
            None => {}
        }
    }
    if filter.types.len() < 2 {
        return;
    }
    if let Some(code) = filter.types.iter().find(|t| looks_like_per_field_type(t)) {
        problems.push(error(
            Parameter::Type,
            ProblemKind::PerFieldTypeNotAlone {
                code: snippet_of(code, LONG_SNIPPET_CHARS),
                other_types: filter.types.len() - 1,
            },
        ));
    }
}

fn type_code_problem(code: &str) -> Option<ProblemKind> {
    match per_field_type_id(code) {
        Some(0) => return Some(ProblemKind::PerFieldIdZero),
        Some(_) => return None,
        None => {}
    }
    if looks_like_per_field_type(code) {
        return Some(ProblemKind::PerFieldTypeWithoutId { code: snippet_of(code, LONG_SNIPPET_CHARS) });
    }
    let well_formed = !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (!well_formed).then(|| ProblemKind::TypeCodeMalformed { code: snippet_of(code, LONG_SNIPPET_CHARS) })
}

fn check_entities(filter: &Filter, problems: &mut Vec<Problem>) {
    if filter.entities.contains(&Entity::Customer) {
        problems.push(warning(Parameter::Entity, ProblemKind::CustomerEntity));
    }
    if filter.entities.contains(&Entity::Catalog(0)) {
        problems.push(warning(Parameter::Entity, ProblemKind::ZeroId));
    }
}

fn check_entity_ids(filter: &Filter, problems: &mut Vec<Problem>) {
    let ids = &filter.entity_ids;
    if ids.is_empty() {
        return;
    }
    if ids.contains(&0) {
        problems.push(warning(Parameter::EntityId, ProblemKind::ZeroId));
    }
    if ids.len() > MAX_ENTITY_IDS {
        problems.push(error(
            Parameter::EntityId,
            ProblemKind::TooManyIds { count: ids.len(), max: MAX_ENTITY_IDS },
        ));
    }
    if filter.entities.len() != 1 {
        problems.push(error(
            Parameter::EntityId,
            ProblemKind::EntityIdsNeedOneEntity { entities: filter.entities.len() },
        ));
    }
}

fn check_created_by(filter: &Filter, problems: &mut Vec<Problem>) {
    let count = filter.created_by.len();
    if count > MAX_CREATED_BY {
        problems.push(error(Parameter::CreatedBy, ProblemKind::TooManyIds { count, max: MAX_CREATED_BY }));
    }
}

fn check_created_at(filter: &Filter, problems: &mut Vec<Problem>) {
    if let (Some(from), Some(to)) = (filter.created_at.from, filter.created_at.to) {
        if to < from {
            problems.push(warning(Parameter::CreatedAt, ProblemKind::RangeReversed { from, to }));
        }
    }
}

fn check_event_ids(filter: &Filter, problems: &mut Vec<Problem>) {
    let ids = &filter.event_ids;
    if ids.len() > OLD_MAX_EVENT_IDS {
        problems.push(warning(
            Parameter::Id,
            ProblemKind::TooManyEventIds { count: ids.len(), old_cap: OLD_MAX_EVENT_IDS },
        ));
    }
    let mut odd = ids.iter().filter(|id| id.chars().count() != EVENT_ID_LEN).peekable();
    if let Some(first) = odd.peek().copied() {
        problems.push(warning(
            Parameter::Id,
            ProblemKind::EventIdLength {
                id: snippet_of(first, LONG_SNIPPET_CHARS),
                length: first.chars().count(),
                count: odd.count(),
            },
        ));
    }
}

fn check_value(filter: &Filter, side: Side, problems: &mut Vec<Problem>) {
    let value = filter.value(side);
    let at = |key| Parameter::value(side, key);
    if !value.leads_statuses.is_empty() {
        check_zero_stage(value, at(ValueKey::LeadsStatuses), problems);
        require_type(filter, LEADS_STATUSES_TYPES, at(ValueKey::LeadsStatuses), problems);
    }
    if !value.customers_statuses.is_empty() {
        if value.customers_statuses.contains(&0) {
            problems.push(warning(at(ValueKey::CustomersStatuses), ProblemKind::ZeroId));
        }
        require_type(filter, CUSTOMERS_STATUSES_TYPES, at(ValueKey::CustomersStatuses), problems);
    }
    if !value.responsible_user_ids.is_empty() {
        require_type(filter, RESPONSIBLE_TYPES, at(ValueKey::ResponsibleUserId), problems);
    }
    if !value.custom_field_values.is_empty() {
        check_custom_field_values(filter, value, at(ValueKey::CustomFieldValues), problems);
    }
    if let Some(text) = value.value_text() {
        require_type(filter, VALUE_TYPES, at(ValueKey::Value), problems);
        check_nps(filter, text, at(ValueKey::Value), problems);
    }
}

fn check_zero_stage(value: &ValueFilter, at: Parameter, problems: &mut Vec<Problem>) {
    let zero = value.leads_statuses.iter().any(|pair| pair.pipeline_id == 0 || pair.status_id == 0);
    if zero {
        problems.push(warning(at, ProblemKind::ZeroId));
    }
}

/// True when Kommo applies this value sub-key to a request with these types: its type is named,
/// or no type is (the docs' own examples; it then matches its own types' events only). For
/// `custom_field_values`, one per-field type alone, as documented. The composer keeps values that
/// do not apply, but leaves them out of the query.
pub fn value_key_applies(key: ValueKey, types: &[String]) -> bool {
    let typeless_form = types.is_empty() && key != ValueKey::CustomFieldValues;
    typeless_form || value_key_accepted_by(key, types)
}

/// True when one of these types is one the sub-key works with (for `custom_field_values`, one
/// per-field type alone): the composer shows the sub-key's editor for such a selection.
pub fn value_key_accepted_by(key: ValueKey, types: &[String]) -> bool {
    let named = |needs: &[&str]| types.iter().any(|t| needs.contains(&t.as_str()));
    match key {
        ValueKey::LeadsStatuses => named(LEADS_STATUSES_TYPES),
        ValueKey::CustomersStatuses => named(CUSTOMERS_STATUSES_TYPES),
        ValueKey::ResponsibleUserId => named(RESPONSIBLE_TYPES),
        ValueKey::CustomFieldValues => matches!(types, [only] if per_field_type_id(only).is_some()),
        ValueKey::Value => named(VALUE_TYPES),
    }
}

/// The types a value sub-key needs, for messages.
pub fn types_needed(key: ValueKey) -> &'static [&'static str] {
    match key {
        ValueKey::LeadsStatuses => LEADS_STATUSES_TYPES,
        ValueKey::CustomersStatuses => CUSTOMERS_STATUSES_TYPES,
        ValueKey::ResponsibleUserId => RESPONSIBLE_TYPES,
        ValueKey::CustomFieldValues => &[PER_FIELD_TEMPLATE],
        ValueKey::Value => VALUE_TYPES,
    }
}

/// A sub-key works with one of `needs`. With no `filter[type]` at all it is the docs' own form
/// (every `leads_statuses` and `responsible_user_id` example has none) and only ever matches those
/// types' events: a note. When the request's own `filter[type]` leaves them all out, it
/// contradicts itself: an error.
fn require_type(filter: &Filter, needs: &'static [&'static str], at: Parameter, problems: &mut Vec<Problem>) {
    if filter.types.is_empty() {
        problems.push(note(at, ProblemKind::SubKeyMatchesOnlyItsTypes { types: needs }));
        return;
    }
    if !filter.types.iter().any(|t| needs.contains(&t.as_str())) {
        problems.push(error(at, ProblemKind::MissingType { needs }));
    }
}

fn check_custom_field_values(
    filter: &Filter,
    value: &ValueFilter,
    at: Parameter,
    problems: &mut Vec<Problem>,
) {
    if value.custom_field_values.contains(&0) {
        problems.push(warning(at, ProblemKind::ZeroId));
    }
    let one_per_field = match filter.types.as_slice() {
        [only] => per_field_type_id(only).is_some(),
        _ => false,
    };
    if !one_per_field {
        problems
            .push(error(at, ProblemKind::CustomFieldValuesNeedOnePerFieldType { types: filter.types.len() }));
    }
}

/// When NPS is the only value type asked, the value is a score; with other value types the
/// value may be meant for them, so it is left alone.
fn check_nps(filter: &Filter, text: &str, at: Parameter, problems: &mut Vec<Problem>) {
    let nps_asked = filter.types.iter().any(|t| t == NPS_TYPE);
    let other_value_type = filter.types.iter().any(|t| t != NPS_TYPE && VALUE_TYPES.contains(&t.as_str()));
    if !nps_asked || other_value_type {
        return;
    }
    let score = text.trim();
    let valid = score.bytes().all(|b| b.is_ascii_digit()) && score.parse::<u8>().is_ok_and(|n| n <= 10);
    if !valid {
        problems.push(warning(at, ProblemKind::NpsValueOutOfRange { value: snippet(text) }));
    }
}

fn check_with(filter: &Filter, problems: &mut Vec<Problem>) {
    if filter.with.contains(&WithName::CustomerName) {
        problems.push(warning(Parameter::With, ProblemKind::CustomerNameAmoCrmOnly));
    }
}

fn check_page_and_limit(filter: &Filter, problems: &mut Vec<Problem>) {
    if filter.page == Some(0) {
        problems.push(error(Parameter::Page, ProblemKind::ZeroNotAllowed));
    }
    let Some(limit) = filter.limit else {
        return;
    };
    if limit == 0 {
        problems.push(error(Parameter::Limit, ProblemKind::ZeroNotAllowed));
    } else if limit > DOCUMENTED_MAX_LIMIT {
        problems.push(error(
            Parameter::Limit,
            ProblemKind::LimitAboveDocumentedMax { limit, max: DOCUMENTED_MAX_LIMIT },
        ));
    } else if limit > EVENTS_LIMIT_CAP {
        problems.push(warning(
            Parameter::Limit,
            ProblemKind::LimitAboveEventsCap {
                limit,
                cap: EVENTS_LIMIT_CAP,
                documented_max: DOCUMENTED_MAX_LIMIT,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::model::{CreatedAt, StagePair};

    fn types(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    fn kinds(filter: &Filter) -> Vec<ProblemKind> {
        validate(filter).into_iter().map(|p| p.kind).collect()
    }

    fn only(filter: &Filter) -> Problem {
        let problems = validate(filter);
        assert_eq!(problems.len(), 1, "{problems:?}");
        problems.into_iter().next().unwrap()
    }

    fn with_value(side: Side, types_: &[&str], value: ValueFilter) -> Filter {
        let mut filter = Filter { types: types(types_), ..Filter::default() };
        match side {
            Side::Before => filter.value_before = value,
            Side::After => filter.value_after = value,
        }
        filter
    }

    fn value_text(text: &str) -> ValueFilter {
        ValueFilter { value: Some(text.to_owned()), ..ValueFilter::default() }
    }

    #[test]
    fn empty_filter_has_no_problems() {
        assert!(validate(&Filter::default()).is_empty());
    }

    #[test]
    fn empty_type_list_means_all_types_and_is_fine() {
        let filter = Filter { entities: vec![Entity::Lead], limit: Some(50), ..Filter::default() };
        assert!(validate(&filter).is_empty());
    }

    #[test]
    fn per_field_type_must_be_alone() {
        let filter = Filter {
            types: types(&["lead_added", "custom_field_777_value_changed", "x"]),
            ..Filter::default()
        };
        assert_eq!(
            only(&filter),
            error(
                Parameter::Type,
                ProblemKind::PerFieldTypeNotAlone {
                    code: "custom_field_777_value_changed".to_owned(),
                    other_types: 2
                }
            )
        );
    }

    #[test]
    fn per_field_type_alone_is_fine() {
        let filter = Filter { types: types(&["custom_field_777_value_changed"]), ..Filter::default() };
        assert!(validate(&filter).is_empty());
    }

    #[test]
    fn template_without_field_id_is_an_error() {
        for code in [
            "custom_field_{FIELD_ID}_value_changed",
            "custom_field_field.ID_value_changed",
            "custom_field_99999999999999999999_value_changed",
        ] {
            let filter = Filter { types: types(&[code]), ..Filter::default() };
            assert_eq!(
                kinds(&filter),
                vec![ProblemKind::PerFieldTypeWithoutId { code: code.to_owned() }],
                "{code}"
            );
        }
    }

    #[test]
    fn per_field_id_zero_is_a_warning_since_it_only_matches_nothing() {
        let filter = Filter { types: types(&["custom_field_0_value_changed"]), ..Filter::default() };
        assert_eq!(only(&filter), warning(Parameter::Type, ProblemKind::PerFieldIdZero));
    }

    #[test]
    fn malformed_type_codes_are_errors() {
        let filter = Filter { types: types(&["lead_added", "", "a,b", "lead added"]), ..Filter::default() };
        let malformed: Vec<ProblemKind> = ["", "a,b", "lead added"]
            .into_iter()
            .map(|code| ProblemKind::TypeCodeMalformed { code: code.to_owned() })
            .collect();
        assert_eq!(kinds(&filter), malformed);
    }

    #[test]
    fn customer_entity_is_a_warning() {
        let filter = Filter { entities: vec![Entity::Customer], ..Filter::default() };
        assert_eq!(only(&filter), warning(Parameter::Entity, ProblemKind::CustomerEntity));
    }

    #[test]
    fn catalog_zero_is_a_warning_since_it_only_matches_nothing() {
        let filter = Filter { entities: vec![Entity::Catalog(0)], ..Filter::default() };
        assert_eq!(only(&filter), warning(Parameter::Entity, ProblemKind::ZeroId));
    }

    #[test]
    fn the_from_to_range_form_is_a_warning_only_when_a_range_is_written() {
        let from_to = EncodeOptions { range_style: RangeStyle::FromTo, ..EncodeOptions::default() };
        let mut filter = Filter { created_at: CreatedAt { from: Some(1), to: Some(2) }, ..Filter::default() };
        let problems = validate_written(&filter, &from_to);
        assert_eq!(problems, vec![warning(Parameter::CreatedAt, ProblemKind::RangeFromToForm)]);
        assert!(validate_written(&filter, &EncodeOptions::default()).is_empty());
        filter.created_at = CreatedAt::default();
        assert!(validate_written(&filter, &from_to).is_empty());
    }

    #[test]
    fn a_single_timestamp_is_the_current_docs_form_and_draws_no_warning() {
        let filter =
            Filter { created_at: CreatedAt { from: Some(1_767_225_600), to: None }, ..Filter::default() };
        assert!(validate_written(&filter, &EncodeOptions::default()).is_empty());
    }

    #[test]
    fn entity_ids_need_exactly_one_entity() {
        for entities in [vec![], vec![Entity::Lead, Entity::Contact]] {
            let count = entities.len();
            let filter = Filter { entities, entity_ids: vec![1], ..Filter::default() };
            assert_eq!(
                only(&filter),
                error(Parameter::EntityId, ProblemKind::EntityIdsNeedOneEntity { entities: count })
            );
        }
        let fine = Filter { entities: vec![Entity::Catalog(3)], entity_ids: vec![1, 2], ..Filter::default() };
        assert!(validate(&fine).is_empty());
    }

    #[test]
    fn at_most_ten_entity_ids() {
        let mut filter =
            Filter { entities: vec![Entity::Lead], entity_ids: (1..=10).collect(), ..Filter::default() };
        assert!(validate(&filter).is_empty());
        filter.entity_ids.push(11);
        assert_eq!(only(&filter), error(Parameter::EntityId, ProblemKind::TooManyIds { count: 11, max: 10 }));
    }

    #[test]
    fn entity_id_zero_is_a_warning_since_it_only_matches_nothing() {
        let filter = Filter { entities: vec![Entity::Lead], entity_ids: vec![0], ..Filter::default() };
        assert_eq!(only(&filter), warning(Parameter::EntityId, ProblemKind::ZeroId));
    }

    #[test]
    fn at_most_ten_users_and_robot_counts() {
        let mut filter = Filter { created_by: (0..10).collect(), ..Filter::default() };
        assert!(validate(&filter).is_empty());
        filter.created_by.push(10);
        assert_eq!(
            only(&filter),
            error(Parameter::CreatedBy, ProblemKind::TooManyIds { count: 11, max: 10 })
        );
    }

    #[test]
    fn created_at_to_before_from_is_a_warning_since_it_only_matches_nothing() {
        let reversed =
            Filter { created_at: CreatedAt { from: Some(200), to: Some(100) }, ..Filter::default() };
        assert_eq!(
            only(&reversed),
            warning(Parameter::CreatedAt, ProblemKind::RangeReversed { from: 200, to: 100 })
        );
        let same_second =
            Filter { created_at: CreatedAt { from: Some(100), to: Some(100) }, ..Filter::default() };
        assert!(validate(&same_second).is_empty());
    }

    #[test]
    fn more_than_a_hundred_event_ids_is_a_warning() {
        let id = |n: usize| format!("{n:026}");
        let mut filter = Filter { event_ids: (0..100).map(id).collect(), ..Filter::default() };
        assert!(validate(&filter).is_empty());
        filter.event_ids.push(id(100));
        assert_eq!(
            only(&filter),
            warning(Parameter::Id, ProblemKind::TooManyEventIds { count: 101, old_cap: 100 })
        );
    }

    #[test]
    fn event_ids_without_26_characters_are_a_warning() {
        let filter =
            Filter { event_ids: types(&["01abc", "01jk8m3w3d9c0xq2p7h5v6n4ty", "x"]), ..Filter::default() };
        assert_eq!(
            only(&filter),
            warning(
                Parameter::Id,
                ProblemKind::EventIdLength { id: "01abc".to_owned(), length: 5, count: 2 }
            )
        );
    }

    #[test]
    fn leads_statuses_need_lead_status_changed() {
        let stages = ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 1, status_id: 142 }],
            ..ValueFilter::default()
        };
        let missing = with_value(Side::After, &["lead_added"], stages.clone());
        assert_eq!(
            only(&missing),
            error(
                Parameter::ValueAfter(ValueKey::LeadsStatuses),
                ProblemKind::MissingType { needs: LEADS_STATUSES_TYPES }
            )
        );
        let present = with_value(Side::Before, &["lead_added", "lead_status_changed"], stages);
        assert!(validate(&present).is_empty());
    }

    #[test]
    fn leads_statuses_without_types_is_the_docs_form_and_only_a_note() {
        let stages = ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 1, status_id: 142 }],
            ..ValueFilter::default()
        };
        let filter = with_value(Side::After, &[], stages);
        assert_eq!(
            only(&filter),
            note(
                Parameter::value(Side::After, ValueKey::LeadsStatuses),
                ProblemKind::SubKeyMatchesOnlyItsTypes { types: LEADS_STATUSES_TYPES }
            )
        );
        assert!(value_key_applies(ValueKey::LeadsStatuses, &[]));
    }

    #[test]
    fn a_sub_key_whose_type_the_request_leaves_out_stays_an_error() {
        let stages = ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 1, status_id: 142 }],
            ..ValueFilter::default()
        };
        let filter = with_value(Side::After, &["lead_added"], stages);
        assert_eq!(only(&filter).severity, Severity::Error);
        assert_eq!(kinds(&filter), vec![ProblemKind::MissingType { needs: LEADS_STATUSES_TYPES }]);
        assert!(!value_key_applies(ValueKey::LeadsStatuses, &["lead_added".to_owned()]));
    }

    #[test]
    fn custom_field_values_still_need_their_one_per_field_type() {
        let values = ValueFilter { custom_field_values: vec![145], ..ValueFilter::default() };
        let filter = with_value(Side::After, &[], values);
        assert_eq!(only(&filter).severity, Severity::Error);
        assert!(!value_key_applies(ValueKey::CustomFieldValues, &[]));
    }

    #[test]
    fn zero_stage_ids_are_warnings_since_they_only_match_nothing() {
        let stages = ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 0, status_id: 142 }],
            ..ValueFilter::default()
        };
        let filter = with_value(Side::After, &["lead_status_changed"], stages);
        assert_eq!(
            only(&filter),
            warning(Parameter::value(Side::After, ValueKey::LeadsStatuses), ProblemKind::ZeroId)
        );
    }

    #[test]
    fn responsible_user_needs_entity_responsible_changed() {
        let users = ValueFilter { responsible_user_ids: vec![3231], ..ValueFilter::default() };
        let missing = with_value(Side::Before, &["lead_added"], users.clone());
        assert_eq!(
            only(&missing),
            error(
                Parameter::ValueBefore(ValueKey::ResponsibleUserId),
                ProblemKind::MissingType { needs: RESPONSIBLE_TYPES }
            )
        );
        let present = with_value(Side::Before, &["entity_responsible_changed"], users);
        assert!(validate(&present).is_empty());
    }

    #[test]
    fn custom_field_values_need_exactly_one_per_field_type() {
        let enums = ValueFilter { custom_field_values: vec![145, 157], ..ValueFilter::default() };
        for (types_, count) in [
            (vec![], 0),
            (vec!["custom_field_value_changed"], 1),
            (vec!["custom_field_777_value_changed", "lead_added"], 2),
        ] {
            let filter = with_value(Side::After, &types_, enums.clone());
            let problem = validate(&filter)
                .into_iter()
                .find(|p| p.parameter == Parameter::ValueAfter(ValueKey::CustomFieldValues));
            assert_eq!(
                problem.map(|p| p.kind),
                Some(ProblemKind::CustomFieldValuesNeedOnePerFieldType { types: count })
            );
        }
        let fine = with_value(Side::After, &["custom_field_777777_value_changed"], enums);
        assert!(validate(&fine).is_empty());
    }

    #[test]
    fn value_needs_one_of_the_value_types() {
        let missing = with_value(Side::After, &["lead_added"], value_text("155"));
        assert_eq!(
            only(&missing),
            error(Parameter::ValueAfter(ValueKey::Value), ProblemKind::MissingType { needs: VALUE_TYPES })
        );
        for value_type in VALUE_TYPES {
            let filter = with_value(Side::After, &[value_type], value_text("5"));
            assert!(validate(&filter).is_empty(), "{value_type}");
        }
    }

    #[test]
    fn nps_value_must_be_a_score_from_0_to_10() {
        for bad in ["11", "-1", "7.5", "seven", "+3", "256"] {
            let filter = with_value(Side::After, &["nps_rate_added"], value_text(bad));
            assert_eq!(
                kinds(&filter),
                vec![ProblemKind::NpsValueOutOfRange { value: bad.to_owned() }],
                "{bad}"
            );
        }
        for good in ["0", "10", "07"] {
            let filter = with_value(Side::After, &["nps_rate_added", "lead_added"], value_text(good));
            assert!(validate(&filter).is_empty(), "{good}");
        }
    }

    #[test]
    fn nps_score_is_not_checked_when_another_value_type_is_asked() {
        let filter = with_value(Side::After, &["nps_rate_added", "sale_field_changed"], value_text("1500"));
        assert!(validate(&filter).is_empty());
    }

    #[test]
    fn customer_name_is_a_warning() {
        let filter = Filter { with: vec![WithName::LeadName, WithName::CustomerName], ..Filter::default() };
        assert_eq!(only(&filter), warning(Parameter::With, ProblemKind::CustomerNameAmoCrmOnly));
    }

    #[test]
    fn limit_above_100_warns_and_above_250_is_an_error() {
        let limit = |n| Filter { limit: Some(n), ..Filter::default() };
        assert!(validate(&limit(100)).is_empty());
        assert_eq!(
            only(&limit(101)),
            warning(
                Parameter::Limit,
                ProblemKind::LimitAboveEventsCap { limit: 101, cap: 100, documented_max: 250 }
            )
        );
        assert_eq!(only(&limit(250)).severity, Severity::Warning);
        assert_eq!(
            only(&limit(251)),
            error(Parameter::Limit, ProblemKind::LimitAboveDocumentedMax { limit: 251, max: 250 })
        );
    }

    #[test]
    fn page_and_limit_zero_are_errors() {
        let filter = Filter { page: Some(0), limit: Some(0), ..Filter::default() };
        assert_eq!(
            validate(&filter),
            vec![
                error(Parameter::Page, ProblemKind::ZeroNotAllowed),
                error(Parameter::Limit, ProblemKind::ZeroNotAllowed),
            ]
        );
    }

    #[test]
    fn problems_come_in_query_order() {
        let filter = Filter {
            types: types(&["custom_field_777_value_changed", "lead_added"]),
            entities: vec![Entity::Customer, Entity::Lead],
            entity_ids: (1..=11).collect(),
            created_by: (0..11).collect(),
            created_at: CreatedAt { from: Some(2), to: Some(1) },
            event_ids: types(&["short"]),
            value_before: value_text("x"),
            value_after: ValueFilter { responsible_user_ids: vec![1], ..ValueFilter::default() },
            with: vec![WithName::CustomerName],
            limit: Some(300),
            page: Some(0),
        };
        let parameters: Vec<Parameter> = validate(&filter).iter().map(|p| p.parameter).collect();
        assert_eq!(
            parameters,
            vec![
                Parameter::Type,
                Parameter::Entity,
                Parameter::EntityId,
                Parameter::EntityId,
                Parameter::CreatedBy,
                Parameter::CreatedAt,
                Parameter::Id,
                Parameter::ValueBefore(ValueKey::Value),
                Parameter::ValueAfter(ValueKey::ResponsibleUserId),
                Parameter::With,
                Parameter::Page,
                Parameter::Limit,
            ]
        );
        // Within one parameter, rules keep their order: the count before the entity rule.
        let entity_id_kinds: Vec<ProblemKind> = validate(&filter)
            .into_iter()
            .filter(|p| p.parameter == Parameter::EntityId)
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            entity_id_kinds,
            vec![
                ProblemKind::TooManyIds { count: 11, max: 10 },
                ProblemKind::EntityIdsNeedOneEntity { entities: 2 },
            ]
        );
    }
}
