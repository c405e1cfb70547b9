//! Search: a `QuerySpec` (free text in query-parser syntax, plus filters)
//! becomes a tantivy query over one searcher snapshot; hits carry the stored
//! post or clause, the score, and a snippet with the matched words marked.
//!
//! Free text matches the author's own words and the thread title; quoted text
//! only with `include_quotes`. Words are ANDed unless `OR` is written.
//!
//! Hits of free text come best first, with their BM25 score. With no free text
//! (filters only) there is nothing to rank by: hits come newest first (posts by
//! their date, clauses by when their document was added) and carry no score.

pub mod topics;

use std::ops::{Bound, Range};

use jiff::civil::Date;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, QueryParser, RangeQuery,
};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::schema::{self, KIND_CLAUSE, KIND_POST};
use crate::index::{Store, term_query};
use crate::model::{Clause, Post, Role};

/// Default number of hits.
pub const DEFAULT_LIMIT: usize = 10;
/// Maximum snippet length in characters.
pub const SNIPPET_CHARS: usize = 200;

/// What to search among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Scope {
    /// Forum posts.
    #[default]
    Posts,
    /// Clauses of official documents.
    Clauses,
    /// Both.
    All,
}

/// A search and its filters.
#[derive(Debug, Clone, Default)]
pub struct QuerySpec {
    /// Free text in query-parser syntax (empty = everything matching the filters).
    pub text: String,
    /// Posts, clauses or both.
    pub scope: Scope,
    /// Only this competition.
    pub competition: Option<String>,
    /// Only these roles (any of them).
    pub roles: Vec<Role>,
    /// Only official roles.
    pub official: bool,
    /// Only this author (case-insensitive).
    pub author: Option<String>,
    /// Only this thread id (or document id, for clauses).
    pub thread: Option<String>,
    /// Only posts on or after this day (UTC).
    pub since: Option<Date>,
    /// Only posts on or before this day (UTC).
    pub until: Option<Date>,
    /// Also match text the author quoted.
    pub include_quotes: bool,
    /// At most this many hits.
    pub limit: usize,
}

/// A stored record a hit points to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Record {
    /// A forum post.
    Post(Post),
    /// A clause of an official document.
    Clause(Clause),
}

/// A snippet of the matched text; `highlighted` are byte ranges into `fragment`.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    /// The excerpt.
    pub fragment: String,
    /// Byte ranges of matched words inside `fragment`.
    pub highlighted: Vec<Range<usize>>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// BM25 score; `None` (JSON `null`) when the search had no free text and
    /// hits come newest first instead.
    pub score: Option<f32>,
    /// The post or clause.
    pub record: Record,
    /// Excerpt with matched words.
    pub snippet: Snippet,
}

/// Runs `spec` against `searcher`.
pub fn search(store: &Store, searcher: &Searcher, spec: &QuerySpec) -> Result<Vec<Hit>> {
    let f = store.fields();
    let text_query = parse_text(store, spec)?;
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(q) = &text_query {
        must.push((Occur::Must, q.box_clone()));
        // The stemmed body drops the "a" of "2.6.a": exact section numbers,
        // matched on the unstemmed cue field, rank first.
        for section in section_numbers(&spec.text) {
            let terms = section
                .split('.')
                .map(|t| Term::from_field_text(f.cue, &t.to_lowercase()))
                .collect();
            let exact = Box::new(PhraseQuery::new(terms));
            must.push((
                Occur::Should,
                Box::new(BoostQuery::new(exact, SECTION_BOOST)),
            ));
        }
    }
    match spec.scope {
        Scope::Posts => must.push((Occur::Must, term_query(f.kind, KIND_POST))),
        Scope::Clauses => must.push((Occur::Must, term_query(f.kind, KIND_CLAUSE))),
        Scope::All => {}
    }
    if let Some(c) = &spec.competition {
        must.push((Occur::Must, term_query(f.competition, c)));
    }
    let roles: Vec<Role> = if spec.official {
        let official = Role::ALL.into_iter().filter(|r| r.is_official());
        if spec.roles.is_empty() {
            official.collect()
        } else {
            official.filter(|r| spec.roles.contains(r)).collect()
        }
    } else {
        spec.roles.clone()
    };
    if spec.official || !roles.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = roles
            .iter()
            .map(|r| (Occur::Should, term_query(f.role, r.as_str())))
            .collect();
        if any.is_empty() {
            return Ok(Vec::new());
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    if let Some(a) = &spec.author {
        must.push((Occur::Must, term_query(f.author, &a.to_lowercase())));
    }
    if let Some(t) = &spec.thread {
        must.push((Occur::Must, term_query(f.thread, t)));
    }
    if spec.since.is_some() || spec.until.is_some() {
        must.push((Occur::Must, date_range(f.date, spec.since, spec.until)?));
    }
    let query = BooleanQuery::new(must);
    let limit = if spec.limit == 0 {
        DEFAULT_LIMIT
    } else {
        spec.limit
    };
    let top: Vec<(Option<f32>, DocAddress)> = if text_query.is_some() {
        searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())?
            .into_iter()
            .map(|(score, addr)| (Some(score), addr))
            .collect()
    } else {
        // Filters only: no word to rank by, so the newest first.
        let date = store.index().schema().get_field_name(f.date).to_owned();
        searcher
            .search(
                &query,
                &TopDocs::with_limit(limit).order_by_fast_field::<DateTime>(date, Order::Desc),
            )?
            .into_iter()
            .map(|(_, addr)| (None, addr))
            .collect()
    };

    let mut snippets = SnippetMaker::new(searcher, text_query.as_deref(), f.body, f.quotes)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let kind: serde_json::Value = store.decode(&doc)?;
        let record = if kind.get("post_id").is_some() {
            Record::Post(serde_json::from_value(kind).map_err(|e| decode_err(&e))?)
        } else {
            Record::Clause(serde_json::from_value(kind).map_err(|e| decode_err(&e))?)
        };
        let snippet = snippets.make(&record, spec.include_quotes);
        hits.push(Hit {
            score,
            record,
            snippet,
        });
    }
    Ok(hits)
}

