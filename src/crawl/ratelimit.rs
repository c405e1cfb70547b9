//! API rate limits as GitHub announces them (SOURCES.md §4): every answer
//! carries `x-ratelimit-remaining` and `x-ratelimit-reset` (UTC epoch
//! seconds); a used-up primary limit answers 403 or 429 with remaining `0`,
//! a secondary limit answers 403/429 with `retry-after`, or a 403 whose
//! message says "secondary rate limit" (then wait at least a minute). The
//! fetcher asks here what an answer means and pauses the host accordingly.

use std::time::Duration;

use jiff::Timestamp;

use super::page::RawPage;
use super::politeness::parse_retry_after;

/// The shortest wait after a secondary limit that names no `retry-after`.
pub(crate) const SECONDARY_WAIT: Duration = Duration::from_secs(60);

/// What a refused request asks the fetcher to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Limit {
    /// Pause the host this long, then retry.
    Wait(Duration),
    /// The limit resets later than the cap: the page fails.
    TooLong {
        /// When the limit resets.
        until: Timestamp,
        /// How far away that is.
        wait: Duration,
    },
}

/// What a 403/429 answer asks for, when it is a rate-limit answer at all.
pub(crate) fn on_refusal(page: &RawPage, cap: Duration) -> Option<Limit> {
    if !matches!(page.status, 403 | 429) {
        return None;
    }
    if used_up(page) {
        let (until, wait) = reset_wait(page)?;
        return Some(if wait > cap {
            Limit::TooLong { until, wait }
        } else {
            Limit::Wait(wait)
        });
    }
    // 429 with retry-after (or without anything) is the fetcher's usual 429 path.
    if page.status == 429 {
        return None;
    }
    if let Some(wait) = page
        .header("retry-after")
        .and_then(|v| parse_retry_after(v, now(page)))
    {
        return Some(Limit::Wait(wait.min(cap)));
    }
    let text = String::from_utf8_lossy(&page.body).to_ascii_lowercase();
    text.contains("secondary rate limit")
        .then_some(Limit::Wait(SECONDARY_WAIT))
}

/// Whether a 2xx answer used the last request of the window: pause until the reset.
pub(crate) fn exhausted(page: &RawPage) -> Option<Duration> {
    if !(200..300).contains(&page.status) || !used_up(page) {
        return None;
    }
    reset_wait(page).map(|(_, wait)| wait)
}

/// Whether the answer says no requests remain in this window.
pub(crate) fn used_up(page: &RawPage) -> bool {
    page.header("x-ratelimit-remaining")
        .is_some_and(|v| v.trim() == "0")
}

/// The reset time and the wait until it, measured on the server's clock
/// (`Date`) when it sent one, so a skewed local clock does not matter.
fn reset_wait(page: &RawPage) -> Option<(Timestamp, Duration)> {
    let reset: i64 = page.header("x-ratelimit-reset")?.trim().parse().ok()?;
    let until = Timestamp::from_second(reset).ok()?;
    let wait = Duration::try_from(now(page).duration_until(until)).unwrap_or(Duration::ZERO);
    Some((until, wait.max(Duration::from_secs(1))))
}

fn now(page: &RawPage) -> Timestamp {
    page.header("date")
        .and_then(|d| jiff::fmt::rfc2822::parse(d.trim()).ok())
        .map_or_else(Timestamp::now, |z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(status: u16, headers: &[(&str, &str)], body: &str) -> RawPage {
        RawPage {
            url: "https://api.github.com/x".into(),
            status,
            fetched_at: Timestamp::now(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    const DATE: &str = "Wed, 21 Oct 2015 07:28:00 GMT";
    // 2015-10-21T07:28:00Z is 1445412480.

    #[test]
    fn primary_limit_waits_until_the_reset_on_the_server_clock() {
        let p = page(
            403,
            &[
                ("date", DATE),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1445412482"),
            ],
            "{\"message\":\"API rate limit exceeded\"}",
        );
        let cap = Duration::from_secs(900);
        assert_eq!(
            on_refusal(&p, cap),
            Some(Limit::Wait(Duration::from_secs(2)))
        );
        let far = page(
            429,
            &[
                ("date", DATE),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1445416080"),
            ],
            "",
        );
        assert!(
            matches!(on_refusal(&far, cap), Some(Limit::TooLong { wait, .. }) if wait == Duration::from_secs(3600))
        );
    }

    #[test]
    fn secondary_limits_and_plain_refusals() {
        let cap = Duration::from_secs(900);
        let ra = page(403, &[("retry-after", "5")], "");
        assert_eq!(
            on_refusal(&ra, cap),
            Some(Limit::Wait(Duration::from_secs(5)))
        );
        let msg = page(
            403,
            &[],
            "{\"message\":\"You have exceeded a secondary rate limit.\"}",
        );
        assert_eq!(on_refusal(&msg, cap), Some(Limit::Wait(SECONDARY_WAIT)));
        assert_eq!(
            on_refusal(&page(403, &[], "{\"message\":\"Forbidden\"}"), cap),
            None
        );
        assert_eq!(
            on_refusal(&page(429, &[("retry-after", "1")], ""), cap),
            None
        );
    }

    #[test]
    fn a_last_request_pauses_proactively() {
        let p = page(
            200,
            &[
                ("date", DATE),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1445412490"),
            ],
            "[]",
        );
        assert_eq!(exhausted(&p), Some(Duration::from_secs(10)));
        assert_eq!(
            exhausted(&page(200, &[("x-ratelimit-remaining", "7")], "[]")),
            None
        );
    }
}
