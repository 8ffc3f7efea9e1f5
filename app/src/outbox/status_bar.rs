//! The sync status line in the header of every page.

use leptos::prelude::*;

use crate::i18n::{t, td_string, use_i18n};
use crate::offline::status::use_sync_status;

/// "3 endringer og 2 bilder venter", the last sync, or what needs doing.
#[component]
pub fn SyncStatusBar() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let text = move || {
        let s = status.get();
        let locale = i18n.get_locale();
        if !s.counted {
            return "…".to_owned();
        }
        if s.need_login {
            return td_string!(locale, sync_need_login).to_owned();
        }
        if !s.failures.is_empty() {
            return format!(
                "{} {}",
                s.failures.len(),
                td_string!(locale, sync_failed_count)
            );
        }
        if s.all_sent() {
            return td_string!(locale, sync_all_sent).to_owned();
        }
        let held = format!("{} {}", s.held_for_others, td_string!(locale, sync_held));
        if s.pending_changes == 0 && s.pending_photos == 0 {
            return held;
        }
        let mine = format!(
            "{} {} {} {}",
            s.pending_changes,
            td_string!(locale, sync_changes_and),
            s.pending_photos,
            td_string!(locale, sync_photos_waiting)
        );
        if s.held_for_others == 0 {
            mine
        } else {
            format!("{mine} · {held}")
        }
    };
    let class = move || {
        let s = status.get();
        if s.need_login || !s.failures.is_empty() {
            "sync-bar attention"
        } else if s.all_sent() {
            "sync-bar done"
        } else {
            "sync-bar waiting"
        }
    };
    view! {
        <p class=class role="status" data-testid="sync-status">
            <a href="/synk">
                <Show when=move || status.get().offline>
                    <span class="offline-tag">{t!(i18n, sync_offline)} " · "</span>
                </Show>
                {text}
            </a>
        </p>
    }
}
