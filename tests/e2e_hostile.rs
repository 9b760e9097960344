//! The real binary in tmux against what used to break the screen: a worker thread that panics,
//! a warning printed on the way out, and a pasted megabyte.

mod common;
mod support;

use common::tmux::{account_env, binary, program, Tmux};
use support::kommo::{serve, stage_change, FakeKommo};

const TOKEN: &str = "SECRET-TOKEN-123";
const READY: &str = "Event types";

#[test]
fn a_worker_panic_is_said_on_the_screen_which_stays_whole_and_answers() {
    let fake = FakeKommo::new();
    fake.add([stage_change("E1", 1_767_225_600)]);
    let server = serve(&fake);
    let mut env = account_env(TOKEN).to_vec();
    env.push(("KOMMO_EVENTS_TEST_FAULT", "worker-panic"));
    let command = format!("{} --lang en --base-url {} > out.txt 2> err.txt", binary(), server.base_url());
    let tmux = Tmux::start("worker-panic", 120, 36, &env, &[], &command);
    tmux.wait_for(READY);
    tmux.type_text("^lead_status_changed$");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab", "C-x"]);
    let failed = tmux.wait_for("internal error");
    assert!(failed.contains("The query failed"), "{failed}");
    // Nothing was printed over the screen, and the terminal is still the screen's.
    assert_eq!(tmux.file("err.txt"), "", "the panic message went to the terminal");
    assert_eq!(tmux.pane("#{alternate_on}"), "1", "the screen was torn down");
    // Keys act at once: back to the explorer, then out.
    tmux.keys(&["Escape"]);
    tmux.wait_for(READY);
    tmux.keys(&["C-u"]);
    tmux.type_text("call");
    tmux.wait_for("> call");
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    assert_eq!(server.requests_to("/api/v4/events").len(), 0, "the worker panicked before asking");
}

#[test]
fn a_warning_printed_on_the_way_out_stays_on_the_screen() {
    // The state directory lies under a file, so the session cannot be saved.
    let env = [("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_STATE_DIR", "blocker/state")];
    let command = format!("touch blocker; {}", program("--lang en > out.txt"));
    let tmux = Tmux::start("exit-warning", 100, 30, &env, &[], &command);
    tmux.wait_for(READY);
    // Everything the program writes from here on, byte for byte.
    let bytes = tmux.path("bytes.log");
    tmux.command(&["pipe-pane", "-o", "-t", "e2e", &format!("cat >> '{}'", bytes.display())]);
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 130);
    // The alternate screen is left once: leaving it again after the warning would move the cursor
    // back to where the screen started, over the warning, in terminals that restore it.
    let written = tmux.wait_for_file("bytes.log", |text| text.contains("could not save the session"));
    assert_eq!(written.matches("\u{1b}[?1049l").count(), 1, "{written:?}");
    let warning_at = written.find("could not save the session").unwrap();
    assert!(!written[warning_at..].contains("\u{1b}[?1049l"), "the screen was left again after the warning");
    // The shell runs on after the program: the warning must still be there, not drawn over.
    let after = tmux.wait_for("could not save the session");
    assert!(after.contains("blocker"), "{after}");
    tmux.type_text("echo after-the-warning");
    tmux.keys(&["Enter"]);
    let later = tmux.wait_for("after-the-warning");
    assert!(later.contains("could not save the session"), "the warning was overwritten:\n{later}");
}

#[test]
fn a_pasted_megabyte_keeps_the_screen_answering_and_sigterm_ends_it() {
    let env = [("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];
    let tmux = Tmux::start("megabyte", 100, 30, &env, &[], &program("--lang en > out.txt 2> err.txt"));
    tmux.wait_for(READY);
    let pasted = tmux.path("pasted.txt");
    std::fs::write(&pasted, "zq".repeat(500_000)).unwrap();
    tmux.command(&["load-buffer", pasted.to_str().unwrap()]);
    tmux.command(&["paste-buffer", "-p", "-t", "e2e"]);
    // The whole paste arrived (no type matches it) and the line shows its end.
    tmux.wait_until(|screen| screen.contains("0/82") && screen.contains("zqzqzq"), "the paste in the search");
    // The screen still answers keys: Ctrl-U empties the search.
    tmux.keys(&["C-u"]);
    tmux.wait_for("82/82");
    tmux.command(&["paste-buffer", "-p", "-t", "e2e"]);
    tmux.wait_for("0/82");
    tmux.signal("TERM");
    assert_eq!(tmux.wait_exit(), 143);
    assert_eq!(tmux.file("err.txt"), "");
}
