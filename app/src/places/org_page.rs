//! `/admin/steder`: the HMS-ansvarlig's part of the organisation, one card
//! per unit with its verneområder and buildings, and forms to create,
//! rename, move and retire them.

use leptos::prelude::*;

use super::change_load::{
    CreatePlace, MovePlace, RenamePlace, RetirePlace, SetVerneombud, load_org_admin,
};
use super::place_forms::PlaceActions;
use super::unit_card::{OrgActions, UnitCard};
use crate::i18n::{t, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::page_frame::PageFrame;

/// The organisation page; every card refreshes after any change.
#[component]
pub fn OrgPage() -> impl IntoView {
    let i18n = use_i18n();
    let actions = OrgActions {
        places: PlaceActions {
            rename: ServerAction::<RenamePlace>::new(),
            relocate: ServerAction::<MovePlace>::new(),
            retire: ServerAction::<RetirePlace>::new(),
        },
        create: ServerAction::<CreatePlace>::new(),
        verneombud: ServerAction::<SetVerneombud>::new(),
    };
    let admin = Resource::new(
        move || {
            (
                actions.create.version().get(),
                actions.places.rename.version().get(),
                actions.places.relocate.version().get(),
                actions.places.retire.version().get(),
                actions.verneombud.version().get(),
            )
        },
        |_| load_org_admin(),
    );
    let failed = move || {
        let first = actions.create.value().get().and_then(Result::err);
        first
            .or_else(|| actions.places.rename.value().get().and_then(Result::err))
            .or_else(|| actions.places.relocate.value().get().and_then(Result::err))
            .or_else(|| actions.places.retire.value().get().and_then(Result::err))
            .or_else(|| actions.verneombud.value().get().and_then(Result::err))
    };

    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, org_title)}</h1>
                <p>{t!(i18n, org_intro)}</p>
                <div role="alert" class="alert-slot">
                    {move || failed().map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
                </div>
                <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                    {move || {
                        admin
                            .get()
                            .map(|result| match result {
                                Ok(admin) => {
                                    let admin = StoredValue::new(admin);
                                    admin
                                        .with_value(|admin| admin.units.clone())
                                        .into_iter()
                                        .map(|unit| view! { <UnitCard unit admin actions /> })
                                        .collect_view()
                                        .into_any()
                                }
                                Err(error) => {
                                    view! { <p class="error" role="alert"><ErrorMessage error /></p> }
                                        .into_any()
                                }
                            })
                    }}
                </Transition>
            </main>
        </PageFrame>
    }
}
