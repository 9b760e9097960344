//! The folders tell the architecture, and these checks keep them honest: the domain has no
//! terminal code, the screen's state code reads no render code (only the shared geometry of
//! `tui/layout.rs`), and the screen's modules import each other without cycles.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text up to its test module (tests may reach anywhere).
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let text = fs::read_to_string(&path).expect("a source file");
                let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
                files.push((path, code));
            }
        }
    }
    files.sort();
    files
}

/// The code lines of a file, comments left out (doc links are not imports).
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|line| !line.trim_start().starts_with("//"))
}

/// The names that follow `prefix` in `text`, e.g. `app` for `crate::tui::app::App`.
fn named_after<'a>(text: &'a str, prefix: &str) -> BTreeSet<&'a str> {
    let mut names = BTreeSet::new();
    for line in code_lines(text) {
        let mut rest = line;
        while let Some(at) = rest.find(prefix) {
            let after = &rest[at + prefix.len()..];
            let name = after.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("");
            if !name.is_empty() {
                names.insert(name);
            }
            rest = after;
        }
    }
    names
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top module of `tui` a file belongs to (`update` for `tui/update/names.rs`).
fn tui_module(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(src().join("tui")).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy().into_owned();
    let module = first.trim_end_matches(".rs").to_owned();
    (module != "mod").then_some(module)
}

/// The screen's module graph: which top modules of `tui` each one imports.
fn tui_imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in sources(&src().join("tui")) {
        let Some(module) = tui_module(&path) else { continue };
        let mut imported: BTreeSet<String> =
            named_after(&text, "crate::tui::").into_iter().map(str::to_owned).collect();
        // `super::x` names a sibling only in the files directly under `tui/`.
        if path.parent() == Some(&src().join("tui")) {
            imported.extend(named_after(&text, "super::").into_iter().map(str::to_owned));
        }
        imported.remove(&module);
        graph.entry(module).or_default().extend(imported);
    }
    graph
}

fn reaches(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut pending = vec![from.to_owned()];
    while let Some(module) = pending.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                pending.push(next.clone());
            }
        }
    }
    false
}

#[test]
fn the_screens_modules_import_each_other_without_cycles() {
    let graph = tui_imports();
    assert!(graph.contains_key("app") && graph.contains_key("update") && graph.contains_key("view"));
    let cycles: Vec<(String, String)> = graph
        .iter()
        .flat_map(|(module, imported)| imported.iter().map(move |other| (module.clone(), other.clone())))
        .filter(|(module, other)| graph.contains_key(other) && reaches(&graph, other, module))
        .collect();
    assert!(cycles.is_empty(), "import cycles inside src/tui: {cycles:?}");
}

#[test]
fn the_screens_state_reads_no_render_code() {
    let graph = tui_imports();
    for state in ["app", "update", "action", "composer", "results", "names", "help", "layout", "picker"] {
        let imported = graph.get(state).unwrap_or_else(|| panic!("tui/{state} exists"));
        assert!(!imported.contains("view"), "tui/{state} imports the view: {imported:?}");
    }
}

#[test]
fn the_domain_has_no_terminal_code() {
    let domain = [
        "catalog", "search", "filter", "events", "api", "account", "text.rs", "files.rs", "config",
        "state.rs",
    ];
    for part in domain {
        let path = src().join(part);
        let files = if path.is_dir() {
            sources(&path)
        } else {
            vec![(path.clone(), fs::read_to_string(&path).unwrap())]
        };
        assert!(!files.is_empty(), "{part} has sources");
        for (file, text) in files {
            for terminal in ["crate::tui", "ratatui::", "crossterm::"] {
                assert!(
                    code_lines(&text).all(|line| !line.contains(terminal)),
                    "{} uses {terminal}",
                    file.display()
                );
            }
        }
    }
}
