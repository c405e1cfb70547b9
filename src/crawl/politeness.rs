//! Per-host politeness, in lychee's order after dedupe and cache: a permit
//! (at most `MAX_IN_FLIGHT` requests in flight), the host-wide pause a
//! `Retry-After` asked for, then the token bucket (a minimum interval between
//! request starts, raised to robots.txt's Crawl-delay). Also the per-host
//! statistics printed at the end of a crawl, and `Retry-After` parsing.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};

use super::robots::Robots;

/// Requests in flight to one host at most, by default (`--max-in-flight`).
pub const MAX_IN_FLIGHT: usize = 2;

/// Counters for one host, printed at the end of a crawl.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct HostStats {
    /// Requests sent (retries included).
    pub requests: u64,
    /// Responses by class: 2xx, 3xx (304 included), 4xx, 5xx; in JSON an
    /// object `{"2xx": n, "3xx": n, "4xx": n, "5xx": n}`.
    #[serde(serialize_with = "by_class_json")]
    pub by_class: [u64; 4],
    /// Retries after errors, 5xx or rate limits.
    pub retries: u64,
    /// Time spent waiting for `Retry-After` pauses and backoffs; in JSON,
    /// `waited_s` in seconds.
    #[serde(rename = "waited_s", serialize_with = "seconds_json")]
    pub waited: Duration,
    /// Payload bytes received.
    pub bytes: u64,
    /// Requests that failed for good.
    pub failures: u64,
    /// Pages robots.txt kept us from.
    pub robots_blocked: u64,
}

fn by_class_json<S: serde::Serializer>(v: &[u64; 4], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(4))?;
    for (k, n) in ["2xx", "3xx", "4xx", "5xx"].iter().zip(v) {
        m.serialize_entry(k, n)?;
    }
    m.end()
}

fn seconds_json<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

/// One host's politeness state.
pub(crate) struct Host {
    pub(crate) name: String,
    permits: Semaphore,
    slot: tokio::sync::Mutex<Option<Instant>>,
    interval: Mutex<Duration>,
    paused_until: Mutex<Option<Instant>>,
    pub(crate) robots: OnceCell<Robots>,
    pub(crate) stats: Mutex<HostStats>,
}

impl Host {
    pub(crate) fn new(name: String, interval: Duration, in_flight: usize) -> Host {
        Host {
            name,
            permits: Semaphore::new(in_flight.max(1)),
            slot: tokio::sync::Mutex::new(None),
            interval: Mutex::new(interval),
            paused_until: Mutex::new(None),
            robots: OnceCell::new(),
            stats: Mutex::new(HostStats::default()),
        }
    }

    /// Waits for a permit, any host-wide pause, and this request's slot.
    pub(crate) async fn turn(&self) -> Option<SemaphorePermit<'_>> {
        let permit = self.permits.acquire().await.ok()?;
        loop {
            self.wait_pause().await;
            let start = {
                // The interval is read now, so a Crawl-delay learnt meanwhile applies at once.
                let mut last = self.slot.lock().await;
                let now = Instant::now();
                let start = last.map_or(now, |l| (l + self.interval()).max(now));
                *last = Some(start);
                start
            };
            tokio::time::sleep_until(start.into()).await;
            if self.pause_left().is_none() {
                return Some(permit);
            }
        }
    }

    async fn wait_pause(&self) {
        while let Some(left) = self.pause_left() {
            tokio::time::sleep(left).await;
        }
    }

    fn pause_left(&self) -> Option<Duration> {
        let until = (*self.paused_until.lock().ok()?)?;
        until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    }

    /// Pauses every request to this host for `d` (a 429/503 `Retry-After`, a rate-limit reset).
    pub(crate) fn pause(&self, d: Duration) {
        if let Ok(mut p) = self.paused_until.lock() {
            let until = Instant::now() + d;
            if p.is_none_or(|old| old < until) {
                *p = Some(until);
            }
        }
        self.stat(|s| s.waited += d);
    }

    /// Raises the minimum interval (robots.txt Crawl-delay is a floor).
    pub(crate) fn raise_interval(&self, floor: Duration) {
        if let Ok(mut i) = self.interval.lock()
            && *i < floor
        {
            *i = floor;
        }
    }

    fn interval(&self) -> Duration {
        self.interval.lock().map_or(Duration::ZERO, |i| *i)
    }

    /// Updates the counters.
    pub(crate) fn stat(&self, f: impl FnOnce(&mut HostStats)) {
        if let Ok(mut s) = self.stats.lock() {
            f(&mut s);
        }
    }
}

/// The wait a `Retry-After` value asks for: delay-seconds or an HTTP-date.
#[must_use]
pub fn parse_retry_after(value: &str, now: Timestamp) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(v).ok()?.timestamp();
    let d = now.duration_until(when);
    Some(Duration::try_from(d).unwrap_or(Duration::ZERO))
}

/// Exponential backoff: `base * 2^attempt`, at most `cap`.
#[must_use]
pub fn backoff(base: Duration, attempt: u32, cap: Duration) -> Duration {
    base.saturating_mul(2u32.saturating_pow(attempt.min(16)))
        .min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now: Timestamp = "2015-10-21T07:28:00Z".parse().expect("ts");
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_is_capped() {
        let b = Duration::from_millis(100);
        assert_eq!(backoff(b, 0, Duration::from_secs(1)), b);
        assert_eq!(
            backoff(b, 2, Duration::from_secs(1)),
            Duration::from_millis(400)
        );
        assert_eq!(
            backoff(b, 30, Duration::from_secs(1)),
            Duration::from_secs(1)
        );
    }

    #[tokio::test]
    async fn turns_are_spaced() {
        let h = Host::new("h".into(), Duration::from_millis(40), MAX_IN_FLIGHT);
        let t0 = Instant::now();
        for _ in 0..3 {
            drop(h.turn().await);
        }
        assert!(t0.elapsed() >= Duration::from_millis(80));
    }
}
