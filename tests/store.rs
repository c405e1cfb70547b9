//! The store through the binary: JSONL import/export, upsert and identity,
//! search and its filters, status, forget, schema version and the writer lock.

use pretty_assertions::assert_eq;

use crate::util::{Env, post_line};

/// A small forum: two sites, officials and participants, three dates.
fn sample(env: &Env) -> std::path::PathBuf {
    let lines = [
        post_line(
            "a.example",
            "1",
            "mod_ann",
            "moderator",
            "2020-01-10",
            "External data is allowed if posted in the external data thread.",
        ),
        post_line(
            "a.example",
            "2",
            "pat",
            "participant",
            "2020-01-11",
            "Can we use pretrained ImageNet weights as external data?",
        ),
        post_line(
            "a.example",
            "3",
            "host_bo",
            "host",
            "2020-02-01",
            "Pretrained weights count as external data and must be declared.",
        ),
        post_line(
            "b.example",
            "1",
            "staff_cy",
            "staff",
            "2020-03-01",
            "Team mergers close one week before the deadline.",
        )
        .replace("External data thread", "Team mergers")
        .replace("\"t1\"", "\"t2\""),
    ];
    env.file("sample.jsonl", &(lines.join("\n") + "\n"))
}

fn ids(json_lines: &str) -> Vec<String> {
    let mut v: Vec<String> = json_lines
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json hit");
            format!(
                "{}/{}",
                v["record"]["site"].as_str().unwrap(),
                v["record"]["post_id"].as_str().unwrap()
            )
        })
        .collect();
    v.sort();
    v
}

fn search(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    ids(&env.ok(&all))
}

#[test]
fn import_then_search_round_trip() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(
        search(&env, &["external data"]),
        vec!["a.example/1", "a.example/2", "a.example/3"]
    );
    assert_eq!(
        search(&env, &["\"pretrained weights count\""]),
        vec!["a.example/3"]
    );
    assert_eq!(
        search(&env, &["pretrained OR mergers"]),
        vec!["a.example/2", "a.example/3", "b.example/1"]
    );
    assert_eq!(
        search(&env, &["external NOT pretrained"]),
        vec!["a.example/1"]
    );
    assert_eq!(search(&env, &["author:pat"]), vec!["a.example/2"]);
    let human = env.ok(&["search", "declared"]);
    assert!(
        human.contains("host_bo (host)")
            && human.contains("2020-02-01")
            && human.contains("[declared]"),
        "{human}"
    );
    assert!(
        human.contains("https://a.example/t/t1/3") && human.contains("External data thread"),
        "{human}"
    );
}

#[test]
fn each_filter_narrows() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(
        search(&env, &["--official"]),
        vec!["a.example/1", "a.example/3", "b.example/1"]
    );
    assert_eq!(
        search(&env, &["--role", "participant"]),
        vec!["a.example/2"]
    );
    assert_eq!(
        search(&env, &["--role", "host", "--role", "staff"]),
        vec!["a.example/3", "b.example/1"]
    );
    assert_eq!(search(&env, &["--author", "MOD_ANN"]), vec!["a.example/1"]);
    assert_eq!(
        search(&env, &["--thread", "t1", "--since", "2020-02-01"]),
        vec!["a.example/3"]
    );
    assert_eq!(
        search(&env, &["--until", "2020-01-11"]),
        vec!["a.example/1", "a.example/2"]
    );
    assert_eq!(
        search(&env, &["--since", "2020-01-11", "--until", "2020-01-11"]),
        vec!["a.example/2"]
    );
    // A competition the store does not hold is a usage error, not an empty result.
    let (code, _, err) = env.run(&["search", "--competition", "other"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown competition `other`"), "{err}");
    // role and date combined
    assert_eq!(
        search(&env, &["external", "--official", "--until", "2020-01-31"]),
        vec!["a.example/1"]
    );
    assert_eq!(search(&env, &["--limit", "1", "external"]).len(), 1);
}

#[test]
fn upsert_keeps_one_copy_with_newer_content_and_sites_stay_apart() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let edited = env.file(
        "edit.jsonl",
        &post_line(
            "a.example",
            "1",
            "mod_ann",
            "moderator",
            "2020-01-10",
            "External data is no longer allowed.",
        ),
    );
    env.ok(&["import", "jsonl", edited.to_str().unwrap()]);
    let export = env.ok(&["export", "jsonl"]);
    assert_eq!(export.lines().count(), 4, "{export}");
    assert!(
        export.contains("no longer allowed") && !export.contains("if posted in"),
        "{export}"
    );
    // post id 1 exists on both sites: both kept
    assert_eq!(search(&env, &["--author", "staff_cy"]), vec!["b.example/1"]);
    assert_eq!(search(&env, &["longer"]), vec!["a.example/1"]);
}

