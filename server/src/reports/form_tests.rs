use super::*;

const NOW: i64 = 1_796_457_600_000; // 2026-12-05T08:00:00Z

fn filled() -> RawReport {
    RawReport {
        client_id: "0B7E9F1C-5A2D-4E8B-9C3A-1F2E3D4C5B6A".to_owned(),
        category: "brann".to_owned(),
        description: "  Nødutgangen er blokkert av paller.  ".to_owned(),
        severity: "hoy".to_owned(),
        reporter_name: "Kari Nordmann".to_owned(),
        reporter_email: "kari@example.no".to_owned(),
        reporter_user_id: "u-kari".to_owned(),
        ..RawReport::default()
    }
}

#[test]
fn a_filled_form_passes_with_trimmed_text_and_a_lowercase_id() {
    let report = filled().validate(NOW).expect("valid");
    assert_eq!(report.client_id, "0b7e9f1c-5a2d-4e8b-9c3a-1f2e3d4c5b6a");
    assert_eq!(report.category, ReportCategory::Fire);
    assert_eq!(report.description, "Nødutgangen er blokkert av paller.");
    assert_eq!(report.severity, Severity::High);
    assert_eq!(report.occurred_at, None);
    assert_eq!(
        report.contact,
        Contact::Named {
            name: "Kari Nordmann".to_owned(),
            email: "kari@example.no".to_owned(),
            user_id: Some("u-kari".to_owned()),
        }
    );
}

#[test]
fn a_cleared_name_ties_the_report_to_no_account() {
    let raw = RawReport {
        reporter_name: " ".to_owned(),
        ..filled()
    };
    let Contact::Named { user_id, .. } = raw.validate(NOW).expect("valid").contact else {
        panic!("named");
    };
    assert_eq!(user_id, None);
}

#[test]
fn anonymous_drops_whatever_name_and_email_were_typed() {
    let raw = RawReport {
        anonymous: true,
        reporter_email: "not an address".to_owned(),
        ..filled()
    };
    assert_eq!(
        raw.validate(NOW).expect("valid").contact,
        Contact::Anonymous
    );
}

#[test]
fn each_bad_field_is_named() {
    type Spoil = fn(&mut RawReport);
    let cases: [(Spoil, InvalidInput); 8] = [
        (|r| r.client_id = "1".to_owned(), InvalidInput::ReportForm),
        (
            |r| r.category = "Brann".to_owned(),
            InvalidInput::ReportCategory,
        ),
        (
            |r| r.description = "   ".to_owned(),
            InvalidInput::ReportDescription,
        ),
        (
            |r| r.description = "x".repeat(4_001),
            InvalidInput::ReportDescription,
        ),
        (
            |r| r.severity = "kritisk".to_owned(),
            InvalidInput::ReportSeverity,
        ),
        (
            |r| r.occurred_at = "i går".to_owned(),
            InvalidInput::ReportWhen,
        ),
        (
            |r| r.reporter_email = "kari".to_owned(),
            InvalidInput::ReportContact,
        ),
        (
            |r| r.photos = vec![Bytes::new(); 4],
            InvalidInput::TooManyPhotos,
        ),
    ];
    for (spoil, expected) in cases {
        let mut raw = filled();
        spoil(&mut raw);
        assert_eq!(raw.validate(NOW).expect_err("refused"), expected);
    }
}

#[test]
fn a_time_is_read_as_norwegian_and_may_not_lie_ahead() {
    let raw = RawReport {
        occurred_at: "2026-12-05T08:30".to_owned(),
        ..filled()
    };
    // 08:30 in Oslo is 07:30 UTC, half an hour before NOW.
    assert_eq!(
        raw.validate(NOW).expect("valid").occurred_at,
        Some(NOW - 1_800_000)
    );
    let ahead = RawReport {
        occurred_at: "2026-12-05T09:30".to_owned(),
        ..filled()
    };
    assert_eq!(
        ahead.validate(NOW).expect_err("future"),
        InvalidInput::ReportWhen
    );
}

#[test]
fn the_honeypot_marks_a_bot() {
    assert!(!filled().is_bot());
    let bot = RawReport {
        website: "http://spam.example".to_owned(),
        ..filled()
    };
    assert!(bot.is_bot());
}
