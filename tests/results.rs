//! Running the composed filter from the screen: Ctrl-X, the pages arriving as actions, the
//! results pane, lazy paging, the JSON view, errors. Driven through `update` and drawn on
//! `TestBackend`, with pages built from the fake account's events (tests/support).

mod common;
mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use common::{app, app_started, ctrl, draw, key, screen_text, screen_with_styles, select, type_text};
use crossterm::event::{KeyCode, KeyModifiers};
use kommo_events::account::{Account, Part};
use kommo_events::api::{ApiError, FetchSummary, FetchUpdate, Page, TailUpdate};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Start};
use kommo_events::tui::update::{update, Effect};
use serde_json::{json, Value};
use support::kommo::{event, pipelines, responsible_change, stage_change, users};

/// A connected screen with `lead_status_changed` selected.
fn connected(lang: Lang, width: u16, height: u16) -> App {
    connected_with(Start { run_blocked: None, ..Start::default() }, lang, width, height)
}

/// A connected screen that knows the account's names, with `lead_status_changed` selected.
fn connected_with_names(lang: Lang, width: u16, height: u16) -> App {
    connected_with(Start { run_blocked: None, account: names(), ..Start::default() }, lang, width, height)
}

fn connected_with(start: Start, lang: Lang, width: u16, height: u16) -> App {
    let mut app = app_started(start, lang, width, height);
    select(&mut app, "lead_status_changed");
    app
}

fn names() -> Account {
    let mut items = BTreeMap::new();
    items.insert(Part::Users, users());
    items.insert(Part::Pipelines, pipelines());
    Account::from_items(&items).expect("names")
}

fn page(number: u32, events: Vec<Value>, next: Option<&str>) -> Action {
    Action::Fetched {
        generation: 1,
        update: FetchUpdate::Page(Page { number, events, next: next.map(str::to_owned) }),
    }
}

fn finished(pages: u32) -> Action {
    Action::Fetched {
        generation: 1,
        update: FetchUpdate::Finished(FetchSummary {
            pages,
            events: 0,
            more: false,
            range_switched_to: None,
        }),
    }
}

/// `count` stage changes, newest first, one second apart from `newest`.
fn stage_changes(count: usize, newest: i64) -> Vec<Value> {
    (0..count).map(|i| stage_change(&format!("ev{i:03}"), newest - i as i64)).collect()
}

fn run(app: &mut App) -> Option<Effect> {
    ctrl(app, 'x')
}

#[test]
fn ctrl_x_without_an_account_says_what_to_set() {
    let mut app = app(Lang::En, 120, 30);
    assert_eq!(run(&mut app), None);
    let toast = app.toast().expect("a toast").text.clone();
    for needed in ["KOMMO_SUBDOMAIN", "--base-url", "KOMMO_TOKEN", "--token-file"] {
        assert!(toast.contains(needed), "{needed} missing from {toast:?}");
    }
    assert!(app.results().run.is_none());
    let mut app =
        app_started(Start { run_blocked: Some(ApiError::NoToken), ..Start::default() }, Lang::En, 120, 30);
    run(&mut app);
    assert!(app.toast().unwrap().text.contains("no token"));
}

#[test]
fn ctrl_x_asks_for_the_first_page_of_the_composed_filter() {
    let mut app = connected(Lang::En, 120, 30);
    let effect = run(&mut app);
    assert_eq!(
        effect,
        Some(Effect::Fetch {
            generation: 1,
            path: "/api/v4/events?filter%5Btype%5D=lead_status_changed".into()
        })
    );
    let run = app.results().run.as_ref().expect("a run");
    assert_eq!(run.loading, Some(1));
    let text = screen_text(&draw(&app));
    assert!(text.contains("loading page 1…"), "{text}");
}

#[test]
fn f6_runs_from_the_composer_too() {
    let mut app = connected(Lang::En, 120, 30);
    ctrl(&mut app, 'o');
    assert!(matches!(key(&mut app, KeyCode::F(6)), Some(Effect::Fetch { .. })));
}

