//! Blocks: the layout-independent units the markup readers (`markdown.rs`,
//! `html.rs`) hand to the segmenter: headings, list items with their numbering
//! marker, paragraphs and table rows, each with its visible text.
//!
//! `parse_marker` reads the numbering at the start of a line (`2.6`, `1.`,
//! `a.`, `(b)`, `(iv)`, `A.`, bullets), so every reader numbers items alike.

use std::sync::LazyLock;

use regex::Regex;

/// A numbering marker at the start of a heading or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// `2.6`, `1.1`, `3.18.`: an absolute numeric path.
    Dotted(Vec<u32>),
    /// `1.`, `1)`, `(1)`, or `1 Eligibility`.
    Number(u32),
    /// `a.`, `(b)`, `b)`.
    Letter(char),
    /// `(iv)`, `ii.`.
    Roman(u32),
    /// `i.`, `v.`, `(x)`, `c.`: a letter that is also a roman numeral; the segmenter decides.
    LetterOrRoman(char),
    /// `A.`, `(B)`.
    Upper(char),
    /// `-`, `*`, `•`: an unnumbered item.
    Bullet,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of this level (1 = outermost).
    Heading(u8),
    /// A list item (numbered or bulleted).
    Item,
    /// A paragraph.
    Para,
    /// A table row (cells joined by ` | `).
    Row,
}

/// One block of a document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its numbering, when it has one.
    pub marker: Option<Marker>,
    /// List nesting depth when the markup shows it (HTML lists, indented bullets).
    pub depth: Option<usize>,
    /// Visible text without the marker, whitespace collapsed.
    pub text: String,
    /// The markup says this item is a title for the items nested in it.
    pub title: bool,
}

impl Block {
    /// A block of `kind` with `text` and no marker.
    #[must_use]
    pub fn new(kind: BlockKind, text: String) -> Block {
        Block {
            kind,
            marker: None,
            depth: None,
            text,
            title: false,
        }
    }
}

static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(?(\d{1,3}(?:\.\d{1,3})+)\.?\)?(?:\s+|$)").expect("regex"));
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\((\d{1,3})\)|(\d{1,3})[.)])(?:\s+|$)").expect("regex"));
static BARE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+([A-Z][^.:;]*)$").expect("regex"));
static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(([ivxlcdm]{1,6})\)|([ivxlcdm]{1,6})[.)])\s+").expect("regex")
});
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(([a-z])\)|([a-z])[.)])\s+").expect("regex"));
static UPPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\(([A-Z])\)|([A-Z])[.)])\s+").expect("regex"));
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-*+•‣◦▪–]\s+").expect("regex"));
/// A number fused to its text, as copies of rules pages have it (`2.2Employees`,
/// `2.Eligibility`, `2.EXTERNAL DATA`): a word of three letters or more, so a
/// quantity such as `2.5GB` or `2.5GHz` is not read as a number.
static FUSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)(\.)?[A-Z](?:[a-z]{2}|[A-Z]{2})").expect("regex")
});

/// "Section 2: Teams", "Article 4 – Data", "Rule 3.1. Entry": a heading numbered with a word.
static SECTION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:section|article|rule|chapter|part)\s+(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s*[:–—-]\s*|\s+|$)")
        .expect("regex")
});

/// Reads the number of a heading: a marker as [`parse_marker`] reads it, or a
/// number after "Section", "Article", "Rule", "Chapter" or "Part" (only in a
/// heading: in running text, "Section 2 applies" is a reference).
#[must_use]
pub(crate) fn parse_heading_marker(line: &str) -> Option<(Marker, &str)> {
    if let Some(c) = SECTION_WORD.captures(line) {
        let parts: Vec<u32> = c[1].split('.').filter_map(|p| p.parse().ok()).collect();
        let marker = match parts.as_slice() {
            [n] => Marker::Number(*n),
            _ => Marker::Dotted(parts),
        };
        return Some((marker, &line[c[0].len()..]));
    }
    parse_marker(line)
}

