//! The clause frame (ANALYSIS.md §3–§5): the deontic class of a sentence with
//! the cue words that decided it, its conditions and exceptions, and the
//! heading's influence on bare list items. Pure functions over text; the
//! analysis reuses `classify_sentence` on forum posts with `TextKind::Forum`.

use std::sync::LazyLock;

use regex::Regex;

use super::cues::{
    CLASSES, CONDITION_WORDS, EPISTEMIC_PASSIVES, EXCEPTION_WORDS, Guard, IRREGULAR_PARTICIPLES,
    PERSONS, POWERS, Scope,
};
use super::negation::is_negated;
use super::sentence::split_sentences;
use crate::model::Modality;

/// Where a sentence comes from: official documents and forum posts read differently
/// ("may not" is often epistemic in a post, "will" is future, questions ask).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// Rules, documentation requirements, licences, FAQ answers.
    Rules,
    /// A forum post.
    Forum,
}

/// The frame of a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The deontic class.
    pub modality: Modality,
    /// The cue words that decided it (lower case, as matched).
    pub cues: Vec<String>,
    /// Condition phrases.
    pub conditions: Vec<String>,
    /// Exception phrases.
    pub exceptions: Vec<String>,
}

static LEADING_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(if|where|when|whenever|unless|upon|once|provided that|as long as|in the event that|in case|before|after|until|only if|to (be|stay|remain|receive|win)) [^,]*, ").expect("regex")
});
static MAIN_CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(,? provided\b|,? as long as\b|,? so long as\b| unless\b| only if\b| if\b| except\b| other than\b| excluding\b|,? subject to\b| save that\b| on condition that\b)").expect("regex")
});
static INTERJECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((yes|yep|yeah|no|nope|sure|ok|okay|sorry|thanks|hi|hello|correct|right|good question)[,.!]\s*)+").expect("regex")
});
/// An introduction that says what a page covers: "This page sets out what winners must deliver".
static PAGE_POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(this|the following) (page|document|section|guide|guidelines|requirements)\b[^.]*\b(sets out|set out|describes|describe|explains|lists|summari[sz]es|outlines)\b").expect("regex")
});

/// Where to send questions: a pointer, not a permission ("Questions may be sent to …").
static POINTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(questions|comments|inquiries|enquiries|feedback)\b[^.]*\b(may|can|should) be (sent|posted|directed|addressed|asked|emailed)\b|^(please )?(contact|email|write to) us\b").expect("regex")
});
static REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(could|can|would|will) you (please )?(clarify|confirm|explain|tell|let)|^please (clarify|confirm|advise|let us know|explain)|\bi was wondering\b|\bwondering (whether|if)\b").expect("regex")
});

/// The deontic class of one sentence and the cue words that decided it.
///
/// Classes are tested in the order prohibition, exemption, obligation,
/// permission; the first with a matching cue wins. Questions are informational.
#[must_use]
pub fn classify_sentence(text: &str, kind: TextKind) -> (Modality, Vec<String>) {
    let orig = text.trim().replace(['\u{2019}', '\u{2018}'], "'");
    if orig.ends_with('?') {
        return (Modality::Informational, vec!["?".into()]);
    }
    let lower = orig.to_ascii_lowercase();
    if REQUEST.is_match(&lower) {
        return (Modality::Informational, vec!["request".into()]);
    }
    if POINTER.is_match(&lower) || PAGE_POINTER.is_match(&lower) {
        return (Modality::Informational, vec!["pointer".into()]);
    }
    let skip = INTERJECTION.find(&lower).map_or(0, |m| m.end());
    let body = &lower[skip..];
    let stripped = LEADING_CONDITION.find(body).map_or(0, |m| m.end());
    let main_start = skip + stripped;
    let rest = &lower[main_start..];
    let main_end = main_start + MAIN_CUT.find(rest).map_or(rest.len(), |m| m.start());
    let windows = [
        (main_start, main_end),
        (main_start, lower.len()),
        (skip, lower.len()),
    ];
    for (from, to) in windows {
        if let Some(found) = match_classes(&orig, &lower, from, to, kind) {
            return found;
        }
    }
    (Modality::Informational, Vec::new())
}

fn match_classes(
    orig: &str,
    lower: &str,
    from: usize,
    to: usize,
    kind: TextKind,
) -> Option<(Modality, Vec<String>)> {
    let window = &lower[from..to];
    for (modality, cues) in CLASSES.iter() {
        for cue in cues {
            if cue.scope == Scope::RulesOnly && kind != TextKind::Rules {
                continue;
            }
            for m in cue.re.find_iter(window) {
                if cue.re.as_str().starts_with('^') && m.start() != 0 {
                    continue;
                }
                let (s, e) = (from + m.start(), from + m.end());
                if !guard_ok(cue.guard, orig, lower, s, e, from) {
                    continue;
                }
                let word = lower[s..e].to_owned();
                return Some(negation_flip(*modality, lower, s, word));
            }
        }
    }
    None
}

