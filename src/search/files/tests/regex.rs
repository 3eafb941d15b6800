//! Regex queries and the tricky files of the literal tests: what `Grep` prints with its
//! prefilters and ASCII-digit variant, without them, and what the full parse prints are
//! the same, with Traditional/Simplified folding on and off.

use super::*;

/// Files where dates and phrases are only whole once the text is cleaned, or written with
/// other digits.
fn date_corpus(root: &Path) {
    let w = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).unwrap();
    let head = "在全市工作会议上的讲话\n\n同志们：\n";
    w(
        "ascii.txt",
        format!("{head}2023年5月，我们召开了会议。2024年12月再开一次。\n").as_bytes(),
    );
    w(
        "wide.txt",
        format!("{head}２０２３年５月，我们召开了会议；2024年1月也开了。\n").as_bytes(),
    );
    w(
        "arabic.txt",
        format!("{head}٢٠٢٣年٥月，这是另一种数字。\n").as_bytes(),
    );
    w(
        "gbkdate.txt",
        &gbk(
            "在全市工作会议上的讲话\r\n\r\n同志们：\r\n2023年5月，國家和国家都要落实一岗双责。\r\n",
        ),
    );
    w(
        "wrapdate.txt",
        format!(
            "{head}各级领导干部要切实履行管党治党政治责任，从2023\n　　年5月起要做到两手抓。\n"
        )
        .as_bytes(),
    );
    w(
        "emphasis.md",
        "# 在会上的讲话\n\n同志们：\n\n要在**2023**年5月以前落实一岗**双责**的要求。\n".as_bytes(),
    );
    w(
        "entity.txt",
        format!("{head}从2023&#24180;5月起落实一岗&#21452;责，&amp;做到两手抓。\n").as_bytes(),
    );
    w(
        "tags.txt",
        format!("{head}<p>从2023年<b>5</b>月起落实一<span>岗</span>双责。</p><br>\n").as_bytes(),
    );
    w(
        "traditional.txt",
        format!("{head}國家在二〇二三年五月提出要求，我们落实。\n").as_bytes(),
    );
    w(
        "nodate.txt",
        format!("{head}今天我们召开会议。\n").as_bytes(),
    );
}

fn run_with(dirs: &[PathBuf], q: &Query, count: bool, prefilter: bool) -> Run {
    let source = Source::Dirs {
        dirs: dirs.to_vec(),
        encoding: None,
    };
    let mode = if count { Mode::Count } else { Mode::Lines };
    let mut g = Grep::new(q, mode, false, None);
    if !prefilter {
        g.filters.clear();
        g.ascii = None;
    }
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let found = g
        .run(&source, &mut out, &mut |s| skipped.push(skip_line(s)))
        .unwrap();
    (String::from_utf8(out).unwrap(), skipped, found)
}

/// With and without prefilter, the reference's output; returns it (lines mode).
fn same_both(dirs: &[PathBuf], query: &str, script: bool) -> String {
    let q = Query::parse_with(query, script).unwrap().unwrap();
    for count in [false, true] {
        let want = reference(dirs, None, &q, count);
        for prefilter in [true, false] {
            let got = run_with(dirs, &q, count, prefilter);
            assert_eq!(
                got, want,
                "query {query:?}, folding {script}, count {count}, prefilter {prefilter}"
            );
        }
    }
    reference(dirs, None, &q, false).0
}

#[test]
fn regex_queries_print_as_the_reference() {
    let dir = tempfile::tempdir().unwrap();
    tricky_corpus(dir.path());
    date_corpus(dir.path());
    let dirs = [dir.path().to_path_buf()];
    let queries = [
        r"re:\d{4}年\d{1,2}月",
        r"re:\d+",
        r"re:[0-9０-９]{4}年",
        r"re:(?-i)\d年\d月",
        r"re:一岗.?双责",
        r"re:一岗双责|两手抓",
        r"re:第\d+次会议",
        r"re:^同志们",
        r"re:召开.*。$",
        r"re:(?:国|國)家",
        r"re:国家",
        r"re:[a-c]{3}",
        r"re:ABC",
        r"re:作风\s+做一名",
        r"re:省略|未完",
        r"re:\D{2}年",
        r"re:没有这样一句话",
        "一岗双责",
        "国家",
        "2023年5月",
    ];
    for script in [true, false] {
        for q in queries {
            same_both(&dirs, q, script);
        }
    }
    // The fixtures really hold what they test.
    let out = same_both(&dirs, r"re:\d{4}年\d{1,2}月", true);
    for id in [
        "ascii:",
        "wide:",
        "arabic:",
        "gbkdate:",
        "wrapdate:",
        "emphasis:",
    ] {
        assert!(out.contains(id), "{id} missing in\n{out}");
    }
    assert!(
        !out.contains("nodate:") && !out.contains("traditional:"),
        "{out}"
    );
    let out = same_both(&dirs, "一岗双责", true);
    for id in ["emphasis:", "entity:", "tags:"] {
        assert!(out.contains(id), "{id} missing in\n{out}");
    }
    let out = same_both(&dirs, "re:2023年5月", true);
    assert!(out.contains("entity:") && out.contains("tags:"), "{out}");
    // A regex does not fold scripts; a literal does, when folding is on.
    assert!(!same_both(&dirs, "re:国家", true).contains("traditional:"));
    assert!(same_both(&dirs, "国家", true).contains("traditional:"));
    assert!(!same_both(&dirs, "国家", false).contains("traditional:"));
}

#[test]
fn regex_prefilters_reject_files_without_the_required_strings() {
    let q = Query::parse(r"re:\d{4}年\d{1,2}月").unwrap().unwrap();
    let g = Grep::new(&q, Mode::Count, false, None);
    assert!(g.filters.len() >= 2 && g.ascii.is_some());
    let passes = |text: &str| g.filters.iter().all(|f| f.utf8.is_match(text.as_bytes()));
    assert!(passes("2023年5月"));
    assert!(passes("2023\n　　年\r\n5月"));
    assert!(!passes("今天开会"));
    assert!(!passes("2023年召开"));
    // A regex that requires nothing has no prefilter.
    let q = Query::parse(r"re:\d+").unwrap().unwrap();
    assert!(Grep::new(&q, Mode::Count, false, None).filters.is_empty());
}
