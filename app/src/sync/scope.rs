//! What a device may see, as one short key, so that its pull cursor can be
//! reset when that changes.
//!
//! A cursor says "every change up to here has arrived", but only for what
//! the puller could see when it got there. After a role is granted, a role
//! revoked or another person logs in on the phone, older changes of units
//! that are now visible never arrive if the cursor just goes on. So every
//! pull answer carries the key of what its person may see; the device keeps
//! it beside the cursor and sends it back, and when the keys differ the
//! server starts the pull from the beginning.

/// The key of what `user_id` may see in `unit_ids` (in any order). A 64-bit
/// FNV-1a hash in hex: stable across releases and platforms, short on the
/// wire, and not a secret (it says nothing the person does not know).
pub fn scope_key(user_id: &str, unit_ids: &[String]) -> String {
    let mut ids: Vec<&str> = unit_ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in std::iter::once(user_id).chain(ids) {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Where a pull starts: at `since` when the device's key (if it sent one)
/// is still the current one, otherwise from the beginning. A device that
/// sends no key (before its first answer) keeps its cursor.
pub fn pull_start(since: i64, sent_key: Option<&str>, current_key: &str) -> i64 {
    match sent_key {
        Some(key) if key != current_key => 0,
        _ => since,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| (*id).to_owned()).collect()
    }

    #[test]
    fn the_key_follows_the_person_and_the_set_of_units_not_their_order() {
        let key = scope_key("vera", &ids(&["b", "a"]));
        assert_eq!(key, scope_key("vera", &ids(&["a", "b", "a"])));
        assert_eq!(key.len(), 16);
        assert_ne!(key, scope_key("lars", &ids(&["a", "b"])), "another person");
        assert_ne!(key, scope_key("vera", &ids(&["a"])), "a role revoked");
        assert_ne!(
            key,
            scope_key("vera", &ids(&["a", "b", "c"])),
            "a role granted"
        );
        assert_ne!(scope_key("ab", &ids(&["c"])), scope_key("a", &ids(&["bc"])));
    }

    #[test]
    fn a_changed_key_starts_the_pull_over() {
        assert_eq!(pull_start(40, Some("k1"), "k1"), 40);
        assert_eq!(pull_start(40, Some("k0"), "k1"), 0);
        assert_eq!(pull_start(40, None, "k1"), 40);
    }
}
