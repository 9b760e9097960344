//! Text a user typed into a composer field → values, or a precise error.
//!
//! Every function here takes any text (a megabyte of garbage, newlines, emoji) and returns; none
//! panics. Errors are data, not sentences: `crate::i18n::filter_messages` words them.

use std::collections::HashSet;
use std::hash::Hash;

use super::date::{DatePart, MAX_SECONDS};
use super::model::{Entity, StagePair, WithName};

/// How many characters of the user's text an error keeps: enough to recognize it, short
/// enough for one terminal line.
pub const SNIPPET_CHARS: usize = 20;

/// The item of a list that an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The item as typed, at most [`SNIPPET_CHARS`] characters (a longer one ends in `…`), with
    /// nothing in it that acts on a terminal ([`crate::text::snippet`]).
    pub text: String,
    /// 1-based position among the items of the field.
    pub position: usize,
}

impl Token {
    /// A token for item `position` of a field.
    pub fn new(text: &str, position: usize) -> Token {
        Token { text: snippet(text), position }
    }
}

/// How many characters of a type code, an event id or a moment a message keeps: they are longer
/// than a list item (`custom_field_777777_value_changed` has 33) and useless when cut.
pub const LONG_SNIPPET_CHARS: usize = 48;

/// A short, printable copy of user text for an error message: [`SNIPPET_CHARS`] at most.
pub fn snippet(text: &str) -> String {
    snippet_of(text, SNIPPET_CHARS)
}

/// A printable copy of `text` of at most `max_chars` characters (≥ 1), a cut one ending in `…`:
/// [`crate::text::snippet`], the one stripper of terminal controls.
pub fn snippet_of(text: &str, max_chars: usize) -> String {
    crate::text::snippet(text, max_chars)
}

/// What is wrong with a token that should be a whole number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// Not made of the digits 0-9 (letters, fullwidth digits, signs, …).
    NotANumber,
    /// A minus sign before digits.
    Negative,
    /// 0 where the smallest value is 1.
    Zero,
    /// Above `max`.
    TooLarge {
        /// The largest value the field takes.
        max: u64,
    },
}

/// Which id of a `pipeline:stage` pair is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StagePart {
    /// The id before the colon.
    Pipeline,
    /// The id after the colon.
    Status,
}

/// Why a composer field's text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// A list item that should be a whole number is not a valid one.
    Number {
        /// The item.
        token: Token,
        /// What is wrong with it.
        problem: NumberProblem,
    },
    /// Not an entity code.
    UnknownEntity {
        /// The item.
        token: Token,
    },
    /// `catalog_…` without a list id ≥ 1.
    CatalogId {
        /// The item.
        token: Token,
    },
    /// Not a `with` code.
    UnknownWithName {
        /// The item.
        token: Token,
    },
    /// Not shaped `pipeline:stage`.
    StagePairShape {
        /// The item.
        token: Token,
    },
    /// One id of a `pipeline:stage` pair is not a valid id.
    StagePairId {
        /// The item (the whole pair).
        token: Token,
        /// Which id.
        part: StagePart,
        /// What is wrong with it.
        problem: NumberProblem,
    },
    /// A field that takes one number got several.
    SingleValueExpected {
        /// The field's text, shortened.
        input: String,
        /// How many items it has.
        count: usize,
    },
    /// Not a date, a date and time, or Unix seconds.
    DateShape {
        /// The field's text, shortened.
        input: String,
    },
    /// A part of a date or time is out of its range (month 13, hour 25, …).
    DatePart {
        /// The field's text, shortened.
        input: String,
        /// Which part.
        part: DatePart,
        /// The value typed.
        value: u32,
    },
    /// A day past the end of its month (2026-02-30).
    DayOutOfMonth {
        /// The field's text, shortened.
        input: String,
        /// The year typed.
        year: i32,
        /// The month typed (1-12).
        month: u32,
        /// The day typed.
        day: u32,
        /// How many days that month has.
        days_in_month: u32,
    },
    /// A moment before 1970-01-01 00:00:00 UTC or after 9999-12-31 23:59:59 UTC.
    MomentOutOfRange {
        /// The field's text, shortened.
        input: String,
    },
}

