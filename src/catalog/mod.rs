//! The event catalog: every Kommo event type with its labels, group, description and the
//! value filters it accepts. The built-in catalog is `assets/events.json`, embedded in the binary
//! so the program runs with no files around it; `--catalog FILE` adds the types of a file in the
//! same schema or of a saved Kommo `GET /api/v4/events/types` answer ([`load`]).

mod codes;
mod error;
mod file;
mod kommo;
mod load;
pub mod reference;
pub mod synthetic;
mod vocabulary;

pub use error::{CatalogError, Place};
pub use file::MAX_FILE_BYTES;
pub use kommo::group_for_code;
pub use load::{is_valid_code, MAX_CODE_CHARS};

use std::path::Path;

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
    /// Display name in Portuguese (the English one when a file gives none).
    pub label_pt: String,
}

/// A type of the account's, to add to the catalog ([`Catalog::add_account_types`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountType {
    pub code: String,
    pub label_en: String,
    pub label_es: String,
    pub label_pt: String,
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
    /// English label, in Kommo's wording where a source shows it.
    pub label_en: String,
    /// Portuguese label, from Kommo's Portuguese type table where it has the type (the English
    /// label when a file gives none).
    pub label_pt: String,
    /// When Kommo emits it, in English.
    pub description_en: String,
    /// When Kommo emits it, in Spanish.
    pub description_es: String,
    /// When Kommo emits it, in Portuguese (the English description when a file gives none).
    pub description_pt: String,
    /// The value filters that apply to this type.
    pub value_filters: Vec<ValueKey>,
    /// Where the type is documented or was seen (empty for an account's own types and for
    /// catalog files that do not say).
    pub documented: Vec<Documented>,
    /// The words people use for the type besides its labels (assets/vocabulary.json).
    pub vocabulary: Vocabulary,
}

/// Words for one event type, per language: Kommo's interface words and common synonyms. The
/// search matches them word by word, ranked below codes and labels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default)]
    pub es: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub pt: Vec<String>,
}

impl Vocabulary {
    /// Every word or phrase, in all three languages.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.es.iter().chain(&self.en).chain(&self.pt).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.es.is_empty() && self.en.is_empty() && self.pt.is_empty()
    }
}

/// Where an event type comes from: not every type Kommo reports is in Kommo's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Documented {
    /// Kommo's developer docs list it.
    KommoDocs,
    /// amoCRM's developer docs list it.
    AmocrmDocs,
    /// Seen in live accounts' `events/types` answers.
    SeenLive,
}

impl Documented {
    /// `kommo_docs`, `amocrm_docs`, `seen_live`.
    pub fn code(self) -> &'static str {
        match self {
            Documented::KommoDocs => "kommo_docs",
            Documented::AmocrmDocs => "amocrm_docs",
            Documented::SeenLive => "seen_live",
        }
    }
}

impl EventType {
    /// True for `custom_field_{FIELD_ID}_value_changed`, which needs a field id before it can be sent.
    pub fn is_per_field_template(&self) -> bool {
        self.code == PER_FIELD_TEMPLATE
    }
}

/// The groups and event types the explorer shows, in display order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    groups: Vec<Group>,
    events: Vec<EventType>,
}

/// The built-in catalog plus the types of every file in `paths`, in order: what `--catalog`
/// (and a config file's list of catalogs) loads. The first error stops the load, so a catalog
/// is either complete or not there at all.
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog::builtin();
    for path in paths {
        catalog.extend_from_file(path.as_ref())?;
    }
    Ok(catalog)
}

impl Catalog {
    /// The catalog embedded in the binary.
    pub fn builtin() -> Catalog {
        // The embedded file is checked by the test suite (tests/catalog.rs); failing here means the
        // binary was built from a broken asset, which no user input can cause.
        let mut catalog = Self::from_json(BUILTIN_JSON, "assets/events.json")
            .expect("embedded assets/events.json is valid");
        vocabulary::attach_builtin(&mut catalog);
        catalog
    }

    /// A catalog with no groups and no types, to build on.
    fn empty() -> Catalog {
        Catalog::default()
    }

