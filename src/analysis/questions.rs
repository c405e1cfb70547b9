//! Unanswered participant questions (ANALYSIS.md §10). Questions were flagged
//! when their posts were indexed; here each is linked to the clauses whose
//! topic it asks about and checked for an official answer: a reply or quote,
//! or the first official post after it in a thread it opened, that speaks to
//! it; or a later official statement that matches all its concepts.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::changes::cites_path;
use super::concepts::GroupSet;
use super::frame::{ClauseInfo, PostInfo};
use super::par;
use crate::model::Post;
use crate::query::topics::MAX_GROUPS;

/// A section number such as "3.3" or "2.6.a": only then are citations looked for.
static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d+\.\d+").expect("static regex"));

/// "item 10", "items 9 to 11".
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bitems?\s+(\d+)(?:\s*(?:to|-|–)\s*(\d+))?").expect("static regex")
});

/// A question naming no concept is linked to the clause sharing most of its
/// specific words, when it shares at least this many.
const MIN_SHARED_WORDS: usize = 2;

/// The normative clauses by concept group, so that linking a question reads
/// only the clauses whose anchors it names.
struct Links<'c, 'a> {
    clauses: Vec<&'c ClauseInfo<'a>>,
    by_anchor: Vec<Vec<usize>>,
    /// The topic concepts of all the clauses.
    topics: GroupSet,
}

impl<'c, 'a> Links<'c, 'a> {
    fn new(clauses: &'c [ClauseInfo<'a>]) -> Self {
        let clauses: Vec<&ClauseInfo<'a>> = clauses
            .iter()
            .filter(|c| c.clause.modality.is_normative())
            .collect();
        let mut by_anchor: Vec<Vec<usize>> = vec![Vec::new(); MAX_GROUPS];
        let mut topics = GroupSet::default();
        for (i, c) in clauses.iter().enumerate() {
            for g in c.anchor_set.iter() {
                by_anchor[g].push(i);
            }
            topics = topics.or(&c.anchor_set);
        }
        Links {
            clauses,
            by_anchor,
            topics,
        }
    }

    /// The clauses `q` asks about (at most 3, most specific first): those it
    /// cites by number ("under 3.3.a"), then those whose topic anchors it
    /// names (naming none, those its thread's title names, for a question
    /// opening a thread), ranked by anchors + 2 × requirements named, then by shared
    /// specific words; failing all, the clause sharing most of its words.
    fn of(&self, q: &PostInfo<'_>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let text = &q.post.text;
        if SECTION_NUMBER.is_match(text) {
            let mut cited: Vec<(bool, &str)> = self
                .clauses
                .iter()
                .filter_map(|c| {
                    let path = c.clause.id.split_once('/').map_or("", |(_, p)| p);
                    // Exact citations ("2.1.b") before their section's siblings ("Section 2.1").
                    cites_path(text, path).then_some((!text.contains(path), c.clause.id.as_str()))
                })
                .collect();
            cited.sort_by_key(|(inexact, _)| *inexact);
            out.extend(cited.into_iter().take(3).map(|(_, id)| id.to_owned()));
        }
        // "item 10 of the documentation requirements": a numbered clause of a
        // document the question names.
        let items: Vec<(u32, u32)> = ITEM
            .captures_iter(text)
            .filter_map(|m| {
                let first = m[1].parse().ok()?;
                let last = m.get(2).map_or(Some(first), |l| l.as_str().parse().ok())?;
                Some((first, last))
            })
            .collect();
        if !items.is_empty() {
            let lower = text.to_lowercase();
            for c in &self.clauses {
                let Some((doc, path)) = c.clause.id.split_once('/') else {
                    continue;
                };
                let numbered = path
                    .parse::<u32>()
                    .is_ok_and(|n| items.iter().any(|(a, b)| (*a..=*b).contains(&n)));
                if numbered && lower.contains(doc) && out.len() < 3 && !out.contains(&c.clause.id) {
                    out.push(c.clause.id.clone());
                }
            }
        }
        let groups = if q.gset.is_empty() {
            &q.context
        } else {
            &q.gset
        };
        let mut linked: Vec<usize> = groups
            .iter()
            .flat_map(|g| self.by_anchor[g].iter().copied())
            .collect();
        linked.sort_unstable();
        linked.dedup();
        let mut scored: Vec<(usize, usize, &str)> = linked
            .into_iter()
            .map(|i| {
                let c = self.clauses[i];
                let anchors = c.anchor_set.and(groups).len();
                let reqs = c.requirement_set.and(groups).len();
                (anchors + 2 * reqs, i, c.clause.id.as_str())
            })
            .collect();
        // Shared words only break ties among the best concept scores.
        scored.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
        let cut = scored.get(2).map_or(0, |s| s.0);
        let mut best: Vec<(usize, usize, &str)> = scored
            .into_iter()
            .take_while(|s| s.0 >= cut)
            .map(|(score, i, id)| (score, q.words.shared(&self.clauses[i].words), id))
            .collect();
        best.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(b.2)));
        for (_, _, id) in best {
            if out.len() == 3 {
                break;
            }
            if !out.iter().any(|o| o == id) {
                out.push(id.to_owned());
            }
        }
        if out.is_empty() {
            // No concept names the topic: the clause sharing most of the
            // question's specific words, when it shares several; among equals
            // the shorter clause, of which they say more.
            let best = self
                .clauses
                .iter()
                .map(|c| (q.words.shared(&c.words), c))
                .max_by(|(n, c), (m, d)| {
                    n.cmp(m)
                        .then(d.words.len().cmp(&c.words.len()))
                        .then(d.clause.id.cmp(&c.clause.id))
                })
                .filter(|(n, _)| *n >= MIN_SHARED_WORDS);
            out.extend(best.map(|(_, c)| c.clause.id.clone()));
        }
        out
    }
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

