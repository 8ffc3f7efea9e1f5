//! Vernerunder on a phone: the list, starting a round, walking it room by
//! room, and finishing it. These pages are rendered on the server as empty
//! frames that never depend on the query string; their data comes from the
//! device's store in the browser, so they load offline too. The round's
//! report ([`report`], [`report_page`]) is the exception: it is read from
//! the server, for leaders who review what reached it.

pub mod avvik_summary;
pub mod finish_page;
pub mod list_page;
pub mod new_page;
pub mod photo_field;
pub mod point;
pub mod progress;
pub mod refresh;
pub mod report;
pub mod report_findings;
pub mod report_page;
pub mod report_summary;
pub mod report_text;
pub mod risk_matrix;
pub mod round_page;

/// A new UUIDv7 made on the device.
#[cfg(feature = "hydrate")]
pub fn new_id() -> String {
    crate::offline::store::new_id()
}

/// Today's date on the device, `YYYY-MM-DD`.
#[cfg(feature = "hydrate")]
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Runs a future in the browser only (pages load their data on the device).
#[cfg(feature = "hydrate")]
pub fn in_browser<F>(future: F)
where
    F: std::future::Future<Output = ()> + 'static,
{
    leptos::task::spawn_local(future);
}
