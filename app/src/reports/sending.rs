//! What the server's answer to a report sent by the app means for the
//! report kept on the phone.

use std::time::Duration;

use crate::error::AppError;

/// The wait before the first retry of a report that got no answer.
const FIRST_RETRY: Duration = Duration::from_secs(15);
/// The longest wait between two retries.
const LONGEST_RETRY: Duration = Duration::from_secs(5 * 60);

/// How long a report that got no answer (no network, or a server that
/// failed) waits before try `attempt + 1` while its page is open: 15 s,
/// doubling up to 5 minutes. The network coming back wakes it at once,
/// so the doubling only spares a server that keeps failing.
pub fn retry_delay(attempt: u32) -> Duration {
    FIRST_RETRY
        .saturating_mul(2u32.saturating_pow(attempt))
        .min(LONGEST_RETRY)
}

/// What became of a send.
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    /// The server has it; its status page.
    Received {
        /// `/s/{token}`.
        status_url: String,
    },
    /// The server refused it (bad input, an unknown or replaced code): kept
    /// on the phone with the reason until the person removes it, and the
    /// open form still holds what was typed.
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

    #[test]
    fn retries_wait_longer_each_time_up_to_five_minutes() {
        let waits: Vec<u64> = (0..7).map(|n| retry_delay(n).as_secs()).collect();
        assert_eq!(waits, [15, 30, 60, 120, 240, 300, 300]);
        assert_eq!(retry_delay(u32::MAX).as_secs(), 300, "never overflows");
    }
}
