//! The demo forum server against SOURCES.md §1: the bundled competition (and a
//! synthetic one for pagination) served on 127.0.0.1 and fetched with reqwest,
//! checking the Discourse behaviours the crawler relies on.

use std::time::Duration;

use jiff::Timestamp;
use pretty_assertions::assert_eq;
use rulegap::demo::{
    CompetitionFixture, CompetitionSpec, FixturePost, Forum, RunningServer, ServerOptions, Site,
    Throttle, Topic, User, serve, serve_blocking,
};
use serde_json::Value;

/// A category of `n` one-post topics, for list pagination.
fn synthetic(n: u64) -> CompetitionFixture {
    let at = |hour: u64| -> Timestamp {
        "2026-02-01T00:00:00Z"
            .parse::<Timestamp>()
            .expect("timestamp")
            .checked_add(jiff::SignedDuration::from_hours(
                i64::try_from(hour).unwrap_or(0),
            ))
            .expect("in range")
    };
    let topics = (1..=n)
        .map(|i| Topic {
            id: 9000 + i,
            title: format!("Synthetic topic {i}"),
            created_at: at(i),
            posts: vec![FixturePost {
                id: 900_000 + i,
                username: "sam".into(),
                created_at: at(i),
                raw: format!("Post {i}"),
                reply_to_post_number: None,
                edited: false,
            }],
        })
        .collect();
    CompetitionFixture {
        spec: CompetitionSpec {
            slug: "synthetic".into(),
            title: "Synthetic".into(),
            category_id: 5,
            official_groups: vec![],
            official_users: vec![],
            documents: vec![],
        },
        forum: Forum {
            users: vec![User {
                username: "sam".into(),
                name: Some("Sam".into()),
                admin: false,
                moderator: false,
                title: None,
                primary_group: None,
            }],
            topics,
        },
        documents: vec![],
    }
}

