//! The deontic reading of a forum sentence (ANALYSIS.md §4, forum column):
//! prohibition, exemption, obligation, permission, tested in that order, with
//! questions and future-tense "will" read as informational. Also spots the
//! exhaustive framing of blanket permissions ("any", "as long as", "no other
//! restriction"), which turns an incomplete permission into a possible conflict.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::model::Modality;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

static PROHIBITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:must not|mustn't|shall not|cannot|can ?not|can't|(?:is|are) not (?:permitted|allowed)|(?:isn't|aren't) (?:permitted|allowed)|not allowed|not permitted|prohibited|forbidden|(?:will|would) be disqualified|not eligible|(?:won't|will not|wouldn't|would not) be eligible|ineligible|(?:do not|don't|never) (?:use|share|submit|post|upload|create|merge|probe|label|pass|give|hand|send|distribute|redistribute|publish|sell|try|attempt|listen|train|copy|feed|include)|off[ -]limits|out of bounds|(?:keep|leave) (?:[\w'-]+ ){1,6}out of|(?:not going to|won't|will not|(?:do|does) not|(?:don't|doesn't)) (?:allow|permit|accept))\b|\b(?:isn't|aren't)\s*[.!]?$|^\W*(?:please\s+)?(?:don't|do not)(?:,?\s*actually)?\s*[.!]?$",
    )
});
static NOT_FORBIDDEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:is|are) not|isn't|aren't|nothing is|not) (?:forbidden|prohibited|banned|disallowed|against the rules)\b",
    )
});
static EXEMPTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:need not|needn't|(?:do|does) not (?:need|have) to|(?:don't|doesn't) (?:need|have) to|(?:is|are) not (?:required|obligated|necessary)|(?:isn't|aren't) (?:required|necessary)|not required|no need to|(?:do|does) not count (?:towards|toward|against)|(?:don't|doesn't) count (?:towards|toward|against)|optional|nothing prevents|no longer (?:has|have|needs?) to|no longer (?:required|needed|necessary|mandatory)|no (?:[\w-]+ ){1,3}(?:needed|required|necessary)|we(?:'ve| have|'re| are|'ll| will)? (?:now |also )?(?:decided to |going to )?(?:drop(?:ped|ping)?|remov(?:e|ed|ing)|scrap(?:ped|ping)?|waiv(?:e|ed|ing)))\b",
    )
});
static OBLIGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:must|shall|(?:is|are) required to|required|will be required|(?:has|have) to|need to|needs to|agree to|(?:is|are) responsible for|as a condition|(?:are|is) expected to|make sure|please (?:post|declare|list|submit|send|report|add|include)|we(?:'ll| will)?(?: still| also)? need (?:from|a|an|the|your|each|every|all)\b)\b",
    )
});
static PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:may|can|(?:is|are) (?:still |also |both |all |totally |perfectly |completely |absolutely |entirely )?(?:permitted|allowed|acceptable|fine|ok|okay)|(?:all|both) (?:fine|good|ok|okay|allowed|permitted)|allowed|permitted|(?:are|is) free to|feel free to|(?:it's|it is) (?:ok|okay|fine) to|you're welcome to|should be fine|(?:is|are) fine|i don't see why not|go ahead|no problem|that's (?:fine|ok|okay)|(?:don't|do not) mind|(?:don't|do not) worry about|fair game|approved|(?:whatever|anything|wherever) (?:\w+ ){0,4}you (?:like|want|wish)|there(?:'s| is| are) no (?:limit|maximum|max|cap)|no (?:limit|maximum|cap) (?:on|to|for)|(?:^|(?:is|are|it's|that's) )up to (?:\d+|two|three|four|five|six|seven|eight|nine|ten))\b",
    )
});
/// A negative subject: "nothing you ship can phone home", "nobody may enter twice".
static NEGATIVE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:nothing|nobody|no one|no-one|none of (?:you|them|these|those|us))((?:,? [\w']+){0,14}),? (?:can|may|could)\b( do\b)?",
    )
});
/// A permission of whatever meets a condition: "if it's out there for anyone
/// to download without paying, you can use it". Both an exhaustive cue and a
/// blanket addressed to participants.
const USE_IF: &str = r"if (?:it's|it is|they're|they are)\b[^.;?]{0,80}?,\s*(?:then\s+)?(?:you|teams?|participants|everyone)\s+(?:can|may|are free to|are welcome to)\s+use";
static EXHAUSTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:any|anything|whatever|wherever|as long as|no (?:other|extra|additional|further) (?:restrictions?|requirements?|conditions?)|no (?:other |extra |more )?strings attached|{USE_IF}|nothing else|only (?:requirement|condition|rule)|you are covered|you're covered)\b"
    ))
});
static STRONG_PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?:is|are|it's|that's) (?:(?:still|also|both|all|totally|perfectly|completely|absolutely|entirely) )?(?:fine|ok|okay|allowed|permitted|acceptable|approved)|feel free|you're welcome to|you are welcome to|no (?:other )?restrictions?|should be fine|go ahead|no problem|(?:don't|do not) mind|(?:don't|do not) worry about|fair game|covered|(?:is|are) not (?:forbidden|prohibited|banned)|(?:isn't|aren't) (?:forbidden|prohibited|banned)|(?:whatever|anything|wherever) (?:\w+ ){0,4}you (?:like|want|wish)|there(?:'s| is| are) no (?:limit|maximum|max|cap)|no (?:limit|maximum|cap) (?:on|to|for))\b",
    )
});
static ADDRESSED_PERMISSION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:you|you're|participants|teams?|everyone|anyone|entrants)\s+(?:can|may|are allowed|are permitted|are free)\b",
    )
});
/// A permission of anything of a kind, addressed to participants: "you can use any declared dataset".
static ADDRESSED_BLANKET: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:you|participants|teams?|everyone|anyone)\s+(?:can|may|are allowed to|are permitted to|are free to)\s+(?:use|submit|share|add|include|train on|download|bring)\s+(?:any|anything|whatever)\b|\b{USE_IF}\b"
    ))
});
static ONLY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:can|may) only\b|\bonly (?:by|if|through|via)\b"));
static EPISTEMIC_MAY_NOT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bmay not\s+(?:be|have|work|get|see|arrive|match|reflect|show)\b"));

