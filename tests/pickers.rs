//! The account's names in the composer: names shown after the ids typed in id fields, and the
//! picker (Ctrl-L / F3) that lists them. Driven key by key through `update`, drawn on
//! `TestBackend` and compared with reviewed snapshots.

mod common;

use std::collections::BTreeMap;

use common::{
    app, app_started, ctrl, draw, fill, key, press, screen_text, screen_with_styles, select, type_text,
};
use crossterm::event::{KeyCode, KeyModifiers};
use kommo_events::account::{Account, Part};
use kommo_events::filter::{Side, ValueKey};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Overlay, Start};
use kommo_events::tui::composer::DraftField;
use kommo_events::tui::update::update;
use serde_json::json;

const STAGE_AFTER: DraftField = DraftField::Value(Side::After, ValueKey::LeadsStatuses);
const CHOICES_AFTER: DraftField = DraftField::Value(Side::After, ValueKey::CustomFieldValues);

/// An account with accented names, two pipelines, a list field and a catalog.
fn account() -> Account {
    let items = BTreeMap::from([
        (
            Part::Users,
            vec![
                json!({"id": 6410231, "name": "Ana García"}),
                json!({"id": 6410232, "name": "Luis Pérez"}),
                json!({"id": 6410233, "name": "Eva Núñez"}),
            ],
        ),
        (
            Part::Pipelines,
            vec![
                json!({"id": 41512866, "name": "Sales", "_embedded": {"statuses": [
                    {"id": 41512867, "name": "Negotiation"}, {"id": 142, "name": "Won"}]}}),
                json!({"id": 41512900, "name": "Support", "_embedded": {"statuses": [
                    {"id": 142, "name": "Solved"}]}}),
            ],
        ),
        (
            Part::LeadFields,
            vec![json!({"id": 777, "name": "Source", "type": "select",
                        "enums": [{"id": 1, "value": "Web"}, {"id": 2, "value": "Teléfono"}]})],
        ),
        (Part::Catalogs, vec![json!({"id": 5, "name": "Products"})]),
    ]);
    Account::from_items(&items).expect("account")
}

fn named_app(lang: Lang, width: u16, height: u16) -> App {
    app_started(Start { account: account(), ..Start::default() }, lang, width, height)
}

fn f3(app: &mut App) {
    key(app, KeyCode::F(3));
}

fn is_picker_open(app: &App) -> bool {
    matches!(app.overlay(), Some(Overlay::Picker(_)))
}

#[test]
fn typing_part_of_a_name_without_accents_and_enter_adds_the_user_id() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "6410232");
    f3(&mut app);
    assert!(is_picker_open(&app));
    type_text(&mut app, "GARCIA");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay().is_none());
    assert_eq!(app.composer().fields.text(DraftField::CreatedBy), "6410232, 6410231");
    assert!(
        app.composer().composed.query.contains("filter[created_by]=6410232,6410231"),
        "{}",
        app.composer().composed.query
    );
}

#[test]
fn ctrl_l_opens_the_picker_too_and_tab_picks_the_highlighted_row() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "");
    press(&mut app, KeyCode::Char('l'), KeyModifiers::CONTROL);
    assert!(is_picker_open(&app));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().fields.text(DraftField::CreatedBy), "6410232");
}

#[test]
fn escape_closes_the_picker_without_a_change() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "11");
    f3(&mut app);
    type_text(&mut app, "eva");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay().is_none());
    assert_eq!(app.composer().fields.text(DraftField::CreatedBy), "11");
}

#[test]
fn enter_with_nothing_matching_keeps_the_picker_open() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "");
    f3(&mut app);
    type_text(&mut app, "zzz");
    key(&mut app, KeyCode::Enter);
    assert!(is_picker_open(&app));
    assert!(screen_text(&draw(&app)).contains("Nothing matches; Ctrl-U clears the filter."));
}

#[test]
fn stages_are_picked_as_pipeline_stage_pairs() {
    let mut app = named_app(Lang::En, 120, 40);
    select(&mut app, "lead_status_changed");
    fill(&mut app, STAGE_AFTER, "");
    f3(&mut app);
    type_text(&mut app, "sales won");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.composer().fields.text(STAGE_AFTER), "41512866:142");
    assert!(app.composer().composed.query.contains("[leads_statuses][0][pipeline_id]=41512866"));
}

#[test]
fn catalogs_are_added_to_the_entity_list() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::Entity, "");
    f3(&mut app);
    type_text(&mut app, "products");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.composer().fields.text(DraftField::Entity), "catalog_5");
    assert!(screen_text(&draw(&app)).contains("catalog_5  → Products"));
}

#[test]
fn the_field_id_prompt_picks_a_custom_field_by_name() {
    let mut app = named_app(Lang::En, 120, 40);
    type_text(&mut app, "^custom_field_{");
    key(&mut app, KeyCode::Tab);
    assert!(matches!(app.overlay(), Some(Overlay::FieldId { .. })));
    type_text(&mut app, "12");
    f3(&mut app);
    key(&mut app, KeyCode::Esc);
    match &app.overlay() {
        Some(Overlay::FieldId { input, .. }) => {
            assert_eq!(input.text(), "12", "Esc gives the typed text back")
        }
        other => panic!("expected the field id prompt, got {other:?}"),
    }
    f3(&mut app);
    type_text(&mut app, "sour");
    key(&mut app, KeyCode::Enter);
    assert!(screen_text(&draw(&app)).contains("→ Source (lead)"));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.composer().selection, vec!["custom_field_777_value_changed".to_string()]);
    fill(&mut app, CHOICES_AFTER, "");
    f3(&mut app);
    type_text(&mut app, "telefono");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.composer().fields.text(CHOICES_AFTER), "2");
}

