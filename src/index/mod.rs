//! The store: one tantivy index under the data directory holding every post
//! (with its author's role) and every current clause.
//!
//! `Store::open` checks the schema version first, so an index written by an
//! older rulegap gets a one-line error instead of a panic deep inside tantivy.
//! `Store::writer` takes tantivy's writer lock (one writer per process, and a
//! clear error for a second process); updates are delete-by-key plus add.
//! Readers take one snapshot per command. `Store::open_read` is for commands that
//! only read: it creates nothing, needs no write permission (see `readonly`), and
//! errors when the data directory does not exist.

mod readonly;
pub mod schema;
mod writer;

pub(crate) use readonly::is_read_only;

pub use schema::{Fields, SCHEMA_VERSION};
pub use writer::{Annotation, StoreWriter, clause_key};

use std::path::{Path, PathBuf};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::directory::error::{LockError, OpenWriteError};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::model::{Clause, Post};

const VERSION_FILE: &str = "schema-version";
/// Writer memory budget (split across tantivy's indexing threads).
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// An open index.
pub struct Store {
    index: Index,
    fields: Fields,
    dir: PathBuf,
}

impl Store {
    /// Opens the index in `data`, creating it when the folder holds none.
    pub fn open(data: &DataDir) -> Result<Store> {
        if data.root().exists() {
            // A `--data` that names a file gets the same message as for readers.
            data.require_existing()?;
        }
        Self::open_dir(data.tantivy())
    }

    /// Opens the index in `data` for reading only: nothing is created or written, so
    /// it works on a data directory the user may not write. A data directory without
    /// an index yet reads as empty; a missing data directory is `Error::NoDataDir`.
    pub fn open_read(data: &DataDir) -> Result<Store> {
        data.require_existing()?;
        let dir = data.tantivy();
        let (schema, fields) = schema::build();
        let index = if dir.join("meta.json").exists() {
            check_version(&dir, &dir.join(VERSION_FILE))?;
            let mmap = tantivy::directory::MmapDirectory::open(&dir)
                .map_err(|e| Error::Input(format!("{}: {e}", dir.display())))?;
            let index = Index::open(readonly::ReaderDirectory::new(mmap))?;
            check_schema(&index, &schema, &dir)?;
            index
        } else {
            Index::create_in_ram(schema)
        };
        schema::register_tokenizers(&index);
        Ok(Store { index, fields, dir })
    }

    /// Whether another process holds the writer lock (an import or crawl is running).
    /// Takes the lock for an instant when it is free; `false` when that cannot be told.
    #[must_use]
    pub fn writer_busy(&self) -> bool {
        use tantivy::Directory;
        matches!(
            self.index
                .directory()
                .acquire_lock(&tantivy::directory::INDEX_WRITER_LOCK),
            Err(tantivy::directory::error::LockError::LockBusy)
        )
    }

    /// Opens (or creates) an index in the folder `dir`.
    pub fn open_dir(dir: PathBuf) -> Result<Store> {
        DataDir::ensure(&dir)?;
        let (schema, fields) = schema::build();
        let version_path = dir.join(VERSION_FILE);
        let has_index = dir.join("meta.json").exists();
        let index = if has_index {
            check_version(&dir, &version_path)?;
            let index = Index::open_in_dir(&dir)?;
            check_schema(&index, &schema, &dir)?;
            index
        } else {
            let index = Index::create_in_dir(&dir, schema).map_err(|e| write_error(&dir, e))?;
            std::fs::write(&version_path, format!("{SCHEMA_VERSION}\n"))
                .map_err(|e| Error::write(&version_path, e))?;
            index
        };
        schema::register_tokenizers(&index);
        Ok(Store { index, fields, dir })
    }

    /// Deletes the index folder of `data` (for `reindex`), leaving everything else.
    pub fn wipe(data: &DataDir) -> Result<()> {
        let dir = data.tantivy();
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        Ok(())
    }

