//! Judging one clause against the official posts (ANALYSIS.md §8 labelling):
//! topic hits, then possible conflicts, then coverage of every requirement
//! concept, else partial with the missing concepts named.

use std::collections::{BTreeSet, HashSet};

use super::concepts::{ConceptMatcher, GroupSet, labels};
use super::findings::{Bearing, Evidence, Params, Related, Relation, Status};
use super::frame::{ClauseInfo, PostInfo, SentenceInfo};
use super::modality::{
    acts, deadline_names, is_time_word, reverses, speaks_of_deadline, states_bound,
};
use super::text::{WordSet, tokens};
use crate::model::{Modality, Post};

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
pub(crate) fn judge(
    c: &ClauseInfo<'_>,
    posts: &[&PostInfo<'_>],
    related: &[Related],
    p: &Params,
    matcher: &ConceptMatcher,
    answers: &HashSet<&str>,
) -> Verdict {
    if !c.clause.modality.is_normative() {
        return Verdict {
            status: Status::Informational,
            evidence: Vec::new(),
            missing: Vec::new(),
            explanation:
                "Not normative (no obligation, prohibition, permission or exemption): not judged."
                    .into(),
        };
    }
    let restricted_elsewhere = related.iter().any(|r| r.relation == Relation::Permits);
    // Judge every candidate cheaply; build the cited evidence only for the best few.
    let mut judged: Vec<Judged<'_, '_>> = Vec::new();
    let mut seen_groups = GroupSet::default();
    let concepts = c.anchor_set.or(&c.requirement_set);
    // The concepts that tell its topic: not those many rules name, unless it has no other.
    // Nor those only its heading names, which place it among its siblings.
    let telling = [
        concepts.minus(&c.common_concepts).minus(&c.heading_only),
        concepts.minus(&c.common_concepts),
    ]
    .into_iter()
    .find(|t| !t.is_empty())
    .unwrap_or(concepts);
    for &info in posts {
        // An answer to a question on the clause speaks of it, in whatever words.
        let asked = answers.contains(info.post.post_id.as_str());
        let mut relevant = relevant_sentences(c, info, p);
        // An answer in other words than the clause's, naming some word or
        // concept of it: read whole.
        let paraphrase = asked
            && relevant.is_empty()
            && (info.words.shared(&c.words) > 0
                || info.gset.intersects(&c.anchor_set.or(&c.requirement_set)));
        if paraphrase {
            relevant = info.sentences.iter().filter(|s| !s.asks()).collect();
        }
        if relevant.is_empty() {
            continue;
        }
        for s in &relevant {
            seen_groups = seen_groups.or(&s.gset);
        }
        let (bearing, why, sents) = bearing(c, info, &relevant, p, restricted_elsewhere);
        // Such an answer ruling as the clause does states it ("No. No human
        // ears on test audio" to "may I label the test clips by ear?"); so
        // does any answer ruling alike on a permission or prohibition, which
        // a yes or a no settles, unless its parts rule differently. A duty
        // often lists what it asks for ("the training code, the weights and
        // a write-up"): a yes names none of it. So does an answer giving the
        // clause's own number ("Yes, two." to "still 2 finals at the end?"),
        // ruling nothing against it.
        let states_it = || {
            let yes_or_no = matches!(
                c.clause.modality,
                Modality::Permission | Modality::Prohibition
            ) && every_part_named(c, &info.words.intersection(&c.words).collect());
            let same_number = !(c.quantities.is_empty() && c.limits.is_empty())
                && gives_quantity(c, &info.sentences.iter().collect::<Vec<_>>())
                && !info
                    .sentences
                    .iter()
                    .any(|s| reverses(c.clause.modality, s.modality));
            same_number || ((paraphrase || yes_or_no) && rules_alike(c, info))
        };
        let bearing = if asked && bearing == Bearing::Touches && states_it() {
            Bearing::Covers
        } else {
            bearing
        };
        // An announcement that neither answers anyone nor states a rule
        // ("the download page was slow") does not discuss the clause.
        let chatter =
            !asked && !info.answers && !relevant.iter().any(|s| s.modality.is_normative());
        // Touching the topic takes saying something of it: some of the clause's
        // words or one of its concepts, not only an answer in a thread about it,
        // nor one rare word in passing ("unrelated to hardware, but …").
        let said = asked
            || relevant.iter().any(|s| {
                s.words.shared(&c.words) >= p.min_topic_words || s.gset.intersects(&telling)
            });
        if bearing == Bearing::Touches && (chatter || !said) {
            continue;
        }
        judged.push(Judged {
            bearing,
            why,
            score: score(c, info),
            info,
            sents,
        });
    }
    let n_conflict = judged
        .iter()
        .filter(|j| j.bearing == Bearing::Conflicts)
        .count();
    let n_cover = judged
        .iter()
        .filter(|j| j.bearing == Bearing::Covers)
        .count();
    judged.sort_by(|a, b| {
        rank(a.bearing)
            .cmp(&rank(b.bearing))
            .then(b.score.total_cmp(&a.score))
            .then(a.info.post.created_at.cmp(&b.info.post.created_at))
    });
    judged.truncate(p.max_evidence);
    let first_why = judged.first().and_then(|j| j.why);
    // What the first conflicting statement leaves out of the clause's requirements.
    let left_out = judged
        .first()
        .map(|j| missing(c, &j.info.gset, matcher))
        .unwrap_or_default();
    let hits: Vec<Evidence> = judged
        .iter()
        .map(|j| evidence(c, j.info, j.bearing, &j.sents, matcher))
        .collect();
    if hits.is_empty() {
        return uncovered(c);
    }
    // A possible conflict names what the statement leaves out; otherwise what
    // no official statement on the topic ever mentioned.
    let status = if n_conflict > 0 {
        Status::Conflict
    } else if n_cover > 0 {
        Status::Covered
    } else {
        Status::Partial
    };
    let missing = match (status, first_why) {
        (Status::Conflict, Some(Why::Omits)) => left_out,
        (Status::Conflict, _) => Vec::new(),
        _ => missing(c, &seen_groups, matcher),
    };
    let named = (!missing.is_empty()).then(|| concept_list(c, &missing));
    let explanation = explain(status, first_why, &hits[0], named.as_deref());
    Verdict {
        status,
        evidence: hits,
        missing,
        explanation,
    }
}

/// A short yes or no opening an answer.
static YES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\W*(?:yes|yep|yeah|sure|of course|absolutely|certainly|correct|that's right|go ahead)\b(?:\W*$|[,.!])")
        .expect("static regex")
});
static NO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\W*(?:(?:sorry|afraid|unfortunately),? )?(?:no|nope|definitely not|absolutely not|certainly not|afraid not|not allowed)\b(?:\W*$|[,.!])|\bbut no\b")
        .expect("static regex")
});

