//! In-app notifications: written beside the change they tell of (in its
//! transaction), read and marked read by their person.

use sqlx::{AnyConnection, AnyPool, FromRow};

use super::avvik_scope::{ListQuery, Value, bound, conditions};
use super::coverage::verneombud_of_room;

/// A notification to write for some people.
pub struct NewNotice<'a> {
    /// `assigned`, `new_report`, `commented`, `due_soon`, `overdue`, `follow_up`.
    pub kind: &'a str,
    /// The case it is about.
    pub avvik_id: Option<&'a str>,
    /// The measure it is about.
    pub tiltak_id: Option<&'a str>,
    /// For a reminder that must reach each person once: what it is about
    /// (the person's id is added); `None` for one-off events.
    pub once_per_person: Option<&'a str>,
    /// Now (ms).
    pub now: i64,
}

/// Writes the notice for each of `people`; a reminder a person already has
/// is skipped. Returns how many were written.
pub async fn insert_for(
    conn: &mut AnyConnection,
    notice: &NewNotice<'_>,
    people: &[String],
) -> sqlx::Result<u64> {
    let mut written = 0;
    for person in people {
        let key = notice
            .once_per_person
            .map(|about| format!("{about}:{person}"));
        let done = sqlx::query(
            "INSERT INTO notifications (id, user_id, kind, avvik_id, tiltak_id, dedupe_key, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(super::new_id())
        .bind(person)
        .bind(notice.kind)
        .bind(notice.avvik_id)
        .bind(notice.tiltak_id)
        .bind(key)
        .bind(notice.now)
        .execute(&mut *conn)
        .await?;
        written += done.rows_affected();
    }
    Ok(written)
}

/// The people who hear of a new case in `unit_id`: the leaders and the
/// verneombud of the unit (or, where it has none, of the nearest unit above
/// it that has), and the verneombud of the area the room lies in.
pub async fn unit_watchers(
    conn: &mut AnyConnection,
    unit_id: &str,
    room_id: Option<&str>,
) -> sqlx::Result<Vec<String>> {
    let sql = format!(
        "WITH RECURSIVE chain (id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_units WHERE id = $1
             UNION ALL
             SELECT u.id, u.parent_id, c.depth + 1
             FROM org_units u JOIN chain c ON u.id = c.parent_id
             WHERE c.depth < 32
         ),
         holders (user_id, role, depth) AS (
             SELECT g.user_id, g.role, c.depth
             FROM chain c JOIN role_grants g ON g.unit_id = c.id JOIN users u ON u.id = g.user_id
             WHERE g.revoked_at IS NULL AND u.disabled_at IS NULL
               AND g.role IN ('leder', 'verneombud')
         )
         SELECT h.user_id FROM holders h
         WHERE h.depth = (SELECT MIN(x.depth) FROM holders x WHERE x.role = h.role)
         UNION
         {}
         ORDER BY 1",
        verneombud_of_room("$2")
    );
    let rows: Vec<(String,)> = sqlx::query_as(&sql)
        .bind(unit_id)
        .bind(room_id)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A notification as its list shows it.
#[derive(Clone, Debug, FromRow)]
pub struct NoticeRow {
    /// Id.
    pub id: String,
    /// Its kind as stored.
    pub kind: String,
    /// The case, if any.
    pub avvik_id: Option<String>,
    /// The case's number.
    pub receipt_no: Option<String>,
    /// The case's text.
    pub case_text: Option<String>,
    /// The measure's text, if it is about one.
    pub tiltak_text: Option<String>,
    /// When (ms).
    pub created_at: i64,
    /// When it was read (ms), if it was.
    pub read_at: Option<i64>,
}

/// The columns of a [`NoticeRow`], from [`NOTICE_TABLES`].
pub const NOTICE_COLUMNS: &str =
    "n.id, n.kind, n.avvik_id, a.receipt_no, a.description AS case_text,
     t.description AS tiltak_text, n.created_at, n.read_at";

/// `notifications n` with the case and measure each tells of.
pub const NOTICE_TABLES: &str = "notifications n
     LEFT JOIN avvik a ON a.id = n.avvik_id
     LEFT JOIN tiltak t ON t.id = n.tiltak_id";

/// The newest `limit` notifications of `user` about cases in `reach`.
/// Access is checked again when a notification is read, not only when it
/// was written: a person who lost a unit's role no longer sees its cases
/// named in their list.
pub async fn of_user(
    pool: &AnyPool,
    user: &str,
    reach: &ListQuery,
    limit: i64,
) -> sqlx::Result<Vec<NoticeRow>> {
    let mut c = conditions(reach, false);
    let (user, limit) = (
        c.bind(Value::Text(user.to_owned())),
        c.bind(Value::Int(limit)),
    );
    let sql = format!(
        "SELECT {NOTICE_COLUMNS} FROM {NOTICE_TABLES}
         WHERE n.user_id = {user} AND {}
         ORDER BY n.created_at DESC, n.id DESC
         LIMIT {limit}",
        c.sql.join(" AND ")
    );
    bound(sqlx::query_as(&sql), c.values).fetch_all(pool).await
}

/// How many notifications `user` has not read about cases in `reach`.
pub async fn unread(pool: &AnyPool, user: &str, reach: &ListQuery) -> sqlx::Result<i64> {
    let mut c = conditions(reach, false);
    let user = c.bind(Value::Text(user.to_owned()));
    let sql = format!(
        "SELECT COUNT(*) FROM notifications n JOIN avvik a ON a.id = n.avvik_id
         WHERE n.user_id = {user} AND n.read_at IS NULL AND {}",
        c.sql.join(" AND ")
    );
    let (count,): (i64,) = bound(sqlx::query_as(&sql), c.values)
        .fetch_one(pool)
        .await?;
    Ok(count)
}

/// Those of `cases` that lie in `reach`.
pub async fn readable_cases(
    pool: &AnyPool,
    reach: &ListQuery,
    cases: &[String],
) -> sqlx::Result<Vec<String>> {
    let mut c = conditions(reach, false);
    let ids = c.list(cases);
    let sql = format!(
        "SELECT a.id FROM avvik a WHERE a.id IN ({ids}) AND {}",
        c.sql.join(" AND ")
    );
    let rows: Vec<(String,)> = bound(sqlx::query_as(&sql), c.values)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Marks every notification of `user` read.
pub async fn mark_read(pool: &AnyPool, user: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// The people who follow a case: its responsible person and everyone who
/// assigned, commented on, re-rated or moved it. Each of these acts needs
/// the right to read the case; a person who lost it since is still listed,
/// and their list leaves the notification out when it is read.
pub async fn followers_of(conn: &mut AnyConnection, case_id: &str) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT assigned_to FROM avvik WHERE id = $1 AND assigned_to IS NOT NULL
         UNION
         SELECT actor_user_id FROM history
         WHERE entity_kind = 'avvik' AND entity_id = $1 AND actor_user_id IS NOT NULL
           AND action IN ('assigned', 'commented', 'rerated', 'status_changed')
         ORDER BY 1",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(person,)| person).collect())
}
