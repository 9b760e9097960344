//! The words for the filter's errors and problems, in English and Spanish.
//!
//! Each message says what is wrong, where (the item or the query parameter) and how to fix it,
//! short enough for one or two terminal lines. English puts the fix after " — ", Spanish after
//! "; ", as each language punctuates.

use crate::filter::date::DatePart;
use crate::filter::model::{Entity, Parameter, ValueKey, WithName, PER_FIELD_TEMPLATE};
use crate::filter::parse::{FieldError, NumberProblem, StagePart, Token};
use crate::filter::rules::{Problem, ProblemKind, Severity, EVENTS_LIMIT_CAP, EVENT_ID_LEN};
use crate::i18n::Lang;

/// A field error as one sentence; it names the item, since the caller shows it by the field.
pub fn field_error(error: &FieldError, lang: Lang) -> String {
    match error {
        FieldError::Number { token, problem } => {
            format!("{} {}.", item(token, lang), number_problem(problem, lang))
        }
        FieldError::UnknownEntity { token } => unknown_entity(token, lang),
        FieldError::CatalogId { token } => catalog_id(token, lang),
        FieldError::UnknownWithName { token } => unknown_with_name(token, lang),
        FieldError::StagePairShape { token } => stage_pair_shape(token, lang),
        FieldError::StagePairId { token, part, problem } => stage_pair_id(token, *part, problem, lang),
        FieldError::SingleValueExpected { input, count } => match lang {
            Lang::En => format!("\"{input}\" has {count} values — type just one number."),
            Lang::Es => format!("\"{input}\" tiene {count} valores; escribe un solo número."),
        },
        FieldError::DateShape { input } => date_shape(input, lang),
        FieldError::DatePart { input, part, value } => date_part(input, *part, *value, lang),
        FieldError::DayOutOfMonth { input, year, month, day, days_in_month: days } => match lang {
            Lang::En => format!(
                "\"{input}\": {year}-{month:02} has {days} days, so day {day} does not exist \
                 — use 1-{days}."
            ),
            Lang::Es => format!(
                "\"{input}\": {year}-{month:02} tiene {days} días, así que el día {day} no \
                 existe; usa del 1 al {days}."
            ),
        },
        FieldError::MomentOutOfRange { input } => match lang {
            Lang::En => format!(
                "\"{input}\" is outside 1970-01-01 to 9999-12-31 (UTC) — use a moment in that \
                 range."
            ),
            Lang::Es => format!(
                "\"{input}\" está fuera del rango 1970-01-01 a 9999-12-31 (UTC); usa un \
                 momento dentro de él."
            ),
        },
    }
}

/// A field error prefixed with the parameter it was typed for, for output away from the field
/// (the command line): `filter[entity_id]: "abc" (item 2) is not a number — …`.
pub fn field_error_at(parameter: Parameter, error: &FieldError, lang: Lang) -> String {
    format!("{}: {}", parameter.name(), field_error(error, lang))
}

/// A value flag left out of the query because none of the types accepts it.
pub fn not_applied(parameter: Parameter, lang: Lang) -> String {
    let p = parameter.name();
    let key = match parameter {
        Parameter::ValueBefore(key) | Parameter::ValueAfter(key) => Some(key),
        _ => None,
    };
    let list = key.map(crate::filter::types_needed).unwrap_or_default().join(", ");
    if key == Some(ValueKey::CustomFieldValues) {
        return match lang {
            Lang::En => format!("{p}: left out of the query — it needs one {list} alone in filter[type]."),
            Lang::Es => format!("{p}: queda fuera de la consulta; requiere un {list} solo en filter[type]."),
        };
    }
    match lang {
        Lang::En => format!("{p}: left out of the query — filter[type] needs one of {list}."),
        Lang::Es => format!("{p}: queda fuera de la consulta; filter[type] necesita uno de {list}."),
    }
}

/// The word for a severity, lowercase, for a prefix or a badge.
pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, _) => "error",
        (Severity::Note, Lang::En) => "note",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Es) => "advertencia",
        (Severity::Note, _) => "nota",
    }
}

