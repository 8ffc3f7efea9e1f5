//! Which units a user reaches with an action, listed as a tree.

use app::domain::access::{Action, UnitTree};
use app::domain::units::UnitView;
use app::domain::users::CurrentUser;

use crate::auth::access::allowed;
use crate::db::units::UnitRow;

/// The organisation tree of `rows`.
pub fn tree_of(rows: &[UnitRow]) -> UnitTree {
    UnitTree::new(
        rows.iter()
            .map(|row| (row.id.clone(), row.parent_id.clone())),
    )
}

/// The ids of `unit` and every unit below it (from `rows`).
pub fn units_within(rows: &[UnitRow], unit: &str) -> Vec<String> {
    let tree = tree_of(rows);
    rows.iter()
        .filter(|row| tree.is_within(&row.id, unit))
        .map(|row| row.id.clone())
        .collect()
}

/// The units (from `rows`) where `user` may do `action`, in tree order:
/// each unit followed by its children, siblings by name. Depth counts only
/// listed ancestors, so a list starts at depth 0.
pub fn units_in_scope(rows: &[UnitRow], user: &CurrentUser, action: Action) -> Vec<UnitView> {
    let tree = tree_of(rows);
    let included = |id: &str| allowed(user, action, &tree.chain(id));
    let mut listed = Vec::new();
    let roots = rows.iter().filter(|row| row.parent_id.is_none());
    for root in roots {
        walk(rows, root, 0, &included, &mut listed);
    }
    listed
}

fn walk(
    rows: &[UnitRow],
    unit: &UnitRow,
    depth: usize,
    included: &dyn Fn(&str) -> bool,
    listed: &mut Vec<UnitView>,
) {
    let is_in = included(&unit.id);
    if is_in {
        listed.push(UnitView {
            id: unit.id.clone(),
            parent_id: unit.parent_id.clone(),
            kind: unit.unit_kind(),
            name: unit.name.clone(),
            depth,
        });
    }
    let child_depth = if is_in { depth + 1 } else { depth };
    // `rows` is sorted by name, so children come out in name order.
    for child in rows
        .iter()
        .filter(|row| row.parent_id.as_deref() == Some(&unit.id))
    {
        walk(rows, child, child_depth, included, listed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::roles::Role;
    use app::domain::users::GrantView;

    fn row(id: &str, parent: Option<&str>, kind: &str) -> UnitRow {
        UnitRow {
            id: id.to_owned(),
            parent_id: parent.map(str::to_owned),
            kind: kind.to_owned(),
            name: id.to_owned(),
        }
    }

    #[test]
    fn a_leader_sees_their_unit_and_below_as_a_tree() {
        let rows = vec![
            row("a-skole", Some("oppvekst"), "enhet"),
            row("b-barnehage", Some("oppvekst"), "enhet"),
            row("kommune", None, "kommune"),
            row("oppvekst", Some("kommune"), "sektor"),
            row("sfo", Some("a-skole"), "avdeling"),
        ];
        let user = CurrentUser {
            id: "u".into(),
            username: "u".into(),
            display_name: "U".into(),
            grants: vec![GrantView {
                id: "g".into(),
                role: Role::Leder,
                unit_id: "a-skole".into(),
                unit_name: "A".into(),
            }],
        };
        let listed = units_in_scope(&rows, &user, Action::ViewUnit);
        let names: Vec<(&str, usize)> = listed.iter().map(|u| (u.name.as_str(), u.depth)).collect();
        assert_eq!(names, vec![("a-skole", 0), ("sfo", 1)]);
    }
}
