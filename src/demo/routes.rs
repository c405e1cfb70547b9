//! Routing for the demo forum: a request (path, query, whether JSON is
//! wanted) to a `Reply`, with no I/O, so every endpoint is testable without a
//! socket. Paths follow Discourse (SOURCES.md §1.1): `.json` or
//! `Accept: application/json` selects JSON; a wrong topic or category slug is
//! a 301 to the canonical URL; unknown things are Discourse's JSON 404.

use serde_json::{Value, json};

use super::catalog::{
    ROBOTS_TXT, categories_json, category_show, html_shell, site_json, topic_page,
};
use super::document;
use super::shapes::{self, CHUNK_SIZE};
use super::site::{Site, TopicRef, document_path};

/// Default topics per list page.
pub(crate) const PER_PAGE: usize = 30;

/// Posts per `/posts.json` page.
const LATEST_POSTS: usize = 50;

/// What the server answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reply {
    /// The HTTP status.
    pub(crate) status: u16,
    /// The `Content-Type`.
    pub(crate) content_type: &'static str,
    /// Extra headers (`location`, `retry-after`, …).
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body.
    pub(crate) body: String,
}

/// A parsed request.
#[derive(Debug, Clone)]
pub(crate) struct Req<'a> {
    /// The path as requested.
    pub(crate) path: &'a str,
    /// The query pairs, in order.
    pub(crate) query: Vec<(String, String)>,
    /// `Accept: application/json` was sent.
    pub(crate) accept_json: bool,
    /// `http://127.0.0.1:PORT`, for absolute redirect targets.
    pub(crate) origin: &'a str,
}

impl Req<'_> {
    fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, key: &str) -> Option<usize> {
        self.param(key).and_then(|v| v.parse().ok())
    }

    /// The query string to carry over to a redirect target.
    fn query_string(&self) -> String {
        if self.query.is_empty() {
            return String::new();
        }
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        ser.extend_pairs(&self.query);
        format!("?{}", ser.finish())
    }
}

fn json_reply(value: &Value) -> Reply {
    Reply {
        status: 200,
        content_type: "application/json; charset=utf-8",
        headers: Vec::new(),
        body: value.to_string(),
    }
}

fn text(status: u16, content_type: &'static str, body: impl Into<String>) -> Reply {
    Reply {
        status,
        content_type,
        headers: Vec::new(),
        body: body.into(),
    }
}

/// Discourse's 404 body.
pub(crate) fn not_found() -> Reply {
    let body = json!({"errors": ["The requested URL or resource could not be found."], "error_type": "not_found"});
    Reply {
        status: 404,
        ..json_reply(&body)
    }
}

/// A 301 to `path` on this server, absolute as Rails sends it.
fn redirect(req: &Req<'_>, path: &str) -> Reply {
    let location = format!("{}{path}", req.origin);
    Reply {
        status: 301,
        content_type: "text/html; charset=utf-8",
        body: format!(
            "<html><body>You are being <a href=\"{}\">redirected</a>.</body></html>",
            super::inline::escape(&location)
        ),
        headers: vec![("location", location)],
    }
}

/// Answers one request.
pub(crate) fn route(site: &Site, req: &Req<'_>) -> Reply {
    let (path, json) = match req.path.strip_suffix(".json") {
        Some(p) => (p, true),
        None => (req.path, req.accept_json),
    };
    let suffix = if json && req.path.ends_with(".json") {
        ".json"
    } else {
        ""
    };
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (segs.as_slice(), json) {
        (["robots.txt"], _) => text(200, "text/plain; charset=utf-8", ROBOTS_TXT),
        ([""], false) => home(site),
        (["site"], true) => json_reply(&site_json(site)),
        (["categories"], true) => json_reply(&categories_json(site)),
        (["latest"], true) => latest(site, req),
        (["posts"], true) => latest_posts(site, req),
        (["posts", id], true) => parse(id)
            .and_then(|id| site.post(id))
            .map_or_else(not_found, |(t, i)| {
                json_reply(&shapes::post(site, &t, i, true))
            }),
        (["t", id, "posts"], true) => parse(id)
            .and_then(|id| site.topic(id))
            .map_or_else(not_found, |t| chosen_posts(site, &t, req)),
        (["t", id], _) => topic(site, req, None, id, None, json, suffix),
        (["t", slug, id], _) => topic(site, req, Some(slug), id, None, json, suffix),
        (["t", slug, id, number], _) => {
            topic(site, req, Some(slug), id, Some(number), json, suffix)
        }
        (["c", id, "show"], true) => {
            category_index(site, id).map_or_else(not_found, |i| json_reply(&category_show(site, i)))
        }
        (["c", slug, id], _) | (["c", slug, id, "l", "latest"], _) => {
            category(site, req, slug, id, json, suffix)
        }
        (["docs", comp, name], _) => doc(site, comp, req.path.rsplit('/').next().unwrap_or(name)),
        _ => not_found(),
    }
}

