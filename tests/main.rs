//! The one integration-test binary: one module per area, sharing `util`.

mod util;

mod analysis;
mod crawl;
mod demo_server;
mod eval;
mod store;
