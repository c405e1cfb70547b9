//! Unit tests of the Discourse adapter: the real example responses published
//! with the Discourse API docs (tests/fixtures/discourse), and the cases of
//! SOURCES.md §1 that those examples do not show.

use url::Url;

use super::*;
use crate::model::Role;

fn fixture(name: &str) -> &'static str {
    match name {
        "topic" => include_str!("../../../tests/fixtures/discourse/topic_response.json"),
        "latest" => include_str!("../../../tests/fixtures/discourse/latest_topics_response.json"),
        "top" => include_str!("../../../tests/fixtures/discourse/top.json"),
        "post" => include_str!("../../../tests/fixtures/discourse/get_post_response.json"),
        _ => "",
    }
}

fn forum() -> Discourse {
    Discourse::new(
        &Url::parse("https://forum.example.org/").expect("url"),
        DiscourseOptions::default(),
    )
}

fn u(s: &str) -> Url {
    Url::parse(s).expect("test url")
}

#[test]
fn real_topic_response_parses() {
    let mut d = forum();
    let p = d
        .parse(
            &u("https://forum.example.org/t/about/13.json"),
            fixture("topic").as_bytes(),
        )
        .expect("parses");
    assert_eq!(p.posts.len(), 1);
    let post = &p.posts[0];
    assert_eq!(post.post_id, "16");
    assert_eq!(post.author, "discourse1");
    assert_eq!(post.role, Role::Admin);
    assert_eq!(post.competition, UNCATEGORIZED);
    assert!(post.text.starts_with("(Replace this first paragraph"));
    assert_eq!(
        post.url,
        "https://forum.example.org/t/about-the-9bf05639-c1d6-95e0-b5b1-24c75db096e5-category/13/1"
    );
    assert!(p.links.is_empty());
}

#[test]
fn real_topic_lists_parse() {
    for name in ["latest", "top"] {
        let mut d = forum();
        let p = d
            .parse(
                &u("https://forum.example.org/latest.json"),
                fixture(name).as_bytes(),
            )
            .expect("parses");
        assert!(
            p.links.iter().all(|l| matches!(l, Link::Topic { .. })),
            "{name}: no next page without more_topics_url"
        );
        assert!(!p.links.is_empty(), "{name}");
    }
}

#[test]
fn real_single_post_parses_as_chunk() {
    let post: wire::WirePost = serde_json::from_str(fixture("post")).expect("parses");
    assert_eq!(post.id, 33);
    assert_eq!(post.post_number, Some(4));
}

fn wire_post(id: u64, n: u64, extra: &str) -> String {
    let mut v = serde_json::json!({"id": id, "post_number": n, "username": format!("u{n}"),
        "created_at": "2020-01-10T15:04:05.123Z", "updated_at": "2020-01-11T10:00:00.000Z",
        "cooked": format!("<p>post {n}</p>"), "post_type": 1, "version": 1});
    let extra: serde_json::Value =
        serde_json::from_str(&format!("{{{}}}", extra.trim_start_matches(','))).expect("extra");
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    v.to_string()
}

#[test]
fn topic_with_stream_drops_and_roles() {
    let posts = [
        wire_post(101, 1, ""),
        wire_post(102, 2, r#","post_type":3"#),
        wire_post(103, 3, r#","post_type":4"#),
        wire_post(104, 4, r#","hidden":true,"cooked_hidden":true"#),
        wire_post(105, 5, r#","deleted_at":"2020-01-12T00:00:00Z""#),
        wire_post(
            106,
            6,
            r#","reply_to_post_number":"1","version":2,"moderator":true,"staff":true,"cooked":"<aside class=\"quote no-group\" data-username=\"u1\" data-post=\"1\"><blockquote><p>Is X allowed?</p></blockquote></aside><p>Yes.</p>""#,
        ),
    ];
    let stream: Vec<String> = (101..=150).map(|i| i.to_string()).collect();
    let body = format!(
        r#"{{"id":5,"title":"Ext data","slug":"ext-data","category_id":7,"tags":["a",{{"id":1,"name":"b","slug":"b"}}],"post_stream":{{"posts":[{}],"stream":[{}]}}}}"#,
        posts.join(","),
        stream.join(",")
    );
    let mut d = forum();
    d.map.categories.insert(7, "comp-a".into());
    let p = d
        .parse(
            &u("https://forum.example.org/t/ext-data/5.json"),
            body.as_bytes(),
        )
        .expect("parses");
    assert_eq!(p.dropped, 4);
    assert_eq!(p.posts.len(), 2);
    let m = &p.posts[1];
    assert_eq!(m.role, Role::Moderator);
    assert_eq!(m.text, "Yes.");
    assert_eq!(m.quotes[0].text, "Is X allowed?");
    assert_eq!(m.reply_to.as_deref(), Some("101"));
    assert!(m.edited_at.is_some());
    assert_eq!(m.competition, "comp-a");
    assert_eq!(p.posts[0].edited_at, None);
    // 50 ids in the stream, 6 present: 44 missing → 3 chunks of at most 20.
    let chunks: Vec<_> = p
        .links
        .iter()
        .filter_map(|l| match l {
            Link::Chunk { url, topic: 5 } => Some(url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(chunks.len(), 3);
    assert!(
        chunks[0]
            .as_str()
            .contains("posts.json?post_ids[]=107&post_ids[]=108")
    );
    // A later chunk resolves reply numbers against what the topic page taught.
    let chunk = format!(
        r#"{{"post_stream":{{"posts":[{}]}},"id":5}}"#,
        wire_post(107, 7, r#","reply_to_post_number":6"#)
    );
    let p2 = d.parse(&chunks[0], chunk.as_bytes()).expect("chunk parses");
    assert_eq!(p2.posts[0].reply_to.as_deref(), Some("106"));
    assert_eq!(p2.posts[0].thread_title, "Ext data");
}

#[test]
fn list_pages_follow_more_topics_url() {
    let mut d = forum();
    let url = u("https://forum.example.org/c/comp-a/7/l/latest.json");
    let full = r#"{"users":[],"topic_list":{"more_topics_url":"/c/comp-a/7/l/latest?page=1","per_page":30,"topics":[{"id":1,"slug":"a","posts_count":3,"last_posted_at":"x","bumped_at":"y"}]}}"#;
    let p = d.parse(&url, full.as_bytes()).expect("parses");
    assert_eq!(
        p.links.last(),
        Some(&Link::Page(u(
            "https://forum.example.org/c/comp-a/7/l/latest.json?page=1"
        )))
    );
    assert!(matches!(&p.links[0], Link::Topic { fingerprint, .. } if fingerprint == "3|x|y"));
    assert_eq!(d.map.categories.get(&7).map(String::as_str), Some("comp-a"));
    let last = r#"{"topic_list":{"topics":[]}}"#;
    assert!(
        d.parse(&url, last.as_bytes())
            .expect("parses")
            .links
            .is_empty()
    );
    assert!(d.parse(&url, b"{not json").is_err());
}
