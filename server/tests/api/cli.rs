//! The `vern` command line: make the first admin without the web UI.

use std::io::Write;
use std::process::{Command, Stdio};

use super::helpers::{Backend, TestDatabase, start};
use crate::on_both_backends;

fn vern(database_url: &str, args: &[&str], stdin: Option<&str>) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vern"))
        .args(["--database-url", database_url, "--log", "warn"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vern");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().expect("vern output");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

async fn the_first_admin_is_made_from_the_command_line(backend: Backend) {
    let Some(database) = TestDatabase::create(backend).await else {
        return;
    };
    let url = database.url.clone();

    assert!(vern(&url, &["migrate"], None).0);
    let (ok, out) = vern(
        &url,
        &["user", "create-organisation", "Eksempel kommune"],
        None,
    );
    assert!(ok, "{out}");
    let (ok, out) = vern(
        &url,
        &[
            "user",
            "create",
            "admin",
            "--name",
            "Ada Admin",
            "--password-stdin",
        ],
        Some("et-sterkt-passord\n"),
    );
    assert!(ok, "{out}");
    let (ok, out) = vern(
        &url,
        &["user", "grant", "admin", "hms_admin", "Eksempel kommune"],
        None,
    );
    assert!(ok, "{out}");
    let (ok, out) = vern(
        &url,
        &["user", "grant", "admin", "superuser", "Eksempel kommune"],
        None,
    );
    assert!(!ok && out.contains("unknown role"), "{out}");
    let (ok, out) = vern(
        &url,
        &[
            "user",
            "create",
            "kari",
            "--name",
            "Kari",
            "--password-stdin",
        ],
        Some("kort\n"),
    );
    assert!(!ok && out.contains("password is shorter than 10"), "{out}");
    let (ok, out) = vern(
        &url,
        &["user", "create", "x", "--name", "X", "--password-stdin"],
        Some("et-langt-passord\n"),
    );
    assert!(!ok && out.contains("login name must be"), "{out}");
    let (ok, out) = vern(&url, &["user", "list"], None);
    assert!(
        ok && out.contains("admin") && out.contains("hms_admin – Eksempel kommune"),
        "{out}"
    );
    assert!(
        !out.contains("kari"),
        "no user made from refused input: {out}"
    );

    let app = start(&url).await;
    let (status, body) = app
        .call(
            "login",
            &[("username", "admin"), ("password", "et-sterkt-passord")],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{body}");
    let (status, overview) = app.call("admin_overview", &[]).await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(overview["units"][0]["name"], "Eksempel kommune");
    app.stop().await;
    database.drop_now().await;
}
on_both_backends!(the_first_admin_is_made_from_the_command_line);
