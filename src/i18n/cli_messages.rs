//! The words for what stops a command: usage, catalog, config and account-setup errors, in
//! English and Spanish. The command line picks the language once, at its edge; `Display` of the
//! catalog and config errors is the English text.

use std::fmt;

use crate::account::store::AccountError;
use crate::catalog::{CatalogError, MAX_CODE_CHARS};
use crate::cli::{AccountSetup, ChosenBy, CliError, TokenState, Usage};
use crate::config::ConfigError;
use crate::i18n::Lang;
use crate::state::StateError;
use crate::text::snippet;

/// A token file others can read (`mode` as the file's permission bits).
pub fn token_file_open(path: &str, mode: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "the token file {path} can be read by others (mode {mode:03o}); make it yours alone: chmod 600 {path}"
        ),
        Lang::Es => format!(
            "otros pueden leer el archivo del token {path} (modo {mode:03o}); déjalo solo para ti: chmod 600 {path}"
        ),
    }
}

/// Why `fetch --resume FILE` cannot go on.
fn resume_error(error: &crate::cli::ResumeError, lang: Lang) -> String {
    use crate::cli::{LineProblem, ResumeError};
    match (error, lang) {
        (ResumeError::Format, Lang::En) => {
            "--resume appends to the file, which a JSON array cannot take: use --format jsonl or csv"
                .to_owned()
        }
        (ResumeError::Format, Lang::Es) => {
            "--resume añade al archivo, y un array JSON no lo admite: usa --format jsonl o csv".to_owned()
        }
        (ResumeError::Io { path, error }, Lang::En) => format!("--resume {}: {error}", path.display()),
        (ResumeError::Io { path, error }, Lang::Es) => format!("--resume {}: {error}", path.display()),
        (ResumeError::Line { path, line, problem }, Lang::En) => {
            let reason = match problem {
                LineProblem::NotJson => "not a JSON line",
                LineProblem::NoIdOrCreatedAt => "an event with no id or created_at",
                LineProblem::NoIdColumn => "the CSV header has no id column",
                LineProblem::NoCreatedAtColumn => "the CSV header has no created_at column",
            };
            format!(
                "--resume {}, line {line}: {reason}; resume only from a file fetch wrote in the same --format",
                path.display()
            )
        }
        (ResumeError::Line { path, line, problem }, Lang::Es) => {
            let reason = match problem {
                LineProblem::NotJson => "no es una línea JSON",
                LineProblem::NoIdOrCreatedAt => "un evento sin id o sin created_at",
                LineProblem::NoIdColumn => "la cabecera CSV no tiene columna id",
                LineProblem::NoCreatedAtColumn => "la cabecera CSV no tiene columna created_at",
            };
            format!(
                "--resume {}, línea {line}: {reason}; reanuda solo desde un archivo que fetch escribió con el mismo --format",
                path.display()
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
            let fix = match lang {
                Lang::En => "(fix the file, or start with the defaults: --no-config)",
                Lang::Es => "(corrige el archivo, o empieza con los valores por defecto: --no-config)",
            };
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
        Usage::NoSavedSession => match lang {
            Lang::En => "--resume: no saved session yet; start without it".to_owned(),
            Lang::Es => "--resume: aún no hay una sesión guardada; empieza sin esa opción".to_owned(),
        },
        Usage::UnknownGroup { id, known } => {
            let (id, known) = (snippet(id, 60), known.join(", "));
            match lang {
                Lang::En => format!("unknown group {id:?} in --group; use one of: {known}"),
                Lang::Es => format!("el grupo {id:?} de --group no existe; usa uno de: {known}"),
            }
        }
        Usage::BaseUrl(error) => format!("--base-url: {}", error.message(lang)),
        Usage::Interval(seconds) => match lang {
            Lang::En => format!("--interval {seconds}: give seconds between 0 and 86400, e.g. 10"),
            Lang::Es => format!("--interval {seconds}: indica segundos entre 0 y 86400, p. ej. 10"),
        },
        Usage::Stdin(reason) => match lang {
            Lang::En => format!("decode -: standard input: {reason}"),
            Lang::Es => format!("decode -: entrada estándar: {reason}"),
        },
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
        return match lang {
            Lang::En => format!(
                "{source} {name}: named accounts are read from the config file, and --no-config sets it aside"
            ),
            Lang::Es => format!(
                "{source} {name}: las cuentas con nombre se leen del archivo de configuración, y --no-config lo deja de lado"
            ),
        };
    };
    let config = config.display();
    if known.is_empty() {
        return match lang {
            Lang::En => format!(
                "{source} {name}: {config} has no [accounts.NAME] sections — add one:\n  \
                 [accounts.{name}]\n  subdomain = \"{name}\"\n  token_file = \"~/.config/kommo-events/{name}.token\""
            ),
            Lang::Es => format!(
                "{source} {name}: {config} no tiene secciones [accounts.NOMBRE]; añade una:\n  \
                 [accounts.{name}]\n  subdomain = \"{name}\"\n  token_file = \"~/.config/kommo-events/{name}.token\""
            ),
        };
    }
    let known = known.join(", ");
    match lang {
        Lang::En => format!(
            "{source} {name}: no such account in {config}; its accounts are {known} (kommo-events account list)"
        ),
        Lang::Es => format!(
            "{source} {name}: esa cuenta no está en {config}; sus cuentas son {known} (kommo-events account list)"
        ),
    }
}

/// `account list` without any account.
pub fn no_accounts(config: Option<&str>, lang: Lang) -> String {
    let example =
        "[accounts.acme]\n  subdomain = \"acme\"\n  token_file = \"~/.config/kommo-events/acme.token\"";
    match (config, lang) {
        (None, Lang::En) => "no named accounts: --no-config sets the config file aside".to_string(),
        (None, Lang::Es) => {
            "no hay cuentas con nombre: --no-config deja de lado el archivo de configuración".to_string()
        }
        (Some(path), Lang::En) => format!("no named accounts in {path}; add one:\n  {example}"),
        (Some(path), Lang::Es) => format!("no hay cuentas con nombre en {path}; añade una:\n  {example}"),
    }
}

/// How `account list` says whether a token is found.
pub fn token_state(state: TokenState, lang: Lang) -> &'static str {
    match (state, lang) {
        (TokenState::Found, Lang::En) => "found",
        (TokenState::Found, Lang::Es) => "encontrado",
        (TokenState::FoundOpen, Lang::En) => "found, but others can read it (chmod 600)",
        (TokenState::FoundOpen, Lang::Es) => "encontrado, pero otros pueden leerlo (chmod 600)",
        (TokenState::Empty, Lang::En) => "no token in it",
        (TokenState::Empty, Lang::Es) => "no contiene un token",
        (TokenState::Missing, Lang::En) => "no such file",
        (TokenState::Missing, Lang::Es) => "el archivo no existe",
        (TokenState::Unreadable, Lang::En) => "cannot be read",
        (TokenState::Unreadable, Lang::Es) => "no se puede leer",
        (TokenState::NotSet, Lang::En) => "not set",
        (TokenState::NotSet, Lang::Es) => "no está definida",
    }
}

/// The last line of `account list`: which account is in use and what picked it.
pub fn account_in_use(name: &str, chosen_by: ChosenBy, lang: Lang) -> String {
    let source = chosen_by_source(chosen_by);
    match lang {
        Lang::En => format!("* in use: {name} (from {source})"),
        Lang::Es => format!("* en uso: {name} (por {source})"),
    }
}

/// `account use NAME` changed the config.
pub fn default_account_set(name: &str, config: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("default account: {name} (default_account in {config})"),
        Lang::Es => format!("cuenta por defecto: {name} (default_account en {config})"),
    }
}

