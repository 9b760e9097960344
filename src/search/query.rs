//! fzf's extended search syntax, parsed once per query string.
//!
//! The parsing rules mirror fzf's `parseTerms` (src/pattern.go) token for
//! token, so people who know fzf get no surprises; the one difference is
//! that terms are always folded (case- and accent-insensitive) instead of
//! fzf's smart case.

use super::fold::fold;

/// How a single term is compared with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TermKind {
    /// `word`: fuzzy match scored by SkimMatcherV2.
    Fuzzy,
    /// `'word`: substring anywhere.
    Exact,
    /// `'word'`: substring that starts and ends at word boundaries.
    ExactBoundary,
    /// `^word`: field starts with it.
    Prefix,
    /// `word$`: field ends with it.
    Suffix,
    /// `^word$`: whole field.
    Equal,
}

/// One term of a query, already folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub(super) kind: TermKind,
    /// `!`: the term must not match.
    pub(super) inverse: bool,
    pub(super) text: String,
}

/// Terms joined by `|`: satisfied when any of them is.
pub(super) type TermSet = Vec<Term>;

/// A parsed search query: every term set must be satisfied (AND), and a
/// term set is satisfied when any of its terms is (OR, written `a | b`).
///
/// Parse it once when the query text changes, then match it against every
/// item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub(super) sets: Vec<TermSet>,
}

impl Query {
    /// Parses `input` with fzf's extended-search syntax: space-separated
    /// terms are ANDed, a lone `|` ORs its neighbours, and `'`, `^`, `$`, `!`
    /// select exact, prefix, suffix and inverse matching; `\ ` is a literal
    /// space.
    ///
    /// Like fzf, a token that is only an operator (`'`, `^`, `!`, `!'`,
    /// `!^`, `^$`) adds no term, so a query being typed does not empty the
    /// list before the word after the operator arrives; a lone `$` has no
    /// text to anchor and is a literal `$`.
    pub fn parse(input: &str) -> Query {
        let mut parser = Parser::default();
        for token in tokenize(input) {
            parser.push_token(&fold(&token));
        }
        parser.finish()
    }

    /// True when the query has no term, i.e. it matches every item.
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// True when every item this query matches is sure to match `previous` too, so a search can
    /// re-check only `previous`'s matches instead of every item. That is the common case of a
    /// letter typed at the end (`lea` → `lead`, `^lead` → `^lead_`, `lead` → `lead$`), but not of
    /// every longer text: `a` → `a | b` widens, and so does `!d` → `!de`.
    ///
    /// Sufficient, not exact: each of `previous`'s sets must be implied by one of this query's
    /// sets, a set implying another when each of its terms implies a term of the other.
    pub fn narrows(&self, previous: &Query) -> bool {
        previous.sets.iter().all(|wanted| {
            self.sets.iter().any(|set| set.iter().all(|term| wanted.iter().any(|w| term_implies(term, w))))
        })
    }
}

/// True when, on any field, `term` matching means `wanted` matches (for inverse terms: the item
/// passing `term` means it passes `wanted`).
fn term_implies(term: &Term, wanted: &Term) -> bool {
    match (term.inverse, wanted.inverse) {
        (false, false) => positive_implies(term, wanted),
        // Passing !t means no field matches t; that rules out w wherever w implies t.
        (true, true) => positive_implies(
            &Term { inverse: false, ..wanted.clone() },
            &Term { inverse: false, ..term.clone() },
        ),
        _ => false,
    }
}

/// For positive terms: every field `term` matches, `wanted` matches.
fn positive_implies(term: &Term, wanted: &Term) -> bool {
    use TermKind::*;
    let (t, w) = (term.text.as_str(), wanted.text.as_str());
    match wanted.kind {
        // A fuzzy match is a subsequence; every kind of `term` puts its text in the field in order.
        Fuzzy => is_subsequence(w, t),
        Exact => term.kind != Fuzzy && t.contains(w),
        Prefix => matches!(term.kind, Prefix | Equal) && t.starts_with(w),
        Suffix => matches!(term.kind, Suffix | Equal) && t.ends_with(w),
        ExactBoundary | Equal => term.kind == wanted.kind && t == w,
    }
}

/// True when the chars of `needle` appear in `haystack` in order.
fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut wanted = needle.chars().peekable();
    for c in haystack.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// Splits on runs of spaces, keeping `\ ` as a literal space inside a
