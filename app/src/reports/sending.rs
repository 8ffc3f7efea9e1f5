//! What the server's answer to a report sent by the app means for the
//! report kept on the phone.

use crate::error::AppError;

/// What became of a send.
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    /// The server has it; its status page.
    Received {
        /// `/s/{token}`.
        status_url: String,
    },
    /// The server refused it (bad input, unknown code): nothing is kept,
    /// the form still holds what was typed.
    Refused(AppError),
    /// No answer (or "try later"): kept on the phone, sent again later.
    Waiting,
}

/// Reads the server's answer to a report.
pub fn answer(status: u16, body: &str) -> Sent {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    match status {
        200 | 201 => match json["status_url"].as_str() {
            Some(url) => Sent::Received {
                status_url: url.to_owned(),
            },
            None => Sent::Waiting,
        },
        // The honeypot's quiet answer: nothing to show or to send again.
        202 => Sent::Received {
            status_url: String::new(),
        },
        408 | 429 | 500..=599 => Sent::Waiting,
        _ => Sent::Refused(
            serde_json::from_value(json["app_error"].clone()).unwrap_or(AppError::Internal),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_sorted_into_received_refused_and_waiting() {
        let received = answer(
            201,
            r#"{"receipt_no":"AV-2026-0001","status_url":"/s/abc"}"#,
        );
        assert_eq!(
            received,
            Sent::Received {
                status_url: "/s/abc".to_owned()
            }
        );
        assert_eq!(answer(503, ""), Sent::Waiting);
        assert_eq!(answer(429, "{}"), Sent::Waiting);
        let refused = answer(410, r#"{"error":"retired","app_error":"Retired"}"#);
        assert_eq!(refused, Sent::Refused(AppError::Retired));
    }
}
