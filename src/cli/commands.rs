//! The non-interactive commands: `list`, `search`, `query`, `decode`, and the clipboard keeper.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::explorer::Explorer;
use crate::filter::{self, format, Severity};
use crate::i18n::{decode_messages, filter_messages, Lang};
use crate::search::Query;
use crate::text::{json_safe, printable};

use super::args::FilterArgs;
use super::query::filter_from_args;
use super::settings::Resolved;
use super::{CliError, EXIT_USAGE};

#[derive(Serialize)]
struct EventRecord<'a> {
    code: &'a str,
    group: &'a str,
    label_es: &'a str,
    label_en: &'a str,
    description_en: &'a str,
    description_es: &'a str,
    value_filters: Vec<&'static str>,
    /// Where the type is documented or was seen: kommo_docs, amocrm_docs, seen_live.
    documented: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
}

fn record<'a>(catalog: &'a Catalog, index: usize, score: Option<i64>) -> EventRecord<'a> {
    let event = &catalog.events()[index];
    EventRecord {
        code: &event.code,
        group: &catalog.groups()[event.group].id,
        label_es: &event.label_es,
        label_en: &event.label_en,
        description_en: &event.description_en,
        description_es: &event.description_es,
        value_filters: event.value_filters.iter().map(|key| key.code()).collect(),
        documented: event.documented.iter().map(|source| source.code()).collect(),
        score,
    }
}

