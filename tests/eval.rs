//! The evaluation (issue 7, ANALYSIS.md §12): the whole pipeline on the
//! hand-labelled sets in tests/eval/ (development: the method was tuned on
//! it) and tests/eval-heldout/ (held out) — forums crawled from a local
//! Discourse server, documents added by URL, JSON reports — scored against
//! the gold labels. Prints macro-F1 over the four statuses, per-class F1 for uncovered
//! and conflict, precision at 80% recall of flagged clauses, unanswered-question
//! recall and precision, and the same figures for the BM25-threshold baseline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::util::{Env, repo};

/// The floor this test holds the method to on the development set. Issue 7
/// asks for 0.75; the method measures 0.675 on the twenty-seven development
/// competitions it was tuned on (README, "Measured quality"), so the floor
/// guards against regressions and the issue stays open until the method
/// reaches 0.75 on data it was not tuned on.
const MACRO_F1_FLOOR: f64 = 0.66;
/// The regression floor on the held-out set, where the method measures 0.469
/// (the three competitions written in session 18: 0.444 with the code that
/// session started from, 0.469 after its changes; the three before them
/// measured 0.483 blind).
const HELDOUT_MACRO_F1_FLOOR: f64 = 0.45;
/// The regression floor for the cited posts' mean average precision (measured:
/// 0.88 on development, 0.76 held out).
const EVIDENCE_MAP_FLOOR: f64 = 0.70;
const LABELS: [&str; 4] = ["covered", "partial", "uncovered", "conflict"];

#[derive(Deserialize)]
struct Gold {
    clause: Vec<GoldClause>,
    #[serde(default)]
    unanswered: Vec<GoldQuestion>,
}

#[derive(Deserialize)]
struct GoldClause {
    id: String,
    status: String,
    #[serde(default)]
    evidence: Vec<u64>,
}

#[derive(Deserialize)]
struct GoldQuestion {
    post_id: u64,
}

#[derive(Deserialize)]
struct Spec {
    slug: String,
    category_id: u64,
    #[serde(default)]
    official_groups: Vec<String>,
    #[serde(default)]
    official_users: Vec<String>,
    documents: Vec<DocSpec>,
}

#[derive(Deserialize)]
struct DocSpec {
    id: String,
    kind: String,
    file: String,
}

/// One competition's gold and predictions.
struct Outcome {
    gold: BTreeMap<String, String>,
    predicted: BTreeMap<String, String>,
    baseline_scores: BTreeMap<String, f64>,
    risk: BTreeMap<String, f64>,
    gold_unanswered: BTreeSet<String>,
    predicted_unanswered: BTreeSet<String>,
    /// Official posts the labellers cite, by clause.
    gold_evidence: BTreeMap<String, BTreeSet<String>>,
    /// Posts the report cites, best first, by clause.
    cited: BTreeMap<String, Vec<String>>,
}

