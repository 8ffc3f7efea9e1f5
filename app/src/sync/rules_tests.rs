use super::*;
use crate::sync::protocol::{FinishRound, OperationBody};

fn finding(answer: Answer, observation: &str, risk: Option<(u8, u8)>) -> FindingInput {
    FindingInput {
        finding_id: "f".into(),
        round_id: "r".into(),
        room_id: None,
        item_id: "i".into(),
        answer,
        observation: observation.into(),
        probability: risk.map(|r| r.0),
        consequence: risk.map(|r| r.1),
        suggested_measure: String::new(),
        base_seq: 0,
    }
}

fn entry(local_seq: u64, kind: &str, entity: &str) -> OutboxEntry {
    let body = match kind {
        "save_finding" => OperationBody::SaveFinding(finding(Answer::Ok, "", None)),
        _ => OperationBody::FinishRound(FinishRound {
            round_id: "r".into(),
            signed_by: vec![],
        }),
    };
    OutboxEntry {
        local_seq,
        op: Operation::new(format!("op{local_seq}"), &body),
        entity_key: entity.into(),
        rejected: None,
        user_id: None,
    }
}

#[test]
fn an_avvik_needs_what_was_seen_and_its_risk() {
    assert_eq!(check_finding(&finding(Answer::Ok, "", None)), Ok(()));
    assert_eq!(
        check_finding(&finding(Answer::Avvik, "  ", Some((2, 3)))),
        Err(FindingProblem::ObservationMissing)
    );
    assert_eq!(
        check_finding(&finding(Answer::Avvik, "Løs kabel", Some((0, 3)))),
        Err(FindingProblem::RiskMissing)
    );
    assert_eq!(
        check_finding(&finding(Answer::Avvik, "Løs kabel", Some((2, 6)))),
        Err(FindingProblem::RiskMissing)
    );
    assert_eq!(
        check_finding(&finding(Answer::Avvik, "Løs kabel", Some((2, 3)))),
        Ok(())
    );
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(
        check_finding(&finding(Answer::Ok, &long, None)),
        Err(FindingProblem::TextTooLong)
    );
}

#[test]
fn risk_levels_follow_the_matrix() {
    assert_eq!(RiskLevel::of(1, 4), RiskLevel::Low);
    assert_eq!(RiskLevel::of(1, 5), RiskLevel::Medium);
    assert_eq!(RiskLevel::of(3, 3), RiskLevel::Medium);
    assert_eq!(RiskLevel::of(2, 5), RiskLevel::High);
    assert_eq!(RiskLevel::of(5, 5), RiskLevel::High);
}

#[test]
fn the_batch_keeps_local_order_and_coalesces_saves_of_one_finding() {
    let entries = vec![
        entry(3, "save_finding", "finding:a"),
        entry(1, "finish_round", "round:r"),
        entry(2, "save_finding", "finding:a"),
        entry(4, "save_finding", "finding:b"),
        entry(5, "save_finding", "finding:a"),
    ];
    let batch = next_batch(&entries, 10);
    let ids: Vec<&str> = batch.operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(ids, ["op1", "op4", "op5"]);
    assert_eq!(batch.settles["op5"], vec![2, 3, 5]);
    assert_eq!(batch.settles["op4"], vec![4]);
}

#[test]
fn rejected_entries_never_hold_back_the_rest() {
    let mut entries = vec![
        entry(1, "finish_round", "round:r"),
        entry(2, "save_finding", "finding:a"),
    ];
    entries[0].rejected = Some("Ukjent runde".into());
    let batch = next_batch(&entries, 10);
    assert_eq!(batch.operations.len(), 1);
    assert_eq!(batch.operations[0].id, "op2");
}

#[test]
fn the_batch_respects_its_limit() {
    let entries: Vec<_> = (1..=5)
        .map(|n| entry(n, "save_finding", &format!("finding:{n}")))
        .collect();
    let batch = next_batch(&entries, 2);
    assert_eq!(batch.operations.len(), 2);
    assert_eq!(batch.operations[1].id, "op2");
}

