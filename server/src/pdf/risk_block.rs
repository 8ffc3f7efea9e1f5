//! A round report's risk summary in the PDF: the answers, the avvik per
//! level, and the 5×5 matrix (sannsynlighet up, konsekvens across) with the
//! count of the round's avvik in each cell, in the report page's colours.

use app::avvik::rating::{MatrixCount, Rating};
use app::i18n::{Locale, td_string};
use app::rounds::report::RiskSummary;
use app::sync::rules::RiskLevel;

use super::flow::{Flow, MARGIN, Rgb, Step, Style};
use super::fonts::Face;

const SECTION: Style = Style::new(Face::Bold, 11.0);
const BODY: Style = Style::new(Face::Regular, 10.0);
const SMALL: Style = Style::new(Face::Regular, 9.0);
const INDENT: f32 = 12.0;
const CELL: f32 = 24.0;
const AXIS: f32 = 16.0;

/// The counts, then the matrix.
pub fn summary(flow: &mut Flow, summary: &RiskSummary, locale: Locale) {
    flow.heading(SECTION, td_string!(locale, round_report_summary), 3.0);
    let answers = format!(
        "{}: {} · {}: {} · {}: {}",
        td_string!(locale, finish_ok),
        summary.ok,
        td_string!(locale, finish_na),
        summary.not_relevant,
        td_string!(locale, round_report_avvik_total),
        summary.avvik(),
    );
    flow.text(BODY, 0.0, &answers);
    for (label, count) in [
        (td_string!(locale, finish_avvik_high), summary.high),
        (td_string!(locale, finish_avvik_medium), summary.medium),
        (td_string!(locale, finish_avvik_low), summary.low),
        (td_string!(locale, round_report_unrated), summary.unrated),
    ] {
        flow.text(BODY, INDENT, &format!("{label}: {count}"));
    }
    flow.gap(6.0);
    matrix(flow, &summary.matrix, locale);
}

/// The matrix with its axes' numbers and names below it.
fn matrix(flow: &mut Flow, counts: &[MatrixCount], locale: Locale) {
    let top = flow.block(CELL * 5.0 + AXIS * 2.0);
    let left = MARGIN + AXIS;
    for probability in 1..=5u8 {
        let y = top + CELL * f32::from(5 - probability);
        label(
            flow,
            MARGIN + 4.0,
            y + CELL * 0.65,
            &probability.to_string(),
        );
        for consequence in 1..=5u8 {
            let x = left + CELL * f32::from(consequence - 1);
            let rating = Rating {
                probability,
                consequence,
            };
            cell(flow, (x, y), rating, MatrixCount::count_in(counts, rating));
        }
    }
    for consequence in 1..=5u8 {
        let x = left + CELL * f32::from(consequence - 1);
        label(
            flow,
            x + CELL * 0.35,
            top + CELL * 5.0 + 10.0,
            &consequence.to_string(),
        );
    }
    let axes = format!(
        "↑ {} · → {}",
        td_string!(locale, risk_probability),
        td_string!(locale, risk_consequence)
    );
    label(flow, left, top + CELL * 5.0 + AXIS + 10.0, &axes);
}

fn cell(flow: &mut Flow, (x, y): (f32, f32), rating: Rating, count: i64) {
    flow.push(Step::Fill {
        x,
        y,
        width: CELL - 2.0,
        height: CELL - 2.0,
        color: level_colour(rating.level()),
    });
    if count > 0 {
        label(flow, x + CELL * 0.35, y + CELL * 0.65, &count.to_string());
    }
}

fn label(flow: &mut Flow, x: f32, baseline: f32, text: &str) {
    flow.push(Step::Text {
        x,
        baseline,
        style: SMALL,
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
