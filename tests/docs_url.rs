//! `doc add URL` against a wiremock server on 127.0.0.1: the page is fetched
//! through the polite client with rulegap's User-Agent, versioned by URL, and
//! a 404 or a JavaScript shell is refused without changing the store.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::util::{Env, repo};

fn page(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures/docs").join(name)).unwrap()
}

fn html(body: Vec<u8>) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "text/html; charset=utf-8")
        .set_body_bytes(body)
}

fn docs_files(env: &Env) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |es| {
            es.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        count(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    count(&env.data().join("docs"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_page_from_a_url_is_fetched_versioned_and_searchable() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/c/seals/rules"))
        .respond_with(html(page("kaggle-rules.html")))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    let url = format!("{}/c/seals/rules", server.uri());
    let env = Env::new();
    let out = env.ok_stderr(&[
        "doc",
        "add",
        &url,
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert!(
        out.contains("added `rules` version 1 to `seals`: 39 clauses") && out.contains(&url),
        "{out}"
    );
    let requests = server.received_requests().await.unwrap();
    let get = requests
        .iter()
        .find(|r| r.url.path() == "/c/seals/rules")
        .expect("page requested");
    let ua = get.headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(ua.starts_with("rulegap/"), "{ua}");
    let show = env.ok(&["doc", "show", "rules/2.6.a", "--competition", "seals"]);
    assert!(
        show.contains("You may use data other than the Competition Data"),
        "{show}"
    );

    // The same URL again: unchanged. Then the page changes: version 2 from the same URL.
    let out = env.ok_stderr(&[
        "doc",
        "add",
        &url,
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert!(out.contains("unchanged"), "{out}");
    let changed = String::from_utf8(page("kaggle-rules.html"))
        .unwrap()
        .replace(
            "maximum of five (5) Submissions",
            "maximum of ten (10) Submissions",
        );
    Mock::given(method("GET"))
        .and(path("/c/seals/rules"))
        .respond_with(html(changed.into_bytes()))
        .mount(&server)
        .await;
    let out = env.ok_stderr(&[
        "doc",
        "add",
        &url,
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert!(out.contains("added `rules` version 2"), "{out}");
    let diff = env.ok(&["doc", "diff", "--competition", "seals", "rules"]);
    assert!(
        diff.contains("1 modified, 0 added, 0 removed") && diff.contains("modified  rules/2.2.a"),
        "{diff}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_404_and_a_javascript_shell_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/c/seals/rules"))
        .respond_with(html(page("kaggle-shell.html")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/gone"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let env = Env::new();
    let gone = format!("{}/gone", server.uri());
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        &gone,
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&gone) && err.contains("404") && err.contains("check the URL"),
        "{err}"
    );
    let shell = format!("{}/c/seals/rules", server.uri());
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        &shell,
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&shell) && err.contains("JavaScript shell") && err.contains("save it"),
        "{err}"
    );
    assert_eq!(docs_files(&env), 0, "nothing stored");
    let (code, _, _) = env.run(&["doc", "list", "--competition", "seals"]);
    assert_eq!(code, 1);
}

/// A page that does not answer in time fails after the retries, saying how
/// many tries it took; `--timeout` is `doc add`'s too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_page_times_out_with_doc_add_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/slow"))
        .respond_with(html(page("kaggle-rules.html")).set_delay(std::time::Duration::from_secs(5)))
        .mount(&server)
        .await;
    let env = Env::new();
    let slow = format!("{}/slow", server.uri());
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        &slow,
        "--competition",
        "seals",
        "--kind",
        "rules",
        "--timeout",
        "200ms",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&slow) && err.contains("after 4 tries: no answer within 200ms"),
        "{err}"
    );
    assert_eq!(docs_files(&env), 0, "nothing stored");
}
