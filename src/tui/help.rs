//! What the help overlay says, as plain lines without styles: the view styles and draws them, and
//! `update` counts them to know how far the help scrolls. Both read this one list, so the scroll
//! range is exact.

use ratatui::layout::Rect;

use super::action::{HelpSection, BINDINGS};
use super::layout::{help_width, max_scroll};
use crate::i18n::{Lang, Texts};
use crate::text::wrap_words;

/// One screen row of the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section's title: where the keys below act.
    Heading(&'static str),
    /// The keys that do one thing (several joined with " / "), and what they do: a description
    /// too long for the box goes on in rows of its own, under it, with no keys.
    Keys {
        keys: String,
        description: String,
    },
    Blank,
    /// A line of the search syntax's explanation, wrapped to the box.
    Text(String),
    /// How to close the help.
    Close(&'static str),
}

/// The width of the keys' column.
pub const KEYS_WIDTH: usize = 22;

/// The help's lines at `width` columns of text.
pub fn help_lines(lang: Lang, width: usize) -> Vec<HelpLine> {
    let texts = lang.texts();
    let sections = [
        (HelpSection::Search, texts.context_search),
        (HelpSection::Composer, texts.context_composer),
        (HelpSection::Everywhere, texts.context_everywhere),
        (HelpSection::Results, texts.context_results),
    ];
    let mut lines = Vec::new();
    for (section, title) in sections {
        lines.push(HelpLine::Heading(title));
        // The key column, its indent and the gap after it take this much of each row.
        let room = width.saturating_sub(KEYS_WIDTH + 4).max(12);
        for (keys, description) in merged_rows(section, texts) {
            let mut parts = wrap_words(description, room).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(HelpLine::Keys { keys, description: first });
            lines.extend(parts.map(|description| HelpLine::Keys { keys: String::new(), description }));
        }
        lines.push(HelpLine::Blank);
    }
    lines.extend(wrap_words(texts.help_search_syntax, width).into_iter().map(HelpLine::Text));
    lines.push(HelpLine::Close(texts.help_close));
    lines
}

/// How far the help can scroll on this screen (0 when it fits).
pub fn help_max_scroll(lang: Lang, screen: Rect) -> usize {
    max_scroll(screen, help_lines(lang, help_width(screen)).len())
}

/// The help rows of one section: bindings that do the same thing share a row.
fn merged_rows(section: HelpSection, texts: &Texts) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.section == section && b.in_help) {
        let description = (binding.describe)(texts);
        match rows.iter_mut().find(|(_, d)| *d == description) {
            Some((keys, _)) => {
                keys.push_str(" / ");
                keys.push_str(binding.label);
            }
            None => rows.push((binding.label.to_string(), description)),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::display_width;

    #[test]
    fn a_long_description_goes_on_under_its_keys_and_nothing_is_cut() {
        for width in [50, 76, 96] {
            let lines = help_lines(Lang::Es, width);
            let room = width - KEYS_WIDTH - 4;
            let mut format_rows = Vec::new();
            let mut in_format = false;
            for line in &lines {
                if let HelpLine::Keys { keys, description } = line {
                    assert!(display_width(description) <= room, "{width}: {description:?}");
                    if keys.starts_with("C-t") {
                        in_format = true;
                    } else if !keys.is_empty() {
                        in_format = false;
                    }
                    if in_format {
                        format_rows.push(description.clone());
                    }
                }
            }
            let whole = format_rows.join(" ");
            assert!(whole.ends_with("php, python, js"), "{width}: {whole}");
        }
    }
}
