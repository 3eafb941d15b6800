//! Near-duplicate speeches on the fixtures in `tests/fixtures/dups`: one speech as UTF-8, as
//! GBK with CRLF, with a site's boilerplate, cut to 70% and hard-wrapped at 30 characters
//! are one group; another speech on the same topic (作风建设) is not in it.

use std::path::PathBuf;

use tigang::corpus::dups::Sketch;
use tigang::corpus::load::load_dirs;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dups")
}

fn ids(c: &tigang::corpus::Corpus, group: &[usize]) -> Vec<String> {
    group.iter().map(|&i| c.speeches[i].id.clone()).collect()
}

#[test]
fn copies_of_one_speech_group_and_a_speech_on_the_same_topic_does_not() {
    let c = load_dirs(&[fixtures()], None);
    assert_eq!(c.speeches.len(), 6, "{:?}", c.skipped);
    let gbk = c.speeches.iter().find(|s| s.id == "a_gbk_crlf").unwrap();
    assert_ne!(gbk.encoding, "UTF-8", "the fixture really is GBK");
    assert_eq!(c.duplicates.len(), 1, "{:?}", c.duplicates);
    assert_eq!(
        ids(&c, &c.duplicates[0]),
        ["a_gbk_crlf", "a_site", "a_truncated", "a_utf8", "a_wrapped"]
    );
    let other = c.find("c_other_same_topic").unwrap();
    assert_eq!(c.duplicate_group(other), None);
    assert_eq!(
        c.duplicate_group(c.find("a_site").unwrap()),
        Some(&c.duplicates[0][..])
    );
}

#[test]
fn similarities_on_the_fixtures_sit_on_the_right_side_of_the_threshold() {
    let c = load_dirs(&[fixtures()], None);
    let sketch = |id: &str| Sketch::of(&c.speeches[c.find(id).unwrap()].text).unwrap();
    let a = sketch("a_utf8");
    assert_eq!(a.similarity(&sketch("a_gbk_crlf")), 1.0);
    assert_eq!(a.similarity(&sketch("a_wrapped")), 1.0);
    let cut = a.similarity(&sketch("a_truncated"));
    assert!((0.55..0.9).contains(&cut), "truncated: {cut}");
    let site = a.similarity(&sketch("a_site"));
    assert!(site >= 0.8, "boilerplate: {site}");
    let other = a.similarity(&sketch("c_other_same_topic"));
    assert!(other < 0.2, "same topic, another speech: {other}");
}

#[test]
fn list_duplicates_prints_the_groups() {
    let dir = fixtures();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(["list", "--no-cache", "--duplicates", "--corpus"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5, "{out}");
    assert!(rows.iter().all(|r| r[0] == "1" && r.len() == 5), "{out}");
    assert_eq!(rows[0][1], "a_gbk_crlf");
    assert_eq!(rows[0][2], "在全县作风建设大会上的讲话");
    assert!(rows[0][4].ends_with("a_gbk_crlf.txt"), "{out}");
    assert!(!out.contains("c_other_same_topic"), "{out}");
}

fn screen(a: &tigang::app::App) -> Vec<String> {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let styles = tigang::ui::theme::Styles::new(&tigang::config::Config::default().theme, true);
    let mut term = Terminal::new(TestBackend::new(140, 20)).unwrap();
    term.draw(|f| tigang::ui::draw(f, a, &styles)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                // Wide characters leave a blank cell behind them; spaces do not matter here.
                .replace(' ', "")
        })
        .collect()
}

fn app() -> tigang::app::App {
    let c = load_dirs(&[fixtures()], None);
    let mut a = tigang::app::App::new(c, &tigang::config::Config::default());
    a.help_seen = true;
    a.resize(140, 20);
    a
}

