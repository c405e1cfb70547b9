//! `rulegap status`: what the data directory holds, per competition.

use std::collections::{BTreeMap, BTreeSet};

use clap::Args;

use super::{Globals, Outcome};
use crate::crawl::state::{CrawlSettings, CrawlState};
use crate::datadir::{DataDir, State};
use crate::index::Store;

/// Arguments of `rulegap status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Counts for one competition.
#[derive(Debug, Default, serde::Serialize)]
struct Counts {
    threads: usize,
    posts: usize,
    official_posts: usize,
    documents: usize,
    clauses: usize,
}

/// A crawl stopped before its end (Ctrl-C, a crash): the same command resumes it.
#[derive(Debug, serde::Serialize)]
struct Interrupted {
    urls: Vec<String>,
    competition: Option<String>,
    pages_done: usize,
    pages_to_go: usize,
}

/// The crawls of `data` that stopped before their end.
fn interrupted_crawls(data: &DataDir) -> Vec<Interrupted> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(data.crawls()) else {
        return out;
    };
    let mut ids: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    for id in ids {
        // A state that does not read is `crawl`'s to report, not `status`'s.
        let Ok(Some(settings)) = CrawlSettings::load(data, &id) else {
            continue;
        };
        let Ok(state) = CrawlState::load(data, &id) else {
            continue;
        };
        if state.interrupted() {
            out.push(Interrupted {
                urls: settings.start_urls,
                competition: settings.competition,
                pages_done: state.done.len(),
                pages_to_go: state.pending.len(),
            });
        }
    }
    out
}

pub(super) fn status(g: &Globals, a: &StatusArgs) -> anyhow::Result<Outcome> {
    let store = Store::open_read(&g.data)?;
    let searcher = store.searcher()?;
    let state = State::load(&g.data)?;
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let mut threads: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for p in store.posts(&searcher, None)? {
        let c = per.entry(p.competition.clone()).or_default();
        c.posts += 1;
        c.official_posts += usize::from(p.is_official());
        threads
            .entry(p.competition.clone())
            .or_default()
            .insert((p.site, p.thread_id));
    }
    for (comp, t) in threads {
        per.entry(comp).or_default().threads = t.len();
    }
    let mut docs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for c in store.clauses(&searcher, None)? {
        per.entry(c.competition.clone()).or_default().clauses += 1;
        docs.entry(c.competition).or_default().insert(c.doc);
    }
    for (comp, d) in docs {
        per.entry(comp).or_default().documents = d.len();
    }
    let interrupted = interrupted_crawls(&g.data);
    if a.json {
        let v = serde_json::json!({
            "interrupted_crawls": interrupted,
            "data": g.data.root(),
            "writer_busy": store.writer_busy(),
            "competitions": per,
            "last_crawl": state.last_crawl,
            "failed_pages": state.failed_pages,
            "last_import": state.last_import,
        });
        println!("{v}");
        return Ok(Outcome::Success);
    }
    println!("data directory: {}", g.data.root().display());
    let busy = store.writer_busy();
    if busy {
        println!(
            "an import or crawl is in progress (it holds the writer lock); the counts below are its last commit"
        );
    }
    if per.is_empty() && !busy && !g.data.tantivy().exists() {
        // A folder that was never a store: perhaps `--data` names the wrong one.
        println!(
            "no rulegap store here yet (no tantivy/ folder): if this is not the data directory you meant, pass `--data DIR`; else crawl a forum (`rulegap crawl URL`) or import posts (`rulegap import jsonl FILE`)"
        );
    } else if per.is_empty() && !busy {
        println!(
            "the store is empty: crawl a forum (`rulegap crawl URL`) or import posts (`rulegap import jsonl FILE`)"
        );
    } else {
        println!(
            "{:<32} {:>8} {:>9} {:>9} {:>5} {:>8}",
            "competition", "threads", "posts", "official", "docs", "clauses"
        );
        for (comp, c) in &per {
            println!(
                "{:<32} {:>8} {:>9} {:>9} {:>5} {:>8}",
                comp, c.threads, c.posts, c.official_posts, c.documents, c.clauses
            );
        }
    }
    let when = |t: Option<jiff::Timestamp>| {
        t.map_or_else(
            || "never".to_owned(),
            |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        )
    };
    println!(
        "last crawl: {} ({} failed pages)",
        when(state.last_crawl),
        state.failed_pages
    );
    println!("last import: {}", when(state.last_import));
    for c in &interrupted {
        println!(
            "{} crawl of {}{}: {} pages done, {} to go; run the same crawl command again to resume",
            if busy {
                "unfinished (running now, or interrupted)"
            } else {
                "interrupted"
            },
            c.urls.join(" "),
            c.competition
                .as_deref()
                .map_or(String::new(), |s| format!(" (competition {s})")),
            c.pages_done,
            c.pages_to_go
        );
    }
    Ok(Outcome::Success)
}
