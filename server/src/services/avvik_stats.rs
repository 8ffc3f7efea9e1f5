//! AMU statistics: the cases a person reaches (the avvik list's reach, so
//! the two never disagree) registered in a year, counted per unit,
//! category and quarter in Norwegian time.

use std::collections::HashMap;

use app::backend::StatsBackend;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::categories::ReportCategory;
use app::stats::model::{AvvikStats, Quarters, StatsRow};
use async_trait::async_trait;

use super::Services;
use super::avvik_list::narrowed_query;
use super::years::{FIRST_YEAR, month_start, parse_year};
use crate::db::avvik_stats::{self as db, QuarterCount};
use crate::db::{now_ms, units};
use crate::errors::internal;
use crate::local_time::oslo_year;
use crate::state::AppState;

#[async_trait]
impl StatsBackend for Services {
    async fn avvik_stats(
        &self,
        user: &CurrentUser,
        year: &str,
        unit: Option<String>,
    ) -> Result<AvvikStats, AppError> {
        avvik_stats(&self.state, user, year, unit, now_ms()).await
    }
}

/// The statistics of `year` (as typed; empty: this year at `now`) that
/// `user` may read, for `unit` and below or all they reach; a unit they do
/// not read is not found.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn avvik_stats(
    state: &AppState,
    user: &CurrentUser,
    year: &str,
    unit: Option<String>,
    now: i64,
) -> Result<AvvikStats, AppError> {
    let pool = state.db.pool();
    let this_year = oslo_year(now);
    let year = parse_year(year, this_year, this_year)?;
    let (query, units) = narrowed_query(state, user, unit.as_deref()).await?;
    let starts = quarter_starts(year)
        .ok_or_else(|| AppError::Malformed(format!("not a year we count: {year}")))?;
    let counts = db::per_quarter(pool, &query, &starts)
        .await
        .map_err(internal("count cases per quarter"))?;
    let first = db::first_case_at(pool, &query)
        .await
        .map_err(internal("find the first case"))?;
    // A verneombud also reads the cases of the areas they cover, which may
    // lie in units they do not read: those are named too.
    let names: HashMap<String, String> = units::all(pool)
        .await
        .map_err(internal("load units"))?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let tree_order: Vec<&str> = units.iter().map(|unit| unit.id.as_str()).collect();
    let rows = rows_of(counts, &tree_order, &names);
    let oldest = first.map_or(this_year, oslo_year).clamp(FIRST_YEAR, year);
    Ok(AvvikStats {
        year,
        years: (oldest..=this_year).rev().collect(),
        unit_id: unit.unwrap_or_default(),
        units,
        rows,
    })
}

/// When each quarter of `year` begins, and the next year, in Norwegian
/// time (ms).
fn quarter_starts(year: i32) -> Option<[i64; 5]> {
    Some([
        month_start(year, 1)?,
        month_start(year, 4)?,
        month_start(year, 7)?,
        month_start(year, 10)?,
        month_start(year + 1, 1)?,
    ])
}

/// The counts as rows: per unit (in `tree_order`, then any other by name)
/// and category (in the form's order, without one last; a category this
/// version does not know counts as without one).
fn rows_of(
    counts: Vec<QuarterCount>,
    tree_order: &[&str],
    names: &HashMap<String, String>,
) -> Vec<StatsRow> {
    let mut rows: HashMap<(String, Option<ReportCategory>), Quarters> = HashMap::new();
    for count in counts {
        let category = ReportCategory::parse(&count.category);
        let quarters = rows.entry((count.unit_id, category)).or_default();
        let quarter = usize::try_from(count.quarter - 1).unwrap_or(3).min(3);
        if let Some(cell) = quarters.get_mut(quarter) {
            *cell += count.count;
        }
    }
    let mut rows: Vec<StatsRow> = rows
        .into_iter()
        .map(|((unit_id, category), quarters)| StatsRow {
            unit: names.get(&unit_id).cloned().unwrap_or_default(),
            unit_id,
            category,
            quarters,
        })
        .collect();
    let unit_rank = |row: &StatsRow| {
        tree_order
            .iter()
            .position(|id| *id == row.unit_id)
            .unwrap_or(tree_order.len())
    };
    let category_rank = |row: &StatsRow| {
        row.category
            .and_then(|category| ReportCategory::ALL.iter().position(|c| *c == category))
            .unwrap_or(ReportCategory::ALL.len())
    };
    rows.sort_by_cached_key(|row| (unit_rank(row), row.unit.clone(), category_rank(row)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(unit: &str, category: &str, quarter: i64, count: i64) -> QuarterCount {
        QuarterCount {
            unit_id: unit.to_owned(),
            category: category.to_owned(),
            quarter,
            count,
        }
    }

    #[test]
    fn quarters_begin_at_norwegian_midnight() {
        let starts = quarter_starts(2026).expect("a year");
        // 1 January 00:00 in Oslo (winter time) is 31 December 23:00 UTC;
        // 1 April, in summer time, 31 March 22:00 UTC.
        assert_eq!(starts[0], 1_767_222_000_000);
        assert_eq!(starts[1], 1_774_994_400_000);
        assert_eq!(starts[4], quarter_starts(2027).expect("a year")[0]);
        assert!(starts.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn rows_follow_the_tree_then_the_forms_categories_and_unknown_ones_count_as_none() {
        let names: HashMap<String, String> = [("a", "Alfa"), ("b", "Beta"), ("x", "Xylofon")]
            .into_iter()
            .map(|(id, name)| (id.to_owned(), name.to_owned()))
            .collect();
        let rows = rows_of(
            vec![
                count("x", "brann", 1, 1),
                count("a", "", 2, 3),
                count("a", "brann", 4, 2),
                count("b", "fysisk", 1, 5),
                count("a", "noe_nytt", 2, 1),
                count("a", "brann", 1, 7),
            ],
            &["b", "a"],
            &names,
        );
        let order: Vec<(&str, Option<ReportCategory>)> = rows
            .iter()
            .map(|row| (row.unit.as_str(), row.category))
            .collect();
        assert_eq!(
            order,
            [
                ("Beta", Some(ReportCategory::Physical)),
                ("Alfa", Some(ReportCategory::Fire)),
                ("Alfa", None),
                ("Xylofon", Some(ReportCategory::Fire)),
            ],
            "a unit reached through a verneområde comes after the tree"
        );
        assert_eq!(rows[1].quarters, [7, 0, 0, 2]);
        assert_eq!(
            rows[2].quarters,
            [0, 4, 0, 0],
            "no category and an unknown one"
        );
    }
}