/// An instruction: a sentence, or its main clause after an opening phrase,
/// that starts with a verb telling the reader what to do to something ("For
/// each outside dataset, say where you got it", "Blur anyone who could be
/// recognised", "Please list every checkpoint").
static IMPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[^,;:]{1,80},\s*)?(?:(?:please|just|also|simply|always|then|so|and)\s+)*(?:say|state|list|include|describe|report|declare|name|cite|give|write|tell|put|keep|delete|erase|destroy|blur|mask|crop|remove|send|upload|submit|post|add|document|attach|mention|link|credit|acknowledge|disclose|pick|select|choose|register|accept|email|record|explain|provide|follow|stick|stay|read|check|pin|store)\s+(?:the|a|an|your|each|every|all|any|it|them|us|where|what|which|how|who|anyone|anything|everything|both|that|this|those|these|one|to|with|within|out|down)\b",
    )
});

/// A concessive clause, up to the next comma or semicolon: "even if you have to …".
static CONCESSION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\beven (?:if|though|when)\b[^,;]*"));

/// Reads one forum sentence: its modality and the cue that decided it.
#[must_use]
pub fn forum_modality(sentence: &str) -> (Modality, Option<String>) {
    let s = sentence.trim();
    if s.ends_with('?') {
        return (Modality::Informational, None);
    }
    // A concession does not set the sentence's force: "any dataset is fine,
    // even if you have to accept their terms first" permits.
    let s = &*CONCESSION.replace_all(s, "");
    // Nor does a condition on a permission: "sharing a script is fine, as
    // long as you don't pass around models" permits, on that condition.
    if let Some(cut) = ATTACHED_CONDITION.find(s).filter(|m| m.start() > 0) {
        let main = read(&s[..cut.start()]);
        if main.0 == Modality::Permission {
            return main;
        }
    }
    read(s)
}

/// A condition attached to a main clause: "…, as long as …", "… provided …".
static ATTACHED_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i),?\s+\b(?:as long as|so long as|provided(?: that)?|on condition that|only if|unless)\b",
    )
});

/// Leave not to ask first: "you don't need to ask us", "no need to check with us".
static NO_ASKING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:need not|needn't|(?:do|does) not (?:need|have) to|(?:don't|doesn't) (?:need|have) to|no need to) (?:\w+ )?(?:ask|check|clear|run it by|wait for|get (?:our |an? )?(?:ok|okay|approval|permission|sign-off))\b",
    )
});

/// Reads one statement by its strongest cue.
fn read(s: &str) -> (Modality, Option<String>) {
    // "It is not forbidden to …" permits.
    if let Some(m) = NOT_FORBIDDEN.find(s) {
        return (Modality::Permission, Some(m.as_str().to_lowercase()));
    }
    if let Some(m) = PROHIBITION.find(s) {
        return (Modality::Prohibition, Some(m.as_str().to_lowercase()));
    }
    // Not the speaker's own inability: "nothing we can do about it"; nor a
    // statement about someone before a new clause: "nobody asked, but you can".
    if let Some(c) = NEGATIVE_SUBJECT.captures(s).filter(|c| {
        c.get(2).is_none()
            && !c[1]
                .split(|ch: char| ch.is_whitespace() || ch == ',')
                .any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "we" | "i" | "else" | "but" | "so" | "though" | "however" | "yet"
                    )
                })
    }) {
        return (Modality::Prohibition, Some(c[0].to_lowercase()));
    }
    // "Any collection is fair game, and you don't need to ask us first":
    // not asking is how the permission is given, not what it exempts from.
    if let Some(m) = STRONG_PERMISSION.find(s).filter(|_| NO_ASKING.is_match(s)) {
        return (Modality::Permission, Some(m.as_str().to_lowercase()));
    }
    if let Some(m) = EXEMPTION.find(s) {
        return (Modality::Exemption, Some(m.as_str().to_lowercase()));
    }
    if let Some(m) = ONLY.find(s) {
        return (Modality::Obligation, Some(m.as_str().to_lowercase()));
    }
    if let Some(m) = OBLIGATION.find(s) {
        return (Modality::Obligation, Some(m.as_str().to_lowercase()));
    }
    if EPISTEMIC_MAY_NOT.is_match(s) {
        return (Modality::Informational, None);
    }
    if let Some(m) = PERMISSION.find(s) {
        // "May 5" is a date, not a permission.
        if m.as_str() == "May"
            && s[m.end()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            return (Modality::Informational, None);
        }
        return (Modality::Permission, Some(m.as_str().to_lowercase()));
    }
    if let Some(m) = IMPERATIVE.find(s) {
        return (Modality::Obligation, Some(m.as_str().to_lowercase()));
    }
    (Modality::Informational, None)
}

