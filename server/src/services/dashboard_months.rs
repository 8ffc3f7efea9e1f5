//! The dashboard's chart: cases registered per month (Norwegian time) for
//! this month and the eleven before it.

use app::dashboard::model::{CHART_MONTHS, MonthCount};
use app::error::AppError;
use chrono::{Datelike, Months, NaiveDate};

use crate::db::avvik_scope::ListQuery;
use crate::db::dashboard as db;
use crate::errors::internal;
use crate::local_time::parse_oslo_local;

/// The first day of each of the [`CHART_MONTHS`] months up to `today`'s,
/// and of the month after.
fn month_starts(today: NaiveDate) -> Vec<NaiveDate> {
    let this_month = today.with_day(1).unwrap_or(today);
    let back = u32::try_from(CHART_MONTHS - 1).unwrap_or(0);
    let first = this_month
        .checked_sub_months(Months::new(back))
        .unwrap_or(this_month);
    (0..=back + 1)
        .filter_map(|n| first.checked_add_months(Months::new(n)))
        .collect()
}

/// Cases registered per month for the chart, oldest first.
pub async fn months(
    pool: &sqlx::AnyPool,
    query: &ListQuery,
    today: NaiveDate,
) -> Result<Vec<MonthCount>, AppError> {
    let starts = month_starts(today);
    let bounds: Vec<i64> = starts
        .iter()
        .filter_map(|day| parse_oslo_local(&format!("{day}T00:00")))
        .collect();
    let counts = db::per_period(pool, query, &bounds)
        .await
        .map_err(internal("count cases per month"))?;
    Ok(starts
        .iter()
        .take(CHART_MONTHS)
        .zip(counts.into_iter().chain(std::iter::repeat(0)))
        .map(|(day, count)| MonthCount {
            year: day.year(),
            month: day.month(),
            count,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_covers_this_month_and_the_eleven_before() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).expect("a day");
        let starts = month_starts(today);
        assert_eq!(starts.len(), CHART_MONTHS + 1);
        assert_eq!(
            starts.first().map(ToString::to_string).as_deref(),
            Some("2026-01-01")
        );
        assert_eq!(
            starts.get(11).map(ToString::to_string).as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(
            starts.last().map(ToString::to_string).as_deref(),
            Some("2027-01-01")
        );
        let march = month_starts(NaiveDate::from_ymd_opt(2028, 3, 31).expect("a day"));
        assert_eq!(
            march.first().map(ToString::to_string).as_deref(),
            Some("2027-04-01")
        );
    }
}
