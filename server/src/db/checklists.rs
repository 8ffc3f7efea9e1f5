//! Queries on checklist templates and their versions.

use sqlx::AnyConnection;

/// A checklist template to insert as version 1, published.
#[derive(Clone, Debug)]
pub struct NewTemplate<'a> {
    /// `vernerunde`, `brannvernrunde`, `egenevaluering` or `risikovurdering`.
    pub kind: &'a str,
    /// Template name.
    pub name: &'a str,
    /// Sections in order.
    pub sections: &'a [NewSection<'a>],
}

/// A section of a checklist.
#[derive(Clone, Debug)]
pub struct NewSection<'a> {
    /// Section title.
    pub title: &'a str,
    /// Points in order.
    pub items: &'a [NewItem<'a>],
}

/// One checklist point.
#[derive(Clone, Debug)]
pub struct NewItem<'a> {
    /// What to check.
    pub text: &'a str,
    /// How to check it.
    pub guidance: &'a str,
    /// Law or regulation, when one applies.
    pub legal_ref: &'a str,
    /// Category of avvik it leads to.
    pub category: &'a str,
}

/// Inserts a template with a published version 1; returns the version id.
pub async fn insert_published(
    conn: &mut AnyConnection,
    template: &NewTemplate<'_>,
    now: i64,
) -> sqlx::Result<String> {
    let template_id = super::new_id();
    let version_id = super::new_id();
    sqlx::query(
        "INSERT INTO checklist_templates (id, kind, name, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&template_id)
    .bind(template.kind)
    .bind(template.name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO checklist_versions (id, template_id, version, status, created_at, published_at)
         VALUES ($1, $2, 1, 'published', $3, $3)",
    )
    .bind(&version_id)
    .bind(&template_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for (position, section) in (1_i64..).zip(template.sections) {
        insert_section(conn, &version_id, position, section).await?;
    }
    Ok(version_id)
}

async fn insert_section(
    conn: &mut AnyConnection,
    version_id: &str,
    position: i64,
    section: &NewSection<'_>,
) -> sqlx::Result<()> {
    let section_id = super::new_id();
    sqlx::query(
        "INSERT INTO checklist_sections (id, version_id, position, title) VALUES ($1, $2, $3, $4)",
    )
    .bind(&section_id)
    .bind(version_id)
    .bind(position)
    .bind(section.title)
    .execute(&mut *conn)
    .await?;
    for (item_position, item) in (1_i64..).zip(section.items) {
        sqlx::query(
            "INSERT INTO checklist_items (id, section_id, position, text, guidance, legal_ref, category)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(super::new_id())
        .bind(&section_id)
        .bind(item_position)
        .bind(item.text)
        .bind(item.guidance)
        .bind(item.legal_ref)
        .bind(item.category)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
