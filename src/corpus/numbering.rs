//! Numbering forms a line can open with (`一、` `（一）` `1.` `（1）` `①` `第一章` `## `…) and the
//! point markers of running prose (`一是` `第一，`): recognition only, no levels (spec §4, §7.3).
//! Shared by the cleaner (which keeps heading lines whole) and the outline engine.

use super::Family;

/// How a heading is numbered. Says nothing fixed about depth (spec §7.1): the outline engine
/// finds levels from the order forms appear in; [`Form::rank`] only breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// `第一部分` `第一章` `第一节` `第一篇`
    Part(PartKind),
    /// `一、` `一．` `一.` `七 、`
    Comma,
    /// `一　国内的政治状况`, and a bare `一` on its own line
    Space,
    /// `（一）` `(一)` `（一○）`
    Paren,
    /// `1.` `1、` `１．`, and `⒈`
    Dot,
    /// `1 党的领导机关`
    DigitSpace,
    /// `（1）` `(1)` and `⑴`
    DigitParen,
    /// `1)` `1）`
    DigitClose,
    /// `①`
    Circled,
    /// A Markdown heading without a number (`## 背景`), by its `#` count.
    Markdown(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    Pian,
    Bufen,
    Zhang,
    Jie,
}

impl Form {
    /// GB/T 9704 order (parts above 一、 above （一） above 1. above （1）): a tie-break only.
    pub fn rank(self) -> u8 {
        match self {
            Form::Markdown(l) => l,
            Form::Part(PartKind::Pian) => 1,
            Form::Part(PartKind::Bufen) => 2,
            Form::Part(PartKind::Zhang) => 3,
            Form::Part(PartKind::Jie) => 4,
            Form::Comma | Form::Space => 5,
            Form::Paren => 6,
            Form::Dot | Form::DigitSpace => 7,
            Form::DigitParen | Form::DigitClose => 8,
            Form::Circled => 9,
        }
    }
}

/// What the cleaner learnt of the number a paragraph opens with: the outline asks
/// [`numbered_at`] again only when it is `Unknown` (a Markdown line, or several lines joined).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Unknown,
    Plain,
    Number(Numbered),
}

/// A numbering form found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbered {
    pub form: Form,
    pub number: u32,
    /// Byte length of the marker (`一、`, `（一○）`, `第一章`).
    pub len: usize,
    /// Byte offset where the heading text starts (after spaces or a separator).
    pub text_at: usize,
    /// A bare numeral alone on its line: its text is the next line.
    pub bare: bool,
}

fn digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn zero(c: char) -> bool {
    matches!(c, '〇' | '○' | '零')
}

/// 一…九 at the start of `b`, read from its UTF-8 bytes: these run for every marker and
/// every point candidate, and decoding chars to compare them costs several times more.
fn digit_bytes(b: &[u8]) -> Option<u32> {
    Some(match b.get(..3)? {
        [0xE4, 0xB8, 0x80] => 1,
        [0xE4, 0xBA, 0x8C] => 2,
        [0xE4, 0xB8, 0x89] => 3,
        [0xE5, 0x9B, 0x9B] => 4,
        [0xE4, 0xBA, 0x94] => 5,
        [0xE5, 0x85, 0xAD] => 6,
        [0xE4, 0xB8, 0x83] => 7,
        [0xE5, 0x85, 0xAB] => 8,
        [0xE4, 0xB9, 0x9D] => 9,
        _ => return None,
    })
}

/// 〇, ○ or 零 at the start of `b`.
fn zero_bytes(b: &[u8]) -> bool {
    matches!(
        b.get(..3),
        Some([0xE3, 0x80, 0x87] | [0xE2, 0x97, 0x8B] | [0xE9, 0x9B, 0xB6])
    )
}

