//! Matching a parsed [`Query`] against the several fields of an item (code,
//! Spanish label, English label) and ranking items by score.

use super::exact::match_exact;
use super::fuzzy;
use super::query::{Query, Term, TermKind, TermSet};

/// Scores items against queries. Fuzzy terms are scored like fuzzy-matcher's `SkimMatcherV2`
/// (see [`fuzzy`](super::fuzzy) for why it is computed here), exact terms by
/// [`match_exact`](super::exact).
#[derive(Debug, Default, Clone, Copy)]
pub struct Matcher;

/// How well an item matched, and which chars to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Higher is better; the sum over AND-ed term sets of the best
    /// alternative's score (inverse terms contribute 0).
    pub score: i64,
    /// `highlights[f]` holds the sorted, deduplicated CHAR indices matched in
    /// field `f`. Folding keeps char counts, so they index the original
    /// (unfolded) field text as well.
    pub highlights: Vec<Vec<usize>>,
}

impl Matcher {
    /// Creates a matcher; fields and terms are both folded already, so case
    /// is respected rather than re-folded on every comparison.
    pub fn new() -> Self {
        Matcher
    }

    /// Matches `query` against one item whose fields were passed through
    /// [`fold`](super::fold) once at load time. Returns `None` when the item
    /// does not satisfy the query.
    ///
    /// A positive term matches when it matches any field; it highlights every
    /// field it matches (not only the best) so hits show in both labels.
    /// An inverse term rejects the item when any field matches it.
    pub fn match_fields(&self, query: &Query, folded_fields: &[&str]) -> Option<Match> {
        self.match_item(query, folded_fields)
    }

    /// The score [`Matcher::match_fields`] would give, without finding the chars to highlight:
    /// what ranking needs, for every item, on every keystroke. Fields repeated in the list do not
    /// change the score, so a caller may leave a duplicate field out.
    pub fn score_fields<S: AsRef<str>>(&self, query: &Query, folded_fields: &[S]) -> Option<i64> {
        let mut score = 0;
        for set in &query.sets {
            score += set.iter().filter_map(|term| self.score_term(term, folded_fields)).max()?;
        }
        Some(score)
    }

    /// [`Matcher::score_fields`] with a second way for each plain term to match: `other(set, term)`
    /// gives that term's score some other way (a word of the item's vocabulary), with a tag of
    /// what matched; a term takes the better of the two. A set for which `optional(set)` holds
    /// never rejects the item. Returns the score and the tag of the first set that the other way
    /// won, if any.
    pub fn score_fields_or<S: AsRef<str>>(
        &self,
        query: &Query,
        folded_fields: &[S],
        other: impl Fn(usize, usize) -> Option<(i64, Option<u32>)>,
        optional: impl Fn(usize) -> bool,
    ) -> Option<(i64, Option<u32>)> {
        let mut score = 0;
        let mut via = None;
        for (s, set) in query.sets.iter().enumerate() {
            let mut best: Option<(i64, Option<u32>)> = None;
            for (t, term) in set.iter().enumerate() {
                let own = self.score_term(term, folded_fields).map(|score| (score, None));
                let theirs = if term.inverse {
                    None
                } else {
                    other(s, t).map(|(score, tag)| (score, tag.or(Some(u32::MAX))))
                };
                for candidate in [own, theirs].into_iter().flatten() {
                    if best.is_none_or(|(b, _)| candidate.0 > b) {
                        best = Some(candidate);
                    }
                }
            }
            match best {
                Some((set_score, tag)) => {
                    score += set_score;
                    if via.is_none() {
                        via = tag;
                    }
                }
                None if optional(s) => {}
                None => return None,
            }
        }
        Some((score, via.filter(|&tag| tag != u32::MAX)))
    }

    /// True when the item satisfies `query`, without its score: what filtering (as opposed to
    /// ranking) needs. A fuzzy term is then a subsequence test, far cheaper than scoring it.
    pub fn is_match<S: AsRef<str>>(&self, query: &Query, folded_fields: &[S]) -> bool {
        query.sets.iter().all(|set| {
            set.iter().any(|term| {
                let hit = folded_fields.iter().any(|field| self.is_hit(term, field.as_ref()));
                hit != term.inverse
            })
        })
    }

