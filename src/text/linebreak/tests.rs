/// The layout's atoms as computed before the fast paths, kept to check that the fast paths
/// change nothing.
mod reference {
    use super::super::{
        forbidden_at_line_end, forbidden_at_line_start, is_line_terminator, Atom, Kind, MANDATORY,
        NEVER, RANK_ANY, RANK_GOOD, RANK_KINSOKU, RANK_LOOSE, RANK_WORD,
    };
    use crate::text::width::{grapheme_width, graphemes};
    use unicode_linebreak::{linebreaks, BreakOpportunity};

    #[derive(Clone, Copy)]
    pub(super) struct Traits {
        first: char,
        width: usize,
        space: bool,
        terminator: bool,
        alnum: bool,
        no_start: bool,
        no_end: bool,
        open_quote: bool,
        close_quote: bool,
        /// Written in pairs: "……", "——".
        doubled: bool,
    }

    impl Traits {
        pub(super) fn fields(&self) -> (char, u32, [bool; 8]) {
            let t = self;
            let flags = [
                t.space,
                t.terminator,
                t.alnum,
                t.no_start,
                t.no_end,
                t.open_quote,
            ];
            let flags = [
                flags[0],
                flags[1],
                flags[2],
                flags[3],
                flags[4],
                flags[5],
                t.close_quote,
                t.doubled,
            ];
            (t.first, u32::try_from(t.width).unwrap_or(u32::MAX), flags)
        }

        pub(super) fn of(g: &str) -> Self {
            let first = g.chars().next().unwrap_or(' ');
            let width = grapheme_width(g);
            Traits {
                first,
                width,
                space: g == " ",
                terminator: is_line_terminator(first),
                alnum: width <= 1 && first.is_alphanumeric(),
                no_start: forbidden_at_line_start(first),
                no_end: forbidden_at_line_end(first),
                open_quote: matches!(first, '“' | '‘'),
                close_quote: matches!(first, '”' | '’'),
                doubled: matches!(first, '…' | '—'),
            }
        }

        /// Ideographs, kana, full-width punctuation: the context where Chinese rules apply.
        fn wide(&self) -> bool {
            self.width >= 2
        }
    }

    pub(super) fn build_atoms(text: &str, atoms: &mut Vec<Atom>) {
        atoms.clear();
        let mut uax = linebreaks(text).peekable();
        atoms.reserve(text.len() / 3);
        let mut prev: Option<Traits> = None;
        // Whether the last non-space grapheme must not end a line: "（ " must not end one either.
        let mut after_no_end = false;
        for (start, g) in graphemes(text) {
            let cur = Traits::of(g);
            let mut before = NEVER;
            if let Some(prev) = prev {
                // UAX #14 also reports positions inside grapheme clusters; those are skipped.
                let mut opportunity = None;
                while let Some(&(pos, kind)) = uax.peek() {
                    if pos > start {
                        break;
                    }
                    if pos == start {
                        opportunity = Some(kind);
                    }
                    uax.next();
                }
                before = boundary_rank(&prev, &cur, opportunity, after_no_end);
            }
            if !cur.space {
                after_no_end = cur.no_end;
            }
            let (kind, width) = if cur.terminator {
                (Kind::Terminator, 0)
            } else if cur.space {
                (Kind::Space, cur.width)
            } else {
                (Kind::Content, cur.width)
            };
            atoms.push(Atom {
                start,
                width: u32::try_from(width).unwrap_or(u32::MAX),
                kind,
                before,
            });
            prev = Some(cur);
        }
    }