/// A problem as one sentence that starts with the query parameter.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let p = problem.parameter.name();
    match &problem.kind {
        ProblemKind::TypeCodeMalformed { code } => match lang {
            Lang::En => {
                format!("{p}: \"{code}\" is not an event type code — codes have only a-z, 0-9 and _.")
            }
            Lang::Es => format!(
                "{p}: \"{code}\" no es un código de tipo de evento; los códigos solo tienen \
                 a-z, 0-9 y _."
            ),
        },
        ProblemKind::PerFieldTypeWithoutId { code } => match lang {
            Lang::En => {
                format!("{p}: \"{code}\" needs a real field id, like custom_field_777777_value_changed.")
            }
            Lang::Es => format!(
                "{p}: \"{code}\" necesita un id de campo real, como \
                 custom_field_777777_value_changed."
            ),
        },
        ProblemKind::PerFieldIdZero => match lang {
            Lang::En => {
                format!("{p}: custom_field_0_value_changed has field id 0 — use the id of a custom field.")
            }
            Lang::Es => format!(
                "{p}: custom_field_0_value_changed tiene el id de campo 0; usa el id de un \
                 campo personalizado."
            ),
        },
        ProblemKind::PerFieldTypeNotAlone { code, other_types } => {
            per_field_not_alone(p, code, *other_types, lang)
        }
        ProblemKind::CustomerEntity => match lang {
            Lang::En => format!(
                "{p}: some Kommo accounts reject customer (it comes from amoCRM) — remove it if \
                 you get a 400."
            ),
            Lang::Es => format!(
                "{p}: algunas cuentas de Kommo rechazan customer (viene de amoCRM); quítalo si \
                 recibes un 400."
            ),
        },
        ProblemKind::ZeroId => match lang {
            Lang::En => format!("{p}: 0 is not a valid id, ids start at 1 — remove it."),
            Lang::Es => format!("{p}: 0 no es un id válido, los ids empiezan en 1; quítalo."),
        },
        ProblemKind::TooManyIds { count, max } => too_many_ids(problem.parameter, *count, *max, lang),
        ProblemKind::EntityIdsNeedOneEntity { entities } => entity_ids_need_one_entity(p, *entities, lang),
        ProblemKind::RangeReversed { from, to } => match lang {
            Lang::En => format!("{p}: \"to\" ({to}) is before \"from\" ({from}) — swap them."),
            Lang::Es => {
                format!("{p}: \"to\" ({to}) es anterior a \"from\" ({from}); intercámbialos.")
            }
        },
        ProblemKind::TooManyEventIds { count, old_cap } => match lang {
            Lang::En => format!(
                "{p}: {count} event ids; an old doc capped this at {old_cap} — split the \
                 request if Kommo rejects it."
            ),
            Lang::Es => format!(
                "{p}: {count} ids de evento; una documentación antigua lo limitaba a \
                 {old_cap}; divide la consulta si Kommo la rechaza."
            ),
        },
        ProblemKind::EventIdLength { id, length, count } => event_id_length(p, id, *length, *count, lang),
        ProblemKind::UnknownType { code, closest } => unknown_type(p, code, closest, lang),
        ProblemKind::MissingType { needs } => missing_type(p, needs, lang),
        ProblemKind::SubKeyMatchesOnlyItsTypes { types } => {
            let list = types.join(", ");
            match lang {
                Lang::En => {
                    format!("{p}: with no filter[type] (the docs' own form), it only matches {list} events.")
                }
                Lang::Es => format!(
                    "{p}: sin filter[type] (la forma de la documentación), solo encuentra eventos {list}."
                ),
            }
        }
        ProblemKind::CustomFieldValuesNeedOnePerFieldType { types } => {
            custom_field_values_type(p, *types, lang)
        }
        ProblemKind::NpsValueOutOfRange { value } => match lang {
            Lang::En => {
                format!("{p}: the NPS score \"{value}\" must be a whole number from 0 to 10.")
            }
            Lang::Es => {
                format!("{p}: la puntuación NPS \"{value}\" debe ser un número entero del 0 al 10.")
            }
        },
        ProblemKind::CustomerNameAmoCrmOnly => match lang {
            Lang::En => format!(
                "{p}: customer_name is documented for amoCRM only — remove it if Kommo \
                 answers 400."
            ),
            Lang::Es => format!(
                "{p}: customer_name solo está documentado para amoCRM; quítalo si Kommo \
                 responde 400."
            ),
        },
        ProblemKind::ZeroNotAllowed => match lang {
            Lang::En => format!("{p}: 0 is not allowed — use 1 or more."),
            Lang::Es => format!("{p}: 0 no está permitido; usa 1 o más."),
        },
        ProblemKind::LimitAboveEventsCap { limit, cap, documented_max } => match lang {
            Lang::En => format!(
                "{p}: {limit} is over {cap}, the real cap of the events route (Kommo docs say \
                 {documented_max}), which may answer with 50 — use {cap}."
            ),
            Lang::Es => format!(
                "{p}: {limit} supera {cap}, el tope real de la ruta de eventos (la \
                 documentación de Kommo dice {documented_max}), que puede devolver 50; usa {cap}."
            ),
        },
        ProblemKind::RangeFromToForm => match lang {
            Lang::En => format!(
                "{p}: a live Kommo account answered [from]/[to] with 400 \"Invalid params\" while A,B \
                 worked — use --range-style comma (the default)."
            ),
            Lang::Es => format!(
                "{p}: una cuenta real de Kommo respondió 400 «Invalid params» a [from]/[to] y aceptó \
                 A,B; usa --range-style comma (el predeterminado)."
            ),
        },
        ProblemKind::LimitAboveDocumentedMax { limit, max } => match lang {
            Lang::En => format!(
                "{p}: {limit} is over {max}, the most any doc allows — use {EVENTS_LIMIT_CAP} \
                 or less."
            ),
            Lang::Es => format!(
                "{p}: {limit} supera {max}, el máximo que admite la documentación; usa \
                 {EVENTS_LIMIT_CAP} o menos."
            ),
        },
    }
}

