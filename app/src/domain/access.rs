//! Authorization rules: may a user do an action on a unit?
//!
//! A role granted in a unit applies to that unit and to every unit below it,
//! never to a parent or a sibling. The server loads the target unit's chain of
//! ancestors and the user's grants, and asks [`may`].

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::roles::Role;

/// Something a user can try to do in a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// See the unit, its rooms and its verneområder.
    ViewUnit,
    /// Report an avvik in the unit.
    ReportAvvik,
    /// Start and walk a vernerunde in the unit.
    WalkRound,
    /// Read round reports, all avvik and the tiltaksplan of the unit.
    ReadReports,
    /// Assign, move along the workflow and close avvik and tiltak.
    FollowUpAvvik,
    /// Comment on the unit's avvik (the verneombud too, who cannot close them).
    CommentAvvik,
    /// Learn who reported a case (the MKS group handles cases without it).
    SeeReporter,
    /// Create users and grant or revoke roles in the unit.
    ManageUsers,
    /// Change the organisation tree, rooms and checklists.
    ManageOrganisation,
    /// Mark the unit's yearly-plan activities done.
    KeepAnnualPlan,
}

/// Whether holding `role` permits `action` (in the unit where it is held and below).
pub fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::HmsAdmin => true,
        Role::Leder => matches!(
            action,
            ViewUnit
                | ReportAvvik
                | WalkRound
                | ReadReports
                | FollowUpAvvik
                | CommentAvvik
                | SeeReporter
                | KeepAnnualPlan
        ),
        Role::Verneombud | Role::Hovedverneombud => matches!(
            action,
            ViewUnit | ReportAvvik | WalkRound | ReadReports | CommentAvvik | SeeReporter
        ),
        Role::AmuReader => matches!(action, ViewUnit | ReadReports | SeeReporter),
        Role::Mks => matches!(action, ViewUnit | ReportAvvik | ReadReports | CommentAvvik),
        Role::Medarbeider => matches!(action, ViewUnit | ReportAvvik),
    }
}

/// One grant as the rule needs it: a role in a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant<'a> {
    /// The unit where the role was granted.
    pub unit_id: &'a str,
    /// The role.
    pub role: Role,
}

