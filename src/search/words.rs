//! Matching people's words, not just the labels' letters: every type's vocabulary (the words of
//! Kommo's interface and common synonyms, in Spanish, English and Portuguese) and the words of
//! its descriptions, folded and stemmed, in an index from stem to types.
//!
//! A query word finds a type's word when their stems agree (`llamadas` → `llamada`, `notes` →
//! `note`), or when it is the start of one (3 letters at least: typing is under way). Only when
//! the fuzzy pass finds too little, a word of five letters or more may also have one swapped pair
//! or one wrong letter (`stauts` → `status`), against the labels' and codes' words too. Each way
//! scores a share of what the word would score as a perfect fuzzy match, in this order: a
//! vocabulary word, then the start of one, a description word, and a typo last, so a real match
//! of the label always ranks first.

use std::collections::HashMap;

use crate::catalog::Catalog;

use super::fold::fold;
use super::fuzzy;
use super::query::{Query, TermKind};

/// Where a type's word comes from, best first: a word found in several places of one type is
/// kept once, from the best.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    /// A word of its labels: the fuzzy pass covers the letters as typed, these the word in
    /// another number, the parts of a code-like term, and typos.
    Label,
    /// The type's vocabulary (its phrase is shown on the row when it is what matched).
    Vocabulary,
    /// A word of its descriptions.
    Description,
    /// A word of its code: only for the parts of a code-like term and for typos (every note type's
    /// code says "note", which says nothing of which note a person means).
    Code,
}

/// Percent of a perfect fuzzy score each way of matching gives. A word of the label itself, in
/// another number (`notas` for "Nueva nota"), scores nearly as a fuzzy match would.
const LABEL_WORD: i64 = 100;
const VOCABULARY_WORD: i64 = 75;
const VOCABULARY_START: i64 = 60;
const DESCRIPTION_WORD: i64 = 45;
const DESCRIPTION_START: i64 = 35;
const TYPO: i64 = 30;
/// The shortest query word that may match the start of a longer word.
const MIN_START: usize = 3;
/// The shortest query word that may have a typo.
const MIN_TYPO: usize = 5;
/// The longest query word looked up: no word of a vocabulary, label or description is longer, and
/// a pasted megabyte must cost nothing here.
const MAX_WORD: usize = 64;

/// Words that carry no meaning in a search ("cambio de etapa"): a query term that is one of them
/// never rejects a type.
const STOPWORDS: &[&str] = &[
    "a", "al", "an", "and", "ao", "as", "by", "com", "con", "da", "das", "de", "del", "do", "dos", "e", "el",
    "em", "en", "for", "in", "la", "las", "lo", "los", "na", "nas", "no", "nos", "o", "of", "on", "or", "os",
    "para", "pela", "pelo", "por", "su", "the", "to", "um", "uma", "un", "una", "with", "y",
];

/// True for a folded word that carries no meaning in a search.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// A light stemmer for folded Spanish, English and Portuguese words: plurals to singulars, which
/// is what people's searches differ by (`llamadas`, `calls`, `notas`, `mensagens`, `replies`).
/// The same function runs on the index's words and on the query's, so it only has to agree with
/// itself.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if n > 4 && word.ends_with("oes") {
        return format!("{}ao", &word[..word.len() - 3]);
    }
    if n > 4 && word.ends_with("ns") {
        return format!("{}m", &word[..word.len() - 2]);
    }
    if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// The stems a query word may mean: its [`stem`], and for a Spanish plural in `-es` after a
/// consonant (`ciudades`, `reuniones`, `valores`) also the word without it, which `stem` cannot
/// tell from `responsables` or `nombres`.
pub fn query_stems(word: &str) -> Vec<String> {
    let mut stems = vec![stem(word)];
    if word.chars().count() > 4 && word.ends_with("es") {
        let without = &word[..word.len() - 2];
        if without.chars().last().is_some_and(|c| "dlnrzj".contains(c)) {
            stems.push(without.to_string());
        }
    }
    stems
}

/// The words of a folded text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
}

/// The types a term matches through words: for each, its score and the vocabulary phrase that
/// matched (when one did).
type Found = HashMap<u32, (i64, Option<u32>)>;

/// One type's word.
#[derive(Clone, Copy, Debug)]
struct Posting {
    event: u32,
    source: Source,
    /// For a vocabulary word, its phrase (an index into [`WordIndex::phrases`]).
    phrase: u32,
}

/// Every type's words by stem.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Distinct stems, sorted, so the stems a query word starts are one range.
    stems: Vec<String>,
    /// The types' words of each stem, in the order of `stems`.
    postings: Vec<Vec<Posting>>,
    /// The vocabulary phrases as written, for saying which one matched.
    phrases: Vec<String>,
}

