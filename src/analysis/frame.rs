//! What the analysis computes once per clause and once per post before
//! judging: concept groups (topic anchors vs specific requirements, ANALYSIS.md
//! §3), specific words (cross-references left out), per sentence the deontic
//! reading of a post, and a post's context: the thread title, the words it
//! quotes and the participant question it answers (ANALYSIS.md §8).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::concepts::{ConceptMatcher, GroupHits, GroupSet};
use super::modality::{
    acts, addressed_blanket, addressed_permission, before_date, bounds_by_date, change_cue,
    changed_values, conditional_obligation, conditions, dates, deadline_names, exhaustive_cue,
    forum_modality, inclusions, is_time_word, lifts_limit, limit_values, limits_with_units,
    numbers, per_period, states_date, strong_permission, time_quantities,
};
use super::text::{Stemmer, WordSet, acronyms, sentences, tokens};
use crate::model::{Clause, Modality, Post};

/// A clause, prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct ClauseInfo<'a> {
    /// The clause.
    pub(crate) clause: &'a Clause,
    /// Topics (the clause's own plus those its concepts identify).
    pub(crate) topics: Vec<String>,
    /// Groups that place the clause in its topic.
    pub(crate) anchors: BTreeSet<String>,
    /// Groups its own text names (anchors included): all must be addressed to cover it.
    pub(crate) requirements: BTreeSet<String>,
    /// Every group found in its text, with the term.
    pub(crate) groups: GroupHits,
    /// `anchors` as a set.
    pub(crate) anchor_set: GroupSet,
    /// `requirements` as a set.
    pub(crate) requirement_set: GroupSet,
    /// The requirements the topic library calls decisive for its topics: a post
    /// that leaves one out does not cover the clause (anchors excluded: they are scope).
    pub(crate) decisive_set: GroupSet,
    /// Specific stemmed words: not in the heading, not boilerplate.
    pub(crate) words: WordSet,
    /// The specific words of its heading that its own text repeats ("external
    /// data" in a clause under "External Data"): beside one of its other
    /// words, or as the subject of a blanket permission, they place a
    /// statement in its topic.
    pub(crate) heading_words: WordSet,
    /// Those of its words that only tell a time: months, clock and zone words,
    /// the digits of a time of day or a year ("March", "11", "59", "PM", "UTC").
    /// Every deadline has them: they do not place a post in this clause's topic.
    pub(crate) time_words: WordSet,
    /// Those words as the clause writes them, for evidence and explanations.
    pub(crate) word_names: BTreeMap<u32, String>,
    /// The numbers its text states ("eight (8)" gives 8).
    pub(crate) numbers: Vec<u64>,
    /// The quantities and dates it sets, written in digits, without section
    /// numbers or names such as "Phase 2": a statement covering it gives one.
    pub(crate) quantities: Vec<u64>,
    /// The numbers it sets as limits ("at most four (4) members" gives 4).
    pub(crate) limits: Vec<u64>,
    /// The numbers it gives that count time ("within fourteen (14) days" gives 14).
    pub(crate) time_numbers: Vec<u64>,
    /// The words its limits count ("members"), stemmed.
    pub(crate) limit_units: WordSet,
    /// The units its limits count, as written, singular ("day").
    pub(crate) unit_names: Vec<String>,
    /// Whether its text states a calendar date.
    pub(crate) states_date: bool,
    /// The deadlines it names (see `deadline_names`).
    pub(crate) deadlines: Vec<String>,
    /// The calendar days it states, as (month, day), when it bounds something
    /// by them ("by May 15"); else none.
    pub(crate) dates: Vec<(u8, u8)>,
    /// A permission worded as a limit or a condition (see `limiting`).
    pub(crate) limited: bool,
    /// Whether it counts per period ("per day"; see `per_period`).
    pub(crate) per_period: bool,
    /// Whether it confines what it rules on: "only on systems under the control of …".
    pub(crate) confined: bool,
    /// Whether it keeps other obligations in force ("does not limit your other
    /// obligations"): then no permission of its topic can be complete.
    pub(crate) keeps_obligations: bool,
    /// What it leaves out of or counts in a measure (see `inclusions`), by word id.
    pub(crate) inclusions: Vec<(u32, bool)>,
    /// Its normative parts (sentences, and halves split at ";" or ", but"),
    /// each with its reading and words: "may be used …; … may not be used"
    /// permits one thing and forbids another.
    pub(crate) parts: Vec<(Modality, WordSet)>,
    /// The acts it names (see `acts`).
    pub(crate) acts: u16,
    /// Its specific words no other clause uses ("LNCS", "internet"), beyond
    /// numbers and time words: one of them goes far to name its topic.
    pub(crate) rare_words: WordSet,
    /// The names it uses: its rare words written capitalised inside a
    /// sentence ("MIT", "ERA5"), not the defined terms many rules use
    /// ("Team"). A statement naming none of them may be about another thing
    /// of the kind.
    pub(crate) names: WordSet,
    /// The conditions it sets ("provided you credit BAS as the source").
    pub(crate) conditions: Vec<Condition>,
    /// The concepts only its heading names ("External Data and Tools" above
    /// a rule on AutoML tools): they place it, they are not its subject.
    pub(crate) heading_only: GroupSet,
    /// Its concepts that many of the documents' rules name ("code", "winners"):
    /// one of them alone does not make a statement touch its topic.
    pub(crate) common_concepts: GroupSet,
}