fn run_competition(env: &Env, base: &str, dir: &Path) -> Outcome {
    let (spec, json) = report_json(env, base, dir);
    let gold: Gold =
        toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).unwrap()).unwrap();
    if let Ok(dir) = std::env::var("RULEGAP_EVAL_DUMP") {
        std::fs::write(Path::new(&dir).join(format!("{}.json", spec.slug)), &json).unwrap();
    }
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut predicted = BTreeMap::new();
    let mut risk = BTreeMap::new();
    let mut cited = BTreeMap::new();
    for c in report["clauses"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap().to_owned();
        predicted.insert(id.clone(), c["status"].as_str().unwrap().to_owned());
        risk.insert(id.clone(), c["risk"].as_f64().unwrap());
        let posts = c["evidence"].as_array().unwrap().iter();
        cited.insert(
            id,
            posts
                .map(|e| e["post_id"].as_str().unwrap().to_owned())
                .collect(),
        );
    }
    let predicted_unanswered = report["unanswered_questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["post_id"].as_str().unwrap().to_owned())
        .collect();
    let mut baseline_scores = BTreeMap::new();
    let gold_map: BTreeMap<String, String> = gold
        .clause
        .iter()
        .map(|c| (c.id.clone(), c.status.clone()))
        .collect();
    let clauses = env.ok(&["doc", "list", "--competition", &spec.slug, "--json"]);
    for line in clauses.lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = c["id"].as_str().unwrap().to_owned();
        let text = c["text"].as_str().unwrap();
        baseline_scores.insert(id, bm25_top_score(env, &spec.slug, text));
    }
    if let Ok(dir) = std::env::var("RULEGAP_EVAL_DUMP") {
        // The baseline's scores beside the report, for studying its errors.
        let path = Path::new(&dir).join(format!("{}.bm25.json", spec.slug));
        std::fs::write(path, serde_json::to_string(&baseline_scores).unwrap()).unwrap();
    }
    Outcome {
        gold: gold_map,
        predicted,
        baseline_scores,
        risk,
        gold_unanswered: gold
            .unanswered
            .iter()
            .map(|q| q.post_id.to_string())
            .collect(),
        predicted_unanswered,
        gold_evidence: gold
            .clause
            .iter()
            .map(|c| {
                let posts = c.evidence.iter().map(u64::to_string).collect();
                (c.id.clone(), posts)
            })
            .collect(),
        cited,
    }
}

/// Average precision of `cited` (best first) against the `relevant` posts,
/// normalised by what the list could hold: min(relevant, cited).
fn average_precision(cited: &[String], relevant: &BTreeSet<String>) -> f64 {
    let (mut hits, mut sum) = (0usize, 0.0);
    for (i, post) in cited.iter().enumerate() {
        if relevant.contains(post) {
            hits += 1;
            sum += hits as f64 / (i + 1) as f64;
        }
    }
    let best = relevant.len().min(cited.len());
    if best == 0 { 0.0 } else { sum / best as f64 }
}

/// Evidence quality over the clauses labelled covered or conflict with gold
/// evidence that the report cites posts for: mean average precision, the share
/// whose first citation is a gold post, and how many clauses that is.
fn evidence_scores(outcomes: &[(String, Outcome)]) -> (f64, f64, usize) {
    let (mut ap, mut first, mut n) = (0.0, 0usize, 0usize);
    for (_, o) in outcomes {
        for (id, g) in &o.gold {
            let relevant = &o.gold_evidence[id];
            let cited = o.cited.get(id).map_or(&[][..], Vec::as_slice);
            if !matches!(g.as_str(), "covered" | "conflict")
                || relevant.is_empty()
                || cited.is_empty()
            {
                continue;
            }
            n += 1;
            ap += average_precision(cited, relevant);
            first += usize::from(relevant.contains(&cited[0]));
        }
    }
    let n_f = n.max(1) as f64;
    (ap / n_f, first as f64 / n_f, n)
}

/// Crawls the competition in `dir` from the server at `base`, adds its
/// documents by URL and returns its spec and JSON report.
fn report_json(env: &Env, base: &str, dir: &Path) -> (Spec, String) {
    let spec: Spec =
        toml::from_str(&std::fs::read_to_string(dir.join("competition.toml")).unwrap()).unwrap();
    let category = format!("{base}/c/{}/{}", spec.slug, spec.category_id);
    let mut crawl = vec![
        "crawl".to_owned(),
        category,
        "--competition".into(),
        spec.slug.clone(),
        "--delay".into(),
        "0".into(),
        "--quiet".into(),
    ];
    for g in &spec.official_groups {
        crawl.extend(["--official-group".into(), g.clone()]);
    }
    for u in &spec.official_users {
        crawl.extend(["--official-user".into(), u.clone()]);
    }
    env.ok(&crawl.iter().map(String::as_str).collect::<Vec<_>>());
    for d in &spec.documents {
        let name = d.file.trim_end_matches(".md");
        let url = format!("{base}/docs/{}/{name}", spec.slug);
        env.ok(&[
            "doc",
            "add",
            &url,
            "--competition",
            &spec.slug,
            "--kind",
            &d.kind,
            "--id",
            &d.id,
        ]);
    }
    let json = env.ok(&["report", "--competition", &spec.slug, "--format", "json"]);
    (spec, json)
}

