//! The filter composer's fields as the user typed them, and what they compose to: the `Filter`,
//! the errors of fields that do not parse (their text is kept as typed), the broken rules, and
//! the query string. Typing never throws anything away: value filters that the selected types
//! do not accept are kept, shown as not applied, and left out of the query until they apply.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::filter::date::Bound;
use crate::filter::format::{self, FormatOptions, QueryFormat};
use crate::filter::{self, parse, CreatedAt, FieldError, Filter, Parameter, Problem, Side, ValueKey};

use super::input::TextInput;

/// One row of the composer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComposerField {
    Types,
    Entity,
    EntityId,
    CreatedBy,
    CreatedFrom,
    CreatedTo,
    EventIds,
    /// `filter[value_before|value_after][key]`.
    Value(Side, ValueKey),
    With,
    Limit,
    Page,
}

const LEADING: [ComposerField; 7] = [
    ComposerField::Types,
    ComposerField::Entity,
    ComposerField::EntityId,
    ComposerField::CreatedBy,
    ComposerField::CreatedFrom,
    ComposerField::CreatedTo,
    ComposerField::EventIds,
];
const TRAILING: [ComposerField; 3] = [ComposerField::With, ComposerField::Limit, ComposerField::Page];

pub use crate::filter::date::{format_in_zone, moment, Zone};

/// The composer's editable state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composer {
    inputs: HashMap<ComposerField, TextInput>,
    /// The focused row.
    pub focused: ComposerField,
    /// The highlighted chip when the Types row has focus.
    pub chip: usize,
}

impl Default for Composer {
    fn default() -> Self {
        Composer { inputs: HashMap::new(), focused: ComposerField::Types, chip: 0 }
    }
}

impl ComposerField {
    /// A stable name for saved state, e.g. `entity_id` or `value_after.leads_statuses`.
    pub fn key(self) -> String {
        let plain = match self {
            ComposerField::Types => "types",
            ComposerField::Entity => "entity",
            ComposerField::EntityId => "entity_id",
            ComposerField::CreatedBy => "created_by",
            ComposerField::CreatedFrom => "created_from",
            ComposerField::CreatedTo => "created_to",
            ComposerField::EventIds => "id",
            ComposerField::With => "with",
            ComposerField::Limit => "limit",
            ComposerField::Page => "page",
            ComposerField::Value(side, key) => {
                let side = match side {
                    Side::Before => "value_before",
                    Side::After => "value_after",
                };
                return format!("{side}.{}", key.code());
            }
        };
        plain.to_string()
    }

    /// Every text field, for reading saved state back.
    pub fn text_fields() -> impl Iterator<Item = ComposerField> {
        let values =
            ValueKey::ALL.into_iter().flat_map(|key| Side::BOTH.map(|side| ComposerField::Value(side, key)));
        LEADING.into_iter().skip(1).chain(values).chain(TRAILING)
    }
}

impl Composer {
    /// The typed text of every non-empty field, by [`ComposerField::key`].
    pub fn texts_by_key(&self) -> std::collections::BTreeMap<String, String> {
        ComposerField::text_fields()
            .filter(|field| !self.text(*field).is_empty())
            .map(|field| (field.key(), self.text(field).to_string()))
            .collect()
    }

    /// A composer holding saved texts; unknown keys (from a newer version) are ignored.
    pub fn from_texts(texts: &std::collections::BTreeMap<String, String>) -> Composer {
        let mut composer = Composer::default();
        for field in ComposerField::text_fields() {
            if let Some(text) = texts.get(&field.key()) {
                composer.set_text(field, text);
            }
        }
        composer
    }

