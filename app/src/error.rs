//! The one error type that server functions and the HTTP API return.
//!
//! Variants say what a person can do about the problem; the UI turns each into
//! a translated message. Internal details are logged on the server, never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Input that was refused, with a reason the UI can translate (the English
/// text is for the command line and the logs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum InvalidInput {
    /// The login name breaks the username rules.
    #[error("the login name must be 3–64 lowercase letters, digits or . - _ @")]
    Username,
    /// The login name is already taken.
    #[error("the login name is taken")]
    UsernameTaken,
    /// The display name is empty.
    #[error("the name is empty")]
    DisplayName,
    /// The password is shorter than the minimum.
    #[error(
        "the password is shorter than {} characters",
        crate::domain::users::rules::MIN_PASSWORD_LEN
    )]
    PasswordTooShort,
    /// The role is not one Vern knows.
    #[error("no such role")]
    Role,
    /// The unit does not exist.
    #[error("no such unit")]
    Unit,
    /// The user does not exist.
    #[error("no such user")]
    User,
    /// The user already holds that role in that unit.
    #[error("the user already has that role in that unit")]
    GrantExists,
    /// A report without a category Vern knows.
    #[error("choose what the report is about")]
    ReportCategory,
    /// A report without a description, or with one that is too long.
    #[error("say what happened, in at most 4000 characters")]
    ReportDescription,
    /// A report without a severity Vern knows.
    #[error("choose how serious it is")]
    ReportSeverity,
    /// A report whose time is not a date and time, or lies in the future.
    #[error("the time must be a date and time that has passed")]
    ReportWhen,
    /// A name or e-mail that is too long, or an e-mail without `@`.
    #[error("the name or e-mail is too long, or the e-mail is not an address")]
    ReportContact,
    /// A report form without its id (damaged or not from Vern).
    #[error("the form is incomplete; load the page again")]
    ReportForm,
    /// More photos than a report may carry.
    #[error("a report may carry at most 3 photos")]
    TooManyPhotos,
    /// A photo, or all of them together, larger than Vern accepts.
    #[error("the photo is too large (at most 20 MB each, 40 MB together)")]
    PhotoTooLarge,
    /// A file that is not a JPEG, PNG or WebP image.
    #[error("the file is not a photo (JPEG, PNG or WebP)")]
    PhotoNotImage,
    /// An image that is damaged or too large to open.
    #[error("the photo is damaged or has too many pixels")]
    PhotoUnreadable,
    /// A room import without any room in it.
    #[error("the file holds no rooms")]
    ImportEmpty,
    /// A room import with more lines than one import may hold.
    #[error("the file holds more than 5000 rooms")]
    ImportTooLarge,
    /// A room import with at least one line that cannot be saved.
    #[error("some lines cannot be saved; nothing was saved")]
    ImportHasProblems,
    /// Another place where this one would be has the same name (a room in
    /// the building, a unit under the parent, an area or building in the unit).
    #[error("there is already one with this name here")]
    PlaceExists,
    /// A name that is empty or longer than 200 characters.
    #[error("the name must have 1 to 200 characters")]
    PlaceName,
    /// A unit or building that still holds active places cannot be retired.
    #[error("move or retire what it holds first")]
    PlaceInUse,
    /// A unit moved or created where the tree has no room for its level
    /// (a sektor under a kommune, an enhet under a sektor, an avdeling under an enhet).
    #[error("that level cannot sit there in the organisation tree")]
    UnitLevel,
    /// A room put in a building that neither its unit nor a unit above owns.
    #[error("the building does not belong to the unit or a unit above it")]
    RoomBuilding,
    /// A verneombud who does not hold that role in the admin's units.
    #[error("choose a verneombud from the list")]
    Verneombud,
    /// A case moved to a state it cannot reach from where it is.
    #[error("the case cannot move there from where it is")]
    CaseMove,
    /// A case closed without a note of what was done.
    #[error("write what was done before closing the case")]
    CaseCloseNote,
    /// A case rejected without a reason.
    #[error("write why the case is rejected")]
    CaseRejectReason,
    /// A closed or rejected case reopened without a reason.
    #[error("write why the case is reopened")]
    CaseReopenReason,
    /// A responsible person without a role in the case's unit or above it.
    #[error("choose a responsible person from the list")]
    CaseResponsible,
    /// A comment that is empty or longer than 4000 characters.
    #[error("a comment must have 1 to 4000 characters")]
    CaseComment,
    /// The case changed (someone else moved it) since it was read.
    #[error("the case was changed meanwhile")]
    CaseChanged,
    /// A measure without a description, or with one over 2000 characters.
    #[error("say what will be done, in at most 2000 characters")]
    TiltakDescription,
    /// A measure without a deadline that is a real day (2000–2099).
    #[error("give the deadline as a date")]
    TiltakDue,
    /// A cost estimate that is not a whole number of kroner up to a billion.
    #[error("give the cost as whole kroner, or leave it empty")]
    TiltakCost,
    /// A measure's status moved where it cannot go from where it is.
    #[error("the measure cannot move there from where it is")]
    TiltakMove,
    /// A measure marked as not carried out without the reason.
    #[error("write why the measure is not carried out")]
    TiltakReason,
    /// A risk rating with a likelihood or consequence outside 1–5.
    #[error("choose likelihood and consequence from 1 to 5")]
    RiskRating,
    /// A closed or rejected case re-rated: it keeps the rating it ended with.
    #[error("a closed or rejected case keeps its rating; reopen it first")]
    RiskClosed,
    /// An e-mail address that is not one, or is longer than 254 characters.
    #[error("write an e-mail address such as name@example.no, or leave it empty")]
    Email,
    /// An activity recorded on a day that is not one, is after today, or
    /// is before 2000.
    #[error("give the day the activity was done, not after today")]
    ActivityDay,
    /// An activity of a kind the organisation does not use.
    #[error("choose one of the activities in the list")]
    ActivityKind,
    /// A note on an activity over 2000 characters.
    #[error("write at most 2000 characters about what was done")]
    ActivityNote,
    /// A kind of activity without a name, or with one over 100 characters.
    #[error("give the activity a name of at most 100 characters")]
    ActivityName,
    /// A rule for an activity that cannot be followed (a window that ends
    /// before it begins, times a year that do not divide it into whole
    /// months, an unknown round kind or role).
    #[error("the rule cannot be followed: check the months and the numbers")]
    ActivityRule,
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session: log in (again).
    #[error("not logged in")]
    Unauthenticated,
    /// Wrong username or password (deliberately not saying which).
    #[error("wrong username or password")]
    InvalidCredentials,
    /// Too many failed logins; try again after the given number of seconds.
    #[error("too many attempts, try again in {retry_after_secs} s")]
    RateLimited {
        /// Seconds until a new attempt is accepted.
        retry_after_secs: u64,
    },
    /// The server is at its limit for this kind of work (e.g. checking
    /// passwords); try again after the given number of seconds.
    #[error("the server is busy, try again in {retry_after_secs} s")]
    Busy {
        /// Seconds to wait before trying again.
        retry_after_secs: u64,
    },
    /// Logged in, but without a role that allows this.
    #[error("you do not have access to this")]
    Forbidden,
    /// The thing does not exist (or is not visible to the user).
    #[error("not found")]
    NotFound,
    /// The input was refused.
    #[error("invalid input: {0}")]
    Invalid(InvalidInput),
    /// A QR code that was replaced by a new one, or whose room was retired.
    #[error("this code is no longer in use")]
    Retired,
    /// The request came from another site or lacked its origin.
    #[error("request refused: cross-site request")]
    CrossSite,
    /// The request was malformed; the text says what to fix.
    #[error("{0}")]
    Malformed(String),
    /// Something failed inside the server; details are in its log.
    #[error("internal error, details are in the server log")]
    Internal,
    /// The request did not reach the server or the answer could not be read.
    #[error("network or protocol error: {0}")]
    Transport(String),
}

