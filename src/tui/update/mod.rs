//! `update`: the one place the screen state changes. It takes an `Action` and may hand back an
//! `Effect` (print, quit, copy) for the event loop to carry out, so it runs without a terminal.

use crate::i18n::screen_messages;
use ratatui::layout::Rect;

use crate::filter;
use crate::filter::format::QueryFormat;
use crate::state::Snapshot;

use super::action::Action;
use super::app::{App, Focus, Overlay, RecentRow, Row};
use super::clipboard::{ClipboardError, CopyPath};
use super::composer::{sort_by_catalog, Composer, DraftField};
use super::help::help_max_scroll;
use super::input::{Edit, TextInput};
use super::picker::{self, NameKind, PickTarget, Picker};

mod names;
mod results;

pub use super::action::Effect;

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Tick(now) => tick(app, now),
        Action::Resize { width, height } => {
            let before = app.page_size();
            app.size = (width, height);
            // Growing shows the rows above first, so a trip through a tiny size comes back to the
            // view it left (shrinking had scrolled just enough to keep the cursor in view).
            app.list.scroll = app.list.scroll.saturating_sub(app.page_size().saturating_sub(before));
            app.keep_cursor_visible();
        }
        Action::Interrupt => return Some(Effect::Quit),
        Action::Suspend => return Some(Effect::Suspend),
        Action::Copied(result) => show_copy_result(app, result),
        Action::CodeCopied(result) => show_code_copy_result(app, result),
        Action::Opened { url, result } => {
            let (text, is_error) = match result {
                Ok(()) => (screen_messages::opened(&url, app.settings.lang), false),
                Err(error) => (screen_messages::not_opened(&url, &error, app.settings.lang), true),
            };
            app.show_toast_for(text, is_error, super::app::LINK_TOAST_TIME);
        }
        Action::Restore(snapshot) => restore(app, snapshot),
        Action::Load(text) => load(app, &text),
        Action::Pasted(result) => open_load_prompt(app, result),
        Action::HistoryChanged(history) => app.history = history,
        Action::AccountCacheNotSaved(reason) => {
            let text = screen_messages::toast_account_cache_failed(&reason, app.settings.lang);
            app.show_toast(text, true);
        }
        Action::HistorySetAside(path) => {
            let text = screen_messages::toast_history_set_aside(&path, app.settings.lang);
            app.show_toast(text, true);
        }
        Action::HistoryNotSaved(reason) => {
            let text = screen_messages::toast_state_failed(&reason, app.settings.lang);
            app.show_toast(text, true);
        }
        Action::Fetched { generation, update } => return results::fetched(app, generation, update),
        Action::Followed { generation, update } => return results::followed(app, generation, update),
        Action::NamesLoaded(account) => names::set_account(app, *account),
        Action::NamesFetching(part) => names::fetching(app, part),
        Action::NamesRefreshed(result) => names::refreshed(app, result.map(|names| *names)),
        Action::RefreshNames if app.overlay.is_none() => return names::start_refresh(app),
        _ if app.overlay.is_some() => return update_overlay(app, action),
        // A pane that follows new events is the whole screen: there is no query to run.
        Action::Run if app.results.run.as_ref().is_some_and(|run| run.following.is_some()) => {}
        Action::Run => return run(app),
        Action::Follow => return follow(app),
        _ if app.results.run.is_some() => return results::update_run(app, action),
        _ => return update_main(app, action),
    }
    None
}

