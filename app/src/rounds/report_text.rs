//! The words a round's report is written in, the same on the page and in
//! the PDF.

use super::report::RoundReport;
use crate::i18n::{Locale, td_string};
use crate::sync::records::{Answer, RoundStatus};

/// An answer's name as the answer buttons show it.
pub fn answer_name(answer: Answer, locale: Locale) -> &'static str {
    match answer {
        Answer::Ok => td_string!(locale, answer_ok),
        Answer::Avvik => td_string!(locale, answer_avvik),
        Answer::IkkeRelevant => td_string!(locale, answer_na),
    }
}

/// Where the round stands, with when it was signed off ("Avsluttet
/// 7.12.2026 14:05").
pub fn state_text(report: &RoundReport, locale: Locale) -> String {
    let state = match report.status {
        RoundStatus::Finished => td_string!(locale, rounds_finished),
        RoundStatus::Planned => td_string!(locale, rounds_planned),
        RoundStatus::Ongoing => td_string!(locale, rounds_ongoing),
    };
    match &report.finished_at {
        Some(at) => format!("{state} {at}"),
        None => state.to_owned(),
    }
}
