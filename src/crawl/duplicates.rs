//! One forum stored under two site names: a post's identity in the store is
//! its site (host, with the port) and its id, so the same Discourse forum
//! crawled under another host name or port is stored twice and every count
//! doubles. After a crawl, its sites' topics are compared with those of the
//! other sites in the crawl states (the same topic id with the same title in
//! the same competition); a match is warned about, never refused. Reads only
//! the crawls' state files, no index.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::state::{CrawlSettings, CrawlState};
use crate::datadir::DataDir;
use crate::source::discourse::{self, SiteMap};

/// Topics of this crawl already stored from another site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateSite {
    /// This crawl's site.
    pub site: String,
    /// The competition of the topics.
    pub competition: String,
    /// Of this crawl's topics of `competition` on `site`…
    pub threads: usize,
    /// …so many are stored from `stored_site` too (same id, same title).
    pub duplicates: usize,
    /// The other site name.
    pub stored_site: String,
    /// Where the other copy was crawled from (the other crawl's start URL's origin).
    pub stored_from: String,
    /// The crawl that stored the other copy.
    pub stored_crawl: String,
    /// Its folder (settings and state).
    #[serde(skip)]
    pub crawl_dir: PathBuf,
}

impl DuplicateSite {
    /// The warning line (without the `rulegap: ` prefix).
    #[must_use]
    pub fn message(&self, this_crawl: &str) -> String {
        let fix = if self.stored_crawl == this_crawl {
            format!(
                "crawl one address only: move {} out of the data directory, run `rulegap reindex`, then crawl again with one URL",
                self.crawl_dir.display()
            )
        } else {
            format!(
                "move {} (the crawl of {}) out of the data directory and run `rulegap reindex` (`rulegap forget` removes whole competitions only)",
                self.crawl_dir.display(),
                self.stored_from
            )
        };
        format!(
            "warning: {} of the {} threads of `{}` crawled from {} are already stored from {} (same ids and titles: the same forum under another address); their posts are counted twice. To keep one copy, {fix}",
            self.duplicates, self.threads, self.competition, self.site, self.stored_from,
        )
    }
}

/// The other sites in `data`'s crawl states holding topics of crawl `id`
/// (whose state is `state`). Crawls whose files do not read are skipped.
#[must_use]
pub fn find(
    data: &DataDir,
    id: &str,
    settings: &CrawlSettings,
    state: &CrawlState,
) -> Vec<DuplicateSite> {
    let mut out = Vec::new();
    if state.sites.is_empty() {
        return out;
    }
    let mut loaded: Vec<(String, CrawlSettings, CrawlState)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(data.crawls()) {
        let mut ids: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|o| o != id)
            .collect();
        ids.sort();
        for other in ids {
            let Ok(Some(s)) = CrawlSettings::load(data, &other) else {
                continue;
            };
            if s.source != "discourse" {
                continue;
            }
            let Ok(st) = CrawlState::load(data, &other) else {
                continue;
            };
            if !st.sites.is_empty() {
                loaded.push((other, s, st));
            }
        }
    }
    let others: Vec<(&str, &CrawlSettings, &BTreeMap<String, SiteMap>)> =
        std::iter::once((id, settings, &state.sites))
            .chain(loaded.iter().map(|(i, s, st)| (i.as_str(), s, &st.sites)))
            .collect();
    for (site, map) in &state.sites {
        for &(other_id, other_settings, other_sites) in &others {
            for (other_site, other_map) in other_sites {
                // The same site is the same posts; within this crawl, each pair once.
                if other_site == site || (other_id == id && other_site < site) {
                    continue;
                }
                let mut per: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
                for (topic, meta) in &map.topics {
                    let e = per.entry(meta.competition.as_str()).or_default();
                    e.0 += 1;
                    let same = other_map.topics.get(topic).is_some_and(|m| {
                        !m.title.is_empty()
                            && m.title == meta.title
                            && m.competition == meta.competition
                    });
                    e.1 += usize::from(same);
                }
                for (competition, (threads, duplicates)) in per {
                    if duplicates == 0 {
                        continue;
                    }
                    out.push(DuplicateSite {
                        site: site.clone(),
                        competition: competition.to_owned(),
                        threads,
                        duplicates,
                        stored_site: other_site.clone(),
                        stored_from: origin_of(&other_settings.start_urls, other_site),
                        stored_crawl: other_id.to_owned(),
                        crawl_dir: data.crawls().join(other_id),
                    });
                }
            }
        }
    }
    out
}

/// The origin (`scheme://host:port`) of the start URL on `site`, else `site`.
fn origin_of(urls: &[String], site: &str) -> String {
    urls.iter()
        .filter_map(|u| url::Url::parse(u.trim()).ok())
        .find(|u| discourse::site_name(u) == site)
        .map_or_else(|| site.to_owned(), |u| u.origin().ascii_serialization())
}
