//! The outline engine: structural headings (GB/T 9704 numbering) and inline points
//! (一是…二是…, 第一，…) found in paragraphs, in one linear pass (spec §4–§5).
//! Pure functions on `&str`; must not depend on the terminal or on file handling.

use std::ops::Range;

use super::{Family, Heading, HeadingKind, ParaKind, Paragraph};

/// Chinese numeral 1–99 at the start of `s`: (value, byte length).
pub fn cn_numeral(s: &str) -> Option<(u32, usize)> {
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
    let mut it = s.chars();
    let a = it.next()?;
    let b = it.next();
    let c = it.next();
    // Every numeral char is 3 bytes in UTF-8.
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

fn is_cn_numeral_char(c: char) -> bool {
    // ○ (a circle) stands for 〇 in many texts: 一九九○年.
    "一二三四五六七八九十〇○零两".contains(c)
}

/// `一九九○年`, `二〇〇一`, `九○年代`: a number read digit by digit (with a zero, or followed
/// by 年) is a year, not a second list number as in `一、二线城市`.
fn is_year(s: &str) -> bool {
    let mut run = 0;
    let mut zero = false;
    let mut rest = s;
    for c in s.chars() {
        if !"一二三四五六七八九〇○零".contains(c) {
            break;
        }
        zero |= matches!(c, '〇' | '○' | '零');
        run += 1;
        rest = &rest[c.len_utf8()..];
    }
    run >= 2 && (zero || rest.starts_with('年'))
}

/// ⑴ ⒅ ① ⒈ ¹: footnote marks (and circled list numbers), never GB/T numbering.
fn is_enclosed_number(c: char) -> bool {
    matches!(c as u32,
        0x2460..=0x249B | 0x24EA..=0x24FF | 0x2776..=0x2793 | 0x3251..=0x325F | 0x32B1..=0x32BF
        | 0xB9 | 0xB2 | 0xB3 | 0x2070..=0x2079)
}

/// A footnote mark at the start of `s`: `⑴`, `⒅`, or a bracketed number `(21)` `（3）` `[4]`
/// `〔5〕`. Its byte length.
fn footnote_len(s: &str) -> Option<usize> {
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

/// ASCII or full-width digits, at most two: (value, byte length).
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
        if count > 2 {
            return None;
        }
        n = n * 10 + d;
        len += c.len_utf8();
    }
    (count > 0 && n > 0).then_some((n, len))
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A structural marker at the start of `s`: (rank, number, marker byte length).
pub fn structural_at(s: &str) -> Option<(u8, u32, usize)> {
    let first = s.chars().next()?;
    let (rank, number, len) = if first == '(' || first == '（' {
        let inner = &s[first.len_utf8()..];
        let (rank, (n, l)) = match cn_numeral(inner) {
            Some(x) => (2, x),
            None => (4, arabic(inner)?),
        };
        let close = inner[l..].chars().next()?;
        if close != ')' && close != '）' {
            return None;
        }
        (rank, n, first.len_utf8() + l + close.len_utf8())
    } else {
        let (rank, (n, l)) = match cn_numeral(s) {
            Some(x) => (1, x),
            None => (3, arabic(s)?),
        };
        let p = s[l..].chars().next()?;
        if !matches!(p, '、' | '．' | '.') {
            return None;
        }
        // `1.5倍`, `一、二线城市`: the number goes on, so this is no heading.
        let after = &s[l + p.len_utf8()..];
        if let Some(next) = after.chars().next() {
            if is_digit_like(next) || (rank == 1 && is_cn_numeral_char(next) && !is_year(after)) {
                return None;
            }
        }
        (rank, n, l + p.len_utf8())
    };
    // A bare marker with nothing after it heads nothing.
    let rest = s[len..].trim_start();
    if rest.is_empty() || rest.starts_with(['。', '，', '、', '；']) {
        return None;
    }
    Some((rank, number, len))
}

fn is_md_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{A0}')
}

