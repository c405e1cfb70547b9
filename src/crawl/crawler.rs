//! The crawl loop: from start URLs to indexed posts. It dedupes jobs, skips
//! topics whose list fingerprint has not changed since their last complete
//! fetch, asks `Fetcher` for pages (at most `--max-in-flight` per host), hands
//! them to the crawl's `Adapter` (Discourse, Hacker News, GitHub or Kaggle), upserts
//! the posts, and checkpoints (index commit, then
//! `crawls/{id}/state.json`) in batches, so a killed crawl resumes where its
//! last checkpoint left it. Ctrl-C stops cleanly at the next page.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;
use url::Url;

use super::FetchOptions;
use super::adapter::Adapter;
use super::archive::{ArchiveOwner, ArchiveWriter};
use super::duplicates;
use super::fetcher::Fetcher;
use super::frontier::{parse_url, topic_key};
use super::officials::{self, Officials, Seen};
use super::page::{FetchError, FetchErrorKind, RawPage};
use super::progress::Feedback;
use super::state::{CrawlSettings, CrawlState, Job, JobKind};
use super::summary::Summary;
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::index::StoreWriter;
use crate::source::discourse;

/// Pages between two checkpoints at most (unless they came faster than `CHECKPOINT_MIN`).
const CHECKPOINT_PAGES: u64 = 25;
/// Time between two checkpoints at least: an index commit costs 10–25 ms, so a
/// fast crawl (a local mirror, `--delay 0`) commits twice a second, not every 25 pages.
const CHECKPOINT_MIN: Duration = Duration::from_millis(500);
/// Time between two checkpoints at most.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(3);

/// Everything a crawl needs to know.
#[derive(Debug, Clone)]
pub struct CrawlSpec {
    /// What is recorded under `crawls/` (start URLs, competition, officials).
    pub settings: CrawlSettings,
    /// Politeness and limits.
    pub fetch: FetchOptions,
    /// Forget the resume state and the refresh validators; fetch everything again.
    pub fresh: bool,
    /// Whether each start URL's shape was recognised (else `/site.json` must prove it is Discourse).
    pub recognised: bool,
}

type Done = (Job, Result<RawPage, FetchError>);

/// One running crawl.
pub struct Crawler<'a> {
    spec: CrawlSpec,
    data: &'a DataDir,
    writer: &'a mut StoreWriter,
    feedback: Feedback,
    state: CrawlState,
    adapter: Adapter,
    /// Distinct hosts of the start URLs (each gets `max_in_flight` requests).
    hosts: usize,
    /// The start jobs of an API crawl: their failure ends the crawl.
    roots: BTreeSet<String>,
    frontier: VecDeque<Job>,
    running: HashMap<String, Job>,
    sum: Summary,
    since_checkpoint: (u64, Instant),
}

