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
use std::sync::OnceLock;

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
    // The longest stopword has four letters; most words are longer, and skip the search.
    word.len() <= 4 && STOPWORDS.binary_search(&word).is_ok()
}

/// A light stemmer for folded Spanish, English and Portuguese words: plurals to singulars, which
/// is what people's searches differ by (`llamadas`, `calls`, `notas`, `mensagens`, `replies`).
/// The same function runs on the index's words and on the query's, so it only has to agree with
/// itself.
pub fn stem(word: &str) -> String {
    let mut stemmed = String::new();
    stem_into(word, &mut stemmed);
    stemmed
}

/// [`stem`] into a buffer, so indexing millions of words allocates nothing per word.
fn stem_into(word: &str, out: &mut String) {
    out.clear();
    let n = word.chars().count();
    let (kept, ending) = if n > 4 && word.ends_with("ies") {
        (&word[..word.len() - 3], "y")
    } else if n > 4 && word.ends_with("oes") {
        (&word[..word.len() - 3], "ao")
    } else if n > 4 && word.ends_with("ns") {
        (&word[..word.len() - 2], "m")
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        (&word[..word.len() - 1], "")
    } else {
        (word, "")
    };
    out.push_str(kept);
    out.push_str(ending);
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

/// One type's vocabulary or description word.
#[derive(Clone, Copy, Debug)]
struct Posting {
    event: u32,
    source: Source,
    /// For a vocabulary word, its phrase (an index into [`WordIndex::phrases`]).
    phrase: u32,
}

/// The types that have a word in their labels (or in their codes), ascending, as varint
/// deltas: a label word of a million-type catalog ("campo", "cambiado") is in nearly every
/// type, and takes a byte per type here instead of twelve.
#[derive(Debug, Default)]
struct EventList {
    bytes: Vec<u8>,
    /// The last type added, plus one (0: none yet).
    last: u32,
}

impl EventList {
    /// Adds a type (never below the last one); the same type twice is kept once.
    fn push(&mut self, event: u32) {
        if self.last == event + 1 {
            return;
        }
        let mut delta = event + 1 - self.last;
        self.last = event + 1;
        loop {
            let byte = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    fn contains_last(&self, event: u32) -> bool {
        self.last == event + 1
    }

    fn events(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.bytes.iter();
        let mut previous = 0u32;
        std::iter::from_fn(move || {
            let mut delta = 0u32;
            let mut shift = 0;
            loop {
                let byte = *bytes.next()?;
                delta |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            previous += delta;
            Some(previous - 1)
        })
    }
}

/// Every type that has one stem, by where the stem is.
#[derive(Debug, Default)]
struct StemTypes {
    /// Vocabulary and description words, in type order.
    rich: Vec<Posting>,
    labels: EventList,
    codes: EventList,
}

/// Stems and the types that have each.
#[derive(Debug, Default)]
struct StemTable {
    /// Distinct stems, sorted, so the stems a query word starts are one range.
    stems: Vec<Box<str>>,
    /// The types of each stem, in the order of `stems`.
    types: Vec<StemTypes>,
}

/// Every type's words by stem.
#[derive(Debug, Default)]
pub struct WordIndex {
    /// Vocabulary and description words, indexed with the catalog.
    rich: StemTable,
    /// Label and code words. Only typos, a word in another number and the parts of a code-like
    /// term need them, and in a large catalog they are most of the words: indexed the first time
    /// a query needs them.
    labels: OnceLock<StemTable>,
    /// How many types the catalog has.
    events: usize,
    /// The vocabulary phrases as written, for saying which one matched.
    phrases: Vec<String>,
}

/// A word of digits only ("2024", a field id in a code) says nothing a typed number would not
/// find in the label or code as it is, and a typo in one means another number: not indexed from
/// labels and codes (a million custom fields would make a million stems).
fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

/// Builds a [`WordIndex`]: stems are numbered as they first appear, their types collected per
/// number.
#[derive(Default)]
struct Builder {
    /// Seeded per process: labels come from files and account answers, and a fixed hash would
    /// let a crafted one make every word collide.
    ids: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    /// The stem number of each word seen (`None`: a stopword): labels repeat their words, and a
    /// word seen before is not stemmed again.
    word_ids: HashMap<Box<str>, Option<u32>, foldhash::fast::RandomState>,
    types: Vec<StemTypes>,
    phrases: Vec<String>,
    stemmed: String,
}

impl Builder {
    /// The number of a word's stem, adding it the first time; `None` for a stopword.
    fn stem_id(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.word_ids.get(word) {
            return id;
        }
        let id = self.new_stem_id(word);
        self.word_ids.insert(word.into(), id);
        id
    }

    fn new_stem_id(&mut self, word: &str) -> Option<u32> {
        if is_stopword(word) {
            return None;
        }
        stem_into(word, &mut self.stemmed);
        if let Some(&id) = self.ids.get(self.stemmed.as_str()) {
            return Some(id);
        }
        let id = self.types.len() as u32;
        self.ids.insert(self.stemmed.as_str().into(), id);
        self.types.push(StemTypes::default());
        Some(id)
    }

    /// Indexes one type's vocabulary and descriptions, as written. A word found in both counts
    /// once, from the vocabulary.
    fn add_rich_type(&mut self, event: u32, vocabulary: &[&str], descriptions: &[&str]) {
        for phrase in vocabulary {
            self.phrases.push(phrase.to_string());
            let phrase = self.phrases.len() as u32 - 1;
            self.add_rich(event, &fold(self.phrases[phrase as usize].as_str()), Source::Vocabulary, phrase);
        }
        for description in descriptions {
            self.add_rich(event, &fold(description), Source::Description, u32::MAX);
        }
    }

    /// Indexes one type's labels and code, folded already. A word of both counts once, from the
    /// label.
    fn add_label_type(&mut self, event: u32, labels: &[&str], code: &str) {
        for label in labels {
            for word in words(label).filter(|word| !is_number(word)) {
                if let Some(id) = self.stem_id(word) {
                    self.types[id as usize].labels.push(event);
                }
            }
        }
        for word in words(code).filter(|word| !is_number(word)) {
            if let Some(id) = self.stem_id(word) {
                let types = &mut self.types[id as usize];
                if !types.labels.contains_last(event) {
                    types.codes.push(event);
                }
            }
        }
    }

    fn add_rich(&mut self, event: u32, folded: &str, source: Source, phrase: u32) {
        for word in words(folded) {
            if let Some(id) = self.stem_id(word) {
                let types = &mut self.types[id as usize];
                // The same word twice keeps the first (vocabulary before descriptions).
                if types.rich.last().is_some_and(|p| p.event == event) {
                    continue;
                }
                types.rich.push(Posting { event, source, phrase });
            }
        }
    }

    fn finish(self) -> (StemTable, Vec<String>) {
        let mut entries: Vec<(Box<str>, u32)> = self.ids.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut by_id: Vec<Option<StemTypes>> = self.types.into_iter().map(Some).collect();
        let mut stems = Vec::with_capacity(entries.len());
        let mut types = Vec::with_capacity(entries.len());
        for (stem, id) in entries {
            stems.push(stem);
            types.push(by_id[id as usize].take().unwrap_or_default());
        }
        (StemTable { stems, types }, self.phrases)
    }
}

/// A type's code and labels, folded: what the search folded once, lent to the word index.
pub type Folded<'t> = dyn Fn(usize) -> [&'t str; 4] + Sync + 't;

/// How a query's terms match through words: for each term set and term, the types it matches
/// this way with their score and the phrase that matched.
#[derive(Debug, Default)]
pub struct WordPlan {
    terms: Vec<Vec<Found>>,
    /// Sets made of stopwords only: they never reject a type.
    optional: Vec<bool>,
}

impl WordIndex {
    /// Indexes the catalog's vocabularies and descriptions; its labels and codes wait for the
    /// first query that needs them ([`WordIndex::plan`]).
    pub fn new(catalog: &Catalog) -> WordIndex {
        let mut builder = Builder::default();
        let mut vocabulary = Vec::new();
        for (index, event) in catalog.events().iter().enumerate() {
            vocabulary.clear();
            vocabulary.extend(event.vocabulary().all());
            let descriptions = [event.description_es(), event.description_en()];
            let descriptions: &[&str] =
                if descriptions.iter().all(|text| text.is_empty()) { &[] } else { &descriptions };
            builder.add_rich_type(index as u32, &vocabulary, descriptions);
        }
        let (rich, phrases) = builder.finish();
        WordIndex { rich, labels: OnceLock::new(), events: catalog.events().len(), phrases }
    }

    /// The label and code words, indexed now if no query needed them before. `folded` gives a
    /// type's code and labels, folded.
    fn label_table<'t>(&self, folded: &Folded<'t>) -> &StemTable {
        self.labels.get_or_init(|| {
            let mut builder = Builder::default();
            for event in 0..self.events {
                let [code, labels @ ..] = folded(event);
                builder.add_label_type(event as u32, &labels, code);
            }
            builder.finish().0
        })
    }

    /// The vocabulary phrase `phrase` as written.
    pub fn phrase(&self, phrase: u32) -> Option<&str> {
        self.phrases.get(phrase as usize).map(String::as_str)
    }

    /// How `query`'s fuzzy terms match through words; with `typos`, a word of five letters or more
    /// may also have one swapped pair or one wrong letter.
    /// `folded` gives a type's code and labels, folded (see [`Folded`]).
    pub fn plan<'t>(&self, query: &Query, typos: bool, folded: &Folded<'t>) -> WordPlan {
        let mut plan = WordPlan::default();
        for set in &query.sets {
            let mut set_terms = Vec::new();
            let mut only_stopwords = true;
            for term in set {
                let plain = term.kind == TermKind::Fuzzy && !term.inverse;
                only_stopwords &= plain && is_stopword(&term.text);
                set_terms.push(if plain {
                    self.term_matches(&term.text, typos, folded)
                } else {
                    HashMap::new()
                });
            }
            plan.terms.push(set_terms);
            plan.optional.push(only_stopwords);
        }
        plan
    }

    /// The types a term matches through words. A term of several words (`lead_stauts`, `e-mail`)
    /// needs all of them in one type; its score is theirs together.
    ///
    /// Numbers are not indexed (see [`is_number`]): a number in a code-like term
    /// (`custom_feild_512345`) is looked for in the code and labels of the types its other words
    /// found.
    fn term_matches<'t>(&self, text: &str, typos: bool, folded: &Folded<'t>) -> Found {
        if text.len() > MAX_WORD * 4 {
            return HashMap::new();
        }
        let parts: Vec<&str> = words(text).filter(|word| !is_stopword(word)).collect();
        let (numbers, parts): (Vec<&str>, Vec<&str>) = parts.iter().partition(|part| is_number(part));
        let in_compound = parts.len() + numbers.len() > 1;
        let mut combined: Option<Found> = None;
        for part in &parts {
            let found = self.word_matches(part, typos, in_compound, folded);
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
        let mut combined = combined.unwrap_or_default();
        if !numbers.is_empty() {
            combined.retain(|&event, _| {
                let fields = folded(event as usize);
                numbers
                    .iter()
                    .all(|number| fields.iter().any(|field| words(field).any(|word| word == *number)))
            });
        }
        combined
    }

    /// The types one word matches, with the best score each, and the vocabulary phrase when that
    /// is what matched. `in_compound`: the word is a part of a code-like term, so the start of a
    /// label or code word counts too (the fuzzy pass cannot see parts).
    fn word_matches<'t>(&self, word: &str, typos: bool, in_compound: bool, folded: &Folded<'t>) -> Found {
        if word.len() > MAX_WORD {
            return HashMap::new();
        }
        let perfect = fuzzy::score(word, word).unwrap_or(0).max(1);
        let share = |percent: i64| perfect * percent / 100;
        let mut found: Found = HashMap::new();
        let stems = query_stems(word);
        // A label word as typed is the fuzzy pass's; in another number it is this one's.
        let other_number = stems.iter().any(|stemmed| stemmed != word);
        let mut take = |types: &StemTypes, whole: bool, typo: bool| {
            let labels =
                types.labels.events().map(|event| Posting { event, source: Source::Label, phrase: u32::MAX });
            let codes =
                types.codes.events().map(|event| Posting { event, source: Source::Code, phrase: u32::MAX });
            // Only the ways that can score walk the long lists.
            let labels = (typo || other_number || in_compound).then_some(labels).into_iter().flatten();
            let codes = (typo || in_compound).then_some(codes).into_iter().flatten();
            for posting in types.rich.iter().copied().chain(labels).chain(codes) {
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
        let labels = (typos || other_number || in_compound).then(|| self.label_table(folded));
        for table in std::iter::once(&self.rich).chain(labels) {
            for stemmed in &stems {
                let start = table.stems.partition_point(|s| &**s < stemmed.as_str());
                for (offset, candidate) in table.stems[start..].iter().enumerate() {
                    let whole = &**candidate == stemmed;
                    if !whole
                        && (stemmed.chars().count() < MIN_START || !candidate.starts_with(stemmed.as_str()))
                    {
                        break;
                    }
                    take(&table.types[start + offset], whole, false);
                }
            }
            if typos && word.chars().count() >= MIN_TYPO {
                for (index, candidate) in table.stems.iter().enumerate() {
                    if stems.iter().any(|stemmed| one_typo_apart(stemmed, candidate))
                        || one_typo_apart(word, candidate)
                    {
                        take(&table.types[index], true, true);
                    }
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
