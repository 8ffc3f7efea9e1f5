//! What the AMU statistics show, the sums the page and the export make of
//! them, and the server function that reads them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::error::AppError;
use crate::i18n::{Locale, td_string};
use crate::reports::categories::ReportCategory;

/// The page's address.
pub const STATS_PATH: &str = "/statistikk";

/// The statistics as an Excel workbook (`?aar=…&enhet=…`).
pub const STATS_XLSX_PATH: &str = "/api/v1/avvik/statistikk.xlsx";

/// Cases per quarter of the year, the first quarter first.
pub type Quarters = [i64; 4];

/// The cases of one unit and one category in a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsRow {
    /// The unit's id.
    pub unit_id: String,
    /// The unit's name.
    pub unit: String,
    /// What the cases are about; `None` for those without a category
    /// (the avvik of a vernerunde, which are about a checklist point).
    pub category: Option<ReportCategory>,
    /// Cases registered per quarter.
    pub quarters: Quarters,
}

/// One unit's cases in a year: in all, and per category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitStats {
    /// The unit's name.
    pub unit: String,
    /// All its cases per quarter.
    pub total: Quarters,
    /// Per category, in the rows' order.
    pub categories: Vec<(Option<ReportCategory>, Quarters)>,
}

/// The statistics of a year for the units a person reads, or for one unit
/// and those below it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvvikStats {
    /// The year shown.
    pub year: i32,
    /// The years one may choose, newest first.
    pub years: Vec<i32>,
    /// The unit it is narrowed to (empty: everything the person reaches).
    pub unit_id: String,
    /// The units the person reads, in tree order (to narrow it).
    pub units: Vec<UnitView>,
    /// Each unit and category with a case in the year: units in tree order,
    /// categories in the form's order, those without one last.
    pub rows: Vec<StatsRow>,
}

/// The sum of a year's quarters.
pub fn year_total(quarters: &Quarters) -> i64 {
    quarters.iter().sum()
}

/// `a` and `b` added quarter by quarter.
fn added(a: Quarters, b: &Quarters) -> Quarters {
    let mut sum = a;
    for (into, from) in sum.iter_mut().zip(b) {
        *into += from;
    }
    sum
}

impl AvvikStats {
    /// All cases per quarter.
    pub fn total(&self) -> Quarters {
        self.rows
            .iter()
            .fold([0; 4], |sum, row| added(sum, &row.quarters))
    }

    /// Per category (in the form's order, those without one last), only
    /// the categories with a case.
    pub fn per_category(&self) -> Vec<(Option<ReportCategory>, Quarters)> {
        let order = ReportCategory::ALL.into_iter().map(Some).chain([None]);
        order
            .filter_map(|category| {
                let rows = self.rows.iter().filter(|row| row.category == category);
                let sum = rows.fold([0; 4], |sum, row| added(sum, &row.quarters));
                (year_total(&sum) > 0).then_some((category, sum))
            })
            .collect()
    }

    /// Per unit, in the rows' order, with its categories.
    pub fn per_unit(&self) -> Vec<UnitStats> {
        let mut units: Vec<(&str, UnitStats)> = Vec::new();
        for row in &self.rows {
            let at = match units.iter().position(|(id, _)| *id == row.unit_id) {
                Some(at) => at,
                None => {
                    units.push((
                        &row.unit_id,
                        UnitStats {
                            unit: row.unit.clone(),
                            total: [0; 4],
                            categories: Vec::new(),
                        },
                    ));
                    units.len() - 1
                }
            };
            if let Some((_, unit)) = units.get_mut(at) {
                unit.total = added(unit.total, &row.quarters);
                unit.categories.push((row.category, row.quarters));
            }
        }
        units.into_iter().map(|(_, unit)| unit).collect()
    }
}

/// A category's name in `locale`, or the words for cases without one.
pub fn category_text(category: Option<ReportCategory>, locale: Locale) -> &'static str {
    match category {
        Some(category) => category.name(locale),
        None => td_string!(locale, stats_no_category),
    }
}

/// The statistics of `year` (empty: this year) for `unit` and below (empty:
/// all the person reaches).
#[server(prefix = "/api/fn", endpoint = "avvik_stats")]
pub async fn load_stats(
    #[server(default)] year: String,
    #[server(default)] unit: String,
) -> Result<AvvikStats, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let unit = Some(unit).filter(|unit| !unit.is_empty());
            backend()?.avvik_stats(&user, &year, unit).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, category: Option<ReportCategory>, quarters: Quarters) -> StatsRow {
        StatsRow {
            unit_id: unit.to_owned(),
            unit: format!("Enhet {unit}"),
            category,
            quarters,
        }
    }

    fn stats(rows: Vec<StatsRow>) -> AvvikStats {
        AvvikStats {
            year: 2026,
            years: vec![2026],
            unit_id: String::new(),
            units: Vec::new(),
            rows,
        }
    }

    #[test]
    fn sums_go_by_category_in_the_forms_order_and_by_unit_in_the_rows_order() {
        let stats = stats(vec![
            row("b", Some(ReportCategory::Fire), [1, 0, 0, 2]),
            row("b", None, [0, 3, 0, 0]),
            row("a", Some(ReportCategory::Physical), [0, 0, 4, 0]),
            row("a", Some(ReportCategory::Fire), [5, 0, 0, 0]),
        ]);
        assert_eq!(stats.total(), [6, 3, 4, 2]);
        assert_eq!(year_total(&stats.total()), 15);
        assert_eq!(
            stats.per_category(),
            vec![
                (Some(ReportCategory::Physical), [0, 0, 4, 0]),
                (Some(ReportCategory::Fire), [6, 0, 0, 2]),
                (None, [0, 3, 0, 0]),
            ],
            "without a category last; categories without a case left out"
        );
        let units = stats.per_unit();
        assert_eq!(
            units
                .iter()
                .map(|unit| unit.unit.as_str())
                .collect::<Vec<_>>(),
            ["Enhet b", "Enhet a"]
        );
        assert_eq!(units.first().map(|unit| unit.total), Some([1, 3, 0, 2]));
        assert_eq!(units.get(1).map(|unit| unit.categories.len()), Some(2));
    }

    #[test]
    fn a_year_without_cases_sums_to_nothing() {
        let empty = stats(Vec::new());
        assert_eq!(empty.total(), [0; 4]);
        assert!(empty.per_category().is_empty());
        assert!(empty.per_unit().is_empty());
    }
}
