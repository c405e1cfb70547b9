//! The analysis's output types: one `ClauseFinding` per clause, unanswered
//! questions, rule changes, and the `Params` that shaped them. Plain values
//! that `report` turns into the JSON contract and its views.

use serde::{Deserialize, Serialize};

use crate::model::{Clause, Post};

/// Tunable thresholds of the method, recorded in every report's provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Documents in which more than this share of clauses use a word make it boilerplate.
    pub boilerplate_share: f64,
    /// Words in more than this share of a forum's official posts and
    /// participant questions (once there are 20) are boilerplate too.
    pub forum_boilerplate_share: f64,
    /// Concepts named by more than this share of the normative clauses are
    /// common: one of them alone does not make a post touch a clause's topic.
    pub common_concept_share: f64,
    /// Without requirement concepts, the share of a clause's specific words a post must use to cover it.
    pub min_word_overlap: f64,
    /// Without topic concepts, how many specific words make a topic hit.
    pub min_topic_words: usize,
    /// Evidence items listed per clause.
    pub max_evidence: usize,
    /// A clause that another document permits and this one restricts is a possible conflict even without a forum post.
    pub cross_document_conflicts: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            boilerplate_share: 0.2,
            forum_boilerplate_share: 0.15,
            common_concept_share: 0.15,
            min_word_overlap: 0.4,
            min_topic_words: 2,
            max_evidence: 5,
            cross_document_conflicts: false,
        }
    }
}

/// A clause's status (ANALYSIS.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// An official statement addresses the specific requirement compatibly.
    Covered,
    /// Official statements touch the topic, never the specific requirement.
    Partial,
    /// No official statement touches the topic.
    Uncovered,
    /// An official statement seems to permit what the clause restricts, or the reverse.
    Conflict,
    /// Not normative.
    Informational,
}

impl Status {
    /// Every status, in report order.
    pub const ALL: [Status; 5] = [
        Status::Conflict,
        Status::Uncovered,
        Status::Partial,
        Status::Covered,
        Status::Informational,
    ];

    /// The lower-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Uncovered => "uncovered",
            Status::Conflict => "conflict",
            Status::Informational => "informational",
        }
    }

    /// The name readers see: "possible conflict", never a verdict.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Status::Conflict => "possible conflict",
            other => other.as_str(),
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| format!("unknown status `{s}`; expected covered, partial, uncovered, conflict or informational"))
    }
}

/// How a post bears on a clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bearing {
    /// Addresses the specific requirement.
    Covers,
    /// Touches the topic only.
    Touches,
    /// Seems to contradict the clause.
    Conflicts,
}

/// One official post cited for a clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The post.
    pub post: Post,
    /// How it bears on the clause.
    pub bearing: Bearing,
    /// Relevance score (matched concepts plus specific words).
    pub score: f64,
    /// The sentences that matter, verbatim.
    pub snippet: String,
    /// `group{term}` concept matches and specific words shared with the clause.
    pub matched_terms: Vec<String>,
    /// The participant's post it answers, if any: a short answer ("Should be
    /// fine.") is read through its question.
    pub in_reply_to: Option<Post>,
}

/// How another clause relates to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The other clause restricts what this one permits.
    Restricts,
    /// The other clause permits what this one restricts.
    Permits,
    /// This clause refers to the other.
    References,
}

/// A related clause.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Related {
    /// Its id.
    pub id: String,
    /// The relation.
    pub relation: Relation,
}

/// The verdict on one clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseFinding {
    /// The clause.
    pub clause: Clause,
    /// Its status.
    pub status: Status,
    /// Risk in [0, 1].
    pub risk: f64,
    /// Rule topics.
    pub topics: Vec<String>,
    /// Requirement concept groups no official post on the topic mentions.
    pub missing_concepts: Vec<String>,
    /// Cited posts.
    pub evidence: Vec<Evidence>,
    /// Related clauses in this or other documents.
    pub related: Vec<Related>,
    /// One checkable sentence.
    pub explanation: String,
}

/// A participant question no official answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unanswered {
    /// The question post.
    pub post: Post,
    /// Clauses whose topic it asks about.
    pub clauses: Vec<String>,
}

/// What happened to a clause between two document versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// New in the later version.
    Added,
    /// Gone from the later version.
    Removed,
    /// Text changed.
    Modified,
}

/// A clause changed between versions (input to the analysis: from the documents' diff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionChange {
    /// Clause id (the newer one for added/modified, the old one for removed).
    pub id: String,
    /// The kind of change.
    pub change: ChangeKind,
    /// Older version number.
    pub from_version: u32,
    /// Newer version number.
    pub to_version: u32,
    /// Old text (empty when added).
    pub old_text: String,
    /// New text (empty when removed).
    pub new_text: String,
}

/// A rule change with the official posts that announced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The change.
    pub change: VersionChange,
    /// URLs of official posts announcing it (empty: nobody official did).
    pub announced_in: Vec<String>,
}

/// Everything the analysis found for one competition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    /// One per clause, highest risk first.
    pub clauses: Vec<ClauseFinding>,
    /// Unanswered participant questions, oldest first.
    pub unanswered: Vec<Unanswered>,
    /// Rule changes.
    pub changes: Vec<Change>,
}
