//! The screen at every size and in every state renders without a panic, says which size it needs
//! when it is too small, and keeps wide text (accents, CJK, emoji) inside its borders.

mod common;

use common::{app, app_with_catalog, ctrl, draw, key, screen_text, type_text};
use crossterm::event::KeyCode;
use kommo_events::catalog::Catalog;
use kommo_events::i18n::Lang;
use kommo_events::tui::action::Action;
use kommo_events::tui::app::{App, Focus, Overlay};
use kommo_events::tui::clipboard::ClipboardError;
use kommo_events::tui::layout::{areas, MIN_HEIGHT, MIN_WIDTH};
use kommo_events::tui::update::{update, Effect};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

/// Every size from 1x1 to 60x20, and odd ones around the layout's thresholds and far beyond.
fn sizes() -> Vec<(u16, u16)> {
    let mut sizes: Vec<(u16, u16)> = (1..=60).flat_map(|w| (1..=20).map(move |h| (w, h))).collect();
    sizes.extend([
        (1, 100),
        (2, 61),
        (250, 1),
        (250, 2),
        (29, 7),
        (30, 8),
        (99, 19),
        (99, 20),
        (100, 19),
        (100, 20),
        (101, 21),
        (120, 40),
        (333, 97),
    ]);
    sizes
}

fn resize(app: &mut App, (width, height): (u16, u16)) {
    update(app, Action::Resize { width, height });
}

/// The screen states worth drawing: each focus and overlay, empty and full lists, errors, a toast.
fn states() -> Vec<(&'static str, App)> {
    let mut states = Vec::new();
    states.push(("fresh", app(Lang::En, 80, 24)));

    let mut no_match = app(Lang::Es, 80, 24);
    type_text(&mut no_match, "zzzzqqq no existe");
    states.push(("no matches", no_match));

    let mut scrolled = app(Lang::En, 80, 24);
    key(&mut scrolled, KeyCode::End);
    states.push(("cursor on the last row", scrolled));

    let mut folded = app(Lang::En, 80, 24);
    key(&mut folded, KeyCode::Home);
    key(&mut folded, KeyCode::Tab);
    states.push(("folded group", folded));

    let mut composer = app(Lang::En, 80, 24);
    type_text(&mut composer, "lead");
    for _ in 0..4 {
        key(&mut composer, KeyCode::Tab);
    }
    ctrl(&mut composer, 'o');
    key(&mut composer, KeyCode::Down);
    type_text(&mut composer, "lead");
    key(&mut composer, KeyCode::Down);
    type_text(&mut composer, "1,2,3,4,5,6,7,8,9,10,11,12,x");
    key(&mut composer, KeyCode::Down);
    key(&mut composer, KeyCode::Down);
    type_text(&mut composer, "2026-13-45 99:99");
    assert_eq!(composer.focus(), Focus::Composer);
    states.push(("composer with errors", composer));

    let mut chips = app(Lang::Es, 80, 24);
    for _ in 0..12 {
        key(&mut chips, KeyCode::Tab);
    }
    ctrl(&mut chips, 'o');
    states.push(("composer on the chips", chips));

    let mut help = app(Lang::Es, 80, 24);
    key(&mut help, KeyCode::F(1));
    assert_eq!(help.overlay(), Some(&Overlay::Help));
    states.push(("help", help));

    let mut prompt = app(Lang::En, 80, 24);
    type_text(&mut prompt, "'{FIELD_ID}");
    key(&mut prompt, KeyCode::Tab);
    type_text(&mut prompt, &"9".repeat(120));
    type_text(&mut prompt, "x");
    key(&mut prompt, KeyCode::Enter);
    assert!(matches!(prompt.overlay(), Some(&Overlay::FieldId { rejected: true, .. })));
    states.push(("field id prompt, rejected", prompt));

    let mut toast = app(Lang::En, 80, 24);
    type_text(&mut toast, "incoming");
    key(&mut toast, KeyCode::Tab);
    let reason = "X11 server connection timed out because it was unreachable ".repeat(3);
    update(&mut toast, Action::Copied(Err(ClipboardError::Unavailable(reason))));
    assert!(toast.toast().is_some());
    states.push(("error toast", toast));
    states
}

#[test]
fn every_size_from_1x1_to_60x20_and_odd_sizes_render_in_every_state_without_a_panic() {
    for (name, mut app) in states() {
        for size in sizes() {
            resize(&mut app, size);
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(&app)));
            assert!(result.is_ok(), "state {name:?} panicked at {}x{}", size.0, size.1);
        }
    }
}

