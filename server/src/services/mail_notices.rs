//! The mailer: mails each person the notifications written for them, at
//! once or as a morning digest as they chose, each notification once
//! however many `vern` instances run it (see [`crate::db::mail_outbox`]).

use anyhow::Context;
use app::notifications::model::Notice;
use std::collections::HashSet;
use std::time::Instant;

use chrono::NaiveDate;

use super::mail_reach::still_readable;
use super::notifications::notice;
use crate::db::mail_outbox::{self, Claim, ClaimedRow};
use crate::db::{Db, now_ms};
use crate::local_time::{oslo_date, parse_oslo_local};
use crate::mail::compose::{MailKind, notice_mail};
use crate::mail::{Mail, Mailer};

/// How long a run holds the notifications it claimed (10 minutes): ample
/// for sending a batch, short enough that a crashed run's batch goes out
/// soon after.
const LEASE_MS: i64 = 10 * 60 * 1000;

/// Notifications claimed at a time.
const BATCH: i64 = 200;

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MailRun {
    /// Mails sent.
    pub mails: usize,
    /// Mails that failed (their notifications are tried again later).
    pub failed: usize,
    /// Notifications of people who get no mail, settled without one.
    pub settled: u64,
}

/// Where the mails' links lead, and when the digest goes out.
#[derive(Clone, Debug)]
pub struct MailPlan {
    /// The public base URL (no trailing slash).
    pub public_url: String,
    /// The hour (Norwegian time) of the daily digest.
    pub digest_hour: u32,
}

/// Mails what is due at `now`: every waiting notification of those who
/// want them at once, and, from the digest hour on, those written before
/// it for those who want a digest.
pub async fn run(db: &Db, mailer: &Mailer, plan: &MailPlan, now: i64) -> anyhow::Result<MailRun> {
    let pool = db.pool();
    // Leases run from the time each is taken, however long the run is.
    let started = Instant::now();
    let clock = Clock { now, started };
    let mut report = MailRun {
        settled: mail_outbox::settle_unmailable(pool, now)
            .await
            .context("settle the notifications of people without mail")?,
        ..MailRun::default()
    };
    let mut rounds = vec![("immediately", now + 1, MailKind::Immediate)];
    if let Some(moment) = digest_moment(now, plan.digest_hour) {
        rounds.push(("daily", moment, MailKind::Digest));
    }
    for (choice, before, kind) in rounds {
        loop {
            let token = uuid::Uuid::now_v7().to_string();
            let at = clock.at();
            let claim = Claim {
                token: &token,
                choice,
                before,
                now: at,
                until: at + LEASE_MS,
                limit: BATCH,
            };
            let claimed = mail_outbox::claim(pool, db.kind(), &claim)
                .await
                .context("claim notifications to mail")?;
            if claimed == 0 {
                break;
            }
            let sent = send_claimed(db, mailer, (&token, kind), &plan.public_url, clock).await?;
            report.mails += sent.mails;
            report.failed += sent.failed;
            if sent.failed > 0 {
                // The server is refusing: try again next run, not now.
                break;
            }
        }
    }
    Ok(report)
}

/// The run's clock: `now` as the run was given it, moved on by the time
/// the run has taken.
#[derive(Clone, Copy)]
struct Clock {
    now: i64,
    started: Instant,
}

impl Clock {
    fn at(self) -> i64 {
        self.now + i64::try_from(self.started.elapsed().as_millis()).unwrap_or(i64::MAX / 2)
    }
}

/// Sends one mail per person of the notifications claimed under `token`,
/// each only while the claim still holds (renewed just before).
async fn send_claimed(
    db: &Db,
    mailer: &Mailer,
    (token, kind): (&str, MailKind),
    public_url: &str,
    clock: Clock,
) -> anyhow::Result<MailRun> {
    let pool = db.pool();
    let rows = mail_outbox::claimed(pool, token)
        .await
        .context("read the claimed notifications")?;
    let readable = still_readable(pool, &rows).await?;
    let mut report = MailRun::default();
    for (user, mail) in per_person(rows, &readable, kind, public_url) {
        let held = mail_outbox::renew(pool, token, &user, clock.at() + LEASE_MS)
            .await
            .context("renew the claim")?;
        if !held {
            continue;
        }
        match mail {
            // An address no mail can go to is settled, not tried forever.
            Some(mail) if mail.to.parse::<lettre::Address>().is_err() => {
                tracing::warn!("a notification mail has an address no mail can go to");
            }
            Some(mail) => {
                if let Err(error) = mailer.send(&mail).await {
                    tracing::warn!(error = format!("{error:#}"), "a notification mail failed");
                    report.failed += 1;
                    continue;
                }
                report.mails += 1;
            }
            None => {}
        }
        mail_outbox::mark_mailed(pool, token, &user, clock.at())
            .await
            .context("mark notifications mailed")?;
    }
    Ok(report)
}

/// The mail for each person of `rows` (ordered by person), telling only
/// of the cases they may still read (`readable`: person and case); `None`
/// where nothing of theirs is left to tell.
fn per_person(
    rows: Vec<ClaimedRow>,
    readable: &HashSet<(String, String)>,
    kind: MailKind,
    public_url: &str,
) -> Vec<(String, Option<Mail>)> {
    let mut people: Vec<(ClaimedRow, Vec<Notice>)> = Vec::new();
    for row in rows {
        let may_read = row
            .notice
            .avvik_id
            .as_ref()
            .is_some_and(|case| readable.contains(&(row.user_id.clone(), case.clone())));
        let told = may_read.then(|| notice(row.notice.clone())).flatten();
        match people.last_mut() {
            Some((first, notices)) if first.user_id == row.user_id => notices.extend(told),
            _ => people.push((row, told.into_iter().collect())),
        }
    }
    people
        .into_iter()
        .map(|(person, notices)| {
            let mail = (!notices.is_empty()).then(|| {
                notice_mail(
                    (&person.display_name, &person.email),
                    &notices,
                    kind,
                    public_url,
                )
            });
            (person.user_id, mail)
        })
        .collect()
}

/// Today's digest moment (Norwegian time), once `now` has reached it.
fn digest_moment(now: i64, hour: u32) -> Option<i64> {
    let today = NaiveDate::parse_from_str(&oslo_date(now), "%Y-%m-%d").ok()?;
    let moment = parse_oslo_local(&format!("{today}T{:02}:00", hour.min(23)))?;
    (now >= moment).then_some(moment)
}

/// Runs the mailer every `every` until the server stops.
pub async fn run_periodically(db: Db, mailer: Mailer, plan: MailPlan, every: std::time::Duration) {
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        match run(&db, &mailer, &plan, now_ms()).await {
            Ok(report) if report == MailRun::default() => {}
            Ok(report) => tracing::info!(?report, "notification mails ran"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "notification mails failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_waits_for_its_hour_in_norwegian_time() {
        // 6 December 2026, 05:59 and 06:00 UTC: 06:59 and 07:00 in Oslo.
        let before = 1_796_536_740_000;
        let at = before + 60_000;
        assert_eq!(digest_moment(before, 7), None);
        assert_eq!(digest_moment(at, 7), Some(at));
        assert_eq!(digest_moment(at + 3_600_000, 7), Some(at), "later that day");
        // Summer time: 07:00 in Oslo is 05:00 UTC on 1 July 2026.
        let july = 1_782_882_000_000;
        assert_eq!(digest_moment(july, 7), Some(july));
    }
}
