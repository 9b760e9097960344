//! Every example query the sources print (Kommo's and amoCRM's docs, the official PHP SDK, the
//! facts sheet): each decodes without an error, means what the docs say, and encodes back (in the
//! styles it was written in and in the defaults) to a query that decodes to the same filter.

use kommo_events::catalog::Catalog;
use kommo_events::filter::{
    decode, to_encoded_query, to_query, validate_written, EncodeOptions, Entity, Filter, Severity, StagePair,
    WithName,
};

/// Decodes `query` and checks it is clean, valid and stable through encoding; gives the filter.
fn golden(query: &str) -> Filter {
    let decoded = decode(query);
    assert!(decoded.errors.is_empty(), "{query}: {:?}", decoded.errors);
    assert!(decoded.unknown.is_empty(), "{query}: {:?}", decoded.unknown);
    let filter = decoded.filter;
    let mut problems = validate_written(&filter, &decoded.styles.encode_options());
    problems.extend(Catalog::builtin().unknown_types(&filter));
    assert!(problems.iter().all(|p| p.severity != Severity::Error), "{query}: {problems:?}");
    for encode in [decoded.styles.encode_options(), EncodeOptions::default()] {
        for written in [to_query(&filter, &encode), to_encoded_query(&filter, &encode)] {
            assert_eq!(decode(&written).filter, filter, "{query} → {written}");
        }
    }
    filter
}

#[test]
fn type_lists_in_the_comma_and_the_bracket_forms() {
    let comma = golden("filter[type]=lead_added,lead_status_changed");
    let brackets = golden("filter[type][]=lead_added&filter[type][]=lead_status_changed");
    let encoded = golden("filter%5Btype%5D=lead_added%2Clead_status_changed");
    assert_eq!(comma.types, ["lead_added", "lead_status_changed"]);
    assert_eq!(brackets, comma);
    assert_eq!(encoded, comma);
}

#[test]
fn the_stage_example_has_no_type_and_is_the_docs_form() {
    let filter = golden(
        "filter[value_after][leads_statuses][0][pipeline_id]=12345&filter[value_after][leads_statuses][0][status_id]=99999999",
    );
    assert!(filter.types.is_empty());
    assert_eq!(filter.value_after.leads_statuses, [StagePair { pipeline_id: 12345, status_id: 99_999_999 }]);
    let problems = validate_written(&filter, &EncodeOptions::default());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].severity, Severity::Note);
}

#[test]
fn the_responsible_examples_have_no_type_either() {
    let two = golden("filter[value_after][responsible_user_id]=3231,412314");
    assert_eq!(two.value_after.responsible_user_ids, [3231, 412_314]);
    let one = golden("filter[value_after][responsible_user_id]=5555555");
    assert_eq!(one.value_after.responsible_user_ids, [5_555_555]);
}

#[test]
fn the_per_field_example_names_its_one_type() {
    let filter = golden(
        "filter[type]=custom_field_777777_value_changed&filter[value_after][custom_field_values]=145,157",
    );
    assert_eq!(filter.types, ["custom_field_777777_value_changed"]);
    assert_eq!(filter.value_after.custom_field_values, [145, 157]);
}

#[test]
fn the_exact_value_example() {
    let filter = golden("filter[type]=sale_field_changed&filter[entity]=lead&filter[value_after][value]=155");
    assert_eq!(filter.entities, [Entity::Lead]);
    assert_eq!(filter.value_after.value.as_deref(), Some("155"));
}

#[test]
fn the_amocrm_customer_stage_example() {
    let filter = golden("filter[value_after][customers_statuses][0][status_id]=135751");
    assert_eq!(filter.value_after.customers_statuses, [135_751]);
    let typed = golden(
        "filter[type]=customer_status_changed&filter[value_before][customers_statuses][0][status_id]=135751",
    );
    assert_eq!(typed.value_before.customers_statuses, [135_751]);
    assert_eq!(
        to_query(&typed, &EncodeOptions::default()),
        "filter[type]=customer_status_changed&filter[value_before][customers_statuses][0][status_id]=135751"
    );
}

#[test]
fn created_at_in_every_form_the_sources_show() {
    let comma = golden("filter[created_at]=1767225600,1767311999");
    let from_to = golden("filter[created_at][from]=1767225600&filter[created_at][to]=1767311999");
    assert_eq!(comma, from_to);
    assert_eq!(comma.created_at.from, Some(1_767_225_600));
    assert_eq!(comma.created_at.to, Some(1_767_311_999));
    // One value: events created after it, the current docs' own form; no warning in the default.
    let single = golden("filter[created_at]=1767225600");
    assert_eq!(single.created_at.from, Some(1_767_225_600));
    assert!(validate_written(&single, &EncodeOptions::default()).is_empty());
}

#[test]
fn with_lists_every_name_the_sdk_knows_note_included() {
    let filter = golden(
        "with=contact_name,lead_name,company_name,catalog_name,catalog_element_name,customer_name,note",
    );
    assert_eq!(filter.with.len(), WithName::ALL.len());
    assert!(filter.with.contains(&WithName::Note));
}

#[test]
fn entity_ids_with_one_entity_and_paging() {
    let filter = golden("filter[entity]=lead&filter[entity_id]=1,2,3&page=2&limit=100");
    assert_eq!(filter.entity_ids, [1, 2, 3]);
    assert_eq!((filter.page, filter.limit), (Some(2), Some(100)));
}
