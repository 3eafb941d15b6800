//! The compare overlay: the marked speech's outline on the left, the open one's on the
//! right, aligned row by row, each row signed = kept, ~ reworded, - dropped, + added.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{centered, ellipsize, framed, pad_to};
use crate::app::App;
use crate::corpus::align::{tally, Change};
use crate::corpus::Speech;

/// One side of a row: the heading indented by depth, cut to the column.
fn cell(s: &Speech, h: Option<usize>, width: usize) -> String {
    let Some(h) = h.filter(|&h| h < s.headings.len()) else {
        return pad_to("", width);
    };
    let depth = usize::from(s.headings[h].depth.saturating_sub(1));
    let text = format!(
        "{}{}",
        "  ".repeat(depth.min(width / 4)),
        s.heading_label(h)
    );
    pad_to(&ellipsize(&text, width), width)
}

pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let Some(c) = &app.compare else { return };
    let (Some(a), Some(b)) = (app.corpus.speeches.get(c.a), app.corpus.speeches.get(c.b)) else {
        return;
    };
    let area = f.area();
    let rect = centered(area, 160, area.height.saturating_sub(2).max(4));
    f.render_widget(Clear, rect);
    let (kept, reworded, dropped, added) = tally(&c.rows);
    let title = app.t(
        &format!(
            "对比提纲 — 保留 {kept}  改写 {reworded}  删去 {dropped}  新增 {added} — Enter 跳转，Esc 关闭"
        ),
        &format!(
            "Compare outlines — kept {kept}  reworded {reworded}  dropped {dropped}  added {added} — Enter jumps, Esc closes"
        ),
    );
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    // `s │ left │ right`: the sign, then two equal columns.
    let col = width.saturating_sub(5) / 2;
    let head = Line::from(vec![
        Span::styled("  ", st.title),
        Span::styled(
            pad_to(&ellipsize(&format!("《{}》", a.display_title()), col), col),
            st.title,
        ),
        Span::styled(" │ ", st.dim),
        Span::styled(
            ellipsize(&format!("《{}》", b.display_title()), col),
            st.title,
        ),
    ]);
    super::put_line(f, inner.x, inner.y, &head, inner.width);
    let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
    for (i, r) in c.rows.iter().enumerate() {
        let style = match r.change {
            Change::Kept => st.base,
            Change::Reworded => st.point_marker,
            Change::Dropped => st.error,
            Change::Added => st.current,
        };
        let style = if i == c.sel {
            style.patch(st.selection)
        } else {
            style
        };
        let sep: Style = if i == c.sel { style } else { st.dim };
        rows.push((
            Line::from(vec![
                Span::styled(format!("{} ", r.change.sign()), style),
                Span::styled(cell(a, r.a, col), style),
                Span::styled(" │ ", sep),
                Span::styled(cell(b, r.b, col), style),
            ]),
            Some(i),
        ));
    }
    if rows.is_empty() {
        let msg = app.t("两篇都没有识别出标题", "Neither speech has headings");
        rows.push((Line::styled(msg, st.dim), None));
    }
    let below = ratatui::layout::Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    super::selection_centred(f, &rows, c.sel, below);
}
