//! Properties of the filter language: every valid filter survives render → decode in every
//! format and style, canonical queries survive decode → render, and `decode` (with what prints
//! its result) never panics, whatever it is given.
//!
//! Cases: proptest's default of 256 per property, or `PROPTEST_CASES`. Failures are not
//! persisted to files (`failure_persistence: None`): proptest's seed files only replay while the
//! strategies stay the same and say nothing about what broke. A failing input found here is
//! kept instead as a readable case in `decode_regressions` below, with what it broke.

use std::collections::HashSet;
use std::hash::Hash;

use kommo_events::catalog::Catalog;
use kommo_events::filter::date::MAX_SECONDS;
use kommo_events::filter::rules::VALUE_TYPES;
use kommo_events::filter::{
    decode, endpoint, per_field_type_code, render, to_encoded_query, to_query, validate, CreatedAt,
    EncodeOptions, Entity, Filter, FormatOptions, QueryFormat, RangeStyle, StagePair, ValueFilter, WithName,
    EVENTS_PATH,
};
use kommo_events::i18n::decode_messages::{decoded_json, describe};
use kommo_events::i18n::Lang;
use proptest::prelude::*;
use proptest::sample::subsequence;

/// The formats that carry a query a user can paste back (JSON is the model, not a query).
const PASTABLE: [QueryFormat; 5] =
    [QueryFormat::Query, QueryFormat::Encoded, QueryFormat::Url, QueryFormat::Curl, QueryFormat::Httpie];

fn config() -> ProptestConfig {
    ProptestConfig { failure_persistence: None, ..ProptestConfig::default() }
}

fn unique<T: Eq + Hash + Clone>(items: Vec<T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|item| seen.insert(item.clone())).collect()
}

/// The concrete type codes of the built-in catalog (the realistic set), without the per-field
/// template.
fn catalog_codes() -> Vec<String> {
    Catalog::builtin()
        .events()
        .iter()
        .filter(|event| !event.is_per_field_template())
        .map(|event| event.code().to_string())
        .collect()
}

fn ids(max_len: usize) -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(1..=u64::MAX, 0..=max_len).prop_map(unique)
}

/// Users, with the robot (0) often among them.
fn users() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(prop_oneof![1 => Just(0u64), 3 => 1..=u64::MAX], 0..=10).prop_map(unique)
}

fn stage_pairs() -> impl Strategy<Value = Vec<StagePair>> {
    let pair = (1..=u64::MAX, prop_oneof![Just(142u64), Just(143u64), 1..=u64::MAX])
        .prop_map(|(pipeline_id, status_id)| StagePair { pipeline_id, status_id });
    prop::collection::vec(pair, 0..=3).prop_map(unique)
}

/// Free text for `value`: trimmed and non-empty, as the decoder reads it, with the characters
/// that break queries and shells (`& = % + , # ? [ ] ' " \ $` and spaces) and any Unicode.
fn value_text() -> impl Strategy<Value = String> {
    prop_oneof!["[ -~]{1,24}", "\\PC{1,12}"]
        .prop_map(|text| text.trim().to_owned())
        .prop_filter("a value has text", |text| !text.is_empty())
}

fn created_at() -> impl Strategy<Value = CreatedAt> {
    let second = 1..=MAX_SECONDS;
    (prop::option::of(second.clone()), prop::option::of(second)).prop_map(|(a, b)| match (a, b) {
        (Some(a), Some(b)) => CreatedAt { from: Some(a.min(b)), to: Some(a.max(b)) },
        (from, to) => CreatedAt { from, to },
    })
}

/// Entities, and entity ids only with exactly one entity (the Kommo rule).
fn entities_and_ids() -> impl Strategy<Value = (Vec<Entity>, Vec<u64>)> {
    let fixed = subsequence(Entity::FIXED.to_vec(), 0..=3);
    let catalog = prop::option::of((1u64..=1_000_000).prop_map(Entity::Catalog));
    (fixed, catalog, ids(10)).prop_map(|(mut entities, catalog, entity_ids)| {
        entities.extend(catalog);
        let entity_ids = if entities.len() == 1 { entity_ids } else { Vec::new() };
        (entities, entity_ids)
    })
}

