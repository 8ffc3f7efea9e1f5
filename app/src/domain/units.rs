//! The organisation tree: kommune or company → sektor → enhet → avdeling.

use serde::{Deserialize, Serialize};

/// The level of an organisation unit in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The municipality or company at the root.
    Kommune,
    /// A sector (e.g. oppvekst, helse).
    Sektor,
    /// A unit (a school, a nursing home).
    Enhet,
    /// A department inside a unit.
    Avdeling,
}

impl UnitKind {
    /// The stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Kommune => "kommune",
            UnitKind::Sektor => "sektor",
            UnitKind::Enhet => "enhet",
            UnitKind::Avdeling => "avdeling",
        }
    }

    /// Parses the identifier written by [`UnitKind::as_str`].
    pub fn parse(value: &str) -> Option<UnitKind> {
        [
            UnitKind::Kommune,
            UnitKind::Sektor,
            UnitKind::Enhet,
            UnitKind::Avdeling,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == value)
    }

    /// Whether a unit of this kind may sit directly below a unit of kind `parent`
    /// (`None`: at the root).
    pub fn may_sit_below(self, parent: Option<UnitKind>) -> bool {
        matches!(
            (parent, self),
            (None, UnitKind::Kommune)
                | (Some(UnitKind::Kommune), UnitKind::Sektor)
                | (Some(UnitKind::Sektor), UnitKind::Enhet)
                | (Some(UnitKind::Enhet), UnitKind::Avdeling)
        )
    }
}

/// One organisation unit as shown in lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitView {
    /// The unit's id.
    pub id: String,
    /// The parent unit's id; `None` at the root.
    pub parent_id: Option<String>,
    /// The unit's level.
    pub kind: UnitKind,
    /// The unit's name.
    pub name: String,
    /// Depth below the root of the list it appears in (for indentation).
    pub depth: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_has_four_levels_in_order() {
        assert!(UnitKind::Kommune.may_sit_below(None));
        assert!(UnitKind::Sektor.may_sit_below(Some(UnitKind::Kommune)));
        assert!(UnitKind::Enhet.may_sit_below(Some(UnitKind::Sektor)));
        assert!(UnitKind::Avdeling.may_sit_below(Some(UnitKind::Enhet)));
        assert!(!UnitKind::Avdeling.may_sit_below(Some(UnitKind::Kommune)));
        assert!(!UnitKind::Sektor.may_sit_below(None));
        assert_eq!(UnitKind::parse("enhet"), Some(UnitKind::Enhet));
        assert_eq!(UnitKind::parse("team"), None);
    }
}
