//! Where requests go and with which token: the account's base URL (`https://{subdomain}.kommo.com`
//! or any `--base-url`), checked so that the token never travels in plain HTTP beyond this
//! machine, and the token itself, which never prints.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use super::error::{ApiError, BaseUrlProblem};

/// The scheme, host and optional path prefix every request URL starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    scheme: String,
    /// The host as written in a URL: a name, an IPv4 address, or `[v6]`.
    host: String,
    port: Option<u16>,
    /// A path before `/api/v4/…` (a proxy's `/kommo`), without a trailing `/`; usually empty.
    prefix: String,
}

impl BaseUrl {
    /// `https://{subdomain}.kommo.com`, when `subdomain` is one DNS label.
    ///
    /// A value with a dot in it is the whole host (`acme.amocrm.ru`, `acme.kommo.com`), so an
    /// amoCRM account needs no `--base-url`.
    pub fn for_subdomain(subdomain: &str) -> Result<BaseUrl, ApiError> {
        let host = subdomain.trim().trim_end_matches('.').to_ascii_lowercase();
        if !is_account_host(&host) {
            return Err(ApiError::BadSubdomain { value: crate::text::snippet(subdomain, 80) });
        }
        let host = if host.contains('.') { host } else { format!("{host}.kommo.com") };
        Ok(BaseUrl { scheme: "https".into(), host, port: None, prefix: String::new() })
    }

    /// `https://{host}` for a subdomain or host as [`BaseUrl::for_subdomain`] reads it, for
    /// output formats (`None` when it is not one).
    pub fn url_for_subdomain(subdomain: &str) -> Option<String> {
        BaseUrl::for_subdomain(subdomain).ok().map(|base| base.as_str())
    }

    /// Reads `--base-url`: `https://host[:port][/prefix]`. Plain `http://` is only accepted for
    /// loopback hosts (127.0.0.0/8, ::1, localhost) unless `insecure`, since the token would
    /// travel readable. A pasted `/api/v4` or `/api/v4/events` at the end is dropped.
    pub fn parse(text: &str, insecure: bool) -> Result<BaseUrl, ApiError> {
        let bad = |problem| ApiError::BadBaseUrl { value: text.trim().to_owned(), problem };
        let trimmed = text.trim();
        let (scheme, rest) = trimmed.split_once("://").ok_or(bad(BaseUrlProblem::NoScheme))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(bad(BaseUrlProblem::Scheme));
        }
        if rest.contains(['?', '#']) {
            return Err(bad(BaseUrlProblem::QueryOrFragment));
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(bad(BaseUrlProblem::Credentials));
        }
        let (host, port) = split_host_port(authority).ok_or(bad(BaseUrlProblem::Host))?;
        let mut prefix = path.trim_end_matches('/').to_owned();
        for pasted in ["/api/v4/events", "/api/v4"] {
            if let Some(kept) = prefix.strip_suffix(pasted) {
                prefix = kept.to_owned();
                break;
            }
        }
        if prefix.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
            return Err(bad(BaseUrlProblem::Host));
        }
        let base = BaseUrl { scheme, host: host.to_ascii_lowercase(), port, prefix };
        if base.scheme == "http" && !base.is_loopback() && !insecure {
            return Err(ApiError::PlainHttp { host: base.host.clone() });
        }
        Ok(base)
    }

    /// True for `localhost`, 127.0.0.0/8 and `[::1]`.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(&self.host)
    }

    /// True for `https://`.
    pub fn is_https(&self) -> bool {
        self.scheme == "https"
    }

    /// The host (with `[]` around an IPv6 address).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// `https://host[:port][/prefix]`, without a trailing `/`.
    pub fn as_str(&self) -> String {
        let port = self.port.map(|port| format!(":{port}")).unwrap_or_default();
        format!("{}://{}{port}{}", self.scheme, self.host, self.prefix)
    }

    /// The full URL of a path that starts with `/` (`/api/v4/users?page=2`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.as_str())
    }

    /// The URL to request for a `_links.next` (or any) href the API returned: its `/api/…` path
    /// and query on *our* base URL. The token is only ever sent to the host the user named, even
    /// if an answer points elsewhere, and a proxy prefix is kept. `None` when the href has no
    /// `/api/` path.
    pub fn follow(&self, href: &str) -> Option<String> {
        let start = href.find("/api/")?;
        Some(self.url(&href[start..]))
    }

    /// A directory name for this account's cache: the host, and `_port` when there is one
    /// (`acme.kommo.com`, `127.0.0.1_8080`), so `--subdomain acme` and
    /// `--base-url https://acme.kommo.com` share it.
    pub fn account_key(&self) -> String {
        let mut key = self.host.trim_matches(['[', ']']).replace(':', "-");
        if let Some(port) = self.port {
            key.push_str(&format!("_{port}"));
        }
        if !self.prefix.is_empty() {
            key.push_str(&self.prefix.replace('/', "_"));
        }
        key.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']')?;
        rest[..end].parse::<Ipv6Addr>().ok()?;
        (&authority[..end + 2], &rest[end + 1..])
    } else {
        match authority.rfind(':') {
            Some(colon) => (&authority[..colon], &authority[colon..]),
            None => (authority, ""),
        }
    };
    let port = match port.strip_prefix(':') {
        Some(digits) => Some(digits.parse::<u16>().ok().filter(|port| *port > 0)?),
        None if port.is_empty() => None,
        None => return None,
    };
    let name_ok = host.starts_with('[')
        || (!host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b)));
    name_ok.then_some((host, port))
}

fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    host.trim_matches(['[', ']']).parse::<Ipv6Addr>().is_ok_and(|v6| v6.is_loopback())
}

/// An OAuth access token or long-lived token. It has no `Display`, its `Debug` hides it, and
/// [`Token::redact`] scrubs it from any text that came back from the network.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token with surrounding whitespace (a file's trailing newline) trimmed; `None` when it
    /// is empty or could not be sent in a header (a line break or control character inside).
    pub fn new(text: &str) -> Option<Token> {
        let token = text.trim();
        let sendable = !token.is_empty() && token.bytes().all(|b| (0x21..0x7f).contains(&b));
        sendable.then(|| Token(token.to_owned()))
    }

    /// The `Authorization` header's value.
    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }

    /// `text` with every occurrence of the token replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.0, "***")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

/// True for one DNS label (`acme`) or a host of such labels (`acme.amocrm.ru`).
pub fn is_account_host(host: &str) -> bool {
    let label = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    !host.is_empty() && host.len() <= 253 && host.split('.').all(label)
}

/// Everything a [`Client`](super::client::Client) needs to reach one account.
#[derive(Clone, Debug)]
pub struct Connection {
    /// Where requests go.
    pub base: BaseUrl,
    /// Sent as `Authorization: Bearer …`.
    pub token: Token,
    /// The longest one request may take, connection and answer included.
    pub timeout: Duration,
    /// How many times a request is tried again after a 429, a 5xx, a timeout or a dropped
    /// connection.
    pub retries: u32,
}

impl Connection {
    /// The default time limit of one request.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default number of retries.
    pub const DEFAULT_RETRIES: u32 = 3;

