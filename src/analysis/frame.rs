//! What the analysis computes once per clause and once per post before
//! judging: concept groups (topic anchors vs specific requirements, ANALYSIS.md
//! §3), specific words, and per sentence the deontic reading of a post.

use std::collections::{BTreeMap, BTreeSet};

use super::concepts::{ConceptMatcher, GroupHits};
use super::modality::{exhaustive_cue, forum_modality};
use super::text::{Stemmer, sentences};
use crate::model::{Clause, Modality, Post};

/// A clause, prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct ClauseInfo<'a> {
    /// The clause.
    pub(crate) clause: &'a Clause,
    /// Topics (the clause's own plus those its concepts identify).
    pub(crate) topics: Vec<String>,
    /// Groups that place the clause in its topic.
    pub(crate) anchors: BTreeSet<String>,
    /// Groups naming its specific requirement.
    pub(crate) requirements: BTreeSet<String>,
    /// Every group found in its text, with the term.
    pub(crate) groups: GroupHits,
    /// Specific stemmed words: not in the heading, not boilerplate.
    pub(crate) words: BTreeSet<String>,
}

/// A sentence of an official post, read.
#[derive(Debug, Clone)]
pub(crate) struct SentenceInfo {
    /// The sentence as written.
    pub(crate) text: String,
    /// Groups it mentions.
    pub(crate) groups: GroupHits,
    /// Its deontic reading.
    pub(crate) modality: Modality,
    /// The exhaustive framing cue, if any.
    pub(crate) exhaustive: Option<String>,
    /// Its stemmed words.
    pub(crate) words: BTreeSet<String>,
}

/// A post, prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct PostInfo<'a> {
    /// The post.
    pub(crate) post: &'a Post,
    /// Its sentences.
    pub(crate) sentences: Vec<SentenceInfo>,
    /// Union of the sentences' groups.
    pub(crate) groups: GroupHits,
    /// Union of the sentences' words.
    pub(crate) words: BTreeSet<String>,
}

/// Shared matchers.
pub(crate) struct Framer<'m> {
    /// Concept matcher of the topic library.
    pub(crate) matcher: &'m ConceptMatcher,
    stemmer: Stemmer,
    boilerplate: BTreeSet<String>,
}

impl<'m> Framer<'m> {
    /// A framer whose boilerplate words are those used by more than `share` of `clauses`.
    pub(crate) fn new(matcher: &'m ConceptMatcher, clauses: &[Clause], share: f64) -> Framer<'m> {
        let mut stemmer = Stemmer::default();
        let mut df: BTreeMap<String, usize> = BTreeMap::new();
        for c in clauses {
            for w in stemmer.words(&c.text) {
                *df.entry(w).or_default() += 1;
            }
        }
        let limit = (clauses.len() as f64 * share).max(3.0);
        let boilerplate = df.into_iter().filter(|(_, n)| *n as f64 > limit).map(|(w, _)| w).collect();
        Framer { matcher, stemmer, boilerplate }
    }

    /// Prepares a clause.
    pub(crate) fn clause<'a>(&mut self, clause: &'a Clause) -> ClauseInfo<'a> {
        let heading = clause.heading.join(" ");
        let groups = self.matcher.groups(&clause.text);
        let heading_groups = self.matcher.groups(&heading);
        let mut all = groups.clone();
        all.extend(heading_groups.clone());
        let mut topics: Vec<String> = clause.topics.clone();
        for t in self.matcher.topics_of(&all) {
            if !topics.contains(&t) {
                topics.push(t);
            }
        }
        let topic_groups: BTreeSet<String> = topics
            .iter()
            .flat_map(|t| self.matcher.topic_groups(t).iter().cloned())
            .collect();
        let anchors: BTreeSet<String> = all.keys().filter(|g| topic_groups.contains(*g)).cloned().collect();
        let requirements: BTreeSet<String> = groups
            .keys()
            .filter(|g| !anchors.contains(*g) && !heading_groups.contains_key(*g))
            .cloned()
            .collect();
        let heading_words = self.stemmer.words(&heading);
        let words = self
            .stemmer
            .words(&clause.text)
            .into_iter()
            .filter(|w| !heading_words.contains(w) && !self.boilerplate.contains(w))
            .collect();
        ClauseInfo { clause, topics, anchors, requirements, groups, words }
    }

    /// Prepares a post.
    pub(crate) fn post<'a>(&mut self, post: &'a Post) -> PostInfo<'a> {
        let mut groups = GroupHits::new();
        let mut words = BTreeSet::new();
        let sentences: Vec<SentenceInfo> = sentences(&post.text)
            .into_iter()
            .map(|s| {
                let g = self.matcher.groups(s);
                let w = self.stemmer.words(s);
                for (k, v) in &g {
                    groups.entry(k.clone()).or_insert_with(|| v.clone());
                }
                words.extend(w.iter().cloned());
                SentenceInfo {
                    text: s.to_owned(),
                    modality: forum_modality(s).0,
                    exhaustive: exhaustive_cue(s),
                    groups: g,
                    words: w,
                }
            })
            .collect();
        PostInfo { post, sentences, groups, words }
    }
}
