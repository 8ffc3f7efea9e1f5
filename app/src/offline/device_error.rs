//! Why the device could not keep a change, in words through i18n.

use crate::i18n::{Locale, td_string};
use crate::sync::rules::FindingProblem;

/// Why a local write (a round, an answer, a sign-off, a photo) was not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceError {
    /// Nobody is known on the device: a change made now would later be
    /// sent as the next person's work, so it is refused on the spot.
    NotLoggedIn,
    /// A round with this id is already on the device.
    RoundExists,
    /// The round is not on the device (or not visible to this person).
    RoundMissing,
    /// The round was signed off and can no longer change.
    RoundFinished,
    /// The answer breaks a checklist rule.
    Finding(FindingProblem),
    /// A QR report could not be written to the phone.
    ReportNotKept,
    /// The browser's storage failed; the text says how.
    Storage(String),
}

/// An IndexedDB failure, already described for a person.
impl From<String> for DeviceError {
    fn from(message: String) -> DeviceError {
        DeviceError::Storage(message)
    }
}

impl DeviceError {
    /// The message in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        match self {
            DeviceError::NotLoggedIn => td_string!(locale, device_not_logged_in).to_owned(),
            DeviceError::RoundExists => td_string!(locale, device_round_exists).to_owned(),
            DeviceError::RoundMissing => td_string!(locale, device_round_missing).to_owned(),
            DeviceError::RoundFinished => td_string!(locale, device_round_finished).to_owned(),
            DeviceError::Finding(FindingProblem::ObservationMissing) => {
                td_string!(locale, device_observation_missing).to_owned()
            }
            DeviceError::Finding(FindingProblem::RiskMissing) => {
                td_string!(locale, device_risk_missing).to_owned()
            }
            DeviceError::Finding(FindingProblem::TextTooLong) => {
                td_string!(locale, device_text_too_long).to_owned()
            }
            DeviceError::ReportNotKept => td_string!(locale, device_report_not_kept).to_owned(),
            DeviceError::Storage(message) => message.clone(),
        }
    }
}
