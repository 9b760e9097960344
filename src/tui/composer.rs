//! The filter composer's rows as the user typed them (text inputs with their cursors, the focus,
//! the highlighted chip), and what they compose to: the `Filter` their [`Draft`] builds (the one
//! the command line's flags build too), the broken rules, and the query string. Typing never throws anything away: value filters that the selected types
//! do not accept are kept, shown as not applied, and left out of the query until they apply.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::filter::date::Bound;
use crate::filter::format::{self, FormatOptions, QueryFormat};
pub use crate::filter::DraftField;
use crate::filter::{self, Built, Draft, FieldError, Filter, Parameter, Problem, Side, ValueKey};

use super::input::TextInput;

const LEADING: [DraftField; 7] = [
    DraftField::Types,
    DraftField::Entity,
    DraftField::EntityId,
    DraftField::CreatedBy,
    DraftField::CreatedFrom,
    DraftField::CreatedTo,
    DraftField::EventIds,
];
const TRAILING: [DraftField; 3] = [DraftField::With, DraftField::Limit, DraftField::Page];

pub use crate::filter::date::{format_in_zone, moment, Zone};

/// The composer's editable state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Composer {
    inputs: HashMap<DraftField, TextInput>,
    /// The focused row.
    pub focused: DraftField,
    /// The highlighted chip when the Types row has focus.
    pub chip: usize,
}

impl Default for Composer {
    fn default() -> Self {
        Composer { inputs: HashMap::new(), focused: DraftField::Types, chip: 0 }
    }
}

impl Composer {
    /// The draft these rows hold, for these selected types.
    pub fn draft(&self, selection: &[String]) -> Draft {
        let mut draft = Draft::new(selection.to_vec());
        for (field, input) in &self.inputs {
            draft.set(*field, input.text());
        }
        draft
    }

    /// The typed text of every non-empty field, by [`DraftField::key`].
    pub fn texts_by_key(&self) -> std::collections::BTreeMap<String, String> {
        DraftField::text_fields()
            .filter(|field| !self.text(*field).is_empty())
            .map(|field| (field.key(), self.text(field).to_string()))
            .collect()
    }

