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

/// `demo --serve` keeps the example forum up after the report, so its evidence
/// links open their posts, until Ctrl-C, which ends it normally.
#[cfg(unix)]
#[test]
fn demo_serve_keeps_the_links_working_until_ctrl_c() {
    use std::io::{BufRead, BufReader, Read, Write};
    let env = Env::new();
    let html = env.dir.path().join("demo.html");
    #[allow(deprecated)]
    let bin = assert_cmd::cargo::cargo_bin("rulegap");
    let mut child = std::process::Command::new(bin)
        .env_remove("RULEGAP_DATA")
        .env("NO_COLOR", "1")
        .args(["--data", env.data().to_str().unwrap()])
        .args([
            "demo",
            "--json",
            "--serve",
            "--html",
            html.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let marker = "serving the example forum at ";
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_once(marker)
                .map(|(_, rest)| rest.split_whitespace().next().unwrap_or("").to_owned())
        })
        .expect("the demo says where it serves");
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET /t/external-data-thread/701/18 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("id=\"post_18\""),
        "{page}"
    );
    // The shell's own `kill`: a bare machine may have no kill binary.
    let killed = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(killed.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {rest:?}");
    assert!(
        rest.iter().any(|l| l.contains("stopped serving")),
        "{rest:?}"
    );
}
