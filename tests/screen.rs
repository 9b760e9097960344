//! The screen's behaviour, driven key by key through `update` (no terminal needed).

mod common;

use common::{app, app_started, ctrl, draw, key, press, screen_text, type_text};
use crossterm::event::{KeyCode, KeyModifiers};
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{Focus, Overlay, Row, Start};
use kommo_events::tui::clipboard::{ClipboardError, CopyPath};
use kommo_events::tui::update::{update, Effect};

fn highlighted_code(app: &kommo_events::tui::app::App) -> Option<String> {
    app.highlighted().map(|hit| app.list().index.catalog().events()[hit.event].code().to_string())
}

#[test]
fn the_cursor_starts_on_the_best_match() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "fusion");
    assert_eq!(highlighted_code(&app).as_deref(), Some("entity_merged"));
    ctrl(&mut app, 'u');
    type_text(&mut app, "nueva compania");
    assert_eq!(highlighted_code(&app).as_deref(), Some("company_added"));
}

#[test]
fn tab_selects_and_moves_down_and_tab_again_unselects() {
    let mut app = app(Lang::En, 120, 40);
    let first = highlighted_code(&app).unwrap();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().selection, vec![first.clone()]);
    assert_ne!(highlighted_code(&app).unwrap(), first);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Tab);
    assert!(app.composer().selection.is_empty());
}

#[test]
fn shift_tab_selects_and_moves_up() {
    let mut app = app(Lang::En, 120, 40);
    key(&mut app, KeyCode::Down);
    let second = highlighted_code(&app).unwrap();
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.composer().selection, vec![second]);
    assert_eq!(highlighted_code(&app).as_deref(), Some("lead_added"));
}

#[test]
fn selection_is_kept_in_catalog_order_whatever_the_picking_order() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^task_added");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "^lead_added");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().selection, vec!["lead_added".to_string(), "task_added".to_string()]);
    assert_eq!(app.composer().composed.query, "filter[type]=lead_added,task_added");
}

#[test]
fn enter_accepts_with_the_query_and_the_broken_rules() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^lead_added");
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'o');
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    type_text(&mut app, "5");
    match key(&mut app, KeyCode::Enter) {
        Some(Effect::Accept { query, problems }) => {
            assert_eq!(query, "filter[type]=lead_added&filter[entity_id]=5");
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].contains("filter[entity_id]"), "{problems:?}");
        }
        other => panic!("expected Accept, got {other:?}"),
    }
}

#[test]
fn escape_leaves_the_composer_then_quits_from_the_search() {
    let mut app = app(Lang::En, 120, 40);
    ctrl(&mut app, 'o');
    assert_eq!(app.focus(), Focus::Composer);
    assert_eq!(key(&mut app, KeyCode::Esc), None);
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(key(&mut app, KeyCode::Esc), Some(Effect::Quit));
}

#[test]
fn ctrl_c_quits_even_with_an_overlay_open() {
    let mut app = app(Lang::En, 120, 40);
    key(&mut app, KeyCode::F(1));
    assert_eq!(ctrl(&mut app, 'c'), Some(Effect::Quit));
}

#[test]
fn ctrl_y_asks_to_copy_the_query_and_the_toast_says_which_way() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^lead_added");
    key(&mut app, KeyCode::Tab);
    assert_eq!(ctrl(&mut app, 'y'), Some(Effect::Copy("filter[type]=lead_added".into())));
    update(&mut app, Action::Copied(Ok(CopyPath::Osc52)));
    assert!(app.toast().unwrap().text.contains("OSC 52"));
    update(&mut app, Action::Copied(Ok(CopyPath::Native)));
    assert!(app.toast().unwrap().text.contains("Copied"));
    update(&mut app, Action::Copied(Err(ClipboardError::TimedOut)));
    let toast = app.toast().cloned().unwrap();
    assert!(toast.is_error && toast.text.contains("did not answer"), "{}", toast.text);
}