fn decode_err(e: &serde_json::Error) -> Error {
    Error::Input(format!(
        "index document does not decode ({e}); run `rulegap reindex`"
    ))
}

/// How much an exact section number ("2.6.a") adds to a hit's score.
const SECTION_BOOST: f32 = 4.0;

/// The section numbers a query names: "2.6.a", "3.18" (at least two parts).
fn section_numbers(text: &str) -> Vec<&str> {
    static SECTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b\d+(?:\.\d+)+(?:\.[a-z])?\b").expect("section regex")
    });
    SECTION.find_iter(text).map(|m| m.as_str()).collect()
}

/// Parses the free text, or `None` when it is empty.
fn parse_text(store: &Store, spec: &QuerySpec) -> Result<Option<Box<dyn Query>>> {
    if spec.text.trim().is_empty() {
        return Ok(None);
    }
    let f = store.fields();
    let mut parser = QueryParser::for_index(
        store.index(),
        schema::default_search_fields(f, spec.include_quotes),
    );
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 1.5);
    match parser.parse_query(&spec.text) {
        Ok(q) => {
            // "the", "a" or `*` alone: nothing the index could match a word on.
            let mut terms = 0;
            q.query_terms(&mut |_, _| terms += 1);
            if terms == 0 {
                return Err(Error::QuerySyntax {
                    query: spec.text.clone(),
                    reason: query_error_text(
                        &tantivy::query::QueryParserError::AllButQueryForbidden,
                    ),
                });
            }
            Ok(Some(q))
        }
        Err(e) => Err(Error::QuerySyntax {
            query: spec.text.clone(),
            reason: query_error_text(&e),
        }),
    }
}

fn query_error_text(e: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match e {
        E::FieldDoesNotExist(name) => format!(
            "unknown field `{name}:`; searchable fields are {}",
            schema::USER_FIELDS.join(", ")
        ),
        E::SyntaxError(s) => format!("syntax error near `{s}` (check quotes and parentheses)"),
        E::AllButQueryForbidden => "it has no word to search for: only excluded words (-word, NOT word) or common words the index leaves out (the, and, of); add a word to find".to_owned(),
        other => other.to_string(),
    }
}

fn date_range(field: Field, since: Option<Date>, until: Option<Date>) -> Result<Box<dyn Query>> {
    let micros = |d: Date| -> Result<i64> {
        let ts = d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| Error::Input(format!("date {d} is out of range: {e}")))?
            .timestamp();
        Ok(ts.as_microsecond())
    };
    let term = |us: i64| Term::from_field_date(field, DateTime::from_timestamp_micros(us));
    let lower = match since {
        Some(d) => Bound::Included(term(micros(d)?)),
        None => Bound::Unbounded,
    };
    let upper = match until {
        Some(d) => {
            let next = d
                .tomorrow()
                .map_err(|e| Error::Input(format!("date {d} is out of range: {e}")))?;
            Bound::Excluded(term(micros(next)?))
        }
        None => Bound::Unbounded,
    };
    Ok(Box::new(RangeQuery::new(lower, upper)))
}

/// Builds snippets from the text query (or the start of the text when there is none).
struct SnippetMaker {
    body: Option<SnippetGenerator>,
    quotes: Option<SnippetGenerator>,
}

