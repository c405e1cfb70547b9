//! Crawls over time: a killed crawl resumes without refetching finished pages,
//! a recrawl of an unchanged forum costs a few requests (conditional requests,
//! unchanged topics skipped), the archive is standard WARC, and `reindex`
//! rebuilds the same index from it.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use super::forum;
use super::mock::{Mock, Reply};
use super::{crawl, posts};
use crate::util::Env;

fn done_pages(env: &Env) -> BTreeSet<String> {
    let Ok(dirs) = std::fs::read_dir(env.data().join("crawls")) else {
        return BTreeSet::new();
    };
    dirs.flatten()
        .filter_map(|d| std::fs::read_to_string(d.path().join("state.json")).ok())
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .flat_map(|v| {
            v["done"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_killed_crawl_resumes_without_refetching() {
    let mock = Mock::start();
    forum::standard(&mock, 40);
    let env = Env::new();
    let url = format!("{}/c/comp-a/7", mock.base());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rulegap"))
        .env_remove("RULEGAP_DATA")
        .arg("--data")
        .arg(env.data())
        .args(["crawl", &url, "--delay", "40ms", "--quiet"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let t0 = Instant::now();
    while done_pages(&env).len() < 10 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "no checkpoint written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let done = done_pages(&env);
    // `status` says a crawl waits to be resumed, and how.
    let status = env.ok(&["status"]);
    assert!(
        status.contains(&format!("interrupted crawl of {url}"))
            && status.contains("run the same crawl command again to resume"),
        "{status}"
    );
    let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert!(
        s["interrupted_crawls"][0]["pages_done"]
            .as_u64()
            .unwrap_or(0)
            >= 10,
        "{s}"
    );
    let first_run = mock.hits().len();
    mock.clear_log();
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let base = mock.base();
    let again: Vec<String> = mock
        .hits()
        .into_iter()
        .map(|h| format!("{base}{}", h.path))
        .filter(|p| done.contains(p))
        .collect();
    assert!(again.is_empty(), "refetched finished pages: {again:?}");
    assert!(
        sum["pages"].as_u64().unwrap_or(0) < 45,
        "{sum} after {first_run} requests"
    );
    // 45 + 3 + 38 topics of 2 posts.
    assert_eq!(posts(&env, Some("comp-a")).len(), 45 + 3 + 76);
    let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert_eq!(s["interrupted_crawls"], serde_json::json!([]), "{s}");
}

#[test]
fn a_recrawl_of_an_unchanged_forum_is_cheap() {
    let mock = Mock::start();
    let (topics, _) = forum::standard(&mock, 10);
    mock.route(
        "/site.json",
        vec![
            Reply::json(&serde_json::json!({"categories": [{"id": 7, "slug": "comp-a"}]}))
                .header("etag", "\"v1\""),
        ],
    );
    let env = Env::new();
    let url = format!("{}/c/comp-a/7", mock.base());
    let (code, first, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let first_requests = mock.hits().len();
    mock.clear_log();
    let (code, second, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<String> = mock.hits().into_iter().map(|h| h.path).collect();
    assert_eq!(
        paths.len(),
        3,
        "robots.txt, site.json (304), the list: {paths:?}"
    );
    assert!(paths.len() * 4 < first_requests);
    assert_eq!(second["not_modified"], 1, "{second}");
    assert_eq!(second["unchanged_topics"], 10, "{second}");
    let sent = mock
        .hits()
        .into_iter()
        .find(|h| h.path == "/site.json")
        .expect("site.json");
    assert_eq!(sent.header("if-none-match"), Some("\"v1\""));
    // An edited post and a new one: only that topic is fetched again, the edit replaces the old text.
    let mut t = topics[2].clone();
    t.posts[0] = forum::with(
        t.posts[0].clone(),
        &serde_json::json!({"cooked": "<p>edited words</p>", "version": 2}),
    );
    t.posts
        .push(forum::post(102_003, 3, "late", "<p>a late reply</p>"));
    t.bumped = "2024-03-21T10:00:00.000Z".into();
    let mut all = topics.clone();
    all[2] = t;
    forum::serve_category(&mock, "comp-a", 7, &all);
    mock.clear_log();
    let (code, third, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(third["unchanged_topics"], 9, "{third}");
    assert_eq!(mock.count("/t/"), 1);
    let p = posts(&env, Some("comp-a"));
    assert_eq!(p.len(), first["posts"].as_u64().unwrap_or(0) as usize + 1);
    assert!(p.iter().any(|x| x["text"] == "edited words"));
}

#[test]
fn the_archive_is_standard_warc_and_reindex_replays_it() {
    let mock = Mock::start();
    forum::standard(&mock, 3);
    mock.route(
        "/site.json",
        vec![
            Reply::json(&serde_json::json!({"categories": [{"id": 7, "slug": "comp-a"}]}))
                .header("etag", "\"v1\""),
        ],
    );
    let env = Env::new();
    let url = format!("{}/c/comp-a/7", mock.base());
    for _ in 0..2 {
        let (code, _, err) = crawl(&env, &[&url, "--official-user", "user1"]);
        assert_eq!(code, 0, "{err}");
    }
    // Hits with equal scores may come in another order after a rebuild: compare sorted.
    let search = |args: &[&str]| {
        let out = env.ok(&[&["search", "--json", "--limit", "200"][..], args].concat());
        let mut lines: Vec<String> = out.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    let before = (
        search(&["validation"]),
        search(&["splits", "--official"]),
        search(&["GridMaster", "--include-quotes"]),
    );
    assert_eq!(before.1.len(), 3, "official user1 posts are found");
    let out = env.cmd(&["reindex"]).output().expect("reindex");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = (
        search(&["validation"]),
        search(&["splits", "--official"]),
        search(&["GridMaster", "--include-quotes"]),
    );
    pretty_assertions::assert_eq!(before, after);
    warcio_reads(&env, &mock);
}

/// Python's warcio reads every record and checks the payload digests.
fn warcio_reads(env: &Env, mock: &Mock) {
    if std::process::Command::new("python3")
        .args(["-c", "import warcio"])
        .output()
        .map_or(true, |o| !o.status.success())
    {
        // CI installs warcio and sets this, so the check cannot be skipped there.
        assert!(
            std::env::var_os("RULEGAP_REQUIRE_WARCIO").is_none(),
            "python3 with warcio is required (RULEGAP_REQUIRE_WARCIO is set): `pip install warcio`"
        );
        eprintln!(
            "SKIPPED: python3 with warcio is not installed (`pip install warcio`); WARC files not checked by a standard reader"
        );
        return;
    }
    let script = r#"
import glob, sys
from warcio.archiveiterator import ArchiveIterator
kinds = {}
urls = set()
for path in sorted(glob.glob(sys.argv[1] + '/*.warc.gz')):
    with open(path, 'rb') as f:
        for rec in ArchiveIterator(f, check_digests='raise'):
            kinds[rec.rec_type] = kinds.get(rec.rec_type, 0) + 1
            if rec.rec_type == 'response':
                assert rec.http_headers.get_statuscode()
                rec.content_stream().read()
                urls.add(rec.rec_headers.get_header('WARC-Target-URI'))
            if rec.rec_type == 'revisit':
                assert rec.http_headers.get_statuscode() == '304'
print(kinds['warcinfo'], kinds['response'], kinds.get('revisit', 0))
print('\n'.join(sorted(urls)))
"#;
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            script,
            &env.data().join("archive").display().to_string(),
        ])
        .output()
        .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "warcio failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines = stdout.lines();
    let counts: Vec<u64> = lines
        .next()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(counts[0], 2, "one warcinfo per crawl file");
    assert!(counts[1] > 5 && counts[2] >= 1, "{counts:?}");
    let urls: Vec<&str> = lines.collect();
    assert!(
        urls.contains(&format!("{}/robots.txt", mock.base()).as_str()),
        "{urls:?}"
    );
}
