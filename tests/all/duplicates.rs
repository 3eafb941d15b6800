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

#[test]
fn the_list_badges_every_copy_with_its_group_size() {
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;
    use tigang::config::Config;
    let c = load_dirs(&[fixtures()], None);
    let mut a = tigang::app::App::new(c, &Config::default());
    a.help_seen = true;
    a.resize(140, 20);
    let styles = tigang::ui::theme::Styles::new(&Config::default().theme, true);
    let mut term = Terminal::new(TestBackend::new(140, 20)).unwrap();
    term.draw(|f| tigang::ui::draw(f, &a, &styles)).unwrap();
    let buf = term.backend().buffer().clone();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                // Wide characters leave a blank cell behind them; spaces do not matter here.
                .replace(' ', "")
        })
        .collect();
    let badged = rows.iter().filter(|r| r.contains("重复5")).count();
    assert_eq!(badged, 5, "{}", rows.join("\n"));
    let other = rows.iter().find(|r| r.contains("┃在全市")).unwrap();
    assert!(!other.contains("重复"), "{other}");
}