/// Reads a numbering marker at the start of `line` (already trimmed) and returns it
/// with the rest of the line.
#[must_use]
pub(crate) fn parse_marker(line: &str) -> Option<(Marker, &str)> {
    if let Some(c) = DOTTED.captures(line) {
        let parts: Vec<u32> = c[1].split('.').filter_map(|p| p.parse().ok()).collect();
        return Some((Marker::Dotted(parts), &line[c[0].len()..]));
    }
    if let Some(c) = NUMBER.captures(line) {
        let n = c.get(1).or(c.get(2)).map_or("0", |m| m.as_str());
        return Some((Marker::Number(n.parse().unwrap_or(0)), &line[c[0].len()..]));
    }
    if let Some(c) = BARE_NUMBER.captures(line)
        && c[2].split_whitespace().count() <= 6
    {
        let n = c[1].parse().unwrap_or(0);
        return Some((
            Marker::Number(n),
            &line[c.get(2).map_or(0, |m| m.start())..],
        ));
    }
    if let Some(c) = ROMAN.captures(line) {
        let s = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        let rest = &line[c[0].len()..];
        if s.len() == 1 {
            return Some((Marker::LetterOrRoman(s.chars().next().unwrap_or('i')), rest));
        }
        if let Some(v) = roman_value(s) {
            return Some((Marker::Roman(v), rest));
        }
    }
    if let Some(c) = LETTER.captures(line) {
        let s = c.get(1).or(c.get(2)).map_or("a", |m| m.as_str());
        return Some((
            Marker::Letter(s.chars().next().unwrap_or('a')),
            &line[c[0].len()..],
        ));
    }
    if let Some(c) = UPPER.captures(line) {
        let ch = c.get(1).or(c.get(2)).map_or("A", |m| m.as_str());
        let ch = ch.chars().next().unwrap_or('A');
        // `Q.` and `A.` open questions and answers in FAQs, not numbered items.
        if ch != 'Q' {
            return Some((Marker::Upper(ch), &line[c[0].len()..]));
        }
    }
    if let Some(c) = FUSED.captures(line)
        && (c[1].contains('.') || c.get(2).is_some())
    {
        let rest = &line[c.get(2).map_or(c[1].len(), |m| m.end())..];
        let parts: Vec<u32> = c[1].split('.').filter_map(|p| p.parse().ok()).collect();
        let marker = match parts.as_slice() {
            [n] => Marker::Number(*n),
            _ => Marker::Dotted(parts),
        };
        return Some((marker, rest));
    }
    if let Some(m) = BULLET.find(line) {
        let rest = &line[m.end()..];
        // `- a. text`: a labelled item written as a bullet keeps its label.
        if let Some((inner, text)) = parse_marker(rest)
            && inner != Marker::Bullet
        {
            return Some((inner, text));
        }
        return Some((Marker::Bullet, rest));
    }
    None
}

/// The numbering style of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Number,
    Letter,
    Roman,
    Upper,
    Plain,
}

/// Style, value and id label of a marker. `i.` is a letter right after `h.`
/// (`prev_letter` = 8), `v.` a roman numeral right after `iv.`; a lone `i.` opens roman numerals.
pub(crate) fn resolve_marker(
    m: &Marker,
    prev_letter: Option<u32>,
    prev_roman: Option<u32>,
) -> (Style, u32, String) {
    match m {
        Marker::Number(n) => (Style::Number, *n, n.to_string()),
        Marker::Letter(c) => (Style::Letter, letter_value(*c), c.to_string()),
        Marker::Upper(c) => (
            Style::Upper,
            letter_value(c.to_ascii_lowercase()),
            c.to_string(),
        ),
        Marker::Roman(n) => (Style::Roman, *n, to_roman(*n)),
        Marker::LetterOrRoman(c) => {
            let as_letter = letter_value(*c);
            let as_roman = roman_value(&c.to_string()).unwrap_or(1);
            if prev_letter == Some(as_letter - 1) {
                (Style::Letter, as_letter, c.to_string())
            } else if prev_roman == Some(as_roman - 1) || *c == 'i' {
                (Style::Roman, as_roman, to_roman(as_roman))
            } else {
                (Style::Letter, as_letter, c.to_string())
            }
        }
        Marker::Dotted(_) | Marker::Bullet => (Style::Plain, 0, String::new()),
    }
}

/// 1 for `a`, 2 for `b`, …
pub(crate) fn letter_value(c: char) -> u32 {
    u32::from(c) - u32::from('a') + 1
}

