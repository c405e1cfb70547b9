//! `rulegap reindex`: rebuild the index offline from what the data directory
//! keeps (stored imports, the crawl archive, the official documents), into a
//! new folder that replaces the old index only when the rebuild succeeded.

use std::io::BufRead;

use anyhow::Context;
use clap::Args;

use super::{Globals, Outcome};
use crate::index::{Store, StoreWriter};
use crate::source::jsonl;

/// Arguments of `rulegap reindex`.
#[derive(Debug, Args)]
pub struct ReindexArgs {}

pub(super) fn reindex(g: &Globals, _a: &ReindexArgs) -> anyhow::Result<Outcome> {
    // A rebuild reads what is stored: a mistyped --data has nothing to rebuild from.
    g.data.require_existing()?;
    let live = g.data.tantivy();
    // Hold the live index's writer lock so no other process writes while we rebuild.
    let _guard = if live.join("meta.json").exists() {
        match Store::open(&g.data) {
            Ok(store) => Some(store.writer()?),
            Err(crate::Error::SchemaMismatch { .. }) => None,
            Err(e) => return Err(e.into()),
        }
    } else {
        None
    };
    let fresh = g.data.root().join("tantivy.reindex");
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).with_context(|| format!("removing {}", fresh.display()))?;
    }
    let store = Store::open_dir(fresh.clone())?;
    let mut writer = store.writer()?;
    crate::analysis::install_annotator(&mut writer, g.queries.as_deref())?;
    let imported = replay_imports(g, &mut writer)?;
    let crawled = crate::crawl::replay::replay_archive(&g.data, &mut writer)?;
    let matcher = super::doc::matcher(g)?;
    let (documents, clauses) = crate::docs::replay_documents(&g.data, &mut writer, &matcher)?;
    writer.finish()?;
    drop(store);
    drop(_guard);
    let old = g.data.root().join("tantivy.old");
    if old.exists() {
        std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    if live.exists() {
        std::fs::rename(&live, &old).with_context(|| format!("moving {} aside", live.display()))?;
    }
    std::fs::rename(&fresh, &live)
        .with_context(|| format!("moving the new index to {}", live.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    }
    eprintln!(
        "reindexed {imported} imported posts, {} crawled posts ({} archived pages in {} files, {} unreadable) and {clauses} clauses of {documents} documents into {}",
        crawled.posts,
        crawled.pages,
        crawled.files,
        crawled.unreadable,
        live.display()
    );
    Ok(Outcome::Success)
}

/// Re-adds every stored imported post, oldest import first (later copies win),
/// and returns how many distinct posts there were. A line that does not read
/// (the end of a copy cut short by a crash) is skipped with a warning.
fn replay_imports(g: &Globals, writer: &mut StoreWriter) -> anyhow::Result<usize> {
    let dir = g.data.imported();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(0);
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut seen = std::collections::HashSet::new();
    for path in files {
        let f = std::fs::File::open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let post = match jsonl::parse_line(&line) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!(
                        "rulegap: warning: {}: line {}: {e}; line skipped",
                        path.display(),
                        i + 1
                    );
                    continue;
                }
            };
            writer.upsert_post(&post)?;
            // A hash is enough to count distinct posts, and small for millions.
            seen.insert(identity_hash(&post.site, &post.post_id));
        }
    }
    Ok(seen.len())
}

fn identity_hash(site: &str, post_id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (site, post_id).hash(&mut h);
    h.finish()
}
