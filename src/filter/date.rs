//! Moments for `filter[created_at]`: what a user types → Unix seconds, and back for display.
//!
//! Accepted: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM`, `YYYY-MM-DD HH:MM:SS` (`T` may replace the space),
//! each optionally followed by `Z`, `UTC` or `±HH:MM` (also `±HHMM`, `±HH`), which override the
//! time zone, and plain Unix seconds. A moment that is less precise than a second means the whole
//! span it names: its first second as a `from`, its last as a `to`, so a day typed in both ends
//! covers that day.

use chrono::{DateTime, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone};

use super::parse::{snippet_of, FieldError, LONG_SNIPPET_CHARS};
use super::relative::Relative;

/// The time zone dates are read and shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// The machine's local time (the default, as the user thinks in it).
    Local,
    /// A fixed offset, in seconds east of UTC (tests, and users who want UTC).
    Fixed(i32),
}

impl Zone {
    /// Unix seconds in this zone with a chrono `pattern` (`%Y-%m-%d %H:%M:%S`); empty for a
    /// second chrono cannot represent. The one formatter of timestamps for people.
    pub fn format(self, seconds: i64, pattern: &str) -> String {
        let Some(at) = DateTime::from_timestamp(seconds, 0) else { return String::new() };
        match self {
            Zone::Local => at.with_timezone(&chrono::Local).format(pattern).to_string(),
            Zone::Fixed(offset) => at.with_timezone(&fixed_offset(offset)).format(pattern).to_string(),
        }
    }
}

/// Parses a typed date in the chosen zone.
pub fn moment(text: &str, bound: Bound, zone: Zone) -> Result<Option<i64>, FieldError> {
    match zone {
        Zone::Local => parse_moment(text, bound, &chrono::Local),
        Zone::Fixed(offset) => parse_moment(text, bound, &fixed_offset(offset)),
    }
}

/// [`moment`], and dates in words ([`Relative`]: `today`, `last week`, `-7d`, …) resolved in the
/// zone against the Unix second `now`.
pub fn moment_at(text: &str, bound: Bound, zone: Zone, now: i64) -> Result<Option<i64>, FieldError> {
    let Some(relative) = Relative::parse(text) else { return moment(text, bound, zone) };
    let resolved = match zone {
        Zone::Local => relative.resolve(bound, &chrono::Local, now),
        Zone::Fixed(offset) => relative.resolve(bound, &fixed_offset(offset), now),
    };
    match resolved.and_then(in_range) {
        Some(seconds) => Ok(Some(seconds)),
        None => Err(FieldError::MomentOutOfRange { input: shown(text.trim()) }),
    }
}

/// Shows Unix seconds as `YYYY-MM-DD HH:MM` in the chosen zone.
pub fn format_in_zone(seconds: i64, zone: Zone) -> String {
    match zone {
        Zone::Local => format_moment(seconds, &chrono::Local),
        Zone::Fixed(offset) => format_moment(seconds, &fixed_offset(offset)),
    }
}

/// An offset of `seconds` east of UTC; UTC itself for one chrono refuses (beyond ±24 h).
fn fixed_offset(seconds: i32) -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(seconds).unwrap_or_else(|| chrono::Utc.fix())
}

/// 9999-12-31 23:59:59 UTC: the last second a four-digit year can name.
pub const MAX_SECONDS: i64 = 253_402_300_799;

/// Nothing longer can be a moment; longer text is rejected before it is scanned.
const MAX_MOMENT_LEN: usize = 40;

/// How far past a non-existent local time to look for the end of its gap: the longest known gap
/// is a whole day (Samoa, 2011-12-30).
const GAP_SEARCH_MINUTES: i64 = 48 * 60;

/// Which end of `filter[created_at]` a moment is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bound {
    /// The first second counts: a date means 00:00:00, `HH:MM` means `HH:MM:00`.
    From,
    /// The last second counts: a date means 23:59:59, `HH:MM` means `HH:MM:59`.
    To,
}