fn update_main(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Accept => return Some(accept(app)),
        Action::Copy => return Some(Effect::Copy(app.composer.composed.output.clone())),
        Action::CopyCode => {
            return app.highlighted_event().map(|event| Effect::CopyCode(event.code().to_string()))
        }
        Action::OpenInBrowser => {
            let lang = app.settings.lang;
            return app
                .highlighted_event()
                .map(|event| Effect::Open(crate::catalog::reference::docs_page(event, lang).to_string()));
        }
        Action::CycleFormat => cycle_format(app),
        Action::Back if app.focus == Focus::Composer => app.focus = Focus::Search,
        Action::Back if app.details => app.details = false,
        Action::ToggleDetails => {
            app.details = app.focus == Focus::Composer || !app.details;
            app.focus = Focus::Search;
            // The list's height changes with the layout, and the cursor stays in sight.
            app.keep_cursor_visible();
        }
        Action::Back => return Some(Effect::Quit),
        Action::Help => {
            app.help_scroll = 0;
            app.overlay = Some(Overlay::Help);
        }
        Action::Recent => app.overlay = Some(Overlay::Recent { cursor: 0 }),
        Action::Paste => return Some(Effect::ReadClipboard),
        Action::SwitchFocus => switch_focus(app),
        Action::ClickRow(row) => {
            app.focus = Focus::Search;
            app.set_cursor(row);
        }
        Action::ClickField(field) => {
            app.focus = Focus::Composer;
            app.composer.fields.focused = field;
        }
        _ if app.focus == Focus::Composer => update_composer(app, action),
        _ => update_list(app, action),
    }
    None
}

fn update_list(app: &mut App, action: Action) {
    let page = app.page_size();
    match action {
        Action::MoveUp => move_cursor(app, -1),
        Action::MoveDown => move_cursor(app, 1),
        Action::ScrollUp => move_cursor(app, -3),
        Action::ScrollDown => move_cursor(app, 3),
        Action::PageUp => move_cursor(app, -(page as isize)),
        Action::PageDown => move_cursor(app, page as isize),
        Action::First => app.set_cursor(0),
        Action::Last => app.set_cursor(app.list.rows.len().saturating_sub(1)),
        Action::Toggle => toggle(app, 1),
        Action::ToggleUp => toggle(app, -1),
        Action::SelectShown => {
            let every: Vec<usize> =
                app.list.groups.iter().flat_map(|group| group.hits.iter().map(|hit| hit.event)).collect();
            select_many(app, &every);
        }
        Action::SelectGroup => {
            let group = match app.list.rows.get(app.list.cursor) {
                Some(Row::Header { group } | Row::Event { group, .. }) => Some(*group),
                None => None,
            };
            if let Some(group) = group {
                let in_group: Vec<usize> = app.list.groups[group].hits.iter().map(|hit| hit.event).collect();
                select_many(app, &in_group);
            }
        }
        Action::Edit(edit) => {
            let changed = app.list.search.apply(edit);
            if changed {
                app.refresh_results();
            }
        }
        _ => {}
    }
}

fn update_composer(app: &mut App, action: Action) {
    // Tab on Entity or With completes the value being typed before it moves on.
    if action == Action::NextField && complete_focused(app) {
        return;
    }
    let composer = &mut app.composer.fields;
    match action {
        Action::NextField => composer.move_focus(&app.composer.selection, 1),
        Action::PrevField => composer.move_focus(&app.composer.selection, -1),
        Action::RemoveChip => remove_chip(app),
        Action::PickName => {
            let field = app.composer.fields.focused;
            open_picker(app, PickTarget::Field(field));
        }
        // The Types row has chips, not text: typing there goes to the search, where types are
        // found (as the README says: typing edits the search).
        Action::Edit(edit @ (Edit::Insert(_) | Edit::Paste(_))) if composer.focused == DraftField::Types => {
            app.focus = Focus::Search;
            if app.list.search.apply(edit) {
                app.refresh_results();
            }
        }
        Action::Edit(edit) if composer.focused == DraftField::Types => move_chip(app, edit),
        Action::Edit(edit) => {
            let changed = composer.focused_input_mut().is_some_and(|input| input.apply(edit));
            if changed {
                app.refresh_composed();
            }
        }
        _ => {}
    }
}

