//! `query`: the filter the flags describe, checked like the screen checks it; and the check
//! itself, which `fetch` and `tail` run too.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::cli::args::FilterArgs;
use crate::cli::query::filter_from_args;
use crate::cli::settings::Resolved;
use crate::cli::{CliError, EXIT_USAGE};
use crate::filter::{self, format, Built, Severity};
use crate::i18n::filter_messages;

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
    // The command line's clock, read here at its edge, resolves dates in words (`--created-from
    // "last week"`).
    let now = chrono::Utc::now().timestamp();
    let Built { filter, field_errors, not_applied } = filter_from_args(args, settings.zone, now);
    let problems = written_problems(&filter, &settings.encode, catalog);
    let mut stderr = io::stderr().lock();
    // A closed stderr must not turn a broken filter into a success: the messages are best effort,
    // the exit code is not.
    for (field, error) in &field_errors {
        let _ = writeln!(
            stderr,
            "kommo-events: error: {}",
            filter_messages::field_error_at(field.parameter(), error, lang)
        );
    }
    // The screen keeps such a value on its row, marked; flags have no row, so leaving one out is
    // an error like a broken rule (`--force` prints the query without it).
    for field in &not_applied {
        let _ = writeln!(
            stderr,
            "kommo-events: error: {}",
            filter_messages::not_applied(field.parameter(), lang)
        );
    }
    for problem in &problems {
        let severity = filter_messages::severity(problem.severity, lang);
        let _ = writeln!(stderr, "kommo-events: {severity}: {}", filter_messages::problem(problem, lang));
    }
    let broken = !not_applied.is_empty() || problems.iter().any(|p| p.severity == Severity::Error);
    let usable = field_errors.is_empty() && (!broken || force);
    Ok(usable.then_some(filter))
}

/// Every problem of a filter written in `encode`: the rules, and the type codes `catalog` does
/// not know.
pub(super) fn written_problems(
    filter: &filter::Filter,
    encode: &filter::EncodeOptions,
    catalog: &Catalog,
) -> Vec<filter::Problem> {
    let mut problems = filter::validate_written(filter, encode);
    problems.extend(catalog.unknown_types(filter));
    problems.sort_by_key(|problem| problem.parameter);
    problems
}
