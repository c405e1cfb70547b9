//! Adding, removing and re-indexing documents, with the versioning rules of
//! issue 5: unchanged content changes nothing; changed content from the same
//! source becomes a new version; another source under an existing id needs
//! `--new-version`. Everything is read and checked before anything is written,
//! and the index writer is taken first, so a refused input changes nothing.

use sha1::{Digest, Sha1};

use super::clause::build_clauses;
use super::fetch::FetchSettings;
use super::source::{Loaded, load_source};
use super::store::{DocStore, StoredVersion};
use super::{input_text, segment_text};
use crate::analysis::concepts::ConceptMatcher;
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::index::{Store, StoreWriter};
use crate::model::{DocKind, RuleDoc};

/// What to add.
#[derive(Debug, Clone)]
pub struct AddSpec {
    /// A file path or URL.
    pub source: String,
    /// The competition slug.
    pub competition: String,
    /// What the document is.
    pub kind: DocKind,
    /// Document id (default: the kind's name).
    pub id: Option<String>,
    /// Title (default: the document's own).
    pub title: Option<String>,
    /// Accept another source as a new version of an existing id.
    pub new_version: bool,
    /// How a URL is fetched (Kaggle's API base, timeout).
    pub fetch: FetchSettings,
}

/// What `add_document` did.
#[derive(Debug, Clone)]
pub enum AddOutcome {
    /// A new document or a new version was stored and indexed.
    Added(StoredVersion),
    /// The content equals the newest version: nothing changed.
    Unchanged(StoredVersion),
}

/// Loads, checks, segments, stores and indexes a document.
pub fn add_document(
    data: &DataDir,
    matcher: &ConceptMatcher,
    spec: &AddSpec,
) -> Result<AddOutcome> {
    check_name("competition slug", &spec.competition)?;
    let id = spec
        .id
        .clone()
        .unwrap_or_else(|| spec.kind.as_str().to_owned());
    check_name("document id", &id)?;
    let docs = DocStore::new(data);
    let loaded = load_source(&spec.source, &spec.competition, data, &spec.fetch)?;
    let sha1 = data_encoding::HEXLOWER.encode(&Sha1::digest(&loaded.bytes));
    let newest = docs.newest(&spec.competition, &id)?;
    if let Some(n) = &newest {
        // Another kind would segment the text differently and renumber its clauses.
        if n.doc.kind != spec.kind {
            return Err(Error::Input(format!(
                "document `{id}` of `{}` is a {} document (version {}); add this as a {} with another id (`--id ID`), or give `--kind {}`",
                spec.competition,
                n.doc.kind.as_str(),
                n.doc.version,
                spec.kind.as_str(),
                n.doc.kind.as_str()
            )));
        }
        if n.sha1 == sha1 {
            return Ok(AddOutcome::Unchanged(n.clone()));
        }
        if n.doc.url != loaded.source && !spec.new_version {
            return Err(Error::DocumentSourceConflict {
                competition: spec.competition.clone(),
                id,
                version: n.doc.version,
                old_source: n.doc.url.clone(),
                new_source: loaded.source.clone(),
                next: n.doc.version + 1,
            });
        }
    }
    let version = newest.as_ref().map_or(1, |n| n.doc.version + 1);
    let stored = build_version(&loaded, spec, &id, version, sha1, newest.as_ref(), matcher)?;
    // Take the index writer before writing anything: a locked index changes nothing.
    let store = Store::open(data)?;
    let mut writer = store.writer()?;
    docs.save(&stored, &loaded.bytes)?;
    index_competition(&mut writer, &docs, &spec.competition)?;
    writer.finish()?;
    Ok(AddOutcome::Added(stored))
}

fn build_version(
    loaded: &Loaded,
    spec: &AddSpec,
    id: &str,
    version: u32,
    sha1: String,
    previous: Option<&StoredVersion>,
    matcher: &ConceptMatcher,
) -> Result<StoredVersion> {
    let text = input_text(loaded)?;
    let segmented = segment_text(loaded.format, &text, spec.kind);
    let title = spec
        .title
        .clone()
        .or(segmented.title.clone())
        .or_else(|| previous.map(|p| p.doc.title.clone()))
        .unwrap_or_else(|| spec.kind.as_str().to_owned());
    let doc = RuleDoc {
        id: id.to_owned(),
        competition: spec.competition.clone(),
        kind: spec.kind,
        title,
        url: loaded.source.clone(),
        version,
        fetched_at: jiff::Timestamp::now(),
    };
    let clauses = build_clauses(&doc, &segmented.segments, matcher);
    if clauses.is_empty() {
        return Err(Error::document(
            &loaded.source,
            "holds no clauses (no text found outside page chrome); check that it is the document itself, or save the page from a browser and add the file",
        ));
    }
    Ok(StoredVersion {
        doc,
        sha1,
        format: loaded.format,
        content_type: loaded.content_type.clone(),
        original: format!("v{version}.{}", loaded.format.extension()),
        text,
        clauses,
    })
}

