//! Notification mails over real SMTP (a small SMTP server of the test's
//! own): one mail per person per run with each of their new notifications,
//! each notification mailed once even when two runs overlap, a digest at
//! the morning hour for those who chose it, nothing for those who chose
//! none, and a mail the server refused sent again by a later run.

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use vern::config::Settings;
use vern::db::now_ms;
use vern::local_time::{oslo_date, parse_oslo_local};
use vern::mail::Mailer;
use vern::services::mail_notices::{MailPlan, run};

use super::helpers::{Backend, TestApp, with_app};
use super::qr_reports::{form, new_client_id, post_json, room};
use crate::on_both_backends;

const DAY_MS: i64 = 86_400_000;

/// The mails an SMTP server took: the recipients and the message.
type Taken = Arc<Mutex<Vec<(Vec<String>, String)>>>;

/// Listens on a free port and takes every mail sent to it.
async fn smtp_server() -> (u16, Taken) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let taken = Taken::default();
    let keep = Arc::clone(&taken);
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(converse(stream, Arc::clone(&keep)));
        }
    });
    (port, taken)
}

/// One SMTP session, just enough of RFC 5321 for a client that sends mail.
async fn converse(stream: TcpStream, taken: Taken) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 test ESMTP\r\n").await?;
    let (mut recipients, mut message) = (Vec::new(), None::<String>);
    while let Some(line) = lines.next_line().await? {
        if let Some(text) = message.as_mut() {
            if line == "." {
                let done = (std::mem::take(&mut recipients), std::mem::take(text));
                taken.lock().expect("lock").push(done);
                message = None;
                write.write_all(b"250 taken\r\n").await?;
            } else {
                text.push_str(&line);
                text.push('\n');
            }
            continue;
        }
        let command = line.to_ascii_uppercase();
        let answer: &[u8] = if command.starts_with("EHLO") {
            b"250-test\r\n250 8BITMIME\r\n"
        } else if command.starts_with("RCPT TO:") {
            recipients.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
            b"250 ok\r\n"
        } else if command.starts_with("DATA") {
            message = Some(String::new());
            b"354 go on\r\n"
        } else if command.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"250 ok\r\n"
        };
        write.write_all(answer).await?;
    }
    Ok(())
}

fn mailer(port: u16) -> Mailer {
    let settings = Settings {
        smtp_url: format!("smtp://127.0.0.1:{port}"),
        ..Settings::default()
    };
    Mailer::from_settings(&settings).expect("mailer")
}

fn plan() -> MailPlan {
    MailPlan {
        public_url: "https://vern.example.no".to_owned(),
        digest_hour: 7,
    }
}

async fn set_email(app: &TestApp, username: &str, email: &str) {
    sqlx::query("UPDATE users SET email = $2 WHERE username = $1")
        .bind(username)
        .bind(email)
        .execute(app.db.pool())
        .await
        .expect("email");
}

/// Sends a QR report for a school room; returns its case number.
async fn report(app: &TestApp) -> String {
    let (token, _) = room(app, "Naturfagrom").await;
    let (status, body) =
        post_json(app, &token, form(&new_client_id(), &[("anonymous", "1")])).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["receipt_no"].as_str().expect("receipt").to_owned()
}

/// The recipients of the mails taken so far, sorted, and forgets them.
fn recipients(taken: &Taken) -> Vec<String> {
    let mut all: Vec<String> = taken
        .lock()
        .expect("lock")
        .drain(..)
        .flat_map(|(to, _)| to)
        .collect();
    all.sort();
    all
}

