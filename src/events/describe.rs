//! One event in words: who did it and what changed, with the account's names where they are
//! known and the ids where they are not.
//!
//! Pure functions of the event's JSON (as `GET /api/v4/events` sends it) and an [`Account`];
//! an empty account gives the id fallbacks. Each value shape of the API has its sentence:
//!
//! | shape (`value_before` / `value_after` items) | sentence |
//! |---|---|
//! | `{"lead_status": {"id", "pipeline_id"}}` | `Stage: Negotiation → Won (Sales)` |
//! | `{"tag": {"name"}}` | `Tags: +vip −cold` |
//! | `{"custom_field_value": {"field_id", "enum_id", "text"}}` | `Source: Web → Phone` |
//! | `{"responsible_user": {"id"}}` | `Responsible: Ana → Luis` |
//! | `{"sale_field_value": {"sale"}}` | `Budget: 1,000 → 1,500` |
//! | `{"name_field_value": {"name"}}` | `Name: Old → New` |
//! | `{"note": {"id"}}` | `Note: 123` |

use serde_json::Value;

use crate::account::Account;
use crate::catalog::Catalog;
use crate::filter::date::Zone;
use crate::i18n::event_words::{words, EventWords};
use crate::i18n::Lang;
use crate::text::plain;

/// What an event says, in words.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Described {
    /// Who: the user's name, `user 12`, or `robot` for `created_by` 0.
    pub by: String,
    /// The event type's label in this account, when known (`Source` for a per-field type).
    pub type_label: Option<String>,
    /// What changed, when the value shape is one this module knows; several changes are
    /// joined by `; `.
    pub change: Option<String>,
}

/// Describes an event. The words are printable text: tag names and field values come from the
/// account's users and web forms, and whatever terminal controls they held are left out here.
///
/// The type's label is the account's own when its names are saved (a per-field type goes by its
/// field's name), else the catalog's in `lang`: never missing for a type the catalog knows.
pub fn describe(event: &Value, names: &Names, lang: Lang, zone: Zone) -> Described {
    let code = event.get("type").and_then(Value::as_str).unwrap_or_default();
    let printable = |text: String| crate::text::printable(&text).into_owned();
    let label = names
        .account
        .event_type_label(code)
        .or_else(|| names.catalog.find(code).map(|known| lang.event_label(known).to_owned()));
    Described {
        by: printable(author(event.get("created_by").and_then(number), names.account, lang)),
        type_label: label.map(printable),
        change: change(event, names.account, lang, zone).map(printable),
    }
}

/// What an event is told with: the account's names and the catalog's labels.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub account: &'a Account,
    pub catalog: &'a Catalog,
}

/// `created_by` in words: `robot` for 0, the user's name, or `user {id}`.
pub fn author(created_by: Option<u64>, account: &Account, lang: Lang) -> String {
    let w = words(lang);
    match created_by {
        Some(0) => w.robot.to_owned(),
        Some(id) => user(id, account, w),
        None => w.nothing.to_owned(),
    }
}

/// The change an event records, or `None` when its values have no shape known here.
///
/// Every value shape the docs describe is told (see the facts sheet): stages, tags, fields,
/// responsible users, budget, name, notes, task text, type and deadline (in `zone`), bots, NPS,
/// messages, links, customer stages and transactions; a chat's `linked_talk_contact_id` is added.
pub fn change(event: &Value, account: &Account, lang: Lang, zone: Zone) -> Option<String> {
    let w = words(lang);
    let before = items(event, "value_before");
    let after = items(event, "value_after");
    let mut kinds: Vec<&str> = Vec::new();
    for item in before.iter().chain(&after) {
        if let Some(object) = item.as_object() {
            for key in object.keys() {
                if !kinds.contains(&key.as_str()) {
                    kinds.push(key);
                }
            }
        }
    }
    let sentences: Vec<String> = kinds
        .into_iter()
        .filter_map(|kind| {
            let side =
                |list: &[Value]| list.iter().filter_map(|item| item.get(kind)).cloned().collect::<Vec<_>>();
            sentence(kind, &side(&before), &side(&after), account, w, zone)
        })
        .collect();
    let mut sentences = sentences;
    // A note read from the account (`fetch --notes`) says more than its id.
    if let Some(words) = event.get(crate::api::NOTE_KEY).and_then(|note| note_words(note, w)) {
        sentences.retain(|sentence| !sentence.starts_with(&format!("{}: ", w.note)));
        sentences.insert(0, words);
    }
    if let Some(contact) = event.get("linked_talk_contact_id").and_then(number) {
        sentences.push(format!("{} {contact}", w.talk_contact));
    }
    (!sentences.is_empty()).then(|| sentences.join("; "))
}

