//! Every user-facing word, in English and Spanish. The interface follows `--lang`, or the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `es*` gives Spanish), else English.

pub mod api_messages;
pub mod decode_messages;
pub mod event_words;
pub mod filter_messages;

use crate::catalog::{EventType, Group};

/// The language of every user-facing word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// Parses `es`/`en` (also `es_MX.UTF-8`-style locale names).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("es") {
            Some(Lang::Es)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the locale asks for, following POSIX precedence: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and non-empty decides; anything but `es*` is English.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::parse(&value))
            .unwrap_or(Lang::En)
    }

    /// The interface texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    /// A group's name in this language.
    pub fn group_label(self, group: &Group) -> &str {
        match self {
            Lang::En => &group.label_en,
            Lang::Es => &group.label_es,
        }
    }

    /// An event type's label in this language.
    pub fn event_label(self, event: &EventType) -> &str {
        match self {
            Lang::En => &event.label_en,
            Lang::Es => &event.label_es,
        }
    }

    /// An event type's description in this language. Types loaded from an account's answer have
    /// none of their own; they get a sentence that says where they come from.
    pub fn event_description(self, event: &EventType) -> &str {
        let own = match self {
            Lang::En => &event.description_en,
            Lang::Es => &event.description_es,
        };
        if !own.is_empty() {
            return own;
        }
        if crate::filter::per_field_type_id(&event.code).is_some() {
            self.texts().description_account_field
        } else {
            self.texts().description_account_type
        }
    }
}