/// token; any other backslash is kept as typed.
fn tokenize(input: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&' ') => {
                current.push(' ');
                chars.next();
            }
            ' ' => {
                if !current.is_empty() {
                    tokens.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// State of fzf's token loop: the OR-set being filled and whether the next
/// term opens a new set.
#[derive(Default)]
struct Parser {
    sets: Vec<TermSet>,
    set: TermSet,
    /// False right after a `|`, so the next term joins the current set.
    start_new_set: bool,
    /// Makes `a | | b` treat the second `|` as a literal, as fzf does.
    after_bar: bool,
}

impl Parser {
    fn push_token(&mut self, token: &str) {
        if !self.set.is_empty() && !self.after_bar && token == "|" {
            self.start_new_set = false;
            self.after_bar = true;
            return;
        }
        self.after_bar = false;
        if let Some(term) = parse_term(token) {
            if self.start_new_set {
                self.sets.push(std::mem::take(&mut self.set));
            }
            self.set.push(term);
            self.start_new_set = true;
        }
    }

    fn finish(mut self) -> Query {
        if !self.set.is_empty() {
            self.sets.push(self.set);
        }
        Query { sets: self.sets }
    }
}

/// Reads the operators of one token in fzf's order: `!`, then a trailing
/// `$`, then a leading `'` (or `'…'`) or `^`. Returns `None` when no text is
/// left to match.
fn parse_term(token: &str) -> Option<Term> {
    let mut kind = TermKind::Fuzzy;
    let mut inverse = false;
    let mut text = token;

    if let Some(rest) = text.strip_prefix('!') {
        inverse = true;
        kind = TermKind::Exact;
        text = rest;
    }
    if text != "$" {
        if let Some(rest) = text.strip_suffix('$') {
            kind = TermKind::Suffix;
            text = rest;
        }
    }
    if let Some(inner) = boundary_quoted(text) {
        kind = TermKind::ExactBoundary;
        text = inner;
    } else if let Some(rest) = text.strip_prefix('\'') {
        // A quote flips exactness: exact for a plain term, fuzzy after `!`.
        kind = if inverse { TermKind::Fuzzy } else { TermKind::Exact };
        text = rest;
    } else if let Some(rest) = text.strip_prefix('^') {
        kind = if kind == TermKind::Suffix { TermKind::Equal } else { TermKind::Prefix };
        text = rest;
    }

    (!text.is_empty()).then(|| Term { kind, inverse, text: text.to_owned() })
}

/// The inside of `'word'` (at least one char between the quotes).
fn boundary_quoted(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.is_empty()).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(kind: TermKind, inverse: bool, text: &str) -> Term {
        Term { kind, inverse, text: text.to_owned() }
    }

    fn only_term(input: &str) -> Term {
        let query = Query::parse(input);
        assert_eq!(query.sets.len(), 1, "{input:?} -> {query:?}");
        assert_eq!(query.sets[0].len(), 1, "{input:?} -> {query:?}");
        query.sets[0][0].clone()
    }

    #[test]
    fn plain_word_is_fuzzy() {
        assert_eq!(only_term("lead"), term(TermKind::Fuzzy, false, "lead"));
    }

    #[test]
    fn operators_select_the_match_kind() {
        use TermKind::*;
        let cases = [
            ("'lead", term(Exact, false, "lead")),
            ("^lead", term(Prefix, false, "lead")),
            ("added$", term(Suffix, false, "added")),
            ("^lead_added$", term(Equal, false, "lead_added")),
            ("'lead'", term(ExactBoundary, false, "lead")),
            ("!lead", term(Exact, true, "lead")),
            ("!'lead", term(Fuzzy, true, "lead")),
            ("!^lead", term(Prefix, true, "lead")),
            ("!added$", term(Suffix, true, "added")),
            ("!^lead$", term(Equal, true, "lead")),
        ];
        for (input, expected) in cases {
            assert_eq!(only_term(input), expected, "{input:?}");
        }
    }

    #[test]
    fn terms_are_folded_at_parse_time() {
        assert_eq!(only_term("'FUSIÓN"), term(TermKind::Exact, false, "fusion"));
        assert_eq!(only_term("Compañía"), term(TermKind::Fuzzy, false, "compania"));
    }

    #[test]
    fn spaces_separate_and_terms() {
        let query = Query::parse("  lead   added ");
        assert_eq!(
            query.sets,
            vec![vec![term(TermKind::Fuzzy, false, "lead")], vec![term(TermKind::Fuzzy, false, "added")],]
        );
    }

    #[test]
    fn bar_joins_neighbours_into_one_or_set() {
        let query = Query::parse("^lead | ^contact added$");
        assert_eq!(
            query.sets,
            vec![
                vec![term(TermKind::Prefix, false, "lead"), term(TermKind::Prefix, false, "contact"),],
                vec![term(TermKind::Suffix, false, "added")],
            ]
        );
    }

    #[test]
    fn leading_bar_is_literal_and_trailing_bar_is_ignored() {
        let query = Query::parse("| lead |");
        assert_eq!(
            query.sets,
            vec![vec![term(TermKind::Fuzzy, false, "|")], vec![term(TermKind::Fuzzy, false, "lead")],]
        );
    }

    #[test]
    fn second_bar_in_a_row_is_a_literal_alternative() {
        let query = Query::parse("a | | b");
        assert_eq!(
            query.sets,
            vec![
                vec![term(TermKind::Fuzzy, false, "a"), term(TermKind::Fuzzy, false, "|"),],
                vec![term(TermKind::Fuzzy, false, "b")],
            ]
        );
    }

    #[test]
    fn backslash_space_is_a_literal_space() {
        assert_eq!(only_term("'nueva\\ compañía"), term(TermKind::Exact, false, "nueva compania"));
        assert_eq!(only_term("lead\\ "), term(TermKind::Fuzzy, false, "lead "));
    }

    #[test]
    fn other_backslashes_are_kept() {
        assert_eq!(only_term("a\\b"), term(TermKind::Fuzzy, false, "a\\b"));
    }

    #[test]
    fn lone_dollar_is_a_literal_character() {
        assert_eq!(only_term("$"), term(TermKind::Fuzzy, false, "$"));
        assert_eq!(only_term("!$"), term(TermKind::Exact, true, "$"));
    }

    #[test]
    fn lone_quote_caret_and_bang_add_no_term_like_fzf() {
        for input in ["'", "^", "!", "!'", "!^", "^$", "' ^ !' !^"] {
            assert!(Query::parse(input).is_empty(), "{input:?}");
        }
        assert_eq!(Query::parse("lead '").sets, vec![vec![term(TermKind::Fuzzy, false, "lead")]]);
    }

    #[test]
    fn operator_chars_inside_a_term_are_literal() {
        assert_eq!(only_term("'^lead"), term(TermKind::Exact, false, "^lead"));
        assert_eq!(only_term("a'b"), term(TermKind::Fuzzy, false, "a'b"));
    }

    #[test]
    fn a_letter_typed_at_the_end_narrows() {
        let pairs = [
            ("", "l"),
            ("l", "le"),
            ("lea", "lead"),
            ("lead", "lead "),
            ("lead", "lead a"),
            ("lead", "lead$"),
            ("^lea", "^lead"),
            ("^lead", "^lead$"),
            ("'lea", "'lead"),
            ("'lead", "'lead'"),
            ("lead", "'lead"),
            ("!de", "!d"),
            ("lead !", "lead !x"),
            ("a | b", "a | bc"),
        ];
        for (before, after) in pairs {
            assert!(Query::parse(after).narrows(&Query::parse(before)), "{before:?} -> {after:?}");
        }
    }

    #[test]
    fn texts_that_widen_or_change_meaning_do_not_narrow() {
        let pairs = [
            ("lead", "lead | x"),
            ("!d", "!de"),
            ("lead\\", "lead\\ "),
            ("lead$", "lead$x"),
            ("'lead", "lead"),
            ("lead", ""),
        ];
        for (before, after) in pairs {
            let (before_query, after_query) = (Query::parse(before), Query::parse(after));
            assert!(
                !after_query.narrows(&before_query),
                "{before:?} -> {after:?}: {before_query:?} {after_query:?}"
            );
        }
    }

    #[test]
    fn empty_and_blank_queries_are_empty() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("    ").is_empty());
        assert!(!Query::parse("x").is_empty());
    }

    #[test]
    fn fzf_reference_query_parses_into_nine_sets() {
        // The query from fzf's own TestParseTermsExtended.
        let query =
            Query::parse("aaa 'bbb ^ccc ddd$ !eee !'fff !^ggg !hhh$ | ^iii$ ^xxx | 'yyy | zzz$ | !ZZZ |");
        use TermKind::*;
        let shape: Vec<Vec<(TermKind, bool)>> =
            query.sets.iter().map(|set| set.iter().map(|t| (t.kind, t.inverse)).collect()).collect();
        assert_eq!(
            shape,
            vec![
                vec![(Fuzzy, false)],
                vec![(Exact, false)],
                vec![(Prefix, false)],
                vec![(Suffix, false)],
                vec![(Exact, true)],
                vec![(Fuzzy, true)],
                vec![(Prefix, true)],
                vec![(Suffix, true), (Equal, false)],
                vec![(Prefix, false), (Exact, false), (Suffix, false), (Exact, true)],
            ]
        );
    }
}