/// `"abc" (item 3)`: the item as typed and where it is.
fn item(token: &Token, lang: Lang) -> String {
    let Token { text, position } = token;
    match lang {
        Lang::En => format!("\"{text}\" (item {position})"),
        Lang::Es => format!("\"{text}\" (elemento {position})"),
    }
}

/// What is wrong with a number and how to fix it, as the end of a sentence.
fn number_problem(problem: &NumberProblem, lang: Lang) -> String {
    match (problem, lang) {
        (NumberProblem::NotANumber, Lang::En) => "is not a number — use digits 0-9 only".into(),
        (NumberProblem::NotANumber, Lang::Es) => "no es un número; usa solo dígitos del 0 al 9".into(),
        (NumberProblem::Negative, Lang::En) => "is negative — remove the minus sign".into(),
        (NumberProblem::Negative, Lang::Es) => "es negativo; quita el signo menos".into(),
        (NumberProblem::Zero, Lang::En) => "is 0 — the smallest allowed is 1".into(),
        (NumberProblem::Zero, Lang::Es) => "es 0; el mínimo permitido es 1".into(),
        (NumberProblem::TooLarge { max }, Lang::En) => {
            format!("is too large — the maximum is {max}")
        }
        (NumberProblem::TooLarge { max }, Lang::Es) => {
            format!("es demasiado grande; el máximo es {max}")
        }
    }
}

