//! What a user can ask for (`Action`), and the key bindings as a table: the same table resolves
//! keys, fills the footer and writes the help overlay, so the three never drift apart.

use std::sync::LazyLock;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::browser::OpenError;
use super::clipboard::{ClipboardError, CopyPath};
use super::input::Edit;
use super::names::{NamesFailure, RefreshedNames};
use crate::account::{Account, Part};
use crate::api::{FetchUpdate, TailUpdate};
use crate::filter::DraftField;
use crate::i18n::Texts;
use crate::state::{HistoryEntry, Snapshot};

/// Every change the screen can go through. `update` is the only place that applies them.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    MoveUp,
    MoveDown,
    PageUp,
    PageDown,
    First,
    Last,
    /// Tab: select/unselect the highlighted type, or fold/unfold the highlighted group.
    Toggle,
    /// Shift-Tab: like Toggle, then move up (fzf's convention).
    ToggleUp,
    /// Alt-A: select every type the search matches; when all already are, unselect them.
    SelectShown,
    /// Alt-G: the same for the group under the cursor.
    SelectGroup,
    /// Enter: print the query on stdout and exit 0 (or confirm a prompt).
    Accept,
    /// Ctrl-Y: copy the query.
    Copy,
    /// Ctrl-T: the next output format.
    CycleFormat,
    /// Move focus between the search and the composer.
    SwitchFocus,
    /// F9: the highlighted type's details in full, or back to the list.
    ToggleDetails,
    /// Ctrl-G: open in the browser the highlighted event's entity (results) or the highlighted
    /// type's docs page (list).
    OpenInBrowser,
    /// How opening `url` went.
    Opened {
        url: String,
        result: Result<(), OpenError>,
    },
    /// Alt-C: copy the highlighted type's code alone.
    CopyCode,
    /// The outcome of copying a code.
    CodeCopied(Result<CopyPath, ClipboardError>),
    /// Esc: close the overlay, leave the composer, or quit from the search.
    Back,
    /// Ctrl-C: quit printing nothing, exit 130.
    Interrupt,
    /// Ctrl-Z: give the terminal back to the shell until `fg`, as every full-screen program does.
    Suspend,
    Help,
    NextField,
    PrevField,
    RemoveChip,
    /// Text editing in whichever field has focus.
    Edit(Edit),
    /// A click on a line of the list (an index into its rows). The view turns a mouse position
    /// into this, so `update` needs no geometry of the drawing.
    ClickRow(usize),
    /// A click on a row of the composer.
    ClickField(DraftField),
    ScrollUp,
    ScrollDown,
    Resize {
        width: u16,
        height: u16,
    },
    Tick(Instant),
    /// The outcome of a copy the event loop carried out.
    Copied(Result<CopyPath, ClipboardError>),
    /// Ctrl-R: the last session and recent queries.
    Recent,
    /// Ctrl-V: load a query from the clipboard (or a prompt to paste it into).
    Paste,
    /// What the clipboard held when asked by `Paste`.
    Pasted(Result<String, ClipboardError>),
    /// Decode a query or URL and load it into the selection and the composer.
    Load(String),
    /// Replace the selection and the composer with saved ones (`--resume`, the Recent overlay).
    Restore(Snapshot),
    /// The recent queries changed (a query was accepted or copied).
    HistoryChanged(Vec<HistoryEntry>),
    /// Saving the recent queries failed; the text says why.
    HistoryNotSaved(String),
    /// The history file could not be read; it was renamed to this path and a new one started.
    HistorySetAside(String),
    /// The account's cache could not be written (the reason).
    AccountCacheNotSaved(String),
    /// Ctrl-X / F6: run the composed filter against the account and browse the events.
    Run,
    /// Ctrl-L / F3 on an id field (or the field id prompt): pick one of the account's names.
    PickName,
    /// Enter on an event: its raw JSON.
    ShowEvent,
    /// What a fetch started for run `generation` reported (pages, retries, the end or the error).
    Fetched {
        generation: u64,
        update: FetchUpdate,
    },
    /// What the tail of follow `generation` reported while the pane follows new events
    /// (`kommo-events tail`, generation 0, or F8).
    Followed {
        generation: u64,
        update: TailUpdate,
    },
    /// F8: follow the composed filter's new events live, as `kommo-events tail` does.
    Follow,
    /// The account's names to use (saved ones, at start); their types join the catalog.
    NamesLoaded(Box<Account>),
    /// F7: fetch the account's names again (or read `--account-dir` again).
    RefreshNames,
    /// The refresh is fetching this part.
    NamesFetching(Part),
    /// The refresh ended.
    NamesRefreshed(Result<Box<RefreshedNames>, NamesFailure>),
}

