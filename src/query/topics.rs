//! The rule-topic library: `queries/*.toml` (built in, plus a user's `--queries DIR`).
//!
//! A topic file names a topic, a search query, and the concept groups that
//! identify the topic and its usual specific requirements (ANALYSIS.md §7).
//! `concepts.toml` holds the groups shared by several topics. Loading
//! validates everything and names the file at fault.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

/// The name of the shared concept-group file.
pub const CONCEPTS_FILE: &str = "concepts.toml";
/// The most concept groups a library may define (the analysis keeps group sets as bitsets).
pub const MAX_GROUPS: usize = 256;

/// A group of synonymous terms standing for one concept (`consent`, `licence`, …).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptGroup {
    /// What the concept means.
    #[serde(default)]
    pub description: String,
    /// Lower-case words or short phrases.
    pub terms: Vec<String>,
    /// Longer phrases in which a term does not stand for the concept
    /// ("final submission deadline" names a deadline, not the selection of
    /// final submissions).
    #[serde(default)]
    pub not_within: Vec<String>,
}

/// One rule topic.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Stable name, equal to the file stem.
    pub name: String,
    /// Human title.
    pub title: String,
    /// What rules on this topic say and what goes wrong.
    pub description: String,
    /// A search in query-parser syntax.
    pub query: String,
    /// Concept groups that identify the topic.
    pub topic_concepts: Vec<String>,
    /// Concept groups for the specific requirements rules on the topic usually add.
    #[serde(default)]
    pub requirement_concepts: Vec<String>,
    /// Groups defined by this file alone.
    #[serde(default)]
    pub groups: BTreeMap<String, ConceptGroup>,
}

/// Every topic and every concept group, validated.
#[derive(Debug, Clone, Default)]
pub struct TopicLibrary {
    /// Topics by name, in name order.
    pub topics: BTreeMap<String, Topic>,
    /// Concept groups by name (shared ones and those defined in topic files).
    pub groups: BTreeMap<String, ConceptGroup>,
}

impl TopicLibrary {
    /// The library built into the binary.
    pub fn builtin() -> Result<TopicLibrary> {
        let files: Vec<(String, String)> = BUILTIN_QUERIES
            .iter()
            .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
            .collect();
        Self::from_files(&files)
    }

    /// The built-in library plus every `.toml` file in `dir` (a user's topics win on name clashes).
    pub fn with_dir(dir: &Path) -> Result<TopicLibrary> {
        let mut files: Vec<(String, String)> = BUILTIN_QUERIES
            .iter()
            .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
            .collect();
        let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory => {
                Error::Input(format!(
                    "--queries {}: no such folder; give a folder of rule-topic .toml files (or drop --queries and RULEGAP_QUERIES to use the built-in library)",
                    dir.display()
                ))
            }
            _ => Error::io(dir, e),
        })?;
        let mut user = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| Error::io(dir, e))?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                user.push((path.display().to_string(), text));
            }
        }
        user.sort();
        files.extend(user);
        Self::from_files(&files)
    }

    /// Parses and validates (file name, contents) pairs; `concepts.toml` holds shared groups.
    pub fn from_files(files: &[(String, String)]) -> Result<TopicLibrary> {
        let mut lib = TopicLibrary::default();
        let bad = |name: &str, reason: String| Error::TopicFile {
            name: name.to_owned(),
            reason,
        };
        let is_concepts = |name: &str| {
            Path::new(name)
                .file_name()
                .is_some_and(|f| f == CONCEPTS_FILE)
        };
        for (name, text) in files.iter().filter(|(n, _)| is_concepts(n)) {
            let groups: BTreeMap<String, ConceptGroup> =
                toml::from_str(text).map_err(|e| bad(name, e.to_string()))?;
            lib.groups.extend(groups);
        }
        let mut topics = Vec::new();
        for (name, text) in files.iter().filter(|(n, _)| !is_concepts(n)) {
            let topic: Topic = toml::from_str(text).map_err(|e| bad(name, e.to_string()))?;
            let stem = Path::new(name)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            if topic.name != stem {
                return Err(bad(
                    name,
                    format!(
                        "`name = \"{}\"` must equal the file name `{stem}`",
                        topic.name
                    ),
                ));
            }
            for (g, group) in &topic.groups {
                validate_group(g, group).map_err(|r| bad(name, r))?;
                lib.groups.insert(g.clone(), group.clone());
            }
            topics.push((name.clone(), topic));
        }
        for (g, group) in &lib.groups {
            validate_group(g, group).map_err(|r| bad(CONCEPTS_FILE, r))?;
        }
        if lib.groups.len() > MAX_GROUPS {
            return Err(bad(
                CONCEPTS_FILE,
                format!(
                    "{} concept groups defined; at most {MAX_GROUPS} are supported: merge related groups",
                    lib.groups.len()
                ),
            ));
        }
        for (name, topic) in topics {
            for g in topic
                .topic_concepts
                .iter()
                .chain(&topic.requirement_concepts)
            {
                if !lib.groups.contains_key(g) {
                    return Err(bad(
                        &name,
                        format!(
                            "concept group `{g}` is not defined in {CONCEPTS_FILE} or this file's [groups]"
                        ),
                    ));
                }
            }
            if topic.topic_concepts.is_empty() {
                return Err(bad(
                    &name,
                    "`topic_concepts` must name at least one group".into(),
                ));
            }
            if topic.query.trim().is_empty() {
                return Err(bad(&name, "`query` is empty".into()));
            }
            lib.topics.insert(topic.name.clone(), topic);
        }
        Ok(lib)
    }

    /// The topic called `name`, or an error listing the known names.
    pub fn get(&self, name: &str) -> Result<&Topic> {
        self.topics.get(name).ok_or_else(|| {
            let known: Vec<&str> = self.topics.keys().map(String::as_str).collect();
            Error::NotFound(format!(
                "no saved query `{name}`; known: {} (see `rulegap queries`)",
                known.join(", ")
            ))
        })
    }
}

fn validate_group(name: &str, group: &ConceptGroup) -> std::result::Result<(), String> {
    if group.terms.is_empty() {
        return Err(format!("concept group `{name}` has no terms"));
    }
    if let Some(t) = group
        .terms
        .iter()
        .chain(&group.not_within)
        .find(|t| t.trim().is_empty() || t.to_lowercase() != **t)
    {
        return Err(format!(
            "concept group `{name}`: term `{t}` must be non-empty and lower-case"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(topic: &str) -> Vec<(String, String)> {
        vec![
            (
                "concepts.toml".into(),
                "[consent]\nterms = [\"consent\"]\n".into(),
            ),
            ("t.toml".into(), topic.into()),
        ]
    }

    #[test]
    fn valid_topic_loads() {
        let lib = TopicLibrary::from_files(&files(
            "name = \"t\"\ntitle = \"T\"\ndescription = \"d\"\nquery = \"consent\"\ntopic_concepts = [\"consent\"]\n",
        ))
        .unwrap();
        assert_eq!(lib.get("t").unwrap().title, "T");
    }

    #[test]
    fn unknown_group_names_the_file() {
        let err = TopicLibrary::from_files(&files(
            "name = \"t\"\ntitle = \"T\"\ndescription = \"d\"\nquery = \"x\"\ntopic_concepts = [\"nope\"]\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.toml") && err.contains("nope"), "{err}");
    }

    #[test]
    fn name_must_match_file() {
        let err = TopicLibrary::from_files(&files(
            "name = \"other\"\ntitle = \"T\"\ndescription = \"d\"\nquery = \"x\"\ntopic_concepts = [\"consent\"]\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("must equal the file name"), "{err}");
    }
}
