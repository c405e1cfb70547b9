//! The small maps the message stream needs, read from the small Meta Kaggle
//! files: the selected competitions (slug, forum, host organisation), their
//! forums' topics (minus notebook comments) with titles, and, once the authors
//! are known, those users' names and tiers and the host organisations' members.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use csv::ByteRecord;

use super::table::{RowError, Table, field, id_field, opt_id_field};
use crate::error::{Error, Result};
use crate::model::Role;

/// Kaggle's `PerformanceTier` of staff accounts.
pub const STAFF_TIER: u8 = 5;
/// How deep `Forums.ParentForumId` chains are followed to find a competition's forum.
const MAX_FORUM_DEPTH: usize = 8;

/// One selected competition.
#[derive(Debug, Clone)]
pub(crate) struct CompetitionInfo {
    pub(crate) slug: String,
    pub(crate) forum: u64,
    pub(crate) organization: Option<u64>,
}

/// One topic of a selected competition.
#[derive(Debug, Clone)]
pub(crate) struct TopicInfo {
    pub(crate) competition: u32,
    pub(crate) title: String,
    pub(crate) first_message: Option<u64>,
}

/// A user who posted in a selected topic.
#[derive(Debug, Clone)]
pub(crate) struct UserInfo {
    pub(crate) name: String,
    pub(crate) tier: u8,
}

/// Everything known before the messages are streamed.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub(crate) competitions: Vec<CompetitionInfo>,
    pub(crate) topics: HashMap<u64, TopicInfo>,
    pub(crate) users: HashMap<u64, UserInfo>,
    pub(crate) members: HashSet<(u64, u64)>,
    pub(crate) official_users: HashSet<String>,
    /// Every tier-5 user name in Users.csv (lower case), for Kaggle live crawls.
    pub(crate) staff: std::collections::BTreeSet<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) row_errors: Vec<RowError>,
    pub(crate) notebook_topics: usize,
}

impl Catalog {
    /// The author name and role of `user` posting in competition `comp`: tier 5 is
    /// `staff` (even when also a host), then host-organisation members and
    /// `--official-user` names (case-insensitive) are `host`, everyone else `participant`.
    pub(crate) fn author(&self, comp: u32, user: Option<u64>) -> (String, Role) {
        let Some(id) = user else {
            return ("(deleted user)".to_owned(), Role::Participant);
        };
        let info = self.users.get(&id);
        let name = info.map_or_else(|| format!("user-{id}"), |u| u.name.clone());
        let org = self.competitions[comp as usize].organization;
        let role = if info.is_some_and(|u| u.tier == STAFF_TIER) {
            Role::Staff
        } else if org.is_some_and(|o| self.members.contains(&(o, id)))
            || self.official_users.contains(&name.to_lowercase())
        {
            Role::Host
        } else {
            Role::Participant
        };
        (name, role)
    }

    /// Reads Competitions.csv, keeping the selected competitions (all when `wanted` is empty).
    pub(crate) fn read_competitions(&mut self, t: &mut Table, wanted: &[String]) -> Result<()> {
        let (id_c, slug_c, forum_c) = (t.column("Id")?, t.column("Slug")?, t.column("ForumId")?);
        let org_c = t.optional("OrganizationId");
        let wanted: Vec<String> = wanted.iter().map(|s| s.trim().to_lowercase()).collect();
        let mut found: HashSet<String> = HashSet::new();
        let mut all_slugs = Vec::new();
        let mut no_forum = Vec::new();
        let mut rec = ByteRecord::new();
        while let Some(()) = self.row(t, &mut rec)? {
            let row = (|| -> std::result::Result<_, String> {
                id_field(&rec, id_c, "Id")?;
                let slug = field(&rec, slug_c)?.to_owned();
                let forum = opt_id_field(&rec, Some(forum_c), "ForumId")?;
                let org = opt_id_field(&rec, org_c, "OrganizationId")?;
                Ok((slug, forum, org))
            })();
            let (slug, forum, organization) = match row {
                Ok(r) => r,
                Err(reason) => {
                    self.row_errors.push(t.row_error(&rec, reason));
                    continue;
                }
            };
            let key = slug.to_lowercase();
            all_slugs.push(key.clone());
            if !wanted.is_empty() && !wanted.contains(&key) {
                continue;
            }
            found.insert(key);
            match forum {
                Some(forum) => self.competitions.push(CompetitionInfo {
                    slug,
                    forum,
                    organization,
                }),
                None => no_forum.push(slug),
            }
        }
        if let Some(missing) = wanted.iter().find(|w| !found.contains(*w)) {
            return Err(Error::KaggleUnknownCompetition {
                slug: missing.clone(),
                file: t.path.clone(),
                hint: closest(missing, &all_slugs)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default(),
            });
        }
        self.note_without_forum(&no_forum, wanted.is_empty());
        Ok(())
    }

