//! Self-tests of the pty harness in `tests/all/common/pty.rs`, against `tigang list` and small
//! shell programs whose behaviour is known exactly.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use crate::common;
use crate::common::pty::{terminal_left_clean, TempHome, Term};

fn sh(script: &str, cols: u16, rows: u16) -> Term {
    Term::spawn_program("/bin/sh", &["-c", script], &[], cols, rows)
}

#[test]
fn tigang_list_shows_titles_and_exits_zero() {
    let home = TempHome::new();
    let mut t = Term::spawn(&["list"], &home.env(), 120, 40);
    t.wait_text("在全市第二批主题教育培训会上的讲话");
    let status = t.wait_exit();
    assert!(status.success(), "tigang list exited with {status}");
}

#[test]
fn typed_chinese_is_echoed_and_wide_chars_appear_once() {
    let mut t = Term::spawn_program("/bin/cat", &[], &[], 40, 10);
    t.keys("你好，世界 ok");
    t.key("Enter");
    // Row 0 is the tty's echo, row 1 is what cat wrote back.
    t.wait_for("the echo and cat's copy", |s| {
        s.contents()
            .lines()
            .filter(|l| *l == "你好，世界 ok")
            .count()
            == 2
    })
    .unwrap();
    assert_eq!(t.row(0), "你好，世界 ok");
    assert_eq!(t.row(1), "你好，世界 ok");
    assert_eq!(
        t.screen(),
        format!("你好，世界 ok\n你好，世界 ok{}", "\n".repeat(8))
    );

    let vt = t.vt();
    let first = vt.cell(0, 0).unwrap();
    assert!(first.is_wide() && first.contents() == "你");
    assert!(vt.cell(0, 1).unwrap().is_wide_continuation());
    assert_eq!(vt.cell(0, 2).unwrap().contents(), "好");
    assert_eq!(vt.cursor_position(), (2, 0));
    // Columns count cells: four wide chars before "世", then " ok" after "界".
    assert_eq!(t.find("世界"), Some((0, 6)));
    assert_eq!(t.find("ok"), Some((0, 11)));
    assert_eq!(t.find("不在"), None);

    t.key("Ctrl-d");
    assert!(t.wait_exit().success());
}

#[test]
fn resize_reaches_the_program_and_the_screen_model() {
    let mut t = sh(
        "trap 'stty size' WINCH; stty size; while :; do sleep 0.05; done",
        80,
        24,
    );
    t.wait_text("24 80");
    t.resize(100, 30);
    t.wait_text("30 100");
    assert_eq!(common::pty::dims(t.vt()), (30, 100));
}

#[test]
fn named_keys_send_the_bytes_a_terminal_sends() {
    // od prints each byte in hex once 11 have arrived; raw mode so the tty passes them as is.
    let mut t = sh(
        "stty raw -echo; echo ready; head -c 11 | od -An -tx1; stty sane",
        80,
        24,
    );
    t.wait_text("ready");
    t.key("Up");
    t.key("Ctrl-o");
    t.key("BackTab");
    t.keys("中");
    t.key("Enter");
    t.wait_text("1b 5b 41 0f 1b 5b 5a e4 b8 ad 0d");
    assert!(t.wait_exit().success());
}

#[test]
fn cursor_position_queries_are_answered() {
    // Prints "ab" then asks where the cursor is: row 1, column 3 (1-based).
    let mut t = sh(
        r#"stty -icanon -echo min 1; printf 'ab\033[6n'; r=$(dd bs=1 count=6 2>/dev/null); printf '\n%s\n' "$r" | tr '\033' E"#,
        80,
        24,
    );
    t.wait_text("E[1;3R");
    assert!(t.wait_exit().success());
}

#[test]
fn a_wait_that_times_out_reports_what_and_the_screen() {
    let mut t = Term::spawn_program("/bin/cat", &[], &[], 40, 6);
    t.keys("可见的文字\r");
    t.wait_text("可见的文字");
    t.set_timeout(Duration::from_millis(300));

    let start = Instant::now();
    let err = t
        .wait_for("the word 不存在", |s| s.contents().contains("不存在"))
        .unwrap_err();
    assert!(
        start.elapsed() >= Duration::from_millis(300),
        "gave up early"
    );
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("the word 不存在"), "{err}");
    assert!(err.contains("  0|可见的文字"), "{err}");
    assert!(err.contains("  1|可见的文字"), "{err}");

    let panic = catch_unwind(AssertUnwindSafe(|| t.wait_text("不存在"))).unwrap_err();
    let msg = panic.downcast_ref::<String>().expect("a formatted panic");
    assert!(msg.contains("\"不存在\" to appear"), "{msg}");
    assert!(msg.contains("  0|可见的文字"), "{msg}");

    let panic = catch_unwind(AssertUnwindSafe(|| t.wait_gone("可见的文字"))).unwrap_err();
    let msg = panic.downcast_ref::<String>().expect("a formatted panic");
    assert!(msg.contains("to disappear"), "{msg}");
}

#[test]
fn a_wait_on_a_program_that_exited_fails_at_once() {
    let mut t = sh("echo bye; exit 3", 40, 6);
    let start = Instant::now();
    let err = t.wait_for("something never shown", |_| false).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "waited out the timeout"
    );
    assert!(err.contains("exited"), "{err}");
    assert!(err.contains("  0|bye"), "{err}");
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 3);
}

#[test]
fn wait_exit_kills_a_program_that_hangs() {
    let mut t = sh("while :; do sleep 0.05; done", 40, 6);
    t.set_timeout(Duration::from_millis(300));
    let panic = catch_unwind(AssertUnwindSafe(|| t.wait_exit())).unwrap_err();
    let msg = panic.downcast_ref::<String>().expect("a formatted panic");
    assert!(msg.contains("did not exit"), "{msg}");
    // Killed, so now it has exited.
    assert!(!t.wait_exit().success());
}

#[test]
fn restored_sees_modes_left_on() {
    let mut t = sh(
        r"printf '\033[?1049h\033[?25l\033[?1000h\033[?1006hhi'",
        40,
        6,
    );
    t.wait_exit();
    let err = t.restored().unwrap_err();
    for needle in ["alternate screen", "cursor hidden", "?1000h", "?1006h"] {
        assert!(err.contains(needle), "{needle:?} missing from {err}");
    }

    let mut t = sh(
        r"printf '\033[?1049h\033[?25l\033[?1000h\033[?1006hhi\033[?1000;1006l\033[?25h\033[?1049l'",
        40,
        6,
    );
    t.wait_exit();
    t.restored().unwrap();
}

#[test]
fn restored_rules() {
    assert!(terminal_left_clean(b"plain text").is_ok());
    assert!(terminal_left_clean(b"\x1b[?1049l\x1b[?1049h").is_err());
    assert!(terminal_left_clean(b"\x1b[?25h\x1b[?25l").is_err());
    assert!(terminal_left_clean(b"\x1b[?25l\x1b[?25h").is_ok());
    assert!(terminal_left_clean(b"\x1b[?1002;1006h\x1b[?1002l").is_err());
    assert!(terminal_left_clean(b"\x1b[>1u").is_err());
    assert!(terminal_left_clean(b"\x1b[>1u\x1b[<1u").is_ok());
}
