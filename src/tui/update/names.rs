//! How actions change the account's names on the screen: the ones saved when it starts, and new
//! ones when the user asks (F7). Either way the account's own types join the catalog, so every
//! `custom_field_{ID}_value_changed` can be found by its field's name, and events are described
//! with the new names. The fetch itself runs off the screen's thread (`tui::refresher`).

use crate::account::{Account, Part};
use crate::api::ApiError;
use crate::catalog::Catalog;
use crate::i18n::screen_messages::{self, NameCounts};
use crate::i18n::{api_messages, Lang};
use crate::search::index::{LastSearch, TypeIndex};
use crate::tui::action::Effect;
use crate::tui::app::App;
use crate::tui::names::{NamesFailure, NamesRefresh, RefreshedNames};

/// Replaces the account's names, and the catalog's account types with the new account's.
pub(crate) fn set_account(app: &mut App, account: Account) {
    let types = account.catalog_types();
    app.account.names = account;
    if types.is_empty() && app.account.codes.is_empty() {
        return;
    }
    // The catalog is changed in place, never copied: it may hold a million types.
    let mut catalog =
        std::mem::replace(&mut app.list.index, TypeIndex::new(Catalog::default())).into_catalog();
    catalog.remove_types(&app.account.codes);
    app.account.codes = catalog.add_account_types(types);
    app.list.index = TypeIndex::new(catalog);
    app.list.last_search = LastSearch::default();
    app.refresh_results();
    app.refresh_composed();
}

/// F7: starts a refresh, or says in a toast why it cannot.
pub(crate) fn start_refresh(app: &mut App) -> Option<Effect> {
    let texts = app.settings.lang.texts();
    if app.account.names_refresh.is_some() {
        app.show_toast(texts.names_already_refreshing.to_owned(), false);
        return None;
    }
    if let Some(reason) = &app.account.names_blocked {
        let text =
            screen_messages::names_cannot_refresh(&reason.message(app.settings.lang), app.settings.lang);
        app.show_toast(text, true);
        return None;
    }
    app.account.names_refresh = Some(NamesRefresh { part: None, started: app.now });
    Some(Effect::RefreshNames)
}

/// A refresh moved on to `part`.
pub(crate) fn fetching(app: &mut App, part: Part) {
    if let Some(refresh) = &mut app.account.names_refresh {
        refresh.part = Some(part);
    }
}

/// A refresh ended: the new names take over, and a toast says what came and what did not.
pub(crate) fn refreshed(app: &mut App, result: Result<RefreshedNames, NamesFailure>) {
    app.account.names_refresh = None;
    let lang = app.settings.lang;
    match result {
        Ok(names) => {
            let text = summary(&names, lang);
            let partial = !names.skipped.is_empty() || names.not_saved.is_some();
            set_account(app, names.account);
            app.show_toast(text, partial);
        }
        Err(failure) => {
            let reason = match failure {
                NamesFailure::Api(error) => error.message(lang),
                NamesFailure::File(reason) => reason,
            };
            app.show_toast(screen_messages::names_failed(&reason, app.settings.lang), true);
        }
    }
}

