//! `decode`: what a pasted query, URL or command means, in words or JSON, or converted to
//! another format.

use std::io::{self, Write};
use std::process::ExitCode;

use super::query::written_problems;
use super::write_json;
use crate::catalog::Catalog;
use crate::cli::settings::Resolved;
use crate::cli::{CliError, Usage, EXIT_USAGE};
use crate::filter::{self, format, Severity};
use crate::i18n::{decode_messages, filter_messages};

/// The largest query `decode -` reads: a real one, with every filter, is a few KiB.
const PASTED_INPUT_LIMIT: u64 = 1024 * 1024;

/// `decode -`: standard input, up to [`PASTED_INPUT_LIMIT`].
fn read_pasted_input() -> Result<String, CliError> {
    crate::files::read_stream(io::stdin().lock(), PASTED_INPUT_LIMIT)
        .map_err(|error| CliError::Usage(Usage::Stdin(error.to_string())))
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
