//! What a crawl puts in the store: both pagination schemes, a 45-post topic,
//! roles, quotes, competitions, the real Discourse example responses, a wrong
//! slug redirect, and a malformed page that fails alone.

use serde_json::json;

use super::forum::{self, Topic};
use super::mock::{Mock, Reply};
use super::{crawl, posts};
use crate::util::Env;

#[test]
fn site_root_crawl_follows_both_pagination_schemes() {
    let mock = Mock::start();
    forum::standard(&mock, 35);
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/", mock.base())]);
    assert_eq!(code, 0, "{err}");
    // comp-a: 45 + 3 + 33 topics of 2 posts; comp-b: 2 + 1.
    assert_eq!(sum["posts"], 45 + 3 + 66 + 3, "{sum}");
    assert_eq!(posts(&env, Some("comp-a")).len(), 114);
    assert_eq!(posts(&env, Some("comp-b")).len(), 3);
    // Lists: page 0 full (30) with more_topics_url, page 1 (5) without: no page 2.
    assert_eq!(mock.count("/c/comp-a/7/l/latest.json?page=1"), 1);
    assert_eq!(mock.count("/c/comp-a/7/l/latest.json?page=2"), 0);
    // The 45-post topic: first 20 in the topic, then chunks of 20 and 5.
    let chunks: Vec<String> = mock
        .hits()
        .into_iter()
        .map(|h| h.path)
        .filter(|p| p.starts_with("/t/100/posts.json"))
        .collect();
    assert_eq!(chunks.len(), 2, "{chunks:?}");
    assert_eq!(
        chunks
            .iter()
            .map(|c| c.matches("post_ids[]=").count())
            .sum::<usize>(),
        25
    );
    let long: Vec<_> = posts(&env, Some("comp-a"))
        .into_iter()
        .filter(|p| p["thread_id"] == "100")
        .collect();
    assert_eq!(long.len(), 45);
    let last = long
        .iter()
        .find(|p| p["post_number"] == 45)
        .expect("post 45");
    assert_eq!(last["url"], format!("{}/t/topic-100/100/45", mock.base()));
    assert_eq!(last["site"], mock.site());
}

#[test]
fn a_moderator_quoting_a_participant_is_not_saying_it() {
    let mock = Mock::start();
    forum::standard(&mock, 3);
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&format!("{}/c/comp-a/7", mock.base())]);
    assert_eq!(code, 0, "{err}");
    let all = posts(&env, Some("comp-a"));
    let mia = all
        .iter()
        .find(|p| p["author"] == "mod_mia")
        .expect("moderator post");
    assert_eq!(mia["role"], "moderator");
    assert_eq!(
        mia["text"],
        "Yes, external corpora are fine if you post them in the official thread."
    );
    assert_eq!(mia["quotes"][0]["author"], "bob");
    assert_eq!(mia["quotes"][0]["post_ref"], "2");
    assert_eq!(mia["reply_to"], "101002");
    assert!(mia["edited_at"].is_string());
    let official = env.ok(&["search", "GridMaster", "--official", "--json"]);
    assert!(
        official.trim().is_empty(),
        "quoted words credited to the moderator: {official}"
    );
    let quoted = env.ok(&[
        "search",
        "GridMaster",
        "--official",
        "--include-quotes",
        "--json",
    ]);
    assert!(quoted.contains("mod_mia"), "{quoted}");
}

#[test]
fn competition_and_hosts_come_from_the_flags() {
    let mock = Mock::start();
    forum::standard(&mock, 3);
    let env = Env::new();
    let url = format!("{}/c/comp-b/8", mock.base());
    let (code, sum, err) = crawl(
        &env,
        &[&url, "--competition", "my-comp", "--official-user", "USER1"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["official_posts"], 2, "{sum}");
    let all = posts(&env, Some("my-comp"));
    assert_eq!(all.len(), 3);
    assert!(
        all.iter()
            .all(|p| (p["author"] == "user1") == (p["role"] == "host"))
    );
    let settings = std::fs::read_dir(env.data().join("crawls"))
        .expect("crawls/")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path().join("settings.json")).expect("settings"))
        .collect::<Vec<_>>();
    assert!(settings[0].contains("my-comp") && settings[0].contains("USER1"));
}

