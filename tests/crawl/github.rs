//! `rulegap crawl https://github.com/OWNER/REPO/issues/N` against a mock REST
//! API (SOURCES.md §7.5): Link-header pagination (`rel="next"`/`"last"`, and
//! one page without a Link), every `author_association`, a site admin, the
//! API headers, `GITHUB_TOKEN` sent but never archived, a 403 primary limit
//! whose reset is 2 s ahead, a 429 with `retry-after: 1`, a reset beyond the
//! cap, a conditional recrawl, `reindex`, and the required `--competition`.

use std::time::Duration;

use serde_json::{Value, json};

use super::mock::{Mock, Reply};
use super::posts;
use crate::util::Env;

const ISSUE: &str = "/repos/org/comp/issues/7";
const ASSOCIATIONS: [&str; 8] = [
    "COLLABORATOR",
    "CONTRIBUTOR",
    "FIRST_TIMER",
    "FIRST_TIME_CONTRIBUTOR",
    "MANNEQUIN",
    "MEMBER",
    "NONE",
    "OWNER",
];

fn user(login: &str, site_admin: bool) -> Value {
    json!({"login": login, "id": 1, "type": "User", "site_admin": site_admin})
}

fn comment(id: u64, login: &str, association: &str, body: &str, site_admin: bool) -> Value {
    json!({"id": id, "node_id": "IC_x", "html_url": format!("https://github.com/org/comp/issues/7#issuecomment-{id}"),
           "body": body, "user": user(login, site_admin), "author_association": association,
           "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"})
}

fn issue(comments: u64) -> Value {
    json!({"id": 5001, "number": 7, "title": "Is external data allowed?", "state": "open",
           "html_url": "https://github.com/org/comp/issues/7", "comments": comments,
           "body": "> Participants may use external data.\n\nDoes this include pretrained weights?",
           "user": user("pat", false), "author_association": "NONE",
           "created_at": "2024-03-01T09:00:00Z", "updated_at": "2024-03-02T09:00:00Z"})
}

/// The issue, a first page with one comment per association and a Link to the
/// second (a `/repositories/{id}/…` URL, as GitHub writes them), whose one
/// comment is by a site admin and edited.
fn two_pages(mock: &Mock) {
    let page2 = format!(
        "{}/repositories/42/issues/7/comments?per_page=100&page=2",
        mock.base()
    );
    mock.route(
        ISSUE,
        vec![Reply::json(&issue(9)).header("etag", "\"issue-v1\"")],
    );
    let first: Vec<Value> = ASSOCIATIONS
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let login = a.to_lowercase();
            comment(
                100 + i as u64,
                &login,
                a,
                &format!("Comment by an {a}."),
                false,
            )
        })
        .collect();
    mock.route(
        &format!("{ISSUE}/comments?per_page=100"),
        vec![
            Reply::json(&Value::Array(first))
                .header(
                    "link",
                    &format!("<{page2}>; rel=\"next\", <{page2}>; rel=\"last\""),
                )
                .header("etag", "\"p1-v1\""),
        ],
    );
    let mut admin = comment(
        200,
        "octostaff",
        "NONE",
        "Staff here: yes, weights are external data.",
        true,
    );
    admin["updated_at"] = json!("2024-03-03T08:00:00Z");
    mock.route(
        "/repositories/42/issues/7/comments?per_page=100&page=2",
        vec![Reply::json(&json!([admin]))
            .header("link", &format!("<{}/repositories/42/issues/7/comments?per_page=100&page=1>; rel=\"prev\", <{0}/repositories/42/issues/7/comments?per_page=100&page=1>; rel=\"first\"", mock.base()))
            .header("etag", "\"p2-v1\"")],
    );
}

