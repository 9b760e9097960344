//! Text from outside made safe for where it goes, and text laid out by display width (one copy
//! of each: [`display_width`], [`wrap_words`]). Lead names come from web forms, labels and
//! names from the account, details from the server, values from files and pastes: any of them can
//! hold terminal escape sequences (`ESC]0;…` retitles the terminal, `ESC[2J` clears it,
//! `ESC]52;…` rewrites the clipboard) or bidirectional overrides that make a line read backwards.
//! Every output path passes such text through one of these functions:
//!
//! - [`printable`]: one line for a terminal (the screen, readable lines, messages).
//! - [`printable_lines`]: the same, keeping line breaks and tabs (CSV cells, multi-line views).
//! - [`json_safe`]: a serialized JSON text with the characters JSON leaves raw escaped, so the
//!   data stays whole and exact while nothing in it acts on a terminal.
//! - [`snippet`]: [`printable`] cut to a length, for quoting input back in an error.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A printable copy of `text` for one line of a terminal: escape sequences (CSI, OSC, DCS and the
/// other string controls, in their 7-bit and 8-bit forms) are removed whole, line breaks and tabs
/// become spaces, and every other control character and bidirectional override is dropped.
pub fn printable(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// [`printable`], keeping `\n` and `\t` (`\r\n` becomes `\n`), for destinations that hold several
/// lines: a CSV cell, a multi-line view.
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// `json`, a serialized JSON text, with the characters a JSON serializer writes raw but a terminal
/// may act on (C1 controls such as U+009B, bidirectional overrides, U+2028 and U+2029) written as
/// `\uXXXX` escapes instead. JSON allows these characters only inside strings, where the escape
/// means the same character, so the data parses back exactly as before.
pub fn json_safe(json: String) -> String {
    if !json.chars().any(needs_json_escape) {
        return json;
    }
    let mut safe = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_json_escape(c) {
            safe.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            safe.push(c);
        }
    }
    safe
}

/// A JSON value as plain text: a string as it is (no quotes), null as nothing, anything else as
/// JSON writes it. (Not made printable: callers choose the destination's function.)
pub fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A printable copy of `text` of at most `max_chars` characters (at least 1); a cut one ends in
/// `…`. For quoting a value back in a message without echoing a megabyte.
pub fn snippet(text: &str, max_chars: usize) -> String {
    let max_chars = max_chars.max(1);
    // Only the start is looked at: the whole of a huge value is never copied.
    let head: String = text.chars().take(max_chars.saturating_mul(4).saturating_add(64)).collect();
    let clean = printable(&head);
    if clean.chars().nth(max_chars).is_none() && head.len() == text.len() {
        return clean.into_owned();
    }
    let mut short: String = clean.chars().take(max_chars - 1).collect();
    short.push('…');
    short
}

/// Removes ANSI escapes and control characters from `text` as [`printable`] documents; with
/// `keep_lines`, `\n` and `\t` stay.
fn clean(text: &str, keep_lines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_lines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' if keep_lines => out.push(c),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c, keep_lines) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters (C0, DEL, C1), bidirectional embeddings, overrides and isolates, and the
/// Unicode line separators.
fn is_unsafe(c: char, keep_lines: bool) -> bool {
    if keep_lines && matches!(c, '\n' | '\t') {
        return false;
    }
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn needs_json_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After an ESC: the rest of the sequence it starts.
fn skip_escape(chars: &mut Chars) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Character-set designations take one more character (`ESC ( B`).
        Some('(' | ')' | '*' | '+' | '-' | '.' | '/' | '#' | '%' | ' ') => {
            chars.next();
        }
        // Any other: a two-character sequence (`ESC c`, `ESC 7`), or a lone ESC before text.
        _ => {}
    }
}

