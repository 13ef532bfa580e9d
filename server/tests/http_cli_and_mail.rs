//! The server as it runs: HTTP through the real router on a SQLite file, the command line,
//! and mail delivered to a real SMTP server. One test binary, not one per file: each would
//! link the whole app again, which is most of CI's Rust time on two cores.

// The command-line tests run the `fixtures` binary and some seed test data: say so rather than
// fail on a missing binary.
#[cfg(not(feature = "fixtures"))]
compile_error!("the server's tests need its `fixtures` feature: `make test-rust` (or --features server/fixtures)");

mod common;

mod accounts_http;
mod admin_cli;
mod authorization;
mod contributions_http;
mod hardening;
mod holders_http;
mod http;
mod mail_delivery;
mod sent_forms_http;
