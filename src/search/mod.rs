//! Phrase search: the query language and its matcher, search over many speeches in memory,
//! scoped to headings or titles (`scope`), and `tigang search` over the files themselves with a
//! raw-byte prefilter.

pub mod copies;
pub mod corpus;
pub mod files;
pub mod prefilter;
pub mod query;
pub mod scope;

pub use query::{snippet, Query, QueryError};