/// A condition a clause sets, by what it adds to the clause: a statement
/// naming none of its words or concepts, and using another cue, leaves it out.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    /// How it is introduced, lower-case ("provided", "before", "as long as").
    pub(crate) cue: String,
    /// Its specific words the rest of the clause does not use ("credit",
    /// "BAS", "source"), beyond numbers and time words.
    pub(crate) words: WordSet,
    /// Its concepts.
    pub(crate) groups: GroupSet,
}

/// A sentence of an official post, read.
#[derive(Debug, Clone)]
pub(crate) struct SentenceInfo<'a> {
    /// The sentence as written.
    pub(crate) text: &'a str,
    /// The groups it mentions.
    pub(crate) gset: GroupSet,
    /// Its deontic reading.
    pub(crate) modality: Modality,
    /// The exhaustive framing cue of an outright permission ("any dataset is fine"), if any.
    pub(crate) exhaustive: Option<String>,
    /// Whether a permission is stated outright ("is fine", "allowed"), not with a bare "can".
    pub(crate) strong: bool,
    /// Whether an obligation is only a condition on a permission ("can only … by posting it").
    pub(crate) conditional: bool,
    /// Whether a permission is granted to participants (outright, or "you can …").
    pub(crate) granted: bool,
    /// The old and new numbers a change announcement gives, if any.
    pub(crate) changed_values: Option<(Vec<u64>, Vec<u64>)>,
    /// A cue that the statement changes a rule ("is now", "(was …)", "moved to"), if any.
    pub(crate) change: Option<String>,
    /// Its stemmed words.
    pub(crate) words: WordSet,
    /// The numbers it gives (digits or words), times of day and years left out.
    pub(crate) numbers: Vec<u64>,
    /// The numbers it sets as limits ("teams of up to five" gives 5).
    pub(crate) limits: Vec<u64>,
    /// The numbers it gives that count time ("two more weeks" gives 2).
    pub(crate) time_numbers: Vec<u64>,
    /// The words its limits count ("members"), stemmed.
    pub(crate) limit_units: WordSet,
    /// The units its limits count, as written, singular ("hour", "month").
    pub(crate) unit_names: Vec<String>,
    /// Whether it says there is no limit ("there's no limit on team size").
    pub(crate) lifts_limit: bool,
    /// Whether it counts per period ("per day"; see `per_period`).
    pub(crate) per_period: bool,
    /// What it leaves out of or counts in a measure, by word id.
    pub(crate) inclusions: Vec<(u32, bool)>,
    /// Whether it states a calendar date.
    pub(crate) states_date: bool,
    /// The calendar days it states, as (month, day), when it bounds something
    /// by them ("the deadline is May 22"); else none.
    pub(crate) bounding_dates: Vec<(u8, u8)>,
    /// The acts it permits, when it is a permission (see `acts`); else none.
    pub(crate) acts: u16,
    /// The stemmed words before its first bounding date: what the date bounds.
    pub(crate) bounded_words: WordSet,
}