    fn boundary_rank(
        prev: &Traits,
        cur: &Traits,
        uax: Option<BreakOpportunity>,
        after_no_end: bool,
    ) -> u8 {
        if prev.terminator || uax == Some(BreakOpportunity::Mandatory) {
            return MANDATORY;
        }
        if cur.space || cur.terminator {
            return NEVER;
        }
        // UAX #14 (LB19) glues quotation marks to both neighbours, which in Chinese would weld whole
        // quoted clauses to the text around them; Chinese only needs the quote kept with the quoted
        // text.
        let cjk_quote = (cur.open_quote && prev.wide() && !prev.no_end)
            || (prev.close_quote && (cur.open_quote || (cur.wide() && !cur.no_start)));
        let allowed = uax.is_some() || cjk_quote;
        let kinsoku = cur.no_start || after_no_end;
        // Narrow runs that UAX #14 keeps together are words, numbers ("1.5", "2,000") or a word with
        // its punctuation: splitting those is the last resort.
        let in_word = (!allowed
        && prev.width <= 1
        && cur.width <= 1
        && !prev.space
        && (prev.alnum || cur.alnum))
        // Splitting "……" or "——" is worse than letting it start a line.
        || (prev.doubled && cur.doubled && prev.first == cur.first);
        match (allowed, kinsoku, in_word) {
            (true, false, _) => RANK_GOOD,
            (false, false, false) => RANK_LOOSE,
            (_, false, true) => RANK_WORD,
            (_, true, false) => RANK_KINSOKU,
            (_, true, true) => RANK_ANY,
        }
    }
}
use super::*;
use crate::text::lines::*;
use crate::text::width::*;
use proptest::prelude::*;
use std::borrow::Cow;
use unicode_linebreak::{break_property, BreakClass};
use unicode_segmentation::UnicodeSegmentation;

#[test]
fn parallel_layout_equals_sequential() {
    let para = "一是坚持党的领导，“两个确立”具有决定性意义；二是1.5倍的增长。ABC company grew. ";
    let texts: Vec<String> = (0..400).map(|i| para.repeat(1 + i % 17)).collect();
    let specs: Vec<ParaSpec> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| ParaSpec {
            text: t,
            first_indent: if i % 3 == 0 { 0 } else { 4 },
            balanced: false,
        })
        .collect();
    for spacing in [0, 1, 2] {
        let seq = layout_doc(specs.iter().copied(), 37, spacing);
        let par = layout_doc_parallel(&specs, 37, spacing);
        assert_eq!(seq, par, "spacing {spacing}");
    }
}

const NO_START: &str = "，。、；：？！）」』》”’〉】〕…·—,.;:?!)]}";
const NO_END: &str = "（「『《“‘〈【〔([{";
const IDEOGRAPHS: &str = "中国人民共和发展经济社会我们的是在有这个上不";

fn lines(text: &str, width: u16, indent: u16) -> Vec<&str> {
    wrap(text, width, indent)
        .iter()
        .map(|l| &text[l.range()])
        .collect()
}

/// The invariants every layout must satisfy, whatever the text.
fn check_basic(text: &str, width: u16, first_indent: u16) -> Vec<LineRange> {
    let out = wrap(text, width, first_indent);
    assert!(!out.is_empty());
    assert_eq!(out[0].start, 0);
    assert_eq!(out.last().unwrap().end, text.len());
    for pair in out.windows(2) {
        assert_eq!(
            pair[0].end, pair[1].start,
            "{text:?}: ranges not contiguous"
        );
    }
    let joined: String = out.iter().map(|l| &text[l.range()]).collect();
    assert_eq!(joined, text);
    let expected_indent = if first_indent + 2 <= width {
        first_indent
    } else {
        0
    };
    for (i, l) in out.iter().enumerate() {
        assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
        assert!(l.start < l.end || text.is_empty(), "{text:?}: empty line");
        let line = &text[l.range()];
        assert_eq!(usize::from(l.width), line_width(line), "{line:?}");
        assert_eq!(l.indent, if i == 0 { expected_indent } else { 0 });
        if width >= 2 {
            assert!(
                line_width(line) + usize::from(l.indent) <= usize::from(width),
                "{text:?} at {width}: line {line:?} too wide"
            );
        }
    }
    out
}

fn ends_with_terminator(line: &str) -> bool {
    line.chars().next_back().is_some_and(is_line_terminator)
}

/// Lines whose break breaks a Chinese rule: the next line starts with a forbidden character,
/// or this one ends with one. Breaks forced by a line terminator are exempt.
fn kinsoku_violations(text: &str, out: &[LineRange]) -> Vec<usize> {
    let mut bad = Vec::new();
    for (i, pair) in out.windows(2).enumerate() {
        let line = &text[pair[0].range()];
        if ends_with_terminator(line) {
            continue;
        }
        let next_first = text[pair[1].range()].chars().next().unwrap();
        let last_visible = visible_part(line).chars().next_back();
        if NO_START.contains(next_first) || last_visible.is_some_and(|c| NO_END.contains(c)) {
            bad.push(i);
        }
    }
    bad
}

