//! What the benchmarks share: the catalog sizes, screens over synthetic catalogs, and a run's
//! pane with many synthetic events loaded.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Instant;

use kommo_events::account::{Account, Part};
use kommo_events::api::{FetchSummary, FetchUpdate, Page};
use kommo_events::catalog::synthetic;
use kommo_events::filter::format::{FormatOptions, QueryFormat};
use kommo_events::i18n::Lang;
use kommo_events::search::index::TypeIndex;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Settings, Start};
use kommo_events::tui::composer::Zone;
use kommo_events::tui::theme::Theme;
use kommo_events::tui::update::{update, Effect};
use serde_json::{json, Value};

/// Catalog sizes: the built-in 70 types, then large accounts. `KOMMO_BENCH_SIZES=70,10000` runs
/// only some (a million takes a while to set up).
pub fn sizes() -> Vec<usize> {
    match std::env::var("KOMMO_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![70, 10_000, 100_000, 1_000_000],
    }
}

/// An explorer over the built-in catalog plus synthetic types, `total` in all.
pub fn index(total: usize) -> TypeIndex {
    TypeIndex::new(synthetic::catalog(total))
}

/// A screen as `kommo-events` opens it, at `width`x`height`, in Spanish (the synthetic labels are).
pub fn screen(total: usize, width: u16, height: u16) -> App {
    started(total, Start::default(), width, height)
}

fn started(total: usize, start: Start, width: u16, height: u16) -> App {
    let settings = Settings {
        lang: Lang::Es,
        theme: Theme::color(),
        zone: Zone::Fixed(0),
        format: QueryFormat::Query,
        output: FormatOptions::default(),
        notes: false,
        account: None,
    };
    let mut app = App::new(index(total), settings, start, (width, height), Instant::now());
    update(&mut app, Action::Resize { width, height });
    app
}

/// The account the synthetic events name: users, two pipelines and a few lead fields.
pub fn account() -> Account {
    let users = USERS.iter().enumerate().map(|(i, name)| json!({"id": 11 + i, "name": name})).collect();
    let stages = |pipeline: u64, names: &[&str]| -> Vec<Value> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| json!({"id": pipeline * 10 + i as u64, "name": name, "pipeline_id": pipeline}))
            .collect()
    };
    let pipelines = vec![
        json!({"id": 100, "name": "Ventas", "_embedded": {"statuses": stages(100, STAGES)}}),
        json!({"id": 200, "name": "Renovaciones", "_embedded": {"statuses": stages(200, STAGES)}}),
    ];
    let fields = FIELDS
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"id": 700 + i, "name": name, "type": "select", "enums": SOURCES.iter().enumerate().map(|(e, v)| json!({"id": e + 1, "value": v})).collect::<Vec<_>>()}))
        .collect();
    let items =
        BTreeMap::from([(Part::Users, users), (Part::Pipelines, pipelines), (Part::LeadFields, fields)]);
    Account::from_items(&items).expect("the synthetic account is valid")
}

const USERS: &[&str] =
    &["Ana Núñez", "Luis Peña", "Eva Gómez", "José Martínez", "María Ibáñez", "Raúl Ortega"];
const STAGES: &[&str] = &["Primer contacto", "Negociación", "Propuesta enviada", "Decisión", "Contrato"];
const FIELDS: &[&str] = &["Origen", "Región", "Categoría", "Canal de adquisición"];
const SOURCES: &[&str] = &["Web", "Teléfono", "Feria", "Recomendación", "Campaña de otoño"];
const COMPANIES: &[&str] =
    &["Construcciones Ávila", "Panadería Sánchez", "Óptica Muñoz", "Transportes Íñiguez", "Café Colón"];
const TAGS: &[&str] = &["vip", "frío", "b2b", "renovación", "mayorista"];

/// `count` events as Kommo sends them, newest first, one minute apart: stage changes, new
/// leads, responsible users, tags, field values and budgets on leads named after companies, done
/// by the users of [`account`] (or the robot). The same count always gives the same events.
pub fn events(count: usize) -> Vec<Value> {
    let newest = 1_767_225_600_i64;
    (0..count)
        .map(|i| {
            let pick = |list: &[&'static str], salt: usize| list[(i / 7 + salt * i) % list.len()];
            let lead = 10_000 + (i * 37) % 5_000;
            let (kind, before, after) = match i % 7 {
                0 | 1 => {
                    let pipeline = if i % 3 == 0 { 200 } else { 100 };
                    let stage = |n: usize| json!([{"lead_status": {"id": pipeline * 10 + (n % 5) as u64, "pipeline_id": pipeline}}]);
                    ("lead_status_changed".to_owned(), stage(i), stage(i + 1))
                }
                2 => ("lead_added".to_owned(), json!(null), json!(null)),
                3 => {
                    let user = |n: usize| json!([{"responsible_user": {"id": 11 + n % USERS.len()}}]);
                    ("entity_responsible_changed".to_owned(), user(i), user(i + 1))
                }
                4 => ("entity_tag_added".to_owned(), json!([]), json!([{"tag": {"name": pick(TAGS, 1)}}])),
                5 => {
                    let field = 700 + i % FIELDS.len();
                    let value = |n: usize| json!([{"custom_field_value": {"field_id": field, "enum_id": n % SOURCES.len() + 1}}]);
                    (format!("custom_field_{field}_value_changed"), value(i), value(i + 2))
                }
                _ => {
                    let sale = |n: usize| json!([{"sale_field_value": {"sale": (n * 1_250) % 90_000}}]);
                    ("sale_field_changed".to_owned(), sale(i), sale(i + 3))
                }
            };
            let by = if i % 11 == 0 { 0 } else { 11 + i % USERS.len() };
            json!({
                "id": format!("01J{i:08}"),
                "type": kind,
                "entity_id": lead,
                "entity_type": "lead",
                "created_by": by,
                "created_at": newest - 60 * i as i64,
                "value_before": before,
                "value_after": after,
                "account_id": 321,
                "_embedded": {"entity": {"id": lead, "name": format!("{} {lead}", pick(COMPANIES, 2))}},
            })
        })
        .collect()
}

/// A screen whose run has loaded `count` events ([`events`]) in pages of 250, with more to come,
/// at `width`x`height`, in Spanish.
pub fn results_screen(count: usize, width: u16, height: u16) -> App {
    let mut app =
        started(70, Start { run_blocked: None, account: account(), ..Start::default() }, width, height);
    let Some(Effect::Fetch { generation, .. }) = update(&mut app, Action::Run) else {
        panic!("the run did not start");
    };
    let all = events(count);
    let pages = all.chunks(250).count();
    for (number, chunk) in all.chunks(250).enumerate() {
        let page = Page {
            number: number as u32 + 1,
            events: chunk.to_vec(),
            next: Some(format!("/api/v4/events?page={}", number + 2)),
        };
        update(&mut app, Action::Fetched { generation, update: FetchUpdate::Page(page) });
    }
    let summary = FetchSummary { pages: pages as u32, events: count, more: true, range_switched_to: None };
    update(&mut app, Action::Fetched { generation, update: FetchUpdate::Finished(summary) });
    app
}
