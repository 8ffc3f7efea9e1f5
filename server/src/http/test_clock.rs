//! `PUT /api/test/today` (only with the `test_clock` setting): sets the day
//! the yearly plan counts from, or back to the real one, so a browser test
//! can look at the plan after a deadline without waiting for it.

use app::error::AppError;
use axum::extract::State;
use axum::routing::put;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::errors::ApiError;
use crate::state::AppState;

/// The route's path.
pub const TEST_TODAY_PATH: &str = "/api/test/today";

/// The day asked for.
#[derive(Debug, Deserialize)]
pub struct SetToday {
    /// `YYYY-MM-DD`, or `null` for the real day.
    today: Option<String>,
}

/// The route, for a server started with `test_clock`.
pub fn routes() -> Router<AppState> {
    Router::new().route(TEST_TODAY_PATH, put(set_today))
}

/// Sets the plan's day; a day that is not `YYYY-MM-DD` is refused.
#[tracing::instrument(skip(state))]
async fn set_today(
    State(state): State<AppState>,
    Json(asked): Json<SetToday>,
) -> Result<Json<String>, ApiError> {
    let day = asked
        .today
        .map(|text| {
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map_err(|_| AppError::Malformed(format!("not a day: {text}")))
        })
        .transpose()?;
    state.plan_clock.set(day);
    tracing::info!(today = %state.plan_clock.today(), "the yearly plan's day was set for a test");
    Ok(Json(state.plan_clock.today().to_string()))
}
