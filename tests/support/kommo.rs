//! A fake Kommo account: `GET /api/v4/events` over a list of events the test controls (filtered
//! by `filter[created_at]` from and to, newest first, paged by `limit` with HAL `_links.next`, 204 when
//! nothing matches), and the routes of the account's names, each in two pages.
//!
//! Its `_links.next` point at `https://acme.kommo.com/…`, as Kommo's do: the client must follow
//! them on its own base URL, never on the host the answer names.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use super::server::{Request, Response, TestServer};

/// The state of the fake account.
#[derive(Default)]
pub struct FakeKommo {
    events: Mutex<Vec<Value>>,
    /// `/api/v4/users` answers 403, as for a non-admin token.
    pub users_forbidden: AtomicBool,
}

impl FakeKommo {
    pub fn new() -> Arc<FakeKommo> {
        Arc::new(FakeKommo::default())
    }

    /// Adds events (any order).
    pub fn add(&self, events: impl IntoIterator<Item = Value>) {
        self.events.lock().unwrap().extend(events);
    }

    /// Answers one request like Kommo would.
    pub fn answer(&self, request: &Request) -> Response {
        match request.path.as_str() {
            "/api/v4/events" => self.events_page(request),
            "/api/v4/events/types" => {
                names_page(request, "events_types", &event_types(request.param("language_code")))
            }
            "/api/v4/users" if self.users_forbidden.load(Ordering::SeqCst) => {
                Response::problem(403, "Forbidden", "Access denied")
            }
            "/api/v4/users" => names_page(request, "users", &users()),
            "/api/v4/leads/pipelines" => names_page(request, "pipelines", &pipelines()),
            "/api/v4/leads/custom_fields" => names_page(request, "custom_fields", &lead_fields()),
            "/api/v4/contacts/custom_fields" => names_page(request, "custom_fields", &[]),
            "/api/v4/companies/custom_fields" => Response::no_content(),
            "/api/v4/catalogs" => names_page(request, "catalogs", &[json!({"id": 5, "name": "Products"})]),
            _ => Response::problem(404, "Not Found", "No route"),
        }
    }

    fn events_page(&self, request: &Request) -> Response {
        let from = request
            .param("filter[created_at][from]")
            .or_else(|| request.param("filter[created_at]").map(|v| v.split(',').next().unwrap_or(v)))
            .and_then(|v| v.parse::<i64>().ok());
        let to = request
            .param("filter[created_at][to]")
            .or_else(|| request.param("filter[created_at]").and_then(|v| v.split(',').nth(1)))
            .and_then(|v| v.parse::<i64>().ok());
        let types: Vec<&str> =
            request.param("filter[type]").map(|t| t.split(',').collect()).unwrap_or_default();
        let mut matching: Vec<Value> = self
            .events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| from.is_none_or(|from| e["created_at"].as_i64().unwrap_or(0) >= from))
            .filter(|e| to.is_none_or(|to| e["created_at"].as_i64().unwrap_or(0) <= to))
            .filter(|e| types.is_empty() || types.contains(&e["type"].as_str().unwrap_or("")))
            .cloned()
            .collect();
        // Newest first, as Kommo lists events.
        matching.sort_by(|a, b| {
            (b["created_at"].as_i64(), b["id"].as_str()).cmp(&(a["created_at"].as_i64(), a["id"].as_str()))
        });
        let limit: usize = request.param("limit").and_then(|l| l.parse().ok()).unwrap_or(50);
        let page: usize = request.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        let chunk: Vec<Value> = matching.iter().skip((page - 1) * limit).take(limit).cloned().collect();
        if chunk.is_empty() {
            return Response::no_content();
        }
        let mut links = json!({"self": {"href": href(request, page)}});
        if matching.len() > page * limit {
            links["next"] = json!({"href": href(request, page + 1)});
        }
        Response::hal(json!({"_page": page, "_links": links, "_embedded": {"events": chunk}}))
    }
}

/// Starts a server that answers as `fake`.
pub fn serve(fake: &Arc<FakeKommo>) -> TestServer {
    let fake = Arc::clone(fake);
    TestServer::start(move |request| fake.answer(request))
}

