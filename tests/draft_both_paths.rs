//! The screen's composer and the command line's flags write the same filter from the same text,
//! because both go through one `filter::Draft`. Each case is typed on the screen and passed as
//! flags to the real binary, and the two queries are compared.

mod common;

use std::process::{Command, Output, Stdio};

use common::{app, fill, select};
use kommo_events::filter::{Side, ValueKey};
use kommo_events::i18n::Lang;
use kommo_events::tui::composer::DraftField;

fn query(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .arg("query")
        .args(args)
        .args(["--no-config", "--lang", "en"])
        .env("TZ", "UTC")
        .env_remove("KOMMO_SUBDOMAIN")
        .env_remove("KOMMO_EVENTS_CONFIG")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim_end().to_owned()
}

#[test]
fn every_field_typed_on_the_screen_matches_its_flags() {
    let mut screen = app(Lang::En, 120, 36);
    select(&mut screen, "lead_status_changed");
    fill(&mut screen, DraftField::Entity, "lead");
    fill(&mut screen, DraftField::EntityId, "5, 7");
    fill(&mut screen, DraftField::CreatedBy, "0");
    fill(&mut screen, DraftField::CreatedFrom, "2026-01-01");
    fill(&mut screen, DraftField::CreatedTo, "2026-01-31 12:00");
    fill(&mut screen, DraftField::Value(Side::After, ValueKey::LeadsStatuses), "12345:142");
    fill(&mut screen, DraftField::Limit, "50");
    let flags = query(&[
        "--type",
        "lead_status_changed",
        "--entity",
        "lead",
        "--entity-id",
        "5",
        "--entity-id",
        "7",
        "--created-by",
        "0",
        "--created-from",
        "2026-01-01",
        "--created-to",
        "2026-01-31 12:00",
        "--status-after",
        "12345:142",
        "--limit",
        "50",
    ]);
    assert!(flags.status.success(), "{}", String::from_utf8_lossy(&flags.stderr));
    assert!(
        screen.composer().composed.field_errors.is_empty(),
        "{:?}",
        screen.composer().composed.field_errors
    );
    assert_eq!(stdout(&flags), screen.composer().composed.query);
    assert!(
        screen.composer().composed.query.contains("filter[created_at]=1767225600,1769860859"),
        "{}",
        screen.composer().composed.query
    );
}

#[test]
fn a_value_that_no_selected_type_accepts_is_left_out_on_both_paths() {
    let field = DraftField::Value(Side::After, ValueKey::Value);
    let mut screen = app(Lang::En, 120, 36);
    select(&mut screen, "sale_field_changed");
    fill(&mut screen, field, "155");
    assert_eq!(
        screen.composer().composed.query,
        "filter[type]=sale_field_changed&filter[value_after][value]=155"
    );
    let applied = query(&["--type", "sale_field_changed", "--value-after", "155"]);
    assert_eq!(stdout(&applied), screen.composer().composed.query);

    select(&mut screen, "lead_added");
    select(&mut screen, "sale_field_changed");
    assert_eq!(screen.composer().composed.query, "filter[type]=lead_added");
    assert_eq!(screen.composer().composed.not_applied, vec![field]);
    assert_eq!(screen.composer().fields.text(field), "155", "the screen keeps the text on its row");

    let refused = query(&["--type", "lead_added", "--value-after", "155"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("filter[value_after][value]: left out of the query")
            && stderr.contains("sale_field_changed"),
        "{stderr}"
    );
    let forced = query(&["--type", "lead_added", "--value-after", "155", "--force"]);
    assert!(forced.status.success());
    assert_eq!(
        stdout(&forced),
        screen.composer().composed.query,
        "forced, the flags print what the screen shows"
    );
}

#[test]
fn a_value_that_does_not_parse_is_an_error_on_both_paths() {
    let field = DraftField::Value(Side::Before, ValueKey::LeadsStatuses);
    let mut screen = app(Lang::En, 120, 36);
    select(&mut screen, "lead_status_changed");
    fill(&mut screen, field, "12345");
    assert!(screen.composer().composed.error_of(field).is_some());
    assert_eq!(screen.composer().composed.query, "filter[type]=lead_status_changed");
    let flags = query(&["--type", "lead_status_changed", "--status-before", "12345", "--force"]);
    assert_eq!(flags.status.code(), Some(2), "a value that does not parse is 2 even with --force");
    assert!(String::from_utf8_lossy(&flags.stderr).contains("filter[value_before][leads_statuses]"));
}
