//! The corpus outline overlay: every speech the list shows, its title then its top-level
//! headings, flowing down columns side by side when the screen is wide, so the structures of
//! many reports can be scanned at once.

use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{bar, centered, ellipsize, framed, put_line};
use crate::app::App;
use crate::config::keymap::Action;

/// Narrowest column of the overlay: a title and a heading still read at this width.
const COLUMN_MIN: usize = 44;
const COLUMNS_MAX: usize = 4;

pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let area = f.area();
    let rect = centered(area, 140, area.height.saturating_sub(2).max(4));
    f.render_widget(Clear, rect);
    let rows = app.corpus_outline_rows();
    let n = app.visible.len();
    let filter = if app.filter.is_empty() {
        String::new()
    } else {
        app.t(
            &format!("（筛选：{}）", app.filter),
            &format!(" (filter: {})", app.filter),
        )
    };
    let fkey = app.keymap.keys_display(Action::Filter);
    let title = app.t(
        &format!("全部提纲 — {n} 篇{filter} — Enter 打开，] [ 下/上一篇，{fkey} 筛选，Esc 关闭"),
        &format!(
            "All outlines — {n} speeches{filter} — Enter opens, ] [ next/previous, {fkey} filters, Esc closes"
        ),
    );
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    if rows.is_empty() {
        let msg = app.t("列表中没有演讲", "No speech in the list");
        return super::placeholder(f, inner, &msg, st);
    }
    let sel = app.corpus_outline_sel.min(rows.len() - 1);
    let cols = (width / COLUMN_MIN).clamp(1, COLUMNS_MAX);
    let col_w = (width - 2 * (cols - 1)) / cols;
    // A page of columns, the one holding the selection: a corpus of 10,000 speeches has
    // 60,000 rows and only the page on screen is drawn.
    let page = height * cols;
    let top = sel / page * page;
    for (k, (i, r)) in rows.iter().enumerate().skip(top).take(page).enumerate() {
        let (x, y) = (
            inner.x + ((k / height) * (col_w + 2)) as u16,
            inner.y + (k % height) as u16,
        );
        let s = &app.corpus.speeches[r.speech];
        let selected = i == sel;
        let line = match r.heading {
            None => {
                let n = s.headings.len();
                let titled = app.titled(s);
                let text = app.t(
                    &format!("{titled} {n} 条"),
                    &format!("{titled} {n} headings"),
                );
                let style = if selected {
                    st.title.patch(st.selection)
                } else {
                    st.title
                };
                bar(text, col_w as u16, style)
            }
            Some(h) => {
                let base = if selected { st.selection } else { st.base };
                let marker = s.heading_marker(&s.headings[h]).to_string();
                let label = s.heading_label(h);
                let text = label.strip_prefix(marker.as_str()).unwrap_or(&label);
                let marker_style = if selected { base } else { st.marker };
                let heading_style = if selected { base } else { st.headings[0] };
                let used = 2 + crate::text::width::display_width(&marker);
                let mut spans = vec![
                    Span::styled("  ", base),
                    Span::styled(marker, marker_style),
                    Span::styled(ellipsize(text, width.saturating_sub(used)), heading_style),
                ];
                let w: usize = spans
                    .iter()
                    .map(|s| crate::text::width::display_width(&s.content))
                    .sum();
                spans.push(Span::styled(" ".repeat(col_w.saturating_sub(w)), base));
                Line::from(spans)
            }
        };
        put_line(f, x, y, &line, col_w as u16);
    }
}
