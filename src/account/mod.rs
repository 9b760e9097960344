//! The account's own names: its event types with their labels, users, pipelines and stages,
//! custom fields with their enums, and catalogs (lists). Read from the answers of Kommo's
//! routes, saved per account by `account refresh` ([`store`]), so the events a query returns
//! can be shown as "Sales › Won" and "Ana" instead of ids, and so a screen can offer pickers.
//!
//! Every lookup answers `None` when the name is unknown; callers fall back to the id.

pub mod refresh;
pub mod store;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::AccountType;
use crate::filter::{per_field_type_id, Entity};
use crate::i18n::{event_words, Lang};

/// One route of the account whose answer is kept, with the file it is kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// `GET /api/v4/events/types?language_code=…` → `events_types.json`
    EventTypes,
    /// `GET /api/v4/users` (admins only) → `users.json`
    Users,
    /// `GET /api/v4/leads/pipelines` → `pipelines.json`
    Pipelines,
    /// `GET /api/v4/leads/custom_fields` → `custom_fields_leads.json`
    LeadFields,
    /// `GET /api/v4/contacts/custom_fields` → `custom_fields_contacts.json`
    ContactFields,
    /// `GET /api/v4/companies/custom_fields` → `custom_fields_companies.json`
    CompanyFields,
    /// `GET /api/v4/catalogs` → `catalogs.json`
    Catalogs,
}

impl Part {
    /// Every part, in the order `account refresh` fetches them.
    pub const ALL: [Part; 7] = [
        Part::EventTypes,
        Part::Users,
        Part::Pipelines,
        Part::LeadFields,
        Part::ContactFields,
        Part::CompanyFields,
        Part::Catalogs,
    ];

    /// The file the answer is kept in, in the cache or in an `--account-dir`.
    pub fn file_name(self) -> &'static str {
        match self {
            Part::EventTypes => "events_types.json",
            Part::Users => "users.json",
            Part::Pipelines => "pipelines.json",
            Part::LeadFields => "custom_fields_leads.json",
            Part::ContactFields => "custom_fields_contacts.json",
            Part::CompanyFields => "custom_fields_companies.json",
            Part::Catalogs => "catalogs.json",
        }
    }

    /// The route, without the query.
    pub fn route(self) -> &'static str {
        match self {
            Part::EventTypes => "/api/v4/events/types",
            Part::Users => "/api/v4/users",
            Part::Pipelines => "/api/v4/leads/pipelines",
            Part::LeadFields => "/api/v4/leads/custom_fields",
            Part::ContactFields => "/api/v4/contacts/custom_fields",
            Part::CompanyFields => "/api/v4/companies/custom_fields",
            Part::Catalogs => "/api/v4/catalogs",
        }
    }

    /// The list's key under `_embedded`.
    pub fn key(self) -> &'static str {
        match self {
            Part::EventTypes => "events_types",
            Part::Users => "users",
            Part::Pipelines => "pipelines",
            Part::LeadFields | Part::ContactFields | Part::CompanyFields => "custom_fields",
            Part::Catalogs => "catalogs",
        }
    }

    /// The entity whose custom fields this part holds.
    pub fn field_entity(self) -> Option<Entity> {
        match self {
            Part::LeadFields => Some(Entity::Lead),
            Part::ContactFields => Some(Entity::Contact),
            Part::CompanyFields => Some(Entity::Company),
            _ => None,
        }
    }
}

/// A user of the account.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct User {
    pub id: u64,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A stage (status) of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Stage {
    pub id: u64,
    #[serde(default)]
    pub name: String,
}

/// A lead pipeline with its stages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pipeline {
    pub id: u64,
    pub name: String,
    pub stages: Vec<Stage>,
}

/// One choice of a list-type custom field.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct EnumValue {
    pub id: u64,
    #[serde(default)]
    pub value: String,
}

/// A custom field of leads, contacts or companies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CustomField {
    pub id: u64,
    pub name: String,
    /// Kommo's field type: `text`, `select`, `multiselect`, `numeric`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// `lead`, `contact` or `company`.
    pub entity: String,
    pub enums: Vec<EnumValue>,
}

impl CustomField {
    /// The text of one of its choices.
    pub fn enum_value(&self, enum_id: u64) -> Option<&str> {
        self.enums.iter().find(|e| e.id == enum_id).map(|e| e.value.as_str())
    }
}

/// A catalog (list), the `{ID}` of `catalog_{ID}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CatalogList {
    pub id: u64,
    #[serde(default)]
    pub name: String,
}

