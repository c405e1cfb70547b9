//! `rulegap import kaggle`: the Meta Kaggle CSV export, through the binary, on
//! the hand-written slices under `tests/fixtures/kaggle/` (`current`: an export
//! with `RawMarkdown`, organisations and sub-forums; `old`: no `RawMarkdown`,
//! 12-hour dates, no optional files) and broken copies of them.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{Env, repo};

/// Copies the fixture export `name` into the temp dir as `as_dir`, and returns its path.
fn export(env: &Env, name: &str, as_dir: &str) -> PathBuf {
    let from = repo().join("tests/fixtures/kaggle").join(name);
    let to = env.dir.path().join(as_dir);
    std::fs::create_dir_all(&to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("fixture dir") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
    to
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Every stored post, keyed by post id.
fn posts(env: &Env) -> Vec<Value> {
    env.ok(&["export", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn post<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter()
        .find(|p| p["post_id"] == id)
        .unwrap_or_else(|| panic!("post {id} not imported"))
}

fn imported_copies(env: &Env) -> usize {
    std::fs::read_dir(env.data().join("imported")).map_or(0, Iterator::count)
}

fn import_current(env: &Env) -> PathBuf {
    let dir = export(env, "current", "current");
    env.ok(&[
        "import",
        "kaggle",
        arg(&dir),
        "--official-user",
        "organiser_olga",
    ]);
    dir
}

#[test]
fn kaggle_roles_urls_replies_and_quotes() {
    let env = Env::new();
    import_current(&env);
    let all = posts(&env);
    let ids: Vec<&str> = all.iter().map(|p| p["post_id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert!(!ids.contains(&"700004"), "notebook-comment topic imported");

    let staff = post(&all, "700001");
    assert_eq!(staff["role"], "staff", "PerformanceTier 5");
    assert_eq!(staff["site"], "kaggle");
    assert_eq!(staff["source"], "kaggle");
    assert_eq!(staff["competition"], "deepfake-detection-challenge");
    assert_eq!(staff["thread_title"], "External data thread");
    assert_eq!(
        staff["thread_url"],
        "https://www.kaggle.com/competitions/deepfake-detection-challenge/discussion/120001"
    );
    assert_eq!(
        staff["url"],
        "https://www.kaggle.com/competitions/deepfake-detection-challenge/discussion/120001#700001"
    );
    assert_eq!(staff["created_at"], "2019-12-20T18:03:59Z");
    assert_eq!(
        staff["text"],
        "External data must be posted in this thread.\n\nPretrained models are allowed if they are public."
    );

    let pat = post(&all, "700002");
    assert_eq!(pat["role"], "participant");
    assert_eq!(pat["reply_to"], "700001", "float-formatted reply id");
    assert_eq!(pat["text"], "Is dataset Y ok?\n\nIt is public & free.");

    let host = post(&all, "700003");
    assert_eq!(host["role"], "host", "member of the host organisation");
    assert_eq!(host["author"], "host_alice");
    assert_eq!(
        host["text"],
        "Yes, dataset Y is allowed; post the link here."
    );
    assert_eq!(host["quotes"][0]["text"], "Is dataset Y ok?");
    assert_eq!(host["quotes"][0]["author"], "participant_pat");

    assert_eq!(post(&all, "700005")["role"], "host", "--official-user");
    assert_eq!(post(&all, "700005")["competition"], "other-comp");
    assert_eq!(post(&all, "700007")["role"], "host");
    let gus = post(&all, "700006");
    assert_eq!(gus["role"], "participant", "tier 4, member of another org");
    assert_eq!(
        gus["thread_title"], "Can we merge teams?",
        "sub-forum topic"
    );
}

#[test]
fn kaggle_old_export_without_raw_markdown_and_with_12_hour_dates() {
    let env = Env::new();
    let dir = export(&env, "old", "old");
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 0, "{stderr}");
    let all = posts(&env);
    assert_eq!(all.len(), 3);
    assert_eq!(post(&all, "4000001")["created_at"], "2013-03-04T14:15:00Z");
    assert_eq!(post(&all, "4000003")["created_at"], "2013-03-06T00:00:00Z");
    let staff = post(&all, "4000002");
    assert_eq!(staff["role"], "staff");
    assert_eq!(staff["created_at"], "2013-03-05T09:00:00Z");
    assert_eq!(
        staff["text"],
        "No. Hand labelling of test data is not allowed."
    );
    assert_eq!(
        staff["quotes"][0]["text"],
        "May we hand-label the test set?"
    );
    assert_eq!(staff["reply_to"], "4000001");
    assert_eq!(post(&all, "4000003")["role"], "participant");
}

#[test]
fn kaggle_official_statements_are_searchable() {
    let env = Env::new();
    import_current(&env);
    let out = env.ok(&["search", "dataset", "--official", "--json"]);
    assert_eq!(hit_ids(&out), ["700007", "700003"], "{out}");
    let out = env.ok(&["search", "dataset", "--role", "participant", "--json"]);
    assert_eq!(hit_ids(&out), ["700002"], "{out}");
}

fn hit_ids(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json hit");
            v["record"]["post_id"].as_str().expect("post id").to_owned()
        })
        .collect()
}

#[test]
fn kaggle_selected_competition_only() {
    let env = Env::new();
    let dir = export(&env, "current", "current");
    env.ok(&["import", "kaggle", arg(&dir), "--competition", "other-comp"]);
    let all = posts(&env);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["post_id"], "700005");
    assert_eq!(
        all[0]["role"], "participant",
        "no --official-user this time"
    );
}

#[test]
fn kaggle_competition_without_forum_is_skipped_with_a_note() {
    let env = Env::new();
    let dir = export(&env, "current", "current");
    let (code, _, stderr) = env.run(&[
        "import",
        "kaggle",
        arg(&dir),
        "--competition",
        "brand-new-comp",
        "--competition",
        "other-comp",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("skipped competition `brand-new-comp`"),
        "{stderr}"
    );
    assert_eq!(posts(&env).len(), 1);
}

#[test]
fn kaggle_reimport_of_a_newer_export_updates_without_duplicates() {
    let env = Env::new();
    import_current(&env);
    let dir = export(&env, "current", "newer");
    let messages = std::fs::read_to_string(dir.join("ForumMessages.csv")).unwrap();
    let messages = messages.replace("It is public &amp; free.", "It is public, free and small.")
        + "700008,120001,66602,12/24/2019 11:00:00,700003.0,<p>Thanks!</p>,Thanks!,,\n";
    env.file("newer/ForumMessages.csv", &messages);
    env.ok(&[
        "import",
        "kaggle",
        arg(&dir),
        "--official-user",
        "organiser_olga",
    ]);
    let all = posts(&env);
    assert_eq!(all.len(), 7, "six old posts, one new");
    assert_eq!(
        post(&all, "700002")["text"],
        "Is dataset Y ok?\n\nIt is public, free and small."
    );
    let status: Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
    let dfdc = &status["competitions"]["deepfake-detection-challenge"];
    assert_eq!(dfdc["posts"], 6);
    assert_eq!(dfdc["threads"], 2);
}

#[test]
fn kaggle_missing_column_stops_before_writing() {
    let env = Env::new();
    import_current(&env);
    let before = posts(&env);
    let copies = imported_copies(&env);
    let dir = export(&env, "current", "broken");
    let messages = std::fs::read_to_string(dir.join("ForumMessages.csv")).unwrap();
    env.file(
        "broken/ForumMessages.csv",
        &messages.replacen("PostDate,", "Posted,", 1),
    );
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("ForumMessages.csv: line 1, column `PostDate`"),
        "{stderr}"
    );
    assert!(stderr.contains("required column is missing"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(posts(&env), before, "the store is intact");
    assert_eq!(imported_copies(&env), copies, "no stored copy written");
}

#[test]
fn kaggle_wrong_delimiter_is_named() {
    let env = Env::new();
    let dir = export(&env, "current", "semicolons");
    let users = std::fs::read_to_string(dir.join("Users.csv")).unwrap();
    env.file("semicolons/Users.csv", &users.replace(',', ";"));
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("Users.csv: line 1, column `Id`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("separated by `;`, not by commas"),
        "{stderr}"
    );
    assert!(!env.data().join("tantivy").exists(), "nothing written");
}

#[test]
fn kaggle_unknown_slug_suggests_a_close_one() {
    let env = Env::new();
    import_current(&env);
    let before = posts(&env);
    let dir = export(&env, "current", "again");
    let (code, _, stderr) = env.run(&[
        "import",
        "kaggle",
        arg(&dir),
        "--competition",
        "deepfake-detection",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("competition `deepfake-detection` is not in"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Competitions.csv (column `Slug`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `deepfake-detection-challenge`"),
        "{stderr}"
    );
    assert_eq!(posts(&env), before);
}

#[test]
fn kaggle_missing_file_is_named() {
    let env = Env::new();
    let dir = export(&env, "current", "partial");
    std::fs::remove_file(dir.join("Users.csv")).unwrap();
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("Users.csv: file not found"), "{stderr}");
}

#[test]
fn kaggle_malformed_rows_are_skipped_with_their_line() {
    let env = Env::new();
    import_current(&env);
    let dir = export(&env, "current", "malformed");
    env.file(
        "malformed/ForumMessages.csv",
        "Id,ForumTopicId,PostUserId,PostDate,ReplyToForumMessageId,Message,RawMarkdown,Medal,MedalAwardDate\n\
         700001,120001,55501,12/20/2019 18:03:59,,\"<p>Multi\nline</p>\",,,\n\
         700002,120001,66602,yesterday,,<p>bad date</p>,,,\n\
         700003,120001,66602,12/21/2019 09:10:11,,<p>extra</p>,,,,EXTRA\n\
         700009,120003,88804,01/05/2020 10:00:00,abc,<p>bad reply</p>,,,\n\
         700010,120003,88804,01/05/2020 10:00:00,,<p>fine</p>,,,\n",
    );
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("ForumMessages.csv: line 4: `PostDate`: date `yesterday`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ForumMessages.csv: line 5: 10 fields where the header has 9"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ForumMessages.csv: line 6: `ReplyToForumMessageId` is `abc`"),
        "{stderr}"
    );
    assert!(stderr.contains("3 rows skipped"), "{stderr}");
    let all = posts(&env);
    assert_eq!(all.len(), 7, "six earlier posts kept, one new");
    assert_eq!(post(&all, "700001")["text"], "Multi line");
    assert_eq!(
        post(&all, "700002")["text"],
        "Is dataset Y ok?\n\nIt is public & free.",
        "the earlier copy of a bad row is kept"
    );
}

#[test]
fn kaggle_posts_survive_reindex() {
    let env = Env::new();
    import_current(&env);
    let before = posts(&env);
    env.ok(&["reindex"]);
    assert_eq!(
        posts(&env),
        before,
        "reindex replays the stored copy of the import"
    );
}

#[test]
fn kaggle_without_memberships_says_hosts_are_unknown() {
    let env = Env::new();
    let dir = export(&env, "current", "no-orgs");
    std::fs::remove_file(dir.join("UserOrganizations.csv")).unwrap();
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&dir)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("UserOrganizations.csv not found: members of the host organisations are imported as participants"),
        "{stderr}"
    );
    let (code, _, stderr) = env.run(&["import", "kaggle", arg(&env.dir.path().join("nope"))]);
    assert_eq!(code, 1);
    assert!(stderr.contains("nope: no such folder"), "{stderr}");
}
