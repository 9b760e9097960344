//! What surrounds a query when it is pasted: a whole URL, a path, a curl or HTTPie command, a
//! request line (`GET /api/v4/events?… HTTP/1.1`), quotes. This unwraps it to the query string and
//! the account's base URL, before [`super::decode`] reads the query itself.

use crate::filter::encode::percent_encode;
use crate::filter::format::EVENTS_PATH;

/// Where the query is in the input.
pub(super) struct Request {
    pub(super) query: String,
    pub(super) base_url: Option<String>,
    /// The path, when the input has one that is not the events route.
    pub(super) wrong_path: Option<String>,
}

pub(super) fn locate(input: &str) -> Request {
    let text = input.trim();
    let text = unwrap_command(text).unwrap_or_else(|| text.to_owned());
    // A URL has no raw line breaks: they come from wrapping in a terminal or an editor.
    let text: String = text.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    let text = text.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let (location, query) = split_location(text);
    let (origin, path) = split_url(location);
    // `x.kommo.com/api/v4/events` and `api/v4/events` have no scheme: the whole location counts.
    let route = if origin.is_some() { path } else { location }.trim_end_matches('/');
    let prefix = route.strip_suffix(EVENTS_PATH).or_else(|| (route == &EVENTS_PATH[1..]).then_some(""));
    let wrong_path = match prefix {
        Some(_) => None,
        None if location.is_empty() => None,
        None if path.is_empty() => Some(location.to_owned()),
        None => Some(path.to_owned()),
    };
    // A prefix before the route (a proxy's `/kommo/api/v4/events`) belongs to the base.
    let base_url = origin.map(|origin| format!("{origin}{}", prefix.unwrap_or("")));
    Request { query: query.to_owned(), base_url, wrong_path }
}

/// `(location, query)`. The first `?` separates them only when what comes before it could be a
/// location (no `=` or `&`): a readable value may hold a `?`.
fn split_location(text: &str) -> (&str, &str) {
    let could_be_location = |head: &str| !head.contains(['=', '&']);
    if let Some((head, query)) = text.split_once('?') {
        if could_be_location(head) {
            return (head, query);
        }
    }
    // No query: a URL or a path alone has a `/` before any `=`; a query key never has one.
    let head_end = text.find(['=', '&']).unwrap_or(text.len());
    if text.get(..head_end).is_some_and(|head| head.contains('/')) {
        (text, "")
    } else {
        ("", text)
    }
}

/// `(scheme://host, path)` of a location; no base without a scheme.
fn split_url(location: &str) -> (Option<String>, &str) {
    match location.split_once("://") {
        Some((scheme, rest)) => {
            let path_start = rest.find('/').unwrap_or(rest.len());
            let (host, path) = rest.split_at(path_start);
            (Some(format!("{scheme}://{host}")), path)
        }
        None => (None, location.find('/').map_or("", |start| &location[start..])),
    }
}

/// The URL inside a command or quotes: `curl … 'URL'`, `http GET 'URL' 'k==v' …`, `'URL'`,
/// `GET URL HTTP/1.1`. `None` when the input is not one of them.
fn unwrap_command(text: &str) -> Option<String> {
    let first = text.split_whitespace().next()?;
    let quoted = text.starts_with(['\'', '"']);
    if !quoted && !matches!(first, "curl" | "http" | "https" | "GET") {
        return None;
    }
    let words = shell_words(text)?;
    match words.as_slice() {
        [only] if quoted => Some(only.clone()),
        [program, rest @ ..] if program == "curl" => curl_url(rest),
        [program, rest @ ..] if program == "http" || program == "https" => httpie_url(rest),
        [method, url, ..] if method == "GET" => Some(url.clone()),
        _ => None,
    }
}

/// The first argument of curl that looks like a URL: option values (`-H "…"`) do not.
fn curl_url(arguments: &[String]) -> Option<String> {
    url_position(arguments).and_then(|at| arguments.get(at)).cloned()
}

/// Where the URL is among a command's arguments: the first word with a scheme, a leading `/`
/// or a `?`, else the first with a `/` and no `:` or space (`x.kommo.com/api/v4/events`; a
/// header value like `Accept: application/json` has a colon). Options never are.
fn url_position(arguments: &[String]) -> Option<usize> {
    let argument = |word: &&String| !word.starts_with('-');
    let clear = |word: &String| word.contains("://") || word.starts_with('/') || word.contains('?');
    let likely = |word: &String| word.contains('/') && !word.contains([':', ' ']);
    let find = |test: &dyn Fn(&String) -> bool| arguments.iter().position(|w| argument(&w) && test(w));
    find(&clear).or_else(|| find(&likely))
}

/// HTTPie's URL with its `key==value` items appended to the query, percent-encoded.
fn httpie_url(arguments: &[String]) -> Option<String> {
    let position = url_position(arguments)?;
    let mut url = arguments.get(position)?.clone();
    let items: Vec<String> = arguments
        .iter()
        .skip(position + 1)
        .filter_map(|item| httpie_query_item(item))
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect();
    if !items.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&items.join("&"));
    }
    Some(url)
}

/// `(key, value)` of an HTTPie query item: one whose first separator is `==` (a header
/// `Name:value` or a data item `a=b` has another first).
fn httpie_query_item(item: &str) -> Option<(&str, &str)> {
    let first = item.find([':', '=', '@'])?;
    let (key, rest) = item.split_at(first);
    rest.strip_prefix("==").map(|value| (key, value))
}

/// Splits a bash/zsh command line into words: `'…'` is literal, `"…"` and bare words take
/// backslash escapes, and a backslash before a line break joins the lines. `None` for an
/// unclosed quote.
fn shell_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        inner => current.push(inner),
                    }
                }
            }
            '"' => {
                let current = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            '\n' => {}
                            escaped @ ('"' | '\\' | '$' | '`') => current.push(escaped),
                            other => {
                                current.push('\\');
                                current.push(other);
                            }
                        },
                        inner => current.push(inner),
                    }
                }
            }
            '\\' => match chars.next() {
                // A line continuation, also when pasted with Windows line ends.
                Some('\n' | '\r') | None => {}
                Some(escaped) => word.get_or_insert_with(String::new).push(escaped),
            },
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn shell_words_follow_bash_quoting() {
        assert_eq!(
            shell_words("a 'b c' \"d \\\"e\\\" $f\" g\\ h 'it'\\''s' x\\\ny"),
            Some(strings(&["a", "b c", "d \"e\" $f", "g h", "it's", "xy"]))
        );
        assert_eq!(shell_words("'open"), None);
        assert_eq!(shell_words("\"open"), None);
        assert_eq!(shell_words("''"), Some(strings(&[""])));
    }
}
