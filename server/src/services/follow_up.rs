//! The scheduled work: reminders of measures due within 7 days and of
//! measures overdue, and the follow-up rule — a round's measure past its
//! deadline unresolved opens a case "Manglende oppfølging av tiltak" in its
//! unit, linked to the measure, and tells the unit's leaders and
//! verneombud.
//!
//! Several `vern` instances may run this at the same moment on one
//! database: every write is guarded by the database itself (a unique
//! follow-up link per measure, a unique key per reminder and person), so an
//! overlapping run finds the work done and writes nothing twice.

use std::collections::HashMap;

use anyhow::Context;
use app::i18n::{Locale, td_string};
use app::notifications::model::NoticeKind;
use app::tiltak::model::norwegian_date;
use chrono::{Days, NaiveDate};
use serde_json::json;

use super::notifications::notify;
use crate::db::follow_up::{self, FollowUpCase, OpenTiltak};
use crate::db::history::{self, Change};
use crate::db::{Db, new_id, notifications, now_ms, reports};
use crate::local_time::oslo_year;

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Follow-up cases opened.
    pub follow_ups: usize,
    /// Reminders written (due soon and overdue, per person).
    pub reminders: u64,
}

/// Runs the reminders and the follow-up rule for the day `today`.
pub async fn run(db: &Db, today: NaiveDate) -> anyhow::Result<RunReport> {
    let day = today.format("%Y-%m-%d").to_string();
    let week = today
        .checked_add_days(Days::new(7))
        .context("a date beyond the calendar")?
        .format("%Y-%m-%d")
        .to_string();
    let pool = db.pool();
    let mut report = RunReport::default();
    for late in follow_up::unfollowed_round_tiltak(pool, &day)
        .await
        .context("find unfollowed measures")?
    {
        if open_follow_up(db, &late).await? {
            report.follow_ups += 1;
        }
    }
    let soon = follow_up::due_between(pool, &day, &week)
        .await
        .context("find measures due soon")?;
    let overdue = follow_up::overdue(pool, &day)
        .await
        .context("find overdue measures")?;
    let mut tx = db.begin_change().await.context("begin")?;
    for tiltak in &soon {
        let people: Vec<String> = tiltak.responsible_user_id.iter().cloned().collect();
        let about = format!("{}:{}", NoticeKind::DueSoon.as_db(), tiltak.id);
        let told = (&tiltak.avvik_id[..], Some(&tiltak.id[..]));
        report.reminders += notify(
            &mut tx,
            NoticeKind::DueSoon,
            told,
            &people,
            None,
            Some(&about),
        )
        .await?;
    }
    let mut watchers: HashMap<&str, Vec<String>> = HashMap::new();
    for tiltak in &overdue {
        let unit = tiltak.unit_id.as_str();
        if !watchers.contains_key(unit) {
            let found = notifications::unit_watchers(&mut tx, unit, None).await?;
            watchers.insert(unit, found);
        }
        let mut people = watchers.get(unit).cloned().unwrap_or_default();
        people.extend(tiltak.responsible_user_id.iter().cloned());
        people.sort();
        people.dedup();
        let about = format!("{}:{}", NoticeKind::Overdue.as_db(), tiltak.id);
        let told = (&tiltak.avvik_id[..], Some(&tiltak.id[..]));
        report.reminders += notify(
            &mut tx,
            NoticeKind::Overdue,
            told,
            &people,
            None,
            Some(&about),
        )
        .await?;
    }
    tx.commit().await.context("commit reminders")?;
    Ok(report)
}

/// Opens the follow-up case of one measure, with its history entry and
/// notifications, unless another run opened it first.
async fn open_follow_up(db: &Db, late: &OpenTiltak) -> anyhow::Result<bool> {
    let now = now_ms();
    let year = oslo_year(now);
    let id = new_id();
    let description = follow_up_text(late, Locale::nb);
    let mut tx = db.begin_change().await.context("begin")?;
    let number = reports::next_receipt_number(&mut tx, year)
        .await
        .context("take a case number")?;
    let receipt_no = reports::receipt_no(year, number);
    let case = FollowUpCase {
        id: &id,
        tiltak: late,
        description: &description,
        receipt_no: &receipt_no,
        now,
    };
    // Dropping the transaction unwritten gives the case number back.
    if !follow_up::insert_follow_up(&mut tx, &case)
        .await
        .context("open the case")?
    {
        return Ok(false);
    }
    let entry = Change {
        entity_kind: "avvik",
        entity_id: &id,
        unit_id: Some(&late.unit_id),
        action: "created",
        actor_user_id: None,
        data: json!({
            "source": "follow_up", "receipt_no": receipt_no, "follow_up_of": late.id,
            "tiltak_case": late.avvik_id, "due_date": late.due_date, "status": "open",
        }),
    };
    history::append(&mut tx, &entry, now)
        .await
        .context("record history")?;
    let people =
        notifications::unit_watchers(&mut tx, &late.unit_id, late.room_id.as_deref()).await?;
    notify(
        &mut tx,
        NoticeKind::FollowUp,
        (&id, Some(&late.id)),
        &people,
        None,
        None,
    )
    .await?;
    tx.commit().await.context("commit the follow-up case")?;
    tracing::info!(case = %id, tiltak = %late.id, "opened a follow-up case");
    Ok(true)
}

/// "Manglende oppfølging av tiltak. Tiltaket hadde frist 15.03.2026 og er
/// ikke utført: Kjøpe ny stige"
fn follow_up_text(late: &OpenTiltak, locale: Locale) -> String {
    format!(
        "{} {} {} {}",
        td_string!(locale, follow_up_description),
        norwegian_date(&late.due_date),
        td_string!(locale, follow_up_description_end),
        late.description
    )
}

/// Runs [`run`] every `every` for the day in Norway, logging what it did.
pub async fn run_periodically(db: Db, every: std::time::Duration) {
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        let today = crate::local_time::oslo_date(now_ms());
        let Ok(today) = NaiveDate::parse_from_str(&today, "%Y-%m-%d") else {
            tracing::warn!(%today, "the scheduler could not read today's date");
            continue;
        };
        match run(&db, today).await {
            Ok(report) if report == RunReport::default() => {}
            Ok(report) => tracing::info!(?report, "scheduled reminders ran"),
            Err(error) => {
                tracing::warn!(error = format!("{error:#}"), "scheduled reminders failed")
            }
        }
    }
}
