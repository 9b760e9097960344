//! A filter → the text a user pastes somewhere: a query string, a URL, a shell command, JSON.
//!
//! Every format is built from [`encode`](super::encode), so the parameters, their order and their
//! styles are the same in all of them. Nothing here reads the environment: the token only ever
//! appears as the shell variable `$KOMMO_TOKEN`, expanded by the user's shell, never by us.

use super::encode::{percent_encode, to_encoded_query, to_pairs, to_query, EncodeOptions};
use super::model::Filter;

/// The path of the events route.
pub const EVENTS_PATH: &str = "/api/v4/events";

/// Stands for the account's subdomain in a URL when none is configured. Visible, and a valid host
/// label, so a pasted URL fails loudly at DNS instead of reaching somebody else's account.
pub const SUBDOMAIN_PLACEHOLDER: &str = "YOUR_SUBDOMAIN";

/// The shell variable that holds the token in the `curl` and `httpie` commands.
pub const TOKEN_VARIABLE: &str = "KOMMO_TOKEN";

/// What [`render`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum QueryFormat {
    /// `filter[type]=a,b&…`: readable, as the Kommo docs print queries ([`to_query`]).
    #[default]
    Query,
    /// `filter%5Btype%5D=a%2Cb&…`: fully percent-encoded ([`to_encoded_query`]).
    Encoded,
    /// `https://SUBDOMAIN.kommo.com/api/v4/events?…` with the readable query.
    Url,
    /// A `curl` command for bash and zsh.
    Curl,
    /// An HTTPie (`http`) command for bash and zsh.
    Httpie,
    /// The filter as pretty JSON, in the model's field order.
    Json,
    /// PHP on the official `amocrm/amocrm-api-php` SDK ([`super::code::php`]).
    Php,
    /// A Python program on `requests` ([`super::code::python`]).
    Python,
    /// A JavaScript program for Node 18+ ([`super::code::javascript`]).
    Js,
}

impl QueryFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [QueryFormat; 9] = [
        QueryFormat::Query,
        QueryFormat::Encoded,
        QueryFormat::Url,
        QueryFormat::Curl,
        QueryFormat::Httpie,
        QueryFormat::Json,
        QueryFormat::Php,
        QueryFormat::Python,
        QueryFormat::Js,
    ];

    /// The name used by `--format` and the config: `query`, `encoded`, `url`, `curl`, `httpie`,
    /// `json`.
    pub fn name(self) -> &'static str {
        match self {
            QueryFormat::Query => "query",
            QueryFormat::Encoded => "encoded",
            QueryFormat::Url => "url",
            QueryFormat::Curl => "curl",
            QueryFormat::Httpie => "httpie",
            QueryFormat::Json => "json",
            QueryFormat::Php => "php",
            QueryFormat::Python => "python",
            QueryFormat::Js => "js",
        }
    }

    /// True for the formats that are programs (PHP, Python, JavaScript) rather than a query,
    /// a URL or a command: `decode` does not read them back.
    pub fn is_code(self) -> bool {
        matches!(self, QueryFormat::Php | QueryFormat::Python | QueryFormat::Js)
    }

    /// Reads a name (trimmed, ASCII case ignored); `http` is accepted for `httpie`, since that is
    /// the command's name.
    pub fn parse(text: &str) -> Option<QueryFormat> {
        let lower = text.trim().to_ascii_lowercase();
        if lower == "http" {
            return Some(QueryFormat::Httpie);
        }
        QueryFormat::ALL.into_iter().find(|format| format.name() == lower)
    }
}

/// Where the request goes and how the query is written.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FormatOptions {
    /// List and range styles.
    pub encode: EncodeOptions,
    /// The account's subdomain (`mycompany` in `mycompany.kommo.com`); unset or blank gives
    /// [`SUBDOMAIN_PLACEHOLDER`].
    pub subdomain: Option<String>,
    /// Scheme and host that replace `https://{subdomain}.kommo.com` (an amoCRM account, a local
    /// mock: `https://example.amocrm.ru`, `http://127.0.0.1:8080`); a trailing `/` is dropped.
    pub base_url: Option<String>,
}