#[test]
fn toasts_expire() {
    let mut app = app(Lang::En, 120, 40);
    update(&mut app, Action::Copied(Ok(CopyPath::Native)));
    let until = app.toast().unwrap().until;
    update(&mut app, Action::Tick(until + std::time::Duration::from_millis(1)));
    assert_eq!(app.toast(), None);
}

#[test]
fn tab_on_a_group_header_folds_and_unfolds_it() {
    let mut app = app(Lang::En, 120, 40);
    key(&mut app, KeyCode::Home);
    assert!(matches!(app.list().rows[app.list().cursor], Row::Header { .. }));
    let rows = app.list().rows.len();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.list().rows.len(), rows - 6, "the six lead types are folded");
    assert!(screen_text(&draw(&app)).contains("▸ Leads  6/6"));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.list().rows.len(), rows);
}

#[test]
fn the_template_asks_for_a_numeric_field_id() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "'{FIELD_ID}");
    key(&mut app, KeyCode::Tab);
    assert!(matches!(app.overlay(), Some(Overlay::FieldId { .. })));
    type_text(&mut app, "12x");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay(), Some(Overlay::FieldId { rejected: true, .. })));
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay(), None);
    assert_eq!(app.composer().selection, vec!["custom_field_12_value_changed".to_string()]);
}

#[test]
fn the_per_field_type_with_another_type_is_an_error() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "'{FIELD_ID}");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "777");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    type_text(&mut app, "^lead_added");
    key(&mut app, KeyCode::Tab);
    assert!(!app.composer().composed.is_valid());
    assert_eq!(app.composer().composed.query, "filter[type]=lead_added,custom_field_777_value_changed");
}

#[test]
fn invalid_field_text_is_kept_as_typed_and_left_out_of_the_query() {
    let mut app = app(Lang::En, 120, 40);
    ctrl(&mut app, 'o');
    for _ in 0..3 {
        key(&mut app, KeyCode::Down);
    }
    type_text(&mut app, "12,abc");
    assert_eq!(app.composer().fields.text(kommo_events::tui::composer::DraftField::CreatedBy), "12,abc");
    assert!(app.composer().composed.error_of(kommo_events::tui::composer::DraftField::CreatedBy).is_some());
    assert_eq!(app.composer().composed.query, "");
}

#[test]
fn chips_are_removed_with_delete_in_the_composer() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^lead_");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.composer().selection.len(), 2);
    ctrl(&mut app, 'o');
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.composer().selection.len(), 1);
    assert!(app.toast().unwrap().text.starts_with("Removed"));
}

#[test]
fn page_down_moves_by_the_visible_rows_and_end_goes_to_the_last_row() {
    let mut app = app(Lang::En, 120, 20);
    key(&mut app, KeyCode::PageDown);
    assert!(app.list().cursor >= 10, "cursor {}", app.list().cursor);
    key(&mut app, KeyCode::End);
    assert_eq!(app.list().cursor, app.list().rows.len() - 1);
    assert!(app.list().scroll > 0);
    key(&mut app, KeyCode::Home);
    assert_eq!((app.list().cursor, app.list().scroll), (0, 0));
}

#[test]
fn a_click_highlights_the_row_under_the_mouse() {
    let mut app = app(Lang::En, 120, 40);
    // Row 3 is the list's border; row 4 the first line (the Leads header), row 6 its second type.
    let click = kommo_events::tui::view::click(&app, 10, 6).expect("a line of the list is there");
    update(&mut app, click);
    assert_eq!(highlighted_code(&app).as_deref(), Some("lead_deleted"));
}

#[test]
fn a_click_on_a_composer_row_focuses_that_field() {
    let mut app = app(Lang::En, 120, 40);
    let text = screen_text(&draw(&app));
    // The row whose composer line reads "Created by", found on the screen as drawn.
    let (row, line) =
        text.lines().enumerate().find(|(_, line)| line.contains("Created by")).expect("the row is shown");
    let label = line.find("Created by").expect("its label");
    let column = line[..label].chars().count() as u16;
    let click = kommo_events::tui::view::click(&app, column, row as u16).expect("a composer row is there");
    update(&mut app, click);
    assert_eq!(app.focus(), Focus::Composer);
    assert_eq!(app.composer().fields.focused, kommo_events::filter::DraftField::CreatedBy);
    assert_eq!(kommo_events::tui::view::click(&app, 0, 0), None, "the search box is no row");
}

