//! README's key table lists every key the help lists: a key added to the binding table without a
//! word in README fails here.

use crossterm::event::{KeyCode, KeyModifiers};
use kommo_events::tui::action::BINDINGS;

/// How README writes a key: `Ctrl-P`, `Alt-A`, `F7`, `Shift-Tab`, `PgUp`, `` `?` ``.
fn written(code: KeyCode, modifiers: KeyModifiers) -> String {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    let alt = modifiers.contains(KeyModifiers::ALT);
    match code {
        KeyCode::Char(c) if ctrl => format!("Ctrl-{}", c.to_ascii_uppercase()),
        KeyCode::Char(c) if alt => format!("Alt-{}", c.to_ascii_uppercase()),
        KeyCode::Char(c) => format!("`{c}`"),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Backspace => "Backspace".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn readme_key_table_lists_every_key_of_the_help() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme.split("### Every key").nth(1).expect("README has the key table");
    let table = table.split("\n### ").next().unwrap_or(table);
    // `Ctrl-A/E/W/U/K` writes several keys at once.
    let table = table.replace("Ctrl-A/E/W/U/K", "Ctrl-A Ctrl-E Ctrl-W Ctrl-U Ctrl-K");
    let mut missing = Vec::new();
    for binding in BINDINGS.iter().filter(|binding| binding.in_help) {
        for &(code, modifiers) in binding.keys {
            let name = written(code, modifiers);
            if !table.contains(&name) {
                missing.push(format!("{name} ({})", binding.label));
            }
        }
    }
    assert!(missing.is_empty(), "README's key table lacks: {missing:?}");
}
