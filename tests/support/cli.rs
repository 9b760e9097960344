//! Running the real binary against a test server, with a token that must never show.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The token every CLI test uses; no output or file may contain it.
pub const SECRET: &str = "SECRET-TOKEN-123";

/// The binary with a clean environment: English, no config, the token set, the cache in `cache`.
pub fn command(cache: &Path) -> Command {
    let mut command = command_free_to_name_a_config(cache);
    command.arg("--no-config");
    command
}

/// [`command`] without `--no-config`, for a test that passes `--config`.
pub fn command_free_to_name_a_config(cache: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kommo-events"));
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("KOMMO_SUBDOMAIN")
        .env_remove("KOMMO_ACCOUNT")
        .env_remove("KOMMO_EVENTS_CONFIG")
        .env("LANG", "C")
        .env("KOMMO_TOKEN", SECRET)
        .env("KOMMO_EVENTS_CACHE_DIR", cache)
        // The shared request budget and the sessions live beside the cache, never in the user's
        // own state directory (and not in the cache, which tests look into).
        .env("KOMMO_EVENTS_STATE_DIR", cache.with_extension("state"))
        .stdin(Stdio::null());
    command
}

/// Runs `args` against `base_url` and waits.
pub fn run(cache: &Path, base_url: &str, args: &[&str]) -> Output {
    let mut command = command(cache);
    command.args(args).arg("--base-url").arg(base_url);
    let output = command.output().expect("the binary runs");
    assert_no_secret(&output);
    output
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The token is in neither stream.
pub fn assert_no_secret(output: &Output) {
    assert!(!stdout(output).contains(SECRET), "token on stdout");
    assert!(!stderr(output).contains(SECRET), "token on stderr");
}

/// Every file below `dir`.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return files };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_below(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The lines of a JSON-lines output, parsed.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output).lines().map(|line| serde_json::from_str(line).expect("one JSON object per line")).collect()
}
