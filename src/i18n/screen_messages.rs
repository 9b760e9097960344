//! The screen's texts that take arguments, one typed function each, English beside Spanish and
//! Portuguese: a caller cannot forget an argument or fill the wrong one, and counts get the right
//! number ("1 page", "2 pages"; "1 página", "2 páginas").

use crate::i18n::{count, pick, Lang};
use crate::tui::clipboard::ClipboardError;

const EVENTS: [(&str, &str); 3] = [("event", "events"), ("evento", "eventos"), ("evento", "eventos")];

/// A value filter kept on its row but left out of the query; `types` are the ones it needs.
pub fn not_applied(types: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("kept, not applied: needs one of {types}"),
        format!("se conserva, no se aplica: requiere uno de {types}"),
        format!("mantido, não aplicado: requer um de {types}"),
    )
}

/// Rows of the composer below its pane's edge.
pub fn more_rows(hidden: usize, lang: Lang) -> String {
    pick(lang, format!("↓ {hidden} more"), format!("↓ {hidden} más"), format!("↓ mais {hidden}"))
}

/// Chips of the Types row past its right edge.
pub fn more_chips(hidden: usize, lang: Lang) -> String {
    pick(lang, format!("+{hidden} more"), format!("+{hidden} más"), format!("+{hidden} mais"))
}

/// Lines of the help below its box's edge.
pub fn help_scroll(hidden: usize, lang: Lang) -> String {
    match (lang, hidden) {
        (Lang::En, 1) => "↓ 1 more line".to_owned(),
        (Lang::En, n) => format!("↓ {n} more lines"),
        (Lang::Es, 1) => "↓ 1 línea más".to_owned(),
        (Lang::Es, n) => format!("↓ {n} líneas más"),
        (Lang::Pt, 1) => "↓ mais 1 linha".to_owned(),
        (Lang::Pt, n) => format!("↓ mais {n} linhas"),
    }
}

/// The terminal is smaller than the screen needs: `needed` and `has` are (columns, rows).
pub fn too_small(needed: (u16, u16), has: (u16, u16), lang: Lang) -> String {
    let (w, h, cw, ch) = (needed.0, needed.1, has.0, has.1);
    pick(
        lang,
        format!("Terminal too small: needs at least {w}x{h}, this is {cw}x{ch}."),
        format!("Terminal demasiado pequeña: necesita al menos {w}x{h}, esta mide {cw}x{ch}."),
        format!("Terminal pequeno demais: precisa de pelo menos {w}x{h}, este mede {cw}x{ch}."),
    )
}

/// Why nothing was copied or read, as one short clause (no sentence of its own around it).
pub fn clipboard_reason(error: &ClipboardError, lang: Lang) -> String {
    let seconds = crate::tui::clipboard::NATIVE_TIMEOUT.as_secs();
    let (english, spanish, portuguese) = match error {
        ClipboardError::Disabled => (
            "the clipboard is off (KOMMO_EVENTS_CLIPBOARD=off)".to_owned(),
            "el portapapeles está desactivado (KOMMO_EVENTS_CLIPBOARD=off)".to_owned(),
            "a área de transferência está desativada (KOMMO_EVENTS_CLIPBOARD=off)".to_owned(),
        ),
        ClipboardError::NoSystemClipboard => (
            "no system clipboard here (SSH or no display)".to_owned(),
            "no hay portapapeles del sistema aquí (SSH o sin pantalla)".to_owned(),
            "não há área de transferência do sistema aqui (SSH ou sem tela)".to_owned(),
        ),
        ClipboardError::NoDisplay => (
            "DISPLAY is not set".to_owned(),
            "DISPLAY no está definido".to_owned(),
            "DISPLAY não está definido".to_owned(),
        ),
        ClipboardError::NotReadable => (
            "this clipboard can be written, not read".to_owned(),
            "en este portapapeles se escribe, no se lee".to_owned(),
            "nesta área de transferência se escreve, não se lê".to_owned(),
        ),
        ClipboardError::Empty => (
            "the clipboard is empty".to_owned(),
            "el portapapeles está vacío".to_owned(),
            "a área de transferência está vazia".to_owned(),
        ),
        ClipboardError::Stopped => (
            "the clipboard stopped working".to_owned(),
            "el portapapeles dejó de funcionar".to_owned(),
            "a área de transferência parou de funcionar".to_owned(),
        ),
        ClipboardError::Unavailable(reason) => (
            format!("the system clipboard refused: {reason}"),
            format!("el portapapeles del sistema se negó: {reason}"),
            format!("a área de transferência do sistema recusou: {reason}"),
        ),
        ClipboardError::TimedOut => (
            format!("the system clipboard did not answer within {seconds}s"),
            format!("el portapapeles del sistema no respondió en {seconds} s"),
            format!("a área de transferência do sistema não respondeu em {seconds} s"),
        ),
        ClipboardError::Terminal(reason) => (
            format!("could not write to the terminal ({reason})"),
            format!("no se pudo escribir en la terminal ({reason})"),
            format!("não foi possível escrever no terminal ({reason})"),
        ),
    };
    pick(lang, english, spanish, portuguese)
}

