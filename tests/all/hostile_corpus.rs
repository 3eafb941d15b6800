//! Hostile inputs for the corpus parser: terminal escapes, NULs, huge lines, odd line ends,
//! stray BOMs, broken or legacy encodings. None may panic; each must read sensibly.
//! Self-contained: no files outside the repository are read (CI may not have them).

use tigang::corpus::decode::DecodeError;
use tigang::corpus::{ParaKind, Speech};

const SPEECH: &str = "在全市工作会议上的讲话\n\n同志们：\n一、提高政治站位。要认真学习。\n二、狠抓工作落实。一是抓学习，二是抓落实。\n";

fn outline(s: &Speech) -> Vec<String> {
    s.headings
        .iter()
        .map(|h| format!("{} {}{}", h.depth, s.heading_marker(h), s.heading_text(h)))
        .collect()
}

fn tsv(s: &Speech) -> String {
    let mut out = Vec::new();
    tigang::cli::outline_tsv(s, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const EXPECTED: [&str; 4] = [
    "1 一、提高政治站位",
    "1 二、狠抓工作落实",
    "2 一是抓学习",
    "2 二是抓落实",
];

#[test]
fn terminal_escapes_never_reach_the_output() {
    let src = "在全市工作会议上的讲话\x1b[2J\x1b[H\n\n一、提高\x1b]52;c;cm0gLXJmIH4=\x07站位。\n二、抓落实\u{9b}31m。\n";
    let s = Speech::from_bytes("esc", src.as_bytes(), None).unwrap();
    assert!(!s.text.contains(['\x1b', '\x07', '\u{9b}']), "{:?}", s.text);
    assert!(!s.title.contains('\x1b'));
    assert_eq!(s.title, "在全市工作会议上的讲话\u{FFFD}[2J\u{FFFD}[H");
    assert_eq!(
        outline(&s),
        [
            // The heading text ends at the OSC's `;`, as at any semicolon.
            "1 一、提高\u{FFFD}]52",
            "1 二、抓落实\u{FFFD}31m"
        ]
    );
    assert!(
        s.warnings
            .iter()
            .any(|w| w.starts_with("5 control character(s)")),
        "{:?}",
        s.warnings
    );
    assert!(!tsv(&s).contains('\x1b'));
}

#[test]
fn nul_bytes_early_are_binary_late_are_replaced() {
    let mut early = SPEECH.as_bytes().to_vec();
    early.insert(3, 0);
    assert_eq!(
        Speech::from_bytes("nul", &early, None).unwrap_err(),
        DecodeError::Binary
    );
    // Past the 64 KB sniffing window a NUL is only a damaged character, not a binary file.
    let mut late = SPEECH.as_bytes().to_vec();
    late.extend("正文。".repeat(30_000).as_bytes());
    assert!(late.len() > 64 * 1024);
    late.extend_from_slice(b"\0\0\n\x00\xe4\xb8\x89\xe3\x80\x81\0\n");
    let s = Speech::from_bytes("nul", &late, None).unwrap();
    assert_eq!(s.encoding, "UTF-8");
    assert!(!s.text.contains('\0'));
    // The damaged line does not end a sentence, so the next one is joined to it.
    assert!(s
        .text
        .ends_with("正文。\u{FFFD}\u{FFFD}\u{FFFD}三、\u{FFFD}"));
    assert_eq!(outline(&s), EXPECTED);
    assert!(s.warnings.iter().any(|w| w.starts_with("4 control")));
}

#[test]
fn ten_megabyte_single_lines() {
    let target = 10 * 1024 * 1024;
    let chunk = "我们要把工作抓紧抓实，一是抓学习，二是抓落实。不断提高水平";
    let points = chunk.repeat(target / chunk.len() + 1);
    let s = Speech::parse("big", &points);
    assert_eq!(s.paragraphs.len(), 1);
    assert_eq!(s.paragraphs[0].kind, ParaKind::Body);
    // Prose is no title (spec §7.6): the list shows the file name instead.
    assert_eq!(s.title, "");
    assert_eq!(s.headings.len(), 2 * (target / chunk.len() + 1));
    assert!(s.headings.iter().all(|h| h.depth == 1));

    // The variants below are smaller only to keep the debug test run short.
    let target = 2 * 1024 * 1024;
    // No punctuation at all: nothing ends a clause, heading texts stay bounded.
    let s = Speech::parse("big", &format!("一、{}", "啊".repeat(target / 3)));
    assert_eq!(s.headings.len(), 1);
    assert!(s.heading_text(&s.headings[0]).len() <= 600);

    // Glued headings: only those continuing the numbering count.
    let mut glued = String::new();
    let mut n = 0;
    while glued.len() < target {
        n += 1;
        glued.push_str(&format!(
            "{}. 第{n}项工作。正文内容说明若干。三、乱入。",
            n % 100
        ));
    }
    let s = Speech::parse("big", &glued);
    assert_eq!(s.headings.len(), 99, "numbering stops at 99");

    // Scraper noise repeated: every marker becomes a gap.
    let s = Speech::parse("big", &"文字……(省略12字)……".repeat(target / 30));
    assert_eq!(s.gaps.len(), target / 30);
    assert!(s.headings.is_empty());
}

#[test]
fn only_punctuation_reads_as_untitled_body() {
    for src in [
        "。，；！？……——“”",
        "，，，，\n、、、\n",
        "……\n……\n",
        "（）()【】",
    ] {
        let s = Speech::from_bytes("p", src.as_bytes(), None).unwrap();
        assert_eq!(s.title, "", "{src:?}");
        assert!(s.headings.is_empty());
        assert!(s.paragraphs.iter().all(|p| p.kind == ParaKind::Body));
    }
}

#[test]
fn only_whitespace_is_empty() {
    let (gbk, _, _) = encoding_rs::GBK.encode("\u{3000}\u{3000}\r\n");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(" \u{3000}\n".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: [&[u8]; 6] = [
        b" \t\r\n\r",
        "\u{3000}\u{A0} \n\u{3000}".as_bytes(),
        &gbk,
        &utf16,
        b"\xEF\xBB\xBF",
        "\u{FEFF}\u{FEFF}\n".as_bytes(),
    ];
    for b in cases {
        assert_eq!(
            Speech::from_bytes("ws", b, None).unwrap_err(),
            DecodeError::Empty,
            "{b:x?}"
        );
    }
}

#[test]
fn lone_cr_and_mixed_line_ends() {
    let s = Speech::parse("cr", &SPEECH.replace('\n', "\r"));
    assert_eq!(outline(&s), EXPECTED);
    let mixed = "在全市工作会议上的讲话\r\n\r\n同志们：\r一、提高政治站位。要认真学习。\n\r\n二、狠抓工作落实。一是抓学习，二是抓落实。\r\n";
    let s = Speech::parse("mixed", mixed);
    assert_eq!(outline(&s), EXPECTED);
    assert_eq!(s.paragraphs.len(), 4);
    // A hard wrap across a CRLF is joined like one across an LF.
    let s = Speech::parse(
        "wrap",
        "在会上的讲话\r\n\r\n今天我们齐聚一堂，更是一场工作的“战前\r\n动员”。\r\n",
    );
    assert_eq!(
        s.para_text(1),
        "今天我们齐聚一堂，更是一场工作的“战前动员”。"
    );
}

#[test]
fn bom_in_the_middle_is_dropped() {
    // Files concatenated with `cat` keep each part's BOM.
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend("在全市工作会议上的讲话\n\n".as_bytes());
    b.extend([0xEF, 0xBB, 0xBF]);
    b.extend("一、提高政治站位。要认真学习。\n".as_bytes());
    b.extend([0xEF, 0xBB, 0xBF]);
    b.extend("二、狠抓工作落实。一是抓学习，二是抓落实。\n".as_bytes());
    let s = Speech::from_bytes("bom", &b, None).unwrap();
    assert!(!s.text.contains('\u{FEFF}'));
    assert_eq!(outline(&s), EXPECTED);
    // The same in UTF-16LE, and in text handed straight to the parser.
    let mut le = vec![0xFF, 0xFE];
    let src = SPEECH.replace("一、", "\u{FEFF}一、");
    le.extend(src.encode_utf16().flat_map(u16::to_le_bytes));
    let s = Speech::from_bytes("bom16", &le, None).unwrap();
    assert_eq!(outline(&s), EXPECTED);
    let s = Speech::parse("bom", &src);
    assert_eq!(outline(&s), EXPECTED);
    assert!(s.warnings.is_empty());
}

#[test]
fn invalid_utf8_that_is_not_gbk() {
    // UTF-8 cut mid-character stays UTF-8, with a warning, not GB18030 mojibake.
    let cut = &SPEECH.as_bytes()[..SPEECH.len() - 2];
    let s = Speech::from_bytes("cut", cut, None).unwrap();
    assert_eq!(s.encoding, "UTF-8");
    assert_eq!(s.title, "在全市工作会议上的讲话");
    assert_eq!(outline(&s)[..3], EXPECTED[..3]);
    assert!(s.warnings[0].contains("invalid byte sequence"));
    // Bytes that are no text in any encoding: replaced and warned about, never a panic.
    for b in [
        &[0xFF; 64][..],
        &[0x80, 0x81, 0xFE, 0xFF, 0xC0, 0xC1, 0xF5][..],
        b"Rede zur Er\xf6ffnung\n\nLiebe G\xe4ste.\n",
        &[0xED, 0xA0, 0x80, 0x41, 0x42][..],
    ] {
        let s = Speech::from_bytes("junk", b, None).unwrap();
        assert!(!s.text.is_empty());
        assert!(s.headings.is_empty());
    }
    let s = Speech::from_bytes("junk", &[0xFF; 64], None).unwrap();
    assert!(
        s.warnings.iter().any(|w| w.contains("replaced by U+FFFD")),
        "{:?}",
        s.warnings
    );
}

#[test]
fn gb18030_four_byte_sequences() {
    let src = "在全市工作会议上的讲话\r\n\r\n一、𠮷祥如意，万事顺遂。\r\n二、ḿ与€和𠀀。\r\n";
    let (b, _, _) = encoding_rs::GB18030.encode(src);
    assert!(b
        .windows(2)
        .any(|w| w[0] >= 0x81 && (0x30..=0x39).contains(&w[1])));
    let s = Speech::from_bytes("gb", &b, None).unwrap();
    assert_eq!(s.encoding, "GB18030");
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(outline(&s), ["1 一、𠮷祥如意，万事顺遂", "1 二、ḿ与€和𠀀"]);
}

#[test]
fn big5_speech_is_outlined() {
    let src = "在全市工作會議上的講話\r\n\r\n同志們：\r\n一、提高政治站位。要認真學習。\r\n（一）加強理論武裝。\r\n（二）堅持問題導向。一是抓學習，二是抓落實。\r\n二、狠抓工作落實。\r\n";
    let (b, _, _) = encoding_rs::BIG5.encode(src);
    let s = Speech::from_bytes("big5", &b, None).unwrap();
    assert_eq!(s.encoding, "Big5");
    assert_eq!(s.title, "在全市工作會議上的講話");
    assert_eq!(
        outline(&s),
        [
            "1 一、提高政治站位",
            "2 （一）加強理論武裝",
            "2 （二）堅持問題導向",
            "3 一是抓學習",
            "3 二是抓落實",
            "1 二、狠抓工作落實"
        ]
    );
}
