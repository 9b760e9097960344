//! One account's HTTP client: every request waits for the shared [`Limiter`], carries the token as
//! `Authorization: Bearer …`, is retried a bounded number of times on 429 (honouring
//! `Retry-After`), 5xx, timeouts and dropped connections, and ends as JSON or as an [`ApiError`]
//! that says why.
//!
//! The client is `Send + Sync`: share it in an `Arc` between a UI thread and the threads that
//! fetch.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::connection::Connection;
use super::error::{ApiError, ValidationError};
use super::limiter::{Cancel, Limiter};

/// The most of a server's `detail` an error message keeps.
const DETAIL_CHARS: usize = 300;
/// The longest wait before one retry, for a 429 and a 5xx alike; a longer `Retry-After` ends the
/// request with the reason. The waits of one request together also stay within what its
/// `--timeout` allows for all its tries (`timeout × (retries + 1)`).
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// `Retry-After` values are read up to this (a year); anything larger is the same "too long", and
/// no arithmetic ever sees the server's number itself.
const RETRY_AFTER_CEILING: f64 = 365.0 * 24.0 * 3600.0;
/// The first pause before a retry that has no `Retry-After`; doubled each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The largest body read: Kommo's pages are far smaller; this only stops a runaway answer.
const BODY_LIMIT: u64 = 64 * 1024 * 1024;

/// Why a request is being tried again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryReason {
    /// 429 Too Many Requests.
    RateLimited,
    /// A 5xx answer.
    Server(u16),
    /// No answer within the time limit.
    Timeout,
    /// The connection broke.
    Network,
}

impl RetryReason {
    /// The HTTP status behind the retry (0 when there was no answer).
    fn status(self) -> u16 {
        match self {
            RetryReason::RateLimited => 429,
            RetryReason::Server(status) => status,
            RetryReason::Timeout | RetryReason::Network => 0,
        }
    }
}

/// Something worth telling the user while a request is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The request failed for `reason` and is tried again after `wait`; this is retry `attempt`
    /// of at most `of`.
    Retrying { reason: RetryReason, wait: Duration, attempt: u32, of: u32 },
}

/// The HTTP client of one account.
pub struct Client {
    agent: ureq::Agent,
    connection: Connection,
    limiter: Arc<Limiter>,
}

/// How one try ended, when it did not give an answer.
enum Failure {
    /// Worth another try after `wait` (or the usual backoff); `error` if there is none left.
    Retry {
        reason: RetryReason,
        wait: Option<Duration>,
        error: ApiError,
    },
    Final(ApiError),
}

