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
            let (one, many) = (
                td_string!(locale, sync_failed_single),
                td_string!(locale, sync_failed_count),
            );
            return counted(s.failures.len(), one, many);
        }
        if s.all_sent() {
            return td_string!(locale, sync_all_sent).to_owned();
        }
        let held = counted(
            s.held_for_others,
            td_string!(locale, sync_held_single),
            td_string!(locale, sync_held),
        );
        if s.pending_changes == 0 && s.pending_photos == 0 {
            return held;
        }
        let changes = counted(
            s.pending_changes,
            td_string!(locale, sync_change_and),
            td_string!(locale, sync_changes_and),
        );
        let photos = counted(
            s.pending_photos,
            td_string!(locale, sync_photo_waiting),
            td_string!(locale, sync_photos_waiting),
        );
        let mine = format!("{changes} {photos}");
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
                // One line of text: the tag flows with the counts instead of
                // becoming a narrow column of its own on a phone.
                <span>
                    <Show when=move || status.get().offline>
                        <span class="offline-tag">{t!(i18n, sync_offline)} " · "</span>
                    </Show>
                    {text}
                </span>
            </a>
        </p>
    }
}

/// "1 bilde venter" or "2 bilder venter": the count and the form of the
/// words that fits it (bokmål and English both use the singular for 1 only).
fn counted(count: usize, one: &str, many: &str) -> String {
    let words = if count == 1 { one } else { many };
    format!("{count} {words}")
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(
            counted(1, "bilde venter", "bilder venter"),
            "1 bilde venter"
        );
        assert_eq!(
            counted(0, "bilde venter", "bilder venter"),
            "0 bilder venter"
        );
        assert_eq!(counted(2, "endring og", "endringer og"), "2 endringer og");
    }
}
