//! Norwegian local time without a time-zone database: Norway follows the EU
//! rule (CET, UTC+1; summer time, UTC+2, from 01:00 UTC on the last Sunday
//! of March to 01:00 UTC on the last Sunday of October). Case numbers carry
//! the local year, and a reporter's "when" is typed in local time.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};

const HOUR_MS: i64 = 3_600_000;

/// 01:00 UTC on the last Sunday of `month` in `year`.
fn last_sunday_1am_utc(year: i32, month: u32) -> Option<DateTime<Utc>> {
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = next_month.pred_opt()?;
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt()?;
    }
    Some(Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0)?))
}

/// Norway's offset from UTC at the instant `utc_ms`, in milliseconds.
pub fn oslo_offset_ms(utc_ms: i64) -> i64 {
    let Some(instant) = DateTime::<Utc>::from_timestamp_millis(utc_ms) else {
        return HOUR_MS;
    };
    let year = instant.year();
    match (last_sunday_1am_utc(year, 3), last_sunday_1am_utc(year, 10)) {
        (Some(start), Some(end)) if instant >= start && instant < end => 2 * HOUR_MS,
        _ => HOUR_MS,
    }
}

/// The calendar year in Norway at the instant `utc_ms`.
pub fn oslo_year(utc_ms: i64) -> i32 {
    DateTime::<Utc>::from_timestamp_millis(utc_ms + oslo_offset_ms(utc_ms))
        .map_or(1970, |local| local.year())
}

/// Reads a local date and time as an `<input type="datetime-local">` sends
/// it (`2026-12-05T08:30`, seconds optional) and returns the instant in
/// milliseconds since the epoch; `None` when it is not such a value.
pub fn parse_oslo_local(value: &str) -> Option<i64> {
    let local = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let as_if_utc = local.and_utc().timestamp_millis();
    // The offset in force an hour before is right everywhere except within
    // the hour a clock change repeats or skips, where either reading will do.
    Some(as_if_utc - oslo_offset_ms(as_if_utc - HOUR_MS))
}

/// The instant `utc_ms` as a Norwegian date and time: `5.12.2026 08:30`.
pub fn oslo_text(utc_ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(utc_ms + oslo_offset_ms(utc_ms))
        .map(|local| local.format("%-d.%-m.%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// The Norwegian calendar day at the instant `utc_ms`: `2026-12-05`.
pub fn oslo_date(utc_ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(utc_ms + oslo_offset_ms(utc_ms))
        .map(|local| local.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(value: &str) -> i64 {
        DateTime::parse_from_rfc3339(value)
            .expect("a test instant")
            .timestamp_millis()
    }

    #[test]
    fn the_norwegian_day_turns_at_local_midnight() {
        assert_eq!(oslo_date(utc("2026-12-31T22:59:59Z")), "2026-12-31");
        assert_eq!(oslo_date(utc("2026-12-31T23:00:00Z")), "2027-01-01");
        assert_eq!(oslo_date(utc("2026-06-30T22:00:00Z")), "2026-07-01");
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        // 2026: 29 March and 25 October.
        assert_eq!(oslo_offset_ms(utc("2026-03-29T00:59:59Z")), HOUR_MS);
        assert_eq!(oslo_offset_ms(utc("2026-03-29T01:00:00Z")), 2 * HOUR_MS);
        assert_eq!(oslo_offset_ms(utc("2026-10-25T00:59:59Z")), 2 * HOUR_MS);
        assert_eq!(oslo_offset_ms(utc("2026-10-25T01:00:00Z")), HOUR_MS);
        assert_eq!(oslo_offset_ms(utc("2026-12-05T12:00:00Z")), HOUR_MS);
    }

    #[test]
    fn the_year_turns_at_local_midnight() {
        assert_eq!(oslo_year(utc("2026-12-31T22:59:59Z")), 2026);
        assert_eq!(oslo_year(utc("2026-12-31T23:00:00Z")), 2027);
    }

    #[test]
    fn local_input_becomes_the_right_instant() {
        assert_eq!(
            parse_oslo_local("2026-12-05T08:30"),
            Some(utc("2026-12-05T07:30:00Z"))
        );
        assert_eq!(
            parse_oslo_local("2026-06-01T12:00:30"),
            Some(utc("2026-06-01T10:00:30Z"))
        );
        assert_eq!(parse_oslo_local("5.12.2026 08:30"), None);
        assert_eq!(parse_oslo_local(""), None);
    }

    #[test]
    fn instants_are_written_in_norwegian_time() {
        assert_eq!(oslo_text(utc("2026-12-05T07:30:00Z")), "5.12.2026 08:30");
        assert_eq!(oslo_text(utc("2026-06-01T10:05:00Z")), "1.6.2026 12:05");
    }
}
