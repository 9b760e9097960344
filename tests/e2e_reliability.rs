//! Never break the terminal, never lose the user's work: the real binary in a real terminal
//! (tmux), ended every way it can end, resized, starved of colour, piped, and given clipboards
//! that work, fail and hang.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::tmux::{binary, program, Tmux, SHELL_MARK};
use kommo_events::i18n::Lang;

const ENV: &[(&str, &str)] =
    &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "off")];

const READY: &str = "Event types";

fn start(name: &str, width: u16, height: u16, env: &[(&str, &str)], args: &str) -> Tmux {
    Tmux::start(name, width, height, env, &[], &program(args))
}

/// After the program is gone, the terminal is the shell's again: main screen, cursor shown, no
/// mouse reporting, cooked mode with echo, and no bracketed paste.
fn assert_terminal_usable(tmux: &Tmux) {
    // The mark may wrap on a narrow window, and tmux 3.3a may draw a line of the left alternate
    // screen over its end after a program entered it at 1x1 (see the tiny sizes test): its start
    // is what shows the shell's screen is back.
    let start: String = SHELL_MARK.chars().take(20).collect();
    tmux.wait_until(|s| s.replace('\n', "").contains(&start), "the shell's text from before the program");
    assert_eq!(tmux.pane("#{alternate_on}"), "0", "the alternate screen was left");
    assert_eq!(tmux.pane("#{cursor_flag}"), "1", "the cursor is visible");
    let mouse = tmux.pane("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}");
    assert_eq!(mouse, "0000", "mouse reporting is off");
    let stty = tmux.wait_for_file("stty-after", |text| text.contains("icanon"));
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"icanon") && flags.contains(&"echo"), "cooked mode with echo:\n{stty}");
    // What the user types now is echoed by the terminal and read line by line.
    tmux.type_text("typed after exit");
    tmux.keys(&["Enter"]);
    tmux.wait_until(|s| s.replace('\n', "").contains("typed after exit"), "the typed text echoed");
    tmux.wait_for_file("typed-after", |text| text.contains("typed after exit"));
    // A paste arrives as plain text, not wrapped in ESC [200~ … ESC [201~.
    tmux.command(&["set-buffer", "pasted after exit\n"]);
    tmux.command(&["paste-buffer", "-p", "-t", "e2e"]);
    let typed = tmux.wait_for_file("typed-after", |text| text.contains("pasted after exit"));
    assert!(!typed.contains("[200~"), "bracketed paste was left on: {typed:?}");
}

fn assert_signal_restores(name: &str, signal: &str, code: i32) {
    let tmux = start(name, 100, 30, ENV, "--lang en > out.txt");
    tmux.wait_for(READY);
    tmux.type_text("lead");
    tmux.wait_for("> lead");
    tmux.signal(signal);
    assert_eq!(tmux.wait_exit(), code, "exit code after SIG{signal}");
    assert_eq!(tmux.file("out.txt"), "", "nothing printed after SIG{signal}");
    assert_terminal_usable(&tmux);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    assert_signal_restores("sigterm", "TERM", 143);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    assert_signal_restores("sighup", "HUP", 129);
}

#[test]
fn sigint_from_outside_restores_the_terminal_and_exits_130() {
    assert_signal_restores("sigint", "INT", 130);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    assert_signal_restores("sigquit", "QUIT", 131);
}

#[test]
fn enter_restores_the_terminal_and_exits_0() {
    let tmux = start("enter-restores", 100, 30, ENV, "--lang en > out.txt");
    tmux.wait_for(READY);
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call\n");
    assert_terminal_usable(&tmux);
}

#[test]
fn ctrl_c_and_escape_restore_the_terminal_and_exit_130() {
    for (name, key) in [("ctrl-c-restores", "C-c"), ("escape-restores", "Escape")] {
        let tmux = start(name, 100, 30, ENV, "--lang en > out.txt");
        tmux.wait_for(READY);
        tmux.keys(&[key]);
        assert_eq!(tmux.wait_exit(), 130, "{key}");
        assert_terminal_usable(&tmux);
    }
}

#[test]
fn a_panic_restores_the_terminal_prints_the_message_and_exits_1() {
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_TEST_FAULT", "panic")];
    let tmux = start("panic", 100, 30, env, "--lang en > out.txt 2> err.txt");
    assert_eq!(tmux.wait_exit(), 1);
    assert!(
        tmux.file("err.txt").contains("test-only panic after the first frame"),
        "{}",
        tmux.file("err.txt")
    );
    assert_eq!(tmux.file("out.txt"), "");
    assert_terminal_usable(&tmux);
}

