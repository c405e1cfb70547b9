//! Kaggle live: a competition's discussion and pages through Kaggle's public
//! API (`competitions.CompetitionApiService`, the one the official CLI uses),
//! for the days the Meta Kaggle export has not caught up with.
//!
//! A crawl first reads the host list (`ListCompetitionHosts`), then the topic
//! list page by page (`ListCompetitionTopics`, 1-based `page`, until a page is
//! empty or `totalCount` is reached), then each topic's messages in one call
//! (`ListTopicMessages`, `pageSize: -1`), nested replies flattened with
//! `reply_to` set to their parent. Posts get the Meta Kaggle import's site
//! (`kaggle`), ids and URLs, so a live crawl and an import of the same
//! competition merge. Roles come from `roles`. This module only builds
//! requests and parses answers: `crawl` sends them (POST, see `urls`) and
//! `reindex` replays them from the archive.

pub mod credentials;
pub mod pages;
pub mod roles;
pub mod urls;
pub mod wire;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use url::Url;

pub use roles::{RoleBook, RoleCoverage, RoleSource};
pub use urls::{WebRef, is_kaggle, parse_page, parse_web};

use crate::model::Post;
use crate::source::kaggle::{KAGGLE, body, thread_url};
use wire::{ApiMessage, HostsResponse, MessagesResponse, TopicsResponse};

/// Kaggle's API host.
pub const DEFAULT_API: &str = "https://api.kaggle.com";
/// Topic-list pages read at most in one run (a guard against a server that never ends).
pub const MAX_TOPIC_PAGES: u64 = 10_000;

/// What one crawl needs to know.
#[derive(Debug, Clone, Default)]
pub struct LiveOptions {
    /// The competition's slug on Kaggle.
    pub slug: String,
    /// Where posts are filed (`--competition`, default the slug).
    pub competition: String,
    /// `--official-user`.
    pub official_users: Vec<String>,
    /// Tier-5 user names from an imported Users.csv.
    pub staff: BTreeSet<String>,
}

/// What has been learnt so far (kept in the crawl state for resuming).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LiveMap {
    /// Topic id → title, from the topic list.
    #[serde(default)]
    pub titles: BTreeMap<u64, String>,
    /// The host list, once read (lower-case user names).
    #[serde(default)]
    pub hosts: Option<BTreeSet<String>>,
    /// The status that refused the host list, when it was refused.
    #[serde(default)]
    pub hosts_refused: Option<u16>,
    /// Topics per page, from the first page of the topic list.
    #[serde(default)]
    pub page_size: Option<u64>,
}

/// What a request is for, so the crawl can schedule it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestKind {
    /// The host list: read before anything else.
    Hosts,
    /// A page of the topic list.
    TopicList,
    /// One topic's messages; the fingerprint (message count and last date) skips unchanged topics.
    Topic {
        /// Topic id.
        id: u64,
        /// From the topic list, when it came from one.
        fingerprint: Option<String>,
    },
}

/// One API call: its stable name, its body and what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The stable name (`urls::call_url`).
    pub url: Url,
    /// The JSON body.
    pub body: String,
    /// What it is for.
    pub kind: RequestKind,
}

/// What one answer gave.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Posts to index.
    pub posts: Vec<Post>,
    /// Messages left out (deleted, or without a readable date).
    pub dropped: usize,
    /// Calls to make next.
    pub requests: Vec<Request>,
}

/// The adapter of one Kaggle live crawl.
#[derive(Debug, Clone)]
pub struct KaggleLive {
    api: Url,
    opts: LiveOptions,
    roles: RoleBook,
    coverage: RoleCoverage,
    /// What has been learnt so far.
    pub map: LiveMap,
}

impl KaggleLive {
    /// An adapter reading through `api`.
    pub fn new(api: &str, opts: LiveOptions) -> Result<KaggleLive, String> {
        let api = Url::parse(api.trim_end_matches('/')).map_err(|e| {
            format!("`{api}` is not an API base URL ({e}); write e.g. {DEFAULT_API}")
        })?;
        let roles = RoleBook::new(opts.staff.clone(), &opts.official_users);
        Ok(KaggleLive {
            api,
            opts,
            roles,
            coverage: RoleCoverage::default(),
            map: LiveMap::default(),
        })
    }

