//! Search state: the in-speech search (highlight while typing, n/N with wrap-around, Esc
//! restores the position) and the corpus-wide search run on a worker thread that a new
//! keystroke cancels. State only; matching lives in `crate::search`.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

use super::worker::WakerSlot;
use super::{Anchor, App, Focus, LineEdit, Mark, Overlay, Prompt, PromptKind};
use crate::config::keys::{KeyCode, KeyEvent};
use crate::corpus::Corpus;
use crate::search::copies::{self, Folded};
use crate::search::corpus::{search_many, Hit, SearchOutcome};
use crate::search::scope::{Scope, ScopeIndex};
use crate::search::Query;

/// Hits kept for the results list; the count goes on past it.
const HIT_LIMIT: usize = 20_000;

/// The query that n/N step through, with its matches in the open speech.
#[derive(Debug, Clone)]
pub struct SpeechSearch {
    pub input: String,
    pub query: Query,
    pub speech: usize,
    pub matches: Vec<Range<usize>>,
    pub current: Option<usize>,
}

pub enum WorkerMsg {
    Progress(usize),
    /// The outcome, a passage found in several copies of one speech once (its hits and
    /// counts so), and what was folded ([`crate::search::copies`]).
    Done(SearchOutcome, Folded),
}

/// A corpus-wide search: its query, results so far and the worker computing them.
pub struct CorpusSearch {
    pub edit: LineEdit,
    pub error: Option<String>,
    pub outcome: Option<SearchOutcome>,
    pub done_docs: usize,
    pub running: bool,
    pub sel: usize,
    cancel: Arc<AtomicBool>,
    rx: Option<Receiver<WorkerMsg>>,
    pub query: Option<Query>,
    /// For each hit, how many other copies of its speech have the same passage; and the
    /// hits so folded away, with the copies that had no other hit.
    pub copies: Vec<u32>,
    pub folded: (usize, usize),
    /// 全文, 提纲 or 标题; hits of the two narrow scopes open at their heading or title.
    pub scope: Scope,
    /// The heading and title indexes of one corpus, built by the first search that needs them.
    indexes: Option<(std::sync::Weak<Corpus>, Arc<Indexes>)>,
}

/// The narrow scopes' indexes of one corpus, each built once, on the worker, when first used.
#[derive(Default)]
struct Indexes {
    headings: std::sync::OnceLock<ScopeIndex>,
    titles: std::sync::OnceLock<ScopeIndex>,
}

impl CorpusSearch {
    pub fn new() -> CorpusSearch {
        CorpusSearch {
            edit: LineEdit::default(),
            error: None,
            outcome: None,
            done_docs: 0,
            running: false,
            sel: 0,
            cancel: Arc::new(AtomicBool::new(false)),
            rx: None,
            query: None,
            copies: Vec::new(),
            folded: (0, 0),
            scope: Scope::Text,
            indexes: None,
        }
    }

    /// The indexes for `corpus`, new when the corpus was reloaded since the last search.
    fn indexes_for(&mut self, corpus: &Arc<Corpus>) -> Arc<Indexes> {
        match &self.indexes {
            Some((c, ix)) if std::ptr::eq(c.as_ptr(), Arc::as_ptr(corpus)) => ix.clone(),
            _ => {
                let ix = Arc::new(Indexes::default());
                self.indexes = Some((Arc::downgrade(corpus), ix.clone()));
                ix
            }
        }
    }

    pub fn hits(&self) -> &[Hit] {
        self.outcome.as_ref().map_or(&[], |o| &o.hits)
    }

    fn apply(&mut self, msg: WorkerMsg) {
        match msg {
            WorkerMsg::Progress(n) => self.done_docs = n,
            WorkerMsg::Done(out, folded) => {
                self.done_docs = out.docs_done;
                self.copies = folded.copies;
                self.folded = (folded.folded, folded.docs_folded);
                self.outcome = Some(out);
                self.running = false;
                self.rx = None;
            }
        }
    }
}

impl Default for CorpusSearch {
    fn default() -> Self {
        Self::new()
    }
}

