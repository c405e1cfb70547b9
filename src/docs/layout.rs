//! Layout cues the segmenter reads: page chrome ("Last updated", page
//! numbers, "Skip to content"), bare questions of FAQs, items that are titles
//! for what follows, headings that open a separately numbered block (Kaggle's
//! Foundational Rules → `found`), and id slugs made from heading words. Pure.

use std::sync::LazyLock;

use regex::Regex;

use super::block::{Block, BlockKind, Marker, title_like};

static CHROME_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(last (updated|modified|revised)\b|(this page was )?updated( on)?:|version \d+[,.:]?\s+(published|updated|dated|effective|released)|",
        r"effective (date|as of)\b|©|copyright\s*(©|\(c\)|\d{4})|all rights reserved|skip to (main )?content|back to top|",
        r"table of contents$|print this page|share this page|page \d+( of \d+)?$|-?\s*\d{1,3}\s*-?$|sign in$|log in$|menu$)"
    ))
    .expect("regex")
});
static LAST_UPDATED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\blast (updated|modified|revised)\b").expect("regex"));
pub(crate) static QUESTION_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Q|Question)\s*\d*\s*[:.]\s").expect("regex"));
/// A paragraph that opens with its answer label ("A: Yes, …").
pub(crate) static ANSWER_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(A|Answer)\s*[:.]\s").expect("regex"));
pub(crate) static ANSWER_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[?.]\s+)(A|Answer)\s*[:.]\s").expect("regex"));

/// Whether a block's text is page chrome rather than content.
#[must_use]
pub(crate) fn is_chrome_text(text: &str) -> bool {
    let t = text.trim();
    CHROME_TEXT.is_match(t) || (LAST_UPDATED.is_match(t) && t.split_whitespace().count() <= 15)
}

/// A question with no answer in the same block.
pub(crate) fn is_bare_question(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with('?') || QUESTION_START.is_match(t)) && !ANSWER_IN.is_match(t)
}

/// An unnumbered heading that opens a separately numbered block of rules.
pub(crate) fn starts_block(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "foundational",
        "general",
        "rules",
        "terms",
        "appendix",
        "annex",
        "schedule",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// The id prefix of a separately numbered block: `found` for Kaggle's Foundational Rules.
pub(crate) fn block_name(text: &str) -> String {
    let t = text.to_lowercase();
    if t.contains("foundational") {
        return "found".into();
    }
    const SKIP: &[&str] = &[
        "kaggle",
        "competition",
        "the",
        "official",
        "non",
        "editable",
    ];
    t.split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty() && !SKIP.contains(w))
        .map_or_else(|| "part".into(), |w| w.chars().take(10).collect())
}

/// A lower-case, hyphenated id made from heading words.
#[must_use]
pub(crate) fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(5)
        .map(str::to_lowercase)
        .collect();
    words.join("-")
}

/// Whether a text-mode item is a title for what follows: short, no sentence
/// punctuation, and followed by deeper content rather than a sibling.
pub(crate) fn is_title_by_lookahead(b: &Block, next: Option<&Block>) -> bool {
    let Some(marker) = &b.marker else {
        return false;
    };
    if b.kind != BlockKind::Item || *marker == Marker::Bullet || !title_like(&b.text) {
        return false;
    }
    let Some(next) = next else { return false };
    match next.kind {
        BlockKind::Para | BlockKind::Row => true,
        BlockKind::Heading(_) => false,
        BlockKind::Item => match (marker, &next.marker) {
            (_, None | Some(Marker::Bullet)) => true,
            (Marker::Dotted(v), Some(Marker::Dotted(w))) => w.len() > v.len() && w.starts_with(v),
            (Marker::Dotted(_), Some(_)) => true,
            (m, Some(n)) => family(m) != family(n),
        },
    }
}

fn family(m: &Marker) -> u8 {
    match m {
        Marker::Dotted(_) => 0,
        Marker::Number(_) => 1,
        Marker::Letter(_) | Marker::LetterOrRoman(_) => 2,
        Marker::Roman(_) => 3,
        Marker::Upper(_) => 4,
        Marker::Bullet => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_titles_and_names() {
        assert!(is_chrome_text("Last updated: March 2, 2026"));
        assert!(is_chrome_text("Page 3 of 7"));
        assert!(!is_chrome_text(
            "You must post the data before the deadline."
        ));
        assert_eq!(
            block_name("KAGGLE COMPETITION FOUNDATIONAL RULES (NON-EDITABLE)"),
            "found"
        );
        assert_eq!(block_name("General Rules"), "general");
        assert_eq!(slug("External data & tools"), "external-data-tools");
        assert!(is_bare_question("Can I use Landsat imagery?"));
        assert!(!is_bare_question("Q: Can I? A: Yes."));
    }
}
