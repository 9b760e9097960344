//! The scriptable commands, run as the real binary.

use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn list_json_has_every_type_with_code_group_and_both_labels() {
    let output = run(&["list", "--json"]);
    assert!(output.status.success());
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let records = records.as_array().expect("an array");
    assert_eq!(records.len(), 82);
    for record in records {
        for key in ["code", "group", "label_es", "label_en"] {
            assert!(record[key].as_str().is_some_and(|v| !v.is_empty()), "{key} in {record}");
        }
    }
}

#[test]
fn list_group_prints_only_that_group() {
    let output = run(&["list", "--group", "ai", "--lang", "es"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("robot_replied") && text.contains("IA: bot lanzado"), "{text}");
    assert!(!text.contains("lead_added"));
}

#[test]
fn list_with_an_unknown_group_says_which_groups_exist() {
    let output = run(&["list", "--group", "leads"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("\"leads\"") && error.contains("lead, contact"), "{error}");
}

#[test]
fn search_prints_codes_best_first_one_per_line() {
    let output = run(&["search", "fusion"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).lines().next(), Some("entity_merged"));
    let output = run(&["search", "compania", "--limit", "5"]);
    let codes: Vec<&str> = std::str::from_utf8(&output.stdout).unwrap().lines().collect();
    assert_eq!(codes.len(), 5);
    assert!(codes.iter().all(|code| code.starts_with("company_")), "{codes:?}");
    assert!(codes.contains(&"company_added"), "accent-folded 'Nueva compañía' matches: {codes:?}");
}

#[test]
fn search_supports_the_extended_syntax() {
    let output = run(&["search", "^lead_ !deleted !restored !linked"]);
    let codes: Vec<String> = stdout(&output).lines().map(str::to_string).collect();
    assert_eq!(codes, vec!["lead_added", "lead_status_changed"]);
}

#[test]
fn search_json_includes_the_score() {
    let output = run(&["search", "incoming", "--json", "--limit", "2"]);
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert!(records[0]["code"].as_str().unwrap().starts_with("incoming_"), "{records}");
    assert!(records[0]["score"].as_i64().is_some());
    assert_eq!(records.as_array().unwrap().len(), 2);
}

#[test]
fn search_without_matches_exits_1() {
    let output = run(&["search", "zzzzqqq"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let output = run(&["list", "--frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--frobnicate"));
    let output = run(&["--lang", "fr"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn version_and_help_work() {
    let output = run(&["--version"]);
    assert!(stdout(&output).starts_with("kommo-events "));
    let output = run(&["--help"]);
    let help = stdout(&output);
    assert!(help.contains("list") && help.contains("search"), "{help}");
}

#[test]
fn without_a_terminal_the_screen_points_to_the_commands() {
    // setsid detaches from any controlling terminal, as under cron or CI.
    let output = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_kommo-events"))
        .arg("--lang")
        .arg("en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("setsid runs");
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("no terminal") && error.contains("list"), "{error}");
    assert!(
        error.contains("`search`") && error.contains("`query`"),
        "points to every script command: {error}"
    );
    assert_eq!(error.lines().count(), 1, "{error}");
}

#[test]
fn color_takes_auto_always_or_never() {
    let output = run(&["list", "--color", "sometimes"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("auto") && error.contains("always") && error.contains("never"), "{error}");
    assert!(run(&["list", "--color", "never"]).status.success());
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    // The read end is closed before the program starts, so its first write fails with EPIPE,
    // as with `kommo-events list | head -1` once head has exited.
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["list", "--json"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{:?}", output.status);
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}

fn run_utc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(args)
        .env("TZ", "UTC")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("KOMMO_SUBDOMAIN")
        .env_remove("KOMMO_EVENTS_CONFIG")
        .arg("--no-config")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

#[test]
fn query_builds_the_documented_example_from_flags() {
    let output = run_utc(&[
        "query",
        "--type",
        "lead_added,lead_status_changed",
        "--entity",
        "lead",
        "--created-from",
        "2026-01-01",
        "--created-to",
        "2026-01-01",
        "--limit",
        "100",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(
        stdout(&output),
        "filter[type]=lead_added,lead_status_changed&filter[entity]=lead&filter[created_at]=1767225600,1767311999&limit=100\n"
    );
}

#[test]
fn query_with_a_broken_rule_exits_2_with_the_rule_unless_forced() {
    let output = run_utc(&["query", "--entity-id", "1,2"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("filter[entity_id]"));
    let forced = run_utc(&["query", "--entity-id", "1,2", "--force"]);
    assert!(forced.status.success());
    assert_eq!(stdout(&forced), "filter[entity_id]=1,2\n");
}

#[test]
fn query_with_an_unparsable_value_names_the_item() {
    let output = run_utc(&["query", "--created-by", "5,abc", "--force"]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("filter[created_by]") && error.contains("\"abc\""), "{error}");
}

#[test]
fn query_warnings_do_not_fail() {
    let output = run_utc(&["query", "--type", "lead_added", "--limit", "250"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning"));
    assert_eq!(stdout(&output), "filter[type]=lead_added&limit=250\n");
}

#[test]
fn query_styles_follow_the_flags() {
    let output = run_utc(&[
        "query",
        "--type",
        "a_b,c_d",
        "--created-from",
        "1767225600",
        "--created-to",
        "1767311999",
        "--list-style",
        "brackets",
        "--range-style",
        "comma",
    ]);
    assert_eq!(
        stdout(&output),
        "filter[type][]=a_b&filter[type][]=c_d&filter[created_at]=1767225600,1767311999\n"
    );
}

#[test]
fn query_value_filters_from_flags() {
    let output = run_utc(&["query", "--type", "lead_status_changed", "--status-after", "12345:99999999"]);
    assert_eq!(
        stdout(&output),
        "filter[type]=lead_status_changed&filter[value_after][leads_statuses][0][pipeline_id]=12345&filter[value_after][leads_statuses][0][status_id]=99999999\n"
    );
}

#[test]
fn a_broken_config_is_an_error_with_its_place_and_no_config_skips_it() {
    let dir = std::env::temp_dir().join(format!("kommo-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    std::fs::write(&path, "lang = \"es\"\nlist_style = \"pipes\"\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["--config", path.to_str().unwrap(), "query", "--type", "a"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains(&format!("{}:2:14", path.display())) && error.contains("--no-config"), "{error}");
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["--no-config", "query", "--type", "a"])
        .env("KOMMO_EVENTS_CONFIG", &path)
        .output()
        .unwrap();
    assert!(output.status.success());
    std::fs::write(&path, "list_style = \"brackets\"\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["query", "--type", "a,b"])
        .env("KOMMO_EVENTS_CONFIG", &path)
        .output()
        .unwrap();
    assert_eq!(stdout(&output), "filter[type][]=a&filter[type][]=b\n");
    std::fs::remove_dir_all(&dir).ok();
}

fn kommo_answer() -> String {
    format!("{}/tests/data/kommo-events-types-es.json", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_kommo_answer_adds_its_custom_fields_under_fields_without_duplicating_built_in_types() {
    let answer = kommo_answer();
    let output = run(&["list", "--json", "--catalog", &answer]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let records = records.as_array().expect("an array");
    // 82 built in + 2 custom fields; lead_added, lead_status_changed, customer_added and
    // invoice_paid are merged into ours.
    assert_eq!(records.len(), 84);
    let find = |code: &str| records.iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("{code}"));
    assert_eq!(find("custom_field_512345_value_changed")["group"], "fields");
    assert_eq!(find("custom_field_512345_value_changed")["label_es"], "Campo «Teléfono móvil» cambiado");
    assert_eq!(find("lead_status_changed")["label_en"], "Lead stage changed", "ours is kept");
    assert_eq!(find("customer_added")["group"], "customer");
    assert_eq!(find("invoice_paid")["group"], "billing");
    assert_eq!(find("invoice_paid")["documented"], serde_json::json!(["seen_live"]));
    assert_eq!(records.iter().filter(|r| r["code"] == "lead_added").count(), 1);
}

#[test]
fn search_finds_an_accounts_custom_field_by_its_label() {
    let answer = kommo_answer();
    let output = run(&["search", "telefono movil", "--catalog", &answer]);
    assert!(output.status.success());
    assert_eq!(stdout(&output).lines().next(), Some("custom_field_512345_value_changed"));
}

#[test]
fn catalog_is_repeatable_and_accepted_before_the_command() {
    let answer = kommo_answer();
    let own = format!("{}/assets/events.json", env!("CARGO_MANIFEST_DIR"));
    let output = run(&["--catalog", &own, "search", "'factura 'pagada", "--catalog", &answer]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output).trim(), "invoice_paid");
}

#[test]
fn format_is_typed_and_declared_where_it_means_one_thing() {
    let unknown = run_utc(&["query", "--type", "lead_added", "--format", "wget"]);
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("query, encoded, url, curl, httpie, json"), "clap lists the choices: {said}");
    let http = run_utc(&["query", "--type", "lead_added", "--format", "HTTP"]);
    assert!(stdout(&http).starts_with("http "), "http and any case name httpie: {}", stdout(&http));
    let fetch_choices = run_utc(&["fetch", "--format", "url"]);
    assert_eq!(fetch_choices.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&fetch_choices.stderr).contains("jsonl, json, csv"));
    let list = run_utc(&["list", "--format", "json"]);
    assert_eq!(list.status.code(), Some(2), "list has no --format (it has --json)");
    assert!(String::from_utf8_lossy(&list.stderr).contains("--format"));
}

#[test]
fn setup_errors_speak_the_users_language_at_the_edge() {
    let catalog = run_utc(&["--lang", "es", "--catalog", "/nonexistent/extra.json", "list"]);
    assert_eq!(catalog.status.code(), Some(2));
    let said = String::from_utf8_lossy(&catalog.stderr);
    assert!(
        said.starts_with("kommo-events: /nonexistent/extra.json: no se puede leer el catálogo"),
        "{said}"
    );
    let group = run_utc(&["--lang", "es", "list", "--group", "leads"]);
    assert_eq!(group.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&group.stderr).contains("el grupo \"leads\" de --group no existe"));
    let english = run_utc(&["--lang", "en", "list", "--group", "leads"]);
    assert!(String::from_utf8_lossy(&english.stderr)
        .contains("unknown group \"leads\" in --group; use one of: lead,"));
}

#[test]
fn list_json_gives_every_type_its_portuguese_label_and_its_words() {
    let output = run(&["list", "--json"]);
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    for record in records.as_array().expect("an array") {
        assert!(record["label_pt"].as_str().is_some_and(|v| !v.is_empty()), "{record}");
        for lang in ["es", "en", "pt"] {
            assert!(
                record["vocabulary"][lang].as_array().is_some_and(|w| !w.is_empty()),
                "{lang} in {record}"
            );
        }
    }
    let found = run(&["search", "presupuesto", "--json"]);
    let first = &serde_json::from_slice::<serde_json::Value>(&found.stdout).expect("valid JSON")[0];
    assert_eq!(first["code"], "sale_field_changed");
    assert_eq!(first["matched_word"], "presupuesto");
}

#[test]
fn flags_take_dates_in_words_resolved_when_the_query_is_composed() {
    let output = run_utc(&["query", "--created-from", "last week"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = stdout(&output);
    let range = text.trim().strip_prefix("filter[created_at]=").expect("a created_at range");
    let (from, to) = range.split_once(',').expect("from,to");
    let (from, to): (i64, i64) = (from.parse().unwrap(), to.parse().unwrap());
    assert_eq!(to - from, 7 * 86_400 - 1, "a whole week");
    assert_eq!(from % 86_400, 0, "from midnight UTC");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    assert!(to < now && now - to <= 8 * 86_400, "the week before this one: {from}..{to}, now {now}");
    let ago = run_utc(&["query", "--created-from", "-24h", "--created-to", "hoy"]);
    assert!(stdout(&ago).starts_with("filter[created_at]="), "{}", stdout(&ago));
    let wrong = run_utc(&["query", "--created-from", "mañana"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("today, -7d, last week."));
}
