//! The start page: who you are, your roles, your units, and what to do next.

pub mod load;
pub mod page;

use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::domain::users::CurrentUser;

/// A verneområde (safety area) with the number of rooms in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaView {
    /// The area's id.
    pub id: String,
    /// The area's name.
    pub name: String,
    /// The unit the area belongs to.
    pub unit_name: String,
    /// Rooms in the area.
    pub room_count: i64,
}

/// Counts for the HMS-ansvarlig's overview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminStats {
    /// Users with at least one role in the admin's units (or none at all).
    pub users: i64,
    /// Units in the admin's scope.
    pub units: i64,
    /// Rooms in the admin's scope.
    pub rooms: i64,
    /// Published checklist templates.
    pub checklists: i64,
}

/// Everything the start page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartPageData {
    /// The logged-in user and their roles.
    pub user: CurrentUser,
    /// Units within the user's roles, as a tree in display order.
    pub units: Vec<UnitView>,
    /// Verneområder in the units where the user is (hoved)verneombud.
    pub areas: Vec<AreaView>,
    /// Present for an HMS-ansvarlig.
    pub admin: Option<AdminStats>,
}
