//! The bundled demo competition and the Discourse-compatible forum server
//! that serves it (and the evaluation set) on 127.0.0.1, so the real crawler
//! and `rulegap doc add URL` run end to end without the internet.
//!
//! Fixtures (`fixture`) load into a `Site`; `serve`/`serve_blocking` answer
//! HTTP from it through `routes`, which builds Discourse-shaped JSON
//! (`shapes`, `catalog`), cooked post HTML (`cooked`) and document pages
//! (`document`).

mod blocking;
mod catalog;
mod cooked;
mod document;
pub mod fixture;
mod inline;
mod routes;
pub mod server;
mod shapes;
pub mod site;

pub use blocking::{BlockingServer, serve_blocking};
pub use fixture::{
    CompetitionFixture, CompetitionSpec, DocFile, DocSpec, FixturePost, Forum, Topic, User,
};
pub use server::{RequestLog, RequestRecord, RunningServer, ServerOptions, Throttle, serve};
pub use site::{Site, document_path, slugify};

include!(concat!(env!("OUT_DIR"), "/demo_data.rs"));
