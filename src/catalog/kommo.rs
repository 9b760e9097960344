//! The saved answer of Kommo's `GET /api/v4/events/types`: `_embedded.events_types[]` with `key`
//! (the code), `type` (Kommo's numeric id) and `lang` (the label, in the language the account
//! was asked with, `?language_code=en|es|pt`).
//!
//! Codes the catalog already has are merged into it (ours are kept: they carry both labels, a
//! description and the value filters). New codes, above all one
//! `custom_field_{ID}_value_changed` per custom field of the account, are added under the group
//! their prefix names; the account's label stands in for both languages, because it is the only
//! one Kommo gives.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::error::CatalogError;
use super::load::{entry_place, is_valid_code, syntax_error, Addition};
use super::{Catalog, EventType, Extras, Group, NewTypes, TypeTexts};

/// Unknown fields are ignored: Kommo may add some, and `_links` and the like are not ours. The
/// texts are borrowed from the file where they have no escapes (nearly always).
#[derive(Deserialize)]
struct Entry<'a> {
    #[serde(borrow)]
    key: Cow<'a, str>,
    /// Kommo's numeric id of the type; checked to be a number, not kept (codes are what
    /// `filter[type]` takes).
    #[serde(rename = "type")]
    _id: i64,
    #[serde(borrow)]
    lang: Cow<'a, str>,
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
    group_of_rule(rule_for_code(code))
}

/// The index in [`RULES`] of the first rule that fits a code, `RULES.len()` for none.
fn rule_for_code(code: &str) -> usize {
    RULES.iter().position(|(rule, _)| rule.fits(code)).unwrap_or(RULES.len())
}

/// The group id of a rule's index from [`rule_for_code`].
fn group_of_rule(rule: usize) -> &'static str {
    RULES.get(rule).map_or("account", |(_, group)| group)
}

/// What is wrong with an answer, before it is given a place in the text.
enum Failure {
    Json(serde_json::Error),
    NoEvents,
    /// Entry `index` of `events_types`.
    Entry {
        index: usize,
        problem: Problem,
    },
}

enum Problem {
    EmptyKey,
    InvalidCode(String),
    DuplicateCode(String),
}

/// The answer's types as they are read, one by one, in a single pass over the text: no entry is
/// held as text or read twice. `passed` is told each entry's code as it is read, so the file
/// path can let go of the pages the parse has passed.
struct Reading<'p> {
    types: NewTypes,
    hashes: Vec<u64>,
    problem: Option<(usize, Problem)>,
    passed: &'p mut dyn FnMut(&str),
}

impl Reading<'_> {
    fn add(&mut self, entry: Entry<'_>) -> Result<(), Problem> {
        if entry.key.trim().is_empty() {
            return Err(Problem::EmptyKey);
        }
        if !is_valid_code(&entry.key) {
            return Err(Problem::InvalidCode(entry.key.into_owned()));
        }
        // Kommo gives one label, in the language it was asked in: it stands for all three. An
        // empty one is replaced by the code. Descriptions stay empty: Kommo gives none, and the
        // screen says so (see `Lang::event_description`).
        let label = match entry.lang.trim() {
            "" => &*entry.key,
            trimmed => trimmed,
        };
        let texts = TypeTexts {
            code: &entry.key,
            label_es: label,
            label_en: label,
            label_pt: label,
            description_en: "",
            description_es: "",
            description_pt: "",
        };
        self.types.push(&texts, rule_for_code(&entry.key), Extras::default());
        self.hashes.push(super::codes::hash_code(&entry.key));
        (self.passed)(&entry.key);
        Ok(())
    }
}

/// An object of which one key matters, read by `inner`; the other keys are skipped. The
/// answer is `{"_embedded": {"events_types": [...], ...}, ...}`.
struct OneKey<S> {
    key: &'static str,
    /// What serde's derive would say the object is, so errors read as they always did.
    expecting: &'static str,
    inner: S,
}

/// `[{"key", "type", "lang"}, ...]`.
struct TypesSeed<'r, 'p>(&'r mut Reading<'p>);

