//! Markdown and BBCode post bodies to `Body`: `>` quote lines (attributed to a
//! preceding "alice wrote:" line), BBCode `[quote…]…[/quote]` blocks in the
//! Discourse, vBulletin and SMF spellings, and fenced code blocks dropped.

use std::sync::LazyLock;

use regex::Regex;

use super::{Body, collapse_whitespace, tidy_paragraphs};
use crate::model::Quote;

static BBCODE_QUOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)\[quote(?P<attrs>[^\]]*)\](?P<body>.*?)\[/quote\]").expect("static regex")
});
static WROTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*@?(?P<user>[\w.\-]+)\s+(?:wrote|said)\s*:\s*$").expect("static regex")
});
static ATTR_POST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bpost\s*[:=]\s*"?(?P<n>\d+)"#).expect("static regex"));
static ATTR_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:name|author)\s*=\s*"?(?P<n>[^"\s\]]+)"#).expect("static regex")
});

/// Converts a markdown (or BBCode) body to the author's own text and its quotes.
#[must_use]
pub fn markdown_to_body(md: &str) -> Body {
    let mut quotes = Vec::new();
    let without_bb = BBCODE_QUOTE.replace_all(md, |caps: &regex::Captures<'_>| {
        let (author, post_ref) = parse_bbcode_attrs(&caps["attrs"]);
        let text = collapse_whitespace(&caps["body"]);
        if !text.is_empty() {
            quotes.push(Quote {
                author,
                post_ref,
                text,
            });
        }
        "\n\n"
    });

    let mut own = String::with_capacity(without_bb.len());
    let mut in_fence = false;
    let mut pending_author: Option<String> = None;
    let mut current_quote: Option<Quote> = None;
    for line in without_bb.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            own.push_str("\n\n");
            continue;
        }
        if in_fence {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('>') {
            let q = current_quote.get_or_insert_with(|| Quote {
                author: pending_author.take(),
                post_ref: None,
                text: String::new(),
            });
            q.text.push(' ');
            q.text.push_str(rest.trim_start_matches('>'));
            continue;
        }
        if let Some(q) = current_quote.take() {
            push_quote(&mut quotes, q);
            own.push_str("\n\n");
        }
        if let Some(caps) = WROTE.captures(line) {
            pending_author = Some(caps["user"].to_owned());
            continue;
        }
        if let Some(name) = pending_author.take() {
            // An attribution line not followed by a quote is the author's own words.
            own.push_str(&name);
            own.push_str(" wrote:\n");
        }
        own.push_str(line);
        own.push('\n');
    }
    if let Some(q) = current_quote.take() {
        push_quote(&mut quotes, q);
    }
    Body {
        text: tidy_paragraphs(&own),
        quotes,
    }
}

fn push_quote(quotes: &mut Vec<Quote>, mut q: Quote) {
    q.text = collapse_whitespace(&q.text);
    if !q.text.is_empty() {
        quotes.push(q);
    }
}

/// Reads who and which post a BBCode quote refers to, across the common dialects:
/// `="user, post:2, topic:9"`, `=user`, `="user"`, `=user;123`, `name="user" post=2`,
/// `author=user link=… date=…`.
fn parse_bbcode_attrs(attrs: &str) -> (Option<String>, Option<String>) {
    let attrs = attrs.trim();
    let post = ATTR_POST.captures(attrs).map(|c| c["n"].to_owned());
    if let Some(value) = attrs.strip_prefix('=') {
        let value = value.trim().trim_matches('"');
        let mut parts = value.splitn(2, [',', ';']);
        let user = parts.next().map(str::trim).filter(|u| !u.is_empty());
        let post = post.or_else(|| {
            parts
                .next()
                .map(str::trim)
                .filter(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty())
                .map(str::to_owned)
        });
        return (user.map(str::to_owned), post);
    }
    let user = ATTR_NAME.captures(attrs).map(|c| c["n"].to_owned());
    (user, post)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discourse_bbcode_quote() {
        let raw =
            "[quote=\"pat, post:2, topic:1101\"]\nIs dataset X ok?\n[/quote]\n\nYes, post it here.";
        let body = markdown_to_body(raw);
        assert_eq!(body.text, "Yes, post it here.");
        assert_eq!(body.quotes[0].author.as_deref(), Some("pat"));
        assert_eq!(body.quotes[0].post_ref.as_deref(), Some("2"));
        assert_eq!(body.quotes[0].text, "Is dataset X ok?");
    }

    #[test]
    fn bbcode_dialects() {
        assert_eq!(
            parse_bbcode_attrs("=bob;1234"),
            (Some("bob".into()), Some("1234".into()))
        );
        assert_eq!(parse_bbcode_attrs("=\"bob\""), (Some("bob".into()), None));
        assert_eq!(
            parse_bbcode_attrs(" name=\"bob\" post=7"),
            (Some("bob".into()), Some("7".into()))
        );
        assert_eq!(
            parse_bbcode_attrs(" author=bob link=x date=1"),
            (Some("bob".into()), None)
        );
        assert_eq!(parse_bbcode_attrs(""), (None, None));
    }

    #[test]
    fn markdown_quote_lines_with_attribution_and_code() {
        let md = "alice wrote:\n> You can use any data.\n> Really.\n\nThat is not what the rules say.\n```\nmust = 1\n```\nDone.";
        let body = markdown_to_body(md);
        assert_eq!(body.text, "That is not what the rules say.\n\nDone.");
        assert_eq!(body.quotes.len(), 1);
        assert_eq!(body.quotes[0].author.as_deref(), Some("alice"));
        assert_eq!(body.quotes[0].text, "You can use any data. Really.");
    }
}