/// One of the account's event types, as `/api/v4/events/types` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountEventType {
    /// The code for `filter[type]`.
    pub code: String,
    /// Kommo's numeric id of the type.
    pub type_id: Option<u64>,
    /// The label in the language it was fetched in.
    pub label: String,
    /// For `custom_field_{ID}_value_changed`: the field's id.
    pub field_id: Option<u64>,
}

/// The account's names. The default is empty: every lookup says `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    event_types: Vec<AccountEventType>,
    users: Vec<User>,
    pipelines: Vec<Pipeline>,
    custom_fields: Vec<CustomField>,
    catalogs: Vec<CatalogList>,
}

#[derive(Deserialize)]
struct EventTypeItem {
    key: String,
    #[serde(default, rename = "type")]
    type_id: Option<Value>,
    #[serde(default)]
    lang: Option<Value>,
}

#[derive(Deserialize)]
struct PipelineItem {
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default, rename = "_embedded")]
    embedded: Option<PipelineEmbedded>,
}

#[derive(Deserialize)]
struct PipelineEmbedded {
    #[serde(default)]
    statuses: Vec<Stage>,
}

#[derive(Deserialize)]
struct FieldItem {
    id: u64,
    #[serde(default)]
    name: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    enums: Option<Vec<EnumValue>>,
}

/// The longest name kept from the account (a user, a stage, a field, an enum value, a label).
pub const NAME_CHARS: usize = 200;

/// Items of a part that could not be read: the part and serde's reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemError {
    pub part: Part,
    pub reason: String,
}

impl Account {
    /// The account from each part's items (`_embedded.{key}` of its answers). Items without an
    /// `id` are an error naming the part; unknown fields are ignored, since Kommo adds fields.
    pub fn from_items(items: &BTreeMap<Part, Vec<Value>>) -> Result<Account, ItemError> {
        let mut account = Account::default();
        for (part, list) in items {
            let part = *part;
            let bad = |error: serde_json::Error| ItemError { part, reason: error.to_string() };
            match part {
                Part::EventTypes => {
                    for item in list {
                        let item: EventTypeItem = serde_json::from_value(item.clone()).map_err(bad)?;
                        // A code no Kommo account has (too long, or with other characters) would
                        // reach every list and query: it is left out where it enters.
                        if !crate::catalog::is_valid_code(&item.key) {
                            continue;
                        }
                        account.event_types.push(AccountEventType {
                            field_id: per_field_type_id(&item.key).filter(|id| *id > 0),
                            type_id: item.type_id.as_ref().and_then(number),
                            label: item.lang.as_ref().map(label_text).unwrap_or_default(),
                            code: item.key,
                        });
                    }
                }
                Part::Users => account.users.extend(parse_list::<User>(list).map_err(bad)?),
                Part::Pipelines => {
                    for item in parse_list::<PipelineItem>(list).map_err(bad)? {
                        let stages = item.embedded.map(|e| e.statuses).unwrap_or_default();
                        account.pipelines.push(Pipeline { id: item.id, name: item.name, stages });
                    }
                }
                Part::LeadFields | Part::ContactFields | Part::CompanyFields => {
                    let entity = part.field_entity().map(|e| e.code()).unwrap_or_default();
                    for item in parse_list::<FieldItem>(list).map_err(bad)? {
                        account.custom_fields.push(CustomField {
                            id: item.id,
                            name: item.name,
                            kind: item.kind,
                            entity: entity.clone(),
                            enums: item.enums.unwrap_or_default(),
                        });
                    }
                }
                Part::Catalogs => account.catalogs.extend(parse_list::<CatalogList>(list).map_err(bad)?),
            }
        }
        account.make_names_printable();
        Ok(account)
    }

    /// Names come from the account (anyone with access types them): each is made printable and
    /// cut to [`NAME_CHARS`] where it enters, so the screen, `fetch`, `tail` and `account show`
    /// all show the same safe text.
    fn make_names_printable(&mut self) {
        let clean = |text: &mut String| {
            let printable = crate::text::printable(text);
            if matches!(printable, std::borrow::Cow::Owned(_)) || text.chars().nth(NAME_CHARS).is_some() {
                *text = crate::text::snippet(&printable, NAME_CHARS);
            }
        };
        for kind in &mut self.event_types {
            clean(&mut kind.label);
        }
        for user in &mut self.users {
            clean(&mut user.name);
            if let Some(email) = &mut user.email {
                clean(email);
            }
        }
        for pipeline in &mut self.pipelines {
            clean(&mut pipeline.name);
            pipeline.stages.iter_mut().for_each(|stage| clean(&mut stage.name));
        }
        for field in &mut self.custom_fields {
            clean(&mut field.name);
            clean(&mut field.kind);
            field.enums.iter_mut().for_each(|value| clean(&mut value.value));
        }
        self.catalogs.iter_mut().for_each(|catalog| clean(&mut catalog.name));
    }

