//! The analysis on small hand-written competitions: every status and every
//! trap of ANALYSIS.md (paraphrase, moderator quoting a participant,
//! participant asserting a rule, off-topic official chatter, a restriction in a
//! secondary document, a blanket permission), unanswered questions, changes.

use pretty_assertions::assert_eq;
use rulegap::analysis::{self, ChangeKind, Findings, Params, Status, VersionChange};
use rulegap::index::Annotation;
use rulegap::model::{Clause, Modality, Post, Quote, Role};
use rulegap::query::topics::TopicLibrary;

fn clause(id: &str, heading: &str, modality: Modality, text: &str) -> Clause {
    let (doc, path) = id.split_once('/').unwrap();
    Clause {
        id: id.into(),
        doc: doc.into(),
        competition: "c".into(),
        version: 1,
        path: path.into(),
        heading: vec![heading.into()],
        text: text.into(),
        modality,
        cues: vec![],
        conditions: vec![],
        exceptions: vec![],
        topics: vec![],
        concepts: vec![],
        refs: vec![],
    }
}

struct Forum {
    posts: Vec<(Post, Annotation)>,
}

impl Forum {
    fn new() -> Forum {
        Forum { posts: Vec::new() }
    }

    /// Adds a post `n` in thread `t` on day `day` of January 2020.
    fn post(
        &mut self,
        t: &str,
        n: u32,
        author: &str,
        role: Role,
        day: u32,
        text: &str,
    ) -> &mut Post {
        let lib = TopicLibrary::builtin().unwrap();
        let post = Post {
            source: "test".into(),
            site: "f.example".into(),
            competition: "c".into(),
            thread_id: t.into(),
            thread_title: format!("thread {t}"),
            thread_url: None,
            post_id: format!("{t}-{n}"),
            post_number: Some(n),
            author: author.into(),
            role,
            created_at: format!("2020-01-{day:02}T12:00:00Z").parse().unwrap(),
            edited_at: None,
            text: text.into(),
            quotes: vec![],
            reply_to: None,
            url: format!("https://f.example/t/{t}/{n}"),
        };
        let note = analysis::Annotator::new(&lib).annotate(&post);
        self.posts.push((post, note));
        &mut self.posts.last_mut().unwrap().0
    }

    /// Adds twelve threads, each a participant's question and a moderator's
    /// answer: a forum whose every thread uses the same words.
    fn busy(&mut self, question: impl Fn(u32) -> String, answer: impl Fn(u32) -> String) {
        for i in 1..=12 {
            let t = format!("{i}");
            self.post(&t, 1, "pat", Role::Participant, 2, &question(i));
            self.post(&t, 2, "mod", Role::Moderator, 3, &answer(i));
        }
    }

    fn analyze(&self, clauses: &[Clause]) -> Findings {
        self.analyze_with(clauses, &[])
    }

    fn analyze_with(&self, clauses: &[Clause], changes: &[VersionChange]) -> Findings {
        self.analyze_params(clauses, changes, &Params::default())
    }

    fn analyze_params(
        &self,
        clauses: &[Clause],
        changes: &[VersionChange],
        params: &Params,
    ) -> Findings {
        let lib = TopicLibrary::builtin().unwrap();
        // The annotation is recomputed after mutation (quotes/replies set by tests).
        let posts: Vec<(Post, Annotation)> = self
            .posts
            .iter()
            .map(|(p, _)| (p.clone(), analysis::Annotator::new(&lib).annotate(p)))
            .collect();
        analysis::analyze(&analysis::Input {
            clauses,
            posts: &posts,
            changes,
            library: &lib,
            params,
        })
    }
}

fn status(f: &Findings, id: &str) -> Status {
    f.clauses
        .iter()
        .find(|c| c.clause.id == id)
        .unwrap_or_else(|| panic!("no finding for {id}"))
        .status
}

/// The status of `c` when one host's post saying `text` is the whole forum.
fn judged_alone(c: &Clause, text: &str) -> Status {
    judged_among(std::slice::from_ref(c), &c.id, text)
}

/// The status of clause `id` among `clauses` when one host's post saying
/// `text` is the whole forum.
fn judged_among(clauses: &[Clause], id: &str, text: &str) -> Status {
    let mut f = Forum::new();
    f.post("1", 1, "host", Role::Host, 3, text);
    status(&f.analyze(clauses), id)
}

/// A forum of one thread: a participant's `question` and a host's `answer` to it.
fn answered(question: &str, answer: &str) -> Forum {
    let mut f = Forum::new();
    f.post("1", 1, "pat", Role::Participant, 2, question);
    f.post("1", 2, "host", Role::Host, 3, answer).reply_to = Some("1-1".into());
    f
}

/// The status of `c` when a host's `answer` to a participant's `question` is
/// the whole forum.
fn judged_answer(c: &Clause, question: &str, answer: &str) -> Status {
    status(
        &answered(question, answer).analyze(std::slice::from_ref(c)),
        &c.id,
    )
}

fn external_data_rule() -> Clause {
    clause(
        "rules/2.6.a",
        "External Data and Tools",
        Modality::Obligation,
        "External data must be publicly available at no cost and posted in the official forum before the entry deadline.",
    )
}

#[test]
fn uncovered_when_no_official_touches_the_topic() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "External data is fine if it is free, I think.",
    );
    f.post(
        "2",
        1,
        "mod",
        Role::Moderator,
        3,
        "Congratulations to everyone on a great first week! The leaderboard refreshes daily.",
    );
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(
        status(&r, "rules/2.6.a"),
        Status::Uncovered,
        "participants asserting rules and off-topic officials are not coverage"
    );
    assert!(r.clauses[0].evidence.is_empty());
}

#[test]
fn covered_by_a_paraphrase() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "host",
        Role::Host,
        2,
        "Outside datasets are welcome if they are freely available to everyone; please declare each one in this thread no later than the entry deadline.",
    );
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(
        status(&r, "rules/2.6.a"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );
    let e = &r.clauses[0].evidence[0];
    assert_eq!(e.post.author, "host");
    assert!(
        e.matched_terms
            .iter()
            .any(|t| t.starts_with("forum_disclosure{")),
        "{:?}",
        e.matched_terms
    );
}

#[test]
fn partial_names_the_missing_concept() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "External data must be posted in this thread before the entry deadline.",
    );
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(
        status(&r, "rules/2.6.a"),
        Status::Partial,
        "{:#?}",
        r.clauses[0]
    );
    assert_eq!(r.clauses[0].missing_concepts, vec!["free_and_public"]);
}

#[test]
fn a_moderator_quoting_a_participant_is_not_their_statement() {
    let mut f = Forum::new();
    let p = f.post(
        "1",
        2,
        "mod",
        Role::Moderator,
        2,
        "Thanks for asking, we will look into it.",
    );
    p.quotes.push(Quote { author: Some("pat".into()), post_ref: Some("1".into()), text: "External data is free to use and you don't need to post it in the forum before the deadline.".into() });
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(status(&r, "rules/2.6.a"), Status::Uncovered);
}

#[test]
fn an_exemption_reverses_an_obligation() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "You don't need to post external datasets in the forum, just use them.",
    );
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(
        status(&r, "rules/2.6.a"),
        Status::Conflict,
        "{:#?}",
        r.clauses[0]
    );
    assert!(r.clauses[0].explanation.starts_with("Possible conflict"));
}

#[test]
fn the_deepfake_pattern_secondary_restriction_and_blanket_permission() {
    let rules = clause(
        "rules/2.6.a",
        "External Data and Tools",
        Modality::Permission,
        "You may use external data provided it is publicly available to all participants at no cost.",
    );
    let docs = clause(
        "documentation/4",
        "Winning Submission Documentation",
        Modality::Obligation,
        "Winners must show written consent from every identifiable person depicted in any external data used for training.",
    );
    let mut f = Forum::new();
    f.post("1", 1, "mod", Role::Moderator, 2, "Any external dataset is fine as long as it is posted in this thread before the entry deadline.");
    f.post(
        "1",
        2,
        "pat",
        Role::Participant,
        3,
        "Great, we will use faces from CC-BY YouTube videos.",
    );
    let r = f.analyze(&[rules, docs]);
    let d = r
        .clauses
        .iter()
        .find(|c| c.clause.id == "documentation/4")
        .unwrap();
    assert_eq!(d.status, Status::Conflict, "{d:#?}");
    assert!(
        d.missing_concepts.contains(&"consent".to_owned()),
        "{:?}",
        d.missing_concepts
    );
    assert!(
        d.related.iter().any(|x| x.id == "rules/2.6.a"),
        "cross-document relation: {:?}",
        d.related
    );
    let rr = r
        .clauses
        .iter()
        .find(|c| c.clause.id == "rules/2.6.a")
        .unwrap();
    assert!(
        rr.related.iter().any(|x| x.id == "documentation/4"),
        "{:?}",
        rr.related
    );
    // The highest-risk finding is the hidden restriction.
    assert_eq!(r.clauses[0].clause.id, "documentation/4");
}

/// The pattern again, the blanket worded as a condition ("if it's out there
/// for anyone to download without paying, you can use it") in reply to a
/// question on outside data, naming no concept of the restriction.
#[test]
fn a_conditional_blanket_permission_contradicts_a_hidden_restriction() {
    let rules = clause(
        "rules/2.7.a",
        "External Data",
        Modality::Permission,
        "You may use data other than the Competition Data, provided that it is publicly available at no cost.",
    );
    let docs = clause(
        "documentation/6",
        "Documentation Requirements",
        Modality::Obligation,
        "Recordings from privately owned sensors outside the Competition Data may be used only with the written consent of each sensor's owner.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Which outside data can we use? We want recordings from the community sensor network.",
    );
    f.post("1", 2, "mod", Role::Moderator, 3, "Welcome! Short version: if it's out there for anyone to download without paying, you can use it.")
        .reply_to = Some("1-1".into());
    let r = f.analyze(&[rules, docs]);
    assert_eq!(status(&r, "documentation/6"), Status::Conflict);
}

