//! `rulegap crawl URL...`: fetch a forum politely into the archive and the
//! index. Picks the source from the URL (Discourse, a Hacker News item, a
//! GitHub issue or pull request, a Kaggle competition's discussion), its
//! default politeness, and the credential: `GITHUB_TOKEN` for GitHub (optional),
//! Kaggle's API credential where Kaggle's tools keep it (required).

// Doc comments here are `--help` text, read in a terminal: URLs stay bare.
#![allow(rustdoc::bare_urls)]

use std::io::Write;
use std::time::Duration;

use anyhow::Context;
use clap::Args;

use super::output::stderr_is_terminal;
use super::{Globals, Outcome, UsageError};
use crate::crawl::officials::{self, Officials};
use crate::crawl::state::CrawlSettings;
use crate::crawl::{
    CrawlSpec, Crawler, Credential, DEFAULT_DELAY, Feedback, FetchOptions, MAX_IN_FLIGHT, Secret,
    Summary,
};
use crate::datadir::State;
use crate::error::Error;
use crate::index::Store;
use crate::source::kaggle_live::{self, credentials};
use crate::source::{discourse, github, hackernews};

/// Default interval between two requests to the Hacker News API. Its README
/// states no rate limit; 100 ms (at most 10 requests a second, 2 in flight)
/// keeps a 1,000-comment thread under two minutes and the load negligible.
pub(crate) const HN_DELAY: std::time::Duration = std::time::Duration::from_millis(100);
/// The most requests in flight to one host that `--max-in-flight` accepts.
pub(crate) const MAX_IN_FLIGHT_LIMIT: usize = 8;

/// Which adapter reads the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SourceKind {
    /// Recognise the URL (probe `/site.json` for unknown hosts).
    #[default]
    Auto,
    /// A Discourse forum.
    Discourse,
    /// A Hacker News item.
    Hn,
    /// A GitHub issue or pull request.
    Github,
    /// A Kaggle competition's discussion (or one topic) through Kaggle's API.
    Kaggle,
}

/// Arguments of `rulegap crawl`.
#[derive(Debug, Args)]
pub struct CrawlArgs {
    /// Forum URLs: a Discourse site root, category (/c/slug/id) or topic (/t/slug/id);
    /// https://news.ycombinator.com/item?id=N; https://github.com/OWNER/REPO/issues/N (or /pull/N;
    /// GITHUB_TOKEN is sent to the API when set); https://www.kaggle.com/competitions/SLUG/discussion
    /// (or …/discussion/ID; needs KAGGLE_API_TOKEN, KAGGLE_USERNAME + KAGGLE_KEY or ~/.kaggle/kaggle.json).
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,
    /// Which adapter reads the URLs.
    #[arg(long, value_enum, default_value_t = SourceKind::Auto)]
    pub source: SourceKind,
    /// Competition slug (default for Discourse: each topic's category slug; for Kaggle: the URL's;
    /// required for hn and github).
    #[arg(long, value_name = "SLUG", value_parser = parse_slug)]
    pub competition: Option<String>,
    /// Accounts to treat as hosts (repeatable). The --official-* options are remembered: a later
    /// crawl of the same URLs given none of them reuses them (a new URL of the same Discourse
    /// forum, those of its last crawl); giving any replaces them all.
    #[arg(long = "official-user", value_name = "USER")]
    pub official_users: Vec<String>,
    /// Forum groups (Discourse primary_group_name) whose members are hosts (repeatable).
    #[arg(long = "official-group", value_name = "GROUP")]
    pub official_groups: Vec<String>,
    /// A pattern on the displayed user title that marks officials.
    #[arg(long = "official-title", value_name = "REGEX")]
    pub official_title: Option<String>,
    /// Forget the remembered --official-* settings: only those given now count (none if none).
    #[arg(long)]
    pub official_reset: bool,
    /// Minimum interval between requests to one host (e.g. 1s, 250ms, 0) [default: 1s; hn: 100ms].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub delay: Option<Duration>,
    /// Start over instead of resuming or refreshing.
    #[arg(long)]
    pub fresh: bool,
    /// API base URL override (tests, mirrors, GitHub Enterprise): default
    /// https://hacker-news.firebaseio.com, https://api.github.com (Enterprise: https://HOST/api/v3),
    /// https://api.kaggle.com.
    #[arg(long, value_name = "URL")]
    pub api_base: Option<String>,
    /// Requests in flight to one host at most (1 to 8: more would strain a forum).
    #[arg(long, value_name = "N", default_value_t = MAX_IN_FLIGHT,
          value_parser = parse_in_flight)]
    pub max_in_flight: usize,
    /// Extra text for the User-Agent (e.g. a contact address).
    #[arg(long, value_name = "TEXT")]
    pub user_agent: Option<String>,
    /// No progress output.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print a machine-readable summary at the end.
    #[arg(long)]
    pub json: bool,
    /// Request timeout (e.g. 30s).
    #[arg(long, value_name = "DURATION", value_parser = parse_timeout, default_value = "30s")]
    pub timeout: Duration,
}

