//! The JSONL interchange format: one post per line, so posts from any scraper
//! can come in and go out to other tools. The fields are those of `Post`;
//! `html` may stand in for `text` (it is converted, paragraphs kept and quotes
//! split out). Ids may be strings or numbers; unknown fields are ignored (and
//! named, so the caller can warn once). See README.md for the format.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::model::{Post, Quote, Role};
use crate::normalize::{html_to_body, tidy_paragraphs};

/// One line as it may arrive: like `Post`, but lenient about ids and defaults.
#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default = "default_source")]
    source: String,
    site: String,
    competition: String,
    #[serde(deserialize_with = "string_or_number")]
    thread_id: String,
    #[serde(default)]
    thread_title: String,
    #[serde(default)]
    thread_url: Option<String>,
    #[serde(deserialize_with = "string_or_number")]
    post_id: String,
    #[serde(default)]
    post_number: Option<u32>,
    author: String,
    #[serde(default = "default_role", deserialize_with = "role_any_case")]
    role: Role,
    created_at: String,
    #[serde(default)]
    edited_at: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    reply_to: Option<String>,
    #[serde(default)]
    url: String,
    /// Fields the format does not know: ignored.
    #[serde(flatten)]
    unknown: BTreeMap<String, serde_json::Value>,
}

/// An example timestamp for messages.
const TIMESTAMP_EXAMPLE: &str = "2020-03-01T12:00:00Z";

fn timestamp(field: &str, value: &str) -> Result<jiff::Timestamp, String> {
    value.trim().parse().map_err(|_| {
        format!("`{field}` must be an RFC 3339 timestamp like {TIMESTAMP_EXAMPLE} (got `{value}`)")
    })
}

/// serde_json's message without its " at line 1 column N": the caller names the line.
fn without_position(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    }
}

fn default_source() -> String {
    "jsonl".to_owned()
}

fn default_role() -> Role {
    Role::Unknown
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StrOrNum {
    S(String),
    N(serde_json::Number),
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match StrOrNum::deserialize(d)? {
        StrOrNum::S(s) => s,
        StrOrNum::N(n) => n.to_string(),
    })
}

fn opt_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<StrOrNum>::deserialize(d)?.map(|v| match v {
        StrOrNum::S(s) => s,
        StrOrNum::N(n) => n.to_string(),
    }))
}

/// A role name in any case ("Moderator" as "moderator").
fn role_any_case<'de, D: Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(serde::de::Error::custom)
}

/// Names the field of a well-formed line whose value has the wrong JSON type
/// (serde's own message names the Rust type instead).
fn wrong_type(line: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let o = v.as_object()?;
    let kind = |x: &serde_json::Value| match x {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true or false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    };
    // (field, may be a number, may be null)
    let fields = [
        ("thread_id", true, false),
        ("post_id", true, false),
        ("reply_to", true, true),
        ("source", false, false),
        ("site", false, false),
        ("competition", false, false),
        ("author", false, false),
        ("role", false, false),
        ("created_at", false, false),
        ("url", false, false),
        ("thread_title", false, false),
        ("thread_url", false, true),
        ("edited_at", false, true),
        ("text", false, true),
        ("html", false, true),
    ];
    for (name, number, null) in fields {
        let Some(x) = o.get(name) else { continue };
        let fine = x.is_string() || (number && x.is_number()) || (null && x.is_null());
        if !fine {
            let want = if number {
                "a string or a number"
            } else {
                "a string"
            };
            return Some(format!("field `{name}` must be {want}, not {}", kind(x)));
        }
    }
    None
}

/// Parses one JSONL line into a post, or says what is wrong with it.
pub fn parse_line(line: &str) -> Result<Post, String> {
    parse_line_with_unknown(line).map(|(post, _)| post)
}