/// `filter` in `format`.
///
/// - `query` and `encoded`: the query string alone, empty for an empty filter.
/// - `url`: `https://{subdomain}.kommo.com/api/v4/events?{query}`, the subdomain
///   [`SUBDOMAIN_PLACEHOLDER`] when unset, the scheme and host replaced by
///   [`FormatOptions::base_url`] when set, and no `?` for an empty filter.
/// - `curl`: `curl -g -sS -H "Authorization: Bearer $KOMMO_TOKEN" '{url}'`. `-g` turns off curl's
///   globbing, which would read the brackets as a pattern; the URL is single-quoted; the token is
///   in double quotes so the shell expands the variable.
/// - `httpie`: `http GET '{url without query}' 'key==value' … "Authorization:Bearer $KOMMO_TOKEN"`,
///   one `==` item per parameter with its unencoded value (HTTPie encodes it).
/// - `json`: the filter's fields, pretty-printed, always all of them and in the model's order.
pub fn render(filter: &Filter, format: QueryFormat, options: &FormatOptions) -> String {
    match format {
        QueryFormat::Query => to_query(filter, &options.encode),
        QueryFormat::Encoded => to_encoded_query(filter, &options.encode),
        QueryFormat::Url => events_url(filter, options),
        QueryFormat::Curl => curl_command(filter, options),
        QueryFormat::Httpie => httpie_command(filter, options),
        QueryFormat::Json => json(filter),
        QueryFormat::Php => super::code::php(filter, options),
        QueryFormat::Python => super::code::python(filter, options),
        QueryFormat::Js => super::code::javascript(filter, options),
    }
}

/// The events route without a query: `https://{subdomain}.kommo.com/api/v4/events`, or
/// [`FormatOptions::base_url`] followed by the path.
pub fn endpoint(options: &FormatOptions) -> String {
    format!("{}{EVENTS_PATH}", account_origin(options).unwrap_or_else(placeholder_origin))
}

/// The account's scheme and host (`https://acme.kommo.com`, or the base URL without its
/// trailing `/`), or `None` when neither a subdomain nor a base URL is set.
pub fn account_origin(options: &FormatOptions) -> Option<String> {
    if let Some(base) = options.base_url.as_deref().map(str::trim).filter(|base| !base.is_empty()) {
        return Some(base.trim_end_matches('/').to_string());
    }
    let subdomain = options.subdomain.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    Some(origin_of(subdomain))
}

fn placeholder_origin() -> String {
    origin_of(SUBDOMAIN_PLACEHOLDER)
}

fn origin_of(subdomain: &str) -> String {
    // A subdomain with a dot is the whole host: `acme.amocrm.ru`.
    if subdomain.contains('.') {
        format!("https://{}", subdomain.trim_end_matches('.'))
    } else {
        format!("https://{subdomain}.kommo.com")
    }
}

/// [`endpoint`] with the readable query; no `?` when the filter is empty.
pub fn events_url(filter: &Filter, options: &FormatOptions) -> String {
    with_query(endpoint(options), &to_query(filter, &options.encode))
}

fn with_query(url: String, query: &str) -> String {
    if query.is_empty() {
        url
    } else {
        format!("{url}?{query}")
    }
}

fn curl_command(filter: &Filter, options: &FormatOptions) -> String {
    let url = shell_quote(&events_url(filter, options));
    format!("curl -g -sS -H \"Authorization: Bearer ${TOKEN_VARIABLE}\" {url}")
}

