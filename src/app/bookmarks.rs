//! Bookmarks and the reading state: bookmarks resolved against the corpus (re-anchored by
//! their excerpt when a text changed), the bookmarks overlay, and the reading positions saved
//! between sessions. State only; the store does the file work.

use std::collections::HashSet;
use std::ops::Range;

use super::passages::{byte_to_char, char_to_byte};
use super::{Anchor, App, Focus, LineEdit, Overlay, Prompt, PromptKind};
use crate::corpus::Speech;
use crate::store::bookmarks::tags::matches_filter;
use crate::store::bookmarks::{Bookmark, BookmarkStore, StoreError};
use crate::store::state::StateFile;

/// Excerpts longer than this are cut: enough to quote and to re-anchor, not a second copy.
const EXCERPT_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchoring {
    /// The text at the stored offsets is the excerpt.
    Exact,
    /// The excerpt was found elsewhere in the speech (text inserted or removed before it).
    Moved,
    /// The speech no longer contains the excerpt; the bookmark is kept, not dropped.
    Orphaned,
    /// The speech is not in the current corpus; the bookmark is kept untouched.
    NotInCorpus,
    /// The speech's text is still loading; resolved when it arrives.
    Pending,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub id: String,
    pub speech: Option<usize>,
    /// Byte range in the speech's text.
    pub range: Option<Range<usize>>,
    pub anchoring: Anchoring,
}

/// Finds where a bookmark's excerpt is in `s` now: exact, moved (nearest occurrence to the
/// old place) or orphaned.
pub fn reanchor(s: &Speech, b: &Bookmark) -> (Anchoring, Option<Range<usize>>) {
    let start = char_to_byte(&s.text, b.start);
    let end = char_to_byte(&s.text, b.end.max(b.start));
    if b.excerpt.is_empty() {
        return (Anchoring::Exact, Some(start..end));
    }
    if s.text
        .get(start..)
        .is_some_and(|t| t.starts_with(&b.excerpt))
    {
        return (
            Anchoring::Exact,
            Some(start..start + b.excerpt.len().max(end - start)),
        );
    }
    let best = s
        .text
        .match_indices(b.excerpt.as_str())
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(start));
    match best {
        Some(i) => (Anchoring::Moved, Some(i..i + b.excerpt.len())),
        None => (Anchoring::Orphaned, None),
    }
}

impl App {
    /// Attaches the bookmark store and the reading state, restoring the last speech and position.
    pub fn attach_storage(&mut self, store: Option<BookmarkStore>, state: Option<StateFile>) {
        self.store = store;
        self.state = state;
        if let Some(st) = &self.state {
            self.help_seen |= st.help_seen();
            if let Some(lang) = st.language().and_then(|c| c.parse().ok()) {
                self.lang = lang;
            }
        }
        self.resolve_bookmarks();
        if let Some(problem) = self.startup_notes() {
            self.message = Some(problem);
        }
        let last = self
            .state
            .as_ref()
            .and_then(|st| st.last_speech().map(str::to_string))
            .and_then(|id| self.corpus.find(&id));
        if let Some(i) = last {
            let at = self.saved_anchor(i);
            self.show_speech(i, at);
        }
    }

    /// The position saved for a speech in an earlier session, as an anchor in this text.
    pub(super) fn saved_anchor(&self, i: usize) -> Option<Anchor> {
        let s = &self.corpus.speeches[i];
        let chars = self.state.as_ref()?.get(&s.id)?;
        Some(Anchor::at(char_to_byte(&s.text, chars)))
    }

    /// Writes the last speech and every position visited this session to the state file.
    pub fn save_state(&mut self) -> Result<(), String> {
        if let Some(cur) = self.open {
            self.positions.insert(cur, self.anchor);
        }
        let Some(state) = self.state.as_ref() else {
            return Ok(());
        };
        // A title-only stub (the corpus still loading) has no text, so no position to save:
        // writing one would reset the saved place to the start. A position this window did
        // not move (still where the state file had it, or at the start of a speech it had
        // none for) is not saved either: another window may have saved a newer one since.
        let changed: Vec<(String, usize)> = self
            .positions
            .iter()
            .filter(|(&i, _)| self.corpus.speeches[i].loaded)
            .filter_map(|(&i, a)| {
                let s = &self.corpus.speeches[i];
                let chars = byte_to_char(&s.text, a.byte);
                let moved = match state.known_position(&s.id) {
                    Some(known) => known != chars,
                    None => a.byte != self.start_anchor(i).byte,
                };
                moved.then(|| (s.id.clone(), chars))
            })
            .collect();
        let last = self
            .open
            .map(|i| self.corpus.speeches[i].id.clone())
            .filter(|id| state.known_last_speech() != Some(id.as_str()));
        let state = self.state.as_mut().expect("checked above");
        state
            .save(last.as_deref(), changed)
            .map_err(|e| e.to_string())
    }

