//! When an activity is due, and how far it has come, as pure rules over
//! calendar days (Norwegian dates; the caller turns instants into days).
//!
//! A kind's rule gives each year's *occurrences*, each a period of days:
//! once a year within a window of months ("by 31 May" is January–May),
//! every n years within a window, or n times a year in equal parts (four
//! quarters, two halves). An occurrence is done by a record on a day of the
//! year (for a once-a-year rule: any day of that year, so a late round
//! still counts) or of its period (for the parts of a year).

use chrono::{Datelike, Days, NaiveDate};

/// When a kind of activity is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Once a year, within months `from`–`to` (1–12, both included).
    Yearly {
        /// The window's first month.
        from: u32,
        /// The window's last month: due by its last day.
        to: u32,
    },
    /// Once every `every` years (the years `first_year + k·every`, k ≥ 0),
    /// within months `from`–`to`.
    EveryYears {
        /// Years between occurrences.
        every: u32,
        /// A year with an occurrence.
        first_year: i32,
        /// The window's first month.
        from: u32,
        /// The window's last month.
        to: u32,
    },
    /// `times` a year, in equal parts of whole months (4: quarters, 2:
    /// halves, 12: months); each part due by its last day. `times` divides 12.
    PerYear {
        /// Occurrences a year.
        times: u32,
    },
}

/// How far one occurrence has come on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Recorded as done on this day.
    Done(NaiveDate),
    /// Planned for this day, which has not passed.
    Planned(NaiveDate),
    /// Within its period, not done yet.
    Due,
    /// Its period has ended and it was not done.
    Overdue,
    /// Its period has not begun.
    Upcoming,
}

/// One occurrence of an activity in a year and its progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The period's first day.
    pub from: NaiveDate,
    /// The period's last day: the deadline.
    pub until: NaiveDate,
    /// How far it has come.
    pub progress: Progress,
}

impl Schedule {
    /// Whether the rule is one this version can follow (months 1–12 in
    /// order, a part of the year that is whole months, a step of a year or
    /// more).
    pub fn is_valid(self) -> bool {
        let window = |from: u32, to: u32| (1..=12).contains(&from) && (from..=12).contains(&to);
        match self {
            Schedule::Yearly { from, to } => window(from, to),
            Schedule::EveryYears {
                every, from, to, ..
            } => every >= 1 && window(from, to),
            Schedule::PerYear { times } => times >= 1 && 12 % times == 0,
        }
    }

    /// The periods of the occurrences in `year` (none in a year a rule of
    /// every n years skips, or for a rule that is not valid).
    pub fn periods(self, year: i32) -> Vec<(NaiveDate, NaiveDate)> {
        if !self.is_valid() {
            return Vec::new();
        }
        match self {
            Schedule::Yearly { from, to } => months(year, from, to).into_iter().collect(),
            Schedule::EveryYears {
                every,
                first_year,
                from,
                to,
            } => {
                let since = i64::from(year) - i64::from(first_year);
                let on = since >= 0 && since % i64::from(every) == 0;
                if on {
                    months(year, from, to).into_iter().collect()
                } else {
                    Vec::new()
                }
            }
            Schedule::PerYear { times } => {
                let length = 12 / times;
                (0..times)
                    .filter_map(|part| months(year, part * length + 1, (part + 1) * length))
                    .collect()
            }
        }
    }

    /// The occurrences of `year` as of `today`, given the days it was done
    /// and the days it is planned for.
    pub fn occurrences(
        self,
        year: i32,
        done: &[NaiveDate],
        planned: &[NaiveDate],
        today: NaiveDate,
    ) -> Vec<Occurrence> {
        let once_a_year = !matches!(self, Schedule::PerYear { .. });
        self.periods(year)
            .into_iter()
            .map(|(from, until)| {
                // A once-a-year activity done on any day of its year counts.
                let counts = |day: &&NaiveDate| {
                    if once_a_year {
                        day.year() == year
                    } else {
                        (from..=until).contains(*day)
                    }
                };
                let done_on = done.iter().filter(counts).min().copied();
                let planned_on = planned
                    .iter()
                    .filter(counts)
                    // A plan for after the deadline does not keep it from being due.
                    .filter(|day| (today..=until).contains(*day))
                    .min()
                    .copied();
                let progress = match (done_on, planned_on) {
                    (Some(day), _) => Progress::Done(day),
                    _ if today > until => Progress::Overdue,
                    (None, Some(day)) => Progress::Planned(day),
                    _ if today >= from => Progress::Due,
                    _ => Progress::Upcoming,
                };
                Occurrence {
                    from,
                    until,
                    progress,
                }
            })
            .collect()
    }
}

