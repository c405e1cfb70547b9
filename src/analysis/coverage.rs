//! Judging one clause against the official posts (ANALYSIS.md §8 labelling):
//! topic hits, then possible conflicts, then coverage of every requirement
//! concept, else partial with the missing concepts named.

use std::collections::BTreeSet;

use super::concepts::labels;
use super::findings::{Bearing, Evidence, Params, Related, Relation, Status};
use super::frame::{ClauseInfo, PostInfo, SentenceInfo};
use super::modality::reverses;
use crate::model::Modality;

/// The verdict before risk is added.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// Status.
    pub(crate) status: Status,
    /// Cited posts, most relevant first.
    pub(crate) evidence: Vec<Evidence>,
    /// Requirement groups never mentioned on the topic.
    pub(crate) missing: Vec<String>,
    /// One sentence.
    pub(crate) explanation: String,
}

/// Judges `c` against the official posts `posts`; `related` are its cross-document relations.
#[must_use]
pub(crate) fn judge(c: &ClauseInfo<'_>, posts: &[PostInfo<'_>], related: &[Related], p: &Params) -> Verdict {
    if !c.clause.modality.is_normative() {
        return Verdict {
            status: Status::Informational,
            evidence: Vec::new(),
            missing: Vec::new(),
            explanation: "Not normative (no obligation, prohibition, permission or exemption): not judged.".into(),
        };
    }
    let restricted_elsewhere = related.iter().any(|r| r.relation == Relation::Permits);
    let mut hits: Vec<Evidence> = Vec::new();
    let mut seen_groups: BTreeSet<String> = BTreeSet::new();
    for info in posts {
        if !topic_hit(c, info, p) {
            continue;
        }
        seen_groups.extend(info.groups.keys().cloned());
        let (bearing, sents) = bearing(c, info, p, restricted_elsewhere);
        hits.push(evidence(c, info, bearing, &sents));
    }
    if hits.is_empty() {
        let what = if c.anchors.is_empty() {
            format!("the words {}", quote_list(c.words.iter().take(6)))
        } else {
            format!("its topic ({})", quote_list(c.anchors.iter()))
        };
        return Verdict {
            status: Status::Uncovered,
            evidence: Vec::new(),
            missing: c.requirements.iter().cloned().collect(),
            explanation: format!("No official post mentions {what}."),
        };
    }
    hits.sort_by(|a, b| rank(a).cmp(&rank(b)).then(b.score.total_cmp(&a.score)).then(a.post.created_at.cmp(&b.post.created_at)));
    let missing: Vec<String> = c.requirements.iter().filter(|g| !seen_groups.contains(*g)).cloned().collect();
    let n_conflict = hits.iter().filter(|e| e.bearing == Bearing::Conflicts).count();
    let n_cover = hits.iter().filter(|e| e.bearing == Bearing::Covers).count();
    hits.truncate(p.max_evidence);
    let first = &hits[0];
    let who = format!("{} ({}, {})", first.post.author, first.post.role, first.post.created_at.strftime("%Y-%m-%d"));
    let (status, explanation) = if n_conflict > 0 {
        let gap = conflict_gap(c, first);
        (Status::Conflict, format!("Possible conflict: {who} said \"{}\", which seems to {gap}.", shorten(&first.snippet)))
    } else if n_cover > 0 {
        (Status::Covered, format!("{who} addressed it: \"{}\".", shorten(&first.snippet)))
    } else {
        let m = if missing.is_empty() {
            "its specific requirement".to_owned()
        } else {
            quote_list(missing.iter())
        };
        (Status::Partial, format!("Official posts discuss the topic, but none mentions {m}."))
    };
    Verdict { status, evidence: hits, missing, explanation }
}

fn rank(e: &Evidence) -> u8 {
    match e.bearing {
        Bearing::Conflicts => 0,
        Bearing::Covers => 1,
        Bearing::Touches => 2,
    }
}