/// The part of a moment that is out of range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DatePart {
    /// Month, 1-12.
    Month,
    /// Day, 1-31 (a day past its month's end is [`FieldError::DayOutOfMonth`]).
    Day,
    /// Hour, 0-23.
    Hour,
    /// Minute, 0-59.
    Minute,
    /// Second, 0-59.
    Second,
    /// Hours of a `±HH:MM` offset, 0-23.
    OffsetHour,
    /// Minutes of a `±HH:MM` offset, 0-59.
    OffsetMinute,
}

/// Reads a moment typed for `bound`; a moment without a zone is local time in `tz`.
///
/// Empty text is `Ok(None)`. A local time that a clock change skips resolves to the first instant
/// after the gap, and one that happens twice to the earlier instant; neither is an error, since
/// the user cannot see which hour their zone skipped.
pub fn parse_moment<Tz: TimeZone>(text: &str, bound: Bound, tz: &Tz) -> Result<Option<i64>, FieldError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let out_of_range = || FieldError::MomentOutOfRange { input: shown(trimmed) };
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = trimmed.parse().map_err(|_| out_of_range())?;
        return in_range(seconds).map(Some).ok_or_else(out_of_range);
    }
    let written = scan(trimmed).ok_or_else(|| FieldError::DateShape { input: shown(trimmed) })?;
    let local = written.to_naive(bound, trimmed)?;
    let seconds = match written.zone_seconds(trimmed)? {
        Some(offset) => local.and_utc().timestamp() - offset,
        None => resolve_local(tz, local),
    };
    in_range(seconds).map(Some).ok_or_else(out_of_range)
}

/// `YYYY-MM-DD HH:MM` in `tz`, for showing a moment next to the field; seconds out of chrono's
/// range come back as the plain number.
pub fn format_moment<Tz: TimeZone>(secs: i64, tz: &Tz) -> String {
    match DateTime::from_timestamp(secs, 0) {
        Some(utc) => utc.with_timezone(tz).naive_local().format("%Y-%m-%d %H:%M").to_string(),
        None => secs.to_string(),
    }
}

/// The moment as an error shows it: whole, unless it is no moment at all.
fn shown(input: &str) -> String {
    snippet_of(input, LONG_SNIPPET_CHARS)
}

fn in_range(seconds: i64) -> Option<i64> {
    (0..=MAX_SECONDS).contains(&seconds).then_some(seconds)
}

/// A moment as written, before any range check.
struct Written {
    year: i32,
    month: u32,
    day: u32,
    clock: Option<Clock>,
    /// `None` means the caller's time zone.
    zone: Option<WrittenOffset>,
}

/// A zone written after the time: `Z`/`UTC` is `+00:00`.
struct WrittenOffset {
    east: bool,
    hours: u32,
    minutes: u32,
}

struct Clock {
    hour: u32,
    minute: u32,
    second: Option<u32>,
}

impl Written {
    /// The local date and time this names for `bound`, or the part that does not exist.
    fn to_naive(&self, bound: Bound, input: &str) -> Result<NaiveDateTime, FieldError> {
        let part_error = |part, value| FieldError::DatePart { input: shown(input), part, value };
        if !(1..=12).contains(&self.month) {
            return Err(part_error(DatePart::Month, self.month));
        }
        if !(1..=31).contains(&self.day) {
            return Err(part_error(DatePart::Day, self.day));
        }
        let days = days_in_month(self.year, self.month);
        if self.day > days {
            return Err(FieldError::DayOutOfMonth {
                input: shown(input),
                year: self.year,
                month: self.month,
                day: self.day,
                days_in_month: days,
            });
        }
        let (hour, minute, second) = self.time_of_day(bound);
        if hour > 23 {
            return Err(part_error(DatePart::Hour, hour));
        }
        if minute > 59 {
            return Err(part_error(DatePart::Minute, minute));
        }
        if second > 59 {
            return Err(part_error(DatePart::Second, second));
        }
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .and_then(|date| date.and_hms_opt(hour, minute, second))
            .ok_or_else(|| FieldError::DateShape { input: shown(input) })
    }

