//! The segmenter: blocks in reading order to numbered leaf segments, each with
//! a stable path that mirrors the document's own numbering (`2.6.a`, `1.1`,
//! `found/5`), its heading path and its visible text.
//!
//! Headings give the outer numbers (`## 2.`, `### 2.6`), items the inner ones
//! (`a.`, `(i)`, `1.`), by list depth when the markup shows it and by marker
//! style otherwise. A numbering that restarts after an unnumbered heading such
//! as "Foundational Rules" gets its own prefix. Unnumbered leaves get ids from
//! the numbering or heading around them (`2.6-2`, `eligibility`, `p1`); FAQ
//! questions are joined with their answers. Pure: no I/O.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::block::{Block, BlockKind, Marker, title_like, to_roman};

/// One leaf of a document: the text a clause (or several, split by sentence) is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The numbering path, e.g. `2.6.a`, `found/5`, `faq`-style `3`, or a generated `p1`.
    pub path: String,
    /// Headings above it, outermost first, numbers removed.
    pub heading: Vec<String>,
    /// Visible text, whitespace collapsed.
    pub text: String,
    /// A question joined with its answer.
    pub faq: bool,
}

/// A segmented document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The document's own title (its first top-level heading), when it has one.
    pub title: Option<String>,
    /// Its leaves in reading order.
    pub segments: Vec<Segment>,
}

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
static QUESTION_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Q|Question)\s*\d*\s*[:.]\s").expect("regex"));
static ANSWER_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[?.]\s+)(A|Answer)\s*[:.]\s").expect("regex"));

/// Whether a block's text is page chrome rather than content.
#[must_use]
pub(crate) fn is_chrome_text(text: &str) -> bool {
    let t = text.trim();
    CHROME_TEXT.is_match(t) || (LAST_UPDATED.is_match(t) && t.split_whitespace().count() <= 15)
}

