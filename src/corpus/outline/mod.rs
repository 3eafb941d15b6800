//! The outline engine: numbered headings and inline points (一是…二是…, 第一，…) found in the
//! body paragraphs in one linear pass, with levels discovered from the text (spec §4–§5, §7).
//! Pure functions on `&str`; recognising a numbering form is `numbering`'s job.

use std::ops::Range;

use crate::corpus::count::more_chars_than;
use crate::corpus::numbering::{
    footnote_len, is_cn_numeral_char, markup_len, numbered_at, point_marker,
};
use crate::corpus::numbering::{strip_closing_hashes, Form, Opening};
use crate::corpus::{Check, CheckKind, Family, Gap, Heading, HeadingKind, ParaKind, Paragraph};

pub use crate::corpus::numbering::{
    atx_prefix, cn_numeral, is_enclosed_number, point_at_start, strip_atx, structural_at,
};

/// End of a point's text: the first clause or sentence break.
fn is_point_text_end(c: char) -> bool {
    matches!(
        c,
        '。' | '；' | '！' | '？' | '，' | '：' | ';' | '!' | '?' | ',' | ':'
    )
}

fn is_heading_text_end(c: char) -> bool {
    // U+00A0 inside a line is where a scraper lost a line break (`三、2014年重点工作<NBSP>做好…`).
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\u{A0}')
}

/// An ASCII or full-width digit.
fn is_digit_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
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
                    | '*'
            )
    })
}

const MAX_TEXT_BYTES: usize = 600;
/// A paragraph this long lost its line breaks (a scrape run together): a point that starts
/// one of its sentences counts as starting a paragraph (spec §7.2's paragraph-initial lists).
const RUN_TOGETHER_CHARS: usize = 1000;
/// Longest paragraph a spaced or bare number (`一　总则`) may head: longer is running prose.
const SPACED_HEADING_MAX_CHARS: usize = 60;
/// A numbered line this short with nothing after its heading text is clearly a heading.
const STANDALONE_MAX_CHARS: usize = 40;
/// A bare numeral's text is the next line only when that line is this short.
const BARE_TEXT_MAX_CHARS: usize = 40;

/// Byte range (relative to `s`) of the text after a marker, up to the first `end` char.
fn text_range(s: &str, from: usize, end: impl Fn(char) -> bool) -> Range<usize> {
    let rest = &s[from..];
    let lead = rest.len() - rest.trim_start().len();
    let start = from + lead;
    // A heading text is a clause, not a chapter: bounding the scan keeps a 50 MB line linear.
    let mut window = (start + MAX_TEXT_BYTES).min(s.len());
    while !s.is_char_boundary(window) {
        window -= 1;
    }
    let stop = s[start..window].find(end).map_or(window, |i| start + i);
    let mut t = trim_text(&s[start..stop]);
    if let Some(u) = strip_closing_hashes(t) {
        t = trim_text(u);
    }
    start..start + t.len()
}

/// An open numbered level (spec §7.1): a form with its last number and current item.
struct Level {
    form: Form,
    last: u32,
    idx: usize,
    /// A Markdown heading's `#` count: such levels close only by another Markdown heading.
    md: Option<u8>,
    items: u32,
    /// The current item has body text after it (it is a section, not a list item).
    body: bool,
    /// No item so far had a body: with two or more, a list block that a body paragraph closes.
    all_bare: bool,
    /// A count announced before the list (`我讲三点意见`): (count, heading of the first item).
    announced: Option<u32>,
    first: usize,
}

struct Seq {
    family: Family,
    last: u32,
    items: Vec<usize>,
    first_sentence: usize,
    parent: Option<usize>,
    /// The first item starts its paragraph: the list stays open across paragraphs.
    initial: bool,
    /// Another paragraph than the first one has an item: a list across paragraphs.
    spread: bool,
    /// Opened in a paragraph that lost its line breaks: its paragraph is no boundary.
    run_together: bool,
    /// Opened by 首先: it counts only if a 第二 continues it.
    tentative: bool,
    /// Opened by 首先: a 最后 may end it (after 第一…第四, 最后 is the closing words).
    words: bool,
    announced: Option<u32>,
}

struct Engine<'a> {
    text: &'a str,
    out: Vec<Heading>,
    dropped: Vec<bool>,
    levels: Vec<Level>,
    seqs: Vec<Seq>,
    sentence: usize,
    checks: Vec<Check>,
    /// Where the text starts that may announce the next list's count (`我讲三点意见`): the
    /// paragraph before it, or the one it opens in. Read only when a list opens.
    announce_from: Option<usize>,
    /// A gap fell since the last heading: numbers may be missing.
    after_gap: bool,
    /// The paragraph being read is several whose line breaks were lost.
    run_together: bool,
    /// Enclosed numbers (`⑴`) seen as footnote marks inside sentences: a paragraph that opens
    /// with one of them is that footnote's text, not a numbered item.
    marks_seen: Vec<char>,
}

