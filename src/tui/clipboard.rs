//! Copying the query: the system clipboard through arboard, or the terminal's clipboard through
//! the OSC 52 escape sequence (SSH sessions, tmux, machines without a display). Every call is
//! bounded in time; a missing clipboard is a message, never a crash, a hang or a lost query.

use std::fmt;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use crossterm::clipboard::CopyToClipboard;
use crossterm::Command;

/// How long a native clipboard call may take before we give up on it.
pub const NATIVE_TIMEOUT: Duration = Duration::from_secs(2);

/// Which way the text went, for the toast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyPath {
    /// The system clipboard (X11, Wayland through XWayland, macOS, Windows).
    Native,
    /// The OSC 52 escape sequence, handled by the terminal (or by tmux with `set-clipboard on`).
    Osc52,
}

/// Why nothing was copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClipboardError {
    /// `KOMMO_EVENTS_CLIPBOARD=off`.
    Disabled,
    /// No system clipboard can be reached here: over SSH, or without a display.
    NoSystemClipboard,
    /// `DISPLAY` is not set, so the X11 clipboard cannot be reached.
    NoDisplay,
    /// This clipboard can be written but not read (the terminal's, through OSC 52).
    NotReadable,
    /// Nothing was copied yet.
    Empty,
    /// The clipboard's thread is gone.
    Stopped,
    /// The system clipboard refused; the text is its own reason.
    Unavailable(String),
    /// The system clipboard did not answer in time.
    TimedOut,
    /// Writing the escape sequence to the terminal failed.
    Terminal(String),
}

impl fmt::Display for ClipboardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::screen_messages::clipboard_reason(self, crate::i18n::Lang::En))
    }
}

/// The user's choice, from `KOMMO_EVENTS_CLIPBOARD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClipboardMode {
    /// Native where a display is reachable and we are not over SSH, else OSC 52; native failures fall back to OSC 52.
    #[default]
    Auto,
    Native,
    Osc52,
    Off,
}

impl ClipboardMode {
    /// Parses the variable's value; `None` for an unknown value.
    pub fn parse(value: &str) -> Option<ClipboardMode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Some(Self::Auto),
            "native" => Some(Self::Native),
            "osc52" => Some(Self::Osc52),
            "off" | "none" => Some(Self::Off),
            _ => None,
        }
    }
}

/// Somewhere the query can be copied to. `terminal` is where OSC 52 sequences go.
pub trait Clipboard {
    /// Copies `text`, saying which way it went.
    fn copy(&mut self, text: &str, terminal: &mut dyn Write) -> Result<CopyPath, ClipboardError>;
    /// Reads text from the clipboard, for loading a copied query.
    fn paste(&mut self) -> Result<String, ClipboardError> {
        Err(ClipboardError::NotReadable)
    }
    /// Called once when the program ends: keeps the copied text available after exit where the
    /// platform needs a process to serve it (X11).
    fn finish(&mut self) {}
}

/// The real clipboard: one native handle (on its own thread, so a stuck display server cannot
/// freeze the screen) for the program's life, and OSC 52.
pub struct SystemClipboard {
    mode: ClipboardMode,
    prefer_osc52: bool,
    /// Makes the native backend on first use; taken when the clipboard thread starts.
    factory: Option<BackendFactory>,
    timeout: Duration,
    native: Option<NativeClipboard>,
    native_broken: bool,
    last_native_copy: Option<String>,
}

impl SystemClipboard {
    /// A clipboard following `mode`; `prefer_osc52` is true over SSH or without a display, where the
    /// user's clipboard is the terminal's, not this machine's.
    pub fn new(mode: ClipboardMode, prefer_osc52: bool) -> SystemClipboard {
        SystemClipboard::with_backend(mode, prefer_osc52, arboard_factory(), NATIVE_TIMEOUT)
    }

    fn with_backend(
        mode: ClipboardMode,
        prefer_osc52: bool,
        factory: BackendFactory,
        timeout: Duration,
    ) -> SystemClipboard {
        SystemClipboard {
            mode,
            prefer_osc52,
            factory: Some(factory),
            timeout,
            native: None,
            native_broken: false,
            last_native_copy: None,
        }
    }

