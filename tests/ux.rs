//! A new user's first hour: mistyped paths, flags that cannot match, read-only
//! data directories, unreachable forums and rough JSONL. Each test pins the
//! message (what is wrong, what to do) and the exit code of the README's table.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::util::{Env, post_line};

/// An `Env` with two competitions' posts imported.
fn with_posts() -> Env {
    let env = Env::new();
    let lines = [
        post_line(
            "a.example",
            "1",
            "ann",
            "staff",
            "2020-01-10",
            "consent of persons depicted",
        ),
        post_line(
            "a.example",
            "2",
            "bo",
            "participant",
            "2020-01-11",
            "team merger deadline",
        ),
    ]
    .join("\n");
    let f = env.file("posts.jsonl", &lines);
    env.ok_stderr(&["import", "jsonl", f.to_str().unwrap()]);
    env
}

#[test]
fn read_commands_on_a_missing_data_dir_fail_without_creating_it() {
    let env = Env::new();
    for args in [
        &["search", "foo"][..],
        &["status"],
        &["report", "--competition", "x"],
        &["doc", "list", "--competition", "x"],
        &["export", "jsonl"],
        &["reindex"],
    ] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.starts_with(&format!(
                "rulegap: no rulegap data directory at {}: create one with `rulegap import`",
                env.data().display()
            )),
            "{args:?}: {err}"
        );
    }
    assert!(
        !env.data().exists(),
        "a read command created the data directory"
    );
}

#[test]
fn data_that_is_a_file_says_so_once() {
    let env = Env::new();
    let f = env.file("afile", "x");
    let out = env.cmd(&["status"]).arg("--data").arg(&f).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.trim(),
        format!(
            "rulegap: --data {} is a file, not a directory; pass the rulegap data directory (default `./index`)",
            f.display()
        )
    );
}