impl ClauseInfo<'_> {
    /// Leaves `common` out of its specific words, unless fewer than two
    /// would be left: they no longer place a post on its topic nor count
    /// towards covering it.
    pub(crate) fn forget(&mut self, common: &WordSet) {
        if common.is_empty() {
            return;
        }
        // A clause worded only in the forum's words ("Team mergers are not
        // permitted after the Team Merger Deadline" where every thread is
        // about mergers) keeps them: nothing else could place a post on it.
        let left = self.words.iter().filter(|w| !common.contains(*w)).count();
        if left < 2 {
            return;
        }
        self.words.retain(|w| !common.contains(*w));
        self.rare_words.retain(|w| !common.contains(*w));
        self.time_words.retain(|w| !common.contains(*w));
        self.word_names.retain(|w, _| !common.contains(*w));
        for cond in &mut self.conditions {
            cond.words.retain(|w| !common.contains(*w));
        }
        self.conditions
            .retain(|c| !c.words.is_empty() || !c.groups.is_empty());
    }
}

impl SentenceInfo<'_> {
    /// Whether it is a question.
    pub(crate) fn asks(&self) -> bool {
        self.text.trim_end().ends_with('?')
    }
}

/// A post, prepared for matching.
#[derive(Debug, Clone)]
pub(crate) struct PostInfo<'a> {
    /// The post.
    pub(crate) post: &'a Post,
    /// Its sentences.
    pub(crate) sentences: Vec<SentenceInfo<'a>>,
    /// The groups it mentions (terms are looked up only for cited evidence).
    pub(crate) gset: GroupSet,
    /// The groups of its context: the thread title and the post it answers.
    pub(crate) context: GroupSet,
    /// The stemmed words of that context.
    pub(crate) context_words: WordSet,
    /// The stemmed words of what it quotes or answers, without the thread title:
    /// what was asked, where the title only names the thread's subject.
    pub(crate) asked_words: WordSet,
    /// Whether it answers a post (a reply, or a later post in a thread someone opened).
    pub(crate) answers: bool,
    /// Whether the post it answers asks leave for an alternative ("can we use MIT instead?").
    pub(crate) asks_alternative: bool,
    /// The participant's post it answers, if any (shown beside a short answer).
    pub(crate) answering: Option<&'a Post>,
    /// Union of the sentences' words.
    pub(crate) words: WordSet,
}

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),?\s*\b(?:as (?:set out|described|defined|specified|provided|stated|detailed|explained) (?:in|by|under)|subject to|in accordance with|pursuant to|according to)\b",
    )
    .expect("static regex")
});
/// The wordings the documents' reader takes as keeping other obligations in
/// force, and the legal ones it reads otherwise.
static KEEPS_OBLIGATIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i){}|\bwithout prejudice to\b|\bremains? subject to (?:all|any|your) other\b",
        crate::docs::KEEPS_OBLIGATIONS
    ))
    .expect("static regex")
});
/// Section numbers ("Section 2.6", "2.5.b") are names, not quantities.
static SECTION_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sections?|items?|clauses?|paragraphs?)\s+\d+(?:\.\w+)*|\b\d+(?:\.\d+)*\.[a-z]\b|\b\d+\.\d+(?:\.\d+)*\b")
        .expect("static regex")
});
static NAMED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:phase|stage|round|track|task|level|tier|part|step|article|annex|appendix|version|v)\s*\d+\b")
        .expect("static regex")
});
/// The units the limits of `text` count, singular: "within two months" gives "month".
fn unit_names(text: &str) -> Vec<String> {
    limits_with_units(text)
        .into_iter()
        .filter_map(|(_, u)| u)
        .map(|u| u.strip_suffix('s').map(str::to_owned).unwrap_or(u))
        .collect()
}

/// A question asking leave for an alternative: "can we use MIT instead?",
/// "Apache 2.0, or can we use MIT?", "anything other than …", "under
/// GPL-3.0 instead?" (a version number's point ends no sentence).
static ASKS_ALTERNATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:can|may|could) (?:i|we|you|my team|our team|teams?|winners?)\b(?:[^?.]|\.\d)*\binstead\b|\bor (?:can|could|may) (?:i|we)\b|\b(?:rather|other) than\b(?:[^?.]|\.\d)*\?")
        .expect("static regex")
});
/// Where a clause's sentence turns to another rule: "; " or ", but ".
static PART_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r";\s+|,\s+but\s+").expect("static regex"));
/// A negation: "is not", "isn't", "never", "none".
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not|never|no|none|nothing|nobody)\b|n't\b").expect("static regex")
});

