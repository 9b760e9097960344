//! A Kommo answer file large enough to be read through a map (16 MiB and more): the catalog it
//! makes, and every error it can have, must be exactly those of the same text read whole.

use std::path::{Path, PathBuf};

use kommo_events::catalog::{self, synthetic, Catalog, CatalogError};

/// About 17 MiB of answer: above the size from which the file is mapped.
const TYPES: usize = 160_000;

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kommo-answer-file-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("types.json");
    std::fs::write(&path, bytes).expect("write the answer");
    path
}

fn from_text(text: &str) -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog::builtin();
    catalog.extend_from_json(text, "types.json")?;
    Ok(catalog)
}

fn from_file(path: &Path) -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog::builtin();
    catalog.extend_from_file(path)?;
    Ok(catalog)
}

fn cleanup(path: &Path) {
    let _ = std::fs::remove_dir_all(path.parent().expect("dir"));
}

#[test]
fn a_mapped_answer_makes_the_catalog_its_text_makes() {
    let text = synthetic::kommo_answer_json(TYPES);
    assert!(text.len() > 16 * 1024 * 1024, "{} bytes: too small to be mapped", text.len());
    let path = write("same", text.as_bytes());
    let mapped = catalog::load(&[&path]).expect("the mapped answer loads");
    let whole = from_text(&text).expect("the text loads");
    assert_eq!(mapped.events().len(), Catalog::builtin().events().len() + TYPES);
    assert!(mapped.events() == whole.events(), "the same types in the same order");
    assert_eq!(mapped.groups(), whole.groups());
    cleanup(&path);
}

/// `text` with the `n`-th entry from the end given `key` instead of its own.
fn with_key_near_the_end(text: &str, key: &str) -> String {
    let at = text.rmatch_indices("{\"key\":\"").nth(3).expect("entries").0 + "{\"key\":\"".len();
    let end = at + text[at..].find('"').expect("closing quote");
    format!("{}{}{}", &text[..at], key, &text[end..])
}

#[test]
fn errors_in_a_mapped_answer_name_the_place_the_text_path_names() {
    let text = synthetic::kommo_answer_json(TYPES);
    let first_code =
        text.split("{\"key\":\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a code");
    let broken = [
        ("invalid-code", with_key_near_the_end(&text, "no spaces allowed")),
        ("empty-key", with_key_near_the_end(&text, " ")),
        ("duplicate", with_key_near_the_end(&text, first_code)),
        ("syntax", with_key_near_the_end(&text, "x\" \"type")),
        ("truncated", text[..text.len() - 5_000].to_string()),
        ("string-id", with_key_near_the_end(&text, "x\",\"type\":\"7")),
    ];
    for (name, broken) in broken {
        let path = write(name, broken.as_bytes());
        let mapped = from_file(&path).expect_err(name).to_string();
        let whole = from_text(&broken)
            .expect_err(name)
            .to_string()
            .replace("types.json", &path.display().to_string());
        assert_eq!(mapped, whole, "{name}");
        // Placed deep in the file (path:line:column), not at its start.
        let line: usize = mapped.split(':').nth(1).and_then(|line| line.parse().ok()).expect(&mapped);
        assert!(line > TYPES / 2, "{name}: {mapped}");
        cleanup(&path);
    }
}

#[test]
fn invalid_utf8_deep_in_a_mapped_answer_is_named_with_its_place() {
    let text = synthetic::kommo_answer_json(TYPES);
    let at = text.len() - 10_000;
    let at = at + text[at..].find("\"lang\":\"").expect("a label") + "\"lang\":\"".len();
    let mut bytes = text.into_bytes();
    bytes[at] = 0xff;
    let path = write("utf8", &bytes);
    let error = from_file(&path).expect_err("not UTF-8");
    assert!(matches!(error, CatalogError::NotUtf8 { .. }), "{error:?}");
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(error.to_string().contains(&format!("types.json:{line}:")), "{error} (expected line {line})");
    cleanup(&path);
}
