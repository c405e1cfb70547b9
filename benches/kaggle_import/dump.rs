//! Writes a synthetic Meta-Kaggle-shaped export for the benchmark: the seven
//! CSV files with the real column sets, many competitions, sub-forums,
//! notebook-comment topics, both date formats, float-formatted reply ids,
//! `RawMarkdown` on most rows, and HTML bodies with paragraphs, links, lists,
//! code blocks, entities and quotes, of skewed (log-normal) lengths.
//! Deterministic: the same `--messages N` always gives the same files.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use csv::Writer;

/// Sizes derived from the number of messages.
pub(crate) struct Shape {
    pub(crate) messages: u64,
    pub(crate) competitions: u64,
    pub(crate) topics: u64,
    pub(crate) users: u64,
}

impl Shape {
    pub(crate) fn for_messages(messages: u64) -> Shape {
        Shape {
            messages,
            competitions: (messages / 4_000).max(20),
            topics: (messages / 12).max(50),
            users: (messages / 10).max(500),
        }
    }
}

/// A small, fast, deterministic generator (SplitMix64).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Skewed towards small values: a Zipf-like pick in `0..n`.
    pub(crate) fn skewed(&mut self, n: u64) -> u64 {
        let u = self.unit();
        ((n as f64).powf(u) - 1.0) as u64 % n.max(1)
    }

    /// A log-normal count with median `median`, clamped to `lo..=hi`.
    pub(crate) fn lognormal(&mut self, median: f64, sigma: f64, lo: u64, hi: u64) -> u64 {
        let (u1, u2) = (self.unit().max(1e-12), self.unit());
        let normal = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        ((median * (sigma * normal).exp()) as u64).clamp(lo, hi)
    }
}

/// Common words and competition vocabulary, most frequent first.
const WORDS: &[&str] = &[
    "the",
    "to",
    "a",
    "of",
    "and",
    "is",
    "in",
    "for",
    "it",
    "you",
    "i",
    "this",
    "that",
    "on",
    "we",
    "be",
    "with",
    "are",
    "can",
    "not",
    "data",
    "model",
    "if",
    "have",
    "as",
    "use",
    "but",
    "test",
    "train",
    "score",
    "what",
    "so",
    "my",
    "from",
    "or",
    "do",
    "your",
    "submission",
    "leaderboard",
    "public",
    "private",
    "training",
    "set",
    "dataset",
    "thanks",
    "using",
    "will",
    "at",
    "one",
    "an",
    "there",
    "any",
    "all",
    "would",
    "also",
    "which",
    "how",
    "by",
    "our",
    "external",
    "rules",
    "allowed",
    "competition",
    "team",
    "images",
    "video",
    "features",
    "validation",
    "kernel",
    "notebook",
    "gpu",
    "time",
    "predictions",
    "labels",
    "metric",
    "lb",
    "cv",
    "fold",
    "ensemble",
    "pretrained",
    "weights",
    "imagenet",
    "license",
    "deadline",
    "merge",
    "host",
    "question",
    "answer",
    "clarify",
    "please",
    "limit",
    "daily",
    "final",
    "solution",
    "code",
    "internet",
    "access",
    "inference",
    "runtime",
    "hours",
    "memory",
    "submit",
    "file",
    "csv",
    "format",
    "error",
    "loss",
    "accuracy",
    "auc",
    "logloss",
    "epoch",
    "batch",
    "learning",
    "rate",
    "augmentation",
    "face",
    "detection",
    "fake",
    "real",
    "frames",
    "audio",
    "sample",
    "split",
    "leak",
    "leakage",
    "shake",
    "probing",
    "hand",
    "labeling",
    "manual",
    "annotation",
    "prize",
    "eligibility",
    "winner",
    "documentation",
    "write-up",
    "open",
    "source",
    "commercial",
    "use",
    "policy",
    "share",
    "privately",
    "publicly",
    "forum",
    "thread",
    "post",
    "link",
    "paper",
    "github",
    "repository",
    "pytorch",
    "tensorflow",
    "keras",
    "lightgbm",
    "xgboost",
    "catboost",
    "transformer",
    "bert",
    "resnet",
    "efficientnet",
    "lstm",
    "cnn",
    "optimizer",
    "adam",
    "scheduler",
    "seed",
    "reproducible",
    "docker",
    "environment",
    "version",
    "update",
    "fixed",
    "bug",
    "issue",
    "problem",
    "works",
    "good",
    "better",
    "best",
    "improve",
    "improved",
    "tried",
    "try",
    "think",
    "know",
    "maybe",
    "really",
    "great",
    "nice",
    "work",
    "help",
    "helpful",
    "interesting",
    "idea",
    "approach",
    "method",
    "result",
    "results",
];

