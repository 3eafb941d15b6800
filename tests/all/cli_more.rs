//! More of the command line as scripts use it: `show --width` line rules, `--config` errors that
//! name file and line, and `bookmarks` output from a hand-written file (left untouched when it
//! is corrupt). Every run gets empty config and state folders, so the user's own files neither
//! change the output nor get written.

use std::process::Output;

use unicode_width::UnicodeWidthStr;

const IDS: [&str; 5] = [
    "000_1d82c23c4702611b",
    "001_e06c157ea6db8405",
    "002_79d529a42d7e482e",
    "003_f2cd3f3992885587",
    "004_c86d48fce694c9fb",
];

use crate::common::tigang_in;

fn tigang(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    tigang_in(home.path(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// All text lines run together, without indentation, centring or blank lines. Spaces are
/// dropped everywhere: a line break eats the spaces it falls on.
fn joined(text: &str) -> String {
    text.lines()
        .flat_map(|l| l.chars())
        .filter(|&c| c != ' ')
        .collect()
}

#[test]
fn show_width_keeps_lines_narrow_and_punctuation_attached() {
    for id in IDS {
        let plain = tigang(&["show", id]);
        assert!(plain.status.success(), "{}", stderr(&plain));
        for width in ["30", "13"] {
            let o = tigang(&["show", id, "--width", width]);
            assert!(o.status.success(), "{}", stderr(&o));
            let out = stdout(&o);
            let max: usize = width.parse().unwrap();
            for line in out.lines() {
                assert!(line.width() <= max, "{id} at {width}: {line:?}");
                let text = line.trim_start();
                if let Some(c) = text.chars().next() {
                    assert!(
                        !"，。、；：？！）」』》".contains(c),
                        "{id} at {width}: {line:?}"
                    );
                }
                if let Some(c) = text.chars().next_back() {
                    assert!(!"（「『《“".contains(c), "{id} at {width}: {line:?}");
                }
            }
            assert_eq!(
                joined(&out),
                joined(&stdout(&plain)),
                "{id} at {width}: the lines rejoined are not the text"
            );
        }
    }
}

#[test]
fn show_width_of_one_column_still_prints_everything() {
    let id = IDS[1];
    let o = tigang(&["show", id, "--width", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(joined(&stdout(&o)), joined(&stdout(&tigang(&["show", id]))));
}

/// A config file in a fresh folder; its path and the folder (kept alive by the caller).
fn config_file(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("我的 config.toml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

/// Exit 2, nothing on stdout, one line on stderr naming the file and `line` (and the words).
fn assert_config_error(text: &str, line: usize, words: &[&str]) {
    let (_dir, path) = config_file(text);
    let o = tigang(&["list", "--config", &path]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{text:?}: {err}");
    assert!(o.stdout.is_empty(), "{text:?}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("tigang: {path}:{line}:")),
        "{text:?} should fail on line {line}: {err}"
    );
    for w in words {
        assert!(err.contains(w), "{err} should mention {w:?}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn config_errors_name_the_file_and_line_and_exit_2() {
    assert_config_error(
        "# tigang\n\n[ui]\nlanguage = \"en\"\nlangauge = \"zh\"\n",
        5,
        &["unknown field `langauge`"],
    );
    assert_config_error(
        "[ui]\nmouse = true\n\n[keys]\nquit = \"Ctlr-x\"\n",
        5,
        &["unknown key \"Ctlr-x\""],
    );
    assert_config_error(
        "[layout]\ncenter = true\nindent = \"four\"\n",
        3,
        &["invalid type", "string"],
    );
    assert_config_error("[ui]\nmouse = \"yes\"\n", 2, &["invalid type"]);
    assert_config_error("[layout]\nline_width = 0\n", 2, &["1 to 1000"]);
}

#[test]
fn config_errors_stop_every_subcommand_that_reads_it() {
    let (_dir, path) = config_file("[keys]\nquit = \"Ctlr-x\"\n");
    for args in [vec!["show", IDS[0]], vec!["search", "同志们"], vec!["list"]] {
        let mut args = args.clone();
        args.extend(["--config", &path]);
        let o = tigang(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with(&format!("tigang: {path}:2:")));
    }
}

#[test]
fn config_prints_the_path_and_checks_the_file() {
    let (_dir, bad) = config_file("[keys]\nquit = \"Ctlr-x\"\n");
    let o = tigang(&["config", "--config", &bad]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), format!("{bad}\n"));
    assert!(
        stderr(&o).starts_with(&format!("tigang: {bad}:2:")),
        "{}",
        stderr(&o)
    );
    let (_dir, good) = config_file("[ui]\nlanguage = \"en\"\n");
    let o = tigang(&["config", "--config", &good]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{good}\n"));
}

#[test]
fn config_warns_of_a_key_conflict_the_file_wins_and_stops_at_two_actions_on_one_key() {
    let (_dir, path) = config_file("[keys]\ntoggle_copies = \"s\"\n");
    let o = tigang(&["config", "--config", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{path}\n"));
    assert_eq!(
        stderr(&o),
        format!(
            "tigang: warning: {path}:2:17: key \"s\" is given to toggle_copies here but is \
             sort's by default; the config wins, so \"s\" does toggle_copies and sort has no \
             key left\n"
        )
    );
    // Other commands read no keys: they do not warn.
    let o = tigang(&["list", "--config", &path]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
    let (_dir, both) = config_file("[keys]\nsort = \"z\"\ntoggle_copies = \"z\"\n");
    let o = tigang(&["config", "--config", &both]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!(
            "tigang: {both}:3:17: key \"z\" is given to both sort and toggle_copies"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_config_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.toml");
    let path = path.to_str().unwrap();
    let o = tigang(&["list", "--config", path]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(path) && err.contains("no such config file"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn valid_config_is_accepted() {
    let (_dir, path) = config_file(
        "[ui]\nlanguage = \"en\"\nmouse = false\n\n[layout]\nindent = 0\n\n[keys]\nquit = [\"q\", \"Ctrl-c\"]\n",
    );
    let o = tigang(&["list", "--config", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty());
    assert_eq!(stdout(&o), stdout(&tigang(&["list"])));
    // The layout settings reach `show --width`: no first-line indent.
    let o = tigang(&["show", IDS[1], "--width", "40", "--config", &path]);
    assert!(stdout(&o).lines().any(|l| l.starts_with("昨天，")));
    assert!(!stdout(&o).lines().any(|l| l.starts_with("    昨天，")));
}

const BOOKMARKS: &str = r#"# Written by hand.
version = 1

[[bookmark]]
id = "20260102T030405-00000002"
speech_id = "003_f2cd3f3992885587"
speech_title = "在全市乡镇(街道)党(工)委书记培训重点班上的发言"
start = 120
end = 140
heading_path = ["一、提高政治站位"]
excerpt = "乡镇(街道)是国家治理的“最后一公里”"
note = "基层治理：最后一公里"
created = "2026-01-02T03:04:05Z"

[[bookmark]]
id = "20260101T000000-00000001"
speech_id = "001_e06c157ea6db8405"
speech_title = "在全市第二批主题教育培训会上的讲话"
start = 300
end = 330
heading_path = ["二、坚持从严从实", "一要把握工作重点"]
excerpt = "要把握工作重点"
note = "重点：一岗双责"
created = "2026-01-01T00:00:00Z"
"#;

fn bookmarks_home(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/tigang");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bookmarks.toml");
    std::fs::write(&file, text).unwrap();
    (home, file)
}

#[test]
fn bookmarks_markdown_groups_by_speech_with_titles_and_heading_paths() {
    let (home, _) = bookmarks_home(BOOKMARKS);
    let o = tigang_in(home.path(), &["bookmarks", "--format", "md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let md = stdout(&o);
    let first = md
        .find("## 在全市第二批主题教育培训会上的讲话\n")
        .expect(&md);
    let second = md
        .find("## 在全市乡镇(街道)党(工)委书记培训重点班上的发言\n")
        .expect(&md);
    assert!(first < second, "grouped in speech id order:\n{md}");
    assert_eq!(
        md.matches("\n## ").count() + usize::from(md.starts_with("## ")),
        2
    );
    assert!(md.contains(
        "> 要把握工作重点\n>\n> ——《在全市第二批主题教育培训会上的讲话》，二、坚持从严从实 › 一要把握工作重点\n"
    ), "{md}");
    assert!(md.contains("笔记：重点：一岗双责\n"), "{md}");
    assert!(
        md.contains("> 乡镇(街道)是国家治理的“最后一公里”\n"),
        "{md}"
    );
    assert!(md.contains("，一、提高政治站位\n"), "{md}");
    assert!(md.contains("笔记：基层治理：最后一公里\n"), "{md}");
    assert!(md.contains("2026-01-01T00:00:00Z · 20260101T000000-00000001"));
}

#[test]
fn bookmarks_tsv_and_json() {
    let (home, _) = bookmarks_home(BOOKMARKS);
    let o = tigang_in(home.path(), &["bookmarks", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tsv = stdout(&o);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{tsv}");
    assert_eq!(
        rows[0],
        [
            "id",
            "speech_id",
            "title",
            "start",
            "end",
            "heading_path",
            "note",
            "created",
            "excerpt"
        ]
    );
    assert_eq!(
        rows[1],
        [
            "20260101T000000-00000001",
            "001_e06c157ea6db8405",
            "在全市第二批主题教育培训会上的讲话",
            "300",
            "330",
            "二、坚持从严从实 › 一要把握工作重点",
            "重点：一岗双责",
            "2026-01-01T00:00:00Z",
            "要把握工作重点"
        ]
    );
    assert_eq!(rows[2][1], "003_f2cd3f3992885587");
    assert_eq!(rows[2][6], "基层治理：最后一公里");

    let o = tigang_in(home.path(), &["bookmarks", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0]["speech_title"],
        "在全市第二批主题教育培训会上的讲话"
    );
    assert_eq!(
        list[0]["heading_path"],
        serde_json::json!(["二、坚持从严从实", "一要把握工作重点"])
    );
    assert_eq!(list[0]["note"], "重点：一岗双责");
    assert_eq!(list[1]["speech_id"], "003_f2cd3f3992885587");
    assert_eq!(list[1]["start"], 120);
}

#[test]
fn bookmarks_tag_prints_only_the_tagged_ones_in_any_format() {
    let tagged = BOOKMARKS
        .replace(
            "note = \"重点：一岗双责\"",
            "note = \"重点：一岗双责 #作风 #金句\"",
        )
        .replace(
            "note = \"基层治理：最后一公里\"",
            "note = \"基层治理：最后一公里#作風\"",
        );
    assert_ne!(tagged, BOOKMARKS, "the fixture notes changed");
    let (home, _) = bookmarks_home(&tagged);
    // Both carry 作风 (one written in Traditional); only the first carries 金句.
    let o = tigang_in(
        home.path(),
        &["bookmarks", "--tag", "作风", "--format", "tsv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3, "{}", stdout(&o));
    let o = tigang_in(
        home.path(),
        &["bookmarks", "--tag", "#金句", "--format", "tsv"],
    );
    let tsv = stdout(&o);
    let rows: Vec<&str> = tsv.lines().collect();
    assert_eq!(rows.len(), 2, "{tsv}");
    assert!(rows[1].starts_with("20260101T000000-00000001\t"), "{tsv}");
    let o = tigang_in(
        home.path(),
        &[
            "bookmarks",
            "--tag",
            "作风",
            "--tag",
            "金句",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 1, "{v}");
    assert_eq!(list[0]["tags"], serde_json::json!(["作风", "金句"]));
    let o = tigang_in(home.path(), &["bookmarks", "--tag", "作风"]);
    let md = stdout(&o);
    assert_eq!(md.matches("笔记：").count(), 2, "{md}");
    // A tag nobody carries prints nothing (and is not an error: the list is just empty).
    let o = tigang_in(home.path(), &["bookmarks", "--tag", "调研"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn corrupt_bookmarks_file_is_reported_and_left_byte_identical() {
    let corrupt = format!("{BOOKMARKS}\n[[bookmark]]\nid = \"x\"\nstart = \"三\"\n笔记 = \n");
    let (home, file) = bookmarks_home(&corrupt);
    let dir = file.parent().unwrap().to_path_buf();
    let names = || {
        let mut v: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = names();
    for format in ["md", "tsv", "json"] {
        let o = tigang_in(home.path(), &["bookmarks", "--format", format]);
        let err = stderr(&o);
        assert!(
            err.starts_with("tigang: ") && err.contains(file.to_str().unwrap()),
            "{format}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        // Not "no bookmarks": a script must see the failure.
        assert_eq!(o.status.code(), Some(2), "{format}");
        assert!(stdout(&o).is_empty(), "{format}: {}", stdout(&o));
        assert_eq!(
            std::fs::read(&file).unwrap(),
            corrupt.as_bytes(),
            "{format}"
        );
        assert_eq!(names(), before, "{format}: no files added next to it");
    }
}
