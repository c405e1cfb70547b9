//! The GitHub adapter (SOURCES.md §4): parses the REST API's issue
//! (`{api}/repos/{owner}/{repo}/issues/{n}`, pull requests included) as post 1
//! and its comments pages (`…/comments?per_page=100`) as the rest, following
//! the `Link` header's `rel="next"` verbatim (GitHub's next pages are often
//! `/repositories/{id}/…` URLs: the map remembers which issue each page
//! continues). Roles come from
//! `author_association` (OWNER, MEMBER, COLLABORATOR are hosts) and
//! `user.site_admin` (GitHub staff); bodies are markdown, `>` lines quotes.
//!
//! It only parses: `crawl` fetches (with the API's headers and any token) and
//! `reindex` replays through `GitHub::parse`, headers included. What it
//! learns (each issue's title and page) is a serialisable `IssueMap`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::model::{Post, Role};
use crate::normalize::markdown_to_body;

/// The public API.
pub const DEFAULT_API: &str = "https://api.github.com";
/// The media type GitHub asks clients to send.
pub const ACCEPT: &str = "application/vnd.github+json";
/// The REST API version this adapter reads.
pub const API_VERSION: &str = "2022-11-28";
/// Comments per page (GitHub's maximum).
pub const PER_PAGE: u32 = 100;
/// The environment variable holding a token (5,000 requests an hour instead of 60).
pub const TOKEN_ENV: &str = "GITHUB_TOKEN";

/// An issue or pull request as its web URL names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRef {
    /// The web host (`github.com`, or a GitHub Enterprise host).
    pub site: String,
    /// Repository owner.
    pub owner: String,
    /// Repository name.
    pub repo: String,
    /// Issue or pull request number.
    pub number: u64,
}

impl IssueRef {
    /// `https://HOST/OWNER/REPO/issues/N` or `…/pull/N` (anything after the number ignored).
    #[must_use]
    pub fn parse(url: &Url) -> Option<IssueRef> {
        let segs: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        match segs.as_slice() {
            [owner, repo, "issues" | "pull", n, ..] => Some(IssueRef {
                site: crate::source::discourse::site_name(url),
                owner: (*owner).to_owned(),
                repo: (*repo).to_owned(),
                number: n.parse().ok()?,
            }),
            _ => None,
        }
    }

    /// The thread id: `OWNER/REPO#N`.
    #[must_use]
    pub fn thread(&self) -> String {
        format!("{}/{}#{}", self.owner, self.repo, self.number)
    }

    /// The API base for this host: `api.github.com`, or GitHub Enterprise's `/api/v3`.
    #[must_use]
    pub fn default_api(&self) -> String {
        if self.site == "github.com" || self.site == "www.github.com" {
            DEFAULT_API.to_owned()
        } else {
            format!("https://{}/api/v3", self.site)
        }
    }
}

/// How one crawl maps what it reads.
#[derive(Debug, Clone, Default)]
pub struct GitHubOptions {
    /// `--competition` (required for GitHub).
    pub competition: String,
    /// `--official-user`: hosts besides the repository's owners, members and collaborators.
    pub official_users: Vec<String>,
}

/// What has been learnt so far.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IssueMap {
    /// `OWNER/REPO#N` → its title and page.
    pub issues: BTreeMap<String, (String, String)>,
    /// A `rel="next"` comments page → the issue it continues (owner, repo, number).
    #[serde(default)]
    pub pages: BTreeMap<String, (String, String, u64)>,
}

/// What one page gave.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Posts to index.
    pub posts: Vec<Post>,
    /// Pages to fetch next (the first comments page, or the `rel="next"` page).
    pub links: Vec<Url>,
    /// Items left out (no readable date).
    pub dropped: usize,
}

#[derive(Debug, Deserialize)]
struct User {
    login: String,
    #[serde(default)]
    site_admin: bool,
}

#[derive(Debug, Deserialize)]
struct Entry {
    id: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    author_association: Option<String>,
    created_at: String,
    #[serde(default)]
    updated_at: Option<String>,
    html_url: String,
    #[serde(default)]
    comments: Option<u64>,
}

