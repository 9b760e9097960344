//! The words for talking to an account, in English, Spanish and Portuguese: every [`ApiError`]
//! with its reason and fix, retries, progress, and what `account refresh` did.
//!
//! English puts the fix after " — ", Spanish and Portuguese after "; ", as in the filter's
//! messages. No message ever takes the token: the errors do not hold it, and server text was
//! scrubbed of it.

use crate::filter::RangeStyle;
use std::time::Duration;

use crate::api::{ApiError, BaseUrlProblem, Notice, RetryReason};
use crate::i18n::{count, pick, pick_str, Lang};

/// The forms of "event" and "page", English, Spanish, Portuguese.
const EVENTS: [(&str, &str); 3] = [("event", "events"), ("evento", "eventos"), ("evento", "eventos")];
const PAGES: [(&str, &str); 3] = [("page", "pages"), ("página", "páginas"), ("página", "páginas")];

/// An error as one message (a 400 with `validation-errors` adds one indented line per error).
pub fn error(error: &ApiError, lang: Lang) -> String {
    match error {
        ApiError::NoToken => pick_str(
            lang,
            "no token: set KOMMO_TOKEN (an OAuth access token or a long-lived token from your Kommo \
             integration) or pass --token-file FILE",
            "no hay token: define KOMMO_TOKEN (un token de acceso OAuth o de larga duración de tu \
             integración de Kommo) o usa --token-file ARCHIVO",
            "não há token: defina KOMMO_TOKEN (um token de acesso OAuth ou de longa duração da sua \
             integração da Kommo) ou use --token-file ARQUIVO",
        ),
        ApiError::TokenFile { path, reason } if reason.is_empty() => pick(
            lang,
            format!("--token-file {path}: no token in it — the file must hold the token alone"),
            format!("--token-file {path}: no contiene un token; el archivo debe contener solo el token"),
            format!("--token-file {path}: não contém um token; o arquivo deve conter só o token"),
        ),
        ApiError::TokenFile { path, reason } => pick(
            lang,
            format!("--token-file {path}: {reason} — the file must hold the token alone"),
            format!("--token-file {path}: {reason}; el archivo debe contener solo el token"),
            format!("--token-file {path}: {reason}; o arquivo deve conter só o token"),
        ),
        ApiError::BadToken => pick_str(
            lang,
            "KOMMO_TOKEN is empty or has spaces or line breaks inside — put the token alone in it",
            "KOMMO_TOKEN está vacío o tiene espacios o saltos de línea; pon solo el token",
            "KOMMO_TOKEN está vazio ou tem espaços ou quebras de linha; coloque só o token",
        ),
        ApiError::NoAccount => pick_str(
            lang,
            "which account? Set KOMMO_SUBDOMAIN or pass --subdomain NAME (for NAME.kommo.com), \
             --base-url URL for another domain, or --account NAME for one of the config's accounts",
            "¿qué cuenta? Define KOMMO_SUBDOMAIN o usa --subdomain NOMBRE (para NOMBRE.kommo.com), \
             --base-url URL para otro dominio, o --account NOMBRE para una cuenta de la configuración",
            "qual conta? Defina KOMMO_SUBDOMAIN ou use --subdomain NOME (para NOME.kommo.com), \
             --base-url URL para outro domínio, ou --account NOME para uma conta da configuração",
        ),
        ApiError::AccountTokenFile { account, path, reason } => {
            let reason = match (reason.is_empty(), lang) {
                (false, _) => reason.as_str(),
                (true, Lang::En) => "no token in it",
                (true, Lang::Es) => "no contiene un token",
                (true, Lang::Pt) => "não contém um token",
            };
            pick(
                lang,
                format!(
                    "account {account}: token_file {path}: {reason} — the file must hold the token alone \
                     (or point token_file elsewhere in the config)"
                ),
                format!(
                    "cuenta {account}: token_file {path}: {reason}; el archivo debe contener solo el token \
                     (o cambia token_file en la configuración)"
                ),
                format!(
                    "conta {account}: token_file {path}: {reason}; o arquivo deve conter só o token \
                     (ou mude token_file na configuração)"
                ),
            )
        }
        ApiError::AccountTokenEnv { account, variable } => pick(
            lang,
            format!(
                "account {account}: its token is read from ${variable}, which is unset, empty or has \
                 spaces inside — export {variable}=TOKEN, or change token_env in the config"
            ),
            format!(
                "cuenta {account}: su token se lee de ${variable}, que no está definida, está vacía o \
                 tiene espacios; exporta {variable}=TOKEN, o cambia token_env en la configuración"
            ),
            format!(
                "conta {account}: o token dela é lido de ${variable}, que não está definida, está vazia \
                 ou tem espaços; exporte {variable}=TOKEN, ou mude token_env na configuração"
            ),
        ),
        ApiError::BadSubdomain { value } => pick(
            lang,
            format!(
                "subdomain \"{value}\" is not one name — give NAME of NAME.kommo.com, or \
                 --base-url https://HOST for another domain"
            ),
            format!(
                "el subdominio \"{value}\" no es un solo nombre; indica NOMBRE de \
                 NOMBRE.kommo.com, o --base-url https://HOST para otro dominio"
            ),
            format!(
                "o subdomínio \"{value}\" não é um nome só; informe NOME de \
                 NOME.kommo.com, ou --base-url https://HOST para outro domínio"
            ),
        ),
        ApiError::BadBaseUrl { value, problem } => base_url(value, *problem, lang),
        ApiError::PlainHttp { host } => pick(
            lang,
            format!(
                "--base-url: plain http:// to {host} would send the token readable — use \
                 https:// (plain http is for 127.0.0.1, ::1 and localhost), or --insecure if \
                 you must"
            ),
            format!(
                "--base-url: http:// sin cifrar hacia {host} enviaría el token legible; usa \
                 https:// (http solo vale para 127.0.0.1, ::1 y localhost), o --insecure si \
                 no hay otra opción"
            ),
            format!(
                "--base-url: http:// sem criptografia para {host} enviaria o token legível; use \
                 https:// (http só vale para 127.0.0.1, ::1 e localhost), ou --insecure se \
                 não houver outra opção"
            ),
        ),
        ApiError::Unauthorized { detail } => {
            let said = said(detail);
            pick(
                lang,
                format!(
                    "401 Unauthorized{said}: the token was refused — it may have expired (OAuth \
                     access tokens last 24 hours) or belong to another account; get a new one"
                ),
                format!(
                    "401 No autorizado{said}: el token fue rechazado; puede haber caducado (los \
                     tokens de acceso OAuth duran 24 horas) o ser de otra cuenta; consigue uno nuevo"
                ),
                format!(
                    "401 Não autorizado{said}: o token foi recusado; pode ter expirado (os \
                     tokens de acesso OAuth duram 24 horas) ou ser de outra conta; obtenha um novo"
                ),
            )
        }
        ApiError::PaymentRequired { detail } => {
            let said = said(detail);
            pick(
                lang,
                format!(
                    "402 Payment Required{said}: the account is not paid (or its trial ended) — \
                     the API answers again once it is"
                ),
                format!(
                    "402 Pago requerido{said}: la cuenta no está pagada (o terminó la prueba); la \
                     API vuelve a responder cuando lo esté"
                ),
                format!(
                    "402 Pagamento necessário{said}: a conta não está paga (ou o teste acabou); a \
                     API volta a responder quando estiver"
                ),
            )
        }
        ApiError::Forbidden { detail, after_rate_limit: true } => {
            let said = said(detail);
            pick(
                lang,
                format!(
                    "403 Forbidden{said}: after too many 429 answers Kommo blocks the IP — wait \
                     before trying again, and run fewer programs against the account at once"
                ),
                format!(
                    "403 Prohibido{said}: tras demasiadas respuestas 429 Kommo bloquea la IP; \
                     espera antes de reintentar y usa menos programas a la vez contra la cuenta"
                ),
                format!(
                    "403 Proibido{said}: depois de respostas 429 demais a Kommo bloqueia o IP; \
                     espere antes de tentar de novo e use menos programas ao mesmo tempo na conta"
                ),
            )
        }
        ApiError::Forbidden { detail, after_rate_limit: false } => {
            let said = said(detail);
            pick(
                lang,
                format!(
                    "403 Forbidden{said}: the token's user has no rights for this (some routes, \
                     like /api/v4/users, need an admin), or the IP was blocked after too many \
                     requests"
                ),
                format!(
                    "403 Prohibido{said}: el usuario del token no tiene permisos para esto (algunas \
                     rutas, como /api/v4/users, requieren un administrador), o la IP fue bloqueada \
                     por demasiadas solicitudes"
                ),
                format!(
                    "403 Proibido{said}: o usuário do token não tem permissão para isto (algumas \
                     rotas, como /api/v4/users, exigem um administrador), ou o IP foi bloqueado \
                     por requisições demais"
                ),
            )
        }
        ApiError::NotFound { path } => pick(
            lang,
            format!("404 Not Found: {path} — is the subdomain (or --base-url) a Kommo account?"),
            format!("404 No encontrado: {path}; ¿el subdominio (o --base-url) es una cuenta de Kommo?"),
            format!("404 Não encontrado: {path}; o subdomínio (ou --base-url) é uma conta da Kommo?"),
        ),
        ApiError::RateLimited { retries: 0 } => pick_str(
            lang,
            "429 Too Many Requests — wait a minute: the account allows 7 requests per second \
             for everything using it, other integrations included",
            "429 Demasiadas solicitudes; espera un minuto: la cuenta admite 7 solicitudes por \
             segundo entre todo lo que la usa, otras integraciones incluidas",
            "429 Requisições demais; espere um minuto: a conta aceita 7 requisições por \
             segundo entre tudo o que a usa, outras integrações incluídas",
        ),
        ApiError::WaitTooLong { status, asked, limit } => {
            let (asked, limit) = (seconds(*asked), seconds(*limit));
            pick(
                lang,
                format!(
                    "{status}: the server asks to wait {asked} s before trying again, more than the \
                     {limit} s left to wait for this request — try again later, or allow more \
                     with --timeout"
                ),
                format!(
                    "{status}: el servidor pide esperar {asked} s antes de reintentar, más que los \
                     {limit} s que quedan para esta solicitud; prueba más tarde o da más tiempo con \
                     --timeout"
                ),
                format!(
                    "{status}: o servidor pede para esperar {asked} s antes de tentar de novo, mais que \
                     os {limit} s que restam para esta requisição; tente mais tarde ou dê mais tempo \
                     com --timeout"
                ),
            )
        }
        ApiError::Internal { reason } => pick(
            lang,
            format!("internal error: {reason} — this is a bug in kommo-events; please report it"),
            format!("error interno: {reason}; es un fallo de kommo-events, avísanos por favor"),
            format!("erro interno: {reason}; é uma falha do kommo-events, avise-nos por favor"),
        ),
        ApiError::RateLimited { retries } => pick(
            lang,
            format!(
                "429 Too Many Requests, still after {retries} retries — wait a minute: the \
                 account allows 7 requests per second for everything using it, other \
                 integrations included"
            ),
            format!(
                "429 Demasiadas solicitudes, aun tras {retries} reintentos; espera un minuto: \
                 la cuenta admite 7 solicitudes por segundo entre todo lo que la usa, otras \
                 integraciones incluidas"
            ),
            format!(
                "429 Requisições demais, mesmo após {retries} novas tentativas; espere um minuto: \
                 a conta aceita 7 requisições por segundo entre tudo o que a usa, outras \
                 integrações incluídas"
            ),
        ),
        ApiError::BadRequest { detail, errors } => {
            let said = said(detail);
            let mut text = pick(
                lang,
                format!("400 Bad Request{said}: Kommo did not accept the query"),
                format!("400 Solicitud incorrecta{said}: Kommo no aceptó la consulta"),
                format!("400 Requisição inválida{said}: a Kommo não aceitou a consulta"),
            );
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
            pick(
                lang,
                format!("{status}: Kommo's server failed{said}, still after retrying — try again later"),
                format!("{status}: falló el servidor de Kommo{said}, aun tras reintentar; prueba más tarde"),
                format!(
                    "{status}: o servidor da Kommo falhou{said}, mesmo após tentar de novo; tente mais tarde"
                ),
            )
        }
        ApiError::Status { status, detail } => format!("HTTP {status}{}", said(detail)),
        ApiError::Timeout { after } => {
            let seconds = seconds(*after);
            pick(
                lang,
                format!(
                    "no answer within {seconds} s, also on retrying — the account or the network \
                     is slow; try again, or allow more with --timeout"
                ),
                format!(
                    "sin respuesta en {seconds} s, tampoco al reintentar; la cuenta o la red van \
                     lentas; prueba de nuevo o da más tiempo con --timeout"
                ),
                format!(
                    "sem resposta em {seconds} s, nem ao tentar de novo; a conta ou a rede estão \
                     lentas; tente de novo ou dê mais tempo com --timeout"
                ),
            )
        }
        ApiError::Dns { host } => pick(
            lang,
            format!("{host}: the name does not resolve — check the subdomain, and your network's DNS"),
            format!("{host}: el nombre no se resuelve; revisa el subdominio y el DNS de tu red"),
            format!("{host}: o nome não resolve; confira o subdomínio e o DNS da sua rede"),
        ),
        ApiError::Tls { host, reason } => pick(
            lang,
            format!(
                "{host}: the secure connection (TLS) failed: {reason} — check the address; a \
                 proxy that intercepts TLS is not trusted"
            ),
            format!(
                "{host}: falló la conexión segura (TLS): {reason}; revisa la dirección; un \
                 proxy que intercepta TLS no es de confianza"
            ),
            format!(
                "{host}: a conexão segura (TLS) falhou: {reason}; confira o endereço; um \
                 proxy que intercepta TLS não é confiável"
            ),
        ),
        ApiError::Connect { host, reason } => pick(
            lang,
            format!("{host}: no connection: {reason} — check the address and your network"),
            format!("{host}: sin conexión: {reason}; revisa la dirección y tu red"),
            format!("{host}: sem conexão: {reason}; confira o endereço e a sua rede"),
        ),
        ApiError::Network { reason } => pick(
            lang,
            format!("the connection broke: {reason} — try again"),
            format!("se cortó la conexión: {reason}; prueba de nuevo"),
            format!("a conexão caiu: {reason}; tente de novo"),
        ),
        ApiError::BadBody { path, reason } => pick(
            lang,
            format!(
                "{path}: the answer is not the JSON Kommo documents ({reason}) — is the \
                 address a Kommo account?"
            ),
            format!(
                "{path}: la respuesta no es el JSON que documenta Kommo ({reason}); ¿la \
                 dirección es una cuenta de Kommo?"
            ),
            format!(
                "{path}: a resposta não é o JSON que a Kommo documenta ({reason}); o \
                 endereço é uma conta da Kommo?"
            ),
        ),
        ApiError::Cancelled => pick_str(lang, "stopped", "detenido", "interrompido"),
    }
}

