//! Small text utilities for matching: sentence splitting that respects
//! section numbers and abbreviations, and stemmed content words (the same
//! English analyzer the index uses, so clause and post words compare).

use rustc_hash::FxHashMap;

use tantivy::tokenizer::TextAnalyzer;

use crate::index::schema;

/// Splits `text` into sentences: at `.`, `?`, `!` followed by a space and an
/// upper-case letter or digit, at blank lines, and before each item of a
/// list. Keeps "e.g.", "Section 2.6.a" whole.
#[must_use]
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for para in text.split("\n\n").flat_map(list_items) {
        let bytes = para.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if matches!(c, b'.' | b'?' | b'!') && i + 2 < bytes.len() && bytes[i + 1] == b' ' {
                let next = para[i + 2..].chars().next().unwrap_or(' ');
                let before = &para[start..i];
                let last_word = before.rsplit(' ').next().unwrap_or("").to_lowercase();
                let abbrev = matches!(
                    last_word.as_str(),
                    "e.g" | "i.e" | "etc" | "vs" | "no" | "sec" | "mr" | "ms" | "dr" | "st"
                ) || last_word.len() == 1;
                if (next.is_uppercase() || next.is_ascii_digit() || next == '"' || next == '(')
                    && !abbrev
                {
                    push_trimmed(&mut out, &para[start..=i]);
                    start = i + 2;
                }
            }
            i += 1;
        }
        push_trimmed(&mut out, &para[start..]);
    }
    out
}

/// The lines of `para` grouped into list items: a line opening with a
/// bullet or an item number ("- ", "* ", "2. ") starts a new one.
fn list_items(para: &str) -> impl Iterator<Item = &str> {
    let mut starts = vec![0];
    let mut at = 0;
    for line in para.split_inclusive('\n') {
        let t = line.trim_start();
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let item = t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("• ")
            || (digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")));
        if item && at > 0 {
            starts.push(at);
        }
        at += line.len();
    }
    starts.push(para.len());
    (0..starts.len() - 1).map(move |i| &para[starts[i]..starts[i + 1]])
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

/// The raw tokens of `text` as the index's tokenizer cuts them: at every
/// character that is not alphanumeric.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// The acronyms `text` spells out, each with the words it stands for: those
/// it defines ("automated machine learning tools (\"AMLT\")") and the
/// initials of a run of capitalised words ("European Economic Area" is
/// "EEA", "Data Use Agreement" is "DUA"), three letters or more, so that a
/// post writing "EEA" or "the DUA" names them.
#[must_use]
pub fn acronyms(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut add = |acronym: String, words: &[&str]| {
        if acronym.len() >= 3 && !out.iter().any(|(a, _)| *a == acronym) {
            out.push((acronym, words.join(" ")));
        }
    };
    let initials = |words: &[&str]| -> String {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    for c in DEFINED_ACRONYM.captures_iter(text) {
        let acronym = &c[2];
        let before: Vec<&str> = tokens(&c[1]).collect();
        let n = acronym.chars().count();
        if before.len() >= n && initials(&before[before.len() - n..]) == acronym {
            add(acronym.to_owned(), &before[before.len() - n..]);
        }
    }
    for sentence in sentences(text) {
        let words: Vec<&str> = tokens(sentence).collect();
        let capital = |w: &&&str| w.chars().next().is_some_and(char::is_uppercase);
        let mut start = 0;
        while start < words.len() {
            let end = start + words[start..].iter().take_while(|w| capital(w)).count();
            // Every stretch of two to five words of a run: "the European
            // Economic Area" opening a sentence still gives "EEA".
            for i in start..end {
                for j in i + 2..=end.min(i + 5) {
                    add(initials(&words[i..j]), &words[i..j]);
                }
            }
            start = end + 1;
        }
    }
    out
}

static DEFINED_ACRONYM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"((?:[A-Za-z][\w-]*\s+){2,6})\(\s*["“']?([A-Z]{2,6})["”']?\s*\)"#)
        .expect("valid regex")
});

/// A set of stemmed words, as ids interned by a `Stemmer`, sorted: set
/// operations compare integers, not strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet(Vec<u32>);

impl WordSet {
    /// The set of `ids`.
    #[must_use]
    pub fn from_ids(mut ids: Vec<u32>) -> WordSet {
        ids.sort_unstable();
        ids.dedup();
        WordSet(ids)
    }

    /// Number of words.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `id` is in the set.
    #[must_use]
    pub fn contains(&self, id: u32) -> bool {
        self.0.binary_search(&id).is_ok()
    }

