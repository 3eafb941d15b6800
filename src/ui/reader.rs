//! The reading pane: the open speech's display lines for the visible rows only, styled by
//! paragraph kind, with heading markers and search/passage highlights laid over the text.

use std::ops::Range;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;
use unicode_segmentation::GraphemeCursor;

use super::theme::Styles;
use super::{framed, put_line};
use crate::app::{App, Mark};
use crate::corpus::{ParaKind, Speech};
use crate::text::width::{line_width, visible_part, visible_text};
use crate::view::BlockKind;

fn mark_style(m: Mark, st: &Styles) -> Style {
    match m {
        Mark::HeadingText(d) => st.headings[usize::from(d.clamp(1, 4)) - 1],
        Mark::PointText => st.point_text,
        Mark::Marker => st.marker,
        Mark::PointMarker => st.point_marker,
        Mark::Bookmark => st.bookmark,
        Mark::Passage => st.passage,
        Mark::Selection => st.selection_text,
        Mark::Search => st.search,
        Mark::SearchCurrent => st.search_current,
        Mark::Emphasis => st.emphasis,
    }
}

/// Heading marks overlapping the byte window.
pub fn heading_marks(s: &Speech, window: Range<usize>) -> Vec<(Range<usize>, Mark)> {
    let mut out = Vec::new();
    let first = s.heading_at(window.start).unwrap_or(0);
    for h in s.headings.iter().skip(first) {
        if h.marker.start >= window.end {
            break;
        }
        if h.is_point() {
            out.push((h.marker.clone(), Mark::PointMarker));
            out.push((h.text.clone(), Mark::PointText));
        } else {
            out.push((h.marker.clone(), Mark::Marker));
            out.push((h.text.clone(), Mark::HeadingText(h.depth)));
        }
    }
    // Markdown `**emphasis**` (the `**` are not in the text).
    let from = s.emphasis.partition_point(|r| r.end <= window.start);
    for r in s.emphasis[from..]
        .iter()
        .take_while(|r| r.start < window.end)
    {
        out.push((r.clone(), Mark::Emphasis));
    }
    out
}

/// Splits `text` (at absolute byte `start`) into spans where marks begin and end.
fn styled_spans(
    text: &str,
    start: usize,
    base: Style,
    marks: &[(Range<usize>, Mark)],
    st: &Styles,
) -> Vec<Span<'static>> {
    let end = start + text.len();
    let mut cuts = vec![start, end];
    // Cuts fall only between grapheme clusters: a span starting with a combining mark holds a
    // zero-width cluster of its own, which the buffer drops (an accent right after a heading
    // marker vanished).
    let boundary =
        |i: usize| GraphemeCursor::new(i, text.len(), true).is_boundary(text, 0) == Ok(true);
    for (r, _) in marks {
        for b in [r.start, r.end] {
            if b > start && b < end && text.is_char_boundary(b - start) && boundary(b - start) {
                cuts.push(b);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let mut style = base;
            let mut applied: Vec<Mark> = marks
                .iter()
                .filter(|(r, _)| r.start <= w[0] && w[1] <= r.end && r.start < r.end)
                .map(|(_, m)| *m)
                .collect();
            applied.sort();
            for m in applied {
                style = style.patch(mark_style(m, st));
            }
            Span::styled(
                visible_text(&text[w[0] - start..w[1] - start]).into_owned(),
                style,
            )
        })
        .collect()
}

pub fn draw(f: &mut Frame, app: &App, st: &Styles, area: Rect, focused: bool) {
    let title = match app.speech() {
        Some(s) => format!("{} · {}", app.t("正文", "Text"), s.display_title()),
        None => app.t("正文", "Text"),
    };
    let inner = framed(f, area, &title, focused, st);
    if app.speech().is_some_and(|s| !s.loaded) {
        let msg = app.t("正在载入全文…", "Loading the text…");
        return super::placeholder(f, inner, &msg, st);
    }
    let Some(lay) = app.layout() else {
        let k = app.key(crate::config::keymap::Action::Open);
        let msg = app.empty_corpus().unwrap_or_else(|| {
            app.t(
                &format!("在左侧选择一篇讲话，按 {k} 打开"),
                &format!("Pick a speech on the left and press {k}"),
            )
        });
        return super::placeholder(f, inner, &msg, st);
    };
    let top = app.top_line();
    let (left, text_w) = app.text_columns(inner.width);
    let rows = usize::from(inner.height);
    let lines = top..(top + rows).min(lay.len());
    let margin = app.margin_marks(lines.clone());
    let window = app.visible_window().unwrap_or(0..0);
    let Some(speech) = app.speech() else { return };
    let mut marks = heading_marks(speech, window.clone());
    marks.extend(app.extra_marks(window));
    for (row, l) in lines.enumerate() {
        let y = inner.y + row as u16;
        let Some(b) = lay.block_of_line(l) else {
            continue;
        };
        if lay.doc.lines[l].is_blank() {
            continue;
        }
        let raw = visible_part(lay.line_text(speech, l));
        let para = &speech.paragraphs[b.para];
        let base = match (b.style, &b.kind) {
            (_, BlockKind::Gap(_) | BlockKind::Folded) => st.gap,
            (ParaKind::Title, _) => st.title,
            (ParaKind::Subtitle, _) => st.subtitle,
            (ParaKind::Meta, _) => st.meta,
            (
                ParaKind::FrontMatter | ParaKind::Chrome | ParaKind::Toc | ParaKind::BackMatter,
                _,
            ) => st.dim,
            // Markdown: a heading without a number still reads as a heading, a `>` as a quote.
            _ if para.level > 0 => st.headings[usize::from(para.level.clamp(2, 5)) - 2],
            _ if para.quote => st.quote,
            _ => st.base,
        };
        let pad = if b.centered {
            (usize::from(text_w).saturating_sub(line_width(raw))) / 2
        } else {
            usize::from(lay.indent_of_line(l))
        };
        let spans = match lay.line_range(l) {
            Some(r) => styled_spans(raw, r.start, base, &marks, st),
            None => vec![Span::styled(visible_text(raw).into_owned(), base)],
        };
        let x = inner.x + left;
        let mut line = Line::from(vec![Span::raw(" ".repeat(pad))]);
        line.spans.extend(spans);
        put_line(f, x, y, &line, inner.width.saturating_sub(left));
        if let Some(m) = margin.get(row).copied().flatten() {
            put_line(f, inner.x, y, &Line::styled(m, st.bookmark), 1);
        }
    }
}