#[test]
fn an_error_restores_the_terminal_says_why_and_exits_1() {
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_TEST_FAULT", "io-error")];
    let tmux = start("io-error", 100, 30, env, "--lang en > out.txt 2> err.txt");
    assert_eq!(tmux.wait_exit(), 1);
    let error = tmux.file("err.txt");
    assert!(error.starts_with("kommo-events: ") && error.contains("test-only error"), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    assert_terminal_usable(&tmux);
}

/// The screen a fresh program would draw at this size, from the same render code.
fn fresh_screen(width: u16, height: u16) -> Vec<String> {
    let app = common::app(Lang::En, width, height);
    common::screen_text(&common::draw(&app))
        .lines()
        .map(str::to_string)
        .chain(std::iter::repeat(String::new()))
        .take(usize::from(height))
        .collect()
}

fn screen_lines(screen: &str) -> Vec<String> {
    screen.lines().map(|line| line.trim_end().to_string()).collect()
}

fn wait_for_fresh_screen(tmux: &Tmux, width: u16, height: u16) {
    let expected = fresh_screen(width, height);
    let what = format!("a fresh render of {width}x{height}:\n{}", expected.join("\n"));
    tmux.wait_until(|screen| screen_lines(screen) == expected, &what);
}

fn assert_still_running(tmux: &Tmux) {
    assert_eq!(tmux.file("exit-code"), "", "the program exited; the screen was:\n{}", tmux.screen());
}

#[test]
fn tiny_sizes_do_not_crash_and_say_which_size_is_needed() {
    let tmux = start("tiny", 1, 1, ENV, "--lang en > out.txt 2> err.txt");
    tmux.program_pid();
    for (width, height) in [(2, 1), (1, 2), (1, 1), (3, 3), (7, 2)] {
        tmux.resize(width, height);
        assert_eq!(tmux.pane("#{window_width}x#{window_height}"), format!("{width}x{height}"));
    }
    tmux.resize(29, 7);
    tmux.wait_until(
        |s| s.split_whitespace().collect::<Vec<_>>().join(" ").contains("needs at least 30x8"),
        "29x7 message",
    );
    tmux.resize(10, 3);
    wait_for_fresh_screen(&tmux, 10, 3);
    tmux.resize(30, 8);
    wait_for_fresh_screen(&tmux, 30, 8);
    assert_still_running(&tmux);
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    assert_eq!(tmux.file("err.txt"), "", "no panic message");
    // tmux 3.3a itself leaves a line of the alternate screen on the main one when a program entered
    // it at 1x1 and the window grew (`printf '\e[?1049h…\e[?1049l'` does the same), so only the
    // modes are checked here, not that the main screen is clean.
    assert_terminal_usable(&tmux);
}

#[test]
fn many_resizes_in_a_row_end_with_a_fresh_screen_of_the_last_size() {
    let tmux = start("resizes", 100, 30, ENV, "--lang en > out.txt 2> err.txt");
    tmux.wait_for(READY);
    let sizes: Vec<(u16, u16)> = (0..40u16)
        .map(|i| (1 + (i * 37) % 180, 1 + (i * 23) % 60))
        .chain([(120, 40), (1, 1), (87, 23)])
        .collect();
    for (width, height) in sizes {
        tmux.resize(width, height);
    }
    wait_for_fresh_screen(&tmux, 87, 23);
    // Back to the wide layout with list, detail and composer side by side.
    tmux.resize(120, 36);
    wait_for_fresh_screen(&tmux, 120, 36);
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab", "Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call\n");
    assert_eq!(tmux.file("err.txt"), "");
}

/// The colour parameters in the SGR sequences of a `capture-pane -e` screen: foreground and
/// background colours (30–37, 90–97, 40–47, 100–107) and extended ones (38;…, 48;…, 58;…).
fn colour_codes(screen: &str) -> Vec<String> {
    let mut found = Vec::new();
    for sequence in screen.split("\x1b[").skip(1) {
        let Some(end) = sequence.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':')) else {
            continue;
        };
        if !sequence[end..].starts_with('m') {
            continue;
        }
        for param in sequence[..end].split(';') {
            let code = param.split(':').next().and_then(|p| p.parse::<u32>().ok());
            if matches!(code, Some(30..=38 | 40..=48 | 58 | 90..=97 | 100..=107)) {
                found.push(format!("\\e[{}m", &sequence[..end]));
            }
        }
    }
    found
}

