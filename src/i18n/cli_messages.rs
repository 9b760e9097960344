//! The words for what stops a command: usage, catalog, config and account-setup errors, in
//! English, Spanish and Portuguese. The command line picks the language once, at its edge;
//! `Display` of the catalog and config errors is the English text.

use std::fmt;

use crate::account::store::AccountError;
use crate::catalog::{CatalogError, MAX_CODE_CHARS};
use crate::cli::{AccountSetup, ChosenBy, CliError, TokenState, Usage};
use crate::config::ConfigError;
use crate::i18n::{pick, pick_str, Lang};
use crate::state::StateError;
use crate::text::snippet;

/// A token file others can read (`mode` as the file's permission bits).
pub fn token_file_open(path: &str, mode: u32, lang: Lang) -> String {
    pick(
        lang,
        format!("the token file {path} can be read by others (mode {mode:03o}); make it yours alone: chmod 600 {path}"),
        format!("otros pueden leer el archivo del token {path} (modo {mode:03o}); déjalo solo para ti: chmod 600 {path}"),
        format!("outros podem ler o arquivo do token {path} (modo {mode:03o}); deixe-o só para você: chmod 600 {path}"),
    )
}

/// Why `fetch --resume FILE` cannot go on.
fn resume_error(error: &crate::cli::ResumeError, lang: Lang) -> String {
    use crate::cli::{LineProblem, ResumeError};
    match error {
        ResumeError::Format => pick_str(
            lang,
            "--resume appends to the file, which a JSON array cannot take: use --format jsonl or csv",
            "--resume añade al archivo, y un array JSON no lo admite: usa --format jsonl o csv",
            "--resume acrescenta ao arquivo, e um array JSON não aceita isso: use --format jsonl ou csv",
        ),
        ResumeError::Io { path, error } => format!("--resume {}: {error}", path.display()),
        ResumeError::Line { path, line, problem } => {
            let reason = match (problem, lang) {
                (LineProblem::NotJson, Lang::En) => "not a JSON line",
                (LineProblem::NotJson, Lang::Es) => "no es una línea JSON",
                (LineProblem::NotJson, Lang::Pt) => "não é uma linha JSON",
                (LineProblem::NoIdOrCreatedAt, Lang::En) => "an event with no id or created_at",
                (LineProblem::NoIdOrCreatedAt, Lang::Es) => "un evento sin id o sin created_at",
                (LineProblem::NoIdOrCreatedAt, Lang::Pt) => "um evento sem id ou sem created_at",
                (LineProblem::NoIdColumn, Lang::En) => "the CSV header has no id column",
                (LineProblem::NoIdColumn, Lang::Es) => "la cabecera CSV no tiene columna id",
                (LineProblem::NoIdColumn, Lang::Pt) => "o cabeçalho CSV não tem coluna id",
                (LineProblem::NoCreatedAtColumn, Lang::En) => "the CSV header has no created_at column",
                (LineProblem::NoCreatedAtColumn, Lang::Es) => "la cabecera CSV no tiene columna created_at",
                (LineProblem::NoCreatedAtColumn, Lang::Pt) => "o cabeçalho CSV não tem coluna created_at",
            };
            let path = path.display();
            pick(
                lang,
                format!("--resume {path}, line {line}: {reason}; resume only from a file fetch wrote in the same --format"),
                format!("--resume {path}, línea {line}: {reason}; reanuda solo desde un archivo que fetch escribió con el mismo --format"),
                format!("--resume {path}, linha {line}: {reason}; retome só a partir de um arquivo que o fetch escreveu com o mesmo --format"),
            )
        }
    }
}

/// The whole message for a failure, without the `kommo-events: ` prefix.
pub fn error(error: &CliError, lang: Lang) -> String {
    match error {
        CliError::Usage(usage) => usage_error(usage, lang),
        CliError::Catalog(error) => catalog_error(error, lang),
        CliError::Config(error) => {
            let fix = pick_str(
                lang,
                "(fix the file, or start with the defaults: --no-config)",
                "(corrige el archivo, o empieza con los valores por defecto: --no-config)",
                "(corrija o arquivo, ou comece com os valores padrão: --no-config)",
            );
            format!("{}\n{fix}", config_error(error, lang))
        }
        CliError::Account(setup) => account_setup(*setup, lang),
        CliError::Io(error) => error.to_string(),
    }
}

