//! The one integration-test binary: one module per area, sharing `util`.

mod util;

mod kaggle;
mod store;