impl<'de, S: DeserializeSeed<'de, Value = ()>> DeserializeSeed<'de> for OneKey<S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, S: DeserializeSeed<'de, Value = ()>> Visitor<'de> for OneKey<S> {
    type Value = ();
    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(self.expecting)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut inner = Some(self.inner);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key != self.key {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let seed = inner.take().ok_or_else(|| de::Error::duplicate_field(self.key))?;
            map.next_value_seed(seed)?;
        }
        match inner {
            Some(_) => Err(de::Error::missing_field(self.key)),
            None => Ok(()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for TypesSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TypesSeed<'_, '_> {
    type Value = ();
    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(entry) = seq.next_element::<Entry<'de>>()? {
            if let Err(problem) = self.0.add(entry) {
                self.0.problem = Some((index, problem));
                // Stops the parse; the problem recorded above is what is reported.
                return Err(de::Error::custom("entry problem"));
            }
            index += 1;
        }
        Ok(())
    }
}

/// Reads a whole answer from `input`: the types the catalog does not have, in file order, and
/// the groups they need.
fn read_answer<'de, R: serde_json::de::Read<'de>>(
    input: R,
    base: &Catalog,
    passed: &mut dyn FnMut(&str),
) -> Result<Addition, Failure> {
    let mut reading = Reading { types: NewTypes::default(), hashes: Vec::new(), problem: None, passed };
    let mut deserializer = serde_json::Deserializer::new(input);
    let types = TypesSeed(&mut reading);
    let embedded = OneKey { key: "events_types", expecting: "struct Embedded", inner: types };
    let answer = OneKey { key: "_embedded", expecting: "struct Answer", inner: embedded };
    let parsed = answer.deserialize(&mut deserializer).and_then(|()| deserializer.end());
    if let Err(error) = parsed {
        return Err(match reading.problem.take() {
            Some((index, problem)) => Failure::Entry { index, problem },
            None => Failure::Json(error),
        });
    }
    let Reading { types, hashes, .. } = reading;
    if hashes.is_empty() {
        return Err(Failure::NoEvents);
    }
    let events = types.finish();
    let codes = hashes.iter().copied().zip(events.iter().map(EventType::code));
    if let Some(index) = super::codes::first_duplicate(codes) {
        let problem = Problem::DuplicateCode(events[index].code().to_string());
        return Err(Failure::Entry { index, problem });
    }
    let known = super::codes::HashedCodes::new(base.events().iter().map(EventType::code));
    let mut groups: Vec<Group> = Vec::new();
    let mut rule_groups = vec![None; RULES.len() + 1];
    // Codes the catalog has keep their definition; the others get their group's index, the
    // groups being added in the order the answer first needs them.
    let mut hashes = hashes.into_iter();
    let mut events = events;
    events.retain_mut(|event| {
        let hash = hashes.next().unwrap_or_default();
        if known.contains(hash, event.code()) {
            return false;
        }
        let rule = event.group();
        let group =
            *rule_groups[rule].get_or_insert_with(|| group_index(group_of_rule(rule), base, &mut groups));
        event.group = group as u32;
        true
    });
    Ok(Addition { groups, events })
}

/// Reads the answer in `text` (named `source` in errors) as an addition to `base`.
pub(super) fn parse(text: &str, source: &str, base: &Catalog) -> Result<Addition, CatalogError> {
    read_answer(serde_json::de::StrRead::new(text), base, &mut |_| {}).map_err(|failure| {
        let source = source.to_string();
        match failure {
            Failure::Json(error) => syntax_error(text, &source, &error),
            Failure::NoEvents => CatalogError::NoEvents { source },
            Failure::Entry { index, problem } => {
                let place = entry_place(text, Some("_embedded"), "events_types", index);
                match problem {
                    Problem::EmptyKey => {
                        CatalogError::EmptyField { source, place, code: String::new(), field: "key" }
                    }
                    Problem::InvalidCode(code) => CatalogError::InvalidCode { source, place, code },
                    Problem::DuplicateCode(code) => CatalogError::DuplicateCode { source, place, code },
                }
            }
        }
    })
}

