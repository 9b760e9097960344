//! Drives the real binary in a real terminal: a private tmux server per test (`tmux -L NAME`),
//! keys through `send-keys`, the screen through `capture-pane`. Every wait polls with a generous
//! timeout instead of sleeping, so the tests pass on a loaded 2-core machine.
//!
//! The pane runs a shell script: it prints [`SHELL_MARK`], runs the command, then records what the
//! terminal looks like afterwards (`stty -a` into `stty-after`, the exit code into `exit-code`) and
//! hands the terminal to `cat -v > typed-after`, so a test can type and paste after the program
//! has exited and see whether the terminal echoes and whether bracketed paste was left on.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

/// Printed by the pane's shell before the program starts: seeing it again after the program exits
/// means the alternate screen was left.
pub const SHELL_MARK: &str = "kommo-e2e: the shell before the program";

/// One tmux server running one program in a window of a fixed size.
pub struct Tmux {
    socket: String,
    pub dir: PathBuf,
}

impl Tmux {
    /// Starts `command` (a shell command line) in a new detached session of `width`x`height`.
    /// `setup` runs tmux commands (e.g. `set -g set-clipboard on`) before the program starts.
    pub fn start(
        name: &str,
        width: u16,
        height: u16,
        env: &[(&str, &str)],
        setup: &[&[&str]],
        command: &str,
    ) -> Tmux {
        let dir = std::env::temp_dir().join(format!("kommo-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let tmux = Tmux { socket: format!("kommo-e2e-{name}-{}", std::process::id()), dir };
        // The session starts with a placeholder shell so options can be set before the program runs.
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "sh",
        ]);
        for args in setup {
            tmux.run(args);
        }
        // Each test has its own state and config directories, never the user's real ones.
        let isolation = format!(
            "export KOMMO_EVENTS_STATE_DIR='{0}/state' XDG_CONFIG_HOME='{0}/config'; unset KOMMO_EVENTS_CONFIG; ",
            tmux.dir.display()
        );
        let exports: String =
            isolation + &env.iter().map(|(k, v)| format!("export {k}='{v}'; ")).collect::<String>();
        let dir = tmux.dir.display();
        let script = format!(
            "{exports}cd '{dir}'; echo '{SHELL_MARK}'; {command}; code=$?; \
             stty -a > '{dir}/stty-after' 2>&1; echo $code > '{dir}/exit-code'; exec cat -v > '{dir}/typed-after'"
        );
        tmux.run(&["respawn-pane", "-k", "-t", "e2e", "sh", "-c", &script]);
        tmux
    }

    /// Starts an interactive shell with job control (bash, prompt `e2e$ `) in a new detached
    /// session, in the test's directory, so a test can type commands, Ctrl-Z a program and `fg` it
    /// as a person does.
    pub fn start_shell(name: &str, width: u16, height: u16, env: &[(&str, &str)]) -> Tmux {
        let tmux = Tmux::start(name, width, height, env, &[], "true");
        let dir = tmux.dir.display().to_string();
        let mut command = vec!["respawn-pane", "-k", "-t", "e2e", "-c", &dir, "env", "PS1=e2e$ "];
        let state = format!("KOMMO_EVENTS_STATE_DIR={dir}/state");
        let config = format!("XDG_CONFIG_HOME={dir}/config");
        command.push(&state);
        command.push(&config);
        let pairs: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        command.extend(pairs.iter().map(String::as_str));
        command.extend(["bash", "--norc", "--noprofile", "-i"]);
        tmux.run(&command);
        tmux.wait_for("e2e$");
        tmux
    }

    fn run(&self, args: &[&str]) -> Output {
        let output = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("LANG", "C.UTF-8")
            .output()
            .expect("tmux is installed (the CI script installs it)");
        assert!(output.status.success(), "tmux {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        output
    }

    /// The visible screen, as text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// The visible screen with its colours and attributes as escape sequences (`capture-pane -e`).
    pub fn screen_with_escapes(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-e", "-t", "e2e"]).stdout).into_owned()
    }

    /// Resizes the window, as a user dragging the terminal's corner (the window size becomes manual).
    pub fn resize(&self, width: u16, height: u16) {
        self.run(&["resize-window", "-t", "e2e", "-x", &width.to_string(), "-y", &height.to_string()]);
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    pub fn pane(&self, format: &str) -> String {
        self.command(&["display-message", "-p", "-t", "e2e", format]).trim().to_string()
    }

    /// The program's pid, written by the [`program`] wrapper (`echo $$ > pid; exec …`).
    pub fn program_pid(&self) -> u32 {
        let text = self.wait_for_file("pid", |text| text.trim().parse::<u32>().is_ok());
        text.trim().parse().expect("checked above")
    }

    /// Sends a signal (`TERM`, `HUP`, `INT`…) to the program, as `kill -s NAME` from another shell.
    pub fn signal(&self, name: &str) {
        let pid = self.program_pid().to_string();
        let status = Command::new("kill").args(["-s", name, &pid]).status().expect("kill runs");
        assert!(status.success(), "kill -s {name} {pid} failed");
    }

    /// Waits until the file `name` in the test's directory satisfies `check`; returns its text.
    pub fn wait_for_file(&self, name: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let text = self.file(name);
            if check(&text) {
                return text;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {name} (it holds {text:?}); the screen was:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types text literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// Presses keys by tmux name (`Tab`, `Enter`, `C-y`, `Escape`, `F1`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Runs any tmux command and returns its stdout.
    pub fn command(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Waits until the screen contains `text`; panics with the screen when it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|screen| screen.contains(text), &format!("screen to show {text:?}"))
    }

    /// Waits until `check` holds for the screen.
    pub fn wait_until(&self, check: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(start.elapsed() < TIMEOUT, "timed out waiting for {what}; the screen was:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the program to exit and returns its exit code.
    pub fn wait_exit(&self) -> i32 {
        let text = self.wait_for_file("exit-code", |text| text.trim().parse::<i32>().is_ok());
        text.trim().parse().expect("checked above")
    }

    /// A file the program wrote in the test's directory.
    pub fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap_or_default()
    }

    /// Path inside the test's directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A command line that runs the binary with `args` (which may hold redirections) after writing
/// its pid to `pid`: `exec` makes the program the process whose pid was written.
pub fn program(args: &str) -> String {
    format!("sh -c \"echo \\$\\$ > pid; exec {} {args}\"", binary())
}

/// The binary under test, quoted for a shell command line.
pub fn binary() -> String {
    let path = Path::new(env!("CARGO_BIN_EXE_kommo-events"));
    format!("'{}'", path.display())
}

/// The environment of a screen that talks to an account: UTF-8, colours, no clipboard, the
/// token, and times in UTC (so tests can match the times the screen shows).
pub fn account_env(token: &str) -> [(&str, &str); 5] {
    [
        ("LANG", "C.UTF-8"),
        ("TERM", "xterm-256color"),
        ("KOMMO_EVENTS_CLIPBOARD", "off"),
        ("KOMMO_TOKEN", token),
        ("TZ", "UTC"),
    ]
}
