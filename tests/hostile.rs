//! The real binary against hostile input: a server whose headers and bodies try to crash, hang or
//! write to the terminal, files that are devices or huge, pastes of a megabyte, and streams that
//! close early. Each case was once a bug; each test pins what happens now.

mod support;

use std::io::Write;
use std::process::{Output, Stdio};
use std::sync::Arc;

use serde_json::{json, Value};
use support::cli::{self, json_lines, run, stderr, stdout};
use support::kommo::{self, FakeKommo};
use support::server::{Response, TestServer};

/// Every kind of text that acts on a terminal: OSC title and clipboard writes, a screen clear,
/// 8-bit CSI and OSC, a bell, a backspace, NUL, DEL, NEL, bidirectional overrides.
const HOSTILE: &str = "Lead\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{1b}\\\u{9b}31m\u{9d}0;x\u{9c}\u{7}\u{8}\u{0}\u{7f}\u{85}\u{202e}evil\u{2066} end";

/// True when `text` holds anything a terminal would act on.
fn acts_on_a_terminal(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
    })
}

fn assert_printable(output: &Output, what: &str) {
    let (out, err) = (stdout(output), stderr(output));
    assert!(!acts_on_a_terminal(&out), "{what}: stdout has terminal controls: {out:?}");
    assert!(!acts_on_a_terminal(&err), "{what}: stderr has terminal controls: {err:?}");
    assert!(!err.contains("panicked"), "{what}: {err}");
}

fn hostile_account() -> Arc<FakeKommo> {
    let fake = FakeKommo::new();
    let mut event =
        kommo::event("H1", "entity_tag_added", 1_767_225_600, json!([]), json!([{"tag": {"name": HOSTILE}}]));
    event["_embedded"]["entity"]["name"] = json!(HOSTILE);
    fake.add([event, kommo::stage_change("H2", 1_767_225_601)]);
    fake
}

/// A server whose answers on the names routes carry hostile names, and a type code that is far
/// too long, on top of the fake account.
fn hostile_names_server(fake: &Arc<FakeKommo>) -> TestServer {
    let fake = Arc::clone(fake);
    TestServer::start(move |request| match request.path.as_str() {
        "/api/v4/users" => kommo::names_page(request, "users", &[json!({"id": 11, "name": HOSTILE})]),
        "/api/v4/events/types" => kommo::names_page(
            request,
            "events_types",
            &[
                json!({"key": "lead_added", "type": 1, "lang": HOSTILE}),
                json!({"key": "hostile_type", "type": 3, "lang": HOSTILE}),
                json!({"key": "x".repeat(70_000), "type": 2, "lang": "long"}),
            ],
        ),
        _ => fake.answer(request),
    })
}

