//! The data layer and the server functions' rules against a real SQLite file, one module per
//! feature. One test binary, not one per file: each would link the whole app again, which is
//! most of CI's Rust time on two cores.
#![cfg(feature = "ssr")]

// Several modules seed test data (`Db::seed_synthetic`): say so rather than fail on a missing method.
#[cfg(not(feature = "fixtures"))]
compile_error!("app's tests need its `fixtures` feature: `make test-rust` (or --features app/fixtures)");

mod common;

mod accounts;
mod architecture;
mod club;
mod data_and_server_functions;
mod holding;
mod mail;
mod moderation;
mod search_and_filters;
mod sent_forms;
mod structures_and_claims;
mod views_at_scale;