#[test]
fn bad_lines_are_reported_and_good_ones_kept() {
    let env = Env::new();
    let good = post_line("a.example", "1", "ann", "staff", "2020-01-10", "fine");
    let text = format!(
        "{good}\nnot json\n{{\"site\":\"a\"}}\n\n{}\n",
        post_line("a.example", "2", "bo", "wizard", "2020-01-10", "x")
    );
    let f = env.file("bad.jsonl", &text);
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("bad.jsonl: line 2:"), "{err}");
    assert!(
        err.contains("line 3: missing required fields `competition`, `thread_id`"),
        "{err}"
    );
    assert!(err.contains("line 5:") && err.contains("wizard"), "{err}");
    assert!(
        err.contains("imported 1 post from") && err.contains("3 lines failed"),
        "{err}"
    );
    assert_eq!(env.ok(&["export", "jsonl"]).lines().count(), 1);
}

#[test]
fn a_file_without_one_post_is_an_error_and_leaves_nothing_behind() {
    let env = Env::new();
    let lines: Vec<String> = (0..30).map(|i| format!("# heading {i}")).collect();
    let f = env.file("notes.md.jsonl", &lines.join("\n"));
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("10 more bad lines not shown"), "{err}");
    assert!(err.contains("none of its 30 lines is a post"), "{err}");
    let imported = env.data().join("imported");
    let left = std::fs::read_dir(&imported).map_or(0, |d| d.count());
    assert_eq!(left, 0, "no stored copy of a failed import");
}

#[test]
fn import_reads_what_exports_from_other_tools_look_like() {
    let env = Env::new();
    // A byte-order mark, a capitalised role, and a slug that cannot name a folder.
    let first = post_line("a.example", "1", "ann", "Moderator", "2020-01-10", "fine");
    let bad_slug = post_line("a.example", "2", "bo", "host", "2020-01-10", "x")
        .replace("\"competition\":\"dfdc\"", "\"competition\":\"Fish 2027!\"");
    let f = env.file(
        "other.jsonl",
        &format!("\u{feff}{first}\n{bad_slug}\n[1, 2]\n1.1\n"),
    );
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("line 2: field `competition` is `Fish 2027!`"),
        "{err}"
    );
    assert!(err.contains("line 3: is a JSON array"), "{err}");
    assert!(
        err.contains("line 4: is a number, not a JSON object; each line must be one post object"),
        "{err}"
    );
    let out = env.ok(&["export", "jsonl"]);
    assert!(out.contains("\"role\":\"moderator\""), "{out}");
}

#[test]
fn a_utf16_file_is_refused_before_anything_is_created() {
    let env = Env::new();
    let f = env.dir.path().join("u16.jsonl");
    std::fs::write(&f, [0xFF, 0xFE, b'{', 0, b'}', 0]).unwrap();
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("UTF-16") && err.contains("iconv"), "{err}");
    assert!(
        !env.data().exists(),
        "no data directory made for a refused file"
    );
}

#[test]
fn empty_file_is_an_error_not_an_empty_result() {
    let env = Env::new();
    let f = env.file("empty.jsonl", "");
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("empty.jsonl") && err.contains("no posts"),
        "{err}"
    );
}

