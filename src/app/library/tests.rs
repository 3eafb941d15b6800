use crate::app::{App, Focus};
use crate::config::keymap::Action;
use crate::config::Config;

fn app() -> App {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a
}

/// The built-in speech 001, open, the outline focused.
fn on_001() -> App {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    a
}

#[test]
fn y_on_an_outline_row_copies_the_subtree_with_its_citation() {
    let mut a = on_001();
    // 二、 is the seventh row: 一、 and its five 一要 come first.
    for _ in 0..6 {
        a.update(Action::Down);
    }
    a.update(Action::Yank);
    assert_eq!(
        a.clipboard.as_deref(),
        Some(
            "二、坚持从严从实，认真做好主题教育督促指导工作\n\
             \x20 一要 把握工作重点\n\
             \x20 二要 落实基本要求\n\
             \x20 三要 督促解决问题\n\
             \x20 四要 加强沟通联系\n\
             \x20 五要 注重方式方法\n\
             ——《在全市第二批主题教育培训会上的讲话》，二、坚持从严从实，认真做好主题教育督促指导工作"
        )
    );
    assert_eq!(a.message.as_deref(), Some("已复制提纲 6 条（附出处）"));
    assert_eq!(a.focus, Focus::Outline);
    // A leaf copies itself, cited with its whole path.
    a.update(Action::Down);
    a.update(Action::Yank);
    assert_eq!(
        a.clipboard.as_deref(),
        Some(
            "一要 把握工作重点\n\
             ——《在全市第二批主题教育培训会上的讲话》，二、坚持从严从实，认真做好主题教育督促指导工作 › 一要 把握工作重点"
        )
    );
}

#[test]
fn mark_one_speech_and_compare_with_the_open_one() {
    let mut a = app();
    // Nothing marked yet: a hint, no overlay.
    a.update(Action::Compare);
    assert_eq!(a.overlay, None);
    assert!(a.message.as_ref().unwrap().contains("标记"));
    // Mark 001 in the list, open it: comparing a speech with itself is refused.
    a.update(Action::Down);
    a.update(Action::MarkCompare);
    assert_eq!(a.compare_mark.as_deref(), Some("001_e06c157ea6db8405"));
    assert!(a
        .message
        .as_ref()
        .unwrap()
        .contains("已标记《在全市第二批主题教育培训会上的讲话》"));
    a.update(Action::Open);
    a.update(Action::Compare);
    assert_eq!(a.overlay, None);
    // Open 004 and compare: 001's 16 headings dropped, 004's 24 added, in order.
    a.update(Action::FocusList);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    assert_eq!(a.speech().unwrap().id, "004_c86d48fce694c9fb");
    a.update(Action::Compare);
    assert_eq!(a.overlay, Some(crate::app::Overlay::Compare));
    let c = a.compare.as_ref().unwrap();
    assert_eq!((c.a, c.b), (1, 4));
    assert_eq!(crate::corpus::align::tally(&c.rows), (0, 0, 16, 24));
    // Enter on an added row jumps to that heading of the open speech.
    for _ in 0..17 {
        a.update(Action::Down);
    }
    let row = a.compare.as_ref().unwrap().rows[17];
    assert_eq!((row.a, row.b), (None, Some(1)));
    a.update(Action::Open);
    assert_eq!(a.overlay, None);
    assert_eq!(a.open, Some(4));
    assert_eq!(a.outline_sel, 1);
    assert_eq!(a.anchor.byte, a.speech().unwrap().headings[1].marker.start);
    // On a dropped row it opens the marked speech at its heading.
    a.update(Action::Compare);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    assert_eq!(a.outline_sel, 1);
    // The same key again on the marked speech clears the mark.
    a.update(Action::MarkCompare);
    assert_eq!(a.compare_mark, None);
}