/// The interface's own words. `{n}`-style markers are filled in by the caller.
pub struct Texts {
    pub search_title: &'static str,
    pub search_placeholder: &'static str,
    pub list_title: &'static str,
    pub no_matches: &'static str,
    pub detail_title: &'static str,
    pub detail_code: &'static str,
    pub detail_label_es: &'static str,
    pub detail_label_en: &'static str,
    pub detail_group: &'static str,
    pub detail_when: &'static str,
    pub detail_filters: &'static str,
    pub detail_value_filters: &'static str,
    pub detail_no_value_filters: &'static str,
    /// The description of a per-field type loaded from an account's answer (Kommo gives none).
    pub description_account_field: &'static str,
    /// The description of any other type loaded from an account's answer.
    pub description_account_type: &'static str,
    pub detail_template_hint: &'static str,
    pub composer_title: &'static str,
    pub field_types: &'static str,
    pub field_entity: &'static str,
    pub field_entity_id: &'static str,
    pub field_created_by: &'static str,
    pub field_created_from: &'static str,
    pub field_created_to: &'static str,
    pub field_with: &'static str,
    pub field_event_ids: &'static str,
    pub value_stage: &'static str,
    pub value_responsible: &'static str,
    pub value_enums: &'static str,
    pub value_value: &'static str,
    pub side_before: &'static str,
    pub side_after: &'static str,
    pub hint_event_ids: &'static str,
    pub hint_stages: &'static str,
    pub hint_responsible: &'static str,
    pub hint_enums: &'static str,
    pub hint_value: &'static str,
    pub not_applied: &'static str,
    pub not_applied_short: &'static str,
    pub more_rows: &'static str,
    pub field_limit: &'static str,
    pub field_page: &'static str,
    pub hint_types: &'static str,
    pub hint_entity: &'static str,
    pub hint_ids: &'static str,
    pub hint_users: &'static str,
    pub hint_date: &'static str,
    pub hint_with: &'static str,
    pub hint_number: &'static str,
    pub no_types_selected: &'static str,
    pub query_title: &'static str,
    pub query_valid: &'static str,
    pub query_invalid: &'static str,
    pub query_warnings: &'static str,
    pub query_empty: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub field_id_title: &'static str,
    pub field_id_prompt: &'static str,
    pub field_id_error: &'static str,
    pub too_small: &'static str,
    pub toast_copied: &'static str,
    pub toast_osc52: &'static str,
    pub toast_clipboard_off: &'static str,
    pub toast_clipboard_failed: &'static str,
    pub toast_removed: &'static str,
    pub short_move: &'static str,
    pub short_select: &'static str,
    pub short_quit: &'static str,
    pub short_field: &'static str,
    pub short_remove: &'static str,
    pub short_search: &'static str,
    pub short_print: &'static str,
    pub short_copy: &'static str,
    pub short_filter: &'static str,
    pub short_help: &'static str,
    pub short_close: &'static str,
    pub short_confirm: &'static str,
    pub short_cancel: &'static str,
    pub key_recent: &'static str,
    pub short_restore: &'static str,
    pub recent_title: &'static str,
    pub recent_last_session: &'static str,
    pub recent_empty: &'static str,
    pub recent_accepted: &'static str,
    pub recent_copied: &'static str,
    pub toast_restored: &'static str,
    pub toast_state_failed: &'static str,
    pub key_format: &'static str,
    pub short_format: &'static str,
    pub toast_format: &'static str,
    pub query_format: &'static str,
    pub key_paste: &'static str,
    pub load_title: &'static str,
    pub load_prompt: &'static str,
    pub load_clipboard_failed: &'static str,
    pub toast_loaded: &'static str,
    pub toast_loaded_unknown: &'static str,
    pub short_scroll: &'static str,
    pub help_scroll: &'static str,
    pub key_move: &'static str,
    pub key_page: &'static str,
    pub key_first_last: &'static str,
    pub key_toggle: &'static str,
    pub key_toggle_up: &'static str,
    pub key_accept: &'static str,
    pub key_copy: &'static str,
    pub key_composer: &'static str,
    pub key_search: &'static str,
    pub key_help: &'static str,
    pub key_quit: &'static str,
    pub key_back: &'static str,
    pub key_line_edit: &'static str,
    pub key_next_field: &'static str,
    pub key_remove_chip: &'static str,
    pub key_collapse: &'static str,
    pub key_confirm: &'static str,
    pub key_cancel: &'static str,
    pub key_mouse: &'static str,
    pub help_search_syntax: &'static str,
    pub context_search: &'static str,
    pub context_composer: &'static str,
    pub context_everywhere: &'static str,
    pub no_terminal: &'static str,
    pub key_run: &'static str,
    pub short_run: &'static str,
    pub results_title: &'static str,
    pub results_none: &'static str,
    pub results_loading: &'static str,
    pub results_loaded: &'static str,
    pub results_more: &'static str,
    pub results_failed: &'static str,
    pub results_filter_placeholder: &'static str,
    pub results_filter_count: &'static str,
    pub results_filter_none_more: &'static str,
    pub results_filter_none_all: &'static str,
    pub key_filter_events: &'static str,
    pub run_not_connected: &'static str,
    pub run_broken: &'static str,
    pub event_json_title: &'static str,
    pub key_open_event: &'static str,
    pub short_open_event: &'static str,
    pub key_copy_event: &'static str,
    pub key_results_back: &'static str,
    pub short_back: &'static str,
    pub toast_copied_event: &'static str,
    pub context_results: &'static str,
}