/// One event as Kommo sends it.
pub fn event(id: &str, kind: &str, created_at: i64, before: Value, after: Value) -> Value {
    json!({
        "id": id,
        "type": kind,
        "entity_id": 7001,
        "entity_type": "lead",
        "created_by": 11,
        "created_at": created_at,
        "value_after": after,
        "value_before": before,
        "account_id": 321,
        "_links": {"self": {"href": format!("https://acme.kommo.com/api/v4/events/{id}")}},
        "_embedded": {"entity": {"id": 7001, "_links": {}}},
    })
}

/// A stage change from Negotiation to Won in Sales.
pub fn stage_change(id: &str, created_at: i64) -> Value {
    event(
        id,
        "lead_status_changed",
        created_at,
        json!([{"lead_status": {"id": 1001, "pipeline_id": 100}}]),
        json!([{"lead_status": {"id": 142, "pipeline_id": 100}}]),
    )
}

/// The responsible user changed from Ana (11) to Luis (12).
pub fn responsible_change(id: &str, created_at: i64) -> Value {
    event(
        id,
        "entity_responsible_changed",
        created_at,
        json!([{"responsible_user": {"id": 11}}]),
        json!([{"responsible_user": {"id": 12}}]),
    )
}

/// The same URL with another `page`, on Kommo's host.
fn href(request: &Request, page: usize) -> String {
    let kept: Vec<&str> =
        request.raw_query.split('&').filter(|p| !p.is_empty() && !p.starts_with("page=")).collect();
    let mut query = kept.join("&");
    if !query.is_empty() {
        query.push('&');
    }
    format!("https://acme.kommo.com{}?{query}page={page}", request.path)
}

/// A names route in pages of two items.
pub fn names_page(request: &Request, key: &str, items: &[Value]) -> Response {
    let page: usize = request.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let chunk: Vec<Value> = items.iter().skip((page - 1) * 2).take(2).cloned().collect();
    if chunk.is_empty() && page == 1 {
        return Response::no_content();
    }
    let mut links = json!({"self": {"href": href(request, page)}});
    if items.len() > page * 2 {
        links["next"] = json!({"href": href(request, page + 1)});
    }
    Response::hal(json!({"_page": page, "_links": links, "_embedded": {key: chunk}}))
}

pub fn event_types(lang: Option<&str>) -> Vec<Value> {
    let label = |en: &str, es: &str, pt: &str| match lang {
        Some("es") => es.to_string(),
        Some("pt") => pt.to_string(),
        _ => en.to_string(),
    };
    vec![
        json!({"key": "lead_added", "type": 1, "lang": label("Lead added", "Nuevo lead", "Novo lead")}),
        json!({"key": "lead_status_changed", "type": 14, "lang": label("Stage changed", "Etapa cambiada", "Etapa alterada")}),
        json!({"key": "custom_field_777_value_changed", "type": 777, "lang": label("Field changed", "Campo cambiado", "Campo alterado")}),
    ]
}

pub fn users() -> Vec<Value> {
    vec![
        json!({"id": 11, "name": "Ana", "email": "ana@example.com"}),
        json!({"id": 12, "name": "Luis", "email": "luis@example.com"}),
        json!({"id": 13, "name": "Eva"}),
    ]
}

pub fn pipelines() -> Vec<Value> {
    vec![json!({"id": 100, "name": "Sales", "_embedded": {"statuses": [
        {"id": 1001, "name": "Negotiation", "pipeline_id": 100},
        {"id": 142, "name": "Won", "pipeline_id": 100},
        {"id": 143, "name": "Lost", "pipeline_id": 100}
    ]}})]
}

pub fn lead_fields() -> Vec<Value> {
    vec![
        json!({"id": 777, "name": "Source", "type": "select", "enums": [{"id": 1, "value": "Web"}, {"id": 2, "value": "Phone"}]}),
        json!({"id": 778, "name": "Budget note", "type": "text", "enums": null}),
        json!({"id": 779, "name": "Region", "type": "select", "enums": [{"id": 5, "value": "North"}]}),
    ]
}