pub fn list(explorer: &Explorer, lang: Lang, group: Option<&str>, json: bool) -> Result<ExitCode, CliError> {
    let catalog = explorer.catalog();
    let only = match group {
        Some(id) => Some(catalog.group_index(id).ok_or_else(|| unknown_group(catalog, id))?),
        None => None,
    };
    let indices: Vec<usize> = (0..catalog.events().len())
        .filter(|&i| only.is_none_or(|g| catalog.events()[i].group == g))
        .collect();
    // Buffered: a catalog of a million types would otherwise be a million write calls.
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> = indices.iter().map(|&i| record(catalog, i, None)).collect();
        write_json(&mut out, &records)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Codes are checked where they enter (at most MAX_CODE_CHARS); the padding is written by hand
    // all the same, since a formatting width above 65,535 panics.
    let width = indices.iter().map(|&i| catalog.events()[i].code.len()).max().unwrap_or(0);
    let sizes = catalog.group_sizes();
    for (group_index, group) in catalog.groups().iter().enumerate() {
        if only.is_some_and(|g| g != group_index) {
            continue;
        }
        let label = printable(lang.group_label(group));
        writeln!(out, "{label} ({}) [{}]", sizes[group_index], printable(&group.id))?;
        for event in catalog.events().iter().filter(|e| e.group == group_index) {
            let code = printable(&event.code);
            let padding = width.saturating_sub(code.len());
            writeln!(
                out,
                "  {code}{:padding$}  {}",
                "",
                printable(lang.event_label(event)),
                padding = padding.min(200)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn unknown_group(catalog: &Catalog, id: &str) -> CliError {
    let known: Vec<&str> = catalog.groups().iter().map(|g| g.id.as_str()).collect();
    CliError::Usage(format!("unknown group {id:?} in --group; use one of: {}", known.join(", ")))
}

pub fn search(
    explorer: &Explorer,
    query: &str,
    limit: Option<usize>,
    json: bool,
) -> Result<ExitCode, CliError> {
    let hits = explorer.ranked(&Query::parse(query));
    let hits = &hits[..limit.unwrap_or(hits.len()).min(hits.len())];
    let catalog = explorer.catalog();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> =
            hits.iter().map(|h| record(catalog, h.event, Some(h.found.score))).collect();
        write_json(&mut out, &records)?;
    } else {
        for hit in hits {
            writeln!(out, "{}", printable(&catalog.events()[hit.event].code))?;
        }
    }
    out.flush()?;
    // Like grep and fzf --filter: no match is exit 1, so scripts can branch on it.
    Ok(if hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Pretty JSON with nothing in it that acts on a terminal (labels can come from an account).
fn write_json(out: &mut impl Write, value: &impl Serialize) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Io(e.into()))?;
    writeln!(out, "{}", json_safe(text))?;
    Ok(())
}

/// The largest query `decode -` reads: a real one, with every filter, is a few KiB.
const PASTED_INPUT_LIMIT: u64 = 1024 * 1024;

/// `decode -`: standard input, up to [`PASTED_INPUT_LIMIT`].
fn read_pasted_input() -> Result<String, CliError> {
    crate::files::read_stream(io::stdin().lock(), PASTED_INPUT_LIMIT)
        .map_err(|error| CliError::Usage(format!("decode -: standard input: {error}")))
}

pub fn serve_clipboard() -> Result<ExitCode, CliError> {
    // What the screen copied: a query, an event's JSON; the bound only stops a runaway writer.
    let text = crate::files::read_stream(io::stdin().lock(), 64 * 1024 * 1024)
        .map_err(|error| CliError::Io(io::Error::other(error.to_string())))?;
    crate::tui::clipboard::serve_clipboard_until_replaced(&text)
        .map_err(|e| CliError::Io(io::Error::other(e)))?;
    Ok(ExitCode::SUCCESS)
}

/// `query`: prints the filter the flags describe. Unparsable values and broken rules go to
/// stderr; either makes the exit code 2 unless `--force` (a value that does not parse is always 2).
pub fn query(
    args: &FilterArgs,
    force: bool,
    settings: &Resolved,
    catalog: &Catalog,
) -> Result<ExitCode, CliError> {
    let Some(filter) = checked_filter(args, force, settings, catalog)? else {
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{}", format::render(&filter, settings.format, &settings.format_options()))?;
    Ok(ExitCode::SUCCESS)
}

/// The filter the flags describe, with its errors and problems written to stderr; `None` when a
/// value does not parse, or a rule is broken and not `force` (the caller exits 2). Type codes
/// `catalog` does not know are warnings with the closest known codes.
pub fn checked_filter(
    args: &FilterArgs,
    force: bool,
    settings: &Resolved,
    catalog: &Catalog,
) -> Result<Option<filter::Filter>, CliError> {
    let lang = settings.lang;
    let (filter, field_errors) = filter_from_args(args, settings.zone);
    let problems = written_problems(&filter, &settings.encode, catalog);
    let mut stderr = io::stderr().lock();
    // A closed stderr must not turn a broken filter into a success: the messages are best effort,
    // the exit code is not.
    for (parameter, error) in &field_errors {
        let _ = writeln!(
            stderr,
            "kommo-events: error: {}",
            filter_messages::field_error_at(*parameter, error, lang)
        );
    }
    for problem in &problems {
        let severity = filter_messages::severity(problem.severity, lang);
        let _ = writeln!(stderr, "kommo-events: {severity}: {}", filter_messages::problem(problem, lang));
    }
    let broken = problems.iter().any(|p| p.severity == Severity::Error);
    let usable = field_errors.is_empty() && (!broken || force);
    Ok(usable.then_some(filter))
}

/// Every problem of a filter written in `encode`: the rules, and the type codes `catalog` does
/// not know.
fn written_problems(
    filter: &filter::Filter,
    encode: &filter::EncodeOptions,
    catalog: &Catalog,
) -> Vec<filter::Problem> {
    let mut problems = filter::validate_written(filter, encode);
    problems.extend(catalog.unknown_types(filter));
    problems.sort_by_key(|problem| problem.parameter);
    problems
}

/// `decode`: what a query means, in words, with every rule it breaks. Exit 2 when a part of it
/// cannot be read or a rule is broken (so scripts can check a query), 0 otherwise. The JSON
/// carries exactly the problems the text prints.
///
/// With `--format F` it converts: the decoded filter is printed in format F (in the styles it was
/// written in, unless `--list-style`/`--range-style` say otherwise) and the problems go to stderr.
/// Input in which nothing is an events filter (`hello world`) exits 2.
pub fn decode(input: &DecodeInput, settings: &Resolved, catalog: &Catalog) -> Result<ExitCode, CliError> {
    let text = if input.text == "-" { read_pasted_input()? } else { input.text.to_string() };
    let decoded = filter::decode::decode(&text);
    let problems = written_problems(&decoded.filter, &decoded.styles.encode_options(), catalog);
    let lang = settings.lang;
    let nothing_understood = decoded.filter == filter::Filter::default()
        && decoded.errors.is_empty()
        && !decoded.unknown.is_empty();
    let mut out = io::stdout().lock();
    if let Some(format) = input.format {
        let mut encode = decoded.styles.encode_options();
        if let Some(list_style) = input.list_style {
            encode.list_style = list_style;
        }
        if settings.range_style_chosen {
            encode.range_style = settings.encode.range_style;
        }
        let options = format::FormatOptions {
            encode,
            subdomain: settings.subdomain.clone(),
            base_url: decoded.base_url.clone().or_else(|| settings.base_url.clone()),
        };
        writeln!(out, "{}", format::render(&decoded.filter, format, &options))?;
        let mut stderr = io::stderr().lock();
        for (key, value) in &decoded.unknown {
            let _ = writeln!(
                stderr,
                "kommo-events: warning: {}",
                decode_messages::not_understood(key, value, lang)
            );
        }
        for found in &decoded.errors {
            let severity = filter_messages::severity(found.severity(), lang);
            let _ = writeln!(
                stderr,
                "kommo-events: {severity}: {}",
                decode_messages::decode_problem(found, lang)
            );
        }
        for problem in &problems {
            let severity = filter_messages::severity(problem.severity, lang);
            let _ = writeln!(stderr, "kommo-events: {severity}: {}", filter_messages::problem(problem, lang));
        }
    } else if input.json {
        write_json(&mut out, &decode_messages::decoded_json(&decoded, &problems, lang))?;
    } else {
        for line in decode_messages::describe(&decoded, lang) {
            writeln!(out, "{line}")?;
        }
        for problem in &problems {
            let severity = filter_messages::severity(problem.severity, lang);
            writeln!(out, "{severity}: {}", filter_messages::problem(problem, lang))?;
        }
    }
    if nothing_understood {
        let _ = writeln!(
            io::stderr().lock(),
            "kommo-events: error: {}",
            decode_messages::nothing_to_filter(lang)
        );
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let broken = problems.iter().any(|p| p.severity == Severity::Error)
        || decoded.errors.iter().any(|e| e.severity() == Severity::Error);
    Ok(if broken { ExitCode::from(EXIT_USAGE) } else { ExitCode::SUCCESS })
}

/// What `decode` was given: the text (or `-`), and the output asked for.
pub struct DecodeInput<'a> {
    pub text: &'a str,
    pub json: bool,
    /// `--format`: convert to this format instead of describing.
    pub format: Option<format::QueryFormat>,
    /// `--list-style`, when given.
    pub list_style: Option<filter::ListStyle>,
}