#[test]
fn a_broken_filter_is_not_sent() {
    let mut app = connected(Lang::En, 120, 30);
    common::fill(&mut app, kommo_events::tui::composer::DraftField::EntityId, "7001");
    assert_eq!(run(&mut app), None);
    assert!(app.results().run.is_none());
    assert!(app.toast().unwrap().text.starts_with("Fix the filter first:"));
}

#[test]
fn results_show_time_type_entity_who_and_the_change_in_words() {
    let mut app = connected_with_names(Lang::En, 120, 16);
    run(&mut app);
    let mut named = stage_change("ev1", 1_767_225_605);
    named["_embedded"]["entity"]["name"] = json!("Big deal");
    let robot = {
        let mut e = responsible_change("ev2", 1_767_225_600);
        e["created_by"] = json!(0);
        e
    };
    let unknown = event("ev3", "lead_added", 1_767_225_000, json!(null), json!(null));
    update(&mut app, page(1, vec![named, robot, unknown], None));
    update(&mut app, finished(1));
    let text = screen_text(&draw(&app));
    assert!(text.contains("Stage: Negotiation → Won (Sales)"), "{text}");
    assert!(text.contains("robot"));
    assert!(text.contains("Responsible: Ana → Luis"));
    insta::assert_snapshot!("results_page", text);
}

#[test]
fn a_204_says_no_events_match() {
    let mut app = connected(Lang::Es, 100, 16);
    run(&mut app);
    update(&mut app, finished(0));
    let text = screen_text(&draw(&app));
    assert!(text.contains("Ningún evento coincide"), "{text}");
    insta::assert_snapshot!("results_none_es", text);
}

#[test]
fn the_next_page_is_asked_for_only_near_the_end_and_one_at_a_time() {
    let mut app = connected(Lang::En, 120, 20);
    run(&mut app);
    let next = "/api/v4/events?filter%5Btype%5D=lead_status_changed&page=2";
    assert_eq!(update(&mut app, page(1, stage_changes(50, 1_767_225_600), Some(next))), None);
    assert_eq!(update(&mut app, finished(1)), None);
    // Far from the end: nothing is fetched.
    assert_eq!(key(&mut app, KeyCode::Down), None);
    assert_eq!(key(&mut app, KeyCode::PageDown), None);
    // End goes to the last event that arrived, which asks for page 2.
    assert_eq!(key(&mut app, KeyCode::End), Some(Effect::Fetch { generation: 1, path: next.into() }));
    assert_eq!(app.results().run.as_ref().unwrap().loading, Some(2));
    // While it loads, moving asks for nothing more.
    assert_eq!(key(&mut app, KeyCode::Up), None);
    assert!(screen_text(&draw(&app)).contains("loading page 2…"));
    update(&mut app, page(1, stage_changes(10, 1_767_225_000), None));
    update(&mut app, finished(1));
    let run = app.results().run.as_ref().unwrap();
    assert_eq!((run.events.len(), run.pages, run.next.clone()), (60, 2, None));
    assert_eq!(key(&mut app, KeyCode::End), None);
    assert_eq!(app.results().run.as_ref().unwrap().cursor, 59);
}

#[test]
fn answers_of_an_older_run_are_dropped() {
    let mut app = connected(Lang::En, 120, 20);
    run(&mut app);
    key(&mut app, KeyCode::Esc);
    assert!(matches!(run(&mut app), Some(Effect::Fetch { generation: 2, .. })));
    update(&mut app, page(1, stage_changes(3, 1_767_225_600), None));
    assert!(app.results().run.as_ref().unwrap().events.is_empty());
}

#[test]
fn a_failure_lands_in_the_status_line_with_the_reason() {
    let mut app = connected(Lang::En, 120, 20);
    run(&mut app);
    update(
        &mut app,
        Action::Fetched {
            generation: 1,
            update: FetchUpdate::Failed(ApiError::Unauthorized { detail: None }),
        },
    );
    let run = app.results().run.as_ref().unwrap();
    assert_eq!(run.loading, None);
    let error = run.error.clone().unwrap();
    assert!(error.starts_with("The query failed:"), "{error}");
    assert!(screen_text(&draw(&app)).contains("The query failed:"));
}

