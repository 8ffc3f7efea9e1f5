//! A case's conversation: the comment form (a comment is internal, or
//! visible to the reporter on the status link) and the timeline of every
//! change, comments included.

use leptos::prelude::*;

use super::case::{CaseEvent, CaseEventKind, TiltakChange};
use super::case_risk::rating_text;
use super::list_filters::state_label;
use super::moves::CommentAvvik;
use crate::i18n::{Locale, t, td_string, use_i18n};
use crate::layout::error_message::ErrorMessage;
use crate::tiltak::case_card::state_label as tiltak_state;

/// The comment being written and its sending; kept by the page, so the
/// text survives a failed send and a reload of the case.
#[derive(Clone, Copy)]
pub struct Comments {
    /// Sends a comment.
    pub sender: ServerAction<CommentAvvik>,
    /// The text typed so far.
    pub text: RwSignal<String>,
    /// Whether the reporter is to see it.
    pub visible: RwSignal<bool>,
}

impl Comments {
    /// An empty comment, cleared again once one is sent.
    pub fn empty() -> Self {
        let comments = Comments {
            sender: ServerAction::new(),
            text: RwSignal::new(String::new()),
            visible: RwSignal::new(false),
        };
        Effect::new(move |_| {
            if let Some(Ok(())) = comments.sender.value().get() {
                comments.text.set(String::new());
                comments.visible.set(false);
            }
        });
        comments
    }
}

/// Writes a comment on the case.
#[component]
pub fn CommentForm(id: String, comments: Comments) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let send = move |_| {
        comments.sender.dispatch(CommentAvvik {
            id: id.get_value(),
            body: comments.text.get_untracked(),
            visible: comments.visible.get_untracked(),
        });
    };
    view! {
        <section class="card" aria-labelledby="case-comment">
            <h2 id="case-comment">{t!(i18n, avvik_comments_title)}</h2>
            <label for="comment-text" class="visually-hidden">{t!(i18n, avvik_comment)}</label>
            <textarea
                id="comment-text"
                maxlength="4000"
                prop:value=move || comments.text.get()
                on:input=move |event| comments.text.set(event_target_value(&event))
            ></textarea>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || comments.visible.get()
                    on:change=move |event| comments.visible.set(event_target_checked(&event))
                />
                {t!(i18n, avvik_comment_visible)}
            </label>
            <button type="button" disabled=move || comments.sender.pending().get() on:click=send>
                {t!(i18n, avvik_comment_send)}
            </button>
            <div role="alert" class="alert-slot">
                {move || {
                    comments.sender.value().get().and_then(Result::err)
                        .map(|error| view! { <p class="error"><ErrorMessage error /></p> })
                }}
            </div>
        </section>
    }
}

/// Every change to the case, oldest first.
#[component]
pub fn Timeline(events: Vec<CaseEvent>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <section class="card" aria-labelledby="case-timeline">
            <h2 id="case-timeline">{t!(i18n, avvik_timeline)}</h2>
            <ol class="timeline">
                {events
                    .into_iter()
                    .map(|event| {
                        let who = match event.who {
                            Some(name) => name,
                            None if event.withheld => {
                                td_string!(locale, avvik_reporter_hidden).to_owned()
                            }
                            None if matches!(event.what, CaseEventKind::Reported) => {
                                td_string!(locale, avvik_reporter_unknown).to_owned()
                            }
                            None => "–".to_owned(),
                        };
                        let what = describe(event.what, locale);
                        view! {
                            <li>
                                <span class="when">{event.at}</span> " · " <span class="who">{who}</span>
                                <span class="what">{what}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// A timeline entry in words.
fn describe(what: CaseEventKind, locale: Locale) -> String {
    match what {
        CaseEventKind::Created => td_string!(locale, avvik_event_created).to_owned(),
        CaseEventKind::Reported => td_string!(locale, avvik_event_reported).to_owned(),
        CaseEventKind::Moved { from, to, note } => {
            let step = format!(
                "{} → {}",
                state_label(from, locale),
                state_label(to, locale)
            );
            if note.is_empty() {
                step
            } else {
                format!("{step}: {note}")
            }
        }
        CaseEventKind::Rerated(rating) => format!(
            "{} {}",
            td_string!(locale, avvik_event_rerated),
            rating_text(rating, locale)
        ),
        CaseEventKind::Assigned(name) => {
            let nobody = td_string!(locale, avvik_nobody).to_owned();
            format!(
                "{} {}",
                td_string!(locale, avvik_event_assigned),
                name.unwrap_or(nobody)
            )
        }
        CaseEventKind::Commented {
            body,
            visible_to_reporter,
        } => {
            let kind = if visible_to_reporter {
                td_string!(locale, avvik_comment_public)
            } else {
                td_string!(locale, avvik_comment_internal)
            };
            format!("{kind}: {body}")
        }
        CaseEventKind::Tiltak {
            description,
            change,
        } => {
            let what = match change {
                TiltakChange::Added => td_string!(locale, tiltak_event_added).to_owned(),
                TiltakChange::Edited => td_string!(locale, tiltak_event_edited).to_owned(),
                TiltakChange::Moved { to, reason } if reason.is_empty() => {
                    format!(
                        "{} {}",
                        td_string!(locale, tiltak_event_moved),
                        tiltak_state(to, locale)
                    )
                }
                TiltakChange::Moved { to, reason } => {
                    let moved = td_string!(locale, tiltak_event_moved);
                    format!("{moved} {} ({reason})", tiltak_state(to, locale))
                }
            };
            format!("{what}: {description}")
        }
        CaseEventKind::Other(_) => td_string!(locale, avvik_event_other).to_owned(),
    }
}
