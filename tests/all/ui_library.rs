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
