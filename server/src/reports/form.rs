//! Reading and checking the report form (`multipart/form-data`, as a plain
//! HTML form or the app sends it). The checks are pure; only [`read`]
//! touches the request.

use app::error::InvalidInput;
use app::reports::{
    MAX_CONTACT_CHARS, MAX_DESCRIPTION_CHARS, MAX_PHOTOS, ReportCategory, Severity,
};
use app::sync::ids::is_uuid;
use axum::body::Bytes;
use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;

use crate::local_time::parse_oslo_local;
use crate::photos::upload::MAX_UPLOAD_BYTES;

/// The largest report body accepted: three photos near the limit would be
/// more than a phone on a weak signal sends anyway.
pub const MAX_FORM_BYTES: usize = 40 * 1024 * 1024;

/// The fields as they arrived, unchecked.
#[derive(Clone, Debug, Default)]
pub struct RawReport {
    /// The device's id for this report (a hidden field).
    pub client_id: String,
    /// The honeypot: a field people never see and bots fill in.
    pub website: String,
    /// Category identifier.
    pub category: String,
    /// What happened.
    pub description: String,
    /// Local date and time, or empty for "now".
    pub occurred_at: String,
    /// Severity identifier.
    pub severity: String,
    /// The name given.
    pub reporter_name: String,
    /// The e-mail given.
    pub reporter_email: String,
    /// "Meld anonymt" was ticked.
    pub anonymous: bool,
    /// The person the form was made for (a hidden field; empty if nobody).
    pub reporter_user_id: String,
    /// The photos' bytes (empty file fields left out).
    pub photos: Vec<Bytes>,
}

/// Who the reporter says they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contact {
    /// Nothing about the reporter is kept.
    Anonymous,
    /// A name and e-mail, either possibly empty.
    Named {
        /// The name.
        name: String,
        /// The e-mail.
        email: String,
        /// The person the form was made for, when it was made for someone
        /// and their name was left in; the report is tied to their account
        /// only if it is also sent under their session.
        user_id: Option<String>,
    },
}

/// A report that passed every check.
#[derive(Clone, Debug)]
pub struct ValidReport {
    /// The device's id for this report, lowercase.
    pub client_id: String,
    /// What it is about.
    pub category: ReportCategory,
    /// What happened, trimmed.
    pub description: String,
    /// When it happened; `None` means when it was sent.
    pub occurred_at: Option<i64>,
    /// How serious the reporter thinks it is.
    pub severity: Severity,
    /// Who sent it.
    pub contact: Contact,
    /// The photos.
    pub photos: Vec<Bytes>,
}

impl RawReport {
    /// Whether the honeypot was filled in (a bot: accept quietly, keep nothing).
    pub fn is_bot(&self) -> bool {
        !self.website.trim().is_empty()
    }

    /// Checks every field; `now` bounds the time given.
    pub fn validate(self, now: i64) -> Result<ValidReport, InvalidInput> {
        let client_id = self.client_id.trim().to_ascii_lowercase();
        if !is_uuid(&client_id) {
            return Err(InvalidInput::ReportForm);
        }
        let category =
            ReportCategory::parse(self.category.trim()).ok_or(InvalidInput::ReportCategory)?;
        let description = self.description.trim().to_owned();
        if description.is_empty() || description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(InvalidInput::ReportDescription);
        }
        let severity = Severity::parse(self.severity.trim()).ok_or(InvalidInput::ReportSeverity)?;
        let occurred_at = parse_when(self.occurred_at.trim(), now)?;
        let contact = contact(
            self.anonymous,
            (&self.reporter_name, &self.reporter_email),
            &self.reporter_user_id,
        )?;
        if self.photos.len() > MAX_PHOTOS {
            return Err(InvalidInput::TooManyPhotos);
        }
        Ok(ValidReport {
            client_id,
            category,
            description,
            occurred_at,
            severity,
            contact,
            photos: self.photos,
        })
    }
}

/// Empty means now; a time more than five minutes ahead (a phone's clock
/// may run a little fast) is refused.
fn parse_when(value: &str, now: i64) -> Result<Option<i64>, InvalidInput> {
    if value.is_empty() {
        return Ok(None);
    }
    match parse_oslo_local(value) {
        Some(at) if at <= now + 5 * 60_000 => Ok(Some(at.min(now))),
        _ => Err(InvalidInput::ReportWhen),
    }
}

fn contact(
    anonymous: bool,
    (name, email): (&str, &str),
    form_user: &str,
) -> Result<Contact, InvalidInput> {
    if anonymous {
        // Whatever was typed before "anonymous" was ticked is dropped here.
        return Ok(Contact::Anonymous);
    }
    let (name, email) = (name.trim(), email.trim());
    let too_long = |text: &str| text.chars().count() > MAX_CONTACT_CHARS;
    let not_an_address = !email.is_empty() && !email.contains('@');
    if too_long(name) || too_long(email) || not_an_address {
        return Err(InvalidInput::ReportContact);
    }
    // Clearing the name is a way of not being named: no account then.
    let user_id =
        (!name.is_empty() && !form_user.trim().is_empty()).then(|| form_user.trim().to_owned());
    Ok(Contact::Named {
        name: name.to_owned(),
        email: email.to_owned(),
        user_id,
    })
}

/// Why the form could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Refused input (too large a photo or body).
    Invalid(InvalidInput),
    /// Not a readable multipart form.
    Malformed,
}

/// Reads the form's fields; unknown fields are ignored.
pub async fn read(mut multipart: Multipart) -> Result<RawReport, ReadError> {
    let mut raw = RawReport::default();
    while let Some(mut field) = multipart.next_field().await.map_err(read_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "photo" {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(read_error)? {
                if bytes.len() + chunk.len() > MAX_UPLOAD_BYTES {
                    return Err(ReadError::Invalid(InvalidInput::PhotoTooLarge));
                }
                bytes.extend_from_slice(&chunk);
            }
            // A file field left empty still arrives, as a part without bytes.
            if !bytes.is_empty() {
                raw.photos.push(Bytes::from(bytes));
            }
            continue;
        }
        let Some(text) = read_text(&mut field).await? else {
            return Err(ReadError::Invalid(match name.as_str() {
                "description" => InvalidInput::ReportDescription,
                "reporter_name" | "reporter_email" => InvalidInput::ReportContact,
                _ => InvalidInput::ReportForm,
            }));
        };
        match name.as_str() {
            "client_id" => raw.client_id = text,
            "website" => raw.website = text,
            "category" => raw.category = text,
            "description" => raw.description = text,
            "occurred_at" => raw.occurred_at = text,
            "severity" => raw.severity = text,
            "reporter_name" => raw.reporter_name = text,
            "reporter_email" => raw.reporter_email = text,
            "anonymous" => raw.anonymous = !text.is_empty(),
            "reporter_user_id" => raw.reporter_user_id = text,
            _ => {}
        }
    }
    Ok(raw)
}

/// The longest text field read, in bytes: room for the longest description
/// in any script, and no more.
const MAX_TEXT_BYTES: usize = 32 * 1024;

/// A text field's value; `None` when it is longer than [`MAX_TEXT_BYTES`]
/// (read no further) or not UTF-8.
async fn read_text(
    field: &mut axum::extract::multipart::Field<'_>,
) -> Result<Option<String>, ReadError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(read_error)? {
        if bytes.len() + chunk.len() > MAX_TEXT_BYTES {
            return Ok(None);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8(bytes).ok())
}

fn read_error(error: MultipartError) -> ReadError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ReadError::Invalid(InvalidInput::PhotoTooLarge)
    } else {
        ReadError::Malformed
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