    /// The ids, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().copied()
    }

    /// The ids in both sets, ascending.
    pub fn intersection<'s>(&'s self, other: &'s WordSet) -> impl Iterator<Item = u32> + 's {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        std::iter::from_fn(move || {
            loop {
                let (x, y) = (**a.peek()?, **b.peek()?);
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => {
                        a.next();
                    }
                    std::cmp::Ordering::Greater => {
                        b.next();
                    }
                    std::cmp::Ordering::Equal => {
                        a.next();
                        b.next();
                        return Some(x);
                    }
                }
            }
        })
    }

    /// How many ids both sets hold.
    #[must_use]
    pub fn shared(&self, other: &WordSet) -> usize {
        self.intersection(other).count()
    }

    /// Adds every id of `other`.
    pub fn extend(&mut self, other: &WordSet) {
        self.0.extend_from_slice(&other.0);
        self.0.sort_unstable();
        self.0.dedup();
    }

    /// Keeps the ids for which `keep` holds.
    pub fn retain(&mut self, keep: impl FnMut(&u32) -> bool) {
        self.0.retain(keep);
    }
}

/// Stems content words (stop words removed) with the index's English
/// analyzer and interns them, so that words compare as integers. Each
/// distinct token is analysed once. Once frozen, words it has not interned
/// are left out: texts are then read in a closed vocabulary (the clauses'),
/// and clones stemming on other threads give the same ids.
#[derive(Clone)]
pub struct Stemmer {
    analyzer: TextAnalyzer,
    /// Raw token → its word id (`None`: a stop word or too short).
    cache: FxHashMap<String, Option<u32>>,
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    frozen: bool,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer {
            analyzer: schema::stem_analyzer(),
            cache: FxHashMap::default(),
            ids: FxHashMap::default(),
            names: Vec::new(),
            frozen: false,
        }
    }
}

impl Stemmer {
    /// The distinct stemmed content words of `text` (numbers included, 1-letter words dropped).
    pub fn words(&mut self, text: &str) -> WordSet {
        let ids = tokens(text).filter_map(|t| self.id_of(t)).collect();
        WordSet::from_ids(ids)
    }

    /// Each content word of `text` as first written there (lower-cased), by id:
    /// "worldwide" rather than its stem "worldwid", for explanations.
    pub fn surface_forms(&mut self, text: &str) -> std::collections::BTreeMap<u32, String> {
        let mut out = std::collections::BTreeMap::new();
        for token in tokens(text) {
            if let Some(id) = self.id_of(token) {
                out.entry(id).or_insert_with(|| token.to_lowercase());
            }
        }
        out
    }

    /// The word id of one raw token, analysed once and then cached.
    fn id_of(&mut self, token: &str) -> Option<u32> {
        if let Some(id) = self.cache.get(token) {
            return *id;
        }
        let id = self.stem(token);
        self.cache.insert(token.to_owned(), id);
        id
    }

    /// The word id of one token, if it is a content word.
    fn stem(&mut self, token: &str) -> Option<u32> {
        let lower = token.to_lowercase();
        let token = base_form(&lower).unwrap_or(token);
        let mut stream = self.analyzer.token_stream(token);
        if !stream.advance() {
            return None;
        }
        let t = &stream.token().text;
        if t.chars().count() <= 1 && !t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(match self.ids.get(t.as_str()) {
            Some(&id) => id,
            None if self.frozen => return None,
            None => {
                let id = self.names.len() as u32;
                self.ids.insert(t.clone(), id);
                self.names.push(t.clone());
                id
            }
        })
    }

    /// Interns no new words from now on: `words` keeps only known ones.
    pub fn freeze(&mut self) {
        self.frozen = true;
    }

    /// The stemmed word an id stands for.
    #[must_use]
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// The stemmed words of `set`, as text.
    #[must_use]
    pub fn names(&self, set: &WordSet) -> Vec<String> {
        set.iter().map(|id| self.name(id).to_owned()).collect()
    }
}

/// The base form of an irregular English verb form the stemmer leaves apart
/// ("frozen" and "froze" stem to "frozen" and "froze", "freeze" to "freez"),
/// so that "the freeze moved" and "composition is frozen" share a word; and
/// the unit of time an adverb of frequency counts ("daily" is "day").
fn base_form(lower: &str) -> Option<&'static str> {
    Some(match lower {
        // Adverbs of frequency name their unit: "daily submissions" and
        // "submissions per day".
        "daily" => "day",
        "weekly" => "week",
        "monthly" => "month",
        "hourly" => "hour",
        "yearly" | "annually" | "annual" => "year",
        "froze" | "frozen" => "freeze",
        "wrote" | "written" => "write",
        "chose" | "chosen" => "choose",
        "gave" | "given" => "give",
        "took" | "taken" => "take",
        "made" => "make",
        "held" => "hold",
        "sent" => "send",
        "paid" => "pay",
        "won" => "win",
        "began" | "begun" => "begin",
        "shown" => "show",
        "known" | "knew" => "know",
        "broke" | "broken" => "break",
        "spoke" | "spoken" => "speak",
        "sold" => "sell",
        "told" => "tell",
        "found" => "find",
        "kept" => "keep",
        "built" => "build",
        "bought" => "buy",
        "brought" => "bring",
        "thought" => "think",
        "ran" => "run",
        "drew" | "drawn" => "draw",
        "hid" | "hidden" => "hide",
        "got" | "gotten" => "get",
        "left" => "leave",
        "lost" => "lose",
        "met" => "meet",
        "sought" => "seek",
        "taught" => "teach",
        "understood" => "understand",
        "withdrew" | "withdrawn" => "withdraw",
        "forbade" | "forbidden" => "forbid",
        "forgot" | "forgotten" => "forget",
        "rose" | "risen" => "rise",
        "fell" | "fallen" => "fall",
        "grew" | "grown" => "grow",
        "threw" | "thrown" => "throw",
        "saw" | "seen" => "see",
        "went" | "gone" => "go",
        "did" | "done" => "do",
        "bore" | "borne" => "bear",
        "drove" | "driven" => "drive",
        "led" => "lead",
        "lent" => "lend",
        "spent" => "spend",
        "stood" => "stand",
        // A derived noun that names its verb's act.
        "merger" | "mergers" => "merge",
        _ => return None,
    })
}

