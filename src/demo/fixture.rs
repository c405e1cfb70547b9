//! The forum fixture format: a competition's `competition.toml`, its
//! `forum.json` and its document files, loaded either from the copy embedded
//! in the binary (`src/demo/data/`, see `build.rs`) or from a folder on disk
//! (the evaluation set under `tests/eval/<slug>/`).
//!
//! Loading validates what the server relies on (unique ids, known authors,
//! reply targets inside the topic, document files present) and names the
//! file and the offending id in every error, so a broken fixture never panics.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// `competition.toml`: who the competition is, where it lives in the forum, and its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetitionSpec {
    /// The competition slug, also the Discourse category slug (`camera-traps-2026`).
    pub slug: String,
    /// The competition's title, also the category name.
    pub title: String,
    /// The Discourse category id.
    pub category_id: u64,
    /// Discourse `primary_group_name`s whose members count as host.
    #[serde(default)]
    pub official_groups: Vec<String>,
    /// Usernames that count as host.
    #[serde(default)]
    pub official_users: Vec<String>,
    /// The official documents, in publication order.
    #[serde(default)]
    pub documents: Vec<DocSpec>,
}

/// One `[[documents]]` entry of `competition.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSpec {
    /// The document id (`rules`); clause ids are `<id>/<number>`.
    pub id: String,
    /// `rules`, `documentation`, `faq`, `license` or `other`.
    pub kind: String,
    /// The markdown file, relative to the competition folder.
    pub file: String,
    /// Set when this file is a later version of the document with that id.
    #[serde(default)]
    pub version_of: Option<String>,
}

/// `forum.json`: the users and topics of one competition's category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    /// Everyone who posts, with their Discourse role signals.
    pub users: Vec<User>,
    /// The category's topics.
    pub topics: Vec<Topic>,
}

/// A forum account and the role signals Discourse puts on each of its posts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// The unique username.
    pub username: String,
    /// The display name, if any.
    #[serde(default)]
    pub name: Option<String>,
    /// A site administrator.
    #[serde(default)]
    pub admin: bool,
    /// A site moderator.
    #[serde(default)]
    pub moderator: bool,
    /// The user title shown next to the name (`Competition Staff`).
    #[serde(default)]
    pub title: Option<String>,
    /// The primary group (`organizers`), served as `primary_group_name` and `flair_name`.
    #[serde(default)]
    pub primary_group: Option<String>,
}

/// A topic and its posts in post-number order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// The topic id, unique on the site.
    pub id: u64,
    /// The title.
    pub title: String,
    /// When the topic was created.
    pub created_at: Timestamp,
    /// The posts; the first is the opening post (post number 1).
    pub posts: Vec<FixturePost>,
}

/// One post as written in the fixture: markdown (`raw`) with BBCode quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixturePost {
    /// The post id, unique on the site.
    pub id: u64,
    /// The author; must be listed in `users`.
    pub username: String,
    /// When the post was made.
    pub created_at: Timestamp,
    /// The markdown source.
    pub raw: String,
    /// The post number this post replies to, if any.
    #[serde(default)]
    pub reply_to_post_number: Option<u32>,
    /// Whether the post was edited (served as `version: 2`).
    #[serde(default)]
    pub edited: bool,
}

/// A document file and its markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFile {
    /// Its `[[documents]]` entry.
    pub spec: DocSpec,
    /// The file's contents.
    pub markdown: String,
}

/// One competition, loaded and validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetitionFixture {
    /// `competition.toml`.
    pub spec: CompetitionSpec,
    /// `forum.json`.
    pub forum: Forum,
    /// The documents, in the order of `competition.toml`.
    pub documents: Vec<DocFile>,
}

/// Where fixture files come from.
enum Files<'a> {
    Embedded(&'a [(&'a str, &'a str)]),
    Dir(&'a Path),
}

impl Files<'_> {
    /// How to name `rel` in an error message.
    fn name(&self, rel: &str) -> String {
        match self {
            Files::Embedded(_) => format!("src/demo/data/{rel} (embedded)"),
            Files::Dir(dir) => dir.join(rel).display().to_string(),
        }
    }

    fn read(&self, rel: &str) -> Result<String> {
        match self {
            Files::Embedded(files) => files
                .iter()
                .find(|(path, _)| *path == rel)
                .map(|(_, text)| (*text).to_owned())
                .ok_or_else(|| Error::NotFound(format!("{}: no such file", self.name(rel)))),
            Files::Dir(dir) => {
                let path: PathBuf = dir.join(rel);
                std::fs::read_to_string(&path).map_err(|e| Error::io(path, e))
            }
        }
    }
}

impl CompetitionFixture {
    /// The bundled demo competition, embedded in the binary.
    ///
    /// # Errors
    /// When the embedded files are broken (a build from an edited checkout).
    pub fn demo() -> Result<CompetitionFixture> {
        load(&Files::Embedded(super::DEMO_FILES))
    }

    /// A competition folder on disk holding `competition.toml`, `forum.json` and the documents.
    ///
    /// # Errors
    /// When a file is missing or invalid; the message names the file.
    pub fn from_dir(dir: &Path) -> Result<CompetitionFixture> {
        load(&Files::Dir(dir))
    }
}

