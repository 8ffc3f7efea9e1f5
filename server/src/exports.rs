//! Files to take elsewhere: the avvik list and the tiltaksplan as CSV and
//! XLSX, the AMU statistics and the årshjul of all units as XLSX, and a
//! round's report as PDF, for Excel, the quality system and AMU. An export
//! carries the filters in force on the page it is taken from and reaches
//! exactly what that page would show.

pub mod annual_xlsx;
pub mod avvik_cells;
pub mod avvik_csv;
pub mod avvik_xlsx;
pub mod csv;
pub mod download;
pub mod round_pdf;
pub mod stats_xlsx;
pub mod tiltak_cells;
pub mod tiltak_csv;
pub mod tiltak_xlsx;
pub mod value;
pub mod xlsx;

use app::annual::overview::OVERVIEW_XLSX_PATH;
use app::avvik::list::{EXPORT_CSV_PATH as AVVIK_CSV, EXPORT_XLSX_PATH as AVVIK_XLSX};
use app::rounds::report::REPORT_PDF_PATH;
use app::stats::model::STATS_XLSX_PATH;
use app::tiltak::model::{EXPORT_CSV_PATH as TILTAK_CSV, EXPORT_XLSX_PATH as TILTAK_XLSX};
use axum::Router;
use axum::routing::get;

use crate::state::AppState;

/// The export routes (under `/api/v1`, with their full paths).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(AVVIK_CSV, get(avvik_csv::avvik_csv))
        .route(AVVIK_XLSX, get(avvik_xlsx::avvik_xlsx))
        .route(TILTAK_CSV, get(tiltak_csv::tiltak_csv))
        .route(TILTAK_XLSX, get(tiltak_xlsx::tiltak_xlsx))
        .route(REPORT_PDF_PATH, get(round_pdf::round_pdf))
        .route(STATS_XLSX_PATH, get(stats_xlsx::stats_xlsx))
        .route(OVERVIEW_XLSX_PATH, get(annual_xlsx::annual_xlsx))
}
