//! The whole screen state, as plain data. Rendering reads it; only `update` changes it.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::account::Account;
use crate::api::ApiError;
use crate::filter::format::{FormatOptions, QueryFormat};
use crate::i18n::Lang;
use crate::search::index::{GroupHits, Hit, LastSearch, TypeIndex};
use crate::search::Query;
use crate::state::{HistoryEntry, Snapshot};

use super::action::KeyContext;
use super::composer::{compose, Composed, Composer, DraftField, Zone};
use super::input::TextInput;
use super::layout::{areas, list_rows, Areas};
use super::names::NamesRefresh;
use super::picker::{NameKind, Picker};
use super::results::EventRun;
use super::theme::Theme;
use ratatui::layout::Rect;

/// How long a toast stays in the status line.
pub const TOAST_TIME: Duration = Duration::from_secs(4);
/// How long an address stays in the status line, so it can be read and copied by hand.
pub const LINK_TOAST_TIME: Duration = Duration::from_secs(20);

pub use super::layout::Focus;

/// A box drawn over the panes that takes the keyboard until closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// Asking for the numeric field id of `custom_field_{FIELD_ID}_value_changed`.
    FieldId {
        input: TextInput,
        rejected: bool,
    },
    /// The last session and recent queries (Ctrl-R); `cursor` indexes [`App::recent_rows`].
    Recent {
        cursor: usize,
    },
    /// A query or URL to load into the composer (Ctrl-V), prefilled from the clipboard when it
    /// can be read; `note` says why it could not.
    LoadQuery {
        input: TextInput,
        note: Option<String>,
    },
    /// The account's names for the focused id field (or the field id prompt), to pick one by name.
    Picker(Box<Picker>),
}

/// One line of the Recent overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecentRow {
    /// The composer as the last run left it.
    LastSession,
    /// An index into [`App::history`].
    Query(usize),
}

/// A short message in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub is_error: bool,
    pub until: Instant,
}

/// One line of the grouped list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A group header; `group` indexes [`App::results`].
    Header { group: usize },
    /// An event type; `group` indexes [`App::results`], `hit` its hits.
    Event { group: usize, hit: usize },
}

/// Settings the screen starts with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub zone: Zone,
    /// The output format Enter prints and Ctrl-Y copies (Ctrl-T cycles it).
    pub format: QueryFormat,
    /// Styles and subdomain for the output.
    pub output: FormatOptions,
    /// Read the notes behind note events of a run (`--notes`).
    pub notes: bool,
    /// The account in use, as the title names it: the named account, else the account's host
    /// (`None`: no account set). Printable, at most 40 characters.
    pub account: Option<String>,
}

/// What the command line knows when the screen starts, handed to [`App::new`].
#[derive(Clone, Debug)]
pub struct Start {
    /// The account's names, for describing events (empty when none are saved).
    pub account: Account,
    /// The codes the account's names added to the catalog.
    pub account_codes: Vec<String>,
    /// Why the screen cannot run queries (no account or no token), or `None` when it can.
    pub run_blocked: Option<ApiError>,
    /// Why F7 cannot fetch the account's names again, or `None` when it can.
    pub names_blocked: Option<ApiError>,
    /// Queries accepted or copied recently, newest first.
    pub history: Vec<HistoryEntry>,
    /// The composer as the previous run left it, if saved.
    pub last_session: Option<Snapshot>,
    /// Open on the results pane following new events (`tail` on a terminal), polled this often.
    pub following: Option<Duration>,
    /// The wall clock when the screen starts, in Unix seconds: with the ticks' monotonic time it
    /// resolves dates in words (`last week`) without `update` reading a clock.
    pub wall_clock: i64,
}

impl Default for Start {
    /// A screen with no account: runs and F7 say what to set.
    fn default() -> Self {
        Start {
            account: Account::default(),
            account_codes: Vec::new(),
            run_blocked: Some(ApiError::NoAccount),
            names_blocked: Some(ApiError::NoAccount),
            history: Vec::new(),
            last_session: None,
            following: None,
            // The command line's edge: the one place the screen's wall clock is read.
            wall_clock: chrono::Utc::now().timestamp(),
        }
    }
}

