//! Dates in words: `today`, `yesterday`, `-7d`, `-24h`, `this week`, `last week`, `this month`,
//! `last month` (and `hoy`, `ayer`, `semana pasada`, `mes pasado`, … in Spanish, `hoje`, `ontem`,
//! `semana passada`, `mês passado`, … in Portuguese). They are resolved in the zone when the query
//! is composed, against the moment given (the domain reads no clock): the From end of a span is
//! its first second, the To end its last. Weeks start on Monday (ISO 8601).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone};

use super::date::Bound;
use crate::search::fold;

/// A moment named in words, relative to now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relative {
    Today,
    Yesterday,
    /// `-7d`, `-24h`, `-30m`: that long before now, to the second (both ends).
    Ago {
        seconds: i64,
    },
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
}

/// The longest span `-N<unit>` reaches back: 100 years, far beyond any account's history.
const MAX_AGO_SECONDS: i64 = 100 * 366 * 86_400;

impl Relative {
    /// Reads words in English, Spanish or Portuguese (case and accents ignored, spaces squeezed).
    pub fn parse(text: &str) -> Option<Relative> {
        let folded = fold(text.trim());
        let words: Vec<&str> = folded.split_whitespace().collect();
        let phrase = words.join(" ");
        let named = match phrase.as_str() {
            "today" | "hoy" | "hoje" => Relative::Today,
            "yesterday" | "ayer" | "ontem" => Relative::Yesterday,
            "this week" | "esta semana" => Relative::ThisWeek,
            "last week" | "semana pasada" | "la semana pasada" | "semana passada" | "a semana passada" => {
                Relative::LastWeek
            }
            "this month" | "este mes" | "este mês" => Relative::ThisMonth,
            "last month" | "mes pasado" | "el mes pasado" | "mes passado" | "o mes passado" => {
                Relative::LastMonth
            }
            other => return ago(other),
        };
        Some(named)
    }

    /// True for a span of days (`today`, `last week`): typed in From with To left empty, it means
    /// the whole span. `-7d` is a moment, not a span.
    pub fn is_span(self) -> bool {
        !matches!(self, Relative::Ago { .. })
    }

    /// The first (`From`) or last (`To`) second of the span in `tz`, at Unix second `now`; `None`
    /// when it falls outside what chrono can name.
    pub fn resolve<Tz: TimeZone>(self, bound: Bound, tz: &Tz, now: i64) -> Option<i64> {
        if let Relative::Ago { seconds } = self {
            return now.checked_sub(seconds).filter(|at| *at >= 0);
        }
        let today = DateTime::from_timestamp(now, 0)?.with_timezone(tz).date_naive();
        let (first, last) = self.days(today)?;
        let at = match bound {
            Bound::From => first.and_hms_opt(0, 0, 0)?,
            Bound::To => last.and_hms_opt(23, 59, 59)?,
        };
        Some(super::date::resolve_local(tz, at))
    }

    /// The first and last day of the span, for a span of days.
    fn days(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let first_of_month = today.with_day(1)?;
        Some(match self {
            Relative::Today => (today, today),
            Relative::Yesterday => {
                let yesterday = today.pred_opt()?;
                (yesterday, yesterday)
            }
            Relative::ThisWeek => (monday, monday + Duration::days(6)),
            Relative::LastWeek => (monday - Duration::days(7), monday - Duration::days(1)),
            Relative::ThisMonth => (first_of_month, next_month(first_of_month)?.pred_opt()?),
            Relative::LastMonth => {
                let last = first_of_month.pred_opt()?;
                (last.with_day(1)?, last)
            }
            Relative::Ago { .. } => return None,
        })
    }
}

/// `-7d`, `-24h`, `-30m`, `-2w` (also without the minus): that long ago.
fn ago(text: &str) -> Option<Relative> {
    let text = text.strip_prefix('-').unwrap_or(text).trim();
    let unit = text.chars().last()?;
    let number: i64 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
    let per = match unit {
        'm' => 60,
        'h' => 3_600,
        'd' => 86_400,
        'w' | 's' => 7 * 86_400,
        _ => return None,
    };
    let seconds = number.checked_mul(per).filter(|s| (1..=MAX_AGO_SECONDS).contains(s))?;
    Some(Relative::Ago { seconds })
}

fn next_month(first: NaiveDate) -> Option<NaiveDate> {
    if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, Utc};

    /// Wednesday 2026-12-02 15:30:00 UTC.
    const NOW: i64 = 1_796_225_400;

    fn at(text: &str, bound: Bound) -> i64 {
        Relative::parse(text).unwrap().resolve(bound, &Utc, NOW).unwrap()
    }

    fn utc(text: &str) -> i64 {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap().and_utc().timestamp()
    }

    #[test]
    fn spans_of_days_run_from_their_first_second_to_their_last() {
        assert_eq!(NOW, utc("2026-12-02 15:30:00"));
        assert_eq!(at("today", Bound::From), utc("2026-12-02 00:00:00"));
        assert_eq!(at("hoy", Bound::To), utc("2026-12-02 23:59:59"));
        assert_eq!(at("Ayer", Bound::From), utc("2026-12-01 00:00:00"));
        assert_eq!(at("this week", Bound::From), utc("2026-11-30 00:00:00"), "weeks start on Monday");
        assert_eq!(at("esta semana", Bound::To), utc("2026-12-06 23:59:59"));
        assert_eq!(at("last week", Bound::From), utc("2026-11-23 00:00:00"));
        assert_eq!(at("semana  pasada", Bound::To), utc("2026-11-29 23:59:59"));
        assert_eq!(at("this month", Bound::To), utc("2026-12-31 23:59:59"));
        assert_eq!(at("mes pasado", Bound::From), utc("2026-11-01 00:00:00"));
        assert_eq!(at("mês passado", Bound::To), utc("2026-11-30 23:59:59"));
        assert_eq!(at("ontem", Bound::To), utc("2026-12-01 23:59:59"));
    }

    #[test]
    fn spans_ago_are_exact_and_bounded() {
        assert_eq!(at("-7d", Bound::From), NOW - 7 * 86_400);
        assert_eq!(at("-24h", Bound::To), NOW - 86_400);
        assert_eq!(at("30m", Bound::From), NOW - 1_800);
        assert_eq!(Relative::parse("-0d"), None);
        assert_eq!(Relative::parse("-99999999999d"), None);
        assert_eq!(Relative::parse("-7x"), None);
        assert_eq!(Relative::parse("next week"), None);
        assert_eq!(Relative::parse("2026-01-01"), None);
    }

    #[test]
    fn a_zone_east_of_utc_has_its_own_today() {
        let plus_ten = chrono::FixedOffset::east_opt(10 * 3600).unwrap();
        // 15:30 UTC is already 01:30 on 2026-12-03 at UTC+10.
        let from = Relative::Today.resolve(Bound::From, &plus_ten, NOW).unwrap();
        assert_eq!(from, utc("2026-12-02 14:00:00"));
    }
}
