use super::*;
use crate::sync::protocol::{FindingInput, FinishRound, Operation, OperationBody};
use crate::sync::records::Answer;

fn save(seq: u64, round: &str, finding: &str, owner: Option<&str>) -> OutboxEntry {
    let body = OperationBody::SaveFinding(FindingInput {
        finding_id: finding.into(),
        round_id: round.into(),
        room_id: None,
        item_id: "i".into(),
        answer: Answer::Ok,
        observation: String::new(),
        probability: None,
        consequence: None,
        suggested_measure: String::new(),
        base_seq: 0,
    });
    entry(seq, &body, format!("finding:{finding}"), owner)
}

fn finish(seq: u64, round: &str, owner: Option<&str>) -> OutboxEntry {
    let body = OperationBody::FinishRound(FinishRound {
        round_id: round.into(),
        signed_by: vec![],
    });
    entry(seq, &body, format!("round:{round}"), owner)
}

fn entry(seq: u64, body: &OperationBody, key: String, owner: Option<&str>) -> OutboxEntry {
    OutboxEntry {
        local_seq: seq,
        op: Operation::new(format!("op{seq}"), body),
        entity_key: key,
        rejected: None,
        user_id: owner.map(str::to_owned),
    }
}

fn seqs(entries: &[OutboxEntry]) -> Vec<u64> {
    entries.iter().map(|entry| entry.local_seq).collect()
}

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
    let entries = [save(1, "r", "f", Some("vera"))];
    assert!(sendable(&entries, None).is_empty());
    assert!(held_entries(&entries, None).is_empty());
}

#[test]
fn an_entry_waits_behind_another_persons_entry_of_the_same_round() {
    let entries = [
        finish(1, "r1", Some("vera")),
        save(2, "r1", "f1", Some("lars")),
        save(3, "r2", "f2", Some("lars")),
        finish(4, "r2", Some("lars")),
    ];
    assert_eq!(seqs(&sendable(&entries, Some("lars"))), vec![3, 4]);
    let held = held_entries(&entries, Some("lars"));
    assert_eq!(held, HashSet::from([1, 2]));
    // Under Vera's session her entry goes, and Lars's waits for him.
    assert_eq!(seqs(&sendable(&entries, Some("vera"))), vec![1]);
}

#[test]
fn rejected_entries_neither_send_nor_hold_others_back() {
    let mut refused = save(1, "r", "f", Some("vera"));
    refused.rejected = Some("nei".into());
    let entries = [refused, save(2, "r", "f", Some("lars"))];
    assert_eq!(seqs(&sendable(&entries, Some("lars"))), vec![2]);
    assert!(held_entries(&entries, Some("lars")).is_empty());
}
