//! Pane geometry, computed in one place from the terminal size and the pane settings: which
//! panes show and where, the reading pane's text columns and rows. Drawing, scrolling and the
//! mouse all ask here; the terminal size arrives through [`App::resize`].

use super::{App, Focus};
use crate::view::Opts;

/// A rectangle of screen cells (the app's own, so that state needs no terminal library).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Area {
        Area {
            x,
            y,
            width,
            height,
        }
    }

    /// One past the last column.
    pub const fn right(&self) -> u16 {
        self.x.saturating_add(self.width)
    }

    /// One past the last row.
    pub const fn bottom(&self) -> u16 {
        self.y.saturating_add(self.height)
    }

    pub const fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x && column < self.right() && row >= self.y && row < self.bottom()
    }
}

/// Screen areas, computed from the terminal size: shared by drawing, scrolling and the mouse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Area>,
    pub outline: Option<Area>,
    pub reader: Option<Area>,
    pub status: Area,
    pub too_small: bool,
}

/// Below this a reader shows "too small" instead of squeezing panes to nothing.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// The reading pane is never narrower than this next to side panes.
const READER_MIN: u16 = 40;
/// Columns left of the text for bookmark marks.
pub const MARGIN: u16 = 2;

impl App {
    pub fn panes(&self) -> Panes {
        let (w, h) = self.size;
        let status = Area::new(0, h.saturating_sub(1), w, h.min(1));
        if w < MIN_WIDTH || h < MIN_HEIGHT {
            return Panes {
                status,
                too_small: true,
                ..Panes::default()
            };
        }
        let body_h = h - 1;
        let want_list = self.show_list;
        let want_outline = self.show_outline && self.open.is_some();
        let ow = self.layout.outline_width.min(w / 2);
        let lw = self.list_width(w, want_outline.then_some(ow));
        let mut p = Panes {
            status,
            ..Panes::default()
        };
        let side = |focus: Focus| match focus {
            Focus::List if want_list => Some(Focus::List),
            Focus::Outline if want_outline => Some(Focus::Outline),
            _ => None,
        };
        let mut x = 0;
        let mut place = |width: u16| {
            let r = Area::new(x, 0, width, body_h);
            x += width;
            r
        };
        let three = want_list && want_outline && w >= lw + ow + READER_MIN;
        if three {
            p.list = Some(place(lw));
            p.outline = Some(place(ow));
        } else {
            // Medium: one side pane next to the reader — the focused one, else the last used.
            let chosen = side(self.focus)
                .or_else(|| side(self.last_side))
                .or_else(|| side(Focus::List))
                .or_else(|| side(Focus::Outline));
            match chosen {
                Some(Focus::List) if w >= lw + READER_MIN => p.list = Some(place(lw)),
                Some(Focus::Outline) if w >= ow + READER_MIN => p.outline = Some(place(ow)),
                // Narrow: the focused pane alone, full width.
                Some(Focus::List) if self.focus == Focus::List => p.list = Some(place(w)),
                Some(Focus::Outline) if self.focus == Focus::Outline => p.outline = Some(place(w)),
                _ => {}
            }
        }
        if x < w {
            p.reader = Some(Area::new(x, 0, w - x, body_h));
        }
        p
    }

    /// The list's width: `layout.list_width`, grown on a wide terminal into the columns the
    /// reading pane cannot use (its text is at most `line_width` wide), as far as the
    /// longest title wants, so titles are not cut at 30 columns on a 200-column terminal.
    fn list_width(&self, w: u16, outline: Option<u16>) -> u16 {
        let base = self.layout.list_width.min(w / 2);
        let reader_wants = self.layout.line_width.saturating_add(MARGIN + 2);
        let spare = w
            .saturating_sub(base + outline.unwrap_or(0))
            .saturating_sub(reader_wants.max(READER_MIN));
        base.saturating_add(spare.min(self.list_wants.saturating_sub(base)))
            .min(w / 2)
    }

    pub(super) fn pane_visible(&self, f: Focus) -> bool {
        let p = self.panes();
        match f {
            Focus::List => p.list.is_some(),
            Focus::Outline => p.outline.is_some(),
            Focus::Reader => p.reader.is_some(),
        }
    }

    /// Text area of the reading pane: (x offset, width) within the pane's inner area.
    pub fn text_columns(&self, inner_width: u16) -> (u16, u16) {
        let avail = inner_width.saturating_sub(MARGIN).max(1);
        let width = avail.min(self.layout.line_width.max(1));
        let left = if self.layout.center {
            (avail - width) / 2
        } else {
            0
        };
        (MARGIN + left, width)
    }

    /// Rows of text in the reading pane.
    pub fn reader_rows(&self) -> usize {
        self.panes()
            .reader
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub(super) fn list_rows(&self) -> usize {
        let p = self.panes();
        p.list
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub(super) fn outline_height(&self) -> usize {
        let p = self.panes();
        p.outline
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub fn text_opts(&self) -> Opts {
        let inner = self
            .panes()
            .reader
            .map_or(self.size.0, |r| r.width.saturating_sub(2));
        let (_, width) = self.text_columns(inner);
        Opts {
            width,
            indent: self.layout.indent,
            spacing: self.layout.paragraph_spacing,
        }
    }
}
