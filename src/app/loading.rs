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
                self.replace_corpus(stubs);
                self.spawn_load(scan, encoding, false, names_first);
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

        // Byte ranges held by a half-typed bookmark or search belong to the old texts.
        if matches!(
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
        let corpus_query = self.corpus_search.as_ref().map(|c| c.edit.text.clone());

        self.corpus = Arc::new(new);
        self.clear_layout_cache();
        // Jump and search positions are indices into the old corpus.
        self.back.clear();
        self.forward.clear();
        self.corpus_search = None;
        if let Some(q) = corpus_query {
            // Run the same corpus search again over the new texts.
            let mut cs = super::CorpusSearch::new();
            cs.edit.insert_str(&q);
            self.corpus_search = Some(cs);
            self.corpus_search_typed();
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

    pub fn skipped_count(&self) -> usize {
        self.corpus.skipped.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keymap::Action;
    use crate::config::Config;

    fn write(dir: &std::path::Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    #[test]
    fn titles_first_then_the_full_corpus_keeps_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let body = "这是一段正文。".repeat(200);
        write(
            dir.path(),
            "a.txt",
            &format!("在甲会议上的讲话\n\n一、第一部分\n{body}\n二、第二部分\n{body}\n"),
        );
        write(dir.path(), "b.txt", "在乙会议上的讲话\n\n正文。\n");
        write(dir.path(), "broken.txt", "");
        let mut a = App::new(Corpus::default(), &Config::default());
        a.resize(100, 30);
        a.load(Source::Dirs {
            dirs: vec![dir.path().to_path_buf()],
            encoding: None,
        });
        // Stubs: titles are there before the text.
        let titles: Vec<&str> = a.corpus.speeches.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["在甲会议上的讲话", "在乙会议上的讲话"]);
        a.wait_loaded();
        assert!(a.corpus.speeches.iter().all(|s| s.loaded));
        assert_eq!(a.skipped_count(), 1);
        assert_eq!(a.open, Some(0));
        a.update(Action::FocusReader);
        a.update(Action::NextTopHeading);
        a.update(Action::NextTopHeading);
        let here = a.current_heading();
        assert_eq!(here, Some(1));

        // The file changes on disk: a paragraph inserted above. R keeps the same heading.
        write(
            dir.path(),
            "a.txt",
            &format!(
                "在甲会议上的讲话\n\n新加的一段。\n一、第一部分\n{body}\n二、第二部分\n{body}\n"
            ),
        );
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        a.update(Action::Reload);
        a.wait_loaded();
        assert_eq!(a.corpus.speeches.len(), 1);
        assert_eq!(a.open, Some(0));
        assert_eq!(a.message.as_deref(), Some("已重新载入 1 篇"));
        // The character offset is kept: the text shifted by 7 characters, so the place is
        // just above the heading now, still in the first part's end or at the second.
        assert!(a.current_heading().is_some());
    }

    /// A one-line speech, `f00007.txt` for 7.
    fn notice(dir: &std::path::Path, i: usize) {
        let text = format!("在第{i}次会议上的讲话\n\n正文。\n");
        write(dir, &format!("f{i:05}.txt"), &text);
    }

    /// An app loading the folder `dir`.
    fn loading(dir: &std::path::Path) -> App {
        let mut a = App::new(Corpus::default(), &Config::default());
        a.resize(100, 30);
        a.load(Source::Dirs {
            dirs: vec![dir.to_path_buf()],
            encoding: None,
        });
        a
    }

    #[test]
    fn a_big_corpus_shows_file_names_first_then_titles_then_texts_keeping_the_row() {
        let dir = tempfile::tempdir().unwrap();
        let n = TITLES_AT_ONCE + 1;
        for i in 0..n {
            notice(dir.path(), i);
        }
        let mut a = loading(dir.path());
        // The first frame has every file, by name, before any title is read.
        assert_eq!(a.corpus.speeches.len(), n);
        assert_eq!(a.corpus.speeches[7].title, "f00007");
        assert!(a.loading());
        a.update(Action::Down);
        a.update(Action::Down);
        let row = a.list_sel;
        let id = a.corpus.speeches[a.visible[row]].id.clone();
        // Then the titles (and the texts, perhaps at once), each swap on the same row.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while a.corpus.speeches[7].title == "f00007" {
            assert!(std::time::Instant::now() < deadline, "no titles");
            if !a.poll_loader() {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
        assert_eq!(a.corpus.speeches[7].title, "在第7次会议上的讲话");
        assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, id);
        a.wait_loaded();
        assert!(!a.loading());
        assert!(a.corpus.speeches.iter().all(|s| s.loaded));
        assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, id);
        assert_eq!(
            a.message.as_deref(),
            Some(format!("已载入 {n} 篇").as_str())
        );
    }

    #[test]
    fn a_row_on_a_copy_that_gets_folded_moves_to_its_group() {
        let dir = tempfile::tempdir().unwrap();
        // Two copies of one speech among other short ones: the second is folded once the
        // texts are parsed (the first is the group's entry).
        let mut x = 7u32;
        let body: String = (0..800)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from_u32(0x4e00 + (x >> 16) % 3000).unwrap()
            })
            .collect();
        let copy = format!("在全会上的讲话\n\n{body}。\n");
        write(dir.path(), "f00000.txt", &copy);
        write(dir.path(), "f00001.txt", &copy);
        for i in 2..=TITLES_AT_ONCE {
            notice(dir.path(), i);
        }
        let mut a = loading(dir.path());
        a.update(Action::Down);
        assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, "f00001");
        a.wait_loaded();
        assert_eq!(a.corpus.duplicates, vec![vec![0, 1]]);
        assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, "f00000");
    }

    #[test]
    fn a_reload_that_loses_the_open_speech_says_so() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.txt", "在甲会议上的讲话\n\n正文。\n");
        write(dir.path(), "b.txt", "在乙会议上的讲话\n\n正文。\n");
        let mut a = App::new(Corpus::default(), &Config::default());
        a.resize(100, 30);
        a.load(Source::Dirs {
            dirs: vec![dir.path().to_path_buf()],
            encoding: None,
        });
        a.wait_loaded();
        let b = a.corpus.find("b").unwrap();
        a.show_speech(b, None);
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        a.update(Action::Reload);
        a.wait_loaded();
        assert_eq!(
            a.message.as_deref(),
            Some("已重新载入 1 篇；《在乙会议上的讲话》已不在文库中")
        );
        assert_eq!(a.open, a.corpus.find("a"));
    }

    #[test]
    fn a_reload_under_open_prompts_and_overlays_is_safe() {
        let mut a = App::new(corpus::builtin(), &Config::default());
        a.resize(100, 30);
        // A bookmark note half typed: its byte range belongs to the old text.
        a.update(Action::FocusReader);
        a.update(Action::NextSentence);
        a.store = Some(crate::store::bookmarks::BookmarkStore::load(
            tempfile::tempdir().unwrap().path().join("b.toml"),
        ));
        a.update(Action::Bookmark);
        assert!(a.prompt.is_some());
        a.update(Action::Reload);
        assert!(a.prompt.is_none());
        // A corpus search left open is run again and can still be closed.
        a.update(Action::CorpusSearch);
        a.paste("一岗双责");
        a.wait_search();
        a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
        a.update(Action::Reload);
        a.wait_search();
        assert_eq!(a.hit_groups().len(), 2);
        a.update(Action::Back);
        assert_eq!(a.overlay, None);
    }
}

