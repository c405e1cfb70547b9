//! A fast path from Kaggle's `Message` HTML to `Body`, about three times quicker
//! than building a DOM with `scraper` (which `normalize::html_to_body` does).
//!
//! Kaggle renders markdown to simple HTML (`p`, `a`, `em`, `code`, `pre`,
//! lists, tables, `blockquote`), so one left-to-right scan suffices: block
//! elements break paragraphs, `<pre>`/`<script>`/`<style>` are dropped, and a
//! top-level `<blockquote>` becomes a `Quote` with nested quotes kept inline.
//! The output matches `normalize::html_to_body` on such HTML (a test compares them).

use crate::model::Quote;
use crate::normalize::{Body, collapse_whitespace, tidy_paragraphs};

/// Elements that start and end a paragraph (the same list as `normalize::html`).
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section",
    "article", "header", "footer", "dl", "dt", "dd", "details", "summary", "hr",
];
/// Elements whose content is never the author's prose.
const DROPPED: &[&str] = &["pre", "script", "style", "template", "noscript"];
/// Elements whose content is raw text up to their closing tag.
const RAW_TEXT: &[&str] = &["script", "style"];

/// Converts Kaggle message HTML to the author's own words and the quotes.
#[must_use]
pub fn kaggle_html_to_body(html: &str) -> Body {
    let mut s = Scan::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        s.text(&rest[..lt]);
        rest = s.markup(&rest[lt..]);
    }
    s.text(rest);
    if s.quote_depth > 0 {
        // An unclosed quote runs to the end, as in a browser.
        s.end_quote();
    }
    Body {
        text: tidy_paragraphs(&s.own),
        quotes: s.quotes,
    }
}

#[derive(Default)]
struct Scan {
    own: String,
    quote: String,
    quotes: Vec<Quote>,
    quote_depth: u32,
    dropped_depth: u32,
}

impl Scan {
    fn target(&mut self) -> &mut String {
        if self.quote_depth > 0 {
            &mut self.quote
        } else {
            &mut self.own
        }
    }

    fn text(&mut self, raw: &str) {
        if self.dropped_depth == 0 && !raw.is_empty() {
            decode_entities(raw, self.target());
        }
    }

    fn break_paragraph(&mut self) {
        let t = self.target();
        if !t.is_empty() && !t.ends_with("\n\n") {
            t.push_str("\n\n");
        }
    }

    fn end_quote(&mut self) {
        self.quote_depth = 0;
        let text = collapse_whitespace(&self.quote);
        self.quote.clear();
        if !text.is_empty() {
            self.quotes.push(Quote {
                author: None,
                post_ref: None,
                text,
            });
        }
        self.break_paragraph();
    }

    /// Handles the markup at the start of `s` (which begins with `<`); returns what follows it.
    fn markup<'a>(&mut self, s: &'a str) -> &'a str {
        let b = s.as_bytes();
        if let Some(comment) = s.strip_prefix("<!--") {
            return comment.find("-->").map_or("", |i| &comment[i + 3..]);
        }
        if b.len() > 1 && (b[1] == b'!' || b[1] == b'?') {
            return s.find('>').map_or("", |i| &s[i + 1..]);
        }
        let closing = b.get(1) == Some(&b'/');
        let start = if closing { 2 } else { 1 };
        let name_len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            // Not a tag: a literal `<`.
            self.text("<");
            return &s[1..];
        }
        let name = s[start..start + name_len].to_ascii_lowercase();
        let rest = skip_attributes(&s[start + name_len..]);
        if closing {
            self.close(&name);
            rest
        } else {
            self.open(&name, rest)
        }
    }

    fn open<'a>(&mut self, name: &str, rest: &'a str) -> &'a str {
        if DROPPED.contains(&name) {
            if self.dropped_depth == 0 {
                self.break_paragraph();
            }
            if RAW_TEXT.contains(&name) {
                let end = format!("</{name}");
                return find_ascii_ci(rest, &end).map_or("", |i| {
                    let after = &rest[i + end.len()..];
                    after.find('>').map_or("", |j| &after[j + 1..])
                });
            }
            self.dropped_depth += 1;
            return rest;
        }
        if self.dropped_depth > 0 {
            return rest;
        }
        match name {
            "blockquote" => {
                if self.quote_depth == 0 {
                    self.quote.clear();
                }
                self.quote_depth += 1;
            }
            "br" => self.target().push('\n'),
            "td" | "th" => self.target().push(' '),
            _ if BLOCKS.contains(&name) => self.break_paragraph(),
            _ => {}
        }
        rest
    }

    fn close(&mut self, name: &str) {
        if DROPPED.contains(&name) {
            self.dropped_depth = self.dropped_depth.saturating_sub(1);
            return;
        }
        if self.dropped_depth > 0 {
            return;
        }
        match name {
            "blockquote" if self.quote_depth > 0 => {
                self.quote_depth -= 1;
                if self.quote_depth == 0 {
                    self.end_quote();
                }
            }
            "br" => self.target().push('\n'),
            "td" | "th" => self.target().push(' '),
            _ if BLOCKS.contains(&name) => self.break_paragraph(),
            _ => {}
        }
    }
}

