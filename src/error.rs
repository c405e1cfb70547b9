//! The library's one error type. Every message names the file, URL, line or
//! clause involved and says what to do next; `cli` prints it after `rulegap: `.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The index on disk was written by another schema version.
    #[error(
        "the index in {} was written by schema version {found}, this rulegap uses version {expected}; run `rulegap reindex` to rebuild it",
        dir.display()
    )]
    SchemaMismatch {
        /// The tantivy folder.
        dir: PathBuf,
        /// The version found on disk (`none` when the file is missing).
        found: String,
        /// This build's version.
        expected: u32,
    },
    /// Another process holds the index writer lock.
    #[error(
        "another rulegap process is writing to this data directory (lock {}); wait for it to finish, or use another `--data` directory",
        lock.display()
    )]
    IndexLocked {
        /// The lock file.
        lock: PathBuf,
    },
    /// tantivy failed in a way we did not anticipate.
    #[error("index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A search query could not be parsed.
    #[error(
        "cannot parse query `{query}`: {reason}; example of valid syntax: '\"external data\" AND (consent OR release) -video'"
    )]
    QuerySyntax {
        /// The query as typed.
        query: String,
        /// What the parser said.
        reason: String,
    },
    /// A rule-topic file under `queries/` is invalid.
    #[error("{name}: invalid rule-topic file: {reason}")]
    TopicFile {
        /// The file name or path.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// A saved query or other named thing does not exist.
    #[error("{0}")]
    NotFound(String),
    /// User input that cannot be used as given; the message says why and what to do.
    #[error("{0}")]
    Input(String),
    /// A page could not be fetched; the message names the URL and what to do.
    #[error("{0}")]
    Fetch(crate::crawl::FetchError),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
