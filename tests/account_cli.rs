//! `account refresh` and `account show` as the real binary, against a fake Kommo account on
//! 127.0.0.1, and names read from `--account-dir`.

mod support;

use std::sync::atomic::Ordering;

use serde_json::{json, Value};
use support::cli::{self, files_below, json_lines, run, stderr, stdout, SECRET};
use support::kommo::{self, FakeKommo};
use support::server::{Response, TestServer};

fn read(path: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn refresh_follows_pages_and_caches_each_route_per_account() {
    let cache = support::temp_dir("refresh-pages");
    let fake = FakeKommo::new();
    let server = kommo::serve(&fake);
    let output = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let dir = cache.join(format!("127.0.0.1_{}", server.port()));
    assert!(stdout(&output).contains(&dir.display().to_string()), "{}", stdout(&output));
    assert!(stdout(&output)
        .contains("3 event types, 3 users, 1 pipelines, 3 stages, 3 custom fields, 1 catalogs"));
    // Two pages each for event types (3), users (3) and lead fields (3).
    assert_eq!(
        read(&dir.join("events_types.json"))["_embedded"]["events_types"].as_array().unwrap().len(),
        3
    );
    assert_eq!(read(&dir.join("users.json"))["_embedded"]["users"].as_array().unwrap().len(), 3);
    assert_eq!(
        read(&dir.join("custom_fields_leads.json"))["_embedded"]["custom_fields"].as_array().unwrap().len(),
        3
    );
    // 204 for company fields: an empty list, not an error.
    assert_eq!(read(&dir.join("custom_fields_companies.json"))["_embedded"]["custom_fields"], json!([]));
    assert_eq!(server.requests_to("/api/v4/users").len(), 2);
    assert_eq!(server.requests_to("/api/v4/events/types")[0].param("language_code"), Some("en"));
    let meta = read(&dir.join("account.json"));
    assert_eq!(meta["base_url"], server.base_url());
    assert_eq!(meta["language"], "en");
    // The token is in no cache file.
    for file in files_below(&cache) {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains(SECRET), "{}", file.display());
    }
}

#[test]
fn a_non_admin_token_gets_ids_for_users_and_everything_else() {
    let cache = support::temp_dir("refresh-403");
    let fake = FakeKommo::new();
    fake.users_forbidden.store(true, Ordering::SeqCst);
    fake.add([kommo::responsible_change("E1", 1_767_225_600)]);
    fake.add([kommo::stage_change("E0", 1_767_225_599)]);
    let server = kommo::serve(&fake);
    let output = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert_eq!(warnings.matches("/api/v4/users answered 403").count(), 1, "{warnings}");
    let dir = cache.join(format!("127.0.0.1_{}", server.port()));
    assert!(!dir.join("users.json").exists());
    assert_eq!(read(&dir.join("account.json"))["skipped"], json!(["users.json"]));
    assert!(dir.join("pipelines.json").exists() && dir.join("catalogs.json").exists());

    let events = json_lines(&run(&cache, &server.base_url(), &["fetch"]));
    assert_eq!(events[0]["_described"]["change"], "Responsible: user 11 → user 12");
    assert_eq!(events[1]["_described"]["change"], "Stage: Negotiation → Won (Sales)");

    let shown = run(&cache, &server.base_url(), &["account", "show"]);
    assert!(stdout(&shown).contains("not an admin"), "{}", stdout(&shown));
}

