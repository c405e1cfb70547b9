//! The in-process demo forum server: axum on `127.0.0.1:0`, answering every
//! request through `routes::route`. `ServerOptions` adds what demos and tests
//! need around that: a request log, artificial latency, a one-off 429 with
//! `Retry-After`, a replacement robots.txt, and ETag revalidation (304).
//! `serve` runs inside the caller's tokio runtime; `serve_blocking` runs on a
//! thread of its own for synchronous callers (the `demo` command, tests).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use tokio::sync::oneshot;

use super::routes::{Reply, Req, route};
use super::site::Site;
use crate::{Error, Result};

/// How long `shutdown` waits for open connections to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// How the server behaves beyond serving the fixtures.
#[derive(Debug, Clone, Default)]
pub struct ServerOptions {
    /// Added before every response.
    pub latency: Duration,
    /// Answer one request with a Discourse-style 429.
    pub throttle: Option<Throttle>,
    /// Serve this instead of Discourse's default robots.txt.
    pub robots_txt: Option<String>,
    /// The log requests are recorded in; share a clone to read it.
    pub log: RequestLog,
}

/// A one-off rate-limit response: request number `after + 1` (not counting
/// `/robots.txt`) gets a 429 `text/plain` with `Retry-After` and
/// `Discourse-Rate-Limit-Error-Code`, as Discourse's request tracker sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// How many requests are served normally first.
    pub after: usize,
    /// The `Retry-After` value in seconds.
    pub retry_after_secs: u64,
}

/// One served request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// When it arrived.
    pub at: Instant,
    /// The path and query as requested.
    pub path: String,
    /// The status served.
    pub status: u16,
}

/// Every request the server answered, in order; cheap to clone and share.
#[derive(Debug, Clone, Default)]
pub struct RequestLog(Arc<Mutex<Vec<RequestRecord>>>);

impl RequestLog {
    /// A copy of the records so far.
    #[must_use]
    pub fn records(&self) -> Vec<RequestRecord> {
        self.0.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// How many requests were answered.
    #[must_use]
    pub fn total(&self) -> usize {
        self.0.lock().map_or(0, |r| r.len())
    }

    /// Requests per path, ignoring the query string.
    #[must_use]
    pub fn per_path(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for record in self.records() {
            let path = record.path.split('?').next().unwrap_or("").to_owned();
            *counts.entry(path).or_insert(0) += 1;
        }
        counts
    }

    /// How many requests were for `path` (any query string).
    #[must_use]
    pub fn count(&self, path: &str) -> usize {
        self.per_path().get(path).copied().unwrap_or(0)
    }

    fn push(&self, record: RequestRecord) {
        if let Ok(mut records) = self.0.lock() {
            records.push(record);
        }
    }
}

struct App {
    site: Site,
    /// `http://127.0.0.1:PORT`.
    origin: String,
    opts: ServerOptions,
    /// Requests seen, for `Throttle::after`.
    seen: AtomicUsize,
}

/// A running server; it stops when dropped or on `shutdown`.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    log: RequestLog,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    #[must_use]
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request log.
    #[must_use]
    pub fn requests(&self) -> RequestLog {
        self.log.clone()
    }

    /// Stops accepting connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = tokio::time::timeout(SHUTDOWN_GRACE, task).await;
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts serving `site` on `127.0.0.1` at a free port, in the current tokio runtime.
///
/// # Errors
/// When no local port can be bound.
pub async fn serve(site: Site, opts: ServerOptions) -> Result<RunningServer> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;
    let log = opts.log.clone();
    let app = Arc::new(App {
        site,
        origin: format!("http://{addr}"),
        opts,
        seen: AtomicUsize::new(0),
    });
    let router = Router::new().fallback(handle).with_state(app);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    Ok(RunningServer {
        addr,
        log,
        stop: Some(stop),
        task: Some(task),
    })
}

fn bind_error(e: std::io::Error) -> Error {
    Error::Input(format!(
        "cannot start the demo forum server on 127.0.0.1: {e}; check that local TCP connections are allowed"
    ))
}

async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    let at = Instant::now();
    let uri = request.uri().clone();
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    if !app.opts.latency.is_zero() {
        tokio::time::sleep(app.opts.latency).await;
    }
    let reply = answer(&app, &request);
    let mut response = into_response(&reply);
    let etag = format!("W/\"{:016x}\"", fnv(reply.body.as_bytes()));
    if reply.status == 200 {
        let matches = request
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
        if matches {
            response = empty(StatusCode::NOT_MODIFIED);
        }
        if let Ok(value) = HeaderValue::from_str(&etag) {
            response.headers_mut().insert(header::ETAG, value);
        }
    }
    app.opts.log.push(RequestRecord {
        at,
        path: path_and_query,
        status: response.status().as_u16(),
    });
    response
}

fn answer(app: &App, request: &Request) -> Reply {
    let uri = request.uri();
    let raw_path = uri.path();
    if raw_path != "/robots.txt" {
        let n = app.seen.fetch_add(1, Ordering::SeqCst);
        if let Some(throttle) = app.opts.throttle.filter(|t| t.after == n) {
            return throttled(throttle.retry_after_secs);
        }
    } else if let Some(robots) = &app.opts.robots_txt {
        return Reply {
            status: 200,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: robots.clone(),
        };
    }
    let query = uri
        .query()
        .map(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .into_owned()
                .collect()
        })
        .unwrap_or_default();
    let accept_json = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let req = Req {
        path: raw_path,
        query,
        accept_json,
        origin: &app.origin,
    };
    route(&app.site, &req)
}

fn throttled(secs: u64) -> Reply {
    Reply {
        status: 429,
        content_type: "text/plain; charset=utf-8",
        headers: vec![
            ("retry-after", secs.to_string()),
            (
                "discourse-rate-limit-error-code",
                "ip_10_secs_limit".to_owned(),
            ),
        ],
        body: format!(
            "Slow down, too many requests from this IP address. Please retry again in {secs} seconds. Error code: ip_10_secs_limit.\n"
        ),
    }
}

fn into_response(reply: &Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body.clone()));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(reply.content_type),
    );
    for (name, value) in &reply.headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(*name, value);
        }
    }
    response
}

fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

/// FNV-1a, for ETags.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