/// Chinese numeral 1–99 at the start of `s` in the 十 style: (value, byte length).
pub fn cn_numeral(s: &str) -> Option<(u32, usize)> {
    // Every numeral char is 3 bytes in UTF-8.
    let b = s.as_bytes();
    let ten = |i: usize| b.get(i..i + 3) == Some("十".as_bytes());
    let digit_at = |i: usize| b.get(i..).and_then(digit_bytes);
    if ten(0) {
        return Some(match digit_at(3) {
            Some(u) => (10 + u, 6),
            None => (10, 3),
        });
    }
    let a = digit_at(0)?;
    if ten(3) {
        return Some(match digit_at(6) {
            Some(u) => (a * 10 + u, 9),
            None => (a * 10, 6),
        });
    }
    Some((a, 3))
}

/// A number in a marker: the 十 style, or digit by digit with ○/〇 as zero (`一○` = 10,
/// `一二○` = 120, spec §7.3). Four digits or more are a year, never a marker number.
pub fn marker_numeral(s: &str) -> Option<(u32, usize)> {
    let b = s.as_bytes();
    let mut n = 0u32;
    let mut count = 0;
    while let Some(rest) = b.get(count * 3..) {
        let d = if count > 0 && zero_bytes(rest) {
            0
        } else {
            match digit_bytes(rest) {
                Some(d) => d,
                None => break,
            }
        };
        n = n * 10 + d;
        count += 1;
        if count > 3 {
            return None;
        }
    }
    if count >= 2 {
        return Some((n, count * 3));
    }
    cn_numeral(s)
}

pub fn is_cn_numeral_char(c: char) -> bool {
    // ○ (a circle) stands for 〇 in many texts: 一九九○年.
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '〇'
            | '○'
            | '零'
            | '两'
    )
}

/// `一九九○年`, `二〇〇一`, `九○年代`: a number read digit by digit (with a zero, or followed
/// by 年) is a year, not a second list number as in `一、二线城市`.
pub fn is_year(s: &str) -> bool {
    let mut run = 0;
    let mut has_zero = false;
    let mut rest = s;
    for c in s.chars() {
        if !(digit(c).is_some() || zero(c)) {
            break;
        }
        has_zero |= zero(c);
        run += 1;
        rest = &rest[c.len_utf8()..];
    }
    run >= 2 && (has_zero || rest.starts_with('年'))
}

/// ⑴ ⒅ ① ⒈ ¹: footnote marks inside a sentence, list numbers at a line start.
pub fn is_enclosed_number(c: char) -> bool {
    let u = c as u32;
    // Ideographs and ASCII, nearly every char of a text, fall outside at once.
    if u > 0x32BF || (u < 0x2070 && u > 0xB9) || u < 0xB2 {
        return false;
    }
    matches!(u,
        0x2460..=0x249B | 0x24EA..=0x24FF | 0x2776..=0x2793 | 0x3251..=0x325F | 0x32B1..=0x32BF
        | 0xB9 | 0xB2 | 0xB3 | 0x2070..=0x2079)
}

pub fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A footnote mark at the start of `s`: `⑴`, `⒅`, or a bracketed number `(21)` `（3）` `[4]`
/// `〔5〕`. Its byte length.
pub fn footnote_len(s: &str) -> Option<usize> {
    let c = s.chars().next()?;
    if is_enclosed_number(c) {
        return Some(c.len_utf8());
    }
    let close = match c {
        '(' => ')',
        '（' => '）',
        '[' => ']',
        '〔' => '〕',
        _ => return None,
    };
    let inner = &s[c.len_utf8()..];
    let digits = inner.chars().take_while(|&d| is_digit_like(d)).take(4);
    let (count, len) = digits.fold((0, 0), |(n, l), d| (n + 1, l + d.len_utf8()));
    (1..=3).contains(&count).then_some(())?;
    inner[len..]
        .starts_with(close)
        .then_some(c.len_utf8() + len + close.len_utf8())
}

