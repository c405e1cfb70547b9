//! A Discourse forum in the real JSON format (SOURCES.md §1), served by the
//! mock: `/site.json`, `/categories.json`, category lists paged 0-based with
//! `more_topics_url` on full pages, topics with their first 20 posts and the
//! full `stream`, and `posts.json?post_ids[]=…` for the rest.

use serde_json::{Value, json};

use super::mock::{Mock, Reply};

pub(crate) const PER_PAGE: usize = 30;

/// One post in Discourse's shape.
pub(crate) fn post(id: u64, n: u64, user: &str, cooked: &str) -> Value {
    json!({
        "id": id, "post_number": n, "username": user, "name": null,
        "created_at": format!("2024-03-{:02}T10:00:00.000Z", 1 + n % 28),
        "updated_at": format!("2024-03-{:02}T10:00:00.000Z", 1 + n % 28),
        "cooked": cooked, "post_type": 1, "version": 1, "reply_to_post_number": null,
        "staff": false, "moderator": false, "admin": false, "hidden": false,
        "deleted_at": null, "user_deleted": false, "user_title": null,
        "primary_group_name": null, "primary_group_flair_url": null,
        "primary_group_flair_bg_color": null, "primary_group_flair_color": null
    })
}

/// Sets fields of a post.
pub(crate) fn with(mut p: Value, fields: &Value) -> Value {
    if let (Some(o), Some(f)) = (p.as_object_mut(), fields.as_object()) {
        o.extend(f.clone());
    }
    p
}

#[derive(Clone, Debug)]
pub(crate) struct Topic {
    pub(crate) id: u64,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) category: u64,
    pub(crate) posts: Vec<Value>,
    pub(crate) bumped: String,
}

impl Topic {
    /// A topic of `n` plain posts with ids `id*1000 + number`.
    pub(crate) fn plain(id: u64, category: u64, n: u64) -> Topic {
        let posts = (1..=n)
            .map(|k| {
                post(
                    id * 1000 + k,
                    k,
                    &format!("user{k}"),
                    &format!("<p>topic {id} post {k} about validation splits</p>"),
                )
            })
            .collect();
        Topic {
            id,
            slug: format!("topic-{id}"),
            title: format!("Topic {id}"),
            category,
            posts,
            bumped: "2024-03-20T10:00:00.000Z".into(),
        }
    }

    fn list_entry(&self) -> Value {
        json!({"id": self.id, "title": self.title, "fancy_title": self.title, "slug": self.slug,
               "posts_count": self.posts.len(), "created_at": "2024-03-01T10:00:00.000Z",
               "last_posted_at": self.bumped, "bumped_at": self.bumped, "bumped": true,
               "category_id": self.category, "archetype": "regular", "pinned": false})
    }

    fn ids(&self) -> Vec<u64> {
        self.posts.iter().filter_map(|p| p["id"].as_u64()).collect()
    }

    pub(crate) fn view(&self) -> Value {
        json!({"id": self.id, "title": self.title, "fancy_title": self.title, "slug": self.slug,
               "category_id": self.category, "archetype": "regular", "chunk_size": 20,
               "posts_count": self.posts.len(), "tags": ["rules", {"id": 1, "name": "data", "slug": "data"}],
               "post_stream": {"posts": self.posts.iter().take(20).collect::<Vec<_>>(), "stream": self.ids()}})
    }

    /// Serves the topic and its `posts.json` chunks.
    pub(crate) fn serve(&self, mock: &Mock) {
        mock.json(&format!("/t/{}/{}.json", self.slug, self.id), &self.view());
        mock.json(&format!("/t/{}.json", self.id), &self.view());
        let rest: Vec<&Value> = self.posts.iter().skip(20).collect();
        for chunk in rest.chunks(20) {
            let q: Vec<String> = chunk
                .iter()
                .filter_map(|p| p["id"].as_u64())
                .map(|i| format!("post_ids[]={i}"))
                .collect();
            mock.json(
                &format!("/t/{}/posts.json?{}", self.id, q.join("&")),
                &json!({"post_stream": {"posts": chunk}, "id": self.id}),
            );
        }
    }
}

