//! What a tiltak may hold and which way its status may move. Pure, so the
//! server's check and the case page's buttons follow the same rule.

use serde::{Deserialize, Serialize};

use crate::error::InvalidInput;

/// Where a measure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiltakState {
    /// Decided, not started.
    Planned,
    /// Being carried out.
    InProgress,
    /// Carried out.
    Done,
    /// Dropped, with the reason why (the tiltaksplan must say it).
    NotDone,
}

impl TiltakState {
    /// Every state, in the order of the work.
    pub const ALL: [TiltakState; 4] = [
        TiltakState::Planned,
        TiltakState::InProgress,
        TiltakState::Done,
        TiltakState::NotDone,
    ];

    /// The state as the database stores it.
    pub fn as_db(self) -> &'static str {
        match self {
            TiltakState::Planned => "planned",
            TiltakState::InProgress => "in_progress",
            TiltakState::Done => "done",
            TiltakState::NotDone => "not_done",
        }
    }

    /// The state stored in the database, if it is one Vern knows.
    pub fn from_db(value: &str) -> Option<TiltakState> {
        Self::ALL.into_iter().find(|state| state.as_db() == value)
    }

    /// Still to be carried out: it belongs on the open tiltaksplan.
    pub fn is_open(self) -> bool {
        matches!(self, TiltakState::Planned | TiltakState::InProgress)
    }
}

/// The states a measure in `from` may move to, in the order a page offers them.
pub fn next_states(from: TiltakState) -> &'static [TiltakState] {
    use TiltakState::*;
    match from {
        // A small measure is often done at once, without a start.
        Planned => &[InProgress, Done, NotDone],
        InProgress => &[Done, NotDone],
        // Taken up again when the work turned out not to hold, or a
        // dropped measure is needed after all.
        Done | NotDone => &[InProgress],
    }
}

/// Checks a move from `from` to `to`: dropping a measure needs the reason.
pub fn check_move(from: TiltakState, to: TiltakState, reason: &str) -> Result<(), InvalidInput> {
    if !next_states(from).contains(&to) {
        return Err(InvalidInput::TiltakMove);
    }
    if to == TiltakState::NotDone && reason.trim().is_empty() {
        return Err(InvalidInput::TiltakReason);
    }
    Ok(())
}

/// The longest description a measure may have.
pub const MAX_DESCRIPTION: usize = 2000;

/// The largest cost estimate Vern takes, in kroner.
pub const MAX_COST: i64 = 1_000_000_000;

/// A measure as typed into its form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TiltakDraft {
    /// What will be done.
    pub description: String,
    /// The responsible person's user id; empty: nobody yet.
    #[serde(default)]
    pub responsible: String,
    /// The deadline as `YYYY-MM-DD` (what a date field sends).
    pub due: String,
    /// The cost estimate in kroner as typed (`12 500`); empty: none.
    #[serde(default)]
    pub cost: String,
}

/// A measure whose fields passed [`TiltakDraft::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedTiltak {
    /// What will be done, trimmed.
    pub description: String,
    /// The responsible person's user id, if chosen.
    pub responsible: Option<String>,
    /// The deadline, `YYYY-MM-DD`.
    pub due: String,
    /// The cost estimate in kroner, if given.
    pub cost: Option<i64>,
}

impl TiltakDraft {
    /// The draft's fields checked and tidied, or the first field to fix.
    pub fn check(&self) -> Result<CheckedTiltak, InvalidInput> {
        let description = self.description.trim();
        if description.is_empty() || description.chars().count() > MAX_DESCRIPTION {
            return Err(InvalidInput::TiltakDescription);
        }
        let due = self.due.trim();
        if !is_calendar_date(due) {
            return Err(InvalidInput::TiltakDue);
        }
        Ok(CheckedTiltak {
            description: description.to_owned(),
            responsible: Some(self.responsible.trim().to_owned()).filter(|id| !id.is_empty()),
            due: due.to_owned(),
            cost: parse_cost(&self.cost)?,
        })
    }
}

