//! Every value shape the facts sheet documents is told in words, in English and in Spanish, and
//! none comes out empty.

use kommo_events::account::Account;
use kommo_events::catalog::Catalog;
use kommo_events::events::{describe, Names};
use kommo_events::filter::date::Zone;
use kommo_events::i18n::Lang;
use serde_json::{json, Value};

fn event(kind: &str, before: Value, after: Value) -> Value {
    json!({"id": "E", "type": kind, "entity_type": "lead", "entity_id": 7, "created_by": 11,
           "created_at": 1_767_225_600, "value_before": before, "value_after": after})
}

fn told(event: &Value, lang: Lang) -> String {
    let (account, catalog) = (Account::default(), Catalog::builtin());
    let names = Names { account: &account, catalog: &catalog };
    describe(event, &names, lang, Zone::Fixed(0)).change.unwrap_or_default()
}

/// (the event, in English, in Spanish), one per documented shape.
fn shapes() -> Vec<(Value, &'static str, &'static str)> {
    vec![
        (
            event(
                "task_text_changed",
                json!([{"task": {"text": "call back"}}]),
                json!([{"task": {"text": "send the offer"}}]),
            ),
            "Task text: call back → send the offer",
            "Texto de la tarea: call back → send the offer",
        ),
        (
            event(
                "task_deadline_changed",
                json!([{"task_deadline": {"timestamp": 1_767_289_200}}]),
                json!([{"task_deadline": {"timestamp": 1_767_375_600}}]),
            ),
            "Deadline: 2026-01-01 17:40 → 2026-01-02 17:40",
            "Vencimiento: 2026-01-01 17:40 → 2026-01-02 17:40",
        ),
        (
            event("task_type_changed", json!([{"task_type": {"id": 1}}]), json!([{"task_type": {"id": 2}}])),
            "Task type: type 1 → type 2",
            "Tipo de tarea: tipo 1 → tipo 2",
        ),
        (event("robot_replied", json!([]), json!([{"helpbot": {"id": 31}}])), "Bot: 31", "Bot: 31"),
        (event("intent_identified", json!([]), json!([{"helpbot": {"id": 32}}])), "Bot: 32", "Bot: 32"),
        (event("nps_rate_added", json!([]), json!([{"nps": {"rate": 9}}])), "NPS: 9", "NPS: 9"),
        (
            event("incoming_chat_message", json!([]), json!([{"message": {"id": "0a1b-2c3d"}}])),
            "Message: 0a1b-2c3d",
            "Mensaje: 0a1b-2c3d",
        ),
        (
            event("entity_direct_message", json!([]), json!([{"message": {"id": "dm-1"}}])),
            "Message: dm-1",
            "Mensaje: dm-1",
        ),
        (
            event("entity_linked", json!([]), json!([{"link": {"entity": {"type": "contact", "id": 123}}}])),
            "Linked: contact 123",
            "Vinculado: contacto 123",
        ),
        (
            event(
                "entity_unlinked",
                json!([{"unlink": {"entity": {"type": "company", "id": 5}}}]),
                json!([]),
            ),
            "Unlinked: company 5",
            "Desvinculado: compañía 5",
        ),
        (
            event(
                "customer_status_changed",
                json!([{"customer_status": {"id": 135751}}]),
                json!([{"customer_status": {"id": 135752}}]),
            ),
            "Customer stage: stage 135751 → stage 135752",
            "Etapa del cliente: etapa 135751 → etapa 135752",
        ),
        (
            event("transaction_added", json!([]), json!([{"transaction": {"id": 77}}])),
            "Transaction: 77",
            "Transacción: 77",
        ),
        (event("incoming_call", json!([]), json!([{"note": {"id": 4242}}])), "Note: 4242", "Nota: 4242"),
        (
            event(
                "lead_status_changed",
                json!([{"lead_status": {"id": 1001, "pipeline_id": 100}}]),
                json!([{"lead_status": {"id": 142, "pipeline_id": 100}}]),
            ),
            "Stage: stage 1001 → won (pipeline 100)",
            "Etapa: etapa 1001 → ganado (embudo 100)",
        ),
        (
            event(
                "entity_responsible_changed",
                json!([{"responsible_user": {"id": 11}}]),
                json!([{"responsible_user": {"id": 12}}]),
            ),
            "Responsible: user 11 → user 12",
            "Responsable: usuario 11 → usuario 12",
        ),
        (
            event("entity_tag_added", json!([]), json!([{"tag": {"name": "vip"}}])),
            "Tags: +vip",
            "Etiquetas: +vip",
        ),
        (
            event(
                "sale_field_changed",
                json!([{"sale_field_value": {"sale": 1000}}]),
                json!([{"sale_field_value": {"sale": 1500}}]),
            ),
            "Budget: 1,000 → 1,500",
            "Presupuesto: 1.000 → 1.500",
        ),
        (
            event(
                "name_field_changed",
                json!([{"name_field_value": {"name": "Old"}}]),
                json!([{"name_field_value": {"name": "New"}}]),
            ),
            "Name: Old → New",
            "Nombre: Old → New",
        ),
        (
            event(
                "custom_field_777_value_changed",
                json!([{"custom_field_value": {"field_id": 777, "field_type": 1, "text": "a"}}]),
                json!([{"custom_field_value": {"field_id": 777, "field_type": 1, "text": "b"}}]),
            ),
            "field 777: a → b",
            "campo 777: a → b",
        ),
    ]
}