static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\((?:was|previously|formerly) [^)]*\)|\bno longer\b|\bwe(?:'ve| have|'re| are|'ll| will)? (?:now |also )?(?:decided to |going to )?(?:drop(?:ped|ping)?|remov(?:e|ed|ing)|scrap(?:ped|ping)?|waiv(?:e|ed|ing))\b|\b(?:has|have) been (?:moved|extended|changed|raised|lowered|postponed|increased|reduced)\b|\b(?:is|are) now (?:\w+ ){0,2}(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)|\bnow (?:moves?|runs?|closes?|ends?)\b|\b(?:rais(?:e|es|ed|ing)|lower(?:s|ed|ing)?|increas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|extend(?:s|ed|ing)?|chang(?:es|ed|ing)|postpon(?:e|es|ed|ing)|push(?:es|ed|ing)? back) (?:[\w,:'-]+ ){0,6}(?:to|from|until)\b|\b(?:drop(?:s|ped)?|f[ae]lls?|rises?|rose|cut|jump(?:s|ed)?|climb(?:s|ed)?) to (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)|\b(?:go(?:es)?|went|gone|going) (?:up|down) to\b|\b(?:stays?|remains?|will stay|will remain) open (?:past|after|beyond|until)\b|\binstead of\b|\b(?:go(?:es)?|went|going|jump(?:s|ed)?|drop(?:s|ped)?|fall(?:s)?|rise(?:s)?) (?:up |down )?from\b[^.;]* to\b|\b(?:from (?:now on|here on)|starting (?:today|now|tomorrow)|effective (?:immediately|today)|with immediate effect|as of (?:today|now))\b|^\s*(?:from|as of) (?:today|tomorrow|this week)\b",
    )
});

/// The cue of a statement that changes a rule ("is now", "(was March 24)", "raised to"), if any.
#[must_use]
pub fn change_cue(sentence: &str) -> Option<String> {
    CHANGE.find(sentence).map(|m| m.as_str().to_lowercase())
}

static FROM_TO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bfrom\s+([^.;]*?)\s+to\s+([^.;,]*)"));
static NOW_WAS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bnow\s+([^()]*?)\s*\((?:was|previously|formerly)\s+([^)]*)\)"));
static INSTEAD_OF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b((?:\w+\s+){0,2}(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b[^.;]*?)\s+instead of\s+([^.;,]*)",
    )
});
/// A new value alone: "the cap goes up to five a day", "raised to 10 GB".
static TO_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:go(?:es)?|went|going|rais(?:e|es|ed)|lower(?:s|ed)?|increas(?:e|es|ed)|reduc(?:e|es|ed)|cut|drop(?:s|ped)?) (?:up |down )?to ([^.;,]*)",
    )
});
/// A number corrected: "two submissions a day, not three".
static NOT_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b((?:\w+\s+){0,2}(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b[^.;]*?),\s*not\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty)\b",
    )
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)\b",
    )
});

/// A limit and the number it sets: "up to five", "at most four (4)", "a limit
/// of three", "the maximum team size is four".
static LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:up to|at most|no more than|not more than|limited to|capped at|within|(?:can|may|could|get to) (?:now |still |only )?(?:make|submit|send|select|pick|choose|upload)|(?:maximum|max|limit|cap)(?: of| is| are|(?: [a-z]+){1,3} (?:is|are|of))?)\s+(?:a total of\s+)?(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)\b(?:\s*\(\d+\))?(?:\s+([a-z]+))?",
    )
});
/// A statement that there is no limit: "there's no limit on team size",
/// "there is no maximum team size", "no cap on training".
static NO_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:there(?:'s| is| are) no|no) (?:[a-z]+ )?(?:limit|maximum|max|cap|upper bound)s?\b|\b(?:don't|do not) worry about (?:the )?(?:[a-z]+ )?(?:counts?|limits?|length)\b",
    )
});

/// Whether `text` says there is no limit (see `NO_LIMIT`): "there's no page
/// cap", "don't worry about page counts".
#[must_use]
pub fn lifts_limit(text: &str) -> bool {
    NO_LIMIT.is_match(text)
}

/// A rate: "per day", "a week", "daily".
static PER_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:(?:per|a|an|each|every) (?:day|week|month|24 hours)|daily|weekly|monthly)\b")
});

/// Whether `text` counts per period ("five submissions per day"), as a rate
/// limit does and a total ("two final submissions") does not.
#[must_use]
pub fn per_period(text: &str) -> bool {
    PER_PERIOD.is_match(text)
}

/// A number before its limit: "a 12-hour run time limit", "the 5 GB cap".
static LIMIT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d+)[- ]([a-z]+)(?: [a-z]+){0,3} (?:limit|cap|maximum)\b"));

/// Words that make a number a bound: "max", "no more than", "can't go past",
/// "or over", "at least", "up to".
static BOUND: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:max|maximum|minimum|at most|at least|more than|fewer than|less than|up to|past|exceed|exceeds|cap|capped|ceiling|tops|limit|limited|or fewer|or less|or more|or over|or older|only)\b",
    )
});

/// Whether `text` words a number as a bound (see `BOUND`).
#[must_use]
pub fn states_bound(text: &str) -> bool {
    BOUND.is_match(text)
}

static EXCLUDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:excluding|not counting|without counting)\s+(?:the\s+|any\s+|your\s+)?([a-z][\w-]*)|\b([a-z][\w-]*)\s+(?:are\s+|is\s+)?(?:excluded|not (?:counted|included)|(?:don't|do not|doesn't|does not|won't|will not) count)\b",
    )
});
static INCLUDED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:including|counting)\s+(?:the\s+|any\s+|your\s+)?([a-z][\w-]*)|\b([a-z][\w-]*)\s+(?:are\s+|is\s+)?(?:included|counted|(?:also |still )?counts?(?: too| as well| towards?| against)?)\b",
    )
});

