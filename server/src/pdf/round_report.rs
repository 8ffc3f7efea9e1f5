//! A round's report as a PDF: the same content as the report page (facts
//! and sign-off, risk summary with the matrix, findings by room with their
//! photos, the tiltaksplan), each room and the plan starting a page.

use app::i18n::{Locale, td_string};
use app::rounds::report::{ReportFinding, RiskSummary, RoomFindings, RoundReport};
use app::rounds::risk_matrix::risk_text;
use app::sync::records::{Answer, RoundStatus};
use app::sync::rules::RiskLevel;
use app::tiltak::case_card::state_label;
use app::tiltak::model::{Tiltak, norwegian_date};
use krilla::image::Image;

use super::flow::{Flow, MARGIN, PhotoSize, Rgb, Step, Style};
use super::fonts::Face;
use super::render::Laid;

const TITLE: Style = Style::new(Face::Bold, 18.0);
const SUBTITLE: Style = Style::new(Face::Bold, 13.0);
const HEADING: Style = Style::new(Face::Bold, 14.0);
const SECTION: Style = Style::new(Face::Bold, 11.0);
const LABEL: Style = Style::new(Face::Bold, 10.0);
const BODY: Style = Style::new(Face::Regular, 10.0);
const INDENT: f32 = 12.0;

/// The report laid out; `photos` are the round's photos that could be read
/// (id, image), in any order.
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
    Laid {
        title: format!("{heading}: {}", report.title),
        language: match locale {
            Locale::en => "en",
            Locale::nb => "nb",
        }
        .to_owned(),
        footer: format!(
            "{} · {} · {}",
            report.title,
            report.unit,
            norwegian_date(&report.date)
        ),
        page_of: Box::new(move |page, total| {
            format!("{} {page} / {total}", td_string!(locale, round_report_page))
        }),
        pages: flow.pages(),
        photos: images,
    }
}

fn facts(flow: &mut Flow, report: &RoundReport, locale: Locale) {
    flow.text(TITLE, 0.0, td_string!(locale, round_report_title));
    flow.text(SUBTITLE, 0.0, &report.title);
    flow.gap(6.0);
    let status = match report.status {
        RoundStatus::Finished => td_string!(locale, rounds_finished),
        RoundStatus::Planned => td_string!(locale, rounds_planned),
        RoundStatus::Ongoing => td_string!(locale, rounds_ongoing),
    };
    let status = match &report.finished_at {
        Some(at) => format!("{status} {at}"),
        None => status.to_owned(),
    };
    let area = report.area.as_deref().unwrap_or("–");
    for (label, value) in [
        (td_string!(locale, posters_unit), report.unit.as_str()),
        (td_string!(locale, round_report_area), area),
        (
            td_string!(locale, round_report_date),
            &norwegian_date(&report.date),
        ),
        (td_string!(locale, round_report_state), &status),
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

fn summary(flow: &mut Flow, summary: &RiskSummary, locale: Locale) {
    flow.heading(SECTION, td_string!(locale, round_report_summary), 3.0);
    flow.text(
        BODY,
        0.0,
        &format!(
            "{}: {} · {}: {} · {}: {}",
            td_string!(locale, finish_ok),
            summary.ok,
            td_string!(locale, finish_na),
            summary.not_relevant,
            td_string!(locale, round_report_avvik_total),
            summary.avvik(),
        ),
    );
    for (label, count) in [
        (td_string!(locale, finish_avvik_high), summary.high),
        (td_string!(locale, finish_avvik_medium), summary.medium),
        (td_string!(locale, finish_avvik_low), summary.low),
        (td_string!(locale, round_report_unrated), summary.unrated),
    ] {
        flow.text(BODY, INDENT, &format!("{label}: {count}"));
    }
    flow.gap(6.0);
    matrix(flow, summary, locale);
}

/// The 5×5 matrix, sannsynlighet up and konsekvens across, with the count
/// of the round's avvik in each cell.
fn matrix(flow: &mut Flow, summary: &RiskSummary, locale: Locale) {
    const CELL: f32 = 24.0;
    const AXIS: f32 = 16.0;
    let top = flow.block(CELL * 5.0 + AXIS * 2.0);
    let left = MARGIN + AXIS;
    for probability in 1..=5u8 {
        let y = top + CELL * f32::from(5 - probability);
        label_at(
            flow,
            MARGIN + 4.0,
            y + CELL * 0.65,
            &probability.to_string(),
        );
        for consequence in 1..=5u8 {
            let x = left + CELL * f32::from(consequence - 1);
            flow.push(Step::Fill {
                x,
                y,
                width: CELL - 2.0,
                height: CELL - 2.0,
                color: level_colour(RiskLevel::of(probability, consequence)),
            });
            let count = summary
                .matrix
                .iter()
                .find(|cell| {
                    cell.rating.probability == probability && cell.rating.consequence == consequence
                })
                .map_or(0, |cell| cell.count);
            if count > 0 {
                label_at(flow, x + CELL * 0.35, y + CELL * 0.65, &count.to_string());
            }
            if probability == 1 {
                label_at(
                    flow,
                    x + CELL * 0.35,
                    top + CELL * 5.0 + 10.0,
                    &consequence.to_string(),
                );
            }
        }
    }
    let axes = format!(
        "↑ {} · → {}",
        td_string!(locale, risk_probability),
        td_string!(locale, risk_consequence)
    );
    label_at(flow, left, top + CELL * 5.0 + AXIS + 10.0, &axes);
}

fn label_at(flow: &mut Flow, x: f32, baseline: f32, text: &str) {
    flow.push(Step::Text {
        x,
        baseline,
        style: Style::new(Face::Regular, 9.0),
        text: text.to_owned(),
    });
}

/// The matrix colours of the report page, light enough for black digits.
fn level_colour(level: RiskLevel) -> Rgb {
    match level {
        RiskLevel::Low => Rgb(0xb7, 0xe1, 0xc1),
        RiskLevel::Medium => Rgb(0xf7, 0xe0, 0x8a),
        RiskLevel::High => Rgb(0xf1, 0xa7, 0x9f),
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
    let answer = match finding.answer {
        Answer::Ok => td_string!(locale, answer_ok),
        Answer::Avvik => td_string!(locale, answer_avvik),
        Answer::IkkeRelevant => td_string!(locale, answer_na),
    };
    flow.text(LABEL, 0.0, &format!("{answer}: {}", finding.point));
    if !finding.observation.is_empty() {
        flow.text(BODY, INDENT, &finding.observation);
    }
    if let Some(rating) = finding.rating {
        flow.text(
            BODY,
            INDENT,
            &risk_text(locale, rating.probability, rating.consequence),
        );
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
        let due = measure.due.as_deref().map_or_else(
            || td_string!(locale, tiltak_no_due).to_owned(),
            norwegian_date,
        );
        let who = measure.responsible.as_ref().map_or_else(
            || td_string!(locale, avvik_nobody).to_owned(),
            |(_, name)| name.clone(),
        );
        let mut line = format!(
            "{}: {who} · {}: {due} · {}: {}",
            td_string!(locale, tiltak_responsible),
            td_string!(locale, tiltak_due),
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