fn load(files: &Files<'_>) -> Result<CompetitionFixture> {
    let spec_name = "competition.toml";
    let spec: CompetitionSpec = toml::from_str(&files.read(spec_name)?)
        .map_err(|e| invalid(&files.name(spec_name), &e.to_string()))?;
    let forum_name = "forum.json";
    let forum: Forum = serde_json::from_str(&files.read(forum_name)?)
        .map_err(|e| invalid(&files.name(forum_name), &e.to_string()))?;
    check_spec(&spec).map_err(|reason| invalid(&files.name(spec_name), &reason))?;
    check_forum(&forum).map_err(|reason| invalid(&files.name(forum_name), &reason))?;
    let documents = spec
        .documents
        .iter()
        .map(|doc| {
            files.read(&doc.file).map(|markdown| DocFile {
                spec: doc.clone(),
                markdown,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(CompetitionFixture {
        spec,
        forum,
        documents,
    })
}

fn invalid(file: &str, reason: &str) -> Error {
    Error::Input(format!(
        "{file}: invalid demo fixture: {reason}; fix the file (format: src/demo/fixture.rs)"
    ))
}

/// Whether `s` can be used as a slug or file name in a URL path segment.
fn url_safe(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn check_spec(spec: &CompetitionSpec) -> Result<(), String> {
    if !url_safe(&spec.slug) {
        return Err(format!(
            "slug `{}` must be non-empty ASCII letters, digits, `-` or `_`",
            spec.slug
        ));
    }
    let mut ids = HashSet::new();
    let mut files = HashSet::new();
    for doc in &spec.documents {
        if !url_safe(&doc.file) || !files.insert(doc.file.as_str()) {
            return Err(format!(
                "document file `{}` must be a unique plain file name",
                doc.file
            ));
        }
        match &doc.version_of {
            Some(of) if !ids.contains(of.as_str()) => {
                return Err(format!(
                    "document `{}` (file `{}`) has version_of = `{of}`, which names no earlier document",
                    doc.id, doc.file
                ));
            }
            Some(_) => {
                ids.insert(doc.id.as_str());
            }
            None if !ids.insert(doc.id.as_str()) => {
                return Err(format!(
                    "document id `{}` appears twice; mark the later file with version_of",
                    doc.id
                ));
            }
            None => {}
        }
    }
    Ok(())
}

fn check_forum(forum: &Forum) -> Result<(), String> {
    let mut users = HashSet::new();
    for user in &forum.users {
        if !url_safe(&user.username) || !users.insert(user.username.as_str()) {
            return Err(format!(
                "username `{}` is empty, unsafe in a URL, or listed twice",
                user.username
            ));
        }
    }
    let mut topics = HashSet::new();
    let mut posts = HashSet::new();
    for topic in &forum.topics {
        if !topics.insert(topic.id) {
            return Err(format!("topic id {} appears twice", topic.id));
        }
        if topic.posts.is_empty() {
            return Err(format!("topic {} has no posts", topic.id));
        }
        for (index, post) in topic.posts.iter().enumerate() {
            if !posts.insert(post.id) {
                return Err(format!("post id {} appears twice", post.id));
            }
            if !users.contains(post.username.as_str()) {
                return Err(format!(
                    "post {} is by `{}`, who is not listed in `users`",
                    post.id, post.username
                ));
            }
            if let Some(to) = post.reply_to_post_number
                && (to == 0 || to as usize > index)
            {
                return Err(format!(
                    "post {} replies to post number {to}, which is not an earlier post of topic {}",
                    post.id, topic.id
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_loads_with_documents() {
        let demo = CompetitionFixture::demo().expect("demo loads");
        assert_eq!(demo.spec.slug, "camera-traps-2026");
        assert_eq!(demo.documents.len(), demo.spec.documents.len());
        assert!(demo.forum.topics.iter().any(|t| t.id == 701));
    }

    #[test]
    fn unknown_author_names_file_and_post() {
        let files = [
            (
                "competition.toml",
                "slug = \"x\"\ntitle = \"X\"\ncategory_id = 1\n",
            ),
            (
                "forum.json",
                r#"{"users": [], "topics": [{"id": 1, "title": "t", "created_at": "2026-01-01T00:00:00Z",
                   "posts": [{"id": 5, "username": "ghost", "created_at": "2026-01-01T00:00:00Z", "raw": "hi"}]}]}"#,
            ),
        ];
        let err = load(&Files::Embedded(&files)).unwrap_err().to_string();
        assert!(err.contains("forum.json"), "{err}");
        assert!(err.contains("post 5") && err.contains("ghost"), "{err}");
    }

    #[test]
    fn bad_date_and_missing_document_are_errors() {
        let spec = "slug = \"x\"\ntitle = \"X\"\ncategory_id = 1\n[[documents]]\nid = \"rules\"\nkind = \"rules\"\nfile = \"rules.md\"\n";
        let forum = r#"{"users": [], "topics": []}"#;
        let err = load(&Files::Embedded(&[
            ("competition.toml", spec),
            ("forum.json", forum),
        ]))
        .unwrap_err()
        .to_string();
        assert!(err.contains("rules.md"), "{err}");
        let bad_date = r#"{"users": [], "topics": [{"id": 1, "title": "t", "created_at": "yesterday", "posts": []}]}"#;
        let err = load(&Files::Embedded(&[
            ("competition.toml", spec),
            ("forum.json", bad_date),
        ]))
        .unwrap_err()
        .to_string();
        assert!(err.contains("forum.json") && err.contains("line"), "{err}");
    }
}
