//! The årshjul's settings: the organisation's kinds and rules, kept by the
//! HMS-ansvarlig of the whole organisation (a role at its top), and a
//! unit's times a year, kept by those who keep the unit's plan. A rule is
//! checked by the same schedule the plan follows, so a rule saved is one
//! the plan can follow.

use app::annual::kinds::{KindForm, KindSetting, ROUND_KINDS, ScheduleKind, TIMES_A_YEAR};
use app::backend::AnnualKindsBackend;
use app::domain::access::Action;
use app::domain::roles::Role;
use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use async_trait::async_trait;

use super::Services;
use super::annual::kept_chain;
use super::annual_rows::schedule_of;
use crate::auth::access::allowed;
use crate::db::annual::{self, KindRow};
use crate::db::units::UnitRow;
use crate::db::{annual_kinds as db, new_id, now_ms, units};
use crate::errors::internal;
use crate::state::AppState;

#[async_trait]
impl AnnualKindsBackend for Services {
    async fn annual_kinds(&self, user: &CurrentUser) -> Result<Vec<KindSetting>, AppError> {
        require_organisation_admin(&self.state, user).await?;
        let kinds = annual::kinds(self.state.db.pool())
            .await
            .map_err(internal("load the activity kinds"))?;
        Ok(kinds.into_iter().filter_map(setting).collect())
    }

    async fn save_annual_kind(&self, user: &CurrentUser, form: KindForm) -> Result<(), AppError> {
        require_organisation_admin(&self.state, user).await?;
        let mut kind = checked(&form).map_err(AppError::Invalid)?;
        let mut tx = self
            .state
            .db
            .begin_change()
            .await
            .map_err(internal("begin"))?;
        if form.id.is_empty() {
            kind.id = new_id();
            db::insert(&mut tx, &kind, &user.id, now_ms())
                .await
                .map_err(internal("add a kind"))?;
        } else if !db::update(&mut tx, &kind, &user.id, now_ms())
            .await
            .map_err(internal("change a kind"))?
        {
            return Err(AppError::NotFound);
        }
        tx.commit().await.map_err(internal("commit"))
    }

    async fn archive_annual_kind(&self, user: &CurrentUser, id: &str) -> Result<(), AppError> {
        require_organisation_admin(&self.state, user).await?;
        let mut tx = self
            .state
            .db
            .begin_change()
            .await
            .map_err(internal("begin"))?;
        if !db::archive(&mut tx, id, &user.id, now_ms())
            .await
            .map_err(internal("archive a kind"))?
        {
            return Err(AppError::NotFound);
        }
        tx.commit().await.map_err(internal("commit"))
    }

    async fn set_unit_times(
        &self,
        user: &CurrentUser,
        unit: &str,
        kind: &str,
        times: &str,
    ) -> Result<(), AppError> {
        let pool = self.state.db.pool();
        kept_chain(&self.state, user, unit).await?;
        let times = times
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| TIMES_A_YEAR.contains(n))
            .ok_or(AppError::Invalid(InvalidInput::ActivityRule))?;
        let kinds = annual::kinds(pool)
            .await
            .map_err(internal("load the activity kinds"))?;
        if !kinds
            .iter()
            .any(|k| k.id == kind && k.schedule == ScheduleKind::PerYear.as_db())
        {
            return Err(AppError::Invalid(InvalidInput::ActivityKind));
        }
        let mut tx = self
            .state
            .db
            .begin_change()
            .await
            .map_err(internal("begin"))?;
        db::set_times(&mut tx, (unit, kind), i64::from(times), &user.id, now_ms())
            .await
            .map_err(internal("set the times a year"))?;
        tx.commit().await.map_err(internal("commit"))
    }
}

