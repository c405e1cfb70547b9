//! The WARC 1.1 archive: every fetched response (robots.txt included) is
//! appended to a `.warc.gz` file under the data directory's `archive/` as a
//! `response` record (a `revisit` record for 304), each record its own gzip
//! member, after one `warcinfo` record naming the crawl. A POST (Kaggle's
//! API) is preceded by a `request` record holding its JSON body, under the
//! same stable `WARC-Target-URI` as its response. `reindex` replays these
//! files through `archive_reader`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::Compression;
use flate2::write::GzEncoder;
use jiff::Timestamp;
use sha1::{Digest, Sha1};

use crate::datadir::DataDir;
use crate::error::{Error, Result};

/// gzip level of each record: 3 costs about a third of the default level's CPU
/// for a few percent larger files (JSON compresses well either way).
pub const GZIP_LEVEL: u32 = 3;

/// The header of the `warcinfo` record that names the crawl a file belongs to.
pub const CRAWL_FIELD: &str = "rulegap-crawl";

/// The header of the `warcinfo` record that names the competition whose
/// official documents a file holds (`doc add URL`).
pub const DOCUMENTS_FIELD: &str = "rulegap-documents-of";

/// Who wrote an archive file, recorded in its `warcinfo` record so that
/// `reindex` replays a crawl's files and `forget` finds a competition's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveOwner<'a> {
    /// The crawl with this id.
    Crawl(&'a str),
    /// `doc add URL` for this competition.
    Documents(&'a str),
}

/// What to write for one response.
#[derive(Debug, Clone)]
pub struct ResponseRecord<'a> {
    /// The requested (final) URL.
    pub url: &'a str,
    /// When the response arrived.
    pub fetched_at: Timestamp,
    /// HTTP status code.
    pub status: u16,
    /// The status line's reason phrase.
    pub reason: &'a str,
    /// Response headers as received (transfer-encoding and content-encoding are dropped,
    /// since the payload is stored decoded).
    pub headers: &'a [(String, String)],
    /// The decoded payload.
    pub body: &'a [u8],
}

/// What to write for the body of a POST request (Kaggle's API).
#[derive(Debug, Clone)]
pub struct RequestRecord<'a> {
    /// The request's stable name (the `WARC-Target-URI` of its response too).
    pub url: &'a str,
    /// Where the body was sent.
    pub endpoint: &'a url::Url,
    /// When it was sent.
    pub at: Timestamp,
    /// The JSON body.
    pub body: &'a [u8],
}

/// Appends records to one `.warc.gz` file.
pub struct ArchiveWriter {
    path: PathBuf,
    file: Mutex<std::fs::File>,
    info_id: String,
}

static SEQ: AtomicU64 = AtomicU64::new(0);

