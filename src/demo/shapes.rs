//! The JSON bodies the demo server returns, shaped like Discourse's serializers
//! (compare the real example responses in `/work/shared/fixtures/discourse-api-docs`):
//! posts (`PostSerializer`), topics (`TopicViewSerializer`), topic lists
//! (`TopicListSerializer`) and categories. `site.json` and `categories.json`
//! are in `catalog.rs`. Values are computed from the fixture on each request.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value, json};

use super::cooked::{avatar_template, cook};
use super::fixture::User;
use super::site::{Site, TopicRef};

/// Posts per topic chunk (`TopicView#chunk_size`).
pub(crate) const CHUNK_SIZE: usize = 20;

/// A user missing from the fixture (never happens after validation).
static NOBODY: User = User {
    username: String::new(),
    name: None,
    admin: false,
    moderator: false,
    title: None,
    primary_group: None,
};

/// Discourse's timestamp format: UTC with milliseconds.
pub(crate) fn time(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Merges the entries of `extra` into the object `base`.
pub(crate) fn merge(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(base_map), Value::Object(extra_map)) = (&mut base, extra) {
        base_map.extend(extra_map);
    }
    base
}

/// A user of the topic's competition: (user id, user).
fn author<'a>(site: &'a Site, t: &TopicRef<'_>, username: &str) -> (u64, &'a User) {
    site.user(t.comp, username).unwrap_or((0, &NOBODY))
}

/// `{id, username, name, avatar_template}`, the small user record lists carry.
pub(crate) fn basic_user(id: u64, user: &User) -> Value {
    json!({
        "id": id,
        "username": user.username,
        "name": user.name,
        "avatar_template": avatar_template(&user.username),
    })
}

/// One post as `PostSerializer` renders it; `raw` only when asked for.
pub(crate) fn post(site: &Site, t: &TopicRef<'_>, index: usize, with_raw: bool) -> Value {
    let posts = t.posts();
    let p = &posts[index];
    let number = index + 1;
    let (user_id, user) = author(site, t, &p.username);
    let updated = if p.edited {
        p.created_at
            .checked_add(SignedDuration::from_hours(24))
            .unwrap_or(p.created_at)
    } else {
        p.created_at
    };
    let replies = posts
        .iter()
        .filter(|q| q.reply_to_post_number.map(|n| n as usize) == Some(number))
        .count();
    let group = user.primary_group.as_deref();
    let mut value = json!({
        "id": p.id,
        "name": user.name,
        "username": user.username,
        "avatar_template": avatar_template(&user.username),
        "created_at": time(p.created_at),
        "cooked": cook(&p.raw, &t.fixture.forum.users),
        "post_number": number,
        "post_type": 1,
        "updated_at": time(updated),
        "reply_count": replies,
        "reply_to_post_number": p.reply_to_post_number,
        "quote_count": p.raw.matches("[quote").count(),
        "incoming_link_count": 0,
        "reads": 1,
        "readers_count": 0,
        "score": 0,
        "yours": false,
        "topic_id": t.topic.id,
        "topic_slug": t.slug(),
        "display_username": user.name,
        "primary_group_name": group,
        "flair_name": group,
        "flair_url": null,
        "flair_bg_color": null,
        "flair_color": null,
        "flair_group_id": null,
    });
    value = merge(
        value,
        json!({
            "version": if p.edited { 2 } else { 1 },
            "can_edit": false,
            "can_delete": false,
            "can_recover": false,
            "can_see_hidden_post": false,
            "can_wiki": false,
            "read": true,
            "user_title": user.title,
            "bookmarked": false,
            "actions_summary": [],
            "moderator": user.moderator,
            "admin": user.admin,
            "staff": user.moderator || user.admin,
            "user_id": user_id,
            "hidden": false,
            "hidden_reason_id": null,
            "trust_level": 1,
            "deleted_at": null,
            "user_deleted": false,
            "edit_reason": null,
            "can_view_edit_history": true,
            "wiki": false,
            "avg_time": null,
            "post_url": format!("/t/{}/{}/{number}", t.slug(), t.topic.id),
        }),
    );
    if let Some(parent) = reply_target(t, index) {
        let (_, to) = author(site, t, parent);
        value = merge(
            value,
            json!({"reply_to_user": {
                "username": to.username,
                "name": to.name,
                "avatar_template": avatar_template(&to.username),
            }}),
        );
    }
    if with_raw {
        value = merge(value, json!({ "raw": p.raw }));
    }
    value
}