#[test]
fn the_wheel_scrolls_the_list() {
    let mut app = app(Lang::En, 120, 40);
    let before = app.list().cursor;
    update(&mut app, Action::ScrollDown);
    assert_eq!(app.list().cursor, before + 3);
}

#[test]
fn ctrl_w_and_ctrl_a_edit_the_search_as_in_readline() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "lead status");
    ctrl(&mut app, 'w');
    assert_eq!(app.list().search.text(), "lead ");
    ctrl(&mut app, 'a');
    type_text(&mut app, "^");
    assert_eq!(app.list().search.text(), "^lead ");
}

#[test]
fn question_mark_opens_help_only_outside_text_fields() {
    let mut app = app(Lang::En, 120, 40);
    press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(app.list().search.text(), "?");
    assert_eq!(app.overlay(), None);
    ctrl(&mut app, 'o');
    press(&mut app, KeyCode::Char('?'), KeyModifiers::NONE);
    assert_eq!(app.overlay(), Some(&Overlay::Help));
}

#[test]
fn the_selection_is_marked_without_colour() {
    let mut app = app(Lang::En, 120, 40);
    key(&mut app, KeyCode::Tab);
    let text = screen_text(&draw(&app));
    assert!(text.lines().any(|line| line.contains("✔ lead_added")), "{text}");
}

#[test]
fn dates_show_the_unix_seconds_they_become() {
    let mut app = app(Lang::En, 120, 40);
    ctrl(&mut app, 'o');
    for _ in 0..5 {
        key(&mut app, KeyCode::Down);
    }
    type_text(&mut app, "2026-01-01");
    // An open start is written as 0 in the (default) comma form.
    assert_eq!(app.composer().composed.query, "filter[created_at]=0,1767311999");
    assert!(screen_text(&draw(&app)).contains("→ 1767311999"));
}

mod recent {
    use super::common::{app, app_started, ctrl, draw, fill, key, screen_text, select};
    use crossterm::event::KeyCode;
    use kommo_events::i18n::Lang;
    use kommo_events::state::{HistoryEntry, Snapshot, Used};
    use kommo_events::tui::action::Action;
    use kommo_events::tui::app::{Overlay, Start};
    use kommo_events::tui::composer::DraftField;
    use kommo_events::tui::update::update;
    use std::collections::BTreeMap;

    fn saved() -> Snapshot {
        Snapshot {
            selection: vec!["task_added".into(), "lead_added".into()],
            fields: BTreeMap::from([("entity".to_string(), "lead".to_string())]),
        }
    }

    #[test]
    fn ctrl_c_quits_from_the_recent_overlay_as_everywhere() {
        let mut app =
            app_started(Start { last_session: Some(saved()), ..Start::default() }, Lang::En, 120, 30);
        ctrl(&mut app, 'r');
        assert_eq!(app.overlay(), Some(&Overlay::Recent { cursor: 0 }));
        assert_eq!(ctrl(&mut app, 'c'), Some(kommo_events::tui::update::Effect::Quit));
    }

    #[test]
    fn a_snapshot_holds_the_selection_and_every_typed_field() {
        let mut app = app(Lang::En, 120, 40);
        select(&mut app, "lead_status_changed");
        fill(
            &mut app,
            DraftField::Value(
                kommo_events::filter::Side::After,
                kommo_events::filter::ValueKey::LeadsStatuses,
            ),
            "1:142",
        );
        let snapshot = app.snapshot();
        assert_eq!(snapshot.selection, vec!["lead_status_changed".to_string()]);
        assert_eq!(snapshot.fields.get("value_after.leads_statuses").map(String::as_str), Some("1:142"));
    }

