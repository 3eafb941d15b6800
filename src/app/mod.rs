//! Reader state and its transitions: focus, list filter, reading positions, jumps, prompts.
//! Holds indices into the corpus, never copies of its text; must not draw anything.

mod geometry;
mod loading;
mod passages;
mod search;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

pub use geometry::{Area, Panes, MARGIN, MIN_HEIGHT, MIN_WIDTH};
pub use loading::{Loader, Source};
pub use passages::{osc52, reanchor, Anchoring, Resolved};
pub use search::{spawn_search, CorpusSearch, SpeechSearch, WorkerMsg};

use crate::config::keymap::{Action, Keymap, Lang};
use crate::config::keys::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use crate::config::Config;
use crate::corpus::{Corpus, ParaKind, Speech};
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
    HeadingText(u8),
    PointText,
    Marker,
    PointMarker,
    Bookmark,
    Passage,
    Search,
    SearchCurrent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Title,
    Size,
}

/// A one-line text input edited by character (not byte), so Chinese input edits cleanly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    pub text: String,
    /// Cursor as a char index.
    pub cursor: usize,
}

impl LineEdit {
    fn byte_at(&self, ci: usize) -> usize {
        self.text
            .char_indices()
            .nth(ci)
            .map_or(self.text.len(), |(b, _)| b)
    }

    pub fn insert_str(&mut self, s: &str) {
        // Newlines from a paste would make a one-line prompt lie about what it holds.
        let clean: String = s.chars().filter(|c| !c.is_control()).collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies an editing key; false if the key is not an editing key.
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Char('u') if ctrl => {
                let at = self.byte_at(self.cursor);
                self.text.drain(..at);
                self.cursor = 0;
            }
            KeyCode::Char('w') if ctrl => {
                let end = self.byte_at(self.cursor);
                let head = &self.text[..end];
                let trimmed = head.trim_end();
                let start = trimmed
                    .char_indices()
                    .rev()
                    .find(|(_, c)| c.is_whitespace() || !c.is_alphanumeric())
                    .map_or(0, |(i, c)| i + c.len_utf8());
                let start = if start == end && end > 0 {
                    self.byte_at(self.cursor - 1)
                } else {
                    start
                };
                let removed = self.text[start..end].chars().count();
                self.text.drain(start..end);
                self.cursor -= removed;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(c) if !ctrl => self.insert_str(c.encode_utf8(&mut [0; 4])),
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Backspace => {}
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }

    /// Text before the cursor, for placing the terminal cursor by display width.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte_at(self.cursor)]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    Filter,
    /// A note for a new bookmark on this byte range of this speech.
    NewBookmark(usize, Range<usize>),
    /// A new note for the bookmark with this id.
    EditNote(String),
    /// Search within the open speech.
    Search,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub edit: LineEdit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Skipped,
    Bookmarks,
    CorpusSearch,
}

pub struct App {
    /// Shared with the corpus-search worker thread.
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    pub lang: Lang,
    pub indent: u16,
    pub spacing: u16,
    pub line_width: u16,
    pub center: bool,
    pub list_width: u16,
    pub outline_width: u16,
    pub mouse: bool,

    pub size: (u16, u16),
    pub focus: Focus,
    /// The side pane shown next to the reader on a medium-width terminal.
    pub last_side: Focus,
    pub show_list: bool,
    pub show_outline: bool,
    pub overlay: Option<Overlay>,
    pub overlay_scroll: u16,
    pub prompt: Option<Prompt>,
    pub message: Option<String>,
    pub quit: bool,

    pub filter: String,
    pub sort: SortBy,
    /// Speech indices shown in the list, filtered and sorted.
    pub visible: Vec<usize>,
    pub list_sel: usize,
    pub list_top: usize,

    pub open: Option<usize>,
    pub anchor: Anchor,
    /// Last position in every speech visited this session.
    pub positions: HashMap<usize, Anchor>,
    pub outline_sel: usize,
    pub outline_top: usize,
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
    pub bm_sel: usize,
    /// Text for the terminal clipboard (OSC 52), written by the event loop after drawing.
    pub clipboard: Option<String>,

