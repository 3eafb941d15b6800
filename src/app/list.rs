//! The speech list: filtering by title or file name, sorting, and its selection.

use super::{App, Focus, LineEdit, Prompt, PromptKind, SortBy};

impl App {
    // ----- list -------------------------------------------------------------------------------

    pub fn refilter(&mut self) {
        let current = self.visible.get(self.list_sel).copied();
        let query = crate::search::Query::parse(&self.filter).ok().flatten();
        let speeches = &self.corpus.speeches;
        let mut v: Vec<usize> = (0..speeches.len())
            .filter(|&i| {
                query.as_ref().is_none_or(|q| {
                    q.find_iter(&speeches[i].display_title()).next().is_some()
                        || q.find_iter(&speeches[i].id).next().is_some()
                })
            })
            .collect();
        match self.sort {
            SortBy::Name => {}
            SortBy::Title => v.sort_by_cached_key(|&i| speeches[i].display_title().into_owned()),
            SortBy::Size => v.sort_by(|&a, &b| speeches[b].chars.cmp(&speeches[a].chars)),
        }
        self.visible = v;
        self.list_sel = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_list_visible();
    }

    pub(super) fn keep_list_visible(&mut self) {
        let rows = self.list_rows();
        if self.list_sel < self.list_top {
            self.list_top = self.list_sel;
        } else if self.list_sel >= self.list_top + rows {
            self.list_top = self.list_sel + 1 - rows;
        }
    }

    pub(super) fn move_list(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        self.list_sel = self
            .list_sel
            .saturating_add_signed(delta)
            .min(self.visible.len() - 1);
        self.keep_list_visible();
    }

    pub(super) fn start_filter(&mut self) {
        self.set_focus(Focus::List);
        self.prompt = Some(Prompt {
            kind: PromptKind::Filter,
            edit: LineEdit::reopened(self.filter.clone()),
        });
    }
}