/// How a query's terms match through words: for each term set and term, the types it matches
/// this way with their score and the phrase that matched.
#[derive(Debug, Default)]
pub struct WordPlan {
    terms: Vec<Vec<Found>>,
    /// Sets made of stopwords only: they never reject a type.
    optional: Vec<bool>,
}

impl WordIndex {
    /// Indexes the catalog's vocabularies and descriptions (and, for typos, codes and labels).
    pub fn new(catalog: &Catalog) -> WordIndex {
        let mut by_stem: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut phrases = Vec::new();
        let mut add = |text: &str, event: u32, source: Source, phrase: u32| {
            let folded = fold(text);
            for word in words(&folded).filter(|word| !is_stopword(word)) {
                let postings = by_stem.entry(stem(word)).or_default();
                let posting = Posting { event, source, phrase };
                // A word repeated in one type counts once, by its best source.
                match postings.last_mut() {
                    Some(last) if last.event == event => {
                        if source < last.source {
                            *last = posting;
                        }
                    }
                    _ => postings.push(posting),
                }
            }
        };
        for (index, event) in catalog.events().iter().enumerate() {
            let id = index as u32;
            for phrase in event.vocabulary.all() {
                phrases.push(phrase.to_string());
                add(phrase, id, Source::Vocabulary, phrases.len() as u32 - 1);
            }
            for description in [&event.description_es, &event.description_en] {
                add(description, id, Source::Description, u32::MAX);
            }
            for label in [&event.label_es, &event.label_en, &event.label_pt] {
                add(label, id, Source::Label, u32::MAX);
            }
            add(&event.code, id, Source::Code, u32::MAX);
        }
        let mut entries: Vec<(String, Vec<Posting>)> = by_stem.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (stems, postings) = entries.into_iter().unzip();
        WordIndex { stems, postings, phrases }
    }

    /// The vocabulary phrase `phrase` as written.
    pub fn phrase(&self, phrase: u32) -> Option<&str> {
        self.phrases.get(phrase as usize).map(String::as_str)
    }

    /// How `query`'s fuzzy terms match through words; with `typos`, a word of five letters or more
    /// may also have one swapped pair or one wrong letter.
    pub fn plan(&self, query: &Query, typos: bool) -> WordPlan {
        let mut plan = WordPlan::default();
        for set in &query.sets {
            let mut set_terms = Vec::new();
            let mut only_stopwords = true;
            for term in set {
                let plain = term.kind == TermKind::Fuzzy && !term.inverse;
                only_stopwords &= plain && is_stopword(&term.text);
                set_terms.push(if plain { self.term_matches(&term.text, typos) } else { HashMap::new() });
            }
            plan.terms.push(set_terms);
            plan.optional.push(only_stopwords);
        }
        plan
    }

    /// The types a term matches through words. A term of several words (`lead_stauts`, `e-mail`)
    /// needs all of them in one type; its score is theirs together.
    fn term_matches(&self, text: &str, typos: bool) -> Found {
        if text.len() > MAX_WORD * 4 {
            return HashMap::new();
        }
        let parts: Vec<&str> = words(text).filter(|word| !is_stopword(word)).collect();
        let mut combined: Option<Found> = None;
        for part in &parts {
            let found = self.word_matches(part, typos, parts.len() > 1);
            combined = Some(match combined {
                None => found,
                Some(previous) => previous
                    .into_iter()
                    .filter_map(|(event, (score, phrase))| {
                        let (more, other) = found.get(&event)?;
                        Some((event, (score + more, phrase.or(*other))))
                    })
                    .collect(),
            });
        }
        combined.unwrap_or_default()
    }

