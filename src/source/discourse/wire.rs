//! The Discourse JSON shapes we read (SOURCES.md §1.3), lenient where real
//! forums differ: ids and post numbers as numbers or strings, tags as strings
//! or `{id, name, slug}` objects, every optional field defaulted. Unknown
//! fields are ignored, so newer and older Discourse versions both parse.

use serde::{Deserialize, Deserializer};

/// `GET /t/{id}.json`: a topic with its first chunk of posts.
#[derive(Debug, Deserialize)]
pub(crate) struct TopicView {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default, deserialize_with = "opt_number")]
    pub category_id: Option<u64>,
    #[serde(default)]
    pub archetype: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    pub post_stream: PostStream,
}

/// `post_stream`: the posts of this chunk and the ids of every visible post.
#[derive(Debug, Deserialize)]
pub(crate) struct PostStream {
    #[serde(default)]
    pub posts: Vec<WirePost>,
    #[serde(default)]
    pub stream: Vec<serde_json::Value>,
}

/// `GET /t/{id}/posts.json?post_ids[]=…`.
#[derive(Debug, Deserialize)]
pub(crate) struct PostsChunk {
    pub post_stream: PostStream,
}

/// A tag: a plain string in older versions, an object in newer ones.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Tag {
    /// `"external-data"`.
    Name(String),
    /// `{"id": 3, "name": "external-data", "slug": "external-data"}`.
    Object {
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        slug: Option<String>,
    },
}

impl Tag {
    /// The tag's name.
    pub(crate) fn name(&self) -> Option<&str> {
        match self {
            Tag::Name(n) => Some(n),
            Tag::Object { name, slug } => name.as_deref().or(slug.as_deref()),
        }
    }
}

/// One post as the topic and posts endpoints serialise it.
#[derive(Debug, Deserialize)]
pub(crate) struct WirePost {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    #[serde(default, deserialize_with = "opt_number")]
    pub post_number: Option<u64>,
    #[serde(default)]
    pub topic_slug: Option<String>,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub cooked: Option<String>,
    #[serde(default, deserialize_with = "opt_number")]
    pub post_type: Option<u64>,
    #[serde(default, deserialize_with = "opt_number")]
    pub reply_to_post_number: Option<u64>,
    #[serde(default, deserialize_with = "opt_number")]
    pub version: Option<u64>,
    #[serde(default, deserialize_with = "flag")]
    pub hidden: bool,
    #[serde(default, deserialize_with = "flag")]
    pub cooked_hidden: bool,
    #[serde(default)]
    pub deleted_at: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    pub user_deleted: bool,
    #[serde(default, deserialize_with = "flag")]
    pub staff: bool,
    #[serde(default, deserialize_with = "flag")]
    pub moderator: bool,
    #[serde(default, deserialize_with = "flag")]
    pub admin: bool,
    #[serde(default, deserialize_with = "flag")]
    pub group_moderator: bool,
    #[serde(default)]
    pub user_title: Option<String>,
    #[serde(default)]
    pub primary_group_name: Option<String>,
    #[serde(default)]
    pub flair_name: Option<String>,
    #[serde(default)]
    pub flair_group_name: Option<String>,
}

/// `GET /latest.json`, `/c/{slug}/{id}/l/latest.json`: one page of a topic list.
#[derive(Debug, Deserialize)]
pub(crate) struct TopicListPage {
    pub topic_list: TopicList,
}

/// The `topic_list` object.
#[derive(Debug, Deserialize)]
pub(crate) struct TopicList {
    #[serde(default)]
    pub more_topics_url: Option<String>,
    #[serde(default)]
    pub topics: Vec<ListedTopic>,
}

/// A topic as a list shows it: enough to tell whether it changed.
#[derive(Debug, Deserialize)]
pub(crate) struct ListedTopic {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    #[serde(default)]
    pub slug: String,
    #[serde(default, deserialize_with = "opt_number")]
    pub posts_count: Option<u64>,
    #[serde(default)]
    pub last_posted_at: Option<String>,
    #[serde(default)]
    pub bumped_at: Option<String>,
    #[serde(default)]
    pub archetype: Option<String>,
}

/// `GET /categories.json`.
#[derive(Debug, Deserialize)]
pub(crate) struct CategoriesPage {
    pub category_list: CategoryList,
}

/// The `category_list` object.
#[derive(Debug, Deserialize)]
pub(crate) struct CategoryList {
    #[serde(default)]
    pub categories: Vec<Category>,
}

/// `GET /site.json`: the fields we need (its categories, subcategories included).
#[derive(Debug, Deserialize)]
pub(crate) struct SitePage {
    pub categories: Vec<Category>,
}

/// A category; `subcategory_list` appears with `include_subcategories=true`.
#[derive(Debug, Deserialize)]
pub(crate) struct Category {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub subcategory_list: Vec<Category>,
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    opt_number(d)?.ok_or_else(|| serde::de::Error::custom("expected a number, found null"))
}

/// A number, a numeric string, or null.
fn opt_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("expected an id, found {n}"))),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        serde_json::Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("expected an id, found `{s}`"))),
        other => Err(serde::de::Error::custom(format!(
            "expected an id, found {other}"
        ))),
    }
}

/// A boolean that may be null or missing (false).
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(false))
}

/// A `post_stream.stream` entry as a post id (numbers or numeric strings).
pub(crate) fn stream_id(v: &serde_json::Value) -> Option<u64> {
    match v {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
