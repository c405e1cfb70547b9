//! Who a crawl counts as official beyond the forum's own flags: the
//! `--official-user`, `--official-group` and `--official-title` settings,
//! remembered in each crawl's settings so a plain re-crawl keeps them (a crawl
//! of a new URL of the same Discourse forum starts from the most recent
//! crawl of that forum); and what the forum showed (authors, groups, titles),
//! kept in the crawl state, to warn about a setting that matched nobody.

use crate::analysis::text::closest_name;
use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::state::CrawlSettings;
use crate::datadir::DataDir;
use crate::error::Result;
use crate::source::discourse;

/// The official-account settings of one crawl.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Officials {
    /// `--official-user`.
    pub users: Vec<String>,
    /// `--official-group`.
    pub groups: Vec<String>,
    /// `--official-title`.
    pub title: Option<String>,
}

impl Officials {
    /// The settings recorded in `s`.
    #[must_use]
    pub fn of(s: &CrawlSettings) -> Officials {
        Officials {
            users: s.official_users.clone(),
            groups: s.official_groups.clone(),
            title: s.official_title.clone(),
        }
    }

    /// None given.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.groups.is_empty() && self.title.is_none()
    }

    /// Records them in `s`.
    pub fn set_on(self, s: &mut CrawlSettings) {
        s.official_users = self.users;
        s.official_groups = self.groups;
        s.official_title = self.title;
    }

    /// As the options that give them: `--official-group organizers --official-user bo`.
    #[must_use]
    pub fn flags(&self) -> String {
        let mut out: Vec<String> = Vec::new();
        out.extend(
            self.groups
                .iter()
                .map(|g| format!("--official-group {}", quote(g))),
        );
        out.extend(
            self.users
                .iter()
                .map(|u| format!("--official-user {}", quote(u))),
        );
        if let Some(t) = &self.title {
            out.push(format!("--official-title {}", quote(t)));
        }
        if out.is_empty() {
            "none".to_owned()
        } else {
            out.join(" ")
        }
    }
}

/// `v` as a shell word: quoted when it holds anything but plain characters.
fn quote(v: &str) -> String {
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
    {
        v.to_owned()
    } else {
        format!("'{}'", v.replace('\'', r"'\''"))
    }
}

/// Official-account settings found for a crawl given none.
#[derive(Debug, Clone)]
pub struct Remembered {
    /// The settings.
    pub officials: Officials,
    /// The start URLs of the other crawl of the same forum they come from;
    /// `None` when they are this crawl's own.
    pub from: Option<Vec<String>>,
}

/// The official-account settings remembered for the crawl `s` describes: its
/// own, when it ran before (even with none); else, for a Discourse forum, those
/// of the most recent crawl of the same site and `--competition` that had any.
pub fn remembered(data: &DataDir, s: &CrawlSettings) -> Result<Option<Remembered>> {
    if let Some(own) = CrawlSettings::load(data, &s.id)? {
        return Ok(Some(Remembered {
            officials: Officials::of(&own),
            from: None,
        }));
    }
    if s.source != "discourse" {
        return Ok(None);
    }
    let sites = sites_of(&s.start_urls);
    let Ok(entries) = std::fs::read_dir(data.crawls()) else {
        return Ok(None);
    };
    let mut best: Option<(SystemTime, CrawlSettings)> = None;
    for e in entries.flatten() {
        let id = e.file_name().to_string_lossy().into_owned();
        // Another crawl's unreadable settings are that crawl's problem.
        let Ok(Some(other)) = CrawlSettings::load(data, &id) else {
            continue;
        };
        if other.source != s.source
            || other.competition != s.competition
            || Officials::of(&other).is_empty()
            || sites_of(&other.start_urls).is_disjoint(&sites)
        {
            continue;
        }
        let when = std::fs::metadata(e.path().join("settings.json"))
            .and_then(|m| m.modified())
            .unwrap_or(SystemTime::UNIX_EPOCH);
        if best.as_ref().is_none_or(|(t, _)| when > *t) {
            best = Some((when, other));
        }
    }
    Ok(best.map(|(_, other)| Remembered {
        officials: Officials::of(&other),
        from: Some(other.start_urls),
    }))
}

/// The store's site names of `urls` (host, with the port when not the default).
fn sites_of(urls: &[String]) -> BTreeSet<String> {
    urls.iter()
        .filter_map(|u| url::Url::parse(u.trim()).ok())
        .map(|u| discourse::site_name(&u))
        .collect()
}

/// What a crawl's pages showed of their authors, over every run of it (and
/// the archive re-read): what the official-account settings could match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// Authors' user names, lower-cased.
    #[serde(default)]
    pub authors: BTreeSet<String>,
    /// Forum groups (primary group, flair) → posts showing it (the most in one run).
    #[serde(default)]
    pub groups: BTreeMap<String, u64>,
    /// User titles → posts showing it (the most in one run).
    #[serde(default)]
    pub titles: BTreeMap<String, u64>,
}

impl Seen {
    /// Notes an author.
    pub fn author(&mut self, name: &str) {
        self.authors.insert(name.trim().to_lowercase());
    }

    /// Adds the group and title counts of one run (or replay): a name keeps its largest count.
    pub fn counts(&mut self, groups: &BTreeMap<String, u64>, titles: &BTreeMap<String, u64>) {
        for (mine, theirs) in [(&mut self.groups, groups), (&mut self.titles, titles)] {
            for (k, n) in theirs {
                let e = mine.entry(k.clone()).or_default();
                *e = (*e).max(*n);
            }
        }
    }

