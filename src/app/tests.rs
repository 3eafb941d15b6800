use super::*;
use crate::config::keymap::Action;
use crate::config::keys::KeyCode;

fn app() -> App {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a
}

use crate::app::test_key as key;

fn top_text(a: &mut App) -> String {
    let lay = a.layout().unwrap();
    let top = a.top_line();
    let s = a.speech().unwrap();
    (top..top + 3)
        .map(|l| lay.line_text(s, l).to_string())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn starts_on_the_list_with_the_first_speech_open() {
    let a = app();
    assert_eq!(a.focus, Focus::List);
    assert_eq!(a.visible.len(), 5);
    assert_eq!(a.open, Some(0));
    let p = a.panes();
    assert!(p.list.is_some() && p.outline.is_some() && p.reader.is_some());
}

#[test]
fn open_jump_to_heading_next_heading_and_back() {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    assert_eq!(a.focus, Focus::Reader);
    a.update(Action::FocusOutline);
    // Headings of 001: 一、 then five 一要…, then 二、 at index 6.
    for _ in 0..6 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    assert!(
        top_text(&mut a).contains("二、坚持从严从实"),
        "{}",
        top_text(&mut a)
    );
    assert_eq!(a.current_heading(), Some(6));
    a.update(Action::NextHeading);
    assert_eq!(a.current_heading(), Some(7));
    assert!(top_text(&mut a).contains("一要把握工作重点"));
    a.update(Action::NextTopHeading);
    assert_eq!(a.current_heading(), Some(12));
    a.update(Action::PrevTopHeading);
    assert_eq!(a.current_heading(), Some(6));
    a.update(Action::PrevHeading);
    assert_eq!(a.current_heading(), Some(5));
    a.update(Action::JumpBack);
    assert_eq!(a.current_heading(), Some(6));
    a.update(Action::JumpBack);
    a.update(Action::JumpBack);
    assert_eq!(a.current_heading(), Some(7));
    a.update(Action::JumpForward);
    assert_eq!(a.current_heading(), Some(12));
}

#[test]
fn jump_back_returns_to_the_previous_speech() {
    let mut a = app();
    a.update(Action::FocusReader);
    a.update(Action::PageDown);
    let before = a.anchor;
    a.update(Action::FocusList);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    a.update(Action::JumpBack);
    assert_eq!(a.open, Some(0));
    assert_eq!(a.anchor, before);
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut a = app();
    a.update(Action::FocusReader);
    for _ in 0..25 {
        a.update(Action::Down);
    }
    let byte = {
        let lay = a.layout().unwrap();
        let top = a.top_line();
        lay.line_range(top).map(|r| r.start)
    };
    a.resize(70, 20);
    let lay = a.layout().unwrap();
    let top = a.top_line();
    let r = lay.line_range(top).expect("text line at top");
    assert!(r.contains(&byte.unwrap()) || r.start == byte.unwrap());
    a.resize(200, 60);
    a.resize(1, 1);
    assert!(a.panes().too_small);
    a.resize(120, 40);
}

#[test]
fn scrolling_through_blank_lines_is_not_stuck() {
    let mut a = app();
    a.update(Action::FocusReader);
    let mut seen = Vec::new();
    for _ in 0..40 {
        seen.push(a.top_line());
        a.update(Action::Down);
    }
    for w in seen.windows(2) {
        assert_eq!(w[1], w[0] + 1);
    }
    for _ in 0..40 {
        a.update(Action::Up);
    }
    assert_eq!(a.top_line(), 0);
}

#[test]
fn filter_by_title_with_chinese_input() {
    let mut a = app();
    a.update(Action::Filter);
    for c in "主题教育".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(a.visible, vec![1]);
    a.handle_key(key(KeyCode::Backspace));
    a.handle_key(key(KeyCode::Backspace));
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.filter, "主题");
    assert!(a.prompt.is_none());
    a.update(Action::FocusList);
    a.update(Action::Back);
    assert_eq!(a.visible.len(), 5);
}

