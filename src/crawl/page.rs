//! What a fetch gives (`RawPage`) or why it failed (`FetchError`, with a
//! `FetchErrorKind` the crawl summary counts by), and the validators kept for
//! conditional requests on the next crawl.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One fetched response.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// The URL that answered (after same-site redirects).
    pub url: String,
    /// HTTP status (2xx, or 304 for a conditional request that found no change).
    pub status: u16,
    /// When the response arrived.
    pub fetched_at: Timestamp,
    /// Response headers, in order.
    pub headers: Vec<(String, String)>,
    /// The decoded body (empty for 304).
    pub body: Vec<u8>,
}

impl RawPage {
    /// The first value of header `name` (case-insensitive).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the server said the page has not changed since the validators we sent.
    #[must_use]
    pub fn not_modified(&self) -> bool {
        self.status == 304
    }

    /// The validators to send next time.
    #[must_use]
    pub fn validators(&self) -> Validators {
        Validators {
            etag: self.header("etag").map(str::to_owned),
            last_modified: self.header("last-modified").map(str::to_owned),
        }
    }
}

/// `ETag` / `Last-Modified` of an earlier response, for `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// Why a page failed, for the summary's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchErrorKind {
    /// The URL cannot be requested (not http/https, no host).
    InvalidUrl,
    /// robots.txt keeps us out.
    Robots,
    /// No answer within the request timeout.
    Timeout,
    /// Connection refused, reset, DNS failure.
    Network,
    /// 429 (or 503 with Retry-After) after every retry.
    RateLimited,
    /// A 4xx answer.
    ClientError,
    /// A 5xx answer after every retry.
    ServerError,
    /// A redirect to another site, not followed.
    OffSiteRedirect,
    /// A body beyond the size limit.
    TooLarge,
    /// The page arrived but is not what the adapter expected.
    Parse,
    /// Writing the archive failed.
    Archive,
}

impl FetchErrorKind {
    /// The snake-case name used in summaries.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            FetchErrorKind::InvalidUrl => "invalid_url",
            FetchErrorKind::Robots => "robots",
            FetchErrorKind::Timeout => "timeout",
            FetchErrorKind::Network => "network",
            FetchErrorKind::RateLimited => "rate_limited",
            FetchErrorKind::ClientError => "client_error",
            FetchErrorKind::ServerError => "server_error",
            FetchErrorKind::OffSiteRedirect => "off_site_redirect",
            FetchErrorKind::TooLarge => "too_large",
            FetchErrorKind::Parse => "parse",
            FetchErrorKind::Archive => "archive",
        }
    }
}

/// A page that could not be fetched (or read), with the reason and what to do.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{url}: {message}")]
pub struct FetchError {
    /// The page.
    pub url: String,
    /// The class of failure.
    pub kind: FetchErrorKind,
    /// What happened and what to do about it.
    pub message: String,
    /// The HTTP status of a refused request (4xx, 5xx), when there was an answer.
    pub status: Option<u16>,
}

impl FetchError {
    /// A failure of `kind` on `url`.
    pub fn new(url: impl Into<String>, kind: FetchErrorKind, message: impl Into<String>) -> Self {
        FetchError {
            url: url.into(),
            kind,
            message: message.into(),
            status: None,
        }
    }

    /// The same error, carrying the HTTP status that caused it.
    #[must_use]
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }
}

impl From<FetchError> for crate::Error {
    fn from(e: FetchError) -> Self {
        crate::Error::Fetch(e)
    }
}
