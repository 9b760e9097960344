//! The words for the filter's errors and problems, in English, Spanish and Portuguese.
//!
//! Each message says what is wrong, where (the item or the query parameter) and how to fix it,
//! short enough for one or two terminal lines. English puts the fix after " — ", Spanish and
//! Portuguese after "; ", as each language punctuates.

use crate::filter::date::DatePart;
use crate::filter::model::{Entity, Parameter, ValueKey, WithName, PER_FIELD_TEMPLATE};
use crate::filter::parse::{FieldError, NumberProblem, StagePart, Token};
use crate::filter::rules::{Problem, ProblemKind, Severity, EVENTS_LIMIT_CAP, EVENT_ID_LEN};
use crate::i18n::{pick, word, Lang};

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
        FieldError::SingleValueExpected { input, count } => pick(
            lang,
            format!("\"{input}\" has {count} values — type just one number."),
            format!("\"{input}\" tiene {count} valores; escribe un solo número."),
            format!("\"{input}\" tem {count} valores; digite um só número."),
        ),
        FieldError::DateShape { input } => date_shape(input, lang),
        FieldError::DatePart { input, part, value } => date_part(input, *part, *value, lang),
        FieldError::DayOutOfMonth { input, year, month, day, days_in_month: days } => pick(
            lang,
            format!(
                "\"{input}\": {year}-{month:02} has {days} days, so day {day} does not exist \
                 — use 1-{days}."
            ),
            format!(
                "\"{input}\": {year}-{month:02} tiene {days} días, así que el día {day} no \
                 existe; usa del 1 al {days}."
            ),
            format!(
                "\"{input}\": {year}-{month:02} tem {days} dias, então o dia {day} não \
                 existe; use de 1 a {days}."
            ),
        ),
        FieldError::MomentOutOfRange { input } => pick(
            lang,
            format!(
                "\"{input}\" is outside 1970-01-01 to 9999-12-31 (UTC) — use a moment in that \
                 range."
            ),
            format!(
                "\"{input}\" está fuera del rango 1970-01-01 a 9999-12-31 (UTC); usa un \
                 momento dentro de él."
            ),
            format!(
                "\"{input}\" está fora do intervalo 1970-01-01 a 9999-12-31 (UTC); use um \
                 momento dentro dele."
            ),
        ),
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
        return pick(
            lang,
            format!("{p}: left out of the query — it needs one {list} alone in filter[type]."),
            format!("{p}: queda fuera de la consulta; requiere un {list} solo en filter[type]."),
            format!("{p}: fica fora da consulta; requer um {list} sozinho em filter[type]."),
        );
    }
    pick(
        lang,
        format!("{p}: left out of the query — filter[type] needs one of {list}."),
        format!("{p}: queda fuera de la consulta; filter[type] necesita uno de {list}."),
        format!("{p}: fica fora da consulta; filter[type] requer um de {list}."),
    )
}

/// The word for a severity, lowercase, for a prefix or a badge.
pub fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => word(lang, ["error", "error", "erro"]),
        Severity::Warning => word(lang, ["warning", "advertencia", "aviso"]),
        Severity::Note => word(lang, ["note", "nota", "nota"]),
    }
}

