//! A translated message for an [`AppError`].

use leptos::prelude::*;

use crate::error::{AppError, InvalidInput};
use crate::i18n::{Locale, t, td_string, use_i18n};

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
        AppError::Retired => t!(i18n, err_retired).into_any(),
        AppError::CrossSite => t!(i18n, err_cross_site).into_any(),
        AppError::Internal => t!(i18n, err_internal).into_any(),
        AppError::Malformed(reason) => reason.into_any(),
        AppError::Transport(_) => t!(i18n, err_transport).into_any(),
        AppError::Invalid(reason) => {
            (move || invalid_input_text(i18n.get_locale(), reason)).into_any()
        }
    }
}

/// Why input was refused, in `locale`, as plain text (also for pages the
/// server renders without the app, such as a report form's refusal).
pub fn invalid_input_text(locale: Locale, reason: InvalidInput) -> &'static str {
    match reason {
        InvalidInput::Username => td_string!(locale, invalid_username),
        InvalidInput::UsernameTaken => td_string!(locale, invalid_username_taken),
        InvalidInput::DisplayName => td_string!(locale, invalid_display_name),
        InvalidInput::PasswordTooShort => td_string!(locale, invalid_password),
        InvalidInput::Role => td_string!(locale, invalid_role),
        InvalidInput::Unit => td_string!(locale, invalid_unit),
        InvalidInput::User => td_string!(locale, invalid_user),
        InvalidInput::GrantExists => td_string!(locale, invalid_grant_exists),
        InvalidInput::ReportCategory => td_string!(locale, invalid_report_category),
        InvalidInput::ReportDescription => td_string!(locale, invalid_report_description),
        InvalidInput::ReportSeverity => td_string!(locale, invalid_report_severity),
        InvalidInput::ReportWhen => td_string!(locale, invalid_report_when),
        InvalidInput::ReportContact => td_string!(locale, invalid_report_contact),
        InvalidInput::ReportForm => td_string!(locale, invalid_report_form),
        InvalidInput::TooManyPhotos => td_string!(locale, invalid_too_many_photos),
        InvalidInput::PhotoTooLarge => td_string!(locale, invalid_photo_too_large),
        InvalidInput::PhotoNotImage => td_string!(locale, invalid_photo_not_image),
        InvalidInput::PhotoUnreadable => td_string!(locale, invalid_photo_unreadable),
        InvalidInput::ImportEmpty => td_string!(locale, invalid_import_empty),
        InvalidInput::ImportTooLarge => td_string!(locale, invalid_import_too_large),
        InvalidInput::ImportHasProblems => td_string!(locale, invalid_import_problems),
        InvalidInput::PlaceName => td_string!(locale, invalid_place_name),
        InvalidInput::PlaceExists => td_string!(locale, invalid_place_exists),
        InvalidInput::PlaceInUse => td_string!(locale, invalid_place_in_use),
        InvalidInput::UnitLevel => td_string!(locale, invalid_unit_level),
        InvalidInput::RoomBuilding => td_string!(locale, invalid_room_building),
        InvalidInput::Verneombud => td_string!(locale, invalid_verneombud),
        InvalidInput::CaseMove => td_string!(locale, invalid_case_move),
        InvalidInput::CaseCloseNote => td_string!(locale, invalid_case_close_note),
        InvalidInput::CaseRejectReason => td_string!(locale, invalid_case_reject_reason),
        InvalidInput::CaseReopenReason => td_string!(locale, invalid_case_reopen_reason),
        InvalidInput::CaseResponsible => td_string!(locale, invalid_case_responsible),
        InvalidInput::CaseComment => td_string!(locale, invalid_case_comment),
        InvalidInput::CaseChanged => td_string!(locale, invalid_case_changed),
        InvalidInput::TiltakDescription => td_string!(locale, invalid_tiltak_description),
        InvalidInput::TiltakDue => td_string!(locale, invalid_tiltak_due),
        InvalidInput::TiltakCost => td_string!(locale, invalid_tiltak_cost),
        InvalidInput::TiltakMove => td_string!(locale, invalid_tiltak_move),
        InvalidInput::TiltakReason => td_string!(locale, invalid_tiltak_reason),
        InvalidInput::RiskRating => td_string!(locale, invalid_risk_rating),
        InvalidInput::RiskClosed => td_string!(locale, invalid_risk_closed),
        InvalidInput::Email => td_string!(locale, invalid_email),
        InvalidInput::ActivityDay => td_string!(locale, invalid_activity_day),
        InvalidInput::ActivityKind => td_string!(locale, invalid_activity_kind),
        InvalidInput::ActivityNote => td_string!(locale, invalid_activity_note),
        InvalidInput::ActivityName => td_string!(locale, invalid_activity_name),
        InvalidInput::ActivityRule => td_string!(locale, invalid_activity_rule),
    }
}
