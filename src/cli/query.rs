//! `kommo-events query`: the filter from flags, through the same parsers, rules and encoder as
//! the explorer's composer.

use crate::filter::date::Bound;
use crate::filter::{parse, CreatedAt, FieldError, Filter, Parameter, Side, ValueFilter, ValueKey};
use crate::tui::composer::{moment, Zone};

use super::args::FilterArgs;

/// The filter the flags describe, and the flags whose values do not parse (with the parameter).
pub fn filter_from_args(args: &FilterArgs, zone: Zone) -> (Filter, Vec<(Parameter, FieldError)>) {
    let mut errors = Vec::new();
    let joined = |values: &[String]| values.join(",");
    let types =
        args.types.iter().flat_map(|list| list.split(',')).map(str::trim).filter(|code| !code.is_empty());
    let mut filter = Filter {
        types: parse::dedup(types.map(str::to_string)),
        entities: parse::or_record(
            &mut errors,
            Parameter::Entity,
            parse::parse_entities(&joined(&args.entity)),
        )
        .unwrap_or_default(),
        entity_ids: parse::or_record(
            &mut errors,
            Parameter::EntityId,
            parse::parse_id_list(&joined(&args.entity_id)),
        )
        .unwrap_or_default(),
        created_by: parse::or_record(
            &mut errors,
            Parameter::CreatedBy,
            parse::parse_user_list(&joined(&args.created_by)),
        )
        .unwrap_or_default(),
        created_at: CreatedAt::default(),
        event_ids: parse::or_record(&mut errors, Parameter::Id, parse::parse_event_ids(&joined(&args.ids)))
            .unwrap_or_default(),
        with: parse::or_record(&mut errors, Parameter::With, parse::parse_with_names(&joined(&args.with)))
            .unwrap_or_default(),
        limit: parse::or_record(
            &mut errors,
            Parameter::Limit,
            parse::parse_positive(args.limit.as_deref().unwrap_or("")),
        )
        .flatten(),
        page: parse::or_record(
            &mut errors,
            Parameter::Page,
            parse::parse_positive(args.page.as_deref().unwrap_or("")),
        )
        .flatten(),
        ..Filter::default()
    };
    let date = |text: &Option<String>, bound| moment(text.as_deref().unwrap_or(""), bound, zone);
    filter.created_at.from =
        parse::or_record(&mut errors, Parameter::CreatedAt, date(&args.created_from, Bound::From)).flatten();
    filter.created_at.to =
        parse::or_record(&mut errors, Parameter::CreatedAt, date(&args.created_to, Bound::To)).flatten();
    let sides = [
        (Side::Before, &args.status_before, &args.responsible_before, &args.enum_before, &args.value_before),
        (Side::After, &args.status_after, &args.responsible_after, &args.enum_after, &args.value_after),
    ];
    for (side, customer_stages) in
        [(Side::Before, &args.customer_status_before), (Side::After, &args.customer_status_after)]
    {
        let at = Parameter::value(side, ValueKey::CustomersStatuses);
        let stages = parse::or_record(&mut errors, at, parse::parse_id_list(&joined(customer_stages)));
        let target = match side {
            Side::Before => &mut filter.value_before,
            Side::After => &mut filter.value_after,
        };
        target.customers_statuses = stages.unwrap_or_default();
    }
    for (side, statuses, responsible, enums, value) in sides {
        let at = |key| Parameter::value(side, key);
        let target: &mut ValueFilter = match side {
            Side::Before => &mut filter.value_before,
            Side::After => &mut filter.value_after,
        };
        target.leads_statuses = parse::or_record(
            &mut errors,
            at(ValueKey::LeadsStatuses),
            parse::parse_stage_pairs(&joined(statuses)),
        )
        .unwrap_or_default();
        target.responsible_user_ids = parse::or_record(
            &mut errors,
            at(ValueKey::ResponsibleUserId),
            parse::parse_user_list(&joined(responsible)),
        )
        .unwrap_or_default();
        target.custom_field_values = parse::or_record(
            &mut errors,
            at(ValueKey::CustomFieldValues),
            parse::parse_id_list(&joined(enums)),
        )
        .unwrap_or_default();
        target.value = value.as_deref().and_then(parse::parse_value);
    }
    (filter, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{to_query, EncodeOptions};

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
        let (filter, errors) = filter_from_args(&args, Zone::Fixed(0));
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
        let (filter, _) = filter_from_args(&args, Zone::Fixed(0));
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
        let (filter, errors) = filter_from_args(&args, Zone::Fixed(0));
        assert!(errors.is_empty());
        assert_eq!(filter.value_before.leads_statuses.len(), 1);
        assert_eq!(filter.value_after.leads_statuses[0].status_id, 143);
    }

    #[test]
    fn a_bad_value_is_reported_with_its_parameter() {
        let args =
            FilterArgs { entity_id: vec!["12x".into()], created_to: Some("2026-02-30".into()), ..args() };
        let (_, errors) = filter_from_args(&args, Zone::Fixed(0));
        let parameters: Vec<Parameter> = errors.iter().map(|(p, _)| *p).collect();
        assert_eq!(parameters, vec![Parameter::EntityId, Parameter::CreatedAt]);
    }
}
