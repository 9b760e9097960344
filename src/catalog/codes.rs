//! Sets of event codes, for finding duplicates and merging files. A catalog of a million types
//! puts a million codes in one; std's SipHash, built to resist hostile keys, cost ~150 ms for
//! that, while codes come from the user's own files. This is FxHash (rustc's hasher): a rotate,
//! an xor and a multiply per 8 bytes.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// A set of codes hashed with [`CodeHasher`].
pub(super) type CodeSet<'a> = HashSet<&'a str, BuildHasherDefault<CodeHasher>>;

/// An empty [`CodeSet`] with room for `capacity` codes.
pub(super) fn code_set<'a>(capacity: usize) -> CodeSet<'a> {
    HashSet::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

/// The [`CodeHasher`] hash of a code.
pub(super) fn hash_code(code: &str) -> u64 {
    let mut hasher = CodeHasher::default();
    hasher.write(code.as_bytes());
    hasher.finish()
}

/// The index of the first code that repeats an earlier one, if any; each code comes with its
/// [`hash_code`], computed where it was read (in parallel).
///
/// A hash set of a million codes misses the cache on nearly every insert (the set and the
/// strings it points to are far apart); sorting `(hash, index)` pairs and comparing neighbours
/// walks memory in order and is several times faster.
pub(super) fn first_duplicate<'a>(codes: impl ExactSizeIterator<Item = (u64, &'a str)>) -> Option<usize> {
    let mut hashed: Vec<(u64, u32)> = Vec::with_capacity(codes.len());
    let mut all: Vec<&str> = Vec::with_capacity(codes.len());
    for (index, (hash, code)) in codes.enumerate() {
        hashed.push((hash, index as u32));
        all.push(code);
    }
    hashed.sort_unstable();
    let mut first = None;
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        // Same hash: compare the codes; within a run, indices ascend.
        for (position, &(_, later)) in run.iter().enumerate().skip(1) {
            let code = all[later as usize];
            if run[..position].iter().any(|&(_, earlier)| all[earlier as usize] == code) {
                first = Some(first.map_or(later as usize, |f: usize| f.min(later as usize)));
            }
        }
    }
    first
}

/// Codes sorted by [`hash_code`], to ask "is this code known?" with a hash already at hand:
/// a binary search over a few dozen numbers instead of hashing the code again.
pub(super) struct HashedCodes<'a> {
    sorted: Vec<(u64, &'a str)>,
}

impl<'a> HashedCodes<'a> {
    pub(super) fn new(codes: impl Iterator<Item = &'a str>) -> HashedCodes<'a> {
        let mut sorted: Vec<(u64, &str)> = codes.map(|code| (hash_code(code), code)).collect();
        sorted.sort_unstable();
        HashedCodes { sorted }
    }

    pub(super) fn contains(&self, hash: u64, code: &str) -> bool {
        let start = self.sorted.partition_point(|&(h, _)| h < hash);
        self.sorted[start..].iter().take_while(|&&(h, _)| h == hash).any(|&(_, known)| known == code)
    }
}

/// FxHash: fast and well spread for short keys such as codes; not meant for hostile input.
#[derive(Default, Clone, Copy)]
pub(super) struct CodeHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl CodeHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for CodeHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the best-mixed bits at the top; hashbrown picks buckets with the
        // low ones, so bring them down (as rustc-hash 2 does).
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_repeated_code_is_found() {
        let hashed = |codes: &[&'static str]| -> Vec<(u64, &'static str)> {
            codes.iter().map(|&code| (hash_code(code), code)).collect()
        };
        assert_eq!(first_duplicate(hashed(&["a", "b", "c", "b", "a", "d"]).into_iter()), Some(3));
        assert_eq!(first_duplicate(hashed(&["x", "y"]).into_iter()), None);
        assert_eq!(first_duplicate(hashed(&[]).into_iter()), None);
    }

    #[test]
    fn hashed_codes_know_their_codes_only() {
        let known = HashedCodes::new(["lead_added", "lead_deleted"].into_iter());
        assert!(known.contains(hash_code("lead_added"), "lead_added"));
        assert!(!known.contains(hash_code("lead_addedx"), "lead_addedx"));
        assert!(!known.contains(hash_code("lead_added"), "not_the_same_code"));
    }

    #[test]
    fn codes_that_differ_only_in_length_or_tail_are_told_apart() {
        let mut set = code_set(4);
        for code in ["lead_added", "lead_added_", "lead_adde", "custom_field_1_value_changed"] {
            assert!(set.insert(code), "{code}");
        }
        assert!(!set.insert("lead_added"));
        assert_eq!(set.len(), 4);
    }
}