/// What `text` says is left out of or counted in a measure: ("references",
/// false) for "8 pages, excluding references", ("references", true) for
/// "references included". Words lower-cased, as written.
#[must_use]
pub fn inclusions(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut excluded_spans = Vec::new();
    for c in EXCLUDED.captures_iter(text) {
        let w = c.get(1).or_else(|| c.get(2)).expect("one group matches");
        excluded_spans.push(c.get(0).expect("whole match").range());
        out.push((w.as_str().to_lowercase(), false));
    }
    for c in INCLUDED.captures_iter(text) {
        let whole = c.get(0).expect("whole match").range();
        // "not included" and "don't count" are exclusions.
        if excluded_spans
            .iter()
            .any(|r| r.start < whole.end && whole.start < r.end)
        {
            continue;
        }
        let w = c.get(1).or_else(|| c.get(2)).expect("one group matches");
        out.push((w.as_str().to_lowercase(), true));
    }
    out
}

/// The distinct numbers `text` sets as limits ("teams of up to five members" gives 5).
#[must_use]
pub fn limit_values(text: &str) -> Vec<u64> {
    let mut v: Vec<u64> = limits_with_units(text)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// The limits `text` sets, each with the word it counts, if any: (4,
/// "members") for "at most four (4) members", (12, "hour") for "a 12-hour
/// run time limit".
#[must_use]
pub fn limits_with_units(text: &str) -> Vec<(u64, Option<String>)> {
    let mut out = Vec::new();
    for c in LIMIT.captures_iter(text) {
        let unit = c.get(2).map(|u| u.as_str().to_lowercase());
        out.extend(numbers(&c[1]).into_iter().map(|n| (n, unit.clone())));
    }
    // "From 1 August the daily limit": a day of the month counts nothing.
    for c in LIMIT_BEFORE
        .captures_iter(text)
        .filter(|c| !states_date(&c[0]))
    {
        let unit = Some(c[2].to_lowercase());
        out.extend(numbers(&c[1]).into_iter().map(|n| (n, unit.clone())));
    }
    out
}

/// The numbers in `text`, words read as digits ("eight (8)" gives 8 twice).
#[must_use]
pub fn numbers(text: &str) -> Vec<u64> {
    let word = |w: &str| {
        let v = match w {
            "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            _ => return None,
        };
        Some(v)
    };
    NUMBER
        .find_iter(text)
        .filter_map(|m| {
            let t = m.as_str().to_lowercase();
            t.parse().ok().or_else(|| word(&t))
        })
        .collect()
}

/// A number counting time: "two more weeks", "48 hours", "fourteen (14) days".
static TIME_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)(?:\s*\(\d+\))?\)?[- ](?:(?:more|additional|extra|full|whole|calendar|working|business)\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
    )
});

/// The numbers of `text` that count time ("agents play on for two more weeks"
/// gives 2): they state no number of submissions or members.
#[must_use]
pub fn time_quantities(text: &str) -> Vec<u64> {
    TIME_QUANTITY
        .captures_iter(text)
        .flat_map(|c| numbers(&c[0]))
        .collect()
}

/// The old and new values a change announcement gives, as numbers: "from five
/// (5) to eight (8)" gives `([5, 5], [8, 8])`; "now March 31 (was March 24)" gives `([24], [31])`;
/// "two a day, not three" gives `([3], [2])`; "the cap goes up to five" gives `([], [5])`.
#[must_use]
pub fn changed_values(sentence: &str) -> Option<(Vec<u64>, Vec<u64>)> {
    values_of(sentence).filter(|(old, new)| !old.is_empty() || !new.is_empty())
}

fn values_of(sentence: &str) -> Option<(Vec<u64>, Vec<u64>)> {
    if let Some(c) = NOW_WAS.captures(sentence) {
        return Some((numbers(&c[2]), numbers(&c[1])));
    }
    if let Some(c) = INSTEAD_OF.captures(sentence) {
        return Some((numbers(&c[2]), numbers(&c[1])));
    }
    if let Some(c) = NOT_NUMBER.captures(sentence) {
        return Some((numbers(&c[2]), numbers(&c[1])));
    }
    // "From 1 August the limit drops to three": a date says when, not what was.
    if let Some(c) = FROM_TO
        .captures(sentence)
        .filter(|c| !states_date(&c[1]) || states_date(&c[2]))
    {
        return Some((numbers(&c[1]), numbers(&c[2])));
    }
    // A new date alone is left to the date checks.
    let c = TO_VALUE
        .captures(sentence)
        .filter(|c| !states_date(&c[1]))?;
    Some((Vec::new(), numbers(&c[1])))
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b\d{4}-\d{2}-\d{2}\b",
    )
});
static NAMED_DEADLINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b([a-z]+)\s+deadlines?\b"));

/// Whether `text` states a calendar date ("March 31", "1 October", "2024-06-18").
#[must_use]
pub fn states_date(text: &str) -> bool {
    DATE.is_match(text)
}

/// The calendar days `text` states, as (month, day): "May 12, 2025" and
/// "12 May" give `(5, 12)`, "2024-06-18" gives `(6, 18)`.
#[must_use]
pub fn dates(text: &str) -> Vec<(u8, u8)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut out: Vec<(u8, u8)> = DATE
        .find_iter(text)
        .filter_map(|m| {
            let t = m.as_str().to_lowercase();
            if let Some((_, rest)) = t.split_once('-') {
                let (month, day) = rest.split_once('-')?;
                return Some((month.parse().ok()?, day.parse().ok()?));
            }
            let month = MONTHS.iter().position(|name| t.contains(name))?;
            let day: String = t.chars().filter(char::is_ascii_digit).collect();
            Some((u8::try_from(month + 1).ok()?, day.parse().ok()?))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What `text` says before its first calendar date: what a date bounds
/// ("Submissions close on July 14" bounds submissions; "datasets not listed
/// by June 2 can't be used in final submissions" bounds the listing).
#[must_use]
pub fn before_date(text: &str) -> &str {
    DATE.find(text).map_or(text, |m| &text[..m.start()])
}

/// "deadline", "due", "closes", "until": a date that bounds something.
static DEADLINE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:deadlines?|due|clos(?:e|es|ed|ing)|cut-?off|until|till|no later than|ends?)\b")
});
/// "by", "before": a date that bounds what a rule asks or allows.
static BY_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:by|before)\b"));

