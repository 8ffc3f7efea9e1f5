//! `/varsler`: the person's newest notifications, unread ones marked, each
//! leading to its case; one button marks them all read.

use leptos::prelude::*;

use super::bell::UnreadCount;
use super::mail_form::MailChoiceCard;
use super::model::{MarkNoticesRead, Notice, Notices, load_notices};
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::layout::loaded::Loaded;
use crate::layout::offline_note::ReadOnlyOffline;
use crate::layout::page_frame::PageFrame;

/// The notification page.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNoticesRead>::new();
    let notices = Resource::new(move || mark.version().get(), |_| load_notices());
    view! {
        <PageFrame>
            <main id="main" class="page">
                <h1>{t!(i18n, notices_title)}</h1>
                <ReadOnlyOffline />
                <Loaded resource=notices render=move |notices| view! { <NoticeList notices mark /> } />
                <MailChoiceCard />
            </main>
        </PageFrame>
    }
}

#[component]
fn NoticeList(notices: Notices, mark: ServerAction<MarkNoticesRead>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // The menu's count lives in the frame around this list: renewed once
    // everything is marked read.
    let count = use_context::<UnreadCount>();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(count)) = (mark.value().get(), count) {
            count.0.refetch();
        }
    });
    if notices.items.is_empty() {
        return view! { <p>{t!(i18n, notices_none)}</p> }.into_any();
    }
    let items = notices
        .items
        .into_iter()
        .map(|notice| view! { <NoticeItem notice locale /> })
        .collect_view();
    view! {
        <p class="hint">{t!(i18n, notices_unread)} ": " {notices.unread}</p>
        {(notices.unread > 0).then(|| view! {
            <button type="button" class="secondary" disabled=move || mark.pending().get()
                on:click=move |_| { mark.dispatch(MarkNoticesRead {}); }>
                {t!(i18n, notices_mark_read)}
            </button>
        })}
        <div role="alert" class="alert-slot">
            {move || mark.value().get().and_then(Result::err).map(|error| view! { <p class="error"><ErrorMessage error /></p> })}
        </div>
        <ul class="notice-list">{items}</ul>
    }
    .into_any()
}

#[component]
fn NoticeItem(notice: Notice, locale: Locale) -> impl IntoView {
    let Notice {
        kind,
        case_id,
        receipt_no,
        subject,
        at,
        unread,
    } = notice;
    let subject = if receipt_no.is_empty() {
        subject
    } else {
        format!("{receipt_no}: {subject}")
    };
    let target = case_id.map(|id| format!("/avvik/sak?id={id}"));
    view! {
        <li class="notice" class:unread=unread>
            <p class="notice-what">
                {unread.then(|| view! { <span class="badge">{td_string!(locale, notices_new)}</span> " " })}
                {kind.label(locale)}
            </p>
            <p>
                {match target {
                    Some(href) => view! { <a href=href>{subject}</a> }.into_any(),
                    None => view! { <span>{subject}</span> }.into_any(),
                }}
            </p>
            <p class="hint">{at}</p>
        </li>
    }
}
