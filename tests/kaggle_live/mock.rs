//! A fake of Kaggle's public API on 127.0.0.1, speaking the wire format of
//! Kaggle's Python SDK (`kagglesdk`: `kaggle_http_client.py`,
//! `competitions/types/competition_api_service.py`): `POST
//! /v1/competitions.CompetitionApiService/{Method}` with a camelCase JSON body;
//! `Authorization: Bearer TOKEN` or `Basic base64(user:key)`; enums by name;
//! ISO dates with milliseconds and `Z`; `ListCompetitionTopics` paged by a
//! 1-based `page` with `totalCount`; `ListTopicMessages` returning every message
//! (nested `replies`) for `pageSize: -1`; errors as `{"code": N, "message": …}`
//! with the same HTTP status (401, 403, 404, 429 with `Retry-After`). It keeps
//! a log of every call, body and credential included, for the tests to check.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, Response};
use serde_json::{Value, json};

/// The token the fake accepts as `Bearer`.
pub(crate) const TOKEN: &str = "kgat_test_token_0123456789";
/// The user name and key it accepts as `Basic`.
pub(crate) const USER: &str = "tester";
pub(crate) const KEY: &str = "0123456789abcdef0123456789abcdef";
/// Topics per page of `ListCompetitionTopics`.
pub(crate) const PAGE_SIZE: usize = 20;

const PREFIX: &str = "/v1/competitions.CompetitionApiService/";
const TOPIC_SORTS: [&str; 7] = [
    "TOPIC_LIST_SORT_BY_UNSPECIFIED",
    "TOPIC_LIST_SORT_BY_HOT",
    "TOPIC_LIST_SORT_BY_TOP",
    "TOPIC_LIST_SORT_BY_NEW",
    "TOPIC_LIST_SORT_BY_RECENT",
    "TOPIC_LIST_SORT_BY_ACTIVE",
    "TOPIC_LIST_SORT_BY_RELEVANCE",
];
const COMMENT_SORTS: [&str; 5] = [
    "COMMENT_LIST_SORT_BY_UNSPECIFIED",
    "COMMENT_LIST_SORT_BY_HOT",
    "COMMENT_LIST_SORT_BY_NEW",
    "COMMENT_LIST_SORT_BY_OLD",
    "COMMENT_LIST_SORT_BY_TOP",
];

/// One competition the fake serves.
#[derive(Debug, Clone, Default)]
pub(crate) struct Competition {
    /// `ApiCompetitionTopic` objects, in list order.
    pub(crate) topics: Vec<Value>,
    /// Topic id → top-level `ApiTopicMessage` objects.
    pub(crate) messages: HashMap<u64, Vec<Value>>,
    /// `ApiCompetitionHost` objects.
    pub(crate) hosts: Vec<Value>,
    /// The host list answers 403 (the account is not a host).
    pub(crate) hosts_forbidden: bool,
    /// `ApiCompetitionPage` objects.
    pub(crate) pages: Vec<Value>,
}

/// Everything the fake knows and has seen.
#[derive(Debug, Default)]
pub(crate) struct World {
    pub(crate) competitions: HashMap<String, Competition>,
    /// The next this many calls answer 429.
    pub(crate) throttle: u32,
    pub(crate) calls: Vec<Call>,
}

/// A call the fake received.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) http_method: String,
    pub(crate) method: String,
    pub(crate) body: Value,
    pub(crate) authorization: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) status: u16,
    pub(crate) at: Instant,
}

/// The running fake; it stops with the test process.
pub(crate) struct KaggleMock {
    pub(crate) addr: SocketAddr,
    world: Arc<Mutex<World>>,
}

impl KaggleMock {
    pub(crate) fn start() -> KaggleMock {
        let world: Arc<Mutex<World>> = Arc::default();
        let w = world.clone();
        let app = axum::Router::new().fallback(move |req: Request<Body>| {
            let w = w.clone();
            async move { answer(&w, req).await }
        });
        KaggleMock {
            addr: crate::util::serve(app),
            world,
        }
    }

    /// `http://127.0.0.1:PORT`, for `--api-base`.
    pub(crate) fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Changes the world.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut World) -> T) -> T {
        f(&mut self.world.lock().expect("world"))
    }

    /// The calls so far.
    pub(crate) fn calls(&self) -> Vec<Call> {
        self.with(|w| w.calls.clone())
    }

    /// The calls of one method so far.
    pub(crate) fn calls_of(&self, method: &str) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| c.method == method)
            .collect()
    }

    pub(crate) fn clear_calls(&self) {
        self.with(|w| w.calls.clear());
    }
}

fn error(status: u16, message: &str) -> (u16, Value) {
    (status, json!({"code": status, "message": message}))
}

fn authorized(header: Option<&str>) -> bool {
    let basic = data_encoding::BASE64.encode(format!("{USER}:{KEY}").as_bytes());
    header == Some(&format!("Bearer {TOKEN}")) || header == Some(&format!("Basic {basic}"))
}