    /// The field handles.
    #[must_use]
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index (for query parsing and snippets).
    #[must_use]
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Takes the single writer. A second process gets `Error::IndexLocked`.
    pub fn writer(&self) -> Result<StoreWriter> {
        match self.index.writer::<TantivyDocument>(WRITER_HEAP_BYTES) {
            Ok(w) => Ok(StoreWriter::new(w, self.fields)),
            Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _)) => {
                Err(Error::IndexLocked {
                    lock: self.dir.join(".tantivy-writer.lock"),
                })
            }
            Err(e) => Err(write_error(&self.dir, e)),
        }
    }

    /// One searcher snapshot for the whole command.
    pub fn searcher(&self) -> Result<Searcher> {
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            // A store opened for writing takes a lock to read: refused on a read-only folder.
            .map_err(|e| write_error(&self.dir, e))?;
        Ok(reader.searcher())
    }

    /// Every post, optionally of one competition, in no particular order.
    pub fn posts(&self, searcher: &Searcher, competition: Option<&str>) -> Result<Vec<Post>> {
        let query = self.kind_query(schema::KIND_POST, competition);
        self.load_all(searcher, query.as_ref())
    }

    /// Posts of `competition` with what was derived when they were indexed.
    /// With `official_or_question`, only official posts and participant questions.
    pub fn annotated_posts(
        &self,
        searcher: &Searcher,
        competition: &str,
        official_or_question: bool,
    ) -> Result<Vec<(Post, Annotation)>> {
        let f = self.fields;
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, term_query(f.kind, schema::KIND_POST)),
            (Occur::Must, term_query(f.competition, competition)),
        ];
        if official_or_question {
            let mut any: Vec<(Occur, Box<dyn Query>)> = crate::model::Role::ALL
                .into_iter()
                .filter(|r| r.is_official())
                .map(|r| (Occur::Should, term_query(f.role, r.as_str())))
                .collect();
            any.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.question, 1),
                    IndexRecordOption::Basic,
                )),
            ));
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        let addrs = searcher.search(&BooleanQuery::new(must), &DocSetCollector)?;
        let mut addrs: Vec<_> = addrs.into_iter().collect();
        addrs.sort();
        let mut out = Vec::with_capacity(addrs.len());
        for addr in addrs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let post: Post = self.decode(&doc)?;
            let note = Annotation {
                question: doc.get_first(f.question).and_then(|v| v.as_u64()) == Some(1),
                topics: doc
                    .get_all(f.topic)
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            };
            out.push((post, note));
        }
        Ok(out)
    }

    /// Every indexed clause, optionally of one competition.
    pub fn clauses(&self, searcher: &Searcher, competition: Option<&str>) -> Result<Vec<Clause>> {
        let query = self.kind_query(schema::KIND_CLAUSE, competition);
        self.load_all(searcher, query.as_ref())
    }

    /// How many documents match `query`.
    pub fn count(&self, searcher: &Searcher, query: &dyn Query) -> Result<usize> {
        Ok(searcher.search(query, &Count)?)
    }

    /// A query for all documents of `kind`, optionally of one competition.
    #[must_use]
    pub fn kind_query(&self, kind: &str, competition: Option<&str>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, term_query(self.fields.kind, kind))];
        if let Some(c) = competition {
            clauses.push((Occur::Must, term_query(self.fields.competition, c)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The distinct competition slugs in the index.
    pub fn competitions(&self, searcher: &Searcher) -> Result<Vec<String>> {
        let mut out = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inv = segment.inverted_index(self.fields.competition)?;
            let mut stream = inv.terms().stream().map_err(|e| Error::io(&self.dir, e))?;
            while stream.advance() {
                out.insert(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        // Terms of deleted documents may linger until a merge: keep only live ones.
        let mut live = Vec::new();
        for c in out {
            if self.count(searcher, &*term_query(self.fields.competition, &c))? > 0 {
                live.push(c);
            }
        }
        Ok(live)
    }

    /// Decodes the stored JSON of every document matching `query`.
    pub fn load_all<T: serde::de::DeserializeOwned>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
    ) -> Result<Vec<T>> {
        let addrs = searcher.search(query, &DocSetCollector)?;
        let mut addrs: Vec<_> = addrs.into_iter().collect();
        addrs.sort();
        let mut out = Vec::with_capacity(addrs.len());
        for addr in addrs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            out.push(self.decode(&doc)?);
        }
        Ok(out)
    }

    /// Decodes one stored document.
    pub fn decode<T: serde::de::DeserializeOwned>(&self, doc: &TantivyDocument) -> Result<T> {
        let json = doc
            .get_first(self.fields.json)
            .and_then(|v| v.as_str())
            .ok_or_else(|| {
                Error::Input("index document without stored JSON; run `rulegap reindex`".into())
            })?;
        serde_json::from_str(json).map_err(|e| {
            Error::Input(format!(
                "index document does not decode ({e}); run `rulegap reindex`"
            ))
        })
    }

    /// Every document, for tests and diagnostics.
    pub fn total_docs(&self, searcher: &Searcher) -> Result<usize> {
        self.count(searcher, &AllQuery)
    }
}

/// A query for one exact term of a raw (untokenised) field.
#[must_use]
pub fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// A tantivy error while writing in `dir`: permission problems become
/// `Error::PermissionDenied` naming the folder, the rest stays `Error::Index`.
fn write_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    let denied = match &e {
        tantivy::TantivyError::LockFailure(LockError::IoError(io), _)
        | tantivy::TantivyError::IoError(io) => is_read_only(io),
        tantivy::TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            is_read_only(io_error)
        }
        _ => false,
    };
    if denied {
        Error::PermissionDenied {
            path: dir.to_path_buf(),
        }
    } else {
        Error::Index(e)
    }
}

/// An index written with other fields than this build's schema needs `reindex`.
fn check_schema(index: &Index, schema: &tantivy::schema::Schema, dir: &Path) -> Result<()> {
    if index.schema() == *schema {
        return Ok(());
    }
    Err(Error::SchemaMismatch {
        dir: dir.to_path_buf(),
        found: format!("{SCHEMA_VERSION} (with other fields)"),
        expected: SCHEMA_VERSION,
    })
}

fn check_version(dir: &Path, version_path: &Path) -> Result<()> {
    let found = std::fs::read_to_string(version_path)
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "none".to_owned());
    if found == SCHEMA_VERSION.to_string() {
        Ok(())
    } else {
        Err(Error::SchemaMismatch {
            dir: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_read_creates_nothing_and_sees_a_running_writer() {
        let tmp = tempfile::tempdir().unwrap();
        let missing = DataDir::new(tmp.path().join("typo"));
        assert!(matches!(
            Store::open_read(&missing),
            Err(Error::NoDataDir { .. })
        ));
        assert!(!missing.root().exists());

        let data = DataDir::new(tmp.path().join("data"));
        DataDir::ensure(data.root()).unwrap();
        let empty = Store::open_read(&data).unwrap();
        assert_eq!(empty.total_docs(&empty.searcher().unwrap()).unwrap(), 0);
        assert!(!data.tantivy().exists(), "a reader created the index");

        let store = Store::open(&data).unwrap();
        let reader = Store::open_read(&data).unwrap();
        assert!(!reader.writer_busy());
        let writer = store.writer().unwrap();
        assert!(reader.writer_busy(), "the held writer lock is not seen");
        assert!(matches!(store.writer(), Err(Error::IndexLocked { .. })));
        writer.finish().unwrap();
        assert!(!reader.writer_busy());
    }
}
