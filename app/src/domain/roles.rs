//! The roles a person can hold in an organisation unit.

use serde::{Deserialize, Serialize};

/// A role granted to a user in one organisation unit; it applies to the unit and every unit below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// HMS-ansvarlig: maintains the organisation, users, roles and checklists.
    HmsAdmin,
    /// Hovedverneombud: coordinates the verneombud of a larger area.
    Hovedverneombud,
    /// Verneombud: walks vernerunder and is informed of every avvik in the area.
    Verneombud,
    /// Leder: responsible for the units, follows up avvik and tiltak.
    Leder,
    /// AMU member: reads reports and statistics.
    AmuReader,
    /// Medarbeider: any employee; reports avvik.
    Medarbeider,
    /// Member of the unit's MKS group (miljø- og kvalitetssikringsgruppe,
    /// the employees' representatives): reads and comments on the unit's
    /// cases and tiltaksplan, never told who reported a case.
    Mks,
}

impl Role {
    /// Every role, most powerful first (the order used in lists).
    pub const ALL: [Role; 7] = [
        Role::HmsAdmin,
        Role::Hovedverneombud,
        Role::Verneombud,
        Role::Leder,
        Role::AmuReader,
        Role::Mks,
        Role::Medarbeider,
    ];

    /// The stable identifier stored in the database and used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::HmsAdmin => "hms_admin",
            Role::Hovedverneombud => "hovedverneombud",
            Role::Verneombud => "verneombud",
            Role::Leder => "leder",
            Role::AmuReader => "amu_reader",
            Role::Medarbeider => "medarbeider",
            Role::Mks => "mks",
        }
    }

    /// Parses the identifier written by [`Role::as_str`].
    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_identifier() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }
}
