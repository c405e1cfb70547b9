//! The shared vocabulary of every stage: competitions, threads, posts with their
//! author's role and quotes, official documents and their clauses.
//!
//! These are plain values. Source adapters and importers produce `Thread` and
//! `Post`; `docs` produces `RuleDoc` and `Clause`; `index` stores both;
//! `analysis` reads them back. `Post` serialises to exactly one line of the
//! documented JSONL interchange format (see README.md).

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The role of a post's author. `staff`, `moderator`, `admin` and `host` are official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Platform staff (Discourse `staff`, Kaggle tier 5, GitHub site admin).
    Staff,
    /// A forum moderator.
    Moderator,
    /// A forum administrator.
    Admin,
    /// The competition's host or organiser (configured users, groups, titles; GitHub owners).
    Host,
    /// Anyone else who posted.
    Participant,
    /// The source gave no role signal.
    Unknown,
}

impl Role {
    /// Every role, official ones first.
    pub const ALL: [Role; 6] = [
        Role::Staff,
        Role::Moderator,
        Role::Admin,
        Role::Host,
        Role::Participant,
        Role::Unknown,
    ];

    /// Whether a post by this role is an official statement.
    #[must_use]
    pub fn is_official(self) -> bool {
        matches!(
            self,
            Role::Staff | Role::Moderator | Role::Admin | Role::Host
        )
    }

    /// The lower-case name used in the CLI, the index and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
            Role::Host => "host",
            Role::Participant => "participant",
            Role::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown role `{s}`; expected one of staff, moderator, admin, host, participant, unknown"
                )
            })
    }
}

/// A competition: the unit every report is about. Its slug names it everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competition {
    /// Short stable name, e.g. `dfdc` or a Discourse category slug.
    pub slug: String,
    /// Human title when known.
    pub title: Option<String>,
}

/// A post's author as the forum shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The forum's user name (login), case kept.
    pub name: String,
    /// The role derived from the forum's signals and the user's configuration.
    pub role: Role,
}

/// Text an author quoted from someone else, kept apart from their own words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quote {
    /// Who is quoted, when the markup says.
    #[serde(default)]
    pub author: Option<String>,
    /// The quoted post as the forum refers to it (a post number or id), when known.
    #[serde(default)]
    pub post_ref: Option<String>,
    /// The quoted words, whitespace collapsed.
    pub text: String,
}

/// A forum thread (Discourse topic, HN story, GitHub issue, Kaggle topic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    /// The site it lives on (host name, or `kaggle`).
    pub site: String,
    /// The forum's own thread id.
    pub id: String,
    /// The competition it belongs to.
    pub competition: String,
    /// The adapter that read it (`discourse`, `hn`, `github`, `kaggle`, `jsonl`).
    pub source: String,
    /// Public URL of the thread.
    pub url: String,
    /// Thread title.
    pub title: String,
    /// Forum category, when the forum has them.
    pub category: Option<String>,
}

/// One post: the unit that is indexed, searched and cited as evidence.
///
/// Its identity in the store is `(site, id)`. Serialised, it is one line of
/// the JSONL interchange format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// The adapter that read it (`discourse`, `hn`, `github`, `kaggle`, or anything for JSONL).
    pub source: String,
    /// The site it lives on (host name, or `kaggle`): half of the post's identity.
    pub site: String,
    /// The competition it belongs to.
    pub competition: String,
    /// The forum's own thread id.
    pub thread_id: String,
    /// The thread's title.
    #[serde(default)]
    pub thread_title: String,
    /// The thread's URL.
    #[serde(default)]
    pub thread_url: Option<String>,
    /// The forum's own post id, as a string: the other half of the identity.
    pub post_id: String,
    /// Position in the thread (1 = opening post) when the forum numbers posts.
    #[serde(default)]
    pub post_number: Option<u32>,
    /// Author's user name.
    pub author: String,
    /// Author's role.
    pub role: Role,
    /// When it was posted.
    pub created_at: Timestamp,
    /// When it was last edited, if ever.
    #[serde(default)]
    pub edited_at: Option<Timestamp>,
    /// The author's own words, as plain text (quotes, code and link previews removed).
    pub text: String,
    /// Text quoted from others.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// The post it replies to (the forum's post id, or a post number where that is all the forum gives).
    #[serde(default)]
    pub reply_to: Option<String>,
    /// Public URL of the post.
    pub url: String,
}

