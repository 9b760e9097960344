//! The saved answer of Kommo's `GET /api/v4/events/types`: `_embedded.events_types[]` with `key`
//! (the code), `type` (Kommo's numeric id) and `lang` (the label, in the language the account
//! was asked with, `?language_code=en|es|pt`).
//!
//! Codes the catalog already has are merged into it (ours are kept: they carry both labels, a
//! description and the value filters). New codes, above all one
//! `custom_field_{ID}_value_changed` per custom field of the account, are added under the group
//! their prefix names; the account's label stands in for both languages, because it is the only
//! one Kommo gives.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{CatalogError, Place};
use super::load::{is_valid_code, syntax_error, Addition};
use super::{Catalog, EventType, Group, Vocabulary};

/// The answer with its entries left as text: one fast pass checks the JSON and finds each
/// entry, then the entries are read in parallel.
#[derive(Deserialize)]
struct Answer<'a> {
    #[serde(rename = "_embedded", borrow)]
    embedded: Embedded<'a>,
}

#[derive(Deserialize)]
struct Embedded<'a> {
    #[serde(borrow)]
    events_types: Vec<&'a RawValue>,
}

/// Unknown fields are ignored: Kommo may add some, and `_links` and the like are not ours.
#[derive(Deserialize)]
struct Entry {
    key: String,
    /// Kommo's numeric id of the type; checked to be a number, not kept (codes are what
    /// `filter[type]` takes).
    #[serde(rename = "type")]
    _id: i64,
    lang: String,
}

/// Where a code goes by its prefix (or suffix), first rule that fits wins. Codes no rule fits go
/// to the `account` group: they are the account's own, and saying so is more honest than
/// guessing.
const RULES: &[(Rule, &str)] = &[
    (Rule::Prefix("custom_field_"), "fields"),
    (Rule::Suffix("_field_changed"), "fields"),
    (Rule::Suffix("_responsible_changed"), "fields"),
    (Rule::Suffix("_note_added"), "notes"),
    (Rule::Suffix("_note_deleted"), "notes"),
    (Rule::Prefix("lead_"), "lead"),
    (Rule::Prefix("contact_"), "contact"),
    (Rule::Prefix("company_"), "company"),
    (Rule::Prefix("task_"), "task"),
    (Rule::Prefix("customer_"), "customer"),
    (Rule::Prefix("incoming_"), "communication"),
    (Rule::Prefix("outgoing_"), "communication"),
    (Rule::Prefix("talk_"), "communication"),
    (Rule::Prefix("conversation_"), "communication"),
    (Rule::Prefix("meta_chat_"), "communication"),
    (Rule::Prefix("chat_"), "communication"),
    (Rule::Prefix("ai_"), "ai"),
    (Rule::Prefix("robot_"), "ai"),
    (Rule::Prefix("video_"), "media"),
    (Rule::Prefix("picture_"), "media"),
    (Rule::Prefix("zoom_"), "media"),
    (Rule::Prefix("dropbox_"), "media"),
    (Rule::Prefix("entity_tag_"), "tags_links"),
    (Rule::Prefix("entity_link"), "tags_links"),
    (Rule::Prefix("entity_unlink"), "tags_links"),
    (Rule::Prefix("nps_"), "marketing"),
    (Rule::Prefix("site_visit"), "marketing"),
    (Rule::Prefix("link_"), "marketing"),
];

/// Groups that are not built in and are added the first time a code needs them.
const EXTRA_GROUPS: &[(&str, &str, &str)] =
    &[("customer", "Customers", "Clientes"), ("account", "Account-specific", "Propios de la cuenta")];

