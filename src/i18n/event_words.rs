//! The words an event's change is told in ([`crate::events::describe`]), in English and Spanish.

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
    /// The label of one custom field's `custom_field_{ID}_value_changed` type: `{name}` is the
    /// field's name.
    pub field_changed: &'static str,
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
    robot: "robot",
    user: "user",
    field: "field",
    pipeline: "pipeline",
    stage_id: "stage",
    won: "won",
    lost: "lost",
    nothing: "—",
    field_changed: "Field “{name}” changed",
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
    robot: "robot",
    user: "usuario",
    field: "campo",
    pipeline: "embudo",
    stage_id: "etapa",
    won: "ganado",
    lost: "perdido",
    nothing: "—",
    field_changed: "Campo «{name}» modificado",
    thousands: '.',
    decimal: ',',
};

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static EventWords {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}