/// Whether an answer rules with the force of a clause setting no condition,
/// number or date: a plain yes, or a permission, for a permission; a plain
/// no, or a prohibition, for a prohibition; a duty for a duty; and nothing
/// ruling the other way.
fn rules_alike(c: &ClauseInfo<'_>, info: &PostInfo<'_>) -> bool {
    let first = info.sentences.first().map_or("", |s| s.text);
    let says = |m: Modality| info.sentences.iter().any(|s| s.modality == m);
    let m = c.clause.modality;
    let against = info.sentences.iter().any(|s| reverses(m, s.modality));
    // A bare yes or no states no condition, number or date.
    let plain =
        c.conditions.is_empty() && c.quantities.is_empty() && c.limits.is_empty() && !c.states_date;
    let alike = match m {
        Modality::Permission => YES.is_match(first) || says(Modality::Permission),
        Modality::Prohibition => NO.is_match(first) || says(Modality::Prohibition),
        Modality::Obligation => says(Modality::Obligation),
        Modality::Exemption => says(Modality::Exemption),
        Modality::Informational => false,
    };
    plain && alike && !against
}

/// The verdict when no official post bears on the clause, naming what was looked for.
fn uncovered(c: &ClauseInfo<'_>) -> Verdict {
    let what = if c.anchors.is_empty() {
        // Numbers ("3", "7" of a section number) are no topic to name.
        let mut names: Vec<&String> = c
            .word_names
            .values()
            .filter(|n| !n.chars().all(|ch| ch.is_ascii_digit()))
            .collect();
        names.sort();
        format!(
            "using its words ({})",
            quote_list(names.into_iter().take(6))
        )
    } else {
        format!("addressing its topic ({})", quote_list(c.anchors.iter()))
    };
    // Not "no post mentions it": a post may name the topic in passing without
    // bearing on this clause.
    Verdict {
        status: Status::Uncovered,
        evidence: Vec::new(),
        missing: c.requirements.iter().cloned().collect(),
        explanation: format!("No official statement {what} was found."),
    }
}

/// The verdict on a clause a participant asked about (`question`) and no
/// official answered: where a single official post only touches its topic,
/// the point was never clarified, and one passing mention is no discussion
/// of it (uncovered, naming the question), unless that post replies to the
/// question. Any other verdict stands.
#[must_use]
pub(crate) fn unclarified(c: &ClauseInfo<'_>, v: Verdict, question: &Post) -> Verdict {
    let [lone] = v.evidence.as_slice() else {
        return v;
    };
    // A reply to the question itself, on its topic, discusses it.
    let replies = lone
        .in_reply_to
        .as_ref()
        .is_some_and(|q| q.post_id == question.post_id && q.site == question.site);
    if v.status != Status::Partial || replies {
        return v;
    }
    let mut out = uncovered(c);
    out.explanation = format!(
        "{} asked about it ({}, {}) and no official answered; the one official post near its topic ({}, {}, {}) does not address it.",
        question.author,
        question.created_at.strftime("%Y-%m-%d"),
        question.url,
        lone.post.author,
        lone.post.created_at.strftime("%Y-%m-%d"),
        lone.post.url,
    );
    out
}

/// One sentence saying why the clause got `status`, quoting the first evidence.
/// `missing` names the concepts left out, with the clause's words for them.
fn explain(status: Status, why: Option<Why>, first: &Evidence, missing: Option<&str>) -> String {
    let who = format!(
        "{} ({}, {})",
        first.post.author,
        first.post.role,
        first.post.created_at.strftime("%Y-%m-%d")
    );
    match status {
        Status::Conflict => {
            let gap = match (why, missing) {
                (Some(Why::Changes), _) => "announce a change to this clause".to_owned(),
                (Some(Why::Completes), _) => {
                    "present its conditions as complete, while this clause keeps other obligations in force"
                        .to_owned()
                }
                (Some(Why::Omits), Some(m)) => {
                    format!("allow it without the {m} this clause requires")
                }
                (Some(Why::OtherValue), _) => {
                    "state another value than the one this clause sets".to_owned()
                }
                (Some(Why::LiftsLimit), _) => "lift the limit this clause sets".to_owned(),
                (Some(Why::OtherScope), _) => {
                    "count what this clause leaves out, or leave out what it counts".to_owned()
                }
                _ => "reverse this clause".to_owned(),
            };
            format!(
                "Possible conflict: {who} said \"{}\", which seems to {gap}.",
                shorten(&first.snippet)
            )
        }
        Status::Covered => format!("{who} addressed it: \"{}\".", shorten(&first.snippet)),
        _ => {
            let m = missing.unwrap_or("its specific requirement");
            format!("Official posts discuss the topic, but none mentions {m}.")
        }
    }
}

/// Why a post seems to conflict with a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// It permits what the clause forbids, exempts from what it requires, or the reverse.
    Reverses,
    /// It announces that the rule changed.
    Changes,
    /// It permits the topic without a requirement the clause sets.
    Omits,
    /// It states the conditions of the topic as complete, where the clause keeps other obligations.
    Completes,
    /// It gives the clause's limit another value, announcing no change.
    OtherValue,
    /// It counts in a measure what the clause leaves out, or the reverse.
    OtherScope,
    /// It says there is no limit where the clause sets one.
    LiftsLimit,
}

/// One candidate post, judged.
struct Judged<'s, 'a> {
    bearing: Bearing,
    why: Option<Why>,
    score: f64,
    info: &'s PostInfo<'a>,
    sents: Vec<&'s SentenceInfo<'a>>,
}

/// Whether a text names a setting a rule fixes: a deadline, a limit, a window.
fn names_rule_setting(text: &str) -> bool {
    static SETTING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:deadlines?|limits?|caps?|rules?|windows?|requirements?|quotas?|maximum|minimum|max|metric|dates?|cut-?offs?|periods?|thresholds?|allowances?|policy|phase|timeline|schedule|conditions?|obligations?|required|mandatory|prerequisites?)\b")
            .expect("static regex")
    });
    SETTING.is_match(text)
}

/// The text after a short label ending in a colon ("Announcement:", "Rule
/// update, effective today:"), else all of it.
fn after_label(text: &str) -> &str {
    match text.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() <= 4 && !rest.trim().is_empty() => {
            rest
        }
        _ => text,
    }
}

