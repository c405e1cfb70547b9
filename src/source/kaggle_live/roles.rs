//! Roles for Kaggle live posts. The API's messages carry no role, so the
//! role of an author comes from three lists, checked in this order (as the
//! Meta Kaggle import does: staff wins over host): Kaggle staff (tier 5 in an
//! imported Users.csv) → `staff`; the competition's host list
//! (`ListCompetitionHosts`) → `host`; `--official-user` → `host`. Every
//! official post is counted by the list that made it official, for the crawl
//! summary.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::Role;

/// The list that made a post official.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RoleSource {
    /// The competition's host list.
    HostList,
    /// Tier-5 accounts from an imported Meta Kaggle Users.csv.
    KaggleStaff,
    /// `--official-user`.
    OfficialUser,
}

impl RoleSource {
    /// The words the summary uses.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            RoleSource::HostList => "hosts list",
            RoleSource::KaggleStaff => "Kaggle staff",
            RoleSource::OfficialUser => "--official-user",
        }
    }
}

/// The three lists, lower-case names.
#[derive(Debug, Clone, Default)]
pub struct RoleBook {
    /// Tier-5 user names.
    pub staff: BTreeSet<String>,
    /// The host list, once read.
    pub hosts: BTreeSet<String>,
    /// `--official-user`.
    pub official: BTreeSet<String>,
}

impl RoleBook {
    /// A book with the staff and `--official-user` lists (hosts come later).
    #[must_use]
    pub fn new(staff: BTreeSet<String>, official: &[String]) -> RoleBook {
        RoleBook {
            staff,
            hosts: BTreeSet::new(),
            official: official
                .iter()
                .map(|u| u.trim().to_lowercase())
                .filter(|u| !u.is_empty())
                .collect(),
        }
    }

    /// The role of `author`, and the list that made it official.
    #[must_use]
    pub fn role(&self, author: &str) -> (Role, Option<RoleSource>) {
        let name = author.trim().to_lowercase();
        if self.staff.contains(&name) {
            (Role::Staff, Some(RoleSource::KaggleStaff))
        } else if self.hosts.contains(&name) {
            (Role::Host, Some(RoleSource::HostList))
        } else if self.official.contains(&name) {
            (Role::Host, Some(RoleSource::OfficialUser))
        } else {
            (Role::Participant, None)
        }
    }
}

/// Official posts by the list that made them official, and notes on the lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RoleCoverage {
    /// `hosts list`, `Kaggle staff`, `--official-user` → posts.
    pub by_source: BTreeMap<String, u64>,
    /// What limited the lists (a forbidden host list, no staff list).
    pub notes: Vec<String>,
}

impl RoleCoverage {
    /// Counts one official post.
    pub fn count(&mut self, source: RoleSource) {
        *self.by_source.entry(source.label().to_owned()).or_default() += 1;
    }

    /// `official posts: 12 of 340 (hosts list 9, Kaggle staff 2, --official-user 1)`,
    /// and a warning when no post is official.
    #[must_use]
    pub fn lines(&self, posts: u64) -> Vec<String> {
        let official: u64 = self.by_source.values().sum();
        let parts: Vec<String> = [
            RoleSource::HostList,
            RoleSource::KaggleStaff,
            RoleSource::OfficialUser,
        ]
        .iter()
        .map(|s| {
            let n = self.by_source.get(s.label()).copied().unwrap_or(0);
            format!("{} {n}", s.label())
        })
        .collect();
        let mut out = vec![format!(
            "official posts: {official} of {posts} ({})",
            parts.join(", ")
        )];
        out.extend(self.notes.iter().map(|n| format!("note: {n}")));
        if official == 0 && posts > 0 {
            out.push(
                "warning: no post got an official role, so role coverage is thin and the report will find every clause uncovered; name the hosts with --official-user USER, or import Meta Kaggle (Users.csv) for Kaggle staff"
                    .to_owned(),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_wins_then_hosts_then_configured() {
        let mut book = RoleBook::new(
            BTreeSet::from(["kaggle_staffer".to_owned(), "both".to_owned()]),
            &["Olga".to_owned()],
        );
        book.hosts = BTreeSet::from(["alice".to_owned(), "both".to_owned()]);
        assert_eq!(book.role("Both").0, Role::Staff);
        assert_eq!(book.role("ALICE"), (Role::Host, Some(RoleSource::HostList)));
        assert_eq!(
            book.role("olga"),
            (Role::Host, Some(RoleSource::OfficialUser))
        );
        assert_eq!(book.role("pat"), (Role::Participant, None));
    }

    #[test]
    fn summary_lines() {
        let mut c = RoleCoverage::default();
        c.count(RoleSource::HostList);
        c.count(RoleSource::HostList);
        c.count(RoleSource::OfficialUser);
        assert_eq!(
            c.lines(10),
            ["official posts: 3 of 10 (hosts list 2, Kaggle staff 0, --official-user 1)"]
        );
        let thin = RoleCoverage::default().lines(5);
        assert!(thin[1].starts_with("warning: no post got an official role"));
    }
}
