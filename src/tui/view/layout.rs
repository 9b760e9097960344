//! Where each pane goes for a terminal size. The renderer draws into these rectangles, and
//! `update` uses the same ones for page sizes and mouse clicks, so they always agree.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::Focus;

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
    /// Everything between the search and the status line (the results of a run take it all).
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Splits the terminal; `None` when it is smaller than [`MIN_WIDTH`]x[`MIN_HEIGHT`].
pub fn areas(screen: Rect, focus: Focus) -> Option<Areas> {
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
    let (list, detail, composer) =
        if screen.width >= WIDE && screen.height >= TALL && focus == Focus::Composer {
            // Editing the filter: the composer takes the whole right column, the detail can wait.
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(46), Constraint::Percentage(54)]).areas(body);
            (Some(left), None, Some(right))
        } else if screen.width >= WIDE && screen.height >= TALL {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(46), Constraint::Percentage(54)]).areas(body);
            let detail_height = (right.height * 2 / 5).clamp(8, 12);
            let [detail, composer] =
                Layout::vertical([Constraint::Length(detail_height), Constraint::Min(1)]).areas(right);
            (Some(left), Some(detail), Some(composer))
        } else if focus == Focus::Composer {
            (None, None, Some(body))
        } else {
            (Some(body), None, None)
        };
    Some(Areas { search, list, detail, composer, body, status, footer })
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
