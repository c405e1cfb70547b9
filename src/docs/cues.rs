//! The deontic cue lists of ANALYSIS.md §4, as data: one ordered list per class
//! (prohibition, exemption, obligation, permission), each cue a pattern over
//! lower-cased text with an optional guard the classifier checks in context.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Modality;

/// A check the classifier runs on a cue's context before accepting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Always accept.
    None,
    /// `may` / `can`: deontic only with a person as subject or in a passive (`may be used`).
    Modal,
    /// `should`: not the forum hedge `should be fine`.
    Should,
    /// `you need …`: not `you need not`.
    NeedNot,
    /// `please …`: not a request for information (`please clarify`).
    Please,
    /// `shall`: not a grant (`shall be entitled to`, `shall be permitted to`).
    Shall,
    /// A heading-like fragment: no verb of its own (`No external data.`).
    Fragment,
    /// `nothing … can`: not the speaker's own inability (`nothing we can do`).
    Nothing,
}

/// Which texts a cue applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Any,
    RulesOnly,
}

/// One cue.
pub(crate) struct Cue {
    pub(crate) re: Regex,
    pub(crate) guard: Guard,
    pub(crate) scope: Scope,
}

fn cue(pattern: &str, guard: Guard, scope: Scope) -> Cue {
    Cue {
        re: Regex::new(pattern).unwrap_or_else(|e| panic!("cue pattern {pattern}: {e}")),
        guard,
        scope,
    }
}

fn any(patterns: &[&str]) -> Vec<Cue> {
    patterns
        .iter()
        .map(|p| cue(p, Guard::None, Scope::Any))
        .collect()
}

/// The classes in the order they are tested (first match wins).
pub(crate) static CLASSES: LazyLock<Vec<(Modality, Vec<Cue>)>> = LazyLock::new(|| {
    vec![
        (Modality::Prohibition, prohibition()),
        (Modality::Exemption, exemption()),
        (Modality::Obligation, obligation()),
        (Modality::Permission, permission()),
    ]
});

fn prohibition() -> Vec<Cue> {
    let mut v = any(&[
        r"\b(must|shall|should) (not|never)\b",
        r"\b(mustn't|shan't|shouldn't)\b",
        r"\b(not|never) (be )?(permitted|allowed|authori[sz]ed|permissible)\b",
        r"\b(isn't|aren't|wasn't|weren't) (permitted|allowed|possible|acceptable|eligible)\b",
        r"\bnot (possible|acceptable|eligible)\b",
        r"\b(ineligible|impermissible|prohibited|forbidden|banned)\b",
        r"\bno longer (permitted|allowed|accepted)\b",
        r"(^|[,;] |\band |\bor )no [a-z'-]+( [a-z'-]+){0,3} (may|can|shall)\b",
        r"\bunder no circumstances\b",
        r"\bin no (event|case)\b",
        r"\b(disqualified|grounds for disqualification)\b",
        r"\bvoid\b",
        r"\bagainst the rules\b",
        r"\b(agree|agrees|undertake|undertakes) not to\b",
        r"\bwill not be (accepted|considered|scored|counted|eligible)\b",
        r"\b(is|are) not (scored|accepted|considered|counted|ranked)\b",
        r"^(please )?(do not|don't|never)\b",
        // A request joined to an instruction: "use the form, and please do not post …".
        r"\bplease (do not|don't|never)\b",
        r"^the maximum [a-z ]+ (is|are)\b",
        r"\b(do|does) not (count as|qualify)\b",
        r"^no [a-z'-]+( [a-z'-]+){0,10} (will|shall) be (granted|given|provided|accepted|allowed|awarded)\b",
        // "After that date, no merger will be accepted."
        r"\b(date|deadline|time|then|thereafter),? no [a-z'-]+( [a-z'-]+){0,3} (will|shall) be (granted|given|provided|accepted|allowed|awarded)\b",
        // Penalties and breaches name what they forbid: "sharing code privately
        // will result in disqualification", "is a violation of these rules".
        r"\b(results? in|lead to|leads to|grounds for) (the )?(immediate )?(disqualification|removal|exclusion|a ban)\b",
        r"\b(be|is|are) (removed|excluded|banned) from (the )?(final |private |public )?(leaderboard|competition|challenge|ranking|prizes?|prize pool|evaluation)\b",
        r"\b(is|are|constitutes?) an? (breach|violation) of\b",
        r"\b(disallowed|off-limits|expressly excluded|not tolerated)\b",
        r"\brefrain from\b",
        r"\b(loses?|forfeits?) (the|their|its|your|any) (right|prize|eligibility)\b",
        r"\b(cannot|can't|may not) (receive|win|claim|be awarded)\b",
    ]);
    // A negative subject: "nothing you ship can phone home", "nobody may enter twice".
    v.push(cue(
        r"(^|[,;] |\band |\bor )(nothing|nobody|no one|no-one)( [a-z'-]+){0,4} (may|can|shall|could)\b",
        Guard::Nothing,
        Scope::Any,
    ));
    v.push(cue(r"\bmay not\b", Guard::Modal, Scope::Any));
    v.push(cue(r"\b(cannot|can't|can not)\b", Guard::Modal, Scope::Any));
    v.push(cue(
        r"\byou (will not|won't)\b",
        Guard::None,
        Scope::RulesOnly,
    ));
    // A party's "will not" in an agreement: "The Recipient will not link the Data …".
    v.push(cue(
        r"\b(participants?|teams?|entrants?|the recipient|recipients?|the licensee|licensees?|users?) (will not|won't)\b",
        Guard::None,
        Scope::RulesOnly,
    ));
    // A heading-like ban: "No hand labelling.", "No external data."
    v.push(cue(
        r"^no [a-z'-]+( [a-z'-]+){0,8}\.?$",
        Guard::Fragment,
        Scope::RulesOnly,
    ));
    v
}