    /// Reads the mode and the session kind from the environment.
    pub fn from_env() -> SystemClipboard {
        let mode = std::env::var("KOMMO_EVENTS_CLIPBOARD")
            .ok()
            .and_then(|v| ClipboardMode::parse(&v))
            .unwrap_or_default();
        let over_ssh = std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some();
        let no_display = cfg!(all(unix, not(target_os = "macos")))
            && std::env::var_os("DISPLAY").is_none()
            && std::env::var_os("WAYLAND_DISPLAY").is_none();
        SystemClipboard::new(mode, over_ssh || no_display)
    }

    fn copy_native(&mut self, text: &str) -> Result<CopyPath, ClipboardError> {
        // A clipboard that timed out once is stuck on a request we cannot cancel: do not queue more.
        if self.native_broken {
            return Err(ClipboardError::TimedOut);
        }
        let result = self.native().set_text(text);
        match &result {
            Ok(()) => self.last_native_copy = Some(text.to_string()),
            Err(ClipboardError::TimedOut) => self.native_broken = true,
            Err(_) => {}
        }
        result.map(|()| CopyPath::Native)
    }

    /// The clipboard thread, started on first use.
    fn native(&mut self) -> &NativeClipboard {
        let (factory, timeout) = (&mut self.factory, self.timeout);
        self.native.get_or_insert_with(|| {
            NativeClipboard::start(factory.take().unwrap_or_else(arboard_factory), timeout)
        })
    }
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str, terminal: &mut dyn Write) -> Result<CopyPath, ClipboardError> {
        match self.mode {
            ClipboardMode::Off => Err(ClipboardError::Disabled),
            ClipboardMode::Osc52 => send_osc52(text, terminal),
            ClipboardMode::Native => self.copy_native(text),
            ClipboardMode::Auto if self.prefer_osc52 => send_osc52(text, terminal),
            ClipboardMode::Auto => self.copy_native(text).or_else(|_| send_osc52(text, terminal)),
        }
    }

    fn paste(&mut self) -> Result<String, ClipboardError> {
        match self.mode {
            ClipboardMode::Off => Err(ClipboardError::Disabled),
            // Terminals answer OSC 52 reads rarely and never portably: the user pastes instead.
            ClipboardMode::Osc52 => Err(ClipboardError::NotReadable),
            ClipboardMode::Auto if self.prefer_osc52 => Err(ClipboardError::NoSystemClipboard),
            ClipboardMode::Auto | ClipboardMode::Native => {
                if self.native_broken {
                    return Err(ClipboardError::TimedOut);
                }
                let result = self.native().get_text();
                self.native_broken |= result == Err(ClipboardError::TimedOut);
                result
            }
        }
    }

    fn finish(&mut self) {
        if let Some(text) = self.last_native_copy.take() {
            keep_serving_after_exit(&text);
        }
    }
}

/// A copy recorded in memory, for tests.
#[derive(Default)]
pub struct RecordingClipboard {
    /// Everything copied, in order.
    pub copies: Vec<String>,
    /// When set, every copy fails with this error.
    pub fail_with: Option<ClipboardError>,
    /// What `paste` returns.
    pub contents: Option<String>,
}

impl Clipboard for RecordingClipboard {
    fn copy(&mut self, text: &str, _terminal: &mut dyn Write) -> Result<CopyPath, ClipboardError> {
        if let Some(error) = &self.fail_with {
            return Err(error.clone());
        }
        self.copies.push(text.to_string());
        Ok(CopyPath::Native)
    }

    fn paste(&mut self) -> Result<String, ClipboardError> {
        self.contents.clone().ok_or(ClipboardError::Empty)
    }
}

/// One system clipboard implementation, created and used on the clipboard thread only.
trait NativeBackend {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError>;
    fn get_text(&mut self) -> Result<String, ClipboardError> {
        Err(ClipboardError::NotReadable)
    }
}

/// Makes the backend on the clipboard thread: connecting to a display server can itself block.
type BackendFactory = Box<dyn FnOnce() -> Result<Box<dyn NativeBackend>, ClipboardError> + Send>;

struct Arboard(arboard::Clipboard);

impl NativeBackend for Arboard {
    fn set_text(&mut self, text: &str) -> Result<(), ClipboardError> {
        self.0.set_text(text.to_string()).map_err(describe_arboard)
    }

    fn get_text(&mut self) -> Result<String, ClipboardError> {
        self.0.get_text().map_err(describe_arboard)
    }
}

