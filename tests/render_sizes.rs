//! The screen at every size people have, from 60x16 to 160x48, in English and Spanish: the list,
//! the composer, the results and the help, each drawn on `TestBackend` and kept as a snapshot.
//! Beside the snapshots, what must hold at every size is asserted: the search, the list, the
//! selected types and the live query are on screen together, and the footer names every
//! essential key.

mod common;
mod support;

use std::collections::BTreeMap;

use common::{app_started, ctrl, draw, key, screen_text, select, type_text};
use crossterm::event::KeyCode;
use kommo_events::account::{Account, Part};
use kommo_events::api::{FetchUpdate, Page};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Start};
use kommo_events::tui::update::update;
use serde_json::json;
use support::kommo::{event, pipelines, responsible_change, stage_change, users};

const SIZES: [(u16, u16); 5] = [(60, 16), (80, 24), (100, 30), (120, 36), (160, 48)];
const LANGS: [(Lang, &str); 2] = [(Lang::En, "en"), (Lang::Es, "es")];

/// The keys the footer of the list names at every width, in every language.
const LIST_ESSENTIALS: [&str; 8] = ["C-o", "F9", "Enter", "C-x", "C-y", "C-t", "Esc", "F1"];
/// The same in the composer, where Esc goes back to the list.
const COMPOSER_ESSENTIALS: [&str; 7] = ["Esc", "F9", "Enter", "C-x", "C-y", "C-t", "F1"];

fn started(lang: Lang, width: u16, height: u16) -> App {
    let mut items = BTreeMap::new();
    items.insert(Part::Users, users());
    items.insert(Part::Pipelines, pipelines());
    let account = Account::from_items(&items).expect("names");
    // Wednesday 2026-12-02 15:30:00 UTC.
    let start = Start { run_blocked: None, account, wall_clock: 1_796_225_400, ..Start::default() };
    app_started(start, lang, width, height)
}

/// Three types chosen, the search typed again, so the list and the chips both show.
fn with_selection(lang: Lang, width: u16, height: u16) -> App {
    let mut app = started(lang, width, height);
    select(&mut app, "lead_status_changed");
    select(&mut app, "entity_responsible_changed");
    select(&mut app, "incoming_call");
    ctrl(&mut app, 'u');
    type_text(&mut app, "lead");
    app
}

fn footer(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

fn assert_keys(text: &str, keys: &[&str], place: &str) {
    let footer = footer(text);
    for key in keys {
        let named = footer.split([' ', '·']).any(|word| word == *key);
        assert!(named, "{place}: the footer lacks {key}: {footer:?}");
    }
}

#[test]
fn the_list_shows_search_list_chips_and_query_at_every_size() {
    for (width, height) in SIZES {
        for (lang, name) in LANGS {
            let app = with_selection(lang, width, height);
            let text = screen_text(&draw(&app));
            let place = format!("{width}x{height} {name}");
            assert!(text.contains("> lead"), "{place}: the search\n{text}");
            assert!(text.contains("lead_added"), "{place}: the list\n{text}");
            assert!(text.contains("[lead_status_changed ×]"), "{place}: the chips\n{text}");
            let all_chips = text.contains("[entity_responsible_changed ×]");
            assert!(
                all_chips || text.contains("+1 ") || text.contains("+2 "),
                "{place}: the chips left out are counted\n{text}"
            );
            assert!(text.contains("filter[type]=lead_status_changed"), "{place}: the query\n{text}");
            assert_keys(&text, &LIST_ESSENTIALS, &place);
            insta::assert_snapshot!(format!("list_{width}x{height}_{name}"), text);
        }
    }
}

#[test]
fn the_composer_at_every_size() {
    for (width, height) in SIZES {
        for (lang, name) in LANGS {
            let mut app = with_selection(lang, width, height);
            ctrl(&mut app, 'o');
            key(&mut app, KeyCode::Down);
            key(&mut app, KeyCode::Down);
            key(&mut app, KeyCode::Down);
            key(&mut app, KeyCode::Down);
            type_text(&mut app, "last week");
            let text = screen_text(&draw(&app));
            let place = format!("{width}x{height} {name}");
            assert!(text.contains("2026-11-23"), "{place}: the date in words, resolved\n{text}");
            assert!(text.contains("filter[type]=lead_status_changed"), "{place}: the live query\n{text}");
            if height >= 24 {
                assert!(text.contains("filter[created_at]="), "{place}: the whole query\n{text}");
            }
            assert_keys(&text, &COMPOSER_ESSENTIALS, &place);
            insta::assert_snapshot!(format!("composer_{width}x{height}_{name}"), text);
        }
    }
}

#[test]
fn the_results_at_every_size() {
    for (width, height) in SIZES {
        for (lang, name) in LANGS {
            let mut app = with_selection(lang, width, height);
            ctrl(&mut app, 'x');
            let mut named = event(
                "ev900",
                "lead_status_changed",
                1_796_225_000,
                json!([{"lead_status": {"id": 1001, "pipeline_id": 100}}]),
                json!([{"lead_status": {"id": 142, "pipeline_id": 100}}]),
            );
            named["entity_id"] = json!(21045017);
            named["_embedded"]["entity"] =
                json!({"id": 21045017, "name": "Blue Harbor renewal, north region"});
            let events =
                vec![named, responsible_change("ev901", 1_796_224_000), stage_change("ev902", 1_796_223_000)];
            let page = Page { number: 1, events, next: None };
            update(&mut app, Action::Fetched { generation: 1, update: FetchUpdate::Page(page) });
            let text = screen_text(&draw(&app));
            let place = format!("{width}x{height} {name}");
            assert!(text.contains("lead 21045017"), "{place}: the id is never cut\n{text}");
            if width >= 80 {
                assert!(text.contains("→ Won"), "{place}: where the stage went\n{text}");
            } else {
                assert!(text.contains("→ W"), "{place}: the change's end before its start\n{text}");
            }
            insta::assert_snapshot!(format!("results_{width}x{height}_{name}"), text);
        }
    }
}

#[test]
fn the_help_at_every_size() {
    for (width, height) in SIZES {
        for (lang, name) in LANGS {
            let mut app = with_selection(lang, width, height);
            key(&mut app, KeyCode::F(1));
            let text = screen_text(&draw(&app));
            let place = format!("{width}x{height} {name}");
            let whole = !text.contains("↓");
            assert!(text.contains("F9") || !whole, "{place}: the help lists F9 or says more follows\n{text}");
            assert!(footer(&text).contains("Esc"), "{place}: how to close it\n{text}");
            insta::assert_snapshot!(format!("help_{width}x{height}_{name}"), text);
        }
    }
}
