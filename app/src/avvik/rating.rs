//! A case's risk as it was first given and as a leader re-rated it. Both
//! are kept (the first tells what the verneombud or the reporter saw, the
//! second what the unit now judges); the newest decides where the case
//! sorts.

use serde::{Deserialize, Serialize};

use super::risk::list_score;
use crate::error::InvalidInput;
use crate::reports::Severity;
use crate::sync::rules::RiskLevel;

/// A rating on the 5×5 matrix: sannsynlighet × konsekvens, each 1–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Sannsynlighet, 1–5.
    pub probability: u8,
    /// Konsekvens, 1–5.
    pub consequence: u8,
}

impl Rating {
    /// A rating from a form; both must lie on the matrix.
    pub fn new(probability: i64, consequence: i64) -> Result<Rating, InvalidInput> {
        Self::stored(Some(probability), Some(consequence)).ok_or(InvalidInput::RiskRating)
    }

    /// A rating from stored columns: `None` unless both are on the matrix
    /// (an unrated finding or a QR report has none).
    pub fn stored(probability: Option<i64>, consequence: Option<i64>) -> Option<Rating> {
        let on_matrix = |value: Option<i64>| {
            value
                .filter(|value| (1..=5).contains(value))
                .and_then(|value| u8::try_from(value).ok())
        };
        Some(Rating {
            probability: on_matrix(probability)?,
            consequence: on_matrix(consequence)?,
        })
    }

    /// The matrix product, 1–25.
    pub fn score(self) -> i64 {
        i64::from(self.probability) * i64::from(self.consequence)
    }

    /// The colour band it lies in.
    pub fn level(self) -> RiskLevel {
        RiskLevel::of(self.probability, self.consequence)
    }
}

/// How many cases (or findings) carry one rating on the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixCount {
    /// Sannsynlighet × konsekvens (for a case, the leader's rating where
    /// there is one).
    pub rating: Rating,
    /// How many carry it.
    pub count: i64,
}

impl MatrixCount {
    /// How many carry `rating` among `matrix` (0 when its cell is left out).
    pub fn count_in(matrix: &[MatrixCount], rating: Rating) -> i64 {
        matrix
            .iter()
            .find(|cell| cell.rating == rating)
            .map_or(0, |cell| cell.count)
    }
}

/// Both ratings of a case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRating {
    /// The round's rating, if the finding was rated.
    pub first: Option<Rating>,
    /// The reporter's own words, for a QR report.
    pub words: Option<Severity>,
    /// The leader's rating, once the case was re-rated.
    pub leader: Option<Rating>,
}

impl CaseRating {
    /// The score the case sorts by: the leader's rating once there is one,
    /// else what it was first given (0: not rated).
    pub fn score(&self) -> i64 {
        match (self.leader, self.first) {
            (Some(rating), _) | (None, Some(rating)) => rating.score(),
            (None, None) => list_score(None, None, self.words.map_or("", Severity::as_str)),
        }
    }

    /// The rating a re-rating form starts from.
    pub fn current(&self) -> Option<Rating> {
        self.leader.or(self.first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_must_lie_on_the_matrix() {
        assert_eq!(
            Rating::new(4, 5).map(Rating::score),
            Ok(20),
            "4 × 5 is on it"
        );
        for (p, c) in [(0, 3), (3, 0), (6, 1), (1, 6), (-1, 2)] {
            assert_eq!(
                Rating::new(p, c),
                Err(InvalidInput::RiskRating),
                "{p} × {c}"
            );
        }
        assert_eq!(Rating::stored(Some(2), None), None, "half a rating is none");
    }

    #[test]
    fn the_leaders_rating_decides_and_the_first_is_kept() {
        let first = Rating::new(2, 2).ok();
        let leader = Rating::new(4, 5).ok();
        let rating = CaseRating {
            first,
            words: None,
            leader,
        };
        assert_eq!(rating.score(), 20);
        assert_eq!(rating.first, first, "the round's rating stays");
        assert_eq!(rating.current(), leader);
        assert_eq!(rating.leader.map(Rating::level), Some(RiskLevel::High));
    }

    #[test]
    fn without_a_leaders_rating_the_first_or_the_words_count() {
        let rated = CaseRating {
            first: Rating::new(3, 3).ok(),
            ..CaseRating::default()
        };
        assert_eq!(rated.score(), 9);
        let reported = CaseRating {
            words: Some(Severity::High),
            ..CaseRating::default()
        };
        assert_eq!(reported.score(), list_score(None, None, "hoy"));
        assert_eq!(reported.current(), None, "words are not a matrix rating");
        assert_eq!(CaseRating::default().score(), 0);
    }
}
