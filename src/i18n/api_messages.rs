//! The words for talking to an account, in English and Spanish: every [`ApiError`] with its
//! reason and fix, retries, progress, and what `account refresh` did.
//!
//! English puts the fix after " — ", Spanish after "; ", as in the filter's messages. No message
//! ever takes the token: the errors do not hold it, and server text was scrubbed of it.

use crate::filter::RangeStyle;
use std::time::Duration;

use crate::api::{ApiError, BaseUrlProblem, Notice, RetryReason};
use crate::i18n::{count, Lang};

/// An error as one message (a 400 with `validation-errors` adds one indented line per error).
pub fn error(error: &ApiError, lang: Lang) -> String {
    let en = lang == Lang::En;
    match error {
        ApiError::NoToken => pick(
            lang,
            "no token: set KOMMO_TOKEN (an OAuth access token or a long-lived token from your Kommo \
             integration) or pass --token-file FILE",
            "no hay token: define KOMMO_TOKEN (un token de acceso OAuth o de larga duración de tu \
             integración de Kommo) o usa --token-file ARCHIVO",
        ),
        ApiError::TokenFile { path, reason } if reason.is_empty() => {
            if en {
                format!("--token-file {path}: no token in it — the file must hold the token alone")
            } else {
                format!("--token-file {path}: no contiene un token; el archivo debe contener solo el token")
            }
        }
        ApiError::TokenFile { path, reason } => {
            if en {
                format!("--token-file {path}: {reason} — the file must hold the token alone")
            } else {
                format!("--token-file {path}: {reason}; el archivo debe contener solo el token")
            }
        }
        ApiError::BadToken => pick(
            lang,
            "KOMMO_TOKEN is empty or has spaces or line breaks inside — put the token alone in it",
            "KOMMO_TOKEN está vacío o tiene espacios o saltos de línea; pon solo el token",
        ),
        ApiError::NoAccount => pick(
            lang,
            "which account? Set KOMMO_SUBDOMAIN or pass --subdomain NAME (for NAME.kommo.com), or \
             --base-url URL for another domain",
            "¿qué cuenta? Define KOMMO_SUBDOMAIN o usa --subdomain NOMBRE (para NOMBRE.kommo.com), \
             o --base-url URL para otro dominio",
        ),
        ApiError::AccountTokenFile { account, path, reason } => {
            let reason = if reason.is_empty() {
                if en {
                    "no token in it"
                } else {
                    "no contiene un token"
                }
            } else {
                reason
            };
            if en {
                format!(
                    "account {account}: token_file {path}: {reason} — the file must hold the token alone \
                     (or point token_file elsewhere in the config)"
                )
            } else {
                format!(
                    "cuenta {account}: token_file {path}: {reason}; el archivo debe contener solo el token \
                     (o cambia token_file en la configuración)"
                )
            }
        }
        ApiError::AccountTokenEnv { account, variable } => {
            if en {
                format!(
                    "account {account}: its token is read from ${variable}, which is unset, empty or has \
                     spaces inside — export {variable}=TOKEN, or change token_env in the config"
                )
            } else {
                format!(
                    "cuenta {account}: su token se lee de ${variable}, que no está definida, está vacía o \
                     tiene espacios; exporta {variable}=TOKEN, o cambia token_env en la configuración"
                )
            }
        }
        ApiError::BadSubdomain { value } => {
            if en {
                format!(
                    "subdomain \"{value}\" is not one name — give NAME of NAME.kommo.com, or \
                     --base-url https://HOST for another domain"
                )
            } else {
                format!(
                    "el subdominio \"{value}\" no es un solo nombre; indica NOMBRE de \
                     NOMBRE.kommo.com, o --base-url https://HOST para otro dominio"
                )
            }
        }
        ApiError::BadBaseUrl { value, problem } => base_url(value, *problem, lang),
        ApiError::PlainHttp { host } => {
            if en {
                format!(
                    "--base-url: plain http:// to {host} would send the token readable — use \
                     https:// (plain http is for 127.0.0.1, ::1 and localhost), or --insecure if \
                     you must"
                )
            } else {
                format!(
                    "--base-url: http:// sin cifrar hacia {host} enviaría el token legible; usa \
                     https:// (http solo vale para 127.0.0.1, ::1 y localhost), o --insecure si \
                     no hay otra opción"
                )
            }
        }
        ApiError::Unauthorized { detail } => {
            let said = said(detail);
            if en {
                format!(
                    "401 Unauthorized{said}: the token was refused — it may have expired (OAuth \
                     access tokens last 24 hours) or belong to another account; get a new one"
                )
            } else {
                format!(
                    "401 No autorizado{said}: el token fue rechazado; puede haber caducado (los \
                     tokens de acceso OAuth duran 24 horas) o ser de otra cuenta; consigue uno nuevo"
                )
            }
        }
        ApiError::PaymentRequired { detail } => {
            let said = said(detail);
            if en {
                format!(
                    "402 Payment Required{said}: the account is not paid (or its trial ended) — \
                     the API answers again once it is"
                )
            } else {
                format!(
                    "402 Pago requerido{said}: la cuenta no está pagada (o terminó la prueba); la \
                     API vuelve a responder cuando lo esté"
                )
            }
        }
        ApiError::Forbidden { detail, after_rate_limit: true } => {
            let said = said(detail);
            if en {
                format!(
                    "403 Forbidden{said}: after too many 429 answers Kommo blocks the IP — wait \
                     before trying again, and run fewer programs against the account at once"
                )
            } else {
                format!(
                    "403 Prohibido{said}: tras demasiadas respuestas 429 Kommo bloquea la IP; \
                     espera antes de reintentar y usa menos programas a la vez contra la cuenta"
                )
            }
        }
        ApiError::Forbidden { detail, after_rate_limit: false } => {
            let said = said(detail);
            if en {
                format!(
                    "403 Forbidden{said}: the token's user has no rights for this (some routes, \
                     like /api/v4/users, need an admin), or the IP was blocked after too many \
                     requests"
                )
            } else {
                format!(
                    "403 Prohibido{said}: el usuario del token no tiene permisos para esto (algunas \
                     rutas, como /api/v4/users, requieren un administrador), o la IP fue bloqueada \
                     por demasiadas solicitudes"
                )
            }
        }
        ApiError::NotFound { path } => {
            if en {
                format!("404 Not Found: {path} — is the subdomain (or --base-url) a Kommo account?")
            } else {
                format!("404 No encontrado: {path}; ¿el subdominio (o --base-url) es una cuenta de Kommo?")
            }
        }
        ApiError::RateLimited { retries: 0 } => {
            if en {
                "429 Too Many Requests — wait a minute: the account allows 7 requests per second \
                 for everything using it, other integrations included"
                    .to_owned()
            } else {
                "429 Demasiadas solicitudes; espera un minuto: la cuenta admite 7 solicitudes por \
                 segundo entre todo lo que la usa, otras integraciones incluidas"
                    .to_owned()
            }
        }
        ApiError::WaitTooLong { status, asked, limit } => {
            let (asked, limit) = (seconds(*asked), seconds(*limit));
            if en {
                format!(
                    "{status}: the server asks to wait {asked} s before trying again, more than the \
                     {limit} s left to wait for this request — try again later, or allow more \
                     with --timeout"
                )
            } else {
                format!(
                    "{status}: el servidor pide esperar {asked} s antes de reintentar, más que los \
                     {limit} s que quedan para esta solicitud; prueba más tarde o da más tiempo con \
                     --timeout"
                )
            }
        }
        ApiError::Internal { reason } => {
            if en {
                format!("internal error: {reason} — this is a bug in kommo-events; please report it")
            } else {
                format!("error interno: {reason}; es un fallo de kommo-events, avísanos por favor")
            }
        }
        ApiError::RateLimited { retries } => {
            if en {
                format!(
                    "429 Too Many Requests, still after {retries} retries — wait a minute: the \
                     account allows 7 requests per second for everything using it, other \
                     integrations included"
                )
            } else {
                format!(
                    "429 Demasiadas solicitudes, aun tras {retries} reintentos; espera un minuto: \
                     la cuenta admite 7 solicitudes por segundo entre todo lo que la usa, otras \
                     integraciones incluidas"
                )
            }
        }
        ApiError::BadRequest { detail, errors } => {
            let said = said(detail);
            let mut text = if en {
                format!("400 Bad Request{said}: Kommo did not accept the query")
            } else {
                format!("400 Solicitud incorrecta{said}: Kommo no aceptó la consulta")
            };
            for found in errors {
                let path = if found.path.is_empty() { "?" } else { &found.path };
                text.push_str(&format!("\n  {path}: {}", found.detail));
                if !found.code.is_empty() {
                    text.push_str(&format!(" ({})", found.code));
                }
            }
            text
        }
        ApiError::Server { status, detail } => {
            let said = said(detail);
            if en {
                format!("{status}: Kommo's server failed{said}, still after retrying — try again later")
            } else {
                format!("{status}: falló el servidor de Kommo{said}, aun tras reintentar; prueba más tarde")
            }
        }
        ApiError::Status { status, detail } => format!("HTTP {status}{}", said(detail)),
        ApiError::Timeout { after } => {
            let seconds = seconds(*after);
            if en {
                format!(
                    "no answer within {seconds} s, also on retrying — the account or the network \
                     is slow; try again, or allow more with --timeout"
                )
            } else {
                format!(
                    "sin respuesta en {seconds} s, tampoco al reintentar; la cuenta o la red van \
                     lentas; prueba de nuevo o da más tiempo con --timeout"
                )
            }
        }
        ApiError::Dns { host } => {
            if en {
                format!("{host}: the name does not resolve — check the subdomain, and your network's DNS")
            } else {
                format!("{host}: el nombre no se resuelve; revisa el subdominio y el DNS de tu red")
            }
        }
        ApiError::Tls { host, reason } => {
            if en {
                format!(
                    "{host}: the secure connection (TLS) failed: {reason} — check the address; a \
                     proxy that intercepts TLS is not trusted"
                )
            } else {
                format!(
                    "{host}: falló la conexión segura (TLS): {reason}; revisa la dirección; un \
                     proxy que intercepta TLS no es de confianza"
                )
            }
        }
        ApiError::Connect { host, reason } => {
            if en {
                format!("{host}: no connection: {reason} — check the address and your network")
            } else {
                format!("{host}: sin conexión: {reason}; revisa la dirección y tu red")
            }
        }
        ApiError::Network { reason } => {
            if en {
                format!("the connection broke: {reason} — try again")
            } else {
                format!("se cortó la conexión: {reason}; prueba de nuevo")
            }
        }
        ApiError::BadBody { path, reason } => {
            if en {
                format!(
                    "{path}: the answer is not the JSON Kommo documents ({reason}) — is the \
                     address a Kommo account?"
                )
            } else {
                format!(
                    "{path}: la respuesta no es el JSON que documenta Kommo ({reason}); ¿la \
                     dirección es una cuenta de Kommo?"
                )
            }
        }
        ApiError::Cancelled => pick(lang, "stopped", "detenido"),
    }
}