/// Replaces the indexed clauses of every document of `competition` with the
/// newest versions' clauses (references resolved across documents).
pub fn index_competition(
    writer: &mut StoreWriter,
    docs: &DocStore,
    competition: &str,
) -> Result<usize> {
    let newest = docs.newest_all(competition)?;
    for v in &newest {
        writer.delete_doc_clauses(competition, &v.doc.id)?;
    }
    let clauses = docs.competition_clauses(competition)?;
    for c in &clauses {
        let at = newest
            .iter()
            .find(|v| v.doc.id == c.doc)
            .map_or_else(jiff::Timestamp::now, |v| v.doc.fetched_at);
        writer.upsert_clause(c, at)?;
    }
    Ok(clauses.len())
}

/// What `remove_document` took out of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The versions moved aside, oldest first.
    pub versions: Vec<u32>,
    /// Whether the whole document went (no version of it is left).
    pub whole: bool,
    /// The folder under `DATA/forgotten/` that now holds the files.
    pub aside: std::path::PathBuf,
}

/// Removes a document from the store and the index: every version, or only
/// `version` when given (the document's newest remaining version is then the
/// one indexed). The files move to `DATA/forgotten/COMPETITION-DOC-TIME/`.
pub fn remove_document(
    data: &DataDir,
    competition: &str,
    doc: &str,
    version: Option<u32>,
) -> Result<Removed> {
    let docs = DocStore::new(data);
    let versions = docs.versions(competition, doc)?;
    if versions.is_empty() {
        let known = docs.doc_ids(competition)?;
        return Err(Error::NotFound(format!(
            "competition `{competition}` has no document `{doc}`; it has {} (see `rulegap doc list --competition {competition}`)",
            if known.is_empty() {
                "none".into()
            } else {
                known.join(", ")
            }
        )));
    }
    let one = match version {
        Some(v) => Some(docs.version(competition, doc, v)?),
        None => None,
    };
    let store = Store::open(data)?;
    let mut writer = store.writer()?;
    writer.delete_doc_clauses(competition, doc)?;
    let aside = data.forgotten(&format!("{competition}-{doc}"));
    let removed = match one {
        Some(v) if versions.len() > 1 => {
            docs.remove_version(&v, &aside)?;
            Removed {
                versions: vec![v.doc.version],
                whole: false,
                aside,
            }
        }
        _ => {
            docs.remove(competition, doc, &aside)?;
            Removed {
                versions: versions.iter().map(|v| v.doc.version).collect(),
                whole: true,
                aside,
            }
        }
    };
    index_competition(&mut writer, &docs, competition)?;
    writer.finish()?;
    Ok(removed)
}

/// Re-segments the newest version of every stored document with today's code,
/// rewrites its stored clauses, and indexes them (for `reindex`). Returns (documents, clauses).
pub fn replay_documents(
    data: &DataDir,
    writer: &mut StoreWriter,
    matcher: &ConceptMatcher,
) -> Result<(usize, usize)> {
    let docs = DocStore::new(data);
    let (mut n_docs, mut n_clauses) = (0, 0);
    for comp in docs.competitions()? {
        for mut v in docs.newest_all(&comp)? {
            let bytes = docs.original(&v)?;
            let loaded = Loaded {
                bytes,
                format: v.format,
                source: v.doc.url.clone(),
                content_type: v.content_type.clone(),
            };
            // A source today's code cannot read keeps the clauses it was stored with.
            match input_text(&loaded) {
                Ok(text) => {
                    let segmented = segment_text(v.format, &text, v.doc.kind);
                    let clauses = build_clauses(&v.doc, &segmented.segments, matcher);
                    if !clauses.is_empty() {
                        v.clauses = clauses;
                        v.text = text;
                        docs.save(&v, &loaded.bytes)?;
                    }
                }
                Err(e) => eprintln!(
                    "rulegap: {e}; keeping the clauses stored for `{}`",
                    v.doc.id
                ),
            }
            n_docs += 1;
        }
        n_clauses += index_competition(writer, &docs, &comp)?;
    }
    Ok((n_docs, n_clauses))
}

/// Slugs and ids become folder names: letters, digits, `-`, `_`, `.` only.
fn check_name(what: &str, name: &str) -> Result<()> {
    if crate::model::is_plain_name(name) {
        Ok(())
    } else {
        Err(Error::Input(format!(
            "{what} `{name}` may only contain letters, digits, `-`, `_` and `.` (and not start with `.`); choose another"
        )))
    }
}