/// A problem as one sentence that starts with the query parameter.
pub fn problem(problem: &Problem, lang: Lang) -> String {
    let p = problem.parameter.name();
    match &problem.kind {
        ProblemKind::TypeCodeMalformed { code } => pick(
            lang,
            format!("{p}: \"{code}\" is not an event type code — codes have only a-z, 0-9 and _."),
            format!(
                "{p}: \"{code}\" no es un código de tipo de evento; los códigos solo tienen \
                 a-z, 0-9 y _."
            ),
            format!(
                "{p}: \"{code}\" não é um código de tipo de evento; os códigos só têm \
                 a-z, 0-9 e _."
            ),
        ),
        ProblemKind::PerFieldTypeWithoutId { code } => pick(
            lang,
            format!("{p}: \"{code}\" needs a real field id, like custom_field_777777_value_changed."),
            format!(
                "{p}: \"{code}\" necesita un id de campo real, como \
                 custom_field_777777_value_changed."
            ),
            format!(
                "{p}: \"{code}\" precisa de um id de campo real, como \
                 custom_field_777777_value_changed."
            ),
        ),
        ProblemKind::PerFieldIdZero => pick(
            lang,
            format!("{p}: custom_field_0_value_changed has field id 0 — use the id of a custom field."),
            format!(
                "{p}: custom_field_0_value_changed tiene el id de campo 0; usa el id de un \
                 campo personalizado."
            ),
            format!(
                "{p}: custom_field_0_value_changed tem o id de campo 0; use o id de um \
                 campo personalizado."
            ),
        ),
        ProblemKind::PerFieldTypeNotAlone { code, other_types } => {
            per_field_not_alone(p, code, *other_types, lang)
        }
        ProblemKind::CustomerEntity => pick(
            lang,
            format!(
                "{p}: some Kommo accounts reject customer (it comes from amoCRM) — remove it if \
                 you get a 400."
            ),
            format!(
                "{p}: algunas cuentas de Kommo rechazan customer (viene de amoCRM); quítalo si \
                 recibes un 400."
            ),
            format!(
                "{p}: algumas contas da Kommo recusam customer (vem da amoCRM); remova-o se \
                 receber um 400."
            ),
        ),
        ProblemKind::ZeroId => pick(
            lang,
            format!("{p}: 0 is not a valid id, ids start at 1 — remove it."),
            format!("{p}: 0 no es un id válido, los ids empiezan en 1; quítalo."),
            format!("{p}: 0 não é um id válido, os ids começam em 1; remova-o."),
        ),
        ProblemKind::TooManyIds { count, max } => too_many_ids(problem.parameter, *count, *max, lang),
        ProblemKind::EntityIdsNeedOneEntity { entities } => entity_ids_need_one_entity(p, *entities, lang),
        ProblemKind::RangeReversed { from, to } => pick(
            lang,
            format!("{p}: \"to\" ({to}) is before \"from\" ({from}) — swap them."),
            format!("{p}: \"to\" ({to}) es anterior a \"from\" ({from}); intercámbialos."),
            format!("{p}: \"to\" ({to}) é anterior a \"from\" ({from}); troque-os."),
        ),
        ProblemKind::TooManyEventIds { count, old_cap } => pick(
            lang,
            format!(
                "{p}: {count} event ids; an old doc capped this at {old_cap} — split the \
                 request if Kommo rejects it."
            ),
            format!(
                "{p}: {count} ids de evento; una documentación antigua lo limitaba a \
                 {old_cap}; divide la consulta si Kommo la rechaza."
            ),
            format!(
                "{p}: {count} ids de evento; uma documentação antiga limitava isto a \
                 {old_cap}; divida a consulta se a Kommo a recusar."
            ),
        ),
        ProblemKind::EventIdLength { id, length, count } => event_id_length(p, id, *length, *count, lang),
        ProblemKind::UnknownType { code, closest } => unknown_type(p, code, closest, lang),
        ProblemKind::MissingType { needs } => missing_type(p, needs, lang),
        ProblemKind::SubKeyMatchesOnlyItsTypes { types } => {
            let list = types.join(", ");
            pick(
                lang,
                format!("{p}: with no filter[type] (the docs' own form), it only matches {list} events."),
                format!(
                    "{p}: sin filter[type] (la forma de la documentación), solo encuentra eventos {list}."
                ),
                format!("{p}: sem filter[type] (a forma da documentação), só encontra eventos {list}."),
            )
        }
        ProblemKind::CustomFieldValuesNeedOnePerFieldType { types } => {
            custom_field_values_type(p, *types, lang)
        }
        ProblemKind::NpsValueOutOfRange { value } => pick(
            lang,
            format!("{p}: the NPS score \"{value}\" must be a whole number from 0 to 10."),
            format!("{p}: la puntuación NPS \"{value}\" debe ser un número entero del 0 al 10."),
            format!("{p}: a nota NPS \"{value}\" deve ser um número inteiro de 0 a 10."),
        ),
        ProblemKind::CustomerNameAmoCrmOnly => pick(
            lang,
            format!(
                "{p}: customer_name is documented for amoCRM only — remove it if Kommo \
                 answers 400."
            ),
            format!(
                "{p}: customer_name solo está documentado para amoCRM; quítalo si Kommo \
                 responde 400."
            ),
            format!(
                "{p}: customer_name só está documentado para a amoCRM; remova-o se a Kommo \
                 responder 400."
            ),
        ),
        ProblemKind::ZeroNotAllowed => pick(
            lang,
            format!("{p}: 0 is not allowed — use 1 or more."),
            format!("{p}: 0 no está permitido; usa 1 o más."),
            format!("{p}: 0 não é permitido; use 1 ou mais."),
        ),
        ProblemKind::LimitAboveEventsCap { limit, cap, documented_max } => pick(
            lang,
            format!(
                "{p}: {limit} is over {cap}, the real cap of the events route (Kommo docs say \
                 {documented_max}), which may answer with 50 — use {cap}."
            ),
            format!(
                "{p}: {limit} supera {cap}, el tope real de la ruta de eventos (la \
                 documentación de Kommo dice {documented_max}), que puede devolver 50; usa {cap}."
            ),
            format!(
                "{p}: {limit} passa de {cap}, o teto real da rota de eventos (a \
                 documentação da Kommo diz {documented_max}), que pode devolver 50; use {cap}."
            ),
        ),
        ProblemKind::RangeFromToForm => pick(
            lang,
            format!(
                "{p}: a live Kommo account answered [from]/[to] with 400 \"Invalid params\" while A,B \
                 worked — use --range-style comma (the default)."
            ),
            format!(
                "{p}: una cuenta real de Kommo respondió 400 «Invalid params» a [from]/[to] y aceptó \
                 A,B; usa --range-style comma (el predeterminado)."
            ),
            format!(
                "{p}: uma conta real da Kommo respondeu 400 «Invalid params» a [from]/[to] e aceitou \
                 A,B; use --range-style comma (o padrão)."
            ),
        ),
        ProblemKind::LimitAboveDocumentedMax { limit, max } => pick(
            lang,
            format!(
                "{p}: {limit} is over {max}, the most any doc allows — use {EVENTS_LIMIT_CAP} \
                 or less."
            ),
            format!(
                "{p}: {limit} supera {max}, el máximo que admite la documentación; usa \
                 {EVENTS_LIMIT_CAP} o menos."
            ),
            format!(
                "{p}: {limit} passa de {max}, o máximo que a documentação aceita; use \
                 {EVENTS_LIMIT_CAP} ou menos."
            ),
        ),
    }
}

