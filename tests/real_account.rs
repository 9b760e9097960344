//! What a real Kommo account accepts and answers, through the binary against the test server:
//! the range form that works, the retry in the other form when an account refuses one, and the
//! account remembering it.

mod support;

use std::sync::Arc;

use support::cli::{self, json_lines, run, stderr};
use support::kommo::{self, FakeKommo};
use support::server::{Request, Response, TestServer};

/// A fake account whose events route answers 400 "Invalid params" to one range form, as the
/// live account in the facts sheet did to `[from]`/`[to]`.
fn refusing(form: &'static str) -> (Arc<FakeKommo>, TestServer) {
    let fake = FakeKommo::new();
    fake.add([kommo::stage_change("E1", 1_767_225_600), kommo::stage_change("E2", 1_767_225_700)]);
    let served = Arc::clone(&fake);
    let server = TestServer::start(move |request: &Request| {
        let from_to = request.query.iter().any(|(key, _)| key.starts_with("filter[created_at]["));
        let comma = request.param("filter[created_at]").is_some();
        let refused = match form {
            "from-to" => from_to,
            _ => comma,
        };
        if request.path == "/api/v4/events" && refused {
            return Response::json(
                400,
                "application/problem+json",
                serde_json::json!({"title": "Bad Request", "status": 400, "detail": "Invalid params"}),
            );
        }
        served.answer(request)
    });
    (fake, server)
}

fn created_at_forms(server: &TestServer) -> Vec<&'static str> {
    server
        .requests_to("/api/v4/events")
        .iter()
        .map(|r| if r.param("filter[created_at]").is_some() { "comma" } else { "from-to" })
        .collect()
}