impl Engine<'_> {
    fn push(&mut self, h: Heading) -> usize {
        self.out.push(h);
        self.dropped.push(false);
        self.out.len() - 1
    }

    fn parent(&self) -> Option<usize> {
        self.levels.last().map(|l| l.idx)
    }

    fn paragraph(&mut self, para: usize, range: Range<usize>, ctx: ParaCtx<'_>) {
        let (pstart, pend) = (range.start, range.end);
        let s = &self.text[pstart..pend];
        self.run_together =
            s.len() > RUN_TOGETHER_CHARS * 3 && more_chars_than(s, RUN_TOGETHER_CHARS);
        if ctx.gap_before {
            self.after_gap = true;
            self.gap_in_open_lists();
        }
        let mut scan_from = 0;
        let mut heading_here = false;
        if let Some(level) = ctx.md_level {
            if self.markdown(para, level, pstart, s, ctx.next_short.clone()) {
                heading_here = true;
                scan_from = s.len();
            }
        } else {
            let mk = markup_len(s);
            let footnote = s[mk..]
                .chars()
                .next()
                .is_some_and(|c| self.marks_seen.contains(&c));
            let numbered = match ctx.opening {
                _ if footnote => None,
                Opening::Unknown => numbered_at(&s[mk..], true),
                Opening::Plain => None,
                Opening::Number(n) => Some(n),
            };
            if let Some(n) = numbered {
                let spaced = matches!(n.form, Form::Space | Form::DigitSpace);
                let short = !more_chars_than(s, SPACED_HEADING_MAX_CHARS);
                let text = if n.bare {
                    ctx.next_short.clone()
                } else {
                    let r = text_range(s, mk + n.text_at, is_heading_text_end);
                    (!r.is_empty()).then(|| pstart + r.start..pstart + r.end)
                };
                if let (Some(text), true) = (text, !spaced || short) {
                    // A heading line of its own: its text runs to the paragraph's end (or it
                    // is a bare number whose text is the next line), and it is short.
                    let line = (n.bare || text.end >= pstart + trim_text(s).len())
                        && !more_chars_than(s, STANDALONE_MAX_CHARS);
                    let clause = !self.text[text.clone()].contains(['，', '；', ',', ';']);
                    let standalone = match (line, clause) {
                        (false, _) => Alone::No,
                        (true, false) => Alone::Line,
                        (true, true) => Alone::TitleLike,
                    };
                    if let Ok(place) = self.place(n.form, n.number, true, standalone) {
                        let num = Numbered { place, ..n.into() };
                        let offset = s[..mk].chars().count();
                        // A list item is one sentence (`（一）…基础。`); a heading line is not.
                        let sentence = s.trim_end().ends_with(['。', '！', '？', '；']);
                        self.numbered(para, pstart + mk, offset, num, text.clone());
                        let l = self.levels.last_mut().expect("just pushed");
                        l.all_bare &= sentence;
                        heading_here = true;
                        let end = text.end.min(pend).max(pstart) - pstart;
                        scan_from = end;
                        // Text after the heading's sentence is its body.
                        let rest = s[end..].trim_start_matches(|c: char| {
                            is_heading_text_end(c) || c.is_whitespace() || c == '*'
                        });
                        if !rest.is_empty() {
                            let l = self.levels.last_mut().expect("just pushed");
                            l.body = true;
                            l.all_bare = false;
                        }
                    }
                }
            }
        }
        if !heading_here {
            self.body_paragraph(s);
        }
        // A list opened inside this paragraph may be announced earlier in it.
        self.announce_from = Some(pstart);
        self.scan(para, s, pstart, scan_from, ctx.prev_colon);
        self.sentence_end();
        self.paragraph_end(ctx.next);
    }

    /// Points and glued headings inside a paragraph, from byte `from` of `s`.
    fn scan(
        &mut self,
        para: usize,
        s: &str,
        pstart: usize,
        from: usize,
        prev_para: Option<Range<usize>>,
    ) {
        let mut prev: Option<char> = if from == 0 {
            None
        } else {
            s[..from].chars().next_back()
        };
        // End of a footnote mark being stepped over: it is transparent to what precedes it.
        let mut skip_to = from;
        // Inline enumerations of a numbering form (`方向是：一、…。二、…`): never headings.
        let mut inline: Vec<(Form, u32)> = Vec::new();
        let first = s[..from].chars().count();
        let table = class::table();
        // `prev`'s class; none before the paragraph's first char, which a point may follow.
        let mut prev_class = prev.map_or(class::ALLOWS_POINT, |p| table.class(p));
        for (here, (i, c)) in (first..).zip(s[from..].char_indices()) {
            let i = i + from;
            if i < skip_to {
                continue;
            }
            let cls = table.class(c);
            if cls & class::ENCLOSED != 0 && !self.marks_seen.contains(&c) {
                self.marks_seen.push(c);
            }
            // Glued headings follow a sentence end; inline enumerations a colon or a sentence.
            // One test of both chars' classes, not a branch per set.
            let glued = (prev_class & class::AFTER_END != 0) & (cls & class::GLUED != 0);
            if glued {
                if let Some(n) = numbered_at(&s[i..], false) {
                    if let Some(k) = inline
                        .iter()
                        .position(|&(f, last)| f == n.form && last + 1 == n.number)
                    {
                        inline[k].1 = n.number;
                        (prev, prev_class) = (Some(c), cls);
                        continue;
                    }
                    if matches!(prev, Some('：' | ':')) && n.number == 1 {
                        inline.push((n.form, 1));
                        (prev, prev_class) = (Some(c), cls);
                        continue;
                    }
                    if prev.is_some_and(is_sentence_end) {
                        if let Ok(place) = self.place(n.form, n.number, false, Alone::No) {
                            let r = text_range(s, i + n.text_at, is_heading_text_end);
                            if !r.is_empty() {
                                let num = Numbered { place, ..n.into() };
                                self.numbered(
                                    para,
                                    pstart + i,
                                    here,
                                    num,
                                    pstart + r.start..pstart + r.end,
                                );
                                let l = self.levels.last_mut().expect("just pushed");
                                l.body = true;
                                l.all_bare = false;
                                (prev, prev_class) = (Some(c), cls);
                                continue;
                            }
                        }
                    }
                }
            }
            let starts =
                (prev_class & class::ALLOWS_POINT != 0) & (cls & (class::MARK | class::POINT) != 0);
            if starts {
                // ⑴ ⒅ (21): whatever may stand before the mark may stand after it
                // (`……目标。⑴二是…`), so the mark leaves `prev` as it was.
                let may_be_mark = cls & class::MARK != 0;
                if let Some(len) = may_be_mark.then(|| footnote_len(&s[i..])).flatten() {
                    skip_to = i + len;
                    continue;
                }
                if cls & class::POINT != 0 {
                    if let Some(marker) = point_marker(&s[i..]) {
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
                        let sentence_start = prev.is_some_and(is_sentence_end);
                        self.point(para, s, pstart, i, here, marker, label, sentence_start);
                    }
                }
            }
            if cls & class::END != 0 {
                self.sentence_end();
            }
            (prev, prev_class) = (Some(c), cls);
        }
    }
}