fn base_url(value: &str, problem: BaseUrlProblem, lang: Lang) -> String {
    let en = lang == Lang::En;
    let why = match (problem, en) {
        (BaseUrlProblem::NoScheme, true) => "it needs https:// in front",
        (BaseUrlProblem::NoScheme, false) => "necesita https:// delante",
        (BaseUrlProblem::Scheme, true) => "only https:// (or http:// to this machine) works",
        (BaseUrlProblem::Scheme, false) => "solo vale https:// (o http:// a esta máquina)",
        (BaseUrlProblem::QueryOrFragment, true) => "a base URL has no ?query or #fragment",
        (BaseUrlProblem::QueryOrFragment, false) => "una URL base no lleva ?consulta ni #fragmento",
        (BaseUrlProblem::Credentials, true) => "no user:password@; the token is the only credential",
        (BaseUrlProblem::Credentials, false) => "sin usuario:clave@; la única credencial es el token",
        (BaseUrlProblem::Host, true) => "the host or port does not parse",
        (BaseUrlProblem::Host, false) => "el host o el puerto no son válidos",
    };
    if en {
        format!("--base-url \"{value}\": {why} — e.g. https://example.amocrm.ru")
    } else {
        format!("--base-url \"{value}\": {why}; p. ej. https://example.amocrm.ru")
    }
}

