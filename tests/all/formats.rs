//! Word, web and PDF files (issue 10): each seed made into a format by a real tool
//! (`tests/fixtures/formats/make.sh`: python-docx, LibreOffice, a GBK page) outlines as its gold
//! file says, and its cleaned text is the `.txt`'s modulo line wrapping; broken and hostile
//! files are skipped with a reason.

use std::path::{Path, PathBuf};

use tigang::cli::outline_tsv;
use tigang::corpus::{load_dirs, load_file, Speech};

use crate::outline_gold::read;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

fn seed(id: &str) -> Speech {
    load_file(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/{id}.txt")),
        None,
    )
    .unwrap()
}

fn tsv(s: &Speech) -> String {
    let mut out = Vec::new();
    outline_tsv(s, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The speech's own text (title, meta, body) without any white space: what must survive a
/// format whatever its line wrapping.
fn speech_chars(s: &Speech) -> String {
    (0..s.paragraphs.len())
        .filter(|&i| s.paragraphs[i].kind.is_speech())
        .flat_map(|i| s.para_text(i).chars().filter(|c| !c.is_whitespace()))
        .collect()
}

fn assert_gold(file: &str, id: &str) -> Speech {
    let s = load_file(&fixture(file), None).unwrap_or_else(|e| panic!("{file}: {e}"));
    let gold = std::fs::read_to_string(format!(
        "{}/tests/fixtures/gold/{id}.tsv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (gt, gh) = read(&gold);
    let (ot, oh) = read(&tsv(&s));
    assert!(
        ot.starts_with(&gt),
        "{file}: title {ot:?} does not start with {gt:?}"
    );
    assert_eq!(oh, gh, "{file}: outline differs from gold");
    let txt = seed(id);
    let (a, b) = (speech_chars(&s), speech_chars(&txt));
    if a != b {
        let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let near = |t: &str| {
            t.chars()
                .skip(at.saturating_sub(10))
                .take(30)
                .collect::<String>()
        };
        panic!(
            "{file}: cleaned text differs from {id}.txt at char {at}: {:?} vs {:?}",
            near(&a),
            near(&b)
        );
    }
    s
}

#[test]
fn docx_numbered_only_by_word_outlines_as_gold() {
    let s = assert_gold("seed001_numbered.docx", "001_e06c157ea6db8405");
    assert_eq!(s.encoding, "DOCX");
    // The numbers are not typed in the file: they come from numbering.xml.
    let xml = docx_part(&fixture("seed001_numbered.docx"), "word/document.xml");
    assert!(
        !xml.contains("一、"),
        "the fixture must not type its numbers"
    );
    assert!(xml.contains("w:numPr"));
}

fn docx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn docx_three_levels_of_word_numbering_match_the_typed_text() {
    let docx = load_file(&fixture("levels_numbered.docx"), None).unwrap();
    let txt = load_file(&fixture("levels.txt"), None).unwrap();
    assert_eq!(tsv(&docx), tsv(&txt));
    let markers: Vec<&str> = docx
        .headings
        .iter()
        .map(|h| docx.heading_marker(h))
        .collect();
    assert_eq!(
        markers,
        [
            "一、",
            "（一）",
            "（二）",
            "1.",
            "2.",
            "二、",
            "（一）",
            "1.",
            "2.",
            "（二）",
            "三、"
        ]
    );
    let depths: Vec<u8> = docx.headings.iter().map(|h| h.depth).collect();
    assert_eq!(depths, [1, 2, 2, 3, 3, 1, 2, 3, 3, 2, 1]);
    assert_eq!(speech_chars(&docx), speech_chars(&txt));
    assert_eq!(docx.title, "在全市重点工作推进会上的讲话");
}

#[test]
fn docx_heading_styles_outline_as_gold() {
    let s = assert_gold("seed002_headings.docx", "002_79d529a42d7e482e");
    let xml = docx_part(&fixture("seed002_headings.docx"), "word/document.xml");
    assert!(xml.contains(r#"w:pStyle w:val="Heading1""#));
    // Heading-styled paragraphs are Markdown headings of level 1 for the cleaner.
    let h = s.headings.iter().find(|h| h.depth == 1).unwrap();
    assert_eq!(s.paragraphs[h.para].level, 1);
}

#[test]
fn doc_outlines_as_gold() {
    let s = assert_gold("seed003.doc", "003_f2cd3f3992885587");
    assert_eq!(s.encoding, "DOC");
}

#[test]
fn gbk_web_page_outlines_as_gold_without_its_chrome() {
    let s = assert_gold("seed000_page.html", "000_1d82c23c4702611b");
    let all = s.text.clone();
    for chrome in [
        "首页",
        "广告",
        "VIP",
        "分享到",
        "相关文章",
        "版权所有",
        "统计代码",
    ] {
        assert!(!all.contains(chrome), "{chrome:?} left in the text");
    }
    let raw = std::fs::read(fixture("seed000_page.html")).unwrap();
    assert!(std::str::from_utf8(&raw).is_err(), "the page must be GBK");
}

/// A corrupt file of each kind, and a PDF with no text layer.
const BROKEN: [&str; 5] = [
    "broken.docx",
    "broken.doc",
    "broken.pdf",
    "broken.html",
    "scanned.pdf",
];

#[test]
fn broken_files_are_skipped_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    for f in BROKEN {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let c = load_dirs(&[dir.path().to_path_buf()], None);
    assert!(c.speeches.is_empty());
    let reasons: Vec<(String, String)> = c
        .skipped
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap().to_string_lossy().into_owned(),
                s.reason.clone(),
            )
        })
        .collect();
    let reason = |name: &str| {
        reasons
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("{name} not skipped: {reasons:?}"))
    };
    assert!(reason("broken.docx").contains("DOCX"), "{reasons:?}");
    assert!(
        reason("broken.doc").contains("soffice --headless --convert-to docx"),
        "{reasons:?}"
    );
    assert!(reason("broken.pdf").contains("PDF"), "{reasons:?}");
    assert!(reason("broken.html").contains("binary"), "{reasons:?}");
    assert!(
        reason("scanned.pdf").contains("no text layer"),
        "{reasons:?}"
    );
}

#[test]
fn pdf_outlines_as_gold_without_its_running_header_and_page_numbers() {
    let s = assert_gold("seed004.pdf", "004_c86d48fce694c9fb");
    assert_eq!(s.encoding, "PDF");
    // LibreOffice printed a running header and a page number on each of the pages.
    assert!(
        !s.text.contains("中共某某市委办公室文件"),
        "running header left in"
    );
    assert!(
        !s.text
            .lines()
            .any(|l| l.trim().chars().all(|c| c.is_ascii_digit())),
        "a page number left in"
    );
}

/// A folder as people keep one: text, Markdown, Word, a saved page, a PDF and broken files.
fn mixed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let copy = |from: PathBuf, to: &str| std::fs::copy(from, dir.path().join(to)).unwrap();
    copy(fixture("levels_numbered.docx"), "a_levels.docx");
    copy(root.join("data/001_e06c157ea6db8405.txt"), "b_seed.txt");
    std::fs::write(
        dir.path().join("c_note.md"),
        "# 在座谈会上的发言\n\n## 一、基本情况\n\n情况良好。\n",
    )
    .unwrap();
    copy(fixture("seed003.doc"), "d_seed.doc");
    copy(fixture("seed000_page.html"), "e_page.htm");
    copy(fixture("seed004.pdf"), "f_seed.pdf");
    for f in BROKEN {
        copy(fixture(f), f);
    }
    dir
}

#[test]
fn a_mixed_folder_lists_every_readable_file() {
    let dir = mixed_folder();
    let c = load_dirs(&[dir.path().to_path_buf()], None);
    let ids: Vec<&str> = c.speeches.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a_levels", "b_seed", "c_note", "d_seed", "e_page", "f_seed"]
    );
    assert_eq!(c.skipped.len(), 5, "{:?}", c.skipped);
    // `tigang search` reads the same files.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(["search", "-c", "指导思想"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "a_levels:1\n");
}