/// Whether a break at `b` is plainly fine in Chinese: an ideograph after it, and before it an
/// ideograph or a closing mark.
fn clearly_good_break(text: &str, b: usize) -> bool {
    let before = text[..b].chars().next_back();
    let after = text[b..].chars().next();
    matches!(
        (before, after),
        (Some(x), Some(y)) if (IDEOGRAPHS.contains(x) || "，。、；：？！）」』》”’…—".contains(x))
            && IDEOGRAPHS.contains(y)
    )
}

/// Asserts that each rule-breaking line break had no plainly good alternative that fit.
fn check_kinsoku(text: &str, width: u16, out: &[LineRange]) {
    for i in kinsoku_violations(text, out) {
        let l = out[i];
        let avail = usize::from(width) - usize::from(l.indent);
        let mut b = l.start;
        for c in text[l.start..].chars() {
            b += c.len_utf8();
            if is_line_terminator(c) || line_width(&text[l.start..b]) > avail {
                break;
            }
            assert!(
                !clearly_good_break(text, b),
                "{text:?} at {width}: line {:?} breaks a rule though a break at {b} fit",
                &text[l.range()]
            );
        }
    }
}

#[test]
fn pure_chinese_fills_lines() {
    let text = "我们要坚持和发展中国特色社会主义不断推进国家治理体系和治理能力现代化".repeat(3);
    let text = text.as_str();
    let n = text.chars().count();
    for (width, per_line) in [(10, 5), (11, 5), (20, 10), (80, 40)] {
        let out = check_basic(text, width, 0);
        assert_eq!(out.len(), n.div_ceil(per_line), "width {width}");
        for l in &out[..out.len() - 1] {
            assert_eq!(text[l.range()].chars().count(), per_line);
            assert_eq!(usize::from(l.width), per_line * 2);
        }
    }
}

#[test]
fn punctuated_chinese_keeps_the_rules() {
    let text =
        "同志们：今年是全面贯彻党的二十大精神的开局之年。我们要坚持“以人民为中心”的发展思想，\
        推进《规划》（2021—2025年）落实——这是大局……同时，要看到困难：经济增长1.5%、\
        就业压力（特别是青年）较大！怎么办？";
    for width in [10, 11, 20, 80] {
        let out = check_basic(text, width, DEFAULT_FIRST_INDENT);
        assert!(out.len() > 1);
        let bad = kinsoku_violations(text, &out);
        assert!(bad.is_empty(), "{width}: {:?}", lines(text, width, 4));
    }
}

#[test]
fn first_line_indent() {
    let text = "一二三四五六七八九十一二三四五六七八九十";
    let out = check_basic(text, 20, 4);
    assert_eq!(out[0].indent, 4);
    assert_eq!(text[out[0].range()].chars().count(), 8);
    assert_eq!(out[1].indent, 0);
    assert_eq!(text[out[1].range()].chars().count(), 10);
    // An indent that leaves no room for a wide character is dropped rather than overflowing.
    assert_eq!(wrap("一二", 5, 4)[0].indent, 0);
    assert_eq!(wrap("一二", 6, 4)[0].indent, 4);
    assert_eq!(wrap("一二", 3, 8)[0].indent, 0);
}

#[test]
fn mixed_chinese_latin_digits_keep_words_whole() {
    let text = "ABC公司2023年增长1.5倍";
    let words = ["ABC", "2023", "1.5"];
    for width in 4..=30 {
        let out = check_basic(text, width, 0);
        for l in &out {
            for w in words {
                let at = text.find(w).unwrap();
                assert!(
                    l.end <= at || l.end >= at + w.len(),
                    "width {width} splits {w}: {:?}",
                    lines(text, width, 0)
                );
            }
        }
    }
    assert_eq!(lines(text, 8, 0), ["ABC公司", "2023年增", "长1.5倍"]);
}

