//! Exporting a whole account with `fetch`: pages asked ahead at the limiter's pace, an upper bound
//! pinned at the start so a growing account shifts nothing, `--resume` after a kill, and one
//! request budget shared by two programs at once. Through the real binary against the test server.

mod support;

use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use support::cli::{self, json_lines, run, stderr};
use support::kommo::{serve, stage_change, FakeKommo};
use support::server::TestServer;

/// The tests here run one at a time: each drives the binary at the rate ceiling, and on a 2-core
/// machine several at once delay requests between the budget and the server by more than the
/// limiter's margin, which the shared-budget test would count as a second with 8 arrivals.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An account with `count` events, one second apart, the newest 100 s before now.
fn account(count: usize) -> Arc<FakeKommo> {
    let fake = FakeKommo::new();
    let newest = now() - 100;
    fake.add((0..count).map(|i| stage_change(&format!("ev{i:05}"), newest - i as i64)));
    fake
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn ids(events: &[Value]) -> Vec<String> {
    events.iter().map(|event| event["id"].as_str().unwrap_or_default().to_owned()).collect()
}

/// A server over `fake` where every request for events first adds a new one, created now: an
/// account where events keep arriving while the export walks it.
fn growing(fake: &Arc<FakeKommo>) -> TestServer {
    let fake = Arc::clone(fake);
    let arrived = std::sync::atomic::AtomicUsize::new(0);
    TestServer::start(move |request| {
        if request.path == "/api/v4/events" {
            let n = arrived.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            // Created in the second the request came: the export's own second included.
            fake.add([stage_change(&format!("new{n:04}"), now())]);
        }
        fake.answer(request)
    })
}

#[test]
fn a_growing_account_is_exported_whole_with_nothing_twice() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-growing");
    let fake = account(1_000);
    let server = growing(&fake);
    let output = run(&cache, &server.base_url(), &["fetch", "--max-pages", "0", "--limit", "50"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let got = ids(&json_lines(&output));
    let expected: Vec<String> = (0..1_000).map(|i| format!("ev{i:05}")).collect();
    assert_eq!(got, expected, "every event of the start, once, newest first; none that arrived after");
    let pages: Vec<_> = server.requests_to("/api/v4/events");
    assert!(pages.len() >= 20, "20 pages of 50");
}

#[test]
fn the_page_limit_stops_and_says_how_to_get_the_rest() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-limit");
    let server = serve(&account(300));
    let output = run(&cache, &server.base_url(), &["fetch", "--max-pages", "2", "--limit", "50"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 100);
    let said = stderr(&output);
    assert!(said.contains("--max-pages 0") && said.contains("--resume FILE"), "{said}");
    assert!(said.contains("up to "), "the summary names the upper bound: {said}");
}

/// Starts `fetch` into `file` (an export of `fake` at a slow pace), kills it with `signal` once
/// `file` holds some events, and returns its exit status.
fn export_then_kill(
    cache: &std::path::Path,
    base: &str,
    file: &std::path::Path,
    signal: &str,
) -> Option<i32> {
    let out = std::fs::File::create(file).unwrap();
    let mut child = cli::command(cache)
        .args(["fetch", "--max-pages", "0", "--limit", "20", "--rps", "2", "--base-url", base])
        .stdout(Stdio::from(out))
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while std::fs::read_to_string(file).unwrap_or_default().lines().count() < 40 {
        assert!(start.elapsed() < Duration::from_secs(30), "the export never got going");
        std::thread::sleep(Duration::from_millis(20));
    }
    Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
    child.wait().unwrap().code()
}

fn resume_until_done(cache: &std::path::Path, base: &str, file: &std::path::Path) {
    let file = file.to_str().unwrap();
    let output = run(cache, base, &["fetch", "--max-pages", "0", "--limit", "20", "--resume", file]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "resume writes to the file, not stdout");
}

fn assert_whole_set(file: &std::path::Path, count: usize) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.ends_with('\n'), "only whole lines");
    let got: Vec<String> = text
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).expect("a whole event per line")["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let unique: HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "no event twice");
    let expected: Vec<String> = (0..count).map(|i| format!("ev{i:05}")).collect();
    assert_eq!(got, expected, "no gaps, newest first");
}

#[test]
fn sigterm_in_the_middle_then_resume_gives_exactly_the_full_set() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-term");
    let server = serve(&account(400));
    let file = cache.join("export.jsonl");
    assert_eq!(export_then_kill(&cache, &server.base_url(), &file, "TERM"), Some(143));
    let before = std::fs::read_to_string(&file).unwrap().lines().count();
    assert!((40..400).contains(&before), "stopped in the middle: {before}");
    resume_until_done(&cache, &server.base_url(), &file);
    assert_whole_set(&file, 400);
}

#[test]
fn sigkill_in_the_middle_then_resume_gives_exactly_the_full_set() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-kill");
    let server = serve(&account(400));
    let file = cache.join("export.jsonl");
    assert_eq!(export_then_kill(&cache, &server.base_url(), &file, "KILL"), None, "killed");
    // A kill can land inside a write: a torn line is what resume must cope with. Make sure of one.
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("{\"id\":\"ev9");
    std::fs::write(&file, text).unwrap();
    resume_until_done(&cache, &server.base_url(), &file);
    assert_whole_set(&file, 400);
}

