//! A filter as text, field by field, the way a person writes it: the screen's composer rows and
//! the command line's flags both hold a `Draft`, and [`Draft::build`] is the one place that turns
//! it into a [`Filter`]. So the two cannot disagree about what a text means.
//!
//! Nothing typed is thrown away. A field that does not parse is reported with its error and left
//! out; a value filter that none of the types accepts is reported as not applied and left out of
//! the filter until a type that accepts it is chosen (the screen marks the row, the command line
//! says so on stderr).

use std::collections::HashMap;

use super::date::{moment_at, Bound, Zone};
use super::model::{CreatedAt, Filter, Parameter, Side, ValueFilter, ValueKey};
use super::parse::{self, FieldError};
use super::relative::Relative;
use super::rules::value_key_applies;

/// One field of a draft: a row of the composer, a group of flags on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftField {
    /// The event types (chips on the screen, `--type` on the command line); held as a list,
    /// never as text.
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

impl DraftField {
    /// A stable name for saved state, e.g. `entity_id` or `value_after.leads_statuses`.
    pub fn key(self) -> String {
        let plain = match self {
            DraftField::Types => "types",
            DraftField::Entity => "entity",
            DraftField::EntityId => "entity_id",
            DraftField::CreatedBy => "created_by",
            DraftField::CreatedFrom => "created_from",
            DraftField::CreatedTo => "created_to",
            DraftField::EventIds => "id",
            DraftField::With => "with",
            DraftField::Limit => "limit",
            DraftField::Page => "page",
            DraftField::Value(side, key) => {
                let side = match side {
                    Side::Before => "value_before",
                    Side::After => "value_after",
                };
                return format!("{side}.{}", key.code());
            }
        };
        plain.to_string()
    }

    /// Every value filter field, by sub-key and then side.
    pub fn values() -> impl Iterator<Item = DraftField> {
        ValueKey::ALL.into_iter().flat_map(|key| Side::BOTH.map(|side| DraftField::Value(side, key)))
    }

    /// Every field that holds text, in the composer's order.
    pub fn text_fields() -> impl Iterator<Item = DraftField> {
        use DraftField::*;
        [Entity, EntityId, CreatedBy, CreatedFrom, CreatedTo, EventIds]
            .into_iter()
            .chain(DraftField::values())
            .chain([With, Limit, Page])
    }

    /// The field a query parameter is written in, when it has one of its own
    /// (`filter[created_at]` is two fields, From and To, and has none).
    pub fn of_parameter(parameter: Parameter) -> Option<DraftField> {
        Some(match parameter {
            Parameter::Type => DraftField::Types,
            Parameter::Entity => DraftField::Entity,
            Parameter::EntityId => DraftField::EntityId,
            Parameter::CreatedBy => DraftField::CreatedBy,
            Parameter::Id => DraftField::EventIds,
            Parameter::ValueBefore(key) => DraftField::Value(Side::Before, key),
            Parameter::ValueAfter(key) => DraftField::Value(Side::After, key),
            Parameter::With => DraftField::With,
            Parameter::Limit => DraftField::Limit,
            Parameter::Page => DraftField::Page,
            Parameter::CreatedAt => return None,
        })
    }

    /// The query parameter this field writes.
    pub fn parameter(self) -> Parameter {
        match self {
            DraftField::Types => Parameter::Type,
            DraftField::Entity => Parameter::Entity,
            DraftField::EntityId => Parameter::EntityId,
            DraftField::CreatedBy => Parameter::CreatedBy,
            DraftField::CreatedFrom | DraftField::CreatedTo => Parameter::CreatedAt,
            DraftField::EventIds => Parameter::Id,
            DraftField::Value(side, key) => Parameter::value(side, key),
            DraftField::With => Parameter::With,
            DraftField::Limit => Parameter::Limit,
            DraftField::Page => Parameter::Page,
        }
    }
}

/// The types and the text of every field, as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// The selected type codes, in the order the filter should list them.
    pub types: Vec<String>,
    texts: HashMap<DraftField, String>,
}

/// What a draft builds to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    /// The filter made of every field that parses and applies.
    pub filter: Filter,
    /// Fields whose text does not parse, in field order; each is left out until fixed.
    pub field_errors: Vec<(DraftField, FieldError)>,
    /// Value filters that parse but that no selected type accepts: left out of the filter.
    pub not_applied: Vec<DraftField>,
}