fn exemption() -> Vec<Cue> {
    any(&[
        r"\b(need not|needn't)\b",
        r"\b(do|does|did|will) not (need|have) to\b",
        r"\b(don't|doesn't|didn't|won't) (need|have) to\b",
        r"\b(is|are|be|was|were) not (required|obligated|obliged|necessary|mandatory|compulsory|needed)\b",
        r"\b(isn't|aren't) (required|obligated|obliged|necessary|mandatory|needed)\b",
        r"\bnot (required|obligated|obliged|mandatory|compulsory)\b",
        r"\b(no|not under any) (obligation|requirement)\b",
        r"\boptional\b",
        r"\bno need\b",
        r"\bno (limit|cap|restriction|restrictions|maximum) (on|to|for)\b",
        r"\bexempt(ed)? from\b",
        r"\b(does|do) not count (towards|toward|against) (the|your|a) ([a-z]+ ){0,2}(limit|quota|allowance|cap|maximum)\b",
        r"\b(is|are) voluntary\b",
        r"\bnot a (prerequisite|requirement|condition)\b",
        r"\bleft to the discretion of\b",
        r"\b(is|are) not expected to\b",
    ])
}

fn obligation() -> Vec<Cue> {
    let mut v = vec![cue(r"\bshall\b", Guard::Shall, Scope::Any)];
    v.extend(any(&[
        r"\bmust\b",
        r"\brequired to\b",
        r"\b(will be|is|are) required\b",
        r"\b(has|have|had) to\b",
        r"\bneeds? to\b",
        r"\bagrees? to\b",
        r"\bresponsible for\b",
        r"\bundertakes? to\b",
        r"\bcommits? to\b",
        r"\bindemnify\b",
        r"\bgoverned by the laws? of\b",
        r"\bdecisions?\b[^.;]{0,60}\b(is|are|will be|shall be) final\b",
        r"\b(are|is|will be) paid\b[^.;]{0,60}\bwithin\b",
        r"\bconditional (on|upon)\b",
        r"\b(is|are) to be (deposited|submitted|provided|delivered|uploaded|included|made|sent|returned|signed|released|published|deleted|destroyed)\b",
        r"\b(participants|teams|entrants|winners|finalists) are to\b",
        r"\b(limit|cap|maximum|minimum)\s*:\s*\S",
        r"\b(is|are) the (sole |own )?responsibility of\b",
        r"\bas a condition (of|to|for)\b",
        r"\bexpected to\b",
        r"\b(obliged|obligated) to\b",
        r"\b(make sure|be sure to|remember to)\b",
        r"\b(mandatory|compulsory)\b",
        r"\bconditioned (on|upon)\b",
        r"\bhereby (grant|grants|agree|agrees|assign|assigns)\b",
        r"\b(is|are) subject to\b",
        r"\b(is|are|shall be|will be) deemed\b",
        r"\bdeadline (is|:)",
        // A cut-off stated as a closing: "the submission window closes on June 30".
        r"\b(submissions?|entr(y|ies)|registrations?|window|declarations?|mergers?|uploads?) (now |will |officially )?(closes?|close) (on|at|by)\b",
        r"\b(is|are) due (on|by|before)\b",
        r"\b(limited|restricted|capped) (to|at)\b",
        r"\b(time|run ?time|size|memory|submission|page|word) limit (is|of)\b",
        r"\brequires?\b",
        r"\b(is|are) a (condition|prerequisite|requirement) (of|for)\b",
        r"\b(winners|participants|teams|entrants|each team|each participant|each winner) will (be required|need|have to|submit|provide|deliver|release|license|publish|present|attend|sign|receive)\b",
        r"\b(paid|awarded|granted|released)\b[^.;]{0,40}\bonly (after|once|when|if)\b",
        r"^(report|post|submit|include|provide|list|attach|declare|ensure|send|contact|register|delete|cite|disclose|upload|select|sign|follow|keep|document|describe|acknowledge|credit|explain|state|retain|destroy|notify|inform|obtain|comply) (the|your|a|an|all|any|every|it|them|this|each|its|their|to|in|on|us)\b",
        // Penalties state the rule they enforce: "any step over the limit ends the episode as a loss".
        r"\b(ends?|counts?|treated|scored|recorded)\b[^.;]{0,30}\bas an? (loss|forfeit|failure|failed submission)\b",
        r"\b(receives?|gets?|given|scores?) (an? )?([a-z0-9-]+ )?score of (zero|0)\b",
        // What uses up a quota is a rule: "failed runs still count towards the daily limit".
        r"\bcounts? (towards|toward|against) (the|your|a) ([a-z]+ ){0,2}(limit|quota|allowance|cap|maximum)\b",
        // A last day is a deadline: "the last day for merging teams is 8 September".
        r"\blast day (for|to) [a-z ]{1,40}? (is|was)\b",
        // A forfeit states the condition it enforces: "the prize passes to the next eligible team".
        r"\b(prizes?|awards?) (passes|pass|goes|go|will pass|will go|is passed|are passed|will be passed|is awarded|will be awarded) to the next\b",
        // What a ranking counts: "computed only from returns realised during that period".
        r"\b(computed|calculated|determined|based) only (from|on)\b",
        // Tie-breaks decide a ranking: "the earlier submission is ranked higher".
        r"\b(is|are|will be) (ranked|placed) (higher|first|above|ahead)\b",
        r"\bties? (is|are|will be|shall be) (broken|resolved|decided|settled)\b",
    ]));
    v.push(cue(r"\bshould\b", Guard::Should, Scope::Any));
    v.push(cue(
        r"\b(you|we|they|participants|winners|teams?|everyone) (will |would |also |still )?need\b",
        Guard::NeedNot,
        Scope::Any,
    ));
    v.push(cue(r"^please [a-z]+", Guard::Please, Scope::Any));
    v.push(cue(r"\byou will\b", Guard::None, Scope::RulesOnly));
    // The organiser's own commitments: "The Sponsor will announce the winners within …".
    v.push(cue(
        r"\b(the )?(sponsor|organi[sz]ers?|hosts?) will (announce|notify|contact|pay|publish|review|verify)\b",
        Guard::None,
        Scope::RulesOnly,
    ));
    v.push(cue(KEEPS_OBLIGATIONS, Guard::None, Scope::RulesOnly));
    v
}