    /// The types one word matches, with the best score each, and the vocabulary phrase when that
    /// is what matched. `in_compound`: the word is a part of a code-like term, so the start of a
    /// label or code word counts too (the fuzzy pass cannot see parts).
    fn word_matches(&self, word: &str, typos: bool, in_compound: bool) -> Found {
        if word.len() > MAX_WORD {
            return HashMap::new();
        }
        let perfect = fuzzy::score(word, word).unwrap_or(0).max(1);
        let share = |percent: i64| perfect * percent / 100;
        let mut found: Found = HashMap::new();
        let stems = query_stems(word);
        // A label word as typed is the fuzzy pass's; in another number it is this one's.
        let other_number = stems.iter().any(|stemmed| stemmed != word);
        let mut take = |postings: &[Posting], whole: bool, typo: bool| {
            for posting in postings {
                let score = match (posting.source, whole, typo) {
                    (_, _, true) => share(TYPO),
                    (Source::Label, true, _) if other_number || in_compound => share(LABEL_WORD),
                    (Source::Label, true, _) => continue,
                    (Source::Vocabulary, true, _) => share(VOCABULARY_WORD),
                    (Source::Vocabulary, false, _) => share(VOCABULARY_START),
                    (Source::Description, true, _) => share(DESCRIPTION_WORD),
                    (Source::Description, false, _) => share(DESCRIPTION_START),
                    (Source::Label, false, _) if in_compound => share(VOCABULARY_START),
                    (Source::Label, false, _) => continue,
                    (Source::Code, true, _) if in_compound => share(VOCABULARY_WORD),
                    (Source::Code, false, _) if in_compound => share(VOCABULARY_START),
                    (Source::Code, _, _) => continue,
                };
                let phrase = (posting.source == Source::Vocabulary).then_some(posting.phrase);
                let entry = found.entry(posting.event).or_insert((i64::MIN, None));
                if score > entry.0 {
                    *entry = (score, phrase);
                }
            }
        };
        for stemmed in &stems {
            let start = self.stems.partition_point(|s| s.as_str() < stemmed.as_str());
            for (offset, candidate) in self.stems[start..].iter().enumerate() {
                let whole = candidate == stemmed;
                if !whole && (stemmed.chars().count() < MIN_START || !candidate.starts_with(stemmed.as_str()))
                {
                    break;
                }
                take(&self.postings[start + offset], whole, false);
            }
        }
        if typos && word.chars().count() >= MIN_TYPO {
            for (index, candidate) in self.stems.iter().enumerate() {
                if stems.iter().any(|stemmed| one_typo_apart(stemmed, candidate))
                    || one_typo_apart(word, candidate)
                {
                    take(&self.postings[index], true, true);
                }
            }
        }
        found
    }
}

impl WordPlan {
    /// What term `term` of set `set` scores for `event` through words, and the phrase.
    pub fn score(&self, set: usize, term: usize, event: u32) -> Option<(i64, Option<u32>)> {
        let found = self.terms.get(set)?.get(term)?;
        // Most terms match few types through words: no hashing for the others.
        if found.is_empty() {
            return None;
        }
        found.get(&event).copied()
    }

    /// True when no term matches any type through words.
    pub fn is_empty(&self) -> bool {
        self.terms.iter().flatten().all(HashMap::is_empty)
    }

    /// True when set `set` is made of stopwords only: it never rejects a type.
    pub fn is_optional(&self, set: usize) -> bool {
        self.optional.get(set).copied().unwrap_or(false)
    }

    /// True when some set never rejects a type, which makes a narrower query match more.
    pub fn has_optional(&self) -> bool {
        self.optional.iter().any(|&optional| optional)
    }

    /// Every type some term matches through words, ascending.
    pub fn events(&self) -> Vec<u32> {
        let mut events: Vec<u32> =
            self.terms.iter().flatten().flat_map(|found| found.keys().copied()).collect();
        events.sort_unstable();
        events.dedup();
        events
    }
}

/// True when `a` and `b` have the same length and differ by one letter or by one swapped pair of
/// neighbours.
fn one_typo_apart(a: &str, b: &str) -> bool {
    // Runs over every stem in the typo pass: no allocation, and most stems differ in length.
    if a == b || a.len() != b.len() {
        return false;
    }
    let mut differ = a.chars().zip(b.chars()).enumerate().filter(|(_, (x, y))| x != y);
    match (differ.next(), differ.next(), differ.next()) {
        (Some(_), None, _) => true,
        (Some((i, (a1, b1))), Some((j, (a2, b2))), None) => j == i + 1 && a1 == b2 && a2 == b1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_meet_their_singulars_in_three_languages() {
        for (plural, singular) in [
            ("llamadas", "llamada"),
            ("calls", "call"),
            ("notas", "nota"),
            ("notes", "note"),
            ("mensagens", "mensagem"),
            ("replies", "reply"),
            ("reuniones", "reunion"),
            ("conversoes", "conversao"),
            ("responsables", "responsable"),
        ] {
            assert!(query_stems(plural).contains(&stem(singular)), "{plural} / {singular}");
        }
        assert_eq!(stem("status"), "status");
    }

    #[test]
    fn one_swapped_pair_or_one_wrong_letter_is_a_typo_and_more_is_not() {
        assert!(one_typo_apart("stauts", "status"));
        assert!(one_typo_apart("chnage", "change"));
        assert!(one_typo_apart("etapq", "etapa"));
        assert!(!one_typo_apart("status", "status"));
        assert!(one_typo_apart("sttaus", "status"), "one swap, in the middle");
        assert!(!one_typo_apart("sutats", "status"), "more than one");
        assert!(!one_typo_apart("stat", "status"));
    }

    #[test]
    fn stopwords_are_sorted_for_the_binary_search() {
        assert!(STOPWORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_stopword("de") && is_stopword("the") && !is_stopword("etapa"));
    }
}
