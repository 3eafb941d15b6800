//! The corpus-search overlay: the query line with progress, then hits grouped by speech —
//! title, heading path and a snippet with the match highlighted.

use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{centered, ellipsize, framed, put_line};
use crate::app::App;
use crate::search::snippet;
use crate::text::width::{display_width, visible_text};

pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let Some(cs) = &app.corpus_search else { return };
    let area = f.area();
    let rect = centered(area, 116, area.height.saturating_sub(2).max(4));
    f.render_widget(Clear, rect);
    use crate::config::keymap::Action as A;
    // Enter and ↓ leave the query line whatever the keymap says (it is a line editor).
    let [open, edit, back] = [A::Open, A::Search, A::Back].map(|a| app.key(a));
    let title = app.t(
        &format!("全文搜索 — Enter/↓ 到结果，{open} 打开，{edit} 改搜索词，{back} 关闭"),
        &format!(
            "Search all speeches — Enter/↓ to results, {open} opens, {edit} edits, {back} closes"
        ),
    );
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    let total_docs = app.corpus.speeches.len();

    let label = app.t("搜索：", "Search: ");
    let status = if let Some(e) = &cs.error {
        e.clone()
    } else if cs.running {
        app.t(
            &format!("搜索中… {}/{total_docs} 篇", cs.done_docs),
            &format!("searching… {}/{total_docs}", cs.done_docs),
        )
    } else if let Some(o) = &cs.outcome {
        let more = if o.total > o.hits.len() {
            app.t(
                &format!("（显示前 {}）", o.hits.len()),
                &format!(" (first {} shown)", o.hits.len()),
            )
        } else {
            String::new()
        };
        app.t(
            &format!("{} 处，{} 篇{more}", o.total, o.docs_matched),
            &format!("{} hits in {} speeches{more}", o.total, o.docs_matched),
        )
    } else {
        String::new()
    };
    let status_w = display_width(&status).min(width / 2);
    let input_w = width - status_w;
    let mut line = super::prompt_line(&label, &cs.edit, input_w as u16, st);
    line.spans.push(Span::styled(
        ellipsize(&status, status_w),
        if cs.error.is_some() {
            st.error
        } else {
            st.status
        },
    ));
    put_line(f, inner.x, inner.y, &line, inner.width);
    if app.corpus_typing {
        let cx = display_width(&label) + display_width(cs.edit.before_cursor());
        if cx < input_w {
            f.set_cursor_position(Position::new(inner.x + cx as u16, inner.y));
        }
    }

    // Rows: a header per speech, then one row per hit (heading path · snippet).
    let hits = cs.hits();
    let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
    let counts = app.hit_groups();
    let mut group = 0;
    let height = usize::from(inner.height.saturating_sub(1));
    // Only the rows near the selection are built: a query like 的 has 20,000 hits.
    let first_hit = cs.sel.saturating_sub(height);
    let mut last_doc = None;
    for (i, h) in hits.iter().enumerate().skip(first_hit).take(height * 2 + 1) {
        while counts.get(group).is_some_and(|&(d, _)| d != h.doc) {
            group += 1;
        }
        let s = &app.corpus.speeches[h.doc];
        if last_doc != Some(h.doc) {
            let n = counts.get(group).map_or(0, |c| c.1);
            let head = app.t(
                &format!("《{}》 {n} 处", s.display_title()),
                &format!("《{}》 {n} hits", s.display_title()),
            );
            rows.push((Line::styled(ellipsize(&head, width), st.title), None));
            last_doc = Some(h.doc);
        }
        let selected = i == cs.sel && !app.corpus_typing;
        let base = if selected { st.selection } else { st.base };
        let path = s
            .heading_at(h.range.start)
            .map(|hi| s.heading_label(hi))
            .unwrap_or_default();
        let path = if path.is_empty() {
            String::new()
        } else {
            format!("{} · ", ellipsize(&path, 24))
        };
        let (win, m) = snippet(&s.text, h.range.clone(), 24);
        let text = &s.text[win.clone()];
        let (pre, hit, post) = (&text[..m.start], &text[m.clone()], &text[m.end..]);
        let mut spans = vec![
            Span::styled("  ", base),
            Span::styled(path.clone(), if selected { base } else { st.dim }),
            Span::styled(visible_text(pre).into_owned(), base),
            Span::styled(visible_text(hit).into_owned(), st.search_current),
            Span::styled(visible_text(post).into_owned(), base),
        ];
        let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
        if used < width {
            spans.push(Span::styled(" ".repeat(width - used), base));
        }
        rows.push((Line::from(spans), Some(i)));
    }
    if hits.is_empty() && !cs.running && cs.outcome.is_some() {
        rows.push((
            Line::styled(app.t("没有找到。", "Nothing found."), st.dim),
            None,
        ));
    }
    let below_query = ratatui::layout::Rect::new(inner.x, inner.y + 1, inner.width, height as u16);
    super::selection_centred(f, &rows, cs.sel, below_query);
}