/// Tab on Entity or With: completes the value being typed, when it starts one; true when it did.
fn complete_focused(app: &mut App) -> bool {
    let field = app.composer.fields.focused;
    let Some(kind @ (NameKind::Entities | NameKind::WithNames)) = NameKind::of_field(field) else {
        return false;
    };
    let values: Vec<String> =
        picker::candidates(&app.account.names, kind, &app.composer.selection, app.settings.lang)
            .into_iter()
            .map(|candidate| candidate.value)
            .collect();
    let Some(text) = picker::completed(app.composer.fields.text(field), &values) else { return false };
    app.composer.fields.set_text(field, &text);
    app.refresh_composed();
    true
}

fn update_overlay(app: &mut App, action: Action) -> Option<Effect> {
    if let Some(Overlay::Recent { cursor }) = app.overlay {
        return update_recent(app, cursor, action);
    }
    if matches!(app.overlay, Some(Overlay::Picker(_))) {
        update_picker(app, action);
        return None;
    }
    if let Some(Overlay::LoadQuery { input, .. }) = &mut app.overlay {
        match action {
            Action::Back => app.overlay = None,
            Action::Accept => {
                let text = input.text().to_string();
                app.overlay = None;
                load(app, &text);
            }
            Action::Edit(edit) => {
                input.apply(edit);
            }
            _ => {}
        }
        return None;
    }
    match (&mut app.overlay, action) {
        (_, Action::Back) => app.overlay = None,
        (Some(Overlay::Help), Action::Help) => app.overlay = None,
        (
            Some(Overlay::Help),
            scroll @ (Action::MoveUp | Action::MoveDown | Action::PageUp | Action::PageDown),
        ) => scroll_help(app, scroll),
        // A new keystroke clears the old complaint; the text itself is never thrown away.
        (Some(Overlay::FieldId { input, rejected }), Action::Edit(edit)) => *rejected &= !input.apply(edit),
        (Some(Overlay::FieldId { input, .. }), Action::PickName) => {
            let typed = input.clone();
            open_picker(app, PickTarget::FieldIdPrompt { typed });
        }
        (Some(Overlay::FieldId { input, rejected }), Action::Accept) => match parse_field_id(input.text()) {
            Some(id) => {
                app.overlay = None;
                select_code(app, filter::per_field_type_code(id));
            }
            None => *rejected = true,
        },
        _ => {}
    }
    None
}

/// Ctrl-L / F3: the account's names for the target, or a toast saying why there are none and how
/// to get them (never an empty box).
fn open_picker(app: &mut App, target: PickTarget) {
    let Some(kind) = target.kind() else { return };
    let candidates = picker::candidates(&app.account.names, kind, &app.composer.selection, app.settings.lang);
    if candidates.is_empty() {
        app.show_toast(kind.missing(app.settings.lang), true);
        return;
    }
    app.overlay = Some(Overlay::Picker(Box::new(Picker::new(target, kind, candidates))));
}

/// In the picker typing filters, ↑↓ move, Tab or Enter picks, Esc closes without a change.
fn update_picker(app: &mut App, action: Action) {
    let Some(Overlay::Picker(open)) = &mut app.overlay else { return };
    match action {
        Action::MoveUp => open.move_cursor(-1),
        Action::MoveDown => open.move_cursor(1),
        Action::Edit(edit) => open.edit(edit),
        // With nothing matching, Enter keeps the picker open so the filter can be fixed.
        Action::Accept => {
            if let Some(value) = open.chosen().map(|candidate| candidate.value.clone()) {
                let target = open.target.clone();
                close_picker(app, target, Some(&value));
            }
        }
        Action::Back => {
            let target = open.target.clone();
            close_picker(app, target, None);
        }
        _ => {}
    }
}

/// Closes the picker and puts the picked value where it goes: added to a field's list, or into
/// the field id prompt, which comes back (with its own text when nothing was picked).
fn close_picker(app: &mut App, target: PickTarget, picked: Option<&str>) {
    app.overlay = None;
    match target {
        PickTarget::Field(field) => {
            if let Some(value) = picked {
                let text = picker::with_value_added(app.composer.fields.text(field), value);
                app.composer.fields.set_text(field, &text);
                app.refresh_composed();
            }
        }
        PickTarget::FieldIdPrompt { typed } => {
            let input = picked.map_or(typed, TextInput::with_text);
            app.overlay = Some(Overlay::FieldId { input, rejected: false });
        }
    }
}

