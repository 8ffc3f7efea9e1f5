//! The people behind the phones: phone `n` logs in as `phone<n>`, a
//! verneombud with the demo verneombud's roles and password, from an
//! address of its own. All phones as one person from one address would
//! measure the login limit (a burst of one username is refused, as it
//! should be) rather than the server.

use anyhow::Context;
use reqwest::header::{HeaderMap, HeaderValue};
use vern::db::Db;

/// The username of phone `n`.
pub fn username(n: u32) -> String {
    format!("phone{n}")
}

/// Headers that give phone `n` an address of its own, as the server's
/// trusted proxy would (`VERN_TRUSTED_PROXIES=127.0.0.1`).
pub fn address_headers(n: u32) -> anyhow::Result<HeaderMap> {
    let [_, top, high, low] = n.to_be_bytes();
    let mut headers = HeaderMap::new();
    headers.insert(
        "x-forwarded-for",
        HeaderValue::from_str(&format!("10.{top}.{high}.{low}"))?,
    );
    Ok(headers)
}

/// Adds `count` phone users to the demo organisation, written straight
/// into the database in one transaction (hashing a password for each
/// would take minutes; they share the demo verneombud's hash).
pub async fn add(database_url: &str, count: u32) -> anyhow::Result<()> {
    let db = Db::connect(database_url).await?;
    let mut tx = db.pool().begin().await?;
    for n in 0..count {
        let user_id = format!("load-user-{n}");
        sqlx::query(
            "INSERT INTO users (id, username, display_name, email, password_hash, created_at)
             SELECT $1, $2, $3, '', password_hash, created_at FROM users WHERE username = 'verneombud'",
        )
        .bind(&user_id)
        .bind(username(n))
        .bind(format!("Telefon {n}"))
        .execute(&mut *tx)
        .await
        .context("add a phone's user")?;
        sqlx::query(
            "INSERT INTO role_grants (id, user_id, unit_id, role, granted_at)
             SELECT $1 || '-' || g.id, $1, g.unit_id, g.role, g.granted_at
             FROM role_grants g JOIN users u ON u.id = g.user_id
             WHERE u.username = 'verneombud' AND g.revoked_at IS NULL",
        )
        .bind(&user_id)
        .execute(&mut *tx)
        .await
        .context("grant a phone's roles")?;
    }
    tx.commit().await?;
    db.close().await;
    Ok(())
}
