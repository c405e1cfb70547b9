//! Replaying the archive for `reindex`: every archived response of every
//! crawl, oldest first, parsed again by today's adapter with that crawl's
//! recorded settings, and upserted (so a later copy of a post, e.g. an edit,
//! replaces an earlier one). No network. Files written by `fetch_one` (not
//! part of a crawl) are left to their owners (documents).

use std::collections::HashMap;

use url::Url;

use super::adapter::Adapter;
use super::archive_reader::{archive_files, crawl_of, read_file};
use super::officials::Seen;
use super::state::{CrawlSettings, CrawlState};
use crate::datadir::DataDir;
use crate::error::Result;
use crate::index::StoreWriter;

/// What a replay did.
#[derive(Debug, Clone, Default)]
pub struct ReplayStats {
    /// Archive files read.
    pub files: usize,
    /// Responses parsed.
    pub pages: usize,
    /// Posts upserted.
    pub posts: usize,
    /// Responses that did not parse (they failed during the crawl too).
    pub unreadable: usize,
    /// Authors, groups and titles the pages showed.
    pub seen: Seen,
}

/// Re-adds every post found in the archive of `data` to `writer`.
pub fn replay_archive(data: &DataDir, writer: &mut StoreWriter) -> Result<ReplayStats> {
    replay(data, Some(writer), None)
}

/// Re-reads the archived pages of one crawl with `settings` (the same crawl
/// id, possibly other official roles or competition), upserts their posts,
/// and adds what they showed of their authors to the crawl's state.
pub fn replay_crawl(
    data: &DataDir,
    settings: &CrawlSettings,
    writer: &mut StoreWriter,
) -> Result<ReplayStats> {
    let stats = replay(data, Some(writer), Some(settings))?;
    if stats.pages > 0 {
        let mut state = CrawlState::load(data, &settings.id)?;
        state
            .seen
            .get_or_insert_with(Seen::default)
            .merge(&stats.seen);
        state.save(data, &settings.id)?;
    }
    Ok(stats)
}

/// What the archived pages of one crawl show of their authors, without indexing anything.
pub fn scan_crawl(data: &DataDir, settings: &CrawlSettings) -> Result<Seen> {
    Ok(replay(data, None, Some(settings))?.seen)
}

/// Replays every crawl's files, or only those of `only` with its settings;
/// without a writer, only counts.
fn replay(
    data: &DataDir,
    mut writer: Option<&mut StoreWriter>,
    only: Option<&CrawlSettings>,
) -> Result<ReplayStats> {
    let mut stats = ReplayStats::default();
    // One adapter per crawl, kept across its files: a resumed or repeated
    // crawl's later files need what the earlier ones taught it.
    let mut adapters: HashMap<String, Option<Adapter>> = HashMap::new();
    for path in archive_files(data)? {
        let records = read_file(&path)?;
        let crawl = crawl_of(&records);
        if only.is_some_and(|s| crawl.as_deref() != Some(s.id.as_str())) {
            continue;
        }
        stats.files += 1;
        let Some(crawl) = crawl else {
            continue;
        };
        if !adapters.contains_key(&crawl) {
            let settings = match only {
                Some(s) => Some(s.clone()),
                None => CrawlSettings::load(data, &crawl)?,
            };
            let adapter = match settings {
                Some(s) => Some(Adapter::for_replay(&s, data)?),
                None => None,
            };
            adapters.insert(crawl.clone(), adapter);
        }
        let Some(Some(adapter)) = adapters.get_mut(&crawl) else {
            continue;
        };
        for rec in records.iter().filter(|r| r.kind == "response") {
            let (Some(u), Some(200..=299)) = (rec.url.as_deref(), rec.status) else {
                continue;
            };
            let Ok(url) = Url::parse(u) else { continue };
            if !adapter.reads(&url) {
                continue;
            }
            match adapter.parse(&url, &rec.http_headers, &rec.payload) {
                Ok(parsed) => {
                    stats.pages += 1;
                    for post in &parsed.posts {
                        if let Some(w) = writer.as_deref_mut() {
                            w.upsert_post(post)?;
                        }
                        stats.seen.author(&post.author);
                        stats.posts += 1;
                    }
                }
                Err(_) => stats.unreadable += 1,
            }
        }
    }
    for adapter in adapters.values().flatten() {
        let (groups, titles) = adapter.seen_counts();
        stats.seen.counts(&groups, &titles);
    }
    Ok(stats)
}
