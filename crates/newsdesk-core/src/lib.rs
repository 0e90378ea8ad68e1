//! newsdesk-core: the pure-Rust core of newsdesk. No Python here: every stage is a module named
//! after what it does, testable with `cargo test -p newsdesk-core`.
//!
//! Offsets inside the core are UTF-8 byte ranges into the clean text; they are converted to
//! Python `str` (code point) offsets once, in `table`.

pub mod article;
pub mod claims;
pub mod clean;
pub mod dates;
pub mod decode;
pub mod dedup;
pub mod entities;
pub mod html;
pub mod lang;
pub mod lexicon;
pub mod pipeline;
pub mod segment;
pub mod table;
