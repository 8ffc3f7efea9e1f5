//! Reports from staff who scan the QR code posted in a room: the report page
//! (`/r/{token}`), the receipt and private status page (`/s/{token}`), and
//! the room's poster (`/admin/plakat?rom=…`; the rooms are listed on
//! `/admin/rom`, see [`crate::places`]).
//!
//! The report page is a plain HTML form that posts to the server without
//! any script (multipart, with photos); the server answers with a redirect
//! to the status page, which then shows the receipt number.

pub mod any_room;
pub mod categories;
pub mod form_sending;
pub mod labels_page;
pub mod load;
pub mod page;
pub mod poster_page;
#[cfg(feature = "hydrate")]
pub mod queue;
pub mod refused;
pub mod report_form;
pub mod sending;
pub mod status_page;

use serde::{Deserialize, Serialize};

pub use categories::{ReportCategory, Severity};

/// Path of the report page for a room's QR token.
pub fn report_path(token: &str) -> String {
    format!("/r/{token}")
}

/// The code of the report form a phone keeps for rooms it has never
/// opened: the service worker shows it for any room's code when there is
/// no network, and the report goes to the room the scanned code belongs to
/// once it is sent. A room's own code is ten characters from an alphabet
/// without `-`, so it can never be this.
pub const ANY_ROOM_TOKEN: &str = "uten-nett";

/// Path of a report's private status page.
pub fn status_path(status_token: &str) -> String {
    format!("/s/{status_token}")
}

/// Whether the page shown is a QR report or status page (in the browser).
#[cfg(feature = "hydrate")]
pub fn is_report_page() -> bool {
    web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .is_some_and(|path| path.starts_with("/r/") || path.starts_with("/s/"))
}

/// The longest "what happened" text accepted, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 4_000;
/// The longest name or e-mail accepted, in characters.
pub const MAX_CONTACT_CHARS: usize = 200;
/// The most photos one report may carry.
pub const MAX_PHOTOS: usize = 3;

/// The room a QR code points at, as the report page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRoom {
    /// The room's QR token (the form posts back to it).
    pub token: String,
    /// Name or number on the door.
    pub room: String,
    /// Floor, possibly empty.
    pub floor: String,
    /// Building name.
    pub building: String,
    /// The unit that uses the room.
    pub unit: String,
    /// A fresh id for this report, so that a form sent twice (a reload, a
    /// double tap, a retry) opens one case.
    pub client_id: String,
    /// The logged-in person's name, filled in for them; empty otherwise.
    pub reporter_name: String,
    /// The logged-in person's e-mail, filled in for them; empty otherwise.
    pub reporter_email: String,
    /// The id of the person the form was made for (empty when nobody was
    /// logged in). The report is tied to an account only when it is sent
    /// under that same person's session: a report kept on a shared phone
    /// is never credited to whoever logs in next.
    pub reporter_user_id: String,
}

/// What a scanned code leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoomLookup {
    /// A room that takes reports.
    Open(ReportRoom),
    /// The form for a room the phone knows only by the code it scanned
    /// (see [`ANY_ROOM_TOKEN`]); room, building and unit are empty.
    AnyRoom(ReportRoom),
    /// A code that was replaced by a new one or whose room was retired.
    Retired {
        /// The unit the room belonged to.
        unit: String,
        /// Whom to contact instead (names of the unit's leaders).
        contacts: Vec<String>,
    },
}

/// A case as its reporter sees it through the private status link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportStatus {
    /// The case number to read aloud (e.g. `AV-2026-0042`).
    pub receipt_no: String,
    /// The case's state.
    pub status: CaseState,
    /// Room and building, as reported.
    pub place: String,
    /// The unit handling it.
    pub unit: String,
    /// When it was sent, in Norwegian time (e.g. `5.12.2026 08:30`).
    pub reported_at: String,
    /// The category chosen.
    pub category: Option<ReportCategory>,
    /// Comments the leader marked as visible to the reporter, oldest first.
    pub comments: Vec<VisibleComment>,
}

/// Where a case is in its handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Not yet looked at.
    Open,
    /// Being handled.
    InProgress,
    /// Measures (tiltak) are planned and under way.
    MeasuresPlanned,
    /// Done.
    Closed,
    /// Not an avvik, or not one to follow up here (with a reason).
    Rejected,
}

impl CaseState {
    /// Every state, in the order of the handling.
    pub const ALL: [CaseState; 5] = [
        CaseState::Open,
        CaseState::InProgress,
        CaseState::MeasuresPlanned,
        CaseState::Closed,
        CaseState::Rejected,
    ];

    /// The state as the database stores it.
    pub fn as_db(self) -> &'static str {
        match self {
            CaseState::Open => "open",
            CaseState::InProgress => "in_progress",
            CaseState::MeasuresPlanned => "measures_planned",
            CaseState::Closed => "closed",
            CaseState::Rejected => "rejected",
        }
    }

    /// The state stored in the database, if it is one Vern knows.
    pub fn from_db(value: &str) -> Option<CaseState> {
        Self::ALL.into_iter().find(|state| state.as_db() == value)
    }

    /// Whether the case still waits for handling (neither closed nor
    /// rejected).
    pub fn is_open(self) -> bool {
        !matches!(self, CaseState::Closed | CaseState::Rejected)
    }
}

/// A comment shown on the status page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisibleComment {
    /// When it was written, in Norwegian time.
    pub at: String,
    /// The text.
    pub body: String,
}

/// A room's poster: what is printed around the QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    /// Room id.
    pub room_id: String,
    /// Name or number on the door.
    pub room: String,
    /// Floor, possibly empty.
    pub floor: String,
    /// Building name.
    pub building: String,
    /// The unit that uses the room.
    pub unit: String,
    /// The report page's full URL, printed under the code.
    pub url: String,
    /// The QR code of `url` as an SVG document made by the server.
    pub qr_svg: String,
}

/// A room in the admin's list of rooms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PosterRoom {
    /// Room id.
    pub id: String,
    /// Name or number on the door.
    pub room: String,
    /// Floor, possibly empty.
    pub floor: String,
    /// Building name.
    pub building: String,
    /// The unit that uses the room.
    pub unit: String,
}
