//! Merging a sent finding into the stored one: texts by
//! [`is_text_conflict`] and [`is_stale_clear`], the answer and its risk by
//! [`merge_answer`]. What loses is kept as a conflict copy, never dropped.

use app::sync::answers::{AnswerMerge, SentAnswer, StoredAnswer, merge_answer};
use app::sync::protocol::FindingInput;
use app::sync::records::Answer;
use app::sync::rules::{is_stale_clear, is_text_conflict};

use crate::db::findings::FindingRow;

/// The row to store and the versions to keep as conflict copies
/// (field, text).
pub struct Merged {
    /// The finding as it will be stored.
    pub row: FindingRow,
    /// Conflict copies: `observation`, `suggested_measure` or `answer`.
    pub conflicts: Vec<(&'static str, String)>,
}

/// Merges `input`, sent by `device` and stored at `seq`, into `existing`.
pub fn merge(
    existing: Option<&FindingRow>,
    input: &FindingInput,
    device: &str,
    seq: i64,
) -> Merged {
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
    let answer = kept_answer(existing, input, (device, seq), &mut conflicts);
    Merged {
        row: FindingRow {
            id: input.finding_id.clone(),
            round_id: input.round_id.clone(),
            room_id: input.room_id.clone(),
            item_id: input.item_id.clone(),
            answer: answer.answer,
            observation,
            probability: answer.probability,
            consequence: answer.consequence,
            suggested_measure: measure,
            text_seq,
            text_device,
            answer_seq: answer.seq,
            answer_device: answer.device,
        },
        conflicts,
    }
}

/// An answer with its risk and where it was set.
struct KeptAnswer {
    answer: String,
    probability: Option<i64>,
    consequence: Option<i64>,
    seq: i64,
    device: String,
}

impl KeptAnswer {
    fn stored(row: &FindingRow) -> KeptAnswer {
        KeptAnswer {
            answer: row.answer.clone(),
            probability: row.probability,
            consequence: row.consequence,
            seq: row.answer_seq,
            device: row.answer_device.clone(),
        }
    }

    fn same_as(&self, row: &FindingRow) -> bool {
        self.answer == row.answer
            && self.probability == row.probability
            && self.consequence == row.consequence
    }
}

fn kept_answer(
    existing: Option<&FindingRow>,
    input: &FindingInput,
    (device, seq): (&str, i64),
    conflicts: &mut Vec<(&'static str, String)>,
) -> KeptAnswer {
    let sent = KeptAnswer {
        answer: input.answer.as_str().to_owned(),
        probability: input.probability.map(i64::from),
        consequence: input.consequence.map(i64::from),
        seq,
        device: device.to_owned(),
    };
    let Some(row) = existing else {
        return sent;
    };
    let stored = StoredAnswer {
        answer: Answer::parse(&row.answer).unwrap_or(Answer::Ok),
        seq: row.answer_seq,
        device: &row.answer_device,
    };
    let sent_answer = SentAnswer {
        answer: input.answer,
        base_seq: input.base_seq,
        device,
    };
    match merge_answer(stored, sent_answer) {
        // Unchanged, it keeps where it was set, as texts do.
        AnswerMerge::TakeSent if sent.same_as(row) => KeptAnswer::stored(row),
        AnswerMerge::TakeSent => sent,
        AnswerMerge::KeepStored => {
            conflicts.push(("answer", sent.answer));
            KeptAnswer::stored(row)
        }
        AnswerMerge::TakeSentKeepCopy => {
            conflicts.push(("answer", row.answer.clone()));
            sent
        }
    }
}
