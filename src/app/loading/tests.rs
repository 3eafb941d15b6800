use super::*;
use crate::config::keymap::Action;
use crate::config::Config;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn titles_first_then_the_full_corpus_keeps_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let body = "这是一段正文。".repeat(200);
    write(
        dir.path(),
        "a.txt",
        &format!("在甲会议上的讲话\n\n一、第一部分\n{body}\n二、第二部分\n{body}\n"),
    );
    write(dir.path(), "b.txt", "在乙会议上的讲话\n\n正文。\n");
    write(dir.path(), "broken.txt", "");
    let mut a = App::new(Corpus::default(), &Config::default());
    a.resize(100, 30);
    a.load(Source::Dirs {
        dirs: vec![dir.path().to_path_buf()],
        encoding: None,
    });
    // Stubs: titles are there before the text.
    let titles: Vec<&str> = a.corpus.speeches.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, vec!["在甲会议上的讲话", "在乙会议上的讲话"]);
    a.wait_loaded();
    assert!(a.corpus.speeches.iter().all(|s| s.loaded));
    assert_eq!(a.skipped_count(), 1);
    assert_eq!(a.open, Some(0));
    a.update(Action::FocusReader);
    a.update(Action::NextTopHeading);
    a.update(Action::NextTopHeading);
    let here = a.current_heading();
    assert_eq!(here, Some(1));

    // The file changes on disk: a paragraph inserted above. R keeps the same heading.
    write(
        dir.path(),
        "a.txt",
        &format!("在甲会议上的讲话\n\n新加的一段。\n一、第一部分\n{body}\n二、第二部分\n{body}\n"),
    );
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    a.update(Action::Reload);
    a.wait_loaded();
    assert_eq!(a.corpus.speeches.len(), 1);
    assert_eq!(a.open, Some(0));
    assert_eq!(a.message.as_deref(), Some("已重新载入 1 篇"));
    // The character offset is kept: the text shifted by 7 characters, so the place is
    // just above the heading now, still in the first part's end or at the second.
    assert!(a.current_heading().is_some());
}

/// A one-line speech, `f00007.txt` for 7.
fn notice(dir: &std::path::Path, i: usize) {
    let text = format!("在第{i}次会议上的讲话\n\n正文。\n");
    write(dir, &format!("f{i:05}.txt"), &text);
}

/// An app loading the folder `dir`.
fn loading(dir: &std::path::Path) -> App {
    let mut a = App::new(Corpus::default(), &Config::default());
    a.resize(100, 30);
    a.load(Source::Dirs {
        dirs: vec![dir.to_path_buf()],
        encoding: None,
    });
    a
}

#[test]
fn a_big_corpus_shows_file_names_first_then_titles_then_texts_keeping_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let n = TITLES_AT_ONCE + 1;
    for i in 0..n {
        notice(dir.path(), i);
    }
    let mut a = loading(dir.path());
    // The first frame has every file, by name, before any title is read.
    assert_eq!(a.corpus.speeches.len(), n);
    assert_eq!(a.corpus.speeches[7].title, "f00007");
    assert!(a.loading());
    a.update(Action::Down);
    a.update(Action::Down);
    let row = a.list_sel;
    let id = a.corpus.speeches[a.visible[row]].id.clone();
    // Then the titles (and the texts, perhaps at once), each swap on the same row.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while a.corpus.speeches[7].title == "f00007" {
        assert!(std::time::Instant::now() < deadline, "no titles");
        if !a.poll_loader() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
    assert_eq!(a.corpus.speeches[7].title, "在第7次会议上的讲话");
    assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, id);
    a.wait_loaded();
    assert!(!a.loading());
    assert!(a.corpus.speeches.iter().all(|s| s.loaded));
    assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, id);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("已载入 {n} 篇").as_str())
    );
}

#[test]
fn a_row_on_a_copy_that_gets_folded_moves_to_its_group() {
    let dir = tempfile::tempdir().unwrap();
    // Two copies of one speech among other short ones: the second is folded once the
    // texts are parsed (the first is the group's entry).
    let mut x = 7u32;
    let body: String = (0..800)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from_u32(0x4e00 + (x >> 16) % 3000).unwrap()
        })
        .collect();
    let copy = format!("在全会上的讲话\n\n{body}。\n");
    write(dir.path(), "f00000.txt", &copy);
    write(dir.path(), "f00001.txt", &copy);
    for i in 2..=TITLES_AT_ONCE {
        notice(dir.path(), i);
    }
    let mut a = loading(dir.path());
    a.update(Action::Down);
    assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, "f00001");
    a.wait_loaded();
    assert_eq!(a.corpus.duplicates, vec![vec![0, 1]]);
    assert_eq!(a.corpus.speeches[a.visible[a.list_sel]].id, "f00000");
}