/// Whether `s` announces a change to the clause: a change cue, words of the
/// clause beyond numbers and time words (a date alone is no topic), the
/// clause's concepts when both name any, a date only where the clause states
/// one and the same named deadline, and not a change the clause already
/// states (its text has the new value and not the old one).
fn announces_change(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>, p: &Params) -> bool {
    if s.change.is_none() {
        return false;
    }
    // A new date changes only a clause that states one, a new number only a
    // clause that states a number, and only the deadline it names.
    // A date beside a changed number says when the change takes effect
    // ("Starting 14 April, three agents a day instead of five").
    // So does one beside a new limit alone, in words of the clause ("from
    // 1 August the daily limit drops to three"), for a clause setting a limit.
    let changes_own_value = s.changed_values.as_ref().is_some_and(|(old, new)| {
        old.iter().any(|n| c.numbers.contains(n))
            || (old.is_empty()
                && !new.is_empty()
                && !c.limits.is_empty()
                && topical_words(c, &s.words) >= 1)
    });
    if s.states_date && !c.states_date && !changes_own_value {
        return false;
    }
    if s.changed_values.is_some() && c.numbers.is_empty() {
        return false;
    }
    // A limit changes only with a value: "from now on, this column must not
    // be used" changes no "up to two (2) final submissions".
    if !c.limits.is_empty() && s.changed_values.is_none() && !s.states_date && !s.lifts_limit {
        return false;
    }
    // A change that gives no value or date lifts or imposes a duty: it must
    // reverse the clause's reading ("no longer has to be posted" for a duty to post).
    if s.changed_values.is_none()
        && !s.states_date
        && s.modality != Modality::Informational
        && !reverses(c.clause.modality, s.modality)
    {
        return false;
    }
    // A statement of fact giving no value changes a rule only if it names one:
    // "the deadline has been extended", not "we've moved the dataset to new storage".
    // Not in a label before a colon, which names the kind of post ("Rule
    // update, effective today: the test set is ~42k images").
    if s.changed_values.is_none()
        && !s.states_date
        && s.modality == Modality::Informational
        && !names_rule_setting(after_label(s.text))
    {
        return false;
    }
    // A change that gives no number changes the act it names: "the upload will
    // stay open" moves an upload, not the delivery of documentation, and
    // "submissions now close on 7 July" no merging.
    let moved = acts(s.text);
    if s.changed_values.is_none() && moved != 0 && c.acts != 0 && moved & c.acts == 0 {
        return false;
    }
    let said = deadline_names(s.text);
    if other_deadlines(c, &said) {
        return false;
    }
    // "From 31 May to 14 June" changes only a clause that states 31 May.
    let other_value = s
        .changed_values
        .as_ref()
        .is_some_and(|(old, _)| !old.is_empty() && !old.iter().any(|n| c.numbers.contains(n)));
    if other_value {
        return false;
    }
    let topical_words = topical_words(c, &s.words);
    let concepts = c.anchor_set.or(&c.requirement_set);
    // A deadline named for what the clause dates ("Final Submission
    // Deadline" for "Final Submissions must be made by") is its topic.
    // So is an unnamed deadline for a clause that dates one thing ("the
    // upload will stay open past the announced deadline").
    let shares_concept = s.gset.intersects(&concepts)
        || (c.states_date && said.iter().any(|d| names_word(&c.clause.text, d)))
        || (c.states_date && said.is_empty() && speaks_of_deadline(s.text));
    let same_concepts = s.gset.is_empty() || concepts.is_empty() || shares_concept;
    let already_stated = s.changed_values.as_ref().is_some_and(|(old, new)| {
        new.iter().any(|n| c.numbers.contains(n)) && !old.iter().any(|n| c.numbers.contains(n))
    });
    // A shared concept counts as one of the topic words ("the Phase 1 limit is
    // raised to five submissions per day": `submission limit` and "day").
    // Moving one date to another needs only one word of the topic ("the team freeze").
    // So does a new value for the limit of the clause's concept ("the Phase 1
    // limit is raised to five" for "at most three (3) submissions per day").
    let new_limit = shares_concept
        && !c.limits.is_empty()
        && s.changed_values
            .as_ref()
            .is_some_and(|(_, new)| !new.is_empty());
    let needed = if s.states_date || new_limit {
        1
    } else {
        p.min_topic_words
    };
    topical_words + usize::from(shares_concept) >= needed && same_concepts && !already_stated
}

fn rank(b: Bearing) -> u8 {
    match b {
        Bearing::Conflicts => 0,
        Bearing::Covers => 1,
        Bearing::Touches => 2,
    }
}

/// The sentences of a post that speak of the clause's topic: a topic concept
/// together with specific words of the clause, or two of its concepts, or a
/// blanket permission of the topic ("any dataset is fine as long as …"), or
/// an announced change to it (`announces_change`); or,
/// in a post answering a question on the topic (its context), a statement
/// or words of the clause ("Five is the cap here.").
fn relevant_sentences<'s, 'a>(
    c: &ClauseInfo<'_>,
    info: &'s PostInfo<'a>,
    p: &Params,
) -> Vec<&'s SentenceInfo<'a>> {
    let groups = c.requirement_set.or(&c.anchor_set);
    let context_anchored = context_on_topic(c, info, p);
    let context_words = info.context_words.shared(&c.words);
    let post_words = info.words.shared(&c.words);
    let other_deadline_asked = asks_other_deadline(c, info);
    info.sentences
        .iter()
        .filter(|s| {
            // Time words place a post beside a deadline only with its date:
            // "before March 23, 11:59 PM UTC" is not about a March 27 deadline;
            // nor is a bare date answering a question on another deadline.
            let shared = weighed_words(c, s);
            let timely = s.words.shared(&c.time_words);
            // A clause with no calendar date keeps its time of day ("by
            // 10:00 CET every day"): there it is the rule itself.
            // Nor is a date of another named deadline ("the team merger
            // deadline is tomorrow, 9 October" beside "Entry Deadline: … before
            // 9 October").
            let dated = s.states_date
                && gives_quantity(c, &[s])
                && !(other_deadline_asked && deadline_names(s.text).is_empty())
                && !other_deadlines(c, &deadline_names(s.text));
            let words = if timely == 0 || !c.states_date || dated {
                shared
            } else {
                shared - timely
            };
            let shared_groups = s.gset.and(&groups).len();
            let anchored = if c.anchor_set.is_empty() {
                shared_groups >= 1
            } else {
                s.gset.intersects(&c.anchor_set)
            };
            // A blanket permission in a thread on the topic ("Any dataset is fine
            // as long as …" in the External Data thread) is about the topic too.
            // It must use some of the clause's words or answer on its topic,
            // unless the clause keeps other obligations in force: then any
            // blanket permission of its topic contradicts it.
            let names_heading = s.words.shared(&c.heading_words) >= 1;
            let blanket = ((anchored
                && (words >= 1 || names_heading || context_anchored || c.keeps_obligations))
                || (!c.anchor_set.is_empty() && context_anchored))
                && s.modality == Modality::Permission
                && s.exhaustive.is_some();
            let in_answer = context_anchored
                && context_words >= 1
                && words + context_words >= p.min_topic_words
                && (words >= 1 || s.modality.is_normative());
            // A clause without concepts is placed by its words: several, or a
            // good share of the few a short clause has.
            let wordy = words > p.min_topic_words
                || (groups.is_empty()
                    && words >= p.min_topic_words
                    && words as f64 >= c.words.len() as f64 * p.min_word_overlap / 2.0);
            // Two of its concepts stated with the same force ("handing the data to
            // someone outside your team isn't permitted") is a paraphrase of it.
            let agrees = s.modality == c.clause.modality;
            // A rule on the clause's topic setting a limit speaks of the
            // limit the clause sets ("teams of up to five are fine").
            // So does the clause's own value given in answer to a question on
            // its topic ("How many people can a team have?" "Up to four of you.").
            let sets_quantity =
                (anchored && !c.anchor_set.is_empty() && !c.limits.is_empty() && limits_alike(c, s))
                    || restates_limit(c, s, context_anchored)
                    || same_unit(c, s)
                    // So does lifting it, on its topic or in its words ("no page cap").
                    || (!c.limits.is_empty() && s.lifts_limit && (anchored || words >= 1));
            blanket
                || sets_quantity
                || same_deadline(c, s)
                || announces_change(c, s, p)
                || in_answer
                || (anchored && words >= p.min_topic_words)
                // In an answer, the topic named in one sentence and the
                // clause's words spread over the post ("… live in the EEA,
                // Switzerland or the UK … residence does").
                || (info.answers
                    && anchored
                    && !c.anchor_set.is_empty()
                    && words >= 1
                    && post_words >= p.min_topic_words)
                || (shared_groups >= 2 && (words >= 1 || agrees))
                || wordy
        })
        .collect()
}

