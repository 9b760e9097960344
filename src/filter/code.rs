//! The composed filter as code to paste into a project: a PHP snippet on the official
//! `amocrm/amocrm-api-php` SDK (its `EventsFilter` setters and the events service), a Python
//! program on `requests` and a JavaScript program on Node's `fetch` (Node 18+). Each reads the
//! token from `KOMMO_TOKEN` (never embeds it), follows the pages, treats 204 as "no events", and
//! prints each event as one JSON line, as `fetch` does.
//!
//! Every value that goes into a string literal comes from the checked filter (codes, ids,
//! numbers, the percent-encoded query), and the one free text (`value`) is escaped for the
//! language, so the output is always valid code.

use super::format::{account_origin, FormatOptions, SUBDOMAIN_PLACEHOLDER, TOKEN_VARIABLE};
use super::model::{Filter, ValueFilter};
use super::{to_encoded_query, EncodeOptions, EVENTS_PATH};

/// The account's origin, or the placeholder's (`https://YOUR_SUBDOMAIN.kommo.com`).
fn origin(options: &FormatOptions) -> String {
    account_origin(options).unwrap_or_else(|| format!("https://{SUBDOMAIN_PLACEHOLDER}.kommo.com"))
}

/// The first page's path and query, percent-encoded (ASCII only, safe in any string literal).
fn first_path(filter: &Filter, encode: &EncodeOptions) -> String {
    let query = to_encoded_query(filter, encode);
    if query.is_empty() {
        EVENTS_PATH.to_owned()
    } else {
        format!("{EVENTS_PATH}?{query}")
    }
}

/// A string literal in double quotes for Python and JavaScript (JSON's escapes are valid in both).
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

/// A Python program: `python3 events.py > events.jsonl`.
pub fn python(filter: &Filter, options: &FormatOptions) -> String {
    let base = quoted(&origin(options));
    let path = quoted(&first_path(filter, &options.encode));
    format!(
        r#"#!/usr/bin/env python3
"""Kommo events, one JSON line each (composed with kommo-events). Needs: pip install requests."""
import json
import os
import sys
import time

import requests

BASE = {base}
FIRST = {path}


def main():
    token = os.environ.get("{TOKEN_VARIABLE}")
    if not token:
        sys.exit("set {TOKEN_VARIABLE} to the account's long-lived token")
    headers = {{"Authorization": "Bearer " + token}}
    url = BASE + FIRST
    while url:
        response = requests.get(url, headers=headers, timeout=30)
        if response.status_code == 429:
            time.sleep(float(response.headers.get("Retry-After", "1")))
            continue
        if response.status_code == 204:
            break
        response.raise_for_status()
        page = response.json()
        for event in page.get("_embedded", {{}}).get("events", []):
            print(json.dumps(event, ensure_ascii=False))
        href = page.get("_links", {{}}).get("next", {{}}).get("href")
        # Kommo's links name its own host: the path is asked of BASE.
        url = BASE + href[href.index("/api/"):] if href and "/api/" in href else None


if __name__ == "__main__":
    main()
"#
    )
}

/// A JavaScript program for Node 18+: `node events.js > events.jsonl`.
pub fn javascript(filter: &Filter, options: &FormatOptions) -> String {
    let base = quoted(&origin(options));
    let path = quoted(&first_path(filter, &options.encode));
    format!(
        r#"// Kommo events, one JSON line each (composed with kommo-events). Node 18+: node events.js
const BASE = {base};
const FIRST = {path};

async function main() {{
  const token = process.env.{TOKEN_VARIABLE};
  if (!token) {{
    console.error("set {TOKEN_VARIABLE} to the account's long-lived token");
    process.exit(2);
  }}
  let url = BASE + FIRST;
  while (url) {{
    const response = await fetch(url, {{ headers: {{ Authorization: `Bearer ${{token}}` }} }});
    if (response.status === 429) {{
      const wait = Number(response.headers.get("retry-after") ?? 1);
      await new Promise((resolve) => setTimeout(resolve, 1000 * wait));
      continue;
    }}
    if (response.status === 204) break;
    if (!response.ok) throw new Error(`${{response.status}} ${{await response.text()}}`);
    const page = await response.json();
    for (const event of page._embedded?.events ?? []) console.log(JSON.stringify(event));
    const href = page._links?.next?.href;
    // Kommo's links name its own host: the path is asked of BASE.
    url = href && href.includes("/api/") ? BASE + href.slice(href.indexOf("/api/")) : null;
  }}
}}

main().catch((error) => {{
  console.error(error.message);
  process.exit(1);
}});
"#
    )
}

