//! End to end: the real binary in tmux runs the composed filter against a real HTTP server with a
//! fake Kommo account, shows the events in words, loads the second page as the user scrolls and
//! narrows the loaded events with the filter line.

mod common;
mod support;

use common::tmux::{account_env, binary, Tmux};
use support::kommo::{serve, stage_change, FakeKommo};

const TOKEN: &str = "SECRET-TOKEN-123";

#[test]
fn ctrl_x_runs_the_filter_shows_stage_changes_in_words_and_pages_lazily() {
    let fake = FakeKommo::new();
    // 60 events: the fake account pages by 50, so there is a second page.
    fake.add((0..60).map(|i| stage_change(&format!("ev{i:03}"), 1_767_225_600 - i)));
    let server = serve(&fake);
    let names = support::saved_names("e2e-results-names");

    let env = &account_env(TOKEN);
    let command = format!(
        "{} --lang en --base-url {} --account-dir '{}' > out.txt",
        binary(),
        server.base_url(),
        names.display()
    );
    let tmux = Tmux::start("results", 120, 36, env, &[], &command);
    let no_token = |screen: &str| assert!(!screen.contains(TOKEN), "the token is on screen:\n{screen}");
    no_token(&tmux.wait_for("Event types"));
    tmux.type_text("^lead_status_changed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-x"]);
    // The title is drawn before the rows: wait for both, a capture may catch a frame half written.
    let first = tmux.wait_until(
        |screen| {
            screen.contains("50 events, 1 page · more below")
                && screen.contains("Stage: Negotiation → Won (Sales)")
        },
        "the first page in words",
    );
    no_token(&first);
    assert_eq!(server.requests_to("/api/v4/events").len(), 1, "only the first page until the user scrolls");

    tmux.keys(&["End"]);
    let second = tmux.wait_for("60 events, 2 pages");
    no_token(&second);
    let requests = server.requests_to("/api/v4/events");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].param("page"), Some("2"));
    assert!(requests.iter().all(|r| r.header("authorization") == Some(&format!("Bearer {TOKEN}"))));

    // The events are one second apart, ending at 2026-01-01 00:00:00: ten of them in 23:59:5x.
    tmux.type_text("'23:59:5");
    // tmux may capture a frame half written: wait for the whole of it, the count and its rows.
    let ten_rows = |screen: &str| {
        screen.contains("10 of 60")
            && screen.lines().filter(|line| line.contains("Stage: Negotiation → Won")).count() == 10
    };
    let filtered = tmux.wait_until(ten_rows, "10 of 60 events, ten rows of them");
    assert!(
        filtered.contains("2025-12-31 23:59:50") && filtered.contains("2025-12-31 23:59:59"),
        "{filtered}"
    );
    assert_eq!(server.requests_to("/api/v4/events").len(), 2, "filtering asks for no page");
    tmux.keys(&["Escape"]);
    tmux.wait_for("60 of 60");

    tmux.keys(&["Enter"]);
    no_token(&tmux.wait_for("Event (JSON)"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("60 events, 2 pages");
    tmux.keys(&["Escape"]);
    no_token(&tmux.wait_for("Event types"));
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    assert_eq!(tmux.file("out.txt"), "");
}

#[test]
fn f3_picks_a_user_and_a_stage_by_name_and_their_ids_are_printed() {
    // Names only, no account address or token: --account-dir alone gives the pickers their names.
    let names = support::saved_names("e2e-picker-names");
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];
    let command = format!("{} --lang en --account-dir '{}' > out.txt", binary(), names.display());
    let tmux = Tmux::start("picker", 120, 36, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.type_text("^lead_status_changed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");

    tmux.keys(&["C-o", "Down", "Down", "Down"]);
    tmux.wait_for("▶Created by");
    tmux.keys(&["F3"]);
    tmux.wait_for("Users (4/4)");
    tmux.type_text("lu");
    tmux.wait_for("Users (1/4)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("12  → Luis");

    tmux.keys(&["Down", "Down", "Down", "Down", "Down"]);
    tmux.wait_for("▶Stage after");
    tmux.keys(&["F3"]);
    tmux.wait_for("Pipeline › Stage (3/3)");
    tmux.type_text("won");
    tmux.wait_for("Pipeline › Stage (1/3)");
    tmux.keys(&["Tab"]);
    tmux.wait_for("100:142  → Sales › Won");

    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(
        tmux.file("out.txt"),
        "filter[type]=lead_status_changed&filter[created_by]=12\
         &filter[value_after][leads_statuses][0][pipeline_id]=100\
         &filter[value_after][leads_statuses][0][status_id]=142\n"
    );
}

#[test]
fn with_notes_the_results_tell_a_call_by_its_phone_and_duration() {
    use support::server::{Request, Response, TestServer};
    let fake = FakeKommo::new();
    fake.add([support::kommo::event(
        "call1",
        "incoming_call",
        1_767_225_600,
        serde_json::json!([]),
        serde_json::json!([{"note": {"id": 4242}}]),
    )]);
    let served = std::sync::Arc::clone(&fake);
    let server = TestServer::start(move |request: &Request| {
        if request.path == "/api/v4/leads/notes" {
            let note = serde_json::json!({"id": 4242, "note_type": "call_in",
                "params": {"phone": "+34 600 000 000", "duration": 125, "source": "Zadarma"}});
            return Response::hal(serde_json::json!({"_embedded": {"notes": [note]}}));
        }
        served.answer(request)
    });
    let env = &account_env(TOKEN);
    let command = format!("{} --lang en --notes --base-url {} > out.txt", binary(), server.base_url());
    let tmux = Tmux::start("results-notes", 140, 30, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.keys(&["C-x"]);
    tmux.wait_for("Incoming call: +34 600 000 000, 2:05 (Zadarma)");
    assert_eq!(server.requests_to("/api/v4/leads/notes").len(), 1);
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
}
