//! The report: the version-1 JSON contract (`Report`, serde) built from the
//! analysis's `Findings`, and its two views, Markdown and HTML. `--baseline`
//! marks findings already known; `--fail-on` is decided on the new ones.

mod html;
mod markdown;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use html::render_html;
pub use markdown::render_markdown;

use crate::analysis::{Findings, Params, Status};
use crate::model::{Modality, Post, RuleDoc};

/// `1 post`, `2 posts`: counts in the views.
pub(crate) fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The JSON format version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole report (ARCHITECTURE.md, "The JSON report").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always 1.
    pub format_version: u32,
    /// Competition slug.
    pub competition: String,
    /// When it was generated.
    pub generated_at: Timestamp,
    /// Where the findings come from.
    pub provenance: Provenance,
    /// The documents judged (newest versions).
    pub documents: Vec<DocumentRef>,
    /// Every clause, highest risk first.
    pub clauses: Vec<ClauseReport>,
    /// Participant questions no official answered.
    pub unanswered_questions: Vec<QuestionReport>,
    /// Clauses added, removed or modified between versions.
    pub changed_clauses: Vec<ChangeReport>,
    /// Clauses per status.
    pub summary: Summary,
}

/// Provenance of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// rulegap's version.
    pub rulegap_version: String,
    /// The analysis parameters.
    pub params: serde_json::Value,
    /// When the last crawl finished.
    pub last_crawl: Option<Timestamp>,
    /// Pages that failed in the last crawl.
    pub failed_pages: u64,
    /// Posts of the competition in the store.
    pub posts: u64,
    /// Official posts among them.
    pub official_posts: u64,
}

/// A document judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRef {
    /// Document id.
    pub id: String,
    /// Kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Source URL or file.
    pub url: String,
    /// Version judged.
    pub version: u32,
}

/// One clause's finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseReport {
    /// Clause id.
    pub id: String,
    /// Document id.
    pub document: String,
    /// Numbering path.
    pub path: String,
    /// Nearest heading.
    pub heading: String,
    /// Verbatim text.
    pub text: String,
    /// Modality.
    pub modality: Modality,
    /// Status.
    pub status: Status,
    /// Risk in [0, 1].
    pub risk: f64,
    /// Rule topics.
    pub topics: Vec<String>,
    /// Requirement concepts never addressed.
    pub missing_concepts: Vec<String>,
    /// Cited official posts.
    pub evidence: Vec<EvidenceReport>,
    /// Related clauses.
    pub related_clauses: Vec<RelatedReport>,
    /// One checkable sentence.
    pub explanation: String,
    /// False when the `--baseline` report had this finding.
    pub new: bool,
}

/// One cited post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceReport {
    /// The forum's own post id.
    pub post_id: String,
    /// Site.
    pub site: String,
    /// Post URL.
    pub url: String,
    /// Author.
    pub author: String,
    /// Author's role.
    pub role: String,
    /// When posted.
    pub created_at: Timestamp,
    /// Relevance.
    pub score: f64,
    /// The sentences that matter.
    pub snippet: String,
    /// Concept and word matches.
    pub matched_terms: Vec<String>,
    /// Whether the post was edited.
    pub edited: bool,
    /// The participant's question it answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<ReplyReport>,
}

impl EvidenceReport {
    /// The question a short answer ("Should be fine.") needs beside it to be
    /// read; `None` for a longer statement, which stands on its own.
    #[must_use]
    pub fn reply_context(&self) -> Option<&ReplyReport> {
        const SHORT_ANSWER: usize = 80;
        self.in_reply_to
            .as_ref()
            .filter(|_| self.snippet.chars().count() < SHORT_ANSWER)
    }
}

/// The question an official post answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyReport {
    /// Its author.
    pub author: String,
    /// Its URL.
    pub url: String,
    /// Its opening words (about 200 characters).
    pub excerpt: String,
}

/// A related clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedReport {
    /// Its id.
    pub id: String,
    /// `restricts`, `permits` or `references`.
    pub relation: String,
}

/// An unanswered question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionReport {
    /// The forum's own post id.
    pub post_id: String,
    /// Post URL.
    pub url: String,
    /// Who asked.
    pub author: String,
    /// When.
    pub created_at: Timestamp,
    /// Thread title.
    pub thread: String,
    /// The question post's text.
    pub text: String,
    /// Clauses it asks about.
    pub clauses: Vec<String>,
}

