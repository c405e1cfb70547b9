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

/// What a JSON value is, in words, for messages (never serde's Rust type names).
fn json_kind(x: &serde_json::Value) -> String {
    match x {
        serde_json::Value::Null => "null".to_owned(),
        serde_json::Value::Bool(_) => "true or false".to_owned(),
        serde_json::Value::Number(_) => "a number".to_owned(),
        serde_json::Value::String(_) => "a string".to_owned(),
        serde_json::Value::Array(_) => "a list".to_owned(),
        serde_json::Value::Object(_) => "an object".to_owned(),
    }
}

/// Where the format is described, for messages about the shape of a line.
const SEE_FORMAT: &str = "each line must be one post object (README, \"JSONL interchange format\")";

/// What is wrong with a line that does not start with `{`: it cannot be a post.
fn not_an_object(line: &str) -> String {
    let trimmed = line.trim();
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(trimmed) {
        let kind = match &v {
            serde_json::Value::Array(_) => "a JSON array".to_owned(),
            serde_json::Value::Null | serde_json::Value::Bool(_) => format!("`{v}`"),
            other => json_kind(other),
        };
        return format!("is {kind}, not a JSON object; {SEE_FORMAT}");
    }
    if trimmed.starts_with('[') {
        // The first line of a JSON array written over several lines.
        return format!(
            "starts a JSON array, not a JSON object; {SEE_FORMAT}, not one array (`jq -c '.[]' FILE` converts an array)"
        );
    }
    let mut excerpt: String = trimmed.chars().take(30).filter(|c| *c != '`').collect();
    if trimmed.chars().count() > 30 {
        excerpt.push('…');
    }
    format!("is not a JSON object (it begins `{excerpt}`); {SEE_FORMAT}")
}

/// The required fields, for the message about missing ones.
const REQUIRED: [&str; 6] = [
    "site",
    "competition",
    "thread_id",
    "post_id",
    "author",
    "created_at",
];

/// The required fields an object lacks, named in one message (serde names only the first).
fn missing_fields(o: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    let mut missing: Vec<String> = REQUIRED
        .iter()
        .filter(|f| !o.contains_key(**f))
        .map(|f| format!("`{f}`"))
        .collect();
    if missing.is_empty() {
        return None;
    }
    if !o.contains_key("text") && !o.contains_key("html") {
        missing.push("`text` (or `html`)".to_owned());
    }
    let list = match missing.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    };
    Some(format!(
        "missing required field{} {list}; a post needs site, competition, thread_id, post_id, author, created_at, and text or html",
        if missing.len() == 1 { "" } else { "s" }
    ))
}

/// Names the field of a well-formed line whose value has the wrong JSON type
/// (serde's own message names the Rust type instead).
fn wrong_type(o: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
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
            return Some(format!(
                "field `{name}` must be {want}, not {}",
                json_kind(x)
            ));
        }
    }
    if let Some(x) = o.get("post_number")
        && !x.is_null()
        && x.as_u64().is_none_or(|n| u32::try_from(n).is_err())
    {
        let got = if x.is_number() {
            format!("`{x}`")
        } else {
            json_kind(x)
        };
        return Some(format!(
            "field `post_number` must be a whole number (1, 2, …) or null, not {got}"
        ));
    }
    if let Some(x) = o.get("quotes") {
        let want = "field `quotes` must be a list of objects like {\"author\": \"bob\", \"post_ref\": \"2\", \"text\": \"quoted words\"}";
        let Some(items) = x.as_array() else {
            return Some(format!("{want}, not {}", json_kind(x)));
        };
        for (i, q) in items.iter().enumerate() {
            let Some(q) = q.as_object() else {
                return Some(format!("{want}; item {} is {}", i + 1, json_kind(q)));
            };
            match q.get("text") {
                Some(t) if t.is_string() => {}
                Some(t) => {
                    return Some(format!(
                        "field `quotes`: item {} has `text` {}, not a string",
                        i + 1,
                        json_kind(t)
                    ));
                }
                None => {
                    return Some(format!(
                        "field `quotes`: item {} has no `text` (the quoted words)",
                        i + 1
                    ));
                }
            }
            for name in ["author", "post_ref"] {
                if let Some(v) = q.get(name)
                    && !(v.is_string() || v.is_null())
                {
                    return Some(format!(
                        "field `quotes`: item {} has `{name}` {}, not a string",
                        i + 1,
                        json_kind(v)
                    ));
                }
            }
        }
    }
    None
}

/// A post's `url` or `thread_url`: empty, or an http(s) address. Anything else
/// (`javascript:…`, a file path, a relative link) would become a link in reports.
fn check_web_url(field: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Ok(());
    }
    let web = url::Url::parse(value.trim())
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
    if web {
        Ok(())
    } else {
        let shown: String = value.chars().take(80).collect();
        Err(format!(
            "field `{field}` must be an http:// or https:// address (got `{shown}`); leave it out if the post has none"
        ))
    }
}

/// Parses one JSONL line into a post, or says what is wrong with it.
pub fn parse_line(line: &str) -> Result<Post, String> {
    parse_line_with_unknown(line).map(|(post, _)| post)
}