#[test]
fn failures_are_sorted_by_status() {
    assert_eq!(failure_kind(0), FailureKind::Retry);
    assert_eq!(failure_kind(503), FailureKind::Retry);
    assert_eq!(failure_kind(429), FailureKind::Retry);
    assert_eq!(failure_kind(401), FailureKind::LogIn);
    assert_eq!(failure_kind(400), FailureKind::Refused);
    assert_eq!(failure_kind(403), FailureKind::Refused);
    assert_eq!(failure_kind(409), FailureKind::Refused);
}

#[test]
fn backoff_doubles_up_to_five_minutes() {
    assert_eq!(backoff_ms(1, 0.0), 2_000);
    assert_eq!(backoff_ms(2, 0.0), 4_000);
    assert_eq!(backoff_ms(5, 0.0), 32_000);
    assert_eq!(backoff_ms(30, 0.0), 300_000);
    assert_eq!(backoff_ms(1, 1.0), 2_400);
    assert!(backoff_ms(0, 0.5) >= 2_000);
}

#[test]
fn only_unseen_text_from_another_device_conflicts() {
    assert!(is_text_conflict("Våt gulv", 10, "A", "Glatt gulv", 5, "B"));
    assert!(
        !is_text_conflict("Våt gulv", 10, "A", "Glatt gulv", 10, "B"),
        "seen"
    );
    assert!(
        !is_text_conflict("Våt gulv", 10, "A", "Glatt gulv", 5, "A"),
        "same device"
    );
    assert!(
        !is_text_conflict("Våt gulv", 10, "A", "Våt gulv", 5, "B"),
        "same text"
    );
    assert!(
        !is_text_conflict("", 10, "A", "Glatt gulv", 5, "B"),
        "nothing to lose"
    );
}

#[test]
fn unsent_local_changes_survive_a_pull() {
    let local = FindingRecord {
        id: "f".into(),
        round_id: "r".into(),
        room_id: None,
        item_id: "i".into(),
        answer: Answer::Avvik,
        observation: "lokal".into(),
        probability: Some(2),
        consequence: Some(2),
        suggested_measure: String::new(),
        text_seq: 3,
        answer_seq: 3,
        conflicts: vec![],
    };
    let mut pulled = local.clone();
    pulled.observation = "server".into();
    pulled.text_seq = 9;
    let kept = merge_pulled_finding(Some(&local), pulled.clone(), true);
    assert_eq!(kept.observation, "lokal");
    let taken = merge_pulled_finding(Some(&local), pulled, false);
    assert_eq!(taken.observation, "server");
    assert_eq!(taken.text_seq, 9);
}

#[test]
fn an_unseen_text_is_never_cleared_by_another_device() {
    assert!(is_stale_clear("Våt gulv", 10, "A", "", 5, "B"));
    assert!(
        !is_stale_clear("Våt gulv", 10, "A", "", 10, "B"),
        "seen, so cleared on purpose"
    );
    assert!(!is_stale_clear("Våt gulv", 10, "A", "", 5, "A"), "own text");
    assert!(!is_stale_clear("", 10, "A", "", 5, "B"));
}

#[test]
fn a_record_is_refused_when_its_newest_change_was() {
    let mut refused = entry(2, "save_finding", "finding:f");
    refused.rejected = Some("Runden finnes ikke.".into());
    let entries = vec![entry(1, "save_finding", "finding:f"), refused];
    assert_eq!(
        refusal_of(&entries, "finding:f"),
        Some("Runden finnes ikke.")
    );
    assert_eq!(refusal_of(&entries, "finding:g"), None);
}

#[test]
fn a_newer_change_after_a_refusal_is_no_refusal() {
    let mut refused = entry(1, "save_finding", "finding:f");
    refused.rejected = Some("Ugyldig.".into());
    let entries = vec![refused, entry(2, "save_finding", "finding:f")];
    assert_eq!(refusal_of(&entries, "finding:f"), None);
}
