//! The corpus-wide search: run on a worker thread that a new keystroke cancels, over the
//! parsed texts or, while the corpus still loads, over its files (`crate::search::loading`),
//! its hits folded once per duplicate group. State only; matching lives in `crate::search`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

use super::worker::WakerSlot;
use super::{App, Focus, LineEdit, Overlay, Source};
use crate::config::keys::{KeyCode, KeyEvent};
use crate::corpus::{Corpus, Speech};
use crate::search::copies::{self, Folded};
use crate::search::corpus::{search_many, Hit, SearchOutcome};
use crate::search::loading::{search_loading, Found};
use crate::search::scope::{Scope, ScopeIndex};
use crate::search::Query;

/// Hits kept for the results list; the count goes on past it.
const HIT_LIMIT: usize = 20_000;

pub enum WorkerMsg {
    Progress(usize),
    /// While the corpus loads: the outcome so far, and the speeches with hits that were
    /// parsed for it ([`crate::search::loading`]).
    Found(SearchOutcome, Found),
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
    pub(super) cancel: Arc<AtomicBool>,
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
    /// Speeches still title-only stubs in the corpus, parsed by the search for their hits
    /// (by corpus index): what the results show and open before the load ends.
    pub early: HashMap<usize, Speech>,
    /// The search was run again over a new corpus: the results shown stay until its end,
    /// which keeps the selected hit where it has it.
    rerun: bool,
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
            early: HashMap::new(),
            rerun: false,
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
            WorkerMsg::Found(out, found) => {
                self.done_docs = out.docs_done;
                self.early.extend(found);
                // Hits only grow, so the selection stays on its hit. A rerun's results take
                // over from those shown once they are as many.
                if !self.rerun || out.hits.len() >= self.hits().len() {
                    self.copies.clear();
                    self.show(out);
                }
            }
            WorkerMsg::Done(out, folded) => {
                self.done_docs = out.docs_done;
                self.copies = folded.copies;
                self.folded = (folded.folded, folded.docs_folded);
                self.show(out);
                self.rerun = false;
                self.running = false;
                self.rx = None;
            }
        }
    }

    /// Shows `out`; a rerun's keeps the hit selected where it has it (else the first).
    fn show(&mut self, out: SearchOutcome) {
        let kept = self
            .hits()
            .get(self.sel)
            .filter(|_| self.rerun)
            .map(|h| (h.doc, h.range.start));
        self.outcome = Some(out);
        if let Some(k) = kept {
            self.sel = self
                .hits()
                .iter()
                .position(|h| (h.doc, h.range.start) == k)
                .unwrap_or(0);
        }
    }

    /// The speech a hit is in: the corpus's, or the one parsed for the search while the
    /// corpus's is still a stub.
    pub fn speech<'a>(&'a self, corpus: &'a Corpus, doc: usize) -> &'a Speech {
        let s = &corpus.speeches[doc];
        match self.early.get(&doc) {
            Some(e) if !s.whole() => e,
            _ => s,
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
/// `files` (the encoding the load reads with) while the corpus is loading: its stubs are
/// then searched from their files.
fn spawn_search(
    corpus: Arc<Corpus>,
    query: Query,
    scope: (Scope, Arc<Indexes>),
    files: Option<Option<&'static encoding_rs::Encoding>>,
    cancel: Arc<AtomicBool>,
    waker: WakerSlot,
) -> Receiver<WorkerMsg> {
    super::worker::spawn(waker, move |report| {
        let (scope, indexes) = scope;
        if let (Scope::Text, Some(force)) = (scope, files) {
            let out = search_loading(
                &query,
                &corpus.speeches,
                force,
                &cancel,
                &mut |out, found| report.send(WorkerMsg::Found(out.clone(), found)),
                HIT_LIMIT,
            );
            let (out, folded) = fold_copies(&corpus, scope, out);
            report.send(WorkerMsg::Done(out, folded));
            return;
        }
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
        self.start_corpus_search(false);
    }

    /// [`App::corpus_search_typed`]; a `rerun` keeps the results shown and the speeches
    /// parsed for them until the new results are in.
    fn start_corpus_search(&mut self, rerun: bool) {
        let corpus = self.corpus.clone();
        // Stubs (and big files' openings) are searched from their files; a reload, which
        // shows the whole old corpus meanwhile, searches that.
        let files = match &self.source {
            Some(Source::Dirs { encoding, .. })
                if self.loading() && corpus.speeches.iter().any(|s| !s.whole()) =>
            {
                Some(*encoding)
            }
            _ => None,
        };
        let parsed = self
            .corpus_search
            .as_ref()
            .map(|cs| Query::parse(&cs.edit.text).map_err(|e| self.query_error(&e.to_string())));
        let Some(cs) = &mut self.corpus_search else {
            return;
        };
        cs.cancel.store(true, Ordering::Relaxed);
        cs.rx = None;
        cs.rerun = rerun;
        if !rerun {
            cs.sel = 0;
            cs.early.clear();
        }
        cs.done_docs = 0;
        let Some(parsed) = parsed else { return };
        match parsed {
            Err(e) => {
                cs.error = Some(e);
                cs.running = false;
                cs.rerun = false;
            }
            Ok(None) => {
                cs.error = None;
                cs.outcome = None;
                cs.query = None;
                cs.running = false;
                cs.rerun = false;
            }
            Ok(Some(q)) => {
                cs.error = None;
                cs.cancel = Arc::new(AtomicBool::new(false));
                let indexes = cs.indexes_for(&corpus);
                cs.rx = Some(spawn_search(
                    corpus,
                    q.clone(),
                    (cs.scope, indexes),
                    files,
                    cs.cancel.clone(),
                    self.waker.clone(),
                ));
                cs.query = Some(q);
                cs.running = true;
            }
        }
    }

    /// After the corpus changed under it: the same search again over the new texts, in the
    /// same scope, with the query line as it was. Until the new results are in, the old ones
    /// stay shown where the new corpus has the same text at the same place (by speech id),
    /// and the hit selected stays selected if the new results have it.
    pub(super) fn rerun_corpus_search(&mut self, mut old: CorpusSearch, before: &Corpus) {
        let mut cs = CorpusSearch::new();
        let ids: HashMap<&str, usize> = self
            .corpus
            .speeches
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let new_doc = |d: usize| ids.get(before.speeches[d].id.as_str()).copied();
        for (d, s) in &old.early {
            if let Some(n) = new_doc(*d).filter(|&n| !self.corpus.speeches[n].whole()) {
                cs.early.insert(n, s.clone());
            }
        }
        if let Some(mut out) = old.outcome.take().filter(|_| old.scope == Scope::Text) {
            let mut copies = old.copies.iter().copied();
            let mut kept_copies = Vec::new();
            let mut sel = None;
            let mut kept = Vec::new();
            for (i, mut h) in std::mem::take(&mut out.hits).into_iter().enumerate() {
                let n_copies = copies.next().unwrap_or(0);
                let was = old.speech(before, h.doc).searchable().get(h.range.clone());
                let Some(n) = new_doc(h.doc) else { continue };
                if was.is_none()
                    || cs.speech(&self.corpus, n).searchable().get(h.range.clone()) != was
                {
                    continue;
                }
                if i == old.sel {
                    sel = Some(kept.len());
                }
                h.doc = n;
                kept.push(h);
                kept_copies.push(n_copies);
            }
            out.hits = kept;
            cs.outcome = Some(out);
            cs.copies = kept_copies;
            cs.sel = sel.unwrap_or(0);
        }
        cs.edit = old.edit;
        cs.scope = old.scope;
        self.corpus_search = Some(cs);
        self.start_corpus_search(true);
    }

    /// A search that cannot run, as the interface language says it (the pattern's own
    /// message, from the regex engine, stays as it is).
    pub(super) fn query_error(&self, e: &str) -> String {
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
        let early = cs.early.get(&hit.doc).cloned();
        self.overlay = None;
        if let Some(s) = early.filter(|_| !self.corpus.speeches[hit.doc].whole()) {
            self.put_loaded(hit.doc, s);
        }
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