fn colours_with(name: &str, env_no_color: Option<&str>, args: &str) -> (Vec<String>, String) {
    let mut env = ENV.to_vec();
    if let Some(value) = env_no_color {
        env.push(("NO_COLOR", value));
    }
    let command = format!("unset NO_COLOR; {}", program(args));
    let tmux =
        Tmux::start(name, 120, 36, &env, &[], &if env_no_color.is_some() { program(args) } else { command });
    tmux.wait_for(READY);
    tmux.type_text("lead");
    tmux.wait_for("> lead");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    // The toast is drawn in the "ok" style: wait for it too, so every style is on screen.
    tmux.keys(&["C-y"]);
    tmux.wait_for("Clipboard is off");
    let screen = tmux.screen_with_escapes();
    tmux.keys(&["C-c"]);
    assert_eq!(tmux.wait_exit(), 130);
    (colour_codes(&screen), screen)
}

#[test]
fn no_color_draws_without_colour_codes_and_keeps_the_marks() {
    let (codes, screen) = colours_with("no-color", Some("1"), "--lang en");
    assert!(codes.is_empty(), "colour codes under NO_COLOR: {codes:?}");
    assert!(screen.contains('✔') && screen.contains('▶'), "{screen}");
    assert!(screen.contains("\x1b[7m") || screen.contains(";7m"), "the cursor row is reversed:\n{screen:?}");
}

#[test]
fn color_never_draws_without_colour_codes() {
    let (codes, screen) = colours_with("color-never", None, "--lang en --color never");
    assert!(codes.is_empty(), "colour codes with --color never: {codes:?}");
    assert!(screen.contains('✔') && screen.contains('▶'));
}

#[test]
fn color_always_draws_colours_even_under_no_color() {
    let (codes, _) = colours_with("color-always", Some("1"), "--lang en --color always");
    assert!(!codes.is_empty(), "--color always overrides NO_COLOR");
}

#[test]
fn color_auto_draws_colours_when_no_color_is_unset_or_empty() {
    let (codes, _) = colours_with("color-auto", None, "--lang en");
    assert!(!codes.is_empty(), "colour by default");
    let (codes, _) = colours_with("color-auto-empty", Some(""), "--lang en --color auto");
    assert!(!codes.is_empty(), "an empty NO_COLOR does not turn colour off");
}

#[test]
fn piped_stdout_gets_only_the_query_while_the_screen_draws_on_the_terminal() {
    // Keys come from the terminal even with stdin at /dev/null; the screen goes to the terminal
    // even with stdout a pipe; the pipe gets the query and nothing else.
    let command =
        format!("{{ {} --lang en < /dev/null; echo $? > program-code; }} | cat > out.txt", binary());
    let tmux = Tmux::start("piped", 120, 36, ENV, &[], &command);
    tmux.wait_for(READY);
    tmux.type_text("lead_added");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.wait_for_file("program-code", |t| !t.is_empty()).trim(), "0");
    assert_eq!(tmux.file("out.txt"), "filter[type]=lead_added\n", "only the query, no escape sequences");
    assert_terminal_usable(&tmux);
}

#[test]
fn piped_stdout_of_a_cancelled_screen_is_empty() {
    let command = format!("{} --lang en | cat > out.txt", binary());
    let tmux = Tmux::start("piped-cancel", 100, 30, ENV, &[], &command);
    tmux.wait_for(READY);
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_exit(), 0, "the pipeline's status is cat's");
    assert_eq!(tmux.file("out.txt"), "");
}

