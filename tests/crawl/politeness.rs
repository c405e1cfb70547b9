//! Politeness and robustness, observed from the server's side: robots.txt
//! (a disallowed path, a 500), `Retry-After`, retries after a 500, timeouts,
//! off-site redirects, the body size limit, request spacing and the User-Agent.

use std::time::Duration;

use super::crawl;
use super::forum::{self, Topic};
use super::mock::{Mock, Reply};
use crate::util::Env;

/// A one-topic site: robots.txt, site.json, topic 300 of 2 posts.
fn one_topic() -> (Mock, String) {
    let mock = Mock::start();
    forum::serve_site(&mock, &[("comp-a", 7)]);
    Topic::plain(300, 7, 2).serve(&mock);
    let url = format!("{}/t/topic-300/300", mock.base());
    (mock, url)
}

#[test]
fn retry_after_pauses_the_host() {
    let (mock, url) = one_topic();
    let view = Topic::plain(300, 7, 2).view();
    mock.route(
        "/t/topic-300/300.json",
        vec![
            Reply::raw(
                429,
                "text/plain",
                "Slow down, too many requests. Please retry again in 1 second.",
            )
            .header("retry-after", "1")
            .header("discourse-rate-limit-error-code", "ip_10_secs_limit"),
            Reply::json(&view),
        ],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2);
    let hits: Vec<_> = mock
        .hits()
        .into_iter()
        .filter(|h| h.path == "/t/topic-300/300.json")
        .collect();
    assert_eq!(hits.len(), 2);
    let gap = hits[1].at - hits[0].at;
    assert!(gap >= Duration::from_millis(950), "waited only {gap:?}");
}

#[test]
fn a_server_error_is_retried() {
    let (mock, url) = one_topic();
    let view = Topic::plain(300, 7, 2).view();
    mock.route(
        "/t/topic-300/300.json",
        vec![Reply::status(500), Reply::json(&view)],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2);
    assert_eq!(mock.count("/t/topic-300/300.json"), 2);
    assert_eq!(sum["hosts"][mock.site()]["retries"], 1, "{sum}");
    // Plain JSON: response classes by name, waiting time in seconds.
    assert!(
        sum["hosts"][mock.site()]["by_class"]["2xx"]
            .as_u64()
            .is_some(),
        "{sum}"
    );
    assert!(
        sum["hosts"][mock.site()]["waited_s"].as_f64().is_some(),
        "{sum}"
    );
}

#[test]
fn a_timeout_is_retried_then_reported() {
    let (mock, url) = one_topic();
    let view = Topic::plain(300, 7, 2).view();
    mock.route(
        "/t/topic-300/300.json",
        vec![Reply::json(&view).delayed(Duration::from_secs(5))],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&url, "--timeout", "300ms"]);
    assert_eq!(code, 1, "the only topic failed: {err}");
    assert_eq!(sum["errors"]["timeout"], 1, "{sum}");
    assert!(
        err.contains("/t/topic-300/300.json")
            && err.contains("after 4 tries: no answer within 300ms")
            && err.contains("--timeout"),
        "{err}"
    );
    assert_eq!(
        mock.count("/t/topic-300/300.json"),
        4,
        "one try and three retries"
    );
}

#[test]
fn robots_txt_keeps_the_crawler_out_of_a_path() {
    let mock = Mock::start();
    forum::standard(&mock, 3);
    mock.route(
        "/robots.txt",
        vec![Reply::raw(
            200,
            "text/plain",
            "User-agent: *\nDisallow: /u/\n\nUser-agent: rulegap\nDisallow: /c/comp-b/\n",
        )],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&format!("{}/", mock.base())]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(sum["errors"]["robots"], 1, "{sum}");
    assert_eq!(mock.count("/c/comp-b"), 0);
    assert_eq!(mock.count("/t/topic-200"), 0);
    assert!(mock.count("/c/comp-a") > 0);
    assert!(err.contains("robots.txt"), "{err}");
}

