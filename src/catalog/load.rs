//! Reading a catalog file: JSON in the `assets/events.json` schema, checked for duplicates and
//! dangling group references so a broken file is never presented as a complete catalog.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;

use super::{Catalog, EventType, Group, ValueKey};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    version: u32,
    groups: Vec<GroupEntry>,
    events: Vec<EventEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupEntry {
    id: String,
    label_en: String,
    label_es: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    code: String,
    group: String,
    label_es: String,
    label_en: String,
    description_en: String,
    description_es: String,
    #[serde(default)]
    value_filters: Vec<ValueKey>,
}

/// Why a catalog file could not be used. Each variant names the file (`source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// Not JSON, or JSON of the wrong shape; `line`/`column` are 1-based.
    Syntax { source: String, line: usize, column: usize, message: String },
    /// A schema version this program does not know.
    UnsupportedVersion { source: String, version: u32 },
    /// Two events share a code.
    DuplicateCode { source: String, code: String },
    /// Two groups share an id.
    DuplicateGroup { source: String, id: String },
    /// An event names a group the file does not define.
    UnknownGroup { source: String, code: String, group: String },
    /// A required text is empty.
    EmptyField { source: String, code: String, field: &'static str },
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { source, line, column, message } => {
                write!(f, "{source}:{line}:{column}: {message}")
            }
            Self::UnsupportedVersion { source, version } => {
                write!(f, "{source}: catalog version {version} is not supported; use \"version\": 1")
            }
            Self::DuplicateCode { source, code } => {
                write!(f, "{source}: event code {code:?} appears twice; keep one entry per code")
            }
            Self::DuplicateGroup { source, id } => {
                write!(f, "{source}: group id {id:?} appears twice; keep one entry per group")
            }
            Self::UnknownGroup { source, code, group } => write!(
                f,
                "{source}: event {code:?} names group {group:?}, which is not in \"groups\"; add it or fix the name"
            ),
            Self::EmptyField { source, code, field } => {
                write!(f, "{source}: event {code:?} has an empty {field:?}; fill it in")
            }
        }
    }
}

impl std::error::Error for CatalogError {}

pub(super) fn parse(text: &str, source: &str) -> Result<Catalog, CatalogError> {
    let file: CatalogFile = serde_json::from_str(text).map_err(|error| CatalogError::Syntax {
        source: source.to_string(),
        line: error.line(),
        column: error.column(),
        message: error.to_string(),
    })?;
    if file.version != 1 {
        return Err(CatalogError::UnsupportedVersion { source: source.to_string(), version: file.version });
    }
    let groups = collect_groups(file.groups, source)?;
    let mut events = collect_events(file.events, &groups, source)?;
    // Display order is by group, keeping the file's order inside each group.
    events.sort_by_key(|event| event.group);
    Ok(Catalog { groups, events })
}

fn collect_groups(entries: Vec<GroupEntry>, source: &str) -> Result<Vec<Group>, CatalogError> {
    let mut seen = HashSet::new();
    entries
        .into_iter()
        .map(|entry| {
            if !seen.insert(entry.id.clone()) {
                return Err(CatalogError::DuplicateGroup { source: source.to_string(), id: entry.id });
            }
            Ok(Group { id: entry.id, label_en: entry.label_en, label_es: entry.label_es })
        })
        .collect()
}

fn collect_events(
    entries: Vec<EventEntry>,
    groups: &[Group],
    source: &str,
) -> Result<Vec<EventType>, CatalogError> {
    let mut seen = HashSet::new();
    entries
        .into_iter()
        .map(|entry| {
            if !seen.insert(entry.code.clone()) {
                return Err(CatalogError::DuplicateCode { source: source.to_string(), code: entry.code });
            }
            let Some(group) = groups.iter().position(|group| group.id == entry.group) else {
                return Err(CatalogError::UnknownGroup {
                    source: source.to_string(),
                    code: entry.code,
                    group: entry.group,
                });
            };
            check_filled(&entry, source)?;
            Ok(EventType {
                code: entry.code,
                group,
                label_es: entry.label_es,
                label_en: entry.label_en,
                description_en: entry.description_en,
                description_es: entry.description_es,
                value_filters: entry.value_filters,
            })
        })
        .collect()
}

fn check_filled(entry: &EventEntry, source: &str) -> Result<(), CatalogError> {
    let fields = [("code", &entry.code), ("label_es", &entry.label_es), ("label_en", &entry.label_en)];
    match fields.iter().find(|(_, value)| value.trim().is_empty()) {
        Some((field, _)) => {
            Err(CatalogError::EmptyField { source: source.to_string(), code: entry.code.clone(), field })
        }
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

    #[test]
    fn duplicate_codes_are_rejected() {
        let text = format!("{ONE_GROUP}{},{}]}}", event("lead_added", "lead"), event("lead_added", "lead"));
        let error = parse(&text, "x.json").unwrap_err();
        assert_eq!(error, CatalogError::DuplicateCode { source: "x.json".into(), code: "lead_added".into() });
    }

    #[test]
    fn unknown_group_is_rejected_with_its_name() {
        let text = format!("{ONE_GROUP}{}]}}", event("lead_added", "leads"));
        let error = parse(&text, "x.json").unwrap_err();
        assert!(error.to_string().contains("\"leads\""), "{error}");
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let error = parse("{\n  \"version\": 1,\n  oops\n}", "broken.json").unwrap_err();
        match error {
            CatalogError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_version_is_rejected() {
        let error = parse(r#"{"version":2,"groups":[],"events":[]}"#, "v.json").unwrap_err();
        assert!(matches!(error, CatalogError::UnsupportedVersion { version: 2, .. }));
    }
}