#[test]
fn enter_shows_the_json_ctrl_y_copies_it_and_esc_goes_back_twice() {
    let mut app = connected(Lang::En, 100, 24);
    run(&mut app);
    update(&mut app, page(1, stage_changes(3, 1_767_225_600), None));
    update(&mut app, finished(1));
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Enter), None);
    let text = screen_text(&draw(&app));
    assert!(text.contains("/api/v4/events/ev001"), "{text}");
    key(&mut app, KeyCode::End);
    let end = screen_text(&draw(&app));
    assert!(end.contains("\"value_before\": [") && end.contains("│ }"), "{end}");
    key(&mut app, KeyCode::Home);
    insta::assert_snapshot!("results_json", text);
    match ctrl(&mut app, 'y') {
        Some(Effect::Copy(json)) => {
            let parsed: Value = serde_json::from_str(&json).expect("JSON");
            assert_eq!(parsed["id"], "ev001");
        }
        other => panic!("expected a copy, got {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.results().run.as_ref().is_some_and(|run| run.json.is_none()));
    assert_eq!(key(&mut app, KeyCode::Esc), Some(Effect::StopFetch));
    assert!(app.results().run.is_none());
    assert!(screen_text(&draw(&app)).contains("Event types"));
}

#[test]
fn ctrl_c_still_quits_from_the_results() {
    let mut app = connected(Lang::En, 100, 24);
    run(&mut app);
    let effect = common::press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effect, Some(Effect::Quit));
}

#[test]
fn the_footer_and_help_list_the_run_key() {
    let mut app = app(Lang::En, 160, 50);
    assert!(screen_text(&draw(&app)).contains("C-x run"));
    key(&mut app, KeyCode::F(1));
    let help = screen_text(&draw(&app));
    assert!(help.contains("run the query and browse the events it finds"), "{help}");
    assert!(help.contains("show the highlighted event's JSON"));
}

/// `count` events, newest first: stage changes at even positions, responsible changes at odd.
fn mixed_events(count: usize, newest: i64) -> Vec<Value> {
    (0..count)
        .map(|i| {
            let (id, at) = (format!("ev{i:03}"), newest - i as i64);
            if i % 2 == 0 {
                stage_change(&id, at)
            } else {
                responsible_change(&id, at)
            }
        })
        .collect()
}

/// A run whose first page (`count` mixed events) arrived, with a second page to come when `more`.
fn browsing(count: usize, more: bool, height: u16) -> App {
    let mut app = connected_with_names(Lang::En, 120, height);
    run(&mut app);
    let next = more.then_some("/api/v4/events?page=2");
    update(&mut app, page(1, mixed_events(count, 1_767_225_600), next));
    update(&mut app, finished(1));
    app
}

fn highlighted_id(app: &App) -> Option<String> {
    let run = app.results().run.as_ref()?;
    run.events[run.highlighted()?]["id"].as_str().map(str::to_owned)
}

#[test]
fn typing_filters_the_loaded_events_by_their_words_and_type_code() {
    let mut app = browsing(6, false, 16);
    type_text(&mut app, "luis");
    let run = app.results().run.as_ref().unwrap();
    assert_eq!(run.shown(), &[1, 3, 5]);
    let text = screen_with_styles(&draw(&app));
    assert!(text.contains("> luis") && text.contains("3 of 6"), "{text}");
    assert!(!text.contains("Stage:"), "{text}");
    insta::assert_snapshot!("results_filtered", text);
    // The code is matched too, though the line shows the label.
    ctrl(&mut app, 'u');
    type_text(&mut app, "lead_status");
    assert_eq!(app.results().run.as_ref().unwrap().shown(), &[0, 2, 4]);
    // And the search's syntax: exact words, negation, either.
    ctrl(&mut app, 'u');
    type_text(&mut app, "!won");
    assert_eq!(app.results().run.as_ref().unwrap().shown(), &[1, 3, 5]);
    ctrl(&mut app, 'u');
    type_text(&mut app, "'won | 'luis");
    assert_eq!(app.results().run.as_ref().unwrap().shown().len(), 6);
}