    pub search: Option<SpeechSearch>,
    /// Where the reading pane was when the search prompt opened (Esc returns there).
    pub search_origin: Option<Anchor>,
    pub search_error: Option<String>,
    pub corpus_search: Option<CorpusSearch>,
    /// Keys go to the corpus-search input (else to its results list).
    pub corpus_typing: bool,
    pub source: Option<Source>,
    pub loader: Option<Loader>,

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
            indent: l.indent,
            spacing: l.paragraph_spacing,
            line_width: l.line_width,
            center: l.center,
            list_width: l.list_width,
            outline_width: l.outline_width,
            mouse: config.ui.mouse,
            size: (80, 24),
            focus: Focus::List,
            last_side: Focus::List,
            show_list: l.show_list,
            show_outline: l.show_outline,
            overlay: None,
            overlay_scroll: 0,
            prompt: None,
            message: None,
            quit: false,
            filter: String::new(),
            sort: SortBy::Name,
            visible: Vec::new(),
            list_sel: 0,
            list_top: 0,
            open: None,
            anchor: Anchor::default(),
            positions: HashMap::new(),
            outline_sel: 0,
            outline_top: 0,
            back: Vec::new(),
            forward: Vec::new(),
            cursor: None,
            visual: None,
            store: None,
            state: None,
            resolved: Vec::new(),
            deleted: Vec::new(),
            bm_sel: 0,
            clipboard: None,
            search: None,
            search_origin: None,
            search_error: None,
            corpus_search: None,
            corpus_typing: false,
            source: None,
            loader: None,
            cache: RefCell::new(HashMap::new()),
        };
        app.refilter();
        if let Some(&first) = app.visible.first() {
            app.show_speech(first, None);
        }
        if !app.corpus.skipped.is_empty() {
            let n = app.corpus.skipped.len();
            app.message = Some(app.t(
                &format!("{n} 个文件未能读取（按 ! 查看）"),
                &format!("{n} files skipped (press ! to see which)"),
            ));
        }
        app
    }

    /// Picks the label for the interface language.
    pub fn t(&self, zh: &str, en: &str) -> String {
        match self.lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }

    pub fn speech(&self) -> Option<&Speech> {
        self.open.map(|i| &self.corpus.speeches[i])
    }

    // ----- layout cache -----------------------------------------------------------------------

    /// The open speech laid out at the reading pane's current width (cached per speech+width).
    pub fn layout(&self) -> Option<Rc<SpeechLayout>> {
        let i = self.open?;
        let opts = self.text_opts();
        let mut cache = self.cache.borrow_mut();
        if let Some(l) = cache.get(&(i, opts)) {
            return Some(l.clone());
        }
        if cache.len() >= 16 {
            // Old widths after a resize are rarely needed again; a bounded cache keeps memory flat.
            cache.clear();
        }
        let lay = Rc::new(SpeechLayout::build(&self.corpus.speeches[i], opts));
        cache.insert((i, opts), lay.clone());
        Some(lay)
    }

    pub fn clear_layout_cache(&mut self) {
        self.cache.get_mut().clear();
    }

    /// First display line shown in the reading pane.
    pub fn top_line(&self) -> usize {
        let Some(lay) = self.layout() else { return 0 };
        let base = lay.line_of_byte(self.anchor.byte) as i64;
        (base + i64::from(self.anchor.delta)).clamp(0, lay.len().saturating_sub(1) as i64) as usize
    }

    fn anchor_for_line(lay: &SpeechLayout, line: usize) -> Anchor {
        let byte = lay.byte_of_line(line);
        let delta = line as i64 - lay.line_of_byte(byte) as i64;
        Anchor {
            byte,
            delta: delta as i32,
        }
    }

    fn max_top(&self) -> usize {
        let rows = self.reader_rows();
        self.layout().map_or(0, |l| l.len().saturating_sub(rows))
    }

    fn scroll_to(&mut self, line: usize) {
        let Some(lay) = self.layout() else { return };
        let line = line.min(self.max_top());
        self.anchor = Self::anchor_for_line(&lay, line);
        self.sync_outline();
        if self.focus == Focus::Reader && self.visual.is_none() {
            self.snap_cursor();
        }
    }

    pub fn scroll(&mut self, lines: isize) {
        let top = self.top_line();
        self.scroll_to(top.saturating_add_signed(lines));
    }

    // ----- list -------------------------------------------------------------------------------

    pub fn refilter(&mut self) {
        let current = self.visible.get(self.list_sel).copied();
        let query = crate::search::Query::parse(&self.filter).ok().flatten();
        let speeches = &self.corpus.speeches;
        let mut v: Vec<usize> = (0..speeches.len())
            .filter(|&i| {
                query.as_ref().is_none_or(|q| {
                    q.find_iter(&speeches[i].title).next().is_some()
                        || q.find_iter(&speeches[i].id).next().is_some()
                })
            })
            .collect();
        match self.sort {
            SortBy::Name => {}
            SortBy::Title => v.sort_by(|&a, &b| speeches[a].title.cmp(&speeches[b].title)),
            SortBy::Size => v.sort_by(|&a, &b| speeches[b].chars.cmp(&speeches[a].chars)),
        }
        self.visible = v;
        self.list_sel = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_list_visible();
    }

    fn keep_list_visible(&mut self) {
        let rows = self.list_rows();
        if self.list_sel < self.list_top {
            self.list_top = self.list_sel;
        } else if self.list_sel >= self.list_top + rows {
            self.list_top = self.list_sel + 1 - rows;
        }
    }

    fn move_list(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        self.list_sel = self
            .list_sel
            .saturating_add_signed(delta)
            .min(self.visible.len() - 1);
        self.keep_list_visible();
    }

    // ----- outline ----------------------------------------------------------------------------

    /// The heading whose section the reading position is in.
    pub fn current_heading(&self) -> Option<usize> {
        self.speech()?.heading_at(self.anchor.byte)
    }

    fn sync_outline(&mut self) {
        if let Some(h) = self.current_heading() {
            self.outline_sel = h;
            self.keep_outline_visible();
        }
    }

    fn keep_outline_visible(&mut self) {
        let rows = self.outline_height();
        let sel = self.outline_row_of(self.outline_sel);
        if sel < self.outline_top {
            // Show a list's group label together with its first item.
            self.outline_top = if sel > 0 && self.outline_rows()[sel - 1].1 {
                sel - 1
            } else {
                sel
            };
        } else if sel >= self.outline_top + rows {
            self.outline_top = sel + 1 - rows;
        }
    }

    /// Rows of the outline pane: every heading, preceded by its list's group label (the
    /// lead-in such as 归纳起来有这么“四个更加”) when it has one. `(heading, is_label)`.
    pub fn outline_rows(&self) -> Vec<(usize, bool)> {
        let Some(s) = self.speech() else {
            return Vec::new();
        };
        let mut rows = Vec::with_capacity(s.headings.len());
        for (i, h) in s.headings.iter().enumerate() {
            if h.label.is_some() {
                rows.push((i, true));
            }
            rows.push((i, false));
        }
        rows
    }

    fn outline_row_of(&self, heading: usize) -> usize {
        let Some(s) = self.speech() else { return 0 };
        // Label rows before it shift a heading down; count them without building the rows.
        heading
            + s.headings[..heading.min(s.headings.len())]
                .iter()
                .filter(|h| h.label.is_some())
                .count()
            + usize::from(s.headings.get(heading).is_some_and(|h| h.label.is_some()))
    }

    fn move_outline(&mut self, delta: isize) {
        let n = self.speech().map_or(0, |s| s.headings.len());
        if n == 0 {
            return;
        }
        self.outline_sel = self.outline_sel.saturating_add_signed(delta).min(n - 1);
        self.keep_outline_visible();
    }

    // ----- jumps ------------------------------------------------------------------------------

    fn here(&self) -> Option<Pos> {
        Some(Pos {
            speech: self.open?,
            anchor: self.anchor,
        })
    }

    /// Records the current place before a jump, so Ctrl-o can return to it.
    fn push_jump(&mut self) {
        if let Some(p) = self.here() {
            if self.back.last() != Some(&p) {
                self.back.push(p);
            }
            self.forward.clear();
        }
    }

    fn go_to(&mut self, p: Pos) {
        if self.open != Some(p.speech) {
            self.show_speech(p.speech, Some(p.anchor));
        } else {
            self.anchor = p.anchor;
            self.clamp_anchor();
            self.sync_outline();
        }
    }

    fn clamp_anchor(&mut self) {
        let top = self.top_line();
        let max = self.max_top();
        if top > max {
            self.scroll_to(max);
        }
    }

    /// Opens a speech without recording a jump (used by jumps themselves).
    fn show_speech(&mut self, i: usize, at: Option<Anchor>) {
        if let Some(cur) = self.open {
            self.positions.insert(cur, self.anchor);
        }
        self.open = Some(i);
        self.anchor = at
            .or_else(|| self.positions.get(&i).copied())
            .or_else(|| self.saved_anchor(i))
            .unwrap_or_else(|| self.start_anchor(i));
        self.outline_sel = 0;
        self.outline_top = 0;
        self.cursor = None;
        self.visual = None;
        self.clamp_anchor();
        self.sync_outline();
        if let Some(pos) = self.visible.iter().position(|&v| v == i) {
            self.list_sel = pos;
            self.keep_list_visible();
        }
    }

    /// Where a speech opens the first time: at its title, with any front matter above it.
    fn start_anchor(&self, i: usize) -> Anchor {
        let s = &self.corpus.speeches[i];
        s.paragraphs
            .iter()
            .find(|p| p.kind == ParaKind::Title)
            .filter(|_| s.front_matter_removed)
            .map_or_else(Anchor::default, |p| Anchor::at(p.range.start))
    }

    pub fn open_speech(&mut self, i: usize) {
        if self.open == Some(i) {
            return;
        }
        self.push_jump();
        self.show_speech(i, None);
    }

    /// Jumps the reading pane to a byte of the open speech, recording the jump.
    pub fn jump_to_byte(&mut self, byte: usize) {
        self.push_jump();
        self.anchor = Anchor::at(byte);
        self.clamp_anchor();
        self.sync_outline();
    }

    pub fn jump_to_heading(&mut self, h: usize) {
        let Some(byte) = self
            .speech()
            .and_then(|s| s.headings.get(h))
            .map(|h| h.marker.start)
        else {
            return;
        };
        self.jump_to_byte(byte);
        self.outline_sel = h;
        self.keep_outline_visible();
    }

    /// Next (or previous) heading after the top line; `top_only` keeps to depth 1.
    fn heading_step(&mut self, forward: bool, top_only: bool) {
        let Some(lay) = self.layout() else { return };
        let top = self.top_line();
        let Some(s) = self.speech() else { return };
        let line_of = |h: &crate::corpus::Heading| lay.line_of_byte(h.marker.start);
        let ok = |h: &crate::corpus::Heading| !top_only || h.depth == 1;
        let found = if forward {
            s.headings
                .iter()
                .enumerate()
                .skip(s.headings.partition_point(|h| line_of(h) <= top))
                .find(|(_, h)| ok(h))
                .map(|(i, _)| i)
        } else {
            let end = s.headings.partition_point(|h| line_of(h) < top);
            s.headings[..end]
                .iter()
                .enumerate()
                .rev()
                .find(|(_, h)| ok(h))
                .map(|(i, _)| i)
        };
        match found {
            Some(h) => self.jump_to_heading(h),
            None => {
                self.message = Some(if forward {
                    self.t("已是最后一个标题", "No heading below")
                } else {
                    self.t("已是第一个标题", "No heading above")
                })
            }
        }
    }

    // ----- input ------------------------------------------------------------------------------

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.clamp_anchor();
        self.keep_list_visible();
        self.keep_outline_visible();
    }

    pub fn handle_key(&mut self, k: KeyEvent) {
        if self.overlay == Some(Overlay::CorpusSearch) && self.corpus_search_key(&k) {
            return;
        }
        if let Some(p) = &mut self.prompt {
            match k.code {
                KeyCode::Esc => {
                    let kind = p.kind.clone();
                    if kind == PromptKind::Search {
                        self.search_cancel();
                        return;
                    }
                    self.prompt = None;
                    if kind == PromptKind::Filter {
                        self.filter.clear();
                        self.refilter();
                    }
                }
                KeyCode::Enter => {
                    if p.kind == PromptKind::Search {
                        self.search_accept();
                        return;
                    }
                    let Some(p) = self.prompt.take() else { return };
                    match p.kind {
                        PromptKind::Filter | PromptKind::Search => {}
                        PromptKind::NewBookmark(speech, range) => {
                            self.add_bookmark(speech, range, p.edit.text)
                        }
                        PromptKind::EditNote(id) => self.save_note(&id, p.edit.text),
                    }
                }
                _ => {
                    if p.edit.key(&k) {
                        self.prompt_changed();
                    }
                }
            }
            return;
        }
        let Some(action) = self.keymap.lookup(&k) else {
            // In the list, a character no key is bound to (typically Chinese from an input
            // method) starts filtering with it: type to filter.
            if let KeyCode::Char(c) = k.code {
                let plain = !k
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if plain && self.focus == Focus::List && self.overlay.is_none() && !c.is_control() {
                    self.start_filter();
                    self.paste(c.encode_utf8(&mut [0; 4]));
                }
            }
            return;
        };
        self.update(action);
    }

    /// Reacts to an edit of the prompt: filter and search update as the user types.
    fn prompt_changed(&mut self) {
        match self.prompt.as_ref().map(|p| &p.kind) {
            Some(PromptKind::Filter) => {
                self.filter = self
                    .prompt
                    .as_ref()
                    .map(|p| p.edit.text.clone())
                    .unwrap_or_default();
                self.refilter();
            }
            Some(PromptKind::Search) => self.search_typed(),
            _ => {}
        }
    }

    /// Bracketed paste (and IME commits delivered that way) go into whatever is being typed;
    /// pasted into the list, it filters.
    pub fn paste(&mut self, text: &str) {
        if self.prompt.is_none() && self.overlay.is_none() && self.focus == Focus::List {
            self.start_filter();
        }
        if self.overlay == Some(Overlay::CorpusSearch) && self.corpus_typing {
            if let Some(cs) = &mut self.corpus_search {
                cs.edit.insert_str(text);
            }
            self.corpus_search_typed();
        } else if let Some(p) = &mut self.prompt {
            p.edit.insert_str(text);
            self.prompt_changed();
        }
    }

    pub fn mouse(&mut self, m: MouseEvent) {
        // While a note or search is being typed the open speech must not change under it.
        let typing = self
            .prompt
            .as_ref()
            .is_some_and(|p| p.kind != PromptKind::Filter);
        if !self.mouse || self.overlay.is_some() || typing {
            return;
        }
        let p = self.panes();
        let hit = |r: Option<Area>| r.is_some_and(|r| r.contains(m.column, m.row));
        let pane = if hit(p.list) {
            Focus::List
        } else if hit(p.outline) {
            Focus::Outline
        } else if hit(p.reader) {
            Focus::Reader
        } else {
            return;
        };
        match m.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let d: isize = if m.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                match pane {
                    Focus::List => self.move_list(d),
                    Focus::Outline => self.move_outline(d),
                    Focus::Reader => self.scroll(d),
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.set_focus(pane);
                // Row 0 of a pane is its border; list rows start at y + 1. A click on the top
                // or bottom border is on no row: read as the nearest one, the bottom border
                // would open the speech or heading just below the last one shown.
                let rect = match pane {
                    Focus::List => p.list,
                    Focus::Outline => p.outline,
                    Focus::Reader => None,
                };
                if let Some(r) = rect.filter(|r| m.row > r.y && m.row + 1 < r.bottom()) {
                    let row = usize::from(m.row.saturating_sub(r.y + 1));
                    match pane {
                        Focus::List if self.list_top + row < self.visible.len() => {
                            self.list_sel = self.list_top + row;
                            self.open_speech(self.visible[self.list_sel]);
                            self.focus = Focus::List;
                        }
                        Focus::Outline => {
                            // A label row stands for the list it introduces.
                            if let Some(&(h, _)) = self.outline_rows().get(self.outline_top + row) {
                                self.jump_to_heading(h);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    pub fn set_focus(&mut self, f: Focus) {
        if f == Focus::Outline && self.open.is_none() {
            return;
        }
        if f != Focus::Reader {
            self.visual = None;
        }
        match f {
            Focus::List => self.show_list = self.show_list || !self.pane_visible(Focus::List),
            Focus::Outline => {
                self.show_outline = self.show_outline || !self.pane_visible(Focus::Outline)
            }
            Focus::Reader => {}
        }
        self.focus = f;
        if f != Focus::Reader {
            self.last_side = f;
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::List, Focus::Outline, Focus::Reader];
        let i = order.iter().position(|&f| f == self.focus).unwrap_or(0);
        for step in 1..=3 {
            let j = if forward {
                (i + step) % 3
            } else {
                (i + 3 - step) % 3
            };
            let f = order[j];
            let available = match f {
                Focus::List => self.show_list,
                Focus::Outline => self.show_outline && self.open.is_some(),
                Focus::Reader => self.open.is_some(),
            };
            if available {
                self.set_focus(f);
                return;
            }
        }
    }

    fn page(&self) -> isize {
        self.reader_rows().max(2) as isize - 1
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        if self.overlay == Some(Overlay::Bookmarks) {
            self.bookmarks_key(action);
            return;
        }
        if self.overlay == Some(Overlay::CorpusSearch) {
            self.corpus_results_key(action);
            return;
        }
        if let Some(o) = self.overlay {
            match action {
                Action::Quit | Action::Back | Action::Help => self.overlay = None,
                Action::SkippedFiles if o == Overlay::Skipped => self.overlay = None,
                Action::Down => self.overlay_scroll = self.overlay_scroll.saturating_add(1),
                Action::Up => self.overlay_scroll = self.overlay_scroll.saturating_sub(1),
                Action::PageDown | Action::HalfPageDown => {
                    self.overlay_scroll = self.overlay_scroll.saturating_add(10)
                }
                Action::PageUp | Action::HalfPageUp => {
                    self.overlay_scroll = self.overlay_scroll.saturating_sub(10)
                }
                Action::Top => self.overlay_scroll = 0,
                _ => {}
            }
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
            }
            Action::SkippedFiles => {
                self.overlay = Some(Overlay::Skipped);
                self.overlay_scroll = 0;
            }
            Action::ToggleLanguage => {
                self.lang = match self.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                }
            }
            Action::Reload => self.reload(),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::FocusList => self.set_focus(Focus::List),
            Action::FocusOutline => self.set_focus(Focus::Outline),
            Action::FocusReader if self.open.is_some() => self.set_focus(Focus::Reader),
            Action::ToggleList => {
                self.show_list = !self.show_list;
                if !self.show_list && self.focus == Focus::List {
                    self.cycle_focus(true);
                }
            }
            Action::ToggleOutline => {
                self.show_outline = !self.show_outline;
                if !self.show_outline && self.focus == Focus::Outline {
                    self.focus = Focus::Reader;
                }
            }
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::HalfPageDown => self.step(self.page() / 2 + 1),
            Action::HalfPageUp => self.step(-(self.page() / 2 + 1)),
            Action::PageDown => self.step(self.page()),
            Action::PageUp => self.step(-self.page()),
            Action::Top => match self.focus {
                Focus::Reader => {
                    self.push_jump();
                    self.scroll_to(0);
                }
                _ => self.step(isize::MIN / 2),
            },
            Action::Bottom => match self.focus {
                Focus::Reader => {
                    self.push_jump();
                    self.scroll_to(usize::MAX);
                }
                _ => self.step(isize::MAX / 2),
            },
            Action::Open => match self.focus {
                Focus::List => {
                    if let Some(&i) = self.visible.get(self.list_sel) {
                        self.open_speech(i);
                        self.set_focus(Focus::Reader);
                    }
                }
                Focus::Outline => {
                    self.jump_to_heading(self.outline_sel);
                }
                Focus::Reader => {}
            },
            Action::Back if !self.filter.is_empty() && self.focus == Focus::List => {
                self.filter.clear();
                self.refilter();
            }
            Action::NextHeading => self.heading_step(true, false),
            Action::PrevHeading => self.heading_step(false, false),
            Action::NextTopHeading => self.heading_step(true, true),
            Action::PrevTopHeading => self.heading_step(false, true),
            Action::JumpBack => {
                if let Some(p) = self.back.pop() {
                    if let Some(h) = self.here() {
                        self.forward.push(h);
                    }
                    self.go_to(p);
                } else {
                    self.message = Some(self.t("没有更早的位置", "Nothing to jump back to"));
                }
            }
            Action::JumpForward => {
                if let Some(p) = self.forward.pop() {
                    if let Some(h) = self.here() {
                        self.back.push(h);
                    }
                    self.go_to(p);
                }
            }
            Action::Back if self.visual.is_some() => self.visual = None,
            Action::NextSentence => self.move_sentence(true),
            Action::PrevSentence => self.move_sentence(false),
            Action::Visual => self.toggle_visual(),
            Action::Bookmark => self.begin_bookmark(),
            Action::Bookmarks => self.open_bookmarks(),
            Action::Yank => self.yank(),
            Action::Filter => self.start_filter(),
            Action::Search if self.focus == Focus::List => self.start_filter(),
            Action::Search => self.start_search(),
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::CorpusSearch => self.open_corpus_search(),
            Action::Sort => {
                self.sort = match self.sort {
                    SortBy::Name => SortBy::Title,
                    SortBy::Title => SortBy::Size,
                    SortBy::Size => SortBy::Name,
                };
                self.refilter();
                self.message = Some(match self.sort {
                    SortBy::Name => self.t("按文件名排序", "Sorted by file name"),
                    SortBy::Title => self.t("按标题排序", "Sorted by title"),
                    SortBy::Size => self.t("按字数排序", "Sorted by length"),
                });
            }
            _ => {}
        }
    }

    fn start_filter(&mut self) {
        self.set_focus(Focus::List);
        let text = self.filter.clone();
        let cursor = text.chars().count();
        self.prompt = Some(Prompt {
            kind: PromptKind::Filter,
            edit: LineEdit { text, cursor },
        });
    }

    /// j/k and paging act on the focused pane; in visual mode j/k extend by sentence.
    fn step(&mut self, d: isize) {
        if self.visual.is_some() && self.focus == Focus::Reader && d.abs() == 1 {
            self.move_sentence(d > 0);
            return;
        }
        match self.focus {
            Focus::List => self.move_list(d),
            Focus::Outline => self.move_outline(d),
            Focus::Reader => self.scroll(d),
        }
    }

    // ----- highlights -------------------------------------------------------------------------

    /// Search matches, the passage cursor and bookmarked passages within a byte window.
    pub fn extra_marks(&self, window: Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let mut marks = self.passage_marks(&window);
        marks.extend(self.search_marks(&window));
        marks
    }

    /// The left-margin sign of each visible row (bookmarked passages).
    pub fn margin_marks(&self, lines: Range<usize>) -> Vec<Option<&'static str>> {
        self.bookmark_margin(lines)
    }

    // ----- status -----------------------------------------------------------------------------

    /// 段 x/y: the body paragraph at the reading position.
    pub fn paragraph_position(&self) -> Option<(usize, usize)> {
        let s = self.speech()?;
        let cur = s.para_at(self.anchor.byte);
        // Counted, not collected: this runs on every frame.
        let (mut before, mut total) = (0, 0);
        for (i, p) in s.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Body {
                total += 1;
                before += usize::from(i < cur);
            }
        }
        (total > 0).then(|| (before.min(total - 1) + 1, total))
    }

    pub fn percent(&self) -> usize {
        let max = self.max_top();
        if max == 0 {
            return 100;
        }
        (self.top_line().min(max) * 100) / max
    }
}

/// A plain key press, for state tests.
#[cfg(test)]
pub(crate) fn test_key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        let mut a = App::new(crate::corpus::builtin(), &Config::default());
        a.resize(120, 40);
        a
    }

    use crate::app::test_key as key;

    fn top_text(a: &mut App) -> String {
        let lay = a.layout().unwrap();
        let top = a.top_line();
        let s = a.speech().unwrap();
        (top..top + 3)
            .map(|l| lay.line_text(s, l).to_string())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn starts_on_the_list_with_the_first_speech_open() {
        let a = app();
        assert_eq!(a.focus, Focus::List);
        assert_eq!(a.visible.len(), 5);
        assert_eq!(a.open, Some(0));
        let p = a.panes();
        assert!(p.list.is_some() && p.outline.is_some() && p.reader.is_some());
    }

    #[test]
    fn open_jump_to_heading_next_heading_and_back() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Open);
        assert_eq!(a.open, Some(1));
        assert_eq!(a.focus, Focus::Reader);
        a.update(Action::FocusOutline);
        // Headings of 001: 一、 then five 一要…, then 二、 at index 6.
        for _ in 0..6 {
            a.update(Action::Down);
        }
        a.update(Action::Open);
        assert!(
            top_text(&mut a).contains("二、坚持从严从实"),
            "{}",
            top_text(&mut a)
        );
        assert_eq!(a.current_heading(), Some(6));
        a.update(Action::NextHeading);
        assert_eq!(a.current_heading(), Some(7));
        assert!(top_text(&mut a).contains("一要把握工作重点"));
        a.update(Action::NextTopHeading);
        assert_eq!(a.current_heading(), Some(12));
        a.update(Action::PrevTopHeading);
        assert_eq!(a.current_heading(), Some(6));
        a.update(Action::PrevHeading);
        assert_eq!(a.current_heading(), Some(5));
        a.update(Action::JumpBack);
        assert_eq!(a.current_heading(), Some(6));
        a.update(Action::JumpBack);
        a.update(Action::JumpBack);
        assert_eq!(a.current_heading(), Some(7));
        a.update(Action::JumpForward);
        assert_eq!(a.current_heading(), Some(12));
    }

    #[test]
    fn jump_back_returns_to_the_previous_speech() {
        let mut a = app();
        a.update(Action::FocusReader);
        a.update(Action::PageDown);
        let before = a.anchor;
        a.update(Action::FocusList);
        a.update(Action::Down);
        a.update(Action::Open);
        assert_eq!(a.open, Some(1));
        a.update(Action::JumpBack);
        assert_eq!(a.open, Some(0));
        assert_eq!(a.anchor, before);
    }

    #[test]
    fn resize_keeps_the_same_text_at_the_top() {
        let mut a = app();
        a.update(Action::FocusReader);
        for _ in 0..25 {
            a.update(Action::Down);
        }
        let byte = {
            let lay = a.layout().unwrap();
            let top = a.top_line();
            lay.line_range(top).map(|r| r.start)
        };
        a.resize(70, 20);
        let lay = a.layout().unwrap();
        let top = a.top_line();
        let r = lay.line_range(top).expect("text line at top");
        assert!(r.contains(&byte.unwrap()) || r.start == byte.unwrap());
        a.resize(200, 60);
        a.resize(1, 1);
        assert!(a.panes().too_small);
        a.resize(120, 40);
    }

    #[test]
    fn scrolling_through_blank_lines_is_not_stuck() {
        let mut a = app();
        a.update(Action::FocusReader);
        let mut seen = Vec::new();
        for _ in 0..40 {
            seen.push(a.top_line());
            a.update(Action::Down);
        }
        for w in seen.windows(2) {
            assert_eq!(w[1], w[0] + 1);
        }
        for _ in 0..40 {
            a.update(Action::Up);
        }
        assert_eq!(a.top_line(), 0);
    }

    #[test]
    fn filter_by_title_with_chinese_input() {
        let mut a = app();
        a.update(Action::Filter);
        for c in "主题教育".chars() {
            a.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(a.visible, vec![1]);
        a.handle_key(key(KeyCode::Backspace));
        a.handle_key(key(KeyCode::Backspace));
        a.handle_key(key(KeyCode::Enter));
        assert_eq!(a.filter, "主题");
        assert!(a.prompt.is_none());
        a.update(Action::Back);
        assert_eq!(a.visible.len(), 5);
    }

    #[test]
    fn typing_chinese_in_the_list_filters_directly() {
        let mut a = app();
        a.handle_key(key(KeyCode::Char('主')));
        a.handle_key(key(KeyCode::Char('题')));
        assert_eq!(a.filter, "主题");
        assert_eq!(a.visible, vec![1]);
        a.handle_key(key(KeyCode::Esc));
        assert_eq!(a.visible.len(), 5);
        // Bound keys keep their meaning; pasted text filters too.
        a.handle_key(key(KeyCode::Char('j')));
        assert!(a.prompt.is_none() && a.filter.is_empty());
        a.paste("乡镇");
        assert_eq!(a.visible, vec![3]);
    }

    #[test]
    fn line_edit_by_character() {
        let mut e = LineEdit::default();
        e.insert_str("一岗双责");
        e.key(&key(KeyCode::Left));
        e.key(&key(KeyCode::Backspace));
        assert_eq!(e.text, "一岗责");
        assert_eq!(e.before_cursor(), "一岗");
        e.insert_str("x\ny");
        assert_eq!(e.text, "一岗xy责");
    }

    #[test]
    fn narrow_terminal_shows_fewer_panes() {
        let mut a = app();
        a.resize(60, 20);
        let p = a.panes();
        assert!(p.list.is_none() || p.outline.is_none(), "{p:?}");
        assert!(p.reader.is_some() || p.list.map(|r| r.width) == Some(60));
        a.update(Action::FocusOutline);
        let p = a.panes();
        assert!(p.outline.is_some());
        a.update(Action::ToggleList);
        a.update(Action::ToggleOutline);
        a.update(Action::FocusReader);
        let p = a.panes();
        assert_eq!(p.reader.map(|r| r.width), Some(60));
    }

    #[test]
    fn outline_follows_scrolling() {
        let mut a = app();
        a.update(Action::Down);
        a.update(Action::Open);
        assert_eq!(a.current_heading(), None);
        for _ in 0..30 {
            a.update(Action::PageDown);
        }
        // At the end the top line sits in the last top-level section.
        assert_eq!(a.current_heading(), Some(13));
        assert_eq!(a.outline_sel, 13);
        a.update(Action::Top);
        assert_eq!(a.top_line(), 0);
    }
}