#[cfg(test)]
mod review_tests {
    //! Regression tests for bugs found in review: mouse clicks under an open prompt, and
    //! quitting before a folder finished loading.
    use super::*;
    use crate::config::keymap::Action;
    use crate::config::keys::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
    use crate::config::Config;
    use crate::store::bookmarks::BookmarkStore;
    use crate::store::state::StateFile;

    fn click(a: &mut App, col: u16, row: u16) {
        a.mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
        });
    }

    #[test]
    fn a_click_under_the_note_prompt_cannot_move_the_bookmark() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = App::new(corpus::builtin(), &Config::default());
        a.resize(120, 40);
        a.attach_storage(
            Some(BookmarkStore::load(dir.path().join("b.toml"))),
            Some(StateFile::load(dir.path().join("s.toml"))),
        );
        // 004 is the longest seed, 003 the shortest.
        a.open_speech(4);
        a.update(Action::FocusReader);
        a.update(Action::Bottom);
        a.update(Action::NextSentence);
        a.update(Action::Bookmark);
        let lr = a.panes().list.unwrap();
        click(&mut a, lr.x + 2, lr.y + 1 + 3);
        assert_eq!(a.open, Some(4), "the click is ignored while typing a note");
        a.handle_key(crate::app::test_key(KeyCode::Enter));
        let store = a.store.as_ref().unwrap();
        assert_eq!(store.list().len(), 1);
        assert_eq!(store.list()[0].speech_id, "004_c86d48fce694c9fb");
    }

    #[test]
    fn a_click_under_the_search_prompt_keeps_the_origin_in_its_speech() {
        let mut a = App::new(corpus::builtin(), &Config::default());
        a.resize(120, 40);
        a.open_speech(1);
        a.update(Action::FocusReader);
        a.update(Action::Bottom);
        a.update(Action::Search);
        a.paste("的");
        let lr = a.panes().list.unwrap();
        click(&mut a, lr.x + 2, lr.y + 1 + 3);
        assert_eq!(a.open, Some(1));
        a.handle_key(crate::app::test_key(KeyCode::Enter));
        assert!(
            a.back.iter().all(|p| p.speech == 1 || p.speech == 0),
            "{:?}",
            a.back
        );
    }

    #[test]
    fn quitting_while_a_folder_loads_keeps_saved_positions() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("c");
        std::fs::create_dir(&folder).unwrap();
        let body = "这是一段正文。".repeat(3000);
        std::fs::write(
            folder.join("a.txt"),
            format!("在甲会议上的讲话\n\n{body}\n"),
        )
        .unwrap();
        let st = dir.path().join("state.toml");
        std::fs::write(&st, "last_speech = \"a\"\n\n[positions]\na = 5000\n").unwrap();
        let mut a = App::new(Corpus::default(), &Config::default());
        a.attach_storage(None, Some(StateFile::load(&st)));
        a.load(Source::Dirs {
            dirs: vec![folder],
            encoding: None,
        });
        a.resize(100, 30);
        // Still title-only: quitting now must not write position 0 over 5000.
        assert!(!a.corpus.speeches[0].loaded);
        a.save_state().unwrap();
        assert_eq!(StateFile::load(&st).get("a"), Some(5000));
        // Once loaded, the saved place is where the speech opens.
        a.wait_loaded();
        assert_eq!(passages_char(&a), 5000);
    }

    #[test]
    fn an_idle_second_window_never_writes_back_an_older_position() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("c");
        std::fs::create_dir(&folder).unwrap();
        // Two different speeches (the same text twice would be one duplicate group).
        for (name, line) in [("a", "这是一段正文。"), ("b", "那是一段别文。")] {
            let body = format!("{line}\n\n").repeat(3000);
            let text = format!("在甲会议上的讲话\n\n{body}");
            std::fs::write(folder.join(format!("{name}.txt")), text).unwrap();
        }
        let st = dir.path().join("state.toml");
        std::fs::write(&st, "last_speech = \"a\"\n\n[positions]\na = 5000\n").unwrap();
        let window = || {
            let mut w = App::new(Corpus::default(), &Config::default());
            w.attach_storage(None, Some(StateFile::load(&st)));
            w.load(Source::Dirs {
                dirs: vec![folder.clone()],
                encoding: None,
            });
            w.wait_loaded();
            w.resize(100, 30);
            w
        };
        // B starts first and sits idle on speech a; it also glances at b and back.
        let mut b = window();
        assert_eq!(passages_char(&b), 5000);
        b.update(Action::Down);
        b.update(Action::Open);
        b.update(Action::FocusList);
        b.update(Action::Up);
        b.update(Action::Open);
        // A moves in a and b and quits.
        let mut a = window();
        a.update(Action::FocusReader);
        a.update(Action::PageDown);
        a.update(Action::FocusList);
        a.update(Action::Down);
        a.update(Action::Open);
        a.update(Action::PageDown);
        a.save_state().unwrap();
        let after_a = StateFile::load(&st);
        let (pa, pb) = (after_a.get("a").unwrap(), after_a.get("b").unwrap());
        assert!(pa > 5000 && pb > 0, "{pa} {pb}");
        assert_eq!(after_a.last_speech(), Some("b"));
        // B quits without having moved: A's positions and last speech stand.
        b.save_state().unwrap();
        let back = StateFile::load(&st);
        assert_eq!((back.get("a"), back.get("b")), (Some(pa), Some(pb)));
        assert_eq!(back.last_speech(), Some("b"));
        // Once B does move, its move is saved.
        b.update(Action::FocusReader);
        b.update(Action::Bottom);
        b.save_state().unwrap();
        let back = StateFile::load(&st);
        assert!(back.get("a").unwrap() > pa);
        assert_eq!(back.get("b"), Some(pb));
    }

    fn passages_char(a: &App) -> usize {
        let s = a.speech().unwrap();
        crate::app::passages::byte_to_char(&s.text, a.anchor.byte)
    }
}
