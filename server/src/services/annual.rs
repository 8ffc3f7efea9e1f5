//! The årshjul of a unit: each kind's rule followed over the year on the
//! plan's clock, with what was recorded (activities marked done, and the
//! finished and planned rounds of the unit and the units below it), for
//! anyone who reads the unit's reports; and marking an activity done, for
//! those responsible for it in the unit.

use app::annual::model::{AnnualPlan, RecordView};
use app::annual::overview::AnnualOverview;
use app::backend::AnnualBackend;
use app::domain::access::Action;
use app::domain::units::UnitKind;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use async_trait::async_trait;
use chrono::{Datelike, NaiveDate};

use super::Services;
use super::annual_kinds::is_organisation_admin;
use super::annual_overview::annual_overview;
use super::annual_reads::YearReads;
use super::annual_rows::{day_text, done_by_walking};
use super::scope::{tree_of, units_in_scope, units_within};
use super::years::{FIRST_YEAR, parse_year};
use crate::auth::access::allowed;
use crate::db::annual::{self as db, KindRow, NewRecord};
use crate::db::{new_id, now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

/// The longest note on an activity, in characters.
const NOTE_MAX: usize = 2000;

#[async_trait]
impl AnnualBackend for Services {
    async fn annual_plan(
        &self,
        user: &CurrentUser,
        unit: Option<String>,
        year: &str,
    ) -> Result<AnnualPlan, AppError> {
        let today = self.state.plan_clock.today();
        annual_plan(&self.state, user, unit, year, today).await
    }

    async fn annual_overview(
        &self,
        user: &CurrentUser,
        year: &str,
        behind_only: bool,
    ) -> Result<AnnualOverview, AppError> {
        let today = self.state.plan_clock.today();
        annual_overview(&self.state, user, year, behind_only, today).await
    }

    async fn record_activity(
        &self,
        user: &CurrentUser,
        unit: &str,
        kind: &str,
        done_on: &str,
        note: &str,
    ) -> Result<(), AppError> {
        let today = self.state.plan_clock.today();
        record_activity(&self.state, user, (unit, kind), done_on, note, today).await
    }
}

/// The year (as typed; empty: `today`'s) of `unit` (`None`: the first unit
/// of kind enhet the person reads) as of `today`.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn annual_plan(
    state: &AppState,
    user: &CurrentUser,
    unit: Option<String>,
    year: &str,
    today: NaiveDate,
) -> Result<AnnualPlan, AppError> {
    let pool = state.db.pool();
    let year = plan_year(year, today)?;
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let readable = units_in_scope(&rows, user, Action::ReadReports);
    let chosen = match &unit {
        Some(id) => readable.iter().find(|view| &view.id == id),
        None => readable
            .iter()
            .find(|view| view.kind == UnitKind::Enhet)
            .or(readable.first()),
    };
    let chosen = chosen.ok_or(if unit.is_some() {
        AppError::NotFound
    } else {
        AppError::Forbidden
    })?;
    let tree = tree_of(&rows);
    let chain = tree.chain(&chosen.id);
    let reads = YearReads::read(pool, &units_within(&rows, &chosen.id), &tree, year).await?;
    let mut activities = reads.rows_of(&chosen.id, year, today);
    for row in &mut activities {
        row.recordable = reads
            .kind(&row.kind_id)
            .is_some_and(|kind| may_record(kind, user, &chain));
    }
    Ok(AnnualPlan {
        unit_id: chosen.id.clone(),
        unit_name: chosen.name.clone(),
        year,
        years: years_around(today, year),
        today: today.to_string(),
        may_record: allowed(user, Action::KeepAnnualPlan, &chain),
        may_configure: is_organisation_admin(&rows, user),
        rows: activities,
        units: readable.clone(),
        records: reads
            .records_of(&chosen.id)
            .iter()
            .map(record_view)
            .collect(),
    })
}

fn record_view(row: &db::RecordRow) -> RecordView {
    RecordView {
        kind: row.kind_name.clone(),
        done_on: day_text(&row.done_on),
        note: row.note.clone(),
        by: row.recorded_by.clone(),
    }
}