/// The BM25 score of the best official post for the clause's words (ANALYSIS.md §12 baseline).
fn bm25_top_score(env: &Env, competition: &str, text: &str) -> f64 {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(|w| w.to_lowercase())
        .filter(|w| {
            ![
                "and", "not", "the", "for", "any", "all", "are", "you", "your", "with",
            ]
            .contains(&w.as_str())
        })
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    let q = words.join(" OR ");
    let out = env.ok(&[
        "search",
        &q,
        "--competition",
        competition,
        "--official",
        "--json",
        "--limit",
        "1",
    ]);
    out.lines().next().map_or(0.0, |l| {
        serde_json::from_str::<serde_json::Value>(l).unwrap()["score"]
            .as_f64()
            .unwrap()
    })
}

fn f1(pairs: &[(String, String)], label: &str) -> f64 {
    let tp = pairs
        .iter()
        .filter(|(g, p)| g == label && p == label)
        .count() as f64;
    let fp = pairs
        .iter()
        .filter(|(g, p)| g != label && p == label)
        .count() as f64;
    let fn_ = pairs
        .iter()
        .filter(|(g, p)| g == label && p != label)
        .count() as f64;
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

fn macro_f1(pairs: &[(String, String)]) -> f64 {
    LABELS.iter().map(|l| f1(pairs, l)).sum::<f64>() / LABELS.len() as f64
}

/// Precision of the flagged set (uncovered ∪ partial ∪ conflict) at the first rank reaching 80% recall.
fn precision_at_80_recall(ranked: &[(f64, bool)]) -> f64 {
    let total = ranked.iter().filter(|(_, f)| *f).count() as f64;
    let mut tp = 0.0;
    for (i, (_, flagged)) in ranked.iter().enumerate() {
        if *flagged {
            tp += 1.0;
        }
        if tp >= 0.8 * total {
            return tp / (i + 1) as f64;
        }
    }
    0.0
}

/// The figures of one labelled set.
struct Scores {
    macro_f1: f64,
    /// Mean average precision of the cited posts (gold covered and conflict clauses).
    evidence_map: f64,
}

/// Runs the pipeline on every competition under `root`, prints the figures
/// under `title` and checks that segmentation produced every gold clause.
fn score(root: &Path, title: &str) -> Scores {
    let site = rulegap::demo::Site::from_root(root).expect("evaluation fixtures load");
    let server = rulegap::demo::serve_blocking(site, rulegap::demo::ServerOptions::default())
        .expect("server starts");
    let base = server.base_url().trim_end_matches('/').to_owned();
    let mut dirs: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("gold.toml").exists())
        // RULEGAP_EVAL_ONLY=slug scores one competition, for studying it
        // (the floors are then meaningless).
        .filter(|p| std::env::var("RULEGAP_EVAL_ONLY").map_or(true, |o| p.ends_with(o)))
        .collect();
    dirs.sort();
    let env = Env::new();
    let outcomes: Vec<(String, Outcome)> = dirs
        .iter()
        .map(|d| {
            (
                d.file_name().unwrap().to_string_lossy().into_owned(),
                run_competition(&env, &base, d),
            )
        })
        .collect();

    let mut pairs = Vec::new();
    let mut misfiled = 0;
    let mut missing_ids = Vec::new();
    let mut ranked = Vec::new();
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (name, o) in &outcomes {
        for (id, g) in &o.gold {
            let Some(p) = o.predicted.get(id) else {
                missing_ids.push(format!("{name}:{id}"));
                continue;
            };
            *confusion.entry((g.clone(), p.clone())).or_default() += 1;
            if g == "informational" {
                continue;
            }
            if p == "informational" {
                misfiled += 1;
            }
            pairs.push((g.clone(), p.clone()));
            ranked.push((o.risk[id], g != "covered"));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));

    // Baseline: covered when the best official post scores above a threshold, else uncovered.
    // The threshold is the one that suits the baseline best on this very set (its best case).
    let base_pairs = |tau: f64| -> Vec<(String, String)> {
        outcomes
            .iter()
            .flat_map(|(_, o)| {
                o.gold
                    .iter()
                    .filter(|(_, g)| *g != "informational")
                    .map(move |(id, g)| {
                        let s = o.baseline_scores.get(id).copied().unwrap_or(0.0);
                        (
                            g.clone(),
                            if s >= tau {
                                "covered".to_owned()
                            } else {
                                "uncovered".to_owned()
                            },
                        )
                    })
            })
            .collect()
    };
    let mut taus: Vec<f64> = outcomes
        .iter()
        .flat_map(|(_, o)| o.baseline_scores.values().copied())
        .collect();
    taus.push(f64::MAX);
    let (tau, base_f1) = taus
        .iter()
        .map(|&t| (t, macro_f1(&base_pairs(t))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let bp = base_pairs(tau);
    let mut base_ranked: Vec<(f64, bool)> = outcomes
        .iter()
        .flat_map(|(_, o)| {
            o.gold
                .iter()
                .filter(|(_, g)| *g != "informational")
                .map(move |(id, g)| {
                    (
                        -o.baseline_scores.get(id).copied().unwrap_or(0.0),
                        g != "covered",
                    )
                })
        })
        .collect();
    base_ranked.sort_by(|a, b| b.0.total_cmp(&a.0));

    let (mut q_tp, mut q_pred, mut q_gold) = (0, 0, 0);
    for (_, o) in &outcomes {
        q_tp += o
            .predicted_unanswered
            .intersection(&o.gold_unanswered)
            .count();
        q_pred += o.predicted_unanswered.len();
        q_gold += o.gold_unanswered.len();
    }
    let q_recall = q_tp as f64 / q_gold.max(1) as f64;
    let q_precision = q_tp as f64 / q_pred.max(1) as f64;

    let m = macro_f1(&pairs);
    println!(
        "\n=== rulegap evaluation, {title}: {} competitions, {} normative clauses ===",
        outcomes.len(),
        pairs.len()
    );
    println!("                         method   BM25-threshold baseline");
    println!(
        "macro-F1 (4 statuses)    {m:.3}    {base_f1:.3}   (gain {:+.3})",
        m - base_f1
    );
    for l in LABELS {
        println!("F1 {l:<21} {:.3}    {:.3}", f1(&pairs, l), f1(&bp, l));
    }
    println!(
        "P@80%R flagged           {:.3}    {:.3}",
        precision_at_80_recall(&ranked),
        precision_at_80_recall(&base_ranked)
    );
    println!(
        "unanswered questions     recall {q_recall:.3}, precision {q_precision:.3} ({q_tp} of {q_gold} found, {q_pred} reported)"
    );
    let (map, p1, n_ev) = evidence_scores(&outcomes);
    println!(
        "evidence (gold covered/conflict, {n_ev} clauses cited): mAP {map:.3}, first citation a gold post {p1:.3}"
    );
    println!(
        "normative clauses misfiled as informational: {misfiled}; gold clauses without a prediction: {}",
        missing_ids.len()
    );
    println!("confusion (gold -> predicted):");
    for ((g, p), n) in &confusion {
        println!("  {g:>13} -> {p:<13} {n}");
    }
    if !missing_ids.is_empty() {
        println!("clause ids not produced by segmentation: {missing_ids:?}");
    }
    assert!(
        missing_ids.is_empty(),
        "segmentation must produce every gold clause id: {missing_ids:?}"
    );
    Scores {
        macro_f1: m,
        evidence_map: map,
    }
}

#[test]
fn evaluation_set() {
    let s = score(&repo().join("tests/eval"), "development set");
    let m = s.macro_f1;
    assert!(
        m >= MACRO_F1_FLOOR,
        "macro-F1 {m:.3} is below the floor {MACRO_F1_FLOOR}"
    );
    assert!(
        s.evidence_map >= EVIDENCE_MAP_FLOOR,
        "evidence mAP {:.3} is below the floor {EVIDENCE_MAP_FLOOR}",
        s.evidence_map
    );
}

/// The held-out set (tests/eval-heldout/): written and labelled after the
/// method's rules were tuned on the development set, and never used to tune
/// them. Its figures are the honest estimate of how the method generalises.
#[test]
fn heldout_set() {
    let s = score(&repo().join("tests/eval-heldout"), "held-out set");
    let m = s.macro_f1;
    assert!(
        m >= HELDOUT_MACRO_F1_FLOOR,
        "held-out macro-F1 {m:.3} is below the floor {HELDOUT_MACRO_F1_FLOOR}"
    );
    assert!(
        s.evidence_map >= EVIDENCE_MAP_FLOOR,
        "held-out evidence mAP {:.3} is below the floor {EVIDENCE_MAP_FLOOR}",
        s.evidence_map
    );
}

/// The share of covered clauses that must lose their cover with their only
/// covering post (measured: 175 of 204 on twenty-four competitions, 144 of
/// 169 on twenty-one, 121 of 143 on eighteen, 109 of 125 on fifteen).
const PERTURBED_COVER_FLOOR: f64 = 0.82;

/// What an official post says once it is neutralised by a perturbation.
const NEUTRAL: &str = "Thanks, noted.";

/// Copies the competition folders under `root` into `to`, letting `edit`
/// change each one's forum (the parsed `forum.json`) and gold.
fn perturbed_copy(root: &Path, to: &Path, edit: impl Fn(&str, &mut serde_json::Value, &Gold)) {
    for entry in std::fs::read_dir(root).unwrap().flatten() {
        let dir = entry.path();
        if !dir.join("gold.toml").exists() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let out = to.join(&name);
        std::fs::create_dir_all(&out).unwrap();
        for f in std::fs::read_dir(&dir).unwrap().flatten() {
            std::fs::copy(f.path(), out.join(f.file_name())).unwrap();
        }
        let gold: Gold =
            toml::from_str(&std::fs::read_to_string(dir.join("gold.toml")).unwrap()).unwrap();
        let mut forum: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("forum.json")).unwrap())
                .unwrap();
        edit(&name, &mut forum, &gold);
        std::fs::write(out.join("forum.json"), forum.to_string()).unwrap();
    }
}

