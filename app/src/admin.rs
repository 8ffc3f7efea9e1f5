//! Administration of users and roles (HMS-ansvarlig).

pub mod create_user;
pub mod forms;
pub mod grant_role;
pub mod overview;
pub mod page;
pub mod revoke_role;
pub mod user_table;

use serde::{Deserialize, Serialize};

use crate::domain::units::UnitView;
use crate::domain::users::UserSummary;

/// What the user administration page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    /// Users in the admin's scope, by name.
    pub users: Vec<UserSummary>,
    /// Units where the admin may grant roles, as a tree in display order.
    pub units: Vec<UnitView>,
}

/// A user to create.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// The person's name.
    pub display_name: String,
    /// Initial password.
    pub password: String,
}