/// The value of a lower-case roman numeral, or `None` when `s` is not one.
#[must_use]
pub(crate) fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let values: Option<Vec<u32>> = s.chars().map(digit).collect();
    let values = values?;
    let mut total = 0i64;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    let total = u32::try_from(total).ok()?;
    (to_roman(total) == s).then_some(total)
}

/// The lower-case roman numeral for `n` (1..=3999).
#[must_use]
pub(crate) fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Whether `text` reads like a title rather than a rule: short, no sentence
/// punctuation at the end, no `Label: value` colon.
#[must_use]
pub(crate) fn title_like(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=10).contains(&words)
        && !t.ends_with(['.', ';', ':', '!', '?', ','])
        && !t.contains(": ")
        && t.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_markers() {
        assert_eq!(
            parse_heading_marker("Section 2: Teams"),
            Some((Marker::Number(2), "Teams"))
        );
        assert_eq!(
            parse_heading_marker("Section 3 – Submissions"),
            Some((Marker::Number(3), "Submissions"))
        );
        assert_eq!(
            parse_heading_marker("Article 4.2. Data"),
            Some((Marker::Dotted(vec![4, 2]), "Data"))
        );
        assert_eq!(parse_heading_marker("Sections and terms"), None);
        // Running text is not a heading: "Section 2" there is a reference.
        assert_eq!(parse_marker("Section 2 applies to teams."), None);
    }

    #[test]
    fn markers() {
        assert_eq!(
            parse_marker("2.6 External Data"),
            Some((Marker::Dotted(vec![2, 6]), "External Data"))
        );
        assert_eq!(parse_marker("1. Title"), Some((Marker::Number(1), "Title")));
        assert_eq!(
            parse_marker("(b) text"),
            Some((Marker::Letter('b'), "text"))
        );
        assert_eq!(parse_marker("(iv) text"), Some((Marker::Roman(4), "text")));
        assert_eq!(
            parse_marker("i. text"),
            Some((Marker::LetterOrRoman('i'), "text"))
        );
        assert_eq!(parse_marker("A. text"), Some((Marker::Upper('A'), "text")));
        assert_eq!(
            parse_marker("5 Eligibility"),
            Some((Marker::Number(5), "Eligibility"))
        );
        assert_eq!(parse_marker("- item"), Some((Marker::Bullet, "item")));
        assert_eq!(parse_marker("e.g. this"), None);
        assert_eq!(parse_marker("18 years old are welcome."), None);
        assert_eq!(parse_marker("Q. Can I?"), None);
        assert_eq!(
            parse_marker("- a. text"),
            Some((Marker::Letter('a'), "text"))
        );
        assert_eq!(parse_marker("* 3. text"), Some((Marker::Number(3), "text")));
        assert_eq!(
            parse_marker("2.2Employees of the Sponsor"),
            Some((Marker::Dotted(vec![2, 2]), "Employees of the Sponsor"))
        );
        assert_eq!(
            parse_marker("2.Eligibility"),
            Some((Marker::Number(2), "Eligibility"))
        );
        assert_eq!(
            parse_marker("2.EXTERNAL DATA AND TOOLS"),
            Some((Marker::Number(2), "EXTERNAL DATA AND TOOLS"))
        );
        assert_eq!(parse_marker("2.5GB of memory is available."), None);
        assert_eq!(parse_marker("2.5GHz CPUs are used."), None);
        assert_eq!(parse_marker("2Employees"), None);
    }

    #[test]
    fn letters_and_romans_are_told_apart() {
        let r = |c, l, ro| resolve_marker(&Marker::LetterOrRoman(c), l, ro).2;
        assert_eq!(r('i', Some(8), None), "i");
        assert_eq!(r('i', None, None), "i");
        assert_eq!(
            resolve_marker(&Marker::LetterOrRoman('i'), None, None).0,
            Style::Roman
        );
        assert_eq!(r('v', None, Some(4)), "v");
        assert_eq!(
            resolve_marker(&Marker::LetterOrRoman('c'), Some(2), None).0,
            Style::Letter
        );
    }

    #[test]
    fn romans() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("xii"), Some(12));
        assert_eq!(roman_value("iiv"), None);
        assert_eq!(to_roman(9), "ix");
    }
}
