//! Motions readers of less and vim expect: counts (`5j`, `30G`, `50%`), the `:` prompt
//! (`:段 12`, `:50%`), the passage cursor to the top, middle or bottom of the screen
//! (`H` `M` `L`), and centring it (`zz`). State only.

use super::{App, Focus, LineEdit, Prompt, PromptKind};
use crate::config::keymap::Action;
use crate::corpus::ParaKind;

/// A count larger than any speech has lines; keeps `99999999j` from looping for long.
const COUNT_MAX: usize = 100_000;

/// Where `:` was asked to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Paragraph(usize),
    Percent(usize),
}

/// Reads what was typed after `:`: `12`, `段 12`, `p12`, `¶12`, `第12段`, `第十二段` (a
/// paragraph) or `50%`.
pub fn parse_target(input: &str) -> Option<Target> {
    let t = input.trim();
    let t = ["段", "第", "¶", "p", "P"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t)
        .trim();
    // `第12段`, as one says it: the word after the number is the unit already assumed.
    let t = t.strip_suffix('段').unwrap_or(t).trim();
    if let Some((n, len)) = crate::corpus::numbering::cn_numeral(t) {
        return (len == t.len()).then_some(Target::Paragraph(n as usize));
    }
    let (digits, percent) = match t.strip_suffix(['%', '％']) {
        Some(d) => (d.trim(), true),
        None => (t, false),
    };
    // Full-width digits are what a Chinese input method types.
    let digits: String = digits
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let n: usize = digits.parse().ok()?;
    Some(if percent {
        Target::Percent(n.min(100))
    } else {
        Target::Paragraph(n)
    })
}

/// How soon a second digit must follow a pane switch to take it back into a count: `20G`
/// typed in one go is a count, `3`, a look at the text, then `5G` is a switch and `5G`.
const TAKE_BACK: std::time::Duration = std::time::Duration::from_millis(600);

/// What a pane-switching digit changed, so that a second digit typed at once can take it
/// back: `1` then `2` is the count 12, not two pane switches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitUndo {
    at: std::time::Instant,
    digit: usize,
    focus: Focus,
    last_side: Focus,
    show_list: bool,
    show_outline: bool,
    visual: Option<std::ops::Range<usize>>,
}

impl App {
    /// A digit key: part of a count (`5j`, `30G`) or, alone, a pane switch (`1` `2` `3`).
    /// A digit that does nothing else starts a count, and so does a pane digit for the pane
    /// already focused; another pane digit switches at once, and is taken back into a
    /// count if a digit follows at once ([`TAKE_BACK`]). False when the digit is left to the
    /// keymap.
    pub(super) fn count_digit(&mut self, d: u32, action: Option<Action>) -> bool {
        let d = d as usize;
        if let Some(n) = self.count {
            self.digit_undo = None;
            self.count = Some((n * 10 + d).min(COUNT_MAX));
            return true;
        }
        if let Some(u) = self
            .digit_undo
            .take()
            .filter(|u| u.at.elapsed() < TAKE_BACK)
        {
            self.focus = u.focus;
            self.last_side = u.last_side;
            self.show_list = u.show_list;
            self.show_outline = u.show_outline;
            self.visual = u.visual;
            self.count = Some(u.digit * 10 + d);
            return true;
        }
        let pane = match action {
            Some(Action::FocusList) => Some(Focus::List),
            Some(Action::FocusOutline) => Some(Focus::Outline),
            Some(Action::FocusReader) => Some(Focus::Reader),
            _ => None,
        };
        match (action, pane) {
            _ if d == 0 => false,
            (None, _) => {
                self.count = Some(d);
                true
            }
            (Some(_), Some(p)) if p == self.focus => {
                self.count = Some(d);
                true
            }
            (Some(a), Some(_)) => {
                let undo = DigitUndo {
                    at: std::time::Instant::now(),
                    digit: d,
                    focus: self.focus,
                    last_side: self.last_side,
                    show_list: self.show_list,
                    show_outline: self.show_outline,
                    visual: self.visual.clone(),
                };
                self.update(a);
                self.digit_undo = Some(undo);
                true
            }
            (Some(_), None) => false,
        }
    }

