//! The HTTP client against a real HTTP/1.1 server on 127.0.0.1: pages, the rate limit under a
//! burst, retries, every error, the token, and the background fetch a screen would use.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use kommo_events::api::{
    fetch_events, spawn_events, ApiError, BaseUrl, Cancel, Client, Connection, FetchUpdate, Limiter, Notice,
    RetryReason, Token,
};
use kommo_events::i18n::Lang;
use serde_json::json;
use support::kommo::{self, FakeKommo};
use support::server::{Response, TestServer};

const SECRET: &str = "SECRET-TOKEN-123";

fn client_for(server: &TestServer, timeout: Duration, retries: u32) -> Client {
    let base = BaseUrl::parse(&server.base_url(), false).unwrap();
    let mut connection = Connection::new(base, Token::new(SECRET).unwrap());
    connection.timeout = timeout;
    connection.retries = retries;
    Client::new(connection, Arc::new(Limiter::kommo()))
}

fn client(server: &TestServer) -> Client {
    client_for(server, Duration::from_secs(5), 3)
}

fn get(client: &Client, path: &str) -> (Result<Option<serde_json::Value>, ApiError>, Vec<Notice>) {
    let mut notices = Vec::new();
    let result = client.get(path, &Cancel::new(), &mut |n| notices.push(n));
    (result, notices)
}

fn error_of(server: &TestServer) -> ApiError {
    get(&client(server), "/api/v4/events").0.unwrap_err()
}

#[test]
fn pages_are_followed_on_our_own_host_until_next_is_absent() {
    let fake = FakeKommo::new();
    fake.add((0..7).map(|i| kommo::stage_change(&format!("E{i}"), 1_000 + i)));
    let server = kommo::serve(&fake);
    let mut pages = Vec::new();
    let summary = fetch_events(&client(&server), "/api/v4/events?limit=3", None, &Cancel::new(), &mut |u| {
        if let FetchUpdate::Page(page) = u {
            pages.push(page.events.len());
        }
    })
    .unwrap();
    assert_eq!(pages, [3, 3, 1]);
    assert_eq!((summary.pages, summary.events, summary.more), (3, 7, false));
    // The answers' next links name acme.kommo.com; every request still came here.
    let requests = server.requests_to("/api/v4/events");
    let asked: Vec<Option<&str>> = requests.iter().map(|r| r.param("page")).collect();
    assert_eq!(asked, [None, Some("2"), Some("3")]);
}

#[test]
fn the_page_limit_stops_and_says_there_is_more() {
    let fake = FakeKommo::new();
    fake.add((0..7).map(|i| kommo::stage_change(&format!("E{i}"), 1_000 + i)));
    let server = kommo::serve(&fake);
    let summary =
        fetch_events(&client(&server), "/api/v4/events?limit=3", Some(2), &Cancel::new(), &mut |_| {})
            .unwrap();
    assert_eq!((summary.pages, summary.events, summary.more), (2, 6, true));
}

#[test]
fn no_content_means_no_events() {
    let server = TestServer::start(|_| Response::no_content());
    let summary =
        fetch_events(&client(&server), "/api/v4/events", None, &Cancel::new(), &mut |_| {}).unwrap();
    assert_eq!((summary.pages, summary.events), (0, 0));
}

