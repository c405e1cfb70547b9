//! HTML post bodies to `Body`: block structure becomes paragraphs, Discourse
//! `aside.quote` and bare `<blockquote>` become quotes, `aside.onebox` link
//! previews and `<pre>` code blocks are dropped.

use scraper::{ElementRef, Html, Node};

use super::{Body, collapse_whitespace, tidy_paragraphs};
use crate::model::Quote;

/// Converts an HTML fragment to the author's own text and the quotes it holds.
#[must_use]
pub fn html_to_body(html: &str) -> Body {
    let fragment = Html::parse_fragment(html);
    let mut walker = Walker::default();
    walker.children(fragment.root_element());
    Body {
        text: tidy_paragraphs(&walker.text),
        quotes: walker.quotes,
    }
}

/// Visible text of an HTML fragment with paragraphs kept (no quote splitting).
#[must_use]
pub fn html_to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut walker = Walker {
        keep_quotes_inline: true,
        ..Walker::default()
    };
    walker.children(fragment.root_element());
    tidy_paragraphs(&walker.text)
}

#[derive(Default)]
struct Walker {
    text: String,
    quotes: Vec<Quote>,
    keep_quotes_inline: bool,
}

const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "section",
    "article", "header", "footer", "dl", "dt", "dd", "details", "summary", "hr",
];

impl Walker {
    fn children(&mut self, el: ElementRef<'_>) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.text.push_str(t),
                Node::Element(_) => {
                    if let Some(child_el) = ElementRef::wrap(child) {
                        self.element(child_el);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        let v = el.value();
        let name = v.name();
        let has_class = |c: &str| v.classes().any(|k| k == c);
        match name {
            "script" | "style" | "template" | "noscript" | "pre" => {
                self.break_paragraph();
            }
            "aside" if has_class("onebox") => self.break_paragraph(),
            "aside" if has_class("quote") && !self.keep_quotes_inline => {
                let author = v.attr("data-username").map(str::to_owned);
                let post_ref = v.attr("data-post").map(str::to_owned);
                let body = el
                    .select(&blockquote_selector())
                    .next()
                    .map(|bq| inner_text(bq))
                    .unwrap_or_default();
                self.push_quote(author, post_ref, body);
                self.break_paragraph();
            }
            "blockquote" if !self.keep_quotes_inline => {
                self.push_quote(None, None, inner_text(el));
                self.break_paragraph();
            }
            "br" => self.text.push('\n'),
            "img" => {
                // Discourse renders emoji as images: keep their alt text (e.g. `:smile:`) out.
            }
            _ if BLOCKS.contains(&name) => {
                self.break_paragraph();
                self.children(el);
                self.break_paragraph();
            }
            "td" | "th" => {
                self.text.push(' ');
                self.children(el);
                self.text.push(' ');
            }
            _ => self.children(el),
        }
    }

    fn break_paragraph(&mut self) {
        if !self.text.ends_with("\n\n") && !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    fn push_quote(&mut self, author: Option<String>, post_ref: Option<String>, text: String) {
        let text = collapse_whitespace(&text);
        if !text.is_empty() {
            self.quotes.push(Quote {
                author,
                post_ref,
                text,
            });
        }
    }
}

fn blockquote_selector() -> scraper::Selector {
    scraper::Selector::parse("blockquote").expect("static selector")
}

/// All visible text below `el`, nested quotes included, code blocks dropped.
fn inner_text(el: ElementRef<'_>) -> String {
    let mut w = Walker {
        keep_quotes_inline: true,
        ..Walker::default()
    };
    w.children(el);
    w.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discourse_quote_is_split_from_own_words() {
        let cooked = "<aside class=\"quote no-group\" data-username=\"bob\" data-post=\"2\" data-topic=\"5150\"><div class=\"title\"><div class=\"quote-controls\"></div> bob:</div><blockquote><p>Is dataset X allowed?</p></blockquote></aside>\n<p>Yes, as long as it is posted in this thread.</p>";
        let body = html_to_body(cooked);
        assert_eq!(body.text, "Yes, as long as it is posted in this thread.");
        assert_eq!(
            body.quotes,
            vec![Quote {
                author: Some("bob".into()),
                post_ref: Some("2".into()),
                text: "Is dataset X allowed?".into()
            }]
        );
    }

    #[test]
    fn paragraphs_code_and_oneboxes() {
        let html = "<p>First   line<br>same para</p><pre><code>must_not = 1</code></pre><aside class=\"onebox\">You must read this</aside><p>Second &amp; last</p><blockquote>bare quote</blockquote>";
        let body = html_to_body(html);
        assert_eq!(body.text, "First line same para\n\nSecond & last");
        assert_eq!(body.quotes.len(), 1);
        assert_eq!(body.quotes[0].text, "bare quote");
        assert_eq!(body.quotes[0].author, None);
    }

    #[test]
    fn plain_text_passes_through() {
        assert_eq!(html_to_body("just text").text, "just text");
        assert_eq!(html_to_text("<p>a</p><blockquote>q</blockquote>"), "a\n\nq");
    }
}