#[test]
fn the_list_shows_a_group_once_with_its_badge_and_expands_to_its_copies() {
    use tigang::config::keymap::Action;
    let mut a = app();
    let id = |a: &tigang::app::App, row: usize| a.corpus.speeches[a.visible[row]].id.clone();
    // A whole copy without a site's boilerplate stands for the group (the first of the
    // equally long ones); the other speech is on its own.
    let rows: Vec<String> = (0..a.visible.len()).map(|r| id(&a, r)).collect();
    assert_eq!(rows, ["a_gbk_crlf", "c_other_same_topic"]);
    assert_eq!(a.list_entries, 2);
    let shown = screen(&a);
    assert_eq!(shown.iter().filter(|r| r.contains("重复5")).count(), 1);
    assert!(
        shown.iter().any(|r| r.contains("讲话2（6份文件）")),
        "{shown:#?}"
    );
    // Expanded: the four copies beneath it, indented, each openable.
    a.update(Action::ToggleCopies);
    assert_eq!(a.visible.len(), 6);
    assert_eq!(a.visible_copy, [false, true, true, true, true, false]);
    assert_eq!(a.list_entries, 2, "copies are no more entries");
    let shown = screen(&a);
    assert_eq!(shown.iter().filter(|r| r.contains("└")).count(), 4);
    a.update(Action::Down);
    a.update(Action::Down);
    let copy = a.visible[a.list_sel];
    a.update(Action::Open);
    assert_eq!(a.open, Some(copy));
    // Folded again from the list: the selection goes back to the group's entry.
    a.update(Action::FocusList);
    a.update(Action::ToggleCopies);
    assert_eq!(a.visible.len(), 2);
    assert_eq!(id(&a, a.list_sel), "a_gbk_crlf");
}

#[test]
fn the_filter_keeps_a_group_once_and_a_matching_copy_stands_for_it() {
    use tigang::config::keymap::Action;
    let mut a = app();
    // Only the cut copy's file name matches: it is the group's entry then.
    a.filter = "truncated".into();
    a.refilter();
    let ids: Vec<&str> = a
        .visible
        .iter()
        .map(|&i| a.corpus.speeches[i].id.as_str())
        .collect();
    assert_eq!(ids, ["a_truncated"]);
    // Every copy has the title: one entry, and expanding shows the four other copies.
    a.filter = "作风建设".into();
    a.refilter();
    assert_eq!((a.visible.len(), a.list_entries), (2, 2));
    a.update(Action::ToggleCopies);
    assert_eq!((a.visible.len(), a.list_entries), (6, 2));
    // Opening a copy folded away (a search hit, a bookmark) expands its group.
    a.update(Action::ToggleCopies);
    let cut = a.corpus.find("a_truncated").unwrap();
    a.open_speech(cut);
    assert_eq!(a.visible[a.list_sel], cut);
}

#[test]
fn corpus_search_shows_a_passage_once_per_group() {
    use tigang::search::corpus::Hit;
    let c = load_dirs(&[fixtures()], None);
    let q = tigang::search::Query::parse("作风").unwrap().unwrap();
    let mut hits = Vec::new();
    for (doc, s) in c.speeches.iter().enumerate() {
        for m in q.find_iter(s.searchable()) {
            hits.push(Hit { doc, range: m });
        }
    }
    let f = tigang::search::copies::fold(hits.clone(), &c, |d| c.speeches[d].searchable().into());
    let rep = tigang::corpus::dups::representative(&c.speeches, &c.duplicates[0]);
    assert_eq!(c.speeches[rep].id, "a_gbk_crlf");
    let other = c.find("c_other_same_topic").unwrap();
    let count = |hs: &[Hit], d: usize| hs.iter().filter(|h| h.doc == d).count();
    // The representative keeps all of its hits, the other speech all of its own.
    assert_eq!(count(&f.hits, rep), count(&hits, rep));
    assert_eq!(count(&f.hits, other), count(&hits, other));
    // The GBK and re-wrapped copies are the same text: every hit of theirs is folded.
    for id in ["a_utf8", "a_wrapped"] {
        let d = c.find(id).unwrap();
        assert!(count(&hits, d) > 0);
        assert_eq!(count(&f.hits, d), 0, "{id}");
    }
    // So the title's 作风 is in all five copies: one hit, said to be in four others too.
    let first = f.hits.iter().position(|h| h.doc == rep).unwrap();
    assert_eq!(f.copies[first], 4);
    assert_eq!(f.hits.len() + f.folded, hits.len());
}