/// A list that ends as a blanket permission does ("Building footprints,
/// street photos, parcel layers, whatever helps your model."), right after
/// an outright permission ("If it's public and free, you're good to go."),
/// permits what it lists, as that permission does.
fn extend_blanket(sentences: &mut [SentenceInfo<'_>]) {
    for i in 1..sentences.len() {
        let (before, rest) = sentences.split_at_mut(i);
        let (prev, s) = (&before[i - 1], &mut rest[0]);
        if s.modality != Modality::Informational
            || prev.modality != Modality::Permission
            || !(prev.strong || prev.granted)
        {
            continue;
        }
        // "Anything bought is not" denies what the permission granted.
        if let Some(cue) = exhaustive_cue(s.text).filter(|_| !s.asks() && !NEGATED.is_match(s.text))
        {
            s.modality = Modality::Permission;
            s.strong = prev.strong;
            s.granted = true;
            s.exhaustive = Some(cue);
            s.acts = acts(s.text) | prev.acts;
        }
    }
}

/// A sanction for breaking the rule beside it ("Submissions made after it will
/// not be scored", "doing so will result in disqualification"): what follows
/// from the rule, not a rule of its own that a statement must name.
static SANCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:will|shall|may|can|would) (?:not be (?:scored|counted|evaluated|ranked)|(?:result|lead) in (?:\w+ )?(?:disqualification|removal)|be (?:disqualified|removed from the (?:competition|leaderboard)))\b|\bgrounds for (?:\w+ )?disqualification\b",
    )
    .expect("static regex")
});
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d+\b").expect("static regex"));
/// Times of day and years ("11:59 PM", "23:59 UTC", "2026"): every deadline
/// has them, so they tell one deadline from another no better than "UTC".
static TIME_OR_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?|\b(?:19|20)\d{2}\b")
        .expect("static regex")
});

/// `text` without times of day and years, for comparing the quantities and dates set.
fn without_times(text: &str) -> std::borrow::Cow<'_, str> {
    TIME_OR_YEAR.replace_all(text, " ")
}

/// The quantities and dates `text` sets in digits ("four (4)", "30 June"),
/// leaving out section numbers and names ("Section 2.6", "Phase 2").
fn quantities(text: &str) -> Vec<u64> {
    let text = SECTION_REFERENCE.replace_all(text, " ");
    let text = NAMED_NUMBER.replace_all(&text, " ");
    let text = without_times(&text);
    DIGITS
        .find_iter(&text)
        .filter_map(|m| m.as_str().parse().ok())
        .collect()
}

static DOCUMENT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sections?|agreement|requirements|rules|terms|licen[cs]e|policy|faq)\b")
        .expect("static regex")
});

/// `text` without its cross-references ("as set out in the Data License
/// Agreement", "subject to the eligibility rules in Section 2.1"): from the
/// cue to the end of its phrase, when the phrase names a document or section.
pub(crate) fn without_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for m in REFERENCE.find_iter(text) {
        if m.start() < rest {
            continue;
        }
        let tail = &text[m.end()..];
        let len = tail
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, ',' | ';')
                    || (c == '.' && tail[i + 1..].chars().next().is_none_or(char::is_whitespace))
            })
            .map_or(tail.len(), |(i, _)| i);
        if DOCUMENT_NAME.is_match(&tail[..len]) {
            out.push_str(&text[rest..m.start()]);
            rest = m.end() + len;
        }
    }
    out.push_str(&text[rest..]);
    out
}

/// A permission worded as a limit ("only", "solely") or a condition ("as long
/// as", "provided", "if") restricts like a prohibition: forbidding what lies outside
/// it does not reverse it.
fn limiting(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        " only ",
        " solely ",
        " exclusively ",
        " at most ",
        " up to ",
        " no more than ",
        " maximum ",
        " as long as ",
        " provided ",
        " unless ",
        " if ",
        " subject to ",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// "only", "solely", "exclusively": a rule confining what it rules on.
static CONFINING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:only|solely|exclusively)\b").expect("static regex"));

/// Words of every rule and every answer that are not the clause's topic:
/// modal verbs, FAQ markers, quantifiers (stemmed like any text).
const FUNCTION_WORDS: &str = "can may must shall should will would need needs allowed \
    permitted required only any all every yes no q a my i you your we our us also \
    have has had do does most least each exactly per more less fewer than \
    from up into onto over under within including section sections";

/// Concepts are common only among at least this many normative clauses.
const COMMON_CONCEPTS_AMONG: usize = 20;