    /// Tests: the pane switch a digit made happened `ago`.
    #[cfg(test)]
    pub(super) fn digit_switch_was(&mut self, ago: std::time::Duration) {
        if let Some(u) = &mut self.digit_undo {
            u.at -= ago;
        }
    }

    /// Repeats a motion `n` times (a count), stopping when it no longer moves.
    pub(super) fn repeat(&mut self, n: usize, mut f: impl FnMut(&mut App)) {
        for _ in 0..n.min(COUNT_MAX) {
            let before = (
                self.anchor,
                self.cursor.clone(),
                self.outline_sel,
                self.list_sel,
            );
            f(self);
            if (
                self.anchor,
                self.cursor.clone(),
                self.outline_sel,
                self.list_sel,
            ) == before
            {
                break;
            }
        }
    }

    pub(super) fn start_goto(&mut self) {
        if self.open.is_none() {
            return;
        }
        self.prompt = Some(Prompt {
            kind: PromptKind::GoTo,
            edit: LineEdit::default(),
        });
    }

    pub(super) fn goto_typed(&mut self, input: &str) {
        match parse_target(input) {
            Some(Target::Paragraph(n)) => self.go_to_paragraph(n),
            Some(Target::Percent(p)) => self.go_to_percent(p),
            None if input.trim().is_empty() => {}
            None => {
                self.message = Some(self.t(
                    "用法：:12、:段 12 或 :第12段 到第 12 段，:50% 到一半处",
                    "Usage: :12 for paragraph 12, :50% for halfway",
                ))
            }
        }
    }

    /// Puts body paragraph `n` (counted as 段 n/N counts, from 1) at the top of the pane.
    pub fn go_to_paragraph(&mut self, n: usize) {
        let Some(s) = self.speech() else { return };
        let body: Vec<usize> = s
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParaKind::Body)
            .map(|p| p.range.start)
            .collect();
        let Some(&byte) = body.get(n.clamp(1, body.len().max(1)) - 1) else {
            return;
        };
        self.set_focus(Focus::Reader);
        self.jump_to_byte(byte);
        self.cursor = None;
        self.snap_cursor();
    }

    /// Scrolls to `p` percent of the way through, as the status bar counts percent.
    pub fn go_to_percent(&mut self, p: usize) {
        if self.open.is_none() {
            return;
        }
        self.set_focus(Focus::Reader);
        self.push_jump();
        let line = self.max_top() * p.min(100) / 100;
        self.scroll_to(line);
    }

    /// `H` `M` `L`: the passage cursor to the sentence on the first, middle or last text
    /// row of the pane (a selection in progress grows to it).
    pub(super) fn cursor_to_row(&mut self, where_: f32) {
        if self.open.is_none() {
            return;
        }
        self.set_focus(Focus::Reader);
        let Some(lay) = self.layout() else { return };
        let top = self.top_line();
        let rows = self.reader_rows().min(lay.len().saturating_sub(top)).max(1);
        let want = top + ((rows - 1) as f32 * where_).round() as usize;
        // Blank spacing rows hold no text: take the nearest row that does, looking inward.
        let order: Vec<usize> = if where_ > 0.5 {
            (top..=want).rev().collect()
        } else {
            (want..top + rows).chain((top..want).rev()).collect()
        };
        let Some(byte) = order
            .into_iter()
            .find_map(|l| lay.line_range(l).filter(|r| !r.is_empty()))
            .map(|r| r.start)
        else {
            return;
        };
        self.cursor = self.sentence_at(byte);
    }

    /// `zz`: the line of the passage cursor to the middle of the pane.
    pub(super) fn center_cursor(&mut self) {
        if self.open.is_none() {
            return;
        }
        self.set_focus(Focus::Reader);
        self.snap_cursor();
        let Some(c) = self.cursor.clone() else { return };
        let Some(lay) = self.layout() else { return };
        let line = lay.line_of_byte(c.start);
        let rows = self.reader_rows();
        self.scroll_to(line.saturating_sub(rows / 2));
        self.cursor = Some(c);
    }
}

#[cfg(test)]
mod tests;