    /// Parses a catalog in the `assets/events.json` schema (or a Kommo answer); `source` names it
    /// in errors.
    pub fn from_json(text: &str, source: &str) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::empty();
        catalog.extend_from_json(text, source)?;
        Ok(catalog)
    }

    /// Adds the types of a catalog text (either schema) that this catalog does not have yet; a
    /// code it has keeps its first definition. On error nothing is added.
    pub fn extend_from_json(&mut self, text: &str, source: &str) -> Result<(), CatalogError> {
        let addition = load::parse_addition(text, source, self)?;
        self.groups.extend(addition.groups);
        self.merge_by_group(addition.events);
        Ok(())
    }

    /// Reads the file at `path` and adds its types, as [`Catalog::extend_from_json`]; errors
    /// name the path as given.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), CatalogError> {
        let source = path.display().to_string();
        let text = file::read_text(path, &source)?;
        self.extend_from_json(&text, &source)
    }

    /// Adds `new` types (ordered by group) in display order: by group, the types the catalog had
    /// first inside each group. Both lists are in group order, so this is a merge: linear, and
    /// each type moves once.
    fn merge_by_group(&mut self, new: Box<dyn Iterator<Item = EventType>>) {
        if self.events.is_empty() {
            self.events = new.collect();
            return;
        }
        let mut merged = Vec::with_capacity(self.events.len() + new.size_hint().0);
        let mut old = std::mem::take(&mut self.events).into_iter().peekable();
        let mut new = new.peekable();
        for group in 0..self.groups.len() {
            merged.extend(std::iter::from_fn(|| old.next_if(|event| event.group == group)));
            merged.extend(std::iter::from_fn(|| new.next_if(|event| event.group == group)));
        }
        self.events = merged;
    }

    /// Adds the account's own types that the catalog does not have (above all one
    /// `custom_field_{ID}_value_changed` per custom field), under the group their code names, as
    /// a Kommo answer's types are. A per-field type takes the template's value filters. Types the
    /// catalog has keep their definition: ours carry both labels and a description. Returns the
    /// codes added, so [`Catalog::remove_types`] can take them out again.
    pub fn add_account_types(&mut self, types: Vec<AccountType>) -> Vec<String> {
        if types.is_empty() {
            return Vec::new();
        }
        let template_filters =
            self.find(PER_FIELD_TEMPLATE).map(|template| template.value_filters.clone()).unwrap_or_default();
        let mut known = self.code_set();
        let mut new_groups = Vec::new();
        let mut added = Vec::new();
        for account_type in &types {
            if !known.insert(account_type.code.as_str()) {
                continue;
            }
            let group = kommo::group_index(group_for_code(&account_type.code), self, &mut new_groups);
            let is_per_field = crate::filter::per_field_type_id(&account_type.code).is_some();
            added.push(EventType {
                code: account_type.code.clone(),
                group,
                label_es: account_type.label_es.clone(),
                label_en: account_type.label_en.clone(),
                label_pt: account_type.label_pt.clone(),
                description_en: String::new(),
                description_es: String::new(),
                description_pt: String::new(),
                value_filters: if is_per_field { template_filters.clone() } else { Vec::new() },
                documented: Vec::new(),
                vocabulary: Vocabulary::default(),
            });
        }
        drop(known);
        // The merge takes the new types in group order; inside a group they stay as given.
        added.sort_by_key(|event| event.group);
        let codes = added.iter().map(|event| event.code.clone()).collect();
        self.groups.extend(new_groups);
        self.merge_by_group(Box::new(added.into_iter()));
        codes
    }

    /// Takes out the types with these codes (the ones an account added), keeping the order of
    /// the rest. Groups stay: one left empty shows nothing.
    pub fn remove_types(&mut self, codes: &[String]) {
        if codes.is_empty() {
            return;
        }
        let mut removed = codes::code_set(codes.len());
        removed.extend(codes.iter().map(String::as_str));
        self.events.retain(|event| !removed.contains(event.code.as_str()));
    }

    /// Every code, for merging a file into the catalog.
    fn code_set(&self) -> codes::CodeSet<'_> {
        let mut set = codes::code_set(self.events.len());
        set.extend(self.events.iter().map(|event| event.code.as_str()));
        set
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

    /// A warning for each type of `filter` this catalog does not know, with the closest codes it
    /// does ("did you mean lead_added?"). The account's types count once they joined the catalog.
    pub fn unknown_types(&self, filter: &crate::filter::Filter) -> Vec<crate::filter::Problem> {
        let codes = || self.events.iter().map(|event| event.code.as_str());
        crate::filter::unknown_types(filter, |code| self.find(code).is_some(), codes)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn account_type(code: &str, label: &str) -> AccountType {
        AccountType {
            code: code.into(),
            label_en: label.into(),
            label_es: format!("{label} (es)"),
            label_pt: format!("{label} (pt)"),
        }
    }

    #[test]
    fn account_types_join_their_groups_and_known_codes_keep_their_definition() {
        let mut catalog = Catalog::builtin();
        let before = catalog.events().len();
        let added = catalog.add_account_types(vec![
            account_type("custom_field_777_value_changed", "Field “Source” changed"),
            account_type("lead_added", "Lead added (account)"),
            account_type("widget_thing_happened", "Thing"),
            account_type("custom_field_777_value_changed", "again"),
        ]);
        assert_eq!(catalog.events().len(), before + 2);
        let field = catalog.find("custom_field_777_value_changed").unwrap();
        assert_eq!(catalog.groups()[field.group].id, "fields");
        assert_eq!(field.label_es, "Field “Source” changed (es)");
        assert_eq!(field.value_filters, [ValueKey::CustomFieldValues]);
        assert_ne!(catalog.find("lead_added").unwrap().label_en, "Lead added (account)");
        let own = catalog.find("widget_thing_happened").unwrap();
        assert_eq!(catalog.groups()[own.group].id, "account");
        // Display order stays grouped: every group's types are together.
        let groups: Vec<usize> = catalog.events().iter().map(|event| event.group).collect();
        assert!(groups.windows(2).all(|pair| pair[0] <= pair[1]), "{groups:?}");
        assert_eq!(added, ["custom_field_777_value_changed", "widget_thing_happened"]);
        catalog.remove_types(&added);
        assert_eq!(catalog.events(), Catalog::builtin().events());
    }
}
