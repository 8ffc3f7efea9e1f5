//! The demo organisation, seeded only when asked (`vern demo`, `vern serve --demo`).

pub mod checklist;
pub mod organisation;

use anyhow::Context;
use app::admin::NewUser;
use app::domain::roles::Role;
use sqlx::Acquire;

use crate::db::mail_outbox;
use crate::db::{Db, checklists, now_ms, units};
use crate::services::admin::{insert_grant, insert_user};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "vern-demo-2026";

/// A demo login: username, name, role and the unit (by name) where it is held.
pub const DEMO_USERS: [(&str, &str, Role, &str); 7] = [
    ("hms", "Hanne Haugen", Role::HmsAdmin, organisation::KOMMUNE),
    (
        "hvo",
        "Henrik Holm",
        Role::Hovedverneombud,
        organisation::KOMMUNE,
    ),
    ("verneombud", "Vera Vik", Role::Verneombud, "Nordby skole"),
    ("leder", "Lars Lie", Role::Leder, "Nordby skole"),
    ("medarbeider", "Mona Moe", Role::Medarbeider, "Nordby skole"),
    ("amu", "Anne Aas", Role::AmuReader, organisation::KOMMUNE),
    ("mks", "Mats Myhre", Role::Mks, "Nordby skole"),
];

/// Whether anything was seeded.
#[derive(Debug, PartialEq, Eq)]
pub enum Seeded {
    /// The demo organisation was created.
    Created,
    /// The database already had an organisation; nothing was changed.
    AlreadyPresent,
}

/// Seeds the demo organisation, rooms, checklist and users into an empty
/// database. A database that already has units is left alone.
pub async fn seed(db: &Db) -> anyhow::Result<Seeded> {
    if !units::all(db.pool())
        .await
        .context("load units")?
        .is_empty()
    {
        return Ok(Seeded::AlreadyPresent);
    }
    let now = now_ms();
    let mut conn = db.pool().acquire().await.context("acquire connection")?;
    let mut tx = conn.begin().await.context("begin")?;
    let unit_ids = organisation::insert(&mut tx, now)
        .await
        .context("seed organisation")?;
    checklists::insert_published(&mut tx, &checklist::STANDARD_VERNERUNDE, now)
        .await
        .context("seed checklist")?;
    tx.commit().await.context("commit demo organisation")?;

    for (username, name, role, unit_name) in DEMO_USERS {
        let new_user = NewUser {
            username: username.to_owned(),
            display_name: name.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
        };
        let user_id = insert_user(db, None, &new_user)
            .await
            .map_err(|error| anyhow::anyhow!("demo user {username}: {error}"))?;
        let unit_id = unit_ids
            .get(unit_name)
            .with_context(|| format!("demo unit {unit_name} missing"))?;
        insert_grant(db, None, &user_id, role, unit_id)
            .await
            .map_err(|error| anyhow::anyhow!("demo grant for {username}: {error}"))?;
        // `.example` is reserved: without `smtp_url` the mails are logged.
        let email = format!("{username}@fjordvik.example");
        mail_outbox::save_settings(db.pool(), &user_id, "immediately", &email)
            .await
            .with_context(|| format!("demo e-mail for {username}"))?;
    }
    Ok(Seeded::Created)
}

/// The lines that tell a person how to log in to the demo.
pub fn login_help(url: &str) -> String {
    let mut text =
        format!("Vern demo: open {url} and log in as one of (password {DEMO_PASSWORD}):\n");
    for (username, name, role, unit) in DEMO_USERS {
        text.push_str(&format!(
            "  {username:<12} {name:<14} {} – {unit}\n",
            role.as_str()
        ));
    }
    text
}