    #[test]
    fn restoring_brings_back_selection_and_fields_in_catalog_order() {
        let mut app = app(Lang::En, 120, 40);
        update(&mut app, Action::Restore(saved()));
        assert_eq!(app.composer().selection, vec!["lead_added".to_string(), "task_added".to_string()]);
        assert_eq!(app.composer().fields.text(DraftField::Entity), "lead");
        assert_eq!(app.composer().composed.query, "filter[type]=lead_added,task_added&filter[entity]=lead");
        assert!(app.toast().unwrap().text.starts_with("Restored"));
    }

    #[test]
    fn ctrl_r_lists_the_last_session_and_recent_queries_and_enter_restores() {
        let history = vec![HistoryEntry {
            query: "filter[type]=incoming_call".into(),
            at: 1_767_225_600,
            used: Used::Copied,
            snapshot: Snapshot { selection: vec!["incoming_call".into()], fields: BTreeMap::new() },
        }];
        let start = Start { last_session: Some(saved()), history, ..Start::default() };
        let mut app = app_started(start, Lang::En, 120, 30);
        ctrl(&mut app, 'r');
        assert_eq!(app.overlay(), Some(&Overlay::Recent { cursor: 0 }));
        key(&mut app, KeyCode::Down);
        let text = screen_text(&draw(&app));
        assert!(text.contains("Last session — types: 2, fields: 1"), "{text}");
        assert!(text.contains("2026-01-01 00:00  copied   filter[type]=incoming_call"), "{text}");
        insta::assert_snapshot!("recent_overlay", text);
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay(), None);
        assert_eq!(app.composer().selection, vec!["incoming_call".to_string()]);
    }

    #[test]
    fn an_empty_recent_list_says_how_to_fill_it() {
        let mut app = app(Lang::En, 120, 30);
        ctrl(&mut app, 'r');
        let text = screen_text(&draw(&app));
        assert!(text.contains("No saved session or recent query yet"), "{text}");
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.overlay(), None);
    }
}

mod load_and_formats {
    use super::common::{app, ctrl, key, type_text};
    use crossterm::event::KeyCode;
    use kommo_events::filter::format::QueryFormat;
    use kommo_events::filter::{ListStyle, RangeStyle};
    use kommo_events::i18n::Lang;
    use kommo_events::tui::action::Action;
    use kommo_events::tui::app::Overlay;
    use kommo_events::tui::clipboard::ClipboardError;
    use kommo_events::tui::composer::DraftField;
    use kommo_events::tui::update::{update, Effect};

    const PASTED: &str =
        "https://acme.kommo.com/api/v4/events?filter[type][]=lead_added&filter[type][]=task_added\
                          &filter[created_at]=1767225600,1767311999&limit=50";

    #[test]
    fn loading_a_url_fills_selection_fields_and_keeps_its_styles() {
        let mut app = app(Lang::En, 120, 40);
        update(&mut app, Action::Load(PASTED.into()));
        assert_eq!(app.composer().selection, vec!["lead_added".to_string(), "task_added".to_string()]);
        assert_eq!(app.composer().fields.text(DraftField::Limit), "50");
        assert_eq!(app.settings().output.encode.list_style, ListStyle::Brackets);
        assert_eq!(app.settings().output.encode.range_style, RangeStyle::Comma);
        assert_eq!(
            app.composer().composed.query,
            "filter[type][]=lead_added&filter[type][]=task_added&filter[created_at]=1767225600,1767311999&limit=50"
        );
        assert!(app.toast().unwrap().text.starts_with("Loaded — types: 2"));
    }

