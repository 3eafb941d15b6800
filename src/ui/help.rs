//! Overlays: the help screen generated from the live keymap, and the list of skipped files.

use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{centered, ellipsize, framed, pad_to, put_line};
use crate::app::{App, Overlay};
use crate::text::width::display_width;

pub fn draw(f: &mut Frame, app: &App, st: &Styles, which: Overlay) {
    let area = f.area();
    let rect = centered(
        area,
        crate::app::OVERLAY_WIDTH,
        area.height.saturating_sub(2).max(3),
    );
    f.render_widget(Clear, rect);
    use crate::config::keymap::Action as A;
    let [help, back, down, up, lang] =
        [A::Help, A::Back, A::Down, A::Up, A::ToggleLanguage].map(|a| app.key(a));
    let title = match which {
        Overlay::Help => app.t(
            &format!("帮助 — {help} 或 {back} 关闭，{down}/{up} 滚动，{lang} English"),
            &format!("Help — {help} or {back} to close, {down}/{up} to scroll, {lang} 中文"),
        ),
        _ => app.t(
            &format!("未能读取的文件 — {back} 关闭"),
            &format!("Files skipped — {back} to close"),
        ),
    };
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    let skip = usize::from(app.overlay_scroll);
    match which {
        Overlay::Help => {
            let entries = app.help_lines();
            // Two columns when there is room, split at a group boundary near the middle.
            let [left, right] = App::help_columns(&entries, width);
            let two = !right.is_empty();
            let col_w = if two { (width - 2) / 2 } else { width };
            let cols = [&entries[left], &entries[right]];
            for (ci, col) in cols.iter().enumerate() {
                let x = inner.x + (ci * (col_w + 2)) as u16;
                let key_w = col
                    .iter()
                    .filter(|e| !e.2)
                    .map(|e| display_width(&e.0))
                    .max()
                    .unwrap_or(0)
                    .min(col_w / 2);
                for (row, (a, b, header)) in col
                    .iter()
                    .skip(skip)
                    .take(usize::from(inner.height))
                    .enumerate()
                {
                    let line = if *header {
                        Line::styled(ellipsize(a, col_w), st.title)
                    } else {
                        Line::from(vec![
                            Span::styled(
                                pad_to(&ellipsize(&format!("  {a}"), key_w + 2), key_w + 4),
                                st.marker,
                            ),
                            Span::raw(ellipsize(b, col_w.saturating_sub(key_w + 4))),
                        ])
                    };
                    put_line(f, x, inner.y + row as u16, &line, col_w as u16);
                }
            }
        }
        _ => {
            let lines: Vec<Line> = if app.corpus.skipped.is_empty() {
                vec![Line::styled(
                    app.t("没有跳过任何文件。", "No file was skipped."),
                    st.dim,
                )]
            } else {
                app.corpus
                    .skipped
                    .iter()
                    .map(|s| {
                        Line::raw(ellipsize(
                            &format!("{}: {}", s.path.display(), app.skipped_reason(&s.reason)),
                            width,
                        ))
                    })
                    .collect()
            };
            for (row, line) in lines
                .iter()
                .skip(skip)
                .take(usize::from(inner.height))
                .enumerate()
            {
                put_line(f, inner.x, inner.y + row as u16, line, inner.width);
            }
        }
    }
}
