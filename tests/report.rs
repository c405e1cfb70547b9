//! `rulegap report` through the binary on a small hand-written store: the JSON
//! contract, the three formats, `--fail-on` and `--baseline`, and escaping of
//! hostile forum text in HTML.

use crate::util::Env;

const RULES: &str = "# Rules\n\n## 2. Competition-Specific Rules\n\n### 2.6 External Data\n\na. You may use external data that is publicly available to all participants at no cost.\n\n### 2.7 Team Limits\n\na. The maximum Team size is five (5).\n";
const DOCS: &str = "# Documentation requirements\n\n1. Winners must hold written consent from every identifiable person depicted in any external data used for training.\n2. Winners must describe their training hardware.\n";

fn post(id: &str, author: &str, role: &str, day: u32, text: &str) -> String {
    serde_json::json!({
        "source": "discourse", "site": "f.example", "competition": "c", "thread_id": "1",
        "thread_title": "External data thread", "post_id": id, "post_number": id.parse::<u32>().unwrap(),
        "author": author, "role": role, "created_at": format!("2020-01-{day:02}T10:00:00Z"),
        "text": text, "url": format!("https://f.example/t/1/{id}")
    })
    .to_string()
}

/// A competition with a blanket permission, a hostile post and an unanswered question.
fn store() -> Env {
    let env = Env::new();
    let lines = [
        post(
            "1",
            "mod_ann",
            "moderator",
            2,
            "Any external dataset is fine as long as it is publicly available and free for everyone.",
        ),
        post(
            "2",
            "pat",
            "participant",
            3,
            "Can we use faces from YouTube videos as external data? <script>alert(1)</script>",
        ),
        post(
            "3",
            "mod_ann",
            "moderator",
            4,
            "Thanks all! <img src=x onerror=alert(2)> Good luck with the external data.",
        ),
    ];
    let f = env.file("posts.jsonl", &(lines.join("\n") + "\n"));
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let rules = env.file("rules.md", RULES);
    let docs = env.file("documentation.md", DOCS);
    env.ok_stderr(&[
        "doc",
        "add",
        rules.to_str().unwrap(),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    env.ok_stderr(&[
        "doc",
        "add",
        docs.to_str().unwrap(),
        "--competition",
        "c",
        "--kind",
        "documentation",
    ]);
    env
}

#[test]
fn json_follows_the_version_1_contract() {
    let env = store();
    let out = env.ok(&["report", "--competition", "c", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["format_version"], 1);
    assert_eq!(r["competition"], "c");
    for key in [
        "generated_at",
        "provenance",
        "documents",
        "clauses",
        "unanswered_questions",
        "changed_clauses",
        "summary",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    for key in [
        "rulegap_version",
        "params",
        "last_crawl",
        "failed_pages",
        "posts",
        "official_posts",
    ] {
        assert!(
            r["provenance"].get(key).is_some(),
            "missing provenance.{key}"
        );
    }
    assert_eq!(r["provenance"]["posts"], 3);
    assert_eq!(r["provenance"]["official_posts"], 2);
    let clause = r["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "documentation/1")
        .expect("documentation/1");
    let keys: Vec<&str> = clause
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "id",
        "document",
        "path",
        "heading",
        "text",
        "modality",
        "status",
        "risk",
        "topics",
        "missing_concepts",
        "evidence",
        "related_clauses",
        "explanation",
        "new",
    ];
    want.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    // The hidden restriction: the blanket permission omits consent.
    assert_eq!(clause["status"], "conflict", "{clause:#}");
    assert!(
        clause["missing_concepts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "consent"),
        "{clause:#}"
    );
    let ev = &clause["evidence"][0];
    for key in [
        "post_id",
        "site",
        "url",
        "author",
        "role",
        "created_at",
        "score",
        "snippet",
        "matched_terms",
        "edited",
    ] {
        assert!(ev.get(key).is_some(), "missing evidence.{key}");
    }
    assert_eq!(ev["url"], "https://f.example/t/1/1");
    assert_eq!(ev["role"], "moderator");
    assert!(
        clause["related_clauses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["id"] == "rules/2.6.a" && x["relation"] == "permits"),
        "{clause:#}"
    );
    let risk = clause["risk"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&risk));
    // Highest risk first.
    let risks: Vec<f64> = r["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["risk"].as_f64().unwrap())
        .collect();
    assert!(risks.windows(2).all(|w| w[0] >= w[1]), "{risks:?}");
    assert_eq!(r["unanswered_questions"][0]["post_id"], "2");
    let s = &r["summary"];
    let total: u64 = [
        "covered",
        "partial",
        "uncovered",
        "conflict",
        "informational",
    ]
    .iter()
    .map(|k| s[k].as_u64().unwrap())
    .sum();
    assert_eq!(total as usize, r["clauses"].as_array().unwrap().len());
}

#[test]
fn markdown_and_html_are_views_of_the_same_report() {
    let env = store();
    let md = env.ok(&["report", "--competition", "c"]);
    assert!(md.starts_with("# rulegap report: c"), "{md}");
    assert!(
        md.contains("## Possible conflicts") && md.contains("`documentation/1`"),
        "{md}"
    );
    assert!(
        md.contains("## Unanswered participant questions (1)"),
        "{md}"
    );
    let path = env.dir.path().join("r.html");
    env.ok_stderr(&[
        "report",
        "--competition",
        "c",
        "--format",
        "html",
        "--output",
        path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("id=\"documentation/1\"") && html.contains("f-status"),
        "filters and anchors"
    );
    assert!(
        !html.contains("src=\"http") && !html.contains("<link"),
        "self-contained"
    );
}

#[test]
fn hostile_forum_text_is_escaped_in_html() {
    let env = store();
    let path = env.dir.path().join("r.html");
    env.ok_stderr(&[
        "report",
        "--competition",
        "c",
        "--format",
        "html",
        "--output",
        path.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the question's script renders as text"
    );
    assert!(
        !html.contains("<script>alert(1)"),
        "no live script from the forum"
    );
    assert!(!html.contains("<img src=x"), "no live tag from the forum");
    // The only script is rulegap's own filter.
    assert_eq!(html.matches("<script>").count(), 1);
}

#[test]
fn fail_on_and_baseline() {
    let env = store();
    let (code, _, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "--format",
        "json",
        "--fail-on",
        "conflict",
    ]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("documentation/1"), "{err}");
    let (code, ..) = env.run(&[
        "report",
        "--competition",
        "c",
        "--format",
        "json",
        "--fail-on",
        "covered",
    ]);
    assert!(code == 0 || code == 4);
    let baseline = env.dir.path().join("base.json");
    env.ok_stderr(&[
        "report",
        "--competition",
        "c",
        "--format",
        "json",
        "--output",
        baseline.to_str().unwrap(),
    ]);
    let (code, out, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "--format",
        "json",
        "--fail-on",
        "conflict,uncovered",
        "--baseline",
        baseline.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "known findings do not fail: {err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        r["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["new"] == false)
    );
    // A clause renumbered since the baseline (an item inserted before it) is still known.
    let mut renumbered: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    for c in renumbered["clauses"].as_array_mut().unwrap() {
        let id = c["id"].as_str().unwrap().to_owned();
        c["id"] = format!("{id}-old").into();
    }
    let renumbered_path = env.file("renumbered.json", &renumbered.to_string());
    let (code, _, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "--fail-on",
        "conflict,uncovered",
        "--baseline",
        renumbered_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "renumbered findings are known: {err}");
    // A finding whose rule was reworded since the baseline is new again, and
    // the Markdown marks it so.
    let mut reworded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    let first = reworded["clauses"][0]["id"].as_str().unwrap().to_owned();
    reworded["clauses"][0]["text"] = "an older wording".into();
    let reworded_path = env.file("reworded.json", &reworded.to_string());
    let md = env.ok(&[
        "report",
        "--competition",
        "c",
        "--baseline",
        reworded_path.to_str().unwrap(),
    ]);
    assert!(
        md.lines()
            .any(|l| l.contains(&format!("`{first}`")) && l.contains("**new**")),
        "{md}"
    );
    // No baseline yet (a CI job's first run): every finding is new, with a note.
    let (code, _, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "--fail-on",
        "conflict",
        "--baseline",
        env.dir.path().join("none-yet.json").to_str().unwrap(),
    ]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("does not exist yet"), "{err}");
    let (code, _, err) = env.run(&["report", "--competition", "c", "--fail-on", "bogus"]);
    assert_eq!(code, 2, "{err}");
    let bad = env.file("bad.json", "{}");
    let (code, _, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "--baseline",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("bad.json") && err.contains("not a rulegap JSON report"),
        "{err}"
    );
    // A baseline of another competition is refused, naming both.
    let text = std::fs::read_to_string(&baseline).unwrap();
    let mut other: serde_json::Value = serde_json::from_str(&text).unwrap();
    other["competition"] = "other".into();
    let other_path = env.file("other.json", &other.to_string());
    let (code, _, err) = env.run(&[
        "report",
        "--competition",
        "c",
        "-o",
        env.dir.path().join("r.md").to_str().unwrap(),
        "--baseline",
        other_path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("is a report of competition `other`, not `c`"),
        "{err}"
    );
}

#[test]
fn report_has_a_short_output_flag() {
    let env = store();
    let out = env.dir.path().join("r.md");
    env.ok_stderr(&["report", "--competition", "c", "-o", out.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("# rulegap report: c")
    );
    // An extension that names no report format gets Markdown, with a warning.
    let csv = env.dir.path().join("r.csv");
    let err = env.ok_stderr(&["report", "--competition", "c", "-o", csv.to_str().unwrap()]);
    assert!(
        err.contains("`.csv` is no report format: writing Markdown"),
        "{err}"
    );
    // The format follows the file's extension unless --format says otherwise;
    // `-` is standard output.
    let html = env.dir.path().join("r.html");
    env.ok_stderr(&["report", "--competition", "c", "-o", html.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let json = env.ok(&[
        "report",
        "--competition",
        "c",
        "-o",
        "-",
        "--format",
        "json",
    ]);
    assert!(json.trim_start().starts_with('{'), "{json}");
}

#[test]
fn a_competition_without_documents_gets_a_clear_error() {
    let env = Env::new();
    let f = env.file("p.jsonl", &post("1", "mod_ann", "moderator", 2, "Welcome."));
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let (code, _, err) = env.run(&["report", "--competition", "c"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no official documents") && err.contains("rulegap doc add"),
        "{err}"
    );
    // A mistyped slug is named as unknown, with the known ones.
    let (code, _, err) = env.run(&["report", "--competition", "nope"]);
    assert_eq!(code, 2, "a usage error, as in search: {err}");
    assert!(
        err.contains("unknown competition `nope`") && err.contains("(known: `c`)"),
        "{err}"
    );
}

#[test]
fn a_report_without_forum_posts_says_why_everything_is_uncovered() {
    let env = Env::new();
    let rules = env.file("rules.md", RULES);
    env.ok_stderr(&[
        "doc",
        "add",
        rules.to_str().unwrap(),
        "--competition",
        "empty",
        "--kind",
        "rules",
    ]);
    let (code, _, err) = env.run(&["report", "--competition", "empty"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no forum posts of `empty`"), "{err}");
    // With posts, the warning is gone.
    let (_, _, err) = store().run(&["report", "--competition", "c"]);
    assert!(!err.contains("warning"), "{err}");
}

/// An export that gives a thread's title only on its first line: the import
/// gives it to the thread's later posts, so the report names the thread.
#[test]
fn posts_without_a_thread_title_take_their_threads() {
    let env = Env::new();
    let titled = post("1", "kim", "participant", 2, "Welcome, everyone.");
    let mut untitled: serde_json::Value = serde_json::from_str(&post(
        "2",
        "pat",
        "participant",
        3,
        "Can we use faces from YouTube videos as external data?",
    ))
    .unwrap();
    untitled.as_object_mut().unwrap().remove("thread_title");
    let f = env.file("t.jsonl", &format!("{titled}\n{untitled}\n"));
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let rules = env.file("rules.md", RULES);
    env.ok_stderr(&[
        "doc",
        "add",
        rules.to_str().unwrap(),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    let json = env.ok(&["report", "--competition", "c", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    let q = &r["unanswered_questions"][0];
    assert_eq!(q["thread"], "External data thread", "{json}");
}

/// The Deepfake Detection Challenge pattern in other words, through the real
/// path (JSONL posts, a plain-text document): "external recording" is external
/// data, so the moderator's blanket answer to a question about recordings
/// conflicts with the consent rule.
#[test]
fn the_deepfake_pattern_in_other_words() {
    let env = Env::new();
    let question = crate::util::post_line(
        "forum.local",
        "100",
        "alice",
        "participant",
        "2026-01-05",
        "Can we use the xeno-canto recordings as external data? They are CC BY-NC.",
    );
    let post = crate::util::post_line(
        "forum.local",
        "101",
        "mod_bob",
        "moderator",
        "2026-01-06",
        "Any publicly available dataset is fine, including NC licences, as long as you post it in this thread before the entry deadline.",
    );
    let posts = env.file("forum.jsonl", &format!("{question}\n{post}"));
    env.ok_stderr(&["import", "jsonl", posts.to_str().unwrap()]);
    let doc = env.file(
        "docreq.txt",
        "WINNER DOCUMENTATION REQUIREMENTS\n\n2. Data provenance\n   a) For every external recording used in training, the winner must hold written consent from each person whose voice can be heard in it.\n   b) External datasets under a non-commercial (NC) licence may not be used by prize winners.\n",
    );
    env.ok_stderr(&[
        "doc",
        "add",
        doc.to_str().unwrap(),
        "--competition",
        "dfdc",
        "--kind",
        "documentation",
    ]);
    let out = env.ok(&["report", "--competition", "dfdc", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = r["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "documentation/2.a")
        .expect("clause 2.a");
    assert_eq!(c["status"], "conflict", "{c}");
    assert!(c["missing_concepts"].to_string().contains("consent"), "{c}");
}
