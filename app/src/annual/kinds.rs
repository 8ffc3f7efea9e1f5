//! The kinds of activity in the årshjul and their rules, as the
//! HMS-ansvarlig keeps them for the organisation, and the number of times
//! a year a unit holds a kind counted per year (its MKS meetings); with the
//! server functions that read and change them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{Locale, td_string};

/// The page's address.
pub const KINDS_PATH: &str = "/admin/arshjul";

/// The round kinds that may also do an activity (as stored).
pub const ROUND_KINDS: [&str; 4] = [
    "vernerunde",
    "brannvernrunde",
    "egenevaluering",
    "risikovurdering",
];

/// The times a year a kind counted per year may be held: each divides the
/// year into whole months.
pub const TIMES_A_YEAR: [u32; 6] = [1, 2, 3, 4, 6, 12];

/// How a kind's rule counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleKind {
    /// Once a year within a window of months.
    Yearly,
    /// Once every n years within a window of months.
    EveryYears,
    /// n times a year in equal parts.
    PerYear,
}

impl ScheduleKind {
    /// Every kind, in the form's order.
    pub const ALL: [ScheduleKind; 3] = [
        ScheduleKind::Yearly,
        ScheduleKind::EveryYears,
        ScheduleKind::PerYear,
    ];

    /// The kind as stored and sent.
    pub fn as_db(self) -> &'static str {
        match self {
            ScheduleKind::Yearly => "yearly",
            ScheduleKind::EveryYears => "every_years",
            ScheduleKind::PerYear => "per_year",
        }
    }

    /// Parses a stored kind.
    pub fn from_db(value: &str) -> Option<ScheduleKind> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == value)
    }

    /// Its name in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            ScheduleKind::Yearly => td_string!(locale, annual_schedule_yearly),
            ScheduleKind::EveryYears => td_string!(locale, annual_schedule_every_years),
            ScheduleKind::PerYear => td_string!(locale, annual_schedule_per_year),
        }
    }
}

/// A kind of activity as the form shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindSetting {
    /// Its id (empty for a new one).
    pub id: String,
    /// Its name.
    pub name: String,
    /// How its rule counts.
    pub schedule: ScheduleKind,
    /// The window's first month (1–12).
    pub from_month: u32,
    /// The window's last month.
    pub to_month: u32,
    /// Years between occurrences (every n years).
    pub every_years: u32,
    /// A year with an occurrence (every n years).
    pub first_year: i32,
    /// Times a year (n times a year).
    pub times: u32,
    /// The kind of round that also does it (empty: none).
    pub round_kind: String,
    /// The role responsible for it, as stored (`leder`, `hms_admin`).
    pub responsible: String,
}

/// The organisation's kinds in the årshjul's order.
#[server(prefix = "/api/fn", endpoint = "annual_kinds")]
pub async fn load_annual_kinds() -> Result<Vec<KindSetting>, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.annual_kinds(&user).await
        }
        .await,
    )
}

/// Adds a kind (`kind.id` empty) or changes one. The form's fields are
/// `kind[name]`, `kind[schedule]` and so on; the numbers come as typed and
/// are checked on the server.
#[server(prefix = "/api/fn", endpoint = "save_annual_kind")]
pub async fn save_annual_kind(kind: KindForm) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.save_annual_kind(&user, kind).await
        }
        .await,
    )
}

/// A kind as posted, unchecked (a field left out is empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KindForm {
    /// Its id (empty: a new kind).
    pub id: String,
    /// Its name.
    pub name: String,
    /// How its rule counts, as stored.
    pub schedule: String,
    /// The window's first month.
    pub from_month: String,
    /// The window's last month.
    pub to_month: String,
    /// Years between occurrences.
    pub every_years: String,
    /// A year with an occurrence.
    pub first_year: String,
    /// Times a year.
    pub times: String,
    /// The kind of round that also does it (empty: none).
    pub round_kind: String,
    /// The role responsible, as stored.
    pub responsible: String,
}

/// Takes a kind out of the årshjul (what was recorded for it is kept).
#[server(prefix = "/api/fn", endpoint = "archive_annual_kind")]
pub async fn archive_annual_kind(id: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.archive_annual_kind(&user, &id).await
        }
        .await,
    )
}

/// Sets how many times a year `unit` holds `kind` (a kind counted per
/// year), for those who keep the unit's plan.
#[server(prefix = "/api/fn", endpoint = "set_unit_times")]
pub async fn set_unit_times(unit: String, kind: String, times: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.set_unit_times(&user, &unit, &kind, &times).await
        }
        .await,
    )
}