    /// The composer that writes `filter` (a decoded query): every field as a user would type it.
    /// Dates come back as `YYYY-MM-DD HH:MM` when that reads back to the same second, else as Unix
    /// seconds, so loading never shifts a range.
    pub fn from_filter(filter: &Filter, zone: Zone) -> Composer {
        let mut composer = Composer::default();
        let list = |items: Vec<String>| items.join(",");
        let numbers = |ids: &[u64]| list(ids.iter().map(u64::to_string).collect());
        composer.set_text(ComposerField::Entity, &list(filter.entities.iter().map(|e| e.code()).collect()));
        composer.set_text(ComposerField::EntityId, &numbers(&filter.entity_ids));
        composer.set_text(ComposerField::CreatedBy, &numbers(&filter.created_by));
        composer.set_text(ComposerField::CreatedFrom, &date_text(filter.created_at.from, Bound::From, zone));
        composer.set_text(ComposerField::CreatedTo, &date_text(filter.created_at.to, Bound::To, zone));
        composer.set_text(ComposerField::EventIds, &filter.event_ids.join(","));
        composer
            .set_text(ComposerField::With, &list(filter.with.iter().map(|w| w.code().to_string()).collect()));
        composer.set_text(ComposerField::Limit, &filter.limit.map(|n| n.to_string()).unwrap_or_default());
        composer.set_text(ComposerField::Page, &filter.page.map(|n| n.to_string()).unwrap_or_default());
        for side in Side::BOTH {
            let value = filter.value(side);
            let pairs =
                value.leads_statuses.iter().map(|p| format!("{}:{}", p.pipeline_id, p.status_id)).collect();
            composer.set_text(ComposerField::Value(side, ValueKey::LeadsStatuses), &list(pairs));
            composer.set_text(
                ComposerField::Value(side, ValueKey::CustomersStatuses),
                &numbers(&value.customers_statuses),
            );
            composer.set_text(
                ComposerField::Value(side, ValueKey::ResponsibleUserId),
                &numbers(&value.responsible_user_ids),
            );
            composer.set_text(
                ComposerField::Value(side, ValueKey::CustomFieldValues),
                &numbers(&value.custom_field_values),
            );
            composer
                .set_text(ComposerField::Value(side, ValueKey::Value), value.value.as_deref().unwrap_or(""));
        }
        composer.inputs.retain(|_, input| !input.is_empty());
        composer
    }

    /// The text typed in a field (empty for the Types row, which has chips instead).
    pub fn text(&self, field: ComposerField) -> &str {
        self.inputs.get(&field).map_or("", TextInput::text)
    }