fn httpie_command(filter: &Filter, options: &FormatOptions) -> String {
    let mut items = Vec::new();
    let mut in_url = Vec::new();
    for (key, value) in to_pairs(filter, &options.encode) {
        if httpie_can_carry(&value) {
            items.push(shell_quote(&format!("{key}=={value}")));
        } else {
            // HTTPie keeps the URL's own query and appends the items to it.
            in_url.push(format!("{}={}", percent_encode(&key), percent_encode(&value)));
        }
    }
    let url = with_query(endpoint(options), &in_url.join("&"));
    let mut words = vec!["http".to_owned(), "GET".to_owned(), shell_quote(&url)];
    words.extend(items);
    words.push(format!("\"Authorization:Bearer ${TOKEN_VARIABLE}\""));
    words.join(" ")
}

/// Whether a value survives as an HTTPie `key==value` item. HTTPie drops a backslash that comes
/// before one of its separator characters (`\=` arrives as `=`) and offers no escape for the
/// backslash itself; control characters would reach the terminal raw. Such values go into the
/// URL, percent-encoded, instead.
fn httpie_can_carry(value: &str) -> bool {
    const SEPARATOR_CHARS: &[char] = &[':', ';', '=', '@'];
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_control() {
            return false;
        }
        if c == '\\' && chars.peek().is_some_and(|next| SEPARATOR_CHARS.contains(next)) {
            return false;
        }
    }
    true
}

/// One shell word for bash and zsh: single quotes keep every character literal, and a `'` inside
/// closes them, adds an escaped quote and reopens them (`it's` → `'it'\''s'`).
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

