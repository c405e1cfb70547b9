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

use super::block::{Block, BlockKind, Marker, Style, resolve_marker, title_like};
use super::clause::rule_leaves;
use super::layout::{
    ANSWER_IN, ANSWER_START, QUESTION_START, block_name, is_bare_question, is_chrome_text,
    is_title_by_lookahead, slug, starts_block,
};

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
    /// The sentence ending in a colon that introduces this item ("To be
    /// eligible, you must be:"), which gives a bare item its reading.
    pub lead: Option<String>,
}

/// A segmented document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The document's own title (its first top-level heading), when it has one.
    pub title: Option<String>,
    /// Its leaves in reading order.
    pub segments: Vec<Segment>,
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
    /// The last paragraph or item ending in a colon, until the next heading or paragraph.
    lead: Option<String>,
    out: Vec<Segment>,
}

impl Segmenter {
    fn block(&mut self, b: &Block, lookahead_title: bool) {
        // Outside a FAQ too, an "A:" paragraph answers the "Q:" paragraph before it.
        let answer = self.answers_question(b) && (self.faq || ANSWER_START.is_match(&b.text));
        if answer {
            if let Some(q) = &mut self.question {
                q.text.push(' ');
                q.text.push_str(&b.text);
            }
            return;
        }
        self.flush_question();
        match b.kind {
            BlockKind::Heading(level) => {
                self.lead = None;
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
                self.lead = None;
                let labelled = QUESTION_START.is_match(&b.text) && !ANSWER_IN.is_match(&b.text);
                if (self.faq && is_bare_question(&b.text)) || labelled {
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

    /// Style, value and id label of a marker, given the item levels open above it.
    fn resolve(&self, m: &Marker) -> (Style, u32, String) {
        let items = || self.stack.iter().rev().filter(|l| l.heading.is_none());
        let prev_letter = items().find(|l| l.style == Style::Letter).map(|l| l.value);
        let prev_roman = items().find(|l| l.style == Style::Roman).map(|l| l.value);
        resolve_marker(m, prev_letter, prev_roman)
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
        if faq {
            self.push(path, heading, text, true);
            return;
        }
        // An item holding several separate rules gives one leaf per rule:
        // `2.6.a`, `2.6.a-2`, … (the same numbering as repeated unnumbered leaves).
        let mut leaves = rule_leaves(&text).into_iter();
        if let Some(first) = leaves.next() {
            self.push(path.clone(), heading.clone(), first, false);
        }
        for leaf in leaves {
            let next = self.unique(path.clone());
            self.push(next, heading.clone(), leaf, false);
        }
    }

    fn push(&mut self, path: String, heading: Vec<String>, text: String, faq: bool) {
        self.seen_content = true;
        let lead = self.lead.clone();
        if text.ends_with(':') {
            self.lead = Some(text.clone());
        }
        self.out.push(Segment {
            path,
            heading,
            text,
            faq,
            lead,
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