#[test]
fn pty_mixed_folder_opens_a_docx_with_its_outline() {
    use crate::common::pty::{positions, TempHome, Term};
    let dir = mixed_folder();
    let home = TempHome::new();
    // `tigang FOLDER`, like `less FILE`.
    let mut t = Term::spawn(&[dir.path().to_str().unwrap()], &home.env(), 120, 40);
    for title in [
        "在全市重点工作推进会",
        "在全市第二批主题教育",
        "在座谈会上的发言",
        "在全市乡镇(街道)",
        "在“抓‘两个重点’",
        "提升能力素质",
    ] {
        t.wait_text(title);
    }
    t.wait_for("five files counted as skipped", |s| {
        let c = s.contents();
        c.contains("5 个文件跳过") || c.contains("5 skipped")
    })
    .unwrap();
    // `!` lists them with their reasons.
    t.keys("!");
    t.wait_text("没有文字层");
    t.wait_text("convert it with `soffice --headless");
    t.key("Esc");
    t.wait_gone("没有文字层");
    // The first speech is the .docx: its Word numbering shows in the outline and the text.
    t.key("Enter");
    t.wait_text("同志们：");
    for heading in [
        "一、总体要求",
        "（二）基本原则",
        "2.坚持系统观念",
        "三、保障措施",
    ] {
        t.wait_for(&format!("{heading:?} in the outline and the text"), |s| {
            positions(s, heading).len() >= 2
        })
        .unwrap();
    }
    t.keys("q");
    t.wait_exit();
}

fn run_stdin(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn outline_and_show_read_stdin_and_paths_of_any_format() {
    // A .docx through a pipe is known by its bytes.
    let docx = std::fs::read(fixture("levels_numbered.docx")).unwrap();
    let o = run_stdin(&["outline", "-"], &docx);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.starts_with(
            "title\t在全市重点工作推进会上的讲话\n1\t一、\t总体要求\n2\t（一）\t指导思想\n"
        ),
        "{out}"
    );
    // Plain text too.
    let o = run_stdin(
        &["outline", "-"],
        "在会上的讲话\n\n一、提高站位\n正文。\n".as_bytes(),
    );
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "title\t在会上的讲话\n1\t一、\t提高站位\n"
    );
    let o = run_stdin(&["show", "-"], "在会上的讲话\n\n同志们：\n".as_bytes());
    assert!(String::from_utf8(o.stdout).unwrap().contains("同志们："));
    // `show` takes a path where it takes an id.
    let o = run_stdin(&["show", fixture("seed003.doc").to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("一、铸牢政治之魂"));
    // A broken file says why, exit status 2.
    let o = run_stdin(&["outline", fixture("scanned.pdf").to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no text layer"));
}

#[test]
fn pty_reader_reads_a_speech_from_stdin() {
    use crate::common::pty::{TempHome, Term};
    let home = TempHome::new();
    let cmd = format!(
        "exec '{}' - < '{}'",
        env!("CARGO_BIN_EXE_tigang"),
        fixture("seed002_headings.docx").display()
    );
    let mut t = Term::spawn_program("sh", &["-c", &cmd], &home.env(), 120, 40);
    t.wait_text("在市X系统基层党务干部");
    t.key("Enter");
    t.wait_text("一、培训的意义");
    t.keys("q");
    t.wait_exit();
}