/// Starts a search of every speech on a worker thread; the receiver yields progress and the end.
/// The app's waker is called after each message (see [`super::Waker`]).
fn spawn_search(
    corpus: Arc<Corpus>,
    query: Query,
    scope: (Scope, Arc<Indexes>),
    cancel: Arc<AtomicBool>,
    waker: WakerSlot,
) -> Receiver<WorkerMsg> {
    super::worker::spawn(waker, move |report| {
        let (scope, indexes) = scope;
        let index = match scope {
            Scope::Text => None,
            Scope::Outline => Some(
                indexes
                    .headings
                    .get_or_init(|| ScopeIndex::headings(&corpus.speeches)),
            ),
            Scope::Titles => Some(
                indexes
                    .titles
                    .get_or_init(|| ScopeIndex::titles(&corpus.speeches)),
            ),
        };
        if let Some(ix) = index {
            let out = ix.search(&query, &cancel, HIT_LIMIT);
            let (out, folded) = fold_copies(&corpus, scope, out);
            report.send(WorkerMsg::Done(out, folded));
            return;
        }
        let mut last = 0;
        let mut progress = |done: usize| {
            // A message per document would flood the channel on 10,000 small files.
            if done >= last + 200 {
                last = done;
                report.send(WorkerMsg::Progress(done));
            }
        };
        let docs = corpus
            .speeches
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.searchable()));
        let out = search_many(&query, docs, &cancel, &mut progress, HIT_LIMIT);
        let (out, folded) = fold_copies(&corpus, scope, out);
        report.send(WorkerMsg::Done(out, folded));
    })
}

/// The outcome with each passage once per duplicate group: the hits folded into their
/// representative's, the counts less them (`folded.hits` moved back into the outcome).
fn fold_copies(corpus: &Corpus, scope: Scope, mut out: SearchOutcome) -> (SearchOutcome, Folded) {
    let hits = std::mem::take(&mut out.hits);
    let mut f = copies::fold(hits, corpus, |d| {
        let s = &corpus.speeches[d];
        match scope {
            Scope::Titles => s.display_title(),
            _ => s.searchable().into(),
        }
    });
    out.hits = std::mem::take(&mut f.hits);
    out.total -= f.folded;
    out.docs_matched -= f.docs_folded;
    (out, f)
}

impl App {
    // ----- in-speech search --------------------------------------------------------------------

    pub fn start_search(&mut self) {
        if self.open.is_none() {
            return;
        }
        self.search_origin = Some(self.anchor);
        // Like vim and less: a fresh prompt; Enter on it empty repeats the last search.
        self.prompt = Some(Prompt {
            kind: PromptKind::Search,
            edit: LineEdit::default(),
        });
        self.search_error = None;
    }

    /// Recomputes matches for the prompt's text and shows the first one after the origin.
    pub(super) fn search_typed(&mut self) {
        let input = match &self.prompt {
            Some(p) if p.kind == PromptKind::Search => p.edit.text.clone(),
            _ => return,
        };
        match Query::parse(&input) {
            Err(e) => {
                self.search_error = Some(self.query_error(&e.to_string()));
                return;
            }
            Ok(None) => {
                // Emptied prompt: keep the previous search for Enter-to-repeat.
                self.search_error = None;
                if let Some(a) = self.search_origin {
                    self.anchor = a;
                }
                return;
            }
            Ok(Some(q)) => {
                self.search_error = None;
                self.set_search(input, q);
                let from = self.search_origin.map_or(self.anchor.byte, |a| a.byte);
                if let Some(s) = &mut self.search {
                    s.current = s
                        .matches
                        .iter()
                        .position(|m| m.start >= from)
                        .or((!s.matches.is_empty()).then_some(0));
                }
            }
        }
        if let Some(m) = self.current_match() {
            self.anchor = Anchor::at(m.start);
            self.center_on(m.start);
        } else if let Some(a) = self.search_origin {
            self.anchor = a;
        }
    }

    fn set_search(&mut self, input: String, query: Query) {
        let Some(speech) = self.open else { return };
        let text = self.corpus.speeches[speech].searchable();
        let matches: Vec<Range<usize>> = query.find_iter(text).collect();
        self.search = Some(SpeechSearch {
            input,
            query,
            speech,
            matches,
            current: None,
        });
    }