    /// The written zone as seconds east of UTC, or the part of it that is out of range.
    fn zone_seconds(&self, input: &str) -> Result<Option<i64>, FieldError> {
        let Some(zone) = &self.zone else {
            return Ok(None);
        };
        let part_error = |part, value| FieldError::DatePart { input: shown(input), part, value };
        if zone.hours > 23 {
            return Err(part_error(DatePart::OffsetHour, zone.hours));
        }
        if zone.minutes > 59 {
            return Err(part_error(DatePart::OffsetMinute, zone.minutes));
        }
        let magnitude = i64::from(zone.hours * 3600 + zone.minutes * 60);
        Ok(Some(if zone.east { magnitude } else { -magnitude }))
    }

    /// The clock time, filled to the first or last second of what was written.
    fn time_of_day(&self, bound: Bound) -> (u32, u32, u32) {
        let last = bound == Bound::To;
        match &self.clock {
            None if last => (23, 59, 59),
            None => (0, 0, 0),
            Some(clock) => {
                let filled = if last { 59 } else { 0 };
                (clock.hour, clock.minute, clock.second.unwrap_or(filled))
            }
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Reads the shape of a moment; `None` when it is not one. Ranges are checked later so the
/// error can name the part.
fn scan(text: &str) -> Option<Written> {
    if text.len() > MAX_MOMENT_LEN || !text.is_ascii() {
        return None;
    }
    let mut s = Scanner { bytes: text.as_bytes(), pos: 0 };
    let year = i32::try_from(s.digits(4, 4)?).ok()?;
    s.require(b'-')?;
    let month = s.digits(1, 2)?;
    s.require(b'-')?;
    let day = s.digits(1, 2)?;
    let clock = scan_clock(&mut s)?;
    s.skip_spaces();
    let zone = scan_zone(&mut s)?;
    s.skip_spaces();
    s.at_end().then_some(Written { year, month, day, clock, zone })
}

/// `T12:30`, ` 12:30:15` or nothing. `Some(None)` is "no time"; `None` is a broken shape.
fn scan_clock(s: &mut Scanner) -> Option<Option<Clock>> {
    if s.eat(b'T') || s.eat(b't') {
        return scan_hms(s).map(Some);
    }
    s.skip_spaces();
    if !s.peek().is_some_and(|b| b.is_ascii_digit()) {
        return Some(None);
    }
    scan_hms(s).map(Some)
}

fn scan_hms(s: &mut Scanner) -> Option<Clock> {
    let hour = s.digits(1, 2)?;
    s.require(b':')?;
    let minute = s.digits(2, 2)?;
    let second = if s.eat(b':') { Some(s.digits(2, 2)?) } else { None };
    Some(Clock { hour, minute, second })
}

/// `Z`, `UTC`, `±HH`, `±HHMM`, `±HH:MM` or nothing. `Some(None)` is "no zone"; `None` is a
/// broken shape. Ranges are checked by `Written::zone_seconds`.
fn scan_zone(s: &mut Scanner) -> Option<Option<WrittenOffset>> {
    if s.eat(b'Z') || s.eat(b'z') || s.eat_word("utc") {
        return Some(Some(WrittenOffset { east: true, hours: 0, minutes: 0 }));
    }
    let east = if s.eat(b'+') {
        true
    } else if s.eat(b'-') {
        false
    } else {
        return Some(None);
    };
    let hours = s.digits(2, 2)?;
    let colon = s.eat(b':');
    let minutes = match s.digits(2, 2) {
        Some(minutes) => minutes,
        None if !colon => 0,
        None => return None,
    };
    Some(Some(WrittenOffset { east, hours, minutes }))
}

/// A local time in `tz` as Unix seconds, never failing: ambiguous → earlier, skipped → the first
/// instant after the gap.
pub(super) fn resolve_local<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> i64 {
    match tz.from_local_datetime(&local) {
        MappedLocalTime::Single(t) => t.timestamp(),
        MappedLocalTime::Ambiguous(a, b) => a.timestamp().min(b.timestamp()),
        MappedLocalTime::None => first_instant_after_gap(tz, local),
    }
}

fn first_instant_after_gap<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> i64 {
    for minute in 1..=GAP_SEARCH_MINUTES {
        let Some(later) = local.checked_add_signed(TimeDelta::minutes(minute)) else {
            break;
        };
        if let Some(found) = tz.from_local_datetime(&later).earliest() {
            return step_back_to_gap_end(tz, local, found.timestamp());
        }
    }
    // No zone has a gap this long; if one did, reading the time with the offset in force at
    // that wall-clock reading as UTC is as good a guess as any, and it cannot fail.
    let offset = tz.offset_from_utc_datetime(&local).fix().local_minus_utc();
    local.and_utc().timestamp() - i64::from(offset)
}

/// A gap may end between whole minutes (old local-mean-time offsets had seconds): steps back
/// to the earliest second whose local time is already at or past `local`.
fn step_back_to_gap_end<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime, found: i64) -> i64 {
    let mut earliest = found;
    for _ in 0..60 {
        let Some(previous) = DateTime::from_timestamp(earliest - 1, 0) else {
            break;
        };
        if previous.with_timezone(tz).naive_local() < local {
            break;
        }
        earliest -= 1;
    }
    earliest
}

/// A cursor over ASCII bytes.
struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let matched = self.peek() == Some(byte);
        if matched {
            self.pos += 1;
        }
        matched
    }