impl Post {
    /// The post's unique key in the store: site plus the forum's own id.
    #[must_use]
    pub fn key(&self) -> String {
        post_key(&self.site, &self.post_id)
    }

    /// Whether the author holds an official role.
    #[must_use]
    pub fn is_official(&self) -> bool {
        self.role.is_official()
    }
}

/// The store key of a post on `site` with the forum's id `post_id`.
#[must_use]
pub fn post_key(site: &str, post_id: &str) -> String {
    format!("{site}\u{1f}{post_id}")
}

/// What an official document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// The competition rules.
    Rules,
    /// Winning-submission documentation requirements.
    Documentation,
    /// Frequently asked questions published by the organisers.
    Faq,
    /// A data or code licence.
    License,
    /// Anything else official.
    Other,
}

impl DocKind {
    /// The lower-case name used in the CLI and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Rules => "rules",
            DocKind::Documentation => "documentation",
            DocKind::Faq => "faq",
            DocKind::License => "license",
            DocKind::Other => "other",
        }
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One version of an official document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleDoc {
    /// Document id within the competition (`rules`, `documentation`, …); prefix of its clause ids.
    pub id: String,
    /// The competition it governs.
    pub competition: String,
    /// What kind of document it is.
    pub kind: DocKind,
    /// Its title.
    pub title: String,
    /// Where it came from: a URL or a file path.
    pub url: String,
    /// Version number, 1 for the first one added.
    pub version: u32,
    /// When this version was fetched or read.
    pub fetched_at: Timestamp,
}

/// The deontic class of a clause or sentence (ANALYSIS.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Something participants must do.
    Obligation,
    /// Something participants must not do.
    Prohibition,
    /// Something participants may do.
    Permission,
    /// Something participants need not do.
    Exemption,
    /// Not normative: titles, definitions, pointers.
    Informational,
}

impl Modality {
    /// The lower-case name used in JSON and output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Obligation => "obligation",
            Modality::Prohibition => "prohibition",
            Modality::Permission => "permission",
            Modality::Exemption => "exemption",
            Modality::Informational => "informational",
        }
    }

    /// Whether the clause states a rule at all.
    #[must_use]
    pub fn is_normative(self) -> bool {
        self != Modality::Informational
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One clause of an official document: the unit the gap report judges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// Stable id `{doc}/{path}`, e.g. `rules/2.6.a`.
    pub id: String,
    /// The document id.
    pub doc: String,
    /// The competition.
    pub competition: String,
    /// The document version this clause belongs to.
    pub version: u32,
    /// The numbering path inside the document, e.g. `2.6.a`.
    pub path: String,
    /// Headings above the clause, outermost first.
    pub heading: Vec<String>,
    /// The visible text, whitespace collapsed, verbatim.
    pub text: String,
    /// Its deontic class.
    pub modality: Modality,
    /// The cue words that decided the modality.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Condition phrases (`if`, `provided that`, …).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Exception phrases (`except`, `other than`, …).
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Topic names from the rule-topic library that the clause is about.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Concept groups its specific requirement mentions.
    #[serde(default)]
    pub concepts: Vec<String>,
    /// Resolved cross-references (clause ids).
    #[serde(default)]
    pub refs: Vec<String>,
}

/// Whether `name` can be a competition slug or document id: letters, digits,
/// `-`, `_` and `.`, not starting with `.` (it names folders of the data directory).
#[must_use]
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
