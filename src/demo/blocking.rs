//! The demo server for synchronous callers: `serve_blocking` starts `serve`
//! on a thread with its own single-threaded tokio runtime and returns once the
//! port is bound. The `demo` command and the tests use it; dropping the handle
//! stops the server and joins the thread.

use std::sync::mpsc;
use std::thread::JoinHandle;

use tokio::sync::oneshot;

use super::server::{RequestLog, ServerOptions, serve};
use super::site::Site;
use crate::{Error, Result};

/// A server running on its own thread; it stops when dropped.
#[derive(Debug)]
pub struct BlockingServer {
    base_url: String,
    log: RequestLog,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl BlockingServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    #[must_use]
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The request log.
    #[must_use]
    pub fn requests(&self) -> RequestLog {
        self.log.clone()
    }

    /// Stops the server and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for BlockingServer {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Starts serving `site` on `127.0.0.1` at a free port, on a background thread.
///
/// # Errors
/// When the runtime cannot start or no local port can be bound.
pub fn serve_blocking(site: Site, opts: ServerOptions) -> Result<BlockingServer> {
    let (ready_tx, ready_rx) = mpsc::channel::<Result<(String, RequestLog)>>();
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("rulegap-demo-server".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(e) => {
                    let _ = ready_tx.send(Err(thread_error(&e.to_string())));
                    return;
                }
            };
            runtime.block_on(async move {
                match serve(site, opts).await {
                    Ok(server) => {
                        let _ = ready_tx.send(Ok((server.base_url(), server.requests())));
                        let _ = stopped.await;
                        server.shutdown().await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        })
        .map_err(|e| thread_error(&e.to_string()))?;
    let (base_url, log) = ready_rx
        .recv()
        .map_err(|_| thread_error("the server thread ended before it was ready"))??;
    Ok(BlockingServer {
        base_url,
        log,
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn thread_error(reason: &str) -> Error {
    Error::Input(format!(
        "cannot start the demo forum server: {reason}; try again, or report a bug"
    ))
}
