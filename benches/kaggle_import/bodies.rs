//! Message bodies and titles for the synthetic export: a deterministic
//! generator, a vocabulary (real competition words, then invented ones for the
//! long tail, picked with a Zipf-like skew), and HTML with its markdown twin:
//! paragraphs, links, lists, code blocks, entities and quotes, log-normal lengths.

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

pub(crate) fn sentence(rng: &mut Rng, vocab: &[String], words: u64) -> String {
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
