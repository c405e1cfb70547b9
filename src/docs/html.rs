//! HTML pages (saved from a browser, or fetched) to blocks.
//!
//! Reads only the main content (`<main>`, `<article>`, `role="main"`, else the
//! body), skips page chrome (navigation, header, footer, sidebars, cookie
//! banners, scripts, forms), numbers `<ol>` items from the list structure
//! (`type`, `start`, `value`) when the numbers exist only there, turns table
//! rows and `<dt>`/`<dd>` or `<details>` pairs into one block each.

use scraper::{ElementRef, Html, Node, Selector};

use super::block::{Block, BlockKind, Marker, parse_heading_marker, parse_marker, title_like};
use crate::normalize::collapse_whitespace;

/// The page's `<title>`, when it has one.
#[must_use]
pub(crate) fn html_title(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("title").expect("static selector");
    doc.select(&sel)
        .next()
        .map(|t| collapse_whitespace(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// Splits an HTML page into blocks.
#[must_use]
pub fn html_blocks(html: &str) -> Vec<Block> {
    let doc = Html::parse_document(html);
    let root = ["main", "article", "[role=main]", "body"]
        .iter()
        .find_map(|s| {
            let sel = Selector::parse(s).expect("static selector");
            doc.select(&sel).next()
        })
        .unwrap_or_else(|| doc.root_element());
    let mut w = Walker::default();
    w.children(root, 0);
    w.flush();
    w.blocks
}

const CHROME_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form",
    "button", "svg", "iframe", "select", "input", "head", "title", "menu",
];
const CHROME_HINTS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "breadcrumb",
    "cookie",
    "sidebar",
    "banner",
    "toolbar",
    "skip",
    "share",
    "social",
];

fn is_chrome(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if CHROME_TAGS.contains(&v.name()) || v.attr("hidden").is_some() {
        return true;
    }
    if v.attr("aria-hidden") == Some("true") || v.attr("role") == Some("navigation") {
        return true;
    }
    let names = v.classes().chain(v.id());
    names.into_iter().any(|c| {
        let c = c.to_ascii_lowercase();
        CHROME_HINTS.iter().any(|h| {
            c == *h
                || c.starts_with(&format!("{h}-"))
                || c.ends_with(&format!("-{h}"))
                || c.starts_with(&format!("site-{h}"))
        })
    })
}

/// Stands for `<br>` in the paragraph buffer (source newlines are only whitespace).
const LINE_BREAK: char = '\u{2028}';

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    buf: String,
}

