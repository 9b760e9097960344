//! How actions change a run of the composed filter ([`EventRun`]): Ctrl-X and F8 start one, the
//! pages and polls arrive, and the keys browse and filter it while its pane is open. `update`
//! hands every action to [`update_run`] while the pane is open; the event loop carries out the
//! fetches asked for ([`Effect::Fetch`], [`Effect::Follow`]) and brings their answers back as
//! `Action::Fetched` and `Action::Followed`.

use serde_json::Value;

use crate::account::Account;
use crate::api::{events_path, ApiError, FetchUpdate, Page, TailRequest, TailUpdate};
use crate::catalog::Catalog;
use crate::i18n::{api_messages, filter_messages, screen_messages, Lang};
use crate::tui::action::{Action, Effect};
use crate::tui::app::App;
use crate::tui::composer::Zone;
use crate::tui::layout::event_rows;
use crate::tui::results::{event_line, EventRun, FOLLOW_INTERVAL, LOAD_AHEAD};

/// Ctrl-X: starts a run of the composed filter, or says in a toast what is missing.
pub(crate) fn start(app: &mut App) -> Result<Effect, String> {
    ready_to_ask(app)?;
    app.results.runs_started += 1;
    let generation = app.results.runs_started;
    app.results.run = Some(EventRun::new(generation, app.now));
    let path = events_path(&app.composer.composed.filter, &app.settings.output.encode);
    Ok(Effect::Fetch { generation, path })
}

/// F8: follows the composed filter's new events in the pane, as `kommo-events tail` does (from
/// now, or from the filter's start date), or says in a toast what is missing.
pub(crate) fn start_following(app: &mut App) -> Result<Effect, String> {
    ready_to_ask(app)?;
    let mut filter = app.composer.composed.filter.clone();
    // `today` in From alone names a span; following goes on from its start.
    if app.composer.fields.text(crate::filter::DraftField::CreatedTo).trim().is_empty() {
        filter.created_at.to = None;
    }
    if filter.created_at.to.is_some() {
        return Err(app.settings.lang.texts().follow_no_end.to_owned());
    }
    app.results.runs_started += 1;
    let generation = app.results.runs_started;
    app.results.run = Some(EventRun::following_run(generation, FOLLOW_INTERVAL, app.now, false));
    let request = TailRequest {
        since: filter.created_at.from,
        filter,
        encode: app.settings.output.encode,
        interval: FOLLOW_INTERVAL,
        max_polls: None,
        notes: app.settings.notes,
    };
    Ok(Effect::Follow { generation, request: Box::new(request) })
}

/// Why the account cannot be asked now (no account or token, or a filter it would refuse), in
/// the user's language.
fn ready_to_ask(app: &App) -> Result<(), String> {
    if let Some(problem) = &app.account.run_blocked {
        return Err(screen_messages::run_not_connected(
            &problem.message(app.settings.lang),
            app.settings.lang,
        ));
    }
    match first_blocking_problem(app) {
        Some(problem) => Err(screen_messages::run_broken(&problem, app.settings.lang)),
        None => Ok(()),
    }
}

/// The first reason the API would refuse the filter: a field that does not parse, or a broken
/// rule (warnings do not stop a run).
fn first_blocking_problem(app: &App) -> Option<String> {
    let composed = &app.composer.composed;
    if let Some((_, error)) = composed.field_errors.first() {
        return Some(filter_messages::field_error(error, app.settings.lang));
    }
    composed
        .problems
        .iter()
        .find(|problem| problem.severity == crate::filter::Severity::Error)
        .map(|problem| filter_messages::problem(problem, app.settings.lang))
}