#[test]
fn robots_txt_answering_500_disallows_everything() {
    let (mock, url) = one_topic();
    mock.route("/robots.txt", vec![Reply::status(500)]);
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&url, "--source", "discourse"]);
    assert_eq!(code, 1, "every page refused: nothing was crawled: {err}");
    assert!(mock.hits().iter().all(|h| h.path == "/robots.txt"));
    assert!(err.contains("robots.txt answered 500"), "{err}");
}

#[test]
fn an_off_site_redirect_is_refused() {
    let (mock, url) = one_topic();
    let elsewhere = Mock::start();
    Topic::plain(300, 7, 2).serve(&elsewhere);
    let to = format!("{}/t/topic-300/300.json", elsewhere.base());
    mock.route(
        "/t/topic-300/300.json",
        vec![Reply::status(302).header("location", &to)],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 1, "the only topic failed: {err}");
    assert_eq!(sum["errors"]["off_site_redirect"], 1, "{sum}");
    assert_eq!(elsewhere.hits().len(), 0);
    assert!(err.contains(&to), "{err}");
}

#[test]
fn an_oversized_body_is_refused() {
    let (mock, url) = one_topic();
    let big = vec![b' '; 21 << 20];
    mock.route(
        "/t/topic-300/300.json",
        vec![Reply::raw(200, "application/json", big)],
    );
    let env = Env::new();
    let (code, sum, err) = crawl(&env, &[&url]);
    assert_eq!(code, 1, "the only topic failed: {err}");
    assert_eq!(sum["errors"]["too_large"], 1, "{sum}");
    assert!(err.contains("20 MiB"), "{err}");
}

#[test]
fn requests_to_a_host_are_spaced() {
    let mock = Mock::start();
    forum::standard(&mock, 4);
    let env = Env::new();
    let (code, _, err) = crawl(
        &env,
        &[&format!("{}/c/comp-b/8", mock.base()), "--delay", "200ms"],
    );
    assert_eq!(code, 0, "{err}");
    let mut at: Vec<_> = mock.hits().iter().map(|h| h.at).collect();
    at.sort();
    assert!(at.len() >= 5, "{} requests", at.len());
    for w in at.windows(2) {
        let gap = w[1] - w[0];
        assert!(gap >= Duration::from_millis(180), "requests {gap:?} apart");
    }
    let ua = mock.hits()[0].header("user-agent").unwrap_or("").to_owned();
    assert!(
        ua.starts_with("rulegap/") && ua.contains("(+https://"),
        "{ua}"
    );
}

#[test]
fn the_user_agent_carries_the_contact() {
    let (mock, url) = one_topic();
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&url, "--user-agent", "ops@example.org"]);
    assert_eq!(code, 0, "{err}");
    let ua = mock.hits()[0].header("user-agent").unwrap_or("").to_owned();
    assert!(ua.ends_with(" ops@example.org"), "{ua}");
}

#[test]
fn robots_crawl_delay_is_a_floor() {
    let (mock, url) = one_topic();
    mock.route(
        "/robots.txt",
        vec![Reply::raw(
            200,
            "text/plain",
            "User-agent: *\nCrawl-delay: 0.3\n",
        )],
    );
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&url, "--delay", "0"]);
    assert_eq!(code, 0, "{err}");
    let at: Vec<_> = mock.hits().iter().map(|h| h.at).collect();
    assert_eq!(at.len(), 3, "robots.txt, site.json, the topic");
    for w in at.windows(2) {
        assert!(
            w[1] - w[0] >= Duration::from_millis(280),
            "{:?}",
            w[1] - w[0]
        );
    }
}

#[test]
fn an_unknown_site_must_prove_it_is_discourse() {
    let mock = Mock::start();
    mock.route(
        "/site.json",
        vec![Reply::raw(200, "text/html", "<html>a blog</html>")],
    );
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&format!("{}/", mock.base())]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("does not look like a Discourse forum") && err.contains("--source"),
        "{err}"
    );
    assert_eq!(mock.count("/categories.json"), 0);
}
