//! The screen at 80x24, the size most terminals open at, driven as a person uses it: the list
//! with the chips and the query under it, the composer one key away, a date in words, chips that
//! do not fit, and Ctrl-G opening pages through `BROWSER` (a script that records its argument).

mod common;
mod support;

use common::tmux::{account_env, binary, Tmux};
use support::kommo::{serve, stage_change, FakeKommo};

const ENV: &[(&str, &str)] =
    &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off"), ("TZ", "UTC")];

/// Selects the type whose code is exactly `code`, then clears the search.
fn select(tmux: &Tmux, code: &str) {
    tmux.type_text(&format!("^{code}$"));
    tmux.wait_until(|s| s.lines().any(|l| l.contains('▶') && l.contains(code)), "the type highlighted");
    tmux.keys(&["Tab"]);
    tmux.keys(&["C-u"]);
}

#[test]
fn at_80x24_the_list_shows_the_query_and_the_composer_is_one_key_away() {
    let tmux = Tmux::start("compact-print", 80, 24, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    select(&tmux, "lead_status_changed");
    // Under the list: the chip and the live query, without opening anything.
    let screen = tmux.wait_for("filter[type]=lead_status_changed");
    assert!(screen.contains("[lead_status_changed ×]"), "{screen}");
    assert!(screen.lines().last().unwrap_or_default().contains("C-o"), "the footer names the composer key");
    tmux.keys(&["F2"]);
    let composer = tmux.wait_for("Entity ids");
    assert!(!composer.contains("Event types"), "the composer takes the body:\n{composer}");
    tmux.keys(&["Down", "Down"]);
    tmux.type_text("7001");
    tmux.wait_for("filter[entity_id]=7001");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Event types");
    tmux.keys(&["F9"]);
    tmux.wait_for("Docs");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Event types");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=lead_status_changed&filter[entity_id]=7001\n");
}

#[test]
fn last_week_in_from_is_shown_resolved_and_printed_as_seven_whole_days() {
    let tmux = Tmux::start("compact-date", 80, 24, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.keys(&["F2"]);
    tmux.wait_for("Entity ids");
    for _ in 0..4 {
        tmux.keys(&["Down"]);
    }
    tmux.type_text("last week");
    let screen = tmux.wait_for("last week  → ");
    assert!(screen.contains(" … "), "the span's days beside the words:\n{screen}");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    let out = tmux.file("out.txt");
    let range = out.trim().strip_prefix("filter[created_at]=").unwrap_or_else(|| panic!("{out}"));
    let (from, to) = range.split_once(',').unwrap_or_else(|| panic!("{out}"));
    let (from, to): (i64, i64) = (from.parse().unwrap(), to.parse().unwrap());
    assert_eq!(to - from, 7 * 86_400 - 1, "seven whole days: {out}");
    assert_eq!(from % 86_400, 0, "from midnight UTC: {out}");
    // 1970-01-01 was a Thursday, so Mondays are the days 4, 11, … after it.
    assert_eq!((from / 86_400 - 4) % 7, 0, "from a Monday: {out}");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(to < now && now - from <= 14 * 86_400, "the week before this one: {out}");
}

#[test]
fn chips_that_do_not_fit_are_counted_and_delete_removes_the_highlighted_one() {
    let tmux = Tmux::start("compact-chips", 80, 24, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    let codes = [
        "lead_status_changed",
        "entity_responsible_changed",
        "incoming_chat_message",
        "outgoing_chat_message",
        "custom_field_value_changed",
    ];
    for code in codes {
        select(&tmux, code);
    }
    tmux.wait_for("✔ 5");
    let screen = tmux.wait_until(|s| s.contains("more"), "the chips left out counted");
    assert!(screen.contains("+") && screen.contains("more"), "{screen}");
    tmux.keys(&["F2"]);
    tmux.wait_for("Entity ids");
    // The Types row has focus: Right moves the highlight to the last chip, scrolling the chips.
    for _ in 0..4 {
        tmux.keys(&["Right"]);
    }
    // The chips are in catalog order; the highlighted one, the last, is the one on screen. A
    // capture may catch a frame half drawn: wait for a whole chip after the count.
    let chip_after_count = |screen: &str| -> Option<String> {
        let shown = screen.split("‹4 [").nth(1)?.split(" ×]").next()?;
        codes.contains(&shown).then(|| shown.to_owned())
    };
    let scrolled =
        tmux.wait_until(|s| chip_after_count(s).is_some(), "the four chips before counted, then one");
    let shown = chip_after_count(&scrolled).expect("checked by the wait");
    let shown = shown.as_str();
    tmux.keys(&["Delete"]);
    tmux.wait_for("✔ 4");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    let out = tmux.file("out.txt");
    assert!(!out.contains(shown), "the highlighted chip, {shown}, was removed: {out}");
    for kept in codes.iter().filter(|code| **code != shown) {
        assert!(out.contains(kept), "{kept} was kept: {out}");
    }
}

/// A `BROWSER` that records the address it was asked to open in `opened.txt`.
fn recording_browser(tmux: &Tmux) -> String {
    let script = tmux.path("browser.sh");
    let record = tmux.path("opened.txt");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" >> '{}'\n", record.display())).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script.display().to_string()
}

