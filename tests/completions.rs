//! Shell completions and the man page, generated from the command line's own definition, so they
//! can never disagree with it: every shell's script names the commands and the choices of typed
//! flags, bash loads its script, and `man -l` renders the page.

mod support;

use std::process::Command;

fn program(args: &[&str]) -> std::process::Output {
    let cache = support::temp_dir("completions");
    support::cli::command(&cache).args(args).output().expect("the binary runs")
}

#[test]
fn every_shell_gets_a_script_with_the_commands_and_the_choices_of_typed_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = program(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", String::from_utf8_lossy(&output.stderr));
        let script = String::from_utf8_lossy(&output.stdout);
        // fish writes long flags without their dashes (`-l max-pages`).
        for word in ["fetch", "tail", "decode", "max-pages", "resume", "rps"] {
            assert!(script.contains(word), "{shell}'s script lacks {word}");
        }
        // The choices of typed flags: fetch's --format, --progress, the screen's --format.
        for choice in ["jsonl", "csv", "never", "httpie"] {
            assert!(script.contains(choice), "{shell}'s script lacks the choice {choice}");
        }
    }
    let unknown = program(&["completions", "tcsh"]);
    assert_eq!(unknown.status.code(), Some(2), "an unknown shell is a usage error");
}

#[test]
fn bash_loads_the_script_and_completes_the_program() {
    let binary = env!("CARGO_BIN_EXE_kommo-events");
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c"])
        .arg(format!("source <('{binary}' --no-config completions bash) && complete -p kommo-events"))
        .output()
        .expect("bash runs");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(said.starts_with("complete ") && said.trim_end().ends_with(" kommo-events"), "{said}");
}

#[test]
fn the_man_page_renders_with_man() {
    let output = program(&["man"]);
    assert!(output.status.success());
    let dir = support::temp_dir("man-page");
    let page = dir.join("kommo-events.1");
    std::fs::write(&page, &output.stdout).unwrap();
    let rendered = Command::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .output()
        .expect("man is installed (the CI script installs man-db)");
    assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
    let text = String::from_utf8_lossy(&rendered.stdout);
    for part in ["NAME", "SYNOPSIS", "kommo-events", "fetch", "completions"] {
        assert!(text.contains(part), "the page lacks {part}:\n{text}");
    }
}

#[test]
fn short_flags_for_the_most_used_options() {
    let output = program(&["query", "-t", "lead_added", "-f", "url"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "https://YOUR_SUBDOMAIN.kommo.com/api/v4/events?filter[type]=lead_added\n"
    );
}