#[derive(Clone, Copy)]
enum Rule {
    Prefix(&'static str),
    Suffix(&'static str),
}

impl Rule {
    fn fits(self, code: &str) -> bool {
        match self {
            Rule::Prefix(prefix) => code.starts_with(prefix),
            Rule::Suffix(suffix) => code.ends_with(suffix),
        }
    }
}

/// The group id a code from Kommo's answer belongs to.
pub fn group_for_code(code: &str) -> &'static str {
    RULES.iter().find(|(rule, _)| rule.fits(code)).map_or("account", |(_, group)| group)
}

/// An entry read and checked: the code, its label for both languages, its group by the rules,
/// and where it starts in the file (for errors found later).
struct Prepared {
    code: String,
    /// The code's hash, for the duplicate and merge checks.
    hash: u64,
    label_es: String,
    label_en: String,
    group: &'static str,
    offset: usize,
}

pub(super) fn parse(text: &str, source: &str, base: &Catalog) -> Result<Addition, CatalogError> {
    let answer: Answer = serde_json::from_str(text).map_err(|error| syntax_error(text, source, &error))?;
    let raw_entries = answer.embedded.events_types;
    if raw_entries.is_empty() {
        return Err(CatalogError::NoEvents { source: source.to_string() });
    }
    let mut entries = prepare_all(&raw_entries, text, source)?;
    drop(raw_entries);
    if let Some(index) = super::codes::first_duplicate(entries.iter().map(|e| (e.hash, e.code.as_str()))) {
        let entry = &entries[index];
        let place = Place::of_offset(text, entry.offset);
        return Err(CatalogError::DuplicateCode {
            source: source.to_string(),
            place,
            code: entry.code.clone(),
        });
    }
    let known = super::codes::HashedCodes::new(base.events().iter().map(|event| event.code.as_str()));
    let mut groups: Vec<Group> = Vec::new();
    // The group of each new entry (None: the catalog has the code), then the new entries in
    // group order: the merge takes each type as it is built, so none is built twice or moved.
    let group_of: Vec<Option<usize>> = entries
        .iter()
        .map(|entry| {
            let is_new = !known.contains(entry.hash, &entry.code);
            is_new.then(|| group_index(entry.group, base, &mut groups))
        })
        .collect();
    let order = by_group(&group_of, base.groups().len() + groups.len());
    let events =
        order.into_iter().map(move |index| event(&mut entries[index], group_of[index].unwrap_or_default()));
    Ok(Addition { groups, events: Box::new(events) })
}

/// Reads every entry, on every core for a large answer; the first error in file order wins.
fn prepare_all(raw_entries: &[&RawValue], text: &str, source: &str) -> Result<Vec<Prepared>, CatalogError> {
    let parts = crate::parallel::map_chunks(raw_entries, |chunk| -> Result<Vec<Prepared>, CatalogError> {
        chunk.iter().map(|raw| prepare(raw, text, source)).collect()
    });
    let mut parts = parts.into_iter();
    // The first part becomes the whole list, so the largest move is of the other parts only.
    let mut entries = parts.next().unwrap_or_else(|| Ok(Vec::new()))?;
    entries.reserve_exact(raw_entries.len() - entries.len());
    for part in parts {
        entries.extend(part?);
    }
    Ok(entries)
}

/// Reads one entry and checks its code.
fn prepare(raw: &RawValue, text: &str, source: &str) -> Result<Prepared, CatalogError> {
    let entry_text = raw.get();
    // The raw entry is a slice of `text`, so its place in the file is a pointer difference.
    let offset = entry_text.as_ptr() as usize - text.as_ptr() as usize;
    let entry: Entry = serde_json::from_str(entry_text).map_err(|error| {
        let inner = offset_of(entry_text, error.line(), error.column());
        let mut located = syntax_error(entry_text, source, &error);
        if let CatalogError::Syntax { place, .. } = &mut located {
            *place = Place::of_offset(text, offset + inner);
        }
        located
    })?;
    let place = || Place::of_offset(text, offset);
    if entry.key.trim().is_empty() {
        let (source, code) = (source.to_string(), String::new());
        return Err(CatalogError::EmptyField { source, place: place(), code, field: "key" });
    }
    if !is_valid_code(&entry.key) {
        return Err(CatalogError::InvalidCode {
            source: source.to_string(),
            place: place(),
            code: entry.key,
        });
    }
    // Kommo gives one label, in the language it was asked in: it stands for both. An empty
    // one is replaced by the code.
    let label_es = match entry.lang.trim() {
        "" => entry.key.clone(),
        trimmed if trimmed.len() == entry.lang.len() => entry.lang,
        trimmed => trimmed.to_string(),
    };
    let group = group_for_code(&entry.key);
    let hash = super::codes::hash_code(&entry.key);
    Ok(Prepared { label_en: label_es.clone(), label_es, code: entry.key, hash, group, offset })
}

/// The byte offset of serde's 1-based line and byte column inside `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Indices of the entries that have a group, ordered by group, in file order inside a group
/// (a counting sort).
fn by_group(group_of: &[Option<usize>], groups: usize) -> Vec<usize> {
    let mut starts = vec![0; groups + 1];
    for group in group_of.iter().flatten() {
        starts[group + 1] += 1;
    }
    for index in 1..starts.len() {
        starts[index] += starts[index - 1];
    }
    let mut order = vec![0; starts[groups]];
    for (index, group) in group_of.iter().enumerate() {
        if let Some(group) = group {
            order[starts[*group]] = index;
            starts[*group] += 1;
        }
    }
    order
}

/// The index of group `id` among the catalog's groups followed by the new ones, adding it to the
/// new ones the first time.
pub(super) fn group_index(id: &str, base: &Catalog, new_groups: &mut Vec<Group>) -> usize {
    if let Some(index) = base.group_index(id) {
        return index;
    }
    if let Some(position) = new_groups.iter().position(|group| group.id == id) {
        return base.groups().len() + position;
    }
    let (id, label_en, label_es) = EXTRA_GROUPS
        .iter()
        .copied()
        .find(|(extra, _, _)| *extra == id)
        .unwrap_or(("account", "Account-specific", "Propios de la cuenta"));
    new_groups.push(Group {
        id: id.to_string(),
        label_en: label_en.to_string(),
        label_es: label_es.to_string(),
        label_pt: label_en.to_string(),
    });
    base.groups().len() + new_groups.len() - 1
}

/// A new type from the answer, its strings taken from `entry`. Descriptions stay empty: Kommo
/// gives none, and the screen says so (see `Lang::event_description`).
fn event(entry: &mut Prepared, group: usize) -> EventType {
    EventType {
        code: std::mem::take(&mut entry.code),
        group,
        label_pt: entry.label_es.clone(),
        label_es: std::mem::take(&mut entry.label_es),
        label_en: std::mem::take(&mut entry.label_en),
        description_en: String::new(),
        description_es: String::new(),
        description_pt: String::new(),
        value_filters: Vec::new(),
        documented: Vec::new(),
        vocabulary: Vocabulary::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::error::Place;

    fn answer(entries: &[(&str, i64, &str)]) -> String {
        let entries: Vec<String> = entries
            .iter()
            .map(|(key, id, lang)| format!("{{\"key\":\"{key}\",\"type\":{id},\"lang\":\"{lang}\"}}"))
            .collect();
        format!("{{\"_links\":{{}},\"_embedded\":{{\"events_types\":[\n{}\n]}}}}", entries.join(",\n"))
    }

    fn builtin_plus(text: &str) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::builtin();
        catalog.extend_from_json(text, "types.json")?;
        Ok(catalog)
    }

    #[test]
    fn custom_fields_appear_under_their_own_name_in_the_fields_group() {
        let catalog =
            builtin_plus(&answer(&[("custom_field_512345_value_changed", 9, "Campo «Teléfono» cambiado")]))
                .unwrap();
        let event = catalog.find("custom_field_512345_value_changed").expect("added");
        assert_eq!(catalog.groups()[event.group].id, "fields");
        assert_eq!(event.label_es, "Campo «Teléfono» cambiado");
        assert_eq!(event.label_en, event.label_es);
    }

    #[test]
    fn codes_already_built_in_are_merged_not_duplicated() {
        let catalog =
            builtin_plus(&answer(&[("lead_added", 1, "Lead added"), ("lead_deleted", 2, "x")])).unwrap();
        assert_eq!(catalog.events().len(), Catalog::builtin().events().len());
        assert_eq!(catalog.find("lead_deleted").unwrap().label_en, "Lead deleted");
    }

    #[test]
    fn new_codes_go_to_the_group_their_prefix_names() {
        let catalog = builtin_plus(&answer(&[
            ("lead_tag_moved", 101, "a"),
            ("contact_birthday_set", 102, "b"),
            ("widget_installed", 103, "c"),
            ("customer_added", 104, "d"),
        ]))
        .unwrap();
        let group_of = |code: &str| catalog.groups()[catalog.find(code).unwrap().group].id.clone();
        assert_eq!(group_of("lead_tag_moved"), "lead");
        assert_eq!(group_of("contact_birthday_set"), "contact");
        assert_eq!(group_of("widget_installed"), "account");
        assert_eq!(group_of("customer_added"), "customer");
        assert!(catalog.group_index("other").is_none());
    }

    #[test]
    fn new_events_come_after_the_built_in_ones_of_their_group() {
        let catalog = builtin_plus(&answer(&[("lead_tag_moved", 101, "a")])).unwrap();
        let leads: Vec<&str> =
            catalog.events().iter().filter(|e| e.group == 0).map(|e| e.code.as_str()).collect();
        assert_eq!(leads.first(), Some(&"lead_added"));
        assert_eq!(leads.last(), Some(&"lead_tag_moved"));
    }

    #[test]
    fn a_code_twice_in_the_answer_is_an_error_at_the_second_entry() {
        let text =
            answer(&[("custom_field_1_value_changed", 1, "a"), ("custom_field_1_value_changed", 2, "b")]);
        let error = builtin_plus(&text).unwrap_err();
        assert!(
            matches!(&error, CatalogError::DuplicateCode { place: Place { line: 3, column: 1 }, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_string_type_id_is_a_type_error_with_its_place() {
        let text = "{\"_embedded\":{\"events_types\":[\n{\"key\":\"a_b\",\"type\":\"7\",\"lang\":\"x\"}]}}";
        let error = builtin_plus(text).unwrap_err();
        assert!(matches!(&error, CatalogError::Syntax { place: Place { line: 2, .. }, .. }), "{error:?}");
        assert!(error.to_string().contains("invalid type"), "{error}");
    }

    #[test]
    fn an_empty_label_falls_back_to_the_code() {
        let catalog = builtin_plus(&answer(&[("widget_installed", 1, " ")])).unwrap();
        assert_eq!(catalog.find("widget_installed").unwrap().label_en, "widget_installed");
    }
}
