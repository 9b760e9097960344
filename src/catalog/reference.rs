//! What the Details pane says about a type besides the catalog (assets/type_reference.json):
//! the page that documents it, and the shape of its `value_after` / `value_before`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;
use serde_json::Value;

use super::{Documented, EventType};
use crate::i18n::Lang;

const BUILTIN_REFERENCE: &str = include_str!("../../assets/type_reference.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferenceFile {
    /// What the file holds, for whoever edits it.
    #[allow(dead_code)]
    about: String,
    docs: Docs,
    value_shapes: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Docs {
    en: String,
    es: String,
    pt: String,
    amocrm: String,
}

static REFERENCE: LazyLock<ReferenceFile> = LazyLock::new(|| {
    // Checked by the tests below: failing here means the binary was built from a broken asset,
    // which no user input can cause.
    serde_json::from_str(BUILTIN_REFERENCE).expect("embedded assets/type_reference.json is valid")
});

/// The page that documents `event`: Kommo's type table in the interface's language, or the
/// amoCRM docs for a type only they list (the customers' types).
pub fn docs_page(event: &EventType, lang: Lang) -> &'static str {
    let docs = &REFERENCE.docs;
    let only_amocrm = event.documented().contains(&Documented::AmocrmDocs)
        && !event.documented().contains(&Documented::KommoDocs);
    match lang {
        _ if only_amocrm => &docs.amocrm,
        Lang::En => &docs.en,
        Lang::Es => &docs.es,
        Lang::Pt => &docs.pt,
    }
}

/// An example of `code`'s `value_after` / `value_before` as compact JSON
/// (`[{"lead_status":{"id":142,"pipeline_id":3177727}}]`), or `None` when no source documents
/// its shape. An account's per-field types share the template's.
pub fn value_shape(code: &str) -> Option<String> {
    let shapes = &REFERENCE.value_shapes;
    let shape = shapes.get(code).or_else(|| {
        crate::filter::per_field_type_id(code).and_then(|_| shapes.get(crate::filter::PER_FIELD_TEMPLATE))
    })?;
    serde_json::to_string(shape).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_shape_names_a_built_in_type_and_is_an_array() {
        let catalog = Catalog::builtin();
        for (code, shape) in &REFERENCE.value_shapes {
            assert!(catalog.events().iter().any(|event| event.code() == code), "{code} is no built-in type");
            assert!(shape.is_array(), "{code}: the shape of value_after is an array");
        }
    }

    #[test]
    fn the_stage_change_shape_is_the_documented_one_and_per_field_types_share_the_template() {
        assert_eq!(
            value_shape("lead_status_changed").as_deref(),
            Some(r#"[{"lead_status":{"id":142,"pipeline_id":3177727}}]"#)
        );
        assert_eq!(
            value_shape("custom_field_777_value_changed"),
            value_shape(crate::filter::PER_FIELD_TEMPLATE)
        );
        assert!(value_shape("custom_field_777_value_changed").unwrap().contains("custom_field_value"));
        assert_eq!(value_shape("lead_deleted").as_deref(), Some("[]"));
        assert_eq!(value_shape("ai_result"), None);
    }

    #[test]
    fn docs_pages_follow_the_language_and_the_source() {
        let catalog = Catalog::builtin();
        let event = |code: &str| catalog.events().iter().find(|event| event.code() == code).unwrap();
        assert!(docs_page(event("lead_added"), Lang::Es).starts_with("https://es-developers.kommo.com/"));
        assert!(docs_page(event("lead_added"), Lang::En).starts_with("https://developers.kommo.com/"));
        assert!(docs_page(event("customer_added"), Lang::En).contains("amocrm.ru"));
    }
}
