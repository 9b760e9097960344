//! `kommo-events query`: the filter from flags, through the same parsers, rules and encoder as
//! the explorer's composer.

use crate::filter::date::Zone;
use crate::filter::{parse, Built, Draft, DraftField, Side, ValueKey};

use super::args::FilterArgs;

/// The draft the flags write: each flag fills the field the composer has for it, a repeated flag
/// and commas inside one both separate items.
pub fn draft_from_args(args: &FilterArgs) -> Draft {
    let joined = |values: &[String]| values.join(",");
    let single = |value: &Option<String>| value.clone().unwrap_or_default();
    let types =
        args.types.iter().flat_map(|list| list.split(',')).map(str::trim).filter(|code| !code.is_empty());
    let mut draft = Draft::new(parse::dedup(types.map(str::to_string)));
    draft.set(DraftField::Entity, joined(&args.entity));
    draft.set(DraftField::EntityId, joined(&args.entity_id));
    draft.set(DraftField::CreatedBy, joined(&args.created_by));
    draft.set(DraftField::CreatedFrom, single(&args.created_from));
    draft.set(DraftField::CreatedTo, single(&args.created_to));
    draft.set(DraftField::EventIds, joined(&args.ids));
    draft.set(DraftField::With, joined(&args.with));
    draft.set(DraftField::Limit, single(&args.limit));
    draft.set(DraftField::Page, single(&args.page));
    let sides = [
        (
            Side::Before,
            &args.status_before,
            &args.customer_status_before,
            &args.responsible_before,
            &args.enum_before,
            &args.value_before,
        ),
        (
            Side::After,
            &args.status_after,
            &args.customer_status_after,
            &args.responsible_after,
            &args.enum_after,
            &args.value_after,
        ),
    ];
    for (side, stages, customer_stages, responsible, enums, value) in sides {
        draft.set(DraftField::Value(side, ValueKey::LeadsStatuses), joined(stages));
        draft.set(DraftField::Value(side, ValueKey::CustomersStatuses), joined(customer_stages));
        draft.set(DraftField::Value(side, ValueKey::ResponsibleUserId), joined(responsible));
        draft.set(DraftField::Value(side, ValueKey::CustomFieldValues), joined(enums));
        draft.set(DraftField::Value(side, ValueKey::Value), single(value));
    }
    draft
}

/// What the flags build to, dates read in `zone` (and dates in words against Unix second `now`).
pub fn filter_from_args(args: &FilterArgs, zone: Zone, now: i64) -> Built {
    draft_from_args(args).build(zone, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{to_query, EncodeOptions, Parameter};

    fn args() -> FilterArgs {
        FilterArgs::default()
    }

    #[test]
    fn flags_build_the_documented_example() {
        let args = FilterArgs {
            types: vec!["lead_added,lead_status_changed".into()],
            entity: vec!["lead".into()],
            created_from: Some("2026-01-01".into()),
            created_to: Some("2026-01-01".into()),
            limit: Some("100".into()),
            ..args()
        };
        let Built { filter, field_errors: errors, .. } = filter_from_args(&args, Zone::Fixed(0), 0);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            to_query(&filter, &EncodeOptions::default()),
            "filter[type]=lead_added,lead_status_changed&filter[entity]=lead&filter[created_at]=1767225600,1767311999&limit=100"
        );
    }

    #[test]
    fn repeated_and_comma_separated_flags_combine() {
        let args = FilterArgs {
            types: vec!["lead_added".into(), "task_added,lead_added".into()],
            created_by: vec!["1".into(), "2,0".into()],
            ..args()
        };
        let filter = filter_from_args(&args, Zone::Fixed(0), 0).filter;
        assert_eq!(filter.types, vec!["lead_added", "task_added"]);
        assert_eq!(filter.created_by, vec![1, 2, 0]);
    }

    #[test]
    fn value_flags_fill_both_sides() {
        let args = FilterArgs {
            types: vec!["lead_status_changed".into()],
            status_before: vec!["12345:142".into()],
            status_after: vec!["12345:143".into()],
            ..args()
        };
        let Built { filter, field_errors: errors, .. } = filter_from_args(&args, Zone::Fixed(0), 0);
        assert!(errors.is_empty());
        assert_eq!(filter.value_before.leads_statuses.len(), 1);
        assert_eq!(filter.value_after.leads_statuses[0].status_id, 143);
    }

    #[test]
    fn a_bad_value_is_reported_with_its_parameter() {
        let args =
            FilterArgs { entity_id: vec!["12x".into()], created_to: Some("2026-02-30".into()), ..args() };
        let errors = filter_from_args(&args, Zone::Fixed(0), 0).field_errors;
        let parameters: Vec<Parameter> = errors.iter().map(|(field, _)| field.parameter()).collect();
        assert_eq!(parameters, vec![Parameter::EntityId, Parameter::CreatedAt]);
    }
}
