//! Document versions on disk, under the data directory's `docs/`:
//! `docs/<competition>/<doc-id>/v<N>.json` (the `RuleDoc`, the source bytes'
//! SHA-1, the segmenter's input text and the clauses) beside `v<N>.<ext>`, the
//! original bytes. Every version is kept (`doc remove` moves one, or all, to
//! `DATA/forgotten/`); the newest is the one indexed, and `reindex`
//! re-segments it from the original bytes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::diff::{ChangeKind, DocumentChanges, diff_clauses};
use super::refs::resolve_refs;
use super::source::Format;
use crate::analysis::{ChangeKind as AnalysisChange, VersionChange};
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::model::{Clause, RuleDoc};

/// One stored version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVersion {
    /// The document and version.
    pub doc: RuleDoc,
    /// SHA-1 of the original bytes (hex).
    pub sha1: String,
    /// Format of the original.
    pub format: Format,
    /// `Content-Type` of a fetched URL.
    #[serde(default)]
    pub content_type: Option<String>,
    /// File name of the original bytes beside this file, e.g. `v1.html`.
    pub original: String,
    /// The text the segmenter read (HTML source, markdown, text, or a PDF's extracted text).
    pub text: String,
    /// The clauses of this version, as segmented.
    pub clauses: Vec<Clause>,
}

/// The `docs/` folder of a data directory.
#[derive(Debug, Clone)]
pub struct DocStore {
    root: PathBuf,
}

impl DocStore {
    /// The document store of `data`.
    #[must_use]
    pub fn new(data: &DataDir) -> DocStore {
        DocStore { root: data.docs() }
    }

    /// The folder of one document.
    #[must_use]
    pub fn doc_dir(&self, competition: &str, doc: &str) -> PathBuf {
        self.root.join(competition).join(doc)
    }

    /// Competitions with at least one document.
    pub fn competitions(&self) -> Result<Vec<String>> {
        subdirs(&self.root)
    }

    /// Document ids of a competition.
    pub fn doc_ids(&self, competition: &str) -> Result<Vec<String>> {
        subdirs(&self.root.join(competition))
    }

    /// Every version of a document, oldest first.
    pub fn versions(&self, competition: &str, doc: &str) -> Result<Vec<StoredVersion>> {
        let dir = self.doc_dir(competition, doc);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for e in entries.flatten() {
            let p = e.path();
            let is_version = p.extension().is_some_and(|x| x == "json")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .is_some_and(|s| s.starts_with('v'));
            if is_version {
                out.push(read_version(&p)?);
            }
        }
        out.sort_by_key(|v| v.doc.version);
        Ok(out)
    }

    /// The newest version of a document, if any.
    pub fn newest(&self, competition: &str, doc: &str) -> Result<Option<StoredVersion>> {
        Ok(self.versions(competition, doc)?.pop())
    }

    /// One version, or an error naming the versions that exist.
    pub fn version(&self, competition: &str, doc: &str, v: u32) -> Result<StoredVersion> {
        let all = self.versions(competition, doc)?;
        let known: Vec<String> = all.iter().map(|x| x.doc.version.to_string()).collect();
        all.into_iter().find(|x| x.doc.version == v).ok_or_else(|| {
            Error::NotFound(format!(
                "document `{doc}` of `{competition}` has no version {v}; {}",
                match known.len() {
                    0 => "it has none".to_owned(),
                    1 => format!("it has only version {}", known[0]),
                    _ => format!("its versions are {}", known.join(", ")),
                }
            ))
        })
    }

