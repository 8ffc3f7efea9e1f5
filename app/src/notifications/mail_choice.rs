//! How a person wants their notifications by e-mail: each at once, one
//! digest a day, or none (the list in the app has them all the same), and
//! the address they go to, which each person gives themselves.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, InvalidInput};

/// A person's choice of e-mail for their notifications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailChoice {
    /// A mail shortly after each notification.
    #[default]
    Immediately,
    /// One mail a morning with the day before's notifications.
    Daily,
    /// No mail.
    Off,
}

impl MailChoice {
    /// Every choice, in the order the form offers them.
    pub const ALL: [MailChoice; 3] = [MailChoice::Immediately, MailChoice::Daily, MailChoice::Off];

    /// The choice as stored.
    pub fn as_db(self) -> &'static str {
        match self {
            MailChoice::Immediately => "immediately",
            MailChoice::Daily => "daily",
            MailChoice::Off => "off",
        }
    }

    /// A stored choice.
    pub fn from_db(value: &str) -> Option<MailChoice> {
        Self::ALL.into_iter().find(|choice| choice.as_db() == value)
    }
}

/// The longest address SMTP carries (RFC 5321).
const EMAIL_MAX: usize = 254;

/// An address as typed, trimmed; empty is no address. Refused unless it
/// has one `@` with something before it and a dotted domain after it, and
/// no spaces.
pub fn check_email(text: &str) -> Result<String, InvalidInput> {
    let email = text.trim();
    if email.is_empty() {
        return Ok(String::new());
    }
    let shaped = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.split('.').count() >= 2
            && domain.split('.').all(|part| !part.is_empty())
    });
    if !shaped || email.len() > EMAIL_MAX || email.chars().any(char::is_whitespace) {
        return Err(InvalidInput::Email);
    }
    Ok(email.to_owned())
}

/// What the form shows and saves: the choice and where the mail goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    /// The person's choice.
    pub choice: MailChoice,
    /// Their e-mail address (empty: none is registered, so no mail).
    pub email: String,
}

/// The logged-in person's e-mail choice.
#[server(prefix = "/api/fn", endpoint = "mail_settings")]
pub async fn load_mail_settings() -> Result<MailSettings, AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            backend()?.mail_settings(&user).await
        }
        .await,
    )
}

/// Saves the logged-in person's e-mail choice and address.
#[server(prefix = "/api/fn", endpoint = "save_mail_settings")]
pub async fn save_mail_settings(choice: MailChoice, email: String) -> Result<(), AppError> {
    use crate::backend::{backend, require_user, with_status};
    with_status(
        async {
            let user = require_user()?;
            let email = check_email(&email).map_err(AppError::Invalid)?;
            let settings = MailSettings { choice, email };
            backend()?.save_mail_settings(&user, settings).await
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_the_database() {
        for choice in MailChoice::ALL {
            assert_eq!(MailChoice::from_db(choice.as_db()), Some(choice));
        }
        assert_eq!(MailChoice::from_db("weekly"), None);
    }

    #[test]
    fn an_address_is_checked_and_empty_is_none() {
        assert_eq!(
            check_email("  lars@nordby.example.no "),
            Ok("lars@nordby.example.no".into())
        );
        assert_eq!(check_email(""), Ok(String::new()));
        for bad in [
            "lars",
            "lars@",
            "@nordby.no",
            "lars@nordby",
            "lars@@nordby.no",
            "la rs@n.no",
            "l@n..no",
        ] {
            assert_eq!(check_email(bad), Err(InvalidInput::Email), "{bad}");
        }
        let long = format!("{}@nordby.no", "a".repeat(250));
        assert_eq!(check_email(&long), Err(InvalidInput::Email));
    }
}
