//! Every parser of untrusted input never panics and always ends in a value or a clear error:
//! the server's headers and JSON (events, the account's names), catalogs, configs, state files,
//! and what a user types or pastes. And whatever it is given, what comes out for a terminal
//! holds nothing a terminal acts on.
//!
//! Cases: proptest's default of 256 per property, or `PROPTEST_CASES`; failures are not persisted.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use kommo_events::account::{Account, Part};
use kommo_events::api::{parse_retry_after, Cursor};
use kommo_events::catalog::Catalog;
use kommo_events::events::{csv_row, describe, event_line, json_line, Names};
use kommo_events::filter::date::Zone;
use kommo_events::i18n::Lang;
use kommo_events::state::Store;
use kommo_events::text::{json_safe, printable, printable_lines, snippet};
use kommo_events::tui::action::Action;
use kommo_events::tui::input::Edit;
use kommo_events::tui::update::update;
use proptest::prelude::*;
use serde_json::Value;

fn config() -> ProptestConfig {
    ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
}

fn acts_on_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

/// Text that leans on what breaks terminals: escapes, C1, bidi controls, line breaks, and
/// everything else.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}".to_owned()),
        Just("\u{1b}[".to_owned()),
        Just("\u{1b}]0;".to_owned()),
        Just("\u{9b}".to_owned()),
        Just("\u{9d}".to_owned()),
        Just("\u{9c}".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\r\n".to_owned()),
        "[a-z ;0-9\\[\\]]{0,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// Any JSON value, a few levels deep, with hostile strings.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN", |f| f.is_finite()).prop_map(Value::from),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_owned()),
                    Just("id".to_owned()),
                    Just("created_at".to_owned()),
                    Just("created_by".to_owned()),
                    Just("value_after".to_owned()),
                    Just("value_before".to_owned()),
                    Just("lead_status".to_owned()),
                    Just("tag".to_owned()),
                    Just("name".to_owned()),
                    Just("custom_field_value".to_owned()),
                    Just("_embedded".to_owned()),
                    Just("entity".to_owned()),
                    "[a-z_]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// An event as a hostile server might send it: the documented keys with any values.