impl Client {
    /// A client for `connection` that takes its turns from `limiter` (share one limiter per
    /// account between everything that talks to it).
    pub fn new(connection: Connection, limiter: Arc<Limiter>) -> Client {
        let mut config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(connection.timeout))
            .user_agent(format!("kommo-events/{}", env!("CARGO_PKG_VERSION")))
            // A redirect would drop the Authorization header (ureq never forwards it) and end in
            // a confusing 401; the 3xx is reported with its Location instead.
            .max_redirects(0)
            .max_redirects_will_error(false);
        if connection.base.is_loopback() {
            // A proxy from the environment must not see requests meant for this machine.
            config = config.proxy(None);
        }
        Client { agent: config.build().into(), connection, limiter }
    }

    /// The connection this client uses.
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// The limiter this client waits for.
    pub fn limiter(&self) -> &Arc<Limiter> {
        &self.limiter
    }

    /// `GET` a path of the account (`/api/v4/events?…`, already percent-encoded). `Ok(None)` for
    /// 204 No Content. `notify` hears about each retry before its wait.
    pub fn get(
        &self,
        path_and_query: &str,
        cancel: &Cancel,
        notify: &mut dyn FnMut(Notice),
    ) -> Result<Option<Value>, ApiError> {
        self.get_url(&self.connection.base.url(path_and_query), cancel, notify)
    }

    /// `GET` a full URL on this account (from [`BaseUrl::follow`](super::BaseUrl::follow)).
    pub fn get_url(
        &self,
        url: &str,
        cancel: &Cancel,
        notify: &mut dyn FnMut(Notice),
    ) -> Result<Option<Value>, ApiError> {
        let retries = self.connection.retries;
        let mut attempt = 0;
        // The user allows `retries + 1` tries of `timeout` each: waiting between them may take no
        // longer than the tries themselves could, so `--timeout 2` never waits for days.
        let mut left_to_wait = self.connection.timeout.saturating_mul(retries.saturating_add(1));
        loop {
            self.limiter.acquire(cancel).map_err(|_| ApiError::Cancelled)?;
            let (reason, asked, error) = match self.try_once(url) {
                Ok(answer) => return Ok(answer),
                Err(Failure::Final(error)) => return Err(error),
                Err(Failure::Retry { reason, wait, error }) => (reason, wait, error),
            };
            if attempt >= retries {
                return Err(with_retries(error, attempt));
            }
            let wait = match asked {
                Some(asked) if asked > MAX_RETRY_AFTER.min(left_to_wait) => {
                    let limit = MAX_RETRY_AFTER.min(left_to_wait);
                    return Err(ApiError::WaitTooLong { status: reason.status(), asked, limit });
                }
                Some(asked) => asked,
                None if backoff(attempt + 1) > left_to_wait => return Err(with_retries(error, attempt)),
                None => backoff(attempt + 1),
            };
            attempt += 1;
            left_to_wait = left_to_wait.saturating_sub(wait);
            notify(Notice::Retrying { reason, wait, attempt, of: retries });
            if reason == RetryReason::RateLimited {
                // The whole account waits, not just this request: the limiter holds everyone.
                self.limiter.pause_until(Instant::now() + wait);
            } else if !cancel.sleep(wait) {
                return Err(ApiError::Cancelled);
            }
        }
    }

    fn try_once(&self, url: &str) -> Result<Option<Value>, Failure> {
        let sent = self
            .agent
            .get(url)
            .header("Authorization", &self.connection.token.bearer())
            .header("Accept", "application/hal+json, application/json, application/problem+json")
            .call();
        let mut response = sent.map_err(|error| self.transport_failure(error))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned)
        };
        let retry_after = header("retry-after").and_then(|value| parse_retry_after(&value));
        let location = header("location");
        let body = response
            .body_mut()
            .with_config()
            .limit(BODY_LIMIT)
            .read_to_string()
            .map_err(|error| self.transport_failure(error))?;
        let path = path_of(url);
        match status {
            204 => Ok(None),
            200..=299 if body.trim().is_empty() => Ok(None),
            200..=299 => serde_json::from_str(&body).map(Some).map_err(|error| {
                Failure::Final(ApiError::BadBody { path, reason: self.clean(&error.to_string()) })
            }),
            _ => Err(self.status_failure(status, &body, retry_after, location, path)),
        }
    }

    fn status_failure(
        &self,
        status: u16,
        body: &str,
        retry_after: Option<Duration>,
        location: Option<String>,
        path: String,
    ) -> Failure {
        let problem = Problem::read(body, self);
        let detail = problem.detail.clone();
        let error = match status {
            400 => ApiError::BadRequest { detail, errors: problem.errors },
            401 => ApiError::Unauthorized { detail },
            402 => ApiError::PaymentRequired { detail },
            403 => ApiError::Forbidden { detail, after_rate_limit: self.limiter.rate_limited_count() > 0 },
            404 => ApiError::NotFound { path },
            429 => {
                self.limiter.note_rate_limited();
                let error = ApiError::RateLimited { retries: 0 };
                return Failure::Retry { reason: RetryReason::RateLimited, wait: retry_after, error };
            }
            500 | 502 | 503 | 504 => {
                let error = ApiError::Server { status, detail };
                return Failure::Retry { reason: RetryReason::Server(status), wait: retry_after, error };
            }
            300..=399 => {
                let detail = location.map(|to| format!("→ {}", self.clean(&to)));
                ApiError::Status { status, detail }
            }
            _ => ApiError::Status { status, detail },
        };
        Failure::Final(error)
    }

    fn transport_failure(&self, error: ureq::Error) -> Failure {
        let host = self.connection.base.host().to_owned();
        let timeout = ApiError::Timeout { after: self.connection.timeout };
        let network = |reason: String| ApiError::Network { reason };
        match error {
            ureq::Error::Timeout(_) => {
                Failure::Retry { reason: RetryReason::Timeout, wait: None, error: timeout }
            }
            ureq::Error::HostNotFound => Failure::Final(ApiError::Dns { host }),
            ureq::Error::Tls(reason) => Failure::Final(ApiError::Tls { host, reason: reason.to_owned() }),
            ureq::Error::Rustls(error) => {
                Failure::Final(ApiError::Tls { host, reason: self.clean(&error.to_string()) })
            }
            ureq::Error::Pem(error) => {
                Failure::Final(ApiError::Tls { host, reason: self.clean(&error.to_string()) })
            }
            ureq::Error::Io(error) => self.io_failure(error, host),
            ureq::Error::ConnectionFailed => {
                Failure::Final(ApiError::Connect { host, reason: "connection failed".into() })
            }
            ureq::Error::Protocol(error) => Failure::Retry {
                reason: RetryReason::Network,
                wait: None,
                error: network(self.clean(&error.to_string())),
            },
            other => Failure::Final(network(self.clean(&other.to_string()))),
        }
    }

    fn io_failure(&self, error: std::io::Error, host: String) -> Failure {
        use std::io::ErrorKind;
        let reason = self.clean(&error.to_string());
        match error.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Failure::Retry {
                reason: RetryReason::Timeout,
                wait: None,
                error: ApiError::Timeout { after: self.connection.timeout },
            },
            ErrorKind::ConnectionRefused => Failure::Final(ApiError::Connect { host, reason }),
            // rustls reports a failed handshake or certificate as InvalidData inside an io error.
            ErrorKind::InvalidData if self.connection.base.is_https() => {
                Failure::Final(ApiError::Tls { host, reason })
            }
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof
            | ErrorKind::BrokenPipe => Failure::Retry {
                reason: RetryReason::Network,
                wait: None,
                error: ApiError::Network { reason },
            },
            // std reports a failed name lookup as an uncategorized error with this wording.
            _ if reason.contains("lookup address") || reason.contains("not known") => {
                Failure::Final(ApiError::Dns { host })
            }
            _ => Failure::Final(ApiError::Connect { host, reason }),
        }
    }

    /// Text from the network, made safe to show: the token scrubbed, control characters
    /// dropped, and cut to a sentence's length.
    fn clean(&self, text: &str) -> String {
        crate::text::snippet(&self.connection.token.redact(text), DETAIL_CHARS + 1)
    }
}