/// Whether the deadlines a statement names (`said`) are all other than those
/// the clause names, both naming some.
fn other_deadlines(c: &ClauseInfo<'_>, said: &[String]) -> bool {
    !said.is_empty() && !c.deadlines.is_empty() && !said.iter().any(|d| c.deadlines.contains(d))
}

/// Whether the post answers a question naming deadlines, none of them the
/// clause's ("When exactly is the merger deadline?" answered "8 September,
/// 23:59 UTC." beside the Entry Deadline of 8 September).
fn asks_other_deadline(c: &ClauseInfo<'_>, info: &PostInfo<'_>) -> bool {
    let Some(question) = info.answering else {
        return false;
    };
    let asked = deadline_names(&question.text);
    !c.deadlines.is_empty() && !asked.is_empty() && !asked.iter().any(|d| c.deadlines.contains(d))
}

/// How many of the clause's specific words `s` uses, a word no other clause
/// uses counting twice: "hardware" places a post where "models" does not.
fn weighed_words(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> usize {
    s.words.shared(&c.words) + s.words.shared(&c.rare_words)
}

/// How many of the clause's specific words `s` uses, one more when it lifts
/// or grants something and also names the heading's topic the clause repeats
/// ("External data does not need to be disclosed" for "disclose all external
/// data" under "External Data"). A restriction beside a permission is more
/// often a condition on it ("after a merge, the team can't …"): it gets none.
fn topic_words(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> usize {
    let own = s.words.shared(&c.words);
    let lifts = matches!(s.modality, Modality::Exemption | Modality::Permission);
    if lifts && own >= 1 && s.words.shared(&c.heading_words) >= 1 {
        own + 1
    } else {
        own
    }
}

/// Whether a relevant sentence is specific enough to contradict the clause:
/// it shares at least `min_topic_words` specific words and a concept with it
/// (one that places the clause in its topic when it has such concepts), or
/// more specific words without one ("use them as model inputs").
fn specific(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>, p: &Params) -> bool {
    let words = topic_words(c, s);
    let concepts = if c.anchor_set.is_empty() {
        c.requirement_set
    } else {
        c.anchor_set
    };
    words > p.min_topic_words
        || (words >= p.min_topic_words && s.gset.intersects(&concepts))
        // In a short clause, two of its concepts, one placing it, say as much
        // as its few words ("a script to a friend on another team" for
        // "private sharing of code, data or models between teams").
        || (c.words.len() <= 2 * p.min_topic_words
            && s.gset.intersects(&concepts)
            && s.gset.and(&c.anchor_set.or(&c.requirement_set)).len() >= 2)
}

/// How a post bears on the clause, judged on its relevant sentences, and the sentences that decide it.
fn bearing<'s, 'a>(
    c: &ClauseInfo<'_>,
    info: &PostInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
    p: &Params,
    restricted_elsewhere: bool,
) -> (Bearing, Option<Why>, Vec<&'s SentenceInfo<'a>>) {
    let reversing = reversals(c, relevant, p);
    if !reversing.is_empty() {
        let why = if reversing.iter().any(|s| announces_change(c, s, p)) {
            Why::Changes
        } else {
            Why::Reverses
        };
        return (Bearing::Conflicts, Some(why), reversing);
    }
    if let Some((why, blanket)) = blanket_conflict(c, info, relevant, p, restricted_elsewhere) {
        return (Bearing::Conflicts, Some(why), blanket);
    }
    let other = other_value(c, relevant, p);
    if !other.is_empty() {
        return (Bearing::Conflicts, Some(Why::OtherValue), other);
    }
    let moved = other_date(c, relevant);
    if !moved.is_empty() {
        return (Bearing::Conflicts, Some(Why::OtherValue), moved);
    }
    let lifting = lifted_limits(c, relevant);
    if !lifting.is_empty() {
        return (Bearing::Conflicts, Some(Why::LiftsLimit), lifting);
    }
    let scope = other_scope(c, relevant, p);
    if !scope.is_empty() {
        return (Bearing::Conflicts, Some(Why::OtherScope), scope);
    }
    let bearing = if covers(c, info, relevant, p) {
        Bearing::Covers
    } else {
        Bearing::Touches
    };
    (bearing, None, relevant.to_vec())
}

/// Whether the post answers a question on the clause's topic.
/// A clause naming concepts but no topic concept is answered on no topic: its
/// concepts are conditions ("code", "licence") any question may name.
fn answering(c: &ClauseInfo<'_>, info: &PostInfo<'_>, p: &Params) -> bool {
    let on_topic = if c.requirement_set.is_empty() {
        context_on_topic(c, info, p)
    } else {
        info.context.intersects(&c.anchor_set)
    };
    info.answers && on_topic
}

/// Whether a post's context (thread title, what it quotes or answers) is on
/// the clause's topic: one of its topic concepts, else one of its concepts,
/// else, for a clause naming none, some of its words ("30 hours on 8 GPUs"
/// for a clause on training hours and GPUs).
fn context_on_topic(c: &ClauseInfo<'_>, info: &PostInfo<'_>, p: &Params) -> bool {
    let groups = c.requirement_set.or(&c.anchor_set);
    if !c.anchor_set.is_empty() {
        info.context.intersects(&c.anchor_set)
    } else if !groups.is_empty() {
        info.context.intersects(&groups)
    } else {
        info.asked_words.shared(&c.words) >= p.min_topic_words
    }
}

/// How many of the clause's words `words` holds beyond numbers and time
/// words: a date alone is no topic.
fn topical_words(c: &ClauseInfo<'_>, words: &WordSet) -> usize {
    words
        .intersection(&c.words)
        .filter(|w| !c.word_names.get(w).is_some_and(|n| is_time_word(n)))
        .count()
}

/// Whether `s` bounds by a date the deadline the clause sets by one: both
/// name the same deadline ("the final submission deadline is May 22" for
/// "the Final Submission Deadline of May 15"), or, where either names none,
/// `s` uses some of the clause's words before the date, where it names what
/// the date bounds ("Submissions close on July 14" for "All Submissions must
/// be received by May 15", not "data listed by June 2 can't be used in final
/// submissions"). Not a question.
fn same_deadline(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> bool {
    if c.dates.is_empty() || s.bounding_dates.is_empty() || s.asks() {
        return false;
    }
    let said = deadline_names(s.text);
    if !said.is_empty() && !c.deadlines.is_empty() {
        return said.iter().any(|d| c.deadlines.contains(d));
    }
    // A clause naming no deadline names what it bounds: "the Final
    // Submission Deadline" is the day by which "Final Submissions must be made".
    said.iter().any(|d| names_word(&c.clause.text, d)) || topical_words(c, &s.bounded_words) >= 1
}

/// Whether `text` has the lower-case words of `phrase` in a row, in any case.
fn names_phrase(text: &str, phrase: &str) -> bool {
    let want: Vec<&str> = phrase.split_whitespace().collect();
    let words: Vec<&str> = tokens(text).collect();
    !want.is_empty()
        && words
            .windows(want.len())
            .any(|w| w.iter().zip(&want).all(|(a, b)| a.eq_ignore_ascii_case(b)))
}

/// Whether `text` uses `word` or its plural as a word, in any case.
fn names_word(text: &str, word: &str) -> bool {
    tokens(text).any(|w| {
        w.eq_ignore_ascii_case(word)
            || w.len() == word.len() + 1 && w.to_ascii_lowercase().strip_suffix('s') == Some(word)
    })
}

/// The relevant sentences that set the clause's deadline on another day,
/// announcing no change ("The final submission deadline is May 22, 2026."
/// against "All Submissions must be received by May 15, 2026.").
fn other_date<'s, 'a>(
    c: &ClauseInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
) -> Vec<&'s SentenceInfo<'a>> {
    relevant
        .iter()
        .copied()
        .filter(|s| same_deadline(c, s) && !s.bounding_dates.iter().any(|d| c.dates.contains(d)))
        .collect()
}

/// The relevant sentences that reverse the clause or announce that it changed.
fn reversals<'s, 'a>(
    c: &ClauseInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
    p: &Params,
) -> Vec<&'s SentenceInfo<'a>> {
    // A post that states the clause itself with the same force only clarifies
    // around it ("hand labelling isn't fine; pseudo-labelling is").
    let restates = relevant
        .iter()
        .any(|s| s.modality == c.clause.modality && specific(c, s, p));
    relevant
        .iter()
        .copied()
        .filter(|s| {
            if restates && !announces_change(c, s, p) {
                return false;
            }
            // Leave to do something else "instead" lifts a duty; waiving a
            // condition of a limited permission lifts the limit ("no need to
            // post it" against "only if you post a link").
            let alternative = c.clause.modality == Modality::Obligation
                && s.modality == Modality::Permission
                && INSTEAD.is_match(s.text);
            let waives = c.clause.modality == Modality::Permission
                && c.limited
                && s.modality == Modality::Exemption
                && s.change.is_none();
            let reversed = (reverses(c.clause.modality, s.modality) || alternative || waives)
                && !(c.clause.modality == Modality::Permission
                    && s.modality == Modality::Prohibition
                    && c.limited)
                && (s.modality != Modality::Permission || s.granted || alternative)
                // An exemption is broad: only a plain obligation naming more of
                // what it exempts from, and its concepts, reverses it, not a
                // condition on a permission.
                && !(c.clause.modality == Modality::Exemption
                    && (s.conditional
                        || s.words.shared(&c.words) <= p.min_topic_words
                        || !s.gset.intersects(&c.anchor_set.or(&c.requirement_set))));
            (reversed && specific(c, s, p) && !agrees_with_a_part(c, s))
                || announces_change(c, s, p)
        })
        .collect()
}

/// Whether `s` speaks only of a part of the clause that reads as it does:
/// some of that part's words and none that only the parts it reverses use.
/// "2023 training set is fine" agrees with "the 2023 training set may be
/// used; the 2023 test images may not be used"; "winners need to publish
/// their code" still reverses "publishing it is optional".
fn agrees_with_a_part(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> bool {
    let mut agreeing = WordSet::default();
    let mut reversed = WordSet::default();
    for (m, words) in &c.parts {
        if *m == s.modality {
            agreeing.extend(words);
        } else if reverses(*m, s.modality) {
            reversed.extend(words);
        }
    }
    let mut only_reversed = reversed;
    only_reversed.retain(|w| !agreeing.contains(*w));
    s.words.shared(&agreeing) > 0
        && !only_reversed.is_empty()
        && s.words.shared(&only_reversed) == 0
}

/// A statement marking itself as about another case than the one asked.
static OTHER_CASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:(?:a |an )?(?:different|another|separate|other) (?:matter|story|question|case)|not the same thing)\b")
        .expect("static regex")
});

/// "Instead": a permission offering an alternative to what a duty names.
static INSTEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:instead|rather than|in place of)\b").expect("static regex")
});

