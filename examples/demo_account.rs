//! A demo Kommo account on 127.0.0.1, for screenshots and for trying the screen without a real
//! account: the test suite's HTTP server (tests/support/server.rs) answering `GET /api/v4/events`
//! (through the tests' fake account: `filter[type]`, `filter[created_at]`, `limit`, pages with
//! `_links.next`, 204) over a few hundred varied events, and the routes of the account's names
//! with plausible users, pipelines, custom fields and catalogs. Entity names come only when
//! `with` asks for them, as in Kommo.
//!
//! ```sh
//! cargo run --example demo_account          # prints http://127.0.0.1:PORT, serves until killed
//! KOMMO_TOKEN=demo cargo run --release -- --base-url http://127.0.0.1:PORT
//! ```
//!
//! The events are the same on every run (no randomness, fixed times), so screenshots are stable.

#[allow(dead_code)]
#[path = "../tests/support/kommo.rs"]
mod kommo;
#[allow(dead_code)]
#[path = "../tests/support/server.rs"]
mod server;

use std::io::Write;

use kommo::{names_page, FakeKommo};
use serde_json::{json, Value};
use server::{Request, Response, TestServer};

/// 2026-11-24 10:00:00 UTC, the newest event.
const NEWEST: i64 = 1_795_514_400;
const EVENTS: usize = 240;

const USERS: [(u64, &str); 4] =
    [(6410231, "Ana García"), (6410232, "Luis Pérez"), (6410233, "Marta Ruiz"), (6410234, "Diego Torres")];
const SALES: u64 = 7400101;
const SALES_STAGES: [(u64, &str); 5] =
    [(41512861, "Incoming"), (41512864, "Qualified"), (41512866, "Negotiation"), (142, "Won"), (143, "Lost")];
const LEADS: [&str; 8] = [
    "Acme Corp — 40 seats",
    "Blue Harbor renewal",
    "Café Norte franchise",
    "Lumen Labs pilot",
    "Orbita Logistics",
    "Vega Dental clinics",
    "Northwind upgrade",
    "Solaris retail",
];
const SOURCE_FIELD: u64 = 880101;
const SOURCES: [(u64, &str); 4] = [(1, "Website"), (2, "Phone"), (3, "Referral"), (4, "Instagram")];

fn main() {
    let fake = FakeKommo::new();
    fake.add((0..EVENTS).map(demo_event));
    let handler_fake = std::sync::Arc::clone(&fake);
    let server = TestServer::start(move |request| answer(&handler_fake, request));
    println!("{}", server.base_url());
    let _ = std::io::stdout().flush();
    // Serves until the process is killed.
    loop {
        std::thread::park();
    }
}

fn answer(fake: &FakeKommo, request: &Request) -> Response {
    let names = |key: &str, items: Vec<Value>| names_page(request, key, &items);
    match request.path.as_str() {
        "/api/v4/events" => without_unasked_names(fake.answer(request), request),
        "/api/v4/events/types" => names("events_types", event_types(request.param("language_code"))),
        "/api/v4/users" => {
            names("users", USERS.iter().map(|(id, name)| json!({"id": id, "name": name})).collect())
        }
        "/api/v4/leads/pipelines" => names("pipelines", pipelines()),
        "/api/v4/leads/custom_fields" => names("custom_fields", lead_fields()),
        "/api/v4/contacts/custom_fields" => {
            names("custom_fields", vec![json!({"id": 880201, "name": "Position", "type": "text"})])
        }
        "/api/v4/companies/custom_fields" => Response::no_content(),
        "/api/v4/catalogs" => names(
            "catalogs",
            vec![json!({"id": 5021, "name": "Products"}), json!({"id": 5022, "name": "Price lists"})],
        ),
        _ => Response::problem(404, "Not Found", "No route"),
    }
}

/// Kommo sends `_embedded.entity.name` only when `with` asks for the entity's name.
fn without_unasked_names(mut response: Response, request: &Request) -> Response {
    let with = request.param("with").unwrap_or_default().to_owned();
    let Ok(mut body) = serde_json::from_str::<Value>(&response.body) else { return response };
    if let Some(events) = body.pointer_mut("/_embedded/events").and_then(Value::as_array_mut) {
        for event in events {
            let asked =
                event["entity_type"].as_str().is_some_and(|kind| with.contains(&format!("{kind}_name")));
            if !asked {
                if let Some(entity) = event.pointer_mut("/_embedded/entity").and_then(Value::as_object_mut) {
                    entity.remove("name");
                }
            }
        }
    }
    response.body = body.to_string();
    response
}