#[test]
fn the_highlighted_event_stays_highlighted_while_the_filter_changes() {
    let mut app = browsing(10, false, 16);
    for _ in 0..4 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev004"));
    type_text(&mut app, "'won");
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev004"), "still matches: still highlighted");
    assert_eq!(app.results().run.as_ref().unwrap().cursor, 2);
    key(&mut app, KeyCode::Down);
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev006"), "moving steps over the hidden events");
    ctrl(&mut app, 'w');
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev006"), "widening keeps it too");
    type_text(&mut app, "'luis");
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev007"), "hidden: the next older match");
}

#[test]
fn enter_and_ctrl_y_act_on_the_filtered_view() {
    let mut app = browsing(6, false, 24);
    type_text(&mut app, "luis");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&draw(&app)).contains("/api/v4/events/ev003"));
    match ctrl(&mut app, 'y') {
        Some(Effect::Copy(json)) => assert!(json.contains("\"id\": \"ev003\""), "{json}"),
        other => panic!("expected a copy, got {other:?}"),
    }
    // q leaves the JSON (nothing to type there), and the filter is still set.
    key(&mut app, KeyCode::Char('q'));
    assert_eq!(app.results().run.as_ref().unwrap().filter.text(), "luis");
}

#[test]
fn q_is_typed_and_esc_clears_the_filter_before_closing_the_pane() {
    let mut app = browsing(6, false, 16);
    assert_eq!(key(&mut app, KeyCode::Char('q')), None);
    assert!(app.results().run.is_some(), "q no longer closes the pane");
    assert_eq!(app.results().run.as_ref().unwrap().filter.text(), "q");
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "luis");
    key(&mut app, KeyCode::Down);
    assert_eq!(key(&mut app, KeyCode::Esc), None);
    let run = app.results().run.as_ref().expect("the first Esc only clears the filter");
    assert_eq!((run.filter.text(), run.shown().len()), ("", 6));
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev003"));
    assert_eq!(key(&mut app, KeyCode::Esc), Some(Effect::StopFetch));
    assert!(app.results().run.is_none());
}

#[test]
fn a_page_arriving_under_a_filter_is_filtered_as_it_arrives() {
    let mut app = browsing(50, true, 20);
    type_text(&mut app, "luis");
    assert_eq!(app.results().run.as_ref().unwrap().shown().len(), 25);
    assert_eq!(
        key(&mut app, KeyCode::End),
        Some(Effect::Fetch { generation: 1, path: "/api/v4/events?page=2".into() })
    );
    // The second page: ten more events, five of them responsible changes.
    let effect = update(&mut app, page(2, mixed_events(10, 1_767_225_000), Some("/api/v4/events?page=3")));
    assert_eq!(effect, None, "under a filter, a page arriving asks for no other");
    let run = app.results().run.as_ref().unwrap();
    assert_eq!((run.events.len(), run.shown().len()), (60, 30));
    assert!(run.shown()[25..].iter().all(|&event| run.lines[event as usize].change.contains("Luis")));
    assert_eq!(highlighted_id(&app).as_deref(), Some("ev049"), "the highlight did not move");
    assert!(screen_text(&draw(&app)).contains("30 of 60"));
    update(&mut app, finished(1));
    // Moving down near the end of the filtered view asks for the next page.
    assert!(matches!(key(&mut app, KeyCode::Down), Some(Effect::Fetch { .. })));
}

#[test]
fn a_filter_matching_nothing_says_so_and_scrolling_loads_more() {
    let mut app = browsing(8, true, 16);
    type_text(&mut app, "zzz");
    let text = screen_text(&draw(&app));
    assert!(
        text.contains("No loaded event matches «zzz»; 8 loaded, more pages load as you scroll down."),
        "{text}"
    );
    insta::assert_snapshot!("results_filter_matches_nothing", text);
    assert!(matches!(key(&mut app, KeyCode::Down), Some(Effect::Fetch { .. })));
    update(&mut app, page(2, mixed_events(4, 1_767_225_000), None));
    update(&mut app, finished(2));
    let text = screen_text(&draw(&app));
    assert!(text.contains("No event matches «zzz» (12 loaded, no more pages)."), "{text}");
    assert_eq!(key(&mut app, KeyCode::Enter), None);
    assert!(app.results().run.as_ref().unwrap().json.is_none(), "no event to show");
}

