//! What one pushed operation may carry. Each limit is checked before the
//! operation touches the database and refuses only that operation, so a
//! hostile or broken client cannot make one round a 10 MB history entry (and
//! every leader's pull a few hundred MB) while honest work behind it still
//! lands.

use app::sync::protocol::{OperationBody, RejectionCode};

use super::outcome::{ApplyError, reject};

/// Largest `data` of one operation as sent (JSON bytes). A finding with both
/// texts at [`MAX_TEXT_CHARS`] in three-byte characters is about 25 KB; unknown
/// fields, which serde ignores, must not ride along for free.
pub const MAX_OPERATION_BYTES: usize = 64 * 1024;

/// Most participants (and so signatures) of one round: a vernerunde is
/// walked by a handful of people, a big AMU walk by a few dozen.
pub const MAX_PARTICIPANTS: usize = 50;

/// Most conflict copies kept per finding: beyond this, devices keep
/// disagreeing and a person must sort it out, not the database.
pub const MAX_CONFLICT_COPIES: i64 = 20;

/// Checks the raw JSON of an operation's data before it is parsed.
pub fn check_raw(data: &str) -> Result<(), ApplyError> {
    if data.len() > MAX_OPERATION_BYTES {
        return Err(reject(
            RejectionCode::TooLarge,
            format!(
                "Endringen er for stor ({} kB; høyst {} kB).",
                data.len() / 1024,
                MAX_OPERATION_BYTES / 1024
            ),
        ));
    }
    if contains_escaped_nul(data) {
        return Err(reject(
            RejectionCode::Invalid,
            "En tekst inneholder et usynlig kontrolltegn (NUL) som ikke kan lagres. Skriv teksten på nytt.",
        ));
    }
    Ok(())
}

/// Checks counts in a parsed operation (texts are checked by the rules
/// shared with the device, [`app::sync::rules::check_finding`]).
pub fn check_body(body: &OperationBody) -> Result<(), ApplyError> {
    let people = match body {
        OperationBody::CreateRound(round) => round.participants.len(),
        OperationBody::FinishRound(finish) => finish.signed_by.len(),
        OperationBody::SaveFinding(_) => 0,
    };
    if people > MAX_PARTICIPANTS {
        return Err(reject(
            RejectionCode::TooLarge,
            format!("En runde kan ha høyst {MAX_PARTICIPANTS} deltakere ({people} sendt)."),
        ));
    }
    Ok(())
}

/// Whether JSON text holds the escape of U+0000 (a raw NUL cannot occur in
/// valid JSON). An escaped backslash before `u0000` is literal text, so the
/// backslashes in front are counted.
fn contains_escaped_nul(json: &str) -> bool {
    json.match_indices("u0000").any(|(at, _)| {
        let backslashes = json[..at].bytes().rev().take_while(|b| *b == b'\\').count();
        backslashes % 2 == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::sync::protocol::FinishRound;

    fn code(result: Result<(), ApplyError>) -> Option<RejectionCode> {
        match result {
            Ok(()) => None,
            Err(ApplyError::Rejected(rejection)) => Some(rejection.code),
            Err(ApplyError::Internal(error)) => panic!("internal: {error}"),
        }
    }

    #[test]
    fn a_nul_escape_is_refused_but_an_escaped_backslash_before_it_is_text() {
        assert_eq!(
            code(check_raw(r#"{"t":"a\u0000b"}"#)),
            Some(RejectionCode::Invalid)
        );
        assert_eq!(code(check_raw(r#"{"t":"C:\\u0000"}"#)), None);
        assert_eq!(
            code(check_raw(r#"{"t":"\\\u0000"}"#)),
            Some(RejectionCode::Invalid)
        );
        assert_eq!(code(check_raw(r#"{"t":"u0000"}"#)), None);
    }

    #[test]
    fn oversized_data_and_too_many_people_are_refused() {
        let big = format!(r#"{{"junk":"{}"}}"#, "x".repeat(MAX_OPERATION_BYTES));
        assert_eq!(code(check_raw(&big)), Some(RejectionCode::TooLarge));
        let finish = |n: usize| {
            OperationBody::FinishRound(FinishRound {
                round_id: "r".into(),
                signed_by: vec!["p".into(); n],
            })
        };
        assert_eq!(code(check_body(&finish(MAX_PARTICIPANTS))), None);
        assert_eq!(
            code(check_body(&finish(MAX_PARTICIPANTS + 1))),
            Some(RejectionCode::TooLarge)
        );
    }
}
