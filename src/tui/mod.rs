//! The interactive screen: terminal setup and teardown, and the event loop that turns terminal
//! events into actions, runs `update`, carries out effects and redraws.
//!
//! The screen draws on the terminal device, never on stdout unless stdout is that terminal, so
//! `q=$(kommo-events)` captures only the accepted query.
//!
//! The loop sleeps on one channel fed by two threads: one reads terminal events, one forwards
//! signals sent from outside (`kill -TERM`, `-HUP`, `-INT`, `-QUIT`). A signal therefore wakes the
//! loop at once, without polling, and ends the screen through the same path as a key: the terminal
//! is restored before the process exits with 128 + the signal number.

pub mod action;
pub mod app;
pub mod browser;
pub mod clipboard;
pub mod composer;
pub mod help;
pub mod input;
pub mod layout;
pub mod names;
pub mod picker;
pub mod refresher;
pub mod results;
pub mod theme;
pub mod update;
pub mod view;

use std::fs::{File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread;
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
use refresher::{NamesSource, Refresher};
use update::{update, Effect};

use crate::api::{spawn_events_with, spawn_tail, Cancel, Client, FetchUpdate, TailRequest, TailUpdate};
use crate::i18n::cli_messages::{state_warning, StateWarning};
use crate::state::{HistoryEntry, Store, Used};

/// How often the loop wakes up without input, to expire toasts.
const TICK: Duration = Duration::from_millis(250);

/// At most this many queued events are handled before the next frame, so a burst of resizes or
/// a long paste is drawn once, not once per event.
const BATCH: usize = 64;

/// How the screen ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Enter: print the query (and the broken rules as warnings).
    Accepted { query: String, problems: Vec<String> },
    /// Esc in the search or Ctrl-C: print nothing.
    Cancelled,
    /// A signal from outside (its number) ended the screen: print nothing, exit 128 + number.
    Signalled(i32),
}

/// What wakes the event loop.
enum Wake {
    Terminal(io::Result<Event>),
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    Suspend,
    /// A fetch of run `generation` reported something.
    Fetch {
        generation: u64,
        update: FetchUpdate,
    },
    /// A refresh of the account's names reported something.
    Names(Action),
    /// The tail the pane follows reported something.
    Tail {
        generation: u64,
        update: TailUpdate,
    },
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

/// For measuring cold start: draws the first frame exactly as [`explore`] does (same state, same
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

/// Runs the screen until the user accepts or quits, or a signal arrives. The terminal is
/// restored on every way out, including an error and a panic. With a `client`, Ctrl-X runs the
/// composed filter against its account (the app says why it cannot without one); with a `names`
/// source, F7 fetches the account's names again.
pub fn explore(
    app: App,
    clipboard: &mut dyn Clipboard,
    store: Option<&Store>,
    client: Option<Arc<Client>>,
    names: Option<NamesSource>,
) -> io::Result<Outcome> {
    run_screen(app, clipboard, store, client, names, None)
}

/// Runs the screen on a pane that follows new events (`app.results.run` made by
/// [`results::EventRun::following`]): what `tail` reports arrives as `Action::Followed`. Ends as
/// [`explore`] does (Esc or Ctrl-C: `Cancelled`; a signal: `Signalled`), with the terminal restored;
/// the caller cancels the tail.
pub fn follow(app: App, clipboard: &mut dyn Clipboard, tail: Receiver<TailUpdate>) -> io::Result<Outcome> {
    run_screen(app, clipboard, None, None, None, Some(tail))
}

fn run_screen(
    mut app: App,
    clipboard: &mut dyn Clipboard,
    store: Option<&Store>,
    client: Option<Arc<Client>>,
    names: Option<NamesSource>,
    tail: Option<Receiver<TailUpdate>>,
) -> io::Result<Outcome> {
    let fault = TestFault::from_env();
    let mut output = terminal_output()?;
    let (wakes, inbox) = mpsc::channel();
    // Caught from before the terminal changes, so no signal finds it half set up.
    signals::forward(wakes.clone())?;
    install_panic_restore();
    let _restore = RestoreOnDrop;
    setup(&mut output)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(output))?;
    let size = terminal.size()?;
    update(&mut app, Action::Resize { width: size.width, height: size.height });
    read_terminal_events(wakes.clone())?;
    if let Some(tail) = tail {
        forward_tail(tail, 0, wakes.clone())?;
    }
    let mut refresher = Refresher {
        source: names,
        lang: app.settings.lang,
        report: names_report(wakes.clone()),
        cancel: None,
    };
    let mut fetcher = Fetcher { client, wakes, cancel: None, notes: app.settings.notes };
    let context = LoopContext { clipboard, store, fetcher: &mut fetcher, refresher: &mut refresher, fault };
    let outcome = event_loop(&mut app, &mut terminal, context, &inbox);
    fetcher.stop();
    refresher.stop();
    clipboard.finish();
    // Whatever way the screen ended, the composer is saved for --resume and Ctrl-R.
    if let Some(store) = store {
        if let Err(error) = store.save_session(&app.snapshot()) {
            restore();
            let warning = state_warning(StateWarning::SessionNotSaved, &error, app.settings.lang);
            eprintln!("kommo-events: {warning}");
        }
    }
    outcome
}

