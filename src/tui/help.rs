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
    /// The keys that do one thing (several joined with " / "), and what they do.
    Keys {
        keys: String,
        description: &'static str,
    },
    Blank,
    /// A line of the search syntax's explanation, wrapped to the box.
    Text(String),
    /// How to close the help.
    Close(&'static str),
}

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
        lines.extend(
            merged_rows(section, texts)
                .into_iter()
                .map(|(keys, description)| HelpLine::Keys { keys, description }),
        );
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
