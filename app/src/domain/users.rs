//! Users and their role grants, as the UI and the API see them.

use serde::{Deserialize, Serialize};

use super::roles::Role;

/// One role held by a user in one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantView {
    /// The grant's id (used to revoke it).
    pub id: String,
    /// The role.
    pub role: Role,
    /// The unit where the role was granted.
    pub unit_id: String,
    /// The unit's name.
    pub unit_name: String,
}

/// The logged-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The user's id.
    pub id: String,
    /// The login name.
    pub username: String,
    /// The name shown to people.
    pub display_name: String,
    /// The user's active role grants.
    pub grants: Vec<GrantView>,
}

impl CurrentUser {
    /// Whether the user holds `role` in any unit.
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|grant| grant.role == role)
    }
}

/// A user as listed on the admin page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// The user's id.
    pub id: String,
    /// The login name.
    pub username: String,
    /// The name shown to people.
    pub display_name: String,
    /// Active role grants.
    pub grants: Vec<GrantView>,
}

/// Rules for login names and passwords, checked on both sides.
pub mod rules {
    /// Shortest password accepted for a new account.
    pub const MIN_PASSWORD_LEN: usize = 10;

    /// A login name: 3–64 characters of lowercase letters, digits, `.`, `-`, `_` or `@`.
    pub fn is_valid_username(username: &str) -> bool {
        (3..=64).contains(&username.chars().count())
            && username.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_' | '@')
            })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn usernames_are_short_lowercase_and_plain() {
            assert!(is_valid_username("vera.vo"));
            assert!(is_valid_username("ola@kommune.no"));
            assert!(!is_valid_username("Vera"));
            assert!(!is_valid_username("ab"));
            assert!(!is_valid_username("with space"));
            assert!(!is_valid_username(&"x".repeat(65)));
        }
    }
}
