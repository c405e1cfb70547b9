//! The one integration-test binary: one module per area, sharing `util`.

mod util;

mod analysis;
mod crawl;
mod demo;
mod demo_server;
mod docs;
mod eval;
mod kaggle;
mod kaggle_live;
mod report;
mod store;
mod ux;
