//! Every way a `--catalog` file can be broken gives a clean error through the real binary:
//! exit 2, the path (and line:column where one place is to blame) and the reason on stderr,
//! nothing on stdout, never a panic and never a partial catalog. One file per case in
//! tests/invalid_catalogs/ (see its README.md); the cases that need no file make their own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn list_with(catalog: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kommo-events"))
        .args(["list", "--catalog"])
        .arg(catalog)
        .env("LANG", "C")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_catalogs").join(name)
}

/// Runs `list --catalog PATH` and checks the clean failure; returns stderr.
fn fails_cleanly(path: &Path) -> String {
    let output = list_with(path);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{}: {stderr}", path.display());
    assert!(output.stdout.is_empty(), "{}: printed a catalog anyway", path.display());
    assert!(stderr.contains(&path.display().to_string()), "the message names the path: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

/// `fails_cleanly`, and the message has `line:column` right after the path, and `reason`.
fn fails_at(name: &str, line_column: &str, reason: &str) {
    let path = case(name);
    let stderr = fails_cleanly(&path);
    let place = format!("{}:{line_column}: ", path.display());
    assert!(stderr.contains(&place), "expected {place:?} in {stderr}");
    assert!(stderr.contains(reason), "expected {reason:?} in {stderr}");
}

fn fails_with(name: &str, reason: &str) {
    let stderr = fails_cleanly(&case(name));
    assert!(stderr.contains(reason), "expected {reason:?} in {stderr}");
}

#[test]
fn malformed_json_points_at_the_missing_comma() {
    fails_at("malformed.json", "4:46", "expected `,` or `}`");
}

#[test]
fn a_value_of_the_wrong_type_is_located() {
    fails_at("wrong_type_own.json", "8:20", "invalid type: integer `42`, expected a string");
    fails_at("wrong_type_kommo.json", "3:63", "invalid type: string \"512346\"");
}

#[test]
fn a_code_twice_in_one_file_points_at_the_second() {
    fails_at("duplicate_code_kommo.json", "5:3", "\"custom_field_512345_value_changed\" appears twice");
    fails_at("duplicate_code_own.json", "6:5", "\"invoice_paid\" appears twice");
}

#[test]
fn an_unknown_group_names_the_group_and_the_type() {
    fails_at("unknown_group.json", "7:5", "names group \"invoices\"");
}

#[test]
fn empty_labels_and_bad_codes_are_located() {
    fails_at("empty_label.json", "4:5", "empty \"label_es\"");
    fails_at("invalid_code.json", "2:3", "\"lead added\" is not a Kommo code");
}

#[test]
fn not_utf8_text_is_located_at_the_first_bad_byte() {
    fails_at("not_utf8.json", "2:41", "not UTF-8");
}

#[test]
fn empty_and_blank_files_say_what_was_expected() {
    fails_with("empty.json", "the file is empty");
    fails_with("blank.json", "the file is empty");
}

#[test]
fn json_of_another_shape_or_version_or_with_no_types_is_refused() {
    fails_with("unknown_format.json", "not a catalog");
    fails_with("unsupported_version.json", "version 2 is not supported");
    fails_with("no_events.json", "holds no event types");
}

#[test]
fn a_directory_is_refused() {
    fails_with("a_directory.json", "is a directory");
}

#[test]
fn a_missing_path_is_refused() {
    let stderr = fails_cleanly(&case("no_such_file.json"));
    assert!(stderr.contains("cannot read the catalog"), "{stderr}");
}

#[test]
fn an_unreadable_path_is_refused() {
    // A path through a regular file cannot be opened by anyone, root included (CI runs as root,
    // where chmod 000 would not stop the read).
    let dir = std::env::temp_dir().join(format!("kommo-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "{}").expect("write");
    let stderr = fails_cleanly(&file.join("catalog.json"));
    assert!(stderr.contains("cannot read the catalog") && stderr.contains("Not a directory"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("kommo-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.json");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: the size is set, no block is written.
    file.set_len(kommo_events::catalog::MAX_FILE_BYTES + 1).expect("set_len");
    let stderr = fails_cleanly(&path);
    assert!(stderr.contains("larger than 512 MiB"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_file_in_the_folder_has_a_test() {
    let tested = [
        "a_directory.json",
        "blank.json",
        "duplicate_code_kommo.json",
        "duplicate_code_own.json",
        "empty.json",
        "empty_label.json",
        "invalid_code.json",
        "malformed.json",
        "no_events.json",
        "not_utf8.json",
        "unknown_format.json",
        "unknown_group.json",
        "unsupported_version.json",
        "wrong_type_kommo.json",
        "wrong_type_own.json",
        "README.md",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid_catalogs");
    for entry in std::fs::read_dir(dir).expect("the folder") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        assert!(tested.contains(&name.as_str()), "{name} has no test");
    }
}
