//! Loading and reloading the corpus behind a running reader: titles first so the list draws
//! at once (for a big corpus file names, then titles from the worker), the full parse on a
//! worker thread, then a swap that keeps the place (by speech id and character offset), the
//! list selection and the bookmarks.

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

use super::passages::{byte_to_char, char_to_byte};
use super::{Anchor, App};
use crate::corpus::load::Source;
use crate::corpus::{self, Corpus};

pub struct Loader {
    rx: Receiver<Corpus>,
    /// A reload keeps showing the old corpus; a first load shows title-only stubs.
    pub reload: bool,
    /// The next message is the titles (the list shows file names until then), not the
    /// full corpus.
    titles: bool,
}

/// Files up to which the list waits for their titles (read from each file's head or the
/// parse cache's index, ~20 µs a file uncached on two cores): beyond it the first frame shows
/// file names and the titles follow from the worker, so the first frame does not grow with
/// the corpus.
pub const TITLES_AT_ONCE: usize = 2000;

impl App {
    /// Shows the titles of `source` at once and parses it fully on a worker thread.
    pub fn load(&mut self, source: Source) {
        match &source {
            Source::Builtin => {
                self.source = Some(source);
                self.replace_corpus(corpus::builtin());
            }
            Source::Loaded(c) => {
                let c = (**c).clone();
                self.source = Some(source);
                self.replace_corpus(c);
            }
            Source::Dirs { dirs, encoding } => {
                let scan = corpus::scan(dirs);
                let encoding = *encoding;
                let names_first = scan.files.len() > TITLES_AT_ONCE;
                let stubs = if names_first {
                    corpus::load::load_names(&scan)
                } else {
                    corpus::load_titles(&scan, encoding)
                };
                self.source = Some(source);
                // Loading before the stubs go in: the speech they open is then read at once
                // (`load_now`), not when every file is in.
                self.spawn_load(scan, encoding, false, names_first);
                self.replace_corpus(stubs);
            }
        }
    }

    /// Parses `scan` fully on a worker; with `titles`, its titles are read and sent first.
    fn spawn_load(
        &mut self,
        scan: corpus::Scan,
        encoding: Option<&'static encoding_rs::Encoding>,
        reload: bool,
        titles: bool,
    ) {
        let rx = super::worker::spawn(self.waker.clone(), move |report| {
            if titles {
                report.send(corpus::load_titles(&scan, encoding));
            }
            report.send(corpus::load_scanned(&scan, encoding));
        });
        self.loader = Some(Loader { rx, reload, titles });
    }

    /// `R`: reads the corpus again, keeping the current one on screen until the new one is in.
    pub fn reload(&mut self) {
        match self.source.clone() {
            Some(Source::Dirs { dirs, encoding }) => {
                let scan = corpus::scan(&dirs);
                // Pressed while the list still shows file names: their titles come first again.
                let names = self.loader.as_ref().is_some_and(|l| l.titles);
                self.spawn_load(scan, encoding, true, names);
                self.message = Some(self.t("正在重新载入文库…", "Reloading the corpus…"));
            }
            Some(Source::Loaded(c)) => {
                self.replace_corpus((*c).clone());
                self.message = Some(self.t("已重新载入", "Reloaded"));
            }
            _ => {
                self.replace_corpus(corpus::builtin());
                self.message = Some(self.t("已重新载入", "Reloaded"));
            }
        }
    }

    pub fn loading(&self) -> bool {
        self.loader.is_some()
    }

    /// True when the screen changed: the titles or the full corpus arrived.
    pub fn poll_loader(&mut self) -> bool {
        let Some(l) = &mut self.loader else {
            return false;
        };
        match l.rx.try_recv() {
            Ok(c) if l.titles => {
                l.titles = false;
                self.replace_corpus(c);
                // The full corpus may be in already.
                self.poll_loader();
                true
            }
            Ok(c) => {
                let reload = l.reload;
                self.loader = None;
                self.loaded(c, reload);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                // The worker died (a bug, reported on stderr by the panic hook): say so rather
                // than show title-only speeches forever.
                self.loader = None;
                let k = self.key(crate::config::keymap::Action::Reload);
                self.message = Some(self.t(
                    &format!("载入失败：全文未能读取，按 {k} 重试"),
                    &format!("Loading failed: the texts could not be read; press {k} to retry"),
                ));
                true
            }
        }
    }