/// A permission or obligation word under a negation trigger flips (`in no way permitted`).
fn negation_flip(
    modality: Modality,
    lower: &str,
    at: usize,
    word: String,
) -> (Modality, Vec<String>) {
    let flips = matches!(modality, Modality::Permission | Modality::Obligation)
        && !word.contains(' ')
        && !matches!(word.as_str(), "may" | "can" | "must" | "shall" | "should");
    if flips && let Some(trigger) = is_negated(lower, at) {
        let flipped = if modality == Modality::Permission {
            Modality::Prohibition
        } else {
            Modality::Exemption
        };
        return (flipped, vec![trigger, word]);
    }
    (modality, vec![word])
}

fn guard_ok(guard: Guard, orig: &str, lower: &str, s: usize, e: usize, from: usize) -> bool {
    let after = lower[e..].trim_start();
    match guard {
        Guard::None => true,
        Guard::Should => ![
            "be fine",
            "be ok",
            "be okay",
            "be allowed",
            "be acceptable",
            "be no problem",
        ]
        .iter()
        .any(|h| after.starts_with(h)),
        Guard::NeedNot => !after.starts_with("not"),
        Guard::Fragment => !lower[s..e].split_whitespace().any(|w| {
            matches!(
                w,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "will"
                    | "shall"
                    | "can"
                    | "may"
                    | "must"
                    | "has"
                    | "have"
                    | "had"
                    | "does"
                    | "do"
                    | "did"
                    | "should"
                    | "would"
            )
        }),
        Guard::Nothing => {
            !lower[s..e]
                .split_whitespace()
                .any(|w| matches!(w, "we" | "i" | "else"))
                && !after.starts_with("do ")
                && !after.starts_with("be done")
        }
        Guard::Shall => !["be entitled", "be permitted", "be allowed", "be free to"]
            .iter()
            .any(|h| after.starts_with(h)),
        Guard::Please => !["clarify", "confirm", "advise", "let", "explain", "help"]
            .iter()
            .any(|w| lower[s..].starts_with(&format!("please {w}"))),
        Guard::Modal => modal_is_deontic(orig, lower, s, e, from),
    }
}

/// `may`/`can` (and their negations) bind a person or a passive action; otherwise
/// they are epistemic ("the server may not be up", "images may not contain").
fn modal_is_deontic(orig: &str, lower: &str, s: usize, e: usize, from: usize) -> bool {
    // `May` the month: capitalised inside a sentence, or followed by a day.
    if &orig[s..e] == "May"
        && (s > from
            || lower[e..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let after: Vec<&str> = lower[e..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = after
        .iter()
        .copied()
        .skip_while(|w| matches!(*w, "not" | "also" | "only" | "still" | "freely" | "then"));
    if lower[e..].trim_start().starts_with("not")
        && !lower[s..e].contains("not")
        && !lower[s..e].contains("n't")
    {
        return false; // `may` of `may not`, rejected as epistemic by the prohibition pass
    }
    let w1 = words.next().unwrap_or("");
    let w2 = words.next().unwrap_or("");
    if w1 == "have" && w2 == "been" {
        return false; // "they cannot have been trained on …": a conclusion, not a rule
    }
    let clause_start = lower[..s].rfind([',', ';', ':', '(']).map_or(0, |i| i + 1);
    // A modal right after a comma closing an inserted phrase takes the
    // sentence's subject: "Employees, and anyone who wrote tasks, may not take part".
    let subject = if lower[clause_start..s].trim().is_empty() {
        &lower[from..s]
    } else {
        &lower[clause_start..s]
    };
    // What is the participant's acts for them: "your final solution may combine …".
    let person_subject = || {
        subject
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .any(|w| PERSONS.contains(&w) || matches!(w, "you're" | "we're" | "your"))
    };
    // A passive binds; so does "be" with a person as subject ("you may be
    // a member of one team only").
    if w1 == "be" {
        return w2 != "able"
            && !EPISTEMIC_PASSIVES.contains(&w2)
            && (w2.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&w2) || person_subject());
    }
    if PERSONS.contains(&w1)
        || POWERS.contains(&w1)
        || (PERSONS.contains(&w2) && matches!(w1, "a" | "an" | "the" | "any" | "no" | "each"))
    {
        return true; // inverted: "under no circumstances may a Participant …"
    }
    // "Figures may show only public tiles": a restriction whatever the subject.
    if w1 == "only" || (w2 == "only" && !lower[e..].trim_start().starts_with("not")) {
        return true;
    }
    person_subject()
}

/// Condition phrases: from a condition word to the next punctuation.
#[must_use]
pub fn conditions(text: &str) -> Vec<String> {
    phrases(text, CONDITION_WORDS)
}

/// Exception phrases: from an exception word to the next punctuation.
#[must_use]
pub fn exceptions(text: &str) -> Vec<String> {
    phrases(text, EXCEPTION_WORDS)
        .into_iter()
        .filter(|p| {
            !p.to_lowercase().starts_with("but not limited")
                && !p.to_lowercase().starts_with("but also")
        })
        .collect()
}

fn phrases(text: &str, words: &[&str]) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let mut from = 0;
        while let Some(i) = lower[from..].find(w) {
            let s = from + i;
            from = s + w.len();
            let boundary_before = s == 0 || !lower.as_bytes()[s - 1].is_ascii_alphanumeric();
            let boundary_after = lower
                .as_bytes()
                .get(from)
                .is_none_or(|b| !b.is_ascii_alphanumeric());
            if !boundary_before || !boundary_after || found.iter().any(|&(a, b)| s >= a && s < b) {
                continue;
            }
            let end = phrase_end(&lower, from);
            if end > from + 1 {
                found.push((s, end));
            }
        }
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(s, e)| text[s..e].trim().to_owned())
        .collect()
}