#[test]
fn a_burst_of_40_requests_never_puts_more_than_7_into_one_second() {
    let server = TestServer::start(|_| Response::hal(json!({"_embedded": {"events": []}})));
    let client = Arc::new(client(&server));
    let began = Instant::now();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let client = Arc::clone(&client);
            std::thread::spawn(move || {
                for _ in 0..10 {
                    client.get("/api/v4/events", &Cancel::new(), &mut |_| {}).unwrap();
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let elapsed = began.elapsed();
    let arrivals: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(arrivals.len(), 40);
    let most = support::most_in_any_window(&arrivals, Duration::from_secs(1));
    eprintln!("burst: 40 requests from 4 threads in {elapsed:.2?}; most in any 1 s window: {most}");
    assert!(most <= 7, "{most} requests in one second");
    assert!(most >= 5, "the limiter should not be far slower than the limit: {most}");
}

#[test]
fn a_429_is_retried_after_its_retry_after() {
    let server = TestServer::first_then(
        Response::problem(429, "Too Many Requests", "Slow down").with_header("Retry-After", "1"),
        move |_| Response::hal(json!({"_embedded": {"events": [{"id": "a"}]}})),
    );
    let (result, notices) = get(&client(&server), "/api/v4/events");
    assert!(result.unwrap().is_some());
    assert_eq!(
        notices,
        [Notice::Retrying {
            reason: RetryReason::RateLimited,
            wait: Duration::from_secs(1),
            attempt: 1,
            of: 3
        }]
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let gap = requests[1].at.duration_since(requests[0].at);
    assert!(gap >= Duration::from_millis(950), "retried after {gap:?}");
}

#[test]
fn retries_are_bounded() {
    let server = TestServer::start(|_| {
        Response::problem(429, "Too Many Requests", "").with_header("Retry-After", "0")
    });
    let (result, notices) = get(&client_for(&server, Duration::from_secs(5), 2), "/api/v4/events");
    assert_eq!(result.unwrap_err(), ApiError::RateLimited { retries: 2 });
    assert_eq!(notices.len(), 2);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn a_server_error_is_retried_with_backoff() {
    let server = TestServer::first_then(Response::problem(503, "Service Unavailable", ""), move |_| {
        Response::no_content()
    });
    let (result, notices) = get(&client(&server), "/api/v4/events");
    assert_eq!(result.unwrap(), None);
    assert!(matches!(notices[..], [Notice::Retrying { reason: RetryReason::Server(503), .. }]));
}

#[test]
fn a_401_says_the_token_was_refused_and_never_shows_it() {
    // A server that echoes the token back in its detail: the message must scrub it.
    let server = TestServer::start(|r| {
        let sent = r.header("authorization").unwrap_or("").to_string();
        Response::problem(401, "Unauthorized", &format!("Token {sent} is expired"))
    });
    let error = error_of(&server);
    assert!(matches!(error, ApiError::Unauthorized { .. }));
    for lang in [Lang::En, Lang::Es] {
        let message = error.message(lang);
        assert!(message.starts_with("401"), "{message}");
        assert!(!message.contains(SECRET), "{message}");
        assert!(message.contains("Bearer ***"), "{message}");
    }
    assert!(!format!("{error:?}").contains(SECRET));
    assert_eq!(server.requests().len(), 1, "a 401 is not retried");
}

#[test]
fn the_token_is_sent_as_a_bearer_header() {
    let server = TestServer::start(|_| Response::no_content());
    get(&client(&server), "/api/v4/events").0.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some("Bearer SECRET-TOKEN-123"));
    assert!(request.header("user-agent").unwrap_or("").starts_with("kommo-events/"));
    assert!(!request.raw_query.contains(SECRET));
}

#[test]
fn a_402_says_the_account_is_not_paid() {
    let server = TestServer::start(|_| Response::problem(402, "Payment Required", "Account is not paid"));
    let message = error_of(&server).message(Lang::En);
    assert!(message.contains("402") && message.contains("not paid"), "{message}");
}

#[test]
fn a_403_says_rights_or_blocked_ip() {
    let server = TestServer::start(|_| Response::problem(403, "Forbidden", "Access denied"));
    let error = error_of(&server);
    assert_eq!(error, ApiError::Forbidden { detail: Some("Access denied".into()), after_rate_limit: false });
    assert!(error.message(Lang::En).contains("no rights"));
}

#[test]
fn a_403_after_429s_says_the_ip_is_blocked() {
    let server = TestServer::first_then(
        Response::problem(429, "Too Many Requests", "").with_header("Retry-After", "0"),
        move |_| Response::problem(403, "Forbidden", ""),
    );
    let error = error_of(&server);
    assert!(matches!(error, ApiError::Forbidden { after_rate_limit: true, .. }));
    assert!(error.message(Lang::En).contains("blocks the IP"), "{}", error.message(Lang::En));
    assert!(error.message(Lang::Es).contains("bloquea la IP"));
}

#[test]
fn a_400_lists_each_validation_error() {
    let server = TestServer::start(|_| {
        Response::json(
            400,
            "application/problem+json",
            json!({
                "title": "Bad Request", "type": "https://httpstatus.es/400", "status": 400,
                "detail": "Request validation failed",
                "validation-errors": [{"request_id": "0", "errors": [
                    {"code": "NotSupportedChoice", "path": "filter.entity", "detail": "The value you selected is not a valid choice."},
                    {"code": "InvalidType", "path": "limit", "detail": "This value should be of type int."}
                ]}]
            }),
        )
    });
    let message = error_of(&server).message(Lang::En);
    assert!(message.contains("400 Bad Request"), "{message}");
    assert!(message
        .contains("\n  filter.entity: The value you selected is not a valid choice. (NotSupportedChoice)"));
    assert!(message.contains("\n  limit: This value should be of type int. (InvalidType)"));
}

#[test]
fn a_404_names_the_path() {
    let server = TestServer::start(|_| Response::problem(404, "Not Found", ""));
    let message = error_of(&server).message(Lang::En);
    assert!(message.contains("404") && message.contains("/api/v4/events"), "{message}");
}

#[test]
fn a_slow_answer_times_out_after_the_retries() {
    let server = TestServer::start(|_| Response::no_content().delayed(Duration::from_secs(3)));
    let began = Instant::now();
    let (result, notices) = get(&client_for(&server, Duration::from_millis(300), 1), "/api/v4/events");
    let error = result.unwrap_err();
    assert_eq!(error, ApiError::Timeout { after: Duration::from_millis(300) });
    assert!(matches!(notices[..], [Notice::Retrying { reason: RetryReason::Timeout, .. }]));
    assert!(began.elapsed() < Duration::from_secs(3), "{:?}", began.elapsed());
    assert!(error.message(Lang::En).contains("--timeout"));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_refused_connection_is_a_connection_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let base = BaseUrl::parse(&format!("http://127.0.0.1:{port}"), false).unwrap();
    let client = Client::new(Connection::new(base, Token::new(SECRET).unwrap()), Arc::new(Limiter::kommo()));
    let error = client.get("/api/v4/events", &Cancel::new(), &mut |_| {}).unwrap_err();
    assert!(matches!(error, ApiError::Connect { .. }), "{error:?}");
    assert!(error.message(Lang::En).contains("no connection"), "{}", error.message(Lang::En));
}

#[test]
fn tls_to_a_plain_server_is_a_tls_error() {
    let server = TestServer::start(|_| Response::no_content());
    let base = BaseUrl::parse(&format!("https://127.0.0.1:{}", server.port()), false).unwrap();
    let mut connection = Connection::new(base, Token::new(SECRET).unwrap());
    connection.retries = 0;
    connection.timeout = Duration::from_secs(5);
    let client = Client::new(connection, Arc::new(Limiter::kommo()));
    let error = client.get("/api/v4/events", &Cancel::new(), &mut |_| {}).unwrap_err();
    let message = error.message(Lang::En);
    assert!(matches!(error, ApiError::Tls { .. }), "{error:?}: {message}");
    assert!(message.contains("TLS") && !message.contains(SECRET), "{message}");
}

#[test]
fn a_background_fetch_sends_pages_then_the_end() {
    let fake = FakeKommo::new();
    fake.add((0..5).map(|i| kommo::stage_change(&format!("E{i}"), 2_000 + i)));
    let server = kommo::serve(&fake);
    let (updates, handle) =
        spawn_events(Arc::new(client(&server)), "/api/v4/events?limit=2".into(), None, Cancel::new());
    let received: Vec<FetchUpdate> = updates.iter().collect();
    handle.join().unwrap();
    let pages: Vec<usize> = received
        .iter()
        .filter_map(|u| match u {
            FetchUpdate::Page(p) => Some(p.events.len()),
            _ => None,
        })
        .collect();
    assert_eq!(pages, [2, 2, 1]);
    assert!(matches!(received.last(), Some(FetchUpdate::Finished(s)) if s.events == 5));
}

#[test]
fn a_background_fetch_stops_when_cancelled_during_a_wait() {
    let server = TestServer::start(|_| {
        // Long enough to cancel during the wait, within what 4 tries of 5 s allow.
        Response::problem(429, "Too Many Requests", "").with_header("Retry-After", "15")
    });
    let cancel = Cancel::new();
    let (updates, handle) =
        spawn_events(Arc::new(client(&server)), "/api/v4/events".into(), None, cancel.clone());
    let first = updates.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(matches!(first, FetchUpdate::Notice(_)), "{first:?}");
    let began = Instant::now();
    cancel.cancel();
    let last = updates.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(last, FetchUpdate::Failed(ApiError::Cancelled));
    assert!(began.elapsed() < Duration::from_secs(2));
    handle.join().unwrap();
}

#[test]
fn a_background_refresh_reports_each_part_then_the_names() {
    use kommo_events::account::refresh::{spawn_refresh, RefreshUpdate};
    use kommo_events::account::{Account, Part};
    let fake = FakeKommo::new();
    fake.users_forbidden.store(true, std::sync::atomic::Ordering::SeqCst);
    let server = kommo::serve(&fake);
    let (updates, handle) = spawn_refresh(Arc::new(client(&server)), Lang::En, Cancel::new());
    let received: Vec<RefreshUpdate> = updates.iter().collect();
    handle.join().unwrap();
    let parts: Vec<Part> = received
        .iter()
        .filter_map(|u| match u {
            RefreshUpdate::Part(part) => Some(*part),
            _ => None,
        })
        .collect();
    assert_eq!(parts, Part::ALL);
    let Some(RefreshUpdate::Done(refreshed)) = received.last() else { panic!("{:?}", received.last()) };
    assert!(matches!(refreshed.skipped[..], [(Part::Users, ApiError::Forbidden { .. })]));
    let account = Account::from_items(&refreshed.items).unwrap();
    assert_eq!(account.stage_label(Some(100), 142).as_deref(), Some("Sales › Won"));
    assert_eq!(account.custom_field(777).and_then(|f| f.enum_value(1)), Some("Web"));
    assert_eq!(account.user_name(11), None);
}