#[test]
fn long_word_is_split_only_as_last_resort() {
    let text = "参见abcdefghijklmnopqrstuvwxyz一文";
    let out = check_basic(text, 10, 0);
    assert_eq!(
        lines(text, 10, 0),
        ["参见", "abcdefghij", "klmnopqrst", "uvwxyz一文"]
    );
    assert!(out.iter().all(|l| l.width <= 10));
    // A word too long for any line is split rather than leaving "（" at a line end.
    assert_eq!(
        lines("（abcdefghijklmnop", 12, 0),
        ["（abcdefghij", "klmnop"]
    );
}

#[test]
fn each_forbidden_line_start_is_carried_down() {
    for c in NO_START.chars() {
        let text = format!("一二三四五{c}六七八九");
        let out = check_basic(&text, 10, 0);
        let got = lines(&text, 10, 0);
        assert_eq!(got[0], "一二三四", "{c}: {got:?}");
        assert!(got[1].starts_with('五'), "{c}: {got:?}");
        assert!(kinsoku_violations(&text, &out).is_empty());
    }
}

#[test]
fn each_forbidden_line_end_is_moved_down() {
    for c in NO_END.chars() {
        let text = format!("一二三四{c}五六七八");
        let width = 8 + display_width(&c.to_string()) as u16;
        let out = check_basic(&text, width, 0);
        let got = lines(&text, width, 0);
        assert_eq!(got[0], "一二三四", "{c}: {got:?}");
        assert!(got[1].starts_with(c), "{c}: {got:?}");
        assert!(kinsoku_violations(&text, &out).is_empty());
    }
}

#[test]
fn ellipsis_and_dash_stay_whole_and_never_start_a_line() {
    for pair in ["……", "——"] {
        let text = format!("一二三四{pair}五六七");
        assert_eq!(
            lines(&text, 10, 0),
            [format!("一二三四{pair}"), "五六七".into()]
        );
        assert_eq!(
            lines(&text, 9, 0),
            ["一二三", &format!("四{pair}五六"), "七"]
        );
        let half = &pair[..pair.len() / 2];
        for width in 2..=12 {
            let out = check_basic(&text, width, 0);
            for l in &out {
                let line = &text[l.range()];
                assert!(!line.ends_with(half) || line.ends_with(pair), "{line:?}");
                // Below 4 columns "四" and the pair cannot share a line.
                if width >= 4 && l.start > 0 {
                    assert!(!line.starts_with(half), "{line:?} at {width}");
                }
            }
        }
    }
}

#[test]
fn quotes_break_on_their_outer_side_in_chinese() {
    assert_eq!(lines("一二“三四”五六", 6, 0), ["一二", "“三四”", "五六"]);
    assert_eq!(
        lines("他说：“走吧。”他们走了", 8, 0),
        ["他说：", "“走吧。”", "他们走了"]
    );
    // Between Latin words quotes keep UAX #14's behaviour and stick to the word.
    assert_eq!(lines("say “hi” now", 7, 0), ["say ", "“hi” ", "now"]);
}

#[test]
fn narrow_widths_terminate_and_cover_everything() {
    let text = "中文，English 123。“引号”\n（括号）";
    for width in [0, 1] {
        let out = check_basic(text, width, 4);
        for l in &out {
            let line = visible_part(&text[l.range()]);
            assert!(line.graphemes(true).count() <= 1, "{line:?}");
        }
    }
    assert_eq!(lines("一二", 0, 0), ["一", "二"]);
    assert_eq!(lines("ab", 1, 0), ["a", "b"]);
    assert_eq!(lines("一", 1, 0), ["一"]);
}

#[test]
fn empty_text_gives_one_empty_line() {
    assert_eq!(
        wrap("", 20, 4),
        [LineRange {
            start: 0,
            end: 0,
            indent: 4,
            width: 0
        }]
    );
}

#[test]
fn only_punctuation_falls_back_to_breaking() {
    let text = "，。、；：？！，。、；：？！";
    let out = check_basic(text, 6, 0);
    assert!(out.iter().all(|l| l.width == 6 || l.end == text.len()));
    check_basic("………………………………", 4, 0);
    check_basic("（（（（（（（（", 4, 0);
}

#[test]
fn spaces_take_no_room_at_line_end() {
    assert_eq!(
        wrap("      ", 2, 0),
        [LineRange {
            start: 0,
            end: 6,
            indent: 0,
            width: 0
        }]
    );
    let out = check_basic("hello world foo", 11, 0);
    assert_eq!(lines("hello world foo", 11, 0), ["hello world ", "foo"]);
    assert_eq!(out[0].width, 11);
    assert_eq!(lines("hello   world", 5, 0), ["hello   ", "world"]);
    assert_eq!(visible_part("ab  \r\n"), "ab");
}

