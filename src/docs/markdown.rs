//! Markdown and plain text (including text extracted from PDFs) to blocks.
//!
//! Tolerant of ragged copies: headings fused to their number (`####6.`), stray
//! HTML tags (`</h5>`), lost markdown, ALL-CAPS lines as headings, items that
//! wrap over several lines, and FAQ `Q:` / `A:` lines, which become one block.

use std::sync::LazyLock;

use regex::Regex;

use super::block::{Block, BlockKind, Marker, parse_heading_marker, parse_marker, title_like};
use super::layout::is_chrome_text;
use crate::normalize::collapse_whitespace;

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$").expect("regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>").expect("regex")
});
static TABLE_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$").expect("regex")
});
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*|__)?(?:Q|Question)\s*(?:\d+\s*)?[:.](?:\*\*|__)?\s").expect("regex")
});
static ANSWER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\*\*|__)?(?:A|Answer)\s*[:.](?:\*\*|__)?\s").expect("regex"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)").expect("regex"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*\*|__|\*([^*\s][^*]*?)\*|(?:^|\s)_([^_\s][^_]*?)_(?:\s|$)|`").expect("regex")
});

/// Splits markdown or plain text into blocks.
#[must_use]
pub fn markdown_blocks(source: &str) -> Vec<Block> {
    let cleaned = TAG.replace_all(source, " ");
    let cleaned = decode_entities(&cleaned);
    let mut reader = Reader::default();
    let mut fenced = false;
    for raw in cleaned.lines() {
        if raw.trim_start().starts_with("```") || raw.trim_start().starts_with("~~~") {
            fenced = !fenced;
            reader.close();
            continue;
        }
        if !fenced {
            reader.line(raw);
        }
    }
    reader.close();
    reader.flush_row();
    reader.blocks
}

#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    /// Text of the block being read, still raw (markdown inline syntax kept).
    open: Option<Block>,
    /// A blank line was seen since the open block's last line.
    after_blank: bool,
    /// Lines in the open block.
    open_lines: usize,
    /// Previous line was a table row that may be a header row.
    last_row: Option<String>,
}

