//! Snapshots of the outline library's screens on the built-in corpus: the 纲目 pane, the
//! corpus outline and the compare view, drawn without colour.

use crate::common::screen;
use tigang::app::App;
use tigang::config::keymap::Action;
use tigang::config::Config;

fn app() -> App {
    let mut a = App::new(tigang::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a
}

#[test]
fn brief_outline_pane_120x40() {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    a.update(Action::OutlineBrief);
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn corpus_outline_120x40() {
    let mut a = app();
    a.update(Action::CorpusOutline);
    insta::assert_snapshot!(screen(&a, 120, 40));
}

#[test]
fn compare_view_140x40() {
    let mut a = App::new(tigang::corpus::builtin(), &Config::default());
    a.resize(140, 40);
    a.update(Action::Down);
    a.update(Action::MarkCompare);
    a.update(Action::Open);
    a.update(Action::FocusList);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Compare);
    insta::assert_snapshot!(screen(&a, 140, 40));
}

/// Found by a tester: cycling the scope drew the 提纲 hits (ranges into the text) as 标题 hits
/// (ranges into the title) for the moment the new search ran, and the title slice panicked.
/// Every scope is drawn, before and after its search is in, with and without hits.
#[test]
fn cycling_the_search_scope_draws_every_scope_without_panicking() {
    use tigang::config::keys::{KeyCode, KeyEvent, KeyModifiers};
    for query in ["主题", "一岗双责", "的"] {
        let mut a = app();
        a.update(Action::CorpusSearch);
        for c in query.chars() {
            a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        a.wait_search();
        for _ in 0..4 {
            a.handle_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL));
            screen(&a, 120, 40);
            screen(&a, 60, 20);
            a.wait_search();
            screen(&a, 120, 40);
            assert!(a.corpus_search.is_some());
        }
    }
}

/// Found by a tester: at 60 columns the hit came after a fixed 24 characters of context and
/// was cut off at the pane's edge. Every hit row shows its hit, at any width.
#[test]
fn corpus_search_rows_show_the_hit_on_a_narrow_terminal() {
    use tigang::config::keys::{KeyCode, KeyEvent, KeyModifiers};
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let mut a = app();
        a.resize(w, h);
        a.update(Action::CorpusSearch);
        for c in "一岗双责".chars() {
            a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        a.wait_search();
        let shown = screen(&a, w, h);
        let rows: Vec<&str> = shown
            .lines()
            .filter(|l| l.contains(" · ") && !l.contains("正文 · "))
            .collect();
        assert!(!rows.is_empty(), "{shown}");
        for r in rows {
            assert!(r.contains("一岗双责"), "{w}x{h}: {r}\n{shown}");
        }
    }
}

/// `F` while the folder still loads: the hits come from the files, drawn with their text
/// around them, under stubs' titles in the list (nothing polls the load, so it stays loading).
#[test]
fn corpus_search_while_the_corpus_loads_100x24() {
    use tigang::config::keys::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let body = "这是一段正文。".repeat(20);
    let files = [
        (
            "a.txt",
            format!("在甲会议上的讲话\n\n{body}要落实一岗双责。\n"),
        ),
        ("b.txt", format!("在乙会议上的讲话\n\n{body}\n")),
        (
            "c.txt",
            format!("在丙会议上的讲话\n\n一岗双责，{body}\n再讲一岗双责。\n"),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let mut a = App::new(tigang::corpus::Corpus::default(), &Config::default());
    a.resize(100, 24);
    a.load(tigang::app::Source::Dirs {
        dirs: vec![dir.path().to_path_buf()],
        encoding: None,
    });
    a.update(Action::FocusList);
    a.update(Action::CorpusSearch);
    for c in "一岗双责".chars() {
        a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    a.wait_search();
    assert!(a.loading());
    insta::assert_snapshot!(screen(&a, 100, 24));
    // Opened before the load ends: the speech is read at once, at its hit.
    a.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    a.update(Action::Down);
    a.update(Action::Open);
    let shown = screen(&a, 100, 24);
    assert!(shown.contains("再讲一岗双责"), "{shown}");
    assert!(!shown.contains("正在载入全文"), "{shown}");
}