/// A changed clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeReport {
    /// Clause id.
    pub id: String,
    /// `added`, `removed` or `modified`.
    pub change: String,
    /// Older version.
    pub from_version: u32,
    /// Newer version.
    pub to_version: u32,
    /// Official posts that announced it (empty: none did).
    pub announced_in: Vec<String>,
    /// The clause's text in the older version (empty when added).
    #[serde(default)]
    pub old_text: String,
    /// The clause's text in the newer version (empty when removed).
    #[serde(default)]
    pub new_text: String,
}

/// Clauses per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Covered.
    pub covered: usize,
    /// Partial.
    pub partial: usize,
    /// Uncovered.
    pub uncovered: usize,
    /// Possible conflict.
    pub conflict: usize,
    /// Informational.
    pub informational: usize,
}

/// Facts about the store the report cites.
#[derive(Debug, Clone, Default)]
pub struct StoreFacts {
    /// Last crawl.
    pub last_crawl: Option<Timestamp>,
    /// Failed pages in it.
    pub failed_pages: u64,
    /// Posts of the competition.
    pub posts: u64,
    /// Official posts of the competition.
    pub official_posts: u64,
}

/// Builds the report value.
#[must_use]
pub fn build(
    competition: &str,
    findings: &Findings,
    docs: &[RuleDoc],
    params: &Params,
    facts: &StoreFacts,
    now: Timestamp,
) -> Report {
    let mut summary = Summary::default();
    let clauses: Vec<ClauseReport> = findings
        .clauses
        .iter()
        .map(|f| {
            match f.status {
                Status::Covered => summary.covered += 1,
                Status::Partial => summary.partial += 1,
                Status::Uncovered => summary.uncovered += 1,
                Status::Conflict => summary.conflict += 1,
                Status::Informational => summary.informational += 1,
            }
            ClauseReport {
                id: f.clause.id.clone(),
                document: f.clause.doc.clone(),
                path: f.clause.path.clone(),
                heading: f.clause.heading.last().cloned().unwrap_or_default(),
                text: f.clause.text.clone(),
                modality: f.clause.modality,
                status: f.status,
                risk: f.risk,
                topics: f.topics.clone(),
                missing_concepts: f.missing_concepts.clone(),
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| {
                        let mut r = evidence(&e.post, e.score, &e.snippet, &e.matched_terms);
                        r.in_reply_to = e.in_reply_to.as_ref().map(|q| ReplyReport {
                            author: q.author.clone(),
                            url: q.url.clone(),
                            excerpt: crate::query::head(&q.text, 200),
                        });
                        r
                    })
                    .collect(),
                related_clauses: f
                    .related
                    .iter()
                    .map(|r| RelatedReport {
                        id: r.id.clone(),
                        relation: serde_json::to_value(r.relation)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default(),
                    })
                    .collect(),
                explanation: f.explanation.clone(),
                new: true,
            }
        })
        .collect();
    Report {
        format_version: FORMAT_VERSION,
        competition: competition.to_owned(),
        generated_at: now,
        provenance: Provenance {
            rulegap_version: env!("CARGO_PKG_VERSION").to_owned(),
            params: serde_json::to_value(params).unwrap_or_default(),
            last_crawl: facts.last_crawl,
            failed_pages: facts.failed_pages,
            posts: facts.posts,
            official_posts: facts.official_posts,
        },
        documents: docs
            .iter()
            .map(|d| DocumentRef {
                id: d.id.clone(),
                kind: d.kind.to_string(),
                title: d.title.clone(),
                url: d.url.clone(),
                version: d.version,
            })
            .collect(),
        clauses,
        unanswered_questions: findings
            .unanswered
            .iter()
            .map(|u| QuestionReport {
                post_id: u.post.post_id.clone(),
                url: u.post.url.clone(),
                author: u.post.author.clone(),
                created_at: u.post.created_at,
                thread: if u.post.thread_title.is_empty() {
                    u.post.thread_id.clone()
                } else {
                    u.post.thread_title.clone()
                },
                text: u.post.text.clone(),
                clauses: u.clauses.clone(),
            })
            .collect(),
        changed_clauses: findings
            .changes
            .iter()
            .map(|c| ChangeReport {
                id: c.change.id.clone(),
                change: serde_json::to_value(c.change.change)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                from_version: c.change.from_version,
                to_version: c.change.to_version,
                announced_in: c.announced_in.clone(),
                old_text: c.change.old_text.clone(),
                new_text: c.change.new_text.clone(),
            })
            .collect(),
        summary,
    }
}

