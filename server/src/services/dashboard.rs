//! The leader's dashboard: the counts of [`crate::db::dashboard`] over the
//! cases the person reaches (the avvik list's reach, so the two never
//! disagree), narrowed to one unit and those below it if asked; loading it
//! marks the person's visit.

use app::avvik::rating::{MatrixCount, Rating};
use app::avvik::risk::band;
use app::backend::DashboardBackend;
use app::dashboard::model::Dashboard;
use app::dashboard::visit::Visits;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::sync::rules::RiskLevel;
use async_trait::async_trait;
use chrono::NaiveDate;

use super::Services;
use super::avvik_list::{item, narrowed_query};
use super::dashboard_reads::read;
use super::dashboard_units::{PerUnit, merge, open_per_unit};
use super::tiltak::view;
use crate::db::dashboard::OpenGroup;
use crate::db::{dashboard as db, now_ms};
use crate::errors::internal;
use crate::local_time::{oslo_date, oslo_text};
use crate::state::AppState;

#[async_trait]
impl DashboardBackend for Services {
    async fn dashboard(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
    ) -> Result<Dashboard, AppError> {
        dashboard(&self.state, user, unit, now_ms()).await
    }
}

/// The dashboard of `user` at `now` (ms), for `unit` and below or all
/// they reach; a unit they do not read is not found.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn dashboard(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<String>,
    now: i64,
) -> Result<Dashboard, AppError> {
    let pool = state.db.pool();
    let (query, units) = narrowed_query(state, user, unit.as_deref()).await?;
    let visits = mark_visit(state, user, now).await?;
    let today = NaiveDate::parse_from_str(&oslo_date(now), "%Y-%m-%d")
        .map_err(internal("read today's date"))?;
    let shown: Vec<String> = query
        .reach
        .iter()
        .filter(|id| {
            query
                .within
                .as_ref()
                .is_none_or(|within| within.contains(id))
        })
        .cloned()
        .collect();
    let reads = read(pool, &query, &shown, visits.new_after, today).await?;
    let (matrix, unrated) = matrix(&reads.open_groups);
    let (overdue, due_soon) = reads
        .due_per_unit
        .iter()
        .fold((0, 0), |(overdue, soon), (_, o, s)| (overdue + o, soon + s));
    let new_count = reads.new_per_unit.iter().map(|(_, count)| count).sum();
    let per_unit = if shown.len() > 1 {
        let figures = PerUnit {
            open: open_per_unit(&reads.open_groups, band(RiskLevel::High)),
            new: reads.new_per_unit,
            due: reads.due_per_unit,
        };
        merge(&units, &shown, &figures)
    } else {
        Vec::new()
    };
    let today_text = today.to_string();
    Ok(Dashboard {
        unit_id: unit.unwrap_or_default(),
        units,
        open: matrix.iter().map(|cell| cell.count).sum::<i64>() + unrated,
        matrix,
        unrated,
        new_since: oslo_text(visits.new_after),
        new_count,
        new_cases: reads.new_cases.into_iter().filter_map(item).collect(),
        overdue,
        due_soon,
        due: reads
            .due
            .into_iter()
            .filter_map(|row| view(row, &today_text, false))
            .collect(),
        months: reads.months,
        per_unit,
    })
}

/// The person's visits after this load, stored.
async fn mark_visit(state: &AppState, user: &CurrentUser, now: i64) -> Result<Visits, AppError> {
    let pool = state.db.pool();
    let stored = db::visits(pool, &user.id)
        .await
        .map_err(internal("load the last visit"))?
        .map(|(new_after, last_seen)| Visits {
            new_after,
            last_seen,
        });
    let visits = Visits::after_load(stored, now);
    db::save_visits(pool, &user.id, visits.new_after, visits.last_seen)
        .await
        .map_err(internal("mark the visit"))?;
    Ok(visits)
}

/// The counts per rating as matrix cells, and the count of those not
/// rated on the matrix.
fn matrix(groups: &[OpenGroup]) -> (Vec<MatrixCount>, i64) {
    let mut cells: Vec<MatrixCount> = Vec::new();
    let mut unrated = 0;
    for group in groups {
        let Some(rating) = Rating::stored(group.probability, group.consequence) else {
            unrated += group.count;
            continue;
        };
        match cells.iter_mut().find(|cell| cell.rating == rating) {
            Some(cell) => cell.count += group.count,
            None => cells.push(MatrixCount {
                rating,
                count: group.count,
            }),
        }
    }
    (cells, unrated)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(unit: &str, rating: Option<(i64, i64)>, count: i64) -> OpenGroup {
        OpenGroup {
            unit_id: unit.to_owned(),
            risk_score: rating.map_or(0, |(p, k)| p * k),
            probability: rating.map(|(p, _)| p),
            consequence: rating.map(|(_, k)| k),
            count,
        }
    }

    #[test]
    fn cases_without_a_rating_on_the_matrix_are_counted_apart() {
        let (cells, unrated) = matrix(&[
            group("a", Some((4, 5)), 2),
            group("b", None, 3),
            group("a", Some((1, 1)), 1),
        ]);
        assert_eq!(cells.len(), 2);
        assert_eq!(cells.first().map(|cell| cell.rating.score()), Some(20));
        assert_eq!(unrated, 3);
    }
}