async fn each_notification_is_mailed_once_as_each_person_chose(backend: Backend) {
    with_app(backend, |app| async move {
        let (port, taken) = smtp_server().await;
        set_email(&app, "leder", "lars@example.no").await;
        set_email(&app, "verneombud", "vera@example.no").await;
        let receipt = report(&app).await;

        // Two runs at once, as two instances would: one mail each.
        let mailer = mailer(port);
        let now = now_ms();
        let plan = plan();
        let (first, second) = tokio::join!(
            run(&app.db, &mailer, &plan, now),
            run(&app.db, &mailer, &plan, now)
        );
        let sent = first.expect("run").mails + second.expect("run").mails;
        assert_eq!(sent, 2, "one mail for Lars, one for Vera");
        let mails = taken.lock().expect("lock").clone();
        assert!(
            mails.iter().all(|(_, text)| text.contains(&receipt)),
            "each names the case: {mails:?}"
        );
        assert_eq!(recipients(&taken), ["lars@example.no", "vera@example.no"]);
        let again = run(&app.db, &mailer, &plan, now + 1000).await.expect("run");
        assert_eq!(again.mails, 0, "nothing twice");

        // Vera wants a digest; Mona (who has an address) wants none.
        app.login_ok("verneombud").await;
        let (status, body) = app
            .call(
                "save_mail_settings",
                &[("choice", "weekly"), ("email", "vera@example.no")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, body) = app
            .call(
                "save_mail_settings",
                &[("choice", "daily"), ("email", "vera@skolen")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(body.to_string().contains("\"email\""), "{body}");
        let (status, _) = app
            .call(
                "save_mail_settings",
                &[("choice", "daily"), ("email", "vera..vik@nordby.no")],
            )
            .await;
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "an address SMTP cannot carry"
        );
        let (_, settings) = app.call("mail_settings", &[]).await;
        assert_eq!(
            (settings["choice"].as_str(), settings["email"].as_str()),
            (Some("immediately"), Some("vera@example.no")),
            "nothing saved from a refused form"
        );
        let (status, body) = app
            .call(
                "save_mail_settings",
                &[("choice", "daily"), ("email", " vera@nordby.example.no ")],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, settings) = app.call("mail_settings", &[]).await;
        assert_eq!(settings["choice"], "daily");
        assert_eq!(settings["email"], "vera@nordby.example.no");
        report(&app).await;
        run(&app.db, &mailer, &plan, now_ms()).await.expect("run");
        assert_eq!(recipients(&taken), ["lars@example.no"], "Vera waits");
        let tomorrow = oslo_date(now_ms() + DAY_MS);
        let tomorrow_morning = parse_oslo_local(&format!("{tomorrow}T08:00")).expect("a time");
        let digest = run(&app.db, &mailer, &plan, tomorrow_morning)
            .await
            .expect("run");
        assert_eq!(digest.mails, 1, "{digest:?}");
        let mails = taken.lock().expect("lock").clone();
        assert!(mails[0].1.contains("Subject:"), "{mails:?}");
        assert_eq!(recipients(&taken), ["vera@nordby.example.no"]);
    })
    .await;
}
on_both_backends!(each_notification_is_mailed_once_as_each_person_chose);

async fn a_refused_mail_is_sent_by_a_later_run(backend: Backend) {
    with_app(backend, |app| async move {
        set_email(&app, "leder", "lars@example.no").await;
        sqlx::query("UPDATE users SET email_notices = 'off' WHERE username = 'verneombud'")
            .execute(app.db.pool())
            .await
            .expect("off");
        report(&app).await;
        // Nothing listens on the port of a server just closed.
        let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let dead_port = closed.local_addr().expect("address").port();
        drop(closed);
        let now = now_ms();
        let failed = run(&app.db, &mailer(dead_port), &plan(), now)
            .await
            .expect("run");
        assert_eq!((failed.mails, failed.failed), (0, 1), "{failed:?}");
        assert!(
            failed.settled >= 1,
            "Vera's is settled without mail: {failed:?}"
        );

        let (port, taken) = smtp_server().await;
        let soon = run(&app.db, &mailer(port), &plan(), now + 1000)
            .await
            .expect("run");
        assert_eq!(soon.mails, 0, "the failed run's lease still holds");
        let later = run(&app.db, &mailer(port), &plan(), now + 11 * 60 * 1000)
            .await
            .expect("run");
        assert_eq!(later.mails, 1);
        assert_eq!(recipients(&taken), ["lars@example.no"]);

        // An address stored before addresses were checked, which no mail can
        // go to, is passed over once, not tried forever.
        set_email(&app, "leder", "lars..lie@nordby.no").await;
        report(&app).await;
        let passed = run(&app.db, &mailer(port), &plan(), now + 12 * 60 * 1000)
            .await
            .expect("run");
        assert_eq!((passed.mails, passed.failed), (0, 0), "{passed:?}");
        let (waiting,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE mailed_at IS NULL")
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(waiting, 0, "nothing left to try again");
    })
    .await;
}
on_both_backends!(a_refused_mail_is_sent_by_a_later_run);

async fn a_person_who_left_the_unit_is_not_mailed_its_cases(backend: Backend) {
    with_app(backend, |app| async move {
        let (port, taken) = smtp_server().await;
        set_email(&app, "leder", "lars@example.no").await;
        set_email(&app, "verneombud", "vera@example.no").await;
        report(&app).await;
        // Lars leaves the school after the report, before the mailer runs.
        sqlx::query(
            "UPDATE role_grants SET revoked_at = $1
             WHERE user_id = (SELECT id FROM users WHERE username = 'leder')",
        )
        .bind(now_ms())
        .execute(app.db.pool())
        .await
        .expect("revoke");

        let sent = run(&app.db, &mailer(port), &plan(), now_ms())
            .await
            .expect("run");
        assert_eq!((sent.mails, sent.failed), (1, 0), "{sent:?}");
        assert_eq!(recipients(&taken), ["vera@example.no"]);
        let (waiting,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE mailed_at IS NULL")
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(
            waiting, 0,
            "Lars's notification is settled, not kept for later"
        );
    })
    .await;
}
on_both_backends!(a_person_who_left_the_unit_is_not_mailed_its_cases);
