//! `list` and `search`: the catalog as lines or JSON, and its search from the command line.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::write_json;
use crate::catalog::{Catalog, Vocabulary};
use crate::cli::{CliError, Usage};
use crate::i18n::Lang;
use crate::search::index::TypeIndex;
use crate::search::Query;
use crate::text::printable;

#[derive(Serialize)]
struct EventRecord<'a> {
    code: &'a str,
    group: &'a str,
    label_es: &'a str,
    label_en: &'a str,
    label_pt: &'a str,
    description_en: &'a str,
    description_es: &'a str,
    description_pt: &'a str,
    value_filters: Vec<&'static str>,
    /// Where the type is documented or was seen: kommo_docs, amocrm_docs, seen_live.
    documented: Vec<&'static str>,
    /// The words people use for the type besides its labels, by language (es, en, pt).
    vocabulary: &'a Vocabulary,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
    /// For `search --json`: the vocabulary phrase the type was found through, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_word: Option<&'a str>,
}

fn record<'a>(
    catalog: &'a Catalog,
    index: usize,
    score: Option<i64>,
    matched_word: Option<&'a str>,
) -> EventRecord<'a> {
    let event = &catalog.events()[index];
    EventRecord {
        code: event.code(),
        group: &catalog.groups()[event.group()].id,
        label_es: event.label_es(),
        label_en: event.label_en(),
        label_pt: event.label_pt(),
        description_en: event.description_en(),
        description_es: event.description_es(),
        description_pt: event.description_pt(),
        value_filters: event.value_filters().iter().map(|key| key.code()).collect(),
        documented: event.documented().iter().map(|source| source.code()).collect(),
        vocabulary: event.vocabulary(),
        score,
        matched_word,
    }
}

pub fn list(index: &TypeIndex, lang: Lang, group: Option<&str>, json: bool) -> Result<ExitCode, CliError> {
    let catalog = index.catalog();
    let only = match group {
        Some(id) => Some(catalog.group_index(id).ok_or_else(|| unknown_group(catalog, id))?),
        None => None,
    };
    let indices: Vec<usize> = (0..catalog.events().len())
        .filter(|&i| only.is_none_or(|g| catalog.events()[i].group() == g))
        .collect();
    // Buffered: a catalog of a million types would otherwise be a million write calls.
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> = indices.iter().map(|&i| record(catalog, i, None, None)).collect();
        write_json(&mut out, &records)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Codes are checked where they enter (at most MAX_CODE_CHARS); the padding is written by hand
    // all the same, since a formatting width above 65,535 panics.
    let width = indices.iter().map(|&i| catalog.events()[i].code().len()).max().unwrap_or(0);
    let sizes = catalog.group_sizes();
    for (group_index, group) in catalog.groups().iter().enumerate() {
        if only.is_some_and(|g| g != group_index) {
            continue;
        }
        let label = printable(lang.group_label(group));
        writeln!(out, "{label} ({}) [{}]", sizes[group_index], printable(&group.id))?;
        for event in catalog.events().iter().filter(|e| e.group() == group_index) {
            let code = printable(event.code());
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
    let known = catalog.groups().iter().map(|g| g.id.clone()).collect();
    CliError::Usage(Usage::UnknownGroup { id: id.to_owned(), known })
}

pub fn search(
    index: &TypeIndex,
    query: &str,
    limit: Option<usize>,
    json: bool,
) -> Result<ExitCode, CliError> {
    let hits = index.ranked(&Query::parse(query));
    let hits = &hits[..limit.unwrap_or(hits.len()).min(hits.len())];
    let catalog = index.catalog();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        let records: Vec<EventRecord> = hits
            .iter()
            .map(|h| record(catalog, h.event, Some(h.found.score), h.via.and_then(|p| index.phrase(p))))
            .collect();
        write_json(&mut out, &records)?;
    } else {
        for hit in hits {
            writeln!(out, "{}", printable(catalog.events()[hit.event].code()))?;
        }
    }
    out.flush()?;
    // Like grep and fzf --filter: no match is exit 1, so scripts can branch on it.
    Ok(if hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
