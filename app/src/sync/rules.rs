//! The pure rules of sync, shared by the browser's engine and the server:
//! what an answer needs, risk levels, which outbox entries go next and how
//! they coalesce, how long to wait after a failure, and what counts as a
//! conflict.

use std::collections::HashMap;

use super::protocol::{FindingInput, Operation, OperationKind};
use super::records::{Answer, FindingRecord};

/// Longest text accepted in a finding field.
pub const MAX_TEXT_CHARS: usize = 4000;

/// Why an answer cannot be saved as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingProblem {
    /// An avvik needs what was seen.
    ObservationMissing,
    /// An avvik needs sannsynlighet and konsekvens, each 1–5.
    RiskMissing,
    /// A text is longer than [`MAX_TEXT_CHARS`].
    TextTooLong,
}

impl FindingProblem {
    /// The message for an API client (bokmål, like the UI).
    pub fn message(self) -> &'static str {
        match self {
            FindingProblem::ObservationMissing => "Et avvik må beskrive hva som ble observert.",
            FindingProblem::RiskMissing => {
                "Et avvik må ha sannsynlighet og konsekvens fra 1 til 5."
            }
            FindingProblem::TextTooLong => "Teksten er for lang (høyst 4000 tegn).",
        }
    }
}

/// Checks an answer before it is stored, on the device and on the server.
pub fn check_finding(input: &FindingInput) -> Result<(), FindingProblem> {
    let too_long = |text: &str| text.chars().count() > MAX_TEXT_CHARS;
    if too_long(&input.observation) || too_long(&input.suggested_measure) {
        return Err(FindingProblem::TextTooLong);
    }
    if input.answer != Answer::Avvik {
        return Ok(());
    }
    if input.observation.trim().is_empty() {
        return Err(FindingProblem::ObservationMissing);
    }
    let in_range = |value: Option<u8>| value.is_some_and(|v| (1..=5).contains(&v));
    if !in_range(input.probability) || !in_range(input.consequence) {
        return Err(FindingProblem::RiskMissing);
    }
    Ok(())
}

/// Risk as sannsynlighet × konsekvens on the 5×5 matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    /// 1–4: green.
    Low,
    /// 5–9: yellow.
    Medium,
    /// 10–25: red.
    High,
}

impl RiskLevel {
    /// The level of a probability and a consequence (each 1–5).
    pub fn of(probability: u8, consequence: u8) -> RiskLevel {
        match u16::from(probability) * u16::from(consequence) {
            0..=4 => RiskLevel::Low,
            5..=9 => RiskLevel::Medium,
            _ => RiskLevel::High,
        }
    }

    /// CSS class name of the level's colour.
    pub fn css(self) -> &'static str {
        match self {
            RiskLevel::Low => "risk-low",
            RiskLevel::Medium => "risk-medium",
            RiskLevel::High => "risk-high",
        }
    }
}

/// One queued operation on the device.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OutboxEntry {
    /// Local order (IndexedDB auto-increment key).
    pub local_seq: u64,
    /// The operation.
    pub op: Operation,
    /// The record it changes, e.g. `finding:<id>`, for coalescing.
    pub entity_key: String,
    /// Set when the server rejected it: shown to the person, no longer sent.
    pub rejected: Option<String>,
    /// Who was logged in when it was made (see [`super::ownership`]).
    #[serde(default)]
    pub user_id: Option<String>,
}

/// Why the record under `entity_key` was refused for good: the rejection
/// of its newest queued change, if that change was refused. A photo of such
/// a finding can never reach the server (the server answers 404 for it for
/// ever), so it stops being sent and shows this reason instead.
pub fn refusal_of<'a>(entries: &'a [OutboxEntry], entity_key: &str) -> Option<&'a str> {
    entries
        .iter()
        .filter(|entry| entry.entity_key == entity_key)
        .max_by_key(|entry| entry.local_seq)
        .and_then(|entry| entry.rejected.as_deref())
}

/// What to send next: the operations in local order, where several saves of
/// the same finding collapse into the last one, and which entries each sent
/// operation settles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    /// Operations to push, in order.
    pub operations: Vec<Operation>,
    /// For each sent operation id, the local entries it settles.
    pub settles: HashMap<String, Vec<u64>>,
}

