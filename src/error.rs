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
    /// The user may not write where a command must write (a read-only data directory).
    #[error(
        "permission denied on {}: this command writes to the data directory; run it as a user who may write there, change the permissions, or pass another `--data` directory (read commands such as `search`, `status` and `report` work on a read-only one)",
        path.display()
    )]
    PermissionDenied {
        /// The file or folder that could not be written.
        path: PathBuf,
    },
    /// A read command was pointed at a data directory that does not exist.
    #[error(
        "no rulegap data directory at {}: create one with `rulegap import`, `rulegap crawl` or `rulegap doc add`, or pass `--data DIR` (or set RULEGAP_DATA)",
        dir.display()
    )]
    NoDataDir {
        /// The path given (or the default `./index`).
        dir: PathBuf,
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
    /// A document source (file or URL) that cannot be read as a document.
    #[error("{source_name}: {reason}")]
    Document {
        /// The file path or URL.
        source_name: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// A page whose text is rendered by JavaScript in the browser.
    #[error(
        "{source_name} is a JavaScript shell: its text is rendered in the browser, so the page holds nothing to read; open it in a browser, save it (File > Save Page As, \"Web Page, Complete\" or \"HTML Only\"), and add the saved file: `rulegap doc add rules.html --competition SLUG --kind rules`"
    )]
    JavaScriptShell {
        /// The file path or URL.
        source_name: String,
    },
    /// A different source under an existing document id, without `--new-version`.
    #[error(
        "competition `{competition}` already has a document `{id}` (version {version}) from {old_source}; to add {new_source} as a separate document give it another id with `--id ID`, or to record it as version {next} of `{id}` add `--new-version`"
    )]
    DocumentSourceConflict {
        /// The competition.
        competition: String,
        /// The document id.
        id: String,
        /// The newest version number.
        version: u32,
        /// Where the newest version came from.
        old_source: String,
        /// Where the new content comes from.
        new_source: String,
        /// The version it would become.
        next: u32,
    },
    /// User input that cannot be used as given; the message says why and what to do.
    #[error("{0}")]
    Input(String),
    /// A page could not be fetched; the message names the URL and what to do.
    #[error("{0}")]
    Fetch(crate::crawl::FetchError),
    /// Kaggle's API needs a credential that is missing, malformed or rejected.
    #[error("{problem}; {fix}")]
    KaggleCredentials {
        /// What is wrong (never the secret itself).
        problem: String,
        /// Where to put a credential.
        fix: String,
    },
    /// A Meta Kaggle file the import needs is not in the folder.
    #[error(
        "{}: file not found; `rulegap import kaggle DIR` needs Competitions.csv, ForumTopics.csv, ForumMessages.csv and Users.csv from Meta Kaggle in DIR (`kaggle datasets download kaggle/meta-kaggle -f FILE`)",
        file.display()
    )]
    KaggleFileMissing {
        /// The path looked for.
        file: PathBuf,
    },
    /// A Meta Kaggle CSV file is not shaped as expected (header, delimiter, column); nothing was imported.
    #[error("{}: line 1{}: {problem}; nothing was imported", file.display(), column_part(column))]
    KaggleCsv {
        /// The CSV file.
        file: PathBuf,
        /// The column concerned (empty when the whole header is unreadable).
        column: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// `--competition` names a slug that the export does not hold.
    #[error(
        "competition `{slug}` is not in {} (column `Slug`){hint}; check the slug in the competition's URL (kaggle.com/competitions/SLUG); nothing was imported",
        file.display()
    )]
    KaggleUnknownCompetition {
        /// The slug as given.
        slug: String,
        /// Competitions.csv.
        file: PathBuf,
        /// `; did you mean …` when a close slug exists, else empty.
        hint: String,
    },
}

fn column_part(column: &str) -> String {
    if column.is_empty() {
        String::new()
    } else {
        format!(", column `{column}`")
    }
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

    /// A failed write to `path`: a permission problem becomes `Error::PermissionDenied`,
    /// anything else `Error::Io`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        if crate::index::is_read_only(&source) {
            Error::PermissionDenied { path: path.into() }
        } else {
            Error::io(path, source)
        }
    }

    /// A document source that cannot be used, with the reason and the fix.
    pub fn document(source_name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Document {
            source_name: source_name.into(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_write_names_the_path_once() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = Error::write("/srv/rulegap/tantivy", denied);
        let msg = e.to_string();
        assert!(
            msg.starts_with("permission denied on /srv/rulegap/tantivy: this command writes"),
            "{msg}"
        );
        assert!(
            std::error::Error::source(&e).is_none(),
            "the cause would print twice"
        );
        let other = Error::write("/x", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(matches!(other, Error::Io { .. }));
    }
}
