//! Property tests for the corpus parser: any bytes decode or fail cleanly, and any text
//! parses into a model whose ranges, offsets, depths and parents are consistent.
//! Self-contained: no files outside the repository are read (CI may not have them).

use proptest::prelude::*;
use tigang::corpus::{ParaKind, Speech};

/// Pieces that speeches are made of: numbering, point markers, punctuation, line ends,
/// indentation and the scraping sites' omission and truncation notices.
const TOKENS: &[&str] = &[
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "〇",
    "○",
    "一、",
    "二、",
    "三、",
    "一．",
    "二.",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2.",
    "3、",
    "１．",
    "1.5",
    "（1）",
    "（2）",
    "(3)",
    "(21)",
    "⑴",
    "⒅",
    "一是",
    "二是",
    "三是",
    "一要",
    "二要",
    "第一，",
    "第二，",
    "第三是",
    "第一要",
    "第二要",
    "第一、",
    "第二：",
    "统一是",
    "之一是",
    "第一时间",
    "，",
    "。",
    "；",
    "：",
    "！",
    "？",
    "、",
    "“",
    "”",
    "（",
    "）",
    "……",
    "——",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{3000}",
    "\u{3000}\u{3000}",
    " ",
    "\t",
    "\u{A0}",
    "\u{FEFF}",
    "同志们：",
    "讲话",
    "在会议上的讲话\n",
    "——在座谈会上的讲话\n",
    "目录\n",
    "……\n",
    "## ",
    "# ",
    "### ",
    "……(新文秘网省略877字,正式会员可完整阅读)……",
    "(未完,全文共100字,当前仅显示50字",
    "收藏《x》)",
    "（省略300字）",
    "\x1b[2J",
    "\0",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(TOKENS).prop_map(str::to_string),
        3 => proptest::char::range('\u{4E00}', '\u{9FA5}').prop_map(|c| c.to_string()),
        1 => "[a-z0-9 .,:;()]{1,4}",
    ]
}

fn speech_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(token(), 0..160).prop_map(|v| v.concat())
}

/// Every structural invariant the reader relies on.
fn check(s: &Speech) {
    let text = &s.text;
    // Paragraphs tile the text, separated by exactly one '\n'.
    if let Some(first) = s.paragraphs.first() {
        assert_eq!(first.range.start, 0);
        assert_eq!(s.paragraphs.last().unwrap().range.end, text.len());
    } else {
        assert!(text.is_empty());
    }
    for p in &s.paragraphs {
        assert!(p.range.start <= p.range.end);
        assert!(text.is_char_boundary(p.range.start) && text.is_char_boundary(p.range.end));
        assert!(
            !text[p.range.clone()].contains('\n'),
            "newline in paragraph"
        );
    }
    for w in s.paragraphs.windows(2) {
        assert_eq!(
            w[1].range.start,
            w[0].range.end + 1,
            "paragraphs not adjacent"
        );
        assert_eq!(&text[w[0].range.end..w[1].range.start], "\n");
    }
    // No terminal control characters survive (a title is printed raw by the dumps).
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "control character in text: {text:?}"
    );
    assert!(!s.title.chars().any(|c| c.is_control() && c != '\t'));
    // Gaps inside their paragraph.
    for g in &s.gaps {
        let p = &s.paragraphs[g.para];
        assert!(
            p.range.start <= g.at && g.at <= p.range.end,
            "gap outside its paragraph"
        );
        assert!(text.is_char_boundary(g.at));
    }
    // Headings.
    let mut last_start = None;
    for (i, h) in s.headings.iter().enumerate() {
        let p = &s.paragraphs[h.para];
        assert_eq!(p.kind, ParaKind::Body);
        // A bare numeral's text is the short line after it (spec §7.3): the next paragraph.
        let bare = h.text.start > p.range.end;
        let tp = if bare { &s.paragraphs[h.para + 1] } else { p };
        for (r, p) in [(&h.marker, p), (&h.text, tp)] {
            assert!(p.range.start <= r.start && r.start <= r.end && r.end <= p.range.end);
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        // Only a Markdown heading without a number has no marker in the text (§7.4).
        let markdown = matches!(
            h.kind,
            tigang::corpus::HeadingKind::Structural {
                form: tigang::corpus::numbering::Form::Markdown(_)
            }
        );
        assert!(!h.marker.is_empty() || markdown);
        assert!(!h.text.is_empty() || !markdown);
        assert!(h.marker.end <= h.text.start, "text before marker");
        assert_eq!(
            text[p.range.start..h.marker.start].chars().count(),
            h.offset,
            "offset of heading {i}"
        );
        if let Some(prev) = last_start {
            assert!(h.marker.start > prev, "headings out of order");
        }
        last_start = Some(h.marker.start);
        match h.parent {
            Some(pi) => {
                assert!(pi < i, "parent after child");
                assert_eq!(h.depth, s.headings[pi].depth + 1);
            }
            None => assert_eq!(h.depth, 1),
        }
        assert!(h.depth >= 1);
        if let Some(l) = &h.label {
            assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
            assert!(l.start <= l.end && l.end <= text.len());
        }
    }
    // 字数: the speech only, not what a site put around it (spec §7.5).
    let chars: usize = s
        .paragraphs
        .iter()
        .filter(|p| p.kind.is_speech())
        .map(|p| {
            text[p.range.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum();
    assert_eq!(s.chars, chars);
    // The accessors the reader uses must not panic either.
    for i in 0..s.headings.len() {
        let _ = s.heading_label(i);
        let _ = s.heading_path(i);
    }
    let _ = s.para_at(text.len());
    let _ = s.heading_at(text.len());
}

proptest! {
    #![proptest_config(crate::common::proptest_cases(1000))]

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        if let Ok(s) = Speech::from_bytes("p", &bytes, None) {
            check(&s);
        }
    }

    #[test]
    fn speech_like_bytes_in_legacy_encodings(src in speech_like(), big5 in any::<bool>()) {
        let enc = if big5 { encoding_rs::BIG5 } else { encoding_rs::GB18030 };
        let (bytes, _, _) = enc.encode(&src);
        if let Ok(s) = Speech::from_bytes("p", &bytes, None) {
            check(&s);
        }
        if let Ok(s) = Speech::from_bytes("p", &bytes, Some(enc)) {
            check(&s);
        }
    }

    #[test]
    fn any_string_parses_consistently(src in any::<String>()) {
        check(&Speech::parse("p", &src));
    }

    #[test]
    fn speech_like_text_parses_consistently(src in speech_like()) {
        check(&Speech::parse("p", &src));
    }

    #[test]
    fn speech_like_text_under_a_title(src in speech_like()) {
        check(&Speech::parse("p", &format!("在全市工作会议上的讲话\n\n同志们：\n{src}")));
    }
}