#[test]
fn one_enter_after_a_filter_opens_the_selected_speech() {
    let mut a = app();
    a.update(Action::Filter);
    for c in "乡镇".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.open, Some(3));
    assert_eq!(a.focus, Focus::Reader);
    assert!(a.prompt.is_none());
}

#[test]
fn a_reopened_filter_is_replaced_by_typing_and_up_recalls_it() {
    let mut a = app();
    a.update(Action::Filter);
    for c in "主题".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    a.handle_key(key(KeyCode::Enter));
    a.update(Action::Filter);
    assert_eq!(a.prompt.as_ref().unwrap().edit.text, "主题");
    assert!(a.prompt.as_ref().unwrap().edit.selected);
    // Typing replaces the old text instead of appending to it (主题乡镇 → nothing).
    for c in "乡镇".chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
    assert_eq!(a.filter, "乡镇");
    assert_eq!(a.visible, vec![3]);
    a.handle_key(key(KeyCode::Up));
    assert_eq!(a.filter, "主题");
    assert_eq!(a.visible, vec![1]);
    // Ctrl-u empties it.
    a.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert_eq!(a.visible.len(), 5);
}

#[test]
fn typing_chinese_in_the_list_filters_directly() {
    let mut a = app();
    a.handle_key(key(KeyCode::Char('主')));
    a.handle_key(key(KeyCode::Char('题')));
    assert_eq!(a.filter, "主题");
    assert_eq!(a.visible, vec![1]);
    a.handle_key(key(KeyCode::Esc));
    assert_eq!(a.visible.len(), 5);
    // Bound keys keep their meaning; pasted text filters too.
    a.handle_key(key(KeyCode::Char('j')));
    assert!(a.prompt.is_none() && a.filter.is_empty());
    a.paste("乡镇");
    assert_eq!(a.visible, vec![3]);
}

#[test]
fn line_edit_by_character() {
    let mut e = LineEdit::default();
    e.insert_str("一岗双责");
    e.key(&key(KeyCode::Left));
    e.key(&key(KeyCode::Backspace));
    assert_eq!(e.text, "一岗责");
    assert_eq!(e.before_cursor(), "一岗");
    e.insert_str("x\ny");
    assert_eq!(e.text, "一岗xy责");
}

#[test]
fn narrow_terminal_shows_fewer_panes() {
    let mut a = app();
    a.resize(60, 20);
    let p = a.panes();
    assert!(p.list.is_none() || p.outline.is_none(), "{p:?}");
    assert!(p.reader.is_some() || p.list.map(|r| r.width) == Some(60));
    a.update(Action::FocusOutline);
    let p = a.panes();
    assert!(p.outline.is_some());
    a.update(Action::ToggleList);
    a.update(Action::ToggleOutline);
    a.update(Action::FocusReader);
    let p = a.panes();
    assert_eq!(p.reader.map(|r| r.width), Some(60));
}

#[test]
fn outline_follows_scrolling() {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.current_heading(), None);
    for _ in 0..30 {
        a.update(Action::PageDown);
    }
    // At the end the top line sits in the last top-level section.
    assert_eq!(a.current_heading(), Some(13));
    assert_eq!(a.outline_sel, 13);
    a.update(Action::Top);
    assert_eq!(a.top_line(), 0);
}

#[test]
fn the_language_switch_and_the_help_seen_are_kept_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.toml");
    let start = || {
        let mut a = app();
        let state = crate::store::state::StateFile::load(&path);
        a.attach_storage(None, Some(state));
        a
    };
    let mut a = start();
    assert!(!a.help_seen);
    assert_eq!(a.lang, crate::config::keymap::Lang::Zh);
    a.update(Action::Help);
    a.update(Action::ToggleLanguage);
    a.update(Action::Help);
    a.save_state().unwrap();
    let b = start();
    assert!(b.help_seen);
    assert_eq!(b.lang, crate::config::keymap::Lang::En);
}

