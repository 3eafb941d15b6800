//! The speech list: filtering by title or file name (every word must match; a Latin word
//! also matches the title's pinyin), sorting (titles in pinyin order), and its selection.

use super::{App, Focus, LineEdit, Prompt, PromptKind, SortBy};
use crate::text::pinyin;
use crate::text::width::display_width;

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
        self.measure_list();
        self.list_sel = current
            .and_then(|c| self.visible.iter().position(|&i| i == c))
            .unwrap_or(0);
        self.list_top = 0;
        self.keep_list_visible();
    }

    /// How wide the list wants to be: the longest title, the folder column and 字数, inside
    /// the border (once per corpus: it must not change as a filter is typed).
    fn measure_list(&mut self) {
        if self.list_wants > 0 {
            return;
        }
        let widest = |f: &dyn Fn(&crate::corpus::Speech) -> usize| {
            self.corpus.speeches.iter().map(f).max().unwrap_or(0)
        };
        let title = widest(&|s| display_width(&s.display_title()));
        self.list_common_dir = common_dir(self.corpus.speeches.iter().map(|s| s.id.as_str()));
        let folder = widest(&|s| display_width(self.list_folder(s))).min(20);
        self.list_folder_width = folder as u16;
        let folder = if folder > 0 { folder + 1 } else { 0 };
        // ▸, a space, " 未完 12345", " 重复 3" when there are copies, the border.
        let badge = if self.corpus.duplicates.is_empty() {
            0
        } else {
            8
        };
        let want = 1 + title + folder + 12 + badge + 2;
        self.list_wants = u16::try_from(want.min(100)).unwrap_or(100);
    }

    /// The folder column's text for a speech: its folder less what every speech's folder
    /// starts with (the part that tells them apart); "" when there is none.
    pub fn list_folder<'a>(&self, s: &'a crate::corpus::Speech) -> &'a str {
        let dir = s.id.rsplit_once('/').map_or("", |(d, _)| d);
        dir.get(self.list_common_dir.min(dir.len())..)
            .unwrap_or(dir)
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
        // Grown again after a shrink: no rows left empty below the end while the first
        // ones are scrolled away.
        self.list_top = self.list_top.min(self.visible.len().saturating_sub(rows));
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

/// Bytes of the folder path every id starts with, up to and including a `/`.
fn common_dir<'a>(mut ids: impl Iterator<Item = &'a str>) -> usize {
    let Some(first) = ids.next() else { return 0 };
    let mut common = first.rfind('/').map_or(0, |i| i + 1);
    for id in ids {
        let same = first[..common]
            .bytes()
            .zip(id.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        common = first[..same].rfind('/').map_or(0, |i| i + 1);
        if common == 0 {
            break;
        }
    }
    common
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_folder_column_drops_what_every_folder_shares() {
        let ids = ["讲话/2010s/a.txt", "讲话/2020s/b.txt", "讲话/2010s/c/d.txt"];
        assert_eq!(super::common_dir(ids.into_iter()), "讲话/".len());
        assert_eq!(super::common_dir(["a.txt", "x/b.txt"].into_iter()), 0);
        assert_eq!(super::common_dir(["x/a.txt", "x/b.txt"].into_iter()), 2);
    }
}