fn parse_in_flight(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_IN_FLIGHT_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{s}` is not between 1 and {MAX_IN_FLIGHT_LIMIT}; more would not be polite"
        )),
    }
}

/// A competition slug: letters, digits, `-`, `_` and `.`.
pub(crate) fn parse_slug(s: &str) -> Result<String, String> {
    if crate::model::is_plain_name(s) {
        Ok(s.to_owned())
    } else {
        Err("a competition slug may only contain letters, digits, `-`, `_` and `.` (e.g. fish-2027)".into())
    }
}

/// A request timeout: a duration above zero.
pub(super) fn parse_timeout(s: &str) -> Result<Duration, String> {
    let d =
        parse_duration(s).map_err(|_| format!("`{s}` is not a timeout; write e.g. 30s or 2m"))?;
    match d {
        Duration::ZERO => Err("a timeout of 0 would fail every request; give e.g. 30s".into()),
        d => Ok(d),
    }
}

/// Parses `1s`, `250ms`, `2m`, or a bare number of seconds; `0` means no delay.
pub(crate) fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map_or((s, ""), |i| (&s[..i], &s[i..]));
    let value: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration; write e.g. 1s, 250ms or 0"))?;
    let secs = match unit.trim() {
        "" | "s" => value,
        "ms" => value / 1000.0,
        "m" | "min" => value * 60.0,
        other => return Err(format!("unknown unit `{other}` in `{s}`; use ms, s or m")),
    };
    if !secs.is_finite() || secs < 0.0 {
        return Err(format!("`{s}` is not a valid duration"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// When this crawl ran before with other official roles or another
/// competition, says so and re-reads its archived pages with the new settings
/// first: the crawl itself skips unchanged topics, whose stored posts would
/// keep the old roles.
fn reread_if_settings_changed(
    g: &Globals,
    spec: &CrawlSpec,
    writer: &mut crate::index::StoreWriter,
) -> anyhow::Result<()> {
    let new = &spec.settings;
    let Some(old) = CrawlSettings::load(&g.data, &new.id)? else {
        return Ok(());
    };
    let changes = settings_changes(&old, new);
    if changes.is_empty() {
        return Ok(());
    }
    let mut line = format!(
        "settings changed since the last crawl of {} ({})",
        new.start_urls.join(" "),
        changes.join("; ")
    );
    if !spec.fresh {
        let stats = crate::crawl::replay::replay_crawl(&g.data, new, writer)?;
        if stats.pages > 0 {
            line.push_str(&format!(
                ": re-read {} archived pages ({} posts) with the new ones",
                stats.pages, stats.posts
            ));
        }
    }
    if Officials::of(&old) != Officials::of(new) {
        line.push_str(if Officials::of(new).is_empty() {
            "; no official accounts are remembered for it now"
        } else {
            "; the new official accounts are remembered for later crawls of it"
        });
    }
    eprintln!("{line}");
    Ok(())
}

/// What differs between two crawls' settings, as "official users: a → b".
fn settings_changes(old: &CrawlSettings, new: &CrawlSettings) -> Vec<String> {
    fn list(v: &[String]) -> String {
        if v.is_empty() {
            "none".to_owned()
        } else {
            v.join(", ")
        }
    }
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_owned());
    let mut changes = Vec::new();
    let lists = [
        ("official users", &old.official_users, &new.official_users),
        (
            "official groups",
            &old.official_groups,
            &new.official_groups,
        ),
    ];
    for (what, o, n) in lists {
        if o != n {
            changes.push(format!("{what}: {} → {}", list(o), list(n)));
        }
    }
    if old.official_title != new.official_title {
        changes.push(format!(
            "official title: {} → {}",
            opt(&old.official_title),
            opt(&new.official_title)
        ));
    }
    if old.competition != new.competition {
        changes.push(format!(
            "competition: {} → {}",
            opt(&old.competition),
            opt(&new.competition)
        ));
    }
    changes
}

/// A crawl given no `--official-*` option (and no `--official-reset`) takes
/// the ones remembered for it, or for the last crawl of the same forum.
fn reuse_remembered(
    g: &Globals,
    a: &CrawlArgs,
    settings: &mut CrawlSettings,
) -> anyhow::Result<()> {
    if a.official_reset || !Officials::of(settings).is_empty() {
        return Ok(());
    }
    let Some(r) = officials::remembered(&g.data, settings)? else {
        return Ok(());
    };
    if r.officials.is_empty() {
        return Ok(());
    }
    let flags = r.officials.flags();
    let how = "any --official-* option replaces them; --official-reset clears them";
    match &r.from {
        None if !a.quiet => eprintln!(
            "rulegap: using the official accounts remembered for this crawl: {flags} ({how})"
        ),
        None => {}
        Some(urls) => eprintln!(
            "rulegap: using the official accounts of the last crawl of this forum ({}): {flags} ({how})",
            urls.join(" ")
        ),
    }
    r.officials.set_on(settings);
    Ok(())
}

pub(super) fn crawl(g: &Globals, a: CrawlArgs) -> anyhow::Result<Outcome> {
    let source = resolve_source(&a)?;
    if source != "discourse" && (!a.official_groups.is_empty() || a.official_title.is_some()) {
        let name = match source {
            "hn" => "Hacker News",
            "github" => "GitHub",
            "kaggle" => "Kaggle",
            other => other,
        };
        return Err(UsageError(format!(
            "--official-group and --official-title read a Discourse forum's user groups and titles; {name} has neither, so name its officials with --official-user NAME"
        ))
        .into());
    }
    check_arguments(&a)?;
    let (auth, auth_origin) = credential(source)?;
    let mut settings = CrawlSettings {
        id: CrawlSettings::id_for(source, &a.urls),
        source: source.to_owned(),
        start_urls: a.urls.clone(),
        competition: a.competition.clone(),
        official_users: a.official_users.clone(),
        official_groups: a.official_groups.clone(),
        official_title: a.official_title.clone(),
        api_base: a.api_base.clone(),
    };
    reuse_remembered(g, &a, &mut settings)?;
    let told = !Officials::of(&settings).is_empty();
    let spec = CrawlSpec {
        recognised: a.source == SourceKind::Discourse
            || source == "kaggle"
            || a.urls
                .iter()
                .all(|u| url::Url::parse(u).is_ok_and(|u| discourse::looks_like_discourse(&u))),
        settings,
        fetch: FetchOptions {
            delay: a.delay.unwrap_or(if source == "hn" {
                HN_DELAY
            } else {
                DEFAULT_DELAY
            }),
            timeout: a.timeout,
            user_agent_extra: a.user_agent.clone(),
            max_in_flight: a.max_in_flight,
            auth,
            ..FetchOptions::default()
        },
        fresh: a.fresh,
    };
    let store = Store::open(&g.data)?;
    let mut writer = store.writer()?;
    crate::analysis::install_annotator(&mut writer, g.queries.as_deref())?;
    let feedback = Feedback::new(a.quiet, stderr_is_terminal());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the network runtime")?;
    reread_if_settings_changed(g, &spec, &mut writer)?;
    let crawler = Crawler::new(spec, &g.data, &mut writer, feedback)?;
    let sum = runtime
        .block_on(crawler.run())
        .map_err(|e| name_origin(e, auth_origin.as_deref()))?;
    writer.finish()?;
    State::update(&g.data, |s| {
        s.last_crawl = Some(jiff::Timestamp::now());
        s.failed_pages = sum.failed();
    })?;
    print_summary(&sum, &a, told)?;
    if sum.interrupted {
        eprintln!(
            "rulegap: crawl interrupted after {} pages; what was fetched is kept; run the same command again to resume",
            sum.pages
        );
        return Ok(Outcome::Interrupted);
    }
    // No post read, none found unchanged: every page that could hold one
    // failed (a site's /site.json alone does not make a crawl).
    let nothing = sum.posts == 0 && sum.unchanged_topics == 0 && sum.not_modified == 0;
    if nothing && sum.failed() > 0 {
        anyhow::bail!(
            "nothing was crawled: {} failed (see above); check the URL, --source and that the forum is reachable",
            match (sum.pages, sum.failed()) {
                (0, 1) => "the only page".to_owned(),
                (0, n) => format!("all {n} pages"),
                (_, 1) => "the one page with posts".to_owned(),
                (_, n) => format!("all {n} pages with posts"),
            }
        );
    }
    Ok(if sum.failed() > 0 {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

/// The credential a source sends, and where it came from: `GITHUB_TOKEN` when
/// set; Kaggle's, which its API requires (none is an error saying where to put one).
fn credential(source: &str) -> Result<(Option<Credential>, Option<String>), Error> {
    match source {
        "github" => Ok((
            std::env::var(github::TOKEN_ENV)
                .ok()
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .map(|t| Credential::Bearer(Secret::new(t))),
            None,
        )),
        "kaggle" => {
            let found = credentials::find(&|k| std::env::var(k).ok())?;
            Ok((Some(found.credential), Some(found.origin)))
        }
        _ => Ok((None, None)),
    }
}

/// A refused Kaggle credential's message names where it came from (never its value).
fn name_origin(e: Error, origin: Option<&str>) -> Error {
    match (e, origin) {
        (Error::KaggleCredentials { problem, fix }, Some(o)) => Error::KaggleCredentials {
            problem: format!("{problem}; it came from {o}"),
            fix,
        },
        (e, _) => e,
    }
}

/// The URLs and the `--official-title` pattern, checked before anything is
/// fetched: a typo there is a usage error (exit 2), not a failed crawl.
fn check_arguments(a: &CrawlArgs) -> Result<(), UsageError> {
    for u in &a.urls {
        let url = match url::Url::parse(u.trim()) {
            Ok(url) => url,
            Err(e) => {
                return Err(UsageError(format!(
                    "`{u}` is not a URL ({e}); write the forum address with https://"
                )));
            }
        };
        let host = url.host_str().unwrap_or("");
        if (host == "github.com" || host == "www.github.com")
            && github::IssueRef::parse(&url).is_none()
        {
            return Err(UsageError(format!(
                "cannot crawl {u}: give one GitHub issue or pull request, https://github.com/OWNER/REPO/issues/N"
            )));
        }
    }
    if let Some(t) = &a.official_title
        && let Err(e) = regex::Regex::new(&format!("(?i){t}"))
    {
        return Err(UsageError(format!(
            "--official-title `{t}` is not a valid pattern ({e}); write e.g. 'staff|organi[sz]er'"
        )));
    }
    Ok(())
}

/// The adapter for the URLs (one kind per crawl), and the checks that need no I/O.
fn resolve_source(a: &CrawlArgs) -> anyhow::Result<&'static str> {
    let kind = |u: &str| -> &'static str {
        let Ok(url) = url::Url::parse(u.trim()) else {
            return "discourse";
        };
        let host = url.host_str().unwrap_or("");
        if hackernews::item_id(&url).is_some() {
            "hn"
        } else if kaggle_live::is_kaggle(&url) {
            "kaggle"
        } else if (host == "github.com" || host == "www.github.com")
            && github::IssueRef::parse(&url).is_some()
        {
            "github"
        } else {
            "discourse"
        }
    };
    let source = match a.source {
        SourceKind::Hn => "hn",
        SourceKind::Github => "github",
        SourceKind::Kaggle => "kaggle",
        SourceKind::Discourse => "discourse",
        SourceKind::Auto => {
            let kinds: Vec<&str> = a.urls.iter().map(|u| kind(u)).collect();
            if kinds.iter().any(|k| *k != kinds[0]) {
                return Err(UsageError(format!(
                    "the URLs given are of different kinds ({}); crawl Discourse, Hacker News, GitHub and Kaggle URLs in separate commands",
                    kinds.join(", ")
                )).into());
            }
            kinds[0]
        }
    };
    let name = match source {
        "hn" => "Hacker News",
        "github" => "GitHub",
        "kaggle" => {
            for u in &a.urls {
                let ok = url::Url::parse(u.trim())
                    .ok()
                    .and_then(|u| kaggle_live::parse_web(&u))
                    .is_some();
                if !ok {
                    return Err(UsageError(format!(
                        "cannot crawl {u} as Kaggle: give a competition's discussion, https://www.kaggle.com/competitions/SLUG/discussion, or one topic, …/discussion/ID (add a rules page with `rulegap doc add URL`)"
                    )).into());
                }
            }
            return Ok(source);
        }
        _ => {
            if a.api_base.is_some() {
                return Err(UsageError(
                    "--api-base applies to Hacker News, GitHub and Kaggle crawls; a Discourse forum is crawled at the URL given"
                        .to_owned(),
                )
                .into());
            }
            return Ok(source);
        }
    };
    if a.competition.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(UsageError(format!(
            "--competition is required for {name} crawls: a {name} thread belongs to no competition of its own (Discourse has categories), and every post is filed under one; add e.g. `--competition my-competition`"
        )).into());
    }
    Ok(source)
}

/// Prints the summary (`--json` on stdout; the lines on stderr unless
/// `--quiet`), then the warnings whatever `--quiet` says. `told`: the crawl
/// had official-account settings (given or remembered).
fn print_summary(sum: &Summary, a: &CrawlArgs, told: bool) -> anyhow::Result<()> {
    if a.json {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, sum)?;
        writeln!(out)?;
    }
    if !a.quiet {
        for line in crate::crawl::render_text(sum) {
            eprintln!("{line}");
        }
        if let Some(note) = groups_note(sum, told) {
            eprintln!("{note}");
        }
    }
    for line in crate::crawl::warnings(sum) {
        eprintln!("{line}");
    }
    Ok(())
}

/// When the crawl was told of no host group, user or title, names the forum
/// groups participants' posts carry: a host group missed makes every host a
/// participant and the report badly wrong.
fn groups_note(sum: &Summary, told: bool) -> Option<String> {
    if told || sum.participant_groups.is_empty() {
        return None;
    }
    let mut groups: Vec<(&String, &u64)> = sum.participant_groups.iter().collect();
    groups.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    let list: Vec<String> = groups
        .iter()
        .take(8)
        .map(|(g, n)| format!("{g} ({n} posts)"))
        .collect();
    Some(format!(
        "note: posts by non-staff authors carry these forum groups: {}. If one of them is the competition's hosts, crawl again with `--official-group NAME`: unchanged topics are not fetched again, their stored posts get the new roles.",
        list.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1s"), Ok(Duration::from_secs(1)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("3h").is_err());
        assert!(parse_timeout("0").is_err());
        assert_eq!(parse_timeout("2s"), Ok(Duration::from_secs(2)));
    }
}
