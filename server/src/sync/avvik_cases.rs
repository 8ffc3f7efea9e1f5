//! Opening avvik cases (and their suggested tiltak) from a round's avvik
//! findings: all at once when the round is signed off, or one at a time for
//! an avvik that reaches the server after sign-off (marked late).

use sqlx::AnyConnection;

use super::outcome::ApplyError;
use crate::db::findings::{self, FindingRow};
use crate::db::history::{self, Change};
use crate::db::{avvik, new_id, reports, rounds};

/// Who opens the cases, and when.
pub struct Opening<'a> {
    /// The round the findings belong to.
    pub round: &'a rounds::RoundRow,
    /// The user whose operation opens them.
    pub user_id: &'a str,
    /// Milliseconds since the epoch.
    pub now: i64,
}

/// Opens a case for every avvik finding of the round.
pub async fn open_for_round(
    conn: &mut AnyConnection,
    opening: &Opening<'_>,
) -> Result<(), ApplyError> {
    for finding in findings::avvik_of_round(conn, &opening.round.id).await? {
        open(conn, opening, &finding, false).await?;
    }
    Ok(())
}

/// Opens a case for one avvik finding; `late` when the round was already
/// signed off. Returns the case's receipt number.
pub async fn open(
    conn: &mut AnyConnection,
    opening: &Opening<'_>,
    finding: &FindingRow,
    late: bool,
) -> Result<String, ApplyError> {
    let round = opening.round;
    let year = crate::local_time::oslo_year(opening.now);
    let number = reports::next_receipt_number(conn, year).await?;
    let receipt_no = reports::receipt_no(year, number);
    let avvik_id = new_id();
    let case = avvik::NewAvvik {
        id: &avvik_id,
        unit_id: &round.unit_id,
        room_id: finding.room_id.as_deref(),
        finding_id: &finding.id,
        description: &finding.observation,
        probability: finding.probability,
        consequence: finding.consequence,
        reported_by: opening.user_id,
        receipt_no: &receipt_no,
        late,
    };
    avvik::insert_from_round(conn, &case, opening.now).await?;
    let data = serde_json::json!({
        "finding_id": finding.id, "round_id": round.id, "receipt_no": receipt_no,
        "description": finding.observation, "probability": finding.probability,
        "consequence": finding.consequence, "status": "open", "late": late,
    });
    append(conn, opening, ("avvik", &avvik_id, "created"), data).await?;
    if !finding.suggested_measure.trim().is_empty() {
        let tiltak_id = new_id();
        let keys = (
            tiltak_id.as_str(),
            round.unit_id.as_str(),
            avvik_id.as_str(),
            round.id.as_str(),
        );
        avvik::insert_tiltak(conn, keys, &finding.suggested_measure, opening.now).await?;
        let data = serde_json::json!({
            "avvik_id": avvik_id, "description": finding.suggested_measure, "status": "planned",
        });
        append(conn, opening, ("tiltak", &tiltak_id, "created"), data).await?;
    }
    Ok(receipt_no)
}

/// Appends a history entry for a change that carries no synced record.
async fn append(
    conn: &mut AnyConnection,
    opening: &Opening<'_>,
    (kind, id, action): (&str, &str, &str),
    data: serde_json::Value,
) -> sqlx::Result<i64> {
    let change = Change {
        entity_kind: kind,
        entity_id: id,
        unit_id: Some(&opening.round.unit_id),
        action,
        actor_user_id: Some(opening.user_id),
        data,
    };
    history::append(conn, &change, opening.now).await
}
