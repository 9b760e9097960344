//! The bulk export benchmark behind `scripts/bench-bulk-fetch.sh`, and the server behind
//! `scripts/bench-fetch-memory.sh`.
//!
//! `bench_bulk compare BIN`: a stand-in account on the tests' HTTP server
//! (tests/support/server.rs) with 40 pages of 100 events, half a second per answer, and a new
//! event arriving every quarter second, as on a busy account. It walks the account twice in the
//! same run: once with a plain sequential client (one page after another, following
//! `_links.next`, as hand-written export scripts do), once with `BIN fetch --max-pages 0`. It prints
//! each one's wall time and duplicates, the wall ratio, and fetch's share of the 7 requests a second
//! the account allows.
//!
//! `bench_bulk serve N`: serves N events with no delay and prints the address, for the memory script.

#[allow(dead_code)]
#[path = "../tests/support/kommo.rs"]
mod kommo;
#[allow(dead_code)]
#[path = "../tests/support/server.rs"]
mod server;

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kommo::{stage_change, FakeKommo};
use server::TestServer;

const PAGES: usize = 40;
const PER_PAGE: usize = 100;
const LATENCY: Duration = Duration::from_millis(500);
const ARRIVAL: Duration = Duration::from_millis(250);
const CEILING: f64 = 7.0;

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// An account of `count` events, one second apart, the newest an hour ago.
fn account(count: usize) -> Arc<FakeKommo> {
    let fake = FakeKommo::new();
    let newest = now() - 3600;
    fake.add((0..count).map(|i| stage_change(&format!("ev{i:06}"), newest - i as i64)));
    fake
}

/// Adds an event created now every [`ARRIVAL`] until `stop`.
fn arrivals(fake: &Arc<FakeKommo>, stop: &Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    let (fake, stop) = (Arc::clone(fake), Arc::clone(stop));
    std::thread::spawn(move || {
        let mut n = 0;
        while !stop.load(Ordering::SeqCst) {
            fake.add([stage_change(&format!("new{n:06}"), now())]);
            n += 1;
            std::thread::sleep(ARRIVAL);
        }
    })
}

/// One page after another, following `_links.next` on the local server; returns the ids seen.
fn sequential(base: &str) -> Vec<String> {
    let agent = ureq::Agent::new_with_defaults();
    let mut url = format!("{base}/api/v4/events?limit={PER_PAGE}");
    let mut ids = Vec::new();
    loop {
        let mut response =
            agent.get(&url).header("Authorization", "Bearer bench").call().expect("the server answers");
        if response.status().as_u16() == 204 {
            break;
        }
        let body: serde_json::Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        for event in body["_embedded"]["events"].as_array().into_iter().flatten() {
            ids.push(event["id"].as_str().unwrap_or_default().to_owned());
        }
        match body.pointer("/_links/next/href").and_then(|href| href.as_str()) {
            // Kommo's links name Kommo's host: the page is asked of the local server.
            Some(href) => url = format!("{base}{}", &href[href.find("/api/").unwrap_or(0)..]),
            None => break,
        }
    }
    ids
}

fn duplicates(ids: &[String]) -> usize {
    ids.len() - ids.iter().collect::<HashSet<_>>().len()
}

fn compare(bin: &str) {
    let fake = account(PAGES * PER_PAGE);
    let answering = Arc::clone(&fake);
    let server = TestServer::start(move |request| answering.answer(request).delayed(LATENCY));
    let base = server.base_url();
    let stop = Arc::new(AtomicBool::new(false));
    let arriving = arrivals(&fake, &stop);

    let started = Instant::now();
    let plain = sequential(&base);
    let plain_wall = started.elapsed();
    let plain_requests = server.requests().len();

    let state = std::env::temp_dir().join(format!("kommo-bench-bulk-{}", std::process::id()));
    let started = Instant::now();
    let output = Command::new(bin)
        .args([
            "--no-config",
            "fetch",
            "--max-pages",
            "0",
            "--limit",
            &PER_PAGE.to_string(),
            "--progress",
            "never",
        ])
        .args(["--base-url", &base])
        .env("KOMMO_TOKEN", "bench")
        .env("KOMMO_EVENTS_STATE_DIR", &state)
        .env("KOMMO_EVENTS_CACHE_DIR", state.join("cache"))
        .stderr(Stdio::inherit())
        .output()
        .expect("the program runs");
    let fetch_wall = started.elapsed();
    stop.store(true, Ordering::SeqCst);
    let _ = arriving.join();
    let _ = std::fs::remove_dir_all(&state);
    assert!(output.status.success(), "fetch failed");
    let fetched: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|event| event["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    let fetch_requests: Vec<Instant> = server.requests().iter().skip(plain_requests).map(|r| r.at).collect();
    let span = match (fetch_requests.first(), fetch_requests.last()) {
        (Some(first), Some(last)) => last.duration_since(*first).as_secs_f64(),
        _ => 0.0,
    };
    // Request starts per second over the walk: n requests span n - 1 intervals.
    let rate = if span > 0.0 { (fetch_requests.len() - 1) as f64 / span } else { 0.0 };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "account: {PAGES} pages of {PER_PAGE} events, {} ms per answer, an event every {} ms",
        LATENCY.as_millis(),
        ARRIVAL.as_millis()
    );
    let _ = writeln!(
        out,
        "sequential client: {:.1} s, {} events, {} duplicates, {plain_requests} requests",
        plain_wall.as_secs_f64(),
        plain.len(),
        duplicates(&plain)
    );
    let _ = writeln!(
        out,
        "kommo-events fetch: {:.1} s, {} events, {} duplicates, {} requests",
        fetch_wall.as_secs_f64(),
        fetched.len(),
        duplicates(&fetched),
        fetch_requests.len()
    );
    let _ = writeln!(
        out,
        "wall ratio (fetch / sequential): {:.2}",
        fetch_wall.as_secs_f64() / plain_wall.as_secs_f64()
    );
    let _ = writeln!(out, "share of the 7 requests/s ceiling: {:.2} ({rate:.2} requests/s)", rate / CEILING);
}

fn serve(count: usize) {
    let server = kommo::serve(&account(count));
    println!("{}", server.base_url());
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("compare") => compare(args.get(2).map_or("target/release/kommo-events", String::as_str)),
        Some("serve") => serve(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20_000)),
        _ => {
            eprintln!("usage: bench_bulk compare BIN | bench_bulk serve N");
            std::process::exit(2);
        }
    }
}
