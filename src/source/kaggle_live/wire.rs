//! The wire format of the four `competitions.CompetitionApiService` calls this
//! adapter makes, as Kaggle's Python SDK (`kagglesdk`,
//! `competitions/types/competition_api_service.py`) declares them: camelCase
//! JSON, enums by name, ISO 8601 dates with milliseconds and `Z`. Every field
//! is optional on the way in (proto3 JSON leaves defaults out), and 64-bit ids
//! are read as numbers or strings (proto3 JSON writes int64 as strings).

use serde::{Deserialize, Deserializer};
use serde_json::{Value, json};

/// `ListCompetitionTopics` (paged by a page number, with `totalCount`).
pub const LIST_TOPICS: &str = "ListCompetitionTopics";
/// `ListTopicMessages` (one call: `pageSize: -1` returns every message).
pub const LIST_MESSAGES: &str = "ListTopicMessages";
/// `ListCompetitionHosts`.
pub const LIST_HOSTS: &str = "ListCompetitionHosts";
/// `ListCompetitionPages` (optionally filtered by `pageName`).
pub const LIST_PAGES: &str = "ListCompetitionPages";
/// Topic order asked for: by creation, so new topics push old ones to later
/// pages (seen twice, deduplicated) instead of hiding them.
pub const TOPIC_SORT: &str = "TOPIC_LIST_SORT_BY_NEW";
/// Message order asked for: oldest first, the thread as it was written.
pub const MESSAGE_SORT: &str = "COMMENT_LIST_SORT_BY_OLD";

/// One topic of `ApiListCompetitionTopicsResponse.topics`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiTopic {
    /// Topic id.
    #[serde(deserialize_with = "int")]
    pub id: u64,
    /// Title.
    pub title: String,
    /// Web path of the topic.
    pub topic_url: String,
    /// The opening post's author.
    pub author_name: Option<String>,
    /// Messages in the topic.
    #[serde(deserialize_with = "int")]
    pub comment_count: u64,
    /// Creation date.
    pub post_date: Option<String>,
    /// Date of the last message.
    pub last_comment_post_date: Option<String>,
}

/// `ApiListCompetitionTopicsResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TopicsResponse {
    /// This page's topics.
    pub topics: Vec<ApiTopic>,
    /// Topics across all pages.
    #[serde(deserialize_with = "int")]
    pub total_count: u64,
}

/// One `ApiTopicMessage`, with its nested replies.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiMessage {
    /// Message id (the Meta Kaggle `ForumMessages.Id`).
    #[serde(deserialize_with = "int")]
    pub id: u64,
    /// When it was posted.
    pub post_date: Option<String>,
    /// Rendered HTML.
    pub content: Option<String>,
    /// The author's markdown.
    pub raw_markdown: Option<String>,
    /// The author's user name.
    pub author_name: Option<String>,
    /// Deleted (its replies stay).
    pub is_deleted: bool,
    /// Replies, nested (capped server-side; deeper ones flattened into the nearest ancestor).
    pub replies: Vec<ApiMessage>,
}

/// `ApiListTopicMessagesResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MessagesResponse {
    /// Top-level messages.
    pub messages: Vec<ApiMessage>,
}

/// One `ApiCompetitionHost`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiHost {
    /// User name (URL slug).
    pub user_name: Option<String>,
}

/// `ApiListCompetitionHostsResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HostsResponse {
    /// The hosts.
    pub hosts: Vec<ApiHost>,
}

/// One `ApiCompetitionPage`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ApiPage {
    /// Page name (`rules`, `description`, `data-description`, …).
    pub name: String,
    /// The page's content.
    pub content: String,
    /// Optional title shown above it.
    pub post_title: Option<String>,
    /// MIME type of `content` (Kaggle's default: `text/html`).
    pub mime_type: Option<String>,
}

/// `ApiListCompetitionPagesResponse`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PagesResponse {
    /// The pages.
    pub pages: Vec<ApiPage>,
}

/// An error body: `{"code": 401, "message": "…"}` (the SDK raises on `code >= 400`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ErrorBody {
    /// HTTP-like status.
    #[serde(deserialize_with = "int")]
    pub code: u64,
    /// What the server said.
    pub message: String,
}

/// The server's error message in `body`, when it is an error body.
#[must_use]
pub fn error_in(body: &[u8]) -> Option<ErrorBody> {
    serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .filter(|e| e.code >= 400)
}

/// Body of `ListCompetitionTopics`.
#[must_use]
pub fn topics_request(slug: &str, page: u64) -> Value {
    json!({"competitionName": slug, "sortBy": TOPIC_SORT, "page": page})
}

/// Body of `ListTopicMessages`: every message at once.
#[must_use]
pub fn messages_request(slug: &str, topic: u64) -> Value {
    json!({"competitionName": slug, "topicId": topic, "sortBy": MESSAGE_SORT, "pageSize": -1})
}

/// Body of `ListCompetitionHosts`.
#[must_use]
pub fn hosts_request(slug: &str) -> Value {
    json!({"competitionName": slug})
}

/// Body of `ListCompetitionPages`, for one page or (`None`) all.
#[must_use]
pub fn pages_request(slug: &str, name: Option<&str>) -> Value {
    match name {
        Some(n) => json!({"competitionName": slug, "pageName": n}),
        None => json!({"competitionName": slug}),
    }
}

/// An integer written as a number or a string; null or absent is 0.
fn int<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(0),
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_i64().map(|i| u64::try_from(i).unwrap_or(0)))
            .ok_or_else(|| serde::de::Error::custom(format!("`{n}` is not an integer"))),
        Value::String(s) => s
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not an integer"))),
        other => Err(serde::de::Error::custom(format!(
            "`{other}` is not an integer"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sdk_shapes() {
        let t: TopicsResponse = serde_json::from_str(
            r#"{"topics":[{"id":"120001","title":"External data","topicUrl":"/x","commentCount":3,
                "postDate":"2024-01-02T03:04:05.000Z","isSticky":true}],"totalCount":41}"#,
        )
        .expect("parses");
        assert_eq!(t.topics[0].id, 120_001);
        assert_eq!(t.topics[0].comment_count, 3);
        assert_eq!(t.total_count, 41);
        let m: MessagesResponse = serde_json::from_str(
            r#"{"messages":[{"id":1,"replies":[{"id":2,"isDeleted":true}]}]}"#,
        )
        .expect("parses");
        assert!(m.messages[0].replies[0].is_deleted);
        assert!(serde_json::from_str::<MessagesResponse>("{}").is_ok());
    }

    #[test]
    fn error_bodies() {
        let e = error_in(br#"{"code":429,"message":"Too many requests"}"#).expect("error");
        assert_eq!(e.code, 429);
        assert!(error_in(br#"{"code":0}"#).is_none());
        assert!(error_in(b"{\"topics\":[]}").is_none());
    }
}
