//! The notes behind events. Calls, SMS, common notes, attachments and the other note-shaped events
//! carry only `[{"note": {"id": …}}]`; the note itself (a call's phone and duration, an SMS's text)
//! is read from `GET /api/v4/{leads|contacts|companies|customers}/notes?filter[id][]=…`, one batched
//! request per entity type for a page of events, through the same client and so within the
//! account's shared rate limit. Each note found is attached to its event under `_note` (a key the
//! API never sends), where [`crate::events::describe`] tells it in words.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::client::{Client, Notice};
use super::error::ApiError;
use super::limiter::Cancel;
use super::pages::fetch_collection;

/// The key a note is attached under.
pub const NOTE_KEY: &str = "_note";
/// Notes asked for in one request (the notes routes answer up to 250 per page).
const BATCH: usize = 250;

/// Reads the notes the events point at and attaches each to its event. Events without a note, or
/// whose entity has no notes route, are left as they are; so is every event when a read fails
/// (the error says why).
pub fn attach_notes(
    client: &Client,
    events: &mut [Value],
    cancel: &Cancel,
    notify: &mut dyn FnMut(Notice),
) -> Result<usize, ApiError> {
    let mut wanted: BTreeMap<&'static str, Vec<u64>> = BTreeMap::new();
    for event in events.iter() {
        if let (Some(route), Some(id)) = (notes_route(event), note_id(event)) {
            let ids = wanted.entry(route).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let mut found: HashMap<(&'static str, u64), Value> = HashMap::new();
    for (route, ids) in &wanted {
        for batch in ids.chunks(BATCH) {
            let query: Vec<String> = batch.iter().map(|id| format!("filter%5Bid%5D%5B%5D={id}")).collect();
            let path = format!("/api/v4/{route}/notes?limit={BATCH}&{}", query.join("&"));
            for note in fetch_collection(client, &path, "notes", cancel, notify)? {
                if let Some(id) = note.get("id").and_then(Value::as_u64) {
                    found.insert((route, id), note);
                }
            }
        }
    }
    let mut attached = 0;
    for event in events.iter_mut() {
        let key = notes_route(event).zip(note_id(event));
        if let (Some(key), Value::Object(map)) = (key, &mut *event) {
            if let Some(note) = found.get(&key) {
                map.insert(NOTE_KEY.to_owned(), note.clone());
                attached += 1;
            }
        }
    }
    Ok(attached)
}

/// The notes route of the event's entity: `leads`, `contacts`, `companies` or `customers`.
fn notes_route(event: &Value) -> Option<&'static str> {
    match event.get("entity_type").and_then(Value::as_str)? {
        "lead" => Some("leads"),
        "contact" => Some("contacts"),
        "company" => Some("companies"),
        "customer" => Some("customers"),
        _ => None,
    }
}

/// The id in `value_after` (or `value_before`) `[{"note": {"id": …}}]`.
pub fn note_id(event: &Value) -> Option<u64> {
    ["value_after", "value_before"].iter().find_map(|side| {
        event.get(side)?.as_array()?.iter().find_map(|item| {
            let id = item.get("note")?.get("id")?;
            id.as_u64().or_else(|| id.as_str().and_then(|text| text.trim().parse().ok()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_note_id_and_route_come_from_the_event() {
        let call = json!({"entity_type": "contact", "value_after": [{"note": {"id": 42}}]});
        assert_eq!((notes_route(&call), note_id(&call)), (Some("contacts"), Some(42)));
        let text_id =
            json!({"entity_type": "lead", "value_before": [{"note": {"id": "7"}}], "value_after": []});
        assert_eq!(note_id(&text_id), Some(7));
        let task = json!({"entity_type": "task", "value_after": [{"note": {"id": 1}}]});
        assert_eq!(notes_route(&task), None);
        assert_eq!(note_id(&json!({"value_after": [{"tag": {"name": "x"}}]})), None);
    }
}
