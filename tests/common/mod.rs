//! Shared test harness: an `App` driven by key presses, rendered on ratatui's `TestBackend`.
#![allow(dead_code)]

pub mod tmux;

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kommo_events::catalog::Catalog;
use kommo_events::filter::format::{FormatOptions, QueryFormat};
use kommo_events::i18n::Lang;
use kommo_events::search::index::TypeIndex;
use kommo_events::tui::action::{action_for_key, Action};
use kommo_events::tui::app::{App, Settings, Start};
use kommo_events::tui::composer::Zone;
use kommo_events::tui::theme::Theme;
use kommo_events::tui::update::{update, Effect};
use kommo_events::tui::view::render;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::Terminal;

/// A screen over the built-in catalog, dates in UTC, no colours (styles show as modifiers).
pub fn app(lang: Lang, width: u16, height: u16) -> App {
    app_with_catalog(Catalog::builtin(), lang, width, height)
}

/// A screen over any catalog, set up like [`app`].
pub fn app_with_catalog(catalog: Catalog, lang: Lang, width: u16, height: u16) -> App {
    started(catalog, Start::default(), lang, width, height)
}

/// A screen started with what the command line knows (an account, its names, saved history).
pub fn app_started(start: Start, lang: Lang, width: u16, height: u16) -> App {
    started(Catalog::builtin(), start, lang, width, height)
}

fn started(catalog: Catalog, start: Start, lang: Lang, width: u16, height: u16) -> App {
    let settings = Settings {
        lang,
        theme: Theme::monochrome(),
        zone: Zone::Fixed(0),
        format: QueryFormat::Query,
        output: FormatOptions::default(),
        notes: false,
        account: None,
    };
    let mut app = App::new(TypeIndex::new(catalog), settings, start, (width, height), Instant::now());
    update(&mut app, Action::Resize { width, height });
    app
}

/// Presses one key as the event loop would; returns the effect, if any.
pub fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Option<Effect> {
    let action = action_for_key(KeyEvent::new(code, modifiers), app.key_context())?;
    update(app, action)
}

/// Presses a key without modifiers.
pub fn key(app: &mut App, code: KeyCode) -> Option<Effect> {
    press(app, code, KeyModifiers::NONE)
}

/// Presses Ctrl + a letter.
pub fn ctrl(app: &mut App, letter: char) -> Option<Effect> {
    press(app, KeyCode::Char(letter), KeyModifiers::CONTROL)
}

/// Types text one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Draws the screen once.
pub fn draw(app: &App) -> Buffer {
    let (width, height) = app.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| render(app, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The screen as plain text, one line per row, trailing spaces trimmed.
pub fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let line: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<Vec<_>>().concat();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen with a marker line under every row that has styled cells, because the plain text
/// loses what styles mean: `^` = matched characters (bold+underline), `#` = cursor row (reversed).
pub fn screen_with_styles(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = Vec::new();
    for y in 0..area.height {
        let mut text = String::new();
        let mut marks = String::new();
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            text.push_str(cell.symbol());
            let modifier = cell.modifier;
            marks.push(if modifier.contains(Modifier::UNDERLINED) {
                '^'
            } else if modifier.contains(Modifier::REVERSED) {
                '#'
            } else {
                ' '
            });
        }
        out.push(text.trim_end().to_string());
        if !marks.trim().is_empty() {
            out.push(marks.trim_end().to_string());
        }
    }
    out.join("\n")
}

/// Focuses a composer row (moving down from the top, as a user would) and types into it.
pub fn fill(app: &mut App, field: kommo_events::tui::composer::DraftField, text: &str) {
    use kommo_events::tui::app::Focus;
    if app.focus() != Focus::Composer {
        ctrl(app, 'o');
    }
    let rows = app.composer().fields.rows(&app.composer().selection);
    assert!(rows.contains(&field), "{field:?} is not shown for {:?}", app.composer().selection);
    while app.composer().fields.focused != field {
        key(app, KeyCode::Down);
    }
    type_text(app, text);
}

/// Selects the type with exactly this code from the search.
pub fn select(app: &mut App, code: &str) {
    use kommo_events::tui::app::Focus;
    if app.focus() != Focus::Search {
        ctrl(app, 'o');
    }
    ctrl(app, 'u');
    type_text(app, &format!("^{code}$"));
    key(app, KeyCode::Tab);
    ctrl(app, 'u');
}