/// Whether a user with `grants` may do `action` on the unit whose chain of
/// ancestors (the unit itself first, the root last) is `target_chain`.
pub fn may(grants: &[Grant<'_>], target_chain: &[String], action: Action) -> bool {
    grants.iter().any(|grant| {
        role_allows(grant.role, action) && target_chain.iter().any(|id| id == grant.unit_id)
    })
}

/// The organisation tree as a parent map, for walking up and down.
#[derive(Clone, Debug, Default)]
pub struct UnitTree {
    parents: HashMap<String, Option<String>>,
}

impl UnitTree {
    /// Builds the tree from `(unit id, parent id)` pairs.
    pub fn new<I>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (String, Option<String>)>,
    {
        UnitTree {
            parents: pairs.into_iter().collect(),
        }
    }

    /// The unit itself followed by its ancestors up to the root. Empty for an
    /// unknown unit; stops at a cycle instead of looping.
    pub fn chain(&self, unit_id: &str) -> Vec<String> {
        let mut chain = Vec::new();
        let mut current = Some(unit_id.to_owned());
        while let Some(id) = current {
            if chain.contains(&id) || !self.parents.contains_key(&id) {
                break;
            }
            current = self.parents.get(&id).cloned().flatten();
            chain.push(id);
        }
        chain
    }

    /// Whether `unit_id` is `ancestor_id` or lies below it.
    pub fn is_within(&self, unit_id: &str, ancestor_id: &str) -> bool {
        self.chain(unit_id).iter().any(|id| id == ancestor_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// kommune ─┬─ oppvekst ─┬─ skole ── sfo
    ///          │            └─ barnehage
    ///          └─ helse ──── sykehjem
    fn tree() -> UnitTree {
        let pair = |id: &str, parent: Option<&str>| (id.to_owned(), parent.map(str::to_owned));
        UnitTree::new([
            pair("kommune", None),
            pair("oppvekst", Some("kommune")),
            pair("skole", Some("oppvekst")),
            pair("sfo", Some("skole")),
            pair("barnehage", Some("oppvekst")),
            pair("helse", Some("kommune")),
            pair("sykehjem", Some("helse")),
        ])
    }

    fn allowed(unit: &str, role: Role, target: &str, action: Action) -> bool {
        let grants = [Grant {
            unit_id: unit,
            role,
        }];
        may(&grants, &tree().chain(target), action)
    }

    #[test]
    fn a_role_is_inherited_by_every_unit_below() {
        assert!(allowed(
            "oppvekst",
            Role::Leder,
            "oppvekst",
            Action::FollowUpAvvik
        ));
        assert!(allowed(
            "oppvekst",
            Role::Leder,
            "skole",
            Action::FollowUpAvvik
        ));
        assert!(allowed(
            "oppvekst",
            Role::Leder,
            "sfo",
            Action::FollowUpAvvik
        ));
        assert!(allowed(
            "kommune",
            Role::HmsAdmin,
            "sykehjem",
            Action::ManageUsers
        ));
    }

    #[test]
    fn a_role_gives_nothing_sideways_or_upwards() {
        assert!(!allowed(
            "skole",
            Role::Verneombud,
            "barnehage",
            Action::ViewUnit
        ));
        assert!(!allowed(
            "skole",
            Role::Verneombud,
            "oppvekst",
            Action::ViewUnit
        ));
        assert!(!allowed(
            "oppvekst",
            Role::HmsAdmin,
            "helse",
            Action::ViewUnit
        ));
        assert!(!allowed(
            "oppvekst",
            Role::HmsAdmin,
            "kommune",
            Action::ManageUsers
        ));
    }

    #[test]
    fn each_role_is_limited_to_its_own_actions() {
        assert!(allowed(
            "skole",
            Role::Verneombud,
            "skole",
            Action::WalkRound
        ));
        assert!(!allowed(
            "skole",
            Role::Verneombud,
            "skole",
            Action::FollowUpAvvik
        ));
        assert!(!allowed("skole", Role::Leder, "skole", Action::ManageUsers));
        assert!(allowed(
            "skole",
            Role::Medarbeider,
            "skole",
            Action::ReportAvvik
        ));
        assert!(!allowed(
            "skole",
            Role::Medarbeider,
            "skole",
            Action::ReadReports
        ));
        assert!(allowed(
            "kommune",
            Role::AmuReader,
            "sfo",
            Action::ReadReports
        ));
        assert!(!allowed(
            "kommune",
            Role::AmuReader,
            "sfo",
            Action::WalkRound
        ));
    }

    #[test]
    fn an_mks_member_reads_and_comments_but_neither_follows_up_nor_learns_the_reporter() {
        for action in [
            Action::ReadReports,
            Action::CommentAvvik,
            Action::ReportAvvik,
        ] {
            assert!(allowed("skole", Role::Mks, "skole", action), "{action:?}");
        }
        for action in [
            Action::FollowUpAvvik,
            Action::SeeReporter,
            Action::WalkRound,
            Action::ManageUsers,
        ] {
            assert!(!allowed("skole", Role::Mks, "skole", action), "{action:?}");
        }
        assert!(
            !allowed("sfo", Role::Mks, "skole", Action::ReadReports),
            "not a parent"
        );
        assert!(allowed("skole", Role::Leder, "skole", Action::SeeReporter));
    }

    #[test]
    fn no_grants_or_unknown_units_give_no_access() {
        assert!(!may(&[], &tree().chain("skole"), Action::ViewUnit));
        assert!(tree().chain("nowhere").is_empty());
        let grants = [Grant {
            unit_id: "kommune",
            role: Role::HmsAdmin,
        }];
        assert!(!may(&grants, &tree().chain("nowhere"), Action::ViewUnit));
    }

    #[test]
    fn a_cycle_in_bad_data_does_not_loop() {
        let looped = UnitTree::new([
            ("a".to_owned(), Some("b".to_owned())),
            ("b".to_owned(), Some("a".to_owned())),
        ]);
        assert_eq!(looped.chain("a"), vec!["a".to_owned(), "b".to_owned()]);
        assert!(tree().is_within("sfo", "oppvekst"));
        assert!(!tree().is_within("oppvekst", "sfo"));
    }
}
