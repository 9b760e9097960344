//! Colours and emphasis. Every meaning also has a non-colour mark (bold, underline, reverse, a
//! symbol), so `NO_COLOR` and 16-colour terminals lose nothing.

use ratatui::style::{Color, Modifier, Style};

/// The styles the panes draw with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focused: Style,
    pub header: Style,
    pub code: Style,
    pub highlight: Style,
    pub cursor_row: Style,
    pub selected_mark: Style,
    pub chip: Style,
    pub chip_focused: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    pub key: Style,
}

impl Theme {
    /// The default theme: the 16 ANSI colours only, which terminal themes adapt to light and dark backgrounds.
    pub fn color() -> Theme {
        let base = Theme::monochrome();
        Theme {
            dim: Style::new().fg(Color::DarkGray),
            title: base.title.fg(Color::Cyan),
            border_focused: Style::new().fg(Color::Cyan),
            header: base.header.fg(Color::Blue),
            code: Style::new().fg(Color::Green),
            highlight: base.highlight.fg(Color::Yellow),
            selected_mark: base.selected_mark.fg(Color::Magenta),
            chip: Style::new().fg(Color::Magenta),
            error: base.error.fg(Color::Red),
            warning: base.warning.fg(Color::Yellow),
            ok: base.ok.fg(Color::Green),
            key: base.key.fg(Color::Cyan),
            // Reversing coloured spans would give one background per span; resetting the colours
            // first makes the cursor row one even bar, with matches still bold and underlined.
            cursor_row: base.cursor_row.fg(Color::Reset).bg(Color::Reset),
            ..base
        }
    }

    /// No colours at all (`NO_COLOR`): emphasis through modifiers and symbols only.
    pub fn monochrome() -> Theme {
        Theme {
            text: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            title: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new(),
            highlight: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            cursor_row: Style::new().add_modifier(Modifier::REVERSED),
            selected_mark: Style::new().add_modifier(Modifier::BOLD),
            chip: Style::new(),
            chip_focused: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new().add_modifier(Modifier::BOLD),
            warning: Style::new(),
            ok: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Picks the theme the environment asks for: `NO_COLOR` set and non-empty means no colour.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::color(),
        }
    }
}
