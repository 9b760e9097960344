//! Whole processes, as a user or a script runs them: the release binary spawned, its output
//! thrown away, for the built-in catalog and for synthetic `--catalog` answers of N types.
//!
//! - `first_frame`: start to the first frame drawn. The binary is run with the hidden
//!   `KOMMO_EVENTS_FIRST_FRAME=200x50`: it loads the catalog, builds the screen state and draws
//!   the first frame through the same crossterm backend it uses on a terminal, into a sink,
//!   then exits. Raw mode and the alternate screen (a few syscalls) are left out; a terminal
//!   emulator's own drawing is not ours to measure.
//! - `list`, `search`: the scriptable commands, output to /dev/null.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kommo_events::catalog::synthetic;

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kommo-events"));
    command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).env("LANG", "C");
    command
}

/// The answer of `total - 70` synthetic types in a temp file (none for the built-in size).
fn catalog_file(total: usize) -> Option<PathBuf> {
    let extra = total.checked_sub(70).filter(|&n| n > 0)?;
    let dir = std::env::temp_dir().join(format!("kommo-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("types-{total}.json"));
    std::fs::write(&path, synthetic::kommo_answer_json(extra)).expect("write the answer");
    Some(path)
}

fn run(args: &[&str], catalog: &Option<PathBuf>, first_frame: bool) {
    let mut command = binary();
    command.args(args);
    if let Some(path) = catalog {
        command.arg("--catalog").arg(path);
    }
    if first_frame {
        command.env("KOMMO_EVENTS_FIRST_FRAME", "200x50");
    }
    let status = command.status().expect("the binary runs");
    // search exits 1 when nothing matches; anything else is a broken benchmark.
    assert!(matches!(status.code(), Some(0 | 1)), "{args:?}: {status}");
}

fn processes(c: &mut Criterion) {
    let mut group = c.benchmark_group("process");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for total in common::sizes() {
        let catalog = catalog_file(total);
        group.bench_function(BenchmarkId::new("first_frame", total), |b| b.iter(|| run(&[], &catalog, true)));
        group.bench_function(BenchmarkId::new("list", total), |b| b.iter(|| run(&["list"], &catalog, false)));
        for query in ["telefono", "^lead_ !deleted"] {
            let id = BenchmarkId::new(format!("search/{query}"), total);
            group.bench_function(id, |b| b.iter(|| run(&["search", query], &catalog, false)));
        }
        if let Some(path) = catalog {
            let _ = std::fs::remove_file(path);
        }
    }
    group.finish();
}

criterion_group!(benches, processes);
criterion_main!(benches);
