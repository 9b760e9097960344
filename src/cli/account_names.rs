//! `kommo-events account refresh` and `account show`: fetch the account's names into the cache
//! (or copy them from `--account-dir`), and print what is saved.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use crate::filter::date::Zone;
use serde_json::json;

use crate::account::refresh::refresh;
use crate::account::store::{cache_root, AccountDir, Loaded, Meta};
use crate::account::{Account, Part};
use crate::api::{ApiError, Cancel, Client};
use crate::i18n::{api_messages, Lang};

use super::args::{AccountCommand, ConnectArgs};
use super::connect::{self, report};
use super::settings::Resolved;
use super::{AccountSetup, CliError};
use crate::i18n::cli_messages::{self, AccountWord};

/// Runs an `account` subcommand.
pub fn account(action: &AccountCommand, settings: &Resolved) -> Result<ExitCode, CliError> {
    match action {
        AccountCommand::Refresh { connect } => refresh_names(connect, settings),
        AccountCommand::Show { json, connect } => show(connect, *json, settings),
        AccountCommand::List { json } => super::account_profiles::list(settings, *json),
        AccountCommand::Use { name } => super::account_profiles::use_account(settings, name),
    }
}

fn refresh_names(connect: &ConnectArgs, settings: &Resolved) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    let base = match connect::base_url(connect, settings) {
        Ok(base) => base,
        Err(error) => return Ok(report(&error, lang)),
    };
    let Some(root) = cache_root(&connect::env) else {
        return Err(CliError::Account(AccountSetup::NoCacheToWrite));
    };
    let target = AccountDir::in_cache(&root, &base.account_key());
    let (items, skipped) = if let Some(dir) = &connect.account_dir {
        // Saved answers instead of the network: read them, check them, keep them in the cache.
        let loaded = match AccountDir::new(dir).load() {
            Ok(loaded) => loaded,
            Err(error) => {
                eprintln!("kommo-events: error: {}", cli_messages::account_error(&error, lang));
                return Ok(ExitCode::from(1));
            }
        };
        (loaded.items, loaded.missing)
    } else {
        match fetch_names(connect, settings) {
            Ok(fetched) => fetched,
            Err(error) => return Ok(report(&error, lang)),
        }
    };
    let meta = Meta::now(base.as_str(), lang, &skipped);
    if let Err(error) = target.save(&items, &meta) {
        eprintln!("kommo-events: error: {}", cli_messages::account_error(&error, lang));
        return Ok(ExitCode::from(1));
    }
    let account = Account::from_items(&items).unwrap_or_default();
    let counts = counts(&account, lang);
    let counts: Vec<(&str, usize)> = counts.iter().map(|(what, n)| (what.as_str(), *n)).collect();
    writeln!(
        io::stdout(),
        "{}",
        api_messages::refreshed(&target.path().display().to_string(), &counts, lang)
    )?;
    Ok(ExitCode::SUCCESS)
}

type Items = std::collections::BTreeMap<Part, Vec<serde_json::Value>>;

fn fetch_names(connect: &ConnectArgs, settings: &Resolved) -> Result<(Items, Vec<Part>), ApiError> {
    let lang = settings.lang;
    let connection = connect::connection(connect, settings, &connect::env)?;
    let limiter = connect::limiter(connect, settings, &connection.base);
    let client = Client::new(connection, limiter);
    let chatty = io::stderr().is_terminal();
    let refreshed = refresh(
        &client,
        lang,
        &Cancel::new(),
        &mut |part| {
            if chatty {
                eprint!("\r\x1b[K{}", part.route());
            }
        },
        &mut |notice| {
            if chatty {
                eprint!("\r\x1b[K{}", api_messages::notice(&notice, lang));
            }
        },
    );
    if chatty {
        eprint!("\r\x1b[K");
    }
    let refreshed = refreshed?;
    for (part, error) in &refreshed.skipped {
        let message = match (part, error) {
            (Part::Users, ApiError::Forbidden { .. }) => api_messages::users_forbidden(lang),
            _ => api_messages::part_skipped(part.route(), error, lang),
        };
        eprintln!("kommo-events: warning: {message}");
    }
    let skipped = refreshed.skipped.iter().map(|(part, _)| *part).collect();
    Ok((refreshed.items, skipped))
}

