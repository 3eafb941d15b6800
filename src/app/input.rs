//! Key, paste and mouse input: prompts get their keys first, then the keymap; mouse clicks
//! and wheel turns go to the pane under the pointer.

use crate::config::keymap::{is_interrupt, Scope};
use crate::config::keys::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{App, Area, Focus, OutlineRow, Overlay, PromptKind};

impl App {
    // ----- input ------------------------------------------------------------------------------

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        self.clamp_anchor();
        self.keep_list_visible();
        self.keep_outline_visible();
    }

    pub fn handle_key(&mut self, k: KeyEvent) {
        if is_interrupt(&k) {
            self.quit = true;
            return;
        }
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
                    if kind == PromptKind::BookmarkFilter {
                        self.set_bookmark_filter(String::new());
                    }
                }
                KeyCode::Enter => {
                    if p.kind == PromptKind::Search {
                        self.search_accept();
                        return;
                    }
                    let Some(p) = self.prompt.take() else { return };
                    match p.kind {
                        PromptKind::Search => {}
                        PromptKind::GoTo => self.goto_typed(&p.edit.text),
                        // One Enter after typing a filter opens the speech it selected; in
                        // a view over the list (all outlines) it only narrows the view.
                        PromptKind::Filter => {
                            super::edit::remember(&mut self.history.filter, &p.edit.text);
                            if !p.edit.text.is_empty() && self.overlay.is_none() {
                                self.update(crate::config::keymap::Action::Open);
                            }
                        }
                        PromptKind::NewBookmark(speech, range) => {
                            self.add_bookmark(speech, range, p.edit.text)
                        }
                        PromptKind::EditNote(id) => self.save_note(&id, p.edit.text),
                        // Typing already filtered; Enter only closes the prompt.
                        PromptKind::BookmarkFilter => {}
                    }
                }
                KeyCode::Up | KeyCode::Down
                    if matches!(p.kind, PromptKind::Filter | PromptKind::Search) =>
                {
                    let history = match p.kind {
                        PromptKind::Filter => &self.history.filter,
                        _ => &self.history.search,
                    };
                    if p.edit.recall(history, k.code == KeyCode::Up) {
                        self.prompt_changed();
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
        let scope = match self.overlay {
            Some(Overlay::Bookmarks) => Scope::BookmarkList,
            Some(Overlay::Help) => Scope::Help,
            _ => Scope::Reader,
        };
        let action = self.keymap.lookup_in(&k, scope);
        if let (KeyCode::Char(c), None) = (k.code, self.overlay) {
            let plain = !k
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if let Some(d) = c.to_digit(10).filter(|_| plain && c.is_ascii_digit()) {
                if self.count_digit(d, action) {
                    return;
                }
            }
        }
        self.digit_undo = None;
        let Some(action) = action else {
            self.count = None;
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
    pub(super) fn prompt_changed(&mut self) {
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
            Some(PromptKind::BookmarkFilter) => {
                let text = self.prompt.as_ref().map(|p| p.edit.text.clone());
                self.set_bookmark_filter(text.unwrap_or_default());
            }
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
            MouseEventKind::Down(MouseButton::Left) | MouseEventKind::Drag(MouseButton::Left)
                if pane == Focus::Reader =>
            {
                let drag = matches!(m.kind, MouseEventKind::Drag(_));
                if !drag {
                    self.set_focus(Focus::Reader);
                }
                let Some(r) = p.reader else { return };
                // Inside the border, past the bookmark margin (and any centring).
                let (left, _) = self.text_columns(r.width.saturating_sub(2));
                let (Some(row), Some(col)) = (
                    m.row.checked_sub(r.y + 1).filter(|&y| y + 2 < r.height),
                    m.column.checked_sub(r.x + 1 + left),
                ) else {
                    return;
                };
                if self.focus == Focus::Reader {
                    let line = self.top_line() + usize::from(row);
                    self.point_at(line, col, drag);
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
                            // A label row stands for the list it introduces; a gap or a
                            // heading only the table of contents has is nowhere to jump to.
                            if let Some(
                                OutlineRow::Heading(h)
                                | OutlineRow::Label(h)
                                | OutlineRow::Brief(h, _),
                            ) = self.outline_rows().get(self.outline_top + row).copied()
                            {
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

    pub(super) fn cycle_focus(&mut self, forward: bool) {
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
}
