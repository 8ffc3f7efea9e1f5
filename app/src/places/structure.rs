//! The organisation's places as the HMS-ansvarlig changes them: units,
//! verneområder, buildings and rooms. Every change is one [`PlaceChange`]
//! on one [`PlaceKind`], so the rules (who may, what must stay true) live
//! in one place on the server.

use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;

/// What kind of place a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// An org unit (kommune, sektor, enhet, avdeling).
    Unit,
    /// A verneområde.
    Area,
    /// A building.
    Building,
    /// A room.
    Room,
}

impl PlaceKind {
    /// The name forms and server functions use (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Unit => "unit",
            PlaceKind::Area => "area",
            PlaceKind::Building => "building",
            PlaceKind::Room => "room",
        }
    }

    /// The entity kind its history entries are filed under.
    pub fn history_kind(self) -> &'static str {
        match self {
            PlaceKind::Unit => "org_unit",
            PlaceKind::Area => "verneomrade",
            PlaceKind::Building => "building",
            PlaceKind::Room => "room",
        }
    }
}

/// One change to a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceChange {
    /// A new name, and the building's address or the room's floor (`detail`;
    /// ignored for units and areas).
    Rename {
        /// The new name.
        name: String,
        /// The new address or floor; `None` keeps the one it has.
        detail: Option<String>,
    },
    /// A unit under a new parent unit, or an area or building under a new unit.
    Move {
        /// The new parent unit.
        to_unit: String,
    },
    /// A room into another building and unit.
    MoveRoom {
        /// The building it is in now.
        building_id: String,
        /// The unit that uses it now.
        unit_id: String,
    },
    /// The verneombud who covers an area (`None`: nobody yet).
    SetVerneombud {
        /// The person.
        user_id: Option<String>,
    },
    /// Out of use; kept with its history. A unit or building must be empty first.
    Retire,
}

/// A building's address or a room's floor as a rename form sends it: `None`
/// when the field was not sent at all (it stays as it is), `Some("")` when
/// it was sent empty (it is cleared). A plain `Option<String>` cannot tell
/// the two apart in a form body, where an empty value also reads as `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SentDetail(pub Option<String>);

impl<'de> Deserialize<'de> for SentDetail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|detail| SentDetail(Some(detail)))
    }
}

/// A place to create below a unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlace {
    /// A child unit, an area, a building or a room.
    pub kind: PlaceKind,
    /// The unit it is created in (the parent, for a unit; the unit that
    /// uses it, for a room).
    pub unit_id: String,
    /// Its name.
    pub name: String,
    /// A building's address or a room's floor (ignored otherwise).
    pub detail: String,
    /// A room's building: the unit's own or one of the units above it
    /// (ignored otherwise).
    pub building_id: Option<String>,
    /// An area's verneombud (ignored otherwise).
    pub verneombud_id: Option<String>,
}

/// A verneområde in the organisation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaView {
    /// Area id.
    pub id: String,
    /// The unit it belongs to.
    pub unit_id: String,
    /// Its name.
    pub name: String,
    /// The verneombud who covers it, if chosen.
    pub verneombud_id: Option<String>,
    /// That person's name.
    pub verneombud_name: Option<String>,
}

/// A building in the organisation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingView {
    /// Building id.
    pub id: String,
    /// The unit that owns it.
    pub unit_id: String,
    /// Its name.
    pub name: String,
    /// Street address, possibly empty.
    pub address: String,
    /// Active rooms in it.
    pub room_count: i64,
}

/// A person who may be chosen as an area's verneombud.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOption {
    /// User id.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// What the organisation page shows: the admin's part of the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgAdmin {
    /// Units the admin manages, in tree order.
    pub units: Vec<UnitView>,
    /// Their active verneområder.
    pub areas: Vec<AreaView>,
    /// Their active buildings.
    pub buildings: Vec<BuildingView>,
    /// People with a verneombud role in those units.
    pub verneombud: Vec<PersonOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_name_a_kind_as_serde_reads_it() {
        for kind in [
            PlaceKind::Unit,
            PlaceKind::Area,
            PlaceKind::Building,
            PlaceKind::Room,
        ] {
            let read: PlaceKind =
                serde_json::from_value(serde_json::json!(kind.as_str())).expect("a known kind");
            assert_eq!(read, kind);
        }
    }
}