fn usage_error(usage: &Usage, lang: Lang) -> String {
    match usage {
        Usage::Resume(error) => resume_error(error, lang),
        Usage::NoTerminal => lang.texts().no_terminal.trim_start_matches("kommo-events: ").to_owned(),
        Usage::NoSavedSession => pick_str(
            lang,
            "--resume: no saved session yet; start without it",
            "--resume: aún no hay una sesión guardada; empieza sin esa opción",
            "--resume: ainda não há uma sessão salva; comece sem essa opção",
        ),
        Usage::UnknownGroup { id, known } => {
            let (id, known) = (snippet(id, 60), known.join(", "));
            pick(
                lang,
                format!("unknown group {id:?} in --group; use one of: {known}"),
                format!("el grupo {id:?} de --group no existe; usa uno de: {known}"),
                format!("o grupo {id:?} de --group não existe; use um de: {known}"),
            )
        }
        Usage::BaseUrl(error) => format!("--base-url: {}", error.message(lang)),
        Usage::Interval(seconds) => pick(
            lang,
            format!("--interval {seconds}: give seconds between 0 and 86400, e.g. 10"),
            format!("--interval {seconds}: indica segundos entre 0 y 86400, p. ej. 10"),
            format!("--interval {seconds}: informe segundos entre 0 e 86400, p. ex. 10"),
        ),
        Usage::Stdin(reason) => pick(
            lang,
            format!("decode -: standard input: {reason}"),
            format!("decode -: entrada estándar: {reason}"),
            format!("decode -: entrada padrão: {reason}"),
        ),
        Usage::UnknownAccount { name, chosen_by, known, config } => {
            unknown_account(name, *chosen_by, known, config.as_deref(), lang)
        }
    }
}

/// Where an account name came from, as the user wrote it.
fn chosen_by_source(chosen_by: ChosenBy) -> &'static str {
    match chosen_by {
        ChosenBy::Flag => "--account",
        ChosenBy::Environment => crate::config::ACCOUNT_ENV,
        ChosenBy::Default => "default_account",
    }
}

fn unknown_account(
    name: &str,
    chosen_by: ChosenBy,
    known: &[String],
    config: Option<&std::path::Path>,
    lang: Lang,
) -> String {
    let source = chosen_by_source(chosen_by);
    let name = snippet(name, 40);
    let Some(config) = config else {
        return pick(
            lang,
            format!("{source} {name}: named accounts are read from the config file, and --no-config sets it aside"),
            format!("{source} {name}: las cuentas con nombre se leen del archivo de configuración, y --no-config lo deja de lado"),
            format!("{source} {name}: as contas com nome são lidas do arquivo de configuração, e --no-config o deixa de lado"),
        );
    };
    let config = config.display();
    if known.is_empty() {
        let example = format!(
            "[accounts.{name}]\n  subdomain = \"{name}\"\n  token_file = \"~/.config/kommo-events/{name}.token\""
        );
        return pick(
            lang,
            format!("{source} {name}: {config} has no [accounts.NAME] sections — add one:\n  {example}"),
            format!(
                "{source} {name}: {config} no tiene secciones [accounts.NOMBRE]; añade una:\n  {example}"
            ),
            format!("{source} {name}: {config} não tem seções [accounts.NOME]; adicione uma:\n  {example}"),
        );
    }
    let known = known.join(", ");
    pick(
        lang,
        format!("{source} {name}: no such account in {config}; its accounts are {known} (kommo-events account list)"),
        format!("{source} {name}: esa cuenta no está en {config}; sus cuentas son {known} (kommo-events account list)"),
        format!("{source} {name}: essa conta não está em {config}; as contas do arquivo são {known} (kommo-events account list)"),
    )
}

/// `account list` without any account.
pub fn no_accounts(config: Option<&str>, lang: Lang) -> String {
    let example =
        "[accounts.acme]\n  subdomain = \"acme\"\n  token_file = \"~/.config/kommo-events/acme.token\"";
    match config {
        None => pick_str(
            lang,
            "no named accounts: --no-config sets the config file aside",
            "no hay cuentas con nombre: --no-config deja de lado el archivo de configuración",
            "não há contas com nome: --no-config deixa de lado o arquivo de configuração",
        ),
        Some(path) => pick(
            lang,
            format!("no named accounts in {path}; add one:\n  {example}"),
            format!("no hay cuentas con nombre en {path}; añade una:\n  {example}"),
            format!("não há contas com nome em {path}; adicione uma:\n  {example}"),
        ),
    }
}

