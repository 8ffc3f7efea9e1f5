//! The report form a phone keeps for rooms it has never opened. The
//! service worker shows it, with no network, for any room's code (see
//! [`super::ANY_ROOM_TOKEN`]); the report is kept on the phone and goes to
//! the room the scanned code belongs to once it is sent. The room is named
//! when the phone knows it from its reference data (rooms in the
//! verneområder of a verneombud); otherwise the server names it on the
//! receipt.

use leptos::prelude::*;

use super::report_form::RoomPlace;
use crate::i18n::{t, use_i18n};
use crate::sync::reference::RoomRef;

/// Where the report goes: the room, when this phone knows the code.
#[component]
pub fn AnyRoomPlace(token: String) -> impl IntoView {
    let i18n = use_i18n();
    // Empty on the server and at hydration (the same markup); filled in
    // from the phone's data once the app runs.
    let known = RwSignal::new(None::<(RoomRef, String)>);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let token = token.clone();
            leptos::task::spawn_local(async move {
                if let Some(place) = place_of(&token).await {
                    known.set(Some(place));
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&token, known);
    });
    view! {
        <p class="report-place">
            {move || match known.get() {
                Some((room, unit)) => {
                    view! {
                        <RoomPlace room=room.name building=room.building floor=room.floor unit />
                    }
                        .into_any()
                }
                None => view! { <strong>{t!(i18n, report_any_room)}</strong> }.into_any(),
            }}
        </p>
        <p class="notice" role="note">{t!(i18n, report_any_room_offline)}</p>
    }
}

/// The room of a code in the phone's reference data, and its area's unit.
#[cfg(feature = "hydrate")]
async fn place_of(token: &str) -> Option<(RoomRef, String)> {
    let reference = crate::offline::store::reference().await.ok()??;
    reference.areas.iter().find_map(|area| {
        let room = area.rooms.iter().find(|room| room.qr_token == token)?;
        let unit = reference
            .units
            .iter()
            .find(|unit| unit.id == area.unit_id)
            .map(|unit| unit.name.clone())
            .unwrap_or_default();
        Some((room.clone(), unit))
    })
}
