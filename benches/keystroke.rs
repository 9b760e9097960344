//! One keystroke end to end, as the event loop runs it: `update` with the key's action, then the
//! whole frame rendered to ratatui's `TestBackend` at 200x50. Only that is timed; the key that
//! puts the screen back for the next round is not.
//!
//! - `first_char`: the first letter in an empty search; every type is matched (the worst case:
//!   nothing to narrow from).
//! - `next_char`: one more letter at the end of a word; only the previous matches are re-checked.
//! - `backspace`: the search widens again, so every type is matched again.
//! - `move_down`: the cursor moves one row; no search at all.

mod common;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kommo_events::tui::action::{action_for_key, Action};
use kommo_events::tui::app::App;
use kommo_events::tui::update::update;
use kommo_events::tui::view::render;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn press(app: &mut App, code: KeyCode) {
    let action: Option<Action> = action_for_key(KeyEvent::new(code, KeyModifiers::NONE), app.key_context());
    if let Some(action) = action {
        update(app, action);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Times `key` + one frame, `iterations` times; `undo` (not timed) restores the screen between.
fn timed_keystroke(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    iterations: u64,
    key: KeyCode,
    undo: KeyCode,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iterations {
        let start = Instant::now();
        press(app, key);
        terminal.draw(|frame| render(app, frame)).expect("draw");
        total += start.elapsed();
        press(app, undo);
        terminal.draw(|frame| render(app, frame)).expect("draw");
    }
    total
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    for total in common::sizes() {
        let mut app = common::screen(total, WIDTH, HEIGHT);
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        terminal.draw(|frame| render(&app, frame)).expect("draw");

        group.bench_function(BenchmarkId::new("first_char", total), |b| {
            b.iter_custom(|n| {
                timed_keystroke(&mut app, &mut terminal, n, KeyCode::Char('t'), KeyCode::Backspace)
            })
        });
        type_text(&mut app, "telefon");
        group.bench_function(BenchmarkId::new("next_char", total), |b| {
            b.iter_custom(|n| {
                timed_keystroke(&mut app, &mut terminal, n, KeyCode::Char('o'), KeyCode::Backspace)
            })
        });
        type_text(&mut app, "o");
        group.bench_function(BenchmarkId::new("backspace", total), |b| {
            b.iter_custom(|n| {
                timed_keystroke(&mut app, &mut terminal, n, KeyCode::Backspace, KeyCode::Char('o'))
            })
        });
        group.bench_function(BenchmarkId::new("move_down", total), |b| {
            b.iter_custom(|n| timed_keystroke(&mut app, &mut terminal, n, KeyCode::Down, KeyCode::Up))
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
