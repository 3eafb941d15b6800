//! The corpus-search overlay: the query line with its scope and progress, then hits grouped
//! by speech — title, heading path and a snippet with the match highlighted (in the 提纲 scope
//! the heading itself under its path; in the 标题 scope the title).

use ratatui::layout::Position;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{centered, ellipsize, framed, put_line};
use crate::app::App;
use crate::config::keymap::Lang;
use crate::corpus::Speech;
use crate::search::scope::Scope;
use crate::search::snippet;
use crate::text::width::{display_width, visible_text};
use crate::view::cite;

pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let Some(cs) = &app.corpus_search else { return };
    let area = f.area();
    let rect = centered(area, 116, area.height.saturating_sub(2).max(4));
    f.render_widget(Clear, rect);
    use crate::config::keymap::Action as A;
    // Enter and ↓ leave the query line whatever the keymap says (it is a line editor).
    let [open, edit, back, scope_key] =
        [A::Open, A::Search, A::Back, A::SearchScope].map(|a| app.key(a));
    let title = app.t(
        &format!("全文搜索 — Enter/↓ 到结果，{open} 打开，{edit} 改搜索词，{scope_key} 范围，{back} 关闭"),
        &format!(
            "Search all speeches — Enter/↓ to results, {open} opens, {edit} edits, {scope_key} scope, {back} closes"
        ),
    );
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    let total_docs = app.corpus.speeches.len();

    let scope = cs.scope.label(app.lang == Lang::En);
    let label = app.t(
        &format!("搜索〔{scope}〕："),
        &format!("Search [{scope}]: "),
    );
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
        // Passages also found in other copies of a speech are counted once.
        let folded = match cs.folded.0 {
            0 => String::new(),
            n => app.t(
                &format!("（副本中另 {n} 处）"),
                &format!(" (+{n} in copies)"),
            ),
        };
        app.t(
            &format!("{} 处，{} 篇{folded}{more}", o.total, o.docs_matched),
            &format!(
                "{} hits in {} speeches{folded}{more}",
                o.total, o.docs_matched
            ),
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
        let s = cs.speech(&app.corpus, h.doc);
        let selected = i == cs.sel && !app.corpus_typing;
        let base = if selected { st.selection } else { st.base };
        if cs.scope == Scope::Titles {
            let title = s.display_title();
            // A range from another scope's search must not panic the draw: then no mark.
            let r = Some(h.range.clone())
                .filter(|r| title.get(r.clone()).is_some())
                .unwrap_or(0..0);
            let spans = vec![
                Span::styled("《", base),
                Span::styled(visible_text(&title[..r.start]).into_owned(), base),
                Span::styled(
                    visible_text(&title[r.clone()]).into_owned(),
                    st.search_current,
                ),
                Span::styled(visible_text(&title[r.end..]).into_owned(), base),
                Span::styled("》", base),
            ];
            rows.push((fill(spans, width, base), Some(i)));
            continue;
        }
        if last_doc != Some(h.doc) {
            let n = counts.get(group).map_or(0, |c| c.1);
            let titled = app.titled(s);
            let head = app.t(&format!("{titled} {n} 处"), &format!("{titled} {n} hits"));
            rows.push((Line::styled(ellipsize(&head, width), st.title), None));
            last_doc = Some(h.doc);
        }
        if cs.scope == Scope::Outline {
            let spans = outline_hit(s, h.range.clone(), selected, st);
            rows.push((fill(spans, width, base), Some(i)));
            continue;
        }
        let path = s
            .heading_at(h.range.start)
            .map(|hi| s.heading_label(hi))
            .unwrap_or_default();
        let path = if path.is_empty() {
            String::new()
        } else {
            format!("{} · ", ellipsize(&path, 24))
        };
        // The same passage in other copies of this speech, shown here once.
        let copies = match cs.copies.get(i).copied().unwrap_or(0) {
            0 => String::new(),
            n => app.t(&format!("  另 {n} 份副本"), &format!("  +{n} copies")),
        };
        // Context on each side from the width left after the path, so the hit is in view
        // on a narrow terminal too (2 columns a Chinese character).
        let left = width.saturating_sub(2 + display_width(&path) + display_width(&copies));
        let hit_cols = s.text.get(h.range.clone()).map_or(0, display_width);
        let context = (left.saturating_sub(hit_cols) / 4).clamp(2, 24);
        let (win, m) = snippet(&s.text, h.range.clone(), context);
        let text = &s.text[win.clone()];
        let (pre, hit, post) = (&text[..m.start], &text[m.clone()], &text[m.end..]);
        let spans = vec![
            Span::styled("  ", base),
            Span::styled(path.clone(), if selected { base } else { st.dim }),
            Span::styled(visible_text(pre).into_owned(), base),
            Span::styled(visible_text(hit).into_owned(), st.search_current),
            Span::styled(visible_text(post).into_owned(), base),
        ];
        let mut line = fill(spans, width.saturating_sub(display_width(&copies)), base);
        line.spans
            .push(Span::styled(copies, if selected { base } else { st.dim }));
        rows.push((line, Some(i)));
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

/// A 提纲 hit: the headings above it (dim), then the heading as written, the match marked.
fn outline_hit(
    s: &Speech,
    hit: std::ops::Range<usize>,
    selected: bool,
    st: &Styles,
) -> Vec<Span<'static>> {
    let base = if selected { st.selection } else { st.base };
    let Some(hi) = s.heading_at(hit.start) else {
        return Vec::new();
    };
    let h = &s.headings[hi];
    let above = cite::heading_labels(s, h.parent);
    let mut spans = vec![Span::styled("  ", base)];
    if !above.is_empty() {
        let path = format!("{}{}", cite::heading_path(&above), cite::PATH_SEPARATOR);
        spans.push(Span::styled(path, if selected { base } else { st.dim }));
    }
    // The label as the outline shows it (`第三 工作作风…`), the matched words marked in it.
    let label = s.heading_label(hi);
    let in_marker = hit.start < h.text.start;
    let Some(found) = s.text.get(hit) else {
        return Vec::new();
    };
    let at = if in_marker {
        label.find(found)
    } else {
        let skip = s.heading_marker(h).len();
        label
            .get(skip..)
            .and_then(|t| t.find(found))
            .map(|i| i + skip)
    };
    match at {
        Some(i) => {
            let end = i + found.len();
            spans.push(Span::styled(visible_text(&label[..i]).into_owned(), base));
            spans.push(Span::styled(
                visible_text(&label[i..end]).into_owned(),
                st.search_current,
            ));
            spans.push(Span::styled(visible_text(&label[end..]).into_owned(), base));
        }
        None => spans.push(Span::styled(visible_text(&label).into_owned(), base)),
    }
    spans
}

/// A result row: its spans, padded with the row's style to the full width.
fn fill<'a>(mut spans: Vec<Span<'a>>, width: usize, base: ratatui::style::Style) -> Line<'a> {
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), base));
    }
    Line::from(spans)
}