/// Work `update` asks the event loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Print `query` on stdout and exit 0; `problems` go to stderr as warnings.
    Accept { query: String, problems: Vec<String> },
    /// Exit 130, printing nothing.
    Quit,
    /// Restore the terminal, stop until the shell continues the program (`fg`), then take the
    /// terminal again and redraw everything.
    Suspend,
    /// Copy the text, then report back with `Action::Copied`.
    Copy(String),
    /// Copy a type's code, then report back with `Action::CodeCopied`.
    CopyCode(String),
    /// Open the page in the browser, then report back with `Action::Opened`.
    Open(String),
    /// Read the clipboard, then report back with `Action::Pasted`.
    ReadClipboard,
    /// Fetch the events at `path` (one page), stopping any fetch under way, and report back with
    /// `Action::Fetched { generation, .. }`.
    Fetch { generation: u64, path: String },
    /// Stop the fetch under way, if any (the run's pane was closed).
    StopFetch,
    /// Follow the filter's new events (stopping any fetch under way), reporting back with
    /// `Action::Followed { generation, .. }`.
    Follow { generation: u64, request: Box<crate::api::TailRequest> },
    /// Fetch the account's names again in the background, reporting back with
    /// `Action::NamesFetching` and `Action::NamesRefreshed`.
    RefreshNames,
}

/// Where the keyboard is, which decides what a key means. Every context is listed by
/// construction ([`KeyContext::all`], derived), so a binding meant for all of them (Ctrl-C) can
/// never miss one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum KeyContext {
    Search,
    /// The search with the highlighted type's details in full (F9): it types and moves as the
    /// search does, and Esc goes back to the list.
    Details,
    ComposerChips,
    DraftField,
    /// A composer field whose ids the account can name (users, stages, choices, catalogs).
    ComposerIdField,
    Help,
    Prompt,
    /// The prompt for a custom field's id, which can also be picked by name.
    FieldIdPrompt,
    /// The list of the account's names for a field.
    Picker,
    Recent,
    /// The events a run found.
    Results,
    /// The events `tail` follows (the results pane, without a query behind it).
    Following,
    /// One event's JSON.
    EventJson,
}

impl KeyContext {
    /// Every context, derived from the enum itself.
    pub fn all() -> &'static [KeyContext] {
        static ALL: LazyLock<Vec<KeyContext>> =
            LazyLock::new(|| <KeyContext as strum::IntoEnumIterator>::iter().collect());
        &ALL
    }
}

/// The part of the help overlay a binding is listed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpSection {
    Search,
    Composer,
    Results,
    Everywhere,
}

/// One key (or a few equivalent keys) and what it does where.
pub struct Binding {
    /// Keys as (code, modifiers); modifiers must match exactly, except SHIFT on BackTab. Empty
    /// for an entry of the help only (typing, the mouse).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the help.
    pub label: &'static str,
    pub action: Action,
    pub contexts: &'static [KeyContext],
    pub section: HelpSection,
    /// The footer is short: only the most useful bindings appear there, with a short text, and
    /// under a shorter label when one entry stands for several bindings (`↑↓`).
    pub footer: Option<FooterEntry>,
    /// False for bindings the help does not list (the overlays' own keys).
    pub in_help: bool,
    /// The footer keeps this entry at its end whatever else is cut (F1: the way to every key).
    pub keeps_its_place: bool,
    pub describe: fn(&Texts) -> &'static str,
}

/// How a binding shows in the footer.
#[derive(Clone, Copy)]
pub struct FooterEntry {
    pub label: &'static str,
    pub describe: fn(&Texts) -> &'static str,
    /// The one-word text of an essential key, for a narrow footer; `None` for a key the footer
    /// may leave out when there is no room.
    pub essential: Option<fn(&Texts) -> &'static str>,
}

/// A binding of `keys`, written `label`, to `action`: listed in the help, in no context until
/// [`Binding::within`] names them.
fn on(keys: &'static [(KeyCode, KeyModifiers)], label: &'static str, action: Action) -> Binding {
    Binding {
        keys,
        label,
        action,
        contexts: &[],
        section: HelpSection::Everywhere,
        footer: None,
        in_help: true,
        keeps_its_place: false,
        describe: |t| t.key_help,
    }
}

impl Binding {
    fn within(mut self, contexts: &'static [KeyContext]) -> Binding {
        self.contexts = contexts;
        self
    }

    fn search(mut self) -> Binding {
        self.section = HelpSection::Search;
        self
    }