/// The adapter for one GitHub crawl.
#[derive(Debug, Clone)]
pub struct GitHub {
    api: Url,
    site: String,
    opts: GitHubOptions,
    /// What has been learnt so far (persisted by the crawl for resuming).
    pub map: IssueMap,
}

impl GitHub {
    /// An adapter for issues on web host `site`, read through `api`.
    pub fn new(api: &str, site: &str, opts: GitHubOptions) -> Result<GitHub, String> {
        let api = Url::parse(api.trim_end_matches('/')).map_err(|e| {
            format!("`{api}` is not an API base URL ({e}); write e.g. {DEFAULT_API}")
        })?;
        Ok(GitHub {
            api,
            site: site.to_owned(),
            opts,
            map: IssueMap::default(),
        })
    }

    /// The API base.
    #[must_use]
    pub fn api(&self) -> &Url {
        &self.api
    }

    /// The API URL of an issue.
    #[must_use]
    pub fn issue_url(&self, r: &IssueRef) -> Url {
        let mut u = self.api.clone();
        let path = format!(
            "{}/repos/{}/{}/issues/{}",
            self.api.path().trim_end_matches('/'),
            r.owner,
            r.repo,
            r.number
        );
        u.set_path(&path);
        u
    }

    /// Which issue an API URL of this adapter is about, and whether it is a comments page.
    #[must_use]
    pub fn classify(&self, url: &Url) -> Option<(IssueRef, bool)> {
        if let Some((owner, repo, number)) = self.map.pages.get(url.as_str()) {
            let r = IssueRef {
                site: self.site.clone(),
                owner: owner.clone(),
                repo: repo.clone(),
                number: *number,
            };
            return Some((r, true));
        }
        let rest = url
            .path()
            .strip_prefix(self.api.path().trim_end_matches('/'))?;
        let segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let (owner, repo, n, comments) = match segs.as_slice() {
            ["repos", o, r, "issues", n] => (o, r, n, false),
            ["repos", o, r, "issues", n, "comments"] => (o, r, n, true),
            _ => return None,
        };
        let r = IssueRef {
            site: self.site.clone(),
            owner: (*owner).to_owned(),
            repo: (*repo).to_owned(),
            number: n.parse().ok()?,
        };
        Some((r, comments))
    }

    /// Parses one fetched page (its headers give the next page).
    pub fn parse(
        &mut self,
        url: &Url,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<Parsed, String> {
        let (issue, comments) = self
            .classify(url)
            .ok_or("not a GitHub issue or comments API URL")?;
        let json_err = |e: serde_json::Error| format!("not the GitHub JSON expected here ({e})");
        let mut parsed = Parsed::default();
        let thread = issue.thread();
        if comments {
            let entries: Vec<Entry> = serde_json::from_slice(body).map_err(json_err)?;
            for e in entries {
                match self.post(&issue, e, false) {
                    Some(p) => parsed.posts.push(p),
                    None => parsed.dropped += 1,
                }
            }
            let link = headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("link"))
                .find_map(|(_, v)| next_link(v));
            if let Some(next) = link {
                let next = Url::parse(&next).map_err(|e| {
                    format!("the Link header's next page `{next}` is not a URL ({e})")
                })?;
                self.map.pages.insert(
                    next.to_string(),
                    (issue.owner.clone(), issue.repo.clone(), issue.number),
                );
                parsed.links.push(next);
            }
            return Ok(parsed);
        }
        let e: Entry = serde_json::from_slice(body).map_err(json_err)?;
        self.map.issues.insert(
            thread,
            (e.title.clone().unwrap_or_default(), e.html_url.clone()),
        );
        if e.comments != Some(0) {
            let mut first = url.clone();
            first.set_path(&format!("{}/comments", url.path().trim_end_matches('/')));
            first.set_query(Some(&format!("per_page={PER_PAGE}")));
            parsed.links.push(first);
        }
        match self.post(&issue, e, true) {
            Some(p) => parsed.posts.push(p),
            None => parsed.dropped += 1,
        }
        Ok(parsed)
    }

