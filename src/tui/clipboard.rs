//! Copying the query: the system clipboard through arboard, or the terminal's clipboard through
//! the OSC 52 escape sequence (SSH sessions, tmux, machines without a display). Every call is
//! bounded in time; a missing clipboard is a message, never a crash, a hang or a lost query.

use std::fmt;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

/// How long a native clipboard call may take before we give up on it.
const NATIVE_TIMEOUT: Duration = Duration::from_secs(2);

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
    /// The system clipboard refused or is missing; the text says why.
    Unavailable(String),
    /// The system clipboard did not answer in time.
    TimedOut,
    /// Writing the escape sequence to the terminal failed.
    Terminal(String),
}

impl fmt::Display for ClipboardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Disabled => write!(f, "the clipboard is off (KOMMO_EVENTS_CLIPBOARD=off)"),
            Self::Unavailable(reason) => write!(f, "no system clipboard ({reason})"),
            Self::TimedOut => {
                write!(f, "the system clipboard did not answer within {}s", NATIVE_TIMEOUT.as_secs())
            }
            Self::Terminal(reason) => write!(f, "could not write to the terminal ({reason})"),
        }
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
        Err(ClipboardError::Unavailable("this clipboard cannot be read".into()))
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
    native: Option<NativeClipboard>,
    native_broken: bool,
    last_native_copy: Option<String>,
}

impl SystemClipboard {
    /// A clipboard following `mode`; `prefer_osc52` is true over SSH or without a display, where the
    /// user's clipboard is the terminal's, not this machine's.
    pub fn new(mode: ClipboardMode, prefer_osc52: bool) -> SystemClipboard {
        SystemClipboard { mode, prefer_osc52, native: None, native_broken: false, last_native_copy: None }
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
        if self.native_broken {
            return Err(ClipboardError::TimedOut);
        }
        let native = self.native.get_or_insert_with(NativeClipboard::start);
        let result = native.set_text(text);
        match &result {
            Ok(()) => self.last_native_copy = Some(text.to_string()),
            Err(ClipboardError::TimedOut) => self.native_broken = true,
            Err(_) => {}
        }
        result.map(|()| CopyPath::Native)
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
            ClipboardMode::Osc52 => {
                Err(ClipboardError::Unavailable("the terminal's clipboard cannot be read".into()))
            }
            ClipboardMode::Auto if self.prefer_osc52 => {
                Err(ClipboardError::Unavailable("no system clipboard here (SSH or no display)".into()))
            }
            ClipboardMode::Auto | ClipboardMode::Native => {
                if self.native_broken {
                    return Err(ClipboardError::TimedOut);
                }
                let native = self.native.get_or_insert_with(NativeClipboard::start);
                native.get_text()
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
        self.contents.clone().ok_or_else(|| ClipboardError::Unavailable("empty".into()))
    }
}

/// What the clipboard thread is asked to do; each request carries where to send the answer.
enum NativeRequest {
    Set(String, Sender<Result<(), ClipboardError>>),
    Get(Sender<Result<String, ClipboardError>>),
}

/// The arboard handle lives on its own thread: arboard calls can block on a slow or dead display
/// server, and the screen must keep answering.
struct NativeClipboard {
    requests: Sender<NativeRequest>,
}

impl NativeClipboard {
    fn start() -> NativeClipboard {
        let (requests, incoming) = mpsc::channel::<NativeRequest>();
        // If the thread cannot start, `incoming` is dropped and every request fails at once with a reason.
        let _ = thread::Builder::new().name("clipboard".into()).spawn(move || serve_requests(incoming));
        NativeClipboard { requests }
    }

    fn set_text(&self, text: &str) -> Result<(), ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.ask(NativeRequest::Set(text.to_string(), reply))?;
        wait_for(answer)
    }

    fn get_text(&self) -> Result<String, ClipboardError> {
        let (reply, answer) = mpsc::channel();
        self.ask(NativeRequest::Get(reply))?;
        wait_for(answer)
    }

    fn ask(&self, request: NativeRequest) -> Result<(), ClipboardError> {
        self.requests
            .send(request)
            .map_err(|_| ClipboardError::Unavailable("the clipboard thread is not running".into()))
    }
}

/// The thread's answer, or a timeout: a stuck display server must not freeze the screen.
fn wait_for<T>(answer: Receiver<Result<T, ClipboardError>>) -> Result<T, ClipboardError> {
    match answer.recv_timeout(NATIVE_TIMEOUT) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ClipboardError::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(ClipboardError::Unavailable("the clipboard thread stopped".into()))
        }
    }
}

/// One arboard handle for the program's life, opened on first use.
fn serve_requests(incoming: Receiver<NativeRequest>) {
    let mut handle: Option<arboard::Clipboard> = None;
    for request in incoming {
        let clipboard = match handle.as_mut() {
            Some(clipboard) => Ok(clipboard),
            None => {
                arboard::Clipboard::new().map(|clipboard| handle.insert(clipboard)).map_err(describe_arboard)
            }
        };
        // The asker may have timed out and gone; nothing to tell then.
        match request {
            NativeRequest::Set(text, reply) => {
                let _ = reply.send(clipboard.and_then(|c| c.set_text(text).map_err(describe_arboard)));
            }
            NativeRequest::Get(reply) => {
                let _ = reply.send(clipboard.and_then(|c| c.get_text().map_err(describe_arboard)));
            }
        }
    }
}

fn describe_arboard(error: arboard::Error) -> ClipboardError {
    ClipboardError::Unavailable(error.to_string().lines().next().unwrap_or("unknown error").to_string())
}

/// On X11 the copied text lives only as long as a process serves it. A detached child
/// (`kommo-events __serve-clipboard`) takes over and exits by itself when something else is copied.
#[cfg(all(unix, not(target_os = "macos")))]
fn keep_serving_after_exit(text: &str) {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let Ok(exe) = std::env::current_exe() else { return };
    let child = Command::new(exe)
        .arg("__serve-clipboard")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own process group, so closing the terminal or Ctrl-C does not take it down.
        .process_group(0)
        .spawn();
    if let Ok(mut child) = child {
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(text.as_bytes());
        }
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn keep_serving_after_exit(_text: &str) {}

/// The body of `kommo-events __serve-clipboard`: owns the X11 selection until it is replaced.
pub fn serve_clipboard_until_replaced(text: &str) -> Result<(), String> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        clipboard.set().wait().text(text.to_string()).map_err(|e| e.to_string())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        clipboard.set_text(text.to_string()).map_err(|e| e.to_string())
    }
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

/// The OSC 52 sequence that sets the clipboard to `text`.
pub fn osc52_sequence(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), enough for OSC 52.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64("ñ".as_bytes()), "w7E=");
    }

    #[test]
    fn osc52_mode_writes_the_sequence_to_the_terminal() {
        let mut terminal = Vec::new();
        let mut clipboard = SystemClipboard::new(ClipboardMode::Osc52, false);
        let path = clipboard.copy("filter[type]=lead_added", &mut terminal).unwrap();
        assert_eq!(path, CopyPath::Osc52);
        assert_eq!(String::from_utf8(terminal).unwrap(), "\x1b]52;c;ZmlsdGVyW3R5cGVdPWxlYWRfYWRkZWQ=\x07");
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