#[test]
fn position_counts_from_the_title_and_the_end_is_the_last_paragraph() {
    for i in 0..5 {
        let mut a = app();
        for _ in 0..i {
            a.update(Action::Down);
        }
        a.update(Action::Open);
        // Seeds 002 and 003 open below folded front matter: still 0%.
        assert_eq!(a.percent(), 0, "speech {i} opens at 0%");
        assert_eq!(a.paragraph_position().unwrap().0, 1, "speech {i}");
        a.update(Action::Bottom);
        let (at, total) = a.paragraph_position().unwrap();
        assert_eq!(
            (at, a.percent()),
            (total, 100),
            "speech {i}: G is 段 N/N 100%"
        );
    }
}

#[test]
fn a_wrapped_title_is_balanced_not_left_with_one_word() {
    let mut a = app();
    a.resize(80, 24);
    a.update(Action::FocusReader);
    let lay = a.layout().unwrap();
    let s = a.speech().unwrap();
    let title: Vec<usize> = (0..lay.len())
        .filter(|&l| {
            lay.block_of_line(l)
                .is_some_and(|b| b.style == crate::corpus::ParaKind::Title)
        })
        .map(|l| crate::text::width::display_width(lay.line_text(s, l)))
        .collect();
    assert!(title.len() >= 2, "{title:?}");
    let (long, short) = (title.iter().max().unwrap(), title.iter().min().unwrap());
    // 在“抓‘两个重点’…会议上 / 的讲话 before: now lines of about the same length.
    assert!(long - short <= 6, "{title:?}");
}

#[test]
fn filter_words_must_all_match_and_latin_words_match_pinyin() {
    let mut a = app();
    let filtered = |a: &mut App, f: &str| {
        a.filter = f.to_string();
        a.refilter();
        a.visible.clone()
    };
    // 主题教育 is speech 1, 乡镇 speech 3.
    assert_eq!(filtered(&mut a, "主题 培训"), vec![1]);
    assert_eq!(filtered(&mut a, "主题 乡镇"), Vec::<usize>::new());
    assert_eq!(filtered(&mut a, "ztjy"), vec![1]);
    assert_eq!(filtered(&mut a, "zhuti"), vec![1]);
    assert_eq!(filtered(&mut a, "xiangzhen 培训"), vec![3]);
}

#[test]
fn sorting_by_title_is_in_pinyin_order_and_says_so() {
    let mut a = app();
    a.update(Action::Sort);
    assert_eq!(a.sort, SortBy::Title);
    let titles: Vec<String> = a
        .visible
        .iter()
        .map(|&i| a.corpus.speeches[i].display_title().into_owned())
        .collect();
    let keys: Vec<_> = titles
        .iter()
        .map(|t| crate::text::pinyin::sort_key(t))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
    // 提升 (ti) before 在 (zai) and “抓 (zhua) after 在全市 (zaiquan).
    assert!(titles[0].starts_with("提升"), "{titles:?}");
    assert!(titles.last().unwrap().starts_with("在“抓"), "{titles:?}");
}

#[test]
fn a_key_conflict_in_the_config_is_said_at_start() {
    let source = "[ui]\nlanguage = \"en\"\n[keys]\ntoggle_copies = \"s\"\n";
    let config = crate::config::parse(source, std::path::Path::new("config.toml")).unwrap();
    let mut a = App::new(crate::corpus::builtin(), &config);
    let said = a.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("Key conflict in the config (its key wins): config.toml:4:17: key \"s\""),
        "{said}"
    );
    assert!(
        said.contains("toggle_copies") && said.contains("sort"),
        "{said}"
    );
    // Still said once bookmarks and state are attached (they have nothing to add here).
    a.attach_storage(None, None);
    assert_eq!(a.message.as_deref(), Some(said.as_str()));
}

/// One speech in three files (two folders, one of them GBK) and another speech: a group of
/// three and a speech on its own.
fn with_copies() -> App {
    let mut c = crate::corpus::builtin();
    let base = c.speeches[0].clone();
    let other = c.speeches[1].clone();
    let file = |id: &str, encoding: &'static str| {
        let mut s = base.clone();
        s.id = id.into();
        s.path = None;
        s.encoding = encoding;
        s
    };
    c.speeches = vec![
        file("2019/讲话", "UTF-8"),
        file("2020/讲话", "GBK"),
        file("2020/讲话-副本", "UTF-8"),
        other,
    ];
    c.duplicates = vec![vec![0, 1, 2]];
    let mut a = App::new(c, &Config::default());
    a.resize(120, 40);
    a
}

