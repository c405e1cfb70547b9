//! From segments to clauses: every clause gets its frame (modality, cues,
//! conditions, exceptions), its topics and concept groups, and the references
//! it makes inside its own document. `rule_leaves` is the sentence split the
//! segmenter applies to items holding several separate rules. Pure.

use super::frame::{TextKind, classify_sentence, frame_text};
use super::refs::resolve_refs;
use super::segment::Segment;
use super::sentence::split_sentences;
use crate::analysis::concepts::ConceptMatcher;
use crate::model::{Clause, Modality, RuleDoc};

/// The clauses of one document version: one per segment, with its frame,
/// topics and concepts, and the references it makes inside its own document.
#[must_use]
pub fn build_clauses(doc: &RuleDoc, segments: &[Segment], matcher: &ConceptMatcher) -> Vec<Clause> {
    let mut out: Vec<Clause> = segments
        .iter()
        .map(|seg| {
            let mut c = make_clause(
                doc,
                &seg.path,
                &seg.heading,
                seg.text.clone(),
                seg.faq,
                matcher,
            );
            // "To be eligible, you must be:" gives its bare items their reading.
            if c.modality == Modality::Informational
                && let Some(lead) = &seg.lead
            {
                let led = frame_text(&format!("{lead} {}", seg.text), &seg.heading, false);
                c.modality = led.modality;
                c.cues = led.cues;
            }
            c
        })
        .collect();
    dedupe_ids(&mut out);
    resolve_refs(&mut out, &[(doc.id.clone(), doc.kind)]);
    out
}

/// The leaf texts of a text: the whole text, or its sentences when two or
/// more of them state rules. Leading sentences without a rule (run-in titles such
/// as "Data Security.") stay with the first rule.
#[must_use]
pub(crate) fn rule_leaves(text: &str) -> Vec<String> {
    let sentences = split_sentences(text);
    let normative: Vec<bool> = sentences
        .iter()
        .map(|s| classify_sentence(s, TextKind::Rules).0 != Modality::Informational)
        .collect();
    if normative.iter().filter(|n| **n).count() < 2 {
        return vec![text.to_owned()];
    }
    let first_rule = normative.iter().position(|n| *n).unwrap_or(0);
    let mut out = vec![sentences[..=first_rule].join(" ")];
    out.extend(sentences[first_rule + 1..].iter().cloned());
    out
}

/// Builds one clause with its frame, topics and concepts (refs are filled later).
#[must_use]
pub(crate) fn make_clause(
    doc: &RuleDoc,
    path: &str,
    heading: &[String],
    text: String,
    faq: bool,
    matcher: &ConceptMatcher,
) -> Clause {
    let frame = frame_text(&text, heading, faq);
    Clause {
        id: format!("{}/{path}", doc.id),
        doc: doc.id.clone(),
        competition: doc.competition.clone(),
        version: doc.version,
        path: path.to_owned(),
        heading: heading.to_vec(),
        topics: matcher.topics(&text, heading),
        concepts: matcher.concepts(&text),
        text,
        modality: frame.modality,
        cues: frame.cues,
        conditions: frame.conditions,
        exceptions: frame.exceptions,
        refs: Vec::new(),
    }
}

/// Makes ids unique (a sentence split can meet a generated `-2` id).
fn dedupe_ids(clauses: &mut [Clause]) {
    let mut seen = std::collections::HashSet::new();
    for c in clauses.iter_mut() {
        let mut k = 2;
        let base = c.path.clone();
        while !seen.insert(c.id.clone()) {
            c.path = format!("{base}-{k}");
            c.id = format!("{}/{}", c.doc, c.path);
            k += 1;
        }
    }
}