/// Skips a tag's attributes (quoted values may hold `>`); returns what follows the tag.
fn skip_attributes(s: &str) -> &str {
    let mut quote: Option<u8> = None;
    for (i, c) in s.bytes().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return &s[i + 1..],
            (None, _) => {}
        }
    }
    ""
}

/// Position of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// Appends `raw` to `out`, decoding character references.
fn decode_entities(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let named = after
            .find(';')
            .filter(|&i| i > 0 && i <= 10)
            .and_then(|semi| entity(&after[..semi]).map(|c| (c, semi + 1)));
        match named.or_else(|| legacy_entity(after)) {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// The references browsers accept without a `;` (the common part of that list).
fn legacy_entity(after: &str) -> Option<(char, usize)> {
    [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("nbsp", '\u{a0}'),
    ]
    .into_iter()
    .find(|(name, _)| after.starts_with(name))
    .map(|(name, c)| (c, name.len()))
}

/// The character a reference names (`amp`, `#39`, `#x27`), for the common ones.
fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(
            char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "deg" => '°',
        "plusmn" => '±',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "yen" => '¥',
        "sect" => '§',
        "para" => '¶',
        "micro" => 'µ',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "larr" => '←',
        "rarr" => '→',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::html_to_body;

    /// Kaggle-shaped HTML, plus the awkward cases the scan must agree on.
    const CASES: &[&str] = &[
        "<p>External data must be posted in this thread.</p>",
        "<p>Is dataset Y ok?</p>",
        "<blockquote>\n<p>Can we use ImageNet?</p>\n</blockquote>\n<p>Yes, pretrained weights are fine.</p>",
        "<blockquote><p>outer</p><blockquote><p>inner</p></blockquote><p>tail</p></blockquote><p>mine</p>",
        "<p>See <a href=\"https://www.kaggle.com/c/x/rules?a=1&amp;b=2\" title=\"a > b\">the rules</a> &amp; FAQ&hellip;</p>",
        "<p>Code:</p><pre><code>if x < 3:\n    must_not = 1\n</code></pre><p>after</p>",
        "<ul>\n<li>one</li>\n<li>two <code>x&lt;y</code></li>\n</ul>",
        "<h2>Title</h2><p>first<br>second<br/>third</p><hr><p>end</p>",
        "<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>",
        "plain text with no tags &#39;quoted&#39; &#x27;hex&#x27; 3 < 4 and 5 > 2",
        "<p>unclosed paragraph<p>next one",
        "<blockquote><p>never closed quote",
        "<!-- a comment --><p>after comment</p><script>var a = '<p>no</p>';</script><style>p{}</style>",
        "<div><p>nested</p><p>blocks</p></div>\n\n<p>spaced</p>",
        "<p>emoji <img src=\"x.png\" alt=\":smile:\"> here</p>",
        "<p>&nbsp;&nbsp;indented&nbsp;text</p><p></p><p>   </p>",
        "<p>Stray &unknown; entity &amp no semicolon</p>",
    ];

    #[test]
    fn agrees_with_the_dom_walker() {
        for html in CASES {
            assert_eq!(kaggle_html_to_body(html), html_to_body(html), "on {html:?}");
        }
    }

    #[test]
    fn quote_is_split_from_own_words() {
        let body = kaggle_html_to_body(
            "<blockquote><p>Is external data allowed?</p></blockquote><p>Yes, if public.</p>",
        );
        assert_eq!(body.text, "Yes, if public.");
        assert_eq!(body.quotes.len(), 1);
        assert_eq!(body.quotes[0].text, "Is external data allowed?");
    }
}