#[test]
fn import_from_stdin() {
    let env = Env::new();
    let line = post_line("a.example", "9", "ann", "staff", "2020-01-10", "from stdin");
    env.cmd(&["import", "jsonl", "-"])
        .write_stdin(line)
        .assert()
        .success();
    assert_eq!(search(&env, &["stdin"]), vec!["a.example/9"]);
}

#[test]
fn malformed_query_gets_one_clear_line() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let (code, _, err) = env.run(&["search", "\"external data"]);
    assert_eq!(code, 2, "a query that does not parse is a usage error");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("rulegap: cannot parse query") && err.contains("example of valid syntax"),
        "{err}"
    );
    let (code, _, err) = env.run(&["search", "nosuchfield:x"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown field `nosuchfield:`"), "{err}");
    // Only common words: say so, not the parser's "only excluding terms".
    for q in ["the and of", "the", "*"] {
        let (code, _, err) = env.run(&["search", q]);
        assert_eq!(code, 2, "{q}");
        assert!(err.contains("it has no word to search for"), "{q}: {err}");
    }
    // Nothing at all to search for is a usage error, not a list of everything.
    let (code, _, err) = env.run(&["search"]);
    assert_eq!(code, 2);
    assert!(err.contains("give words to search for"), "{err}");
    let (code, _, err) = env.run(&["search", "\"\""]);
    assert_eq!(code, 2);
    assert!(err.contains("give words to search for"), "{err}");
    // `*` is no wildcard, and --thread takes an id: both said when nothing matches.
    let (code, _, err) = env.run(&["search", "consen*"]);
    assert_eq!(code, 0);
    assert!(err.contains("are not wildcards here"), "{err}");
    let (code, _, err) = env.run(&["search", "data", "--thread", "External data thread"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("--thread takes the forum's thread id"),
        "{err}"
    );
    // A filter no record can pass says which: not only "no hits".
    let (code, _, err) = env.run(&["search", "data", "--author", "nobody"]);
    assert_eq!(code, 0);
    assert!(err.contains("nobody called `nobody`"), "{err}");
    let (_, _, err) = env.run(&["search", "data", "--thread", "t9"]);
    assert!(err.contains("no thread has the id `t9`"), "{err}");
    let (_, _, err) = env.run(&["search", "zebra", "--thread", "t1"]);
    assert!(
        err.contains("no hits") && !err.contains("note:"),
        "an existing thread gets no note: {err}"
    );
    let (code, _, err) = env.run(&[
        "search",
        "data",
        "--since",
        "2020-02-01",
        "--until",
        "2020-01-01",
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn quoted_words_are_not_the_quoting_authors_words() {
    let env = Env::new();
    let line = serde_json::json!({
        "site": "a.example", "competition": "dfdc", "thread_id": "t", "post_id": "5", "author": "mod_ann",
        "role": "moderator", "created_at": "2020-01-10T00:00:00Z", "url": "https://a.example/t/t/5",
        "html": "<aside class=\"quote\" data-username=\"pat\" data-post=\"2\"><blockquote><p>Surely faces from YouTube are fine?</p></blockquote></aside><p>Please read section 2.8.</p>"
    });
    let f = env.file("q.jsonl", &line.to_string());
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(
        search(&env, &["youtube", "--official"]),
        Vec::<String>::new()
    );
    assert_eq!(
        search(&env, &["youtube", "--official", "--include-quotes"]),
        vec!["a.example/5"]
    );
    let out = env.ok(&["export", "jsonl"]);
    let post: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(post["text"], "Please read section 2.8.");
    assert_eq!(post["quotes"][0]["author"], "pat");
    assert_eq!(post["quotes"][0]["post_ref"], "2");
}

#[test]
fn export_then_import_reproduces_the_store() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let first = env.ok(&["export", "jsonl"]);
    let other = Env::new();
    let dump = other.file("dump.jsonl", &first);
    other.ok(&["import", "jsonl", dump.to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "jsonl"]), first);
    assert_eq!(env.ok(&["export", "jsonl", "--competition", "dfdc"]), first);
}

#[test]
fn reindex_rebuilds_imported_posts() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let before = env.ok(&["search", "--json", "external data"]);
    env.ok(&["reindex"]);
    assert_eq!(env.ok(&["search", "--json", "external data"]), before);
}

#[test]
fn status_and_forget() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let status = env.ok(&["status"]);
    assert!(
        status.contains("dfdc") && status.contains("last import: 20"),
        "{status}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["competitions"]["dfdc"]["posts"], 4);
    assert_eq!(json["competitions"]["dfdc"]["official_posts"], 3);
    assert_eq!(json["competitions"]["dfdc"]["threads"], 2);

    // The same file again: the posts are updated in place, and the message says so.
    let again = env.ok_stderr(&["import", "jsonl", f.to_str().unwrap()]);
    assert!(
        again.contains("imported 4 posts") && again.contains("all already in the store"),
        "{again}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert_eq!(json["competitions"]["dfdc"]["posts"], 4);

    let (code, _, err) = env.run(&["forget", "--competition", "dfdc"]);
    assert_eq!(code, 2);
    assert!(err.contains("--yes"), "{err}");
    env.ok(&["forget", "--competition", "dfdc", "--yes"]);
    // The last import was all of dfdc: status no longer dates it.
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert!(json["last_import"].is_null(), "{json}");
    let (code, _, err) = env.run(&["export", "jsonl"]);
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = env.run(&["forget", "--competition", "dfdc", "--yes"]);
    assert_eq!(code, 2);
    assert!(err.contains("not in"), "{err}");
    // Forgotten stays forgotten: `reindex` does not bring the imported posts back,
    // and they are kept aside, not lost.
    env.ok(&["reindex"]);
    let json: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    assert!(json["competitions"]["dfdc"].is_null(), "{json}");
    let aside = std::fs::read_dir(env.data().join("forgotten"))
        .unwrap()
        .flatten()
        .next()
        .expect("a folder of what was set aside")
        .path();
    let files: Vec<_> = std::fs::read_dir(aside.join("imported"))
        .unwrap()
        .flatten()
        .map(|f| f.path())
        .collect();
    let lines: usize = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().lines().count())
        .sum();
    assert_eq!(lines, 4);
    // Named for the competition, so moving it back overwrites no kept import.
    assert!(
        files
            .iter()
            .all(|f| f.to_string_lossy().ends_with("-dfdc.jsonl")),
        "{files:?}"
    );
}

#[test]
fn older_schema_asks_for_reindex() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    std::fs::write(env.data().join("tantivy/schema-version"), "0\n").unwrap();
    let (code, _, err) = env.run(&["search", "external"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("schema version 0") && err.contains("run `rulegap reindex`"),
        "{err}"
    );
    env.ok(&["reindex"]);
    assert_eq!(search(&env, &["external data"]).len(), 3);
}

#[test]
fn second_writer_gets_a_clear_error_and_data_survives() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let data = rulegap::datadir::DataDir::new(env.data());
    let store = rulegap::index::Store::open(&data).unwrap();
    let writer = store.writer().unwrap();
    let more = env.file(
        "more.jsonl",
        &post_line("a.example", "7", "x", "staff", "2020-01-01", "late"),
    );
    let (code, _, err) = env.run(&["import", "jsonl", more.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("another rulegap process") && err.contains(".tantivy-writer.lock"),
        "{err}"
    );
    drop(writer);
    assert_eq!(env.ok(&["export", "jsonl"]).lines().count(), 4);
    env.ok(&["import", "jsonl", more.to_str().unwrap()]);
    assert_eq!(env.ok(&["export", "jsonl"]).lines().count(), 5);
}

#[test]
fn saved_queries_and_the_library() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let list = env.ok(&["queries"]);
    assert!(list.lines().count() >= 14, "{list}");
    assert!(list.contains("external-data"), "{list}");
    assert_eq!(
        search(&env, &["--saved", "external-data", "--official"]),
        vec!["a.example/1", "a.example/3"]
    );
    let (code, _, err) = env.run(&["search", "--saved", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no saved query `nope`"), "{err}");
    // a user's folder with a broken file is named
    env.file("myq/broken.toml", "name = \"broken\"\ntitle = 1\n");
    let dir = env.dir.path().join("myq");
    let (code, _, err) = env.run(&["--queries", dir.to_str().unwrap(), "queries"]);
    assert_eq!(code, 1);
    assert!(err.contains("broken.toml"), "{err}");
    // a query that does not parse is named when the library is listed
    env.file(
        "myq2/paid.toml",
        "name = \"paid\"\ntitle = \"Paid data\"\ndescription = \"x\"\nquery = 'paid OR (payment AND'\ntopic_concepts = [\"automl\"]\nrequirement_concepts = []\n",
    );
    let dir = env.dir.path().join("myq2");
    let (code, _, err) = env.run(&["--queries", dir.to_str().unwrap(), "queries"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("topic `paid`") && err.contains("does not parse"),
        "{err}"
    );
}

#[test]
fn builtin_library_is_valid() {
    let lib = rulegap::query::topics::TopicLibrary::builtin().expect("every queries/*.toml loads");
    for name in [
        "external-data",
        "pretrained-models",
        "data-licence",
        "consent-personal-data",
        "private-sharing",
        "multiple-accounts",
        "team-size-mergers",
        "submission-limits",
        "hand-labelling",
        "leaderboard-probing",
        "winner-licence",
        "winner-documentation",
        "code-competition",
        "eligibility-prizes",
    ] {
        assert!(lib.topics.contains_key(name), "missing topic {name}");
    }
}

#[test]
fn a_section_number_ranks_its_exact_mentions_first() {
    let env = Env::new();
    let lines = [
        post_line(
            "a.example",
            "1",
            "pat",
            "participant",
            "2020-01-10",
            "Is it allowed by 2.6? See 2.6 and 2.6 again, 2.6.",
        ),
        post_line(
            "a.example",
            "2",
            "mod_ann",
            "moderator",
            "2020-01-11",
            "Under Section 2.6.a you must post the dataset.",
        ),
        post_line(
            "a.example",
            "3",
            "kim",
            "participant",
            "2020-01-12",
            "Rule 2.6 is about external data.",
        ),
    ];
    let f = env.file("sections.jsonl", &lines.join("\n"));
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let out = env.ok(&["search", "--json", "2.6.a"]);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["record"]["author"], "mod_ann", "{out}");
}

#[test]
fn search_highlights_a_section_number_as_one_unit() {
    let env = Env::new();
    let line = post_line(
        "a.example",
        "1",
        "mod_ann",
        "moderator",
        "2020-01-10",
        "Under Section 2.6 you must post the dataset.",
    );
    let f = env.file("section.jsonl", &(line + "\n"));
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    let human = env.ok(&["search", "2.6"]);
    assert!(human.contains("Section [2.6] you"), "{human}");
    let out = env.ok(&["search", "--json", "2.6"]);
    let hit: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let fragment = hit["snippet"]["fragment"].as_str().unwrap();
    let marked: Vec<&str> = hit["snippet"]["highlighted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
            &fragment[s as usize..e as usize]
        })
        .collect();
    assert_eq!(marked, vec!["2.6"], "{out}");
}

/// Ids of `search --json` hits in the order printed, and their `score` values.
fn ordered_hits(env: &Env, args: &[&str]) -> (Vec<String>, Vec<serde_json::Value>) {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    env.ok(&all)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json hit");
            let id = format!(
                "{}/{}",
                v["record"]["site"].as_str().unwrap(),
                v["record"]["post_id"].as_str().unwrap()
            );
            (id, v["score"].clone())
        })
        .unzip()
}

