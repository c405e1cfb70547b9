//! `rulegap demo`: the whole pipeline, offline, on the bundled example
//! competition. The binary serves the example forum and its documents itself
//! on 127.0.0.1 as a Discourse site; the real crawler crawls it, the documents
//! are added by URL, and the report is printed and written as HTML.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Parser};

use super::{Cli, Outcome};
use crate::demo::{CompetitionFixture, ServerOptions, Site, document_path, serve_blocking};

/// Where the HTML report goes (in the current directory).
pub(super) const DEMO_REPORT: &str = "rulegap-demo-report.html";

/// Arguments of `rulegap demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Write the HTML report here instead of ./rulegap-demo-report.html.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print the report as JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Keep serving the example forum after the report, until Ctrl-C, so that
    /// the report's evidence links open their posts.
    #[arg(long)]
    pub serve: bool,
}

pub(super) fn demo(
    data: Option<&Path>,
    queries: Option<&Path>,
    a: &DemoArgs,
) -> anyhow::Result<Outcome> {
    let temp;
    let data: PathBuf = match data {
        Some(d) => d.to_path_buf(),
        None => {
            temp = tempfile::Builder::new()
                .prefix("rulegap-demo-")
                .tempdir()
                .context("creating a temporary data directory")?;
            temp.path().to_path_buf()
        }
    };
    let html = a.html.clone().unwrap_or_else(|| PathBuf::from(DEMO_REPORT));
    check_writable(&html)?;
    let fixture = CompetitionFixture::demo()?;
    let spec = &fixture.spec;
    refuse_earlier_run(&data, &spec.slug)?;
    let server = serve_blocking(Site::demo()?, ServerOptions::default())?;
    let base = server.base_url().trim_end_matches('/').to_owned();
    eprintln!(
        "rulegap demo: serving the example forum \"{}\" at {base}",
        spec.title
    );
    eprintln!("rulegap demo: data directory {}", data.display());

    let run = |args: Vec<String>| -> anyhow::Result<Outcome> {
        let mut full = vec![
            "rulegap".to_owned(),
            "--data".to_owned(),
            data.display().to_string(),
        ];
        if let Some(q) = queries {
            full.extend(["--queries".to_owned(), q.display().to_string()]);
        }
        full.extend(args);
        super::run(Cli::try_parse_from(&full).with_context(|| format!("demo command {full:?}"))?)
    };

    let category = format!("{base}/c/{}/{}", spec.slug, spec.category_id);
    eprintln!("rulegap demo: crawling {category} (no delay: the server is local)");
    let mut crawl = vec![
        "crawl".to_owned(),
        category,
        "--competition".into(),
        spec.slug.clone(),
        "--delay".into(),
        "0".into(),
        "--quiet".into(),
    ];
    for g in &spec.official_groups {
        crawl.extend(["--official-group".to_owned(), g.clone()]);
    }
    for u in &spec.official_users {
        crawl.extend(["--official-user".to_owned(), u.clone()]);
    }
    run(crawl)?;

    for doc in &fixture.documents {
        let url = format!("{base}{}", document_path(&spec.slug, &doc.spec));
        eprintln!(
            "rulegap demo: adding {} ({}) from {url}",
            doc.spec.id, doc.spec.kind
        );
        let mut args = vec![
            "doc".to_owned(),
            "add".into(),
            url,
            "--competition".into(),
            spec.slug.clone(),
            "--kind".into(),
            doc.spec.kind.to_string(),
            "--id".into(),
            doc.spec.id.clone(),
        ];
        if doc.spec.version_of.is_some() {
            args.push("--new-version".into());
        }
        run(args)?;
    }

    let format = if a.json { "json" } else { "markdown" };
    run(vec![
        "report".into(),
        "--competition".into(),
        spec.slug.clone(),
        "--format".into(),
        format.into(),
    ])?;
    run(vec![
        "report".into(),
        "--competition".into(),
        spec.slug.clone(),
        "--format".into(),
        "html".into(),
        "--output".into(),
        html.display().to_string(),
    ])?;
    let shown = std::fs::canonicalize(&html).unwrap_or(html);
    eprintln!("rulegap demo: the HTML report is at {}", shown.display());
    if a.serve {
        let stop = super::interrupt::Interrupt::watch();
        eprintln!(
            "rulegap demo: serving the example forum at {base} so the report's links open their posts; press Ctrl-C to stop"
        );
        while !stop.pressed() {
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        eprintln!("rulegap demo: stopped serving");
    } else {
        eprintln!(
            "rulegap demo: the example forum has stopped, so the report's links no longer open; run `rulegap demo --serve` to keep it up while you read"
        );
    }
    Ok(Outcome::Success)
}

/// Fails before anything is served when `data` already holds the demo
/// competition: the forum is served on a new port each run, so crawling it
/// again would store every post a second time under another address.
fn refuse_earlier_run(data: &Path, slug: &str) -> anyhow::Result<()> {
    let dir = crate::datadir::DataDir::new(data);
    if !dir.tantivy().join("meta.json").exists() {
        return Ok(());
    }
    let store = crate::index::Store::open_read(&dir)?;
    let searcher = store.searcher()?;
    let posts = store.posts(&searcher, Some(slug))?.len();
    let clauses = store.clauses(&searcher, Some(slug))?.len();
    if posts + clauses == 0 {
        return Ok(());
    }
    let d = data.display();
    anyhow::bail!(
        "{d} already holds the demo competition `{slug}` from an earlier run ({posts} posts, {clauses} clauses). \
         The demo serves its forum on a new port each time, so running it there again would store every post twice. \
         See the earlier report with `rulegap --data {d} report --competition {slug}`, \
         or run the demo with another `--data` directory (or with neither `--data` nor RULEGAP_DATA: a temporary one is used), \
         or remove the earlier run with `rulegap --data {d} forget --competition {slug} --yes`."
    )
}

/// Fails before the pipeline runs when the HTML report could not be written at the end.
fn check_writable(path: &Path) -> anyhow::Result<()> {
    let existed = path.exists();
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot write the HTML report to {} ({e}); give a writable path with `--html FILE`",
                path.display()
            )
        })?;
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}