/// The concepts named by more than `share` of the normative clauses, when
/// there are enough of them to tell.
pub(crate) fn common_concepts(clauses: &[ClauseInfo<'_>], share: f64) -> GroupSet {
    let normative: Vec<&ClauseInfo<'_>> = clauses
        .iter()
        .filter(|c| c.clause.modality.is_normative())
        .collect();
    if normative.len() < COMMON_CONCEPTS_AMONG {
        return GroupSet::default();
    }
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for c in &normative {
        for g in c.anchor_set.or(&c.requirement_set).iter() {
            *counts.entry(g).or_default() += 1;
        }
    }
    let mut set = GroupSet::default();
    for (g, n) in counts {
        if n as f64 > share * normative.len() as f64 {
            set.insert(g);
        }
    }
    set
}

/// A forum's words are boilerplate only among at least this many posts.
const FORUM_BOILERPLATE_AMONG: usize = 20;

/// The words used in more than `share` of `posts`, when there are enough
/// posts to tell: what every thread of a forum talks about.
pub(crate) fn forum_boilerplate<'p, 'a: 'p>(
    posts: impl Iterator<Item = &'p PostInfo<'a>>,
    share: f64,
) -> WordSet {
    let mut df: BTreeMap<u32, usize> = BTreeMap::new();
    let mut n = 0;
    for post in posts {
        n += 1;
        for w in post.words.iter() {
            *df.entry(w).or_default() += 1;
        }
    }
    if n < FORUM_BOILERPLATE_AMONG {
        return WordSet::default();
    }
    let limit = n as f64 * share;
    WordSet::from_ids(
        df.into_iter()
            .filter(|(_, d)| *d as f64 > limit)
            .map(|(w, _)| w)
            .collect(),
    )
}

/// Words used by one clause only are rare among at least this many clauses.
const RARE_AMONG: usize = 20;

/// Shared matchers. Clauses are framed first, the vocabulary is then frozen
/// (`freeze`), and clones of the framer read posts on several threads.
#[derive(Clone)]
pub(crate) struct Framer<'m> {
    /// Concept matcher of the topic library.
    pub(crate) matcher: &'m ConceptMatcher,
    stemmer: Stemmer,
    boilerplate: BTreeSet<u32>,
    /// The words only one clause uses, when there are enough clauses to tell.
    rare: BTreeSet<u32>,
    /// The acronyms the clauses spell out, with the words they stand for.
    acronyms: BTreeMap<String, WordSet>,
}

