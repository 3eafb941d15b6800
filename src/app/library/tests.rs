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

#[test]
fn mark_one_speech_and_compare_with_the_open_one() {
    let mut a = app();
    // Nothing marked yet: a hint, no overlay.
    a.update(Action::Compare);
    assert_eq!(a.overlay, None);
    assert!(a.message.as_ref().unwrap().contains("标记"));
    // Mark 001 in the list, open it: comparing a speech with itself is refused.
    a.update(Action::Down);
    a.update(Action::MarkCompare);
    assert_eq!(a.compare_mark.as_deref(), Some("001_e06c157ea6db8405"));
    assert!(a
        .message
        .as_ref()
        .unwrap()
        .contains("已标记《在全市第二批主题教育培训会上的讲话》"));
    a.update(Action::Open);
    a.update(Action::Compare);
    assert_eq!(a.overlay, None);
    // Open 004 and compare: 001's 16 headings dropped, 004's 24 added, in order.
    a.update(Action::FocusList);
    for _ in 0..3 {
        a.update(Action::Down);
    }
    a.update(Action::Open);
    assert_eq!(a.speech().unwrap().id, "004_c86d48fce694c9fb");
    a.update(Action::Compare);
    assert_eq!(a.overlay, Some(crate::app::Overlay::Compare));
    let c = a.compare.as_ref().unwrap();
    assert_eq!((c.a, c.b), (1, 4));
    assert_eq!(crate::corpus::align::tally(&c.rows), (0, 0, 16, 24));
    // Enter on an added row jumps to that heading of the open speech.
    for _ in 0..17 {
        a.update(Action::Down);
    }
    let row = a.compare.as_ref().unwrap().rows[17];
    assert_eq!((row.a, row.b), (None, Some(1)));
    a.update(Action::Open);
    assert_eq!(a.overlay, None);
    assert_eq!(a.open, Some(4));
    assert_eq!(a.outline_sel, 1);
    assert_eq!(a.anchor.byte, a.speech().unwrap().headings[1].marker.start);
    // On a dropped row it opens the marked speech at its heading.
    a.update(Action::Compare);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.open, Some(1));
    assert_eq!(a.outline_sel, 1);
    // The same key again on the marked speech clears the mark.
    a.update(Action::MarkCompare);
    assert_eq!(a.compare_mark, None);
}

#[test]
fn brief_rows_carry_each_headings_first_sentence() {
    use crate::app::OutlineRow;
    let mut a = on_001();
    let plain = a.outline_rows().len();
    a.update(Action::OutlineBrief);
    assert!(a.outline_brief);
    assert_eq!(a.message.as_deref(), Some("纲目：标题下显示正文首句"));
    let rows = a.outline_rows();
    assert!(rows.len() > plain);
    // Under 四要 搞好服务协调: its first sentence, wrapped to the pane, in order.
    let s = a.speech().unwrap();
    let h = (0..s.headings.len())
        .find(|&i| s.heading_label(i) == "四要 搞好服务协调")
        .unwrap();
    let at = rows
        .iter()
        .position(|r| *r == OutlineRow::Heading(h))
        .unwrap();
    let lines: Vec<String> = rows[at + 1..]
        .iter()
        .take_while(|r| matches!(r, OutlineRow::Brief(i, _) if *i == h))
        .map(|r| match *r {
            OutlineRow::Brief(i, k) => a.outline_brief_lines(i)[usize::from(k)].clone(),
            _ => unreachable!(),
        })
        .collect();
    // Three lines at most, the last cut with an ellipsis.
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(
        lines.concat(),
        "做好办公室综合协调服务工作，关键是要守责负责、周全周密，重点是要区分好不同服务对象的…"
    );
    assert!(lines.concat().starts_with("做好办公室综合协调服务工作，"));
    // Every line fits the pane; the width rule is the pane's.
    let w = a.brief_width(2);
    assert!(lines
        .iter()
        .all(|l| crate::text::width::display_width(l) <= w));
    // Enter on a heading still jumps; O again goes back to the plain outline.
    a.outline_sel = h;
    a.update(Action::Open);
    assert_eq!(a.current_heading(), Some(h));
    a.update(Action::OutlineBrief);
    assert_eq!(a.outline_rows().len(), plain);
}

#[test]
fn the_corpus_outline_follows_the_list_filter() {
    use crate::app::Overlay;
    use crate::config::keys::KeyCode;
    let mut a = app();
    a.update(Action::CorpusOutline);
    assert_eq!(a.overlay, Some(Overlay::CorpusOutline));
    let rows = a.corpus_outline_rows();
    // Five titles, then only top-level headings.
    assert_eq!(rows.iter().filter(|r| r.heading.is_none()).count(), 5);
    assert!(rows.iter().all(|r| r
        .heading
        .is_none_or(|h| a.corpus.speeches[r.speech].headings[h].depth == 1)));
    // `f` filters from inside the view: only 培训 speeches are left.
    a.update(Action::Filter);
    for c in "培训".chars() {
        a.handle_key(crate::app::test_key(KeyCode::Char(c)));
    }
    a.handle_key(crate::app::test_key(KeyCode::Enter));
    assert_eq!(a.overlay, Some(Overlay::CorpusOutline));
    let rows = a.corpus_outline_rows();
    let titles: Vec<String> = rows
        .iter()
        .filter(|r| r.heading.is_none())
        .map(|r| a.corpus.speeches[r.speech].display_title().into_owned())
        .collect();
    assert_eq!(
        titles,
        [
            "在全市第二批主题教育培训会上的讲话",
            "在市X系统基层党务干部培训班开班仪式上的动员讲话",
            "在全市乡镇(街道)党(工)委书记培训重点班上的发言"
        ]
    );
    let labels: Vec<String> = rows[..4]
        .iter()
        .map(|r| match r.heading {
            Some(h) => a.corpus.speeches[r.speech].heading_label(h),
            None => format!("《{}》", a.corpus.speeches[r.speech].title),
        })
        .collect();
    assert_eq!(
        labels,
        [
            "《在全市第二批主题教育培训会上的讲话》",
            "一、提高政治站位，扎实做好主题教育组织协调工作",
            "二、坚持从严从实，认真做好主题教育督促指导工作",
            "三、强化自身建设，推动主题教育取得扎实成效",
        ]
    );
    // ] goes to the next speech; Enter on a heading opens it there.
    a.corpus_outline_sel = 0;
    a.update(Action::NextHeading);
    assert_eq!(a.corpus_outline_sel, 4);
    a.update(Action::Down);
    a.update(Action::Open);
    assert_eq!(a.overlay, None);
    let s = a.speech().unwrap();
    assert_eq!(s.id, "002_79d529a42d7e482e");
    assert_eq!(s.heading_label(a.outline_sel), "一、培训的意义");
    assert_eq!(a.anchor.byte, s.headings[a.outline_sel].marker.start);
}