fn sentence(
    kind: &str,
    before: &[Value],
    after: &[Value],
    account: &Account,
    w: &EventWords,
    zone: Zone,
) -> Option<String> {
    // `Label: before → after` from one field of each side's objects.
    let from_to = |label: &str, field: &str, show: &dyn Fn(&Value) -> String| {
        let side = |values: &[Value]| {
            join_or_nothing(values.iter().filter_map(|v| v.get(field)).map(show).filter(|t| !t.is_empty()), w)
        };
        match (before.is_empty(), after.is_empty()) {
            (true, false) => format!("{label}: {}", side(after)),
            (false, true) => format!("{label}: {} → {}", side(before), w.nothing),
            _ => format!("{label}: {} → {}", side(before), side(after)),
        }
    };
    match kind {
        "task" => Some(from_to(w.task_text, "text", &plain)),
        "task_deadline" => Some(from_to(w.deadline, "timestamp", &|v| {
            number(v)
                .and_then(|at| i64::try_from(at).ok())
                .map_or_else(|| plain(v), |at| zone.format(at, "%Y-%m-%d %H:%M"))
        })),
        "task_type" => Some(from_to(w.task_type, "id", &|v| format!("{} {}", w.type_id, plain(v)))),
        "helpbot" => Some(from_to(w.bot, "id", &plain)),
        "nps" => Some(from_to(w.nps, "rate", &plain)),
        "message" => Some(from_to(w.message, "id", &plain)),
        "link" => Some(linked(w.linked, before, after, w)),
        "unlink" => Some(linked(w.unlinked, before, after, w)),
        "customer_status" => {
            Some(from_to(w.customer_stage, "id", &|v| format!("{} {}", w.stage_id, plain(v))))
        }
        "transaction" => Some(from_to(w.transaction, "id", &plain)),
        "lead_status" => Some(stage_change(before, after, account, w)),
        "tag" => Some(tags_change(before, after, w)),
        "custom_field_value" => Some(field_change(before, after, account, w)),
        "responsible_user" => {
            let name = |values: &[Value]| {
                join_or_nothing(
                    values.iter().filter_map(|v| v.get("id").and_then(number)).map(|id| user(id, account, w)),
                    w,
                )
            };
            Some(format!("{}: {} → {}", w.responsible, name(before), name(after)))
        }
        "sale_field_value" => {
            let sale = |values: &[Value]| {
                join_or_nothing(values.iter().filter_map(|v| v.get("sale")).map(|s| amount(s, w)), w)
            };
            Some(format!("{}: {} → {}", w.budget, sale(before), sale(after)))
        }
        "name_field_value" => {
            let name =
                |values: &[Value]| join_or_nothing(values.iter().filter_map(|v| v.get("name")).map(plain), w);
            Some(format!("{}: {} → {}", w.name, name(before), name(after)))
        }
        "note" => {
            let ids: Vec<String> =
                after.iter().chain(before).filter_map(|v| v.get("id")).map(plain).collect();
            Some(format!("{}: {}", w.note, join_or_nothing(ids.into_iter(), w)))
        }
        _ => None,
    }
}

/// The most of a note's text told: the first line, cut.
const NOTE_TEXT_CHARS: usize = 120;

