use super::*;
use crate::config::keymap::Action;
use crate::config::keys::{KeyCode, KeyEvent};
use crate::config::Config;
use crate::search::scope::Scope;
use std::sync::atomic::Ordering;

use crate::app::test_key as key;

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
}

fn app() -> App {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a
}

#[test]
fn in_speech_search_counts_jumps_wraps_and_esc_restores() {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    let before = a.anchor;
    a.update(Action::Search);
    typed(&mut a, "主题教育");
    let n = a.search.as_ref().unwrap().matches.len();
    assert!(n > 20, "{n}");
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    a.handle_key(key(KeyCode::Esc));
    assert_eq!(a.anchor, before);
    assert!(a.prompt.is_none());

    a.update(Action::Search);
    typed(&mut a, "主题教育");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.message.as_deref(), Some(format!("第 1/{n} 处").as_str()));
    a.update(Action::SearchNext);
    assert_eq!(a.search.as_ref().unwrap().current, Some(1));
    assert_eq!(a.message.as_deref(), Some(format!("第 2/{n} 处").as_str()));
    a.update(Action::SearchPrev);
    a.update(Action::SearchPrev);
    assert_eq!(a.search.as_ref().unwrap().current, Some(n - 1));
    assert!(a.message.as_ref().unwrap().contains("已从末尾继续"));
    a.update(Action::SearchNext);
    assert_eq!(a.search.as_ref().unwrap().current, Some(0));
    assert!(a.message.as_ref().unwrap().contains("已从开头继续"));
    // The match is on screen and highlighted as the current one.
    let m = a.current_match().unwrap();
    let win = a.visible_window().unwrap();
    assert!(win.contains(&m.start));
    assert!(a
        .extra_marks(win)
        .iter()
        .any(|(r, k)| *r == m && *k == Mark::SearchCurrent));
}

#[test]
fn a_hit_across_a_joined_hard_wrap_is_found() {
    // Seed 003 wraps “战前 / 动员” across two lines; the cleaned text joins them.
    let mut a = app();
    for _ in 0..3 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    a.update(Action::Search);
    typed(&mut a, "战前动员");
    let s = a.search.as_ref().unwrap();
    assert_eq!(s.matches.len(), 1);
    let raw = include_str!("../../../data/003_f2cd3f3992885587.txt");
    assert!(!raw.contains("战前动员") && raw.contains("战前\n动员"));
}

#[test]
fn regex_error_is_shown_in_the_prompt_not_a_panic() {
    let mut a = app();
    a.update(Action::FocusReader);
    a.update(Action::Search);
    typed(&mut a, "re:(一是");
    let e = a.search_error.clone().unwrap();
    assert!(e.starts_with("搜索式有误") && e.contains("regex"), "{e}");
    a.handle_key(key(KeyCode::Enter));
    assert!(a.prompt.is_none());
}

#[test]
fn folding_finds_half_width_punctuation() {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    // Seed 003 writes 乡镇(街道) with half-width brackets; the full-width query finds it.
    a.update(Action::Search);
    typed(&mut a, "乡镇（街道）");
    assert!(!a.search.as_ref().unwrap().matches.is_empty());
}

#[test]
fn corpus_search_lists_hits_in_two_speeches_and_opens_one() {
    let mut a = app();
    a.update(Action::CorpusSearch);
    typed(&mut a, "一岗双责");
    a.wait_search();
    let groups = a.hit_groups();
    assert_eq!(groups.len(), 2, "{groups:?}");
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.overlay, None);
    let second = groups[0].0;
    let hit_speech = if groups[0].1 > 1 {
        groups[0].0
    } else {
        groups[1].0
    };
    assert!(a.open == Some(second) || a.open == Some(hit_speech));
    let m = a.current_match().unwrap();
    assert_eq!(&a.speech().unwrap().text[m.clone()], "一岗双责");
    assert!(a.visible_window().unwrap().contains(&m.start));
    // n keeps going over the same query in the opened speech.
    a.update(Action::SearchNext);
    assert!(a.message.is_some());
}

#[test]
fn a_reopened_corpus_search_starts_with_its_old_query_selected() {
    let mut a = app();
    a.update(Action::CorpusSearch);
    typed(&mut a, "一岗双责");
    a.wait_search();
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::Back);
    assert_eq!(a.overlay, None);
    a.update(Action::CorpusSearch);
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.edit.text, "一岗双责");
    assert!(cs.edit.selected);
    typed(&mut a, "乡镇");
    assert_eq!(a.corpus_search.as_ref().unwrap().edit.text, "乡镇");
    a.wait_search();
    assert!(
        a.corpus_search
            .as_ref()
            .unwrap()
            .outcome
            .as_ref()
            .unwrap()
            .total
            > 0
    );
    // Up recalls the query entered before.
    a.handle_key(key(KeyCode::Up));
    assert_eq!(a.corpus_search.as_ref().unwrap().edit.text, "一岗双责");
}

