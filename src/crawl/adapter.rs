//! The crawl's view of its source: one `Adapter` per crawl (Discourse sites,
//! a Hacker News walk, GitHub issues, or a Kaggle competition through Kaggle's
//! API), built from the recorded settings.
//! It names the first jobs, the fetch options the source needs (API headers,
//! a token, robots.txt or not), parses each fetched page into posts and next
//! jobs, and keeps what it learnt in the crawl state. `Crawler` and `replay`
//! both go through it, so a page parses the same live and from the archive.

use std::collections::{BTreeMap, HashMap};

use url::Url;

use super::FetchOptions;
use super::frontier::{kaggle_job, kaggle_refs, parse_url, seeds as discourse_seeds};
use super::page::{FetchError, FetchErrorKind};
use super::state::{CrawlSettings, CrawlState, Job, JobKind};
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::model::Post;
use crate::source::discourse::{self, Discourse, DiscourseOptions, Link, RoleRules};
use crate::source::github::{self, GitHub, GitHubOptions, IssueRef};
use crate::source::hackernews::{self, HackerNews, HnOptions};
use crate::source::kaggle_live::{self, KaggleLive, LiveOptions, RoleCoverage, credentials};

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
    /// A Kaggle competition's discussion through Kaggle's API.
    Kaggle(KaggleLive),
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
    /// The adapter `s` asks for, with what `state` learnt in earlier runs
    /// (and, for Kaggle, the staff list kept in `data`).
    pub(crate) fn new(
        s: &CrawlSettings,
        state: &CrawlState,
        fresh: bool,
        data: &DataDir,
    ) -> Result<Adapter> {
        let bad_api = |why: String| Error::Input(format!("--api-base: {why}"));
        match s.source.as_str() {
            "kaggle" => {
                let slug = kaggle_refs(s)?.remove(0).slug().to_owned();
                let opts = LiveOptions {
                    competition: s.competition.clone().unwrap_or_else(|| slug.clone()),
                    slug,
                    official_users: s.official_users.clone(),
                    staff: crate::source::kaggle::load_staff(data)?,
                };
                let api = s.api_base.as_deref().unwrap_or(kaggle_live::DEFAULT_API);
                let mut k = KaggleLive::new(api, opts).map_err(bad_api)?;
                k.restore(state.kaggle.clone().unwrap_or_default());
                Ok(Adapter::Kaggle(k))
            }
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
    pub(crate) fn for_replay(s: &CrawlSettings, data: &DataDir) -> Result<Adapter> {
        let mut a = Adapter::new(s, &CrawlState::default(), true, data)?;
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
                    post: None,
                    kind: JobKind::Item,
                })
                .collect()),
            Adapter::Github(gh) => Ok(issue_refs(s)?
                .iter()
                .map(|r| Job {
                    url: gh.issue_url(r).into(),
                    post: None,
                    kind: JobKind::Page,
                })
                .collect()),
            Adapter::Kaggle(k) => Ok(k
                .seeds(&kaggle_refs(s)?)
                .into_iter()
                .map(kaggle_job)
                .collect()),
        }
    }

    /// What the source needs from the fetcher beyond the user's politeness settings.
    pub(crate) fn fetch_options(&self, mut o: FetchOptions) -> FetchOptions {
        if self.is_api() {
            o.robots = false;
        }
        if let Adapter::Kaggle(k) = self {
            o.headers.push(("accept".into(), "application/json".into()));
            o.auth_host = Some(discourse::site_name(k.api()));
        } else if let Adapter::Github(gh) = self {
            o.headers.push(("accept".into(), github::ACCEPT.into()));
            o.headers
                .push(("x-github-api-version".into(), github::API_VERSION.into()));
            o.auth_host = Some(discourse::site_name(gh.api()));
        } else {
            o.auth = None;
        }
        o
    }

    /// Whether an archived response is a page this adapter reads.
    pub(crate) fn reads(&self, url: &Url) -> bool {
        match self {
            Adapter::Discourse { .. } => discourse::classify(url) != discourse::PageKind::Other,
            Adapter::Hn(hn) => hn.classify(url).is_some(),
            Adapter::Github(gh) => gh.classify(url).is_some(),
            Adapter::Kaggle(k) => k.classify(url).is_some(),
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
                        post: None,
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
                        post: None,
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
            Adapter::Kaggle(k) => {
                let p = k.parse(url, body)?;
                Ok(Output {
                    posts: p.posts,
                    dropped: p.dropped,
                    jobs: p.requests.into_iter().map(kaggle_job).collect(),
                    unchanged: false,
                })
            }
        }
    }

    /// A failure that is expected and not counted: a Kaggle host list the
    /// account may not read (noted once, for the summary).
    pub(crate) fn tolerate(&mut self, job: &Job, e: &FetchError) -> bool {
        match (self, e.status) {
            (Adapter::Kaggle(k), Some(status @ (403 | 404))) if job.kind == JobKind::Prelude => {
                k.hosts_refused(status);
                true
            }
            _ => false,
        }
    }

    /// A failure that ends the crawl whatever the page: Kaggle refusing the credential.
    pub(crate) fn fatal(&self, e: &FetchError) -> Option<Error> {
        match self {
            Adapter::Kaggle(_)
                if e.kind == FetchErrorKind::ClientError && e.status == Some(401) =>
            {
                let dir = credentials::config_dir(&|k| std::env::var(k).ok());
                Some(Error::KaggleCredentials {
                    problem: "Kaggle's API refused the credential (401 Unauthorized): it may be mistyped, expired or revoked".to_owned(),
                    fix: credentials::where_to_put_them(dir.as_deref()),
                })
            }
            _ => None,
        }
    }

    /// Forum groups seen on participants' posts, summed over sites (Discourse only).
    pub(crate) fn participant_groups(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        if let Adapter::Discourse { sites, .. } = self {
            for site in sites.values() {
                for (g, n) in &site.participant_groups {
                    *out.entry(g.clone()).or_default() += n;
                }
            }
        }
        out
    }

    /// Forum groups and user titles seen on any post, with post counts, summed
    /// over sites (Discourse only: the other sources show neither).
    pub(crate) fn seen_counts(&self) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
        let mut groups = BTreeMap::new();
        let mut titles = BTreeMap::new();
        if let Adapter::Discourse { sites, .. } = self {
            for site in sites.values() {
                for (g, n) in &site.groups_seen {
                    *groups.entry(g.clone()).or_default() += n;
                }
                for (t, n) in &site.titles_seen {
                    *titles.entry(t.clone()).or_default() += n;
                }
            }
        }
        (groups, titles)
    }

    /// Official posts by the list that made them official (Kaggle only).
    pub(crate) fn role_coverage(&self) -> Option<RoleCoverage> {
        match self {
            Adapter::Kaggle(k) => Some(k.coverage()),
            _ => None,
        }
    }

    /// The sentence a parse failure ends with in the crawl's report.
    pub(crate) fn parse_hint(&self) -> &'static str {
        match self {
            Adapter::Discourse { .. } => "the forum may not be Discourse, or changed its format",
            Adapter::Hn(_) => "check the item id, or --api-base",
            Adapter::Github(_) => "check the issue URL, or --api-base",
            Adapter::Kaggle(_) => "check the competition URL, or --api-base",
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
            Adapter::Kaggle(k) => state.kaggle = Some(k.map.clone()),
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
            post: None,
            kind: JobKind::Page,
        },
        Link::Chunk { url, topic } => Job {
            url: url.into(),
            post: None,
            kind: JobKind::Chunk { topic },
        },
        Link::Topic {
            url,
            id,
            fingerprint,
        } => Job {
            url: url.into(),
            post: None,
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
