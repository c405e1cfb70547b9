//! Concept matching: which concept groups of the topic library a text
//! mentions, and by which term (printed as `group{term}`, ANALYSIS.md §7).

use std::collections::BTreeMap;

use regex::{Regex, RegexSet};

use crate::query::topics::{MAX_GROUPS, TopicLibrary};

/// Compiled matchers for every concept group and every topic.
#[derive(Debug, Clone)]
pub struct ConceptMatcher {
    groups: Vec<(String, Regex)>,
    /// By group number: the longer phrases in which its terms do not count.
    not_within: Vec<Option<Regex>>,
    /// All groups in one automaton: which groups a text mentions, in one pass.
    set: RegexSet,
    /// Topic name → the groups that identify it.
    topics: Vec<(String, Vec<String>)>,
    /// Topic name → the groups of the specific requirements rules on it usually add.
    requirements: Vec<(String, Vec<String>)>,
}

/// The groups a text mentions: group name → the first matching term, lower-cased.
pub type GroupHits = BTreeMap<String, String>;

/// A set of concept groups as a bitset over the matcher's group numbers, so
/// that set tests cost a few instructions (a library has at most
/// `MAX_GROUPS` groups).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupSet([u64; MAX_GROUPS / 64]);

impl GroupSet {
    /// Adds group number `i`.
    pub fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// Whether group number `i` is in the set.
    #[must_use]
    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    /// Number of groups.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The groups in both sets.
    #[must_use]
    pub fn and(&self, other: &GroupSet) -> GroupSet {
        GroupSet(std::array::from_fn(|i| self.0[i] & other.0[i]))
    }

    /// The groups in either set.
    #[must_use]
    pub fn or(&self, other: &GroupSet) -> GroupSet {
        GroupSet(std::array::from_fn(|i| self.0[i] | other.0[i]))
    }

    /// The groups of `self` not in `other`.
    #[must_use]
    pub fn minus(&self, other: &GroupSet) -> GroupSet {
        GroupSet(std::array::from_fn(|i| self.0[i] & !other.0[i]))
    }

    /// Whether the sets share a group.
    #[must_use]
    pub fn intersects(&self, other: &GroupSet) -> bool {
        !self.and(other).is_empty()
    }

    /// Whether every group of `self` is in `other`.
    #[must_use]
    pub fn is_subset(&self, other: &GroupSet) -> bool {
        self.minus(other).is_empty()
    }

    /// The group numbers, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                Some(w * 64 + i)
            })
        })
    }
}

/// Names spelled as two words, one of them a concept's term: "Hugging Face"
/// is a model hub, not a face.
static SPLIT_NAME: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"(?i)\bhugging[\s-]+face\b").expect("static regex"));

/// `text` with such names written as one word ("HuggingFace").
fn joined_names(text: &str) -> std::borrow::Cow<'_, str> {
    SPLIT_NAME.replace_all(text, "HuggingFace")
}

impl ConceptMatcher {
    /// Compiles the library's groups.
    #[must_use]
    pub fn new(lib: &TopicLibrary) -> ConceptMatcher {
        let groups: Vec<(String, Regex)> = lib
            .groups
            .iter()
            .map(|(name, g)| (name.clone(), terms_regex(&g.terms)))
            .collect();
        let not_within = lib
            .groups
            .values()
            .map(|g| (!g.not_within.is_empty()).then(|| terms_regex(&g.not_within)))
            .collect();
        let set = RegexSet::new(groups.iter().map(|(_, re)| re.as_str()))
            .expect("each group compiles alone");
        let topics = lib
            .topics
            .values()
            .map(|t| (t.name.clone(), t.topic_concepts.clone()))
            .collect();
        let requirements = lib
            .topics
            .values()
            .map(|t| (t.name.clone(), t.requirement_concepts.clone()))
            .collect();
        ConceptMatcher {
            groups,
            not_within,
            set,
            topics,
            requirements,
        }
    }

