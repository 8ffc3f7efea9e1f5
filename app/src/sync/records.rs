//! The synced records as both sides store them.

use serde::{Deserialize, Serialize};

/// OK, avvik or not relevant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// In order.
    Ok,
    /// Something is wrong.
    Avvik,
    /// Does not apply here.
    IkkeRelevant,
}

impl Answer {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Ok => "ok",
            Answer::Avvik => "avvik",
            Answer::IkkeRelevant => "ikke_relevant",
        }
    }

    /// Parses a stored name.
    pub fn parse(value: &str) -> Option<Answer> {
        [Answer::Ok, Answer::Avvik, Answer::IkkeRelevant]
            .into_iter()
            .find(|answer| answer.as_str() == value)
    }
}

/// Where a round stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    /// Planned, not started.
    Planned,
    /// Being walked.
    Ongoing,
    /// Signed off; read-only.
    Finished,
}

impl RoundStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Planned => "planned",
            RoundStatus::Ongoing => "ongoing",
            RoundStatus::Finished => "finished",
        }
    }

    /// Parses a stored name.
    pub fn parse(value: &str) -> Option<RoundStatus> {
        [
            RoundStatus::Planned,
            RoundStatus::Ongoing,
            RoundStatus::Finished,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }
}

/// Someone who walks a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Participant {
    /// Client-generated id.
    pub id: String,
    /// The Vern user, if they have one.
    pub user_id: Option<String>,
    /// Their name as shown.
    pub name: String,
    /// E.g. "Verneombud", "Leder".
    pub role_label: String,
    /// Whether they signed the finished round.
    #[serde(default)]
    pub signed: bool,
}

/// A round as stored on a device and as pulled from the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoundRecord {
    /// The round's id.
    pub id: String,
    /// Its unit.
    pub unit_id: String,
    /// The verneområde walked.
    pub verneomrade_id: Option<String>,
    /// The checklist version it keeps.
    pub checklist_version_id: String,
    /// Title.
    pub title: String,
    /// Date of the round, `YYYY-MM-DD`.
    pub date: String,
    /// Where it stands.
    pub status: RoundStatus,
    /// Who walks it.
    pub participants: Vec<Participant>,
    /// When it was finished (epoch ms).
    pub finished_at: Option<i64>,
}

/// A text another device wrote over a text it had not seen: kept beside the
/// finding's text for a person to resolve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConflictCopy {
    /// Id of the copy.
    pub id: String,
    /// Which field (`observation`, `suggested_measure` or `answer`).
    pub field: String,
    /// The other version of the text (for `answer`, the other answer's stored name).
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// When the server received it (epoch ms).
    pub at: i64,
}

/// One answered checklist point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FindingRecord {
    /// The finding's id.
    pub id: String,
    /// Its round.
    pub round_id: String,
    /// The room, `None` for "general".
    pub room_id: Option<String>,
    /// The checklist point.
    pub item_id: String,
    /// The answer.
    pub answer: Answer,
    /// What was seen.
    pub observation: String,
    /// Sannsynlighet 1–5.
    pub probability: Option<u8>,
    /// Konsekvens 1–5.
    pub consequence: Option<u8>,
    /// Suggested tiltak.
    pub suggested_measure: String,
    /// The change sequence of the texts as the server has them.
    pub text_seq: i64,
    /// The change sequence at which the server's answer was set.
    #[serde(default)]
    pub answer_seq: i64,
    /// Conflict copies of its texts and answer.
    #[serde(default)]
    pub conflicts: Vec<ConflictCopy>,
}

impl FindingRecord {
    /// The newest change of this finding the holder has seen: what a save
    /// made from it sends as its `base_seq`.
    pub fn seen_seq(&self) -> i64 {
        self.text_seq.max(self.answer_seq)
    }
}

/// A photo the server has stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhotoRecord {
    /// The photo's id (chosen by the device).
    pub id: String,
    /// The finding it belongs to.
    pub finding_id: String,
    /// Hex SHA-256 of the uploaded bytes.
    pub sha256: String,
    /// Size of the stored JPEG.
    pub byte_size: i64,
    /// Pixel width.
    pub width: i64,
    /// Pixel height.
    pub height: i64,
}