impl<'m> Framer<'m> {
    /// A framer whose boilerplate words are those used by more than `share` of `clauses`.
    pub(crate) fn new(matcher: &'m ConceptMatcher, clauses: &[Clause], share: f64) -> Framer<'m> {
        let mut stemmer = Stemmer::default();
        let mut df: BTreeMap<u32, usize> = BTreeMap::new();
        for c in clauses {
            for w in stemmer.words(&c.text).iter() {
                *df.entry(w).or_default() += 1;
            }
        }
        let limit = (clauses.len() as f64 * share).max(3.0);
        let mut boilerplate: BTreeSet<u32> = df
            .iter()
            .filter(|(_, n)| **n as f64 > limit)
            .map(|(w, _)| *w)
            .collect();
        // Deontic and question words say how, not what: they never place a post in a topic.
        boilerplate.extend(stemmer.words(FUNCTION_WORDS).iter());
        let rare = if clauses.len() >= RARE_AMONG {
            df.iter()
                .filter(|(_, n)| **n == 1)
                .map(|(w, _)| *w)
                .collect()
        } else {
            BTreeSet::new()
        };
        let mut spelled = BTreeMap::new();
        for c in clauses {
            for (acronym, words) in acronyms(&c.text) {
                let words = stemmer.words(&words);
                spelled.entry(acronym).or_insert(words);
            }
        }
        Framer {
            matcher,
            stemmer,
            boilerplate,
            rare,
            acronyms: spelled,
        }
    }

    /// Prepares a clause.
    pub(crate) fn clause<'a>(&mut self, clause: &'a Clause) -> ClauseInfo<'a> {
        let heading = clause.heading.join(" ");
        // Cross-references name other documents' topics, not this clause's.
        let own = without_references(&clause.text);
        let groups = self.matcher.groups(&own);
        let heading_groups = self.matcher.groups(&heading);
        let mut all = groups.clone();
        all.extend(heading_groups.clone());
        let mut topics: Vec<String> = clause.topics.clone();
        for t in self.matcher.topics_of(&all) {
            if !topics.contains(&t) {
                topics.push(t);
            }
        }
        let topic_groups: BTreeSet<String> = topics
            .iter()
            .flat_map(|t| self.matcher.topic_groups(t).iter().cloned())
            .collect();
        let anchors: BTreeSet<String> = all
            .keys()
            .filter(|g| topic_groups.contains(*g))
            .cloned()
            .collect();
        // Every concept the clause's own words name is part of its requirement;
        // the heading only places it.
        let requirements: BTreeSet<String> = groups
            .keys()
            .filter(|g| !heading_groups.contains_key(*g))
            .cloned()
            .collect();
        let curated: BTreeSet<&String> = topics
            .iter()
            .flat_map(|t| {
                self.matcher
                    .requirement_groups(t)
                    .iter()
                    .chain(self.matcher.topic_groups(t))
            })
            .collect();
        // What the clause is about (its anchors) is scope, not a condition a
        // permission could leave out.
        let decisive: BTreeSet<String> = requirements
            .iter()
            .filter(|g| curated.contains(g) && !anchors.contains(*g))
            .cloned()
            .collect();
        let heading_words = self.stemmer.words(&heading);
        let mut words = self.stemmer.words(&own);
        let mut repeated = words.clone();
        repeated.retain(|w| heading_words.contains(*w) && !self.boilerplate.contains(w));
        words.retain(|w| !heading_words.contains(*w) && !self.boilerplate.contains(w));
        let surface = self.stemmer.surface_forms(&own);
        let mut time_words = self.stemmer.words(
            &TIME_OR_YEAR
                .find_iter(&own)
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        time_words.extend(&{
            let mut w = words.clone();
            w.retain(|id| surface.get(id).is_some_and(|n| is_time_word(n)));
            w
        });
        time_words.retain(|w| words.contains(*w));
        let word_names: BTreeMap<u32, String> = words
            .iter()
            .map(|w| {
                let name = surface
                    .get(&w)
                    .cloned()
                    .unwrap_or_else(|| self.stemmer.name(w).to_owned());
                (w, name)
            })
            .collect();
        let rare_words = WordSet::from_ids(
            words
                .iter()
                .filter(|w| {
                    self.rare.contains(w) && !word_names.get(w).is_some_and(|n| is_time_word(n))
                })
                .collect(),
        );
        // A FAQ's question names examples; its answer states the rule.
        let names = self.names(crate::docs::answer_part(&own), &rare_words, &time_words);
        // What each condition adds: its words the rest of the clause does not
        // use ("Challenge Data" is the subject, not the condition, of "use the
        // Challenge Data … provided you credit BAS as the source of the data"),
        // and its concepts.
        let condition_words = conditions(&own)
            .into_iter()
            .map(|(cue, cond)| {
                let rest = self.stemmer.words(&own.replacen(cond, " ", 1));
                let mut w = self.stemmer.words(cond);
                // Numbers and dates are quantities, stated or not (see `gives_quantity`).
                w.retain(|id| {
                    words.contains(*id)
                        && !time_words.contains(*id)
                        && !rest.contains(*id)
                        && !surface
                            .get(id)
                            .is_some_and(|n| n.chars().all(|ch| ch.is_ascii_digit()))
                });
                Condition {
                    cue,
                    words: w,
                    groups: self.matcher.group_set(cond),
                }
            })
            .filter(|c| !c.words.is_empty() || !c.groups.is_empty())
            .collect();
        let heading_only = self
            .matcher
            .set_of(heading_groups.keys().filter(|g| !groups.contains_key(*g)));
        ClauseInfo {
            clause,
            heading_only,
            anchor_set: self.matcher.set_of(&anchors),
            requirement_set: self.matcher.set_of(&requirements),
            decisive_set: self.matcher.set_of(&decisive),
            topics,
            anchors,
            requirements,
            groups,
            words,
            heading_words: repeated,
            time_words,
            word_names,
            numbers: numbers(&SECTION_REFERENCE.replace_all(&own, " ")),
            quantities: quantities(&own),
            limits: limit_values(&own),
            time_numbers: time_quantities(&own),
            limit_units: self.limit_units(&own),
            unit_names: unit_names(&own),
            states_date: states_date(&clause.text),
            deadlines: deadline_names(&clause.text),
            dates: if bounds_by_date(&clause.text, true) {
                dates(&clause.text)
            } else {
                Vec::new()
            },
            // A permission with a cut-off date ("checkpoints released before
            // 1 June 2024") is limited in time.
            limited: limiting(&clause.text)
                || (clause.modality == Modality::Permission && states_date(&clause.text)),
            per_period: per_period(&clause.text),
            confined: CONFINING.is_match(&clause.text),
            keeps_obligations: KEEPS_OBLIGATIONS.is_match(&clause.text),
            inclusions: self.inclusions(&own),
            parts: self.parts(&own),
            rare_words,
            names,
            conditions: condition_words,
            common_concepts: GroupSet::default(),
            acts: acts(&own),
        }
    }

