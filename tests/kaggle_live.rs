//! Kaggle live (issue 9): `rulegap crawl https://www.kaggle.com/competitions/SLUG/discussion`
//! and `rulegap doc add https://www.kaggle.com/competitions/SLUG/rules` against
//! a fake of Kaggle's API (`kaggle_live/mock.rs`, built from the SDK's types):
//! topic pages, nested replies and a deleted message, roles from the host list
//! (allowed and forbidden), Meta Kaggle staff and `--official-user`, missing
//! and rejected credentials, rate limiting, a single topic, incremental
//! recrawl and `reindex`, the rules page and its new version, and a report of
//! the same shape as a Meta Kaggle import's. HOME and KAGGLE_CONFIG_DIR point
//! into the test's temp dir, so no real credential is ever read.

mod mock;

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

use crate::util::{Env, repo};
use mock::{Competition, KEY, KaggleMock, TOKEN, USER, deleted, host, message, page, topic};

const SLUG: &str = "live-comp";
/// Topics in the fake competition: three pages of 20, 20 and 5.
const TOPICS: u64 = 45;
const THREAD: u64 = 1000;

/// How a command gets its Kaggle credential.
#[derive(Clone, Copy)]
enum Creds {
    /// `KAGGLE_API_TOKEN` set to the fake's token.
    Token,
    /// `kaggle.json` with the fake's user and key in `KAGGLE_CONFIG_DIR`.
    KeyFile,
    /// `KAGGLE_API_TOKEN` set to a token the fake refuses.
    Wrong,
    /// Nothing anywhere.
    Nothing,
}

fn config_dir(env: &Env) -> PathBuf {
    env.dir.path().join("kaggle-config")
}