/// Segments `blocks`; `faq` joins questions with the answers that follow them.
#[must_use]
pub fn segment_blocks(blocks: &[Block], faq: bool) -> Segmented {
    let blocks: Vec<&Block> = blocks
        .iter()
        .filter(|b| !b.text.is_empty() || b.marker.is_some())
        .filter(|b| !is_chrome_text(&b.text))
        .collect();
    let mut s = Segmenter {
        faq,
        ..Segmenter::default()
    };
    for (i, b) in blocks.iter().enumerate() {
        let lookahead_title =
            b.depth.is_none() && is_title_by_lookahead(b, blocks.get(i + 1).copied());
        s.block(b, lookahead_title);
    }
    s.flush_question();
    Segmented {
        title: s.title,
        segments: s.out,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Number,
    Letter,
    Roman,
    Upper,
    Plain,
}

#[derive(Debug, Clone)]
struct Level {
    label: Option<String>,
    style: Style,
    value: u32,
    /// `Some(level)` for headings, `None` for list items.
    heading: Option<u8>,
    depth: Option<usize>,
    title: Option<String>,
}

#[derive(Debug, Default)]
struct Question {
    path: String,
    heading: Vec<String>,
    text: String,
}

#[derive(Debug, Default)]
struct Segmenter {
    faq: bool,
    stack: Vec<Level>,
    block: Option<String>,
    pending_block: Option<String>,
    max_top: u32,
    seen_numbered: bool,
    seen_content: bool,
    /// The last absolute path of two or more numbers (`2.2`), for fused headings like `####6.`.
    last_dotted: Option<Vec<u32>>,
    used: HashMap<String, u32>,
    generated: u32,
    title: Option<String>,
    question: Option<Question>,
    out: Vec<Segment>,
}

impl Segmenter {
    fn block(&mut self, b: &Block, lookahead_title: bool) {
        if self.faq && self.answers_question(b) {
            if let Some(q) = &mut self.question {
                q.text.push(' ');
                q.text.push_str(&b.text);
            }
            return;
        }
        self.flush_question();
        match b.kind {
            BlockKind::Heading(level) => {
                if self.faq && b.text.ends_with('?') {
                    self.heading_pop(level);
                    self.start_question(b);
                } else {
                    self.heading(level, b);
                }
            }
            BlockKind::Item => self.item(b, lookahead_title),
            BlockKind::Para
                if !self.seen_content
                    && self.title.is_none()
                    && self.stack.is_empty()
                    && title_like(&b.text) =>
            {
                self.title = Some(b.text.clone());
            }
            BlockKind::Para | BlockKind::Row => {
                self.pop_items();
                if self.faq && is_bare_question(&b.text) {
                    self.start_question(b);
                } else {
                    self.emit(b.text.clone(), false, false);
                }
            }
        }
    }

    fn heading(&mut self, level: u8, b: &Block) {
        if !self.seen_content && self.title.is_none() && level == 1 && b.marker.is_none() {
            self.title = Some(b.text.clone());
            return;
        }
        self.heading_pop(level);
        let title = (!b.text.is_empty()).then(|| b.text.clone());
        // A sub-section heading that lost its prefix (`####6.` after `2.2`) continues that numbering.
        if let (Some(Marker::Number(n)), Some(last)) = (&b.marker, &self.last_dotted)
            && level >= 3
            && !self.has_labels()
            && last.last().is_some_and(|l| n > l)
        {
            let mut v = last[..last.len() - 1].to_vec();
            v.push(*n);
            self.set_numeric(&v, Some(level), None, title);
            return;
        }
        match &b.marker {
            Some(Marker::Dotted(v)) => self.set_numeric(v, Some(level), None, title),
            Some(m) if *m != Marker::Bullet => {
                let (style, value, label) = self.resolve(m);
                if style == Style::Number && !self.has_labels() {
                    self.top_number(value);
                }
                self.stack.push(Level {
                    label: Some(label),
                    style,
                    value,
                    heading: Some(level),
                    depth: None,
                    title,
                });
            }
            _ => {
                if b.text.to_lowercase().contains("foundational") {
                    self.block = Some(block_name(&b.text));
                    self.max_top = 0;
                } else if self.seen_numbered && starts_block(&b.text) {
                    self.pending_block = Some(block_name(&b.text));
                }
                self.stack.push(Level {
                    label: None,
                    style: Style::Plain,
                    value: 0,
                    heading: Some(level),
                    depth: None,
                    title,
                });
            }
        }
    }

    fn heading_pop(&mut self, level: u8) {
        while self
            .stack
            .last()
            .is_some_and(|l| l.heading.is_none_or(|h| h >= level))
        {
            self.stack.pop();
        }
    }

    fn item(&mut self, b: &Block, lookahead_title: bool) {
        let Some(marker) = &b.marker else {
            self.pop_items();
            self.emit(b.text.clone(), false, false);
            return;
        };
        let is_title = b.title || lookahead_title;
        if self.faq && !is_title && is_bare_question(&b.text) && *marker != Marker::Bullet {
            self.place_item(marker, b.depth, None);
            self.start_question(b);
            return;
        }
        match marker {
            Marker::Bullet => {
                if let Some(d) = b.depth {
                    self.pop_deeper(d);
                }
                self.emit(b.text.clone(), false, false);
            }
            Marker::Dotted(v) => {
                let title = is_title.then(|| b.text.clone());
                self.set_numeric(v, None, b.depth, title);
                if !is_title {
                    self.emit(b.text.clone(), true, false);
                }
            }
            m => {
                let title = is_title.then(|| b.text.clone());
                self.place_item(m, b.depth, title);
                if !is_title {
                    self.emit(b.text.clone(), true, false);
                }
            }
        }
    }

    fn place_item(&mut self, m: &Marker, depth: Option<usize>, title: Option<String>) {
        if let Marker::Dotted(v) = m {
            self.set_numeric(v, None, depth, title);
            return;
        }
        let (style, value, label) = self.resolve(m);
        if let Some(d) = depth {
            self.pop_deeper(d);
        } else if let Some(i) = self
            .stack
            .iter()
            .rposition(|l| l.heading.is_none() && l.style == style)
        {
            self.stack.truncate(i);
        }
        if style == Style::Number && !self.has_labels() {
            self.top_number(value);
        }
        self.stack.push(Level {
            label: Some(label),
            style,
            value,
            heading: None,
            depth,
            title,
        });
    }

    fn pop_deeper(&mut self, d: usize) {
        while self
            .stack
            .last()
            .is_some_and(|l| l.heading.is_none() && l.depth.is_some_and(|x| x >= d))
        {
            self.stack.pop();
        }
    }

    /// Paragraphs end the items above them, but not section titles given as items.
    fn pop_items(&mut self) {
        while self
            .stack
            .last()
            .is_some_and(|l| l.heading.is_none() && l.title.is_none())
        {
            self.stack.pop();
        }
    }

    /// An absolute number such as `2.6`: keep the levels it extends, replace the rest.
    fn set_numeric(
        &mut self,
        v: &[u32],
        heading: Option<u8>,
        depth: Option<usize>,
        title: Option<String>,
    ) {
        if v.len() >= 2 {
            self.last_dotted = Some(v.to_vec());
        }
        let mut matched = 0;
        let mut cut = self
            .stack
            .iter()
            .position(|l| l.label.is_some())
            .unwrap_or(self.stack.len());
        for (i, l) in self.stack.iter().enumerate() {
            let Some(label) = &l.label else { continue };
            if matched < v.len() && l.style == Style::Number && *label == v[matched].to_string() {
                matched += 1;
                cut = i + 1;
            } else {
                break;
            }
        }
        self.stack.truncate(cut);
        if matched == 0
            && let Some(first) = v.first()
        {
            self.top_number(*first);
        }
        let rest = &v[matched.min(v.len())..];
        for (k, n) in rest.iter().enumerate() {
            let last = k + 1 == rest.len();
            self.stack.push(Level {
                label: Some(n.to_string()),
                style: Style::Number,
                value: *n,
                heading,
                depth,
                title: if last { title.clone() } else { None },
            });
        }
    }

    fn top_number(&mut self, n: u32) {
        if let Some(name) = self.pending_block.take()
            && self.seen_numbered
            && n <= self.max_top
        {
            self.block = Some(name);
            self.max_top = 0;
        }
        self.max_top = self.max_top.max(n);
        self.seen_numbered = true;
    }

    fn has_labels(&self) -> bool {
        self.stack.iter().any(|l| l.label.is_some())
    }

    /// Style, value and id label of a marker; `i.` is a letter after `h.`, else a roman numeral.
    fn resolve(&self, m: &Marker) -> (Style, u32, String) {
        let items = || self.stack.iter().rev().filter(|l| l.heading.is_none());
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
                let as_roman = super::block::roman_value(&c.to_string()).unwrap_or(1);
                let prev_letter = items().find(|l| l.style == Style::Letter).map(|l| l.value);
                let prev_roman = items().find(|l| l.style == Style::Roman).map(|l| l.value);
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

    fn answers_question(&self, b: &Block) -> bool {
        self.question.is_some()
            && match b.kind {
                BlockKind::Para | BlockKind::Row => !is_bare_question(&b.text),
                BlockKind::Item => b.marker == Some(Marker::Bullet),
                BlockKind::Heading(_) => false,
            }
    }

    fn start_question(&mut self, b: &Block) {
        let numbered = self.has_labels() && b.kind == BlockKind::Item;
        let path = if numbered {
            self.numbered_path()
        } else {
            self.generated += 1;
            format!("q{}", self.generated)
        };
        self.question = Some(Question {
            path,
            heading: self.heading_path(),
            text: b.text.clone(),
        });
    }

    fn flush_question(&mut self) {
        if let Some(q) = self.question.take() {
            let path = self.unique(q.path);
            self.push(path, q.heading, q.text, true);
        }
    }

    fn emit(&mut self, text: String, numbered: bool, faq: bool) {
        if text.is_empty() {
            return;
        }
        let base = if numbered {
            self.numbered_path()
        } else {
            let p = self.numbered_path();
            if !p.is_empty() {
                p
            } else if let Some(t) = self.stack.iter().rev().find_map(|l| l.title.as_deref()) {
                slug(t)
            } else {
                String::new()
            }
        };
        let faq = faq || (self.faq && QUESTION_START.is_match(&text) && ANSWER_IN.is_match(&text));
        let path = if faq && !numbered {
            self.generated += 1;
            self.unique(format!("q{}", self.generated))
        } else if base.is_empty() {
            self.generated += 1;
            self.unique(format!("p{}", self.generated))
        } else {
            self.unique(base)
        };
        let heading = self.heading_path();
        self.push(path, heading, text, faq);
    }

    fn push(&mut self, path: String, heading: Vec<String>, text: String, faq: bool) {
        self.seen_content = true;
        self.out.push(Segment {
            path,
            heading,
            text,
            faq,
        });
    }

    fn numbered_path(&self) -> String {
        let labels: Vec<&str> = self
            .stack
            .iter()
            .filter_map(|l| l.label.as_deref())
            .collect();
        match (&self.block, labels.is_empty()) {
            (Some(b), true) => b.clone(),
            (Some(b), false) => format!("{b}/{}", labels.join(".")),
            (None, _) => labels.join("."),
        }
    }

    fn heading_path(&self) -> Vec<String> {
        self.stack.iter().filter_map(|l| l.title.clone()).collect()
    }

    fn unique(&mut self, base: String) -> String {
        let n = self.used.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            base
        } else {
            let candidate = format!("{base}-{n}");
            if self.used.contains_key(&candidate) {
                self.unique(candidate)
            } else {
                self.used.insert(candidate.clone(), 1);
                candidate
            }
        }
    }
}

fn letter_value(c: char) -> u32 {
    u32::from(c) - u32::from('a') + 1
}

/// A question with no answer in the same block.
fn is_bare_question(text: &str) -> bool {
    let t = text.trim();
    (t.ends_with('?') || QUESTION_START.is_match(t)) && !ANSWER_IN.is_match(t)
}

/// An unnumbered heading that opens a separately numbered block of rules.
fn starts_block(text: &str) -> bool {
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
fn block_name(text: &str) -> String {
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
fn is_title_by_lookahead(b: &Block, next: Option<&Block>) -> bool {
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