    /// Resolves every stored bookmark against the corpus; moved ones are saved re-anchored.
    pub fn resolve_bookmarks(&mut self) {
        let selected = self.selected_resolved().map(|r| r.id.clone());
        self.resolve_bookmarks_unfiltered();
        self.refilter_bookmarks(selected);
    }

    fn resolve_bookmarks_unfiltered(&mut self) {
        let Some(store) = &self.store else {
            self.resolved.clear();
            return;
        };
        let mut moves = Vec::new();
        self.resolved = store
            .list()
            .iter()
            .map(|b| {
                let Some(si) = self.corpus.find(&b.speech_id) else {
                    return Resolved {
                        id: b.id.clone(),
                        speech: None,
                        range: None,
                        anchoring: Anchoring::NotInCorpus,
                    };
                };
                let s = &self.corpus.speeches[si];
                // Not re-anchored on part of a text: a bookmark further on would be lost.
                if !s.whole() {
                    return Resolved {
                        id: b.id.clone(),
                        speech: Some(si),
                        range: None,
                        anchoring: Anchoring::Pending,
                    };
                }
                let (anchoring, range) = reanchor(s, b);
                if let (Anchoring::Moved, Some(r)) = (anchoring, &range) {
                    moves.push((
                        b.id.clone(),
                        byte_to_char(&s.text, r.start),
                        byte_to_char(&s.text, r.end),
                    ));
                }
                Resolved {
                    id: b.id.clone(),
                    speech: Some(si),
                    range,
                    anchoring,
                }
            })
            .collect();
        if let Some(store) = self.store.as_mut().filter(|s| !s.is_read_only()) {
            for (id, start, end) in moves {
                // The in-memory resolution already points at the right place; a failed save
                // only means the next start re-anchors again.
                let saved = store.update(&id, |b| {
                    b.start = start;
                    b.end = end;
                });
                // Locked by another program: the rest would each wait as long again.
                if matches!(saved, Err(StoreError::Locked(_))) {
                    break;
                }
            }
        }
    }

    /// Bookmarked byte ranges of the open speech.
    pub fn open_bookmark_ranges(&self) -> Vec<Range<usize>> {
        let Some(open) = self.open else {
            return Vec::new();
        };
        self.resolved
            .iter()
            .filter(|r| r.speech == Some(open))
            .filter_map(|r| r.range.clone())
            .collect()
    }

    /// Outline rows whose section holds a bookmark.
    pub fn bookmarked_headings(&self) -> HashSet<usize> {
        let Some(s) = self.speech() else {
            return HashSet::new();
        };
        self.open_bookmark_ranges()
            .iter()
            .filter_map(|r| s.heading_at(r.start))
            .collect()
    }

    // ----- bookmarks ---------------------------------------------------------------------------

    /// Starts a bookmark on the selected passage: the note prompt opens; Enter saves.
    pub fn begin_bookmark(&mut self) {
        let Some(store) = &self.store else {
            self.message = Some(self.t(
                "没有可用的配置目录，无法保存书签",
                "No config folder: bookmarks cannot be saved",
            ));
            return;
        };
        if store.error().is_some() {
            self.message = self.storage_problem();
            return;
        }
        self.set_focus(Focus::Reader);
        self.snap_cursor();
        let (Some(range), Some(speech)) = (self.selection(), self.open) else {
            return;
        };
        // A passage already bookmarked: say so and show that bookmark, not a second one.
        let existing = self.resolved.iter().find(|r| {
            r.speech == Some(speech)
                && r.range.as_ref().is_some_and(|b| {
                    b.start == range.start || (b.start <= range.start && range.end <= b.end)
                })
        });
        if let Some(id) = existing.map(|r| r.id.clone()) {
            self.open_bookmarks();
            self.select_bookmark(&id);
            self.visual = None;
            self.message =
                Some(self.t("这段已有书签，已为你打开", "Already bookmarked: here it is"));
            return;
        }
        self.prompt_error = None;
        self.prompt = Some(Prompt {
            kind: PromptKind::NewBookmark(speech, range),
            edit: LineEdit::default(),
        });
    }

