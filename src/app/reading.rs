//! Reading the open speech: the layout memo, scrolling, the outline pane's selection,
//! jumps between places, and the marks and position shown while reading.

use std::ops::Range;
use std::rc::Rc;

use super::{Anchor, App, Focus, Mark, Pos};
use crate::corpus::ParaKind;
use crate::view::SpeechLayout;

impl App {
    // ----- layout cache -----------------------------------------------------------------------

    /// The open speech laid out at the reading pane's current width (cached per speech+width).
    pub fn layout(&self) -> Option<Rc<SpeechLayout>> {
        let i = self.open?;
        let opts = self.text_opts();
        let mut cache = self.cache.borrow_mut();
        if let Some(l) = cache.get(&(i, opts)) {
            return Some(l.clone());
        }
        if cache.len() >= 16 {
            // Old widths after a resize are rarely needed again; a bounded cache keeps memory flat.
            cache.clear();
        }
        let lay = Rc::new(SpeechLayout::build(&self.corpus.speeches[i], opts));
        cache.insert((i, opts), lay.clone());
        Some(lay)
    }

    pub fn clear_layout_cache(&mut self) {
        self.cache.get_mut().clear();
    }

    /// First display line shown in the reading pane.
    pub fn top_line(&self) -> usize {
        let Some(lay) = self.layout() else { return 0 };
        let base = lay.line_of_byte(self.anchor.byte) as i64;
        (base + i64::from(self.anchor.delta)).clamp(0, lay.len().saturating_sub(1) as i64) as usize
    }

    pub(super) fn anchor_for_line(lay: &SpeechLayout, line: usize) -> Anchor {
        let byte = lay.byte_of_line(line);
        let delta = line as i64 - lay.line_of_byte(byte) as i64;
        Anchor {
            byte,
            delta: delta as i32,
        }
    }

    pub(super) fn max_top(&self) -> usize {
        let rows = self.reader_rows();
        self.layout().map_or(0, |l| l.len().saturating_sub(rows))
    }

    pub(super) fn scroll_to(&mut self, line: usize) {
        let Some(lay) = self.layout() else { return };
        let line = line.min(self.max_top());
        self.anchor = Self::anchor_for_line(&lay, line);
        self.sync_outline();
        if self.focus == Focus::Reader && self.visual.is_none() {
            self.snap_cursor();
        }
    }

    pub fn scroll(&mut self, lines: isize) {
        let top = self.top_line();
        self.scroll_to(top.saturating_add_signed(lines));
    }

    // ----- outline ----------------------------------------------------------------------------

    /// The heading whose section the reading position is in.
    pub fn current_heading(&self) -> Option<usize> {
        self.speech()?.heading_at(self.anchor.byte)
    }

    pub(super) fn sync_outline(&mut self) {
        if let Some(h) = self.current_heading() {
            self.outline_sel = h;
            self.keep_outline_visible();
        }
    }

    pub(super) fn keep_outline_visible(&mut self) {
        let rows = self.outline_height();
        let all = self.outline_rows();
        let sel = row_of(&all, self.outline_sel);
        if sel < self.outline_top {
            // Show a list's group label together with its first item.
            self.outline_top = if sel > 0 && matches!(all[sel - 1], OutlineRow::Label(_)) {
                sel - 1
            } else {
                sel
            };
        } else {
            // The selected heading's 纲目 lines come into view with it.
            let last = sel
                + all
                    .get(sel + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|r| matches!(r, OutlineRow::Brief(..)))
                    .count();
            if last >= self.outline_top + rows {
                self.outline_top = (last + 1 - rows).min(sel);
            }
        }
    }

