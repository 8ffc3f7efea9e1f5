//! Applying `create_round` and `finish_round`.

use app::domain::access::Action;
use app::sync::ids::is_uuid;
use app::sync::protocol::{ChangedRecord, FinishRound, NewRound, OperationResult, RejectionCode};
use app::sync::records::{RoundRecord, RoundStatus};
use sqlx::AnyConnection;

use super::avvik_cases::{self, Opening};
use super::outcome::{ApplyError, applied, reject};
use super::push::Pusher;
use crate::db::history::{self, Change};
use crate::db::{now_ms, rounds};

const MAX_NAME_CHARS: usize = 200;

/// Starts a round with the checklist version the device has.
pub async fn create(
    tx: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    round: NewRound,
) -> Result<OperationResult, ApplyError> {
    check_new_round(&round)?;
    let user = pusher.user;
    pusher
        .places
        .require(tx, user, Action::WalkRound, &round.unit_id)
        .await?;
    let now = now_ms();
    if rounds::by_id(tx, &round.round_id).await?.is_some() {
        return Err(reject(
            RejectionCode::Exists,
            "A round with this id already exists.",
        ));
    }
    if let Some(area) = &round.verneomrade_id
        && rounds::area_unit(tx, area).await?.as_deref() != Some(round.unit_id.as_str())
    {
        return Err(reject(
            RejectionCode::Invalid,
            "Verneområdet hører ikke til denne enheten.",
        ));
    }
    if !rounds::checklist_published(tx, &round.checklist_version_id).await? {
        return Err(reject(
            RejectionCode::Invalid,
            "Sjekklisteversjonen finnes ikke.",
        ));
    }
    let record = RoundRecord {
        id: round.round_id,
        unit_id: round.unit_id,
        verneomrade_id: round.verneomrade_id,
        checklist_version_id: round.checklist_version_id,
        title: round.title.trim().to_owned(),
        date: round.date,
        status: RoundStatus::Ongoing,
        participants: round.participants,
        finished_at: None,
    };
    rounds::insert(tx, &record, &pusher.user.id, now).await?;
    let seq = record_round(tx, &record.id, "created", &pusher.user.id, now).await?;
    Ok(applied(op_id, Some(seq), false))
}

fn check_new_round(round: &NewRound) -> Result<(), ApplyError> {
    let ids_ok = is_uuid(&round.round_id) && round.participants.iter().all(|p| is_uuid(&p.id));
    if !ids_ok {
        return Err(reject(
            RejectionCode::Invalid,
            "Round and participant ids must be UUIDs.",
        ));
    }
    if chrono::NaiveDate::parse_from_str(&round.date, "%Y-%m-%d").is_err() {
        return Err(reject(
            RejectionCode::Invalid,
            "Datoen må skrives ÅÅÅÅ-MM-DD.",
        ));
    }
    let too_long = |text: &str| text.chars().count() > MAX_NAME_CHARS;
    if round.title.trim().is_empty() || too_long(&round.title) {
        return Err(reject(
            RejectionCode::Invalid,
            "Runden må ha en tittel (høyst 200 tegn).",
        ));
    }
    let mut ids: Vec<&str> = round.participants.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != round.participants.len() {
        return Err(reject(
            RejectionCode::Invalid,
            "Each participant needs its own id.",
        ));
    }
    if round.participants.is_empty()
        || round
            .participants
            .iter()
            .any(|p| p.name.trim().is_empty() || too_long(&p.name) || too_long(&p.role_label))
    {
        return Err(reject(
            RejectionCode::Invalid,
            "Runden må ha deltakere med navn (høyst 200 tegn).",
        ));
    }
    Ok(())
}

/// Signs off a round, opens an avvik case for each avvik finding and plans
/// the suggested tiltak. Finishing a finished round changes nothing.
pub async fn finish(
    tx: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    finish: FinishRound,
) -> Result<OperationResult, ApplyError> {
    // The push holds the lock every writer of findings takes first: every
    // finding saved before this point is committed (or earlier in this push)
    // and gets its case below; every later one sees the round finished (and
    // opens its own case as a late avvik).
    let round = pusher
        .round(tx, &finish.round_id)
        .await?
        .ok_or_else(|| reject(RejectionCode::NotFound, "Runden finnes ikke på serveren."))?;
    let user = pusher.user;
    pusher
        .places
        .require(tx, user, Action::WalkRound, &round.unit_id)
        .await?;
    let now = now_ms();
    pusher.forget_round(&round.id);
    // The guarded update decides between two devices finishing at once.
    if !rounds::finish(tx, &round.id, &finish.signed_by, now).await? {
        return Ok(applied(op_id, None, false));
    }
    let opening = Opening {
        round: &round,
        user_id: &pusher.user.id,
        now,
    };
    avvik_cases::open_for_round(tx, &opening).await?;
    let seq = record_round(tx, &round.id, "finished", &pusher.user.id, now).await?;
    Ok(applied(op_id, Some(seq), false))
}

/// Appends the round's state after a change to the history.
async fn record_round(
    conn: &mut AnyConnection,
    round_id: &str,
    action: &str,
    user_id: &str,
    now: i64,
) -> Result<i64, ApplyError> {
    let record = rounds::record(conn, round_id).await?.ok_or_else(|| {
        ApplyError::Internal(anyhow::anyhow!("round vanished in its transaction"))
    })?;
    let unit_id = record.unit_id.clone();
    let data = serde_json::to_value(ChangedRecord::Round(record))
        .map_err(|error| ApplyError::Internal(error.into()))?;
    let change = Change {
        entity_kind: "round",
        entity_id: round_id,
        unit_id: Some(&unit_id),
        action,
        actor_user_id: Some(user_id),
        data,
    };
    Ok(history::append(conn, &change, now).await?)
}
