//! Feedback while crawling: an indicatif progress line on a terminal (pages,
//! posts, errors, waits), plain log lines otherwise, nothing but errors with
//! `--quiet`. Errors always go to standard error, one line each.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::Event;
use super::page::FetchError;

/// How much to say while crawling.
#[derive(Clone)]
pub struct Feedback {
    bar: Option<ProgressBar>,
    log: bool,
    waits: Arc<AtomicU64>,
    last_log: Arc<std::sync::Mutex<Instant>>,
}

/// Seconds between two plain progress lines.
const LOG_EVERY: Duration = Duration::from_secs(5);

impl Feedback {
    /// A progress bar when `terminal`, log lines otherwise; silence when `quiet`.
    #[must_use]
    pub fn new(quiet: bool, terminal: bool) -> Feedback {
        let bar = (!quiet && terminal).then(|| {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(Duration::from_millis(200));
            b
        });
        Feedback {
            bar,
            log: !quiet && !terminal,
            waits: Arc::new(AtomicU64::new(0)),
            last_log: Arc::new(std::sync::Mutex::new(Instant::now())),
        }
    }

    /// Prints a line above the bar (or as is).
    pub fn line(&self, msg: &str) {
        match &self.bar {
            Some(b) => b.println(msg),
            None => eprintln!("{msg}"),
        }
    }

    /// A page that failed for good.
    pub fn error(&self, e: &FetchError) {
        self.line(&format!("rulegap: {e}; page skipped"));
    }

    /// Waits, retries and notices from the fetcher.
    pub fn event(&self, e: &Event) {
        match e {
            Event::Wait { host, wait, status } => {
                self.waits.fetch_add(1, Ordering::Relaxed);
                if self.bar.is_some() || self.log {
                    self.line(&format!(
                        "{host} answered {status}: pausing every request to it for {:.1}s",
                        wait.as_secs_f64()
                    ));
                }
            }
            Event::Retry { url, attempt } if self.log => {
                self.line(&format!("retrying {url} (attempt {})", attempt + 1));
            }
            Event::Retry { .. } => {}
            Event::Message(m) => self.line(m),
        }
    }

    /// Updates the progress display with the running counts.
    pub fn progress(&self, pages: u64, posts: u64, errors: u64, to_go: usize) {
        let waits = self.waits.load(Ordering::Relaxed);
        let msg =
            format!("{pages} pages, {posts} posts, {errors} errors, {waits} waits, {to_go} to go");
        if let Some(b) = &self.bar {
            b.set_message(msg);
        } else if self.log
            && let Ok(mut last) = self.last_log.lock()
            && last.elapsed() >= LOG_EVERY
        {
            *last = Instant::now();
            eprintln!("crawl: {msg}");
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
