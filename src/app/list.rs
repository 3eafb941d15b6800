//! The speech list: filtering by title or file name (every word must match; a Latin word
//! also matches the title's pinyin), sorting (titles in pinyin order), and its selection.

use super::{App, Focus, LineEdit, Prompt, PromptKind, SortBy};
use crate::corpus::dups;
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
        self.group_rows(v);
        self.measure_list();
        self.list_sel = current.and_then(|c| self.row_of(c)).unwrap_or(0);
        self.list_top = 0;
        self.keep_list_visible();
    }

    /// The list row showing speech `i`: a copy folded away is shown by its group's entry.
    pub(super) fn row_of(&self, i: usize) -> Option<usize> {
        let group = self.corpus.duplicate_group(i);
        self.visible.iter().position(|&v| v == i).or_else(|| {
            let g = group?;
            self.visible.iter().position(|v| g.binary_search(v).is_ok())
        })
    }

    /// The list's rows for the matching speeches `v` (in list order): a duplicate group once,
    /// where its entry sorts — the representative ([`dups::representative`]) when the filter
    /// keeps it, else its first copy that matches — and, while the group is expanded, its
    /// other matching copies right beneath it.
    fn group_rows(&mut self, v: Vec<usize>) {
        let c = &self.corpus;
        if c.duplicates.is_empty() {
            self.list_entries = v.len();
            self.visible_copy = vec![false; v.len()];
            self.visible = v;
            return;
        }
        const NONE: usize = usize::MAX;
        let mut group_of = vec![NONE; c.speeches.len()];
        for (g, members) in c.duplicates.iter().enumerate() {
            for &m in members {
                group_of[m] = g;
            }
        }
        let reps: Vec<usize> = c
            .duplicates
            .iter()
            .map(|g| dups::representative(&c.speeches, g))
            .collect();
        let mut matching: Vec<Vec<usize>> = vec![Vec::new(); c.duplicates.len()];
        for &i in &v {
            if group_of[i] != NONE {
                matching[group_of[i]].push(i);
            }
        }
        let mut rows = Vec::with_capacity(v.len());
        let mut copy = Vec::with_capacity(v.len());
        let mut entries = 0;
        for &i in &v {
            let g = group_of[i];
            if g == NONE {
                rows.push(i);
                copy.push(false);
                entries += 1;
                continue;
            }
            let m = &matching[g];
            let head = if m.contains(&reps[g]) { reps[g] } else { m[0] };
            if i != head {
                continue;
            }
            entries += 1;
            rows.push(i);
            copy.push(false);
            if self.expanded.contains(&c.speeches[reps[g]].id) {
                for &j in m.iter().filter(|&&j| j != head) {
                    rows.push(j);
                    copy.push(true);
                }
            }
        }
        self.list_entries = entries;
        self.visible = rows;
        self.visible_copy = copy;
    }

    /// Entries of the whole corpus, each duplicate group counted once.
    pub fn corpus_entries(&self) -> usize {
        let copies: usize = self.corpus.duplicates.iter().map(|g| g.len() - 1).sum();
        self.corpus.speeches.len() - copies
    }

    /// Expands or folds the duplicate group of the selected speech (in the list) or of the
    /// open one (elsewhere).
    pub(super) fn toggle_copies(&mut self) {
        let target = match self.focus {
            Focus::List => self.visible.get(self.list_sel).copied(),
            _ => self.open,
        };
        let Some(i) = target else { return };
        let Some(g) = self.corpus.duplicate_group(i) else {
            self.message = Some(self.t("这篇没有重复的副本", "This speech has no copies"));
            return;
        };
        let rep = self.corpus.speeches[dups::representative(&self.corpus.speeches, g)]
            .id
            .clone();
        let open = !self.expanded.remove(&rep);
        if open {
            self.expanded.insert(rep);
        }
        let n = g.len();
        let members = g.to_vec();
        self.refilter();
        // On the speech toggled, or, folded away, on its group's entry (wherever the
        // selection was: the group is what `x` acted on).
        let at = self.visible.iter().position(|&v| v == i).or_else(|| {
            self.visible
                .iter()
                .position(|v| members.binary_search(v).is_ok())
        });
        if let Some(pos) = at {
            self.list_sel = pos;
            self.keep_list_visible();
        }
        self.message = Some(if open {
            self.t(
                &format!("同一篇讲话的 {n} 份文件，副本列在下面"),
                &format!("{n} files of one speech: the copies are listed beneath it"),
            )
        } else {
            self.t(
                &format!("已收起 {} 份副本", n - 1),
                &format!("{} copies folded", n - 1),
            )
        });
    }

    /// The row of list row `row`'s group entry: itself unless it is a copy shown under one.
    fn entry_row(&self, row: usize) -> usize {
        (0..=row)
            .rev()
            .find(|&r| !self.visible_copy.get(r).copied().unwrap_or(false))
            .unwrap_or(row)
    }

    /// Whether list row `row` stands for the open speech: it is the open one, or the entry
    /// of a folded group the open one is a copy in (so the list still shows where it is).
    pub fn row_holds_open(&self, row: usize) -> bool {
        let (Some(open), Some(&si)) = (self.open, self.visible.get(row)) else {
            return false;
        };
        if si == open {
            return true;
        }
        let copy = self.visible_copy.get(row).copied().unwrap_or(false);
        // Cheapest first: this is asked of every row drawn, and `visible` may be long.
        !copy
            && self
                .corpus
                .duplicate_group(si)
                .is_some_and(|g| g.binary_search(&open).is_ok())
            && !self.visible.contains(&open)
    }

    /// For a copy's row, what tells it apart from the rest of its group (whose titles are
    /// alike): its file name, with as many folders before it as it takes to be unique in the
    /// group, and its encoding when that is not its entry's. `None` for any other row.
    pub fn copy_tag(&self, row: usize) -> Option<CopyTag> {
        if !self.visible_copy.get(row).copied().unwrap_or(false) {
            return None;
        }
        let speeches = &self.corpus.speeches;
        let s = &speeches[*self.visible.get(row)?];
        let group = self.corpus.duplicate_group(self.visible[row])?;
        let depth = s.id.matches('/').count();
        let file = (0..=depth)
            .map(|dirs| (dirs, path_tail(s, dirs)))
            .find(|(dirs, tail)| {
                group
                    .iter()
                    .map(|&j| &speeches[j])
                    .all(|o| o.id == s.id || path_tail(o, *dirs) != *tail)
            })
            .map_or_else(|| path_tail(s, depth), |(_, tail)| tail);
        let entry = &speeches[self.visible[self.entry_row(row)]];
        let encoding =
            (s.loaded && entry.loaded && s.encoding != entry.encoding).then_some(s.encoding);
        Some(CopyTag { file, encoding })
    }

    /// Selects speech `i` in the list, expanding its group when it is a copy folded away
    /// (opened from a search hit, a bookmark or the last session).
    pub(super) fn select_in_list(&mut self, i: usize) {
        if !self.visible.contains(&i) {
            if let Some(g) = self.corpus.duplicate_group(i) {
                if self.visible.iter().any(|v| g.binary_search(v).is_ok()) {
                    let rep = dups::representative(&self.corpus.speeches, g);
                    self.expanded.insert(self.corpus.speeches[rep].id.clone());
                    self.refilter();
                }
            }
        }
        if let Some(pos) = self.visible.iter().position(|&v| v == i) {
            self.list_sel = pos;
            self.keep_list_visible();
        }
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
        // ▸, a space, " 未完 12345", " 重复 3" and a copy's indent when there are copies,
        // the border.
        let badge = if self.corpus.duplicates.is_empty() {
            0
        } else {
            10
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

    /// `《title》`, and the folder column's text after it when there is one: search hits and
    /// the corpus outline head each speech so, and speeches of one title in two folders
    /// (one report saved per year folder) looked the same there.
    pub fn titled(&self, s: &crate::corpus::Speech) -> String {
        let title = crate::text::one_line(&s.display_title());
        match self.list_folder(s) {
            "" => format!("《{title}》"),
            folder => format!("《{title}》 · {}", crate::text::one_line(folder)),
        }
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

/// What a copy's row shows instead of the title it shares with its group ([`App::copy_tag`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyTag {
    /// The file name, after the folders that tell it apart from a same-named copy.
    pub file: String,
    /// Its encoding (`GBK`), when its entry's is another.
    pub encoding: Option<&'static str>,
}

/// The speech's file name (as on disk, else the last part of its id) after its last `dirs`
/// folders.
fn path_tail(s: &crate::corpus::Speech, dirs: usize) -> String {
    let mut parts: Vec<&str> = s.id.split('/').collect();
    let name = s
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let last = parts.pop().unwrap_or_default();
    let name = name.unwrap_or_else(|| last.to_string());
    let keep = parts.len().saturating_sub(dirs);
    parts[keep..]
        .iter()
        .map(|d| format!("{d}/"))
        .chain([name])
        .collect()
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
