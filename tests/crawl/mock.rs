//! An in-process HTTP server on 127.0.0.1 that answers scripted replies per
//! path (a sequence per route, the last one repeating) and logs every request
//! with its arrival time, so tests can assert what was, and was not, asked.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, Response, StatusCode};

/// One scripted answer.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    pub(crate) delay: Duration,
}

impl Reply {
    pub(crate) fn json(body: &serde_json::Value) -> Reply {
        Reply::raw(
            200,
            "application/json; charset=utf-8",
            body.to_string().into_bytes(),
        )
    }

    pub(crate) fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub(crate) fn status(status: u16) -> Reply {
        Reply::raw(status, "text/plain", format!("status {status}"))
    }

    pub(crate) fn header(mut self, k: &str, v: &str) -> Reply {
        self.headers.push((k.into(), v.into()));
        self
    }

    pub(crate) fn delayed(mut self, d: Duration) -> Reply {
        self.delay = d;
        self
    }
}

/// A request the server saw.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub(crate) path: String,
    pub(crate) at: Instant,
    pub(crate) headers: Vec<(String, String)>,
}

impl Hit {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

type Routes = Arc<Mutex<HashMap<String, VecDeque<Reply>>>>;

/// The running server; it stops when the test process ends.
pub(crate) struct Mock {
    pub(crate) addr: SocketAddr,
    routes: Routes,
    log: Arc<Mutex<Vec<Hit>>>,
}

impl Mock {
    pub(crate) fn start() -> Mock {
        let routes: Routes = Arc::default();
        let log: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let (r, l) = (routes.clone(), log.clone());
        let app = axum::Router::new().fallback(move |req: Request<Body>| {
            let (r, l) = (r.clone(), l.clone());
            async move { answer(&r, &l, req).await }
        });
        let addr = crate::util::serve(app);
        Mock { addr, routes, log }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:PORT`, the site name rulegap stores.
    pub(crate) fn site(&self) -> String {
        self.addr.to_string()
    }

    /// Answers `path` (with its query, or without to match any query) with `replies` in turn.
    pub(crate) fn route(&self, path: &str, replies: Vec<Reply>) {
        self.routes
            .lock()
            .expect("routes")
            .insert(path.to_owned(), replies.into());
    }

    pub(crate) fn json(&self, path: &str, body: &serde_json::Value) {
        self.route(path, vec![Reply::json(body)]);
    }

    pub(crate) fn hits(&self) -> Vec<Hit> {
        self.log.lock().expect("log").clone()
    }

    /// Requests whose path starts with `prefix`.
    pub(crate) fn count(&self, prefix: &str) -> usize {
        self.hits()
            .iter()
            .filter(|h| h.path.starts_with(prefix))
            .count()
    }

    pub(crate) fn clear_log(&self) {
        self.log.lock().expect("log").clear();
    }
}

async fn answer(routes: &Routes, log: &Mutex<Vec<Hit>>, req: Request<Body>) -> Response<Body> {
    let full = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_owned(), |p| p.as_str().to_owned());
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
        .collect();
    log.lock().expect("log").push(Hit {
        path: full.clone(),
        at: Instant::now(),
        headers,
    });
    let reply = {
        let mut routes = routes.lock().expect("routes");
        let key = if routes.contains_key(&full) {
            Some(full.clone())
        } else {
            let path = req.uri().path().to_owned();
            routes.contains_key(&path).then_some(path)
        };
        key.and_then(|k| {
            let q = routes.get_mut(&k)?;
            if q.len() > 1 {
                q.pop_front()
            } else {
                q.front().cloned()
            }
        })
    };
    let mut reply = reply.unwrap_or_else(|| Reply::status(404));
    let etag = reply
        .headers
        .iter()
        .find(|(k, _)| k == "etag")
        .map(|(_, v)| v.clone());
    let asked = req
        .headers()
        .get("if-none-match")
        .and_then(|v| v.to_str().ok());
    if etag.is_some() && etag.as_deref() == asked {
        reply = Reply {
            status: 304,
            headers: vec![("etag".into(), etag.unwrap_or_default())],
            body: Vec::new(),
            delay: Duration::ZERO,
        };
    }
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut resp = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (k, v) in &reply.headers {
        resp = resp.header(k, v);
    }
    resp.body(Body::from(reply.body)).expect("response")
}