/// `"abc" (item 3)`: the item as typed and where it is.
fn item(token: &Token, lang: Lang) -> String {
    let Token { text, position } = token;
    let noun = word(lang, ["item", "elemento", "item"]);
    format!("\"{text}\" ({noun} {position})")
}

/// What is wrong with a number and how to fix it, as the end of a sentence.
fn number_problem(problem: &NumberProblem, lang: Lang) -> String {
    match problem {
        NumberProblem::NotANumber => word(
            lang,
            [
                "is not a number — use digits 0-9 only",
                "no es un número; usa solo dígitos del 0 al 9",
                "não é um número; use só dígitos de 0 a 9",
            ],
        )
        .into(),
        NumberProblem::Negative => word(
            lang,
            [
                "is negative — remove the minus sign",
                "es negativo; quita el signo menos",
                "é negativo; remova o sinal de menos",
            ],
        )
        .into(),
        NumberProblem::Zero => word(
            lang,
            [
                "is 0 — the smallest allowed is 1",
                "es 0; el mínimo permitido es 1",
                "é 0; o mínimo permitido é 1",
            ],
        )
        .into(),
        NumberProblem::TooLarge { max } => pick(
            lang,
            format!("is too large — the maximum is {max}"),
            format!("es demasiado grande; el máximo es {max}"),
            format!("é grande demais; o máximo é {max}"),
        ),
    }
}

