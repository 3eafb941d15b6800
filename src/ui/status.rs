//! The status bar: speech, heading path, position, 字数 and reading time — or the prompt.

use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::theme::Styles;
use super::{ellipsize, put_line};
use crate::app::{App, Focus, PromptKind};
use crate::text::width::display_width;
use crate::view::cite;

/// No numbering flag is being explained (it would have the status bar's left part).
fn check_free(app: &App) -> bool {
    app.focus != Focus::Outline
        || app
            .speech()
            .is_none_or(|s| !s.checks.iter().any(|c| c.heading == app.outline_sel))
}

pub fn draw(f: &mut Frame, app: &App, st: &Styles, area: Rect) {
    let width = usize::from(area.width);
    if let Some(p) = &app.prompt {
        let label = match p.kind {
            PromptKind::Filter => app.t("筛选标题：", "Filter titles: "),
            PromptKind::NewBookmark(..) => app.t(
                "书签笔记（可留空，Enter 保存，Esc 取消）：",
                "Bookmark note (optional; Enter saves, Esc cancels): ",
            ),
            PromptKind::EditNote(_) => app.t("编辑笔记：", "Edit note: "),
            PromptKind::BookmarkFilter => app.t(
                "筛选书签（#标签 或文字，Enter 确定，Esc 清除）：",
                "Filter bookmarks (#tag or text; Enter keeps, Esc clears): ",
            ),
            PromptKind::Search => app.t("搜索：", "Search: "),
            PromptKind::GoTo => app.t("跳到段（或 50%）：", "Go to paragraph (or 50%): "),
        };
        put_line(
            f,
            area.x,
            area.y,
            &super::prompt_line(&label, &p.edit, area.width, st),
            area.width,
        );
        // Right-aligned: for a search, what the query finds while typing or why it can't
        // run; for a note, why saving it failed (a locked file: the note waits here).
        let info = match p.kind {
            PromptKind::Search => Some(match (&app.search_error, &app.search) {
                (Some(e), _) => (e.clone(), st.error),
                (None, Some(s)) if !p.edit.text.is_empty() => (
                    app.t(
                        &format!(" {} 处 ", s.matches.len()),
                        &format!(" {} matches ", s.matches.len()),
                    ),
                    st.status,
                ),
                _ => (String::new(), st.status),
            }),
            PromptKind::NewBookmark(..) | PromptKind::EditNote(_) => {
                app.prompt_error.clone().map(|m| (m, st.error))
            }
            PromptKind::Filter | PromptKind::GoTo | PromptKind::BookmarkFilter => None,
        };
        if let Some((info, style)) = info {
            let used = display_width(&label) + display_width(&p.edit.text) + 2;
            let info = ellipsize(&info, width.saturating_sub(used));
            let w = display_width(&info);
            if w > 0 {
                let x = area.x + (width - w) as u16;
                put_line(f, x, area.y, &Line::styled(info, style), w as u16);
            }
        }
        let cx = display_width(&label) + display_width(p.edit.before_cursor());
        if cx < width {
            f.set_cursor_position(Position::new(area.x + cx as u16, area.y));
        }
        return;
    }
    let right = match app.open {
        Some(_) => {
            let pct = app.percent();
            let s = app.speech().expect("open speech");
            let (chars, mins) = (s.chars, s.reading_minutes());
            let partial = if s.incomplete.is_some() {
                app.t(" 未完", " partial")
            } else {
                String::new()
            };
            let para = app
                .paragraph_position()
                .map(|(a, b)| app.t(&format!("段 {a}/{b}"), &format!("¶ {a}/{b}")))
                .unwrap_or_default();
            app.t(
                &format!(" {para}  {pct}%  {chars}字  约{mins}分钟{partial} "),
                &format!(" {para}  {pct}%  {chars} chars  ~{mins} min{partial} "),
            )
        }
        None => String::new(),
    };
    // The outline's selected heading with a numbering flag: say what a careful reader noticed.
    let check = app
        .speech()
        .filter(|_| app.focus == Focus::Outline)
        .and_then(|s| {
            let c = s.checks.iter().find(|c| c.heading == app.outline_sel)?;
            Some(app.t(&c.explain(s, false), &c.explain(s, true)))
        });
    let selected = app
        .selected_sentences()
        .filter(|_| app.focus == Focus::Reader);
    let left = if let Some(m) = &app.message {
        m.clone()
    } else if let Some(n) = selected {
        use crate::config::keymap::Action as A;
        let [yank, mark, back] = [A::Yank, A::Bookmark, A::Back].map(|a| app.key(a));
        app.t(
            &format!("选择 {n} 句 — {yank} 复制  {mark} 书签  {back} 取消"),
            &format!("Selecting {n} sentences — {yank} copy  {mark} bookmark  {back} cancel"),
        )
    } else if let Some(c) = check {
        format!("⚠ {c}")
    } else {
        match app.speech() {
            Some(s) => {
                let mut parts = vec![s.display_title().into_owned()];
                parts.extend(cite::heading_labels(s, app.current_heading()));
                cite::heading_path(&parts)
            }
            None => {
                let k = app.key(crate::config::keymap::Action::Help);
                app.t(&format!("按 {k} 查看帮助"), &format!("Press {k} for help"))
            }
        }
    };
    // Until the help has been opened once: the four keys a newcomer needs, where a
    // newcomer starts (the list); while reading, the heading path is what counts.
    let newcomer = !app.help_seen && (app.focus == Focus::List || app.open.is_none());
    let left = if app.message.is_none() && check_free(app) && newcomer {
        use crate::config::keymap::Action as A;
        let [help, quit, search, corpus] =
            [A::Help, A::Quit, A::Search, A::CorpusSearch].map(|a| app.key(a));
        app.t(
            &format!("{help} 帮助  {quit} 退出  {search} 搜索  {corpus} 全库搜索"),
            &format!("{help} help  {quit} quit  {search} search  {corpus} search all"),
        )
    } else {
        left
    };
    let mut right = right;
    // A count being typed (`30` of `30G`), as vim shows it.
    if let Some(n) = app.count {
        right = format!(" {n}{right}");
    }
    let skipped = app.skipped_count();
    if skipped > 0 {
        let k = app.key(crate::config::keymap::Action::SkippedFiles);
        right = app.t(
            &format!(" {skipped} 个文件跳过({k}){right}"),
            &format!(" {skipped} skipped ({k}){right}"),
        );
    }
    if app.loading() {
        right = app.t(&format!(" 载入中…{right}"), &format!(" loading…{right}"));
    }
    let right_w = display_width(&right).min(width);
    let left_w = width - right_w;
    let left_style = if app.message.is_some() {
        st.status_accent
    } else {
        st.status
    };
    let line = Line::from(vec![
        Span::styled(
            super::pad_to(&ellipsize(&format!(" {left}"), left_w), left_w),
            left_style,
        ),
        Span::styled(ellipsize(&right, right_w), st.status),
    ]);
    put_line(f, area.x, area.y, &line, area.width);
}