    fn post(&self, issue: &IssueRef, e: Entry, opening: bool) -> Option<Post> {
        let created_at: jiff::Timestamp = e.created_at.parse().ok()?;
        let edited_at = if opening {
            // An issue's updated_at moves with every comment and label: not an edit.
            None
        } else {
            e.updated_at
                .as_deref()
                .filter(|u| *u != e.created_at)
                .and_then(|u| u.parse().ok())
        };
        let thread = issue.thread();
        let (title, thread_url) = self.map.issues.get(&thread).cloned().unwrap_or_else(|| {
            (
                String::new(),
                format!(
                    "https://{}/{}/{}/issues/{}",
                    issue.site, issue.owner, issue.repo, issue.number
                ),
            )
        });
        let body = markdown_to_body(e.body.as_deref().unwrap_or(""));
        let author = e.user.as_ref().map_or("ghost", |u| u.login.as_str());
        Some(Post {
            source: "github".into(),
            site: self.site.clone(),
            competition: self.opts.competition.clone(),
            thread_id: thread,
            thread_title: title,
            thread_url: Some(thread_url),
            post_id: if opening {
                format!("issue-{}", e.id)
            } else {
                e.id.to_string()
            },
            post_number: opening.then_some(1),
            role: self.role(e.user.as_ref(), e.author_association.as_deref()),
            author: author.to_owned(),
            created_at,
            edited_at,
            text: body.text,
            quotes: body.quotes,
            reply_to: None,
            url: e.html_url,
        })
    }

    fn role(&self, user: Option<&User>, association: Option<&str>) -> Role {
        let login = user.map_or("", |u| u.login.as_str());
        let listed = self
            .opts
            .official_users
            .iter()
            .any(|u| u.trim().eq_ignore_ascii_case(login));
        let member = matches!(association, Some("OWNER" | "MEMBER" | "COLLABORATOR"));
        if listed || member {
            Role::Host
        } else if user.is_some_and(|u| u.site_admin) {
            Role::Staff
        } else {
            Role::Participant
        }
    }
}

/// The `rel="next"` target of a `Link` header (RFC 8288), verbatim.
#[must_use]
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p.strip_prefix("rel=").is_some_and(|v| {
                v.trim_matches('"')
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("next"))
            })
        });
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| target.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_and_api_bases() {
        let u =
            Url::parse("https://github.com/drivendata/comp/pull/12#issuecomment-1").expect("url");
        let r = IssueRef::parse(&u).expect("issue");
        assert_eq!(
            (r.thread(), r.default_api()),
            ("drivendata/comp#12".into(), DEFAULT_API.into())
        );
        let ghe = Url::parse("https://git.corp.example/a/b/issues/3").expect("url");
        let r = IssueRef::parse(&ghe).expect("issue");
        assert_eq!(r.default_api(), "https://git.corp.example/api/v3");
        assert!(IssueRef::parse(&Url::parse("https://github.com/a/b").expect("url")).is_none());
        let gh = GitHub::new(
            "https://git.corp.example/api/v3",
            "git.corp.example",
            GitHubOptions::default(),
        )
        .expect("api");
        let api = gh.issue_url(&r);
        assert_eq!(
            api.as_str(),
            "https://git.corp.example/api/v3/repos/a/b/issues/3"
        );
        assert_eq!(
            gh.classify(&api).map(|(r, c)| (r.number, c)),
            Some((3, false))
        );
    }

    #[test]
    fn link_header_next() {
        let h = r#"<https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=5>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=2")
        );
        assert_eq!(
            next_link(r#"<https://x/1>; rel="prev", <https://x/1>; rel="first""#),
            None
        );
    }

    #[test]
    fn associations_and_site_admins() {
        let gh = GitHub::new(DEFAULT_API, "github.com", GitHubOptions::default()).expect("api");
        let user = |admin| User {
            login: "u".into(),
            site_admin: admin,
        };
        for (a, role) in [
            ("OWNER", Role::Host),
            ("MEMBER", Role::Host),
            ("COLLABORATOR", Role::Host),
            ("CONTRIBUTOR", Role::Participant),
            ("FIRST_TIMER", Role::Participant),
            ("FIRST_TIME_CONTRIBUTOR", Role::Participant),
            ("MANNEQUIN", Role::Participant),
            ("NONE", Role::Participant),
        ] {
            assert_eq!(gh.role(Some(&user(false)), Some(a)), role, "{a}");
        }
        assert_eq!(gh.role(Some(&user(true)), Some("NONE")), Role::Staff);
    }
}
