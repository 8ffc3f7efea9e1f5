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

/// `(id, verneomrade_id, name, floor)` of every active room in an area.
pub async fn area_rooms(pool: &AnyPool) -> sqlx::Result<Vec<(String, String, String, String)>> {
    sqlx::query_as(
        "SELECT id, verneomrade_id, name, floor FROM rooms
         WHERE archived_at IS NULL AND verneomrade_id IS NOT NULL ORDER BY floor, name",
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
