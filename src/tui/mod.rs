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

/// The size asked for by `KOMMO_EVENTS_FIRST_FRAME=COLSxROWS` (benchmarks only; see
/// [`draw_first_frame`]).
pub fn first_frame_size() -> Option<(u16, u16)> {
    let value = std::env::var("KOMMO_EVENTS_FIRST_FRAME").ok()?;
    let (width, height) = value.split_once('x')?;
    Some((width.trim().parse().ok()?, height.trim().parse().ok()?))
}

/// For measuring cold start: draws the first frame exactly as [`run`] does (same state, same
/// render, same crossterm backend turning cells into escape sequences) into a sink instead of
/// the terminal, and returns. Raw mode and the alternate screen, a few syscalls, are left out.
pub fn draw_first_frame(mut app: App) -> io::Result<()> {
    let (width, height) = app.size;
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height));
    let options = ratatui::TerminalOptions { viewport };
    let mut terminal = Terminal::with_options(CrosstermBackend::new(io::sink()), options)?;
    update(&mut app, Action::Resize { width, height });
    terminal.draw(|frame| view::render(&app, frame))?;
    Ok(())
}

/// Runs the screen until the user accepts or quits. The terminal is restored on every way out,
/// including a panic.
pub fn run(mut app: App, clipboard: &mut dyn Clipboard) -> io::Result<Outcome> {
    let mut output = terminal_output()?;
    setup(&mut output)?;
    install_panic_restore();
    let _restore = RestoreOnDrop;
    let mut terminal = Terminal::new(CrosstermBackend::new(output))?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize { width: size.width, height: size.height });
    let outcome = event_loop(&mut app, &mut terminal, clipboard);
    clipboard.finish();
    outcome
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Output>>,
    clipboard: &mut dyn Clipboard,
) -> io::Result<Outcome> {
    loop {
        terminal.draw(|frame| view::render(app, frame))?;
        let action = if event::poll(TICK)? { translate(app, event::read()?) } else { None };
        update(app, Action::Tick(Instant::now()));
        let Some(action) = action else { continue };
        match update(app, action) {
            None => {}
            Some(Effect::Accept { query, problems }) => return Ok(Outcome::Accepted { query, problems }),
            Some(Effect::Quit) => return Ok(Outcome::Cancelled),
            Some(Effect::Copy(text)) => {
                let result = clipboard.copy(&text, terminal.backend_mut());
                update(app, Action::Copied(result));
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
