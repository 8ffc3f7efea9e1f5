//! A year's records read once for many units and credited to each: an
//! activity marked done to its own unit, a round to its unit and every
//! unit above it (a round of a department is a round of its unit too).
//! The page of one unit and the table of all units read the same way.

use std::collections::HashMap;

use app::annual::model::ActivityRow;
use app::domain::access::UnitTree;
use app::error::AppError;
use chrono::NaiveDate;
use sqlx::AnyPool;

use super::annual_rows::{Recorded, activity_rows};
use crate::db::annual::{self as db, KindRow, RecordRow};
use crate::errors::internal;
use crate::local_time::{oslo_date, parse_oslo_local};

/// The kinds, the units' own times a year, and what each unit has
/// recorded in the year.
pub struct YearReads {
    kinds: Vec<KindRow>,
    times: HashMap<String, Vec<(String, i64)>>,
    recorded: HashMap<String, Recorded>,
}

impl YearReads {
    /// Reads the records and rounds of `units` in `year`, crediting each
    /// round up `tree`.
    pub async fn read(
        pool: &AnyPool,
        units: &[String],
        tree: &UnitTree,
        year: i32,
    ) -> Result<YearReads, AppError> {
        let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
        let start = |year: i32| parse_oslo_local(&format!("{year}-01-01T00:00"));
        let (since, until) = start(year)
            .zip(start(year + 1))
            .ok_or_else(|| AppError::Malformed(format!("not a year we plan: {year}")))?;
        let kinds = db::kinds(pool)
            .await
            .map_err(internal("load the activity kinds"))?;
        let mut times: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        for (unit, kind, n) in db::times_of(pool, units)
            .await
            .map_err(internal("load the times a year"))?
        {
            times.entry(unit).or_default().push((kind, n));
        }
        let mut recorded: HashMap<String, Recorded> = HashMap::new();
        for record in db::records(pool, units, &first, &last)
            .await
            .map_err(internal("load the activities done"))?
        {
            recorded
                .entry(record.unit_id.clone())
                .or_default()
                .records
                .push(record);
        }
        let finished = db::finished_rounds(pool, units, since, until)
            .await
            .map_err(internal("load the finished rounds"))?;
        for (unit, kind, at) in finished {
            let day = oslo_date(at);
            for above in tree.chain(&unit) {
                recorded
                    .entry(above)
                    .or_default()
                    .finished
                    .push((kind.clone(), day.clone()));
            }
        }
        let planned = db::planned_rounds(pool, units, &first, &last)
            .await
            .map_err(internal("load the planned rounds"))?;
        for (unit, kind, day) in planned {
            for above in tree.chain(&unit) {
                recorded
                    .entry(above)
                    .or_default()
                    .planned
                    .push((kind.clone(), day.clone()));
            }
        }
        Ok(YearReads {
            kinds,
            times,
            recorded,
        })
    }

    /// The rows of `unit`'s year as of `today`.
    pub fn rows_of(&self, unit: &str, year: i32, today: NaiveDate) -> Vec<ActivityRow> {
        let empty = Recorded::default();
        let recorded = self.recorded.get(unit).unwrap_or(&empty);
        let times = self.times.get(unit).map(Vec::as_slice).unwrap_or_default();
        activity_rows(&self.kinds, times, recorded, year, today)
    }

    /// The activities `unit` marked done, newest first.
    pub fn records_of(&self, unit: &str) -> &[RecordRow] {
        self.recorded
            .get(unit)
            .map(|recorded| recorded.records.as_slice())
            .unwrap_or_default()
    }
}