/// Serves a category's list pages (0-based, `more_topics_url` only on full pages) and its topics.
pub(crate) fn serve_category(mock: &Mock, slug: &str, id: u64, topics: &[Topic]) {
    let pages: Vec<&[Topic]> = if topics.is_empty() {
        vec![&[]]
    } else {
        topics.chunks(PER_PAGE).collect()
    };
    let n = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let mut list = json!({"can_create_topic": false, "per_page": PER_PAGE,
                              "topics": page.iter().map(Topic::list_entry).collect::<Vec<_>>()});
        if page.len() == PER_PAGE {
            list["more_topics_url"] = json!(format!("/c/{slug}/{id}/l/latest?page={}", i + 1));
        }
        let body = json!({"users": [], "primary_groups": [], "topic_list": list});
        mock.json(&format!("/c/{slug}/{id}/l/latest.json?page={i}"), &body);
        if i == 0 {
            mock.json(&format!("/c/{slug}/{id}/l/latest.json"), &body);
        }
        // A full last page leads to an empty one.
        if i + 1 == n && page.len() == PER_PAGE {
            let empty = json!({"users": [], "topic_list": {"per_page": PER_PAGE, "topics": []}});
            mock.json(
                &format!("/c/{slug}/{id}/l/latest.json?page={}", i + 1),
                &empty,
            );
        }
    }
    for t in topics {
        t.serve(mock);
    }
}

/// Serves `/site.json`, `/categories.json` and a permissive robots.txt for `cats` (slug, id).
pub(crate) fn serve_site(mock: &Mock, cats: &[(&str, u64)]) {
    let list: Vec<Value> = cats
        .iter()
        .map(|(s, i)| json!({"id": i, "name": s, "slug": s, "topic_count": 1, "subcategory_list": []}))
        .collect();
    mock.json(
        "/site.json",
        &json!({"categories": list, "default_archetype": "regular"}),
    );
    mock.json(
        "/categories.json",
        &json!({"category_list": {"can_create_category": false, "categories": list}}),
    );
    mock.route(
        "/robots.txt",
        vec![Reply::raw(
            200,
            "text/plain",
            "User-agent: *\nDisallow: /admin/\nDisallow: /u/\nDisallow: /search\n",
        )],
    );
}

/// The quoting pair: a participant asks, a moderator quotes and answers.
pub(crate) fn quoting_topic(id: u64, category: u64) -> Topic {
    let mut t = Topic::plain(id, category, 3);
    t.title = "External data question".into();
    t.slug = "external-data-question".into();
    t.posts[1] = post(
        id * 1000 + 2,
        2,
        "bob",
        "<p>Is the GridMaster dataset allowed for pretraining?</p>",
    );
    t.posts[2] = with(
        post(
            id * 1000 + 3,
            3,
            "mod_mia",
            &format!(
                "<aside class=\"quote no-group\" data-username=\"bob\" data-post=\"2\" data-topic=\"{id}\"><div class=\"title\"><div class=\"quote-controls\"></div> bob:</div><blockquote><p>Is the GridMaster dataset allowed for pretraining?</p></blockquote></aside>\n<p>Yes, external corpora are fine if you post them in the official thread.</p>"
            ),
        ),
        &json!({"moderator": true, "staff": true, "reply_to_post_number": 2, "version": 2,
                "updated_at": "2024-03-10T12:00:00.000Z", "user_title": "Moderator"}),
    );
    t
}

/// A forum with two categories: `comp-a` (id 7) with `n_a` topics, the first one
/// of 45 posts and the second the quoting pair; `comp-b` (id 8) with 2 small topics.
pub(crate) fn standard(mock: &Mock, n_a: u64) -> (Vec<Topic>, Vec<Topic>) {
    serve_site(mock, &[("comp-a", 7), ("comp-b", 8)]);
    let mut a = vec![Topic::plain(100, 7, 45), quoting_topic(101, 7)];
    a.extend((102..100 + n_a).map(|i| Topic::plain(i, 7, 2)));
    let b = vec![Topic::plain(200, 8, 2), Topic::plain(201, 8, 1)];
    serve_category(mock, "comp-a", 7, &a);
    serve_category(mock, "comp-b", 8, &b);
    (a, b)
}
