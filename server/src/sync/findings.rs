//! Applying `save_finding`: the sent finding is merged into the stored one
//! by what the sending device had seen (see [`merge`]); a text or answer
//! that loses is kept as a conflict copy.

mod merge;

use app::domain::access::Action;
use app::sync::ids::is_uuid;
use app::sync::protocol::{ChangedRecord, FindingInput, OperationResult, RejectionCode};
use app::sync::records::{Answer, RoundStatus};
use app::sync::rules::check_finding;
use sqlx::AnyConnection;

use self::merge::{Merged, merge};
use super::avvik_cases::{self, Opening};
use super::limits::MAX_CONFLICT_COPIES;
use super::outcome::{ApplyError, applied, reject};
use super::push::Pusher;
use super::push::places::Places;
use crate::db::findings::{self, NewConflict};
use crate::db::history::{self, Change};
use crate::db::{avvik, new_id, now_ms, rounds};

/// Creates or changes a finding. An avvik that arrives after its round was
/// signed off is still kept: it opens its own case, marked late, so that a
/// second participant's offline avvik is never thrown away.
pub async fn save(
    tx: &mut AnyConnection,
    pusher: &mut Pusher<'_>,
    op_id: &str,
    input: FindingInput,
) -> Result<OperationResult, ApplyError> {
    if !is_uuid(&input.finding_id) {
        return Err(reject(
            RejectionCode::Invalid,
            "The finding id must be a UUID.",
        ));
    }
    check_finding(&input).map_err(|problem| reject(RejectionCode::Invalid, problem.message()))?;
    // The push holds the lock on the sequence (see `push`), so the round
    // and the finding read below cannot change under this write.
    let seq = history::next_seq(tx).await?;
    let round = pusher
        .round(tx, &input.round_id)
        .await?
        .ok_or_else(round_not_found)?;
    let user = pusher.user;
    pusher
        .places
        .require(tx, user, Action::WalkRound, &round.unit_id)
        .await?;
    let now = now_ms();
    check_place(tx, &mut pusher.places, &input, &round).await?;
    let existing = findings::by_id(tx, &input.finding_id).await?;
    if let Some(existing) = &existing
        && (existing.round_id != input.round_id
            || existing.item_id != input.item_id
            || existing.room_id != input.room_id)
    {
        return Err(reject(
            RejectionCode::Invalid,
            "The finding belongs to another point or room.",
        ));
    }
    let late = round.status == RoundStatus::Finished.as_str();
    if late {
        check_late_avvik(tx, &input).await?;
    }
    let merged = merge(existing.as_ref(), &input, pusher.device_id, seq);
    store(tx, pusher, &merged, now).await?;
    let action = if existing.is_some() {
        "changed"
    } else {
        "created"
    };
    // A new finding has no conflict copies; a changed one may keep older ones.
    let copies = existing.is_some() || !merged.conflicts.is_empty();
    record_finding(
        tx,
        seq,
        (&merged.row, copies),
        (&round.unit_id, action),
        &pusher.user.id,
        now,
    )
    .await?;
    if late {
        let opening = Opening {
            round: &round,
            user_id: &pusher.user.id,
            now,
        };
        avvik_cases::open(tx, &opening, &merged.row, true).await?;
    }
    let conflict = !merged.conflicts.is_empty();
    Ok(applied(op_id, Some(seq), conflict))
}

fn round_not_found() -> ApplyError {
    reject(RejectionCode::NotFound, "Runden finnes ikke på serveren.")
}

/// After sign-off only a new avvik is taken (it opens a late case); other
/// answers, and changes to a point whose avvik already has a case, would
/// change a signed report and are refused.
async fn check_late_avvik(
    conn: &mut AnyConnection,
    input: &FindingInput,
) -> Result<(), ApplyError> {
    if input.answer == Answer::Avvik
        && !avvik::has_case_for_finding(conn, &input.finding_id).await?
    {
        return Ok(());
    }
    Err(reject(
        RejectionCode::RoundFinished,
        "Runden er avsluttet og kan ikke endres.",
    ))
}

/// Writes the merged finding and its conflict copies (within their limit).
async fn store(
    conn: &mut AnyConnection,
    pusher: &Pusher<'_>,
    merged: &Merged,
    now: i64,
) -> Result<(), ApplyError> {
    let finding_id = &merged.row.id;
    if !merged.conflicts.is_empty() {
        let kept = findings::conflict_count(conn, finding_id).await?;
        if kept + merged.conflicts.len() as i64 > MAX_CONFLICT_COPIES {
            return Err(reject(
                RejectionCode::TooLarge,
                format!(
                    "Punktet har allerede {kept} motstridende tekster; rydd opp i dem før flere lagres."
                ),
            ));
        }
    }
    findings::upsert(conn, &merged.row, &pusher.user.id, now).await?;
    for (field, text) in &merged.conflicts {
        let copy = NewConflict {
            id: &new_id(),
            finding_id,
            field,
            text,
            author_user_id: &pusher.user.id,
            author_name: &pusher.user.display_name,
            device_id: pusher.device_id,
        };
        findings::insert_conflict(conn, &copy, now).await?;
    }
    Ok(())
}

/// The point must be in the round's checklist and the room in its area (or,
/// for a round without an area, in its unit or below).
async fn check_place(
    conn: &mut AnyConnection,
    places: &mut Places,
    input: &FindingInput,
    round: &rounds::RoundRow,
) -> Result<(), ApplyError> {
    if !places
        .point_in_version(conn, &input.item_id, &round.checklist_version_id)
        .await?
    {
        return Err(reject(
            RejectionCode::Invalid,
            "Punktet finnes ikke i rundens sjekkliste.",
        ));
    }
    let Some(room) = &input.room_id else {
        return Ok(());
    };
    let (room_unit, room_area) = places
        .room(conn, room)
        .await?
        .cloned()
        .ok_or_else(|| reject(RejectionCode::Invalid, "Rommet finnes ikke."))?;
    let inside = match &round.verneomrade_id {
        Some(area) => room_area.as_ref() == Some(area),
        None => places.of(conn, &room_unit).await?.contains(&round.unit_id),
    };
    if inside {
        Ok(())
    } else {
        Err(reject(
            RejectionCode::Invalid,
            "Rommet hører ikke til rundens område.",
        ))
    }
}

/// Appends the finding as stored (`row`, with its open conflict copies
/// read when it may have some) to the history.
async fn record_finding(
    conn: &mut AnyConnection,
    seq: i64,
    (row, copies): (&findings::FindingRow, bool),
    (unit_id, action): (&str, &str),
    user_id: &str,
    now: i64,
) -> Result<(), ApplyError> {
    let conflicts = if copies {
        findings::open_conflicts(conn, &row.id).await?
    } else {
        Vec::new()
    };
    let finding_id = row.id.as_str();
    let record = findings::record_of(row.clone(), conflicts);
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
