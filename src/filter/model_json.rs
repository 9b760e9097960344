//! The JSON output format read back: `{"types": [...], "entities": [...], "created_at": {...}, …}`,
//! the filter model as `--format json` writes it, becomes the query it stands for, so the query
//! decoder reads it with all its checks (one place that parses values, one set of messages).
//! Keys the model does not have are returned, to be reported as not understood.

use serde_json::{Map, Value};

use super::encode::percent_encode;
use crate::text::plain as text;

/// The query `json` stands for, and the keys (with their values) the model does not have;
/// `None` when `json` is not a JSON object.
pub fn to_query(json: &str) -> Option<(String, Vec<(String, String)>)> {
    let Value::Object(model) = serde_json::from_str::<Value>(json.trim()).ok()? else {
        return None;
    };
    let mut pairs = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in &model {
        match key.as_str() {
            "types" => list(&mut pairs, "filter[type]", value),
            "entities" => list(&mut pairs, "filter[entity]", value),
            "entity_ids" => list(&mut pairs, "filter[entity_id]", value),
            "created_by" => list(&mut pairs, "filter[created_by]", value),
            "event_ids" => list(&mut pairs, "filter[id]", value),
            "with" => list(&mut pairs, "with", value),
            "limit" | "page" => single(&mut pairs, key, value),
            "created_at" => range(&mut pairs, value, &mut unknown),
            "value_before" | "value_after" => side(&mut pairs, key, value, &mut unknown),
            _ => unknown.push((key.clone(), text(value))),
        }
    }
    let query: Vec<String> =
        pairs.iter().map(|(key, value)| format!("{key}={}", percent_encode(value))).collect();
    Some((query.join("&"), unknown))
}

/// A list as bracket items (one pair per item, so an item holding a comma stays one item).
fn list(pairs: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Array(items) => {
            pairs.extend(
                items.iter().filter(|item| !item.is_null()).map(|item| (format!("{key}[]"), text(item))),
            );
        }
        Value::Null => {}
        other => pairs.push((key.to_owned(), text(other))),
    }
}

fn single(pairs: &mut Vec<(String, String)>, key: &str, value: &Value) {
    if !value.is_null() {
        pairs.push((key.to_owned(), text(value)));
    }
}

fn range(pairs: &mut Vec<(String, String)>, value: &Value, unknown: &mut Vec<(String, String)>) {
    let Some(ends) = object(value, "created_at", unknown) else { return };
    for (end, bound) in ends {
        match end.as_str() {
            "from" | "to" => single(pairs, &format!("filter[created_at][{end}]"), bound),
            _ => unknown.push((format!("created_at.{end}"), text(bound))),
        }
    }
}

fn side(pairs: &mut Vec<(String, String)>, name: &str, value: &Value, unknown: &mut Vec<(String, String)>) {
    let Some(keys) = object(value, name, unknown) else { return };
    let prefix = format!("filter[{name}]");
    for (key, value) in keys {
        match key.as_str() {
            "responsible_user_ids" => list(pairs, &format!("{prefix}[responsible_user_id]"), value),
            "custom_field_values" => list(pairs, &format!("{prefix}[custom_field_values]"), value),
            "value" => single(pairs, &format!("{prefix}[value]"), value),
            "leads_statuses" => stages(pairs, &prefix, value),
            "customers_statuses" => {
                if let Value::Array(items) = value {
                    for (index, item) in items.iter().enumerate() {
                        pairs.push((format!("{prefix}[customers_statuses][{index}][status_id]"), text(item)));
                    }
                }
            }
            _ => unknown.push((format!("{name}.{key}"), text(value))),
        }
    }
}

fn stages(pairs: &mut Vec<(String, String)>, prefix: &str, value: &Value) {
    let Value::Array(items) = value else { return };
    for (index, item) in items.iter().enumerate() {
        for id in ["pipeline_id", "status_id"] {
            if let Some(found) = item.get(id).filter(|found| !found.is_null()) {
                pairs.push((format!("{prefix}[leads_statuses][{index}][{id}]"), text(found)));
            }
        }
    }
}

/// `value` as an object; anything else is reported as not understood.
fn object<'a>(
    value: &'a Value,
    name: &str,
    unknown: &mut Vec<(String, String)>,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        Value::Null => None,
        other => {
            unknown.push((name.to_owned(), text(other)));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_becomes_the_query_it_stands_for() {
        let json = r#"{"types": ["lead_added"], "entities": ["lead"], "entity_ids": [5],
            "created_at": {"from": 100, "to": null},
            "value_after": {"leads_statuses": [{"pipeline_id": 1, "status_id": 142}], "value": null},
            "limit": 50, "colour": "red"}"#;
        let (query, unknown) = to_query(json).unwrap();
        let mut pairs: Vec<&str> = query.split('&').collect();
        pairs.sort_unstable();
        assert_eq!(
            pairs,
            [
                "filter[created_at][from]=100",
                "filter[entity][]=lead",
                "filter[entity_id][]=5",
                "filter[type][]=lead_added",
                "filter[value_after][leads_statuses][0][pipeline_id]=1",
                "filter[value_after][leads_statuses][0][status_id]=142",
                "limit=50",
            ]
        );
        assert_eq!(unknown, [("colour".to_owned(), "red".to_owned())]);
    }

    #[test]
    fn anything_but_an_object_is_not_the_model() {
        assert!(to_query("[1, 2]").is_none());
        assert!(to_query("{not json").is_none());
    }
}
