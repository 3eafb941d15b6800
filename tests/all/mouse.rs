//! The mouse as the event loop delivers it (`App::mouse`): the wheel scrolls the pane under the
//! pointer, a left click selects a list row or jumps to an outline heading, and everything
//! else — borders, the status bar, outside the screen, overlays, `ui.mouse = false` — is ignored.

use tigang::app::{Anchor, App, Area as Rect, Focus};
use tigang::config::keymap::Action;
use tigang::config::keys::{MouseButton, MouseEvent, MouseEventKind};
use tigang::config::Config;

fn app_with(config: &Config, w: u16, h: u16) -> App {
    let mut a = App::new(tigang::corpus::builtin(), config);
    a.resize(w, h);
    a
}

fn app(w: u16, h: u16) -> App {
    app_with(&Config::default(), w, h)
}

fn event(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent { kind, column, row }
}

fn wheel_down(a: &mut App, r: Rect) {
    a.mouse(event(MouseEventKind::ScrollDown, r.x + 2, r.y + 2));
}

fn wheel_up(a: &mut App, r: Rect) {
    a.mouse(event(MouseEventKind::ScrollUp, r.x + 2, r.y + 2));
}

/// A left click on the `row`th row inside a pane's border.
fn click_row(a: &mut App, r: Rect, row: u16) {
    a.mouse(event(
        MouseEventKind::Down(MouseButton::Left),
        r.x + 3,
        r.y + 1 + row,
    ));
}

/// Everything a mouse event could change.
#[derive(Debug, PartialEq)]
struct State {
    focus: Focus,
    list_sel: usize,
    list_top: usize,
    open: Option<usize>,
    anchor: Anchor,
    outline_sel: usize,
    outline_top: usize,
    show_list: bool,
    show_outline: bool,
}

fn state(a: &App) -> State {
    State {
        focus: a.focus,
        list_sel: a.list_sel,
        list_top: a.list_top,
        open: a.open,
        anchor: a.anchor,
        outline_sel: a.outline_sel,
        outline_top: a.outline_top,
        show_list: a.show_list,
        show_outline: a.show_outline,
    }
}

fn top_text(a: &mut App) -> String {
    let lay = a.layout().unwrap();
    let top = a.top_line();
    let s = a.speech().unwrap();
    lay.line_text(s, top).to_string()
}

#[test]
fn wheel_over_the_list_moves_the_selection_without_opening() {
    let mut a = app(120, 40);
    let list = a.panes().list.unwrap();
    wheel_down(&mut a, list);
    assert_eq!(a.list_sel, 3);
    wheel_down(&mut a, list);
    assert_eq!(a.list_sel, 4, "stops at the last speech");
    wheel_up(&mut a, list);
    assert_eq!(a.list_sel, 1);
    wheel_up(&mut a, list);
    assert_eq!(a.list_sel, 0);
    assert_eq!(a.open, Some(0), "the wheel only moves the selection");
    assert_eq!(a.focus, Focus::List);
}

#[test]
fn wheel_over_the_outline_moves_and_scrolls_it() {
    // 10 rows: the outline shows 7 of the 16 headings of speech 001.
    let mut a = app(120, 10);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusList);
    let outline = a.panes().outline.unwrap();
    let anchor = a.anchor;
    for _ in 0..3 {
        wheel_down(&mut a, outline);
    }
    assert_eq!(a.outline_sel, 9);
    assert_eq!(a.outline_top, 3, "the selection is kept in view");
    for _ in 0..10 {
        wheel_down(&mut a, outline);
    }
    assert_eq!(a.outline_sel, 15, "stops at the last heading");
    wheel_up(&mut a, outline);
    assert_eq!(a.outline_sel, 12);
    assert_eq!(a.anchor, anchor, "the wheel does not jump the text");
    assert_eq!(a.focus, Focus::List);
}

#[test]
fn wheel_over_the_reading_pane_scrolls_the_text() {
    let mut a = app(120, 40);
    let reader = a.panes().reader.unwrap();
    assert_eq!(a.top_line(), 0);
    wheel_down(&mut a, reader);
    assert_eq!(a.top_line(), 3);
    wheel_down(&mut a, reader);
    assert_eq!(a.top_line(), 6);
    wheel_up(&mut a, reader);
    assert_eq!(a.top_line(), 3);
    for _ in 0..5 {
        wheel_up(&mut a, reader);
    }
    assert_eq!(a.top_line(), 0);
    assert_eq!(a.list_sel, 0);
    assert_eq!(a.focus, Focus::List);
}

#[test]
fn click_on_a_list_row_selects_and_opens_that_speech() {
    let mut a = app(120, 40);
    a.update(Action::FocusReader);
    let list = a.panes().list.unwrap();
    click_row(&mut a, list, 2);
    assert_eq!(a.list_sel, 2);
    assert_eq!(a.open, Some(2));
    assert_eq!(a.focus, Focus::List);
    // Below the last speech: focus only.
    click_row(&mut a, list, 10);
    assert_eq!((a.list_sel, a.open), (2, Some(2)));
    // The previous speech is one jump back.
    a.update(Action::JumpBack);
    assert_eq!(a.open, Some(0));
}

