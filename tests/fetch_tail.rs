//! `fetch` and `tail` as the real binary, against a fake Kommo account on 127.0.0.1.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::cli::{self, json_lines, run, stderr, stdout, SECRET};
use support::kommo::{self, FakeKommo};
use support::server::{Response, TestServer};

fn ids(events: &[Value]) -> Vec<String> {
    events.iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect()
}

fn fake_with_changes() -> Arc<FakeKommo> {
    let fake = FakeKommo::new();
    fake.add([
        kommo::stage_change("E1", 1_767_225_600),
        kommo::responsible_change("E2", 1_767_225_601),
        kommo::event(
            "E3",
            "custom_field_777_value_changed",
            1_767_225_602,
            json!([{"custom_field_value": {"field_id": 777, "field_type": 4, "enum_id": 1, "text": "Web"}}]),
            json!([{"custom_field_value": {"field_id": 777, "field_type": 4, "enum_id": 2, "text": "Phone"}}]),
        ),
    ]);
    let robot =
        kommo::event("E4", "entity_tag_added", 1_767_225_603, json!([]), json!([{"tag": {"name": "vip"}}]));
    let mut robot = robot;
    robot["created_by"] = json!(0);
    fake.add([robot]);
    fake
}

#[test]
fn fetch_prints_json_lines_with_changes_in_the_accounts_words() {
    let cache = support::temp_dir("fetch-jsonl");
    let fake = fake_with_changes();
    let server = kommo::serve(&fake);
    let refreshed = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    let output = run(&cache, &server.base_url(), &["fetch", "--limit", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let events = json_lines(&output);
    // Kommo lists newest first; fetch prints in the API's order.
    assert_eq!(ids(&events), ["E4", "E3", "E2", "E1"]);
    let change = |i: usize| events[i]["_described"]["change"].as_str().unwrap_or("").to_owned();
    assert_eq!(change(3), "Stage: Negotiation → Won (Sales)");
    assert_eq!(change(2), "Responsible: Ana → Luis");
    assert_eq!(change(1), "Source: Web → Phone");
    assert_eq!(change(0), "Tags: +vip");
    assert_eq!(events[0]["_described"]["by"], "robot");
    assert_eq!(events[3]["_described"]["by"], "Ana");
    assert_eq!(events[1]["_described"]["type_label"], "Source");
    // Nothing of the API's event is lost.
    assert_eq!(events[3]["account_id"], 321);
    // The query went out percent-encoded, page by page, with the walk's upper bound pinned at
    // its start (`created_at` from 0 to that second, in the comma form).
    let asked: Vec<String> =
        server.requests_to("/api/v4/events").iter().map(|r| r.raw_query.clone()).collect();
    // Two pages, and at most the seven asked ahead past the end (under way when page 2 came).
    assert!((2..=9).contains(&asked.len()), "{asked:?}");
    let bound =
        asked[0].strip_prefix("filter%5Bcreated_at%5D=0%2C").and_then(|rest| rest.strip_suffix("&limit=2"));
    let bound: i64 = bound.and_then(|b| b.parse().ok()).unwrap_or_else(|| panic!("{asked:?}"));
    assert!(bound > 1_767_225_603, "the bound is the start's second, after every event: {bound}");
    assert!(asked.contains(&format!("{}&page=2", asked[0])), "{asked:?}");
}

#[test]
fn fetch_without_names_falls_back_to_ids() {
    let cache = support::temp_dir("fetch-ids");
    let server = kommo::serve(&fake_with_changes());
    let output = run(&cache, &server.base_url(), &["fetch"]);
    let events = json_lines(&output);
    assert_eq!(events[3]["_described"]["change"], "Stage: stage 1001 → won (pipeline 100)");
    assert_eq!(events[2]["_described"]["change"], "Responsible: user 11 → user 12");
    assert_eq!(events[1]["_described"]["change"], "field 777: Web → Phone");
}

#[test]
fn fetch_json_is_one_array() {
    let cache = support::temp_dir("fetch-json");
    let server = kommo::serve(&fake_with_changes());
    let output = run(&cache, &server.base_url(), &["fetch", "--format", "json", "--limit", "3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let events: Vec<Value> = serde_json::from_slice(&output.stdout).expect("a JSON array");
    assert_eq!(ids(&events), ["E4", "E3", "E2", "E1"]);
    assert!(events[0]["_described"].is_object());
}

#[test]
fn fetch_csv_has_a_header_and_a_row_per_event() {
    let cache = support::temp_dir("fetch-csv");
    let server = kommo::serve(&fake_with_changes());
    let output =
        run(&cache, &server.base_url(), &["fetch", "--format", "csv", "--type", "lead_status_changed"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id,created_at,created_at_utc,type,type_label,entity_type,entity_id,entity_name,created_by,by,change,value_before,value_after,account_id");
    assert_eq!(lines.len(), 2, "{text}");
    // Without the account's names the type's label is the catalog's: never empty for a known type.
    assert!(lines[1].starts_with("E1,1767225600,2026-01-01T00:00:00Z,lead_status_changed,Lead stage changed,lead,7001,,11,user 11,Stage: stage 1001 → won (pipeline 100),"), "{}", lines[1]);
}

#[test]
fn no_events_is_success_in_every_format() {
    let cache = support::temp_dir("fetch-204");
    let server = TestServer::start(|_| Response::no_content());
    for (format, expected) in [("jsonl", ""), ("json", "[]\n"), ("csv", "id,created_at,")] {
        let output = run(&cache, &server.base_url(), &["fetch", "--format", format]);
        assert_eq!(output.status.code(), Some(0), "{format}: {}", stderr(&output));
        let text = stdout(&output);
        if format == "csv" {
            assert!(text.starts_with(expected) && text.lines().count() == 1, "{text}");
        } else {
            assert_eq!(text, expected, "{format}");
        }
    }
}

#[test]
fn an_invalid_filter_exits_2_without_asking_the_account() {
    let cache = support::temp_dir("fetch-invalid");
    let server = TestServer::start(|_| Response::no_content());
    let broken = ["fetch", "--entity-id", "5"];
    let output = run(&cache, &server.base_url(), &broken);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("filter[entity_id]"), "{}", stderr(&output));
    assert!(server.requests().is_empty());
    let forced = run(&cache, &server.base_url(), &["fetch", "--entity-id", "5", "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(server.requests().len(), 1);
    let unknown = run(&cache, &server.base_url(), &["fetch", "--format", "curl"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("jsonl, json, csv"));
}

#[test]
fn setup_errors_exit_2_with_the_fix() {
    let cache = support::temp_dir("fetch-setup");
    let mut no_token = cli::command(&cache);
    no_token.env_remove("KOMMO_TOKEN").args(["fetch", "--base-url", "http://127.0.0.1:9"]);
    let output = no_token.output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("KOMMO_TOKEN"), "{}", stderr(&output));

    let mut no_account = cli::command(&cache);
    no_account.arg("fetch");
    let output = no_account.output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("KOMMO_SUBDOMAIN"), "{}", stderr(&output));

    let output = run(&cache, "http://example.com", &["fetch"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("plain http://"), "{}", stderr(&output));
}

#[test]
fn the_token_file_is_read_and_the_token_never_shows() {
    let cache = support::temp_dir("fetch-token-file");
    let token_file = cache.join("token");
    std::fs::write(&token_file, "FILE-TOKEN-456\n").unwrap();
    let server = TestServer::start(|_| Response::no_content());
    let mut command = cli::command(&cache);
    command.args(["fetch", "--base-url", &server.base_url(), "--token-file"]).arg(&token_file);
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.requests()[0].header("authorization"), Some("Bearer FILE-TOKEN-456"));
}

#[cfg(unix)]
#[test]
fn a_token_file_others_can_read_draws_a_warning_as_ssh_does() {
    use std::os::unix::fs::PermissionsExt;
    let cache = support::temp_dir("fetch-token-open");
    let token_file = cache.join("token");
    std::fs::write(&token_file, "FILE-TOKEN-456\n").unwrap();
    let server = TestServer::start(|_| Response::no_content());
    let fetch = || {
        let mut command = cli::command(&cache);
        command.args(["fetch", "--base-url", &server.base_url(), "--token-file"]).arg(&token_file);
        command.output().unwrap()
    };
    std::fs::set_permissions(&token_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let open = fetch();
    assert!(open.status.success(), "a warning, not an error");
    let said = stderr(&open);
    assert!(said.contains("can be read by others (mode 644)") && said.contains("chmod 600"), "{said}");
    assert_eq!(said.matches("warning").count(), 1, "said once: {said}");
    std::fs::set_permissions(&token_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(!stderr(&fetch()).contains("warning"), "a file of one's own says nothing");
}

#[test]
fn a_401_exits_1_with_the_reason_in_both_languages() {
    let cache = support::temp_dir("fetch-401");
    let server = TestServer::start(|_| Response::problem(401, "Unauthorized", "Unauthorized"));
    let output = run(&cache, &server.base_url(), &["fetch"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("401 Unauthorized"), "{}", stderr(&output));
    assert!(stdout(&output).is_empty());
    let spanish = run(&cache, &server.base_url(), &["fetch", "--lang", "es"]);
    assert!(stderr(&spanish).contains("401 No autorizado"), "{}", stderr(&spanish));
}

#[test]
fn a_400_shows_each_validation_error() {
    let cache = support::temp_dir("fetch-400");
    let server = TestServer::start(|_| {
        Response::json(
            400,
            "application/problem+json",
            json!({"title": "Bad Request", "status": 400, "detail": "Request validation failed",
                   "validation-errors": [{"request_id": "0", "errors": [
                       {"code": "NotSupportedChoice", "path": "filter.entity", "detail": "Not a valid choice."}]}]}),
        )
    });
    let output = run(&cache, &server.base_url(), &["fetch", "--entity", "customer"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("  filter.entity: Not a valid choice. (NotSupportedChoice)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_slow_account_times_out_with_the_flag_to_raise() {
    let cache = support::temp_dir("fetch-timeout");
    let server = TestServer::start(|_| Response::no_content().delayed(Duration::from_secs(3)));
    let output = run(&cache, &server.base_url(), &["fetch", "--timeout", "0.3", "--retries", "0"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no answer within 0.3 s"), "{}", stderr(&output));
}

#[test]
fn a_429_is_waited_out() {
    let cache = support::temp_dir("fetch-429");
    let fake = fake_with_changes();
    let server = TestServer::first_then(
        Response::problem(429, "Too Many Requests", "").with_header("Retry-After", "1"),
        move |request| fake.answer(request),
    );
    let output = run(&cache, &server.base_url(), &["fetch"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 4);
}

#[test]
fn fetch_stops_at_max_pages_and_says_so() {
    let cache = support::temp_dir("fetch-max-pages");
    let server = kommo::serve(&fake_with_changes());
    let output = run(&cache, &server.base_url(), &["fetch", "--limit", "1", "--max-pages", "2"]);
    assert!(output.status.success());
    assert_eq!(json_lines(&output).len(), 2);
    assert!(stderr(&output).contains("stopped after 2 pages"), "{}", stderr(&output));
}

#[test]
fn fetch_keeps_to_7_requests_per_second_over_40_pages() {
    let cache = support::temp_dir("fetch-rate");
    let fake = FakeKommo::new();
    fake.add((0..40).map(|i| kommo::stage_change(&format!("R{i:02}"), 1_700_000_000 + i)));
    let server = kommo::serve(&fake);
    let began = Instant::now();
    let output = run(&cache, &server.base_url(), &["fetch", "--limit", "1", "--max-pages", "0"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 40);
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    let most = support::most_in_any_window(&arrivals, Duration::from_secs(1));
    eprintln!(
        "fetch --limit 1 --max-pages 0: 40 pages in {:.2?}; most in any 1 s window: {most}",
        began.elapsed()
    );
    assert!(most <= 7, "{most}");
}

/// A fake whose events appear between polls: batch N is added when poll N starts.
fn growing(batches: Vec<Vec<Value>>) -> TestServer {
    let fake = FakeKommo::new();
    let polls = Arc::new(AtomicUsize::new(0));
    let batches = Arc::new(batches);
    TestServer::start(move |request| {
        if request.path == "/api/v4/events" && request.param("page").is_none() {
            let n = polls.fetch_add(1, Ordering::SeqCst);
            if let Some(batch) = batches.get(n) {
                fake.add(batch.clone());
            }
        }
        fake.answer(request)
    })
}

#[test]
fn tail_prints_every_event_once_across_second_boundaries() {
    let cache = support::temp_dir("tail-boundary");
    let t = 1_767_225_600;
    let e = |id: &str, at: i64| kommo::stage_change(id, at);
    let server = growing(vec![
        vec![e("A0-before-start", t - 1), e("A1", t), e("A2", t + 1), e("A3", t + 1)],
        // Late events of the second already seen, and a new second.
        vec![e("B1", t + 1), e("B2", t + 2)],
        vec![e("C1", t + 2), e("C2", t + 2), e("C3", t + 3)],
        vec![],
    ]);
    let output = run(
        &cache,
        &server.base_url(),
        &["tail", "--created-from", &t.to_string(), "--interval", "0.2", "--max-polls", "4", "--limit", "2"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = ids(&json_lines(&output));
    assert_eq!(printed, ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3"]);
    // Each poll asked from one second before the newest seen.
    let froms: Vec<String> = server
        .requests_to("/api/v4/events")
        .iter()
        .filter(|r| r.param("page").is_none())
        .map(|r| r.param("filter[created_at]").unwrap_or("").to_owned())
        .collect();
    assert_eq!(froms, [t - 1, t, t + 1, t + 2].map(|s| s.to_string()));
}

#[test]
fn tail_refuses_an_end_date() {
    let cache = support::temp_dir("tail-to");
    let server = TestServer::start(|_| Response::no_content());
    let output = run(&cache, &server.base_url(), &["tail", "--created-to", "2026-01-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("fetch"), "{}", stderr(&output));
    assert!(server.requests().is_empty());
}

#[test]
fn tail_from_a_span_in_words_follows_from_its_start() {
    let cache = support::temp_dir("tail-today");
    let server = TestServer::start(|_| Response::no_content());
    let output = run(
        &cache,
        &server.base_url(),
        &["tail", "--created-from", "today", "--interval", "0.1", "--max-polls", "1"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let requests = server.requests();
    let range = requests[0].param("filter[created_at]").expect("a created_at range").to_string();
    let from: i64 = range.split(',').next().and_then(|from| from.parse().ok()).expect("seconds");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(from <= now && now - from < 86_400 + 3_600, "from the start of today: {range}");
}

#[test]
fn tail_goes_on_after_a_failed_poll() {
    let cache = support::temp_dir("tail-503");
    let server = TestServer::first_then(Response::problem(503, "Service Unavailable", ""), move |_| {
        Response::no_content()
    });
    let output =
        run(&cache, &server.base_url(), &["tail", "--interval", "0.1", "--max-polls", "2", "--retries", "0"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("warning: 503"), "{}", stderr(&output));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn tail_stops_on_a_401() {
    let cache = support::temp_dir("tail-401");
    let server = TestServer::start(|_| Response::problem(401, "Unauthorized", ""));
    let output = run(&cache, &server.base_url(), &["tail", "--interval", "0.1", "--max-polls", "5"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(server.requests().len(), 1);
}

#[cfg(unix)]
fn signal_exit(signal: &str) -> Option<i32> {
    let cache = support::temp_dir(&format!("tail-{signal}"));
    let server = TestServer::start(|_| Response::no_content());
    let mut child = cli::command(&cache)
        .args(["tail", "--interval", "30", "--base-url", &server.base_url()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.requests().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!server.requests().is_empty(), "tail never polled");
    let killed = std::process::Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let began = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(began.elapsed() < Duration::from_secs(5));
            let output = child.wait_with_output().unwrap();
            assert!(!stderr(&output).contains(SECRET));
            return status.code();
        }
        if began.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("tail did not stop on {signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
#[cfg(unix)]
fn tail_stops_cleanly_on_sigterm_and_ctrl_c() {
    assert_eq!(signal_exit("-TERM"), Some(143));
    assert_eq!(signal_exit("-INT"), Some(130));
}
