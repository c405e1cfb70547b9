//! NegEx-style negation (ANALYSIS.md §5): a trigger (`not`, `no`, `never`,
//! `n't`) negates a cue word a few tokens after it, unless a terminator
//! (`but`, `however`, `except`, punctuation) intervenes or the trigger is a
//! pseudo-trigger (`not only`, `no doubt`, `not necessarily`).

/// How many tokens a trigger reaches forward.
pub(crate) const SCOPE_TOKENS: usize = 4;

const TRIGGERS: &[&str] = &["not", "no", "never", "nor", "neither", "without"];
const PSEUDO: &[&str] = &[
    "not only",
    "no doubt",
    "not necessarily",
    "no later",
    "not limited",
    "no more than",
    "no less than",
];
const TERMINATORS: &[&str] = &[
    "but", "however", "except", "although", "though", "unless", "which", "who", "that", "if",
];
/// Tokens that may stand between a trigger and the word it negates.
const FILLERS: &[&str] = &[
    "be",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "ever",
    "also",
    "strictly",
    "in",
    "any",
    "way",
    "case",
    "longer",
    "at",
    "all",
    "generally",
    "currently",
    "yet",
    "otherwise",
];

/// Whether the word at byte offset `at` of lower-cased `text` is negated by a trigger before it.
#[must_use]
pub fn is_negated(text: &str, at: usize) -> Option<String> {
    let before = &text[..at.min(text.len())];
    if before.trim_end().ends_with([',', ';', ':', '.']) {
        return None;
    }
    let tokens: Vec<&str> = before
        .split(|c: char| c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    for (back, tok) in tokens.iter().rev().enumerate() {
        if back >= SCOPE_TOKENS || tok.ends_with([',', ';', ':', '.']) {
            return None;
        }
        let word = tok.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if TERMINATORS.contains(&word) {
            return None;
        }
        if TRIGGERS.contains(&word) || word.ends_with("n't") {
            let idx = tokens.len() - 1 - back;
            let next = tokens.get(idx + 1).copied().unwrap_or("");
            let pair = format!("{word} {next}");
            if PSEUDO.iter().any(|p| pair.starts_with(p)) {
                return None;
            }
            return Some(word.to_owned());
        }
        if !FILLERS.contains(&word) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_and_scope() {
        let t = "entries are in no way permitted";
        assert_eq!(
            is_negated(t, t.find("permitted").unwrap()),
            Some("no".into())
        );
        let t = "this is not necessarily required";
        assert_eq!(is_negated(t, t.find("required").unwrap()), None);
        let t = "teams that do not win are allowed";
        assert_eq!(is_negated(t, t.find("allowed").unwrap()), None);
        let t = "you are never required";
        assert_eq!(
            is_negated(t, t.find("required").unwrap()),
            Some("never".into())
        );
    }
}