    /// A composer holding saved texts; unknown keys (from a newer version) are ignored.
    pub fn from_texts(texts: &std::collections::BTreeMap<String, String>) -> Composer {
        let mut composer = Composer::default();
        for field in DraftField::text_fields() {
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
        composer.set_text(DraftField::Entity, &list(filter.entities.iter().map(|e| e.code()).collect()));
        composer.set_text(DraftField::EntityId, &numbers(&filter.entity_ids));
        composer.set_text(DraftField::CreatedBy, &numbers(&filter.created_by));
        composer.set_text(DraftField::CreatedFrom, &date_text(filter.created_at.from, Bound::From, zone));
        composer.set_text(DraftField::CreatedTo, &date_text(filter.created_at.to, Bound::To, zone));
        composer.set_text(DraftField::EventIds, &filter.event_ids.join(","));
        composer
            .set_text(DraftField::With, &list(filter.with.iter().map(|w| w.code().to_string()).collect()));
        composer.set_text(DraftField::Limit, &filter.limit.map(|n| n.to_string()).unwrap_or_default());
        composer.set_text(DraftField::Page, &filter.page.map(|n| n.to_string()).unwrap_or_default());
        for side in Side::BOTH {
            let value = filter.value(side);
            let pairs =
                value.leads_statuses.iter().map(|p| format!("{}:{}", p.pipeline_id, p.status_id)).collect();
            composer.set_text(DraftField::Value(side, ValueKey::LeadsStatuses), &list(pairs));
            composer.set_text(
                DraftField::Value(side, ValueKey::CustomersStatuses),
                &numbers(&value.customers_statuses),
            );
            composer.set_text(
                DraftField::Value(side, ValueKey::ResponsibleUserId),
                &numbers(&value.responsible_user_ids),
            );
            composer.set_text(
                DraftField::Value(side, ValueKey::CustomFieldValues),
                &numbers(&value.custom_field_values),
            );
            composer.set_text(DraftField::Value(side, ValueKey::Value), value.value.as_deref().unwrap_or(""));
        }
        composer.inputs.retain(|_, input| !input.is_empty());
        composer
    }

    /// The text typed in a field (empty for the Types row, which has chips instead).
    pub fn text(&self, field: DraftField) -> &str {
        self.inputs.get(&field).map_or("", TextInput::text)
    }

    /// The input behind a text field (`None` for the Types row).
    pub fn input(&self, field: DraftField) -> Option<&TextInput> {
        const EMPTY: &TextInput = &TextInput::new();
        (field != DraftField::Types).then(|| self.inputs.get(&field).unwrap_or(EMPTY))
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_input_mut(&mut self) -> Option<&mut TextInput> {
        (self.focused != DraftField::Types).then(|| self.inputs.entry(self.focused).or_default())
    }

    /// The field a query parameter is typed in, when it has one of its own.
    pub fn field_of(parameter: Parameter) -> Option<DraftField> {
        DraftField::of_parameter(parameter)
    }

    /// Adds `text` to the end of a field's list (`5` + `abc` → `5, abc`).
    pub fn append_item(&mut self, field: DraftField, text: &str) {
        let joined = match self.text(field).trim() {
            "" => text.to_owned(),
            current => format!("{current}, {text}"),
        };
        self.set_text(field, &joined);
    }

    /// Replaces a field's text (loading a filter, tests).
    pub fn set_text(&mut self, field: DraftField, text: &str) {
        if field != DraftField::Types {
            self.inputs.insert(field, TextInput::with_text(text));
        }
    }

    /// The rows shown for these selected types: every plain field, and the value filters that the
    /// types accept or that hold text (a value loaded with no type, as in the docs' examples).
    pub fn rows(&self, types: &[String]) -> Vec<DraftField> {
        let shown_values = DraftField::values().filter(|field| match field {
            DraftField::Value(_, key) => {
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
            self.focused = DraftField::Types;
        }
    }
}

/// What the composer's state means right now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Composed {
    /// The filter built from every field that parses and applies.
    pub filter: Filter,
    /// Fields whose text does not parse; they are left out of the filter until fixed.
    pub field_errors: Vec<(DraftField, FieldError)>,
    /// Value filters kept but left out because no selected type accepts them.
    pub not_applied: Vec<DraftField>,
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
    pub fn error_of(&self, field: DraftField) -> Option<&FieldError> {
        self.field_errors.iter().find(|(f, _)| *f == field).map(|(_, error)| error)
    }
}

/// Builds the filter from the selected type codes (kept in catalog order) and the typed fields,
/// through the same [`Draft`] the command line's flags build.
pub fn compose(
    selection: &[String],
    composer: &Composer,
    zone: Zone,
    now: i64,
    options: &FormatOptions,
    format: QueryFormat,
) -> Composed {
    let Built { filter, field_errors, not_applied } = composer.draft(selection).build(zone, now);
    let problems = filter::validate_written(&filter, &options.encode);
    let query = filter::to_query(&filter, &options.encode);
    let output = format::render(&filter, format, options);
    Composed { filter, field_errors, not_applied, problems, query, output }
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
        catalog.events().iter().position(|event| event.code() == lookup).unwrap_or(usize::MAX)
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
        assert!(rows.contains(&DraftField::Value(Side::After, ValueKey::LeadsStatuses)));
        assert!(!rows.contains(&DraftField::Value(Side::After, ValueKey::Value)));
        assert!(!composer.rows(&types(&["lead_added"])).iter().any(|f| matches!(f, DraftField::Value(..))));
    }

    #[test]
    fn a_value_that_no_longer_applies_is_kept_shown_and_left_out() {
        let mut composer = Composer::default();
        composer.set_text(DraftField::Value(Side::After, ValueKey::Value), "155");
        let sale = types(&["sale_field_changed"]);
        let composed =
            compose(&sale, &composer, Zone::Fixed(0), 0, &FormatOptions::default(), QueryFormat::Query);
        assert_eq!(composed.query, "filter[type]=sale_field_changed&filter[value_after][value]=155");
        let other = types(&["lead_added"]);
        let composed =
            compose(&other, &composer, Zone::Fixed(0), 0, &FormatOptions::default(), QueryFormat::Query);
        assert_eq!(composed.query, "filter[type]=lead_added");
        assert_eq!(composed.not_applied, vec![DraftField::Value(Side::After, ValueKey::Value)]);
        assert!(composer.rows(&other).contains(&DraftField::Value(Side::After, ValueKey::Value)));
        assert_eq!(composer.text(DraftField::Value(Side::After, ValueKey::Value)), "155");
    }

    #[test]
    fn stage_pairs_become_indexed_leads_statuses() {
        let mut composer = Composer::default();
        composer.set_text(DraftField::Value(Side::After, ValueKey::LeadsStatuses), "12345:142, 12345:143");
        let composed = compose(
            &types(&["lead_status_changed"]),
            &composer,
            Zone::Fixed(0),
            0,
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
        assert_eq!(composer.text(DraftField::CreatedFrom), "2026-01-01 00:00");
        assert_eq!(composer.text(DraftField::CreatedTo), "2026-01-01 23:59");
        let composed = compose(
            &decoded.filter.types,
            &composer,
            Zone::Fixed(0),
            0,
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
        composer.set_text(DraftField::EntityId, "1,2");
        composer.set_text(DraftField::Value(Side::Before, ValueKey::LeadsStatuses), "1:2");
        let texts = composer.texts_by_key();
        assert_eq!(texts.get("value_before.leads_statuses").map(String::as_str), Some("1:2"));
        let restored = Composer::from_texts(&texts);
        assert_eq!(restored.text(DraftField::EntityId), "1,2");
        assert_eq!(restored.text(DraftField::Value(Side::Before, ValueKey::LeadsStatuses)), "1:2");
    }

    #[test]
    fn focus_moves_through_the_shown_rows_and_wraps() {
        let mut composer = Composer::default();
        let selection = types(&["entity_responsible_changed"]);
        composer.move_focus(&selection, -1);
        assert_eq!(composer.focused, DraftField::Page);
        composer.focused = DraftField::EventIds;
        composer.move_focus(&selection, 1);
        assert_eq!(composer.focused, DraftField::Value(Side::Before, ValueKey::ResponsibleUserId));
    }
}