#[test]
fn filters_only_search_lists_newest_first_without_a_score() {
    let env = Env::new();
    let f = sample(&env);
    env.ok(&["import", "jsonl", f.to_str().unwrap()]);
    // No words: nothing to rank by, so by date, newest first, and `score` is null.
    let (ids, scores) = ordered_hits(&env, &["--official", "--limit", "40"]);
    assert_eq!(ids, ["b.example/1", "a.example/3", "a.example/1"]);
    assert!(scores.iter().all(serde_json::Value::is_null), "{scores:?}");
    let (ids, _) = ordered_hits(&env, &["--competition", "dfdc"]);
    assert_eq!(
        ids,
        ["b.example/1", "a.example/3", "a.example/2", "a.example/1"]
    );
    // `--limit` keeps the newest ones, not any.
    let (ids, _) = ordered_hits(&env, &["--competition", "dfdc", "--limit", "2"]);
    assert_eq!(ids, ["b.example/1", "a.example/3"]);
    // An empty query is the same as none.
    let (ids, scores) = ordered_hits(&env, &["", "--official"]);
    assert_eq!(ids, ["b.example/1", "a.example/3", "a.example/1"]);
    assert!(scores.iter().all(serde_json::Value::is_null), "{scores:?}");
    // The terminal shows no meaningless score either.
    let human = env.ok(&["search", "--official"]);
    assert!(!human.contains("score"), "{human}");
    let first = human.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(" 1. staff_cy (staff)  2020-03-01"),
        "{human}"
    );
    // With words, hits keep their BM25 score, on the terminal and in JSON.
    let (_, scores) = ordered_hits(&env, &["external", "--official"]);
    assert!(
        !scores.is_empty() && scores.iter().all(|s| s.as_f64().is_some_and(|x| x > 0.0)),
        "{scores:?}"
    );
    assert!(env.ok(&["search", "external"]).contains("  score "));
    // Nothing matching the filters says so plainly.
    let (code, out, err) = env.run(&["search", "--official", "--since", "2021-01-01"]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(
        err.contains("no hits: nothing matches the filters given"),
        "{err}"
    );
}

