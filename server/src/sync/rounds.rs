//! Applying `create_round` and `finish_round`.

use app::domain::access::Action;
use app::sync::ids::is_uuid;
use app::sync::protocol::{ChangedRecord, FinishRound, NewRound, OperationResult};
use app::sync::records::{RoundRecord, RoundStatus};
use sqlx::AnyConnection;

use super::outcome::{ApplyError, applied, reject};
use super::push::{Pusher, commit_applied};
use crate::auth::access;
use crate::db::history::{self, Change};
use crate::db::{avvik, findings, new_id, now_ms, rounds};
use crate::state::AppState;

const MAX_NAME_CHARS: usize = 200;

/// Starts a round with the checklist version the device has.
pub async fn create(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
    round: NewRound,
) -> Result<OperationResult, ApplyError> {
    check_new_round(&round)?;
    access::require(&state.db, pusher.user, Action::WalkRound, &round.unit_id).await?;
    let now = now_ms();
    let mut tx = state.db.pool().begin().await?;
    if rounds::by_id(&mut tx, &round.round_id).await?.is_some() {
        return Err(reject("exists", "A round with this id already exists."));
    }
    if let Some(area) = &round.verneomrade_id
        && rounds::area_unit(&mut tx, area).await?.as_deref() != Some(round.unit_id.as_str())
    {
        return Err(reject(
            "invalid",
            "Verneområdet hører ikke til denne enheten.",
        ));
    }
    if !rounds::checklist_published(&mut tx, &round.checklist_version_id).await? {
        return Err(reject("invalid", "Sjekklisteversjonen finnes ikke."));
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
    rounds::insert(&mut tx, &record, &pusher.user.id, now).await?;
    let seq = record_round(&mut tx, &record.id, "created", &pusher.user.id, now).await?;
    commit_applied(tx, pusher, applied(op_id, Some(seq), false), now).await
}

fn check_new_round(round: &NewRound) -> Result<(), ApplyError> {
    let ids_ok = is_uuid(&round.round_id) && round.participants.iter().all(|p| is_uuid(&p.id));
    if !ids_ok {
        return Err(reject(
            "invalid",
            "Round and participant ids must be UUIDs.",
        ));
    }
    if chrono::NaiveDate::parse_from_str(&round.date, "%Y-%m-%d").is_err() {
        return Err(reject("invalid", "Datoen må skrives ÅÅÅÅ-MM-DD."));
    }
    let too_long = |text: &str| text.chars().count() > MAX_NAME_CHARS;
    if round.title.trim().is_empty() || too_long(&round.title) {
        return Err(reject(
            "invalid",
            "Runden må ha en tittel (høyst 200 tegn).",
        ));
    }
    let mut ids: Vec<&str> = round.participants.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != round.participants.len() {
        return Err(reject("invalid", "Each participant needs its own id."));
    }
    if round.participants.is_empty()
        || round
            .participants
            .iter()
            .any(|p| p.name.trim().is_empty() || too_long(&p.name) || too_long(&p.role_label))
    {
        return Err(reject(
            "invalid",
            "Runden må ha deltakere med navn (høyst 200 tegn).",
        ));
    }
    Ok(())
}

/// Signs off a round, opens an avvik case for each avvik finding and plans
/// the suggested tiltak. Finishing a finished round changes nothing.
pub async fn finish(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
    finish: FinishRound,
) -> Result<OperationResult, ApplyError> {
    let mut conn = state.db.pool().acquire().await?;
    let round = rounds::by_id(&mut conn, &finish.round_id)
        .await?
        .ok_or_else(|| reject("not_found", "Runden finnes ikke på serveren."))?;
    drop(conn);
    access::require(&state.db, pusher.user, Action::WalkRound, &round.unit_id).await?;
    let now = now_ms();
    let mut tx = state.db.pool().begin().await?;
    // The guarded update decides between two devices finishing at once.
    if !rounds::finish(&mut tx, &round.id, &finish.signed_by, now).await? {
        return commit_applied(tx, pusher, applied(op_id, None, false), now).await;
    }
    open_avvik_cases(&mut tx, &round, &pusher.user.id, now).await?;
    let seq = record_round(&mut tx, &round.id, "finished", &pusher.user.id, now).await?;
    commit_applied(tx, pusher, applied(op_id, Some(seq), false), now).await
}

async fn open_avvik_cases(
    conn: &mut AnyConnection,
    round: &rounds::RoundRow,
    user_id: &str,
    now: i64,
) -> Result<(), ApplyError> {
    for finding in findings::avvik_of_round(conn, &round.id).await? {
        let number = crate::db::applied::next_counter(conn, "avvik_receipt").await?;
        let receipt_no = format!("AV-{number:05}");
        let avvik_id = new_id();
        let case = avvik::NewAvvik {
            id: &avvik_id,
            unit_id: &round.unit_id,
            room_id: finding.room_id.as_deref(),
            finding_id: &finding.id,
            description: &finding.observation,
            probability: finding.probability,
            consequence: finding.consequence,
            reported_by: user_id,
            receipt_no: &receipt_no,
        };
        avvik::insert_from_round(conn, &case, now).await?;
        let data = serde_json::json!({
            "finding_id": finding.id, "round_id": round.id, "receipt_no": receipt_no,
            "description": finding.observation, "probability": finding.probability,
            "consequence": finding.consequence, "status": "open",
        });
        append(
            conn,
            ("avvik", &avvik_id, &round.unit_id, "created"),
            user_id,
            data,
            now,
        )
        .await?;
        if !finding.suggested_measure.trim().is_empty() {
            let tiltak_id = new_id();
            let keys = (
                tiltak_id.as_str(),
                round.unit_id.as_str(),
                avvik_id.as_str(),
                round.id.as_str(),
            );
            avvik::insert_tiltak(conn, keys, &finding.suggested_measure, now).await?;
            let data = serde_json::json!({
                "avvik_id": avvik_id, "description": finding.suggested_measure, "status": "planned",
            });
            append(
                conn,
                ("tiltak", &tiltak_id, &round.unit_id, "created"),
                user_id,
                data,
                now,
            )
            .await?;
        }
    }
    Ok(())
}

/// Appends a history entry for a change that carries no synced record.
async fn append(
    conn: &mut AnyConnection,
    (kind, id, unit_id, action): (&str, &str, &str, &str),
    user_id: &str,
    data: serde_json::Value,
    now: i64,
) -> sqlx::Result<i64> {
    let change = Change {
        entity_kind: kind,
        entity_id: id,
        unit_id: Some(unit_id),
        action,
        actor_user_id: Some(user_id),
        data,
    };
    history::append(conn, &change, now).await
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
    Ok(append(
        conn,
        ("round", round_id, &unit_id, action),
        user_id,
        data,
        now,
    )
    .await?)
}