/// `Account names: 12 users, 3 pipelines, …` then each part left out, with why.
fn summary(names: &RefreshedNames, lang: Lang) -> String {
    let texts = lang.texts();
    let account = &names.account;
    let stages: usize = account.pipelines().iter().map(|p| p.stages.len()).sum();
    let counts = NameCounts {
        types: account.event_types().len(),
        users: account.users().len(),
        pipelines: account.pipelines().len(),
        stages,
        fields: account.custom_fields().len(),
        catalogs: account.catalogs().len(),
    };
    let mut text = screen_messages::names_refreshed(counts, lang);
    for (part, error) in &names.skipped {
        let why = match (part, error) {
            (Part::Users, ApiError::Forbidden { .. }) => texts.names_users_forbidden.to_owned(),
            _ => api_messages::part_skipped(part.route(), error, lang),
        };
        text.push_str(&format!("; {why}"));
    }
    if !names.missing.is_empty() {
        let files: Vec<&str> = names.missing.iter().map(|part| part.file_name()).collect();
        text.push_str(&format!("; {}", screen_messages::names_missing_files(&files.join(", "), lang)));
    }
    if let Some(reason) = &names.not_saved {
        text.push_str(&format!("; {}", screen_messages::names_not_saved(reason, lang)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::search::Query;
    use crate::tui::action::Action;
    use crate::tui::update::update;

    fn app() -> App {
        let settings = crate::tui::app::Settings {
            lang: Lang::En,
            theme: crate::tui::theme::Theme::monochrome(),
            zone: crate::tui::composer::Zone::Fixed(0),
            format: crate::filter::format::QueryFormat::Query,
            output: crate::filter::format::FormatOptions::default(),
            notes: false,
            account: None,
        };
        App::new(
            TypeIndex::new(Catalog::builtin()),
            settings,
            Default::default(),
            (100, 30),
            std::time::Instant::now(),
        )
    }

    fn search(app: &mut App, text: &str) -> Vec<String> {
        app.list.query = Query::parse(text);
        let events = app.list.index.catalog().events();
        app.list
            .index
            .ranked(&app.list.query)
            .into_iter()
            .map(|hit| events[hit.event].code().to_string())
            .collect()
    }

    #[test]
    fn the_accounts_custom_fields_are_found_by_name() {
        let mut app = app();
        assert!(search(&mut app, "'source").is_empty());
        update(&mut app, Action::NamesLoaded(Box::new(crate::account::tests::sample())));
        assert_eq!(search(&mut app, "'source"), ["custom_field_777_value_changed"]);
        assert_eq!(app.account.names.user_name(11), Some("Ana"));
    }

    #[test]
    fn new_names_replace_the_old_types_instead_of_piling_up() {
        let mut app = app();
        let builtin = app.list.index.catalog().events().len();
        update(&mut app, Action::NamesLoaded(Box::new(crate::account::tests::sample())));
        assert_eq!(app.list.index.catalog().events().len(), builtin + 1);
        update(&mut app, Action::NamesLoaded(Box::default()));
        assert_eq!(app.list.index.catalog().events().len(), builtin);
    }

    #[test]
    fn refreshing_without_a_token_says_why_and_asks_nothing() {
        let mut app = app();
        app.account.names_blocked = Some(ApiError::NoToken);
        assert_eq!(update(&mut app, Action::RefreshNames), None);
        let toast = app.toast.clone().unwrap();
        assert!(toast.is_error);
        assert!(toast.text.contains("KOMMO_TOKEN"), "{}", toast.text);
        assert_eq!(app.account.names_refresh, None);
    }

    #[test]
    fn a_refresh_shows_its_route_then_what_came() {
        let mut app = app();
        app.account.names_blocked = None;
        assert_eq!(update(&mut app, Action::RefreshNames), Some(Effect::RefreshNames));
        assert_eq!(update(&mut app, Action::RefreshNames), None, "one refresh at a time");
        update(&mut app, Action::NamesFetching(Part::Users));
        assert_eq!(app.account.names_refresh.as_ref().and_then(|refresh| refresh.part), Some(Part::Users));
        let names = RefreshedNames {
            account: crate::account::tests::sample(),
            skipped: vec![],
            missing: vec![],
            not_saved: None,
        };
        update(&mut app, Action::NamesRefreshed(Ok(Box::new(names))));
        assert_eq!(app.account.names_refresh, None);
        let toast = app.toast.clone().unwrap();
        assert!(!toast.is_error);
        assert!(toast.text.contains("users 2"), "{}", toast.text);
        assert_eq!(app.account.names.user_name(12), Some("Luis"));
    }

    #[test]
    fn a_failed_refresh_keeps_the_names_it_had() {
        let mut app = app();
        app.account.names_blocked = None;
        update(&mut app, Action::NamesLoaded(Box::new(crate::account::tests::sample())));
        update(&mut app, Action::RefreshNames);
        let failure = NamesFailure::Api(ApiError::Unauthorized { detail: None });
        update(&mut app, Action::NamesRefreshed(Err(failure)));
        assert!(app.toast.clone().unwrap().is_error);
        assert_eq!(app.account.names.user_name(11), Some("Ana"));
    }
}