/// A Markdown ATX heading opener (`## `): (level 1–6, byte length of the `#`s and the
/// spaces after them). Without a space it is a hashtag (`#话题#`), unless a GB/T number
/// follows at once (`##一、总体要求`, common in hand-made files).
pub fn atx_prefix(s: &str) -> Option<(usize, usize)> {
    let level = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &s[level..];
    let body = rest.trim_start_matches(is_md_space);
    if body.len() == rest.len() && !body.is_empty() && structural_at(body).is_none() {
        return None;
    }
    Some((level, s.len() - body.len()))
}

/// `总体要求 ##` → `总体要求`: the optional closing sequence of an ATX heading.
fn strip_closing_hashes(s: &str) -> Option<&str> {
    let u = s.trim_end_matches('#');
    (u.len() < s.len() && (u.is_empty() || u.ends_with(is_md_space))).then(|| u.trim_end())
}

/// A line's text without Markdown heading marks (`# 在会上的讲话` → `在会上的讲话`),
/// for title detection.
pub fn strip_atx(s: &str) -> &str {
    match atx_prefix(s) {
        Some((_, len)) => {
            let t = &s[len..];
            strip_closing_hashes(t).unwrap_or(t)
        }
        None => s,
    }
}

/// A Markdown heading numbered like a structural one: `## 一、总体要求`, `### （一）指导思想`,
/// or with a bare numeral, `## 一 总体要求`: (rank, number, marker start, marker length).
/// A numbering form decides the rank; a bare numeral takes it from the level, since
/// documents use `#` or `##` for their top sections: `#`/`##` 1, `###` 2, `####` 3, deeper 4.
pub fn markdown_heading(s: &str) -> Option<(u8, u32, usize, usize)> {
    let (level, at) = atx_prefix(s)?;
    let body = &s[at..];
    if let Some((rank, n, len)) = structural_at(body) {
        return Some((rank, n, at, len));
    }
    let (n, len) = cn_numeral(body)?;
    let after = &body[len..];
    let text = after.trim_start_matches(is_md_space);
    // `## 一九九〇年回顾`, `## 一是…`: the numeral is part of the text, not a number.
    if text.len() == after.len()
        || text.is_empty()
        || text.starts_with(['。', '，', '、', '；', '#'])
    {
        return None;
    }
    let rank = level.saturating_sub(1).clamp(1, 4) as u8;
    Some((rank, n, at, len))
}

/// A point marker at the start of `s`: (family, number, marker byte length, text start).
fn point_marker(s: &str) -> Option<(Family, u32, usize, usize)> {
    if let Some(rest) = s.strip_prefix('第') {
        let (n, l) = cn_numeral(rest)?;
        let base = '第'.len_utf8() + l;
        let next = rest[l..].chars().next()?;
        return match next {
            '是' => Some((Family::DiShi, n, base + 3, base + 3)),
            '要' => Some((Family::DiYao, n, base + 3, base + 3)),
            '，' | '、' | '：' => Some((Family::Di, n, base, base + 3)),
            ',' | ':' => Some((Family::Di, n, base, base + 1)),
            _ => None,
        };
    }
    let (n, l) = cn_numeral(s)?;
    match s[l..].chars().next()? {
        '是' => Some((Family::Shi, n, l + 3, l + 3)),
        '要' => Some((Family::Yao, n, l + 3, l + 3)),
        _ => None,
    }
}

/// End of a point's text: the first clause or sentence break.
fn is_point_text_end(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | '！' | '？' | '，' | '：' | ';' | '!' | '?' | ',' | ':'
    )
}

fn is_heading_text_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Punctuation after which a point marker may stand (spec §5): not an opening quote.
fn allows_point_after(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | '、'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '”'
            | '’'
            | '」'
            | '』'
    )
}

fn trim_text(s: &str) -> &str {
    s.trim_end_matches(|c: char| {
        c.is_whitespace()
            || is_enclosed_number(c)
            || matches!(
                c,
                '，' | '、'
                    | '：'
                    | '；'
                    | '。'
                    | ','
                    | ':'
                    | ';'
                    | '.'
                    | '．'
                    | '！'
                    | '？'
                    | '!'
                    | '?'
            )
    })
}

