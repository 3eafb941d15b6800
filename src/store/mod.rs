//! The user's data on disk: one locked, atomically replaced file type, and the bookmarks
//! and reading state kept in such files, at the paths the platform gives them.

pub mod bookmarks;
pub mod file;
pub mod paths;
pub mod state;
