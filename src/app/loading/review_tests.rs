//! Regression tests for bugs found in review: mouse clicks under an open prompt, quitting
//! before a folder finished loading, and the opening of a big file shown before the whole.
use super::*;
use crate::app::Anchoring;
use crate::config::keymap::Action;
use crate::config::keys::{KeyCode, MouseButton, MouseEvent, MouseEventKind};
use crate::config::Config;
use crate::store::bookmarks::BookmarkStore;
use crate::store::state::StateFile;

fn click(a: &mut App, col: u16, row: u16) {
    a.mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col,
        row,
    });
}

#[test]
fn a_click_under_the_note_prompt_cannot_move_the_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = App::new(corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a.attach_storage(
        Some(BookmarkStore::load(dir.path().join("b.toml"))),
        Some(StateFile::load(dir.path().join("s.toml"))),
    );
    // 004 is the longest seed, 003 the shortest.
    a.open_speech(4);
    a.update(Action::FocusReader);
    a.update(Action::Bottom);
    a.update(Action::NextSentence);
    a.update(Action::Bookmark);
    let lr = a.panes().list.unwrap();
    click(&mut a, lr.x + 2, lr.y + 1 + 3);
    assert_eq!(a.open, Some(4), "the click is ignored while typing a note");
    a.handle_key(crate::app::test_key(KeyCode::Enter));
    let store = a.store.as_ref().unwrap();
    assert_eq!(store.list().len(), 1);
    assert_eq!(store.list()[0].speech_id, "004_c86d48fce694c9fb");
}

#[test]
fn a_click_under_the_search_prompt_keeps_the_origin_in_its_speech() {
    let mut a = App::new(corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a.open_speech(1);
    a.update(Action::FocusReader);
    a.update(Action::Bottom);
    a.update(Action::Search);
    a.paste("的");
    let lr = a.panes().list.unwrap();
    click(&mut a, lr.x + 2, lr.y + 1 + 3);
    assert_eq!(a.open, Some(1));
    a.handle_key(crate::app::test_key(KeyCode::Enter));
    assert!(
        a.back.iter().all(|p| p.speech == 1 || p.speech == 0),
        "{:?}",
        a.back
    );
}

#[test]
fn the_speech_open_while_a_folder_loads_is_read_at_once_at_its_saved_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    let body = "这是一段正文。".repeat(3000);
    std::fs::write(
        folder.join("a.txt"),
        format!("在甲会议上的讲话\n\n{body}\n"),
    )
    .unwrap();
    let st = dir.path().join("state.toml");
    std::fs::write(&st, "last_speech = \"a\"\n\n[positions]\na = 5000\n").unwrap();
    let mut a = App::new(Corpus::default(), &Config::default());
    a.attach_storage(None, Some(StateFile::load(&st)));
    a.load(Source::Dirs {
        dirs: vec![folder],
        encoding: None,
    });
    a.resize(100, 30);
    // The speech open at start is read alone at once, at its saved place, while the
    // rest still loads: quitting now keeps 5000, not the start of a stub.
    assert!(a.loading());
    assert!(a.corpus.speeches[0].loaded);
    assert_eq!(passages_char(&a), 5000);
    a.save_state().unwrap();
    assert_eq!(StateFile::load(&st).get("a"), Some(5000));
    // Once loaded, the saved place is still where the speech is.
    a.wait_loaded();
    assert_eq!(passages_char(&a), 5000);
}

#[test]
fn an_idle_second_window_never_writes_back_an_older_position() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    // Two different speeches (the same text twice would be one duplicate group).
    for (name, line) in [("a", "这是一段正文。"), ("b", "那是一段别文。")] {
        let body = format!("{line}\n\n").repeat(3000);
        let text = format!("在甲会议上的讲话\n\n{body}");
        std::fs::write(folder.join(format!("{name}.txt")), text).unwrap();
    }
    let st = dir.path().join("state.toml");
    std::fs::write(&st, "last_speech = \"a\"\n\n[positions]\na = 5000\n").unwrap();
    let window = || {
        let mut w = App::new(Corpus::default(), &Config::default());
        w.attach_storage(None, Some(StateFile::load(&st)));
        w.load(Source::Dirs {
            dirs: vec![folder.clone()],
            encoding: None,
        });
        w.wait_loaded();
        w.resize(100, 30);
        w
    };
    // B starts first and sits idle on speech a; it also glances at b and back.
    let mut b = window();
    assert_eq!(passages_char(&b), 5000);
    b.update(Action::Down);
    b.update(Action::Open);
    b.update(Action::FocusList);
    b.update(Action::Up);
    b.update(Action::Open);
    // A moves in a and b and quits.
    let mut a = window();
    a.update(Action::FocusReader);
    a.update(Action::PageDown);
    a.update(Action::FocusList);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::PageDown);
    a.save_state().unwrap();
    let after_a = StateFile::load(&st);
    let (pa, pb) = (after_a.get("a").unwrap(), after_a.get("b").unwrap());
    assert!(pa > 5000 && pb > 0, "{pa} {pb}");
    assert_eq!(after_a.last_speech(), Some("b"));
    // B quits without having moved: A's positions and last speech stand.
    b.save_state().unwrap();
    let back = StateFile::load(&st);
    assert_eq!((back.get("a"), back.get("b")), (Some(pa), Some(pb)));
    assert_eq!(back.last_speech(), Some("b"));
    // Once B does move, its move is saved.
    b.update(Action::FocusReader);
    b.update(Action::Bottom);
    b.save_state().unwrap();
    let back = StateFile::load(&st);
    assert!(back.get("a").unwrap() > pa);
    assert_eq!(back.get("b"), Some(pb));
}

