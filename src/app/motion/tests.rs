use super::*;
use crate::app::test_key as key;
use crate::config::keymap::Action;
use crate::config::keys::{KeyCode, KeyEvent, KeyModifiers};
use crate::config::Config;

fn app() -> App {
    let mut a = App::new(crate::corpus::builtin(), &Config::default());
    a.resize(120, 40);
    a
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        a.handle_key(key(KeyCode::Char(c)));
    }
}

fn ctrl(a: &mut App, c: char) {
    a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Speech 001, opened, with the reading pane focused.
fn reading() -> App {
    let mut a = app();
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.focus, Focus::Reader);
    a
}

#[test]
fn targets_parse_as_typed_in_either_script() {
    assert_eq!(parse_target("12"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("段 12"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("段１２"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("p3"), Some(Target::Paragraph(3)));
    assert_eq!(parse_target("50%"), Some(Target::Percent(50)));
    assert_eq!(parse_target("５０％"), Some(Target::Percent(50)));
    assert_eq!(parse_target("150%"), Some(Target::Percent(100)));
    assert_eq!(parse_target("第12段"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("第 １２ 段"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("12段"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("第十二段"), Some(Target::Paragraph(12)));
    assert_eq!(parse_target("段三"), Some(Target::Paragraph(3)));
    assert_eq!(parse_target("第十二段半"), None);
    assert_eq!(parse_target("第段"), None);
    assert_eq!(parse_target("abc"), None);
}

#[test]
fn a_count_repeats_j_and_k_in_the_text_and_the_list() {
    let mut a = reading();
    let top = a.top_line();
    keys(&mut a, "5j");
    assert_eq!(a.top_line(), top + 5);
    // `1` alone would focus the list; followed by a digit it is a count, the text still
    // focused.
    keys(&mut a, "12j3k");
    assert_eq!(a.top_line(), top + 14);
    assert_eq!((a.count, a.focus), (None, Focus::Reader));
    keys(&mut a, "20k");
    assert_eq!(a.top_line(), top);
    // Alone, 1 2 3 switch panes, as in lazygit; other digits count.
    keys(&mut a, "1");
    assert_eq!(a.focus, Focus::List);
    a.update(Action::Top);
    keys(&mut a, "4j");
    assert_eq!(a.list_sel, 4);
    keys(&mut a, "2");
    assert_eq!(a.focus, Focus::Outline);
    a.handle_key(key(KeyCode::Esc));
    keys(&mut a, "3");
    assert_eq!(a.focus, Focus::Reader);
    a.handle_key(key(KeyCode::Esc));
    // 2 then 3 is the count 23, in the pane focused before.
    keys(&mut a, "23");
    assert_eq!((a.focus, a.count), (Focus::Reader, Some(23)));
}

#[test]
fn a_count_before_g_goes_to_that_paragraph_and_percent_to_that_share() {
    let mut a = reading();
    let (_, total) = a.paragraph_position().unwrap();
    keys(&mut a, "3G");
    assert_eq!(a.paragraph_position(), Some((3, total)));
    keys(&mut a, "12g");
    assert_eq!(a.paragraph_position(), Some((12, total)));
    keys(&mut a, "50%");
    assert!((48..=52).contains(&a.percent()), "{}", a.percent());
    // A jump: Ctrl-o returns.
    ctrl(&mut a, 'o');
    assert_eq!(a.paragraph_position(), Some((12, total)));
    keys(&mut a, "%");
    assert!(a.message.as_deref().unwrap().contains("50%"));
}

#[test]
fn the_colon_prompt_goes_to_a_paragraph_or_a_percentage() {
    let mut a = reading();
    let (_, total) = a.paragraph_position().unwrap();
    keys(&mut a, ":段 7");
    assert_eq!(a.prompt.as_ref().unwrap().kind, PromptKind::GoTo);
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.paragraph_position(), Some((7, total)));
    keys(&mut a, ":100%");
    a.handle_key(key(KeyCode::Enter));
    assert_eq!(a.percent(), 100);
    keys(&mut a, ":x");
    a.handle_key(key(KeyCode::Enter));
    assert!(a.message.as_deref().unwrap().contains(":50%"));
}

#[test]
fn less_and_vim_paging_keys() {
    let mut a = reading();
    let page = a.page() as usize;
    let top = a.top_line();
    ctrl(&mut a, 'f');
    assert_eq!(a.top_line(), top + page);
    ctrl(&mut a, 'b');
    assert_eq!(a.top_line(), top);
    keys(&mut a, "d");
    let half = a.top_line() - top;
    assert_eq!(half, page / 2 + 1);
    keys(&mut a, "u");
    assert_eq!(a.top_line(), top);
    ctrl(&mut a, 'e');
    ctrl(&mut a, 'e');
    assert_eq!(a.top_line(), top + 2);
    ctrl(&mut a, 'y');
    assert_eq!(a.top_line(), top + 1);
    // `F` is the corpus search; Ctrl-f is not.
    keys(&mut a, "F");
    assert_eq!(a.overlay, Some(crate::app::Overlay::CorpusSearch));
}

#[test]
fn h_m_l_put_the_cursor_on_the_screen_and_zz_centres_it() {
    let mut a = reading();
    keys(&mut a, "10j");
    let lay = a.layout().unwrap();
    let (top, rows) = (a.top_line(), a.reader_rows());
    let line_of = |a: &App| lay.line_of_byte(a.cursor.clone().unwrap().start);
    keys(&mut a, "L");
    let bottom = line_of(&a);
    assert!(bottom > top + rows - 4 && bottom < top + rows, "{bottom}");
    keys(&mut a, "H");
    assert!(line_of(&a) <= top + 1, "{}", line_of(&a));
    keys(&mut a, "M");
    let mid = line_of(&a);
    assert!(
        mid > top + rows / 2 - 3 && mid < top + rows / 2 + 3,
        "{mid}"
    );
    keys(&mut a, "L");
    let c = a.cursor.clone();
    keys(&mut a, "zz");
    assert_eq!(a.cursor, c);
    let centred = line_of(&a) - a.top_line();
    assert!(centred.abs_diff(rows / 2) <= 1, "{centred} of {rows}");
}

#[test]
fn ctrl_c_quits_even_remapped_and_from_a_prompt() {
    let mut a = app();
    let x = crate::config::keymap::parse_key("x").unwrap();
    a.keymap.bind(Action::Quit, &[x]);
    a.update(Action::Filter);
    ctrl(&mut a, 'c');
    assert!(a.quit);
}

#[test]
fn ctrl_l_asks_for_a_redraw() {
    let mut a = app();
    ctrl(&mut a, 'l');
    assert!(a.redraw);
}

#[test]
fn the_language_switch_lives_in_the_help() {
    let mut a = reading();
    let lang = a.lang;
    keys(&mut a, "lL");
    assert_eq!(a.lang, lang);
    keys(&mut a, "?l");
    assert_eq!(a.lang, lang.toggled());
    assert_eq!(a.overlay, Some(crate::app::Overlay::Help));
}

/// Found by a tester: `3` to go to the text, a look at it, then `5G` went to paragraph 35 of
/// the list. A digit takes a pane switch back into a count only when typed at once after it.
#[test]
fn a_pane_switch_is_used_up_once_the_next_digit_is_not_typed_at_once() {
    let mut a = reading();
    a.update(Action::FocusList);
    keys(&mut a, "3");
    assert_eq!(a.focus, Focus::Reader);
    a.digit_switch_was(std::time::Duration::from_secs(2));
    keys(&mut a, "5G");
    assert_eq!(a.focus, Focus::Reader, "the switch stands");
    assert_eq!(a.paragraph_position().map(|p| p.0), Some(5));
    // Typed at once, the two digits are still one count (`12G` from the text pane, where `1`
    // alone would switch to the list).
    keys(&mut a, "12G");
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(a.paragraph_position().map(|p| p.0), Some(12));
}
