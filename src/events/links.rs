//! Where an event's entity lives in Kommo's web interface, for opening it in the browser:
//! `https://acme.kommo.com/leads/detail/7001`, and the same for contacts, companies and
//! customers; tasks have no page of their own and open the task list.

use serde_json::Value;

use crate::filter::format::{account_origin, FormatOptions};

/// Why an event has no page to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoPage {
    /// Neither a subdomain nor a base URL is set, so the account's address is unknown.
    NoAccount,
    /// The entity type has no page in the web interface (`catalog_element`, or none at all).
    NoEntityPage { entity_type: String },
    /// The event's `entity_id` is not a positive whole number.
    BadId,
}

/// The page of `event`'s entity on the account `options` names.
pub fn entity_page(event: &Value, options: &FormatOptions) -> Result<String, NoPage> {
    let entity_type = event.get("entity_type").and_then(Value::as_str).unwrap_or_default();
    let section = match entity_type {
        "lead" | "leads" => "leads/detail",
        "contact" | "contacts" => "contacts/detail",
        "company" | "companies" => "companies/detail",
        "customer" | "customers" => "customers/detail",
        "task" | "tasks" => "todo/line",
        other => return Err(NoPage::NoEntityPage { entity_type: crate::text::snippet(other, 40) }),
    };
    let origin = account_origin(options).ok_or(NoPage::NoAccount)?;
    if section == "todo/line" {
        return Ok(format!("{origin}/todo/line/"));
    }
    // The id comes from the server: only a plain number goes into the address.
    let id = match event.get("entity_id") {
        Some(Value::Number(number)) => number.as_u64().filter(|&id| id > 0),
        Some(Value::String(text)) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse::<u64>().ok().filter(|&id| id > 0)
        }
        _ => None,
    }
    .ok_or(NoPage::BadId)?;
    Ok(format!("{origin}/{section}/{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn acme() -> FormatOptions {
        FormatOptions { subdomain: Some("acme".into()), ..FormatOptions::default() }
    }

    #[test]
    fn each_entity_opens_its_card() {
        for (entity, page) in [
            ("lead", "https://acme.kommo.com/leads/detail/7001"),
            ("contact", "https://acme.kommo.com/contacts/detail/7001"),
            ("company", "https://acme.kommo.com/companies/detail/7001"),
            ("customer", "https://acme.kommo.com/customers/detail/7001"),
            ("task", "https://acme.kommo.com/todo/line/"),
        ] {
            let event = json!({"entity_type": entity, "entity_id": 7001});
            assert_eq!(entity_page(&event, &acme()).as_deref(), Ok(page), "{entity}");
        }
    }

    #[test]
    fn the_base_url_replaces_the_kommo_host() {
        let options = FormatOptions { base_url: Some("http://127.0.0.1:8080/".into()), ..acme() };
        let event = json!({"entity_type": "lead", "entity_id": "42"});
        assert_eq!(entity_page(&event, &options).as_deref(), Ok("http://127.0.0.1:8080/leads/detail/42"));
    }

    #[test]
    fn hostile_or_missing_parts_open_nothing() {
        let lead = |id: Value| json!({"entity_type": "lead", "entity_id": id});
        assert_eq!(entity_page(&lead(json!("1/../../x")), &acme()), Err(NoPage::BadId));
        assert_eq!(entity_page(&lead(json!(-3)), &acme()), Err(NoPage::BadId));
        assert_eq!(entity_page(&lead(json!(0)), &acme()), Err(NoPage::BadId));
        assert_eq!(entity_page(&lead(json!(5)), &FormatOptions::default()), Err(NoPage::NoAccount));
        let element = json!({"entity_type": "catalog_element", "entity_id": 5});
        assert_eq!(
            entity_page(&element, &acme()),
            Err(NoPage::NoEntityPage { entity_type: "catalog_element".into() })
        );
    }
}
