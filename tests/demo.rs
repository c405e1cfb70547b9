//! `rulegap demo`: the whole pipeline on the bundled competition, offline,
//! flags the restriction hidden in the documentation requirements.

use crate::util::Env;

#[test]
fn demo_flags_the_hidden_secondary_document_restriction() {
    let env = Env::new();
    let html = env.dir.path().join("demo.html");
    // `demo` must not touch ./index unless --data is given: run it without --data.
    let out = assert_cmd::Command::cargo_bin("rulegap")
        .unwrap()
        .current_dir(env.dir.path())
        .env("NO_COLOR", "1")
        .env_remove("RULEGAP_DATA")
        .args(["demo", "--json", "--html", html.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is the JSON report");
    let status = |id: &str| {
        r["clauses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(
        status("documentation/10").as_deref(),
        Some("conflict"),
        "the consent requirement is flagged"
    );
    let changes = r["changed_clauses"].as_array().unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c["id"] == "rules/2.4.d" && c["announced_in"].as_array().unwrap().is_empty()),
        "{changes:?}"
    );
    assert!(r["unanswered_questions"].as_array().unwrap().len() >= 6);
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("documentation/10")
    );
    assert!(
        !env.dir.path().join("index").exists(),
        "demo used a temporary data directory"
    );
}

/// A second demo in the same `--data` would store every post twice (the
/// forum is served on a new port each run): it is refused with what to do,
/// and after `forget` it runs again on a clean slate.
#[test]
fn demo_again_in_the_same_data_directory() {
    let env = Env::new();
    let html = env.dir.path().join("demo.html");
    let demo = ["demo", "--json", "--html", html.to_str().unwrap()];
    let first: serde_json::Value = serde_json::from_str(&env.ok(&demo)).unwrap();
    let (code, _, err) = env.run(&demo);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("already holds the demo competition") && err.contains("forget"),
        "{err}"
    );
    let forgot = env.ok_stderr(&["forget", "--competition", "camera-traps-2026", "--yes"]);
    assert!(
        forgot.contains("of pages fetched by URL"),
        "documents fetched by URL are set aside too: {forgot}"
    );
    let archive = env.data().join("archive");
    let left: Vec<_> = std::fs::read_dir(&archive)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "nothing of the demo stays archived: {left:?}"
    );
    let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert!(s["last_crawl"].is_null(), "no crawl is left to date: {s}");
    let again: serde_json::Value = serde_json::from_str(&env.ok(&demo)).unwrap();
    let status = env.ok(&["status", "--json"]);
    let s: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(
        s["competitions"]["camera-traps-2026"]["posts"], 214,
        "{status}"
    );
    assert_eq!(
        first["clauses"].as_array().unwrap().len(),
        again["clauses"].as_array().unwrap().len()
    );
    // CI can fail on rule changes no official announced, outside a baseline.
    let report = ["report", "--competition", "camera-traps-2026"];
    let (code, _, err) = env.run(&[&report[..], &["--fail-on-unannounced"]].concat());
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("rules/2.4.d"), "{err}");
    let base = env.dir.path().join("base.json");
    env.ok_stderr(&[&report[..], &["-o", base.to_str().unwrap()]].concat());
    let (code, _, err) = env.run(
        &[
            &report[..],
            &[
                "--fail-on-unannounced",
                "--baseline",
                base.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    assert_eq!(code, 0, "{err}");
}
