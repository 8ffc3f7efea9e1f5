//! The avvik list: which cases the person reaches (the one access rule,
//! plus the verneområder they cover), the filter checked and turned into
//! stored values, and one page with the counts per state.

use app::avvik::list::{AvvikFilter, AvvikListItem, AvvikPage, Cursor, PAGE_SIZE};
use app::avvik::risk::band;
use app::domain::access::Action;
use app::domain::units::UnitView;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::reports::CaseState;
use chrono::{Days, NaiveDate};
use sqlx::AnyPool;

use super::scope::{units_in_scope, units_within};
use crate::db::avvik_list::{self, ListQuery, ListRow};
use crate::db::units;
use crate::errors::internal;
use crate::local_time::{oslo_text, parse_oslo_local};
use crate::state::AppState;

/// One page of the cases `user` reaches, narrowed by `filter`, after `after`.
#[tracing::instrument(skip_all, fields(user = %user.id))]
pub async fn avvik_list(
    state: &AppState,
    user: &CurrentUser,
    filter: AvvikFilter,
    after: Option<Cursor>,
) -> Result<AvvikPage, AppError> {
    let pool = state.db.pool();
    let (query, units) = list_query(state, user, &filter).await?;
    let limit = i64::try_from(PAGE_SIZE + 1).unwrap_or(i64::MAX);
    let after_key = after
        .as_ref()
        .map(|cursor| (cursor.score, cursor.created_at, cursor.id.as_str()));
    let mut rows = avvik_list::page(pool, &query, after_key, limit)
        .await
        .map_err(internal("load the avvik list"))?;
    let next = if rows.len() > PAGE_SIZE {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|row| {
            Cursor {
                score: row.risk_score,
                created_at: row.created_at,
                id: row.id.clone(),
            }
            .encode()
        })
    } else {
        None
    };
    let counts = avvik_list::counts(pool, &query)
        .await
        .map_err(internal("count the avvik list"))?;
    Ok(AvvikPage {
        items: rows.into_iter().filter_map(item).collect(),
        next,
        counts: CaseState::ALL
            .into_iter()
            .map(|state| {
                let count = counts
                    .iter()
                    .find(|(stored, _)| stored == state.as_db())
                    .map_or(0, |(_, count)| *count);
                (state, count)
            })
            .collect(),
        units,
    })
}

/// The cases `user` reaches now (no filter), with the units they read and
/// all units; a person who reads no unit's cases and covers no verneområde
/// reaches none.
pub(crate) async fn reach_of(
    pool: &AnyPool,
    user: &CurrentUser,
) -> Result<(ListQuery, Vec<UnitView>, Vec<units::UnitRow>), AppError> {
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let (reach, units) = reach_among(pool, &rows, user).await?;
    Ok((reach, units, rows))
}

/// [`reach_of`] over the units `rows` already loaded (a job asking for
/// many people loads the organisation once), with the units they read.
pub(crate) async fn reach_among(
    pool: &AnyPool,
    rows: &[units::UnitRow],
    user: &CurrentUser,
) -> Result<(ListQuery, Vec<UnitView>), AppError> {
    let units = units_in_scope(rows, user, Action::ReadReports);
    let covers = avvik_list::covers_an_area(pool, &user.id)
        .await
        .map_err(internal("load the person's areas"))?;
    let reach = ListQuery {
        reach: units.iter().map(|unit| unit.id.clone()).collect(),
        covered_by: covers.then(|| user.id.clone()),
        ..ListQuery::default()
    };
    Ok((reach, units))
}

/// Whether `query` reaches any case at all.
pub(crate) fn reaches_any(query: &ListQuery) -> bool {
    !query.reach.is_empty() || query.covered_by.is_some()
}

/// The person's reach and the filter as stored values, with the units they
/// read; refused for a person who reads no unit's cases and covers no
/// verneområde.
pub(crate) async fn list_query(
    state: &AppState,
    user: &CurrentUser,
    filter: &AvvikFilter,
) -> Result<(ListQuery, Vec<UnitView>), AppError> {
    let (reach, units, rows) = reach_of(state.db.pool(), user).await?;
    if !reaches_any(&reach) {
        return Err(AppError::Forbidden);
    }
    let within = filter
        .unit_id
        .as_ref()
        .map(|unit| units_within(&rows, unit));
    let query = ListQuery {
        within,
        status: filter.status.map(CaseState::as_db),
        open_only: filter.open_only,
        cell: filter
            .cell
            .map(|cell| (i64::from(cell.probability), i64::from(cell.consequence))),
        score: filter.risk.map(|risk| band(risk.level())),
        category: filter
            .category
            .clone()
            .filter(|category| !category.is_empty()),
        source: filter.source.map(|source| source.as_db()),
        since: day_start(filter.from.as_deref(), 0)?,
        until: day_start(filter.to.as_deref(), 1)?,
        assigned_to: filter.assigned_to_me.then(|| user.id.clone()),
        ..reach
    };
    Ok((query, units))
}

/// The person's reach narrowed to `unit` and the units below it (`None`:
/// all they reach), with the units they read; a unit they do not read is
/// not found.
pub(crate) async fn narrowed_query(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<&str>,
) -> Result<(ListQuery, Vec<UnitView>), AppError> {
    let filter = AvvikFilter {
        unit_id: unit.map(str::to_owned),
        ..AvvikFilter::default()
    };
    let (query, units) = list_query(state, user, &filter).await?;
    if let Some(unit) = unit
        && !units.iter().any(|view| view.id == unit)
    {
        return Err(AppError::NotFound);
    }
    Ok((query, units))
}

/// The start (Norwegian time) of `day` plus `days_after` days, in ms; an
/// empty day is no bound, anything but a `YYYY-MM-DD` day is refused.
fn day_start(day: Option<&str>, days_after: u64) -> Result<Option<i64>, AppError> {
    let Some(day) = day.filter(|day| !day.is_empty()) else {
        return Ok(None);
    };
    let start = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|date| date.checked_add_days(Days::new(days_after)))
        .and_then(|date| parse_oslo_local(&format!("{date}T00:00")));
    start
        .map(Some)
        .ok_or_else(|| AppError::Malformed(format!("not a day: {day}")))
}

/// A row as the list shows it (a row with a state or source this version
/// does not know is left out rather than shown wrong).
pub(crate) fn item(row: ListRow) -> Option<AvvikListItem> {
    Some(AvvikListItem {
        status: CaseState::from_db(&row.status)?,
        source: app::avvik::list::CaseSource::from_db(&row.source)?,
        id: row.id,
        receipt_no: row.receipt_no,
        description: row.description,
        unit: row.unit_name,
        room: row.room_name,
        category: row.category,
        score: row.risk_score,
        created_at: row.created_at,
        registered: oslo_text(row.created_at),
        assigned_to: row.assigned_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_bound_starts_at_norwegian_midnight() {
        // 1 July 2026 00:00 in Oslo (summer time) is 30 June 22:00 UTC.
        assert_eq!(
            day_start(Some("2026-07-01"), 0),
            Ok(Some(1_782_856_800_000))
        );
        assert_eq!(
            day_start(Some("2026-06-30"), 1),
            day_start(Some("2026-07-01"), 0),
            "the day after"
        );
        assert_eq!(day_start(Some(""), 0), Ok(None));
        assert_eq!(day_start(None, 1), Ok(None));
        assert!(day_start(Some("1.7.2026"), 0).is_err());
    }
}