    /// Restores what an earlier run learnt (the host list above all).
    pub fn restore(&mut self, map: LiveMap) {
        if let Some(h) = &map.hosts {
            self.roles.hosts.clone_from(h);
        }
        self.map = map;
    }

    /// The API base.
    #[must_use]
    pub fn api(&self) -> &Url {
        &self.api
    }

    fn request(&self, method: &str, body: &serde_json::Value, kind: RequestKind) -> Request {
        let params: Vec<(&str, String)> = body
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| {
                        let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                        (k.as_str(), v)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Request {
            url: urls::call_url(&self.api, method, &params),
            body: body.to_string(),
            kind,
        }
    }

    /// The host list, then each target's first call.
    #[must_use]
    pub fn seeds(&self, targets: &[WebRef]) -> Vec<Request> {
        let slug = &self.opts.slug;
        let mut out = vec![self.request(
            wire::LIST_HOSTS,
            &wire::hosts_request(slug),
            RequestKind::Hosts,
        )];
        for t in targets {
            out.push(match t {
                WebRef::Discussion { .. } => self.topics_page(1),
                WebRef::Topic { id, .. } => self.messages(*id, None),
            });
        }
        out
    }

    fn topics_page(&self, page: u64) -> Request {
        self.request(
            wire::LIST_TOPICS,
            &wire::topics_request(&self.opts.slug, page),
            RequestKind::TopicList,
        )
    }

    fn messages(&self, id: u64, fingerprint: Option<String>) -> Request {
        self.request(
            wire::LIST_MESSAGES,
            &wire::messages_request(&self.opts.slug, id),
            RequestKind::Topic { id, fingerprint },
        )
    }

    /// The method of a call URL of this adapter, and its parameters.
    #[must_use]
    pub fn classify(&self, url: &Url) -> Option<(String, BTreeMap<String, String>)> {
        let (method, params) = urls::parse_call(&self.api, url)?;
        let known = [wire::LIST_HOSTS, wire::LIST_TOPICS, wire::LIST_MESSAGES];
        known
            .contains(&method.as_str())
            .then(|| (method, params.into_iter().collect()))
    }

    /// Parses one answer, named by its call URL.
    pub fn parse(&mut self, url: &Url, body: &[u8]) -> Result<Parsed, String> {
        let (method, params) = self
            .classify(url)
            .ok_or("not a Kaggle competitions API call of this crawl")?;
        if let Some(e) = wire::error_in(body) {
            return Err(format!("Kaggle's API answered {}: {}", e.code, e.message));
        }
        let json_err = |e: serde_json::Error| format!("not the Kaggle API JSON expected ({e})");
        let num = |k: &str| params.get(k).and_then(|v| v.parse::<u64>().ok());
        match method.as_str() {
            wire::LIST_HOSTS => {
                let r: HostsResponse = serde_json::from_slice(body).map_err(json_err)?;
                let hosts: BTreeSet<String> = r
                    .hosts
                    .iter()
                    .filter_map(|h| h.user_name.as_deref())
                    .map(|n| n.trim().to_lowercase())
                    .filter(|n| !n.is_empty())
                    .collect();
                self.roles.hosts.clone_from(&hosts);
                self.map.hosts = Some(hosts);
                self.map.hosts_refused = None;
                Ok(Parsed::default())
            }
            wire::LIST_TOPICS => {
                let r: TopicsResponse = serde_json::from_slice(body).map_err(json_err)?;
                Ok(self.topic_list(num("page").unwrap_or(1), &r))
            }
            _ => {
                let topic = num("topicId").ok_or("the call names no topicId")?;
                let r: MessagesResponse = serde_json::from_slice(body).map_err(json_err)?;
                Ok(self.thread(topic, &r.messages))
            }
        }
    }

    fn topic_list(&mut self, page: u64, r: &TopicsResponse) -> Parsed {
        let mut parsed = Parsed::default();
        for t in &r.topics {
            self.map.titles.insert(t.id, t.title.clone());
            let fingerprint = format!(
                "{} {}",
                t.comment_count,
                t.last_comment_post_date.as_deref().unwrap_or("")
            );
            parsed.requests.push(self.messages(t.id, Some(fingerprint)));
        }
        let len = r.topics.len() as u64;
        if page == 1 && len > 0 {
            self.map.page_size = Some(len);
        }
        let size = self.map.page_size.unwrap_or(len);
        if has_next_page(page, size, len, r.total_count) {
            parsed.requests.push(self.topics_page(page + 1));
        }
        parsed
    }

    fn thread(&mut self, topic: u64, messages: &[ApiMessage]) -> Parsed {
        let mut parsed = Parsed::default();
        let opening = messages
            .iter()
            .filter(|m| !m.is_deleted)
            .filter_map(|m| Some((timestamp(m.post_date.as_deref()?)?, m.id)))
            .min()
            .map(|(_, id)| id);
        let mut stack: Vec<(&ApiMessage, Option<u64>)> =
            messages.iter().rev().map(|m| (m, None)).collect();
        while let Some((m, parent)) = stack.pop() {
            stack.extend(m.replies.iter().rev().map(|r| (r, Some(m.id))));
            match self.post(topic, m, parent, opening == Some(m.id)) {
                Some(p) => parsed.posts.push(p),
                None => parsed.dropped += 1,
            }
        }
        parsed
    }

    fn post(
        &mut self,
        topic: u64,
        m: &ApiMessage,
        parent: Option<u64>,
        first: bool,
    ) -> Option<Post> {
        if m.is_deleted {
            return None;
        }
        let created_at = timestamp(m.post_date.as_deref()?)?;
        let author = m
            .author_name
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .unwrap_or("(deleted user)")
            .to_owned();
        let (role, source) = self.roles.role(&author);
        if let Some(s) = source {
            self.coverage.count(s);
        }
        let b = body(
            m.content.as_deref().unwrap_or(""),
            m.raw_markdown.as_deref().unwrap_or(""),
        );
        let thread = thread_url(&self.opts.slug, topic);
        Some(Post {
            source: KAGGLE.to_owned(),
            site: KAGGLE.to_owned(),
            competition: self.opts.competition.clone(),
            thread_id: topic.to_string(),
            thread_title: self.map.titles.get(&topic).cloned().unwrap_or_default(),
            url: format!("{thread}#{}", m.id),
            thread_url: Some(thread),
            post_id: m.id.to_string(),
            post_number: first.then_some(1),
            author,
            role,
            created_at,
            edited_at: None,
            text: b.text,
            quotes: b.quotes,
            reply_to: parent.map(|p| p.to_string()),
        })
    }

    /// Records a refused host list (noted once in the summary).
    pub fn hosts_refused(&mut self, status: u16) {
        self.map.hosts_refused = Some(status);
    }

    /// Official posts by list so far, with notes on thin lists.
    #[must_use]
    pub fn coverage(&self) -> RoleCoverage {
        let mut c = self.coverage.clone();
        if let Some(status) = self.map.hosts_refused {
            let fallback = if self.roles.hosts.is_empty() {
                "host roles come only from --official-user"
            } else {
                "using the host list read in an earlier run"
            };
            c.notes.push(format!(
                "the competition's host list is not readable with this account ({status}); {fallback}"
            ));
        }
        if self.roles.staff.is_empty() {
            c.notes.push(
                "no Kaggle staff list in this data directory: `rulegap import kaggle DIR` (Meta Kaggle's Users.csv) adds one".to_owned(),
            );
        }
        c
    }
}

/// Whether page `page` (1-based, `size` topics a page) holding `len` topics leaves more of `total`.
fn has_next_page(page: u64, size: u64, len: u64, total: u64) -> bool {
    len > 0
        && page < MAX_TOPIC_PAGES
        && page
            .saturating_sub(1)
            .saturating_mul(size)
            .saturating_add(len)
            < total
}

/// An ISO 8601 date as the SDK writes it (`2026-11-01T10:00:00.000Z`); a missing zone is UTC.
fn timestamp(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    s.parse().ok().or_else(|| {
        s.parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|d| d.to_zoned(jiff::tz::TimeZone::UTC).ok())
            .map(|z| z.timestamp())
    })
}

#[cfg(test)]
mod tests;
