//! The words for a decoded query, in English, Spanish and Portuguese: what each filter asks for,
//! what was not understood, what could not be read, and the same as JSON for `decode --json`.
//!
//! Moments are shown in UTC with their Unix seconds, so a line means the same on every machine.

use crate::filter::decode::closest_key;
use chrono::{DateTime, Timelike};
use serde::Serialize;
use serde_json::Value;

use crate::filter::decode::{DecodeProblem, DecodeProblemKind, Decoded, DetectedStyles};
use crate::filter::model::{Filter, Side, StagePair};
use crate::filter::parse::{snippet_of, StagePart, LONG_SNIPPET_CHARS};
use crate::filter::rules::{Problem, Severity};
use crate::i18n::filter_messages::{field_error, problem, severity};
use crate::i18n::{pick, word, Lang};

/// The stage id Kommo gives "won" in every pipeline.
const WON_STAGE: u64 = 142;
/// The stage id Kommo gives "lost" in every pipeline.
const LOST_STAGE: u64 = 143;

/// One word in the three languages, English first.
type Words<'a> = [&'a str; 3];
/// The decoded query in words, one line per filter (`Types: lead_added, lead_status_changed`),
/// then one per parameter not understood and one per decode problem (`error: …`). The Kommo
/// rules are not here: the caller prints `rules::validate`'s problems with
/// [`filter_messages::problem`](crate::i18n::filter_messages::problem).
pub fn describe(decoded: &Decoded, lang: Lang) -> Vec<String> {
    let mut lines = filter_lines(&decoded.filter, lang);
    if lines.is_empty() {
        let none = [
            "No filter: every event of the account.",
            "Sin filtro: todos los eventos de la cuenta.",
            "Sem filtro: todos os eventos da conta.",
        ];
        lines.push(word(lang, none).to_owned());
    }
    for (key, value) in &decoded.unknown {
        lines.push(not_understood(key, value, lang));
    }
    for found in &decoded.errors {
        lines.push(format!("{}: {}", severity(found.severity(), lang), decode_problem(found, lang)));
    }
    lines
}

/// A parameter that is not part of the events filter, with the key it was probably meant to be.
pub fn not_understood(key: &str, value: &str, lang: Lang) -> String {
    let shown = snippet_of(&format!("{key}={value}"), LONG_SNIPPET_CHARS);
    match closest_key(key) {
        Some(meant) => pick(
            lang,
            format!("Not understood, kept: {shown} — did you mean {meant}?"),
            format!("No reconocido, conservado: {shown}; ¿quisiste decir {meant}?"),
            format!("Não reconhecido, mantido: {shown}; você quis dizer {meant}?"),
        ),
        None => pick(
            lang,
            format!("Not understood, kept: {shown}"),
            format!("No reconocido, conservado: {shown}"),
            format!("Não reconhecido, mantido: {shown}"),
        ),
    }
}

/// Why a decode found nothing at all to filter by, with what to paste instead.
pub fn nothing_to_filter(lang: Lang) -> &'static str {
    word(
        lang,
        [
            "nothing in this input is an events filter — paste a query such as filter[type]=lead_added, \
             an events URL, a curl or HTTPie command, or the JSON format",
            "nada en esta entrada es un filtro de eventos; pega una consulta como filter[type]=lead_added, \
             una URL de eventos, un comando curl o HTTPie, o el formato JSON",
            "nada nesta entrada é um filtro de eventos; cole uma consulta como filter[type]=lead_added, \
             uma URL de eventos, um comando curl ou HTTPie, ou o formato JSON",
        ],
    )
}