async fn demo_server(opts: ServerOptions) -> RunningServer {
    let demo = CompetitionFixture::demo().expect("demo fixture");
    let site = Site::new(vec![demo, synthetic(31)]).expect("site");
    serve(site, opts).await.expect("server starts")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn get(server: &RunningServer, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", server.base_url()))
        .send()
        .await
        .expect("request")
}

async fn json(server: &RunningServer, path: &str) -> Value {
    let response = get(server, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.expect("body")).expect("json body")
}

fn ids(list: &Value) -> Vec<u64> {
    list.as_array()
        .map(|a| a.iter().filter_map(|t| t["id"].as_u64()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn categories_and_site_list_every_competition() {
    let server = demo_server(ServerOptions::default()).await;
    let cats = json(&server, "/categories.json?include_subcategories=true").await;
    let cats = &cats["category_list"]["categories"];
    assert_eq!(cats[0]["slug"], "camera-traps-2026");
    assert_eq!(cats[0]["id"], 7);
    assert_eq!(cats[0]["topic_count"], 15);
    assert_eq!(cats[0]["post_count"], 214);
    assert_eq!(cats[1]["slug"], "synthetic");
    let site = json(&server, "/site.json").await;
    assert_eq!(ids(&site["categories"]), vec![7, 5]);
    let robots = get(&server, "/robots.txt")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        robots.contains("User-agent: *\nDisallow: /admin/"),
        "{robots}"
    );
    assert!(robots.contains("Disallow: /u/"), "{robots}");
}

#[tokio::test]
async fn category_lists_are_zero_based_with_more_topics_url_on_full_pages() {
    let server = demo_server(ServerOptions::default()).await;
    let first = json(&server, "/c/synthetic/5.json").await;
    let list = &first["topic_list"];
    assert_eq!(list["per_page"], 30);
    assert_eq!(ids(&list["topics"]).len(), 30);
    assert_eq!(ids(&list["topics"])[0], 9031, "newest first");
    assert_eq!(list["more_topics_url"], "/c/synthetic/5/l/latest?page=1");
    let second = json(&server, "/c/synthetic/5/l/latest.json?page=1").await;
    assert_eq!(ids(&second["topic_list"]["topics"]), vec![9001]);
    assert!(second["topic_list"].get("more_topics_url").is_none());
    let item = &first["topic_list"]["topics"][0];
    for key in [
        "title",
        "fancy_title",
        "slug",
        "posts_count",
        "reply_count",
        "created_at",
        "last_posted_at",
        "bumped_at",
    ] {
        assert!(item.get(key).is_some(), "list item lacks {key}");
    }
    assert_eq!(item["category_id"], 5);
    let demo = json(&server, "/c/camera-traps-2026/7/l/latest.json").await;
    assert_eq!(ids(&demo["topic_list"]["topics"]).len(), 15);
    assert!(demo["topic_list"].get("more_topics_url").is_none());
    let latest = json(&server, "/latest.json?page=1").await;
    assert_eq!(
        ids(&latest["topic_list"]["topics"]).len(),
        16,
        "46 topics site-wide"
    );
    let moved = get(&server, "/c/wrong/5/l/latest.json?page=1").await;
    assert_eq!(moved.status(), 301);
}

#[tokio::test]
async fn topic_701_has_twenty_posts_and_the_full_stream() {
    let server = demo_server(ServerOptions::default()).await;
    let topic = json(&server, "/t/external-data-thread/701.json").await;
    assert_eq!(topic["chunk_size"], 20);
    assert_eq!(topic["archetype"], "regular");
    assert_eq!(topic["category_id"], 7);
    assert_eq!(topic["tags"], serde_json::json!([]));
    let posts = &topic["post_stream"]["posts"];
    assert_eq!(ids(posts), (70101..=70120).collect::<Vec<_>>());
    let stream: Vec<u64> = topic["post_stream"]["stream"]
        .as_array()
        .expect("stream")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert_eq!(stream, (70101..=70159).collect::<Vec<_>>());
    let bare = json(&server, "/t/701.json").await;
    assert_eq!(bare["id"], 701);
    let third = json(&server, "/t/701.json?page=3").await;
    assert_eq!(ids(&third["post_stream"]["posts"]).len(), 19);
    assert_eq!(get(&server, "/t/701.json?page=4").await.status(), 404);
    let near = json(&server, "/t/external-data-thread/701/45.json").await;
    assert_eq!(
        ids(&near["post_stream"]["posts"])[0],
        70141,
        "the chunk holding post 45"
    );
    assert_eq!(get(&server, "/t/999999.json").await.status(), 404);
}

#[tokio::test]
async fn chosen_posts_and_single_posts_with_raw() {
    let server = demo_server(ServerOptions::default()).await;
    let chunk = json(
        &server,
        "/t/701/posts.json?post_ids[]=70147&post_ids[]=70121&post_ids[]=70201",
    )
    .await;
    assert_eq!(chunk["id"], 701);
    assert_eq!(
        ids(&chunk["post_stream"]["posts"]),
        vec![70121, 70147],
        "post order, this topic only"
    );
    assert!(chunk["post_stream"]["posts"][0].get("raw").is_none());
    let post = json(&server, "/posts/70106.json").await;
    assert_eq!(post["post_number"], 6);
    assert!(
        post["raw"]
            .as_str()
            .expect("raw")
            .starts_with("[quote=\"pat, post:4, topic:701\"]")
    );
}

#[tokio::test]
async fn wrong_slug_is_a_301_to_the_canonical_url() {
    let server = demo_server(ServerOptions::default()).await;
    let response = get(&server, "/t/some-old-title/701.json?page=2").await;
    assert_eq!(response.status(), 301);
    let location = response.headers()["location"].to_str().expect("ascii");
    assert_eq!(
        location,
        format!(
            "{}/t/external-data-thread/701.json?page=2",
            server.base_url()
        )
    );
}

#[tokio::test]
async fn quoted_post_is_an_aside_quote_and_roles_are_on_posts() {
    let server = demo_server(ServerOptions::default()).await;
    let chunk = json(
        &server,
        "/t/701/posts.json?post_ids[]=70101&post_ids[]=70106&post_ids[]=70123",
    )
    .await;
    let posts = chunk["post_stream"]["posts"]
        .as_array()
        .expect("posts")
        .clone();
    let cooked = posts[1]["cooked"].as_str().expect("cooked");
    assert!(
        cooked.starts_with("<aside class=\"quote no-group\" data-username=\"pat\" data-post=\"4\" data-topic=\"701\">"),
        "{cooked}"
    );
    assert!(cooked.contains("<blockquote>\n<p>do pretrained weights count as external data, or only images?</p>\n</blockquote>\n</aside>\n<p>Pretrained models"), "{cooked}");
    let ann = &posts[0];
    assert_eq!(
        (
            ann["username"].as_str(),
            ann["moderator"].as_bool(),
            ann["staff"].as_bool(),
            ann["admin"].as_bool()
        ),
        (Some("mod_ann"), Some(true), Some(true), Some(false))
    );
    assert_eq!(ann["user_title"], "Competition Staff");
    let bo = &posts[2];
    assert_eq!(bo["username"], "host_bo");
    assert_eq!(bo["primary_group_name"], "organizers");
    assert_eq!(bo["staff"], false);
    assert_eq!(bo["post_type"], 1);
    assert_eq!(bo["hidden"], false);
    assert!(bo["deleted_at"].is_null());
}

#[tokio::test]
async fn documents_are_html_pages_with_numbering_and_raw_markdown() {
    let server = demo_server(ServerOptions::default()).await;
    let page = get(&server, "/docs/camera-traps-2026/rules").await;
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/html")
    );
    let html = page.text().await.expect("text");
    assert!(html.contains("<h3>2.1 Team Limits</h3>"), "{html}");
    assert!(
        html.contains("<li>a. The maximum Team size is five (5).</li>"),
        "{html}"
    );
    let docs = get(&server, "/docs/camera-traps-2026/documentation")
        .await
        .text()
        .await
        .expect("text");
    assert!(docs.contains("<li>10. If any External Data"), "{docs}");
    let v2 = get(&server, "/docs/camera-traps-2026/rules-v2").await;
    assert_eq!(v2.status(), 200);
    let raw = get(&server, "/docs/camera-traps-2026/faq.md")
        .await
        .text()
        .await
        .expect("text");
    assert!(raw.starts_with("# Wildlife Camera Trap Challenge 2026: Frequently Asked Questions"));
    assert_eq!(
        get(&server, "/docs/camera-traps-2026/nope").await.status(),
        404
    );
}

/// A topic's HTML page is Discourse's crawler view: the page holding the post
/// a report links to, each post at `#post_N` with author, role and date.
#[tokio::test]
async fn topic_html_shows_the_linked_post() {
    let server = demo_server(ServerOptions::default()).await;
    let page = get(&server, "/t/external-data-thread/701/18").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    assert!(html.contains("<meta name=\"generator\""), "{html}");
    assert!(html.contains("<div id=\"post_18\""), "{html}");
    assert!(
        html.contains("mod_ann (moderator)")
            && html.contains("any publicly available dataset is fine"),
        "{html}"
    );
    assert!(html.contains("?page=1"), "links to every page: {html}");
}

#[tokio::test]
async fn throttle_once_then_serve_and_count_requests() {
    let opts = ServerOptions {
        throttle: Some(Throttle {
            after: 1,
            retry_after_secs: 2,
        }),
        latency: Duration::from_millis(5),
        ..ServerOptions::default()
    };
    let server = demo_server(opts).await;
    assert_eq!(get(&server, "/robots.txt").await.status(), 200);
    assert_eq!(get(&server, "/site.json").await.status(), 200);
    let limited = get(&server, "/t/701.json").await;
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");
    assert_eq!(
        limited.headers()["discourse-rate-limit-error-code"],
        "ip_10_secs_limit"
    );
    assert!(
        limited.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain")
    );
    assert_eq!(get(&server, "/t/701.json").await.status(), 200);
    let log = server.requests();
    assert_eq!(log.total(), 4);
    assert_eq!(log.count("/t/701.json"), 2);
    assert_eq!(log.records()[2].status, 429);
}

#[tokio::test]
async fn etag_revalidation_answers_304() {
    let server = demo_server(ServerOptions::default()).await;
    let first = get(&server, "/t/701.json").await;
    let etag = first.headers()["etag"].clone();
    let again = client()
        .get(format!("{}/t/701.json", server.base_url()))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("request");
    assert_eq!(again.status(), 304);
}

#[test]
fn blocking_server_serves_and_stops_on_drop() {
    let server =
        serve_blocking(Site::demo().expect("demo"), ServerOptions::default()).expect("starts");
    let url = format!("{}/t/701.json", server.base_url());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let status = runtime.block_on(async { reqwest::get(&url).await.map(|r| r.status().as_u16()) });
    assert_eq!(status.expect("request"), 200);
    drop(server);
    let after = runtime.block_on(async { reqwest::get(&url).await });
    assert!(after.is_err(), "the server stopped");
}

#[tokio::test]
async fn evaluation_set_loads_and_serves_every_competition() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let site = Site::from_root(&root).expect("tests/eval loads");
    let slugs: Vec<String> = site
        .competitions()
        .iter()
        .map(|c| c.spec.slug.clone())
        .collect();
    let server = serve(site, ServerOptions::default()).await.expect("server");
    let cats = json(&server, "/categories.json").await;
    let served: Vec<&str> = cats["category_list"]["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .filter_map(|c| c["slug"].as_str())
        .collect();
    assert_eq!(served, slugs);
}