const MAX_TEXT_BYTES: usize = 600;

/// Byte range (relative to `s`) of the text after a marker, up to the first `end` char.
fn text_range(s: &str, from: usize, end: fn(char) -> bool) -> Range<usize> {
    let rest = &s[from..];
    let lead = rest.len() - rest.trim_start().len();
    let start = from + lead;
    // A heading text is a clause, not a chapter: bounding the scan keeps a 50 MB line linear.
    let mut window = (start + MAX_TEXT_BYTES).min(s.len());
    while !s.is_char_boundary(window) {
        window -= 1;
    }
    let stop = s[start..window].find(end).map_or(window, |i| start + i);
    let trimmed = trim_text(&s[start..stop]);
    start..start + trimmed.len()
}

/// Does this line open with a point (`一是…`)? Used to keep such lines out of meta lines.
pub fn point_at_start(s: &str) -> bool {
    point_marker(s).is_some()
}

struct Seq {
    family: Family,
    last: u32,
    items: Vec<usize>,
    first_sentence: usize,
    parent: Option<usize>,
}

struct Engine<'a> {
    text: &'a str,
    out: Vec<Heading>,
    dropped: Vec<bool>,
    /// Open structural headings: (rank, index).
    open: Vec<(u8, usize)>,
    seqs: Vec<Seq>,
    /// Last number seen per rank, for accepting headings glued into long paragraphs.
    last_number: [u32; 5],
    sentence: usize,
}

