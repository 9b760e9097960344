//! Where each pane goes for a terminal size: the one geometry module that the state code and the
//! renderer share. The renderer draws into these rectangles, and `update` uses the same ones for
//! page sizes, so they always agree. It knows nothing of the app but which pane has the keyboard.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Search,
    Composer,
}

/// Below this size the screen only says how much room it needs.
pub const MIN_WIDTH: u16 = 30;
/// Below this size the screen only says how much room it needs.
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, list, detail and composer are side by side.
const WIDE: u16 = 100;
const TALL: u16 = 20;

/// The rectangles of every pane; panes that do not fit are `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub list: Option<Rect>,
    pub detail: Option<Rect>,
    pub composer: Option<Rect>,
    /// Below the list on a compact screen: the selected types and the live query, so they are
    /// always in sight while the composer is one key away.
    pub summary: Option<Rect>,
    /// Everything between the search and the status line (the results of a run take it all).
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Rows of the compact screen's summary: its border, the chips line and two lines of query.
const SUMMARY_HEIGHT: u16 = 5;
/// Rows of the summary on a short compact screen (one line of query).
const SUMMARY_HEIGHT_SHORT: u16 = 4;

/// True when the screen is wide and tall enough for list, detail and composer side by side.
pub fn is_wide(screen: Rect) -> bool {
    screen.width >= WIDE && screen.height >= TALL
}

/// Splits the terminal; `None` when it is smaller than [`MIN_WIDTH`]x[`MIN_HEIGHT`].
/// `details` asks for the highlighted type's details in full: the whole body on a compact
/// screen, the whole right column on a wide one.
pub fn areas(screen: Rect, focus: Focus, details: bool) -> Option<Areas> {
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        return None;
    }
    let [search, body, status, footer] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    let mut areas =
        Areas { search, list: None, detail: None, composer: None, summary: None, body, status, footer };
    if is_wide(screen) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(46), Constraint::Percentage(54)]).areas(body);
        areas.list = Some(left);
        match (focus, details) {
            // Editing the filter: the composer takes the whole right column, the detail can wait.
            (Focus::Composer, _) => areas.composer = Some(right),
            (Focus::Search, true) => areas.detail = Some(right),
            (Focus::Search, false) => {
                let detail_height = (right.height * 2 / 5).clamp(8, 12);
                let [detail, composer] =
                    Layout::vertical([Constraint::Length(detail_height), Constraint::Min(1)]).areas(right);
                areas.detail = Some(detail);
                areas.composer = Some(composer);
            }
        }
        return Some(areas);
    }
    // Compact: one pane at a time in the body, the list with its summary by default.
    match (focus, details) {
        (Focus::Composer, _) => areas.composer = Some(body),
        (Focus::Search, true) => areas.detail = Some(body),
        (Focus::Search, false) => {
            let summary_height = if body.height >= 14 { SUMMARY_HEIGHT } else { SUMMARY_HEIGHT_SHORT };
            if body.height >= summary_height + 4 {
                let [list, summary] =
                    Layout::vertical([Constraint::Min(1), Constraint::Length(summary_height)]).areas(body);
                areas.list = Some(list);
                areas.summary = Some(summary);
            } else {
                areas.list = Some(body);
            }
        }
    }
    Some(areas)
}

impl Areas {
    /// Where the results pane goes: the body, or, while it follows new events (`tail`), the
    /// search's place too, since there are no event types to search then.
    pub fn results(&self, following: bool) -> Rect {
        if following {
            self.search.union(self.body)
        } else {
            self.body
        }
    }
}

/// Lines of the list that fit inside its border.
pub fn list_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(2))
}

/// Events that fit in the results pane: its rows inside the border, less the filter line.
pub fn event_rows(body: Rect) -> usize {
    list_rows(body).saturating_sub(1)
}

/// A box of `width` x `height` centred on `screen` (clamped to it).
pub fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(height.min(screen.height))]).flex(Flex::Center).areas(screen);
    let [area] =
        Layout::horizontal([Constraint::Length(width.min(screen.width))]).flex(Flex::Center).areas(row);
    area
}

/// The help box for a screen: as tall as its lines, at most the screen above the footer (which
/// shows how to scroll and close it).
pub fn help_area(screen: Rect, lines: usize) -> Rect {
    let above_footer = Rect { height: screen.height.saturating_sub(1), ..screen };
    centered(above_footer, screen.width.saturating_sub(4).min(100), (lines as u16).saturating_add(2))
}

/// The width of the help's text on this screen (the box less its border and padding).
pub fn help_width(screen: Rect) -> usize {
    usize::from(screen.width.saturating_sub(4).min(100).saturating_sub(4))
}

/// How far `lines` lines of help can scroll on this screen (0 when they fit).
pub fn max_scroll(screen: Rect, lines: usize) -> usize {
    lines.saturating_sub(usize::from(help_area(screen, lines).height.saturating_sub(2)))
}

/// The field rows shown, as (first, count): all of them when they fit with a preview of
/// `preview_lines`, else as many as leave the preview its lines, and up to 6 when that leaves
/// the preview its header and two lines of query (the live query is always in sight), scrolled
/// so that the focused row is visible. At least the focused row is shown.
/// `rows` is how many rows there are and `focused` the focused one's index.
pub fn field_window(rows: usize, focused: usize, area: Rect, preview_lines: usize) -> (usize, usize) {
    let inner_height = usize::from(area.height.saturating_sub(2));
    // One row for the "↓ N more" under the fields.
    let room_with_whole_preview = inner_height.saturating_sub(preview_lines + 1);
    let room_with_some_preview = inner_height.saturating_sub(preview_lines.min(3) + 1);
    let visible = rows.min(room_with_whole_preview.max(room_with_some_preview.min(6))).max(1);
    ((focused + 1).saturating_sub(visible), visible)
}
