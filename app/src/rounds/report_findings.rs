//! A round report's findings: a section per room (each room starts a new
//! page when printed), the checklist sections inside it, and each answered
//! point with what was seen, the risk, the suggested measure, the case it
//! opened and its photos.

use leptos::prelude::*;

use super::report::{ReportFinding, RoomFindings};
use super::report_text::answer_name;
use super::risk_matrix::RiskBadge;
use crate::i18n::{t, td_string, use_i18n};
use crate::sync::records::Answer;

/// One room's findings.
#[component]
pub fn RoomSection(room: RoomFindings) -> impl IntoView {
    let i18n = use_i18n();
    let name = match room.room {
        Some(name) => name,
        None => td_string!(i18n.get_locale_untracked(), round_general).to_owned(),
    };
    let label = name.clone();
    view! {
        <section class="card report-room" aria-label=label>
            <h2>{name}</h2>
            {room.sections.into_iter().map(|section| view! {
                <h3>{section.title}</h3>
                <ul class="report-findings">
                    {section.findings.into_iter().map(|finding| view! { <FindingItem finding /> }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}

#[component]
fn FindingItem(finding: ReportFinding) -> impl IntoView {
    let i18n = use_i18n();
    let class = match finding.answer {
        Answer::Ok => "finding answer-ok",
        Answer::Avvik => "finding answer-avvik",
        Answer::IkkeRelevant => "finding answer-na",
    };
    let answer = answer_name(finding.answer, i18n.get_locale_untracked());
    let observation = (!finding.observation.is_empty()).then_some(finding.observation);
    let measure = (!finding.suggested_measure.is_empty()).then(|| {
        view! { <p>{t!(i18n, round_report_suggested)} ": " {finding.suggested_measure}</p> }
    });
    let case = finding.case.map(|(id, receipt)| {
        view! {
            <p>
                {t!(i18n, avvik_case)} " "
                <a href=format!("/avvik/sak?id={id}")>{receipt}</a>
            </p>
        }
    });
    let rating = finding.rating.map(|rating| {
        view! { <p><RiskBadge probability=rating.probability consequence=rating.consequence /></p> }
    });
    view! {
        <li class=class data-finding=finding.id>
            <p class="finding-point"><span class="badge">{answer}</span> " " {finding.point}</p>
            {observation.map(|text| view! { <p class="finding-text">{text}</p> })}
            {rating}
            {measure}
            {case}
            <FindingPhotos photos=finding.photos />
        </li>
    }
}

/// Thumbnails that open the photo full size.
#[component]
fn FindingPhotos(photos: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    (!photos.is_empty()).then(|| {
        let items = photos
            .into_iter()
            .enumerate()
            .map(|(index, id)| {
                let alt = format!(
                    "{} {}",
                    td_string!(locale, round_report_photo_alt),
                    index + 1
                );
                view! {
                    <li>
                        <a href=format!("/api/v1/photos/{id}") target="_blank" rel="noopener">
                            <img src=format!("/api/v1/photos/{id}/thumb") alt=alt />
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="case-photos">{items}</ul> }
    })
}