/// A retry, for stderr: `429 Too Many Requests: retry 1 of 3 in 2 s`.
pub fn notice(notice: &Notice, lang: Lang) -> String {
    let Notice::Retrying { reason, wait, attempt, of } = notice;
    let wait = seconds(*wait);
    let en = lang == Lang::En;
    let why = match (reason, en) {
        (RetryReason::RateLimited, true) => "429 Too Many Requests".to_owned(),
        (RetryReason::RateLimited, false) => "429 Demasiadas solicitudes".to_owned(),
        (RetryReason::Server(status), true) => format!("{status} from the server"),
        (RetryReason::Server(status), false) => format!("{status} del servidor"),
        (RetryReason::Timeout, true) => "no answer in time".to_owned(),
        (RetryReason::Timeout, false) => "sin respuesta a tiempo".to_owned(),
        (RetryReason::Network, true) => "the connection broke".to_owned(),
        (RetryReason::Network, false) => "se cortó la conexión".to_owned(),
    };
    if en {
        format!("{why}: retry {attempt} of {of} in {wait} s")
    } else {
        format!("{why}: reintento {attempt} de {of} en {wait} s")
    }
}

/// Progress of a fetch: `page 3 · 250 events`.
pub fn progress(pages: u32, events: usize, lang: Lang) -> String {
    let events = count(events, lang, ("event", "events"), ("evento", "eventos"));
    match lang {
        Lang::En => format!("page {pages} · {events}"),
        Lang::Es => format!("página {pages} · {events}"),
    }
}

