//! `rulegap crawl https://news.ycombinator.com/item?id=N` against a mock
//! Firebase item API (SOURCES.md §7.2): a nested thread four levels deep, a
//! deleted child whose kids are still walked, a dead child, an unknown id
//! (`null`), an official user, a cheap recrawl, `reindex`, and the
//! `--competition` the source requires.

use serde_json::{Value, json};

use super::mock::{Mock, Reply};
use super::{crawl, posts};
use crate::util::Env;

const STORY: u64 = 40_000_001;
const T0: i64 = 1_700_000_000;

fn item(mock: &Mock, id: u64, body: &Value) {
    mock.json(&format!("/v0/item/{id}.json"), body);
}

fn comment(id: u64, by: &str, parent: u64, text: &str, kids: &[u64]) -> Value {
    json!({"by": by, "id": id, "parent": parent, "kids": kids, "text": text,
           "time": T0 + i64::try_from(id - STORY).unwrap_or(0) * 60, "type": "comment"})
}

/// The story, four levels of replies, a deleted and a dead child; with `unknown`, a kid the API answers `null` for.
fn thread(mock: &Mock, unknown: bool) {
    let mut kids = vec![STORY + 1, STORY + 2, STORY + 3];
    if unknown {
        kids.push(STORY + 9);
        mock.route(
            &format!("/v0/item/{}.json", STORY + 9),
            vec![Reply::raw(200, "application/json", "null")],
        );
    }
    item(
        mock,
        STORY,
        &json!({"by": "alice", "id": STORY, "kids": kids, "descendants": 6, "score": 57,
                "text": "Does the external data rule cover pretrained weights?",
                "time": T0, "title": "Ask HN: DataComp rules on external data", "type": "story"}),
    );
    item(
        mock,
        STORY + 1,
        &comment(
            STORY + 1,
            "host_hal",
            STORY,
            "&gt; Does the external data rule cover pretrained weights?<p>Yes: weights count as external data and must be posted in the forum.<p>Thanks.",
            &[STORY + 4],
        ),
    );
    item(
        mock,
        STORY + 4,
        &comment(
            STORY + 4,
            "bob",
            STORY + 1,
            "What about <i>fine-tuned</i> ones?",
            &[STORY + 5],
        ),
    );
    item(
        mock,
        STORY + 5,
        &comment(
            STORY + 5,
            "carol",
            STORY + 4,
            "Same rule, I would think.",
            &[STORY + 6],
        ),
    );
    item(
        mock,
        STORY + 6,
        &comment(
            STORY + 6,
            "dave",
            STORY + 5,
            "Depth four, still walked.",
            &[],
        ),
    );
    // Deleted items keep id, type, time, parent (and here kids) but lose by/text.
    item(
        mock,
        STORY + 2,
        &json!({"deleted": true, "id": STORY + 2, "parent": STORY, "kids": [STORY + 7],
                "time": T0 + 120, "type": "comment"}),
    );
    item(
        mock,
        STORY + 7,
        &comment(
            STORY + 7,
            "erin",
            STORY + 2,
            "A reply to a deleted comment.",
            &[],
        ),
    );
    item(
        mock,
        STORY + 3,
        &json!({"by": "spammer", "dead": true, "id": STORY + 3, "parent": STORY,
                "text": "buy now", "time": T0 + 180, "type": "comment"}),
    );
}

fn hn_url(id: u64) -> String {
    format!("https://news.ycombinator.com/item?id={id}")
}