fn evidence(p: &Post, score: f64, snippet: &str, matched: &[String]) -> EvidenceReport {
    EvidenceReport {
        post_id: p.post_id.clone(),
        site: p.site.clone(),
        url: p.url.clone(),
        author: p.author.clone(),
        role: p.role.to_string(),
        created_at: p.created_at,
        score: (score * 1000.0).round() / 1000.0,
        snippet: snippet.to_owned(),
        matched_terms: matched.to_vec(),
        edited: p.edited_at.is_some(),
        in_reply_to: None,
    }
}

impl Report {
    /// Marks findings present in `baseline` as not new: the same document,
    /// status and clause text. The clause id does not matter, since inserting
    /// an item renumbers the ones after it; a reworded rule is a new finding.
    pub fn apply_baseline(&mut self, baseline: &Report) {
        let known: std::collections::HashSet<(&str, Status, &str)> = baseline
            .clauses
            .iter()
            .map(|c| (c.document.as_str(), c.status, c.text.as_str()))
            .collect();
        for c in &mut self.clauses {
            c.new = !known.contains(&(c.document.as_str(), c.status, c.text.as_str()));
        }
    }

    /// Whether a baseline marked some findings as known.
    #[must_use]
    pub fn has_baseline(&self) -> bool {
        self.clauses.iter().any(|c| !c.new)
    }

    /// New clauses whose status is one of `statuses`.
    #[must_use]
    pub fn failing(&self, statuses: &[Status]) -> Vec<&ClauseReport> {
        self.clauses
            .iter()
            .filter(|c| c.new && statuses.contains(&c.status))
            .collect()
    }

    /// The pretty JSON text.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("reports serialise")
    }
}

/// A small hand-made report for the views' unit tests: a conflict on a FAQ clause
/// without heading, evidence without URL, many related clauses, a question and a change.
#[cfg(test)]
pub(crate) fn sample() -> Report {
    let evidence = |url: &str| {
        serde_json::json!({
            "post_id": "1", "site": "f.example", "url": url, "author": "mod_ann",
            "role": "moderator", "created_at": "2020-01-02T10:00:00Z", "score": 1.0,
            "snippet": "any dataset is fine", "matched_terms": ["dataset"], "edited": false,
            "in_reply_to": {"author": "pat", "url": "https://f.example/t/1/1",
                "excerpt": "Can we use faces from CC-BY videos?"}
        })
    };
    let clause = |id: &str, status: &str, risk: f64, heading: &str, related: usize| {
        serde_json::json!({
            "id": id, "document": id.split('/').next().unwrap(), "path": "4", "heading": heading,
            "text": "Winners need consent.", "modality": "obligation", "status": status,
            "risk": risk, "topics": [], "missing_concepts": ["consent"],
            "evidence": [evidence(""), evidence("https://f.example/t/1/2")],
            "related_clauses": (0..related)
                .map(|i| serde_json::json!({"id": format!("rules/{i}"), "relation": "refers_to"}))
                .collect::<Vec<_>>(),
            "explanation": "no official post names the limit (`team_size`)", "new": true
        })
    };
    serde_json::from_value(serde_json::json!({
        "format_version": 1, "competition": "c", "generated_at": "2020-02-01T00:00:00Z",
        "provenance": {"rulegap_version": "0", "params": {}, "last_crawl": null,
            "failed_pages": 1, "posts": 1, "official_posts": 1},
        "documents": [{"id": "faq", "kind": "faq", "title": "FAQ", "url": "", "version": 1}],
        "clauses": [
            clause("faq/1", "uncovered", 0.9, "Team", 0),
            clause("faq/4", "conflict", 0.5, "", 19),
        ],
        "unanswered_questions": [{"post_id": "3", "url": "", "author": "bo",
            "created_at": "2020-01-03T00:00:00Z", "thread": "T", "text": "may we?",
            "clauses": ["faq/4"]}],
        "changed_clauses": [{"id": "faq/4", "change": "modified", "from_version": 1,
            "to_version": 2, "announced_in": [], "old_text": "Teams of up to 4.",
            "new_text": "Teams of up to 5 | or fewer."}],
        "summary": {"covered": 0, "partial": 0, "uncovered": 1, "conflict": 1, "informational": 0}
    }))
    .expect("the sample follows the contract")
}
