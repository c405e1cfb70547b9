//! Fetching a document URL: one function, `fetch_document`, so that the polite
//! crawl client (robots.txt, per-host limits, archive) can replace this small
//! reqwest call without touching the loader. Timeout, a `rulegap/<version>`
//! User-Agent, a size cap and errors that say what to do.

use std::time::Duration;

use super::source::MAX_DOCUMENT_BYTES;
use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// How long one document request may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);
/// The User-Agent sent with document requests.
pub const USER_AGENT: &str = concat!(
    "rulegap/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/rulegap/rulegap)"
);

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The response body.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header, when sent.
    pub content_type: Option<String>,
    /// The URL after redirects.
    pub final_url: String,
}

/// Fetches `url` (at most `MAX_DOCUMENT_BYTES`), following redirects.
///
/// `_data` is where the polite client will archive the response.
pub fn fetch_document(url: &str, _data: &DataDir) -> Result<Fetched> {
    fetch_limited(url, MAX_DOCUMENT_BYTES)
}

/// Fetches `url`, refusing bodies larger than `max_bytes`.
pub(crate) fn fetch_limited(url: &str, max_bytes: u64) -> Result<Fetched> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::DocumentFetch {
            url: url.to_owned(),
            reason: format!("could not be fetched: cannot start the network runtime ({e})"),
        })?;
    runtime.block_on(fetch(url, max_bytes))
}

async fn fetch(url: &str, max_bytes: u64) -> Result<Fetched> {
    let fail = |reason: String| Error::DocumentFetch {
        url: url.to_owned(),
        reason,
    };
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .timeout(FETCH_TIMEOUT)
        .redirect(reqwest::redirect::Policy::limited(10))
        .build()
        .map_err(|e| fail(format!("could not be fetched: {e}")))?;
    let mut resp = client.get(url).send().await.map_err(|e| {
        if e.is_timeout() {
            fail(format!(
                "did not answer within {} s; try again later, or save the page from a browser and add the file",
                FETCH_TIMEOUT.as_secs()
            ))
        } else {
            fail(format!("could not be fetched ({e}); check the URL and your network connection"))
        }
    })?;
    let status = resp.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        let hint = match status.as_u16() {
            404 | 410 => "check the URL",
            401 | 403 => {
                "the page needs a login: open it in a browser, save it, and add the saved file"
            }
            429 | 500..=599 => "try again later, or save the page from a browser and add the file",
            _ => "check the URL, or save the page from a browser and add the file",
        };
        return Err(fail(format!(
            "answered {} {reason}; {hint}",
            status.as_u16()
        )));
    }
    let too_big = || {
        fail(format!(
            "is larger than the {} MB limit for a document; save only the rules page and add the file",
            max_bytes / (1024 * 1024)
        ))
    };
    if resp.content_length().is_some_and(|n| n > max_bytes) {
        return Err(too_big());
    }
    let content_type = resp
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let final_url = resp.url().to_string();
    let mut bytes = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| fail(format!("broke off while sending the page ({e}); try again")))?
    {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > max_bytes {
            return Err(too_big());
        }
    }
    Ok(Fetched {
        bytes,
        content_type,
        final_url,
    })
}
