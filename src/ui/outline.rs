//! The outline pane: the heading tree of the open speech, indented by depth, with the
//! heading the reading position is in marked as you scroll.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::theme::Styles;
use super::{ellipsize, framed, pad_to, put_line};
use crate::app::App;

pub fn draw(f: &mut Frame, app: &App, st: &Styles, area: Rect, focused: bool) {
    let Some(s) = app.speech() else { return };
    let title = format!("{} {}", app.t("提纲", "Outline"), s.headings.len());
    let inner = framed(f, area, &title, focused, st);
    let width = usize::from(inner.width);
    if s.headings.is_empty() {
        let msg = app.t("（本篇没有识别出标题）", "(no headings found)");
        return super::placeholder(f, inner, &msg, st);
    }
    let current = app.current_heading();
    let marked = app.bookmarked_headings();
    let rows = app.outline_rows();
    for (row, &(i, is_label)) in rows
        .iter()
        .enumerate()
        .skip(app.outline_top)
        .take(usize::from(inner.height))
    {
        let h = &s.headings[i];
        let y = inner.y + (row - app.outline_top) as u16;
        if is_label {
            let depth = usize::from(h.depth.max(1));
            let indent = " ".repeat((2 * (depth - 1) + 1).min(width / 2));
            let label = h.label.clone().map(|r| &s.text[r]).unwrap_or_default();
            let text = ellipsize(&format!("{indent}{label}："), width);
            put_line(f, inner.x, y, &Line::styled(text, st.dim), inner.width);
            continue;
        }
        let depth = usize::from(h.depth.max(1));
        let indent = " ".repeat((2 * (depth - 1)).min(width / 2));
        let mark = if current == Some(i) {
            "▶"
        } else if marked.contains(&i) {
            "▌"
        } else {
            " "
        };
        let marker = s.heading_marker(h);
        let sep = if h.is_point() { " " } else { "" };
        let used = 1 + indent.len() + crate::text::width::display_width(marker) + sep.len();
        let text = pad_to(
            &ellipsize(&s.heading_text(h), width.saturating_sub(used)),
            width.saturating_sub(used),
        );
        let selected = i == app.outline_sel;
        let (mstyle, tstyle) = if h.is_point() {
            (st.point_marker, st.base)
        } else {
            let hs = st.headings[usize::from(h.depth.clamp(1, 4)) - 1];
            (st.marker, hs)
        };
        let sel = match (selected, focused) {
            (true, true) => Some(st.selection),
            (true, false) => Some(st.selection_unfocused),
            _ => None,
        };
        let apply = |s: ratatui::style::Style| sel.map_or(s, |x| s.patch(x));
        let line = Line::from(vec![
            Span::styled(mark, apply(st.current)),
            Span::styled(indent, apply(st.base)),
            Span::styled(
                crate::text::width::visible_text(marker).into_owned(),
                apply(mstyle),
            ),
            Span::styled(sep, apply(st.base)),
            Span::styled(text, apply(tstyle)),
        ]);
        put_line(f, inner.x, y, &line, inner.width);
    }
}