    fn composer(mut self) -> Binding {
        self.section = HelpSection::Composer;
        self
    }

    fn everywhere(mut self) -> Binding {
        self.section = HelpSection::Everywhere;
        self
    }

    fn results(mut self) -> Binding {
        self.section = HelpSection::Results;
        self
    }

    /// In the footer, under the binding's own label.
    fn footer(mut self, describe: fn(&Texts) -> &'static str) -> Binding {
        self.footer = Some(FooterEntry { label: self.label, describe, essential: None });
        self
    }

    /// In the footer under `label`, standing for this binding and the ones beside it.
    fn footer_as(mut self, label: &'static str, describe: fn(&Texts) -> &'static str) -> Binding {
        self.footer = Some(FooterEntry { label, describe, essential: None });
        self
    }

    /// Always in the footer, at every width and in every language: when the full texts do not
    /// fit, under the one word `tiny`, and at the narrowest as its key alone.
    fn essential(mut self, tiny: fn(&Texts) -> &'static str) -> Binding {
        let entry = self.footer.as_mut().expect("an essential key has a footer entry");
        entry.essential = Some(tiny);
        self
    }

    fn keeps_its_place(mut self) -> Binding {
        self.keeps_its_place = true;
        self
    }

    fn not_in_help(mut self) -> Binding {
        self.in_help = false;
        self
    }

    fn help(mut self, describe: fn(&Texts) -> &'static str) -> Binding {
        self.describe = describe;
        self
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const LIST: &[KeyContext] = &[KeyContext::Search, KeyContext::Details];
const COMPOSER: &[KeyContext] =
    &[KeyContext::ComposerChips, KeyContext::DraftField, KeyContext::ComposerIdField];
const MAIN: &[KeyContext] = &[
    KeyContext::Search,
    KeyContext::Details,
    KeyContext::ComposerChips,
    KeyContext::DraftField,
    KeyContext::ComposerIdField,
];
const PROMPTS: &[KeyContext] = &[KeyContext::Prompt, KeyContext::FieldIdPrompt];
const NAMED: &[KeyContext] = &[KeyContext::ComposerIdField, KeyContext::FieldIdPrompt];
const PICKER: &[KeyContext] = &[KeyContext::Picker];
const RESULTS: &[KeyContext] = &[KeyContext::Results];
const EVENTS: &[KeyContext] = &[KeyContext::Results, KeyContext::Following];
const MAIN_AND_RESULTS: &[KeyContext] = &[
    KeyContext::Search,
    KeyContext::Details,
    KeyContext::ComposerChips,
    KeyContext::DraftField,
    KeyContext::Results,
];
const BROWSING: &[KeyContext] = &[KeyContext::Results, KeyContext::Following, KeyContext::EventJson];

/// Keys that several contexts share.
const UP: &[(KeyCode, KeyModifiers)] =
    &[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL), (KeyCode::Char('k'), CTRL)];
const DOWN: &[(KeyCode, KeyModifiers)] =
    &[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL), (KeyCode::Char('j'), CTRL)];
const PAGE_UP: &[(KeyCode, KeyModifiers)] = &[(KeyCode::PageUp, NONE)];
const PAGE_DOWN: &[(KeyCode, KeyModifiers)] = &[(KeyCode::PageDown, NONE)];
const HOME: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Home, NONE)];
const END: &[(KeyCode, KeyModifiers)] = &[(KeyCode::End, NONE)];
const ESC: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Esc, NONE)];
const ENTER: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Enter, NONE)];
const RUN: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Char('x'), CTRL), (KeyCode::F(6), NONE)];
const COPY: &[(KeyCode, KeyModifiers)] = &[(KeyCode::Char('y'), CTRL)];