/// A blanket permission of the topic that the clause restricts: one that
/// leaves out a requirement, worded as one ("any dataset is fine") or a plain
/// yes to a question on the topic, or any blanket permission where the clause
/// keeps other obligations in force.
fn blanket_conflict<'s, 'a>(
    c: &ClauseInfo<'_>,
    info: &PostInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
    p: &Params,
    restricted_elsewhere: bool,
) -> Option<(Why, Vec<&'s SentenceInfo<'a>>)> {
    let nonempty = |v: Vec<&'s SentenceInfo<'a>>| (!v.is_empty()).then_some(v);
    // A clause keeping other obligations in force ("does not limit your other
    // obligations") is contradicted by any blanket permission of its topic.
    if c.keeps_obligations {
        let blanket = relevant
            .iter()
            .copied()
            .filter(|s| {
                s.modality == Modality::Permission
                    && s.exhaustive.is_some()
                    && s.gset.or(&info.context).intersects(&c.anchor_set)
            })
            .collect();
        if let Some(b) = nonempty(blanket) {
            return Some((Why::Completes, b));
        }
    }
    let restrictive = matches!(
        c.clause.modality,
        Modality::Obligation | Modality::Prohibition
    );
    let said = relevant
        .iter()
        .fold(GroupSet::default(), |acc, s| acc.or(&s.gset));
    let missing_req = !c.requirement_set.is_subset(&said);
    // The post must use some of the clause's own words: a topic concept alone
    // ("licences") may belong to another rule on the topic; unless another
    // document permits the topic (this clause is where its condition hides)
    // and the post permits anything of it ("you can use any declared dataset").
    let universal = relevant.iter().any(|s| universal_permission(s));
    // A permission of anything of the topic a rule confines ("train wherever
    // you like: Colab, AWS" where the data may be processed only on the
    // institution's systems) leaves out the confinement itself.
    let universal_on_topic = restrictive
        && c.confined
        && !c.anchor_set.is_empty()
        && relevant
            .iter()
            .any(|s| universal_permission(s) && s.gset.intersects(&c.anchor_set));
    let own_words = relevant
        .iter()
        .any(|s| s.words.shared(&c.words) > 0 || s.words.shared(&c.heading_words) > 0);
    // Whether it answers a question on the topic, one using the clause's words.
    let asked_about_it =
        answering(c, info, p) && info.asked_words.shared(&c.words) >= p.min_topic_words;
    // A post that states the clause's own date or number ("post it here
    // before 8 April") keeps its condition, whatever it adds.
    let restates_quantity = !c.quantities.is_empty() && gives_quantity(c, relevant);
    // A permission of anything on the topic that gives none of the clause's
    // quantities or dates leaves them out ("any public checkpoint is fine"
    // where the clause admits those released before 1 June 2024).
    let quantity_left_out = c.limited && !c.quantities.is_empty() && !restates_quantity;
    if !((restrictive || c.limited || restricted_elsewhere)
        && (missing_req || quantity_left_out || universal_on_topic)
        && !restates_quantity
        && (own_words
            || asked_about_it
            || universal_on_topic
            || (restricted_elsewhere && universal)))
    {
        return None;
    }
    let blanket = relevant
        .iter()
        .copied()
        .filter(|s| {
            s.modality == Modality::Permission
                && ((asked_about_it && s.strong)
                    || (s.exhaustive.is_some()
                        && (s.words.shared(&c.words) >= p.min_topic_words
                            || s.words.shared(&c.heading_words) >= 1
                            || restricted_elsewhere
                            || (universal_on_topic && universal_permission(s)))
                        // One naming nothing of it ("hold on to whatever you
                        // like") takes no topic from its thread.
                        && (s.gset.intersects(&c.anchor_set)
                            || ((!s.gset.is_empty()
                                || s.words.shared(&c.words) >= p.min_topic_words)
                                && info.context.intersects(&c.anchor_set)))))
                && (!c.decisive_set.is_subset(&info.gset)
                    // A prohibition where another document permits the
                    // topic is left out whole by a permission of anything
                    // on it ("use whatever compute you like: Colab, AWS"
                    // against "must not process the data outside the EU").
                    || (c.decisive_set.is_empty()
                        && restricted_elsewhere
                        && c.clause.modality == Modality::Prohibition
                        && universal_permission(s))
                    || (quantity_left_out && s.exhaustive.is_some())
                    // So is a restriction of the topic the post permits whole.
                    || (c.decisive_set.is_empty() && universal_on_topic && universal_permission(s))
                    // A plain yes to "can we use MIT instead?" permits what
                    // the question proposes, whatever concepts it names.
                    || (asked_about_it && s.strong && info.asks_alternative && c.decisive_set.is_empty()))
                // It permits an act the clause rules on ("fine to use" leaves
                // nothing out of a duty to publish a write-up); a plain yes
                // permits whatever the question asks.
                && ((asked_about_it && s.strong) || s.acts == 0 || c.acts == 0 || s.acts & c.acts != 0)
                // A close restatement of the clause is not a blanket permission.
                && (s.words.shared(&c.words) as f64)
                    < c.words.len() as f64 * p.min_word_overlap
                // Nor one that sets itself apart from the case the clause rules
                // on ("using hosted models while you develop is a different
                // matter" beside "no API calls during scoring").
                && !OTHER_CASE.is_match(s.text)
        })
        .collect();
    nonempty(blanket).map(|b| (Why::Omits, b))
}