/// Adds the readable query (whatever the output format) to the recent list and tells the
/// screen; a failure is a toast, never an exit.
fn remember(app: &mut App, store: Option<&Store>, used: Used) {
    let Some(store) = store else { return };
    let query = app.composer.composed.query.clone();
    if query.is_empty() {
        return;
    }
    let entry = HistoryEntry { query, at: chrono::Utc::now().timestamp(), used, snapshot: app.snapshot() };
    match store.record(entry) {
        Ok(recorded) => {
            if let Some(aside) = recorded.set_aside {
                update(app, Action::HistorySetAside(aside.display().to_string()));
            }
            update(app, Action::HistoryChanged(recorded.history));
        }
        Err(error) => {
            update(app, Action::HistoryNotSaved(error.to_string()));
        }
    }
}

/// Runs the screen's fetches off the UI thread, one at a time: each page's updates are forwarded
/// into the loop's channel as [`Wake::Fetch`].
struct Fetcher {
    client: Option<Arc<Client>>,
    wakes: Sender<Wake>,
    /// The fetch under way (or finished), to stop it when another starts or the pane closes.
    cancel: Option<Cancel>,
    /// Attach the notes behind note events to each page (`--notes`).
    notes: bool,
}

impl Fetcher {
    /// Starts fetching one page at `path` for run `generation`, stopping any fetch under way.
    fn start(&mut self, generation: u64, path: String) -> io::Result<()> {
        self.stop();
        let Some(client) = &self.client else {
            // `update` only asks for a fetch when the app was told a client exists.
            return Ok(());
        };
        let cancel = Cancel::new();
        let (updates, _fetch) =
            spawn_events_with(Arc::clone(client), path, Some(1), cancel.clone(), self.notes);
        self.cancel = Some(cancel);
        let wakes = self.wakes.clone();
        let base = client.connection().base.clone();
        thread::Builder::new().name("fetch-forward".into()).spawn(move || {
            for update in updates {
                // The range form the account took (after refusing the other) is kept for it.
                if let FetchUpdate::Finished(summary) = &update {
                    if let Some(style) = summary.range_switched_to {
                        if let Err(reason) = remember_range_style(&base, style) {
                            let _ = wakes.send(Wake::Names(Action::AccountCacheNotSaved(reason)));
                        }
                    }
                }
                if wakes.send(Wake::Fetch { generation, update }).is_err() {
                    // The screen has ended; dropping `updates` stops the fetch.
                    return;
                }
            }
        })?;
        Ok(())
    }

    /// Starts following `request` for follow `generation`, stopping any fetch under way.
    fn follow(&mut self, generation: u64, request: TailRequest) -> io::Result<()> {
        self.stop();
        let Some(client) = &self.client else {
            // `update` only asks to follow when the app was told a client exists.
            return Ok(());
        };
        let cancel = Cancel::new();
        let (updates, _tail) = spawn_tail(Arc::clone(client), request, cancel.clone());
        self.cancel = Some(cancel);
        forward_tail(updates, generation, self.wakes.clone())
    }

    fn stop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel.cancel();
        }
    }
}

/// Keeps the range form the account at `base` took in its cache, for the next start.
fn remember_range_style(base: &crate::api::BaseUrl, style: crate::filter::RangeStyle) -> Result<(), String> {
    let env = |name: &str| std::env::var(name).ok();
    let Some(dir) = crate::account::store::AccountDir::cache_of(base, &env) else {
        return Ok(());
    };
    dir.remember_range_style(style).map_err(|error| error.to_string())
}