/// How `account list` says whether a token is found.
pub fn token_state(state: TokenState, lang: Lang) -> &'static str {
    match (state, lang) {
        (TokenState::Found, Lang::En) => "found",
        (TokenState::Found, Lang::Es) => "encontrado",
        (TokenState::Found, Lang::Pt) => "encontrado",
        (TokenState::FoundOpen, Lang::En) => "found, but others can read it (chmod 600)",
        (TokenState::FoundOpen, Lang::Es) => "encontrado, pero otros pueden leerlo (chmod 600)",
        (TokenState::FoundOpen, Lang::Pt) => "encontrado, mas outros podem lê-lo (chmod 600)",
        (TokenState::Empty, Lang::En) => "no token in it",
        (TokenState::Empty, Lang::Es) => "no contiene un token",
        (TokenState::Empty, Lang::Pt) => "não contém um token",
        (TokenState::Missing, Lang::En) => "no such file",
        (TokenState::Missing, Lang::Es) => "el archivo no existe",
        (TokenState::Missing, Lang::Pt) => "o arquivo não existe",
        (TokenState::Unreadable, Lang::En) => "cannot be read",
        (TokenState::Unreadable, Lang::Es) => "no se puede leer",
        (TokenState::Unreadable, Lang::Pt) => "não pode ser lido",
        (TokenState::NotSet, Lang::En) => "not set",
        (TokenState::NotSet, Lang::Es) => "no está definida",
        (TokenState::NotSet, Lang::Pt) => "não está definida",
    }
}

/// The last line of `account list`: which account is in use and what picked it.
pub fn account_in_use(name: &str, chosen_by: ChosenBy, lang: Lang) -> String {
    let source = chosen_by_source(chosen_by);
    pick(
        lang,
        format!("* in use: {name} (from {source})"),
        format!("* en uso: {name} (por {source})"),
        format!("* em uso: {name} (por {source})"),
    )
}

/// `account use NAME` changed the config.
pub fn default_account_set(name: &str, config: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("default account: {name} (default_account in {config})"),
        format!("cuenta por defecto: {name} (default_account en {config})"),
        format!("conta padrão: {name} (default_account em {config})"),
    )
}

/// `KOMMO_TOKEN` (or `--token-file`) is used instead of the named account's own token source.
pub fn token_overrides_account(winner: &str, account: &str, source: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("{winner} wins over the {source} of account {account}; unset it to use the account's own token"),
        format!("{winner} se usa en lugar del {source} de la cuenta {account}; quítalo para usar el token propio de la cuenta"),
        format!("{winner} é usado no lugar do {source} da conta {account}; remova-o para usar o token próprio da conta"),
    )
}

fn account_setup(setup: AccountSetup, lang: Lang) -> String {
    let variable = crate::account::store::CACHE_DIR_ENV;
    match setup {
        AccountSetup::NoCacheToWrite => pick(
            lang,
            format!("no cache directory on this system; set {variable}"),
            format!("este sistema no tiene directorio de caché; define {variable}"),
            format!("este sistema não tem diretório de cache; defina {variable}"),
        ),
        AccountSetup::NoCacheToRead => pick_str(
            lang,
            "no cache directory on this system; use --account-dir",
            "este sistema no tiene directorio de caché; usa --account-dir",
            "este sistema não tem diretório de cache; use --account-dir",
        ),
    }
}

/// What the saved state could not do; the screen starts (or ends) anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateWarning {
    HistoryNotLoaded,
    SessionNotLoaded,
    SessionNotSaved,
}

/// A warning about the saved state, with the file and why.
pub fn state_warning(which: StateWarning, error: &StateError, lang: Lang) -> String {
    let what = match (which, lang) {
        (StateWarning::HistoryNotLoaded, Lang::En) => "recent queries not loaded",
        (StateWarning::HistoryNotLoaded, Lang::Es) => "no se cargaron las consultas recientes",
        (StateWarning::HistoryNotLoaded, Lang::Pt) => "as consultas recentes não foram carregadas",
        (StateWarning::SessionNotLoaded, Lang::En) => "last session not loaded",
        (StateWarning::SessionNotLoaded, Lang::Es) => "no se cargó la última sesión",
        (StateWarning::SessionNotLoaded, Lang::Pt) => "a última sessão não foi carregada",
        (StateWarning::SessionNotSaved, Lang::En) => "could not save the session",
        (StateWarning::SessionNotSaved, Lang::Es) => "no se pudo guardar la sesión",
        (StateWarning::SessionNotSaved, Lang::Pt) => "não foi possível salvar a sessão",
    };
    let warning = pick_str(lang, "warning", "advertencia", "aviso");
    format!("{warning}: {what}: {error}")
}