fn base_url(value: &str, problem: BaseUrlProblem, lang: Lang) -> String {
    let why = match (problem, lang) {
        (BaseUrlProblem::NoScheme, Lang::En) => "it needs https:// in front",
        (BaseUrlProblem::NoScheme, Lang::Es) => "necesita https:// delante",
        (BaseUrlProblem::NoScheme, Lang::Pt) => "precisa de https:// na frente",
        (BaseUrlProblem::Scheme, Lang::En) => "only https:// (or http:// to this machine) works",
        (BaseUrlProblem::Scheme, Lang::Es) => "solo vale https:// (o http:// a esta máquina)",
        (BaseUrlProblem::Scheme, Lang::Pt) => "só vale https:// (ou http:// para esta máquina)",
        (BaseUrlProblem::QueryOrFragment, Lang::En) => "a base URL has no ?query or #fragment",
        (BaseUrlProblem::QueryOrFragment, Lang::Es) => "una URL base no lleva ?consulta ni #fragmento",
        (BaseUrlProblem::QueryOrFragment, Lang::Pt) => "uma URL base não leva ?consulta nem #fragmento",
        (BaseUrlProblem::Credentials, Lang::En) => "no user:password@; the token is the only credential",
        (BaseUrlProblem::Credentials, Lang::Es) => "sin usuario:clave@; la única credencial es el token",
        (BaseUrlProblem::Credentials, Lang::Pt) => "sem usuário:senha@; a única credencial é o token",
        (BaseUrlProblem::Host, Lang::En) => "the host or port does not parse",
        (BaseUrlProblem::Host, Lang::Es) => "el host o el puerto no son válidos",
        (BaseUrlProblem::Host, Lang::Pt) => "o host ou a porta não são válidos",
    };
    pick(
        lang,
        format!("--base-url \"{value}\": {why} — e.g. https://example.amocrm.ru"),
        format!("--base-url \"{value}\": {why}; p. ej. https://example.amocrm.ru"),
        format!("--base-url \"{value}\": {why}; p. ex. https://example.amocrm.ru"),
    )
}

