//! Render tests: the real view functions drawn on ratatui's `TestBackend`, compared with
//! reviewed snapshots in tests/snapshots/.

mod common;

use common::{app, ctrl, draw, key, screen_text, screen_with_styles, type_text};
use crossterm::event::KeyCode;
use kommo_events::i18n::Lang;
use kommo_events::tui::app::Overlay;

#[test]
fn empty_search_shows_the_whole_catalog_by_group() {
    let app = app(Lang::En, 120, 40);
    let text = screen_text(&draw(&app));
    assert!(text.contains("82/82"));
    assert!(text.contains("▾ Leads  6/6"));
    insta::assert_snapshot!("empty_search", text);
}

#[test]
fn search_highlights_matched_characters() {
    let mut app = app(Lang::Es, 120, 30);
    type_text(&mut app, "compania");
    let text = screen_with_styles(&draw(&app));
    assert!(text.contains("Nueva compañía"));
    insta::assert_snapshot!("search_with_highlights", text);
}

#[test]
fn a_type_found_through_its_vocabulary_says_which_word_matched() {
    let mut app = app(Lang::Es, 120, 30);
    type_text(&mut app, "whatsapp");
    let text = screen_with_styles(&draw(&app));
    let row = text.lines().find(|line| line.contains("▶  incoming_chat_message")).expect("the row");
    assert!(row.contains("Mensaje de chat") && row.contains("  · whatsapp"), "{text}");
    insta::assert_snapshot!("search_vocabulary_match", text);
}

#[test]
fn a_word_with_swapped_letters_still_finds_its_type_after_the_real_matches() {
    let mut app = app(Lang::En, 120, 30);
    type_text(&mut app, "stage chnage");
    let text = screen_text(&draw(&app));
    let first = text.lines().find(|line| line.contains('▶')).expect("a highlighted row");
    assert!(first.contains("lead_status_changed") && first.contains("· stage change"), "{text}");
    insta::assert_snapshot!("search_typo_match", text);
}

#[test]
fn a_date_in_words_is_shown_resolved_beside_it_and_sent_resolved() {
    use kommo_events::filter::DraftField;
    use kommo_events::tui::app::Start;
    // Wednesday 2026-12-02 15:30:00 UTC.
    let start = Start { wall_clock: 1_796_225_400, ..Start::default() };
    let mut app = common::app_started(start, Lang::En, 120, 36);
    common::fill(&mut app, DraftField::CreatedFrom, "last week");
    let text = screen_text(&draw(&app));
    assert!(text.contains("last week  → 2026-11-23 … 2026-11-29"), "{text}");
    assert_eq!(app.composer().composed.query, "filter[created_at]=1795392000,1795996799");
    insta::assert_snapshot!("composer_date_in_words", text);
}

#[test]
fn today_moves_on_at_midnight_while_the_screen_is_open() {
    use kommo_events::filter::DraftField;
    use kommo_events::tui::app::Start;
    use kommo_events::tui::update::update;
    // Wednesday 2026-12-02 23:59:00 UTC.
    let start = Start { wall_clock: 1_796_255_940, ..Start::default() };
    let mut app = common::app_started(start, Lang::En, 120, 36);
    common::fill(&mut app, DraftField::CreatedFrom, "today");
    // 2026-12-02 00:00:00 … 23:59:59.
    assert_eq!(app.composer().composed.query, "filter[created_at]=1796169600,1796255999");
    let later = app.now() + std::time::Duration::from_secs(61);
    update(&mut app, kommo_events::tui::action::Action::Tick(later));
    assert_eq!(app.composer().composed.query, "filter[created_at]=1796256000,1796342399", "the new day");
    assert!(screen_text(&draw(&app)).contains("today  → 2026-12-03"));
}

#[test]
fn composer_shows_selection_fields_query_and_the_broken_rule() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "lead status");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "incoming call");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'o');
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    type_text(&mut app, "1,2,3,4,5,6,7,8,9,10,11");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    type_text(&mut app, "2026-01-01");
    key(&mut app, KeyCode::Down);
    type_text(&mut app, "2026-01-01");
    let text = screen_text(&draw(&app));
    assert!(text.contains("[lead_status_changed ×]"));
    assert!(text.contains("→ 1767225600"));
    assert!(text.contains("✗"), "the broken rule is shown");
    insta::assert_snapshot!("composer_with_error", text);
}

#[test]
fn help_overlay_lists_every_key() {
    let mut app = app(Lang::En, 120, 40);
    key(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay(), Some(&Overlay::Help));
    let text = screen_text(&draw(&app));
    for label in ["Tab", "Enter", "C-y", "C-o", "Esc", "C-c", "PgUp", "Home"] {
        assert!(text.contains(label), "help lists {label}");
    }
    insta::assert_snapshot!("help_overlay", text);
}

#[test]
fn small_terminal_keeps_search_list_and_footer() {
    let mut app = app(Lang::En, 40, 12);
    type_text(&mut app, "task");
    let text = screen_text(&draw(&app));
    assert!(text.contains("task_"));
    insta::assert_snapshot!("small_40x12", text);
}

#[test]
fn tiny_terminal_says_which_size_it_needs() {
    let app = app(Lang::En, 20, 5);
    let text = screen_text(&draw(&app));
    assert!(text.contains("30x8"), "{text}");
}

#[test]
fn spanish_interface_uses_spanish_words() {
    let mut app = app(Lang::Es, 120, 40);
    type_text(&mut app, "fusion");
    let text = screen_text(&draw(&app));
    assert!(text.contains("Tipos de evento"));
    assert!(text.contains("Fusión realizada"));
    insta::assert_snapshot!("spanish_fusion", text);
}

