//! The page coming back into view: a phone unlocked, a tab brought forward.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::VisibilityState;

/// Calls `shown` every time the page becomes visible again, for the app's
/// life. A page coming back is when work left for later is worth trying:
/// the phone may have been in a pocket through a change of network.
pub fn on_page_shown(shown: impl Fn() + 'static) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let listener = Closure::<dyn FnMut()>::new(move || {
        let visible = web_sys::window()
            .and_then(|window| window.document())
            .is_some_and(|document| document.visibility_state() == VisibilityState::Visible);
        if visible {
            shown();
        }
    });
    // Adding a listener fails only for a non-function, which this is not.
    let _ = document
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    listener.forget();
}
