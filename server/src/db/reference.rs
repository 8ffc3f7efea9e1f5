//! What a device needs to walk rounds: areas, rooms and the current checklist.

use sqlx::AnyPool;

/// `(id, unit_id, name)` of every active verneområde.
pub async fn areas(pool: &AnyPool) -> sqlx::Result<Vec<(String, String, String)>> {
    sqlx::query_as(
        "SELECT id, unit_id, name FROM verneomrader WHERE archived_at IS NULL ORDER BY name",
    )
    .fetch_all(pool)
    .await
}

/// An active room in a verneområde, as a phone walking rounds keeps it.
#[derive(Debug, sqlx::FromRow)]
pub struct AreaRoomRow {
    /// Room id.
    pub id: String,
    /// The verneområde it belongs to.
    pub verneomrade_id: String,
    /// Name or number on the door.
    pub name: String,
    /// Floor, possibly empty.
    pub floor: String,
    /// The building's name.
    pub building: String,
    /// The room's current QR code, empty when revoked (a poster's code is
    /// on the wall for anyone to read anyway).
    pub qr_token: String,
}

/// Every active room that lies in a verneområde, by floor and name.
pub async fn area_rooms(pool: &AnyPool) -> sqlx::Result<Vec<AreaRoomRow>> {
    sqlx::query_as(
        "SELECT r.id, r.verneomrade_id, r.name, r.floor, b.name AS building,
                CASE WHEN r.qr_revoked_at IS NULL THEN r.qr_token ELSE '' END AS qr_token
         FROM rooms r JOIN buildings b ON b.id = r.building_id
         WHERE r.archived_at IS NULL AND r.verneomrade_id IS NOT NULL ORDER BY r.floor, r.name",
    )
    .fetch_all(pool)
    .await
}

/// `(version id, template name, version)` of the newest published vernerunde checklist.
pub async fn current_checklist(pool: &AnyPool) -> sqlx::Result<Option<(String, String, i64)>> {
    sqlx::query_as(
        "SELECT v.id, t.name, v.version FROM checklist_versions v
         JOIN checklist_templates t ON t.id = v.template_id
         WHERE t.kind = 'vernerunde' AND v.status = 'published' AND t.archived_at IS NULL
         ORDER BY v.published_at DESC, v.version DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await
}

/// A checklist point with its section, in order.
#[derive(Debug, sqlx::FromRow)]
pub struct ItemRow {
    /// Section id.
    pub section_id: String,
    /// Section title.
    pub section_title: String,
    /// Item id.
    pub id: String,
    /// The question.
    pub text: String,
    /// Guidance.
    pub guidance: String,
    /// Legal reference.
    pub legal_ref: String,
}

/// The points of a checklist version, section by section.
pub async fn checklist_items(pool: &AnyPool, version_id: &str) -> sqlx::Result<Vec<ItemRow>> {
    sqlx::query_as(
        "SELECT s.id AS section_id, s.title AS section_title, i.id, i.text, i.guidance, i.legal_ref
         FROM checklist_sections s JOIN checklist_items i ON i.section_id = s.id
         WHERE s.version_id = $1 ORDER BY s.position, i.position",
    )
    .bind(version_id)
    .fetch_all(pool)
    .await
}
