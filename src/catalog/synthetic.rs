//! Deterministic synthetic catalogs, shaped like the `GET /api/v4/events/types` answer of a large
//! Kommo account, for the benchmarks and the scale tests: mostly one
//! `custom_field_{ID}_value_changed` per custom field, labelled like "Campo «Teléfono móvil»
//! cambiado", and some lead, contact and company types named after people and companies, with
//! Spanish accents. The same count always gives the same entries, on every machine.

/// One entry of a synthetic answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticType {
    /// `key`: the code.
    pub code: String,
    /// `type`: Kommo's numeric id.
    pub id: u64,
    /// `lang`: the label.
    pub label: String,
}

const FIELDS: &[&str] = &[
    "Teléfono",
    "Dirección",
    "Compañía",
    "Presupuesto",
    "Categoría",
    "Región",
    "Código postal",
    "Razón social",
    "Fecha de renovación",
    "Número de contrato",
    "Canal de adquisición",
    "Próxima acción",
    "Correo electrónico",
    "Cumpleaños",
    "Ciudad",
    "País",
    "Tamaño de la empresa",
    "Facturación anual",
    "Responsable técnico",
    "Origen del lead",
    "Línea de producto",
    "Situación fiscal",
    "Nº de empleados",
    "Método de pago",
];

const QUALIFIERS: &[&str] = &[
    "móvil",
    "principal",
    "secundario",
    "de facturación",
    "del cliente",
    "interno",
    "de envío",
    "comercial",
    "alternativo",
    "2024",
    "(México)",
    "(España)",
    "",
    "",
];

const FIRST_NAMES: &[&str] = &[
    "María José",
    "José Luis",
    "Sofía",
    "Martín",
    "Lucía",
    "Andrés",
    "Mónica",
    "Iñaki",
    "Begoña",
    "Raúl",
    "Inés",
    "Ramón",
    "Ángela",
    "Joaquín",
];

const LAST_NAMES: &[&str] = &[
    "Núñez",
    "Muñoz",
    "Gómez",
    "Pérez",
    "Fernández",
    "Ibáñez",
    "Martínez",
    "Sánchez",
    "López",
    "Peña",
    "Gutiérrez",
    "Álvarez",
    "Cortés",
    "Bermúdez",
];

/// Entity-ish types: (code prefix, label prefix, label suffix).
const ENTITY_KINDS: &[(&str, &str, &str)] = &[
    ("lead_stage_reached", "Lead de", "llegó a la etapa"),
    ("contact_segment_joined", "Contacto", "entró en el segmento"),
    ("company_owner_changed", "Compañía de", "cambió de dueño"),
    ("lead_source_assigned", "Lead de", "recibió su origen"),
    ("contact_consent_given", "Contacto", "dio su consentimiento"),
];

/// SplitMix64: a tiny, well-distributed generator, so the entries need no random-number crate
/// and are the same everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// `count` synthetic types with distinct codes, none of them a built-in code. Four in five are
/// per-field types; the rest are entity-ish types named after a person.
pub fn types(count: usize) -> Vec<SyntheticType> {
    let mut random = SplitMix(0x6b6f_6d6d_6f00_0001);
    (0..count)
        .map(|index| {
            let id = 100_000 + index as u64 * 7;
            if !random.next().is_multiple_of(5) {
                field_type(&mut random, id)
            } else {
                entity_type(&mut random, id)
            }
        })
        .collect()
}

fn field_type(random: &mut SplitMix, id: u64) -> SyntheticType {
    let field = random.pick(FIELDS);
    let qualifier = random.pick(QUALIFIERS);
    let name = if qualifier.is_empty() { field.to_string() } else { format!("{field} {qualifier}") };
    SyntheticType {
        code: format!("custom_field_{id}_value_changed"),
        id,
        label: format!("Campo «{name}» cambiado"),
    }
}

fn entity_type(random: &mut SplitMix, id: u64) -> SyntheticType {
    let (code, before, after) = ENTITY_KINDS[(random.next() % ENTITY_KINDS.len() as u64) as usize];
    let person = format!("{} {}", random.pick(FIRST_NAMES), random.pick(LAST_NAMES));
    SyntheticType { code: format!("{code}_{id}"), id, label: format!("{before} {person} {after}") }
}

/// `count` synthetic types as the JSON text of a saved `GET /api/v4/events/types` answer.
pub fn kommo_answer_json(count: usize) -> String {
    let mut text = String::with_capacity(count * 96 + 128);
    text.push_str("{\"_links\":{\"self\":{\"href\":\"https://example.kommo.com/api/v4/events/types?language_code=es\"}},\n");
    text.push_str("\"_embedded\":{\"events_types\":[\n");
    for (index, entry) in types(count).iter().enumerate() {
        if index > 0 {
            text.push_str(",\n");
        }
        text.push_str("{\"key\":");
        push_json_string(&mut text, &entry.code);
        text.push_str(&format!(",\"type\":{},\"lang\":", entry.id));
        push_json_string(&mut text, &entry.label);
        text.push('}');
    }
    text.push_str("\n]}}\n");
    text
}

/// `count` synthetic types as lines of `code label`, the input `fzf --filter` reads in the
/// comparison benchmark.
pub fn lines(count: usize) -> String {
    let mut text = String::with_capacity(count * 80);
    for entry in types(count) {
        text.push_str(&entry.code);
        text.push(' ');
        text.push_str(&entry.label);
        text.push('\n');
    }
    text
}

/// The built-in catalog plus synthetic types up to `total` types in all (at least the built-in
/// ones), loaded through the same path as `--catalog`.
pub fn catalog(total: usize) -> super::Catalog {
    let mut catalog = super::Catalog::builtin();
    let extra = total.saturating_sub(catalog.events().len());
    if extra > 0 {
        // The generator writes valid, duplicate-free JSON (pinned by the tests below).
        catalog.extend_from_json(&kommo_answer_json(extra), "synthetic").expect("synthetic catalog loads");
    }
    catalog
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_count_gives_the_same_types() {
        assert_eq!(types(500), types(500));
        assert_eq!(types(10)[..], types(20)[..10]);
    }

    #[test]
    fn a_synthetic_catalog_has_exactly_the_asked_size() {
        let catalog = catalog(2_000);
        assert_eq!(catalog.events().len(), 2_000);
        assert!(catalog.find("custom_field_100000_value_changed").is_some());
    }

    #[test]
    fn labels_carry_spanish_accents() {
        let all = types(200);
        assert!(all.iter().any(|t| t.label.contains('é') || t.label.contains('ñ') || t.label.contains('í')));
        assert!(all.iter().any(|t| t.code.starts_with("lead_")));
    }
}
