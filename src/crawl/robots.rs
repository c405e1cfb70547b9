//! robots.txt as RFC 9309 says to treat it: a 2xx body is parsed
//! (`texting_robots`), a 4xx means no restrictions, a 5xx or an unreachable
//! server means everything is disallowed. The file itself is fetched by
//! `Fetcher` through the same per-host pipeline as any page.

use texting_robots::Robot;

/// The product token matched against robots.txt `User-agent` lines.
pub(crate) const ROBOTS_AGENT: &str = "rulegap";

/// What robots.txt allows on one host.
pub(crate) enum Robots {
    /// No robots.txt (4xx): everything allowed.
    AllowAll,
    /// robots.txt answered 5xx: nothing allowed; the reason says why.
    DisallowAll(String),
    /// robots.txt could not be fetched at all (no connection, timeout): nothing allowed.
    Unreachable(String),
    /// A parsed file.
    Rules(Box<Robot>),
}

impl Robots {
    /// Interprets a robots.txt response (`None` when it could not be fetched at all).
    pub(crate) fn from_response(status: Option<u16>, body: &[u8], why: &str) -> Robots {
        match status {
            Some(200..=299) => match Robot::new(ROBOTS_AGENT, body) {
                Ok(r) => Robots::Rules(Box::new(r)),
                // An unparseable file restricts nothing we can read.
                Err(_) => Robots::AllowAll,
            },
            Some(400..=499) => Robots::AllowAll,
            Some(s) => Robots::DisallowAll(format!("robots.txt answered {s}")),
            None => Robots::Unreachable(format!(
                "{why} (robots.txt could not be read, so nothing is fetched from this host, RFC 9309)"
            )),
        }
    }

    /// Whether `url` may be fetched; `Err` carries the reason for the report.
    pub(crate) fn check(&self, url: &str) -> Result<(), String> {
        match self {
            Robots::AllowAll => Ok(()),
            Robots::DisallowAll(why) => Err(format!(
                "{why}, which means nothing may be crawled (RFC 9309); try again later"
            )),
            Robots::Unreachable(why) => Err(why.clone()),
            Robots::Rules(r) if r.allowed(url) => Ok(()),
            Robots::Rules(_) => Err("disallowed by the site's robots.txt; not fetched".into()),
        }
    }

    /// Whether the host could not be reached at all (the failure is the network's).
    pub(crate) fn unreachable(&self) -> bool {
        matches!(self, Robots::Unreachable(_))
    }

    /// The Crawl-delay, if the file sets one for us.
    pub(crate) fn delay(&self) -> Option<std::time::Duration> {
        match self {
            Robots::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| std::time::Duration::from_secs_f32(d.min(600.0))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc9309_statuses() {
        let ok = Robots::from_response(
            Some(200),
            b"User-agent: *\nDisallow: /u/\nCrawl-delay: 2\n",
            "",
        );
        assert!(ok.check("https://f.org/t/1.json").is_ok());
        assert!(ok.check("https://f.org/u/bob").is_err());
        assert_eq!(ok.delay(), Some(std::time::Duration::from_secs(2)));
        assert!(
            Robots::from_response(Some(404), b"", "")
                .check("https://f.org/u/x")
                .is_ok()
        );
        assert!(
            Robots::from_response(Some(500), b"", "")
                .check("https://f.org/")
                .is_err()
        );
        let down =
            Robots::from_response(None, b"", "cannot connect to f.org:443: connection refused");
        assert!(down.unreachable());
        let why = down.check("https://f.org/").unwrap_err();
        assert!(why.starts_with("cannot connect to f.org:443"), "{why}");
    }
}
