use super::*;
use crate::app::{Anchoring, Overlay};
use crate::config::keymap::Action;
use crate::config::keys::KeyCode;
use crate::config::Config;
use crate::store::bookmarks::{Bookmark, BookmarkStore};
use crate::store::state::StateFile;

use crate::app::test_key as key;

fn app_with_store(dir: &std::path::Path) -> App {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a.attach_storage(
        Some(BookmarkStore::load(dir.join("bookmarks.toml"))),
        Some(StateFile::load(dir.join("state.toml"))),
    );
    a
}

fn type_text(a: &mut App, s: &str) {
    for c in s.chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
}

#[test]
fn sentence_cursor_moves_and_crosses_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::NextSentence);
    // The first press shows the cursor on the first sentence in view: the title.
    let t = &a.speech().unwrap().text[a.cursor.clone().unwrap()];
    assert_eq!(t, "在全市第二批主题教育培训会上的讲话");
    a.update(Action::NextSentence);
    let s = a.speech().unwrap();
    let first = a.cursor.clone().unwrap();
    assert_eq!(&s.text[first.clone()], "同志们：");
    a.update(Action::NextSentence);
    let t = &a.speech().unwrap().text[a.cursor.clone().unwrap()];
    assert!(t.starts_with("昨天，市委召开了"), "{t}");
    a.update(Action::PrevSentence);
    assert_eq!(a.cursor, Some(first));
}

#[test]
fn visual_selection_bookmark_with_chinese_note_delete_undo_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    a.update(Action::Down);
    a.update(Action::Open);
    for _ in 0..3 {
        a.update(Action::NextSentence);
    }
    a.update(Action::Visual);
    a.update(Action::Down);
    let sel = a.selection().unwrap();
    let text = a.speech().unwrap().text[sel.clone()].to_string();
    assert!(
        text.starts_with("昨天") && text.ends_with("安排近期重点任务。"),
        "{text}"
    );
    a.update(Action::Bookmark);
    type_text(&mut a, "一岗双责，可引用");
    a.handle_key(key(KeyCode::Enter));
    let store = a.store.as_ref().unwrap();
    assert_eq!(store.list().len(), 1);
    let b = &store.list()[0];
    assert_eq!(b.note, "一岗双责，可引用");
    assert_eq!(b.excerpt, text);
    assert_eq!(b.speech_title, "在全市第二批主题教育培训会上的讲话");
    assert_eq!(a.resolved[0].anchoring, Anchoring::Exact);
    assert_eq!(a.resolved[0].range, Some(sel.clone()));
    assert!(a.visual.is_none());

    // The file on disk has it too, as a new store would see it.
    let again = BookmarkStore::load(dir.path().join("bookmarks.toml"));
    assert_eq!(again.list()[0].note, "一岗双责，可引用");

    a.update(Action::Bookmarks);
    assert_eq!(a.overlay, Some(Overlay::Bookmarks));
    a.update(Action::EditNote);
    a.handle_key(key(KeyCode::Backspace));
    a.handle_key(key(KeyCode::Backspace));
    a.handle_key(key(KeyCode::Backspace));
    a.handle_key(key(KeyCode::Backspace));
    type_text(&mut a, "重点");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.store.as_ref().unwrap().list()[0].note, "一岗双责重点");
    // `d` and `u` page elsewhere; in the bookmarks list they delete and undo.
    a.handle_key(key(KeyCode::Char('d')));
    assert!(a.store.as_ref().unwrap().list().is_empty());
    a.handle_key(key(KeyCode::Char('u')));
    assert_eq!(a.store.as_ref().unwrap().list().len(), 1);

    // Jump from the list: opens the speech at the passage with the cursor on it.
    a.update(Action::Back);
    a.update(Action::FocusList);
    a.update(Action::Up);
    a.update(Action::Open);
    assert_eq!(a.open, Some(0));
    a.update(Action::Bookmarks);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    assert_eq!(a.cursor, Some(sel.clone()));
    assert!(a.visible_window().unwrap().contains(&sel.start));
}

#[test]
fn bookmarking_a_passage_already_bookmarked_opens_the_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::NextSentence);
    a.update(Action::NextSentence);
    a.update(Action::Bookmark);
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::NextSentence);
    a.update(Action::Bookmark);
    type_text(&mut a, "第二条");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.store.as_ref().unwrap().list().len(), 2);
    // Back on the first one: no second bookmark, the existing one shown.
    a.update(Action::PrevSentence);
    a.update(Action::Bookmark);
    assert!(a.prompt.is_none());
    assert_eq!(a.store.as_ref().unwrap().list().len(), 2);
    assert_eq!(a.overlay, Some(Overlay::Bookmarks));
    let first = a.store.as_ref().unwrap().list()[0].id.clone();
    assert_eq!(a.resolved[a.bm_sel].id, first);
    assert!(a.message.as_deref().unwrap().contains("已有书签"));
}

