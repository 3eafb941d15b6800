//! The outline library from the command line: `search --headings`, `outline --brief`,
//! `--format docx` exports read back, and `diff` of two outlines.

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

#[test]
fn search_headings_prints_each_heading_hit_with_its_path() {
    let o = tigang(&["search", "--headings", "作风"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "001_e06c157ea6db8405:18: 《在全市第二批主题教育培训会上的讲话》 \
         三、强化自身建设，推动主题教育取得扎实成效 › 二要 带头改进作风\n\
         002_79d529a42d7e482e:13: 《在市X系统基层党务干部培训班开班仪式上的动员讲话》 \
         一、培训的意义 › 三是 切实解决党员干部突出问题的需要 › 第三 工作作风漂浮懒惰\n\
         002_79d529a42d7e482e:15: 《在市X系统基层党务干部培训班开班仪式上的动员讲话》 \
         二、培训的目的 › 一是 党的基本知识要搞清楚 › 第七是 党的作风\n\
         004_c86d48fce694c9fb:9: 《提升能力素质  保持优良作风 做一名优秀的新时代党务工作者》 \
         五、树牢爱民为民利民意识，不断优化干部作风形象\n"
    );
    let o = tigang(&["search", "--headings", "--count", "作风"]);
    assert_eq!(
        stdout(&o),
        "001_e06c157ea6db8405:1\n002_79d529a42d7e482e:2\n004_c86d48fce694c9fb:1\n"
    );
    // Prose-only words are not found in the 提纲 scope: exit 1, like grep.
    let o = tigang(&["search", "--headings", "一岗双责"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let o = tigang(&["search", "--titles", "作风"]);
    assert_eq!(
        stdout(&o),
        "004_c86d48fce694c9fb: 《提升能力素质  保持优良作风 做一名优秀的新时代党务工作者》\n"
    );
}

fn tigang_in(home: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tigang"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .output()
        .expect("runs")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/real/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The paragraphs of a .docx read back with the crate that wrote it: (style id, text).
fn docx_paragraphs(path: &std::path::Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let doc = docx_rs::read_docx(&bytes).unwrap();
    doc.document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some((
                p.property
                    .style
                    .as_ref()
                    .map_or(String::new(), |s| s.val.clone()),
                p.raw_text(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn outline_brief_gives_each_heading_its_first_sentence() {
    // By id: the corpus's speech; the first sentence follows the label after ` — `.
    let o = tigang(&["outline", "--brief", "001_e06c157ea6db8405"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "在全市第二批主题教育培训会上的讲话");
    assert_eq!(lines.len(), 1 + 16);
    assert_eq!(
        lines[5],
        "  四要 搞好服务协调 — 做好办公室综合协调服务工作，关键是要守责负责、周全周密，\
         重点是要区分好不同服务对象的特点，抓实协调服务工作。"
    );
    assert_eq!(
        lines[7],
        "二、坚持从严从实，认真做好主题教育督促指导工作 — 根据中央的部署安排，这次主题教育市县两级不组建指导组。"
    );
}

#[test]
fn outline_docx_has_word_heading_styles_levels_and_chinese_numbering() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("outline.docx");
    let o = tigang(&[
        "outline",
        &fixture("gov_2010.txt"),
        "--format",
        "docx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let paras = docx_paragraphs(&out);
    assert_eq!(
        paras[0],
        (
            "Title".to_string(),
            "温家宝所作政府工作报告（十一届人大三次会议）".to_string()
        )
    );
    let h = |style: &str, text: &str| (style.to_string(), text.to_string());
    assert!(paras.contains(&h("Heading1", "一、２００９年工作回顾")));
    assert!(paras.contains(&h("Heading2", "（五）大力加强文化建设")));
    assert!(paras.contains(&h("Heading3", "一是 保持适度的财政赤字和国债规模")));
    // Every heading of the TSV outline, in order, at its depth.
    let tsv = stdout(&tigang(&["outline", &fixture("gov_2010.txt")]));
    let want: Vec<(String, String)> = tsv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (format!("Heading{}", f[0]), f[2].to_string())
        })
        .collect();
    let got: Vec<(String, String)> = paras
        .iter()
        .filter(|(s, _)| s.starts_with("Heading"))
        .cloned()
        .collect();
    assert_eq!(got.len(), want.len());
    for ((gs, gt), (ws, wt)) in got.iter().zip(&want) {
        assert_eq!(gs, ws);
        assert!(gt.ends_with(wt.as_str()), "{gt} / {wt}");
    }
    // The markdown outline is still there too.
    let md = stdout(&tigang(&[
        "outline",
        "--format",
        "md",
        "001_e06c157ea6db8405",
    ]));
    assert!(md.starts_with("# 在全市第二批主题教育培训会上的讲话\n"));
}

#[test]
fn bookmarks_docx_puts_each_excerpt_under_its_citation() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/tigang");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("bookmarks.toml"),
        r#"version = 1

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
"#,
    )
    .unwrap();
    let out = home.path().join("b.docx");
    let o = tigang_in(
        home.path(),
        &["bookmarks", "--format", "docx", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let paras = docx_paragraphs(&out);
    let p = |style: &str, text: &str| (style.to_string(), text.to_string());
    assert_eq!(
        paras,
        [
            p("Title", "书签"),
            p("Heading1", "《在全市第二批主题教育培训会上的讲话》"),
            p("Heading2", "二、坚持从严从实 › 一要把握工作重点"),
            p("Quote", "要把握工作重点"),
            p(
                "",
                "——《在全市第二批主题教育培训会上的讲话》，二、坚持从严从实 › 一要把握工作重点"
            ),
            p("", "笔记：重点：一岗双责"),
        ]
    );
}

#[test]
fn diff_of_two_built_in_speeches() {
    let o = tigang(&["diff", "001_e06c157ea6db8405", "001_e06c157ea6db8405"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.ends_with("\nkept 16, reworded 0, dropped 0, added 0\n"),
        "{out}"
    );
    assert!(out.contains("\n=   一要 当好参谋助手\n"));
    // Two speeches on other subjects share no point: all dropped, all added; as diff(1),
    // outlines that differ exit 1.
    let o = tigang(&["diff", "001_e06c157ea6db8405", "004_c86d48fce694c9fb"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.starts_with(
        "--- 《在全市第二批主题教育培训会上的讲话》\n\
         +++ 《提升能力素质  保持优良作风 做一名优秀的新时代党务工作者》\n\
         - 一、提高政治站位，扎实做好主题教育组织协调工作\n"
    ));
    assert!(
        out.ends_with("\nkept 0, reworded 0, dropped 16, added 24\n"),
        "{out}"
    );
}

#[test]
fn diff_of_two_government_work_reports() {
    let o = tigang(&["diff", &fixture("gov_2010.txt"), &fixture("gov_2014.txt")]);
    assert_eq!(o.status.code(), Some(1), "they differ");
    let out = stdout(&o);
    let has = |line: &str| out.lines().any(|l| l == line);
    // Reworded: the review a year on, and two tasks said more briefly.
    assert!(has("~ 一、２００９年工作回顾 → 一、2013年工作回顾过去一年是本届政府依法履职的第一年，任务艰巨而繁重"), "{out}");
    assert!(has(
        "~   （二）加快转变经济发展方式，调整优化经济结构 → 三是 注重调整经济结构"
    ));
    assert!(has(
        "~   （六）着力保障和改善民生，促进社会和谐进步 → 四是 切实保障和改善民生"
    ));
    // Dropped from 2010 and added in 2014.
    assert!(has("-   （五）大力加强文化建设"));
    assert!(has("- 二、２０１０年主要任务"));
    assert!(has("+   （九）努力建设生态文明的美好家园"));
    assert!(has("+   第一 向深化改革要动力"));
    assert!(
        out.ends_with("\nkept 0, reworded 4, dropped 40, added 16\n"),
        "{out}"
    );
}