/// A note in words: a call as direction, phone, duration and source; an SMS as direction, phone
/// and text; any other note by its text (its first line, cut), or its type.
fn note_words(note: &Value, w: &EventWords) -> Option<String> {
    let kind = note.get("note_type").map(plain).unwrap_or_default();
    let params = note.get("params");
    let param = |key: &str| params.and_then(|p| p.get(key)).map(plain).filter(|text| !text.trim().is_empty());
    let text = param("text").map(|text| {
        let line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default().trim().to_owned();
        let cut = crate::text::snippet(&line, NOTE_TEXT_CHARS);
        if text.trim() != line {
            format!("{}…", cut.trim_end_matches('…'))
        } else {
            cut
        }
    });
    match kind.as_str() {
        "call_in" | "call_out" => {
            let label = if kind == "call_in" { w.call_in } else { w.call_out };
            let mut parts: Vec<String> = param("phone").into_iter().collect();
            if let Some(seconds) = params.and_then(|p| p.get("duration")).and_then(number) {
                parts.push(format!("{}:{:02}", seconds / 60, seconds % 60));
            }
            let source = param("source").map(|source| format!(" ({source})")).unwrap_or_default();
            Some(format!("{label}: {}{source}", join_or_nothing(parts.into_iter(), w)))
        }
        "sms_in" | "sms_out" => {
            let label = if kind == "sms_in" { w.sms_from } else { w.sms_to };
            let phone = param("phone").unwrap_or_else(|| w.nothing.to_owned());
            Some(format!("{label} {phone}: {}", text.unwrap_or_default()))
        }
        _ => match text {
            Some(text) => Some(format!("{}: {text}", w.note)),
            None if !kind.is_empty() => Some(format!("{} ({kind})", w.note)),
            None => None,
        },
    }
}

/// `Linked: contact 123`: what a link or unlink event names, by entity type and id.
fn linked(label: &str, before: &[Value], after: &[Value], w: &EventWords) -> String {
    let entity = |v: &Value| {
        let entity = v.get("entity")?;
        let kind = entity.get("type").map(plain).unwrap_or_default();
        let shown = w.entities.iter().find(|(code, _)| *code == kind).map_or(kind.as_str(), |(_, word)| word);
        let id = entity.get("id").map(plain).unwrap_or_default();
        Some(format!("{shown} {id}").trim().to_owned())
    };
    let all: Vec<String> = after.iter().chain(before).filter_map(entity).collect();
    format!("{label}: {}", join_or_nothing(all.into_iter(), w))
}

/// `Stage: Negotiation → Won (Sales)`, or with each side's pipeline when they differ.
fn stage_change(before: &[Value], after: &[Value], account: &Account, w: &EventWords) -> String {
    let read = |values: &[Value]| {
        values
            .first()
            .map(|v| (v.get("pipeline_id").and_then(number), v.get("id").and_then(number).unwrap_or(0)))
    };
    let (old, new) = (read(before), read(after));
    let stage = |side: Option<(Option<u64>, u64)>| match side {
        None => w.nothing.to_owned(),
        Some((pipeline, status)) => match account.stage(pipeline, status) {
            Some((_, stage)) if !stage.name.is_empty() => stage.name.clone(),
            _ => match status {
                142 => w.won.to_owned(),
                143 => w.lost.to_owned(),
                id => format!("{} {id}", w.stage_id),
            },
        },
    };
    let pipeline = |id: u64| {
        account
            .pipeline(id)
            .map(|p| p.name.clone())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| format!("{} {id}", w.pipeline))
    };
    let old_pipeline = old.and_then(|(p, _)| p);
    let new_pipeline = new.and_then(|(p, _)| p);
    match (old_pipeline, new_pipeline) {
        (Some(a), Some(b)) if a != b => {
            format!("{}: {} ({}) → {} ({})", w.stage, stage(old), pipeline(a), stage(new), pipeline(b))
        }
        (a, b) => match a.or(b) {
            Some(id) => format!("{}: {} → {} ({})", w.stage, stage(old), stage(new), pipeline(id)),
            None => format!("{}: {} → {}", w.stage, stage(old), stage(new)),
        },
    }
}

/// `Tags: +vip −cold`: the tags only after are added, only before removed.
fn tags_change(before: &[Value], after: &[Value], w: &EventWords) -> String {
    let names = |values: &[Value]| values.iter().filter_map(|v| v.get("name")).map(plain).collect::<Vec<_>>();
    let (old, new) = (names(before), names(after));
    let mut parts: Vec<String> = new.iter().filter(|t| !old.contains(t)).map(|t| format!("+{t}")).collect();
    parts.extend(old.iter().filter(|t| !new.contains(t)).map(|t| format!("−{t}")));
    if parts.is_empty() {
        parts.push(w.nothing.to_owned());
    }
    format!("{}: {}", w.tags, parts.join(" "))
}