    /// Blocks until a running load is in (tests and the benchmark have no event loop).
    pub fn wait_loaded(&mut self) {
        if let Some(l) = self.loader.take() {
            if l.titles {
                let _ = l.rx.recv();
            }
            if let Ok(c) = l.rx.recv() {
                self.loaded(c, l.reload);
            }
        }
    }

    /// The full corpus is in: swapped in, and the status line says how it went.
    fn loaded(&mut self, c: Corpus, reload: bool) {
        let gone = self.replace_corpus(c);
        let n = self.corpus.speeches.len();
        let note = self.corpus.notes.first().cloned();
        self.message = Some(if let Some(note) = note {
            self.t(&format!("注意：{note}"), &note)
        } else if let Some(title) = gone.filter(|_| reload) {
            // Else the reader shows another speech as if nothing had happened.
            let title = crate::text::one_line(&title);
            self.t(
                &format!("已重新载入 {n} 篇；《{title}》已不在文库中"),
                &format!("Reloaded {n} speeches; 《{title}》 is no longer in the corpus"),
            )
        } else if reload {
            self.t(
                &format!("已重新载入 {n} 篇"),
                &format!("Reloaded {n} speeches"),
            )
        } else if let Some(problem) = self.startup_notes() {
            // Said at start-up, so the loaded count must not cover it up.
            problem
        } else {
            self.t(&format!("已载入 {n} 篇"), &format!("Loaded {n} speeches"))
        });
    }

    /// Swaps in a new corpus, carrying the reading place over by id and character offset.
    /// Returns the title of the open speech when the new corpus no longer has it.
    pub fn replace_corpus(&mut self, new: Corpus) -> Option<String> {
        self.spellings = Vec::new();
        self.list_wants = 0;
        let old = self.corpus.clone();
        let char_pos = |i: usize, a: &Anchor| -> Option<(String, usize)> {
            let s = &old.speeches[i];
            s.loaded
                .then(|| (s.id.clone(), byte_to_char(&s.text, a.byte)))
        };
        let open = self
            .open
            .map(|i| (old.speeches[i].id.clone(), char_pos(i, &self.anchor)));
        let open_title = self
            .open
            .map(|i| old.speeches[i].display_title().into_owned());
        let selected = self
            .visible
            .get(self.list_sel)
            .map(|&i| old.speeches[i].id.clone());
        let mut positions: HashMap<String, usize> = self
            .positions
            .iter()
            .filter_map(|(&i, a)| char_pos(i, a))
            .collect();
        if let Some((_, Some((id, c)))) = &open {
            positions.insert(id.clone(), *c);
        }

        // Byte ranges held by a half-typed bookmark or search belong to the old texts: they
        // stay where the speech's new text begins with its old one (read alone, or only its
        // opening, while the corpus loaded), else the prompt goes.
        let same_start = |i: usize| -> Option<usize> {
            let s = &old.speeches[i];
            let n = new.find(&s.id)?;
            let t = &new.speeches[n];
            // Onto a stub the old speech is carried over (`carry_read_alone`).
            (s.loaded && (!t.loaded || t.text.starts_with(&s.text))).then_some(n)
        };
        let kept = match self.prompt.as_ref().map(|p| &p.kind) {
            Some(super::PromptKind::NewBookmark(i, r)) => {
                same_start(*i).map(|n| super::PromptKind::NewBookmark(n, r.clone()))
            }
            Some(super::PromptKind::Search) => self
                .open
                .and_then(same_start)
                .map(|_| super::PromptKind::Search),
            _ => None,
        };
        if let (Some(p), Some(kind)) = (&mut self.prompt, kept) {
            p.kind = kind;
        } else if matches!(
            self.prompt.as_ref().map(|p| &p.kind),
            Some(super::PromptKind::NewBookmark(..) | super::PromptKind::Search)
        ) {
            self.prompt = None;
            self.search_origin = None;
            self.message = Some(self.t(
                "文库已更新，请重新操作",
                "The corpus changed: please try again",
            ));
        }
        let corpus_search = self.corpus_search.take();

        self.corpus = Arc::new(new);
        self.carry_read_alone(&old, open.iter().map(|(id, _)| id).chain(positions.keys()));
        self.clear_layout_cache();
        // Jump and search positions are indices into the old corpus.
        self.back.clear();
        self.forward.clear();
        if let Some(cs) = corpus_search {
            self.rerun_corpus_search(cs, &old);
        }
        self.cursor = None;
        self.visual = None;
        self.open = None;
        self.positions = positions
            .into_iter()
            .filter_map(|(id, c)| {
                let i = self.corpus.find(&id)?;
                Some((
                    i,
                    Anchor::at(char_to_byte(&self.corpus.speeches[i].text, c)),
                ))
            })
            .collect();
        self.refilter();
        // The speech that was open, else the one the last session ended on, else the first.
        let last = self
            .state
            .as_ref()
            .and_then(|st| st.last_speech().map(str::to_string));
        let gone = open
            .as_ref()
            .filter(|(id, _)| self.corpus.find(id).is_none())
            .and(open_title);
        let reopen = open
            .as_ref()
            .map(|(id, _)| id.clone())
            .or(last)
            .and_then(|id| self.corpus.find(&id))
            .or_else(|| self.visible.first().copied());
        if let Some(i) = reopen {
            self.show_speech(i, None);
        }
        // After the reopening, which puts the list on the open speech: a row moved to while
        // the corpus loaded stays chosen (on its group's entry if it is now a folded copy).
        if let Some(p) = selected
            .and_then(|id| self.corpus.find(&id))
            .and_then(|i| self.row_of(i))
        {
            self.list_sel = p;
            self.keep_list_visible();
        }
        if let Some(s) = &mut self.search {
            // Recomputed for the new text on the next n/N or draw.
            s.speech = usize::MAX;
        }
        self.refresh_search_for_open();
        self.resolve_bookmarks();
        gone
    }