/// The fetch stopped at `--max-pages` while the account had more.
pub fn more_pages(max_pages: u32, lang: Lang) -> String {
    let pages = count(max_pages as usize, lang, ("page", "pages"), ("página", "páginas"));
    match lang {
        Lang::En => format!(
            "stopped after {pages}; there are more: --max-pages 0 fetches them all, and --resume FILE \
             (with the same filter) goes on from a file this run was written to"
        ),
        Lang::Es => format!(
            "se detuvo tras {pages}; hay más: --max-pages 0 los trae todos, y --resume ARCHIVO (con el \
             mismo filtro) sigue desde el archivo en que se escribió"
        ),
    }
}

/// The live progress line of a long fetch.
pub fn bulk_progress(
    events: usize,
    pages: u32,
    per_second: f64,
    elapsed: std::time::Duration,
    retries: u32,
    waited: std::time::Duration,
    lang: Lang,
) -> String {
    let events = count(events, lang, ("event", "events"), ("evento", "eventos"));
    let pages = count(pages as usize, lang, ("page", "pages"), ("página", "páginas"));
    let elapsed = elapsed.as_secs();
    let clock = format!("{}:{:02}", elapsed / 60, elapsed % 60);
    let retried = (retries > 0).then(|| match lang {
        Lang::En => format!(" · {retries} retried, waited {}", seconds(waited)),
        Lang::Es => format!(" · {retries} reintentos, espera {}", seconds(waited)),
    });
    let retried = retried.unwrap_or_default();
    match lang {
        Lang::En => format!("{events} · {pages} · {per_second:.0} events/s · {clock}{retried}"),
        Lang::Es => format!("{events} · {pages} · {per_second:.0} eventos/s · {clock}{retried}"),
    }
}

