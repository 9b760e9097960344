//! One keystroke end to end, as the event loop runs it: `update` with the key's action, then the
//! whole frame rendered to ratatui's `TestBackend` at 200x50. Only that is timed; the key that
//! puts the screen back for the next round is not.
//!
//! - `first_char`: the first letter in an empty search; every type is matched (the worst case:
//!   nothing to narrow from).
//! - `next_char`: one more letter at the end of a word; only the previous matches are re-checked.
//! - `backspace`: the search widens again, so every type is matched again.
//! - `move_down`: the cursor moves one row; no search at all.
//!
//! `results/*/N`: the same in a run's pane with N events loaded, typing in its filter line:
//! `first_char` filters every loaded event, `next_char` re-checks the last matches, `backspace`
//! filters every event again, `move_down` and `page_down` move through the filtered events.

mod common;

use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion};
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
        let mut screen = Screen::new(common::screen(total, WIDTH, HEIGHT));
        screen.bench_typing(&mut group, total, "telefono");
    }
    group.finish();
}

/// Events loaded in the results pane: the budget's 100,000 (`KOMMO_BENCH_EVENTS` to change).
fn loaded_events() -> Vec<usize> {
    match std::env::var("KOMMO_BENCH_EVENTS") {
        Ok(list) => list.split(',').filter_map(|n| n.trim().replace('_', "").parse().ok()).collect(),
        Err(_) => vec![100_000],
    }
}

fn results(c: &mut Criterion) {
    let mut group = c.benchmark_group("results");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    for loaded in loaded_events() {
        let mut screen = Screen::new(common::results_screen(loaded, WIDTH, HEIGHT));
        // `n` is in most lines (names, stages, "Negociación"): nearly every event matches.
        screen.bench_typing(&mut group, loaded, "nunez");
        screen.bench_key(&mut group, "page_down", loaded, KeyCode::PageDown, KeyCode::PageUp);
    }
    group.finish();
}

/// A screen and the terminal it is drawn on.
struct Screen {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Screen {
    fn new(app: App) -> Screen {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        terminal.draw(|frame| render(&app, frame)).expect("draw");
        Screen { app, terminal }
    }

    /// `key` + a frame, measured as `id`; `undo` puts the screen back between rounds.
    fn bench_key(
        &mut self,
        group: &mut BenchmarkGroup<WallTime>,
        id: &str,
        size: usize,
        key: KeyCode,
        undo: KeyCode,
    ) {
        let Screen { app, terminal } = self;
        group.bench_function(BenchmarkId::new(id, size), |b| {
            b.iter_custom(|n| timed_keystroke(app, terminal, n, key, undo))
        });
    }

    /// Typing `word` into the focused field: its first letter in the empty field, its last letter
    /// after the others, deleting that letter again; then moving down a row.
    fn bench_typing(&mut self, group: &mut BenchmarkGroup<WallTime>, size: usize, word: &str) {
        let chars: Vec<char> = word.chars().collect();
        let (first, last) = (chars[0], chars[chars.len() - 1]);
        self.bench_key(group, "first_char", size, KeyCode::Char(first), KeyCode::Backspace);
        type_text(&mut self.app, &word[..word.len() - last.len_utf8()]);
        self.bench_key(group, "next_char", size, KeyCode::Char(last), KeyCode::Backspace);
        type_text(&mut self.app, &last.to_string());
        self.bench_key(group, "backspace", size, KeyCode::Backspace, KeyCode::Char(last));
        self.bench_key(group, "move_down", size, KeyCode::Down, KeyCode::Up);
    }
}

/// `paste/N`: a paste of N bytes into the search (bracketed paste, one action), then the frame;
/// and `paste_frame/N`: one more frame with that text in the line (the input line's window is
/// computed per frame). A pasted megabyte must leave the screen answering (issue 10).
fn paste(c: &mut Criterion) {
    use kommo_events::tui::input::Edit;
    let mut group = c.benchmark_group("paste");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for bytes in [30_000usize, 1_000_000] {
        let text = "lead stage 12345, ".repeat(bytes / 18);
        group.bench_function(BenchmarkId::new("paste", bytes), |bench| {
            bench.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let mut app = common::screen(70, WIDTH, HEIGHT);
                    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
                    let start = Instant::now();
                    update(&mut app, Action::Edit(Edit::Paste(text.clone())));
                    terminal.draw(|frame| render(&app, frame)).expect("draw");
                    total += start.elapsed();
                }
                total
            });
        });
        let mut app = common::screen(70, WIDTH, HEIGHT);
        update(&mut app, Action::Edit(Edit::Paste(text.clone())));
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        group.bench_function(BenchmarkId::new("paste_frame", bytes), |bench| {
            bench.iter(|| terminal.draw(|frame| render(&app, frame)).expect("draw").area.width)
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, results, paste);
criterion_main!(benches);