/// The key bindings, in the order the help lists them (and the footer, where it shows them).
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    vec![
        // Not in the footer: the arrows need no saying, and Tab needs the room more.
        on(UP, "↑ C-p C-k", Action::MoveUp).within(LIST).search().help(|t| t.key_move),
        on(DOWN, "↓ C-n C-j", Action::MoveDown).within(LIST).search().help(|t| t.key_move),
        on(PAGE_UP, "PgUp", Action::PageUp).within(LIST).search().help(|t| t.key_page),
        on(PAGE_DOWN, "PgDn", Action::PageDown).within(LIST).search().help(|t| t.key_page),
        on(HOME, "Home", Action::First).within(LIST).search().help(|t| t.key_first_last),
        on(END, "End", Action::Last).within(LIST).search().help(|t| t.key_first_last),
        on(&[(KeyCode::Tab, NONE)], "Tab", Action::Toggle)
            .within(LIST)
            .search()
            .footer(|t| t.short_select)
            .help(|t| t.key_toggle),
        on(&[(KeyCode::BackTab, NONE)], "S-Tab", Action::ToggleUp)
            .within(LIST)
            .search()
            .help(|t| t.key_toggle_up),
        on(
            &[
                (KeyCode::Char('a'), CTRL),
                (KeyCode::Char('e'), CTRL),
                (KeyCode::Char('w'), CTRL),
                (KeyCode::Char('u'), CTRL),
            ],
            "C-a C-e C-w C-u",
            Action::Edit(Edit::Home),
        )
        .search()
        .help(|t| t.key_line_edit),
        on(&[(KeyCode::Down, NONE), (KeyCode::Tab, NONE)], "↓ Tab", Action::NextField)
            .within(COMPOSER)
            .composer()
            .footer(|t| t.short_field)
            .help(|t| t.key_next_field),
        on(&[(KeyCode::Up, NONE), (KeyCode::BackTab, NONE)], "↑ S-Tab", Action::PrevField)
            .within(COMPOSER)
            .composer()
            .help(|t| t.key_next_field),
        on(&[(KeyCode::Char('l'), CTRL), (KeyCode::F(3), NONE)], "C-l F3", Action::PickName)
            .within(NAMED)
            .composer()
            .footer(|t| t.short_pick)
            .help(|t| t.key_pick),
        on(&[(KeyCode::Delete, NONE), (KeyCode::Backspace, NONE)], "Del", Action::RemoveChip)
            .within(&[KeyContext::ComposerChips])
            .composer()
            .footer(|t| t.short_remove)
            .help(|t| t.key_remove_chip),
        on(ESC, "Esc", Action::Back)
            .within(COMPOSER)
            .composer()
            .footer(|t| t.short_search)
            .essential(|t| t.tiny_back)
            .help(|t| t.key_search),
        on(&[(KeyCode::Char('o'), CTRL), (KeyCode::F(2), NONE)], "C-o F2", Action::SwitchFocus)
            .within(LIST)
            .everywhere()
            .footer_as("C-o", |t| t.short_filter)
            .essential(|t| t.tiny_filter)
            .help(|t| t.key_composer),
        on(&[(KeyCode::F(9), NONE)], "F9", Action::ToggleDetails)
            .within(MAIN)
            .everywhere()
            .footer(|t| t.short_details)
            .essential(|t| t.tiny_details)
            .help(|t| t.key_details),
        // In the footer where the details are in full; they work from the list all the same.
        on(&[(KeyCode::Char('c'), ALT)], "M-c", Action::CopyCode)
            .within(&[KeyContext::Details])
            .search()
            .footer(|t| t.short_copy_code)
            .help(|t| t.key_copy_code),
        on(&[(KeyCode::Char('c'), ALT)], "M-c", Action::CopyCode)
            .within(&[KeyContext::Search])
            .not_in_help()
            .help(|t| t.key_copy_code),
        on(&[(KeyCode::Char('g'), CTRL)], "C-g", Action::OpenInBrowser)
            .within(&[KeyContext::Details])
            .search()
            .footer(|t| t.short_open_docs)
            .help(|t| t.key_open_docs),
        on(&[(KeyCode::Char('g'), CTRL)], "C-g", Action::OpenInBrowser)
            .within(&[KeyContext::Search])
            .not_in_help()
            .help(|t| t.key_open_docs),
        on(ENTER, "Enter", Action::Accept)
            .within(MAIN)
            .everywhere()
            .footer(|t| t.short_print)
            .essential(|t| t.tiny_print)
            .help(|t| t.key_accept),
        on(RUN, "C-x F6", Action::Run)
            .within(MAIN)
            .everywhere()
            .footer_as("C-x", |t| t.short_run)
            .essential(|t| t.tiny_run)
            .help(|t| t.key_run),
        on(COPY, "C-y", Action::Copy)
            .within(MAIN)
            .everywhere()
            .footer(|t| t.short_copy)
            .essential(|t| t.tiny_copy)
            .help(|t| t.key_copy),
        on(&[(KeyCode::Char('t'), CTRL), (KeyCode::F(4), NONE)], "C-t F4", Action::CycleFormat)
            .within(MAIN)
            .everywhere()
            .footer_as("C-t", |t| t.short_format)
            .essential(|t| t.tiny_format)
            .help(|t| t.key_format),
        on(&[(KeyCode::Char('o'), CTRL), (KeyCode::F(2), NONE)], "C-o", Action::SwitchFocus)
            .within(COMPOSER)
            .everywhere()
            .not_in_help()
            .help(|t| t.key_search),
        on(&[(KeyCode::F(1), NONE)], "F1", Action::Help)
            .within(MAIN)
            .everywhere()
            .footer(|t| t.short_help)
            .essential(|t| t.tiny_help)
            .keeps_its_place()
            .help(|t| t.key_help),
        on(&[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), KeyModifiers::SHIFT)], "?", Action::Help)
            .within(&[KeyContext::ComposerChips])
            .everywhere()
            .help(|t| t.key_help),
        on(UP, "↑↓ PgUp PgDn", Action::MoveUp)
            .within(&[KeyContext::Help])
            .everywhere()
            .footer(|t| t.short_scroll)
            .not_in_help()
            .help(|t| t.key_move),
        on(DOWN, "↓", Action::MoveDown)
            .within(&[KeyContext::Help])
            .everywhere()
            .not_in_help()
            .help(|t| t.key_move),
        on(PAGE_UP, "PgUp", Action::PageUp)
            .within(&[KeyContext::Help])
            .everywhere()
            .not_in_help()
            .help(|t| t.key_page),
        on(PAGE_DOWN, "PgDn", Action::PageDown)
            .within(&[KeyContext::Help])
            .everywhere()
            .not_in_help()
            .help(|t| t.key_page),
        on(
            &[
                (KeyCode::Esc, NONE),
                (KeyCode::F(1), NONE),
                (KeyCode::Char('?'), NONE),
                (KeyCode::Char('q'), NONE),
            ],
            "Esc",
            Action::Back,
        )
        .within(&[KeyContext::Help])
        .everywhere()
        .footer(|t| t.short_close)
        .not_in_help()
        .help(|t| t.key_back),
        on(ENTER, "Enter", Action::Accept)
            .within(PROMPTS)
            .everywhere()
            .footer(|t| t.short_confirm)
            .not_in_help()
            .help(|t| t.key_confirm),
        on(ESC, "Esc", Action::Back)
            .within(PROMPTS)
            .everywhere()
            .footer(|t| t.short_cancel)
            .not_in_help()
            .help(|t| t.key_cancel),
        on(UP, "↑↓", Action::MoveUp)
            .within(PICKER)
            .composer()
            .footer(|t| t.short_move)
            .not_in_help()
            .help(|t| t.key_move),
        on(DOWN, "↓", Action::MoveDown).within(PICKER).composer().not_in_help().help(|t| t.key_move),
        on(&[(KeyCode::Tab, NONE), (KeyCode::Enter, NONE)], "Tab Enter", Action::Accept)
            .within(PICKER)
            .composer()
            .footer(|t| t.short_pick_chosen)
            .not_in_help()
            .help(|t| t.key_pick),
        on(ESC, "Esc", Action::Back)
            .within(PICKER)
            .composer()
            .footer(|t| t.short_cancel)
            .not_in_help()
            .help(|t| t.key_cancel),
        on(ESC, "Esc", Action::Back)
            .within(&[KeyContext::Search])
            .search()
            .footer(|t| t.short_quit)
            .essential(|t| t.tiny_quit)
            .help(|t| t.key_quit),
        on(ESC, "Esc", Action::Back)
            .within(&[KeyContext::Details])
            .search()
            .footer(|t| t.short_back)
            .essential(|t| t.tiny_back)
            .not_in_help()
            .help(|t| t.key_details),
        // Late in the table, so a narrow footer drops them before the keys above.
        on(&[(KeyCode::Char('a'), ALT)], "M-a", Action::SelectShown)
            .within(LIST)
            .search()
            .footer(|t| t.short_select_all)
            .help(|t| t.key_select_shown),
        on(&[(KeyCode::Char('g'), ALT)], "M-g", Action::SelectGroup)
            .within(LIST)
            .search()
            .footer(|t| t.short_select_group)
            .help(|t| t.key_select_group),
        on(&[(KeyCode::Char('v'), CTRL), (KeyCode::F(5), NONE)], "C-v F5", Action::Paste)
            .within(MAIN)
            .everywhere()
            .help(|t| t.key_paste),
        on(&[(KeyCode::Char('r'), CTRL)], "C-r", Action::Recent)
            .within(MAIN)
            .everywhere()
            .help(|t| t.key_recent),
        on(UP, "↑↓", Action::MoveUp)
            .within(&[KeyContext::Recent])
            .everywhere()
            .footer(|t| t.short_move)
            .not_in_help()
            .help(|t| t.key_move),
        on(DOWN, "↓", Action::MoveDown)
            .within(&[KeyContext::Recent])
            .everywhere()
            .not_in_help()
            .help(|t| t.key_move),
        on(ENTER, "Enter", Action::Accept)
            .within(&[KeyContext::Recent])
            .everywhere()
            .footer(|t| t.short_restore)
            .not_in_help()
            .help(|t| t.key_confirm),
        on(&[(KeyCode::Esc, NONE), (KeyCode::Char('r'), CTRL)], "Esc", Action::Back)
            .within(&[KeyContext::Recent])
            .everywhere()
            .footer(|t| t.short_close)
            .not_in_help()
            .help(|t| t.key_back),
        on(&[(KeyCode::F(7), NONE)], "F7", Action::RefreshNames)
            .within(MAIN_AND_RESULTS)
            .everywhere()
            .help(|t| t.key_refresh_names),
        on(&[(KeyCode::F(8), NONE)], "F8", Action::Follow).within(MAIN).everywhere().help(|t| t.key_follow),
        on(UP, "↑ C-p C-k", Action::MoveUp)
            .within(BROWSING)
            .results()
            .footer_as("↑↓", |t| t.short_move)
            .help(|t| t.key_move),
        on(DOWN, "↓ C-n C-j", Action::MoveDown).within(BROWSING).results().help(|t| t.key_move),
        on(PAGE_UP, "PgUp", Action::PageUp).within(BROWSING).results().help(|t| t.key_page),
        on(PAGE_DOWN, "PgDn", Action::PageDown).within(BROWSING).results().help(|t| t.key_page),
        on(HOME, "Home", Action::First).within(BROWSING).results().help(|t| t.key_first_last),
        on(END, "End", Action::Last).within(BROWSING).results().help(|t| t.key_first_last),
        on(ENTER, "Enter", Action::ShowEvent)
            .within(EVENTS)
            .results()
            .footer(|t| t.short_open_event)
            .help(|t| t.key_open_event),
        on(COPY, "C-y", Action::Copy)
            .within(&[KeyContext::EventJson])
            .results()
            .footer(|t| t.short_copy)
            .help(|t| t.key_copy_event),
        on(&[(KeyCode::Char('g'), CTRL)], "C-g", Action::OpenInBrowser)
            .within(BROWSING)
            .results()
            .footer(|t| t.short_open_page)
            .help(|t| t.key_open_entity),
        on(RUN, "C-x F6", Action::Run).within(RESULTS).results().not_in_help().help(|t| t.key_run),
        on(&[], "type", Action::Edit(Edit::End)).within(EVENTS).results().help(|t| t.key_filter_events),
        on(ESC, "Esc", Action::Back)
            .within(RESULTS)
            .results()
            .footer(|t| t.short_back)
            .help(|t| t.key_results_back),
        on(ESC, "Esc", Action::Back)
            .within(&[KeyContext::Following])
            .results()
            .footer(|t| t.short_quit)
            .help(|t| t.key_following_back),
        on(&[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE)], "Esc", Action::Back)
            .within(&[KeyContext::EventJson])
            .results()
            .footer(|t| t.short_back)
            .not_in_help()
            .help(|t| t.key_results_back),
        on(&[(KeyCode::Char('c'), CTRL)], "C-c", Action::Interrupt)
            .within(KeyContext::all())
            .everywhere()
            .help(|t| t.key_quit),
        on(&[(KeyCode::Char('z'), CTRL)], "C-z", Action::Suspend)
            .within(KeyContext::all())
            .everywhere()
            .help(|t| t.key_suspend),
        on(&[], "mouse", Action::ScrollDown).everywhere().help(|t| t.key_mouse),
    ]
});

