//! Segmentation of realistic documents: the clause ids, texts and headings a
//! careful reader would cite, for a Kaggle page saved from a browser (three
//! numbering levels, a Foundational Rules block), a DrivenData-style page, a
//! markdown FAQ, winning-model documentation guidelines, a ragged text copy,
//! a PDF, and the demo and evaluation documents.

use pretty_assertions::assert_eq;
use rulegap::datadir::DataDir;
use rulegap::docs::{ConceptMatcher, build_clauses, input_text, load_source, segment_text};
use rulegap::model::{Clause, DocKind, Modality, RuleDoc};
use rulegap::query::topics::TopicLibrary;

use crate::util::repo;

/// The clauses of a fixture file, as `doc add` would build them.
fn clauses_of(path: &std::path::Path, kind: DocKind) -> Vec<Clause> {
    let data = DataDir::new(std::env::temp_dir().join("rulegap-docs-segment-unused"));
    let loaded = load_source(
        path.to_str().unwrap(),
        "c",
        &data,
        &rulegap::docs::FetchSettings::default(),
    )
    .unwrap();
    let text = input_text(&loaded).unwrap();
    let segmented = segment_text(loaded.format, &text, kind);
    let doc = RuleDoc {
        id: kind.as_str().into(),
        competition: "test".into(),
        kind,
        title: segmented.title.clone().unwrap_or_default(),
        url: loaded.source.clone(),
        version: 1,
        fetched_at: jiff::Timestamp::UNIX_EPOCH,
    };
    let matcher = ConceptMatcher::new(&TopicLibrary::builtin().unwrap());
    build_clauses(&doc, &segmented.segments, &matcher)
}

fn fixture(name: &str, kind: DocKind) -> Vec<Clause> {
    clauses_of(&repo().join("tests/fixtures/docs").join(name), kind)
}

fn ids(cs: &[Clause]) -> Vec<&str> {
    cs.iter().map(|c| c.id.as_str()).collect()
}

fn get<'a>(cs: &'a [Clause], id: &str) -> &'a Clause {
    cs.iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no clause {id} in {:?}", ids(cs)))
}

#[test]
fn kaggle_page_saved_from_browser() {
    let cs = fixture("kaggle-rules.html", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/competition-rules",
            "rules/competition-rules-2",
            "rules/competition-rules-3",
            "rules/1.1",
            "rules/1.2",
            "rules/1.3",
            "rules/1.4",
            "rules/1.5",
            "rules/1.6",
            "rules/1.7",
            "rules/2",
            "rules/2.1.a",
            "rules/2.1.b",
            "rules/2.1.b-2",
            "rules/2.2.a",
            "rules/2.2.b",
            "rules/2.3.a",
            "rules/2.4.a",
            "rules/2.4.b",
            "rules/2.4.b-2",
            "rules/2.5.a",
            "rules/2.5.b",
            "rules/2.6.a",
            "rules/2.6.a-2",
            "rules/2.6.b",
            "rules/2.6.b.1",
            "rules/2.6.b.2",
            "rules/2.6.c",
            "rules/2.7.a",
            "rules/2.8.a",
            "rules/2.8.b",
            "rules/2.9.a",
            "rules/found",
            "rules/found/1.a",
            "rules/found/1.b",
            "rules/found/2.a",
            "rules/found/2.b",
            "rules/found/2.b-2",
            "rules/found/3.a",
        ]
    );
    assert_eq!(
        get(&cs, "rules/1.1").text,
        "COMPETITION TITLE: Harbor Seal Counting Challenge"
    );
    assert_eq!(get(&cs, "rules/1.1").modality, Modality::Informational);
    let a = get(&cs, "rules/2.6.a");
    assert_eq!(
        a.text,
        "You may use data other than the Competition Data (\u{201c}External Data\u{201d}) to develop and test your Submissions."
    );
    assert_eq!(
        a.heading,
        vec!["COMPETITION-SPECIFIC RULES", "EXTERNAL DATA AND TOOLS"]
    );
    assert_eq!(
        (a.modality, a.cues.clone()),
        (Modality::Permission, vec!["may".to_owned()])
    );
    assert!(
        a.topics.contains(&"external-data".to_owned()),
        "{:?}",
        a.topics
    );
    let a2 = get(&cs, "rules/2.6.a-2");
    assert!(
        a2.text
            .starts_with("However, you will ensure the External Data is either publicly available")
    );
    assert_eq!(a2.modality, Modality::Obligation);
    assert_eq!(a2.refs, vec!["rules/2.6.b"]);
    assert_eq!(
        get(&cs, "rules/2.6.b.2").text,
        "Purchasing a license to use a proprietary dataset that exceeds the cost of a prize in the competition would not be considered reasonable."
    );
    // "Section 2.8 (Winners' Obligations)" resolves to the clauses of 2.8.
    assert_eq!(
        get(&cs, "rules/2.5.a").refs,
        vec!["rules/2.8.a", "rules/2.8.b"]
    );
    let f = get(&cs, "rules/found/2.a");
    assert_eq!(
        f.text,
        "You may not participate in the Competition using more than one Kaggle account."
    );
    assert_eq!(
        f.heading,
        vec![
            "KAGGLE COMPETITION FOUNDATIONAL RULES (NON-EDITABLE)",
            "INDIVIDUALS AND TEAMS"
        ]
    );
    assert_eq!(f.modality, Modality::Prohibition);
    // Chrome: cookie banner, navigation, sidebar, "Last updated", footer, scripts.
    for c in &cs {
        for chrome in [
            "cookies",
            "Sign In",
            "Last updated",
            "Kaggle Inc",
            "__data",
            "Datasets",
        ] {
            assert!(
                !c.text.contains(chrome),
                "{} holds chrome `{chrome}`: {}",
                c.id,
                c.text
            );
        }
    }
}