/// The parts that do not depend on the types.
fn common() -> impl Strategy<Value = Filter> {
    let event_ids = prop::collection::vec("[0-9a-z]{26}", 0..=3).prop_map(unique);
    let with = subsequence(WithName::ALL.to_vec(), 0..=3);
    (
        entities_and_ids(),
        users(),
        created_at(),
        event_ids,
        with,
        prop::option::of(1u32..=250),
        prop::option::of(1u32..=10_000),
    )
        .prop_map(|((entities, entity_ids), created_by, created_at, event_ids, with, limit, page)| {
            Filter {
                entities,
                entity_ids,
                created_by,
                created_at,
                event_ids,
                with,
                limit,
                page,
                ..Filter::default()
            }
        })
}

/// A value filter side for the ordinary types chosen.
fn side_for(types: &[String]) -> impl Strategy<Value = ValueFilter> {
    let has = |code: &str| types.iter().any(|t| t == code);
    let value_types: Vec<&String> = types.iter().filter(|t| VALUE_TYPES.contains(&t.as_str())).collect();
    let stages = if has("lead_status_changed") { stage_pairs().boxed() } else { Just(Vec::new()).boxed() };
    let responsible =
        if has("entity_responsible_changed") { ids(4).boxed() } else { Just(Vec::new()).boxed() };
    let customer_stages =
        if has("customer_status_changed") { ids(3).boxed() } else { Just(Vec::new()).boxed() };
    // With NPS as the only value type the value is a score (a Kommo rule).
    let value = match value_types.as_slice() {
        [] => Just(None).boxed(),
        [only] if only.as_str() == "nps_rate_added" => {
            prop::option::of((0u8..=10).prop_map(|n| n.to_string())).boxed()
        }
        _ => prop::option::of(value_text()).boxed(),
    };
    (stages, customer_stages, responsible, value).prop_map(
        |(leads_statuses, customers_statuses, responsible_user_ids, value)| ValueFilter {
            leads_statuses,
            customers_statuses,
            responsible_user_ids,
            custom_field_values: Vec::new(),
            value,
        },
    )
}

/// Ordinary types with the value filters they allow.
fn ordinary_types() -> impl Strategy<Value = (Vec<String>, ValueFilter, ValueFilter)> {
    subsequence(catalog_codes(), 0..=5).prop_flat_map(|types| {
        let sides = (side_for(&types), side_for(&types));
        (Just(types), sides).prop_map(|(types, (before, after))| (types, before, after))
    })
}

/// One per-field type alone, with enum ids on either side.
fn per_field_type() -> impl Strategy<Value = (Vec<String>, ValueFilter, ValueFilter)> {
    let enums = || {
        ids(5).prop_map(|custom_field_values| ValueFilter { custom_field_values, ..ValueFilter::default() })
    };
    (1u64..=1_000_000_000, enums(), enums())
        .prop_map(|(field_id, before, after)| (vec![per_field_type_code(field_id)], before, after))
}

/// A filter Kommo accepts: no rule error (warnings, like `customer`, are allowed).
fn valid_filter() -> impl Strategy<Value = Filter> {
    let typed = prop_oneof![4 => ordinary_types(), 1 => per_field_type()];
    (common(), typed).prop_map(|(filter, (types, value_before, value_after))| Filter {
        types,
        value_before,
        value_after,
        ..filter
    })
}

fn format_options(encode: EncodeOptions, place: u8) -> FormatOptions {
    match place {
        0 => FormatOptions { encode, ..FormatOptions::default() },
        1 => FormatOptions { encode, subdomain: Some("acme".to_owned()), ..FormatOptions::default() },
        _ => FormatOptions {
            encode,
            base_url: Some("http://127.0.0.1:8080".to_owned()),
            ..FormatOptions::default()
        },
    }
}