/// The bindings that apply in a context (for the footer).
pub fn bindings_for(context: KeyContext) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |binding| binding.contexts.contains(&context))
}

/// What a key press means in a context; `None` for keys that do nothing there.
/// Releases and repeats-as-releases are ignored: Windows reports both press and release.
pub fn action_for_key(key: KeyEvent, context: KeyContext) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let bound = bindings_for(context)
        .find(|binding| binding.keys.iter().any(|&(code, mods)| same_key(key, code, mods)));
    if let Some(binding) = bound {
        return Some(binding.action.clone());
    }
    if matches!(context, KeyContext::Help | KeyContext::Recent | KeyContext::EventJson) {
        return None;
    }
    edit_for_key(key, context).map(Action::Edit)
}

fn same_key(key: KeyEvent, code: KeyCode, mods: KeyModifiers) -> bool {
    if key.code != code {
        return false;
    }
    // Terminals differ in whether Shift is reported with BackTab and with shifted characters.
    match code {
        KeyCode::BackTab => true,
        KeyCode::Char(_) if mods == NONE => key.modifiers.difference(KeyModifiers::SHIFT).is_empty(),
        _ => key.modifiers == mods,
    }
}

/// Text editing, for whichever field has focus (the search, a composer field, a prompt).
fn edit_for_key(key: KeyEvent, context: KeyContext) -> Option<Edit> {
    // Where Up/Down move a list, Ctrl-K moves it too and does not delete.
    let in_list = matches!(
        context,
        KeyContext::Search | KeyContext::Details | KeyContext::Results | KeyContext::Following
    );
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if !control && !key.modifiers.contains(KeyModifiers::ALT) => Some(Edit::Insert(c)),
        KeyCode::Char('a') if control => Some(Edit::Home),
        KeyCode::Char('e') if control => Some(Edit::End),
        KeyCode::Char('w') if control => Some(Edit::DeleteWordBack),
        KeyCode::Char('u') if control => Some(Edit::DeleteToStart),
        KeyCode::Char('k') if control && !in_list => Some(Edit::DeleteToEnd),
        // Ctrl-H is what many terminals send for Backspace: treat it as Backspace, bind nothing else to it.
        KeyCode::Char('h') if control => Some(Edit::DeleteBack),
        KeyCode::Char('b') if control => Some(Edit::Left),
        KeyCode::Char('f') if control => Some(Edit::Right),
        KeyCode::Char('d') if control => Some(Edit::DeleteForward),
        KeyCode::Backspace => Some(Edit::DeleteBack),
        KeyCode::Delete => Some(Edit::DeleteForward),
        KeyCode::Left => Some(Edit::Left),
        KeyCode::Right => Some(Edit::Right),
        KeyCode::Home if !in_list => Some(Edit::Home),
        KeyCode::End if !in_list => Some(Edit::End),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn tab_toggles_in_the_list_and_moves_in_the_composer() {
        assert_eq!(action_for_key(press(KeyCode::Tab, NONE), KeyContext::Search), Some(Action::Toggle));
        assert_eq!(
            action_for_key(press(KeyCode::Tab, NONE), KeyContext::DraftField),
            Some(Action::NextField)
        );
    }

    #[test]
    fn fzf_movement_keys_move_while_the_search_has_focus() {
        for (code, mods, expected) in [
            (KeyCode::Char('k'), CTRL, Action::MoveUp),
            (KeyCode::Char('j'), CTRL, Action::MoveDown),
            (KeyCode::Char('p'), CTRL, Action::MoveUp),
            (KeyCode::Char('n'), CTRL, Action::MoveDown),
            (KeyCode::Home, NONE, Action::First),
            (KeyCode::End, NONE, Action::Last),
        ] {
            assert_eq!(action_for_key(press(code, mods), KeyContext::Search), Some(expected));
        }
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = press(KeyCode::Tab, NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for_key(release, KeyContext::Search), None);
    }

    #[test]
    fn ctrl_h_is_backspace_and_nothing_else() {
        for context in [KeyContext::Search, KeyContext::DraftField, KeyContext::Prompt] {
            assert_eq!(
                action_for_key(press(KeyCode::Char('h'), CTRL), context),
                Some(Action::Edit(Edit::DeleteBack))
            );
        }
        assert!(BINDINGS.iter().all(|b| !b.keys.contains(&(KeyCode::Char('h'), CTRL))));
    }

    #[test]
    fn question_mark_is_typed_in_text_fields_and_opens_help_elsewhere() {
        let question = press(KeyCode::Char('?'), NONE);
        assert_eq!(action_for_key(question, KeyContext::Search), Some(Action::Edit(Edit::Insert('?'))));
        assert_eq!(action_for_key(question, KeyContext::ComposerChips), Some(Action::Help));
    }

    #[test]
    fn shifted_letters_are_typed() {
        assert_eq!(
            action_for_key(press(KeyCode::Char('L'), KeyModifiers::SHIFT), KeyContext::Search),
            Some(Action::Edit(Edit::Insert('L')))
        );
    }

    #[test]
    fn following_browses_and_filters_but_runs_nothing() {
        let following = KeyContext::Following;
        assert_eq!(action_for_key(press(KeyCode::Char('x'), CTRL), following), None);
        assert_eq!(action_for_key(press(KeyCode::F(6), NONE), following), None);
        assert_eq!(action_for_key(press(KeyCode::Enter, NONE), following), Some(Action::ShowEvent));
        assert_eq!(action_for_key(press(KeyCode::Esc, NONE), following), Some(Action::Back));
        assert_eq!(action_for_key(press(KeyCode::Char('k'), CTRL), following), Some(Action::MoveUp));
        assert_eq!(
            action_for_key(press(KeyCode::Char('q'), NONE), following),
            Some(Action::Edit(Edit::Insert('q')))
        );
    }

    #[test]
    fn ctrl_x_and_f6_run_the_query_from_the_list_and_the_composer() {
        for context in [KeyContext::Search, KeyContext::ComposerChips, KeyContext::DraftField] {
            assert_eq!(action_for_key(press(KeyCode::Char('x'), CTRL), context), Some(Action::Run));
            assert_eq!(action_for_key(press(KeyCode::F(6), NONE), context), Some(Action::Run));
        }
        assert_eq!(
            action_for_key(press(KeyCode::Char('x'), NONE), KeyContext::Results),
            Some(Action::Edit(Edit::Insert('x')))
        );
    }

    #[test]
    fn q_is_typed_in_the_results_filter_and_goes_back_from_the_json() {
        let q = press(KeyCode::Char('q'), NONE);
        assert_eq!(action_for_key(q, KeyContext::Results), Some(Action::Edit(Edit::Insert('q'))));
        assert_eq!(action_for_key(q, KeyContext::EventJson), Some(Action::Back));
        for (code, mods, edit) in [
            (KeyCode::Backspace, NONE, Edit::DeleteBack),
            (KeyCode::Char('w'), CTRL, Edit::DeleteWordBack),
            (KeyCode::Char('u'), CTRL, Edit::DeleteToStart),
        ] {
            assert_eq!(action_for_key(press(code, mods), KeyContext::Results), Some(Action::Edit(edit)));
        }
        assert_eq!(action_for_key(press(KeyCode::Esc, NONE), KeyContext::Results), Some(Action::Back));
        assert_eq!(action_for_key(press(KeyCode::End, NONE), KeyContext::Results), Some(Action::Last));
    }

    #[test]
    fn ctrl_l_and_f3_pick_names_only_where_the_account_can_name_ids() {
        for context in [KeyContext::ComposerIdField, KeyContext::FieldIdPrompt] {
            assert_eq!(action_for_key(press(KeyCode::Char('l'), CTRL), context), Some(Action::PickName));
            assert_eq!(action_for_key(press(KeyCode::F(3), NONE), context), Some(Action::PickName));
        }
        for context in [KeyContext::Search, KeyContext::DraftField, KeyContext::Prompt] {
            assert_eq!(action_for_key(press(KeyCode::F(3), NONE), context), None);
        }
    }

    #[test]
    fn in_the_picker_letters_filter_and_tab_or_enter_pick() {
        let picker = KeyContext::Picker;
        assert_eq!(
            action_for_key(press(KeyCode::Char('a'), NONE), picker),
            Some(Action::Edit(Edit::Insert('a')))
        );
        assert_eq!(action_for_key(press(KeyCode::Tab, NONE), picker), Some(Action::Accept));
        assert_eq!(action_for_key(press(KeyCode::Enter, NONE), picker), Some(Action::Accept));
        assert_eq!(action_for_key(press(KeyCode::Char('n'), CTRL), picker), Some(Action::MoveDown));
    }

    #[test]
    fn ctrl_z_suspends_everywhere() {
        for &context in KeyContext::all() {
            assert_eq!(
                action_for_key(press(KeyCode::Char('z'), CTRL), context),
                Some(Action::Suspend),
                "{context:?}"
            );
        }
    }

    #[test]
    fn ctrl_c_interrupts_everywhere() {
        // Every context the enum has, not a list kept by hand (which once missed Recent).
        assert_eq!(KeyContext::all().len(), 13);
        for &context in KeyContext::all() {
            assert_eq!(
                action_for_key(press(KeyCode::Char('c'), CTRL), context),
                Some(Action::Interrupt),
                "{context:?}"
            );
        }
        assert_eq!(
            action_for_key(press(KeyCode::Char('c'), CTRL), KeyContext::Recent),
            Some(Action::Interrupt)
        );
    }

    #[test]
    fn every_footer_summary_belongs_to_a_binding_with_keys_and_f1_keeps_its_place() {
        for binding in BINDINGS.iter().filter(|binding| binding.footer.is_some()) {
            assert!(!binding.keys.is_empty(), "footer entry {:?} has no keys of its own", binding.label);
        }
        let kept: Vec<&str> = BINDINGS.iter().filter(|b| b.keeps_its_place).map(|b| b.label).collect();
        assert_eq!(kept, ["F1"]);
    }
}
