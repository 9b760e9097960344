//! Fuzzy scoring: the scores of fuzzy-matcher's `SkimMatcherV2` (case respected, its default
//! score configuration), computed without its overheads.
//!
//! Why not call fuzzy-matcher itself: on the 2-core budget machine it took ~180 ms to answer the
//! first letter typed over 100,000 types (budget: 16 ms), because every call collects both
//! strings into `Vec<char>`, allocates two more vectors, and fills a whole matrix. This is the
//! same dynamic programme (affine gaps, the same bonuses for word starts, camel case and
//! consecutive matches) over bytes when the text is ASCII, with two reusable rows when only the
//! score is needed, and no allocation per call.
//!
//! The scores are those of a *fresh* `SkimMatcherV2::fuzzy_indices` call. fuzzy-matcher 0.3.7
//! reuses its matrix between calls without clearing one field of it, so its own scores for the
//! same text can differ by a few points depending on what it matched before (78 of 82,843
//! random matches in a test, always with repeated letters); a fresh matcher is the deterministic
//! reference, and the tests compare against it on many random and real texts.

use std::cell::RefCell;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// fuzzy-matcher's "minus infinity"; sums with it stay far below any real score, and are kept
/// exactly as it computes them so ties and maxima come out the same.
const NEG_INFINITY: i32 = i16::MIN as i32;

/// fuzzy-matcher's character classes, which decide the in-place bonuses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match ASCII_TYPES.get(c as usize) {
        Some(&ascii) => ascii,
        None => CharType::Lower,
    }
}

/// [`classify`] for every ASCII char, looked up instead of matched: scoring asks for the type
/// of every char of every field it walks.
const ASCII_TYPES: [CharType; 128] = {
    let mut table = [CharType::Lower; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = classify(byte as u8 as char);
        byte += 1;
    }
    table
};

