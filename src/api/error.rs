//! Everything that can go wrong between the program and a Kommo account, as data. The words are
//! in [`crate::i18n::api_messages`], in English and Spanish; `Display` gives the English ones.

use std::fmt;
use std::time::Duration;

use crate::i18n::{api_messages, Lang};

/// What is wrong with a `--base-url`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseUrlProblem {
    /// No `https://` in front.
    NoScheme,
    /// A scheme other than `http` or `https`.
    Scheme,
    /// A `?query` or `#fragment`, which a base URL cannot have.
    QueryOrFragment,
    /// `user:password@`: the token is the only credential.
    Credentials,
    /// No host, or a host or port that does not parse.
    Host,
}

/// One entry of a 400 answer's `validation-errors`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Where in the request: `filter.created_at`, `limit`, …
    pub path: String,
    /// What the server says about it.
    pub detail: String,
    /// The server's code, e.g. `NotSupportedChoice`.
    pub code: String,
}

/// Why a request (or getting ready to make one) failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// Neither `KOMMO_TOKEN` nor `--token-file`.
    NoToken,
    /// The token file could not be read, or holds no token.
    TokenFile { path: String, reason: String },
    /// `KOMMO_TOKEN` is set but empty or not sendable.
    BadToken,
    /// Neither a subdomain nor `--base-url`.
    NoAccount,
    /// The named account's `token_file` cannot be read or holds no token.
    AccountTokenFile { account: String, path: String, reason: String },
    /// The named account's `token_env` variable is unset, empty, or not a token.
    AccountTokenEnv { account: String, variable: String },
    /// A subdomain that is not one DNS label.
    BadSubdomain { value: String },
    /// A `--base-url` that does not parse.
    BadBaseUrl { value: String, problem: BaseUrlProblem },
    /// `http://` to a host beyond this machine, without `--insecure`.
    PlainHttp { host: String },
    /// 401: the token was refused.
    Unauthorized { detail: Option<String> },
    /// 402: the account is not paid.
    PaymentRequired { detail: Option<String> },
    /// 403: no rights, or the IP was blocked; `after_rate_limit` when 429s came before it.
    Forbidden { detail: Option<String>, after_rate_limit: bool },
    /// 404 on a route, e.g. a base URL that is no Kommo account.
    NotFound { path: String },
    /// 429 still, after `retries` retries (0 when the answer said not to retry soon).
    RateLimited { retries: u32 },
    /// A 429 or 5xx whose `Retry-After` asks for a longer wait than the program makes (`limit`:
    /// the cap on one wait, or what is left of `--timeout` for the request's waits).
    WaitTooLong { status: u16, asked: Duration, limit: Duration },
    /// A fault inside the program (a worker thread stopped); the message says where.
    Internal { reason: String },
    /// 400 with `validation-errors`, or any other 400.
    BadRequest { detail: Option<String>, errors: Vec<ValidationError> },
    /// 5xx, still after every retry.
    Server { status: u16, detail: Option<String> },
    /// Any other status.
    Status { status: u16, detail: Option<String> },
    /// No answer within the time limit (after every retry).
    Timeout { after: Duration },
    /// The host name does not resolve.
    Dns { host: String },
    /// The TLS handshake or certificate check failed.
    Tls { host: String, reason: String },
    /// The connection was refused or could not be made.
    Connect { host: String, reason: String },
    /// The connection broke, or the answer was not HTTP.
    Network { reason: String },
    /// The answer was not the JSON the route documents.
    BadBody { path: String, reason: String },
    /// Stopped through a [`Cancel`](super::Cancel) flag.
    Cancelled,
}

impl ApiError {
    /// True for the errors that are about how the program was started (flags, environment), not
    /// about an answer: the command line exits 2 on these.
    pub fn is_setup(&self) -> bool {
        matches!(
            self,
            ApiError::NoToken
                | ApiError::TokenFile { .. }
                | ApiError::BadToken
                | ApiError::NoAccount
                | ApiError::AccountTokenFile { .. }
                | ApiError::AccountTokenEnv { .. }
                | ApiError::BadSubdomain { .. }
                | ApiError::BadBaseUrl { .. }
                | ApiError::PlainHttp { .. }
        )
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        api_messages::error(self, lang)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ApiError {}