fn parse(id: &str) -> Option<u64> {
    id.parse().ok()
}

fn home(site: &Site) -> Reply {
    let links: Vec<(String, String)> = site
        .competitions()
        .iter()
        .map(|c| {
            (
                format!("/c/{}/{}", c.spec.slug, c.spec.category_id),
                c.spec.title.clone(),
            )
        })
        .collect();
    text(200, "text/html; charset=utf-8", html_shell("Forum", &links))
}

/// `/t/{slug}/{id}[/{post_number}]`: the topic view, the page holding that post.
fn topic(
    site: &Site,
    req: &Req<'_>,
    slug: Option<&str>,
    id: &str,
    number: Option<&str>,
    json: bool,
    suffix: &str,
) -> Reply {
    let Some(t) = parse(id).and_then(|id| site.topic(id)) else {
        return not_found();
    };
    let canonical = t.slug();
    if slug.is_some_and(|s| s != canonical) {
        let tail = number.map_or_else(String::new, |n| format!("/{n}"));
        let query = req.query_string();
        let path = format!("/t/{canonical}/{}{tail}{suffix}{query}", t.topic.id);
        return redirect(req, &path);
    }
    let at_post = number
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| n.saturating_sub(1) / CHUNK_SIZE + 1);
    let page = req.number("page").or(at_post).unwrap_or(1);
    if !json {
        // The crawler view Discourse serves without JavaScript: the page's
        // posts (so a report's evidence links show their post), then the pages.
        let links: Vec<(String, String)> = (1..=t.posts().len().div_ceil(CHUNK_SIZE))
            .map(|p| {
                (
                    format!("/t/{canonical}/{}?page={p}", t.topic.id),
                    format!("page {p}"),
                )
            })
            .collect();
        return text(
            200,
            "text/html; charset=utf-8",
            topic_page(site, &t, page, &links),
        );
    }
    shapes::topic(site, &t, page).map_or_else(not_found, |v| json_reply(&v))
}

/// `/t/{id}/posts.json`: `post_ids[]`, or 20 posts around `post_number` (`asc=true` after it).
fn chosen_posts(site: &Site, t: &TopicRef<'_>, req: &Req<'_>) -> Reply {
    let with_raw = req.param("include_raw") == Some("true");
    let posts = t.posts();
    let mut indexes: Vec<usize> = req
        .query
        .iter()
        .filter(|(k, _)| k == "post_ids[]" || k == "post_ids")
        .filter_map(|(_, v)| parse(v))
        .filter_map(|id| posts.iter().position(|p| p.id == id))
        .collect();
    if let Some(number) = req.number("post_number") {
        indexes = if req.param("asc") == Some("true") {
            (number..posts.len()).take(CHUNK_SIZE).collect()
        } else {
            let end = number.saturating_sub(1).min(posts.len());
            (end.saturating_sub(CHUNK_SIZE)..end).collect()
        };
    }
    indexes.sort_unstable();
    indexes.dedup();
    let list: Vec<Value> = indexes
        .into_iter()
        .map(|i| shapes::post(site, t, i, with_raw))
        .collect();
    json_reply(&json!({"post_stream": {"posts": list}, "id": t.topic.id}))
}

fn category_index(site: &Site, id: &str) -> Option<usize> {
    let id = parse(id)?;
    site.competitions()
        .iter()
        .position(|c| c.spec.category_id == id)
}

