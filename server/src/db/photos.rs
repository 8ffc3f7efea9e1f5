//! Queries on `photos` (the metadata; the bytes live in the object store).

use app::sync::records::PhotoRecord;
use sqlx::{Any, AnyPool, Executor, FromRow};

/// A stored photo's metadata.
#[derive(Clone, Debug, FromRow)]
pub struct PhotoRow {
    /// Photo id (chosen by the device).
    pub id: String,
    /// `finding` (or later `avvik`).
    pub owner_kind: String,
    /// The finding (or avvik) it belongs to.
    pub owner_id: String,
    /// Hex SHA-256 of the uploaded bytes.
    pub sha256: String,
    /// Size of the stored JPEG.
    pub byte_size: i64,
    /// Pixel width of the stored JPEG.
    pub width: Option<i64>,
    /// Pixel height of the stored JPEG.
    pub height: Option<i64>,
    /// Object store key of the JPEG.
    pub object_key: String,
    /// Object store key of the thumbnail; `None` until it is made.
    pub thumb_key: Option<String>,
}

impl PhotoRow {
    /// As clients see it.
    pub fn record(&self) -> PhotoRecord {
        PhotoRecord {
            id: self.id.clone(),
            finding_id: self.owner_id.clone(),
            sha256: self.sha256.clone(),
            byte_size: self.byte_size,
            width: self.width.unwrap_or_default(),
            height: self.height.unwrap_or_default(),
        }
    }
}

/// A photo of a finding to insert.
#[derive(Clone, Debug)]
pub struct NewPhoto<'a> {
    /// The record (id, finding, hash, size, pixels).
    pub record: &'a PhotoRecord,
    /// Object store key of the JPEG.
    pub object_key: &'a str,
    /// Who uploaded it.
    pub uploaded_by: &'a str,
}

/// Inserts the metadata of a finding's photo (stored as `image/jpeg`),
/// without a thumbnail yet ([`super::thumbnail_jobs`]).
pub async fn insert<'e>(
    ex: impl Executor<'e, Database = Any>,
    photo: &NewPhoto<'_>,
    now: i64,
) -> sqlx::Result<()> {
    let record = photo.record;
    sqlx::query(
        "INSERT INTO photos (id, owner_kind, owner_id, sha256, content_type, byte_size,
                             width, height, object_key, uploaded_by, created_at)
         VALUES ($1, 'finding', $2, $3, 'image/jpeg', $4, $5, $6, $7, $8, $9)",
    )
    .bind(&record.id)
    .bind(&record.finding_id)
    .bind(&record.sha256)
    .bind(record.byte_size)
    .bind(record.width)
    .bind(record.height)
    .bind(photo.object_key)
    .bind(photo.uploaded_by)
    .bind(now)
    .execute(ex)
    .await?;
    Ok(())
}

/// One photo by id.
pub async fn by_id(pool: &AnyPool, id: &str) -> sqlx::Result<Option<PhotoRow>> {
    sqlx::query_as(
        "SELECT id, owner_kind, owner_id, sha256, byte_size, width, height, object_key, thumb_key
         FROM photos WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// The unit of a finding (its round's unit), `None` for an unknown finding.
pub async fn unit_of_finding(pool: &AnyPool, finding_id: &str) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT r.unit_id FROM findings f JOIN rounds r ON r.id = f.round_id WHERE f.id = $1",
    )
    .bind(finding_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(unit_id,)| unit_id))
}

/// The unit a photo's owner belongs to, for access checks.
pub async fn unit_of_owner(pool: &AnyPool, photo: &PhotoRow) -> sqlx::Result<Option<String>> {
    match photo.owner_kind.as_str() {
        "finding" => unit_of_finding(pool, &photo.owner_id).await,
        _ => {
            let row: Option<(String,)> = sqlx::query_as("SELECT unit_id FROM avvik WHERE id = $1")
                .bind(&photo.owner_id)
                .fetch_optional(pool)
                .await?;
            Ok(row.map(|(unit_id,)| unit_id))
        }
    }
}

/// The photos of a case: the report's own and, for a case from a round,
/// its finding's; oldest first.
pub async fn of_case(
    pool: &AnyPool,
    case_id: &str,
    finding_id: Option<&str>,
) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM photos
         WHERE (owner_kind = 'avvik' AND owner_id = $1)
            OR (owner_kind = 'finding' AND owner_id = $2)
         ORDER BY created_at, id",
    )
    .bind(case_id)
    .bind(finding_id)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The case a photo belongs to: the report it came with, or the case
/// opened from the finding it shows.
pub async fn case_of(pool: &AnyPool, photo: &PhotoRow) -> sqlx::Result<Option<String>> {
    if photo.owner_kind == "avvik" {
        return Ok(Some(photo.owner_id.clone()));
    }
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM avvik WHERE finding_id = $1")
        .bind(&photo.owner_id)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(id,)| id))
}