fn passages_char(a: &App) -> usize {
    let s = a.speech().unwrap();
    crate::app::passages::byte_to_char(&s.text, a.anchor.byte)
}

/// More than `corpus::opening::BIG` of text: numbered parts, each a heading and a paragraph.
fn big_speech() -> String {
    let mut t = String::from("在全体会议上的讲话\n\n同志们：\n\n");
    for i in 0..60 {
        t.push_str(&format!("{}、第{i}部分\n\n", ["一", "二", "三"][i % 3]));
        t.push_str(&format!("第{i}部分的正文，讲的是工作中的问题和办法。").repeat(200));
        t.push_str("\n\n");
    }
    assert!(t.len() > corpus::opening::BIG);
    t
}

#[test]
fn a_big_file_opens_at_once_then_the_whole_keeps_the_place_and_a_bookmark_further_on() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("big.txt");
    std::fs::write(&path, big_speech()).unwrap();
    // A bookmark near the end, far past the opening.
    let whole = corpus::load::load_with_id(&path, "big".into(), None).unwrap();
    let chars: Vec<char> = whole.text.chars().collect();
    let at = chars.len() - 500;
    let mut b = crate::store::bookmarks::Bookmark::new("big", at, at + 12);
    b.excerpt = chars[at..at + 12].iter().collect();
    let marks = dir.path().join("b.toml");
    let mut store = BookmarkStore::load(&marks);
    store.add(b).unwrap();
    let saved = std::fs::read_to_string(&marks).unwrap();

    let mut a = App::new(Corpus::default(), &Config::default());
    a.attach_storage(
        Some(BookmarkStore::load(&marks)),
        Some(StateFile::load(dir.path().join("s.toml"))),
    );
    a.resize(100, 30);
    a.load(Source::Dirs {
        dirs: vec![folder],
        encoding: None,
    });
    let s = a.speech().unwrap();
    assert!(
        s.opening_only,
        "only the opening is parsed before the first frame"
    );
    assert!(whole.text.starts_with(&s.text));
    // The bookmark waits for the whole text rather than being re-anchored on the opening.
    assert_eq!(a.resolved[0].anchoring, Anchoring::Pending);
    assert_eq!(std::fs::read_to_string(&marks).unwrap(), saved);
    a.update(Action::FocusReader);
    for _ in 0..3 {
        a.update(Action::NextTopHeading);
    }
    let (place, heading) = (passages_char(&a), a.current_heading());
    assert!(place > 0);

    a.wait_loaded();
    assert!(a.speech().unwrap().whole());
    assert_eq!(passages_char(&a), place);
    assert_eq!(a.current_heading(), heading);
    assert_eq!(a.resolved[0].anchoring, Anchoring::Exact);
    assert_eq!(std::fs::read_to_string(&marks).unwrap(), saved);
}

#[test]
fn a_big_file_last_read_past_its_opening_opens_there_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("c");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("big.txt"), big_speech()).unwrap();
    let st = dir.path().join("state.toml");
    std::fs::write(&st, "last_speech = \"big\"\n\n[positions]\nbig = 200000\n").unwrap();
    let mut a = App::new(Corpus::default(), &Config::default());
    a.attach_storage(None, Some(StateFile::load(&st)));
    a.resize(100, 30);
    a.load(Source::Dirs {
        dirs: vec![folder],
        encoding: None,
    });
    assert!(a.speech().unwrap().text.chars().count() > 200000 + 4096);
    assert_eq!(passages_char(&a), 200000);
}