#[test]
fn drivendata_page_without_numbering_gets_heading_ids() {
    let cs = fixture("drivendata-rules.html", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/p1",
            "rules/eligibility",
            "rules/eligibility-2",
            "rules/eligibility-3",
            "rules/teams",
            "rules/teams-2",
            "rules/teams-3",
            "rules/external-data",
            "rules/external-data-2",
            "rules/prizes",
            "rules/prizes-2",
            "rules/prizes-3",
            "rules/winners",
            "rules/winners-2",
        ]
    );
    assert_eq!(
        get(&cs, "rules/teams-2").text,
        "No participant may belong to more than one team."
    );
    assert_eq!(get(&cs, "rules/teams-2").modality, Modality::Prohibition);
    assert_eq!(get(&cs, "rules/prizes").text, "1st | $12,000");
    assert_eq!(
        get(&cs, "rules/eligibility-2").text,
        "Employees of the Sponsor and of DrivenData are not eligible to win prizes."
    );
    let ext = get(&cs, "rules/external-data");
    assert_eq!(ext.modality, Modality::Prohibition);
    assert_eq!(
        ext.exceptions,
        vec!["except for the satellite imagery listed on the data page"]
    );
}

#[test]
fn markdown_faq_pairs_questions_with_answers() {
    let cs = fixture("faq.md", DocKind::Faq);
    assert_eq!(ids(&cs), vec!["faq/q1", "faq/q2", "faq/q3", "faq/q4"]);
    assert_eq!(
        get(&cs, "faq/q1").text,
        "Can I use Landsat imagery that is not on the data page? No. Only the imagery listed on the data page may be used; other external data is not allowed."
    );
    assert_eq!(
        get(&cs, "faq/q3").text,
        "Q: How many submissions can I make per day? A: You can make up to three submissions per day."
    );
    assert_eq!(get(&cs, "faq/q3").modality, Modality::Permission);
    assert_eq!(get(&cs, "faq/q4").heading, vec!["Submissions"]);
}