fn arboard_factory() -> BackendFactory {
    Box::new(|| {
        // arboard reaches X11 only (XWayland on Wayland); without DISPLAY it would report a
        // "connection timed out", which sends the user looking in the wrong place.
        if cfg!(all(unix, not(target_os = "macos")))
            && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        {
            return Err(ClipboardError::NoDisplay);
        }
        let clipboard = arboard::Clipboard::new().map_err(describe_arboard)?;
        Ok(Box::new(Arboard(clipboard)) as Box<dyn NativeBackend>)
    })
}

/// What the clipboard thread is asked to do; each request carries where to send the answer.
enum NativeRequest {
    Set(String, Sender<Result<(), ClipboardError>>),
    Get(Sender<Result<String, ClipboardError>>),
}

/// The native handle lives on its own thread: arboard calls can block on a slow or dead display
/// server, and the screen must keep answering. Each request waits at most `timeout`.
struct NativeClipboard {
    requests: Sender<NativeRequest>,
    timeout: Duration,
}

impl NativeClipboard {
    fn start(factory: BackendFactory, timeout: Duration) -> NativeClipboard {
        let (requests, incoming) = mpsc::channel::<NativeRequest>();
        // If the thread cannot start, `incoming` is dropped and every request fails at once with a reason.
        let _ =
            thread::Builder::new().name("clipboard".into()).spawn(move || serve_requests(factory, incoming));
        NativeClipboard { requests, timeout }
    }

    fn set_text(&self, text: &str) -> Result<(), ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.ask(NativeRequest::Set(text.to_string(), reply))?;
        wait_for(answer, self.timeout)
    }

    fn get_text(&self) -> Result<String, ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.ask(NativeRequest::Get(reply))?;
        wait_for(answer, self.timeout)
    }

    fn ask(&self, request: NativeRequest) -> Result<(), ClipboardError> {
        self.requests.send(request).map_err(|_| ClipboardError::Stopped)
    }
}

/// The thread's answer, or a timeout: a stuck display server must not freeze the screen.
fn wait_for<T>(answer: Receiver<Result<T, ClipboardError>>, timeout: Duration) -> Result<T, ClipboardError> {
    match answer.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ClipboardError::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ClipboardError::Stopped),
    }
}

/// Answers requests in order. The backend is made on the first request; if that fails, the
/// factory is gone, so that request and every later one get the same reason.
fn serve_requests(factory: BackendFactory, incoming: Receiver<NativeRequest>) {
    let mut factory = Some(factory);
    let mut backend: Result<Box<dyn NativeBackend>, ClipboardError> =
        Err(ClipboardError::Unavailable("not connected yet".into()));
    for request in incoming {
        if let Some(make) = factory.take() {
            backend = make();
        }
        let clipboard = match backend.as_mut() {
            Ok(native) => Ok(native),
            Err(error) => Err(error.clone()),
        };
        // The asker may have timed out and gone; nothing to tell then.
        match request {
            NativeRequest::Set(text, reply) => {
                let _ = reply.send(clipboard.and_then(|c| c.set_text(&text)));
            }
            NativeRequest::Get(reply) => {
                let _ = reply.send(clipboard.and_then(|c| c.get_text()));
            }
        }
    }
}

/// arboard's message, first line only and without its generic prefix, to fit the status line.
fn describe_arboard(error: arboard::Error) -> ClipboardError {
    let text = error.to_string();
    let line = text.lines().next().unwrap_or("unknown error");
    let reason = line.strip_prefix("Unknown error while interacting with the clipboard: ").unwrap_or(line);
    ClipboardError::Unavailable(reason.to_string())
}

/// How long the program waits at exit for `__serve-clipboard` to own the text.
const HANDOVER_TIMEOUT: Duration = NATIVE_TIMEOUT;

/// What `__serve-clipboard` prints on stdout once it owns the selection.
const HANDOVER_READY: &str = "ready";

/// On X11 the copied text lives only as long as a process serves it. A detached child
/// (`kommo-events __serve-clipboard`) takes over and exits by itself when something else is copied.
/// We wait (bounded) until it says it owns the selection, so there is no moment after our exit
/// when a paste finds the clipboard empty.
#[cfg(all(unix, not(target_os = "macos")))]
fn keep_serving_after_exit(text: &str) {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let Ok(exe) = std::env::current_exe() else { return };
    let child = Command::new(exe)
        .arg("__serve-clipboard")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // Its own process group, so closing the terminal or Ctrl-C does not take it down.
        .process_group(0)
        .spawn();
    let Ok(mut child) = child else { return };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(text.as_bytes());
    }
    let Some(stdout) = child.stdout.take() else { return };
    let (ready, answer) = mpsc::channel();
    // Reading a pipe cannot time out by itself; a thread reads and we wait on the channel.
    let _ = thread::Builder::new().name("clipboard-handover".into()).spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = ready.send(line);
    });
    let _ = answer.recv_timeout(HANDOVER_TIMEOUT);
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn keep_serving_after_exit(_text: &str) {}