/// `Source: Web → Phone`: the field by name, each value by its enum's text when known.
fn field_change(before: &[Value], after: &[Value], account: &Account, w: &EventWords) -> String {
    let field_id = before.iter().chain(after).find_map(|v| v.get("field_id").and_then(number));
    let field = field_id.and_then(|id| account.custom_field(id));
    let label = match (field, field_id) {
        (Some(field), _) if !field.name.is_empty() => field.name.clone(),
        (_, Some(id)) => format!("{} {id}", w.field),
        _ => w.field.to_owned(),
    };
    let value = |v: &Value| {
        let by_enum = v.get("enum_id").and_then(number).and_then(|id| {
            field.and_then(|f| f.enum_value(id)).map(str::to_owned).or_else(|| {
                // No text and no name: the enum id is all there is.
                v.get("text").map(plain).filter(|t| !t.is_empty()).or(Some(format!("#{id}")))
            })
        });
        by_enum.or_else(|| v.get("text").map(plain)).unwrap_or_default()
    };
    let side = |values: &[Value]| join_or_nothing(values.iter().map(value).filter(|t| !t.is_empty()), w);
    format!("{label}: {} → {}", side(before), side(after))
}

fn user(id: u64, account: &Account, w: &EventWords) -> String {
    match account.user_name(id) {
        Some(name) => name.to_owned(),
        None if id == 0 => w.robot.to_owned(),
        None => format!("{} {id}", w.user),
    }
}

/// A list's items: `value_before` may be an array, an object or null.
fn items(event: &Value, key: &str) -> Vec<Value> {
    match event.get(key) {
        Some(Value::Array(list)) => list.clone(),
        Some(Value::Object(_)) => vec![event[key].clone()],
        _ => Vec::new(),
    }
}

fn join_or_nothing(values: impl Iterator<Item = String>, w: &EventWords) -> String {
    let list: Vec<String> = values.collect();
    if list.is_empty() {
        w.nothing.to_owned()
    } else {
        list.join(", ")
    }
}