/// The author of the post this one replies to, when the reply does not quote it
/// (Discourse sends `reply_to_user` only then).
fn reply_target<'a>(t: &TopicRef<'a>, index: usize) -> Option<&'a str> {
    let p = &t.posts()[index];
    let number = p.reply_to_post_number?;
    let parent = t.posts().get((number as usize).checked_sub(1)?)?;
    let quoted = format!("post:{number}, topic:{}", t.topic.id);
    (!p.raw.contains(&quoted)).then_some(parent.username.as_str())
}

/// When the topic was last posted to.
pub(crate) fn last_posted(t: &TopicRef<'_>) -> Timestamp {
    t.posts()
        .iter()
        .map(|p| p.created_at)
        .max()
        .unwrap_or(t.topic.created_at)
}

/// `/t/{id}.json?page=N` (1-based); `None` past the end.
pub(crate) fn topic(site: &Site, t: &TopicRef<'_>, page: usize) -> Option<Value> {
    let posts = t.posts();
    let start = CHUNK_SIZE * (page.max(1) - 1);
    if start >= posts.len() {
        return None;
    }
    let end = (start + CHUNK_SIZE).min(posts.len());
    let chunk: Vec<Value> = (start..end).map(|i| post(site, t, i, false)).collect();
    let stream: Vec<u64> = posts.iter().map(|p| p.id).collect();
    let head = list_item(site, t);
    let (op_id, op) = author(site, t, &posts[0].username);
    let last = posts.last().map_or("", |p| p.username.as_str());
    let (last_id, last_user) = author(site, t, last);
    let mut participants: Vec<&str> = posts.iter().map(|p| p.username.as_str()).collect();
    participants.sort_unstable();
    participants.dedup();
    let details_participants: Vec<Value> = participants
        .iter()
        .map(|name| {
            let (id, user) = author(site, t, name);
            let count = posts.iter().filter(|p| p.username == *name).count();
            merge(basic_user(id, user), json!({ "post_count": count }))
        })
        .collect();
    let words: usize = posts.iter().map(|p| p.raw.split_whitespace().count()).sum();
    let value = json!({
        "post_stream": { "posts": chunk, "stream": stream },
        "timeline_lookup": [[1, 0]],
        "tags": [],
        "tags_descriptions": {},
        "views": 0,
        "like_count": 0,
        "participant_count": participants.len(),
        "word_count": words,
        "deleted_at": null,
        "deleted_by": null,
        "user_id": op_id,
        "featured_link": null,
        "pinned_at": null,
        "pinned_until": null,
        "draft": null,
        "draft_key": format!("topic_{}", t.topic.id),
        "draft_sequence": null,
        "current_post_number": start + 1,
        "chunk_size": CHUNK_SIZE,
        "actions_summary": [],
        "bookmarked": false,
        "message_bus_last_id": 0,
        "details": {
            "created_by": basic_user(op_id, op),
            "last_poster": basic_user(last_id, last_user),
            "participants": details_participants,
            "notification_level": 1,
            "can_flag_topic": false,
        },
    });
    Some(merge(trim_list_item(head), value))
}

/// The list-item fields a topic view shares (the rest are list-only).
fn trim_list_item(mut item: Value) -> Value {
    if let Value::Object(map) = &mut item {
        for key in [
            "bumped",
            "bumped_at",
            "unseen",
            "liked",
            "posters",
            "last_poster_username",
        ] {
            map.remove(key);
        }
    }
    item
}

