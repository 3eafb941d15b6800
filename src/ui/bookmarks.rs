//! The bookmarks overlay: bookmarks grouped by speech — excerpt, heading path, note, date —
//! with the file's error shown at the top when it could not be read.

use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use ratatui::Frame;

use super::theme::Styles;
use super::{centered, ellipsize, framed, pad_to};
use crate::app::{Anchoring, App};
use crate::view::cite;

pub fn draw(f: &mut Frame, app: &App, st: &Styles) {
    let area = f.area();
    let rect = centered(area, 110, area.height.saturating_sub(2).max(3));
    f.render_widget(Clear, rect);
    let n = app.resolved.len();
    use crate::config::keymap::Action as A;
    let [open, delete, undo, edit, filter, back] = [
        A::Open,
        A::Delete,
        A::Undo,
        A::EditNote,
        A::FilterBookmarks,
        A::Back,
    ]
    .map(|a| app.key(a));
    let title = if app.bm_filter.is_empty() {
        app.t(
            &format!("书签 {n} — {open} 跳转  {delete} 删除  {undo} 撤销  {edit} 编辑笔记  {filter} 筛选  {back} 关闭"),
            &format!("Bookmarks {n} — {open} jump  {delete} delete  {undo} undo  {edit} edit note  {filter} filter  {back} close"),
        )
    } else {
        let (shown, f) = (app.bm_rows.len(), &app.bm_filter);
        app.t(
            &format!("书签 {shown}/{n} 筛选「{f}」 — {open} 跳转  {delete} 删除  {edit} 编辑笔记  {filter} 改筛选  {back} 清除筛选"),
            &format!("Bookmarks {shown}/{n} filter “{f}” — {open} jump  {delete} delete  {edit} edit note  {filter} change  {back} clear filter"),
        )
    };
    let inner = framed(f, rect, &title, true, st);
    let width = usize::from(inner.width);
    let mut rows: Vec<(Line, Option<usize>)> = Vec::new();
    if let Some(store) = &app.store {
        if let Some(e) = store.error() {
            rows.push((
                Line::styled(ellipsize(&e.to_string(), width), st.error),
                None,
            ));
        }
    } else {
        let msg = app.t(
            "没有配置目录，书签不可用",
            "No config folder: bookmarks are unavailable",
        );
        rows.push((Line::styled(ellipsize(&msg, width), st.error), None));
    }
    let unreadable = app.store.as_ref().is_some_and(|s| s.error().is_some());
    if unreadable {
        let msg = app.t(
            "书签文件无法读取（原因见上），所以这里不列书签；文件修好后重新打开 tigang。",
            "The bookmarks file cannot be read (see above), so none are listed; fix it and restart tigang.",
        );
        rows.push((Line::styled(ellipsize(&msg, width), st.dim), None));
    } else if n == 0 {
        let [prev, next, visual, mark] =
            [A::PrevSentence, A::NextSentence, A::Visual, A::Bookmark].map(|a| app.key(a));
        let msg = app.t(
            &format!("还没有书签。在正文中用 {prev} {next} 选句，{visual} 多选，{mark} 加书签。"),
            &format!("No bookmarks yet. In the text, pick a sentence with {prev} {next}, {visual} to extend, {mark} to bookmark."),
        );
        rows.push((Line::styled(ellipsize(&msg, width), st.dim), None));
    } else if app.bm_rows.is_empty() {
        let back = app.key(A::Back);
        let msg = app.t(
            &format!("没有符合筛选的书签（{back} 清除筛选）。"),
            &format!("No bookmark matches the filter ({back} clears it)."),
        );
        rows.push((Line::styled(ellipsize(&msg, width), st.dim), None));
    }
    let list = app.store.as_ref().map(|s| s.list()).unwrap_or_default();
    let mut last_speech: Option<&str> = None;
    let shown = &app.bm_rows;
    for (i, (r, b)) in shown
        .iter()
        .filter_map(|&k| Some((app.resolved.get(k)?, list.get(k)?)))
        .enumerate()
    {
        if last_speech != Some(b.speech_id.as_str()) {
            if last_speech.is_some() {
                rows.push((Line::raw(""), None));
            }
            let count = shown
                .iter()
                .filter(|&&k| list.get(k).is_some_and(|x| x.speech_id == b.speech_id))
                .count();
            let head = format!("《{}》 {count}", b.speech_title);
            rows.push((Line::styled(ellipsize(&head, width), st.title), None));
            last_speech = Some(&b.speech_id);
        }
        let selected = i == app.bm_sel;
        let style = if selected { st.selection } else { st.base };
        let tag = match r.anchoring {
            Anchoring::Exact => String::new(),
            Anchoring::Moved => app.t("〔已重新定位〕", "[re-anchored] "),
            Anchoring::Orphaned => app.t("〔原文已变动〕", "[text changed] "),
            Anchoring::NotInCorpus => app.t("〔不在当前文库〕", "[not in corpus] "),
            Anchoring::Pending => app.t("〔载入中〕", "[loading] "),
        };
        let excerpt = format!("  {tag}{}", b.excerpt.replace('\n', " "));
        rows.push((
            Line::from(Span::styled(
                pad_to(&ellipsize(&excerpt, width), width),
                style,
            )),
            Some(i),
        ));
        let mut meta = format!("    {}", cite::heading_path(&b.heading_path));
        if !b.note.is_empty() {
            meta.push_str(&format!("  ✎ {}", b.note));
        }
        meta.push_str(&format!("  {}", b.created.get(..10).unwrap_or(&b.created)));
        rows.push((Line::styled(ellipsize(&meta, width), st.dim), Some(i)));
    }
    super::selection_centred(f, &rows, app.bm_sel, inner);
}