#[test]
fn account_text_never_reaches_the_terminal_raw_on_any_output_path() {
    let cache = support::temp_dir("hostile-outputs");
    let fake = hostile_account();
    let server = hostile_names_server(&fake);
    let base = server.base_url();
    let refreshed = run(&cache, &base, &["account", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_printable(&refreshed, "account refresh");

    for format in ["jsonl", "json", "csv"] {
        let output = run(&cache, &base, &["fetch", "--format", format, "--with", "lead_name"]);
        assert!(output.status.success(), "fetch {format}: {}", stderr(&output));
        assert_printable(&output, &format!("fetch --format {format}"));
    }
    // JSON keeps the data exact: the escapes are JSON's, the lead's name parses back whole.
    let events = json_lines(&run(&cache, &base, &["fetch"]));
    let hostile = events.iter().find(|e| e["id"] == "H1").expect("H1 fetched");
    assert_eq!(hostile["_embedded"]["entity"]["name"], HOSTILE);
    assert_eq!(hostile["value_after"][0]["tag"]["name"], HOSTILE);
    // The words are printable and still say what changed.
    let change = hostile["_described"]["change"].as_str().unwrap();
    assert!(
        change.contains("Lead") && change.contains("evil end") && !acts_on_a_terminal(change),
        "{change}"
    );
    let csv = stdout(&run(&cache, &base, &["fetch", "--format", "csv", "--with", "lead_name"]));
    assert!(csv.contains("Lead") && csv.contains("evil end"), "{csv}");

    let tailed = run(
        &cache,
        &base,
        &["tail", "--created-from", "1767225600", "--interval", "0.1", "--max-polls", "1"],
    );
    assert!(tailed.status.success(), "{}", stderr(&tailed));
    assert_printable(&tailed, "tail");
    assert_eq!(json_lines(&tailed).len(), 2);

    for args in [&["account", "show"][..], &["account", "show", "--json"]] {
        let output = run(&cache, &base, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_printable(&output, &format!("{args:?}"));
    }
    let shown = stdout(&run(&cache, &base, &["account", "show"]));
    assert!(shown.contains("Lead") && shown.contains("evil end"), "{shown}");
    save_as_acme(&cache);
    for args in [&["list"][..], &["list", "--json"], &["search", "lead_added"], &["search", "--json", "lead"]]
    {
        let output = acme(&cache, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_printable(&output, &format!("{args:?}"));
    }
    // The account's own type is listed under its label, made printable.
    let listed = stdout(&acme(&cache, &["list"]));
    let line =
        listed.lines().find(|line| line.contains("hostile_type")).expect("the account's type is listed");
    assert!(line.ends_with("Leadevil end"), "{line:?}");
}

/// `list` and `search` read the names of the configured account: the answers saved from the test
/// server become those of `--subdomain acme`.
fn save_as_acme(cache: &std::path::Path) {
    let saved = cli::files_below(cache).into_iter().find(|path| path.ends_with("users.json")).expect("saved");
    let output = cli::command(cache)
        .args(["account", "refresh", "--subdomain", "acme", "--account-dir"])
        .arg(saved.parent().unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

fn acme(cache: &std::path::Path, args: &[&str]) -> Output {
    cli::command(cache).arg("--subdomain").arg("acme").args(args).output().unwrap()
}

fn with_config(dir: &std::path::Path, config: &str, args: &[&str]) -> Output {
    cli::command_free_to_name_a_config(dir).args(["--config", config]).args(args).output().unwrap()
}

#[test]
fn a_server_detail_full_of_escapes_is_printed_clean() {
    let cache = support::temp_dir("hostile-detail");
    let server = TestServer::start(|_| Response::problem(400, "Bad Request", HOSTILE));
    let output = run(&cache, &server.base_url(), &["fetch"]);
    assert_eq!(output.status.code(), Some(1));
    assert_printable(&output, "a 400 with a hostile detail");
    assert!(stderr(&output).contains("evil end"), "{}", stderr(&output));
}

#[test]
fn a_type_code_beyond_any_limit_is_left_out_and_list_still_works() {
    let cache = support::temp_dir("hostile-long-code");
    let fake = hostile_account();
    let server = hostile_names_server(&fake);
    let refreshed = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    // Run twice: the cache saved from such a server must not break every later run.
    save_as_acme(&cache);
    for _ in 0..2 {
        let listed = acme(&cache, &["list"]);
        assert!(listed.status.success(), "{}", stderr(&listed));
        assert!(!stdout(&listed).contains("xxxxxxxxxx"), "the long code is listed");
        assert!(stdout(&listed).contains("lead_added"));
    }
}

#[test]
fn a_catalog_with_a_huge_code_is_refused_with_a_short_message() {
    let dir = support::temp_dir("hostile-catalog");
    let path = dir.join("catalog.json");
    let entry = json!({"code": "y".repeat(5_000_000), "group": "leads", "label_es": "a", "label_en": "a",
        "description_en": "d", "description_es": "d", "value_filters": []});
    std::fs::write(&path, json!({"version": 1, "events": [entry]}).to_string()).unwrap();
    let output = cli::command(&dir).args(["--catalog", path.to_str().unwrap(), "list"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("is not a Kommo code") && message.contains("at most 128"), "{message}");
    assert!(message.len() < 1_000, "the code is echoed whole: {} bytes", message.len());
}

fn retry_after_server(status: u16, retry_after: &'static str) -> TestServer {
    TestServer::start(move |_| {
        Response::problem(status, "Slow down", "wait").with_header("Retry-After", retry_after)
    })
}

#[test]
fn a_retry_after_beyond_any_duration_is_an_error_not_a_crash() {
    let cache = support::temp_dir("hostile-retry-after");
    for (status, value) in [(429, "1e20"), (503, "1e20"), (429, "inf"), (503, "nan"), (502, "1e308")] {
        let server = retry_after_server(status, value);
        let output = run(&cache, &server.base_url(), &["fetch", "--retries", "2"]);
        assert_printable(&output, &format!("{status} Retry-After: {value}"));
        assert_eq!(output.status.code(), Some(1), "{status} {value}: {}", stderr(&output));
        let refresh = run(&cache, &server.base_url(), &["account", "refresh", "--retries", "1"]);
        assert_printable(&refresh, "account refresh");
        assert_eq!(refresh.status.code(), Some(1), "{}", stderr(&refresh));
    }
}

#[test]
fn a_5xx_asking_for_days_ends_at_once_and_says_why() {
    let cache = support::temp_dir("hostile-5xx-wait");
    let server = retry_after_server(503, "999999");
    let output = run(&cache, &server.base_url(), &["fetch", "--timeout", "2"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("asks to wait 999999 s"), "{message}");
    assert!(message.contains("--timeout"), "{message}");
    // One request: nothing was retried, so nothing claims "after 3 retries".
    assert_eq!(server.requests().len(), 1);
    assert!(!message.contains("retries"), "{message}");
}

#[test]
fn waits_together_stay_within_the_timeout() {
    let cache = support::temp_dir("hostile-wait-budget");
    // 4 tries of 2 s allow 8 s of waiting: the first 5 s wait fits, the second does not.
    let server = retry_after_server(503, "5");
    let output = run(&cache, &server.base_url(), &["fetch", "--timeout", "2", "--retries", "3"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(server.requests().len(), 2, "{}", stderr(&output));
    assert!(stderr(&output).contains("more than the 3 s left"), "{}", stderr(&output));
}

#[test]
fn a_429_after_one_request_says_no_retries_were_made() {
    let cache = support::temp_dir("hostile-429-count");
    let server = TestServer::start(|_| Response::problem(429, "Too Many Requests", "slow"));
    let output = run(&cache, &server.base_url(), &["fetch", "--retries", "0"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(server.requests().len(), 1);
    let message = stderr(&output);
    assert!(message.contains("429") && !message.contains("after 0 retries"), "{message}");
    assert!(!message.contains("3 retries"), "{message}");
}

#[test]
fn flags_that_are_not_numbers_of_seconds_are_refused() {
    let cache = support::temp_dir("hostile-timeout-flag");
    for value in ["nan", "inf", "1e20", "-1", "0"] {
        let output = run(&cache, "http://127.0.0.1:9", &["fetch", &format!("--timeout={value}")]);
        assert_eq!(output.status.code(), Some(2), "--timeout {value}: {}", stderr(&output));
        assert!(stderr(&output).contains("--timeout"), "{}", stderr(&output));
        assert_printable(&output, "--timeout");
    }
}

#[test]
fn a_worker_that_panics_is_an_error_exit_not_a_success() {
    let cache = support::temp_dir("hostile-worker");
    let fake = FakeKommo::new();
    let server = kommo::serve(&fake);
    let mut command = cli::command(&cache);
    command
        .args(["tail", "--interval", "0.1", "--max-polls", "2", "--base-url", &server.base_url()])
        .env("KOMMO_EVENTS_TEST_FAULT", "worker-panic");
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("internal error"), "{}", stderr(&output));
}

#[test]
fn an_event_at_the_end_of_time_does_not_stop_tail() {
    let cache = support::temp_dir("hostile-far-future");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let fake = FakeKommo::new();
    fake.add([kommo::stage_change("FAR", i64::MAX), kommo::stage_change("NOW", now)]);
    let server = {
        let fake = Arc::clone(&fake);
        let polls = std::sync::atomic::AtomicUsize::new(0);
        TestServer::start(move |request| {
            if request.path == "/api/v4/events" && request.param("page").is_none() {
                // An event arrives after the first poll, a second later than the last one.
                if polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 1 {
                    fake.add([kommo::stage_change("LATER", now + 1)]);
                }
            }
            fake.answer(request)
        })
    };
    let from = (now - 5).to_string();
    let output = run(
        &cache,
        &server.base_url(),
        &["tail", "--created-from", &from, "--interval", "0.2", "--max-polls", "4"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<String> = json_lines(&output).iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, ["NOW", "FAR", "LATER"]);
    // Every poll asked from the real newest second, not from the end of time.
    let froms: Vec<i64> = server
        .requests_to("/api/v4/events")
        .iter()
        .filter_map(|r| r.param("filter[created_at][from]").and_then(|v| v.parse().ok()))
        .collect();
    assert!(froms.iter().all(|from| *from <= now), "{froms:?}");
}

#[test]
fn endless_name_pages_stop_at_a_bound() {
    let cache = support::temp_dir("hostile-endless-pages");
    // Pages of 25,000 users that always link a next page.
    let server = TestServer::start(|request| {
        let page: usize = request.param("page").and_then(|p| p.parse().ok()).unwrap_or(1);
        match request.path.as_str() {
            "/api/v4/users" => {
                let users: Vec<Value> = (0..25_000).map(|i| json!({"id": page * 100_000 + i})).collect();
                let next = format!("http://x/api/v4/users?page={}", page + 1);
                Response::hal(json!({"_links": {"next": {"href": next}}, "_embedded": {"users": users}}))
            }
            "/api/v4/events/types" => kommo::names_page(request, "events_types", &kommo::event_types(None)),
            _ => Response::no_content(),
        }
    });
    let output = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("more than 500000 users"), "{}", stderr(&output));
    assert!(server.requests_to("/api/v4/users").len() <= 21);
}

#[test]
fn files_that_never_end_are_read_only_up_to_their_bound() {
    let cache = support::temp_dir("hostile-devices");
    let config = with_config(&cache, "/dev/zero", &["list"]);
    assert_eq!(config.status.code(), Some(2), "{}", stderr(&config));
    assert!(
        stderr(&config).contains("/dev/zero") && stderr(&config).contains("1 MiB"),
        "{}",
        stderr(&config)
    );

    let token = run(&cache, "http://127.0.0.1:9", &["fetch", "--token-file", "/dev/zero"]);
    assert_eq!(token.status.code(), Some(2), "{}", stderr(&token));
    assert!(stderr(&token).contains("more than 64 KiB"), "{}", stderr(&token));

    let names = support::temp_dir("hostile-devices-names");
    std::os::unix::fs::symlink("/dev/zero", names.join("users.json")).unwrap();
    let shown = cli::command(&cache)
        .args(["account", "show", "--account-dir", names.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(shown.status.code(), Some(1), "{}", stderr(&shown));
    assert!(stderr(&shown).contains("users.json") && stderr(&shown).contains("MiB"), "{}", stderr(&shown));

    let zeros = std::fs::File::open("/dev/zero").unwrap();
    let decoded = cli::command(&cache).args(["decode", "-"]).stdin(zeros).output().unwrap();
    assert_eq!(decoded.status.code(), Some(2), "{}", stderr(&decoded));
    assert!(stderr(&decoded).contains("more than 1 MiB"), "{}", stderr(&decoded));
}

#[test]
fn a_huge_config_value_is_not_echoed_whole() {
    let dir = support::temp_dir("hostile-config-value");
    let path = dir.join("config.toml");
    std::fs::write(&path, format!("lang = \"{}\"\n", "z".repeat(900_000))).unwrap();
    let output = with_config(&dir, path.to_str().unwrap(), &["list"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("lang"), "{}", stderr(&output));
    assert!(output.stderr.len() < 2_000, "{} bytes of error", output.stderr.len());
}

#[test]
fn a_closed_stderr_does_not_turn_a_broken_filter_into_success() {
    let cache = support::temp_dir("hostile-stderr");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = cli::command(&cache)
        .args(["query", "--entity-id", "5"])
        .stderr(Stdio::from(writer))
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_pasted_megabyte_is_decoded_or_refused_quickly_and_cleanly() {
    let cache = support::temp_dir("hostile-paste");
    let mut child = cli::command(&cache)
        .args(["decode", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let pasted = format!("filter[type]={}", "lead_added,".repeat(90_000));
    stdin.write_all(pasted.as_bytes()).unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_printable(&output, "decode of a megabyte");
    assert!(stdout(&output).contains("lead_added"), "{}", stderr(&output));
}