/// Heading text without its footnote marks: `⑹` and `〔1〕` `[1]` anywhere, `（22）` `(22)`
/// right after a word (spec §7.3).
pub fn strip_footnotes(s: &str) -> std::borrow::Cow<'_, str> {
    let marks = |i: usize, prev: Option<char>| -> Option<usize> {
        let rest = &s[i..];
        let len = footnote_len(rest)?;
        let after_word = prev.is_some_and(|p| p.is_alphanumeric());
        (!rest.starts_with(['(', '（']) || after_word).then_some(len)
    };
    let mut prev = None;
    let mut first = None;
    for (i, c) in s.char_indices() {
        if marks(i, prev).is_some() {
            first = Some(i);
            break;
        }
        prev = Some(c);
    }
    let Some(first) = first else {
        return std::borrow::Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    let mut i = first;
    while i < s.len() {
        if let Some(len) = marks(i, prev) {
            i += len;
            continue;
        }
        let c = s[i..].chars().next().expect("in bounds");
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    std::borrow::Cow::Owned(out.trim_end().to_string())
}

/// ASCII or full-width digits, at most three: (value, byte length).
fn arabic(s: &str) -> Option<(u32, usize)> {
    let mut n = 0u32;
    let mut len = 0;
    let mut count = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        count += 1;
        if count > 3 {
            return None;
        }
        n = n * 10 + d;
        len += c.len_utf8();
    }
    (count > 0 && n > 0).then_some((n, len))
}

pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '、' | '；' | '：' | ',' | ';' | ':' | '.' | '．'
    )
}

/// Where the heading text starts after a marker ending at `at`: past spaces and, for forms
/// that allow one, a separator (`第一章：总则`).
fn text_start(s: &str, at: usize, separators: bool) -> usize {
    let rest = &s[at..];
    let mut t = rest.trim_start_matches(is_space);
    if separators {
        t = t.trim_start_matches(['：', ':', '、', '，', ',', '．']);
        t = t.trim_start_matches(is_space);
    }
    s.len() - t.len()
}

/// Circled ①–⑳ (U+2460…), parenthesised ⑴–⒇ (U+2474…), and ⒈–⒛ (U+2488…).
fn enclosed_value(c: char) -> Option<(Form, u32)> {
    let u = c as u32;
    match u {
        0x2460..=0x2473 => Some((Form::Circled, u - 0x2460 + 1)),
        0x2474..=0x2487 => Some((Form::DigitParen, u - 0x2474 + 1)),
        _ => None,
    }
}