#[test]
fn the_real_example_responses_parse() {
    let mock = Mock::start();
    forum::serve_site(&mock, &[("uncategorized", 1)]);
    let fixture = |n: &str| {
        std::fs::read_to_string(crate::util::repo().join("tests/fixtures/discourse").join(n))
            .expect("fixture")
    };
    let topic: serde_json::Value =
        serde_json::from_str(&fixture("topic_response.json")).expect("json");
    let slug = topic["slug"].as_str().expect("slug").to_owned();
    mock.json(&format!("/t/{slug}/13.json"), &topic);
    mock.json(
        "/latest.json",
        &serde_json::from_str(&fixture("latest_topics_response.json")).expect("json"),
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/t/{slug}/13", mock.base())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 1);
    let p = &posts(&env, None)[0];
    assert_eq!(
        (p["author"].as_str(), p["role"].as_str()),
        (Some("discourse1"), Some("admin"))
    );
    // The latest list parses too (its topics are not served here: they fail,
    // the list does not; with no post stored, the crawl is an error).
    let (code, sum, _) = crawl(&env, &[&format!("{}/latest", mock.base())]);
    assert_eq!(code, 1);
    assert!(sum["errors"].get("parse").is_none(), "{sum}");
}

#[test]
fn a_wrong_slug_redirect_is_followed() {
    let mock = Mock::start();
    forum::serve_site(&mock, &[("comp-a", 7)]);
    Topic::plain(300, 7, 2).serve(&mock);
    let to = format!("{}/t/topic-300/300.json", mock.base());
    mock.route(
        "/t/old-slug/300.json",
        vec![Reply::status(301).header("location", &to)],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/t/old-slug/300", mock.base())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2);
    assert_eq!(posts(&env, None)[0]["competition"], "comp-a");
}

#[test]
fn a_malformed_page_fails_alone() {
    let mock = Mock::start();
    forum::standard(&mock, 4);
    mock.route(
        "/t/topic-102/102.json",
        vec![Reply::raw(
            200,
            "application/json",
            "{\"post_stream\": [oops",
        )],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/c/comp-a/7", mock.base())]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("/t/topic-102/102.json") && err.contains("not the Discourse JSON"),
        "{err}"
    );
    assert_eq!(sum["errors"], json!({"parse": 1}));
    assert_eq!(posts(&env, Some("comp-a")).len(), 45 + 3 + 2);
    let status = env.ok(&["status", "--json"]);
    assert!(
        status.contains("\"failed_pages\":1") || status.contains("\"failed_pages\": 1"),
        "{status}"
    );
}

/// A host that refuses connections is reported once, as such: not as a
/// robots.txt problem, and not a second time as a skipped page.
#[test]
fn an_unreachable_host_is_reported_once() {
    let env = Env::new();
    // Port 9 (discard) on loopback: nothing listens there.
    let (code, _, err) = crawl(&env, &["http://127.0.0.1:9/c/rules/1", "--timeout", "2s"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("cannot connect").count(), 1, "{err}");
    assert!(!err.contains("robots.txt"), "{err}");
    let (code, _, err) = env.run(&["crawl", "http://127.0.0.1:9/", "--timeout", "0"]);
    assert_eq!(code, 2, "{err}");
}

/// A forum that hides `/site.json` is still crawled from a topic URL: the
/// missing metadata is a note, not a failed page and not a failing exit code.
#[test]
fn a_refused_site_json_is_a_note_not_a_failure() {
    let mock = Mock::start();
    forum::serve_site(&mock, &[("comp-a", 7)]);
    mock.route("/site.json", vec![Reply::status(404)]);
    Topic::plain(300, 7, 2).serve(&mock);
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/t/topic-300/300", mock.base())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2);
    assert_eq!(sum["errors"], json!({}), "{sum}");
    assert!(
        err.contains("/site.json is not readable") && err.contains("not counted as a failed page"),
        "{err}"
    );
    assert!(err.contains("--competition"), "{err}");
    assert_eq!(posts(&env, None)[0]["competition"], "uncategorized");
}