/// "Yes", "No, sorry", "That's fine", "Go ahead", "Thanks Gina": the opening of a reply.
static ANSWER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:yes|yeah|yep|no|nope|not|sure|correct|right|exactly|indeed|absolutely|definitely|of course|unfortunately|sorry|ok|okay|fine|good (?:question|point|catch)|great question|thanks|thank you|noted|agreed|go ahead|feel free|no problem|don't worry|please|allowed|permitted|that(?:'s| is)|it(?:'s| is)|this is|both|either|neither|only|as long as)\b",
    )
    .expect("static regex")
});

/// "you", "your", a number ("Five people tops."): what an answer to a participant's question says.
static ADDRESSES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\byou(?:r|rs)?\b|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b")
        .expect("static regex")
});

/// Whether an official reply speaks to the question at all: it names one of
/// its concepts or specific words, opens as an answer does ("Yes", "That's
/// fine"), or speaks to the asker or gives a number. A reply that does none
/// of these ("We'll publish a baseline notebook next week!") is an
/// announcement, and leaves the question open.
fn speaks_to(answer: &PostInfo<'_>, q: &PostInfo<'_>, topic: &GroupSet) -> bool {
    let text = &answer.post.text;
    // Only a clause's topic concept: "notebook" and "code" are both shared artifacts.
    answer.gset.and(&q.gset).intersects(topic)
        || answer.words.shared(&q.words) > 0
        || ANSWER_CUE.is_match(text)
        || ADDRESSES.is_match(text)
}

/// Official posts by thread and by concept group, each list oldest first, so
/// that checking a question costs what its thread and rarest concept hold.
struct Answers<'o, 'a> {
    by_thread: HashMap<(&'a str, &'a str), Vec<&'o PostInfo<'a>>>,
    by_group: Vec<Vec<&'o PostInfo<'a>>>,
}

impl<'o, 'a> Answers<'o, 'a> {
    fn new(officials: &'o [PostInfo<'a>]) -> Self {
        let mut sorted: Vec<&PostInfo<'a>> = officials.iter().collect();
        sorted.sort_by_key(|o| o.post.created_at);
        let mut by_thread: HashMap<(&str, &str), Vec<&PostInfo<'a>>> = HashMap::new();
        let mut by_group: Vec<Vec<&PostInfo<'a>>> = vec![Vec::new(); MAX_GROUPS];
        for o in sorted {
            by_thread
                .entry((o.post.site.as_str(), o.post.thread_id.as_str()))
                .or_default()
                .push(o);
            for g in o.gset.iter() {
                by_group[g].push(o);
            }
        }
        Answers {
            by_thread,
            by_group,
        }
    }

    /// Whether `q` (which opened its thread when `opener`) got an official
    /// answer; `topic` holds the clauses' topic concepts.
    fn answered(&self, q: &PostInfo<'_>, opener: bool, topic: &GroupSet) -> bool {
        let qp = q.post;
        let after = |o: &&&PostInfo<'_>| o.post.created_at > qp.created_at;
        if let Some(thread) = self
            .by_thread
            .get(&(qp.site.as_str(), qp.thread_id.as_str()))
        {
            let mut later = thread.iter().filter(after);
            if let Some(first) = later.next() {
                if (opener || replies_to(first.post, qp)) && speaks_to(first, q, topic) {
                    return true;
                }
                if later.any(|o| replies_to(o.post, qp) && speaks_to(o, q, topic)) {
                    return true;
                }
            }
        }
        // A later official statement anywhere that names every concept the question does.
        if q.gset.len() < 2 {
            return false;
        }
        let rarest = q
            .gset
            .iter()
            .map(|g| &self.by_group[g])
            .min_by_key(|v| v.len());
        let Some(candidates) = rarest else {
            return false;
        };
        // Each list is oldest first: skip to the first statement after the question.
        let first_later = candidates.partition_point(|o| o.post.created_at <= qp.created_at);
        candidates[first_later..]
            .iter()
            .any(|o| q.gset.is_subset(&o.gset))
    }
}

/// The clause each answered question asks about first (see `Links::of`), by
/// the question's post id: an official reply to it speaks of that clause.
/// Only the questions in `answered` are linked, on the machine's cores.
pub(crate) fn asked_clauses<'q>(
    questions: &[PostInfo<'q>],
    answered: &HashSet<&str>,
    clauses: &[ClauseInfo<'_>],
) -> HashMap<&'q str, String> {
    let links = Links::new(clauses);
    let asked: Vec<&PostInfo<'q>> = questions
        .iter()
        .filter(|q| answered.contains(q.post.post_id.as_str()))
        .collect();
    par::map(&asked, &(), |(), q| {
        let first = links.of(q).into_iter().next()?;
        Some((q.post.post_id.as_str(), first))
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Questions that ask about some clause's topic and that no official answered, oldest first.
#[must_use]
pub(crate) fn unanswered<'a>(
    questions: &[&PostInfo<'a>],
    officials: &[PostInfo<'_>],
    clauses: &[ClauseInfo<'_>],
    opens_thread: &dyn Fn(&Post) -> bool,
) -> Vec<(&'a Post, Vec<String>)> {
    let answers = Answers::new(officials);
    let links = Links::new(clauses);
    let mut out: Vec<(&Post, Vec<String>)> = questions
        .iter()
        .filter(|q| !answers.answered(q, opens_thread(q.post), &links.topics))
        .filter_map(|q| {
            let linked = links.of(q);
            (!linked.is_empty()).then_some((q.post, linked))
        })
        .collect();
    out.sort_by_key(|(p, _)| p.created_at);
    out
}
