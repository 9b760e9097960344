//! Matching and ranking one query over N types: the work behind every keystroke, without the
//! screen. `ranked` is what `kommo-events search` prints; `grouped` is what the screen lists.

mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kommo_events::search::Query;

/// A broad one-letter query (nearly everything matches), a word from the labels, and the
/// extended syntax with an exclusion.
const QUERIES: &[&str] = &["t", "telefono", "^lead_ !deleted"];

fn matching(c: &mut Criterion) {
    let mut group = c.benchmark_group("match_rank");
    group.sample_size(10);
    for total in common::sizes() {
        let index = common::index(total);
        for text in QUERIES {
            let query = Query::parse(text);
            group.bench_with_input(BenchmarkId::new(format!("ranked/{text}"), total), &query, |b, query| {
                b.iter(|| index.ranked(query))
            });
            group.bench_with_input(BenchmarkId::new(format!("grouped/{text}"), total), &query, |b, query| {
                b.iter(|| index.grouped(query))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
