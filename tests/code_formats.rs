//! The code formats (`--format php|python|js`, also in the screen's Ctrl-T cycle): the Python and
//! JavaScript programs run against the test server and fetch exactly what `fetch` fetches; the
//! PHP passes `php -l` and calls the official SDK's `EventsFilter` setters and events service.

mod support;

use std::process::{Command, Output};

use support::cli::{json_lines, run, stderr, stdout};
use support::kommo::{serve, stage_change, FakeKommo};
use support::server::{Response, TestServer};

fn program(cache: &std::path::Path, base: &str, format: &str, filter: &[&str]) -> String {
    let mut args = vec!["query", "-f", format];
    args.extend_from_slice(filter);
    let output = run(cache, base, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert!(!code.contains(support::cli::SECRET), "the token is never embedded");
    code
}

/// Runs `interpreter file` with the token in the environment.
fn execute(interpreter: &str, file: &std::path::Path) -> Output {
    Command::new(interpreter)
        .arg(file)
        .env("KOMMO_TOKEN", support::cli::SECRET)
        .output()
        .unwrap_or_else(|error| panic!("{interpreter} runs (the CI script installs it): {error}"))
}

/// A Python with `requests`: Debian's (`python3-requests`, which the CI script installs), or the
/// first `python3` on the PATH that has it.
fn python() -> String {
    for candidate in ["/usr/bin/python3", "python3"] {
        let works = Command::new(candidate).args(["-c", "import requests"]).output();
        if works.is_ok_and(|output| output.status.success()) {
            return candidate.to_owned();
        }
    }
    panic!("no python3 with requests: install python3-requests (the CI script does)");
}

fn ids(lines: &str) -> Vec<String> {
    lines
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("one JSON event per line"))
        .map(|event| event["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn account() -> std::sync::Arc<FakeKommo> {
    let fake = FakeKommo::new();
    fake.add((0..130).map(|i| stage_change(&format!("ev{i:04}"), 1_767_225_600 - i)));
    fake
}

#[test]
fn the_python_and_js_programs_fetch_exactly_what_fetch_fetches() {
    let cache = support::temp_dir("code-run");
    let server = serve(&account());
    let filter = ["-t", "lead_status_changed", "--limit", "20", "--created-from", "1767225500"];
    let fetched = run(
        &cache,
        &server.base_url(),
        &[
            "fetch",
            "--max-pages",
            "0",
            "--limit",
            "20",
            "-t",
            "lead_status_changed",
            "--created-from",
            "1767225500",
        ],
    );
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    let expected: Vec<String> = json_lines(&fetched)
        .iter()
        .map(|event| event["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(expected.len(), 101, "the events from 1767225500 on");
    for (format, interpreter, file) in
        [("python", python(), "events.py"), ("js", "node".to_owned(), "events.js")]
    {
        let code = program(&cache, &server.base_url(), format, &filter);
        let path = cache.join(file);
        std::fs::write(&path, code).unwrap();
        let output = execute(&interpreter, &path);
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(ids(&String::from_utf8_lossy(&output.stdout)), expected, "{format}");
    }
}

#[test]
fn the_programs_treat_204_as_no_events_and_stop_without_a_token() {
    let cache = support::temp_dir("code-204");
    let server = TestServer::start(|_| Response::no_content());
    for (format, interpreter, file) in [("python", python(), "none.py"), ("js", "node".to_owned(), "none.js")]
    {
        let path = cache.join(file);
        std::fs::write(&path, program(&cache, &server.base_url(), format, &["-t", "lead_added"])).unwrap();
        let output = execute(&interpreter, &path);
        assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(output.stdout.is_empty(), "{format}: no events, no output");
        let without = Command::new(&interpreter).arg(&path).env_remove("KOMMO_TOKEN").output().unwrap();
        assert!(!without.status.success(), "{format} without a token");
        assert!(
            String::from_utf8_lossy(&without.stderr).contains("KOMMO_TOKEN"),
            "{format}: says what to set"
        );
    }
}

#[test]
fn the_php_is_valid_and_calls_the_sdks_setters() {
    let cache = support::temp_dir("code-php");
    let filter = [
        "-t",
        "lead_status_changed",
        "--entity",
        "lead",
        "--entity-id",
        "7001",
        "--created-by",
        "0,11",
        "--created-from",
        "2026-01-01",
        "--created-to",
        "2026-01-31",
        "--status-after",
        "12345:142",
        "--with",
        "lead_name",
        "--limit",
        "100",
        "--subdomain",
        "acme",
    ];
    let output =
        support::cli::command(&cache).arg("query").args(["-f", "php"]).args(filter).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let php = stdout(&output);
    let path = cache.join("events.php");
    std::fs::write(&path, &php).unwrap();
    let lint = Command::new("php")
        .arg("-l")
        .arg(&path)
        .output()
        .expect("php-cli is installed (the CI script installs it)");
    assert!(lint.status.success(), "php -l: {}\n{php}", String::from_utf8_lossy(&lint.stdout));
    for call in [
        "$filter = new EventsFilter();",
        "$filter->setTypes(['lead_status_changed']);",
        "$filter->setEntity(['lead']);",
        "$filter->setEntityIds([7001]);",
        "$filter->setCreatedBy([0, 11]);",
        "(new BaseRangeFilter())->setFrom(",
        "$filter->setValueAfter(['leads_statuses' => [['pipeline_id' => 12345, 'status_id' => 142]]]);",
        "$filter->setLimit(100);",
        "$apiClient->events()->get($filter, ['lead_name'])",
        "$apiClient->events()->nextPage($events)",
        "new LongLivedAccessToken($token)",
        "setAccountBaseDomain('acme.kommo.com')",
        "catch (AmoCRMApiNoContentException $e)",
    ] {
        assert!(php.contains(call), "the PHP lacks {call}:\n{php}");
    }
}