#[test]
fn documentation_guidelines_with_lettered_sections_and_roman_items() {
    let cs = fixture("documentation.md", DocKind::Documentation);
    assert_eq!(
        ids(&cs),
        vec![
            "documentation/p1",
            "documentation/A.1",
            "documentation/A.2",
            "documentation/A.3",
            "documentation/B.1",
            "documentation/B.2",
            "documentation/B.2.i",
            "documentation/B.2.ii",
            "documentation/B.3",
            "documentation/C.1",
        ]
    );
    assert_eq!(
        get(&cs, "documentation/B.2.ii").text,
        "list the training and inference run times."
    );
    assert_eq!(get(&cs, "documentation/A.3").modality, Modality::Exemption);
    let consent = get(&cs, "documentation/C.1");
    assert_eq!(consent.modality, Modality::Obligation);
    assert!(
        consent.concepts.contains(&"consent".to_owned()),
        "{:?}",
        consent.concepts
    );
    assert!(
        consent.concepts.contains(&"persons_depicted".to_owned()),
        "{:?}",
        consent.concepts
    );
    assert_eq!(
        consent.conditions,
        vec!["If your External Data depicts identifiable people"]
    );
}

#[test]
fn ragged_copy_keeps_the_numbering() {
    let cs = fixture("rules-ragged.txt", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/2.1.a",
            "rules/2.1.b",
            "rules/2.2.a",
            "rules/2.2.b",
            "rules/2.6.a",
            "rules/2.6.b",
            "rules/2.8.a",
            "rules/general-rules",
            "rules/general-rules-2",
        ]
    );
    assert_eq!(
        get(&cs, "rules/2.1.b").text,
        "Team mergers are allowed and can be performed by the Team leader."
    );
    assert_eq!(
        get(&cs, "rules/2.6.a").text,
        "You may use data other than the Competition Data (\"External Data\") to develop and test your Submissions, provided that it is publicly available at no cost."
    );
    assert_eq!(
        get(&cs, "rules/2.6.a").heading,
        vec!["COMPETITION-SPECIFIC RULES", "External Data and Tools"]
    );
    assert_eq!(
        get(&cs, "rules/2.8.a").heading,
        vec!["COMPETITION-SPECIFIC RULES", "Winner's Obligations"]
    );
}

#[test]
fn pdf_text_is_segmented_like_text() {
    let cs = fixture("rules.pdf", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/1.a",
            "rules/1.b",
            "rules/2.a",
            "rules/2.b",
            "rules/3.a"
        ]
    );
    assert_eq!(
        get(&cs, "rules/2.a").text,
        "You may use external data, provided that it is publicly available at no cost to all participants."
    );
    assert_eq!(
        get(&cs, "rules/3.a").text,
        "Winners must deliver their code and documentation within 14 days (see Section 2.b)."
    );
    assert_eq!(get(&cs, "rules/3.a").refs, vec!["rules/2.b"]);
}

#[test]
fn evaluation_documents_give_the_gold_clause_ids() {
    let eval = repo().join("tests/eval");
    let Ok(entries) = std::fs::read_dir(&eval) else {
        return;
    };
    for comp in entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("gold.toml").exists())
    {
        let gold = std::fs::read_to_string(comp.join("gold.toml")).unwrap();
        let mut want: Vec<String> = gold
            .lines()
            .filter_map(|l| l.strip_prefix("id = \""))
            .map(|l| l.trim_end_matches('"').to_owned())
            .collect();
        want.sort();
        // The documents as competition.toml lists them: an id may differ
        // from its kind ("dua", a licence).
        let spec: toml::Value =
            toml::from_str(&std::fs::read_to_string(comp.join("competition.toml")).unwrap())
                .unwrap();
        let mut got = Vec::new();
        for doc in spec["documents"].as_array().unwrap() {
            let kind = [
                DocKind::Rules,
                DocKind::Documentation,
                DocKind::Faq,
                DocKind::License,
            ]
            .into_iter()
            .find(|k| k.as_str() == doc["kind"].as_str().unwrap())
            .unwrap();
            let id = doc["id"].as_str().unwrap();
            let file = comp.join(doc["file"].as_str().unwrap());
            got.extend(
                clauses_of(&file, kind)
                    .into_iter()
                    .map(|c| format!("{id}/{}", c.path)),
            );
        }
        got.sort();
        assert_eq!(got, want, "{}", comp.display());
    }
}

