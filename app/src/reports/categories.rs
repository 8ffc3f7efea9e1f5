//! What a report is about and how serious the reporter thinks it is, with
//! their stable identifiers (form values, database) and translated names.

use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, td_string};

/// The categories a reporter chooses from (the handbook's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportCategory {
    /// Fysisk arbeidsmiljø: light, noise, indoor climate, floors, stairs.
    Physical,
    /// Psykososialt arbeidsmiljø: workload, conflicts, harassment.
    Psychosocial,
    /// Vold og trusler.
    Violence,
    /// Kjemikalier.
    Chemicals,
    /// Brann.
    Fire,
    /// Ergonomi.
    Ergonomics,
    /// Maskiner og utstyr.
    Equipment,
    /// Renhold og hygiene.
    Hygiene,
    /// Personskade: someone was hurt.
    Injury,
    /// Nestenulykke: someone could have been hurt.
    NearMiss,
    /// Annet.
    Other,
}

impl ReportCategory {
    /// Every category, in the order the form lists them.
    pub const ALL: [ReportCategory; 11] = [
        ReportCategory::Physical,
        ReportCategory::Psychosocial,
        ReportCategory::Violence,
        ReportCategory::Chemicals,
        ReportCategory::Fire,
        ReportCategory::Ergonomics,
        ReportCategory::Equipment,
        ReportCategory::Hygiene,
        ReportCategory::Injury,
        ReportCategory::NearMiss,
        ReportCategory::Other,
    ];

    /// The identifier used in forms and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportCategory::Physical => "fysisk",
            ReportCategory::Psychosocial => "psykososialt",
            ReportCategory::Violence => "vold_trusler",
            ReportCategory::Chemicals => "kjemikalier",
            ReportCategory::Fire => "brann",
            ReportCategory::Ergonomics => "ergonomi",
            ReportCategory::Equipment => "maskiner_utstyr",
            ReportCategory::Hygiene => "renhold_hygiene",
            ReportCategory::Injury => "personskade",
            ReportCategory::NearMiss => "nestenulykke",
            ReportCategory::Other => "annet",
        }
    }

    /// Parses an identifier written by [`ReportCategory::as_str`].
    pub fn parse(value: &str) -> Option<ReportCategory> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }

    /// The category's name in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        match self {
            ReportCategory::Physical => td_string!(locale, category_physical),
            ReportCategory::Psychosocial => td_string!(locale, category_psychosocial),
            ReportCategory::Violence => td_string!(locale, category_violence),
            ReportCategory::Chemicals => td_string!(locale, category_chemicals),
            ReportCategory::Fire => td_string!(locale, category_fire),
            ReportCategory::Ergonomics => td_string!(locale, category_ergonomics),
            ReportCategory::Equipment => td_string!(locale, category_equipment),
            ReportCategory::Hygiene => td_string!(locale, category_hygiene),
            ReportCategory::Injury => td_string!(locale, category_injury),
            ReportCategory::NearMiss => td_string!(locale, category_near_miss),
            ReportCategory::Other => td_string!(locale, category_other),
        }
    }
}

/// How serious the reporter thinks it is, in words a colleague uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Lav: uncomfortable or untidy, nobody is likely to be hurt.
    Low,
    /// Middels: someone could be hurt or fall ill.
    Medium,
    /// Høy: someone could be badly hurt; it needs action today.
    High,
}

impl Severity {
    /// Every level, mildest first.
    pub const ALL: [Severity; 3] = [Severity::Low, Severity::Medium, Severity::High];

    /// The identifier used in forms and stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "lav",
            Severity::Medium => "middels",
            Severity::High => "hoy",
        }
    }

    /// Parses an identifier written by [`Severity::as_str`].
    pub fn parse(value: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The level's label and its explanation in `locale`.
    pub fn describe(self, locale: Locale) -> (&'static str, &'static str) {
        match self {
            Severity::Low => (
                td_string!(locale, severity_low),
                td_string!(locale, severity_low_hint),
            ),
            Severity::Medium => (
                td_string!(locale, severity_medium),
                td_string!(locale, severity_medium_hint),
            ),
            Severity::High => (
                td_string!(locale, severity_high),
                td_string!(locale, severity_high_hint),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip_and_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for category in ReportCategory::ALL {
            assert_eq!(ReportCategory::parse(category.as_str()), Some(category));
            assert!(seen.insert(category.as_str()));
        }
        for severity in Severity::ALL {
            assert_eq!(Severity::parse(severity.as_str()), Some(severity));
        }
        assert_eq!(ReportCategory::parse("Brann"), None);
        assert_eq!(Severity::parse(""), None);
    }
}
