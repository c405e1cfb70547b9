//! The analysis: which clauses official posts cover, partly cover, ignore or
//! seem to contradict; which participant questions no official answered; which
//! rules changed and whether anyone official said so. Pure functions over
//! values (ANALYSIS.md); the CLI loads the values from the store.

pub mod annotate;
mod candidates;
mod changes;
pub mod concepts;
mod coverage;
mod crossdoc;
pub mod findings;
mod frame;
pub mod modality;
mod par;
mod questions;
mod risk;
pub mod text;

use std::collections::{BTreeSet, HashMap, HashSet};

pub use annotate::{Annotator, install_annotator, is_question};
pub use findings::{
    Bearing, Change, ChangeKind, ClauseFinding, Evidence, Findings, Params, Related, Relation,
    Status, Unanswered, VersionChange,
};

use concepts::ConceptMatcher;
use frame::Framer;

use crate::index::Annotation;
use crate::model::{Clause, Post};
use crate::query::topics::TopicLibrary;

/// Everything the analysis of one competition needs.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The newest version of every clause of the competition's documents.
    pub clauses: &'a [Clause],
    /// Official posts and participant questions, with their index-time annotation.
    pub posts: &'a [(Post, Annotation)],
    /// Clause changes between document versions.
    pub changes: &'a [VersionChange],
    /// The rule-topic library.
    pub library: &'a TopicLibrary,
    /// Thresholds.
    pub params: &'a Params,
}