#[test]
fn newline_is_a_forced_break() {
    let out = check_basic("一二\n三四\r\n\n五", 80, 4);
    assert_eq!(
        lines("一二\n三四\r\n\n五", 80, 4),
        ["一二\n", "三四\r\n", "\n", "五"]
    );
    assert_eq!(out[0].width, 4);
    assert_eq!(out[1].indent, 0);
    // A full line followed by its newline does not spill an empty line.
    assert_eq!(lines("一二\n三", 4, 0), ["一二\n", "三"]);
}

#[test]
fn control_characters_are_one_column_placeholders() {
    assert_eq!(visible_char('a'), None);
    assert_eq!(visible_char('中'), None);
    assert_eq!(visible_char('\0'), Some('␀'));
    assert_eq!(visible_char('\t'), Some('␉'));
    assert_eq!(visible_char('\u{1b}'), Some('␛'));
    assert_eq!(visible_char('\u{1f}'), Some('␟'));
    assert_eq!(visible_char('\u{7f}'), Some('␡'));
    assert_eq!(visible_char('\u{85}'), Some('\u{FFFD}'));
    assert_eq!(visible_char('\u{9f}'), Some('\u{FFFD}'));
    assert_eq!(visible_char('\u{a0}'), None);
    assert_eq!(display_width("\u{1b}"), 1);
    assert_eq!(display_width("中\u{1b}[31m"), 7);
    assert_eq!(display_width("\u{9b}中"), 3);
    assert_eq!(grapheme_width("\u{7f}"), 1);
    assert_eq!(visible_text("a\tb\u{1b}"), "a␉b␛");
    assert!(matches!(visible_text("中文 “”"), Cow::Borrowed(_)));
    for s in ["\u{1b}\u{1b}\u{1b}\u{1b}", "中\u{1b}文\u{7}\u{90}字"] {
        assert_eq!(display_width(&visible_text(s)), display_width(s));
    }
    let text = "中\u{1b}\u{1b}\u{1b}文";
    let out = check_basic(text, 4, 0);
    assert!(out.iter().all(|l| l.width <= 4));
    assert_eq!(wrap("\u{1b}\u{1b}\u{1b}", 2, 0).len(), 2);
}

#[test]
fn ambiguous_width_punctuation_is_one_column() {
    assert_eq!(display_width("“”‘’…·—"), 7);
    assert_eq!(display_width("，。（）《》"), 12);
}

#[test]
fn fast_grapheme_ranges_never_join() {
    // Each lone-grapheme char must not extend its left neighbour, nor prepend to, start a
    // Hangul syllable with or pair (regional indicators) with its right one.
    for c in (0..=0xFFFF)
        .filter_map(char::from_u32)
        .filter(|&c| is_lone_grapheme_char(c))
    {
        for s in [format!("a{c}"), format!("{c}a")]
            .into_iter()
            .chain(["\u{1100}", "\u{1161}", "\u{11A8}", "\u{1F1E8}"].map(|n| format!("{c}{n}")))
        {
            assert_eq!(s.graphemes(true).count(), 2, "{s:?}");
        }
    }
}

#[test]
fn line_terminators_match_uax14() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let class = break_property(u32::from(c));
        let terminator = matches!(
            class,
            BreakClass::Mandatory
                | BreakClass::CarriageReturn
                | BreakClass::LineFeed
                | BreakClass::NextLine
        );
        assert_eq!(is_line_terminator(c), terminator, "{c:?}");
    }
}

