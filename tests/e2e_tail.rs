//! End to end: `kommo-events tail` on a terminal opens the results pane following new events,
//! against a real HTTP server with a fake Kommo account. Events added while it runs appear at
//! the top, in words; Ctrl-C ends it with 130 and leaves the terminal as it was.

mod common;
mod support;

use common::tmux::{account_env, binary, program, Tmux, SHELL_MARK};
use support::kommo::{serve, stage_change, FakeKommo};

const TOKEN: &str = "SECRET-TOKEN-123";

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn tail_follows_new_events_in_a_pane_and_ctrl_c_restores_the_terminal() {
    let fake = FakeKommo::new();
    let server = serve(&fake);
    let names = support::saved_names("e2e-tail-names");
    let env = &account_env(TOKEN);
    let command = format!(
        "{} --lang en tail --base-url {} --account-dir '{}' --interval 0.2",
        binary(),
        server.base_url(),
        names.display()
    );
    let tmux = Tmux::start("tail", 120, 30, env, &[], &command);
    let no_token = |screen: &str| assert!(!screen.contains(TOKEN), "the token is on screen:\n{screen}");
    no_token(&tmux.wait_for("Following · 0 events · every 0.2 s"));
    tmux.wait_for("No new events yet");

    let start = now();
    fake.add([stage_change("first", start)]);
    // The title is drawn before the rows: wait for both (a capture may catch half a frame).
    let first = tmux.wait_until(
        |screen| {
            screen.contains("Following · 1 event") && screen.contains("▶") && screen.contains("→ Won (Sales)")
        },
        "the first event, highlighted",
    );
    no_token(&first);

    fake.add([stage_change("second", start + 1)]);
    let both = tmux.wait_until(
        |screen| {
            screen.contains("Following · 2 events")
                && screen.lines().filter(|line| line.contains("Stage: Negotiation")).count() == 2
        },
        "two events",
    );
    let at =
        |second: i64| chrono::DateTime::from_timestamp(second, 0).unwrap().format("%H:%M:%S").to_string();
    let rows: Vec<&str> = both.lines().filter(|line| line.contains("Stage: Negotiation")).collect();
    assert_eq!(rows.len(), 2, "{both}");
    assert!(rows[0].contains(&at(start + 1)), "the newer event is on top:\n{both}");
    assert!(
        rows[1].contains(&at(start)) && rows[1].contains('▶'),
        "the highlight stays on the first:\n{both}"
    );
    tmux.wait_for("last poll");

    tmux.keys(&["Enter"]);
    no_token(&tmux.wait_for("Event (JSON)"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("Following · 2 events");

    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    tmux.wait_for(SHELL_MARK);
    let stty = tmux.wait_for_file("stty-after", |text| text.contains("icanon"));
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"icanon") && flags.contains(&"echo"), "cooked mode with echo:\n{stty}");
    assert!(server.requests_to("/api/v4/events").len() >= 2);
}

#[test]
fn max_polls_leaves_the_pane_open_saying_following_stopped() {
    let fake = FakeKommo::new();
    let server = serve(&fake);
    fake.add([stage_change("early", now())]);
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_TOKEN", TOKEN)];
    let command = format!(
        "{} --lang en tail --base-url {} --created-from {} --interval 0.1 --max-polls 2",
        binary(),
        server.base_url(),
        now() - 60
    );
    let tmux = Tmux::start("tail-max-polls", 110, 24, env, &[], &command);
    let stopped = tmux.wait_for("Following stopped after 2 polls.");
    assert!(stopped.contains("Stopped following · 1 event"), "{stopped}");
    assert_eq!(server.requests_to("/api/v4/events").len(), 2);
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 130);
}

#[test]
fn plain_prints_one_readable_line_per_event_on_a_terminal() {
    let fake = FakeKommo::new();
    let server = serve(&fake);
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_TOKEN", TOKEN)];
    let command = program(&format!("--lang en tail --plain --base-url {} --interval 0.2", server.base_url()));
    let tmux = Tmux::start("tail-plain", 160, 24, env, &[], &command);
    tmux.wait_for("following new events since");
    fake.add([stage_change("plain", now())]);
    // The type goes by its code and, with no names saved, the catalog's label.
    let line = tmux.wait_for("lead_status_changed (Lead stage changed)  lead 7001");
    assert!(!line.contains("Following ·") && !line.contains('{'), "not the pane, not JSON:\n{line}");
    // In cooked mode Ctrl-C would interrupt the pane's shell too: send the signal to the program.
    tmux.signal("INT");
    assert_eq!(tmux.wait_exit(), 130);
}

#[test]
fn f8_in_the_explorer_follows_the_composed_filter_and_esc_goes_back() {
    let fake = FakeKommo::new();
    // Created a little ahead of now, so the first poll (from now) finds it.
    fake.add([stage_change("ahead", now() + 2)]);
    let server = serve(&fake);
    let names = support::saved_names("e2e-follow-names");
    let env = &account_env(TOKEN);
    let command = format!(
        "{} --lang en --base-url {} --account-dir '{}'",
        binary(),
        server.base_url(),
        names.display()
    );
    let tmux = Tmux::start("follow", 120, 30, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.type_text("^lead_status_changed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["F8"]);
    let following = tmux.wait_until(
        |screen| {
            screen.contains("Following · 1 event") && screen.contains("Stage: Negotiation → Won (Sales)")
        },
        "the followed event in words",
    );
    assert!(!following.contains(TOKEN), "{following}");
    assert!(following.contains("Esc back"), "{following}");
    let request = &server.requests_to("/api/v4/events")[0];
    assert_eq!(request.param("filter[type]"), Some("lead_status_changed"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("Event types");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
}
