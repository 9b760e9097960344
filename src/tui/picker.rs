//! The account's names in the composer: which names an id field takes, the names of the ids typed
//! in it (shown after the text), and the picker that lists them, filtered with the same search as
//! the event types, so a user can pick "Ana García" instead of looking up 6410231. Typed ids keep
//! working: the picker only writes ids into the field, as the user would type them.

use crate::account::{Account, CustomField, User};
use crate::filter::{self, parse, Entity, ValueKey, WithName};
use crate::i18n::screen_messages;
use crate::i18n::{Lang, Texts};
use crate::search::{fold, rank, Match, Matcher, Query};

use super::composer::DraftField;
use super::input::{Edit, TextInput};

/// Which of the account's names an id field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// User ids; `robot` when the field also takes 0 (the robot, system or API) by name.
    Users { robot: bool },
    /// `pipeline:stage` pairs.
    Stages,
    /// Enum ids: the choices of list-type custom fields.
    Choices,
    /// Entities: the fixed ones (`lead`, `contact`, …) and the account's `catalog_{ID}`.
    Entities,
    /// The values of `with`: the names Kommo can add to each event.
    WithNames,
    /// A custom field's id, for `custom_field_{ID}_value_changed`.
    CustomFields,
}

impl NameKind {
    /// The picker's title.
    pub fn title(self, texts: &Texts) -> &'static str {
        match self {
            NameKind::Users { .. } => texts.picker_users,
            NameKind::Stages => texts.picker_stages,
            NameKind::Choices => texts.picker_choices,
            NameKind::Entities => texts.picker_entities,
            NameKind::WithNames => texts.picker_with,
            NameKind::CustomFields => texts.picker_fields,
        }
    }

    /// Why there is nothing to pick, and how to get the names.
    pub fn missing(self, lang: Lang) -> String {
        let texts = lang.texts();
        let what = match self {
            NameKind::Users { .. } => return texts.picker_missing_users.to_owned(),
            NameKind::Stages => texts.missing_stages,
            NameKind::Choices => texts.missing_choices,
            // Never empty: the fixed entities and `with` values need no account.
            NameKind::Entities | NameKind::WithNames => texts.missing_catalogs,
            NameKind::CustomFields => texts.missing_fields,
        };
        screen_messages::picker_missing(what, lang)
    }

    /// The names a composer field holds, or `None` for a field the account cannot name.
    pub fn of_field(field: DraftField) -> Option<NameKind> {
        match field {
            DraftField::CreatedBy => Some(NameKind::Users { robot: true }),
            DraftField::Value(_, ValueKey::ResponsibleUserId) => Some(NameKind::Users { robot: false }),
            DraftField::Value(_, ValueKey::LeadsStatuses) => Some(NameKind::Stages),
            DraftField::Value(_, ValueKey::CustomFieldValues) => Some(NameKind::Choices),
            DraftField::Entity => Some(NameKind::Entities),
            DraftField::With => Some(NameKind::WithNames),
            _ => None,
        }
    }
}

/// Where a picked value goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickTarget {
    /// A composer field: the value is added to its list.
    Field(DraftField),
    /// The custom field id prompt: the value replaces its text. `typed` is the text it held,
    /// given back when the picker is closed without a pick.
    FieldIdPrompt { typed: TextInput },
}

impl PickTarget {
    /// The names this target takes.
    pub fn kind(&self) -> Option<NameKind> {
        match self {
            PickTarget::Field(field) => NameKind::of_field(*field),
            PickTarget::FieldIdPrompt { .. } => Some(NameKind::CustomFields),
        }
    }
}

/// One name the picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// What the user reads: `Ana García`, `Sales › Won`, `Source: Web`, `Products`.
    pub label: String,
    /// What goes into the field, as parse.rs reads it: `6410231`, `41512866:142`, `catalog_5`.
    pub value: String,
}

