//! A real HTTP/1.1 server on 127.0.0.1 for the tests: std's `TcpListener` and a thread per
//! connection, keep-alive, `Content-Length` bodies. Every request is recorded with its path,
//! decoded query, headers and arrival time; a handler closure decides each answer, so a test can
//! script pages, 204s, 429-then-success, problem bodies and slow answers.
//!
//! Everything stops by itself: idle connections close after a read timeout, answers that are
//! slow on purpose give up when the server is dropped, and dropping the server stops the accept
//! loop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// An idle keep-alive connection is closed after this.
const IDLE: Duration = Duration::from_secs(5);

/// One request as it arrived.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The raw query string as sent (percent-encoded).
    pub raw_query: String,
    /// `(key, value)` pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    /// When the request line arrived.
    pub at: Instant,
    /// 0 for the first request the server saw.
    pub seq: usize,
}

impl Request {
    /// A header's value (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }

    /// The first value of a query parameter, decoded.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An answer to send.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering (a slow server).
    pub delay: Duration,
}

impl Response {
    /// `200` with `application/hal+json`.
    pub fn hal(body: serde_json::Value) -> Response {
        Response::json(200, "application/hal+json", body)
    }

    /// Any status with a JSON body.
    pub fn json(status: u16, content_type: &str, body: serde_json::Value) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    /// `204 No Content`, no body.
    pub fn no_content() -> Response {
        Response { status: 204, headers: Vec::new(), body: String::new(), delay: Duration::ZERO }
    }

    /// An `application/problem+json` error as Kommo sends them.
    pub fn problem(status: u16, title: &str, detail: &str) -> Response {
        Response::json(
            status,
            "application/problem+json",
            serde_json::json!({
                "title": title,
                "type": "https://httpstatus.es/".to_string() + &status.to_string(),
                "status": status,
                "detail": detail,
            }),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Answers only after `delay`.
    pub fn delayed(mut self, delay: Duration) -> Response {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// The server; dropping it stops it.
pub struct TestServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server on a free port of 127.0.0.1 that answers with `handler`.
    pub fn start(handler: impl Fn(&Request) -> Response + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let counter = Arc::new(AtomicUsize::new(0));
        let accept = {
            let (requests, stop) = (Arc::clone(&requests), Arc::clone(&stop));
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (requests, stop, handler, counter) = (
                        Arc::clone(&requests),
                        Arc::clone(&stop),
                        Arc::clone(&handler),
                        Arc::clone(&counter),
                    );
                    std::thread::spawn(move || serve(stream, &requests, &stop, &*handler, &counter));
                }
            })
        };
        TestServer { addr, requests, stop, accept: Some(accept) }
    }

    /// A server whose first answer is `first` and every later one `then`'s: a 429 or a 5xx
    /// once, then success.
    pub fn first_then(
        first: Response,
        then: impl Fn(&Request) -> Response + Send + Sync + 'static,
    ) -> TestServer {
        let answered = AtomicBool::new(false);
        TestServer::start(
            move |request| {
                if answered.swap(true, Ordering::SeqCst) {
                    then(request)
                } else {
                    first.clone()
                }
            },
        )
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    /// The requests to one path.
    pub fn requests_to(&self, path: &str) -> Vec<Request> {
        self.requests().into_iter().filter(|r| r.path == path).collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    requests: &Mutex<Vec<Request>>,
    stop: &AtomicBool,
    handler: &Handler,
    counter: &AtomicUsize,
) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    loop {
        let Some((request, keep_alive)) = read_request(&mut reader, counter) else {
            // Not HTTP (a TLS handshake, say): answer as web servers do, in plain text, and close.
            let _ = writer
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        };
        if stop.load(Ordering::SeqCst) {
            return;
        }
        requests.lock().unwrap().push(request.clone());
        let response = handler(&request);
        if !sleep_unless_stopped(response.delay, stop) {
            return;
        }
        if write_response(&mut writer, &response, keep_alive).is_err() || !keep_alive {
            return;
        }
    }
}

fn sleep_unless_stopped(delay: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + delay;
    while Instant::now() < end {
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10).min(end - Instant::now()));
    }
    true
}

fn read_request(reader: &mut BufReader<TcpStream>, counter: &AtomicUsize) -> Option<(Request, bool)> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let at = Instant::now();
    let mut parts = line.trim_end().splitn(3, ' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let keep_alive = version == "HTTP/1.1"
        && !headers.iter().any(|(n, v)| n == "connection" && v.eq_ignore_ascii_case("close"));
    let (path, raw_query) = target.split_once('?').unwrap_or((target, ""));
    let request = Request {
        method: method.to_owned(),
        path: percent_decode(path),
        raw_query: raw_query.to_owned(),
        query: decode_query(raw_query),
        headers,
        at,
        seq: counter.fetch_add(1, Ordering::SeqCst),
    };
    Some((request, keep_alive))
}

fn write_response(writer: &mut TcpStream, response: &Response, keep_alive: bool) -> std::io::Result<()> {
    let reason = match response.status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.status != 204 {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    writer.write_all(head.as_bytes())?;
    writer.write_all(response.body.as_bytes())?;
    writer.flush()
}

/// `a=1&b%5B%5D=2` → `[("a","1"),("b[]","2")]`.
pub fn decode_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

/// Percent-decoding (and `+` as a space, as forms send it).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