#[test]
fn demo_rules_split_the_external_data_item_into_its_rules() {
    let file = repo().join("src/demo/data/rules.md");
    if !file.exists() {
        return;
    }
    let cs = clauses_of(&file, DocKind::Rules);
    assert_eq!(
        get(&cs, "rules/1.1").text,
        "COMPETITION TITLE: Wildlife Camera Trap Challenge 2026"
    );
    assert_eq!(get(&cs, "rules/2.6.a").modality, Modality::Permission);
    let last = get(&cs, "rules/2.6.a-3");
    assert!(last.text.contains("does not limit your other obligations"));
    assert_eq!(last.modality, Modality::Obligation);
    assert_eq!(
        last.refs,
        vec!["rules/2.8.a", "rules/2.8.b", "rules/2.8.c", "rules/2.8.d"]
    );
    assert!(
        !cs.iter().any(|c| c.text.starts_with("Version 1")),
        "the version line is chrome"
    );
}

/// Numbers fused to their text (`2.2Employees`, `## 2.Eligibility`) and items
/// written as labelled bullets (`- a.`) keep the document's own numbering, so
/// inserting an item does not renumber its neighbours by position.
#[test]
fn fused_numbers_and_labelled_bullets_keep_their_numbers() {
    let cs = fixture("fused-numbers.md", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/1.1",
            "rules/2.1",
            "rules/2.2",
            "rules/3.1.a",
            "rules/3.1.b",
            "rules/3.1.c"
        ]
    );
    let c = get(&cs, "rules/2.2");
    assert_eq!(
        c.text,
        "Employees of the Sponsor are not eligible for prizes."
    );
    assert_eq!(c.heading, vec!["Eligibility"]);
    assert_eq!(get(&cs, "rules/3.1.c").modality, Modality::Prohibition);
}

/// Bare list items after "you must be:" are requirements, not information;
/// a bold run-in number (`<b>2.EXTERNAL DATA AND TOOLS</b>`) is a section.
#[test]
fn items_introduced_by_a_colon_take_its_reading() {
    let cs = fixture("lead-in-list.html", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/1",
            "rules/1-2",
            "rules/1-3",
            "rules/2.a",
            "rules/2.b"
        ]
    );
    assert_eq!(get(&cs, "rules/1-2").modality, Modality::Obligation);
    assert_eq!(
        get(&cs, "rules/1-2").text,
        "a registered account holder at example.org;"
    );
    assert_eq!(
        get(&cs, "rules/2.a").heading,
        vec!["EXTERNAL DATA AND TOOLS"]
    );
}

/// Headings numbered with a word ("Section 2: Teams") number the items under
/// them; a table whose first cell is a number is a list of numbered clauses;
/// a "Q:" paragraph and the "A:" paragraph after it are one clause, in a
/// rules page as in a FAQ.
#[test]
fn section_words_numbered_table_rows_and_labelled_answers() {
    let cs = fixture("section-words.md", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec!["rules/2.1", "rules/2.2", "rules/3.1", "rules/3.1.a"]
    );
    assert_eq!(get(&cs, "rules/3.1").heading, vec!["Submissions"]);

    let cs = fixture("table-and-qa.html", DocKind::Rules);
    assert_eq!(
        ids(&cs),
        vec![
            "rules/3.1",
            "rules/3.2",
            "rules/4.1",
            "rules/4.2",
            "rules/q1"
        ]
    );
    assert_eq!(
        get(&cs, "rules/4.1").text,
        "You may use external data if it is public."
    );
    let qa = get(&cs, "rules/q1");
    assert_eq!(
        qa.text,
        "Q: Can I use ImageNet weights? A: Yes, if you post them in the External Data thread."
    );
    assert_eq!(qa.modality, Modality::Permission);
}
