//! Reading catalog text: the `assets/events.json` schema and the saved answer of Kommo's
//! `GET /api/v4/events/types`. Both are checked completely (types, duplicate codes, dangling
//! group references, empty labels) before anything is added, so a broken file is never presented
//! as a complete catalog. What a file adds comes back as an [`Addition`] that
//! [`Catalog::extend_from_json`](super::Catalog::extend_from_json) commits in one step.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::{CatalogError, Place};
use super::kommo;
use super::{Catalog, EventType, Extras, Group, NewTypes, TypeTexts, ValueKey, Vocabulary};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    version: u32,
    #[serde(default)]
    groups: Vec<GroupEntry>,
    events: Vec<EventEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    id: String,
    label_en: String,
    label_es: String,
    #[serde(default)]
    label_pt: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    code: String,
    group: String,
    label_es: String,
    label_en: String,
    /// Optional: the English label stands in when a file has none.
    #[serde(default)]
    label_pt: String,
    description_en: String,
    description_es: String,
    /// Optional: the English description stands in when a file has none.
    #[serde(default)]
    description_pt: String,
    #[serde(default)]
    value_filters: Vec<ValueKey>,
    #[serde(default)]
    documented: Vec<super::Documented>,
    /// Optional words people use for the type (the built-in ones are in assets/vocabulary.json).
    #[serde(default)]
    vocabulary: Vocabulary,
}

/// What one file adds to a catalog: groups it did not have (appended after its groups) and event
/// types whose `group` indexes the catalog's groups followed by these new ones, in file order.
/// Codes the catalog already has are left out: the first definition of a code wins.
pub(super) struct Addition {
    pub(super) groups: Vec<Group>,
    pub(super) events: Vec<EventType>,
}

/// Which of the two file formats a text is in.
enum Format {
    /// `{"version": 1, "groups": [...], "events": [...]}`, like `assets/events.json`.
    Own,
    /// `{"_embedded": {"events_types": [{"key", "type", "lang"}...]}}`, Kommo's answer.
    KommoAnswer,
}

/// Reads `text` (named `source` in errors) as an addition to `base`.
pub(super) fn parse_addition(text: &str, source: &str, base: &Catalog) -> Result<Addition, CatalogError> {
    if text.trim().is_empty() {
        return Err(CatalogError::Empty { source: source.to_string() });
    }
    match detect(text, source)? {
        Format::Own => parse_own(text, source, base),
        Format::KommoAnswer => kommo::parse(text, source, base),
    }
}

/// A quote can only stand unescaped around a JSON string, so `"_embedded"` in the text is that
/// exact key or value, never a piece of a label: a cheap test that reads the file once, instead
/// of parsing it twice to find out what it is.
fn detect(text: &str, source: &str) -> Result<Format, CatalogError> {
    if text.contains("\"_embedded\"") {
        return Ok(Format::KommoAnswer);
    }
    if text.contains("\"version\"") || text.contains("\"events\"") {
        return Ok(Format::Own);
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .map_err(|error| syntax_error(text, source, &error))?;
    Err(CatalogError::UnknownFormat { source: source.to_string() })
}

/// A serde_json error as a [`CatalogError::Syntax`], with serde's place turned into a char column
/// and its message without serde's own " at line L column C" suffix (the place leads instead).
pub(super) fn syntax_error(text: &str, source: &str, error: &serde_json::Error) -> CatalogError {
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    };
    CatalogError::Syntax { source: source.to_string(), place: place_of_serde(text, error), message }
}

/// serde_json counts columns in bytes; people and editors count chars.
fn place_of_serde(text: &str, error: &serde_json::Error) -> Place {
    let Some(line_text) = text.split('\n').nth(error.line().saturating_sub(1)) else {
        return Place { line: error.line().max(1), column: error.column().max(1) };
    };
    let mut byte_column = error.column().min(line_text.len());
    while !line_text.is_char_boundary(byte_column) {
        byte_column -= 1;
    }
    Place { line: error.line().max(1), column: line_text[..byte_column].chars().count().max(1) }
}