#[test]
fn ctrl_g_opens_the_docs_page_and_the_events_lead_through_browser() {
    let fake = FakeKommo::new();
    fake.add([stage_change("ev001", 1_767_225_600)]);
    let server = serve(&fake);
    let env = &account_env("SECRET-TOKEN-123");
    // The script's path is only known once the test directory exists: BROWSER is set in the
    // command line, after the directory is made.
    let tmux = Tmux::start("compact-browser", 80, 24, env, &[], "true");
    let browser = recording_browser(&tmux);
    // A new pane does not inherit the first one's exports: the environment goes in the command.
    let exports: String = env.iter().map(|(key, value)| format!("{key}='{value}' ")).collect();
    let dir = tmux.dir.display();
    let command = format!(
        "env {exports}KOMMO_EVENTS_STATE_DIR='{dir}/state' XDG_CONFIG_HOME='{dir}/config' BROWSER='{browser}' {} --lang en --base-url {}",
        binary(),
        server.base_url()
    );
    tmux.command(&[
        "respawn-pane",
        "-k",
        "-t",
        "e2e",
        "-c",
        &tmux.dir.display().to_string(),
        "sh",
        "-c",
        &command,
    ]);
    tmux.wait_for("Event types");
    select(&tmux, "lead_status_changed");
    tmux.type_text("^lead_status_changed$");
    tmux.wait_until(
        |s| s.lines().any(|l| l.contains('▶') && l.contains("lead_status_changed")),
        "highlighted",
    );
    tmux.keys(&["C-g"]);
    let opened = tmux.wait_for_file("opened.txt", |text| text.lines().count() == 1);
    assert_eq!(opened, "https://developers.kommo.com/reference/events-list\n");
    tmux.wait_for("Opened https://developers.kommo.com/reference/events-list");
    tmux.keys(&["C-x"]);
    tmux.wait_for("→ won (pipeline 100)");
    tmux.keys(&["C-g"]);
    let opened = tmux.wait_for_file("opened.txt", |text| text.lines().count() == 2);
    let lead = format!("{}/leads/detail/7001", server.base_url());
    assert_eq!(opened.lines().nth(1), Some(lead.as_str()), "{opened}");
}

#[test]
fn dash_q_opens_the_screen_with_the_search_typed() {
    let command = format!("{} --lang en -q 'lead stage' > out.txt", binary());
    let tmux = Tmux::start("compact-query", 80, 24, ENV, &[], &command);
    let screen = tmux.wait_for("> lead stage");
    assert!(screen.lines().any(|l| l.contains('▶') && l.contains("lead_status_changed")), "{screen}");
    tmux.keys(&["Tab", "Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=lead_status_changed\n");
}
