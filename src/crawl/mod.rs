//! Crawling: the only module that touches the network.
//!
//! `Fetcher` is the polite HTTP client (robots.txt, per-host permits and
//! pacing, `Retry-After`, retries, size limit, same-site redirects) that
//! archives every response as WARC (`archive`). `Crawler` walks a forum with
//! a source adapter, indexes posts in batches, and keeps the settings and
//! resume state of each crawl under `crawls/` (`state`). `replay` feeds the
//! archive back through the adapters for `reindex`. `fetch_one` is the small
//! entry point for fetching a single document (`doc add URL`). `adapter`
//! connects the loop to the source (Discourse, Hacker News, GitHub).
//! `officials` remembers each crawl's official-account settings and warns
//! about one that matched nobody; `duplicates` warns about a forum stored
//! under two site names.

mod adapter;
pub mod archive;
pub mod archive_reader;
mod crawler;
pub mod duplicates;
mod fetcher;
mod frontier;
pub mod officials;
mod page;
mod politeness;
mod progress;
mod ratelimit;
mod refusal;
pub mod replay;
mod robots;
pub mod state;
mod summary;

use std::time::Duration;

pub use crawler::{CrawlSpec, Crawler};
pub use fetcher::Fetcher;
pub use page::{FetchError, FetchErrorKind, RawPage, Validators};
pub use politeness::{HostStats, MAX_IN_FLIGHT, backoff, parse_retry_after};
pub use progress::Feedback;
pub use summary::{Summary, render_text, warnings};

use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// Default minimum interval between two requests to one host.
pub const DEFAULT_DELAY: Duration = Duration::from_secs(1);
/// Default request timeout (connect, headers and body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest body kept (20 MiB).
pub const DEFAULT_MAX_BODY: u64 = 20 << 20;
/// Retries of one request after a 5xx, 429, timeout or reset.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// The longest `Retry-After` pause obeyed (longer requests are cut to this, with a message).
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(600);
/// Shortest first backoff after a failure.
pub const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// Longest backoff between two attempts.
pub const BACKOFF_CAP: Duration = Duration::from_secs(30);
/// The longest wait for an API's `x-ratelimit-reset` (GitHub's primary limit);
/// a later reset fails the page instead, with a message.
pub const RATE_LIMIT_CAP: Duration = Duration::from_secs(15 * 60);
/// Where the User-Agent points people who want to know who is crawling.
pub const CONTACT_URL: &str = "https://github.com/rulegap/rulegap";

/// How politely and how patiently to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Minimum interval between request starts to one host (robots.txt Crawl-delay raises it).
    pub delay: Duration,
    /// Request timeout.
    pub timeout: Duration,
    /// Body size limit in bytes.
    pub max_body: u64,
    /// Retries after 5xx, 429, timeouts and resets.
    pub max_retries: u32,
    /// Longest `Retry-After` pause obeyed.
    pub retry_after_cap: Duration,
    /// First backoff (doubles each retry).
    pub backoff_base: Duration,
    /// Longest backoff.
    pub backoff_cap: Duration,
    /// Extra User-Agent text (a contact address).
    pub user_agent_extra: Option<String>,
    /// Requests in flight to one host at most.
    pub max_in_flight: usize,
    /// Longest wait for an `x-ratelimit-reset` before the page fails.
    pub rate_limit_cap: Duration,
    /// Headers sent with every request (an API's `Accept` and version).
    pub headers: Vec<(String, String)>,
    /// A credential sent as `Authorization` (never archived, never printed)…
    pub auth: Option<Credential>,
    /// …only to this host (`host[:port]`): the API's, not wherever a `Link` header points.
    pub auth_host: Option<String>,
    /// Consult robots.txt (web forums). Off for documented JSON APIs (Hacker
    /// News, GitHub), whose published rate limits govern instead: robots.txt
    /// addresses crawlers of web pages, and API hosts often disallow everything there.
    pub robots: bool,
}

/// A credential: usable by the fetcher, redacted in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    #[must_use]
    pub fn new(token: impl Into<String>) -> Secret {
        Secret(token.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

/// How a request proves who sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer TOKEN` (GitHub tokens, Kaggle API tokens).
    Bearer(Secret),
    /// `Authorization: Basic base64(user:key)` (Kaggle's legacy `kaggle.json` keys).
    Basic {
        /// The user name (not secret).
        user: String,
        /// The key.
        key: Secret,
    },
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            delay: DEFAULT_DELAY,
            timeout: DEFAULT_TIMEOUT,
            max_body: DEFAULT_MAX_BODY,
            max_retries: DEFAULT_MAX_RETRIES,
            retry_after_cap: RETRY_AFTER_CAP,
            backoff_base: BACKOFF_BASE,
            backoff_cap: BACKOFF_CAP,
            user_agent_extra: None,
            max_in_flight: MAX_IN_FLIGHT,
            rate_limit_cap: RATE_LIMIT_CAP,
            headers: Vec::new(),
            auth: None,
            auth_host: None,
            robots: true,
        }
    }
}

impl FetchOptions {
    /// `rulegap/<version> (+<contact>)`, then the user's text.
    #[must_use]
    pub fn user_agent(&self) -> String {
        let base = format!("rulegap/{} (+{CONTACT_URL})", env!("CARGO_PKG_VERSION"));
        match self.user_agent_extra.as_deref().map(str::trim) {
            Some(extra) if !extra.is_empty() => format!("{base} {extra}"),
            _ => base,
        }
    }

    /// The backoff base actually used: never shorter than the politeness delay.
    #[must_use]
    pub fn effective(mut self) -> Self {
        self.backoff_base = self.backoff_base.max(self.delay);
        self
    }
}

/// Something the user may want to see while a crawl runs.
#[derive(Debug, Clone)]
pub enum Event {
    /// A host-wide pause after a 429/503 or a used-up API rate limit.
    Wait {
        /// The host.
        host: String,
        /// How long.
        wait: Duration,
        /// The status that asked for it.
        status: u16,
    },
    /// A request is retried.
    Retry {
        /// The page.
        url: String,
        /// Which retry (1-based).
        attempt: u32,
    },
    /// A one-line notice.
    Message(String),
}

/// Fetches one URL politely (robots.txt, limits, retries), archives the
/// response under `data`'s `archive/` as a document of `competition`, and
/// returns it. For `doc add URL`.
pub fn fetch_one(
    url: &str,
    competition: &str,
    data: &DataDir,
    options: &FetchOptions,
) -> Result<RawPage> {
    fetch_one_request(url, None, competition, data, options)
}

/// `fetch_one` for a request that may POST a JSON body (see `state::Job::post`
/// for how `url` names it): for `doc add` of a Kaggle competition page.
pub fn fetch_one_request(
    url: &str,
    post: Option<&str>,
    competition: &str,
    data: &DataDir,
    options: &FetchOptions,
) -> Result<RawPage> {
    let parsed = url::Url::parse(url).map_err(|e| {
        Error::Input(format!(
            "`{url}` is not a URL ({e}); write it with https://"
        ))
    })?;
    let archive = archive::ArchiveWriter::create(
        data,
        "fetch",
        archive::ArchiveOwner::Documents(competition),
    )?;
    let fetcher = Fetcher::new(options.clone().effective(), Some(archive))?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Input(format!("cannot start the network runtime: {e}")))?;
    Ok(rt.block_on(fetcher.fetch_with(&parsed, None, post))?)
}