#[test]
fn below_the_minimum_the_screen_says_which_size_it_needs() {
    let needed = format!("{MIN_WIDTH}x{MIN_HEIGHT}");
    for lang in [Lang::En, Lang::Es] {
        for (width, height) in sizes() {
            if width >= MIN_WIDTH && height >= MIN_HEIGHT || width < 4 {
                continue;
            }
            let mut app = app(lang, 80, 24);
            resize(&mut app, (width, height));
            let text = screen_text(&draw(&app)).replace('\n', "");
            assert!(text.contains(&needed), "{width}x{height} does not say {needed}:\n{text}");
        }
    }
    // Where it fits, the whole sentence with the current size.
    let mut app = app(Lang::En, 80, 24);
    resize(&mut app, (29, 7));
    let text = screen_text(&draw(&app)).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("needs at least 30x8") && text.contains("29x7"), "{text}");
}

#[test]
fn the_minimum_size_shows_search_list_and_footer() {
    let mut app = app(Lang::En, 80, 24);
    resize(&mut app, (MIN_WIDTH, MIN_HEIGHT));
    let text = screen_text(&draw(&app));
    assert!(text.contains("Search") && text.contains("Event types"), "{text}");
    assert!(!text.contains("too small"), "{text}");
}

const WIDE_CATALOG: &str = r#"{
  "version": 1,
  "groups": [
    { "id": "wide", "label_en": "Ñandú & café ☕ 日本語のグループ", "label_es": "Ñandú y café ☕ 日本語のグループ" }
  ],
  "events": [
    { "code": "accent_added", "group": "wide",
      "label_es": "Compañía añadida: acción rápida en el embudo de ventas",
      "label_en": "Compañía añadida: acción rápida en el embudo de ventas",
      "description_en": "Wide text.", "description_es": "Texto ancho." },
    { "code": "cjk_added", "group": "wide",
      "label_es": "顧客が追加されました（長いラベルのテストです、切り詰められるはず）",
      "label_en": "顧客が追加されました（長いラベルのテストです、切り詰められるはず）",
      "description_en": "全角の説明文。", "description_es": "全角の説明文。" },
    { "code": "emoji_added", "group": "wide",
      "label_es": "Nuevo 🚀 lanzamiento 🎉 con ❤️ y 👨‍👩‍👧 familia 👍🏽 al final",
      "label_en": "New 🚀 launch 🎉 with ❤️ and 👨‍👩‍👧 family 👍🏽 at the end",
      "description_en": "Emoji 🚀.", "description_es": "Emoji 🚀." },
    { "code": "combining_added", "group": "wide",
      "label_es": "Cafe\u0301 y jalapen\u0303o con acentos combinados, muy largo para la lista",
      "label_en": "Cafe\u0301 and jalapen\u0303o with combining accents, far too long for the list",
      "description_en": "Combining marks.", "description_es": "Marcas combinadas." },
    { "code": "hangul_added", "group": "wide",
      "label_es": "한국어 이벤트 레이블이 매우 길어서 잘려야 합니다",
      "label_en": "한국어 이벤트 레이블이 매우 길어서 잘려야 합니다",
      "description_en": "Hangul.", "description_es": "Hangul." }
  ]
}"#;

fn wide_app(lang: Lang, width: u16, height: u16) -> App {
    let catalog = Catalog::from_json(WIDE_CATALOG, "wide.json").expect("the test catalog is valid");
    let mut app = app_with_catalog(catalog, lang, width, height);
    resize(&mut app, (width, height));
    app
}

/// The symbols of row `y` at the columns a terminal draws them: a wide symbol covers the next
/// column, whose cell is skipped (as ratatui's backends do).
fn drawn_row(buffer: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut drawn = Vec::new();
    let mut x = 0;
    while x < buffer.area.width {
        let symbol = buffer[(x, y)].symbol().to_string();
        let width = symbol.width().max(1) as u16;
        drawn.push((x, symbol));
        x += width;
    }
    drawn
}