impl Engine<'_> {
    fn close_seqs_from(&mut self, k: usize) {
        for seq in self.seqs.drain(k..) {
            if seq.items.len() == 1 {
                self.dropped[seq.items[0]] = true;
            }
        }
    }

    fn push(&mut self, h: Heading) -> usize {
        self.out.push(h);
        self.dropped.push(false);
        self.out.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn structural(
        &mut self,
        para: usize,
        pstart: usize,
        pend: usize,
        at: usize,
        offset: usize,
        rank: u8,
        number: u32,
        mlen: usize,
    ) {
        let s = &self.text[pstart..pend];
        let mut tr = text_range(s, at - pstart + mlen, is_heading_text_end);
        if let Some(t) = strip_closing_hashes(&s[tr.clone()]) {
            tr.end = tr.start + trim_text(t).len();
        }
        if tr.is_empty() {
            return;
        }
        self.close_seqs_from(0);
        while self.open.last().is_some_and(|&(r, _)| r >= rank) {
            self.open.pop();
        }
        self.last_number[rank as usize] = number;
        for n in &mut self.last_number[rank as usize + 1..] {
            *n = 0;
        }
        let parent = self.open.last().map(|&(_, i)| i);
        let idx = self.push(Heading {
            kind: HeadingKind::Structural { rank },
            depth: 0,
            number,
            para,
            offset,
            marker: at..at + mlen,
            text: pstart + tr.start..pstart + tr.end,
            parent,
            label: None,
        });
        self.open.push((rank, idx));
    }

    #[allow(clippy::too_many_arguments)]
    fn point(
        &mut self,
        para: usize,
        pstart: usize,
        pend: usize,
        at: usize,
        offset: usize,
        family: Family,
        n: u32,
        mlen: usize,
        tstart: usize,
        label: Option<Range<usize>>,
    ) {
        let s = &self.text[pstart..pend];
        let tr = text_range(s, at - pstart + tstart, is_point_text_end);
        let t = &s[tr.clone()];
        // 一是一，二是二: the idiom repeats the numeral; and a one-char "point" is no point.
        let numeral = &self.text[at..at + mlen];
        let numeral = numeral
            .trim_start_matches('第')
            .trim_end_matches(['是', '要']);
        if t.chars().nth(1).is_none() || t.starts_with(numeral) {
            return;
        }
        let structural_parent = self.open.last().map(|&(_, i)| i);
        let parent = if n == 1 {
            if let Some(k) = self.seqs.iter().position(|q| q.family == family) {
                self.close_seqs_from(k);
            }
            self.seqs
                .last()
                .and_then(|q| q.items.last().copied())
                .or(structural_parent)
        } else {
            let Some(k) = self
                .seqs
                .iter()
                .rposition(|q| q.family == family && q.last + 1 == n)
            else {
                return;
            };
            self.close_seqs_from(k + 1);
            self.seqs[k].parent
        };
        let idx = self.push(Heading {
            kind: HeadingKind::Point { family },
            depth: 0,
            number: n,
            para,
            offset,
            marker: at..at + mlen,
            text: pstart + tr.start..pstart + tr.end,
            parent,
            label: if n == 1 { label } else { None },
        });
        if n == 1 {
            self.seqs.push(Seq {
                family,
                last: 1,
                items: vec![idx],
                first_sentence: self.sentence,
                parent,
            });
        } else {
            let seq = self.seqs.last_mut().expect("continued sequence is on top");
            seq.last = n;
            seq.items.push(idx);
        }
    }

    /// An inline list (all items in the sentence that just ended) closes with its sentence.
    fn sentence_end(&mut self) {
        let cur = self.sentence;
        if let Some(k) = self
            .seqs
            .iter()
            .position(|q| q.items.len() >= 2 && q.first_sentence == cur)
        {
            self.close_seqs_from(k);
        }
        self.sentence += 1;
    }

    fn paragraph(&mut self, para: usize, range: Range<usize>, prev_para: Option<Range<usize>>) {
        let (pstart, pend) = (range.start, range.end);
        let s = &self.text[pstart..pend];
        let mut prev: Option<char> = None;
        // End of a footnote mark being stepped over: it is transparent to what precedes it.
        let mut skip_to = 0;
        for (offset, (i, c)) in s.char_indices().enumerate() {
            let at = pstart + i;
            if i < skip_to {
                continue;
            }
            if i == 0 {
                if let Some((rank, n, mstart, mlen)) = markdown_heading(s) {
                    // The `#`s are not part of the marker; the offset points at the numeral.
                    let offset = s[..mstart].chars().count();
                    self.structural(para, pstart, pend, pstart + mstart, offset, rank, n, mlen);
                    prev = Some(c);
                    continue;
                }
            }
            let starts_ok = prev.is_none_or(allows_point_after);
            if starts_ok {
                let after_sentence = prev.is_none_or(is_sentence_end);
                if after_sentence {
                    if let Some((rank, n, mlen)) = structural_at(&s[i..]) {
                        let continues = n == self.last_number[rank as usize] + 1;
                        // Mid-paragraph, only a number that continues its rank is a heading.
                        // At a paragraph start `(21)` is as often a footnote as an item, so
                        // rank 4 must continue its numbering or start a new one.
                        let ok = match prev {
                            None => rank != 4 || continues || n == 1,
                            Some(_) => continues,
                        };
                        if ok {
                            self.structural(para, pstart, pend, at, offset, rank, n, mlen);
                            prev = Some(c);
                            continue;
                        }
                    }
                }
                // ⑴ ⒅ (21): whatever may stand before the mark may stand after it
                // (`……目标。⑴二是…`), so the mark leaves `prev` as it was.
                if let Some(len) = footnote_len(&s[i..]) {
                    skip_to = i + len;
                    continue;
                }
                if matches!(c, '第') || is_cn_numeral_char(c) {
                    if let Some((family, n, mlen, tstart)) = point_marker(&s[i..]) {
                        let label = match prev {
                            Some('：' | ':') => {
                                lead_in(s, i).map(|r| pstart + r.start..pstart + r.end)
                            }
                            None => prev_para.clone().and_then(|pr| {
                                let ps = &self.text[pr.clone()];
                                let end =
                                    ps.len() - ps.chars().next_back().map_or(0, char::len_utf8);
                                ps.ends_with(['：', ':'])
                                    .then(|| lead_in(ps, end))
                                    .flatten()
                                    .map(|r| pr.start + r.start..pr.start + r.end)
                            }),
                            _ => None,
                        };
                        self.point(
                            para, pstart, pend, at, offset, family, n, mlen, tstart, label,
                        );
                    }
                }
            }
            if is_sentence_end(c) {
                self.sentence_end();
            }
            prev = Some(c);
        }
        self.sentence_end();
    }
}

