//! Every user-facing word, in English, Spanish and Portuguese. The interface follows `--lang`, or
//! the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `es*` gives Spanish, `pt*` Portuguese), else
//! English.

pub mod api_messages;
pub mod cli_messages;
pub mod decode_messages;
pub mod event_words;
pub mod filter_messages;
pub mod screen_messages;

use crate::catalog::{EventType, Group};

/// The language of every user-facing word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Es,
    /// Brazilian Portuguese, as Kommo's Portuguese pages.
    Pt,
}

impl Lang {
    /// Parses `es`/`en`/`pt` (also `es_MX.UTF-8`-style locale names).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.starts_with("es") {
            Some(Lang::Es)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else if lower.starts_with("pt") {
            Some(Lang::Pt)
        } else {
            None
        }
    }

    /// The language's code, as Kommo's `language_code` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
        }
    }

    /// The language the locale asks for, following POSIX precedence: the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and non-empty decides; anything but `es*` and `pt*` is
    /// English.
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
            Lang::Pt => &PT,
        }
    }

    /// A group's name in this language.
    pub fn group_label(self, group: &Group) -> &str {
        match self {
            Lang::En => &group.label_en,
            Lang::Es => &group.label_es,
            Lang::Pt => &group.label_pt,
        }
    }

    /// An event type's label in this language.
    pub fn event_label(self, event: &EventType) -> &str {
        match self {
            Lang::En => event.label_en(),
            Lang::Es => event.label_es(),
            Lang::Pt => event.label_pt(),
        }
    }

    /// An event type's description in this language. Types loaded from an account's answer have
    /// none of their own; they get a sentence that says where they come from.
    pub fn event_description(self, event: &EventType) -> &str {
        let own = match self {
            Lang::En => event.description_en(),
            Lang::Es => event.description_es(),
            Lang::Pt => event.description_pt(),
        };
        if !own.is_empty() {
            return own;
        }
        if crate::filter::per_field_type_id(event.code()).is_some() {
            self.texts().description_account_field
        } else {
            self.texts().description_account_type
        }
    }
}

/// The text of `lang` among the three, written English, Spanish, Portuguese.
pub(crate) fn pick(lang: Lang, en: String, es: String, pt: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Es => es,
        Lang::Pt => pt,
    }
}

/// [`pick`] for texts with no argument.
pub(crate) fn pick_str(lang: Lang, en: &str, es: &str, pt: &str) -> String {
    word(lang, [en, es, pt]).to_owned()
}

/// One word or phrase in the three languages, English first.
pub(crate) fn word(lang: Lang, words: [&str; 3]) -> &str {
    match lang {
        Lang::En => words[0],
        Lang::Es => words[1],
        Lang::Pt => words[2],
    }
}