/// The URL a `curl` command asks for: its last word, unquoted as bash would.
fn curl_url(command: &str) -> String {
    let quoted = command.rsplit_once(" '").map_or(command, |(_, url)| url);
    quoted.strip_suffix('\'').unwrap_or(quoted).replace("'\\''", "'")
}

/// Decoding must not panic, and neither may what prints or checks the result.
fn decode_and_use(input: &str) -> Filter {
    let decoded = decode(input);
    for lang in [Lang::En, Lang::Es] {
        let _ = describe(&decoded, lang);
        let _ = decoded_json(&decoded, &validate(&decoded.filter), lang);
    }
    let _ = validate(&decoded.filter);
    for format in QueryFormat::ALL {
        let _ = render(&decoded.filter, format, &FormatOptions::default());
    }
    decoded.filter
}

/// Whatever a query decodes to, writing it back (lists either way, `[from]`/`[to]` range) and
/// decoding again gives the same filter. The `A,B` range is left out: it reads a start of 0 as
/// open, which is the same request but not the same value.
fn assert_decoding_is_stable(input: &str) {
    let first = decode_and_use(input);
    for encode in EncodeOptions::ALL.iter().filter(|encode| encode.range_style == RangeStyle::FromTo) {
        for query in [to_query(&first, encode), to_encoded_query(&first, encode)] {
            assert_eq!(decode(&query).filter, first, "{input:?} → {query:?}");
        }
    }
}

/// Characters that matter to a query, for random edits.
const QUERY_CHARS: &[char] = &['%', '[', ']', '&', '=', ',', '+', '?', '#', '\'', ' ', '\n', '0', 'é'];