#[test]
fn layout_doc_spacing_and_lookup() {
    let paras = ["一二三四五六七八九十", "", "abc"];
    let doc = layout_doc(
        paras.iter().map(|&text| ParaSpec {
            text,
            first_indent: DEFAULT_FIRST_INDENT,
            balanced: false,
        }),
        10,
        1,
    );
    let kinds: Vec<_> = doc.lines.iter().map(|l| (l.para, l.kind)).collect();
    use LineKind::{Blank, Text};
    assert_eq!(
        kinds,
        [
            (0, Text),
            (0, Text),
            (0, Text),
            (1, Blank),
            (1, Text),
            (2, Blank),
            (2, Text)
        ]
    );
    assert_eq!(doc.para_first_line(1), 4);
    assert_eq!(doc.para_lines(0), 0..3);
    assert_eq!(doc.line_of(0, 0), 0);
    assert_eq!(doc.line_of(0, 9), 1);
    assert_eq!(doc.line_of(0, 30), 2);
    assert_eq!(doc.line_of(0, 999), 2);
    assert_eq!(doc.line_of(1, 0), 4);
    assert_eq!(doc.line_of(9, 0), 6);
    assert_eq!(doc.pos_of_line(1), (0, 9));
    assert_eq!(doc.pos_of_line(3), (1, 0));
    assert_eq!(doc.pos_of_line(99), (2, 0));
    let tight = layout_doc(
        paras.iter().map(|&text| ParaSpec {
            text,
            first_indent: 0,
            balanced: false,
        }),
        10,
        0,
    );
    assert!(tight.lines.iter().all(|l| !l.is_blank()));
    assert_eq!(tight.para_lines(2), 3..4);
    let empty = layout_doc(std::iter::empty(), 10, 1);
    assert_eq!((empty.line_of(0, 0), empty.pos_of_line(0)), (0, (0, 0)));
    assert_eq!(empty.para_lines(3), 0..0);
}

#[test]
fn megabyte_text_completes() {
    let sentence = "我们要坚持和发展中国特色社会主义，推进国家治理体系和治理能力现代化。“人民”（2023年）增长1.5倍…… ";
    let text = sentence.repeat(1024 * 1024 / sentence.len() + 1);
    let out = wrap(&text, 80, 4);
    assert_eq!(out.last().unwrap().end, text.len());
    assert!(out.windows(2).all(|p| p[0].end == p[1].start));
    let doc = layout_doc(
        text.split('。').map(|text| ParaSpec {
            text,
            first_indent: 4,
            balanced: false,
        }),
        60,
        1,
    );
    assert!(doc.line_count() > 10_000);
}

/// Exactly the old `wrap`: reference atoms, same line breaking.
fn wrap_reference(text: &str, width: u16, first_indent: u16) -> Vec<LineRange> {
    let mut atoms = Vec::new();
    reference::build_atoms(text, &mut atoms);
    let mut lines = Vec::new();
    break_lines(&atoms, text.len(), width, first_indent, |line| {
        lines.push(line)
    });
    lines
}

#[test]
fn lone_char_traits_match_full_computation() {
    // Every BMP character, plus a sample beyond it.
    let chars = (0..0x1_0000u32)
        .chain((0x1_0000..0x11_0000).step_by(97))
        .filter_map(char::from_u32);
    for c in chars {
        let fast = Traits::of_lone_char(c);
        assert_eq!(fast.is_some(), is_lone_grapheme_char(c), "{c:?}");
        let full = reference::Traits::of(c.encode_utf8(&mut [0; 4])).fields();
        if let Some(fast) = fast {
            assert_eq!(fast.fields(), full, "{c:?}");
        }
        assert_eq!(Traits::of_char(c).fields(), full, "{c:?}");
        assert_eq!(
            Traits::of(c.encode_utf8(&mut [0; 4])).fields(),
            full,
            "{c:?}"
        );
    }
}

#[test]
fn atoms_match_reference_on_samples() {
    for text in [
        "",
        "a",
        "\r\n",
        "e\u{301}x",
        "一\u{301}二",
        "👨\u{200D}👩\u{200D}👧 家",
        "🇨🇳🇨🇳一",
        "他说：“我们要‘实事求是’。”（见《讲话》第3页）「注意」……——好！",
        "The quick brown fox, 3.14 times; state-of-the-art.\n中文 English 2,000。",
    ] {
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        build_atoms(text, &mut fast);
        reference::build_atoms(text, &mut slow);
        assert_eq!(fast, slow, "{text:?}");
    }
}