/// `n` and its noun in the right number for the language: `count(1, lang, [("page", "pages"),
/// ("página", "páginas"), ("página", "páginas")])` is "1 page" in English and "1 página" in
/// Spanish and Portuguese. The forms are English, Spanish, Portuguese.
pub(crate) fn count(n: usize, lang: Lang, forms: [(&str, &str); 3]) -> String {
    let (one, many) = match lang {
        Lang::En => forms[0],
        Lang::Es => forms[1],
        Lang::Pt => forms[2],
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Declares [`Texts`] and its three values, English, Spanish and Portuguese, from
/// `name: "english", "spanish", "portuguese";` entries, so each text is written beside its
/// translations.
macro_rules! texts {
    ($($(#[$doc:meta])* $name:ident: $en:literal, $es:literal, $pt:literal;)*) => {
        /// The interface's own words with no argument.
        pub struct Texts {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        static EN: Texts = Texts { $($name: $en,)* };
        static ES: Texts = Texts { $($name: $es,)* };
        static PT: Texts = Texts { $($name: $pt,)* };
    };
}

// Every text with no argument, its English beside its Spanish and Portuguese; a text that takes
// arguments is a typed function (screen_messages.rs and the other *_messages modules). A text
// missing in one language does not compile.
texts! {
    search_title:
        "Search",
        "Buscar",
        "Buscar";
    search_placeholder:
        "type to search codes, Spanish or English labels  ('exact ^prefix suffix$ !not a | b)",
        "escribe para buscar códigos o etiquetas en español o inglés  ('exacto ^inicio fin$ !no a | b)",
        "digite para buscar códigos ou rótulos em português, espanhol ou inglês  ('exato ^início fim$ !não a | b)";
    list_title:
        "Event types",
        "Tipos de evento",
        "Tipos de evento";
    no_matches:
        "No event type matches. Ctrl-U clears the search.",
        "Ningún tipo de evento coincide. Ctrl-U borra la búsqueda.",
        "Nenhum tipo de evento corresponde. Ctrl-U limpa a busca.";
    detail_title:
        "Details",
        "Detalle",
        "Detalhes";
    detail_code:
        "Code",
        "Código",
        "Código";
    detail_label_es:
        "Spanish",
        "Español",
        "Espanhol";
    detail_label_en:
        "English",
        "Inglés",
        "Inglês";
    detail_label_pt:
        "Portuguese",
        "Portugués",
        "Português";
    detail_group:
        "Group",
        "Grupo",
        "Grupo";
    detail_when:
        "When",
        "Cuándo",
        "Quando";
    detail_filters:
        "Filters",
        "Filtros",
        "Filtros";
    detail_source:
        "Source",
        "Fuente",
        "Fonte";
    source_kommo_docs:
        "Kommo docs",
        "documentación de Kommo",
        "documentação da Kommo";
    source_amocrm_docs:
        "amoCRM docs (not in Kommo's list)",
        "documentación de amoCRM (no en la lista de Kommo)",
        "documentação da amoCRM (fora da lista da Kommo)";
    source_seen_live:
        "seen in live accounts (in no doc list)",
        "visto en cuentas reales (en ninguna lista)",
        "visto em contas reais (em nenhuma lista)";
    detail_value_filters:
        "filter[value_before] / filter[value_after]",
        "filter[value_before] / filter[value_after]",
        "filter[value_before] / filter[value_after]";
    detail_no_value_filters:
        "no value filters for this type",
        "este tipo no admite filtros de valor",
        "este tipo não aceita filtros de valor";
    /// The description of a per-field type loaded from an account's answer (Kommo gives none).
    description_account_field:
        "A change of the account's custom field whose id is in the code \
(from the account's GET /api/v4/events/types).",
        "Un cambio del campo personalizado de la cuenta cuyo id está en el código \
(de GET /api/v4/events/types de la cuenta).",
        "Uma mudança do campo personalizado da conta cujo id está no código \
(do GET /api/v4/events/types da conta).";
    /// The description of any other type loaded from an account's answer.
    description_account_type:
        "A type of this account (from its GET /api/v4/events/types); Kommo gives \
no description.",
        "Un tipo de esta cuenta (de su GET /api/v4/events/types); Kommo no lo \
describe.",
        "Um tipo desta conta (do seu GET /api/v4/events/types); a Kommo não \
o descreve.";
    detail_template_hint:
        "Tab asks for the custom field's numeric id; this type must be the only one.",
        "Tab pide el id numérico del campo personalizado; este tipo debe ir solo.",
        "Tab pede o id numérico do campo personalizado; este tipo deve ir sozinho.";
    composer_title:
        "Filter",
        "Filtro",
        "Filtro";
    field_types:
        "Types",
        "Tipos",
        "Tipos";
    field_entity:
        "Entity",
        "Entidad",
        "Entidade";
    field_entity_id:
        "Entity ids",
        "Ids de entidad",
        "Ids de entidade";
    field_created_by:
        "Created by",
        "Creado por",
        "Criado por";
    field_created_from:
        "From",
        "Desde",
        "De";
    field_created_to:
        "To",
        "Hasta",
        "Até";
    field_with:
        "With",
        "Con",
        "Com";
    field_event_ids:
        "Event ids",
        "Ids de evento",
        "Ids de evento";
    value_stage:
        "Stage",
        "Etapa",
        "Etapa";
    value_customer_stage:
        "Cust.st.",
        "Et.cli.",
        "Et.cli.";
    value_responsible:
        "Resp.",
        "Resp.",
        "Resp.";
    value_enums:
        "Enums",
        "Enums",
        "Enums";
    value_value:
        "Value",
        "Valor",
        "Valor";
    side_before:
        "before",
        "antes",
        "antes";
    side_after:
        "after",
        "después",
        "depois";
    hint_event_ids:
        "event ids (26 characters), comma separated",
        "ids de evento (26 caracteres), con comas",
        "ids de evento (26 caracteres), separados por vírgulas";
    hint_stages:
        "pipeline:stage; 142 = won, 143 = lost",
        "embudo:etapa; 142 = ganado, 143 = perdido",
        "funil:etapa; 142 = ganho, 143 = perdido";
    hint_customer_stages:
        "customer stage ids (amoCRM), comma separated",
        "ids de etapas de clientes (amoCRM), separados por comas",
        "ids de etapas de clientes (amoCRM), separados por vírgulas";
    hint_responsible:
        "user ids, comma separated",
        "ids de usuario, separados por comas",
        "ids de usuário, separados por vírgulas";
    hint_enums:
        "enum ids of the field's options",
        "ids de las opciones (enums) del campo",
        "ids das opções (enums) do campo";
    hint_value:
        "the exact value (NPS: 0 to 10)",
        "el valor exacto (NPS: 0 a 10)",
        "o valor exato (NPS: 0 a 10)";
    not_applied_short:
        "not applied",
        "no se aplica",
        "não aplicado";
    field_limit:
        "Limit",
        "Límite",
        "Limite";
    field_page:
        "Page",
        "Página",
        "Página";
    hint_types:
        "Tab in the list adds types; Del removes the chip",
        "Tab en la lista añade tipos; Supr quita el seleccionado",
        "Tab na lista adiciona tipos; Del remove o selecionado";
    hint_entity:
        "lead, contact, company, task, catalog_ID",
        "lead, contact, company, task, catalog_ID",
        "lead, contact, company, task, catalog_ID";
    hint_ids:
        "up to 10 ids, comma separated",
        "hasta 10 ids, separados por comas",
        "até 10 ids, separados por vírgulas";
    hint_users:
        "up to 10 user ids, 0 = robot",
        "hasta 10 ids de usuario, 0 = robot",
        "até 10 ids de usuário, 0 = robô";
    hint_date:
        "YYYY-MM-DD [HH:MM], today, -7d… (local)",
        "AAAA-MM-DD [HH:MM], hoy, -7d… (local)",
        "AAAA-MM-DD [HH:MM], hoje, -7d… (local)";
    hint_with:
        "contact_name, lead_name, company_name, …",
        "contact_name, lead_name, company_name, …",
        "contact_name, lead_name, company_name, …";
    hint_number:
        "a whole number ≥ 1",
        "un número entero ≥ 1",
        "um número inteiro ≥ 1";
    no_types_selected:
        "none: every type",
        "ninguno: todos los tipos",
        "nenhum: todos os tipos";
    query_title:
        "Query",
        "Consulta",
        "Consulta";
    query_valid:
        "valid",
        "válida",
        "válida";
    query_invalid:
        "invalid",
        "inválida",
        "inválida";
    query_warnings:
        "warnings",
        "advertencias",
        "avisos";
    query_empty:
        "(empty: every event)",
        "(vacía: todos los eventos)",
        "(vazia: todos os eventos)";
    help_title:
        "Keys",
        "Teclas",
        "Teclas";
    help_close:
        "Esc, F1 or ? closes this help",
        "Esc, F1 o ? cierra esta ayuda",
        "Esc, F1 ou ? fecha esta ajuda";
    field_id_title:
        "Custom field id",
        "Id del campo personalizado",
        "Id do campo personalizado";
    field_id_prompt:
        "Numeric id of the custom field (Enter adds, Esc cancels):",
        "Id numérico del campo personalizado (Enter añade, Esc cancela):",
        "Id numérico do campo personalizado (Enter adiciona, Esc cancela):";
    field_id_error:
        "Digits only, e.g. 777777: the id is in the field's settings or /api/v4/leads/custom_fields.",
        "Solo dígitos, p. ej. 777777: el id está en la configuración del campo o en /api/v4/leads/custom_fields.",
        "Só dígitos, p. ex. 777777: o id está nas configurações do campo ou em /api/v4/leads/custom_fields.";
    toast_copied:
        "Copied the query to the clipboard.",
        "Consulta copiada al portapapeles.",
        "Consulta copiada para a área de transferência.";
    toast_osc52:
        "Sent the query to the terminal's clipboard (OSC 52).",
        "Consulta enviada al portapapeles de la terminal (OSC 52).",
        "Consulta enviada para a área de transferência do terminal (OSC 52).";
    toast_clipboard_off:
        "Clipboard is off (KOMMO_EVENTS_CLIPBOARD=off); Enter prints the query.",
        "Portapapeles desactivado (KOMMO_EVENTS_CLIPBOARD=off); Enter imprime la consulta.",
        "Área de transferência desativada (KOMMO_EVENTS_CLIPBOARD=off); Enter imprime a consulta.";
    short_move:
        "move",
        "mover",
        "mover";
    short_select:
        "select",
        "seleccionar",
        "selecionar";
    short_select_all:
        "all",
        "todos",
        "todos";
    short_select_group:
        "group",
        "grupo",
        "grupo";
    short_quit:
        "quit",
        "salir",
        "sair";
    short_field:
        "field",
        "campo",
        "campo";
    short_remove:
        "remove",
        "quitar",
        "remover";
    short_search:
        "search",
        "búsqueda",
        "busca";
    short_print:
        "print & exit",
        "imprimir y salir",
        "imprimir e sair";
    short_copy:
        "copy",
        "copiar",
        "copiar";
    short_filter:
        "edit filter",
        "editar filtro",
        "editar filtro";
    short_help:
        "help",
        "ayuda",
        "ajuda";
    short_close:
        "close",
        "cerrar",
        "fechar";
    short_confirm:
        "confirm",
        "confirmar",
        "confirmar";
    short_cancel:
        "cancel",
        "cancelar",
        "cancelar";
    key_recent:
        "last session and recent queries",
        "última sesión y consultas recientes",
        "última sessão e consultas recentes";
    short_restore:
        "restore",
        "restaurar",
        "restaurar";
    recent_title:
        "Recent",
        "Recientes",
        "Recentes";
    recent_empty:
        "No saved session or recent query yet: Enter or Ctrl-Y adds one.",
        "Aún no hay sesión guardada ni consultas recientes: Enter o Ctrl-Y agregan una.",
        "Ainda não há sessão salva nem consultas recentes: Enter ou Ctrl-Y adicionam uma.";
    recent_accepted:
        "printed",
        "impresa",
        "impressa";
    recent_copied:
        "copied",
        "copiada",
        "copiada";
    key_format:
        "next output format: query, encoded, url, curl, httpie, json, php, python, js",
        "siguiente formato: query, encoded, url, curl, httpie, json, php, python, js",
        "próximo formato: query, encoded, url, curl, httpie, json, php, python, js";
    short_format:
        "format",
        "formato",
        "formato";
    query_format:
        "format",
        "formato",
        "formato";
    key_paste:
        "load a query or URL from the clipboard into the filter",
        "cargar una consulta o URL del portapapeles en el filtro",
        "carregar no filtro uma consulta ou URL da área de transferência";
    load_title:
        "Load a query",
        "Cargar una consulta",
        "Carregar uma consulta";
    load_prompt:
        "Paste an events URL or query string (Enter loads it, Esc cancels):",
        "Pega una URL o consulta de eventos (Enter la carga, Esc cancela):",
        "Cole uma URL ou consulta de eventos (Enter carrega, Esc cancela):";
    short_scroll:
        "scroll",
        "desplazar",
        "rolar";
    key_move:
        "move",
        "mover",
        "mover";
    key_page:
        "page up / down",
        "página arriba / abajo",
        "página acima / abaixo";
    key_first_last:
        "first / last",
        "primero / último",
        "primeiro / último";
    key_toggle:
        "select or unselect type; on a group header: fold it",
        "seleccionar o quitar tipo; en un grupo: plegarlo",
        "selecionar ou desmarcar tipo; num grupo: recolhê-lo";
    key_toggle_up:
        "select, then move up",
        "seleccionar y subir",
        "selecionar e subir";
    key_select_shown:
        "select every type found (again: unselect them)",
        "seleccionar todos los encontrados (otra vez: quitarlos)",
        "selecionar todos os encontrados (de novo: desmarcá-los)";
    key_select_group:
        "select the found types of this group (again: unselect)",
        "seleccionar los encontrados del grupo (otra vez: quitar)",
        "selecionar os encontrados do grupo (de novo: desmarcar)";
    key_accept:
        "print the query and exit",
        "imprimir la consulta y salir",
        "imprimir a consulta e sair";
    key_copy:
        "copy the query",
        "copiar la consulta",
        "copiar a consulta";
    key_composer:
        "edit the filter; again: back to the search",
        "editar el filtro; otra vez: volver a la búsqueda",
        "editar o filtro; de novo: voltar à busca";
    key_search:
        "back to the search",
        "volver a la búsqueda",
        "voltar à busca";
    key_help:
        "help",
        "ayuda",
        "ajuda";
    key_quit:
        "quit without printing",
        "salir sin imprimir",
        "sair sem imprimir";
    key_suspend:
        "suspend to the shell; fg comes back",
        "suspender y volver a la shell; fg regresa",
        "suspender e voltar ao shell; fg retorna";
    key_back:
        "back",
        "volver",
        "voltar";
    key_line_edit:
        "start / end of line, delete word, delete to start",
        "inicio / fin de línea, borrar palabra, borrar hasta el inicio",
        "início / fim da linha, apagar palavra, apagar até o início";
    key_next_field:
        "next / previous field",
        "campo siguiente / anterior",
        "campo seguinte / anterior";
    key_remove_chip:
        "remove the highlighted type",
        "quitar el tipo resaltado",
        "remover o tipo destacado";
    key_collapse:
        "fold / unfold group",
        "plegar / desplegar grupo",
        "recolher / expandir grupo";
    key_confirm:
        "confirm",
        "confirmar",
        "confirmar";
    key_cancel:
        "cancel",
        "cancelar",
        "cancelar";
    key_mouse:
        "click highlights, wheel scrolls",
        "clic resalta, rueda desplaza",
        "clique destaca, roda rola";
    help_search_syntax:
        "Search: words must all match; a | b means either; 'exact ^prefix suffix$ !not. Accents and case are ignored.",
        "Búsqueda: todas las palabras deben coincidir; a | b es una u otra; 'exacto ^inicio fin$ !no. Se ignoran acentos y mayúsculas.",
        "Busca: todas as palavras devem corresponder; a | b é uma ou outra; 'exato ^início fim$ !não. Acentos e maiúsculas são ignorados.";
    context_search:
        "Search and list",
        "Búsqueda y lista",
        "Busca e lista";
    context_composer:
        "Filter composer",
        "Editor del filtro",
        "Editor do filtro";
    context_everywhere:
        "Everywhere",
        "En todas partes",
        "Em toda parte";
    no_terminal:
        "kommo-events: no terminal to draw on; for scripts use `kommo-events list`, `search`, `query` or `--help`.",
        "kommo-events: no hay terminal donde dibujar; para scripts usa `kommo-events list`, `search`, `query` o `--help`.",
        "kommo-events: não há terminal onde desenhar; para scripts use `kommo-events list`, `search`, `query` ou `--help`.";
    key_run:
        "run the query and browse the events it finds",
        "ejecutar la consulta y ver los eventos que encuentra",
        "executar a consulta e ver os eventos que ela encontra";
    key_follow:
        "follow the query's new events live, as tail does",
        "seguir en vivo los eventos nuevos de la consulta, como tail",
        "acompanhar ao vivo os eventos novos da consulta, como o tail";
    /// F8 with the composer's To date set.
    follow_no_end:
        "Following has no end: clear the To field to follow (Ctrl-X runs the closed range).",
        "Seguir no tiene fin: vacía el campo Hasta para seguir (Ctrl-X ejecuta el rango cerrado).",
        "Acompanhar não tem fim: esvazie o campo Até para acompanhar (Ctrl-X executa o intervalo fechado).";
    key_refresh_names:
        "fetch the account's names again (users, stages, fields, types)",
        "volver a traer los nombres de la cuenta (usuarios, etapas, campos, tipos)",
        "buscar de novo os nomes da conta (usuários, etapas, campos, tipos)";
    names_already_refreshing:
        "The account's names are being fetched already.",
        "Los nombres de la cuenta ya se están trayendo.",
        "Os nomes da conta já estão sendo buscados.";
    /// `/api/v4/users` answered 403: the token is not an admin's.
    names_users_forbidden:
        "users: 403, the token is not an admin's (users go by id)",
        "usuarios: 403, el token no es de un administrador (usuarios por id)",
        "usuários: 403, o token não é de um administrador (usuários por id)";
    short_run:
        "run",
        "ejecutar",
        "executar";
    results_title:
        "Events",
        "Eventos",
        "Eventos";
    results_none:
        "No events match this filter (the API answered 204).",
        "Ningún evento coincide con este filtro (la API respondió 204).",
        "Nenhum evento corresponde a este filtro (a API respondeu 204).";
    results_more:
        "more below",
        "hay más abajo",
        "há mais abaixo";
    results_filter_placeholder:
        "type to filter the loaded events  ('exact ^prefix suffix$ !not a | b)",
        "escribe para filtrar los eventos cargados  ('exacto ^inicio fin$ !no a | b)",
        "digite para filtrar os eventos carregados  ('exato ^início fim$ !não a | b)";
    follow_title:
        "Following",
        "Siguiendo",
        "Acompanhando";
    follow_title_stopped:
        "Stopped following",
        "Seguimiento detenido",
        "Acompanhamento parado";
    follow_waiting:
        "No new events yet; they appear here, newest at the top, as they are created.",
        "Aún no hay eventos nuevos; aparecerán aquí, los más nuevos arriba, a medida que se creen.",
        "Ainda não há eventos novos; eles aparecem aqui, os mais novos no topo, à medida que são criados.";
    follow_polling:
        "polling for new events…",
        "consultando eventos nuevos…",
        "consultando eventos novos…";
    key_filter_events:
        "filter the loaded events (the search syntax)",
        "filtrar los eventos cargados (sintaxis de la búsqueda)",
        "filtrar os eventos carregados (sintaxe da busca)";
    event_json_title:
        "Event (JSON)",
        "Evento (JSON)",
        "Evento (JSON)";
    key_open_event:
        "show the highlighted event's JSON",
        "ver el JSON del evento resaltado",
        "ver o JSON do evento destacado";
    short_open_event:
        "JSON",
        "JSON",
        "JSON";
    key_copy_event:
        "copy the event's JSON",
        "copiar el JSON del evento",
        "copiar o JSON do evento";
    key_results_back:
        "clear the typed filter, else back to the query (JSON: to the events)",
        "borrar el filtro escrito, si no volver a la consulta (JSON: a los eventos)",
        "limpar o filtro digitado, senão voltar à consulta (JSON: aos eventos)";
    key_following_back:
        "clear the typed filter, else stop following and quit (tail)",
        "borrar el filtro escrito, si no dejar de seguir y salir (tail)",
        "limpar o filtro digitado, senão parar de acompanhar e sair (tail)";
    short_back:
        "back",
        "volver",
        "voltar";
    toast_copied_event:
        "Copied the event's JSON to the clipboard.",
        "JSON del evento copiado al portapapeles.",
        "JSON do evento copiado para a área de transferência.";
    context_results:
        "Events found (after running)",
        "Eventos encontrados (tras ejecutar)",
        "Eventos encontrados (após executar)";
    key_pick:
        "pick by name: users, stages, list options, catalogs, custom fields",
        "elegir por nombre: usuarios, etapas, opciones de lista, catálogos, campos personalizados",
        "escolher pelo nome: usuários, etapas, opções de lista, catálogos, campos personalizados";
    short_pick:
        "names",
        "nombres",
        "nomes";
    short_pick_chosen:
        "pick",
        "elegir",
        "escolher";
    short_details:
        "details",
        "detalle",
        "detalhes";
    key_details:
        "the highlighted type's details in full (F9 or Esc: back to the list)",
        "el detalle del tipo resaltado en grande (F9 o Esc: volver a la lista)",
        "os detalhes do tipo destacado em tela cheia (F9 ou Esc: voltar à lista)";
    key_copy_code:
        "copy the highlighted type's code alone",
        "copiar solo el código del tipo resaltado",
        "copiar só o código do tipo destacado";
    short_copy_code:
        "copy code",
        "copiar código",
        "copiar código";
    key_open_docs:
        "open the highlighted type's docs page in the browser",
        "abrir en el navegador la página de documentación del tipo resaltado",
        "abrir no navegador a página de documentação do tipo destacado";
    short_open_docs:
        "docs",
        "documentación",
        "documentação";
    key_open_entity:
        "open the highlighted event's lead, contact, company, customer or tasks in Kommo, in the browser",
        "abrir en Kommo, en el navegador, el lead, contacto, empresa, cliente o tareas del evento resaltado",
        "abrir na Kommo, no navegador, o lead, contato, empresa, cliente ou tarefas do evento destacado";
    short_open_page:
        "open in Kommo",
        "abrir en Kommo",
        "abrir na Kommo";
    toast_copied_code:
        "Copied the code to the clipboard.",
        "Código copiado al portapapeles.",
        "Código copiado para a área de transferência.";
    detail_value_shape:
        "Value",
        "Valor",
        "Valor";
    detail_no_value_shape:
        "not documented",
        "sin documentar",
        "não documentado";
    detail_keys_hint:
        "Ctrl-G opens the docs page · Alt-C copies the code · F9 or Esc: back to the list",
        "Ctrl-G abre la documentación · Alt-C copia el código · F9 o Esc: volver a la lista",
        "Ctrl-G abre a documentação · Alt-C copia o código · F9 ou Esc: voltar à lista";
    detail_docs:
        "Docs",
        "Docs",
        "Docs";
    tiny_back:
        "back",
        "volver",
        "voltar";
    tiny_filter:
        "filter",
        "filtro",
        "filtro";
    tiny_details:
        "info",
        "info",
        "info";
    tiny_print:
        "print",
        "imprimir",
        "imprimir";
    tiny_run:
        "run",
        "ejecutar",
        "executar";
    tiny_copy:
        "copy",
        "copiar",
        "copiar";
    tiny_format:
        "fmt",
        "formato",
        "formato";
    tiny_help:
        "help",
        "ayuda",
        "ajuda";
    tiny_quit:
        "quit",
        "salir",
        "sair";
    picker_users:
        "Users",
        "Usuarios",
        "Usuários";
    picker_stages:
        "Pipeline › Stage",
        "Embudo › Etapa",
        "Funil › Etapa";
    picker_choices:
        "List field options",
        "Opciones de campos de lista",
        "Opções de campos de lista";
    picker_entities:
        "Entities and catalogs",
        "Entidades y catálogos",
        "Entidades e catálogos";
    picker_with:
        "Names to add to each event (with)",
        "Nombres que añadir a cada evento (with)",
        "Nomes a adicionar a cada evento (with)";
    picker_fields:
        "Custom fields",
        "Campos personalizados",
        "Campos personalizados";
    picker_no_match:
        "Nothing matches; Ctrl-U clears the filter.",
        "Nada coincide; Ctrl-U borra el filtro.",
        "Nada corresponde; Ctrl-U limpa o filtro.";
    /// Why there is no user to pick: `/api/v4/users` needs an admin's token.
    picker_missing_users:
        "No users known: run `kommo-events account refresh` (needs an admin token) or pass --account-dir DIR.",
        "No se conocen usuarios: ejecuta `kommo-events account refresh` (requiere un token de administrador) o usa --account-dir DIR.",
        "Nenhum usuário conhecido: execute `kommo-events account refresh` (requer um token de administrador) ou use --account-dir DIR.";
    missing_stages:
        "pipelines",
        "embudos",
        "funis";
    missing_choices:
        "list fields with options",
        "campos de lista con opciones",
        "campos de lista com opções";
    missing_catalogs:
        "catalogs",
        "catálogos",
        "catálogos";
    missing_fields:
        "custom fields",
        "campos personalizados",
        "campos personalizados";
    /// How `created_by` 0 (the robot, the system or the API) is named beside user names.
    name_robot:
        "robot",
        "robot",
        "robô";
}

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
    fn portuguese_locale_gives_portuguese() {
        assert_eq!(Lang::from_locale(env(&[("LANG", "pt_BR.UTF-8")])), Lang::Pt);
        assert_eq!(Lang::from_locale(env(&[("LC_MESSAGES", "pt_PT"), ("LANG", "en_US")])), Lang::Pt);
    }

    #[test]
    fn other_or_missing_locale_gives_english() {
        assert_eq!(Lang::from_locale(env(&[("LANG", "fr_FR.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "C")])), Lang::En);
    }
}