#[test]
fn without_names_the_key_says_why_and_how_to_get_them() {
    let mut app = app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "");
    f3(&mut app);
    assert!(app.overlay().is_none(), "no empty box");
    let toast = app.toast().expect("a toast");
    assert!(toast.is_error);
    assert!(toast.text.contains("needs an admin token"), "{}", toast.text);
    assert!(toast.text.contains("--account-dir"), "{}", toast.text);
    // The fixed entities and `with` values need no account: their pickers open all the same.
    for (field, first) in [(DraftField::Entity, "lead"), (DraftField::With, "contact_name")] {
        fill(&mut app, field, "");
        f3(&mut app);
        match app.overlay() {
            Some(Overlay::Picker(open)) => assert_eq!(open.chosen().map(|c| c.value.as_str()), Some(first)),
            other => panic!("expected the picker on {field:?}, got {other:?}"),
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.composer().fields.text(field), first);
    }
}

#[test]
fn tab_completes_entity_and_with_values_then_moves_on() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::Entity, "lead, con");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().fields.text(DraftField::Entity), "lead, contact");
    assert_eq!(app.composer().fields.focused, DraftField::Entity, "a completion stays on the field");
    assert!(
        app.composer().composed.query.contains("filter[entity]=lead,contact"),
        "{}",
        app.composer().composed.query
    );
    key(&mut app, KeyCode::Tab);
    assert_ne!(app.composer().fields.focused, DraftField::Entity, "nothing left to complete: Tab moves on");
    fill(&mut app, DraftField::With, "lead_");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().fields.text(DraftField::With), "lead_name");
    fill(&mut app, DraftField::Entity, "");
    ctrl(&mut app, 'u');
    type_text(&mut app, "cat");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().fields.text(DraftField::Entity), "catalog_5", "the account's one catalog");
}

#[test]
fn the_key_does_nothing_on_fields_the_account_cannot_name() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::EntityId, "");
    f3(&mut app);
    assert!(app.overlay().is_none());
    assert!(app.toast().is_none());
}

#[test]
fn known_ids_show_their_names_after_the_text() {
    let mut app = named_app(Lang::En, 120, 40);
    select(&mut app, "lead_status_changed");
    fill(&mut app, DraftField::CreatedBy, "6410231, 99, 0");
    fill(&mut app, STAGE_AFTER, "41512866:142");
    fill(&mut app, DraftField::EntityId, "7");
    let text = screen_text(&draw(&app));
    assert!(text.contains("6410231, 99, 0  → Ana García, robot"), "{text}");
    assert!(text.contains("41512866:142  → Sales › Won"), "{text}");
    insta::assert_snapshot!("composer_names", text);
}

#[test]
fn names_are_cut_to_a_narrow_composer_and_never_overflow() {
    let mut app = named_app(Lang::En, 44, 30);
    fill(&mut app, DraftField::CreatedBy, "6410231,6410232");
    let text = screen_text(&draw(&app));
    let row = text.lines().find(|line| line.contains("6410231,6410232")).expect("the row");
    assert!(row.contains("→ Ana"), "{row}");
    assert!(row.contains('…'), "{row}");
    assert!(row.ends_with('│'), "the border stays: {row}");
}

#[test]
fn the_picker_lists_names_with_ids_and_highlights_what_matched() {
    let mut app = named_app(Lang::En, 100, 30);
    fill(&mut app, DraftField::CreatedBy, "6410233");
    f3(&mut app);
    type_text(&mut app, "a");
    let text = screen_with_styles(&draw(&app));
    assert!(text.contains("Users (2/4)"), "{text}");
    assert!(text.contains("✔ Eva Núñez · 6410233"), "held ids are marked: {text}");
    insta::assert_snapshot!("picker_users", text);
}

#[test]
fn the_picker_in_spanish_on_a_small_terminal() {
    let mut app = named_app(Lang::Es, 40, 12);
    select(&mut app, "lead_status_changed");
    fill(&mut app, STAGE_AFTER, "");
    f3(&mut app);
    let text = screen_text(&draw(&app));
    assert!(text.contains("Embudo › Etapa (3/3)"), "{text}");
    insta::assert_snapshot!("picker_stages_es_40x12", text);
}

#[test]
fn the_picker_draws_at_every_size_without_a_panic() {
    let mut app = named_app(Lang::En, 120, 40);
    fill(&mut app, DraftField::CreatedBy, "6410231");
    f3(&mut app);
    type_text(&mut app, "an");
    for width in 1..=70 {
        for height in 1..=24 {
            update(&mut app, Action::Resize { width, height });
            draw(&app);
        }
    }
    assert!(is_picker_open(&app));
}