/// Files from this size on are read through a map when they are Kommo answers.
const MAP_FROM_BYTES: u64 = 16 * 1024 * 1024;
/// How far the parse gets before the pages it passed are let go.
const RELEASE_EVERY_BYTES: usize = 8 * 1024 * 1024;

/// Reads a large answer file without holding its text: the file is mapped, parsed in one pass,
/// and the pages the parse has passed are let go as it goes, so a 100 MiB answer costs the
/// catalog it makes, not the catalog plus its text. `None` when the file is small, not a regular
/// file, or not a Kommo answer: the caller reads it as text. On any error the file is read
/// again as text, which gives the error its place exactly as for any other file.
pub(super) fn parse_large_file(
    path: &Path,
    source: &str,
    base: &Catalog,
) -> Option<Result<Addition, CatalogError>> {
    let file = std::fs::File::open(path).ok()?;
    let metadata = file.metadata().ok()?;
    if !metadata.is_file() || metadata.len() < MAP_FROM_BYTES || metadata.len() > super::MAX_FILE_BYTES {
        return None;
    }
    // SAFETY: the map is only read, through serde_json, while this function runs. If another
    // program truncates the file meanwhile, reading the lost pages raises SIGBUS: the risk every
    // program that maps files takes (ripgrep, git), for a file the user named.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    let sniff = &map[..map.len().min(64 * 1024)];
    if !sniff.windows(b"\"_embedded\"".len()).any(|window| window == b"\"_embedded\"") {
        return None;
    }
    let _ = map.advise(memmap2::Advice::Sequential);
    let start = map.as_ptr() as usize;
    let mut released = 0usize;
    let mut passed = |code: &str| {
        let at = (code.as_ptr() as usize).wrapping_sub(start);
        // Escaped codes are copies, not in the map; and only whole pages well behind the parse.
        if at >= map.len() || at < released + 2 * RELEASE_EVERY_BYTES {
            return;
        }
        let until = at - RELEASE_EVERY_BYTES;
        // 64 KiB: a multiple of every page size in use (4, 16 or 64 KiB).
        let until = until - until % (64 * 1024);
        // SAFETY: DONTNEED on a read-only file map drops the pages from memory; read again,
        // they come back from the file unchanged. The parse never goes back that far.
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, released, until - released)
        };
        released = until;
    };
    let result = read_answer(serde_json::de::SliceRead::new(&map), base, &mut passed);
    drop(map);
    match result {
        Ok(addition) => Some(Ok(addition)),
        Err(_) => Some(super::file::read_text(path, source).and_then(|text| parse(&text, source, base))),
    }
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
        assert_eq!(catalog.groups()[event.group()].id, "fields");
        assert_eq!(event.label_es(), "Campo «Teléfono» cambiado");
        assert_eq!(event.label_en(), event.label_es());
    }

    #[test]
    fn codes_already_built_in_are_merged_not_duplicated() {
        let catalog =
            builtin_plus(&answer(&[("lead_added", 1, "Lead added"), ("lead_deleted", 2, "x")])).unwrap();
        assert_eq!(catalog.events().len(), Catalog::builtin().events().len());
        assert_eq!(catalog.find("lead_deleted").unwrap().label_en(), "Lead deleted");
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
        let group_of = |code: &str| catalog.groups()[catalog.find(code).unwrap().group()].id.clone();
        assert_eq!(group_of("lead_tag_moved"), "lead");
        assert_eq!(group_of("contact_birthday_set"), "contact");
        assert_eq!(group_of("widget_installed"), "account");
        assert_eq!(group_of("customer_added"), "customer");
        assert!(catalog.group_index("other").is_none());
    }

    #[test]
    fn new_events_come_after_the_built_in_ones_of_their_group() {
        let catalog = builtin_plus(&answer(&[("lead_tag_moved", 101, "a")])).unwrap();
        let leads: Vec<&str> = catalog.events().iter().filter(|e| e.group() == 0).map(|e| e.code()).collect();
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
        assert_eq!(catalog.find("widget_installed").unwrap().label_en(), "widget_installed");
    }
}