fn update_recent(app: &mut App, cursor: usize, action: Action) -> Option<Effect> {
    let rows = app.recent_rows();
    let last = rows.len().saturating_sub(1);
    match action {
        Action::Back | Action::Recent => app.overlay = None,
        Action::MoveUp => app.overlay = Some(Overlay::Recent { cursor: cursor.saturating_sub(1) }),
        Action::MoveDown => app.overlay = Some(Overlay::Recent { cursor: (cursor + 1).min(last) }),
        Action::Accept => {
            app.overlay = None;
            let snapshot = match rows.get(cursor) {
                Some(RecentRow::LastSession) => app.last_session.clone(),
                Some(RecentRow::Query(position)) => {
                    app.history.get(*position).map(|entry| entry.snapshot.clone())
                }
                None => None,
            };
            if let Some(snapshot) = snapshot {
                restore(app, snapshot);
            }
        }
        _ => {}
    }
    None
}

/// Puts a saved selection and composer back; codes stay even when the catalog does not know
/// them (an account can have its own).
fn restore(app: &mut App, snapshot: Snapshot) {
    app.composer.selection = snapshot.selection;
    sort_by_catalog(&mut app.composer.selection, app.list.index.catalog());
    app.composer.selection.dedup();
    app.composer.fields = Composer::from_texts(&snapshot.fields);
    app.composer.loaded_unknown.clear();
    app.refresh_composed();
    let text = screen_messages::toast_restored(
        app.composer.selection.len(),
        snapshot.fields.len(),
        app.settings.lang,
    );
    app.show_toast(text, false);
}

/// Opens the Load prompt with what the clipboard held, or empty with the reason it could not be
/// read (the user then pastes with the terminal's own paste key).
fn open_load_prompt(app: &mut App, pasted: Result<String, ClipboardError>) {
    let (input, note) = match pasted {
        Ok(text) => (TextInput::with_text(text.trim()), None),
        Err(error) => {
            (TextInput::default(), Some(screen_messages::clipboard_reason(&error, app.settings.lang)))
        }
    };
    app.overlay = Some(Overlay::LoadQuery { input, note });
}

/// Decodes a query or URL and puts it in the selection and the composer, adopting the styles it
/// was written in so it encodes back to the same string. What could not be read is said in a toast.
fn load(app: &mut App, text: &str) {
    let decoded = filter::decode::decode(text);
    let mut composer = Composer::from_filter(&decoded.filter, app.settings.zone);
    // A value that does not parse stays in its field as written, with its error, to be fixed.
    for (parameter, written) in &decoded.failed {
        match Composer::field_of(*parameter) {
            Some(DraftField::Types) | None => {}
            Some(field) => composer.append_item(field, written),
        }
    }
    app.composer.loaded_unknown = decoded.unknown.clone();
    let fields = composer.texts_by_key().len();
    app.composer.selection = decoded.filter.types.clone();
    sort_by_catalog(&mut app.composer.selection, app.list.index.catalog());
    app.composer.fields = composer;
    app.settings.output.encode = decoded.styles.encode_options();
    if let Some(base_url) = &decoded.base_url {
        app.settings.output.base_url = Some(base_url.clone());
    }
    app.refresh_composed();
    let problems = decoded.errors.len() + decoded.unknown.len();
    let summary = screen_messages::toast_loaded(app.composer.selection.len(), fields, app.settings.lang);
    match decoded.errors.first() {
        Some(first) => {
            let detail = crate::i18n::decode_messages::decode_problem(first, app.settings.lang);
            app.show_toast(format!("{summary} {problems} ✗: {detail}"), true);
        }
        None if !decoded.unknown.is_empty() => {
            let names: Vec<&str> = decoded.unknown.iter().map(|(key, _)| key.as_str()).collect();
            let text = screen_messages::toast_loaded_unknown(&names.join(", "), app.settings.lang);
            app.show_toast(format!("{summary} {text}"), true);
        }
        None => app.show_toast(summary, false),
    }
}