/// Parses one JSONL line into a post and the names of the unknown fields it ignored.
pub fn parse_line_with_unknown(line: &str) -> Result<(Post, Vec<String>), String> {
    // A byte-order mark (first line of some Windows exports) is no part of the JSON.
    let line = line.trim_start_matches('\u{feff}');
    let first = line.trim_start().chars().next();
    if first == Some('[') {
        return Err("is a JSON array; each line must be one JSON object (a post)".into());
    }
    if first.is_some_and(|c| c != '{') && serde_json::from_str::<serde_json::Value>(line).is_ok() {
        return Err(
            "is a single JSON value, not an object; each line must be one JSON object (a post)"
                .into(),
        );
    }
    let l: Line = serde_json::from_str(line).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!(
            "not valid JSON at column {}: {}",
            e.column(),
            without_position(&e)
        ),
        _ => {
            let m = without_position(&e);
            if let Some(named) = wrong_type(line) {
                named
            } else if m.starts_with("invalid") {
                format!("a field has the wrong type or value: {m}")
            } else {
                m
            }
        }
    })?;
    let created_at = timestamp("created_at", &l.created_at)?;
    let edited_at = match &l.edited_at {
        Some(v) => Some(timestamp("edited_at", v)?),
        None => None,
    };
    for (name, value) in [
        ("site", &l.site),
        ("competition", &l.competition),
        ("thread_id", &l.thread_id),
        ("post_id", &l.post_id),
        ("author", &l.author),
    ] {
        if value.trim().is_empty() {
            return Err(format!("field `{name}` is empty"));
        }
    }
    if !crate::model::is_plain_name(&l.competition) {
        return Err(format!(
            "field `competition` is `{}`; a competition slug may only contain letters, digits, `-`, `_` and `.` (e.g. `fish-2027`)",
            l.competition
        ));
    }
    let (text, mut quotes) = match (l.text, l.html) {
        (Some(_), Some(_)) => return Err("give either `text` or `html`, not both".into()),
        (Some(t), None) => {
            let text = tidy_paragraphs(&t.replace("\r\n", "\n"));
            if text.trim().is_empty() {
                return Err("`text` is empty; a post needs the author's words".into());
            }
            (text, Vec::new())
        }
        (None, Some(h)) => {
            let body = html_to_body(&h);
            if body.text.trim().is_empty() && body.quotes.is_empty() {
                return Err("`html` holds no text; a post needs the author's words".into());
            }
            (body.text, body.quotes)
        }
        (None, None) => return Err("missing field `text` (or `html`)".into()),
    };
    let mut all_quotes = l.quotes;
    all_quotes.append(&mut quotes);
    let unknown = l.unknown.into_keys().collect();
    let post = Post {
        source: l.source,
        site: l.site,
        competition: l.competition,
        thread_id: l.thread_id,
        thread_title: l.thread_title,
        thread_url: l.thread_url,
        post_id: l.post_id,
        post_number: l.post_number,
        author: l.author,
        role: l.role,
        created_at,
        edited_at,
        text,
        quotes: all_quotes,
        reply_to: l.reply_to,
        url: l.url,
    };
    Ok((post, unknown))
}

/// Serialises a post as one JSONL line (no trailing newline).
#[must_use]
pub fn to_line(post: &Post) -> String {
    serde_json::to_string(post).expect("posts serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"source": "discourse", "site": "forum.example.org", "competition": "dfdc", "thread_id": "123", "thread_title": "External data thread", "thread_url": "https://forum.example.org/t/123", "post_id": "456", "post_number": 4, "author": "alice", "role": "staff", "created_at": "2020-01-10T15:04:05Z", "edited_at": null, "text": "the author's own words", "quotes": [{"author": "bob", "post_ref": "2", "text": "quoted words"}], "reply_to": "455", "url": "https://forum.example.org/t/123/4"}"#;

    #[test]
    fn documented_line_round_trips() {
        let post = parse_line(LINE).unwrap();
        assert_eq!(post.role, Role::Staff);
        assert_eq!(post.quotes[0].author.as_deref(), Some("bob"));
        let again = parse_line(&to_line(&post)).unwrap();
        assert_eq!(post, again);
    }

    #[test]
    fn html_instead_of_text_splits_quotes() {
        let line = r#"{"site":"s","competition":"c","thread_id":1,"post_id":2,"author":"a","created_at":"2020-01-01T00:00:00Z","html":"<blockquote>q</blockquote><p>own</p>"}"#;
        let post = parse_line(line).unwrap();
        assert_eq!(post.text, "own");
        assert_eq!(post.quotes[0].text, "q");
        assert_eq!(post.post_id, "2");
        assert_eq!(post.role, Role::Unknown);
    }

    #[test]
    fn unknown_fields_are_ignored_and_named() {
        let line = r#"{"site":"s","competition":"c","thread_id":1,"post_id":2,"author":"a","created_at":"2020-01-01T00:00:00Z","text":"t","likes":3,"lang":"en"}"#;
        let (post, unknown) = parse_line_with_unknown(line).unwrap();
        assert_eq!(post.text, "t");
        assert_eq!(unknown, ["lang", "likes"]);
    }

    #[test]
    fn errors_name_the_problem() {
        let e = parse_line(r#"{"site":"s"}"#).unwrap_err();
        assert!(e.contains("missing field"), "{e}");
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"yesterday","text":"t"}"#).unwrap_err();
        assert!(
            e.contains("created_at") || e.contains("timestamp") || e.contains("parse"),
            "{e}"
        );
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-03-01","text":"t"}"#).unwrap_err();
        assert_eq!(
            e,
            "`created_at` must be an RFC 3339 timestamp like 2020-03-01T12:00:00Z (got `2020-03-01`)"
        );
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-03-01T00:00:00Z","text":"   "}"#).unwrap_err();
        assert!(e.starts_with("`text` is empty"), "{e}");
        let e = parse_line(r#"{"site":"s","competition":"c"}"#).unwrap_err();
        assert_eq!(e, "missing field `thread_id`");
        let e = parse_line(r#"{"site":"s","#).unwrap_err();
        assert!(e.starts_with("not valid JSON at column"), "{e}");
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":null,"author":"a","created_at":"2020-03-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert_eq!(e, "field `post_id` must be a string or a number, not null");
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":["a"],"created_at":"2020-03-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert_eq!(e, "field `author` must be a string, not a list");
        let e = parse_line(r#"{"site":"","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-01-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert!(e.contains("site"), "{e}");
    }
}