    /// Rows of the outline pane: every heading, preceded by its list's group label (the
    /// lead-in such as 归纳起来有这么“四个更加”) when it has one; a row for each omission gap
    /// where it falls, so what follows it does not read as part of the heading before it; and
    /// the headings the table of contents lists that the body lost, after the gap.
    pub fn outline_rows(&self) -> Vec<OutlineRow> {
        let Some(s) = self.speech() else {
            return Vec::new();
        };
        let mut rows = Vec::with_capacity(s.headings.len() + s.gaps.len() + s.toc_only.len());
        let mut gaps = s
            .gaps
            .iter()
            .enumerate()
            .filter(|(_, g)| s.paragraphs.get(g.para).is_some_and(|p| p.kind.is_speech()))
            .peekable();
        let mut toc = s.toc_only.iter().enumerate().peekable();
        let mut between = |rows: &mut Vec<OutlineRow>, next_start: usize, after: Option<usize>| {
            while let Some((gi, _)) = gaps.next_if(|(_, g)| g.at < next_start) {
                rows.push(OutlineRow::Gap(gi));
            }
            while let Some((ti, _)) = toc.next_if(|(_, t)| t.after == after) {
                rows.push(OutlineRow::Toc(ti));
            }
        };
        for (i, h) in s.headings.iter().enumerate() {
            between(&mut rows, h.marker.start, i.checked_sub(1));
            if h.label.is_some() {
                rows.push(OutlineRow::Label(i));
            }
            rows.push(OutlineRow::Heading(i));
            if self.outline_brief {
                let n = self.outline_brief_lines(i).len() as u8;
                rows.extend((0..n).map(|k| OutlineRow::Brief(i, k)));
            }
        }
        between(&mut rows, usize::MAX, s.headings.len().checked_sub(1));
        // Contents entries after the last matched heading that the body never reached.
        rows.extend(toc.map(|(ti, _)| OutlineRow::Toc(ti)));
        rows
    }

    pub(super) fn move_outline(&mut self, delta: isize) {
        let n = self.speech().map_or(0, |s| s.headings.len());
        if n == 0 {
            return;
        }
        self.outline_sel = self.outline_sel.saturating_add_signed(delta).min(n - 1);
        self.keep_outline_visible();
    }

    // ----- jumps ------------------------------------------------------------------------------

    pub(super) fn here(&self) -> Option<Pos> {
        Some(Pos {
            speech: self.open?,
            anchor: self.anchor,
        })
    }

    /// Records the current place before a jump, so Ctrl-o can return to it.
    pub(super) fn push_jump(&mut self) {
        if let Some(p) = self.here() {
            if self.back.last() != Some(&p) {
                self.back.push(p);
            }
            self.forward.clear();
        }
    }

    pub(super) fn go_to(&mut self, p: Pos) {
        if self.open != Some(p.speech) {
            self.show_speech(p.speech, Some(p.anchor));
        } else {
            self.anchor = p.anchor;
            self.clamp_anchor();
            self.sync_outline();
        }
    }

    pub(super) fn clamp_anchor(&mut self) {
        let top = self.top_line();
        let max = self.max_top();
        if top > max {
            self.scroll_to(max);
        }
    }

    /// Opens a speech without recording a jump (used by jumps themselves).
    pub(super) fn show_speech(&mut self, i: usize, at: Option<Anchor>) {
        self.load_now(i);
        if let Some(cur) = self.open {
            self.positions.insert(cur, self.anchor);
        }
        self.open = Some(i);
        self.anchor = at
            .or_else(|| self.positions.get(&i).copied())
            .or_else(|| self.saved_anchor(i))
            .unwrap_or_else(|| self.start_anchor(i));
        self.outline_sel = 0;
        self.outline_top = 0;
        self.cursor = None;
        self.visual = None;
        self.clamp_anchor();
        self.sync_outline();
        self.select_in_list(i);
    }

    /// Where a speech opens the first time: at its title, with any front matter above it.
    pub(super) fn start_anchor(&self, i: usize) -> Anchor {
        let s = &self.corpus.speeches[i];
        s.paragraphs
            .iter()
            .find(|p| p.kind == ParaKind::Title)
            .filter(|_| s.front_matter_removed)
            .map_or_else(Anchor::default, |p| Anchor::at(p.range.start))
    }

    pub fn open_speech(&mut self, i: usize) {
        if self.open == Some(i) {
            return;
        }
        self.push_jump();
        self.show_speech(i, None);
    }

    /// Jumps the reading pane to a byte of the open speech, recording the jump.
    pub fn jump_to_byte(&mut self, byte: usize) {
        self.push_jump();
        self.anchor = Anchor::at(byte);
        self.clamp_anchor();
        self.sync_outline();
    }

    pub fn jump_to_heading(&mut self, h: usize) {
        let Some(byte) = self
            .speech()
            .and_then(|s| s.headings.get(h))
            .map(|h| h.marker.start)
        else {
            return;
        };
        self.jump_to_byte(byte);
        self.outline_sel = h;
        self.keep_outline_visible();
    }

