//! Local writes: the record and its outbox entry in one transaction, made
//! only while a person is known on the device (their work, sent under
//! their session).

use super::{finding_key, round_key, session_user};
use crate::offline::db::{self, FINDINGS, META, OUTBOX, ROUNDS};
use crate::offline::device_error::DeviceError;
use crate::sync::protocol::{FindingInput, FinishRound, NewRound, OperationBody};
use crate::sync::records::{FindingRecord, RoundRecord, RoundStatus};
use crate::sync::rules::check_finding;

/// The person whose work a change made now is: refused when nobody is
/// known, so it can never go out later as the next person's work.
pub(crate) async fn author(meta: &idb::ObjectStore) -> Result<String, DeviceError> {
    session_user(meta).await?.ok_or(DeviceError::NotLoggedIn)
}

/// Stores a new round and queues its `create_round`.
pub async fn create_round(record: RoundRecord) -> Result<(), DeviceError> {
    let body = OperationBody::CreateRound(NewRound {
        round_id: record.id.clone(),
        unit_id: record.unit_id.clone(),
        verneomrade_id: record.verneomrade_id.clone(),
        checklist_version_id: record.checklist_version_id.clone(),
        title: record.title.clone(),
        date: record.date.clone(),
        participants: record.participants.clone(),
    });
    let transaction = db::write(&[ROUNDS, OUTBOX, META]).await?;
    let work = async {
        let user = author(&db::store(&transaction, META)?).await?;
        let rounds = db::store(&transaction, ROUNDS)?;
        if db::get_raw(&rounds, &record.id).await?.is_some() {
            return Err(DeviceError::RoundExists);
        }
        db::put(&rounds, &record).await?;
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &body,
            round_key(&record.id),
            Some(user),
        )
        .await?;
        Ok(())
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}

/// Stores an answer and queues its `save_finding`. The finding keeps the
/// server's sequences and conflict copies it already has, and the queued
/// input carries the newest of them as its `base_seq`.
pub async fn save_finding(mut input: FindingInput) -> Result<(), DeviceError> {
    check_finding(&input).map_err(DeviceError::Finding)?;
    let transaction = db::write(&[ROUNDS, FINDINGS, OUTBOX, META]).await?;
    let work = async {
        let user = author(&db::store(&transaction, META)?).await?;
        let round: Option<RoundRecord> =
            db::get(&db::store(&transaction, ROUNDS)?, &input.round_id).await?;
        match round {
            None => return Err(DeviceError::RoundMissing),
            Some(round) if round.status == RoundStatus::Finished => {
                return Err(DeviceError::RoundFinished);
            }
            Some(_) => {}
        }
        let findings = db::store(&transaction, FINDINGS)?;
        let existing: Option<FindingRecord> = db::get(&findings, &input.finding_id).await?;
        let (text_seq, answer_seq, conflicts) = match existing {
            Some(existing) => (existing.text_seq, existing.answer_seq, existing.conflicts),
            None => (input.base_seq, input.base_seq, Vec::new()),
        };
        input.base_seq = text_seq.max(answer_seq);
        let record = FindingRecord {
            id: input.finding_id.clone(),
            round_id: input.round_id.clone(),
            room_id: input.room_id.clone(),
            item_id: input.item_id.clone(),
            answer: input.answer,
            observation: input.observation.clone(),
            probability: input.probability,
            consequence: input.consequence,
            suggested_measure: input.suggested_measure.clone(),
            text_seq,
            answer_seq,
            conflicts,
        };
        db::put(&findings, &record).await?;
        let key = finding_key(&input.finding_id);
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &OperationBody::SaveFinding(input),
            key,
            Some(user),
        )
        .await?;
        Ok(())
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}

/// Signs off a round: marks it finished with who signed, and queues its
/// `finish_round`. Finishing a finished round again changes nothing.
pub async fn finish_round(round_id: &str, signed_by: Vec<String>) -> Result<(), DeviceError> {
    let transaction = db::write(&[ROUNDS, OUTBOX, META]).await?;
    let work = async {
        let user = author(&db::store(&transaction, META)?).await?;
        let rounds = db::store(&transaction, ROUNDS)?;
        let Some(mut round) = db::get::<RoundRecord>(&rounds, round_id).await? else {
            return Err(DeviceError::RoundMissing);
        };
        if round.status == RoundStatus::Finished {
            return Ok(());
        }
        round.status = RoundStatus::Finished;
        round.finished_at = Some(db::now_ms() as i64);
        for participant in &mut round.participants {
            participant.signed = signed_by.contains(&participant.id);
        }
        db::put(&rounds, &round).await?;
        let body = OperationBody::FinishRound(FinishRound {
            round_id: round_id.to_owned(),
            signed_by,
        });
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &body,
            round_key(round_id),
            Some(user),
        )
        .await?;
        Ok(())
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}
