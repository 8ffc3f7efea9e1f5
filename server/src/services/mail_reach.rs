//! Which claimed notifications their person may still read when the mail
//! is made. A notification is written for people who read its case, but a
//! digest goes out up to a day later: a person who left the unit meanwhile
//! is not mailed its cases (the in-app list leaves them out the same way).

use std::collections::HashSet;

use anyhow::Context;
use sqlx::AnyPool;

use super::avvik_list::{reach_among, reaches_any};
use crate::auth::session::user_with_grants;
use crate::db::mail_outbox::ClaimedRow;
use crate::db::notifications::readable_cases;
use crate::db::units;

/// `(person, case)` for each of `rows` whose person may read the case now.
pub async fn still_readable(
    pool: &AnyPool,
    rows: &[ClaimedRow],
) -> anyhow::Result<HashSet<(String, String)>> {
    let mut people: Vec<&str> = rows.iter().map(|row| row.user_id.as_str()).collect();
    people.sort_unstable();
    people.dedup();
    let mut readable = HashSet::new();
    if people.is_empty() {
        return Ok(readable);
    }
    let organisation = units::all(pool).await.context("load units")?;
    for person in people {
        let Some(user) = user_with_grants(pool, person)
            .await
            .context("load the person's roles")?
        else {
            continue;
        };
        let (reach, _) = reach_among(pool, &organisation, &user)
            .await
            .context("load the person's reach")?;
        if !reaches_any(&reach) {
            continue;
        }
        let cases: Vec<String> = rows
            .iter()
            .filter(|row| row.user_id == person)
            .filter_map(|row| row.notice.avvik_id.clone())
            .collect();
        let allowed = readable_cases(pool, &reach, &cases)
            .await
            .context("check the cases the person reads")?;
        readable.extend(allowed.into_iter().map(|case| (person.to_owned(), case)));
    }
    Ok(readable)
}
