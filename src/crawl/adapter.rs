//! The crawl's view of its source: one `Adapter` per crawl (Discourse sites,
//! a Hacker News walk, or GitHub issues), built from the recorded settings.
//! It names the first jobs, the fetch options the source needs (API headers,
//! a token, robots.txt or not), parses each fetched page into posts and next
//! jobs, and keeps what it learnt in the crawl state. `Crawler` and `replay`
//! both go through it, so a page parses the same live and from the archive.

use std::collections::HashMap;

use url::Url;

use super::FetchOptions;
use super::frontier::{parse_url, seeds as discourse_seeds};
use super::state::{CrawlSettings, CrawlState, Job, JobKind};
use crate::error::{Error, Result};
use crate::model::Post;
use crate::source::discourse::{self, Discourse, DiscourseOptions, Link, RoleRules};
use crate::source::github::{self, GitHub, GitHubOptions, IssueRef};
use crate::source::hackernews::{self, HackerNews, HnOptions};

/// What one page gave the crawl.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Posts to index.
    pub(crate) posts: Vec<Post>,
    /// Posts left out (deleted, dead, hidden, whispers, unreadable dates).
    pub(crate) dropped: usize,
    /// Pages to fetch next.
    pub(crate) jobs: Vec<Job>,
    /// A thread whose rest was skipped as unchanged.
    pub(crate) unchanged: bool,
}

/// The adapter of one crawl.
pub(crate) enum Adapter {
    /// Discourse: one adapter per site; `lazy` adds sites as pages arrive (replay).
    Discourse {
        sites: HashMap<String, Discourse>,
        opts: DiscourseOptions,
        lazy: bool,
    },
    /// A Hacker News walk.
    Hn(HackerNews),
    /// GitHub issues and pull requests.
    Github(GitHub),
}

/// `--competition` for a source that has no competitions of its own.
fn required_competition(s: &CrawlSettings, what: &str) -> Result<String> {
    s.competition.clone().ok_or_else(|| {
        Error::Input(format!(
            "--competition is required for {what} crawls: a {what} thread belongs to no competition of its own (Discourse has categories); add e.g. `--competition my-competition`"
        ))
    })
}

impl Adapter {
    /// The adapter `s` asks for, with what `state` learnt in earlier runs.
    pub(crate) fn new(s: &CrawlSettings, state: &CrawlState, fresh: bool) -> Result<Adapter> {
        let bad_api = |why: String| Error::Input(format!("--api-base: {why}"));
        match s.source.as_str() {
            "hn" => {
                let opts = HnOptions {
                    competition: required_competition(s, "Hacker News")?,
                    official_users: s.official_users.clone(),
                    refresh: !fresh,
                };
                let api = s.api_base.as_deref().unwrap_or(hackernews::DEFAULT_API);
                let mut hn = HackerNews::new(api, opts).map_err(bad_api)?;
                hn.map = state.hn.clone().unwrap_or_default();
                Ok(Adapter::Hn(hn))
            }
            "github" => {
                let opts = GitHubOptions {
                    competition: required_competition(s, "GitHub")?,
                    official_users: s.official_users.clone(),
                };
                let first = issue_refs(s)?.remove(0);
                let api = s.api_base.clone().unwrap_or_else(|| first.default_api());
                let mut gh = GitHub::new(&api, &first.site, opts).map_err(bad_api)?;
                gh.map = state.github.clone().unwrap_or_default();
                Ok(Adapter::Github(gh))
            }
            _ => {
                let rules = RoleRules::new(
                    &s.official_users,
                    &s.official_groups,
                    s.official_title.as_deref(),
                )?;
                let opts = DiscourseOptions {
                    competition: s.competition.clone(),
                    rules,
                };
                let mut sites = HashMap::new();
                for u in &s.start_urls {
                    let mut d = Discourse::new(&parse_url(u)?, opts.clone());
                    if let Some(map) = state.sites.get(d.site()) {
                        d.map = map.clone();
                    }
                    sites.insert(d.site().to_owned(), d);
                }
                Ok(Adapter::Discourse {
                    sites,
                    opts,
                    lazy: false,
                })
            }
        }
    }

    /// The same adapter for `reindex`: Discourse sites are added as their pages come.
    pub(crate) fn for_replay(s: &CrawlSettings) -> Result<Adapter> {
        let mut a = Adapter::new(s, &CrawlState::default(), true)?;
        if let Adapter::Discourse { lazy, .. } = &mut a {
            *lazy = true;
        }
        Ok(a)
    }

    /// The first jobs of a run.
    pub(crate) fn seeds(&self, s: &CrawlSettings) -> Result<Vec<Job>> {
        match self {
            Adapter::Discourse { .. } => discourse_seeds(s),
            Adapter::Hn(hn) => Ok(item_ids(s)?
                .into_iter()
                .map(|id| Job {
                    url: hn.item_url(id).into(),
                    kind: JobKind::Item,
                })
                .collect()),
            Adapter::Github(gh) => Ok(issue_refs(s)?
                .iter()
                .map(|r| Job {
                    url: gh.issue_url(r).into(),
                    kind: JobKind::Page,
                })
                .collect()),
        }
    }