/// One entry of `topic_list.topics`.
pub(crate) fn list_item(site: &Site, t: &TopicRef<'_>) -> Value {
    let posts = t.posts();
    let last_posted = time(last_posted(t));
    let op = author(site, t, &posts[0].username).0;
    let last_name = posts.last().map_or("", |p| p.username.as_str());
    let last = author(site, t, last_name).0;
    let posters = if op == last {
        vec![
            json!({"extras": "latest single", "description": "Original Poster, Most Recent Poster", "user_id": op, "primary_group_id": null, "flair_group_id": null}),
        ]
    } else {
        vec![
            json!({"extras": null, "description": "Original Poster", "user_id": op, "primary_group_id": null, "flair_group_id": null}),
            json!({"extras": "latest", "description": "Most Recent Poster", "user_id": last, "primary_group_id": null, "flair_group_id": null}),
        ]
    };
    json!({
        "id": t.topic.id,
        "title": t.topic.title,
        "fancy_title": super::inline::escape(&t.topic.title),
        "slug": t.slug(),
        "posts_count": posts.len(),
        "reply_count": posts.len() - 1,
        "highest_post_number": posts.len(),
        "image_url": null,
        "created_at": time(t.topic.created_at),
        "last_posted_at": last_posted,
        "bumped": true,
        "bumped_at": last_posted,
        "archetype": "regular",
        "unseen": false,
        "pinned": false,
        "unpinned": null,
        "visible": true,
        "closed": false,
        "archived": false,
        "bookmarked": null,
        "liked": null,
        "tags": [],
        "views": 0,
        "like_count": 0,
        "has_summary": false,
        "last_poster_username": last_name,
        "category_id": t.fixture.spec.category_id,
        "pinned_globally": false,
        "posters": posters,
    })
}

