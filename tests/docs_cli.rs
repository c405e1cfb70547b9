//! The `doc` commands end to end (issue 5): add with the versioning rules,
//! list, show, diff, remove, search over clauses, reindex, and bad input that
//! is refused with a clear message and leaves the store unchanged.

use std::path::{Path, PathBuf};

use pretty_assertions::assert_eq;

use crate::util::{Env, repo};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/docs").join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under the data directory's `docs/` and `tantivy/` folders, to prove nothing changed.
fn snapshot(env: &Env) -> Vec<(String, u64)> {
    fn walk(dir: &Path, out: &mut Vec<(String, u64)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if !p.ends_with(".tantivy-meta.lock") && !p.ends_with(".tantivy-writer.lock") {
                out.push((
                    p.display().to_string(),
                    e.metadata().map(|m| m.len()).unwrap_or(0),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(&env.data().join("docs"), &mut out);
    walk(&env.data().join("tantivy"), &mut out);
    out.sort();
    out
}

fn list_ids(env: &Env, comp: &str) -> Vec<String> {
    env.ok(&["doc", "list", "--competition", comp, "--json"])
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn add_list_show_search_remove() {
    let env = Env::new();
    let out = env.ok_stderr(&[
        "doc",
        "add",
        s(&fixture("kaggle-rules.html")),
        "--competition",
        "seals",
        "--kind",
        "rules",
    ]);
    assert!(
        out.contains("added `rules` version 1 to `seals`: 39 clauses"),
        "{out}"
    );
    let doc = env.file(
        "doc.md",
        &std::fs::read_to_string(fixture("documentation.md")).unwrap(),
    );
    env.ok(&[
        "doc",
        "add",
        s(&doc),
        "--competition",
        "seals",
        "--kind",
        "documentation",
    ]);

    let ids = list_ids(&env, "seals");
    assert!(
        ids.contains(&"rules/2.6.a".to_owned()) && ids.contains(&"documentation/C.1".to_owned()),
        "{ids:?}"
    );
    let human = env.ok(&["doc", "list", "--competition", "seals", "--doc", "rules"]);
    assert!(
        human.lines().any(|l| l.starts_with("rules/2.1.a")
            && l.contains("prohibition")
            && l.contains("The maximum Team size is five (5).")),
        "{human}"
    );
    assert!(!human.contains("documentation/"), "{human}");

    let show = env.ok(&["doc", "show", "rules/2.5.a"]);
    assert!(
        show.contains("refs:        rules/2.8.a; rules/2.8.b"),
        "{show}"
    );
    assert!(show.contains("cues:        hereby grant"), "{show}");
    assert!(
        show.contains("conditions:  if you are a Competition winner"),
        "{show}"
    );
    // The documentation's "Section 2.8 of the Competition Rules" resolves across documents.
    let show = env.ok(&["doc", "show", "documentation/p1", "--competition", "seals"]);
    assert!(
        show.contains("refs:        rules/2.8.a; rules/2.8.b"),
        "{show}"
    );
    // "Kaggle's Winning Model Documentation Guidelines" points at the documentation.
    let show = env.ok(&["doc", "show", "rules/2.8.a"]);
    assert!(
        show.contains("refs:        documentation/p1; documentation/A.1;"),
        "{show}"
    );
    let show = env.ok(&["doc", "show", "documentation/C.1"]);
    assert!(show.contains("consent{written consent}"), "{show}");

    let hits = env.ok(&[
        "search",
        "--in",
        "clauses",
        "--competition",
        "seals",
        "written consent",
        "--json",
    ]);
    assert!(hits.contains("documentation/C.1"), "{hits}");
    let hits = env.ok(&[
        "search",
        "--in",
        "clauses",
        "--competition",
        "seals",
        "--thread",
        "rules",
        "Kaggle account",
    ]);
    assert!(hits.contains("rules/found/2.a"), "{hits}");

    let out = env.ok_stderr(&["doc", "remove", "--competition", "seals", "documentation"]);
    assert!(
        out.contains("removed document `documentation` (1 version)") && out.contains("kept in"),
        "{out}"
    );
    // Kept aside, not lost; and `reindex` does not bring it back.
    assert!(env.data().join("forgotten").read_dir().unwrap().count() == 1);
    env.ok_stderr(&["reindex"]);
    assert!(
        !list_ids(&env, "seals")
            .iter()
            .any(|i| i.starts_with("documentation/"))
    );
    let hits = env.ok(&[
        "search",
        "--in",
        "clauses",
        "--competition",
        "seals",
        "written consent",
        "--json",
    ]);
    assert!(!hits.contains("documentation/C.1"), "{hits}");
    let (code, _, err) = env.run(&["doc", "remove", "--competition", "seals", "documentation"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no document `documentation`; it has rules"),
        "{err}"
    );
}

#[test]
fn versions_follow_the_rules_of_issue_5() {
    let env = Env::new();
    let v1 = "# Rules\n\n## 2. Rules\n\n### 2.2 Submission Limits\n\na. You may submit a maximum of five (5) Submissions per day.\n\n### 2.4 Competition Data\n\na. You must protect the Competition Data.\n";
    let path = env.file("rules.md", v1);
    let add = |extra: &[&str]| {
        let mut args = vec![
            "doc",
            "add",
            s(&path),
            "--competition",
            "c",
            "--kind",
            "rules",
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    assert_eq!(add(&[]).0, 0);
    let before = snapshot(&env);
    let (code, _, out) = add(&[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("unchanged (same content as version 1); nothing to do"),
        "{out}"
    );
    assert_eq!(
        snapshot(&env),
        before,
        "an unchanged document changes nothing"
    );

    // Changed content from the same file: version 2, version 1 kept.
    let v2 = v1.replace("five (5)", "eight (8)").replace(
        "a. You must protect",
        "a. You may not train on test images.\n\nb. You must protect",
    );
    std::fs::write(&path, v2).unwrap();
    let (code, _, out) = add(&[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("added `rules` version 2"), "{out}");
    let diff = env.ok(&["doc", "diff", "--competition", "c", "rules"]);
    assert_eq!(
        diff,
        "`rules` of `c`, version 1 -> 2: 1 modified, 1 added, 0 removed, 1 moved\n\
         modified  rules/2.2.a\n  - You may submit a maximum of five (5) Submissions per day.\n  + You may submit a maximum of eight (8) Submissions per day.\n\
         added     rules/2.4.a\n  + You may not train on test images.\n\
         moved     rules/2.4.b (was rules/2.4.a)\n  + You must protect the Competition Data.\n"
    );
    let changes = rulegap::docs::DocStore::new(&rulegap::datadir::DataDir::new(env.data()))
        .latest_changes("c")
        .unwrap();
    assert_eq!(
        (
            changes.len(),
            changes[0].from_version,
            changes[0].to_version
        ),
        (1, 1, 2)
    );
    assert_eq!(changes[0].changes.len(), 3);
    let listed = env.ok(&["doc", "list", "--competition", "c"]);
    assert!(
        listed.contains("v2") && !listed.contains("v1 "),
        "newest version only: {listed}"
    );

    // Another source under the same id is refused, naming both ways out.
    let other = env.file("archived-copy.md", v1);
    let before = snapshot(&env);
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        s(&other),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--id ID")
            && err.contains("--new-version")
            && err.contains("archived-copy.md"),
        "{err}"
    );
    assert_eq!(snapshot(&env), before);
    // With --new-version it becomes version 3; with --id a separate document.
    env.ok(&[
        "doc",
        "add",
        s(&other),
        "--competition",
        "c",
        "--kind",
        "rules",
        "--new-version",
    ]);
    let diff = env.ok(&[
        "doc",
        "diff",
        "--competition",
        "c",
        "rules",
        "--from",
        "1",
        "--to",
        "3",
    ]);
    assert!(
        diff.starts_with("`rules` of `c`, version 1 -> 3: 0 modified, 0 added, 0 removed, 0 moved"),
        "{diff}"
    );
    env.ok(&[
        "doc",
        "add",
        s(&other),
        "--competition",
        "c",
        "--kind",
        "rules",
        "--id",
        "rules-2019",
        "--title",
        "Old rules",
    ]);
    assert!(list_ids(&env, "c").contains(&"rules-2019/2.2.a".to_owned()));

    // reindex rebuilds the clauses from the stored documents.
    std::fs::remove_dir_all(env.data().join("tantivy")).unwrap();
    let (code, _, err) = env.run(&["reindex"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("clauses of 2 documents"), "{err}");
    let hits = env.ok(&[
        "search",
        "--in",
        "clauses",
        "--competition",
        "c",
        "Submissions per day",
    ]);
    assert!(
        hits.contains("rules/2.2.a") && hits.contains("rules-2019/2.2.a"),
        "{hits}"
    );
}

#[test]
fn one_version_can_be_removed() {
    let env = Env::new();
    let v1 = "# Rules\n\n## 2. Rules\n\n### 2.2 Submission Limits\n\na. You may submit a maximum of five (5) Submissions per day.\n";
    let path = env.file("rules.md", v1);
    let add = || {
        env.ok_stderr(&[
            "doc",
            "add",
            s(&path),
            "--competition",
            "c",
            "--kind",
            "rules",
        ])
    };
    add();
    std::fs::write(&path, v1.replace("five (5)", "eight (8)")).unwrap();
    add();
    let remove = |v: &str| {
        env.run(&[
            "doc",
            "remove",
            "--competition",
            "c",
            "rules",
            "--version",
            v,
        ])
    };

    let (code, _, err) = remove("7");
    assert_eq!(code, 1);
    assert!(
        err.contains("has no version 7; its versions are 1, 2"),
        "{err}"
    );

    // Removing the newest version makes the one before it current again.
    let (code, _, err) = remove("2");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed version 2 of document `rules` from `c`"),
        "{err}"
    );
    let shown = env.ok(&["doc", "show", "rules/2.2.a", "--competition", "c"]);
    assert!(shown.contains("five (5)"), "{shown}");
    // A mistyped competition is a usage error, as in `report` and `search`.
    let (code, _, err) = env.run(&["doc", "list", "--competition", "cc"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown competition `cc`"), "{err}");
    let hits = env.ok(&["search", "--in", "clauses", "--competition", "c", "eight"]);
    assert!(!hits.contains("rules/2.2.a"), "{hits}");
    let forgotten: Vec<_> = std::fs::read_dir(env.data().join("forgotten"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(forgotten.len(), 1);
    assert!(forgotten[0].path().join("v2.json").is_file());

    // The next addition is version 2 again, removed in turn (within the same
    // second, likely); removing the last version removes the document.
    std::fs::write(&path, v1.replace("five (5)", "nine (9)")).unwrap();
    assert!(add().contains("added `rules` version 2"));
    assert_eq!(remove("2").0, 0);
    let (code, _, err) = remove("1");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed document `rules` (1 version)"),
        "{err}"
    );
    let (code, _, err) = env.run(&["doc", "list", "--competition", "c"]);
    assert_eq!(code, 1);
    assert!(err.contains("competition `c` has no documents"), "{err}");
    // Removals within one second never overwrite each other: both version 2s are kept.
    let mut kept = Vec::new();
    for dir in std::fs::read_dir(env.data().join("forgotten"))
        .unwrap()
        .flatten()
    {
        for f in walkdir(&dir.path()) {
            if f.file_name().is_some_and(|n| n == "v2.md") {
                kept.push(std::fs::read_to_string(&f).unwrap());
            }
        }
    }
    assert!(kept.iter().any(|t| t.contains("eight (8)")), "{kept:?}");
    assert!(kept.iter().any(|t| t.contains("nine (9)")), "{kept:?}");
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walkdir(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.ok(&[
        "doc",
        "add",
        s(&fixture("faq.md")),
        "--competition",
        "c",
        "--kind",
        "faq",
    ]);
    let before = snapshot(&env);
    let dir = env.dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let big = dir.join("huge.txt");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&big).unwrap();
        let line = "a. You must read this line again and again.\n".repeat(1000);
        while f.metadata().unwrap().len() < 50 * 1024 * 1024 {
            f.write_all(line.as_bytes()).unwrap();
        }
    }
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (
            write(
                "site.txt",
                br#"{"categories": [{"id": 7, "name": "Rules"}]}"#,
            ),
            "faq",
            "is JSON data, not a document",
        ),
        (
            write("posts.txt", b"{\"a\": \"b\"}\n{\"c\": \"d\"}\n"),
            "rules",
            "is JSON data, not a document",
        ),
        (
            write(
                "model.bin",
                &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0],
            ),
            "rules",
            "looks like a binary file",
        ),
        (
            write("rules.txt", b"\x00\x01\x02binary\x00"),
            "rules",
            "looks like a binary file",
        ),
        (write("empty.md", b""), "rules", "is empty"),
        (
            write(
                "latin1.txt",
                b"1. Participants must be 18 or older to enter the comp\xe9tition.\n",
            ),
            "rules",
            "is not UTF-8 text (invalid byte at offset 53)",
        ),
        (big.clone(), "rules", "more than the 20 MB limit"),
        (
            fixture("kaggle-shell.html"),
            "rules",
            "is a JavaScript shell",
        ),
        (
            write("fake.pdf", b"<html>not a pdf</html>"),
            "rules",
            "is not a PDF",
        ),
        (
            write("rules.docx", b"PK\x03\x04\x14\x00\x06\x00"),
            "rules",
            "looks like a binary file",
        ),
        (
            write("rules.rtf", b"{\\rtf1 You must be 18.}"),
            "rules",
            "unsupported file type `.rtf`",
        ),
        (dir.join("missing.md"), "rules", "no such file"),
        (
            write(
                "chrome.md",
                b"Last updated: May 2, 2026\n\nSkip to content\n",
            ),
            "rules",
            "holds no clauses",
        ),
    ];
    for (path, kind, want) in cases {
        let (code, _, err) =
            env.run(&["doc", "add", s(&path), "--competition", "c", "--kind", kind]);
        assert_eq!(code, 1, "{}: {err}", path.display());
        assert!(
            err.contains(want),
            "{}: expected `{want}` in: {err}",
            path.display()
        );
        assert!(
            err.contains(path.file_name().unwrap().to_str().unwrap()),
            "the message names the file: {err}"
        );
        assert_eq!(
            snapshot(&env),
            before,
            "{} changed the store",
            path.display()
        );
    }
    let (_, _, err) = env.run(&[
        "doc",
        "add",
        s(&fixture("kaggle-shell.html")),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    assert!(
        err.contains("save it") && err.contains("add the saved file"),
        "{err}"
    );
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        s(&fixture("faq.md")),
        "--competition",
        "../x",
        "--kind",
        "faq",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("competition slug `../x` may only contain"),
        "{err}"
    );
}

#[test]
fn list_show_diff_errors_say_what_to_do() {
    let env = Env::new();
    std::fs::create_dir_all(env.data()).unwrap();
    let (code, _, err) = env.run(&["doc", "list", "--competition", "nope"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no documents; add one with `rulegap doc add"),
        "{err}"
    );
    let (code, _, err) = env.run(&["doc", "show", "rules/9.9"]);
    assert_eq!(code, 1);
    assert!(err.contains("no clause `rules/9.9`"), "{err}");
    env.ok(&[
        "doc",
        "add",
        s(&fixture("rules.pdf")),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    let listed = env.ok(&["doc", "list", "--competition", "c", "--json"]);
    let first: serde_json::Value = serde_json::from_str(listed.lines().next().unwrap()).unwrap();
    let full = first["id"].as_str().unwrap();
    let bare = full.split_once('/').unwrap().1;
    let (code, _, err) = env.run(&["doc", "show", bare]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("did you mean `{full}`")), "{err}");
    // A clause is found by its number.
    let dotted = listed
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|c| c["path"].as_str().is_some_and(|p| p.contains('.')))
        .expect("a clause numbered like 2.1");
    let hits = env.ok(&[
        "search",
        "--in",
        "clauses",
        "--json",
        dotted["path"].as_str().unwrap(),
    ]);
    let top: serde_json::Value = serde_json::from_str(hits.lines().next().unwrap()).unwrap();
    assert_eq!(top["record"]["id"], dotted["id"], "{hits}");
    let (code, _, err) = env.run(&["doc", "diff", "--competition", "c", "rules"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has only version 1; nothing to compare"),
        "{err}"
    );
    let (code, _, err) = env.run(&[
        "doc",
        "diff",
        "--competition",
        "c",
        "rules",
        "--from",
        "1",
        "--to",
        "4",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no version 4; it has only version 1"),
        "{err}"
    );
}

#[test]
fn a_document_keeps_its_kind_across_versions() {
    let env = Env::new();
    let path = fixture("faq.md");
    let faq = s(&path);
    env.ok(&["doc", "add", faq, "--competition", "c", "--kind", "faq"]);
    let (code, _, err) = env.run(&[
        "doc",
        "add",
        faq,
        "--competition",
        "c",
        "--kind",
        "rules",
        "--id",
        "faq",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("is a faq document") && err.contains("--id ID"),
        "{err}"
    );
}

#[test]
fn a_document_without_rules_and_a_document_id_given_to_show_are_explained() {
    let env = Env::new();
    let about = env.file(
        "about.md",
        "# About\n\nThis page describes the competition.\n\nContact: team@example.org\n",
    );
    let err = env.ok_stderr(&[
        "doc",
        "add",
        s(&about),
        "--competition",
        "c",
        "--kind",
        "faq",
    ]);
    assert!(
        err.contains("warning: none of its clauses states a rule"),
        "{err}"
    );
    let (code, _, err) = env.run(&["doc", "show", "faq", "--competition", "c"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("`faq` is a document, not a clause")
            && err.contains("rulegap doc list --competition c --doc faq")
            && err.contains("or show one with `rulegap doc show faq/")
            && err.contains(" --competition c`"),
        "{err}"
    );
    // A mistyped competition is the same usage error everywhere.
    for args in [
        &["doc", "show", "faq/1", "--competition", "cc"][..],
        &["doc", "diff", "--competition", "cc", "faq"],
        &["doc", "remove", "--competition", "cc", "faq"],
        &["export", "jsonl", "--competition", "cc"],
    ] {
        let (code, _, err) = env.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("unknown competition `cc`"), "{args:?}: {err}");
    }
}

/// A clause of a section with no heading lists as id, version, modality and
/// text: no empty "heading |" column.
#[test]
fn a_clause_without_heading_lists_without_separator() {
    let env = Env::new();
    let f = env.file(
        "rules.md",
        "# Rules\n\n## 2. Eligibility\n\n2.1 You must be at least 18 years old to enter.\n3.1Teams must not exceed five members.\n",
    );
    env.ok(&["doc", "add", s(&f), "--competition", "c", "--kind", "rules"]);
    let listed = env.ok(&["doc", "list", "--competition", "c"]);
    assert!(
        listed.contains("Eligibility | You must be at least 18"),
        "{listed}"
    );
    let line = listed
        .lines()
        .find(|l| l.contains("five members"))
        .unwrap_or_default();
    assert!(
        line.starts_with("rules/3.1") && !line.contains('|'),
        "{listed}"
    );
}

/// A clause removed in a later version is shown with `--version`, and
/// `doc show` without it says which version had it.
#[test]
fn doc_show_finds_a_removed_clause_in_its_version() {
    let env = Env::new();
    let v1 = env.file(
        "rules-v1.md",
        "# Rules\n\n## 2. Teams\n\n2.1 Teams may have at most four (4) members.\n2.2 Team mergers are allowed until March 1.\n",
    );
    let v2 = env.file(
        "rules-v2.md",
        "# Rules\n\n## 2. Teams\n\n2.1 Teams may have at most four (4) members.\n",
    );
    env.ok(&[
        "doc",
        "add",
        s(&v1),
        "--competition",
        "c",
        "--kind",
        "rules",
    ]);
    env.ok(&[
        "doc",
        "add",
        s(&v2),
        "--competition",
        "c",
        "--kind",
        "rules",
        "--new-version",
    ]);
    let (code, _, err) = env.run(&["doc", "show", "rules/2.2", "--competition", "c"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("version 1 had it") && err.contains("--version 1"),
        "{err}"
    );
    let shown = env.ok(&[
        "doc",
        "show",
        "rules/2.2",
        "--competition",
        "c",
        "--version",
        "1",
    ]);
    assert!(
        shown.contains("version 1") && shown.contains("Team mergers are allowed until March 1."),
        "{shown}"
    );
    let (code, _, err) = env.run(&[
        "doc",
        "show",
        "rules/2.2",
        "--competition",
        "c",
        "--version",
        "2",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no clause `rules/2.2` in version 2"), "{err}");
}

#[test]
fn a_competition_name_close_to_a_stored_one_gets_a_did_you_mean() {
    let env = Env::new();
    let rules = fixture("faq.md");
    let add = |comp: &str, kind: &str| {
        env.ok_stderr(&[
            "doc",
            "add",
            s(&rules),
            "--competition",
            comp,
            "--kind",
            kind,
        ])
    };
    // The first competition of a store: nothing to compare with, no warning.
    let first = add("camera-traps-2026", "rules");
    assert!(!first.contains("did you mean"), "{first}");
    // One letter off: still added, as a new competition, with a warning on stderr.
    let typo = add("camera-trap-2026", "rules");
    assert!(
        typo.contains(
            "rulegap: no competition `camera-trap-2026` in the store yet; did you mean `camera-traps-2026`? (adding it as a new competition)"
        ),
        "{typo}"
    );
    assert!(
        typo.contains("added `rules` version 1 to `camera-trap-2026`"),
        "{typo}"
    );
    assert!(!list_ids(&env, "camera-trap-2026").is_empty());
    // A competition that exists (now) is not questioned, nor is a clearly different name.
    let again = add("camera-trap-2026", "faq");
    assert!(!again.contains("did you mean"), "{again}");
    let other = add("seals-2025", "rules");
    assert!(!other.contains("did you mean"), "{other}");
    // A prefix counts, and so do competitions that only have posts.
    let prefix = add("seals", "rules");
    assert!(prefix.contains("did you mean `seals-2025`?"), "{prefix}");
    let post = crate::util::post_line("a.example", "1", "ann", "staff", "2020-01-10", "hello");
    let f = env.file("p.jsonl", &post);
    env.ok_stderr(&["import", "jsonl", s(&f)]);
    let near_posts = add("dfdd", "rules");
    assert!(near_posts.contains("did you mean `dfdc`?"), "{near_posts}");
}
