//! The reader's data files under pressure from outside, through a pseudo-terminal: a lock
//! held by another program, hand-edited files.

use crate::common::pty::{TempHome, Term};

const TITLE: &str = "在全市第二批主题教育";

/// Types `keys` and waits for the redraw they cause.
fn press(t: &mut Term, keys: &str) {
    t.screen();
    let before = t.vt().contents_formatted();
    t.keys(keys);
    t.wait_for(&format!("a redraw after {keys:?}"), |s| {
        s.contents_formatted() != before
    })
    .unwrap();
}

#[test]
fn a_held_bookmarks_lock_never_freezes_the_reader_and_loses_nothing() {
    let home = TempHome::new();
    let dir = home.path().join("config/tigang");
    std::fs::create_dir_all(&dir).unwrap();
    // As `flock bookmarks.lock sleep 15` in another shell does.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join("bookmarks.lock"))
        .unwrap();
    lock.lock().unwrap();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text(TITLE);
    t.keys("j");
    t.key("Enter");
    t.wait_text("同志们：");
    for _ in 0..3 {
        press(&mut t, ")");
    }
    t.keys("m");
    t.wait_text("书签笔记");
    t.keys("值得引用的一句");
    t.wait_text("值得引用的一句");
    t.key("Enter");
    t.wait_text("书签文件被占用，稍后重试");
    // The note is still there, in its prompt, for another Enter.
    t.wait_text("值得引用的一句");
    lock.unlock().unwrap();
    t.key("Enter");
    t.wait_text("已加书签");
    t.keys("q");
    assert!(t.wait_exit().success());
    t.restored().unwrap();
    let saved = std::fs::read_to_string(dir.join("bookmarks.toml")).unwrap();
    assert!(saved.contains("note = \"值得引用的一句\""), "{saved}");
}