#[test]
fn error_causes_are_not_repeated() {
    let env = with_posts();
    let (code, _, err) = env.run(&[
        "--queries",
        "/nonexistent-rulegap",
        "search",
        "--saved",
        "x",
    ]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        err.trim(),
        "rulegap: --queries /nonexistent-rulegap: no such folder; give a folder of rule-topic .toml files (or drop --queries and RULEGAP_QUERIES to use the built-in library)"
    );
    // A library I/O error shows its OS cause once, not again as the error's source.
    let state = env.data().join("state.json");
    std::fs::remove_file(&state).unwrap();
    std::fs::create_dir(&state).unwrap();
    let (code, _, err) = env.run(&["status"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
}

#[test]
fn unknown_competition_is_a_usage_error_listing_the_known_ones() {
    let env = with_posts();
    let (code, out, err) = env.run(&["search", "consent", "--competition", "nosuch"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("unknown competition `nosuch`") && err.contains("(known: `dfdc`)"),
        "{err}"
    );
}

#[test]
fn post_filters_with_in_clauses_are_refused() {
    let env = with_posts();
    let (code, _, err) = env.run(&["search", "consent", "--in", "clauses", "--official"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--official applies to posts, not clauses"),
        "{err}"
    );
    let (code, _, err) = env.run(&[
        "search",
        "x",
        "--in",
        "clauses",
        "--role",
        "host",
        "--since",
        "2020-01-01",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--role, --since apply to posts"), "{err}");
}

#[test]
fn several_words_are_one_query() {
    let env = with_posts();
    let one = env.ok(&["search", "team merger", "--json"]);
    let two = env.ok(&["search", "team", "merger", "--json"]);
    assert_eq!(one.lines().count(), 1, "{one}");
    assert_eq!(one, two);
}

#[test]
fn limit_zero_is_a_usage_error() {
    let env = with_posts();
    let (code, _, err) = env.run(&["search", "consent", "--limit", "0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--limit"), "{err}");
}

#[test]
fn forget_counts_posts_and_clauses_apart() {
    let env = with_posts();
    let (code, _, err) = env.run(&["forget", "--competition", "dfdc"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`forget` removes 2 posts and 0 clauses of `dfdc`"),
        "{err}"
    );
}

#[test]
fn import_jsonl_rough_edges() {
    let env = Env::new();
    let good = post_line("a.example", "1", "ann", "staff", "2020-01-10", "fine");
    let mut extra: serde_json::Value = serde_json::from_str(&good).unwrap();
    extra["post_id"] = "2".into();
    extra["likes"] = 3.into();
    let mut date_only = extra.clone();
    date_only["post_id"] = "3".into();
    date_only["created_at"] = "2020-03-01".into();
    let mut blank = extra.clone();
    blank["post_id"] = "4".into();
    blank["text"] = "   ".into();
    let text = [
        good,
        extra.to_string(),
        date_only.to_string(),
        blank.to_string(),
    ]
    .join("\n");
    let f = env.file("rough.jsonl", &text);
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("line 3: `created_at` must be an RFC 3339 timestamp like 2020-03-01T12:00:00Z (got `2020-03-01`); line skipped"),
        "{err}"
    );
    assert!(err.contains("line 4: `text` is empty"), "{err}");
    assert_eq!(
        err.matches("ignored unknown field(s) `likes`").count(),
        1,
        "{err}"
    );
    assert!(err.contains("imported 2 posts from"), "{err}");

    let dir = env.dir.path().to_str().unwrap();
    let (code, _, err) = env.run(&["import", "jsonl", dir]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("{dir} is a directory, not a JSONL file")),
        "{err}"
    );
    let (code, _, err) = env.run(&["import", "jsonl", "nofile.jsonl"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("nofile.jsonl: no such file; check the path"),
        "{err}"
    );
}

#[test]
fn doc_add_names_an_unsupported_scheme() {
    let env = Env::new();
    for (source, scheme) in [("ftp://example.org/rules", "ftp"), ("htp:/bad", "htp")] {
        let (code, _, err) = env.run(&[
            "doc",
            "add",
            source,
            "--competition",
            "c",
            "--kind",
            "rules",
        ]);
        assert_eq!(code, 1);
        assert!(
            err.contains(&format!("unsupported URL scheme `{scheme}`")),
            "{err}"
        );
    }
}

#[test]
fn crawl_of_a_closed_port_says_cannot_connect() {
    let env = Env::new();
    let (code, _, err) = env.run(&["crawl", "http://127.0.0.1:1/", "--competition", "x"]);
    assert_eq!(code, 1, "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("rulegap: cannot connect to 127.0.0.1:1: connection refused"),
        "{err}"
    );
    assert!(
        !err.contains("retrying"),
        "a refused connection was retried: {err}"
    );
    assert!(!err.contains("tcp connect error"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_where_every_page_fails_exits_1_not_3() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let env = Env::new();
    let url = format!("{}/t/foo/12", server.uri());
    let (code, _, err) = env.run(&[
        "crawl",
        &url,
        "--source",
        "discourse",
        "--competition",
        "x",
        "--delay",
        "0",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nothing was crawled: the only page failed"),
        "{err}"
    );
}

/// Whether this process can write into a folder it made read-only (root can).
fn ignores_permissions(dir: &std::path::Path) -> bool {
    std::fs::write(dir.join("probe"), "x").is_ok()
}

#[cfg(unix)]
#[test]
fn read_only_data_dir_serves_reads_and_refuses_writes() {
    use std::os::unix::fs::PermissionsExt;
    let env = with_posts();
    let set = |mode: u32| {
        for entry in [env.data(), env.data().join("tantivy")] {
            std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode)).unwrap();
        }
    };
    set(0o555);
    if ignores_permissions(&env.data().join("tantivy")) {
        set(0o755);
        eprintln!("skipped: running as a user who ignores permissions (root)");
        return;
    }
    let out = env.ok(&["search", "consent", "--json"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    env.ok(&["status"]);
    let f = env.file(
        "more.jsonl",
        &post_line("a.example", "9", "x", "staff", "2020-01-10", "y"),
    );
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    let (forget_code, _, forget_err) = env.run(&["forget", "--competition", "dfdc", "--yes"]);
    set(0o755);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("permission denied on"), "{err}");
    assert!(!err.contains("another rulegap process"), "{err}");
    assert_eq!(forget_code, 1, "{forget_err}");
    assert!(forget_err.contains("permission denied on"), "{forget_err}");
}

#[test]
fn demo_checks_the_html_path_before_running() {
    let env = Env::new();
    let (code, _, err) = env.run(&["demo", "--html", "/nonexistent-rulegap-dir/x.html"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("rulegap: cannot write the HTML report to /nonexistent-rulegap-dir/x.html"),
        "{err}"
    );
    assert!(!err.contains("serving"), "the pipeline ran first: {err}");
}

#[test]
fn a_hyphenated_query_word_gets_a_quoting_hint() {
    let env = with_posts();
    let (code, _, err) = env.run(&["search", "data", "-consent"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("quote the whole query"), "{err}");
    let (code, _, err) = env.run(&["search", "data -consent"]);
    assert_eq!(code, 0, "{err}");
}

/// Ctrl-C during an import keeps what was imported, in the index and in the
/// stored copy alike, says so, and exits 130; running it again adds nothing twice.
#[test]
fn ctrl_c_during_import_keeps_what_is_done() {
    use std::io::Write;
    let env = Env::new();
    let lines: Vec<String> = (1..=10)
        .map(|i| {
            post_line(
                "a.example",
                &i.to_string(),
                "ann",
                "staff",
                "2020-01-10",
                "fine",
            )
        })
        .collect();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("rulegap"))
        .env("NO_COLOR", "1")
        .arg("--data")
        .arg(env.data())
        .args(["import", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start rulegap");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{}", lines.join("\n")).unwrap();
    stdin.flush().unwrap();
    // The copy file appears once Ctrl-C is handled; then give the lines time to be read.
    let imported = env.data().join("imported");
    let start = std::time::Instant::now();
    while std::fs::read_dir(&imported).map_or(true, |mut d| d.next().is_none()) {
        assert!(start.elapsed().as_secs() < 60, "the import never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    // The reader wakes on the next line and stops there.
    let _ = writeln!(stdin, "{}", lines[0]);
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(1) {
        // Slow machine: the signal came before the first line was read.
        assert!(err.contains("nothing was kept"), "{err}");
        return;
    }
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(
        err.contains("interrupted after 10 posts of <stdin>: they are kept"),
        "{err}"
    );
    let status = env.ok(&["status", "--json"]);
    let s: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(s["competitions"]["dfdc"]["posts"], 10, "{status}");
    let f = env.file("all.jsonl", &lines.join("\n"));
    env.ok_stderr(&["import", "jsonl", f.to_str().unwrap()]);
    let err = env.ok_stderr(&["reindex"]);
    assert!(err.contains("reindexed 10 imported posts"), "{err}");
}

/// Importing the same file again stores it once; another file is a copy of its own.
#[test]
fn the_same_import_is_stored_once() {
    let env = Env::new();
    let line = |id: &str| post_line("a.example", id, "ann", "staff", "2020-01-10", "fine");
    let f = env.file("a.jsonl", &line("1"));
    let g = env.file("b.jsonl", &line("2"));
    let copies = || {
        std::fs::read_dir(env.data().join("imported"))
            .unwrap()
            .count()
    };
    env.ok_stderr(&["import", "jsonl", f.to_str().unwrap()]);
    env.ok_stderr(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(copies(), 1);
    env.ok_stderr(&["import", "jsonl", g.to_str().unwrap()]);
    assert_eq!(copies(), 2);
    let err = env.ok_stderr(&["reindex"]);
    assert!(err.contains("reindexed 2 imported posts"), "{err}");
}

/// Hacker News has no user groups or titles: the options that read them are
/// refused before anything is fetched, naming the one that works.
#[test]
fn title_and_group_options_are_refused_where_they_mean_nothing() {
    let env = Env::new();
    let (code, _, err) = env.run(&[
        "crawl",
        "https://news.ycombinator.com/item?id=1",
        "--competition",
        "hnc",
        "--official-title",
        "([",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Hacker News has neither") && err.contains("--official-user"),
        "{err}"
    );
    assert!(!env.data().join("archive").exists(), "nothing fetched");
}

#[test]
fn search_help_says_how_filters_only_results_are_ordered() {
    let env = Env::new();
    let help = env.ok(&["search", "--help"]);
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("with no QUERY (filters only, e.g. `search --competition SLUG --official`) they come newest first, without a score"),
        "{help}"
    );
    let readme = std::fs::read_to_string(crate::util::repo().join("README.md")).unwrap();
    assert!(
        readme.contains("they come newest first")
            && readme.contains("or null for a filters-only search"),
        "README's search section documents the order and the null score"
    );
}

/// `status` on a folder that was never a store says so and points at
/// `--data`, rather than calling it an empty store; it writes nothing there.
#[test]
fn status_of_a_folder_that_is_no_store_points_at_data() {
    let env = Env::new();
    std::fs::create_dir_all(env.data()).unwrap();
    std::fs::write(env.data().join("README.md"), "notes").unwrap();
    let out = env.ok(&["status"]);
    assert!(out.contains("no rulegap store here yet"), "{out}");
    assert!(out.contains("--data DIR"), "{out}");
    assert_eq!(std::fs::read_dir(env.data()).unwrap().count(), 1);
}
