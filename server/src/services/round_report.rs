//! A round's report: for anyone who reads the reports of the round's unit
//! or walks its rounds (anyone else gets "not found", so a round id tells
//! them nothing).

use std::collections::HashMap;

use app::avvik::rating::Rating;
use app::backend::RoundReportBackend;
use app::domain::access::Action;
use app::domain::users::CurrentUser;
use app::error::AppError;
use app::rounds::report::{PlacedFinding, ReportFinding, RoundReport, group_by_room};
use app::sync::records::{Answer, RoundStatus};
use async_trait::async_trait;

use super::Services;
use super::tiltak::view;
use crate::auth::access;
use crate::db::round_report::{self, FindingLine, ReportHead};
use crate::db::{now_ms, rounds, units};
use crate::errors::internal;
use crate::local_time::{oslo_date, oslo_text};
use crate::state::AppState;

#[async_trait]
impl RoundReportBackend for Services {
    async fn round_report(&self, user: &CurrentUser, id: &str) -> Result<RoundReport, AppError> {
        round_report(&self.state, user, id).await
    }
}

/// The report of round `id` as `user` may read it.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn round_report(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<RoundReport, AppError> {
    let pool = state.db.pool();
    let head = readable_round(state, user, id).await?;
    let mut conn = pool
        .acquire()
        .await
        .map_err(internal("open a connection"))?;
    let participants = rounds::participants(&mut conn, id)
        .await
        .map_err(internal("load a round's participants"))?;
    drop(conn);
    let lines = round_report::findings(pool, id)
        .await
        .map_err(internal("load a round's findings"))?;
    let photos = round_report::photos(pool, id)
        .await
        .map_err(internal("load a round's photos"))?;
    let today = oslo_date(now_ms());
    let tiltak = round_report::tiltak(pool, id)
        .await
        .map_err(internal("load a round's measures"))?
        .into_iter()
        .filter_map(|row| view(row, &today, false))
        .collect();
    Ok(RoundReport {
        status: RoundStatus::parse(&head.status).ok_or(AppError::Internal)?,
        finished_at: head.finished_at.map(oslo_text),
        date: head.planned_date.unwrap_or_default(),
        id: head.id,
        title: head.title,
        unit: head.unit_name,
        area: head.area_name,
        participants,
        rooms: group_by_room(placed(lines, photos)),
        tiltak,
    })
}

/// The round, if `user` may read its report: with a role that reads the
/// unit's reports or walks its rounds, the rule its photos are served by.
async fn readable_round(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<ReportHead, AppError> {
    let pool = state.db.pool();
    let head = round_report::head(pool, id)
        .await
        .map_err(internal("load a round"))?
        .ok_or(AppError::NotFound)?;
    let chain = units::chain(pool, &head.unit_id)
        .await
        .map_err(internal("load unit ancestry"))?;
    let reads = [Action::ReadReports, Action::WalkRound]
        .into_iter()
        .any(|action| access::allowed(user, action, &chain));
    if reads {
        Ok(head)
    } else {
        Err(AppError::NotFound)
    }
}

/// The findings with their photos and where they were made.
fn placed(lines: Vec<FindingLine>, photos: Vec<(String, String)>) -> Vec<PlacedFinding> {
    let mut by_finding: HashMap<String, Vec<String>> = HashMap::new();
    for (finding, photo) in photos {
        by_finding.entry(finding).or_default().push(photo);
    }
    lines
        .into_iter()
        .filter_map(|line| {
            let answer = Answer::parse(&line.answer)?;
            let room = line.room_name.map(|room| match line.building_name {
                Some(building) => format!("{room}, {building}"),
                None => room,
            });
            Some(PlacedFinding {
                room_id: line.room_id,
                room,
                section_position: line.section_position,
                section: line.section_title,
                point_position: line.point_position,
                first_seq: line.first_seq,
                finding: ReportFinding {
                    photos: by_finding.remove(&line.id).unwrap_or_default(),
                    id: line.id,
                    point: line.point_text,
                    answer,
                    observation: line.observation,
                    suggested_measure: line.suggested_measure,
                    rating: Rating::stored(line.probability, line.consequence),
                    case: line.case_id.zip(line.receipt_no),
                },
            })
        })
        .collect()
}