/// A correction in other words: "five is the ceiling for a team here" states
/// the maximum team size.
#[test]
fn a_ceiling_restates_a_maximum() {
    let size = clause(
        "rules/2.1.a",
        "Teams",
        Modality::Obligation,
        "Teams can comprise a maximum of five (5) participants.",
    );
    assert_eq!(
        judged_alone(
            &size,
            "On team size: five is the ceiling here, no exceptions."
        ),
        Status::Covered
    );
}

/// A blanket permission of outside data does not discuss the rule on AutoML
/// tools beside it: "External Data and Tools" above it only places it.
#[test]
fn a_concept_only_the_heading_names_does_not_tell_the_topic() {
    let automl = clause(
        "rules/2.6.c",
        "External Data and Tools",
        Modality::Permission,
        "Automated machine learning tools may be used only where you hold a licence that permits their use in the Competition.",
    );
    let f = answered(
        "Which outside data is OK here?",
        "Short answer: anything public is fine. No need to ask us first.",
    );
    let r = f.analyze(&[external_data_rule(), automl]);
    assert_eq!(status(&r, "rules/2.6.c"), Status::Uncovered);
}

/// A paraphrase in the forum's own words: "flying solo" for entering as an
/// individual.
#[test]
fn everyday_words_name_the_rule_they_paraphrase() {
    let solo = clause(
        "rules/2.2.b",
        "Teams",
        Modality::Permission,
        "You may enter as an individual; an individual entrant is treated as a team with one member.",
    );
    assert_eq!(
        judged_answer(
            &solo,
            "Is there a minimum team size?",
            "Flying solo is totally fine, plenty of people do."
        ),
        Status::Covered
    );
}

#[test]
fn a_cross_document_restriction_is_flagged_without_any_post() {
    let rules = clause(
        "rules/2.6.a",
        "External Data",
        Modality::Permission,
        "You may use external data that is publicly available at no cost.",
    );
    let docs = clause(
        "documentation/4",
        "Documentation",
        Modality::Obligation,
        "You must hold written consent from every person depicted in external data.",
    );
    let r = Forum::new().analyze(&[rules, docs]);
    let d = r
        .clauses
        .iter()
        .find(|c| c.clause.id == "documentation/4")
        .unwrap();
    assert!(
        d.related.iter().any(|x| x.id == "rules/2.6.a"),
        "{:?}",
        d.related
    );
    assert!(d.explanation.contains("rules/2.6.a"), "{}", d.explanation);
}

#[test]
fn informational_clauses_are_not_judged() {
    let c = clause(
        "rules/1.2",
        "Competition-Specific Terms",
        Modality::Informational,
        "COMPETITION SPONSOR: Example Trust",
    );
    let r = Forum::new().analyze(&[c]);
    assert_eq!(status(&r, "rules/1.2"), Status::Informational);
    assert_eq!(r.clauses[0].risk, 0.0);
}

#[test]
fn unanswered_and_answered_questions() {
    let merger = clause(
        "rules/2.1.b",
        "Team Limits",
        Modality::Obligation,
        "Team mergers must be completed before the team merger deadline.",
    );
    let mut f = Forum::new();
    // Opened a thread; an official answered later in it.
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Can two teams merge after the merger deadline if one of them has no submissions?",
    );
    f.post(
        "1",
        2,
        "mod",
        Role::Moderator,
        4,
        "No, the deadline applies to everyone.",
    );
    // Asked inside someone else's thread; the next official post ignores it.
    f.post("2", 1, "kim", Role::Participant, 2, "Leaderboard thread.");
    f.post(
        "2",
        2,
        "lee",
        Role::Participant,
        3,
        "Is a team merge allowed if our combined submission count is too high?",
    );
    f.post(
        "2",
        3,
        "host",
        Role::Host,
        5,
        "The leaderboard will be refreshed tomorrow.",
    );
    // Answered by a reply.
    f.post(
        "3",
        1,
        "kim",
        Role::Participant,
        2,
        "Private sharing thread",
    );
    f.post(
        "3",
        2,
        "ann",
        Role::Participant,
        3,
        "Could someone confirm whether we may merge teams of four?",
    );
    f.post(
        "3",
        3,
        "mod",
        Role::Moderator,
        4,
        "Yes, up to the team size limit.",
    )
    .reply_to = Some("3-2".into());
    // Imported without post numbers: the earliest post opens its thread, and
    // the official post after it answers it.
    f.post(
        "4",
        1,
        "zoe",
        Role::Participant,
        2,
        "May teams merge after the merger deadline when both agree?",
    )
    .post_number = None;
    f.post(
        "4",
        2,
        "mod",
        Role::Moderator,
        3,
        "No, not after the deadline.",
    )
    .post_number = None;
    // Put to the participant it replies to: not the organisers' to answer;
    // the same reply asking about the rule itself is.
    f.post(
        "5",
        1,
        "max",
        Role::Participant,
        2,
        "We merged our team yesterday, the merger went through.",
    );
    f.post(
        "5",
        2,
        "ivy",
        Role::Participant,
        3,
        "Nice. Are you merging teams again before the merger deadline?",
    )
    .reply_to = Some("5-1".into());
    f.post(
        "5",
        3,
        "ivy",
        Role::Participant,
        4,
        "Is a team merge allowed after the merger deadline at all?",
    )
    .reply_to = Some("5-1".into());
    let r = f.analyze(&[merger]);
    let ids: Vec<&str> = r
        .unanswered
        .iter()
        .map(|u| u.post.post_id.as_str())
        .collect();
    assert_eq!(ids, vec!["2-2", "5-3"]);
    assert_eq!(r.unanswered[0].clauses, vec!["rules/2.1.b"]);
}

/// An official reply that speaks of something else leaves the question open;
/// a question naming no concept goes to the clause its words say most of.
#[test]
fn an_off_topic_reply_does_not_answer() {
    let sharing = clause(
        "rules/1.1",
        "Code",
        Modality::Prohibition,
        "You must not share code privately with members of other teams.",
    );
    let size = clause(
        "rules/1.2",
        "Code",
        Modality::Obligation,
        "A team may have at most four (4) members.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Is it ok to send my feature code privately to a friend on another team?",
    );
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        3,
        "We'll publish a baseline notebook next week, stay tuned!",
    )
    .reply_to = Some("1-1".into());
    // A short reply opening as answers do ("Go ahead") answers.
    f.post(
        "2",
        1,
        "kim",
        Role::Participant,
        4,
        "May I send my notebook privately to another team?",
    );
    f.post(
        "2",
        2,
        "mod",
        Role::Moderator,
        5,
        "Go ahead, just list them.",
    );
    f.post(
        "3",
        1,
        "lee",
        Role::Participant,
        6,
        "Is it fine if the team has six members?",
    );
    let r = f.analyze(&[sharing, size]);
    let asked: Vec<(&str, &[String])> = r
        .unanswered
        .iter()
        .map(|u| (u.post.post_id.as_str(), u.clauses.as_slice()))
        .collect();
    assert_eq!(
        asked,
        vec![
            ("1-1", &["rules/1.1".to_string()][..]),
            ("3-1", &["rules/1.2".to_string()][..]),
        ]
    );
}

#[test]
fn rule_changes_and_their_announcements() {
    let c = clause(
        "rules/2.2.a",
        "Submission Limits",
        Modality::Permission,
        "You may submit a maximum of eight (8) Submissions per day.",
    );
    let changes = vec![
        VersionChange {
            id: "rules/2.2.a".into(),
            change: ChangeKind::Modified,
            from_version: 1,
            to_version: 2,
            old_text: "You may submit a maximum of five (5) Submissions per day.".into(),
            new_text: "You may submit a maximum of eight (8) Submissions per day.".into(),
        },
        VersionChange {
            id: "rules/2.4.d".into(),
            change: ChangeKind::Added,
            from_version: 1,
            to_version: 2,
            old_text: String::new(),
            new_text: "You may not use pseudo-labels of the test images.".into(),
        },
    ];
    let mut f = Forum::new();
    f.post(
        "9",
        1,
        "host",
        Role::Host,
        9,
        "Good news: the daily submission limit is now eight submissions per day.",
    );
    let r = f.analyze_with(&[c], &changes);
    assert_eq!(r.changes[0].announced_in, vec!["https://f.example/t/9/1"]);
    assert!(r.changes[1].announced_in.is_empty(), "{:?}", r.changes[1]);
}

#[test]
fn a_short_answer_reads_in_the_context_of_its_question() {
    let size = clause(
        "rules/2.1.a",
        "Team Limits",
        Modality::Prohibition,
        "The maximum team size is five (5) participants; larger teams are not permitted.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Is the maximum team size five, or can we be six?",
    );
    f.post(
        "1",
        2,
        "mod",
        Role::Moderator,
        3,
        "Yes: five is the maximum.",
    );
    let r = f.analyze(std::slice::from_ref(&size));
    assert_eq!(
        status(&r, "rules/2.1.a"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );

    // Without the question, the same words say nothing about team size.
    let mut alone = Forum::new();
    alone.post(
        "2",
        1,
        "mod",
        Role::Moderator,
        3,
        "Yes: five is the maximum.",
    );
    let r = alone.analyze(&[size]);
    assert_eq!(status(&r, "rules/2.1.a"), Status::Uncovered);
}

#[test]
fn a_plain_yes_to_a_question_the_restriction_answers_is_a_possible_conflict() {
    let consent = clause(
        "documentation/10",
        "Data Provenance",
        Modality::Obligation,
        "If any External Data depicts identifiable persons, you must provide a written consent from every identifiable person depicted.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Is it a problem to use external data with identifiable persons depicted in the images?",
    );
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        3,
        "Should be fine. That dataset is published under CC BY, so you are covered.",
    )
    .reply_to = Some("1-1".into());
    let r = f.analyze(&[consent]);
    let c = &r.clauses[0];
    assert_eq!(c.status, Status::Conflict, "{c:#?}");
    assert_eq!(c.evidence[0].post.author, "host");
    assert!(
        c.explanation.contains("persons depicted"),
        "{}",
        c.explanation
    );
}

