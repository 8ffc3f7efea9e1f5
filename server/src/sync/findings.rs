//! Applying `save_finding`: status-like fields take the last accepted write;
//! a text another device changed unseen is kept as a conflict copy.

use app::domain::access::Action;
use app::sync::ids::is_uuid;
use app::sync::protocol::{ChangedRecord, FindingInput, OperationResult};
use app::sync::records::RoundStatus;
use app::sync::rules::{check_finding, is_stale_clear, is_text_conflict};
use sqlx::AnyConnection;

use super::outcome::{ApplyError, applied, reject};
use super::push::{Pusher, commit_applied};
use crate::auth::access;
use crate::db::findings::{self, FindingRow, NewConflict};
use crate::db::history::{self, Change};
use crate::db::{new_id, now_ms, rounds};
use crate::state::AppState;

/// Creates or changes a finding.
pub async fn save(
    state: &AppState,
    pusher: &Pusher<'_>,
    op_id: &str,
    input: FindingInput,
) -> Result<OperationResult, ApplyError> {
    if !is_uuid(&input.finding_id) {
        return Err(reject("invalid", "The finding id must be a UUID."));
    }
    check_finding(&input).map_err(|problem| reject("invalid", problem.message()))?;
    let mut conn = state.db.pool().acquire().await?;
    let round = rounds::by_id(&mut conn, &input.round_id)
        .await?
        .ok_or_else(|| reject("not_found", "Runden finnes ikke på serveren."))?;
    drop(conn);
    access::require(&state.db, pusher.user, Action::WalkRound, &round.unit_id).await?;
    if round.status == RoundStatus::Finished.as_str() {
        return Err(reject(
            "round_finished",
            "Runden er avsluttet og kan ikke endres.",
        ));
    }
    let now = now_ms();
    let mut tx = state.db.pool().begin().await?;
    // Taking the sequence number first locks writers out until commit, so
    // the round and the finding read below cannot change under this write.
    let seq = history::next_seq(&mut tx).await?;
    let round = rounds::by_id(&mut tx, &input.round_id)
        .await?
        .ok_or_else(|| reject("not_found", "Runden finnes ikke på serveren."))?;
    if round.status == RoundStatus::Finished.as_str() {
        return Err(reject(
            "round_finished",
            "Runden er avsluttet og kan ikke endres.",
        ));
    }
    check_place(state, &mut tx, &input, &round).await?;
    let existing = findings::by_id(&mut tx, &input.finding_id).await?;
    if let Some(existing) = &existing
        && (existing.round_id != input.round_id
            || existing.item_id != input.item_id
            || existing.room_id != input.room_id)
    {
        return Err(reject(
            "invalid",
            "The finding belongs to another point or room.",
        ));
    }
    let merged = merge(existing.as_ref(), &input, pusher.device_id, seq);
    findings::upsert(&mut tx, &merged.row, &pusher.user.id, now).await?;
    for (field, text) in &merged.conflicts {
        let copy = NewConflict {
            id: &new_id(),
            finding_id: &input.finding_id,
            field,
            text,
            author_user_id: &pusher.user.id,
            author_name: &pusher.user.display_name,
            device_id: pusher.device_id,
        };
        findings::insert_conflict(&mut tx, &copy, now).await?;
    }
    let action = if existing.is_some() {
        "changed"
    } else {
        "created"
    };
    record_finding(
        &mut tx,
        seq,
        &input.finding_id,
        (&round.unit_id, action),
        &pusher.user.id,
        now,
    )
    .await?;
    let conflict = !merged.conflicts.is_empty();
    commit_applied(tx, pusher, applied(op_id, Some(seq), conflict), now).await
}

/// The point must be in the round's checklist and the room in its area (or,
/// for a round without an area, in its unit or below).
async fn check_place(
    state: &AppState,
    conn: &mut AnyConnection,
    input: &FindingInput,
    round: &rounds::RoundRow,
) -> Result<(), ApplyError> {
    if !findings::item_in_version(conn, &input.item_id, &round.checklist_version_id).await? {
        return Err(reject(
            "invalid",
            "Punktet finnes ikke i rundens sjekkliste.",
        ));
    }
    let Some(room) = &input.room_id else {
        return Ok(());
    };
    let (room_unit, room_area) = findings::room_place(conn, room)
        .await?
        .ok_or_else(|| reject("invalid", "Rommet finnes ikke."))?;
    let inside = match &round.verneomrade_id {
        Some(area) => room_area.as_ref() == Some(area),
        None => crate::db::units::chain(state.db.pool(), &room_unit)
            .await?
            .contains(&round.unit_id),
    };
    if inside {
        Ok(())
    } else {
        Err(reject("invalid", "Rommet hører ikke til rundens område."))
    }
}

/// The row to store and the texts to keep as conflict copies.
struct Merged {
    row: FindingRow,
    conflicts: Vec<(&'static str, String)>,
}

fn merge(existing: Option<&FindingRow>, input: &FindingInput, device: &str, seq: i64) -> Merged {
    let mut conflicts = Vec::new();
    let mut pick = |field: &'static str, server: Option<&str>, sent: &str| -> String {
        let (Some(server), Some(row)) = (server, existing) else {
            return sent.to_owned();
        };
        let base = input.base_seq;
        if is_text_conflict(server, row.text_seq, &row.text_device, sent, base, device) {
            conflicts.push((field, sent.to_owned()));
            server.to_owned()
        } else if is_stale_clear(server, row.text_seq, &row.text_device, sent, base, device) {
            server.to_owned()
        } else {
            sent.to_owned()
        }
    };
    let observation = pick(
        "observation",
        existing.map(|r| r.observation.as_str()),
        &input.observation,
    );
    let measure = pick(
        "suggested_measure",
        existing.map(|r| r.suggested_measure.as_str()),
        &input.suggested_measure,
    );
    let texts_changed = existing
        .is_none_or(|row| row.observation != observation || row.suggested_measure != measure);
    let (text_seq, text_device) = match existing {
        Some(row) if !texts_changed => (row.text_seq, row.text_device.clone()),
        _ => (seq, device.to_owned()),
    };
    Merged {
        row: FindingRow {
            id: input.finding_id.clone(),
            round_id: input.round_id.clone(),
            room_id: input.room_id.clone(),
            item_id: input.item_id.clone(),
            answer: input.answer.as_str().to_owned(),
            observation,
            probability: input.probability.map(i64::from),
            consequence: input.consequence.map(i64::from),
            suggested_measure: measure,
            text_seq,
            text_device,
        },
        conflicts,
    }
}

async fn record_finding(
    conn: &mut AnyConnection,
    seq: i64,
    finding_id: &str,
    (unit_id, action): (&str, &str),
    user_id: &str,
    now: i64,
) -> Result<(), ApplyError> {
    let record = findings::record(conn, finding_id).await?.ok_or_else(|| {
        ApplyError::Internal(anyhow::anyhow!("finding vanished in its transaction"))
    })?;
    let data = serde_json::to_value(ChangedRecord::Finding(record))
        .map_err(|error| ApplyError::Internal(error.into()))?;
    let change = Change {
        entity_kind: "finding",
        entity_id: finding_id,
        unit_id: Some(unit_id),
        action,
        actor_user_id: Some(user_id),
        data,
    };
    history::insert(conn, seq, &change, now).await?;
    Ok(())
}
