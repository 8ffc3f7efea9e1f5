//! The årshjul's rows from what is stored: each kind's rule (with the
//! unit's own times a year), the days it was done and planned, followed
//! over the year. Pure, so the rules' edges are tested without a database.

use app::annual::model::{ActivityRow, OccurrenceView, PlanState, RuleView};
use chrono::{Datelike, NaiveDate};

use crate::annual::schedule::{Occurrence, Progress, Schedule};
use crate::db::annual::{KindRow, RecordRow};

/// What was recorded for a unit in a year.
#[derive(Debug, Default)]
pub struct Recorded {
    /// Its activities marked done.
    pub records: Vec<RecordRow>,
    /// The kind and day (`YYYY-MM-DD`, Norwegian) of each round finished in
    /// it or a unit below it.
    pub finished: Vec<(String, String)>,
    /// The kind and day of each round planned there.
    pub planned: Vec<(String, String)>,
}

/// The round kinds walked in Vern: a kind they do is done by the round
/// (with its report), never marked done by hand.
const WALKED_ROUND_KINDS: [&str; 1] = ["vernerunde"];

/// Whether a round walked in Vern does `kind`.
pub fn done_by_walking(kind: &KindRow) -> bool {
    kind.round_kind
        .as_deref()
        .is_some_and(|round| WALKED_ROUND_KINDS.contains(&round))
}

/// A kind's rule, with `times` a year set for the unit in place of the
/// kind's (for a rule of times a year); `None` for a rule not followed.
pub fn schedule_of(kind: &KindRow, times: Option<i64>) -> Option<Schedule> {
    let month = |value: i64| u32::try_from(value).ok();
    let schedule = match kind.schedule.as_str() {
        "yearly" => Schedule::Yearly {
            from: month(kind.from_month)?,
            to: month(kind.to_month)?,
        },
        "every_years" => Schedule::EveryYears {
            every: u32::try_from(kind.every_years).ok()?,
            first_year: i32::try_from(kind.first_year).ok()?,
            from: month(kind.from_month)?,
            to: month(kind.to_month)?,
        },
        "per_year" => Schedule::PerYear {
            times: u32::try_from(times.unwrap_or(kind.times)).ok()?,
        },
        _ => return None,
    };
    schedule.is_valid().then_some(schedule)
}

/// The rule as the page words it.
fn rule_view(schedule: Schedule) -> RuleView {
    match schedule {
        Schedule::Yearly { from, to } => RuleView::Yearly { from, to },
        Schedule::EveryYears {
            every, from, to, ..
        } => RuleView::EveryYears { every, from, to },
        Schedule::PerYear { times } => RuleView::PerYear { times },
    }
}

/// `2026-03-12` as `12.3.2026` (another text as it is).
pub fn day_text(day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|day| day.format("%-d.%-m.%Y").to_string())
        .unwrap_or_else(|_| day.to_owned())
}

fn occurrence_view(occurrence: Occurrence) -> OccurrenceView {
    let (state, day) = match occurrence.progress {
        Progress::Done(day) => (PlanState::Done, Some(day)),
        Progress::Planned(day) => (PlanState::Planned, Some(day)),
        Progress::Due => (PlanState::Due, None),
        Progress::Overdue => (PlanState::Overdue, None),
        Progress::Upcoming => (PlanState::Upcoming, None),
    };
    OccurrenceView {
        from_month: occurrence.from.month(),
        to_month: occurrence.until.month(),
        until: day_text(&occurrence.until.to_string()),
        state,
        day: day.map(|day| day_text(&day.to_string())),
    }
}