/// The first day of month `from` and the last of month `to` in `year`.
fn months(year: i32, from: u32, to: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, from, 1)?;
    let after = if to == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, to + 1, 1)?
    };
    Some((first, after.checked_sub_days(Days::new(1))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    const BY_MAY: Schedule = Schedule::Yearly { from: 1, to: 5 };

    fn progress(
        schedule: Schedule,
        year: i32,
        done: &[&str],
        planned: &[&str],
        today: &str,
    ) -> Vec<Progress> {
        let done: Vec<NaiveDate> = done.iter().map(|d| day(d)).collect();
        let planned: Vec<NaiveDate> = planned.iter().map(|d| day(d)).collect();
        schedule
            .occurrences(year, &done, &planned, day(today))
            .into_iter()
            .map(|occurrence| occurrence.progress)
            .collect()
    }

    #[test]
    fn a_round_by_may_is_due_through_31_may_and_overdue_the_day_after() {
        assert_eq!(
            BY_MAY.periods(2026),
            [(day("2026-01-01"), day("2026-05-31"))]
        );
        assert_eq!(
            progress(BY_MAY, 2026, &[], &[], "2026-05-31"),
            [Progress::Due]
        );
        assert_eq!(
            progress(BY_MAY, 2026, &[], &[], "2026-06-01"),
            [Progress::Overdue]
        );
        assert_eq!(
            progress(BY_MAY, 2027, &[], &[], "2026-12-31"),
            [Progress::Upcoming]
        );
    }

    #[test]
    fn any_day_of_the_year_counts_for_a_yearly_activity_and_the_year_before_does_not() {
        assert_eq!(
            progress(BY_MAY, 2026, &["2026-09-14"], &[], "2026-10-01"),
            [Progress::Done(day("2026-09-14"))],
            "late, but done"
        );
        assert_eq!(
            progress(BY_MAY, 2026, &["2025-12-31"], &[], "2026-06-01"),
            [Progress::Overdue]
        );
        assert_eq!(
            progress(
                BY_MAY,
                2026,
                &["2026-03-02", "2026-02-01"],
                &[],
                "2026-06-01"
            ),
            [Progress::Done(day("2026-02-01"))],
            "the first time it was done"
        );
    }

    #[test]
    fn a_plan_shows_until_its_day_passes_and_never_hides_an_overdue_one() {
        assert_eq!(
            progress(BY_MAY, 2026, &[], &["2026-05-20"], "2026-05-01"),
            [Progress::Planned(day("2026-05-20"))]
        );
        assert_eq!(
            progress(BY_MAY, 2026, &[], &["2026-05-20"], "2026-05-21"),
            [Progress::Due]
        );
        assert_eq!(
            progress(BY_MAY, 2026, &[], &["2026-08-20"], "2026-06-01"),
            [Progress::Overdue],
            "planned after the deadline: still overdue"
        );
        assert_eq!(
            progress(BY_MAY, 2026, &[], &["2026-08-20"], "2026-05-01"),
            [Progress::Due],
            "a plan for after the deadline does not hide that it is due"
        );
    }

    #[test]
    fn february_ends_on_the_29th_in_a_leap_year() {
        let monthly = Schedule::PerYear { times: 12 };
        assert_eq!(
            monthly.periods(2028).get(1),
            Some(&(day("2028-02-01"), day("2028-02-29")))
        );
        assert_eq!(
            monthly.periods(2026).get(1),
            Some(&(day("2026-02-01"), day("2026-02-28")))
        );
        let by_february = Schedule::Yearly { from: 1, to: 2 };
        assert_eq!(
            progress(by_february, 2028, &[], &[], "2028-02-29"),
            [Progress::Due]
        );
        assert_eq!(
            progress(by_february, 2028, &[], &[], "2028-03-01"),
            [Progress::Overdue]
        );
        assert_eq!(
            progress(by_february, 2027, &[], &[], "2027-03-01"),
            [Progress::Overdue]
        );
        assert_eq!(
            progress(by_february, 2027, &[], &[], "2027-02-28"),
            [Progress::Due]
        );
    }

    #[test]
    fn every_second_year_skips_the_years_between() {
        let survey = Schedule::EveryYears {
            every: 2,
            first_year: 2025,
            from: 11,
            to: 12,
        };
        assert_eq!(
            survey.periods(2025),
            [(day("2025-11-01"), day("2025-12-31"))]
        );
        assert!(survey.periods(2026).is_empty());
        assert_eq!(survey.periods(2027).len(), 1);
        assert!(survey.periods(2023).is_empty(), "none before the first");
        assert!(survey.periods(2024).is_empty());
        assert_eq!(
            progress(survey, 2027, &[], &[], "2027-12-31"),
            [Progress::Due]
        );
        assert_eq!(
            progress(survey, 2027, &[], &[], "2028-01-01"),
            [Progress::Overdue]
        );
    }

    #[test]
    fn a_quarterly_meeting_counts_in_its_own_quarter_only() {
        let quarterly = Schedule::PerYear { times: 4 };
        assert_eq!(
            quarterly
                .periods(2026)
                .iter()
                .map(|(_, until)| until.to_string())
                .collect::<Vec<_>>(),
            ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
        );
        assert_eq!(
            progress(
                quarterly,
                2026,
                &["2026-02-10", "2026-03-20"],
                &[],
                "2026-07-01"
            ),
            [
                Progress::Done(day("2026-02-10")),
                Progress::Overdue,
                Progress::Due,
                Progress::Upcoming
            ],
            "two meetings in one quarter do not make up for the next"
        );
    }

    #[test]
    fn a_rule_this_version_cannot_follow_has_no_occurrences() {
        for rule in [
            Schedule::PerYear { times: 5 },
            Schedule::PerYear { times: 0 },
            Schedule::Yearly { from: 6, to: 5 },
            Schedule::Yearly { from: 0, to: 5 },
            Schedule::EveryYears {
                every: 0,
                first_year: 2025,
                from: 1,
                to: 2,
            },
        ] {
            assert!(!rule.is_valid(), "{rule:?}");
            assert!(rule.periods(2026).is_empty());
        }
        assert!(Schedule::PerYear { times: 6 }.is_valid());
    }
}