#[test]
fn field_id_prompt_asks_for_the_custom_field_id() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "'{FIELD_ID}");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "77a");
    key(&mut app, KeyCode::Enter);
    let text = screen_text(&draw(&app));
    assert!(text.contains("Digits only"), "{text}");
    insta::assert_snapshot!("field_id_prompt_rejects_letters", text);
}

mod value_filter_editors {
    use super::common::{app, draw, fill, screen_text, select};
    use kommo_events::filter::{Side, ValueKey};
    use kommo_events::i18n::Lang;
    use kommo_events::tui::composer::DraftField;

    fn value(side: Side, key: ValueKey) -> DraftField {
        DraftField::Value(side, key)
    }

    #[test]
    fn stage_editor_for_lead_status_changed() {
        let mut app = app(Lang::En, 120, 40);
        select(&mut app, "lead_status_changed");
        fill(&mut app, value(Side::Before, ValueKey::LeadsStatuses), "12345:99999999");
        fill(&mut app, value(Side::After, ValueKey::LeadsStatuses), "12345:142, 12345:143");
        let text = screen_text(&draw(&app));
        assert!(text.contains("Stage after"), "{text}");
        assert!(app
            .composer()
            .composed
            .query
            .contains("filter[value_after][leads_statuses][1][status_id]=143"));
        insta::assert_snapshot!("editor_leads_statuses", text);
    }

    #[test]
    fn responsible_editor_for_entity_responsible_changed() {
        let mut app = app(Lang::En, 120, 40);
        select(&mut app, "entity_responsible_changed");
        fill(&mut app, value(Side::After, ValueKey::ResponsibleUserId), "3231, 412314");
        assert!(app
            .composer()
            .composed
            .query
            .ends_with("filter[value_after][responsible_user_id]=3231,412314"));
        insta::assert_snapshot!("editor_responsible_user_id", screen_text(&draw(&app)));
    }

    #[test]
    fn enum_editor_for_one_custom_field_type() {
        let mut app = app(Lang::En, 120, 40);
        kommo_events::tui::update::update(
            &mut app,
            kommo_events::tui::action::Action::Load("filter[type]=custom_field_777777_value_changed".into()),
        );
        // The load's toast has gone by the time the user looks at the editor.
        let later = app.now() + kommo_events::tui::app::TOAST_TIME;
        kommo_events::tui::update::update(&mut app, kommo_events::tui::action::Action::Tick(later));
        fill(&mut app, value(Side::After, ValueKey::CustomFieldValues), "145,157");
        assert_eq!(
            app.composer().composed.query,
            "filter[type]=custom_field_777777_value_changed&filter[value_after][custom_field_values]=145,157"
        );
        insta::assert_snapshot!("editor_custom_field_values", screen_text(&draw(&app)));
    }

    #[test]
    fn value_editor_for_nps_checks_the_score() {
        let mut app = app(Lang::Es, 120, 40);
        select(&mut app, "nps_rate_added");
        fill(&mut app, value(Side::After, ValueKey::Value), "11");
        // A score of 11 is expected to match nothing; no source says Kommo rejects it: a warning.
        assert!(app.composer().composed.is_valid());
        assert!(app
            .composer()
            .composed
            .problems
            .iter()
            .any(|p| p.severity == kommo_events::filter::Severity::Warning));
        insta::assert_snapshot!("editor_value_nps_out_of_range", screen_text(&draw(&app)));
    }

    #[test]
    fn values_that_stop_applying_are_kept_and_marked() {
        let mut app = app(Lang::En, 120, 40);
        select(&mut app, "sale_field_changed");
        fill(&mut app, value(Side::After, ValueKey::Value), "155");
        // Another type instead: the request's own filter[type] now leaves the value out.
        select(&mut app, "sale_field_changed");
        select(&mut app, "lead_added");
        assert_eq!(app.composer().selection, ["lead_added"]);
        let text = screen_text(&draw(&app));
        assert!(text.contains("155") && text.contains("not applied"), "{text}");
        assert_eq!(app.composer().composed.query, "filter[type]=lead_added");
        insta::assert_snapshot!("editor_value_not_applied", text);
    }

    #[test]
    fn a_value_with_no_type_is_the_docs_form_applied_with_a_note() {
        let mut app = app(Lang::En, 120, 40);
        select(&mut app, "sale_field_changed");
        fill(&mut app, value(Side::After, ValueKey::Value), "155");
        select(&mut app, "sale_field_changed");
        assert!(app.composer().selection.is_empty());
        assert_eq!(app.composer().composed.query, "filter[value_after][value]=155");
        assert!(app.composer().composed.is_valid());
        let text = screen_text(&draw(&app));
        assert!(text.contains("ℹ filter[value_after][value]: with no filter[type]"), "{text}");
    }
}

#[test]
fn english_mode_shows_the_spanish_label_when_only_it_matched() {
    let mut app = app(Lang::En, 120, 30);
    type_text(&mut app, "compania");
    let text = screen_with_styles(&draw(&app));
    assert!(text.contains("Nueva compañía"), "{text}");
    assert!(text.lines().any(|line| line.contains("^^^^^^^^")), "matches are marked:\n{text}");
}

#[test]
fn each_output_format_in_the_preview() {
    use kommo_events::filter::format::QueryFormat;
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^lead_status_changed$");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    for format in QueryFormat::ALL {
        assert_eq!(app.settings().format, format);
        let text = screen_text(&draw(&app));
        assert!(text.contains(&format!("[{}]", format.name())), "{text}");
        insta::assert_snapshot!(format!("preview_format_{}", format.name()), text);
        ctrl(&mut app, 't');
    }
}