/// A retry, for stderr: `429 Too Many Requests: retry 1 of 3 in 2 s`.
pub fn notice(notice: &Notice, lang: Lang) -> String {
    let Notice::Retrying { reason, wait, attempt, of } = notice;
    let wait = seconds(*wait);
    let why = match (reason, lang) {
        (RetryReason::RateLimited, Lang::En) => "429 Too Many Requests".to_owned(),
        (RetryReason::RateLimited, Lang::Es) => "429 Demasiadas solicitudes".to_owned(),
        (RetryReason::RateLimited, Lang::Pt) => "429 Requisições demais".to_owned(),
        (RetryReason::Server(status), Lang::En) => format!("{status} from the server"),
        (RetryReason::Server(status), Lang::Es) => format!("{status} del servidor"),
        (RetryReason::Server(status), Lang::Pt) => format!("{status} do servidor"),
        (RetryReason::Timeout, Lang::En) => "no answer in time".to_owned(),
        (RetryReason::Timeout, Lang::Es) => "sin respuesta a tiempo".to_owned(),
        (RetryReason::Timeout, Lang::Pt) => "sem resposta a tempo".to_owned(),
        (RetryReason::Network, Lang::En) => "the connection broke".to_owned(),
        (RetryReason::Network, Lang::Es) => "se cortó la conexión".to_owned(),
        (RetryReason::Network, Lang::Pt) => "a conexão caiu".to_owned(),
    };
    pick(
        lang,
        format!("{why}: retry {attempt} of {of} in {wait} s"),
        format!("{why}: reintento {attempt} de {of} en {wait} s"),
        format!("{why}: nova tentativa {attempt} de {of} em {wait} s"),
    )
}