static EN: Texts = Texts {
    search_title: "Search",
    search_placeholder: "type to search codes, Spanish or English labels  ('exact ^prefix suffix$ !not a | b)",
    list_title: "Event types",
    no_matches: "No event type matches. Ctrl-U clears the search.",
    detail_title: "Details",
    detail_code: "Code",
    detail_label_es: "Spanish",
    detail_label_en: "English",
    detail_group: "Group",
    detail_when: "When",
    detail_filters: "Filters",
    detail_value_filters: "filter[value_before] / filter[value_after]",
    detail_no_value_filters: "no value filters for this type",
    description_account_field: "A change of the account's custom field whose id is in the code \
(from the account's GET /api/v4/events/types).",
    description_account_type: "A type of this account (from its GET /api/v4/events/types); Kommo gives \
no description.",
    detail_template_hint: "Tab asks for the custom field's numeric id; this type must be the only one.",
    composer_title: "Filter",
    field_types: "Types",
    field_entity: "Entity",
    field_entity_id: "Entity ids",
    field_created_by: "Created by",
    field_created_from: "From",
    field_created_to: "To",
    field_with: "With",
    field_event_ids: "Event ids",
    value_stage: "Stage",
    value_responsible: "Resp.",
    value_enums: "Enums",
    value_value: "Value",
    side_before: "before",
    side_after: "after",
    hint_event_ids: "event ids (26 characters), comma separated",
    hint_stages: "pipeline:stage; 142 = won, 143 = lost",
    hint_responsible: "user ids, comma separated",
    hint_enums: "enum ids of the field's options",
    hint_value: "the exact value (NPS: 0 to 10)",
    not_applied: "kept, not applied: needs one of {types}",
    not_applied_short: "not applied",
    more_rows: "↓ {n} more",
    field_limit: "Limit",
    field_page: "Page",
    hint_types: "Tab in the list adds types; Del removes the chip",
    hint_entity: "lead, contact, company, task, catalog_ID",
    hint_ids: "up to 10 ids, comma separated",
    hint_users: "up to 10 user ids, 0 = robot",
    hint_date: "YYYY-MM-DD or YYYY-MM-DD HH:MM (local time)",
    hint_with: "contact_name, lead_name, company_name, …",
    hint_number: "a whole number ≥ 1",
    no_types_selected: "none: every type",
    query_title: "Query",
    query_valid: "valid",
    query_invalid: "invalid",
    query_warnings: "warnings",
    query_empty: "(empty: every event)",
    help_title: "Keys",
    help_close: "Esc, F1 or ? closes this help",
    field_id_title: "Custom field id",
    field_id_prompt: "Numeric id of the custom field (Enter adds, Esc cancels):",
    field_id_error: "Digits only, e.g. 777777: the id is in the field's settings or /api/v4/leads/custom_fields.",
    too_small: "Terminal too small: needs at least {w}x{h}, this is {cw}x{ch}.",
    toast_copied: "Copied the query to the clipboard.",
    toast_osc52: "Sent the query to the terminal's clipboard (OSC 52).",
    toast_clipboard_off: "Clipboard is off (KOMMO_EVENTS_CLIPBOARD=off); Enter prints the query.",
    toast_clipboard_failed: "Could not copy: {reason}. Enter prints the query instead.",
    toast_removed: "Removed {code}.",
    short_move: "move",
    short_select: "select",
    short_quit: "quit",
    short_field: "field",
    short_remove: "remove",
    short_search: "search",
    short_print: "print & exit",
    short_copy: "copy",
    short_filter: "edit filter",
    short_help: "help",
    short_close: "close",
    short_confirm: "confirm",
    short_cancel: "cancel",
    key_recent: "last session and recent queries",
    short_restore: "restore",
    recent_title: "Recent",
    recent_last_session: "Last session — types: {types}, fields: {fields}",
    recent_empty: "No saved session or recent query yet: Enter or Ctrl-Y adds one.",
    recent_accepted: "printed",
    recent_copied: "copied",
    toast_restored: "Restored — types: {types}, fields: {fields}.",
    toast_state_failed: "Could not save the recent queries: {reason}",
    key_format: "next output format: query, encoded, url, curl, httpie, json",
    short_format: "format",
    toast_format: "Output format: {format}. Enter prints it, Ctrl-Y copies it.",
    query_format: "format",
    key_paste: "load a query or URL from the clipboard into the filter",
    load_title: "Load a query",
    load_prompt: "Paste an events URL or query string (Enter loads it, Esc cancels):",
    load_clipboard_failed: "The clipboard could not be read ({reason}); paste with your terminal's paste key.",
    toast_loaded: "Loaded — types: {types}, fields: {fields}.",
    toast_loaded_unknown: "Not part of the events filter, left out: {names}.",
    short_scroll: "scroll",
    help_scroll: "↓ {n} more lines",
    key_move: "move",
    key_page: "page up / down",
    key_first_last: "first / last",
    key_toggle: "select or unselect type; on a group header: fold it",
    key_toggle_up: "select, then move up",
    key_accept: "print the query and exit",
    key_copy: "copy the query",
    key_composer: "edit the filter; again: back to the search",
    key_search: "back to the search",
    key_help: "help",
    key_quit: "quit without printing",
    key_back: "back",
    key_line_edit: "start / end of line, delete word, delete to start",
    key_next_field: "next / previous field",
    key_remove_chip: "remove the highlighted type",
    key_collapse: "fold / unfold group",
    key_confirm: "confirm",
    key_cancel: "cancel",
    key_mouse: "click highlights, wheel scrolls",
    help_search_syntax: "Search: words must all match; a | b means either; 'exact ^prefix suffix$ !not. Accents and case are ignored.",
    context_search: "Search and list",
    context_composer: "Filter composer",
    context_everywhere: "Everywhere",
    no_terminal: "kommo-events: no terminal to draw on; for scripts use `kommo-events list`, `search`, `query` or `--help`.",
    key_run: "run the query and browse the events it finds",
    short_run: "run",
    results_title: "Events",
    results_none: "No events match this filter (the API answered 204).",
    results_loading: "loading page {page}…",
    results_loaded: "{events} events, {pages} pages",
    results_more: "more below",
    results_failed: "The query failed: {reason}",
    results_filter_placeholder: "type to filter the loaded events  ('exact ^prefix suffix$ !not a | b)",
    results_filter_count: "{shown} of {loaded}",
    results_filter_none_more: "No loaded event matches «{filter}»; {loaded} loaded, more pages load as you scroll down.",
    results_filter_none_all: "No event matches «{filter}» ({loaded} loaded, no more pages).",
    key_filter_events: "filter the loaded events (the search syntax)",
    run_not_connected: "To run queries set KOMMO_SUBDOMAIN (or --base-url URL) and KOMMO_TOKEN (or --token-file FILE). {reason}",
    run_broken: "Fix the filter first: {problem}",
    event_json_title: "Event (JSON)",
    key_open_event: "show the highlighted event's JSON",
    short_open_event: "JSON",
    key_copy_event: "copy the event's JSON",
    key_results_back: "clear the typed filter, else back to the query (JSON: to the events)",
    short_back: "back",
    toast_copied_event: "Copied the event's JSON to the clipboard.",
    context_results: "Events found (after running)",
};

