//! Writes a synthetic Meta-Kaggle-shaped export for the benchmark: the seven
//! CSV files with the real column sets, many competitions, sub-forums,
//! notebook-comment topics, both date formats, float-formatted reply ids,
//! `RawMarkdown` on most rows, and the bodies of `bodies.rs`, at about 900
//! bytes a row (the real ForumMessages.csv: about 1.8 GB for about 2 million rows).
//! Deterministic: the same `--messages N` always gives the same files.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use csv::Writer;

use crate::bodies::{Rng, message, sentence, vocabulary};

/// Sizes derived from the number of messages.
pub(crate) struct Shape {
    pub(crate) messages: u64,
    pub(crate) competitions: u64,
    pub(crate) topics: u64,
    pub(crate) users: u64,
}

impl Shape {
    pub(crate) fn for_messages(messages: u64) -> Shape {
        Shape {
            messages,
            competitions: (messages / 4_000).max(20),
            topics: (messages / 12).max(50),
            users: (messages / 10).max(500),
        }
    }
}

fn writer(dir: &Path, name: &str) -> anyhow::Result<Writer<BufWriter<File>>> {
    let f = File::create(dir.join(name))?;
    Ok(Writer::from_writer(BufWriter::with_capacity(1 << 20, f)))
}

/// Writes the dump for `shape` into `dir`.
pub(crate) fn write_dump(dir: &Path, shape: &Shape) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(42);
    let mut w = writer(dir, "Competitions.csv")?;
    w.write_record([
        "Id",
        "Slug",
        "Title",
        "ForumId",
        "OrganizationId",
        "HostName",
        "EnabledDate",
        "DeadlineDate",
    ])?;
    for c in 0..shape.competitions {
        let forum = if c % 50 == 49 {
            String::new()
        } else {
            (10_000 + c).to_string()
        };
        let org = if c % 3 == 0 {
            String::new()
        } else {
            (500 + c).to_string()
        };
        w.write_record([
            &c.to_string(),
            &format!("competition-{c}"),
            &format!("Competition {c}"),
            &forum,
            &org,
            "",
            "01/01/2020 00:00:00",
            "06/01/2020 00:00:00",
        ])?;
    }
    w.flush()?;
    let mut w = writer(dir, "Forums.csv")?;
    w.write_record(["Id", "ParentForumId", "Title"])?;
    for c in 0..shape.competitions {
        w.write_record([&(10_000 + c).to_string(), "", &format!("Competition {c}")])?;
        w.write_record([&(50_000 + c).to_string(), &(10_000 + c).to_string(), "Data"])?;
    }
    w.flush()?;
    let mut w = writer(dir, "Organizations.csv")?;
    w.write_record(["Id", "Name", "Slug", "CreationDate", "Description"])?;
    let mut m = writer(dir, "UserOrganizations.csv")?;
    m.write_record(["Id", "UserId", "OrganizationId", "JoinDate"])?;
    for c in 0..shape.competitions {
        let org = (500 + c).to_string();
        w.write_record([
            &org,
            &format!("Host {c}"),
            &format!("host-{c}"),
            "01/01/2019",
            "A host",
        ])?;
        for k in 0..3 {
            let user = (1 + rng.below(shape.users)).to_string();
            m.write_record([&(c * 3 + k).to_string(), &user, &org, "01/01/2019"])?;
        }
    }
    w.flush()?;
    m.flush()?;
    let mut w = writer(dir, "Users.csv")?;
    w.write_record([
        "Id",
        "UserName",
        "DisplayName",
        "RegisterDate",
        "PerformanceTier",
        "Country",
    ])?;
    for u in 1..=shape.users {
        let tier = match rng.below(1000) {
            0..=1 => 5,
            2..=9 => 4,
            10..=49 => 3,
            50..=149 => 2,
            150..=399 => 1,
            _ => 0,
        };
        w.write_record([
            &u.to_string(),
            &format!("user{u}"),
            &format!("User {u}"),
            "03/02/2017",
            &tier.to_string(),
            "France",
        ])?;
    }
    w.flush()?;
    let vocab = vocabulary();
    let mut w = writer(dir, "ForumTopics.csv")?;
    w.write_record([
        "Id",
        "ForumId",
        "KernelId",
        "FirstForumMessageId",
        "LastForumMessageId",
        "CreationDate",
        "LastCommentDate",
        "Title",
        "IsSticky",
        "TotalViews",
        "Score",
        "TotalMessages",
        "TotalReplies",
    ])?;
    for t in 0..shape.topics {
        let c = rng.skewed(shape.competitions);
        let forum = if t % 10 == 9 { 50_000 + c } else { 10_000 + c };
        let kernel = if t % 20 == 7 {
            (8_000_000 + t).to_string()
        } else {
            String::new()
        };
        let n = 3 + rng.below(6);
        let title = sentence(&mut rng, &vocab, n);
        w.write_record([
            &(100_000 + t).to_string(),
            &forum.to_string(),
            &kernel,
            "",
            "",
            "01/02/2020 10:00:00",
            "01/03/2020 10:00:00",
            &title,
            "False",
            "100",
            "1",
            "10",
            "9",
        ])?;
    }
    w.flush()?;
    write_messages(dir, shape, &vocab, &mut rng)
}

fn write_messages(
    dir: &Path,
    shape: &Shape,
    vocab: &[String],
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let mut w = writer(dir, "ForumMessages.csv")?;
    w.write_record([
        "Id",
        "ForumTopicId",
        "PostUserId",
        "PostDate",
        "ReplyToForumMessageId",
        "Message",
        "RawMarkdown",
        "Medal",
        "MedalAwardDate",
    ])?;
    let mut last_sentence = String::from("is external data allowed");
    for i in 0..shape.messages {
        let id = 1_000_000 + i;
        let topic = 100_000 + rng.below(shape.topics);
        let user = 1 + rng.skewed(shape.users);
        let (month, day, hour) = (1 + rng.below(12), 1 + rng.below(28), rng.below(24));
        let date = if i % 3 == 0 {
            let (h12, ap) = match hour {
                0 => (12, "AM"),
                1..=11 => (hour, "AM"),
                12 => (12, "PM"),
                _ => (hour - 12, "PM"),
            };
            format!(
                "{month:02}/{day:02}/2019 {h12:02}:{:02}:{:02} {ap}",
                rng.below(60),
                rng.below(60)
            )
        } else {
            format!(
                "{month:02}/{day:02}/2020 {hour:02}:{:02}:{:02}",
                rng.below(60),
                rng.below(60)
            )
        };
        let reply = if rng.below(10) < 6 && i > 0 {
            format!("{}.0", id - 1 - rng.below(i.min(50)))
        } else {
            String::new()
        };
        let quoted = (rng.below(100) < 12).then(|| last_sentence.clone());
        let (html, md) = message(rng, vocab, quoted.as_deref());
        let md = if rng.below(10) < 7 { md } else { String::new() };
        if rng.below(8) == 0 {
            last_sentence = sentence(rng, vocab, 6);
        }
        w.write_record([
            &id.to_string(),
            &topic.to_string(),
            &user.to_string(),
            &date,
            &reply,
            &html,
            &md,
            "",
            "",
        ])?;
    }
    w.flush()?;
    Ok(())
}
