//! Crawl benchmark: a synthetic Discourse forum (default 2,000 topics of 25
//! posts: 50,000 posts) served by `rulegap::demo` on 127.0.0.1, crawled
//! in-process through `rulegap::cli::run` with `--delay 0 --max-in-flight 8`,
//! then crawled again unchanged.
//!
//! Run: `cargo bench --bench crawl` (or `cargo bench --bench crawl -- --topics 200`).
//!
//! Prints pages/s and posts/s of the first crawl (wall clock, server included,
//! and per CPU-second of the crawler's own threads, the demo server's thread
//! excluded), peak memory (VmHWM), and the time and request count of the
//! second, unchanged crawl.

use std::time::{Duration, Instant};

use clap::Parser;
use jiff::{Timestamp, ToSpan};
use rulegap::datadir::DataDir;
use rulegap::demo::{
    CompetitionFixture, CompetitionSpec, FixturePost, Forum, ServerOptions, Site, Topic, User,
    serve_blocking,
};
use rulegap::index::Store;

#[derive(Parser)]
struct Args {
    /// Topics in the forum.
    #[arg(long, default_value_t = 2_000)]
    topics: u64,
    /// Posts per topic (25: one topic page of 20 and one posts.json chunk).
    #[arg(long, default_value_t = 25)]
    posts_per_topic: u64,
    /// Requests in flight.
    #[arg(long, default_value_t = 8)]
    in_flight: usize,
    /// cargo passes --bench; ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

const WORDS: &[&str] = &[
    "model",
    "training",
    "validation",
    "leaderboard",
    "submission",
    "dataset",
    "external",
    "data",
    "pretrained",
    "weights",
    "licence",
    "consent",
    "team",
    "merger",
    "deadline",
    "score",
    "private",
    "split",
    "augmentation",
    "ensemble",
    "gpu",
    "runtime",
    "internet",
    "images",
    "labels",
    "hand",
    "probing",
    "rules",
    "clarify",
    "allowed",
    "share",
    "code",
    "documentation",
    "prize",
    "winner",
    "eligibility",
    "host",
    "metric",
    "baseline",
    "feature",
    "timeline",
    "selection",
    "pseudo",
    "commercial",
    "academic",
    "open",
    "source",
    "release",
    "written",
    "permission",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::from("We");
        for _ in 0..words {
            s.push(' ');
            s.push_str(WORDS[self.below(WORDS.len())]);
        }
        s.push('.');
        s
    }
}

/// A forum of `topics` topics of `per_topic` posts each: paragraphs, lists,
/// quotes of earlier posts, replies; a moderator, an admin and a host group.
fn fixture(topics: u64, per_topic: u64) -> CompetitionFixture {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut users: Vec<User> = (0..60)
        .map(|i| User {
            username: format!("user{i}"),
            name: None,
            admin: false,
            moderator: false,
            title: None,
            primary_group: None,
        })
        .collect();
    users[0].admin = true;
    users[1].moderator = true;
    users[2].primary_group = Some("organizers".into());
    let start: Timestamp = "2025-01-01T00:00:00Z".parse().expect("time");
    let topics = (0..topics)
        .map(|t| {
            let id = 10_000 + t;
            let posts = (0..per_topic)
                .map(|n| {
                    let author = users[rng.below(users.len())].username.clone();
                    let words = 12 + rng.below(40);
                    let mut raw = rng.sentence(words);
                    if n > 0 && rng.below(4) == 0 {
                        let quoted = users[rng.below(users.len())].username.clone();
                        let text = rng.sentence(10);
                        raw = format!(
                            "[quote=\"{quoted}, post:1, topic:{id}\"]\n{text}\n[/quote]\n\n{raw}"
                        );
                    }
                    if rng.below(3) == 0 {
                        let (a, b, c) = (rng.sentence(6), rng.sentence(6), rng.sentence(20));
                        raw.push_str(&format!("\n\n- {a}\n- {b}\n\n{c}"));
                    }
                    FixturePost {
                        id: id * 100 + n,
                        username: author,
                        created_at: start
                            .checked_add(i64::try_from(id * 100 + n).unwrap_or(0).minutes())
                            .expect("time"),
                        raw,
                        reply_to_post_number: (n > 1 && rng.below(3) == 0).then(|| {
                            u32::try_from(1 + rng.below(usize::try_from(n).unwrap_or(1)))
                                .unwrap_or(1)
                        }),
                        edited: rng.below(10) == 0,
                    }
                })
                .collect::<Vec<_>>();
            Topic {
                id,
                title: format!("Question {t}: {}", rng.sentence(5)),
                created_at: posts[0].created_at,
                posts,
            }
        })
        .collect();
    CompetitionFixture {
        spec: CompetitionSpec {
            slug: "bench-comp".into(),
            title: "Bench Competition".into(),
            category_id: 77,
            official_groups: vec!["organizers".into()],
            official_users: Vec::new(),
            documents: Vec::new(),
        },
        forum: Forum { users, topics },
        documents: Vec::new(),
    }
}

