//! A large account's catalog through the real paths: a synthetic `GET /api/v4/events/types`
//! answer written to a file, loaded by `--catalog` in the binary and by `catalog::load` in the
//! screen, which must rank alike.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use kommo_events::catalog::{self, synthetic};
use kommo_events::i18n::Lang;
use kommo_events::tui::app::Row;

/// Large enough to take the parallel paths (8,192 types and more), small enough for a debug build.
const TYPES: usize = 10_000;

fn answer_file(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kommo-large-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("types.json");
    std::fs::write(&path, synthetic::kommo_answer_json(TYPES)).expect("write the answer");
    path
}

/// `search QUERY --catalog FILE`: the codes, best first.
fn searched(file: &PathBuf, query: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["search", query, "--catalog"])
        .arg(file)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_string).collect()
}

/// The screen over the same file, after typing `query` key by key: the codes of the list rows.
fn screen_rows(file: &PathBuf, query: &str) -> Vec<String> {
    let catalog = catalog::load(&[file]).expect("the answer loads");
    let mut app = common::app_with_catalog(catalog, Lang::Es, 200, 50);
    common::type_text(&mut app, query);
    let events = app.list().index.catalog().events();
    (0..app.list().rows.len())
        .filter(|&row| matches!(app.list().rows[row], Row::Event { .. }))
        .map(|row| events[app.hit_at(row).expect("an event row").event].code().to_string())
        .collect()
}

#[test]
fn search_and_the_screen_rank_a_large_catalog_alike() {
    let file = answer_file("rank");
    for query in ["telefono movil", "^lead_ !nunez", "campo | correo"] {
        let search = searched(&file, query);
        let screen = screen_rows(&file, query);
        assert!(!search.is_empty(), "{query:?} matches something");
        // The same types; the top row is the best hit; and inside the screen's groups the order
        // is the search's order (the screen only groups it).
        assert_eq!(screen.len(), search.len(), "{query:?}");
        assert_eq!(screen.first(), search.first(), "{query:?}");
        let rank = |code: &String| search.iter().position(|c| c == code).expect("in both");
        let catalog = catalog::load(&[&file]).expect("loads");
        let group_of = |code: &String| catalog.find(code).expect("known").group();
        for pair in screen.windows(2) {
            if group_of(&pair[0]) == group_of(&pair[1]) {
                assert!(rank(&pair[0]) < rank(&pair[1]), "{query:?}: {pair:?} out of order");
            }
        }
    }
    let _ = std::fs::remove_dir_all(file.parent().expect("dir"));
}

#[test]
fn every_synthetic_type_is_listed_once_after_the_built_in_ones() {
    let file = answer_file("list");
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["list", "--json", "--catalog"])
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let records: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let records = records.as_array().expect("array");
    assert_eq!(records.len(), 82 + TYPES);
    let fields: Vec<&str> =
        records.iter().filter(|r| r["group"] == "fields").filter_map(|r| r["code"].as_str()).collect();
    assert_eq!(fields.first(), Some(&"sale_field_changed"), "built-in types come first in their group");
    let _ = std::fs::remove_dir_all(file.parent().expect("dir"));
}
