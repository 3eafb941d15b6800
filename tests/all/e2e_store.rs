//! The reader's data files under pressure from outside, through a pseudo-terminal: a lock
//! held by another program, hand-edited files.

use crate::common::pty::{TempHome, Term};

const TITLE: &str = "在全市第二批主题教育";

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
        t.press(")");
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

#[test]
fn data_files_linked_to_devices_are_refused_and_links_to_files_written_through() {
    use std::os::unix::fs::FileTypeExt;
    let home = TempHome::new();
    let config = home.path().join("config/tigang");
    let state = home.path().join("state/tigang");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::create_dir_all(&state).unwrap();
    // A device node of our own (what /dev/null is), so a regression could only ever
    // replace this one; FIFO where not allowed (not root).
    let device = home.path().join("null");
    let made = std::process::Command::new("mknod")
        .args([device.as_os_str(), "c".as_ref(), "1".as_ref(), "3".as_ref()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        crate::hostile_files::mkfifo(&device);
    }
    std::os::unix::fs::symlink(&device, state.join("state.toml")).unwrap();
    // A dotfile link to a regular file is fine, and written through.
    let dotfiles = home.path().join("dotfiles");
    std::fs::create_dir_all(&dotfiles).unwrap();
    std::os::unix::fs::symlink(
        dotfiles.join("bookmarks.toml"),
        config.join("bookmarks.toml"),
    )
    .unwrap();

    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    t.wait_text(TITLE);
    t.wait_text("不是普通文件");
    t.keys("j");
    t.key("Enter");
    t.wait_text("同志们：");
    t.press(")");
    t.keys("m");
    t.wait_text("书签笔记");
    t.key("Enter");
    t.wait_text("已加书签");
    t.keys("q");
    t.wait_exit();
    t.restored().unwrap();
    let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
    assert!(
        kind.is_char_device() || kind.is_fifo(),
        "the device was replaced"
    );
    assert!(std::fs::symlink_metadata(state.join("state.toml"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::symlink_metadata(config.join("bookmarks.toml"))
        .unwrap()
        .file_type()
        .is_symlink());
    let saved = std::fs::read_to_string(dotfiles.join("bookmarks.toml")).unwrap();
    assert!(saved.contains("[[bookmark]]"), "{saved}");
}