/// Up/Down move the help by a line, PgUp/PgDn by a screen, within what there is to see.
fn scroll_help(app: &mut App, action: Action) {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    let page = usize::from(app.size.1.saturating_sub(4)).max(1);
    let max = help_max_scroll(app.settings.lang, screen);
    app.help_scroll = match action {
        Action::MoveUp => app.help_scroll.saturating_sub(1),
        Action::MoveDown => app.help_scroll + 1,
        Action::PageUp => app.help_scroll.saturating_sub(page),
        _ => app.help_scroll + page,
    }
    .min(max);
}

fn parse_field_id(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|id| *id > 0)
}

fn accept(app: &App) -> Effect {
    let texts = &app.composer.composed;
    let mut problems: Vec<String> = texts
        .field_errors
        .iter()
        .map(|(_, error)| crate::i18n::filter_messages::field_error(error, app.settings.lang))
        .collect();
    problems
        .extend(texts.problems.iter().map(|p| crate::i18n::filter_messages::problem(p, app.settings.lang)));
    Effect::Accept { query: texts.output.clone(), problems }
}

/// Ctrl-X: runs the composed filter, or says in a toast why it cannot.
fn run(app: &mut App) -> Option<Effect> {
    let started = results::start(app);
    effect_or_toast(app, started)
}

fn follow(app: &mut App) -> Option<Effect> {
    let started = results::start_following(app);
    effect_or_toast(app, started)
}

fn effect_or_toast(app: &mut App, started: Result<Effect, String>) -> Option<Effect> {
    match started {
        Ok(effect) => Some(effect),
        Err(reason) => {
            app.show_toast(reason, true);
            None
        }
    }
}

/// Ctrl-T: the next output format; the preview shows it, Enter prints it, Ctrl-Y copies it.
fn cycle_format(app: &mut App) {
    let formats = QueryFormat::ALL;
    let current = formats.iter().position(|f| *f == app.settings.format).unwrap_or(0);
    app.settings.format = formats[(current + 1) % formats.len()];
    app.refresh_composed();
    let text = screen_messages::toast_format(app.settings.format.name(), app.settings.lang);
    app.show_toast(text, false);
}

fn switch_focus(app: &mut App) {
    app.focus = match app.focus {
        Focus::Search => Focus::Composer,
        Focus::Composer => Focus::Search,
    };
    // The composer opens in the details' place; back from it is the list.
    app.details = false;
    app.keep_cursor_visible();
}

fn tick(app: &mut App, now: std::time::Instant) {
    app.now = now;
    app.recompose_if_the_minute_changed();
    if app.toast.as_ref().is_some_and(|toast| toast.until <= now) {
        app.toast = None;
    }
}

/// Alt-C's outcome: said in the status line; on failure the code is shown there to copy by hand.
fn show_code_copy_result(app: &mut App, result: Result<CopyPath, ClipboardError>) {
    let lang = app.settings.lang;
    let code = app.highlighted_event().map(|event| event.code().to_string()).unwrap_or_default();
    match result {
        Ok(_) => app.show_toast(lang.texts().toast_copied_code.to_string(), false),
        Err(error) => {
            let reason = screen_messages::clipboard_reason(&error, lang);
            app.show_toast(screen_messages::toast_code_not_copied(&code, &reason, lang), true)
        }
    }
}

fn show_copy_result(app: &mut App, result: Result<CopyPath, ClipboardError>) {
    let texts = app.settings.lang.texts();
    match result {
        // Copying from the event's JSON view copied the event, not the query.
        Ok(CopyPath::Native) if app.results.run.as_ref().is_some_and(|run| run.json.is_some()) => {
            app.show_toast(texts.toast_copied_event.to_string(), false)
        }
        Ok(CopyPath::Native) => app.show_toast(texts.toast_copied.to_string(), false),
        Ok(CopyPath::Osc52) => app.show_toast(texts.toast_osc52.to_string(), false),
        Err(ClipboardError::Disabled) => app.show_toast(texts.toast_clipboard_off.to_string(), true),
        Err(error) => app.show_toast(
            screen_messages::toast_clipboard_failed(
                &screen_messages::clipboard_reason(&error, app.settings.lang),
                app.settings.lang,
            ),
            true,
        ),
    }
}