/// The names the account knows for `kind`, in the account's order. Enum choices are those of the
/// selected `custom_field_{ID}_value_changed` when its field is known (the only type they apply
/// to), else every list field's. `robot` is the robot's name in the interface's language.
pub fn candidates(account: &Account, kind: NameKind, selection: &[String], lang: Lang) -> Vec<Candidate> {
    let robot = lang.texts().name_robot;
    let candidate = |label: String, value: String| Candidate { label, value };
    match kind {
        NameKind::Users { robot: with_robot } => {
            let mut users: Vec<Candidate> =
                account.users().iter().map(|user| candidate(user_label(user), user.id.to_string())).collect();
            // Offered only beside real users: without them the picker has nothing of the account's.
            if with_robot && !users.is_empty() {
                users.push(candidate(robot.to_owned(), "0".to_owned()));
            }
            users
        }
        NameKind::Stages => account
            .pipelines()
            .iter()
            .flat_map(|pipeline| {
                pipeline.stages.iter().map(move |stage| {
                    candidate(
                        format!("{} › {}", pipeline.name, stage.name),
                        format!("{}:{}", pipeline.id, stage.id),
                    )
                })
            })
            .collect(),
        NameKind::Choices => choice_fields(account, selection)
            .into_iter()
            .flat_map(|field| {
                field.enums.iter().map(|choice| {
                    candidate(format!("{}: {}", field.name, choice.value), choice.id.to_string())
                })
            })
            .collect(),
        NameKind::Entities => {
            let fixed = Entity::FIXED.iter().map(|entity| {
                candidate(screen_messages::entity_label(*entity, lang).to_owned(), entity.code())
            });
            let catalogs = account
                .catalogs()
                .iter()
                .map(|catalog| candidate(catalog.name.clone(), Entity::Catalog(catalog.id).code()));
            fixed.chain(catalogs).collect()
        }
        NameKind::WithNames => WithName::ALL
            .iter()
            .map(|with| {
                candidate(screen_messages::with_label(*with, lang).to_owned(), with.code().to_owned())
            })
            .collect(),
        NameKind::CustomFields => account
            .custom_fields()
            .iter()
            .map(|field| candidate(field_label(field), field.id.to_string()))
            .collect(),
    }
}

/// The list fields whose choices the Enums rows can take.
fn choice_fields<'a>(account: &'a Account, selection: &[String]) -> Vec<&'a CustomField> {
    let selected = selection
        .iter()
        .find_map(|code| filter::per_field_type_id(code))
        .and_then(|id| account.custom_field(id))
        .filter(|field| !field.enums.is_empty());
    match selected {
        Some(field) => vec![field],
        None => account.custom_fields().iter().filter(|field| !field.enums.is_empty()).collect(),
    }
}

/// A user as the picker shows them: the name, else the e-mail (Kommo allows an empty name).
fn user_label(user: &User) -> String {
    match (&user.name, &user.email) {
        (name, _) if !name.is_empty() => name.clone(),
        (_, Some(email)) => email.clone(),
        _ => String::new(),
    }
}

/// A custom field with the entity it belongs to, since leads and contacts may both have a "Source".
fn field_label(field: &CustomField) -> String {
    format!("{} ({})", field.name, field.entity)
}