impl<'a> Crawler<'a> {
    /// Prepares a crawl: records its settings and loads (or resets) its state.
    pub fn new(
        spec: CrawlSpec,
        data: &'a DataDir,
        writer: &'a mut StoreWriter,
        feedback: Feedback,
    ) -> Result<Crawler<'a>> {
        let s = &spec.settings;
        let mut state = if spec.fresh {
            CrawlState::default()
        } else {
            CrawlState::load(data, &s.id)?
        };
        if state.seen.is_none() {
            // A state from before authors were kept: read them from the archive once.
            state.seen = Some(if state.updated_at.is_some() {
                super::replay::scan_crawl(data, s)?
            } else {
                Seen::default()
            });
        }
        let adapter = Adapter::new(s, &state, spec.fresh, data)?;
        let seeds = adapter.seeds(s)?;
        s.save(data)?;
        let roots = if adapter.is_api() {
            seeds.iter().map(|j| j.url.clone()).collect()
        } else {
            BTreeSet::new()
        };
        let mut frontier = VecDeque::new();
        if state.interrupted() {
            feedback.line(&format!(
                "resuming crawl {} ({} pages done, {} to go)",
                s.id,
                state.done.len(),
                state.pending.len()
            ));
            frontier.extend(state.pending.drain(..));
        } else {
            state.new_run();
            frontier.extend(seeds);
        }
        let hosts = s
            .start_urls
            .iter()
            .filter_map(|u| Url::parse(u).ok().map(|u| discourse::site_name(&u)))
            .collect::<BTreeSet<_>>()
            .len();
        let hosts = if adapter.is_api() { 1 } else { hosts.max(1) };
        let sum = Summary {
            crawl: s.id.clone(),
            ..Summary::default()
        };
        Ok(Crawler {
            spec,
            data,
            writer,
            feedback,
            state,
            adapter,
            hosts,
            roots,
            frontier,
            running: HashMap::new(),
            sum,
            since_checkpoint: (0, Instant::now()),
        })
    }

    /// Runs the crawl to the end (or to Ctrl-C) and returns the summary.
    pub async fn run(mut self) -> Result<Summary> {
        let started = Instant::now();
        let archive = ArchiveWriter::create(
            self.data,
            &self.spec.settings.id,
            ArchiveOwner::Crawl(&self.spec.settings.id),
        )?;
        let options = self.adapter.fetch_options(self.spec.fetch.clone());
        let mut fetcher = Fetcher::new(options.effective(), Some(archive))?;
        let fb = self.feedback.clone();
        fetcher.on_event(move |e| fb.event(&e));
        let fetcher = Arc::new(fetcher);
        let limit = self.spec.fetch.max_in_flight.max(1) * self.hosts;
        let mut tasks: JoinSet<Done> = JoinSet::new();
        let refresh = !self.spec.fresh;
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        loop {
            // Prelude pages (site metadata) complete before anything else starts.
            let prelude_running = self.running.values().any(|j| j.kind == JobKind::Prelude);
            while tasks.len() < limit && !prelude_running {
                let Some(job) = self.frontier.pop_front() else {
                    break;
                };
                if self.state.done.contains(&job.url) || self.running.contains_key(&job.url) {
                    continue;
                }
                let url = parse_url(&job.url)?;
                let cond = refresh
                    .then(|| self.state.validators.get(&job.url).cloned())
                    .flatten();
                let f = Arc::clone(&fetcher);
                let is_prelude = job.kind == JobKind::Prelude;
                self.running.insert(job.url.clone(), job.clone());
                tasks.spawn(async move {
                    let r = f.fetch_with(&url, cond.as_ref(), job.post.as_deref()).await;
                    (job, r)
                });
                if is_prelude {
                    break;
                }
            }
            if tasks.is_empty() {
                break;
            }
            tokio::select! {
                Some(joined) = tasks.join_next() => {
                    let Ok((job, result)) = joined else { continue };
                    self.running.remove(&job.url);
                    self.handle(job, result)?;
                    self.maybe_checkpoint()?;
                }
                _ = &mut ctrl_c => {
                    self.feedback.line("interrupted: saving what is done; run the same command again to resume");
                    self.sum.interrupted = true;
                    tasks.abort_all();
                    break;
                }
            }
        }
        self.state.finished = !self.sum.interrupted;
        if self.state.finished && self.sum.failed() == 0 {
            self.adapter.run_complete();
        }
        self.sum.hosts = fetcher.host_stats().into_iter().collect();
        self.sum.roles = self.adapter.role_coverage();
        self.sum.participant_groups = self.adapter.participant_groups();
        self.sum.seconds = started.elapsed().as_secs_f64();
        self.checkpoint()?;
        if !self.sum.interrupted {
            let s = &self.spec.settings;
            if let Some(seen) = &self.state.seen {
                self.sum.unmatched_officials = officials::unmatched(&Officials::of(s), seen);
            }
            self.sum.duplicate_sites = duplicates::find(self.data, &s.id, s, &self.state);
        }
        self.feedback.finish();
        Ok(self.sum)
    }

    fn handle(&mut self, job: Job, result: Result<RawPage, FetchError>) -> Result<()> {
        let page = match result {
            Ok(p) => p,
            Err(e) => {
                if self.adapter.tolerate(&job, &e) {
                    self.state.done.insert(job.url);
                    return Ok(());
                }
                if self.optional_site_metadata(&job, &e) {
                    let filed = if self.spec.settings.competition.is_some() {
                        ""
                    } else {
                        "; a topic whose category list is not crawled is filed under `uncategorized` (give --competition SLUG to name it)"
                    };
                    self.feedback.line(&format!(
                        "rulegap: note: {} is not readable ({}), so category names are unknown{filed}; not counted as a failed page",
                        job.url,
                        e.status.map_or_else(|| e.message.clone(), |s| format!("HTTP {s}"))
                    ));
                    self.state.done.insert(job.url);
                    return Ok(());
                }
                if let Some(err) = self.adapter.fatal(&e) {
                    return Err(err);
                }
                return self.fail(&job, &e);
            }
        };
        self.sum.pages += 1;
        self.sum.bytes += page.body.len() as u64;
        if page.not_modified() {
            self.sum.not_modified += 1;
            let links = self.state.links.get(&job.url).cloned().unwrap_or_default();
            self.complete_topic(&job);
            // An unchanged list's topics go through the same fingerprint check
            // as a fresh list's: unchanged topics are skipped, not revalidated.
            let next = links
                .into_iter()
                .filter(|j| !matches!(j.kind, JobKind::Chunk { .. }))
                .collect();
            let site =
                Url::parse(&job.url).map_or_else(|_| String::new(), |u| discourse::site_name(&u));
            self.links(&site, next);
            self.state.done.insert(job.url);
            return Ok(());
        }
        let validators = page.validators();
        if !validators.is_empty() {
            self.state.validators.insert(job.url.clone(), validators);
        }
        let url = parse_url(&page.url)?;
        let site = discourse::site_name(&url);
        match self.adapter.parse(&url, &page.headers, &page.body) {
            Ok(parsed) => {
                let seen = self.state.seen.get_or_insert_with(Seen::default);
                for post in &parsed.posts {
                    seen.author(&post.author);
                    self.writer.upsert_post(post)?;
                    self.sum.posts += 1;
                    self.sum.official_posts += u64::from(post.is_official());
                }
                self.sum.dropped_posts += parsed.dropped as u64;
                self.sum.unchanged_topics += u64::from(parsed.unchanged);
                let jobs = self.links(&site, parsed.jobs);
                if matches!(job.kind, JobKind::Page) {
                    self.state.links.insert(job.url.clone(), jobs);
                }
                self.complete_topic(&job);
            }
            Err(why) => {
                let e = FetchError::new(
                    &page.url,
                    FetchErrorKind::Parse,
                    format!("{why}; {}", self.adapter.parse_hint()),
                );
                self.fail(&job, &e)?;
            }
        }
        self.state.done.insert(job.url);
        Ok(())
    }

    /// Whether a refused `/site.json` is only missing metadata: the start URLs
    /// already said Discourse, and topics name their categories by id.
    fn optional_site_metadata(&self, job: &Job, e: &FetchError) -> bool {
        job.kind == JobKind::Prelude
            && self.spec.recognised
            && !self.adapter.is_api()
            && e.kind == FetchErrorKind::ClientError
    }

    /// A failed `/site.json` ends a crawl whose URL shape did not already say
    /// Discourse; a start item or issue that does not exist ends an API crawl.
    fn fatal(&self, job: &Job, e: &FetchError) -> Result<()> {
        let why = &e.message;
        if job.kind == JobKind::Prelude
            && matches!(e.kind, FetchErrorKind::Network | FetchErrorKind::Timeout)
        {
            // Nothing answers: say so, not that the site does not look like a forum.
            return Err(Error::Input(why.clone()));
        }
        if job.kind == JobKind::Prelude && !self.spec.recognised {
            return Err(Error::Input(format!(
                "{} does not look like a Discourse forum ({why}); give a category (/c/slug/id) or topic (/t/slug/id) URL, or another --source",
                job.url
            )));
        }
        let missing = matches!(e.kind, FetchErrorKind::ClientError | FetchErrorKind::Parse);
        if missing && self.roots.contains(&job.url) {
            let hint = match &self.adapter {
                Adapter::Github(_) => {
                    "; check OWNER/REPO and the number (a private repository needs GITHUB_TOKEN) or --api-base"
                }
                Adapter::Kaggle(_) => {
                    "; check the competition slug and topic id, that your account has joined the competition, or --api-base"
                }
                _ => "",
            };
            return Err(Error::Input(format!(
                "cannot crawl {}: {why}{hint}",
                job.url
            )));
        }
        Ok(())
    }

    /// Counts a failed page and reports it, unless it ends the crawl: then
    /// the error it returns says it once.
    fn fail(&mut self, job: &Job, e: &FetchError) -> Result<()> {
        *self
            .sum
            .errors
            .entry(e.kind.as_str().to_owned())
            .or_default() += 1;
        if let JobKind::Topic { id, .. } | JobKind::Chunk { topic: id } = &job.kind
            && let Ok(u) = Url::parse(&job.url)
        {
            self.state
                .topics
                .remove(&topic_key(&discourse::site_name(&u), *id));
        }
        self.fatal(job, e)?;
        self.feedback.error(e);
        Ok(())
    }

    fn complete_topic(&mut self, job: &Job) {
        if let JobKind::Topic {
            id,
            fingerprint: Some(fp),
        } = &job.kind
            && let Ok(u) = Url::parse(&job.url)
        {
            self.state
                .topics
                .insert(topic_key(&discourse::site_name(&u), *id), fp.clone());
        }
    }

    /// Queues the adapter's next jobs, skipping topics seen in this run or unchanged since the last.
    fn links(&mut self, site: &str, next: Vec<Job>) -> Vec<Job> {
        let mut jobs = Vec::new();
        for job in next {
            jobs.push(job.clone());
            if let JobKind::Topic {
                id,
                fingerprint: Some(fp),
            } = &job.kind
            {
                let key = topic_key(site, *id);
                if !self.state.seen_topics.insert(key.clone()) {
                    continue;
                }
                if !self.spec.fresh && self.state.topics.get(&key) == Some(fp) {
                    self.sum.unchanged_topics += 1;
                    continue;
                }
            }
            self.frontier.push_back(job);
        }
        jobs
    }

    fn maybe_checkpoint(&mut self) -> Result<()> {
        self.since_checkpoint.0 += 1;
        let errors = self.sum.failed();
        // Pages in flight are still to go: the same count `status` gives.
        let to_go = self.frontier.len() + self.running.len();
        self.feedback
            .progress(self.sum.pages, self.sum.posts, errors, to_go);
        let since = self.since_checkpoint.1.elapsed();
        if (self.since_checkpoint.0 >= CHECKPOINT_PAGES && since >= CHECKPOINT_MIN)
            || since >= CHECKPOINT_EVERY
        {
            self.checkpoint()?;
        }
        Ok(())
    }

    /// Commits the index, then saves the state: a crash loses at most the pages since.
    fn checkpoint(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.state.pending = self
            .running
            .values()
            .cloned()
            .chain(self.frontier.iter().cloned())
            .collect();
        self.adapter.save(&mut self.state);
        let (groups, titles) = self.adapter.seen_counts();
        self.state
            .seen
            .get_or_insert_with(Seen::default)
            .counts(&groups, &titles);
        self.state.updated_at = Some(jiff::Timestamp::now());
        self.state.save(self.data, &self.spec.settings.id)?;
        self.since_checkpoint = (0, Instant::now());
        Ok(())
    }
}
