//! The passage cursor: a sentence of the open speech, grown by visual selection, and
//! copying it with its citation (OSC 52). State only.

use std::ops::Range;

use super::{App, Focus, Mark};
use crate::corpus::sentences::sentences;
use crate::view::cite;

pub fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// OSC 52 asks the terminal (even over SSH) to put text on the system clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl App {
    // ----- passage cursor ----------------------------------------------------------------------

    pub(super) fn sentence_at(&self, byte: usize) -> Option<Range<usize>> {
        let s = self.speech()?;
        let pi = s.para_at(byte);
        let p = s.paragraphs.get(pi)?;
        let sents = sentences(&s.text[p.range.clone()]);
        let rel = byte.saturating_sub(p.range.start);
        let r = sents.iter().find(|r| r.contains(&rel)).or(sents.last())?;
        Some(p.range.start + r.start..p.range.start + r.end)
    }

    /// The sentence after (or before) `cur`, crossing paragraphs, skipping empty ones.
    pub(super) fn sentence_step(&self, cur: &Range<usize>, forward: bool) -> Option<Range<usize>> {
        let s = self.speech()?;
        let pi = s.para_at(cur.start);
        let in_para = |pi: usize| -> Vec<Range<usize>> {
            let p = &s.paragraphs[pi];
            sentences(&s.text[p.range.clone()])
                .into_iter()
                .map(|r| p.range.start + r.start..p.range.start + r.end)
                .filter(|r| !s.text[r.clone()].trim().is_empty())
                .collect()
        };
        if forward {
            if let Some(r) = in_para(pi).into_iter().find(|r| r.start >= cur.end) {
                return Some(r);
            }
            (pi + 1..s.paragraphs.len()).find_map(|p| in_para(p).into_iter().next())
        } else {
            if let Some(r) = in_para(pi).into_iter().rev().find(|r| r.end <= cur.start) {
                return Some(r);
            }
            (0..pi).rev().find_map(|p| in_para(p).into_iter().last())
        }
    }

    /// Byte window shown in the reading pane.
    pub fn visible_window(&self) -> Option<Range<usize>> {
        let lay = self.layout()?;
        let top = self.top_line();
        let rows = self.reader_rows();
        let (mut lo, mut hi) = (usize::MAX, 0);
        for r in (top..(top + rows).min(lay.len())).filter_map(|l| lay.line_range(l)) {
            lo = lo.min(r.start);
            hi = hi.max(r.end);
        }
        (lo <= hi).then_some(lo..hi)
    }

    /// Keeps the passage cursor on screen: after scrolling it lands on the first sentence shown.
    pub(super) fn snap_cursor(&mut self) {
        let Some(win) = self.visible_window() else {
            return;
        };
        let visible = self
            .cursor
            .as_ref()
            .is_some_and(|c| c.start >= win.start && c.start < win.end.max(win.start + 1));
        if visible {
            return;
        }
        let mut c = self.sentence_at(win.start);
        // A sentence that began above the window: take the next one that starts inside it.
        if let Some(r) = c.clone() {
            if r.start < win.start {
                c = self
                    .sentence_step(&r, true)
                    .filter(|n| n.start < win.end)
                    .or(Some(r));
            }
        }
        self.cursor = c;
    }

    /// `G`: the cursor on the speech's last sentence, as vim's on its last line.
    pub(super) fn cursor_to_last_sentence(&mut self) {
        let Some(end) = self.speech().map(|s| s.text.len()) else {
            return;
        };
        if let Some(last) = self.sentence_step(&(end..end), false) {
            self.cursor = Some(last);
        }
    }

    /// Scrolls just enough to show the cursor sentence's first line.
    pub(super) fn reveal_cursor(&mut self) {
        let Some(c) = self.cursor.clone() else { return };
        let Some(lay) = self.layout() else { return };
        let line = lay.line_of_byte(c.start);
        let top = self.top_line();
        let rows = self.reader_rows();
        if line < top {
            self.scroll_to(line);
        } else if line >= top + rows {
            self.scroll_to(line + 1 - rows);
        }
    }

    pub fn move_sentence(&mut self, forward: bool) {
        self.set_focus(Focus::Reader);
        let had = self.cursor.clone();
        self.snap_cursor();
        if self.cursor != had {
            // The first press shows the cursor where the reader is looking; it does not skip.
            return;
        }
        let Some(cur) = self.cursor.clone() else {
            return;
        };
        if let Some(next) = self.sentence_step(&cur, forward) {
            self.cursor = Some(next);
            self.reveal_cursor();
        }
    }

    pub fn toggle_visual(&mut self) {
        if self.visual.is_some() {
            self.visual = None;
            return;
        }
        self.set_focus(Focus::Reader);
        self.snap_cursor();
        self.visual = self.cursor.clone();
        use crate::config::keymap::Action as A;
        let [prev, next, down, up, mark, yank, visual, back] = [
            A::PrevSentence,
            A::NextSentence,
            A::Down,
            A::Up,
            A::Bookmark,
            A::Yank,
            A::Visual,
            A::Back,
        ]
        .map(|a| self.key(a));
        self.message = Some(self.t(
            &format!("选择模式：{prev} {next} 或 {down}/{up} 扩展，{mark} 加书签，{yank} 复制，{visual}/{back} 取消"),
            &format!("Visual: {prev} {next} or {down}/{up} extend, {mark} bookmark, {yank} copy, {visual}/{back} cancel"),
        ));
    }

    /// The passage the bookmark and copy keys act on.
    pub fn selection(&self) -> Option<Range<usize>> {
        let c = self.cursor.clone()?;
        Some(match &self.visual {
            Some(v) => v.start.min(c.start)..v.end.max(c.end),
            None => c,
        })
    }

    /// Reader highlights: the passage cursor or selection, and search matches.
    pub(super) fn passage_marks(&self, window: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let mut out = Vec::new();
        if self.focus == Focus::Reader && self.overlay.is_none() {
            if let Some(sel) = self.selection() {
                if sel.start < window.end && sel.end > window.start {
                    let mark = if self.visual.is_some() {
                        Mark::Selection
                    } else {
                        Mark::Passage
                    };
                    out.push((sel, mark));
                }
            }
        }
        out
    }

    /// Sentences in the `v` selection, for the status bar's 选择 N 句.
    pub fn selected_sentences(&self) -> Option<usize> {
        self.visual.as_ref()?;
        let sel = self.selection()?;
        let mut n = 1;
        let mut cur = self.sentence_at(sel.start)?;
        while let Some(next) = self.sentence_step(&cur, true).filter(|r| r.start < sel.end) {
            n += 1;
            cur = next;
        }
        Some(n)
    }

    /// A click in the text: the passage cursor to the sentence under the pointer; a drag
    /// from there selects the sentences it crosses.
    pub(super) fn point_at(&mut self, line: usize, column: u16, drag: bool) {
        let Some(byte) = self.byte_at_cell(line, column) else {
            return;
        };
        let Some(sentence) = self.sentence_at(byte) else {
            return;
        };
        if drag {
            if self.visual.is_none() {
                self.visual = self.cursor.clone().or(Some(sentence.clone()));
            }
        } else {
            self.visual = None;
        }
        self.cursor = Some(sentence);
    }

    /// The byte of the open speech drawn at `column` columns into display line `line`.
    fn byte_at_cell(&self, line: usize, column: u16) -> Option<usize> {
        let lay = self.layout()?;
        let s = self.speech()?;
        let range = lay.line_range(line).filter(|r| !r.is_empty())?;
        let text = lay.line_text(s, line);
        let indent = usize::from(lay.indent_of_line(line));
        let mut x = indent;
        let col = usize::from(column);
        for (i, c) in text.char_indices() {
            x += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if x > col {
                return Some((range.start + i).min(range.end.saturating_sub(1)));
            }
        }
        Some(range.end.saturating_sub(1))
    }

    pub(super) fn heading_path_labels(&self, byte: usize) -> Vec<String> {
        self.speech()
            .map(|s| cite::heading_labels(s, s.heading_at(byte)))
            .unwrap_or_default()
    }

    pub fn yank(&mut self) {
        self.set_focus(Focus::Reader);
        self.snap_cursor();
        let (Some(sel), Some(s)) = (self.selection(), self.speech()) else {
            return;
        };
        let passage = s.text[sel.clone()].trim().replace('\n', "\n\n");
        let labels = self.heading_path_labels(sel.start);
        self.clipboard = Some(format!(
            "{passage}\n{}",
            cite::citation(&s.display_title(), &labels)
        ));
        let what = match self.selected_sentences() {
            Some(n) if n > 1 => self.t(&format!("{n} 句"), &format!("{n} sentences")),
            _ => format!("“{}”", crate::text::width::ellipsize(&passage, 24)),
        };
        self.visual = None;
        self.message = Some(self.t(
            &format!("已复制 {what}（附出处）"),
            &format!("Copied {what} with its citation"),
        ));
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod app_tests;
