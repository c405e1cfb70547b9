//! Topics and concept groups of a clause, from the rule-topic library
//! (`queries/*.toml`, ANALYSIS.md §7): a topic applies when one of its topic
//! concepts appears in the clause text or heading; a concept group applies
//! when one of its terms appears in the clause text. Matching is on words,
//! case- and punctuation-insensitive (`hand-labelled` matches `hand labelled`).

use crate::query::topics::TopicLibrary;

/// Matches clause text against the library's topics and concept groups.
#[derive(Debug, Clone, Default)]
pub struct ConceptMatcher {
    /// (group, normalised terms with their original spelling).
    groups: Vec<(String, Vec<(String, String)>)>,
    /// (topic, topic-concept groups).
    topics: Vec<(String, Vec<String>)>,
}

impl ConceptMatcher {
    /// A matcher over every topic and group of `lib`.
    #[must_use]
    pub fn new(lib: &TopicLibrary) -> ConceptMatcher {
        let groups = lib
            .groups
            .iter()
            .map(|(name, g)| {
                let terms = g.terms.iter().map(|t| (normalise(t), t.clone())).collect();
                (name.clone(), terms)
            })
            .collect();
        let topics = lib
            .topics
            .values()
            .map(|t| (t.name.clone(), t.topic_concepts.clone()))
            .collect();
        ConceptMatcher { groups, topics }
    }

    /// Every concept group with a term in `text`, with its longest matching term: `(group, term)`.
    #[must_use]
    pub fn groups_in(&self, text: &str) -> Vec<(String, String)> {
        let hay = normalise(text);
        self.groups
            .iter()
            .filter_map(|(name, terms)| {
                terms
                    .iter()
                    .filter(|(norm, _)| contains_words(&hay, norm))
                    .max_by_key(|(norm, _)| norm.len())
                    .map(|(_, term)| (name.clone(), term.clone()))
            })
            .collect()
    }

    /// Concept group names found in `text`.
    #[must_use]
    pub fn concepts(&self, text: &str) -> Vec<String> {
        self.groups_in(text).into_iter().map(|(g, _)| g).collect()
    }

    /// Topics whose topic concepts appear in `text` or in the heading path.
    #[must_use]
    pub fn topics(&self, text: &str, heading: &[String]) -> Vec<String> {
        let joined = format!("{text} . {}", heading.join(" . "));
        let found = self.concepts(&joined);
        self.topics
            .iter()
            .filter(|(_, groups)| groups.iter().any(|g| found.contains(g)))
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// Lower case, every run of non-alphanumeric characters one space, padded with spaces.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    for word in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(&word.to_lowercase());
        out.push(' ');
    }
    out
}

fn contains_words(hay: &str, needle: &str) -> bool {
    !needle.trim().is_empty() && hay.contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_words_not_substrings() {
        let lib = TopicLibrary::builtin().unwrap();
        let m = ConceptMatcher::new(&lib);
        let groups =
            m.concepts("You must obtain written consent from every identifiable person depicted.");
        assert!(groups.contains(&"consent".to_owned()), "{groups:?}");
        assert!(
            groups.contains(&"persons_depicted".to_owned()),
            "{groups:?}"
        );
        let topics = m.topics(
            "You may use data other than the Competition Data.",
            &["External Data and Tools".into()],
        );
        assert!(topics.contains(&"external-data".to_owned()), "{topics:?}");
        assert!(
            m.concepts("admittedly").is_empty()
                || !m.concepts("admittedly").contains(&"licence".to_owned())
        );
    }
}
