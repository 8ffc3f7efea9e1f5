//! The text of a notification mail: one mail per person per run, listing
//! each notification with the link to its case. In bokmål, the app's
//! language (a person's own choice of language is not stored yet).

use app::i18n::{Locale, td_string};
use app::notifications::model::Notice;

use super::Mail;

/// Whether the mail is the morning digest or sent at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// Sent shortly after the notifications were written.
    Immediate,
    /// The morning's digest.
    Digest,
}

/// The mail telling `name` at `email` of `notices` (at least one).
pub fn notice_mail(
    (name, email): (&str, &str),
    notices: &[Notice],
    kind: MailKind,
    public_url: &str,
) -> Mail {
    let locale = Locale::nb;
    let subject = match (kind, notices) {
        (MailKind::Digest, _) => td_string!(locale, mail_digest_subject).to_owned(),
        (MailKind::Immediate, [one]) => format!("Vern: {}", one.kind.label(locale)),
        (MailKind::Immediate, many) => format!(
            "Vern: {} {}",
            many.len(),
            td_string!(locale, mail_new_notices)
        ),
    };
    let items: Vec<String> = notices
        .iter()
        .map(|notice| {
            let what = match notice.receipt_no.as_str() {
                "" => notice.subject.clone(),
                receipt => format!("{receipt}: {}", notice.subject),
            };
            let link = notice
                .case_id
                .as_ref()
                .map(|id| format!("\n  {public_url}/avvik/sak?id={id}"))
                .unwrap_or_default();
            format!(
                "- {} ({})\n  {what}{link}",
                notice.kind.label(locale),
                notice.at
            )
        })
        .collect();
    let body = format!(
        "{}, {name}!\n\n{}\n\n{}\n\n{} {public_url}/varsler\n",
        td_string!(locale, mail_greeting),
        td_string!(locale, mail_intro),
        items.join("\n\n"),
        td_string!(locale, mail_footer),
    );
    Mail {
        to_name: name.to_owned(),
        to: email.to_owned(),
        subject,
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::notifications::model::NoticeKind;

    fn notice(kind: NoticeKind, receipt: &str) -> Notice {
        Notice {
            kind,
            case_id: Some("c1".to_owned()),
            receipt_no: receipt.to_owned(),
            subject: "Løs rekkverk i trappa".to_owned(),
            at: "6.12.2026 08:30".to_owned(),
            unread: true,
        }
    }

    #[test]
    fn one_notice_is_named_in_the_subject_and_linked_in_the_body() {
        let mail = notice_mail(
            ("Lars Lie", "lars@example.no"),
            &[notice(NoticeKind::Assigned, "AV-2026-0001")],
            MailKind::Immediate,
            "https://vern.example.no",
        );
        assert!(mail.subject.starts_with("Vern: "), "{}", mail.subject);
        assert!(mail.body.starts_with("Hei, Lars Lie!"), "{}", mail.body);
        assert!(mail.body.contains("AV-2026-0001: Løs rekkverk i trappa"));
        assert!(
            mail.body
                .contains("https://vern.example.no/avvik/sak?id=c1")
        );
        assert!(mail.body.contains("https://vern.example.no/varsler"));
    }

    #[test]
    fn several_are_counted_and_a_digest_says_so() {
        let two = [
            notice(NoticeKind::Assigned, "AV-1"),
            notice(NoticeKind::Commented, "AV-2"),
        ];
        let at_once = notice_mail(("A", "a@b.no"), &two, MailKind::Immediate, "http://x");
        assert!(
            at_once.subject.starts_with("Vern: 2 "),
            "{}",
            at_once.subject
        );
        let digest = notice_mail(("A", "a@b.no"), &two, MailKind::Digest, "http://x");
        assert!(digest.subject.contains("sammendrag"), "{}", digest.subject);
        assert!(digest.body.contains("AV-1") && digest.body.contains("AV-2"));
    }
}
