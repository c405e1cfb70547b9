//! Synthetic data shared by the benchmarks: forum posts as JSONL.

use std::io::Write;

/// Vocabulary of the synthetic forum.
pub(crate) const WORDS: &[&str] = &[
    "model",
    "training",
    "validation",
    "leaderboard",
    "submission",
    "notebook",
    "dataset",
    "external",
    "data",
    "pretrained",
    "weights",
    "checkpoint",
    "licence",
    "license",
    "consent",
    "team",
    "merger",
    "deadline",
    "score",
    "public",
    "private",
    "split",
    "fold",
    "augmentation",
    "ensemble",
    "gpu",
    "runtime",
    "internet",
    "kernel",
    "images",
    "videos",
    "faces",
    "labels",
    "annotation",
    "hand",
    "probing",
    "leak",
    "rules",
    "clarify",
    "allowed",
    "forbidden",
    "share",
    "code",
    "github",
    "documentation",
    "reproducible",
    "prize",
    "winner",
    "eligibility",
    "account",
    "host",
    "organizers",
    "metric",
    "loss",
    "baseline",
    "feature",
    "engineering",
    "timeline",
    "final",
    "selection",
    "test",
    "pseudo",
    "labelling",
    "commercial",
    "academic",
    "open",
    "source",
    "mit",
    "apache",
    "youtube",
    "flickr",
    "creative",
    "commons",
    "people",
    "depicted",
    "release",
    "written",
    "permission",
];
const OPENERS: &[&str] = &[
    "Is it allowed to use",
    "Can we share",
    "Please clarify whether",
    "We found that",
    "Thanks for",
    "You must post",
    "It is fine to use",
    "Participants may not use",
    "Our team used",
    "Does the rule on",
];

/// A small deterministic xorshift generator.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Writes `n` synthetic posts as JSONL over `competitions` competitions (`comp-0`, `comp-1`, …);
/// `short` keeps every post to 8–38 words, else 10% are long and 30% medium.
pub(crate) fn write_posts(
    path: &std::path::Path,
    n: usize,
    competitions: usize,
    short: bool,
) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let roles = [
        "participant",
        "participant",
        "participant",
        "participant",
        "participant",
        "participant",
        "staff",
        "moderator",
        "host",
        "admin",
    ];
    for i in 0..n {
        let comp = format!("comp-{}", rng.below(competitions));
        let thread = rng.below(5_000);
        // Short posts dominate, with a long tail.
        let words = match if short { 9 } else { rng.below(10) } {
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
