//! tigang (提纲): a terminal reader for corpora of Chinese speeches and official texts.
//! Data flows one way: files → corpus (decode, clean, outline) → App state → frame.

pub mod cli;
pub mod corpus;