fn json(filter: &Filter) -> String {
    // The model holds only strings, numbers and lists, which JSON always represents; the
    // fallback is unreachable but keeps this total.
    serde_json::to_string_pretty(filter).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::encode::{ListStyle, RangeStyle};
    use crate::filter::model::{CreatedAt, Entity, ValueFilter};

    /// lead_added and lead_status_changed of leads in one day of 2026, 100 per page.
    fn day_of_leads() -> Filter {
        Filter {
            types: vec!["lead_added".to_owned(), "lead_status_changed".to_owned()],
            entities: vec![Entity::Lead],
            created_at: CreatedAt { from: Some(1_767_225_600), to: Some(1_767_311_999) },
            limit: Some(100),
            ..Filter::default()
        }
    }

    fn with_value(text: &str) -> Filter {
        Filter {
            types: vec!["name_field_changed".to_owned()],
            value_after: ValueFilter { value: Some(text.to_owned()), ..ValueFilter::default() },
            ..Filter::default()
        }
    }

    fn subdomain(name: &str) -> FormatOptions {
        FormatOptions { subdomain: Some(name.to_owned()), ..FormatOptions::default() }
    }

    const DAY_QUERY: &str = "filter[type]=lead_added,lead_status_changed&filter[entity]=lead\
                             &filter[created_at]=1767225600,1767311999\
                             &limit=100";

    #[test]
    fn names_round_trip_and_http_means_httpie() {
        for format in QueryFormat::ALL {
            assert_eq!(QueryFormat::parse(format.name()), Some(format));
        }
        assert_eq!(QueryFormat::parse(" CURL "), Some(QueryFormat::Curl));
        assert_eq!(QueryFormat::parse("http"), Some(QueryFormat::Httpie));
        assert_eq!(QueryFormat::parse("wget"), None);
        assert_eq!(QueryFormat::default(), QueryFormat::Query);
    }

    #[test]
    fn query_is_the_readable_form() {
        assert_eq!(render(&day_of_leads(), QueryFormat::Query, &FormatOptions::default()), DAY_QUERY);
    }

    #[test]
    fn encoded_is_the_percent_encoded_form() {
        assert_eq!(
            render(&day_of_leads(), QueryFormat::Encoded, &FormatOptions::default()),
            "filter%5Btype%5D=lead_added%2Clead_status_changed&filter%5Bentity%5D=lead\
             &filter%5Bcreated_at%5D=1767225600%2C1767311999\
             &limit=100"
        );
    }

    #[test]
    fn url_uses_the_subdomain() {
        assert_eq!(
            render(&day_of_leads(), QueryFormat::Url, &subdomain("mycompany")),
            format!("https://mycompany.kommo.com/api/v4/events?{DAY_QUERY}")
        );
    }

    #[test]
    fn url_without_subdomain_shows_the_placeholder() {
        for options in [FormatOptions::default(), subdomain("  ")] {
            assert_eq!(
                render(&day_of_leads(), QueryFormat::Url, &options),
                format!("https://YOUR_SUBDOMAIN.kommo.com/api/v4/events?{DAY_QUERY}")
            );
        }
    }

    #[test]
    fn base_url_replaces_scheme_and_host() {
        for (base, expected) in [
            ("https://example.amocrm.ru", "https://example.amocrm.ru/api/v4/events?limit=5"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/v4/events?limit=5"),
        ] {
            let options = FormatOptions {
                base_url: Some(base.to_owned()),
                subdomain: Some("ignored".to_owned()),
                ..FormatOptions::default()
            };
            let filter = Filter { limit: Some(5), ..Filter::default() };
            assert_eq!(render(&filter, QueryFormat::Url, &options), expected);
        }
    }

    #[test]
    fn empty_filter_gives_the_url_without_question_mark() {
        let options = subdomain("acme");
        let empty = Filter::default();
        assert_eq!(render(&empty, QueryFormat::Url, &options), "https://acme.kommo.com/api/v4/events");
        assert_eq!(render(&empty, QueryFormat::Query, &options), "");
        assert_eq!(
            render(&empty, QueryFormat::Curl, &options),
            "curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" 'https://acme.kommo.com/api/v4/events'"
        );
        assert_eq!(
            render(&empty, QueryFormat::Httpie, &options),
            "http GET 'https://acme.kommo.com/api/v4/events' \"Authorization:Bearer $KOMMO_TOKEN\""
        );
    }

    #[test]
    fn curl_golden() {
        assert_eq!(
            render(&day_of_leads(), QueryFormat::Curl, &subdomain("mycompany")),
            format!(
                "curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" \
                 'https://mycompany.kommo.com/api/v4/events?{DAY_QUERY}'"
            )
        );
    }

    #[test]
    fn httpie_golden() {
        assert_eq!(
            render(&day_of_leads(), QueryFormat::Httpie, &subdomain("mycompany")),
            "http GET 'https://mycompany.kommo.com/api/v4/events' \
             'filter[type]==lead_added,lead_status_changed' 'filter[entity]==lead' \
             'filter[created_at]==1767225600,1767311999' \
             'limit==100' \"Authorization:Bearer $KOMMO_TOKEN\""
        );
    }

    #[test]
    fn httpie_repeats_items_in_bracket_style() {
        let options = FormatOptions {
            encode: EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::Comma },
            ..subdomain("acme")
        };
        assert_eq!(
            render(&day_of_leads(), QueryFormat::Httpie, &options),
            "http GET 'https://acme.kommo.com/api/v4/events' \
             'filter[type][]==lead_added' 'filter[type][]==lead_status_changed' \
             'filter[entity][]==lead' 'filter[created_at]==1767225600,1767311999' \
             'limit==100' \"Authorization:Bearer $KOMMO_TOKEN\""
        );
    }

    #[test]
    fn json_golden_lists_every_field_in_model_order() {
        let json = render(&day_of_leads(), QueryFormat::Json, &FormatOptions::default());
        let expected = r#"{
  "types": [
    "lead_added",
    "lead_status_changed"
  ],
  "entities": [
    "lead"
  ],
  "entity_ids": [],
  "created_by": [],
  "created_at": {
    "from": 1767225600,
    "to": 1767311999
  },
  "event_ids": [],
  "value_before": {
    "leads_statuses": [],
    "customers_statuses": [],
    "responsible_user_ids": [],
    "custom_field_values": [],
    "value": null
  },
  "value_after": {
    "leads_statuses": [],
    "customers_statuses": [],
    "responsible_user_ids": [],
    "custom_field_values": [],
    "value": null
  },
  "with": [],
  "limit": 100,
  "page": null
}"#;
        assert_eq!(json, expected);
    }

    #[test]
    fn quote_in_a_value_is_escaped_for_the_shell() {
        let filter = with_value("O'Brien & co");
        let options = subdomain("acme");
        assert_eq!(
            render(&filter, QueryFormat::Curl, &options),
            "curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" \
             'https://acme.kommo.com/api/v4/events?filter[type]=name_field_changed\
             &filter[value_after][value]=O'\\''Brien%20%26%20co'"
        );
        assert_eq!(
            render(&filter, QueryFormat::Httpie, &options),
            "http GET 'https://acme.kommo.com/api/v4/events' 'filter[type]==name_field_changed' \
             'filter[value_after][value]==O'\\''Brien & co' \"Authorization:Bearer $KOMMO_TOKEN\""
        );
    }

    #[test]
    fn shell_quote_closes_and_reopens_around_quotes() {
        assert_eq!(shell_quote("plain"), "'plain'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("''"), "''\\'''\\'''");
        assert_eq!(shell_quote("$HOME `x` \"y\" \\ !"), "'$HOME `x` \"y\" \\ !'");
    }

    #[test]
    fn httpie_moves_values_it_cannot_carry_into_the_url() {
        let filter = with_value("a\\=b");
        assert_eq!(
            render(&filter, QueryFormat::Httpie, &subdomain("acme")),
            "http GET 'https://acme.kommo.com/api/v4/events?filter%5Bvalue_after%5D%5Bvalue%5D=a%5C%3Db' \
             'filter[type]==name_field_changed' \"Authorization:Bearer $KOMMO_TOKEN\""
        );
        let control = with_value("a\u{1b}[2Jb");
        let command = render(&control, QueryFormat::Httpie, &subdomain("acme"));
        assert!(!command.chars().any(char::is_control), "{command}");
        assert!(httpie_can_carry("a\\b:c=d@e;f\\"));
    }

    #[test]
    fn no_format_contains_the_token_even_when_it_is_set() {
        // The formatter never reads the environment, so a token there cannot leak; the test
        // names a value that would be recognizable if it did.
        let secret = "tok-ABC123-secret";
        std::env::set_var(TOKEN_VARIABLE, secret);
        for format in QueryFormat::ALL {
            let text = render(&day_of_leads(), format, &subdomain("acme"));
            assert!(!text.contains(secret), "{}: {text}", format.name());
        }
        std::env::remove_var(TOKEN_VARIABLE);
    }

    /// Runs the command through bash with a `curl`/`http` function that prints its arguments, so
    /// the test sees the exact words the real program would get.
    fn words_bash_passes(command: &str, program: &str) -> Vec<String> {
        let script = format!("{program}() {{ printf '%s\\n' \"$@\"; }}; KOMMO_TOKEN=T0K; {command}");
        let output = std::process::Command::new("bash").arg("-c").arg(&script).output();
        let output = output.unwrap_or_else(|error| panic!("bash: {error}"));
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
    }

    #[test]
    #[cfg(unix)]
    fn bash_gives_curl_the_exact_url_and_expands_the_token() {
        let filter = with_value("it's \"$HOME\" `x` \\ ! *");
        let options = subdomain("acme");
        let command = render(&filter, QueryFormat::Curl, &options);
        let words = words_bash_passes(&command, "curl");
        assert_eq!(
            words,
            ["-g", "-sS", "-H", "Authorization: Bearer T0K", &events_url(&filter, &options)],
            "{command}"
        );
    }

    #[test]
    #[cfg(unix)]
    fn bash_gives_httpie_the_exact_items() {
        let filter = with_value("it's a b,c");
        let command = render(&filter, QueryFormat::Httpie, &subdomain("acme"));
        let words = words_bash_passes(&command, "http");
        assert_eq!(
            words,
            [
                "GET",
                "https://acme.kommo.com/api/v4/events",
                "filter[type]==name_field_changed",
                "filter[value_after][value]==it's a b,c",
                "Authorization:Bearer T0K",
            ]
        );
    }
}