/// The name among `known` that `name` is most likely a slip for, if any,
/// compared without case: at most two edits apart (one for names of four
/// characters or fewer), or one name a prefix of the other (three characters
/// at least); never one differing only in its digits ("fish-2028" beside
/// "fish-2027" is another edition, not a typo).
#[must_use]
pub fn closest_name<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    known
        .into_iter()
        .filter_map(|k| {
            let kl = k.to_lowercase();
            let letters = |s: &str| {
                s.chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect::<String>()
            };
            if letters(&kl) == letters(&lower) && kl != lower {
                return None;
            }
            let shorter = lower.chars().count().min(kl.chars().count());
            let prefix = shorter >= 3 && (kl.starts_with(&lower) || lower.starts_with(&kl));
            let d = edit_distance(&lower, &kl);
            let max = if shorter <= 4 { 1 } else { 2 };
            (d <= max || prefix).then_some((d, k))
        })
        .min_by_key(|&(d, k)| (d, k))
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters (insertions, deletions, substitutions):
/// how far a typed name is from a known one.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_item_is_its_own_sentence() {
        let s = sentences(
            "We're moving two dates:\n- Entry Deadline: now March 31 (was March 24).\n- Final \
             Submission Deadline: now April 7\n  (was March 31).\n2. Merges close as before",
        );
        assert_eq!(
            s,
            vec![
                "We're moving two dates:",
                "- Entry Deadline: now March 31 (was March 24).",
                "- Final Submission Deadline: now April 7\n  (was March 31).",
                "2. Merges close as before",
            ]
        );
    }

    #[test]
    fn sentences_respect_numbers_and_abbreviations() {
        let s = sentences(
            "See Section 2.6.a for details. You must, e.g. by email, tell us! Really? yes\n\nNew para.",
        );
        assert_eq!(
            s,
            vec![
                "See Section 2.6.a for details.",
                "You must, e.g. by email, tell us!",
                "Really? yes",
                "New para."
            ]
        );
    }

    #[test]
    fn acronyms_of_defined_and_capitalised_names() {
        let found = acronyms(
            "You may use automated machine learning tools (\"AMLT\") if licensed. \
             Residents of the European Economic Area may enter. Sign the Data Use Agreement.",
        );
        let get = |a: &str| found.iter().find(|(x, _)| x == a).map(|(_, w)| w.as_str());
        assert_eq!(get("AMLT"), Some("automated machine learning tools"));
        assert_eq!(get("EEA"), Some("European Economic Area"));
        assert_eq!(get("DUA"), Some("Data Use Agreement"));
        // Two letters are too often something else ("PM", "UK").
        assert!(found.iter().all(|(a, _)| a.len() >= 3));
    }

    #[test]
    fn stemmed_words() {
        let mut st = Stemmer::default();
        let w = st.words("The participants must not share models, a model");
        let names = st.names(&w);
        assert_eq!(names, ["particip", "must", "share", "model"], "{names:?}");
        let again = st.words("MODELS shared by participants");
        assert_eq!(again.shared(&w), 3);
        let numbers = st.words("2 x the 42");
        assert_eq!(st.names(&numbers), ["2", "42"]);
        st.freeze();
        let known = st.words("models and datasets shared");
        assert_eq!(st.names(&known), ["share", "model"]);
    }

    #[test]
    fn irregular_forms_share_a_stem() {
        let mut st = Stemmer::default();
        let a = st.words("team composition is frozen");
        let b = st.words("we moved the team freeze");
        assert_eq!(
            st.names(&WordSet::from_ids(a.intersection(&b).collect())),
            ["team", "freez"]
        );
        assert_eq!(st.words("written").shared(&st.words("write")), 1);
        let per_day = st.words("submissions per day");
        assert_eq!(st.words("Daily submissions").shared(&per_day), 2);
    }
}
