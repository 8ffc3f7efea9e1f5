//! The places the HMS-ansvarlig manages: the organisation's units,
//! verneområder and buildings (`/admin/steder`), and rooms, one at a time or
//! many at once from a CSV file (`/admin/rom`).

pub mod change_load;
pub mod import;
pub mod load;
pub mod org_page;
pub mod place_forms;
pub mod room_import_form;
pub mod room_new_form;
pub mod room_row;
pub mod rooms_page;
pub mod structure;
pub mod unit_card;

use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::reports::PosterRoom;
use structure::BuildingView;

/// What the rooms page shows: the rooms the admin manages, the units where
/// they may add rooms, and the buildings rooms may move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomsAdmin {
    /// Active rooms by unit, building and name.
    pub rooms: Vec<AdminRoom>,
    /// Units where the admin manages the organisation, in tree order.
    pub units: Vec<UnitView>,
    /// Active buildings of those units, by name.
    pub buildings: Vec<BuildingView>,
}

/// A room in the admin's list, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRoom {
    /// The names shown.
    pub room: PosterRoom,
    /// The building it is in.
    pub building_id: String,
    /// The unit that uses it.
    pub unit_id: String,
}
