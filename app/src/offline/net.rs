//! Calls to the sync API with `fetch`: same-origin credentials, JSON in and
//! out, a time limit, and failures sorted by HTTP status (0 for no answer).

use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Blob, Headers, RequestCredentials, RequestInit, Response};

/// How long a JSON call may take before it counts as a network failure.
const JSON_TIMEOUT: Duration = Duration::from_secs(60);
/// How long one photo upload may take on a slow mobile connection.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(180);

/// A failed call: the HTTP status (0 when nothing came back) and a message
/// a person can read (the server's own, when it gave one).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct HttpError {
    /// HTTP status, or 0 for a network failure or time-out.
    pub status: u16,
    /// What went wrong, in bokmål.
    pub message: String,
}

impl HttpError {
    fn network() -> HttpError {
        HttpError {
            status: 0,
            message: "Fikk ikke kontakt med serveren.".to_owned(),
        }
    }
}

/// The server's error body.
#[derive(serde::Deserialize)]
struct ErrorBody {
    message: Option<String>,
}

/// GETs JSON.
pub(crate) async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, HttpError> {
    let (_, text) = send("GET", url, None, None, JSON_TIMEOUT).await?;
    decode(&text)
}

/// POSTs a JSON body and reads a JSON answer.
pub(crate) async fn post_json<B: Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
) -> Result<T, HttpError> {
    let json = serde_json::to_string(body).map_err(|error| HttpError {
        status: 400,
        message: error.to_string(),
    })?;
    let body = JsValue::from_str(&json);
    let (_, text) = send(
        "POST",
        url,
        Some(&body),
        Some("application/json"),
        JSON_TIMEOUT,
    )
    .await?;
    decode(&text)
}

/// PUTs a JPEG blob; the server's record of the stored photo on success.
/// An answer that is not that record (a proxy's page, say) is a failure.
pub(crate) async fn put_jpeg(
    url: &str,
    blob: &Blob,
) -> Result<crate::sync::records::PhotoRecord, HttpError> {
    let (_, body) = send(
        "PUT",
        url,
        Some(blob.as_ref()),
        Some("image/jpeg"),
        UPLOAD_TIMEOUT,
    )
    .await?;
    decode(&body)
}

/// POSTs a multipart form (the browser sets its boundary) asking for JSON,
/// and returns the status and body text of whatever came back; `None`
/// when nothing did (no network, or no answer within the upload time).
pub(crate) async fn post_form(url: &str, form: &web_sys::FormData) -> Option<(u16, String)> {
    let window = web_sys::window()?;
    let headers = Headers::new().ok()?;
    let _ = headers.set("Accept", "application/json");
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_headers(&headers);
    init.set_body(form.as_ref());
    let controller = AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let timer = controller.clone().and_then(|controller| {
        leptos::prelude::set_timeout_with_handle(move || controller.abort(), UPLOAD_TIMEOUT).ok()
    });
    let response: Option<Response> = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .ok()
        .and_then(|value| value.dyn_into().ok());
    let answer = match response {
        Some(response) => {
            let text = match response.text() {
                Ok(promise) => JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_string()),
                Err(_) => None,
            };
            text.map(|text| (response.status(), text))
        }
        None => None,
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    answer
}

/// Encodes a query value.
pub(crate) fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, HttpError> {
    serde_json::from_str(text).map_err(|_| HttpError {
        status: 0,
        message: "Serveren ga et svar som ikke kunne leses.".to_owned(),
    })
}

/// Sends one request; a 2xx answer gives its status and body text.
async fn send(
    method: &str,
    url: &str,
    body: Option<&JsValue>,
    content_type: Option<&str>,
    timeout: Duration,
) -> Result<(u16, String), HttpError> {
    let window = web_sys::window().ok_or_else(HttpError::network)?;
    let headers = Headers::new().map_err(|_| HttpError::network())?;
    let _ = headers.set("Accept", "application/json");
    if let Some(content_type) = content_type {
        let _ = headers.set("Content-Type", content_type);
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    init.set_headers(&headers);
    if let Some(body) = body {
        init.set_body(body);
    }
    let controller = AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let timer = controller.clone().and_then(|controller| {
        leptos::prelude::set_timeout_with_handle(move || controller.abort(), timeout).ok()
    });
    let answer = read(window.fetch_with_str_and_init(url, &init)).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    answer
}

/// Waits for a fetch and its body text.
async fn read(fetch: js_sys::Promise) -> Result<(u16, String), HttpError> {
    let response: Response = JsFuture::from(fetch)
        .await
        .ok()
        .and_then(|value| value.dyn_into().ok())
        .ok_or_else(HttpError::network)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|value| value.as_string()),
        Err(_) => None,
    }
    .ok_or_else(HttpError::network)?;
    if response.ok() {
        return Ok((status, text));
    }
    let message = serde_json::from_str::<ErrorBody>(&text)
        .ok()
        .and_then(|body| body.message)
        .unwrap_or_else(|| format!("Serveren svarte med feil {status}."));
    Err(HttpError { status, message })
}