impl ArchiveWriter {
    /// A new file `archive/{time}-{label}.warc.gz`, opened with its `warcinfo` record.
    /// `owner` names the crawl whose recorded settings `reindex` applies to it,
    /// or the competition whose documents it holds.
    pub fn create(data: &DataDir, label: &str, owner: ArchiveOwner<'_>) -> Result<ArchiveWriter> {
        let dir = data.archive();
        DataDir::ensure(&dir)?;
        let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%S%.6fZ").to_string();
        let path = dir.join(format!("{stamp}-{}-{label}.warc.gz", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        let info_id = record_id(&path.display().to_string());
        let w = ArchiveWriter {
            path,
            file: Mutex::new(file),
            info_id,
        };
        let mut fields = format!(
            "software: rulegap/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            env!("CARGO_PKG_VERSION")
        );
        fields.push_str(&match owner {
            ArchiveOwner::Crawl(c) => format!("{CRAWL_FIELD}: {c}\r\n"),
            ArchiveOwner::Documents(c) => format!("{DOCUMENTS_FIELD}: {c}\r\n"),
        });
        let file_name = w
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let headers = vec![
            ("WARC-Type", "warcinfo".to_owned()),
            ("WARC-Record-ID", w.info_id.clone()),
            ("WARC-Date", warc_date(Timestamp::now())),
            ("WARC-Filename", file_name),
            ("Content-Type", "application/warc-fields".to_owned()),
        ];
        w.append(&headers, fields.as_bytes())?;
        Ok(w)
    }

    /// The file being written.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends a `response` record, or a `revisit` record for a 304.
    pub fn response(&self, r: &ResponseRecord<'_>) -> Result<()> {
        let mut block = format!("HTTP/1.1 {} {}\r\n", r.status, r.reason).into_bytes();
        for (k, v) in r.headers {
            let lk = k.to_ascii_lowercase();
            if lk == "transfer-encoding" || lk == "content-encoding" || lk == "content-length" {
                continue;
            }
            block.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        if r.status != 304 {
            block.extend_from_slice(format!("Content-Length: {}\r\n", r.body.len()).as_bytes());
        }
        block.extend_from_slice(b"\r\n");
        let revisit = r.status == 304;
        if !revisit {
            block.extend_from_slice(r.body);
        }
        let mut headers = vec![
            (
                "WARC-Type",
                if revisit { "revisit" } else { "response" }.to_owned(),
            ),
            ("WARC-Record-ID", record_id(r.url)),
            ("WARC-Date", warc_date(r.fetched_at)),
            ("WARC-Target-URI", r.url.to_owned()),
            ("WARC-Warcinfo-ID", self.info_id.clone()),
        ];
        if revisit {
            headers.push((
                "WARC-Profile",
                "http://netpreserve.org/warc/1.1/revisit/server-not-modified".to_owned(),
            ));
            headers.push(("WARC-Refers-To-Target-URI", r.url.to_owned()));
        } else {
            headers.push(("WARC-Payload-Digest", sha1_digest(r.body)));
        }
        headers.push(("WARC-Block-Digest", sha1_digest(&block)));
        headers.push((
            "Content-Type",
            "application/http;msgtype=response".to_owned(),
        ));
        self.append(&headers, &block)
    }

    /// Appends a `request` record: the POST line, host, content type and body.
    /// Credentials are never recorded.
    pub fn request(&self, r: &RequestRecord<'_>) -> Result<()> {
        let host = crate::source::discourse::site_name(r.endpoint);
        let mut block = format!(
            "POST {} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            r.endpoint.path(),
            r.body.len()
        )
        .into_bytes();
        block.extend_from_slice(r.body);
        let headers = vec![
            ("WARC-Type", "request".to_owned()),
            ("WARC-Record-ID", record_id(r.url)),
            ("WARC-Date", warc_date(r.at)),
            ("WARC-Target-URI", r.url.to_owned()),
            ("WARC-Warcinfo-ID", self.info_id.clone()),
            ("WARC-Block-Digest", sha1_digest(&block)),
            (
                "Content-Type",
                "application/http;msgtype=request".to_owned(),
            ),
        ];
        self.append(&headers, &block)
    }

    fn append(&self, headers: &[(&str, String)], block: &[u8]) -> Result<()> {
        let mut record = b"WARC/1.1\r\n".to_vec();
        for (k, v) in headers {
            record.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
        record.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        let mut gz = GzEncoder::new(
            Vec::with_capacity(record.len() / 3),
            Compression::new(GZIP_LEVEL),
        );
        let member = gz
            .write_all(&record)
            .and_then(|()| gz.finish())
            .map_err(|e| Error::io(&self.path, e))?;
        let mut file = self.file.lock().map_err(|_| {
            Error::Input(format!("{}: archive writer poisoned", self.path.display()))
        })?;
        file.write_all(&member)
            .map_err(|e| Error::io(&self.path, e))
    }
}

/// `sha1:` and the base32 digest, as WARC readers expect.
#[must_use]
pub fn sha1_digest(bytes: &[u8]) -> String {
    format!(
        "sha1:{}",
        data_encoding::BASE32.encode(&Sha1::digest(bytes))
    )
}

/// A WARC date: UTC with microseconds.
fn warc_date(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A unique `<urn:uuid:…>` from time, process, a counter and the URL.
fn record_id(seed: &str) -> String {
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let now = Timestamp::now().as_nanosecond();
    let h = Sha1::digest(format!("{now}/{}/{n}/{seed}", std::process::id()).as_bytes());
    let hex = data_encoding::HEXLOWER.encode(&h[..16]);
    format!(
        "<urn:uuid:{}-{}-4{}-a{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}
