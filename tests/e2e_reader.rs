//! End-to-end scenario of the interactive reader, driven through a pseudo-terminal.

mod common;

use common::pty::{positions, TempHome, Term};

/// Starts of the five built-in titles: the list pane may cut long titles short.
const TITLES: [&str; 5] = [
    "在“抓‘两个重点’",
    "在全市第二批主题教育培训会上的讲话",
    "在市X系统基层党务干部",
    "在全市乡镇(街道)党(工)委书记",
    "提升能力素质",
];
const SECOND: &str = "二、坚持从严从实";
const THIRD: &str = "三、强化自身建设";

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

/// Types `keys` and waits for the redraw they cause, so the next look at the screen is not
/// one keypress behind.
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
#[ignore = "enable when the interactive reader lands"]
fn open_a_speech_walk_its_outline_resize_and_quit() {
    let home = TempHome::new();
    let mut t = Term::spawn(&[], &home.env(), 120, 40);
    for title in TITLES {
        t.wait_text(title);
    }

    // The list has focus at start, on speech 000; 001 is the next one.
    t.keys("j");
    t.key("Enter");
    t.wait_text(SECOND);

    press(&mut t, "2");
    for _ in 0..20 {
        if selected(t.vt(), SECOND) {
            break;
        }
        press(&mut t, "j");
    }
    assert!(selected(t.vt(), SECOND), "{}", t.screen());
    let outline_col = t.find(SECOND).expect("outline entry").1;

    t.key("Enter");
    t.wait_for(&format!("{SECOND:?} at the top of the reading pane"), |s| {
        at_top_right_of(s, SECOND, outline_col)
    })
    .unwrap();

    t.keys("]");
    t.wait_for(&format!("{THIRD:?} at the top of the reading pane"), |s| {
        at_top_right_of(s, THIRD, outline_col)
    })
    .unwrap();

    t.resize(80, 24);
    t.wait_for("a redraw at 80x24 that keeps the place", |s| {
        s.size() == (24, 80) && positions(s, THIRD).iter().any(|&(row, _)| row <= 3)
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