/// The names of the ids typed in a field that the account knows, in the order typed
/// (`Ana, Luis`). `None` when the text does not parse or names nothing known: unknown ids are
/// only shown as typed.
pub fn known_names(account: &Account, kind: NameKind, text: &str, robot: &str) -> Option<String> {
    let names: Vec<String> = match kind {
        NameKind::Users { robot: with_robot } => parse::parse_user_list(text)
            .ok()?
            .into_iter()
            .filter_map(|id| match id {
                0 if with_robot => Some(robot.to_owned()),
                _ => account.user_name(id).map(str::to_owned),
            })
            .collect(),
        NameKind::Stages => parse::parse_stage_pairs(text)
            .ok()?
            .into_iter()
            .filter_map(|pair| account.stage_label(Some(pair.pipeline_id), pair.status_id))
            .collect(),
        NameKind::Choices => parse::parse_id_list(text)
            .ok()?
            .into_iter()
            .filter_map(|id| account.enum_choice(id).map(|(field, value)| format!("{}: {value}", field.name)))
            .collect(),
        NameKind::WithNames => return None,
        NameKind::Entities => parse::parse_entities(text)
            .ok()?
            .into_iter()
            .filter_map(|entity| match entity {
                Entity::Catalog(id) => account.catalog(id).map(|c| c.name.clone()).filter(|n| !n.is_empty()),
                _ => None,
            })
            .collect(),
        NameKind::CustomFields => {
            let id: u64 = text.trim().parse().ok()?;
            account.custom_field(id).map(field_label).into_iter().collect()
        }
    };
    (!names.is_empty()).then(|| names.join(", "))
}

/// A list field's text with its last item completed to the one of `values` it starts (ASCII case
/// ignored), or to the longest start they share: `con` → `contact`, `catalog_` → `catalog_5` when
/// it is the only catalog. `None` when there is nothing to add, so Tab moves on.
pub fn completed(text: &str, values: &[String]) -> Option<String> {
    let start = text.rfind([',', ' ']).map_or(0, |at| at + 1);
    let typed = &text[start..];
    if typed.is_empty() {
        return None;
    }
    let lower = typed.to_ascii_lowercase();
    let matching: Vec<&str> = values
        .iter()
        .map(String::as_str)
        .filter(|value| value.to_ascii_lowercase().starts_with(&lower))
        .collect();
    let first = *matching.first()?;
    let shared = matching.iter().skip(1).fold(first.len(), |shared, value| {
        first.bytes().zip(value.bytes()).take(shared).take_while(|(a, b)| a.eq_ignore_ascii_case(b)).count()
    });
    let completion = &first[..shared];
    (completion.len() > typed.len()).then(|| format!("{}{completion}", &text[..start]))
}

/// True when the list field's text already holds `value`.
pub fn holds_value(text: &str, value: &str) -> bool {
    parse::items(text).any(|item| item.eq_ignore_ascii_case(value))
}

/// A list field's text with `value` added at the end (`11, 12`), or unchanged when it holds it
/// already. What was typed stays as typed: a pick never throws text away.
pub fn with_value_added(text: &str, value: &str) -> String {
    if holds_value(text, value) {
        return text.to_owned();
    }
    let kept = text.trim_end().trim_end_matches(',').trim_end();
    if kept.is_empty() {
        value.to_owned()
    } else {
        format!("{kept}, {value}")
    }
}

/// The picker overlay: the candidates, the filter typed over them, what matches it and the
/// highlighted match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    pub target: PickTarget,
    pub kind: NameKind,
    pub candidates: Vec<Candidate>,
    /// Each candidate's label and value, folded once (lowercase, no accents) for matching.
    folded: Vec<[String; 2]>,
    pub filter: TextInput,
    /// The matching candidates, best first: an index into `candidates`, and the characters
    /// matched in the label (`highlights[0]`) and the value (`highlights[1]`).
    pub matches: Vec<(usize, Match)>,
    /// The highlighted row, an index into `matches`.
    pub cursor: usize,
}

impl Picker {
    /// A picker listing every candidate, in the account's order.
    pub fn new(target: PickTarget, kind: NameKind, candidates: Vec<Candidate>) -> Picker {
        let folded = candidates.iter().map(|c| [fold(&c.label), fold(&c.value)]).collect();
        let mut picker = Picker {
            target,
            kind,
            candidates,
            folded,
            filter: TextInput::new(),
            matches: Vec::new(),
            cursor: 0,
        };
        picker.refilter();
        picker
    }