/// Every row of `pane` has its left and right border where they belong, and nothing drawn
/// before the right border reaches into it.
fn assert_borders_aligned(buffer: &Buffer, pane: Rect, what: &str) {
    let right = pane.right() - 1;
    for y in pane.top()..pane.bottom() {
        let row = drawn_row(buffer, y);
        let at = |column: u16| row.iter().find(|(x, _)| *x == column).map(|(_, s)| s.as_str());
        let text: String = row.iter().map(|(_, s)| s.as_str()).collect();
        assert!(
            matches!(at(pane.left()), Some("│" | "┌" | "└")),
            "{what}: left border missing on row {y}: {text}"
        );
        assert!(
            matches!(at(right), Some("│" | "┐" | "┘")),
            "{what}: right border not at column {right} on row {y}: {text}"
        );
        for (x, symbol) in &row {
            if *x < right {
                assert!(
                    x + symbol.width() as u16 <= right,
                    "{what}: {symbol:?} at {x} overlaps the border: {text}"
                );
            }
        }
    }
}

#[test]
fn wide_labels_are_cut_by_display_width_and_keep_the_borders_aligned() {
    for lang in [Lang::En, Lang::Es] {
        for (width, height) in [(30, 8), (41, 12), (57, 16), (80, 24), (99, 30), (100, 30), (133, 40)] {
            let app = wide_app(lang, width, height);
            let buffer = draw(&app);
            let panes = areas(buffer.area, app.focus(), app.details()).expect("big enough");
            let what = format!("{width}x{height} {lang:?}");
            let list = panes.list.expect("the list is shown");
            assert_borders_aligned(&buffer, list, &format!("list {what}"));
            assert_borders_aligned(&buffer, panes.search, &format!("search {what}"));
            if let Some(detail) = panes.detail {
                assert_borders_aligned(&buffer, detail, &format!("detail {what}"));
            }
            let text = visible_text(&buffer);
            if width < 80 {
                assert!(text.contains("…"), "long labels are cut with an ellipsis at {what}:\n{text}");
            }
            if list.height >= 2 + 6 {
                for label in ["顧客", "Compañía", "한국어", "🚀"] {
                    assert!(text.contains(label), "{label} shown at {what}:\n{text}");
                }
            }
        }
    }
}

/// The screen as a terminal shows it: covered cells after wide symbols are skipped.
fn visible_text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| drawn_row(buffer, y).into_iter().map(|(_, s)| s).collect::<String>().trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wide_labels_are_whole_graphemes_on_screen() {
    let app = wide_app(Lang::Es, 200, 30);
    let text = visible_text(&draw(&app));
    // The accent stays on its letter, the family stays one symbol.
    assert!(text.contains("Cafe\u{301} y jalapen\u{303}o"), "{text}");
    assert!(text.contains("👨\u{200d}👩\u{200d}👧"), "{text}");
}

#[test]
fn wide_text_in_the_search_keeps_the_borders_aligned() {
    let mut app = wide_app(Lang::En, 40, 12);
    type_text(&mut app, "顧客が追加されました顧客が追加されました🚀🚀🚀");
    let buffer = draw(&app);
    let panes = areas(buffer.area, app.focus(), app.details()).expect("big enough");
    assert_borders_aligned(&buffer, panes.search, "search with wide text");
}

#[test]
fn a_test_backend_resize_redraws_the_whole_screen() {
    // The same terminal object through a series of sizes, as the event loop does on resize events.
    let mut app = app(Lang::En, 80, 24);
    let mut terminal = Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test backend");
    for (width, height) in [(120, 40), (1, 1), (29, 7), (45, 13), (200, 3), (87, 23)] {
        terminal.backend_mut().resize(width, height);
        resize(&mut app, (width, height));
        terminal.draw(|frame| kommo_events::tui::view::render(&app, frame)).expect("draw");
        let fresh = screen_text(&draw(&app));
        assert_eq!(screen_text(terminal.backend().buffer()), fresh, "{width}x{height}");
    }
}

#[test]
fn a_failed_copy_shows_the_reason_and_keeps_the_query_on_screen_and_for_enter() {
    let failures = [
        ClipboardError::Unavailable("DISPLAY is not set".into()),
        ClipboardError::TimedOut,
        ClipboardError::Terminal("Broken pipe (os error 32)".into()),
    ];
    for failure in failures {
        let mut app = app(Lang::En, 140, 36);
        type_text(&mut app, "incoming_call");
        key(&mut app, KeyCode::Tab);
        let reason = failure.to_string();
        update(&mut app, Action::Copied(Err(failure)));
        let text = screen_text(&draw(&app));
        assert!(text.contains(&format!("Could not copy: {reason}")), "{text}");
        assert!(text.contains("filter[type]=incoming_call"), "the query stays on screen:\n{text}");
        let effect = key(&mut app, KeyCode::Enter);
        assert!(
            matches!(effect, Some(Effect::Accept { ref query, .. }) if query == "filter[type]=incoming_call"),
            "{effect:?}"
        );
    }
}