/// Event `index`, newest first: a cycle of stage changes, responsible changes, tags, budgets,
/// custom field values, notes, new leads and calls, minutes apart.
fn demo_event(index: usize) -> Value {
    let lead = index % LEADS.len();
    let user = USERS[index % USERS.len()].0;
    let created_by = if index % 9 == 4 { 0 } else { user };
    let at = NEWEST - (index as i64) * 731 - (index as i64 % 7) * 97;
    let stage = |i: usize| json!([{"lead_status": {"id": SALES_STAGES[i % 5].0, "pipeline_id": SALES}}]);
    let (kind, before, after) = match index % 10 {
        0 | 5 => ("lead_status_changed", stage(index / 10 % 3), stage(index / 10 % 3 + 1)),
        1 => (
            "entity_responsible_changed",
            json!([{"responsible_user": {"id": USERS[(index + 1) % 4].0}}]),
            json!([{"responsible_user": {"id": user}}]),
        ),
        2 => ("entity_tag_added", json!([]), json!([{"tag": {"name": "vip"}}, {"tag": {"name": "q4"}}])),
        3 => (
            "sale_field_changed",
            json!([{"sale_field_value": {"sale": 1000 * (lead + 1)}}]),
            json!([{"sale_field_value": {"sale": 1500 * (lead + 1)}}]),
        ),
        4 => {
            let (old, new) = (SOURCES[index % 4], SOURCES[(index + 1) % 4]);
            let value = |(enum_id, text): (u64, &str)| json!([{"custom_field_value": {"field_id": SOURCE_FIELD, "field_type": 4, "enum_id": enum_id, "text": text}}]);
            ("custom_field_880101_value_changed", value(old), value(new))
        }
        6 => ("entity_tag_deleted", json!([{"tag": {"name": "cold"}}]), json!([])),
        7 => (
            "lead_added",
            json!([]),
            json!([{"lead_status": {"id": SALES_STAGES[0].0, "pipeline_id": SALES}}]),
        ),
        8 => ("common_note_added", json!([]), json!([{"note": {"id": 9_100_000 + index}}])),
        _ => ("incoming_call", json!([]), json!([{"note": {"id": 9_200_000 + index}}])),
    };
    json!({
        "id": format!("01jdemo{index:019}"),
        "type": kind,
        "entity_id": 2_104_500 + lead,
        "entity_type": "lead",
        "created_by": created_by,
        "created_at": at,
        "value_after": after,
        "value_before": before,
        "account_id": 31_337_000,
        "_links": {"self": {"href": format!("https://demo.kommo.com/api/v4/events/01jdemo{index:019}")}},
        "_embedded": {"entity": {"id": 2_104_500 + lead, "name": LEADS[lead], "_links": {}}},
    })
}

fn event_types(lang: Option<&str>) -> Vec<Value> {
    let es = lang == Some("es");
    let pick = |en: &str, spanish: &str| if es { spanish.to_owned() } else { en.to_owned() };
    vec![
        json!({"key": "lead_added", "type": 1, "lang": pick("Lead added", "Lead agregado")}),
        json!({"key": "lead_status_changed", "type": 14, "lang": pick("Stage changed", "Etapa cambiada")}),
        json!({"key": "custom_field_880101_value_changed", "type": 880101, "lang": pick("Field changed", "Campo cambiado")}),
        json!({"key": "custom_field_880103_value_changed", "type": 880103, "lang": pick("Field changed", "Campo cambiado")}),
    ]
}

fn pipelines() -> Vec<Value> {
    let stages: Vec<Value> =
        SALES_STAGES.iter().map(|(id, name)| json!({"id": id, "name": name, "pipeline_id": SALES})).collect();
    vec![
        json!({"id": SALES, "name": "Sales", "_embedded": {"statuses": stages}}),
        json!({"id": 7400102, "name": "Partners", "_embedded": {"statuses": [
            {"id": 41600001, "name": "New partner", "pipeline_id": 7400102},
            {"id": 41600002, "name": "Contract sent", "pipeline_id": 7400102},
            {"id": 142, "name": "Signed", "pipeline_id": 7400102},
            {"id": 143, "name": "Declined", "pipeline_id": 7400102}]}}),
    ]
}

fn lead_fields() -> Vec<Value> {
    let sources: Vec<Value> = SOURCES.iter().map(|(id, value)| json!({"id": id, "value": value})).collect();
    vec![
        json!({"id": SOURCE_FIELD, "name": "Source", "type": "select", "enums": sources}),
        json!({"id": 880102, "name": "Product", "type": "text", "enums": null}),
        json!({"id": 880103, "name": "Region", "type": "select",
               "enums": [{"id": 11, "value": "North"}, {"id": 12, "value": "South"}]}),
    ]
}
