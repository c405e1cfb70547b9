//! The site-level pages of the demo forum: `/robots.txt` (Discourse's default
//! file), `/site.json`, `/categories.json`, `/c/{id}/show.json`, and the small
//! HTML shell Discourse-detecting clients see at `/` and at topic or category
//! URLs requested without `.json`.

use serde_json::{Value, json};

use super::cooked::cook;
use super::fixture::{CompetitionFixture, User};
use super::inline::escape;
use super::shapes::CHUNK_SIZE;
use super::site::{Site, TopicRef};

/// Discourse's default robots.txt (`RobotsTxtController`, no overrides): the
/// default blocked crawlers, then `*`, then Googlebot without the header paths.
pub(crate) const ROBOTS_TXT: &str = "\
# See http://www.robotstxt.org/robotstxt.html for documentation on how to use the robots.txt file
#
User-agent: mauibot
Disallow: /

User-agent: semrushbot
Disallow: /

User-agent: ahrefsbot
Disallow: /

User-agent: blexbot
Disallow: /

User-agent: seo spider
Disallow: /

User-agent: *
Disallow: /admin/
Disallow: /auth/
Disallow: /assets/browser-update*.js
Disallow: /email/
Disallow: /session
Disallow: /user-api-key
Disallow: /*?api_key*
Disallow: /*?*api_key*
Disallow: /badges
Disallow: /u/
Disallow: /my
Disallow: /search
Disallow: /tag/*/l
Disallow: /g
Disallow: /t/*/*.rss
Disallow: /c/*.rss

User-agent: Googlebot
Disallow: /admin/
Disallow: /auth/
Disallow: /assets/browser-update*.js
Disallow: /email/
Disallow: /session
Disallow: /user-api-key
Disallow: /*?api_key*
Disallow: /*?*api_key*

";

/// The Discourse version the generator meta tag claims.
const GENERATOR: &str =
    "Discourse 3.4.0 - https://github.com/discourse/discourse version rulegap-demo";

/// One category object as `/categories.json` and `/site.json` list it.
pub(crate) fn category(fixture: &CompetitionFixture, position: usize) -> Value {
    let spec = &fixture.spec;
    let topics = fixture.forum.topics.len();
    let posts: usize = fixture.forum.topics.iter().map(|t| t.posts.len()).sum();
    json!({
        "id": spec.category_id,
        "name": spec.title,
        "color": "0088CC",
        "text_color": "FFFFFF",
        "slug": spec.slug,
        "topic_count": topics,
        "post_count": posts,
        "position": position,
        "description": format!("<p>{}</p>", escape(&spec.title)),
        "description_text": spec.title,
        "description_excerpt": spec.title,
        "topic_url": null,
        "read_restricted": false,
        "permission": null,
        "notification_level": 1,
        "topic_template": null,
        "has_children": false,
        "subcategory_count": null,
        "sort_order": null,
        "sort_ascending": null,
        "show_subcategory_list": false,
        "num_featured_topics": 3,
        "default_view": null,
        "subcategory_list_style": "rows_with_featured_topics",
        "default_top_period": "all",
        "default_list_filter": "all",
        "minimum_required_tags": 0,
        "navigate_to_first_post_after_read": false,
        "topics_day": 0,
        "topics_week": 0,
        "topics_month": 0,
        "topics_year": topics,
        "topics_all_time": topics,
        "is_uncategorized": false,
        "subcategory_ids": [],
        "uploaded_logo": null,
        "uploaded_logo_dark": null,
        "uploaded_background": null,
        "parent_category_id": null,
    })
}

fn categories(site: &Site) -> Vec<Value> {
    site.competitions()
        .iter()
        .enumerate()
        .map(|(i, c)| category(c, i + 1))
        .collect()
}

/// `/categories.json`.
pub(crate) fn categories_json(site: &Site) -> Value {
    json!({
        "category_list": {
            "can_create_category": false,
            "can_create_topic": false,
            "categories": categories(site),
        }
    })
}

/// `/site.json`: the categories plus the constants clients read from it.
pub(crate) fn site_json(site: &Site) -> Value {
    let mut groups: Vec<&str> = site
        .competitions()
        .iter()
        .flat_map(|c| c.forum.users.iter())
        .filter_map(|u| u.primary_group.as_deref())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let groups: Vec<Value> = groups
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"id": 40 + i, "name": name, "flair_url": null, "flair_bg_color": null, "flair_color": null}))
        .collect();
    json!({
        "default_archetype": "regular",
        "notification_levels": {"muted": 0, "regular": 1, "tracking": 2, "watching": 3, "watching_first_post": 4},
        "post_types": {"regular": 1, "moderator_action": 2, "small_action": 3, "whisper": 4},
        "trust_levels": {"newuser": 0, "basic": 1, "member": 2, "regular": 3, "leader": 4},
        "groups": groups,
        "filters": ["latest", "unread", "new", "unseen", "top", "read", "posted", "bookmarks"],
        "periods": ["all", "yearly", "quarterly", "monthly", "weekly", "daily"],
        "top_menu_items": ["latest", "unread", "new", "unseen", "top", "categories"],
        "anonymous_top_menu_items": ["latest", "top", "categories"],
        "uncategorized_category_id": 1,
        "user_field_max_length": 2048,
        "post_action_types": [],
        "topic_flag_types": [],
        "can_create_tag": false,
        "can_tag_topics": false,
        "can_tag_pms": false,
        "top_tags": [],
        "topic_featured_link_allowed_category_ids": [],
        "user_themes": [],
        "censored_regexp": [],
        "custom_emoji_translation": {},
        "categories": categories(site),
        "archetypes": [{"id": "regular", "name": "Regular Topic", "options": []}],
        "user_fields": [],
        "auth_providers": [],
    })
}

/// `/c/{id}/show.json`.
pub(crate) fn category_show(site: &Site, index: usize) -> Value {
    json!({ "category": category(&site.competitions()[index], index + 1) })
}

/// A topic's crawler view: its title, the posts of page `page` (20 a page,
/// each at `#post_N` with author, role and date), and links to every page.
pub(crate) fn topic_page(
    site: &Site,
    t: &TopicRef<'_>,
    page: usize,
    links: &[(String, String)],
) -> String {
    let users = &t.fixture.forum.users;
    let first = page.saturating_sub(1) * CHUNK_SIZE;
    let posts: String = t
        .posts()
        .iter()
        .enumerate()
        .skip(first)
        .take(CHUNK_SIZE)
        .map(|(i, p)| {
            let role = site
                .user(t.comp, &p.username)
                .map_or("", |(_, u)| role_label(u));
            format!(
                "<div id=\"post_{n}\" class=\"topic-body crawler-post\">\n<div class=\"crawler-post-meta\"><b>#{n} {}{}</b> <time datetime=\"{}\">{}</time></div>\n<div class=\"post\">{}</div>\n</div>\n",
                escape(&p.username),
                if role.is_empty() { String::new() } else { format!(" ({role})") },
                p.created_at,
                p.created_at.strftime("%Y-%m-%d %H:%M UTC"),
                cook(&p.raw, users),
                n = i + 1,
            )
        })
        .collect();
    let body = format!("<h1>{}</h1>\n{posts}", escape(&t.topic.title));
    html_page(&t.topic.title, &body, links)
}

/// What the crawler view says of an author: staff roles, or the forum group.
fn role_label(u: &User) -> &str {
    if u.admin {
        "admin"
    } else if u.moderator {
        "moderator"
    } else {
        u.primary_group.as_deref().unwrap_or("")
    }
}

/// The HTML shell with Discourse's generator tag and crawler-view links.
pub(crate) fn html_shell(title: &str, links: &[(String, String)]) -> String {
    html_page(title, "", links)
}

/// An HTML page with Discourse's generator tag: `body` (HTML), then the crawler-view links.
fn html_page(title: &str, body: &str, links: &[(String, String)]) -> String {
    let items: String = links
        .iter()
        .map(|(href, text)| {
            format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(href),
                escape(text)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<meta name=\"generator\" content=\"{GENERATOR}\">\n</head>\n<body>\n{body}<noscript data-path=\"/\">\n<ul>\n{items}</ul>\n</noscript>\n</body>\n</html>\n",
        escape(title)
    )
}