    /// Every group `text` mentions, with the term found.
    #[must_use]
    pub fn groups(&self, text: &str) -> GroupHits {
        let text = &*joined_names(text);
        let mut out = GroupHits::new();
        for i in self.set.matches(text).iter() {
            if let Some(term) = self.term_in(i, text) {
                out.insert(self.groups[i].0.clone(), term.to_lowercase());
            }
        }
        out
    }

    /// The numbers of the groups `text` mentions.
    fn hits<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        self.set
            .matches(text)
            .into_iter()
            .filter(move |&i| self.not_within[i].is_none() || self.term_in(i, text).is_some())
    }

    /// The first term of group `i` in `text` that stands for its concept:
    /// not part of one of the group's `not_within` phrases.
    fn term_in<'t>(&self, i: usize, text: &'t str) -> Option<&'t str> {
        let re = &self.groups[i].1;
        let Some(outer) = &self.not_within[i] else {
            return re.find(text).map(|m| m.as_str());
        };
        let spans: Vec<(usize, usize)> = outer
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        re.find_iter(text)
            .find(|m| !spans.iter().any(|&(a, b)| a <= m.start() && m.end() <= b))
            .map(|m| m.as_str())
    }

    /// The topics `text` speaks about (one pass over the text).
    #[must_use]
    pub fn topics_in(&self, text: &str) -> Vec<String> {
        let text = joined_names(text);
        let hit: Vec<usize> = self.hits(&text).collect();
        self.topics
            .iter()
            .filter(|(_, groups)| {
                groups.iter().any(|g| {
                    self.groups
                        .iter()
                        .position(|(n, _)| n == g)
                        .is_some_and(|i| hit.contains(&i))
                })
            })
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The topics whose identifying groups appear among `hits`.
    #[must_use]
    pub fn topics_of(&self, hits: &GroupHits) -> Vec<String> {
        self.topics
            .iter()
            .filter(|(_, groups)| groups.iter().any(|g| hits.contains_key(g)))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The identifying groups of `topic`.
    #[must_use]
    pub fn topic_groups(&self, topic: &str) -> &[String] {
        self.topics
            .iter()
            .find(|(n, _)| n == topic)
            .map_or(&[], |(_, g)| g.as_slice())
    }

    /// The groups `text` mentions, as a set (one pass, no terms).
    #[must_use]
    pub fn group_set(&self, text: &str) -> GroupSet {
        let mut set = GroupSet::default();
        for i in self.hits(&joined_names(text)) {
            set.insert(i);
        }
        set
    }

    /// The number of group `name`, if the library defines it.
    #[must_use]
    pub fn group_id(&self, name: &str) -> Option<usize> {
        self.groups
            .binary_search_by(|(g, _)| g.as_str().cmp(name))
            .ok()
    }

    /// The set of the named groups (names the library does not define are left out).
    #[must_use]
    pub fn set_of<'n>(&self, names: impl IntoIterator<Item = &'n String>) -> GroupSet {
        let mut set = GroupSet::default();
        for i in names.into_iter().filter_map(|n| self.group_id(n)) {
            set.insert(i);
        }
        set
    }

    /// The name of group number `i`.
    #[must_use]
    pub fn group_name(&self, i: usize) -> &str {
        self.groups.get(i).map_or("", |(n, _)| n.as_str())
    }

    /// Concept group names found in `text`.
    #[must_use]
    pub fn concepts(&self, text: &str) -> Vec<String> {
        self.hits(&joined_names(text))
            .map(|i| self.groups[i].0.clone())
            .collect()
    }

    /// Topics whose topic concepts appear in `text` or in the heading path.
    #[must_use]
    pub fn topics(&self, text: &str, heading: &[String]) -> Vec<String> {
        self.topics_in(&format!("{text} . {}", heading.join(" . ")))
    }

    /// Every group with a term in `text`, with the term found: `(group, term)`.
    #[must_use]
    pub fn groups_in(&self, text: &str) -> Vec<(String, String)> {
        self.groups(text).into_iter().collect()
    }

    /// The requirement groups the library lists for `topic`.
    #[must_use]
    pub fn requirement_groups(&self, topic: &str) -> &[String] {
        self.requirements
            .iter()
            .find(|(n, _)| n == topic)
            .map_or(&[], |(_, g)| g.as_slice())
    }
}

