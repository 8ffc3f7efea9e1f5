//! What a device needs to start and walk a round offline: the areas and
//! rooms in the person's reach, the people to pick as participants, and the
//! current checklist.

use serde::{Deserialize, Serialize};

/// Everything a round needs, fetched while online and kept on the device.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReferenceData {
    /// The logged-in user's id.
    pub user_id: String,
    /// The logged-in user's name (the first participant of a new round).
    pub user_name: String,
    /// Units where the person may walk rounds.
    pub units: Vec<UnitRef>,
    /// Verneområder in those units, with their rooms.
    pub areas: Vec<AreaRef>,
    /// The current published vernerunde checklist.
    pub checklist: Option<ChecklistRef>,
}

/// A unit by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitRef {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A verneområde and its rooms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AreaRef {
    /// Id.
    pub id: String,
    /// The unit it belongs to.
    pub unit_id: String,
    /// Name.
    pub name: String,
    /// Rooms in it.
    pub rooms: Vec<RoomRef>,
}

/// A room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RoomRef {
    /// Id.
    pub id: String,
    /// Name, e.g. "Kjøkken".
    pub name: String,
    /// Floor, e.g. "U1".
    pub floor: String,
    /// The building it is in (empty in data kept before it was sent).
    #[serde(default)]
    pub building: String,
    /// The code on the room's QR poster: a phone offline can then name the
    /// room whose code was scanned (empty in data kept before it was sent).
    #[serde(default)]
    pub qr_token: String,
}

/// A checklist version with its sections and points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChecklistRef {
    /// Version id (rounds keep it).
    pub version_id: String,
    /// Template name.
    pub name: String,
    /// Version number.
    pub version: i64,
    /// Sections in order.
    pub sections: Vec<SectionRef>,
}

/// A section of a checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SectionRef {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Points in order.
    pub items: Vec<ItemRef>,
}

/// One checklist point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ItemRef {
    /// Id.
    pub id: String,
    /// The question.
    pub text: String,
    /// What to look for.
    pub guidance: String,
    /// Law or regulation reference.
    pub legal_ref: String,
}