fn event() -> impl Strategy<Value = Value> {
    (json_value(), json_value(), json_value(), json_value(), json_value()).prop_map(
        |(kind, at, before, after, embedded)| {
            serde_json::json!({
                "id": "E", "type": kind, "created_at": at, "created_by": 11,
                "value_before": before, "value_after": after, "_embedded": embedded,
            })
        },
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn printable_text_holds_no_control_and_is_stable(text in hostile_text()) {
        let once = printable(&text);
        prop_assert!(!acts_on_a_terminal(&once), "{once:?}");
        prop_assert_eq!(printable(&once), once.clone());
        let lines = printable_lines(&text);
        prop_assert!(!lines.chars().any(|c| c != '\n' && c != '\t' && acts_on_a_terminal(&c.to_string())));
        let short = snippet(&text, 20);
        prop_assert!(short.chars().count() <= 20 && !acts_on_a_terminal(&short));
    }

    #[test]
    fn json_made_safe_parses_back_to_the_same_value(value in json_value()) {
        let safe = json_safe(value.to_string());
        prop_assert!(!acts_on_a_terminal(&safe), "{safe:?}");
        // Compared with the plain text parsed back: serde_json reads some floats a last digit off
        // whatever the escapes, which is not what is tested here.
        let back: Value = serde_json::from_str(&safe).unwrap();
        let plain: Value = serde_json::from_str(&value.to_string()).unwrap();
        prop_assert_eq!(back, plain);
    }

    #[test]
    fn any_retry_after_header_is_a_bounded_wait_or_none(header in any::<String>(), number in any::<f64>()) {
        for value in [header, number.to_string(), format!("{number:e}")] {
            if let Some(wait) = parse_retry_after(&value) {
                prop_assert!(wait.as_secs() <= 366 * 24 * 3600);
            }
        }
    }

    #[test]
    fn any_event_is_described_and_printed_without_a_panic_or_a_control(event in event()) {
        let account = Account::default();
        for lang in [Lang::En, Lang::Es] {
            let catalog = Catalog::builtin();
            let described = describe(&event, &Names { account: &account, catalog: &catalog }, lang, Zone::Fixed(0));
            prop_assert!(!acts_on_a_terminal(&described.by));
            prop_assert!(!described.change.as_deref().is_some_and(acts_on_a_terminal));
            let line = event_line(&event, &account, &catalog, lang, Zone::Fixed(0)).readable();
            prop_assert!(!acts_on_a_terminal(&line), "{line:?}");
            let json = json_line(&event, &described);
            prop_assert!(!acts_on_a_terminal(&json));
            prop_assert!(serde_json::from_str::<Value>(&json).is_ok());
            // CSV keeps line breaks inside quoted cells, nothing else.
            let row = csv_row(&event, &described);
            prop_assert!(!row.chars().any(|c| c != '\n' && c != '\t' && acts_on_a_terminal(&c.to_string())));
        }
    }

    #[test]
    fn any_events_move_a_tail_cursor_without_a_panic(events in prop::collection::vec(event(), 0..8), start in any::<i64>()) {
        let mut cursor = Cursor::starting_at(start);
        let _ = cursor.take_new(events.clone());
        let _ = cursor.take_new(events);
        prop_assert!(cursor.query_from() >= 0);
    }

    #[test]
    fn any_account_answer_is_read_or_refused_and_its_names_are_printable(
        items in prop::collection::vec(json_value(), 0..6),
        names in prop::collection::vec(hostile_text(), 1..4),
    ) {
        let named: Vec<Value> = names
            .iter()
            .enumerate()
            .map(|(id, name)| serde_json::json!({"id": id, "name": name, "key": format!("t{id}"), "lang": name}))
            .collect();
        for part in [Part::EventTypes, Part::Users, Part::Pipelines, Part::LeadFields, Part::Catalogs] {
            let mut answer = BTreeMap::new();
            answer.insert(part, items.clone());
            let _ = Account::from_items(&answer);
            let mut answer = BTreeMap::new();
            answer.insert(part, named.clone());
            if let Ok(account) = Account::from_items(&answer) {
                let shown = format!(
                    "{:?}{:?}{:?}",
                    account.users().iter().map(|u| &u.name).collect::<Vec<_>>(),
                    account.event_types().iter().map(|t| &t.label).collect::<Vec<_>>(),
                    account.catalogs().iter().map(|c| &c.name).collect::<Vec<_>>(),
                );
                let raw_names: Vec<&String> = account.users().iter().map(|u| &u.name).collect();
                prop_assert!(raw_names.iter().all(|name| !acts_on_a_terminal(name)), "{shown}");
            }
        }
    }

    #[test]
    fn any_catalog_text_loads_or_gives_a_short_error(text in hostile_text(), value in json_value()) {
        for input in [text, value.to_string(), serde_json::json!({"version": 1, "events": [value]}).to_string()] {
            if let Err(error) = Catalog::from_json(&input, "x.json") {
                let message = error.to_string();
                prop_assert!(message.starts_with("x.json"), "{message}");
                prop_assert!(message.chars().count() < 700, "{message}");
                prop_assert!(!acts_on_a_terminal(&message), "{message:?}");
            }
        }
    }

    #[test]
    fn any_config_text_parses_or_gives_a_short_error(text in hostile_text(), key in "[a-z_]{1,12}", value in hostile_text()) {
        let path = Path::new("config.toml");
        for input in [text, format!("{key} = {value:?}\n"), format!("lang = {value:?}\n")] {
            if let Err(error) = kommo_events::config::parse(&input, path) {
                let message = error.to_string();
                prop_assert!(message.starts_with("config.toml"), "{message}");
                prop_assert!(message.chars().count() < 700, "{message}");
            }
        }
    }

    #[test]
    fn any_state_file_is_read_or_refused(session in prop::collection::vec(any::<u8>(), 0..300), history in json_value()) {
        let dir = std::env::temp_dir().join(format!("kommo-prop-state-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("session.json"), &session).unwrap();
        std::fs::write(dir.join("history.json"), history.to_string()).unwrap();
        let store = Store::new(&dir);
        let _ = store.load_session();
        let _ = store.load_history();
    }

    #[test]
    fn any_typing_and_pasting_keeps_the_screen_drawable(
        pieces in prop::collection::vec(hostile_text(), 0..6),
        width in 20u16..200,
        height in 8u16..50,
    ) {
        let mut app = common::app(Lang::En, width, height);
        for piece in &pieces {
            update(&mut app, Action::Edit(Edit::Paste(piece.clone())));
            update(&mut app, Action::Edit(Edit::Left));
        }
        let screen = common::screen_text(&common::draw(&app));
        prop_assert!(!acts_on_a_terminal(&screen.replace('\n', "")), "{screen:?}");
    }
}