    fn note_without_forum(&mut self, no_forum: &[String], all: bool) {
        if no_forum.is_empty() {
            return;
        }
        if all {
            self.notes.push(format!(
                "skipped {} without a forum (empty `ForumId` in Competitions.csv)",
                crate::report::plural(no_forum.len() as u64, "competition")
            ));
        } else {
            for slug in no_forum {
                self.notes.push(format!(
                    "skipped competition `{slug}`: Competitions.csv gives it no `ForumId` (too new for this export?)"
                ));
            }
        }
    }

    /// Reads ForumTopics.csv, keeping the selected competitions' topics that are not notebook comments.
    /// `parents` maps a forum to its parent forum (from Forums.csv), to find sub-forums.
    pub(crate) fn read_topics(&mut self, t: &mut Table, parents: &HashMap<u64, u64>) -> Result<()> {
        let (id_c, forum_c, title_c) = (t.column("Id")?, t.column("ForumId")?, t.column("Title")?);
        let (kernel_c, first_c) = (t.optional("KernelId"), t.optional("FirstForumMessageId"));
        let by_forum: HashMap<u64, u32> = (0u32..)
            .zip(&self.competitions)
            .map(|(i, c)| (c.forum, i))
            .collect();
        let comp_of = |mut forum: u64| {
            for _ in 0..MAX_FORUM_DEPTH {
                if let Some(&c) = by_forum.get(&forum) {
                    return Some(c);
                }
                forum = *parents.get(&forum)?;
            }
            None
        };
        let mut rec = ByteRecord::new();
        while let Some(()) = self.row(t, &mut rec)? {
            let row = (|| -> std::result::Result<_, String> {
                let forum = id_field(&rec, forum_c, "ForumId")?;
                let Some(comp) = comp_of(forum) else {
                    return Ok(None);
                };
                let id = id_field(&rec, id_c, "Id")?;
                let notebook = kernel_c.is_some_and(|k| !rec[k].trim_ascii().is_empty());
                let first = opt_id_field(&rec, first_c, "FirstForumMessageId")?;
                Ok(Some((id, comp, notebook, first, field(&rec, title_c)?)))
            })();
            match row {
                Ok(None) => {}
                Ok(Some((_, _, true, _, _))) => self.notebook_topics += 1,
                Ok(Some((id, competition, false, first_message, title))) => {
                    let title = title.to_owned();
                    self.topics.insert(
                        id,
                        TopicInfo {
                            competition,
                            title,
                            first_message,
                        },
                    );
                }
                Err(reason) => self.row_errors.push(t.row_error(&rec, reason)),
            }
        }
        Ok(())
    }

    /// Reads Users.csv, keeping only `needed` users.
    pub(crate) fn read_users(&mut self, t: &mut Table, needed: &HashSet<u64>) -> Result<()> {
        let (id_c, name_c) = (t.column("Id")?, t.column("UserName")?);
        let tier_c = t.column("PerformanceTier")?;
        let mut rec = ByteRecord::new();
        while let Some(()) = self.row(t, &mut rec)? {
            let row = (|| -> std::result::Result<_, String> {
                // `STAFF_TIER` as the file writes it, tested on every row before any parse.
                if rec.get(tier_c).is_some_and(|t| t.trim_ascii() == b"5")
                    && let Ok(name) = field(&rec, name_c)
                {
                    self.staff.insert(name.trim().to_lowercase());
                }
                let id = id_field(&rec, id_c, "Id")?;
                if !needed.contains(&id) {
                    return Ok(None);
                }
                let tier = opt_id_field(&rec, Some(tier_c), "PerformanceTier")?.unwrap_or(0);
                let name = field(&rec, name_c)?.to_owned();
                Ok(Some((id, name, u8::try_from(tier).unwrap_or(u8::MAX))))
            })();
            match row {
                Ok(Some((id, name, tier))) => {
                    self.users.insert(id, UserInfo { name, tier });
                }
                Ok(None) => {}
                Err(reason) => self.row_errors.push(t.row_error(&rec, reason)),
            }
        }
        Ok(())
    }

    /// The organisations that host the selected competitions.
    pub(crate) fn organizations(&self) -> HashSet<u64> {
        self.competitions
            .iter()
            .filter_map(|c| c.organization)
            .collect()
    }

