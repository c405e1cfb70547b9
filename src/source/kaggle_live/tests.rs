//! Unit tests of the Kaggle live adapter: calls, paging, nested replies, roles.

use serde_json::json;

use super::*;
use crate::model::Role;

fn adapter() -> KaggleLive {
    KaggleLive::new(
        "http://127.0.0.1:9",
        LiveOptions {
            slug: "comp".into(),
            competition: "comp".into(),
            official_users: vec!["olga".into()],
            staff: BTreeSet::from(["kaggle_staffer".to_owned()]),
        },
    )
    .expect("adapter")
}

fn parse(a: &mut KaggleLive, r: &Request, body: &serde_json::Value) -> Parsed {
    a.parse(&r.url, body.to_string().as_bytes())
        .expect("parses")
}

#[test]
fn seeds_read_hosts_first() {
    let a = adapter();
    let seeds = a.seeds(&[WebRef::Discussion {
        slug: "comp".into(),
    }]);
    assert_eq!(seeds[0].kind, RequestKind::Hosts);
    assert_eq!(seeds[0].body, r#"{"competitionName":"comp"}"#);
    assert!(seeds[1].url.as_str().ends_with(
        "/v1/competitions.CompetitionApiService/ListCompetitionTopics?competitionName=comp&page=1&sortBy=TOPIC_LIST_SORT_BY_NEW"
    ));
}

#[test]
fn topic_pages_follow_total_count() {
    let mut a = adapter();
    let first = a.topics_page(1);
    let topics = |ids: &[u64]| -> Vec<serde_json::Value> {
        ids.iter()
            .map(|i| json!({"id": i, "title": format!("t{i}"), "commentCount": 2}))
            .collect()
    };
    let p = parse(
        &mut a,
        &first,
        &json!({"topics": topics(&[1, 2]), "totalCount": 5}),
    );
    assert_eq!(p.requests.len(), 3, "two topics and the next page");
    let next = p.requests[2].clone();
    assert_eq!(next.kind, RequestKind::TopicList);
    let p = parse(
        &mut a,
        &next,
        &json!({"topics": topics(&[3, 4]), "totalCount": 5}),
    );
    let last = p.requests[2].clone();
    let p = parse(
        &mut a,
        &last,
        &json!({"topics": topics(&[5]), "totalCount": 5}),
    );
    assert_eq!(p.requests.len(), 1, "no page after the last");
    assert_eq!(a.map.titles.get(&5).map(String::as_str), Some("t5"));
}

#[test]
fn nested_replies_deleted_messages_and_roles() {
    let mut a = adapter();
    let hosts = a.seeds(&[])[0].clone();
    parse(
        &mut a,
        &hosts,
        &json!({"hosts": [{"id": 1, "userName": "Alice"}]}),
    );
    let call = a.messages(7, None);
    let body = json!({"messages": [
        {"id": 10, "postDate": "2024-01-01T10:00:00.000Z", "authorName": "pat",
         "content": "<p>Is external data allowed?</p>", "replies": [
            {"id": 11, "postDate": "2024-01-01T11:00:00.000Z", "authorName": "alice",
             "content": "<p>Yes, if public.</p>", "replies": [
                {"id": 12, "postDate": "2024-01-01T12:00:00.000Z", "authorName": "kaggle_staffer",
                 "rawMarkdown": "Confirmed."}]},
            {"id": 13, "postDate": "2024-01-01T13:00:00.000Z", "isDeleted": true, "replies": [
                {"id": 14, "postDate": "2024-01-01T14:00:00.000Z", "authorName": "olga",
                 "content": "<p>Replying to a deleted message.</p>"}]}]}]});
    let p = parse(&mut a, &call, &body);
    let ids: Vec<&str> = p.posts.iter().map(|p| p.post_id.as_str()).collect();
    assert_eq!(ids, ["10", "11", "12", "14"]);
    assert_eq!(p.dropped, 1);
    let by = |id: &str| p.posts.iter().find(|p| p.post_id == id).expect("post");
    assert_eq!(by("10").post_number, Some(1));
    assert_eq!(by("10").reply_to, None);
    assert_eq!(by("12").reply_to.as_deref(), Some("11"));
    assert_eq!(by("14").reply_to.as_deref(), Some("13"));
    assert_eq!(by("11").role, Role::Host);
    assert_eq!(by("12").role, Role::Staff);
    assert_eq!(by("14").role, Role::Host);
    assert_eq!(by("10").role, Role::Participant);
    assert_eq!(
        by("12").url,
        "https://www.kaggle.com/competitions/comp/discussion/7#12"
    );
    assert_eq!(
        a.coverage().lines(4)[0],
        "official posts: 3 of 4 (hosts list 1, Kaggle staff 1, --official-user 1)"
    );
}

#[test]
fn error_bodies_fail_the_page() {
    let mut a = adapter();
    let call = a.messages(7, None);
    let e = a
        .parse(&call.url, br#"{"code":404,"message":"Topic not found"}"#)
        .expect_err("error body");
    assert!(e.contains("404: Topic not found"), "{e}");
}