/// The words of `account show`: its headings, and the names of what it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountWord {
    Directory,
    Account,
    EventTypes,
    Users,
    Pipelines,
    Stages,
    CustomFields,
    Catalogs,
}

impl AccountWord {
    /// The word as a heading: `Custom fields`, `Campos personalizados`.
    pub fn heading(self, lang: Lang) -> &'static str {
        use AccountWord::*;
        match (self, lang) {
            (Directory, Lang::En) => "Directory",
            (Directory, Lang::Es) => "Directorio",
            (Directory, Lang::Pt) => "Diretório",
            (Account, Lang::En) => "Account",
            (Account, Lang::Es) => "Cuenta",
            (Account, Lang::Pt) => "Conta",
            (EventTypes, Lang::En) => "Event types",
            (EventTypes, Lang::Es | Lang::Pt) => "Tipos de evento",
            (Users, Lang::En) => "Users",
            (Users, Lang::Es) => "Usuarios",
            (Users, Lang::Pt) => "Usuários",
            (Pipelines, Lang::En) => "Pipelines",
            (Pipelines, Lang::Es) => "Embudos",
            (Pipelines, Lang::Pt) => "Funis",
            (Stages, Lang::En) => "Stages",
            (Stages, Lang::Es | Lang::Pt) => "Etapas",
            (CustomFields, Lang::En) => "Custom fields",
            (CustomFields, Lang::Es | Lang::Pt) => "Campos personalizados",
            (Catalogs, Lang::En) => "Catalogs",
            (Catalogs, Lang::Es | Lang::Pt) => "Catálogos",
        }
    }

    /// The word inside a sentence, lowercase: `custom fields`, `campos personalizados`.
    pub fn counted(self, lang: Lang) -> String {
        self.heading(lang).to_lowercase()
    }
}

/// Why the account's names could not be read or saved, with the file.
pub fn account_error(error: &AccountError, lang: Lang) -> String {
    match error {
        AccountError::File(error) => error.to_string(),
        AccountError::NotAnAnswer { path, part } => {
            let (path, route, key) = (path.display(), part.route(), part.key());
            let shape = format!("{{\"_embedded\": {{\"{key}\": [...]}}}}");
            pick(
                lang,
                format!("{path}: expected the answer of GET {route} ({shape}), a list of such pages, or a list of items"),
                format!("{path}: se esperaba la respuesta de GET {route} ({shape}), una lista de esas páginas o una lista de elementos"),
                format!("{path}: esperava-se a resposta de GET {route} ({shape}), uma lista dessas páginas ou uma lista de itens"),
            )
        }
        AccountError::BadItem { path, reason } => format!("{}: {}", path.display(), snippet(reason, 300)),
    }
}

impl fmt::Display for AccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&account_error(self, Lang::En))
    }
}

/// Why the config file cannot be used, with the place.
pub fn config_error(error: &ConfigError, lang: Lang) -> String {
    match error {
        ConfigError::Unreadable { path, reason } => {
            let path = path.display();
            pick(
                lang,
                format!("{path}: cannot read the config file: {reason}"),
                format!("{path}: no se puede leer el archivo de configuración: {reason}"),
                format!("{path}: não é possível ler o arquivo de configuração: {reason}"),
            )
        }
        ConfigError::Syntax { path, line, column, message } => {
            // toml quotes the offending text: a huge value must not be echoed whole.
            format!("{}:{line}:{column}: {}", path.display(), snippet(message, 300))
        }
        ConfigError::Value { path, line, column, key, value, expected } => {
            let value = snippet(value, 60);
            let at = format!("{}:{line}:{column}", path.display());
            pick(
                lang,
                format!("{at}: {key} = {value:?} is not valid; use {expected}"),
                format!("{at}: {key} = {value:?} no es válido; usa {expected}"),
                format!("{at}: {key} = {value:?} não é válido; use {expected}"),
            )
        }
    }
}

/// A value from a catalog file, quoted short and printable: a catalog is untrusted input.
fn short(text: &str) -> String {
    snippet(text, 80)
}