pub fn toast_clipboard_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Could not copy: {reason}. Enter prints the query instead."),
        format!("No se pudo copiar: {reason}. Enter imprime la consulta."),
        format!("Não foi possível copiar: {reason}. Enter imprime a consulta."),
    )
}

/// Alt-C could not copy the code; the code is shown so it can be copied by hand.
pub fn toast_code_not_copied(code: &str, reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("{code} (could not copy: {reason})"),
        format!("{code} (no se pudo copiar: {reason})"),
        format!("{code} (não foi possível copiar: {reason})"),
    )
}

/// A fixed entity as the Entity picker lists it.
pub fn entity_label(entity: crate::filter::Entity, lang: Lang) -> &'static str {
    use crate::filter::Entity;
    match (entity, lang) {
        (Entity::Lead, Lang::En) => "Leads",
        (Entity::Lead, Lang::Es | Lang::Pt) => "Leads",
        (Entity::Contact, Lang::En) => "Contacts",
        (Entity::Contact, Lang::Es) => "Contactos",
        (Entity::Contact, Lang::Pt) => "Contatos",
        (Entity::Company, Lang::En) => "Companies",
        (Entity::Company, Lang::Es | Lang::Pt) => "Empresas",
        (Entity::Task, Lang::En) => "Tasks",
        (Entity::Task, Lang::Es) => "Tareas",
        (Entity::Task, Lang::Pt) => "Tarefas",
        (Entity::Customer, Lang::En) => "Customers (amoCRM)",
        (Entity::Customer, Lang::Es | Lang::Pt) => "Clientes (amoCRM)",
        (Entity::Catalog(_), Lang::En) => "Catalog elements",
        (Entity::Catalog(_), Lang::Es | Lang::Pt) => "Elementos de catálogo",
    }
}

/// A value of `with` as the With picker lists it.
pub fn with_label(with: crate::filter::WithName, lang: Lang) -> &'static str {
    use crate::filter::WithName;
    match (with, lang) {
        (WithName::ContactName, Lang::En) => "The contact's name",
        (WithName::ContactName, Lang::Es) => "Nombre del contacto",
        (WithName::ContactName, Lang::Pt) => "Nome do contato",
        (WithName::LeadName, Lang::En) => "The lead's name",
        (WithName::LeadName, Lang::Es) => "Nombre del lead",
        (WithName::LeadName, Lang::Pt) => "Nome do lead",
        (WithName::CompanyName, Lang::En) => "The company's name",
        (WithName::CompanyName, Lang::Es) => "Nombre de la empresa",
        (WithName::CompanyName, Lang::Pt) => "Nome da empresa",
        (WithName::CatalogName, Lang::En) => "The catalog's name",
        (WithName::CatalogName, Lang::Es) => "Nombre del catálogo",
        (WithName::CatalogName, Lang::Pt) => "Nome do catálogo",
        (WithName::CatalogElementName, Lang::En) => "The catalog element's name",
        (WithName::CatalogElementName, Lang::Es) => "Nombre del elemento de catálogo",
        (WithName::CatalogElementName, Lang::Pt) => "Nome do elemento de catálogo",
        (WithName::CustomerName, Lang::En) => "The customer's name (amoCRM)",
        (WithName::CustomerName, Lang::Es) => "Nombre del cliente (amoCRM)",
        (WithName::CustomerName, Lang::Pt) => "Nome do cliente (amoCRM)",
        (WithName::Note, Lang::En) => "The note behind note events",
        (WithName::Note, Lang::Es) => "La nota de los eventos de notas",
        (WithName::Note, Lang::Pt) => "A nota dos eventos de notas",
    }
}