/// Runs the whole analysis.
#[must_use]
pub fn analyze(input: &Input<'_>) -> Findings {
    let matcher = ConceptMatcher::new(input.library);
    let mut framer = Framer::new(&matcher, input.clauses, input.params.boilerplate_share);
    let infos: Vec<_> = input.clauses.iter().map(|c| framer.clause(c)).collect();
    // Change texts join the clauses' vocabulary before it closes.
    for ch in input.changes {
        framer.words(&ch.old_text);
        framer.words(&ch.new_text);
    }
    framer.freeze();
    let threads = Threads::new(input.posts);
    let officials: Vec<(&Post, Option<&Post>)> = input
        .posts
        .iter()
        .filter(|(p, _)| p.is_official())
        .map(|(p, _)| (p, threads.answered(p)))
        .collect();
    let officials = par::map(&officials, &framer, |f, (p, q)| f.post(p, *q));
    let asking = |(p, a): &&(Post, Annotation)| a.question && !p.is_official();
    let questions: Vec<(&Post, bool)> = input
        .posts
        .iter()
        .filter(asking)
        .map(|(p, _)| (p, threads.opens(p)))
        .collect();
    let questions = par::map(&questions, &framer, |f, (p, o)| f.question(p, *o));
    // Words the forum uses everywhere ("team" where every thread is about
    // teams) place a post no better than the clauses' own boilerplate does.
    // A question still names its topic with them.
    let common = frame::forum_boilerplate(
        officials.iter().chain(&questions),
        input.params.forum_boilerplate_share,
    );
    let common_concepts = frame::common_concepts(&infos, input.params.common_concept_share);
    let judged: Vec<_> = infos
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.forget(&common);
            c.common_concepts = c.anchor_set.or(&c.requirement_set).and(&common_concepts);
            // A topic many rules share (the competition's data) goes without
            // saying ("the data"): the concepts its topic rules on place it too.
            if !c.anchor_set.is_empty() && c.anchor_set.is_subset(&common_concepts) {
                c.anchor_set = c.anchor_set.or(&c.decisive_set.minus(&common_concepts));
            }
            c
        })
        .collect();
    // The topics each question was annotated with when it was indexed, counted
    // by distinct combination (a forum has few).
    let mut asked_topics: HashMap<&[String], usize> = HashMap::new();
    for (_, a) in input.posts.iter().filter(asking) {
        if !a.topics.is_empty() {
            *asked_topics.entry(a.topics.as_slice()).or_default() += 1;
        }
    }
    let relations = crossdoc::relations(&judged);
    let candidates = candidates::Candidates::new(&officials, matcher.group_id("deadline"));
    let span = input
        .posts
        .iter()
        .map(|(p, _)| p.created_at)
        .min()
        .zip(input.posts.iter().map(|(p, _)| p.created_at).max());

    // The official answers to each clause's questions, by clause; the
    // clauses without the forum's boilerplate words, which link nothing.
    let answered: HashSet<&str> = officials
        .iter()
        .filter_map(|o| o.answering.map(|q| q.post_id.as_str()))
        .collect();
    let asked = questions::asked_clauses(&questions, &answered, &judged);
    let mut answers_to: HashMap<&str, Vec<&frame::PostInfo<'_>>> = HashMap::new();
    for o in &officials {
        if let Some(id) = o.answering.and_then(|q| asked.get(q.post_id.as_str())) {
            answers_to.entry(id.as_str()).or_default().push(o);
        }
    }
    // A question put to the participant it replies to is not the organisers' to answer.
    let to_organisers: Vec<&frame::PostInfo<'_>> = questions
        .iter()
        .filter(|q| !threads.asks_a_participant(q.post))
        .collect();
    let unanswered: Vec<Unanswered> =
        questions::unanswered(&to_organisers, &officials, &infos, &|p| threads.opens(p))
            .into_iter()
            .map(|(p, clauses)| Unanswered {
                post: p.clone(),
                clauses,
            })
            .collect();
    // The first question left unanswered on each clause.
    let mut left_unanswered: HashMap<&str, &Post> = HashMap::new();
    for u in &unanswered {
        for id in &u.clauses {
            left_unanswered.entry(id.as_str()).or_insert(&u.post);
        }
    }
    let mut clauses: Vec<ClauseFinding> = par::map(&judged, &(), |(), c| {
        let related = relations.get(&c.clause.id).cloned().unwrap_or_default();
        let linked = answers_to
            .get(c.clause.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let answers: HashSet<&str> = linked.iter().map(|o| o.post.post_id.as_str()).collect();
        let mut candidates = candidates.of(c, &officials);
        let listed: HashSet<&str> = candidates.iter().map(|o| o.post.post_id.as_str()).collect();
        candidates.extend(
            linked
                .iter()
                .filter(|o| !listed.contains(o.post.post_id.as_str())),
        );
        let mut v = coverage::judge(c, &candidates, &related, input.params, &matcher, &answers);
        if let Some(q) = left_unanswered.get(c.clause.id.as_str()) {
            v = coverage::unclarified(c, v, q);
        }
        let restricted_elsewhere = related.iter().any(|r| r.relation == Relation::Permits);
        if input.params.cross_document_conflicts
            && restricted_elsewhere
            && matches!(v.status, Status::Uncovered | Status::Partial)
        {
            v.status = Status::Conflict;
            v.explanation = format!(
                "Possible cross-document conflict: {} this topic without this clause's condition. {}",
                permitting(&related),
                v.explanation
            );
        } else if restricted_elsewhere {
            v.explanation = format!(
                "{} (Note: {} this topic without this clause's condition.)",
                v.explanation,
                permitting(&related)
            );
        }
        let topics: BTreeSet<&String> = c.topics.iter().collect();
        let asked = asked_topics
            .iter()
            .filter(|(qt, _)| qt.iter().any(|t| topics.contains(t)))
            .map(|(_, n)| n)
            .sum();
        let risk = risk::score(&risk::RiskInput {
            modality: c.clause.modality,
            has_requirements: !c.requirements.is_empty(),
            status: v.status,
            questions: asked,
            evidence: &v.evidence,
            span,
            restricted_elsewhere,
        });
        ClauseFinding {
            clause: c.clause.clone(),
            status: v.status,
            risk,
            topics: c.topics.clone(),
            missing_concepts: if matches!(v.status, Status::Covered | Status::Informational) {
                Vec::new()
            } else {
                v.missing
            },
            evidence: v.evidence,
            related,
            explanation: v.explanation,
        }
    });
    clauses.sort_by(|a, b| {
        b.risk
            .total_cmp(&a.risk)
            .then_with(|| a.clause.id.cmp(&b.clause.id))
    });
    let changes = changes::announced(input.changes, &officials, &mut framer);
    Findings {
        clauses,
        unanswered,
        changes,
    }
}

