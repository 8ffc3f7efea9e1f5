//! The dashboard's table per unit, for those who reach several units: the
//! case figures and the measures due side by side, in tree order, leaving
//! out the units with nothing to show.

use std::collections::BTreeMap;

use app::dashboard::model::UnitSummary;
use app::domain::units::UnitView;

use crate::db::dashboard::OpenGroup;

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

/// Per unit, its open cases and how many of them are scored within `high`
/// (both ends): `(unit, open, high)`.
pub fn open_per_unit(groups: &[OpenGroup], high: (i64, i64)) -> Vec<(String, i64, i64)> {
    let mut units: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for group in groups {
        let (open, high_count) = units.entry(&group.unit_id).or_default();
        *open += group.count;
        if (high.0..=high.1).contains(&group.risk_score) {
            *high_count += group.count;
        }
    }
    units
        .into_iter()
        .map(|(unit, (open, high))| (unit.to_owned(), open, high))
        .collect()
}

/// One line per unit of `units` that is `shown` and has something to show.
pub fn merge(units: &[UnitView], shown: &[String], figures: &PerUnit) -> Vec<UnitSummary> {
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
    fn open_cases_and_the_high_ones_are_added_up_per_unit() {
        let group = |unit: &str, risk_score, count| OpenGroup {
            unit_id: unit.to_owned(),
            risk_score,
            probability: None,
            consequence: None,
            count,
        };
        let groups = [
            group("b", 20, 2),
            group("a", 4, 3),
            group("b", 6, 1),
            group("b", 15, 4),
        ];
        assert_eq!(
            open_per_unit(&groups, (15, 25)),
            [("a".to_owned(), 3, 0), ("b".to_owned(), 7, 6)]
        );
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