impl Walker {
    fn children(&mut self, el: ElementRef<'_>, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.buf.push_str(t),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>, depth: usize) {
        if is_chrome(el) {
            return;
        }
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse().unwrap_or(2);
                let text = collapse_whitespace(&visible_text(el));
                self.blocks.push(heading_block(level, &text));
            }
            "ol" | "ul" => {
                self.flush();
                self.list(el, depth);
            }
            "table" => {
                self.flush();
                self.table(el);
            }
            "dl" => {
                self.flush();
                self.definitions(el);
            }
            "details" => {
                self.flush();
                let text = collapse_whitespace(&visible_text(el));
                self.push_para(text);
            }
            "br" => self.buf.push(LINE_BREAK),
            "p" | "div" | "section" | "blockquote" | "li" | "dd" | "dt" | "summary" | "hr"
            | "center" | "pre" | "address" | "figure" | "figcaption" => {
                self.flush();
                self.children(el, depth);
                self.flush();
            }
            _ => self.children(el, depth),
        }
    }

    fn list(&mut self, el: ElementRef<'_>, depth: usize) {
        let ordered = el.value().name() == "ol";
        let kind = el.value().attr("type").unwrap_or("1").to_owned();
        let mut n: u32 = el
            .value()
            .attr("start")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(1);
        for li in el.children().filter_map(ElementRef::wrap) {
            if li.value().name() != "li" {
                self.element(li, depth);
                continue;
            }
            if let Some(v) = li.value().attr("value").and_then(|s| s.trim().parse().ok()) {
                n = v;
            }
            let marker = if ordered {
                list_marker(&kind, n)
            } else {
                Marker::Bullet
            };
            self.item(li, marker, depth);
            n += 1;
        }
    }

    fn item(&mut self, li: ElementRef<'_>, marker: Marker, depth: usize) {
        let mut own = String::new();
        let mut has_heading = false;
        let mut nested = Vec::new();
        for child in li.children() {
            match child.value() {
                Node::Text(t) => own.push_str(t),
                Node::Element(e) => {
                    let Some(c) = ElementRef::wrap(child) else {
                        continue;
                    };
                    if is_chrome(c) {
                        continue;
                    }
                    match e.name() {
                        "ol" | "ul" | "table" | "dl" => nested.push(c),
                        n if n.len() == 2 && n.starts_with('h') => {
                            has_heading = true;
                            own.push(' ');
                            own.push_str(&visible_text(c));
                            own.push(' ');
                        }
                        _ => {
                            own.push(' ');
                            own.push_str(&visible_text(c));
                            own.push(' ');
                        }
                    }
                }
                _ => {}
            }
        }
        let text = collapse_whitespace(&own);
        // Numbering typed into the item (`<ol style="list-style-type: none"><li>2.6 …`)
        // is what readers see and cite: it wins over the list's own, and its
        // style, not the list nesting, gives its level.
        let (marker, depth_hint, text) = match parse_marker(&text) {
            Some((m, rest)) if m != Marker::Bullet => (m, None, rest.to_owned()),
            _ => (marker, Some(depth), text),
        };
        let title = !nested.is_empty() && (has_heading || title_like(&text));
        if !text.is_empty() || !nested.is_empty() {
            self.blocks.push(Block {
                kind: BlockKind::Item,
                marker: Some(marker),
                depth: depth_hint,
                text,
                title,
            });
        }
        for c in nested {
            match c.value().name() {
                "ol" | "ul" => self.list(c, depth + 1),
                "table" => self.table(c),
                _ => self.definitions(c),
            }
        }
    }

    fn table(&mut self, el: ElementRef<'_>) {
        let tr = Selector::parse("tr").expect("static selector");
        for row in el.select(&tr) {
            let cells: Vec<ElementRef<'_>> = row
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .collect();
            if cells.iter().all(|c| c.value().name() == "th") {
                continue;
            }
            let texts: Vec<String> = cells
                .iter()
                .map(|c| collapse_whitespace(&visible_text(*c)))
                .filter(|t| !t.is_empty())
                .collect();
            // A first cell holding only a number ("4.1") numbers the row, as in
            // rules laid out as a table of numbered clauses.
            let numbered = texts.len() > 1
                && parse_marker(&texts[0])
                    .is_some_and(|(m, rest)| m != Marker::Bullet && rest.trim().is_empty());
            if numbered {
                self.push_para(format!("{} {}", texts[0], texts[1..].join(" | ")));
            } else if !texts.is_empty() {
                self.blocks
                    .push(Block::new(BlockKind::Row, texts.join(" | ")));
            }
        }
    }

    /// `<dt>` question + `<dd>` answer(s) become one block.
    fn definitions(&mut self, el: ElementRef<'_>) {
        let mut current = String::new();
        for c in el.children().filter_map(ElementRef::wrap) {
            let text = collapse_whitespace(&visible_text(c));
            match c.value().name() {
                "dt" => {
                    self.push_para(std::mem::take(&mut current));
                    current = text;
                }
                _ => {
                    current.push(' ');
                    current.push_str(&text);
                }
            }
        }
        self.push_para(current);
    }

    fn push_para(&mut self, text: String) {
        let text = collapse_whitespace(&text);
        if text.is_empty() {
            return;
        }
        let block = match parse_marker(&text) {
            Some((m, rest)) => Block {
                kind: BlockKind::Item,
                depth: (m == Marker::Bullet).then_some(0),
                marker: Some(m),
                text: rest.to_owned(),
                title: false,
            },
            None => Block::new(BlockKind::Para, text),
        };
        self.blocks.push(block);
    }

    /// Ends the current paragraph. Lines broken by `<br>` that start with their
    /// own marker (`a. …<br>b. …`) become separate items.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let mut current = String::new();
        for line in text.split(LINE_BREAK) {
            let trimmed = line.trim();
            if parse_marker(trimmed).is_some() && !current.trim().is_empty() {
                self.push_para(std::mem::take(&mut current));
            }
            current.push(' ');
            current.push_str(trimmed);
        }
        self.push_para(current);
    }
}

