//! Test harness: run the real binary against a temporary data directory.

#![allow(
    dead_code,
    reason = "each test module uses a different part of the harness"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A temporary data directory, removed when dropped.
pub(crate) struct Env {
    pub(crate) dir: tempfile::TempDir,
}

impl Env {
    pub(crate) fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The data directory path.
    pub(crate) fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `rulegap --data <tmp>/data ARGS…`, with colour off and no inherited RULEGAP_* settings.
    pub(crate) fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("rulegap").expect("binary built");
        c.env_remove("RULEGAP_DATA")
            .env_remove("RULEGAP_QUERIES")
            .env("NO_COLOR", "1")
            .arg("--data")
            .arg(self.data())
            .args(args);
        c
    }

    /// Writes `contents` to `name` inside the temp dir and returns its path.
    pub(crate) fn file(&self, name: &str, contents: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// Runs a command that must succeed and returns its stdout.
    pub(crate) fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run rulegap");
        assert!(
            out.status.success(),
            "rulegap {args:?} failed with {:?}\nstdout:\n{}\nstderr:\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command that must succeed and returns its stderr (status messages).
    pub(crate) fn ok_stderr(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(
            code, 0,
            "rulegap {args:?} failed\nstdout:\n{out}\nstderr:\n{err}"
        );
        err
    }

    /// Runs a command and returns (exit code, stdout, stderr).
    /// Every byte the data directory keeps about crawls, as text: the archive
    /// (decompressed) and the crawl state. For checking what never reaches disk.
    pub(crate) fn kept_crawl_text(&self) -> String {
        use std::io::Read;
        let mut all = Vec::new();
        for dir in ["archive", "crawls"] {
            let mut stack = vec![self.data().join(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).expect("dir").flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.to_string_lossy().ends_with(".gz") {
                        let f = std::fs::File::open(&p).expect("open");
                        flate2::read::MultiGzDecoder::new(f)
                            .read_to_end(&mut all)
                            .expect("gunzip");
                    } else {
                        all.extend(std::fs::read(&p).expect("read"));
                    }
                }
            }
        }
        String::from_utf8_lossy(&all).into_owned()
    }

    pub(crate) fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(args).output().expect("run rulegap");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Serves `app` on 127.0.0.1 (a free port) from a runtime of its own, for
/// the life of the test process; returns its address once it listens.
pub(crate) fn serve(app: axum::Router) -> std::net::SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("mock runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    rx.recv().expect("mock started")
}

/// The repository root.
pub(crate) fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One JSONL post line with the given fields (the rest defaulted).
pub(crate) fn post_line(
    site: &str,
    id: &str,
    author: &str,
    role: &str,
    date: &str,
    text: &str,
) -> String {
    serde_json::json!({
        "source": "discourse", "site": site, "competition": "dfdc", "thread_id": "t1",
        "thread_title": "External data thread", "post_id": id, "author": author, "role": role,
        "created_at": format!("{date}T12:00:00Z"), "text": text,
        "url": format!("https://{site}/t/t1/{id}")
    })
    .to_string()
}
