//! A Discourse author's role from the post's own fields (`admin`, `moderator`,
//! `group_moderator`, `staff`) and the crawl's configuration (official users,
//! groups and a title pattern), which mark competition hosts.

use regex::Regex;

use super::wire::WirePost;
use crate::error::{Error, Result};
use crate::model::Role;

/// Who counts as a host in one crawl (from `--official-user/-group/-title`).
#[derive(Debug, Clone, Default)]
pub struct RoleRules {
    users: Vec<String>,
    groups: Vec<String>,
    title: Option<Regex>,
}

impl RoleRules {
    /// Builds the rules; user and group names compare case-insensitively.
    pub fn new(users: &[String], groups: &[String], title: Option<&str>) -> Result<RoleRules> {
        let title = title
            .map(|t| {
                Regex::new(&format!("(?i){t}")).map_err(|e| {
                    Error::Input(format!(
                        "--official-title `{t}` is not a valid pattern ({e}); write e.g. 'staff|organi[sz]er'"
                    ))
                })
            })
            .transpose()?;
        Ok(RoleRules {
            users: users.iter().map(|u| u.trim().to_lowercase()).collect(),
            groups: groups.iter().map(|g| g.trim().to_lowercase()).collect(),
            title,
        })
    }

    /// The role of `post`'s author. The forum's own signals come first, the most
    /// specific of them winning (admin, then moderator, then staff); then the
    /// configured host lists; everyone else is a participant.
    pub(crate) fn role(&self, post: &WirePost) -> Role {
        if post.admin {
            return Role::Admin;
        }
        if post.moderator || post.group_moderator {
            return Role::Moderator;
        }
        if post.staff {
            return Role::Staff;
        }
        if self.is_host(post) {
            return Role::Host;
        }
        Role::Participant
    }

    fn is_host(&self, post: &WirePost) -> bool {
        let in_list = |list: &[String], v: Option<&str>| {
            v.is_some_and(|v| list.iter().any(|x| x.eq_ignore_ascii_case(v.trim())))
        };
        in_list(&self.users, post.username.as_deref())
            || in_list(&self.groups, post.primary_group_name.as_deref())
            || in_list(&self.groups, post.flair_name.as_deref())
            || in_list(&self.groups, post.flair_group_name.as_deref())
            || self
                .title
                .as_ref()
                .is_some_and(|re| post.user_title.as_deref().is_some_and(|t| re.is_match(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(json: &str) -> WirePost {
        serde_json::from_str(json).expect("test post parses")
    }

    #[test]
    fn most_specific_forum_role_wins() {
        let r = RoleRules::default();
        let p = |s: &str| r.role(&post(&format!("{{\"id\":1,{s}}}")));
        assert_eq!(p("\"staff\":true,\"admin\":true"), Role::Admin);
        assert_eq!(p("\"staff\":true,\"moderator\":true"), Role::Moderator);
        assert_eq!(p("\"group_moderator\":true"), Role::Moderator);
        assert_eq!(p("\"staff\":true"), Role::Staff);
        assert_eq!(p("\"staff\":null"), Role::Participant);
    }

    #[test]
    fn configured_hosts() {
        let r = RoleRules::new(
            &["Host_Alice".into()],
            &["organizers".into()],
            Some("drivendata staff"),
        )
        .expect("valid rules");
        let p = |s: &str| r.role(&post(&format!("{{\"id\":1,{s}}}")));
        assert_eq!(p("\"username\":\"host_alice\""), Role::Host);
        assert_eq!(p("\"primary_group_name\":\"Organizers\""), Role::Host);
        assert_eq!(p("\"flair_name\":\"organizers\""), Role::Host);
        assert_eq!(p("\"user_title\":\"DrivenData Staff\""), Role::Host);
        assert_eq!(p("\"username\":\"bob\""), Role::Participant);
        assert!(RoleRules::new(&[], &[], Some("(")).is_err());
    }
}