impl SnippetMaker {
    fn new(
        searcher: &Searcher,
        query: Option<&dyn Query>,
        body: Field,
        quotes: Field,
    ) -> Result<Self> {
        let make = |field| -> Result<Option<SnippetGenerator>> {
            match query {
                Some(q) => {
                    let mut g = SnippetGenerator::create(searcher, q, field)?;
                    g.set_max_num_chars(SNIPPET_CHARS);
                    Ok(Some(g))
                }
                None => Ok(None),
            }
        };
        Ok(SnippetMaker {
            body: make(body)?,
            quotes: make(quotes)?,
        })
    }

    fn make(&mut self, record: &Record, include_quotes: bool) -> Snippet {
        let text = match record {
            Record::Post(p) => p.text.as_str(),
            Record::Clause(c) => c.text.as_str(),
        };
        if let Some(g) = &self.body {
            let s = g.snippet(text);
            if !s.highlighted().is_empty() {
                return to_snippet(&s);
            }
        }
        if let (true, Some(g), Record::Post(p)) = (include_quotes, &self.quotes, record) {
            for q in &p.quotes {
                let s = g.snippet(&q.text);
                if !s.highlighted().is_empty() {
                    let mut out = to_snippet(&s);
                    let prefix = "[quoted] ";
                    out.fragment.insert_str(0, prefix);
                    for r in &mut out.highlighted {
                        *r = r.start + prefix.len()..r.end + prefix.len();
                    }
                    return out;
                }
            }
        }
        Snippet {
            fragment: head(text, SNIPPET_CHARS),
            highlighted: Vec::new(),
        }
    }
}

fn to_snippet(s: &tantivy::snippet::Snippet) -> Snippet {
    Snippet {
        fragment: s.fragment().to_owned(),
        highlighted: join_highlights(s.fragment(), s.highlighted()),
    }
}

/// Characters that join two matched words into one unit: "2.6", "e-mail", "file_id".
const CONNECTORS: &[char] = &['.', '-', '_', '\'', '’'];

/// `highlighted` with neighbouring ranges merged when nothing but one connector
/// (or nothing at all) lies between them in `fragment`, so "2.6" is marked as one
/// unit rather than as "2" and "6". Ranges across spaces stay apart; ranges out of
/// order or off a character boundary are kept as they are.
fn join_highlights(fragment: &str, highlighted: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(highlighted.len());
    for r in highlighted {
        if let Some(last) = out.last_mut() {
            let gap = fragment.get(last.end..r.start);
            let joins = r.start <= last.end
                || gap.is_some_and(|g| {
                    let mut chars = g.chars();
                    chars.next().is_some_and(|c| CONNECTORS.contains(&c)) && chars.next().is_none()
                });
            if joins && r.start >= last.start {
                last.end = last.end.max(r.end);
                continue;
            }
        }
        out.push(r.clone());
    }
    out
}

/// The first `max` characters of `text`, cut at a word boundary.
#[must_use]
pub fn head(text: &str, max: usize) -> String {
    let flat = crate::normalize::collapse_whitespace(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) if i > max / 2 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_highlights_merges_across_one_connector_only() {
        let text = "Section 2.6 and e-mail, not 2. 6 or 2..6";
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            i..i + w.len()
        };
        // "2.6": "2" and "6" become one range; so do "e" and "mail".
        let two = text.find("2.6").unwrap();
        let e = text.find("e-mail").unwrap();
        assert_eq!(
            join_highlights(
                text,
                &[
                    at("Section"),
                    two..two + 1,
                    two + 2..two + 3,
                    e..e + 1,
                    e + 2..e + 6,
                ]
            ),
            vec![at("Section"), at("2.6"), at("e-mail")]
        );
        // A space, a dot and a space, or two dots keep ranges apart.
        let spaced = text.find("2. 6").unwrap();
        let dots = text.find("2..6").unwrap();
        let apart = vec![
            spaced..spaced + 1,
            spaced + 3..spaced + 4,
            dots..dots + 1,
            dots + 3..dots + 4,
        ];
        assert_eq!(join_highlights(text, &apart), apart);
        // Touching or overlapping ranges become one; no ranges stay none.
        assert_eq!(join_highlights(text, &[0..3, 3..7, 5..9]), vec![0..9]);
        assert_eq!(join_highlights(text, &[]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn join_highlights_leaves_odd_ranges_alone() {
        // Out of order, or a gap that is not on a character boundary: unchanged.
        assert_eq!(join_highlights("a.b", &[2..3, 0..1]), vec![2..3, 0..1]);
        let text = "x\u{e9}y";
        assert_eq!(join_highlights(text, &[0..2, 3..4]), vec![0..2, 3..4]);
    }
}
