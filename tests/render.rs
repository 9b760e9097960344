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
    assert!(text.contains("70/70"));
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
    assert_eq!(app.overlay, Some(Overlay::Help));
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