/// `a, b or c` / `a, b o c`.
fn one_of(items: &[String], lang: Lang) -> String {
    let or = match lang {
        Lang::En => "or",
        Lang::Es => "o",
    };
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

fn unknown_entity(token: &Token, lang: Lang) -> String {
    let mut codes: Vec<String> = Entity::FIXED.iter().map(Entity::code).collect();
    codes.push("catalog_ID".to_owned());
    let codes = one_of(&codes, lang);
    match lang {
        Lang::En => format!("{} is not an entity — use {codes}.", item(token, lang)),
        Lang::Es => format!("{} no es una entidad; usa {codes}.", item(token, lang)),
    }
}

fn catalog_id(token: &Token, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("{} needs a list id of 1 or more — write it like catalog_1234.", item(token, lang))
        }
        Lang::Es => {
            format!("{} necesita un id de lista de 1 o más; escríbelo como catalog_1234.", item(token, lang))
        }
    }
}

fn unknown_with_name(token: &Token, lang: Lang) -> String {
    let names: Vec<String> = WithName::ALL.iter().map(|w| w.code().to_owned()).collect();
    let names = one_of(&names, lang);
    match lang {
        Lang::En => format!("{} is not a with value — use {names}.", item(token, lang)),
        Lang::Es => format!("{} no es un valor de with; usa {names}.", item(token, lang)),
    }
}

fn stage_pair_shape(token: &Token, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} is not a pipeline:stage pair — write it like 12345:142.", item(token, lang)),
        Lang::Es => format!("{} no es un par embudo:etapa; escríbelo como 12345:142.", item(token, lang)),
    }
}

fn stage_pair_id(token: &Token, part: StagePart, problem: &NumberProblem, lang: Lang) -> String {
    let which = match (part, lang) {
        (StagePart::Pipeline, Lang::En) => "the pipeline id",
        (StagePart::Status, Lang::En) => "the stage id",
        (StagePart::Pipeline, Lang::Es) => "el id del embudo",
        (StagePart::Status, Lang::Es) => "el id de la etapa",
    };
    format!("{}: {which} {}.", item(token, lang), number_problem(problem, lang))
}

fn date_shape(input: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "\"{input}\" is not a date — use YYYY-MM-DD [HH:MM[:SS]] [Z|UTC|±HH:MM], Unix seconds, \
             or words such as today, -7d, last week."
        ),
        Lang::Es => format!(
            "\"{input}\" no es una fecha; usa AAAA-MM-DD [HH:MM[:SS]] [Z|UTC|±HH:MM], segundos Unix \
             o palabras como hoy, -7d, semana pasada."
        ),
    }
}

fn date_part(input: &str, part: DatePart, value: u32, lang: Lang) -> String {
    let range = match part {
        DatePart::Month => "01-12",
        DatePart::Day => "01-31",
        DatePart::Hour | DatePart::OffsetHour => "00-23",
        DatePart::Minute | DatePart::Second | DatePart::OffsetMinute => "00-59",
    };
    match lang {
        Lang::En => {
            let name = match part {
                DatePart::Month => "month",
                DatePart::Day => "day",
                DatePart::Hour => "hour",
                DatePart::Minute => "minute",
                DatePart::Second => "second",
                DatePart::OffsetHour => "offset hour",
                DatePart::OffsetMinute => "offset minute",
            };
            format!("\"{input}\": {name} {value} does not exist — use {range}.")
        }
        Lang::Es => {
            let name = match part {
                DatePart::Month => "el mes",
                DatePart::Day => "el día",
                DatePart::Hour => "la hora",
                DatePart::Minute => "el minuto",
                DatePart::Second => "el segundo",
                DatePart::OffsetHour => "la hora del desfase",
                DatePart::OffsetMinute => "el minuto del desfase",
            };
            format!("\"{input}\": {name} {value} no existe; usa {range}.")
        }
    }
}

fn per_field_not_alone(p: &str, code: &str, others: usize, lang: Lang) -> String {
    match (lang, others) {
        (Lang::En, 1) => format!("{p}: {code} must be the only type — remove the other one."),
        (Lang::En, n) => format!("{p}: {code} must be the only type — remove the other {n}."),
        (Lang::Es, 1) => format!("{p}: {code} debe ser el único tipo; quita el otro."),
        (Lang::Es, n) => format!("{p}: {code} debe ser el único tipo; quita los otros {n}."),
    }
}

