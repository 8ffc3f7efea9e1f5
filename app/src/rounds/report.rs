//! A round's report (`/runde/rapport?id=…`), as leaders file it in their
//! quality system and take it to AMU: who walked, every finding by room and
//! checklist section, the risk summary and the tiltaksplan from its avvik.
//! Read from the server (what reached it), for anyone who reads the
//! reports of the round's unit or walks its rounds.

use serde::{Deserialize, Serialize};

use crate::avvik::rating::{MatrixCount, Rating};
use crate::error::AppError;
use crate::sync::records::{Answer, Participant, RoundStatus};
use crate::sync::rules::RiskLevel;
use crate::tiltak::model::Tiltak;

/// Where the report page lives (`?id=` the round).
pub const REPORT_PATH: &str = "/runde/rapport";

/// Where the report downloads as a PDF (`?id=` the round).
pub const REPORT_PDF_PATH: &str = "/api/v1/rounds/report.pdf";

/// The whole report of one round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundReport {
    /// The round's id.
    pub id: String,
    /// The round's title as it was started.
    pub title: String,
    /// The unit the round belongs to.
    pub unit: String,
    /// The verneområde walked, if one was chosen.
    pub area: Option<String>,
    /// The day of the round, `YYYY-MM-DD`.
    pub date: String,
    /// Ongoing or finished (a report of an ongoing round shows what has
    /// reached the server so far).
    pub status: RoundStatus,
    /// When it was signed off, Norwegian time (`dd.mm.yyyy hh:mm`).
    pub finished_at: Option<String>,
    /// Who took part, and whether they signed.
    pub participants: Vec<Participant>,
    /// The findings by room, in the order the rooms were first visited.
    pub rooms: Vec<RoomFindings>,
    /// The measures from the round's avvik, by deadline.
    pub tiltak: Vec<Tiltak>,
}

/// The findings made in one room.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomFindings {
    /// The room's name (with its building); `None` for points answered for
    /// the area as a whole.
    pub room: Option<String>,
    /// The room's findings by checklist section, in checklist order.
    pub sections: Vec<SectionFindings>,
}

/// The findings under one checklist section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionFindings {
    /// The section's title.
    pub title: String,
    /// Its answered points, in checklist order.
    pub findings: Vec<ReportFinding>,
}

/// One answered checklist point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFinding {
    /// The finding's id.
    pub id: String,
    /// The checklist point's text.
    pub point: String,
    /// OK, avvik or not relevant.
    pub answer: Answer,
    /// What was seen.
    pub observation: String,
    /// The measure suggested on the round.
    pub suggested_measure: String,
    /// The risk, for a rated avvik.
    pub rating: Option<Rating>,
    /// Photo ids, oldest first.
    pub photos: Vec<String>,
    /// The case opened from it: (case id, case number).
    pub case: Option<(String, String)>,
}

/// A finding with where it was made, before grouping.
#[derive(Clone, Debug)]
pub struct PlacedFinding {
    /// The room's id (`None`: the area as a whole).
    pub room_id: Option<String>,
    /// The room's name as the report shows it.
    pub room: Option<String>,
    /// The section's position in the checklist.
    pub section_position: i64,
    /// The section's title.
    pub section: String,
    /// The point's position in its section.
    pub point_position: i64,
    /// Where it lies in the order the server took the findings in (none
    /// sorts first), for the rooms' order.
    pub first_seq: Option<i64>,
    /// The finding.
    pub finding: ReportFinding,
}

/// Groups findings by room (rooms in the order they were first visited,
/// as the round was walked), then by section in checklist order.
pub fn group_by_room(mut placed: Vec<PlacedFinding>) -> Vec<RoomFindings> {
    placed.sort_by_key(|line| line.first_seq);
    let mut rooms: Vec<(Option<String>, Option<String>, Vec<PlacedFinding>)> = Vec::new();
    for line in placed {
        match rooms.iter_mut().find(|(id, _, _)| *id == line.room_id) {
            Some((_, _, lines)) => lines.push(line),
            None => rooms.push((line.room_id.clone(), line.room.clone(), vec![line])),
        }
    }
    rooms
        .into_iter()
        .map(|(_, room, mut lines)| {
            lines.sort_by_key(|line| (line.section_position, line.point_position));
            let mut sections: Vec<(i64, SectionFindings)> = Vec::new();
            for line in lines {
                match sections.last_mut() {
                    Some((position, section)) if *position == line.section_position => {
                        section.findings.push(line.finding);
                    }
                    _ => sections.push((
                        line.section_position,
                        SectionFindings {
                            title: line.section,
                            findings: vec![line.finding],
                        },
                    )),
                }
            }
            let sections = sections.into_iter().map(|(_, section)| section).collect();
            RoomFindings { room, sections }
        })
        .collect()
}

/// How a round's answers and avvik add up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RiskSummary {
    /// Points answered OK.
    pub ok: usize,
    /// Points answered not relevant.
    pub not_relevant: usize,
    /// Avvik at high risk.
    pub high: usize,
    /// Avvik at medium risk.
    pub medium: usize,
    /// Avvik at low risk.
    pub low: usize,
    /// Avvik without a rating.
    pub unrated: usize,
    /// The rated avvik per matrix cell.
    pub matrix: Vec<MatrixCount>,
}

