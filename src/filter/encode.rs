//! A filter → the query string of `GET /api/v4/events`.
//!
//! Kommo's sources disagree on how lists and ranges are written, so both forms are options; the
//! defaults are the forms that work on every account we know of (see [`RangeStyle`]). Parameters always come in one order
//! (the order of [`Parameter`]), so the same filter always gives the same string.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use serde::Serialize;

use super::model::{Filter, Parameter, Side, ValueKey};

/// How a list parameter is written (`comma` or `brackets` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// `filter[type]=a,b`: current Kommo docs and the official PHP SDK.
    #[default]
    Comma,
    /// `filter[type][]=a&filter[type][]=b`: amoCRM docs and older Kommo docs.
    Brackets,
}

/// How `filter[created_at]` is written (`from_to` or `comma` in JSON).
///
/// The sources disagree: the current Kommo docs print `[from]`/`[to]`, the official PHP SDK sends
/// `A,B`, and a script run against a live Kommo account measured that the events route answers
/// `[from]`/`[to]` with 400 "Invalid params" while `A,B` works. So `A,B` is the default: it is the
/// form that works everywhere we know of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeStyle {
    /// `filter[created_at]=A,B` (the default): the PHP SDK's form, measured to work on a live
    /// account. A single value means "created after A", as the current docs say.
    #[default]
    Comma,
    /// `filter[created_at][from]=A&filter[created_at][to]=B`: the current Kommo docs' form, which a
    /// live account answered with 400.
    FromTo,
}

impl ListStyle {
    /// Every style, for help texts and config validation.
    pub const ALL: [ListStyle; 2] = [ListStyle::Comma, ListStyle::Brackets];

    /// The name used by `--list-style` and the config file.
    pub fn name(self) -> &'static str {
        match self {
            ListStyle::Comma => "comma",
            ListStyle::Brackets => "brackets",
        }
    }

    /// Parses a name from [`ListStyle::name`].
    pub fn parse(text: &str) -> Option<ListStyle> {
        Self::ALL.into_iter().find(|style| style.name().eq_ignore_ascii_case(text.trim()))
    }
}

impl RangeStyle {
    /// Every style, for help texts and config validation.
    pub const ALL: [RangeStyle; 2] = [RangeStyle::Comma, RangeStyle::FromTo];

    /// The name used by `--range-style` and the config file.
    pub fn name(self) -> &'static str {
        match self {
            RangeStyle::FromTo => "from-to",
            RangeStyle::Comma => "comma",
        }
    }

    /// The other style: the one a 400 answer to this one is retried in.
    pub fn other(self) -> RangeStyle {
        match self {
            RangeStyle::Comma => RangeStyle::FromTo,
            RangeStyle::FromTo => RangeStyle::Comma,
        }
    }

    /// Parses a name from [`RangeStyle::name`].
    pub fn parse(text: &str) -> Option<RangeStyle> {
        Self::ALL.into_iter().find(|style| style.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// The choices of the two styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct EncodeOptions {
    /// Lists: comma or repeated `[]`.
    pub list_style: ListStyle,
    /// `created_at`: `[from]`/`[to]` or `A,B`.
    pub range_style: RangeStyle,
}

impl EncodeOptions {
    /// Every combination of the two styles, defaults first: for tests and for a list of choices.
    pub const ALL: [EncodeOptions; 4] = [
        EncodeOptions { list_style: ListStyle::Comma, range_style: RangeStyle::Comma },
        EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::Comma },
        EncodeOptions { list_style: ListStyle::Comma, range_style: RangeStyle::FromTo },
        EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::FromTo },
    ];
}

/// One `key=value` of the query; a list value keeps its items apart so the readable form can
/// tell a separating comma from a comma inside an item.
struct Pair {
    key: String,
    items: Vec<String>,
}

impl Pair {
    fn one(key: impl Into<String>, item: impl Into<String>) -> Pair {
        Pair { key: key.into(), items: vec![item.into()] }
    }
}

/// The unencoded `(key, value)` pairs in query order; list items are joined by commas.
pub fn to_pairs(filter: &Filter, options: &EncodeOptions) -> Vec<(String, String)> {
    pairs(filter, options).into_iter().map(|pair| (pair.key, pair.items.join(","))).collect()
}