/// The clause before a colon at byte `colon` of `s`: the group label of a point list.
fn lead_in(s: &str, colon: usize) -> Option<Range<usize>> {
    let mut from = colon.saturating_sub(MAX_TEXT_BYTES);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let before = &s[from..colon];
    let before = before.strip_suffix(['：', ':']).unwrap_or(before);
    let start = before
        .rfind(['，', '。', '；', '！', '？', ',', ';'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let label = before[start..].trim();
    if label.is_empty() || label.chars().count() > 40 {
        return None;
    }
    let lead = before[start..].len() - before[start..].trim_start().len();
    Some(from + start + lead..from + start + lead + label.len())
}

/// Outlines the body paragraphs of a cleaned text. Headings come out in document order.
pub fn outline(text: &str, paragraphs: &[Paragraph]) -> Vec<Heading> {
    let mut e = Engine {
        text,
        out: Vec::new(),
        dropped: Vec::new(),
        open: Vec::new(),
        seqs: Vec::new(),
        last_number: [0; 5],
        sentence: 0,
    };
    let mut prev_body: Option<Range<usize>> = None;
    for (i, p) in paragraphs.iter().enumerate() {
        if p.kind != ParaKind::Body {
            prev_body = None;
            continue;
        }
        e.paragraph(i, p.range.clone(), prev_body.take());
        prev_body = Some(p.range.clone());
    }
    e.close_seqs_from(0);
    finish(e.out, &e.dropped)
}

/// Drops single-item sequences, re-parents their children, and computes depths.
fn finish(mut hs: Vec<Heading>, dropped: &[bool]) -> Vec<Heading> {
    let mut new_index = vec![usize::MAX; hs.len()];
    let mut kept = 0;
    for (i, d) in dropped.iter().enumerate() {
        if !d {
            new_index[i] = kept;
            kept += 1;
        }
    }
    // Parents always precede children, so one forward pass resolves chains of dropped parents.
    let mut resolved: Vec<Option<usize>> = vec![None; hs.len()];
    for i in 0..hs.len() {
        let mut p = hs[i].parent;
        while let Some(pi) = p {
            if dropped[pi] {
                p = hs[pi].parent;
            } else {
                break;
            }
        }
        resolved[i] = p.map(|pi| new_index[pi]);
    }
    let mut out: Vec<Heading> = Vec::with_capacity(kept);
    for (i, mut h) in hs.drain(..).enumerate() {
        if dropped[i] {
            continue;
        }
        h.parent = resolved[i];
        h.depth = h.parent.map_or(1, |p| out[p].depth.saturating_add(1));
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Speech;

    fn dump(src: &str) -> Vec<String> {
        let s = Speech::parse("t", src);
        s.headings
            .iter()
            .map(|h| format!("{} {} {}", h.depth, s.heading_marker(h), s.heading_text(h)))
            .collect()
    }

    fn body(s: &str) -> String {
        format!("在会议上的讲话\n\n{s}\n")
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
    fn structural_forms() {
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
        // Not headings.
        assert_eq!(structural_at("1.5倍的增长"), None);
        assert_eq!(structural_at("一、二线城市"), None);
        assert_eq!(structural_at("2023.5.1"), None);
        assert_eq!(structural_at("一、"), None);
        assert_eq!(structural_at("一是要"), None);
        assert_eq!(structural_at("（注）说明"), None);
    }

    #[test]
    fn markdown_heading_forms() {
        assert_eq!(markdown_heading("## 一、总体要求"), Some((1, 1, 3, 6)));
        assert_eq!(markdown_heading("## 一 总体要求"), Some((1, 1, 3, 3)));
        assert_eq!(markdown_heading("# 二\u{3000}主要任务"), Some((1, 2, 2, 3)));
        assert_eq!(markdown_heading("### （一）指导思想"), Some((2, 1, 4, 9)));
        assert_eq!(markdown_heading("### 三 指导思想"), Some((2, 3, 4, 3)));
        assert_eq!(markdown_heading("#### 十二 具体措施"), Some((3, 12, 5, 6)));
        assert_eq!(markdown_heading("###### 四 更深"), Some((4, 4, 7, 3)));
        assert_eq!(markdown_heading("#### 1. 坚持党的领导"), Some((3, 1, 5, 2)));
        assert_eq!(markdown_heading("##一、总体要求"), Some((1, 1, 2, 6)));
        // Not numbered headings.
        assert_eq!(markdown_heading("## 总体要求"), None);
        assert_eq!(markdown_heading("## 一九九〇年回顾"), None);
        assert_eq!(markdown_heading("## 一是抓学习"), None);
        assert_eq!(markdown_heading("## 一"), None);
        assert_eq!(markdown_heading("## 一 ##"), None);
        assert_eq!(markdown_heading("#一 话题#"), None);
        assert_eq!(markdown_heading("####### 一 太深"), None);
        assert_eq!(markdown_heading("一、总体要求"), None);
        assert_eq!(atx_prefix("#话题#"), None);
        assert_eq!(atx_prefix("#"), Some((1, 1)));
        assert_eq!(strip_atx("# 在会上的讲话 #"), "在会上的讲话");
        assert_eq!(strip_atx("#话题#"), "#话题#");
    }

    #[test]
    fn markdown_headings_in_a_speech() {
        let src = "# 在全市工作会议上的讲话\n\n同志们：\n\n## 一 总体要求\n开篇正文。一是抓学习，二是抓落实。\n### （一）指导思想\n正文。\n### 二 基本原则 ###\n#### 1. 坚持党的领导\n## 二、主要任务\n正文。\n";
        let s = Speech::parse("t", src);
        assert_eq!(s.title, "在全市工作会议上的讲话");
        assert_eq!(
            dump(src),
            vec![
                "1 一 总体要求",
                "2 一是 抓学习",
                "2 二是 抓落实",
                "2 （一） 指导思想",
                "2 二 基本原则",
                "3 1. 坚持党的领导",
                "1 二、 主要任务",
            ]
        );
        let h = &s.headings[0];
        assert_eq!(h.offset, 3);
        assert_eq!(s.heading_label(0), "一 总体要求");
        assert_eq!(s.heading_label(3), "（一）指导思想");
        assert!(s
            .headings
            .iter()
            .all(|h| !s.heading_marker(h).contains('#')));
    }

    #[test]
    fn footnote_marks_make_no_headings_and_keep_numbering() {
        let d = dump(&body("一、总体要求⑴\n⑴这是注释。\n（1）统筹推进⒅。\n(2)协调发展(21)。\n二、主要任务(3)\n工作要抓实。⒅二是接着说。一是抓学习。⑵二是抓落实。(22)三是抓作风。\n⒈不是编号\n①也不是"));
        assert_eq!(
            d,
            vec![
                "1 一、 总体要求",
                "2 （1） 统筹推进",
                "2 (2) 协调发展(21)",
                "1 二、 主要任务(3)",
                "2 一是 抓学习",
                "2 二是 抓落实",
                "2 三是 抓作风",
            ]
        );
        assert_eq!(footnote_len("⑴二是"), Some(3));
        assert_eq!(footnote_len("(21)二是"), Some(4));
        assert_eq!(footnote_len("（３）"), Some(9));
        assert_eq!(footnote_len("[123]"), Some(5));
        assert_eq!(footnote_len("(2021)"), None);
        assert_eq!(footnote_len("(一)"), None);
        assert_eq!(footnote_len("()"), None);
    }

    #[test]
    fn paragraph_opening_rank4_number_must_continue_or_start() {
        // (20) then (21): a list continued. (21) out of the blue: a footnote, not a heading.
        let d = dump(&body("1.第一项\n(1)一\n（2）二\n(4)跳号的注释。\n（3）三"));
        assert_eq!(
            d,
            vec!["1 1. 第一项", "2 (1) 一", "2 （2） 二", "2 （3） 三"]
        );
        let mut src = String::from("1.第一项\n");
        for k in 1..=21 {
            src.push_str(&format!("({k})第{k}条\n"));
        }
        src.push_str("(21)第二十一条的注释。\n2.第二项\n(21)见某某文件。\n(1)重新开始\n(3)跳号");
        let d = dump(&body(&src));
        assert_eq!(d.len(), 1 + 21 + 2, "{d:?}");
        assert_eq!(d[21], "2 (21) 第21条");
        assert_eq!(d[22], "1 2. 第二项");
        assert_eq!(d[23], "2 (1) 重新开始");
        // A first `(19)` does not start a list either.
        let d = dump(&body("(19)十九\n(20)二十"));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn circle_as_zero_in_years() {
        let d = dump(&body("一九九○年，我们开始改革。二○○○年是新的起点。\n一、一九九○年以来的工作\n二○○一年要继续努力，一是稳增长，二是调结构。\n二、一九九一年的任务\n（一）九○年代的目标\n三○、不是标题"));
        assert_eq!(
            d,
            vec![
                "1 一、 一九九○年以来的工作",
                "2 一是 稳增长",
                "2 二是 调结构",
                "1 二、 一九九一年的任务",
                "2 （一） 九○年代的目标",
            ]
        );
        assert_eq!(structural_at("一、一九九○年以来"), Some((1, 1, 6)));
        assert_eq!(structural_at("一、二○○一年的任务"), Some((1, 1, 6)));
        assert_eq!(structural_at("一、一九九一年的任务"), Some((1, 1, 6)));
        assert_eq!(structural_at("一、二三线城市"), None);
        assert_eq!(structural_at("一九九○年、"), None);
        assert_eq!(point_marker("二○○○年是"), None);
    }

    #[test]
    fn structural_depths_follow_open_headings() {
        let d = dump("一、总体要求\n（一）指导思想\n1.坚持党的领导\n（1）提高站位\n（2）强化担当\n2.坚持人民至上\n二、主要任务\n１．直接在一级下");
        assert_eq!(
            d,
            vec![
                "1 一、 总体要求",
                "2 （一） 指导思想",
                "3 1. 坚持党的领导",
                "4 （1） 提高站位",
                "4 （2） 强化担当",
                "3 2. 坚持人民至上",
                "1 二、 主要任务",
                "2 １． 直接在一级下",
            ]
        );
    }

    #[test]
    fn heading_text_stops_at_sentence_end() {
        let d = dump(&body(
            "一、提高政治站位，扎实做好组织协调工作。在全党部署开展主题教育。",
        ));
        assert_eq!(d, vec!["1 一、 提高政治站位，扎实做好组织协调工作"]);
    }

    #[test]
    fn glued_heading_accepted_only_when_continuing_numbering() {
        let d = dump(&body(
            "一、第一部分。正文。二、第二部分。正文说到三、这不是。正文。四、也不是因为跳号。",
        ));
        assert_eq!(d, vec!["1 一、 第一部分", "1 二、 第二部分"]);
    }

    #[test]
    fn points_basic_and_text() {
        let d = dump(&body(
            "具体要做到“四勤”：一是勤思考，要常动脑筋；二是勤转悠，要熟悉情况；三是勤谈心；四是勤解决。",
        ));
        assert_eq!(
            d,
            vec![
                "1 一是 勤思考",
                "1 二是 勤转悠",
                "1 三是 勤谈心",
                "1 四是 勤解决"
            ]
        );
        let s = Speech::parse(
            "t",
            &body("具体要做到“四勤”：一是勤思考，要常；二是勤转悠。"),
        );
        let label = s.headings[0].label.clone().unwrap();
        assert_eq!(&s.text[label], "具体要做到“四勤”");
    }

    #[test]
    fn false_positives_inside_words() {
        let d = dump(&body(
            "这是统一是非标准的问题。唯一是靠实干。其中之一是学习。这一要求很高。要第一时间报告，第一书记要带头，第一个到场。",
        ));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn idiom_yi_shi_yi_is_not_a_point() {
        let d = dump(&body(
            "工作要一是一，二是二，不能含糊。说话要实在，一是一、二是二。",
        ));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn quoted_slogan_is_not_a_point() {
        let d = dump(&body("当年提出“一要吃饭，二要建设”的方针。"));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn shouxian_zuihou_are_never_markers() {
        let d = dump(&body(
            "首先是党的书记，其次是干部。最后一公里要打通，最后是总结。",
        ));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn one_point_five_is_not_a_heading() {
        let d = dump(&body("1.5倍的增长令人瞩目。\n2.5亿元的投资到位了。"));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn single_item_sequence_is_dropped() {
        let d = dump(&body("一是只有一项的列表。后面没有了。"));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn orphan_continuation_is_dropped() {
        let d = dump(&body("三是没有开头。四是也没有。"));
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn nested_sequences_and_closing() {
        // Seed 002: 第一，…第四， under 三是; 四是 closes it and continues the outer list.
        let d = dump(&body(
            "一是甲需要。二是乙需要。三是丙需要：第一，城市管理僵化。第二，本领不足。四是丁需要：第一要熟悉党章；第二要明确职责。",
        ));
        assert_eq!(
            d,
            vec![
                "1 一是 甲需要",
                "1 二是 乙需要",
                "1 三是 丙需要",
                "2 第一 城市管理僵化",
                "2 第二 本领不足",
                "1 四是 丁需要",
                "2 第一要 熟悉党章",
                "2 第二要 明确职责",
            ]
        );
    }

    #[test]
    fn inline_list_closes_with_its_sentence_and_next_is_sibling() {
        let d = dump(&body(
            "要做到：一是跟上新形势，二是学习新知识。接着：一是戒粗心；二是戒麻痹。",
        ));
        assert_eq!(
            d,
            vec![
                "1 一是 跟上新形势",
                "1 二是 学习新知识",
                "1 一是 戒粗心",
                "1 二是 戒麻痹"
            ]
        );
    }

    #[test]
    fn same_family_restart_is_a_sibling_list() {
        let d = dump(&body(
            "一是甲甲。二是乙乙。\n再讲几点。一是丙丙。二是丁丁。",
        ));
        assert_eq!(
            d,
            vec!["1 一是 甲甲", "1 二是 乙乙", "1 一是 丙丙", "1 二是 丁丁"]
        );
    }

    #[test]
    fn points_under_structural_headings() {
        let d = dump(&body("一、提高站位\n一要当好参谋。二要精心组织。\n二、从严从实\n一要把握重点。二要落实要求。"));
        assert_eq!(
            d,
            vec![
                "1 一、 提高站位",
                "2 一要 当好参谋",
                "2 二要 精心组织",
                "1 二、 从严从实",
                "2 一要 把握重点",
                "2 二要 落实要求",
            ]
        );
    }

    #[test]
    fn di_family_variants() {
        let d = dump(&body("有三点：第一、要清醒。第二：要坚定。第三,要务实。"));
        assert_eq!(d, vec!["1 第一 要清醒", "1 第二 要坚定", "1 第三 要务实"]);
    }

    #[test]
    fn dropped_parent_reparents_children() {
        // 一是 has no 二是, so it is dropped; its nested list moves up a level.
        let d = dump(&body("一是总的要求：第一，要清醒。第二，要坚定。"));
        assert_eq!(d, vec!["1 第一 要清醒", "1 第二 要坚定"]);
    }

    #[test]
    fn offsets_and_positions() {
        let s = Speech::parse("t", &body("前言。一是甲甲甲。二是乙乙乙。"));
        let h = &s.headings[1];
        assert_eq!(h.offset, 9);
        assert_eq!(s.heading_marker(h), "二是");
        assert_eq!(s.para_text(h.para).chars().nth(h.offset), Some('二'));
    }
}