/// A fetch's summary: what came, up to which moment (the walk's pinned upper bound).
pub fn fetch_summary(events: usize, pages: u32, upper: &str, lang: Lang) -> String {
    let events = count(events, lang, ("event", "events"), ("evento", "eventos"));
    let pages = count(pages as usize, lang, ("page", "pages"), ("página", "páginas"));
    match lang {
        Lang::En => format!("{events} in {pages}, up to {upper}"),
        Lang::Es => format!("{events} en {pages}, hasta {upper}"),
    }
}

/// A fetch stopped before its end (a signal, a failure), with what was written.
pub fn fetch_stopped(events: usize, lang: Lang) -> String {
    let events = count(events, lang, ("event", "events"), ("evento", "eventos"));
    match lang {
        Lang::En => format!("stopped with {events} written, each whole; --resume FILE goes on from them"),
        Lang::Es => {
            format!("detenido con {events} escritos, todos enteros; --resume ARCHIVO sigue desde ellos")
        }
    }
}

/// A non-admin token got 403 on `/api/v4/users`.
pub fn users_forbidden(lang: Lang) -> String {
    pick(
        lang,
        "users: /api/v4/users answered 403 (the token's user is not an admin); users are shown by id",
        "usuarios: /api/v4/users respondió 403 (el usuario del token no es administrador); los \
         usuarios se muestran por id",
    )
}

/// A part of the account's names that was left out, with why.
pub fn part_skipped(part: &str, error: &ApiError, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{part}: skipped: {}", error.message(lang)),
        Lang::Es => format!("{part}: omitido: {}", error.message(lang)),
    }
}

/// The names were saved: where, and how many of each.
pub fn refreshed(dir: &str, counts: &[(&str, usize)], lang: Lang) -> String {
    let list: Vec<String> = counts.iter().map(|(what, n)| format!("{n} {what}")).collect();
    match lang {
        Lang::En => format!("saved the account's names in {dir}: {}", list.join(", ")),
        Lang::Es => format!("nombres de la cuenta guardados en {dir}: {}", list.join(", ")),
    }
}

/// A corrupt or unreadable account file.
pub fn account_file(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("account names not loaded: {reason} — run `kommo-events account refresh`"),
        Lang::Es => {
            format!("nombres de la cuenta no cargados: {reason}; ejecuta `kommo-events account refresh`")
        }
    }
}

/// `tail` started: what it follows.
pub fn tail_started(since: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("following new events since {since} (Ctrl-C stops)"),
        Lang::Es => format!("siguiendo eventos nuevos desde {since} (Ctrl-C detiene)"),
    }
}

/// `tail` with `--created-to`, which never ends.
pub fn tail_no_end(lang: Lang) -> String {
    pick(
        lang,
        "tail follows new events, so --created-to does not apply — use fetch for a closed range",
        "tail sigue los eventos nuevos, así que --created-to no aplica; usa fetch para un rango cerrado",
    )
}

/// `account show` before any refresh.
pub fn no_account_names(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("no account names saved in {dir} — run `kommo-events account refresh`"),
        Lang::Es => format!("no hay nombres de la cuenta en {dir}; ejecuta `kommo-events account refresh`"),
    }
}

fn pick(lang: Lang, en: &str, es: &str) -> String {
    match lang {
        Lang::En => en.to_owned(),
        Lang::Es => es.to_owned(),
    }
}

/// `: "detail"` when the server said something, else nothing.
fn said(detail: &Option<String>) -> String {
    detail.as_deref().map(|d| format!(" (\"{d}\")")).unwrap_or_default()
}

/// Seconds as short as they can be written: `2`, `0.5`.
/// The notes behind events could not be read: the events are shown as they came.
pub fn notes_failed(error: &ApiError, lang: Lang) -> String {
    match lang {
        Lang::En => format!("notes not read, events shown without them: {}", error.message(lang)),
        Lang::Es => format!("no se leyeron las notas; eventos sin ellas: {}", error.message(lang)),
    }
}