#[test]
fn the_filter_line_speaks_spanish() {
    let mut app = connected_with_names(Lang::Es, 100, 12);
    run(&mut app);
    update(&mut app, page(1, mixed_events(4, 1_767_225_600), Some("/api/v4/events?page=2")));
    update(&mut app, finished(1));
    let text = screen_text(&draw(&app));
    assert!(text.contains("escribe para filtrar los eventos cargados") && text.contains("4 de 4"), "{text}");
    type_text(&mut app, "zzz");
    let text = screen_text(&draw(&app));
    assert!(text.contains("Ningún evento cargado coincide con «zzz»; 4 cargados"), "{text}");
    insta::assert_snapshot!("results_filter_matches_nothing_es", text);
}

// `kommo-events tail` on a terminal: the same pane, following new events.

/// The pane `tail` opens, following every 10 s, with the account's names; nothing polled yet.
fn following(lang: Lang, height: u16) -> App {
    let start = Start { account: names(), following: Some(Duration::from_secs(10)), ..Start::default() };
    app_started(start, lang, 120, height)
}

/// One poll that found `events` (oldest first, as the tail hands them over), ending at `at`.
fn poll(app: &mut App, events: Vec<Value>, at: i64) {
    update(app, Action::Followed { generation: 0, update: TailUpdate::Polling });
    if !events.is_empty() {
        update(app, Action::Followed { generation: 0, update: TailUpdate::Events(events) });
    }
    update(app, Action::Followed { generation: 0, update: TailUpdate::Polled { at } });
}

