//! The årshjul of a unit: each kind's rule followed over the year on the
//! plan's clock, with what was recorded (activities marked done, and the
//! finished and planned rounds of the unit and the units below it), for
//! anyone who reads the unit's reports; and marking an activity done, for
//! those who keep the unit's plan.

use app::annual::model::{AnnualPlan, RecordView};
use app::annual::overview::AnnualOverview;
use app::backend::AnnualBackend;
use app::domain::access::{Action, UnitTree};
use app::domain::units::UnitKind;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use async_trait::async_trait;
use chrono::{Datelike, NaiveDate};

use super::Services;
use super::annual_overview::annual_overview;
use super::annual_reads::YearReads;
use super::annual_rows::day_text;
use super::scope::units_in_scope;
use crate::auth::access::allowed;
use crate::db::annual::{self as db, NewRecord};
use crate::db::{new_id, now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

/// The first year one may look at or record in.
const FIRST_YEAR: i32 = 2000;

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
    let year = parse_year(year, today.year())?;
    let rows = units::all(pool).await.map_err(internal("load units"))?;
    let readable = units_in_scope(&rows, user, Action::ReadReports);
    let chosen = match &unit {
        Some(id) => readable
            .iter()
            .find(|view| &view.id == id)
            .ok_or(AppError::NotFound)?,
        None => readable
            .iter()
            .find(|view| view.kind == UnitKind::Enhet)
            .or(readable.first())
            .ok_or(AppError::Forbidden)?,
    };
    let tree = UnitTree::new(
        rows.iter()
            .map(|row| (row.id.clone(), row.parent_id.clone())),
    );
    let within: Vec<String> = rows
        .iter()
        .filter(|row| tree.is_within(&row.id, &chosen.id))
        .map(|row| row.id.clone())
        .collect();
    let reads = YearReads::read(pool, &within, &tree, year).await?;
    let records = reads
        .records_of(&chosen.id)
        .iter()
        .map(|row| RecordView {
            kind: row.kind_name.clone(),
            done_on: day_text(&row.done_on),
            note: row.note.clone(),
            by: row.recorded_by.clone(),
        })
        .collect();
    Ok(AnnualPlan {
        unit_id: chosen.id.clone(),
        unit_name: chosen.name.clone(),
        year,
        years: years_around(today),
        today: today.to_string(),
        may_record: allowed(user, Action::KeepAnnualPlan, &tree.chain(&chosen.id)),
        rows: reads.rows_of(&chosen.id, year, today),
        units: readable.clone(),
        records,
    })
}

/// The years one may choose around `today`'s, newest first: the five
/// before it and the next.
pub(super) fn years_around(today: NaiveDate) -> Vec<i32> {
    (FIRST_YEAR.max(today.year() - 5)..=today.year() + 1)
        .rev()
        .collect()
}

/// The year asked for: `this_year` when none is given; one from
/// [`FIRST_YEAR`] to next year.
pub(super) fn parse_year(text: &str, this_year: i32) -> Result<i32, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(this_year);
    }
    text.parse::<i32>()
        .ok()
        .filter(|year| (FIRST_YEAR..=this_year + 1).contains(year))
        .ok_or_else(|| AppError::Malformed(format!("not a year we plan: {text}")))
}

/// Marks an activity of `kind` done in `unit` on `done_on`, if `user` keeps
/// the unit's plan (a unit they do not read is not found).
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
    let chain = units::chain(pool, unit)
        .await
        .map_err(internal("load the unit"))?;
    if chain.is_empty() || !allowed(user, Action::ReadReports, &chain) {
        return Err(AppError::NotFound);
    }
    if !allowed(user, Action::KeepAnnualPlan, &chain) {
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
    if !db::kind_exists(pool, kind)
        .await
        .map_err(internal("find the kind"))?
    {
        return Err(AppError::Invalid(InvalidInput::ActivityKind));
    }
    let (id, day) = (new_id(), day.to_string());
    let record = NewRecord {
        id: &id,
        unit_id: unit,
        kind_id: kind,
        done_on: &day,
        note,
        user_id: &user.id,
    };
    let mut tx = state.db.begin_change().await.map_err(internal("begin"))?;
    db::insert_record(&mut tx, &record, now_ms())
        .await
        .map_err(internal("record the activity"))?;
    tx.commit().await.map_err(internal("commit"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_may_be_read_up_to_next_year() {
        assert_eq!(parse_year("", 2026), Ok(2026));
        assert_eq!(parse_year("2027", 2026), Ok(2027));
        assert!(parse_year("2028", 2026).is_err());
        assert!(parse_year("1999", 2026).is_err());
        assert!(parse_year("i fjor", 2026).is_err());
    }
}