/// What the loop needs besides the app and the terminal.
struct LoopContext<'a> {
    clipboard: &'a mut dyn Clipboard,
    store: Option<&'a Store>,
    fetcher: &'a mut Fetcher,
    refresher: &'a mut Refresher,
    fault: TestFault,
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<CrosstermBackend<Output>>,
    context: LoopContext,
    inbox: &Receiver<Wake>,
) -> io::Result<Outcome> {
    let LoopContext { clipboard, store, fetcher, refresher, fault } = context;
    loop {
        terminal.draw(|frame| view::render(app, frame))?;
        fault.strike()?;
        let first = match inbox.recv_timeout(TICK) {
            Ok(wake) => Some(wake),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Err(io::Error::other("terminal input stopped")),
        };
        update(app, Action::Tick(Instant::now()));
        let queued = std::iter::from_fn(|| inbox.try_recv().ok()).take(BATCH);
        for wake in first.into_iter().chain(queued) {
            let action = match wake {
                Wake::Signal(signal) => return Ok(Outcome::Signalled(signal)),
                Wake::Suspend => Some(Action::Suspend),
                Wake::Terminal(event) => translate(app, event?),
                Wake::Fetch { generation, update } => Some(Action::Fetched { generation, update }),
                Wake::Names(action) => Some(action),
                Wake::Tail { generation, update } => Some(Action::Followed { generation, update }),
            };
            let Some(action) = action else { continue };
            match update(app, action) {
                None => {}
                Some(Effect::Fetch { generation, path }) => fetcher.start(generation, path)?,
                Some(Effect::StopFetch) => fetcher.stop(),
                Some(Effect::Follow { generation, request }) => fetcher.follow(generation, *request)?,
                Some(Effect::RefreshNames) => refresher.start()?,
                Some(Effect::Accept { query, problems }) => {
                    remember(app, store, Used::Accepted);
                    return Ok(Outcome::Accepted { query, problems });
                }
                Some(Effect::Quit) => return Ok(Outcome::Cancelled),
                Some(Effect::Suspend) => {
                    suspend(terminal)?;
                    let (width, height) = terminal::size()?;
                    update(app, Action::Resize { width, height });
                }
                Some(Effect::CopyCode(code)) => {
                    let result = clipboard.copy(&code, terminal.backend_mut());
                    update(app, Action::CodeCopied(result));
                }
                Some(Effect::Open(url)) => {
                    let result = browser::open(&url, |name| std::env::var(name).ok());
                    update(app, Action::Opened { url, result });
                }
                Some(Effect::ReadClipboard) => {
                    let pasted = clipboard.paste();
                    update(app, Action::Pasted(pasted));
                }
                Some(Effect::Copy(text)) => {
                    let result = clipboard.copy(&text, terminal.backend_mut());
                    // An event's JSON copied from the results is not a query to remember.
                    let copied = result.is_ok() && app.results.run.is_none();
                    update(app, Action::Copied(result));
                    if copied {
                        remember(app, store, Used::Copied);
                    }
                }
            }
        }
    }
}

/// The refresher's reports, as wakes of the event loop.
fn names_report(wakes: Sender<Wake>) -> refresher::Report {
    std::sync::Arc::new(move |action| {
        let _ = wakes.send(Wake::Names(action));
    })
}

/// Reads terminal events on their own thread, so the loop can wait for keys and signals at once.
/// The thread ends when the loop is gone or the terminal fails (the error is passed on).
fn read_terminal_events(wakes: Sender<Wake>) -> io::Result<()> {
    thread::Builder::new().name("terminal-input".into()).spawn(move || loop {
        let event = event::read();
        let failed = event.is_err();
        if wakes.send(Wake::Terminal(event)).is_err() || failed {
            return;
        }
    })?;
    Ok(())
}