#[test]
fn an_expanded_copy_is_told_apart_by_its_file_and_encoding() {
    let mut a = with_copies();
    a.update(Action::ToggleCopies);
    assert_eq!(a.visible, [0, 1, 2, 3]);
    let tag = |a: &App, row| a.copy_tag(row).map(|t| (t.file, t.encoding));
    assert_eq!(tag(&a, 0), None, "the entry shows its title");
    // Same file name as the entry: the folder tells them apart, and so does the encoding.
    assert_eq!(tag(&a, 1), Some(("2020/讲话".into(), Some("GBK"))));
    assert_eq!(tag(&a, 2), Some(("讲话-副本".into(), None)));
    assert_eq!(tag(&a, 3), None);
}

#[test]
fn folding_a_group_whose_copy_is_open_marks_and_selects_its_entry() {
    let mut a = with_copies();
    assert_eq!(a.visible, [0, 3]);
    a.update(Action::ToggleCopies);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!((a.open, a.focus), (Some(2), Focus::Reader));
    assert!(a.row_holds_open(2) && !a.row_holds_open(0));
    // The list selection wandered off meanwhile; `x` in the reader folds the open copy's
    // group and the list follows it there.
    a.update(Action::FocusList);
    a.update(Action::Down);
    a.update(Action::FocusReader);
    a.update(Action::ToggleCopies);
    assert_eq!(a.visible, [0, 3]);
    assert_eq!(a.open, Some(2), "the copy stays open");
    assert_eq!(a.list_sel, 0);
    assert!(a.row_holds_open(0), "the entry stands for the open copy");
    assert!(!a.row_holds_open(1));
    // Folded from the list with the copy selected: the same.
    a.update(Action::FocusList);
    a.update(Action::ToggleCopies);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::ToggleCopies);
    assert_eq!((a.list_sel, a.row_holds_open(0)), (0, true));
}

#[test]
fn in_a_speech_that_fits_the_screen_j_and_k_move_the_cursor_and_the_paragraph_count() {
    let text = "在会上的讲话\n\n第一段第一句。第一段第二句。\n\n第二段只有一句。\n\n第三段第一句。第三段第二句。\n";
    let c = crate::corpus::Corpus {
        speeches: vec![crate::corpus::Speech::parse("short", text)],
        ..Default::default()
    };
    let mut a = App::new(c, &Config::default());
    a.resize(120, 40);
    a.update(Action::Open);
    assert_eq!(a.focus, Focus::Reader);
    let s = a.speech().unwrap().clone();
    let para = |a: &App| s.para_at(a.selection().unwrap().start);
    let body: Vec<usize> = (0..s.paragraphs.len())
        .filter(|&i| s.paragraphs[i].kind == crate::corpus::ParaKind::Body)
        .collect();
    assert_eq!(body.len(), 3);
    a.update(Action::Down);
    let first = a.paragraph_position().unwrap();
    assert_eq!(para(&a), body[0]);
    assert_eq!(first, (1, 3));
    // Nothing to scroll: each j is the next sentence, and 段 follows it.
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(para(&a), body[1]);
    assert_eq!(a.paragraph_position(), Some((2, 3)));
    assert_eq!(&s.text[a.selection().unwrap()], "第二段只有一句。");
    a.update(Action::Up);
    assert_eq!(a.paragraph_position(), Some((1, 3)));
    // G is the last sentence, g the first: what `m` would bookmark.
    a.update(Action::Bottom);
    assert_eq!(&s.text[a.selection().unwrap()], "第三段第二句。");
    assert_eq!(a.paragraph_position(), Some((3, 3)));
    a.update(Action::Top);
    assert_eq!(a.paragraph_position().unwrap().0, 1);
    assert_eq!(a.top_line(), 0);
}
