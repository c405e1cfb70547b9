//! Source adapters: one per forum kind. Each turns what a forum serves (API
//! JSON, HTML, CSV, JSONL) into `Thread`/`Post` values with roles and quotes.
//! Adapters parse; only `crawl` fetches.

pub mod discourse;
pub mod github;
pub mod hackernews;
pub mod jsonl;
pub mod kaggle;
pub mod kaggle_live;
