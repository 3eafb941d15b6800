//! The compare view: mark one speech (`c`), open another and compare (`C`): the two outlines
//! aligned heading by heading — kept, reworded, dropped, added — in one scrollable overlay;
//! `Enter` jumps to the selected row's heading. State only; the alignment is
//! `crate::corpus::align`, pure.

use super::{App, Focus, Overlay};
use crate::config::keymap::Action;
use crate::corpus::align::{align_speeches, Row};

/// Two outlines side by side: `a` the marked speech, `b` the one that was open.
#[derive(Debug, Clone)]
pub struct Compare {
    pub a: usize,
    pub b: usize,
    pub rows: Vec<Row>,
    pub sel: usize,
}

impl App {
    /// `c`: marks the speech selected in the list (or the open one elsewhere) as the first
    /// of two to compare; pressing it again on the marked speech clears the mark.
    pub fn mark_compare(&mut self) {
        let i = match self.focus {
            Focus::List => self.visible.get(self.list_sel).copied(),
            _ => self.open,
        };
        let Some(i) = i else { return };
        let id = self.corpus.speeches[i].id.clone();
        if self.compare_mark.as_deref() == Some(id.as_str()) {
            self.compare_mark = None;
            self.message = Some(self.t("已取消对比标记", "Compare mark cleared"));
            return;
        }
        let title = self.corpus.speeches[i].display_title().into_owned();
        let key = self.keymap.keys_display(Action::Compare);
        self.compare_mark = Some(id);
        self.message = Some(self.t(
            &format!("已标记《{title}》：打开另一篇，按 {key} 对比提纲"),
            &format!("Marked 《{title}》: open another speech and press {key} to compare"),
        ));
    }

    /// The marked speech, if it is still in the corpus.
    pub fn compare_marked(&self) -> Option<usize> {
        self.corpus.find(self.compare_mark.as_deref()?)
    }

    /// `C`: the marked speech's outline aligned with the open one's.
    pub fn open_compare(&mut self) {
        let Some(a) = self.compare_marked() else {
            let key = self.keymap.keys_display(Action::MarkCompare);
            self.message = Some(self.t(
                &format!("先在一篇上按 {key} 标记，再打开另一篇对比"),
                &format!("Press {key} on one speech first, then open another to compare"),
            ));
            return;
        };
        let Some(b) = self.open.filter(|&b| b != a) else {
            self.message = Some(self.t(
                "请打开另一篇演讲再对比",
                "Open another speech to compare with",
            ));
            return;
        };
        let rows = align_speeches(&self.corpus.speeches[a], &self.corpus.speeches[b]);
        self.compare = Some(Compare { a, b, rows, sel: 0 });
        self.overlay = Some(Overlay::Compare);
    }

    pub(super) fn compare_key(&mut self, action: Action) {
        let Some(c) = &mut self.compare else {
            self.overlay = None;
            return;
        };
        let n = c.rows.len();
        match action {
            Action::Down if n > 0 => c.sel = (c.sel + 1).min(n - 1),
            Action::Up => c.sel = c.sel.saturating_sub(1),
            Action::PageDown | Action::HalfPageDown if n > 0 => c.sel = (c.sel + 10).min(n - 1),
            Action::PageUp | Action::HalfPageUp => c.sel = c.sel.saturating_sub(10),
            Action::Top => c.sel = 0,
            Action::Bottom => c.sel = n.saturating_sub(1),
            Action::Open => self.compare_jump(),
            Action::Quit | Action::Back | Action::Compare | Action::Help => self.overlay = None,
            _ => {}
        }
    }

    /// Jumps to the selected row's heading: in the open speech when it has it, else (a
    /// dropped point) in the marked one.
    fn compare_jump(&mut self) {
        let Some(c) = &self.compare else { return };
        let Some(row) = c.rows.get(c.sel).copied() else {
            return;
        };
        let (speech, heading) = match (row.b, row.a) {
            (Some(j), _) => (c.b, j),
            (None, Some(i)) => (c.a, i),
            (None, None) => return,
        };
        self.overlay = None;
        self.open_speech(speech);
        if heading < self.corpus.speeches[speech].headings.len() {
            self.jump_to_heading(heading);
        }
        self.set_focus(Focus::Reader);
    }
}
