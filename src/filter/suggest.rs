//! "Did you mean …?": the known words closest to a mistyped one, by Damerau–Levenshtein distance
//! (a swapped pair counts as one edit), for unknown type codes and unknown query keys.

/// At most this many suggestions.
pub const MAX_SUGGESTIONS: usize = 3;
/// At most this many candidates are compared: a catalog of a million types must not make a
/// keystroke slow for a code that is unknown anyway (the built-in and the account's types come
/// first in a catalog, so they are always among them).
pub const MAX_CANDIDATES: usize = 100_000;

/// The candidates closest to `word` (ASCII case ignored), nearest first, within a distance that
/// grows with the word's length (1 for short words, up to a third of the word).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let word = word.to_ascii_lowercase();
    let length = word.chars().count();
    let reach = (length / 3).clamp(1, 4);
    let mut near: Vec<(usize, &str)> = candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= reach)
        .map(|candidate| (strsim::damerau_levenshtein(&word, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(distance, _)| (1..=reach).contains(distance))
        .collect();
    near.sort();
    near.dedup_by(|a, b| a.1 == b.1);
    near.into_iter().take(MAX_SUGGESTIONS).map(|(_, candidate)| candidate.to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 5] =
        ["lead_added", "lead_deleted", "lead_status_changed", "contact_added", "incoming_call"];

    #[test]
    fn typos_find_the_code_meant() {
        assert_eq!(closest("lead_addd", CODES)[0], "lead_added");
        assert_eq!(closest("lead_stauts_changed", CODES)[0], "lead_status_changed");
        assert_eq!(closest("LEAD_ADDED_", CODES)[0], "lead_added");
        assert_eq!(closest("incomng_call", CODES), ["incoming_call"]);
    }

    #[test]
    fn nothing_near_suggests_nothing() {
        assert!(closest("totally_different_thing", CODES).is_empty());
        assert!(closest("lead_added", CODES).is_empty(), "an exact word is not a suggestion");
    }
}