    #[test]
    fn ctrl_v_reads_the_clipboard_into_a_prompt_and_enter_loads_it() {
        let mut app = app(Lang::En, 120, 40);
        assert_eq!(ctrl(&mut app, 'v'), Some(Effect::ReadClipboard));
        update(&mut app, Action::Pasted(Ok(format!("  {PASTED}\n"))));
        assert!(
            matches!(app.overlay(), Some(Overlay::LoadQuery { input, note: None }) if input.text() == PASTED)
        );
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.overlay(), None);
        assert_eq!(app.composer().selection.len(), 2);
    }

    #[test]
    fn an_unreadable_clipboard_opens_an_empty_prompt_that_says_why() {
        let mut app = app(Lang::En, 120, 40);
        update(&mut app, Action::Pasted(Err(ClipboardError::Unavailable("no display".into()))));
        assert!(
            matches!(app.overlay(), Some(Overlay::LoadQuery { input, note: Some(n) }) if input.is_empty() && n.contains("no display"))
        );
        type_text(&mut app, "filter[entity]=lead");
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.composer().composed.query, "filter[entity]=lead");
    }

    #[test]
    fn a_query_with_mistakes_loads_what_it_can_and_says_what_it_could_not() {
        let mut app = app(Lang::En, 120, 40);
        update(
            &mut app,
            Action::Load("filter[entity_id]=1,x&filter[value_after][lead_status][0][id]=3&foo=bar".into()),
        );
        let toast = app.toast().cloned().unwrap();
        assert!(toast.is_error, "{}", toast.text);
    }

    #[test]
    fn ctrl_t_cycles_the_output_format_and_enter_prints_it() {
        let mut app = app(Lang::En, 120, 40);
        type_text(&mut app, "^incoming_call$");
        key(&mut app, KeyCode::Tab);
        ctrl(&mut app, 't');
        assert_eq!(app.settings().format, QueryFormat::Encoded);
        assert_eq!(app.composer().composed.output, "filter%5Btype%5D=incoming_call");
        ctrl(&mut app, 't');
        assert_eq!(app.settings().format, QueryFormat::Url);
        match key(&mut app, KeyCode::Enter) {
            Some(Effect::Accept { query, .. }) => {
                assert_eq!(query, "https://YOUR_SUBDOMAIN.kommo.com/api/v4/events?filter[type]=incoming_call")
            }
            other => panic!("expected Accept, got {other:?}"),
        }
        // Curl, httpie, json, php, python, js, then the query again.
        for _ in 0..7 {
            ctrl(&mut app, 't');
        }
        assert_eq!(app.settings().format, QueryFormat::Query, "the cycle wraps around");
    }
}

#[test]
fn a_history_that_cannot_be_saved_is_an_error_toast_not_an_exit() {
    let mut app = app(Lang::En, 120, 40);
    assert_eq!(update(&mut app, Action::HistoryNotSaved("disk full".into())), None);
    let toast = app.toast().cloned().unwrap();
    assert!(toast.is_error && toast.text.contains("recent queries") && toast.text.contains("disk full"));
}

#[test]
fn the_help_scrolls_on_a_short_terminal_and_stops_at_its_end() {
    let mut app = app(Lang::En, 100, 20);
    key(&mut app, KeyCode::F(1));
    let first = screen_text(&draw(&app));
    assert!(first.contains("more lines"), "a short help says there is more:\n{first}");
    for _ in 0..200 {
        key(&mut app, KeyCode::Down);
    }
    let end = app.help_scroll();
    key(&mut app, KeyCode::Down);
    assert_eq!(app.help_scroll(), end, "scrolling stops at the last line");
    let last = screen_text(&draw(&app));
    assert!(last.contains("Esc, F1 or ? closes this help"), "{last}");
    key(&mut app, KeyCode::PageUp);
    assert!(app.help_scroll() < end);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
}

#[test]
fn an_unknown_type_loaded_from_a_query_is_marked_in_the_types_row_with_a_suggestion() {
    let mut app = app(Lang::En, 120, 40);
    update(&mut app, Action::Load("filter[type]=lead_addd,lead_added".into()));
    ctrl(&mut app, 'o');
    let text = screen_text(&draw(&app));
    assert!(text.contains("[lead_added ×] [? lead_addd ×]"), "{text}");
    assert!(text.contains("⚠ filter[type]: lead_addd is not a known type"), "{text}");
    let said: Vec<String> = app
        .composer()
        .composed
        .problems
        .iter()
        .map(|problem| kommo_events::i18n::filter_messages::problem(problem, Lang::En))
        .collect();
    assert_eq!(said, ["filter[type]: lead_addd is not a known type — did you mean lead_added?"]);
    // Still a warning: the query can be printed and run.
    assert!(app.composer().composed.is_valid());
    assert_eq!(app.composer().composed.query, "filter[type]=lead_added,lead_addd");
}