/// The ids on screen, top to bottom.
fn shown_ids(app: &App) -> Vec<String> {
    let run = app.results().run.as_ref().unwrap();
    run.shown_in_order().map(|event| run.events[event]["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn following_puts_each_polls_events_on_top_and_keeps_the_highlighted_event() {
    let mut app = following(Lang::En, 20);
    let waiting = screen_text(&draw(&app));
    assert!(waiting.contains("Following · 0 events · every 10 s"), "{waiting}");
    assert!(waiting.contains("No new events yet"), "{waiting}");
    poll(
        &mut app,
        vec![stage_change("a", 1_767_225_600), responsible_change("b", 1_767_225_601)],
        1_767_225_602,
    );
    assert_eq!(shown_ids(&app), ["b", "a"]);
    assert_eq!(highlighted_id(&app).as_deref(), Some("b"), "the newest is highlighted at first");
    key(&mut app, KeyCode::Down);
    assert_eq!(highlighted_id(&app).as_deref(), Some("a"));

    poll(
        &mut app,
        vec![stage_change("c", 1_767_225_603), responsible_change("d", 1_767_225_604)],
        1_767_225_605,
    );
    assert_eq!(shown_ids(&app), ["d", "c", "b", "a"]);
    assert_eq!(highlighted_id(&app).as_deref(), Some("a"), "the same event stays highlighted");
    let run = app.results().run.as_ref().unwrap();
    assert_eq!((run.cursor, run.scroll), (3, 0), "at the top of the view, the new events show above it");
    let text = screen_text(&draw(&app));
    assert!(text.contains("Following · 4 events · every 10 s"), "{text}");
    assert!(text.contains("last poll 00:00:05 · next 00:00:15"), "{text}");
    assert!(text.contains("Esc quit") && !text.contains("C-x"), "{text}");
    insta::assert_snapshot!("following", text);
}

#[test]
fn following_keeps_the_view_still_when_scrolled_down() {
    let mut app = following(Lang::En, 12);
    let oldest_first: Vec<Value> = mixed_events(20, 1_767_225_600).into_iter().rev().collect();
    poll(&mut app, oldest_first, 1_767_225_601);
    for _ in 0..12 {
        key(&mut app, KeyCode::Down);
    }
    let (cursor, scroll) = app.results().run.as_ref().map(|run| (run.cursor, run.scroll)).unwrap();
    assert!(scroll > 0);
    let before = highlighted_id(&app);
    poll(
        &mut app,
        vec![stage_change("new1", 1_767_225_602), stage_change("new2", 1_767_225_603)],
        1_767_225_604,
    );
    let run = app.results().run.as_ref().unwrap();
    assert_eq!((run.cursor, run.scroll), (cursor + 2, scroll + 2), "the same rows stay on screen");
    assert_eq!(highlighted_id(&app), before);
}

#[test]
fn following_filters_new_events_as_they_arrive() {
    let mut app = following(Lang::En, 20);
    poll(
        &mut app,
        vec![stage_change("a", 1_767_225_600), responsible_change("b", 1_767_225_601)],
        1_767_225_602,
    );
    type_text(&mut app, "luis");
    assert_eq!(shown_ids(&app), ["b"]);
    poll(
        &mut app,
        vec![responsible_change("c", 1_767_225_603), stage_change("d", 1_767_225_604)],
        1_767_225_605,
    );
    assert_eq!(shown_ids(&app), ["c", "b"]);
    assert_eq!(highlighted_id(&app).as_deref(), Some("b"));
    assert!(screen_text(&draw(&app)).contains("2 of 4"));
    // Esc clears the filter (the highlight stays on its event), then quits.
    assert_eq!(key(&mut app, KeyCode::Esc), None);
    assert_eq!(shown_ids(&app), ["d", "c", "b", "a"]);
    assert_eq!(highlighted_id(&app).as_deref(), Some("b"));
    assert_eq!(key(&mut app, KeyCode::Esc), Some(Effect::Quit));
}

#[test]
fn following_shows_the_json_and_ctrl_x_does_not_run_anything() {
    let start = Start {
        account: names(),
        following: Some(Duration::from_secs(10)),
        run_blocked: None,
        ..Start::default()
    };
    let mut app = app_started(start, Lang::En, 120, 20);
    poll(&mut app, vec![stage_change("a", 1_767_225_600)], 1_767_225_601);
    assert_eq!(ctrl(&mut app, 'x'), None);
    assert!(app.results().run.as_ref().unwrap().following.is_some());
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&draw(&app)).contains("/api/v4/events/a"));
    match ctrl(&mut app, 'y') {
        Some(Effect::Copy(json)) => assert!(json.contains("\"id\": \"a\""), "{json}"),
        other => panic!("expected a copy, got {other:?}"),
    }
    let effect = common::press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effect, Some(Effect::Quit));
}

#[test]
fn a_failed_poll_is_a_warning_until_the_next_one_succeeds() {
    let mut app = following(Lang::En, 20);
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Polling });
    assert!(screen_text(&draw(&app)).contains("polling for new events…"));
    let timeout = ApiError::Timeout { after: Duration::from_secs(30) };
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::PollFailed(timeout) });
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Polled { at: 1_767_225_600 } });
    let text = screen_text(&draw(&app));
    assert!(text.contains("warning: a poll failed, following goes on"), "{text}");
    assert!(text.contains("Following · 0 events"), "{text}");
    poll(&mut app, Vec::new(), 1_767_225_610);
    let text = screen_text(&draw(&app));
    assert!(!text.contains("warning") && text.contains("last poll 00:00:10"), "{text}");
}

#[test]
fn a_stop_reason_is_shown_and_the_pane_stays_open() {
    let mut app = following(Lang::En, 20);
    poll(&mut app, vec![stage_change("a", 1_767_225_600)], 1_767_225_601);
    let unauthorized = ApiError::Unauthorized { detail: None };
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Polling });
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Stopped(unauthorized) });
    let text = screen_text(&draw(&app));
    assert!(text.contains("Stopped following · 1 event"), "{text}");
    assert!(text.contains("Following stopped: 401"), "{text}");
    assert!(text.contains("Stage: Negotiation → Won (Sales)"), "the events stay readable:\n{text}");
    key(&mut app, KeyCode::Down);
    assert!(app.results().run.is_some());
}

