//! The polite HTTP client. `Fetcher::fetch` runs lychee's per-host order
//! (the crawl loop dedupes and caches before it): robots.txt (fetched once per
//! host through this same pipeline), a permit, any host-wide `Retry-After`
//! pause, the minimum interval, then the request, with bounded retries and
//! capped exponential backoff on 5xx, timeouts and resets, and API rate
//! limits (`x-ratelimit-*`, see `ratelimit`) obeyed up to a cap. Redirects are
//! followed only within the same site, bodies are streamed up to a limit, and
//! every response is appended to the WARC archive.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use url::Url;

use super::archive::{ArchiveWriter, RequestRecord, ResponseRecord};
use super::page::{FetchError, FetchErrorKind as Kind, RawPage, Validators};
use super::politeness::{Host, HostStats, backoff, parse_retry_after};
use super::ratelimit::{self, Limit};
use super::refusal::{final_status, same_site_redirects, status_of, transport};
use super::robots::Robots;
use super::{Credential, Event, FetchOptions};

type Sink = Arc<dyn Fn(Event) + Send + Sync>;

/// The polite client: one per command, shared by every request of it.
pub struct Fetcher {
    client: reqwest::Client,
    opts: FetchOptions,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    archive: Option<Arc<ArchiveWriter>>,
    events: Option<Sink>,
}