/// Builds the vocabulary: the real words, then invented ones for the long tail.
pub(crate) fn vocabulary() -> Vec<String> {
    let syllables = [
        "ka", "to", "ri", "mon", "sel", "dra", "vi", "nu", "pel", "gor", "tes", "lin", "bar",
        "quo", "zen", "fa", "mi", "dor", "ul", "sha",
    ];
    let mut v: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
    let mut rng = Rng::new(7);
    while v.len() < 30_000 {
        let n = 2 + rng.below(3);
        let w: String = (0..n)
            .map(|_| syllables[rng.below(syllables.len() as u64) as usize])
            .collect();
        v.push(w);
    }
    v
}

fn sentence(rng: &mut Rng, vocab: &[String], words: u64) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&vocab[rng.skewed(vocab.len() as u64) as usize]);
    }
    s
}

/// One message: (HTML, markdown). Quotes, links, lists and code appear at realistic rates.
pub(crate) fn message(rng: &mut Rng, vocab: &[String], quoted: Option<&str>) -> (String, String) {
    let words = rng.lognormal(45.0, 0.9, 3, 2_500);
    let (mut html, mut md) = (String::new(), String::new());
    if let Some(q) = quoted {
        html.push_str(&format!("<blockquote>\n<p>{q}</p>\n</blockquote>\n"));
        md.push_str(&format!("> {q}\n\n"));
    }
    let mut left = words;
    while left > 0 {
        let n = left.min(8 + rng.below(40));
        left -= n;
        let text = sentence(rng, vocab, n);
        match rng.below(20) {
            0 => {
                html.push_str(&format!(
                    "<pre><code>model.fit(x_train, y_train, epochs={n})\nscore = auc(y &lt; 1)\n</code></pre>\n"
                ));
                md.push_str(&format!(
                    "```\nmodel.fit(x_train, y_train, epochs={n})\nscore = auc(y < 1)\n```\n\n"
                ));
            }
            1 => {
                html.push_str(&format!(
                    "<ul>\n<li>{text}</li>\n<li>see <code>train.csv</code></li>\n</ul>\n"
                ));
                md.push_str(&format!("- {text}\n- see `train.csv`\n\n"));
            }
            2 | 3 => {
                let id = rng.below(900_000);
                html.push_str(&format!(
                    "<p>{text} <a href=\"https://www.kaggle.com/code/user/notebook-{id}?scriptVersionId={id}&amp;x=1\" rel=\"nofollow\">this notebook</a> &amp; it&#39;s <strong>fine</strong>.</p>\n"
                ));
                md.push_str(&format!(
                    "{text} [this notebook](https://www.kaggle.com/code/user/notebook-{id}) & it's **fine**.\n\n"
                ));
            }
            _ => {
                html.push_str(&format!("<p>{text}.</p>\n"));
                md.push_str(&format!("{text}.\n\n"));
            }
        }
    }
    (html, md)
}

fn writer(dir: &Path, name: &str) -> anyhow::Result<Writer<BufWriter<File>>> {
    let f = File::create(dir.join(name))?;
    Ok(Writer::from_writer(BufWriter::with_capacity(1 << 20, f)))
}