    /// Adds everything `other` saw.
    pub fn merge(&mut self, other: &Seen) {
        self.authors.extend(other.authors.iter().cloned());
        self.counts(&other.groups, &other.titles);
    }
}

/// An official-account setting that matched no post of the crawl.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// The option: `--official-user`, `--official-group` or `--official-title`.
    pub option: String,
    /// Its value.
    pub value: String,
    /// Groups or titles the forum shows, most posts first (at most 10;
    /// empty for users, whose names are too many to list).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<String>,
    /// A close name that the forum shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// Group or title names listed in a warning at most.
const LISTED: usize = 10;

impl Unmatched {
    /// The warning line (without the `rulegap: ` prefix).
    #[must_use]
    pub fn message(&self) -> String {
        let what = format!("{} {}", self.option, quote(&self.value));
        let listed = |kind: &str, what_of: &str| {
            if self.seen.is_empty() {
                format!("no post on this forum shows a {what_of}")
            } else {
                format!("{kind} seen on this forum: {}", self.seen.join(", "))
            }
        };
        let mut out = match self.option.as_str() {
            "--official-group" => format!("{what} matched no post; {}", listed("groups", "group")),
            "--official-title" => format!(
                "{what} matched no user title; {}",
                listed("titles", "user title")
            ),
            _ => format!("{what} matched no author of this crawl's posts"),
        };
        match &self.suggestion {
            Some(s) => out.push_str(&format!("; did you mean {}?", quote(s))),
            None if self.option == "--official-user" => out.push_str(
                "; give the user name (login) the forum shows, as in its profile links (/u/NAME)",
            ),
            None => {}
        }
        out
    }
}

/// The settings of `o` that matched nothing `seen` shows. Nothing when
/// nothing was seen (a crawl that got no post cannot tell).
#[must_use]
pub fn unmatched(o: &Officials, seen: &Seen) -> Vec<Unmatched> {
    let mut out = Vec::new();
    if seen.authors.is_empty() {
        return out;
    }
    for u in &o.users {
        let name = u.trim().to_lowercase();
        if seen.authors.contains(&name) {
            continue;
        }
        out.push(Unmatched {
            option: "--official-user".into(),
            value: u.clone(),
            seen: Vec::new(),
            suggestion: closest_name(&name, seen.authors.iter().map(String::as_str))
                .map(str::to_owned),
        });
    }
    let by_posts = |m: &BTreeMap<String, u64>| -> Vec<String> {
        let mut v: Vec<(&String, &u64)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let more = v.len().saturating_sub(LISTED);
        let mut names: Vec<String> = v.into_iter().take(LISTED).map(|(k, _)| k.clone()).collect();
        if more > 0 {
            names.push(format!("and {more} more"));
        }
        names
    };
    for g in &o.groups {
        let g = g.trim();
        if seen.groups.keys().any(|k| k.eq_ignore_ascii_case(g)) {
            continue;
        }
        out.push(Unmatched {
            option: "--official-group".into(),
            value: g.to_owned(),
            seen: by_posts(&seen.groups),
            suggestion: closest_name(g, seen.groups.keys().map(String::as_str)).map(str::to_owned),
        });
    }
    if let Some(t) = &o.title
        && let Ok(re) = regex::Regex::new(&format!("(?i){t}"))
        && !seen.titles.keys().any(|k| re.is_match(k))
    {
        out.push(Unmatched {
            option: "--official-title".into(),
            value: t.clone(),
            seen: by_posts(&seen.titles),
            suggestion: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::text::edit_distance;

    fn seen() -> Seen {
        let mut s = Seen::default();
        for a in ["host_bo", "Pat", "priya_k"] {
            s.author(a);
        }
        s.counts(
            &[
                ("organizers".to_owned(), 12),
                ("beta-testers".to_owned(), 3),
            ]
            .into(),
            &[("DrivenData Staff".to_owned(), 2)].into(),
        );
        s
    }

    #[test]
    fn slips_are_named_with_what_the_forum_shows() {
        let o = Officials {
            users: vec!["host_boo".into(), "PAT".into()],
            groups: vec!["organisers".into(), "Organizers".into()],
            title: Some("moderator".into()),
        };
        let u = unmatched(&o, &seen());
        let lines: Vec<String> = u.iter().map(Unmatched::message).collect();
        assert_eq!(
            lines,
            [
                "--official-user host_boo matched no author of this crawl's posts; did you mean host_bo?",
                "--official-group organisers matched no post; groups seen on this forum: organizers, beta-testers; did you mean organizers?",
                "--official-title moderator matched no user title; titles seen on this forum: DrivenData Staff",
            ]
        );
        assert!(unmatched(&o, &Seen::default()).is_empty());
        let far = Officials {
            users: vec!["zed".into()],
            ..Officials::default()
        };
        assert_eq!(unmatched(&far, &seen())[0].suggestion, None);
    }

    #[test]
    fn counts_keep_the_largest_run() {
        let mut s = seen();
        s.counts(&[("organizers".to_owned(), 5)].into(), &BTreeMap::new());
        assert_eq!(s.groups["organizers"], 12);
        s.counts(&[("organizers".to_owned(), 20)].into(), &BTreeMap::new());
        assert_eq!(s.groups["organizers"], 20);
    }

    #[test]
    fn flags_quote_what_a_shell_would_split() {
        let o = Officials {
            users: vec!["bo".into()],
            groups: vec!["organizers".into()],
            title: Some("staff|organi[sz]er".into()),
        };
        assert_eq!(
            o.flags(),
            "--official-group organizers --official-user bo --official-title 'staff|organi[sz]er'"
        );
        assert_eq!(Officials::default().flags(), "none");
        assert_eq!(edit_distance("organisers", "organizers"), 1);
    }
}
