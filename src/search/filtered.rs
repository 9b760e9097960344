//! A growing list of items, each a few text fields, seen through a query that filters without
//! ranking: the matches keep the items' order. Built for lists that arrive in batches (pages of
//! events) and are filtered on every keystroke:
//!
//! - every field is folded once, when its item is added, into one buffer;
//! - items added while a query is set are checked against it alone, not the whole list again;
//! - a query that only narrows the last one ([`Query::narrows`]) re-checks only its matches;
//! - matching asks yes or no (no score, no highlights), on every core for large lists;
//! - highlights are found on demand, for the items on screen ([`FilteredList::highlights`]).

use super::fold::fold_append;
use super::matcher::Matcher;
use super::query::Query;
use crate::parallel;

/// Items of `FIELDS` text fields each, in the order they were added, and which of them match the
/// current query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilteredList<const FIELDS: usize> {
    /// Every field of every item, folded, one after the other.
    folded: String,
    /// Where each field ends in `folded`: field `f` of item `i` is entry `i * FIELDS + f`, and
    /// starts where the entry before it ends.
    ends: Vec<usize>,
    query: Query,
    /// Indices of the items that match `query`, ascending.
    matched: Vec<u32>,
}

impl<const FIELDS: usize> Default for FilteredList<FIELDS> {
    fn default() -> Self {
        FilteredList { folded: String::new(), ends: Vec::new(), query: Query::default(), matched: Vec::new() }
    }
}

impl<const FIELDS: usize> FilteredList<FIELDS> {
    /// An empty list with an empty query (which matches every item).
    pub fn new() -> Self {
        Self::default()
    }

    /// How many items were added.
    pub fn len(&self) -> usize {
        self.ends.len() / FIELDS
    }

    /// True when no item was added.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The query the list is filtered by.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Indices of the items matching the query, in the order they were added.
    pub fn matched(&self) -> &[u32] {
        &self.matched
    }

    /// Adds items at the end; each is folded once, here, and only the new items are checked
    /// against the query.
    pub fn extend<'a>(&mut self, items: impl IntoIterator<Item = [&'a str; FIELDS]>) {
        let first_new = self.len();
        for fields in items {
            for field in fields {
                fold_append(field, &mut self.folded);
                self.ends.push(self.folded.len());
            }
        }
        let new: Vec<u32> = (index(first_new)..index(self.len())).collect();
        let matched = self.matching(&new);
        self.matched.extend(matched);
    }

    /// Filters by `query`. When it narrows the current one (typically one more letter at the end),
    /// only the current matches are checked; otherwise every item is.
    pub fn set_query(&mut self, query: Query) {
        if query == self.query {
            return;
        }
        let narrows = query.narrows(&self.query);
        self.query = query;
        self.matched = if narrows {
            self.matching(&self.matched)
        } else {
            let all: Vec<u32> = (0..index(self.len())).collect();
            self.matching(&all)
        };
    }

    /// The chars of each field of item `item` that the query matched (char indices, which are
    /// also those of the unfolded text: folding keeps the char count); empty for an item that
    /// does not match.
    pub fn highlights(&self, item: usize) -> Vec<Vec<usize>> {
        let fields = self.fields(item);
        match Matcher::new().match_fields(&self.query, &fields) {
            Some(found) => found.highlights,
            None => vec![Vec::new(); FIELDS],
        }
    }

    /// The folded fields of item `item`.
    fn fields(&self, item: usize) -> [&str; FIELDS] {
        let first = item * FIELDS;
        std::array::from_fn(|field| {
            let at = first + field;
            let start = if at == 0 { 0 } else { self.ends[at - 1] };
            &self.folded[start..self.ends[at]]
        })
    }

    /// The items among `candidates` (ascending) that match the query, in order; large lists are
    /// split over the cores.
    fn matching(&self, candidates: &[u32]) -> Vec<u32> {
        if self.query.is_empty() {
            return candidates.to_vec();
        }
        let matcher = Matcher::new();
        let check = |chunk: &[u32]| -> Vec<u32> {
            chunk
                .iter()
                .copied()
                .filter(|&item| matcher.is_match(&self.query, &self.fields(item as usize)))
                .collect()
        };
        parallel::map_chunks(candidates, check).concat()
    }
}

