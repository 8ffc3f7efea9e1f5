//! Counting a round's progress: points answered per room and section, and
//! avvik by risk level.

use std::collections::HashMap;

use crate::sync::records::{Answer, FindingRecord};
use crate::sync::reference::{ChecklistRef, SectionRef};
use crate::sync::rules::RiskLevel;

/// The finding for each (room, point) of a round; the latest id wins when
/// two devices answered the same point.
pub fn by_point(findings: &[FindingRecord]) -> HashMap<(Option<String>, String), FindingRecord> {
    let mut map = HashMap::new();
    for finding in findings {
        let key = (finding.room_id.clone(), finding.item_id.clone());
        let newer = map
            .get(&key)
            .is_none_or(|known: &FindingRecord| known.id < finding.id);
        if newer {
            map.insert(key, finding.clone());
        }
    }
    map
}

/// Points answered in one room (or in general) out of all points.
pub fn room_progress(
    checklist: &ChecklistRef,
    findings: &[FindingRecord],
    room: Option<&str>,
) -> (usize, usize) {
    let total = checklist.sections.iter().map(|s| s.items.len()).sum();
    let answered = checklist
        .sections
        .iter()
        .map(|section| section_progress(section, findings, room).0)
        .sum();
    (answered, total)
}

/// Points answered in one section for one room.
pub fn section_progress(
    section: &SectionRef,
    findings: &[FindingRecord],
    room: Option<&str>,
) -> (usize, usize) {
    let answered = section
        .items
        .iter()
        .filter(|item| {
            findings
                .iter()
                .any(|f| f.item_id == item.id && f.room_id.as_deref() == room)
        })
        .count();
    (answered, section.items.len())
}

/// A finished round's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Points answered (all rooms).
    pub answered: usize,
    /// Answered OK.
    pub ok: usize,
    /// Answered not relevant.
    pub not_relevant: usize,
    /// Avvik by level: high, medium, low.
    pub avvik: [usize; 3],
}

/// Counts answers and avvik by risk level.
pub fn summarize(findings: &[FindingRecord]) -> Summary {
    let mut summary = Summary::default();
    for finding in by_point(findings).values() {
        summary.answered += 1;
        match finding.answer {
            Answer::Ok => summary.ok += 1,
            Answer::IkkeRelevant => summary.not_relevant += 1,
            Answer::Avvik => {
                let level = RiskLevel::of(
                    finding.probability.unwrap_or(1),
                    finding.consequence.unwrap_or(1),
                );
                let slot = match level {
                    RiskLevel::High => 0,
                    RiskLevel::Medium => 1,
                    RiskLevel::Low => 2,
                };
                summary.avvik[slot] += 1;
            }
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::reference::ItemRef;

    fn finding(
        id: &str,
        room: Option<&str>,
        item: &str,
        answer: Answer,
        risk: (u8, u8),
    ) -> FindingRecord {
        FindingRecord {
            id: id.into(),
            round_id: "r".into(),
            room_id: room.map(Into::into),
            item_id: item.into(),
            answer,
            observation: String::new(),
            probability: Some(risk.0),
            consequence: Some(risk.1),
            suggested_measure: String::new(),
            text_seq: 0,
            answer_seq: 0,
            conflicts: vec![],
        }
    }

    fn checklist() -> ChecklistRef {
        let item = |id: &str| ItemRef {
            id: id.into(),
            text: id.into(),
            guidance: String::new(),
            legal_ref: String::new(),
        };
        ChecklistRef {
            version_id: "v".into(),
            name: "Vernerunde".into(),
            version: 1,
            sections: vec![
                SectionRef {
                    id: "s1".into(),
                    title: "A".into(),
                    items: vec![item("a"), item("b")],
                },
                SectionRef {
                    id: "s2".into(),
                    title: "B".into(),
                    items: vec![item("c")],
                },
            ],
        }
    }

    #[test]
    fn progress_counts_answered_points_per_room_and_section() {
        let findings = vec![
            finding("1", Some("kitchen"), "a", Answer::Ok, (1, 1)),
            finding("2", Some("kitchen"), "c", Answer::Ok, (1, 1)),
            finding("3", None, "b", Answer::Ok, (1, 1)),
        ];
        let list = checklist();
        assert_eq!(room_progress(&list, &findings, Some("kitchen")), (2, 3));
        assert_eq!(room_progress(&list, &findings, None), (1, 3));
        assert_eq!(
            section_progress(&list.sections[0], &findings, Some("kitchen")),
            (1, 2)
        );
    }

    #[test]
    fn the_summary_counts_each_point_once_and_avvik_by_level() {
        let findings = vec![
            finding("1", None, "a", Answer::Avvik, (5, 4)),
            finding("2", None, "b", Answer::Avvik, (2, 3)),
            finding("3", Some("x"), "b", Answer::Avvik, (1, 2)),
            finding("4", None, "c", Answer::Ok, (1, 1)),
            finding("5", None, "c", Answer::IkkeRelevant, (1, 1)),
        ];
        let summary = summarize(&findings);
        assert_eq!(summary.answered, 4);
        assert_eq!(summary.avvik, [1, 1, 1]);
        assert_eq!(
            summary.not_relevant, 1,
            "the newer answer to point c counts"
        );
        assert_eq!(summary.ok, 0);
    }
}