/// One line for a 400 answered to a range form that the other form then fixed.
pub fn range_retried(now: RangeStyle, lang: Lang) -> String {
    let (refused, asked) = match now {
        RangeStyle::Comma => ("filter[created_at][from]/[to]", "filter[created_at]=A,B"),
        RangeStyle::FromTo => ("filter[created_at]=A,B", "filter[created_at][from]/[to]"),
    };
    match lang {
        Lang::En => format!(
            "the account answered 400 to {refused}; asked again with {asked} (--range-style {}), \
             which is kept for this account",
            now.name()
        ),
        Lang::Es => format!(
            "la cuenta respondió 400 a {refused}; se preguntó de nuevo con {asked} (--range-style {}), \
             que se guarda para esta cuenta",
            now.name()
        ),
    }
}

fn seconds(duration: Duration) -> String {
    let text = format!("{:.1}", duration.as_secs_f64());
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_counts_take_the_right_number() {
        assert!(more_pages(1, Lang::En).starts_with("stopped after 1 page; there are more: --max-pages 0"));
        assert!(more_pages(1, Lang::En).contains("--resume FILE"));
        assert_eq!(
            fetch_summary(1, 1, "2026-12-01 21:40:03", Lang::En),
            "1 event in 1 page, up to 2026-12-01 21:40:03"
        );
        assert!(more_pages(10, Lang::Es).starts_with("se detuvo tras 10 páginas;"));
        assert_eq!(progress(1, 1, Lang::Es), "página 1 · 1 evento");
    }

    use crate::api::ValidationError;

    #[test]
    fn validation_errors_list_each_path_and_detail() {
        let error = ApiError::BadRequest {
            detail: Some("Request validation failed".into()),
            errors: vec![
                ValidationError { path: "filter.type".into(), detail: "Bad type".into(), code: "X".into() },
                ValidationError { path: "limit".into(), detail: "Too big".into(), code: String::new() },
            ],
        };
        let text = error.message(Lang::En);
        assert!(text.starts_with("400 Bad Request (\"Request validation failed\")"), "{text}");
        assert!(text.contains("\n  filter.type: Bad type (X)"), "{text}");
        assert!(text.contains("\n  limit: Too big"), "{text}");
        assert!(error.message(Lang::Es).contains("400 Solicitud incorrecta"));
    }

    #[test]
    fn a_403_after_429s_says_the_ip_was_blocked() {
        let blocked = ApiError::Forbidden { detail: None, after_rate_limit: true };
        assert!(blocked.message(Lang::En).contains("blocks the IP"));
        let rights = ApiError::Forbidden { detail: None, after_rate_limit: false };
        assert!(rights.message(Lang::En).contains("no rights"));
        assert!(rights.message(Lang::Es).contains("permisos"));
    }

    #[test]
    fn retries_say_why_and_how_long() {
        let notice = Notice::Retrying {
            reason: RetryReason::RateLimited,
            wait: Duration::from_millis(1500),
            attempt: 1,
            of: 3,
        };
        assert_eq!(super::notice(&notice, Lang::En), "429 Too Many Requests: retry 1 of 3 in 1.5 s");
        assert_eq!(seconds(Duration::from_secs(2)), "2");
    }

    #[test]
    fn every_error_has_words_in_both_languages() {
        let all = [
            ApiError::NoToken,
            ApiError::BadToken,
            ApiError::NoAccount,
            ApiError::AccountTokenEnv { account: "acme".into(), variable: "ACME_TOKEN".into() },
            ApiError::AccountTokenFile { account: "acme".into(), path: "/t".into(), reason: String::new() },
            ApiError::Cancelled,
            ApiError::Timeout { after: Duration::from_secs(1) },
            ApiError::Dns { host: "x".into() },
        ];
        for error in all {
            assert_ne!(error.message(Lang::En), error.message(Lang::Es));
        }
    }
}
