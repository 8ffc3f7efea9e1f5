//! A person's notifications as pages show them, and the server functions
//! that read them and mark them read.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{Locale, td_string};

/// What a notification tells of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// The person was made responsible for a case.
    Assigned,
    /// A QR report opened a case in their unit or area.
    NewReport,
    /// Someone commented on a case they follow (see `followers_of` in the server).
    Commented,
    /// A measure they are responsible for is due within 7 days.
    DueSoon,
    /// A measure in their unit, or theirs, passed its deadline unresolved.
    Overdue,
    /// A round's measure was not followed up: a case was opened for it.
    FollowUp,
}

impl NoticeKind {
    /// Every kind.
    pub const ALL: [NoticeKind; 6] = [
        NoticeKind::Assigned,
        NoticeKind::NewReport,
        NoticeKind::Commented,
        NoticeKind::DueSoon,
        NoticeKind::Overdue,
        NoticeKind::FollowUp,
    ];

    /// The kind as stored.
    pub fn as_db(self) -> &'static str {
        match self {
            NoticeKind::Assigned => "assigned",
            NoticeKind::NewReport => "new_report",
            NoticeKind::Commented => "commented",
            NoticeKind::DueSoon => "due_soon",
            NoticeKind::Overdue => "overdue",
            NoticeKind::FollowUp => "follow_up",
        }
    }

    /// Parses a stored kind.
    pub fn from_db(value: &str) -> Option<NoticeKind> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == value)
    }

    /// What the notification tells, in words.
    pub fn label(self, locale: Locale) -> &'static str {
        match self {
            NoticeKind::Assigned => td_string!(locale, notice_assigned),
            NoticeKind::NewReport => td_string!(locale, notice_new_report),
            NoticeKind::Commented => td_string!(locale, notice_commented),
            NoticeKind::DueSoon => td_string!(locale, notice_due_soon),
            NoticeKind::Overdue => td_string!(locale, notice_overdue),
            NoticeKind::FollowUp => td_string!(locale, notice_follow_up),
        }
    }
}

/// One notification.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// What it tells of.
    pub kind: NoticeKind,
    /// The case it leads to, if any.
    pub case_id: Option<String>,
    /// The case's number (`AV-2026-0042`).
    pub receipt_no: String,
    /// The case's or the measure's text.
    pub subject: String,
    /// When, in Norwegian time.
    pub at: String,
    /// Not read yet.
    pub unread: bool,
}

/// The newest notifications of a person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notices {
    /// Newest first (at most [`NOTICE_LIMIT`]).
    pub items: Vec<Notice>,
    /// How many are unread.
    pub unread: i64,
}

/// How many notifications the page shows.
pub const NOTICE_LIMIT: i64 = 100;

/// The logged-in person's newest notifications.
#[server(prefix = "/api/fn", endpoint = "notifications")]
pub async fn load_notices() -> Result<Notices, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.notices(&user).await
        }
        .await,
    )
}

/// How many notifications the logged-in person has not read.
#[server(prefix = "/api/fn", endpoint = "notifications_unread")]
pub async fn unread_notices() -> Result<i64, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.unread_notices(&user).await
        }
        .await,
    )
}

/// Marks all the logged-in person's notifications read.
#[server(prefix = "/api/fn", endpoint = "notifications_read")]
pub async fn mark_notices_read() -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.mark_notices_read(&user).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_the_database() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_db(kind.as_db()), Some(kind));
        }
        assert_eq!(NoticeKind::from_db("something"), None);
    }
}