#[test]
fn click_on_an_outline_row_jumps_to_that_heading() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    let outline = a.panes().outline.unwrap();
    click_row(&mut a, outline, 6);
    assert_eq!(a.focus, Focus::Outline);
    assert_eq!(a.outline_sel, 6);
    assert_eq!(a.current_heading(), Some(6));
    assert!(
        top_text(&mut a).contains("二、坚持从严从实"),
        "{}",
        top_text(&mut a)
    );
    // Below the last heading: focus only, no jump.
    let anchor = a.anchor;
    click_row(&mut a, outline, 30);
    assert_eq!(a.anchor, anchor);
    a.update(Action::JumpBack);
    assert_eq!(a.top_line(), 0, "the click was a jump");
}

#[test]
fn click_in_the_reading_pane_focuses_it() {
    let mut a = app(120, 40);
    let reader = a.panes().reader.unwrap();
    let before = a.anchor;
    click_row(&mut a, reader, 5);
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(a.anchor, before);
}

#[test]
fn clicks_and_wheels_outside_the_panes_do_nothing() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    let before = state(&a);
    let status = a.panes().status;
    for kind in [
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
    ] {
        for (x, y) in [
            (5, status.y),
            (60, status.y),
            (119, 39),
            (120, 5),
            (500, 500),
        ] {
            a.mouse(event(kind, x, y));
            assert_eq!(state(&a), before, "{kind:?} at ({x},{y})");
        }
    }
    // Right and middle clicks, drags and moves do nothing anywhere.
    let list = a.panes().list.unwrap();
    for kind in [
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Down(MouseButton::Middle),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
        MouseEventKind::ScrollLeft,
    ] {
        a.mouse(event(kind, list.x + 3, list.y + 3));
        assert_eq!(state(&a), before, "{kind:?}");
    }
}

#[test]
fn clicks_on_a_pane_border_select_nothing() {
    // 6 rows: the list shows 3 speeches between its top border (title) and bottom border.
    let mut a = app(120, 6);
    a.update(Action::Down);
    a.update(Action::FocusReader);
    let list = a.panes().list.unwrap();
    let outline = a.panes().outline.unwrap();
    for (x, y) in [(list.x + 3, list.y), (list.x + 3, list.bottom() - 1)] {
        a.mouse(event(MouseEventKind::Down(MouseButton::Left), x, y));
        assert_eq!((a.list_sel, a.open), (1, Some(0)), "click at ({x},{y})");
        assert_eq!(a.focus, Focus::List);
    }
    let anchor = a.anchor;
    for (x, y) in [
        (outline.x + 3, outline.y),
        (outline.x + 3, outline.bottom() - 1),
    ] {
        a.mouse(event(MouseEventKind::Down(MouseButton::Left), x, y));
        assert_eq!(a.anchor, anchor, "click at ({x},{y})");
        assert_eq!(a.focus, Focus::Outline);
    }
}

#[test]
fn overlays_take_no_mouse_events() {
    let mut a = app(120, 40);
    a.update(Action::Help);
    let before = state(&a);
    let list = a.panes().list.unwrap();
    wheel_down(&mut a, list);
    click_row(&mut a, list, 2);
    assert_eq!(state(&a), before);
}

#[test]
fn mouse_off_in_the_config_ignores_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[ui]\nmouse = false\n").unwrap();
    let config = tigang::config::load(&path).unwrap();
    let mut a = app_with(&config, 120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::FocusList);
    let before = state(&a);
    let p = a.panes();
    for r in [p.list.unwrap(), p.outline.unwrap(), p.reader.unwrap()] {
        wheel_down(&mut a, r);
        wheel_up(&mut a, r);
        for row in 0..5 {
            click_row(&mut a, r, row);
        }
        assert_eq!(state(&a), before, "pane {r:?}");
    }
}

#[test]
fn a_click_in_the_text_puts_the_cursor_on_that_sentence_and_a_drag_selects() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    a.update(Action::Open);
    let r = a.panes().reader.unwrap();
    let (left, _) = a.text_columns(r.width - 2);
    // A text row in the middle of the pane: the sentence drawn at that cell.
    let lay = a.layout().unwrap();
    let top = a.top_line();
    let row = (10..30)
        .find(|&i| lay.line_range(top + i).is_some_and(|r| r.len() > 30))
        .unwrap();
    let x = r.x + 1 + left + 6;
    a.mouse(event(
        MouseEventKind::Down(MouseButton::Left),
        x,
        r.y + 1 + row as u16,
    ));
    assert_eq!(a.focus, Focus::Reader);
    let line = lay.line_range(top + row).unwrap();
    let c = a.cursor.clone().expect("a cursor");
    assert!(
        c.start <= line.start + 9 && c.end > line.start + 9,
        "{c:?} {line:?}"
    );
    assert!(a.visual.is_none());
    // Dragging five rows down selects every sentence between.
    a.mouse(event(
        MouseEventKind::Drag(MouseButton::Left),
        x,
        r.y + 1 + row as u16 + 5,
    ));
    let sel = a.selection().unwrap();
    assert!(a.visual.is_some());
    assert!(sel.start == c.start && sel.end > c.end, "{sel:?}");
    assert!(a.selected_sentences().unwrap() >= 2);
}