/// The numbering form a line opens with, if any. `line_start` says the marker stands at the
/// start of a paragraph (after indentation and markup); inside a paragraph only the plain
/// forms count, with the old exclusions (`一、二线城市`, `⑹` as a footnote).
pub fn numbered_at(s: &str, line_start: bool) -> Option<Numbered> {
    let first = s.chars().next()?;
    // Most lines open with a word: nothing to parse.
    let plausible = matches!(first, '(' | '（' | '第')
        || is_cn_numeral_char(first)
        || is_digit_like(first)
        || is_enclosed_number(first);
    if !plausible {
        return None;
    }
    let found = if first == '(' || first == '（' {
        let inner = &s[first.len_utf8()..];
        let (form, (n, l)) = match marker_numeral(inner) {
            Some(x) => (Form::Paren, x),
            None => (Form::DigitParen, arabic(inner)?),
        };
        let close = inner[l..].chars().next()?;
        if close != ')' && close != '）' {
            return None;
        }
        let len = first.len_utf8() + l + close.len_utf8();
        Numbered {
            form,
            number: n,
            len,
            text_at: text_start(s, len, false),
            bare: false,
        }
    } else if first == '第' {
        if !line_start {
            return None;
        }
        let rest = &s[3..];
        let (n, l) = cn_numeral(rest).or_else(|| arabic(rest))?;
        let after = &rest[l..];
        let (kind, klen) = [
            ("部分", PartKind::Bufen),
            ("章", PartKind::Zhang),
            ("节", PartKind::Jie),
            ("篇", PartKind::Pian),
        ]
        .into_iter()
        .find_map(|(k, kind)| after.starts_with(k).then_some((kind, k.len())))?;
        let len = 3 + l + klen;
        Numbered {
            form: Form::Part(kind),
            number: n,
            len,
            text_at: text_start(s, len, true),
            bare: false,
        }
    } else if let Some((form, n)) = enclosed_value(first) {
        if !line_start {
            return None;
        }
        let len = first.len_utf8();
        Numbered {
            form,
            number: n,
            len,
            text_at: text_start(s, len, true),
            bare: false,
        }
    } else {
        let cn = marker_numeral(s);
        let (chinese, (n, l)) = match cn {
            Some(x) => (true, x),
            None => (false, arabic(s)?),
        };
        let after = &s[l..];
        // `七 、`: a stray space before the comma.
        let spaced = after.trim_start_matches(' ');
        match spaced.chars().next() {
            // `1)收入方面`: digits and a closing parenthesis only.
            Some(p @ (')' | '）')) if !chinese && line_start && after.len() == spaced.len() => {
                let len = l + p.len_utf8();
                Numbered {
                    form: Form::DigitClose,
                    number: n,
                    len,
                    text_at: text_start(s, len, false),
                    bare: false,
                }
            }
            Some(p @ ('、' | '．' | '.')) => {
                let len = l + (after.len() - spaced.len()) + p.len_utf8();
                let next = s[len..].chars().next();
                if let Some(next) = next {
                    let digit_after = is_digit_like(next);
                    // `1.5倍`, `一.5`: a decimal; `1、2月` inside a sentence: two numbers.
                    if digit_after && (p != '、' || (!chinese && !line_start)) {
                        return None;
                    }
                    // `一、二线城市` inside a sentence: two numbers. `。一、2013年工作回顾`, a
                    // heading whose line break was lost, stays one.
                    if !line_start && chinese && is_cn_numeral_char(next) && !is_year(&s[len..]) {
                        return None;
                    }
                }
                Numbered {
                    form: if chinese { Form::Comma } else { Form::Dot },
                    number: n,
                    len,
                    text_at: text_start(s, len, false),
                    bare: false,
                }
            }
            Some(_) if line_start && after.starts_with(is_space) => {
                // `一　国内的政治状况`, `1 党的领导机关`: a number, a space, a short heading.
                let sp = after.trim_start_matches(is_space);
                let next = sp.chars().next()?;
                if is_clause_punct(next) || (!chinese && is_digit_like(next)) {
                    return None;
                }
                Numbered {
                    form: if chinese {
                        Form::Space
                    } else {
                        Form::DigitSpace
                    },
                    number: n,
                    len: l,
                    text_at: s.len() - sp.len(),
                    bare: false,
                }
            }
            None if line_start && chinese => Numbered {
                form: Form::Space,
                number: n,
                len: l,
                text_at: l,
                bare: true,
            },
            _ => return None,
        }
    };
    if found.bare {
        return Some(found);
    }
    let rest = &s[found.text_at..];
    // `一、` alone on its line: like a bare numeral, its text is the next line.
    if rest.is_empty() && line_start && matches!(found.form, Form::Comma | Form::Paren) {
        return Some(Numbered {
            bare: true,
            ..found
        });
    }
    if rest.is_empty() || rest.starts_with(['。', '，', '、', '；', '）', ')']) {
        return None;
    }
    // `一、二线城市`, `一、二、三等级`, `三、四季度`: two numbers in a row, not a heading.
    if found.form == Form::Comma && two_numbers(found.number, rest) {
        return None;
    }
    Some(found)
}

/// Does `rest` (after `N、`) open with N+1 used as a second number: `二线`, `二、三`, `四季度`?
fn two_numbers(n: u32, rest: &str) -> bool {
    let Some((m, l)) = cn_numeral(rest) else {
        return false;
    };
    m == n + 1
        && rest[l..].starts_with([
            '、', '线', '级', '等', '季', '类', '产', '号', '年', '月', '次', '批', '期',
        ])
}