/// A clause keeping other obligations in force: "does not limit your
/// obligations", "does not relieve you of any obligation under the DUA",
/// "leaves unaffected all of your other obligations". The analysis reads the
/// same wordings (`ClauseInfo::keeps_obligations`).
pub(crate) const KEEPS_OBLIGATIONS: &str = r"\b(?:does|do|shall|will) not (?:limit|affect|relieve|waive|reduce|replace|override)\b[^.;]*\b(?:obligations?|duties|requirements)\b|\bleaves? unaffected\b[^.;]*\bobligations?\b";

fn permission() -> Vec<Cue> {
    let mut v = any(&[
        r"\b(permitted|allowed|acceptable)\b",
        r"\b(is|are) (also )?(eligible|accepted)\b",
        r"\b(are|is) free to\b",
        r"\b(is|are) open to\b",
        r"\bfeel free\b",
        r"\b(it's|it is|that's|that is|this is|is|are|be) (totally |perfectly |completely |also )?(ok|okay|fine)\b",
        r"\b(you're|you are) welcome to\b",
        r"\bgo ahead\b",
        r"\b(don't|do not) see why not\b",
        r"\b(we|i) (honestly |really |certainly )?(don't|do not) mind\b",
        r"\bno problem (using|with|to use|if)\b",
        r"\bnothing prevents\b",
        r"\breserves? the right\b",
        r"\bat (its|their|our|the sponsor's|the organi[sz]er's) (sole |absolute )?discretion\b",
        // Use left to the participant, without the sponsor's liability.
        r"\bat (the participant's|participants'|the participants'|your|their) own risk\b",
        r"\bentitled to\b",
        r"\b(are|is) (hereby )?granted\b",
        r"\bgrants?\b[^.;]{0,90}\b(right|licen[cs]e|permission)\b",
        r"\b(retain|retains|have|has) the right to\b",
        r"\bauthori[sz]ed to\b",
        r"\bmay (take part|participate|enter|compete)\b",
        // A limit fragment: "Max 3 submissions per day.", "One submission per team per day."
        r"^max(imum)?\.? (\d|one|two|three|four|five)",
        r"^(one|two|three|four|five|\d+) [a-z]+( [a-z]+)? per (team|participant|person|entrant|account|user|day)\b",
        r"\b(only one|at most|no more than|not more than)\b",
        // A limit answered in a few words: "Up to four of you.", "It's up to 5 a day."
        r"(^|\b(is|are|it's|that's) )up to (\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
        r"\b(is|are) awarded to\b",
        // A rule opening on "only" restricts what counts: "Only the last submission is ranked."
        r"^only (the|a|an|one|two|three|your|each|teams?|participants?|submissions?|[a-z]+'s)\b",
    ]);
    v.push(cue(r"\bmay\b", Guard::Modal, Scope::Any));
    v.push(cue(r"\bcan\b", Guard::Modal, Scope::Any));
    v
}

