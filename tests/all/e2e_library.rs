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