/// Ctrl-G opened `url` in the browser.
pub fn opened(url: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Opened {url} in the browser."),
        format!("Abierto {url} en el navegador."),
        format!("{url} aberto no navegador."),
    )
}

/// Ctrl-G could not open `url`: the address comes first, so it is on screen whole to copy.
pub fn not_opened(url: &str, error: &crate::tui::browser::OpenError, lang: Lang) -> String {
    use crate::tui::browser::OpenError;
    let reason = match (error, lang) {
        (OpenError::NoDisplay, Lang::En) => "no browser here (no display; set BROWSER)".to_owned(),
        (OpenError::NoDisplay, Lang::Es) => "no hay navegador aquí (sin pantalla; define BROWSER)".to_owned(),
        (OpenError::NoDisplay, Lang::Pt) => "não há navegador aqui (sem tela; defina BROWSER)".to_owned(),
        (OpenError::TerminalBrowser(name), Lang::En) => {
            format!("{name} runs in this terminal; open it beside")
        }
        (OpenError::TerminalBrowser(name), Lang::Es) => format!("{name} usa esta terminal; ábrelo aparte"),
        (OpenError::TerminalBrowser(name), Lang::Pt) => format!("{name} usa este terminal; abra-o à parte"),
        (OpenError::Failed(why), Lang::En) => format!("the browser did not start: {why}"),
        (OpenError::Failed(why), Lang::Es) => format!("el navegador no arrancó: {why}"),
        (OpenError::Failed(why), Lang::Pt) => format!("o navegador não iniciou: {why}"),
    };
    format!("{url}  ← {reason}")
}

/// Ctrl-G on an event whose entity has no page.
pub fn no_page(reason: &crate::events::links::NoPage, lang: Lang) -> String {
    use crate::events::links::NoPage;
    match (reason, lang) {
        (NoPage::NoAccount, Lang::En) => {
            "No account address: set KOMMO_SUBDOMAIN or --base-url to open pages.".to_owned()
        }
        (NoPage::NoAccount, Lang::Es) => {
            "Sin dirección de cuenta: define KOMMO_SUBDOMAIN o --base-url para abrir páginas.".to_owned()
        }
        (NoPage::NoAccount, Lang::Pt) => {
            "Sem endereço de conta: defina KOMMO_SUBDOMAIN ou --base-url para abrir páginas.".to_owned()
        }
        (NoPage::NoEntityPage { entity_type }, Lang::En) => {
            format!("A {entity_type} has no page in Kommo to open.")
        }
        (NoPage::NoEntityPage { entity_type }, Lang::Es) => {
            format!("Un {entity_type} no tiene página en Kommo.")
        }
        (NoPage::NoEntityPage { entity_type }, Lang::Pt) => {
            format!("Um {entity_type} não tem página na Kommo.")
        }
        (NoPage::BadId, Lang::En) => "This event's entity_id is not a number: no page to open.".to_owned(),
        (NoPage::BadId, Lang::Es) => "El entity_id de este evento no es un número: no hay página.".to_owned(),
        (NoPage::BadId, Lang::Pt) => "O entity_id deste evento não é um número: não há página.".to_owned(),
    }
}