/// Where a phrase starting at `from` ends: the next `,` `;` `:` `?` `!`, a `)`
/// it did not open, or a period that ends a sentence (not the one inside
/// "Section 2.6"). A parenthesis it opens is kept whole: `other than the
/// Competition Data ("External Data")`.
fn phrase_end(lower: &str, from: usize) -> usize {
    let bytes = lower.as_bytes();
    let mut open = 0usize;
    for (j, ch) in lower[from..].char_indices() {
        let at = from + j;
        let ends = match ch {
            '(' => {
                open += 1;
                false
            }
            ')' if open > 0 => {
                open -= 1;
                false
            }
            ',' | ';' | ':' | '?' | '!' | ')' => true,
            '.' => bytes.get(at + 1).is_none_or(u8::is_ascii_whitespace),
            _ => false,
        };
        if ends {
            return at;
        }
    }
    lower.len()
}

/// The frame of a clause's text: its strongest sentence decides (prohibition >
/// exemption > obligation > permission); FAQ clauses are read by their answer;
/// a bare item under a heading such as "Prohibited conduct" takes the heading's class.
#[must_use]
pub fn frame_text(text: &str, heading: &[String], faq: bool) -> Frame {
    let body = if faq { answer_part(text) } else { text };
    let mut best: Option<(Modality, Vec<String>)> =
        if faq { faq_reading(text, body) } else { None };
    for sentence in split_sentences(body) {
        let (m, cues) = classify_sentence(&sentence, TextKind::Rules);
        if m != Modality::Informational && best.as_ref().is_none_or(|(b, _)| rank(m) < rank(*b)) {
            best = Some((m, cues));
        }
    }
    let (modality, cues) = best
        .or_else(|| from_heading(body, heading))
        .unwrap_or((Modality::Informational, Vec::new()));
    Frame {
        modality,
        cues,
        conditions: conditions(body),
        exceptions: exceptions(body),
    }
}

static ASKS_PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(q(uestion)?\s*\d*\s*[:.]\s*)?(can|may|could) (?:(?:two|the|a|all|both|several|other) )?(i|we|my [\w-]+|our [\w-]+|teams?|participants?|winners?|you|people|members|students|employees|entrants)\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?(can|may|could) (?:a|an|the|my|our|each) [\w-]+(?: [\w-]+)? (use|load|include|call|access|train|run|submit|contain|read|be used)\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?(am i|are we|is it|are teams|are participants) (allowed|permitted|ok|okay|fine)\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?is it (allowed|permitted|ok|okay|fine) to\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?(is|are) [\w -]{1,40}? (allowed|permitted|ok|okay|fine|acceptable)\b").expect("regex")
});
static ASKS_OBLIGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(q(uestion)?\s*\d*\s*[:.]\s*)?(do|does|will) (i|we|my [\w-]+|our [\w-]+|teams?|participants?|winners?|you) (need|have) to\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?(must|should) (i|we|my team|teams?|participants?|winners?)\b|^(q(uestion)?\s*\d*\s*[:.]\s*)?(is it|are we|am i|are winners|are teams) (required|obliged|obligated)\b").expect("regex")
});
static YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(yes|yep|yeah|sure|of course|absolutely|certainly)\b").expect("regex")
});
/// A question on what a rule counts: "Does the run-time limit include loading?"
/// Yes binds it; no exempts it.
static ASKS_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(q(uestion)?\s*\d*\s*[:.]\s*)?(does|do) (the|this|that|a|my|our) [\w -]{1,40}? (include|cover|count|apply to)\b").expect("regex")
});
static NO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(no|nope|not)\b").expect("regex"));

