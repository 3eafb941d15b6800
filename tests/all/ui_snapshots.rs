//! Whole-screen snapshots of the reader on the built-in corpus (ratatui's TestBackend),
//! drawn without colour so the snapshot is the text a person sees.

use crate::common::screen;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use tigang::app::App;
use tigang::config::keymap::Action;
use tigang::config::Config;
use tigang::ui::{self, theme::Styles};

/// A reader that has seen its help: the first-start hint has a test of its own.
fn app(w: u16, h: u16) -> App {
    let mut a = App::new(tigang::corpus::builtin(), &Config::default());
    a.help_seen = true;
    a.resize(w, h);
    a
}

#[test]
fn start_screen_120x40() {
    let a = app(120, 40);
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn outline_jump_120x40() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    for _ in 0..6 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    let s = screen(&a, 120, 40);
    assert!(
        s.lines().nth(1).unwrap().contains("二、坚持从严从实"),
        "{s}"
    );
    insta::assert_snapshot!(s);
}

#[test]
fn reading_60x20() {
    let mut a = app(60, 20);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::PageDown);
    insta::assert_snapshot!(screen(&a, 60, 20));
}

#[test]
fn outline_focused_60x20() {
    let mut a = app(60, 20);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    insta::assert_snapshot!(screen(&a, 60, 20));
}

#[test]
fn help_overlay_lists_live_keys() {
    let mut a = app(120, 60);
    a.update(Action::Help);
    let s = screen(&a, 120, 60);
    assert!(s.contains("下一个标题"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn tiny_terminals_do_not_panic() {
    let width = |l: &str| unicode_width::UnicodeWidthStr::width(l);
    for (w, h) in [(1, 1), (2, 1), (10, 3), (19, 5), (20, 6), (25, 8)] {
        let mut a = app(w, h);
        let s = screen(&a, w, h);
        assert_eq!(s.lines().count(), usize::from(h));
        a.update(Action::Open);
        a.update(Action::Help);
        let s = screen(&a, w, h);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), usize::from(h), "{w}x{h}:\n{s}");
        assert!(
            lines.iter().all(|l| width(l) <= usize::from(w)),
            "{w}x{h}:\n{s}"
        );
        let too_small = w < tigang::app::MIN_WIDTH || h < tigang::app::MIN_HEIGHT;
        if too_small {
            // The message, as much as fits, alone on the first line.
            let first = lines[0];
            assert!(
                "终端太小".starts_with(first.trim_end_matches('…')),
                "{w}x{h}: {first:?}"
            );
            assert!(w < 2 || !first.is_empty(), "{w}x{h}: nothing drawn");
            assert!(lines[1..].iter().all(|l| l.is_empty()), "{w}x{h}:\n{s}");
        } else {
            // Panes and the help overlay, drawn: not the message, and not blank.
            assert!(!s.contains("终端太小"), "{w}x{h}:\n{s}");
            let drawn = lines.iter().filter(|l| !l.trim().is_empty()).count();
            assert_eq!(drawn, usize::from(h), "{w}x{h}: blank rows\n{s}");
        }
    }
    let a = app(10, 3);
    assert!(screen(&a, 10, 3).starts_with("终端太小"));
}

#[test]
fn english_labels() {
    let mut a = app(120, 10);
    // The switch is in the help.
    a.update(Action::Help);
    a.update(Action::ToggleLanguage);
    a.update(Action::Help);
    let s = screen(&a, 120, 10);
    assert!(
        s.contains("Speeches 5") && s.contains("Outline") && s.contains("Text"),
        "{s}"
    );
}

#[test]
fn help_follows_remapped_keys() {
    let cfg = tigang::config::parse(
        "[keys]\nnext_heading = \"J\"\nquit = [\"x\", \"Ctrl-q\"]\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let mut a = App::new(tigang::corpus::builtin(), &cfg);
    a.resize(120, 60);
    a.update(Action::Help);
    let s = screen(&a, 120, 60);
    let line = s.lines().find(|l| l.contains("下一个标题")).unwrap();
    assert!(line.contains(" J "), "{line}");
    let quit = s.lines().find(|l| l.contains("退出")).unwrap();
    assert!(quit.contains("x Ctrl-q"), "{quit}");
    // And the keys do what the help says.
    a.update(Action::Back);
    let j = tigang::config::keys::KeyEvent::new(
        tigang::config::keys::KeyCode::Char('J'),
        tigang::config::keys::KeyModifiers::SHIFT,
    );
    a.update(Action::FocusReader);
    let before = a.current_heading();
    a.handle_key(j);
    assert_ne!(a.current_heading(), before);
    a.handle_key(tigang::config::keys::KeyEvent::new(
        tigang::config::keys::KeyCode::Char('x'),
        tigang::config::keys::KeyModifiers::NONE,
    ));
    assert!(a.quit);
}

fn corpus_of(speeches: Vec<tigang::corpus::Speech>) -> tigang::corpus::Corpus {
    tigang::corpus::Corpus {
        speeches,
        ..Default::default()
    }
}

/// The drawn screen with its styles.
fn buffer(app: &mut App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let styles = Styles::new(&Config::default().theme, true);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(f, app, &styles)).unwrap();
    term.backend().buffer().clone()
}

/// The modifiers of the cell where `needle` starts on the screen.
fn modifiers_at(buf: &ratatui::buffer::Buffer, needle: &str) -> ratatui::style::Modifier {
    for y in 0..buf.area.height {
        // The row's text, and the column each byte offset of it starts at.
        let mut row = String::new();
        let mut xs = Vec::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            xs.push((row.len(), x));
            row.push_str(sym);
        }
        if let Some(at) = row.find(needle) {
            let x = xs.iter().find(|(b, _)| *b == at).map(|(_, x)| *x).unwrap();
            return buf[(x, y)].modifier;
        }
    }
    panic!("{needle:?} not on screen");
}