impl Fetcher {
    /// A client with `opts`, archiving every response to `archive` when given.
    pub fn new(opts: FetchOptions, archive: Option<ArchiveWriter>) -> crate::Result<Fetcher> {
        let client = reqwest::Client::builder()
            .user_agent(opts.user_agent())
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
            .redirect(same_site_redirects())
            .build()
            .map_err(|e| crate::Error::Input(format!("cannot build the HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            opts,
            hosts: Mutex::new(HashMap::new()),
            archive: archive.map(Arc::new),
            events: None,
        })
    }

    /// Sends waits, retries and failures to `sink` (progress output).
    pub fn on_event(&mut self, sink: impl Fn(Event) + Send + Sync + 'static) {
        self.events = Some(Arc::new(sink));
    }

    /// Per-host statistics so far, by host.
    #[must_use]
    pub fn host_stats(&self) -> Vec<(String, HostStats)> {
        let hosts = self.hosts.lock().map(|h| h.clone()).unwrap_or_default();
        let mut out: Vec<_> = hosts
            .values()
            .map(|h| {
                (
                    h.name.clone(),
                    h.stats.lock().map(|s| s.clone()).unwrap_or_default(),
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// The archive file being written, if any.
    #[must_use]
    pub fn archive_path(&self) -> Option<std::path::PathBuf> {
        self.archive.as_ref().map(|a| a.path().to_path_buf())
    }

    fn emit(&self, e: Event) {
        if let Some(s) = &self.events {
            s(e);
        }
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let name = crate::source::discourse::site_name(url);
        let mut hosts = self
            .hosts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        hosts
            .entry(name.clone())
            .or_insert_with(|| Arc::new(Host::new(name, self.opts.delay, self.opts.max_in_flight)))
            .clone()
    }

    /// Fetches `url` politely: a 2xx page, or a 304 when `cond` matched.
    pub async fn fetch(&self, url: &Url, cond: Option<&Validators>) -> Result<RawPage, FetchError> {
        self.fetch_with(url, cond, None).await
    }

    /// `fetch`, or with `post` a POST of that JSON body to `url` without its
    /// query (the query only names the request: see `state::Job::post`). The
    /// answer is archived under the whole `url`, after a `request` record of
    /// the body; a POST is never conditional.
    pub async fn fetch_with(
        &self,
        url: &Url,
        cond: Option<&Validators>,
        post: Option<&str>,
    ) -> Result<RawPage, FetchError> {
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(FetchError::new(
                url.as_str(),
                Kind::InvalidUrl,
                "not an http(s) URL with a host; give the forum's web address",
            ));
        }
        let host = self.host(url);
        if self.opts.robots {
            let robots = host
                .robots
                .get_or_init(|| self.load_robots(&host, url))
                .await;
            if let Err(why) = robots.check(url.as_str()) {
                let kind = if robots.unreachable() {
                    host.stat(|s| s.failures += 1);
                    Kind::Network
                } else {
                    host.stat(|s| s.robots_blocked += 1);
                    Kind::Robots
                };
                return Err(FetchError::new(url.as_str(), kind, why));
            }
        }
        let req = Req {
            url,
            cond: if post.is_some() { None } else { cond },
            post,
        };
        let result = self.with_retries(&host, &req).await;
        if result.is_err() {
            host.stat(|s| s.failures += 1);
        }
        result
    }

    async fn load_robots(&self, host: &Host, url: &Url) -> Robots {
        let Ok(robots_url) = url.join("/robots.txt") else {
            return Robots::AllowAll;
        };
        let req = Req {
            url: &robots_url,
            cond: None,
            post: None,
        };
        let robots = match self.with_retries(host, &req).await {
            Ok(page) => Robots::from_response(Some(page.status), &page.body, ""),
            Err(e) => match status_of(&e) {
                Some(s) => Robots::from_response(Some(s), b"", ""),
                // The host itself cannot be reached: that is the whole story.
                None if e.kind == Kind::Network => Robots::Unreachable(e.message.clone()),
                None => Robots::from_response(None, b"", &e.message),
            },
        };
        if let Some(d) = robots.delay() {
            host.raise_interval(d);
        }
        robots
    }

    async fn with_retries(&self, host: &Host, req: &Req<'_>) -> Result<RawPage, FetchError> {
        let url = req.url;
        let o = &self.opts;
        let mut attempt = 0u32;
        loop {
            let Some(permit) = host.turn().await else {
                return Err(FetchError::new(
                    url.as_str(),
                    Kind::Network,
                    "crawl stopped",
                ));
            };
            host.stat(|s| s.requests += 1);
            let result = self.once(host, req).await;
            drop(permit);
            let limit = result
                .as_ref()
                .ok()
                .and_then(|p| ratelimit::on_refusal(p, o.rate_limit_cap));
            if let Ok(p) = &result
                && let Some(wait) = ratelimit::exhausted(p)
            {
                self.pause_for_limit(host, wait.min(o.rate_limit_cap), p.status);
            }
            let retry_in = match (&result, limit) {
                (Ok(p), Some(Limit::Wait(wait))) => {
                    self.pause_for_limit(host, wait, p.status);
                    Some(Duration::ZERO)
                }
                (_, Some(Limit::TooLong { until, wait })) => {
                    return Err(FetchError::new(
                        url.as_str(),
                        Kind::RateLimited,
                        format!(
                            "the API's rate limit is used up until {until} ({} min away, longer than the {} min rulegap waits); set GITHUB_TOKEN (5,000 requests an hour instead of 60) or run the same command again after that time: it resumes",
                            wait.as_secs().div_ceil(60),
                            o.rate_limit_cap.as_secs() / 60
                        ),
                    ));
                }
                (Ok(p), _) if matches!(p.status, 429 | 503) => {
                    let asked = p
                        .header("retry-after")
                        .and_then(|v| parse_retry_after(v, Timestamp::now()));
                    let wait =
                        asked.unwrap_or_else(|| backoff(o.backoff_base, attempt, o.backoff_cap));
                    let wait = if wait > o.retry_after_cap {
                        self.emit(Event::Message(format!(
                            "{}: the server asks to wait {}s; waiting the cap of {}s instead",
                            host.name,
                            wait.as_secs(),
                            o.retry_after_cap.as_secs()
                        )));
                        o.retry_after_cap
                    } else {
                        wait
                    };
                    host.pause(wait);
                    self.emit(Event::Wait {
                        host: host.name.clone(),
                        wait,
                        status: p.status,
                    });
                    Some(Duration::ZERO)
                }
                (Ok(p), _) if p.status >= 500 => {
                    Some(backoff(o.backoff_base, attempt, o.backoff_cap))
                }
                (Err(e), _) if super::refusal::transient(e) => {
                    Some(backoff(o.backoff_base, attempt, o.backoff_cap))
                }
                _ => None,
            };
            match retry_in {
                Some(wait) if attempt < o.max_retries => {
                    attempt += 1;
                    host.stat(|s| {
                        s.retries += 1;
                        s.waited += wait;
                    });
                    self.emit(Event::Retry {
                        url: url.to_string(),
                        attempt,
                    });
                    tokio::time::sleep(wait).await;
                }
                _ => {
                    return result
                        .map_err(|e| after_tries(e, attempt))
                        .and_then(|p| final_status(url, p, attempt));
                }
            }
        }
    }

    /// Pauses every request to `host` until an API rate limit resets.
    fn pause_for_limit(&self, host: &Host, wait: Duration, status: u16) {
        host.pause(wait);
        self.emit(Event::Wait {
            host: host.name.clone(),
            wait,
            status,
        });
    }

    async fn once(&self, host: &Host, r: &Req<'_>) -> Result<RawPage, FetchError> {
        let url = r.url;
        let mut req = match r.post {
            Some(body) => {
                let mut endpoint = url.clone();
                endpoint.set_query(None);
                self.archive_request(url, &endpoint, body)?;
                self.client
                    .post(endpoint)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.to_owned())
            }
            None => self.client.get(url.clone()),
        };
        for (k, v) in &self.opts.headers {
            req = req.header(k, v);
        }
        if let (Some(auth), Some(allowed)) = (&self.opts.auth, &self.opts.auth_host)
            && crate::source::discourse::site_name(url) == *allowed
        {
            req = match auth {
                Credential::Bearer(token) => req.bearer_auth(token.expose()),
                Credential::Basic { user, key } => req.basic_auth(user, Some(key.expose())),
            };
        }
        if let Some(v) = r.cond {
            if let Some(e) = &v.etag {
                req = req.header(reqwest::header::IF_NONE_MATCH, e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header(reqwest::header::IF_MODIFIED_SINCE, m);
            }
        }
        let mut resp = req
            .send()
            .await
            .map_err(|e| transport(url, &e, &self.opts))?;
        let status = resp.status();
        // A POST's answer is named by the request's stable URL, not the endpoint.
        let final_url = if r.post.is_some() {
            url.to_string()
        } else {
            resp.url().to_string()
        };
        let headers: Vec<(String, String)> = resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let max = self.opts.max_body;
        let too_large = || {
            FetchError::new(
                &final_url,
                Kind::TooLarge,
                format!(
                    "the body is larger than the {} MiB limit; not kept",
                    max >> 20
                ),
            )
        };
        if resp.content_length().is_some_and(|n| n > max) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| transport(url, &e, &self.opts))?
        {
            if (body.len() + chunk.len()) as u64 > max {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let page = RawPage {
            url: final_url,
            status: status.as_u16(),
            fetched_at: Timestamp::now(),
            headers,
            body,
        };
        host.stat(|s| {
            s.bytes += page.body.len() as u64;
            if let Some(c) = s
                .by_class
                .get_mut(usize::from(page.status / 100).saturating_sub(2))
            {
                *c += 1;
            }
        });
        if let Some(a) = &self.archive {
            a.response(&ResponseRecord {
                url: &page.url,
                fetched_at: page.fetched_at,
                status: page.status,
                reason: status.canonical_reason().unwrap_or(""),
                headers: &page.headers,
                body: &page.body,
            })
            .map_err(|e| FetchError::new(&page.url, Kind::Archive, e.to_string()))?;
        }
        Ok(page)
    }

    /// Archives the body of a POST (no credential: headers are not recorded).
    fn archive_request(&self, name: &Url, endpoint: &Url, body: &str) -> Result<(), FetchError> {
        let Some(a) = &self.archive else {
            return Ok(());
        };
        a.request(&RequestRecord {
            url: name.as_str(),
            endpoint,
            at: Timestamp::now(),
            body: body.as_bytes(),
        })
        .map_err(|e| FetchError::new(name.as_str(), Kind::Archive, e.to_string()))
    }
}

/// One request: what to fetch, its validators, and a JSON body to POST.
struct Req<'a> {
    url: &'a Url,
    cond: Option<&'a Validators>,
    post: Option<&'a str>,
}

/// A transport error after retries says how many tries it took, so that a
/// 30 s timeout that ran for two minutes is not a surprise.
fn after_tries(mut e: FetchError, retries: u32) -> FetchError {
    if retries > 0 {
        e.message = format!("after {} tries: {}", retries + 1, e.message);
    }
    e
}