fn too_many_ids(parameter: Parameter, count: usize, max: usize, lang: Lang) -> String {
    let p = parameter.name();
    let extra = count.saturating_sub(max);
    let users = parameter == Parameter::CreatedBy;
    match lang {
        Lang::En => {
            let noun = if users { "users" } else { "ids" };
            format!("{p}: {count} {noun}, at most {max} are allowed — remove {extra}.")
        }
        Lang::Es => {
            let noun = if users { "usuarios" } else { "ids" };
            format!("{p}: {count} {noun}, se permiten como máximo {max}; quita {extra}.")
        }
    }
}

fn entity_ids_need_one_entity(p: &str, entities: usize, lang: Lang) -> String {
    match (lang, entities) {
        (Lang::En, 0) => {
            format!("{p}: ids need exactly one entity in filter[entity], and none is set — add one.")
        }
        (Lang::En, n) => {
            format!("{p}: ids need exactly one entity in filter[entity], but there are {n} — keep one.")
        }
        (Lang::Es, 0) => format!(
            "{p}: los ids requieren exactamente una entidad en filter[entity] y no hay \
             ninguna; agrega una."
        ),
        (Lang::Es, n) => format!(
            "{p}: los ids requieren exactamente una entidad en filter[entity], pero hay {n}; \
             deja solo una."
        ),
    }
}

fn event_id_length(p: &str, id: &str, length: usize, count: usize, lang: Lang) -> String {
    let n = EVENT_ID_LEN;
    match (lang, count) {
        (Lang::En, 1) => {
            format!("{p}: \"{id}\" has {length} characters, but event ids have {n} — check it.")
        }
        (Lang::En, count) => {
            format!("{p}: {count} ids do not have {n} characters, like \"{id}\" ({length}) — check them.")
        }
        (Lang::Es, 1) => format!(
            "{p}: \"{id}\" tiene {length} caracteres, pero los ids de evento tienen {n}; \
             revísalo."
        ),
        (Lang::Es, count) => {
            format!("{p}: {count} ids no tienen {n} caracteres, como \"{id}\" ({length}); revísalos.")
        }
    }
}

fn unknown_type(p: &str, code: &str, closest: &[String], lang: Lang) -> String {
    let list = closest.join(", ");
    match (lang, closest.is_empty()) {
        (Lang::En, false) => format!("{p}: {code} is not a known type — did you mean {list}?"),
        (Lang::En, true) => {
            format!("{p}: {code} is not a known type; accounts can have their own, so check the code.")
        }
        (Lang::Es, false) => format!("{p}: {code} no es un tipo conocido; ¿quisiste decir {list}?"),
        (Lang::Es, true) => {
            format!(
                "{p}: {code} no es un tipo conocido; las cuentas pueden tener los suyos, revisa el código."
            )
        }
    }
}

fn missing_type(p: &str, needs: &[&str], lang: Lang) -> String {
    if let [only] = needs {
        return match lang {
            Lang::En => format!("{p}: works only with {only} in filter[type] — add it."),
            Lang::Es => format!("{p}: solo funciona con {only} en filter[type]; agrégalo."),
        };
    }
    let list = needs.join(", ");
    match lang {
        // The list is long: naming it is the message, and "add one" would push it past two lines.
        Lang::En => format!("{p}: filter[type] needs one of {list}."),
        Lang::Es => format!("{p}: filter[type] necesita uno de {list}."),
    }
}

