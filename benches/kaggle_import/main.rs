//! Benchmark: importing a Meta-Kaggle-shaped export, rulegap against SQLite FTS5.
//!
//! ```text
//! cargo bench --features bench-sqlite --bench kaggle_import                      # 2,000,000 messages
//! cargo bench --features bench-sqlite --bench kaggle_import -- --messages 500000 # smaller
//! cargo bench --features bench-sqlite --bench kaggle_import -- --dump DIR        # keep/reuse the dump
//! ```
//!
//! It generates the dump (`dump.rs`), runs `rulegap import kaggle` on it through
//! the real CLI code path and prints messages/s and the peak RSS (VmHWM), then
//! loads the same messages into SQLite FTS5 (`fts5.rs`) and prints both times
//! and their ratio, and the median and p99 latency of the same 20 queries on
//! both (`rulegap::query::search` for rulegap, top 10 with snippets on both).
//! Targets on a 2-core machine: ≥ 20,000 messages/s, peak RSS < 1.5 GiB,
//! search median and p99 below FTS5's. Only built with `--features bench-sqlite`.
//!
//! Measured 2026-11-29, 2,000,000 messages (1,816 MB ForumMessages.csv), 2 cores
//! shared with other builds (load average 5–9, so wall times are pessimistic):
//!
//! ```text
//! import time    rulegap 323.5 s (5,821 msg/s)   FTS5 128.2 s (14,691 msg/s)
//! CPU time       rulegap 235.7 s (7,989 msg/CPU-s)  FTS5 70.5 s (26,727 msg/CPU-s)
//! peak RSS       1,066 MiB
//! search median  rulegap 9.21 ms    FTS5 77.74 ms
//! search p99     rulegap 32.34 ms   FTS5 610.94 ms
//! ```

mod bodies;
mod dump;
mod fts5;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use rulegap::cli::{Cli, Outcome};
use rulegap::datadir::DataDir;
use rulegap::index::Store;
use rulegap::query::{QuerySpec, search};

/// The same 20 queries on both engines (words ANDed, "phrases").
const QUERIES: [&str; 20] = [
    "external data",
    "\"pretrained weights\"",
    "team merge",
    "leaderboard",
    "private leaderboard shake",
    "submission limit daily",
    "hand labeling",
    "license commercial",
    "\"test set\"",
    "deadline",
    "gpu runtime hours",
    "ensemble",
    "data leakage",
    "prize eligibility winner",
    "rules clarify",
    "imagenet",
    "\"public dataset\"",
    "internet access inference",
    "solution documentation",
    "validation split fold",
];
/// Timed passes over the 20 queries (after one warm-up pass).
const PASSES: usize = 5;

#[derive(Debug, Parser)]
struct Args {
    /// Messages to generate.
    #[arg(long, default_value_t = 2_000_000)]
    messages: u64,
    /// Where to write (or find) the dump; default a temporary folder.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tmp = tempfile::tempdir()?;
    let dump = args
        .dump
        .clone()
        .unwrap_or_else(|| tmp.path().join("meta-kaggle"));
    if dump.join("ForumMessages.csv").exists() {
        println!("reusing the dump in {}", dump.display());
    } else {
        let t = Instant::now();
        dump::write_dump(&dump, &dump::Shape::for_messages(args.messages))?;
        let bytes = std::fs::metadata(dump.join("ForumMessages.csv"))?.len();
        println!(
            "generated {} messages ({:.0} MB ForumMessages.csv) in {:.1} s",
            args.messages,
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
    }

    let data = tmp.path().join("rulegap-data");
    let cli = Cli::try_parse_from([
        "rulegap".as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "import".as_ref(),
        "kaggle".as_ref(),
        dump.as_os_str(),
    ])?;
    let (t, cpu) = (Instant::now(), cpu_seconds());
    let outcome = rulegap::cli::run(cli)?;
    let rulegap_time = t.elapsed();
    let rulegap_cpu = cpu_seconds() - cpu;
    let peak = peak_rss_bytes();
    anyhow::ensure!(outcome == Outcome::Success, "import ended with {outcome:?}");
    let store = Store::open(&DataDir::new(&data))?;
    let searcher = store.searcher()?;
    let posts = searcher.num_docs();

    let db = tmp.path().join("fts5.sqlite");
    let cpu = cpu_seconds();
    let (rows, fts_time) = fts5::load(&dump, &db)?;
    let fts_cpu = cpu_seconds() - cpu;
    let conn = rusqlite::Connection::open(&db)?;

    let ours = latencies(|q| {
        let spec = QuerySpec {
            text: q.to_owned(),
            limit: 10,
            ..QuerySpec::default()
        };
        Ok(search(&store, &searcher, &spec)?.len())
    })?;
    let theirs = latencies(|q| fts5::search(&conn, q))?;

    let rate = |n: u64, d: Duration| n as f64 / d.as_secs_f64();
    println!();
    println!("messages imported   rulegap {posts:>10}   FTS5 {rows:>10}");
    println!(
        "import time         rulegap {:>8.1} s   FTS5 {:>8.1} s   FTS5/rulegap {:.2}",
        rulegap_time.as_secs_f64(),
        fts_time.as_secs_f64(),
        fts_time.as_secs_f64() / rulegap_time.as_secs_f64()
    );
    println!(
        "messages/s          rulegap {:>10.0}   FTS5 {:>10.0}   (target ≥ 20000)",
        rate(posts, rulegap_time),
        rate(rows, fts_time)
    );
    println!(
        "CPU time            rulegap {rulegap_cpu:>8.1} s   FTS5 {fts_cpu:>8.1} s   (user + system, all threads)"
    );
    println!(
        "messages/CPU-s      rulegap {:>10.0}   FTS5 {:>10.0}   (× 2 = the rate on an idle 2-core machine at full use)",
        posts as f64 / rulegap_cpu,
        rows as f64 / fts_cpu
    );
    println!(
        "peak RSS (import)   {:.0} MiB   (target < 1536 MiB)",
        peak as f64 / (1024.0 * 1024.0)
    );
    println!(
        "search median       rulegap {:>8.2} ms   FTS5 {:>8.2} ms",
        ms(ours.0),
        ms(theirs.0)
    );
    println!(
        "search p99          rulegap {:>8.2} ms   FTS5 {:>8.2} ms",
        ms(ours.1),
        ms(theirs.1)
    );
    Ok(())
}

/// Median and p99 latency of `run` over the queries (one warm-up pass, then `PASSES`).
fn latencies(
    mut run: impl FnMut(&str) -> anyhow::Result<usize>,
) -> anyhow::Result<(Duration, Duration)> {
    for q in QUERIES {
        run(q)?;
    }
    let mut times = Vec::with_capacity(QUERIES.len() * PASSES);
    for _ in 0..PASSES {
        for q in QUERIES {
            let t = Instant::now();
            run(q)?;
            times.push(t.elapsed());
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    Ok((at(0.5), at(0.99)))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// User plus system CPU time of the whole process so far (/proc/self/stat, 100 ticks/s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// The process's peak resident set size (VmHWM in /proc/self/status), in bytes.
fn peak_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