/// Progress of a fetch: `page 3 · 250 events`.
pub fn progress(pages: u32, events: usize, lang: Lang) -> String {
    let events = count(events, lang, EVENTS);
    pick(
        lang,
        format!("page {pages} · {events}"),
        format!("página {pages} · {events}"),
        format!("página {pages} · {events}"),
    )
}

/// The fetch stopped at `--max-pages` while the account had more.
pub fn more_pages(max_pages: u32, lang: Lang) -> String {
    let pages = count(max_pages as usize, lang, PAGES);
    pick(
        lang,
        format!(
            "stopped after {pages}; there are more: --max-pages 0 fetches them all, and --resume FILE \
             (with the same filter) goes on from a file this run was written to"
        ),
        format!(
            "se detuvo tras {pages}; hay más: --max-pages 0 los trae todos, y --resume ARCHIVO (con el \
             mismo filtro) sigue desde el archivo en que se escribió"
        ),
        format!(
            "parou após {pages}; há mais: --max-pages 0 traz todos, e --resume ARQUIVO (com o \
             mesmo filtro) continua a partir do arquivo em que esta execução escreveu"
        ),
    )
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
    let events = count(events, lang, EVENTS);
    let pages = count(pages as usize, lang, PAGES);
    let elapsed = elapsed.as_secs();
    let clock = format!("{}:{:02}", elapsed / 60, elapsed % 60);
    let waited = seconds(waited);
    let retried = (retries > 0).then(|| {
        pick(
            lang,
            format!(" · {retries} retried, waited {waited}"),
            format!(" · {retries} reintentos, espera {waited}"),
            format!(" · {retries} novas tentativas, espera {waited}"),
        )
    });
    let retried = retried.unwrap_or_default();
    pick(
        lang,
        format!("{events} · {pages} · {per_second:.0} events/s · {clock}{retried}"),
        format!("{events} · {pages} · {per_second:.0} eventos/s · {clock}{retried}"),
        format!("{events} · {pages} · {per_second:.0} eventos/s · {clock}{retried}"),
    )
}

