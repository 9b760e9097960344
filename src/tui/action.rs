//! What a user can ask for (`Action`), and the key bindings as a table: the same table resolves
//! keys, fills the footer and writes the help overlay, so the three never drift apart.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::clipboard::{ClipboardError, CopyPath};
use super::input::Edit;
use super::names::{NamesFailure, RefreshedNames};
use crate::account::{Account, Part};
use crate::api::{FetchUpdate, TailUpdate};
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
    /// Enter: print the query on stdout and exit 0 (or confirm a prompt).
    Accept,
    /// Ctrl-Y: copy the query.
    Copy,
    /// Ctrl-T: the next output format.
    CycleFormat,
    /// Move focus between the search and the composer.
    SwitchFocus,
    /// Esc: close the overlay, leave the composer, or quit from the search.
    Back,
    /// Ctrl-C: quit printing nothing, exit 130.
    Interrupt,
    Help,
    NextField,
    PrevField,
    RemoveChip,
    /// Text editing in whichever field has focus.
    Edit(Edit),
    Click {
        column: u16,
        row: u16,
    },
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

/// Where the keyboard is, which decides what a key means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyContext {
    Search,
    ComposerChips,
    ComposerField,
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
    /// Keys as (code, modifiers); modifiers must match exactly, except SHIFT on BackTab.
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the keys are written in the footer and help.
    pub label: &'static str,
    pub action: Action,
    pub contexts: &'static [KeyContext],
    pub section: HelpSection,
    /// The footer is short: only the most useful bindings appear there, with a short text.
    pub footer: Option<fn(&Texts) -> &'static str>,
    /// False for footer-only summaries of bindings the help lists one by one.
    pub in_help: bool,
    pub describe: fn(&Texts) -> &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const LIST: &[KeyContext] = &[KeyContext::Search];
const COMPOSER: &[KeyContext] =
    &[KeyContext::ComposerChips, KeyContext::ComposerField, KeyContext::ComposerIdField];
const MAIN: &[KeyContext] =
    &[KeyContext::Search, KeyContext::ComposerChips, KeyContext::ComposerField, KeyContext::ComposerIdField];
const PROMPTS: &[KeyContext] = &[KeyContext::Prompt, KeyContext::FieldIdPrompt];
const NAMED: &[KeyContext] = &[KeyContext::ComposerIdField, KeyContext::FieldIdPrompt];
const PICKER: &[KeyContext] = &[KeyContext::Picker];
const ALL: &[KeyContext] = &[
    KeyContext::Search,
    KeyContext::ComposerChips,
    KeyContext::ComposerField,
    KeyContext::ComposerIdField,
    KeyContext::Help,
    KeyContext::Prompt,
    KeyContext::FieldIdPrompt,
    KeyContext::Picker,
    KeyContext::Results,
    KeyContext::Following,
    KeyContext::EventJson,
];
const RESULTS: &[KeyContext] = &[KeyContext::Results];
const EVENTS: &[KeyContext] = &[KeyContext::Results, KeyContext::Following];
const MAIN_AND_RESULTS: &[KeyContext] =
    &[KeyContext::Search, KeyContext::ComposerChips, KeyContext::ComposerField, KeyContext::Results];
const BROWSING: &[KeyContext] = &[KeyContext::Results, KeyContext::Following, KeyContext::EventJson];

/// A row of the binding table (see [`Binding`] for what each part means).
#[allow(clippy::too_many_arguments)]
const fn bind(
    keys: &'static [(KeyCode, KeyModifiers)],
    label: &'static str,
    action: Action,
    contexts: &'static [KeyContext],
    section: HelpSection,
    footer: Option<fn(&Texts) -> &'static str>,
    in_help: bool,
    describe: fn(&Texts) -> &'static str,
) -> Binding {
    Binding { keys, label, action, contexts, section, footer, in_help, describe }
}

