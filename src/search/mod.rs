//! Phrase search: the query language and its matcher, search over many speeches in memory,
//! scoped to headings or titles (`scope`), and `tigang search` over the files themselves with a
//! raw-byte prefilter (literal queries, and the strings a regex requires: `literals`), which
//! also lets a reader search its corpus while it loads (`loading`).

pub mod copies;
pub mod corpus;
pub mod files;
pub mod literals;
pub mod loading;
pub mod prefilter;
pub mod print;
pub mod query;
pub mod scope;

pub use query::{snippet, Query, QueryError};