    /// The input behind a text field (`None` for the Types row).
    pub fn input(&self, field: ComposerField) -> Option<&TextInput> {
        const EMPTY: &TextInput = &TextInput::new();
        (field != ComposerField::Types).then(|| self.inputs.get(&field).unwrap_or(EMPTY))
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_input_mut(&mut self) -> Option<&mut TextInput> {
        (self.focused != ComposerField::Types).then(|| self.inputs.entry(self.focused).or_default())
    }

    /// Replaces a field's text (loading a filter, tests).
    /// The field a query parameter is typed in, when it has one of its own (`filter[created_at]`
    /// is two fields, From and To, and has none).
    pub fn field_of(parameter: Parameter) -> Option<ComposerField> {
        Some(match parameter {
            Parameter::Type => ComposerField::Types,
            Parameter::Entity => ComposerField::Entity,
            Parameter::EntityId => ComposerField::EntityId,
            Parameter::CreatedBy => ComposerField::CreatedBy,
            Parameter::Id => ComposerField::EventIds,
            Parameter::ValueBefore(key) => ComposerField::Value(Side::Before, key),
            Parameter::ValueAfter(key) => ComposerField::Value(Side::After, key),
            Parameter::With => ComposerField::With,
            Parameter::Limit => ComposerField::Limit,
            Parameter::Page => ComposerField::Page,
            Parameter::CreatedAt => return None,
        })
    }

    /// Adds `text` to the end of a field's list (`5` + `abc` → `5, abc`).
    pub fn append_item(&mut self, field: ComposerField, text: &str) {
        let joined = match self.text(field).trim() {
            "" => text.to_owned(),
            current => format!("{current}, {text}"),
        };
        self.set_text(field, &joined);
    }

    pub fn set_text(&mut self, field: ComposerField, text: &str) {
        if field != ComposerField::Types {
            self.inputs.insert(field, TextInput::with_text(text));
        }
    }

    /// The rows shown for these selected types: every plain field, and the value filters that the
    /// types accept or that hold text (a value loaded with no type, as in the docs' examples).
    pub fn rows(&self, types: &[String]) -> Vec<ComposerField> {
        let values =
            ValueKey::ALL.into_iter().flat_map(|key| Side::BOTH.map(|side| ComposerField::Value(side, key)));
        let shown_values = values.filter(|field| match field {
            ComposerField::Value(_, key) => {
                filter::value_key_accepted_by(*key, types) || !self.text(*field).is_empty()
            }
            _ => false,
        });
        LEADING.into_iter().chain(shown_values).chain(TRAILING).collect()
    }

    /// Moves the focus to the next (`step` 1) or previous (-1) row, wrapping.
    pub fn move_focus(&mut self, types: &[String], step: isize) {
        let rows = self.rows(types);
        let current = rows.iter().position(|field| *field == self.focused).unwrap_or(0);
        let next = (current as isize + step).rem_euclid(rows.len() as isize) as usize;
        self.focused = rows[next];
    }

    /// Keeps the focus on a row that is still shown after the selection changed.
    pub fn keep_focus_visible(&mut self, types: &[String]) {
        if !self.rows(types).contains(&self.focused) {
            self.focused = ComposerField::Types;
        }
    }
}

/// What the composer's state means right now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Composed {
    /// The filter built from every field that parses and applies.
    pub filter: Filter,
    /// Fields whose text does not parse; they are left out of the filter until fixed.
    pub field_errors: Vec<(ComposerField, FieldError)>,
    /// Value filters kept but left out because no selected type accepts them.
    pub not_applied: Vec<ComposerField>,
    /// Rules the filter breaks (errors and warnings).
    pub problems: Vec<Problem>,
    /// The readable query string.
    pub query: String,
    /// The filter in the chosen output format (what Enter prints and Ctrl-Y copies).
    pub output: String,
}

impl Composed {
    /// True when nothing is wrong enough to be rejected by the API.
    pub fn is_valid(&self) -> bool {
        self.field_errors.is_empty() && self.problems.iter().all(|p| p.severity != filter::Severity::Error)
    }

    /// The parse error of one field, if any.
    pub fn error_of(&self, field: ComposerField) -> Option<&FieldError> {
        self.field_errors.iter().find(|(f, _)| *f == field).map(|(_, error)| error)
    }
}

/// Builds the filter from the selected type codes (kept in catalog order) and the typed fields.
pub fn compose(
    selection: &[String],
    composer: &Composer,
    zone: Zone,
    options: &FormatOptions,
    format: QueryFormat,
) -> Composed {
    let mut errors = Vec::new();
    let text = |field| composer.text(field);
    let entities = read(&mut errors, composer, ComposerField::Entity, parse::parse_entities);
    let entity_ids = read(&mut errors, composer, ComposerField::EntityId, parse::parse_id_list);
    let created_by = read(&mut errors, composer, ComposerField::CreatedBy, parse::parse_user_list);
    let from =
        read(&mut errors, composer, ComposerField::CreatedFrom, |text| moment(text, Bound::From, zone));
    let to = read(&mut errors, composer, ComposerField::CreatedTo, |text| moment(text, Bound::To, zone));
    let event_ids = read(&mut errors, composer, ComposerField::EventIds, parse::parse_event_ids);
    let with = read(&mut errors, composer, ComposerField::With, parse::parse_with_names);
    let limit = read(&mut errors, composer, ComposerField::Limit, parse::parse_positive);
    let page = read(&mut errors, composer, ComposerField::Page, parse::parse_positive);
    let mut filter = Filter {
        types: selection.to_vec(),
        entities,
        entity_ids,
        created_by,
        created_at: CreatedAt { from, to },
        event_ids,
        with,
        limit,
        page,
        ..Filter::default()
    };
    let mut not_applied = Vec::new();
    for key in ValueKey::ALL {
        for side in Side::BOTH {
            let field = ComposerField::Value(side, key);
            if text(field).trim().is_empty() {
                continue;
            }
            let applies = filter::value_key_applies(key, selection);
            let parsed = apply_value(&mut filter, side, key, text(field), applies);
            parse::or_record(&mut errors, field, parsed);
            if !applies {
                not_applied.push(field);
            }
        }
    }
    let problems = filter::validate_written(&filter, &options.encode);
    let query = filter::to_query(&filter, &options.encode);
    let output = format::render(&filter, format, options);
    Composed { filter, field_errors: errors, not_applied, problems, query, output }
}