    /// Next (or previous) heading after the top line; `top_only` keeps to depth 1.
    pub(super) fn heading_step(&mut self, forward: bool, top_only: bool) {
        let Some(lay) = self.layout() else { return };
        let top = self.top_line();
        let Some(s) = self.speech() else { return };
        let line_of = |h: &crate::corpus::Heading| lay.line_of_byte(h.marker.start);
        let ok = |h: &crate::corpus::Heading| !top_only || h.depth == 1;
        let found = if forward {
            s.headings
                .iter()
                .enumerate()
                .skip(s.headings.partition_point(|h| line_of(h) <= top))
                .find(|(_, h)| ok(h))
                .map(|(i, _)| i)
        } else {
            let end = s.headings.partition_point(|h| line_of(h) < top);
            s.headings[..end]
                .iter()
                .enumerate()
                .rev()
                .find(|(_, h)| ok(h))
                .map(|(i, _)| i)
        };
        match found {
            Some(h) => self.jump_to_heading(h),
            None => {
                self.message = Some(if forward {
                    self.t("已是最后一个标题", "No heading below")
                } else {
                    self.t("已是第一个标题", "No heading above")
                })
            }
        }
    }

    // ----- highlights -------------------------------------------------------------------------

    /// Search matches, the passage cursor and bookmarked passages within a byte window.
    pub fn extra_marks(&self, window: Range<usize>) -> Vec<(Range<usize>, Mark)> {
        let mut marks = self.passage_marks(&window);
        marks.extend(self.search_marks(&window));
        marks
    }

    /// The left-margin sign of each visible row (bookmarked passages).
    pub fn margin_marks(&self, lines: Range<usize>) -> Vec<Option<&'static str>> {
        self.bookmark_margin(lines)
    }

    // ----- status -----------------------------------------------------------------------------

    /// 段 x/y: the body paragraph of the cursor sentence (what `m` and `y` take), or at the
    /// reading position when there is no cursor on screen.
    pub fn paragraph_position(&self) -> Option<(usize, usize)> {
        let s = self.speech()?;
        let shown = self.visible_window();
        let cursor = self
            .cursor
            .as_ref()
            .filter(|c| shown.as_ref().is_some_and(|w| w.contains(&c.start)))
            .map(|c| c.start);
        let cur = s.para_at(cursor.unwrap_or(self.anchor.byte));
        // Counted, not collected: this runs on every frame.
        let (mut before, mut total) = (0, 0);
        for (i, p) in s.paragraphs.iter().enumerate() {
            if p.kind == ParaKind::Body {
                total += 1;
                before += usize::from(i < cur);
            }
        }
        // Scrolled to the end, the last paragraph is on screen: that is where the reader is
        // (less and vim say the same of the last line), so `G` reads 段 N/N.
        let at_end = cursor.is_none()
            && self.top_line() >= self.max_top()
            && self.max_top() > self.start_line();
        (total > 0).then(|| {
            let at = if at_end {
                total
            } else {
                before.min(total - 1) + 1
            };
            (at, total)
        })
    }

    /// The display line a speech opens at: its title, below folded front matter.
    fn start_line(&self) -> usize {
        let (Some(i), Some(lay)) = (self.open, self.layout()) else {
            return 0;
        };
        lay.line_of_byte(self.start_anchor(i).byte)
    }

    /// How far through the text the top line is, counted from where the speech opens, so
    /// front matter folded above the title does not count as read.
    pub fn percent(&self) -> usize {
        let max = self.max_top();
        let start = self.start_line().min(max);
        if max == start {
            return 100;
        }
        (self.top_line().clamp(start, max) - start) * 100 / (max - start)
    }
}

/// One row of the outline pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineRow {
    /// `Speech::headings[i]`: selectable, `Enter` jumps to it.
    Heading(usize),
    /// The group label (lead-in) of the list heading `i` starts.
    Label(usize),
    /// `Speech::gaps[i]`: text the scraping site left out.
    Gap(usize),
    /// `Speech::toc_only[i]`: listed in the table of contents, missing from the body.
    Toc(usize),
    /// Line `k` of the first sentence under heading `i`, in the 纲目 mode.
    Brief(usize, u8),
}

fn row_of(rows: &[OutlineRow], heading: usize) -> usize {
    rows.iter()
        .position(|r| *r == OutlineRow::Heading(heading))
        .unwrap_or(0)
}
