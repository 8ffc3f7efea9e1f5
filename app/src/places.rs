//! The places the HMS-ansvarlig manages: buildings and rooms, one at a time
//! or many at once from a CSV file (`/admin/rom`).

pub mod import;
pub mod load;
pub mod room_import_form;
pub mod room_row;
pub mod rooms_page;

use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::reports::PosterRoom;

/// What the rooms page shows: the rooms the admin manages and the units
/// where they may add rooms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomsAdmin {
    /// Active rooms by unit, building and name.
    pub rooms: Vec<PosterRoom>,
    /// Units where the admin manages the organisation, in tree order.
    pub units: Vec<UnitView>,
}

/// A change to one room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomChange {
    /// A new name and floor.
    Rename {
        /// The name.
        name: String,
        /// The floor.
        floor: String,
    },
    /// Out of use: its rounds and reports stay, its code stops working.
    Retire,
}
