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
mod texts;
mod vocabulary;

pub use error::{CatalogError, Place};
pub use file::MAX_FILE_BYTES;
pub use kommo::group_for_code;
pub use load::{is_valid_code, MAX_CODE_CHARS};
pub use texts::TypeTexts;

use texts::{Buffer, BufferBuilder, Field, Spans};

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

/// One event type Kommo can report in `GET /api/v4/events`. Its texts live in a buffer shared
/// with the other types of the same load ([`texts`]), so a million types are not seven million
/// strings.
#[derive(Clone, Debug)]
pub struct EventType {
    texts: Buffer,
    spans: Spans,
    /// Index of the type's group in [`Catalog::groups`] (32 bits: a type is small).
    group: u32,
    /// Value filters, sources and words: the built-in types have them, an account's types rarely.
    extras: Option<Box<Extras>>,
}

/// What a type may have besides its texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// The value filters that apply to this type.
    pub value_filters: Vec<ValueKey>,
    /// Where the type is documented or was seen (empty for an account's own types and for
    /// catalog files that do not say).
    pub documented: Vec<Documented>,
    /// The words people use for the type besides its labels (assets/vocabulary.json).
    pub vocabulary: Vocabulary,
}

impl Extras {
    fn is_empty(&self) -> bool {
        self.value_filters.is_empty() && self.documented.is_empty() && self.vocabulary.is_empty()
    }
}

static NO_EXTRAS: Extras =
    Extras { value_filters: Vec::new(), documented: Vec::new(), vocabulary: Vocabulary::EMPTY };

impl PartialEq for EventType {
    fn eq(&self, other: &EventType) -> bool {
        self.texts() == other.texts() && self.group == other.group && self.extras() == other.extras()
    }
}

impl Eq for EventType {}

/// Types being read, their texts gathered in one buffer; [`NewTypes::finish`] makes them
/// [`EventType`]s.
#[derive(Default)]
pub(crate) struct NewTypes {
    buffer: BufferBuilder,
    /// The types, their texts pointing at an empty stand-in until the buffer is complete.
    events: Vec<EventType>,
    stand_in: Buffer,
}

impl NewTypes {
    /// Room for `types` types of `bytes` bytes of texts in all.
    pub(crate) fn with_capacity(types: usize, bytes: usize) -> NewTypes {
        NewTypes {
            buffer: BufferBuilder::with_capacity(bytes),
            events: Vec::with_capacity(types),
            stand_in: Buffer::default(),
        }
    }

    pub(crate) fn push(&mut self, texts: &TypeTexts<'_>, group: usize, extras: Extras) {
        let spans = self.buffer.push(texts);
        let extras = (!extras.is_empty()).then(|| Box::new(extras));
        let group = group as u32;
        self.events.push(EventType { texts: self.stand_in.clone(), spans, group, extras });
    }

    pub(crate) fn finish(self) -> Vec<EventType> {
        let texts = self.buffer.finish();
        let mut events = self.events;
        for event in &mut events {
            event.texts = texts.clone();
        }
        events
    }
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
    /// No words.
    pub const EMPTY: Vocabulary = Vocabulary { es: Vec::new(), en: Vec::new(), pt: Vec::new() };

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
    /// Index of the type's group in [`Catalog::groups`].
    pub fn group(&self) -> usize {
        self.group as usize
    }

    /// The code sent in `filter[type]`, e.g. `lead_status_changed`.
    pub fn code(&self) -> &str {
        self.texts.field(&self.spans, Field::Code)
    }

    /// Spanish label, exactly as Kommo's documentation prints it.
    pub fn label_es(&self) -> &str {
        self.texts.field(&self.spans, Field::LabelEs)
    }

    /// English label, in Kommo's wording where a source shows it.
    pub fn label_en(&self) -> &str {
        self.texts.field(&self.spans, Field::LabelEn)
    }

    /// Portuguese label, from Kommo's Portuguese type table where it has the type (the English
    /// label when a file gives none).
    pub fn label_pt(&self) -> &str {
        self.texts.field(&self.spans, Field::LabelPt)
    }

    /// When Kommo emits it, in English.
    pub fn description_en(&self) -> &str {
        self.texts.field(&self.spans, Field::DescriptionEn)
    }

    /// When Kommo emits it, in Spanish.
    pub fn description_es(&self) -> &str {
        self.texts.field(&self.spans, Field::DescriptionEs)
    }

    /// When Kommo emits it, in Portuguese (the English description when a file gives none).
    pub fn description_pt(&self) -> &str {
        self.texts.field(&self.spans, Field::DescriptionPt)
    }