#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), prop::sample::select(QUERY_CHARS)).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), 1usize..=12).prop_map(|(at, len)| Edit::Duplicate(at, len)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len();
        match *edit {
            Edit::Insert(at, c) => chars.insert(at % (len + 1), c),
            Edit::Delete(at) if len > 0 => {
                chars.remove(at % len);
            }
            Edit::Duplicate(at, count) if len > 0 => {
                let start = at % len;
                let copy: Vec<char> = chars[start..(start + count).min(len)].to_vec();
                chars.splice(start..start, copy);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_filters_break_no_rule(filter in valid_filter()) {
        let errors: Vec<_> = validate(&filter).into_iter().filter(|p| p.is_error()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn every_pastable_format_decodes_back_to_the_filter(filter in valid_filter(), place in 0u8..3) {
        for encode in EncodeOptions::ALL {
            let options = format_options(encode, place);
            for format in PASTABLE {
                let text = render(&filter, format, &options);
                let decoded = decode(&text);
                prop_assert_eq!(&decoded.filter, &filter, "{}: {}", format.name(), text);
                prop_assert!(decoded.errors.is_empty(), "{}: {} → {:?}", format.name(), text, decoded.errors);
                prop_assert!(decoded.unknown.is_empty(), "{}: {} → {:?}", format.name(), text, decoded.unknown);
                let has_url = !matches!(format, QueryFormat::Query | QueryFormat::Encoded);
                let base = endpoint(&options).strip_suffix(EVENTS_PATH).map(str::to_owned);
                prop_assert_eq!(decoded.base_url, if has_url { base } else { None }, "{}", text);
            }
            let curl = render(&filter, QueryFormat::Curl, &options);
            prop_assert_eq!(&decode(&curl_url(&curl)).filter, &filter, "{}", curl);
        }
    }

    #[test]
    fn all_six_formats_in_both_styles_decode_back_and_convert_into_each_other(filter in valid_filter()) {
        for encode in EncodeOptions::ALL {
            let options = FormatOptions { encode, ..FormatOptions::default() };
            for from in QueryFormat::ALL.into_iter().filter(|format| !format.is_code()) {
                let text = render(&filter, from, &options);
                let decoded = decode(&text);
                prop_assert_eq!(&decoded.filter, &filter, "{}: {}", from.name(), text);
                prop_assert!(decoded.errors.is_empty() && decoded.unknown.is_empty(), "{}: {}", from.name(), text);
                // What `decode --format F` prints, decoded again, is the same filter.
                for to in QueryFormat::ALL.into_iter().filter(|format| !format.is_code()) {
                    let converted = render(&decoded.filter, to, &options);
                    prop_assert_eq!(&decode(&converted).filter, &filter, "{} → {}: {}", from.name(), to.name(), converted);
                }
            }
        }
    }

    #[test]
    fn canonical_queries_come_back_in_the_styles_they_were_written(filter in valid_filter()) {
        for encode in EncodeOptions::ALL {
            for format in [QueryFormat::Query, QueryFormat::Encoded] {
                let options = FormatOptions { encode, ..FormatOptions::default() };
                let query = render(&filter, format, &options);
                let decoded = decode(&query);
                // The same styles, given…
                prop_assert_eq!(render(&decoded.filter, format, &options), query.clone());
                // …and as detected from the query itself.
                let detected =
                    FormatOptions { encode: decoded.styles.encode_options(), ..FormatOptions::default() };
                prop_assert_eq!(render(&decoded.filter, decoded.styles.query_format(), &detected), query);
            }
        }
    }

    #[test]
    fn decode_never_panics_on_any_string(input in any::<String>()) {
        assert_decoding_is_stable(&input);
    }

    #[test]
    fn decode_never_panics_on_query_like_text(input in "[\\[\\]%&=,#?+ /:'\"\\\\a-z0-9_.\n-]{0,160}") {
        assert_decoding_is_stable(&input);
    }

    #[test]
    fn decode_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        decode_and_use(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn decode_survives_edits_of_valid_queries(
        filter in valid_filter(),
        encode in prop::sample::select(EncodeOptions::ALL.to_vec()),
        format in prop::sample::select(PASTABLE.to_vec()),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let text = render(&filter, format, &format_options(encode, 1));
        assert_decoding_is_stable(&apply(&text, &edits));
    }
}

/// Inputs that broke `decode` or its round trip once, or that sit on a boundary the properties
/// only reach by chance. Each must decode without panic and stay stable when written back.
mod decode_regressions {
    use super::*;

    const FOUND: &[(&str, &str)] = &[
        ("", "nothing at all"),
        ("%", "a lone percent sign"),
        ("%%%5", "escapes cut short"),
        ("=&=&&", "keys and values all empty"),
        ("[]=[]", "a key that is only brackets"),
        ("filter[value_after][leads_statuses]]=1", "a stray closing bracket"),
        ("filter[created_at]=0&filter[created_at][to]=5", "a comma-range start of 0 beside a [to]"),
        ("'", "an unclosed shell quote"),
        ("curl", "a command with no URL"),
        ("http GET", "an HTTPie command with no URL"),
        ("GET", "a request line with no URL"),
        ("?#?", "a fragment right after the query mark"),
        ("https://", "a scheme without a host"),
        ("filter[value_after][value]=%00", "a NUL in a value"),
        ("filter[type]=%C3", "half a UTF-8 character"),
        ("filter[value_after][leads_statuses][é][pipeline_id]=1", "a non-ASCII stage index"),
        ("filter[value_after][lead_status]", "the response-shape key with nothing after it"),
        ("limit=99999999999999999999&page=-1", "numbers out of range"),
    ];

    #[test]
    fn every_found_input_decodes_and_stays_stable() {
        for (input, what) in FOUND {
            let result = std::panic::catch_unwind(|| assert_decoding_is_stable(input));
            assert!(result.is_ok(), "{what}: {input:?}");
        }
    }

    #[test]
    fn curl_url_unquotes_the_last_word() {
        assert_eq!(curl_url("curl -g 'https://x/a?b=it'\\''s'"), "https://x/a?b=it's");
    }
}