/// Words that open a condition (ANALYSIS.md §4).
pub(crate) const CONDITION_WORDS: &[&str] = &[
    "provided that",
    "provided",
    "as long as",
    "so long as",
    "only if",
    "if",
    "unless",
    "until",
    "subject to",
    "upon",
    "conditioned on",
    "conditioned upon",
    "when",
    "where",
    "on condition that",
];

/// Words that open an exception.
pub(crate) const EXCEPTION_WORDS: &[&str] = &[
    "except",
    "other than",
    "excluding",
    "save that",
    "notwithstanding",
    "however",
    "but",
    "does not limit your other obligations",
];

/// Subjects that make `may`/`can` deontic: people and organisations that act.
pub(crate) const PERSONS: &[&str] = &[
    "you",
    "we",
    "i",
    "they",
    "he",
    "she",
    "participant",
    "participants",
    "team",
    "teams",
    "teammate",
    "teammates",
    "member",
    "members",
    "entrant",
    "entrants",
    "competitor",
    "competitors",
    "winner",
    "winners",
    "individual",
    "individuals",
    "resident",
    "residents",
    "employee",
    "employees",
    "person",
    "persons",
    "people",
    "anyone",
    "everyone",
    "someone",
    "nobody",
    "one",
    "user",
    "users",
    "sponsor",
    "sponsors",
    "host",
    "hosts",
    "organiser",
    "organisers",
    "organizer",
    "organizers",
    "kaggle",
    "licensee",
    "licensees",
    "licensor",
    "partner",
    "provider",
    "recipient",
    "recipients",
    "party",
    "parties",
    "institution",
    "institutions",
    "applicant",
    "applicants",
    "researchers",
    "authors",
    "contestant",
    "contestants",
    "student",
    "students",
    "who",
    "families",
    "family",
    "leader",
    "organiser's",
    "intern",
    "interns",
    "contractor",
    "contractors",
    "staff",
    "affiliates",
];

/// Powers an organiser reserves, deontic whatever names the organiser ("CMTA
/// may disqualify any participant …").
pub(crate) const POWERS: &[&str] = &[
    "disqualify",
    "suspend",
    "terminate",
    "withhold",
    "revoke",
    "cancel",
    "audit",
    "amend",
];

/// Passives that speak of judgement, not permission ("may be considered unreasonable").
pub(crate) const EPISTEMIC_PASSIVES: &[&str] = &[
    "considered",
    "deemed",
    "regarded",
    "viewed",
    "seen",
    "affected",
    "delayed",
    "subject",
];

/// Past participles that are not `-ed` forms, for `may be shared` / `can be run`.
pub(crate) const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made",
    "done",
    "given",
    "taken",
    "held",
    "kept",
    "sold",
    "paid",
    "run",
    "built",
    "found",
    "shown",
    "seen",
    "known",
    "sent",
    "spent",
    "set",
    "put",
    "cut",
    "read",
    "written",
    "chosen",
    "drawn",
    "brought",
    "bought",
    "won",
    "met",
    "split",
    "shared",
    "sought",
    "told",
    "upheld",
    "withdrawn",
];