#[test]
fn max_polls_ends_following_and_says_so_in_spanish() {
    let mut app = following(Lang::Es, 20);
    assert!(screen_text(&draw(&app)).contains("Siguiendo · 0 eventos · cada 10 s"));
    update(&mut app, Action::Followed { generation: 0, update: TailUpdate::Finished { polls: 3 } });
    let text = screen_text(&draw(&app));
    assert!(text.contains("Seguimiento detenido tras 3 consultas."), "{text}");
    assert!(text.contains("Seguimiento detenido · 0 eventos"), "{text}");
}

// F8 in the explorer: the same following pane, for the composed filter; Esc goes back.

#[test]
fn f8_follows_the_composed_filter_and_esc_goes_back_to_the_list() {
    let mut app = connected_with_names(Lang::En, 120, 30);
    let Some(Effect::Follow { generation, request }) = key(&mut app, KeyCode::F(8)) else {
        panic!("F8 should start following");
    };
    assert_eq!(request.filter.types, ["lead_status_changed"]);
    assert_eq!(request.interval, Duration::from_secs(10));
    assert_eq!(request.since, None, "from the moment the tail starts (its worker reads the clock)");
    let followed = |app: &mut App, generation: u64, update: TailUpdate| {
        kommo_events::tui::update::update(app, Action::Followed { generation, update })
    };
    followed(&mut app, generation, TailUpdate::Polling);
    followed(&mut app, generation, TailUpdate::Events(vec![stage_change("new1", 1_767_225_600)]));
    // A report of an earlier follow (or of `tail`) is not this pane's.
    followed(&mut app, generation + 7, TailUpdate::Events(vec![stage_change("stale", 1_767_225_601)]));
    followed(&mut app, generation, TailUpdate::Polled { at: 1_767_225_605 });
    let text = screen_text(&draw(&app));
    assert!(text.contains("Following · 1 event"), "{text}");
    assert!(text.contains("Stage: Negotiation → Won (Sales)"), "{text}");
    assert!(text.contains("Esc back"), "the explorer is one Esc away:\n{text}");
    assert_eq!(key(&mut app, KeyCode::Esc), Some(Effect::StopFetch));
    assert!(app.results().run.is_none());
    assert!(screen_text(&draw(&app)).contains("Event types"));
}

#[test]
fn f8_with_an_end_date_says_tail_has_no_end() {
    let mut app = connected(Lang::En, 120, 30);
    ctrl(&mut app, 'o');
    let mut effect = None;
    for _ in 0..12 {
        if app.composer().fields.focused == kommo_events::tui::composer::DraftField::CreatedTo {
            type_text(&mut app, "2026-01-31");
            effect = key(&mut app, KeyCode::F(8));
            break;
        }
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(effect, None);
    let toast = app.toast().expect("a toast").text.clone();
    assert!(toast.contains("clear the To field"), "{toast}");
    assert!(app.results().run.is_none());
}

#[test]
fn a_run_the_account_answered_in_the_other_range_form_switches_the_screens_form() {
    use kommo_events::filter::RangeStyle;
    let mut app = connected(Lang::En, 120, 30);
    assert_eq!(app.settings().output.encode.range_style, RangeStyle::Comma);
    run(&mut app);
    // Trying the other form says nothing yet: it may fail too.
    update(
        &mut app,
        Action::Fetched { generation: 1, update: FetchUpdate::RangeRetried(RangeStyle::FromTo) },
    );
    assert_eq!(app.settings().output.encode.range_style, RangeStyle::Comma);
    update(&mut app, page(1, stage_changes(3, 1_767_225_600), None));
    let worked =
        FetchSummary { pages: 1, events: 3, more: false, range_switched_to: Some(RangeStyle::FromTo) };
    update(&mut app, Action::Fetched { generation: 1, update: FetchUpdate::Finished(worked) });
    assert_eq!(
        app.settings().output.encode.range_style,
        RangeStyle::FromTo,
        "the composer writes the form that worked"
    );
    let toast = app.toast().expect("a toast").text.clone();
    assert!(toast.contains("the account answered 400 to filter[created_at]=A,B"), "{toast}");
}