/// `a, b or c` / `a, b o c` / `a, b ou c`.
fn one_of(items: &[String], lang: Lang) -> String {
    let or = word(lang, ["or", "o", "ou"]);
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

fn unknown_entity(token: &Token, lang: Lang) -> String {
    let mut codes: Vec<String> = Entity::FIXED.iter().map(Entity::code).collect();
    codes.push("catalog_ID".to_owned());
    let (codes, item) = (one_of(&codes, lang), item(token, lang));
    pick(
        lang,
        format!("{item} is not an entity — use {codes}."),
        format!("{item} no es una entidad; usa {codes}."),
        format!("{item} não é uma entidade; use {codes}."),
    )
}

fn catalog_id(token: &Token, lang: Lang) -> String {
    let item = item(token, lang);
    pick(
        lang,
        format!("{item} needs a list id of 1 or more — write it like catalog_1234."),
        format!("{item} necesita un id de lista de 1 o más; escríbelo como catalog_1234."),
        format!("{item} precisa de um id de lista de 1 ou mais; escreva-o como catalog_1234."),
    )
}

fn unknown_with_name(token: &Token, lang: Lang) -> String {
    let names: Vec<String> = WithName::ALL.iter().map(|w| w.code().to_owned()).collect();
    let (names, item) = (one_of(&names, lang), item(token, lang));
    pick(
        lang,
        format!("{item} is not a with value — use {names}."),
        format!("{item} no es un valor de with; usa {names}."),
        format!("{item} não é um valor de with; use {names}."),
    )
}

fn stage_pair_shape(token: &Token, lang: Lang) -> String {
    let item = item(token, lang);
    pick(
        lang,
        format!("{item} is not a pipeline:stage pair — write it like 12345:142."),
        format!("{item} no es un par embudo:etapa; escríbelo como 12345:142."),
        format!("{item} não é um par funil:etapa; escreva-o como 12345:142."),
    )
}

fn stage_pair_id(token: &Token, part: StagePart, problem: &NumberProblem, lang: Lang) -> String {
    let which = match part {
        StagePart::Pipeline => word(lang, ["the pipeline id", "el id del embudo", "o id do funil"]),
        StagePart::Status => word(lang, ["the stage id", "el id de la etapa", "o id da etapa"]),
    };
    format!("{}: {which} {}.", item(token, lang), number_problem(problem, lang))
}

fn date_shape(input: &str, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "\"{input}\" is not a date — use YYYY-MM-DD [HH:MM[:SS]] [Z|UTC|±HH:MM], Unix seconds, \
             or words such as today, -7d, last week."
        ),
        format!(
            "\"{input}\" no es una fecha; usa AAAA-MM-DD [HH:MM[:SS]] [Z|UTC|±HH:MM], segundos Unix \
             o palabras como hoy, -7d, semana pasada."
        ),
        format!(
            "\"{input}\" não é uma data; use AAAA-MM-DD [HH:MM[:SS]] [Z|UTC|±HH:MM], segundos Unix \
             ou palavras como hoje, -7d, semana passada."
        ),
    )
}

fn date_part(input: &str, part: DatePart, value: u32, lang: Lang) -> String {
    let range = match part {
        DatePart::Month => "01-12",
        DatePart::Day => "01-31",
        DatePart::Hour | DatePart::OffsetHour => "00-23",
        DatePart::Minute | DatePart::Second | DatePart::OffsetMinute => "00-59",
    };
    let name = match part {
        DatePart::Month => word(lang, ["month", "el mes", "o mês"]),
        DatePart::Day => word(lang, ["day", "el día", "o dia"]),
        DatePart::Hour => word(lang, ["hour", "la hora", "a hora"]),
        DatePart::Minute => word(lang, ["minute", "el minuto", "o minuto"]),
        DatePart::Second => word(lang, ["second", "el segundo", "o segundo"]),
        DatePart::OffsetHour => word(lang, ["offset hour", "la hora del desfase", "a hora do fuso"]),
        DatePart::OffsetMinute => word(lang, ["offset minute", "el minuto del desfase", "o minuto do fuso"]),
    };
    pick(
        lang,
        format!("\"{input}\": {name} {value} does not exist — use {range}."),
        format!("\"{input}\": {name} {value} no existe; usa {range}."),
        format!("\"{input}\": {name} {value} não existe; use {range}."),
    )
}