#[test]
fn resume_in_csv_writes_the_header_once_and_drops_the_boundary_seconds_repeats() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-csv");
    let fake = FakeKommo::new();
    let base = now() - 100;
    // Three events in the same second, then older ones: the first run stops inside that second.
    fake.add((0..30).map(|i| stage_change(&format!("ev{i:05}"), base - (i as i64) / 3)));
    let server = serve(&fake);
    let file = cache.join("export.csv");
    let first =
        run(&cache, &server.base_url(), &["fetch", "--format", "csv", "--max-pages", "1", "--limit", "10"]);
    std::fs::write(&file, &first.stdout).unwrap();
    let output = run(
        &cache,
        &server.base_url(),
        &[
            "fetch",
            "--format",
            "csv",
            "--max-pages",
            "0",
            "--limit",
            "10",
            "--resume",
            file.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("id,created_at").count(), 1, "one header:\n{text}");
    let ids: Vec<&str> = text.lines().skip(1).map(|line| line.split(',').next().unwrap()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!((ids.len(), unique.len()), (30, 30), "each event once:\n{text}");
    let expected: Vec<String> = (0..30).map(|i| format!("ev{i:05}")).collect();
    assert!(expected.iter().all(|id| unique.contains(id.as_str())), "{text}");
}

#[test]
fn resume_refuses_a_json_array_and_a_file_of_something_else() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-refuse");
    let server = serve(&account(5));
    let file = cache.join("x.json");
    std::fs::write(&file, "hello\n").unwrap();
    let path = file.to_str().unwrap();
    let json = run(&cache, &server.base_url(), &["fetch", "--format", "json", "--resume", path]);
    assert_eq!(json.status.code(), Some(2));
    assert!(stderr(&json).contains("--format jsonl or csv"), "{}", stderr(&json));
    let foreign = run(&cache, &server.base_url(), &["fetch", "--resume", path]);
    assert_eq!(foreign.status.code(), Some(2));
    assert!(stderr(&foreign).contains("line 1: not a JSON line"), "{}", stderr(&foreign));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello\n", "a refused file is left as it was");
    assert!(server.requests().is_empty(), "nothing asked of the account");
}

#[test]
fn two_fetches_at_once_share_one_budget_of_seven_a_second() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-shared");
    let fake = account(1_200);
    let fake_for_server = Arc::clone(&fake);
    let server =
        TestServer::start(move |request| fake_for_server.answer(request).delayed(Duration::from_millis(50)));
    let spawn = || {
        cli::command(&cache)
            .args(["fetch", "--max-pages", "0", "--limit", "20", "--base-url", &server.base_url()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs")
    };
    let (first, second) = (spawn(), spawn());
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let arrivals: Vec<Instant> = server.requests_to("/api/v4/events").iter().map(|r| r.at).collect();
    assert!(arrivals.len() >= 120, "two walks of 60 pages: {}", arrivals.len());
    let most = support::most_in_any_window(&arrivals, Duration::from_secs(1));
    assert!(most <= 7, "{most} requests arrived within one second from the two programs together");
}

#[test]
fn rps_leaves_room_for_the_accounts_other_integrations() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-rps");
    let server = serve(&account(300));
    let output =
        run(&cache, &server.base_url(), &["fetch", "--max-pages", "0", "--limit", "20", "--rps", "3"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let arrivals: Vec<Instant> = server.requests_to("/api/v4/events").iter().map(|r| r.at).collect();
    assert!(support::most_in_any_window(&arrivals, Duration::from_secs(1)) <= 3);
    let bad = run(&cache, &server.base_url(), &["fetch", "--rps", "8"]);
    assert_eq!(bad.status.code(), Some(2), "Kommo allows 7");
}

#[test]
fn later_pages_are_asked_for_before_an_earlier_answer_arrives_and_come_out_in_order() {
    let _serial = one_at_a_time();
    let cache = support::temp_dir("bulk-ahead");
    let fake = account(200);
    let answering = Arc::clone(&fake);
    let page_three_asked = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let held = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (asked, held_for_server) = (Arc::clone(&page_three_asked), Arc::clone(&held));
    // Page 2's answer waits until page 3 has been asked for: a client that waits for each answer
    // before the next request would never get there (the server gives up after 10 s).
    let server = TestServer::start(move |request| {
        match request.param("page") {
            Some("3") => asked.store(true, std::sync::atomic::Ordering::SeqCst),
            Some("2") => {
                let start = Instant::now();
                while !asked.load(std::sync::atomic::Ordering::SeqCst)
                    && start.elapsed() < Duration::from_secs(10)
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                held_for_server.store(
                    asked.load(std::sync::atomic::Ordering::SeqCst),
                    std::sync::atomic::Ordering::SeqCst,
                );
            }
            _ => {}
        }
        answering.answer(request)
    });
    let output = run(&cache, &server.base_url(), &["fetch", "--max-pages", "0", "--limit", "20"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        held.load(std::sync::atomic::Ordering::SeqCst),
        "page 3 was asked for while page 2 was under way"
    );
    let expected: Vec<String> = (0..200).map(|i| format!("ev{i:05}")).collect();
    assert_eq!(ids(&json_lines(&output)), expected, "in the API's order, whatever order the answers came in");
}