/// Alt-A or Alt-G selected (`selected`) or unselected `how_many` types at once.
pub fn toast_selected_many(how_many: usize, selected: bool, lang: Lang) -> String {
    let types = count(how_many, lang, [("type", "types"), ("tipo", "tipos"), ("tipo", "tipos")]);
    match (lang, selected) {
        (Lang::En, true) => format!("Selected {types}. The same key unselects them."),
        (Lang::En, false) => format!("Unselected {types}."),
        (Lang::Es, true) => format!("{} seleccionados. La misma tecla los quita.", capitalized(&types)),
        (Lang::Es, false) => format!("{} quitados de la selección.", capitalized(&types)),
        (Lang::Pt, true) => format!("{} selecionados. A mesma tecla os desmarca.", capitalized(&types)),
        (Lang::Pt, false) => format!("{} desmarcados.", capitalized(&types)),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A chip removed from the Types row.
pub fn toast_removed(code: &str, lang: Lang) -> String {
    pick(lang, format!("Removed {code}."), format!("Quitado {code}."), format!("{code} removido."))
}

/// The Recent overlay's line for the last session.
pub fn recent_last_session(types: usize, fields: usize, lang: Lang) -> String {
    pick(
        lang,
        format!("Last session — types: {types}, fields: {fields}"),
        format!("Última sesión — tipos: {types}, campos: {fields}"),
        format!("Última sessão — tipos: {types}, campos: {fields}"),
    )
}

pub fn toast_restored(types: usize, fields: usize, lang: Lang) -> String {
    pick(
        lang,
        format!("Restored — types: {types}, fields: {fields}."),
        format!("Restaurado — tipos: {types}, campos: {fields}."),
        format!("Restaurado — tipos: {types}, campos: {fields}."),
    )
}

pub fn toast_loaded(types: usize, fields: usize, lang: Lang) -> String {
    pick(
        lang,
        format!("Loaded — types: {types}, fields: {fields}."),
        format!("Cargado — tipos: {types}, campos: {fields}."),
        format!("Carregado — tipos: {types}, campos: {fields}."),
    )
}

/// What a loaded query had that is not part of an events filter.
pub fn toast_loaded_unknown(names: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Not part of the events filter, left out: {names}."),
        format!("No forman parte del filtro de eventos, se omiten: {names}."),
        format!("Não fazem parte do filtro de eventos, ficam de fora: {names}."),
    )
}

pub fn toast_state_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Could not save the recent queries: {reason}"),
        format!("No se pudieron guardar las consultas recientes: {reason}"),
        format!("Não foi possível salvar as consultas recentes: {reason}"),
    )
}

/// The history file could not be read and was moved to `path`.
pub fn toast_history_set_aside(path: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("The recent queries file was unreadable; kept as {path}, started a new one"),
        format!("El archivo de consultas recientes no se podía leer; se guardó como {path} y se empezó otro"),
        format!("O arquivo de consultas recentes não podia ser lido; foi guardado como {path} e outro foi iniciado"),
    )
}

pub fn toast_account_cache_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Could not save to the account's cache: {reason}"),
        format!("No se pudo guardar en la caché de la cuenta: {reason}"),
        format!("Não foi possível salvar no cache da conta: {reason}"),
    )
}

/// Ctrl-T chose `format`.
pub fn toast_format(format: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Output format: {format}. Enter prints it, Ctrl-Y copies it."),
        format!("Formato de salida: {format}. Enter lo imprime, Ctrl-Y lo copia."),
        format!("Formato de saída: {format}. Enter o imprime, Ctrl-Y o copia."),
    )
}

pub fn load_clipboard_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("The clipboard could not be read ({reason}); paste with your terminal's paste key."),
        format!("No se pudo leer el portapapeles ({reason}); pega con la tecla de pegar de tu terminal."),
        format!("Não foi possível ler a área de transferência ({reason}); cole com a tecla de colar do seu terminal."),
    )
}

/// F7 is fetching `route` (one part of the account's names).
pub fn names_refreshing(route: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("fetching the account's names: {route}"),
        format!("trayendo los nombres de la cuenta: {route}"),
        format!("buscando os nomes da conta: {route}"),
    )
}