/// A fetch's summary: what came, up to which moment (the walk's pinned upper bound).
pub fn fetch_summary(events: usize, pages: u32, upper: &str, lang: Lang) -> String {
    let events = count(events, lang, EVENTS);
    let pages = count(pages as usize, lang, PAGES);
    pick(
        lang,
        format!("{events} in {pages}, up to {upper}"),
        format!("{events} en {pages}, hasta {upper}"),
        format!("{events} em {pages}, até {upper}"),
    )
}

/// A fetch stopped before its end (a signal, a failure), with what was written.
pub fn fetch_stopped(events: usize, lang: Lang) -> String {
    let events = count(events, lang, EVENTS);
    pick(
        lang,
        format!("stopped with {events} written, each whole; --resume FILE goes on from them"),
        format!("detenido con {events} escritos, todos enteros; --resume ARCHIVO sigue desde ellos"),
        format!(
            "interrompido com {events} escritos, todos inteiros; --resume ARQUIVO continua a partir deles"
        ),
    )
}

/// A non-admin token got 403 on `/api/v4/users`.
pub fn users_forbidden(lang: Lang) -> String {
    pick_str(
        lang,
        "users: /api/v4/users answered 403 (the token's user is not an admin); users are shown by id",
        "usuarios: /api/v4/users respondió 403 (el usuario del token no es administrador); los \
         usuarios se muestran por id",
        "usuários: /api/v4/users respondeu 403 (o usuário do token não é administrador); os \
         usuários aparecem por id",
    )
}

