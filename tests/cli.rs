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
    assert_eq!(records.len(), 70);
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
    assert_eq!(error.lines().count(), 1, "{error}");
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
    // 70 built in + 2 custom fields + customer_added + invoice_paid; lead_added and
    // lead_status_changed are merged into ours.
    assert_eq!(records.len(), 74);
    let find = |code: &str| records.iter().find(|r| r["code"] == code).unwrap_or_else(|| panic!("{code}"));
    assert_eq!(find("custom_field_512345_value_changed")["group"], "fields");
    assert_eq!(find("custom_field_512345_value_changed")["label_es"], "Campo «Teléfono móvil» cambiado");
    assert_eq!(find("lead_status_changed")["label_en"], "Lead stage changed", "ours is kept");
    assert_eq!(find("customer_added")["group"], "customer");
    assert_eq!(find("invoice_paid")["group"], "account");
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
    let output = run(&["--catalog", &own, "search", "'factura", "--catalog", &answer]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout(&output).trim(), "invoice_paid");
}