#[test]
fn hn_walks_a_nested_thread_skipping_deleted_and_dead_items() {
    let mock = Mock::start();
    thread(&mock, true);
    let env = Env::new();
    let (code, sum, err) = crawl(
        &env,
        &[
            &hn_url(STORY),
            "--competition",
            "datacomp",
            "--official-user",
            "host_hal",
            "--api-base",
            &mock.base(),
        ],
    );
    // The unknown kid fails alone, with a message naming it: partial success.
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!("no Hacker News item {}", STORY + 9)),
        "{err}"
    );
    assert_eq!(sum["errors"]["parse"], 1, "{sum}");
    assert_eq!(sum["posts"], 6, "{sum}");
    assert_eq!(sum["dropped_posts"], 2, "{sum}");
    assert_eq!(sum["official_posts"], 1, "{sum}");
    assert_eq!(
        mock.count("/robots.txt"),
        0,
        "an API is not crawled by robots.txt"
    );
    let all = posts(&env, Some("datacomp"));
    let by = |author: &str| {
        all.iter()
            .find(|p| p["author"] == author)
            .unwrap_or_else(|| panic!("no post by {author}: {all:?}"))
    };
    let story = by("alice");
    assert_eq!(story["post_number"], 1);
    assert_eq!(
        story["thread_title"],
        "Ask HN: DataComp rules on external data"
    );
    assert_eq!(story["created_at"], "2023-11-14T22:13:20Z");
    let hal = by("host_hal");
    assert_eq!(hal["role"], "host");
    assert_eq!(hal["site"], "news.ycombinator.com");
    assert_eq!(hal["thread_id"], STORY.to_string());
    assert_eq!(hal["url"], hn_url(STORY + 1));
    assert_eq!(
        hal["text"],
        "Yes: weights count as external data and must be posted in the forum.\n\nThanks."
    );
    assert_eq!(
        hal["quotes"][0]["text"],
        "Does the external data rule cover pretrained weights?"
    );
    assert_eq!(by("bob")["role"], "participant");
    let deepest = by("dave");
    assert_eq!(deepest["reply_to"], (STORY + 5).to_string());
    assert_eq!(
        deepest["thread_title"],
        "Ask HN: DataComp rules on external data"
    );
    assert_eq!(by("erin")["reply_to"], (STORY + 2).to_string());
    assert!(all.iter().all(|p| p["author"] != "spammer"));
}

#[test]
fn hn_unknown_start_item_is_an_error() {
    let mock = Mock::start();
    mock.route(
        "/v0/item/123.json",
        vec![Reply::raw(200, "application/json", "null")],
    );
    let env = Env::new();
    let (code, _, err) = crawl(
        &env,
        &[
            &hn_url(123),
            "--competition",
            "c",
            "--api-base",
            &mock.base(),
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no Hacker News item 123"), "{err}");
    assert!(err.contains("item?id=123"), "{err}");
}

#[test]
fn hn_requires_a_competition() {
    let env = Env::new();
    let (code, _, err) = crawl(&env, &[&hn_url(1)]);
    assert_eq!(code, 2, "a usage error: {err}");
    assert!(
        err.contains("--competition is required for Hacker News crawls"),
        "{err}"
    );
}

#[test]
fn hn_recrawl_of_a_settled_thread_fetches_the_story_only_and_reindex_replays() {
    let mock = Mock::start();
    thread(&mock, false);
    let env = Env::new();
    let args = [
        hn_url(STORY),
        "--competition".into(),
        "datacomp".into(),
        "--api-base".into(),
        mock.base(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, first, err) = crawl(&env, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(first["pages"], 8, "{first}");
    mock.clear_log();
    let (code, second, err) = crawl(&env, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mock.hits().len(), 1, "{:?}", mock.hits());
    assert_eq!(second["unchanged_topics"], 1, "{second}");
    // A new comment changes the story's `descendants`: the walk runs again.
    let story = json!({"by": "alice", "id": STORY, "descendants": 7, "time": T0, "type": "story",
        "kids": [STORY + 1, STORY + 2, STORY + 3, STORY + 8],
        "text": "Does the external data rule cover pretrained weights?",
        "title": "Ask HN: DataComp rules on external data"});
    item(&mock, STORY, &story);
    item(
        &mock,
        STORY + 8,
        &comment(STORY + 8, "frank", STORY, "New here.", &[]),
    );
    mock.clear_log();
    let (code, third, err) = crawl(&env, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(third["pages"], 9, "{third}");
    let before = sorted_ids(&posts(&env, None));
    assert_eq!(before.len(), 7);
    env.ok(&["reindex"]);
    assert_eq!(sorted_ids(&posts(&env, None)), before);
}

fn sorted_ids(posts: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = posts
        .iter()
        .map(|p| format!("{} {} {}", p["post_id"], p["role"], p["thread_title"]))
        .collect();
    ids.sort();
    ids
}
