//! The catalog seen through a search query: which types match, how well, and in which group.
//! The screen and the `list`/`search` commands share it, so both rank identically.
//!
//! Built to answer a keystroke within a frame on catalogs of a hundred thousand types and more:
//! every searchable text is folded once, at load, into one buffer; ranking computes scores only,
//! and the characters to highlight are found later for the rows on screen
//! ([`TypeIndex::fill_highlights`]); a query that only narrows the last one re-checks only the
//! last one's matches ([`LastSearch`]); and large candidate lists are scored on every core.

use std::cmp::Reverse;

use crate::catalog::{Catalog, EventType};
use crate::parallel;
use crate::search::words::{WordIndex, WordPlan};
use crate::search::{fold_append, Match, Matcher, Query};

/// Field order used for matching and for [`Match::highlights`].
pub const FIELD_CODE: usize = 0;
/// Index of the Spanish label in [`Match::highlights`].
pub const FIELD_LABEL_ES: usize = 1;
/// Index of the English label in [`Match::highlights`].
pub const FIELD_LABEL_EN: usize = 2;
/// Index of the Portuguese label in [`Match::highlights`].
pub const FIELD_LABEL_PT: usize = 3;
/// How few hits make the search try one typo per word.
const FEW_HITS: usize = 3;

/// A catalog with every searchable text folded (lowercase, no accents) once, at load time.
pub struct TypeIndex {
    catalog: Catalog,
    folded: FoldedTexts,
    words: WordIndex,
    group_sizes: Vec<usize>,
    matcher: Matcher,
}

/// The folded code and labels of every type, in a few large buffers (one per chunk folded in
/// parallel, in order): a few allocations instead of three per type, and texts next to each
/// other in memory for the scan. A code folds to itself when it has no capitals (Kommo's never
/// have), and is then read from the catalog instead of being stored again.
struct FoldedTexts {
    parts: Vec<FoldedPart>,
    /// Types per part (every part but the last is full).
    part_size: usize,
    len: usize,
}

struct FoldedPart {
    text: String,
    /// Per type: where its folded code (empty: the catalog's code is folded already), Spanish,
    /// English and Portuguese labels start, and where the Portuguese label ends. A label that
    /// folds to the same text as the Spanish one (Kommo answers give one label for all) is not
    /// stored again: its start equals its end.
    bounds: Vec<[u32; 5]>,
}

impl FoldedTexts {
    /// Folds every type's texts; a large catalog is folded in parallel chunks.
    fn new(catalog: &Catalog) -> FoldedTexts {
        let events = catalog.events();
        let parts = parallel::map_chunks(events, FoldedPart::of);
        FoldedTexts { parts, part_size: parallel::chunk_size(events.len()), len: events.len() }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// A type's folded code (`code` is its code as the catalog has it), and its labels' text
    /// and bounds.
    fn locate<'a>(&'a self, event: usize, code: &'a str) -> (&'a str, &'a str, [usize; 4]) {
        let part = &self.parts[event / self.part_size];
        let [code_start, es, en, pt, end] = part.bounds[event % self.part_size].map(|bound| bound as usize);
        let folded_code = if code_start == es { code } else { &part.text[code_start..es] };
        (folded_code, &part.text, [es, en, pt, end])
    }

    /// The texts to score: a label that is the Spanish one is left out, which changes no score
    /// and halves the work for types from a Kommo answer.
    fn for_scoring<'a>(&'a self, event: usize, catalog: &'a Catalog) -> ([&'a str; 4], usize) {
        let (code, text, [es, en, pt, end]) = self.locate(event, catalog.events()[event].code());
        let mut fields = [code, &text[es..en], "", ""];
        let mut count = 2;
        for label in [&text[en..pt], &text[pt..end]] {
            if !label.is_empty() {
                fields[count] = label;
                count += 1;
            }
        }
        (fields, count)
    }

    /// Code, Spanish, English and Portuguese labels: the order of [`Match::highlights`].
    fn all_fields<'a>(&'a self, event: usize, catalog: &'a Catalog) -> [&'a str; 4] {
        let (code, text, [es, en, pt, end]) = self.locate(event, catalog.events()[event].code());
        let spanish = &text[es..en];
        let english = if en == pt { spanish } else { &text[en..pt] };
        // Not stored: the Portuguese label is the English or the Spanish one. Either way, when it
        // matches, so does a label the list shows first, so the English text stands in.
        let portuguese = if pt == end { english } else { &text[pt..end] };
        [code, spanish, english, portuguese]
    }
}