/// Ids separated by commas and/or whitespace; ids are ≥ 1. Duplicates are dropped silently,
/// keeping the first order, since asking twice for an id means nothing more.
pub fn parse_id_list(text: &str) -> Result<Vec<u64>, FieldError> {
    parse_numbers(text, false)
}

/// User ids like [`parse_id_list`], but 0 is allowed: it means the robot, the system or the API.
pub fn parse_user_list(text: &str) -> Result<Vec<u64>, FieldError> {
    parse_numbers(text, true)
}

/// Entity codes (`lead`, `catalog_1234`, …) separated by commas and/or whitespace.
pub fn parse_entities(text: &str) -> Result<Vec<Entity>, FieldError> {
    let entities = tokens(text)
        .map(|(position, token)| Entity::parse_at(token, position))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(dedup(entities))
}

/// `with` codes (`lead_name`, …) separated by commas and/or whitespace.
pub fn parse_with_names(text: &str) -> Result<Vec<WithName>, FieldError> {
    let names = tokens(text)
        .map(|(position, token)| WithName::parse_at(token, position))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(dedup(names))
}

/// One whole number ≥ 1 for `limit` or `page`; empty text is `None` (Kommo's default).
pub fn parse_positive(text: &str) -> Result<Option<u32>, FieldError> {
    let items: Vec<(usize, &str)> = tokens(text).collect();
    match items.as_slice() {
        [] => Ok(None),
        [(position, token)] => {
            let max = u64::from(u32::MAX);
            let number = parse_number(token, *position, max, false)?;
            // parse_number has checked the bound; the error path only keeps this total.
            u32::try_from(number).map(Some).map_err(|_| FieldError::Number {
                token: Token::new(token, *position),
                problem: NumberProblem::TooLarge { max },
            })
        }
        _ => Err(FieldError::SingleValueExpected { input: snippet(text.trim()), count: items.len() }),
    }
}

/// Event ids separated by commas and/or whitespace, duplicates dropped. Their shape is left to
/// the rules, which only warn: an id is whatever Kommo printed.
pub fn parse_event_ids(text: &str) -> Result<Vec<String>, FieldError> {
    Ok(dedup(tokens(text).map(|(_, t)| t.to_owned())))
}

/// `pipeline:stage` pairs (`12345:142`) separated by commas and/or whitespace; spaces around the
/// colon are allowed. Duplicates are dropped.
pub fn parse_stage_pairs(text: &str) -> Result<Vec<StagePair>, FieldError> {
    let joined = join_colons(text);
    let pairs = tokens(&joined)
        .map(|(position, token)| parse_stage_pair(token, position))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(dedup(pairs))
}

/// The exact value for `value_before[value]` / `value_after[value]`: trimmed, empty is `None`.
pub fn parse_value(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// One id (≥ 1) that is item `position` of a list, for callers that split the list themselves
/// (the decoder reads items from several parameters and keeps the good ones of a bad list).
pub fn parse_id_item(token: &str, position: usize) -> Result<u64, FieldError> {
    parse_number(token.trim(), position, u64::MAX, false)
}

/// One user id that is item `position` of a list; 0 is allowed (the robot, system or API).
pub fn parse_user_item(token: &str, position: usize) -> Result<u64, FieldError> {
    parse_number(token.trim(), position, u64::MAX, true)
}

/// Unix seconds as Kommo takes them in `filter[created_at]`: digits only, from 0 to
/// [`MAX_SECONDS`] (9999-12-31 23:59:59 UTC). Dates are the composer's business
/// ([`parse_moment`](super::date::parse_moment)); a query holds seconds.
pub fn parse_unix_seconds(text: &str) -> Result<i64, FieldError> {
    let token = text.trim();
    let max = MAX_SECONDS.unsigned_abs();
    let seconds = parse_number(token, 1, max, true)?;
    // parse_number has checked the bound, which fits in an i64; the error path keeps this total.
    i64::try_from(seconds).map_err(|_| FieldError::Number {
        token: Token::new(token, 1),
        problem: NumberProblem::TooLarge { max },
    })
}

/// The non-empty items of a list field: separated by commas and whitespace.
pub fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == ',' || c.is_whitespace()).filter(|item| !item.is_empty())
}

/// The non-empty items of a field with their 1-based positions.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    items(text).enumerate().map(|(index, token)| (index + 1, token))
}