/// Refuses anyone who does not change the organisation from its top: the
/// kinds are the whole organisation's.
async fn require_organisation_admin(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    let rows = units::all(state.db.pool())
        .await
        .map_err(internal("load units"))?;
    if is_organisation_admin(&rows, user) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether `user` changes the organisation at every root of its tree.
pub fn is_organisation_admin(rows: &[UnitRow], user: &CurrentUser) -> bool {
    let mut roots = rows.iter().filter(|row| row.parent_id.is_none()).peekable();
    roots.peek().is_some()
        && roots.all(|root| {
            allowed(
                user,
                Action::ManageOrganisation,
                std::slice::from_ref(&root.id),
            )
        })
}

/// A stored kind as the form shows it (one with a schedule this version
/// does not know is left out).
fn setting(row: KindRow) -> Option<KindSetting> {
    let number = |value: i64| u32::try_from(value).unwrap_or_default();
    Some(KindSetting {
        schedule: ScheduleKind::from_db(&row.schedule)?,
        from_month: number(row.from_month),
        to_month: number(row.to_month),
        every_years: number(row.every_years),
        first_year: i32::try_from(row.first_year).unwrap_or_default(),
        times: number(row.times),
        round_kind: row.round_kind.unwrap_or_default(),
        responsible: row.responsible_role,
        id: row.id,
        name: row.name,
    })
}

/// The kind a form describes, if its name and rule are ones to keep (the
/// numbers a rule does not use take their defaults).
fn checked(form: &KindForm) -> Result<KindRow, InvalidInput> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(InvalidInput::ActivityName);
    }
    let schedule = ScheduleKind::from_db(&form.schedule).ok_or(InvalidInput::ActivityRule)?;
    let number = |text: &str, default: i64| -> Result<i64, InvalidInput> {
        match text.trim() {
            "" => Ok(default),
            text => text.parse::<i64>().map_err(|_| InvalidInput::ActivityRule),
        }
    };
    let round_kind = Some(form.round_kind.trim()).filter(|kind| !kind.is_empty());
    if round_kind.is_some_and(|kind| !ROUND_KINDS.contains(&kind)) {
        return Err(InvalidInput::ActivityRule);
    }
    let responsible = Role::parse(form.responsible.trim()).ok_or(InvalidInput::ActivityRule)?;
    let kind = KindRow {
        id: form.id.clone(),
        name: name.to_owned(),
        schedule: schedule.as_db().to_owned(),
        from_month: number(&form.from_month, 1)?,
        to_month: number(&form.to_month, 12)?,
        every_years: number(&form.every_years, 1)?,
        first_year: number(&form.first_year, 2000)?,
        times: number(&form.times, 1)?,
        round_kind: round_kind.map(str::to_owned),
        responsible_role: responsible.as_str().to_owned(),
    };
    schedule_of(&kind, None).ok_or(InvalidInput::ActivityRule)?;
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(schedule: &str, months: (&str, &str), times: &str) -> KindForm {
        KindForm {
            id: String::new(),
            name: " Brannøvelse ".to_owned(),
            schedule: schedule.to_owned(),
            from_month: months.0.to_owned(),
            to_month: months.1.to_owned(),
            every_years: String::new(),
            first_year: String::new(),
            times: times.to_owned(),
            round_kind: String::new(),
            responsible: "leder".to_owned(),
        }
    }

    #[test]
    fn a_rule_is_kept_only_when_the_plan_can_follow_it() {
        let kept = checked(&form("per_year", ("", ""), "2")).expect("twice a year");
        assert_eq!(
            (kept.name.as_str(), kept.times, kept.round_kind),
            ("Brannøvelse", 2, None)
        );
        assert!(checked(&form("yearly", ("4", "5"), "")).is_ok());
        for (bad, why) in [
            (
                form("per_year", ("", ""), "5"),
                "5 does not divide the year",
            ),
            (
                form("yearly", ("6", "5"), ""),
                "the window ends before it begins",
            ),
            (form("yearly", ("1", "13"), ""), "no 13th month"),
            (form("yearly", ("jan", "5"), ""), "not a number"),
            (form("monthly", ("", ""), ""), "no such schedule"),
            (
                KindForm {
                    round_kind: "julebord".to_owned(),
                    ..form("yearly", ("1", "5"), "")
                },
                "no such round",
            ),
            (
                KindForm {
                    responsible: "sjef".to_owned(),
                    ..form("yearly", ("1", "5"), "")
                },
                "no such role",
            ),
        ] {
            assert_eq!(
                checked(&bad).err(),
                Some(InvalidInput::ActivityRule),
                "{why}"
            );
        }
        assert_eq!(
            checked(&KindForm {
                name: "  ".to_owned(),
                ..form("yearly", ("1", "5"), "")
            })
            .err(),
            Some(InvalidInput::ActivityName)
        );
    }
}