    /// Keeps n/N working after another speech is opened: same query, that speech's matches.
    pub(super) fn refresh_search_for_open(&mut self) {
        let Some(s) = &self.search else { return };
        if Some(s.speech) == self.open {
            return;
        }
        let (input, query) = (s.input.clone(), s.query.clone());
        self.set_search(input, query);
    }

    pub fn current_match(&self) -> Option<Range<usize>> {
        let s = self.search.as_ref()?;
        s.matches.get(s.current?).cloned()
    }

    /// Puts a byte a third of the way down the pane, where the eye looks after a jump.
    fn center_on(&mut self, byte: usize) {
        let Some(lay) = self.layout() else { return };
        let line = lay.line_of_byte(byte);
        let rows = self.reader_rows();
        self.scroll_to(line.saturating_sub(rows / 3));
    }

    pub(super) fn search_accept(&mut self) {
        let empty = self.prompt.as_ref().is_some_and(|p| p.edit.text.is_empty());
        if let Some(p) = &self.prompt {
            super::edit::remember(&mut self.history.search, &p.edit.text);
        }
        self.prompt = None;
        if self.search_error.is_some() {
            return;
        }
        if empty {
            self.search_origin = None;
            if self.search.is_some() {
                self.search_step(true);
            }
            return;
        }
        let origin = self.search_origin.take();
        match self.current_match() {
            Some(m) => {
                if let (Some(o), Some(open)) = (origin, self.open) {
                    // The jump list returns to where the search started.
                    self.back.push(super::Pos {
                        speech: open,
                        anchor: o,
                    });
                    self.forward.clear();
                }
                self.cursor = None;
                self.set_focus(Focus::Reader);
                self.center_on(m.start);
                self.status_match();
            }
            None => {
                if let Some(o) = origin {
                    self.anchor = o;
                }
                if self.search.is_some() {
                    self.message = Some(self.t("没有找到", "Not found"));
                }
            }
        }
    }

    pub(super) fn search_cancel(&mut self) {
        self.prompt = None;
        self.search_error = None;
        if let Some(o) = self.search_origin.take() {
            self.anchor = o;
            self.clamp_anchor();
        }
    }

    fn status_match(&mut self) {
        if let Some(s) = &self.search {
            if let Some(c) = s.current {
                let n = s.matches.len();
                self.message = Some(self.t(
                    &format!("第 {}/{n} 处", c + 1),
                    &format!("match {}/{n}", c + 1),
                ));
            }
        }
    }

    /// n/N: the next match after (or before) the reading position, wrapping with a notice.
    pub fn search_step(&mut self, forward: bool) {
        self.refresh_search_for_open();
        let top = self.visible_window().map_or(self.anchor.byte, |w| w.start);
        let Some(s) = &mut self.search else {
            let k = self.key(crate::config::keymap::Action::Search);
            self.message = Some(self.t(
                &format!("没有搜索词（按 {k} 搜索）"),
                &format!("No search yet (press {k} to search)"),
            ));
            return;
        };
        if s.matches.is_empty() {
            let msg = format!("“{}”", s.input);
            self.message = Some(self.t(
                &format!("本篇没有 {msg}"),
                &format!("{msg} not found in this speech"),
            ));
            return;
        }
        let n = s.matches.len();
        // Step from the current match while it is on screen, else from the top of the screen.
        let from = s.current.filter(|&c| s.matches[c].start >= top);
        let (next, wrapped) = match (forward, from) {
            (true, Some(c)) => ((c + 1) % n, c + 1 == n),
            (false, Some(c)) => ((c + n - 1) % n, c == 0),
            (true, None) => match s.matches.iter().position(|m| m.start >= top) {
                Some(i) => (i, false),
                None => (0, true),
            },
            (false, None) => match s.matches.iter().rposition(|m| m.start < top) {
                Some(i) => (i, false),
                None => (n - 1, true),
            },
        };
        s.current = Some(next);
        let start = s.matches[next].start;
        self.push_jump();
        self.anchor = Anchor::at(start);
        self.center_on(start);
        self.status_match();
        if wrapped {
            let note = if forward {
                self.t("已从开头继续", "wrapped to the top")
            } else {
                self.t("已从末尾继续", "wrapped to the bottom")
            };
            if let Some(m) = &mut self.message {
                m.push_str(&format!(" — {note}"));
            }
        }
    }