#[test]
fn a_new_keystroke_cancels_the_running_search() {
    let mut a = app();
    a.update(Action::CorpusSearch);
    typed(&mut a, "的");
    let first_cancel = a.corpus_search.as_ref().unwrap().cancel.clone();
    typed(&mut a, "工作");
    assert!(
        first_cancel.load(Ordering::Relaxed),
        "old search told to stop"
    );
    a.wait_search();
    let out = a.corpus_search.as_ref().unwrap().outcome.clone().unwrap();
    assert!(!out.cancelled);
    assert!(out.total > 0);
}

#[test]
fn a_simplified_query_finds_a_traditional_speech_in_both_searches() {
    let mut corpus = crate::corpus::builtin();
    corpus.speeches.push(crate::corpus::Speech::parse(
        "trad",
        "在廣州會議上的講話\n\n同志們：\n一九二一年，廣州共產黨早期組織成立。\n",
    ));
    let mut a = App::new(corpus, &Config::default());
    a.resize(120, 40);
    a.update(Action::CorpusSearch);
    typed(&mut a, "广州共产党");
    a.wait_search();
    let groups = a.hit_groups();
    assert_eq!(groups.len(), 1, "{groups:?}");
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::Open);
    let m = a.current_match().expect("a hit");
    assert_eq!(
        &a.speech().unwrap().text[m],
        "廣州共產黨",
        "highlighted as written"
    );
    // The in-speech search folds the same way.
    a.update(Action::Search);
    typed(&mut a, "广州");
    assert_eq!(a.search.as_ref().unwrap().matches.len(), 2);
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), crate::config::keys::KeyModifiers::CONTROL)
}

#[test]
fn the_scope_key_cycles_text_outline_titles_and_searches_again() {
    let mut a = app();
    a.update(Action::CorpusSearch);
    typed(&mut a, "作风");
    a.wait_search();
    let text_hits = a
        .corpus_search
        .as_ref()
        .unwrap()
        .outcome
        .as_ref()
        .unwrap()
        .total;
    a.handle_key(ctrl('t'));
    a.wait_search();
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.scope, Scope::Outline);
    assert_eq!(a.message.as_deref(), Some("搜索范围：提纲"));
    // Four headings or points say 作风; the prose says it far more often.
    let out = cs.outcome.as_ref().unwrap();
    assert_eq!((out.total, out.docs_matched), (4, 3));
    assert!(text_hits > 4 * 3, "{text_hits}");
    for h in &out.hits {
        let s = &a.corpus.speeches[h.doc];
        let hi = s.heading_at(h.range.start).unwrap();
        let head = &s.headings[hi];
        assert!(head.marker.start <= h.range.start && h.range.end <= head.text.end);
    }
    // In the results list the same key works as an action.
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::SearchScope);
    a.wait_search();
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.scope, Scope::Titles);
    assert_eq!(cs.outcome.as_ref().unwrap().total, 1, "one title says 作风");
    a.update(Action::SearchScope);
    assert_eq!(a.corpus_search.as_ref().unwrap().scope, Scope::Text);
}

#[test]
fn an_outline_hit_opens_its_speech_at_its_heading() {
    let mut a = app();
    a.update(Action::CorpusSearch);
    typed(&mut a, "作风");
    a.handle_key(ctrl('t'));
    a.wait_search();
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::Down);
    let hit = a.corpus_search.as_ref().unwrap().hits()[1].clone();
    a.update(Action::Open);
    assert_eq!(a.overlay, None);
    assert_eq!(a.open, Some(hit.doc));
    let s = a.speech().unwrap();
    let h = s.heading_at(hit.range.start).unwrap();
    assert_eq!(s.heading_label(h), "第三 工作作风漂浮懒惰");
    assert_eq!(a.outline_sel, h);
    assert_eq!(a.current_heading(), Some(h));
    assert_eq!(a.anchor.byte, s.headings[h].marker.start);
    // The match in the heading is the current one, so n goes on from there.
    assert_eq!(a.current_match(), Some(hit.range.clone()));
    assert_eq!(a.focus, Focus::Reader);
}
