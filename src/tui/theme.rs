//! Colours and emphasis. Every meaning also has a non-colour mark (bold, underline, reverse, a
//! symbol), so `NO_COLOR` and 16-colour terminals lose nothing.
//!
//! Only the 16 ANSI colours are used, and only those that stay readable on the usual light and dark
//! terminal themes: no black, white, grey or "dark grey" (bright black is the background colour in
//! Solarized dark), no yellow (unreadable on white), no plain blue (unreadable on black), and no
//! background colours. Dim text is the terminal's own faint attribute, never a grey.

use ratatui::style::{Color, Modifier, Style};

pub use crate::config::ColorChoice;

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
    /// The names [`Theme::named`] knows, for messages and completion.
    pub const NAMES: [&'static str; 3] = crate::config::THEME_NAMES;

    /// The theme called `name` (`default`, `mono`, `high-contrast`), or `None` for an unknown name.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "default" => Some(Theme::color()),
            "mono" => Some(Theme::monochrome()),
            "high-contrast" => Some(Theme::high_contrast()),
            _ => None,
        }
    }

    /// The default theme: the monochrome marks plus a few of the 16 ANSI colours, which terminal
    /// themes adapt to light and dark backgrounds.
    pub fn color() -> Theme {
        let base = Theme::monochrome();
        Theme {
            title: base.title.fg(Color::Cyan),
            border_focused: base.border_focused.fg(Color::Cyan),
            header: base.header.fg(Color::LightBlue),
            highlight: base.highlight.fg(Color::Magenta),
            selected_mark: base.selected_mark.fg(Color::Green),
            chip: base.chip.fg(Color::Green),
            chip_focused: base.chip_focused.fg(Color::Green),
            error: base.error.fg(Color::Red),
            warning: base.warning.fg(Color::Magenta),
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

    /// For low vision or washed-out screens: nothing faint, every mark bold, errors in red.
    pub fn high_contrast() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            text: Style::new(),
            dim: Style::new(),
            title: bold.add_modifier(Modifier::UNDERLINED),
            border: Style::new(),
            border_focused: bold,
            header: bold.add_modifier(Modifier::UNDERLINED),
            code: Style::new(),
            highlight: bold.add_modifier(Modifier::UNDERLINED),
            cursor_row: bold.add_modifier(Modifier::REVERSED),
            selected_mark: bold,
            chip: bold,
            chip_focused: bold.add_modifier(Modifier::REVERSED),
            error: bold.fg(Color::Red),
            warning: bold,
            ok: bold,
            key: bold,
        }
    }

    /// This theme for a terminal that does (`true`) or does not get colour.
    pub fn for_terminal(self, use_color: bool) -> Theme {
        if use_color {
            self
        } else {
            self.without_color()
        }
    }

    /// The same marks with every colour removed; the modifiers (bold, underline, reverse, dim) stay.
    pub fn without_color(self) -> Theme {
        let strip = |style: Style| Style { fg: None, bg: None, underline_color: None, ..style };
        Theme {
            text: strip(self.text),
            dim: strip(self.dim),
            title: strip(self.title),
            border: strip(self.border),
            border_focused: strip(self.border_focused),
            header: strip(self.header),
            code: strip(self.code),
            highlight: strip(self.highlight),
            cursor_row: strip(self.cursor_row),
            selected_mark: strip(self.selected_mark),
            chip: strip(self.chip),
            chip_focused: strip(self.chip_focused),
            error: strip(self.error),
            warning: strip(self.warning),
            ok: strip(self.ok),
            key: strip(self.key),
        }
    }

    fn styles(&self) -> [Style; 16] {
        [
            self.text,
            self.dim,
            self.title,
            self.border,
            self.border_focused,
            self.header,
            self.code,
            self.highlight,
            self.cursor_row,
            self.selected_mark,
            self.chip,
            self.chip_focused,
            self.error,
            self.warning,
            self.ok,
            self.key,
        ]
    }

    /// True when no style sets a colour.
    pub fn is_colorless(&self) -> bool {
        self.styles().iter().all(|s| s.fg.is_none() && s.bg.is_none() && s.underline_color.is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    fn every_theme() -> Vec<(&'static str, Theme)> {
        Theme::NAMES.iter().map(|name| (*name, Theme::named(name).expect("a known name"))).collect()
    }

    #[test]
    fn named_knows_the_three_themes_and_nothing_else() {
        assert_eq!(Theme::named("default"), Some(Theme::color()));
        assert_eq!(Theme::named("mono"), Some(Theme::monochrome()));
        assert_eq!(Theme::named("high-contrast"), Some(Theme::high_contrast()));
        assert_eq!(Theme::named("solarized"), None);
    }

    #[test]
    fn every_colour_is_one_of_the_16_that_read_on_light_and_dark_backgrounds() {
        // Reset is the terminal's own colour (the cursor bar resets span colours before reversing).
        let readable =
            [Color::Red, Color::Green, Color::Magenta, Color::Cyan, Color::LightBlue, Color::Reset];
        for (name, theme) in every_theme() {
            for style in theme.styles() {
                let bg = style.bg.filter(|bg| *bg != Color::Reset);
                assert_eq!(bg, None, "{name}: no background colours, the terminal's own is kept");
                if let Some(fg) = style.fg {
                    assert!(readable.contains(&fg), "{name} uses {fg:?}");
                }
            }
        }
    }

    #[test]
    fn the_default_theme_without_colour_is_the_monochrome_theme() {
        assert_eq!(Theme::color().without_color(), Theme::monochrome());
        assert!(Theme::monochrome().is_colorless());
        assert!(!Theme::color().is_colorless());
    }

    #[test]
    fn high_contrast_has_nothing_faint() {
        let theme = Theme::high_contrast();
        assert!(theme.styles().iter().all(|s| !s.add_modifier.contains(Modifier::DIM)));
    }

    #[test]
    fn color_choice_follows_no_color_only_in_auto() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(ColorChoice::Auto.use_color(true, None));
        assert!(ColorChoice::Auto.use_color(true, empty), "an empty NO_COLOR means colour");
        assert!(!ColorChoice::Auto.use_color(true, set));
        assert!(!ColorChoice::Auto.use_color(false, None), "no colour when not drawing on a terminal");
        assert!(ColorChoice::Always.use_color(false, set));
        assert!(!ColorChoice::Never.use_color(true, None));
    }
}