/// Whether `text` bounds something by a date: "the final submission deadline
/// is May 22", "submissions close on July 14", or, in a rule (`normative`),
/// "upload it by 30 June"; not a date of an event ("results will be
/// announced on 31 August", "we met before 1 May").
#[must_use]
pub fn bounds_by_date(text: &str, normative: bool) -> bool {
    states_date(text) && (DEADLINE_WORD.is_match(text) || (normative && BY_DATE.is_match(text)))
}

/// The acts rules permit or require, each by its forms: what a permission
/// lets one do ("fine to use", "share it publicly").
const ACTS: [&str; 14] = [
    r"us(?:e|es|ed|ing)",
    r"shar(?:e|es|ed|ing)",
    r"post(?:s|ed|ing)?",
    r"publish(?:es|ed|ing)?",
    r"releas(?:e|es|ed|ing)",
    r"submi(?:ts?|tted|tting|ssions?)",
    r"train(?:s|ed|ing)?",
    r"(?:re)?distribut(?:e|es|ed|ing)",
    r"sell(?:s|ing)?|sold",
    r"merg(?:e|es|ed|ing)",
    r"label(?:s|led|ling|ed|ing)?",
    r"(?:deliver|upload|hand (?:in|over))(?:s|ed|ing)?",
    r"delet(?:e|es|ed|ing)",
    r"(?:declar|list)(?:e|es|ed|ing|s)?",
];

static ACT: LazyLock<RegexSet> = LazyLock::new(|| {
    // Not inside a compound: "pre-trained" names no training.
    RegexSet::new(ACTS.iter().map(|a| format!(r"(?i)(?:^|[^\w-])(?:{a})\b")))
        .expect("static regex set")
});

/// A condition, to the next comma: "as long as you post a link".
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:as long as|so long as|provided(?: that)?|only if|if|unless)\b[^,;.]*")
});

/// A condition a rule sets, to the next comma: "provided you credit BAS",
/// "following the template on the website"; its words after the cue.
static RULE_CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:as long as|so long as|provided(?: that)?|only if|if|unless|on condition that|subject to|following|before)\b([^,;.]*)",
    )
});

/// The conditions `text` sets, each as its cue, lower-case, and what it asks,
/// to the next comma (`("provided", "you credit BAS as the source of the
/// data")`); not what something is "provided by", nor the circumstance a
/// sentence opens with ("If you find a bug, report it").
#[must_use]
pub fn conditions(text: &str) -> Vec<(String, &str)> {
    RULE_CONDITION
        .captures_iter(text)
        .filter_map(|c| {
            let (cue, body) = (c.get(0)?, c.get(1)?);
            let before = text[..cue.start()].trim_end();
            let opens = before.is_empty() || before.ends_with(['.', '?', '!', ':']);
            let next = body.as_str().split_whitespace().next().unwrap_or("");
            let cue_word = cue.as_str().split_whitespace().next().unwrap_or("");
            let supplied = cue_word.eq_ignore_ascii_case("provided")
                && matches!(
                    next.to_ascii_lowercase().as_str(),
                    "by" | "to" | "for" | "in" | "with" | "on" | "under" | "at"
                );
            // "the following datasets" lists; "following the template" conditions.
            let list = cue_word.eq_ignore_ascii_case("following")
                && !matches!(next.to_ascii_lowercase().as_str(), "the" | "our" | "its");
            let cue = text[cue.start()..body.start()].trim().to_lowercase();
            (!opens && !supplied && !list).then_some((cue, body.as_str()))
        })
        .collect()
}

/// The acts `text` names outside its conditions, one bit per entry of
/// `ACTS`: "any dataset is OK as long as you post a link" names none.
#[must_use]
pub fn acts(text: &str) -> u16 {
    let text = CONDITION.replace_all(text, " ");
    ACT.matches(&text).iter().fold(0, |acc, i| acc | 1 << i)
}

/// The names of the deadlines `text` speaks of, by the word before
/// "deadline": "the Team Merger Deadline" gives "merger", "the final
/// submission deadline" gives "submission" (articles and qualifiers such as
/// "new" or "announced" left out).
#[must_use]
pub fn deadline_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = NAMED_DEADLINE
        .captures_iter(text)
        .map(|c| c[1].to_lowercase())
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the"
                    | "a"
                    | "this"
                    | "that"
                    | "new"
                    | "same"
                    | "our"
                    | "your"
                    | "its"
                    | "announced"
                    | "original"
                    | "current"
                    | "official"
                    | "published"
            )
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether `text` speaks of a deadline, named or not ("past the announced deadline").
#[must_use]
pub fn speaks_of_deadline(text: &str) -> bool {
    DEADLINE_NOUN.is_match(text)
}

static DEADLINE_NOUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:deadlines?|closing date|cut-?off)\b"));

/// Whether a word only tells a time: a month or a clock or zone word.
#[must_use]
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "am"
            | "pm"
            | "utc"
            | "gmt"
            | "cet"
            | "cest"
            | "est"
            | "pst"
            | "midnight"
    ) || word.chars().all(|c| c.is_ascii_digit())
}

