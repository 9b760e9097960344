//! End to end: the real binary in a real terminal (tmux), as a person uses it.

mod common;

use common::tmux::{binary, Tmux};

const ENV: &[(&str, &str)] =
    &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];

#[test]
fn search_select_two_types_and_enter_prints_the_query_on_stdout() {
    let tmux = Tmux::start("enter", 120, 36, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.type_text("lead_added");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-u"]);
    tmux.type_text("status changed lead");
    tmux.wait_until(
        |s| s.lines().any(|l| l.contains("▶") && l.contains("lead_status_changed")),
        "lead_status_changed highlighted",
    );
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 2");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=lead_added,lead_status_changed\n");
}

#[test]
fn alt_a_selects_every_match_at_once_and_enter_prints_them() {
    let tmux = Tmux::start("select-all", 120, 36, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.type_text("'call");
    tmux.wait_for("2/82");
    tmux.keys(&["M-a"]);
    tmux.wait_for("Selected 2 types");
    tmux.keys(&["M-a"]);
    tmux.wait_for("Unselected 2 types");
    tmux.keys(&["M-a"]);
    tmux.wait_for("✔ 2");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call,outgoing_call\n");
}

#[test]
fn escape_in_the_search_quits_with_130_and_prints_nothing() {
    let tmux = Tmux::start("escape", 100, 30, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.type_text("lead");
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 130);
    assert_eq!(tmux.file("out.txt"), "");
}

#[test]
fn ctrl_c_quits_with_130_from_the_composer() {
    let tmux = Tmux::start("ctrlc", 120, 36, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.keys(&["C-o"]);
    tmux.wait_for("▶Types");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    assert_eq!(tmux.file("out.txt"), "");
}

#[test]
fn ctrl_y_without_a_display_sends_osc52_which_tmux_stores() {
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "auto")];
    let setup: &[&[&str]] = &[&["set", "-g", "set-clipboard", "on"]];
    let command = format!("unset DISPLAY WAYLAND_DISPLAY; {} --lang en > out.txt", binary());
    let tmux = Tmux::start("osc52", 120, 36, env, setup, &command);
    tmux.wait_for("Event types");
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-y"]);
    tmux.wait_for("OSC 52");
    assert_eq!(tmux.command(&["show-buffer"]), "filter[type]=incoming_call");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call\n");
}

#[test]
fn custom_field_template_asks_for_the_field_id() {
    let tmux = Tmux::start("template", 120, 36, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.type_text("'{FIELD_ID}");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Custom field id");
    tmux.type_text("777777");
    tmux.keys(&["Enter"]);
    tmux.wait_for("[custom_field_777777_value_changed ×]");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=custom_field_777777_value_changed\n");
}

#[test]
fn help_opens_with_f1_and_closes_with_escape() {
    let tmux = Tmux::start("help", 120, 40, ENV, &[], &format!("{} --lang en > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.keys(&["F1"]);
    tmux.wait_for("Filter composer");
    tmux.keys(&["Escape"]);
    tmux.wait_until(|s| !s.contains("Filter composer"), "help to close");
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 130);
}

#[test]
fn quitting_saves_the_session_and_resume_brings_it_back() {
    let script = format!(
        "{bin} --lang en --no-config > first.txt; echo $? > first-code; {bin} --lang en --no-config --resume > out.txt",
        bin = binary()
    );
    let tmux = Tmux::start("resume", 120, 36, ENV, &[], &script);
    tmux.wait_for("Event types");
    tmux.type_text("^task_completed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-c"]);
    tmux.wait_until(|s| s.contains("Restored — types: 1"), "the second run to restore the session");
    tmux.wait_for("[task_completed ×]");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("first-code").trim(), "130");
    assert_eq!(tmux.file("out.txt"), "filter[type]=task_completed\n");
    let history = std::fs::read_to_string(tmux.path("state/history.json")).expect("history written");
    assert!(history.contains("\"query\": \"filter[type]=task_completed\""), "{history}");
    assert!(history.contains("\"used\": \"accepted\""), "{history}");
}

