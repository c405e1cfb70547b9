//! Markup to plain text, with quoted text split from the author's own words.
//!
//! Adapters hand in a post body as HTML (Discourse `cooked`, Kaggle `Message`,
//! HN `text`) or markdown (GitHub `body`, Kaggle `RawMarkdown`, BBCode quotes)
//! and get back `Body`: the author's own words as text, and the quotes. Code
//! blocks and link previews are dropped, so their words never count as the
//! author's statement. Pure functions, no I/O.

mod html;
mod markdown;

pub use html::{html_to_body, html_to_text};
pub use markdown::markdown_to_body;

use crate::model::Quote;

/// A post body after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    /// The author's own words: paragraphs separated by a blank line, whitespace collapsed inside.
    pub text: String,
    /// What the author quoted from others.
    pub quotes: Vec<Quote>,
}

/// Collapses runs of whitespace inside each paragraph and joins paragraphs with a blank line.
#[must_use]
pub fn tidy_paragraphs(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for para in raw.split("\n\n") {
        let collapsed = collapse_whitespace(para);
        if collapsed.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&collapsed);
    }
    out
}

/// Collapses every run of whitespace to one space and trims the ends.
#[must_use]
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
