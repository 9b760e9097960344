//! The filter as plain data: what a user composed for `GET /api/v4/events`.
//!
//! Nothing here checks the Kommo rules (that is `rules`) or writes a query string (that is
//! `encode`); the model only holds values, so a filter can be half-finished while it is composed.

use serde::{Serialize, Serializer};

use super::parse::{FieldError, Token};

/// The per-field event type as the Kommo docs spell the placeholder.
pub const PER_FIELD_TEMPLATE: &str = "custom_field_{FIELD_ID}_value_changed";

const PER_FIELD_PREFIX: &str = "custom_field_";
const PER_FIELD_SUFFIX: &str = "_value_changed";
const CATALOG_PREFIX: &str = "catalog_";

/// The field id of a per-field type code: `Some(777)` for `custom_field_777_value_changed`.
///
/// `Some(0)` comes back for `custom_field_0_value_changed` so the rules can name that mistake;
/// `None` for every other code, including `custom_field_value_changed` (a real, different type)
/// and the template itself.
pub fn per_field_type_id(code: &str) -> Option<u64> {
    let middle = per_field_middle(code)?;
    if !middle.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    middle.parse().ok()
}

/// True when `code` has the per-field shape `custom_field_…_value_changed` whatever sits in the
/// middle (digits, `{FIELD_ID}`, the docs' `field.ID`, …), so a broken id can be reported.
pub fn looks_like_per_field_type(code: &str) -> bool {
    per_field_middle(code).is_some()
}

/// The text between `custom_field_` and `_value_changed`, when there is some.
fn per_field_middle(code: &str) -> Option<&str> {
    // `custom_field_value_changed` shares the underscore between prefix and suffix, so it
    // never matches: its stripped rest is shorter than the suffix.
    let rest = code.strip_prefix(PER_FIELD_PREFIX)?;
    let middle = rest.strip_suffix(PER_FIELD_SUFFIX)?;
    (!middle.is_empty()).then_some(middle)
}

/// The per-field type code for one custom field: `custom_field_777777_value_changed`.
pub fn per_field_type_code(field_id: u64) -> String {
    format!("{PER_FIELD_PREFIX}{field_id}{PER_FIELD_SUFFIX}")
}

/// One value of `filter[entity]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    /// `lead`
    Lead,
    /// `contact`
    Contact,
    /// `company`
    Company,
    /// `task`
    Task,
    /// `customer`: amoCRM and older Kommo docs; some Kommo accounts reject it (a rule warns).
    Customer,
    /// `catalog_{LIST_ID}`: the elements of one catalog (list), by the list id.
    Catalog(u64),
}

impl Entity {
    /// The fixed entities, in the order the docs list them (catalogs need an id, so are apart).
    pub const FIXED: [Entity; 5] =
        [Entity::Lead, Entity::Contact, Entity::Company, Entity::Task, Entity::Customer];

    /// The code sent to Kommo: `lead`, …, `catalog_1234`.
    pub fn code(&self) -> String {
        match self {
            Entity::Lead => "lead".to_owned(),
            Entity::Contact => "contact".to_owned(),
            Entity::Company => "company".to_owned(),
            Entity::Task => "task".to_owned(),
            Entity::Customer => "customer".to_owned(),
            Entity::Catalog(id) => format!("{CATALOG_PREFIX}{id}"),
        }
    }

    /// Reads one code (trimmed, ASCII case ignored); the error names the text as item 1.
    pub fn parse(text: &str) -> Result<Entity, FieldError> {
        Entity::parse_at(text.trim(), 1)
    }

    /// Reads one code that is item `position` of a list, so the error can point at it.
    pub(super) fn parse_at(token: &str, position: usize) -> Result<Entity, FieldError> {
        let lower = token.to_ascii_lowercase();
        if let Some(fixed) = Entity::FIXED.iter().find(|e| e.code() == lower) {
            return Ok(*fixed);
        }
        let Some(id) = lower.strip_prefix(CATALOG_PREFIX) else {
            return Err(FieldError::UnknownEntity { token: Token::new(token, position) });
        };
        match catalog_list_id(id) {
            Some(id) => Ok(Entity::Catalog(id)),
            None => Err(FieldError::CatalogId { token: Token::new(token, position) }),
        }
    }
}

/// The list id of `catalog_{LIST_ID}`: plain ASCII digits (`parse` alone would let `+5` in), ≥ 1.
fn catalog_list_id(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|id| *id >= 1)
}