#[test]
fn a_post_url_that_is_not_a_web_address_is_refused() {
    let env = Env::new();
    let good = post_line("a.example", "1", "ann", "staff", "2020-01-10", "fine");
    let hostile = post_line("a.example", "2", "bo", "staff", "2020-01-10", "click me")
        .replace("https://a.example/t/t1/2", "javascript:alert(3)");
    let thread = post_line("a.example", "3", "cy", "staff", "2020-01-10", "and me").replace(
        "\"thread_title\"",
        "\"thread_url\":\"data:text/html,x\",\"thread_title\"",
    );
    let f = env.file("urls.jsonl", &format!("{good}\n{hostile}\n{thread}\n"));
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(
            "urls.jsonl: line 2: field `url` must be an http:// or https:// address (got `javascript:alert(3)`)"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 3: field `thread_url` must be an http:// or https:// address"),
        "{err}"
    );
    assert!(
        err.contains("imported 1 post") && err.contains("2 lines failed"),
        "{err}"
    );
    let out = env.ok(&["export", "jsonl"]);
    assert!(!out.contains("javascript:"), "{out}");
}

#[test]
fn lines_that_are_not_objects_are_named_plainly() {
    let env = Env::new();
    let good = post_line("a.example", "1", "ann", "staff", "2020-01-10", "fine");
    // What a Markdown or text file given by mistake looks like, and bare JSON values.
    let f = env.file(
        "rules.md",
        &format!("{good}\n1.1 Eligibility\n1.1\n\"text\"\ntrue\nnull\n[1]\n{{}}\n"),
    );
    let (code, _, err) = env.run(&["import", "jsonl", f.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    for want in [
        "line 2: is not a JSON object (it begins `1.1 Eligibility`); each line must be one post object (README, \"JSONL interchange format\")",
        "line 3: is a number, not a JSON object;",
        "line 4: is a string, not a JSON object;",
        "line 5: is `true`, not a JSON object;",
        "line 6: is `null`, not a JSON object;",
        "line 7: is a JSON array, not a JSON object;",
        "line 8: missing required fields `site`, `competition`, `thread_id`, `post_id`, `author`, `created_at` and `text` (or `html`)",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    for internal in ["invalid type", "floating point", "expected struct", "Line"] {
        assert!(!err.contains(internal), "{internal}: {err}");
    }
}
