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
    /// Client-generated UUIDv7; a replay with the same id (by the same
    /// person, in any letter case) returns the first result.
    pub id: String,
    /// What the operation does; `data` is the body of that kind.
    pub kind: OperationKind,
    /// The body: [`NewRound`], [`FindingInput`] or [`FinishRound`].
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub data: serde_json::Value,
}

/// The kinds of operation a device can push.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    /// [`NewRound`].
    CreateRound,
    /// [`FindingInput`].
    SaveFinding,
    /// [`FinishRound`].
    FinishRound,
    /// A kind this version does not know (from a newer client): refused on
    /// its own instead of failing the whole push.
    #[serde(other)]
    Unknown,
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
        let data = match body {
            OperationBody::CreateRound(round) => serde_json::to_value(round),
            OperationBody::SaveFinding(input) => serde_json::to_value(input),
            OperationBody::FinishRound(finish) => serde_json::to_value(finish),
        };
        Operation {
            id,
            kind: body.kind(),
            data: data.unwrap_or_default(),
        }
    }

    /// The typed body, or why it is malformed.
    pub fn body(&self) -> Result<OperationBody, String> {
        OperationBody::parse(self.kind, &self.data.to_string())
    }

    /// The round the operation belongs to, if its body names one.
    pub fn round_id(&self) -> Option<&str> {
        self.data
            .get("round_id")
            .and_then(serde_json::Value::as_str)
    }
}

impl OperationBody {
    /// The kind of this body.
    pub fn kind(&self) -> OperationKind {
        match self {
            OperationBody::CreateRound(_) => OperationKind::CreateRound,
            OperationBody::SaveFinding(_) => OperationKind::SaveFinding,
            OperationBody::FinishRound(_) => OperationKind::FinishRound,
        }
    }

    /// Writes the ids a device makes (round, finding, participants) in
    /// their canonical form, see [`super::ids::canonical`].
    pub fn canonicalize_ids(&mut self) {
        use super::ids::canonical;
        let fix = |id: &mut String| *id = canonical(id);
        match self {
            OperationBody::CreateRound(round) => {
                fix(&mut round.round_id);
                round.participants.iter_mut().for_each(|p| fix(&mut p.id));
            }
            OperationBody::SaveFinding(input) => {
                fix(&mut input.finding_id);
                fix(&mut input.round_id);
            }
            OperationBody::FinishRound(finish) => {
                fix(&mut finish.round_id);
                finish.signed_by.iter_mut().for_each(fix);
            }
        }
    }

    /// Parses the JSON `data` of an operation of `kind`, or says why it is malformed.
    pub fn parse(kind: OperationKind, data: &str) -> Result<OperationBody, String> {
        let parsed = match kind {
            OperationKind::CreateRound => {
                serde_json::from_str(data).map(OperationBody::CreateRound)
            }
            OperationKind::SaveFinding => {
                serde_json::from_str(data).map(OperationBody::SaveFinding)
            }
            OperationKind::FinishRound => {
                serde_json::from_str(data).map(OperationBody::FinishRound)
            }
            OperationKind::Unknown => return Err("unknown operation kind".to_owned()),
        };
        parsed.map_err(|error| error.to_string())
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
    /// The newest sequence of the finding the device saw from the server
    /// ([`FindingRecord::seen_seq`](super::records::FindingRecord::seen_seq), 0 if
    /// never). A text another device changed after it is kept as a conflict
    /// copy; an answer another device set after it is decided by
    /// [`merge_answer`](super::answers::merge_answer): an avvik wins over
    /// OK or "ikke relevant", otherwise the stored answer stays, and the
    /// losing answer is kept as a conflict copy.
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
    /// Why it was rejected, for programs.
    pub code: Option<RejectionCode>,
}

/// Why the server refused an operation (for programs; `error` says it for people).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectionCode {
    /// The person has no role that allows it in that unit.
    Forbidden,
    /// The round (or unit) it names does not exist on the server.
    NotFound,
    /// The data breaks a rule (a missing text, a room of another area, a
    /// value the database cannot store).
    Invalid,
    /// The operation could not be read (unknown kind, wrong field types).
    Malformed,
    /// The round was finished before the operation arrived.
    RoundFinished,
    /// A record with that id exists already.
    Exists,
    /// The operation carries more than one operation may (participants,
    /// signatures, text lengths, conflict copies).
    TooLarge,
    /// A code from a newer server.
    #[serde(other)]
    Other,
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
    /// The key of what the puller may see ([`super::scope::scope_key`]):
    /// sent back as `scope` with the next pull, which starts over when it
    /// no longer matches.
    #[serde(default)]
    pub scope: String,
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
