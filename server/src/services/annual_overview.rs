//! Every unit's year in a line: the units a person reads (those of the
//! enhet level, where the plan is kept; all they read when they read none
//! of that level), their occurrences counted by state, and the kinds
//! overdue named.

use app::annual::model::{ActivityRow, PlanState, count_in};
use app::annual::overview::{AnnualOverview, UnitYear};
use app::domain::access::Action;
use app::domain::units::{UnitKind, UnitView};
use app::domain::users::CurrentUser;
use app::error::AppError;
use chrono::NaiveDate;

use super::annual::{plan_year, years_around};
use super::annual_reads::YearReads;
use super::scope::{tree_of, units_in_scope};
use crate::db::units;
use crate::errors::internal;
use crate::state::AppState;

/// The overview of `year` (as typed; empty: `today`'s) as of `today`.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn annual_overview(
    state: &AppState,
    user: &CurrentUser,
    year: &str,
    behind_only: bool,
    today: NaiveDate,
) -> Result<AnnualOverview, AppError> {
    let pool = state.db.pool();
    let year = plan_year(year, today)?;
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let readable = units_in_scope(&rows, user, Action::ReadReports);
    if readable.is_empty() {
        return Err(AppError::Forbidden);
    }
    let tree = tree_of(&rows);
    let ids: Vec<String> = readable.iter().map(|unit| unit.id.clone()).collect();
    let reads = YearReads::read(pool, &ids, &tree, year).await?;
    let listed = plan_units(&readable);
    let all_units = listed.len();
    let units = listed
        .into_iter()
        .map(|unit| summary(unit, &reads.rows_of(&unit.id, year, today)))
        .filter(|line| !behind_only || line.overdue_count > 0)
        .collect();
    Ok(AnnualOverview {
        year,
        years: years_around(today, year),
        behind_only,
        all_units,
        units,
    })
}

/// The units whose plans are listed: those of the enhet level, else all.
fn plan_units(readable: &[UnitView]) -> Vec<&UnitView> {
    let enheter: Vec<&UnitView> = readable
        .iter()
        .filter(|unit| unit.kind == UnitKind::Enhet)
        .collect();
    if enheter.is_empty() {
        readable.iter().collect()
    } else {
        enheter
    }
}

/// `unit`'s line from its rows.
fn summary(unit: &UnitView, rows: &[ActivityRow]) -> UnitYear {
    let count = |state: PlanState| count_in(rows, state);
    let overdue = rows
        .iter()
        .filter_map(|row| {
            let n = row
                .occurrences
                .iter()
                .filter(|o| o.state == PlanState::Overdue)
                .count();
            match n {
                0 => None,
                1 => Some(row.name.clone()),
                n => Some(format!("{} ({n})", row.name)),
            }
        })
        .collect();
    UnitYear {
        unit_id: unit.id.clone(),
        unit: unit.name.clone(),
        overdue,
        overdue_count: count(PlanState::Overdue),
        due: count(PlanState::Due),
        planned: count(PlanState::Planned),
        done: count(PlanState::Done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::annual::model::{OccurrenceView, RuleView};

    fn row(name: &str, states: &[PlanState]) -> ActivityRow {
        ActivityRow {
            kind_id: name.to_owned(),
            name: name.to_owned(),
            rule: RuleView::PerYear { times: 4 },
            occurrences: states
                .iter()
                .map(|state| OccurrenceView {
                    from_month: 1,
                    to_month: 3,
                    until: "31.3.2026".to_owned(),
                    state: *state,
                    day: None,
                })
                .collect(),
            recordable: false,
        }
    }

    #[test]
    fn a_line_names_each_kind_overdue_with_how_many() {
        let unit = UnitView {
            id: "u".to_owned(),
            parent_id: None,
            kind: UnitKind::Enhet,
            name: "Nordby skole".to_owned(),
            depth: 0,
        };
        use PlanState::*;
        let line = summary(
            &unit,
            &[
                row("Vernerunde", &[Overdue]),
                row("AMU-møte", &[Done, Overdue, Overdue, Due]),
                row("Vernedag", &[Planned, Upcoming]),
            ],
        );
        assert_eq!(line.overdue, ["Vernerunde", "AMU-møte (2)"]);
        assert_eq!(
            (line.overdue_count, line.due, line.planned, line.done),
            (3, 1, 1, 1)
        );
    }
}
