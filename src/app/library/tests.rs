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
