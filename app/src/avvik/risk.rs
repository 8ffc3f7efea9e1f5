//! The risk a case is sorted and filtered by. A round's avvik is rated on
//! the 5×5 matrix (sannsynlighet × konsekvens, 1–25); a QR report carries
//! the reporter's words (lav / middels / høy) instead, placed in the middle
//! of the matrix band they name so that both kinds sort together.

use serde::{Deserialize, Serialize};

use crate::reports::Severity;
use crate::sync::rules::RiskLevel;

/// The band a risk level covers on the 1–25 scale (unrated cases score 0
/// and fall in none).
pub fn band(level: RiskLevel) -> (i64, i64) {
    match level {
        RiskLevel::Low => (1, 4),
        RiskLevel::Medium => (5, 9),
        RiskLevel::High => (10, 25),
    }
}

/// The matrix level a score lies in; `None` for an unrated case (0).
pub fn level_of(score: i64) -> Option<RiskLevel> {
    [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High]
        .into_iter()
        .find(|level| {
            let (low, high) = band(*level);
            (low..=high).contains(&score)
        })
}

/// The score a case sorts by: the matrix product when it is rated, else
/// the reporter's words, else 0 (not rated).
pub fn list_score(probability: Option<i64>, consequence: Option<i64>, severity: &str) -> i64 {
    match (probability, consequence) {
        (Some(p), Some(c)) if (1..=5).contains(&p) && (1..=5).contains(&c) => p * c,
        _ => match Severity::parse(severity) {
            Some(Severity::Low) => 3,
            Some(Severity::Medium) => 8,
            Some(Severity::High) => 15,
            None => 0,
        },
    }
}

/// A risk level as a list filter names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskFilter {
    /// Green (1–4).
    Low,
    /// Yellow (5–9).
    Medium,
    /// Red (10–25).
    High,
}

impl RiskFilter {
    /// The matrix level it stands for.
    pub fn level(self) -> RiskLevel {
        match self {
            RiskFilter::Low => RiskLevel::Low,
            RiskFilter::Medium => RiskLevel::Medium,
            RiskFilter::High => RiskLevel::High,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rated_case_scores_its_matrix_product() {
        assert_eq!(list_score(Some(4), Some(5), ""), 20);
        assert_eq!(
            list_score(Some(1), Some(1), "hoy"),
            1,
            "the rating wins over words"
        );
    }

    #[test]
    fn a_reporters_words_land_inside_the_band_they_name() {
        for (words, level) in [
            ("lav", RiskLevel::Low),
            ("middels", RiskLevel::Medium),
            ("hoy", RiskLevel::High),
        ] {
            let score = list_score(None, None, words);
            let (low, high) = band(level);
            assert!((low..=high).contains(&score), "{words}: {score}");
        }
    }

    #[test]
    fn an_unrated_case_scores_zero_and_is_in_no_band() {
        assert_eq!(list_score(None, None, ""), 0);
        assert_eq!(list_score(Some(9), Some(2), ""), 0, "out of the matrix");
        for level in [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High] {
            assert!(band(level).0 > 0);
        }
    }

    #[test]
    fn a_score_reads_back_as_its_level() {
        assert_eq!(level_of(0), None);
        assert_eq!(level_of(4), Some(RiskLevel::Low));
        assert_eq!(level_of(8), Some(RiskLevel::Medium));
        assert_eq!(level_of(25), Some(RiskLevel::High));
    }

    #[test]
    fn the_bands_match_the_matrix_colours() {
        for p in 1..=5u8 {
            for c in 1..=5u8 {
                let score = i64::from(p) * i64::from(c);
                let (low, high) = band(RiskLevel::of(p, c));
                assert!((low..=high).contains(&score));
            }
        }
    }
}
