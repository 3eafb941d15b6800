//! The `.docx` figure of issue 10: a folder of 1,000 Word files (the five seeds, each
//! varied, their `一、` headings numbered by Word numbering as official templates do) listed
//! and fully loaded the way the reader does it, in MB/s of `.docx` and of extracted text.
//!
//!     cargo run --release --example bench_docx [-- FILES]
//!
//! Not part of CI (timings depend on the machine); `bench/run.sh` stays the text figure.

use std::io::Write;
use std::time::Instant;

const SEEDS: [&str; 5] = [
    include_str!("../data/000_1d82c23c4702611b.txt"),
    include_str!("../data/001_e06c157ea6db8405.txt"),
    include_str!("../data/002_79d529a42d7e482e.txt"),
    include_str!("../data/003_f2cd3f3992885587.txt"),
    include_str!("../data/004_c86d48fce694c9fb.txt"),
];

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn docx(text: &str, variant: usize) -> Vec<u8> {
    let mut body = String::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let numbered = line
            .char_indices()
            .find(|&(_, c)| c == '、')
            .filter(|&(at, _)| at > 0 && at <= 9)
            .filter(|&(at, _)| {
                line[..at]
                    .chars()
                    .all(|c| "一二三四五六七八九十".contains(c))
            });
        let (ppr, rest) = match numbered {
            Some((at, _)) => (
                r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#,
                &line[at + '、'.len_utf8()..],
            ),
            None if i == 0 => (r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr>"#, line),
            None => ("", line),
        };
        let rest = if i == 0 {
            format!("{rest}（{variant}）")
        } else {
            rest.to_string()
        };
        body.push_str(&format!(
            r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(&rest)
        ));
    }
    let document = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, xml) in [
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let dir = tempfile_dir();
    let mut bytes = 0u64;
    for i in 0..n {
        let d = docx(SEEDS[i % SEEDS.len()], i);
        bytes += d.len() as u64;
        std::fs::write(dir.join(format!("{i:04}.docx")), d).unwrap();
    }
    let mb = bytes as f64 / (1 << 20) as f64;
    let dirs = vec![dir.clone()];
    // Warm the page cache.
    let _ = tigang::corpus::load_dirs(&dirs, None);

    let best = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let k = f();
                (t.elapsed().as_secs_f64(), k)
            })
            .fold((f64::MAX, 0), |a, b| if b.0 < a.0 { b } else { a })
    };
    let (list_s, listed) = best(&|| {
        let scan = tigang::corpus::scan(&dirs);
        tigang::corpus::load_titles(&scan, None).speeches.len()
    });
    let (load_s, loaded) = best(&|| tigang::corpus::load_dirs(&dirs, None).speeches.len());
    let c = tigang::corpus::load_dirs(&dirs, None);
    let text_mb = c.speeches.iter().map(|s| s.text.len()).sum::<usize>() as f64 / (1 << 20) as f64;
    let headings: usize = c.speeches.iter().map(|s| s.headings.len()).sum();
    assert_eq!((listed, loaded), (n, n), "every file lists and loads");
    println!(
        "{n} .docx files, {mb:.1} MB ({text_mb:.1} MB of text, {headings} headings), {} threads",
        rayon::current_num_threads()
    );
    println!(
        "list (titles): {:.0} ms, {:.1} MB/s of .docx",
        list_s * 1e3,
        mb / list_s
    );
    println!(
        "full load:     {:.0} ms, {:.1} MB/s of .docx, {:.1} MB/s of text",
        load_s * 1e3,
        mb / load_s,
        text_mb / load_s
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("tigang-bench-docx-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