fn move_cursor(app: &mut App, delta: isize) {
    let target = app.list.cursor.saturating_add_signed(delta).min(app.list.rows.len().saturating_sub(1));
    app.set_cursor(target);
}

/// Tab on a type selects or unselects it; on a group header it folds or unfolds the group.
fn toggle(app: &mut App, step: isize) {
    match app.list.rows.get(app.list.cursor).copied() {
        Some(Row::Header { group }) => {
            let group = app.list.groups[group].group;
            if !app.list.collapsed.remove(&group) {
                app.list.collapsed.insert(group);
            }
            app.rebuild_rows();
            app.keep_cursor_visible();
        }
        Some(Row::Event { .. }) => {
            toggle_highlighted(app);
            move_cursor(app, step);
        }
        None => {}
    }
}

fn toggle_highlighted(app: &mut App) {
    let Some(hit) = app.highlighted() else { return };
    let event = &app.list.index.catalog().events()[hit.event];
    let code = event.code().to_string();
    if event.is_per_field_template() {
        if app.is_selected(&code) {
            app.composer.selection.retain(|c| filter::per_field_type_id(c).is_none());
            app.refresh_composed();
        } else {
            app.overlay = Some(Overlay::FieldId { input: TextInput::default(), rejected: false });
        }
    } else if app.is_selected(&code) {
        app.composer.selection.retain(|c| *c != code);
        app.refresh_composed();
    } else {
        select_code(app, code);
    }
}

/// Selects these types (indices into the catalog), or, when every one already is, unselects them:
/// the same key undoes it. The per-field template is left out, since it needs a field id first.
fn select_many(app: &mut App, events: &[usize]) {
    let catalog = app.list.index.catalog();
    let codes: Vec<String> = events
        .iter()
        .map(|&event| &catalog.events()[event])
        .filter(|event| !event.is_per_field_template())
        .map(|event| event.code().to_string())
        .collect();
    if codes.is_empty() {
        return;
    }
    let all_selected = codes.iter().all(|code| app.composer.selection.contains(code));
    if all_selected {
        app.composer.selection.retain(|code| !codes.contains(code));
    } else {
        for code in &codes {
            if !app.composer.selection.contains(code) {
                app.composer.selection.push(code.clone());
            }
        }
        sort_by_catalog(&mut app.composer.selection, app.list.index.catalog());
    }
    app.refresh_composed();
    let text = screen_messages::toast_selected_many(codes.len(), !all_selected, app.settings.lang);
    app.show_toast(text, false);
}

fn select_code(app: &mut App, code: String) {
    if !app.composer.selection.contains(&code) {
        app.composer.selection.push(code);
        sort_by_catalog(&mut app.composer.selection, app.list.index.catalog());
    }
    app.refresh_composed();
}

fn remove_chip(app: &mut App) {
    if app.composer.fields.chip >= app.composer.selection.len() {
        return;
    }
    let code = app.composer.selection.remove(app.composer.fields.chip);
    app.composer.fields.chip = app.composer.fields.chip.min(app.composer.selection.len().saturating_sub(1));
    app.refresh_composed();
    let text = screen_messages::toast_removed(&code, app.settings.lang);
    app.show_toast(text, false);
}

fn move_chip(app: &mut App, edit: Edit) {
    let last = app.composer.selection.len().saturating_sub(1);
    app.composer.fields.chip = match edit {
        Edit::Left => app.composer.fields.chip.saturating_sub(1),
        Edit::Right => (app.composer.fields.chip + 1).min(last),
        Edit::Home => 0,
        Edit::End => last,
        _ => app.composer.fields.chip,
    };
}