/// The length of a type's code in chars: codes are ASCII (the loader checks), so its length in
/// bytes.
fn code_chars(event: &EventType) -> usize {
    event.code().len()
}

/// True when two texts are the same; a type's labels that are one text are one slice, which
/// says so without comparing them.
fn same_text(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

impl FoldedPart {
    fn of(events: &[EventType]) -> FoldedPart {
        let size = events.iter().map(|e| e.label_es().len() + e.label_en().len()).sum();
        let mut text = String::with_capacity(size);
        let mut bounds = Vec::with_capacity(events.len());
        for event in events {
            let code = text.len();
            if event.code().bytes().any(|b| b.is_ascii_uppercase()) {
                fold_append(event.code(), &mut text);
            }
            let es = text.len();
            fold_append(event.label_es(), &mut text);
            let en = text.len();
            append_unless_spanish(event.label_en(), event.label_es(), es..en, &mut text);
            let pt = text.len();
            // A Portuguese label that is the English one (a file that gives none) is not stored
            // again either: one field less to score on every keystroke.
            if !same_text(event.label_pt(), event.label_en()) {
                append_unless_spanish(event.label_pt(), event.label_es(), es..en, &mut text);
            }
            // Parts hold a few hundred megabytes at most (catalog files are limited to 512 MiB).
            bounds.push([code, es, en, pt, text.len()].map(|bound| bound as u32));
        }
        text.shrink_to_fit();
        FoldedPart { text, bounds }
    }
}

/// Appends `label` folded, unless it is the Spanish one (`spanish`, folded at `at` in `text`).
fn append_unless_spanish(label: &str, spanish: &str, at: std::ops::Range<usize>, text: &mut String) {
    if same_text(label, spanish) {
        return;
    }
    let start = text.len();
    fold_append(label, text);
    if text[at] == text[start..] {
        text.truncate(start);
    }
}

/// One event type that matched, with its score and the characters to highlight.
#[derive(Clone, Debug)]
pub struct Hit {
    /// Index into [`Catalog::events`].
    pub event: usize,
    /// Score and highlights per field (code, Spanish, English and Portuguese labels). Ranking
    /// leaves `highlights` empty; [`TypeIndex::fill_highlights`] finds them for the hits on screen.
    pub found: Match,
    /// The vocabulary phrase that matched, when the type was found through one
    /// ([`TypeIndex::phrase`]): the row says it, so the user sees why the type is there.
    pub via: Option<u32>,
}

/// The matches inside one group.
#[derive(Clone, Debug)]
pub struct GroupHits {
    /// Index into [`Catalog::groups`].
    pub group: usize,
    /// How many types the group has in the catalog.
    pub total: usize,
    /// Matching types, best first.
    pub hits: Vec<Hit>,
    /// The length in chars of the longest code among `hits`, so the list can size its code
    /// column without walking every hit on every frame.
    pub longest_code: usize,
}

/// What the last search matched, so that the next query, when it only narrows the last one
/// ([`Query::narrows`]: typically one more letter at the end), re-checks only those types
/// instead of the whole catalog. Keep one per search box and pass it to
/// [`TypeIndex::grouped_after`].
#[derive(Clone, Debug, Default)]
pub struct LastSearch {
    query: Query,
    /// Indices of the matched types, ascending; `None` before the first search.
    matched: Option<Vec<u32>>,
}

impl TypeIndex {
    /// Prepares a catalog for searching.
    pub fn new(catalog: Catalog) -> TypeIndex {
        let folded = FoldedTexts::new(&catalog);
        let words = WordIndex::new(&catalog);
        let group_sizes = catalog.group_sizes();
        TypeIndex { catalog, folded, words, group_sizes, matcher: Matcher::new() }
    }

    /// A vocabulary phrase as written, for [`Hit::via`].
    pub fn phrase(&self, phrase: u32) -> Option<&str> {
        self.words.phrase(phrase)
    }

    /// The catalog being explored.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog, to change it and explore it anew.
    pub fn into_catalog(self) -> Catalog {
        self.catalog
    }

    /// Every matching type, best first (ties keep catalog order). Highlights are left empty.
    pub fn ranked(&self, query: &Query) -> Vec<Hit> {
        let scored = self.score(query, None);
        sort_best_first(scored).into_iter().map(hit).collect()
    }

    /// Matching types by group. Groups come in catalog order for an empty query; otherwise the group
    /// holding the best match comes first, so the top row is always the best hit. Groups without
    /// matches are left out. Highlights are left empty.
    pub fn grouped(&self, query: &Query) -> Vec<GroupHits> {
        self.grouped_after(query, &mut LastSearch::default())
    }

    /// [`TypeIndex::grouped`], re-checking only `last`'s matches when `query` narrows `last`'s
    /// query; `last` then remembers this search.
    pub fn grouped_after(&self, query: &Query, last: &mut LastSearch) -> Vec<GroupHits> {
        let candidates = match &last.matched {
            Some(matched) if query.narrows(&last.query) => Some(matched.as_slice()),
            _ => None,
        };
        let scored = self.score(query, candidates);
        let matched = scored.iter().map(|&(event, _, _)| event).collect();
        *last = LastSearch { query: query.clone(), matched: Some(matched) };
        self.group(query, scored)
    }

    /// Finds the characters to highlight for a hit of `query`, if not found yet.
    pub fn fill_highlights(&self, query: &Query, hit: &mut Hit) {
        if !hit.found.highlights.is_empty() {
            return;
        }
        let fields = self.folded.all_fields(hit.event, &self.catalog);
        hit.found.highlights = match self.matcher.match_fields(query, &fields) {
            Some(found) => found.highlights,
            None => vec![Vec::new(); fields.len()],
        };
    }

    /// `(event, score, via)` of every matching type among `candidates` (every type when `None`),
    /// in catalog order (candidates are ascending). Types found through words join the
    /// candidates, since the words of a narrower query can match types the last one did not; when
    /// that finds fewer than [`FEW_HITS`], one typo per long word is tried as well.
    fn score(&self, query: &Query, candidates: Option<&[u32]>) -> Vec<Scored> {
        if query.is_empty() {
            return match candidates {
                Some(candidates) => candidates.iter().map(|&e| (e, 0, None)).collect(),
                None => (0..self.folded.len() as u32).map(|e| (e, 0, None)).collect(),
            };
        }
        let folded = |event| self.folded.all_fields(event, &self.catalog);
        let plan = self.words.plan(query, false, &folded);
        let candidates = candidates.filter(|_| !plan.has_optional());
        let scored = self.score_with(query, &plan, candidates);
        if scored.len() >= FEW_HITS {
            return scored;
        }
        let with_typos = self.words.plan(query, true, &folded);
        let mut found: Vec<u32> = scored.iter().map(|&(event, _, _)| event).collect();
        found.extend(with_typos.events());
        found.sort_unstable();
        found.dedup();
        self.score_with(query, &with_typos, Some(&found))
    }

    fn score_with(&self, query: &Query, plan: &WordPlan, candidates: Option<&[u32]>) -> Vec<Scored> {
        let all: Vec<u32>;
        let candidates = match candidates {
            Some(candidates) => {
                let mut joined = candidates.to_vec();
                joined.extend(plan.events());
                joined.sort_unstable();
                joined.dedup();
                all = joined;
                &all
            }
            None => {
                all = (0..self.folded.len() as u32).collect();
                &all
            }
        };
        let score_chunk = |chunk: &[u32]| -> Vec<Scored> {
            chunk
                .iter()
                .filter_map(|&event| {
                    let (fields, count) = self.folded.for_scoring(event as usize, &self.catalog);
                    let other = |set, term| plan.score(set, term, event);
                    let optional = |set| plan.is_optional(set);
                    self.matcher
                        .score_fields_or(query, &fields[..count], other, optional)
                        .map(|(score, via)| (event, score, via))
                })
                .collect()
        };
        let mut parts = parallel::map_chunks(candidates, score_chunk).into_iter();
        let mut scored = parts.next().unwrap_or_default();
        for part in parts {
            scored.extend(part);
        }
        scored
    }

    /// Splits scored types (in catalog order) into their groups and ranks each group. The
    /// catalog keeps each group's types together, so a group is a run of the list: no lookup
    /// per hit, and memory is walked in order.
    fn group(&self, query: &Query, scored: Vec<Scored>) -> Vec<GroupHits> {
        let mut groups = Vec::new();
        let mut rest = scored.as_slice();
        let mut group_end = 0;
        for (group, &size) in self.group_sizes.iter().enumerate() {
            group_end += size;
            let in_group = rest.partition_point(|&(event, _, _)| (event as usize) < group_end);
            let (run, after) = rest.split_at(in_group);
            rest = after;
            if run.is_empty() {
                continue;
            }
            let longest_code =
                run.iter().map(|&(event, _, _)| code_chars(&self.catalog.events()[event as usize])).max();
            let hits = sort_best_first(run.to_vec()).into_iter().map(hit).collect();
            groups.push(GroupHits { group, total: size, hits, longest_code: longest_code.unwrap_or(0) });
        }
        if !query.is_empty() {
            groups.sort_by_key(|group| (Reverse(best_score(group)), group.group));
        }
        groups
    }
}

/// A type that matched: its index, score, and the vocabulary phrase it was found through.
type Scored = (u32, i64, Option<u32>);

fn hit((event, score, via): Scored) -> Hit {
    Hit { event: event as usize, found: Match { score, highlights: Vec::new() }, via }
}

/// Best score first, ties in catalog order; `scored` comes in catalog order.
///
/// Scores span a few hundred values while hits can number a hundred thousand, so a counting
/// sort (two passes, stable, so ties stay in catalog order) does what a comparison sort would in
/// a fraction of the time; a wide spread of scores falls back to sorting packed integers.
fn sort_best_first(scored: Vec<Scored>) -> Vec<Scored> {
    let (Some(low), Some(high)) =
        (scored.iter().map(|&(_, s, _)| s).min(), scored.iter().map(|&(_, s, _)| s).max())
    else {
        return scored;
    };
    if low == high {
        return scored;
    }
    let spread = (high - low) as u64;
    if spread < 4 * scored.len() as u64 + 1024 {
        return counting_sort(scored, low, high);
    }
    let key = |&(event, score, _): &Scored| {
        let rank = i64::from(i32::MAX) - score.clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        ((rank as u64) << 32) | u64::from(event)
    };
    let mut scored = scored;
    scored.sort_unstable_by_key(key);
    scored
}

/// Stable counting sort by descending score, for scores in `low..=high`.
fn counting_sort(scored: Vec<Scored>, low: i64, high: i64) -> Vec<Scored> {
    let bucket = |score: i64| (high - score) as usize;
    let mut starts = vec![0usize; (high - low) as usize + 2];
    for &(_, score, _) in &scored {
        starts[bucket(score) + 1] += 1;
    }
    for index in 1..starts.len() {
        starts[index] += starts[index - 1];
    }
    let mut sorted = vec![(0, 0, None); scored.len()];
    for &(event, score, via) in &scored {
        let slot = &mut starts[bucket(score)];
        sorted[*slot] = (event, score, via);
        *slot += 1;
    }
    sorted
}

fn best_score(group: &GroupHits) -> i64 {
    group.hits.first().map_or(i64::MIN, |hit| hit.found.score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::synthetic;

    fn codes(index: &TypeIndex, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|hit| index.catalog().events()[hit.event].code().to_string()).collect()
    }

    /// The plain definition: match every type with highlights, sort by score then index.
    fn reference_ranking(index: &TypeIndex, query: &Query) -> Vec<(usize, i64)> {
        let matcher = Matcher::new();
        let plan = index.words.plan(query, false, &|event| index.folded.all_fields(event, &index.catalog));
        let mut all: Vec<(usize, i64)> = (0..index.catalog().events().len())
            .filter_map(|event| {
                let fields = index.folded.all_fields(event, &index.catalog);
                let other = |set, term| plan.score(set, term, event as u32);
                let optional = |set| plan.is_optional(set);
                matcher.score_fields_or(query, &fields, other, optional).map(|(score, _)| (event, score))
            })
            .collect();
        all.sort_by_key(|&(event, score)| (Reverse(score), event));
        all
    }

    #[test]
    fn a_number_in_a_code_like_term_with_a_typo_finds_its_own_field_only() {
        let mut catalog = Catalog::builtin();
        let field = |id: &str, name: &str| crate::catalog::AccountType {
            code: format!("custom_field_{id}_value_changed"),
            label_en: format!("Field “{name}” changed"),
            label_es: format!("Campo «{name}» cambiado"),
            label_pt: format!("Campo «{name}» alterado"),
        };
        catalog.add_account_types(vec![field("512345", "Fuente"), field("512346", "Origen")]);
        let index = TypeIndex::new(catalog);
        // The typo needs the word index; the number is not in it, and is looked for in the code.
        let hits = index.ranked(&Query::parse("custom_feild_512345"));
        assert_eq!(codes(&index, &hits), ["custom_field_512345_value_changed"]);
        let hits = index.ranked(&Query::parse("campos_512346"));
        assert_eq!(codes(&index, &hits), ["custom_field_512346_value_changed"], "a plural and a number");
        assert!(index.ranked(&Query::parse("custom_feild_999999")).is_empty(), "no type has that number");
    }

    #[test]
    fn ranking_equals_matching_every_type_one_by_one() {
        let index = TypeIndex::new(synthetic::catalog(20_000));
        for text in ["t", "telefono", "^lead_ !deleted", "campo movil | correo", "'cambiado$", "núñez"] {
            let query = Query::parse(text);
            let ranked: Vec<(usize, i64)> =
                index.ranked(&query).iter().map(|hit| (hit.event, hit.found.score)).collect();
            assert_eq!(ranked, reference_ranking(&index, &query), "{text:?}");
        }
    }

    #[test]
    fn groups_hold_the_ranking_split_by_group_best_group_first() {
        let index = TypeIndex::new(synthetic::catalog(20_000));
        for text in ["t", "lead", "campo movil", "zzzz"] {
            let query = Query::parse(text);
            let mut expected: Vec<(usize, Vec<(usize, i64)>)> = Vec::new();
            for (event, score) in reference_ranking(&index, &query) {
                let group = index.catalog().events()[event].group();
                match expected.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, hits)) => hits.push((event, score)),
                    None => expected.push((group, vec![(event, score)])),
                }
            }
            // Groups in order of their best hit, ties by group index: the order the reference
            // ranking meets them in, except for ties, which the sort below settles.
            expected.sort_by_key(|(group, hits)| (Reverse(hits[0].1), *group));
            let grouped: Vec<(usize, Vec<(usize, i64)>)> = index
                .grouped(&query)
                .iter()
                .map(|g| (g.group, g.hits.iter().map(|h| (h.event, h.found.score)).collect()))
                .collect();
            assert_eq!(grouped, expected, "{text:?}");
        }
    }

    #[test]
    fn narrowing_step_by_step_gives_the_same_groups_as_searching_afresh() {
        let index = TypeIndex::new(synthetic::catalog(5_000));
        let mut last = LastSearch::default();
        let typed = "campo telefono movil !zzz | x";
        for end in 0..=typed.len() {
            let query = Query::parse(&typed[..end]);
            let incremental = index.grouped_after(&query, &mut last);
            let fresh = index.grouped(&query);
            let summary = |groups: &[GroupHits]| -> Vec<(usize, Vec<(usize, i64)>)> {
                groups
                    .iter()
                    .map(|g| (g.group, g.hits.iter().map(|h| (h.event, h.found.score)).collect()))
                    .collect()
            };
            assert_eq!(summary(&incremental), summary(&fresh), "after typing {:?}", &typed[..end]);
        }
        // And back: deleting letters widens, which must not reuse the narrower matches.
        for end in (0..typed.len()).rev() {
            let query = Query::parse(&typed[..end]);
            let matched = |groups: Vec<GroupHits>| groups.iter().map(|g| g.hits.len()).sum::<usize>();
            assert_eq!(
                matched(index.grouped_after(&query, &mut last)),
                matched(index.grouped(&query)),
                "after deleting back to {:?}",
                &typed[..end]
            );
        }
    }

    #[test]
    fn both_sorts_rank_best_first_with_ties_in_catalog_order() {
        let with_no_phrase = |pairs: &[(u32, i64)]| -> Vec<Scored> {
            pairs.iter().map(|&(event, score)| (event, score, None)).collect()
        };
        let scored = with_no_phrase(&[(0, 5), (1, 9), (2, 5), (3, -2), (4, 9), (5, 0)]);
        let expected = with_no_phrase(&[(1, 9), (4, 9), (0, 5), (2, 5), (5, 0), (3, -2)]);
        assert_eq!(counting_sort(scored.clone(), -2, 9), expected);
        assert_eq!(sort_best_first(scored), expected);
        let wide = with_no_phrase(&[(0, 1), (1, i64::MAX / 2), (2, 1)]);
        assert_eq!(sort_best_first(wide), with_no_phrase(&[(1, i64::MAX / 2), (0, 1), (2, 1)]));
    }

    #[test]
    fn highlights_are_found_for_the_hits_asked_for() {
        let index = TypeIndex::new(Catalog::builtin());
        let query = Query::parse("fusion");
        let mut hits = index.ranked(&query);
        assert!(hits[0].found.highlights.is_empty());
        index.fill_highlights(&query, &mut hits[0]);
        assert_eq!(codes(&index, &hits[..1]), vec!["entity_merged"]);
        assert_eq!(hits[0].found.highlights[FIELD_LABEL_ES], vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn labels_that_fold_alike_are_stored_once_and_still_highlight_in_both() {
        let index = TypeIndex::new(synthetic::catalog(100));
        let event =
            index.catalog().events().iter().position(|e| e.code().starts_with("custom_field_1")).unwrap();
        let (_, count) = index.folded.for_scoring(event, &index.catalog);
        assert_eq!(count, 2);
        let query = Query::parse("campo");
        let mut hit = hit((event as u32, 0, None));
        index.fill_highlights(&query, &mut hit);
        assert_eq!(hit.found.highlights[FIELD_LABEL_ES], hit.found.highlights[FIELD_LABEL_EN]);
        assert!(!hit.found.highlights[FIELD_LABEL_EN].is_empty());
    }

    #[test]
    fn longest_code_is_that_of_the_matching_types() {
        let index = TypeIndex::new(Catalog::builtin());
        let groups = index.grouped(&Query::parse("^lead_added$"));
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].longest_code, "lead_added".len());
    }
}