    /// Eats `byte`; `None`, a broken shape, when it is not next.
    fn require(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Eats `word` ignoring ASCII case.
    fn eat_word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        let matched = self.bytes.get(self.pos..end).is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()));
        if matched {
            self.pos = end;
        }
        matched
    }

    /// Between `min` and `max` digits (`max` ≤ 4, so the value fits).
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.pos;
        let mut value = 0u32;
        while self.pos - start < max {
            let Some(digit) = self.peek().filter(u8::is_ascii_digit) else {
                break;
            };
            value = value * 10 + u32::from(digit - b'0');
            self.pos += 1;
        }
        (self.pos - start >= min).then_some(value)
    }

    fn skip_spaces(&mut self) {
        while self.eat(b' ') {}
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveTime, Utc};

    const JAN_1_2026: i64 = 1_767_225_600;

    fn utc(text: &str, bound: Bound) -> Result<Option<i64>, FieldError> {
        parse_moment(text, bound, &Utc)
    }

    fn part_error(input: &str, part: DatePart, value: u32) -> FieldError {
        FieldError::DatePart { input: input.to_owned(), part, value }
    }

    fn instant(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> i64 {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).single().unwrap().timestamp()
    }

    /// Central European rules for 2026 only: +01:00, and +02:00 from 2026-03-29 01:00 UTC to
    /// 2026-10-25 01:00 UTC. chrono alone has no zone with clock changes to test with.
    #[derive(Clone, Debug)]
    struct TestDst;

    impl TestDst {
        fn winter() -> FixedOffset {
            FixedOffset::east_opt(3600).unwrap()
        }
        fn summer() -> FixedOffset {
            FixedOffset::east_opt(7200).unwrap()
        }
    }

    impl TimeZone for TestDst {
        type Offset = FixedOffset;

        fn from_offset(_: &FixedOffset) -> Self {
            TestDst
        }

        fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<FixedOffset> {
            self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
        }

        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
            let fits: Vec<FixedOffset> = [Self::summer(), Self::winter()]
                .into_iter()
                .filter(|offset| {
                    let utc = *local - TimeDelta::seconds(i64::from(offset.local_minus_utc()));
                    self.offset_from_utc_datetime(&utc) == *offset
                })
                .collect();
            match fits.as_slice() {
                [one] => MappedLocalTime::Single(*one),
                [a, b] => MappedLocalTime::Ambiguous(*a, *b),
                _ => MappedLocalTime::None,
            }
        }

        fn offset_from_utc_date(&self, utc: &NaiveDate) -> FixedOffset {
            self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
        }

        fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> FixedOffset {
            let seconds = utc.and_utc().timestamp();
            let summer = instant(2026, 3, 29, 1, 0, 0)..instant(2026, 10, 25, 1, 0, 0);
            if summer.contains(&seconds) {
                Self::summer()
            } else {
                Self::winter()
            }
        }
    }

    #[test]
    fn empty_moment_is_none() {
        assert_eq!(utc("", Bound::From), Ok(None));
        assert_eq!(utc("  \n", Bound::To), Ok(None));
    }

    #[test]
    fn date_only_from_is_start_of_day() {
        assert_eq!(utc("2026-01-01", Bound::From), Ok(Some(JAN_1_2026)));
    }

    #[test]
    fn date_only_to_is_end_of_day() {
        // The facts sheet's example: one UTC day is from=1767225600 to=1767311999.
        assert_eq!(utc("2026-01-01", Bound::To), Ok(Some(1_767_311_999)));
    }

    #[test]
    fn minutes_to_is_end_of_minute() {
        assert_eq!(utc("2026-01-01 10:30", Bound::From), Ok(Some(JAN_1_2026 + 37_800)));
        assert_eq!(utc("2026-01-01 10:30", Bound::To), Ok(Some(JAN_1_2026 + 37_859)));
    }

    #[test]
    fn seconds_are_exact_for_both_bounds() {
        for bound in [Bound::From, Bound::To] {
            assert_eq!(utc("2026-01-01 00:00:07", bound), Ok(Some(JAN_1_2026 + 7)));
        }
    }

    #[test]
    fn t_separator_and_zone_suffixes_are_accepted() {
        let expected = Ok(Some(JAN_1_2026 + 3600));
        for text in [
            "2026-01-01T01:00",
            "2026-01-01t01:00:00z",
            "2026-01-01 01:00Z",
            "2026-01-01 01:00 UTC",
            "2026-01-01T04:00+03:00",
            "2026-01-01T04:00+0300",
            "2026-01-01T04:00 +03",
            "2025-12-31 20:00-05:00",
            "2026-1-1 1:00",
        ] {
            assert_eq!(utc(text, Bound::From), expected, "{text}");
        }
    }

    #[test]
    fn written_zone_overrides_the_given_one() {
        let minus_five = FixedOffset::west_opt(5 * 3600).unwrap();
        assert_eq!(parse_moment("2026-01-01 03:00+03:00", Bound::From, &minus_five), Ok(Some(JAN_1_2026)));
        assert_eq!(parse_moment("2026-01-01 UTC", Bound::From, &minus_five), Ok(Some(JAN_1_2026)));
    }

    #[test]
    fn moment_without_zone_is_local_time() {
        let plus_one = TestDst::winter();
        assert_eq!(parse_moment("2026-01-01", Bound::From, &plus_one), Ok(Some(JAN_1_2026 - 3600)));
    }

    #[test]
    fn unix_seconds_are_taken_as_they_are() {
        for bound in [Bound::From, Bound::To] {
            assert_eq!(utc(" 1767225600 ", bound), Ok(Some(JAN_1_2026)));
        }
        assert_eq!(utc("0", Bound::From), Ok(Some(0)));
    }

    #[test]
    fn impossible_date_is_rejected_with_the_part() {
        assert_eq!(
            utc("2026-02-30", Bound::From),
            Err(FieldError::DayOutOfMonth {
                input: "2026-02-30".to_owned(),
                year: 2026,
                month: 2,
                day: 30,
                days_in_month: 28
            })
        );
        assert_eq!(utc("2026-13-01", Bound::From), Err(part_error("2026-13-01", DatePart::Month, 13)));
        assert_eq!(utc("2026-00-01", Bound::From), Err(part_error("2026-00-01", DatePart::Month, 0)));
        assert_eq!(utc("2026-01-32", Bound::From), Err(part_error("2026-01-32", DatePart::Day, 32)));
        assert_eq!(
            utc("2026-01-01 25:00", Bound::To),
            Err(part_error("2026-01-01 25:00", DatePart::Hour, 25))
        );
        assert_eq!(
            utc("2026-01-01 10:60", Bound::To),
            Err(part_error("2026-01-01 10:60", DatePart::Minute, 60))
        );
        assert_eq!(
            utc("2026-01-01 23:59:60", Bound::To),
            Err(part_error("2026-01-01 23:59:60", DatePart::Second, 60))
        );
        assert_eq!(
            utc("2026-01-01 10:00+24:00", Bound::To),
            Err(part_error("2026-01-01 10:00+24:00", DatePart::OffsetHour, 24))
        );
        assert_eq!(
            utc("2026-01-01 10:00-03:75", Bound::To),
            Err(part_error("2026-01-01 10:00-03:75", DatePart::OffsetMinute, 75))
        );
    }

    #[test]
    fn february_29_exists_only_in_leap_years() {
        assert!(utc("2024-02-29", Bound::From).is_ok());
        assert!(utc("2000-02-29", Bound::From).is_ok());
        assert!(matches!(
            utc("2100-02-29", Bound::From),
            Err(FieldError::DayOutOfMonth { days_in_month: 28, .. })
        ));
    }

    #[test]
    fn text_that_is_no_moment_is_a_shape_error() {
        for text in [
            "tomorrow",
            "01/02/2026",
            "2026-01-01 10",
            "2026-01-01T",
            "2026-01-01 10:5",
            "2026-01-01 10:00:00.5",
            "26-01-01",
            "2026-01-01 10:00 PST",
            "2026-01-01+03:",
            "１７６７２２５６００",
            "2026-01-01 😀",
            "-1767225600",
        ] {
            assert!(matches!(utc(text, Bound::From), Err(FieldError::DateShape { .. })), "{text}");
        }
    }

    #[test]
    fn moments_outside_1970_to_9999_are_out_of_range() {
        for text in ["1969-12-31", "0000-01-01", "253402300800", "99999999999999999999999"] {
            assert!(matches!(utc(text, Bound::From), Err(FieldError::MomentOutOfRange { .. })), "{text}");
        }
        assert_eq!(utc("9999-12-31", Bound::To), Ok(Some(MAX_SECONDS)));
        assert_eq!(utc("1970-01-01", Bound::From), Ok(Some(0)));
    }

    #[test]
    fn skipped_local_time_resolves_to_the_end_of_the_gap() {
        // 02:00-02:59 local does not exist on 2026-03-29: the clock jumps at 01:00 UTC.
        let gap_end = instant(2026, 3, 29, 1, 0, 0);
        for text in ["2026-03-29 02:30", "2026-03-29 02:00:00", "2026-03-29 02:59:59"] {
            assert_eq!(parse_moment(text, Bound::From, &TestDst), Ok(Some(gap_end)), "{text}");
        }
        assert_eq!(parse_moment("2026-03-29 03:00", Bound::From, &TestDst), Ok(Some(gap_end)));
    }

    #[test]
    fn repeated_local_time_resolves_to_the_earlier_instant() {
        // 02:30 local happens twice on 2026-10-25: at 00:30 UTC (+02:00) and 01:30 UTC (+01:00).
        assert_eq!(
            parse_moment("2026-10-25 02:30", Bound::From, &TestDst),
            Ok(Some(instant(2026, 10, 25, 0, 30, 0)))
        );
    }

    #[test]
    fn format_moment_shows_minutes_in_the_zone() {
        assert_eq!(format_moment(JAN_1_2026, &Utc), "2026-01-01 00:00");
        assert_eq!(format_moment(JAN_1_2026 + 59, &TestDst::summer()), "2026-01-01 02:00");
        assert_eq!(format_moment(i64::MAX, &Utc), i64::MAX.to_string());
    }

    #[test]
    fn formatted_moment_parses_back() {
        let shown = format_moment(JAN_1_2026 + 3600, &TestDst);
        assert_eq!(parse_moment(&shown, Bound::From, &TestDst), Ok(Some(JAN_1_2026 + 3600)));
    }
}
