//! The years a page of figures may be asked for, and where a year or a
//! month begins in Norwegian time: shared by the statistics and the årshjul.

use app::error::AppError;

use crate::local_time::parse_oslo_local;

/// The first year one may ask for.
pub const FIRST_YEAR: i32 = 2000;

/// `text` as a year from [`FIRST_YEAR`] to `last` (surrounding spaces
/// allowed); `default` when it is empty.
pub fn parse_year(text: &str, default: i32, last: i32) -> Result<i32, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(default);
    }
    text.parse::<i32>()
        .ok()
        .filter(|year| (FIRST_YEAR..=last).contains(year))
        .ok_or_else(|| AppError::Malformed(format!("not a year we count: {text}")))
}

/// The first instant (ms) of `month` (1–12) of `year` in Norway.
pub fn month_start(year: i32, month: u32) -> Option<i64> {
    parse_oslo_local(&format!("{year}-{month:02}-01T00:00"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_the_default_when_none_is_asked_and_never_outside_the_range() {
        assert_eq!(parse_year("", 2026, 2027), Ok(2026));
        assert_eq!(parse_year(" 2024 ", 2026, 2027), Ok(2024));
        assert_eq!(parse_year("2027", 2026, 2027), Ok(2027));
        assert!(parse_year("2028", 2026, 2027).is_err());
        assert!(parse_year("1999", 2026, 2027).is_err());
        assert!(parse_year("20x6", 2026, 2027).is_err());
    }

    #[test]
    fn a_month_begins_at_norwegian_midnight() {
        // 1 January 00:00 in Oslo (winter time) is 31 December 23:00 UTC;
        // 1 April, in summer time, 31 March 22:00 UTC.
        assert_eq!(month_start(2026, 1), Some(1_767_222_000_000));
        assert_eq!(month_start(2026, 4), Some(1_774_994_400_000));
    }
}
