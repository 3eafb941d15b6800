//! tigang (提纲): a terminal reader for corpora of Chinese speeches and official texts.
//! Data flows one way: files → corpus (decode, clean, outline) → view (a speech at a width)
//! → App state → frame. `text` is the typography under all of it; `search`, `store` and
//! `config` serve the app; `ui` draws it; `tui` and `cli` are the edges.
//!
//! The corpus model works on plain text, without a terminal:
//!
//! ```
//! use tigang::corpus::Speech;
//!
//! let s = Speech::parse(
//!     "demo",
//!     "在全市工作会议上的讲话\n\n同志们：\n一、提高政治站位\n一要当好参谋。二要精心组织。\n",
//! );
//! assert_eq!(s.title, "在全市工作会议上的讲话");
//! let outline: Vec<String> = (0..s.headings.len()).map(|i| s.heading_label(i)).collect();
//! assert_eq!(outline, ["一、提高政治站位", "一要 当好参谋", "二要 精心组织"]);
//! assert_eq!(s.headings[1].depth, 2);
//! ```

pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod view;