    /// A connection with the default timeout and retries.
    pub fn new(base: BaseUrl, token: Token) -> Connection {
        Connection { base, token, timeout: Connection::DEFAULT_TIMEOUT, retries: Connection::DEFAULT_RETRIES }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subdomain_gives_the_kommo_host() {
        let base = BaseUrl::for_subdomain("Acme").unwrap();
        assert_eq!(base.as_str(), "https://acme.kommo.com");
        assert_eq!(base.account_key(), "acme.kommo.com");
        // A value with a dot is the whole host (an amoCRM account, or the Kommo host written out).
        assert_eq!(BaseUrl::for_subdomain("acme.amocrm.ru").unwrap().as_str(), "https://acme.amocrm.ru");
        assert_eq!(BaseUrl::for_subdomain("acme.kommo.com").unwrap().as_str(), "https://acme.kommo.com");
        assert!(BaseUrl::for_subdomain("https://acme.kommo.com").is_err());
        assert!(BaseUrl::for_subdomain("acme..ru").is_err());
        assert!(BaseUrl::for_subdomain("-x").is_err());
        assert!(BaseUrl::for_subdomain("").is_err());
    }

    #[test]
    fn base_urls_keep_port_and_prefix_and_drop_a_pasted_api_path() {
        let base = BaseUrl::parse("https://proxy.example:8443/kommo/api/v4/events/", false).unwrap();
        assert_eq!(base.as_str(), "https://proxy.example:8443/kommo");
        assert_eq!(base.url("/api/v4/users"), "https://proxy.example:8443/kommo/api/v4/users");
        assert_eq!(base.account_key(), "proxy.example_8443_kommo");
        let amo = BaseUrl::parse("https://Example.amoCRM.ru", false).unwrap();
        assert_eq!(amo.as_str(), "https://example.amocrm.ru");
        assert_eq!(
            amo.account_key(),
            BaseUrl::parse("https://example.amocrm.ru/", false).unwrap().account_key()
        );
    }

    #[test]
    fn plain_http_only_for_loopback_unless_insecure() {
        for loopback in ["http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:1", "http://[::1]:9"]
        {
            assert!(BaseUrl::parse(loopback, false).is_ok_and(|b| b.is_loopback()), "{loopback}");
        }
        for remote in ["http://example.com", "http://10.0.0.1", "http://[::2]"] {
            assert!(matches!(BaseUrl::parse(remote, false), Err(ApiError::PlainHttp { .. })), "{remote}");
            assert!(BaseUrl::parse(remote, true).is_ok(), "{remote}");
        }
    }

    #[test]
    fn broken_base_urls_name_the_problem() {
        let problem = |text: &str| match BaseUrl::parse(text, false) {
            Err(ApiError::BadBaseUrl { problem, .. }) => Some(problem),
            _ => None,
        };
        assert_eq!(problem("acme.kommo.com"), Some(BaseUrlProblem::NoScheme));
        assert_eq!(problem("ftp://x"), Some(BaseUrlProblem::Scheme));
        assert_eq!(problem("https://x/?a=1"), Some(BaseUrlProblem::QueryOrFragment));
        assert_eq!(problem("https://user:pw@x"), Some(BaseUrlProblem::Credentials));
        assert_eq!(problem("https://x:99999"), Some(BaseUrlProblem::Host));
        assert_eq!(problem("https://"), Some(BaseUrlProblem::Host));
        assert_eq!(problem("https://[zz]"), Some(BaseUrlProblem::Host));
    }

    #[test]
    fn next_links_are_followed_on_our_own_host() {
        let base = BaseUrl::parse("http://127.0.0.1:5000", false).unwrap();
        assert_eq!(
            base.follow("https://elsewhere.example/api/v4/events?page=2").as_deref(),
            Some("http://127.0.0.1:5000/api/v4/events?page=2")
        );
        assert_eq!(base.follow("https://elsewhere.example/login"), None);
    }

    #[test]
    fn the_token_never_prints() {
        let token = Token::new(" SECRET-TOKEN-123\n").unwrap();
        assert_eq!(format!("{token:?}"), "Token(***)");
        assert_eq!(token.redact("bad token SECRET-TOKEN-123!"), "bad token ***!");
        assert!(Token::new("  ").is_none());
        assert!(Token::new("a\nb").is_none());
        let connection = Connection::new(BaseUrl::for_subdomain("acme").unwrap(), token);
        assert!(!format!("{connection:?}").contains("SECRET"));
    }
}