/// Whether `s` permits anything of what it names: "any dataset is fine",
/// "use whatever compute you like", "train wherever you like", "if it's
/// free and anyone can download it, you can use it".
fn universal_permission(s: &SentenceInfo<'_>) -> bool {
    s.modality == Modality::Permission
        && s.exhaustive.as_deref().is_some_and(|e| {
            matches!(e, "any" | "anything" | "whatever" | "wherever") || e.starts_with("if ")
        })
}

/// Whether the relevant sentences cover the clause: no decisive requirement
/// left out, its quantities stated, and every concept with some of its own
/// words, or many of its words and half its concepts, or enough of both.
fn covers(
    c: &ClauseInfo<'_>,
    info: &PostInfo<'_>,
    relevant: &[&SentenceInfo<'_>],
    p: &Params,
) -> bool {
    let words: BTreeSet<u32> = relevant
        .iter()
        .flat_map(|s| s.words.intersection(&c.words))
        .collect();
    let word_share = if c.words.is_empty() {
        1.0
    } else {
        words.len() as f64 / c.words.len() as f64
    };
    let said = relevant
        .iter()
        .fold(GroupSet::default(), |acc, s| acc.or(&s.gset));
    // The question answered supplies concepts the answer need not repeat.
    // An answer to a question on another topic is read whole: the concepts
    // of its other sentences count ("One person, one account. Duplicates …
    // are out of the competition.").
    let said = if answering(c, info, p) {
        said.or(&info.context)
    } else if info.answers {
        said.or(&info.gset)
    } else {
        said
    };
    let present = c.requirement_set.and(&said).len();
    let concept_share = if c.requirements.is_empty() {
        1.0
    } else {
        present as f64 / c.requirements.len() as f64
    };
    let decisive_missing = !c.decisive_set.is_subset(&said);
    // A paraphrase: a sentence with the clause's force naming two of its concepts.
    let paraphrased = relevant
        .iter()
        .any(|s| s.modality == c.clause.modality && s.gset.and(&c.requirement_set).len() >= 2);
    // A permission of anything of its concepts permits what the clause
    // permits ("any dataset anyone can download is fine" for "you may use
    // publicly available External Data").
    let broader = c.clause.modality == Modality::Permission
        && relevant.iter().any(|s| universal_permission(s));
    // Words and concepts together: a close paraphrase may say in plain words
    // what a concept term would have named ("delete your copy within 30 days").
    let terms = c.words.len() + c.requirements.len();
    let combined = if terms == 0 {
        1.0
    } else {
        (words.len() + present) as f64 / terms as f64
    };
    // A clause stating a quantity or a date is covered only by a statement of it.
    let quantity_stated =
        (c.quantities.is_empty() && c.limits.is_empty()) || gives_quantity(c, relevant);
    // A limit restated on the clause's topic ("four people max per team"), or
    // in answer to a question on it, covers it.
    let context_anchored = context_on_topic(c, info, p);
    let limit_restated = relevant.iter().any(|s| {
        restates_limit(c, s, context_anchored) && !reverses(c.clause.modality, s.modality)
    });
    // Each condition the clause sets must be stated, with one of its words
    // or concepts or the same cue ("Before you submit anything …" for
    // "before it is used in a submission"), or asked about.
    let asked = answering(c, info, p);
    let conditions_named = c.conditions.iter().all(|cond| {
        relevant.iter().any(|s| {
            s.words.shared(&cond.words) > 0
                || s.gset.intersects(&cond.groups)
                || names_phrase(s.text, &cond.cue)
        }) || (asked
            && (info.context_words.shared(&cond.words) > 0
                || info.context.intersects(&cond.groups)))
    });
    // A clause naming things ("the MIT License") is covered only by a
    // statement naming one of them, or answering a question that does.
    let named = c.names.is_empty()
        || words.iter().any(|w| c.names.contains(*w))
        || (asked && info.context_words.shared(&c.names) > 0);
    !decisive_missing
        && named
        && conditions_named
        && every_part_named(c, &words)
        && (limit_restated
            || quantity_stated
                && ((concept_share >= 1.0
                    && (word_share >= p.min_word_overlap / 2.0 || paraphrased || broader))
                    || (word_share >= p.min_word_overlap && concept_share >= 0.5)
                    || combined >= p.min_word_overlap))
}

/// Whether `said` (the clause's words a post uses) names every normative
/// part of a clause whose parts rule differently: a word of each part that
/// the other parts do not use ("2023 training set is fine" names the
/// permission of "the 2023 training set may be used; the 2023 test images
/// may not be used", not the prohibition). Parts of one force often restate
/// each other ("the maximum is five; larger teams are not permitted").
fn every_part_named(c: &ClauseInfo<'_>, said: &BTreeSet<u32>) -> bool {
    if c.parts.iter().all(|(m, _)| *m == c.parts[0].0) {
        return true;
    }
    c.parts.iter().enumerate().all(|(i, (_, words))| {
        let own: Vec<u32> = words
            .iter()
            .filter(|w| {
                c.words.contains(*w)
                    && !c
                        .parts
                        .iter()
                        .enumerate()
                        .any(|(j, (_, o))| j != i && o.contains(*w))
            })
            .collect();
        own.is_empty() || own.iter().any(|w| said.contains(w))
    })
}

/// Whether `s`, on the clause's topic (by its own concepts, or as an answer to
/// a question on it: `context_anchored`), gives the clause's one limit or
/// quantity as a bound ("four people max per team" for "at most four (4)
/// members", "anyone aged 18 or over" for "individuals aged 18 or over"); not
/// a date, and not a number that only mentions the thing ("a team of five
/// still gets eight a day").
fn restates_limit(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>, context_anchored: bool) -> bool {
    let value = match (&c.limits[..], &c.quantities[..]) {
        ([limit], _) => Some(*limit),
        ([], [quantity]) if !c.states_date => Some(*quantity),
        _ => None,
    };
    !c.anchor_set.is_empty()
        && (s.gset.intersects(&c.anchor_set) || context_anchored)
        && value.is_some_and(|v| s.numbers.contains(&v))
        && states_bound(s.text)
}

/// Statements of the clause's one limit with another value ("teams of up to
/// five members are fine" where the clause sets four (4)): a rule on the
/// clause's topic setting limits, none of them the clause's, and announcing
/// no change (announced changes are judged apart). A clause stating a date
/// is left to the change check: a deadline restated before a change is
/// history, not a conflict. A date beside another limit says from when it
/// holds ("five submissions per day from 16 May").
fn other_value<'s, 'a>(
    c: &ClauseInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
    p: &Params,
) -> Vec<&'s SentenceInfo<'a>> {
    let [limit] = c.limits[..] else {
        return Vec::new();
    };
    if c.states_date {
        return Vec::new();
    }
    // A span of time may bound anything ("an email within three days of the
    // close" beside "deliver within fourteen (14) days"): only one for the
    // act the clause times ("deliver within seven days"), or one in more of
    // its words ("a 12-hour run time limit" for notebooks), gives it another value.
    let timed = c
        .unit_names
        .iter()
        .any(|u| TIME_UNITS.contains(&u.as_str()));
    relevant
        .iter()
        .copied()
        .filter(|s| {
            s.change.is_none()
                && limits_alike(c, s)
                && !s.limits.contains(&limit)
                // One that gives the clause's own value derives the other from
                // it ("three a day per track, so up to six if you're in both").
                && !s.numbers.contains(&limit)
                && if timed {
                    acts(s.text) & c.acts != 0 || topic_words(c, s) > p.min_topic_words
                } else {
                    specific(c, s, p) || s.gset.intersects(&c.anchor_set) || same_unit(c, s)
                }
                // "within two months" is no other value for "within 21 days".
                && !time_units_differ(c, s)
        })
        .collect()
}

/// Statements that there is no limit on the clause's topic where it sets one
/// ("There's no limit on team size" against "at most four (4) members").
fn lifted_limits<'s, 'a>(
    c: &ClauseInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
) -> Vec<&'s SentenceInfo<'a>> {
    if c.limits.is_empty() {
        return Vec::new();
    }
    relevant
        .iter()
        .copied()
        .filter(|s| {
            s.lifts_limit && (s.gset.intersects(&c.anchor_set) || s.words.shared(&c.words) >= 1)
        })
        .collect()
}

/// Statements on the clause's topic that count in a measure what the clause
/// leaves out, or the reverse ("8 pages in total, references included"
/// against "8 pages, excluding references"), announcing no change.
fn other_scope<'s, 'a>(
    c: &ClauseInfo<'_>,
    relevant: &[&'s SentenceInfo<'a>],
    p: &Params,
) -> Vec<&'s SentenceInfo<'a>> {
    if c.inclusions.is_empty() {
        return Vec::new();
    }
    relevant
        .iter()
        .copied()
        .filter(|s| {
            s.change.is_none()
                && !s.asks()
                && s.words.shared(&c.words) >= p.min_topic_words
                && s.inclusions
                    .iter()
                    .any(|(w, counted)| c.inclusions.contains(&(*w, !counted)))
        })
        .collect()
}

/// Whether the clause's limit and `s`'s count different units of time
/// ("21 days" and "two months"): values that cannot be compared.
fn time_units_differ(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> bool {
    let timed = |v: &[String]| v.iter().any(|u| TIME_UNITS.contains(&u.as_str()));
    timed(&c.unit_names)
        && !s.unit_names.is_empty()
        && !s.unit_names.iter().any(|u| c.unit_names.contains(u))
}

/// Whether `s` sets a limit as a rule: a normative sentence, or a plain
/// statement of one ("The maximum team size is 6."), not a question.
fn states_limit(s: &SentenceInfo<'_>) -> bool {
    !s.limits.is_empty() && (s.modality.is_normative() || !s.asks())
}

/// Whether `s` states a limit of the clause's kind: a rate for a rate
/// ("five a day" for "three (3) Submissions per day"), a total for a total
/// (not for "a maximum of two (2) Final Submissions").
fn limits_alike(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> bool {
    states_limit(s) && s.per_period == c.per_period
}

/// Whether `s` sets a limit on what the clause's limit counts: "up to six
/// members" beside "at most four (4) members". Not a unit of time: "within
/// three days" may bound anything ("an email within three days of the close"
/// beside "help resolve the difference within seven (7) days").
fn same_unit(c: &ClauseInfo<'_>, s: &SentenceInfo<'_>) -> bool {
    !c.limits.is_empty()
        && limits_alike(c, s)
        && s.limit_units.shared(&c.limit_units) > 0
        && !c
            .unit_names
            .iter()
            .any(|u| TIME_UNITS.contains(&u.as_str()))
}

/// Units of time.
const TIME_UNITS: [&str; 7] = ["second", "minute", "hour", "day", "week", "month", "year"];

/// Whether a sentence states one of the clause's quantities or dates. A
/// clause whose only quantity is a date takes a date: "each one" does not
/// restate "1 June"; and a span of time states only a span: "two more
/// weeks" does not restate "up to two (2) Final Submissions".
fn gives_quantity(c: &ClauseInfo<'_>, relevant: &[&SentenceInfo<'_>]) -> bool {
    let dated = c.states_date && c.limits.is_empty();
    relevant.iter().any(|s| {
        s.numbers.iter().any(|n| {
            (c.quantities.contains(n) || c.limits.contains(n))
                && (c.time_numbers.contains(n) || !s.time_numbers.contains(n))
        }) && (!dated || s.states_date)
    })
}

/// Relevance of a post to a clause: its concepts matched, plus the share of the clause's specific words it uses.
fn score(c: &ClauseInfo<'_>, info: &PostInfo<'_>) -> f64 {
    let concepts = info.gset.and(&c.anchor_set.or(&c.requirement_set)).len();
    let shared = info.words.shared(&c.words);
    concepts as f64 + shared as f64 / (c.words.len().max(1) as f64)
}

fn evidence(
    c: &ClauseInfo<'_>,
    info: &PostInfo<'_>,
    bearing: Bearing,
    sents: &[&SentenceInfo],
    matcher: &ConceptMatcher,
) -> Evidence {
    let mut matched: Vec<String> = labels(
        &matcher
            .groups(&info.post.text)
            .into_iter()
            .filter(|(g, _)| c.anchors.contains(g) || c.requirements.contains(g))
            .collect(),
    );
    let mut shared: Vec<String> = info
        .words
        .intersection(&c.words)
        .filter_map(|w| c.word_names.get(&w).cloned())
        .collect();
    shared.sort();
    let score = score(c, info);
    matched.extend(shared);
    let snippet = if sents.is_empty() {
        crate::query::head(&info.post.text, 240)
    } else {
        join_sentences(&info.post.text, sents.iter().take(3).map(|s| s.text))
    };
    Evidence {
        in_reply_to: info.answering.cloned(),
        post: info.post.clone(),
        bearing,
        score,
        snippet,
        matched_terms: matched,
    }
}

/// Sentences of `text` joined for a snippet: " … " only where the post has
/// words between them, so nothing looks left out that was not.
fn join_sentences<'s>(text: &str, sents: impl Iterator<Item = &'s str>) -> String {
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    for s in sents {
        if let Some(p) = prev {
            let adjacent = text
                .find(p)
                .is_some_and(|i| text[i + p.len()..].trim_start().starts_with(s));
            out.push_str(if adjacent { " " } else { " … " });
        }
        out.push_str(s);
        prev = Some(s);
    }
    out
}

/// The clause's requirements not in `seen`, by name (for a conflicting
/// statement: what it leaves out, a decisive one among them).
fn missing(c: &ClauseInfo<'_>, seen: &GroupSet, matcher: &ConceptMatcher) -> Vec<String> {
    c.requirement_set
        .minus(seen)
        .iter()
        .map(|i| matcher.group_name(i).to_owned())
        .collect()
}

fn quote_list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    // Concept groups read as words ("personal data", not `personal_data`).
    let v: Vec<String> = items
        .map(|s| format!("`{}`", s.replace('_', " ")))
        .collect();
    and_list(&v)
}

