//! Events as `fetch` and `tail` print them: JSON lines, a JSON array, CSV, or one readable line.
//! Each form carries the event as the API sent it plus its description in words.

use crate::filter::date::Zone;
use serde_json::{json, Value};

use super::describe::Described;

/// How `fetch` prints events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventFormat {
    /// One JSON object per line (the default): the API's event plus `_described`.
    #[default]
    Jsonl,
    /// One JSON array of those objects.
    Json,
    /// A header and one row per event ([`CSV_COLUMNS`]).
    Csv,
}

impl EventFormat {
    /// Every format, in the order help lists them.
    pub const ALL: [EventFormat; 3] = [EventFormat::Jsonl, EventFormat::Json, EventFormat::Csv];

    /// `jsonl`, `json` or `csv`.
    pub fn name(self) -> &'static str {
        match self {
            EventFormat::Jsonl => "jsonl",
            EventFormat::Json => "json",
            EventFormat::Csv => "csv",
        }
    }

    /// Reads a name (trimmed, ASCII case ignored).
    pub fn parse(text: &str) -> Option<EventFormat> {
        let lower = text.trim().to_ascii_lowercase();
        EventFormat::ALL.into_iter().find(|format| format.name() == lower)
    }
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "created_at",
    "created_at_utc",
    "type",
    "type_label",
    "entity_type",
    "entity_id",
    "entity_name",
    "created_by",
    "by",
    "change",
    "value_before",
    "value_after",
    "account_id",
];

/// The event with `_described: {by, type_label, change}` added (the API never sends a key with
/// that name, so nothing of the event is hidden).
pub fn annotated(event: &Value, described: &Described) -> Value {
    let mut event = event.clone();
    if let Value::Object(map) = &mut event {
        map.insert(
            "_described".to_owned(),
            json!({ "by": described.by, "type_label": described.type_label, "change": described.change }),
        );
    }
    event
}

/// The CSV header line.
pub fn csv_header() -> String {
    CSV_COLUMNS.join(",")
}

/// One CSV row (RFC 4180 quoting; the value lists as compact JSON).
pub fn csv_row(event: &Value, described: &Described) -> String {
    let text = |key: &str| event.get(key).map(crate::text::plain).unwrap_or_default();
    let created_at = event.get("created_at").and_then(Value::as_i64);
    let fields = [
        text("id"),
        text("created_at"),
        created_at.map(|at| utc(at, "%Y-%m-%dT%H:%M:%SZ")).unwrap_or_default(),
        text("type"),
        described.type_label.clone().unwrap_or_default(),
        text("entity_type"),
        text("entity_id"),
        entity_name(event).unwrap_or_default(),
        text("created_by"),
        described.by.clone(),
        described.change.clone().unwrap_or_default(),
        event.get("value_before").map(Value::to_string).unwrap_or_default(),
        event.get("value_after").map(Value::to_string).unwrap_or_default(),
        text("account_id"),
    ];
    fields.iter().map(|field| csv_quote(&crate::text::printable_lines(field))).collect::<Vec<_>>().join(",")
}

/// The event as one line of JSON, with `_described` added and nothing in it that acts on a
/// terminal (see [`crate::text::json_safe`]).
pub fn json_line(event: &Value, described: &Described) -> String {
    crate::text::json_safe(annotated(event, described).to_string())
}

/// `_embedded.entity.name`, when `with=` asked for it.
fn entity_name(event: &Value) -> Option<String> {
    event.pointer("/_embedded/entity/name").and_then(Value::as_str).map(str::to_owned)
}

fn utc(at: i64, pattern: &str) -> String {
    Zone::Fixed(0).format(at, pattern)
}

/// A CSV field: quoted when it holds a comma, a quote or a line break, quotes doubled.
fn csv_quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Value, Described) {
        let event = json!({
            "id": "01JABC", "type": "lead_status_changed", "entity_type": "lead", "entity_id": 7,
            "created_by": 11, "created_at": 1767225600, "account_id": 1,
            "value_before": [{"lead_status": {"id": 1, "pipeline_id": 2}}], "value_after": [],
            "_embedded": {"entity": {"id": 7, "name": "Deal, \"big\""}}
        });
        let described =
            Described { by: "Ana".into(), type_label: None, change: Some("Stage: a → b".into()) };
        (event, described)
    }

    #[test]
    fn names_parse_back() {
        for format in EventFormat::ALL {
            assert_eq!(EventFormat::parse(format.name()), Some(format));
        }
        assert_eq!(EventFormat::parse("CSV "), Some(EventFormat::Csv));
        assert_eq!(EventFormat::parse("curl"), None);
    }

    #[test]
    fn annotation_adds_the_words_and_keeps_the_event() {
        let (event, described) = sample();
        let out = annotated(&event, &described);
        assert_eq!(out["_described"]["by"], "Ana");
        assert_eq!(out["_described"]["change"], "Stage: a → b");
        assert_eq!(out["id"], "01JABC");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let (event, described) = sample();
        let row = csv_row(&event, &described);
        assert!(row.starts_with("01JABC,1767225600,2026-01-01T00:00:00Z,lead_status_changed,,lead,7,\"Deal, \"\"big\"\"\",11,Ana,Stage: a → b,"), "{row}");
        assert!(
            row.contains("\"[{\"\"lead_status\"\":{\"\"id\"\":1,\"\"pipeline_id\"\":2}}]\",[],1"),
            "{row}"
        );
        assert_eq!(csv_header().split(',').count(), CSV_COLUMNS.len());
    }
}
