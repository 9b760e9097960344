//! The catalog seen through a search query: which types match, how well, and in which group.
//! The screen and the `list`/`search` commands share it, so both rank identically.

use crate::catalog::Catalog;
use crate::search::{fold, rank, Match, Matcher, Query};

/// Field order used for matching and for [`Match::highlights`].
pub const FIELD_CODE: usize = 0;
/// Index of the Spanish label in [`Match::highlights`].
pub const FIELD_LABEL_ES: usize = 1;
/// Index of the English label in [`Match::highlights`].
pub const FIELD_LABEL_EN: usize = 2;

/// A catalog with every searchable text folded (lowercase, no accents) once, at load time.
pub struct Explorer {
    catalog: Catalog,
    folded: Vec<[String; 3]>,
    group_sizes: Vec<usize>,
    matcher: Matcher,
}

/// One event type that matched, with its score and the characters to highlight.
#[derive(Clone, Debug)]
pub struct Hit {
    /// Index into [`Catalog::events`].
    pub event: usize,
    /// Score and highlights per field (code, Spanish label, English label).
    pub found: Match,
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
}

impl Explorer {
    /// Prepares a catalog for searching.
    pub fn new(catalog: Catalog) -> Explorer {
        let folded = catalog
            .events()
            .iter()
            .map(|event| [fold(&event.code), fold(&event.label_es), fold(&event.label_en)])
            .collect();
        let group_sizes = catalog.group_sizes();
        Explorer { catalog, folded, group_sizes, matcher: Matcher::new() }
    }

    /// The catalog being explored.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Every matching type, best first (ties keep catalog order).
    pub fn ranked(&self, query: &Query) -> Vec<Hit> {
        let items = self.folded.iter().map(|fields| fields.as_slice());
        rank(&self.matcher, query, items).into_iter().map(|(event, found)| Hit { event, found }).collect()
    }

    /// Matching types by group. Groups come in catalog order for an empty query; otherwise the group
    /// holding the best match comes first, so the top row is always the best hit. Groups without
    /// matches are left out.
    pub fn grouped(&self, query: &Query) -> Vec<GroupHits> {
        let mut groups: Vec<GroupHits> = (0..self.catalog.groups().len())
            .map(|group| GroupHits { group, total: self.group_sizes[group], hits: Vec::new() })
            .collect();
        for hit in self.ranked(query) {
            let group = self.catalog.events()[hit.event].group;
            groups[group].hits.push(hit);
        }
        groups.retain(|group| !group.hits.is_empty());
        if !query.is_empty() {
            groups.sort_by(|a, b| best_score(b).cmp(&best_score(a)).then(a.group.cmp(&b.group)));
        }
        groups
    }
}

fn best_score(group: &GroupHits) -> i64 {
    group.hits.first().map_or(i64::MIN, |hit| hit.found.score)
}