/// What the engine needs to know about a paragraph's neighbours.
struct ParaCtx<'a> {
    md_level: Option<u8>,
    prev_colon: Option<Range<usize>>,
    next: Option<&'a str>,
    next_short: Option<Range<usize>>,
    gap_before: bool,
    /// What the cleaner knows of the number the paragraph opens with.
    opening: Opening,
}

/// The outline of a cleaned text: headings in document order, and the numbering checks.
pub struct Outline {
    pub headings: Vec<Heading>,
    pub checks: Vec<Check>,
}

/// Outlines the body paragraphs of a cleaned text.
pub fn outline(text: &str, paragraphs: &[Paragraph], gaps: &[Gap]) -> Outline {
    outline_hinted(text, paragraphs, gaps, &[])
}

/// [`outline`] with the cleaner's per-paragraph [`Opening`]s (missing = unknown).
pub fn outline_hinted(
    text: &str,
    paragraphs: &[Paragraph],
    gaps: &[Gap],
    openings: &[Opening],
) -> Outline {
    let mut e = Engine {
        text,
        out: Vec::new(),
        dropped: Vec::new(),
        levels: Vec::new(),
        seqs: Vec::new(),
        sentence: 0,
        checks: Vec::new(),
        announce_from: None,
        after_gap: false,
        run_together: false,
        marks_seen: Vec::new(),
    };
    // Body paragraphs in order, each with the next one: walked, not collected (a text of
    // short lines has hundreds of thousands).
    let is_body = |i: &usize| paragraphs[*i].kind == ParaKind::Body;
    let mut body = (0..paragraphs.len()).filter(is_body).peekable();
    let bodies = paragraphs
        .iter()
        .filter(|p| p.kind == ParaKind::Body)
        .count();
    // About a heading a paragraph at most, in most texts: reserved rather than grown by
    // copying (this vector is a scratch one; `finish` builds the kept headings anew).
    e.out.reserve(bodies + 16);
    e.dropped.reserve(bodies + 16);
    let mut gap_i = 0;
    let mut prev_body: Option<usize> = None;
    let mut skip_next = false;
    while let Some(i) = body.next() {
        let p = &paragraphs[i];
        let mut gap_before = false;
        while gap_i < gaps.len() && gaps[gap_i].at <= p.range.start {
            gap_before = true;
            gap_i += 1;
        }
        if skip_next {
            // The line that was a bare numeral's text.
            skip_next = false;
            prev_body = Some(i);
            continue;
        }
        let next_i = body.peek().copied();
        let next_text = next_i.map(|n| &text[paragraphs[n].range.clone()]);
        // Only a bare numeral (`一`, `## 一`) takes the next line as its text.
        let bare_here = p.range.len() <= 12;
        let next_short = next_i
            .filter(|_| bare_here && next_i == Some(i + 1))
            .and_then(|n| {
                let t = &text[paragraphs[n].range.clone()];
                let short = !more_chars_than(t, BARE_TEXT_MAX_CHARS);
                let sentence = t.contains(['。', '！', '？', '；']);
                (short && !sentence && !t.is_empty() && numbered_at(t, true).is_none())
                    .then(|| paragraphs[n].range.clone())
            });
        let contiguous = prev_body.is_some_and(|pb| pb + 1 == i);
        let prev_colon = prev_body
            .filter(|_| contiguous)
            .map(|pb| paragraphs[pb].range.clone());
        let ctx = ParaCtx {
            md_level: (p.level > 0).then_some(p.level),
            prev_colon,
            next: next_text.map(str::trim_start),
            next_short: next_short.clone(),
            gap_before,
            opening: openings.get(i).copied().unwrap_or(Opening::Unknown),
        };
        let before = e.out.len();
        e.paragraph(i, p.range.clone(), ctx);
        // Gaps inside this paragraph make the numbers after them uncertain too.
        while gap_i < gaps.len() && gaps[gap_i].at < p.range.end {
            e.after_gap = true;
            gap_i += 1;
        }
        if e.after_gap {
            e.gap_in_open_lists();
        }
        if next_short.is_some() && e.out.len() > before {
            let h = &e.out[before];
            if next_short.as_ref().is_some_and(|r| h.text == *r) {
                skip_next = true;
            }
        }
        prev_body = Some(i);
    }
    e.close_seqs_from(0);
    e.close_levels_from(0);
    let (headings, map) = finish(e.out, &e.dropped);
    let mut checks: Vec<Check> = e
        .checks
        .into_iter()
        .filter_map(|c| {
            map.get(c.heading)
                .copied()
                .flatten()
                .map(|h| Check { heading: h, ..c })
        })
        .collect();
    checks.sort_by_key(|c| c.heading);
    Outline { headings, checks }
}