/// A cost in whole kroner as people type it ("12 500", "12.500", "12500 kr"),
/// or none for an empty field.
pub fn parse_cost(text: &str) -> Result<Option<i64>, InvalidInput> {
    let text = text.trim();
    let text = text.strip_suffix("kr").unwrap_or(text).trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '.'))
        .collect();
    if digits.is_empty() || digits.len() > 12 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(InvalidInput::TiltakCost);
    }
    match digits.parse::<i64>() {
        Ok(cost) if cost <= MAX_COST => Ok(Some(cost)),
        _ => Err(InvalidInput::TiltakCost),
    }
}

/// Whether `text` is a real day written `YYYY-MM-DD` between the years
/// 2000 and 2099 (a typo such as 20266 is caught, a past day is allowed:
/// a paper plan moved into Vern has measures already overdue).
pub fn is_calendar_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let number = |part: &str, len: usize| {
        (part.len() == len && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year, 4), number(month, 2), number(day, 2))
    else {
        return false;
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..2100).contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TiltakState::*;

    #[test]
    fn every_listed_move_is_allowed_with_a_reason_and_every_other_refused() {
        for from in TiltakState::ALL {
            for to in TiltakState::ALL {
                let allowed = next_states(from).contains(&to);
                assert_eq!(
                    check_move(from, to, "For dyrt").is_ok(),
                    allowed,
                    "{from:?} → {to:?}"
                );
            }
        }
    }

    #[test]
    fn dropping_a_measure_needs_the_reason() {
        assert_eq!(
            check_move(Planned, NotDone, " "),
            Err(InvalidInput::TiltakReason)
        );
        assert!(check_move(InProgress, NotDone, "Rommet rives i vår").is_ok());
        assert!(check_move(Planned, Done, "").is_ok());
        assert_eq!(check_move(Done, Done, ""), Err(InvalidInput::TiltakMove));
    }

    #[test]
    fn only_planned_and_started_measures_are_open() {
        let open: Vec<_> = TiltakState::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, [Planned, InProgress]);
        for state in TiltakState::ALL {
            assert_eq!(TiltakState::from_db(state.as_db()), Some(state));
        }
    }

    #[test]
    fn costs_are_read_as_people_write_them() {
        assert_eq!(parse_cost(""), Ok(None));
        assert_eq!(parse_cost("12 500"), Ok(Some(12_500)));
        assert_eq!(parse_cost("12.500 kr"), Ok(Some(12_500)));
        assert_eq!(parse_cost("0"), Ok(Some(0)));
        assert_eq!(parse_cost("-5"), Err(InvalidInput::TiltakCost));
        assert_eq!(parse_cost("12,5"), Err(InvalidInput::TiltakCost));
        assert_eq!(parse_cost("kr"), Ok(None));
        assert_eq!(parse_cost("2000000000"), Err(InvalidInput::TiltakCost));
    }

    #[test]
    fn deadlines_are_real_days() {
        assert!(is_calendar_date("2026-12-31"));
        assert!(is_calendar_date("2028-02-29"));
        assert!(!is_calendar_date("2026-02-29"));
        assert!(is_calendar_date("2000-02-29"));
        assert!(!is_calendar_date("2026-13-01"));
        assert!(!is_calendar_date("20266-01-01"));
        assert!(!is_calendar_date("2026-1-01"));
        assert!(!is_calendar_date("1999-12-31"));
        assert!(!is_calendar_date(""));
    }

    #[test]
    fn a_draft_is_trimmed_and_its_first_fault_named() {
        let draft = TiltakDraft {
            description: "  Nytt rekkverk ".into(),
            responsible: String::new(),
            due: "2027-01-15".into(),
            cost: "8 000".into(),
        };
        let checked = draft.check().expect("valid");
        assert_eq!(checked.description, "Nytt rekkverk");
        assert_eq!(checked.responsible, None);
        assert_eq!(checked.cost, Some(8000));
        let empty = TiltakDraft {
            description: " ".into(),
            ..draft.clone()
        };
        assert_eq!(empty.check(), Err(InvalidInput::TiltakDescription));
        let no_due = TiltakDraft {
            due: String::new(),
            ..draft
        };
        assert_eq!(no_due.check(), Err(InvalidInput::TiltakDue));
    }
}
