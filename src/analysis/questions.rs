//! Unanswered participant questions (ANALYSIS.md §10). Questions were flagged
//! when their posts were indexed; here each is linked to the clauses whose
//! topic it asks about and checked for an official answer: a reply or quote,
//! the first official post after it in a thread it opened, or a later official
//! statement that matches all its concepts.

use std::collections::HashMap;

use super::frame::{ClauseInfo, PostInfo};
use crate::model::Post;

/// The clauses a question asks about (at most 3, most specific first).
fn linked_clauses(q: &PostInfo<'_>, clauses: &[ClauseInfo<'_>]) -> Vec<String> {
    let mut scored: Vec<(usize, usize, &str)> = clauses
        .iter()
        .filter(|c| c.clause.modality.is_normative())
        .filter_map(|c| {
            let anchors = c
                .anchors
                .iter()
                .filter(|g| q.groups.contains_key(*g))
                .count();
            if anchors == 0 {
                return None;
            }
            let reqs = c
                .requirements
                .iter()
                .filter(|g| q.groups.contains_key(*g))
                .count();
            let words = q.words.intersection(&c.words).count();
            Some((anchors + 2 * reqs, words, c.clause.id.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(b.2)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, id)| id.to_owned())
        .collect()
}

fn replies_to(answer: &Post, q: &Post) -> bool {
    if answer.thread_id != q.thread_id || answer.site != q.site {
        return false;
    }
    let number = q.post_number.map(|n| n.to_string());
    let refers = |r: &str| r == q.post_id || number.as_deref() == Some(r);
    answer.reply_to.as_deref().is_some_and(refers)
        || answer.quotes.iter().any(|qt| {
            qt.post_ref.as_deref().is_some_and(refers)
                && qt
                    .author
                    .as_deref()
                    .is_none_or(|a| a.eq_ignore_ascii_case(&q.author))
        })
}

/// Official posts by thread and by concept group, each list oldest first, so
/// that checking a question costs what its thread and rarest concept hold.
struct Answers<'o, 'a> {
    by_thread: HashMap<(&'a str, &'a str), Vec<&'o PostInfo<'a>>>,
    by_group: HashMap<&'o str, Vec<&'o PostInfo<'a>>>,
}

impl<'o, 'a> Answers<'o, 'a> {
    fn new(officials: &'o [PostInfo<'a>]) -> Self {
        let mut sorted: Vec<&PostInfo<'a>> = officials.iter().collect();
        sorted.sort_by_key(|o| o.post.created_at);
        let mut by_thread: HashMap<(&str, &str), Vec<&PostInfo<'a>>> = HashMap::new();
        let mut by_group: HashMap<&str, Vec<&PostInfo<'a>>> = HashMap::new();
        for o in sorted {
            by_thread
                .entry((o.post.site.as_str(), o.post.thread_id.as_str()))
                .or_default()
                .push(o);
            for g in o.groups.keys() {
                by_group.entry(g.as_str()).or_default().push(o);
            }
        }
        Answers {
            by_thread,
            by_group,
        }
    }

    /// Whether `q` got an official answer.
    fn answered(&self, q: &PostInfo<'_>) -> bool {
        let qp = q.post;
        let after = |o: &&&PostInfo<'_>| o.post.created_at > qp.created_at;
        if let Some(thread) = self
            .by_thread
            .get(&(qp.site.as_str(), qp.thread_id.as_str()))
        {
            let mut later = thread.iter().filter(after);
            if let Some(first) = later.next() {
                if qp.post_number == Some(1) || replies_to(first.post, qp) {
                    return true;
                }
                if later.any(|o| replies_to(o.post, qp)) {
                    return true;
                }
            }
        }
        // A later official statement anywhere that names every concept the question does.
        if q.groups.len() < 2 {
            return false;
        }
        let rarest = q
            .groups
            .keys()
            .filter_map(|g| self.by_group.get(g.as_str()))
            .min_by_key(|v| v.len());
        let Some(candidates) = rarest else {
            return false;
        };
        candidates
            .iter()
            .filter(after)
            .any(|o| q.groups.keys().all(|g| o.groups.contains_key(g)))
    }
}

/// Questions that ask about some clause's topic and that no official answered, oldest first.
#[must_use]
pub(crate) fn unanswered<'a>(
    questions: &[PostInfo<'a>],
    officials: &[PostInfo<'_>],
    clauses: &[ClauseInfo<'_>],
) -> Vec<(&'a Post, Vec<String>)> {
    let answers = Answers::new(officials);
    let mut out: Vec<(&Post, Vec<String>)> = questions
        .iter()
        .filter_map(|q| {
            let linked = linked_clauses(q, clauses);
            if linked.is_empty() || answers.answered(q) {
                None
            } else {
                Some((q.post, linked))
            }
        })
        .collect();
    out.sort_by_key(|(p, _)| p.created_at);
    out
}