#[test]
fn seed_003_outline_shows_its_gap_and_the_contents_headings_it_lost() {
    // Seed 003 lost 877 characters to the site: the pane shows where, and the table of
    // contents' headings that fell into the gap, marked and not jumpable.
    let mut a = app(120, 40);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    let s = screen(&a, 120, 40);
    let rows: Vec<&str> = s.lines().collect();
    let at = |t: &str| {
        rows.iter()
            .position(|l| l.contains(t))
            .unwrap_or_else(|| panic!("{t} missing:\n{s}"))
    };
    let gap = at("〔此处省略 877 字〕");
    let lost = at("二、厚植为民之心");
    assert!(rows[lost].contains("〔目录〕"), "{s}");
    assert!(
        at("一是 以学立身") < gap && gap < lost && lost < at("二是 用真心化解"),
        "{s}"
    );
    // The gap and contents rows are not selectable: moving down goes heading to heading.
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.outline_sel, 2);
    insta::assert_snapshot!(s);
}

#[test]
fn markdown_speech_is_styled_not_raw() {
    let md = "# 为什么要学习？\n\n## 背景\n\n> 学习是立身之本。\n\n正文里有**重点内容**，也有一般内容。\n\n## 一、总体要求\n\n### （一）指导思想\n\n正文。\n";
    let mut sp = tigang::corpus::Speech::parse("md", md);
    sp.path = Some("学习.md".into());
    let mut a = App::new(corpus_of(vec![sp]), &Config::default());
    a.help_seen = true;
    a.resize(100, 24);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    let s = screen(&a, 100, 24);
    for raw in ["##", "**", "> "] {
        assert!(!s.contains(raw), "raw {raw:?} on screen:\n{s}");
    }
    let buf = buffer(&mut a, 100, 24);
    use ratatui::style::Modifier;
    assert!(
        modifiers_at(&buf, "学习是立身之本").contains(Modifier::ITALIC),
        "{s}"
    );
    assert!(
        modifiers_at(&buf, "重点内容").contains(Modifier::BOLD),
        "{s}"
    );
    assert!(
        !modifiers_at(&buf, "也有一般内容").contains(Modifier::BOLD),
        "{s}"
    );
    // `## 背景` is a heading in the text and in the outline, without its `#`s.
    assert!(s.lines().filter(|l| l.contains("背景")).count() >= 2, "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn repeated_body_is_folded_after_the_first_copy() {
    let one = "在会上的讲话\n\n同志们：\n一、第一部分的内容要足够长才能当作锚点来用\n正文一。\n二、第二部分\n正文二。\n";
    let sp = tigang::corpus::Speech::parse("rep", &one.repeat(6));
    let mut a = App::new(corpus_of(vec![sp]), &Config::default());
    a.help_seen = true;
    a.resize(100, 30);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    let s = screen(&a, 100, 30);
    assert!(s.contains("〔以下为全文的 5 份重复，已折叠〕"), "{s}");
    assert_eq!(s.matches("正文二。").count(), 1, "{s}");
    // Outlined once.
    assert!(s.contains("提纲 2"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn key_hints_on_screen_follow_the_live_keymap() {
    let key = |s: &str| tigang::config::keymap::parse_key(s).unwrap();
    let mut a = app(120, 20);
    a.keymap.bind(Action::Open, &[key("Ctrl-j")]);
    a.keymap.bind(Action::Delete, &[key("x")]);
    a.keymap.bind(Action::Back, &[key("Ctrl-g")]);
    a.keymap.bind(Action::Help, &[key("F1")]);
    a.keymap.bind(Action::Visual, &[key("V")]);
    a.update(Action::Bookmarks);
    let s = screen(&a, 120, 20);
    assert!(s.contains("Ctrl-j 跳转  x 删除"), "{s}");
    assert!(s.contains("Ctrl-g 关闭"), "{s}");
    assert!(s.contains("V 多选"), "{s}");
    a.update(Action::Back);
    a.update(Action::Help);
    let s = screen(&a, 120, 20);
    assert!(s.contains("F1 或 Ctrl-g 关闭"), "{s}");
    a.update(Action::Back);
    a.update(Action::FocusReader);
    a.update(Action::Visual);
    let s = screen(&a, 120, 20);
    assert!(s.contains("V/Ctrl-g 取消"), "{s}");
    // An unbound key says so instead of naming a key that does nothing.
    a.keymap.bind(Action::Search, &[]);
    a.update(Action::Back);
    a.update(Action::SearchNext);
    let s = screen(&a, 120, 20);
    assert!(s.contains("按 （未绑定） 搜索"), "{s}");
}

#[test]
fn a_first_start_hint_until_the_help_is_opened_and_the_help_ends_where_it_ends() {
    let mut a = app(100, 30);
    a.help_seen = false;
    let s = screen(&a, 100, 30);
    let status = s.lines().last().unwrap();
    assert!(status.contains("? 帮助  q 退出  / 搜索  F 全库搜索"), "{s}");
    a.update(Action::Help);
    assert!(a.help_seen);
    // Scrolled as far as it goes, the last row is the last line shown, never past it.
    for _ in 0..200 {
        a.update(Action::Down);
    }
    let s = screen(&a, 100, 30);
    let rows: Vec<&str> = s.lines().collect();
    assert!(
        !rows[rows.len() - 3].trim_matches(['┃', ' ']).is_empty(),
        "{s}"
    );
    assert!(
        s.contains("阅读位置") && s.contains("re:") && s.contains("段 x/y"),
        "{s}"
    );
    insta::assert_snapshot!(s);
    a.update(Action::Bottom);
    assert_eq!(screen(&a, 100, 30), s);
    a.update(Action::Help);
    let s = screen(&a, 100, 30);
    assert!(!s.lines().last().unwrap().contains("全库搜索"), "{s}");
}

#[test]
fn the_status_bar_shows_a_selection_as_a_mode() {
    let mut a = app(120, 30);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Visual);
    a.update(Action::NextSentence);
    a.update(Action::NextSentence);
    // The first key after `v` clears its message; the mode stays.
    a.update(Action::Down);
    let s = screen(&a, 120, 30);
    assert!(s.lines().last().unwrap().contains("选择 4 句"), "{s}");
}

#[test]
fn an_empty_corpus_skipped_reasons_and_an_unreadable_bookmarks_file_say_so_in_chinese() {
    let mut a = App::new(corpus_of(Vec::new()), &Config::default());
    a.help_seen = true;
    a.resize(100, 20);
    let s = screen(&a, 100, 20);
    assert!(
        s.contains("文库里没有讲话") && !s.contains("没有匹配"),
        "{s}"
    );

    let mut c = corpus_of(Vec::new());
    c.skipped.push(tigang::corpus::load::Skipped {
        path: "空.txt".into(),
        reason: "file is empty".into(),
    });
    let mut a = App::new(c, &Config::default());
    a.resize(100, 20);
    let s = screen(&a, 100, 20);
    assert!(s.contains("1 个文件都未能读取"), "{s}");
    a.update(Action::SkippedFiles);
    let s = screen(&a, 100, 20);
    assert!(s.contains("空.txt: 文件是空的"), "{s}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.toml");
    std::fs::write(&path, "version = 1\n[[bookmark]\n").unwrap();
    let mut a = app(110, 20);
    a.attach_storage(
        Some(tigang::store::bookmarks::BookmarkStore::load(&path)),
        None,
    );
    let s = screen(&a, 110, 20);
    assert!(s.contains("书签只读："), "{s}");
    a.update(Action::Bookmarks);
    let s = screen(&a, 110, 20);
    assert!(
        s.contains("所以这里不列书签") && !s.contains("还没有书签"),
        "{s}"
    );
}

#[test]
fn the_list_uses_the_width_it_has_and_its_folder_column_shows_what_differs() {
    // 200 columns: the list grows into what the text column cannot use; titles are whole.
    let mut a = app(200, 30);
    let s = screen(&a, 200, 30);
    let list_w = a.panes().list.unwrap().width;
    assert!(list_w > 30, "{list_w}");
    let row = s.lines().find(|l| l.contains("主题教育")).unwrap();
    assert!(row.contains("在全市第二批主题教育培训会上的讲话"), "{row}");
    // The sort order shows in the list's title.
    a.update(Action::Sort);
    let s = screen(&a, 200, 30);
    assert!(s.lines().next().unwrap().contains("按标题拼音"), "{s}");

    let speech = |id: &str, title: &str| {
        let mut sp = tigang::corpus::Speech::parse(id, &format!("{title}\n\n正文。\n"));
        sp.id = id.to_string();
        sp
    };
    let mut a = App::new(
        corpus_of(vec![
            speech("讲话汇编/年代/2010s/a.txt", "在会议上的讲话"),
            speech("讲话汇编/年代/2020s/b.txt", "在大会上的讲话"),
        ]),
        &Config::default(),
    );
    a.help_seen = true;
    a.resize(120, 12);
    let s = screen(&a, 120, 12);
    let row = s.lines().skip(1).find(|l| l.contains("在会议上")).unwrap();
    assert!(row.contains("2010s") && !row.contains("讲话汇编"), "{s}");
}

#[test]
fn speeches_of_one_title_in_two_folders_are_told_apart_in_the_corpus_outline_and_search() {
    let speech = |id: &str| {
        let mut sp = tigang::corpus::Speech::parse(
            id,
            "政府工作报告\n\n一、过去一年的工作\n正文。\n二、今年的任务\n正文。\n",
        );
        sp.id = id.to_string();
        sp
    };
    let two = || {
        let mut a = App::new(
            corpus_of(vec![speech("报告/2013/a.txt"), speech("报告/2014/a.txt")]),
            &Config::default(),
        );
        a.help_seen = true;
        a.resize(120, 30);
        a
    };
    let mut a = two();
    a.update(Action::CorpusOutline);
    let s = screen(&a, 120, 30);
    assert!(s.contains("《政府工作报告》 · 2013 2 条"), "{s}");
    assert!(s.contains("《政府工作报告》 · 2014 2 条"), "{s}");
    let mut a = two();
    a.update(Action::CorpusSearch);
    a.paste("今年");
    a.wait_search();
    let s = screen(&a, 120, 30);
    assert!(s.contains("《政府工作报告》 · 2013 1 处"), "{s}");
    assert!(s.contains("《政府工作报告》 · 2014 1 处"), "{s}");
}

#[test]
fn after_a_shrink_and_grow_the_first_rows_are_back() {
    let mut a = app(120, 40);
    a.update(Action::Bottom);
    a.resize(120, 7);
    let top = screen(&a, 120, 7);
    let first = |s: &str| s.lines().nth(1).unwrap().starts_with("┃▸在“抓");
    assert!(!first(&top), "shrunk: the first row scrolled off\n{top}");
    a.resize(120, 40);
    let s = screen(&a, 120, 40);
    assert!(first(&s), "{s}");
}

#[test]
fn the_bookmarks_overlay_shows_its_filter_and_only_the_rows_it_lets_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.toml");
    let file = r##"version = 1

[[bookmark]]
id = "a"
speech_id = "001_e06c157ea6db8405"
speech_title = "讲话甲"
start = 0
end = 4
excerpt = "打铁必须自身硬"
note = "开头 #作风 #金句"

[[bookmark]]
id = "b"
speech_id = "001_e06c157ea6db8405"
speech_title = "讲话甲"
start = 10
end = 14
excerpt = "调查研究是谋事之基"
note = "#调研"
"##;
    std::fs::write(&path, file).unwrap();
    let mut a = app(120, 30);
    a.attach_storage(
        Some(tigang::store::bookmarks::BookmarkStore::load(&path)),
        None,
    );
    a.update(Action::Bookmarks);
    let s = screen(&a, 120, 30);
    assert!(s.contains("书签 2 —") && s.contains("f 筛选"), "{s}");
    assert!(s.contains("《讲话甲》 2"), "{s}");
    a.update(Action::FilterBookmarks);
    for c in "#金句".chars() {
        a.handle_key(tigang::config::keys::KeyEvent::new(
            tigang::config::keys::KeyCode::Char(c),
            tigang::config::keys::KeyModifiers::NONE,
        ));
    }
    let s = screen(&a, 120, 30);
    assert!(s.contains("书签 1/2 筛选「#金句」"), "{s}");
    assert!(s.contains("《讲话甲》 1"), "{s}");
    assert!(
        s.contains("打铁必须自身硬") && !s.contains("调查研究"),
        "{s}"
    );
    assert!(
        s.contains("筛选书签（#标签 或文字"),
        "the prompt shows:\n{s}"
    );
    a.set_bookmark_filter("#没有".into());
    let s = screen(&a, 120, 30);
    assert!(s.contains("没有符合筛选的书签（Esc 清除筛选）"), "{s}");
}