/// The key bindings, in the order the help lists them: keys, label, action, where, help section,
/// footer text, listed in help, help text.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Footer summary of the two bindings below; it has no keys of its own.
    bind(&[], "↑↓", Action::MoveDown, LIST, HelpSection::Search, Some(|t| t.short_move), false, |t| t.key_move),
    bind(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL), (KeyCode::Char('k'), CTRL)], "↑ C-p C-k", Action::MoveUp, LIST, HelpSection::Search, None, true, |t| t.key_move),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL), (KeyCode::Char('j'), CTRL)], "↓ C-n C-j", Action::MoveDown, LIST, HelpSection::Search, None, true, |t| t.key_move),
    bind(&[(KeyCode::PageUp, NONE)], "PgUp", Action::PageUp, LIST, HelpSection::Search, None, true, |t| t.key_page),
    bind(&[(KeyCode::PageDown, NONE)], "PgDn", Action::PageDown, LIST, HelpSection::Search, None, true, |t| t.key_page),
    bind(&[(KeyCode::Home, NONE)], "Home", Action::First, LIST, HelpSection::Search, None, true, |t| t.key_first_last),
    bind(&[(KeyCode::End, NONE)], "End", Action::Last, LIST, HelpSection::Search, None, true, |t| t.key_first_last),
    bind(&[(KeyCode::Tab, NONE)], "Tab", Action::Toggle, LIST, HelpSection::Search, Some(|t| t.short_select), true, |t| t.key_toggle),
    bind(&[(KeyCode::BackTab, NONE)], "S-Tab", Action::ToggleUp, LIST, HelpSection::Search, None, true, |t| t.key_toggle_up),
    bind(&[(KeyCode::Char('a'), CTRL), (KeyCode::Char('e'), CTRL), (KeyCode::Char('w'), CTRL), (KeyCode::Char('u'), CTRL)], "C-a C-e C-w C-u", Action::Edit(Edit::Home), &[], HelpSection::Search, None, true, |t| t.key_line_edit),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Tab, NONE)], "↓ Tab", Action::NextField, COMPOSER, HelpSection::Composer, Some(|t| t.short_field), true, |t| t.key_next_field),
    bind(&[(KeyCode::Up, NONE), (KeyCode::BackTab, NONE)], "↑ S-Tab", Action::PrevField, COMPOSER, HelpSection::Composer, None, true, |t| t.key_next_field),
    bind(&[(KeyCode::Char('l'), CTRL), (KeyCode::F(3), NONE)], "C-l F3", Action::PickName, NAMED, HelpSection::Composer, Some(|t| t.short_pick), true, |t| t.key_pick),
    bind(&[(KeyCode::Delete, NONE), (KeyCode::Backspace, NONE)], "Del", Action::RemoveChip, &[KeyContext::ComposerChips], HelpSection::Composer, Some(|t| t.short_remove), true, |t| t.key_remove_chip),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, COMPOSER, HelpSection::Composer, Some(|t| t.short_search), true, |t| t.key_search),
    bind(&[(KeyCode::Enter, NONE)], "Enter", Action::Accept, MAIN, HelpSection::Everywhere, Some(|t| t.short_print), true, |t| t.key_accept),
    // Footer summary of Ctrl-X / F6 (the footer is short; the help lists both keys).
    bind(&[], "C-x", Action::Run, MAIN, HelpSection::Everywhere, Some(|t| t.short_run), false, |t| t.key_run),
    bind(&[(KeyCode::Char('y'), CTRL)], "C-y", Action::Copy, MAIN, HelpSection::Everywhere, Some(|t| t.short_copy), true, |t| t.key_copy),
    bind(&[(KeyCode::Char('t'), CTRL), (KeyCode::F(4), NONE)], "C-t F4", Action::CycleFormat, MAIN, HelpSection::Everywhere, Some(|t| t.short_format), true, |t| t.key_format),
    bind(&[(KeyCode::Char('o'), CTRL), (KeyCode::F(2), NONE)], "C-o F2", Action::SwitchFocus, LIST, HelpSection::Everywhere, Some(|t| t.short_filter), true, |t| t.key_composer),
    bind(&[(KeyCode::Char('o'), CTRL), (KeyCode::F(2), NONE)], "C-o", Action::SwitchFocus, COMPOSER, HelpSection::Everywhere, None, false, |t| t.key_search),
    bind(&[(KeyCode::F(1), NONE)], "F1", Action::Help, MAIN, HelpSection::Everywhere, Some(|t| t.short_help), true, |t| t.key_help),
    bind(&[(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), KeyModifiers::SHIFT)], "?", Action::Help, &[KeyContext::ComposerChips], HelpSection::Everywhere, None, true, |t| t.key_help),
    bind(&[(KeyCode::Up, NONE), (KeyCode::Char('k'), CTRL), (KeyCode::Char('p'), CTRL)], "↑↓ PgUp PgDn", Action::MoveUp, &[KeyContext::Help], HelpSection::Everywhere, Some(|t| t.short_scroll), false, |t| t.key_move),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Char('j'), CTRL), (KeyCode::Char('n'), CTRL)], "↓", Action::MoveDown, &[KeyContext::Help], HelpSection::Everywhere, None, false, |t| t.key_move),
    bind(&[(KeyCode::PageUp, NONE)], "PgUp", Action::PageUp, &[KeyContext::Help], HelpSection::Everywhere, None, false, |t| t.key_page),
    bind(&[(KeyCode::PageDown, NONE)], "PgDn", Action::PageDown, &[KeyContext::Help], HelpSection::Everywhere, None, false, |t| t.key_page),
    bind(&[(KeyCode::Esc, NONE), (KeyCode::F(1), NONE), (KeyCode::Char('?'), NONE), (KeyCode::Char('q'), NONE)], "Esc", Action::Back, &[KeyContext::Help], HelpSection::Everywhere, Some(|t| t.short_close), false, |t| t.key_back),
    bind(&[(KeyCode::Enter, NONE)], "Enter", Action::Accept, PROMPTS, HelpSection::Everywhere, Some(|t| t.short_confirm), false, |t| t.key_confirm),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, PROMPTS, HelpSection::Everywhere, Some(|t| t.short_cancel), false, |t| t.key_cancel),
    bind(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL), (KeyCode::Char('k'), CTRL)], "↑↓", Action::MoveUp, PICKER, HelpSection::Composer, Some(|t| t.short_move), false, |t| t.key_move),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL), (KeyCode::Char('j'), CTRL)], "↓", Action::MoveDown, PICKER, HelpSection::Composer, None, false, |t| t.key_move),
    bind(&[(KeyCode::Tab, NONE), (KeyCode::Enter, NONE)], "Tab Enter", Action::Accept, PICKER, HelpSection::Composer, Some(|t| t.short_pick_chosen), false, |t| t.key_pick),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, PICKER, HelpSection::Composer, Some(|t| t.short_cancel), false, |t| t.key_cancel),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, LIST, HelpSection::Search, Some(|t| t.short_quit), true, |t| t.key_quit),
    bind(&[(KeyCode::Char('v'), CTRL), (KeyCode::F(5), NONE)], "C-v F5", Action::Paste, MAIN, HelpSection::Everywhere, None, true, |t| t.key_paste),
    bind(&[(KeyCode::Char('r'), CTRL)], "C-r", Action::Recent, MAIN, HelpSection::Everywhere, None, true, |t| t.key_recent),
    bind(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL), (KeyCode::Char('k'), CTRL)], "↑↓", Action::MoveUp, &[KeyContext::Recent], HelpSection::Everywhere, Some(|t| t.short_move), false, |t| t.key_move),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL), (KeyCode::Char('j'), CTRL)], "↓", Action::MoveDown, &[KeyContext::Recent], HelpSection::Everywhere, None, false, |t| t.key_move),
    bind(&[(KeyCode::Enter, NONE)], "Enter", Action::Accept, &[KeyContext::Recent], HelpSection::Everywhere, Some(|t| t.short_restore), false, |t| t.key_confirm),
    bind(&[(KeyCode::Esc, NONE), (KeyCode::Char('r'), CTRL)], "Esc", Action::Back, &[KeyContext::Recent], HelpSection::Everywhere, Some(|t| t.short_close), false, |t| t.key_back),
    bind(&[(KeyCode::Char('x'), CTRL), (KeyCode::F(6), NONE)], "C-x F6", Action::Run, MAIN, HelpSection::Everywhere, None, true, |t| t.key_run),
    bind(&[(KeyCode::F(7), NONE)], "F7", Action::RefreshNames, MAIN_AND_RESULTS, HelpSection::Everywhere, None, true, |t| t.key_refresh_names),
    bind(&[(KeyCode::F(8), NONE)], "F8", Action::Follow, MAIN, HelpSection::Everywhere, None, true, |t| t.key_follow),
    bind(&[], "↑↓", Action::MoveDown, BROWSING, HelpSection::Results, Some(|t| t.short_move), false, |t| t.key_move),
    bind(&[(KeyCode::Up, NONE), (KeyCode::Char('p'), CTRL), (KeyCode::Char('k'), CTRL)], "↑ C-p C-k", Action::MoveUp, BROWSING, HelpSection::Results, None, true, |t| t.key_move),
    bind(&[(KeyCode::Down, NONE), (KeyCode::Char('n'), CTRL), (KeyCode::Char('j'), CTRL)], "↓ C-n C-j", Action::MoveDown, BROWSING, HelpSection::Results, None, true, |t| t.key_move),
    bind(&[(KeyCode::PageUp, NONE)], "PgUp", Action::PageUp, BROWSING, HelpSection::Results, None, true, |t| t.key_page),
    bind(&[(KeyCode::PageDown, NONE)], "PgDn", Action::PageDown, BROWSING, HelpSection::Results, None, true, |t| t.key_page),
    bind(&[(KeyCode::Home, NONE)], "Home", Action::First, BROWSING, HelpSection::Results, None, true, |t| t.key_first_last),
    bind(&[(KeyCode::End, NONE)], "End", Action::Last, BROWSING, HelpSection::Results, None, true, |t| t.key_first_last),
    bind(&[(KeyCode::Enter, NONE)], "Enter", Action::ShowEvent, EVENTS, HelpSection::Results, Some(|t| t.short_open_event), true, |t| t.key_open_event),
    bind(&[(KeyCode::Char('y'), CTRL)], "C-y", Action::Copy, &[KeyContext::EventJson], HelpSection::Results, Some(|t| t.short_copy), true, |t| t.key_copy_event),
    bind(&[(KeyCode::Char('x'), CTRL), (KeyCode::F(6), NONE)], "C-x F6", Action::Run, RESULTS, HelpSection::Results, None, false, |t| t.key_run),
    // Typing edits the filter line (see action_for_key); listed in the help only.
    bind(&[], "type", Action::Edit(Edit::End), EVENTS, HelpSection::Results, None, true, |t| t.key_filter_events),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, RESULTS, HelpSection::Results, Some(|t| t.short_back), true, |t| t.key_results_back),
    bind(&[(KeyCode::Esc, NONE)], "Esc", Action::Back, &[KeyContext::Following], HelpSection::Results, Some(|t| t.short_quit), true, |t| t.key_following_back),
    // In the JSON there is nothing to type, so q goes back too.
    bind(&[(KeyCode::Esc, NONE), (KeyCode::Char('q'), NONE)], "Esc", Action::Back, &[KeyContext::EventJson], HelpSection::Results, Some(|t| t.short_back), false, |t| t.key_results_back),
    bind(&[(KeyCode::Char('c'), CTRL)], "C-c", Action::Interrupt, ALL, HelpSection::Everywhere, None, true, |t| t.key_quit),
    bind(&[], "mouse", Action::ScrollDown, &[], HelpSection::Everywhere, None, true, |t| t.key_mouse),
];

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
    let in_list = matches!(context, KeyContext::Search | KeyContext::Results | KeyContext::Following);
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
            action_for_key(press(KeyCode::Tab, NONE), KeyContext::ComposerField),
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
        for context in [KeyContext::Search, KeyContext::ComposerField, KeyContext::Prompt] {
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
        for context in [KeyContext::Search, KeyContext::ComposerChips, KeyContext::ComposerField] {
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
        for context in [KeyContext::Search, KeyContext::ComposerField, KeyContext::Prompt] {
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
    fn ctrl_c_interrupts_everywhere() {
        for context in [
            KeyContext::Search,
            KeyContext::ComposerChips,
            KeyContext::ComposerField,
            KeyContext::ComposerIdField,
            KeyContext::Help,
            KeyContext::Prompt,
            KeyContext::FieldIdPrompt,
            KeyContext::Picker,
            KeyContext::Results,
            KeyContext::Following,
            KeyContext::EventJson,
        ] {
            assert_eq!(action_for_key(press(KeyCode::Char('c'), CTRL), context), Some(Action::Interrupt));
        }
    }
}
