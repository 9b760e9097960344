//! Ctrl-Z and SIGTSTP suspend the screen like every full-screen terminal program: the shell gets
//! a sane terminal back, and `fg` brings the whole screen back with keys acting at once. Driven in
//! tmux with an interactive shell that has job control, as a person uses it, at 80x24.

mod common;

use common::tmux::{binary, Tmux};

const ENV: &[(&str, &str)] =
    &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];

/// Starts the program from the shell, as a job, with `lead` typed in its search.
fn started(name: &str) -> Tmux {
    let tmux = Tmux::start_shell(name, 80, 24, ENV);
    tmux.type_text(&format!("sh -c 'echo $$ > pid; exec {} --no-config --lang en'", binary()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("Event types");
    tmux.type_text("lead");
    tmux.wait_for("> lead");
    tmux
}

/// The shell has the terminal, in cooked mode with echo, then `fg` brings the screen back whole.
fn shell_then_fg(tmux: &Tmux) {
    tmux.wait_until(
        |s| s.contains("Stopped") && s.lines().any(|l| l.starts_with("e2e$")),
        "the shell's prompt",
    );
    assert_eq!(tmux.pane("#{alternate_on}"), "0", "the alternate screen was left");
    tmux.type_text("stty -a > stty.txt");
    tmux.keys(&["Enter"]);
    let stty = tmux.wait_for_file("stty.txt", |text| text.contains("icanon"));
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"icanon") && flags.contains(&"echo") && flags.contains(&"isig"), "{stty}");
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("> lead");
    assert!(screen.contains("Event types") && screen.contains("lead_added"), "{screen}");
    assert_eq!(tmux.pane("#{alternate_on}"), "1", "back on the alternate screen");
    // Raw mode again: one key acts at once, no Enter needed.
    tmux.type_text("s");
    tmux.wait_for("> leads");
    tmux.keys(&["Escape"]);
    tmux.wait_until(
        |s| s.lines().filter(|l| l.starts_with("e2e$")).count() >= 3,
        "the prompt after quitting",
    );
}

#[test]
fn ctrl_z_gives_the_shell_a_sane_terminal_and_fg_brings_the_screen_back() {
    let tmux = started("ctrl-z");
    tmux.keys(&["C-z"]);
    shell_then_fg(&tmux);
}

#[test]
fn sigtstp_from_outside_suspends_the_same_way() {
    let tmux = started("sigtstp");
    tmux.signal("TSTP");
    shell_then_fg(&tmux);
}