/// The query as the Kommo docs print it: brackets and separating commas as they are, and only
/// what would break the query inside a value (`&`, `=`, `#`, `+`, `%`, `,`, spaces, non-ASCII,
/// control characters) percent-encoded. Empty for an empty filter.
pub fn to_query(filter: &Filter, options: &EncodeOptions) -> String {
    pairs(filter, options)
        .iter()
        .map(|pair| {
            let items: Vec<String> = pair.items.iter().map(|i| readable_encode(i)).collect();
            format!("{}={}", pair.key, items.join(","))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The query with keys and values fully percent-encoded ([`percent_encode`]), for tools that
/// do not accept brackets (curl without `-g`).
pub fn to_encoded_query(filter: &Filter, options: &EncodeOptions) -> String {
    to_pairs(filter, options)
        .iter()
        .map(|(key, value)| format!("{}={}", percent_encode(key), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Every ASCII byte but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// What would end, split or change a value in a readable query: controls, space and `& = # + % ,`.
const BREAKS_A_VALUE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'&').add(b'=').add(b'#').add(b'+').add(b'%').add(b',');

/// Percent-encodes every byte but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`),
/// in uppercase hex: `[` → `%5B`, `,` → `%2C`, space → `%20`, `é` → `%C3%A9`.
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// Keeps every visible ASCII character but those that end, split or change a value (non-ASCII
/// is always encoded).
fn readable_encode(s: &str) -> String {
    utf8_percent_encode(s, BREAKS_A_VALUE).to_string()
}

fn pairs(filter: &Filter, options: &EncodeOptions) -> Vec<Pair> {
    let mut out = Vec::new();
    let style = options.list_style;
    push_list(&mut out, Parameter::Type, filter.types.clone(), style);
    let entities = filter.entities.iter().map(|e| e.code()).collect();
    push_list(&mut out, Parameter::Entity, entities, style);
    push_list(&mut out, Parameter::EntityId, numbers(&filter.entity_ids), style);
    push_list(&mut out, Parameter::CreatedBy, numbers(&filter.created_by), style);
    push_created_at(&mut out, filter, options.range_style);
    push_list(&mut out, Parameter::Id, filter.event_ids.clone(), style);
    for side in Side::BOTH {
        push_value(&mut out, filter, side, style);
    }
    push_with(&mut out, filter);
    if let Some(page) = filter.page {
        out.push(Pair::one(Parameter::Page.name(), page.to_string()));
    }
    if let Some(limit) = filter.limit {
        out.push(Pair::one(Parameter::Limit.name(), limit.to_string()));
    }
    out
}

fn numbers(ids: &[u64]) -> Vec<String> {
    ids.iter().map(u64::to_string).collect()
}

fn push_list(out: &mut Vec<Pair>, parameter: Parameter, items: Vec<String>, style: ListStyle) {
    if items.is_empty() {
        return;
    }
    let key = parameter.name();
    match style {
        ListStyle::Comma => out.push(Pair { key: key.to_owned(), items }),
        ListStyle::Brackets => {
            out.extend(items.into_iter().map(|item| Pair::one(format!("{key}[]"), item)));
        }
    }
}

fn push_created_at(out: &mut Vec<Pair>, filter: &Filter, style: RangeStyle) {
    let key = Parameter::CreatedAt.name();
    let range = &filter.created_at;
    match style {
        RangeStyle::FromTo => {
            if let Some(from) = range.from {
                out.push(Pair::one(format!("{key}[from]"), from.to_string()));
            }
            if let Some(to) = range.to {
                out.push(Pair::one(format!("{key}[to]"), to.to_string()));
            }
        }
        RangeStyle::Comma => {
            // One value means "after it", so an open start is written as 0 (the epoch).
            let items = match (range.from, range.to) {
                (None, None) => return,
                (Some(from), None) => vec![from.to_string()],
                (from, Some(to)) => vec![from.unwrap_or(0).to_string(), to.to_string()],
            };
            out.push(Pair { key: key.to_owned(), items });
        }
    }
}

fn push_value(out: &mut Vec<Pair>, filter: &Filter, side: Side, style: ListStyle) {
    let value = filter.value(side);
    let statuses = Parameter::value(side, ValueKey::LeadsStatuses).name();
    // Indexed in both list styles: a pair is only a pair with its index.
    for (index, pair) in value.leads_statuses.iter().enumerate() {
        let at = format!("{statuses}[{index}]");
        out.push(Pair::one(format!("{at}[pipeline_id]"), pair.pipeline_id.to_string()));
        out.push(Pair::one(format!("{at}[status_id]"), pair.status_id.to_string()));
    }
    let customer_stages = Parameter::value(side, ValueKey::CustomersStatuses).name();
    for (index, status) in value.customers_statuses.iter().enumerate() {
        out.push(Pair::one(format!("{customer_stages}[{index}][status_id]"), status.to_string()));
    }
    let users = numbers(&value.responsible_user_ids);
    push_list(out, Parameter::value(side, ValueKey::ResponsibleUserId), users, style);
    let enums = numbers(&value.custom_field_values);
    push_list(out, Parameter::value(side, ValueKey::CustomFieldValues), enums, style);
    if let Some(text) = value.value_text() {
        out.push(Pair::one(Parameter::value(side, ValueKey::Value).name(), text));
    }
}

/// `with` is a comma list in every doc, whatever the list style of the filters.
fn push_with(out: &mut Vec<Pair>, filter: &Filter) {
    if filter.with.is_empty() {
        return;
    }
    out.push(Pair {
        key: Parameter::With.name().to_owned(),
        items: filter.with.iter().map(|w| w.code().to_owned()).collect(),
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::filter::model::{CreatedAt, Entity, StagePair, ValueFilter, WithName};

    /// Comma lists, `[from]`/`[to]` range: the current Kommo docs' forms.
    pub(crate) const COMMA: EncodeOptions =
        EncodeOptions { list_style: ListStyle::Comma, range_style: RangeStyle::FromTo };
    /// Bracket lists, `[from]`/`[to]` range.
    pub(crate) const BRACKETS: EncodeOptions =
        EncodeOptions { list_style: ListStyle::Brackets, range_style: RangeStyle::FromTo };
    /// Comma lists, `A,B` range: the defaults.
    pub(crate) const COMMA_RANGE: EncodeOptions =
        EncodeOptions { list_style: ListStyle::Comma, range_style: RangeStyle::Comma };

    fn types(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| (*c).to_owned()).collect()
    }

    fn after(value: ValueFilter) -> Filter {
        Filter { value_after: value, ..Filter::default() }
    }

    #[test]
    fn defaults_are_the_forms_that_work_on_every_account() {
        assert_eq!(EncodeOptions::default(), COMMA_RANGE);
        assert_eq!(EncodeOptions::ALL[0], EncodeOptions::default());
    }

    #[test]
    fn empty_filter_is_the_empty_string() {
        let empty = Filter::default();
        for options in [COMMA, BRACKETS, COMMA_RANGE] {
            assert_eq!(to_query(&empty, &options), "");
            assert_eq!(to_encoded_query(&empty, &options), "");
            assert!(to_pairs(&empty, &options).is_empty());
        }
    }

    #[test]
    fn docs_example_of_a_day_of_leads_comes_out_exactly() {
        let filter = Filter {
            types: types(&["lead_added", "lead_status_changed"]),
            entities: vec![Entity::Lead],
            created_at: CreatedAt { from: Some(1_767_225_600), to: Some(1_767_311_999) },
            limit: Some(100),
            ..Filter::default()
        };
        assert_eq!(
            to_query(&filter, &COMMA),
            "filter[type]=lead_added,lead_status_changed&filter[entity]=lead\
             &filter[created_at][from]=1767225600&filter[created_at][to]=1767311999&limit=100"
        );
        assert_eq!(
            to_query(&filter, &EncodeOptions::default()),
            "filter[type]=lead_added,lead_status_changed&filter[entity]=lead\
             &filter[created_at]=1767225600,1767311999&limit=100"
        );
    }

    #[test]
    fn type_list_in_comma_and_bracket_styles() {
        let filter = Filter { types: types(&["lead_added", "lead_status_changed"]), ..Filter::default() };
        assert_eq!(to_query(&filter, &COMMA), "filter[type]=lead_added,lead_status_changed");
        assert_eq!(
            to_query(&filter, &BRACKETS),
            "filter[type][]=lead_added&filter[type][]=lead_status_changed"
        );
    }

    #[test]
    fn encoded_brackets_are_the_same_query() {
        let filter = Filter { types: types(&["lead_added", "lead_status_changed"]), ..Filter::default() };
        assert_eq!(to_encoded_query(&filter, &COMMA), "filter%5Btype%5D=lead_added%2Clead_status_changed");
        assert_eq!(
            to_encoded_query(&filter, &BRACKETS),
            "filter%5Btype%5D%5B%5D=lead_added&filter%5Btype%5D%5B%5D=lead_status_changed"
        );
    }

    #[test]
    fn created_at_range_in_both_styles() {
        let filter = Filter { created_at: CreatedAt { from: Some(100), to: Some(200) }, ..Filter::default() };
        assert_eq!(to_query(&filter, &COMMA), "filter[created_at][from]=100&filter[created_at][to]=200");
        assert_eq!(to_query(&filter, &COMMA_RANGE), "filter[created_at]=100,200");
    }

    #[test]
    fn created_at_with_only_from_means_after() {
        let filter = Filter { created_at: CreatedAt { from: Some(100), to: None }, ..Filter::default() };
        assert_eq!(to_query(&filter, &COMMA), "filter[created_at][from]=100");
        assert_eq!(to_query(&filter, &COMMA_RANGE), "filter[created_at]=100");
    }

    #[test]
    fn created_at_with_only_to_starts_at_zero_in_comma_style() {
        let filter = Filter { created_at: CreatedAt { from: None, to: Some(200) }, ..Filter::default() };
        assert_eq!(to_query(&filter, &COMMA), "filter[created_at][to]=200");
        assert_eq!(to_query(&filter, &COMMA_RANGE), "filter[created_at]=0,200");
    }

    #[test]
    fn leads_statuses_example_is_indexed_in_both_styles() {
        let filter = after(ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 12345, status_id: 99_999_999 }],
            ..ValueFilter::default()
        });
        let expected = "filter[value_after][leads_statuses][0][pipeline_id]=12345\
                        &filter[value_after][leads_statuses][0][status_id]=99999999";
        assert_eq!(to_query(&filter, &COMMA), expected);
        assert_eq!(to_query(&filter, &BRACKETS), expected);
    }

    #[test]
    fn several_stages_count_up_their_index() {
        let filter = Filter {
            value_before: ValueFilter {
                leads_statuses: vec![
                    StagePair { pipeline_id: 1, status_id: 142 },
                    StagePair { pipeline_id: 1, status_id: 143 },
                ],
                ..ValueFilter::default()
            },
            ..Filter::default()
        };
        assert_eq!(
            to_query(&filter, &COMMA),
            "filter[value_before][leads_statuses][0][pipeline_id]=1\
             &filter[value_before][leads_statuses][0][status_id]=142\
             &filter[value_before][leads_statuses][1][pipeline_id]=1\
             &filter[value_before][leads_statuses][1][status_id]=143"
        );
    }

    #[test]
    fn responsible_user_example_in_both_styles() {
        let filter =
            after(ValueFilter { responsible_user_ids: vec![3231, 412_314], ..ValueFilter::default() });
        assert_eq!(to_query(&filter, &COMMA), "filter[value_after][responsible_user_id]=3231,412314");
        assert_eq!(
            to_query(&filter, &BRACKETS),
            "filter[value_after][responsible_user_id][]=3231\
             &filter[value_after][responsible_user_id][]=412314"
        );
    }

    #[test]
    fn custom_field_values_example_in_both_styles() {
        let filter = Filter {
            types: types(&["custom_field_777777_value_changed"]),
            value_after: ValueFilter { custom_field_values: vec![145, 157], ..ValueFilter::default() },
            ..Filter::default()
        };
        assert_eq!(
            to_query(&filter, &COMMA),
            "filter[type]=custom_field_777777_value_changed\
             &filter[value_after][custom_field_values]=145,157"
        );
        assert_eq!(
            to_query(&filter, &BRACKETS),
            "filter[type][]=custom_field_777777_value_changed\
             &filter[value_after][custom_field_values][]=145\
             &filter[value_after][custom_field_values][]=157"
        );
    }

    #[test]
    fn sale_value_example_comes_out_exactly() {
        let filter = Filter {
            types: types(&["sale_field_changed"]),
            entities: vec![Entity::Lead],
            value_after: ValueFilter { value: Some("155".to_owned()), ..ValueFilter::default() },
            ..Filter::default()
        };
        assert_eq!(
            to_query(&filter, &COMMA),
            "filter[type]=sale_field_changed&filter[entity]=lead&filter[value_after][value]=155"
        );
        assert_eq!(
            to_query(&filter, &BRACKETS),
            "filter[type][]=sale_field_changed&filter[entity][]=lead\
             &filter[value_after][value]=155"
        );
    }

    #[test]
    fn empty_value_is_omitted() {
        let filter = after(ValueFilter { value: Some(String::new()), ..ValueFilter::default() });
        assert_eq!(to_query(&filter, &COMMA), "");
    }

    #[test]
    fn every_parameter_comes_in_the_stable_order() {
        let side = ValueFilter {
            leads_statuses: vec![StagePair { pipeline_id: 5, status_id: 6 }],
            customers_statuses: vec![135751],
            responsible_user_ids: vec![7],
            custom_field_values: vec![8],
            value: Some("9".to_owned()),
        };
        let filter = Filter {
            types: types(&["t"]),
            entities: vec![Entity::Catalog(4)],
            entity_ids: vec![1],
            created_by: vec![0, 2],
            created_at: CreatedAt { from: Some(10), to: Some(20) },
            event_ids: types(&["e1", "e2"]),
            value_before: side.clone(),
            value_after: side,
            with: vec![WithName::LeadName, WithName::CatalogElementName],
            limit: Some(50),
            page: Some(3),
        };
        let keys: Vec<String> = to_pairs(&filter, &COMMA).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "filter[type]",
                "filter[entity]",
                "filter[entity_id]",
                "filter[created_by]",
                "filter[created_at][from]",
                "filter[created_at][to]",
                "filter[id]",
                "filter[value_before][leads_statuses][0][pipeline_id]",
                "filter[value_before][leads_statuses][0][status_id]",
                "filter[value_before][customers_statuses][0][status_id]",
                "filter[value_before][responsible_user_id]",
                "filter[value_before][custom_field_values]",
                "filter[value_before][value]",
                "filter[value_after][leads_statuses][0][pipeline_id]",
                "filter[value_after][leads_statuses][0][status_id]",
                "filter[value_after][customers_statuses][0][status_id]",
                "filter[value_after][responsible_user_id]",
                "filter[value_after][custom_field_values]",
                "filter[value_after][value]",
                "with",
                "page",
                "limit",
            ]
        );
        assert_eq!(
            to_query(&filter, &BRACKETS),
            "filter[type][]=t&filter[entity][]=catalog_4&filter[entity_id][]=1\
             &filter[created_by][]=0&filter[created_by][]=2\
             &filter[created_at][from]=10&filter[created_at][to]=20\
             &filter[id][]=e1&filter[id][]=e2\
             &filter[value_before][leads_statuses][0][pipeline_id]=5\
             &filter[value_before][leads_statuses][0][status_id]=6\
             &filter[value_before][customers_statuses][0][status_id]=135751\
             &filter[value_before][responsible_user_id][]=7\
             &filter[value_before][custom_field_values][]=8&filter[value_before][value]=9\
             &filter[value_after][leads_statuses][0][pipeline_id]=5\
             &filter[value_after][leads_statuses][0][status_id]=6\
             &filter[value_after][customers_statuses][0][status_id]=135751\
             &filter[value_after][responsible_user_id][]=7\
             &filter[value_after][custom_field_values][]=8&filter[value_after][value]=9\
             &with=lead_name,catalog_element_name&page=3&limit=50"
        );
    }

    #[test]
    fn pairs_are_unencoded() {
        let filter = Filter {
            types: types(&["a", "b"]),
            value_after: ValueFilter { value: Some("a&b".to_owned()), ..ValueFilter::default() },
            ..Filter::default()
        };
        assert_eq!(
            to_pairs(&filter, &COMMA),
            vec![
                ("filter[type]".to_owned(), "a,b".to_owned()),
                ("filter[value_after][value]".to_owned(), "a&b".to_owned()),
            ]
        );
    }

    #[test]
    fn readable_query_encodes_what_would_break_a_value() {
        let filter = after(ValueFilter {
            value: Some("a&b=c#d+e%f g,h\u{7}ñ[i]".to_owned()),
            ..ValueFilter::default()
        });
        assert_eq!(
            to_query(&filter, &COMMA),
            "filter[value_after][value]=a%26b%3Dc%23d%2Be%25f%20g%2Ch%07%C3%B1[i]"
        );
    }

    #[test]
    fn encoded_query_encodes_the_value_fully() {
        let filter = after(ValueFilter { value: Some("Ñandú 1,5".to_owned()), ..ValueFilter::default() });
        assert_eq!(
            to_encoded_query(&filter, &COMMA),
            "filter%5Bvalue_after%5D%5Bvalue%5D=%C3%91and%C3%BA%201%2C5"
        );
    }

    #[test]
    fn a_comma_inside_a_list_item_is_not_a_separator() {
        let filter = Filter { event_ids: types(&["a,b", "c"]), ..Filter::default() };
        assert_eq!(to_query(&filter, &COMMA), "filter[id]=a%2Cb,c");
    }

    #[test]
    fn percent_encode_keeps_only_unreserved() {
        assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(percent_encode("[],& /"), "%5B%5D%2C%26%20%2F");
        assert_eq!(percent_encode("é😀"), "%C3%A9%F0%9F%98%80");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn with_stays_a_comma_list_in_bracket_style() {
        let filter = Filter { with: vec![WithName::ContactName, WithName::LeadName], ..Filter::default() };
        assert_eq!(to_query(&filter, &BRACKETS), "with=contact_name,lead_name");
    }
}
