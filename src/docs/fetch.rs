//! Fetching a document URL: one function, `fetch_document`, over the crawl
//! module's polite client (robots.txt, per-host delay, retries, size cap,
//! WARC archive), so a rules page is fetched and archived like any crawled page.

use super::source::MAX_DOCUMENT_BYTES;
use crate::crawl::{FetchOptions, fetch_one};
use crate::datadir::DataDir;
use crate::error::Result;

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

/// Fetches `url` politely (at most `MAX_DOCUMENT_BYTES`) and archives the response in `data`.
pub fn fetch_document(url: &str, data: &DataDir) -> Result<Fetched> {
    let options = FetchOptions {
        max_body: MAX_DOCUMENT_BYTES,
        ..FetchOptions::default()
    };
    let page = fetch_one(url, data, &options)?;
    Ok(Fetched {
        content_type: page.header("content-type").map(str::to_owned),
        final_url: page.url,
        bytes: page.body,
    })
}
