//! Shared by the tests that talk HTTP: a real server on 127.0.0.1 and a fake Kommo account on it.
#![allow(dead_code)]

pub mod cli;
pub mod kommo;
pub mod server;

use std::time::{Duration, Instant};

/// The most requests that arrived within any `window`, by arrival time.
pub fn most_in_any_window(arrivals: &[Instant], window: Duration) -> usize {
    arrivals
        .iter()
        .map(|first| {
            arrivals.iter().filter(|at| **at >= *first && at.duration_since(*first) < window).count()
        })
        .max()
        .unwrap_or(0)
}

/// A fresh empty directory under the system temp dir, unique to this test and process.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kommo-events-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A folder for `--account-dir` holding the fake account's users and pipelines, as
/// `account refresh` saves them.
pub fn saved_names(name: &str) -> std::path::PathBuf {
    let names = temp_dir(name);
    let write = |file: &str, key: &str, items: Vec<serde_json::Value>| {
        let answer = serde_json::json!({ "_embedded": { key: items } });
        std::fs::write(names.join(file), answer.to_string()).expect("write the names");
    };
    write("users.json", "users", kommo::users());
    write("pipelines.json", "pipelines", kommo::pipelines());
    names
}