/// Whether the sentence's obligation is a condition on a permission ("can
/// only go to people outside your team by posting it publicly"): it limits
/// how something may be done and does not require doing it.
#[must_use]
pub fn conditional_obligation(sentence: &str) -> bool {
    ONLY.is_match(sentence) && !OBLIGATION.is_match(sentence)
}

/// Whether a permission is stated outright ("is fine", "no other restrictions"),
/// not merely with "can" or "may".
#[must_use]
pub fn strong_permission(sentence: &str) -> bool {
    STRONG_PERMISSION.is_match(sentence)
}

/// Whether "can"/"may" is addressed to participants ("you can share it"),
/// not a third party's ability ("so they can retrain your model"): with an
/// outright permission (`strong_permission`), a permission granted to them.
#[must_use]
pub fn addressed_permission(sentence: &str) -> bool {
    ADDRESSED_PERMISSION.is_match(sentence)
}

/// Whether a sentence permits anything of a kind to participants in so many
/// words ("you can use any declared dataset"): a blanket permission without
/// "fine" or "allowed".
#[must_use]
pub fn addressed_blanket(sentence: &str) -> bool {
    ADDRESSED_BLANKET.is_match(sentence)
}

/// The exhaustive-framing cue of a blanket statement, if any.
#[must_use]
pub fn exhaustive_cue(sentence: &str) -> Option<String> {
    EXHAUSTIVE.find(sentence).map(|m| m.as_str().to_lowercase())
}