/// The body of `kommo-events __serve-clipboard`: owns the X11 selection until it is replaced.
/// Prints `ready` on stdout as soon as it owns it (the parent waits for that before exiting).
pub fn serve_clipboard_until_replaced(text: &str) -> Result<(), String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    clipboard.set_text(text.to_string()).map_err(|e| e.to_string())?;
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "{HANDOVER_READY}").and_then(|()| stdout.flush());
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        // Re-asserts the same text and blocks until another program takes the selection.
        clipboard.set().wait().text(text.to_string()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Writes `ESC ] 52 ; c ; base64 BEL`, which terminals (and tmux with `set-clipboard on`) turn into
/// a clipboard write. There is no answer to wait for, so this cannot hang.
fn send_osc52(text: &str, terminal: &mut dyn Write) -> Result<CopyPath, ClipboardError> {
    let sequence = osc52_sequence(text);
    terminal
        .write_all(sequence.as_bytes())
        .and_then(|()| terminal.flush())
        .map_err(|error| ClipboardError::Terminal(error.to_string()))?;
    Ok(CopyPath::Osc52)
}

/// The OSC 52 sequence that sets the clipboard to `text`, as crossterm writes it (ended by ST,
/// `ESC \\`, which terminals and tmux accept like BEL).
pub fn osc52_sequence(text: &str) -> String {
    let mut sequence = String::new();
    // Writing into a String cannot fail.
    let _ = CopyToClipboard::to_clipboard_from(text).write_ansi(&mut sequence);
    sequence
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    const SHORT: Duration = Duration::from_millis(100);

    /// A display server that takes the request and never answers, until the test ends.
    struct Stuck(Receiver<()>);

    impl NativeBackend for Stuck {
        fn set_text(&mut self, _text: &str) -> Result<(), ClipboardError> {
            let _ = self.0.recv();
            Ok(())
        }
    }

    fn stuck() -> (BackendFactory, Sender<()>) {
        let (release, wait) = mpsc::channel();
        (Box::new(move || Ok(Box::new(Stuck(wait)) as Box<dyn NativeBackend>)), release)
    }

    struct Recorder(Arc<Mutex<Vec<String>>>);

    impl NativeBackend for Recorder {
        fn set_text(&mut self, text: &str) -> Result<(), ClipboardError> {
            self.0.lock().unwrap().push(text.to_string());
            Ok(())
        }
    }

    fn missing_display() -> BackendFactory {
        Box::new(|| Err(ClipboardError::Unavailable("no DISPLAY".into())))
    }

    /// A terminal that cannot be written to (closed, or hung up).
    struct BrokenTerminal;

    impl Write for BrokenTerminal {
        fn write(&mut self, _buf: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "terminal closed"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_clipboard_that_never_answers_times_out_and_is_not_asked_again() {
        let (factory, _release) = stuck();
        let mut clipboard = SystemClipboard::with_backend(ClipboardMode::Native, false, factory, SHORT);
        let start = Instant::now();
        assert_eq!(clipboard.copy("filter[type]=lead_added", &mut Vec::new()), Err(ClipboardError::TimedOut));
        let waited = start.elapsed();
        assert!(waited >= SHORT && waited < Duration::from_secs(2), "waited {waited:?}");
        let start = Instant::now();
        assert_eq!(clipboard.copy("again", &mut Vec::new()), Err(ClipboardError::TimedOut));
        assert!(start.elapsed() < SHORT, "the stuck clipboard is not waited for twice");
    }

    #[test]
    fn auto_mode_falls_back_to_osc52_when_the_system_clipboard_times_out() {
        let (factory, _release) = stuck();
        let mut clipboard = SystemClipboard::with_backend(ClipboardMode::Auto, false, factory, SHORT);
        let mut terminal = Vec::new();
        assert_eq!(clipboard.copy("q", &mut terminal), Ok(CopyPath::Osc52));
        assert_eq!(terminal, osc52_sequence("q").into_bytes());
    }

    #[test]
    fn a_missing_display_is_reported_with_its_reason_every_time() {
        let mut clipboard =
            SystemClipboard::with_backend(ClipboardMode::Native, false, missing_display(), SHORT);
        let error = ClipboardError::Unavailable("no DISPLAY".into());
        assert_eq!(clipboard.copy("q", &mut Vec::new()), Err(error.clone()));
        assert_eq!(clipboard.copy("q", &mut Vec::new()), Err(error.clone()));
        // One clause: the reason is not wrapped in a second "no system clipboard".
        assert_eq!(error.to_string(), "the system clipboard refused: no DISPLAY");
        assert_eq!(
            crate::i18n::screen_messages::clipboard_reason(
                &ClipboardError::NoSystemClipboard,
                crate::i18n::Lang::Es
            ),
            "no hay portapapeles del sistema aquí (SSH o sin pantalla)"
        );
    }

    #[test]
    fn the_native_clipboard_gets_the_text_and_remembers_it_for_after_exit() {
        let copies = Arc::new(Mutex::new(Vec::new()));
        let recorder = Recorder(Arc::clone(&copies));
        let factory: BackendFactory = Box::new(move || Ok(Box::new(recorder) as Box<dyn NativeBackend>));
        let mut clipboard = SystemClipboard::with_backend(ClipboardMode::Native, false, factory, SHORT * 20);
        assert_eq!(clipboard.copy("a", &mut Vec::new()), Ok(CopyPath::Native));
        assert_eq!(clipboard.copy("b", &mut Vec::new()), Ok(CopyPath::Native));
        assert_eq!(*copies.lock().unwrap(), ["a", "b"]);
        assert_eq!(clipboard.last_native_copy.as_deref(), Some("b"));
    }

    #[test]
    fn osc52_into_a_terminal_that_cannot_be_written_says_why() {
        let mut clipboard = SystemClipboard::new(ClipboardMode::Osc52, false);
        let result = clipboard.copy("q", &mut BrokenTerminal);
        assert_eq!(result, Err(ClipboardError::Terminal("terminal closed".into())));
        assert_eq!(result.unwrap_err().to_string(), "could not write to the terminal (terminal closed)");
    }

    #[test]
    fn the_osc52_sequence_carries_utf8_in_base64() {
        assert_eq!(osc52_sequence("ñ"), "\x1b]52;c;w7E=\x1b\\");
        assert_eq!(osc52_sequence(""), "\x1b]52;c;\x1b\\");
    }

    #[test]
    fn osc52_mode_writes_the_sequence_to_the_terminal() {
        let mut terminal = Vec::new();
        let mut clipboard = SystemClipboard::new(ClipboardMode::Osc52, false);
        let path = clipboard.copy("filter[type]=lead_added", &mut terminal).unwrap();
        assert_eq!(path, CopyPath::Osc52);
        assert_eq!(String::from_utf8(terminal).unwrap(), "\x1b]52;c;ZmlsdGVyW3R5cGVdPWxlYWRfYWRkZWQ=\x1b\\");
    }

    #[test]
    fn off_mode_copies_nothing_and_says_why() {
        let mut terminal = Vec::new();
        let mut clipboard = SystemClipboard::new(ClipboardMode::Off, false);
        assert_eq!(clipboard.copy("x", &mut terminal), Err(ClipboardError::Disabled));
        assert!(terminal.is_empty());
    }

    #[test]
    fn auto_mode_without_a_display_uses_osc52() {
        let mut terminal = Vec::new();
        let mut clipboard = SystemClipboard::new(ClipboardMode::Auto, true);
        assert_eq!(clipboard.copy("x", &mut terminal), Ok(CopyPath::Osc52));
        assert!(!terminal.is_empty());
    }

    #[test]
    fn clipboard_mode_parses_the_documented_values() {
        assert_eq!(ClipboardMode::parse("OSC52"), Some(ClipboardMode::Osc52));
        assert_eq!(ClipboardMode::parse("native"), Some(ClipboardMode::Native));
        assert_eq!(ClipboardMode::parse("off"), Some(ClipboardMode::Off));
        assert_eq!(ClipboardMode::parse("auto"), Some(ClipboardMode::Auto));
        assert_eq!(ClipboardMode::parse("clipboard"), None);
    }
}