/// A part of the account's names that was left out, with why.
pub fn part_skipped(part: &str, error: &ApiError, lang: Lang) -> String {
    let why = error.message(lang);
    pick(
        lang,
        format!("{part}: skipped: {why}"),
        format!("{part}: omitido: {why}"),
        format!("{part}: ignorado: {why}"),
    )
}

/// The names were saved: where, and how many of each.
pub fn refreshed(dir: &str, counts: &[(&str, usize)], lang: Lang) -> String {
    let list: Vec<String> = counts.iter().map(|(what, n)| format!("{n} {what}")).collect();
    let list = list.join(", ");
    pick(
        lang,
        format!("saved the account's names in {dir}: {list}"),
        format!("nombres de la cuenta guardados en {dir}: {list}"),
        format!("nomes da conta salvos em {dir}: {list}"),
    )
}

/// A corrupt or unreadable account file.
pub fn account_file(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("account names not loaded: {reason} — run `kommo-events account refresh`"),
        format!("nombres de la cuenta no cargados: {reason}; ejecuta `kommo-events account refresh`"),
        format!("nomes da conta não carregados: {reason}; execute `kommo-events account refresh`"),
    )
}

/// `tail` started: what it follows.
pub fn tail_started(since: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("following new events since {since} (Ctrl-C stops)"),
        format!("siguiendo eventos nuevos desde {since} (Ctrl-C detiene)"),
        format!("acompanhando eventos novos desde {since} (Ctrl-C para)"),
    )
}

/// `tail` with `--created-to`, which never ends.
pub fn tail_no_end(lang: Lang) -> String {
    pick_str(
        lang,
        "tail follows new events, so --created-to does not apply — use fetch for a closed range",
        "tail sigue los eventos nuevos, así que --created-to no aplica; usa fetch para un rango cerrado",
        "tail acompanha os eventos novos, então --created-to não se aplica; use fetch para um intervalo fechado",
    )
}

/// `account show` before any refresh.
pub fn no_account_names(dir: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("no account names saved in {dir} — run `kommo-events account refresh`"),
        format!("no hay nombres de la cuenta en {dir}; ejecuta `kommo-events account refresh`"),
        format!("não há nomes da conta salvos em {dir}; execute `kommo-events account refresh`"),
    )
}

/// `: "detail"` when the server said something, else nothing.
fn said(detail: &Option<String>) -> String {
    detail.as_deref().map(|d| format!(" (\"{d}\")")).unwrap_or_default()
}

/// The notes behind events could not be read: the events are shown as they came.
pub fn notes_failed(error: &ApiError, lang: Lang) -> String {
    let why = error.message(lang);
    pick(
        lang,
        format!("notes not read, events shown without them: {why}"),
        format!("no se leyeron las notas; eventos sin ellas: {why}"),
        format!("as notas não foram lidas; eventos sem elas: {why}"),
    )
}

/// One line for a 400 answered to a range form that the other form then fixed.
pub fn range_retried(now: RangeStyle, lang: Lang) -> String {
    let (refused, asked) = match now {
        RangeStyle::Comma => ("filter[created_at][from]/[to]", "filter[created_at]=A,B"),
        RangeStyle::FromTo => ("filter[created_at]=A,B", "filter[created_at][from]/[to]"),
    };
    let style = now.name();
    pick(
        lang,
        format!(
            "the account answered 400 to {refused}; asked again with {asked} (--range-style {style}), \
             which is kept for this account"
        ),
        format!(
            "la cuenta respondió 400 a {refused}; se preguntó de nuevo con {asked} (--range-style {style}), \
             que se guarda para esta cuenta"
        ),
        format!(
            "a conta respondeu 400 a {refused}; perguntou-se de novo com {asked} (--range-style {style}), \
             que fica guardado para esta conta"
        ),
    )
}

/// Seconds as short as they can be written: `2`, `0.5`.
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
        assert!(more_pages(2, Lang::Pt).starts_with("parou após 2 páginas;"));
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
    fn every_error_has_words_in_each_language() {
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
            let (en, es, pt) = (error.message(Lang::En), error.message(Lang::Es), error.message(Lang::Pt));
            assert!(en != es && es != pt && pt != en, "{en} / {es} / {pt}");
        }
    }
}