    fn score_term<S: AsRef<str>>(&self, term: &Term, fields: &[S]) -> Option<i64> {
        if term.inverse {
            let excluded = fields.iter().any(|f| self.is_hit(term, f.as_ref()));
            return (!excluded).then_some(0);
        }
        fields.iter().filter_map(|field| self.term_score(term, field.as_ref())).max()
    }

    fn term_score(&self, term: &Term, field: &str) -> Option<i64> {
        if term.kind == TermKind::Fuzzy {
            return fuzzy::score(field, &term.text);
        }
        match_exact(term.kind, field, &term.text).map(|span| span.score)
    }

    /// Generic over the field type so [`rank`] can pass `&[String]` without
    /// collecting a `Vec<&str>` per item.
    fn match_item<S: AsRef<str>>(&self, query: &Query, fields: &[S]) -> Option<Match> {
        let mut highlights = vec![Vec::new(); fields.len()];
        let mut score = 0;
        for set in &query.sets {
            score += self.match_set(set, fields, &mut highlights)?;
        }
        for indices in &mut highlights {
            indices.sort_unstable();
            indices.dedup();
        }
        Some(Match { score, highlights })
    }

    /// Best score among the set's alternatives, `None` if none is satisfied.
    /// Every alternative is tried so all matching ones get highlighted.
    fn match_set<S: AsRef<str>>(
        &self,
        set: &TermSet,
        fields: &[S],
        highlights: &mut [Vec<usize>],
    ) -> Option<i64> {
        let mut best = None;
        for term in set {
            best = best.max(self.match_term(term, fields, highlights));
        }
        best
    }

    fn match_term<S: AsRef<str>>(
        &self,
        term: &Term,
        fields: &[S],
        highlights: &mut [Vec<usize>],
    ) -> Option<i64> {
        if term.inverse {
            let excluded = fields.iter().any(|f| self.is_hit(term, f.as_ref()));
            return (!excluded).then_some(0);
        }
        let mut best = None;
        for (field, marks) in fields.iter().zip(highlights.iter_mut()) {
            if let Some((score, indices)) = self.locate(term, field.as_ref()) {
                marks.extend(indices);
                best = best.max(Some(score));
            }
        }
        best
    }

    /// Score and char indices of `term` in one folded field.
    fn locate(&self, term: &Term, field: &str) -> Option<(i64, Vec<usize>)> {
        if term.kind == TermKind::Fuzzy {
            return fuzzy::indices(field, &term.text);
        }
        let span = match_exact(term.kind, field, &term.text)?;
        Some((span.score, span.indices().collect()))
    }

    /// Cheaper yes/no check for inverse terms, which never highlight.
    fn is_hit(&self, term: &Term, field: &str) -> bool {
        if term.kind == TermKind::Fuzzy {
            return fuzzy::is_match(field, &term.text);
        }
        match_exact(term.kind, field, &term.text).is_some()
    }
}