/// Keeps the first of each value, in order: the one copy, shared by the decoder and the flags.
pub fn dedup<T: Eq + Hash + Clone>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|item| seen.insert(item.clone())).collect()
}

fn parse_numbers(text: &str, allow_zero: bool) -> Result<Vec<u64>, FieldError> {
    let numbers = tokens(text)
        .map(|(position, token)| parse_number(token, position, u64::MAX, allow_zero))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(dedup(numbers))
}

/// One whole number in `0..=max` (or `1..=max` without `allow_zero`).
fn parse_number(token: &str, position: usize, max: u64, allow_zero: bool) -> Result<u64, FieldError> {
    read_number(token, max, allow_zero)
        .map_err(|problem| FieldError::Number { token: Token::new(token, position), problem })
}

/// The number in `text`, or what is wrong with it.
fn read_number(text: &str, max: u64, allow_zero: bool) -> Result<u64, NumberProblem> {
    if let Some(rest) = text.strip_prefix('-') {
        if all_digits(rest) {
            return Err(NumberProblem::Negative);
        }
    }
    if !all_digits(text) {
        return Err(NumberProblem::NotANumber);
    }
    // All ASCII digits, so the only way `parse` fails is overflow.
    let number: u64 = text.parse().map_err(|_| NumberProblem::TooLarge { max })?;
    if number > max {
        return Err(NumberProblem::TooLarge { max });
    }
    if number == 0 && !allow_zero {
        return Err(NumberProblem::Zero);
    }
    Ok(number)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Removes whitespace around colons so `12 : 34` is one token.
fn join_colons(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut after_colon = false;
    for c in text.chars() {
        if c == ':' {
            let kept = joined.trim_end().len();
            joined.truncate(kept);
            after_colon = true;
        } else if after_colon && c.is_whitespace() {
            continue;
        } else {
            after_colon = false;
        }
        joined.push(c);
    }
    joined
}

fn parse_stage_pair(token: &str, position: usize) -> Result<StagePair, FieldError> {
    let shape_error = || FieldError::StagePairShape { token: Token::new(token, position) };
    let (pipeline, status) = token.split_once(':').ok_or_else(shape_error)?;
    if pipeline.is_empty() || status.is_empty() || status.contains(':') {
        return Err(shape_error());
    }
    let id = |text: &str, part: StagePart| {
        read_number(text, u64::MAX, false).map_err(|problem| FieldError::StagePairId {
            token: Token::new(token, position),
            part,
            problem,
        })
    };
    Ok(StagePair {
        pipeline_id: id(pipeline, StagePart::Pipeline)?,
        status_id: id(status, StagePart::Status)?,
    })
}

/// The parsed value, or `None` with its error recorded under `key` (a composer field, a query
/// parameter): callers collect every error instead of stopping at the first.
pub fn or_record<K, T>(
    errors: &mut Vec<(K, FieldError)>,
    key: K,
    parsed: Result<T, FieldError>,
) -> Option<T> {
    parsed.map_err(|error| errors.push((key, error))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number_error(text: &str, position: usize, problem: NumberProblem) -> FieldError {
        FieldError::Number { token: Token::new(text, position), problem }
    }

    #[test]
    fn ids_split_on_commas_and_whitespace() {
        assert_eq!(parse_id_list("1, 2\t3\n4,,5 ,"), Ok(vec![1, 2, 3, 4, 5]));
    }

    #[test]
    fn empty_id_text_is_an_empty_list() {
        assert_eq!(parse_id_list(""), Ok(vec![]));
        assert_eq!(parse_id_list(" ,\n, "), Ok(vec![]));
    }

    #[test]
    fn duplicate_ids_are_dropped_keeping_first_order() {
        assert_eq!(parse_id_list("3 1 3 2 1"), Ok(vec![3, 1, 2]));
    }

    #[test]
    fn letters_are_not_a_number_and_the_token_is_named() {
        assert_eq!(parse_id_list("12, 3a4, 5"), Err(number_error("3a4", 2, NumberProblem::NotANumber)));
    }

    #[test]
    fn negative_id_is_rejected() {
        assert_eq!(parse_id_list("7 -5"), Err(number_error("-5", 2, NumberProblem::Negative)));
    }

    #[test]
    fn zero_id_is_rejected_but_zero_user_is_the_robot() {
        assert_eq!(parse_id_list("0"), Err(number_error("0", 1, NumberProblem::Zero)));
        assert_eq!(parse_user_list("0, 42"), Ok(vec![0, 42]));
    }

    #[test]
    fn overflowing_id_is_too_large() {
        assert_eq!(
            parse_id_list("18446744073709551615 18446744073709551616"),
            Err(number_error("18446744073709551616", 2, NumberProblem::TooLarge { max: u64::MAX }))
        );
    }

    #[test]
    fn fullwidth_digits_are_not_a_number() {
        assert_eq!(parse_id_list("１２３"), Err(number_error("１２３", 1, NumberProblem::NotANumber)));
    }

    #[test]
    fn long_tokens_are_cut_to_twenty_chars() {
        let token = "x".repeat(50);
        let Err(FieldError::Number { token, .. }) = parse_id_list(&token) else {
            panic!("expected a number error");
        };
        assert_eq!(token.text.chars().count(), SNIPPET_CHARS);
        assert!(token.text.ends_with('…'));
    }

    #[test]
    fn control_characters_never_reach_the_message() {
        let Err(FieldError::Number { token, .. }) = parse_id_list("1\u{1b}[2J") else {
            panic!("expected a number error");
        };
        assert!(!token.text.chars().any(char::is_control));
    }

    #[test]
    fn entities_parse_with_position_in_errors() {
        assert_eq!(parse_entities("lead, catalog_12 lead"), Ok(vec![Entity::Lead, Entity::Catalog(12)]));
        assert_eq!(
            parse_entities("lead contacts"),
            Err(FieldError::UnknownEntity { token: Token::new("contacts", 2) })
        );
    }

    #[test]
    fn with_names_parse() {
        assert_eq!(
            parse_with_names("lead_name,contact_name"),
            Ok(vec![WithName::LeadName, WithName::ContactName])
        );
        assert_eq!(
            parse_with_names("lead_name name"),
            Err(FieldError::UnknownWithName { token: Token::new("name", 2) })
        );
    }

    #[test]
    fn positive_is_none_when_empty() {
        assert_eq!(parse_positive("  "), Ok(None));
        assert_eq!(parse_positive(" 250 "), Ok(Some(250)));
    }

    #[test]
    fn positive_rejects_zero_negative_text_and_overflow() {
        assert_eq!(parse_positive("0"), Err(number_error("0", 1, NumberProblem::Zero)));
        assert_eq!(parse_positive("-3"), Err(number_error("-3", 1, NumberProblem::Negative)));
        assert_eq!(parse_positive("ten"), Err(number_error("ten", 1, NumberProblem::NotANumber)));
        assert_eq!(
            parse_positive("4294967296"),
            Err(number_error("4294967296", 1, NumberProblem::TooLarge { max: u64::from(u32::MAX) }))
        );
    }

    #[test]
    fn positive_takes_one_value_only() {
        assert_eq!(
            parse_positive("10 20"),
            Err(FieldError::SingleValueExpected { input: "10 20".to_owned(), count: 2 })
        );
    }

    #[test]
    fn event_ids_are_trimmed_tokens() {
        assert_eq!(
            parse_event_ids(" 01abc ,\n01def 01abc "),
            Ok(vec!["01abc".to_owned(), "01def".to_owned()])
        );
        assert_eq!(parse_event_ids(" , "), Ok(vec![]));
    }

    #[test]
    fn stage_pairs_accept_spaces_around_the_colon() {
        assert_eq!(
            parse_stage_pairs("12345:142, 12345 : 143\n7:  8"),
            Ok(vec![
                StagePair { pipeline_id: 12345, status_id: 142 },
                StagePair { pipeline_id: 12345, status_id: 143 },
                StagePair { pipeline_id: 7, status_id: 8 },
            ])
        );
    }

    #[test]
    fn stage_pair_without_colon_is_a_shape_error() {
        for (text, bad) in [("12345", "12345"), ("1:2 3:4:5", "3:4:5"), (":5", ":5")] {
            let Err(FieldError::StagePairShape { token }) = parse_stage_pairs(text) else {
                panic!("{text} should be a shape error");
            };
            assert_eq!(token.text, bad);
        }
    }

    #[test]
    fn stage_pair_names_the_wrong_id() {
        assert_eq!(
            parse_stage_pairs("1:2, 12:abc"),
            Err(FieldError::StagePairId {
                token: Token::new("12:abc", 2),
                part: StagePart::Status,
                problem: NumberProblem::NotANumber
            })
        );
        assert_eq!(
            parse_stage_pairs("0:142"),
            Err(FieldError::StagePairId {
                token: Token::new("0:142", 1),
                part: StagePart::Pipeline,
                problem: NumberProblem::Zero
            })
        );
    }

    #[test]
    fn value_is_trimmed_and_empty_is_none() {
        assert_eq!(parse_value("  155 "), Some("155".to_owned()));
        assert_eq!(parse_value(" \n "), None);
    }

    #[test]
    fn items_are_parsed_alone_with_their_position() {
        assert_eq!(parse_id_item(" 42 ", 3), Ok(42));
        assert_eq!(parse_id_item("0", 3), Err(number_error("0", 3, NumberProblem::Zero)));
        assert_eq!(parse_user_item("0", 1), Ok(0));
        assert_eq!(parse_user_item("1 2", 2), Err(number_error("1 2", 2, NumberProblem::NotANumber)));
    }

    #[test]
    fn unix_seconds_are_digits_up_to_the_year_9999() {
        assert_eq!(parse_unix_seconds(" 1767225600 "), Ok(1_767_225_600));
        assert_eq!(parse_unix_seconds("0"), Ok(0));
        assert_eq!(parse_unix_seconds("253402300799"), Ok(MAX_SECONDS));
        let max = MAX_SECONDS.unsigned_abs();
        assert_eq!(
            parse_unix_seconds("253402300800"),
            Err(number_error("253402300800", 1, NumberProblem::TooLarge { max }))
        );
        assert_eq!(parse_unix_seconds("-5"), Err(number_error("-5", 1, NumberProblem::Negative)));
        assert_eq!(
            parse_unix_seconds("2026-01-01"),
            Err(number_error("2026-01-01", 1, NumberProblem::NotANumber))
        );
    }

    /// Inputs that have broken parsers before: none may panic, and each either parses or
    /// gives an error.
    fn nasty_inputs() -> Vec<String> {
        let mut inputs: Vec<String> = [
            "",
            " ",
            "\n",
            "\t\r\n",
            ",",
            ":",
            "::",
            "-",
            "-1",
            "--1",
            "+1",
            "0",
            "-0",
            "18446744073709551616",
            "99999999999999999999999999999999",
            "4294967296",
            "１２３",
            "😀",
            "1😀",
            "😀:😀",
            "\u{0}",
            "\u{1b}[31m",
            "é",
            "\u{200b}",
            "1:2:3",
            "catalog_",
            "catalog_😀",
            "2026-02-30",
            "2026-13-01 25:00",
            "9999-12-31T23:59:59-23:59",
            "0000-01-01",
            "2026-01-01+99:99",
            "T",
            "2026-01-01T",
            "-9223372036854775808",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        inputs.push("a".repeat(1 << 20));
        inputs.push("1 ".repeat(1 << 19));
        inputs.push("😀,".repeat(1 << 18));
        inputs
    }

    #[test]
    fn no_parser_panics_on_nasty_inputs() {
        let utc = chrono::Utc;
        for input in nasty_inputs() {
            let _ = parse_id_list(&input);
            let _ = parse_user_list(&input);
            let _ = parse_entities(&input);
            let _ = parse_with_names(&input);
            let _ = parse_positive(&input);
            let _ = parse_event_ids(&input);
            let _ = parse_stage_pairs(&input);
            let _ = parse_value(&input);
            let _ = parse_id_item(&input, 1);
            let _ = parse_user_item(&input, 1);
            let _ = parse_unix_seconds(&input);
            let _ = Entity::parse(&input);
            let _ = WithName::parse(&input);
            for bound in [super::super::date::Bound::From, super::super::date::Bound::To] {
                let _ = super::super::date::parse_moment(&input, bound, &utc);
            }
        }
    }

    #[test]
    fn a_megabyte_of_ones_parses_to_one_id() {
        assert_eq!(parse_id_list(&"1 ".repeat(1 << 19)), Ok(vec![1]));
    }
}