fn per_field_not_alone(p: &str, code: &str, others: usize, lang: Lang) -> String {
    match (lang, others) {
        (Lang::En, 1) => format!("{p}: {code} must be the only type — remove the other one."),
        (Lang::En, n) => format!("{p}: {code} must be the only type — remove the other {n}."),
        (Lang::Es, 1) => format!("{p}: {code} debe ser el único tipo; quita el otro."),
        (Lang::Es, n) => format!("{p}: {code} debe ser el único tipo; quita los otros {n}."),
        (Lang::Pt, 1) => format!("{p}: {code} deve ser o único tipo; remova o outro."),
        (Lang::Pt, n) => format!("{p}: {code} deve ser o único tipo; remova os outros {n}."),
    }
}

fn too_many_ids(parameter: Parameter, count: usize, max: usize, lang: Lang) -> String {
    let p = parameter.name();
    let extra = count.saturating_sub(max);
    let noun = if parameter == Parameter::CreatedBy {
        word(lang, ["users", "usuarios", "usuários"])
    } else {
        "ids"
    };
    pick(
        lang,
        format!("{p}: {count} {noun}, at most {max} are allowed — remove {extra}."),
        format!("{p}: {count} {noun}, se permiten como máximo {max}; quita {extra}."),
        format!("{p}: {count} {noun}, são permitidos no máximo {max}; remova {extra}."),
    )
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
        (Lang::Pt, 0) => format!(
            "{p}: os ids requerem exatamente uma entidade em filter[entity] e não há \
             nenhuma; adicione uma."
        ),
        (Lang::Pt, n) => format!(
            "{p}: os ids requerem exatamente uma entidade em filter[entity], mas há {n}; \
             deixe só uma."
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
        (Lang::Pt, 1) => format!(
            "{p}: \"{id}\" tem {length} caracteres, mas os ids de evento têm {n}; \
             confira-o."
        ),
        (Lang::Pt, count) => {
            format!("{p}: {count} ids não têm {n} caracteres, como \"{id}\" ({length}); confira-os.")
        }
    }
}

fn unknown_type(p: &str, code: &str, closest: &[String], lang: Lang) -> String {
    let list = closest.join(", ");
    if closest.is_empty() {
        return pick(
            lang,
            format!("{p}: {code} is not a known type; accounts can have their own, so check the code."),
            format!(
                "{p}: {code} no es un tipo conocido; las cuentas pueden tener los suyos, revisa el código."
            ),
            format!("{p}: {code} não é um tipo conhecido; as contas podem ter os seus, confira o código."),
        );
    }
    pick(
        lang,
        format!("{p}: {code} is not a known type — did you mean {list}?"),
        format!("{p}: {code} no es un tipo conocido; ¿quisiste decir {list}?"),
        format!("{p}: {code} não é um tipo conhecido; você quis dizer {list}?"),
    )
}

fn missing_type(p: &str, needs: &[&str], lang: Lang) -> String {
    if let [only] = needs {
        return pick(
            lang,
            format!("{p}: works only with {only} in filter[type] — add it."),
            format!("{p}: solo funciona con {only} en filter[type]; agrégalo."),
            format!("{p}: só funciona com {only} em filter[type]; adicione-o."),
        );
    }
    let list = needs.join(", ");
    // The list is long: naming it is the message, and "add one" would push it past two lines.
    pick(
        lang,
        format!("{p}: filter[type] needs one of {list}."),
        format!("{p}: filter[type] necesita uno de {list}."),
        format!("{p}: filter[type] requer um de {list}."),
    )
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
        (Lang::Pt, 0) => format!("{p}: requer um {t} sozinho em filter[type]; adicione-o."),
        (Lang::Pt, 1) => format!("{p}: requer que filter[type] seja um {t}; mude-o."),
        (Lang::Pt, n) => format!("{p}: requer um {t} sozinho em filter[type], não {n} tipos."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::model::ValueKey;
    use crate::filter::rules::{DOCUMENTED_MAX_LIMIT, VALUE_TYPES};

    const LANGS: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pt];

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