#[test]
fn a_stage_value_filter_typed_in_the_composer_is_printed() {
    let tmux =
        Tmux::start("value", 120, 40, ENV, &[], &format!("{} --lang en --no-config > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.type_text("^lead_status_changed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-o"]);
    tmux.wait_for("▶Types");
    for _ in 0..8 {
        tmux.keys(&["Down"]);
    }
    tmux.wait_for("▶Stage after");
    tmux.type_text("12345:142");
    tmux.wait_for("[value_after][leads_statuses][0][status_id]=142");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(
        tmux.file("out.txt"),
        "filter[type]=lead_status_changed&filter[value_after][leads_statuses][0][pipeline_id]=12345\
         &filter[value_after][leads_statuses][0][status_id]=142\n"
    );
}

#[test]
fn a_url_pasted_into_the_load_prompt_fills_the_composer() {
    let tmux =
        Tmux::start("paste", 120, 40, ENV, &[], &format!("{} --lang en --no-config > out.txt", binary()));
    tmux.wait_for("Event types");
    tmux.keys(&["C-v"]);
    tmux.wait_for("Load a query");
    // A real paste: tmux sends the buffer as a bracketed paste, as a terminal's paste key does.
    let url = "https://acme.kommo.com/api/v4/events?filter%5Btype%5D=incoming_call%2Coutgoing_call&filter%5Bentity%5D=contact&limit=25";
    tmux.command(&["set-buffer", url]);
    tmux.command(&["paste-buffer", "-p", "-t", "e2e"]);
    tmux.wait_for("limit=25");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Loaded — types: 2, fields: 2.");
    tmux.wait_for("[incoming_call ×] [outgoing_call ×]");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(
        tmux.file("out.txt"),
        "filter[type]=incoming_call,outgoing_call&filter[entity]=contact&limit=25\n"
    );
}

#[test]
fn load_flag_starts_with_the_query_loaded() {
    let command = format!(
        "{} --lang en --no-config --format curl --subdomain acme --load 'filter[type]=ai_result&with=lead_name' > out.txt",
        binary()
    );
    let tmux = Tmux::start("loadflag", 120, 40, ENV, &[], &command);
    tmux.wait_for("[ai_result ×]");
    tmux.wait_for("[curl]");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(
        tmux.file("out.txt"),
        "curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" 'https://acme.kommo.com/api/v4/events?filter[type]=ai_result&with=lead_name'\n"
    );
}

#[test]
fn the_token_never_appears_on_screen_in_output_or_in_saved_state() {
    const TOKEN: &str = "SECRET-TOKEN-7f3a9c";
    let env = &[
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "off"),
        ("KOMMO_TOKEN", TOKEN),
    ];
    let command = format!("{} --lang en --no-config --subdomain acme > out.txt 2> err.txt", binary());
    let tmux = Tmux::start("secret", 120, 40, env, &[], &command);
    tmux.wait_for("Event types");
    tmux.type_text("^incoming_call$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    let mut screens = Vec::new();
    for format in ["encoded", "url", "curl", "httpie", "json"] {
        tmux.keys(&["C-t"]);
        screens.push(tmux.wait_for(&format!("[{format}]")));
    }
    tmux.keys(&["C-y"]);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    let output = tmux.file("out.txt");
    assert!(output.contains("$KOMMO_TOKEN") || output.contains("\"types\""), "{output}");
    let state = ["state/session.json", "state/history.json"].map(|name| tmux.file(name));
    for (what, text) in screens
        .iter()
        .map(|s| ("screen", s))
        .chain([("stdout", &output), ("stderr", &tmux.file("err.txt"))])
        .chain(state.iter().map(|s| ("state", s)))
    {
        assert!(!text.contains(TOKEN), "the token leaked into {what}:\n{text}");
    }
    // One word, so the preview's wrapping cannot split it.
    assert!(screens.iter().any(|s| s.contains("$KOMMO_TOKEN")), "the curl preview names the variable");
    assert!(
        state[1].contains("\"query\": \"filter[type]=incoming_call\""),
        "history keeps the readable query: {}",
        state[1]
    );
}