/// F7 cannot start: why there is no account or token.
pub fn names_cannot_refresh(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Cannot fetch the account's names: {reason}"),
        format!("No se pueden traer los nombres de la cuenta: {reason}"),
        format!("Não é possível buscar os nomes da conta: {reason}"),
    )
}

pub fn names_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("The account's names were not refreshed (the old ones stay): {reason}"),
        format!("Los nombres de la cuenta no se actualizaron (quedan los anteriores): {reason}"),
        format!("Os nomes da conta não foram atualizados (ficam os anteriores): {reason}"),
    )
}

/// How many names of each kind an account has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameCounts {
    pub types: usize,
    pub users: usize,
    pub pipelines: usize,
    pub stages: usize,
    pub fields: usize,
    pub catalogs: usize,
}

/// The account's names arrived.
pub fn names_refreshed(counts: NameCounts, lang: Lang) -> String {
    let NameCounts { types, users, pipelines, stages, fields, catalogs } = counts;
    pick(
        lang,
        format!(
            "Account names: types {types} · users {users} · pipelines {pipelines} · stages {stages} · \
             fields {fields} · catalogs {catalogs}"
        ),
        format!(
            "Nombres de la cuenta: tipos {types} · usuarios {users} · embudos {pipelines} · etapas \
             {stages} · campos {fields} · catálogos {catalogs}"
        ),
        format!(
            "Nomes da conta: tipos {types} · usuários {users} · funis {pipelines} · etapas \
             {stages} · campos {fields} · catálogos {catalogs}"
        ),
    )
}

/// The parts an `--account-dir` has no file for.
pub fn names_missing_files(files: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("no file for {files}"),
        format!("falta el archivo de {files}"),
        format!("falta o arquivo de {files}"),
    )
}

pub fn names_not_saved(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("not saved in the cache: {reason}"),
        format!("no se guardaron en la caché: {reason}"),
        format!("não foram salvos no cache: {reason}"),
    )
}

pub fn results_loading(page: u32, lang: Lang) -> String {
    pick(
        lang,
        format!("loading page {page}…"),
        format!("cargando la página {page}…"),
        format!("carregando a página {page}…"),
    )
}

/// What a run has loaded: `12 events, 1 page`.
pub fn results_loaded(events: usize, pages: usize, lang: Lang) -> String {
    format!(
        "{}, {}",
        count(events, lang, EVENTS),
        count(pages, lang, [("page", "pages"), ("página", "páginas"), ("página", "páginas")])
    )
}

pub fn results_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("The query failed: {reason}"),
        format!("La consulta falló: {reason}"),
        format!("A consulta falhou: {reason}"),
    )
}

/// The results filter line's count: `3 of 100`.
pub fn results_filter_count(shown: usize, loaded: usize, lang: Lang) -> String {
    pick(lang, format!("{shown} of {loaded}"), format!("{shown} de {loaded}"), format!("{shown} de {loaded}"))
}

/// No loaded event matches `filter`; `more_to_load` when scrolling down loads more pages.
pub fn results_filter_none(filter: &str, loaded: usize, more_to_load: bool, lang: Lang) -> String {
    let loaded =
        count(loaded, lang, [("loaded", "loaded"), ("cargado", "cargados"), ("carregado", "carregados")]);
    let english = if more_to_load {
        format!("No loaded event matches «{filter}»; {loaded}, more pages load as you scroll down.")
    } else {
        format!("No event matches «{filter}» ({loaded}, no more pages).")
    };
    let spanish = if more_to_load {
        format!("Ningún evento cargado coincide con «{filter}»; {loaded}, se cargan más páginas al bajar.")
    } else {
        format!("Ningún evento coincide con «{filter}» ({loaded}, no hay más páginas).")
    };
    let portuguese = if more_to_load {
        format!(
            "Nenhum evento carregado corresponde a «{filter}»; {loaded}, mais páginas carregam ao descer."
        )
    } else {
        format!("Nenhum evento corresponde a «{filter}» ({loaded}, não há mais páginas).")
    };
    pick(lang, english, spanish, portuguese)
}

