//! The dashboard's table per unit, for those who reach several units: the
//! case figures and the measures due side by side, in tree order, leaving
//! out the units with nothing to show.

use app::avvik::risk::band;
use app::dashboard::model::UnitSummary;
use app::domain::units::UnitView;
use app::error::AppError;
use app::sync::rules::RiskLevel;

use crate::db::avvik_scope::ListQuery;
use crate::db::dashboard as db;
use crate::errors::internal;

/// The figures per unit, each counted where they are kept.
#[derive(Clone, Debug, Default)]
pub struct PerUnit {
    /// `(unit, open, high)`.
    pub open: Vec<(String, i64, i64)>,
    /// `(unit, new)`.
    pub new: Vec<(String, i64)>,
    /// `(unit, overdue, due soon)`.
    pub due: Vec<(String, i64, i64)>,
}

/// The figures of each unit of `shown`, from the cases `query` covers (new
/// ones registered after `new_after`) and the measures due.
pub async fn per_unit(
    pool: &sqlx::AnyPool,
    query: &ListQuery,
    (units, shown): (&[UnitView], &[String]),
    due: Vec<(String, i64, i64)>,
    new_after: i64,
) -> Result<Vec<UnitSummary>, AppError> {
    let open = ListQuery {
        open_only: true,
        ..query.clone()
    };
    let new = ListQuery {
        since: Some(new_after + 1),
        ..query.clone()
    };
    let figures = PerUnit {
        open: db::open_per_unit(pool, &open, band(RiskLevel::High))
            .await
            .map_err(internal("count open cases per unit"))?,
        new: db::count_per_unit(pool, &new)
            .await
            .map_err(internal("count new cases per unit"))?,
        due,
    };
    Ok(merge(units, shown, &figures))
}

/// One line per unit of `units` that is `shown` and has something to show.
fn merge(units: &[UnitView], shown: &[String], figures: &PerUnit) -> Vec<UnitSummary> {
    units
        .iter()
        .filter(|unit| shown.contains(&unit.id))
        .map(|unit| {
            let (open, high) = figures
                .open
                .iter()
                .find(|(id, _, _)| id == &unit.id)
                .map_or((0, 0), |(_, open, high)| (*open, *high));
            let new = figures
                .new
                .iter()
                .find(|(id, _)| id == &unit.id)
                .map_or(0, |(_, new)| *new);
            let (overdue, due_soon) = figures
                .due
                .iter()
                .find(|(id, _, _)| id == &unit.id)
                .map_or((0, 0), |(_, overdue, soon)| (*overdue, *soon));
            UnitSummary {
                unit: unit.clone(),
                open,
                high,
                new,
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
        let figures = PerUnit {
            open: vec![("c".to_owned(), 3, 1)],
            new: vec![("c".to_owned(), 2)],
            due: vec![("a".to_owned(), 1, 0), ("d".to_owned(), 5, 5)],
        };
        let lines = merge(&units, &shown, &figures);
        let ids: Vec<&str> = lines.iter().map(|line| line.unit.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"], "b has nothing; d is not shown");
        assert_eq!(lines.first().map(|line| line.overdue), Some(1));
        assert_eq!(
            lines.get(1).map(|line| (line.open, line.high, line.new)),
            Some((3, 1, 2))
        );
    }
}
