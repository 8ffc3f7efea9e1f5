//! What the årshjul shows, and the server functions that read it and mark
//! an activity done.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::error::AppError;

/// The page's address.
pub const ANNUAL_PATH: &str = "/arshjul";

/// How far one occurrence of an activity has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Recorded as done.
    Done,
    /// Planned for a day that has not passed.
    Planned,
    /// Within its period, not done yet.
    Due,
    /// Its deadline has passed and it was not done.
    Overdue,
    /// Its period has not begun.
    Upcoming,
}

/// When a kind of activity is due, as the page words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleView {
    /// Once a year within months `from`–`to`.
    Yearly {
        /// The window's first month (1–12).
        from: u32,
        /// Its last month.
        to: u32,
    },
    /// Once every `every` years within months `from`–`to`.
    EveryYears {
        /// Years between occurrences.
        every: u32,
        /// The window's first month.
        from: u32,
        /// Its last month.
        to: u32,
    },
    /// `times` a year in equal parts.
    PerYear {
        /// Occurrences a year.
        times: u32,
    },
}

/// One occurrence of an activity in the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OccurrenceView {
    /// Its period's first month (1–12).
    pub from_month: u32,
    /// Its period's last month.
    pub to_month: u32,
    /// Its deadline, `d.m.yyyy`.
    pub until: String,
    /// How far it has come.
    pub state: PlanState,
    /// The day it was done or is planned for, `d.m.yyyy`.
    pub day: Option<String>,
}

/// One kind of activity in the unit's year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityRow {
    /// The kind's id.
    pub kind_id: String,
    /// Its name.
    pub name: String,
    /// When it is due.
    pub rule: RuleView,
    /// The year's occurrences (none in a year an every-n-years rule skips).
    pub occurrences: Vec<OccurrenceView>,
    /// Whether the person may mark it done here (not a kind a round walked
    /// in Vern does, and only as the role responsible for it).
    pub recordable: bool,
}

/// An activity marked done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordView {
    /// The kind's name.
    pub kind: String,
    /// The day it was done, `d.m.yyyy`.
    pub done_on: String,
    /// What was done.
    pub note: String,
    /// Who recorded it.
    pub by: String,
}

/// A unit's year in the årshjul.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualPlan {
    /// The unit shown.
    pub unit_id: String,
    /// Its name.
    pub unit_name: String,
    /// The year shown.
    pub year: i32,
    /// The years one may choose, newest first.
    pub years: Vec<i32>,
    /// The plan's day (`YYYY-MM-DD`, the latest a record may carry).
    pub today: String,
    /// The units the person reads, in tree order (to choose another).
    pub units: Vec<UnitView>,
    /// Each kind of activity, in the organisation's order.
    pub rows: Vec<ActivityRow>,
    /// What was marked done in the year, newest first.
    pub records: Vec<RecordView>,
    /// Whether the person may mark the unit's activities done (and set its
    /// times a year).
    pub may_record: bool,
    /// Whether the person keeps the organisation's kinds and rules.
    pub may_configure: bool,
}

/// How many occurrences of `rows` are in `state`.
pub fn count_in(rows: &[ActivityRow], state: PlanState) -> usize {
    rows.iter()
        .flat_map(|row| &row.occurrences)
        .filter(|occurrence| occurrence.state == state)
        .count()
}

impl AnnualPlan {
    /// How many of the year's occurrences are in `state`.
    pub fn count(&self, state: PlanState) -> usize {
        count_in(&self.rows, state)
    }
}

/// The årshjul of `unit` (empty: the first unit the person reads) for
/// `year` (empty: this year).
#[server(prefix = "/api/fn", endpoint = "annual_plan")]
pub async fn load_annual_plan(
    #[server(default)] unit: String,
    #[server(default)] year: String,
) -> Result<AnnualPlan, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let unit = Some(unit).filter(|unit| !unit.is_empty());
            backend()?.annual_plan(&user, unit, &year).await
        }
        .await,
    )
}

/// Marks an activity of kind `kind` done in `unit` on `done_on`
/// (`YYYY-MM-DD`, not after today), with a note.
#[server(prefix = "/api/fn", endpoint = "record_activity")]
pub async fn record_activity(
    unit: String,
    kind: String,
    done_on: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?
                .record_activity(&user, &unit, &kind, &done_on, &note)
                .await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counts_go_over_every_occurrence() {
        let occurrence = |state| OccurrenceView {
            from_month: 1,
            to_month: 3,
            until: "31.3.2026".to_owned(),
            state,
            day: None,
        };
        let plan = AnnualPlan {
            unit_id: "u".to_owned(),
            unit_name: "U".to_owned(),
            year: 2026,
            years: vec![2026],
            today: "2026-06-01".to_owned(),
            units: Vec::new(),
            rows: vec![ActivityRow {
                kind_id: "amu".to_owned(),
                name: "AMU-møte".to_owned(),
                rule: RuleView::PerYear { times: 4 },
                occurrences: vec![
                    occurrence(PlanState::Done),
                    occurrence(PlanState::Overdue),
                    occurrence(PlanState::Due),
                    occurrence(PlanState::Overdue),
                ],
                recordable: true,
            }],
            records: Vec::new(),
            may_record: false,
            may_configure: false,
        };
        assert_eq!(plan.count(PlanState::Overdue), 2);
        assert_eq!(plan.count(PlanState::Done), 1);
        assert_eq!(plan.count(PlanState::Planned), 0);
    }
}