/// Item positions are kept as `u32` (half the memory of `usize` for the match lists); four
/// billion items is far beyond what a screen holds.
fn index(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[[&str; 2]]) -> FilteredList<2> {
        let mut list = FilteredList::new();
        list.extend(items.iter().copied());
        list
    }

    fn matched_with(list: &mut FilteredList<2>, query: &str) -> Vec<u32> {
        list.set_query(Query::parse(query));
        list.matched().to_vec()
    }

    const ITEMS: [[&str; 2]; 4] = [
        ["lead_status_changed", "Stage: Negotiation → Won"],
        ["entity_responsible_changed", "Responsible: Ana → Luis"],
        ["lead_added", "Nuevo lead «Compañía»"],
        ["incoming_call", "Llamada de Ana"],
    ];

    #[test]
    fn an_empty_query_keeps_every_item_in_order() {
        let mut list = list(&ITEMS);
        assert_eq!(list.len(), 4);
        assert_eq!(matched_with(&mut list, ""), vec![0, 1, 2, 3]);
    }

    #[test]
    fn matches_keep_the_order_items_were_added_in_not_a_ranking() {
        let mut list = list(&ITEMS);
        assert_eq!(matched_with(&mut list, "'ana"), vec![1, 3]);
        assert_eq!(matched_with(&mut list, "^lead_ | call"), vec![0, 2, 3]);
        assert_eq!(matched_with(&mut list, "compania"), vec![2]);
        assert_eq!(matched_with(&mut list, "!changed"), vec![2, 3]);
    }

    #[test]
    fn items_added_under_a_query_are_filtered_as_they_arrive() {
        let mut list = list(&ITEMS[..2]);
        list.set_query(Query::parse("'ana"));
        assert_eq!(list.matched(), &[1]);
        list.extend(ITEMS[2..].iter().copied());
        assert_eq!(list.matched(), &[1, 3]);
        list.set_query(Query::default());
        assert_eq!(list.matched(), &[0, 1, 2, 3]);
    }

    #[test]
    fn typing_and_deleting_give_what_filtering_afresh_gives() {
        let items: Vec<[String; 2]> = (0..20_000)
            .map(|i| [format!("type_{}", i % 7), format!("Campo {} cambiado por Núñez {}", i % 13, i % 5)])
            .collect();
        let mut incremental = FilteredList::<2>::new();
        incremental.extend(items.iter().map(|[a, b]| [a.as_str(), b.as_str()]));
        let typed = "campo 1 nunez !4 | type_3";
        let steps = (0..=typed.len()).chain((0..typed.len()).rev());
        for end in steps {
            let mut fresh = FilteredList::<2>::new();
            fresh.set_query(Query::parse(&typed[..end]));
            fresh.extend(items.iter().map(|[a, b]| [a.as_str(), b.as_str()]));
            incremental.set_query(Query::parse(&typed[..end]));
            assert_eq!(incremental.matched(), fresh.matched(), "{:?}", &typed[..end]);
        }
    }

    #[test]
    fn highlights_index_the_chars_of_the_unfolded_fields() {
        let mut list = list(&ITEMS);
        list.set_query(Query::parse("compania"));
        let highlights = list.highlights(2);
        let chars: Vec<char> = ITEMS[2][1].chars().collect();
        let marked: String = highlights[1].iter().map(|&i| chars[i]).collect();
        assert_eq!(marked, "Compañía");
        assert_eq!(list.highlights(0), vec![Vec::<usize>::new(); 2]);
    }
}