#[test]
fn a_reload_that_loses_the_open_speech_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "在甲会议上的讲话\n\n正文。\n");
    write(dir.path(), "b.txt", "在乙会议上的讲话\n\n正文。\n");
    let mut a = App::new(Corpus::default(), &Config::default());
    a.resize(100, 30);
    a.load(Source::Dirs {
        dirs: vec![dir.path().to_path_buf()],
        encoding: None,
    });
    a.wait_loaded();
    let b = a.corpus.find("b").unwrap();
    a.show_speech(b, None);
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    a.update(Action::Reload);
    a.wait_loaded();
    assert_eq!(
        a.message.as_deref(),
        Some("已重新载入 1 篇；《在乙会议上的讲话》已不在文库中")
    );
    assert_eq!(a.open, a.corpus.find("a"));
}

#[test]
fn a_reload_under_open_prompts_and_overlays_is_safe() {
    let mut a = App::new(corpus::builtin(), &Config::default());
    a.resize(100, 30);
    // A bookmark note half typed: its byte range is into the old text, which the reloaded
    // one equals, so it stays (a changed text drops it: the next test).
    a.update(Action::FocusReader);
    a.update(Action::NextSentence);
    a.store = Some(crate::store::bookmarks::BookmarkStore::load(
        tempfile::tempdir().unwrap().path().join("b.toml"),
    ));
    a.update(Action::Bookmark);
    let before = a.prompt.clone().unwrap().kind;
    a.update(Action::Reload);
    assert_eq!(a.prompt.as_ref().map(|p| &p.kind), Some(&before));
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Esc));
    assert!(a.prompt.is_none());
    // A corpus search left open is run again and can still be closed.
    a.update(Action::CorpusSearch);
    a.paste("一岗双责");
    a.wait_search();
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    a.update(Action::Reload);
    a.wait_search();
    assert_eq!(a.hit_groups().len(), 2);
    a.update(Action::Back);
    assert_eq!(a.overlay, None);
}

#[test]
fn a_reload_that_changed_the_text_under_a_half_typed_note_drops_it_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "在甲会议上的讲话\n\n第一句话。第二句话。\n",
    );
    let mut a = loading(dir.path());
    a.wait_loaded();
    a.store = Some(crate::store::bookmarks::BookmarkStore::load(
        dir.path().join("b.toml"),
    ));
    a.update(Action::FocusReader);
    a.update(Action::Bookmark);
    assert!(a.prompt.is_some());
    write(
        dir.path(),
        "a.txt",
        "在甲会议上的讲话\n\n新的一句。第一句话。第二句话。\n",
    );
    a.update(Action::Reload);
    a.wait_loaded();
    assert!(a.prompt.is_none());
    assert_eq!(a.store.as_ref().unwrap().list().len(), 0);
}

/// Three speeches, the first and the third with the phrase, none of them parsed yet.
fn three_loading(dir: &std::path::Path) -> App {
    let body = "这是一段正文。".repeat(50);
    write(
        dir,
        "a.txt",
        &format!("在甲会议上的讲话\n\n{body}要落实一岗双责。\n"),
    );
    write(dir, "b.txt", &format!("在乙会议上的讲话\n\n{body}\n"));
    write(
        dir,
        "c.txt",
        &format!("在丙会议上的讲话\n\n一岗双责，{body}\n再讲一岗双责。\n"),
    );
    let mut a = loading(dir);
    // Show the list, not the first speech: the test opens the hits itself.
    a.update(Action::FocusList);
    a
}

fn type_corpus_search(a: &mut App, q: &str) {
    a.update(Action::CorpusSearch);
    for c in q.chars() {
        a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Char(c)));
    }
    a.wait_search();
}

#[test]
fn a_search_while_the_corpus_loads_finds_hits_in_the_files_and_opens_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = three_loading(dir.path());
    assert!(a.loading());
    type_corpus_search(&mut a, "一岗双责");
    // The load has not been taken in (nothing polls it): the hits come from the files.
    assert!(a.loading());
    let cs = a.corpus_search.as_ref().unwrap();
    let docs: Vec<usize> = cs.hits().iter().map(|h| h.doc).collect();
    assert_eq!(docs, vec![0, 2, 2]);
    assert_eq!(cs.outcome.as_ref().unwrap().docs_done, 3);
    assert!(!a.corpus.speeches[2].loaded);
    assert!(cs.speech(&a.corpus, 2).loaded, "parsed for its hits");

    // The second hit opens its speech, read now, at the hit.
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(2));
    assert!(a.corpus.speeches[2].loaded);
    let m = a.current_match().unwrap();
    assert_eq!(&a.speech().unwrap().text[m.clone()], "一岗双责");
    assert!(a.visible_window().unwrap().contains(&m.start));
    let at = a.anchor.byte;

    // The load ends: the place and the search stay; the search runs again over the texts,
    // the hit selected still selected.
    a.update(Action::CorpusSearch);
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    a.update(Action::Down);
    a.wait_loaded();
    assert_eq!(a.open, Some(2));
    assert_eq!(a.anchor.byte, at);
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.hits().len(), 3, "shown while the new search runs");
    a.wait_search();
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.hits().len(), 3);
    assert_eq!(cs.sel, 2);
    assert_eq!(cs.edit.text, "一岗双责");
}

