//! Queries behind QR reports: the room a code points at, the case a report
//! opened, and what its private status link shows.

use app::avvik::risk::list_score;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// The unit of the room a retired code (replaced, or of a retired room) belonged to.
pub async fn unit_of_retired_token(
    pool: &AnyPool,
    token: &str,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "SELECT u.id, u.name FROM rooms r JOIN org_units u ON u.id = r.unit_id
         WHERE r.id = (SELECT room_id FROM retired_qr_tokens WHERE qr_token = $1)
            OR (r.qr_token = $1 AND (r.archived_at IS NOT NULL OR r.qr_revoked_at IS NOT NULL))",
    )
    .bind(token)
    .fetch_optional(pool)
    .await
}

/// Names of the people who lead a unit (whom to contact about an old code).
pub async fn leader_names(pool: &AnyPool, unit_id: &str) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT u.display_name FROM role_grants g JOIN users u ON u.id = g.user_id
         WHERE g.unit_id = $1 AND g.role = 'leder' AND g.revoked_at IS NULL
           AND u.disabled_at IS NULL
         ORDER BY u.display_name",
    )
    .bind(unit_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// A case opened by a QR report, as the reporter's replay finds it.
#[derive(Clone, Debug, FromRow)]
pub struct ReportedCase {
    /// The case id.
    pub id: String,
    /// The case number.
    pub receipt_no: String,
}

/// The case a report with this client key opened, if any.
pub async fn case_by_client_key(
    pool: &AnyPool,
    client_key: &str,
) -> sqlx::Result<Option<ReportedCase>> {
    sqlx::query_as("SELECT id, receipt_no FROM avvik WHERE client_key = $1")
        .bind(client_key)
        .fetch_optional(pool)
        .await
}

/// A case to open from a QR report.
#[derive(Clone, Debug)]
pub struct NewReport<'a> {
    /// Case id.
    pub id: &'a str,
    /// The room's unit.
    pub unit_id: &'a str,
    /// The room.
    pub room_id: &'a str,
    /// Category identifier.
    pub category: &'a str,
    /// What happened.
    pub description: &'a str,
    /// `lav`, `middels` or `hoy`.
    pub severity: &'a str,
    /// When it happened (milliseconds since the epoch).
    pub occurred_at: i64,
    /// The logged-in reporter; `None` when anonymous or not logged in.
    pub reported_by: Option<&'a str>,
    /// The name given; empty when anonymous.
    pub reporter_name: &'a str,
    /// The e-mail given; empty when anonymous.
    pub reporter_email: &'a str,
    /// The case number.
    pub receipt_no: &'a str,
    /// SHA-256 of the device's id for the report.
    pub client_key: &'a str,
    /// SHA-256 of the status link's token.
    pub status_key: &'a str,
}

/// Opens the case.
pub async fn insert(
    conn: &mut AnyConnection,
    report: &NewReport<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO avvik (id, unit_id, room_id, source, category, description, severity,
                            occurred_at, status, reported_by, reporter_name, reporter_email,
                            receipt_no, client_key, status_key, created_at, updated_at,
                            risk_score)
         VALUES ($1, $2, $3, 'qr', $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $13, $14, $14,
                 $15)",
    )
    .bind(report.id)
    .bind(report.unit_id)
    .bind(report.room_id)
    .bind(report.category)
    .bind(report.description)
    .bind(report.severity)
    .bind(report.occurred_at)
    .bind(report.reported_by)
    .bind(report.reporter_name)
    .bind(report.reporter_email)
    .bind(report.receipt_no)
    .bind(report.client_key)
    .bind(report.status_key)
    .bind(now)
    .bind(list_score(None, None, report.severity))
    .execute(conn)
    .await?;
    Ok(())
}

/// What the status link shows of a case.
#[derive(Clone, Debug, FromRow)]
pub struct CaseStatusRow {
    /// The case id.
    pub id: String,
    /// The case number.
    pub receipt_no: String,
    /// The state as stored (see [`app::reports::CaseState::as_db`]).
    pub status: String,
    /// Category identifier.
    pub category: String,
    /// Room name (empty if the room is gone).
    pub room: String,
    /// Building name.
    pub building: String,
    /// Unit name.
    pub unit: String,
    /// When it was sent.
    pub created_at: i64,
}

/// The case whose status link hashes to `status_key`.
pub async fn case_by_status_key(
    pool: &AnyPool,
    status_key: &str,
) -> sqlx::Result<Option<CaseStatusRow>> {
    sqlx::query_as(
        "SELECT a.id, a.receipt_no, a.status, a.category,
                COALESCE(r.name, '') AS room, COALESCE(b.name, '') AS building,
                u.name AS unit, a.created_at
         FROM avvik a JOIN org_units u ON u.id = a.unit_id
         LEFT JOIN rooms r ON r.id = a.room_id LEFT JOIN buildings b ON b.id = r.building_id
         WHERE a.status_key = $1",
    )
    .bind(status_key)
    .fetch_optional(pool)
    .await
}

/// Comments on a case that its reporter may read, oldest first.
pub async fn visible_comments(pool: &AnyPool, avvik_id: &str) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as(
        "SELECT created_at, body FROM avvik_comments
         WHERE avvik_id = $1 AND visible_to_reporter = 1 ORDER BY created_at, id",
    )
    .bind(avvik_id)
    .fetch_all(pool)
    .await
}

/// Takes the next case number of `year` inside the caller's transaction
/// (one counter per year, created by its first case).
pub async fn next_receipt_number(conn: &mut AnyConnection, year: i32) -> sqlx::Result<i64> {
    let (value,): (i64,) = sqlx::query_as(
        "INSERT INTO sequence_counters (name, value) VALUES ($1, 1)
         ON CONFLICT (name) DO UPDATE SET value = sequence_counters.value + 1
         RETURNING value",
    )
    .bind(format!("avvik_receipt_{year}"))
    .fetch_one(conn)
    .await?;
    Ok(value)
}

/// A case number to read aloud: `AV-2026-0042`.
pub fn receipt_no(year: i32, number: i64) -> String {
    format!("AV-{year}-{number:04}")
}

/// A photo sent with a report.
#[derive(Clone, Debug)]
pub struct ReportPhoto<'a> {
    /// Photo id.
    pub id: &'a str,
    /// The case it belongs to.
    pub avvik_id: &'a str,
    /// Hex SHA-256 of the bytes as sent.
    pub sha256: &'a str,
    /// Size of the stored JPEG.
    pub byte_size: i64,
    /// Pixel width of the stored JPEG.
    pub width: i64,
    /// Pixel height of the stored JPEG.
    pub height: i64,
    /// Object store key of the JPEG.
    pub object_key: &'a str,
}

/// Records a report's photo (no uploader: the case says who reported it,
/// and an anonymous report must not say it here either), without a
/// thumbnail yet.
pub async fn insert_photo(
    conn: &mut AnyConnection,
    photo: &ReportPhoto<'_>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO photos (id, owner_kind, owner_id, sha256, content_type, byte_size,
                             width, height, object_key, created_at)
         VALUES ($1, 'avvik', $2, $3, 'image/jpeg', $4, $5, $6, $7, $8)",
    )
    .bind(photo.id)
    .bind(photo.avvik_id)
    .bind(photo.sha256)
    .bind(photo.byte_size)
    .bind(photo.width)
    .bind(photo.height)
    .bind(photo.object_key)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