    /// Reads UserOrganizations.csv, keeping members of the selected competitions' organisations.
    pub(crate) fn read_members(&mut self, t: &mut Table) -> Result<()> {
        let (user_c, org_c) = (t.column("UserId")?, t.column("OrganizationId")?);
        let orgs = self.organizations();
        let mut rec = ByteRecord::new();
        while let Some(()) = self.row(t, &mut rec)? {
            let row = (|| -> std::result::Result<_, String> {
                let org = id_field(&rec, org_c, "OrganizationId")?;
                Ok((org, id_field(&rec, user_c, "UserId")?))
            })();
            match row {
                Ok((org, user)) if orgs.contains(&org) => {
                    self.members.insert((org, user));
                }
                Ok(_) => {}
                Err(reason) => self.row_errors.push(t.row_error(&rec, reason)),
            }
        }
        Ok(())
    }

    /// Reads Organizations.csv to say, per selected competition, which organisation's members are hosts.
    pub(crate) fn note_hosts(&mut self, t: &mut Table) -> Result<()> {
        let (id_c, name_c) = (t.column("Id")?, t.column("Name")?);
        let mut names: HashMap<u64, String> = HashMap::new();
        let wanted = self.organizations();
        let mut rec = ByteRecord::new();
        while let Some(()) = self.row(t, &mut rec)? {
            if let Ok(id) = id_field(&rec, id_c, "Id")
                && wanted.contains(&id)
            {
                names.insert(id, field(&rec, name_c).unwrap_or_default().to_owned());
            }
        }
        if self.competitions.len() > 3 {
            return Ok(());
        }
        for c in &self.competitions {
            let Some(org) = c.organization else { continue };
            let members = self.members.iter().filter(|(o, _)| *o == org).count();
            let name = names.get(&org).map_or("?", String::as_str);
            self.notes.push(format!(
                "hosts of `{}`: members of organisation `{name}` (id {org}, {})",
                c.slug,
                crate::report::plural(members as u64, "account")
            ));
        }
        Ok(())
    }

    /// The next row of `t`, recording malformed rows; `None` at the end.
    fn row(&mut self, t: &mut Table, rec: &mut ByteRecord) -> Result<Option<()>> {
        loop {
            match t.next_row(rec) {
                Ok(true) => return Ok(Some(())),
                Ok(false) => return Ok(None),
                Err(Ok(row_error)) => self.row_errors.push(row_error),
                Err(Err(e)) => return Err(e),
            }
        }
    }
}

/// Reads Forums.csv into a child → parent map.
pub(crate) fn read_forum_parents(
    t: &mut Table,
    errors: &mut Vec<RowError>,
) -> Result<HashMap<u64, u64>> {
    let (id_c, parent_c) = (t.column("Id")?, t.column("ParentForumId")?);
    let mut parents = HashMap::new();
    let mut rec = ByteRecord::new();
    loop {
        match t.next_row(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Ok(parents),
            Err(Ok(e)) => {
                errors.push(e);
                continue;
            }
            Err(Err(e)) => return Err(e),
        }
        let row = id_field(&rec, id_c, "Id")
            .and_then(|id| Ok((id, opt_id_field(&rec, Some(parent_c), "ParentForumId")?)));
        match row {
            Ok((id, Some(parent))) => {
                parents.insert(id, parent);
            }
            Ok((_, None)) => {}
            Err(reason) => errors.push(t.row_error(&rec, reason)),
        }
    }
}

/// The known slug closest to `slug` (by shared prefix, then containment), if any is close.
fn closest<'a>(slug: &str, known: &'a [String]) -> Option<&'a str> {
    let prefix = |k: &str| {
        k.bytes()
            .zip(slug.bytes())
            .take_while(|(a, b)| a == b)
            .count()
    };
    known
        .iter()
        .filter(|k| k.contains(slug) || slug.contains(k.as_str()) || prefix(k) >= 4)
        .max_by_key(|k| (prefix(k), std::cmp::Reverse(k.len())))
        .map(String::as_str)
}

/// Whether `dir` looks like a Meta Kaggle folder at all (for a clearer error).
pub(crate) fn check_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else if !dir.exists() {
        Err(Error::Input(format!(
            "{}: no such folder; give the folder holding the Meta Kaggle CSV files (Competitions.csv, ForumTopics.csv, ForumMessages.csv, Users.csv)",
            dir.display()
        )))
    } else {
        Err(Error::Input(format!(
            "{}: not a folder; give the folder holding the Meta Kaggle CSV files (Competitions.csv, ForumTopics.csv, ForumMessages.csv, Users.csv)",
            dir.display()
        )))
    }
}