/// The year asked for: `today`'s when none is given; one from
/// [`FIRST_YEAR`] to next year.
pub(super) fn plan_year(text: &str, today: NaiveDate) -> Result<i32, AppError> {
    parse_year(text, today.year(), today.year() + 1)
}

/// The years one may choose, newest first: the five before `today`'s, the
/// next, and `year` (the one shown) wherever it lies.
pub(super) fn years_around(today: NaiveDate, year: i32) -> Vec<i32> {
    let oldest = FIRST_YEAR.max(today.year() - 5).min(year);
    (oldest..=today.year() + 1).rev().collect()
}

/// Whether `user` may mark `kind` done in the unit whose chain is `chain`:
/// not a kind a round walked in Vern does (the round does it), and only
/// as the role responsible for it (a leader's kind by those who keep the
/// unit's plan, the HMS-ansvarlig's by those who keep the organisation).
fn may_record(kind: &KindRow, user: &CurrentUser, chain: &[String]) -> bool {
    let action = match kind.responsible_role.as_str() {
        "hms_admin" => Action::ManageOrganisation,
        _ => Action::KeepAnnualPlan,
    };
    !done_by_walking(kind) && allowed(user, action, chain)
}

/// The chain of `unit` (itself first) if `user` keeps its plan: a unit
/// they do not read is not found, one whose plan they only read refused.
pub(super) async fn kept_chain(
    state: &AppState,
    user: &CurrentUser,
    unit: &str,
) -> Result<Vec<String>, AppError> {
    let chain = units::chain(state.db.pool(), unit)
        .await
        .map_err(internal("load the unit"))?;
    if chain.is_empty() || !allowed(user, Action::ReadReports, &chain) {
        return Err(AppError::NotFound);
    }
    if !allowed(user, Action::KeepAnnualPlan, &chain) {
        return Err(AppError::Forbidden);
    }
    Ok(chain)
}

/// Marks an activity of `kind` done in `unit` on `done_on`, if `user` is
/// responsible for it there.
#[tracing::instrument(skip(state, user, note), fields(user = %user.id))]
pub async fn record_activity(
    state: &AppState,
    user: &CurrentUser,
    (unit, kind): (&str, &str),
    done_on: &str,
    note: &str,
    today: NaiveDate,
) -> Result<(), AppError> {
    let pool = state.db.pool();
    let chain = kept_chain(state, user, unit).await?;
    let kinds = db::kinds(pool)
        .await
        .map_err(internal("load the activity kinds"))?;
    let kind = kinds
        .iter()
        .find(|row| row.id == kind && !done_by_walking(row))
        .ok_or(AppError::Invalid(InvalidInput::ActivityKind))?;
    if !may_record(kind, user, &chain) {
        return Err(AppError::Forbidden);
    }
    let day = NaiveDate::parse_from_str(done_on.trim(), "%Y-%m-%d")
        .ok()
        .filter(|day| day.year() >= FIRST_YEAR && *day <= today)
        .ok_or(AppError::Invalid(InvalidInput::ActivityDay))?;
    let note = note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::Invalid(InvalidInput::ActivityNote));
    }
    let (id, day) = (new_id(), day.to_string());
    let record = NewRecord {
        id: &id,
        unit_id: unit,
        kind_id: &kind.id,
        done_on: &day,
        note,
        user_id: &user.id,
    };
    let mut tx = state.db.begin_change().await.map_err(internal("begin"))?;
    db::insert_record(&mut tx, &record, now_ms())
        .await
        .map_err(internal("record the activity"))?;
    tx.commit().await.map_err(internal("commit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    #[test]
    fn a_plan_may_be_read_up_to_next_year_and_the_year_shown_is_always_a_choice() {
        let today = day("2026-12-08");
        assert_eq!(plan_year("", today), Ok(2026));
        assert_eq!(plan_year("2027", today), Ok(2027));
        assert!(plan_year("2028", today).is_err());
        assert_eq!(
            years_around(today, 2026),
            [2027, 2026, 2025, 2024, 2023, 2022, 2021]
        );
        assert_eq!(years_around(today, 2015).last(), Some(&2015));
    }
}