/// The list of types: the search, what it matched, and where the cursor is.
pub struct TypeList {
    pub index: TypeIndex,
    pub search: TextInput,
    pub query: Query,
    /// What the last search matched, so a query that only narrows re-checks just that.
    pub last_search: LastSearch,
    /// Matching types by group (derived from the search).
    pub groups: Vec<GroupHits>,
    /// The visible lines of the list (derived from the groups and the folded ones).
    pub rows: Vec<Row>,
    /// Folded groups, by catalog group index.
    pub collapsed: HashSet<usize>,
    /// Index into `rows` of the highlighted line.
    pub cursor: usize,
    /// Index into `rows` of the first visible line.
    pub scroll: usize,
}

/// The filter being written: the selected types, the composer's rows, and what they mean.
pub struct FilterDraft {
    /// Selected type codes, in catalog order.
    pub selection: Vec<String>,
    /// The composer's rows as typed.
    pub fields: Composer,
    /// What the selection and the fields mean (derived).
    pub composed: Composed,
    /// What the last loaded query (Ctrl-V, `--load`) had that is not part of an events filter,
    /// as `(key, value)`: said under the query until the next load.
    pub loaded_unknown: Vec<(String, String)>,
    /// The moment (Unix seconds) `composed` was resolved at: dates in words (`today`, `-24h`)
    /// are resolved again when the minute has changed, so past midnight `today` is the new day.
    pub composed_at: i64,
}

/// The results pane.
pub struct ResultsPane {
    /// The last run's events; while `Some`, its pane has the keyboard.
    pub run: Option<EventRun>,
    /// Runs started so far, so late answers of an abandoned run are told apart.
    pub runs_started: u64,
}

/// The account the screen talks to, and its names.
pub struct AccountPart {
    /// The account's names, for describing events (empty when none are saved).
    pub names: Account,
    /// The codes the account's names added to the catalog, so new names replace them.
    pub codes: Vec<String>,
    /// Why the screen cannot run queries (no account or no token), or `None` when it can.
    pub run_blocked: Option<ApiError>,
    /// Why F7 cannot fetch the account's names again, or `None` when it can.
    pub names_blocked: Option<ApiError>,
    /// The refresh of the account's names under way.
    pub names_refresh: Option<NamesRefresh>,
}

/// Everything on the screen, in parts. Only `update` changes it once the loop runs; code outside
/// the crate reads it through the getters below.
pub struct App {
    pub(crate) settings: Settings,
    pub(crate) list: TypeList,
    pub(crate) composer: FilterDraft,
    pub(crate) results: ResultsPane,
    pub(crate) account: AccountPart,
    pub(crate) focus: Focus,
    /// The highlighted type's details shown in full (F9): the body of a compact screen, the
    /// right column of a wide one.
    pub(crate) details: bool,
    pub(crate) overlay: Option<Overlay>,
    /// How far the help overlay is scrolled.
    pub(crate) help_scroll: usize,
    pub(crate) toast: Option<Toast>,
    /// Terminal size (columns, rows).
    pub(crate) size: (u16, u16),
    /// Queries accepted or copied recently, newest first.
    pub(crate) history: Vec<HistoryEntry>,
    /// The composer as the previous run left it, if saved.
    pub(crate) last_session: Option<Snapshot>,
    /// The time of the last message (`Tick`), so toasts and spinners need no clock of their own.
    pub(crate) now: Instant,
    /// When the screen started, on the monotonic clock and the wall clock.
    started: (Instant, i64),
}