/// Matches every item (each given as its folded fields) and returns the
/// matching ones as `(index, Match)`, best score first and, on equal
/// scores, in input order, so the list never jumps around between
/// identical queries.
pub fn rank<'a>(
    matcher: &Matcher,
    query: &Query,
    items: impl IntoIterator<Item = &'a [String]>,
) -> Vec<(usize, Match)> {
    let mut ranked: Vec<(usize, Match)> = items
        .into_iter()
        .enumerate()
        .filter_map(|(index, fields)| Some((index, matcher.match_item(query, fields)?)))
        .collect();
    ranked.sort_by(|(ia, a), (ib, b)| b.score.cmp(&a.score).then(ia.cmp(ib)));
    ranked
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::skim::SkimMatcherV2;
    use fuzzy_matcher::FuzzyMatcher;

    use super::super::fold::fold;
    use super::*;

    /// Folds `fields` the way the caller does at load time, then matches.
    fn match_text(query: &str, fields: &[&str]) -> Option<Match> {
        let folded: Vec<String> = fields.iter().map(|f| fold(f)).collect();
        let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
        Matcher::new().match_fields(&Query::parse(query), &folded)
    }

    fn matches(query: &str, fields: &[&str]) -> bool {
        match_text(query, fields).is_some()
    }

    fn score(query: &str, fields: &[&str]) -> i64 {
        match match_text(query, fields) {
            Some(m) => m.score,
            None => panic!("{query:?} should match {fields:?}"),
        }
    }

    /// The chars of the ORIGINAL field at the highlighted indices.
    fn highlighted(original: &str, indices: &[usize]) -> String {
        let chars: Vec<char> = original.chars().collect();
        indices.iter().map(|&i| chars[i]).collect()
    }

    fn folded_items(items: &[&[&str]]) -> Vec<Vec<String>> {
        items.iter().map(|fields| fields.iter().map(|f| fold(f)).collect()).collect()
    }

    fn ranked_indices(query: &str, items: &[&[&str]]) -> Vec<usize> {
        let items = folded_items(items);
        let query = Query::parse(query);
        rank(&Matcher::new(), &query, items.iter().map(Vec::as_slice))
            .into_iter()
            .map(|(index, _)| index)
            .collect()
    }

    #[test]
    fn fusion_finds_fusion_realizada() {
        let original = "Fusión realizada";
        let m = match_text("fusion", &[original]).expect("should match");
        assert_eq!(m.highlights[0], vec![0, 1, 2, 3, 4, 5]);
        let letters: Vec<char> = highlighted(original, &m.highlights[0]).chars().collect();
        assert_eq!(letters, vec!['F', 'u', 's', 'i', 'ó', 'n']);
    }

    #[test]
    fn compania_finds_nueva_compania() {
        let original = "Nueva compañía";
        let m = match_text("compania", &[original]).expect("should match");
        assert_eq!(highlighted(original, &m.highlights[0]), "compañía");
    }

    #[test]
    fn accented_query_finds_unaccented_field_and_back() {
        assert!(matches("compañía", &["nueva compania"]));
        assert!(matches("'fusión", &["FUSION REALIZADA"]));
    }

    #[test]
    fn matching_is_case_insensitive() {
        for query in ["LEAD", "Lead", "lEaD", "'LEAD", "^LEAD", "ADDED$"] {
            assert!(matches(query, &["lead_added"]), "{query:?}");
        }
        assert!(matches("lead", &["LEAD ADDED"]));
    }

    #[test]
    fn skim_reports_char_indices_not_byte_indices() {
        // `€` is 3 bytes, `日本` 6: byte indices would start at 4 and 7.
        let skim = SkimMatcherV2::default();
        let (_, indices) = skim.fuzzy_indices("€ fusion", "fusion").expect("match");
        assert_eq!(indices, vec![2, 3, 4, 5, 6, 7]);
        let (_, indices) = skim.fuzzy_indices("日本 lead", "lead").expect("match");
        assert_eq!(indices, vec![3, 4, 5, 6]);
    }

    #[test]
    fn highlights_after_unfoldable_multibyte_chars_are_char_indices() {
        let original = "🚀 日本 Fusión";
        let fuzzy = match_text("fusion", &[original]).expect("fuzzy");
        assert_eq!(highlighted(original, &fuzzy.highlights[0]), "Fusión");
        let exact = match_text("'fusion", &[original]).expect("exact");
        assert_eq!(exact.highlights, fuzzy.highlights);
    }

    #[test]
    fn all_space_separated_terms_must_match() {
        let fields = ["lead_added", "Lead agregado", "Lead added"];
        assert!(matches("lead agregado", &fields));
        assert!(!matches("lead borrado", &fields));
    }

    #[test]
    fn and_terms_may_match_different_fields() {
        let m = match_text("^lead agregado", &["lead_added", "Lead agregado"]).expect("match");
        assert_eq!(m.highlights[0], vec![0, 1, 2, 3]);
        assert!(m.highlights[1].contains(&5));
    }

    #[test]
    fn and_score_is_the_sum_of_the_term_scores() {
        let fields = ["lead_added"];
        let both = score("^lead added$", &fields);
        assert_eq!(both, score("^lead", &fields) + score("added$", &fields));
    }

    #[test]
    fn bar_means_or_inside_an_and() {
        // (lead OR contact) AND added
        let query = "^lead | ^contact added$";
        assert!(matches(query, &["lead_added"]));
        assert!(matches(query, &["contact_added"]));
        assert!(!matches(query, &["company_added"]));
        assert!(!matches(query, &["lead_deleted"]));
    }

    #[test]
    fn or_scores_the_best_alternative_and_highlights_every_hit() {
        let fields = ["lead_added"];
        let m = match_text("'zzz | ^lead | 'added", &fields).expect("match");
        assert_eq!(m.score, score("^lead", &fields).max(score("'added", &fields)));
        assert_eq!(m.highlights[0], vec![0, 1, 2, 3, 5, 6, 7, 8, 9]);
    }

    #[test]
    fn inverse_alternative_in_an_or_is_satisfied_by_absence() {
        // fzf: `!deleted | ^lead` = (not deleted) OR starts with lead
        let query = "!deleted | ^lead";
        assert!(matches(query, &["contact_added"]));
        assert!(matches(query, &["lead_deleted"]));
        assert!(!matches(query, &["contact_deleted"]));
    }

    #[test]
    fn quote_requires_an_exact_substring() {
        assert!(matches("lead", &["l_e_a_d"]));
        assert!(!matches("'lead", &["l_e_a_d"]));
        let m = match_text("'add", &["lead_added"]).expect("match");
        assert_eq!(m.highlights[0], vec![5, 6, 7]);
    }

    #[test]
    fn quoted_on_both_sides_requires_whole_words() {
        assert!(matches("'lead'", &["Lead added"]));
        assert!(!matches("'lead'", &["Leads added"]));
    }

    #[test]
    fn caret_requires_a_prefix() {
        assert!(matches("^lead", &["lead_added"]));
        assert!(!matches("^added", &["lead_added"]));
    }

    #[test]
    fn dollar_requires_a_suffix() {
        assert!(matches("added$", &["lead_added"]));
        assert!(!matches("lead$", &["lead_added"]));
        let m = match_text("realizada$", &["Fusión realizada"]).expect("match");
        assert_eq!(m.highlights[0], (7..16).collect::<Vec<_>>());
    }

    #[test]
    fn caret_and_dollar_require_the_whole_field() {
        assert!(matches("^lead_added$", &["lead_added"]));
        assert!(!matches("^lead_added$", &["lead_added_x"]));
        assert!(!matches("^lead$", &["lead_added"]));
        assert!(matches("^fusion\\ realizada$", &["Fusión realizada"]));
    }

    #[test]
    fn bang_excludes_items_containing_the_word() {
        assert!(!matches("lead !deleted", &["lead_deleted"]));
        assert!(matches("lead !deleted", &["lead_added"]));
        // exact, not fuzzy: scattered letters do not exclude
        assert!(matches("!lead", &["l_e_a_d"]));
    }

    #[test]
    fn bang_excludes_when_any_field_matches() {
        let fields = ["lead_deleted", "Lead eliminado", "Lead deleted"];
        assert!(!matches("!eliminado", &fields));
        assert!(!matches("!deleted", &fields));
        assert!(matches("!borrado", &fields));
    }

    #[test]
    fn bang_quote_is_inverse_fuzzy() {
        assert!(!matches("!'lead", &["l_e_a_d"]));
        assert!(matches("!'lead", &["contact"]));
    }

    #[test]
    fn bang_caret_and_bang_dollar_exclude_by_prefix_and_suffix() {
        assert!(!matches("!^lead", &["lead_added"]));
        assert!(matches("!^added", &["lead_added"]));
        assert!(!matches("!added$", &["lead_added"]));
        assert!(matches("!lead$", &["lead_added"]));
        assert!(!matches("!^lead_added$", &["lead_added"]));
    }

    #[test]
    fn inverse_terms_add_no_score_or_highlights() {
        let m = match_text("!deleted", &["lead_added"]).expect("match");
        assert_eq!(m.score, 0);
        assert_eq!(m.highlights, vec![Vec::<usize>::new()]);
    }

    #[test]
    fn escaped_space_matches_a_literal_space() {
        assert!(matches("'lead\\ added", &["Lead added"]));
        assert!(!matches("'lead\\ added", &["lead_added"]));
        // Without the backslash it is two AND-ed terms and matches both.
        assert!(matches("'lead 'added", &["lead_added"]));
    }

    #[test]
    fn lone_dollar_is_a_literal_character() {
        assert!(matches("$", &["Price in $"]));
        assert!(!matches("$", &["lead_added"]));
    }

    #[test]
    fn lone_quote_caret_and_bang_match_everything_like_fzf() {
        for query in ["'", "^", "!", "lead '"] {
            let m = match_text(query, &["lead_added"]);
            assert!(m.is_some(), "{query:?}");
        }
        assert!(!matches("contact !", &["lead_added"]));
    }

    #[test]
    fn exact_prefix_of_code_beats_scattered_fuzzy() {
        let items: &[&[&str]] = &[
            &["sale_lost_and_done", "Venta perdida"],
            &["lead_added", "Lead agregado"],
            &["deleted_lead_note", "Nota borrada"],
        ];
        assert_eq!(ranked_indices("lead", items), vec![1, 2, 0]);
        assert_eq!(ranked_indices("'lead", items), vec![1, 2]);
    }

    #[test]
    fn exact_terms_outscore_fuzzy_terms_of_the_same_length() {
        let cases = [
            ("lead", "lead_added"),
            ("added", "lead_added"),
            ("ead", "lead_added"),
            ("compania", "nueva compania"),
            ("x", "x"),
        ];
        for (word, field) in cases {
            let fuzzy = score(word, &[field]);
            let exact = score(&format!("'{word}"), &[field]);
            assert!(exact > fuzzy, "{word:?} in {field:?}: {exact} <= {fuzzy}");
        }
    }

    #[test]
    fn whole_field_match_scores_highest() {
        let whole = score("^lead$", &["lead"]);
        for (query, field) in
            [("^lead", "lead_added"), ("lead$", "deleted_lead"), ("'lead", "the lead is"), ("lead", "lead")]
        {
            assert!(whole > score(query, &[field]), "{query:?} on {field:?}");
        }
        // The score follows where the text sits, not which operator found it.
        assert_eq!(score("'lead", &["lead"]), whole);
        let items: &[&[&str]] = &[&["mislead"], &["lead_added"], &["lead"]];
        assert_eq!(ranked_indices("'lead", items), vec![2, 1, 0]);
    }

    #[test]
    fn rank_orders_ties_by_index_deterministically() {
        let items: &[&[&str]] =
            &[&["lead_deleted"], &["lead_added"], &["contact"], &["lead_added"], &["lead_added"]];
        let first = ranked_indices("^lead_added$", items);
        assert_eq!(first, vec![1, 3, 4]);
        assert_eq!(ranked_indices("^lead_added$", items), first);
        assert_eq!(ranked_indices("", items), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn empty_query_matches_every_item_with_no_highlights() {
        for query in ["", "   "] {
            let m = match_text(query, &["lead_added", "Lead agregado"]).expect("match");
            assert_eq!(m.score, 0);
            assert_eq!(m.highlights, vec![Vec::<usize>::new(), Vec::new()]);
        }
    }

    #[test]
    fn term_matching_two_fields_highlights_both() {
        let fields = ["Lead agregado", "Lead added"];
        let m = match_text("lead", &fields).expect("match");
        assert_eq!(m.highlights, vec![vec![0, 1, 2, 3], vec![0, 1, 2, 3]]);
    }

    #[test]
    fn overlapping_terms_give_sorted_deduplicated_highlights() {
        let m = match_text("'lead ^le", &["lead_added"]).expect("match");
        assert_eq!(m.highlights[0], vec![0, 1, 2, 3]);
    }

    #[test]
    fn is_match_agrees_with_match_fields() {
        let fields = ["lead_status_changed", "Etapa del lead cambiada", "Compañía «Núñez»"];
        let folded: Vec<String> = fields.iter().map(|f| fold(f)).collect();
        for query in [
            "",
            "lead",
            "ldc",
            "zzz",
            "'etapa",
            "^lead_",
            "cambiada$",
            "!lead",
            "!zzz",
            "lead | zzz",
            "zzz | !lead",
            "nunez",
            "'compania'",
            "^lead_status_changed$",
            "lead etapa !borrada",
        ] {
            let query = Query::parse(query);
            let expected = Matcher::new().match_item(&query, &folded).is_some();
            assert_eq!(Matcher::new().is_match(&query, &folded), expected, "{query:?}");
        }
    }

    #[test]
    fn item_matching_no_field_is_none() {
        assert_eq!(match_text("xyz", &["lead_added", "Lead agregado"]), None);
        assert_eq!(match_text("lead", &[]), None);
    }
}
