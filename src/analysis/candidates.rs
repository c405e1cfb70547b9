//! Which official posts can bear on a clause at all: an inverted index from
//! concept groups, stemmed words and limited units to posts, so judging a
//! clause reads only the posts that share a concept with it, several of its
//! specific words or a limit on what its limit counts, not the whole forum.

use std::collections::HashMap;

use super::frame::{ClauseInfo, PostInfo};
use crate::query::topics::MAX_GROUPS;

/// Words used by more than this share of official posts are too common to select candidates alone.
const COMMON_WORD_SHARE: f64 = 0.05;
/// At most this many candidate posts are judged per clause (a very large forum keeps its best matches).
const MAX_CANDIDATES: usize = 400;
/// Posts sharing this many specific words with a clause are candidates even without a concept.
const MIN_SHARED_WORDS: usize = 3;

/// The inverted index over the official posts.
pub(crate) struct Candidates {
    by_group: Vec<Vec<usize>>,
    by_word: HashMap<u32, Vec<usize>>,
    /// Posts by the words their limits count ("up to six members": members).
    by_unit: HashMap<u32, Vec<usize>>,
    /// Posts saying there is no limit on something ("there's no page cap").
    lifting: Vec<usize>,
    common: usize,
    /// The concept of deadlines: a post speaking of one may move a clause's date.
    deadline: Option<usize>,
}

impl Candidates {
    /// Indexes `officials`; `deadline` is the concept group of deadlines, if the library has one.
    pub(crate) fn new(officials: &[PostInfo<'_>], deadline: Option<usize>) -> Candidates {
        let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); MAX_GROUPS];
        let mut by_word: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut by_unit: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut lifting = Vec::new();
        for (i, o) in officials.iter().enumerate() {
            if o.sentences.iter().any(|s| s.lifts_limit) {
                lifting.push(i);
            }
            for s in &o.sentences {
                for u in s.limit_units.iter() {
                    let posts = by_unit.entry(u).or_default();
                    if posts.last() != Some(&i) {
                        posts.push(i);
                    }
                }
            }
            for g in o.gset.or(&o.context).iter() {
                by_group[g].push(i);
            }
            for w in o.words.iter() {
                by_word.entry(w).or_default().push(i);
            }
        }
        let common = ((officials.len() as f64 * COMMON_WORD_SHARE).ceil() as usize).max(50);
        Candidates {
            by_group,
            by_word,
            by_unit,
            lifting,
            common,
            deadline,
        }
    }

    /// The official posts that may bear on `c`, in their original order: those
    /// sharing a concept with it or several of its specific words, at most
    /// `MAX_CANDIDATES` of them (most shared concepts and words first).
    pub(crate) fn of<'p, 'a>(
        &self,
        c: &ClauseInfo<'_>,
        officials: &'p [PostInfo<'a>],
    ) -> Vec<&'p PostInfo<'a>> {
        let mut groups = vec![0u32; officials.len()];
        let mut words = vec![0u32; officials.len()];
        let mut touched: Vec<usize> = Vec::new();
        // A clause stating a date may be moved by any post on a deadline
        // ("the upload will stay open past the announced deadline").
        let dated = self.deadline.filter(|_| c.states_date);
        let mut searched = c.anchor_set.or(&c.requirement_set);
        if let Some(g) = dated {
            searched.insert(g);
        }
        for g in searched.iter() {
            for &i in &self.by_group[g] {
                if groups[i] == 0 && words[i] == 0 {
                    touched.push(i);
                }
                groups[i] += 1;
            }
        }
        // A limit on what the clause's limit counts is as good as a concept.
        let units = if c.limits.is_empty() {
            None
        } else {
            Some(c.limit_units.iter())
        };
        for u in units.into_iter().flatten() {
            for &i in self.by_unit.get(&u).into_iter().flatten() {
                if groups[i] == 0 && words[i] == 0 {
                    touched.push(i);
                }
                groups[i] += 1;
            }
        }
        for w in c.words.iter() {
            if let Some(v) = self.by_word.get(&w).filter(|v| v.len() <= self.common) {
                for &i in v {
                    if groups[i] == 0 && words[i] == 0 {
                        touched.push(i);
                    }
                    // A word no other clause uses counts twice, as in judging.
                    words[i] += 1 + u32::from(c.rare_words.contains(w));
                }
            }
        }
        // Lifting a limit in one of the clause's words ("there's no page cap")
        // bears on a clause setting one.
        if !c.limits.is_empty() {
            for &i in &self.lifting {
                if words[i] > 0 {
                    groups[i] += 1;
                }
            }
        }
        // A clause without concepts is found by its words alone, so fewer suffice.
        let concepts = c.anchor_set.or(&c.requirement_set);
        let min_words = if concepts.is_empty() {
            MIN_SHARED_WORDS - 1
        } else {
            MIN_SHARED_WORDS
        };
        let mut picked: Vec<(u32, usize)> = touched
            .into_iter()
            .filter(|&i| groups[i] > 0 || words[i] as usize >= min_words)
            .map(|i| (2 * groups[i] + words[i], i))
            .collect();
        if picked.len() > MAX_CANDIDATES {
            picked.select_nth_unstable_by(MAX_CANDIDATES - 1, |a, b| {
                b.0.cmp(&a.0).then(a.1.cmp(&b.1))
            });
            picked.truncate(MAX_CANDIDATES);
        }
        picked.sort_unstable_by_key(|&(_, i)| i);
        picked.into_iter().map(|(_, i)| &officials[i]).collect()
    }
}
