//! The corpus outline overlay: every speech the list shows, its title then its top-level
//! headings, so many reports' structures can be scanned one after another.

use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{bar, centered, ellipsize, framed, put_line};
use crate::app::App;
use crate::config::keymap::Action;

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
    // Only the rows on screen are drawn: a corpus of 10,000 speeches has 60,000 rows.
    let top = sel
        .saturating_sub(height / 2)
        .min(rows.len().saturating_sub(height));
    for (y, (i, r)) in rows.iter().enumerate().skip(top).take(height).enumerate() {
        let s = &app.corpus.speeches[r.speech];
        let selected = i == sel;
        let line = match r.heading {
            None => {
                let n = s.headings.len();
                let text = app.t(
                    &format!("《{}》 {n} 条", s.display_title()),
                    &format!("《{}》 {n} headings", s.display_title()),
                );
                let style = if selected {
                    st.title.patch(st.selection)
                } else {
                    st.title
                };
                bar(text, inner.width, style)
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
                spans.push(Span::styled(" ".repeat(width.saturating_sub(w)), base));
                Line::from(spans)
            }
        };
        put_line(f, inner.x, inner.y + y as u16, &line, inner.width);
    }
}
