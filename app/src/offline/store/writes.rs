//! Local writes: the record and its outbox entry in one transaction.

use super::{finding_key, round_key, session_user};
use crate::offline::db::{self, FINDINGS, META, OUTBOX, ROUNDS};
use crate::sync::protocol::{FindingInput, FinishRound, NewRound, OperationBody};
use crate::sync::records::{FindingRecord, RoundRecord, RoundStatus};
use crate::sync::rules::check_finding;

/// Stores a new round and queues its `create_round`.
pub async fn create_round(record: RoundRecord) -> Result<(), String> {
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
        let rounds = db::store(&transaction, ROUNDS)?;
        if db::get_raw(&rounds, &record.id).await?.is_some() {
            return Err("Runden finnes allerede på denne enheten.".to_owned());
        }
        db::put(&rounds, &record).await?;
        let user = session_user(&db::store(&transaction, META)?).await?;
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &body,
            round_key(&record.id),
            user,
        )
        .await
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}

/// Stores an answer and queues its `save_finding`. The finding keeps the
/// server's sequences and conflict copies it already has, and the queued
/// input carries the newest of them as its `base_seq`.
pub async fn save_finding(mut input: FindingInput) -> Result<(), String> {
    check_finding(&input).map_err(|problem| problem.message().to_owned())?;
    let transaction = db::write(&[ROUNDS, FINDINGS, OUTBOX, META]).await?;
    let work = async {
        let round: Option<RoundRecord> =
            db::get(&db::store(&transaction, ROUNDS)?, &input.round_id).await?;
        match round {
            None => return Err("Runden finnes ikke på denne enheten.".to_owned()),
            Some(round) if round.status == RoundStatus::Finished => {
                return Err("Runden er avsluttet og kan ikke endres.".to_owned());
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
        let user = session_user(&db::store(&transaction, META)?).await?;
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &OperationBody::SaveFinding(input),
            key,
            user,
        )
        .await
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}

/// Signs off a round: marks it finished with who signed, and queues its
/// `finish_round`. Finishing a finished round again changes nothing.
pub async fn finish_round(round_id: &str, signed_by: Vec<String>) -> Result<(), String> {
    let transaction = db::write(&[ROUNDS, OUTBOX, META]).await?;
    let work = async {
        let rounds = db::store(&transaction, ROUNDS)?;
        let Some(mut round) = db::get::<RoundRecord>(&rounds, round_id).await? else {
            return Err("Runden finnes ikke på denne enheten.".to_owned());
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
        let user = session_user(&db::store(&transaction, META)?).await?;
        db::add_op(
            &db::store(&transaction, OUTBOX)?,
            &body,
            round_key(round_id),
            user,
        )
        .await
    }
    .await;
    db::finish(transaction, work).await?;
    crate::offline::engine::request_sync();
    Ok(())
}