/// The list pane and the status line as a person sees them (each wide character once).
fn list_and_status(a: &tigang::app::App) -> String {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    let styles = tigang::ui::theme::Styles::new(&tigang::config::Config::default().theme, true);
    let mut term = Terminal::new(TestBackend::new(140, 20)).unwrap();
    term.draw(|f| tigang::ui::draw(f, a, &styles)).unwrap();
    let buf = term.backend().buffer().clone();
    let p = a.panes();
    let list = p.list.expect("the list is shown");
    let rows = (list.y..list.y + list.height).map(|y| (y, list.x + list.width));
    let status = (p.status.y..p.status.y + p.status.height).map(|y| (y, buf.area.width));
    let mut out = String::new();
    for (y, end) in rows.chain(status) {
        out.push_str(&crate::common::row_text(&buf, y, end));
        out.push('\n');
    }
    out
}

#[test]
fn expanded_copies_show_their_file_and_encoding_and_a_folded_group_keeps_the_open_mark() {
    use tigang::config::keymap::Action;
    let mut a = app();
    a.update(Action::ToggleCopies);
    // The entry is the GBK file: each UTF-8 copy says so, and every copy names its file.
    a.update(Action::Down);
    a.update(Action::Open);
    let shown = list_and_status(&a);
    for file in [
        "a_site.txt",
        "a_truncated.txt",
        "a_utf8.txt",
        "a_wrapped.txt",
    ] {
        assert_eq!(shown.matches(file).count(), 1, "{file}: {shown}");
    }
    insta::assert_snapshot!("expanded_group_copies_by_file", shown);
    // Folded from the reader while a copy is open: the entry is marked and selected.
    a.update(Action::ToggleCopies);
    let shown = list_and_status(&a);
    assert!(
        shown.lines().nth(1).is_some_and(|l| l.contains("▸")),
        "{shown}"
    );
    insta::assert_snapshot!("folded_group_with_a_copy_open", shown);
}

fn search(args: &[&str]) -> (i32, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(["search", "--no-cache"])
        .args(args)
        .arg("--corpus")
        .arg(fixtures())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.is_empty(), "{err}");
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
    )
}

#[test]
fn search_group_duplicates_prints_a_passage_once_in_the_copy_the_list_shows() {
    let ids = |out: &str| -> std::collections::BTreeSet<String> {
        out.lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect()
    };
    let (code, all) = search(&["作风"]);
    assert_eq!(code, 0);
    assert!(ids(&all).len() >= 5, "{all}");
    let (code, one) = search(&["--group-duplicates", "作风"]);
    assert_eq!(code, 0);
    // The re-encoded and re-wrapped copies have nothing of their own: not named at all.
    assert!(
        !ids(&one).contains("a_utf8") && !ids(&one).contains("a_wrapped"),
        "{one}"
    );
    assert!(ids(&one).contains("a_gbk_crlf") && ids(&one).contains("c_other_same_topic"));
    assert!(one.lines().count() < all.lines().count(), "{one}");
    // The title's 作风 is in all five copies: its line says so.
    let title = one
        .lines()
        .find(|l| l.starts_with("a_gbk_crlf:1:"))
        .unwrap();
    assert!(title.ends_with(" (+4 copies)"), "{title}");
    assert!(one
        .lines()
        .all(|l| !l.starts_with("c_other_same_topic") || !l.contains("(+")));
    // Counts are less the folded hits, and JSON carries the copies as a number.
    let (_, counts) = search(&["-u", "-c", "作风"]);
    assert!(!counts.contains("a_utf8:"), "{counts}");
    let (_, json) = search(&["-u", "--json", "作风"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "a_gbk_crlf");
    assert_eq!(first["copies"], 4);
    // Nothing found is exit 1, as without grouping.
    assert_eq!(search(&["-u", "不存在的词语"]), (1, String::new()));
}
