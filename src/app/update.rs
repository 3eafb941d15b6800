//! `update`: what each keymap action does to the state.

use super::{App, Focus, Overlay, SortBy};
use crate::config::keymap::Action;

impl App {
    pub(super) fn page(&self) -> isize {
        self.reader_rows().max(2) as isize - 1
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        let count = self.count.take();
        self.digit_undo = None;
        if action == Action::Redraw {
            self.redraw = true;
            return;
        }
        if self.overlay == Some(Overlay::Bookmarks) {
            self.bookmarks_key(action);
            return;
        }
        if self.overlay == Some(Overlay::CorpusSearch) {
            self.corpus_results_key(action);
            return;
        }
        if self.overlay == Some(Overlay::Compare) {
            self.compare_key(action);
            return;
        }
        if self.overlay == Some(Overlay::CorpusOutline) {
            self.corpus_outline_key(action);
            return;
        }
        if let Some(o) = self.overlay {
            match action {
                Action::Quit | Action::Back | Action::Help => self.overlay = None,
                Action::ToggleLanguage if o == Overlay::Help => {
                    self.lang = self.lang.toggled();
                    // The choice outlasts the session (the state file, not the config).
                    let code = self.lang.code();
                    if let Some(st) = &mut self.state {
                        st.set_language(code);
                    }
                }
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
                Action::Bottom => self.overlay_scroll = u16::MAX,
                _ => {}
            }
            self.overlay_scroll = self.overlay_scroll.min(self.overlay_max_scroll());
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.overlay = Some(Overlay::Help);
                self.overlay_scroll = 0;
                self.help_opened();
            }
            Action::SkippedFiles => {
                self.overlay = Some(Overlay::Skipped);
                self.overlay_scroll = 0;
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
            Action::Up | Action::Down => {
                let n = count.unwrap_or(1);
                if self.visual.is_some() && self.focus == Focus::Reader {
                    let forward = action == Action::Down;
                    self.repeat(n, |a| a.move_sentence(forward));
                } else {
                    let forward = action == Action::Down;
                    let before = (self.focus == Focus::Reader).then(|| self.top_line());
                    let n = n as isize;
                    self.step(if forward { n } else { -n });
                    // The text cannot scroll further (a speech that fits the screen, or its
                    // end): the cursor moves instead, as in vim, so `m` and `y` can still
                    // reach every sentence and 段 follows.
                    if before.is_some_and(|b| b == self.top_line()) {
                        self.repeat(n.unsigned_abs(), |a| a.move_sentence(forward));
                    }
                }
            }
            Action::LineDown | Action::LineUp => {
                let n = count.unwrap_or(1) as isize;
                let d = if action == Action::LineDown { n } else { -n };
                match self.focus {
                    Focus::Reader => self.scroll(d),
                    _ => self.step(d),
                }
            }
            Action::HalfPageDown | Action::HalfPageUp | Action::PageDown | Action::PageUp => {
                let n = count.unwrap_or(1) as isize;
                let d = match action {
                    Action::HalfPageDown | Action::HalfPageUp => self.page() / 2 + 1,
                    _ => self.page(),
                };
                let down = matches!(action, Action::HalfPageDown | Action::PageDown);
                self.step(if down { d * n } else { -d * n });
            }
            // With a count, `g` and `G` go to that paragraph (row in the list, heading in
            // the outline), as `30G` goes to line 30 in less and vim.
            Action::Top | Action::Bottom if count.is_some() => {
                let n = count.unwrap_or(1);
                match self.focus {
                    Focus::Reader => self.go_to_paragraph(n),
                    _ => {
                        self.step(isize::MIN / 2);
                        self.step(n as isize - 1);
                    }
                }
            }
            Action::Top => match self.focus {
                Focus::Reader => {
                    self.push_jump();
                    self.scroll_to(0);
                    self.cursor = None;
                    self.snap_cursor();
                }
                _ => self.step(isize::MIN / 2),
            },
            Action::Bottom => match self.focus {
                Focus::Reader => {
                    self.push_jump();
                    self.scroll_to(usize::MAX);
                    self.cursor_to_last_sentence();
                }
                _ => self.step(isize::MAX / 2),
            },
            Action::Percent => match count {
                Some(p) => self.go_to_percent(p),
                None => {
                    self.message = Some(self.t(
                        "先输入百分数，如 50%",
                        "Type the percentage first, as in 50%",
                    ))
                }
            },
            Action::GoTo => self.start_goto(),
            Action::ScreenTop => self.cursor_to_row(0.0),
            Action::ScreenMiddle => self.cursor_to_row(0.5),
            Action::ScreenBottom => self.cursor_to_row(1.0),
            Action::Center => self.center_cursor(),
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
            Action::NextHeading => self.repeat(count.unwrap_or(1), |a| a.heading_step(true, false)),
            Action::PrevHeading => {
                self.repeat(count.unwrap_or(1), |a| a.heading_step(false, false))
            }
            Action::NextTopHeading => {
                self.repeat(count.unwrap_or(1), |a| a.heading_step(true, true))
            }
            Action::PrevTopHeading => {
                self.repeat(count.unwrap_or(1), |a| a.heading_step(false, true))
            }
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
            Action::NextSentence => self.repeat(count.unwrap_or(1), |a| a.move_sentence(true)),
            Action::PrevSentence => self.repeat(count.unwrap_or(1), |a| a.move_sentence(false)),
            Action::Visual => self.toggle_visual(),
            Action::Bookmark => self.begin_bookmark(),
            Action::Bookmarks => self.open_bookmarks(),
            Action::Yank if self.focus == Focus::Outline => self.yank_outline(),
            Action::MarkCompare => self.mark_compare(),
            Action::OutlineBrief => self.toggle_outline_brief(),
            Action::CorpusOutline => self.open_corpus_outline(),
            Action::Compare => self.open_compare(),
            Action::Yank => self.yank(),
            Action::Filter => self.start_filter(),
            Action::Search if self.focus == Focus::List => self.start_filter(),
            Action::Search => self.start_search(),
            Action::SearchNext => self.repeat(count.unwrap_or(1), |a| a.search_step(true)),
            Action::SearchPrev => self.repeat(count.unwrap_or(1), |a| a.search_step(false)),
            Action::CorpusSearch => self.open_corpus_search(),
            Action::ToggleCopies => self.toggle_copies(),
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

    /// j/k and paging act on the focused pane; in visual mode j/k extend by sentence.
    pub(super) fn step(&mut self, d: isize) {
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
}