/// `rulegap ARGS…` with Kaggle's variables cleared, HOME and KAGGLE_CONFIG_DIR in
/// the temp dir, and `creds` in place.
fn run(env: &Env, args: &[&str], creds: Creds) -> (i32, String, String) {
    let mut cmd = env.cmd(args);
    for k in ["KAGGLE_API_TOKEN", "KAGGLE_USERNAME", "KAGGLE_KEY"] {
        cmd.env_remove(k);
    }
    std::fs::create_dir_all(config_dir(env)).expect("mkdir");
    cmd.env("HOME", env.dir.path().join("home"))
        .env("KAGGLE_CONFIG_DIR", config_dir(env));
    match creds {
        Creds::Token => {
            cmd.env("KAGGLE_API_TOKEN", TOKEN);
        }
        Creds::Wrong => {
            cmd.env("KAGGLE_API_TOKEN", "kgat_revoked_token_987");
        }
        Creds::KeyFile => {
            let json = format!(r#"{{"username": "{USER}", "key": "{KEY}"}}"#);
            std::fs::write(config_dir(env).join("kaggle.json"), json).expect("kaggle.json");
        }
        Creds::Nothing => {}
    }
    let out = cmd.output().expect("run rulegap");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `rulegap crawl URL --api-base MOCK --delay 0 --json ARGS…`: (code, summary, stderr).
fn crawl(
    env: &Env,
    mock: &KaggleMock,
    url: &str,
    extra: &[&str],
    creds: Creds,
) -> (i32, Value, String) {
    let base = mock.base();
    let mut args = vec!["crawl", url, "--api-base", &base, "--json"];
    if !extra.contains(&"--delay") {
        args.extend(["--delay", "0"]);
    }
    args.extend(extra);
    let (code, out, err) = run(env, &args, creds);
    let sum = out
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or(Value::Null);
    (code, sum, err)
}

fn discussion(slug: &str) -> String {
    format!("https://www.kaggle.com/competitions/{slug}/discussion")
}

/// The nested thread: a question, a host's answer with a staff reply under it,
/// and a deleted message whose reply (by `--official-user` olga) survives.
fn thread() -> Vec<Value> {
    vec![message(
        5001,
        "participant_pat",
        "2026-11-02T10:00:00.000Z",
        "<p>Is external data allowed if it is publicly available?</p>",
        vec![
            message(
                5002,
                "host_alice",
                "2026-11-02T11:00:00.000Z",
                "<blockquote>Is external data allowed?</blockquote><p>Yes: you may use external data besides the competition data if it is publicly available and free; post it in the external data thread.</p>",
                vec![message(
                    5003,
                    "kaggle_staffer",
                    "2026-11-02T12:00:00.000Z",
                    "<p>Confirmed, and pretrained models count as external data.</p>",
                    vec![],
                )],
            ),
            deleted(
                5004,
                "2026-11-02T13:00:00.000Z",
                vec![message(
                    5005,
                    "Organiser_Olga",
                    "2026-11-02T14:00:00.000Z",
                    "<p>Please keep the thread on topic.</p>",
                    vec![],
                )],
            ),
        ],
    )]
}

/// A competition of `TOPICS` topics: the nested thread first, then one-message topics.
fn competition() -> Competition {
    let mut c = Competition {
        hosts: vec![host(77703, "host_alice")],
        ..Competition::default()
    };
    c.topics.push(topic(
        THREAD,
        "External data thread",
        5,
        "2026-11-02T14:00:00.000Z",
    ));
    c.messages.insert(THREAD, thread());
    for i in 1..TOPICS {
        let id = THREAD + i;
        c.topics.push(topic(
            id,
            &format!("Question {i}"),
            1,
            "2026-11-03T09:00:00.000Z",
        ));
        c.messages.insert(
            id,
            vec![message(
                6000 + i,
                "participant_pat",
                "2026-11-03T09:00:00.000Z",
                &format!("<p>Question number {i} about the leaderboard.</p>"),
                vec![],
            )],
        );
    }
    c
}

fn serve(mock: &KaggleMock, slug: &str, c: Competition) {
    mock.with(|w| w.competitions.insert(slug.to_owned(), c));
}

/// Every exported post of `slug`.
fn posts(env: &Env, slug: &str) -> Vec<Value> {
    env.ok(&["export", "jsonl", "--competition", slug])
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

fn post<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter()
        .find(|p| p["post_id"] == id)
        .unwrap_or_else(|| panic!("post {id} missing"))
}

/// Imports the Meta Kaggle fixture (its Users.csv has tier-5 `kaggle_staffer`).
fn import_meta_kaggle(env: &Env) {
    let from = repo().join("tests/fixtures/kaggle/current");
    let (code, _, err) = run(
        env,
        &["import", "kaggle", from.to_str().expect("utf-8")],
        Creds::Nothing,
    );
    assert_eq!(code, 0, "{err}");
    let staff = std::fs::read_to_string(env.data().join("kaggle-staff.txt")).expect("staff list");
    assert_eq!(staff, "kaggle_staffer\n", "tier 5 only, lower case");
}

#[test]
fn kaggle_live_crawl_pages_nested_replies_and_roles() {
    let mock = KaggleMock::start();
    serve(&mock, SLUG, competition());
    let env = Env::new();
    import_meta_kaggle(&env);
    let (code, sum, err) = crawl(
        &env,
        &mock,
        &discussion(SLUG),
        &["--official-user", "organiser_olga"],
        Creds::Token,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], TOPICS - 1 + 4, "{sum}");
    assert_eq!(sum["dropped_posts"], 1, "the deleted message");
    assert_eq!(sum["official_posts"], 3);
    assert_eq!(sum["errors"], serde_json::json!({}));
    assert!(
        err.contains("official posts: 3 of 48 (hosts list 1, Kaggle staff 1, --official-user 1)"),
        "{err}"
    );

    // The wire: POST, JSON, the SDK's field and enum names, every page of topics.
    let calls = mock.calls();
    assert!(calls.iter().all(|c| c.http_method == "POST"
        && c.content_type.as_deref() == Some("application/json")
        && c.authorization.as_deref() == Some(&format!("Bearer {TOKEN}"))));
    assert_eq!(
        calls[0].method, "ListCompetitionHosts",
        "hosts before anything"
    );
    let pages: Vec<u64> = mock
        .calls_of("ListCompetitionTopics")
        .iter()
        .map(|c| c.body["page"].as_u64().expect("page"))
        .collect();
    assert_eq!(pages, [1, 2, 3]);
    let threads = mock.calls_of("ListTopicMessages");
    assert_eq!(threads.len(), TOPICS as usize);
    assert!(threads.iter().all(|c| c.status == 200
        && c.body["pageSize"] == -1
        && c.body["competitionName"] == SLUG
        && c.body["sortBy"] == "COMMENT_LIST_SORT_BY_OLD"));

    // Posts: Meta Kaggle's site, ids and URLs; nested replies keep their parents.
    let all = posts(&env, SLUG);
    assert_eq!(all.len(), 48);
    let q = post(&all, "5001");
    assert_eq!(q["site"], "kaggle");
    assert_eq!(q["thread_id"], "1000");
    assert_eq!(q["thread_title"], "External data thread");
    assert_eq!(q["post_number"], 1);
    assert_eq!(
        q["url"],
        "https://www.kaggle.com/competitions/live-comp/discussion/1000#5001"
    );
    assert_eq!(q["role"], "participant");
    let a = post(&all, "5002");
    assert_eq!(a["role"], "host");
    assert_eq!(a["reply_to"], "5001");
    assert!(
        a["text"]
            .as_str()
            .unwrap()
            .starts_with("Yes: you may use external data")
    );
    assert_eq!(a["quotes"][0]["text"], "Is external data allowed?");
    let s = post(&all, "5003");
    assert_eq!(
        (s["role"].as_str(), s["reply_to"].as_str()),
        (Some("staff"), Some("5002"))
    );
    let o = post(&all, "5005");
    assert_eq!(
        (o["role"].as_str(), o["reply_to"].as_str()),
        (Some("host"), Some("5004"))
    );
    assert!(all.iter().all(|p| p["post_id"] != "5004"), "deleted kept");

    // Search sees the host's statement as official.
    let hits = env.ok(&[
        "search",
        "external data",
        "--official",
        "--json",
        "--competition",
        SLUG,
    ]);
    assert!(hits.contains("5002"), "{hits}");

    // The token went to the API only as a header: never into the archive or state.
    let kept = env.kept_crawl_text();
    assert!(!kept.contains(TOKEN), "token kept on disk");
    assert!(kept.contains("WARC-Type: request") && kept.contains(r#""topicId":1000"#));

    // reindex replays the archive: the same posts and roles.
    env.ok(&["reindex"]);
    let again = posts(&env, SLUG);
    assert_eq!(again.len(), 48);
    assert_eq!(post(&again, "5003")["role"], "staff");
    assert_eq!(post(&again, "5005")["reply_to"], "5004");
}

#[test]
fn kaggle_live_forbidden_host_list_is_noted_once_and_not_fatal() {
    let mock = KaggleMock::start();
    let mut c = competition();
    c.hosts_forbidden = true;
    serve(&mock, SLUG, c);
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Token);
    assert_eq!(code, 0, "a forbidden host list is not a failure: {err}");
    assert_eq!(sum["errors"], serde_json::json!({}));
    assert_eq!(sum["official_posts"], 0);
    assert_eq!(mock.calls_of("ListCompetitionHosts").len(), 1, "asked once");
    assert_eq!(
        err.matches("host list is not readable with this account (403)")
            .count(),
        1,
        "{err}"
    );
    assert!(err.contains("official posts: 0 of 48"), "{err}");
    assert!(
        err.contains("warning: no post got an official role"),
        "{err}"
    );
    assert!(err.contains("no Kaggle staff list"), "{err}");
    assert_eq!(
        sum["roles"]["notes"].as_array().map(Vec::len),
        Some(2),
        "{sum}"
    );
}

#[test]
fn kaggle_live_single_topic_url() {
    let mock = KaggleMock::start();
    serve(&mock, SLUG, competition());
    let env = Env::new();
    let url = format!("{}/{THREAD}", discussion(SLUG));
    let (code, sum, err) = crawl(&env, &mock, &url, &["--delay", "300ms"], Creds::KeyFile);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 4);
    let all = mock.calls();
    let gap = all[1].at.duration_since(all[0].at);
    assert!(
        gap >= Duration::from_millis(280),
        "--delay kept between POSTs: {gap:?}"
    );
    assert!(mock.calls_of("ListCompetitionTopics").is_empty());
    let calls = mock.calls_of("ListTopicMessages");
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].body["topicId"], THREAD);
    let basic = data_encoding::BASE64.encode(format!("{USER}:{KEY}").as_bytes());
    assert_eq!(
        calls[0].authorization.as_deref(),
        Some(&*format!("Basic {basic}"))
    );
    assert!(!env.kept_crawl_text().contains(KEY), "key kept on disk");
    assert_eq!(post(&posts(&env, SLUG), "5002")["role"], "host");
}

