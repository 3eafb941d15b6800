//! The speech list: filtering by title or file name (every word must match; a Latin word
//! also matches the title's pinyin), sorting (titles in pinyin order), and its selection.

use super::{App, Focus, LineEdit, Prompt, PromptKind, SortBy};
use crate::text::pinyin;

impl App {
    // ----- list -------------------------------------------------------------------------------

    pub fn refilter(&mut self) {
        let current = self.visible.get(self.list_sel).copied();
        let filter = self.filter.clone();
        // `re:` takes the whole line as one pattern; otherwise each word must match.
        let words: Vec<&str> = if filter.trim_start().starts_with("re:") {
            vec![filter.trim()]
        } else {
            filter.split_whitespace().collect()
        };
        let queries: Vec<(&str, Option<crate::search::Query>)> = words
            .iter()
            .map(|w| (*w, crate::search::Query::parse(w).ok().flatten()))
            .collect();
        if words.iter().any(|w| pinyin::is_pinyin_query(w)) || self.sort == SortBy::Title {
            self.spell_titles();
        }
        let speeches = &self.corpus.speeches;
        let spellings = &self.spellings;
        let mut v: Vec<usize> = (0..speeches.len())
            .filter(|&i| {
                queries.iter().all(|(word, q)| {
                    let title = speeches[i].display_title();
                    let literal = q.as_ref().is_none_or(|q| {
                        q.find_iter(&title).next().is_some()
                            || q.find_iter(&speeches[i].id).next().is_some()
                    });
                    literal
                        || (pinyin::is_pinyin_query(word)
                            && spellings
                                .get(i)
                                .is_some_and(|(s, _)| pinyin::matches(s, word)))
                })
            })
            .collect();
        match self.sort {
            SortBy::Name => {}
            SortBy::Title => v.sort_by(|&a, &b| spellings[a].1.cmp(&spellings[b].1)),
            SortBy::Size => v.sort_by(|&a, &b| speeches[b].chars.cmp(&speeches[a].chars)),
        }
        self.visible = v;
        self.list_sel = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_list_visible();
    }

    /// The pinyin of every title, made once per corpus (dropped when it is replaced).
    fn spell_titles(&mut self) {
        if self.spellings.len() != self.corpus.speeches.len() {
            self.spellings = self
                .corpus
                .speeches
                .iter()
                .map(|s| {
                    let t = s.display_title();
                    (pinyin::spell(&t), pinyin::sort_key(&t))
                })
                .collect();
        }
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
