//! Reading the history as the sync change log.

use futures::TryStreamExt;
use sqlx::AnyPool;

/// How much of the change log one page may hold.
#[derive(Debug, Clone, Copy)]
pub struct PageBounds {
    /// Most changes.
    pub rows: i64,
    /// Most bytes of change data; the first change is always taken, so a
    /// page is never empty while changes remain.
    pub bytes: usize,
}

/// One page of `(seq, data)` in sequence order.
#[derive(Debug, Default)]
pub struct Page {
    /// The changes.
    pub rows: Vec<(i64, String)>,
    /// Whether changes after these remain.
    pub more: bool,
}

/// The synced changes (rounds, findings, photos) after `since` in the given
/// units, within `bounds`. Rows are read as a stream and reading stops at
/// the bounds, so memory follows the page, not the log.
pub async fn page(
    pool: &AnyPool,
    since: i64,
    bounds: PageBounds,
    unit_ids: &[String],
) -> sqlx::Result<Page> {
    if unit_ids.is_empty() {
        return Ok(Page::default());
    }
    let placeholders: Vec<String> = (0..unit_ids.len()).map(|i| format!("${}", i + 3)).collect();
    let sql = format!(
        "SELECT seq, data FROM history
         WHERE seq > $1 AND entity_kind IN ('round', 'finding', 'photo')
           AND unit_id IN ({})
         ORDER BY seq LIMIT $2",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&sql)
        .bind(since)
        .bind(bounds.rows + 1);
    for unit_id in unit_ids {
        query = query.bind(unit_id);
    }
    let mut stream = query.fetch(pool);
    let mut page = Page::default();
    let mut bytes = 0;
    while let Some((seq, data)) = stream.try_next().await? {
        let full = page.rows.len() as i64 >= bounds.rows
            || (!page.rows.is_empty() && bytes + data.len() > bounds.bytes);
        if full {
            page.more = true;
            break;
        }
        bytes += data.len();
        page.rows.push((seq, data));
    }
    Ok(page)
}