fn heading_block(level: u8, text: &str) -> Block {
    let (marker, rest) = match parse_heading_marker(text) {
        Some((m, rest)) if m != Marker::Bullet => (Some(m), rest.to_owned()),
        _ => (None, text.to_owned()),
    };
    Block {
        kind: BlockKind::Heading(level),
        marker,
        depth: None,
        text: rest.trim().trim_end_matches(':').to_owned(),
        title: false,
    }
}

/// The marker `<ol type=…>` shows for the `n`-th item.
fn list_marker(kind: &str, n: u32) -> Marker {
    match kind {
        "a" => Marker::Letter(letter(n, b'a')),
        "A" => Marker::Upper(letter(n, b'A')),
        "i" => Marker::Roman(n),
        "I" => Marker::Roman(n),
        _ => Marker::Number(n),
    }
}

fn letter(n: u32, base: u8) -> char {
    let offset = u8::try_from(n.saturating_sub(1) % 26).unwrap_or(0);
    char::from(base + offset)
}

/// Visible text under `el`, chrome and scripts skipped, block boundaries as spaces.
fn visible_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child)
                    && !is_chrome(c)
                {
                    out.push(' ');
                    out.push_str(&visible_text(c));
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
    out
}

/// A JavaScript shell: a page whose rules are rendered in the browser, so its
/// HTML holds scripts and almost no visible text.
#[must_use]
pub fn is_javascript_shell(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let scripts = lower.matches("<script").count();
    if scripts == 0 {
        return false;
    }
    let doc = Html::parse_document(html);
    let body = Selector::parse("body").expect("static selector");
    let text = doc
        .select(&body)
        .next()
        .map(|b| collapse_whitespace(&visible_text(b)))
        .unwrap_or_default();
    let words = text.split_whitespace().count();
    let asks_for_js = lower.contains("enable javascript") || lower.contains("requires javascript");
    words < 40 || (asks_for_js && words < 150)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ol_numbering_and_chrome() {
        let html = r#"<html><body><nav>Home Rules</nav><main>
<h2>2. COMPETITION-SPECIFIC RULES</h2>
<ol><li><strong>TEAM LIMITS</strong><ol type="a"><li>The maximum Team size is 5.</li><li>Mergers are allowed.</li></ol></li></ol>
<table><tr><th>Place</th><th>Prize</th></tr><tr><td>1st</td><td>$5,000</td></tr></table>
</main><footer>© Kaggle</footer></body></html>"#;
        let b = html_blocks(html);
        assert_eq!(b[0].kind, BlockKind::Heading(2));
        assert_eq!(b[0].marker, Some(Marker::Number(2)));
        assert_eq!(b[1].text, "TEAM LIMITS");
        assert!(b[1].title);
        assert_eq!(b[2].marker, Some(Marker::Letter('a')));
        assert_eq!(b[2].depth, Some(1));
        assert_eq!(b[3].marker, Some(Marker::Letter('b')));
        assert_eq!(b[4].text, "1st | $5,000");
        assert_eq!(b.len(), 5);
    }

    #[test]
    fn br_separated_items() {
        let b = html_blocks("<p>a. You must enter.<br>b. You may merge<br>until the deadline.</p>");
        let texts: Vec<&str> = b.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["You must enter.", "You may merge until the deadline."]
        );
        assert_eq!(b[1].marker, Some(Marker::Letter('b')));
    }

    #[test]
    fn typed_numbering_wins_over_list_structure() {
        let b = html_blocks(
            "<ol style=\"list-style-type: none\"><li>1.1 Title: X</li><li>a. The first.</li></ol><ol><li>b. The second.</li></ol>",
        );
        let got: Vec<(Option<Marker>, Option<usize>)> =
            b.iter().map(|x| (x.marker.clone(), x.depth)).collect();
        assert_eq!(
            got,
            vec![
                (Some(Marker::Dotted(vec![1, 1])), None),
                (Some(Marker::Letter('a')), None),
                (Some(Marker::Letter('b')), None)
            ]
        );
    }

    #[test]
    fn shells() {
        assert!(is_javascript_shell(
            "<html><body><div id=\"root\"></div><script src=\"app.js\"></script><noscript>Please enable JavaScript</noscript></body></html>"
        ));
        assert!(!is_javascript_shell(
            "<html><body><p>Rules</p></body></html>"
        ));
    }
}
