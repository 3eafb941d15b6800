//! Reader state: focus, list filter, reading positions, jumps, prompts. The transitions live
//! beside it, one file per job: `edit` (line editor), `list`, `reading` (scrolling, outline,
//! jumps), `input` (keys, paste, mouse), `update` (actions), `passages`, `search`, `loading`,
//! `library` (outline copy, 纲目, the corpus outline) and `compare` (two outlines aligned).
//! Holds indices into the corpus, never copies of its text; must not draw anything.

mod bookmarks;
mod compare;
mod corpus_search;
mod edit;
mod explain;
mod geometry;
mod help;
mod input;
mod library;
mod list;
mod loading;
mod motion;
mod passages;
mod reading;
mod search;
mod update;
mod worker;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

pub use crate::corpus::load::Source;
pub use bookmarks::{reanchor, Anchoring, Resolved};
pub use compare::Compare;
pub use corpus_search::{CorpusSearch, WorkerMsg};
pub use edit::LineEdit;
pub use geometry::{Area, Panes, MARGIN, MIN_HEIGHT, MIN_WIDTH};
pub use help::{HelpLine, OVERLAY_WIDTH};
pub use list::CopyTag;
pub use loading::Loader;
pub use motion::{parse_target, Target};
pub use passages::osc52;
pub use reading::OutlineRow;
pub use search::SpeechSearch;
pub use worker::Waker;

use crate::config::keymap::{Keymap, Lang};
#[cfg(test)]
use crate::config::keys::{KeyCode, KeyEvent, KeyModifiers};
use crate::config::Config;
use crate::corpus::{Corpus, Speech};
use crate::view::{Opts, SpeechLayout};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    List,
    Outline,
    Reader,
}

/// A reading position that survives re-layout: a byte of the text plus how many display lines
/// the top row sits above (blank spacing) or below the line showing that byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub byte: usize,
    pub delta: i32,
}

impl Anchor {
    pub fn at(byte: usize) -> Anchor {
        Anchor { byte, delta: 0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub speech: usize,
    pub anchor: Anchor,
}

/// What a highlighted byte range of the reading pane is, weakest first (later ones win).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Markdown `**emphasis**`.
    Emphasis,
    HeadingText(u8),
    PointText,
    Marker,
    PointMarker,
    Bookmark,
    /// The passage cursor: the sentence `y` and `m` act on.
    Passage,
    /// A `v` selection of several sentences.
    Selection,
    Search,
    SearchCurrent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Title,
    Size,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    /// A note for a new bookmark on this byte range of this speech.
    NewBookmark(usize, Range<usize>),
    /// A new note for the bookmark with this id.
    EditNote(String),
    /// The bookmarks overlay's filter.
    BookmarkFilter,
    /// Search within the open speech.
    Search,
    /// `:` — a paragraph number or a percentage to go to.
    GoTo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub edit: LineEdit,
}

/// Prompt histories, oldest first (see `edit::remember`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub filter: Vec<String>,
    pub search: Vec<String>,
    pub corpus: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Skipped,
    Bookmarks,
    CorpusSearch,
    /// Two outlines aligned (`App::compare`).
    Compare,
    /// The top levels of every outline the list filter shows.
    CorpusOutline,
}

pub struct App {
    /// Shared with the corpus-search worker thread.
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    pub lang: Lang,
    /// The `[layout]` settings: pane widths, text column, indent and spacing (geometry).
    layout: crate::config::Layout,
    pub mouse: bool,

    pub size: (u16, u16),
    pub focus: Focus,
    /// The side pane shown next to the reader on a medium-width terminal.
    pub last_side: Focus,
    pub show_list: bool,
    pub show_outline: bool,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: u16,
    /// The help was opened once (this session or an earlier one): no first-start hint.
    pub help_seen: bool,
    /// The config file read at start, shown in the help.
    pub config_path: Option<std::path::PathBuf>,
    /// The config's warnings (key conflicts it wins), said at start ([`App::startup_notes`]).
    pub config_warnings: Vec<String>,
    pub prompt: Option<Prompt>,
    pub message: Option<String>,
    /// Why the note in the open prompt could not be saved (shown beside it until retried).
    pub prompt_error: Option<String>,
    pub quit: bool,
    /// A count typed before a motion (`5j`, `30G`, `50%`).
    pub count: Option<usize>,
    /// The pane switch a digit just made, taken back if another digit makes it a count.
    pub(super) digit_undo: Option<motion::DigitUndo>,
    /// Asked to redraw the whole screen (`Ctrl-l`); the event loop does it and clears this.
    pub redraw: bool,

    pub filter: String,
    /// What was entered in each kind of prompt this session, for Up/Down recall.
    pub history: History,
    pub sort: SortBy,
    /// Each title's pinyin and pinyin sort key, made when first needed.
    /// Columns the list would take to show every title, its folder and 字数 uncut.
    pub(super) list_wants: u16,
    /// Bytes of folder path all speeches share (the folder column leaves them out).
    pub(super) list_common_dir: usize,
    /// The widest folder-column text (at most 20).
    pub list_folder_width: u16,
    pub(super) spellings: Vec<(crate::text::pinyin::Spelling, (Vec<String>, String))>,
    /// Speech indices shown in the list, filtered and sorted: a duplicate group once (its
    /// entry), its other copies beneath it while it is expanded.
    pub visible: Vec<usize>,
    /// For each row of `visible`: a copy shown under its group's entry (indented).
    pub visible_copy: Vec<bool>,
    /// Entries the filter keeps, a duplicate group counted once (the list's count).
    pub list_entries: usize,
    /// Duplicate groups shown expanded, by their representative's id (ids outlive a reload).
    pub expanded: std::collections::HashSet<String>,
    pub list_sel: usize,
    pub list_top: usize,