#[test]
fn the_docs_example_of_a_stage_filter_without_types_loads_and_applies() {
    let mut app = app(Lang::En, 120, 40);
    let example = "filter[value_after][leads_statuses][0][pipeline_id]=12345&filter[value_after][leads_statuses][0][status_id]=99999999";
    update(&mut app, Action::Load(example.into()));
    assert_eq!(app.composer().composed.query, example);
    assert!(app.composer().composed.is_valid());
    ctrl(&mut app, 'o');
    let text = screen_text(&draw(&app));
    assert!(text.contains("12345:99999999"), "the loaded value shows in its row:\n{text}");
    assert!(text.contains("ℹ filter[value_after][leads_statuses]: with no filter[type]"), "{text}");
}

#[test]
fn a_pasted_query_keeps_what_failed_in_its_field_and_names_unknown_keys_until_the_next_load() {
    let mut app = app(Lang::En, 120, 40);
    update(
        &mut app,
        Action::Load("filter[entity]=lead&filter[entity_id]=5,abc&filter[typ]=lead_added".into()),
    );
    assert_eq!(app.composer().fields.text(kommo_events::tui::composer::DraftField::EntityId), "5, abc");
    ctrl(&mut app, 'o');
    let text = screen_text(&draw(&app));
    assert!(text.contains("5, abc"), "the value is kept as typed:\n{text}");
    assert!(text.contains("⚠ Not understood, kept: filter[typ]=lead_added — did you mean"), "{text}");
    // It lasts: editing another field does not make it go away.
    key(&mut app, KeyCode::Down);
    type_text(&mut app, "x");
    assert!(screen_text(&draw(&app)).contains("filter[typ]=lead_added"));
    // The next load replaces it.
    update(&mut app, Action::Load("filter[type]=lead_added".into()));
    assert!(!screen_text(&draw(&app)).contains("filter[typ]"));
}

#[test]
fn customer_status_changed_shows_the_customer_stage_rows_and_composes_them() {
    use kommo_events::catalog::ValueKey;
    use kommo_events::filter::Side;
    use kommo_events::tui::composer::DraftField;
    let mut app = app(Lang::En, 120, 40);
    common::select(&mut app, "customer_status_changed");
    let after = DraftField::Value(Side::After, ValueKey::CustomersStatuses);
    assert!(app.composer().fields.rows(&app.composer().selection).contains(&after));
    common::fill(&mut app, after, "135751");
    assert_eq!(
        app.composer().composed.query,
        "filter[type]=customer_status_changed&filter[value_after][customers_statuses][0][status_id]=135751"
    );
    let text = screen_text(&draw(&app));
    assert!(text.contains("Cust.st. after") && text.contains("135751"), "{text}");
}

#[test]
fn details_say_where_a_type_beyond_kommos_list_comes_from() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "^invoice_paid$");
    let text = screen_text(&draw(&app));
    assert!(text.contains("Source") && text.contains("seen in live accounts"), "{text}");
    let mut spanish = app_es();
    type_text(&mut spanish, "^customer_added$");
    let text = screen_text(&draw(&spanish));
    assert!(text.contains("Fuente") && text.contains("documentación de amoCRM"), "{text}");
    // Kommo's own types say nothing more.
    ctrl(&mut app, 'u');
    type_text(&mut app, "^lead_added$");
    assert!(!screen_text(&draw(&app)).contains("Source "));
}

fn app_es() -> kommo_events::tui::app::App {
    app(Lang::Es, 120, 40)
}

#[test]
fn while_f7_refreshes_the_status_line_names_the_route_being_fetched() {
    let mut app = app_started(Start { names_blocked: None, ..Start::default() }, Lang::En, 120, 30);
    assert_eq!(update(&mut app, Action::RefreshNames), Some(Effect::RefreshNames));
    update(&mut app, Action::NamesFetching(kommo_events::account::Part::Users));
    let text = screen_text(&draw(&app));
    assert!(text.contains("/api/v4/users"), "{text}");
}