/// Builds the next batch (at most `limit` operations) from the outbox.
/// Rejected entries are skipped and never hold the rest back.
pub fn next_batch(entries: &[OutboxEntry], limit: usize) -> Batch {
    let mut pending: Vec<&OutboxEntry> = entries.iter().filter(|e| e.rejected.is_none()).collect();
    pending.sort_by_key(|entry| entry.local_seq);
    let mut last_save: HashMap<&str, u64> = HashMap::new();
    for entry in &pending {
        if entry.op.kind == OperationKind::SaveFinding {
            last_save.insert(&entry.entity_key, entry.local_seq);
        }
    }
    let mut batch = Batch::default();
    let mut waiting: HashMap<&str, Vec<u64>> = HashMap::new();
    for entry in pending {
        let superseded = entry.op.kind == OperationKind::SaveFinding
            && last_save.get(entry.entity_key.as_str()) != Some(&entry.local_seq);
        let settled = waiting.entry(&entry.entity_key).or_default();
        settled.push(entry.local_seq);
        if superseded {
            continue;
        }
        if batch.operations.len() == limit {
            break;
        }
        let settles = std::mem::take(settled);
        batch.settles.insert(entry.op.id.clone(), settles);
        batch.operations.push(entry.op.clone());
    }
    batch
}

/// What to do after a failed call, by HTTP status (0 for no answer at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// Network down, timeout, overload or server error: keep and retry later.
    Retry,
    /// The session is gone: keep everything and ask the person to log in.
    LogIn,
    /// The server refused this request: show it, do not resend it.
    Refused,
}

/// Sorts a failure by its HTTP status.
pub fn failure_kind(status: u16) -> FailureKind {
    match status {
        401 => FailureKind::LogIn,
        0 | 408 | 425 | 429 | 500..=599 => FailureKind::Retry,
        400..=499 => FailureKind::Refused,
        _ => FailureKind::Retry,
    }
}

/// Milliseconds to wait before retry number `attempt` (1, 2, …): doubling from
/// two seconds up to five minutes, spread by `jitter` (0.0–1.0) by up to a
/// fifth so that many phones coming back online do not call at once.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    const FIRST_MS: u64 = 2_000;
    const MAX_MS: u64 = 300_000;
    let base = FIRST_MS
        .saturating_mul(1u64 << attempt.saturating_sub(1).min(20))
        .min(MAX_MS);
    let spread = (base as f64 * 0.2 * jitter.clamp(0.0, 1.0)) as u64;
    base + spread
}

/// Whether a text sent by a device conflicts with the server's: the texts
/// differ, both say something, and the server's was written by another
/// device after the version the sender had seen.
pub fn is_text_conflict(
    server_text: &str,
    server_seq: i64,
    server_device: &str,
    sent_text: &str,
    sent_base_seq: i64,
    sent_device: &str,
) -> bool {
    server_text != sent_text
        && !server_text.trim().is_empty()
        && !sent_text.trim().is_empty()
        && unseen(server_seq, server_device, sent_base_seq, sent_device)
}

/// Whether the server's text was written by another device after the
/// version the sender had seen.
fn unseen(server_seq: i64, server_device: &str, sent_base_seq: i64, sent_device: &str) -> bool {
    sent_base_seq < server_seq && server_device != sent_device
}

/// Whether an empty text sent by a device that had not seen the server's
/// text would erase another device's words: then the server's text stays.
pub fn is_stale_clear(
    server_text: &str,
    server_seq: i64,
    server_device: &str,
    sent_text: &str,
    sent_base_seq: i64,
    sent_device: &str,
) -> bool {
    sent_text.trim().is_empty()
        && !server_text.trim().is_empty()
        && unseen(server_seq, server_device, sent_base_seq, sent_device)
}

/// Applies a pulled finding to the device's copy: while the device still has
/// unsent changes to it, its own answer and texts stay (they will be pushed);
/// the server's conflict copies are always taken.
pub fn merge_pulled_finding(
    local: Option<&FindingRecord>,
    pulled: FindingRecord,
    has_unsent: bool,
) -> FindingRecord {
    match local {
        Some(local) if has_unsent => FindingRecord {
            conflicts: pulled.conflicts,
            ..local.clone()
        },
        _ => pulled,
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