impl Serialize for Entity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

/// One value of `with`: asks Kommo to add the entity's `name` to each event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WithName {
    /// `contact_name`
    ContactName,
    /// `lead_name`
    LeadName,
    /// `company_name`
    CompanyName,
    /// `catalog_name`
    CatalogName,
    /// `catalog_element_name`
    CatalogElementName,
    /// `customer_name`: amoCRM only (a rule warns).
    CustomerName,
    /// `note`: the note behind note-shaped events (the official SDK's `EventModel` lists it).
    Note,
}

impl WithName {
    /// Every value, in the order the docs list them.
    pub const ALL: [WithName; 7] = [
        WithName::ContactName,
        WithName::LeadName,
        WithName::CompanyName,
        WithName::CatalogName,
        WithName::CatalogElementName,
        WithName::CustomerName,
        WithName::Note,
    ];

    /// The code sent to Kommo: `contact_name`, ….
    pub fn code(&self) -> &'static str {
        match self {
            WithName::ContactName => "contact_name",
            WithName::LeadName => "lead_name",
            WithName::CompanyName => "company_name",
            WithName::CatalogName => "catalog_name",
            WithName::CatalogElementName => "catalog_element_name",
            WithName::CustomerName => "customer_name",
            WithName::Note => "note",
        }
    }

    /// Reads one code (trimmed, ASCII case ignored); the error names the text as item 1.
    pub fn parse(text: &str) -> Result<WithName, FieldError> {
        WithName::parse_at(text.trim(), 1)
    }

    /// Reads one code that is item `position` of a list.
    pub(super) fn parse_at(token: &str, position: usize) -> Result<WithName, FieldError> {
        let lower = token.to_ascii_lowercase();
        WithName::ALL
            .into_iter()
            .find(|w| w.code() == lower)
            .ok_or_else(|| FieldError::UnknownWithName { token: Token::new(token, position) })
    }
}

impl Serialize for WithName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// `filter[created_at]`: a range of Unix seconds; either end may be open.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct CreatedAt {
    /// Events created at or after this second.
    pub from: Option<i64>,
    /// Events created at or before this second.
    pub to: Option<i64>,
}

impl CreatedAt {
    /// True when neither end is set.
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// One `leads_statuses` entry: a stage is only unique with its pipeline (142 "won" and 143 "lost"
/// exist in every pipeline), so both ids are always sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
pub struct StagePair {
    /// The pipeline id.
    pub pipeline_id: u64,
    /// The stage (status) id inside that pipeline.
    pub status_id: u64,
}

/// One side of a change, `filter[value_before]` or `filter[value_after]`.
///
/// The key is `leads_statuses`, not the response's `lead_status` (a common mistake).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct ValueFilter {
    /// Stages, for `lead_status_changed`.
    pub leads_statuses: Vec<StagePair>,
    /// Customer stages (status ids), for amoCRM's `customer_status_changed`.
    pub customers_statuses: Vec<u64>,
    /// Users, for `entity_responsible_changed` (sent as `responsible_user_id`).
    pub responsible_user_ids: Vec<u64>,
    /// Enum ids, for one `custom_field_{FIELD_ID}_value_changed`.
    pub custom_field_values: Vec<u64>,
    /// An exact value, for NPS, sale, name, LTV and custom-field changes.
    pub value: Option<String>,
}

impl ValueFilter {
    /// True when no sub-key would be sent.
    pub fn is_empty(&self) -> bool {
        self.leads_statuses.is_empty()
            && self.customers_statuses.is_empty()
            && self.responsible_user_ids.is_empty()
            && self.custom_field_values.is_empty()
            && self.value_text().is_none()
    }

    /// The value when there is one worth sending: an empty string counts as none.
    pub fn value_text(&self) -> Option<&str> {
        self.value.as_deref().filter(|v| !v.is_empty())
    }
}

/// Which side of a change a value filter is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// `filter[value_before]`
    Before,
    /// `filter[value_after]`
    After,
}

impl Side {
    /// Both sides in query order.
    pub const BOTH: [Side; 2] = [Side::Before, Side::After];
}