/// A field's value, or its default (empty) with the parse error recorded: the text stays as typed
/// and the rest of the filter is built without it.
fn read<T: Default>(
    errors: &mut Vec<(ComposerField, FieldError)>,
    composer: &Composer,
    field: ComposerField,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> T {
    parse::or_record(errors, field, parse(composer.text(field))).unwrap_or_default()
}

/// Parses one value filter's text and, when it applies, puts it into the filter.
fn apply_value(
    filter: &mut Filter,
    side: Side,
    key: ValueKey,
    text: &str,
    applies: bool,
) -> Result<(), FieldError> {
    let mut scratch = filter::ValueFilter::default();
    let target = if applies {
        match side {
            Side::Before => &mut filter.value_before,
            Side::After => &mut filter.value_after,
        }
    } else {
        &mut scratch
    };
    match key {
        ValueKey::LeadsStatuses => target.leads_statuses = parse::parse_stage_pairs(text)?,
        ValueKey::CustomersStatuses => target.customers_statuses = parse::parse_id_list(text)?,
        ValueKey::ResponsibleUserId => target.responsible_user_ids = parse::parse_user_list(text)?,
        ValueKey::CustomFieldValues => target.custom_field_values = parse::parse_id_list(text)?,
        ValueKey::Value => target.value = parse::parse_value(text),
    }
    Ok(())
}

fn date_text(seconds: Option<i64>, bound: Bound, zone: Zone) -> String {
    let Some(seconds) = seconds else { return String::new() };
    let readable = format_in_zone(seconds, zone);
    match moment(&readable, bound, zone) {
        Ok(Some(back)) if back == seconds => readable,
        _ => seconds.to_string(),
    }
}

/// Sorts codes in catalog order (a per-field code sorts where its template is), so the query is
/// stable whatever order the user picked them in.
pub fn sort_by_catalog(codes: &mut [String], catalog: &Catalog) {
    let position = |code: &str| {
        let lookup =
            if filter::per_field_type_id(code).is_some() { crate::catalog::PER_FIELD_TEMPLATE } else { code };
        catalog.events().iter().position(|event| event.code == lookup).unwrap_or(usize::MAX)
    };
    codes.sort_by(|a, b| position(a).cmp(&position(b)).then(a.cmp(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn value_rows_appear_only_for_types_that_accept_them() {
        let composer = Composer::default();
        let rows = composer.rows(&types(&["lead_status_changed"]));
        assert!(rows.contains(&ComposerField::Value(Side::After, ValueKey::LeadsStatuses)));
        assert!(!rows.contains(&ComposerField::Value(Side::After, ValueKey::Value)));
        assert!(!composer
            .rows(&types(&["lead_added"]))
            .iter()
            .any(|f| matches!(f, ComposerField::Value(..))));
    }

    #[test]
    fn a_value_that_no_longer_applies_is_kept_shown_and_left_out() {
        let mut composer = Composer::default();
        composer.set_text(ComposerField::Value(Side::After, ValueKey::Value), "155");
        let sale = types(&["sale_field_changed"]);
        let composed =
            compose(&sale, &composer, Zone::Fixed(0), &FormatOptions::default(), QueryFormat::Query);
        assert_eq!(composed.query, "filter[type]=sale_field_changed&filter[value_after][value]=155");
        let other = types(&["lead_added"]);
        let composed =
            compose(&other, &composer, Zone::Fixed(0), &FormatOptions::default(), QueryFormat::Query);
        assert_eq!(composed.query, "filter[type]=lead_added");
        assert_eq!(composed.not_applied, vec![ComposerField::Value(Side::After, ValueKey::Value)]);
        assert!(composer.rows(&other).contains(&ComposerField::Value(Side::After, ValueKey::Value)));
        assert_eq!(composer.text(ComposerField::Value(Side::After, ValueKey::Value)), "155");
    }

    #[test]
    fn stage_pairs_become_indexed_leads_statuses() {
        let mut composer = Composer::default();
        composer.set_text(ComposerField::Value(Side::After, ValueKey::LeadsStatuses), "12345:142, 12345:143");
        let composed = compose(
            &types(&["lead_status_changed"]),
            &composer,
            Zone::Fixed(0),
            &FormatOptions::default(),
            QueryFormat::Query,
        );
        assert_eq!(
            composed.query,
            "filter[type]=lead_status_changed\
             &filter[value_after][leads_statuses][0][pipeline_id]=12345&filter[value_after][leads_statuses][0][status_id]=142\
             &filter[value_after][leads_statuses][1][pipeline_id]=12345&filter[value_after][leads_statuses][1][status_id]=143"
        );
    }

    #[test]
    fn a_filter_loads_back_into_fields_that_compose_to_it() {
        let query = "filter[type]=lead_status_changed&filter[entity]=lead&filter[entity_id]=5&filter[created_by]=0,7\
                     &filter[created_at]=1767225600,1767311999\
                     &filter[value_after][leads_statuses][0][pipeline_id]=12345&filter[value_after][leads_statuses][0][status_id]=142\
                     &with=lead_name&page=2&limit=100";
        let decoded = filter::decode::decode(query);
        let composer = Composer::from_filter(&decoded.filter, Zone::Fixed(0));
        assert_eq!(composer.text(ComposerField::CreatedFrom), "2026-01-01 00:00");
        assert_eq!(composer.text(ComposerField::CreatedTo), "2026-01-01 23:59");
        let composed = compose(
            &decoded.filter.types,
            &composer,
            Zone::Fixed(0),
            &FormatOptions::default(),
            QueryFormat::Query,
        );
        assert_eq!(composed.query, query);
    }

    #[test]
    fn a_date_that_is_not_a_whole_minute_loads_as_seconds() {
        assert_eq!(date_text(Some(1_767_225_630), Bound::From, Zone::Fixed(0)), "1767225630");
    }

    #[test]
    fn texts_survive_a_round_trip_through_their_keys() {
        let mut composer = Composer::default();
        composer.set_text(ComposerField::EntityId, "1,2");
        composer.set_text(ComposerField::Value(Side::Before, ValueKey::LeadsStatuses), "1:2");
        let texts = composer.texts_by_key();
        assert_eq!(texts.get("value_before.leads_statuses").map(String::as_str), Some("1:2"));
        let restored = Composer::from_texts(&texts);
        assert_eq!(restored.text(ComposerField::EntityId), "1,2");
        assert_eq!(restored.text(ComposerField::Value(Side::Before, ValueKey::LeadsStatuses)), "1:2");
    }

    #[test]
    fn focus_moves_through_the_shown_rows_and_wraps() {
        let mut composer = Composer::default();
        let selection = types(&["entity_responsible_changed"]);
        composer.move_focus(&selection, -1);
        assert_eq!(composer.focused, ComposerField::Page);
        composer.focused = ComposerField::EventIds;
        composer.move_focus(&selection, 1);
        assert_eq!(composer.focused, ComposerField::Value(Side::Before, ValueKey::ResponsibleUserId));
    }
}