impl Draft {
    /// A draft of these types and no text yet.
    pub fn new(types: Vec<String>) -> Draft {
        Draft { types, texts: HashMap::new() }
    }

    /// Sets a field's text (the Types field holds no text and ignores it).
    pub fn set(&mut self, field: DraftField, text: impl Into<String>) {
        if field != DraftField::Types {
            self.texts.insert(field, text.into());
        }
    }

    /// The text of a field, empty when none was written.
    pub fn text(&self, field: DraftField) -> &str {
        self.texts.get(&field).map_or("", String::as_str)
    }

    /// Builds the filter, reading dates in `zone`; dates in words (`last week`) are resolved
    /// against the Unix second `now`.
    pub fn build(&self, zone: Zone, now: i64) -> Built {
        let mut errors = Vec::new();
        let mut filter = Filter {
            types: self.types.clone(),
            entities: self.read(&mut errors, DraftField::Entity, parse::parse_entities),
            entity_ids: self.read(&mut errors, DraftField::EntityId, parse::parse_id_list),
            created_by: self.read(&mut errors, DraftField::CreatedBy, parse::parse_user_list),
            created_at: CreatedAt {
                from: self.read(&mut errors, DraftField::CreatedFrom, |text| {
                    moment_at(text, Bound::From, zone, now)
                }),
                to: self
                    .read(&mut errors, DraftField::CreatedTo, |text| moment_at(text, Bound::To, zone, now)),
            },
            event_ids: self.read(&mut errors, DraftField::EventIds, parse::parse_event_ids),
            with: self.read(&mut errors, DraftField::With, parse::parse_with_names),
            limit: self.read(&mut errors, DraftField::Limit, parse::parse_positive),
            page: self.read(&mut errors, DraftField::Page, parse::parse_positive),
            ..Filter::default()
        };
        // `last week` in From with To left empty means the whole week.
        let span = Relative::parse(self.text(DraftField::CreatedFrom)).filter(|words| words.is_span());
        if span.is_some()
            && self.text(DraftField::CreatedTo).trim().is_empty()
            && filter.created_at.from.is_some()
        {
            filter.created_at.to =
                moment_at(self.text(DraftField::CreatedFrom), Bound::To, zone, now).ok().flatten();
        }
        let mut not_applied = Vec::new();
        for field in DraftField::values() {
            let DraftField::Value(side, key) = field else { continue };
            let text = self.text(field);
            if text.trim().is_empty() {
                continue;
            }
            let mut parsed = ValueFilter::default();
            match read_value(&mut parsed, key, text) {
                Err(error) => errors.push((field, error)),
                Ok(()) if value_key_applies(key, &self.types) => merge(filter.value_mut(side), parsed, key),
                Ok(()) => not_applied.push(field),
            }
        }
        Built { filter, field_errors: errors, not_applied }
    }

    /// A field's value, or its default (empty) with the parse error recorded: the text stays as
    /// written and the rest of the filter is built without it.
    fn read<T: Default>(
        &self,
        errors: &mut Vec<(DraftField, FieldError)>,
        field: DraftField,
        parse: impl Fn(&str) -> Result<T, FieldError>,
    ) -> T {
        parse::or_record(errors, field, parse(self.text(field))).unwrap_or_default()
    }
}

/// Parses one value filter's text into its sub-key of `target`.
fn read_value(target: &mut ValueFilter, key: ValueKey, text: &str) -> Result<(), FieldError> {
    match key {
        ValueKey::LeadsStatuses => target.leads_statuses = parse::parse_stage_pairs(text)?,
        ValueKey::CustomersStatuses => target.customers_statuses = parse::parse_id_list(text)?,
        ValueKey::ResponsibleUserId => target.responsible_user_ids = parse::parse_user_list(text)?,
        ValueKey::CustomFieldValues => target.custom_field_values = parse::parse_id_list(text)?,
        ValueKey::Value => target.value = parse::parse_value(text),
    }
    Ok(())
}

