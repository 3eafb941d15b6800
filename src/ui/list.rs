//! The speech list pane: title, 字数, the incomplete flag and the duplicate badge, one row
//! per speech, a duplicate group's copies (when expanded) indented under its entry, each by
//! its file name (and encoding, when not its entry's).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::theme::Styles;
use super::{ellipsize, framed, pad_to, put_line};
use crate::app::App;
use crate::text::width::display_width;
use crate::text::width::ellipsize_left;

pub fn draw(f: &mut Frame, app: &App, st: &Styles, area: Rect, focused: bool) {
    // Entries, a duplicate group counted once; the files too when copies make them more.
    let total = app.corpus_entries();
    let files = app.corpus.speeches.len();
    let mut title = app.t("讲话", "Speeches");
    if app.filter.is_empty() {
        title.push_str(&format!(" {total}"));
    } else {
        title.push_str(&format!(" {}/{total} 「{}」", app.list_entries, app.filter));
    }
    if files != total {
        title.push_str(&app.t(&format!("（{files} 份文件）"), &format!(" ({files} files)")));
    }
    // The order when it is not the files' own.
    match app.sort {
        crate::app::SortBy::Name => {}
        crate::app::SortBy::Title => title.push_str(&app.t(" · 按标题拼音", " · by title")),
        crate::app::SortBy::Size => title.push_str(&app.t(" · 按字数", " · by length")),
    }
    let inner = framed(f, area, &title, focused, st);
    let width = usize::from(inner.width);
    if app.visible.is_empty() {
        let msg = app
            .empty_corpus()
            .unwrap_or_else(|| app.t("没有匹配的讲话", "No matching speech"));
        return super::placeholder(f, inner, &msg, st);
    }
    let partial = app.t("未完", "part");
    // The same folder column on every row: as wide as the widest folder, up to a quarter.
    let folder_room = usize::from(app.list_folder_width).min((width / 4).max(8)) + 1;
    for (row, &si) in app
        .visible
        .iter()
        .enumerate()
        .skip(app.list_top)
        .take(usize::from(inner.height))
    {
        let s = &app.corpus.speeches[si];
        let y = inner.y + (row - app.list_top) as u16;
        // Title-only stubs (and big files' openings) have no 字数 yet while the corpus loads.
        let mut right = if s.whole() {
            format!(" {}", s.chars)
        } else {
            " …".to_string()
        };
        if s.incomplete.is_some() {
            right = format!(" {partial}{right}");
        }
        let copy = app.visible_copy.get(row).copied().unwrap_or(false);
        // A group's entry: the speech is in the corpus this many times (`tigang list
        // --duplicates`); its copies, when expanded, are the rows beneath it.
        if let Some(g) = app.corpus.duplicate_group(si).filter(|_| !copy) {
            right = app.t(
                &format!(" 重复 {}{right}", g.len()),
                &format!(" dup {}{right}", g.len()),
            );
        }
        // A copy tells itself apart by its file (and encoding): its title is its entry's.
        let tag = app.copy_tag(row);
        if let Some(e) = tag.as_ref().and_then(|t| t.encoding) {
            right = format!(" {e}{right}");
        }
        let open = if app.row_holds_open(row) { "▸" } else { " " };
        // A folder column whenever there is room beside a readable title: with thousands
        // of speeches in dated folders, where a speech lives is half of how it is found.
        // It shows the part of the path that tells folders apart, cut from the left.
        let folder = Some(app.list_folder(s))
            .filter(|d| !d.is_empty())
            .filter(|_| width >= folder_room + 22);
        let folder_w = folder.map_or(0, |_| folder_room);
        let folder_text = folder.map(|d| pad_to(&ellipsize_left(d, folder_w - 1), folder_w));
        let title_w = width.saturating_sub(display_width(&right) + 1 + folder_w);
        let shown = match &tag {
            Some(t) => format!("└ {}", t.file),
            None if copy => format!("└ {}", s.display_title()),
            None => s.display_title().into_owned(),
        };
        let title = pad_to(&ellipsize(&shown, title_w), title_w);
        let selected = row == app.list_sel;
        let style = match (selected, focused) {
            (true, true) => st.selection,
            (true, false) => st.selection_unfocused,
            _ => st.base,
        };
        let line = if width < 8 {
            Line::from(Span::styled(ellipsize(&s.display_title(), width), style))
        } else {
            let mut spans = vec![Span::styled(open, style.patch(st.current))];
            if let Some(f) = folder_text {
                spans.push(Span::styled(f, if selected { style } else { st.dim }));
            }
            spans.push(Span::styled(title, style));
            spans.push(Span::styled(right, if selected { style } else { st.dim }));
            Line::from(spans)
        };
        put_line(f, inner.x, y, &line, inner.width);
    }
}