/// A PHP snippet on the official SDK (`composer require amocrm/amocrm-api-php`): the
/// `EventsFilter` calls for the composed filter, and the calls that run it page by page.
pub fn php(filter: &Filter, options: &FormatOptions) -> String {
    let mut calls = Vec::new();
    let strings = |items: &[String]| items.iter().map(|item| php_string(item)).collect::<Vec<_>>().join(", ");
    let numbers = |items: &[u64]| items.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    if !filter.event_ids.is_empty() {
        calls.push(format!("$filter->setIds([{}]);", strings(&filter.event_ids)));
    }
    if !filter.types.is_empty() {
        calls.push(format!("$filter->setTypes([{}]);", strings(&filter.types)));
    }
    if !filter.entities.is_empty() {
        let codes: Vec<String> = filter.entities.iter().map(|entity| entity.code()).collect();
        calls.push(format!("$filter->setEntity([{}]);", strings(&codes)));
    }
    if !filter.entity_ids.is_empty() {
        calls.push(format!("$filter->setEntityIds([{}]);", numbers(&filter.entity_ids)));
    }
    if !filter.created_by.is_empty() {
        calls.push(format!("$filter->setCreatedBy([{}]);", numbers(&filter.created_by)));
    }
    match (filter.created_at.from, filter.created_at.to) {
        (Some(from), None) => calls.push(format!("$filter->setCreatedAt({from}); // created after it")),
        (from, Some(to)) => {
            let from = from.map_or(String::new(), |from| format!("->setFrom({from})"));
            calls.push(
                "// The SDK sends a range as filter[created_at][from]/[to]; an account that answers 400 to it\n\
                 // takes filter[created_at]=FROM,TO (kommo-events --range-style comma).".to_owned(),
            );
            calls.push(format!("$filter->setCreatedAt((new BaseRangeFilter()){from}->setTo({to}));"));
        }
        (None, None) => {}
    }
    for (setter, side) in [("setValueBefore", &filter.value_before), ("setValueAfter", &filter.value_after)] {
        if !side.is_empty() {
            calls.push(format!("$filter->{setter}({});", php_values(side)));
        }
    }
    calls.push(format!("$filter->setLimit({});", filter.limit.unwrap_or(50)));
    if let Some(page) = filter.page {
        calls.push(format!("$filter->setPage({page});"));
    }
    let with = filter.with.iter().map(|with| php_string(with.code())).collect::<Vec<_>>().join(", ");
    let domain = php_string(origin(options).trim_start_matches("https://").trim_start_matches("http://"));
    format!(
        r#"<?php
// Kommo events, one JSON line each (composed with kommo-events).
// composer require amocrm/amocrm-api-php
require __DIR__ . '/vendor/autoload.php';

use AmoCRM\Client\AmoCRMApiClient;
use AmoCRM\Client\LongLivedAccessToken;
use AmoCRM\Exceptions\AmoCRMApiNoContentException;
use AmoCRM\Exceptions\AmoCRMApiPageNotAvailableException;
use AmoCRM\Filters\BaseRangeFilter;
use AmoCRM\Filters\EventsFilter;

$token = getenv('{TOKEN_VARIABLE}');
if ($token === false || $token === '') {{
    fwrite(STDERR, "set {TOKEN_VARIABLE} to the account's long-lived token\n");
    exit(2);
}}
$apiClient = new AmoCRMApiClient();
$apiClient->setAccessToken(new LongLivedAccessToken($token));
$apiClient->setAccountBaseDomain({domain});

$filter = new EventsFilter();
{calls}

try {{
    $events = $apiClient->events()->get($filter, [{with}]);
    while (true) {{
        foreach ($events as $event) {{
            echo json_encode($event->toArray(), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), PHP_EOL;
        }}
        $events = $apiClient->events()->nextPage($events);
    }}
}} catch (AmoCRMApiNoContentException $e) {{
    // 204: no events (or none left).
}} catch (AmoCRMApiPageNotAvailableException $e) {{
    // The last page was read.
}}
"#,
        calls = calls.join("\n")
    )
}