#[test]
fn kaggle_live_missing_or_rejected_credentials_say_where_to_put_them() {
    let mock = KaggleMock::start();
    serve(&mock, SLUG, competition());
    let env = Env::new();
    let (code, _, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Nothing);
    assert_eq!(code, 1, "{err}");
    for needle in [
        "no Kaggle API credentials found",
        "KAGGLE_API_TOKEN",
        "KAGGLE_USERNAME",
        "KAGGLE_KEY",
        "kaggle-config/kaggle.json",
    ] {
        assert!(err.contains(needle), "{needle} missing from: {err}");
    }
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
    assert!(mock.calls().is_empty(), "nothing sent without a credential");

    let (code, _, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Wrong);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("refused the credential (401 Unauthorized)")
            && err.contains("it came from KAGGLE_API_TOKEN")
            && err.contains("kaggle.json"),
        "{err}"
    );
    assert!(
        !err.contains("kgat_revoked_token_987"),
        "secret printed: {err}"
    );
    assert_eq!(mock.calls().len(), 1, "stopped at the first 401");
}

#[test]
fn kaggle_live_rate_limit_is_waited_out() {
    let mock = KaggleMock::start();
    let mut c = competition();
    c.topics.truncate(2);
    serve(&mock, SLUG, c);
    mock.with(|w| w.throttle = 2);
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 5);
    let calls = mock.calls();
    assert_eq!(calls[0].status, 429);
    assert_eq!(calls[1].status, 429);
    let waited = calls[2].at.duration_since(calls[0].at);
    assert!(
        waited >= Duration::from_millis(1900),
        "Retry-After: 1 obeyed twice, waited {waited:?}"
    );
    let host = &sum["hosts"][mock.addr.to_string()];
    assert_eq!(host["retries"], 2, "{sum}");
}