/// A decode problem as one sentence that starts with the parameter as written.
pub fn decode_problem(found: &DecodeProblem, lang: Lang) -> String {
    let p = &found.parameter;
    match &found.kind {
        DecodeProblemKind::Value(error) => format!("{p}: {}", field_error(error, lang)),
        DecodeProblemKind::HalfStagePair { missing } => {
            let (has, lacks) = match missing {
                StagePart::Status => ("pipeline_id", "status_id"),
                StagePart::Pipeline => ("status_id", "pipeline_id"),
            };
            pick(
                lang,
                format!("{p}: has {has} but no {lacks} — send both ids with the same index."),
                format!("{p}: tiene {has} pero no {lacks}; envía los dos ids con el mismo índice."),
                format!("{p}: tem {has} mas não {lacks}; envie os dois ids com o mesmo índice."),
            )
        }
        DecodeProblemKind::ResponseShapeKey { fix } => pick(
            lang,
            format!(
                "{p}: lead_status is the response's shape, the filter key is leads_statuses — \
                 use {fix}."
            ),
            format!(
                "{p}: lead_status es la forma de la respuesta, la clave del filtro es \
                 leads_statuses; usa {fix}."
            ),
            format!(
                "{p}: lead_status é a forma da resposta, a chave do filtro é \
                 leads_statuses; use {fix}."
            ),
        ),
        DecodeProblemKind::Repeated { kept, dropped } => pick(
            lang,
            format!(
                "{p}: \"{dropped}\" is replaced by a later \"{kept}\", the last one counts — \
                 keep only one."
            ),
            format!(
                "{p}: \"{dropped}\" queda reemplazado por un \"{kept}\" posterior, cuenta el \
                 último; deja solo uno."
            ),
            format!(
                "{p}: \"{dropped}\" é substituído por um \"{kept}\" posterior, vale o \
                 último; deixe só um."
            ),
        ),
        DecodeProblemKind::TooManyRangeValues { count } => pick(
            lang,
            format!("{p}: {count} values, but a range has two ends (from,to) — keep two."),
            format!("{p}: {count} valores, pero un rango tiene dos extremos (desde,hasta); deja dos."),
            format!("{p}: {count} valores, mas um intervalo tem duas pontas (de,até); deixe dois."),
        ),
        DecodeProblemKind::NotEventsPath => pick(
            lang,
            format!("{p}: this is not /api/v4/events — check the URL is for the events route."),
            format!("{p}: no es /api/v4/events; revisa que la URL sea de la ruta de eventos."),
            format!("{p}: não é /api/v4/events; confira se a URL é da rota de eventos."),
        ),
    }
}

/// `decode --json`: `{"filter", "styles", "base_url", "unknown": [{parameter, value}],
/// "problems": [{severity, parameter, message}]}`, the problems being the decode problems then
/// the broken Kommo rules of the decoded filter. Severities are the codes `error` and
/// `warning` in every language; messages follow `lang`. Keys come sorted (serde_json's map).
pub fn decoded_json(decoded: &Decoded, problems_found: &[Problem], lang: Lang) -> Value {
    let mut problems: Vec<ProblemJson> = decoded
        .errors
        .iter()
        .map(|found| ProblemJson {
            severity: severity_code(found.severity()),
            parameter: found.parameter.clone(),
            message: decode_problem(found, lang),
        })
        .collect();
    problems.extend(problems_found.iter().map(|broken| ProblemJson {
        severity: severity_code(broken.severity),
        parameter: broken.parameter.name().to_owned(),
        message: problem(broken, lang),
    }));
    let unknown = decoded
        .unknown
        .iter()
        .map(|(parameter, value)| UnknownJson {
            parameter: parameter.as_str(),
            value: value.as_str(),
            did_you_mean: closest_key(parameter),
        })
        .collect();
    let json = DecodedJson {
        filter: &decoded.filter,
        styles: &decoded.styles,
        base_url: decoded.base_url.as_deref(),
        unknown,
        problems,
    };
    // Strings, numbers and lists always convert; the fallback is unreachable but keeps this total.
    serde_json::to_value(json).unwrap_or(Value::Null)
}

#[derive(Serialize)]
struct DecodedJson<'a> {
    filter: &'a Filter,
    styles: &'a DetectedStyles,
    base_url: Option<&'a str>,
    unknown: Vec<UnknownJson<'a>>,
    problems: Vec<ProblemJson>,
}

#[derive(Serialize)]
struct UnknownJson<'a> {
    parameter: &'a str,
    value: &'a str,
    /// The known key it was probably meant to be.
    did_you_mean: Option<String>,
}

#[derive(Serialize)]
struct ProblemJson {
    severity: &'static str,
    parameter: String,
    message: String,
}