impl Reader {
    fn line(&mut self, raw: &str) {
        let line = raw.replace('\u{a0}', " ");
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.flush_row();
            self.after_blank = true;
            return;
        }
        // Page chrome inside the text (PDF page numbers, "last updated") is skipped
        // without ending the item it interrupts.
        if is_chrome_text(trimmed) {
            return;
        }
        let indent = line.len() - line.trim_start().len();
        let trimmed = trimmed.strip_prefix('>').map_or(trimmed, str::trim);
        if trimmed.starts_with('|') || (trimmed.contains(" | ") && trimmed.ends_with('|')) {
            self.row(trimmed);
            return;
        }
        self.flush_row();
        if let Some(c) = HEADING.captures(trimmed) {
            let level = u8::try_from(c[1].len()).unwrap_or(6);
            self.close();
            if !c[2].trim().is_empty() {
                self.push(heading(level, &c[2]));
            }
            return;
        }
        if is_rule_line(trimmed) {
            self.setext(trimmed);
            return;
        }
        if ANSWER.is_match(trimmed) && self.open_or_last_is_question() {
            self.append_to_question(trimmed);
            return;
        }
        let unescaped = trimmed.replace("\\.", ".").replace("\\)", ")");
        if let Some((marker, rest)) = parse_marker(&unescaped) {
            self.close();
            let depth = (marker == Marker::Bullet).then_some(indent / 2);
            self.open = Some(Block {
                kind: BlockKind::Item,
                marker: Some(marker),
                depth,
                text: rest.to_owned(),
                title: false,
            });
            self.open_lines = 1;
            self.after_blank = false;
            return;
        }
        if is_caps_heading(trimmed) {
            self.close();
            self.push(heading(2, trimmed));
            return;
        }
        let continues = match &self.open {
            Some(b) => {
                (!self.after_blank || (indent >= 2 && b.kind == BlockKind::Item))
                    && !self.titles_next(b, trimmed)
            }
            None => false,
        };
        if continues && !QUESTION.is_match(trimmed) {
            if let Some(b) = &mut self.open {
                b.text.push(' ');
                b.text.push_str(trimmed);
                self.open_lines += 1;
            }
        } else {
            self.close();
            self.open = Some(Block::new(BlockKind::Para, trimmed.to_owned()));
            self.open_lines = 1;
        }
        self.after_blank = false;
    }

    /// Whether the open block is a numbered title on a line of its own
    /// ("1.General", "3 Teams") and `line` the sentence it heads, in a copy
    /// that lost the blank line between them.
    fn titles_next(&self, open: &Block, line: &str) -> bool {
        self.open_lines == 1
            && open.kind == BlockKind::Item
            && open.marker.as_ref().is_some_and(|m| *m != Marker::Bullet)
            && open.text.split_whitespace().count() <= 4
            && title_like(&open.text)
            && !ends_mid_sentence(&open.text)
            && line.split_whitespace().count() > 4
            && line.ends_with(['.', ':', ')'])
            && line.starts_with(|c: char| c.is_uppercase())
    }

    fn row(&mut self, line: &str) {
        self.close();
        if TABLE_SEPARATOR.is_match(line) {
            // The row above was a header row: not a clause.
            self.last_row = None;
            return;
        }
        self.flush_row();
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| clean_inline(c.trim()))
            .filter(|c| !c.is_empty())
            .collect();
        if !cells.is_empty() {
            self.last_row = Some(cells.join(" | "));
        }
    }

    fn flush_row(&mut self) {
        if let Some(row) = self.last_row.take() {
            self.blocks.push(Block::new(BlockKind::Row, row));
        }
    }

    /// `===` or `---` under a paragraph line makes it a heading; alone it is a rule.
    fn setext(&mut self, line: &str) {
        if let Some(b) = self
            .open
            .take_if(|b| b.kind == BlockKind::Para && !self.after_blank)
        {
            let level = if line.starts_with('=') { 1 } else { 2 };
            self.push(heading(level, &b.text));
        } else {
            self.close();
        }
    }

    fn open_or_last_is_question(&self) -> bool {
        let last = self.open.as_ref().or(self.blocks.last());
        last.is_some_and(|b| {
            let t = clean_inline(&b.text);
            b.kind != BlockKind::Heading(0) && (QUESTION.is_match(&b.text) || t.ends_with('?'))
        })
    }

    fn append_to_question(&mut self, line: &str) {
        if self.open.is_none()
            && let Some(last) = self.blocks.pop()
        {
            self.open = Some(last);
        }
        if let Some(b) = &mut self.open {
            if let BlockKind::Heading(_) = b.kind {
                b.kind = BlockKind::Para;
            }
            b.text.push(' ');
            b.text.push_str(line);
        }
        self.after_blank = false;
    }

    fn push(&mut self, block: Block) {
        self.blocks.push(block);
        self.after_blank = false;
    }

    fn close(&mut self) {
        if let Some(mut b) = self.open.take() {
            b.text = clean_inline(&b.text);
            if !b.text.is_empty() || b.marker.is_some() {
                self.blocks.push(b);
            }
        }
    }
}

/// Whether `text` stops on a word that needs more after it ("… by the"):
/// a wrapped line, not a title.
fn ends_mid_sentence(text: &str) -> bool {
    const OPEN: &[&str] = &[
        "a", "an", "the", "of", "to", "by", "and", "or", "for", "in", "on", "with", "from", "at",
        "as", "is", "are", "be", "may", "must", "can", "will", "shall", "not", "your", "their",
    ];
    text.split_whitespace()
        .last()
        .is_some_and(|w| OPEN.contains(&w.to_lowercase().as_str()))
}

