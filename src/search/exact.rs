//! Exact, boundary, prefix, suffix and whole-field matching, with scores on
//! the same scale as SkimMatcherV2's fuzzy scores.
//!
//! SkimMatcherV2 gives a consecutive run of `n` chars about `20 * n` plus a
//! small start bonus (at most 11 at the start of the field). Exact hits start
//! from `20 * n + EXACT_BONUS` so that they always outrank a fuzzy hit of the
//! same length. The score then depends on where the text sits, not on the
//! operator used, so `'lead` on the field `lead` scores like `^lead$`: a hit
//! on a word start beats one inside a word, a hit anchored to an end of the
//! field beats one in the middle, and a whole-field hit beats everything.

use super::query::TermKind;

/// Score per matched char, the same weight a consecutive fuzzy run gets.
const SCORE_PER_CHAR: i64 = 20;
/// Lifts every exact hit above SkimMatcherV2's best start bonus.
const EXACT_BONUS: i64 = 16;
/// Reward for starting on a word boundary (start of field, after `_`, ...).
const BOUNDARY_BONUS: i64 = 8;
/// Reward for each end of the field the hit touches.
const ANCHOR_BONUS: i64 = 8;
/// Reward for covering the whole field, the strongest signal there is.
const WHOLE_FIELD_BONUS: i64 = 48;

/// Where a term matched in one field: the char range and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    /// Char index of the first matched char.
    pub(super) start: usize,
    /// Number of matched chars.
    pub(super) len: usize,
    pub(super) score: i64,
}

impl Span {
    /// The matched char indices, for highlighting.
    pub(super) fn indices(&self) -> impl Iterator<Item = usize> {
        self.start..self.start + self.len
    }
}

/// Matches a non-fuzzy term against an already folded field. `kind` must not
/// be [`TermKind::Fuzzy`] (that one belongs to SkimMatcherV2); it gets `None`.
pub(super) fn match_exact(kind: TermKind, field: &str, pattern: &str) -> Option<Span> {
    match kind {
        TermKind::Fuzzy => None,
        TermKind::Exact => find_substring(field, pattern, false),
        TermKind::ExactBoundary => find_substring(field, pattern, true),
        TermKind::Prefix => match_prefix(field, pattern),
        TermKind::Suffix => match_suffix(field, pattern),
        TermKind::Equal => match_equal(field, pattern),
    }
}

/// Best-scoring occurrence of `pattern` in `field` (the first one on ties),
/// so `'lead` highlights the word `lead` in `mislead lead`. With
/// `whole_word`, only occurrences bounded on both sides count.
fn find_substring(field: &str, pattern: &str, whole_word: bool) -> Option<Span> {
    let mut best: Option<Span> = None;
    for (byte_start, _) in field.match_indices(pattern) {
        let byte_end = byte_start + pattern.len();
        if whole_word && !(is_boundary_before(field, byte_start) && is_boundary_after(field, byte_end)) {
            continue;
        }
        let span = span_at(field, byte_start, pattern);
        if best.is_none_or(|b| span.score > b.score) {
            best = Some(span);
        }
    }
    best
}

/// Like fzf, leading whitespace of the field is skipped unless the pattern
/// itself starts with whitespace.
fn match_prefix(field: &str, pattern: &str) -> Option<Span> {
    let body = trim_start_unless(field, pattern);
    let byte_start = field.len() - body.len();
    body.starts_with(pattern).then(|| span_at(field, byte_start, pattern))
}

/// Like fzf, trailing whitespace of the field is skipped unless the pattern
/// itself ends with whitespace.
fn match_suffix(field: &str, pattern: &str) -> Option<Span> {
    let body = trim_end_unless(field, pattern);
    let byte_start = body.len().checked_sub(pattern.len())?;
    body.ends_with(pattern).then(|| span_at(field, byte_start, pattern))
}

/// Whole field, ignoring surrounding whitespace the pattern does not have.
fn match_equal(field: &str, pattern: &str) -> Option<Span> {
    let from_start = trim_start_unless(field, pattern);
    let byte_start = field.len() - from_start.len();
    (trim_end_unless(from_start, pattern) == pattern).then(|| span_at(field, byte_start, pattern))
}

/// Span and score of `pattern` found at `byte_start` in `field`.
fn span_at(field: &str, byte_start: usize, pattern: &str) -> Span {
    let len = pattern.chars().count();
    Span {
        start: field[..byte_start].chars().count(),
        len,
        score: SCORE_PER_CHAR * len as i64 + position_bonus(field, byte_start, pattern.len()),
    }
}