/// What a fetch reported. Answers for a run that is no longer open are dropped.
pub(crate) fn fetched(app: &mut App, generation: u64, update: FetchUpdate) -> Option<Effect> {
    // The other range form is adopted once it has worked, not while it is tried (the fetcher
    // keeps it in the account's cache).
    if let FetchUpdate::Finished(summary) = &update {
        if let Some(style) = summary.range_switched_to {
            range_retried(app, style);
        }
    }
    let (lang, zone) = (app.settings.lang, app.settings.zone);
    let catalog = app.list.index.catalog();
    let account = &app.account.names;
    let run = app.results.run.as_mut().filter(|run| run.generation == generation)?;
    match update {
        FetchUpdate::Page(page) => add_page(run, page, account, catalog, lang, zone),
        FetchUpdate::Notice(notice) => run.notice = Some(api_messages::notice(&notice, lang)),
        FetchUpdate::Finished(_) => {
            run.loading = None;
            run.notice = None;
        }
        FetchUpdate::Failed(ApiError::Cancelled) => run.loading = None,
        FetchUpdate::Failed(error) => {
            run.loading = None;
            run.notice = None;
            run.error = Some(screen_messages::results_failed(&error.message(lang), app.settings.lang));
        }
        FetchUpdate::RangeRetried(_) => {}
        FetchUpdate::NotesFailed(error) => {
            run.notice = Some(api_messages::notes_failed(&error, lang));
        }
    }
    // Under a filter a page may add nothing to the view, so asking for the next one on arrival
    // could walk the whole account unasked; the user moving down asks for it instead.
    if !run.filter.is_empty() {
        return None;
    }
    load_more_if_near_end(app)
}

/// The account refused the range form the query was written in and is asked in `style`: the
/// screen writes its queries in that form from now on, and says so.
fn range_retried(app: &mut App, style: crate::filter::RangeStyle) {
    app.settings.output.encode.range_style = style;
    app.refresh_composed();
    app.show_toast(api_messages::range_retried(style, app.settings.lang), false);
}

fn add_page(run: &mut EventRun, page: Page, account: &Account, catalog: &Catalog, lang: Lang, zone: Zone) {
    run.pages += 1;
    run.next = page.next;
    run.add_lines(page.events.iter().map(|event| event_line(event, account, catalog, lang, zone)));
    run.events.extend(page.events);
}

/// What the tail reported while the pane follows. Each poll's new events go on top; the
/// highlighted event stays the same event, and stays on the same row unless the view was at the
/// top, where the new events then show above it.
pub(crate) fn followed(app: &mut App, generation: u64, update: TailUpdate) -> Option<Effect> {
    let page = page_size(app);
    let (lang, zone) = (app.settings.lang, app.settings.zone);
    let catalog = app.list.index.catalog();
    let account = &app.account.names;
    // Reports of a follow that was left (or replaced by a run) are dropped.
    let run = app.results.run.as_mut().filter(|run| run.generation == generation)?;
    let following = run.following.as_mut()?;
    match update {
        TailUpdate::Polling => {
            following.polling = true;
            following.failed_this_poll = false;
        }
        TailUpdate::Polled { at } => {
            following.polling = false;
            following.last_poll = Some(at);
            if !following.failed_this_poll {
                following.warning = None;
            }
            run.notice = None;
        }
        TailUpdate::Notice(notice) => run.notice = Some(api_messages::notice(&notice, lang)),
        TailUpdate::RangeRetried(style) => run.notice = Some(api_messages::range_retried(style, lang)),
        TailUpdate::NotesFailed(error) => run.notice = Some(api_messages::notes_failed(&error, lang)),
        TailUpdate::PollFailed(error) => {
            following.failed_this_poll = true;
            following.warning = Some(screen_messages::follow_poll_failed(&error.message(lang), lang));
        }
        TailUpdate::Events(events) => add_followed(run, events, page, account, catalog, lang, zone),
        // The pane closed and cancelled the tail: nothing is left to show it to.
        TailUpdate::Stopped(ApiError::Cancelled) => following.polling = false,
        TailUpdate::Stopped(error) => {
            following.polling = false;
            run.notice = None;
            run.error = Some(screen_messages::follow_stopped(&error.message(lang), lang));
        }
        TailUpdate::Finished { polls } => {
            following.polling = false;
            run.notice = None;
            following.finished = Some(screen_messages::follow_finished(polls, lang));
        }
    }
    None
}

fn add_followed(
    run: &mut EventRun,
    events: Vec<Value>,
    page: usize,
    account: &Account,
    catalog: &Catalog,
    lang: Lang,
    zone: Zone,
) {
    let shown_before = run.shown().len();
    run.add_lines(events.iter().map(|event| event_line(event, account, catalog, lang, zone)));
    run.events.extend(events);
    if shown_before == 0 {
        // Nothing was highlighted: the newest event is.
        return;
    }
    let added = run.shown().len() - shown_before;
    run.cursor += added;
    if run.scroll > 0 {
        run.scroll += added;
    } else if run.cursor >= page {
        run.scroll = run.cursor + 1 - page;
    }
}

