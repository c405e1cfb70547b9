//! The tantivy schema: every field name lives here and nowhere else.
//!
//! Posts and clauses share one index, told apart by `kind`. Text is indexed
//! twice: `body` (English-stemmed, stop words removed) ranks, `cue` (lower-cased
//! only, every word kept, positions kept) matches exact cue words and phrases
//! such as "must not" or "no need to" (ANALYSIS.md §8). The full record is
//! stored as JSON in `json`, so a hit gives back exactly what was indexed.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer,
};

/// Bump whenever fields or analyzers change; an older index then asks for `rulegap reindex`.
pub const SCHEMA_VERSION: u32 = 1;

/// `kind` value of posts.
pub const KIND_POST: &str = "post";
/// `kind` value of clauses.
pub const KIND_CLAUSE: &str = "clause";

const STEM: &str = "rulegap_stem";
const CUE: &str = "rulegap_cue";
const LOWER_RAW: &str = "rulegap_lower_raw";

/// Handles to every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `post` or `clause`.
    pub kind: Field,
    /// Unique key: site + post id, or competition + clause id.
    pub key: Field,
    /// Site (host name, `kaggle`, JSONL `site`).
    pub site: Field,
    /// Competition slug.
    pub competition: Field,
    /// Author role (posts) or modality (clauses).
    pub role: Field,
    /// Author name, lower-cased.
    pub author: Field,
    /// Thread id (posts) or document id (clauses).
    pub thread: Field,
    /// Adapter name.
    pub source: Field,
    /// Creation time.
    pub date: Field,
    /// Thread title (posts) or heading path (clauses), stemmed.
    pub title: Field,
    /// Own words (posts) or clause text, stemmed, stop words removed.
    pub body: Field,
    /// The same text, lower-cased only, positions kept.
    pub cue: Field,
    /// Quoted text, stemmed: searched only with `--include-quotes`.
    pub quotes: Field,
    /// Rule topics the post asks or speaks about (filled at index time).
    pub topic: Field,
    /// 1 when a participant post asks a question (filled at index time).
    pub question: Field,
    /// The stored record as JSON.
    pub json: Field,
}

/// Builds the schema and returns it with its field handles.
#[must_use]
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let lower_raw = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(LOWER_RAW)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        key: b.add_text_field("key", STRING),
        site: b.add_text_field("site", STRING),
        competition: b.add_text_field("competition", STRING | FAST),
        role: b.add_text_field("role", STRING),
        author: b.add_text_field("author", lower_raw),
        thread: b.add_text_field("thread", STRING),
        source: b.add_text_field("source", STRING),
        date: b.add_date_field("date", INDEXED | FAST),
        title: b.add_text_field("title", text(STEM)),
        body: b.add_text_field("body", text(STEM)),
        cue: b.add_text_field("cue", text(CUE)),
        quotes: b.add_text_field("quotes", text(STEM)),
        topic: b.add_text_field("topic", STRING | STORED),
        question: b.add_u64_field("question", INDEXED | FAST | STORED),
        json: b.add_text_field("json", STORED),
    };
    (b.build(), fields)
}

/// The English analyzer of `body` and `title`: lower-cased, stop words removed, stemmed.
#[must_use]
pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::English).expect("english stop words"))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Registers the analyzers the schema names on `index`.
pub fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(STEM, stem_analyzer());
    tokenizers.register(
        CUE,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .build(),
    );
    tokenizers.register(
        LOWER_RAW,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// The fields a free-text query searches by default (own words and thread title).
#[must_use]
pub fn default_search_fields(f: &Fields, include_quotes: bool) -> Vec<Field> {
    let mut v = vec![f.body, f.title];
    if include_quotes {
        v.push(f.quotes);
    }
    v
}

/// Field names users may prefix in queries (`title:`, `author:` …) besides the defaults.
pub const USER_FIELDS: &[&str] = &[
    "title",
    "body",
    "cue",
    "quotes",
    "author",
    "role",
    "site",
    "thread",
    "competition",
    "topic",
];
