//! The dashboard's table per unit, for those who reach several units: the
//! case figures and the measures due side by side, in tree order, leaving
//! out the units with nothing to show.

use app::avvik::risk::band;
use app::dashboard::model::UnitSummary;
use app::domain::units::UnitView;
use app::error::AppError;
use app::sync::rules::RiskLevel;

use crate::db::avvik_scope::ListQuery;
use crate::db::dashboard::{self as db, UnitCases};
use crate::errors::internal;

/// The figures of each unit of `shown`, from the cases `query` covers and
/// the measures due (`(unit, overdue, due soon)`).
pub async fn per_unit(
    pool: &sqlx::AnyPool,
    query: &ListQuery,
    units: &[UnitView],
    shown: &[String],
    due: &[(String, i64, i64)],
    new_after: i64,
) -> Result<Vec<UnitSummary>, AppError> {
    let cases = db::per_unit(pool, query, band(RiskLevel::High), new_after)
        .await
        .map_err(internal("count cases per unit"))?;
    Ok(merge(units, shown, &cases, due))
}

/// One line per unit of `units` that is `shown` and has something to show.
fn merge(
    units: &[UnitView],
    shown: &[String],
    cases: &[UnitCases],
    due: &[(String, i64, i64)],
) -> Vec<UnitSummary> {
    units
        .iter()
        .filter(|unit| shown.contains(&unit.id))
        .map(|unit| {
            let case = cases.iter().find(|row| row.unit_id == unit.id);
            let (overdue, due_soon) = due
                .iter()
                .find(|(id, _, _)| id == &unit.id)
                .map_or((0, 0), |(_, overdue, soon)| (*overdue, *soon));
            UnitSummary {
                unit: unit.clone(),
                open: case.map_or(0, |row| row.open),
                high: case.map_or(0, |row| row.high),
                new: case.map_or(0, |row| row.new),
                overdue,
                due_soon,
            }
        })
        .filter(|line| line.open + line.new + line.overdue + line.due_soon > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::units::UnitKind;

    fn unit(id: &str) -> UnitView {
        UnitView {
            id: id.to_owned(),
            parent_id: None,
            name: id.to_uppercase(),
            kind: UnitKind::Enhet,
            depth: 1,
        }
    }

    #[test]
    fn units_keep_tree_order_and_the_quiet_ones_are_left_out() {
        let units = [unit("a"), unit("b"), unit("c"), unit("d")];
        let shown: Vec<String> = ["a", "b", "c"].map(str::to_owned).to_vec();
        let cases = [UnitCases {
            unit_id: "c".to_owned(),
            open: 3,
            high: 1,
            new: 2,
        }];
        let due = [("a".to_owned(), 1, 0), ("d".to_owned(), 5, 5)];
        let lines = merge(&units, &shown, &cases, &due);
        let ids: Vec<&str> = lines.iter().map(|line| line.unit.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"], "b has nothing; d is not shown");
        assert_eq!(lines.first().map(|line| line.overdue), Some(1));
        assert_eq!(
            lines.get(1).map(|line| (line.open, line.high, line.new)),
            Some((3, 1, 2))
        );
    }
}
