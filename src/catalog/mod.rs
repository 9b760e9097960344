//! The event catalog: every Kommo event type with its labels, group, description and the
//! value filters it accepts. The built-in catalog is `assets/events.json`, embedded in the binary
//! so the program runs with no files around it.

mod load;

pub use load::CatalogError;

use serde::Serialize;

pub use crate::filter::ValueKey;

/// The catalog shipped with the program (`assets/events.json`).
const BUILTIN_JSON: &str = include_str!("../../assets/events.json");

pub use crate::filter::PER_FIELD_TEMPLATE;

/// A family of related event types (leads, tasks, communication…), shown as one collapsible block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Stable identifier used in `--group` and in catalog files, e.g. `lead`.
    pub id: String,
    /// Display name in English.
    pub label_en: String,
    /// Display name in Spanish.
    pub label_es: String,
}

/// One event type Kommo can report in `GET /api/v4/events`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventType {
    /// The code sent in `filter[type]`, e.g. `lead_status_changed`.
    pub code: String,
    /// Index of the type's group in [`Catalog::groups`].
    #[serde(skip)]
    pub group: usize,
    /// Spanish label, exactly as Kommo's documentation prints it.
    pub label_es: String,
    /// English label.
    pub label_en: String,
    /// When Kommo emits it, in English.
    pub description_en: String,
    /// When Kommo emits it, in Spanish.
    pub description_es: String,
    /// The value filters that apply to this type.
    pub value_filters: Vec<ValueKey>,
}

impl EventType {
    /// True for `custom_field_{FIELD_ID}_value_changed`, which needs a field id before it can be sent.
    pub fn is_per_field_template(&self) -> bool {
        self.code == PER_FIELD_TEMPLATE
    }
}

/// The groups and event types the explorer shows, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    groups: Vec<Group>,
    events: Vec<EventType>,
}

impl Catalog {
    /// The catalog embedded in the binary.
    pub fn builtin() -> Catalog {
        // The embedded file is checked by the test suite (tests/catalog.rs); failing here means the
        // binary was built from a broken asset, which no user input can cause.
        Self::from_json(BUILTIN_JSON, "assets/events.json").expect("embedded assets/events.json is valid")
    }

    /// Parses a catalog in the `assets/events.json` schema; `source` names it in errors.
    pub fn from_json(text: &str, source: &str) -> Result<Catalog, CatalogError> {
        load::parse(text, source)
    }

    /// Groups in display order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Event types in display order (grouped, then as listed in the file).
    pub fn events(&self) -> &[EventType] {
        &self.events
    }

    /// The type with this code, if the catalog has it.
    pub fn find(&self, code: &str) -> Option<&EventType> {
        self.events.iter().find(|event| event.code == code)
    }

    /// The index of the group with this id.
    pub fn group_index(&self, id: &str) -> Option<usize> {
        self.groups.iter().position(|group| group.id == id)
    }

    /// How many types each group holds, indexed like [`Catalog::groups`].
    pub fn group_sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.groups.len()];
        for event in &self.events {
            sizes[event.group] += 1;
        }
        sizes
    }
}
