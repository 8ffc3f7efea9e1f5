//! A year's records read once for many units and credited to each: an
//! activity marked done or a round to its unit and every unit above it (a
//! meeting or a round of a department is one of its unit too).
//! The page of one unit and the table of all units read the same way.

use std::collections::HashMap;

use app::annual::model::ActivityRow;
use app::domain::access::UnitTree;
use app::error::AppError;
use chrono::NaiveDate;
use sqlx::AnyPool;

use super::annual_rows::{Recorded, activity_rows};
use super::years::month_start;
use crate::db::annual::{self as db, KindRow, RecordRow};
use crate::errors::internal;
use crate::local_time::oslo_date;

/// The kinds, the units' own times a year, and what each unit has
/// recorded in the year.
pub struct YearReads {
    kinds: Vec<KindRow>,
    times: HashMap<String, Vec<(String, i64)>>,
    recorded: HashMap<String, Recorded>,
}

impl YearReads {
    /// Reads the records and rounds of `units` in `year`, crediting each
    /// up `tree`.
    pub async fn read(
        pool: &AnyPool,
        units: &[String],
        tree: &UnitTree,
        year: i32,
    ) -> Result<YearReads, AppError> {
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
        let recorded = recorded(pool, units, tree, year).await?;
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

    /// The kind `id`, if it is in use.
    pub fn kind(&self, id: &str) -> Option<&KindRow> {
        self.kinds.iter().find(|kind| kind.id == id)
    }

    /// The activities marked done in `unit` and the units below it, newest
    /// first.
    pub fn records_of(&self, unit: &str) -> &[RecordRow] {
        self.recorded
            .get(unit)
            .map(|recorded| recorded.records.as_slice())
            .unwrap_or_default()
    }
}

/// What `units` recorded in `year`, each credited to its unit and those
/// above it in `tree`.
async fn recorded(
    pool: &AnyPool,
    units: &[String],
    tree: &UnitTree,
    year: i32,
) -> Result<HashMap<String, Recorded>, AppError> {
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let (since, until) = month_start(year, 1)
        .zip(month_start(year + 1, 1))
        .ok_or_else(|| AppError::Malformed(format!("not a year we plan: {year}")))?;
    let records = db::records(pool, units, &first, &last)
        .await
        .map_err(internal("load the activities done"))?;
    let finished = db::finished_rounds(pool, units, since, until)
        .await
        .map_err(internal("load the finished rounds"))?;
    let planned = db::planned_rounds(pool, units, &first, &last)
        .await
        .map_err(internal("load the planned rounds"))?;
    let mut recorded: HashMap<String, Recorded> = HashMap::new();
    let mut credit = |unit: &str, add: &dyn Fn(&mut Recorded)| {
        for above in tree.chain(unit) {
            add(recorded.entry(above).or_default());
        }
    };
    for record in records {
        credit(&record.unit_id.clone(), &|to| {
            to.records.push(record.clone())
        });
    }
    for (unit, kind, at) in finished {
        let day = oslo_date(at);
        credit(&unit, &|to| to.finished.push((kind.clone(), day.clone())));
    }
    for (unit, kind, day) in planned {
        credit(&unit, &|to| to.planned.push((kind.clone(), day.clone())));
    }
    Ok(recorded)
}