#[test]
fn every_documented_shape_is_told_in_both_languages() {
    for (event, en, es) in shapes() {
        assert_eq!(told(&event, Lang::En), en, "{event}");
        assert_eq!(told(&event, Lang::Es), es, "{event}");
    }
}

#[test]
fn a_chat_linked_to_a_lead_names_its_talk_contact() {
    let mut chat = event("outgoing_chat_message", json!([]), json!([{"message": {"id": "m1"}}]));
    chat["linked_talk_contact_id"] = json!(9001);
    assert_eq!(told(&chat, Lang::En), "Message: m1; talk contact 9001");
    assert_eq!(told(&chat, Lang::Es), "Mensaje: m1; contacto de la conversación 9001");
}

#[test]
fn a_deadline_is_a_date_in_the_zone() {
    let deadline =
        event("task_deadline_changed", json!([]), json!([{"task_deadline": {"timestamp": 1_767_225_600}}]));
    let (account, catalog) = (Account::default(), Catalog::builtin());
    let names = Names { account: &account, catalog: &catalog };
    let in_madrid = describe(&deadline, &names, Lang::En, Zone::Fixed(3600)).change.unwrap();
    assert_eq!(in_madrid, "Deadline: 2026-01-01 01:00");
}

#[test]
fn a_note_read_from_the_account_is_told_instead_of_its_id() {
    let with_note = |note: Value| {
        let mut e = event("outgoing_call", json!([]), json!([{"note": {"id": 1}}]));
        e["_note"] = note;
        e
    };
    let call =
        with_note(json!({"id": 1, "note_type": "call_out", "params": {"phone": "+1 555", "duration": 61}}));
    assert_eq!(told(&call, Lang::En), "Outgoing call: +1 555, 1:01");
    assert_eq!(told(&call, Lang::Es), "Llamada saliente: +1 555, 1:01");
    let sms =
        with_note(json!({"id": 1, "note_type": "sms_in", "params": {"phone": "+1 555", "text": "hola"}}));
    assert_eq!(told(&sms, Lang::En), "SMS from +1 555: hola");
    assert_eq!(told(&sms, Lang::Es), "SMS de +1 555: hola");
    let long = "x".repeat(300);
    let common = with_note(json!({"id": 1, "note_type": "common", "params": {"text": long}}));
    assert_eq!(told(&common, Lang::En).chars().count(), "Note: ".len() + 120);
    let attachment = with_note(json!({"id": 1, "note_type": "attachment", "params": {}}));
    assert_eq!(told(&attachment, Lang::Es), "Nota (attachment)");
}
