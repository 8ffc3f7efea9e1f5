//! Whose session may send what is queued on a shared device. Each queued
//! change and photo remembers the person who was logged in when it was made;
//! it goes to the server only under that person's session, so nothing is
//! recorded as another person's work or refused for good because the next
//! person lacks a role.

/// Whether a session of `current` may send an item made by `owner`.
/// Untagged items (made before a person was known on the device) go with
/// whoever is logged in; with no known person nothing is sent.
pub fn may_send(owner: Option<&str>, current: Option<&str>) -> bool {
    match (owner, current) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(owner), Some(current)) => owner == current,
    }
}

/// Whether an item waits for another person to log in on this device.
pub fn held_for_other(owner: Option<&str>, current: Option<&str>) -> bool {
    matches!((owner, current), (Some(owner), Some(current)) if owner != current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_maker_sends_a_tagged_item() {
        assert!(may_send(Some("vera"), Some("vera")));
        assert!(!may_send(Some("vera"), Some("lars")));
        assert!(held_for_other(Some("vera"), Some("lars")));
        assert!(!held_for_other(Some("vera"), Some("vera")));
    }

    #[test]
    fn untagged_items_go_with_whoever_is_logged_in() {
        assert!(may_send(None, Some("lars")));
        assert!(!held_for_other(None, Some("lars")));
    }

    #[test]
    fn nothing_is_sent_while_nobody_is_known() {
        assert!(!may_send(Some("vera"), None));
        assert!(!may_send(None, None));
        // Nor is it counted as someone else's: it is simply waiting.
        assert!(!held_for_other(Some("vera"), None));
    }
}