/// Parses one JSONL line into a post and the names of the unknown fields it ignored.
pub fn parse_line_with_unknown(line: &str) -> Result<(Post, Vec<String>), String> {
    // A byte-order mark (first line of some Windows exports) is no part of the JSON.
    let line = line.trim_start_matches('\u{feff}');
    if !line.trim_start().starts_with('{') {
        return Err(not_an_object(line));
    }
    let l: Line = serde_json::from_str(line).map_err(|e| match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => format!(
            "not valid JSON at column {}: {}",
            e.column(),
            without_position(&e)
        ),
        _ => {
            let value: Option<serde_json::Value> = serde_json::from_str(line).ok();
            let object = value.as_ref().and_then(serde_json::Value::as_object);
            let m = without_position(&e);
            if let Some(named) = object.and_then(|o| missing_fields(o).or_else(|| wrong_type(o))) {
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
    check_web_url("url", &l.url)?;
    if let Some(u) = &l.thread_url {
        check_web_url("thread_url", u)?;
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
        assert!(
            e.starts_with("missing required fields `competition`, `thread_id`, `post_id`, `author`, `created_at` and `text` (or `html`);"),
            "{e}"
        );
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
        assert!(
            e.starts_with("missing required fields `thread_id`, `post_id`, `author`, `created_at` and `text` (or `html`);"),
            "{e}"
        );
        let e = parse_line(r#"{"site":"s","competition":"c","post_id":"2","author":"a","created_at":"2020-03-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert_eq!(
            e,
            "missing required field `thread_id`; a post needs site, competition, thread_id, post_id, author, created_at, and text or html"
        );
        let e = parse_line(r#"{"site":"s","#).unwrap_err();
        assert!(e.starts_with("not valid JSON at column"), "{e}");
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":null,"author":"a","created_at":"2020-03-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert_eq!(e, "field `post_id` must be a string or a number, not null");
        let e = parse_line(r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":["a"],"created_at":"2020-03-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert_eq!(e, "field `author` must be a string, not a list");
        let e = parse_line(r#"{"site":"","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-01-01T00:00:00Z","text":"t"}"#).unwrap_err();
        assert!(e.contains("site"), "{e}");
    }

    #[test]
    fn a_line_that_is_not_an_object_says_so_without_serde_type_names() {
        let cases = [
            ("1.1", "is a number, not a JSON object;"),
            ("-3", "is a number, not a JSON object;"),
            ("42", "is a number, not a JSON object;"),
            (r#""a post""#, "is a string, not a JSON object;"),
            ("true", "is `true`, not a JSON object;"),
            ("null", "is `null`, not a JSON object;"),
            ("[1, 2]", "is a JSON array, not a JSON object;"),
            ("[", "starts a JSON array, not a JSON object;"),
            // Lines of a Markdown or text file: a JSON value first, then words.
            (
                "1.1 Eligibility",
                "is not a JSON object (it begins `1.1 Eligibility`);",
            ),
            ("# Rules", "is not a JSON object (it begins `# Rules`);"),
            ("true story", "is not a JSON object"),
            ("\"quoted\" words", "is not a JSON object"),
        ];
        for (line, want) in cases {
            let e = parse_line(line).unwrap_err();
            assert!(e.starts_with(want), "{line}: {e}");
            assert!(
                e.contains(
                    "each line must be one post object (README, \"JSONL interchange format\")"
                ),
                "{line}: {e}"
            );
            for internal in ["invalid type", "expected", "struct", "floating point"] {
                assert!(!e.contains(internal), "{line}: {e}");
            }
        }
    }

    #[test]
    fn wrong_types_of_number_and_quote_fields_are_named() {
        let base = r#"{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-03-01T00:00:00Z","text":"t""#;
        let e = parse_line(&format!(r#"{base},"post_number":"4"}}"#)).unwrap_err();
        assert_eq!(
            e,
            "field `post_number` must be a whole number (1, 2, …) or null, not a string"
        );
        let e = parse_line(&format!(r#"{base},"post_number":1.5}}"#)).unwrap_err();
        assert!(
            e.starts_with("field `post_number` must be a whole number"),
            "{e}"
        );
        let e = parse_line(&format!(r#"{base},"quotes":"q"}}"#)).unwrap_err();
        assert!(
            e.starts_with("field `quotes` must be a list of objects"),
            "{e}"
        );
        let e = parse_line(&format!(r#"{base},"quotes":[{{"author":"b"}}]}}"#)).unwrap_err();
        assert_eq!(e, "field `quotes`: item 1 has no `text` (the quoted words)");
        assert!(parse_line(&format!(r#"{base},"post_number":null}}"#)).is_ok());
    }

    #[test]
    fn only_web_urls_are_accepted() {
        let with = |field: &str, url: &str| {
            parse_line(&format!(
                r#"{{"site":"s","competition":"c","thread_id":"1","post_id":"2","author":"a","created_at":"2020-03-01T00:00:00Z","text":"t","{field}":{}}}"#,
                serde_json::Value::from(url)
            ))
        };
        for bad in [
            "javascript:alert(3)",
            "JavaScript:alert(3)",
            "data:text/html,<script>x</script>",
            "file:///etc/passwd",
            "/t/1/2",
            "u",
            "https://",
        ] {
            let e = with("url", bad).unwrap_err();
            assert!(
                e.starts_with("field `url` must be an http:// or https:// address (got `"),
                "{bad}: {e}"
            );
            let e = with("thread_url", bad).unwrap_err();
            assert!(e.starts_with("field `thread_url` must be"), "{bad}: {e}");
        }
        for good in [
            "",
            "https://forum.example/t/1/2",
            "HTTP://forum.example/t/1#3",
        ] {
            assert!(with("url", good).is_ok(), "{good}");
        }
    }
}