/// `rulegap crawl … --competition comp --api-base MOCK`, with `token` as GITHUB_TOKEN.
fn gh_crawl(env: &Env, mock: &Mock, token: Option<&str>) -> (i32, Value, String) {
    let mut cmd = env.cmd(&[
        "crawl",
        "--quiet",
        "--json",
        "--delay",
        "0",
        "https://github.com/org/comp/issues/7",
        "--competition",
        "comp",
        "--api-base",
        &mock.base(),
    ]);
    cmd.env_remove("GITHUB_TOKEN");
    if let Some(t) = token {
        cmd.env("GITHUB_TOKEN", t);
    }
    let out = cmd.output().expect("run rulegap");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let sum = stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        sum,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn github_follows_link_pages_and_maps_every_association() {
    let mock = Mock::start();
    two_pages(&mock);
    let env = Env::new();
    let (code, sum, err) = gh_crawl(&env, &mock, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 10, "{sum}");
    assert_eq!(sum["official_posts"], 4, "{sum}");
    let all = posts(&env, Some("comp"));
    let role = |author: &str| {
        all.iter()
            .find(|p| p["author"] == author)
            .map(|p| p["role"].as_str().unwrap_or("").to_owned())
            .unwrap_or_else(|| panic!("no post by {author}"))
    };
    for a in ASSOCIATIONS {
        let expected = if matches!(a, "OWNER" | "MEMBER" | "COLLABORATOR") {
            "host"
        } else {
            "participant"
        };
        assert_eq!(role(&a.to_lowercase()), expected, "{a}");
    }
    assert_eq!(role("octostaff"), "staff");
    let opening = all
        .iter()
        .find(|p| p["post_id"] == "issue-5001")
        .expect("issue");
    assert_eq!(opening["post_number"], 1);
    assert_eq!(opening["thread_id"], "org/comp#7");
    assert_eq!(opening["thread_title"], "Is external data allowed?");
    assert_eq!(opening["site"], "github.com");
    assert_eq!(opening["text"], "Does this include pretrained weights?");
    assert_eq!(
        opening["quotes"][0]["text"],
        "Participants may use external data."
    );
    assert!(opening["edited_at"].is_null());
    let staff = all
        .iter()
        .find(|p| p["post_id"] == "200")
        .expect("comment 200");
    assert_eq!(staff["edited_at"], "2024-03-03T08:00:00Z");
    assert_eq!(staff["thread_id"], "org/comp#7");
    assert_eq!(
        staff["url"],
        "https://github.com/org/comp/issues/7#issuecomment-200"
    );
    let hits = mock.hits();
    assert_eq!(hits.len(), 3, "{hits:?}");
    for h in &hits {
        assert_eq!(h.header("accept"), Some("application/vnd.github+json"));
        assert_eq!(h.header("x-github-api-version"), Some("2022-11-28"));
        assert_eq!(h.header("authorization"), None);
    }
    // A recrawl asks conditionally: three 304s, nothing re-parsed.
    mock.clear_log();
    let (code, again, err) = gh_crawl(&env, &mock, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(again["not_modified"], 3, "{again}");
    let before = posts(&env, None).len();
    env.ok(&["reindex"]);
    assert_eq!(posts(&env, None).len(), before);
}

#[test]
fn github_token_is_sent_but_never_kept() {
    let mock = Mock::start();
    two_pages(&mock);
    let env = Env::new();
    let token = "ghp_testTOKEN0123456789";
    let (code, _, err) = gh_crawl(&env, &mock, Some(token));
    assert_eq!(code, 0, "{err}");
    let hits = mock.hits();
    assert!(
        hits.iter()
            .all(|h| h.header("authorization") == Some(&format!("Bearer {token}"))),
        "{hits:?}"
    );
    assert!(!err.contains(token));
    let text = env.kept_crawl_text();
    assert!(!text.is_empty());
    assert!(
        !text.contains(token),
        "the token reached the data directory"
    );
    assert!(text.contains("Comment by an OWNER."), "archive unreadable?");
}

#[test]
fn github_primary_limit_pauses_until_the_reset() {
    let mock = Mock::start();
    let reset = jiff::Timestamp::now().as_second() + 2;
    mock.route(
        ISSUE,
        vec![
            Reply::raw(
                403,
                "application/json",
                r#"{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#,
            )
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-used", "60")
            .header("x-ratelimit-reset", &reset.to_string())
            .header("x-ratelimit-resource", "core"),
            Reply::json(&issue(1)),
        ],
    );
    // One page of comments, no Link header.
    mock.json(
        &format!("{ISSUE}/comments?per_page=100"),
        &json!([comment(300, "org-owner", "OWNER", "Yes.", false)]),
    );
    let env = Env::new();
    let (code, sum, err) = gh_crawl(&env, &mock, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2, "{sum}");
    let at: Vec<_> = mock
        .hits()
        .into_iter()
        .filter(|h| h.path == ISSUE)
        .map(|h| h.at)
        .collect();
    assert_eq!(at.len(), 2);
    let paused = at[1] - at[0];
    assert!(
        paused >= Duration::from_millis(900),
        "paused only {paused:?}"
    );
    assert!(paused <= Duration::from_secs(4), "paused {paused:?}");
    assert_eq!(mock.count(&format!("{ISSUE}/comments")), 1);
}

#[test]
fn github_429_retry_after_is_obeyed() {
    let mock = Mock::start();
    mock.json(ISSUE, &issue(1));
    let page = format!("{ISSUE}/comments?per_page=100");
    mock.route(
        &page,
        vec![
            Reply::raw(
                429,
                "application/json",
                r#"{"message":"You have exceeded a secondary rate limit."}"#,
            )
            .header("retry-after", "1"),
            Reply::json(&json!([comment(301, "m", "MEMBER", "Fine.", false)])),
        ],
    );
    let env = Env::new();
    let (code, sum, err) = gh_crawl(&env, &mock, None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 2, "{sum}");
    let at: Vec<_> = mock
        .hits()
        .into_iter()
        .filter(|h| h.path == page)
        .map(|h| h.at)
        .collect();
    assert_eq!(at.len(), 2);
    assert!(
        at[1] - at[0] >= Duration::from_millis(950),
        "{:?}",
        at[1] - at[0]
    );
}

#[test]
fn github_reset_beyond_the_cap_fails_the_page_with_advice() {
    let mock = Mock::start();
    let reset = jiff::Timestamp::now().as_second() + 3600;
    mock.route(
        ISSUE,
        vec![
            Reply::raw(
                403,
                "application/json",
                r#"{"message":"API rate limit exceeded"}"#,
            )
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", &reset.to_string()),
        ],
    );
    let env = Env::new();
    let (code, sum, err) = gh_crawl(&env, &mock, None);
    assert_eq!(
        code, 1,
        "nothing was crawled: an error, not a partial success: {err}"
    );
    assert_eq!(sum["errors"]["rate_limited"], 1, "{sum}");
    assert!(err.contains("GITHUB_TOKEN"), "{err}");
    assert_eq!(mock.count(ISSUE), 1, "no retry for an hour-long wait");
}

#[test]
fn github_missing_issue_and_missing_competition_are_clear_errors() {
    let mock = Mock::start();
    let env = Env::new();
    let (code, _, err) = gh_crawl(&env, &mock, None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("check OWNER/REPO and the number"), "{err}");
    let (code, _, err) = env.run(&["crawl", "https://github.com/org/comp"]);
    assert_eq!(code, 2, "a repository is no issue: {err}");
    assert!(
        err.contains("give one GitHub issue or pull request"),
        "{err}"
    );
    let (code, _, err) = env.run(&["crawl", "https://github.com/org/comp/pull/7"]);
    assert_eq!(code, 2, "a usage error: {err}");
    assert!(
        err.contains("--competition is required for GitHub crawls"),
        "{err}"
    );
}

#[test]
fn github_token_stays_with_the_api_host() {
    let mock = Mock::start();
    let elsewhere = Mock::start();
    mock.json(ISSUE, &issue(2));
    let next = format!(
        "{}/repositories/42/issues/7/comments?page=2",
        elsewhere.base()
    );
    mock.route(
        &format!("{ISSUE}/comments?per_page=100"),
        vec![
            Reply::json(&json!([comment(400, "a", "NONE", "One.", false)]))
                .header("link", &format!("<{next}>; rel=\"next\"")),
        ],
    );
    elsewhere.json(
        "/repositories/42/issues/7/comments",
        &json!([comment(401, "b", "NONE", "Two.", false)]),
    );
    let env = Env::new();
    let (code, sum, err) = gh_crawl(&env, &mock, Some("ghp_secret"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(sum["posts"], 3, "{sum}");
    assert!(
        mock.hits()
            .iter()
            .all(|h| h.header("authorization").is_some())
    );
    let away = elsewhere.hits();
    assert_eq!(away.len(), 1, "{away:?}");
    assert_eq!(away[0].header("authorization"), None);
}
