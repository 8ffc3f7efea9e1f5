//! Sending e-mail: over SMTP when `smtp_url` is set (`lettre`), else into
//! the log, so a test or a demo install shows what would have gone out.

pub mod compose;

use std::time::Duration;

use anyhow::Context;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

/// One mail to one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// The person's name.
    pub to_name: String,
    /// Their address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

/// Where mails go.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server.
    Smtp {
        /// The connection (pooled).
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// The sender.
        from: Mailbox,
    },
    /// The log (no SMTP server is configured).
    Log,
}

impl Mailer {
    /// The mailer the settings ask for.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Mailer> {
        if settings.smtp_url.is_empty() {
            return Ok(Mailer::Log);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url)
            .context("smtp_url is not an SMTP address (smtp://… or smtps://…)")?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = settings
            .mail_from
            .parse()
            .with_context(|| format!("mail_from is not an address: {}", settings.mail_from))?;
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends `mail`.
    pub async fn send(&self, mail: &Mail) -> anyhow::Result<()> {
        match self {
            Mailer::Log => {
                // The text names cases: only at debug level.
                tracing::info!(
                    to = %mail.to,
                    subject = %mail.subject,
                    "mail (no smtp_url set, so it is only logged)"
                );
                tracing::debug!(body = %mail.body, "the logged mail's text");
                Ok(())
            }
            Mailer::Smtp { transport, from } => {
                let to = Mailbox::new(
                    Some(mail.to_name.clone()),
                    mail.to
                        .parse()
                        .with_context(|| format!("not an e-mail address: {}", mail.to))?,
                );
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&mail.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body.clone())
                    .context("compose the mail")?;
                transport
                    .send(message)
                    .await
                    .context("the SMTP server did not take the mail")?;
                Ok(())
            }
        }
    }
}
