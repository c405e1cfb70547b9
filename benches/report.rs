//! Report benchmark (issue 6): a store of 100,000 posts and a competition of
//! 300 clauses, then the time of `rulegap report` on it.
//!
//! Run: `cargo bench --bench report` (or `-- --posts 20000 --clauses 100`).
//! Prints the set-up figures and the report time (median of a few runs).

use std::fmt::Write as _;
use std::time::Instant;

use clap::Parser;

#[path = "common.rs"]
mod common;
use common::{Rng, WORDS, write_posts};

#[derive(Parser)]
struct Args {
    /// Posts in the competition's forum.
    #[arg(long, default_value_t = 100_000)]
    posts: usize,
    /// Clauses in its rules.
    #[arg(long, default_value_t = 300)]
    clauses: usize,
    /// Timed runs.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// cargo passes --bench; ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

const MODALS: &[&str] = &[
    "must",
    "must not",
    "may",
    "is not required to",
    "shall",
    "can",
];

/// A Kaggle-shaped rules document with `n` lettered clauses under numbered sections.
fn rules(n: usize) -> String {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut md =
        String::from("# Synthetic Competition Rules\n\n## 2. Competition-Specific Rules\n\n");
    for i in 0..n {
        if i % 10 == 0 {
            let _ = writeln!(
                md,
                "\n### 2.{} {} {}\n",
                i / 10 + 1,
                WORDS[rng.below(WORDS.len())],
                WORDS[rng.below(WORDS.len())]
            );
        }
        let letter = (b'a' + (i % 10) as u8) as char;
        let mut s = format!(
            "{letter}. Participants {} use",
            MODALS[rng.below(MODALS.len())]
        );
        for _ in 0..12 + rng.below(15) {
            s.push(' ');
            s.push_str(WORDS[rng.below(WORDS.len())]);
        }
        let _ = writeln!(md, "{s}.");
    }
    md
}

fn run(args: &[&str]) -> anyhow::Result<()> {
    let mut full = vec!["rulegap"];
    full.extend_from_slice(args);
    let code = rulegap::cli::run(rulegap::cli::Cli::parse_from(full))?;
    anyhow::ensure!(code.code() == 0, "rulegap {args:?} exited {}", code.code());
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let tmp = tempfile::tempdir()?;
    let data = tmp.path().join("data");
    let data = data.to_str().expect("utf-8 path");
    let posts = tmp.path().join("posts.jsonl");
    write_posts(&posts, a.posts, 1, false)?;
    let rules_md = tmp.path().join("rules.md");
    std::fs::write(&rules_md, rules(a.clauses))?;
    run(&[
        "--data",
        data,
        "import",
        "jsonl",
        posts.to_str().expect("utf-8 path"),
    ])?;
    run(&[
        "--data",
        data,
        "doc",
        "add",
        rules_md.to_str().expect("utf-8 path"),
        "--competition",
        "comp-0",
        "--kind",
        "rules",
    ])?;
    let out = tmp.path().join("report.json");
    let out = out.to_str().expect("utf-8 path");
    let mut times = Vec::new();
    for _ in 0..a.runs {
        let t = Instant::now();
        run(&[
            "--data",
            data,
            "report",
            "--competition",
            "comp-0",
            "--format",
            "json",
            "--output",
            out,
        ])?;
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out)?)?;
    println!("posts:            {}", a.posts);
    println!(
        "clauses:          {}",
        report["clauses"].as_array().map_or(0, Vec::len)
    );
    println!(
        "official posts:   {}",
        report["provenance"]["official_posts"]
    );
    println!(
        "report (json):    {:.2} s median of {} runs (min {:.2} s)",
        times[times.len() / 2],
        a.runs,
        times[0]
    );
    Ok(())
}