#[test]
fn kaggle_live_recrawl_skips_unchanged_topics() {
    let mock = KaggleMock::start();
    serve(&mock, SLUG, competition());
    let env = Env::new();
    let (code, _, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Token);
    assert_eq!(code, 0, "{err}");
    mock.clear_calls();
    // One topic gains a message; the rest are unchanged.
    mock.with(|w| {
        let c = w.competitions.get_mut(SLUG).expect("comp");
        c.topics[3]["commentCount"] = 2.into();
        c.topics[3]["lastCommentPostDate"] = "2026-11-05T09:00:00.000Z".into();
        let id = THREAD + 3;
        c.messages.get_mut(&id).expect("topic").push(message(
            7003,
            "host_alice",
            "2026-11-05T09:00:00.000Z",
            "<p>Answered.</p>",
            vec![],
        ));
    });
    let (code, sum, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["unchanged_topics"], TOPICS - 1, "{sum}");
    let refetched = mock.calls_of("ListTopicMessages");
    assert_eq!(refetched.len(), 1);
    assert_eq!(refetched[0].body["topicId"], THREAD + 3);
    assert_eq!(post(&posts(&env, SLUG), "7003")["role"], "host");
    assert_eq!(posts(&env, SLUG).len(), 49);
}

const RULES_V1: &str = "<h2>1. Eligibility</h2><p>You must be at least 18 years old to enter.</p>\
<h2>2. Competition-Specific Terms</h2><h3>2.1 Team Limits</h3><p>The maximum Team size is five (5).</p>\
<h3>2.2 Submission Limits</h3><p>You may submit a maximum of five (5) Submissions per day.</p>\
<h3>2.3 External Data</h3><p>You may use data other than the Competition Data (\"External Data\") to develop and test your Submissions, provided it is publicly available and free to all Participants.</p>";

