//! `rulegap crawl` against an in-process mock Discourse forum on 127.0.0.1:
//! pagination, long topics, roles and quotes, politeness (robots.txt,
//! Retry-After, retries, timeouts, redirects, size limit, spacing), resume,
//! incremental recrawl, the WARC archive and `reindex` from it; official-account
//! settings remembered and checked; the Hacker News and GitHub APIs against
//! mocks of their own.

mod basic;
mod forum;
mod github;
mod hackernews;
mod mock;
mod officials;
mod politeness;
mod recrawl;
mod resume;

use crate::util::Env;

/// Runs `rulegap crawl URL… --delay 0 --quiet --json ARGS…`; returns (code, summary JSON, stderr).
fn crawl(env: &Env, args: &[&str]) -> (i32, serde_json::Value, String) {
    let mut all = vec!["crawl", "--quiet", "--json"];
    if !args.contains(&"--delay") {
        all.extend(["--delay", "0"]);
    }
    all.extend(args);
    let (code, out, err) = env.run(&all);
    let summary = out
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or(serde_json::Value::Null);
    (code, summary, err)
}

/// Every exported post of the store, optionally of one competition.
fn posts(env: &Env, competition: Option<&str>) -> Vec<serde_json::Value> {
    let mut args = vec!["export", "jsonl"];
    if let Some(c) = competition {
        args.extend(["--competition", c]);
    }
    env.run(&args)
        .1
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}
