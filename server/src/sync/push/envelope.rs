//! Reading a push body: bounded in bytes before anything is parsed, and
//! parsed into an envelope whose operations keep their `data` as slices of
//! the body, so memory stays near the body's size (a `serde_json::Value`
//! tree of the whole body is 16–32× larger).

use app::error::AppError;
use app::sync::protocol::OperationKind;
use axum::Json;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::MAX_OPERATIONS;
use crate::errors::ApiError;

/// Largest push body: [`MAX_OPERATIONS`] operations of a typical size
/// (a finding with long texts is a few kB) with room to spare; a body that
/// fills every operation to [`crate::sync::limits::MAX_OPERATION_BYTES`] must be split.
pub const PUSH_BODY_LIMIT: usize = MAX_OPERATIONS * 16 * 1024;

/// The push envelope as read from the wire.
#[derive(Debug, Deserialize)]
pub struct PushEnvelope<'a> {
    /// Must be the server's schema version.
    pub schema: u32,
    /// The device that made the changes.
    pub device_id: String,
    /// The operations, their bodies not yet parsed.
    #[serde(borrow)]
    pub operations: Vec<RawOperation<'a>>,
}

/// One operation with its `data` still raw JSON.
#[derive(Debug, Deserialize)]
pub struct RawOperation<'a> {
    /// The id as sent.
    pub id: String,
    /// What it does.
    pub kind: OperationKind,
    /// Its body, parsed on its own so that a malformed one refuses only itself.
    #[serde(borrow)]
    pub data: &'a RawValue,
}

/// Why a push body was not read.
#[derive(Debug)]
pub enum BodyError {
    /// Larger than [`PUSH_BODY_LIMIT`] (by its `Content-Length` or as read).
    TooLarge,
    /// Any other refusal (not logged in, malformed, cut off).
    App(AppError),
}

impl From<AppError> for BodyError {
    fn from(error: AppError) -> Self {
        BodyError::App(error)
    }
}

impl IntoResponse for BodyError {
    fn into_response(self) -> Response {
        match self {
            BodyError::TooLarge => {
                let message = format!(
                    "The push is larger than {} MiB; send fewer operations at a time.",
                    PUSH_BODY_LIMIT / (1024 * 1024)
                );
                let body = serde_json::json!({ "error": "payload_too_large", "message": message });
                (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response()
            }
            BodyError::App(error) => ApiError(error).into_response(),
        }
    }
}

/// Reads the body, refusing it as soon as it claims or reaches more than `limit` bytes.
pub async fn read_limited(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, BodyError> {
    let claimed = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if claimed.is_some_and(|length| length > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::with_capacity(claimed.map_or(0, |length| length as usize));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|_| {
            AppError::Malformed("The push was cut off before it was complete.".into())
        })?;
        if bytes.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(bytes))
}

/// Parses the envelope; the operations' bodies stay raw.
pub fn parse(bytes: &[u8]) -> Result<PushEnvelope<'_>, AppError> {
    serde_json::from_slice(bytes).map_err(|error| {
        AppError::Malformed(format!(
            "The push body is not a valid push envelope: {error}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_keep_their_data_raw_and_unknown_kinds_parse() {
        let body = br#"{"schema":1,"device_id":"d","operations":[
            {"id":"a","kind":"save_finding","data":{"finding_id":7}},
            {"id":"b","kind":"teleport_round","data":[1,2]}]}"#;
        let envelope = parse(body).expect("envelope");
        assert_eq!(envelope.operations.len(), 2);
        assert_eq!(envelope.operations[0].data.get(), r#"{"finding_id":7}"#);
        assert_eq!(envelope.operations[1].kind, OperationKind::Unknown);
        let refused = parse(br#"{"schema":1,"device_id":"d","operations":"nope"}"#);
        assert!(
            matches!(&refused, Err(AppError::Malformed(why)) if why.contains("expected a sequence")),
            "{refused:?}"
        );
    }
}
