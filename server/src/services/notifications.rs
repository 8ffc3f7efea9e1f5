//! A person's notifications: read from their own list only, marked read all
//! at once. A notification is written for people who may read its case
//! (see the callers of [`notify`]), and shown only while they still do.

use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::notifications::mail_choice::{MailChoice, MailSettings};
use app::notifications::model::{NOTICE_LIMIT, Notice, NoticeKind, Notices};
use sqlx::AnyConnection;

use super::avvik_list::{reach_of, reaches_any};
use crate::db::mail_outbox;
use crate::db::notifications::{self, NewNotice, NoticeRow};
use crate::db::now_ms;
use crate::errors::internal;
use crate::local_time::oslo_text;
use crate::state::AppState;

/// Writes a notification of `kind` about a case (and maybe one of its
/// measures) for `people`, leaving out `actor` (nobody is told of their
/// own change). A reminder (`once`) reaches each person once.
pub async fn notify(
    conn: &mut AnyConnection,
    kind: NoticeKind,
    (avvik_id, tiltak_id): (&str, Option<&str>),
    people: &[String],
    actor: Option<&str>,
    once: Option<&str>,
) -> sqlx::Result<u64> {
    let people: Vec<String> = people
        .iter()
        .filter(|person| Some(person.as_str()) != actor)
        .cloned()
        .collect();
    let notice = NewNotice {
        kind: kind.as_db(),
        avvik_id: Some(avvik_id),
        tiltak_id,
        once_per_person: once,
        now: now_ms(),
    };
    notifications::insert_for(conn, &notice, &people).await
}

/// The newest notifications of `user`, about cases they still read.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn notices(state: &AppState, user: &CurrentUser) -> Result<Notices, AppError> {
    let (reach, _, _) = reach_of(state.db.pool(), user).await?;
    if !reaches_any(&reach) {
        return Ok(Notices::default());
    }
    let pool = state.db.pool();
    let rows = notifications::of_user(pool, &user.id, &reach, NOTICE_LIMIT)
        .await
        .map_err(internal("load notifications"))?;
    let unread = notifications::unread(pool, &user.id, &reach)
        .await
        .map_err(internal("count notifications"))?;
    Ok(Notices {
        items: rows.into_iter().filter_map(notice).collect(),
        unread,
    })
}

/// How many notifications `user` has not read, about cases they still read.
pub async fn unread(state: &AppState, user: &CurrentUser) -> Result<i64, AppError> {
    let (reach, _, _) = reach_of(state.db.pool(), user).await?;
    if !reaches_any(&reach) {
        return Ok(0);
    }
    notifications::unread(state.db.pool(), &user.id, &reach)
        .await
        .map_err(internal("count notifications"))
}

/// Marks all of `user`'s notifications read.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn mark_read(state: &AppState, user: &CurrentUser) -> Result<(), AppError> {
    notifications::mark_read(state.db.pool(), &user.id, now_ms())
        .await
        .map_err(internal("mark notifications read"))
}

/// `user`'s choice of e-mail, and their address.
#[tracing::instrument(skip(state, user), fields(user = %user.id))]
pub async fn mail_settings(state: &AppState, user: &CurrentUser) -> Result<MailSettings, AppError> {
    let (choice, email) = mail_outbox::choice_of(state.db.pool(), &user.id)
        .await
        .map_err(internal("load the mail choice"))?
        .ok_or(AppError::NotFound)?;
    Ok(MailSettings {
        choice: MailChoice::from_db(&choice).unwrap_or_default(),
        email,
    })
}

/// Saves `user`'s choice of e-mail and address; an address SMTP cannot
/// carry is refused (the form has checked only its shape).
#[tracing::instrument(skip(state, user, settings), fields(user = %user.id))]
pub async fn save_mail_settings(
    state: &AppState,
    user: &CurrentUser,
    settings: MailSettings,
) -> Result<(), AppError> {
    // The form checked its shape; what SMTP cannot carry is refused too.
    if !settings.email.is_empty() && settings.email.parse::<lettre::Address>().is_err() {
        return Err(AppError::Invalid(InvalidInput::Email));
    }
    mail_outbox::save_settings(
        state.db.pool(),
        &user.id,
        settings.choice.as_db(),
        &settings.email,
    )
    .await
    .map_err(internal("save the mail choice"))
}

/// A stored notification as its list shows it (a kind this version does
/// not know is left out).
pub(crate) fn notice(row: NoticeRow) -> Option<Notice> {
    let kind = NoticeKind::from_db(&row.kind)?;
    let subject = match kind {
        NoticeKind::DueSoon | NoticeKind::Overdue => row.tiltak_text.or(row.case_text),
        _ => row.case_text,
    };
    Some(Notice {
        kind,
        case_id: row.avvik_id,
        receipt_no: row.receipt_no.unwrap_or_default(),
        subject: subject.unwrap_or_default(),
        at: oslo_text(row.created_at),
        unread: row.read_at.is_none(),
    })
}
