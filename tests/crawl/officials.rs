//! Official-account settings against the demo forum (hosts post as `host_bo`
//! and `host_chidi` in the group `organizers`; some participants are
//! `beta-testers`): remembered with the crawl, reused by a plain re-crawl or
//! a new URL of the same forum, replaced by new ones, cleared by
//! `--official-reset`; a misspelled one is warned about; and the same forum
//! crawled under a second address is warned about.

use rulegap::demo::{ServerOptions, Site, serve_blocking};

use super::{crawl, posts};
use crate::util::Env;

const COMPETITION: &str = "camera-traps-2026";

fn demo() -> rulegap::demo::BlockingServer {
    serve_blocking(Site::demo().expect("demo site"), ServerOptions::default()).expect("demo server")
}

fn category_url(server: &rulegap::demo::BlockingServer) -> String {
    let id = rulegap::demo::CompetitionFixture::demo()
        .expect("demo")
        .spec
        .category_id;
    format!("{}/c/{COMPETITION}/{id}", server.base_url())
}

fn official(env: &Env) -> u64 {
    let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    s["competitions"][COMPETITION]["official_posts"]
        .as_u64()
        .unwrap_or(0)
}

/// `rulegap crawl ARGS… --delay 0` without `--quiet`: (code, stderr).
fn crawl_loud(env: &Env, args: &[&str]) -> (i32, String) {
    let mut all = vec!["crawl", "--delay", "0"];
    all.extend(args);
    let (code, _, err) = env.run(&all);
    (code, err)
}

#[test]
fn a_plain_recrawl_keeps_the_official_accounts_given_before() {
    let server = demo();
    let env = Env::new();
    let url = category_url(&server);
    let (code, _, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let forum_only = official(&env);
    let (code, _, err) = crawl(&env, &[&url, "--official-group", "organizers"]);
    assert_eq!(code, 0, "{err}");
    let with_hosts = official(&env);
    assert!(with_hosts > forum_only, "{forum_only} -> {with_hosts}");

    // The same command without the option: the group still counts, and the
    // crawl says where it came from.
    let (code, err) = crawl_loud(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "using the official accounts remembered for this crawl: --official-group organizers"
        ) && err.contains("--official-reset clears them"),
        "{err}"
    );
    assert!(!err.contains("matched no"), "{err}");
    assert_eq!(official(&env), with_hosts);

    // Giving another option replaces them all, and says what changed.
    let (code, _, err) = crawl(&env, &[&url, "--official-user", "host_bo"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("official users: none → host_bo")
            && err.contains("official groups: organizers → none")
            && err.contains("remembered for later crawls"),
        "{err}"
    );
    let one_host = official(&env);
    assert!(
        forum_only < one_host && one_host < with_hosts,
        "{forum_only} < {one_host} < {with_hosts}"
    );
    let (code, _, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(official(&env), one_host, "{err}");
    let hosts: Vec<_> = posts(&env, Some(COMPETITION))
        .into_iter()
        .filter(|p| p["role"] == "host")
        .map(|p| p["author"].as_str().unwrap_or("").to_owned())
        .collect();
    assert!(
        !hosts.is_empty() && hosts.iter().all(|a| a == "host_bo"),
        "{hosts:?}"
    );
}

/// A topic of the forum crawled on its own after its category: the topic's
/// posts are stored again, and keep the hosts the category crawl was told of.
#[test]
fn a_new_url_of_the_same_forum_takes_the_last_crawls_official_accounts() {
    let server = demo();
    let env = Env::new();
    let url = category_url(&server);
    let (code, _, err) = crawl(&env, &[&url, "--official-group", "organizers"]);
    assert_eq!(code, 0, "{err}");
    let before = official(&env);
    let topic = posts(&env, Some(COMPETITION))
        .into_iter()
        .find(|p| p["role"] == "host")
        .and_then(|p| p["thread_url"].as_str().map(str::to_owned))
        .expect("a thread with a host post");
    let (code, err) = crawl_loud(&env, &[&topic]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("using the official accounts of the last crawl of this forum")
            && err.contains(&url)
            && err.contains("--official-group organizers"),
        "{err}"
    );
    assert_eq!(official(&env), before, "{err}");
}

#[test]
fn misspelled_official_accounts_are_warned_about() {
    let server = demo();
    let env = Env::new();
    let url = category_url(&server);
    let args = [
        url.as_str(),
        "--official-user",
        "host_boo",
        "--official-group",
        "organisers",
    ];
    let (code, sum, err) = crawl(&env, &args);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "rulegap: warning: --official-group organisers matched no post; groups seen on this forum: organizers, beta-testers; did you mean organizers?"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "rulegap: warning: --official-user host_boo matched no author of this crawl's posts; did you mean host_bo?"
        ),
        "{err}"
    );
    assert_eq!(
        sum["unmatched_officials"].as_array().map(Vec::len),
        Some(2),
        "{sum}"
    );
    // The remembered settings are checked again on a plain re-crawl, though
    // no topic changed and none is fetched again; a state written before the
    // authors were kept has them read from the archive.
    forget_seen_authors(&env);
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 0, "{sum}");
    assert!(
        err.contains("--official-group organisers matched no post")
            && err.contains("--official-user host_boo matched no author"),
        "{err}"
    );
    // Spelled right, nothing to say.
    let (code, sum, err) = crawl(
        &env,
        &[
            &url,
            "--official-user",
            "HOST_BO",
            "--official-group",
            "Organizers",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("matched no"), "{err}");
    assert!(sum.get("unmatched_officials").is_none(), "{sum}");
}