    /// What the source needs from the fetcher beyond the user's politeness settings.
    pub(crate) fn fetch_options(&self, mut o: FetchOptions) -> FetchOptions {
        if matches!(self, Adapter::Hn(_) | Adapter::Github(_)) {
            o.robots = false;
        }
        if let Adapter::Github(gh) = self {
            o.headers.push(("accept".into(), github::ACCEPT.into()));
            o.headers
                .push(("x-github-api-version".into(), github::API_VERSION.into()));
            o.bearer_host = Some(discourse::site_name(gh.api()));
        } else {
            o.bearer = None;
        }
        o
    }

    /// Whether an archived response is a page this adapter reads.
    pub(crate) fn reads(&self, url: &Url) -> bool {
        match self {
            Adapter::Discourse { .. } => discourse::classify(url) != discourse::PageKind::Other,
            Adapter::Hn(hn) => hn.classify(url).is_some(),
            Adapter::Github(gh) => gh.classify(url).is_some(),
        }
    }

    /// Parses one fetched page.
    pub(crate) fn parse(
        &mut self,
        url: &Url,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Output, String> {
        match self {
            Adapter::Discourse { sites, opts, lazy } => {
                let site = discourse::site_name(url);
                if *lazy && !sites.contains_key(&site) {
                    sites.insert(site.clone(), Discourse::new(url, opts.clone()));
                }
                let d = sites.get_mut(&site).ok_or_else(|| {
                    format!("redirected to {site}, which this crawl does not cover")
                })?;
                let p = d.parse(url, body)?;
                Ok(Output {
                    posts: p.posts,
                    dropped: p.dropped,
                    jobs: p.links.into_iter().map(discourse_job).collect(),
                    unchanged: false,
                })
            }
            Adapter::Hn(hn) => {
                let p = hn.parse(url, body)?;
                let jobs = p
                    .links
                    .into_iter()
                    .map(|u| Job {
                        url: u.into(),
                        kind: JobKind::Item,
                    })
                    .collect();
                Ok(Output {
                    posts: p.posts,
                    dropped: p.dropped,
                    jobs,
                    unchanged: p.unchanged,
                })
            }
            Adapter::Github(gh) => {
                let p = gh.parse(url, headers, body)?;
                let jobs = p
                    .links
                    .into_iter()
                    .map(|u| Job {
                        url: u.into(),
                        kind: JobKind::Page,
                    })
                    .collect();
                Ok(Output {
                    posts: p.posts,
                    dropped: p.dropped,
                    jobs,
                    unchanged: false,
                })
            }
        }
    }

    /// The sentence a parse failure ends with in the crawl's report.
    pub(crate) fn parse_hint(&self) -> &'static str {
        match self {
            Adapter::Discourse { .. } => "the forum may not be Discourse, or changed its format",
            Adapter::Hn(_) => "check the item id, or --api-base",
            Adapter::Github(_) => "check the issue URL, or --api-base",
        }
    }

    /// Whether this adapter walks an API whose first pages must exist.
    pub(crate) fn is_api(&self) -> bool {
        !matches!(self, Adapter::Discourse { .. })
    }

    /// Writes what was learnt into the crawl state.
    pub(crate) fn save(&self, state: &mut CrawlState) {
        match self {
            Adapter::Discourse { sites, .. } => {
                state.sites = sites
                    .iter()
                    .map(|(k, d)| (k.clone(), d.map.clone()))
                    .collect();
            }
            Adapter::Hn(hn) => state.hn = Some(hn.map.clone()),
            Adapter::Github(gh) => state.github = Some(gh.map.clone()),
        }
    }

    /// A run ended with every page fetched: remember it for the next recrawl.
    pub(crate) fn run_complete(&mut self) {
        if let Adapter::Hn(hn) = self {
            hn.walk_complete(jiff::Timestamp::now());
        }
    }
}

fn discourse_job(link: Link) -> Job {
    match link {
        Link::Page(u) => Job {
            url: u.into(),
            kind: JobKind::Page,
        },
        Link::Chunk { url, topic } => Job {
            url: url.into(),
            kind: JobKind::Chunk { topic },
        },
        Link::Topic {
            url,
            id,
            fingerprint,
        } => Job {
            url: url.into(),
            kind: JobKind::Topic {
                id,
                fingerprint: Some(fingerprint),
            },
        },
    }
}

/// The item ids of HN start URLs.
fn item_ids(s: &CrawlSettings) -> Result<Vec<u64>> {
    s.start_urls
        .iter()
        .map(|u| {
            hackernews::item_id(&parse_url(u)?).ok_or_else(|| {
                Error::Input(format!(
                    "cannot crawl {u} as Hacker News: give an item page, https://news.ycombinator.com/item?id=N"
                ))
            })
        })
        .collect()
}

/// The issues of GitHub start URLs (at least one; all on one host).
fn issue_refs(s: &CrawlSettings) -> Result<Vec<IssueRef>> {
    let refs = s
        .start_urls
        .iter()
        .map(|u| {
            IssueRef::parse(&parse_url(u)?).ok_or_else(|| {
                Error::Input(format!(
                    "cannot crawl {u} as GitHub: give an issue or pull request, https://github.com/OWNER/REPO/issues/N"
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    match refs.first() {
        None => Err(Error::Input("give at least one GitHub issue URL".into())),
        Some(first) if refs.iter().any(|r| r.site != first.site) => Err(Error::Input(format!(
            "all GitHub URLs of one crawl must be on one host ({} and others given); crawl each host separately",
            first.site
        ))),
        Some(_) => Ok(refs),
    }
}
