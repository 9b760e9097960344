//! Every broken config file gives a clean error through the real binary: the path, the line and
//! column where it applies, exit 2, never a panic, and `--no-config` still starts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run_with_config(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["--config", path.to_str().expect("utf-8 path"), "query", "--type", "lead_added"])
        .env_remove("KOMMO_EVENTS_CONFIG")
        .output()
        .expect("the binary runs")
}

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_configs").join(name)
}

/// (file, where the error must point, words the message must contain)
const CASES: &[(&str, &str, &str)] = &[
    ("syntax_error.toml", ":2:10:", "must be quoted"),
    ("unknown_key.toml", ":2:1:", "language"),
    ("wrong_type.toml", ":1:8:", "string"),
    ("bad_value.toml", ":3:15:", "range_style = \"dash\" is not valid"),
    ("unknown_format.toml", ":1:10:", "format = \"xml\" is not valid"),
    ("subdomain_is_a_url.toml", ":1:13:", "subdomain"),
    ("catalogs_not_a_list.toml", ":1:12:", "sequence"),
    ("table_instead_of_value.toml", ":1:", "string"),
    ("duplicate_key.toml", ":2:1:", "duplicate"),
    ("invalid_utf8.toml", "invalid_utf8.toml", "UTF-8"),
    ("unknown_theme.toml", ":1:9:", "theme = \"solarized\" is not valid"),
];

#[test]
fn every_broken_config_is_a_clear_error_with_its_place() {
    for (name, place, words) in CASES {
        let output = run_with_config(&case(name));
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {error}");
        assert!(output.stdout.is_empty(), "{name}: nothing is printed on stdout");
        let pointed = format!("{name}{place}");
        let pointed = if place.starts_with(':') { pointed.as_str() } else { place };
        let Some((_, message)) = error.split_once(pointed) else {
            panic!("{name}: no place {pointed:?} in {error}")
        };
        assert!(message.to_lowercase().contains(&words.to_lowercase()), "{name}: {words:?} not in {message}");
        assert!(error.contains("--no-config"), "{name}: the way out is named: {error}");
        assert!(!error.contains("panicked"), "{name}: {error}");
    }
}

#[test]
fn every_case_in_the_folder_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(case(""))
        .expect("the folder")
        .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut covered: Vec<String> = CASES.iter().map(|(name, _, _)| name.to_string()).collect();
    covered.sort();
    assert_eq!(files, covered);
}

#[test]
fn a_missing_a_directory_a_huge_and_an_unreachable_config_are_errors() {
    let dir = std::env::temp_dir().join(format!("kommo-bad-configs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let huge = dir.join("huge.toml");
    std::fs::write(&huge, format!("# {}\n", "x".repeat(2 * 1024 * 1024))).expect("write");
    let cases = [
        (dir.join("missing.toml"), "No such file"),
        (dir.clone(), "directory"),
        (huge, "at most 1 MiB"),
        // A path through a regular file cannot be opened, even by root (chmod would not stop root).
        (case("wrong_type.toml").join("config.toml"), "Not a directory"),
    ];
    for (path, words) in cases {
        let output = run_with_config(&path);
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{}: {error}", path.display());
        assert!(
            error.contains(&path.display().to_string()) && error.contains(words),
            "{}: {error}",
            path.display()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_config_starts_with_the_defaults_whatever_the_file_says() {
    let output = Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["--no-config", "query", "--type", "lead_added"])
        .env("KOMMO_EVENTS_CONFIG", case("syntax_error.toml"))
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), "filter[type]=lead_added\n");
}
