//! A recrawl against the demo forum, which answers lists with ETags: an
//! unchanged list (304) hands its topics to the same fingerprint check as a
//! fresh list, so unchanged topics are skipped rather than revalidated one by one.

use rulegap::demo::{ServerOptions, Site, serve_blocking};

use super::crawl;
use crate::util::Env;

#[test]
fn a_not_modified_list_skips_its_unchanged_topics() {
    let server = serve_blocking(Site::demo().expect("demo site"), ServerOptions::default())
        .expect("demo server");
    let log = server.requests();
    let env = Env::new();
    let url = format!("{}/c/camera-traps-2026/{}", server.base_url(), category());
    let (code, first, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let indexed = first["posts"].as_u64().unwrap_or(0);
    assert!(indexed > 0, "{first}");
    let before = log.total();
    let (code, second, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<String> = log.records()[before..]
        .iter()
        .map(|r| format!("{} {}", r.status, r.path))
        .collect();
    assert!(
        paths.iter().all(|p| !p.contains("/t/")),
        "topics were asked again: {paths:?}"
    );
    assert!(
        second["unchanged_topics"].as_u64().unwrap_or(0) > 0,
        "{second}"
    );
    assert_eq!(second["posts"], 0, "{second}");
}

fn category() -> u64 {
    rulegap::demo::CompetitionFixture::demo()
        .expect("demo")
        .spec
        .category_id
}

/// Naming the host group on a second crawl applies to the posts already
/// stored, though their topics are unchanged and not fetched again; later
/// crawls keep it until `--official-reset`.
#[test]
fn new_official_roles_apply_to_unchanged_topics() {
    let server = serve_blocking(Site::demo().expect("demo site"), ServerOptions::default())
        .expect("demo server");
    let env = Env::new();
    let url = format!("{}/c/camera-traps-2026/{}", server.base_url(), category());
    let official = |env: &Env| {
        let s: serde_json::Value = serde_json::from_str(&env.ok(&["status", "--json"])).unwrap();
        s["competitions"]["camera-traps-2026"]["official_posts"]
            .as_u64()
            .unwrap()
    };
    let (code, first, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    // The summary names the group the hosts post under.
    assert!(
        first["participant_groups"]["organizers"]
            .as_u64()
            .unwrap_or(0)
            > 0,
        "{first}"
    );
    let before = official(&env);
    let (code, second, err) = crawl(&env, &[&url, "--official-group", "organizers"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(second["posts"], 0, "{second}");
    assert!(
        err.contains("official groups: none → organizers") && err.contains("re-read"),
        "{err}"
    );
    let after = official(&env);
    assert!(after > before, "official posts {before} -> {after}");
    // A plain re-crawl keeps the group: it is remembered with the crawl.
    let (code, _, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("→"), "{err}");
    assert_eq!(official(&env), after);
    // --official-reset clears it, and says so.
    let (code, _, err) = crawl(&env, &[&url, "--official-reset"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("official groups: organizers → none")
            && err.contains("no official accounts are remembered"),
        "{err}"
    );
    assert_eq!(official(&env), before);
    // …for good: the next plain crawl has none either.
    let (code, _, err) = crawl(&env, &[&url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(official(&env), before);
}