impl AppError {
    /// The HTTP status code that goes with the error.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::RateLimited { .. } => 429,
            AppError::Busy { .. } => 503,
            AppError::Forbidden | AppError::CrossSite => 403,
            AppError::NotFound => 404,
            AppError::Retired => 410,
            AppError::Invalid(InvalidInput::PhotoTooLarge) => 413,
            AppError::Invalid(InvalidInput::PhotoNotImage) => 415,
            AppError::Invalid(InvalidInput::PhotoUnreadable) => 422,
            AppError::Invalid(_) | AppError::Malformed(_) => 400,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// Seconds a client should wait before trying again (`Retry-After`).
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after_secs } | AppError::Busy { retry_after_secs } => {
                Some(*retry_after_secs)
            }
            _ => None,
        }
    }

    /// A short machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::InvalidCredentials => "invalid_credentials",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Busy { .. } => "busy",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::Retired => "retired",
            AppError::Invalid(_) => "invalid_input",
            AppError::Malformed(_) => "malformed",
            AppError::CrossSite => "cross_site",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request's fields could not be read (an unknown state, a
            // missing id): the sender must fix it, the server is fine.
            ServerFnErrorErr::Args(text) | ServerFnErrorErr::MissingArg(text) => {
                AppError::Malformed(text)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_status_a_client_expects() {
        assert_eq!(AppError::InvalidCredentials.status_code(), 401);
        assert_eq!(
            AppError::RateLimited {
                retry_after_secs: 60
            }
            .status_code(),
            429
        );
        assert_eq!(AppError::Forbidden.status_code(), 403);
        assert_eq!(AppError::Invalid(InvalidInput::Username).status_code(), 400);
        assert_eq!(
            AppError::Internal.to_string(),
            "internal error, details are in the server log"
        );
    }
}