    /// While the corpus loads, a speech about to be shown is read and parsed alone (as the
    /// load parses it; a big file only its opening), so that it can be read now rather than
    /// once every file is in. A file that fails keeps its stub: the load names it among the
    /// skipped.
    pub(super) fn load_now(&mut self, i: usize) {
        let Some(Source::Dirs { encoding, .. }) = self.source.as_ref().filter(|_| self.loading())
        else {
            return;
        };
        let encoding = *encoding;
        let Some(s) = self.corpus.speeches.get(i).filter(|s| !s.loaded) else {
            return;
        };
        let Some(path) = s.path.clone() else { return };
        // A big file shows its opening now; the load brings the whole.
        let reach = self
            .state
            .as_ref()
            .and_then(|st| st.get(&s.id))
            .unwrap_or(0);
        if let Ok(Some(s)) = corpus::opening::load_opening(&path, s.id.clone(), encoding, reach) {
            self.put_loaded(i, s);
        }
    }

    /// Puts a speech parsed ahead of the load in place of its stub.
    pub(super) fn put_loaded(&mut self, i: usize, s: corpus::Speech) {
        let marked = self
            .store
            .as_ref()
            .is_some_and(|st| st.list().iter().any(|b| b.speech_id == s.id));
        // Shared only while a search runs over the stubs: then a copy of them.
        Arc::make_mut(&mut self.corpus).speeches[i] = s;
        self.clear_layout_cache();
        // The title may be new (a stub named after its file): the list measures it again.
        self.spellings = Vec::new();
        self.list_wants = 0;
        if marked {
            self.resolve_bookmarks();
        }
    }

    /// Speeches of `old` read alone ([`App::load_now`]) among `ids` stay read where the new
    /// corpus has only their stubs (the titles replacing the file names).
    fn carry_read_alone<'a>(&mut self, old: &Corpus, ids: impl Iterator<Item = &'a String>) {
        let carried: Vec<(usize, corpus::Speech)> = ids
            .filter_map(|id| {
                let (o, n) = (old.find(id)?, self.corpus.find(id)?);
                (old.speeches[o].loaded && !self.corpus.speeches[n].loaded)
                    .then(|| (n, old.speeches[o].clone()))
            })
            .collect();
        if !carried.is_empty() {
            let c = Arc::make_mut(&mut self.corpus);
            for (n, s) in carried {
                c.speeches[n] = s;
            }
        }
    }

    pub fn skipped_count(&self) -> usize {
        self.corpus.skipped.len()
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod review_tests;
