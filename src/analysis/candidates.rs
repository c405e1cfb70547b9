//! Which official posts can bear on a clause at all: an inverted index from
//! concept groups and stemmed words to posts, so judging a clause reads only
//! the posts that share a concept with it or several of its specific words,
//! not the whole forum.

use std::collections::{BTreeSet, HashMap};

use super::frame::{ClauseInfo, PostInfo};

/// Words used by more than this share of official posts are too common to select candidates alone.
const COMMON_WORD_SHARE: f64 = 0.05;
/// Posts sharing this many specific words with a clause are candidates even without a concept.
const MIN_SHARED_WORDS: usize = 3;

/// The inverted index over the official posts.
pub(crate) struct Candidates<'o> {
    by_group: HashMap<&'o str, Vec<usize>>,
    by_word: HashMap<&'o str, Vec<usize>>,
    common: usize,
}

impl<'o> Candidates<'o> {
    /// Indexes `officials`.
    pub(crate) fn new(officials: &'o [PostInfo<'_>]) -> Candidates<'o> {
        let mut by_group: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, o) in officials.iter().enumerate() {
            for g in o.groups.keys() {
                by_group.entry(g.as_str()).or_default().push(i);
            }
            for w in &o.words {
                by_word.entry(w.as_str()).or_default().push(i);
            }
        }
        let common = ((officials.len() as f64 * COMMON_WORD_SHARE).ceil() as usize).max(50);
        Candidates {
            by_group,
            by_word,
            common,
        }
    }

    /// The official posts that may bear on `c`, in their original order.
    pub(crate) fn of<'p, 'a>(
        &self,
        c: &ClauseInfo<'_>,
        officials: &'p [PostInfo<'a>],
    ) -> Vec<&'p PostInfo<'a>> {
        let mut picked: BTreeSet<usize> = BTreeSet::new();
        for g in c.anchors.iter().chain(&c.requirements) {
            if let Some(v) = self.by_group.get(g.as_str()) {
                picked.extend(v);
            }
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for w in &c.words {
            if let Some(v) = self
                .by_word
                .get(w.as_str())
                .filter(|v| v.len() <= self.common)
            {
                for &i in v {
                    *shared.entry(i).or_default() += 1;
                }
            }
        }
        picked.extend(
            shared
                .into_iter()
                .filter(|(_, n)| *n >= MIN_SHARED_WORDS)
                .map(|(i, _)| i),
        );
        picked.into_iter().map(|i| &officials[i]).collect()
    }
}
