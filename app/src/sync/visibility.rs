//! What a shared phone shows, and keeps, for the person logged in on it.
//!
//! Rounds, findings and photos are stored per device, not per person. When
//! Vera logs out and a colleague logs in, nothing of units the colleague
//! has no round role in may be readable: the pages show only rounds of the
//! units in the reference data fetched for the person known on the device,
//! and records of other units are removed from the device, unless they
//! hold work not yet sent (which waits, unseen, for its own person).

use std::collections::HashSet;

use super::reference::ReferenceData;

/// The units whose rounds the device shows: those of the reference data
/// when it was fetched for `session_user`, the person known on the device;
/// none when nobody is known or the reference data is another person's.
pub fn visible_units<'a>(
    reference: Option<&'a ReferenceData>,
    session_user: Option<&str>,
) -> HashSet<&'a str> {
    match (reference, session_user) {
        (Some(reference), Some(user)) if reference.user_id == user => reference
            .units
            .iter()
            .map(|unit| unit.id.as_str())
            .collect(),
        _ => HashSet::new(),
    }
}

/// The rounds (id, unit) to remove from the device: those of units the
/// person now known may not see, except rounds with work still to send
/// (`unsent`), so that nothing recorded is lost.
pub fn rounds_to_drop<'a>(
    rounds: impl IntoIterator<Item = (&'a str, &'a str)>,
    visible: &HashSet<&str>,
    unsent: &HashSet<String>,
) -> HashSet<String> {
    rounds
        .into_iter()
        .filter(|(id, unit)| !visible.contains(unit) && !unsent.contains(*id))
        .map(|(id, _)| id.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::reference::UnitRef;

    fn reference(user: &str, units: &[&str]) -> ReferenceData {
        ReferenceData {
            user_id: user.to_owned(),
            units: units
                .iter()
                .map(|id| UnitRef {
                    id: (*id).to_owned(),
                    name: format!("Enhet {id}"),
                })
                .collect(),
            ..ReferenceData::default()
        }
    }

    #[test]
    fn the_person_known_sees_the_units_of_their_own_reference_data() {
        let vera = reference("vera", &["nordby", "sorby"]);
        let seen = visible_units(Some(&vera), Some("vera"));
        assert_eq!(seen, HashSet::from(["nordby", "sorby"]));
    }

    #[test]
    fn nobody_known_or_another_persons_reference_shows_nothing() {
        let vera = reference("vera", &["nordby"]);
        assert!(visible_units(Some(&vera), None).is_empty());
        // Mona logged in after Vera; her reference fetch was refused (no
        // round role), so Vera's reference data must not open Vera's units.
        assert!(visible_units(Some(&vera), Some("mona")).is_empty());
        assert!(visible_units(None, Some("vera")).is_empty());
    }

    #[test]
    fn rounds_of_hidden_units_go_unless_they_hold_unsent_work() {
        let visible = HashSet::from(["nordby"]);
        let unsent = HashSet::from(["r3".to_owned()]);
        let rounds = [("r1", "nordby"), ("r2", "sorby"), ("r3", "sorby")];
        let dropped = rounds_to_drop(rounds, &visible, &unsent);
        assert_eq!(dropped, HashSet::from(["r2".to_owned()]));
    }

    #[test]
    fn at_logout_everything_without_unsent_work_goes() {
        let rounds = [("r1", "nordby"), ("r2", "nordby")];
        let unsent = HashSet::from(["r2".to_owned()]);
        let dropped = rounds_to_drop(rounds, &HashSet::new(), &unsent);
        assert_eq!(dropped, HashSet::from(["r1".to_owned()]));
    }
}
