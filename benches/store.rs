//! Store benchmark: import N synthetic posts through the real `import jsonl`
//! path, then time a fixed mix of searches.
//!
//! Run: `cargo bench --bench store` (default 200,000 posts) or
//! `cargo bench --bench store -- --posts 50000`. Prints import posts/s, index
//! size, and p50/p99 latency over the query mix.

use std::io::Write;
use std::time::Instant;

use clap::Parser;
use rulegap::datadir::DataDir;
use rulegap::index::Store;
use rulegap::model::Role;
use rulegap::query::{self, QuerySpec, Scope};

const WORDS: &[&str] = &[
    "model", "training", "validation", "leaderboard", "submission", "notebook", "dataset", "external",
    "data", "pretrained", "weights", "checkpoint", "licence", "license", "consent", "team", "merger",
    "deadline", "score", "public", "private", "split", "fold", "augmentation", "ensemble", "gpu",
    "runtime", "internet", "kernel", "images", "videos", "faces", "labels", "annotation", "hand",
    "probing", "leak", "rules", "clarify", "allowed", "forbidden", "share", "code", "github",
    "documentation", "reproducible", "prize", "winner", "eligibility", "account", "host", "organizers",
    "metric", "loss", "baseline", "feature", "engineering", "timeline", "final", "selection", "test",
    "pseudo", "labelling", "commercial", "academic", "open", "source", "mit", "apache", "youtube",
    "flickr", "creative", "commons", "people", "depicted", "release", "written", "permission",
];
const OPENERS: &[&str] = &[
    "Is it allowed to use", "Can we share", "Please clarify whether", "We found that", "Thanks for",
    "You must post", "It is fine to use", "Participants may not use", "Our team used", "Does the rule on",
];

#[derive(Parser)]
struct Args {
    /// Number of synthetic posts.
    #[arg(long, default_value_t = 200_000)]
    posts: usize,
    /// Repetitions of the query mix.
    #[arg(long, default_value_t = 20)]
    reps: usize,
    /// cargo passes --bench; ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn write_posts(path: &std::path::Path, n: usize) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let roles = ["participant", "participant", "participant", "participant", "participant", "participant", "staff", "moderator", "host", "admin"];
    for i in 0..n {
        let comp = format!("comp-{}", rng.below(40));
        let thread = rng.below(5_000);
        // Short posts dominate, with a long tail.
        let words = match rng.below(10) {
            0 => 120 + rng.below(200),
            1..=3 => 40 + rng.below(60),
            _ => 8 + rng.below(30),
        };
        let mut text = String::from(OPENERS[rng.below(OPENERS.len())]);
        for w in 0..words {
            text.push(' ');
            text.push_str(WORDS[rng.below(WORDS.len())]);
            if w % 14 == 13 {
                text.push('.');
            }
        }
        text.push('?');
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let line = serde_json::json!({
            "source": "bench", "site": format!("forum{}.example", rng.below(3)), "competition": comp,
            "thread_id": thread.to_string(), "thread_title": format!("{} {}", WORDS[thread % WORDS.len()], WORDS[(thread / 7) % WORDS.len()]),
            "post_id": i.to_string(), "post_number": 1 + rng.below(60), "author": format!("user{}", rng.below(20_000)),
            "role": roles[rng.below(roles.len())], "created_at": format!("2020-{month:02}-{day:02}T12:00:00Z"),
            "text": text, "url": format!("https://forum.example/t/{thread}/{i}"),
        });
        writeln!(out, "{line}")?;
    }
    out.flush()
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|rd| rd.flatten().map(|e| e.metadata().map(|m| m.len()).unwrap_or(0)).sum())
        .unwrap_or(0)
}

fn query_mix() -> Vec<QuerySpec> {
    let q = |text: &str| QuerySpec { text: text.into(), limit: 10, ..QuerySpec::default() };
    let date = |s: &str| s.parse().expect("date");
    vec![
        q("external data"),
        q("consent"),
        q("pretrained weights"),
        q("\"external data\""),
        q("\"written permission\""),
        q("licence OR license"),
        q("team AND merger"),
        q("leak -probing"),
        q("(youtube OR flickr) AND faces"),
        q("title:leaderboard"),
        q("documentation reproducible"),
        q("gpu runtime internet"),
        q("hand annotation"),
        q("prize winner eligibility"),
        q("share code github"),
        QuerySpec { official: true, ..q("external data") },
        QuerySpec { roles: vec![Role::Host], ..q("consent") },
        QuerySpec { competition: Some("comp-7".into()), ..q("submission") },
        QuerySpec { since: Some(date("2020-06-01")), until: Some(date("2020-06-30")), ..q("deadline") },
        QuerySpec { author: Some("user42".into()), ..q("") },
        QuerySpec { official: true, competition: Some("comp-3".into()), since: Some(date("2020-03-01")), ..q("\"people depicted\" OR consent") },
        QuerySpec { scope: Scope::Posts, include_quotes: true, ..q("pseudo labelling test") },
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tmp = tempfile::tempdir()?;
    let jsonl = tmp.path().join("posts.jsonl");
    write_posts(&jsonl, args.posts)?;
    let data = tmp.path().join("data");

    let t = Instant::now();
    let cli = rulegap::cli::Cli::parse_from(["rulegap", "--data", data.to_str().expect("utf-8 path"), "import", "jsonl", jsonl.to_str().expect("utf-8 path")]);
    rulegap::cli::run(cli)?;
    let import_secs = t.elapsed().as_secs_f64();

    let dd = DataDir::new(&data);
    let store = Store::open(&dd)?;
    let searcher = store.searcher()?;
    let mix = query_mix();
    for spec in &mix {
        query::search(&store, &searcher, spec)?; // warm up
    }
    let mut lat = Vec::with_capacity(mix.len() * args.reps);
    for _ in 0..args.reps {
        for spec in &mix {
            let t = Instant::now();
            let hits = query::search(&store, &searcher, spec)?;
            lat.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(hits);
        }
    }
    lat.sort_by(f64::total_cmp);
    println!("posts:            {}", args.posts);
    println!("import:           {:.1} s, {:.0} posts/s", import_secs, args.posts as f64 / import_secs);
    println!("index size:       {:.1} MiB", dir_size(&dd.tantivy()) as f64 / (1024.0 * 1024.0));
    println!("queries:          {} ({} kinds x {} reps)", lat.len(), mix.len(), args.reps);
    println!("latency p50:      {:.2} ms", percentile(&lat, 0.50));
    println!("latency p99:      {:.2} ms", percentile(&lat, 0.99));
    Ok(())
}