fn show(connect: &ConnectArgs, json: bool, settings: &Resolved) -> Result<ExitCode, CliError> {
    let lang = settings.lang;
    let base = if connect.account_dir.is_some() { None } else { Some(connect::base_url(connect, settings)) };
    let base = match base.transpose() {
        Ok(base) => base,
        Err(error) => return Ok(report(&error, lang)),
    };
    let Some(dir) = connect::names_dir(connect, base.as_ref(), &connect::env) else {
        return Err(CliError::Account(AccountSetup::NoCacheToRead));
    };
    if dir.is_empty() {
        eprintln!(
            "kommo-events: {}",
            api_messages::no_account_names(&dir.path().display().to_string(), lang)
        );
        return Ok(ExitCode::from(1));
    }
    let loaded = match dir.load() {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("kommo-events: error: {}", api_messages::account_file(&error.to_string(), lang));
            return Ok(ExitCode::from(1));
        }
    };
    let mut out = io::stdout().lock();
    if json {
        let value = show_json(&dir, &loaded);
        serde_json::to_writer_pretty(&mut out, &value).map_err(|e| CliError::Io(e.into()))?;
        writeln!(out)?;
    } else {
        for line in show_lines(&dir, &loaded, lang) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_json(dir: &AccountDir, loaded: &Loaded) -> serde_json::Value {
    let account = &loaded.account;
    let pipelines: Vec<_> =
        account.pipelines().iter().map(|p| json!({"id": p.id, "name": p.name, "stages": p.stages})).collect();
    json!({
        "dir": dir.path().display().to_string(),
        "meta": loaded.meta,
        "missing": loaded.missing.iter().map(|p| p.file_name()).collect::<Vec<_>>(),
        "event_types": account.event_types().iter().map(|t| json!({
            "code": t.code,
            "type": t.type_id,
            "label": account.event_type_label(&t.code).unwrap_or_else(|| t.label.clone()),
            "field_id": t.field_id,
        })).collect::<Vec<_>>(),
        "users": account.users(),
        "pipelines": pipelines,
        "custom_fields": account.custom_fields(),
        "catalogs": account.catalogs(),
    })
}

fn show_lines(dir: &AccountDir, loaded: &Loaded, lang: Lang) -> Vec<String> {
    let account = &loaded.account;
    let mut lines = vec![format!("{}: {}", AccountWord::Directory.heading(lang), dir.path().display())];
    if let Some(meta) = &loaded.meta {
        let when = Zone::Fixed(0).format(meta.refreshed_at, "%Y-%m-%d %H:%M UTC");
        lines.push(format!(
            "{}: {} ({when}, {})",
            AccountWord::Account.heading(lang),
            meta.base_url,
            meta.language
        ));
    }
    for (heading, count) in counts(account, lang) {
        lines.push(format!("{heading}: {count}"));
    }
    let section = |lines: &mut Vec<String>, word: AccountWord| {
        lines.push(String::new());
        lines.push(word.heading(lang).to_owned());
    };
    section(&mut lines, AccountWord::EventTypes);
    for kind in account.event_types() {
        let label = account.event_type_label(&kind.code).unwrap_or_else(|| kind.label.clone());
        lines.push(format!("  {}  {label}", kind.code));
    }
    section(&mut lines, AccountWord::Users);
    if account.users().is_empty() && loaded.missing.contains(&Part::Users) {
        lines.push(format!("  ({})", api_messages::users_forbidden(lang)));
    }
    for user in account.users() {
        let email = user.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default();
        lines.push(format!("  {}  {}{email}", user.id, user.name));
    }
    section(&mut lines, AccountWord::Pipelines);
    for pipeline in account.pipelines() {
        lines.push(format!("  {}  {}", pipeline.id, pipeline.name));
        for stage in &pipeline.stages {
            lines.push(format!("    {}  {}", stage.id, stage.name));
        }
    }
    section(&mut lines, AccountWord::CustomFields);
    for field in account.custom_fields() {
        let enums: Vec<String> = field.enums.iter().map(|e| format!("{} {}", e.id, e.value)).collect();
        let enums = if enums.is_empty() { String::new() } else { format!(": {}", enums.join(", ")) };
        lines.push(format!("  {} {}  {} ({}){enums}", field.entity, field.id, field.name, field.kind));
    }
    section(&mut lines, AccountWord::Catalogs);
    for catalog in account.catalogs() {
        lines.push(format!("  {}  {}", catalog.id, catalog.name));
    }
    // Names come from the account: no control character reaches the terminal.
    lines.into_iter().map(|line| crate::text::printable(&line).into_owned()).collect()
}

/// How many of each kind of name, with the words for them.
fn counts(account: &Account, lang: Lang) -> Vec<(String, usize)> {
    let stages: usize = account.pipelines().iter().map(|p| p.stages.len()).sum();
    let counted = [
        (AccountWord::EventTypes, account.event_types().len()),
        (AccountWord::Users, account.users().len()),
        (AccountWord::Pipelines, account.pipelines().len()),
        (AccountWord::Stages, stages),
        (AccountWord::CustomFields, account.custom_fields().len()),
        (AccountWord::Catalogs, account.catalogs().len()),
    ];
    counted.into_iter().map(|(word, n)| (word.counted(lang), n)).collect()
}