/// The place of entry `index` of the array `key` (inside `parent`, when given) of the top-level
/// object. Used only once an entry is known to be wrong, so the happy path parses once.
pub(super) fn entry_place(text: &str, parent: Option<&str>, key: &str, index: usize) -> Place {
    #[derive(Deserialize)]
    struct Arrays<'a>(#[serde(borrow)] std::collections::HashMap<String, &'a RawValue>);

    let locate = || -> Option<usize> {
        let mut object: Arrays = serde_json::from_str(text).ok()?;
        if let Some(parent) = parent {
            object = serde_json::from_str(object.0.get(parent)?.get()).ok()?;
        }
        let entries: Vec<&RawValue> = serde_json::from_str(object.0.get(key)?.get()).ok()?;
        let entry = entries.get(index)?.get();
        Some(entry.as_ptr() as usize - text.as_ptr() as usize)
    };
    locate().map_or(Place { line: 1, column: 1 }, |offset| Place::of_offset(text, offset))
}

/// The longest event code taken: Kommo's longest is under 60 characters (a per-field type with a
/// 20-digit id stays far below), and a longer one is a broken or hostile file.
pub const MAX_CODE_CHARS: usize = 128;

/// True for codes made of the characters Kommo uses in them, at most [`MAX_CODE_CHARS`] long;
/// `{` and `}` allow the per-field template `custom_field_{FIELD_ID}_value_changed`.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_CHARS
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'{' | b'}'))
}

fn parse_own(text: &str, source: &str, base: &Catalog) -> Result<Addition, CatalogError> {
    let file: CatalogFile = serde_json::from_str(text).map_err(|error| syntax_error(text, source, &error))?;
    if file.version != 1 {
        return Err(CatalogError::UnsupportedVersion { source: source.to_string(), version: file.version });
    }
    if file.events.is_empty() {
        return Err(CatalogError::NoEvents { source: source.to_string() });
    }
    let groups = new_groups(file.groups, text, source, base)?;
    let events = new_events(file.events, &groups, text, source, base)?;
    Ok(Addition { groups, events })
}

/// Groups the catalog does not have yet; a group it has keeps its first labels.
fn new_groups(
    entries: Vec<GroupEntry>,
    text: &str,
    source: &str,
    base: &Catalog,
) -> Result<Vec<Group>, CatalogError> {
    let mut seen = HashSet::new();
    let mut groups = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        if !seen.insert(entry.id.clone()) {
            let place = entry_place(text, None, "groups", index);
            return Err(CatalogError::DuplicateGroup { source: source.to_string(), place, id: entry.id });
        }
        if base.group_index(&entry.id).is_none() {
            let label_pt =
                if entry.label_pt.trim().is_empty() { entry.label_en.clone() } else { entry.label_pt };
            groups.push(Group { id: entry.id, label_en: entry.label_en, label_es: entry.label_es, label_pt });
        }
    }
    Ok(groups)
}

fn new_events(
    entries: Vec<EventEntry>,
    new_groups: &[Group],
    text: &str,
    source: &str,
    base: &Catalog,
) -> Result<Vec<EventType>, CatalogError> {
    let known = base.code_set();
    let mut seen = super::codes::code_set(entries.len());
    let place = |index| entry_place(text, None, "events", index);
    for (index, entry) in entries.iter().enumerate() {
        if !is_valid_code(&entry.code) && !entry.code.trim().is_empty() {
            let code = entry.code.clone();
            return Err(CatalogError::InvalidCode { source: source.to_string(), place: place(index), code });
        }
        check_filled(entry, source, || place(index))?;
        if !seen.insert(&entry.code) {
            let code = entry.code.clone();
            return Err(CatalogError::DuplicateCode {
                source: source.to_string(),
                place: place(index),
                code,
            });
        }
        if group_of(&entry.group, new_groups, base).is_none() {
            return Err(CatalogError::UnknownGroup {
                source: source.to_string(),
                place: place(index),
                code: entry.code.clone(),
                group: entry.group.clone(),
            });
        }
    }
    let new: Vec<EventEntry> =
        entries.into_iter().filter(|entry| !known.contains(entry.code.as_str())).collect();
    fn or_english<'a>(text: &'a str, english: &'a str) -> &'a str {
        if text.trim().is_empty() {
            english
        } else {
            text
        }
    }
    fn texts(entry: &EventEntry) -> TypeTexts<'_> {
        TypeTexts {
            code: &entry.code,
            label_es: &entry.label_es,
            label_en: &entry.label_en,
            label_pt: or_english(&entry.label_pt, &entry.label_en),
            description_en: &entry.description_en,
            description_es: &entry.description_es,
            description_pt: or_english(&entry.description_pt, &entry.description_en),
        }
    }
    let bytes = new.iter().map(|entry| super::texts::stored_len(&texts(entry))).sum();
    let mut types = NewTypes::with_capacity(new.len(), bytes);
    for mut entry in new {
        // Checked in the loop above.
        let group = group_of(&entry.group, new_groups, base).unwrap_or_default();
        let extras = Extras {
            value_filters: std::mem::take(&mut entry.value_filters),
            documented: std::mem::take(&mut entry.documented),
            vocabulary: std::mem::take(&mut entry.vocabulary),
        };
        types.push(&texts(&entry), group, extras);
    }
    Ok(types.finish())
}

