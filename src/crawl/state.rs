//! What `crawls/` keeps for each crawl: its settings (start URLs, competition,
//! official users, groups and title, so `reindex` can re-apply them and a
//! later crawl given none reuses them) and its state (the frontier and the
//! pages done, to resume an interrupted crawl; the validators, list links and
//! topic fingerprints, to refresh a finished one cheaply; the authors, groups
//! and titles seen, to warn about official settings that match nobody).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};

use super::officials::Seen;
use super::page::Validators;
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::source::discourse::SiteMap;
use crate::source::github::IssueMap;
use crate::source::hackernews::ItemMap;
use crate::source::kaggle_live::LiveMap;

/// The recorded settings of one crawl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrawlSettings {
    /// Stable id from the source and start URLs: the same command resumes the same crawl.
    pub id: String,
    /// The adapter (`discourse`, `hn`, `github`, `kaggle`).
    pub source: String,
    /// The URLs as given.
    pub start_urls: Vec<String>,
    /// `--competition`, when given (else each topic's category slug).
    #[serde(default)]
    pub competition: Option<String>,
    /// `--official-user`.
    #[serde(default)]
    pub official_users: Vec<String>,
    /// `--official-group`.
    #[serde(default)]
    pub official_groups: Vec<String>,
    /// `--official-title`.
    #[serde(default)]
    pub official_title: Option<String>,
    /// `--api-base` (Hacker News, GitHub and Kaggle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_base: Option<String>,
}

impl CrawlSettings {
    /// The id of a crawl of `urls` with `source`: the first site's name and a hash.
    #[must_use]
    pub fn id_for(source: &str, urls: &[String]) -> String {
        let mut sorted: Vec<&str> = urls
            .iter()
            .map(|u| u.trim().trim_end_matches('/'))
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        let h = Sha1::digest(format!("{source}\n{}", sorted.join("\n")).as_bytes());
        let site = url::Url::parse(sorted.first().copied().unwrap_or(""))
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "crawl".into());
        let site: String = site
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("{site}-{}", &data_encoding::HEXLOWER.encode(&h)[..12])
    }

    fn dir(data: &DataDir, id: &str) -> PathBuf {
        data.crawls().join(id)
    }

    /// Writes `crawls/{id}/settings.json`.
    pub fn save(&self, data: &DataDir) -> Result<()> {
        write_json(&Self::dir(data, &self.id).join("settings.json"), self)
    }

    /// Reads the settings of crawl `id`.
    pub fn load(data: &DataDir, id: &str) -> Result<Option<CrawlSettings>> {
        read_json(&Self::dir(data, id).join("settings.json"))
    }
}

/// One page to fetch, as the frontier keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// The JSON endpoint.
    pub url: String,
    /// What it is.
    pub kind: JobKind,
    /// A JSON body to POST (Kaggle's API). `url` is then the request's stable
    /// name, the endpoint with the body's key fields as query parameters: the
    /// body goes to `url` without its query, and the response is archived under `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
}

impl Job {
    /// A GET of `url`.
    #[must_use]
    pub fn get(url: impl Into<String>, kind: JobKind) -> Job {
        Job {
            url: url.into(),
            kind,
            post: None,
        }
    }
}

/// What a job fetches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum JobKind {
    /// Site metadata fetched before anything else (`/site.json`).
    Prelude,
    /// A list or category page.
    Page,
    /// A topic and the list's fingerprint of it.
    Topic {
        /// Topic id.
        id: u64,
        /// From the list, when it came from one.
        fingerprint: Option<String>,
    },
    /// More posts of a topic.
    Chunk {
        /// Topic id.
        topic: u64,
    },
    /// One item of an API walk (Hacker News): never conditional, its links not kept.
    Item,
}

/// The resumable state of one crawl.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CrawlState {
    /// The last run completed (the next run refreshes with conditional requests).
    pub finished: bool,
    /// Pages still to fetch in the current run.
    pub pending: Vec<Job>,
    /// Pages done in the current run.
    pub done: BTreeSet<String>,
    /// Topics already scheduled in the current run (`site topic`).
    pub seen_topics: BTreeSet<String>,
    /// Validators of each page's last 200, for conditional requests.
    pub validators: BTreeMap<String, Validators>,
    /// The links each list page gave last time (followed again on a 304).
    pub links: BTreeMap<String, Vec<Job>>,
    /// `site topic` → the list fingerprint when the topic was last fetched completely.
    pub topics: BTreeMap<String, String>,
    /// What the adapter learnt about each site.
    pub sites: BTreeMap<String, SiteMap>,
    /// What a Hacker News walk learnt (items' stories, story titles and sizes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hn: Option<ItemMap>,
    /// What a GitHub crawl learnt (issue titles and pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github: Option<IssueMap>,
    /// What a Kaggle live crawl learnt (host list, topic titles, page size).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kaggle: Option<LiveMap>,
    /// Authors, forum groups and user titles seen over every run (`None`
    /// in states written before they were kept: the archive is read once for them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
    /// When the last run ended.
    pub updated_at: Option<Timestamp>,
}

impl CrawlState {
    fn path(data: &DataDir, id: &str) -> PathBuf {
        CrawlSettings::dir(data, id).join("state.json")
    }

    /// The state of crawl `id`, or a fresh one.
    pub fn load(data: &DataDir, id: &str) -> Result<CrawlState> {
        Ok(read_json(&Self::path(data, id))?.unwrap_or_default())
    }

    /// Writes it atomically.
    pub fn save(&self, data: &DataDir, id: &str) -> Result<()> {
        write_json(&Self::path(data, id), self)
    }

    /// Starts a new run over a finished crawl: keeps what makes a refresh cheap.
    pub fn new_run(&mut self) {
        self.finished = false;
        self.pending.clear();
        self.done.clear();
        self.seen_topics.clear();
    }

    /// Whether an earlier run was interrupted with work left.
    #[must_use]
    pub fn interrupted(&self) -> bool {
        !self.finished && (!self.pending.is_empty() || !self.done.is_empty())
    }
}

fn write_json<T: Serialize>(path: &std::path::Path, value: &T) -> Result<()> {
    if let Some(dir) = path.parent() {
        DataDir::ensure(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_vec(value)
        .map_err(|e| Error::Input(format!("{}: cannot serialise ({e})", path.display())))?;
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<Option<T>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::Input(format!(
                "{}: unreadable crawl file ({e}); delete it, or crawl again with --fresh",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_readable() {
        let a = CrawlSettings::id_for("discourse", &["https://f.org/c/x/1/".into()]);
        let b = CrawlSettings::id_for("discourse", &["https://f.org/c/x/1".into()]);
        assert_eq!(a, b);
        assert!(a.starts_with("f.org-"));
        let c = CrawlSettings::id_for("discourse", &["http://127.0.0.1:8080/".into()]);
        assert!(c.starts_with("127.0.0.1-"));
    }
}
