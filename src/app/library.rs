//! The outline library in the reader: copying a heading's subtree with its citation, the
//! 纲目 mode of the outline pane, and marking a speech to compare its outline with another.
//! State only; the texts come from `crate::view::outline`.

use super::{App, Focus, Overlay};
use crate::config::keymap::Action;
use crate::view::outline;

/// Lines of first sentence under a heading in the 纲目 mode, at most.
const BRIEF_MAX_LINES: usize = 3;

/// One row of the corpus outline: a speech's title, or one of its top-level headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusOutlineRow {
    pub speech: usize,
    pub heading: Option<usize>,
}

impl App {
    /// `y` on an outline row: the selected heading and everything under it, indented, with
    /// the citation line, to the clipboard (OSC 52, like a passage).
    pub fn yank_outline(&mut self) {
        let Some(s) = self.speech() else { return };
        if self.outline_sel >= s.headings.len() {
            return;
        }
        let n = outline::subtree(s, self.outline_sel).len();
        self.clipboard = Some(outline::subtree_text(s, self.outline_sel));
        self.message = Some(self.t(
            &format!("已复制提纲 {n} 条（附出处）"),
            &format!("Copied {n} outline rows with the citation"),
        ));
        self.focus = Focus::Outline;
    }
}

impl App {
    /// `O`: the outline pane switches between the outline and the 纲目.
    pub fn toggle_outline_brief(&mut self) {
        self.outline_brief = !self.outline_brief;
        self.keep_outline_visible();
        self.message = Some(if self.outline_brief {
            self.t(
                "纲目：标题下显示正文首句",
                "Brief: each heading with its first sentence",
            )
        } else {
            self.t("提纲", "Outline")
        });
    }

    /// The first sentence under heading `i` of the open speech, wrapped to the outline
    /// pane's width under the heading's text (none when its body opens with a subheading).
    pub fn outline_brief_lines(&self, i: usize) -> Vec<String> {
        let Some(s) = self.speech() else {
            return Vec::new();
        };
        let Some(t) = outline::first_sentence_text(s, i) else {
            return Vec::new();
        };
        let width = self.brief_width(s.headings[i].depth);
        outline::brief_lines(&t, width, BRIEF_MAX_LINES)
    }

    /// Columns for a 纲目 line: the pane less its border, the mark column and the indent
    /// of the heading's text (the pane's `indent` rule: two columns a level, at most half).
    pub fn brief_width(&self, depth: u8) -> usize {
        let inner = self.panes().outline.map_or(usize::from(self.size.0), |r| {
            usize::from(r.width.saturating_sub(2))
        });
        let indent = (2 * usize::from(depth.max(1) - 1) + 2).min(inner / 2);
        inner.saturating_sub(1 + indent).max(4)
    }

    // ----- the corpus outline ---------------------------------------------------------------

    /// `T`: the outlines of every speech the list shows, top levels expanded.
    pub fn open_corpus_outline(&mut self) {
        self.overlay = Some(Overlay::CorpusOutline);
        // Start at the speech selected in the list.
        let at = self.visible.get(self.list_sel).copied();
        self.corpus_outline_sel = self
            .corpus_outline_rows()
            .iter()
            .position(|r| Some(r.speech) == at)
            .unwrap_or(0);
    }

    /// Rows of the corpus outline, from the list as it is filtered and sorted now: so it
    /// follows the filter (`f` works from inside the view).
    pub fn corpus_outline_rows(&self) -> Vec<CorpusOutlineRow> {
        let mut rows = Vec::with_capacity(self.visible.len() * 6);
        for &speech in &self.visible {
            rows.push(CorpusOutlineRow {
                speech,
                heading: None,
            });
            let s = &self.corpus.speeches[speech];
            rows.extend(
                s.headings
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.depth == 1)
                    .map(|(i, _)| CorpusOutlineRow {
                        speech,
                        heading: Some(i),
                    }),
            );
        }
        rows
    }

    pub(super) fn corpus_outline_key(&mut self, action: Action) {
        let n = self.corpus_outline_rows().len();
        let sel = &mut self.corpus_outline_sel;
        match action {
            Action::Down if n > 0 => *sel = (*sel + 1).min(n - 1),
            Action::Up => *sel = sel.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown if n > 0 => *sel = (*sel + 10).min(n - 1),
            Action::PageUp | Action::HalfPageUp => *sel = sel.saturating_sub(10),
            Action::Top => *sel = 0,
            Action::Bottom => *sel = n.saturating_sub(1),
            Action::NextHeading | Action::NextTopHeading => self.corpus_outline_next(true),
            Action::PrevHeading | Action::PrevTopHeading => self.corpus_outline_next(false),
            Action::Filter | Action::Search => {
                self.start_filter();
                self.corpus_outline_sel = 0;
            }
            Action::Open => self.corpus_outline_open(),
            Action::Quit | Action::Back | Action::CorpusOutline | Action::Help => {
                self.overlay = None
            }
            _ => {}
        }
    }

    /// `]` `[`: to the next (previous) speech's title row.
    fn corpus_outline_next(&mut self, forward: bool) {
        let rows = self.corpus_outline_rows();
        let sel = self.corpus_outline_sel.min(rows.len().saturating_sub(1));
        let title = |i: &usize| rows[*i].heading.is_none();
        let found = if forward {
            (sel + 1..rows.len()).find(title)
        } else {
            (0..sel).rev().find(title)
        };
        if let Some(i) = found {
            self.corpus_outline_sel = i;
        }
    }

    /// Opens the selected row's speech, at its heading for a heading row.
    fn corpus_outline_open(&mut self) {
        let rows = self.corpus_outline_rows();
        let Some(r) = rows.get(self.corpus_outline_sel).copied() else {
            return;
        };
        self.overlay = None;
        self.open_speech(r.speech);
        if let Some(h) = r.heading {
            self.jump_to_heading(h);
        }
        self.set_focus(Focus::Reader);
    }
}

#[cfg(test)]
mod tests;
