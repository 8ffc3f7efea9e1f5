//! Assembles the axum router: health, API, Leptos pages and server
//! functions, static files, and the middleware around them.

use std::sync::Arc;

use app::backend::BackendHandle;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use super::{
    api, client_address, health, page_guard, request_span, security_headers, server_fn_status,
    service_worker,
};
use crate::auth::{csrf, session};
use crate::services::Services;
use crate::state::AppState;

/// The whole application router.
pub fn build(state: AppState) -> Router {
    let backend = BackendHandle(Arc::new(Services::new(state.clone())));
    let context = move || provide_context(backend.clone());
    let routes = generate_route_list(app::App);
    let leptos = state.leptos.clone();
    let shell = move |options| app::shell(options);

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/sw.js", get(service_worker::script))
        .nest("/api/v1", api::routes())
        .merge(crate::exports::routes())
        .merge(test_routes(&state))
        // Before the pages: the form's post joins the page's route.
        .merge(crate::reports::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            app::shell(leptos.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn(page_guard::require_login))
        .layer(middleware::from_fn_with_state(state.clone(), csrf::guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            client_address::resolve,
        ))
        .layer(middleware::from_fn(cache_control))
        .layer(middleware::from_fn(server_fn_status::error_status));
    for layer in security_headers::layers() {
        router = router.layer(layer);
    }
    router
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span::request_span))
        .with_state(state)
}

/// The routes for tests, when the server was started for them.
fn test_routes(state: &AppState) -> Router<AppState> {
    if state.settings.test_clock {
        tracing::warn!("test_clock is on: anyone may set the yearly plan's day");
        super::test_clock::routes()
    } else {
        Router::new()
    }
}

/// Hashed build output is cached for a year; the service worker and the
/// manifest are always revalidated; pages and API answers are never stored.
/// Built files may come as their brotli or gzip copy, chosen by the
/// request's `Accept-Encoding`, which a shared cache must then take into
/// account (the static file handler does not say so itself).
async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/pkg/") && !varies_by_encoding(&response) {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let policy = if path.starts_with("/pkg/") {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/") {
        "public, max-age=86400"
    } else if path == "/sw.js" || path == "/manifest.webmanifest" {
        "no-cache"
    } else {
        "no-store"
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(policy));
    response
}

fn varies_by_encoding(response: &Response) -> bool {
    response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
}
