//! Encoding a large filter into the query string (`filter::to_query`, and the fully
//! percent-encoded form), and decoding those strings back (`filter::decode::decode`).

use criterion::{criterion_group, criterion_main, Criterion};
use kommo_events::catalog::Catalog;
use kommo_events::filter::{
    to_encoded_query, to_query, CreatedAt, EncodeOptions, Entity, Filter, ListStyle, RangeStyle, StagePair,
    ValueFilter, WithName,
};

/// Every built-in type, ten entities and users, a date range, event ids, value filters on both
/// sides and every `with`: larger than any filter a person composes.
fn large_filter() -> Filter {
    let types = Catalog::builtin()
        .events()
        .iter()
        .filter(|event| !event.is_per_field_template())
        .map(|event| event.code().to_string())
        .collect();
    let stages =
        |base: u64| (0..10).map(|i| StagePair { pipeline_id: base + i, status_id: 142 + i }).collect();
    Filter {
        types,
        entities: vec![Entity::Lead],
        entity_ids: (1..=10).map(|i| 1_000_000 + i).collect(),
        created_by: (0..10).collect(),
        created_at: CreatedAt { from: Some(1_767_225_600), to: Some(1_767_311_999) },
        event_ids: (0..50).map(|i| format!("01jk{i:06}abcdefgh")).collect(),
        value_before: ValueFilter {
            leads_statuses: stages(7_000_000),
            customers_statuses: vec![135_751],
            responsible_user_ids: (1..=10).collect(),
            custom_field_values: (1..=20).collect(),
            value: Some("Señora Núñez & Cía, 50% = ok?".to_string()),
        },
        value_after: ValueFilter { leads_statuses: stages(8_000_000), ..ValueFilter::default() },
        with: vec![WithName::ContactName, WithName::LeadName, WithName::CompanyName],
        limit: Some(100),
        page: Some(3),
    }
}

fn encode(c: &mut Criterion) {
    let filter = large_filter();
    let comma = EncodeOptions::default();
    let brackets = EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::Comma };
    c.bench_function("filter/to_query/comma", |b| b.iter(|| to_query(&filter, &comma)));
    c.bench_function("filter/to_query/brackets", |b| b.iter(|| to_query(&filter, &brackets)));
    c.bench_function("filter/to_encoded_query", |b| b.iter(|| to_encoded_query(&filter, &comma)));
}

fn decode(c: &mut Criterion) {
    let filter = large_filter();
    let readable = to_query(&filter, &EncodeOptions::default());
    let brackets = EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::Comma };
    let bracketed = to_query(&filter, &brackets);
    let encoded = to_encoded_query(&filter, &EncodeOptions::default());
    c.bench_function("filter/decode/comma", |b| b.iter(|| kommo_events::filter::decode::decode(&readable)));
    c.bench_function("filter/decode/brackets", |b| {
        b.iter(|| kommo_events::filter::decode::decode(&bracketed))
    });
    c.bench_function("filter/decode/encoded", |b| b.iter(|| kommo_events::filter::decode::decode(&encoded)));
}

criterion_group!(benches, encode, decode);
criterion_main!(benches);
