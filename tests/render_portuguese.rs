//! The screen in Portuguese: every main state (the list, a search in Portuguese words, the
//! details, the composer with a date in Portuguese words and with an error, the results, the
//! event's JSON, following, the help, a picker, the load prompt, the recent queries, the field id
//! prompt, a screen too small) drawn on `TestBackend` at 80x24 and 120x36 and kept as snapshots.
//! Beside each snapshot: the screen differs from the English one, and shows none of the English
//! interface's own words.

mod common;
mod support;

use std::collections::BTreeMap;

use common::{app_started, ctrl, draw, key, screen_text, select, type_text};
use crossterm::event::KeyCode;
use kommo_events::account::{Account, Part};
use kommo_events::api::{FetchUpdate, Page, TailUpdate};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Start};
use kommo_events::tui::update::update;
use support::kommo::{pipelines, responsible_change, stage_change, users};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 36)];

/// Words of the English interface that a Portuguese screen must not show (the account's names,
/// codes and query keys are the same in every language, and none of these is one of them).
const ENGLISH_WORDS: [&str; 16] = [
    "Search",
    "Event types",
    "Details",
    "Filter ",
    "Query",
    "Keys",
    "quit",
    "copy",
    "help",
    "Following",
    "Events ",
    "select",
    "Stage:",
    "Responsible:",
    "type to",
    " Recent ",
];

fn account() -> Account {
    let mut items = BTreeMap::new();
    items.insert(Part::Users, users());
    items.insert(Part::Pipelines, pipelines());
    Account::from_items(&items).expect("names")
}

fn started(lang: Lang, width: u16, height: u16) -> App {
    // Wednesday 2026-12-02 15:30:00 UTC.
    let start =
        Start { run_blocked: None, account: account(), wall_clock: 1_796_225_400, ..Start::default() };
    app_started(start, lang, width, height)
}

fn with_selection(lang: Lang, width: u16, height: u16) -> App {
    let mut app = started(lang, width, height);
    select(&mut app, "lead_status_changed");
    select(&mut app, "entity_responsible_changed");
    ctrl(&mut app, 'u');
    app
}

fn fetched(app: &mut App) {
    ctrl(app, 'x');
    let events = vec![stage_change("ev902", 1_796_223_000), responsible_change("ev901", 1_796_224_000)];
    let page = Page { number: 1, events, next: None };
    update(app, Action::Fetched { generation: 1, update: FetchUpdate::Page(page) });
}

/// Each main state: its name, how to reach it from the list with two types selected, and a text
/// only its Portuguese screen shows.
type State = (&'static str, fn(&mut App), &'static str);

const STATES: [State; 13] = [
    ("list", |_| {}, "Tipos de evento"),
    ("search_in_portuguese", |app| type_text(app, "mudança etapa"), "Mudança da etapa do lead"),
    (
        "details",
        |app| {
            type_text(app, "lead_added");
            key(app, KeyCode::F(9));
        },
        "Português",
    ),
    (
        "composer_date_in_words",
        |app| {
            ctrl(app, 'o');
            for _ in 0..4 {
                key(app, KeyCode::Down);
            }
            type_text(app, "semana passada");
        },
        "2026-11-23",
    ),
    (
        "composer_error",
        |app| {
            ctrl(app, 'o');
            key(app, KeyCode::Down);
            type_text(app, "leed");
        },
        "não é uma entidade",
    ),
    ("results", fetched, "Etapa: Negotiation → Won"),
    (
        "event_json",
        |app| {
            fetched(app);
            key(app, KeyCode::Enter);
        },
        "Evento (JSON)",
    ),
    ("help", |app| drop(key(app, KeyCode::F(1))), "Teclas"),
    (
        "picker_users",
        |app| {
            ctrl(app, 'o');
            for _ in 0..3 {
                key(app, KeyCode::Down);
            }
            key(app, KeyCode::F(3));
        },
        "Usuários",
    ),
    (
        "load_prompt",
        |app| drop(update(app, Action::Pasted(Ok("filter[type]=lead_added&foo=1".to_string())))),
        "Carregar uma consulta",
    ),
    ("recent_empty", |app| drop(ctrl(app, 'r')), "Ainda não há sessão salva"),
    (
        "field_id_prompt",
        |app| {
            type_text(app, "'{FIELD_ID}");
            key(app, KeyCode::Tab);
            type_text(app, "12x");
            key(app, KeyCode::Enter);
        },
        "Só dígitos",
    ),
    (
        "too_small",
        |app| drop(update(app, Action::Resize { width: 40, height: 6 })),
        "Terminal pequeno demais",
    ),
];

/// The pane `tail` opens, after one poll.
fn following(lang: Lang, width: u16, height: u16) -> App {
    let start =
        Start { account: account(), following: Some(std::time::Duration::from_secs(10)), ..Start::default() };
    let mut app = app_started(start, lang, width, height);
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Polling });
    let events = vec![stage_change("a", 1_796_225_000)];
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Events(events) });
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Polled { at: 1_796_225_100 } });
    app
}

fn assert_portuguese(place: &str, portuguese: &str, english: &str, expected: &str) {
    assert!(portuguese.contains(expected), "{place}: {expected:?} is missing\n{portuguese}");
    assert_ne!(portuguese, english, "{place}: the same as in English");
    for word in ENGLISH_WORDS {
        assert!(!portuguese.contains(word), "{place}: English {word:?} on the screen\n{portuguese}");
    }
}

#[test]
fn every_main_state_speaks_portuguese() {
    for (width, height) in SIZES {
        for (name, reach, expected) in STATES {
            let place = format!("{name} {width}x{height}");
            let screen = |lang: Lang| {
                let mut app = with_selection(lang, width, height);
                reach(&mut app);
                screen_text(&draw(&app))
            };
            let portuguese = screen(Lang::Pt);
            assert_portuguese(&place, &portuguese, &screen(Lang::En), expected);
            insta::assert_snapshot!(format!("{name}_{width}x{height}_pt"), portuguese);
        }
    }
}

#[test]
fn following_speaks_portuguese() {
    for (width, height) in SIZES {
        let place = format!("following {width}x{height}");
        let portuguese = screen_text(&draw(&following(Lang::Pt, width, height)));
        let english = screen_text(&draw(&following(Lang::En, width, height)));
        assert_portuguese(&place, &portuguese, &english, "Acompanhando · 1 evento · a cada 10 s");
        insta::assert_snapshot!(format!("following_{width}x{height}_pt"), portuguese);
    }
}