impl RiskSummary {
    /// The summary of every finding in `rooms`.
    pub fn of(rooms: &[RoomFindings]) -> RiskSummary {
        let mut summary = RiskSummary::default();
        let findings = rooms
            .iter()
            .flat_map(|room| &room.sections)
            .flat_map(|section| &section.findings);
        for finding in findings {
            match (finding.answer, finding.rating) {
                (Answer::Ok, _) => summary.ok += 1,
                (Answer::IkkeRelevant, _) => summary.not_relevant += 1,
                (Answer::Avvik, None) => summary.unrated += 1,
                (Answer::Avvik, Some(rating)) => summary.count_avvik(rating),
            }
        }
        summary
    }

    /// All avvik, rated or not.
    pub fn avvik(&self) -> usize {
        self.high + self.medium + self.low + self.unrated
    }

    fn count_avvik(&mut self, rating: Rating) {
        match rating.level() {
            RiskLevel::High => self.high += 1,
            RiskLevel::Medium => self.medium += 1,
            RiskLevel::Low => self.low += 1,
        }
        match self.matrix.iter_mut().find(|cell| cell.rating == rating) {
            Some(cell) => cell.count += 1,
            None => self.matrix.push(MatrixCount { rating, count: 1 }),
        }
    }
}

/// The report of round `id`, for the report page.
#[leptos::server(prefix = "/api/fn", endpoint = "round_report")]
pub async fn load_round_report(id: String) -> Result<RoundReport, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.round_report(&user, &id).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str, answer: Answer, rating: Option<(u8, u8)>) -> ReportFinding {
        ReportFinding {
            id: id.to_owned(),
            point: format!("point {id}"),
            answer,
            observation: String::new(),
            suggested_measure: String::new(),
            rating: rating.map(|(probability, consequence)| Rating {
                probability,
                consequence,
            }),
            photos: Vec::new(),
            case: None,
        }
    }

    fn placed(id: &str, room: Option<&str>, section: i64, point: i64, at: i64) -> PlacedFinding {
        PlacedFinding {
            room_id: room.map(str::to_owned),
            room: room.map(|room| format!("Rom {room}")),
            section_position: section,
            section: format!("Del {section}"),
            point_position: point,
            first_seq: Some(at),
            finding: finding(id, Answer::Ok, None),
        }
    }

    fn ids(room: &RoomFindings) -> Vec<Vec<&str>> {
        room.sections
            .iter()
            .map(|section| section.findings.iter().map(|f| f.id.as_str()).collect())
            .collect()
    }

    #[test]
    fn rooms_come_in_the_order_walked_and_points_in_checklist_order() {
        let rooms = group_by_room(vec![
            placed("b2", Some("b"), 2, 1, 30),
            placed("a1", Some("a"), 1, 2, 20),
            placed("g", None, 1, 1, 10),
            placed("a0", Some("a"), 1, 1, 40),
            placed("b1", Some("b"), 1, 1, 50),
            placed("a3", Some("a"), 3, 1, 60),
        ]);
        let names: Vec<_> = rooms.iter().map(|room| room.room.as_deref()).collect();
        assert_eq!(names, [None, Some("Rom a"), Some("Rom b")]);
        assert_eq!(ids(&rooms[1]), [vec!["a0", "a1"], vec!["a3"]]);
        assert_eq!(ids(&rooms[2]), [vec!["b1"], vec!["b2"]]);
        assert_eq!(rooms[1].sections[1].title, "Del 3");
    }

    #[test]
    fn sections_with_the_same_title_stay_apart() {
        let mut first = placed("1", None, 1, 1, 1);
        let mut second = placed("2", None, 2, 1, 2);
        first.section = "Ytre miljø".to_owned();
        second.section = "Ytre miljø".to_owned();
        let rooms = group_by_room(vec![second, first]);
        assert_eq!(ids(&rooms[0]), [vec!["1"], vec!["2"]]);
    }

    #[test]
    fn the_summary_counts_answers_levels_and_matrix_cells() {
        let section = SectionFindings {
            title: "Del".to_owned(),
            findings: vec![
                finding("1", Answer::Ok, None),
                finding("2", Answer::IkkeRelevant, None),
                finding("3", Answer::Avvik, Some((4, 5))),
                finding("4", Answer::Avvik, Some((4, 5))),
                finding("5", Answer::Avvik, Some((3, 3))),
                finding("6", Answer::Avvik, Some((1, 4))),
                finding("7", Answer::Avvik, None),
            ],
        };
        let summary = RiskSummary::of(&[RoomFindings {
            room: None,
            sections: vec![section],
        }]);
        assert_eq!((summary.ok, summary.not_relevant), (1, 1));
        assert_eq!((summary.high, summary.medium, summary.low), (2, 1, 1));
        assert_eq!((summary.unrated, summary.avvik()), (1, 5));
        let high = Rating {
            probability: 4,
            consequence: 5,
        };
        assert_eq!(
            summary.matrix.iter().find(|cell| cell.rating == high),
            Some(&MatrixCount {
                rating: high,
                count: 2
            })
        );
        assert_eq!(summary.matrix.len(), 3);
    }
}