/// One case-insensitive regex matching any of `terms` as whole words; spaces and
/// hyphens inside a term match each other, and a plural `s` is allowed.
fn terms_regex(terms: &[String]) -> Regex {
    let mut alts: Vec<String> = terms
        .iter()
        .map(|t| {
            let parts: Vec<String> = t
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|p| !p.is_empty())
                .map(regex::escape)
                .collect();
            let body = parts.join(r"[\s\-]+");
            if t.chars().last().is_some_and(char::is_alphabetic) {
                format!("{body}(?:s|es)?")
            } else {
                body
            }
        })
        .collect();
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    // ASCII word boundaries keep the whole set on the fast DFA engines.
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|")))
        .expect("escaped terms form a regex")
}

/// `group{term}` labels, as the report prints matched concepts.
#[must_use]
pub fn labels(hits: &GroupHits) -> Vec<String> {
    hits.iter().map(|(g, t)| format!("{g}{{{t}}}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lib() -> TopicLibrary {
        TopicLibrary::from_files(&[
            (
                "concepts.toml".into(),
                "[consent]\nterms = [\"consent\", \"model release\"]\n[external_data]\nterms = [\"external data\", \"third-party data\"]\n".into(),
            ),
            (
                "external-data.toml".into(),
                "name = \"external-data\"\ntitle = \"t\"\ndescription = \"d\"\nquery = \"x\"\ntopic_concepts = [\"external_data\"]\nrequirement_concepts = [\"consent\"]\n".into(),
            ),
        ])
        .unwrap()
    }

    #[test]
    fn a_term_inside_a_longer_phrase_may_not_count() {
        let lib = TopicLibrary::from_files(&[(
            "concepts.toml".into(),
            "[final_selection]\nterms = [\"final submission\"]\nnot_within = [\"final submission deadline\"]\n[deadline]\nterms = [\"deadline\"]\n".into(),
        )])
        .unwrap();
        let m = ConceptMatcher::new(&lib);
        let deadline = "The final submission deadline is May 19.";
        assert_eq!(m.concepts(deadline), vec!["deadline"]);
        assert!(!m.groups(deadline).contains_key("final_selection"));
        let both = "Before the final submission deadline, pick your final submissions.";
        assert_eq!(m.groups(both)["final_selection"], "final submissions");
        assert_eq!(m.group_set(both).len(), 2);
    }

    #[test]
    fn group_sets() {
        let mut a = GroupSet::default();
        for i in [0, 63, 64, 200, 255, 256] {
            a.insert(i);
        }
        assert_eq!(a.iter().collect::<Vec<_>>(), [0, 63, 64, 200, 255]);
        assert_eq!(a.len(), 5);
        let mut b = GroupSet::default();
        b.insert(64);
        assert!(b.is_subset(&a) && !a.is_subset(&b) && a.intersects(&b));
        assert_eq!(a.minus(&b).len(), 4);
    }

    #[test]
    fn groups_and_topics() {
        let m = ConceptMatcher::new(&lib());
        let hits = m.groups("Third party data needs Model Releases from everyone.");
        assert_eq!(
            labels(&hits),
            vec!["consent{model releases}", "external_data{third party data}"]
        );
        assert_eq!(m.topics_of(&hits), vec!["external-data"]);
        assert!(m.groups("consensus").is_empty());
        // Signing up is not a signature (the built-in library).
        let m = ConceptMatcher::new(&TopicLibrary::builtin().unwrap());
        assert!(
            !m.concepts("You cannot sign up from multiple accounts.")
                .contains(&"written_form".to_owned())
        );
        assert!(
            m.concepts("Winners must sign and return the prize documents.")
                .contains(&"written_form".to_owned())
        );
        // "provided it is" is a condition, not the data the sponsor provided.
        let c = m.concepts("You may use external data provided it is publicly available.");
        assert!(!c.contains(&"competition_data".to_owned()), "{c:?}");
        let c = m.concepts("Use only the data provided by the Sponsor.");
        assert!(c.contains(&"competition_data".to_owned()), "{c:?}");
        // Prize payments and lost days are no fee.
        let free = "free_and_public".to_owned();
        assert!(
            !m.concepts("Prizes will be paid within 60 days.")
                .contains(&free)
        );
        assert!(
            !m.concepts("The outage cost some of you a few days.")
                .contains(&free)
        );
        assert!(
            m.concepts("Data behind a paid API is not allowed.")
                .contains(&free)
        );
        // A challenge's data by its usual name.
        let c = m.concepts("Publications that use the Challenge Data must cite the paper.");
        assert!(c.contains(&"competition_data".to_owned()), "{c:?}");
        // Third-party software is not a data-security matter; passing data to one is.
        let c = m.concepts("Pre-existing third-party software need not be licensed.");
        assert!(!c.contains(&"data_security".to_owned()), "{c:?}");
        let c = m.concepts("You must not give the files to any third party.");
        assert!(c.contains(&"data_security".to_owned()), "{c:?}");
        // Data "published by" an agency names its source; publishing your code shares it.
        let c = m.concepts("You may not use gauge readings published by national agencies.");
        assert!(!c.contains(&"public_sharing".to_owned()), "{c:?}");
        let c = m.concepts("You must not publish your solution before the deadline.");
        assert!(c.contains(&"public_sharing".to_owned()), "{c:?}");
        // Everyday wordings of rules (session 17's paraphrases).
        let has = |text: &str, g: &str| m.concepts(text).contains(&g.to_owned());
        assert!(has("Nope, sorry. One person, one team.", "team_size"));
        assert!(has("Flying solo is totally fine.", "team_size"));
        assert!(has("Can I enter on my own?", "team_size"));
        assert!(!has("Train on your own hardware.", "team_size"));
        assert!(has(
            "Teams can comprise a maximum of three participants.",
            "team_size"
        ));
        assert!(has(
            "Human-made labels on test photos aren't allowed.",
            "hand_labeling"
        ));
        assert!(has("No hand edits, sorry.", "hand_labeling"));
        assert!(has(
            "Please don't try to work out whose bin it is.",
            "personal_data"
        ));
        assert!(has("Anything public is fine.", "external_data"));
        assert!(has(
            "Recordings outside the Competition Data need consent.",
            "external_data"
        ));
        assert!(!has(
            "Recordings outside the Competition Data need consent.",
            "competition_data"
        ));
        assert!(!has("Privately owned seismometers.", "private_sharing"));
        // Open data is free for all; cloud services are where data is processed.
        let c = m.concepts("Sentinel-1 is open data, no problem using it.");
        assert!(c.contains(&"free_and_public".to_owned()), "{c:?}");
        let c = m.concepts("Colab or any other cloud GPU is fine.");
        assert!(c.contains(&"processing_location".to_owned()), "{c:?}");
        let c = m.concepts("Our lab-mates on different teams pass scripts around.");
        assert!(c.contains(&"private_sharing".to_owned()), "{c:?}");
        let c = m.concepts("A friend is on a different team. Can we share code privately?");
        assert!(c.contains(&"private_sharing".to_owned()), "{c:?}");
        // A model hub is no face.
        let c = m.concepts("Can I use models from Hugging Face?");
        assert!(!c.contains(&"persons_depicted".to_owned()), "{c:?}");
        assert!(c.contains(&"pretrained_models".to_owned()), "{c:?}");
        assert!(
            m.concepts("Faces must be blurred.")
                .contains(&"persons_depicted".to_owned())
        );
    }
}
