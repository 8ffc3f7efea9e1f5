//! Comments on a case: by those who follow it up and by verneombud (who
//! cannot close it), never by a read-only role (AMU), each internal or
//! visible to the reporter through the status link, each in the history (so
//! the case's timeline shows it), and told to those who follow the case
//! (its responsible person and everyone who handled or commented on it).

use app::domain::users::CurrentUser;
use app::error::{AppError, InvalidInput};
use app::notifications::model::NoticeKind;
use serde_json::json;

use super::avvik_case::readable_case;
use super::notifications::notify;
use crate::db::avvik_case::{self, NewComment};
use crate::db::history::{self, Change};
use crate::db::notifications;
use crate::db::{new_id, now_ms};
use crate::errors::internal;
use crate::state::AppState;

/// The longest comment, in characters.
const MAX_COMMENT_CHARS: usize = 4000;

/// Adds `body` to case `id`; `visible` shows it to the reporter.
#[tracing::instrument(skip(state, user, body), fields(user = %user.id))]
pub async fn comment_case(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    body: &str,
    visible: bool,
) -> Result<(), AppError> {
    let access = readable_case(state, user, id).await?;
    if !access.comments {
        return Err(AppError::Forbidden);
    }
    let case = access.head;
    let body = body.trim();
    if body.is_empty() || body.chars().count() > MAX_COMMENT_CHARS {
        return Err(AppError::Invalid(InvalidInput::CaseComment));
    }
    let (comment_id, now) = (new_id(), now_ms());
    let comment = NewComment {
        id: &comment_id,
        avvik_id: &case.id,
        author_user_id: &user.id,
        body,
        visible_to_reporter: visible,
        now,
    };
    let entry = Change {
        entity_kind: "avvik",
        entity_id: &case.id,
        unit_id: Some(&case.unit_id),
        action: "commented",
        actor_user_id: Some(&user.id),
        data: json!({ "comment_id": comment_id, "body": body, "visible_to_reporter": visible }),
    };
    let save = async {
        let mut tx = state.db.begin_change().await?;
        avvik_case::insert_comment(&mut tx, &comment).await?;
        history::append(&mut tx, &entry, now).await?;
        let followers = notifications::followers_of(&mut tx, &case.id).await?;
        let told = (&case.id[..], None);
        notify(
            &mut tx,
            NoticeKind::Commented,
            told,
            &followers,
            Some(&user.id),
            None,
        )
        .await?;
        tx.commit().await
    };
    save.await.map_err(internal("comment on a case"))
}
