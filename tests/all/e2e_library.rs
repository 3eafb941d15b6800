//! The outline library in the interactive reader, through a pseudo-terminal: the 提纲 search
//! scope and the compare view.

use crate::common::pty::{positions, TempHome, Term};

const SECOND_TITLE: &str = "在全市第二批主题教育";

#[test]
fn outline_scope_search_opens_the_speech_at_the_heading() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text(SECOND_TITLE);
    t.keys("F");
    t.wait_text("搜索〔全文〕：");
    t.keys("作风");
    t.wait_text("处，");
    t.key("Ctrl-t");
    t.wait_text("搜索〔提纲〕：作风");
    // A 提纲 hit shows the heading under the headings above it.
    t.wait_text("一、培训的意义 › 三是 切实解决党员干部突出问题的需要 › 第三 工作作风漂浮懒惰");
    t.wait_text("4 处，3 篇");
    t.key("Enter");
    t.press("j");
    t.key("Enter");
    t.wait_gone("搜索〔提纲〕");
    // The reading pane starts at the point; the status bar names its path.
    t.wait_for("the point at the top of the reading pane", |s| {
        positions(s, "工作作风漂浮懒惰")
            .iter()
            .any(|&(row, col)| row <= 3 && col > 60)
    })
    .unwrap();
    t.keys("q");
    assert!(t.wait_exit().success());
}

#[test]
fn mark_a_speech_then_compare_outlines_with_the_open_one() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 140, 40);
    t.wait_text(SECOND_TITLE);
    t.keys("j");
    t.keys("c");
    t.wait_text("已标记《在全市第二批主题教育培训会上的讲话》");
    t.keys("jjj");
    t.key("Enter");
    t.wait_text("一、学深悟透");
    t.keys("C");
    t.wait_text("对比提纲 — 保留 0  改写 0  删去 16  新增 24");
    // The marked speech on the left, the open one on the right, each row signed.
    t.wait_for("the two titles over the columns", |s| {
        let left = positions(s, "《在全市第二批主题教育培训会上的讲话》");
        let right = positions(s, "《提升能力素质");
        left.iter()
            .any(|&(r, c)| right.iter().any(|&(r2, c2)| r2 == r && c2 > c))
    })
    .unwrap();
    t.wait_for("a dropped row", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("- 一、提高政治站位"))
    })
    .unwrap();
    t.wait_for("an added row", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("+ ") && l.contains("一、学深悟透"))
    })
    .unwrap();
    t.key("Esc");
    t.wait_gone("对比提纲");
    t.keys("q");
    assert!(t.wait_exit().success());
}