/// The actions that mean something while the run's pane is open.
pub(crate) fn update_run(app: &mut App, action: Action) -> Option<Effect> {
    if action == Action::OpenInBrowser {
        return open_entity(app);
    }
    let page = page_size(app);
    let run = app.results.run.as_mut()?;
    if let Some(scroll) = run.json {
        // The last scroll that still fills the pane (long lines wrap, so a little more may hide).
        let last = run.highlighted_json().map_or(0, |json| json.lines().count().saturating_sub(page));
        let last = u16::try_from(last).unwrap_or(u16::MAX);
        let step = u16::try_from(page).unwrap_or(u16::MAX);
        run.json = match action {
            Action::Back => None,
            Action::Copy => return run.highlighted_json().map(Effect::Copy),
            Action::MoveUp | Action::ScrollUp => Some(scroll.saturating_sub(1)),
            Action::MoveDown | Action::ScrollDown => Some(scroll.saturating_add(1).min(last)),
            Action::PageUp => Some(scroll.saturating_sub(step)),
            Action::PageDown => Some(scroll.saturating_add(step).min(last)),
            Action::First => Some(0),
            Action::Last => Some(last),
            _ => Some(scroll),
        };
        return None;
    }
    let last = run.shown().len().saturating_sub(1);
    let target = match action {
        Action::Back if !run.filter.is_empty() => {
            run.filter.clear();
            run.refilter(page);
            return None;
        }
        // Following is all the screen does then: leaving it ends `tail`.
        Action::Back if run.following.as_ref().is_some_and(|following| following.ends_screen) => {
            return Some(Effect::Quit)
        }
        Action::Back => {
            app.results.run = None;
            return Some(Effect::StopFetch);
        }
        Action::Edit(edit) => {
            if run.filter.apply(edit) {
                run.refilter(page);
            }
            return None;
        }
        Action::ShowEvent => {
            if run.highlighted().is_some() {
                run.json = Some(0);
            }
            return None;
        }
        Action::MoveUp => run.cursor.saturating_sub(1),
        Action::MoveDown => run.cursor + 1,
        Action::ScrollUp => run.cursor.saturating_sub(3),
        Action::ScrollDown => run.cursor + 3,
        Action::PageUp => run.cursor.saturating_sub(page),
        Action::PageDown => run.cursor + page,
        Action::First => 0,
        Action::Last => last,
        _ => return None,
    };
    run.cursor = target.min(last);
    if run.cursor < run.scroll {
        run.scroll = run.cursor;
    } else if run.cursor >= run.scroll + page {
        run.scroll = run.cursor + 1 - page;
    }
    load_more_if_near_end(app)
}

/// Ctrl-G: the highlighted event's entity in Kommo, or the status line says why there is none.
fn open_entity(app: &mut App) -> Option<Effect> {
    let run = app.results.run.as_ref()?;
    let event = run.events.get(run.highlighted()?)?;
    match crate::events::links::entity_page(event, &app.settings.output) {
        Ok(url) => Some(Effect::Open(url)),
        Err(reason) => {
            let text = crate::i18n::screen_messages::no_page(&reason, app.settings.lang);
            app.show_toast(text, true);
            None
        }
    }
}

/// Asks for the next page when the highlight is near the end of the events shown (those the
/// filter lets through) and the account said there is more; one page at a time, never after a
/// failure (run again to retry).
fn load_more_if_near_end(app: &mut App) -> Option<Effect> {
    let page = page_size(app);
    let run = app.results.run.as_mut()?;
    if run.loading.is_some() || run.error.is_some() {
        return None;
    }
    let near_end = run.cursor + LOAD_AHEAD.max(page / 2) >= run.shown().len();
    let path = run.next.clone().filter(|_| near_end)?;
    run.loading = Some(run.pages + 1);
    Some(Effect::Fetch { generation: run.generation, path })
}

/// Events that fit in the results pane.
pub fn page_size(app: &App) -> usize {
    let following = app.results.run.as_ref().is_some_and(|run| run.following.is_some());
    app.areas().map_or(1, |areas| event_rows(areas.results(following))).max(1)
}
