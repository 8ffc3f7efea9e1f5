//! Files to take elsewhere: the avvik list as CSV for Excel, the quality
//! system and AMU. An export carries the filters in force on the page it
//! is taken from and reaches exactly the cases that page would show.

pub mod avvik_csv;
pub mod csv;

use app::avvik::list::EXPORT_CSV_PATH;
use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// The export routes (under `/api/v1`, with their full paths).
pub fn routes() -> Router<AppState> {
    Router::new().route(EXPORT_CSV_PATH, get(avvik_csv::avvik_csv))
}
