//! End-to-end scenario of the interactive reader, driven through a pseudo-terminal.

use crate::common;
use crate::common::pty::{positions, TempHome, Term};

/// Starts of the five built-in titles: the list pane may cut long titles short.
const TITLES: [&str; 5] = [
    "在“抓‘两个重点’",
    "在全市第二批主题教育",
    "在市X系统基层党务干部",
    "在全市乡镇(街道)",
    "提升能力素质",
];
const SECOND: &str = "二、坚持从严从实";
const NEXT: &str = "一要把握工作重点";

/// Whether `text` shows in the top rows of a pane to the right of column `left_of`: the
/// outline holds the same heading further left, so position tells the two apart.
fn at_top_right_of(s: &vt100::Screen, text: &str, left_of: u16) -> bool {
    positions(s, text)
        .iter()
        .any(|&(row, col)| row <= 3 && col > left_of)
}

/// Whether the leftmost `text` (the outline's entry) is drawn as the selection: reverse
/// video, or a background colour when colours are on.
fn selected(s: &vt100::Screen, text: &str) -> bool {
    positions(s, text)
        .iter()
        .min_by_key(|&&(_, col)| col)
        .and_then(|&(row, col)| s.cell(row, col))
        .is_some_and(|c| c.inverse() || c.bgcolor() != vt100::Color::Default)
}

#[test]
fn open_a_speech_walk_its_outline_resize_and_quit() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    for title in TITLES {
        t.wait_text(title);
    }

    // The list has focus at start, on speech 000; 001 is the next one.
    t.keys("j");
    t.key("Enter");
    t.wait_text("同志们：");

    // The outline of 001: 一、 and its five 一要, then 二、 — six rows down.
    t.press("2");
    t.keys("jjjjjj");
    t.wait_for(&format!("{SECOND:?} selected in the outline"), |s| {
        selected(s, SECOND)
    })
    .unwrap();
    let outline_col = t.find(SECOND).expect("outline entry").1;

    t.key("Enter");
    t.wait_for(&format!("{SECOND:?} at the top of the reading pane"), |s| {
        at_top_right_of(s, SECOND, outline_col)
    })
    .unwrap();
    // The status bar names the heading path.
    t.wait_for("heading path in the status bar", |s| {
        positions(s, SECOND).iter().any(|&(row, _)| row == 39)
    })
    .unwrap();

    t.keys("]");
    t.wait_for(&format!("{NEXT:?} at the top of the reading pane"), |s| {
        at_top_right_of(s, NEXT, outline_col)
    })
    .unwrap();

    // Ctrl-o returns to the heading the jump came from.
    t.key("Ctrl-o");
    t.wait_for(&format!("{SECOND:?} back at the top"), |s| {
        at_top_right_of(s, SECOND, outline_col)
    })
    .unwrap();
    t.keys("]");
    t.wait_for(&format!("{NEXT:?} at the top again"), |s| {
        at_top_right_of(s, NEXT, outline_col)
    })
    .unwrap();

    t.resize(80, 24);
    t.wait_for("a redraw at 80x24 that keeps the place", |s| {
        common::pty::dims(s) == (24, 80)
            && positions(s, NEXT)
                .iter()
                .any(|&(row, col)| row <= 3 && col > 30)
    })
    .unwrap();

    t.keys("q");
    let status = t.wait_exit();
    assert!(
        status.success(),
        "tigang exited with {status}\n{}",
        t.screen()
    );
    t.restored().unwrap();
    assert!(!t.vt().alternate_screen());
}

#[test]
fn bookmark_with_chinese_note_survives_a_restart() {
    let home = TempHome::new();
    let env = home.env();
    let mut t = Term::spawn(&[], &env, 120, 40);
    t.wait_text(TITLES[1]);
    t.keys("j");
    t.key("Enter");
    t.wait_text("同志们：");
    // Cursor on the title, then 同志们：, then the first sentence of the body.
    for _ in 0..3 {
        t.press(")");
    }
    t.keys("m");
    t.wait_text("书签笔记");
    t.keys("值得引用的一句");
    t.wait_text("值得引用的一句");
    t.key("Enter");
    t.wait_text("已加书签");
    // Go to the end so the restored position is easy to recognise.
    t.keys("G");
    t.wait_text("善作为的好苗子");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();

    let file = home.path().join("config/tigang/bookmarks.toml");
    let saved = std::fs::read_to_string(&file).expect("bookmarks file written");
    assert!(saved.contains("note = \"值得引用的一句\""), "{saved}");
    assert!(
        saved.contains("昨天，市委召开了全市主题教育部署会"),
        "{saved}"
    );

    let mut t = Term::spawn(&[], &env, 120, 40);
    // The last speech reopens where it was left.
    t.wait_text("善作为的好苗子");
    t.keys("'");
    t.wait_text("值得引用的一句");
    t.wait_text("《在全市第二批主题教育培训会上的讲话》");
    t.key("Enter");
    t.wait_gone("值得引用的一句");
    t.wait_for("the bookmarked sentence in the reading pane", |s| {
        positions(s, "昨天，市委召开了")
            .iter()
            .any(|&(_, col)| col > 60)
    })
    .unwrap();
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
}