    /// The newest version of every document of a competition, in id order.
    pub fn newest_all(&self, competition: &str) -> Result<Vec<StoredVersion>> {
        let mut out = Vec::new();
        for id in self.doc_ids(competition)? {
            if let Some(v) = self.newest(competition, &id)? {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// The clauses of the newest version of every document of a competition,
    /// with references resolved across its documents. This is what gets indexed.
    pub fn competition_clauses(&self, competition: &str) -> Result<Vec<Clause>> {
        let newest = self.newest_all(competition)?;
        let kinds: Vec<(String, crate::model::DocKind)> = newest
            .iter()
            .map(|v| (v.doc.id.clone(), v.doc.kind))
            .collect();
        let mut clauses: Vec<Clause> = newest.into_iter().flat_map(|v| v.clauses).collect();
        resolve_refs(&mut clauses, &kinds);
        Ok(clauses)
    }

    /// For every document of a competition with two or more versions, the
    /// clause changes from the version before the newest to the newest.
    pub fn latest_changes(&self, competition: &str) -> Result<Vec<DocumentChanges>> {
        let mut out = Vec::new();
        for id in self.doc_ids(competition)? {
            let versions = self.versions(competition, &id)?;
            if let [.., old, new] = versions.as_slice() {
                out.push(DocumentChanges {
                    doc: id,
                    from_version: old.doc.version,
                    to_version: new.doc.version,
                    changes: diff_clauses(&old.clauses, &new.clauses),
                });
            }
        }
        Ok(out)
    }

    /// The original bytes of a stored version.
    pub fn original(&self, v: &StoredVersion) -> Result<Vec<u8>> {
        let p = self
            .doc_dir(&v.doc.competition, &v.doc.id)
            .join(&v.original);
        std::fs::read(&p).map_err(|e| Error::io(p, e))
    }

    /// Writes a version and its original bytes (each via a temporary file and a rename).
    pub fn save(&self, v: &StoredVersion, bytes: &[u8]) -> Result<()> {
        let dir = self.doc_dir(&v.doc.competition, &v.doc.id);
        DataDir::ensure(&dir)?;
        write_atomic(&dir.join(&v.original), bytes)?;
        let json = serde_json::to_vec_pretty(v).expect("versions serialise");
        write_atomic(&dir.join(format!("v{}.json", v.doc.version)), &json)
    }

    /// Moves a document with all its versions out of the store, into the folder `aside`.
    pub fn remove(&self, competition: &str, doc: &str, aside: &Path) -> Result<()> {
        let dir = self.doc_dir(competition, doc);
        DataDir::ensure(aside)?;
        let dest = aside.join(doc);
        std::fs::rename(&dir, &dest).map_err(|e| Error::io(&dir, e))?;
        let comp = self.root.join(competition);
        if subdirs(&comp)?.is_empty() {
            let _ = std::fs::remove_dir(&comp);
        }
        Ok(())
    }

    /// Moves one version (its JSON and its original bytes) into the folder `aside`.
    pub fn remove_version(&self, v: &StoredVersion, aside: &Path) -> Result<()> {
        let dir = self.doc_dir(&v.doc.competition, &v.doc.id);
        DataDir::ensure(aside)?;
        for name in [format!("v{}.json", v.doc.version), v.original.clone()] {
            let (from, to) = (dir.join(&name), aside.join(&name));
            // Never over what an earlier removal set aside.
            if to.exists() {
                return Err(Error::Input(format!(
                    "{} already exists; move it away and run the command again",
                    to.display()
                )));
            }
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
        Ok(())
    }
}

fn read_version(p: &Path) -> Result<StoredVersion> {
    let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
    serde_json::from_str(&text).map_err(|e| {
        Error::Input(format!(
            "{}: not a valid stored document version ({e}); remove the document with `rulegap doc remove` and add it again",
            p.display()
        ))
    })
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn subdirs(dir: &Path) -> Result<Vec<String>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| !n.starts_with('.'))
        .collect();
    out.sort();
    Ok(out)
}

/// The newest version of every document of `competition` (for the report's `documents`).
pub fn newest_documents(data: &DataDir, competition: &str) -> Result<Vec<RuleDoc>> {
    Ok(DocStore::new(data)
        .newest_all(competition)?
        .into_iter()
        .map(|v| v.doc)
        .collect())
}

/// The clause changes between the last two versions of every document of
/// `competition`, as the analysis takes them (moves, which change no text, left out).
pub fn version_changes(data: &DataDir, competition: &str) -> Result<Vec<VersionChange>> {
    let mut out = Vec::new();
    for d in DocStore::new(data).latest_changes(competition)? {
        for c in d.changes {
            let change = match c.change {
                ChangeKind::Added => AnalysisChange::Added,
                ChangeKind::Removed => AnalysisChange::Removed,
                ChangeKind::Modified => AnalysisChange::Modified,
                ChangeKind::Moved => continue,
            };
            out.push(VersionChange {
                id: c.id,
                change,
                from_version: d.from_version,
                to_version: d.to_version,
                old_text: c.from_text.unwrap_or_default(),
                new_text: c.to_text.unwrap_or_default(),
            });
        }
    }
    Ok(out)
}
