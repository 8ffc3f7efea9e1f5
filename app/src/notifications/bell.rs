//! The menu's link to `/varsler` with the number of unread notifications.
//! The count is shared through context so the notification page can renew
//! it once everything is marked read.

use leptos::prelude::*;

use super::model::unread_notices;
use crate::error::AppError;
use crate::i18n::{t, use_i18n};

/// The unread count, as loaded for the menu.
#[derive(Clone, Copy)]
pub struct UnreadCount(pub Resource<Result<i64, AppError>>);

/// Loads the count and offers it to the page below (call in the frame).
pub fn provide_unread_count() -> UnreadCount {
    let count = UnreadCount(Resource::new(|| (), |_| unread_notices()));
    provide_context(count);
    count
}

/// The link, once the count is known (nothing without a network).
#[component]
pub fn NoticeLink(count: UnreadCount) -> impl IntoView {
    let i18n = use_i18n();
    let unread = move || count.0.get().and_then(Result::ok);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                unread().map(|unread| {
                    view! {
                        <a href="/varsler" class="notice-link">
                            {t!(i18n, nav_notices)}
                            {(unread > 0).then(|| view! { " " <span class="count">{unread}</span> })}
                        </a>
                    }
                })
            }}
        </Suspense>
    }
}