#[test]
fn the_default_range_form_is_the_one_a_live_account_takes() {
    let cache = support::temp_dir("range-default");
    let (_fake, server) = refusing("from-to");
    let output = run(
        &cache,
        &server.base_url(),
        &["fetch", "--created-from", "2026-01-01", "--created-to", "2026-01-02"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 2);
    assert_eq!(created_at_forms(&server), ["comma"]);
    let asked = server.requests_to("/api/v4/events")[0].param("filter[created_at]").unwrap().to_owned();
    assert_eq!(asked, "1767225600,1767398399");
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
}

#[test]
fn a_400_to_one_range_form_is_asked_again_in_the_other_once() {
    let cache = support::temp_dir("range-retry");
    let (_fake, server) = refusing("from-to");
    let output = run(
        &cache,
        &server.base_url(),
        &["fetch", "--range-style", "from-to", "--created-from", "2026-01-01"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 2);
    assert_eq!(created_at_forms(&server), ["from-to", "comma"]);
    let said = stderr(&output);
    assert!(
        said.contains("the account answered 400 to filter[created_at][from]/[to]; asked again with filter[created_at]=A,B"),
        "{said}"
    );
}

#[test]
fn a_bulk_export_asks_again_in_the_other_range_form_and_gets_everything() {
    let cache = support::temp_dir("range-retry-bulk");
    let (_fake, server) = refusing("comma");
    // --max-pages 0 asks for its first pages at once: all of them get the 400, then the walk is
    // asked again, whole, in the form the account takes.
    let output =
        run(&cache, &server.base_url(), &["fetch", "--max-pages", "0", "--created-from", "2026-01-01"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 2);
    let forms = created_at_forms(&server);
    assert!(forms.len() >= 2 && forms.last() == Some(&"from-to"), "{forms:?}");
    assert!(forms.contains(&"comma"), "{forms:?}");
    assert!(
        stderr(&output).contains("asked again with filter[created_at][from]/[to]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_form_that_worked_is_remembered_for_the_account() {
    let cache = support::temp_dir("range-remembered");
    // An account that takes only [from]/[to]: the default comma form gets the 400 here.
    let (_fake, server) = refusing("comma");
    let first = run(&cache, &server.base_url(), &["fetch", "--created-from", "2026-01-01"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("kept for this account"), "{}", stderr(&first));
    assert_eq!(created_at_forms(&server), ["comma", "from-to"]);
    // The next run starts in the form that worked: one request, no retry, nothing said.
    let second = run(&cache, &server.base_url(), &["fetch", "--created-from", "2026-01-01"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(created_at_forms(&server), ["comma", "from-to", "from-to"]);
    assert!(!stderr(&second).contains("400"), "{}", stderr(&second));
    // `tail` uses it too.
    let tailed = run(
        &cache,
        &server.base_url(),
        &["tail", "--created-from", "2026-01-01", "--interval", "0.1", "--max-polls", "1"],
    );
    assert!(tailed.status.success(), "{}", stderr(&tailed));
    assert_eq!(created_at_forms(&server).last(), Some(&"from-to"));
    // A form chosen on the command line still wins.
    let chosen =
        run(&cache, &server.base_url(), &["fetch", "--range-style", "comma", "--created-from", "2026-01-01"]);
    assert!(chosen.status.success(), "{}", stderr(&chosen));
    assert_eq!(created_at_forms(&server).iter().rev().take(2).collect::<Vec<_>>(), [&"from-to", &"comma"]);
}

#[test]
fn tail_switches_form_once_and_keeps_it_for_every_later_poll() {
    let cache = support::temp_dir("range-tail");
    let (_fake, server) = refusing("from-to");
    let output = run(
        &cache,
        &server.base_url(),
        &[
            "tail",
            "--range-style",
            "from-to",
            "--created-from",
            "2026-01-01",
            "--interval",
            "0.1",
            "--max-polls",
            "3",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let polls: Vec<&str> = created_at_forms(&server);
    assert_eq!(polls, ["from-to", "comma", "comma", "comma"]);
    assert_eq!(stderr(&output).matches("answered 400").count(), 1, "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 2);
}

#[test]
fn a_400_in_both_range_forms_is_reported_after_one_retry() {
    let cache = support::temp_dir("range-none");
    let server = TestServer::start(|_| Response::problem(400, "Bad Request", "Invalid params"));
    // fetch always sends a range (its upper bound is pinned at its start), so a 400 is asked once
    // more in the other form, then reported.
    let output = run(&cache, &server.base_url(), &["fetch", "--type", "lead_added"]);
    assert_eq!(output.status.code(), Some(1));
    let asked: Vec<String> = server.requests().iter().map(|r| r.raw_query.clone()).collect();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        asked[0].contains("filter%5Bcreated_at%5D=0%2C") && asked[1].contains("created_at%5D%5Bto%5D="),
        "{asked:?}"
    );
    assert!(stderr(&output).contains("400"), "{}", stderr(&output));
    // Nothing was learnt about the account's range form.
    assert!(!cli::files_below(&cache).iter().any(|path| path.ends_with("requests.json")));
}

#[test]
fn an_unknown_type_code_is_a_warning_with_the_closest_known_ones() {
    let cache = support::temp_dir("unknown-type");
    let output = cli::command(&cache).args(["query", "--type", "lead_addd"]).output().unwrap();
    assert!(output.status.success(), "still a warning: accounts have types no list knows");
    assert_eq!(support::cli::stdout(&output), "filter[type]=lead_addd\n");
    let said = stderr(&output);
    assert!(
        said.contains("warning: filter[type]: lead_addd is not a known type — did you mean lead_added?"),
        "{said}"
    );

    let decoded =
        cli::command(&cache).args(["decode", "--json", "filter[type]=lead_stauts_changed"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    let message = json["problems"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("did you mean lead_status_changed?"), "{json}");
    assert_eq!(json["problems"][0]["severity"], "warning");
}

#[test]
fn the_accounts_own_types_are_known_and_suggested() {
    let cache = support::temp_dir("account-types-known");
    let names = support::temp_dir("account-types-known-names");
    let types = serde_json::json!({"_embedded": {"events_types": [
        {"key": "lead_added", "type": 1, "lang": "Lead added"},
        {"key": "whatsapp_template_sent", "type": 900, "lang": "WhatsApp template sent"}
    ]}});
    std::fs::write(names.join("events_types.json"), types.to_string()).unwrap();
    let saved = cli::command(&cache)
        .args(["account", "refresh", "--subdomain", "acme", "--account-dir"])
        .arg(&names)
        .output()
        .unwrap();
    assert!(saved.status.success(), "{}", stderr(&saved));
    let query = |code: &str| {
        cli::command(&cache).args(["--subdomain", "acme", "query", "--type", code]).output().unwrap()
    };
    assert_eq!(stderr(&query("whatsapp_template_sent")), "", "the account's own type is known");
    let said = stderr(&query("whatsapp_templat_sent"));
    assert!(said.contains("did you mean whatsapp_template_sent?"), "{said}");
}

#[test]
fn decode_json_carries_exactly_the_warnings_text_mode_prints() {
    let cache = support::temp_dir("decode-same-warnings");
    let query = "filter[type]=lead_addd&filter[created_at][from]=1767225600&filter[value_after][responsible_user_id]=5";
    let text = cli::command(&cache).args(["decode", query]).output().unwrap();
    let json = cli::command(&cache).args(["decode", "--json", query]).output().unwrap();
    let printed: Vec<String> = support::cli::stdout(&text)
        .lines()
        .filter_map(|line| {
            line.split_once(": ").filter(|(level, _)| ["warning", "note", "error"].contains(level))
        })
        .map(|(level, message)| format!("{level}: {message}"))
        .collect();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let carried: Vec<String> = value["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}: {}", p["severity"].as_str().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    assert_eq!(printed, carried);
    assert_eq!(carried.len(), 3, "{carried:?}");
}

#[test]
fn every_url_honours_the_accounts_address() {
    let cache = support::temp_dir("base-url-outputs");
    let query = |args: &[&str]| {
        let output = cli::command(&cache).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        support::cli::stdout(&output).trim_end().to_owned()
    };
    let amocrm = "https://acme.amocrm.ru/api/v4/events?filter[type]=lead_added";
    assert_eq!(
        query(&["query", "--type", "lead_added", "--format", "url", "--base-url", "https://acme.amocrm.ru"]),
        amocrm
    );
    // A subdomain with a dot is the whole host.
    assert_eq!(
        query(&["--subdomain", "acme.amocrm.ru", "query", "--type", "lead_added", "--format", "url"]),
        amocrm
    );
    let curl = query(&["--subdomain", "acme.amocrm.ru", "query", "--type", "lead_added", "--format", "curl"]);
    assert!(curl.contains("'https://acme.amocrm.ru/api/v4/events?filter[type]=lead_added'"), "{curl}");
    let httpie = query(&[
        "query",
        "--type",
        "lead_added",
        "--format",
        "httpie",
        "--base-url",
        "https://proxy.example/kommo",
    ]);
    assert!(httpie.starts_with("http GET 'https://proxy.example/kommo/api/v4/events'"), "{httpie}");
    let refused = cli::command(&cache).args(["query", "--base-url", "ftp://x"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_config_base_url_reaches_the_outputs_and_the_account() {
    let dir = support::temp_dir("base-url-config");
    let fake = FakeKommo::new();
    fake.add([kommo::stage_change("E1", 1_767_225_600)]);
    let server = kommo::serve(&fake);
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("base_url = \"{}\"\n", server.base_url())).unwrap();
    let run_with = |args: &[&str]| {
        cli::command_free_to_name_a_config(&dir).arg("--config").arg(&config).args(args).output().unwrap()
    };
    let url = run_with(&["query", "--type", "lead_added", "--format", "url"]);
    assert_eq!(
        support::cli::stdout(&url).trim_end(),
        format!("{}/api/v4/events?filter[type]=lead_added", server.base_url())
    );
    let fetched = run_with(&["fetch"]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    assert_eq!(json_lines(&fetched).len(), 1);
    // --base-url still wins over the config.
    let flag = run_with(&["query", "--format", "url", "--base-url", "https://acme.amocrm.ru"]);
    assert_eq!(support::cli::stdout(&flag).trim_end(), "https://acme.amocrm.ru/api/v4/events");
}

#[test]
fn decode_converts_between_every_format_and_reads_its_json_back() {
    let cache = support::temp_dir("decode-format");
    let decode = |args: &[&str]| cli::command(&cache).arg("decode").args(args).output().unwrap();
    let url = "https://acme.amocrm.ru/api/v4/events?filter[type]=lead_added&filter[created_at]=1767225600,1767311999";
    let curl = decode(&["--format", "curl", url]);
    assert!(curl.status.success(), "{}", stderr(&curl));
    assert_eq!(
        support::cli::stdout(&curl).trim_end(),
        format!("curl -g -sS -H \"Authorization: Bearer $KOMMO_TOKEN\" '{url}'")
    );
    let json = decode(&["--format", "json", url]);
    let model = support::cli::stdout(&json);
    assert!(model.trim_start().starts_with('{'), "{model}");
    // The JSON format decodes back, and converts to the query it came from.
    let back = decode(&["--format", "query", &model]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(
        support::cli::stdout(&back).trim_end(),
        "filter[type]=lead_added&filter[created_at]=1767225600,1767311999"
    );
    let described = support::cli::stdout(&decode(&[&model]));
    assert!(described.contains("Types: lead_added") && !described.contains("Not understood"), "{described}");
}

#[test]
fn input_that_is_no_events_filter_exits_2_and_unknown_keys_get_a_did_you_mean() {
    let cache = support::temp_dir("decode-nothing");
    let nothing = cli::command(&cache).args(["decode", "hello world"]).output().unwrap();
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("nothing in this input is an events filter"), "{}", stderr(&nothing));

    let typos =
        cli::command(&cache).args(["decode", "filter[typ]=lead_added&filtre[entity]=lead"]).output().unwrap();
    let said = support::cli::stdout(&typos);
    assert!(
        said.contains("Not understood, kept: filter[typ]=lead_added — did you mean filter[type]?"),
        "{said}"
    );
    assert!(said.contains("filtre[entity]=lead — did you mean filter[entity]?"), "{said}");
    let json =
        cli::command(&cache).args(["decode", "--json", "filter[typ]=lead_added&limit=5"]).output().unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["unknown"][0]["did_you_mean"], "filter[type]");
    assert!(json.status.success(), "limit=5 is a filter: {}", stderr(&json));
}

#[test]
fn type_labels_are_never_missing_and_the_accounts_own_win() {
    let cache = support::temp_dir("type-labels");
    let fake = FakeKommo::new();
    fake.add([kommo::stage_change("E1", 1_767_225_600)]);
    let server = kommo::serve(&fake);
    let label = |args: &[&str]| {
        let output = run(&cache, &server.base_url(), args);
        assert!(output.status.success(), "{}", stderr(&output));
        json_lines(&output)[0]["_described"]["type_label"].clone()
    };
    // No names saved: the catalog's label, in the output language.
    assert_eq!(label(&["fetch"]), "Lead stage changed");
    assert_eq!(label(&["--lang", "es", "fetch"]), "Estado del lead cambiado");
    // The account's own label, once its names are saved.
    let refreshed = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(label(&["fetch"]), "Stage changed");
}

#[test]
fn amocrm_customer_stages_and_with_note_from_flags() {
    let cache = support::temp_dir("amocrm-flags");
    let output = cli::command(&cache)
        .args(["query", "--type", "customer_status_changed", "--customer-status-before", "135751"])
        .args(["--customer-status-after", "135752", "--with", "note"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "a known type, no warning");
    assert_eq!(
        support::cli::stdout(&output).trim_end(),
        "filter[type]=customer_status_changed&filter[value_before][customers_statuses][0][status_id]=135751\
         &filter[value_after][customers_statuses][0][status_id]=135752&with=note"
    );
    let listed = cli::command(&cache).args(["list", "--json"]).output().unwrap();
    let types: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let customer = types.as_array().unwrap().iter().find(|t| t["code"] == "customer_status_changed").unwrap();
    assert_eq!(customer["group"], "customer");
    assert_eq!(customer["value_filters"], serde_json::json!(["customers_statuses"]));
    assert_eq!(customer["documented"], serde_json::json!(["amocrm_docs", "seen_live"]));
    let found = cli::command(&cache).args(["search", "etapa del cliente"]).output().unwrap();
    assert_eq!(support::cli::stdout(&found).lines().next(), Some("customer_status_changed"));
}

/// An account with a call on a lead, a common note on the same lead and an SMS on a contact, and
/// the notes routes that hold them.
fn account_with_notes(notes_answer: fn(&Request) -> Response) -> (Arc<FakeKommo>, TestServer) {
    let fake = FakeKommo::new();
    let note_event = |id: &str, kind: &str, at: i64, note: u64| {
        kommo::event(id, kind, at, serde_json::json!([]), serde_json::json!([{"note": {"id": note}}]))
    };
    let mut sms = note_event("N3", "outgoing_sms", 1_767_225_602, 77);
    sms["entity_type"] = serde_json::json!("contact");
    fake.add([
        note_event("N1", "incoming_call", 1_767_225_600, 4242),
        note_event("N2", "common_note_added", 1_767_225_601, 4243),
        sms,
    ]);
    let served = Arc::clone(&fake);
    let server = TestServer::start(move |request: &Request| {
        if request.path.ends_with("/notes") {
            return notes_answer(request);
        }
        served.answer(request)
    });
    (fake, server)
}

fn the_notes(request: &Request) -> Response {
    let asked: Vec<u64> = request
        .query
        .iter()
        .filter(|(key, _)| key == "filter[id][]")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let all = [
        serde_json::json!({"id": 4242, "note_type": "call_in", "params": {"phone": "+34 600 000 000", "duration": 125, "source": "Zadarma", "link": "https://x/rec.mp3"}}),
        serde_json::json!({"id": 4243, "note_type": "common", "params": {"text": "Wants the offer by Friday\nsecond line"}}),
        serde_json::json!({"id": 77, "note_type": "sms_out", "params": {"text": "See you at 10", "phone": "+34 611"}}),
    ];
    let notes: Vec<_> = all.into_iter().filter(|n| asked.contains(&n["id"].as_u64().unwrap())).collect();
    Response::hal(serde_json::json!({"_embedded": {"notes": notes}}))
}

#[test]
fn fetch_notes_reads_each_pages_notes_in_one_request_per_entity_type_and_tells_them() {
    let cache = support::temp_dir("fetch-notes");
    let (_fake, server) = account_with_notes(the_notes);
    let output = run(&cache, &server.base_url(), &["fetch", "--notes"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let events = json_lines(&output);
    let change = |id: &str| {
        let event = events.iter().find(|e| e["id"] == id).unwrap();
        event["_described"]["change"].as_str().unwrap().to_owned()
    };
    assert_eq!(change("N1"), "Incoming call: +34 600 000 000, 2:05 (Zadarma)");
    assert_eq!(change("N2"), "Note: Wants the offer by Friday…");
    assert_eq!(change("N3"), "SMS to +34 611: See you at 10");
    let call = events.iter().find(|e| e["id"] == "N1").unwrap();
    assert_eq!(call["_note"]["params"]["duration"], 125, "the note itself comes along");
    // One request for the lead notes (both ids), one for the contact notes.
    let notes = |route: &str| server.requests_to(&format!("/api/v4/{route}/notes"));
    assert_eq!(notes("leads").len(), 1);
    assert_eq!(notes("leads")[0].query.iter().filter(|(k, _)| k == "filter[id][]").count(), 2);
    assert_eq!(notes("contacts").len(), 1);
    // Without --notes, no note is read.
    let plain = run(&cache, &server.base_url(), &["--lang", "es", "fetch"]);
    assert_eq!(json_lines(&plain)[0]["_described"]["change"], "Nota: 77");
    assert_eq!(notes("leads").len(), 1);
}

#[test]
fn a_failed_note_read_leaves_the_events_as_they_were_and_says_why() {
    let cache = support::temp_dir("fetch-notes-fail");
    let (_fake, server) = account_with_notes(|_| Response::problem(403, "Forbidden", "no rights"));
    let output = run(&cache, &server.base_url(), &["fetch", "--notes"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("notes not read, events shown without them: 403"),
        "{}",
        stderr(&output)
    );
    let events = json_lines(&output);
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.get("_note").is_none()));
    assert_eq!(events.iter().find(|e| e["id"] == "N1").unwrap()["_described"]["change"], "Note: 4242");
}

#[test]
fn tail_notes_tells_new_events_notes_in_spanish_too() {
    let cache = support::temp_dir("tail-notes");
    let (_fake, server) = account_with_notes(the_notes);
    let output = run(
        &cache,
        &server.base_url(),
        &[
            "--lang",
            "es",
            "tail",
            "--notes",
            "--created-from",
            "1767225600",
            "--interval",
            "0.1",
            "--max-polls",
            "1",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let events = json_lines(&output);
    let call = events.iter().find(|e| e["id"] == "N1").unwrap();
    assert_eq!(call["_described"]["change"], "Llamada entrante: +34 600 000 000, 2:05 (Zadarma)");
    let sms = events.iter().find(|e| e["id"] == "N3").unwrap();
    assert_eq!(sms["_described"]["change"], "SMS a +34 611: See you at 10");
}