fn severity_code(level: Severity) -> &'static str {
    match level {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// One line per filter that is set, in query order.
fn filter_lines(filter: &Filter, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = |label: Words, items: String| {
        if !items.is_empty() {
            lines.push(format!("{}: {items}", word(lang, label)));
        }
    };
    line(["Types", "Tipos", "Tipos"], shown_list(&filter.types));
    let entities: Vec<String> = filter.entities.iter().map(|e| e.code()).collect();
    line(["Entities", "Entidades", "Entidades"], entities.join(", "));
    line(["Entity ids", "Ids de entidad", "Ids de entidade"], joined(&filter.entity_ids));
    line(["Created by", "Creado por", "Criado por"], users(&filter.created_by, lang));
    line(["Created", "Creado", "Criado"], created(filter, lang));
    line(["Event ids", "Ids de evento", "Ids de evento"], shown_list(&filter.event_ids));
    for side in Side::BOTH {
        let value = filter.value(side);
        let side_word = match side {
            Side::Before => ["before", "antes", "antes"],
            Side::After => ["after", "después", "depois"],
        };
        let [en, es, pt] = side_word;
        let labels = |prefix: Words, suffix: Words| -> [String; 3] {
            [
                format!("{} {en}{}", prefix[0], suffix[0]),
                format!("{} {es}{}", prefix[1], suffix[1]),
                format!("{} {pt}{}", prefix[2], suffix[2]),
            ]
        };
        let mut labelled = |label: [String; 3], items: String| {
            line([label[0].as_str(), label[1].as_str(), label[2].as_str()], items)
        };
        let stages: Vec<String> = value.leads_statuses.iter().map(|pair| stage(pair, lang)).collect();
        labelled(labels(["Stage", "Etapa", "Etapa"], ["", "", ""]), stages.join("; "));
        labelled(
            labels(["Customer stage", "Etapa del cliente", "Etapa do cliente"], ["", "", ""]),
            joined(&value.customers_statuses),
        );
        labelled(
            labels(["Responsible", "Responsable", "Responsável"], ["", "", ""]),
            joined(&value.responsible_user_ids),
        );
        labelled(
            labels(
                ["Field values", "Valores del campo", "Valores do campo"],
                [" (enum ids)", " (ids de enum)", " (ids de enum)"],
            ),
            joined(&value.custom_field_values),
        );
        let text = value.value_text().map(|v| format!("\"{}\"", snippet_of(v, LONG_SNIPPET_CHARS)));
        labelled(labels(["Value", "Valor", "Valor"], ["", "", ""]), text.unwrap_or_default());
    }
    let with: Vec<&str> = filter.with.iter().map(|w| w.code()).collect();
    line(["With names", "Con nombres", "Com nomes"], with.join(", "));
    line(["Page", "Página", "Página"], filter.page.map(|page| page.to_string()).unwrap_or_default());
    let limit = filter.limit.map(|limit| {
        pick(lang, format!("{limit} per page"), format!("{limit} por página"), format!("{limit} por página"))
    });
    line(["Limit", "Límite", "Limite"], limit.unwrap_or_default());
    lines
}

fn joined(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

/// Text items from the query, each shortened and made safe for the terminal.
fn shown_list(items: &[String]) -> String {
    items.iter().map(|item| snippet_of(item, LONG_SNIPPET_CHARS)).collect::<Vec<_>>().join(", ")
}

/// `0 (robot/system/API), 42`.
fn users(ids: &[u64], lang: Lang) -> String {
    let robot = word(lang, ["0 (robot/system/API)", "0 (robot/sistema/API)", "0 (robô/sistema/API)"]);
    let shown: Vec<String> =
        ids.iter().map(|id| if *id == 0 { robot.to_owned() } else { id.to_string() }).collect();
    shown.join(", ")
}

fn created(filter: &Filter, lang: Lang) -> String {
    let range = &filter.created_at;
    let (from, to) = (range.from.map(utc_moment), range.to.map(utc_moment));
    match (from, to) {
        (Some(from), Some(to)) => pick(
            lang,
            format!("from {from} to {to}"),
            format!("desde {from} hasta {to}"),
            format!("de {from} até {to}"),
        ),
        (Some(from), None) => {
            pick(lang, format!("from {from}"), format!("desde {from}"), format!("de {from}"))
        }
        (None, Some(to)) => pick(lang, format!("up to {to}"), format!("hasta {to}"), format!("até {to}")),
        (None, None) => String::new(),
    }
}

/// `2026-01-01 00:00 UTC (1767225600)`; seconds are shown only when they are not 0, and a
/// moment chrono cannot place is shown as its number alone.
fn utc_moment(seconds: i64) -> String {
    let Some(moment) = DateTime::from_timestamp(seconds, 0) else {
        return seconds.to_string();
    };
    let pattern = if moment.second() == 0 { "%Y-%m-%d %H:%M" } else { "%Y-%m-%d %H:%M:%S" };
    format!("{} UTC ({seconds})", moment.format(pattern))
}

/// `pipeline 12345, stage 142 (won)`.
fn stage(pair: &StagePair, lang: Lang) -> String {
    let StagePair { pipeline_id, status_id } = pair;
    let outcome = match *status_id {
        WON_STAGE => word(lang, [" (won)", " (ganada)", " (ganha)"]),
        LOST_STAGE => word(lang, [" (lost)", " (perdida)", " (perdida)"]),
        _ => "",
    };
    pick(
        lang,
        format!("pipeline {pipeline_id}, stage {status_id}{outcome}"),
        format!("embudo {pipeline_id}, etapa {status_id}{outcome}"),
        format!("funil {pipeline_id}, etapa {status_id}{outcome}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::decode::decode;
    use crate::filter::parse::{FieldError, NumberProblem, Token};

    const LANGS: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pt];

    fn lines(input: &str, lang: Lang) -> Vec<String> {
        describe(&decode(input), lang)
    }

    #[test]
    fn every_filter_is_one_line_in_english() {
        let input = "filter[type]=lead_added,lead_status_changed&filter[entity]=lead\
                     &filter[entity_id]=7&filter[created_by]=0,42\
                     &filter[created_at][from]=1767225600&filter[created_at][to]=1767311999\
                     &filter[id]=01jabcdefghjkmnpqrstvwxyz0\
                     &filter[value_before][leads_statuses][0][pipeline_id]=12345\
                     &filter[value_before][leads_statuses][0][status_id]=99999999\
                     &filter[value_after][leads_statuses][0][pipeline_id]=12345\
                     &filter[value_after][leads_statuses][0][status_id]=142\
                     &filter[value_after][leads_statuses][1][pipeline_id]=12345\
                     &filter[value_after][leads_statuses][1][status_id]=143\
                     &filter[value_after][responsible_user_id]=3231,412314\
                     &filter[value_before][custom_field_values]=145,157\
                     &filter[value_after][value]=155&with=lead_name&page=2&limit=100";
        assert_eq!(
            lines(input, Lang::En),
            [
                "Types: lead_added, lead_status_changed",
                "Entities: lead",
                "Entity ids: 7",
                "Created by: 0 (robot/system/API), 42",
                "Created: from 2026-01-01 00:00 UTC (1767225600) to 2026-01-01 23:59:59 UTC (1767311999)",
                "Event ids: 01jabcdefghjkmnpqrstvwxyz0",
                "Stage before: pipeline 12345, stage 99999999",
                "Field values before (enum ids): 145, 157",
                "Stage after: pipeline 12345, stage 142 (won); pipeline 12345, stage 143 (lost)",
                "Responsible after: 3231, 412314",
                "Value after: \"155\"",
                "With names: lead_name",
                "Page: 2",
                "Limit: 100 per page",
            ]
        );
    }

    #[test]
    fn every_filter_is_one_line_in_spanish() {
        let input = "filter[type]=lead_status_changed&filter[created_by]=0\
                     &filter[created_at]=1767225600\
                     &filter[value_after][leads_statuses][0][pipeline_id]=12345\
                     &filter[value_after][leads_statuses][0][status_id]=143\
                     &filter[value_before][value]=x&limit=50";
        assert_eq!(
            lines(input, Lang::Es),
            [
                "Tipos: lead_status_changed",
                "Creado por: 0 (robot/sistema/API)",
                "Creado: desde 2026-01-01 00:00 UTC (1767225600)",
                "Valor antes: \"x\"",
                "Etapa después: embudo 12345, etapa 143 (perdida)",
                "Límite: 50 por página",
            ]
        );
    }

    #[test]
    fn an_open_start_reads_up_to() {
        assert_eq!(
            lines("filter[created_at][to]=60", Lang::En),
            ["Created: up to 1970-01-01 00:01 UTC (60)"]
        );
        assert_eq!(
            lines("filter[created_at][to]=61", Lang::Es),
            ["Creado: hasta 1970-01-01 00:01:01 UTC (61)"]
        );
    }

    #[test]
    fn an_empty_query_means_every_event() {
        assert_eq!(lines("", Lang::En), ["No filter: every event of the account."]);
        assert_eq!(lines("?", Lang::Es), ["Sin filtro: todos los eventos de la cuenta."]);
    }

    #[test]
    fn unknown_parameters_and_problems_follow_the_filters() {
        let en = lines("limit=5&foo=bar&limit=7&filter[entity_id]=x", Lang::En);
        assert_eq!(
            en,
            [
                "Limit: 7 per page",
                "Not understood, kept: foo=bar",
                "error: filter[entity_id]: \"x\" (item 1) is not a number — use digits 0-9 only.",
                "warning: limit: \"5\" is replaced by a later \"7\", the last one counts — keep only one.",
            ]
        );
        let es = lines("foo=bar", Lang::Es);
        assert_eq!(es, ["Sin filtro: todos los eventos de la cuenta.", "No reconocido, conservado: foo=bar"]);
    }

    #[test]
    fn control_characters_never_reach_the_lines() {
        let described = lines(
            "filter[id]=%1B[2J&filter[value_after][value]=a%07b&%1B=%1B\
             &filter[value_after][lead_status][id]=%1B&limit=%1B&https://%1B/x",
            Lang::En,
        );
        assert!(described.iter().all(|line| !line.chars().any(char::is_control)), "{described:?}");
    }

    #[test]
    fn the_lead_status_mistake_names_the_fix() {
        let described = lines("filter[value_after][lead_status][id]=142", Lang::En);
        assert_eq!(
            described.last().map(String::as_str),
            Some(
                "error: filter[value_after][lead_status][id]: lead_status is the response's shape, \
                 the filter key is leads_statuses — use filter[value_after][leads_statuses][0][status_id]=142."
            )
        );
    }

    /// One sample of each kind, so a new kind fails to compile until it has words.
    fn samples() -> Vec<DecodeProblem> {
        let at = |parameter: &str, kind| DecodeProblem { parameter: parameter.to_owned(), kind };
        let kinds = [
            DecodeProblemKind::Value(FieldError::Number {
                token: Token::new("x", 1),
                problem: NumberProblem::NotANumber,
            }),
            DecodeProblemKind::HalfStagePair { missing: StagePart::Pipeline },
            DecodeProblemKind::HalfStagePair { missing: StagePart::Status },
            DecodeProblemKind::ResponseShapeKey {
                fix: "filter[value_after][leads_statuses][0][status_id]=142".to_owned(),
            },
            DecodeProblemKind::Repeated { kept: "20".to_owned(), dropped: "10".to_owned() },
            DecodeProblemKind::TooManyRangeValues { count: 3 },
            DecodeProblemKind::NotEventsPath,
        ];
        for kind in &kinds {
            match kind {
                DecodeProblemKind::Value(_)
                | DecodeProblemKind::HalfStagePair { .. }
                | DecodeProblemKind::ResponseShapeKey { .. }
                | DecodeProblemKind::Repeated { .. }
                | DecodeProblemKind::TooManyRangeValues { .. }
                | DecodeProblemKind::NotEventsPath => {}
            }
        }
        kinds.into_iter().map(|kind| at("filter[value_after][leads_statuses][0]", kind)).collect()
    }

    #[test]
    fn every_decode_problem_names_its_parameter_in_both_languages() {
        for sample in samples() {
            let en = decode_problem(&sample, Lang::En);
            let es = decode_problem(&sample, Lang::Es);
            for message in [&en, &es] {
                assert!(message.starts_with("filter[value_after][leads_statuses][0]: "), "{message}");
                assert!(message.ends_with('.'), "{message}");
                assert!(message.chars().count() <= 200, "{message}");
            }
            assert_ne!(en, es);
        }
    }

    #[test]
    fn json_has_filter_styles_unknown_and_every_problem() {
        let decoded = decode("https://x.kommo.com/api/v4/events?filter[entity_id][]=5&limit=abc&foo=1");
        for lang in LANGS {
            let json = decoded_json(&decoded, &crate::filter::validate(&decoded.filter), lang);
            assert_eq!(json["filter"]["entity_ids"], serde_json::json!([5]));
            assert_eq!(
                json["styles"],
                serde_json::json!({"list": "brackets", "range": null, "encoded": false})
            );
            assert_eq!(json["base_url"], "https://x.kommo.com");
            assert_eq!(
                json["unknown"],
                serde_json::json!([{"parameter": "foo", "value": "1", "did_you_mean": null}])
            );
            let problems = json["problems"].as_array().cloned().unwrap_or_default();
            let heads: Vec<(&str, &str)> = problems
                .iter()
                .map(|p| (p["severity"].as_str().unwrap_or(""), p["parameter"].as_str().unwrap_or("")))
                .collect();
            // The decode problem (limit=abc) first, then the broken rule (entity ids need one entity).
            assert_eq!(heads, [("error", "limit"), ("error", "filter[entity_id]")]);
            assert!(problems.iter().all(|p| p["message"].as_str().is_some_and(|m| m.len() > 20)));
        }
    }
}
