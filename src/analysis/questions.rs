//! Unanswered participant questions (ANALYSIS.md §10). Questions were flagged
//! when their posts were indexed; here each is linked to the clauses whose
//! topic it asks about and checked for an official answer: a reply or quote,
//! the first official post after it in a thread it opened, or a later official
//! statement that matches all its concepts.

use std::collections::BTreeSet;

use super::frame::{ClauseInfo, PostInfo};
use crate::model::Post;

/// The clauses a question asks about (at most 3, most specific first).
fn linked_clauses(q: &PostInfo<'_>, clauses: &[ClauseInfo<'_>]) -> Vec<String> {
    let mut scored: Vec<(usize, usize, &str)> = clauses
        .iter()
        .filter(|c| c.clause.modality.is_normative())
        .filter_map(|c| {
            let anchors = c.anchors.iter().filter(|g| q.groups.contains_key(*g)).count();
            if anchors == 0 {
                return None;
            }
            let reqs = c.requirements.iter().filter(|g| q.groups.contains_key(*g)).count();
            let words = q.words.intersection(&c.words).count();
            Some((anchors + 2 * reqs, words, c.clause.id.as_str()))
        })
        .collect();
    scored.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(b.2)));
    scored.into_iter().take(3).map(|(_, _, id)| id.to_owned()).collect()
}

fn replies_to(answer: &Post, q: &Post) -> bool {
    if answer.thread_id != q.thread_id || answer.site != q.site {
        return false;
    }
    let number = q.post_number.map(|n| n.to_string());
    let refers = |r: &str| r == q.post_id || number.as_deref() == Some(r);
    answer.reply_to.as_deref().is_some_and(refers)
        || answer
            .quotes
            .iter()
            .any(|qt| qt.post_ref.as_deref().is_some_and(refers) && qt.author.as_deref().is_none_or(|a| a.eq_ignore_ascii_case(&q.author)))
}

/// Whether `q` got an official answer among `officials`.
fn answered(q: &PostInfo<'_>, officials: &[PostInfo<'_>]) -> bool {
    let qp = q.post;
    let later = officials.iter().filter(|o| o.post.created_at > qp.created_at);
    let opened_thread = qp.post_number == Some(1);
    let mut first_in_thread = true;
    let concepts: BTreeSet<&String> = q.groups.keys().collect();
    let mut later: Vec<&PostInfo<'_>> = later.collect();
    later.sort_by_key(|o| o.post.created_at);
    for o in later {
        if replies_to(o.post, qp) {
            return true;
        }
        let same_thread = o.post.thread_id == qp.thread_id && o.post.site == qp.site;
        if same_thread && first_in_thread {
            first_in_thread = false;
            if opened_thread {
                return true;
            }
        }
        if concepts.len() >= 2 && concepts.iter().all(|g| o.groups.contains_key(*g)) {
            return true;
        }
    }
    false
}

/// Questions that ask about some clause's topic and that no official answered, oldest first.
#[must_use]
pub(crate) fn unanswered<'a>(questions: &[PostInfo<'a>], officials: &[PostInfo<'_>], clauses: &[ClauseInfo<'_>]) -> Vec<(&'a Post, Vec<String>)> {
    let mut out: Vec<(&Post, Vec<String>)> = questions
        .iter()
        .filter_map(|q| {
            let linked = linked_clauses(q, clauses);
            if linked.is_empty() || answered(q, officials) {
                None
            } else {
                Some((q.post, linked))
            }
        })
        .collect();
    out.sort_by_key(|(p, _)| p.created_at);
    out
}