/// Writes the dump for `shape` into `dir`.
pub(crate) fn write_dump(dir: &Path, shape: &Shape) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(42);
    let mut w = writer(dir, "Competitions.csv")?;
    w.write_record([
        "Id",
        "Slug",
        "Title",
        "ForumId",
        "OrganizationId",
        "HostName",
        "EnabledDate",
        "DeadlineDate",
    ])?;
    for c in 0..shape.competitions {
        let forum = if c % 50 == 49 {
            String::new()
        } else {
            (10_000 + c).to_string()
        };
        let org = if c % 3 == 0 {
            String::new()
        } else {
            (500 + c).to_string()
        };
        w.write_record([
            &c.to_string(),
            &format!("competition-{c}"),
            &format!("Competition {c}"),
            &forum,
            &org,
            "",
            "01/01/2020 00:00:00",
            "06/01/2020 00:00:00",
        ])?;
    }
    w.flush()?;
    let mut w = writer(dir, "Forums.csv")?;
    w.write_record(["Id", "ParentForumId", "Title"])?;
    for c in 0..shape.competitions {
        w.write_record([&(10_000 + c).to_string(), "", &format!("Competition {c}")])?;
        w.write_record([&(50_000 + c).to_string(), &(10_000 + c).to_string(), "Data"])?;
    }
    w.flush()?;
    let mut w = writer(dir, "Organizations.csv")?;
    w.write_record(["Id", "Name", "Slug", "CreationDate", "Description"])?;
    let mut m = writer(dir, "UserOrganizations.csv")?;
    m.write_record(["Id", "UserId", "OrganizationId", "JoinDate"])?;
    for c in 0..shape.competitions {
        let org = (500 + c).to_string();
        w.write_record([
            &org,
            &format!("Host {c}"),
            &format!("host-{c}"),
            "01/01/2019",
            "A host",
        ])?;
        for k in 0..3 {
            let user = (1 + rng.below(shape.users)).to_string();
            m.write_record([&(c * 3 + k).to_string(), &user, &org, "01/01/2019"])?;
        }
    }
    w.flush()?;
    m.flush()?;
    let mut w = writer(dir, "Users.csv")?;
    w.write_record([
        "Id",
        "UserName",
        "DisplayName",
        "RegisterDate",
        "PerformanceTier",
        "Country",
    ])?;
    for u in 1..=shape.users {
        let tier = match rng.below(1000) {
            0..=1 => 5,
            2..=9 => 4,
            10..=49 => 3,
            50..=149 => 2,
            150..=399 => 1,
            _ => 0,
        };
        w.write_record([
            &u.to_string(),
            &format!("user{u}"),
            &format!("User {u}"),
            "03/02/2017",
            &tier.to_string(),
            "France",
        ])?;
    }
    w.flush()?;
    let vocab = vocabulary();
    let mut w = writer(dir, "ForumTopics.csv")?;
    w.write_record([
        "Id",
        "ForumId",
        "KernelId",
        "FirstForumMessageId",
        "LastForumMessageId",
        "CreationDate",
        "LastCommentDate",
        "Title",
        "IsSticky",
        "TotalViews",
        "Score",
        "TotalMessages",
        "TotalReplies",
    ])?;
    for t in 0..shape.topics {
        let c = rng.skewed(shape.competitions);
        let forum = if t % 10 == 9 { 50_000 + c } else { 10_000 + c };
        let kernel = if t % 20 == 7 {
            (8_000_000 + t).to_string()
        } else {
            String::new()
        };
        let n = 3 + rng.below(6);
        let title = sentence(&mut rng, &vocab, n);
        w.write_record([
            &(100_000 + t).to_string(),
            &forum.to_string(),
            &kernel,
            "",
            "",
            "01/02/2020 10:00:00",
            "01/03/2020 10:00:00",
            &title,
            "False",
            "100",
            "1",
            "10",
            "9",
        ])?;
    }
    w.flush()?;
    write_messages(dir, shape, &vocab, &mut rng)
}

fn write_messages(
    dir: &Path,
    shape: &Shape,
    vocab: &[String],
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let mut w = writer(dir, "ForumMessages.csv")?;
    w.write_record([
        "Id",
        "ForumTopicId",
        "PostUserId",
        "PostDate",
        "ReplyToForumMessageId",
        "Message",
        "RawMarkdown",
        "Medal",
        "MedalAwardDate",
    ])?;
    let mut last_sentence = String::from("is external data allowed");
    for i in 0..shape.messages {
        let id = 1_000_000 + i;
        let topic = 100_000 + rng.below(shape.topics);
        let user = 1 + rng.skewed(shape.users);
        let (month, day, hour) = (1 + rng.below(12), 1 + rng.below(28), rng.below(24));
        let date = if i % 3 == 0 {
            let (h12, ap) = match hour {
                0 => (12, "AM"),
                1..=11 => (hour, "AM"),
                12 => (12, "PM"),
                _ => (hour - 12, "PM"),
            };
            format!(
                "{month:02}/{day:02}/2019 {h12:02}:{:02}:{:02} {ap}",
                rng.below(60),
                rng.below(60)
            )
        } else {
            format!(
                "{month:02}/{day:02}/2020 {hour:02}:{:02}:{:02}",
                rng.below(60),
                rng.below(60)
            )
        };
        let reply = if rng.below(10) < 6 && i > 0 {
            format!("{}.0", id - 1 - rng.below(i.min(50)))
        } else {
            String::new()
        };
        let quoted = (rng.below(100) < 12).then(|| last_sentence.clone());
        let (html, md) = message(rng, vocab, quoted.as_deref());
        let md = if rng.below(10) < 7 { md } else { String::new() };
        if rng.below(8) == 0 {
            last_sentence = sentence(rng, vocab, 6);
        }
        w.write_record([
            &id.to_string(),
            &topic.to_string(),
            &user.to_string(),
            &date,
            &reply,
            &html,
            &md,
            "",
            "",
        ])?;
    }
    w.flush()?;
    Ok(())
}
