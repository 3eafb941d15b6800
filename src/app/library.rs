//! The outline library in the reader: copying a heading's subtree with its citation, the
//! 纲目 mode of the outline pane, and marking a speech to compare its outline with another.
//! State only; the texts come from `crate::view::outline`.

use super::{App, Focus};
use crate::view::outline;

impl App {
    /// `y` on an outline row: the selected heading and everything under it, indented, with
    /// the citation line, to the clipboard (OSC 52, like a passage).
    pub fn yank_outline(&mut self) {
        let Some(s) = self.speech() else { return };
        if self.outline_sel >= s.headings.len() {
            return;
        }
        let n = outline::subtree(s, self.outline_sel).len();
        self.clipboard = Some(outline::subtree_text(s, self.outline_sel));
        self.message = Some(self.t(
            &format!("已复制提纲 {n} 条（附出处）"),
            &format!("Copied {n} outline rows with the citation"),
        ));
        self.focus = Focus::Outline;
    }
}

#[cfg(test)]
mod tests;