/// A `application/problem+json` body, as far as it could be read.
#[derive(Default)]
struct Problem {
    detail: Option<String>,
    errors: Vec<ValidationError>,
}

impl Problem {
    fn read(body: &str, client: &Client) -> Problem {
        let Ok(value) = serde_json::from_str::<Value>(body) else {
            return Problem::default();
        };
        let text = |value: &Value, key: &str| {
            value.get(key).and_then(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(client.clean(s)),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let detail = text(&value, "detail").or_else(|| text(&value, "title"));
        let groups = value.get("validation-errors").and_then(Value::as_array).cloned().unwrap_or_default();
        let errors = groups
            .iter()
            .flat_map(|group| group.get("errors").and_then(Value::as_array).cloned().unwrap_or_default())
            .map(|error| ValidationError {
                path: text(&error, "path").unwrap_or_default(),
                detail: text(&error, "detail").unwrap_or_default(),
                code: text(&error, "code").unwrap_or_default(),
            })
            .collect();
        Problem { detail, errors }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by Kommo and falls back to backoff),
/// read up to [`RETRY_AFTER_CEILING`]: `1e20`, `inf` and `nan` can never overflow a `Duration`.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    if !(seconds.is_finite() && seconds >= 0.0) {
        return None;
    }
    Duration::try_from_secs_f64(seconds.min(RETRY_AFTER_CEILING)).ok()
}

/// The error of the last try, counting the retries actually made.
fn with_retries(error: ApiError, made: u32) -> ApiError {
    match error {
        ApiError::RateLimited { .. } => ApiError::RateLimited { retries: made },
        other => other,
    }
}

/// The pause before retry `attempt` (1-based) when the server named none: 0.5 s, 1 s, 2 s, …
fn backoff(attempt: u32) -> Duration {
    FIRST_BACKOFF.saturating_mul(1 << attempt.saturating_sub(1).min(6))
}

/// The path of a URL, without scheme, host and query, for messages.
fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |start| &after_scheme[start..]);
    path.split('?').next().unwrap_or(path).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> Client {
        let base = super::super::BaseUrl::parse(base, false).unwrap();
        let token = super::super::Token::new("SECRET-TOKEN-123").unwrap();
        Client::new(Connection::new(base, token), Arc::new(Limiter::kommo()))
    }

    fn final_error(failure: Failure) -> ApiError {
        match failure {
            Failure::Final(error) => error,
            Failure::Retry { error, .. } => panic!("retried: {error:?}"),
        }
    }

    #[test]
    fn name_lookups_that_fail_are_dns_errors() {
        let client = client("https://nowhere.example");
        let host = "nowhere.example".to_owned();
        assert_eq!(
            final_error(client.transport_failure(ureq::Error::HostNotFound)),
            ApiError::Dns { host: host.clone() }
        );
        let lookup = std::io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(final_error(client.transport_failure(ureq::Error::Io(lookup))), ApiError::Dns { host });
    }

    #[test]
    fn tls_failures_inside_io_errors_are_tls_errors() {
        let client = client("https://acme.kommo.com");
        let bad =
            std::io::Error::new(std::io::ErrorKind::InvalidData, "invalid peer certificate: UnknownIssuer");
        let error = final_error(client.transport_failure(ureq::Error::Io(bad)));
        assert!(matches!(error, ApiError::Tls { .. }), "{error:?}");
    }

    #[test]
    fn dropped_connections_and_timeouts_are_retried() {
        let client = client("https://acme.kommo.com");
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        assert!(matches!(
            client.transport_failure(ureq::Error::Io(reset)),
            Failure::Retry { reason: RetryReason::Network, .. }
        ));
        assert!(matches!(
            client.transport_failure(ureq::Error::Timeout(ureq::Timeout::Global)),
            Failure::Retry { reason: RetryReason::Timeout, .. }
        ));
    }

    #[test]
    fn server_text_loses_the_token_and_control_characters() {
        let client = client("https://acme.kommo.com");
        assert_eq!(client.clean("bad SECRET-TOKEN-123\x1b[2J!"), "bad ***!");
        assert_eq!(client.clean(&"x".repeat(400)).chars().count(), DETAIL_CHARS + 1);
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    #[test]
    fn a_huge_or_broken_retry_after_never_overflows() {
        let ceiling = Duration::from_secs_f64(RETRY_AFTER_CEILING);
        for huge in ["1e20", "1e308", "18446744073709551616", "999999999999"] {
            assert_eq!(parse_retry_after(huge), Some(ceiling), "{huge}");
        }
        for broken in ["nan", "inf", "-inf", "-0.5", "", "1e", "0x10"] {
            assert_eq!(parse_retry_after(broken), None, "{broken}");
        }
    }

    #[test]
    fn backoff_doubles() {
        assert_eq!(backoff(1), Duration::from_millis(500));
        assert_eq!(backoff(2), Duration::from_secs(1));
        assert_eq!(backoff(3), Duration::from_secs(2));
    }

    #[test]
    fn messages_name_the_path_without_the_query() {
        assert_eq!(path_of("https://a.kommo.com/api/v4/events?filter[type]=x"), "/api/v4/events");
        assert_eq!(path_of("https://a.kommo.com"), "/");
    }
}