impl App {
    /// The screen at its start, over a catalog, at the terminal's `size` and the moment `now`.
    pub fn new(index: TypeIndex, settings: Settings, start: Start, size: (u16, u16), now: Instant) -> App {
        let fields = Composer::default();
        let composed =
            compose(&[], &fields, settings.zone, start.wall_clock, &settings.output, settings.format);
        let list = TypeList {
            index,
            search: TextInput::default(),
            query: Query::parse(""),
            last_search: LastSearch::default(),
            groups: Vec::new(),
            rows: Vec::new(),
            collapsed: HashSet::new(),
            cursor: 0,
            scroll: 0,
        };
        let mut results = ResultsPane { run: None, runs_started: 0 };
        if let Some(interval) = start.following {
            results.run = Some(EventRun::following(interval, now));
        }
        let mut app = App {
            settings,
            list,
            composer: FilterDraft {
                selection: Vec::new(),
                fields,
                composed,
                loaded_unknown: Vec::new(),
                composed_at: start.wall_clock,
            },
            results,
            account: AccountPart {
                names: start.account,
                codes: start.account_codes,
                run_blocked: start.run_blocked,
                names_blocked: start.names_blocked,
                names_refresh: None,
            },
            focus: Focus::Search,
            details: false,
            overlay: None,
            help_scroll: 0,
            toast: None,
            size,
            history: start.history,
            last_session: start.last_session,
            now,
            started: (now, start.wall_clock),
        };
        app.refresh_results();
        app
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn list(&self) -> &TypeList {
        &self.list
    }

    pub fn composer(&self) -> &FilterDraft {
        &self.composer
    }

    pub fn results(&self) -> &ResultsPane {
        &self.results
    }

    pub fn account(&self) -> &AccountPart {
        &self.account
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn details(&self) -> bool {
        self.details
    }

    /// Where each pane is drawn on the screen as it is now (`None` when it is too small).
    pub fn areas(&self) -> Option<Areas> {
        areas(Rect::new(0, 0, self.size.0, self.size.1), self.focus, self.details)
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn help_scroll(&self) -> usize {
        self.help_scroll
    }

    pub fn toast(&self) -> Option<&Toast> {
        self.toast.as_ref()
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    pub fn last_session(&self) -> Option<&Snapshot> {
        self.last_session.as_ref()
    }

    pub fn now(&self) -> Instant {
        self.now
    }

    /// The wall clock at the last tick, in Unix seconds.
    pub fn unix_now(&self) -> i64 {
        let (at, wall) = self.started;
        wall + self.now.saturating_duration_since(at).as_secs() as i64
    }

    /// The hit on a row, if it is an event row.
    pub fn hit_at(&self, row: usize) -> Option<&Hit> {
        match self.list.rows.get(row)? {
            Row::Event { group, hit } => self.list.groups.get(*group)?.hits.get(*hit),
            Row::Header { .. } => None,
        }
    }

    /// The highlighted event type's hit, if the cursor is on one.
    pub fn highlighted(&self) -> Option<&Hit> {
        self.hit_at(self.list.cursor)
    }

    /// The highlighted type itself.
    pub fn highlighted_event(&self) -> Option<&crate::catalog::EventType> {
        self.highlighted().map(|hit| &self.list.index.catalog().events()[hit.event])
    }

    /// How many types match the search.
    pub fn matched(&self) -> usize {
        self.list.groups.iter().map(|group| group.hits.len()).sum()
    }

    /// True when this code (or, for the template, any per-field code) is selected.
    pub fn is_selected(&self, code: &str) -> bool {
        if code == crate::catalog::PER_FIELD_TEMPLATE {
            return self.composer.selection.iter().any(|c| crate::filter::per_field_type_id(c).is_some());
        }
        self.composer.selection.iter().any(|c| c == code)
    }

    /// The composer and selection, for saving.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { selection: self.composer.selection.clone(), fields: self.composer.fields.texts_by_key() }
    }

    /// The lines of the Recent overlay: the last session first (when there is one), then the
    /// recent queries.
    pub fn recent_rows(&self) -> Vec<RecentRow> {
        let session = self.last_session.as_ref().filter(|s| !s.is_empty()).map(|_| RecentRow::LastSession);
        session.into_iter().chain((0..self.history.len()).map(RecentRow::Query)).collect()
    }

    /// Where the keyboard is, which decides what keys mean.
    pub fn key_context(&self) -> KeyContext {
        if self.overlay.is_none() {
            if let Some(run) = &self.results.run {
                let ends_screen = run.following.as_ref().is_some_and(|following| following.ends_screen);
                return match (run.json.is_some(), ends_screen) {
                    (true, _) => KeyContext::EventJson,
                    (false, true) => KeyContext::Following,
                    // Following from the explorer (F8) browses like a run, and Esc goes back.
                    (false, false) => KeyContext::Results,
                };
            }
        }
        match (&self.overlay, self.focus) {
            (Some(Overlay::Help), _) => KeyContext::Help,
            (Some(Overlay::FieldId { .. }), _) => KeyContext::FieldIdPrompt,
            (Some(Overlay::Recent { .. }), _) => KeyContext::Recent,
            (Some(Overlay::LoadQuery { .. }), _) => KeyContext::Prompt,
            (Some(Overlay::Picker(_)), _) => KeyContext::Picker,
            (None, Focus::Search) if self.details => KeyContext::Details,
            (None, Focus::Search) => KeyContext::Search,
            (None, Focus::Composer) if self.composer.fields.focused == DraftField::Types => {
                KeyContext::ComposerChips
            }
            (None, Focus::Composer) if NameKind::of_field(self.composer.fields.focused).is_some() => {
                KeyContext::ComposerIdField
            }
            (None, Focus::Composer) => KeyContext::DraftField,
        }
    }
}

/// The screen's derived state and its toast: each change to the state that others follow from
/// goes through these, called by `update` (the only code that changes the app during the loop).
impl App {
    pub(crate) fn show_toast(&mut self, text: String, is_error: bool) {
        self.show_toast_for(text, is_error, TOAST_TIME);
    }

    pub(crate) fn show_toast_for(&mut self, text: String, is_error: bool, time: Duration) {
        self.toast = Some(Toast { text, is_error, until: self.now + time });
    }

    /// Recomputes the matches and the visible rows after the search changed; the cursor goes to the
    /// best match, as in fzf.
    pub(crate) fn refresh_results(&mut self) {
        self.list.query = Query::parse(self.list.search.text());
        self.list.groups = self.list.index.grouped_after(&self.list.query, &mut self.list.last_search);
        self.rebuild_rows();
        let first_event = self.list.rows.iter().position(|row| matches!(row, Row::Event { .. })).unwrap_or(0);
        self.list.scroll = 0;
        self.set_cursor(first_event);
    }

    pub(crate) fn rebuild_rows(&mut self) {
        self.list.rows.clear();
        for (position, group) in self.list.groups.iter().enumerate() {
            self.list.rows.push(Row::Header { group: position });
            if !self.list.collapsed.contains(&group.group) {
                self.list.rows.extend((0..group.hits.len()).map(|hit| Row::Event { group: position, hit }));
            }
        }
    }

    pub(crate) fn refresh_composed(&mut self) {
        self.composer.fields.keep_focus_visible(&self.composer.selection);
        self.composer.composed_at = self.unix_now();
        self.composer.composed = compose(
            &self.composer.selection,
            &self.composer.fields,
            self.settings.zone,
            self.unix_now(),
            &self.settings.output,
            self.settings.format,
        );
        let unknown = self.list.index.catalog().unknown_types(&self.composer.composed.filter);
        if !unknown.is_empty() {
            self.composer.composed.problems.extend(unknown);
            self.composer.composed.problems.sort_by_key(|problem| problem.parameter);
        }
    }

    /// Resolves the dates in words again when the clock has moved to another minute since they
    /// were: the query on screen (and Enter's) is always the one for now.
    pub(crate) fn recompose_if_the_minute_changed(&mut self) {
        let words = [DraftField::CreatedFrom, DraftField::CreatedTo].iter().any(|&field| {
            crate::filter::relative::Relative::parse(self.composer.fields.text(field)).is_some()
        });
        if words && self.unix_now().div_euclid(60) != self.composer.composed_at.div_euclid(60) {
            self.refresh_composed();
        }
    }

    pub(crate) fn page_size(&self) -> usize {
        self.areas().and_then(|a| a.list).map_or(1, list_rows).max(1)
    }

    pub(crate) fn set_cursor(&mut self, row: usize) {
        self.list.cursor = row.min(self.list.rows.len().saturating_sub(1));
        self.keep_cursor_visible();
    }

    pub(crate) fn keep_cursor_visible(&mut self) {
        let height = self.page_size();
        if self.list.cursor < self.list.scroll {
            self.list.scroll = self.list.cursor;
        } else if self.list.cursor >= self.list.scroll + height {
            self.list.scroll = self.list.cursor + 1 - height;
        }
        let last_start = self.list.rows.len().saturating_sub(height);
        self.list.scroll = self.list.scroll.min(last_start);
        self.highlight_visible_rows(height);
    }

    /// Ranking leaves highlights out (finding them for 100,000 hits would cost a frame); the rows on
    /// screen get theirs whenever the list or its scroll changes.
    pub(crate) fn highlight_visible_rows(&mut self, height: usize) {
        let TypeList { index, query, groups, rows, scroll, .. } = &mut self.list;
        for row in rows.iter().skip(*scroll).take(height) {
            if let Row::Event { group, hit } = *row {
                index.fill_highlights(query, &mut groups[group].hits[hit]);
            }
        }
    }
}