/// A number that may come as a JSON number or a numeric string.
fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An amount with thousands grouped: `1500` → `1,500` (`1.500` in Spanish), `1500.5` →
/// `1,500.5`. Text that is not a number is kept as it is.
pub fn amount(value: &Value, w: &EventWords) -> String {
    let text = plain(value);
    let trimmed = text.trim();
    let (sign, digits) = trimmed.strip_prefix('-').map_or(("", trimmed), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !numeric {
        return text;
    }
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(w.thousands);
        }
        grouped.push(c);
    }
    if !fraction.is_empty() {
        grouped.push(w.decimal);
        grouped.push_str(fraction);
    }
    format!("{sign}{grouped}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::tests::sample;
    use serde_json::json;

    const UTC: Zone = Zone::Fixed(0);

    fn event(kind: &str, before: Value, after: Value) -> Value {
        json!({"id": "01", "type": kind, "created_by": 11, "value_before": before, "value_after": after})
    }

    fn said(event: &Value, account: &Account) -> String {
        change(event, account, Lang::En, UTC).unwrap_or_default()
    }

    #[test]
    fn a_stage_change_names_both_stages_and_the_pipeline() {
        let e = event(
            "lead_status_changed",
            json!([{"lead_status": {"id": 1001, "pipeline_id": 100}}]),
            json!([{"lead_status": {"id": 142, "pipeline_id": 100}}]),
        );
        assert_eq!(said(&e, &sample()), "Stage: Negotiation → Won (Sales)");
        assert_eq!(said(&e, &Account::default()), "Stage: stage 1001 → won (pipeline 100)");
        assert_eq!(
            change(&e, &Account::default(), Lang::Es, UTC).unwrap(),
            "Etapa: etapa 1001 → ganado (embudo 100)"
        );
    }

    #[test]
    fn a_move_between_pipelines_names_each() {
        let e = event(
            "lead_status_changed",
            json!([{"lead_status": {"id": 1001, "pipeline_id": 100}}]),
            json!([{"lead_status": {"id": 142, "pipeline_id": 200}}]),
        );
        assert_eq!(said(&e, &sample()), "Stage: Negotiation (Sales) → Solved (Support)");
    }

    #[test]
    fn tags_show_what_was_added_and_removed() {
        let e =
            event("entity_tag_added", json!([{"tag": {"name": "cold"}}]), json!([{"tag": {"name": "vip"}}]));
        assert_eq!(said(&e, &Account::default()), "Tags: +vip −cold");
        let added =
            event("entity_tag_added", json!([]), json!([{"tag": {"name": "vip"}}, {"tag": {"name": "b2b"}}]));
        assert_eq!(said(&added, &Account::default()), "Tags: +vip +b2b");
    }

    #[test]
    fn custom_field_values_go_by_field_name_and_enum_text() {
        let e = event(
            "custom_field_777_value_changed",
            json!([{"custom_field_value": {"field_id": 777, "field_type": 4, "enum_id": 1, "text": "Web"}}]),
            json!([{"custom_field_value": {"field_id": 777, "field_type": 4, "enum_id": 2, "text": "Phone"}}]),
        );
        assert_eq!(said(&e, &sample()), "Source: Web → Phone");
        assert_eq!(said(&e, &Account::default()), "field 777: Web → Phone");
        let text_only = event(
            "custom_field_value_changed",
            json!([]),
            json!([{"custom_field_value": {"field_id": 9, "field_type": 1, "text": "hello"}}]),
        );
        assert_eq!(said(&text_only, &Account::default()), "field 9: — → hello");
        let enum_only = event(
            "custom_field_5_value_changed",
            json!(null),
            json!([{"custom_field_value": {"field_id": 5, "enum_id": 44}}]),
        );
        assert_eq!(said(&enum_only, &Account::default()), "field 5: — → #44");
    }

    #[test]
    fn a_multiselect_lists_every_value() {
        let e = event(
            "custom_field_777_value_changed",
            json!([]),
            json!([{"custom_field_value": {"field_id": 777, "enum_id": 1}}, {"custom_field_value": {"field_id": 777, "enum_id": 2}}]),
        );
        assert_eq!(said(&e, &sample()), "Source: — → Web, Phone");
    }

    #[test]
    fn the_responsible_user_goes_by_name() {
        let e = event(
            "entity_responsible_changed",
            json!([{"responsible_user": {"id": 11}}]),
            json!([{"responsible_user": {"id": 12}}]),
        );
        assert_eq!(said(&e, &sample()), "Responsible: Ana → Luis");
        assert_eq!(said(&e, &Account::default()), "Responsible: user 11 → user 12");
    }

    #[test]
    fn the_budget_is_grouped_by_thousands() {
        let e = event(
            "sale_field_changed",
            json!([{"sale_field_value": {"sale": 1000}}]),
            json!([{"sale_field_value": {"sale": "1500.5"}}]),
        );
        assert_eq!(said(&e, &Account::default()), "Budget: 1,000 → 1,500.5");
        assert_eq!(change(&e, &Account::default(), Lang::Es, UTC).unwrap(), "Presupuesto: 1.000 → 1.500,5");
        assert_eq!(amount(&json!(-1234567), words(Lang::En)), "-1,234,567");
        assert_eq!(amount(&json!("n/a"), words(Lang::En)), "n/a");
    }

    #[test]
    fn a_name_change_shows_both_names() {
        let e = event(
            "name_field_changed",
            json!([{"name_field_value": {"name": "Old deal"}}]),
            json!([{"name_field_value": {"name": "New deal"}}]),
        );
        assert_eq!(said(&e, &Account::default()), "Name: Old deal → New deal");
    }

    #[test]
    fn notes_and_calls_name_the_note() {
        let e = event("incoming_call", json!([]), json!([{"note": {"id": 4242}}]));
        assert_eq!(said(&e, &Account::default()), "Note: 4242");
    }

    #[test]
    fn unknown_shapes_say_nothing() {
        let e = event("lead_added", json!([]), json!([{"something_new": {"x": 1}}]));
        assert_eq!(change(&e, &Account::default(), Lang::En, UTC), None);
        let bare = json!({"id": "x", "type": "lead_added"});
        assert_eq!(change(&bare, &Account::default(), Lang::En, UTC), None);
    }

    #[test]
    fn the_robot_and_users_are_named() {
        let account = sample();
        assert_eq!(author(Some(0), &account, Lang::En), "robot");
        assert_eq!(author(Some(11), &account, Lang::En), "Ana");
        assert_eq!(author(Some(99), &account, Lang::Es), "usuario 99");
        let catalog = Catalog::builtin();
        let described = describe(
            &json!({"type": "custom_field_777_value_changed", "created_by": 0}),
            &Names { account: &account, catalog: &catalog },
            Lang::En,
            UTC,
        );
        assert_eq!(described.by, "robot");
        assert_eq!(described.type_label.as_deref(), Some("Source"));
    }
}
