//! The push and pull envelopes of `/api/v1/sync`, schema version 1.

use serde::{Deserialize, Serialize};

use super::records::{Answer, Participant, RoundRecord};

/// The schema version every push and pull carries; the server refuses others.
pub const SCHEMA_VERSION: u32 = 1;

/// A batch of operations from one device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushRequest {
    /// Must be [`SCHEMA_VERSION`].
    pub schema: u32,
    /// A random id of the browser profile that made the changes.
    pub device_id: String,
    /// Operations in the order they were made.
    pub operations: Vec<Operation>,
}

/// One change made on a device, with its own UUIDv7 id. `kind` names the
/// operation and `data` holds its body; the server checks each on its own,
/// so one malformed operation never blocks the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Operation {
    /// Client-generated UUIDv7; a replay with the same id returns the first result.
    pub id: String,
    /// `create_round`, `save_finding` or `finish_round`.
    pub kind: String,
    /// The body: [`NewRound`], [`FindingInput`] or [`FinishRound`].
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// The typed body of an [`Operation`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum OperationBody {
    /// Start a round.
    CreateRound(NewRound),
    /// Answer a checklist point (create or change a finding).
    SaveFinding(FindingInput),
    /// Sign off and close a round.
    FinishRound(FinishRound),
}

impl Operation {
    /// Wraps a typed body under an operation id.
    pub fn new(id: String, body: &OperationBody) -> Operation {
        // Serializing plain structs of strings and numbers cannot fail.
        let value = serde_json::to_value(body).unwrap_or_default();
        Operation {
            id,
            kind: value["kind"].as_str().unwrap_or_default().to_owned(),
            data: value["data"].clone(),
        }
    }

    /// The typed body, or why it is malformed.
    pub fn body(&self) -> Result<OperationBody, String> {
        let tagged = serde_json::json!({ "kind": self.kind, "data": self.data });
        serde_json::from_value(tagged).map_err(|error| error.to_string())
    }
}

/// Starts a round with the checklist version the device has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewRound {
    /// Client-generated id of the round.
    pub round_id: String,
    /// The unit the round belongs to.
    pub unit_id: String,
    /// The verneområde walked, if any.
    pub verneomrade_id: Option<String>,
    /// The checklist version the round keeps.
    pub checklist_version_id: String,
    /// A title, e.g. the area and the season.
    pub title: String,
    /// The date of the round, `YYYY-MM-DD`.
    pub date: String,
    /// Who walks it.
    pub participants: Vec<Participant>,
}

/// The answer to one checklist point in one room (or in general).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FindingInput {
    /// Client-generated id of the finding.
    pub finding_id: String,
    /// The round.
    pub round_id: String,
    /// The room, `None` for "general".
    pub room_id: Option<String>,
    /// The checklist point.
    pub item_id: String,
    /// OK, avvik or not relevant.
    pub answer: Answer,
    /// What was seen (required for an avvik).
    pub observation: String,
    /// Sannsynlighet 1–5 (avvik only).
    pub probability: Option<u8>,
    /// Konsekvens 1–5 (avvik only).
    pub consequence: Option<u8>,
    /// A suggested tiltak.
    pub suggested_measure: String,
    /// The sequence of the finding's text as the device last saw it from the
    /// server (0 if never): a text changed since then by another device is a conflict.
    pub base_seq: i64,
}

/// Closes a round: the participants who signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FinishRound {
    /// The round.
    pub round_id: String,
    /// Ids of the participants who signed off.
    pub signed_by: Vec<String>,
}

/// The answer to a push: one result per operation, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushResponse {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Results in the order of the operations.
    pub results: Vec<OperationResult>,
}

/// What became of one operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OperationResult {
    /// The operation's id.
    pub op_id: String,
    /// `applied` or `rejected`.
    pub status: OperationStatus,
    /// The change sequence of its effect, when applied.
    pub seq: Option<i64>,
    /// Applied, but the text was kept as a conflict copy beside another device's text.
    pub conflict: bool,
    /// Why it was rejected (a person can read it).
    pub error: Option<String>,
    /// Why it was rejected, for programs: `forbidden`, `not_found`,
    /// `invalid`, `malformed`, `round_finished` or `exists`.
    pub code: Option<String>,
}

/// Applied or rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OperationStatus {
    /// The effect is stored (now or by an earlier copy of the same operation).
    Applied,
    /// The server refused it; retrying the same operation will not help.
    Rejected,
}

/// A page of changes after a sequence number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PullResponse {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Changes in sequence order.
    pub changes: Vec<Change>,
    /// The cursor for the next page.
    pub next_since: i64,
    /// Whether more changes follow.
    pub more: bool,
}

/// One change: the record as it is after that change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Change {
    /// Global change sequence.
    pub seq: i64,
    /// The record.
    pub record: ChangedRecord,
}

/// A record of one of the synced kinds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangedRecord {
    /// A round.
    Round(RoundRecord),
    /// A finding.
    Finding(super::records::FindingRecord),
    /// A stored photo.
    Photo(super::records::PhotoRecord),
}