async fn answer(world: &Mutex<World>, req: Request<Body>) -> Response<Body> {
    let http_method = req.method().as_str().to_owned();
    let path = req.uri().path().to_owned();
    let (authorization, content_type) = {
        let header = |k: &str| {
            req.headers()
                .get(k)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        (header("authorization"), header("content-type"))
    };
    let bytes = axum::body::to_bytes(req.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let method = path.strip_prefix(PREFIX).unwrap_or("").to_owned();
    let mut w = world.lock().expect("world");
    let (status, reply) = if http_method != "POST" {
        error(405, "Method not allowed: the API takes POST")
    } else if !content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/json"))
        || !body.is_object()
    {
        error(400, "Expected a JSON body")
    } else if !authorized(authorization.as_deref()) {
        error(401, "Unauthenticated")
    } else if w.throttle > 0 {
        w.throttle -= 1;
        error(429, "Too many requests")
    } else {
        dispatch(&w, &method, &body)
    };
    w.calls.push(Call {
        http_method,
        method,
        body,
        authorization,
        content_type,
        status,
        at: Instant::now(),
    });
    let mut resp = Response::builder()
        .status(status)
        .header("content-type", "application/json");
    if status == 429 {
        resp = resp.header("retry-after", "1");
    }
    resp.body(Body::from(reply.to_string())).expect("response")
}

fn dispatch(w: &World, method: &str, body: &Value) -> (u16, Value) {
    let Some(slug) = body.get("competitionName").and_then(Value::as_str) else {
        return error(400, "competitionName is required");
    };
    let Some(comp) = w.competitions.get(slug) else {
        return error(404, "Competition not found");
    };
    match method {
        "ListCompetitionHosts" if comp.hosts_forbidden => {
            error(403, "Only hosts of this competition may list its hosts")
        }
        "ListCompetitionHosts" => (200, json!({"hosts": comp.hosts})),
        "ListCompetitionTopics" => topics(comp, body),
        "ListTopicMessages" => messages(comp, body),
        "ListCompetitionPages" => {
            let name = body.get("pageName").and_then(Value::as_str);
            let pages: Vec<&Value> = comp
                .pages
                .iter()
                .filter(|p| name.is_none_or(|n| p["name"] == n))
                .collect();
            (200, json!({"pages": pages}))
        }
        _ => error(404, "Unknown method"),
    }
}

fn topics(comp: &Competition, body: &Value) -> (u16, Value) {
    if let Some(s) = body.get("sortBy")
        && !s.as_str().is_some_and(|s| TOPIC_SORTS.contains(&s))
    {
        return error(400, "Invalid value for sortBy");
    }
    let page = body.get("page").and_then(Value::as_u64).unwrap_or(1);
    if page == 0 {
        return error(400, "page is 1-based");
    }
    let start = (page as usize - 1) * PAGE_SIZE;
    let topics: Vec<&Value> = comp.topics.iter().skip(start).take(PAGE_SIZE).collect();
    (
        200,
        json!({"topics": topics, "totalCount": comp.topics.len()}),
    )
}

fn messages(comp: &Competition, body: &Value) -> (u16, Value) {
    if let Some(s) = body.get("sortBy")
        && !s.as_str().is_some_and(|s| COMMENT_SORTS.contains(&s))
    {
        return error(400, "Invalid value for sortBy");
    }
    if body.get("pageSize").and_then(Value::as_i64) != Some(-1) {
        return error(400, "this fake only serves pageSize -1 (every message)");
    }
    let id = body.get("topicId").and_then(Value::as_u64).unwrap_or(0);
    match comp.messages.get(&id) {
        Some(m) => (200, json!({"messages": m})),
        None => error(404, "Topic not found"),
    }
}

/// An `ApiCompetitionTopic`.
pub(crate) fn topic(id: u64, title: &str, comments: u64, last: &str) -> Value {
    json!({"id": id, "title": title, "topicUrl": format!("/competitions/x/discussion/{id}"),
           "authorName": "someone", "commentCount": comments, "votes": 0,
           "postDate": "2026-11-01T09:00:00.000Z", "lastCommentPostDate": last, "isSticky": false})
}

/// An `ApiTopicMessage`.
pub(crate) fn message(id: u64, author: &str, date: &str, html: &str, replies: Vec<Value>) -> Value {
    json!({"id": id, "postDate": date, "content": html, "rawMarkdown": "",
           "authorName": author, "votes": 1, "isDeleted": false, "isPinned": false,
           "replies": replies})
}

/// A deleted `ApiTopicMessage` (no author, no content) with replies.
pub(crate) fn deleted(id: u64, date: &str, replies: Vec<Value>) -> Value {
    json!({"id": id, "postDate": date, "votes": 0, "isDeleted": true, "isPinned": false,
           "replies": replies})
}

/// An `ApiCompetitionHost`.
pub(crate) fn host(id: u64, user: &str) -> Value {
    json!({"id": id, "userName": user, "displayName": user,
           "profileUrl": format!("https://www.kaggle.com/{user}")})
}

/// An `ApiCompetitionPage`.
pub(crate) fn page(name: &str, title: &str, html: &str) -> Value {
    json!({"name": name, "content": html, "isPublished": true, "postTitle": title,
           "mimeType": "text/html"})
}