    /// True when nothing is known.
    pub fn is_empty(&self) -> bool {
        self.event_types.is_empty()
            && self.users.is_empty()
            && self.pipelines.is_empty()
            && self.custom_fields.is_empty()
            && self.catalogs.is_empty()
    }

    /// The account's event types, as `/api/v4/events/types` listed them.
    pub fn event_types(&self) -> &[AccountEventType] {
        &self.event_types
    }

    /// The users (empty when the token could not read them).
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// The lead pipelines.
    pub fn pipelines(&self) -> &[Pipeline] {
        &self.pipelines
    }

    /// The custom fields of leads, contacts and companies.
    pub fn custom_fields(&self) -> &[CustomField] {
        &self.custom_fields
    }

    /// The catalogs (lists).
    pub fn catalogs(&self) -> &[CatalogList] {
        &self.catalogs
    }

    /// A user's name by id (`None` for unknown users and for empty names).
    pub fn user_name(&self, id: u64) -> Option<&str> {
        self.users.iter().find(|u| u.id == id).map(|u| u.name.as_str()).filter(|n| !n.is_empty())
    }

    /// A pipeline by id.
    pub fn pipeline(&self, id: u64) -> Option<&Pipeline> {
        self.pipelines.iter().find(|p| p.id == id)
    }

    /// The stage `status_id`, in `pipeline_id` when given. Without a pipeline the stage must be
    /// unique in the account: 142 ("won") and 143 ("lost") are in every pipeline.
    pub fn stage(&self, pipeline_id: Option<u64>, status_id: u64) -> Option<(&Pipeline, &Stage)> {
        let mut found = self.pipelines.iter().filter(|p| pipeline_id.is_none_or(|id| p.id == id)).filter_map(
            |pipeline| pipeline.stages.iter().find(|s| s.id == status_id).map(|stage| (pipeline, stage)),
        );
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// `Pipeline › Stage` for a stage, when both names are known.
    pub fn stage_label(&self, pipeline_id: Option<u64>, status_id: u64) -> Option<String> {
        self.stage(pipeline_id, status_id)
            .map(|(pipeline, stage)| format!("{} › {}", pipeline.name, stage.name))
    }

    /// A custom field by id.
    pub fn custom_field(&self, id: u64) -> Option<&CustomField> {
        self.custom_fields.iter().find(|f| f.id == id)
    }

    /// The custom field that has the choice `enum_id`, with the choice's text. Kommo numbers
    /// choices account-wide, so the id alone finds its field.
    pub fn enum_choice(&self, enum_id: u64) -> Option<(&CustomField, &str)> {
        self.custom_fields.iter().find_map(|field| field.enum_value(enum_id).map(|value| (field, value)))
    }

    /// A catalog by id.
    pub fn catalog(&self, id: u64) -> Option<&CatalogList> {
        self.catalogs.iter().find(|c| c.id == id)
    }

    /// An event type's label in this account: a `custom_field_{ID}_value_changed` goes by its
    /// field's name, others by the label `/api/v4/events/types` gave.
    pub fn event_type_label(&self, code: &str) -> Option<String> {
        if let Some(field) = per_field_type_id(code).and_then(|id| self.custom_field(id)) {
            return Some(field.name.clone());
        }
        self.event_types.iter().find(|t| t.code == code).map(|t| t.label.clone()).filter(|l| !l.is_empty())
    }

    /// The account's types for the catalog: every type `/api/v4/events/types` listed, and one
    /// `custom_field_{ID}_value_changed` per custom field (the answer lists them, but a saved
    /// `--account-dir` may have the fields without it). A per-field type goes by its field's
    /// name in both languages; another type by the label Kommo gave, else its code.
    pub fn catalog_types(&self) -> Vec<AccountType> {
        let listed = self.event_types.iter().map(|listed| (listed.code.clone(), listed.field_id));
        let fields = self.custom_fields.iter().map(|field| (per_field_code(field.id), Some(field.id)));
        listed
            .chain(fields)
            .map(|(code, field_id)| match field_id.and_then(|id| self.custom_field(id)) {
                Some(field) => {
                    let label = |lang| event_words::field_changed(&field.name, lang);
                    AccountType {
                        label_en: label(Lang::En),
                        label_es: label(Lang::Es),
                        label_pt: label(Lang::Pt),
                        code,
                    }
                }
                None => {
                    let label = self.event_type_label(&code).unwrap_or_else(|| code.clone());
                    AccountType { label_en: label.clone(), label_pt: label.clone(), label_es: label, code }
                }
            })
            .collect()
    }
}

/// `custom_field_{ID}_value_changed` for one field.
fn per_field_code(field_id: u64) -> String {
    crate::filter::PER_FIELD_TEMPLATE.replace("{FIELD_ID}", &field_id.to_string())
}

fn parse_list<T: for<'de> Deserialize<'de>>(list: &[Value]) -> Result<Vec<T>, serde_json::Error> {
    list.iter().map(|item| serde_json::from_value(item.clone())).collect()
}

/// A number that may come as a JSON number or a numeric string.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// `lang` is a string in the docs; some accounts send an object of languages: take its first text.
fn label_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Object(map) => map.values().find_map(Value::as_str).unwrap_or_default().to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn sample() -> Account {
        let items = BTreeMap::from([
            (
                Part::EventTypes,
                vec![
                    json!({"key": "lead_added", "type": 1, "lang": "Lead added"}),
                    json!({"key": "custom_field_777_value_changed", "type": 2, "lang": "Field changed"}),
                ],
            ),
            (
                Part::Users,
                vec![json!({"id": 11, "name": "Ana", "email": "ana@x"}), json!({"id": 12, "name": "Luis"})],
            ),
            (
                Part::Pipelines,
                vec![
                    json!({"id": 100, "name": "Sales", "_embedded": {"statuses": [
                        {"id": 1001, "name": "Negotiation", "pipeline_id": 100},
                        {"id": 142, "name": "Won", "pipeline_id": 100}]}}),
                    json!({"id": 200, "name": "Support", "_embedded": {"statuses": [
                        {"id": 142, "name": "Solved", "pipeline_id": 200}]}}),
                ],
            ),
            (
                Part::LeadFields,
                vec![json!({"id": 777, "name": "Source", "type": "select",
                            "enums": [{"id": 1, "value": "Web"}, {"id": 2, "value": "Phone"}]})],
            ),
            (Part::Catalogs, vec![json!({"id": 5, "name": "Products"})]),
        ]);
        Account::from_items(&items).unwrap()
    }

