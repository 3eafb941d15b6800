//! Drawing: one small function per pane (one file each), all reading `&App` and writing a
//! ratatui frame; nothing here changes state. Pane geometry comes from `App::panes`.

pub mod bookmarks;
pub mod compare;
pub mod corpus_outline;
pub mod help;
pub mod list;
pub mod outline;
pub mod reader;
pub mod search;
pub mod status;
pub mod theme;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};
use ratatui::Frame;

use crate::app::{App, Area, Focus};
use crate::text::width::display_width;
use theme::Styles;

pub use crate::text::width::ellipsize;

/// Pads `s` with spaces on the right to exactly `width` columns (already fitting).
pub fn pad_to(s: &str, width: usize) -> String {
    let w = display_width(s);
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Draws a pane's frame and returns the area inside it. The focused pane gets a thick,
/// coloured border and a highlighted title, so focus is visible at a glance even without
/// colour; the title is cut to fit the border.
pub fn framed(f: &mut Frame, area: Rect, title: &str, focused: bool, st: &Styles) -> Rect {
    let (border, ttl) = if focused {
        (st.border_focused, st.pane_title_focused)
    } else {
        (st.border, st.pane_title)
    };
    let title = ellipsize(title, usize::from(area.width.saturating_sub(4)));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(Span::styled(format!(" {title} "), ttl));
    let inner = block.inner(area);
    f.render_widget(block, area);
    inner
}

/// Draws the whole screen from `app`, which is only read: the event loop tells the app the
/// terminal size (`App::resize`) before drawing, and the pane geometry comes from the app.
pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let area = f.area();
    if app.size != (area.width, area.height) {
        // The terminal changed size after the app was told: its panes would fall outside the
        // frame. Leave this frame blank; the resize event that follows redraws everything.
        return;
    }
    let panes = app.panes();
    if panes.too_small {
        let msg = app.t("终端太小", "Terminal too small");
        let line = Line::from(ellipsize(&msg, usize::from(area.width)));
        f.buffer_mut().set_line(area.x, area.y, &line, area.width);
        return;
    }
    if let Some(r) = panes.list {
        list::draw(f, app, st, rect(r), app.focus == Focus::List);
    }
    if let Some(r) = panes.outline {
        outline::draw(f, app, st, rect(r), app.focus == Focus::Outline);
    }
    if let Some(r) = panes.reader {
        reader::draw(f, app, st, rect(r), app.focus == Focus::Reader);
    }
    status::draw(f, app, st, rect(panes.status));
    match app.overlay {
        Some(crate::app::Overlay::Bookmarks) => bookmarks::draw(f, app, st),
        Some(crate::app::Overlay::CorpusSearch) => search::draw(f, app, st),
        Some(crate::app::Overlay::Compare) => compare::draw(f, app, st),
        Some(crate::app::Overlay::CorpusOutline) => corpus_outline::draw(f, app, st),
        Some(o) => help::draw(f, app, st, o),
        None => {}
    }
}

/// The app's pane area as a ratatui rectangle.
pub fn rect(a: Area) -> Rect {
    Rect::new(a.x, a.y, a.width, a.height)
}

/// A centred rectangle of at most the given size, inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Writes one line clipped to `width` columns, never past the buffer.
pub fn put_line(f: &mut Frame, x: u16, y: u16, line: &Line, width: u16) {
    let area = f.area();
    if y >= area.bottom() || x >= area.right() {
        return;
    }
    let width = width.min(area.right() - x);
    f.buffer_mut().set_line(x, y, line, width);
}

/// Draws the rows that fit in `area`, scrolled so that the first row of item `sel` (the
/// `Some(index)` a row stands for) is in the middle, as far as the rows allow.
pub fn selection_centred(f: &mut Frame, rows: &[(Line, Option<usize>)], sel: usize, area: Rect) {
    let height = usize::from(area.height);
    let sel_row = rows.iter().position(|(_, i)| *i == Some(sel)).unwrap_or(0);
    let top = sel_row
        .saturating_sub(height / 2)
        .min(rows.len().saturating_sub(height));
    for (row, (line, _)) in rows.iter().skip(top).take(height).enumerate() {
        put_line(f, area.x, area.y + row as u16, line, area.width);
    }
}

/// A dim one-line message in an empty pane ("no headings found", "loading…").
pub fn placeholder(f: &mut Frame, inner: Rect, msg: &str, st: &Styles) {
    let line = Line::styled(ellipsize(msg, usize::from(inner.width)), st.dim);
    put_line(f, inner.x, inner.y, &line, inner.width);
}

/// A full-width line in one style (fills the row so selections read as bars).
pub fn bar(text: String, width: u16, style: Style) -> Line<'static> {
    Line::from(Span::styled(
        pad_to(&ellipsize(&text, usize::from(width)), usize::from(width)),
        style,
    ))
}

/// A prompt's line: its label, then what is typed, the whole of it shown selected when a
/// reopened prompt's old text is (typing replaces it), padded to `width`.
pub fn prompt_line(
    label: &str,
    edit: &crate::app::LineEdit,
    width: u16,
    st: &Styles,
) -> Line<'static> {
    let w = usize::from(width);
    let label = ellipsize(label, w);
    let rest = w - display_width(&label);
    let text = ellipsize(&edit.text, rest);
    let pad = rest - display_width(&text);
    let text_style = if edit.selected {
        st.status_accent
            .add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        st.status_accent
    };
    Line::from(vec![
        Span::styled(label, st.status_accent),
        Span::styled(text, text_style),
        Span::styled(" ".repeat(pad), st.status_accent),
    ])
}
