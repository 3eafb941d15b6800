//! The outline pane: the heading tree of the open speech, indented by depth, with the
//! heading the reading position is in marked as you scroll, omission gaps where they fall,
//! headings only the table of contents has, and numbering a careful reader would flag; in
//! the 纲目 mode each heading's first sentence under it.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::theme::Styles;
use super::{ellipsize, framed, pad_to, put_line};
use crate::app::{App, OutlineRow};
use crate::corpus::{CheckKind, Speech};
use crate::text::width::{display_width, visible_text};
use crate::view::render::gap_text;

fn indent(depth: u8, extra: usize, width: usize) -> String {
    let depth = usize::from(depth.max(1));
    " ".repeat((2 * (depth - 1) + extra).min(width / 2))
}

/// A short flag after a heading's text (`⚠跳号`); the status bar says more when it is selected.
fn check_flag(app: &App, s: &Speech, heading: usize) -> Option<String> {
    let c = s.checks.iter().find(|c| c.heading == heading)?;
    Some(match c.kind {
        CheckKind::Skipped { .. } => app.t(" ⚠跳号", " ⚠skip"),
        CheckKind::Count { .. } => app.t(" ⚠数目", " ⚠count"),
    })
}

pub fn draw(f: &mut Frame, app: &App, st: &Styles, area: Rect, focused: bool) {
    let Some(s) = app.speech() else { return };
    let name = if app.outline_brief {
        app.t("纲目", "Brief")
    } else {
        app.t("提纲", "Outline")
    };
    let mut title = format!("{name} {}", s.headings.len());
    if !s.checks.is_empty() {
        title.push_str(&format!(" · ⚠{}", s.checks.len()));
    }
    let inner = framed(f, area, &title, focused, st);
    let width = usize::from(inner.width);
    if s.headings.is_empty() && s.toc_only.is_empty() {
        let msg = app.t("（本篇没有识别出标题）", "(no headings found)");
        return super::placeholder(f, inner, &msg, st);
    }
    let current = app.current_heading();
    let marked = app.bookmarked_headings();
    let rows = app.outline_rows();
    // Gap and contents rows take the depth of the heading after them (or before, at the end).
    let depth_near = |row: usize| {
        rows[row..]
            .iter()
            .chain(rows[..row].iter().rev())
            .find_map(|r| match r {
                OutlineRow::Heading(i) => Some(s.headings[*i].depth),
                _ => None,
            })
            .unwrap_or(1)
    };
    for (row, r) in rows
        .iter()
        .enumerate()
        .skip(app.outline_top)
        .take(usize::from(inner.height))
    {
        let y = inner.y + (row - app.outline_top) as u16;
        let mut plain = |text: String, style: Style| {
            put_line(
                f,
                inner.x,
                y,
                &Line::styled(ellipsize(&text, width), style),
                inner.width,
            )
        };
        let i = match *r {
            OutlineRow::Label(i) => {
                let h = &s.headings[i];
                let label = h.label.clone().map(|r| &s.text[r]).unwrap_or_default();
                plain(
                    format!("{}{}：", indent(h.depth, 1, width), visible_text(label)),
                    st.dim,
                );
                continue;
            }
            OutlineRow::Gap(g) => {
                let text = gap_text(&s.gaps[g], s.incomplete);
                plain(
                    format!(" {}{text}", indent(depth_near(row), 0, width)),
                    st.gap,
                );
                continue;
            }
            OutlineRow::Brief(i, k) => {
                // The first sentence under the heading's text, dim, in the 纲目 mode.
                let h = &s.headings[i];
                let line = app
                    .outline_brief_lines(i)
                    .into_iter()
                    .nth(usize::from(k))
                    .unwrap_or_default();
                plain(format!(" {}{line}", indent(h.depth, 2, width)), st.dim);
                continue;
            }
            OutlineRow::Toc(t) => {
                // Listed in the contents, lost from the body: shown, never jumped to.
                let entry = &s.toc_only[t];
                let tag = app.t("〔目录〕", "[contents] ");
                plain(
                    format!(
                        " {}{tag}{}",
                        indent(entry.depth, 0, width),
                        visible_text(&entry.label)
                    ),
                    st.dim,
                );
                continue;
            }
            OutlineRow::Heading(i) => i,
        };
        let h = &s.headings[i];
        let indent = indent(h.depth, 0, width);
        let mark = if current == Some(i) {
            "▶"
        } else if marked.contains(&i) {
            "▌"
        } else {
            " "
        };
        let marker = s.heading_marker(h);
        let sep = if h.is_point() && !marker.is_empty() {
            " "
        } else {
            ""
        };
        let flag = check_flag(app, s, i).unwrap_or_default();
        let used = 1 + indent.len() + display_width(marker) + sep.len();
        let room = width.saturating_sub(used);
        let text_room = room.saturating_sub(display_width(&flag).min(room / 2));
        let text = ellipsize(&s.heading_text(h), text_room);
        let flag = pad_to(
            &ellipsize(&flag, room.saturating_sub(display_width(&text))),
            room.saturating_sub(display_width(&text)),
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
        let apply = |s: Style| sel.map_or(s, |x| s.patch(x));
        let line = Line::from(vec![
            Span::styled(mark, apply(st.current)),
            Span::styled(indent, apply(st.base)),
            Span::styled(visible_text(marker).into_owned(), apply(mstyle)),
            Span::styled(sep, apply(st.base)),
            Span::styled(text, apply(tstyle)),
            Span::styled(flag, apply(st.gap)),
        ]);
        put_line(f, inner.x, y, &line, inner.width);
    }
}
