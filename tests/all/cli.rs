//! The command line as scripts use it: output formats, exit codes, one-line errors.

use std::process::{Command, Output};

fn tigang(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn data(name: &str) -> String {
    format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn outline_tsv_is_exactly_the_dump_format() {
    let o = tigang(&["outline", &data("001_e06c157ea6db8405.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "title\t在全市第二批主题教育培训会上的讲话");
    assert_eq!(
        lines[1],
        "1\t一、\t提高政治站位，扎实做好主题教育组织协调工作"
    );
    assert_eq!(lines[2], "2\t一要\t当好参谋助手");
    assert_eq!(lines.len(), 1 + 16);
    assert!(lines[1..].iter().all(|l| l.split('\t').count() == 3));
    assert!(stderr(&o).is_empty());
}

#[test]
fn outline_md_and_json() {
    let o = tigang(&[
        "outline",
        "--format",
        "md",
        &data("002_79d529a42d7e482e.txt"),
    ]);
    let md = stdout(&o);
    assert!(md.starts_with("# 在市X系统基层党务干部培训班开班仪式上的动员讲话\n"));
    assert!(md.contains("\n- 一、培训的意义\n  - 一是 提高整个系统党建工作水平的需要\n"));
    assert!(md.contains("\n    - 第一 城市管理理念上僵化保守\n"));

    let o = tigang(&[
        "outline",
        "--format",
        "json",
        &data("003_f2cd3f3992885587.txt"),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "在全市乡镇(街道)党(工)委书记培训重点班上的发言");
    assert_eq!(v["incomplete"]["total"], 4678);
    assert_eq!(v["headings"][0]["marker"], "一、");
    assert_eq!(v["headings"][0]["kind"]["type"], "structural");
}

#[test]
fn list_prints_one_line_per_speech_id_first() {
    let o = tigang(&["list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[1][0], "001_e06c157ea6db8405");
    assert_eq!(rows[1][1], "在全市第二批主题教育培训会上的讲话");
    assert_eq!(rows[1][3], "16");
    assert_eq!(rows[2][4], "front-matter");
    assert_eq!(rows[3][4], "incomplete,front-matter");
    let chars: usize = rows[1][2].parse().unwrap();
    assert!((5000..5300).contains(&chars), "字数 {chars}");
}

#[test]
fn list_of_a_folder_reports_skipped_files_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) =
        encoding_rs::GBK.encode("在会上的讲话\r\n\r\n一、第一部分\r\n一是甲甲。二是乙乙。\r\n");
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let o = tigang(&["list", "--corpus", dir.path().to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "gbk\t在会上的讲话\t22\t3\tGB18030\n");
    assert!(stderr(&o).contains("skipped"));
    assert!(stderr(&o).contains("empty.txt: file is empty"));
}

#[test]
fn show_prints_paragraphs_and_marks_gaps() {
    let o = tigang(&["show", "003_f2cd3f3992885587"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("在全市乡镇(街道)党(工)委书记培训重点班上的发言\n\n同志们:\n\n"));
    assert!(
        out.contains("更是一场工作的“战前动员”。"),
        "hard wrap joined"
    );
    assert!(out.contains("日常必修课〔此处省略 877 字〕街头巷尾"));
    assert!(out
        .trim_end()
        .ends_with("〔未完：全文共 4678 字，仅显示 2464 字〕"));
    assert!(!out.contains("目录"), "front matter is left out by default");
    let o = tigang(&["show", "003_f2cd3f3992885587", "--all"]);
    assert!(stdout(&o).starts_with("目录/提纲:……\n"));
}

#[test]
fn bad_input_is_one_line_error_and_nonzero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("blob.txt");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    let missing = dir.path().join("missing.txt");
    let cases = [
        (missing.to_str().unwrap(), "no such file"),
        (dir.path().to_str().unwrap(), "is a directory"),
        (empty.to_str().unwrap(), "file is empty"),
        (binary.to_str().unwrap(), "binary"),
    ];
    for (path, what) in cases {
        let o = tigang(&["outline", path]);
        assert_eq!(o.status.code(), Some(2), "{path}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(path) && err.contains(what), "{err}");
        assert!(!err.contains("panicked"));
        assert!(o.stdout.is_empty());
    }
    let o = tigang(&["show", "no-such-id"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-id"));
    let o = tigang(&["list", "--corpus", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/folder"));
}

#[test]
fn encoding_override() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("在会上的讲话\n");
    let p = dir.path().join("a.txt");
    std::fs::write(&p, &gbk).unwrap();
    let o = tigang(&["outline", "--encoding", "gbk", p.to_str().unwrap()]);
    assert_eq!(stdout(&o), "title\t在会上的讲话\n");
    let o = tigang(&["outline", "--encoding", "klingon", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown encoding"));
}

#[test]
fn search_a_folder_prints_hits_skips_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "在会上的讲话\r\n\r\n同志们：\r\n各级领导干部都要切实认真落实一岗\r\n　　双责的要求，做到两手抓。\r\n",
    );
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let d = dir.path().to_str().unwrap();
    let o = tigang(&["search", "一岗双责", "--corpus", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "gbk:3: 各级领导干部都要切实认真落实一岗双责的要求，做到两手抓。\n"
    );
    assert_eq!(
        stderr(&o).trim_end(),
        format!(
            "tigang: skipped {}: file is empty",
            dir.path().join("empty.txt").display()
        )
    );
    let o = tigang(&["search", "-c", "两手抓", "--corpus", d]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), "gbk:1\n".into()));
    let o = tigang(&["search", "没有这句话", "--corpus", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    // Decoded as Big5, the file holds no such phrase.
    let o = tigang(&["search", "--encoding", "big5", "一岗双责", "--corpus", d]);
    assert_eq!(o.status.code(), Some(1));
    let o = tigang(&["search", "re:(", "--corpus", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("regex"), "{}", stderr(&o));
}

#[test]
fn the_reader_without_a_terminal_says_so() {
    let o = tigang(&[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("needs a terminal"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_speech_is_named_by_the_start_of_its_id_when_only_it_begins_so() {
    let whole = tigang(&["outline", "001_e06c157ea6db8405"]);
    let start = tigang(&["outline", "001"]);
    assert!(start.status.success(), "{}", stderr(&start));
    assert_eq!(stdout(&start), stdout(&whole));
    let shown = tigang(&["show", "003"]);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(stdout(&shown).starts_with("在全市乡镇(街道)党(工)委书记培训重点班上的发言"));

    let several = tigang(&["show", "00"]);
    assert_eq!(several.status.code(), Some(2));
    let err = stderr(&several);
    assert!(
        err.contains("5 speech ids begin so") && err.contains("001_e06c157ea6db8405"),
        "{err}"
    );
    let several = tigang(&["outline", "00"]);
    assert_eq!(several.status.code(), Some(2));
    assert!(
        stderr(&several).contains("5 speech ids begin so"),
        "{}",
        stderr(&several)
    );
    let none = tigang(&["outline", "999"]);
    assert!(
        stderr(&none).contains("no speech id begins so"),
        "{}",
        stderr(&none)
    );
    let none = tigang(&["show", "/no/such.txt"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(
        stderr(&none).contains("/no/such.txt: no such file"),
        "{}",
        stderr(&none)
    );
}