/// The events a following pane holds.
pub fn follow_events(events: usize, lang: Lang) -> String {
    count(events, lang, EVENTS)
}

pub fn follow_every(seconds: f64, lang: Lang) -> String {
    pick(lang, format!("every {seconds} s"), format!("cada {seconds} s"), format!("a cada {seconds} s"))
}

/// When the last poll was and the next one is, as clock times.
pub fn follow_times(last: &str, next: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("last poll {last} · next {next}"),
        format!("última consulta {last} · próxima {next}"),
        format!("última consulta {last} · próxima {next}"),
    )
}

pub fn follow_poll_failed(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("warning: a poll failed, following goes on: {reason}"),
        format!("aviso: una consulta falló, el seguimiento continúa: {reason}"),
        format!("aviso: uma consulta falhou, o acompanhamento continua: {reason}"),
    )
}

pub fn follow_stopped(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Following stopped: {reason}"),
        format!("Seguimiento detenido: {reason}"),
        format!("Acompanhamento parado: {reason}"),
    )
}

pub fn follow_finished(polls: u32, lang: Lang) -> String {
    let polls = count(
        polls as usize,
        lang,
        [("poll", "polls"), ("consulta", "consultas"), ("consulta", "consultas")],
    );
    pick(
        lang,
        format!("Following stopped after {polls}."),
        format!("Seguimiento detenido tras {polls}."),
        format!("Acompanhamento parado após {polls}."),
    )
}

/// Ctrl-X with no account or token: what to set, and `reason`.
pub fn run_not_connected(reason: &str, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "To run queries set KOMMO_SUBDOMAIN (or --base-url URL) and KOMMO_TOKEN (or --token-file FILE). \
             {reason}"
        ),
        format!(
            "Para ejecutar consultas define KOMMO_SUBDOMAIN (o --base-url URL) y KOMMO_TOKEN (o --token-file \
             FILE). {reason}"
        ),
        format!(
            "Para executar consultas defina KOMMO_SUBDOMAIN (ou --base-url URL) e KOMMO_TOKEN (ou --token-file \
             ARQUIVO), ou use --account NOME. {reason}"
        ),
    )
}

/// Ctrl-X with a filter the account would refuse.
pub fn run_broken(problem: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("Fix the filter first: {problem}"),
        format!("Corrige el filtro primero: {problem}"),
        format!("Corrija o filtro primeiro: {problem}"),
    )
}

/// Why there is nothing to pick; `what` is one of the `missing_*` words.
pub fn picker_missing(what: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("No {what} known: run `kommo-events account refresh` or pass --account-dir DIR."),
        format!("No se conocen {what}: ejecuta `kommo-events account refresh` o usa --account-dir DIR."),
        format!("Não se conhecem {what}: execute `kommo-events account refresh` ou use --account-dir DIR."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_number_in_both_languages() {
        assert_eq!(results_loaded(1, 1, Lang::En), "1 event, 1 page");
        assert_eq!(results_loaded(12, 2, Lang::En), "12 events, 2 pages");
        assert_eq!(results_loaded(1, 1, Lang::Es), "1 evento, 1 página");
        assert_eq!(results_loaded(0, 2, Lang::Es), "0 eventos, 2 páginas");
        assert_eq!(follow_finished(1, Lang::En), "Following stopped after 1 poll.");
        assert_eq!(follow_finished(3, Lang::Es), "Seguimiento detenido tras 3 consultas.");
        assert_eq!(help_scroll(1, Lang::En), "↓ 1 more line");
        assert_eq!(help_scroll(2, Lang::Es), "↓ 2 líneas más");
        assert_eq!(help_scroll(1, Lang::Pt), "↓ mais 1 linha");
        assert_eq!(results_loaded(2, 1, Lang::Pt), "2 eventos, 1 página");
        assert_eq!(follow_finished(1, Lang::Pt), "Acompanhamento parado após 1 consulta.");
        assert_eq!(
            results_filter_none("zzz", 1, false, Lang::Es),
            "Ningún evento coincide con «zzz» (1 cargado, no hay más páginas)."
        );
    }
}