/// Passes what the tail reports to the loop. The thread ends with the tail, or when the loop is
/// gone (dropping `updates` then stops the tail).
fn forward_tail(updates: Receiver<TailUpdate>, generation: u64, wakes: Sender<Wake>) -> io::Result<()> {
    thread::Builder::new().name("tail-forward".into()).spawn(move || {
        for update in updates {
            if wakes.send(Wake::Tail { generation, update }).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

#[cfg(unix)]
mod signals {
    use std::io;
    use std::sync::mpsc::Sender;
    use std::thread;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::Signals;

    use super::Wake;

    /// The signals that end the screen cleanly instead of killing the process with the terminal
    /// still in raw mode on the alternate screen.
    const ENDING: [i32; 4] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT];

    /// Forwards those signals to the loop, and SIGTSTP as a suspend. Once the loop is gone (the
    /// screen has ended and the terminal is restored), a signal does what it would have done had we
    /// never caught it.
    pub(super) fn forward(wakes: Sender<Wake>) -> io::Result<()> {
        let mut signals = Signals::new(ENDING.iter().copied().chain([SIGTSTP]))?;
        thread::Builder::new().name("signals".into()).spawn(move || {
            for signal in signals.forever() {
                let wake = if signal == SIGTSTP { Wake::Suspend } else { Wake::Signal(signal) };
                if wakes.send(wake).is_err() {
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                }
            }
        })?;
        Ok(())
    }
}

#[cfg(not(unix))]
mod signals {
    /// Windows delivers Ctrl-C to the screen as a key in raw mode; there is nothing to forward.
    pub(super) fn forward(_wakes: std::sync::mpsc::Sender<super::Wake>) -> std::io::Result<()> {
        Ok(())
    }
}

/// Test support only: `KOMMO_EVENTS_TEST_FAULT=panic` or `=io-error` makes the screen fail right
/// after its first frame, so the end-to-end tests can check that the terminal is restored on those
/// paths too. Nobody sets it in normal use; any other value is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TestFault {
    None,
    Panic,
    IoError,
}

impl TestFault {
    fn from_env() -> TestFault {
        match std::env::var("KOMMO_EVENTS_TEST_FAULT").as_deref() {
            Ok("panic") => TestFault::Panic,
            Ok("io-error") => TestFault::IoError,
            _ => TestFault::None,
        }
    }

    fn strike(self) -> io::Result<()> {
        match self {
            TestFault::None => Ok(()),
            TestFault::Panic => {
                panic!("KOMMO_EVENTS_TEST_FAULT=panic: test-only panic after the first frame")
            }
            TestFault::IoError => Err(io::Error::other(
                "KOMMO_EVENTS_TEST_FAULT=io-error: test-only error after the first frame",
            )),
        }
    }
}

fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => action_for_key(key, app.key_context()),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => view::click(app, mouse.column, mouse.row),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Edit(Edit::Paste(text))),
        Event::FocusGained | Event::FocusLost => None,
    }
}

fn setup(output: &mut impl Write) -> io::Result<()> {
    // crossterm drops colours on its own when NO_COLOR is set. The theme has already decided
    // (NO_COLOR, --color), and `--color always` must win, so colours the theme uses are written.
    crossterm::style::force_color_output(true);
    SCREEN_ACTIVE.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    crossterm::execute!(output, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
}

/// Ctrl-Z or SIGTSTP: gives the terminal back as it was found, stops the process the way the
/// default handler would (the shell sees a stopped job), and once continued (`fg`, SIGCONT) takes
/// the terminal again and clears it, so the next frame redraws everything.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Output>>) -> io::Result<()> {
    restore();
    stop_until_continued();
    setup(terminal.backend_mut())?;
    // Not `clear()`: it asks the terminal where the cursor is, and the answer would go to the
    // thread that reads keys. A resize to the current size clears and redraws all the same.
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

#[cfg(unix)]
fn stop_until_continued() {
    // SIGTSTP is caught (to restore the terminal first), so the stop is raised by hand.
    let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
}

#[cfg(not(unix))]
fn stop_until_continued() {}

/// True from [`setup`] until [`restore`]: the terminal is raw and on the alternate screen.
static SCREEN_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as we found it, once: a second call does nothing. (Leaving the
/// alternate screen again would move the cursor back to where the screen started, over anything
/// printed since, such as a warning on the way out.)
pub fn restore() {
    if !SCREEN_ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
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

/// A panic on the main thread must not leave the shell in raw mode on the alternate screen:
/// restore first, then let the default hook print the message where the user can read it. A
/// worker's panic is caught on its own thread ([`crate::worker::guarded`]) and reported to the
/// screen, which stays whole: printing it here would draw over the screen.
fn install_panic_restore() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::worker::on_main_thread() {
            crate::worker::note_panic(info);
            if SCREEN_ACTIVE.load(Ordering::SeqCst) {
                return;
            }
        } else {
            restore();
        }
        previous(info);
    }));
}