/// Concept groups with the clause's own word for each, where it differs from
/// the group's name: `prizes` ("payment"), so a reader sees where it came from.
fn concept_list(c: &ClauseInfo<'_>, groups: &[String]) -> String {
    let v: Vec<String> = groups
        .iter()
        .map(|g| {
            let name = g.replace('_', " ");
            // Not for the name's own word or its singular: `prizes`, not `prizes` ("prize").
            match c.groups.get(g) {
                Some(term) if !name.starts_with(&term.to_lowercase()) => {
                    format!("`{name}` (\"{term}\")")
                }
                _ => format!("`{name}`"),
            }
        })
        .collect();
    and_list(&v)
}

/// "a", "a and b", "a, b and c"; "nothing specific" for none.
fn and_list(v: &[String]) -> String {
    match v.len() {
        0 => "nothing specific".into(),
        1 => v[0].clone(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

fn shorten(s: &str) -> String {
    crate::query::head(s, 160)
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippets_mark_only_real_gaps() {
        let text = "One rule. Two rules.\n\nA word between. Three rules.";
        assert_eq!(
            super::join_sentences(
                text,
                ["One rule.", "Two rules.", "Three rules."].into_iter()
            ),
            "One rule. Two rules. … Three rules."
        );
    }

    #[test]
    fn labels_before_a_colon_are_not_the_statement() {
        let text = "Rule update, effective today: the test set is ~42k images.";
        assert_eq!(super::after_label(text), " the test set is ~42k images.");
        assert!(!super::names_rule_setting(super::after_label(text)));
        let long = "We are extending the deadline for everyone who asked: 7 July.";
        assert_eq!(super::after_label(long), long);
    }
}
