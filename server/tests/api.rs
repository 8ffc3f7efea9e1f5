//! API integration tests: each starts the real server on port 0 against a
//! fresh database, on SQLite and on PostgreSQL (when `VERN_TEST_POSTGRES_URL`
//! names an admin connection; `VERN_TEST_REQUIRE_POSTGRES=1` makes its
//! absence a failure, as in CI).

mod api {
    pub mod access;
    pub mod admin;
    pub mod annual;
    pub mod annual_clock;
    pub mod annual_kinds;
    pub mod annual_overview;
    pub mod auth;
    pub mod avvik_export;
    pub mod avvik_list;
    pub mod avvik_rating;
    pub mod avvik_stats;
    pub mod avvik_workflow;
    pub mod cli;
    pub mod concurrency;
    pub mod crash;
    pub mod dashboard;
    pub mod dashboard_tally;
    pub mod follow_up;
    pub mod health;
    pub mod helpers;
    pub mod language;
    pub mod lock_order;
    pub mod login_limits;
    pub mod mail;
    pub mod mks;
    pub mod photo_cut;
    pub mod photo_race;
    pub mod photos;
    pub mod places_admin;
    pub mod qr_report_refusals;
    pub mod qr_reports;
    pub mod room_create;
    pub mod rooms_admin;
    pub mod round_report;
    pub mod schema;
    pub mod session_end;
    pub mod sibling_units;
    pub mod static_files;
    pub mod storage;
    pub mod subtree_admin;
    pub mod sync;
    pub mod sync_answers;
    pub mod sync_limits;
    pub mod sync_scope;
    pub mod sync_support;
    pub mod thumbnails;
    pub mod tiltak;
    pub mod tiltak_export;
    pub mod tiltaksplan;
}