/// Every post of a parsed `forum.json`, mutably.
fn posts_mut(forum: &mut serde_json::Value) -> impl Iterator<Item = &mut serde_json::Value> {
    forum["topics"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|t| t["posts"].as_array_mut().unwrap().iter_mut())
}

/// Each competition's clauses under `root`, as (status, explanation, evidence snippets).
fn reports(root: &Path) -> BTreeMap<String, BTreeMap<String, serde_json::Value>> {
    let site = rulegap::demo::Site::from_root(root).expect("fixtures load");
    let server = rulegap::demo::serve_blocking(site, rulegap::demo::ServerOptions::default())
        .expect("server starts");
    let base = server.base_url().trim_end_matches('/').to_owned();
    let env = Env::new();
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(root).unwrap().flatten() {
        if !entry.path().join("gold.toml").exists() {
            continue;
        }
        let (spec, json) = report_json(&env, &base, &entry.path());
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let clauses = report["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].as_str().unwrap().to_owned(), c.clone()))
            .collect();
        out.insert(spec.slug, clauses);
    }
    out
}

/// ANALYSIS.md §12 perturbations of the development set. (1) Neutralising
/// the one official post that covers a clause must leave it not covered.
/// (2) A blanket permission inserted into the External Data thread must be
/// flagged against the consent clause it leaves out.
#[test]
fn perturbations() {
    let root = repo().join("tests/eval");
    let before = reports(&root);

    // 1. The only covering post of each covered clause says nothing any more.
    let tmp = tempfile::tempdir().unwrap();
    perturbed_copy(&root, tmp.path(), |_, forum, gold| {
        let only: BTreeSet<u64> = gold
            .clause
            .iter()
            .filter(|c| c.status == "covered" && c.evidence.len() == 1)
            .map(|c| c.evidence[0])
            .collect();
        for p in posts_mut(forum) {
            if only.contains(&p["id"].as_u64().unwrap()) {
                p["raw"] = NEUTRAL.into();
            }
        }
    });
    let after = reports(tmp.path());
    let (mut targets, mut moved, mut uncovered) = (0, 0, 0);
    let mut still = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path().join("gold.toml")) else {
            continue;
        };
        let gold: Gold = toml::from_str(&text).unwrap();
        let spec: Spec = toml::from_str(
            &std::fs::read_to_string(entry.path().join("competition.toml")).unwrap(),
        )
        .unwrap();
        for c in gold
            .clause
            .iter()
            .filter(|c| c.status == "covered" && c.evidence.len() == 1)
        {
            let was = before[&spec.slug][&c.id]["status"].as_str().unwrap();
            if was != "covered" {
                continue; // only what the method found covered can lose its cover
            }
            targets += 1;
            let now = after[&spec.slug][&c.id]["status"].as_str().unwrap();
            if now == "covered" {
                still.push(format!("{}:{}", spec.slug, c.id));
            } else {
                moved += 1;
                uncovered += usize::from(now == "uncovered");
            }
        }
    }
    println!(
        "\nperturbation 1, the one covering post neutralised: {moved} of {targets} clauses found covered are no longer covered ({uncovered} uncovered, {} partial or conflict); still covered: {still:?}",
        moved - uncovered
    );
    assert!(targets >= 30, "too few perturbation targets: {targets}");
    assert!(
        moved as f64 >= PERTURBED_COVER_FLOOR * targets as f64,
        "{} of {targets} clauses stay covered without their covering post: {still:?}",
        targets - moved
    );

    // 2. DFDC: the blanket permission replaced by a neutral welcome, then a
    // shorter one appended; the consent clause must cite the new statement.
    let consent = "documentation/5";
    let inserted = "You can use any declared dataset.";
    let run = |insert: bool| {
        let tmp = tempfile::tempdir().unwrap();
        let src = tempfile::tempdir().unwrap();
        let dfdc = src.path().join("deepfake-2020");
        std::fs::create_dir_all(&dfdc).unwrap();
        for f in std::fs::read_dir(root.join("deepfake-2020"))
            .unwrap()
            .flatten()
        {
            std::fs::copy(f.path(), dfdc.join(f.file_name())).unwrap();
        }
        perturbed_copy(src.path(), tmp.path(), |_, forum, _| {
            let thread = forum["topics"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|t| t["title"] == "External Data Thread")
                .expect("the External Data thread");
            let posts = thread["posts"].as_array_mut().unwrap();
            posts[0]["raw"] = "Welcome to the official External Data thread.".into();
            if insert {
                let last = posts.last().unwrap().clone();
                let mut post = posts[0].clone();
                post["id"] = (last["id"].as_u64().unwrap() + 1).into();
                post["created_at"] = last["created_at"].clone();
                post["raw"] = inserted.into();
                post["reply_to_post_number"] = serde_json::Value::Null;
                posts.push(post);
            }
        });
        reports(tmp.path())["deepfake-2020"][consent].clone()
    };
    let cites = |c: &serde_json::Value| {
        c["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["snippet"].as_str().unwrap().contains(inserted))
    };
    let (without, with) = (run(false), run(true));
    println!(
        "perturbation 2, \"{inserted}\" inserted: {consent} {} -> {}",
        without["status"], with["status"]
    );
    assert!(!cites(&without));
    assert_eq!(with["status"], "conflict", "{with:#}");
    assert!(cites(&with), "{with:#}");
}