#[test]
fn yank_copies_passage_with_citation() {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusOutline);
    for _ in 0..7 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    a.update(Action::FocusReader);
    a.update(Action::NextSentence);
    a.update(Action::Yank);
    let clip = a.clipboard.clone().unwrap();
    assert!(clip.starts_with("一要把握工作重点。"), "{clip}");
    assert!(clip.ends_with(
            "——《在全市第二批主题教育培训会上的讲话》，二、坚持从严从实，认真做好主题教育督促指导工作 › 一要 把握工作重点"
        ), "{clip}");
}

#[test]
fn the_cursor_and_a_selection_are_highlighted_counted_and_y_says_what_it_copied() {
    use crate::app::Mark;
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::NextSentence);
    let win = a.visible_window().unwrap();
    let marks = a.extra_marks(win.clone());
    assert!(marks.iter().any(|(_, m)| *m == Mark::Passage), "{marks:?}");
    // y with nothing selected copies the sentence under the cursor and names it.
    let cur = a.cursor.clone().unwrap();
    a.update(Action::Yank);
    let sentence = a.speech().unwrap().text[cur].trim().to_string();
    assert!(a.clipboard.take().unwrap().starts_with(&sentence));
    let msg = a.message.clone().unwrap();
    let head: String = sentence.chars().take(5).collect();
    assert!(msg.contains(&head), "{msg}");
    // v and two more sentences: a selection of three, highlighted as one.
    a.update(Action::Visual);
    a.update(Action::NextSentence);
    a.update(Action::NextSentence);
    assert_eq!(a.selected_sentences(), Some(3));
    let marks = a.extra_marks(win);
    assert!(
        marks.iter().any(|(_, m)| *m == Mark::Selection),
        "{marks:?}"
    );
    assert!(!marks.iter().any(|(_, m)| *m == Mark::Passage));
    a.update(Action::Yank);
    assert!(a.message.clone().unwrap().contains("3 句"));
    // On an outline row, y copies that heading's subtree and says so.
    a.update(Action::FocusOutline);
    a.update(Action::Top);
    a.update(Action::Yank);
    let clip = a.clipboard.take().unwrap();
    assert!(clip.starts_with("一、提高政治站位"), "{clip}");
    assert!(a.message.clone().unwrap().contains("已复制提纲"));
}

#[test]
fn reading_position_is_restored_on_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    for _ in 0..3 {
        a.update(Action::PageDown);
    }
    let byte = a.anchor.byte;
    a.save_state().unwrap();
    let b = app_with_store(dir.path());
    assert_eq!(b.open, Some(2));
    assert_eq!(b.anchor.byte, byte);
}

#[test]
fn corrupt_bookmarks_file_is_shown_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.toml");
    let bad =
        "version = 1\n\n[[bookmark]]\nid = \"x\"\nspeech_id = \"001\"\nstart = \"not a number\"\n";
    std::fs::write(&path, bad).unwrap();
    let mut a = app_with_store(dir.path());
    let msg = a.message.clone().unwrap();
    assert!(msg.contains("bookmarks.toml:6:"), "{msg}");
    assert!(msg.starts_with("书签只读："), "{msg}");
    // Said at start-up: the loaded folder's count does not cover it up.
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(corpus.path().join("a.txt"), "标题\n\n正文。\n").unwrap();
    a.load(crate::app::Source::Dirs {
        dirs: vec![corpus.path().to_path_buf()],
        encoding: None,
    });
    // As the event loop sees it: the load's message arrives through `poll_loader`.
    while !a.poll_loader() {
        std::thread::yield_now();
    }
    let msg = a.message.clone().unwrap();
    assert!(msg.starts_with("书签只读："), "{msg}");
    a.update(Action::FocusReader);
    a.update(Action::NextSentence);
    a.update(Action::Bookmark);
    assert!(a.prompt.is_none(), "no prompt on a read-only store");
    a.update(Action::Bookmarks);
    a.update(Action::Delete);
    a.update(Action::Back);
    a.save_state().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), bad);
}

#[test]
fn changed_text_reanchors_or_orphans_and_keeps_unknown_speeches() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.toml");
    {
        let mut store = BookmarkStore::load(&path);
        let s = &crate::corpus::builtin().speeches[1];
        let excerpt = "开展主题教育的最终目的是为了解决问题，";
        let at = byte_to_char(&s.text, s.text.find(excerpt).unwrap());
        for (sid, ex) in [
            ("001_e06c157ea6db8405", excerpt),
            ("001_e06c157ea6db8405", "这句话从未出现在原文里。"),
            ("no_such_speech", "别处的一句。"),
        ] {
            let mut b = Bookmark::new(sid, at + 7, at + 7 + ex.chars().count());
            b.excerpt = ex.into();
            store.add(b).unwrap();
        }
    }
    let a = app_with_store(dir.path());
    let mut kinds: Vec<Anchoring> = a.resolved.iter().map(|r| r.anchoring).collect();
    kinds.sort_by_key(|k| *k as u8);
    assert_eq!(
        kinds,
        vec![
            Anchoring::Moved,
            Anchoring::Orphaned,
            Anchoring::NotInCorpus
        ]
    );
    // The moved one was saved at its new place; the other two are untouched.
    let store = BookmarkStore::load(&path);
    assert_eq!(store.list().len(), 3);
    let s = &a.corpus.speeches[1];
    let moved = store
        .list()
        .iter()
        .find(|b| b.excerpt.starts_with("开展"))
        .unwrap();
    assert_eq!(
        char_to_byte(&s.text, moved.start),
        s.text.find("开展主题教育的最终").unwrap()
    );
}

