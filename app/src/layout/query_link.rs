//! Links that carry a page's choices in their query.

use leptos_router::params::ParamsMap;

/// `path` with each of `pairs` that has a value as its query (an empty
/// value is left out, as a form's empty field means "no choice").
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: ParamsMap = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect();
    format!("{path}{}", query.to_query_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_choices_are_left_out() {
        assert_eq!(
            with_query("/x", &[("aar", "2026"), ("enhet", "")]),
            "/x?aar=2026"
        );
        assert_eq!(with_query("/x", &[("enhet", "")]), "/x");
        assert_eq!(
            with_query("/x", &[("aar", "2025"), ("enhet", "u1")]),
            "/x?aar=2025&enhet=u1"
        );
    }
}
