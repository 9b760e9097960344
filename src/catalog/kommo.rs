//! The saved answer of Kommo's `GET /api/v4/events/types`: `_embedded.events_types[]` with `key`
//! (the code), `type` (Kommo's numeric id) and `lang` (the label, in the language the account
//! was asked with, `?language_code=en|es|pt`).
//!
//! Codes the catalog already has are merged into it (ours are kept: they carry both labels, a
//! description and the value filters). New codes, above all one
//! `custom_field_{ID}_value_changed` per custom field of the account, are added under the group
//! their prefix names; the account's label stands in for both languages, because it is the only
//! one Kommo gives.

use std::collections::HashSet;

use serde::Deserialize;

use super::error::CatalogError;
use super::load::{entry_place, is_valid_code, syntax_error, Addition};
use super::{Catalog, EventType, Group};

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "_embedded")]
    embedded: Embedded,
}

#[derive(Deserialize)]
struct Embedded {
    events_types: Vec<Entry>,
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

pub(super) fn parse(text: &str, source: &str, base: &Catalog) -> Result<Addition, CatalogError> {
    let answer: Answer = serde_json::from_str(text).map_err(|error| syntax_error(text, source, &error))?;
    let entries = answer.embedded.events_types;
    if entries.is_empty() {
        return Err(CatalogError::NoEvents { source: source.to_string() });
    }
    check(&entries, text, source)?;
    let known = base.code_set();
    let mut groups: Vec<Group> = Vec::new();
    let mut events = Vec::with_capacity(entries.len());
    for entry in entries {
        if known.contains(entry.key.as_str()) {
            continue;
        }
        let group = group_index(group_for_code(&entry.key), base, &mut groups);
        events.push(event(entry, group));
    }
    Ok(Addition { groups, events })
}

/// Every entry has a Kommo-shaped code, and no code comes twice.
fn check(entries: &[Entry], text: &str, source: &str) -> Result<(), CatalogError> {
    let place = |index| entry_place(text, Some("_embedded"), "events_types", index);
    let mut seen: HashSet<&str> = HashSet::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        if entry.key.trim().is_empty() {
            let place = place(index);
            return Err(CatalogError::EmptyField {
                source: source.to_string(),
                place,
                code: String::new(),
                field: "key",
            });
        }
        if !is_valid_code(&entry.key) {
            let code = entry.key.clone();
            return Err(CatalogError::InvalidCode { source: source.to_string(), place: place(index), code });
        }
        if !seen.insert(&entry.key) {
            let code = entry.key.clone();
            return Err(CatalogError::DuplicateCode {
                source: source.to_string(),
                place: place(index),
                code,
            });
        }
    }
    Ok(())
}

/// The index of group `id` among the catalog's groups followed by the new ones, adding it to the
/// new ones the first time.
fn group_index(id: &str, base: &Catalog, new_groups: &mut Vec<Group>) -> usize {
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
    });
    base.groups().len() + new_groups.len() - 1
}

/// A new type from the answer. Kommo gives one label, in the language it was asked in; it stands
/// for both, and an empty one is replaced by the code. Descriptions stay empty: Kommo gives none,
/// and the screen says so (see `Lang::event_description`).
fn event(entry: Entry, group: usize) -> EventType {
    let label = entry.lang.trim();
    let label = if label.is_empty() { entry.key.clone() } else { label.to_string() };
    EventType {
        value_filters: Vec::new(),
        label_en: label.clone(),
        label_es: label,
        code: entry.key,
        group,
        description_en: String::new(),
        description_es: String::new(),
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
        assert_eq!(catalog.events().len(), 70);
        assert_eq!(catalog.find("lead_deleted").unwrap().label_en, "Lead deleted");
    }

    #[test]
    fn new_codes_go_to_the_group_their_prefix_names() {
        let catalog = builtin_plus(&answer(&[
            ("lead_tag_moved", 101, "a"),
            ("contact_birthday_set", 102, "b"),
            ("invoice_paid", 103, "c"),
            ("customer_added", 104, "d"),
        ]))
        .unwrap();
        let group_of = |code: &str| catalog.groups()[catalog.find(code).unwrap().group].id.clone();
        assert_eq!(group_of("lead_tag_moved"), "lead");
        assert_eq!(group_of("contact_birthday_set"), "contact");
        assert_eq!(group_of("invoice_paid"), "account");
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
        let catalog = builtin_plus(&answer(&[("invoice_paid", 1, " ")])).unwrap();
        assert_eq!(catalog.find("invoice_paid").unwrap().label_en, "invoice_paid");
    }
}