/// Moves one sub-key from `parsed` into `target`.
fn merge(target: &mut ValueFilter, parsed: ValueFilter, key: ValueKey) {
    match key {
        ValueKey::LeadsStatuses => target.leads_statuses = parsed.leads_statuses,
        ValueKey::CustomersStatuses => target.customers_statuses = parsed.customers_statuses,
        ValueKey::ResponsibleUserId => target.responsible_user_ids = parsed.responsible_user_ids,
        ValueKey::CustomFieldValues => target.custom_field_values = parsed.custom_field_values,
        ValueKey::Value => target.value = parsed.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{to_query, EncodeOptions};

    fn draft(types: &[&str], texts: &[(DraftField, &str)]) -> Draft {
        let mut draft = Draft::new(types.iter().map(|t| t.to_string()).collect());
        for (field, text) in texts {
            draft.set(*field, *text);
        }
        draft
    }

    fn query(built: &Built) -> String {
        to_query(&built.filter, &EncodeOptions::default())
    }

    #[test]
    fn every_field_lands_in_its_parameter() {
        let built = draft(
            &["lead_status_changed"],
            &[
                (DraftField::Entity, "lead"),
                (DraftField::CreatedFrom, "2026-01-01"),
                (DraftField::CreatedTo, "2026-01-01"),
                (DraftField::Value(Side::After, ValueKey::LeadsStatuses), "12345:142"),
                (DraftField::Limit, "100"),
            ],
        )
        .build(Zone::Fixed(0), 0);
        assert!(built.field_errors.is_empty(), "{:?}", built.field_errors);
        assert_eq!(
            query(&built),
            "filter[type]=lead_status_changed&filter[entity]=lead&filter[created_at]=1767225600,1767311999\
             &filter[value_after][leads_statuses][0][pipeline_id]=12345\
             &filter[value_after][leads_statuses][0][status_id]=142&limit=100"
        );
    }

    #[test]
    fn a_value_no_type_accepts_is_left_out_and_named() {
        let field = DraftField::Value(Side::After, ValueKey::Value);
        let built = draft(&["lead_added"], &[(field, "155")]).build(Zone::Fixed(0), 0);
        assert_eq!(query(&built), "filter[type]=lead_added");
        assert_eq!(built.not_applied, vec![field]);
        let applied = draft(&["sale_field_changed"], &[(field, "155")]).build(Zone::Fixed(0), 0);
        assert_eq!(query(&applied), "filter[type]=sale_field_changed&filter[value_after][value]=155");
        assert!(applied.not_applied.is_empty());
    }

    #[test]
    fn a_field_that_does_not_parse_is_reported_and_the_rest_still_builds() {
        let built = draft(
            &[],
            &[(DraftField::EntityId, "12x"), (DraftField::CreatedTo, "2026-02-30"), (DraftField::Page, "2")],
        )
        .build(Zone::Fixed(0), 0);
        let fields: Vec<DraftField> = built.field_errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec![DraftField::EntityId, DraftField::CreatedTo]);
        assert_eq!(query(&built), "page=2");
        assert_eq!(DraftField::CreatedTo.parameter(), Parameter::CreatedAt);
    }

    #[test]
    fn a_broken_value_is_an_error_even_when_it_would_not_apply() {
        let field = DraftField::Value(Side::Before, ValueKey::LeadsStatuses);
        let built = draft(&["lead_added"], &[(field, "12345")]).build(Zone::Fixed(0), 0);
        assert_eq!(built.field_errors.len(), 1);
        assert!(built.not_applied.is_empty());
    }

    #[test]
    fn dates_in_words_resolve_against_now_and_a_span_in_from_alone_is_the_whole_span() {
        // Wednesday 2026-12-02 15:30:00 UTC.
        let now = 1_796_225_400;
        let built = draft(&[], &[(DraftField::CreatedFrom, "last week")]).build(Zone::Fixed(0), now);
        assert_eq!(query(&built), "filter[created_at]=1795392000,1795996799");
        let built = draft(&[], &[(DraftField::CreatedFrom, "-7d"), (DraftField::CreatedTo, "hoy")])
            .build(Zone::Fixed(0), now);
        assert_eq!(built.filter.created_at.from, Some(now - 7 * 86_400));
        assert_eq!(built.filter.created_at.to, Some(1_796_255_999));
        let moment = draft(&[], &[(DraftField::CreatedFrom, "-24h")]).build(Zone::Fixed(0), now);
        assert_eq!(moment.filter.created_at.to, None, "a moment ago is no span");
    }

    #[test]
    fn keys_name_every_text_field_once() {
        let keys: Vec<String> = DraftField::text_fields().map(DraftField::key).collect();
        let unique: std::collections::HashSet<&String> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        assert!(keys.contains(&"value_before.customers_statuses".to_string()));
        for field in DraftField::text_fields() {
            assert_eq!(DraftField::of_parameter(field.parameter()).unwrap_or(field), field);
        }
    }
}