#[test]
fn a_question_citing_a_section_is_linked_to_it_first() {
    let clauses = [
        clause(
            "rules/3.3.a",
            "Individuals and Teams",
            Modality::Prohibition,
            "You may not register more than one account.",
        ),
        clause(
            "rules/2.1.b",
            "Team Limits",
            Modality::Obligation,
            "Team mergers must be completed before the team merger deadline.",
        ),
    ];
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "tapir",
        Role::Participant,
        2,
        "I registered twice by accident before our team merger. Is that a problem under 3.3.a?",
    );
    let r = f.analyze(&clauses);
    assert_eq!(r.unanswered.len(), 1);
    assert_eq!(r.unanswered[0].clauses[0], "rules/3.3.a");
}

#[test]
fn a_blanket_permission_conflicts_with_a_clause_keeping_other_obligations() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "Welcome to the External Data thread. Any external dataset is fine as long as it's free and posted here before the entry deadline.",
    );
    let keeps = clause(
        "rules/2.6.d",
        "External Data and Tools",
        Modality::Obligation,
        "Use of External Data does not limit your other obligations under these Rules, including the Documentation Requirements.",
    );
    let r = f.analyze(std::slice::from_ref(&keeps));
    assert_eq!(
        status(&r, "rules/2.6.d"),
        Status::Conflict,
        "{:#?}",
        r.clauses[0]
    );
    assert!(
        r.clauses[0].explanation.contains("keeps other obligations"),
        "{}",
        r.clauses[0].explanation
    );
}

#[test]
fn a_post_stating_the_rule_clarifies_around_it_without_reversing_it() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "host",
        Role::Host,
        2,
        "Pseudo-labelling the test set with your model's own predictions is fine. Labelling test rows by hand isn't.",
    );
    let rule = clause(
        "rules/4.3.d",
        "Prohibited conduct",
        Modality::Prohibition,
        "You must not label test rows by hand.",
    );
    let r = f.analyze(std::slice::from_ref(&rule));
    assert_eq!(
        status(&r, "rules/4.3.d"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );
}

#[test]
fn a_moved_deadline_changes_only_the_deadline_it_names() {
    let moved =
        "To give everyone time, the final submission deadline is now May 26, 2025, 11:59 PM UTC.";
    let merger = clause(
        "rules/2.1.b",
        "Team Limits",
        Modality::Obligation,
        "Team mergers must be completed by the Team Merger Deadline of May 12, 2025, 11:59 PM UTC.",
    );
    let final_deadline = clause(
        "rules/2.3.b",
        "Timeline",
        Modality::Obligation,
        "All Submissions must be made by the Final Submission Deadline of May 19, 2025, 11:59 PM UTC.",
    );
    let both = [merger, final_deadline];
    assert_ne!(judged_among(&both, "rules/2.1.b", moved), Status::Conflict);
    assert_eq!(judged_among(&both, "rules/2.3.b", moved), Status::Conflict);
    // A date given for another act changes no deadline, named or not.
    let moved = "The scoring server was down for two days, so we're giving everyone an extra week: submissions now close on 7 July 2025 at 23:59 UTC.";
    let merge = clause(
        "rules/2.2.c",
        "Teams",
        Modality::Permission,
        "Teams may merge until 9 June 2025 at 23:59 UTC; team membership is fixed after that date.",
    );
    let submit = clause(
        "rules/2.3.a",
        "Timeline",
        Modality::Obligation,
        "Final submissions must be made by 30 June 2025 at 23:59 UTC.",
    );
    let both = [merge, submit];
    assert_ne!(judged_among(&both, "rules/2.2.c", moved), Status::Conflict);
    assert_eq!(judged_among(&both, "rules/2.3.a", moved), Status::Conflict);
}

#[test]
fn a_question_naming_no_concept_is_linked_by_its_words() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pixel",
        Role::Participant,
        2,
        "Can we send the code as a zip archive instead of a git repository? Our repository has private history.",
    );
    let repo = clause(
        "documentation/6",
        "Code",
        Modality::Obligation,
        "Winners must deliver their code as a git repository with a README that explains how to reproduce the results.",
    );
    let r = f.analyze(std::slice::from_ref(&repo));
    assert_eq!(r.unanswered.len(), 1, "{:#?}", r.unanswered);
    assert_eq!(r.unanswered[0].clauses, vec!["documentation/6"]);
}

/// A blanket permission in a post that also states the clause's own date keeps
/// the clause's condition: no possible conflict.
#[test]
fn a_blanket_permission_beside_the_clauses_own_date_is_no_conflict() {
    let c = clause(
        "rules/2.2.a",
        "External Data",
        Modality::Permission,
        "External data is allowed provided it is publicly available and posted in the External Data thread before 8 April 2027.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "Post all external data here before 8 April 2027. Any publicly available dataset is fine, no other restrictions.",
    );
    assert_ne!(
        status(&f.analyze(std::slice::from_ref(&c)), "rules/2.2.a"),
        Status::Conflict
    );
    // Without the date, the same permission leaves the condition out.
    let mut g = Forum::new();
    g.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "Any publicly available external dataset is fine, no other restrictions.",
    );
    assert_eq!(status(&g.analyze(&[c]), "rules/2.2.a"), Status::Conflict);
}

/// The findings for `clause` when a participant asks `question` and a
/// moderator answers `answer` in the same thread.
fn moderator_answer(clause: Clause, question: &str, answer: &str) -> Findings {
    let mut f = Forum::new();
    f.post("1", 1, "pat", Role::Participant, 2, question);
    f.post("1", 2, "mod", Role::Moderator, 3, answer);
    f.analyze(&[clause])
}

