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