/// The index of group `id` among the catalog's groups followed by the file's new ones.
fn group_of(id: &str, new_groups: &[Group], base: &Catalog) -> Option<usize> {
    base.group_index(id)
        .or_else(|| new_groups.iter().position(|group| group.id == id).map(|i| base.groups().len() + i))
}

fn check_filled(entry: &EventEntry, source: &str, place: impl Fn() -> Place) -> Result<(), CatalogError> {
    let fields = [("code", &entry.code), ("label_es", &entry.label_es), ("label_en", &entry.label_en)];
    match fields.iter().find(|(_, value)| value.trim().is_empty()) {
        Some((field, _)) => Err(CatalogError::EmptyField {
            source: source.to_string(),
            place: place(),
            code: entry.code.clone(),
            field,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_GROUP: &str =
        r#"{"version":1,"groups":[{"id":"lead","label_en":"Leads","label_es":"Leads"}],"events":["#;

    fn event(code: &str, group: &str) -> String {
        format!(
            r#"{{"code":"{code}","group":"{group}","label_es":"es","label_en":"en","description_en":"d.","description_es":"d.","value_filters":[]}}"#
        )
    }

    fn parse(text: &str, source: &str) -> Result<Catalog, CatalogError> {
        let mut catalog = Catalog::empty();
        catalog.extend_from_json(text, source)?;
        Ok(catalog)
    }

    #[test]
    fn duplicate_codes_are_rejected_at_the_second_entry() {
        let text =
            format!("{ONE_GROUP}\n{},\n{}]}}", event("lead_added", "lead"), event("lead_added", "lead"));
        let error = parse(&text, "x.json").unwrap_err();
        let place = Place { line: 3, column: 1 };
        assert_eq!(
            error,
            CatalogError::DuplicateCode { source: "x.json".into(), place, code: "lead_added".into() }
        );
    }

    #[test]
    fn unknown_group_is_rejected_with_its_name() {
        let text = format!("{ONE_GROUP}{}]}}", event("lead_added", "leads"));
        let error = parse(&text, "x.json").unwrap_err();
        assert!(error.to_string().contains("\"leads\""), "{error}");
        assert!(error.to_string().starts_with("x.json:1:"), "{error}");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let error = parse("{\n  \"version\": 1,\n  oops\n}", "broken.json").unwrap_err();
        match error {
            CatalogError::Syntax { place, .. } => assert_eq!(place, Place { line: 3, column: 3 }),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_version_is_rejected() {
        let error = parse(r#"{"version":2,"groups":[],"events":[]}"#, "v.json").unwrap_err();
        assert!(matches!(error, CatalogError::UnsupportedVersion { version: 2, .. }));
    }

    #[test]
    fn json_of_another_shape_is_an_unknown_format() {
        let error = parse(r#"[1, 2, 3]"#, "a.json").unwrap_err();
        assert_eq!(error, CatalogError::UnknownFormat { source: "a.json".into() });
    }

    #[test]
    fn codes_with_spaces_are_rejected() {
        let text = format!("{ONE_GROUP}{}]}}", event("lead added", "lead"));
        let error = parse(&text, "x.json").unwrap_err();
        assert!(matches!(error, CatalogError::InvalidCode { .. }), "{error}");
    }

    #[test]
    fn a_code_already_in_the_catalog_keeps_its_first_definition() {
        let mut catalog = Catalog::builtin();
        let text = format!(
            r#"{{"version":1,"events":[{}]}}"#,
            event("lead_added", "lead").replace("\"en\"", "\"Replaced\"")
        );
        catalog.extend_from_json(&text, "again.json").unwrap();
        assert_eq!(catalog.events().len(), Catalog::builtin().events().len());
        assert_eq!(catalog.find("lead_added").unwrap().label_en(), "New lead");
    }
}
