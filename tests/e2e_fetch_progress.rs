//! `fetch` on a terminal draws a live progress line on stderr while it exports, and stdout (a
//! file here) gets the events and nothing else. The real binary in tmux against the test server.

mod common;
mod support;

use common::tmux::{account_env, binary, Tmux};
use std::time::Duration;
use support::kommo::{stage_change, FakeKommo};
use support::server::TestServer;

#[test]
fn the_progress_line_is_on_the_terminal_and_never_in_the_output() {
    let fake = FakeKommo::new();
    fake.add((0..400).map(|i| stage_change(&format!("ev{i:05}"), 1_767_225_600 - i)));
    let answering = std::sync::Arc::clone(&fake);
    // Slow answers, so the export lasts long enough to be watched.
    let server =
        TestServer::start(move |request| answering.answer(request).delayed(Duration::from_millis(400)));
    let command = format!(
        "{} --no-config --lang en fetch --max-pages 0 --limit 20 --rps 2 --base-url {} > out.jsonl",
        binary(),
        server.base_url()
    );
    let tmux = Tmux::start("fetch-progress", 100, 10, &account_env("SECRET-TOKEN-123"), &[], &command);
    let screen = tmux.wait_until(|s| s.contains("events/s") && s.contains("pages"), "the progress line");
    assert!(screen.contains(" events · "), "{screen}");
    assert_eq!(tmux.wait_exit(), 0);
    let screen = tmux.wait_for("400 events in 20 pages, up to ");
    assert!(!screen.contains("events/s"), "the progress line is cleared at the end:\n{screen}");
    let out = tmux.file("out.jsonl");
    assert_eq!(out.lines().count(), 400);
    assert!(out.lines().all(|line| line.starts_with('{') && line.ends_with('}')), "only events on stdout");
}