    /// The stemmed words of `text`, in this framer's ids.
    pub(crate) fn words(&mut self, text: &str) -> WordSet {
        self.stemmer.words(text)
    }

    /// The normative parts of a clause's text, with their readings and words
    /// (a FAQ clause by its answer); a part stating only the sanction for
    /// breaking the others is no rule of its own.
    fn parts(&mut self, text: &str) -> Vec<(Modality, WordSet)> {
        let body = crate::docs::answer_part(text);
        sentences(body)
            .into_iter()
            .flat_map(|s| PART_BREAK.split(s).collect::<Vec<_>>())
            .filter(|part| !SANCTION.is_match(part))
            .filter_map(|part| {
                let m = crate::docs::classify_sentence(part, crate::docs::TextKind::Rules).0;
                m.is_normative().then(|| (m, self.stemmer.words(part)))
            })
            .collect()
    }

    /// The words the limits of `text` count, stemmed.
    fn limit_units(&mut self, text: &str) -> WordSet {
        let units: Vec<String> = limits_with_units(text)
            .into_iter()
            .filter_map(|(_, u)| u)
            .collect();
        self.stemmer.words(&units.join(" "))
    }

    /// What `text` leaves out of or counts in a measure, by word id.
    fn inclusions(&mut self, text: &str) -> Vec<(u32, bool)> {
        inclusions(text)
            .into_iter()
            .filter_map(|(w, counted)| self.stemmer.words(&w).iter().next().map(|id| (id, counted)))
            .collect()
    }

    /// The specific words (`words`) that `text` writes capitalised inside a
    /// sentence, time words left out (see `ClauseInfo::names`).
    fn names(&mut self, text: &str, words: &WordSet, time_words: &WordSet) -> WordSet {
        let mut names = Vec::new();
        for sentence in sentences(text) {
            for t in tokens(sentence).skip(1) {
                if !t.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                for w in self.stemmer.words(t).iter() {
                    if words.contains(w) && !time_words.contains(w) {
                        names.push(w);
                    }
                }
            }
        }
        WordSet::from_ids(names)
    }

    /// Closes the vocabulary: posts are read only for words already seen
    /// (clause and change texts), the only words they are compared with.
    pub(crate) fn freeze(&mut self) {
        self.stemmer.freeze();
    }

    /// The words of a post's `text`, an acronym of the clauses ("EEA", "the
    /// DUA") standing for the words it abbreviates.
    fn post_words(&mut self, text: &str) -> WordSet {
        let mut words = self.stemmer.words(text);
        if !self.acronyms.is_empty() {
            for t in tokens(text) {
                if let Some(spelled) = self.acronyms.get(t) {
                    words.extend(spelled);
                }
            }
        }
        words
    }