/// Everything that can be sent to `GET /api/v4/events`.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Filter {
    /// Event type codes; empty means all types. Per-field types are already instantiated
    /// (`custom_field_777777_value_changed`).
    pub types: Vec<String>,
    /// `filter[entity]`.
    pub entities: Vec<Entity>,
    /// `filter[entity_id]`.
    pub entity_ids: Vec<u64>,
    /// `filter[created_by]`; 0 is the robot/system/API.
    pub created_by: Vec<u64>,
    /// `filter[created_at]`.
    pub created_at: CreatedAt,
    /// `filter[id]`: event ids.
    pub event_ids: Vec<String>,
    /// `filter[value_before]`.
    pub value_before: ValueFilter,
    /// `filter[value_after]`.
    pub value_after: ValueFilter,
    /// `with`.
    pub with: Vec<WithName>,
    /// `limit`: events per page.
    pub limit: Option<u32>,
    /// `page`: 1-based.
    pub page: Option<u32>,
}

impl Filter {
    /// The value filter of one side.
    pub fn value(&self, side: Side) -> &ValueFilter {
        match side {
            Side::Before => &self.value_before,
            Side::After => &self.value_after,
        }
    }

    /// The value filter of one side, to fill in.
    pub fn value_mut(&mut self, side: Side) -> &mut ValueFilter {
        match side {
            Side::Before => &mut self.value_before,
            Side::After => &mut self.value_after,
        }
    }
}

/// A sub-key of `filter[value_before]` / `filter[value_after]`. The catalog names the keys each
/// type accepts with the same snake_case codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKey {
    /// `leads_statuses`
    LeadsStatuses,
    /// `customers_statuses` (amoCRM customers)
    CustomersStatuses,
    /// `responsible_user_id`
    ResponsibleUserId,
    /// `custom_field_values`
    CustomFieldValues,
    /// `value`
    Value,
}

impl ValueKey {
    /// Every sub-key in query order.
    pub const ALL: [ValueKey; 5] = [
        ValueKey::LeadsStatuses,
        ValueKey::CustomersStatuses,
        ValueKey::ResponsibleUserId,
        ValueKey::CustomFieldValues,
        ValueKey::Value,
    ];

    /// The sub-key as written in the query, e.g. `leads_statuses`.
    pub fn code(self) -> &'static str {
        match self {
            ValueKey::LeadsStatuses => "leads_statuses",
            ValueKey::CustomersStatuses => "customers_statuses",
            ValueKey::ResponsibleUserId => "responsible_user_id",
            ValueKey::CustomFieldValues => "custom_field_values",
            ValueKey::Value => "value",
        }
    }
}

/// A query parameter, in the order the query writes them (the derived `Ord` is that order, which
/// keeps problems and pairs stable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Parameter {
    /// `filter[type]`
    Type,
    /// `filter[entity]`
    Entity,
    /// `filter[entity_id]`
    EntityId,
    /// `filter[created_by]`
    CreatedBy,
    /// `filter[created_at]`
    CreatedAt,
    /// `filter[id]`
    Id,
    /// `filter[value_before][…]`
    ValueBefore(ValueKey),
    /// `filter[value_after][…]`
    ValueAfter(ValueKey),
    /// `with`
    With,
    /// `page`
    Page,
    /// `limit`
    Limit,
}

impl Parameter {
    /// The sub-key parameter of one side.
    pub fn value(side: Side, key: ValueKey) -> Parameter {
        match side {
            Side::Before => Parameter::ValueBefore(key),
            Side::After => Parameter::ValueAfter(key),
        }
    }

    /// The key as it appears in the query: `filter[entity_id]`,
    /// `filter[value_after][leads_statuses]`, `limit`.
    pub fn name(&self) -> &'static str {
        match self {
            Parameter::Type => "filter[type]",
            Parameter::Entity => "filter[entity]",
            Parameter::EntityId => "filter[entity_id]",
            Parameter::CreatedBy => "filter[created_by]",
            Parameter::CreatedAt => "filter[created_at]",
            Parameter::Id => "filter[id]",
            Parameter::ValueBefore(key) => before_name(*key),
            Parameter::ValueAfter(key) => after_name(*key),
            Parameter::With => "with",
            Parameter::Page => "page",
            Parameter::Limit => "limit",
        }
    }
}

fn before_name(key: ValueKey) -> &'static str {
    match key {
        ValueKey::LeadsStatuses => "filter[value_before][leads_statuses]",
        ValueKey::CustomersStatuses => "filter[value_before][customers_statuses]",
        ValueKey::ResponsibleUserId => "filter[value_before][responsible_user_id]",
        ValueKey::CustomFieldValues => "filter[value_before][custom_field_values]",
        ValueKey::Value => "filter[value_before][value]",
    }
}

