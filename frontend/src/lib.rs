//! The wasm entry point: hydrates the server-rendered Vern app in the browser.

/// Called by the hydration script that leptos_axum puts in every page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