/// Rewrites every crawl state as an earlier version wrote it: without `seen`.
fn forget_seen_authors(env: &Env) {
    for e in std::fs::read_dir(env.data().join("crawls"))
        .expect("crawls")
        .flatten()
    {
        let path = e.path().join("state.json");
        let mut state: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("state")).expect("json");
        assert!(state["seen"]["authors"].is_array(), "{path:?}");
        state.as_object_mut().expect("object").remove("seen");
        std::fs::write(&path, state.to_string()).expect("write state");
    }
}

/// The same forum under a second address: another site name, so every post
/// would be stored twice. The crawl warns, and still succeeds.
#[test]
fn the_same_forum_under_another_address_is_warned_about() {
    let first = demo();
    let second = demo();
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&category_url(&first)]);
    assert_eq!(code, 0, "{err}");
    assert!(sum.get("duplicate_sites").is_none(), "{sum}");
    assert!(!err.contains("counted twice"), "{err}");
    let threads = {
        let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
        s["competitions"][COMPETITION]["threads"].as_u64().unwrap()
    };
    let (code, sum, err) = crawl(&env, &[&category_url(&second)]);
    assert_eq!(code, 0, "{err}");
    let second_site = second.base_url().trim_start_matches("http://").to_owned();
    assert!(
        err.contains(&format!(
            "rulegap: warning: {threads} of the {threads} threads of `{COMPETITION}` crawled from {second_site} are already stored from {}",
            first.base_url().trim_end_matches('/')
        )) && err.contains("counted twice")
            && err.contains("rulegap reindex"),
        "{err}"
    );
    assert_eq!(sum["duplicate_sites"][0]["duplicates"], threads, "{sum}");
    // Again: one warning, the copy on its own site being no duplicate.
    let (code, _, err) = crawl(&env, &[&category_url(&second)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("counted twice").count(), 1, "{err}");
}

/// A topic that is not on the forum stores nothing: an error (exit 1), not a
/// partial success, although the site's /site.json answered. A URL or a
/// title pattern that does not parse is a usage error (exit 2).
#[test]
fn a_missing_topic_is_an_error_and_a_bad_argument_a_usage_error() {
    let server = demo();
    let env = Env::new();
    let missing = format!("{}/t/nope/99999", server.base_url());
    let (code, err) = crawl_loud(&env, &[&missing]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nothing was crawled: the one page with posts failed"),
        "{err}"
    );
    let (code, err) = crawl_loud(&env, &["not-a-url"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`not-a-url` is not a URL"), "{err}");
    let (code, err) = crawl_loud(&env, &[&category_url(&server), "--official-title", "(["]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a valid pattern"), "{err}");
}
