//! A translated message for an [`AppError`].

use leptos::prelude::*;

use crate::error::{AppError, InvalidInput};
use crate::i18n::{t, use_i18n};

/// Says what went wrong in words a person can act on.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::Unauthenticated => t!(i18n, err_unauthenticated).into_any(),
        AppError::InvalidCredentials => t!(i18n, err_invalid_credentials).into_any(),
        AppError::RateLimited { retry_after_secs } if retry_after_secs < 60 => {
            let seconds = retry_after_secs.max(1);
            t!(i18n, err_rate_limited_seconds, seconds).into_any()
        }
        AppError::RateLimited { retry_after_secs } => {
            let minutes = retry_after_secs.div_ceil(60).max(1);
            t!(i18n, err_rate_limited, minutes).into_any()
        }
        AppError::Busy { retry_after_secs } => {
            let seconds = retry_after_secs.max(1);
            t!(i18n, err_busy, seconds).into_any()
        }
        AppError::Forbidden => t!(i18n, err_forbidden).into_any(),
        AppError::NotFound => t!(i18n, err_not_found).into_any(),
        AppError::CrossSite => t!(i18n, err_cross_site).into_any(),
        AppError::Internal => t!(i18n, err_internal).into_any(),
        AppError::Malformed(reason) => reason.into_any(),
        AppError::Transport(_) => t!(i18n, err_transport).into_any(),
        AppError::Invalid(reason) => match reason {
            InvalidInput::Username => t!(i18n, invalid_username).into_any(),
            InvalidInput::UsernameTaken => t!(i18n, invalid_username_taken).into_any(),
            InvalidInput::DisplayName => t!(i18n, invalid_display_name).into_any(),
            InvalidInput::PasswordTooShort => t!(i18n, invalid_password).into_any(),
            InvalidInput::Role => t!(i18n, invalid_role).into_any(),
            InvalidInput::Unit => t!(i18n, invalid_unit).into_any(),
            InvalidInput::User => t!(i18n, invalid_user).into_any(),
            InvalidInput::GrantExists => t!(i18n, invalid_grant_exists).into_any(),
        },
    }
}
