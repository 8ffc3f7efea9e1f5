//! A round's report as a PDF: the same content as the report page (facts
//! and sign-off, risk summary with the matrix, findings by room with their
//! photos, the tiltaksplan), each room and the plan starting a page.

use app::i18n::{Locale, td_string};
use app::rounds::report::{ReportFinding, RiskSummary, RoomFindings, RoundReport};
use app::rounds::report_text::{answer_name, state_text};
use app::rounds::risk_matrix::risk_text;
use app::tiltak::case_card::state_label;
use app::tiltak::model::{Tiltak, norwegian_date};
use krilla::image::Image;

use super::flow::{CONTENT_WIDTH, Flow, PhotoSize, Style, one_line};
use super::fonts::Face;
use super::render::{FOOTER_STYLE, Laid};
use super::risk_block::summary;

const TITLE: Style = Style::new(Face::Bold, 18.0);
const SUBTITLE: Style = Style::new(Face::Bold, 13.0);
const HEADING: Style = Style::new(Face::Bold, 14.0);
const SECTION: Style = Style::new(Face::Bold, 11.0);
const LABEL: Style = Style::new(Face::Bold, 10.0);
const BODY: Style = Style::new(Face::Regular, 10.0);
const INDENT: f32 = 12.0;
/// The footer's room beside "Side n / m".
const FOOTER_WIDTH: f32 = CONTENT_WIDTH * 0.75;

/// The report laid out; `photos` are those of the round's photos that
/// could be read (id, image), in any order.
pub fn laid_out(report: &RoundReport, photos: Vec<(String, Image)>, locale: Locale) -> Laid {
    let (ids, images): (Vec<String>, Vec<Image>) = photos.into_iter().unzip();
    let sizes = |finding: &ReportFinding| -> Vec<PhotoSize> {
        finding
            .photos
            .iter()
            .filter_map(|id| ids.iter().position(|known| known == id))
            .map(|index| {
                let (width, height) = images[index].size();
                PhotoSize {
                    index,
                    width,
                    height,
                }
            })
            .collect()
    };
    let mut flow = Flow::default();
    facts(&mut flow, report, locale);
    summary(&mut flow, &RiskSummary::of(&report.rooms), locale);
    for room in &report.rooms {
        flow.new_page();
        room_findings(&mut flow, room, &sizes, locale);
    }
    flow.new_page();
    tiltaksplan(&mut flow, &report.tiltak, locale);
    let heading = td_string!(locale, round_report_title);
    let footer = format!(
        "{} · {} · {}",
        report.title,
        report.unit,
        norwegian_date(&report.date)
    );
    Laid {
        title: format!("{heading}: {}", report.title),
        language: language(locale).to_owned(),
        footer: one_line(FOOTER_STYLE, FOOTER_WIDTH, &footer),
        page_of: Box::new(move |page, total| {
            format!("{} {page} / {total}", td_string!(locale, round_report_page))
        }),
        pages: flow.pages(),
        photos: images,
    }
}

/// The language tag the PDF's metadata carries.
fn language(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "en",
        Locale::nb => "nb",
    }
}

fn facts(flow: &mut Flow, report: &RoundReport, locale: Locale) {
    flow.text(TITLE, 0.0, td_string!(locale, round_report_title));
    flow.text(SUBTITLE, 0.0, &report.title);
    flow.gap(6.0);
    let area = report.area.as_deref().unwrap_or("–");
    for (label, value) in [
        (td_string!(locale, posters_unit), report.unit.as_str()),
        (td_string!(locale, round_report_area), area),
        (
            td_string!(locale, round_report_date),
            &norwegian_date(&report.date),
        ),
        (
            td_string!(locale, round_report_state),
            &state_text(report, locale),
        ),
    ] {
        flow.text(BODY, 0.0, &format!("{label}: {value}"));
    }
    flow.heading(SECTION, td_string!(locale, round_report_participants), 1.0);
    for person in &report.participants {
        let signed = if person.signed {
            td_string!(locale, round_report_signed)
        } else {
            td_string!(locale, round_report_not_signed)
        };
        let role = match person.role_label.as_str() {
            "" => String::new(),
            role => format!(" ({role})"),
        };
        flow.text(BODY, INDENT, &format!("{}{role} · {signed}", person.name));
    }
}

fn room_findings(
    flow: &mut Flow,
    room: &RoomFindings,
    sizes: &dyn Fn(&ReportFinding) -> Vec<PhotoSize>,
    locale: Locale,
) {
    let name = room
        .room
        .as_deref()
        .unwrap_or(td_string!(locale, round_general));
    flow.heading(HEADING, name, 2.0);
    for section in &room.sections {
        flow.heading(SECTION, &section.title, 2.0);
        for finding in &section.findings {
            flow.gap(4.0);
            finding_lines(flow, finding, locale);
            flow.photos(INDENT, &sizes(finding));
        }
    }
}

fn finding_lines(flow: &mut Flow, finding: &ReportFinding, locale: Locale) {
    let answer = answer_name(finding.answer, locale);
    flow.text(LABEL, 0.0, &format!("{answer}: {}", finding.point));
    if !finding.observation.is_empty() {
        flow.text(BODY, INDENT, &finding.observation);
    }
    if let Some(rating) = finding.rating {
        let risk = risk_text(locale, rating.probability, rating.consequence);
        flow.text(BODY, INDENT, &risk);
    }
    if !finding.suggested_measure.is_empty() {
        let label = td_string!(locale, round_report_suggested);
        flow.text(
            BODY,
            INDENT,
            &format!("{label}: {}", finding.suggested_measure),
        );
    }
    if let Some((_, receipt)) = &finding.case {
        flow.text(
            BODY,
            INDENT,
            &format!("{} {receipt}", td_string!(locale, avvik_case)),
        );
    }
}

fn tiltaksplan(flow: &mut Flow, tiltak: &[Tiltak], locale: Locale) {
    flow.heading(HEADING, td_string!(locale, tiltak_plan_title), 2.0);
    if tiltak.is_empty() {
        flow.text(BODY, 0.0, td_string!(locale, tiltak_none));
    }
    for measure in tiltak {
        flow.gap(4.0);
        flow.text(LABEL, 0.0, &measure.description);
        let mut line = format!(
            "{}: {} · {}: {} · {}: {}",
            td_string!(locale, tiltak_responsible),
            measure.responsible_text(locale),
            td_string!(locale, tiltak_due),
            measure.due_text(locale),
            td_string!(locale, round_report_tiltak_state),
            state_label(measure.state, locale),
        );
        if measure.overdue {
            line.push_str(&format!(" ({})", td_string!(locale, tiltak_overdue)));
        }
        if let Some((_, receipt)) = &measure.case {
            line.push_str(&format!(" · {} {receipt}", td_string!(locale, avvik_case)));
        }
        flow.text(BODY, INDENT, &line);
    }
}
