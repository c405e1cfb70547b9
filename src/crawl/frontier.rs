//! The frontier's vocabulary: the first jobs of a crawl (each site's
//! `/site.json`, then the JSON endpoint of each start URL; a Kaggle crawl's
//! competition and its API calls as jobs), topic keys for dedupe and
//! fingerprints, and URL parsing with a message that says what to type.

use url::Url;

use super::state::{CrawlSettings, Job, JobKind};
use crate::error::{Error, Result};
use crate::source::discourse;
use crate::source::kaggle_live::{self, Request, RequestKind, WebRef};

/// The key of a topic in the crawl state: `site topic_id`.
pub(crate) fn topic_key(site: &str, id: u64) -> String {
    format!("{site} {id}")
}

/// Parses a URL the user gave or a page named.
pub(crate) fn parse_url(u: &str) -> Result<Url> {
    Url::parse(u.trim()).map_err(|e| {
        Error::Input(format!(
            "`{u}` is not a URL ({e}); write the forum address with https://"
        ))
    })
}

/// The first jobs of a crawl: each site's `/site.json`, then each start URL's endpoint.
pub(crate) fn seeds(s: &CrawlSettings) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    let mut sites = Vec::new();
    for u in &s.start_urls {
        let url = parse_url(u)?;
        let endpoint = discourse::start_endpoint(&url).ok_or_else(|| {
            Error::Input(format!(
                "cannot crawl {u}: give a Discourse site root, a category (/c/slug/id) or a topic (/t/slug/id)"
            ))
        })?;
        let site = discourse::site_name(&url);
        if !sites.contains(&site)
            && let Ok(site_json) = url.join("/site.json")
        {
            sites.push(site);
            jobs.push(Job {
                url: site_json.into(),
                post: None,
                kind: JobKind::Prelude,
            });
        }
        let kind = match discourse::classify(&endpoint) {
            discourse::PageKind::Topic { id } => JobKind::Topic {
                id,
                fingerprint: None,
            },
            _ => JobKind::Page,
        };
        jobs.push(Job {
            url: endpoint.into(),
            post: None,
            kind,
        });
    }
    Ok(jobs)
}

/// The job of a Kaggle API call: the host list first (a prelude), list pages, topics.
pub(crate) fn kaggle_job(r: Request) -> Job {
    let kind = match r.kind {
        RequestKind::Hosts => JobKind::Prelude,
        RequestKind::TopicList => JobKind::Page,
        RequestKind::Topic { id, fingerprint } => JobKind::Topic { id, fingerprint },
    };
    Job {
        url: r.url.into(),
        kind,
        post: Some(r.body),
    }
}

/// The competition addresses of Kaggle start URLs (at least one; one competition).
pub(crate) fn kaggle_refs(s: &CrawlSettings) -> Result<Vec<WebRef>> {
    let refs = s
        .start_urls
        .iter()
        .map(|u| {
            kaggle_live::parse_web(&parse_url(u)?).ok_or_else(|| {
                Error::Input(format!(
                    "cannot crawl {u} as Kaggle: give a competition's discussion, https://www.kaggle.com/competitions/SLUG/discussion, or one topic, …/discussion/ID"
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    match refs.first() {
        None => Err(Error::Input(
            "give at least one Kaggle discussion URL".into(),
        )),
        Some(first) if refs.iter().any(|r| r.slug() != first.slug()) => Err(Error::Input(format!(
            "all Kaggle URLs of one crawl must be of one competition (`{}` and others given); crawl each competition separately",
            first.slug()
        ))),
        Some(_) => Ok(refs),
    }
}
