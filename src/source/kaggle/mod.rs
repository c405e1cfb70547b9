//! The Meta Kaggle CSV export (SOURCES.md §3) as posts.
//!
//! `KaggleExport::open` checks every file's header and the `--competition`
//! slugs, then reads the small files (competitions, forums, topics) into maps;
//! any structural problem is an error before anything is written.
//! `load_authors` streams ForumMessages.csv once for the ids of the users who
//! posted in the selected topics, so only they are kept from the (large)
//! Users.csv, along with the host organisations' members. `messages` then
//! streams ForumMessages.csv again as `Post`s, with bounded memory.

mod catalog;
mod dates;
mod html;
mod messages;
mod staff;
mod table;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use csv::ByteRecord;

pub use catalog::STAFF_TIER;
pub use html::kaggle_html_to_body;
pub use messages::{KAGGLE, Messages, body, thread_url};
pub use staff::{add_staff, load_staff};
pub use table::RowError;

use catalog::{Catalog, check_dir, read_forum_parents};
use messages::MessageColumns;
use table::{Table, opt_id_field, parse_id};

use crate::error::Result;

/// File names of the export.
pub const COMPETITIONS: &str = "Competitions.csv";
/// Forums, for sub-forum parents (optional).
pub const FORUMS: &str = "Forums.csv";
/// Topics: titles and notebook flags.
pub const FORUM_TOPICS: &str = "ForumTopics.csv";
/// The messages (about 1.8 GB).
pub const FORUM_MESSAGES: &str = "ForumMessages.csv";
/// Users: names and tiers.
pub const USERS: &str = "Users.csv";
/// Organisations (optional): names of host organisations.
pub const ORGANIZATIONS: &str = "Organizations.csv";
/// Organisation memberships (optional): who is a host.
pub const USER_ORGANIZATIONS: &str = "UserOrganizations.csv";

/// Which competitions to import and whom to treat as hosts.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Competition slugs; empty = all competitions with a forum.
    pub competitions: Vec<String>,
    /// Kaggle user names (case-insensitive) to treat as `host`.
    pub official_users: Vec<String>,
}

/// An opened, checked export.
pub struct KaggleExport {
    dir: PathBuf,
    catalog: Catalog,
    messages: Table,
    cols: MessageColumns,
    users: Table,
    memberships: Option<Table>,
    organizations: Option<Table>,
}

impl KaggleExport {
    /// Checks every file's header and the selection, and reads competitions, forums and topics.
    pub fn open(dir: &Path, sel: &Selection) -> Result<KaggleExport> {
        check_dir(dir)?;
        let mut competitions = Table::open(dir, COMPETITIONS)?;
        let forums = Table::open_optional(dir, FORUMS)?;
        let mut topics = Table::open(dir, FORUM_TOPICS)?;
        let messages = Table::open(dir, FORUM_MESSAGES)?;
        let cols = MessageColumns::find(&messages)?;
        let users = Table::open(dir, USERS)?;
        for c in ["Id", "UserName", "PerformanceTier"] {
            users.column(c)?;
        }
        let memberships = Table::open_optional(dir, USER_ORGANIZATIONS)?;
        if let Some(m) = &memberships {
            m.column("UserId")?;
            m.column("OrganizationId")?;
        }
        let organizations = Table::open_optional(dir, ORGANIZATIONS)?;
        if let Some(o) = &organizations {
            o.column("Id")?;
            o.column("Name")?;
        }
        for c in ["Id", "ForumId", "Title"] {
            topics.column(c)?;
        }

        let mut catalog = Catalog {
            official_users: sel
                .official_users
                .iter()
                .map(|u| u.trim().to_lowercase())
                .collect(),
            ..Catalog::default()
        };
        catalog.read_competitions(&mut competitions, &sel.competitions)?;
        let parents = match forums {
            Some(mut f) => read_forum_parents(&mut f, &mut catalog.row_errors)?,
            None => Default::default(),
        };
        catalog.read_topics(&mut topics, &parents)?;
        if catalog.notebook_topics > 0 {
            catalog.notes.push(format!(
                "left out {} notebook-comment topics (non-empty `KernelId`)",
                catalog.notebook_topics
            ));
        }
        Ok(KaggleExport {
            dir: dir.to_path_buf(),
            catalog,
            messages,
            cols,
            users,
            memberships,
            organizations,
        })
    }

    /// The slugs of the selected competitions that have a forum.
    #[must_use]
    pub fn competitions(&self) -> Vec<String> {
        self.catalog
            .competitions
            .iter()
            .map(|c| c.slug.clone())
            .collect()
    }

    /// How many topics of the selected competitions will be read.
    #[must_use]
    pub fn topics(&self) -> usize {
        self.catalog.topics.len()
    }

    /// Size of ForumMessages.csv in bytes.
    #[must_use]
    pub fn messages_bytes(&self) -> u64 {
        self.messages.len()
    }

    /// Reads ForumMessages.csv once for who posted in the selected topics (calling
    /// `progress(bytes read, rows read)` now and then), then keeps just those users
    /// from Users.csv and the host organisations' members. Returns the number of
    /// selected messages.
    pub fn load_authors(&mut self, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let mut scan = Table::open(&self.dir, FORUM_MESSAGES)?;
        let mut needed: HashSet<u64> = HashSet::new();
        let mut rec = ByteRecord::new();
        let (mut rows, mut selected) = (0u64, 0u64);
        loop {
            match scan.next_row(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(Ok(_)) => continue, // reported by the second pass
                Err(Err(e)) => return Err(e),
            }
            rows += 1;
            if rows % 16_384 == 0 {
                progress(scan.bytes_read(), rows);
            }
            let Ok(Some(topic)) = parse_id(&rec[self.cols.topic]) else {
                continue;
            };
            if self.catalog.topics.contains_key(&topic) {
                selected += 1;
                if let Ok(Some(user)) = opt_id_field(&rec, Some(self.cols.user), "PostUserId") {
                    needed.insert(user);
                }
            }
        }
        progress(scan.bytes_read(), rows);
        self.catalog.read_users(&mut self.users, &needed)?;
        if let Some(m) = &mut self.memberships {
            self.catalog.read_members(m)?;
        } else if !self.catalog.organizations().is_empty() {
            self.catalog.notes.push(format!(
                "{USER_ORGANIZATIONS} not found: members of the host organisations are imported as participants; add the file, or name hosts with --official-user"
            ));
        }
        if let Some(o) = &mut self.organizations {
            self.catalog.note_hosts(o)?;
        }
        Ok(selected)
    }

    /// The user names of every staff account (tier 5) in Users.csv, read by `load_authors`.
    #[must_use]
    pub fn staff(&self) -> &std::collections::BTreeSet<String> {
        &self.catalog.staff
    }

    /// Notes for the end-of-run summary (skipped competitions, notebook topics, host organisations).
    #[must_use]
    pub fn notes(&self) -> &[String] {
        &self.catalog.notes
    }

    /// Rows of the small files that were skipped.
    #[must_use]
    pub fn row_errors(&self) -> &[RowError] {
        &self.catalog.row_errors
    }

    /// The message stream (call `load_authors` first, or every author is unknown).
    #[must_use]
    pub fn messages(self) -> Messages {
        Messages::new(self.catalog, self.messages, self.cols)
    }
}