/// `KOMMO_TOKEN` (or `--token-file`) is used instead of the named account's own token source.
pub fn token_overrides_account(winner: &str, account: &str, source: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{winner} wins over the {source} of account {account}; unset it to use the account's own token"
        ),
        Lang::Es => format!(
            "{winner} se usa en lugar del {source} de la cuenta {account}; quítalo para usar el token propio de la cuenta"
        ),
    }
}

fn account_setup(setup: AccountSetup, lang: Lang) -> String {
    let variable = crate::account::store::CACHE_DIR_ENV;
    match (setup, lang) {
        (AccountSetup::NoCacheToWrite, Lang::En) => {
            format!("no cache directory on this system; set {variable}")
        }
        (AccountSetup::NoCacheToWrite, Lang::Es) => {
            format!("este sistema no tiene directorio de caché; define {variable}")
        }
        (AccountSetup::NoCacheToRead, Lang::En) => {
            "no cache directory on this system; use --account-dir".to_owned()
        }
        (AccountSetup::NoCacheToRead, Lang::Es) => {
            "este sistema no tiene directorio de caché; usa --account-dir".to_owned()
        }
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
        (StateWarning::SessionNotLoaded, Lang::En) => "last session not loaded",
        (StateWarning::SessionNotLoaded, Lang::Es) => "no se cargó la última sesión",
        (StateWarning::SessionNotSaved, Lang::En) => "could not save the session",
        (StateWarning::SessionNotSaved, Lang::Es) => "no se pudo guardar la sesión",
    };
    let warning = match lang {
        Lang::En => "warning",
        Lang::Es => "advertencia",
    };
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
            (Account, Lang::En) => "Account",
            (Account, Lang::Es) => "Cuenta",
            (EventTypes, Lang::En) => "Event types",
            (EventTypes, Lang::Es) => "Tipos de evento",
            (Users, Lang::En) => "Users",
            (Users, Lang::Es) => "Usuarios",
            (Pipelines, Lang::En) => "Pipelines",
            (Pipelines, Lang::Es) => "Embudos",
            (Stages, Lang::En) => "Stages",
            (Stages, Lang::Es) => "Etapas",
            (CustomFields, Lang::En) => "Custom fields",
            (CustomFields, Lang::Es) => "Campos personalizados",
            (Catalogs, Lang::En) => "Catalogs",
            (Catalogs, Lang::Es) => "Catálogos",
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
            match lang {
                Lang::En => format!(
                    "{path}: expected the answer of GET {route} ({{\"_embedded\": {{\"{key}\": [...]}}}}), \
                     a list of such pages, or a list of items"
                ),
                Lang::Es => format!(
                    "{path}: se esperaba la respuesta de GET {route} ({{\"_embedded\": {{\"{key}\": \
                     [...]}}}}), una lista de esas páginas o una lista de elementos"
                ),
            }
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
        ConfigError::Unreadable { path, reason } => match lang {
            Lang::En => format!("{}: cannot read the config file: {reason}", path.display()),
            Lang::Es => format!("{}: no se puede leer el archivo de configuración: {reason}", path.display()),
        },
        ConfigError::Syntax { path, line, column, message } => {
            // toml quotes the offending text: a huge value must not be echoed whole.
            format!("{}:{line}:{column}: {}", path.display(), snippet(message, 300))
        }
        ConfigError::Value { path, line, column, key, value, expected } => {
            let value = snippet(value, 60);
            let at = format!("{}:{line}:{column}", path.display());
            match lang {
                Lang::En => format!("{at}: {key} = {value:?} is not valid; use {expected}"),
                Lang::Es => format!("{at}: {key} = {value:?} no es válido; usa {expected}"),
            }
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
    let en = lang == Lang::En;
    match error {
        Unreadable { source, reason } if en => format!("{source}: cannot read the catalog: {reason}"),
        Unreadable { source, reason } => format!("{source}: no se puede leer el catálogo: {reason}"),
        Directory { source } if en => {
            format!("{source}: is a directory; pass a catalog file (JSON) to --catalog")
        }
        Directory { source } => {
            format!("{source}: es un directorio; pasa un archivo de catálogo (JSON) a --catalog")
        }
        TooLarge { source, limit } => {
            let mib = limit / (1024 * 1024);
            if en {
                format!("{source}: the catalog is larger than {mib} MiB, far beyond any Kommo account; check the file")
            } else {
                format!("{source}: el catálogo pasa de {mib} MiB, mucho más que cualquier cuenta de Kommo; revisa el archivo")
            }
        }
        Empty { source } if en => format!(
            "{source}: the file is empty; expected a kommo-events catalog or the saved answer of \
             GET /api/v4/events/types"
        ),
        Empty { source } => format!(
            "{source}: el archivo está vacío; se esperaba un catálogo de kommo-events o la respuesta \
             guardada de GET /api/v4/events/types"
        ),
        NotUtf8 { source, place } if en => {
            format!("{}: the file is not UTF-8 text; save it as UTF-8", at(source, place))
        }
        NotUtf8 { source, place } => {
            format!("{}: el archivo no es texto UTF-8; guárdalo como UTF-8", at(source, place))
        }
        Syntax { source, place, message } => format!("{}: {}", at(source, place), snippet(message, 300)),
        UnknownFormat { source } if en => format!(
            "{source}: not a catalog: expected \"version\" and \"events\" (the assets/events.json \
             schema) or \"_embedded\".\"events_types\" (Kommo's GET /api/v4/events/types answer)"
        ),
        UnknownFormat { source } => format!(
            "{source}: no es un catálogo: se esperaba \"version\" y \"events\" (el esquema de \
             assets/events.json) o \"_embedded\".\"events_types\" (la respuesta de Kommo a GET \
             /api/v4/events/types)"
        ),
        UnsupportedVersion { source, version } if en => {
            format!("{source}: catalog version {version} is not supported; use \"version\": 1")
        }
        UnsupportedVersion { source, version } => {
            format!("{source}: la versión {version} del catálogo no está soportada; usa \"version\": 1")
        }
        NoEvents { source } if en => format!("{source}: the catalog holds no event types"),
        NoEvents { source } => format!("{source}: el catálogo no tiene tipos de evento"),
        DuplicateCode { source, place, code } => {
            let (at, code) = (at(source, place), short(code));
            match lang {
                Lang::En => format!("{at}: event code {code:?} appears twice in this file; keep one entry per code"),
                Lang::Es => format!(
                    "{at}: el código de evento {code:?} aparece dos veces en este archivo; deja una entrada por código"
                ),
            }
        }
        DuplicateGroup { source, place, id } => {
            let (at, id) = (at(source, place), short(id));
            match lang {
                Lang::En => format!("{at}: group id {id:?} appears twice; keep one entry per group"),
                Lang::Es => {
                    format!("{at}: el id de grupo {id:?} aparece dos veces; deja una entrada por grupo")
                }
            }
        }
        UnknownGroup { source, place, code, group } => {
            let (at, code, group) = (at(source, place), short(code), short(group));
            match lang {
                Lang::En => format!(
                    "{at}: event {code:?} names group {group:?}, which is neither in \"groups\" nor built in; \
                     add it or fix the name"
                ),
                Lang::Es => format!(
                    "{at}: el evento {code:?} nombra el grupo {group:?}, que no está en \"groups\" ni viene \
                     incluido; agrégalo o corrige el nombre"
                ),
            }
        }
        EmptyField { source, place, code, field } => {
            let (at, code) = (at(source, place), short(code));
            match lang {
                Lang::En => format!("{at}: event {code:?} has an empty {field:?}; fill it in"),
                Lang::Es => format!("{at}: el evento {code:?} tiene {field:?} vacío; complétalo"),
            }
        }
        InvalidCode { source, place, code } => {
            let (at, code, most) = (at(source, place), short(code), MAX_CODE_CHARS);
            match lang {
                Lang::En => format!(
                    "{at}: event code {code:?} is not a Kommo code (letters, digits and _ only, at most {most} \
                     characters)"
                ),
                Lang::Es => format!(
                    "{at}: el código de evento {code:?} no es un código de Kommo (solo letras, dígitos y _, \
                     como máximo {most} caracteres)"
                ),
            }
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
    }
}
