//! The frontier's vocabulary: the first jobs of a crawl (each site's
//! `/site.json`, then the JSON endpoint of each start URL), topic keys for
//! dedupe and fingerprints, and URL parsing with a message that says what to type.

use url::Url;

use super::state::{CrawlSettings, Job, JobKind};
use crate::error::{Error, Result};
use crate::source::discourse;

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