fn category(site: &Site, req: &Req<'_>, slug: &str, id: &str, json: bool, suffix: &str) -> Reply {
    let Some(index) = category_index(site, id) else {
        return not_found();
    };
    let fixture = &site.competitions()[index];
    let base = format!("/c/{}/{}", fixture.spec.slug, fixture.spec.category_id);
    if slug != fixture.spec.slug {
        let rest = req.path.splitn(5, '/').nth(4).unwrap_or("");
        let rest = rest.trim_end_matches(".json");
        let tail = if rest.is_empty() {
            String::new()
        } else {
            format!("/{rest}")
        };
        return redirect(req, &format!("{base}{tail}{suffix}{}", req.query_string()));
    }
    let topics = sorted(site.all_topics().filter(|t| t.comp == index).collect());
    if !json {
        let links: Vec<(String, String)> = topics
            .iter()
            .map(|t| {
                (
                    format!("/t/{}/{}", t.slug(), t.topic.id),
                    t.topic.title.clone(),
                )
            })
            .collect();
        return text(
            200,
            "text/html; charset=utf-8",
            html_shell(&fixture.spec.title, &links),
        );
    }
    list(site, req, &topics, &format!("{base}/l/latest"))
}

fn latest(site: &Site, req: &Req<'_>) -> Reply {
    let topics = sorted(site.all_topics().collect());
    list(site, req, &topics, "/latest")
}

fn list(site: &Site, req: &Req<'_>, topics: &[TopicRef<'_>], more: &str) -> Reply {
    let page = req.number("page").unwrap_or(0);
    let per_page = match req.number("per_page") {
        Some(n) => n.clamp(1, 100),
        None => PER_PAGE,
    };
    let more = if per_page == PER_PAGE {
        more.to_owned()
    } else {
        format!("{more}?per_page={per_page}")
    };
    json_reply(&shapes::topic_list(site, topics, page, per_page, &more))
}

/// Topics by `bumped_at`, newest first (the `latest` order).
fn sorted(mut topics: Vec<TopicRef<'_>>) -> Vec<TopicRef<'_>> {
    topics.sort_by_key(|t| std::cmp::Reverse((shapes::last_posted(t), t.topic.id)));
    topics
}

/// `/posts.json?before=ID`: the newest posts site-wide, paging backwards by id.
fn latest_posts(site: &Site, req: &Req<'_>) -> Reply {
    let before = req.param("before").and_then(parse).unwrap_or(u64::MAX);
    let mut posts: Vec<(u64, TopicRef<'_>, usize)> = site
        .all_topics()
        .flat_map(|t| t.posts().iter().enumerate().map(move |(i, p)| (p.id, t, i)))
        .filter(|(id, _, _)| *id < before)
        .collect();
    posts.sort_by_key(|(id, _, _)| std::cmp::Reverse(*id));
    let list: Vec<Value> = posts
        .iter()
        .take(LATEST_POSTS)
        .map(|(_, t, i)| {
            let extra = json!({
                "topic_title": t.topic.title,
                "topic_html_title": super::inline::escape(&t.topic.title),
                "category_id": t.fixture.spec.category_id,
            });
            shapes::merge(shapes::post(site, t, *i, true), extra)
        })
        .collect();
    json_reply(&json!({ "latest_posts": list }))
}

/// `/docs/{competition}/{name}`: the HTML page, or the markdown with `.md`.
fn doc(site: &Site, comp: &str, name: &str) -> Reply {
    let Some(fixture) = site.competitions().iter().find(|c| c.spec.slug == comp) else {
        return not_found();
    };
    let wanted = format!("/docs/{comp}/{name}");
    for file in &fixture.documents {
        let html_path = document_path(comp, &file.spec);
        if wanted == html_path || wanted == format!("{html_path}.html") {
            return text(
                200,
                "text/html; charset=utf-8",
                document::page(&file.markdown),
            );
        }
        if wanted == format!("{html_path}.md") {
            return text(200, "text/markdown; charset=utf-8", file.markdown.clone());
        }
    }
    not_found()
}
