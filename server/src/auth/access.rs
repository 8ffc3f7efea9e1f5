//! The one authorization check: may this user do this action on this unit?

use app::domain::access::{Action, Grant, may};
use app::domain::users::CurrentUser;
use app::error::AppError;

use crate::db::{Db, units};
use crate::errors::internal;

/// Succeeds when `user` may do `action` on `unit_id`. An unknown unit is
/// `NotFound`; a known unit without a role there is `Forbidden`.
pub async fn require(
    db: &Db,
    user: &CurrentUser,
    action: Action,
    unit_id: &str,
) -> Result<(), AppError> {
    let chain = units::chain(db.pool(), unit_id)
        .await
        .map_err(internal("load unit ancestry"))?;
    decide(user, action, &chain)
}

/// [`require`]'s answer for a loaded ancestry chain (the unit first; empty
/// when the unit does not exist).
pub fn decide(user: &CurrentUser, action: Action, chain: &[String]) -> Result<(), AppError> {
    if chain.is_empty() {
        return Err(AppError::NotFound);
    }
    if allowed(user, action, chain) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The pure decision for a loaded ancestry chain (the unit first).
pub fn allowed(user: &CurrentUser, action: Action, chain: &[String]) -> bool {
    let grants: Vec<Grant<'_>> = user
        .grants
        .iter()
        .map(|grant| Grant {
            unit_id: &grant.unit_id,
            role: grant.role,
        })
        .collect();
    may(&grants, chain, action)
}