/// Why a catalog file cannot be used, with the file and, where one place is to blame, its line
/// and column.
pub fn catalog_error(error: &CatalogError, lang: Lang) -> String {
    use CatalogError::*;
    let at =
        |source: &str, place: &crate::catalog::Place| format!("{source}:{}:{}", place.line, place.column);
    match error {
        Unreadable { source, reason } => pick(
            lang,
            format!("{source}: cannot read the catalog: {reason}"),
            format!("{source}: no se puede leer el catálogo: {reason}"),
            format!("{source}: não é possível ler o catálogo: {reason}"),
        ),
        Directory { source } => pick(
            lang,
            format!("{source}: is a directory; pass a catalog file (JSON) to --catalog"),
            format!("{source}: es un directorio; pasa un archivo de catálogo (JSON) a --catalog"),
            format!("{source}: é um diretório; passe um arquivo de catálogo (JSON) para --catalog"),
        ),
        TooLarge { source, limit } => {
            let mib = limit / (1024 * 1024);
            pick(
                lang,
                format!("{source}: the catalog is larger than {mib} MiB, far beyond any Kommo account; check the file"),
                format!("{source}: el catálogo pasa de {mib} MiB, mucho más que cualquier cuenta de Kommo; revisa el archivo"),
                format!("{source}: o catálogo passa de {mib} MiB, muito mais que qualquer conta da Kommo; confira o arquivo"),
            )
        }
        Empty { source } => pick(
            lang,
            format!(
                "{source}: the file is empty; expected a kommo-events catalog or the saved answer of \
                 GET /api/v4/events/types"
            ),
            format!(
                "{source}: el archivo está vacío; se esperaba un catálogo de kommo-events o la respuesta \
                 guardada de GET /api/v4/events/types"
            ),
            format!(
                "{source}: o arquivo está vazio; esperava-se um catálogo do kommo-events ou a resposta \
                 salva de GET /api/v4/events/types"
            ),
        ),
        NotUtf8 { source, place } => {
            let at = at(source, place);
            pick(
                lang,
                format!("{at}: the file is not UTF-8 text; save it as UTF-8"),
                format!("{at}: el archivo no es texto UTF-8; guárdalo como UTF-8"),
                format!("{at}: o arquivo não é texto UTF-8; salve-o como UTF-8"),
            )
        }
        Syntax { source, place, message } => format!("{}: {}", at(source, place), snippet(message, 300)),
        UnknownFormat { source } => pick(
            lang,
            format!(
                "{source}: not a catalog: expected \"version\" and \"events\" (the assets/events.json \
                 schema) or \"_embedded\".\"events_types\" (Kommo's GET /api/v4/events/types answer)"
            ),
            format!(
                "{source}: no es un catálogo: se esperaba \"version\" y \"events\" (el esquema de \
                 assets/events.json) o \"_embedded\".\"events_types\" (la respuesta de Kommo a GET \
                 /api/v4/events/types)"
            ),
            format!(
                "{source}: não é um catálogo: esperava-se \"version\" e \"events\" (o esquema de \
                 assets/events.json) ou \"_embedded\".\"events_types\" (a resposta da Kommo a GET \
                 /api/v4/events/types)"
            ),
        ),
        UnsupportedVersion { source, version } => pick(
            lang,
            format!("{source}: catalog version {version} is not supported; use \"version\": 1"),
            format!("{source}: la versión {version} del catálogo no está soportada; usa \"version\": 1"),
            format!("{source}: a versão {version} do catálogo não é suportada; use \"version\": 1"),
        ),
        NoEvents { source } => pick(
            lang,
            format!("{source}: the catalog holds no event types"),
            format!("{source}: el catálogo no tiene tipos de evento"),
            format!("{source}: o catálogo não tem tipos de evento"),
        ),
        DuplicateCode { source, place, code } => {
            let (at, code) = (at(source, place), short(code));
            pick(
                lang,
                format!("{at}: event code {code:?} appears twice in this file; keep one entry per code"),
                format!("{at}: el código de evento {code:?} aparece dos veces en este archivo; deja una entrada por código"),
                format!("{at}: o código de evento {code:?} aparece duas vezes neste arquivo; deixe uma entrada por código"),
            )
        }
        DuplicateGroup { source, place, id } => {
            let (at, id) = (at(source, place), short(id));
            pick(
                lang,
                format!("{at}: group id {id:?} appears twice; keep one entry per group"),
                format!("{at}: el id de grupo {id:?} aparece dos veces; deja una entrada por grupo"),
                format!("{at}: o id de grupo {id:?} aparece duas vezes; deixe uma entrada por grupo"),
            )
        }
        UnknownGroup { source, place, code, group } => {
            let (at, code, group) = (at(source, place), short(code), short(group));
            pick(
                lang,
                format!(
                    "{at}: event {code:?} names group {group:?}, which is neither in \"groups\" nor built in; \
                     add it or fix the name"
                ),
                format!(
                    "{at}: el evento {code:?} nombra el grupo {group:?}, que no está en \"groups\" ni viene \
                     incluido; agrégalo o corrige el nombre"
                ),
                format!(
                    "{at}: o evento {code:?} cita o grupo {group:?}, que não está em \"groups\" nem vem \
                     incluído; adicione-o ou corrija o nome"
                ),
            )
        }
        EmptyField { source, place, code, field } => {
            let (at, code) = (at(source, place), short(code));
            pick(
                lang,
                format!("{at}: event {code:?} has an empty {field:?}; fill it in"),
                format!("{at}: el evento {code:?} tiene {field:?} vacío; complétalo"),
                format!("{at}: o evento {code:?} tem {field:?} vazio; preencha-o"),
            )
        }
        InvalidCode { source, place, code } => {
            let (at, code, most) = (at(source, place), short(code), MAX_CODE_CHARS);
            pick(
                lang,
                format!(
                    "{at}: event code {code:?} is not a Kommo code (letters, digits and _ only, at most {most} \
                     characters)"
                ),
                format!(
                    "{at}: el código de evento {code:?} no es un código de Kommo (solo letras, dígitos y _, \
                     como máximo {most} caracteres)"
                ),
                format!(
                    "{at}: o código de evento {code:?} não é um código da Kommo (só letras, dígitos e _, \
                     no máximo {most} caracteres)"
                ),
            )
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&catalog_error(self, Lang::En))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&config_error(self, Lang::En))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&error(self, Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Place;

    #[test]
    fn catalog_errors_name_the_place_in_both_languages() {
        let error = CatalogError::DuplicateCode {
            source: "extra.json".into(),
            place: Place { line: 3, column: 5 },
            code: "lead_added".into(),
        };
        assert_eq!(
            catalog_error(&error, Lang::En),
            "extra.json:3:5: event code \"lead_added\" appears twice in this file; keep one entry per code"
        );
        assert!(catalog_error(&error, Lang::Es)
            .starts_with("extra.json:3:5: el código de evento \"lead_added\" aparece dos veces"));
        assert_eq!(error.to_string(), catalog_error(&error, Lang::En));
    }

    #[test]
    fn usage_errors_speak_the_users_language() {
        let group = CliError::Usage(Usage::UnknownGroup {
            id: "leads".into(),
            known: vec!["lead".into(), "task".into()],
        });
        assert_eq!(error(&group, Lang::En), "unknown group \"leads\" in --group; use one of: lead, task");
        assert_eq!(
            error(&group, Lang::Es),
            "el grupo \"leads\" de --group no existe; usa uno de: lead, task"
        );
        assert_eq!(group.exit_code(), 2);
        assert_eq!(CliError::Io(std::io::Error::other("disk full")).exit_code(), 1);
    }

    #[test]
    fn an_account_file_of_the_wrong_shape_says_what_was_expected() {
        let error =
            AccountError::NotAnAnswer { path: "dir/users.json".into(), part: crate::account::Part::Users };
        assert_eq!(
            account_error(&error, Lang::En),
            "dir/users.json: expected the answer of GET /api/v4/users ({\"_embedded\": {\"users\": [...]}}), a list of such pages, or a list of items"
        );
        assert!(account_error(&error, Lang::Es)
            .starts_with("dir/users.json: se esperaba la respuesta de GET /api/v4/users"));
    }

    #[test]
    fn a_config_error_ends_with_the_way_out() {
        let broken =
            CliError::Config(ConfigError::Unreadable { path: "/etc/k.toml".into(), reason: "denied".into() });
        assert!(error(&broken, Lang::Es).ends_with("--no-config)"));
        assert!(error(&broken, Lang::Es).contains("no se puede leer el archivo de configuración"));
        assert!(error(&broken, Lang::Pt).contains("não é possível ler o arquivo de configuração"));
    }
}