static ES: Texts = Texts {
    search_title: "Buscar",
    search_placeholder: "escribe para buscar códigos o etiquetas en español o inglés  ('exacto ^inicio fin$ !no a | b)",
    list_title: "Tipos de evento",
    no_matches: "Ningún tipo de evento coincide. Ctrl-U borra la búsqueda.",
    detail_title: "Detalle",
    detail_code: "Código",
    detail_label_es: "Español",
    detail_label_en: "Inglés",
    detail_group: "Grupo",
    detail_when: "Cuándo",
    detail_filters: "Filtros",
    detail_value_filters: "filter[value_before] / filter[value_after]",
    detail_no_value_filters: "este tipo no admite filtros de valor",
    description_account_field: "Un cambio del campo personalizado de la cuenta cuyo id está en el código \
(de GET /api/v4/events/types de la cuenta).",
    description_account_type: "Un tipo de esta cuenta (de su GET /api/v4/events/types); Kommo no lo \
describe.",
    detail_template_hint: "Tab pide el id numérico del campo personalizado; este tipo debe ir solo.",
    composer_title: "Filtro",
    field_types: "Tipos",
    field_entity: "Entidad",
    field_entity_id: "Ids de entidad",
    field_created_by: "Creado por",
    field_created_from: "Desde",
    field_created_to: "Hasta",
    field_with: "Con",
    field_event_ids: "Ids de evento",
    value_stage: "Etapa",
    value_responsible: "Resp.",
    value_enums: "Enums",
    value_value: "Valor",
    side_before: "antes",
    side_after: "después",
    hint_event_ids: "ids de evento (26 caracteres), con comas",
    hint_stages: "embudo:etapa; 142 = ganado, 143 = perdido",
    hint_responsible: "ids de usuario, separados por comas",
    hint_enums: "ids de las opciones (enums) del campo",
    hint_value: "el valor exacto (NPS: 0 a 10)",
    not_applied: "se conserva, no se aplica: requiere uno de {types}",
    not_applied_short: "no se aplica",
    more_rows: "↓ {n} más",
    field_limit: "Límite",
    field_page: "Página",
    hint_types: "Tab en la lista añade tipos; Supr quita el seleccionado",
    hint_entity: "lead, contact, company, task, catalog_ID",
    hint_ids: "hasta 10 ids, separados por comas",
    hint_users: "hasta 10 ids de usuario, 0 = robot",
    hint_date: "AAAA-MM-DD o AAAA-MM-DD HH:MM (hora local)",
    hint_with: "contact_name, lead_name, company_name, …",
    hint_number: "un número entero ≥ 1",
    no_types_selected: "ninguno: todos los tipos",
    query_title: "Consulta",
    query_valid: "válida",
    query_invalid: "inválida",
    query_warnings: "advertencias",
    query_empty: "(vacía: todos los eventos)",
    help_title: "Teclas",
    help_close: "Esc, F1 o ? cierra esta ayuda",
    field_id_title: "Id del campo personalizado",
    field_id_prompt: "Id numérico del campo personalizado (Enter añade, Esc cancela):",
    field_id_error: "Solo dígitos, p. ej. 777777: el id está en la configuración del campo o en /api/v4/leads/custom_fields.",
    too_small: "Terminal demasiado pequeña: necesita al menos {w}x{h}, esta mide {cw}x{ch}.",
    toast_copied: "Consulta copiada al portapapeles.",
    toast_osc52: "Consulta enviada al portapapeles de la terminal (OSC 52).",
    toast_clipboard_off: "Portapapeles desactivado (KOMMO_EVENTS_CLIPBOARD=off); Enter imprime la consulta.",
    toast_clipboard_failed: "No se pudo copiar: {reason}. Enter imprime la consulta.",
    toast_removed: "Quitado {code}.",
    short_move: "mover",
    short_select: "seleccionar",
    short_quit: "salir",
    short_field: "campo",
    short_remove: "quitar",
    short_search: "búsqueda",
    short_print: "imprimir y salir",
    short_copy: "copiar",
    short_filter: "editar filtro",
    short_help: "ayuda",
    short_close: "cerrar",
    short_confirm: "confirmar",
    short_cancel: "cancelar",
    key_recent: "última sesión y consultas recientes",
    short_restore: "restaurar",
    recent_title: "Recientes",
    recent_last_session: "Última sesión — tipos: {types}, campos: {fields}",
    recent_empty: "Aún no hay sesión guardada ni consultas recientes: Enter o Ctrl-Y agregan una.",
    recent_accepted: "impresa",
    recent_copied: "copiada",
    toast_restored: "Restaurado — tipos: {types}, campos: {fields}.",
    toast_state_failed: "No se pudieron guardar las consultas recientes: {reason}",
    key_format: "siguiente formato: query, encoded, url, curl, httpie, json",
    short_format: "formato",
    toast_format: "Formato de salida: {format}. Enter lo imprime, Ctrl-Y lo copia.",
    query_format: "formato",
    key_paste: "cargar una consulta o URL del portapapeles en el filtro",
    load_title: "Cargar una consulta",
    load_prompt: "Pega una URL o consulta de eventos (Enter la carga, Esc cancela):",
    load_clipboard_failed: "No se pudo leer el portapapeles ({reason}); pega con la tecla de pegar de tu terminal.",
    toast_loaded: "Cargado — tipos: {types}, campos: {fields}.",
    toast_loaded_unknown: "No forman parte del filtro de eventos, se omiten: {names}.",
    short_scroll: "desplazar",
    help_scroll: "↓ {n} líneas más",
    key_move: "mover",
    key_page: "página arriba / abajo",
    key_first_last: "primero / último",
    key_toggle: "seleccionar o quitar tipo; en un grupo: plegarlo",
    key_toggle_up: "seleccionar y subir",
    key_accept: "imprimir la consulta y salir",
    key_copy: "copiar la consulta",
    key_composer: "editar el filtro; otra vez: volver a la búsqueda",
    key_search: "volver a la búsqueda",
    key_help: "ayuda",
    key_quit: "salir sin imprimir",
    key_back: "volver",
    key_line_edit: "inicio / fin de línea, borrar palabra, borrar hasta el inicio",
    key_next_field: "campo siguiente / anterior",
    key_remove_chip: "quitar el tipo resaltado",
    key_collapse: "plegar / desplegar grupo",
    key_confirm: "confirmar",
    key_cancel: "cancelar",
    key_mouse: "clic resalta, rueda desplaza",
    help_search_syntax: "Búsqueda: todas las palabras deben coincidir; a | b es una u otra; 'exacto ^inicio fin$ !no. Se ignoran acentos y mayúsculas.",
    context_search: "Búsqueda y lista",
    context_composer: "Editor del filtro",
    context_everywhere: "En todas partes",
    no_terminal: "kommo-events: no hay terminal donde dibujar; para scripts usa `kommo-events list`, `search`, `query` o `--help`.",
    key_run: "ejecutar la consulta y ver los eventos que encuentra",
    short_run: "ejecutar",
    results_title: "Eventos",
    results_none: "Ningún evento coincide con este filtro (la API respondió 204).",
    results_loading: "cargando la página {page}…",
    results_loaded: "{events} eventos, {pages} páginas",
    results_more: "hay más abajo",
    results_failed: "La consulta falló: {reason}",
    results_filter_placeholder: "escribe para filtrar los eventos cargados  ('exacto ^inicio fin$ !no a | b)",
    results_filter_count: "{shown} de {loaded}",
    results_filter_none_more: "Ningún evento cargado coincide con «{filter}»; {loaded} cargados, se cargan más páginas al bajar.",
    results_filter_none_all: "Ningún evento coincide con «{filter}» ({loaded} cargados, no hay más páginas).",
    key_filter_events: "filtrar los eventos cargados (sintaxis de la búsqueda)",
    run_not_connected: "Para ejecutar consultas define KOMMO_SUBDOMAIN (o --base-url URL) y KOMMO_TOKEN (o --token-file FILE). {reason}",
    run_broken: "Corrige el filtro primero: {problem}",
    event_json_title: "Evento (JSON)",
    key_open_event: "ver el JSON del evento resaltado",
    short_open_event: "JSON",
    key_copy_event: "copiar el JSON del evento",
    key_results_back: "borrar el filtro escrito, si no volver a la consulta (JSON: a los eventos)",
    short_back: "volver",
    toast_copied_event: "JSON del evento copiado al portapapeles.",
    context_results: "Eventos encontrados (tras ejecutar)",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
    }

    #[test]
    fn spanish_locale_gives_spanish() {
        assert_eq!(Lang::from_locale(env(&[("LANG", "es_MX.UTF-8")])), Lang::Es);
    }

    #[test]
    fn lc_all_wins_over_lang() {
        assert_eq!(Lang::from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "es_ES.UTF-8")])), Lang::En);
    }

    #[test]
    fn empty_lc_all_falls_through_to_lc_messages() {
        assert_eq!(Lang::from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "es_AR")])), Lang::Es);
    }

    #[test]
    fn other_or_missing_locale_gives_english() {
        assert_eq!(Lang::from_locale(env(&[("LANG", "pt_BR.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
    }
}