/// The spec §4 forms at the start of a line: (GB/T rank, number, marker byte length). Kept for
/// the cleaner's and the generator's "is this a heading line" questions.
pub fn structural_at(s: &str) -> Option<(u8, u32, usize)> {
    let n = numbered_at(s, true).filter(|n| !n.bare)?;
    let rank = match n.form {
        Form::Comma => 1,
        Form::Paren => 2,
        Form::Dot => 3,
        Form::DigitParen => 4,
        _ => return None,
    };
    Some((rank, n.number, n.len))
}

/// Markup that may stand before a number at a line start: `**`, `> `, `- `, `* `.
pub fn markup_len(s: &str) -> usize {
    if !s.starts_with([
        '*', '_', '>', '-', '+', '·', ' ', '\t', '\u{3000}', '\u{A0}',
    ]) {
        return 0;
    }
    let mut t = s;
    loop {
        let before = t.len();
        t = t.trim_start_matches(is_space);
        for p in ["**", "__", "> ", ">", "- ", "* ", "+ ", "·"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    s.len() - t.len()
}

/// A point marker at the start of `s`: (family, number, marker byte length, text start).
pub fn point_marker(s: &str) -> Option<(Family, u32, usize, usize)> {
    if let Some(rest) = s.strip_prefix('第') {
        let (n, l) = cn_numeral(rest)?;
        let base = '第'.len_utf8() + l;
        let next = rest[l..].chars().next()?;
        // `第一点，关于…`: the same list, counted in 点.
        let (base, next) = match rest[l..].strip_prefix('点') {
            Some(r) => (base + 3, r.chars().next()?),
            None => (base, next),
        };
        return match next {
            '是' => Some((Family::DiShi, n, base + 3, base + 3)),
            '要' => Some((Family::DiYao, n, base + 3, base + 3)),
            '，' | '、' | '：' => Some((Family::Di, n, base, base + 3)),
            ',' | ':' => Some((Family::Di, n, base, base + 1)),
            _ => None,
        };
    }
    // 首先 may stand for item 1 of a 第二…第三… list (spec §7.2), 其次 for item 2 and 最后 for
    // the last (number 0: the engine gives it the next one); alone they are no markers, and
    // 首先是党的书记 or 最后一公里 never are.
    for (word, n) in [("首先", 1), ("其次", 2), ("最后", 0)] {
        if let Some(rest) = s.strip_prefix(word) {
            let sep = rest.chars().next()?;
            return matches!(sep, '，' | ',' | '：' | ':').then_some((
                Family::Di,
                n,
                word.len(),
                word.len() + sep.len_utf8(),
            ));
        }
    }
    // `其一，…其二，…`
    if let Some(rest) = s.strip_prefix('其') {
        let (n, l) = cn_numeral(rest)?;
        let sep = rest[l..].chars().next()?;
        let base = '其'.len_utf8() + l;
        return matches!(sep, '，' | ',' | '：' | ':' | '、').then_some((
            Family::Qi,
            n,
            base,
            base + sep.len_utf8(),
        ));
    }
    let (n, l) = cn_numeral(s)?;
    match s[l..].chars().next()? {
        '是' => Some((Family::Shi, n, l + 3, l + 3)),
        '要' => Some((Family::Yao, n, l + 3, l + 3)),
        _ => None,
    }
}

/// Does this line open with a point (`一是…`)? Used to keep such lines out of meta lines.
pub fn point_at_start(s: &str) -> bool {
    point_marker(s).is_some()
}

/// A Markdown ATX heading opener (`## `): (level 1–6, byte length of the `#`s and the
/// spaces after them). Without a space it is a hashtag (`#话题#`), unless a number
/// follows at once (`##一、总体要求`, common in hand-made files).
pub fn atx_prefix(s: &str) -> Option<(usize, usize)> {
    let level = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &s[level..];
    let body = rest.trim_start_matches(is_space);
    if body.len() == rest.len() && !body.is_empty() && structural_at(body).is_none() {
        return None;
    }
    Some((level, s.len() - body.len()))
}

/// `总体要求 ##` → `总体要求`: the optional closing sequence of an ATX heading.
pub fn strip_closing_hashes(s: &str) -> Option<&str> {
    // Asked of every heading's text, which almost never ends so: one byte decides.
    if !s.ends_with('#') {
        return None;
    }
    let u = s.trim_end_matches('#');
    (u.len() < s.len() && (u.is_empty() || u.ends_with(is_space))).then(|| u.trim_end())
}

/// A line's text without Markdown heading marks (`# 在会上的讲话` → `在会上的讲话`).
pub fn strip_atx(s: &str) -> &str {
    match atx_prefix(s) {
        Some((_, len)) => {
            let t = &s[len..];
            strip_closing_hashes(t).unwrap_or(t)
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(s: &str) -> Option<(Form, u32, &str)> {
        numbered_at(s, true).map(|n| (n.form, n.number, &s[n.text_at..]))
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_numeral("一是"), Some((1, 3)));
        assert_eq!(cn_numeral("十是"), Some((10, 3)));
        assert_eq!(cn_numeral("十一、"), Some((11, 6)));
        assert_eq!(cn_numeral("二十、"), Some((20, 6)));
        assert_eq!(cn_numeral("二十三、"), Some((23, 9)));
        assert_eq!(cn_numeral("九十九"), Some((99, 9)));
        assert_eq!(cn_numeral("是"), None);
    }

    #[test]
    fn positional_numerals_with_circle_zero() {
        assert_eq!(marker_numeral("一○）"), Some((10, 6)));
        assert_eq!(marker_numeral("一〇）"), Some((10, 6)));
        assert_eq!(marker_numeral("一一）"), Some((11, 6)));
        assert_eq!(marker_numeral("一二○）"), Some((120, 9)));
        assert_eq!(marker_numeral("一九九○年"), None);
        assert_eq!(form("（一○）加强法制"), Some((Form::Paren, 10, "加强法制")));
        assert_eq!(
            form("（一二○）第一百二十项"),
            Some((Form::Paren, 120, "第一百二十项"))
        );
        assert!(is_year("一九九○年"));
        assert_eq!(numbered_at("一九九○年、", true), None);
    }

    #[test]
    fn gbt_forms_keep_their_ranks() {
        assert_eq!(structural_at("一、总则"), Some((1, 1, 6)));
        assert_eq!(structural_at("三．要求"), Some((1, 3, 6)));
        assert_eq!(structural_at("二.要求"), Some((1, 2, 4)));
        assert_eq!(structural_at("（一）标题"), Some((2, 1, 9)));
        assert_eq!(structural_at("(十二)标题"), Some((2, 12, 8)));
        assert_eq!(structural_at("1.标题"), Some((3, 1, 2)));
        assert_eq!(structural_at("1、标题"), Some((3, 1, 4)));
        assert_eq!(structural_at("１．标题"), Some((3, 1, 6)));
        assert_eq!(structural_at("12. 标题"), Some((3, 12, 3)));
        assert_eq!(structural_at("（1）标题"), Some((4, 1, 7)));
        assert_eq!(structural_at("(１)标题"), Some((4, 1, 5)));
        assert_eq!(structural_at("1.5倍的增长"), None);
        assert_eq!(structural_at("2023.5.1"), None);
        assert_eq!(structural_at("一、"), None);
        assert_eq!(structural_at("一是要"), None);
        assert_eq!(structural_at("（注）说明"), None);
    }

    #[test]
    fn heading_number_followed_by_digits_or_numeral_words() {
        // Spec §7.3: at a line start these are headings.
        assert_eq!(
            form("一、2016年工作回顾"),
            Some((Form::Comma, 1, "2016年工作回顾"))
        );
        assert_eq!(
            form("一、１９５５年国家决算"),
            Some((Form::Comma, 1, "１９５５年国家决算"))
        );
        assert_eq!(
            form("二、三大纪律如下"),
            Some((Form::Comma, 2, "三大纪律如下"))
        );
        assert_eq!(
            form("一、一心一意谋发展"),
            Some((Form::Comma, 1, "一心一意谋发展"))
        );
        // Inside a sentence the old exclusions hold.
        assert_eq!(numbered_at("一、二线城市", false), None);
        assert!(numbered_at("一、2016年", false).is_some());
        assert!(numbered_at("一、一九九○年以来", false).is_some());
        // `一.` / `一．` followed by a digit stays excluded everywhere.
        assert_eq!(numbered_at("一.5", true), None);
        assert_eq!(numbered_at("1.5倍", true), None);
    }

    #[test]
    fn numeral_or_digit_then_space_and_bare_numerals() {
        assert_eq!(
            form("一　国内的政治状况"),
            Some((Form::Space, 1, "国内的政治状况"))
        );
        assert_eq!(
            form("一 两类不同性质的矛盾"),
            Some((Form::Space, 1, "两类不同性质的矛盾"))
        );
        assert_eq!(
            form("1 党的领导机关"),
            Some((Form::DigitSpace, 1, "党的领导机关"))
        );
        assert_eq!(form("1 000元"), None);
        // `一、` alone too.
        assert!(numbered_at("一、", true).unwrap().bare);
        assert!(numbered_at("（二）", true).unwrap().bare);
        assert_eq!(numbered_at("一、", false), None);
        let bare = numbered_at("三", true).unwrap();
        assert!(bare.bare);
        assert_eq!((bare.form, bare.number), (Form::Space, 3));
        assert_eq!(numbered_at("一 ", false), None);
        assert_eq!(numbered_at("一", false), None);
    }

    #[test]
    fn markup_spaced_comma_circled_and_parts() {
        assert_eq!(markup_len("**五、加强领导**"), 2);
        assert_eq!(markup_len("> 八、总结"), 2);
        assert_eq!(markup_len("- 九、其他"), 2);
        assert_eq!(markup_len("普通"), 0);
        assert_eq!(form("七 、坚持改革"), Some((Form::Comma, 7, "坚持改革")));
        assert_eq!(form("①加强学习"), Some((Form::Circled, 1, "加强学习")));
        assert_eq!(form("⑵改进作风"), Some((Form::DigitParen, 2, "改进作风")));
        assert_eq!(numbered_at("⑵改进作风", false), None);
        assert_eq!(
            form("第一部分 总体要求"),
            Some((Form::Part(PartKind::Bufen), 1, "总体要求"))
        );
        assert_eq!(
            form("第三章：附则"),
            Some((Form::Part(PartKind::Zhang), 3, "附则"))
        );
        assert_eq!(
            form("第二节 方法"),
            Some((Form::Part(PartKind::Jie), 2, "方法"))
        );
        assert_eq!(
            form("第一篇 总论"),
            Some((Form::Part(PartKind::Pian), 1, "总论"))
        );
        assert_eq!(form("第一书记要带头"), None);
        assert!(Form::Part(PartKind::Zhang).rank() < Form::Comma.rank());
        assert!(Form::Comma.rank() < Form::Paren.rank());
    }

    #[test]
    fn point_markers() {
        assert_eq!(point_marker("一是抓学习"), Some((Family::Shi, 1, 6, 6)));
        assert_eq!(point_marker("第二，要坚定"), Some((Family::Di, 2, 6, 9)));
        assert_eq!(point_marker("首先，要学习"), Some((Family::Di, 1, 6, 9)));
        assert_eq!(point_marker("首先是党的书记"), None);
        assert_eq!(point_marker("其次，要实践"), Some((Family::Di, 2, 6, 9)));
        assert_eq!(point_marker("最后，要总结"), Some((Family::Di, 0, 6, 9)));
        assert_eq!(point_marker("最后一公里"), None);
        assert_eq!(point_marker("其一，加强排查"), Some((Family::Qi, 1, 6, 9)));
        assert_eq!(
            point_marker("第一点，关于学习"),
            Some((Family::Di, 1, 9, 12))
        );
        assert_eq!(
            numbered_at("1)收入方面", true).map(|n| n.form),
            Some(Form::DigitClose)
        );
        assert_eq!(point_marker("二○○○年是"), None);
    }

    #[test]
    fn footnotes_and_atx() {
        assert_eq!(footnote_len("⑴二是"), Some(3));
        assert_eq!(footnote_len("(21)二是"), Some(4));
        assert_eq!(footnote_len("（３）"), Some(9));
        assert_eq!(footnote_len("[123]"), Some(5));
        assert_eq!(footnote_len("(2021)"), None);
        assert_eq!(footnote_len("(一)"), None);
        assert_eq!(footnote_len("()"), None);
        assert_eq!(atx_prefix("#话题#"), None);
        assert_eq!(atx_prefix("#"), Some((1, 1)));
        assert_eq!(atx_prefix("##一、总体要求"), Some((2, 2)));
        assert_eq!(strip_atx("# 在会上的讲话 #"), "在会上的讲话");
        assert_eq!(strip_atx("#话题#"), "#话题#");
    }

    #[test]
    fn footnote_marks_leave_heading_text() {
        assert_eq!(
            strip_footnotes("坚持独立自主⑹的外交政策"),
            "坚持独立自主的外交政策"
        );
        assert_eq!(strip_footnotes("发展〔1〕经济[2]"), "发展经济");
        assert_eq!(strip_footnotes("实行改革（22）开放"), "实行改革开放");
        assert_eq!(strip_footnotes("（1）不是注释"), "（1）不是注释");
        assert_eq!(strip_footnotes("没有注释"), "没有注释");
        assert!(matches!(
            strip_footnotes("没有注释"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
    /// The byte-level readers agree with a plain char-by-char reading (the earlier code) on
    /// every string of up to four characters from the numerals, zeros and a few others.
    #[test]
    fn numerals_read_from_bytes_match_a_char_reading() {
        fn char_cn(s: &str) -> Option<(u32, usize)> {
            let mut it = s.chars();
            let (a, b, c) = (it.next()?, it.next(), it.next());
            match (a, b, c) {
                ('十', Some(b), _) if digit(b).is_some() => Some((10 + digit(b)?, 6)),
                ('十', _, _) => Some((10, 3)),
                (a, Some('十'), Some(c)) if digit(a).is_some() && digit(c).is_some() => {
                    Some((digit(a)? * 10 + digit(c)?, 9))
                }
                (a, Some('十'), _) if digit(a).is_some() => Some((digit(a)? * 10, 6)),
                (a, _, _) => Some((digit(a)?, 3)),
            }
        }
        fn char_marker(s: &str) -> Option<(u32, usize)> {
            let (mut n, mut len, mut count) = (0u32, 0, 0);
            for c in s.chars() {
                let d = match c {
                    c if zero(c) && count > 0 => 0,
                    c => match digit(c) {
                        Some(d) => d,
                        None => break,
                    },
                };
                n = n * 10 + d;
                len += c.len_utf8();
                count += 1;
                if count > 3 {
                    return None;
                }
            }
            if count >= 2 {
                return Some((n, len));
            }
            char_cn(s)
        }
        let alphabet: Vec<char> = "一二三四五六七八九十〇○零两、是a1".chars().collect();
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |&c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
            words.dedup();
        }
        words.sort();
        words.dedup();
        assert!(words.len() > 80_000);
        for w in &words {
            assert_eq!(cn_numeral(w), char_cn(w), "cn_numeral({w:?})");
            assert_eq!(marker_numeral(w), char_marker(w), "marker_numeral({w:?})");
        }
    }
}