fn position_bonus(field: &str, byte_start: usize, byte_len: usize) -> i64 {
    let at_start = field[..byte_start].trim().is_empty();
    let at_end = field[byte_start + byte_len..].trim().is_empty();
    let mut bonus = EXACT_BONUS;
    if is_boundary_before(field, byte_start) {
        bonus += BOUNDARY_BONUS;
    }
    if at_start {
        bonus += ANCHOR_BONUS;
    }
    if at_end {
        bonus += ANCHOR_BONUS;
    }
    if at_start && at_end {
        bonus += WHOLE_FIELD_BONUS;
    }
    bonus
}

fn trim_start_unless<'a>(field: &'a str, pattern: &str) -> &'a str {
    if pattern.starts_with(char::is_whitespace) {
        field
    } else {
        field.trim_start()
    }
}

fn trim_end_unless<'a>(field: &'a str, pattern: &str) -> &'a str {
    if pattern.ends_with(char::is_whitespace) {
        field
    } else {
        field.trim_end()
    }
}

/// fzf's notion of a word boundary: the neighbour is not a letter or digit
/// (so `_`, spaces and punctuation all separate words).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_boundary_before(field: &str, byte_index: usize) -> bool {
    !field[..byte_index].chars().next_back().is_some_and(is_word_char)
}

fn is_boundary_after(field: &str, byte_index: usize) -> bool {
    !field[byte_index..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indices(span: Option<Span>) -> Vec<usize> {
        span.map(|s| s.indices().collect()).unwrap_or_default()
    }

    #[test]
    fn exact_prefers_an_occurrence_on_a_word_boundary() {
        let span = match_exact(TermKind::Exact, "mislead lead note", "lead");
        assert_eq!(indices(span), vec![8, 9, 10, 11]);
        let span = match_exact(TermKind::Exact, "lead_x_lead", "lead");
        assert_eq!(indices(span), vec![0, 1, 2, 3]);
    }

    #[test]
    fn exact_on_the_whole_field_scores_like_caret_dollar() {
        let exact = match_exact(TermKind::Exact, "lead", "lead");
        assert_eq!(exact, match_exact(TermKind::Equal, "lead", "lead"));
    }

    #[test]
    fn exact_inside_a_word_still_matches_but_scores_lower() {
        let inside = match_exact(TermKind::Exact, "mislead", "lead").map(|s| s.score);
        let at_word = match_exact(TermKind::Exact, "the lead", "lead").map(|s| s.score);
        assert!(inside.is_some());
        assert!(at_word > inside);
    }

    #[test]
    fn boundary_kind_needs_word_edges_on_both_sides() {
        assert_eq!(match_exact(TermKind::ExactBoundary, "leads", "lead"), None);
        assert_eq!(match_exact(TermKind::ExactBoundary, "mislead", "lead"), None);
        let span = match_exact(TermKind::ExactBoundary, "leads lead_added", "lead");
        assert_eq!(indices(span), vec![6, 7, 8, 9]);
    }

    #[test]
    fn indices_are_char_indices_in_non_ascii_fields() {
        let span = match_exact(TermKind::Exact, "日本 € fusion", "fusion");
        assert_eq!(indices(span), vec![5, 6, 7, 8, 9, 10]);
        let span = match_exact(TermKind::Suffix, "ñandú 🚀 fin", "fin");
        assert_eq!(indices(span), vec![8, 9, 10]);
    }

    #[test]
    fn prefix_and_suffix_skip_surrounding_whitespace_like_fzf() {
        assert_eq!(indices(match_exact(TermKind::Prefix, "  lead", "lead")), vec![2, 3, 4, 5]);
        assert_eq!(match_exact(TermKind::Prefix, "  lead", " lead"), None);
        assert_eq!(indices(match_exact(TermKind::Prefix, " lead", " lead")), vec![0, 1, 2, 3, 4]);
        assert_eq!(indices(match_exact(TermKind::Suffix, "added  ", "added")), vec![0, 1, 2, 3, 4]);
        assert_eq!(indices(match_exact(TermKind::Equal, " lead ", "lead")), vec![1, 2, 3, 4]);
    }

    #[test]
    fn anchored_kinds_reject_misplaced_text() {
        assert_eq!(match_exact(TermKind::Prefix, "lead_added", "added"), None);
        assert_eq!(match_exact(TermKind::Suffix, "lead_added", "lead"), None);
        assert_eq!(match_exact(TermKind::Suffix, "ad", "added"), None);
        assert_eq!(match_exact(TermKind::Equal, "lead_added", "lead"), None);
    }

    #[test]
    fn whole_field_scores_above_prefix_above_exact() {
        let equal = match_exact(TermKind::Equal, "lead", "lead").map(|s| s.score);
        let prefix = match_exact(TermKind::Prefix, "lead_added", "lead").map(|s| s.score);
        let middle = match_exact(TermKind::Exact, "the lead is", "lead").map(|s| s.score);
        assert!(equal > prefix, "{equal:?} {prefix:?}");
        assert!(prefix > middle, "{prefix:?} {middle:?}");
    }
}