/// An official statement giving the clause's limit another value is a
/// possible conflict; one giving the same value, or a number that is no
/// limit ("one of you"), is not.
#[test]
fn another_value_for_a_limit_is_a_possible_conflict() {
    let size = || {
        clause(
            "rules/2.1",
            "Teams",
            Modality::Prohibition,
            "The maximum team size is four (4).",
        )
    };
    let answer = |text: &str| moderator_answer(size(), "Can we have a team of five people?", text);
    let r = answer("Teams of up to five members are fine if you merge before the deadline.");
    assert_eq!(
        status(&r, "rules/2.1"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
    assert!(
        r.clauses[0].explanation.contains("another value"),
        "{}",
        r.clauses[0].explanation
    );
    let r = answer("No, teams of up to four members only, as the rules say.");
    assert_ne!(
        status(&r, "rules/2.1"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
    let r = answer("Ask one of your teammates to leave; the team size is what the rules say.");
    assert_ne!(
        status(&r, "rules/2.1"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
    // A value derived from the clause's own is no other value.
    let r = moderator_answer(
        clause(
            "rules/2.2",
            "Submission Limits",
            Modality::Permission,
            "Each Team may make a maximum of three (3) Submissions per Track per day.",
        ),
        "Is the submission limit per track or in total?",
        "It's three a day, and that's per track, so up to six a day if you're in both.",
    );
    assert_ne!(
        status(&r, "rules/2.2"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// An official statement giving the clause's limit as a bound covers it, in
/// other words than the clause's ("four people max per team"); one that only
/// mentions the number ("a team of four still gets eight a day") does not.
#[test]
fn a_limit_restated_as_a_bound_covers_the_clause() {
    let size = || {
        clause(
            "rules/2.2.a",
            "Teams",
            Modality::Permission,
            "A team may have at most four (4) members.",
        )
    };
    let answer = |text: &str| moderator_answer(size(), "How big can a team be?", text);
    let r = answer("Four people max per team.");
    assert_eq!(
        status(&r, "rules/2.2.a"),
        Status::Covered,
        "{:#?}",
        r.clauses
    );
    let r = answer("A team of four still gets eight a day in total, not thirty-two.");
    assert_ne!(
        status(&r, "rules/2.2.a"),
        Status::Covered,
        "{:#?}",
        r.clauses
    );
}

/// A measure counting what the clause leaves out is a possible conflict
/// ("references included" against "excluding references"); one leaving it
/// out as the clause does covers it.
#[test]
fn counting_what_the_clause_leaves_out_is_a_possible_conflict() {
    let pages = || {
        clause(
            "rules/2.6.c",
            "Paper",
            Modality::Prohibition,
            "The paper must not exceed 8 pages, excluding references.",
        )
    };
    let answer = |text: &str| moderator_answer(pages(), "How long can the paper be?", text);
    let r = answer("The paper can have 8 pages in total, references included.");
    assert_eq!(
        status(&r, "rules/2.6.c"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
    assert!(
        r.clauses[0].explanation.contains("leaves out"),
        "{}",
        r.clauses[0].explanation
    );
    let r = answer("Max 8 pages for the paper, references don't count.");
    assert_ne!(
        status(&r, "rules/2.6.c"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// "We've decided to drop the video" lifts a duty the clause keeps: the
/// announcement is a possible conflict even beside a restatement of the rest.
#[test]
fn dropping_a_required_item_is_a_change() {
    let package = clause(
        "rules/2.8.a",
        "Winners",
        Modality::Obligation,
        "To receive a prize, you must deliver your source code, a technical report and a video demonstration.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "host",
        Role::Host,
        3,
        "We've decided to drop the video demonstration from the winners' package altogether. \
         What we still need from winners is the source code and the technical report.",
    );
    let r = f.analyze(&[package]);
    assert_eq!(
        status(&r, "rules/2.8.a"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// "Any public checkpoint is fine" leaves out the cut-off date of a
/// permission limited to checkpoints released before it; "each one" is no
/// statement of the day "1 June".
#[test]
fn a_blanket_permission_leaving_out_a_cut_off_date_is_a_possible_conflict() {
    let checkpoints = clause(
        "rules/2.5.c",
        "Pretrained models",
        Modality::Permission,
        "Teams may use pretrained models from public checkpoints whose weights were released before 1 June 2024.",
    );
    let r = moderator_answer(
        checkpoints,
        "Can we use the public checkpoints released last month?",
        "Any public checkpoint is fine. No need to ask about each one.",
    );
    assert_eq!(
        status(&r, "rules/2.5.c"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// A FAQ answer that permits one thing and forbids another is not reversed
/// by a permission of the thing it permits.
#[test]
fn permitting_the_permitted_half_of_a_clause_is_no_conflict() {
    let editions = clause(
        "faq/2",
        "FAQ",
        Modality::Prohibition,
        "Q: Can I use the data from the 2023 edition? A: The 2023 training set may be used as External Data; the 2023 test images may not be used, because some of them reappear in this year's test set.",
    );
    let r = moderator_answer(
        editions.clone(),
        "Can I use the data from the 2023 edition?",
        "2023 training set is fine.",
    );
    assert_ne!(status(&r, "faq/2"), Status::Conflict, "{:#?}", r.clauses);
    let r = moderator_answer(
        editions,
        "Can I use the data from the 2023 edition?",
        "The 2023 test images are fine to use as well.",
    );
    assert_eq!(status(&r, "faq/2"), Status::Conflict, "{:#?}", r.clauses);
}

/// Plain contradictions by an official, in a new user's toy competition
/// whose headings repeat the clauses' topic ("External Data"): a duty waived
/// ("no MIT licence needed", "does not need to be disclosed") and a blanket
/// permission ("any external data is fine") are possible conflicts.
#[test]
fn plain_contradictions_under_a_topic_heading_are_possible_conflicts() {
    let rules = [
        clause(
            "rules/2.1",
            "External Data",
            Modality::Permission,
            "You may use external data provided that it is publicly available and free of charge.",
        ),
        clause(
            "rules/2.2",
            "External Data",
            Modality::Obligation,
            "You must disclose all external data in the official forum thread before the entry deadline.",
        ),
        clause(
            "rules/3.2",
            "Submissions",
            Modality::Obligation,
            "Winners must release their code under the MIT licence.",
        ),
    ];
    for (id, post) in [
        (
            "rules/3.2",
            "Winners can keep their code private, no MIT licence needed.",
        ),
        (
            "rules/2.2",
            "External data does not need to be disclosed anywhere.",
        ),
        (
            "rules/2.1",
            "Any external data is fine, no restrictions at all.",
        ),
    ] {
        let mut f = Forum::new();
        f.post("1", 1, "hosty", Role::Host, 3, post);
        let r = f.analyze(&rules);
        assert_eq!(status(&r, id), Status::Conflict, "{post}\n{:#?}", r.clauses);
    }
}

/// Another deadline's time of day and month are no evidence on a deadline
/// clause; its own date is.
#[test]
fn another_deadlines_time_is_no_evidence_on_a_deadline() {
    let selection = || {
        clause(
            "rules/2.3.e",
            "Timeline",
            Modality::Obligation,
            "Final Submission Selection Deadline: March 27, 2026, 11:59 PM UTC. You must select your Final Submissions by this date.",
        )
    };
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        3,
        "The Entry Deadline has passed and this thread is now closed. Everything posted above before March 23, 11:59 PM UTC is approved External Data.",
    );
    let r = f.analyze(&[selection()]);
    assert_eq!(
        status(&r, "rules/2.3.e"),
        Status::Uncovered,
        "{:#?}",
        r.clauses
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        3,
        "Reminder: select your Final Submissions by March 27, 11:59 PM UTC.",
    );
    let r = f.analyze(&[selection()]);
    assert_eq!(
        status(&r, "rules/2.3.e"),
        Status::Covered,
        "{:#?}",
        r.clauses
    );
}

/// A blanket permission to do one thing ("fine to use") does not leave out
/// the conditions of a duty to do another (publish a write-up); to do the
/// same thing, it does.
#[test]
fn a_blanket_permission_of_another_act_is_no_conflict() {
    let writeup = || {
        clause(
            "rules/2.8.a",
            "Winners",
            Modality::Obligation,
            "Each preliminary winner must publish a public write-up of their solution on the forum within fourteen (14) days after the final submission deadline.",
        )
    };
    let judged = |text: &str| judged_alone(&writeup(), text);
    assert_ne!(
        judged(
            "Any public write-up is fine to use as long as it's posted before the final submission deadline."
        ),
        Status::Conflict
    );
    assert_eq!(
        judged("Any public write-up is fine to publish, whenever you like."),
        Status::Conflict
    );
}

/// A limit in words ("no more than eight pages") is a quantity: a post that
/// asks for the report without it does not cover the clause.
#[test]
fn a_limit_in_words_must_be_stated_to_cover() {
    let report = || {
        clause(
            "documentation/3",
            "Documentation",
            Modality::Obligation,
            "You must deliver a technical report of no more than eight pages describing your approach.",
        )
    };
    let judged = |text: &str| judged_alone(&report(), text);
    assert_eq!(
        judged("Winners must deliver a technical report describing the approach."),
        Status::Partial
    );
    assert_eq!(
        judged(
            "Winners must deliver a technical report of up to eight pages describing the approach."
        ),
        Status::Covered
    );
}

/// A word no other clause uses goes far to name a clause's topic: among
/// many clauses, "hardware" places a short answer; among two, it does not.
#[test]
fn a_rare_word_places_a_post() {
    let hardware = || {
        clause(
            "faq/3",
            "FAQ",
            Modality::Permission,
            "You may train your models on any hardware.",
        )
    };
    let fillers = |n: usize| -> Vec<Clause> {
        (0..n)
            .map(|i| {
                clause(
                    &format!("rules/9.{i}"),
                    "Other",
                    Modality::Obligation,
                    &format!(
                        "Participants must follow general rule number {i} of the competition."
                    ),
                )
            })
            .collect()
    };
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Can I train on my lab's cluster?",
    );
    f.post(
        "1",
        2,
        "org",
        Role::Host,
        3,
        "We don't put any restrictions on hardware.",
    );
    let mut many = fillers(25);
    many.push(hardware());
    assert_ne!(status(&f.analyze(&many), "faq/3"), Status::Uncovered);
    let mut few = fillers(1);
    few.push(hardware());
    assert_eq!(status(&f.analyze(&few), "faq/3"), Status::Uncovered);

    // An announcement that only uses the word places itself beside the
    // clause but does not discuss its topic.
    let mut many = fillers(25);
    many.push(clause(
        "faq/3",
        "FAQ",
        Modality::Permission,
        "You may train your models on any hardware, including desktop machines, laptops and university servers.",
    ));
    let mut g = Forum::new();
    g.post(
        "2",
        1,
        "pat",
        Role::Participant,
        2,
        "Is the download server down? It has been crawling all day.",
    );
    g.post(
        "2",
        2,
        "org",
        Role::Host,
        3,
        "Unrelated to hardware, but several of you asked: download speeds are much better now.",
    );
    assert_eq!(status(&g.analyze(&many), "faq/3"), Status::Uncovered);
}

/// A deadline set on another day is a possible conflict even without a
/// change cue ("The final submission deadline is May 22"), and a closing
/// date is a rule ("The submission window closes on June 30"); a date that
/// bounds something else in the sentence ("datasets not listed by May 2
/// can't be used in your final submissions") is not the clause's deadline.
#[test]
fn a_deadline_set_on_another_day_is_a_possible_conflict() {
    let received = || {
        clause(
            "rules/1.1",
            "Section",
            Modality::Obligation,
            "All Submissions must be received by May 15, 2026.",
        )
    };
    let judged = |text: &str| judged_alone(&received(), text);
    assert_eq!(
        judged("The final submission deadline is May 22, 2026."),
        Status::Conflict
    );
    assert_eq!(
        judged("Reminder: all submissions are due by May 15."),
        Status::Covered
    );
    assert_eq!(
        judged("Datasets not listed here by May 2 can't be used in your submissions."),
        Status::Uncovered
    );
    // In a document, a closing date is an obligation.
    let window = "The submission window closes on June 30, 2026.";
    let (modality, _) = rulegap::docs::classify_sentence(window, rulegap::docs::TextKind::Rules);
    assert_eq!(modality, Modality::Obligation);
    let doc = [clause("rules/1.1", "Timeline", modality, window)];
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "host1",
        Role::Host,
        3,
        "Submissions now close on July 14, 2026.",
    );
    assert_eq!(status(&f.analyze(&doc), "rules/1.1"), Status::Conflict);
}

/// A limit stated with another value in the words of the forum, or lifted,
/// is a possible conflict: "Teams can have up to six members", "The maximum
/// team size is 6.", "There is no maximum team size.", "a 12-hour run time
/// limit" against nine hours; "within two months" is no other value for
/// "within 21 days", nor "an email within three days" (a time limit on
/// something else).
#[test]
fn limits_stated_otherwise_or_lifted_are_possible_conflicts() {
    let team = || {
        clause(
            "rules/1.1",
            "Section",
            Modality::Permission,
            "A team may have at most four (4) members.",
        )
    };
    let runtime = || {
        clause(
            "rules/1.2",
            "Section",
            Modality::Obligation,
            "Submission notebooks must complete within 9 hours of run time.",
        )
    };
    let docs = || {
        clause(
            "rules/1.3",
            "Section",
            Modality::Obligation,
            "Each winning team must submit its documentation within 21 days after the results are announced.",
        )
    };
    for (c, post, want) in [
        (
            team(),
            "Teams can have up to six members.",
            Status::Conflict,
        ),
        (team(), "The maximum team size is 6.", Status::Conflict),
        (team(), "There is no maximum team size.", Status::Conflict),
        (
            team(),
            "Teams can have up to four members.",
            Status::Covered,
        ),
        (
            runtime(),
            "Notebooks have a 12-hour run time limit.",
            Status::Conflict,
        ),
        (
            docs(),
            "Winning solutions have to be published within two months of the results.",
            Status::Uncovered,
        ),
        (
            docs(),
            "Preliminary winners get an email within three days of the close.",
            Status::Uncovered,
        ),
    ] {
        let id = c.id.clone();
        let mut f = Forum::new();
        f.post("1", 1, "host", Role::Host, 3, post);
        let r = f.analyze(&[c]);
        assert_eq!(status(&r, &id), want, "{post}\n{:#?}", r.clauses);
    }
}

/// A plain yes to a question proposing an alternative to the clause's
/// requirement permits the alternative.
#[test]
fn a_yes_to_an_alternative_is_a_possible_conflict() {
    let apache = clause(
        "rules/1.1",
        "Section",
        Modality::Obligation,
        "Prize winners must release their complete solution under the Apache License 2.0.",
    );
    let r = moderator_answer(
        apache,
        "For prize winners, does it have to be Apache 2.0 or can we use MIT?",
        "Either is okay with us.",
    );
    assert_eq!(
        status(&r, "rules/1.1"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// Contradictions worded by negation or by an alternative, and a compatible
/// answer whose first half welcomes: "It is not forbidden to use …" permits;
/// "may release … under the MIT licence instead" lifts the Apache duty; "no
/// need to post it" waives the condition of a limited permission; "welcome to
/// participate, but … won't be eligible" agrees with an ineligibility rule.
#[test]
fn negations_alternatives_and_waivers_are_read_as_said() {
    let cases = [
        (
            Modality::Prohibition,
            "You must not use any data from the held-out sensors for training.",
            "It is not forbidden to use the held-out sensors' data for pretraining.",
            Status::Conflict,
        ),
        (
            Modality::Obligation,
            "Prize winners must release their complete solution under the Apache License 2.0.",
            "Prize winners may release their solution under the MIT licence instead.",
            Status::Conflict,
        ),
        (
            Modality::Permission,
            "You may use external data only if you post a link to it in the External Data thread before May 1.",
            "Any external data is fine, no need to post it in the thread.",
            Status::Conflict,
        ),
        (
            Modality::Prohibition,
            "Interns of the Organiser are not eligible to receive prizes.",
            "You're welcome to participate, but as an intern you won't be eligible for the prize money.",
            Status::Covered,
        ),
    ];
    for (modality, text, post, want) in cases {
        let c = clause("rules/1.1", "Section", modality, text);
        let mut f = Forum::new();
        f.post("1", 1, "host", Role::Host, 3, post);
        let r = f.analyze(&[c]);
        assert_eq!(status(&r, "rules/1.1"), want, "{post}\n{:#?}", r.clauses);
    }
}

#[test]
fn words_the_whole_forum_uses_do_not_place_a_post() {
    let memory = clause(
        "rules/3.2",
        "Fair Play",
        Modality::Prohibition,
        "Agents must not read the opponent's memory during an Episode.",
    );
    // Every thread of a simulation forum is about agents and episodes.
    let mut f = Forum::new();
    f.busy(
        |i| format!("Why does my agent time out in episode {i}?"),
        |i| format!("Your agent's log for episode {i} is in the Logs tab."),
    );
    f.post(
        "20",
        1,
        "mod",
        Role::Moderator,
        4,
        "Agent episodes now replay in the viewer.",
    );
    let r = f.analyze(std::slice::from_ref(&memory));
    assert_eq!(
        status(&r, "rules/3.2"),
        Status::Uncovered,
        "{:#?}",
        r.clauses[0]
    );

    // The clause's own words still cover it.
    f.post(
        "21",
        1,
        "mod",
        Role::Moderator,
        5,
        "Reading your opponent's memory is not allowed.",
    );
    let r = f.analyze(&[memory]);
    assert_eq!(
        status(&r, "rules/3.2"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );
}

#[test]
fn an_answer_to_one_part_of_a_clause_leaves_the_other_part_open() {
    let old = clause(
        "faq/2",
        "Frequently Asked Questions",
        Modality::Permission,
        "The 2023 training set may be used; the 2023 test images may not be used.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "lucia",
        Role::Participant,
        2,
        "We'd also like to use the MedSeg 2023 training and test images. We assume that's allowed?",
    );
    f.post("1", 2, "org", Role::Host, 3, "2023 training set is fine.");
    let r = f.analyze(std::slice::from_ref(&old));
    assert_eq!(status(&r, "faq/2"), Status::Partial, "{:#?}", r.clauses[0]);

    // Naming both parts covers it.
    f.post(
        "1",
        3,
        "org",
        Role::Host,
        4,
        "To be clear: the 2023 training set is fine. The 2023 test images are not allowed.",
    );
    let r = f.analyze(&[old]);
    assert_eq!(status(&r, "faq/2"), Status::Covered, "{:#?}", r.clauses[0]);
}

#[test]
fn a_span_of_time_does_not_state_a_count() {
    let finals = clause(
        "rules/2.2.c",
        "Submission Limits",
        Modality::Permission,
        "You may select up to two (2) Final Submissions for judging.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "admin",
        Role::Admin,
        3,
        "Post a public write-up of your solution here no later than two weeks after the final submission deadline.",
    );
    let r = f.analyze(std::slice::from_ref(&finals));
    assert_ne!(
        status(&r, "rules/2.2.c"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );

    // Two selections, said so, covers it.
    f.post(
        "1",
        2,
        "admin",
        Role::Admin,
        4,
        "You can select two final submissions for judging.",
    );
    let r = f.analyze(&[finals]);
    assert_eq!(
        status(&r, "rules/2.2.c"),
        Status::Covered,
        "{:#?}",
        r.clauses[0]
    );
}

#[test]
fn a_permission_of_anything_leaves_out_a_prohibition_hidden_in_another_document() {
    let compute = clause(
        "rules/3.1",
        "Compute",
        Modality::Permission,
        "You may train your models on Colab, AWS or any other cloud service.",
    );
    let region = clause(
        "license/5",
        "Data Protection",
        Modality::Prohibition,
        "You must not store, process or transfer the Competition Data outside the European Union.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "The transactions file is 14 GB. Can I train on Google Colab or on an AWS instance?",
    );
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        3,
        "Sure, use whatever compute you like: Colab, Kaggle notebooks, AWS, a GPU box under your desk.",
    );
    let r = f.analyze(&[compute, region]);
    let finding = r
        .clauses
        .iter()
        .find(|c| c.clause.id == "license/5")
        .unwrap();
    assert_eq!(finding.status, Status::Conflict, "{finding:#?}");
}

/// A post may name the topic in one sentence and say the clause's words in
/// another: together they discuss it.
#[test]
fn a_topic_named_in_one_sentence_and_worded_in_another_is_discussed() {
    let residence = clause(
        "rules/2.1.a",
        "Eligibility",
        Modality::Obligation,
        "The Competition is open to individuals resident in a member state of the European Economic Area, in Switzerland or in the United Kingdom.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "tariq",
        Role::Participant,
        2,
        "Is this open to people outside the EU? I'm based in Istanbul.",
    );
    f.post(
        "1",
        2,
        "jonas",
        Role::Host,
        3,
        "Sorry, Tariq: you need to live in the EEA, Switzerland or the UK to take part. Nationality doesn't matter, residence does.",
    )
    .reply_to = Some("1-1".into());
    let r = f.analyze(&[residence]);
    assert_ne!(
        status(&r, "rules/2.1.a"),
        Status::Uncovered,
        "{:#?}",
        r.clauses[0]
    );
}

/// A clause worded only in what the whole forum talks about keeps its words.
#[test]
fn a_clause_worded_in_the_forums_words_keeps_them() {
    let freeze = clause(
        "rules/2.1.d",
        "Teams",
        Modality::Prohibition,
        "Team mergers are not permitted after the Team Merger Deadline.",
    );
    let mut f = Forum::new();
    f.busy(
        |i| format!("Our team {i} wants to merge before the deadline, how does it work?"),
        |i| format!("Team {i}: the leader sends the merge request before the deadline."),
    );
    f.post(
        "20",
        1,
        "mod",
        Role::Moderator,
        4,
        "Reminder: once the team merger deadline has passed, teams can no longer merge.",
    );
    let r = f.analyze(std::slice::from_ref(&freeze));
    assert_ne!(
        status(&r, "rules/2.1.d"),
        Status::Uncovered,
        "{:#?}",
        r.clauses[0]
    );
}

/// A span of time may bound anything: "an email within three days" gives no
/// other value for "deliver within fourteen (14) days"; "deliver within
/// seven days" does.
#[test]
fn a_span_of_time_for_another_act_is_no_other_value() {
    let deliver = || {
        clause(
            "rules/2.8.a",
            "Winners' Obligations",
            Modality::Obligation,
            "A Prize winner must deliver the final model's code and documentation within fourteen (14) days of being notified.",
        )
    };
    let judged = |text: &str| {
        judged_answer(
            &deliver(),
            "What exactly do prize winners have to deliver, and by when?",
            text,
        )
    };
    assert_ne!(
        judged("Preliminary winners get an email within three days of the close."),
        Status::Conflict
    );
    assert_eq!(
        judged(
            "Prize winners must deliver their code and documentation within seven days of being notified."
        ),
        Status::Conflict
    );
}

#[test]
fn a_deadline_named_after_what_the_clause_dates_is_its_topic() {
    // The post names the deadline by what the clause dates, in words that
    // are no concept of the clause ("Final Submission Deadline" names a
    // deadline, not the selection of final submissions).
    let c = clause(
        "rules/2.3.d",
        "Timeline",
        Modality::Obligation,
        "Final Submissions must be made by March 31, 2020, 11:59 PM UTC; Submissions received after that time will not be scored.",
    );
    let moved = "Because part of the test set is being re-released, we're moving two dates:\n\n\
        - Entry Deadline: now March 31, 2020 (was March 24).\n\
        - Final Submission Deadline: now April 7, 2020 (was March 31).";
    assert_eq!(judged_alone(&c, moved), Status::Conflict);
    // Naming that deadline says nothing of how many final submissions count.
    let selection = clause(
        "rules/2.2.b",
        "Submission Limits",
        Modality::Permission,
        "You may select up to two (2) Final Submissions for judging.",
    );
    let reminder = "The final submission deadline is May 19 at 11:59 PM UTC; please don't leave it to the last hour.";
    assert_eq!(judged_alone(&selection, reminder), Status::Uncovered);
}

#[test]
fn a_statement_leaving_out_a_condition_of_the_clause_does_not_cover_it() {
    let thesis = clause(
        "faq/7",
        "FAQ",
        Modality::Permission,
        "Q: Can I use the Challenge Data in my thesis? A: Yes, for non-commercial research, provided you credit BAS as the source of the data.",
    );
    let silent = "The data is released under CC BY-NC, so non-commercial research use is fine, a thesis included.";
    assert_eq!(judged_alone(&thesis, silent), Status::Partial);
    let credited = "Non-commercial research use is fine, a thesis included, as long as BAS is credited as the source.";
    assert_eq!(judged_alone(&thesis, credited), Status::Covered);
    // The same cue states the condition in other words.
    let declared = clause(
        "rules/3.2.c",
        "External Data",
        Modality::Obligation,
        "Every external data source must be declared in the declarations topic of the forum before it is used in a submission.",
    );
    let before = "This is the declarations topic. Before you submit anything built with an outside source, declare the source here with a link.";
    assert_eq!(judged_alone(&declared, before), Status::Covered);
    let anytime = "This is the declarations topic. Each external data source must be declared here with a link.";
    assert_eq!(judged_alone(&declared, anytime), Status::Partial);
}

#[test]
fn a_concept_many_rules_name_does_not_alone_touch_a_topic() {
    let sign = clause(
        "rules/2.8.c",
        "Winners' Obligations",
        Modality::Obligation,
        "Each preliminary winner must sign and return the prize acceptance documents.",
    );
    let mut rules = vec![sign.clone()];
    for (i, text) in [
        "Winners must deliver their final code within one week.",
        "Winners must publish a write-up of their solution on the forum.",
        "Prize winners must license their solution under the MIT License.",
        "Employees of the Sponsor may not become winners.",
        "Teams may have at most five members.",
        "You may make at most three submissions per day.",
        "External data must be publicly available at no cost.",
        "You must not share code privately outside your team.",
        "You must not hand-label the test set.",
        "Each participant may use only one account.",
        "Participants must be at least 18 years old.",
        "You must not probe the leaderboard.",
        "Each Team may select up to two Final Submissions.",
        "Team mergers must happen before the merger deadline.",
        "You must accept the Data Use Agreement before downloading the data.",
        "Submissions must be made through Kaggle Notebooks.",
        "Notebooks must finish within nine hours.",
        "You may not use the internet during scoring.",
        "The write-up must be at most eight pages.",
        "Models must be released under an open licence.",
    ]
    .iter()
    .enumerate()
    {
        rules.push(clause(
            &format!("rules/2.9.{i}"),
            "Winners",
            Modality::Obligation,
            text,
        ));
    }
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        1,
        "For the prize teams, what do we need to hand over? And what format is the write-up?",
    )
    .thread_title = "Winners' documentation: what exactly is required?".into();
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        2,
        "We'll contact the preliminary winners this week and then start verifying their submissions.",
    )
    .thread_title = "Winners' documentation: what exactly is required?".into();
    // "winners", named by many rules here, and one word of the clause say
    // nothing of its acceptance documents…
    assert_eq!(status(&f.analyze(&rules), "rules/2.8.c"), Status::Uncovered);
    // … where a concept few rules name would place the answer on its topic.
    let rare = Params {
        common_concept_share: 1.0,
        ..Params::default()
    };
    let placed = f.analyze_params(&rules, &[], &rare);
    assert_eq!(status(&placed, "rules/2.8.c"), Status::Partial);
    // Too few rules tell no common concept.
    assert_eq!(
        status(&f.analyze(&rules[..12]), "rules/2.8.c"),
        Status::Partial
    );
}

#[test]
fn a_permission_set_apart_as_another_case_is_no_conflict() {
    let faq = || {
        clause(
            "faq/3",
            "FAQ",
            Modality::Prohibition,
            "Q: Can my notebook call a commercial LLM API during scoring? A: No. Submissions must not depend on any external service.",
        )
    };
    let question = "Can our notebook call the OpenAI API while it is scored?";
    let apart = "Scoring runs are offline, so any call will fail. Using hosted APIs while you develop is a different matter: that is fine as long as you stay within the provider's terms.";
    let r = moderator_answer(faq(), question, apart);
    assert_ne!(status(&r, "faq/3"), Status::Conflict);
    let plain = "Scoring runs are offline, so any call will fail. Using hosted APIs is fine as long as you stay within the provider's terms.";
    let r = moderator_answer(faq(), question, plain);
    assert_eq!(status(&r, "faq/3"), Status::Conflict);
}

#[test]
fn a_raised_limit_on_the_clauses_concept_is_a_change() {
    // Every rule speaks of Phase 1 submissions each day, so those words tell no topic;
    // the raised limit of the clause's concept still changes it.
    let rules: Vec<Clause> = [
        "You may make at most three (3) submissions per day in Phase 1.",
        "Phase 1 submissions are scored once a day on the public leaderboard.",
        "Phase 1 submissions must be made through the platform by 10:00 each day.",
        "Phase 1 submissions must include a forecast for every hour of the next day.",
        "Phase 1 submissions must not use data published after the day's forecast origin.",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| clause(&format!("rules/4.{i}"), "Phase 1", Modality::Obligation, t))
    .collect();
    let mut rules = rules;
    rules[0].modality = Modality::Permission;
    assert_eq!(
        judged_among(
            &rules,
            "rules/4.0",
            "And good news: from today the Phase 1 limit is raised to five submissions per team per day."
        ),
        Status::Conflict
    );
}

#[test]
fn an_unnamed_deadline_kept_open_changes_the_act_it_names() {
    let upload = clause(
        "rules/4.2.a",
        "Stage 2",
        Modality::Obligation,
        "To enter Stage 2, a team must select one Stage 1 submission as final and upload the matching inference container by 30 June 2023.",
    );
    let kept_open =
        "Because of the registry problems, the upload will stay open past the announced deadline.";
    assert_eq!(judged_alone(&upload, kept_open), Status::Conflict);
    // The documentation is due on another day, by another act.
    let documentation = clause(
        "rules/5.b",
        "Winners' Obligations",
        Modality::Obligation,
        "Each winning team must submit its documentation by 21 July 2023, after the results are announced.",
    );
    assert_ne!(judged_alone(&documentation, kept_open), Status::Conflict);
}

#[test]
fn an_acronym_of_the_clauses_name_uses_its_words() {
    let residence = clause(
        "rules/2.1.a",
        "Eligibility",
        Modality::Obligation,
        "The Competition is open to individuals resident in a member state of the European Economic Area, in Switzerland or in the United Kingdom.",
    );
    let answer = "Sorry: you need to live in the EEA, Switzerland or the UK to take part. Nationality doesn't matter, residence does.";
    assert_eq!(judged_alone(&residence, answer), Status::Covered);
}

#[test]
fn a_permission_of_anything_of_a_confined_topic_is_a_possible_conflict() {
    let confined = clause(
        "license/6",
        "",
        Modality::Obligation,
        "The Challenge Data must be stored and processed only on computer systems under the control of the Recipient's institution.",
    );
    let question = "Our lab GPUs are busy. Can we train on Colab or AWS instead?";
    let anywhere = "Yes, train wherever you like: Colab, AWS, your own cluster.";
    let r = moderator_answer(confined, question, anywhere);
    assert_eq!(status(&r, "license/6"), Status::Conflict);
    // A rule that does not confine the topic is not contradicted by it.
    let encrypted = clause(
        "license/7",
        "",
        Modality::Obligation,
        "Copies of the Challenge Data on cloud computer systems must be encrypted at rest.",
    );
    let r = moderator_answer(encrypted, question, anywhere);
    assert_ne!(status(&r, "license/7"), Status::Conflict);
}

#[test]
fn working_out_who_someone_is_is_re_identification() {
    let volunteers = clause(
        "rules/2.4.a",
        "Privacy",
        Modality::Prohibition,
        "You must not attempt to re-identify any Volunteer, whether by voice, metadata or any other means.",
    );
    let never = "Don't try to work out who the volunteers are from their voices.";
    assert_eq!(judged_alone(&volunteers, never), Status::Covered);
}

/// `rule` among twenty other rules, so that its own words are rare.
fn among_others(rule: Clause) -> Vec<Clause> {
    let mut rules = vec![rule];
    for i in 0..20 {
        rules.push(clause(
            &format!("other/{i}"),
            "Other",
            Modality::Obligation,
            &format!("Teams must file form {i} at the gala."),
        ));
    }
    rules
}

#[test]
fn a_clause_naming_a_thing_is_covered_only_by_naming_it() {
    let mit = among_others(clause(
        "rules/2.5.a",
        "Winner's Licence",
        Modality::Obligation,
        "As a condition of receiving a prize, you must license your winning source code under the MIT License.",
    ));
    let judged = |text: &str| {
        let mut f = Forum::new();
        f.post("1", 1, "host", Role::Host, 3, text);
        status(&f.analyze(&mit), "rules/2.5.a")
    };
    assert_eq!(
        judged(
            "To receive a prize, winners must release their winning source code as open source."
        ),
        Status::Partial
    );
    assert_eq!(
        judged("To receive a prize, winners must release their winning source code under MIT."),
        Status::Covered
    );
    // What a FAQ's question names are examples: its answer is the rule.
    let faq = among_others(clause(
        "faq/3",
        "FAQ",
        Modality::Permission,
        "Q: Can I use ChatGPT or Copilot to write my agent? A: Yes. AI-assisted code is allowed in your agent.",
    ));
    assert_eq!(
        judged_among(&faq, "faq/3", "AI-assisted code is allowed in your agent."),
        Status::Covered
    );
}

#[test]
fn a_permission_of_anything_of_its_concepts_covers_a_permission() {
    let external = clause(
        "rules/2.5.a",
        "Data",
        Modality::Permission,
        "Teams may use publicly available External Data to train their models.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Can we use external data from TCIA?",
    )
    .thread_title = "External data".into();
    f.post(
        "1",
        2,
        "mod",
        Role::Moderator,
        3,
        "Any dataset anyone can download is fine, TCIA included.",
    )
    .thread_title = "External data".into();
    assert_eq!(
        status(&f.analyze(&[external]), "rules/2.5.a"),
        Status::Covered
    );
}

#[test]
fn a_topic_every_rule_names_does_not_have_to_be_named() {
    // Many rules are about the Competition Data: a post speaks of it as "the data".
    let mut rules: Vec<Clause> = (1..=24)
        .map(|i| {
            let text = if i <= 5 {
                format!("The Competition Data must not be copied to device number {i}.")
            } else {
                format!("Teams must keep logbook number {i} up to date.")
            };
            clause(
                &format!("rules/1.{i}"),
                "General",
                Modality::Obligation,
                &text,
            )
        })
        .collect();
    rules.push(clause(
        "license/6",
        "Use of the Data",
        Modality::Prohibition,
        "The Competition Data may not be used for any commercial purpose.",
    ));
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "priya",
        Role::Host,
        3,
        "Outside the competition the data is for non-commercial research only. \
         Using it inside a company, for your pipeline or for paid work, isn't allowed.",
    );
    let r = f.analyze(&rules);
    assert_ne!(status(&r, "license/6"), Status::Uncovered);
}

#[test]
fn a_conditional_permission_of_what_a_short_clause_forbids_is_a_possible_conflict() {
    let sharing = clause(
        "rules/3.1.b",
        "Individuals and Teams",
        Modality::Prohibition,
        "Private sharing of code, data or models between Teams is not permitted.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "chen",
        Role::Participant,
        2,
        "A friend of mine is on another team. Is it OK if I send her my featurisation script?",
    );
    f.post(
        "1",
        2,
        "lukas",
        Role::Host,
        3,
        "Sharing a featurisation script with a friend on another team is fine, \
         as long as you don't pass around trained models or predictions.",
    )
    .reply_to = Some("1-1".into());
    let r = f.analyze(std::slice::from_ref(&sharing));
    assert_eq!(
        status(&r, "rules/3.1.b"),
        Status::Conflict,
        "{:#?}",
        r.clauses[0]
    );
}

#[test]
fn a_daily_cap_raised_in_plain_words_is_a_change() {
    let cap = clause(
        "rules/3.1.b",
        "Submissions",
        Modality::Permission,
        "Each team may make at most three (3) submissions per calendar day, counted in UTC.",
    );
    assert_eq!(
        judged_alone(
            &cap,
            "Good news: starting today the cap goes up to five a day for everyone."
        ),
        Status::Conflict
    );
}

#[test]
fn the_clauses_own_value_in_answer_to_a_question_on_its_topic_covers_it() {
    let team = clause(
        "rules/2.1.a",
        "Teams",
        Modality::Permission,
        "A Team may consist of at most four (4) Participants.",
    );
    let judged = |answer: &str| {
        judged_answer(
            &team,
            "Looking for teammates! How many people can a team have?",
            answer,
        )
    };
    assert_eq!(judged("Up to four of you."), Status::Covered);
    // Another number in the same answer is no restatement.
    assert_ne!(judged("Up to six of you."), Status::Covered);
}

#[test]
fn moving_the_data_is_no_change_to_a_rule() {
    let storage = clause(
        "dua/6",
        "Data security",
        Modality::Obligation,
        "The Challenge Data must be kept only on encrypted devices or access-controlled storage under your control, and must never be uploaded to public notebooks, public code repositories or consumer file-sharing services.",
    );
    let judged = |text: &str| judged_alone(&storage, text);
    assert_ne!(
        judged(
            "We've moved the dataset to new cloud storage. The old download links stop working on Friday. The new links are signed per user and the transfer is encrypted end to end."
        ),
        Status::Conflict
    );
    // A change naming what a rule sets still changes it.
    let present = clause(
        "rules/2.7.a",
        "Prizes",
        Modality::Obligation,
        "A prize is awarded only if at least one Team member presents the method in person at the Workshop.",
    );
    assert_eq!(
        judged_alone(
            &present,
            "Attending the workshop in person is no longer a condition for receiving a prize."
        ),
        Status::Conflict
    );
}

#[test]
fn a_sanction_beside_a_deadline_need_not_be_restated() {
    // "Submissions made after it will not be scored" follows from the
    // deadline; an announcement restating the date covers the clause.
    let deadline = clause(
        "rules/2.3.a",
        "Timeline",
        Modality::Obligation,
        "The Final Submission Deadline is 15 September 2025 at 11:59 PM UTC; Submissions made after it will not be scored.",
    );
    assert_eq!(
        judged_alone(
            &deadline,
            "The team merger deadline moves to 12 September. The final submission deadline stays where it is: 15 September, 23:59 UTC."
        ),
        Status::Covered
    );
}

#[test]
fn an_answer_is_read_whole_and_a_date_for_another_deadline_is_not_this_one() {
    let accounts = clause(
        "rules/3.1.a",
        "Conduct",
        Modality::Prohibition,
        "You may not participate using more than one account; doing so will result in disqualification.",
    );
    assert_eq!(
        judged_answer(
            &accounts,
            "I've got one account on my uni email and an older one from my work laptop. Could I keep both if I only ever submit from one of them?",
            "No. One person, one account. Duplicates get removed and whoever is behind them is out of the competition.",
        ),
        Status::Covered
    );

    let entry = clause(
        "rules/2.3.b",
        "Timeline",
        Modality::Obligation,
        "To be eligible for a prize, each Participant must have accepted these Rules before the Entry Deadline of 8 September 2025, 11:59 PM UTC.",
    );
    assert_eq!(
        judged_answer(
            &entry,
            "When exactly is the merger deadline? The overview page gives no time zone.",
            "8 September, 23:59 UTC.",
        ),
        Status::Uncovered
    );
}

#[test]
fn an_instruction_restating_a_duty_covers_it() {
    let sources = clause(
        "documentation/5",
        "Documentation",
        Modality::Obligation,
        "Every External Data source and pre-trained model must be listed with the location it was obtained from and the licence under which it was obtained.",
    );
    assert_eq!(
        judged_answer(
            &sources,
            "For the write-up, do we list outside datasets, checkpoints, or both?",
            "Both. For each outside dataset or checkpoint, say where you downloaded it from and what licence it came with.",
        ),
        Status::Covered
    );
}

#[test]
fn a_limit_changes_only_with_a_value_and_a_correction_from_today_changes_it() {
    let daily = clause(
        "rules/3.1.a",
        "Submissions",
        Modality::Permission,
        "Each team may upload up to three (3) prediction files per day; the daily count resets at 00:00 UTC.",
    );
    assert_eq!(
        judged_alone(
            &daily,
            "From today each team can make two submissions a day, not three. The counter still resets at midnight UTC."
        ),
        Status::Conflict
    );
    let finals = clause(
        "rules/4.1.c",
        "Final submissions",
        Modality::Permission,
        "Each team may select up to two (2) submissions for final scoring on the private leaderboard.",
    );
    assert_ne!(
        judged_alone(
            &finals,
            "From now on, v_seq_ratio must not be used in any model, and submissions that use it will be excluded from the final ranking."
        ),
        Status::Conflict
    );
}

#[test]
fn an_answer_to_a_question_on_the_clause_states_it_in_other_words() {
    let by_hand = clause(
        "rules/2.6.c",
        "Test data",
        Modality::Prohibition,
        "Participants must not label any test soundscape by hand, including by listening to it and noting down the species heard.",
    );
    let judged = |answer: &str| {
        judged_answer(
            &by_hand,
            "Is it ok if my brother (very good birder) listens to the 3 example test soundscapes and writes down what he hears, so we can calibrate our thresholds?",
            answer,
        )
    };
    // A no in other words states the ban.
    assert_eq!(
        judged(
            "No. No human ears on test audio for labelling, and that includes the example files."
        ),
        Status::Covered
    );
    // An answer that rules nothing still speaks of it, if it names any of it.
    assert_eq!(
        judged("Thresholds are tricky this year; the species labels are noisy."),
        Status::Partial
    );
    assert_eq!(
        judged("Thresholds are tricky this year; the example files are short."),
        Status::Uncovered
    );
}

#[test]
fn a_yes_or_no_settles_a_permission_or_prohibition_but_not_a_listed_duty() {
    let api = clause(
        "faq/3",
        "FAQ",
        Modality::Prohibition,
        "Q: Can my notebook call a commercial LLM API during scoring? A: No. Scoring runs have no internet access, and Submissions must not depend on any external service.",
    );
    assert_eq!(
        judged_answer(
            &api,
            "Is it allowed for the scoring notebook to call the OpenAI API?",
            "No. Scoring runs are offline, so a call to OpenAI or any other service will simply fail and the submission errors out.",
        ),
        Status::Covered
    );
    let code = clause(
        "documentation/2",
        "Documentation",
        Modality::Obligation,
        "Winners must provide the complete training code, running from the raw Competition Data to the final weights, including any cleaning or relabelling of the data.",
    );
    assert_eq!(
        judged_answer(
            &code,
            "Do winners need to hand in the training code or only the inference notebook?",
            "Yes, you must provide the training code too.",
        ),
        Status::Partial
    );
}

#[test]
fn one_passing_mention_of_a_topic_asked_about_in_vain_leaves_it_uncovered() {
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "mod",
        Role::Moderator,
        2,
        "External data must be posted in this thread before the entry deadline.",
    );
    f.post(
        "2",
        1,
        "pat",
        Role::Participant,
        4,
        "Can external data cost money, or must it be free and public?",
    );
    let r = f.analyze(&[external_data_rule()]);
    let c = &r.clauses[0];
    assert_eq!(r.unanswered.len(), 1, "{:#?}", r.unanswered);
    assert_eq!(c.status, Status::Uncovered, "{c:#?}");
    assert!(c.evidence.is_empty(), "{c:#?}");
    for named in [
        "pat",
        "https://f.example/t/2/1",
        "mod",
        "https://f.example/t/1/1",
    ] {
        assert!(c.explanation.contains(named), "{named}: {}", c.explanation);
    }
    // Two official posts on the topic discuss it: still partial.
    f.post(
        "3",
        1,
        "host",
        Role::Host,
        5,
        "All external data must be posted in the forum before the entry deadline.",
    );
    let r = f.analyze(&[external_data_rule()]);
    assert_eq!(r.clauses[0].status, Status::Partial, "{:#?}", r.clauses[0]);
}

#[test]
fn an_answer_giving_the_clauses_own_number_states_it() {
    let finals = clause(
        "rules/2.2.b",
        "Submission Limits",
        Modality::Permission,
        "Before the challenge closes, each team may choose up to two (2) submissions for final scoring on the private leaderboard.",
    );
    let question =
        "Does the new daily limit change how many we pick for the private LB at the end? still 2?";
    assert_eq!(
        judged_answer(&finals, question, "Yes, two."),
        Status::Covered
    );
    // Another number is no restatement.
    assert_ne!(
        judged_answer(&finals, question, "Yes, three."),
        Status::Covered
    );
}

/// A question opening a thread in words no concept names ("how many ppl can
/// join?") asks about what its thread's title names: it is linked by that,
/// and an answer to it speaks of the clause ("Five people tops.").
#[test]
fn a_thread_opening_question_is_linked_by_its_title() {
    let size = clause(
        "rules/2.2.a",
        "Teams",
        Modality::Prohibition,
        "A Team may have no more than five (5) members.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "tina",
        Role::Participant,
        2,
        "hi all! how many ppl can join? we're 4 from a uni lab and might pick up a fifth",
    )
    .thread_title = "Team size and merging".into();
    let asked = f.analyze(std::slice::from_ref(&size));
    assert_eq!(asked.unanswered.len(), 1, "{:#?}", asked.unanswered);
    assert_eq!(asked.unanswered[0].clauses, vec!["rules/2.2.a"]);
    f.post("1", 2, "mod", Role::Moderator, 3, "Five people tops.")
        .thread_title = "Team size and merging".into();
    let r = f.analyze(&[size]);
    assert!(r.unanswered.is_empty(), "{:#?}", r.unanswered);
    assert_eq!(
        status(&r, "rules/2.2.a"),
        Status::Covered,
        "{:#?}",
        r.clauses
    );
}

/// A ban with a long negative subject ("welcome to play, but nobody from
/// HCMA or GeoScan, or anyone who helped …, can take home a prize") restates
/// a clause forbidding prizes to those people; a plain "allowed to receive a
/// prize" to the same people reverses it.
#[test]
fn a_ban_with_a_long_negative_subject_restates_the_clause() {
    let staff = clause(
        "rules/2.1.b",
        "Eligibility",
        Modality::Prohibition,
        "Staff of HCMA and of its survey contractor GeoScan Ltd, and anyone who helped prepare the Competition Data, may take part but cannot receive a prize.",
    );
    let question =
        "I worked at GeoScan on the survey last year. Can I still enter and win a prize?";
    let r = moderator_answer(
        staff.clone(),
        question,
        "You're welcome to play and you'll show up on the leaderboard, but nobody from HCMA or GeoScan, or anyone who helped put the scans together, can take home a prize.",
    );
    assert_eq!(
        status(&r, "rules/2.1.b"),
        Status::Covered,
        "{:#?}",
        r.clauses
    );
    let r = moderator_answer(
        staff,
        question,
        "Yes, that's fine: GeoScan staff are allowed to take part and to receive a prize like anyone else.",
    );
    assert_eq!(
        status(&r, "rules/2.1.b"),
        Status::Conflict,
        "{:#?}",
        r.clauses
    );
}

/// A list ending as a blanket permission does, right after an outright one
/// ("… you're good to go. Building footprints, street photos, whatever
/// helps."), permits what it lists: leaving out a secondary document's
/// consent duty for street photos is a possible conflict. The same list
/// after no permission permits nothing.
#[test]
fn a_list_after_a_blanket_permission_permits_what_it_lists() {
    let consent = clause(
        "documentation/6",
        "External data",
        Modality::Obligation,
        "Teams must hold the written consent of every person shown in any street photos they use as external data.",
    );
    let list = "Building footprints, street photos, parcel layers, satellite scenes, whatever helps your model.";
    // The host's one post, in the competition's external data thread.
    let judged = |text: &str| {
        let mut f = Forum::new();
        f.post("1", 1, "host", Role::Host, 3, text).thread_title = "External data".into();
        status(
            &f.analyze(std::slice::from_ref(&consent)),
            "documentation/6",
        )
    };
    let blanket = format!(
        "Short version: if it's public and anyone can get it for free, you're good to go. {list}"
    );
    assert_eq!(judged(&blanket), Status::Conflict, "{blanket}");
    assert_ne!(
        judged(&format!("Thanks for the pointers. {list}")),
        Status::Conflict
    );
}

/// A raised limit announced in words with hyphens ("raising the notebook
/// run-time limit from 9 to 12 hours") changes the rule it raises; the label
/// before it ("Rule update, effective today:") does not make its reason one.
#[test]
fn a_raised_run_time_limit_is_a_change() {
    let run_time = clause(
        "rules/2.7.b",
        "Code Requirements",
        Modality::Obligation,
        "A submitting Notebook must finish within nine (9) hours of run time, whether it runs on CPU or GPU.",
    );
    let test_images = clause(
        "rules/3.4.a",
        "Fair Play",
        Modality::Prohibition,
        "Hand labelling of test images is prohibited: every grade in a Submission must be produced by your model.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "host",
        Role::Host,
        3,
        "Rule update, effective today: at full resolution the hidden test set is ~42k images and decoding alone takes close to three hours. We're therefore raising the notebook run-time limit from 9 to 12 hours, for CPU and GPU notebooks alike.",
    );
    let r = f.analyze(&[run_time, test_images]);
    assert_eq!(status(&r, "rules/2.7.b"), Status::Conflict);
    assert_ne!(status(&r, "rules/3.4.a"), Status::Conflict);
}

/// A rate is no other value for a total: "five submissions per day" does
/// not contradict "a maximum of two (2) Final Submissions", but does
/// "at most three (3) Submissions per day".
#[test]
fn a_daily_limit_is_not_a_total() {
    let daily = clause(
        "rules/2.2.a",
        "Submission Limits",
        Modality::Permission,
        "You may make at most three (3) Submissions per day.",
    );
    let finals = clause(
        "rules/2.2.b",
        "Submission Limits",
        Modality::Permission,
        "You may select a maximum of two (2) Final Submissions for judging.",
    );
    let text = "Announcement: to leave room for final experiments, every team can make five submissions per day from 16 May until the close.";
    let r = {
        let mut f = Forum::new();
        f.post("1", 1, "admin", Role::Admin, 3, text);
        f.analyze(&[daily, finals])
    };
    assert_eq!(status(&r, "rules/2.2.a"), Status::Conflict);
    assert_ne!(status(&r, "rules/2.2.b"), Status::Conflict);
}

/// A permission naming nothing of the rule ("hold on to whatever you like
/// between batches") is no blanket permission of its topic, whatever the
/// thread is about.
#[test]
fn a_permission_naming_nothing_takes_no_topic_from_its_thread() {
    let locked = clause(
        "rules/2.3.d",
        "Competition Timeline",
        Modality::Prohibition,
        "After the Final Submission Deadline, you may not edit, replace or re-select the Notebooks chosen as your Final Submissions.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Can my notebook keep past batches in memory between calls to the evaluation API?",
    );
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        3,
        "Yes to both. Hold on to whatever you like between batches; that's what they're there for.",
    )
    .reply_to = Some("1-1".into());
    assert_ne!(
        status(&f.analyze(&[locked]), "rules/2.3.d"),
        Status::Conflict
    );
}

/// A conditional blanket permission ("if it's free and anyone can download
/// it, you can use it") permits anything of its topic: it leaves out whole a
/// restriction another document hides, as "any dataset is fine" does.
#[test]
fn a_conditional_blanket_leaves_out_a_hidden_prohibition() {
    let rules = clause(
        "rules/2.6.a",
        "External Data",
        Modality::Permission,
        "External Data may be used only if it is publicly available and equally accessible to every Participant at no cost.",
    );
    let docs = clause(
        "documentation/6",
        "Documentation Requirements",
        Modality::Prohibition,
        "External Data whose values are revised after first publication must be used in point-in-time form; a solution trained on later-revised values is not eligible for a prize.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Can we use outside data like macro series and company fundamentals for this competition?",
    );
    f.post(
        "1",
        2,
        "mod",
        Role::Moderator,
        3,
        "Short version: if it's free and anyone can download it, you can use it. You don't need to clear anything with us.",
    )
    .reply_to = Some("1-1".into());
    let r = f.analyze(&[rules, docs]);
    assert_eq!(status(&r, "documentation/6"), Status::Conflict);
}

/// Another named deadline on the same day does not state the clause's:
/// "the team merger deadline is tomorrow, 9 October" says nothing of the
/// Entry Deadline of 9 October.
#[test]
fn the_same_date_for_another_deadline_is_not_the_clause() {
    let entry = clause(
        "rules/2.3.a",
        "Competition Timeline",
        Modality::Obligation,
        "Entry Deadline: you must accept these Rules on the Competition Website before 9 October 2025 at 11:59 PM UTC in order to participate.",
    );
    assert_eq!(
        judged_alone(
            &entry,
            "Reminder: the team merger deadline is tomorrow, 9 October at 11:59 PM UTC."
        ),
        Status::Uncovered
    );
}

/// An official withdrawing a documented permission in everyday words
/// ("please don't feed the start time … into your models") contradicts it.
#[test]
fn leaving_an_input_out_withdraws_a_permission() {
    let faq = clause(
        "faq/3",
        "FAQ",
        Modality::Permission,
        "Q: May I use the trace start time in the metadata as a model input? A: Yes. The start time of each trace may be used as a feature.",
    );
    let mut f = Forum::new();
    f.post(
        "1",
        1,
        "pat",
        Role::Participant,
        2,
        "Is the trace start time really OK as a model input?",
    );
    f.post(
        "1",
        2,
        "host",
        Role::Host,
        3,
        "Update after looking at the leaderboard: from now on, please don't feed the start time, or anything computed from it, into your models.",
    )
    .reply_to = Some("1-1".into());
    assert_eq!(status(&f.analyze(&[faq]), "faq/3"), Status::Conflict);
}

/// "There's no page cap" lifts the limit of "no more than eight (8) pages",
/// though it names no concept of the clause and only one of its words.
#[test]
fn no_page_cap_lifts_a_page_limit() {
    let pages = clause(
        "documentation/8",
        "Documentation Requirements",
        Modality::Obligation,
        "The written report must be delivered as a PDF of no more than eight (8) pages.",
    );
    assert_eq!(
        judged_alone(
            &pages,
            "On length: there's no page cap, so go into as much detail as is genuinely useful to us."
        ),
        Status::Conflict
    );
}