/// A `/latest.json`-style list of `topics` (already in order) for one 0-based page.
/// `more` is the path `more_topics_url` points at; it is set only on a full page.
pub(crate) fn topic_list(
    site: &Site,
    topics: &[TopicRef<'_>],
    page: usize,
    per_page: usize,
    more: &str,
) -> Value {
    let start = page.saturating_mul(per_page).min(topics.len());
    let end = start.saturating_add(per_page).min(topics.len());
    let shown = &topics[start..end];
    let items: Vec<Value> = shown.iter().map(|t| list_item(site, t)).collect();
    let mut users: Map<String, Value> = Map::new();
    for t in shown {
        for p in [t.posts().first(), t.posts().last()].into_iter().flatten() {
            let (id, user) = author(site, t, &p.username);
            users.insert(id.to_string(), basic_user(id, user));
        }
    }
    let mut list = json!({
        "can_create_topic": false,
        "draft": null,
        "draft_key": "new_topic",
        "draft_sequence": null,
        "per_page": per_page,
        "topics": items,
    });
    if shown.len() == per_page {
        let sep = if more.contains('?') { '&' } else { '?' };
        list = merge(
            list,
            json!({ "more_topics_url": format!("{more}{sep}page={}", page + 1) }),
        );
    }
    json!({
        "users": users.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        "primary_groups": [],
        "flair_groups": [],
        "topic_list": list,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The keys of a post in the real `get_post_response.json` (discourse_api_docs),
    /// without the pre-2020 `primary_group_flair_*` keys (we send `flair_*`).
    const REAL_POST_KEYS: &[&str] = &[
        "id",
        "name",
        "username",
        "avatar_template",
        "created_at",
        "cooked",
        "post_number",
        "post_type",
        "updated_at",
        "reply_count",
        "reply_to_post_number",
        "quote_count",
        "avg_time",
        "incoming_link_count",
        "reads",
        "score",
        "yours",
        "topic_id",
        "topic_slug",
        "display_username",
        "primary_group_name",
        "version",
        "can_edit",
        "can_delete",
        "can_recover",
        "can_wiki",
        "user_title",
        "raw",
        "actions_summary",
        "moderator",
        "admin",
        "staff",
        "user_id",
        "hidden",
        "hidden_reason_id",
        "trust_level",
        "deleted_at",
        "user_deleted",
        "edit_reason",
        "can_view_edit_history",
        "wiki",
    ];

    /// The top-level keys of the real `topic_response.json`.
    const REAL_TOPIC_KEYS: &[&str] = &[
        "actions_summary",
        "archetype",
        "archived",
        "bookmarked",
        "category_id",
        "chunk_size",
        "closed",
        "created_at",
        "deleted_at",
        "deleted_by",
        "details",
        "draft",
        "draft_key",
        "draft_sequence",
        "fancy_title",
        "has_summary",
        "highest_post_number",
        "id",
        "last_posted_at",
        "like_count",
        "participant_count",
        "pinned",
        "pinned_at",
        "pinned_globally",
        "pinned_until",
        "post_stream",
        "posts_count",
        "reply_count",
        "slug",
        "timeline_lookup",
        "title",
        "unpinned",
        "user_id",
        "views",
        "visible",
        "word_count",
    ];

    /// The keys of an unpinned topic in the real `latest_topics_response.json`.
    const REAL_LIST_ITEM_KEYS: &[&str] = &[
        "id",
        "title",
        "fancy_title",
        "slug",
        "posts_count",
        "reply_count",
        "highest_post_number",
        "image_url",
        "created_at",
        "last_posted_at",
        "bumped",
        "bumped_at",
        "unseen",
        "pinned",
        "unpinned",
        "visible",
        "closed",
        "archived",
        "bookmarked",
        "liked",
        "views",
        "like_count",
        "has_summary",
        "archetype",
        "last_poster_username",
        "category_id",
        "pinned_globally",
        "posters",
    ];

    fn keys(value: &Value) -> BTreeSet<&str> {
        value
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn missing<'a>(real: &[&'a str], ours: &Value) -> Vec<&'a str> {
        let ours = keys(ours);
        real.iter().copied().filter(|k| !ours.contains(k)).collect()
    }

    #[test]
    fn shapes_carry_every_key_of_the_real_examples() {
        let site = Site::demo().expect("demo");
        let t = site.topic(701).expect("topic 701");
        assert_eq!(
            missing(REAL_POST_KEYS, &post(&site, &t, 0, true)),
            Vec::<&str>::new()
        );
        let view = topic(&site, &t, 1).expect("page 1");
        assert_eq!(missing(REAL_TOPIC_KEYS, &view), Vec::<&str>::new());
        assert_eq!(
            missing(REAL_LIST_ITEM_KEYS, &list_item(&site, &t)),
            Vec::<&str>::new()
        );
        let in_stream = &view["post_stream"]["posts"][0];
        assert!(
            in_stream.get("raw").is_none(),
            "raw only on /posts/{{id}}.json"
        );
    }

    #[test]
    fn every_demo_post_renders() {
        let site = Site::demo().expect("demo");
        let mut count = 0;
        for t in site.all_topics() {
            for (i, p) in t.posts().iter().enumerate() {
                let value = post(&site, &t, i, false);
                let cooked = value["cooked"].as_str().unwrap_or("");
                assert!(
                    cooked.starts_with('<') && cooked.ends_with('>'),
                    "{}: {cooked}",
                    p.id
                );
                assert!(
                    !cooked.contains("[quote") && !cooked.contains("**"),
                    "{}: {cooked}",
                    p.id
                );
                assert_eq!(
                    cooked.matches("<aside class=\"quote").count(),
                    p.raw.matches("[quote=").count(),
                    "{}",
                    p.id
                );
                assert_eq!(value["username"], p.username.as_str());
                assert!(value["user_id"].as_u64().unwrap_or(0) > 0, "{}", p.id);
                count += 1;
            }
        }
        assert!(count >= 150, "{count} posts");
    }

    #[test]
    fn edited_posts_are_version_two_a_day_later() {
        let site = Site::demo().expect("demo");
        let edited = site
            .all_topics()
            .find_map(|t| t.posts().iter().position(|p| p.edited).map(|i| (t, i)));
        if let Some((t, i)) = edited {
            let value = post(&site, &t, i, false);
            assert_eq!(value["version"], 2);
            assert_ne!(value["updated_at"], value["created_at"]);
        }
        assert_eq!(
            time("2026-01-05T10:00:00Z".parse().expect("ts")),
            "2026-01-05T10:00:00.000Z"
        );
    }
}
