//! Fetching a document URL over the crawl module's polite client (robots.txt,
//! per-host delay, retries, size cap, WARC archive), so a rules page is
//! fetched and archived like any crawled page: `fetch_document` for a web
//! page, `fetch_kaggle_page` for a Kaggle competition page, which Kaggle
//! renders in the browser, so it is read through Kaggle's API instead.

use super::source::MAX_DOCUMENT_BYTES;
use crate::crawl::{FetchOptions, fetch_one, fetch_one_request};
use crate::datadir::DataDir;
use crate::error::{Error, Result};
use crate::source::kaggle_live::pages::{page_document, pages_call, pick_page};
use crate::source::kaggle_live::{self, credentials};

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The response body.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, when sent.
    pub content_type: Option<String>,
    /// The URL that answered (after redirects).
    pub final_url: String,
}

/// How documents are fetched: `doc add`'s `--api-base` and `--timeout`.
#[derive(Debug, Clone, Default)]
pub struct FetchSettings {
    /// Kaggle's API base for kaggle.com competition pages (default `https://api.kaggle.com`).
    pub kaggle_api: Option<String>,
    /// Per-request timeout (default: the crawler's).
    pub timeout: Option<std::time::Duration>,
}

impl FetchSettings {
    fn options(&self) -> FetchOptions {
        let defaults = FetchOptions::default();
        FetchOptions {
            max_body: MAX_DOCUMENT_BYTES,
            timeout: self.timeout.unwrap_or(defaults.timeout),
            ..defaults
        }
    }
}

/// Fetches `url` politely (at most `MAX_DOCUMENT_BYTES`) and archives the
/// response in `data`, as a document of `competition`.
pub fn fetch_document(
    url: &str,
    competition: &str,
    data: &DataDir,
    settings: &FetchSettings,
) -> Result<Fetched> {
    let options = settings.options();
    let page = fetch_one(url, competition, data, &options)?;
    Ok(Fetched {
        content_type: page.header("content-type").map(str::to_owned),
        final_url: page.url,
        bytes: page.body,
    })
}

/// A competition page fetched through Kaggle's API (`ListCompetitionPages`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KagglePage {
    /// The document bytes (an HTML page, or markdown).
    pub bytes: Vec<u8>,
    /// Whether they are markdown.
    pub markdown: bool,
}

/// Fetches page `name` of Kaggle competition `slug` through the API at
/// `settings.kaggle_api` (default `https://api.kaggle.com`) with the user's Kaggle
/// credential, archiving the answer in `data` as a document of `competition`.
/// `web_url` names the document in messages.
pub fn fetch_kaggle_page(
    web_url: &str,
    slug: &str,
    name: &str,
    competition: &str,
    data: &DataDir,
    settings: &FetchSettings,
) -> Result<KagglePage> {
    let found = credentials::find(&|k| std::env::var(k).ok())?;
    let base = settings
        .kaggle_api
        .as_deref()
        .unwrap_or(kaggle_live::DEFAULT_API);
    let api = url::Url::parse(base.trim_end_matches('/')).map_err(|e| {
        Error::Input(format!(
            "--api-base: `{base}` is not a URL ({e}); write e.g. {}",
            kaggle_live::DEFAULT_API
        ))
    })?;
    let options = FetchOptions {
        robots: false,
        headers: vec![("accept".into(), "application/json".into())],
        auth: Some(found.credential),
        auth_host: Some(crate::source::discourse::site_name(&api)),
        ..settings.options()
    };
    let call = |page: Option<&str>| -> Result<Vec<u8>> {
        let (url, body) = pages_call(&api, slug, page);
        fetch_one_request(url.as_str(), Some(&body), competition, data, &options)
            .map(|p| p.body)
            .map_err(|e| api_error(e, web_url, &found.origin))
    };
    let picked = pick_page(&call(Some(name))?, name).map_err(|e| Error::document(web_url, e))?;
    let page = match picked {
        Ok(p) => p,
        Err(_) => {
            let names = match pick_page(&call(None)?, name) {
                Ok(Ok(p)) => return Ok(as_document(&p, slug)),
                Ok(Err(names)) => names,
                Err(e) => return Err(Error::document(web_url, e)),
            };
            return Err(Error::document(
                web_url,
                format!(
                    "competition `{slug}` has no page `{name}` on Kaggle; its pages are: {}; add e.g. https://www.kaggle.com/competitions/{slug}/{}",
                    if names.is_empty() {
                        "(none)".to_owned()
                    } else {
                        names.join(", ")
                    },
                    names.first().map_or("rules", String::as_str)
                ),
            ));
        }
    };
    Ok(as_document(&page, slug))
}

fn as_document(page: &crate::source::kaggle_live::wire::ApiPage, slug: &str) -> KagglePage {
    let d = page_document(page, slug);
    KagglePage {
        bytes: d.bytes,
        markdown: d.markdown,
    }
}

/// A refused credential says where to put one; a refused page says what to check.
fn api_error(e: Error, web_url: &str, origin: &str) -> Error {
    let Error::Fetch(f) = e else { return e };
    match f.status {
        Some(401) => Error::KaggleCredentials {
            problem: format!(
                "Kaggle's API refused the credential from {origin} (401 Unauthorized): it may be mistyped, expired or revoked"
            ),
            fix: credentials::where_to_put_them(
                credentials::config_dir(&|k| std::env::var(k).ok()).as_deref(),
            ),
        },
        Some(403 | 404) => Error::document(
            web_url,
            format!(
                "Kaggle's API refused the page ({}); check the competition slug, and that your account has joined the competition and accepted its rules",
                f.message
            ),
        ),
        _ => Error::Fetch(f),
    }
}