/// Drops single-item sequences, re-parents their children, and computes depths. Returns the
/// kept headings and, per old index, its new one.
fn finish(mut hs: Vec<Heading>, dropped: &[bool]) -> (Vec<Heading>, Vec<Option<usize>>) {
    let mut new_index = vec![None; hs.len()];
    let mut kept = 0;
    for (i, d) in dropped.iter().enumerate() {
        if !d {
            new_index[i] = Some(kept);
            kept += 1;
        }
    }
    // Parents always precede children, so one forward pass resolves chains of dropped
    // parents, in place: a dropped parent's own parent is already resolved when it is read.
    for i in 0..hs.len() {
        if let Some(pi) = hs[i].parent.filter(|&pi| dropped[pi]) {
            hs[i].parent = hs[pi].parent;
        }
    }
    // Compacted in place: a text of many headings touched all that memory twice, once here.
    // Slot `w` ≤ `i` holds a dropped heading or one already moved; parents are final below `w`.
    let mut w = 0;
    for i in 0..hs.len() {
        if dropped[i] {
            continue;
        }
        let parent = hs[i].parent.and_then(|pi| new_index[pi]);
        let depth = parent.map_or(1, |p| hs[p].depth.saturating_add(1));
        hs.swap(w, i);
        hs[w].parent = parent;
        hs[w].depth = depth;
        w += 1;
    }
    debug_assert_eq!(w, kept);
    hs.truncate(w);
    // The scratch was reserved a slot per paragraph; the speech keeps only what it holds.
    hs.shrink_to_fit();
    (hs, new_index)
}

mod class;
mod levels;
mod points;

use levels::{Alone, Numbered};
use points::lead_in;
#[cfg(test)]
mod tests;