    pub(super) fn add_bookmark(&mut self, speech: usize, range: Range<usize>, note: String) {
        // The prompt names the speech it was opened on; anything else would misplace the note.
        if self.open != Some(speech) {
            return;
        }
        let s = &self.corpus.speeches[speech];
        let Some(passage) = s.text.get(range.clone()) else {
            return;
        };
        let excerpt: String = passage.chars().take(EXCERPT_MAX_CHARS).collect();
        let start = byte_to_char(&s.text, range.start);
        let mut b = Bookmark::new(s.id.clone(), start, start + excerpt.chars().count());
        b.speech_title = s.display_title().into_owned();
        b.excerpt = excerpt;
        b.note = note;
        b.heading_path = self.heading_path_labels(range.start);
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let note = b.note.clone();
        match store.add(b) {
            Ok(()) => {
                self.visual = None;
                self.message = Some(self.t("已加书签", "Bookmarked"));
            }
            Err(e) => {
                self.message = Some(self.store_error(&e));
                if matches!(e, StoreError::Locked(_)) {
                    // Nothing is lost: the note waits in its prompt for Enter again.
                    self.reprompt(PromptKind::NewBookmark(speech, range), &note);
                }
            }
        }
        self.resolve_bookmarks();
    }

    /// Opens the prompt again holding `text`, with the message as the reason beside it.
    fn reprompt(&mut self, kind: PromptKind, text: &str) {
        let mut edit = LineEdit::default();
        edit.insert_str(text);
        self.prompt = Some(Prompt { kind, edit });
        self.prompt_error = self.message.clone();
    }