    /// Prepares a participant question: its concepts and words, without the
    /// per-sentence reading that only official statements need. Its context
    /// is its thread's title when it `opens` the thread, which it asks under.
    pub(crate) fn question<'a>(&mut self, post: &'a Post, opens: bool) -> PostInfo<'a> {
        PostInfo {
            post,
            sentences: Vec::new(),
            gset: self.matcher.group_set(&post.text),
            context: if opens {
                self.matcher.group_set(&post.thread_title)
            } else {
                GroupSet::default()
            },
            context_words: WordSet::default(),
            asked_words: WordSet::default(),
            answers: false,
            asks_alternative: false,
            answering: None,
            words: self.post_words(&post.text),
        }
    }

    /// Prepares an official post; `answered` is the question it answers, if known.
    /// Its context is the thread title, the words it quotes and that question.
    pub(crate) fn post<'a>(&mut self, post: &'a Post, answered: Option<&'a Post>) -> PostInfo<'a> {
        let mut asked = String::new();
        for q in &post.quotes {
            asked.push_str(&q.text);
            asked.push_str("\n\n");
        }
        if let Some(q) = answered {
            asked.push_str(&q.text);
        }
        let context = format!("{}\n\n{asked}", post.thread_title);
        let mut gset = GroupSet::default();
        let mut words = WordSet::default();
        let mut sentences: Vec<SentenceInfo<'a>> = sentences(&post.text)
            .into_iter()
            .map(|s| {
                let g = self.matcher.group_set(s);
                let w = self.post_words(s);
                gset = gset.or(&g);
                words.extend(&w);
                let modality = forum_modality(s).0;
                let strong = strong_permission(s);
                let change = change_cue(s);
                let bounding_dates = if bounds_by_date(s, modality.is_normative()) {
                    dates(s)
                } else {
                    Vec::new()
                };
                SentenceInfo {
                    text: s,
                    numbers: numbers(&without_times(s)),
                    limits: limit_values(s),
                    time_numbers: time_quantities(s),
                    limit_units: self.limit_units(s),
                    unit_names: unit_names(s),
                    lifts_limit: lifts_limit(s),
                    per_period: per_period(s),
                    inclusions: self.inclusions(s),
                    states_date: states_date(s),
                    bounded_words: if bounding_dates.is_empty() {
                        WordSet::default()
                    } else {
                        self.stemmer.words(before_date(s))
                    },
                    bounding_dates,
                    // Only a permission's acts are compared.
                    acts: if modality == Modality::Permission {
                        acts(s)
                    } else {
                        0
                    },
                    gset: g,
                    modality,
                    conditional: modality == Modality::Obligation && conditional_obligation(s),
                    exhaustive: exhaustive_cue(s).filter(|_| strong || addressed_blanket(s)),
                    strong,
                    granted: strong || addressed_permission(s),
                    // A time of day is no value: "00:00 UTC instead of Monday".
                    changed_values: change
                        .as_ref()
                        .and_then(|_| changed_values(&without_times(s))),
                    change,
                    words: w,
                }
            })
            .collect();
        extend_blanket(&mut sentences);
        PostInfo {
            post,
            sentences,
            gset,
            context: self.matcher.group_set(&context),
            context_words: self.post_words(&context),
            asked_words: self.post_words(&asked),
            answers: answered.is_some() || !post.quotes.is_empty(),
            asks_alternative: answered.is_some_and(|q| ASKS_ALTERNATIVE.is_match(&q.text)),
            answering: answered,
            words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{KEEPS_OBLIGATIONS, limiting, without_references};

    #[test]
    fn conditioned_permissions_are_limits() {
        assert!(limiting(
            "Q: Can I use models from Hugging Face? A: Yes, if their licence meets Section 2.5.b."
        ));
        assert!(limiting(
            "You may use external data subject to Section 2.6.b."
        ));
        assert!(!limiting("You may use any public dataset."));
    }

    #[test]
    fn alternatives_asked() {
        assert!(
            super::ASKS_ALTERNATIVE
                .is_match("If we win, can we release our code under GPL-3.0 instead?")
        );
        assert!(!super::ASKS_ALTERNATIVE.is_match("Can we use GPL-3.0. We will not go instead."));
    }

    #[test]
    fn quantities_leave_out_names() {
        assert_eq!(
            super::quantities("at most four (4) members in Phase 2, see Section 2.6.a"),
            [4]
        );
        assert!(super::quantities("one model with a restricted licence").is_empty());
        // The day tells deadlines apart; the time of day and the year do not.
        assert_eq!(
            super::quantities("Final Submission Selection Deadline: March 27, 2026, 11:59 PM UTC."),
            [27]
        );
        assert_eq!(super::quantities("by 23:59 UTC on 8 April"), [8]);
    }

    #[test]
    fn clauses_keeping_other_obligations() {
        assert!(KEEPS_OBLIGATIONS.is_match(
            "Use of External Data does not limit your other obligations under these Rules."
        ));
        assert!(KEEPS_OBLIGATIONS.is_match("This is without prejudice to Section 2.8."));
        assert!(!KEEPS_OBLIGATIONS.is_match("You must post External Data in the forum."));
    }

    #[test]
    fn references_are_not_the_clause_topic() {
        assert_eq!(
            without_references(
                "You may use the data only for research, as set out in the Data License Agreement."
            ),
            "You may use the data only for research."
        );
        assert_eq!(
            without_references(
                "No, it is open worldwide, subject to the eligibility rules in Section 2.1."
            ),
            "No, it is open worldwide."
        );
        // The clause's own licence is kept.
        let own = "Code shared publicly under Section 3.1.c is deemed licensed under the Apache 2.0 licence.";
        assert!(without_references(own).contains("Apache 2.0 licence"));
    }
}
