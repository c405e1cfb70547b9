//! The stream of ForumMessages.csv rows as `Post`s. A row outside the selected
//! topics costs one integer parse (`ForumTopicId`); only selected rows are
//! decoded: ids, the date, the reply id, and the body (text from the `Message`
//! HTML, quotes from `RawMarkdown` when it has any, else from the HTML).

use csv::ByteRecord;

use super::catalog::{Catalog, TopicInfo};
use super::dates::parse_kaggle_date;
use super::html::kaggle_html_to_body;
use super::table::{RowError, Table, field, id_field, opt_field, opt_id_field, parse_id};
use crate::error::Result;
use crate::model::Post;
use crate::normalize::{Body, markdown_to_body};

/// The site and source name of every Kaggle post.
pub const KAGGLE: &str = "kaggle";

/// Column positions in ForumMessages.csv.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MessageColumns {
    pub(crate) id: usize,
    pub(crate) topic: usize,
    pub(crate) user: usize,
    date: usize,
    reply: Option<usize>,
    message: usize,
    markdown: Option<usize>,
}

impl MessageColumns {
    /// Finds the columns; a missing required one is a structural error.
    pub(crate) fn find(t: &Table) -> Result<MessageColumns> {
        Ok(MessageColumns {
            id: t.column("Id")?,
            topic: t.column("ForumTopicId")?,
            user: t.column("PostUserId")?,
            date: t.column("PostDate")?,
            reply: t.optional("ReplyToForumMessageId"),
            message: t.column("Message")?,
            markdown: t.optional("RawMarkdown"),
        })
    }
}

/// Streams the selected competitions' messages as posts; malformed rows come as `RowError`s.
pub struct Messages {
    pub(crate) catalog: Catalog,
    pub(crate) table: Table,
    pub(crate) cols: MessageColumns,
    rec: ByteRecord,
    rows: u64,
}

impl Messages {
    pub(crate) fn new(catalog: Catalog, table: Table, cols: MessageColumns) -> Messages {
        Messages {
            catalog,
            table,
            cols,
            rec: ByteRecord::new(),
            rows: 0,
        }
    }

    /// Rows of ForumMessages.csv read so far (selected or not).
    #[must_use]
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    /// Bytes of ForumMessages.csv read so far.
    #[must_use]
    pub fn bytes_read(&self) -> u64 {
        self.table.bytes_read()
    }

    /// The size of ForumMessages.csv.
    #[must_use]
    pub fn total_bytes(&self) -> u64 {
        self.table.len()
    }
}

impl Iterator for Messages {
    type Item = Result<std::result::Result<Post, RowError>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.table.next_row(&mut self.rec) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(Ok(bad)) => {
                    self.rows += 1;
                    return Some(Ok(Err(bad)));
                }
                Err(Err(e)) => return Some(Err(e)),
            }
            self.rows += 1;
            let topic_id = match parse_id(&self.rec[self.cols.topic]) {
                Ok(Some(id)) => id,
                Ok(None) | Err(()) => {
                    let reason = id_field(&self.rec, self.cols.topic, "ForumTopicId")
                        .err()
                        .unwrap_or_default();
                    return Some(Ok(Err(self.table.row_error(&self.rec, reason))));
                }
            };
            let Some(topic) = self.catalog.topics.get(&topic_id) else {
                continue;
            };
            let post = to_post(&self.catalog, topic_id, topic, &self.rec, &self.cols)
                .map_err(|reason| self.table.row_error(&self.rec, reason));
            return Some(Ok(post));
        }
    }
}

/// Converts one selected row.
fn to_post(
    cat: &Catalog,
    topic_id: u64,
    topic: &TopicInfo,
    rec: &ByteRecord,
    cols: &MessageColumns,
) -> std::result::Result<Post, String> {
    let id = id_field(rec, cols.id, "Id")?;
    let user = opt_id_field(rec, Some(cols.user), "PostUserId")?;
    let created_at =
        parse_kaggle_date(field(rec, cols.date)?).map_err(|e| format!("`PostDate`: {e}"))?;
    let reply_to = opt_id_field(rec, cols.reply, "ReplyToForumMessageId")?;
    let html = field(rec, cols.message).map_err(|_| "`Message` is not valid UTF-8".to_owned())?;
    let markdown =
        opt_field(rec, cols.markdown).map_err(|_| "`RawMarkdown` is not valid UTF-8".to_owned())?;
    let body = body(html, markdown);
    let comp = &cat.competitions[topic.competition as usize];
    let (author, role) = cat.author(topic.competition, user);
    let thread_url = thread_url(&comp.slug, topic_id);
    Ok(Post {
        source: KAGGLE.to_owned(),
        site: KAGGLE.to_owned(),
        competition: comp.slug.clone(),
        thread_id: topic_id.to_string(),
        thread_title: topic.title.clone(),
        url: format!("{thread_url}#{id}"),
        thread_url: Some(thread_url),
        post_id: id.to_string(),
        post_number: (topic.first_message == Some(id)).then_some(1),
        author,
        role,
        created_at,
        edited_at: None,
        text: body.text,
        quotes: body.quotes,
        reply_to: reply_to.map(|r| r.to_string()),
    })
}

/// The public URL of a competition's discussion topic.
#[must_use]
pub fn thread_url(slug: &str, topic_id: u64) -> String {
    format!("https://www.kaggle.com/competitions/{slug}/discussion/{topic_id}")
}

/// The author's own words from the HTML; quotes from the markdown when it has
/// any (it may say whom they quote), else from the HTML's `<blockquote>`s.
#[must_use]
pub fn body(html: &str, markdown: &str) -> Body {
    if html.is_empty() {
        return markdown_to_body(markdown);
    }
    let mut body = kaggle_html_to_body(html);
    if may_quote(markdown) {
        let md = markdown_to_body(markdown);
        if !md.quotes.is_empty() {
            body.quotes = md.quotes;
        }
    }
    body
}

/// Whether markdown may hold a quote (`>` lines or BBCode): a cheap test before parsing it.
fn may_quote(md: &str) -> bool {
    md.lines().any(|l| l.trim_start().starts_with('>'))
        || md
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"[quote"))
}
