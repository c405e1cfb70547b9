//! The comparison: the same messages, read and converted by the same
//! `source::kaggle` code, loaded into an SQLite FTS5 table (porter stemming,
//! journal and sync off, 100,000 rows per transaction), and the same queries
//! run as `MATCH … ORDER BY rank LIMIT 10` with a snippet, as rulegap returns.

use std::path::Path;
use std::time::{Duration, Instant};

use rulegap::source::kaggle::{KaggleExport, Selection};
use rusqlite::{Connection, params};

/// Rows per transaction.
const BATCH: u64 = 100_000;

/// Loads every message of `dump` into a new FTS5 database at `db`; returns rows and time.
pub(crate) fn load(dump: &Path, db: &Path) -> anyhow::Result<(u64, Duration)> {
    let started = Instant::now();
    let mut export = KaggleExport::open(dump, &Selection::default())?;
    export.load_authors(&mut |_, _| {})?;
    let mut conn = Connection::open(db)?;
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
         CREATE VIRTUAL TABLE posts USING fts5(
             title, body, post_id UNINDEXED, competition UNINDEXED, author UNINDEXED,
             role UNINDEXED, url UNINDEXED, created_at UNINDEXED,
             tokenize = 'porter unicode61');",
    )?;
    let mut rows = 0u64;
    let mut tx = conn.transaction()?;
    for item in export.messages() {
        let Ok(post) = item? else { continue };
        tx.prepare_cached("INSERT INTO posts VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?
            .execute(params![
                post.thread_title,
                post.text,
                post.post_id,
                post.competition,
                post.author,
                post.role.as_str(),
                post.url,
                post.created_at.to_string(),
            ])?;
        rows += 1;
        if rows.is_multiple_of(BATCH) {
            tx.commit()?;
            tx = conn.transaction()?;
        }
    }
    tx.commit()?;
    Ok((rows, started.elapsed()))
}

/// Runs `query` (FTS5 syntax) once; returns the number of hits.
pub(crate) fn search(conn: &Connection, query: &str) -> anyhow::Result<usize> {
    let mut stmt = conn.prepare_cached(
        "SELECT post_id, author, snippet(posts, 1, '[', ']', '…', 24) FROM posts
         WHERE posts MATCH ?1 ORDER BY rank LIMIT 10",
    )?;
    let hits = stmt
        .query_map([query], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .count();
    Ok(hits)
}
