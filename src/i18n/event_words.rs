//! The words an event's change is told in ([`crate::events::describe`]), in English, Spanish and
//! Portuguese.

use crate::i18n::Lang;

/// Labels and fallbacks for describing one event.
pub struct EventWords {
    /// `Stage: A → B`
    pub stage: &'static str,
    /// `Tags: +a −b`
    pub tags: &'static str,
    /// `Budget: 1,000 → 1,500` (the lead's sale field)
    pub budget: &'static str,
    /// `Responsible: Ana → Luis`
    pub responsible: &'static str,
    /// `Name: old → new`
    pub name: &'static str,
    /// `Note: 123`
    pub note: &'static str,
    /// `Incoming call: +34 600 000 000, 2:05 (Zadarma)`
    pub call_in: &'static str,
    /// `Outgoing call: …`
    pub call_out: &'static str,
    /// `SMS from +34 600…: text`
    pub sms_from: &'static str,
    /// `SMS to +34 600…: text`
    pub sms_to: &'static str,
    /// `Task text: call back → send the offer`
    pub task_text: &'static str,
    /// `Deadline: 2026-01-02 18:00 → 2026-01-03 18:00`
    pub deadline: &'static str,
    /// `Task type: 1 → 2`
    pub task_type: &'static str,
    /// An unknown task type: `type 2`.
    pub type_id: &'static str,
    /// `Bot: 31` (the helpbot an AI event names)
    pub bot: &'static str,
    /// `NPS: 9`
    pub nps: &'static str,
    /// `Message: 0a1b…` (a chat or direct message)
    pub message: &'static str,
    /// `Linked: contact 123`
    pub linked: &'static str,
    /// `Unlinked: company 5`
    pub unlinked: &'static str,
    /// `Customer stage: 1 → 2`
    pub customer_stage: &'static str,
    /// `Transaction: 77`
    pub transaction: &'static str,
    /// `talk contact 123`: the contact of a chat linked to the lead or customer.
    pub talk_contact: &'static str,
    /// Entity types in words: lead, contact, company, customer, task, catalog element.
    pub entities: [(&'static str, &'static str); 6],
    /// `created_by` 0: the robot, the system or the API.
    pub robot: &'static str,
    /// An unknown user: `user 12`.
    pub user: &'static str,
    /// An unknown custom field: `field 777`.
    pub field: &'static str,
    /// An unknown pipeline: `pipeline 100`.
    pub pipeline: &'static str,
    /// An unknown stage: `stage 1001`.
    pub stage_id: &'static str,
    /// Stage 142 when its name is unknown.
    pub won: &'static str,
    /// Stage 143 when its name is unknown.
    pub lost: &'static str,
    /// An empty side of a change.
    pub nothing: &'static str,
    /// Between thousands: `1,000` / `1.000`.
    pub thousands: char,
    /// Before decimals: `1.5` / `1,5`.
    pub decimal: char,
}

static EN: EventWords = EventWords {
    stage: "Stage",
    tags: "Tags",
    budget: "Budget",
    responsible: "Responsible",
    name: "Name",
    note: "Note",
    call_in: "Incoming call",
    call_out: "Outgoing call",
    sms_from: "SMS from",
    sms_to: "SMS to",
    task_text: "Task text",
    deadline: "Deadline",
    task_type: "Task type",
    type_id: "type",
    bot: "Bot",
    nps: "NPS",
    message: "Message",
    linked: "Linked",
    unlinked: "Unlinked",
    customer_stage: "Customer stage",
    transaction: "Transaction",
    talk_contact: "talk contact",
    entities: [
        ("lead", "lead"),
        ("contact", "contact"),
        ("company", "company"),
        ("customer", "customer"),
        ("task", "task"),
        ("catalog_element", "catalog element"),
    ],
    robot: "robot",
    user: "user",
    field: "field",
    pipeline: "pipeline",
    stage_id: "stage",
    won: "won",
    lost: "lost",
    nothing: "—",
    thousands: ',',
    decimal: '.',
};

static ES: EventWords = EventWords {
    stage: "Etapa",
    tags: "Etiquetas",
    budget: "Presupuesto",
    responsible: "Responsable",
    name: "Nombre",
    note: "Nota",
    call_in: "Llamada entrante",
    call_out: "Llamada saliente",
    sms_from: "SMS de",
    sms_to: "SMS a",
    task_text: "Texto de la tarea",
    deadline: "Vencimiento",
    task_type: "Tipo de tarea",
    type_id: "tipo",
    bot: "Bot",
    nps: "NPS",
    message: "Mensaje",
    linked: "Vinculado",
    unlinked: "Desvinculado",
    customer_stage: "Etapa del cliente",
    transaction: "Transacción",
    talk_contact: "contacto de la conversación",
    entities: [
        ("lead", "lead"),
        ("contact", "contacto"),
        ("company", "compañía"),
        ("customer", "cliente"),
        ("task", "tarea"),
        ("catalog_element", "elemento de catálogo"),
    ],
    robot: "robot",
    user: "usuario",
    field: "campo",
    pipeline: "embudo",
    stage_id: "etapa",
    won: "ganado",
    lost: "perdido",
    nothing: "—",
    thousands: '.',
    decimal: ',',
};

static PT: EventWords = EventWords {
    stage: "Etapa",
    tags: "Tags",
    budget: "Orçamento",
    responsible: "Responsável",
    name: "Nome",
    note: "Nota",
    call_in: "Chamada recebida",
    call_out: "Chamada feita",
    sms_from: "SMS de",
    sms_to: "SMS para",
    task_text: "Texto da tarefa",
    deadline: "Prazo",
    task_type: "Tipo de tarefa",
    type_id: "tipo",
    bot: "Bot",
    nps: "NPS",
    message: "Mensagem",
    linked: "Vinculado",
    unlinked: "Desvinculado",
    customer_stage: "Etapa do cliente",
    transaction: "Transação",
    talk_contact: "contato da conversa",
    entities: [
        ("lead", "lead"),
        ("contact", "contato"),
        ("company", "empresa"),
        ("customer", "cliente"),
        ("task", "tarefa"),
        ("catalog_element", "elemento de catálogo"),
    ],
    robot: "robô",
    user: "usuário",
    field: "campo",
    pipeline: "funil",
    stage_id: "etapa",
    won: "ganho",
    lost: "perdido",
    nothing: "—",
    thousands: '.',
    decimal: ',',
};

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static EventWords {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
        Lang::Pt => &PT,
    }
}

/// The label of one custom field's `custom_field_{ID}_value_changed` type, from the field's name.
pub fn field_changed(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Field “{name}” changed"),
        Lang::Es => format!("Campo «{name}» modificado"),
        Lang::Pt => format!("Alteração no campo “{name}”"),
    }
}