    /// A failed bookmark change as the user reads it.
    fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::Locked(_) => self.t(
                "书签文件被占用，稍后重试",
                "bookmarks file is locked, try again later",
            ),
            other => other.to_string(),
        }
    }

    pub fn open_bookmarks(&mut self) {
        if let Some(store) = self.store.as_mut() {
            // Another window may have added some: show what is on disk now.
            store.reload();
        }
        self.resolve_bookmarks();
        self.overlay = Some(Overlay::Bookmarks);
        self.bm_sel = self.bm_sel.min(self.bm_rows.len().saturating_sub(1));
    }

    /// Recomputes the overlay's rows from `bm_filter`, keeping bookmark `selected` (the one
    /// selected before `resolved` changed) selected when it still shows.
    fn refilter_bookmarks(&mut self, selected: Option<String>) {
        let list = self.store.as_ref().map(|s| s.list()).unwrap_or_default();
        self.bm_rows = self
            .resolved
            .iter()
            .zip(list)
            .enumerate()
            .filter(|(_, (_, b))| matches_filter(b, &self.bm_filter))
            .map(|(i, _)| i)
            .collect();
        match selected.and_then(|id| self.bookmark_row(&id)) {
            Some(row) => self.bm_sel = row,
            None => self.bm_sel = self.bm_sel.min(self.bm_rows.len().saturating_sub(1)),
        }
    }

    pub fn set_bookmark_filter(&mut self, filter: String) {
        let selected = self.selected_resolved().map(|r| r.id.clone());
        self.bm_filter = filter;
        self.refilter_bookmarks(selected);
    }

    /// The overlay row showing the bookmark `id`, if the filter lets it show.
    fn bookmark_row(&self, id: &str) -> Option<usize> {
        self.bm_rows.iter().position(|&i| self.resolved[i].id == id)
    }

    /// Selects bookmark `id` in the overlay, clearing a filter that hides it.
    fn select_bookmark(&mut self, id: &str) {
        if self.bookmark_row(id).is_none() && !self.bm_filter.is_empty() {
            self.set_bookmark_filter(String::new());
        }
        if let Some(row) = self.bookmark_row(id) {
            self.bm_sel = row;
        }
    }

    /// The bookmark on the overlay's selected row.
    pub fn selected_resolved(&self) -> Option<&Resolved> {
        self.resolved.get(*self.bm_rows.get(self.bm_sel)?)
    }

    pub(super) fn bookmarks_key(&mut self, action: crate::config::keymap::Action) {
        use crate::config::keymap::Action as A;
        let n = self.bm_rows.len();
        match action {
            A::Down if n > 0 => self.bm_sel = (self.bm_sel + 1).min(n - 1),
            A::Up => self.bm_sel = self.bm_sel.saturating_sub(1),
            A::PageDown | A::HalfPageDown if n > 0 => self.bm_sel = (self.bm_sel + 10).min(n - 1),
            A::PageUp | A::HalfPageUp => self.bm_sel = self.bm_sel.saturating_sub(10),
            A::Top => self.bm_sel = 0,
            A::Bottom => self.bm_sel = n.saturating_sub(1),
            A::Open => self.jump_to_bookmark(),
            A::Delete => self.delete_bookmark(),
            A::Undo => self.undo_delete(),
            A::EditNote => {
                let Some(b) = self.selected_bookmark() else {
                    return;
                };
                let (id, note) = (b.id.clone(), b.note.clone());
                self.prompt_error = None;
                self.prompt = Some(Prompt {
                    kind: PromptKind::EditNote(id),
                    edit: LineEdit::with_text(note),
                });
            }
            A::FilterBookmarks => {
                self.prompt_error = None;
                self.prompt = Some(Prompt {
                    kind: PromptKind::BookmarkFilter,
                    edit: LineEdit::with_text(self.bm_filter.clone()),
                });
            }
            // Esc first drops a filter, then closes.
            A::Back if !self.bm_filter.is_empty() => self.set_bookmark_filter(String::new()),
            A::Quit | A::Back | A::Bookmarks | A::Help => self.overlay = None,
            _ => {}
        }
    }

    pub fn selected_bookmark(&self) -> Option<&Bookmark> {
        let id = &self.selected_resolved()?.id;
        self.store.as_ref()?.get(id)
    }

    pub(super) fn jump_to_bookmark(&mut self) {
        let Some(r) = self.selected_resolved().cloned() else {
            return;
        };
        match (r.speech, r.range) {
            (Some(si), Some(range)) => {
                self.overlay = None;
                self.open_speech(si);
                self.jump_to_byte(range.start);
                self.cursor = Some(range);
                self.visual = None;
                self.set_focus(Focus::Reader);
            }
            (Some(_), None) => {
                self.message = Some(self.t(
                    "原文已变动，找不到这段文字（书签仍保留）",
                    "The text changed and the passage is gone (the bookmark is kept)",
                ))
            }
            _ => {
                self.message = Some(self.t(
                    "这篇讲话不在当前文库中（书签仍保留）",
                    "That speech is not in this corpus (the bookmark is kept)",
                ))
            }
        }
    }

    pub(super) fn delete_bookmark(&mut self) {
        let Some(id) = self.selected_resolved().map(|r| r.id.clone()) else {
            return;
        };
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.delete(&id) {
            Ok(Some(b)) => {
                self.deleted.push(b);
                self.message = Some(self.t("已删除书签（u 撤销）", "Bookmark deleted (u to undo)"));
            }
            Ok(None) => {}
            Err(e) => self.message = Some(self.store_error(&e)),
        }
        self.resolve_bookmarks();
    }

    pub(super) fn undo_delete(&mut self) {
        let Some(b) = self.deleted.pop() else {
            self.message = Some(self.t("没有可撤销的删除", "Nothing to undo"));
            return;
        };
        let id = b.id.clone();
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.add(b.clone()) {
            Ok(()) => self.message = Some(self.t("已恢复书签", "Bookmark restored")),
            Err(e) => {
                self.deleted.push(b);
                self.message = Some(self.store_error(&e));
            }
        }
        self.resolve_bookmarks();
        self.select_bookmark(&id);
    }

    pub(super) fn save_note(&mut self, id: &str, note: String) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        match store.set_note(id, note.clone()) {
            Ok(()) => self.message = Some(self.t("笔记已保存", "Note saved")),
            Err(e) => {
                self.message = Some(self.store_error(&e));
                if matches!(e, StoreError::Locked(_)) {
                    self.reprompt(PromptKind::EditNote(id.to_string()), &note);
                }
            }
        }
        self.resolve_bookmarks();
    }

    /// Margin signs for the visible rows: `▌` beside bookmarked text.
    pub(super) fn bookmark_margin(&self, lines: Range<usize>) -> Vec<Option<&'static str>> {
        let ranges = self.open_bookmark_ranges();
        let Some(lay) = self.layout() else {
            return vec![None; lines.len()];
        };
        lines
            .map(|l| {
                let r = lay.line_range(l)?;
                ranges
                    .iter()
                    .any(|b| b.start < r.end.max(r.start + 1) && b.end > r.start)
                    .then_some("▌")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