#[test]
fn a_speech_chosen_while_the_corpus_loads_is_read_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = three_loading(dir.path());
    assert!(!a.corpus.speeches[1].loaded);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    assert!(a.corpus.speeches[1].loaded);
    assert!(a.loading());
    // A file gone since the walk keeps its stub (the load names it, unless it read it first).
    std::fs::remove_file(dir.path().join("c.txt")).unwrap();
    a.update(Action::FocusList);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(2));
    assert!(!a.corpus.speeches[2].loaded);
}

/// The titles replacing the file names while a search is shown and a hit is open: the open
/// speech (read alone) stays read at its place, the hits stay on their speeches though one
/// file fewer shifts every index, and the selected hit stays selected through both reruns.
#[test]
fn the_titles_swap_keeps_the_open_hit_the_results_and_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    for i in 1..=TITLES_AT_ONCE + 1 {
        notice(dir.path(), i);
    }
    // First in the list and binary: listed by name, then left out of the titles.
    std::fs::write(dir.path().join("f00000.txt"), [0u8; 70_000]).unwrap();
    let body = "这是一段正文。".repeat(2000);
    let long = format!(
        "在长会上的讲话\n\n一岗双责开头。\n{body}\n中间的一岗双责。\n{body}\n结尾的一岗双责。\n"
    );
    write(dir.path(), "f01000.txt", &long);
    let mut a = loading(dir.path());
    assert_eq!(a.corpus.speeches[1000].title, "f01000");
    a.update(Action::FocusList);
    type_corpus_search(&mut a, "一岗双责");
    let hits: Vec<usize> = a
        .corpus_search
        .as_ref()
        .unwrap()
        .hits()
        .iter()
        .map(|h| h.doc)
        .collect();
    assert_eq!(hits, vec![1000; 3]);
    // The middle hit, opened: read alone, at the hit, far down the text.
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1000));
    let at = a.anchor.byte;
    assert!(at > 10_000);
    a.update(Action::CorpusSearch);
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    a.update(Action::Down);

    let scan = corpus::scan(&[dir.path().to_path_buf()]);
    a.replace_corpus(corpus::load_titles(&scan, None));
    assert_eq!(
        a.corpus.speeches[999].title, "在长会上的讲话",
        "one index less"
    );
    assert_eq!(a.open, Some(999));
    assert!(
        a.corpus.speeches[999].loaded,
        "carried over, not a stub again"
    );
    assert_eq!(a.anchor.byte, at);
    let cs = a.corpus_search.as_ref().unwrap();
    let docs: Vec<usize> = cs.hits().iter().map(|h| h.doc).collect();
    assert_eq!(
        docs,
        vec![999; 3],
        "shown on the new indices while the rerun runs"
    );
    assert_eq!(cs.sel, 2);
    a.wait_search();
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(cs.hits().len(), 3);
    assert_eq!(cs.sel, 2);

    a.wait_loaded();
    assert_eq!(a.anchor.byte, at);
    a.wait_search();
    let cs = a.corpus_search.as_ref().unwrap();
    assert_eq!(
        cs.hits().iter().map(|h| h.doc).collect::<Vec<_>>(),
        vec![999; 3]
    );
    assert_eq!(cs.sel, 2);
}

#[test]
fn a_note_typed_while_the_corpus_loads_is_kept_when_it_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = three_loading(dir.path());
    a.store = Some(crate::store::bookmarks::BookmarkStore::load(
        dir.path().join("b.toml"),
    ));
    a.update(Action::Open);
    a.update(Action::FocusReader);
    a.update(Action::Bookmark);
    for c in "要点".chars() {
        a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Char(c)));
    }
    a.wait_loaded();
    assert!(a.prompt.is_some(), "{:?}", a.message);
    a.handle_key(crate::app::test_key(crate::config::keys::KeyCode::Enter));
    let store = a.store.as_ref().unwrap();
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].speech_id, "a");
    assert_eq!(store.list()[0].note, "要点");
}