/// The loaded posts by thread, by id and by number.
struct Threads<'p> {
    by_id: HashMap<(&'p str, &'p str, &'p str), &'p Post>,
    by_number: HashMap<(&'p str, &'p str, u32), &'p Post>,
}

impl<'p> Threads<'p> {
    fn new(posts: &'p [(Post, Annotation)]) -> Self {
        let mut by_id = HashMap::new();
        let mut by_number = HashMap::new();
        let mut first: HashMap<(&str, &str), &Post> = HashMap::new();
        for (p, _) in posts {
            by_id.insert(
                (p.site.as_str(), p.thread_id.as_str(), p.post_id.as_str()),
                p,
            );
            if let Some(n) = p.post_number {
                by_number.insert((p.site.as_str(), p.thread_id.as_str(), n), p);
            }
            let earliest = first
                .entry((p.site.as_str(), p.thread_id.as_str()))
                .or_insert(p);
            if p.created_at < earliest.created_at {
                *earliest = p;
            }
        }
        // A thread imported without post numbers: its earliest post opens it.
        let numbered: std::collections::HashSet<(&str, &str)> =
            by_number.keys().map(|(s, t, _)| (*s, *t)).collect();
        for ((site, thread), p) in first {
            if !numbered.contains(&(site, thread)) {
                by_number.insert((site, thread, 1), p);
            }
        }
        Threads { by_id, by_number }
    }

    /// Whether `p` opened its thread (post 1, or the earliest of a thread without numbers).
    fn opens(&self, p: &Post) -> bool {
        self.by_number
            .get(&(p.site.as_str(), p.thread_id.as_str(), 1))
            .is_some_and(|o| std::ptr::eq(*o, p))
    }

    /// Whether `p` replies to (or quotes) another participant and every question
    /// it asks is put to "you": a question for that participant. Every official
    /// post is at hand, so a post referred to but not at hand is a participant's.
    fn asks_a_participant(&self, p: &Post) -> bool {
        let quoted = p.quotes.iter().filter_map(|q| q.post_ref.as_ref());
        let to_participant = p.reply_to.iter().chain(quoted).any(|r| {
            self.post_at(p, r)
                .is_none_or(|q| !q.is_official() && !q.author.eq_ignore_ascii_case(&p.author))
        });
        to_participant && annotate::asks_you(&p.text)
    }

    /// The post of `p`'s thread that `r` (a post id or number) refers to.
    fn post_at(&self, p: &Post, r: &str) -> Option<&'p Post> {
        let (site, thread) = (p.site.as_str(), p.thread_id.as_str());
        self.by_id
            .get(&(site, thread, r))
            .or_else(|| {
                r.parse()
                    .ok()
                    .and_then(|n| self.by_number.get(&(site, thread, n)))
            })
            .copied()
    }

    /// The participant question `p` answers: the post it replies to, else the
    /// opening post of its thread (when that is a question and not `p` itself).
    fn answered(&self, p: &Post) -> Option<&'p Post> {
        let (site, thread) = (p.site.as_str(), p.thread_id.as_str());
        let parent = p.reply_to.as_deref().and_then(|r| self.post_at(p, r));
        let opener = (p.post_number != Some(1))
            .then(|| self.by_number.get(&(site, thread, 1)).copied())
            .flatten();
        parent
            .or(opener)
            .filter(|q| !std::ptr::eq(*q, p) && !q.is_official())
    }
}

/// "`rules/2.6.a` permits" or "`faq/3` and `rules/2.6.a` permit".
fn permitting(related: &[Related]) -> String {
    let ids: Vec<String> = related
        .iter()
        .filter(|r| r.relation == Relation::Permits)
        .map(|r| format!("`{}`", r.id))
        .collect();
    match ids.as_slice() {
        [one] => format!("{one} permits"),
        [rest @ .., last] => format!("{} and {last} permit", rest.join(", ")),
        [] => "another document permits".into(),
    }
}
