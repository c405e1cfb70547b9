//! The end-of-crawl summary: counts of pages, posts, official posts and
//! failures by kind, bytes, time and per-host statistics. `--json` prints it
//! as one JSON object; `render_text` gives the lines printed on standard error
//! (with, for Kaggle live, official posts by the list that made them official);
//! `warnings` the lines about official settings that matched nobody and
//! topics stored twice.

use std::collections::BTreeMap;

use serde::Serialize;

use super::duplicates::DuplicateSite;
use super::officials::Unmatched;
use super::politeness::HostStats;
use crate::source::kaggle_live::RoleCoverage;

/// The end-of-crawl summary (`--json` prints it).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// The crawl's id under `crawls/`.
    pub crawl: String,
    /// Pages fetched (2xx and 304).
    pub pages: u64,
    /// Of which 304 Not Modified.
    pub not_modified: u64,
    /// Topics skipped because their list entry had not changed.
    pub unchanged_topics: u64,
    /// Posts indexed.
    pub posts: u64,
    /// Of which by officials.
    pub official_posts: u64,
    /// Posts left out (whispers, small actions, hidden, deleted).
    pub dropped_posts: u64,
    /// Failed pages by kind.
    pub errors: BTreeMap<String, u64>,
    /// Payload bytes received.
    pub bytes: u64,
    /// Wall time.
    pub seconds: f64,
    /// Stopped by Ctrl-C before the end.
    pub interrupted: bool,
    /// Per-host counters.
    pub hosts: BTreeMap<String, HostStats>,
    /// Official posts by the list that made them official (sources without role
    /// fields of their own: Kaggle live).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<RoleCoverage>,
    /// Forum groups seen on participants' posts fetched in this run, with post counts.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub participant_groups: BTreeMap<String, u64>,
    /// Official-account settings that matched no post of the crawl (a misspelling?).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmatched_officials: Vec<Unmatched>,
    /// Topics of this crawl already stored from another site name (counted twice).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicate_sites: Vec<DuplicateSite>,
}

impl Summary {
    /// Failed pages in all.
    #[must_use]
    pub fn failed(&self) -> u64 {
        self.errors.values().sum()
    }
}

/// The warnings a crawl ends with, each a line starting `rulegap: `: official
/// settings that matched nobody, topics stored twice. Printed even with `--quiet`.
#[must_use]
pub fn warnings(sum: &Summary) -> Vec<String> {
    sum.unmatched_officials
        .iter()
        .map(|u| format!("rulegap: warning: {}", u.message()))
        .chain(
            sum.duplicate_sites
                .iter()
                .map(|d| format!("rulegap: {}", d.message(&sum.crawl))),
        )
        .collect()
}

/// The human summary: one line for the crawl, one per host.
#[must_use]
pub fn render_text(sum: &Summary) -> Vec<String> {
    let errors: Vec<String> = sum.errors.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let mut out = vec![format!(
        "crawled {} pages ({} not modified, {} unchanged topics skipped), {} posts ({} official), {} KiB in {:.1}s; {} failed{}",
        sum.pages,
        sum.not_modified,
        sum.unchanged_topics,
        sum.posts,
        sum.official_posts,
        sum.bytes / 1024,
        sum.seconds,
        sum.failed(),
        if errors.is_empty() {
            String::new()
        } else {
            format!(" ({})", errors.join(", "))
        }
    )];
    if let Some(r) = &sum.roles {
        out.extend(r.lines(sum.posts));
    }
    for (host, h) in &sum.hosts {
        out.push(format!(
            "  {host}: {} requests (2xx {}, 3xx {}, 4xx {}, 5xx {}), {} retries, waited {:.1}s, {} robots-blocked, {} requests failed",
            h.requests,
            h.by_class[0],
            h.by_class[1],
            h.by_class[2],
            h.by_class[3],
            h.retries,
            h.waited.as_secs_f64(),
            h.robots_blocked,
            h.failures
        ));
    }
    out
}