#[test]
fn corrupt_bookmarks_file_is_reported_and_left_untouched() {
    let home = TempHome::new();
    let dir = home.path().join("config/tigang");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bookmarks.toml");
    let garbage: &[u8] = b"version = 1\n[[bookmark]]\nid = \"a\"\nstart = \x00\xff\xfe broken\n";
    std::fs::write(&file, garbage).unwrap();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text("bookmarks.toml");
    t.keys("3m");
    t.keys("'");
    t.wait_text("书签 0");
    t.key("Esc");
    t.wait_gone("书签 0");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), garbage);
}

#[test]
fn corpus_search_lists_two_speeches_and_opens_a_hit() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text(TITLES[0]);
    t.keys("F");
    t.wait_text("全文搜索");
    t.keys("一岗双责");
    t.wait_text("2 处，2 篇");
    t.wait_text("《在全市第二批主题教育培训会上的讲话》 1 处");
    t.wait_text("《在市X系统基层党务干部培训班开班仪式上的动员讲话》 1 处");
    t.key("Enter");
    t.key("Enter");
    t.wait_gone("全文搜索");
    t.wait_text("第 1/1 处");
    t.wait_for("the hit in the reading pane", |s| {
        positions(s, "一岗双责")
            .iter()
            .any(|&(row, col)| col > 60 && row < 39)
    })
    .unwrap();
    t.keys("q");
    assert!(t.wait_exit().success());
}

#[test]
fn no_color_means_no_colour_codes() {
    let home = TempHome::new();
    let mut env = home.env();
    env.push(("NO_COLOR", "1"));
    let mut t = Term::spawn(&[], &env, 100, 30);
    t.wait_text(TITLES[1]);
    t.keys("q");
    assert!(t.wait_exit().success());
    let raw = String::from_utf8_lossy(t.raw_output()).into_owned();
    for code in [
        "\x1b[38;", "\x1b[48;", "\x1b[31m", "\x1b[36m", "\x1b[93m", "\x1b[90m",
    ] {
        assert!(
            !raw.contains(code),
            "colour code {code:?} sent under NO_COLOR"
        );
    }
}

#[test]
fn tiny_terminal_says_too_small_and_recovers() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 12, 4);
    t.wait_text("终端太小");
    t.resize(100, 30);
    t.wait_text(TITLES[1]);
    t.resize(1, 1);
    t.resize(100, 30);
    t.wait_text(TITLES[1]);
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
}

#[test]
fn user_folder_lists_titles_reports_skipped_files_and_reloads() {
    let home = TempHome::new();
    let corpus = tempfile::tempdir().unwrap();
    let sub = corpus.path().join("2023/市委");
    std::fs::create_dir_all(&sub).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("在全省工作会议上的讲话\r\n\r\n同志们：\r\n一、总体要求\r\n一是提高站位。二是强化担当。\r\n");
    std::fs::write(sub.join("gbk.txt"), &gbk).unwrap();
    std::fs::write(corpus.path().join("empty.txt"), "").unwrap();
    let dir = corpus.path().to_str().unwrap();
    let mut t = Term::spawn(&["--corpus", dir], &home.env(), 120, 30);
    t.wait_text("在全省工作会议上的讲话");
    t.wait_text("1 个文件跳过");
    t.wait_text("一是 提高站位");
    t.keys("!");
    t.wait_text("empty.txt: 文件是空的");
    t.key("Esc");
    t.wait_gone("empty.txt: 文件是空的");
    // A new file appears on disk; R picks it up without losing the open speech.
    std::fs::write(
        corpus.path().join("new.txt"),
        "在新会议上的致辞\n\n正文。\n",
    )
    .unwrap();
    t.keys("R");
    t.wait_text("在新会议上的致辞");
    t.wait_text("一是 提高站位");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
}

#[test]
fn a_panic_still_restores_the_terminal() {
    let home = TempHome::new();
    let mut env = home.env();
    env.push(("TIGANG_TEST_PANIC", "1"));
    let mut t = Term::spawn(&[], &env, 100, 30);
    let status = t.wait_exit();
    assert!(!status.success());
    t.restored().unwrap();
    assert!(!t.vt().alternate_screen());
    // The panic message is printed after the restore, so it is readable on the normal screen.
    assert!(t.screen().contains("TIGANG_TEST_PANIC"), "{}", t.screen());
}