/// Whether a statement of modality `said` reverses a clause of modality `clause`
/// (exempts or permits what it requires or forbids, or forbids what it permits).
#[must_use]
pub fn reverses(clause: Modality, said: Modality) -> bool {
    use Modality::{Exemption, Obligation, Permission, Prohibition};
    matches!(
        (clause, said),
        (Obligation, Exemption)
            | (Prohibition, Permission)
            | (Permission | Exemption, Prohibition)
            | (Exemption, Obligation)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn conditions_are_what_a_rule_asks_beyond_its_subject() {
        use super::conditions;
        assert_eq!(
            conditions("Yes, for research, provided you credit BAS as the source, and only then."),
            vec![("provided".to_owned(), " you credit BAS as the source")]
        );
        assert_eq!(
            conditions("Declare it in the thread before the test phase opens."),
            vec![("before".to_owned(), " the test phase opens")]
        );
        // What is supplied, a list, and the circumstance a rule opens with are no conditions.
        assert!(conditions("Use the template provided by the Organiser.").is_empty());
        assert!(conditions("You may use the following datasets: A, B.").is_empty());
        assert!(conditions("If you find a bug, you must report it.").is_empty());
    }

    #[test]
    fn negated_prohibitions_permit_and_ineligibility_forbids() {
        use super::{Modality, forum_modality};
        assert_eq!(
            forum_modality("It is not forbidden to use the held-out sensors' data.").0,
            Modality::Permission
        );
        assert_eq!(
            forum_modality(
                "You're welcome to join, but as an intern you won't be eligible for prizes."
            )
            .0,
            Modality::Prohibition
        );
    }

    #[test]
    fn bans_in_other_words_forbid_and_short_limits_permit() {
        use super::{Modality, forum_modality};
        assert_eq!(
            forum_modality("No. The scoring box is offline and nothing you ship can phone home.").0,
            Modality::Prohibition
        );
        assert_ne!(
            forum_modality("Sorry, nothing we can do about the download speed.").0,
            Modality::Prohibition
        );
        assert_eq!(
            forum_modality("The only catch is that none of you can collect prize money.").0,
            Modality::Prohibition
        );
        // A long subject still bans; a new clause after it ("but you can") does not.
        assert_eq!(
            forum_modality("But nobody from HCMA or GeoScan, or anyone who helped put the scans together, can take home a prize.").0,
            Modality::Prohibition
        );
        assert_eq!(
            forum_modality("Nobody asked about it before, but you can use it.").0,
            Modality::Permission
        );
        assert_eq!(forum_modality("Up to four of you.").0, Modality::Permission);
        for ban in [
            "Sorry, but we have to ask you to keep latitude and longitude out of your models.",
            "Anything flown over the districts after the floods is off limits for this challenge.",
            "We talked it through and we're not going to allow it.",
        ] {
            assert_eq!(forum_modality(ban).0, Modality::Prohibition, "{ban}");
        }
        assert_eq!(
            forum_modality("Draft models for speculative decoding don't count towards the cap.").0,
            Modality::Exemption
        );
        assert_eq!(forum_modality("It's up to you.").0, Modality::Informational);
        assert_eq!(
            forum_modality("Crop, district and capture month are still fine.").0,
            Modality::Permission
        );
    }

    #[test]
    fn instructions_oblige_and_descriptions_do_not() {
        use super::{Modality, forum_modality};
        for instruction in [
            "For each outside dataset or checkpoint, say where you downloaded it from.",
            "Before a photo goes into a public notebook, blur anyone who could be recognised.",
            "Please list every pretrained model in the thread.",
            "Just pick one submission before the deadline.",
        ] {
            assert_eq!(
                forum_modality(instruction).0,
                Modality::Obligation,
                "{instruction}"
            );
        }
        for statement in [
            "List prices come from the co-op's web shop.",
            "Note that the leaderboard uses 30% of the test set.",
            "Post-processing is where most teams gained.",
            "Use whatever you like.",
        ] {
            assert_ne!(
                forum_modality(statement).0,
                Modality::Obligation,
                "{statement}"
            );
        }
    }

    #[test]
    fn a_condition_on_a_permission_does_not_set_its_force() {
        use super::{Modality, forum_modality};
        assert_eq!(
            forum_modality(
                "Sharing a script with a friend on another team is fine, as long as you don't pass around models."
            )
            .0,
            Modality::Permission
        );
        assert_eq!(
            forum_modality("You can't share it unless you post it publicly.").0,
            Modality::Prohibition
        );
    }

    #[test]
    fn time_quantities_are_numbers_counting_time() {
        use super::time_quantities;
        assert_eq!(
            time_quantities("Agents play on for roughly two more weeks."),
            vec![2]
        );
        assert_eq!(
            time_quantities("Sign within fourteen (14) days, or 48-hour notice."),
            vec![14, 14, 48]
        );
        assert!(time_quantities("You may select up to two (2) Final Submissions.").is_empty());
    }

    #[test]
    fn inclusions_read_what_a_measure_counts() {
        use super::inclusions;
        assert_eq!(
            inclusions("The paper must not exceed 8 pages, excluding references."),
            vec![("references".to_owned(), false)]
        );
        assert_eq!(
            inclusions("8 pages in total, references included."),
            vec![("references".to_owned(), true)]
        );
        assert_eq!(
            inclusions("Max 8 pages, references don't count."),
            vec![("references".to_owned(), false)]
        );
        assert_eq!(
            inclusions("Submissions that fail count towards this limit."),
            vec![("fail".to_owned(), true)]
        );
        assert!(inclusions("Any dataset is fine.").is_empty());
    }

    #[test]
    fn limits() {
        use super::limit_values;
        assert_eq!(limit_values("Teams of up to five members are fine."), [5]);
        assert_eq!(limit_values("The maximum team size is four (4)."), [4]);
        assert!(per_period("three a day per team"));
        assert!(per_period("The daily limit is five."));
        assert!(!per_period("You may select two (2) Final Submissions."));
        assert!(limit_values("From 1 August the daily limit drops to three.").is_empty());
        // What a participant may do, counted, is a limit.
        assert_eq!(
            limit_values("Every team can make five submissions per day."),
            [5]
        );
        assert_eq!(
            limit_values("The team size limit of four applies to everyone."),
            [4]
        );
        assert_eq!(
            limit_values("You may submit a maximum of three (3) per day."),
            [3]
        );
        assert!(limit_values("Ask one of your teammates to leave.").is_empty());
        assert!(limit_values("We had five members last year.").is_empty());
    }

    #[test]
    fn change_values() {
        use super::changed_values;
        assert_eq!(
            changed_values(
                "we have raised the daily limit from five (5) to eight (8) Submissions per day"
            ),
            Some((vec![5, 5], vec![8, 8]))
        );
        assert_eq!(
            changed_values("Entry Deadline: now March 31, 2020 (was March 24)."),
            Some((vec![24], vec![31, 2020]))
        );
        assert_eq!(
            changed_values("the inference limit is now 12 hours instead of 8."),
            Some((vec![8], vec![12]))
        );
        assert_eq!(
            changed_values(
                "Starting 14 April, each team can submit three agents per day instead of five."
            ),
            Some((vec![5], vec![14, 3]))
        );
        assert!(change_cue("Update: the per-case limit goes from 10 to 15 minutes.").is_some());
        assert_eq!(
            changed_values("Update: the per-case limit goes from 10 to 15 minutes."),
            Some((vec![10], vec![15]))
        );
        // A period is not a change.
        assert!(change_cue("Stage 1 runs from 1 March to 30 June.").is_none());
        assert_eq!(changed_values("No change here."), None);
        assert_eq!(
            changed_values("From today: synthetic data no longer has to be posted."),
            None
        );
        // A corrected number, and a new value alone.
        assert_eq!(
            changed_values("From today each team can make two submissions a day, not three."),
            Some((vec![3], vec![2]))
        );
        assert_eq!(
            changed_values("Starting today the cap goes up to five a day for everyone."),
            Some((vec![], vec![5]))
        );
        // "From now on" announces a change; "from today's email" dates a span.
        assert!(change_cue("Please do not use phone_model as an input from now on.").is_some());
        assert!(change_cue("You get three weeks from today's email, not two.").is_none());
        assert!(change_cue("It's 3 a day per team, not 5.").is_none());
        // Words with hyphens between the verb and its values; a bare new value.
        let raised = "We're raising the notebook run-time limit from 9 to 12 hours.";
        assert!(change_cue(raised).is_some());
        assert_eq!(changed_values(raised), Some((vec![9], vec![12])));
        // A date after "from" says when the change takes effect, not the old value.
        let dropped = "From 1 August the daily limit drops to three per team.";
        assert!(change_cue(dropped).is_some());
        assert_eq!(changed_values(dropped), Some((vec![], vec![3])));
    }

    use super::*;

    #[test]
    fn blanket_permissions_addressed_to_participants() {
        assert!(addressed_blanket("You can use any declared dataset."));
        assert!(addressed_blanket("Teams may submit anything they like."));
        // A relative clause is not the permission: "any imagery you can get can be used".
        assert!(!addressed_blanket(
            "Any imagery you can get hold of can be used."
        ));
        assert!(!addressed_blanket("You can use the public dataset."));
    }

    #[test]
    fn forum_readings() {
        assert!(lifts_limit(
            "On length: there's no page cap, write as much as is useful."
        ));
        assert!(lifts_limit("Don't worry about page counts."));
        assert!(!lifts_limit("Don't worry about the slow download."));
        // Leaving something out of a model forbids it as an input.
        for s in [
            "Please leave camp_region out of your models.",
            "Leave both out of the model's inputs.",
            "Please don't feed the start time into your models.",
            "Please don't.",
            "Please don't, actually.",
        ] {
            assert_eq!(forum_modality(s).0, Modality::Prohibition, "{s}");
        }
        assert_eq!(
            forum_modality("Any collection anybody can download for free is fair game, and you don't need to ask us first.").0,
            Modality::Permission
        );
        assert_eq!(
            forum_modality("You don't need to ask us before using it.").0,
            Modality::Exemption
        );
        assert_eq!(
            forum_modality("Any dataset is fine, even if you have to accept their terms first.").0,
            Modality::Permission
        );
        // What officials say they need from participants is asked of them.
        assert_eq!(
            forum_modality("What we still need from winners is the code and the report.").0,
            Modality::Obligation
        );
        assert_eq!(
            forum_modality("We'll need a write-up of your method from each team.").0,
            Modality::Obligation
        );
        assert_eq!(
            forum_modality("You don't need to post pretrained weights.").0,
            Modality::Exemption
        );
        assert_eq!(
            forum_modality("Any dataset is fine as long as it is posted here.").0,
            Modality::Permission
        );
        assert_eq!(
            forum_modality("Can we use ImageNet weights?").0,
            Modality::Informational
        );
        assert_eq!(
            forum_modality("You must not share code privately.").0,
            Modality::Prohibition
        );
        assert_eq!(
            forum_modality("Please post the link in this thread.").0,
            Modality::Obligation
        );
        assert_eq!(
            forum_modality("The server may not be up until Monday.").0,
            Modality::Informational
        );
        assert_eq!(
            forum_modality("Submissions close May 5.").0,
            Modality::Informational
        );
        assert_eq!(
            exhaustive_cue("Any dataset is fine as long as it is posted here.").as_deref(),
            Some("any")
        );
        assert!(reverses(Modality::Obligation, Modality::Exemption));
        assert!(!reverses(Modality::Obligation, Modality::Obligation));
    }

    #[test]
    fn forum_hedges_and_ellipses() {
        assert_eq!(
            forum_modality("Labelling test rows by hand isn't.").0,
            Modality::Prohibition
        );
        assert_eq!(
            forum_modality("We honestly don't mind lab-mates passing around cleanup scripts.").0,
            Modality::Permission
        );
        assert!(strong_permission(
            "Don't worry about posting it here: public is actually better."
        ));
        assert!(change_cue("The final deadline moves from 31 May to 14 June 2022.").is_some());
        assert!(
            change_cue("We're raising the limit for GPU notebooks from 9 to 12 hours.").is_some()
        );
        assert!(change_cue("The upload will stay open past the announced deadline.").is_some());
        // Base forms, a pause before the new value, and "goes up to".
        assert!(
            change_cue("We've decided to lower the cap: from 15 August each team gets three.")
                .is_some()
        );
        assert!(
            change_cue("We're moving the merge deadline back one week, to 8 September.").is_some()
        );
        assert!(change_cue("Starting today the cap goes up to five a day.").is_some());
    }

    #[test]
    fn whatever_you_like_permits() {
        let s = "For Phase 1, sure, use whatever historical weather you like.";
        assert_eq!(forum_modality(s).0, Modality::Permission);
        assert!(strong_permission(s));
        let s = "Yes, train wherever you like: Colab, AWS, your own cluster.";
        assert_eq!(forum_modality(s).0, Modality::Permission);
        assert!(strong_permission(s));
        assert_eq!(exhaustive_cue(s).as_deref(), Some("wherever"));
    }

    #[test]
    fn a_permission_of_whatever_meets_a_condition_is_a_blanket() {
        // "If it's public, you can use it" permits anything public.
        let s = "Short version: if it's out there for anyone to download without paying, you can use it.";
        assert_eq!(forum_modality(s).0, Modality::Permission);
        assert!(addressed_blanket(s));
        assert!(exhaustive_cue(s).is_some());
        // A yes on a condition of the speaker's is no blanket.
        assert!(!addressed_blanket(
            "If we see abuse, we can close the thread."
        ));
        let s = "No need to ask us first, and there are no other strings attached.";
        assert!(exhaustive_cue(s).is_some());
        // Adverbs keep an outright permission outright; a list closed by "all fine" permits.
        assert!(strong_permission("Going solo is completely fine."));
        assert_eq!(
            forum_modality("Resize, crop, flip, all fine.").0,
            Modality::Permission
        );
    }

    #[test]
    fn no_longer_required_exempts() {
        assert_eq!(
            forum_modality("Synthetic data no longer has to be posted in this thread.").0,
            Modality::Exemption
        );
    }

    #[test]
    fn dates_and_named_deadlines() {
        assert!(states_date("by the Team Merger Deadline of May 12, 2025"));
        assert!(states_date("until 1 October 2024"));
        assert!(!states_date("within fourteen (14) days of notification"));
        assert!(states_date("moves to 22 May 2022") && !states_date("at most 2 may be selected"));
        assert_eq!(
            deadline_names("The Team Merger Deadline and the final submission deadline."),
            ["merger", "submission"]
        );
        assert!(deadline_names("the new deadline").is_empty());
        assert_eq!(acts("You may use it and share it."), 0b11);
        assert_eq!(
            acts("Any pre-trained model is OK as long as you post a link."),
            0
        );
        assert_eq!(
            dates("by May 12, 2025 or 1 June, not 2024-06-18"),
            [(5, 12), (6, 1), (6, 18)]
        );
        assert!(bounds_by_date(
            "Submissions now close on July 14, 2026.",
            false
        ));
        assert!(bounds_by_date("Upload it by 30 June.", true));
        assert!(!bounds_by_date("We met before 1 May.", false));
        assert!(!bounds_by_date(
            "Stage 2 results will be announced on 31 August 2023.",
            true
        ));
        assert!(is_time_word("utc") && is_time_word("31") && !is_time_word("team"));
    }
}
