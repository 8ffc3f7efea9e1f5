//! Login sessions: random tokens in an HttpOnly cookie, SHA-256 of the token
//! in the database, resolved once per request into an [`Authenticated`].

use app::backend::Authenticated;
use app::domain::SESSION_COOKIE;
use app::domain::users::CurrentUser;
use app::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::db::{grants, now_ms, sessions, users};
use crate::errors::internal;
use crate::state::AppState;

/// Extend a session's expiry at most this often (ms), to spare the database a write per request.
const TOUCH_INTERVAL_MS: i64 = 5 * 60_000;

/// A new random session token (256 bits, URL-safe).
pub fn new_token() -> String {
    let mut bytes = [0_u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token in the request's cookies, if any.
pub fn token_from_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The `Set-Cookie` value for a session (or for clearing it with `None`).
pub fn cookie(token: Option<&str>, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}"
        ),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// Middleware: resolves the session cookie into an [`Authenticated`] request
/// extension (and marks a stale cookie with [`StaleSession`]). When the
/// session was extended, the cookie is sent again with the new lifetime, so
/// that the browser keeps it as long as the server does (unless the
/// response sets the cookie itself, as login and logout do).
pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if crate::http::page_guard::is_static_asset(request.uri().path()) {
        return next.run(request).await;
    }
    let mut renewed = None;
    let touch = !is_report_traffic(request.uri().path());
    if let Some(token) = token_from_headers(request.headers()) {
        match load(&state, &token, touch).await {
            Ok(Some(Loaded { user, extended })) => {
                renewed = extended.then(|| token.clone());
                request
                    .extensions_mut()
                    .insert(Authenticated { user, token });
            }
            Ok(None) => {
                request.extensions_mut().insert(StaleSession);
            }
            Err(error) => return crate::errors::ApiError(error).into_response(),
        }
    }
    let mut response = next.run(request).await;
    if let Some(token) = renewed
        && !response.headers().contains_key(SET_COOKIE)
    {
        let max_age_secs = state.session_ttl_ms() / 1000;
        let value = cookie(Some(&token), max_age_secs, state.settings.secure_cookies());
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

/// The QR report pages, their form's post and the server functions behind
/// them never move a session's last-seen time: the time of an anonymous
/// report must not line up with a person's recorded activity.
fn is_report_traffic(path: &str) -> bool {
    path.starts_with("/r/")
        || path.starts_with("/s/")
        || matches!(path, "/api/fn/report_room" | "/api/fn/report_status")
}

/// Marks a request whose session cookie is expired or unknown.
#[derive(Clone, Copy, Debug)]
pub struct StaleSession;

/// A live session's user, and whether its expiry was just extended.
#[derive(Debug)]
pub struct Loaded {
    /// The person.
    pub user: CurrentUser,
    /// The expiry moved on (at most every few minutes): re-send the cookie.
    pub extended: bool,
}

/// Loads the user of a live session, extending the session when due and
/// `touch` allows it.
pub async fn load(state: &AppState, token: &str, touch: bool) -> Result<Option<Loaded>, AppError> {
    let pool = state.db.pool();
    let hash = token_hash(token);
    let now = now_ms();
    let Some(session) = sessions::live(pool, &hash, now)
        .await
        .map_err(internal("look up session"))?
    else {
        return Ok(None);
    };
    let extended = touch && now - session.last_seen_at > TOUCH_INTERVAL_MS;
    if extended {
        let expires = now + state.session_ttl_ms();
        sessions::touch(pool, &hash, now, expires)
            .await
            .map_err(internal("extend session"))?;
    }
    let user = current_user(state, &session.user_id).await?;
    Ok(user.map(|user| Loaded { user, extended }))
}

/// The user with their active grants, as the pages see them.
pub async fn current_user(
    state: &AppState,
    user_id: &str,
) -> Result<Option<CurrentUser>, AppError> {
    user_with_grants(state.db.pool(), user_id).await
}

/// [`current_user`] from the pool alone (for jobs that run outside a
/// request, such as the mailer).
pub async fn user_with_grants(
    pool: &sqlx::AnyPool,
    user_id: &str,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(user) = users::by_id(pool, user_id)
        .await
        .map_err(internal("load user"))?
    else {
        return Ok(None);
    };
    let grants = grants::for_user(pool, user_id)
        .await
        .map_err(internal("load grants"))?;
    Ok(Some(CurrentUser {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        grants: grants.iter().filter_map(grants::GrantRow::view).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let set = cookie(Some("abc"), 60, true);
        assert!(set.contains("vern_session=abc"));
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Secure"));
        assert!(cookie(None, 0, false).contains("Max-Age=0"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            COOKIE,
            "a=1; vern_session=tok; b=2".parse().expect("header"),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("tok"));
        headers.insert(COOKIE, "vern_session=".parse().expect("header"));
        assert_eq!(token_from_headers(&headers), None);
    }
}