fn custom_field_values_type(p: &str, types: usize, lang: Lang) -> String {
    let t = PER_FIELD_TEMPLATE;
    match (lang, types) {
        (Lang::En, 0) => format!("{p}: needs one {t} alone in filter[type] — add it."),
        (Lang::En, 1) => format!("{p}: needs filter[type] to be a {t} — change it."),
        (Lang::En, n) => format!("{p}: needs one {t} alone in filter[type], not {n} types."),
        (Lang::Es, 0) => format!("{p}: requiere un {t} solo en filter[type]; agrégalo."),
        (Lang::Es, 1) => format!("{p}: requiere que filter[type] sea un {t}; cámbialo."),
        (Lang::Es, n) => format!("{p}: requiere un {t} solo en filter[type], no {n} tipos."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::model::ValueKey;
    use crate::filter::rules::{DOCUMENTED_MAX_LIMIT, VALUE_TYPES};

    const LANGS: [Lang; 2] = [Lang::En, Lang::Es];

    /// Fails to compile when a variant is added without a sample below.
    fn field_error_is_sampled(error: &FieldError) -> bool {
        match error {
            FieldError::Number { .. }
            | FieldError::UnknownEntity { .. }
            | FieldError::CatalogId { .. }
            | FieldError::UnknownWithName { .. }
            | FieldError::StagePairShape { .. }
            | FieldError::StagePairId { .. }
            | FieldError::SingleValueExpected { .. }
            | FieldError::DateShape { .. }
            | FieldError::DatePart { .. }
            | FieldError::DayOutOfMonth { .. }
            | FieldError::MomentOutOfRange { .. } => true,
        }
    }

    /// Fails to compile when a variant is added without a sample below.
    fn problem_is_sampled(kind: &ProblemKind) -> bool {
        match kind {
            ProblemKind::TypeCodeMalformed { .. }
            | ProblemKind::PerFieldTypeWithoutId { .. }
            | ProblemKind::PerFieldIdZero
            | ProblemKind::PerFieldTypeNotAlone { .. }
            | ProblemKind::CustomerEntity
            | ProblemKind::ZeroId
            | ProblemKind::TooManyIds { .. }
            | ProblemKind::EntityIdsNeedOneEntity { .. }
            | ProblemKind::RangeReversed { .. }
            | ProblemKind::TooManyEventIds { .. }
            | ProblemKind::EventIdLength { .. }
            | ProblemKind::MissingType { .. }
            | ProblemKind::SubKeyMatchesOnlyItsTypes { .. }
            | ProblemKind::UnknownType { .. }
            | ProblemKind::CustomFieldValuesNeedOnePerFieldType { .. }
            | ProblemKind::NpsValueOutOfRange { .. }
            | ProblemKind::CustomerNameAmoCrmOnly
            | ProblemKind::ZeroNotAllowed
            | ProblemKind::LimitAboveEventsCap { .. }
            | ProblemKind::LimitAboveDocumentedMax { .. }
            | ProblemKind::RangeFromToForm => true,
        }
    }

    /// Each sample with the text its message must show.
    fn field_error_samples() -> Vec<(FieldError, &'static str)> {
        let token = |text: &str| Token::new(text, 2);
        let number = |problem| FieldError::Number { token: token("x9"), problem };
        let date_part = |part| FieldError::DatePart { input: "2026-13-01".to_owned(), part, value: 13 };
        vec![
            (number(NumberProblem::NotANumber), "x9"),
            (number(NumberProblem::Negative), "x9"),
            (number(NumberProblem::Zero), "x9"),
            (number(NumberProblem::TooLarge { max: 9 }), "x9"),
            (FieldError::UnknownEntity { token: token("leed") }, "leed"),
            (FieldError::CatalogId { token: token("catalog_x") }, "catalog_x"),
            (FieldError::UnknownWithName { token: token("nom") }, "nom"),
            (FieldError::StagePairShape { token: token("1-2") }, "1-2"),
            (
                FieldError::StagePairId {
                    token: token("0:1"),
                    part: StagePart::Pipeline,
                    problem: NumberProblem::Zero,
                },
                "0:1",
            ),
            (
                FieldError::StagePairId {
                    token: token("1:z"),
                    part: StagePart::Status,
                    problem: NumberProblem::NotANumber,
                },
                "1:z",
            ),
            (FieldError::SingleValueExpected { input: "10 20".to_owned(), count: 2 }, "10 20"),
            (FieldError::DateShape { input: "mañana".to_owned() }, "mañana"),
            (date_part(DatePart::Month), "2026-13-01"),
            (date_part(DatePart::Day), "2026-13-01"),
            (date_part(DatePart::Hour), "2026-13-01"),
            (date_part(DatePart::Minute), "2026-13-01"),
            (date_part(DatePart::Second), "2026-13-01"),
            (date_part(DatePart::OffsetHour), "2026-13-01"),
            (date_part(DatePart::OffsetMinute), "2026-13-01"),
            (
                FieldError::DayOutOfMonth {
                    input: "2026-02-30".to_owned(),
                    year: 2026,
                    month: 2,
                    day: 30,
                    days_in_month: 28,
                },
                "2026-02-30",
            ),
            (FieldError::MomentOutOfRange { input: "1969-12-31".to_owned() }, "1969-12-31"),
        ]
    }

    fn problem_samples() -> Vec<Problem> {
        let error = |parameter, kind| Problem { severity: Severity::Error, parameter, kind };
        let after = |key| Parameter::ValueAfter(key);
        vec![
            error(Parameter::Type, ProblemKind::TypeCodeMalformed { code: "lead added".to_owned() }),
            error(
                Parameter::Type,
                ProblemKind::PerFieldTypeWithoutId { code: PER_FIELD_TEMPLATE.to_owned() },
            ),
            error(Parameter::Type, ProblemKind::PerFieldIdZero),
            error(
                Parameter::Type,
                ProblemKind::PerFieldTypeNotAlone {
                    code: "custom_field_777777_value_changed".to_owned(),
                    other_types: 1,
                },
            ),
            error(
                Parameter::Type,
                ProblemKind::PerFieldTypeNotAlone {
                    code: "custom_field_777777_value_changed".to_owned(),
                    other_types: 3,
                },
            ),
            error(Parameter::Entity, ProblemKind::CustomerEntity),
            error(Parameter::EntityId, ProblemKind::ZeroId),
            error(Parameter::EntityId, ProblemKind::TooManyIds { count: 11, max: 10 }),
            error(Parameter::CreatedBy, ProblemKind::TooManyIds { count: 12, max: 10 }),
            error(Parameter::EntityId, ProblemKind::EntityIdsNeedOneEntity { entities: 0 }),
            error(Parameter::EntityId, ProblemKind::EntityIdsNeedOneEntity { entities: 2 }),
            error(Parameter::CreatedAt, ProblemKind::RangeReversed { from: 200, to: 100 }),
            error(Parameter::Id, ProblemKind::TooManyEventIds { count: 101, old_cap: 100 }),
            error(Parameter::Id, ProblemKind::EventIdLength { id: "01abc".to_owned(), length: 5, count: 1 }),
            error(Parameter::Id, ProblemKind::EventIdLength { id: "01abc".to_owned(), length: 5, count: 4 }),
            error(
                after(ValueKey::LeadsStatuses),
                ProblemKind::MissingType { needs: &["lead_status_changed"] },
            ),
            error(Parameter::ValueBefore(ValueKey::Value), ProblemKind::MissingType { needs: VALUE_TYPES }),
            error(
                after(ValueKey::LeadsStatuses),
                ProblemKind::SubKeyMatchesOnlyItsTypes { types: &["lead_status_changed"] },
            ),
            error(
                Parameter::Type,
                ProblemKind::UnknownType { code: "lead_addd".into(), closest: vec!["lead_added".into()] },
            ),
            error(Parameter::Type, ProblemKind::UnknownType { code: "zzz".into(), closest: vec![] }),
            error(
                after(ValueKey::CustomFieldValues),
                ProblemKind::CustomFieldValuesNeedOnePerFieldType { types: 0 },
            ),
            error(
                after(ValueKey::CustomFieldValues),
                ProblemKind::CustomFieldValuesNeedOnePerFieldType { types: 1 },
            ),
            error(
                after(ValueKey::CustomFieldValues),
                ProblemKind::CustomFieldValuesNeedOnePerFieldType { types: 3 },
            ),
            error(after(ValueKey::Value), ProblemKind::NpsValueOutOfRange { value: "11".to_owned() }),
            error(Parameter::With, ProblemKind::CustomerNameAmoCrmOnly),
            error(Parameter::Page, ProblemKind::ZeroNotAllowed),
            error(
                Parameter::Limit,
                ProblemKind::LimitAboveEventsCap {
                    limit: 200,
                    cap: EVENTS_LIMIT_CAP,
                    documented_max: DOCUMENTED_MAX_LIMIT,
                },
            ),
            error(
                Parameter::Limit,
                ProblemKind::LimitAboveDocumentedMax { limit: 500, max: DOCUMENTED_MAX_LIMIT },
            ),
            error(Parameter::CreatedAt, ProblemKind::RangeFromToForm),
        ]
    }

    #[test]
    fn every_field_error_names_its_item_in_both_languages() {
        for (error, shown) in field_error_samples() {
            assert!(field_error_is_sampled(&error));
            let en = field_error(&error, Lang::En);
            let es = field_error(&error, Lang::Es);
            for message in [&en, &es] {
                assert!(message.contains(shown), "{message}");
                assert!(message.ends_with('.'), "{message}");
            }
            assert_ne!(en, es);
        }
    }

    #[test]
    fn every_problem_names_its_parameter_in_both_languages() {
        for sample in problem_samples() {
            assert!(problem_is_sampled(&sample.kind));
            let en = problem(&sample, Lang::En);
            let es = problem(&sample, Lang::Es);
            let prefix = format!("{}: ", sample.parameter.name());
            for message in [&en, &es] {
                assert!(message.starts_with(&prefix), "{message}");
                assert!(message.len() > prefix.len() + 10, "{message}");
            }
            assert_ne!(en, es);
        }
    }

    #[test]
    fn messages_fit_two_terminal_lines() {
        let fields = field_error_samples().into_iter().map(|(e, _)| e);
        for lang in LANGS {
            let field_messages = fields.clone().map(|e| field_error(&e, lang));
            let problems = problem_samples().into_iter().map(|p| problem(&p, lang));
            for message in field_messages.chain(problems) {
                if std::env::var_os("SHOW_MESSAGES").is_some() {
                    println!("{:3} {message}", message.chars().count());
                }
                assert!(message.chars().count() <= 160, "{message}");
            }
        }
    }

    #[test]
    fn too_many_entity_ids_reads_as_in_the_brief() {
        let sample = Problem {
            severity: Severity::Error,
            parameter: Parameter::EntityId,
            kind: ProblemKind::TooManyIds { count: 11, max: 10 },
        };
        assert_eq!(
            problem(&sample, Lang::En),
            "filter[entity_id]: 11 ids, at most 10 are allowed — remove 1."
        );
        assert_eq!(
            problem(&sample, Lang::Es),
            "filter[entity_id]: 11 ids, se permiten como máximo 10; quita 1."
        );
    }

    #[test]
    fn unknown_entity_lists_the_valid_codes() {
        let error = FieldError::UnknownEntity { token: Token::new("leed", 1) };
        assert_eq!(
            field_error(&error, Lang::En),
            "\"leed\" (item 1) is not an entity — use lead, contact, company, task, customer \
             or catalog_ID."
        );
        assert_eq!(
            field_error(&error, Lang::Es),
            "\"leed\" (elemento 1) no es una entidad; usa lead, contact, company, task, \
             customer o catalog_ID."
        );
    }

    #[test]
    fn field_error_at_prefixes_the_parameter() {
        let error = FieldError::Number { token: Token::new("abc", 2), problem: NumberProblem::NotANumber };
        assert_eq!(
            field_error_at(Parameter::EntityId, &error, Lang::En),
            "filter[entity_id]: \"abc\" (item 2) is not a number — use digits 0-9 only."
        );
    }

    #[test]
    fn severity_words_differ_by_language() {
        assert_eq!(severity(Severity::Warning, Lang::En), "warning");
        assert_eq!(severity(Severity::Warning, Lang::Es), "advertencia");
        assert_eq!(severity(Severity::Error, Lang::Es), "error");
    }
}
