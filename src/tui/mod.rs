//! The interactive screen: terminal setup and teardown, and the event loop that turns terminal
//! events into actions, runs `update`, carries out effects and redraws.
//!
//! The screen draws on the terminal device, never on stdout unless stdout is that terminal, so
//! `q=$(kommo-events)` captures only the accepted query.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod composer;
pub mod input;
pub mod theme;
pub mod update;
pub mod view;

use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::event::{Event, MouseButton, MouseEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use action::{action_for_key, Action};
use app::App;
use clipboard::Clipboard;
use input::Edit;
use update::{update, Effect};

use crate::state::{HistoryEntry, Store, Used};

/// How often the loop wakes up without input, to expire toasts.
const TICK: Duration = Duration::from_millis(250);

/// How the screen ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Enter: print the query (and the broken rules as warnings).
    Accepted { query: String, problems: Vec<String> },
    /// Esc in the search or Ctrl-C: print nothing.
    Cancelled,
}

type Output = Box<dyn Write + Send>;

/// Where the screen is drawn: stdout when it is the terminal, otherwise the terminal device.
fn terminal_output() -> io::Result<Output> {
    if io::stdout().is_terminal() {
        return Ok(Box::new(io::stdout()));
    }
    let tty: File = OpenOptions::new().read(true).write(true).open(tty_path())?;
    Ok(Box::new(tty))
}

fn tty_path() -> &'static str {
    if cfg!(windows) {
        "CONOUT$"
    } else {
        "/dev/tty"
    }
}

/// True when there is a terminal the screen can draw on and read keys from (the terminal device
/// opens; without a controlling terminal, as under cron or CI, it does not).
pub fn terminal_available() -> bool {
    OpenOptions::new().read(true).write(true).open(tty_path()).is_ok()
}

/// Runs the screen until the user accepts or quits. The terminal is restored on every way out,
/// including a panic.
pub fn run(mut app: App, clipboard: &mut dyn Clipboard, store: Option<&Store>) -> io::Result<Outcome> {
    let mut output = terminal_output()?;
    setup(&mut output)?;
    install_panic_restore();
    let _restore = RestoreOnDrop;
    let mut terminal = Terminal::new(CrosstermBackend::new(output))?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize { width: size.width, height: size.height });
    let outcome = event_loop(&mut app, &mut terminal, clipboard, store);
    clipboard.finish();
    // Whatever way the screen ended, the composer is saved for --resume and Ctrl-R.
    if let Some(store) = store {
        if let Err(error) = store.save_session(&app.snapshot()) {
            restore();
            eprintln!("kommo-events: warning: could not save the session: {error}");
        }
    }
    outcome
}

/// Adds the readable query (whatever the output format) to the recent list and tells the
/// screen; a failure is a toast, never an exit.
fn remember(app: &mut App, store: Option<&Store>, used: Used) {
    let Some(store) = store else { return };
    let query = app.composed.query.clone();
    if query.is_empty() {
        return;
    }
    let entry = HistoryEntry { query, at: chrono::Utc::now().timestamp(), used, snapshot: app.snapshot() };
    match store.record(entry) {
        Ok(history) => {
            update(app, Action::HistoryChanged(history));
        }
        Err(error) => {
            update(app, Action::HistoryNotSaved(error.to_string()));
        }
    }
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Output>>,
    clipboard: &mut dyn Clipboard,
    store: Option<&Store>,
) -> io::Result<Outcome> {
    loop {
        terminal.draw(|frame| view::render(app, frame))?;
        let action = if event::poll(TICK)? { translate(app, event::read()?) } else { None };
        update(app, Action::Tick(Instant::now()));
        let Some(action) = action else { continue };
        match update(app, action) {
            None => {}
            Some(Effect::Accept { query, problems }) => {
                remember(app, store, Used::Accepted);
                return Ok(Outcome::Accepted { query, problems });
            }
            Some(Effect::Quit) => return Ok(Outcome::Cancelled),
            Some(Effect::ReadClipboard) => {
                let pasted = clipboard.paste();
                update(app, Action::Pasted(pasted));
            }
            Some(Effect::Copy(text)) => {
                let result = clipboard.copy(&text, terminal.backend_mut());
                let copied = result.is_ok();
                update(app, Action::Copied(result));
                if copied {
                    remember(app, store, Used::Copied);
                }
            }
        }
    }
}

fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(key, app.key_context()),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(Action::Click { column: mouse.column, row: mouse.row })
            }
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Edit(Edit::Paste(text))),
        Event::FocusGained | Event::FocusLost => None,
    }
}

fn setup(output: &mut Output) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    crossterm::execute!(output, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Puts the terminal back as we found it. Safe to call more than once.
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    if io::stdout().is_terminal() {
        leave_screen(&mut io::stdout());
    } else if let Ok(mut tty) = OpenOptions::new().write(true).open(tty_path()) {
        leave_screen(&mut tty);
    }
}

fn leave_screen(out: &mut impl Write) {
    let _ = crossterm::execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        restore();
    }
}

/// A panic must not leave the shell in raw mode on the alternate screen: restore first, then let
/// the default hook print the message where the user can read it.
fn install_panic_restore() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