#[test]
fn alt_a_selects_every_match_and_alt_g_a_group_and_each_undoes_itself() {
    let mut app = app(Lang::En, 120, 40);
    type_text(&mut app, "'call");
    press(&mut app, KeyCode::Char('a'), KeyModifiers::ALT);
    assert_eq!(app.composer().selection, vec!["incoming_call".to_string(), "outgoing_call".to_string()]);
    assert!(app.toast().is_some_and(|toast| toast.text.starts_with("Selected 2 types")));
    press(&mut app, KeyCode::Char('a'), KeyModifiers::ALT);
    assert!(app.composer().selection.is_empty(), "the same key unselects them");
    assert!(app.toast().is_some_and(|toast| toast.text == "Unselected 2 types."));

    ctrl(&mut app, 'u');
    type_text(&mut app, "^lead_");
    press(&mut app, KeyCode::Char('g'), KeyModifiers::ALT);
    assert_eq!(app.composer().selection.len(), 6, "{:?}", app.composer().selection);
    assert!(app.composer().selection.iter().all(|code| code.starts_with("lead_")));
    assert!(app.composer().composed.query.starts_with("filter[type]=lead_added,lead_deleted,"));
    press(&mut app, KeyCode::Char('g'), KeyModifiers::ALT);
    assert!(app.composer().selection.is_empty());
}

#[test]
fn a_field_error_names_its_field_and_a_clipboard_reason_is_one_clause_in_the_users_language() {
    let mut app = app(Lang::En, 120, 40);
    common::fill(&mut app, kommo_events::filter::DraftField::CreatedBy, "5, abc");
    let text = screen_text(&draw(&app));
    assert!(text.contains("✗ Created by: \"abc\" (item 2)"), "{text}");

    let mut app = app_started(Start::default(), Lang::Es, 120, 40);
    update(&mut app, Action::Copied(Err(ClipboardError::NoSystemClipboard)));
    let toast = app.toast().expect("a toast").text.clone();
    assert!(
        toast.starts_with("No se pudo copiar: no hay portapapeles del sistema aquí (SSH o sin pantalla)."),
        "{toast}"
    );
    assert_eq!(toast.matches("portapapeles del sistema").count(), 1, "said once: {toast}");
}

#[test]
fn chips_past_the_edge_are_counted_and_scroll_with_the_highlight() {
    let mut app = app(Lang::En, 80, 30);
    ctrl(&mut app, 'u');
    type_text(&mut app, "^lead_ | ^contact_");
    press(&mut app, KeyCode::Char('a'), KeyModifiers::ALT);
    assert_eq!(app.composer().selection.len(), 11);
    ctrl(&mut app, 'o');
    let types_row = |app: &kommo_events::tui::app::App| {
        let text = screen_text(&draw(app));
        text.lines().find(|line| line.contains("Types")).expect("the Types row").to_string()
    };
    let first = types_row(&app);
    assert!(first.contains("[lead_added ×]") && first.contains("more"), "{first}");
    assert!(!first.contains('‹'), "nothing is left out before the first chip: {first}");
    key(&mut app, KeyCode::End);
    let last = types_row(&app);
    assert!(last.contains("[contact_unlinked ×]") && last.contains('‹'), "{last}");
    assert!(!last.contains("more"), "{last}");
    key(&mut app, KeyCode::Delete);
    assert!(!app.composer().selection.contains(&"contact_unlinked".to_string()), "the chip on screen went");
    assert_eq!(app.composer().selection.len(), 10);
}

#[test]
fn typing_on_the_types_row_goes_to_the_search() {
    let mut app = app(Lang::En, 120, 40);
    ctrl(&mut app, 'o');
    assert_eq!(app.focus(), Focus::Composer);
    type_text(&mut app, "nps");
    assert_eq!(app.focus(), Focus::Search);
    assert_eq!(app.list().search.text(), "nps");
    assert_eq!(highlighted_code(&app).as_deref(), Some("nps_rate_added"));
}