#[test]
fn refresh_asks_for_labels_in_the_interface_language() {
    let cache = support::temp_dir("refresh-es");
    let server = kommo::serve(&FakeKommo::new());
    let output = run(&cache, &server.base_url(), &["account", "refresh", "--lang", "es"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("nombres de la cuenta guardados"), "{}", stdout(&output));
    assert_eq!(server.requests_to("/api/v4/events/types")[0].param("language_code"), Some("es"));
    let shown = run(&cache, &server.base_url(), &["account", "show", "--lang", "es"]);
    assert!(stdout(&shown).contains("lead_added  Nuevo lead"), "{}", stdout(&shown));
    // The per-field type goes by its field's name.
    assert!(stdout(&shown).contains("custom_field_777_value_changed  Source"), "{}", stdout(&shown));
}

#[test]
fn refresh_asks_for_portuguese_labels_on_a_portuguese_interface() {
    let cache = support::temp_dir("refresh-pt");
    let server = kommo::serve(&FakeKommo::new());
    let output = run(&cache, &server.base_url(), &["account", "refresh", "--lang", "pt"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("nomes da conta salvos em"), "{}", stdout(&output));
    assert_eq!(server.requests_to("/api/v4/events/types")[0].param("language_code"), Some("pt"));
    let shown = run(&cache, &server.base_url(), &["account", "show", "--lang", "pt"]);
    assert!(stdout(&shown).contains("Tipos de evento"), "{}", stdout(&shown));
    assert!(stdout(&shown).contains("Usuários"), "{}", stdout(&shown));
    // A Portuguese locale does the same with no flag.
    let mut command = support::cli::command(&cache);
    command.args(["account", "refresh", "--base-url", &server.base_url()]).env("LANG", "pt_BR.UTF-8");
    let by_locale = command.output().unwrap();
    assert!(by_locale.status.success(), "{}", stderr(&by_locale));
    assert_eq!(server.requests_to("/api/v4/events/types")[1].param("language_code"), Some("pt"));
}

#[test]
fn refresh_fails_when_the_event_types_cannot_be_read() {
    let cache = support::temp_dir("refresh-401");
    let server = TestServer::start(|_| Response::problem(401, "Unauthorized", ""));
    let output = run(&cache, &server.base_url(), &["account", "refresh"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("401"), "{}", stderr(&output));
    assert!(files_below(&cache).is_empty());
}

#[test]
fn show_json_lists_the_cached_names() {
    let cache = support::temp_dir("show-json");
    let server = kommo::serve(&FakeKommo::new());
    assert!(run(&cache, &server.base_url(), &["account", "refresh"]).status.success());
    let output = run(&cache, &server.base_url(), &["account", "show", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let shown: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(shown["users"][0]["name"], "Ana");
    assert_eq!(shown["pipelines"][0]["stages"][1]["name"], "Won");
    assert_eq!(shown["custom_fields"][0]["enums"][1]["value"], "Phone");
    assert_eq!(shown["catalogs"][0]["name"], "Products");
    assert_eq!(shown["event_types"][2]["label"], "Source");
    assert_eq!(shown["event_types"][2]["field_id"], 777);
}

#[test]
fn show_before_any_refresh_says_how_to_get_names() {
    let cache = support::temp_dir("show-empty");
    let output = run(&cache, "http://127.0.0.1:9", &["account", "show"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("account refresh"), "{}", stderr(&output));
}

/// A directory of answers saved by hand, as `curl … > users.json` would.
fn saved_answers(name: &str) -> std::path::PathBuf {
    let dir = support::temp_dir(name);
    let write = |file: &str, value: Value| std::fs::write(dir.join(file), value.to_string()).unwrap();
    write(
        "users.json",
        json!({"_page": 1, "_links": {}, "_embedded": {"users": [{"id": 11, "name": "Marta"}, {"id": 12, "name": "Pablo"}]}}),
    );
    write("pipelines.json", json!([{"_embedded": {"pipelines": kommo::pipelines()}}]));
    write("custom_fields_leads.json", json!(kommo::lead_fields()));
    dir
}

#[test]
fn names_come_from_an_account_dir() {
    let cache = support::temp_dir("account-dir-cache");
    let dir = saved_answers("account-dir");
    let fake = FakeKommo::new();
    fake.add([kommo::responsible_change("E1", 1_767_225_600)]);
    let server = kommo::serve(&fake);
    let dir_arg = dir.display().to_string();
    let output = run(&cache, &server.base_url(), &["fetch", "--account-dir", &dir_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["_described"]["change"], "Responsible: Marta → Pablo");

    let shown = run(&cache, &server.base_url(), &["account", "show", "--account-dir", &dir_arg]);
    assert!(stdout(&shown).contains("11  Marta"), "{}", stdout(&shown));
    assert!(stdout(&shown).contains("lead 777  Source (select): 1 Web, 2 Phone"), "{}", stdout(&shown));

    // refresh --account-dir copies the saved answers into the cache without asking the account.
    let copied = run(&cache, &server.base_url(), &["account", "refresh", "--account-dir", &dir_arg]);
    assert!(copied.status.success(), "{}", stderr(&copied));
    assert!(server.requests().iter().all(|r| r.path == "/api/v4/events"));
    let cached = run(&cache, &server.base_url(), &["fetch"]);
    assert_eq!(json_lines(&cached)[0]["_described"]["change"], "Responsible: Marta → Pablo");
}

#[test]
fn a_broken_account_file_is_named_and_fetch_goes_on_with_ids() {
    let cache = support::temp_dir("account-dir-broken-cache");
    let dir = support::temp_dir("account-dir-broken");
    std::fs::write(dir.join("users.json"), "{\"_embedded\": {\"users\": [").unwrap();
    let server = kommo::serve(&{
        let fake = FakeKommo::new();
        fake.add([kommo::stage_change("E1", 1)]);
        fake
    });
    let dir_arg = dir.display().to_string();
    let output = run(&cache, &server.base_url(), &["fetch", "--account-dir", &dir_arg]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("users.json: line 1"), "{}", stderr(&output));
    assert_eq!(json_lines(&output).len(), 1);
    let shown = run(&cache, &server.base_url(), &["account", "show", "--account-dir", &dir_arg]);
    assert_eq!(shown.status.code(), Some(1));
}

#[test]
fn subdomain_and_base_url_of_one_host_share_a_cache() {
    let cache = support::temp_dir("account-key");
    let dir = saved_answers("account-key-dir");
    let mut refresh = cli::command(&cache);
    refresh.args(["account", "refresh", "--subdomain", "acme", "--account-dir"]).arg(&dir);
    let output = refresh.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(cache.join("acme.kommo.com").join("users.json").exists());
    let mut show = cli::command(&cache);
    show.args(["account", "show", "--base-url", "https://acme.kommo.com"]);
    let output = show.output().unwrap();
    assert!(stdout(&output).contains("Marta"), "{}", stderr(&output));
}

#[test]
fn list_and_search_show_the_accounts_custom_fields_once_its_names_are_saved() {
    let cache = support::temp_dir("account-types");
    let search = |cache: &std::path::Path| {
        let mut search = cli::command(cache);
        search.args(["--subdomain", "acme", "search", "region"]);
        stdout(&search.output().unwrap())
    };
    assert!(!search(&cache).contains("custom_field_779_value_changed"));
    let mut refresh = cli::command(&cache);
    refresh
        .args(["account", "refresh", "--subdomain", "acme", "--account-dir"])
        .arg(saved_answers("account-types-dir"));
    assert!(refresh.output().unwrap().status.success());
    assert_eq!(search(&cache).lines().next(), Some("custom_field_779_value_changed"));
    let mut list = cli::command(&cache);
    list.args(["--subdomain", "acme", "list", "--group", "fields"]);
    let listed = stdout(&list.output().unwrap());
    let source = listed.lines().find(|line| line.contains("custom_field_777_value_changed"));
    assert!(source.is_some_and(|line| line.ends_with("Field “Source” changed")), "{listed}");
}
