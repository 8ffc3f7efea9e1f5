//! In-app notifications: what happened that a person should know of (a case
//! given to them, a new report in their unit or area, a comment on their
//! case, a measure's deadline near or passed, a round's measure left
//! undone). The kinds and the list ([`model`]), the page `/varsler`
//! ([`page`]), the menu link with the unread count ([`bell`]), and the
//! person's choice of e-mail ([`mail_choice`], [`mail_form`]).

pub mod bell;
pub mod mail_choice;
pub mod mail_form;
pub mod model;
pub mod page;
