//! Whose session may send what is queued on a shared device. Each queued
//! change and photo remembers the person who was logged in when it was made;
//! it goes to the server only under that person's session, so nothing is
//! recorded as another person's work or refused for good because the next
//! person lacks a role.

use std::collections::HashSet;

use super::rules::OutboxEntry;

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

/// The round an outbox entry changes.
pub fn round_of(entry: &OutboxEntry) -> Option<&str> {
    entry
        .entity_key
        .strip_prefix("round:")
        .or_else(|| entry.op.round_id())
}

/// The pending (not rejected) entries a session of `current` may send now,
/// in local order. An entry waits when another person made it, and also
/// when an earlier entry of the same round waits: a round's changes reach
/// the server in the order they were made, so an answer never arrives
/// before its round, nor an older save after a newer one.
pub fn sendable(entries: &[OutboxEntry], current: Option<&str>) -> Vec<OutboxEntry> {
    let mut pending: Vec<&OutboxEntry> = entries.iter().filter(|e| e.rejected.is_none()).collect();
    pending.sort_by_key(|entry| entry.local_seq);
    let mut waiting_rounds: HashSet<&str> = HashSet::new();
    let mut ready = Vec::new();
    for entry in pending {
        let round = round_of(entry).unwrap_or(&entry.entity_key);
        if !may_send(entry.user_id.as_deref(), current) || waiting_rounds.contains(round) {
            waiting_rounds.insert(round);
        } else {
            ready.push(entry.clone());
        }
    }
    ready
}

/// The local sequence numbers of pending entries that wait for another
/// person's session (none while nobody is known: then everything simply waits).
pub fn held_entries(entries: &[OutboxEntry], current: Option<&str>) -> HashSet<u64> {
    if current.is_none() {
        return HashSet::new();
    }
    let ready: HashSet<u64> = sendable(entries, current)
        .iter()
        .map(|entry| entry.local_seq)
        .collect();
    entries
        .iter()
        .filter(|entry| entry.rejected.is_none() && !ready.contains(&entry.local_seq))
        .map(|entry| entry.local_seq)
        .collect()
}

#[cfg(test)]
#[path = "ownership_tests.rs"]
mod tests;
