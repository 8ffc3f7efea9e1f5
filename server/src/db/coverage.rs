//! Which verneområder a verneombud covers (AML § 6-2), as SQL pieces for
//! the queries that let them read the cases there. An area counts while it
//! is active and the person still holds a verneombud or hovedverneombud
//! role: the area keeps the person when the role ends (for its history),
//! but not their access.

/// Areas `v` covered by `person` (a placeholder such as `$2`).
fn covered_areas(person: &str) -> String {
    format!(
        "v.verneombud_id = {person} AND v.archived_at IS NULL
         AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = v.verneombud_id
                     AND g.revoked_at IS NULL AND g.role IN ('verneombud', 'hovedverneombud'))"
    )
}

/// A subquery of the ids of the rooms in the areas `person` covers.
pub fn covered_rooms(person: &str) -> String {
    format!(
        "SELECT r.id FROM rooms r JOIN verneomrader v ON v.id = r.verneomrade_id WHERE {}",
        covered_areas(person)
    )
}

/// A query counting the areas `$1` covers.
pub fn count_covered_areas() -> String {
    format!(
        "SELECT COUNT(*) FROM verneomrader v WHERE {}",
        covered_areas("$1")
    )
}

/// A subquery of the verneombud who cover the area room `room` lies in
/// (none, or one).
pub fn verneombud_of_room(room: &str) -> String {
    format!(
        "SELECT v.verneombud_id FROM rooms r JOIN verneomrader v ON v.id = r.verneomrade_id
         WHERE r.id = {room} AND {}",
        covered_areas("v.verneombud_id")
    )
}