#[test]
fn kaggle_live_rules_page_is_added_and_versioned() {
    let mock = KaggleMock::start();
    let mut c = competition();
    c.pages = vec![
        page("description", "Overview", "<p>Detect the thing.</p>"),
        page("rules", "Competition Rules", RULES_V1),
    ];
    serve(&mock, SLUG, c);
    let env = Env::new();
    let base = mock.base();
    let url = format!("https://www.kaggle.com/competitions/{SLUG}/rules");
    let add = |u: &str, kind: &str, creds| {
        run(
            &env,
            &[
                "doc",
                "add",
                u,
                "--competition",
                SLUG,
                "--kind",
                kind,
                "--api-base",
                &base,
            ],
            creds,
        )
    };
    let (code, _, err) = add(&url, "rules", Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("added `rules` version 1"), "{err}");
    let call = &mock.calls_of("ListCompetitionPages")[0];
    assert_eq!(
        call.body,
        serde_json::json!({"competitionName": SLUG, "pageName": "rules"})
    );
    let list = env.ok(&["doc", "list", "--competition", SLUG]);
    assert!(list.contains("rules/2.3"), "{list}");

    // Unchanged, then changed on Kaggle: version 2 from the same URL.
    let (code, _, err) = add(&url, "rules", Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("unchanged"), "{err}");
    mock.with(|w| {
        let c = w.competitions.get_mut(SLUG).expect("comp");
        c.pages[1]["content"] = RULES_V1
            .replace("five (5) Submissions", "ten (10) Submissions")
            .into();
    });
    let (code, _, err) = add(&url, "rules", Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("added `rules` version 2"), "{err}");
    let diff = env.ok(&["doc", "diff", "--competition", SLUG, "rules"]);
    assert!(diff.contains("1 modified, 0 added, 0 removed"), "{diff}");

    // Another page the same way; a missing page names the ones there are.
    let overview = format!("https://www.kaggle.com/competitions/{SLUG}/overview/description");
    let (code, _, err) = add(&overview, "other", Creds::Token);
    assert_eq!(code, 0, "{err}");
    let prizes = format!("https://www.kaggle.com/competitions/{SLUG}/prizes");
    let (code, _, err) = add(&prizes, "other", Creds::Token);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no page `prizes`") && err.contains("its pages are: description, rules"),
        "{err}"
    );
    // No credential, or a refused one: the same clear messages as the crawl.
    let (code, _, err) = add(&url, "rules", Creds::Nothing);
    assert_eq!(code, 1);
    assert!(err.contains("KAGGLE_API_TOKEN"), "{err}");
    let (code, _, err) = add(&url, "rules", Creds::Wrong);
    assert_eq!(code, 1);
    assert!(
        err.contains("refused the credential from KAGGLE_API_TOKEN (401 Unauthorized)")
            && !err.contains("kgat_revoked"),
        "{err}"
    );
}

