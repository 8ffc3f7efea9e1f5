//! `vern user …`: user administration from the command line.

use std::io::Read;

use anyhow::Context;
use app::admin::NewUser;
use app::domain::roles::Role;
use app::domain::units::UnitKind;

use super::UserCommand;
use crate::db::{Db, grants, new_id, now_ms, units, users};
use crate::services::admin::{insert_grant, insert_user};

/// Runs one user command and prints what was done.
pub async fn run(db: &Db, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create {
            username,
            name,
            password_stdin,
        } => {
            let password = read_password(password_stdin)?;
            let new_user = NewUser {
                username: username.clone(),
                display_name: name,
                password,
            };
            let id = insert_user(db, None, &new_user)
                .await
                .map_err(|error| anyhow::anyhow!("could not create {username}: {error}"))?;
            println!("created user {username} ({id})");
        }
        UserCommand::Grant {
            username,
            role,
            unit,
        } => {
            let role = Role::parse(&role).with_context(|| format!("unknown role {role}"))?;
            let user = users::by_username(db.pool(), &username)
                .await?
                .with_context(|| format!("no active user {username}"))?;
            let unit_id = find_unit(db, &unit).await?;
            insert_grant(db, None, &user.id, role, &unit_id)
                .await
                .map_err(|error| anyhow::anyhow!("could not grant: {error}"))?;
            println!("granted {} in {unit} to {username}", role.as_str());
        }
        UserCommand::CreateOrganisation { name } => {
            let id = new_id();
            units::insert(
                db.pool(),
                &id,
                None,
                UnitKind::Kommune,
                name.trim(),
                now_ms(),
            )
            .await?;
            println!("created organisation {name} ({id})");
        }
        UserCommand::List => list(db).await?,
    }
    Ok(())
}

async fn find_unit(db: &Db, key: &str) -> anyhow::Result<String> {
    let matches = units::by_id_or_name(db.pool(), key).await?;
    match matches.as_slice() {
        [unit] => Ok(unit.id.clone()),
        [] => anyhow::bail!("no unit with id or name {key}"),
        _ => anyhow::bail!("several units are named {key}; use the unit id"),
    }
}

async fn list(db: &Db) -> anyhow::Result<()> {
    let all_grants = grants::all_active(db.pool()).await?;
    for user in users::all(db.pool()).await? {
        let roles: Vec<String> = all_grants
            .iter()
            .filter(|grant| grant.user_id == user.id)
            .map(|grant| format!("{} – {}", grant.role, grant.unit_name))
            .collect();
        println!(
            "{:<16} {:<24} {}",
            user.username,
            user.display_name,
            roles.join(", ")
        );
    }
    Ok(())
}

fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    let password = if from_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .context("could not read the password from standard input")?;
        input.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        rpassword::prompt_password("Password: ").context("could not read the password")?
    };
    Ok(password)
}