    pub open: Option<usize>,
    pub anchor: Anchor,
    /// Last position in every speech visited this session.
    pub positions: HashMap<usize, Anchor>,
    pub outline_sel: usize,
    pub outline_top: usize,
    /// The 纲目 mode of the outline pane: each heading followed by its body's first sentence.
    pub outline_brief: bool,
    /// The selected row of the corpus outline overlay.
    pub corpus_outline_sel: usize,
    pub back: Vec<Pos>,
    pub forward: Vec<Pos>,

    /// The passage cursor: a sentence of the open speech (byte range).
    pub cursor: Option<Range<usize>>,
    /// Where visual selection started.
    pub visual: Option<Range<usize>>,
    pub store: Option<crate::store::bookmarks::BookmarkStore>,
    pub state: Option<crate::store::state::StateFile>,
    /// Stored bookmarks resolved against this corpus, in the store's order.
    pub resolved: Vec<Resolved>,
    /// Bookmarks deleted this session, for undo.
    pub deleted: Vec<crate::store::bookmarks::Bookmark>,
    /// The selected row of the bookmarks overlay, an index into `bm_rows`.
    pub bm_sel: usize,
    /// The overlay's filter (`#tag` words and text words, all must hold).
    pub bm_filter: String,
    /// The rows the overlay shows: indices into `resolved` passing `bm_filter`.
    pub bm_rows: Vec<usize>,
    /// Text for the terminal clipboard (OSC 52), written by the event loop after drawing.
    pub clipboard: Option<String>,

    pub search: Option<SpeechSearch>,
    /// Where the reading pane was when the search prompt opened (Esc returns there).
    pub search_origin: Option<Anchor>,
    pub search_error: Option<String>,
    pub corpus_search: Option<CorpusSearch>,
    /// Keys go to the corpus-search input (else to its results list).
    pub corpus_typing: bool,
    /// The id of the speech marked to compare outlines with (`c`), and the open comparison.
    pub compare_mark: Option<String>,
    pub compare: Option<Compare>,
    pub source: Option<Source>,
    pub loader: Option<Loader>,
    /// Wakes the event loop when a worker reports (never set in tests, which wait instead).
    waker: worker::WakerSlot,

    /// Layouts by speech and text options: a memo of a pure function of the corpus, so that
    /// reading it through `&self` (while drawing) changes no state anyone can observe.
    cache: RefCell<HashMap<(usize, Opts), Rc<SpeechLayout>>>,
}

impl App {
    pub fn new(corpus: Corpus, config: &Config) -> App {
        let l = &config.layout;
        let mut app = App {
            corpus: Arc::new(corpus),
            keymap: config.keymap().clone(),
            lang: config.ui.language,
            layout: l.clone(),
            mouse: config.ui.mouse,
            size: (80, 24),
            focus: Focus::List,
            last_side: Focus::List,
            show_list: l.show_list,
            show_outline: l.show_outline,
            overlay: None,
            overlay_scroll: 0,
            help_seen: false,
            config_path: None,
            config_warnings: config.warnings().to_vec(),
            prompt: None,
            message: None,
            prompt_error: None,
            quit: false,
            count: None,
            digit_undo: None,
            redraw: false,
            filter: String::new(),
            history: History::default(),
            sort: SortBy::Name,
            spellings: Vec::new(),
            list_wants: 0,
            list_common_dir: 0,
            list_folder_width: 0,
            visible: Vec::new(),
            visible_copy: Vec::new(),
            list_entries: 0,
            expanded: Default::default(),
            list_sel: 0,
            list_top: 0,
            open: None,
            anchor: Anchor::default(),
            positions: HashMap::new(),
            outline_sel: 0,
            outline_top: 0,
            outline_brief: false,
            corpus_outline_sel: 0,
            back: Vec::new(),
            forward: Vec::new(),
            cursor: None,
            visual: None,
            store: None,
            state: None,
            resolved: Vec::new(),
            deleted: Vec::new(),
            bm_sel: 0,
            bm_filter: String::new(),
            bm_rows: Vec::new(),
            clipboard: None,
            search: None,
            search_origin: None,
            search_error: None,
            corpus_search: None,
            corpus_typing: false,
            compare_mark: None,
            compare: None,
            source: None,
            loader: None,
            waker: Default::default(),
            cache: RefCell::new(HashMap::new()),
        };
        app.refilter();
        if let Some(&first) = app.visible.first() {
            app.show_speech(first, None);
        }
        if !app.corpus.skipped.is_empty() {
            let n = app.corpus.skipped.len();
            let k = app.key(crate::config::keymap::Action::SkippedFiles);
            app.message = Some(app.t(
                &format!("{n} 个文件未能读取（按 {k} 查看）"),
                &format!("{n} files skipped (press {k} to see which)"),
            ));
        }
        if let Some(note) = app.startup_notes() {
            app.message = Some(note);
        }
        app
    }

    /// The key that does `action` now, for hints on screen: a remapped key shows as
    /// remapped, an unbound one says so.
    pub fn key(&self, action: crate::config::keymap::Action) -> String {
        self.keymap.hint(action, self.lang)
    }

    /// Picks the label for the interface language.
    pub fn t(&self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    /// Lets the workers wake an event loop that blocks until something happens; set once (a
    /// second call is ignored). Workers already running use it from their next message on:
    /// drain with `poll_search` and `poll_loader` after setting it.
    pub fn set_waker(&mut self, waker: Waker) {
        let _ = self.waker.set(waker);
    }

    pub fn speech(&self) -> Option<&Speech> {
        self.open.map(|i| &self.corpus.speeches[i])
    }
}

/// A plain key press, for state tests.
#[cfg(test)]
pub(crate) fn test_key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[cfg(test)]
mod tests;