/// A private X server for one test, stopped (by its pid) when the test ends.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        // -displayfd picks a free display and writes its number; -noreset keeps the server (and
        // the selection) when its last client leaves, as a desktop session does.
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp", "-noreset", "-screen", "0", "320x240x24"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (.ci/run installs xvfb and xclip)");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("piped");
        BufReader::new(stdout).read_line(&mut line).expect("Xvfb says its display");
        let display = format!(":{}", line.trim());
        assert!(line.trim().parse::<u32>().is_ok(), "Xvfb display number: {line:?}");
        Xvfb { child, display }
    }

    /// The clipboard's text, read as another program would (`xclip -o`), or `None`.
    fn clipboard(&self) -> Option<String> {
        let output = Command::new("timeout")
            .args(["5", "xclip", "-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stderr(Stdio::null())
            .output()
            .expect("xclip is installed (.ci/run installs it)");
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// Copies `text` as another program would (`xclip -i`, which forks to serve it).
    fn copy(&self, text: &str) {
        let mut xclip = Command::new("xclip")
            .args(["-i", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xclip runs");
        xclip.stdin.take().expect("piped").write_all(text.as_bytes()).expect("xclip reads");
        assert!(xclip.wait().expect("xclip ends").success());
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        // Its clients (xclip's server, our clipboard server) lose the connection and exit.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Pids of `kommo-events __serve-clipboard` processes on this X display (found through /proc,
/// so parallel tests with other displays are not counted).
fn clipboard_servers(display: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            let has = |bytes: &[u8], part: &str| bytes.split(|b| *b == 0).any(|p| p == part.as_bytes());
            has(&cmdline, "__serve-clipboard") && has(&environ, &format!("DISPLAY={display}"))
        })
        .collect()
}

fn wait_until(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn ctrl_y_under_x11_copies_the_query_and_it_outlives_the_program() {
    let x = Xvfb::start();
    let env = &[
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "native"),
        ("DISPLAY", x.display.as_str()),
    ];
    let tmux = start("x11", 120, 36, env, "--lang en > out.txt");
    tmux.wait_for(READY);
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-y"]);
    tmux.wait_for("Copied the query to the clipboard.");
    let query = "filter[type]=incoming_call";
    assert_eq!(x.clipboard().as_deref(), Some(query), "while the program runs");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    // No wait here: the program hands the text over before it exits.
    assert_eq!(x.clipboard().as_deref(), Some(query), "after the program has exited");
    assert_eq!(tmux.file("out.txt"), format!("{query}\n"));
    assert_eq!(clipboard_servers(&x.display).len(), 1, "one clipboard server keeps the text");
    // Copying something else ends the clipboard server by itself.
    x.copy("something else");
    wait_until("the clipboard server to exit", || clipboard_servers(&x.display).is_empty());
    assert_eq!(x.clipboard().as_deref(), Some("something else"));
}

#[test]
fn native_clipboard_without_a_display_says_why_and_the_query_is_still_printed() {
    let env = &[("LANG", "C.UTF-8"), ("TERM", "xterm-256color"), ("KOMMO_EVENTS_CLIPBOARD", "native")];
    let command = format!("unset DISPLAY WAYLAND_DISPLAY; {}", program("--lang en > out.txt"));
    let tmux = Tmux::start("no-display", 120, 36, env, &[], &command);
    tmux.wait_for(READY);
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    tmux.keys(&["C-y"]);
    // One clause, not "no system clipboard (DISPLAY is not set)" wrapped in more of the same.
    // The whole line: a capture may catch the status line half drawn.
    let screen = tmux.wait_for("Could not copy: DISPLAY is not set. Enter prints the query instead.");
    assert!(screen.contains("filter[type]=incoming_call"), "the query is still on screen:\n{screen}");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0);
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call\n");
}

#[test]
#[cfg(target_os = "linux")]
fn a_display_that_never_answers_times_out_and_the_screen_keeps_working() {
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::SocketAddr;
    // An X display that accepts the connection and never says a word: a listening socket at the
    // abstract address X clients try first for display N, never accepted. N is far above the
    // displays Xvfb -displayfd picks (it counts up from 0), and per test process.
    let number = 5000 + std::process::id() % 1000;
    let address =
        SocketAddr::from_abstract_name(format!("/tmp/.X11-unix/X{number}")).expect("an abstract address");
    let _listener = UnixListener::bind_addr(&address).expect("a socket that never answers");
    let display = format!(":{number}");
    let env = &[
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "native"),
        ("DISPLAY", display.as_str()),
    ];
    let tmux = start("stuck-x", 120, 36, env, "--lang en > out.txt");
    tmux.wait_for(READY);
    tmux.type_text("incoming_call");
    tmux.wait_for("1/82");
    tmux.keys(&["Tab"]);
    tmux.wait_for("✔ 1");
    let asked = Instant::now();
    tmux.keys(&["C-y"]);
    let screen = tmux.wait_for("did not answer within 2s");
    assert!(asked.elapsed() < Duration::from_secs(10), "bounded: {:?}", asked.elapsed());
    assert!(screen.contains("filter[type]=incoming_call"), "the query is still on screen:\n{screen}");
    // The screen still answers, and a second Ctrl-Y does not wait again.
    tmux.keys(&["C-u"]);
    tmux.type_text("lead_added");
    tmux.wait_for("> lead_added");
    let asked = Instant::now();
    tmux.keys(&["C-y"]);
    tmux.wait_until(|s| s.contains("did not answer") && s.contains("> lead_added"), "the second toast");
    assert!(asked.elapsed() < Duration::from_secs(10));
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_exit(), 0, "exits although the clipboard thread is stuck");
    assert_eq!(tmux.file("out.txt"), "filter[type]=incoming_call\n");
}