/// Bookmarks three sentences of the first speech with these notes.
fn three_tagged(a: &mut App) {
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::NextSentence);
    for note in ["开头 #作风 #金句", "第二句 #调研", "第三句#作風"] {
        a.update(Action::NextSentence);
        a.update(Action::Bookmark);
        type_text(a, note);
        a.handle_key(key(KeyCode::Enter));
    }
    assert_eq!(a.store.as_ref().unwrap().list().len(), 3);
}

fn shown_notes(a: &App) -> Vec<String> {
    let list = a.store.as_ref().unwrap().list();
    a.bm_rows.iter().map(|&i| list[i].note.clone()).collect()
}

#[test]
fn bookmarks_overlay_filters_by_tag_and_text_with_its_own_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    three_tagged(&mut a);
    a.update(Action::Bookmarks);
    assert_eq!(a.bm_rows.len(), 3);
    // `f` in the bookmarks list filters the bookmarks, not the speech list.
    a.handle_key(key(KeyCode::Char('f')));
    assert_eq!(
        a.prompt.as_ref().map(|p| p.kind.clone()),
        Some(crate::app::PromptKind::BookmarkFilter)
    );
    type_text(&mut a, "#作风");
    // The filter applies as it is typed; 作風 is the same tag.
    assert_eq!(shown_notes(&a), ["开头 #作风 #金句", "第三句#作風"]);
    assert!(a.filter.is_empty(), "the speech list filter is untouched");
    a.handle_key(key(KeyCode::Enter));
    assert!(a.prompt.is_none());
    assert_eq!(a.bm_filter, "#作风");
    // Keys now act on the filtered rows: the second row is the third bookmark.
    a.update(Action::Down);
    assert_eq!(a.selected_bookmark().unwrap().note, "第三句#作風");
    a.update(Action::Down);
    assert_eq!(a.bm_sel, 1, "no row past the last shown");
    a.update(Action::EditNote);
    type_text(&mut a, " 改");
    a.handle_key(key(KeyCode::Enter));
    let list = a.store.as_ref().unwrap().list();
    assert_eq!(list[2].note, "第三句#作風 改");
    assert_eq!(list[1].note, "第二句 #调研");
    // Tag and text together; `/` opens the filter too, holding what it was.
    a.handle_key(key(KeyCode::Char('/')));
    assert_eq!(a.prompt.as_ref().unwrap().edit.text, "#作风");
    type_text(&mut a, " 开头");
    assert_eq!(shown_notes(&a), ["开头 #作风 #金句"]);
    a.handle_key(key(KeyCode::Enter));
    // Esc drops the filter first, then closes the overlay.
    a.handle_key(key(KeyCode::Esc));
    assert_eq!(a.overlay, Some(Overlay::Bookmarks));
    assert_eq!(a.bm_rows.len(), 3);
    assert_eq!(a.selected_bookmark().unwrap().note, "开头 #作风 #金句");
    a.handle_key(key(KeyCode::Esc));
    assert_eq!(a.overlay, None);
}

#[test]
fn deleting_under_a_filter_and_escaping_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app_with_store(dir.path());
    three_tagged(&mut a);
    a.update(Action::Bookmarks);
    a.update(Action::FilterBookmarks);
    type_text(&mut a, "#调研");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(shown_notes(&a), ["第二句 #调研"]);
    a.update(Action::Delete);
    assert_eq!(a.store.as_ref().unwrap().list().len(), 2);
    assert!(a.bm_rows.is_empty());
    assert!(a.selected_bookmark().is_none());
    // Nothing shown: Enter, Delete and Edit act on nothing.
    a.update(Action::Delete);
    a.update(Action::EditNote);
    assert!(a.prompt.is_none());
    assert_eq!(a.store.as_ref().unwrap().list().len(), 2);
    // Undo brings it back and shows it.
    a.update(Action::Undo);
    assert_eq!(shown_notes(&a), ["第二句 #调研"]);
    // Esc in the prompt clears the filter it was editing.
    a.update(Action::FilterBookmarks);
    type_text(&mut a, "x");
    assert!(a.bm_rows.is_empty());
    a.handle_key(key(KeyCode::Esc));
    assert!(a.bm_filter.is_empty());
    assert_eq!(a.bm_rows.len(), 3);
}