    /// Every text, for comparing and copying.
    pub fn texts(&self) -> TypeTexts<'_> {
        TypeTexts {
            code: self.code(),
            label_es: self.label_es(),
            label_en: self.label_en(),
            label_pt: self.label_pt(),
            description_en: self.description_en(),
            description_es: self.description_es(),
            description_pt: self.description_pt(),
        }
    }

    fn extras(&self) -> &Extras {
        self.extras.as_deref().unwrap_or(&NO_EXTRAS)
    }

    /// The value filters that apply to this type.
    pub fn value_filters(&self) -> &[ValueKey] {
        &self.extras().value_filters
    }

    /// Where the type is documented or was seen.
    pub fn documented(&self) -> &[Documented] {
        &self.extras().documented
    }

    /// The words people use for the type besides its labels.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.extras().vocabulary
    }

    fn set_vocabulary(&mut self, vocabulary: Vocabulary) {
        self.extras.get_or_insert_with(Default::default).vocabulary = vocabulary;
    }

    /// True for `custom_field_{FIELD_ID}_value_changed`, which needs a field id before it can be sent.
    pub fn is_per_field_template(&self) -> bool {
        self.code() == PER_FIELD_TEMPLATE
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
        self.add(addition);
        Ok(())
    }

    fn add(&mut self, addition: load::Addition) {
        self.groups.extend(addition.groups);
        self.merge_by_group(addition.events);
    }

    /// Reads the file at `path` and adds its types, as [`Catalog::extend_from_json`]; errors
    /// name the path as given.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), CatalogError> {
        let source = path.display().to_string();
        if let Some(addition) = kommo::parse_large_file(path, &source, self) {
            self.add(addition?);
            return Ok(());
        }
        let text = file::read_text(path, &source)?;
        self.extend_from_json(&text, &source)
    }

    /// Adds `new` types in display order: by group, the types the catalog had first inside each
    /// group, then the new ones in their order. The new types go after the old ones and one
    /// stable sort by group puts both in place: no second list of a million types, and both
    /// runs already in order are merged, not sorted again.
    fn merge_by_group(&mut self, mut new: Vec<EventType>) {
        let old = std::mem::take(&mut self.events);
        if old.len() <= new.len() {
            new.splice(0..0, old);
            self.events = new;
        } else {
            self.events = old;
            self.events.append(&mut new);
        }
        self.events.sort_by_key(|event| event.group);
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
        let template_filters = self
            .find(PER_FIELD_TEMPLATE)
            .map(|template| template.value_filters().to_vec())
            .unwrap_or_default();
        let mut known = self.code_set();
        let mut new_groups = Vec::new();
        let mut added = Vec::new();
        for account_type in &types {
            if !known.insert(account_type.code.as_str()) {
                continue;
            }
            let group = kommo::group_index(group_for_code(&account_type.code), self, &mut new_groups);
            let is_per_field = crate::filter::per_field_type_id(&account_type.code).is_some();
            let texts = TypeTexts {
                code: &account_type.code,
                label_es: &account_type.label_es,
                label_en: &account_type.label_en,
                label_pt: &account_type.label_pt,
                description_en: "",
                description_es: "",
                description_pt: "",
            };
            let value_filters = if is_per_field { template_filters.clone() } else { Vec::new() };
            added.push((texts, group, Extras { value_filters, ..Extras::default() }));
        }
        drop(known);
        let bytes = added.iter().map(|(texts, ..)| texts::stored_len(texts)).sum();
        let mut new = NewTypes::with_capacity(added.len(), bytes);
        for (texts, group, extras) in added {
            new.push(&texts, group, extras);
        }
        let added = new.finish();
        let codes = added.iter().map(|event| event.code().to_string()).collect();
        self.groups.extend(new_groups);
        self.merge_by_group(added);
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
        self.events.retain(|event| !removed.contains(event.code()));
    }

    /// Every code, for merging a file into the catalog.
    fn code_set(&self) -> codes::CodeSet<'_> {
        let mut set = codes::code_set(self.events.len());
        set.extend(self.events.iter().map(|event| event.code()));
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
        self.events.iter().find(|event| event.code() == code)
    }

    /// A warning for each type of `filter` this catalog does not know, with the closest codes it
    /// does ("did you mean lead_added?"). The account's types count once they joined the catalog.
    pub fn unknown_types(&self, filter: &crate::filter::Filter) -> Vec<crate::filter::Problem> {
        let codes = || self.events.iter().map(|event| event.code());
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
            sizes[event.group()] += 1;
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
        assert_eq!(catalog.groups()[field.group()].id, "fields");
        assert_eq!(field.label_es(), "Field “Source” changed (es)");
        assert_eq!(field.value_filters(), [ValueKey::CustomFieldValues]);
        assert_ne!(catalog.find("lead_added").unwrap().label_en(), "Lead added (account)");
        let own = catalog.find("widget_thing_happened").unwrap();
        assert_eq!(catalog.groups()[own.group()].id, "account");
        // Display order stays grouped: every group's types are together.
        let groups: Vec<usize> = catalog.events().iter().map(|event| event.group()).collect();
        assert!(groups.windows(2).all(|pair| pair[0] <= pair[1]), "{groups:?}");
        assert_eq!(added, ["custom_field_777_value_changed", "widget_thing_happened"]);
        catalog.remove_types(&added);
        assert_eq!(catalog.events(), Catalog::builtin().events());
    }
}