    pub(super) fn search_marks(&self, window: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let Some(s) = self.search.as_ref().filter(|s| Some(s.speech) == self.open) else {
            return Vec::new();
        };
        let first = s.matches.partition_point(|m| m.end <= window.start);
        s.matches[first..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.start < window.end)
            .map(|(i, m)| {
                let mark = if s.current == Some(first + i) {
                    Mark::SearchCurrent
                } else {
                    Mark::Search
                };
                (m.clone(), mark)
            })
            .collect()
    }

    // ----- corpus-wide search ------------------------------------------------------------------

    pub fn open_corpus_search(&mut self) {
        self.overlay = Some(Overlay::CorpusSearch);
        if self.corpus_search.is_none() {
            let mut cs = CorpusSearch::new();
            if let Some(s) = &self.search {
                cs.edit.insert_str(&s.input);
            }
            self.corpus_search = Some(cs);
            self.corpus_search_typed();
        }
        // Reopened on its old query, shown selected: typing starts a new one.
        if let Some(cs) = &mut self.corpus_search {
            cs.edit.selected = !cs.edit.text.is_empty();
        }
        self.corpus_typing = true;
    }

    /// Cancels any running search and starts one for the current input.
    pub(super) fn corpus_search_typed(&mut self) {
        let corpus = self.corpus.clone();
        let parsed = self
            .corpus_search
            .as_ref()
            .map(|cs| Query::parse(&cs.edit.text).map_err(|e| self.query_error(&e.to_string())));
        let Some(cs) = &mut self.corpus_search else {
            return;
        };
        cs.cancel.store(true, Ordering::Relaxed);
        cs.rx = None;
        cs.sel = 0;
        cs.done_docs = 0;
        let Some(parsed) = parsed else { return };
        match parsed {
            Err(e) => {
                cs.error = Some(e);
                cs.running = false;
            }
            Ok(None) => {
                cs.error = None;
                cs.outcome = None;
                cs.query = None;
                cs.running = false;
            }
            Ok(Some(q)) => {
                cs.error = None;
                cs.cancel = Arc::new(AtomicBool::new(false));
                let indexes = cs.indexes_for(&corpus);
                cs.rx = Some(spawn_search(
                    corpus,
                    q.clone(),
                    (cs.scope, indexes),
                    cs.cancel.clone(),
                    self.waker.clone(),
                ));
                cs.query = Some(q);
                cs.running = true;
            }
        }
    }

    /// A search that cannot run, as the interface language says it (the pattern's own
    /// message, from the regex engine, stays as it is).
    fn query_error(&self, e: &str) -> String {
        self.t(&format!("搜索式有误：{e}"), e)
    }

    /// True while a worker is running.
    pub fn search_running(&self) -> bool {
        self.corpus_search.as_ref().is_some_and(|c| c.running)
    }

