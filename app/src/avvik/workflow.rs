//! Which way a case may move: Ny → Under behandling → Tiltak planlagt →
//! Lukket, and Avvist with a reason. Pure, so that the server's check and
//! the case page's buttons follow the same rule.

use crate::error::InvalidInput;
use crate::reports::CaseState;

/// The states a case in `from` may move to, in the order a page offers them.
pub fn next_states(from: CaseState) -> &'static [CaseState] {
    use CaseState::*;
    match from {
        Open => &[InProgress, Rejected],
        // A measure done at once (a blocked exit cleared) closes the case
        // without a tiltak.
        InProgress => &[MeasuresPlanned, Closed, Rejected],
        // Back to handling when a planned measure turns out not to fit.
        MeasuresPlanned => &[Closed, InProgress],
        // Reopened when the problem comes back, or a rejection was wrong.
        Closed | Rejected => &[InProgress],
    }
}

/// Checks a move from `from` to `to` with the text written for it: closing
/// needs what was done, rejecting needs why, reopening needs why.
pub fn check_move(from: CaseState, to: CaseState, note: &str) -> Result<(), InvalidInput> {
    if !next_states(from).contains(&to) {
        return Err(InvalidInput::CaseMove);
    }
    let reopening = !from.is_open();
    let needs_note = reopening || !to.is_open();
    if needs_note && note.trim().is_empty() {
        return Err(match to {
            CaseState::Closed => InvalidInput::CaseCloseNote,
            CaseState::Rejected => InvalidInput::CaseRejectReason,
            _ => InvalidInput::CaseReopenReason,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseState::*;

    #[test]
    fn every_listed_move_is_allowed_with_a_note_and_every_other_refused() {
        for from in CaseState::ALL {
            for to in CaseState::ALL {
                let allowed = next_states(from).contains(&to);
                let result = check_move(from, to, "Ryddet og sjekket");
                assert_eq!(result.is_ok(), allowed, "{from:?} → {to:?}");
                if !allowed {
                    assert_eq!(result, Err(InvalidInput::CaseMove));
                }
            }
        }
    }

    #[test]
    fn a_case_walks_the_handbooks_way() {
        assert!(check_move(Open, InProgress, "").is_ok());
        assert!(check_move(InProgress, MeasuresPlanned, "").is_ok());
        assert!(check_move(MeasuresPlanned, Closed, "Nytt rekkverk montert").is_ok());
    }

    #[test]
    fn closing_rejecting_and_reopening_need_words() {
        assert_eq!(
            check_move(MeasuresPlanned, Closed, "  "),
            Err(InvalidInput::CaseCloseNote)
        );
        assert_eq!(
            check_move(Open, Rejected, ""),
            Err(InvalidInput::CaseRejectReason)
        );
        assert_eq!(
            check_move(Closed, InProgress, ""),
            Err(InvalidInput::CaseReopenReason)
        );
        assert_eq!(
            check_move(Rejected, InProgress, ""),
            Err(InvalidInput::CaseReopenReason)
        );
    }

    #[test]
    fn no_case_skips_its_handling_or_stays_where_it_is() {
        assert_eq!(
            check_move(Open, Closed, "Fikset"),
            Err(InvalidInput::CaseMove)
        );
        assert_eq!(
            check_move(Open, MeasuresPlanned, ""),
            Err(InvalidInput::CaseMove)
        );
        assert_eq!(
            check_move(InProgress, InProgress, ""),
            Err(InvalidInput::CaseMove)
        );
        assert_eq!(
            check_move(Closed, Rejected, "x"),
            Err(InvalidInput::CaseMove)
        );
    }
}
