//! Logging in and out.

use app::backend::NewSession;
use app::error::AppError;

use crate::auth::{password, rate_limit, session};
use crate::db::{login_attempts, now_ms, sessions, users};
use crate::errors::internal;
use crate::state::AppState;

/// Counts the attempt against the rate limit, checks the password (within
/// the bound on checks at once) and opens a session.
#[tracing::instrument(skip(state, password), fields(username = %username))]
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    client_ip: String,
) -> Result<NewSession, AppError> {
    let pool = state.db.pool();
    let now = now_ms();
    let attempt = rate_limit::admit(&state.db, &state.settings, username, &client_ip, now).await?;

    let credentials = match users::credentials(pool, username).await {
        Ok(credentials) => credentials.filter(|credentials| credentials.disabled_at.is_none()),
        Err(error) => {
            rate_limit::withdraw(&state.db, attempt).await;
            return Err(internal("load credentials")(error));
        }
    };
    let stored = credentials.as_ref().and_then(|c| c.password_hash.clone());
    let typed = password.to_owned();
    let checked = state
        .passwords
        .run(move || password::verify(&typed, stored.as_deref()))
        .await;
    let verified = match checked {
        Ok(verified) => verified,
        Err(busy) => {
            rate_limit::withdraw(&state.db, attempt).await;
            return Err(busy);
        }
    };
    let Some(credentials) = credentials.filter(|_| verified) else {
        tracing::info!("login refused");
        return Err(AppError::InvalidCredentials);
    };
    rate_limit::succeeded(&state.db, attempt).await?;

    let token = session::new_token();
    let ttl_ms = state.session_ttl_ms();
    sessions::insert(
        pool,
        &session::token_hash(&token),
        &credentials.id,
        now,
        now + ttl_ms,
    )
    .await
    .map_err(internal("store session"))?;
    tracing::info!(user_id = %credentials.id, "logged in");
    Ok(NewSession {
        token,
        max_age_secs: ttl_ms / 1_000,
    })
}

/// Ends the session with this token.
#[tracing::instrument(skip_all)]
pub async fn logout(state: &AppState, token: &str) -> Result<(), AppError> {
    sessions::delete(state.db.pool(), &session::token_hash(token))
        .await
        .map_err(internal("delete session"))
}

/// Removes expired sessions and login attempts older than a day.
pub async fn clean_up(state: &AppState) -> anyhow::Result<()> {
    let now = now_ms();
    let pool = state.db.pool();
    let sessions = sessions::delete_expired(pool, now).await?;
    let attempts = login_attempts::delete_older_than(pool, now - 24 * 3_600_000).await?;
    tracing::debug!(sessions, attempts, "cleaned up");
    Ok(())
}