    /// Edits the filter; when its text changed, the matches are ranked again and the highlight
    /// goes to the best one, as in fzf.
    pub fn edit(&mut self, edit: Edit) {
        if self.filter.apply(edit) {
            self.refilter();
        }
    }

    fn refilter(&mut self) {
        let query = Query::parse(self.filter.text());
        self.matches = rank(&Matcher::new(), &query, self.folded.iter().map(|fields| &fields[..]));
        self.cursor = 0;
    }

    /// Moves the highlight by `step` rows, staying on the list.
    pub fn move_cursor(&mut self, step: isize) {
        self.cursor = self.cursor.saturating_add_signed(step).min(self.matches.len().saturating_sub(1));
    }

    /// The highlighted candidate, if anything matches.
    pub fn chosen(&self) -> Option<&Candidate> {
        self.matches.get(self.cursor).map(|(index, _)| &self.candidates[*index])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::tests::sample;
    use crate::filter::Side;

    fn values(list: &[Candidate]) -> Vec<&str> {
        list.iter().map(|c| c.value.as_str()).collect()
    }

    #[test]
    fn every_id_field_takes_its_own_names() {
        let after = |key| DraftField::Value(Side::After, key);
        assert_eq!(NameKind::of_field(DraftField::CreatedBy), Some(NameKind::Users { robot: true }));
        assert_eq!(
            NameKind::of_field(after(ValueKey::ResponsibleUserId)),
            Some(NameKind::Users { robot: false })
        );
        assert_eq!(NameKind::of_field(after(ValueKey::LeadsStatuses)), Some(NameKind::Stages));
        assert_eq!(NameKind::of_field(after(ValueKey::CustomFieldValues)), Some(NameKind::Choices));
        assert_eq!(NameKind::of_field(DraftField::Entity), Some(NameKind::Entities));
        assert_eq!(NameKind::of_field(DraftField::With), Some(NameKind::WithNames));
        assert_eq!(NameKind::of_field(DraftField::EntityId), None);
        assert_eq!(NameKind::of_field(after(ValueKey::Value)), None);
    }

    #[test]
    fn candidates_are_written_as_the_fields_parse_them() {
        let account = sample();
        let users = candidates(&account, NameKind::Users { robot: true }, &[], Lang::En);
        assert_eq!(values(&users), ["11", "12", "0"]);
        assert_eq!(users[0].label, "Ana");
        let stages = candidates(&account, NameKind::Stages, &[], Lang::En);
        assert_eq!(values(&stages), ["100:1001", "100:142", "200:142"]);
        assert_eq!(stages[1].label, "Sales › Won");
        let entities = candidates(&account, NameKind::Entities, &[], Lang::En);
        assert_eq!(values(&entities), ["lead", "contact", "company", "task", "customer", "catalog_5"]);
        assert_eq!(entities[5].label, "Products");
        let with = candidates(&account, NameKind::WithNames, &[], Lang::Es);
        assert_eq!(with[0].value, "contact_name");
        assert_eq!(with.len(), WithName::ALL.len());
        let fields = candidates(&account, NameKind::CustomFields, &[], Lang::En);
        assert_eq!((fields[0].label.as_str(), fields[0].value.as_str()), ("Source (lead)", "777"));
        let choices = candidates(&account, NameKind::Choices, &[], Lang::En);
        assert_eq!(choices[1].label, "Source: Phone");
        for (kind, candidate) in [(NameKind::Stages, &stages[1]), (NameKind::Choices, &choices[1])] {
            assert!(known_names(&account, kind, &candidate.value, "robot").is_some(), "{candidate:?}");
        }
    }

    #[test]
    fn an_empty_account_offers_nothing_not_even_the_robot_but_the_fixed_values() {
        let empty = Account::default();
        for kind in
            [NameKind::Users { robot: true }, NameKind::Stages, NameKind::Choices, NameKind::CustomFields]
        {
            assert!(candidates(&empty, kind, &[], Lang::En).is_empty(), "{kind:?}");
        }
        assert_eq!(candidates(&empty, NameKind::Entities, &[], Lang::En).len(), Entity::FIXED.len());
        assert_eq!(candidates(&empty, NameKind::WithNames, &[], Lang::En).len(), WithName::ALL.len());
    }

    #[test]
    fn tab_completes_the_last_item_to_the_value_it_starts() {
        let values: Vec<String> =
            ["lead", "contact", "company", "catalog_5", "catalog_51"].map(String::from).into();
        assert_eq!(completed("con", &values).as_deref(), Some("contact"));
        assert_eq!(completed("lead, CO", &values), None, "contact and company share only what is typed");
        assert_eq!(completed("lead, CON", &values).as_deref(), Some("lead, contact"));
        assert_eq!(completed("cat", &values).as_deref(), Some("catalog_5"));
        assert_eq!(completed("contact", &values), None);
        assert_eq!(completed("lead, ", &values), None);
        assert_eq!(completed("xyz", &values), None);
        assert_eq!(completed("líder", &values), None, "non-ASCII text is left alone");
    }

    #[test]
    fn choices_narrow_to_the_selected_fields_type() {
        let account = sample();
        let selection = vec!["custom_field_777_value_changed".to_string()];
        assert_eq!(values(&candidates(&account, NameKind::Choices, &selection, Lang::En)), ["1", "2"]);
    }

    #[test]
    fn known_ids_get_their_names_and_unknown_ones_stay_as_typed() {
        let account = sample();
        let users = NameKind::Users { robot: true };
        assert_eq!(known_names(&account, users, "11, 99, 0", "robot").as_deref(), Some("Ana, robot"));
        assert_eq!(known_names(&account, users, "99", "robot"), None);
        assert_eq!(known_names(&account, users, "11, x", "robot"), None, "text that does not parse");
        assert_eq!(
            known_names(&account, NameKind::Users { robot: false }, "0,12", "robot").as_deref(),
            Some("Luis")
        );
        assert_eq!(
            known_names(&account, NameKind::Stages, "100:142 200:142", "robot").as_deref(),
            Some("Sales › Won, Support › Solved")
        );
        assert_eq!(known_names(&account, NameKind::Choices, "1", "robot").as_deref(), Some("Source: Web"));
        assert_eq!(
            known_names(&account, NameKind::Entities, "lead, catalog_5", "robot").as_deref(),
            Some("Products")
        );
        assert_eq!(
            known_names(&account, NameKind::CustomFields, " 777 ", "robot").as_deref(),
            Some("Source (lead)")
        );
    }

    #[test]
    fn a_pick_is_added_to_the_list_once() {
        assert_eq!(with_value_added("", "11"), "11");
        assert_eq!(with_value_added("11", "12"), "11, 12");
        assert_eq!(with_value_added("11, ", "12"), "11, 12");
        assert_eq!(with_value_added("11 12", "12"), "11 12");
        assert_eq!(with_value_added("lead", "catalog_5"), "lead, catalog_5");
    }

    #[test]
    fn the_filter_ignores_accents_and_case_and_ranks_the_best_first() {
        let list = vec![
            Candidate { label: "Luis Pérez".into(), value: "1".into() },
            Candidate { label: "Ana García".into(), value: "2".into() },
        ];
        let mut picker =
            Picker::new(PickTarget::Field(DraftField::CreatedBy), NameKind::Users { robot: true }, list);
        assert_eq!(picker.matches.len(), 2);
        for c in "GARCIA".chars() {
            picker.edit(Edit::Insert(c));
        }
        assert_eq!(picker.matches.len(), 1);
        assert_eq!(picker.chosen().map(|c| c.value.as_str()), Some("2"));
        picker.move_cursor(5);
        assert_eq!(picker.cursor, 0);
        picker.edit(Edit::Insert('z'));
        assert_eq!(picker.chosen(), None);
    }
}