/// The days among `(kind, day)` pairs whose kind is `kind`.
fn days_of(pairs: &[(String, String)], kind: Option<&str>) -> Vec<NaiveDate> {
    pairs
        .iter()
        .filter(|(of, _)| Some(of.as_str()) == kind)
        .filter_map(|(_, day)| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .collect()
}

/// Each kind's row in `year` as of `today`; a kind whose rule is not one
/// this version follows is left out (and logged).
pub fn activity_rows(
    kinds: &[KindRow],
    times: &[(String, i64)],
    recorded: &Recorded,
    year: i32,
    today: NaiveDate,
) -> Vec<ActivityRow> {
    kinds
        .iter()
        .filter_map(|kind| {
            let own_times = times.iter().find(|(id, _)| *id == kind.id).map(|(_, n)| *n);
            let Some(schedule) = schedule_of(kind, own_times) else {
                tracing::warn!(kind = %kind.id, "an activity kind with a rule not followed");
                return None;
            };
            let round_kind = kind.round_kind.as_deref();
            let mut done = days_of(&recorded.finished, round_kind);
            done.extend(
                recorded
                    .records
                    .iter()
                    .filter(|record| record.kind_id == kind.id)
                    .filter_map(|record| {
                        NaiveDate::parse_from_str(&record.done_on, "%Y-%m-%d").ok()
                    }),
            );
            let planned = days_of(&recorded.planned, round_kind);
            let occurrences = schedule.occurrences(year, &done, &planned, today);
            Some(ActivityRow {
                kind_id: kind.id.clone(),
                name: kind.name.clone(),
                rule: rule_view(schedule),
                occurrences: occurrences.into_iter().map(occurrence_view).collect(),
                // Who may mark it done is the caller's to say.
                recordable: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(
        id: &str,
        schedule: &str,
        (from, to): (i64, i64),
        times: i64,
        round_kind: Option<&str>,
    ) -> KindRow {
        KindRow {
            id: id.to_owned(),
            name: id.to_owned(),
            schedule: schedule.to_owned(),
            from_month: from,
            to_month: to,
            every_years: 2,
            first_year: 2025,
            times,
            round_kind: round_kind.map(str::to_owned),
            responsible_role: "leder".to_owned(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    fn pair(kind: &str, day: &str) -> (String, String) {
        (kind.to_owned(), day.to_owned())
    }

    #[test]
    fn a_finished_round_does_its_kind_and_a_record_does_its_own() {
        let kinds = [
            kind("vernerunde", "yearly", (1, 5), 1, Some("vernerunde")),
            kind(
                "egenevaluering",
                "yearly",
                (4, 5),
                1,
                Some("egenevaluering"),
            ),
            kind("mks", "per_year", (1, 12), 4, None),
        ];
        let recorded = Recorded {
            records: vec![RecordRow {
                unit_id: "u".to_owned(),
                kind_id: "mks".to_owned(),
                kind_name: "MKS-møte".to_owned(),
                done_on: "2026-02-03".to_owned(),
                note: String::new(),
                recorded_by: "Lars Lie".to_owned(),
            }],
            finished: vec![
                pair("vernerunde", "2026-03-12"),
                pair("brannvernrunde", "2026-04-02"),
            ],
            planned: vec![pair("egenevaluering", "2026-05-20")],
        };
        let rows = activity_rows(
            &kinds,
            &[("mks".to_owned(), 12)],
            &recorded,
            2026,
            day("2026-05-01"),
        );
        let states: Vec<Vec<PlanState>> = rows
            .iter()
            .map(|row| row.occurrences.iter().map(|o| o.state).collect())
            .collect();
        assert_eq!(states[0], [PlanState::Done]);
        assert_eq!(rows[0].occurrences[0].day.as_deref(), Some("12.3.2026"));
        assert_eq!(
            states[1],
            [PlanState::Planned],
            "a fire round does not count for it"
        );
        assert_eq!(rows[2].occurrences.len(), 12, "the unit holds MKS monthly");
        assert_eq!(
            &states[2][..5],
            [
                PlanState::Overdue,
                PlanState::Done,
                PlanState::Overdue,
                PlanState::Overdue,
                PlanState::Due
            ]
        );
        assert_eq!(rows[0].occurrences[0].until, "31.5.2026");
    }

    #[test]
    fn a_rule_not_followed_is_left_out() {
        let kinds = [
            kind("odd", "per_year", (1, 12), 5, None),
            kind("unknown", "monthly", (1, 12), 1, None),
            kind("ok", "every_years", (11, 12), 1, None),
        ];
        let rows = activity_rows(&kinds, &[], &Recorded::default(), 2026, day("2026-01-01"));
        assert_eq!(rows.len(), 1);
        assert!(rows[0].occurrences.is_empty(), "2026 is not a survey year");
        assert_eq!(
            rows[0].rule,
            RuleView::EveryYears {
                every: 2,
                from: 11,
                to: 12
            }
        );
    }
}