    /// Drains worker messages; true if anything changed on screen.
    pub fn poll_search(&mut self) -> bool {
        let Some(cs) = &mut self.corpus_search else {
            return false;
        };
        let mut changed = false;
        while let Some(rx) = &cs.rx {
            match rx.try_recv() {
                Ok(msg) => cs.apply(msg),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // A worker that died without a result must not leave "searching…" up.
                    cs.rx = None;
                    cs.running = false;
                    cs.error = Some("search failed".into());
                }
            }
            changed = true;
        }
        changed
    }

    /// Waits for the running corpus search to finish (tests and the CLI, which have no loop).
    pub fn wait_search(&mut self) {
        let Some(cs) = &mut self.corpus_search else {
            return;
        };
        while let Some(msg) = cs.rx.as_ref().and_then(|rx| rx.recv().ok()) {
            cs.apply(msg);
        }
        cs.running = false;
    }

    pub(super) fn corpus_search_key(&mut self, k: &KeyEvent) -> bool {
        if !self.corpus_typing {
            return false;
        }
        let Some(cs) = &mut self.corpus_search else {
            return false;
        };
        if self.keymap.lookup(k) == Some(crate::config::keymap::Action::SearchScope) {
            self.toggle_search_scope();
            return true;
        }
        match k.code {
            KeyCode::Esc => {
                self.overlay = None;
                self.corpus_typing = false;
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Tab => {
                super::edit::remember(&mut self.history.corpus, &cs.edit.text);
                cs.edit.selected = false;
                self.corpus_typing = false;
            }
            KeyCode::Up => {
                if cs.edit.recall(&self.history.corpus, true) {
                    self.corpus_search_typed();
                }
            }
            _ => {
                if cs.edit.key(k) {
                    self.corpus_search_typed();
                }
            }
        }
        true
    }

    pub(super) fn corpus_results_key(&mut self, action: crate::config::keymap::Action) {
        use crate::config::keymap::Action as A;
        let n = self.corpus_search.as_ref().map_or(0, |c| c.hits().len());
        let Some(cs) = &mut self.corpus_search else {
            return;
        };
        match action {
            A::Down if n > 0 => cs.sel = (cs.sel + 1).min(n - 1),
            A::Up if cs.sel == 0 => self.corpus_typing = true,
            A::Up => cs.sel -= 1,
            A::PageDown | A::HalfPageDown if n > 0 => cs.sel = (cs.sel + 10).min(n - 1),
            A::PageUp | A::HalfPageUp => cs.sel = cs.sel.saturating_sub(10),
            A::Top => cs.sel = 0,
            A::Bottom => cs.sel = n.saturating_sub(1),
            A::Search | A::CorpusSearch | A::Filter => {
                cs.edit.selected = !cs.edit.text.is_empty();
                self.corpus_typing = true;
            }
            A::SearchScope => self.toggle_search_scope(),
            A::Open => self.open_hit(),
            A::Quit | A::Back => self.overlay = None,
            _ => {}
        }
    }

    /// 全文 → 提纲 → 标题 → 全文: the same query searched again in the next scope.
    pub fn toggle_search_scope(&mut self) {
        let Some(cs) = &mut self.corpus_search else {
            return;
        };
        cs.scope = cs.scope.next();
        // The hits of the old scope are ranges into other strings (text, not titles): never
        // shown under the new one, even for the moment its search runs.
        cs.outcome = None;
        cs.sel = 0;
        let label = cs.scope.label(self.lang == crate::config::keymap::Lang::En);
        self.corpus_search_typed();
        self.message = Some(self.t(
            &format!("搜索范围：{label}"),
            &format!("Search scope: {label}"),
        ));
    }

    /// Opens the selected hit's speech: at the hit in the text, at its heading in the 提纲
    /// scope, at the start for a title; n/N then go on over the same query.
    fn open_hit(&mut self) {
        let Some(cs) = &self.corpus_search else {
            return;
        };
        let Some(hit) = cs.hits().get(cs.sel).cloned() else {
            return;
        };
        let Some(q) = cs.query.clone() else { return };
        let input = cs.edit.text.clone();
        let scope = cs.scope;
        self.overlay = None;
        self.open_speech(hit.doc);
        if scope == Scope::Titles {
            // The range is into the title, not the text: open where a speech opens.
            self.set_search(input, q);
            self.set_focus(Focus::Reader);
            return;
        }
        let heading = self.corpus.speeches[hit.doc].heading_at(hit.range.start);
        match heading.filter(|_| scope == Scope::Outline) {
            // The heading's line at the top of the pane, its entry selected in the outline.
            Some(h) => self.jump_to_heading(h),
            None => self.jump_to_byte(hit.range.start),
        }
        self.set_search(input, q);
        if let Some(s) = &mut self.search {
            s.current = s.matches.iter().position(|m| m.start == hit.range.start);
        }
        self.set_focus(Focus::Reader);
        if scope == Scope::Text {
            self.center_on(hit.range.start);
        }
        self.status_match();
    }

    /// (matching speeches, their hit counts) in corpus order, for the results header.
    pub fn hit_groups(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for h in self.corpus_search.as_ref().map_or(&[][..], |c| c.hits()) {
            match out.last_mut() {
                Some((d, n)) if *d == h.doc => *n += 1,
                _ => out.push((h.doc, 1)),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