/// A FAQ answer read through its question: "Can I …? Yes" permits, "No" forbids;
/// "Do I need to …? Yes" obliges, "No" exempts. `None` when the question is not
/// such an ask or the answer opens with neither yes nor no.
fn faq_reading(text: &str, answer: &str) -> Option<(Modality, Vec<String>)> {
    let question = text.strip_suffix(answer).unwrap_or(text).trim();
    let question = question
        .trim_end_matches("Answer:")
        .trim_end_matches("A:")
        .trim_end_matches("A.")
        .trim();
    // The ask is the question's last sentence ("I have X through Y. Can I use it?").
    let question = question.trim_start_matches("Q:").trim();
    let question = match question.rfind(". ").max(question.rfind("; ")) {
        Some(i) => question[i + 2..].trim(),
        None => question,
    };
    let only = answer.to_ascii_lowercase().starts_with("only ");
    let (yes, no) = (YES.is_match(answer) || only, NO.is_match(answer));
    if !(yes || no) {
        return None;
    }
    let word = if only {
        "only"
    } else if yes {
        "yes"
    } else {
        "no"
    };
    let modality = if ASKS_PERMISSION.is_match(question) {
        if yes {
            Modality::Permission
        } else {
            Modality::Prohibition
        }
    } else if ASKS_OBLIGATION.is_match(question) || ASKS_SCOPE.is_match(question) {
        if yes {
            Modality::Obligation
        } else {
            Modality::Exemption
        }
    } else {
        return None;
    };
    Some((
        modality,
        vec![format!(
            "{word} to \"{}\"",
            question.trim_start_matches("Q: ")
        )],
    ))
}

/// The rank of a class in the test order (lower wins).
#[must_use]
pub(crate) fn rank(m: Modality) -> u8 {
    match m {
        Modality::Prohibition => 0,
        Modality::Exemption => 1,
        Modality::Obligation => 2,
        Modality::Permission => 3,
        Modality::Informational => 4,
    }
}

static ANSWER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[?.]\s+)(A|Answer)\s*[:.]\s").expect("regex"));

/// The answer of a `Q: … A: …` text, or the text after its first question.
#[must_use]
pub fn answer_part(text: &str) -> &str {
    if let Some(m) = ANSWER.find(text) {
        return text[m.end()..].trim();
    }
    match text.find("? ") {
        Some(i) => text[i + 2..].trim(),
        None => text,
    }
}

static HEADING_CLASS: LazyLock<Vec<(Regex, Modality)>> = LazyLock::new(|| {
    [
        (
            r"(?i)\b(prohibit|prohibited|forbidden|not (allowed|permitted)|restrictions|don'ts)\b",
            Modality::Prohibition,
        ),
        (r"(?i)\boptional\b", Modality::Exemption),
        (
            r"(?i)\b(requirements?|obligations?|deliverables|must|required|mandatory)\b",
            Modality::Obligation,
        ),
        (r"(?i)\b(permitted|allowed|you may)\b", Modality::Permission),
    ]
    .into_iter()
    .map(|(p, m)| (Regex::new(p).expect("regex"), m))
    .collect()
});

/// A short item with no cue of its own under a normative heading takes the heading's class.
fn from_heading(text: &str, heading: &[String]) -> Option<(Modality, Vec<String>)> {
    let lower = text.to_lowercase();
    let bare = text.split_whitespace().count() <= 20
        && !text.contains(": ")
        && ![" means ", " is ", " are ", " will ", " was "]
            .iter()
            .any(|w| lower.contains(w));
    if !bare {
        return None;
    }
    let h = heading.last()?;
    HEADING_CLASS
        .iter()
        .find(|(re, _)| re.is_match(h))
        .map(|(_, m)| (*m, vec![format!("heading{{{h}}}")]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_keeps_the_parenthesis_it_opens() {
        assert_eq!(
            exceptions(
                "You may use data other than the Competition Data (\"External Data\") to train."
            ),
            vec!["other than the Competition Data (\"External Data\") to train".to_owned()]
        );
        assert_eq!(
            conditions("(unless stated otherwise) you must post it"),
            vec!["unless stated otherwise".to_owned()]
        );
    }
}
