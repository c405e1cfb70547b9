//! How a request ended, in words the summary and the user understand: the
//! final status of an answer after retries (`final_status`), transport errors
//! (`transport`), the status robots.txt rules see, and the same-site redirect policy.

use url::Url;

use super::FetchOptions;
use super::page::{FetchError, FetchErrorKind as Kind, RawPage};
use super::ratelimit;

/// 2xx and 304 pass; anything else becomes the error the summary counts.
pub(crate) fn final_status(url: &Url, p: RawPage, retries: u32) -> Result<RawPage, FetchError> {
    let after = if retries > 0 {
        format!(" after {retries} retries")
    } else {
        String::new()
    };
    let (kind, msg) = match p.status {
        200..=299 | 304 => return Ok(p),
        300..=399 => (
            Kind::OffSiteRedirect,
            format!(
                "redirects to {}, another site; not followed (give that URL itself if you mean it)",
                p.header("location").unwrap_or("an unnamed location")
            ),
        ),
        403 if ratelimit::used_up(&p) => (
            Kind::RateLimited,
            format!(
                "the API's rate limit is used up (403){after}; set GITHUB_TOKEN or try again later"
            ),
        ),
        429 => (
            Kind::RateLimited,
            format!("still rate limited (429){after}; try again later or raise --delay"),
        ),
        400..=499 => (
            Kind::ClientError,
            format!("the server answered {}; check the URL", p.status),
        ),
        s => (
            Kind::ServerError,
            format!("the server answered {s}{after}; try again later"),
        ),
    };
    Err(FetchError::new(url.as_str(), kind, msg).with_status(p.status))
}

/// The HTTP status an error carries, for robots.txt's RFC 9309 rules.
pub(crate) fn status_of(e: &FetchError) -> Option<u16> {
    match e.kind {
        Kind::ClientError => Some(404),
        Kind::ServerError | Kind::RateLimited => Some(500),
        _ => None,
    }
}

pub(crate) fn transport(url: &Url, e: &reqwest::Error, o: &FetchOptions) -> FetchError {
    if e.is_timeout() {
        FetchError::new(
            url.as_str(),
            Kind::Timeout,
            format!(
                "no answer within {:?}; the server may be slow: try again later or raise --timeout",
                o.timeout
            ),
        )
    } else if e.is_redirect() {
        FetchError::new(
            url.as_str(),
            Kind::OffSiteRedirect,
            format!("redirect loop ({e})"),
        )
    } else if e.is_connect() {
        FetchError::new(url.as_str(), Kind::Network, cannot_connect(url, e))
    } else {
        let mut msg = e.to_string();
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            msg = format!("{msg}: {s}");
            src = s.source();
        }
        FetchError::new(
            url.as_str(),
            Kind::Network,
            format!("{msg}; check the address and your connection"),
        )
    }
}

/// Lead words of a refused connection, which is not retried: nothing listens there.
pub(crate) const REFUSED: &str = "connection refused";

/// `cannot connect to HOST:PORT: connection refused; …`, the reason taken from the
/// innermost I/O error rather than reqwest's nested wording.
fn cannot_connect(url: &Url, e: &reqwest::Error) -> String {
    let mut io_kind = None;
    let mut innermost = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        innermost = s.to_string();
        src = s.source();
    }
    let reason = match io_kind {
        Some(std::io::ErrorKind::ConnectionRefused) => REFUSED.to_owned(),
        Some(std::io::ErrorKind::ConnectionReset) => "connection reset".to_owned(),
        Some(std::io::ErrorKind::TimedOut) => "connection timed out".to_owned(),
        _ => innermost,
    };
    let host = url.host_str().unwrap_or("the host");
    let port = url
        .port_or_known_default()
        .map_or_else(String::new, |p| format!(":{p}"));
    format!(
        "cannot connect to {host}{port}: {reason}; check the address, that the server is running, and your connection"
    )
}

/// Whether a failed request is worth retrying: timeouts and network errors, except
/// a refused connection (nothing listens at that address; retrying only delays the error).
pub(crate) fn transient(e: &FetchError) -> bool {
    matches!(e.kind, Kind::Timeout | Kind::Network) && !e.message.contains(&format!(": {REFUSED};"))
}

/// Follows redirects only to the same host and port, at most 10 in a row.
pub(crate) fn same_site_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same = attempt.previous().first().is_some_and(|first| {
            first.host_str() == attempt.url().host_str() && first.port() == attempt.url().port()
        });
        if attempt.previous().len() > 10 {
            attempt.error("more than 10 redirects")
        } else if same {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}
