//! In-speech search: highlight while typing, n/N with wrap-around, Esc restores the
//! position. State only; matching lives in `crate::search`.

use std::ops::Range;

use super::{Anchor, App, Focus, LineEdit, Mark, Prompt, PromptKind};
use crate::search::Query;

/// The query that n/N step through, with its matches in the open speech.
#[derive(Debug, Clone)]
pub struct SpeechSearch {
    pub input: String,
    pub query: Query,
    pub speech: usize,
    pub matches: Vec<Range<usize>>,
    pub current: Option<usize>,
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

    pub(super) fn set_search(&mut self, input: String, query: Query) {
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
    pub(super) fn center_on(&mut self, byte: usize) {
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

    pub(super) fn status_match(&mut self) {
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
}

#[cfg(test)]
mod tests;
