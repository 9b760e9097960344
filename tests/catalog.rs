//! The built-in catalog against the seed list from Kommo's documentation.

use kommo_events::catalog::{Catalog, Documented, ValueKey, PER_FIELD_TEMPLATE};

/// (code, Spanish label) rows of tests/data/event-types-es.txt, a copy of the seed.
fn seed_rows() -> Vec<(String, String)> {
    let text = include_str!("data/event-types-es.txt");
    text.lines()
        .filter_map(|line| {
            let mut cells = line.split('|').map(str::trim);
            let code = cells.next()?;
            let label = cells.next()?;
            let is_row = !code.is_empty() && !label.is_empty() && code != "Valor" && !code.starts_with("---");
            is_row.then(|| (code.to_string(), label.to_string()))
        })
        .collect()
}

fn seed_code_to_catalog_code(code: &str) -> &str {
    if code == "custom_field_field.ID_value_changed" {
        PER_FIELD_TEMPLATE
    } else {
        code
    }
}

#[test]
fn the_seed_has_seventy_rows() {
    assert_eq!(seed_rows().len(), 70);
}

#[test]
fn every_seed_code_is_in_the_catalog_with_its_spanish_label_unchanged() {
    let catalog = Catalog::builtin();
    // The 70 seed rows, then the 12 types amoCRM's docs and live accounts show (below).
    assert_eq!(catalog.events().len(), 70 + AMOCRM_AND_LIVE.len());
    for (code, label) in seed_rows() {
        let code = seed_code_to_catalog_code(&code);
        let event = catalog.find(code).unwrap_or_else(|| panic!("{code} is missing from assets/events.json"));
        if event.is_per_field_template() {
            // The docs' "label" for the template is an English sentence, which as a label would
            // fuzzy-match almost any search; it is kept word for word in the Spanish description.
            assert!(event.description_es().contains(&label), "{code}");
            assert_eq!(event.label_es(), "Cambio de un campo (por su ID)");
            continue;
        }
        assert_eq!(event.label_es(), label, "Spanish label of {code}");
    }
}

#[test]
fn every_type_has_an_english_label_and_both_descriptions() {
    for event in Catalog::builtin().events() {
        for (name, text) in [
            ("label_en", event.label_en()),
            ("description_en", event.description_en()),
            ("description_es", event.description_es()),
        ] {
            assert!(!text.trim().is_empty(), "{} has an empty {name}", event.code());
        }
        assert_ne!(
            event.description_en(),
            event.description_es(),
            "{} descriptions are not translated",
            event.code()
        );
    }
}

#[test]
fn the_seven_design_groups_exist_and_there_is_no_catch_all() {
    let catalog = Catalog::builtin();
    for id in ["lead", "contact", "company", "task", "communication", "ai", "media"] {
        assert!(catalog.group_index(id).is_some(), "group {id} is missing");
    }
    assert!(catalog.group_index("other").is_none());
    assert!(catalog.group_sizes().iter().all(|&size| size > 0), "a group is empty");
}

#[test]
fn groups_hold_the_expected_types() {
    let catalog = Catalog::builtin();
    let group_of = |code: &str| catalog.groups()[catalog.find(code).expect(code).group()].id.clone();
    assert_eq!(group_of("lead_status_changed"), "lead");
    assert_eq!(group_of("incoming_call"), "communication");
    assert_eq!(group_of("ai_result"), "ai");
    assert_eq!(group_of("video_opened"), "media");
    assert_eq!(group_of(PER_FIELD_TEMPLATE), "fields");
}

#[test]
fn value_filters_follow_the_facts_sheet() {
    let catalog = Catalog::builtin();
    let filters = |code: &str| catalog.find(code).expect(code).value_filters().to_vec();
    assert_eq!(filters("lead_status_changed"), vec![ValueKey::LeadsStatuses]);
    assert_eq!(filters("entity_responsible_changed"), vec![ValueKey::ResponsibleUserId]);
    assert_eq!(filters(PER_FIELD_TEMPLATE), vec![ValueKey::CustomFieldValues]);
    for code in [
        "nps_rate_added",
        "sale_field_changed",
        "name_field_changed",
        "ltv_field_changed",
        "custom_field_value_changed",
    ] {
        assert_eq!(filters(code), vec![ValueKey::Value], "{code}");
    }
    assert_eq!(filters("customer_status_changed"), vec![ValueKey::CustomersStatuses]);
    let with_filters = catalog.events().iter().filter(|e| !e.value_filters().is_empty()).count();
    assert_eq!(with_filters, 9);
}

/// The types the amoCRM docs and live accounts show but Kommo's list lacks, with where each is
/// documented (the facts sheet).
const AMOCRM_AND_LIVE: [(&str, &str, &[Documented]); 12] = [
    ("customer_added", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("customer_deleted", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("customer_status_changed", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("customer_linked", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("customer_unlinked", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("transaction_added", "customer", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("message_to_cashier_note_added", "notes", &[Documented::AmocrmDocs, Documented::SeenLive]),
    ("entity_segment_attached", "marketing", &[Documented::SeenLive]),
    ("entity_segment_detached", "marketing", &[Documented::SeenLive]),
    ("segment_created", "marketing", &[Documented::SeenLive]),
    ("invoice_created", "billing", &[Documented::SeenLive]),
    ("invoice_paid", "billing", &[Documented::SeenLive]),
];

#[test]
fn the_types_beyond_kommos_list_say_where_they_are_documented_in_fitting_groups() {
    let catalog = Catalog::builtin();
    for (code, group, documented) in AMOCRM_AND_LIVE {
        let event = catalog.find(code).unwrap_or_else(|| panic!("{code} is missing"));
        assert_eq!(catalog.groups()[event.group()].id, group, "{code}");
        assert_eq!(event.documented(), documented, "{code}");
    }
    // Every seed row is Kommo's own.
    for (code, _) in seed_rows() {
        let event = catalog.find(seed_code_to_catalog_code(&code)).unwrap();
        assert_eq!(event.documented(), [Documented::KommoDocs], "{code}");
    }
}

#[test]
fn only_the_template_is_a_per_field_template() {
    let templates: Vec<_> = Catalog::builtin()
        .events()
        .iter()
        .filter(|e| e.is_per_field_template())
        .map(|e| e.code().to_string())
        .collect();
    assert_eq!(templates, vec![PER_FIELD_TEMPLATE.to_string()]);
}
