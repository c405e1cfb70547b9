//! Store benchmark: import N synthetic posts through the real `import jsonl`
//! path, then time a fixed mix of searches.
//!
//! Run: `cargo bench --bench store` (default 200,000 posts) or
//! `cargo bench --bench store -- --posts 50000` (`--short`: only 8–38-word posts). Prints import posts/s, index
//! size, and p50/p99 latency over the query mix.

use std::time::Instant;

use clap::Parser;
use rulegap::datadir::DataDir;
use rulegap::index::Store;
use rulegap::model::Role;
use rulegap::query::{self, QuerySpec, Scope};

#[path = "common.rs"]
mod common;
use common::write_posts;

#[derive(Parser)]
struct Args {
    /// Number of synthetic posts.
    #[arg(long, default_value_t = 200_000)]
    posts: usize,
    /// Only short posts (8–38 words), as in the import target.
    #[arg(long)]
    short: bool,
    /// Repetitions of the query mix.
    #[arg(long, default_value_t = 20)]
    reps: usize,
    /// cargo passes --bench; ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
                .sum()
        })
        .unwrap_or(0)
}

fn query_mix() -> Vec<QuerySpec> {
    let q = |text: &str| QuerySpec {
        text: text.into(),
        limit: 10,
        ..QuerySpec::default()
    };
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
        QuerySpec {
            official: true,
            ..q("external data")
        },
        QuerySpec {
            roles: vec![Role::Host],
            ..q("consent")
        },
        QuerySpec {
            competition: Some("comp-7".into()),
            ..q("submission")
        },
        QuerySpec {
            since: Some(date("2020-06-01")),
            until: Some(date("2020-06-30")),
            ..q("deadline")
        },
        QuerySpec {
            author: Some("user42".into()),
            ..q("")
        },
        QuerySpec {
            official: true,
            competition: Some("comp-3".into()),
            since: Some(date("2020-03-01")),
            ..q("\"people depicted\" OR consent")
        },
        QuerySpec {
            scope: Scope::Posts,
            include_quotes: true,
            ..q("pseudo labelling test")
        },
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
    write_posts(&jsonl, args.posts, 40, args.short)?;
    let data = tmp.path().join("data");

    let t = Instant::now();
    let cli = rulegap::cli::Cli::parse_from([
        "rulegap",
        "--data",
        data.to_str().expect("utf-8 path"),
        "import",
        "jsonl",
        jsonl.to_str().expect("utf-8 path"),
    ]);
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
    println!(
        "posts:            {}{}",
        args.posts,
        if args.short {
            " (short)"
        } else {
            " (mixed lengths)"
        }
    );
    println!(
        "import:           {:.1} s, {:.0} posts/s",
        import_secs,
        args.posts as f64 / import_secs
    );
    println!(
        "index size:       {:.1} MiB",
        dir_size(&dd.tantivy()) as f64 / (1024.0 * 1024.0)
    );
    println!(
        "queries:          {} ({} kinds x {} reps)",
        lat.len(),
        mix.len(),
        args.reps
    );
    println!("latency p50:      {:.2} ms", percentile(&lat, 0.50));
    println!("latency p99:      {:.2} ms", percentile(&lat, 0.99));
    Ok(())
}
