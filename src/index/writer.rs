//! Writing to the store: upsert (delete by key, then add), deletes by
//! competition or document, explicit commits.
//!
//! Callers commit in batches; a crash loses at most the uncommitted batch.

use tantivy::schema::Field;
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

use super::Fields;
use super::schema::{KIND_CLAUSE, KIND_POST};
use crate::error::Result;
use crate::model::{Clause, Post};

/// What the analysis derives from a post when it is indexed (ANALYSIS.md §10).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    /// A participant post that asks a question.
    pub question: bool,
    /// Rule topics the post speaks about.
    pub topics: Vec<String>,
}

type Annotator = Box<dyn Fn(&Post) -> Annotation + Send>;

/// The single writer of a store.
pub struct StoreWriter {
    writer: IndexWriter,
    fields: Fields,
    annotator: Option<Annotator>,
    pending: usize,
}

impl StoreWriter {
    pub(super) fn new(writer: IndexWriter, fields: Fields) -> Self {
        StoreWriter {
            writer,
            fields,
            annotator: None,
            pending: 0,
        }
    }

    /// Sets the function that flags questions and topics of each post as it is indexed.
    pub fn set_annotator(&mut self, f: impl Fn(&Post) -> Annotation + Send + 'static) {
        self.annotator = Some(Box::new(f));
    }

    /// Adds `post`, replacing any earlier copy with the same site and id.
    pub fn upsert_post(&mut self, post: &Post) -> Result<()> {
        let f = self.fields;
        let key = post.key();
        self.writer.delete_term(Term::from_field_text(f.key, &key));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_POST);
        doc.add_text(f.key, &key);
        doc.add_text(f.site, &post.site);
        doc.add_text(f.competition, &post.competition);
        doc.add_text(f.role, post.role.as_str());
        doc.add_text(f.author, &post.author);
        doc.add_text(f.thread, &post.thread_id);
        doc.add_text(f.source, &post.source);
        doc.add_date(
            f.date,
            DateTime::from_timestamp_micros(post.created_at.as_microsecond()),
        );
        doc.add_text(f.title, &post.thread_title);
        doc.add_text(f.body, &post.text);
        doc.add_text(f.cue, &post.text);
        for q in &post.quotes {
            doc.add_text(f.quotes, &q.text);
        }
        let note = self.annotator.as_ref().map(|a| a(post)).unwrap_or_default();
        for t in &note.topics {
            doc.add_text(f.topic, t);
        }
        doc.add_u64(f.question, u64::from(note.question));
        doc.add_text(
            f.json,
            serde_json::to_string(post).expect("posts serialise"),
        );
        self.writer.add_document(doc)?;
        self.pending += 1;
        Ok(())
    }

    /// Adds `clause`, replacing the clause with the same competition and id.
    pub fn upsert_clause(&mut self, clause: &Clause, created_at: jiff::Timestamp) -> Result<()> {
        let f = self.fields;
        let key = clause_key(&clause.competition, &clause.id);
        self.writer.delete_term(Term::from_field_text(f.key, &key));
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_CLAUSE);
        doc.add_text(f.key, &key);
        doc.add_text(f.site, "docs");
        doc.add_text(f.competition, &clause.competition);
        doc.add_text(f.role, clause.modality.as_str());
        doc.add_text(f.thread, &clause.doc);
        doc.add_text(f.source, "docs");
        doc.add_date(
            f.date,
            DateTime::from_timestamp_micros(created_at.as_microsecond()),
        );
        doc.add_text(f.title, clause.heading.join(" / "));
        doc.add_text(f.body, &clause.text);
        doc.add_text(f.cue, &clause.text);
        // Its number, so `search 2.6.a --in clauses` finds the clause itself
        // (title: the text query; cue: the exact-number boost).
        doc.add_text(f.title, &clause.path);
        doc.add_text(f.cue, &clause.path);
        for t in &clause.topics {
            doc.add_text(f.topic, t);
        }
        doc.add_u64(f.question, 0);
        doc.add_text(
            f.json,
            serde_json::to_string(clause).expect("clauses serialise"),
        );
        self.writer.add_document(doc)?;
        self.pending += 1;
        Ok(())
    }

    /// Removes every post and clause of `competition`.
    pub fn delete_competition(&mut self, competition: &str) {
        self.delete(self.fields.competition, competition);
    }

    /// Removes the indexed clauses of one document of `competition`.
    pub fn delete_doc_clauses(&mut self, competition: &str, doc: &str) -> Result<()> {
        let f = self.fields;
        let q = tantivy::query::BooleanQuery::new(vec![
            (
                tantivy::query::Occur::Must,
                super::term_query(f.kind, KIND_CLAUSE),
            ),
            (
                tantivy::query::Occur::Must,
                super::term_query(f.competition, competition),
            ),
            (
                tantivy::query::Occur::Must,
                super::term_query(f.thread, doc),
            ),
        ]);
        self.writer.delete_query(Box::new(q))?;
        self.pending += 1;
        Ok(())
    }

    fn delete(&mut self, field: Field, value: &str) {
        self.writer.delete_term(Term::from_field_text(field, value));
        self.pending += 1;
    }

    /// Operations since the last commit.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.pending
    }

    /// Makes everything written so far durable and visible.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        self.pending = 0;
        Ok(())
    }

    /// Commits, then waits for background merges (call once at the end of a command).
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// The store key of a clause.
#[must_use]
pub fn clause_key(competition: &str, clause_id: &str) -> String {
    format!("clause\u{1f}{competition}\u{1f}{clause_id}")
}