/// Anything the layout may meet: ideographs, CJK punctuation, ASCII words, digits and
/// spaces, combining marks, emoji sequences, Hangul jamo, controls and line terminators.
fn any_char() -> impl Strategy<Value = char> {
    let pick = |s: &'static str| {
        let v: Vec<char> = s.chars().collect();
        proptest::sample::select(v)
    };
    prop_oneof![
        8 => pick(IDEOGRAPHS),
        1 => (0x3400u32..0x4DC0).prop_map(|n| char::from_u32(n).unwrap()),
        6 => pick("，。、；：？！“”‘’（）《》「」『』【】〔〕…—·・〜～　"),
        4 => pick("abcxyzABCXYZ0123456789"),
        3 => Just(' '),
        2 => pick(".,;:?!()[]{}'\"-/#%&"),
        1 => pick("\u{1}\t\u{1b}\u{7f}\u{85}\u{9b}\n\r\u{b}\u{c}\u{2028}\u{2029}"),
        1 => pick("\u{301}\u{302A}\u{3099}\u{FF9E}\u{200D}\u{FE0F}\u{AD}\u{A0}\u{200B}"),
        1 => pick("\u{1F600}\u{1F1E8}\u{1F1F3}\u{1F468}\u{1F3FB}\u{2764}\u{A9}\u{203C}"),
        1 => pick("\u{1100}\u{1161}\u{11A8}\u{AC00}\u{600}\u{915}\u{94D}\u{903}é"),
        1 => any::<char>(),
    ]
}

/// `default` cases, or more when `PROPTEST_CASES` asks for more (never fewer).
fn cases(default: u32) -> ProptestConfig {
    let env = std::env::var("PROPTEST_CASES").ok();
    let n = env.and_then(|v| v.trim().parse::<u32>().ok());
    ProptestConfig::with_cases(n.map_or(default, |n| n.max(default)))
}

fn any_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any_char(), 0..200).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(cases(1024))]

    #[test]
    fn prop_wrap_equals_reference(
        text in any_text(), width in 1u16..100, indent in 0u16..9,
    ) {
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        build_atoms(&text, &mut fast);
        reference::build_atoms(&text, &mut slow);
        prop_assert_eq!(fast, slow);
        prop_assert_eq!(wrap(&text, width, indent), wrap_reference(&text, width, indent));
    }

    #[test]
    fn prop_layout_doc_equals_reference(
        paras in proptest::collection::vec((any_text(), 0u16..9), 0..6),
        width in 0u16..100, spacing in 0u16..3,
    ) {
        let specs: Vec<ParaSpec> = paras
            .iter()
            .map(|(text, first_indent)| ParaSpec { text, first_indent: *first_indent, balanced: false })
            .collect();
        let doc = layout_doc(specs.iter().copied(), width, spacing);
        let mut expected = Vec::new();
        for (p, spec) in specs.iter().enumerate() {
            if p > 0 {
                expected.extend((0..spacing).map(|_| (p, 0, 0, 0, LineKind::Blank)));
            }
            for l in wrap_reference(spec.text, width, spec.first_indent) {
                expected.push((p, l.start, l.end, l.indent, LineKind::Text));
            }
        }
        let got: Vec<_> = doc
            .lines
            .iter()
            .map(|l| (l.para as usize, l.range().start, l.range().end, l.indent, l.kind))
            .collect();
        prop_assert_eq!(got, expected);
    }
}

fn mixed_char() -> impl Strategy<Value = char> {
    let pick = |s: &'static str| {
        let v: Vec<char> = s.chars().collect();
        proptest::sample::select(v)
    };
    prop_oneof![
        10 => pick(IDEOGRAPHS),
        6 => pick("，。、；：？！“”‘’（）《》「」…—"),
        3 => pick("abcxyzABCXYZ0123456789"),
        2 => Just(' '),
        1 => pick("\u{1}\t\u{1b}\u{7f}\u{9b}\n.,()"),
    ]
}

fn mixed_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(mixed_char(), 0..160).prop_map(|v| v.into_iter().collect())
}