/// fuzzy-matcher's `CharType::of`.
const fn classify(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

/// Bonus for matching a char of type `current` right after one of type `previous`.
fn in_place_bonus(previous: CharType, current: CharType) -> i32 {
    match (previous, current) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// Buffers reused across calls on one thread, so scoring allocates nothing.
#[derive(Default)]
struct Scratch {
    /// The text's chars, when it is not ASCII.
    text: Vec<char>,
    pattern: Vec<char>,
    /// Greedy first occurrence of each pattern char.
    first: Vec<usize>,
    /// Two rows of M (best score ending in a match) and P (best score ending in a skip), or the
    /// whole matrix when the matched positions are wanted.
    m: Vec<i32>,
    p: Vec<i32>,
    /// Whether the M and P cells came from a match (true) or a skip, for the traceback.
    m_from_match: Vec<bool>,
    p_from_match: Vec<bool>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The fuzzy score of `pattern` in `text` (both already folded), or `None` when the pattern's
/// chars do not all appear in order. The same number `SkimMatcherV2::fuzzy_indices` gives.
pub(super) fn score(text: &str, pattern: &str) -> Option<i64> {
    with_scratch(text, pattern, false).map(|(score, _)| score)
}

/// True when the pattern's chars all appear in `text`, in order: a fuzzy match, without its
/// score (what an inverse term needs).
pub(super) fn is_match(text: &str, pattern: &str) -> bool {
    if pattern.is_ascii() {
        return is_byte_subsequence(text.as_bytes(), pattern.as_bytes());
    }
    let mut wanted = pattern.chars().peekable();
    for c in text.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// True when the ASCII bytes of `pattern` appear in `text` in order. An ASCII byte never occurs
/// inside a multi-byte UTF-8 char, so this is the char-level test for any text.
fn is_byte_subsequence(text: &[u8], pattern: &[u8]) -> bool {
    let mut rest = text;
    for &wanted in pattern {
        match rest.iter().position(|&b| b == wanted) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// Score and matched char indices (ascending), as `SkimMatcherV2::fuzzy_indices`.
pub(super) fn indices(text: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
    with_scratch(text, pattern, true)
}

fn with_scratch(text: &str, pattern: &str, with_positions: bool) -> Option<(i64, Vec<usize>)> {
    // Most texts do not match; say so before any char is decoded.
    if pattern.is_ascii() && !is_byte_subsequence(text.as_bytes(), pattern.as_bytes()) {
        return None;
    }
    let mut pattern_chars = pattern.chars();
    let (Some(first_char), second) = (pattern_chars.next(), pattern_chars.next()) else {
        return Some((0, Vec::new()));
    };
    if second.is_none() && !with_positions {
        // For an ASCII char, bytes will do even in non-ASCII text: the byte before a match is
        // then part of a non-ASCII char, whose type is the one fuzzy-matcher gives it (lower).
        let best = if first_char.is_ascii() {
            single_char_score(text.bytes().map(char::from), first_char)
        } else {
            single_char_score(text.chars(), first_char)
        };
        return best.map(|score| (score, Vec::new()));
    }
    SCRATCH.with(|scratch| {
        let scratch = &mut *scratch.borrow_mut();
        scratch.pattern.clear();
        scratch.pattern.extend(pattern.chars());
        // ASCII text (most codes and folded labels) is walked byte by byte, which is the same
        // sequence of chars, decoded for free.
        if text.is_ascii() {
            return run(text.bytes().map(char::from), text.len(), scratch, with_positions);
        }
        // Decoded once, so each row can start at its first possible match directly.
        let mut chars = std::mem::take(&mut scratch.text);
        chars.clear();
        chars.extend(text.chars());
        let result = run(chars.iter().copied(), chars.len(), scratch, with_positions);
        scratch.text = chars;
        result
    })
}

/// Fills `first` with the greedy first occurrence of each pattern char; false when the pattern
/// is not a subsequence of the text.
fn first_occurrences(text: impl Iterator<Item = char>, pattern: &[char], first: &mut Vec<usize>) -> bool {
    first.clear();
    let mut wanted = pattern.iter();
    let mut next = wanted.next();
    for (index, c) in text.enumerate() {
        match next {
            Some(&p) if p == c => {
                first.push(index);
                next = wanted.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    next.is_none()
}

/// The in-place bonus of the char at `index` (0-based), given the type of the char before it.
fn bonus_at(index: usize, previous: CharType, current: CharType) -> i32 {
    let bonus = in_place_bonus(previous, current);
    if index == 0 {
        bonus * BONUS_FIRST_CHAR_MULTIPLIER
    } else {
        bonus
    }
}

/// The dynamic programme over `text` (`len` chars). Columns are 1-based text positions (column
/// 0 is before the text); row 0 is the empty pattern. With `with_positions` the whole matrix is
/// kept for the traceback, otherwise two rows.
fn run<I: Iterator<Item = char> + Clone>(
    text: I,
    len: usize,
    scratch: &mut Scratch,
    with_positions: bool,
) -> Option<(i64, Vec<usize>)> {
    let Scratch { pattern, first, m, p, m_from_match, p_from_match, .. } = scratch;
    if !first_occurrences(text.clone(), pattern, first) {
        return None;
    }
    let cols = len + 1;
    let rows = pattern.len() + 1;
    let stored_rows = if with_positions { rows } else { 2 };
    let cells = stored_rows * cols;
    m.clear();
    m.resize(cells, NEG_INFINITY);
    p.clear();
    p.resize(cells, NEG_INFINITY);
    if with_positions {
        m_from_match.clear();
        m_from_match.resize(cells, false);
        p_from_match.clear();
        p_from_match.resize(cells, false);
    }
    // Row 0: nothing matched yet; skipping text costs one gap extension (as fuzzy-matcher sets it).
    p[..cols].fill(GAP_EXTENSION);
    let row_of = |row: usize| if with_positions { row } else { row & 1 };
    for (i, &pattern_char) in pattern.iter().enumerate() {
        let row = row_of(i + 1) * cols;
        let previous_row = row_of(i) * cols;
        let start = first[i];
        // The cell before the first possible match starts empty, as in a fresh matrix. Cells
        // further left are never read: the next row starts further right.
        m[row + start] = NEG_INFINITY;
        p[row + start] = NEG_INFINITY;
        let mut chars = text.clone().skip(start.saturating_sub(1));
        let mut previous_type =
            if start == 0 { CharType::Empty } else { chars.next().map_or(CharType::Empty, char_type) };
        for (offset, c) in chars.enumerate() {
            let col = start + offset + 1;
            let current_type = char_type(c);
            let here = row + col;
            let left = here - 1;
            let diagonal = previous_row + col - 1;
            if c == pattern_char {
                let in_place = bonus_at(col - 1, previous_type, current_type);
                // fuzzy-matcher takes the max with a "previous match bonus" that a fresh matrix
                // always holds at 0 in this cell; see the module docs.
                let consecutive = in_place.max(BONUS_CONSECUTIVE);
                let by_match = m[diagonal] + consecutive;
                let by_skip = p[diagonal] + in_place;
                let from_match = by_match >= by_skip;
                m[here] = SCORE_MATCH + if from_match { by_match } else { by_skip };
                if with_positions {
                    m_from_match[here] = from_match;
                }
            } else {
                m[here] = NEG_INFINITY;
            }
            let open = GAP_START + GAP_EXTENSION + m[left];
            let extend = GAP_EXTENSION + p[left];
            let from_match = open >= extend;
            p[here] = if from_match { open } else { extend };
            if with_positions {
                p_from_match[here] = from_match;
            }
            previous_type = current_type;
        }
    }
    let last = row_of(rows - 1) * cols;
    let first_col = first[pattern.len() - 1];
    // The last maximum wins, as with `Iterator::max_by_key` in fuzzy-matcher.
    let (best_col, best) = (first_col..cols)
        .map(|col| (col, m[last + col]))
        .fold((first_col, i32::MIN), |best, cell| if cell.1 >= best.1 { cell } else { best });
    let positions = if with_positions {
        traceback(first[0], m_from_match, p_from_match, cols, rows, best_col)
    } else {
        Vec::new()
    };
    Some((i64::from(best), positions))
}

/// The programme above for a one-char pattern, in closed form: each occurrence scores
/// `SCORE_MATCH + GAP_EXTENSION + its in-place bonus` (row 0 offers only the skip score), and the
/// best occurrence wins; `None` when the char does not occur. The first letter typed hits this
/// on every type of the catalog, so it needs no scratch and looks at types only where it matches.
fn single_char_score(text: impl Iterator<Item = char>, wanted: char) -> Option<i64> {
    let mut previous = '\0';
    let mut best: Option<i32> = None;
    for (index, c) in text.enumerate() {
        if c == wanted {
            let score = SCORE_MATCH + GAP_EXTENSION + bonus_at(index, char_type(previous), char_type(c));
            best = best.max(Some(score));
        }
        previous = c;
    }
    best.map(i64::from)
}

/// Walks back from the best cell of the last row, as fuzzy-matcher does, collecting the text
/// positions taken as matches.
fn traceback(
    first_col_first_row: usize,
    m_from_match: &[bool],
    p_from_match: &[bool],
    cols: usize,
    rows: usize,
    best_col: usize,
) -> Vec<usize> {
    let mut positions = Vec::with_capacity(rows - 1);
    let mut i = rows - 1;
    let mut j = best_col;
    let mut track_m = true;
    let mut current_is_match = true;
    while i > 0 && j > first_col_first_row {
        if current_is_match {
            positions.push(j - 1);
        }
        let cell = i * cols + j;
        current_is_match = if track_m { m_from_match[cell] } else { p_from_match[cell] };
        if track_m {
            i -= 1;
        }
        j -= 1;
        track_m = current_is_match;
    }
    positions.reverse();
    positions
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    use super::*;

    /// The reference: a fresh fuzzy-matcher for every call (see the module docs).
    fn reference(text: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        SkimMatcherV2::default().respect_case().fuzzy_indices(text, pattern)
    }

    fn check(text: &str, pattern: &str) {
        let expected = reference(text, pattern);
        assert_eq!(
            score(text, pattern),
            expected.as_ref().map(|(s, _)| *s),
            "score of {pattern:?} in {text:?}"
        );
        assert_eq!(indices(text, pattern), expected, "indices of {pattern:?} in {text:?}");
    }

    /// xorshift, so the random cases are the same on every run.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn text(&mut self, max_len: u64, alphabet: &[char]) -> String {
            let len = self.next() % max_len;
            (0..len).map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize]).collect()
        }
    }

    #[test]
    fn scores_equal_fuzzy_matchers_on_catalog_texts() {
        let catalog = crate::catalog::Catalog::builtin();
        let patterns =
            ["l", "lead", "ead", "compania", "lsc", "cambio", "added", "sms", "ia", "zz", "nueva c"];
        for event in catalog.events() {
            for field in [event.code(), event.label_es(), event.label_en()] {
                let folded = crate::search::fold(field);
                for pattern in patterns {
                    check(&folded, pattern);
                }
            }
        }
    }

    #[test]
    fn scores_equal_fuzzy_matchers_on_random_texts() {
        let mut random = Random(0x2545_f491_4f6c_dd1d);
        let alphabet = ['a', 'a', 'b', '_', 'c', ' ', 'd', '-', 'A', 'b', '1', '/', '.', 'ñ', 'é'];
        let pattern_alphabet = ['a', 'b', '_', ' ', 'ñ', 'd'];
        for _ in 0..30_000 {
            let text = random.text(40, &alphabet);
            let pattern = random.text(6, &pattern_alphabet);
            check(&text, &pattern);
        }
    }

    #[test]
    fn is_match_agrees_with_score() {
        for (text, pattern) in
            [("lead_added", "ldd"), ("lead_added", "dl"), ("ñandú", "nd"), ("ñandu", "ñu"), ("", "")]
        {
            assert_eq!(is_match(text, pattern), score(text, pattern).is_some(), "{pattern:?} in {text:?}");
        }
    }

    #[test]
    fn no_match_when_the_chars_are_not_in_order() {
        assert_eq!(score("lead_added", "dl"), None);
        assert_eq!(indices("abc", "abcd"), None);
        assert_eq!(score("", "a"), None);
    }

    #[test]
    fn the_empty_pattern_matches_with_zero() {
        assert_eq!(score("anything", ""), Some(0));
        assert_eq!(indices("anything", ""), Some((0, Vec::new())));
    }
}
