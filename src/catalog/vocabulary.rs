//! The built-in vocabulary (assets/vocabulary.json): for each type, the words people use for it
//! besides its labels, in Spanish, English and Portuguese. It joins the built-in catalog when
//! that is loaded.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Catalog, Vocabulary};

const BUILTIN_VOCABULARY: &str = include_str!("../../assets/vocabulary.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    /// What the file holds, for whoever edits it.
    #[allow(dead_code)]
    about: String,
    types: BTreeMap<String, Vocabulary>,
}

/// The built-in vocabulary by code.
fn builtin() -> BTreeMap<String, Vocabulary> {
    // Checked by the test suite (every code known, every type given words): failing here means the
    // binary was built from a broken asset, which no user input can cause.
    serde_json::from_str::<VocabularyFile>(BUILTIN_VOCABULARY)
        .expect("embedded assets/vocabulary.json is valid")
        .types
}

/// Gives the catalog's types their built-in words; the codes the file names that the catalog
/// does not have are returned (none for the built-in catalog).
pub(super) fn attach_builtin(catalog: &mut Catalog) -> Vec<String> {
    let mut words = builtin();
    for event in &mut catalog.events {
        if let Some(vocabulary) = words.remove(event.code()) {
            event.set_vocabulary(vocabulary);
        }
    }
    words.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_type_has_words_in_three_languages_and_every_word_a_type() {
        let mut catalog = Catalog::from_json(super::super::BUILTIN_JSON, "assets/events.json").unwrap();
        assert_eq!(attach_builtin(&mut catalog), Vec::<String>::new(), "codes the catalog does not have");
        for event in catalog.events() {
            let v = &event.vocabulary();
            assert!(!v.es.is_empty() && !v.en.is_empty() && !v.pt.is_empty(), "{} lacks words", event.code());
            assert!(v.all().all(|word| !word.trim().is_empty() && word.len() <= 60), "{}", event.code());
        }
    }
}
