//! One full sync cycle: reference data, push, photos, pull, and what the
//! person sees of its outcome.

use wasm_bindgen::JsValue;

use super::{
    ENGINE, browser_online, counts, pull, push, refresh_status, triggers, update_status, upload,
};
use crate::offline::db::{self, META};
use crate::offline::db::{FINDINGS, OUTBOX, PHOTO_BLOBS, PHOTO_META, ROUNDS};
use crate::offline::net::{self, HttpError};
use crate::offline::store::{
    REFERENCE_KEY, SESSION_USER_KEY, checklist_key, drop_unseen, forget_person, session_user,
};
use crate::sync::reference::ReferenceData;
use crate::sync::rules::{FailureKind, backoff_ms, failure_kind};
use crate::sync::visibility::visible_units;

/// Why a cycle stopped early.
pub(super) enum Stop {
    /// Network or server trouble: keep everything and retry after a back-off.
    Retry(String),
    /// The session is gone: keep everything until the person logs in.
    LogIn,
    /// The server refused a whole request, or the device could not store.
    Refused(String),
}

impl From<HttpError> for Stop {
    fn from(error: HttpError) -> Stop {
        match failure_kind(error.status) {
            FailureKind::Retry => Stop::Retry(retry_message(&error)),
            FailureKind::LogIn => Stop::LogIn,
            FailureKind::Refused => Stop::Refused(error.message),
        }
    }
}

/// A device (IndexedDB) failure stops the cycle with its message.
impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Refused(message)
    }
}

fn retry_message(error: &HttpError) -> String {
    if error.status == 0 {
        "Fikk ikke kontakt med serveren. Prøver igjen snart.".to_owned()
    } else {
        format!(
            "Serveren svarte ikke som ventet ({}). Prøver igjen snart.",
            error.status
        )
    }
}

/// Runs the cycle and records its outcome.
pub(super) async fn run() {
    let online = browser_online();
    update_status(|status| {
        status.offline = !online;
        status.syncing = online;
    });
    if online {
        let outcome = steps().await;
        settle(outcome).await;
    }
    refresh_status().await;
    update_status(|status| status.syncing = false);
}

async fn steps() -> Result<(), Stop> {
    let user = fetch_reference().await?;
    push::push_all(user.as_deref()).await?;
    upload::upload_waiting(user.as_deref()).await?;
    // Pages show rounds only to a person who walks rounds (see
    // `sync::visibility`): for anyone else the phone keeps none of them.
    if user.is_some() {
        pull::pull_all().await?;
    }
    // A photo that cannot be shrunk only takes room: the sync succeeded.
    let _ = upload::shrink_all_uploaded().await;
    Ok(())
}

async fn settle(outcome: Result<(), Stop>) {
    match outcome {
        Ok(()) => {
            ENGINE.with_borrow_mut(|engine| {
                engine.attempt = 0;
                engine.retry_at_ms = 0.0;
            });
            let now = db::now_ms();
            update_status(|status| {
                status.last_sync_ms = Some(now);
                status.last_error = None;
                status.need_login = false;
            });
            if let Err(message) = counts::save_last_sync(now).await {
                update_status(|status| status.last_error = Some(message));
            }
        }
        Err(Stop::Retry(message)) => {
            let attempt = ENGINE.with_borrow_mut(|engine| {
                engine.attempt = engine.attempt.saturating_add(1);
                engine.attempt
            });
            triggers::retry_after(backoff_ms(attempt, js_sys::Math::random()));
            update_status(|status| status.last_error = Some(message));
        }
        Err(Stop::LogIn) => update_status(|status| status.need_login = true),
        Err(Stop::Refused(message)) => {
            // A refused batch would be refused again at once: wait as after a failure.
            let attempt = ENGINE.with_borrow_mut(|engine| {
                engine.attempt = engine.attempt.saturating_add(1);
                engine.attempt
            });
            triggers::retry_after(backoff_ms(attempt, js_sys::Math::random()));
            update_status(|status| status.last_error = Some(message));
        }
    }
}

/// Fetches and keeps the reference data and its checklist, and returns who
/// is logged in: the person whose queued work this session may send. A
/// person without round roles gets 403, which is no failure of the sync but
/// leaves nobody known, so nothing queued is sent under their session, and
/// no round is pulled or shown. Any other failure stops the cycle:
/// without knowing who is logged in, nothing may be sent. When another
/// person than before is known, rounds of units they may not see leave the
/// device (see [`crate::sync::visibility`]).
async fn fetch_reference() -> Result<Option<String>, Stop> {
    let fetched = net::get_json::<ReferenceData>("/api/v1/sync/reference").await;
    let before = {
        let transaction = db::read(&[META]).await?;
        session_user(&db::store(&transaction, META)?).await?
    };
    let reference = match fetched {
        Ok(reference) => reference,
        Err(error) if error.status == 403 => {
            if before.is_some() {
                forget_person().await?;
            }
            return Ok(None);
        }
        Err(error) => return Err(error.into()),
    };
    let changed = before.as_deref() != Some(reference.user_id.as_str());
    // Only a change of person touches the records; otherwise META will do.
    let stores = if changed {
        vec![ROUNDS, FINDINGS, PHOTO_META, PHOTO_BLOBS, OUTBOX, META]
    } else {
        vec![META]
    };
    let transaction = db::write(&stores).await?;
    let work = async {
        if changed {
            let visible = visible_units(Some(&reference), Some(&reference.user_id));
            drop_unseen(&transaction, &visible).await?;
        }
        let meta = db::store(&transaction, META)?;
        db::put_at(&meta, REFERENCE_KEY, &db::to_js(&reference)?).await?;
        let user = JsValue::from_str(&reference.user_id);
        db::put_at(&meta, SESSION_USER_KEY, &user).await?;
        if let Some(checklist) = &reference.checklist {
            let value: JsValue = db::to_js(checklist)?;
            db::put_at(&meta, &checklist_key(&checklist.version_id), &value).await?;
        }
        Ok::<(), String>(())
    }
    .await;
    db::finish(transaction, work).await?;
    Ok(Some(reference.user_id))
}