fn heading(level: u8, text: &str) -> Block {
    let text = clean_inline(text.trim_end_matches('#'));
    let (marker, rest) = match parse_heading_marker(&text) {
        Some((m, rest)) if m != Marker::Bullet => (Some(m), rest.to_owned()),
        _ => (None, text.clone()),
    };
    Block {
        kind: BlockKind::Heading(level),
        marker,
        depth: None,
        text: rest.trim().trim_end_matches(':').to_owned(),
        title: false,
    }
}

fn is_rule_line(line: &str) -> bool {
    line.len() >= 3
        && (line.chars().all(|c| c == '=' || c == ' ')
            || line.chars().all(|c| c == '-' || c == ' ')
            || line.chars().all(|c| c == '*' || c == ' ')
            || line.chars().all(|c| c == '_' || c == ' '))
}

/// An ALL-CAPS line: a heading in ragged copies and PDFs.
#[must_use]
pub(crate) fn is_caps_heading(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && line.split_whitespace().count() <= 12
        && !line.ends_with(['.', ','])
}

/// Markdown inline syntax (emphasis, links, code ticks, escapes) to visible text.
#[must_use]
pub(crate) fn clean_inline(text: &str) -> String {
    let t = LINK.replace_all(text, "$1");
    let t = EMPHASIS.replace_all(&t, |c: &regex::Captures<'_>| {
        let whole = &c[0];
        if let Some(inner) = c.get(1) {
            inner.as_str().to_owned()
        } else if let Some(inner) = c.get(2) {
            let lead = if whole.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let trail = if whole.ends_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            format!("{lead}{}{trail}", inner.as_str())
        } else {
            String::new()
        }
    });
    let t = t
        .replace("\\*", "*")
        .replace("\\_", "_")
        .replace("\\.", ".");
    collapse_whitespace(&t)
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "\u{2019}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(BlockKind, Option<Marker>, String)> {
        markdown_blocks(src)
            .into_iter()
            .map(|b| (b.kind, b.marker, b.text))
            .collect()
    }

    #[test]
    fn headings_items_and_faq() {
        let got = texts(
            "# Title\n\n## 2. Rules\n\n### 2.6 External Data\n\na. You **may** use\ndata.\n\n3. **Q: Can I?** A: Yes.\n",
        );
        assert_eq!(got[0], (BlockKind::Heading(1), None, "Title".into()));
        assert_eq!(
            got[1],
            (
                BlockKind::Heading(2),
                Some(Marker::Number(2)),
                "Rules".into()
            )
        );
        assert_eq!(
            got[2],
            (
                BlockKind::Heading(3),
                Some(Marker::Dotted(vec![2, 6])),
                "External Data".into()
            )
        );
        assert_eq!(
            got[3],
            (
                BlockKind::Item,
                Some(Marker::Letter('a')),
                "You may use data.".into()
            )
        );
        assert_eq!(
            got[4],
            (
                BlockKind::Item,
                Some(Marker::Number(3)),
                "Q: Can I? A: Yes.".into()
            )
        );
    }

    #[test]
    fn ragged_input() {
        let got = texts(
            "####6. Winners</h5>\nCOMPETITION RULES\nQ: Is it ok?\nA: Yes.\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
        assert_eq!(
            got[0],
            (
                BlockKind::Heading(4),
                Some(Marker::Number(6)),
                "Winners".into()
            )
        );
        assert_eq!(
            got[1],
            (BlockKind::Heading(2), None, "COMPETITION RULES".into())
        );
        assert_eq!(
            got[2],
            (BlockKind::Para, None, "Q: Is it ok? A: Yes.".into())
        );
        assert_eq!(got[3], (BlockKind::Row, None, "1 | 2".into()));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn a_numbered_title_without_a_blank_line_heads_the_next_sentence() {
        let got = texts("1.General\nThe Competition is run by Acme Labs.\n");
        assert_eq!(
            got,
            vec![
                (BlockKind::Item, Some(Marker::Number(1)), "General".into()),
                (
                    BlockKind::Para,
                    None,
                    "The Competition is run by Acme Labs.".into()
                ),
            ]
        );
        // A wrapped item line is not a title.
        let got = texts("1. Entries by the\nSponsor's employees are void.\n");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
