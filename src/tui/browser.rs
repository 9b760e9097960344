//! Opening a page in the user's browser through the platform's opener (the `webbrowser` crate:
//! `BROWSER` first, then xdg-open and the desktop's own, `open` on macOS, the shell on Windows).
//! Where no browser can be shown (an SSH session, a console), it says why, and the screen shows
//! the address instead.

/// Why a page was not opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// No graphical display and no `BROWSER`: an SSH session or a console.
    NoDisplay,
    /// `BROWSER` names a browser that runs in the terminal, which would draw over this screen.
    TerminalBrowser(String),
    /// The opener failed (its reason, cut short).
    Failed(String),
}

/// Browsers that take over the terminal they start in.
const TERMINAL_BROWSERS: [&str; 9] =
    ["lynx", "links", "links2", "elinks", "w3m", "eww", "netrik", "retawq", "curl"];

/// Opens `url` in the browser, reading the environment through `env`.
pub fn open(url: &str, env: impl Fn(&str) -> Option<String>) -> Result<(), OpenError> {
    let set = |name: &str| env(name).filter(|value| !value.trim().is_empty());
    match set("BROWSER") {
        Some(browser) => {
            if let Some(name) = terminal_browser(&browser) {
                return Err(OpenError::TerminalBrowser(name));
            }
        }
        None if needs_display() && set("DISPLAY").is_none() && set("WAYLAND_DISPLAY").is_none() => {
            return Err(OpenError::NoDisplay)
        }
        None => {}
    }
    let mut options = webbrowser::BrowserOptions::new();
    options.with_suppress_output(true);
    webbrowser::open_browser_with_options(webbrowser::Browser::Default, url, &options)
        .map_err(|error| OpenError::Failed(crate::text::snippet(&error.to_string(), 120)))
}

/// True where browsers need an X or Wayland display (Linux and the BSDs).
fn needs_display() -> bool {
    cfg!(all(unix, not(target_os = "macos")))
}

/// The first command of `BROWSER` (a `:`-separated list of commands) when it is a terminal browser.
fn terminal_browser(browser: &str) -> Option<String> {
    let first = browser.split(':').next()?.split_whitespace().next()?;
    let name = std::path::Path::new(first).file_name()?.to_str()?;
    TERMINAL_BROWSERS.contains(&name).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_browser_is_not_started_over_the_screen() {
        let env = |name: &str| (name == "BROWSER").then(|| "/usr/bin/w3m %s".to_string());
        assert_eq!(open("https://example.com", env), Err(OpenError::TerminalBrowser("w3m".into())));
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn without_a_display_or_browser_it_says_so_and_starts_nothing() {
        let env = |name: &str| (name == "SSH_CONNECTION").then(|| "10.0.0.1 22 10.0.0.2 22".to_string());
        assert_eq!(open("https://example.com", env), Err(OpenError::NoDisplay));
    }
}