/// A CSI sequence: parameter and intermediate bytes, then one final byte.
fn skip_csi(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        chars.next();
        if ('\u{40}'..='\u{7e}').contains(&c) || !(' '..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// A string control (OSC, DCS, SOS, PM, APC): everything up to BEL or ST (`ESC \` or U+009C).
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// Columns `text` takes on screen, counted per grapheme as the terminal (and ratatui) draws it:
/// `é` written as `e` + a combining accent is one column, `❤️` (with its emoji selector) two.
pub fn display_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Splits `text` into lines of at most `width` columns, breaking between words; a word longer
/// than a line is cut by display width.
///
/// The width of the line being built is kept as it grows, so a pasted megabyte wraps in one pass.
/// `text` on one line of `width` columns: whole when it fits, else cut after the last word that
/// fits and ended with `…` (a word longer than the line is cut inside).
pub fn cut_at_word(text: &str, width: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if display_width(&flat) <= width {
        return flat;
    }
    let Some(room) = width.checked_sub(1) else { return String::new() };
    let first = wrap_words(&flat, room.max(1)).into_iter().next().unwrap_or_default();
    let first = first.trim_end_matches([',', ';', ':', '.', ' ']);
    format!("{first}…")
}

pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for word in text.split_whitespace() {
        let needed = line_width + usize::from(!line.is_empty()) + display_width(word);
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        for c in word.chars() {
            let char_width = c.width().unwrap_or(0);
            if line_width + char_width > width {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push(c);
            line_width += char_width;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::cut_at_word;

    #[test]
    fn a_long_status_is_cut_after_a_word_with_a_mark() {
        assert_eq!(cut_at_word("Copied the query.", 40), "Copied the query.");
        assert_eq!(
            cut_at_word("Could not copy: DISPLAY is not set. Enter prints", 24),
            "Could not copy: DISPLAY…"
        );
        assert_eq!(cut_at_word("https://acme.kommo.com/leads/detail/7001", 12), "https://acm…");
        assert_eq!(cut_at_word("two\nlines", 20), "two lines", "one line, whatever came in");
        assert_eq!(cut_at_word("anything", 0), "");
    }
    use super::*;

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(
            wrap_words("Recorded when an incoming call is added", 16),
            vec!["Recorded when an", "incoming call is", "added"]
        );
    }

    #[test]
    fn long_words_are_cut_by_display_width() {
        assert_eq!(wrap_words("日本語日本語", 4), vec!["日本", "語日", "本語"]);
    }

    /// Every kind of hostile text the program has met or can meet.
    const HOSTILE: &str = "A\u{1b}]0;pwned\u{7}B\u{1b}[2JC\u{1b}]52;c;SGVsbG8=\u{1b}\\D\u{9b}31mE\u{9d}8;;x\u{9c}F\u{7}\u{8}\u{0}\u{7f}\u{85}G\u{202e}H\u{2066}I\u{1b}cJ\u{1b}(BK\r\nL\tM";

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(printable(HOSTILE), "ABCDEFGHIJK L M");
    }

    #[test]
    fn line_breaks_can_stay_for_multi_line_destinations() {
        assert_eq!(printable_lines("a\r\nb\tc\u{1b}[1md"), "a\nb\tcd");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(printable("Ana García · ❤️ 日本"), Cow::Borrowed("Ana García · ❤️ 日本")));
    }

    #[test]
    fn an_unterminated_string_control_swallows_the_rest() {
        assert_eq!(printable("ok\u{1b}]0;title without end"), "ok");
        assert_eq!(printable("ok\u{1b}["), "ok");
    }

    #[test]
    fn json_keeps_the_data_and_escapes_what_serializers_leave_raw() {
        let value = serde_json::json!({"name": "x\u{9b}31m\u{202e}y\u{1b}"});
        let safe = json_safe(value.to_string());
        assert!(!safe.chars().any(|c| c.is_control() || is_bidi_control(c)), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn snippets_are_short_and_printable() {
        assert_eq!(snippet("abc", 10), "abc");
        assert_eq!(snippet("abcdef", 4), "abc…");
        assert_eq!(snippet("a\u{1b}[2Jb", 10), "ab");
        let huge = "x".repeat(1_000_000);
        assert_eq!(snippet(&huge, 20).chars().count(), 20);
    }
}