fn after_name(key: ValueKey) -> &'static str {
    match key {
        ValueKey::LeadsStatuses => "filter[value_after][leads_statuses]",
        ValueKey::CustomersStatuses => "filter[value_after][customers_statuses]",
        ValueKey::ResponsibleUserId => "filter[value_after][responsible_user_id]",
        ValueKey::CustomFieldValues => "filter[value_after][custom_field_values]",
        ValueKey::Value => "filter[value_after][value]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_field_id_is_read_from_the_code() {
        assert_eq!(per_field_type_id("custom_field_777_value_changed"), Some(777));
        assert_eq!(per_field_type_id("custom_field_0_value_changed"), Some(0));
    }

    #[test]
    fn custom_field_value_changed_is_not_a_per_field_type() {
        assert_eq!(per_field_type_id("custom_field_value_changed"), None);
        assert!(!looks_like_per_field_type("custom_field_value_changed"));
    }

    #[test]
    fn template_looks_per_field_but_has_no_id() {
        assert_eq!(per_field_type_id(PER_FIELD_TEMPLATE), None);
        assert!(looks_like_per_field_type(PER_FIELD_TEMPLATE));
        assert!(looks_like_per_field_type("custom_field_field.ID_value_changed"));
        assert_eq!(per_field_type_id("custom_field_+7_value_changed"), None);
        assert_eq!(per_field_type_id("custom_field_99999999999999999999999_value_changed"), None);
    }

    #[test]
    fn per_field_code_round_trips() {
        let code = per_field_type_code(777777);
        assert_eq!(code, "custom_field_777777_value_changed");
        assert_eq!(per_field_type_id(&code), Some(777777));
    }

    #[test]
    fn entity_codes_round_trip() {
        for entity in Entity::FIXED.into_iter().chain([Entity::Catalog(1234)]) {
            assert_eq!(Entity::parse(&entity.code()), Ok(entity));
        }
        assert_eq!(Entity::Catalog(1234).code(), "catalog_1234");
    }

    #[test]
    fn entity_parse_ignores_case_and_spaces() {
        assert_eq!(Entity::parse("  Lead "), Ok(Entity::Lead));
        assert_eq!(Entity::parse("CATALOG_5"), Ok(Entity::Catalog(5)));
        assert_eq!(Entity::parse("catalog_007"), Ok(Entity::Catalog(7)));
    }

    #[test]
    fn catalog_needs_a_plain_positive_list_id() {
        for bad in [
            "catalog_",
            "catalog_0",
            "catalog_x",
            "catalog_+5",
            "catalog_{LIST_ID}",
            "catalog_99999999999999999999",
        ] {
            assert!(matches!(Entity::parse(bad), Err(FieldError::CatalogId { .. })), "{bad}");
        }
    }

    #[test]
    fn unknown_entity_is_named() {
        assert_eq!(Entity::parse("leed"), Err(FieldError::UnknownEntity { token: Token::new("leed", 1) }));
    }

    #[test]
    fn with_names_round_trip() {
        for name in WithName::ALL {
            assert_eq!(WithName::parse(name.code()), Ok(name));
        }
        assert!(matches!(WithName::parse("lead"), Err(FieldError::UnknownWithName { .. })));
    }

    #[test]
    fn filter_serializes_entities_and_with_as_codes() {
        let filter = Filter {
            entities: vec![Entity::Lead, Entity::Catalog(9)],
            with: vec![WithName::LeadName],
            ..Filter::default()
        };
        let json = serde_json::to_value(&filter).unwrap_or_default();
        assert_eq!(json["entities"], serde_json::json!(["lead", "catalog_9"]));
        assert_eq!(json["with"], serde_json::json!(["lead_name"]));
        assert_eq!(json["created_at"], serde_json::json!({"from": null, "to": null}));
        assert_eq!(json["value_after"]["leads_statuses"], serde_json::json!([]));
    }

    #[test]
    fn parameter_names_follow_the_query() {
        assert_eq!(Parameter::EntityId.name(), "filter[entity_id]");
        assert_eq!(
            Parameter::ValueAfter(ValueKey::LeadsStatuses).name(),
            "filter[value_after][leads_statuses]"
        );
        assert!(Parameter::Id < Parameter::ValueBefore(ValueKey::Value));
        assert!(Parameter::ValueBefore(ValueKey::Value) < Parameter::ValueAfter(ValueKey::LeadsStatuses));
        assert!(Parameter::With < Parameter::Page && Parameter::Page < Parameter::Limit);
    }
}
