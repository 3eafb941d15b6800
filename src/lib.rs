//! tigang (提纲): a terminal reader for corpora of Chinese speeches and official texts.
//! Data flows one way: files → corpus (decode, clean, outline) → App state → frame.

pub mod app;
pub mod atomic;
pub mod bookmarks;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod doc;
pub mod grep;
pub mod keymap;
pub mod layout;
pub mod paths;
pub mod search;
pub mod statefile;
pub mod tui;
pub mod ui;
