//! HTTP routes that are not pages.

pub mod export;
pub mod health;
