//! Files to take elsewhere: the avvik list and the tiltaksplan as CSV for
//! Excel, the quality system and AMU. An export carries the filters in
//! force on the page it is taken from and reaches exactly what that page
//! would show.

pub mod avvik_csv;
pub mod csv;
pub mod download;
pub mod tiltak_csv;

use app::avvik::list::EXPORT_CSV_PATH as AVVIK_CSV;
use app::tiltak::model::EXPORT_CSV_PATH as TILTAK_CSV;
use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// The export routes (under `/api/v1`, with their full paths).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(AVVIK_CSV, get(avvik_csv::avvik_csv))
        .route(TILTAK_CSV, get(tiltak_csv::tiltak_csv))
}