/// Whether a post is on the clause's topic.
fn topic_hit(c: &ClauseInfo<'_>, info: &PostInfo<'_>, p: &Params) -> bool {
    if c.anchors.is_empty() {
        let shared = info.words.intersection(&c.words).count();
        shared >= p.min_topic_words.min(c.words.len().max(1))
    } else {
        c.anchors.iter().any(|g| info.groups.contains_key(g))
    }
}

/// How a topic-hit post bears on the clause, and the sentences that decide it.
fn bearing<'s>(c: &ClauseInfo<'_>, info: &'s PostInfo<'_>, p: &Params, restricted_elsewhere: bool) -> (Bearing, Vec<&'s SentenceInfo>) {
    let relevant: Vec<&SentenceInfo> = info
        .sentences
        .iter()
        .filter(|s| {
            c.anchors.iter().chain(&c.requirements).any(|g| s.groups.contains_key(g))
                || s.words.intersection(&c.words).count() >= 2
        })
        .collect();
    let restrictive = matches!(c.clause.modality, Modality::Obligation | Modality::Prohibition);
    let missing_req = c.requirements.iter().any(|g| !info.groups.contains_key(g));
    // 1. A relevant sentence reverses the clause on its specific point.
    let reversing: Vec<&SentenceInfo> = relevant
        .iter()
        .copied()
        .filter(|s| {
            reverses(c.clause.modality, s.modality)
                && (c.requirements.iter().any(|g| s.groups.contains_key(g)) || s.words.intersection(&c.words).count() >= 1)
        })
        .collect();
    if !reversing.is_empty() {
        return (Bearing::Conflicts, reversing);
    }
    // 2. A blanket permission of the topic that leaves out a requirement.
    if (restrictive || !c.requirements.is_empty()) && missing_req {
        let blanket: Vec<&SentenceInfo> = relevant
            .iter()
            .copied()
            .filter(|s| {
                s.modality == Modality::Permission
                    && c.anchors.iter().any(|g| s.groups.contains_key(g))
                    && (s.exhaustive.is_some() || restricted_elsewhere)
            })
            .collect();
        if !blanket.is_empty() && restrictive {
            return (Bearing::Conflicts, blanket);
        }
    }
    // 3. Every requirement concept mentioned (or, without any, enough specific words).
    let covers = if c.requirements.is_empty() {
        let shared = info.words.intersection(&c.words).count();
        c.words.is_empty() || shared as f64 >= p.min_word_overlap * c.words.len() as f64
    } else {
        !missing_req
    };
    if covers {
        return (Bearing::Covers, relevant);
    }
    (Bearing::Touches, relevant)
}

fn evidence(c: &ClauseInfo<'_>, info: &PostInfo<'_>, bearing: Bearing, sents: &[&SentenceInfo]) -> Evidence {
    let mut matched: Vec<String> = labels(
        &info
            .groups
            .iter()
            .filter(|(g, _)| c.anchors.contains(*g) || c.requirements.contains(*g))
            .map(|(g, t)| (g.clone(), t.clone()))
            .collect(),
    );
    let shared: Vec<String> = info.words.intersection(&c.words).cloned().collect();
    let score = matched.len() as f64 + shared.len() as f64 / (c.words.len().max(1) as f64);
    matched.extend(shared);
    let snippet = if sents.is_empty() {
        crate::query::head(&info.post.text, 240)
    } else {
        sents.iter().take(3).map(|s| s.text.as_str()).collect::<Vec<_>>().join(" … ")
    };
    Evidence { post: info.post.clone(), bearing, score, snippet, matched_terms: matched }
}

fn conflict_gap(c: &ClauseInfo<'_>, e: &Evidence) -> String {
    let missing: Vec<&String> = c
        .requirements
        .iter()
        .filter(|g| !e.matched_terms.iter().any(|m| m.starts_with(&format!("{g}{{"))))
        .collect();
    if missing.is_empty() {
        "reverse this clause".into()
    } else {
        format!("allow it without the {} this clause requires", quote_list(missing.into_iter()))
    }
}

fn quote_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let v: Vec<String> = items.map(|s| format!("`{s}`")).collect();
    match v.len() {
        0 => "nothing specific".into(),
        1 => v[0].clone(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

fn shorten(s: &str) -> String {
    crate::query::head(s, 160)
}