/// Ordinary Chinese prose: clauses of ideographs, sometimes with a number or a Latin word,
/// sometimes quoted or bracketed, ending with one punctuation mark.
fn chinese_prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => proptest::sample::select(IDEOGRAPHS.chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => "[0-9]{1,4}|[a-zA-Z]{1,4}|[0-9]\\.[0-9]",
    ];
    let clause = (
        0..6usize,
        proptest::collection::vec(word, 1..6),
        proptest::sample::select(vec!["", "……", "——"]),
        proptest::sample::select("，。、；：？！".chars().collect::<Vec<_>>()),
    )
        .prop_map(|(wrap_kind, words, trail, punct)| {
            let (open, close) = ["", "“", "‘", "（", "《", "「"]
                .into_iter()
                .zip(["", "”", "’", "）", "》", "」"])
                .nth(wrap_kind)
                .unwrap();
            format!("{open}{}{trail}{close}{punct}", words.concat())
        });
    proptest::collection::vec(clause, 1..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn prop_fast_graphemes_match_full_segmentation(
        v in proptest::collection::vec(prop_oneof![
            3 => mixed_char(),
            1 => proptest::sample::select(vec![
                '\u{301}', '\u{200D}', '\u{FE0F}', '\u{1F600}', '\u{1F1E8}', '\u{1F1F3}',
                '\u{1100}', '\u{1161}', '\u{11A8}', '\u{AC00}', '\r', '\u{302A}',
                '\u{600}', '\u{915}', '\u{94D}', '\u{903}', '\u{A9}', '\u{AD}', '\u{203C}',
                '\u{FF9E}', '\u{3099}', '\u{2028}',
            ]),
        ], 0..40),
    ) {
        let text: String = v.into_iter().collect();
        let fast: Vec<_> = graphemes(&text).collect();
        let full: Vec<_> = text.grapheme_indices(true).collect();
        prop_assert_eq!(fast, full);
    }

    #[test]
    fn prop_covers_text_fits_width_and_char_boundaries(
        text in mixed_text(), width in 0u16..40, indent in 0u16..9,
    ) {
        // Checks (1) concatenation, (2) width for width >= 2, (4) char boundaries.
        check_basic(&text, width, indent);
    }

    #[test]
    fn prop_rules_broken_only_when_unavoidable(
        text in mixed_text(), width in 2u16..40, indent in 0u16..9,
    ) {
        let out = check_basic(&text, width, indent);
        check_kinsoku(&text, width, &out);
    }

    #[test]
    fn prop_prose_never_breaks_rules(
        text in chinese_prose(), width in 12u16..60, indent in prop_oneof![Just(0u16), Just(4)],
    ) {
        prop_assume!(width >= 12 + indent);
        let out = check_basic(&text, width, indent);
        let bad = kinsoku_violations(&text, &out);
        prop_assert!(bad.is_empty(), "{:?}", lines(&text, width, indent));
    }

    #[test]
    fn prop_doc_lookup_consistent(
        paras in proptest::collection::vec(mixed_text(), 0..6),
        width in 0u16..30, spacing in 0u16..3, probes in proptest::collection::vec((0usize..8, 0usize..200), 8),
    ) {
        let doc = layout_doc(paras.iter().map(|t| ParaSpec { text: t, first_indent: 4, balanced: false }), width, spacing);
        prop_assert_eq!(doc.para_count(), paras.len());
        for (p, text) in paras.iter().enumerate() {
            let range = doc.para_lines(p);
            prop_assert_eq!(range.start, doc.para_first_line(p));
            let mut joined = String::new();
            for l in &doc.lines[range.clone()] {
                prop_assert_eq!(l.kind, LineKind::Text);
                prop_assert_eq!(l.para as usize, p);
                joined.push_str(&text[l.range()]);
            }
            prop_assert_eq!(&joined, text);
            if p > 0 {
                let gap = &doc.lines[range.start - usize::from(spacing)..range.start];
                prop_assert!(gap.iter().all(|l| l.is_blank() && l.para as usize == p));
            }
        }
        if paras.is_empty() {
            return Ok(());
        }
        for (p, b) in probes {
            let p = p % paras.len();
            let b = b.min(paras[p].len());
            let line = doc.line_of(p, b);
            let l = doc.lines[line];
            prop_assert!(!l.is_blank());
            prop_assert!(doc.pos_of_line(line) <= (p, b));
            prop_assert!(l.start as usize <= b);
            prop_assert!(b < l.end as usize || line + 1 == doc.para_lines(p).end);
        }
        for line in 0..doc.line_count() {
            let (p, b) = doc.pos_of_line(line);
            let back = doc.line_of(p, b);
            prop_assert!(back == line || doc.lines[line].is_blank());
        }
    }
}