/// The key paths of a JSON value: objects by key, arrays through every element.
fn shape(v: &Value, at: &str, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let p = format!("{at}.{k}");
                out.insert(p.clone());
                shape(child, &p, out);
            }
        }
        Value::Array(a) => {
            for child in a {
                shape(child, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn report(env: &Env, slug: &str) -> Value {
    let out = env.ok(&["report", "--competition", slug, "--format", "json"]);
    serde_json::from_str(&out).expect("report JSON")
}

#[test]
fn kaggle_live_report_has_the_shape_of_a_meta_kaggle_import() {
    const DFDC: &str = "deepfake-detection-challenge";
    let rules = format!(
        "<html><head><title>Competition Rules</title></head><body>{RULES_V1}</body></html>"
    );
    // Imported from Meta Kaggle, rules from a saved file.
    let imported = Env::new();
    import_meta_kaggle(&imported);
    let file = imported.file("rules.html", &rules);
    imported.ok(&[
        "doc",
        "add",
        file.to_str().expect("utf-8"),
        "--competition",
        DFDC,
        "--kind",
        "rules",
    ]);
    // Crawled live, rules through the API.
    let mock = KaggleMock::start();
    let mut c = competition();
    c.pages = vec![page("rules", "Competition Rules", RULES_V1)];
    serve(&mock, DFDC, c);
    let live = Env::new();
    let (code, _, err) = crawl(&live, &mock, &discussion(DFDC), &[], Creds::Token);
    assert_eq!(code, 0, "{err}");
    let url = format!("https://www.kaggle.com/competitions/{DFDC}/rules");
    let base = mock.base();
    let (code, _, err) = run(
        &live,
        &[
            "doc",
            "add",
            &url,
            "--competition",
            DFDC,
            "--kind",
            "rules",
            "--api-base",
            &base,
        ],
        Creds::Token,
    );
    assert_eq!(code, 0, "{err}");

    let (a, b) = (report(&imported, DFDC), report(&live, DFDC));
    let (mut sa, mut sb) = Default::default();
    shape(&a, "", &mut sa);
    shape(&b, "", &mut sb);
    // Evidence and questions depend on what was said; every other key must match.
    let keep = |s: &std::collections::BTreeSet<String>| -> Vec<String> {
        s.iter()
            .filter(|p| !p.contains(".evidence[].") && !p.contains(".unanswered_questions[]."))
            .cloned()
            .collect()
    };
    assert_eq!(keep(&sa), keep(&sb));
    assert_eq!(
        a["clauses"].as_array().map(Vec::len),
        b["clauses"].as_array().map(Vec::len)
    );
    assert!(b["provenance"]["posts"].as_u64() > Some(0));
    // The host's answer is cited like any official post.
    let evidence = b["clauses"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|c| c["evidence"].as_array().cloned().unwrap_or_default())
        .find(|e| e["post_id"] == "5002")
        .expect("the host's answer is evidence");
    assert_eq!(evidence["role"], "host");
    assert_eq!(evidence["site"], "kaggle");
}

/// The `done` pages of every crawl state in the data directory.
fn done_pages(env: &Env) -> Vec<String> {
    let Ok(dirs) = std::fs::read_dir(env.data().join("crawls")) else {
        return Vec::new();
    };
    dirs.flatten()
        .filter_map(|d| std::fs::read_to_string(d.path().join("state.json")).ok())
        .filter_map(|s| serde_json::from_str::<Value>(&s).ok())
        .flat_map(|v| v["done"].as_array().cloned().unwrap_or_default())
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect()
}

#[test]
fn kaggle_live_killed_crawl_resumes_with_its_host_list() {
    let mock = KaggleMock::start();
    serve(&mock, SLUG, competition());
    let env = Env::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rulegap"))
        .env_remove("RULEGAP_DATA")
        .env_remove("KAGGLE_USERNAME")
        .env_remove("KAGGLE_KEY")
        .env("HOME", env.dir.path().join("home"))
        .env("KAGGLE_CONFIG_DIR", config_dir(&env))
        .env("KAGGLE_API_TOKEN", TOKEN)
        .arg("--data")
        .arg(env.data())
        .args(["crawl", &discussion(SLUG), "--api-base", &mock.base()])
        .args(["--delay", "40ms", "--quiet"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let t0 = std::time::Instant::now();
    while done_pages(&env).len() < 10 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "no checkpoint written"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let done: Vec<String> = done_pages(&env)
        .into_iter()
        .filter_map(|u| {
            u.split("topicId=")
                .nth(1)
                .map(|t| t.split('&').next().unwrap_or("").to_owned())
        })
        .collect();
    mock.clear_calls();
    let (code, _, err) = crawl(&env, &mock, &discussion(SLUG), &[], Creds::Token);
    assert_eq!(code, 0, "{err}");
    assert!(
        mock.calls_of("ListCompetitionHosts").is_empty(),
        "host list kept in the state"
    );
    let again: Vec<String> = mock
        .calls_of("ListTopicMessages")
        .iter()
        .map(|c| c.body["topicId"].to_string())
        .filter(|t| done.contains(t))
        .collect();
    assert!(again.is_empty(), "refetched finished topics: {again:?}");
    let all = posts(&env, SLUG);
    assert_eq!(all.len(), 48);
    assert_eq!(post(&all, "5002")["role"], "host");
}