    #[test]
    fn users_stages_fields_and_catalogs_are_found_by_id() {
        let account = sample();
        assert_eq!(account.user_name(11), Some("Ana"));
        assert_eq!(account.user_name(99), None);
        assert_eq!(account.stage_label(Some(100), 1001).as_deref(), Some("Sales › Negotiation"));
        assert_eq!(account.stage_label(None, 1001).as_deref(), Some("Sales › Negotiation"));
        assert_eq!(account.custom_field(777).and_then(|f| f.enum_value(2)), Some("Phone"));
        assert_eq!(account.custom_field(777).map(|f| f.entity.as_str()), Some("lead"));
        assert_eq!(account.catalog(5).map(|c| c.name.as_str()), Some("Products"));
        assert_eq!(account.enum_choice(2).map(|(f, v)| (f.id, v)), Some((777, "Phone")));
        assert_eq!(account.enum_choice(99), None);
    }

    #[test]
    fn won_needs_its_pipeline_because_every_pipeline_has_142() {
        let account = sample();
        assert_eq!(account.stage_label(None, 142), None);
        assert_eq!(account.stage_label(Some(200), 142).as_deref(), Some("Support › Solved"));
    }

    #[test]
    fn per_field_types_go_by_their_field_name() {
        let account = sample();
        assert_eq!(account.event_type_label("custom_field_777_value_changed").as_deref(), Some("Source"));
        assert_eq!(account.event_type_label("lead_added").as_deref(), Some("Lead added"));
        assert_eq!(account.event_types()[1].field_id, Some(777));
        assert_eq!(account.event_type_label("unknown"), None);
    }

    #[test]
    fn every_custom_field_becomes_a_type_named_after_it() {
        let types = sample().catalog_types();
        let codes: Vec<&str> = types.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, ["lead_added", "custom_field_777_value_changed", "custom_field_777_value_changed"]);
        assert_eq!(types[1].label_en, "Field “Source” changed");
        assert_eq!(types[1].label_es, "Campo «Source» modificado");
        assert_eq!(types[0].label_es, "Lead added", "Kommo's one label stands for both languages");
    }

    #[test]
    fn an_item_without_id_names_its_part() {
        let items = BTreeMap::from([(Part::Users, vec![json!({"name": "no id"})])]);
        let error = Account::from_items(&items).unwrap_err();
        assert_eq!(error.part, Part::Users);
        assert!(Account::default().is_empty());
    }
}