/// A `/proc/self/status` field in KiB.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) of this process's threads: (all, the demo server's).
fn cpu_times() -> (Duration, Duration) {
    let tick = 100.0; // USER_HZ on Linux
    let mut all = 0.0;
    let mut server = 0.0;
    for task in std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
    {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // Fields after the `(comm)`: state is 3rd; utime and stime are 14th and 15th.
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<&str> = rest.split_whitespace().collect();
        let t = f.get(11).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
            + f.get(12).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        all += t / tick;
        if comm.trim().starts_with("rulegap-demo") {
            server += t / tick;
        }
    }
    (
        Duration::from_secs_f64(all),
        Duration::from_secs_f64(server),
    )
}

fn crawl(data: &std::path::Path, url: &str, in_flight: usize) -> rulegap::cli::Outcome {
    let args = [
        "rulegap",
        "--data",
        &data.display().to_string(),
        "crawl",
        url,
        "--delay",
        "0",
        "--max-in-flight",
        &in_flight.to_string(),
        "--quiet",
    ]
    .map(str::to_owned);
    let cli = rulegap::cli::Cli::parse_from(args);
    rulegap::cli::run(cli).expect("crawl runs")
}

fn main() {
    let args = Args::parse();
    let t = Instant::now();
    let site = Site::new(vec![fixture(args.topics, args.posts_per_topic)]).expect("site");
    let server = serve_blocking(site, ServerOptions::default()).expect("server");
    eprintln!(
        "forum: {} topics, {} posts (built in {:.1}s) at {}",
        args.topics,
        args.topics * args.posts_per_topic,
        t.elapsed().as_secs_f64(),
        server.base_url()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let url = format!("{}/c/bench-comp/77", server.base_url());
    let log = server.requests();

    let (cpu0, srv0) = cpu_times();
    let t0 = Instant::now();
    let outcome = crawl(&data, &url, args.in_flight);
    let secs = t0.elapsed().as_secs_f64();
    let (cpu1, srv1) = cpu_times();
    let pages = log.total();
    let store = Store::open(&DataDir::new(data.clone())).expect("store");
    let posts = store
        .count(
            &store.searcher().expect("searcher"),
            &*store.kind_query("post", None),
        )
        .expect("count");
    drop(store);
    let own = (cpu1 - cpu0).saturating_sub(srv1 - srv0).as_secs_f64();
    println!("first crawl: {outcome:?}, {pages} pages, {posts} posts in {secs:.2}s");
    println!(
        "  wall: {:.0} pages/s, {:.0} posts/s (server on the same 2 cores)",
        pages as f64 / secs,
        posts as f64 / secs
    );
    println!(
        "  crawler CPU {own:.2}s (server {:.2}s): {:.0} pages per crawler CPU-second, {:.0} posts per crawler CPU-second",
        (srv1 - srv0).as_secs_f64(),
        pages as f64 / own,
        posts as f64 / own
    );
    let t1 = Instant::now();
    let outcome = crawl(&data, &url, args.in_flight);
    println!(
        "second, unchanged crawl: {outcome:?}, {} requests in {:.2}s",
        log.total() - pages,
        t1.elapsed().as_secs_f64()
    );
    println!("peak memory (VmHWM): {} MiB", status_kib("VmHWM:") / 1024);
}
