//! `kvlog`: a string key-value store persisted in an append-only log file.
//!
//! Every change is appended to the log as a record (see `codec.rs` for the format); opening a
//! store replays the log. `compact` rewrites the log with only the live entries.

mod codec;
mod store;

pub use store::{Error, Store};