/// A PHP string literal in single quotes (only `\` and `'` are special there).
fn php_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// One side's value filter as the PHP array the SDK puts under `filter[value_before|after]`,
/// keyed and written as the API takes it (lists as comma strings, stages as pairs).
fn php_values(values: &ValueFilter) -> String {
    let join = |ids: &[u64]| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let mut entries = Vec::new();
    if !values.leads_statuses.is_empty() {
        let pairs: Vec<String> = values
            .leads_statuses
            .iter()
            .map(|pair| format!("['pipeline_id' => {}, 'status_id' => {}]", pair.pipeline_id, pair.status_id))
            .collect();
        entries.push(format!("'leads_statuses' => [{}]", pairs.join(", ")));
    }
    if !values.customers_statuses.is_empty() {
        let stages: Vec<String> =
            values.customers_statuses.iter().map(|id| format!("['status_id' => {id}]")).collect();
        entries.push(format!("'customers_statuses' => [{}]", stages.join(", ")));
    }
    if !values.responsible_user_ids.is_empty() {
        entries.push(format!("'responsible_user_id' => '{}'", join(&values.responsible_user_ids)));
    }
    if !values.custom_field_values.is_empty() {
        entries.push(format!("'custom_field_values' => '{}'", join(&values.custom_field_values)));
    }
    if let Some(value) = values.value_text() {
        entries.push(format!("'value' => {}", php_string(value)));
    }
    format!("[{}]", entries.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::model::{CreatedAt, StagePair};

    fn stage_filter() -> Filter {
        let mut filter = Filter {
            types: vec!["lead_status_changed".into()],
            created_at: CreatedAt { from: Some(1_767_225_600), to: Some(1_767_311_999) },
            limit: Some(100),
            ..Filter::default()
        };
        filter.value_after.leads_statuses = vec![StagePair { pipeline_id: 12345, status_id: 142 }];
        filter.value_before.value = Some("it's \\ odd".into());
        filter
    }

    #[test]
    fn the_programs_read_the_token_from_the_environment_and_start_at_the_encoded_query() {
        let options = FormatOptions { subdomain: Some("acme".into()), ..FormatOptions::default() };
        for program in [python(&stage_filter(), &options), javascript(&stage_filter(), &options)] {
            assert!(program.contains("\"https://acme.kommo.com\""), "{program}");
            assert!(program.contains("/api/v4/events?filter%5Btype%5D=lead_status_changed"), "{program}");
            assert!(program.contains("KOMMO_TOKEN") && program.contains("204"), "{program}");
        }
    }

    #[test]
    fn php_calls_the_sdks_setters_with_the_filters_values() {
        let php = php(&stage_filter(), &FormatOptions::default());
        assert!(php.contains("$filter->setTypes(['lead_status_changed']);"), "{php}");
        assert!(php.contains("->setFrom(1767225600)->setTo(1767311999)"), "{php}");
        assert!(php.contains("$filter->setValueAfter(['leads_statuses' => [['pipeline_id' => 12345, 'status_id' => 142]]]);"), "{php}");
        assert!(php.contains(r"'value' => 'it\'s \\ odd'"), "escaped: {php}");
        assert!(php.contains("$filter->setLimit(100);"), "{php}");
        assert!(php.contains("setAccountBaseDomain('YOUR_SUBDOMAIN.kommo.com')"), "{php}");
        assert!(php.contains("->events()->get($filter, [])"), "{php}");
    }
}
